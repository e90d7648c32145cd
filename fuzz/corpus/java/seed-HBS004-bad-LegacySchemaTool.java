package com.example.tools;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.HColumnDescriptor;
import org.apache.hadoop.hbase.HTableDescriptor;
import org.apache.hadoop.hbase.client.HBaseAdmin;

/** A 0.98-era tool that creates its tables from the command line. */
public class LegacySchemaTool {

    public static void main(String[] args) throws Exception {
        Configuration conf = HBaseConfiguration.create();
        HBaseAdmin admin = new HBaseAdmin(conf);
        try {
            for (String name : args) {
                HTableDescriptor descriptor = new HTableDescriptor(name);
                descriptor.addFamily(new HColumnDescriptor("d"));
                admin.createTable(descriptor); // expect: HBS004
            }
        } finally {
            admin.close();
        }
    }
}
