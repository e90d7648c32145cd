package com.example.events;

import java.io.IOException;

import org.apache.hadoop.hbase.HColumnDescriptor; // expect: HBS003
import org.apache.hadoop.hbase.HTableDescriptor; // expect: HBS003
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;

/** Built against HBase 3.0, where the descriptor classes are gone: this does not compile. */
public class EventsSchema {

    public void create(Admin admin) throws IOException {
        HTableDescriptor table = new HTableDescriptor(TableName.valueOf("events"));
        HColumnDescriptor family = new HColumnDescriptor("d");
        family.setMaxVersions(1);
        table.addFamily(family);
        admin.createTable(table);
    }
}
