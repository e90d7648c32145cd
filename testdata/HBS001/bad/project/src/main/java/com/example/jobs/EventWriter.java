package com.example.jobs;

import java.io.IOException;

import com.example.store.HBaseUtils;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Table;

/** The connection comes from a helper in another file; the table it hands out is never closed. */
public class EventWriter {

    public void write(TableName name, Put put) throws IOException {
        Table table = HBaseUtils.getConnection().getTable(name); // expect: HBS001
        table.put(put);
    }

    public void writeClosed(TableName name, Put put) throws IOException {
        try (Table table = HBaseUtils.getConnection().getTable(name)) {
            table.put(put);
        }
    }
}
