package com.example.store;

import java.io.IOException;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.client.*;

/** One connection for the whole process, created on first use. */
public final class HBaseUtils {

    private static Connection connection;

    private HBaseUtils() {}

    public static synchronized Connection getConnection() throws IOException {
        if (connection == null) {
            Configuration conf = HBaseConfiguration.create();
            connection = ConnectionFactory.createConnection(conf);
        }
        return connection;
    }
}
