package com.example.words;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.common.collect.HashBasedTable;
import com.google.common.collect.Table;
import org.apache.hadoop.hbase.util.Bytes;

/** Not HBase: Guava's Table and a map, filled in loops. */
public class WordCounts {

    private final Table<String, String, Integer> byDocument = HashBasedTable.create();
    private final Map<String, byte[]> encoded = new HashMap<>();

    public void add(String document, List<String> words) {
        for (String word : words) {
            Integer count = byDocument.get(document, word);
            byDocument.put(document, word, count == null ? 1 : count + 1);
            encoded.put(word, Bytes.toBytes(word));
        }
    }
}
