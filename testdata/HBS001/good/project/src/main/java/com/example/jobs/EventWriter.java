package com.example.jobs;

import com.example.store.HBaseUtils;
import org.apache.hadoop.hbase.client.Table;

/** `getConnection()` is declared in another file to return `java.sql.Connection`: not HBase. */
public class EventWriter {

    public void write(String name) throws Exception {
        Table table = HBaseUtils.getConnection().getTable(name);
        table.toString();
    }
}
