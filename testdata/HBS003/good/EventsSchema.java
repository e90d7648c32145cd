package com.example.events;

import java.io.IOException;

import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.HTable;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;

/** The 2.x API: one Connection, builders for the schema. */
public class EventsSchema {

    public static void main(String[] args) throws IOException {
        try (Connection connection = ConnectionFactory.createConnection(HBaseConfiguration.create());
             Admin admin = connection.getAdmin()) {
            admin.createTable(TableDescriptorBuilder.newBuilder(TableName.valueOf("events"))
                .setColumnFamily(ColumnFamilyDescriptorBuilder.newBuilder("d".getBytes()).setMaxVersions(1).build())
                .build());
            try (Table table = connection.getTable(TableName.valueOf("events"))) {
                // HTable survives as an internal class; naming it is not the removed API.
                if (table instanceof HTable) {
                    System.out.println(((HTable) table).getName());
                }
            }
        }
    }
}
