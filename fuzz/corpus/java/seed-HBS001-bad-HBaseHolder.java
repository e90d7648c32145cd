package com.example.util;

import java.io.IOException;

import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;

/** A utility class that keeps one connection and one admin for the whole process. */
public final class HBaseHolder {

    private static final Connection CONNECTION;
    private static final Admin ADMIN;

    static {
        try {
            CONNECTION = ConnectionFactory.createConnection(HBaseConfiguration.create());
            ADMIN = CONNECTION.getAdmin(); // expect: HBS001
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private HBaseHolder() {
    }

    public static boolean tableExists(String name) throws IOException {
        return ADMIN.tableExists(TableName.valueOf(name));
    }

    public static Connection connection() {
        return CONNECTION;
    }
}
