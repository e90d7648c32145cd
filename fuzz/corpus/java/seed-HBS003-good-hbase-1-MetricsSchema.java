package com.example.metrics;

import java.io.IOException;

import org.apache.hadoop.hbase.HColumnDescriptor;
import org.apache.hadoop.hbase.HTableDescriptor;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;

/** Built against HBase 1.4, where the descriptor classes are the current API. */
public class MetricsSchema {

    public void create(Admin admin) throws IOException {
        HTableDescriptor table = new HTableDescriptor(TableName.valueOf("metrics"));
        table.addFamily(new HColumnDescriptor("m"));
        admin.createTable(table);
    }
}
