package com.example.metrics;

import java.io.IOException;

import org.apache.hadoop.hbase.HColumnDescriptor;
import org.apache.hadoop.hbase.HTableDescriptor;
import org.apache.hadoop.hbase.NamespaceDescriptor;
import org.apache.hadoop.hbase.NamespaceExistException;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;

/** Ensures a namespace, but not the one its table goes into. */
public class MetricsStore {

    public void install(Admin admin) throws IOException {
        try {
            admin.createNamespace(NamespaceDescriptor.create("metrics_v2").build());
        } catch (NamespaceExistException e) {
            // already there
        }
        HTableDescriptor table = new HTableDescriptor(TableName.valueOf("metrics:points"));
        table.addFamily(new HColumnDescriptor("p"));
        if (!admin.tableExists(table.getTableName())) {
            admin.createTable(table); // expect: HBS005
        }
    }
}
