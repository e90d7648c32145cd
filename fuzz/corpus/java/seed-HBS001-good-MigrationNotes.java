package com.example.migration;

import java.io.IOException;

import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Table;

/** The old code is kept in comments for reference; only the new code runs. */
public class MigrationNotes {

    private final Connection conn;

    public MigrationNotes(Connection conn) {
        this.conn = conn;
    }

    public void write(Put put) throws IOException {
        // Table t = conn.getTable(TableName.valueOf("events"));
        // t.put(put);
        /*
         * Before 2.0 we did:
         *     conn.getTable(TableName.valueOf("events")).put(put);
         *     Admin admin = conn.getAdmin();
         *     HTable legacy = new HTable(conf, "events");
         */
        try (Table table = conn.getTable(TableName.valueOf("events"))) {
            table.put(put);
        }
    }
}
