package com.example.legacy;

import java.io.IOException;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.client.HTable;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.util.Bytes;

/** The pre-1.0 way to batch puts: auto-flush off, the client buffers them. */
public class LegacyBufferedLoader {

    public void load(Configuration conf, List<String> ids) throws IOException {
        HTable table = new HTable(conf, "events");
        try {
            table.setAutoFlush(false, true);
            table.setWriteBufferSize(4 * 1024 * 1024);
            for (String id : ids) {
                table.put(new Put(Bytes.toBytes(id)).add(Bytes.toBytes("e"), Bytes.toBytes("n"), Bytes.toBytes(1L)));
            }
            table.flushCommits();
        } finally {
            table.close();
        }
    }
}
