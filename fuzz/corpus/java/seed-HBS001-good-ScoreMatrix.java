package com.example.scores;

import com.google.common.collect.HashBasedTable;
import com.google.common.collect.Table;

/** Guava tables and an own registry: nothing to do with HBase. */
public class ScoreMatrix {

    private final Table<String, String, Integer> scores = HashBasedTable.create();
    private final TableRegistry registry = new TableRegistry();

    public Table<String, String, Integer> getTable() {
        return scores;
    }

    public void record(String player, String round, int score) {
        getTable().put(player, round, score);
        Table<String, String, Integer> copy = registry.getTable("archive");
        copy.put(player, round, score);
    }

    static final class TableRegistry {
        Table<String, String, Integer> getTable(String name) {
            return HashBasedTable.create();
        }
    }
}
