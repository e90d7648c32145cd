package com.example.tools;

import java.io.IOException;

import org.apache.hadoop.hbase.*;
import org.apache.hadoop.hbase.client.*;

/** Creates the event tables; the client classes come in through wildcard imports. */
public class WildcardSchemaTool {

    public static void main(String[] args) throws IOException {
        HConnection connection = HConnectionManager.createConnection(HBaseConfiguration.create()); // expect: HBS003
        try (Admin admin = connection.getAdmin()) {
            HTableDescriptor events = new HTableDescriptor(TableName.valueOf("events")); // expect: HBS003
            events.addFamily(new HColumnDescriptor("d")); // expect: HBS003
            admin.createTable(events);
        } finally {
            connection.close();
        }
    }

    static org.apache.hadoop.hbase.client.HTablePool pool() { // expect: HBS003
        return null;
    }
}
