package com.example.ops;

import java.io.IOException;

import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.TableDescriptor;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The same schema work as SchemaBootstrap, with every Admin closed on every path. */
public class SchemaInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaInstaller.class);

    private final Connection connection;

    public SchemaInstaller(Connection connection) {
        this.connection = connection;
    }

    public void createEvents() throws IOException {
        TableDescriptor events = TableDescriptorBuilder.newBuilder(TableName.valueOf("events"))
                .setColumnFamily(ColumnFamilyDescriptorBuilder.of("e"))
                .build();
        try (Admin admin = connection.getAdmin()) {
            admin.createTable(events);
        }
    }

    public void dropEvents() throws IOException {
        Admin admin = connection.getAdmin();
        try {
            disable(admin, TableName.valueOf("events"));
        } finally {
            release(admin);
        }
    }

    public void ping() throws IOException {
        Admin admin = connection.getAdmin();
        LOG.info("connected to HBase");
        admin.close();
    }

    private static void disable(Admin admin, TableName name) throws IOException {
        if (admin.isTableEnabled(name)) {
            admin.disableTable(name);
        }
        admin.deleteTable(name);
    }

    private static void release(Admin admin) throws IOException {
        if (admin != null) {
            admin.close();
        }
    }
}
