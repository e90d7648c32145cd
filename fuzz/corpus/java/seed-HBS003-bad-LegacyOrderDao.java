package com.example.orders;

import java.io.IOException;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.HTableDescriptor; // expect: HBS003
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.HBaseAdmin;
import org.apache.hadoop.hbase.client.HConnection; // expect: HBS003
import org.apache.hadoop.hbase.client.HConnectionManager; // expect: HBS003
import org.apache.hadoop.hbase.client.HTable;
import org.apache.hadoop.hbase.client.HTableInterface; // expect: HBS003
import org.apache.hadoop.hbase.client.HTablePool; // expect: HBS003
import org.apache.hadoop.hbase.client.Result;

/** Order lookups, written against the HBase 0.94 client and never migrated. */
public class LegacyOrderDao {

    private final Configuration conf = HBaseConfiguration.create();
    private final HTablePool pool = new HTablePool(conf, 16);
    private final HConnection connection;

    public LegacyOrderDao() throws IOException {
        connection = HConnectionManager.createConnection(conf);
    }

    public Result byId(byte[] id) throws IOException {
        HTableInterface orders = pool.getTable("orders");
        try {
            return orders.get(new Get(id));
        } finally {
            orders.close();
        }
    }

    public Result auditById(byte[] id) throws IOException {
        HTable audit = new HTable(conf, "orders_audit"); // expect: HBS003
        try {
            return audit.get(new Get(id));
        } finally {
            audit.close();
        }
    }

    public boolean schemaMatches(HTableDescriptor expected) throws IOException {
        HBaseAdmin admin = new HBaseAdmin(conf); // expect: HBS003
        try {
            return admin.getTableDescriptor(expected.getTableName()).equals(expected);
        } finally {
            admin.close();
        }
    }
}
