package com.example.schema;

import java.io.IOException;
import java.util.List;

import org.apache.hadoop.hbase.TableExistsException;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.TableDescriptor;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;

/** Every way of making table creation safe to run twice. */
public class SchemaInstaller {

    private final Connection connection;

    public SchemaInstaller(Connection connection) {
        this.connection = connection;
    }

    public void ensure(TableDescriptor descriptor) throws IOException {
        try (Admin admin = connection.getAdmin()) {
            if (!admin.tableExists(descriptor.getTableName())) {
                admin.createTable(descriptor);
            }
        }
    }

    public void ensureOrReport(Admin admin, TableDescriptor descriptor) throws IOException {
        if (admin.tableExists(descriptor.getTableName())) {
            System.out.println(descriptor.getTableName() + " is already there");
        } else {
            admin.createTable(descriptor);
        }
    }

    public void ensureAll(Admin admin, List<TableDescriptor> descriptors) throws IOException {
        for (TableDescriptor descriptor : descriptors) {
            boolean exists = admin.tableExists(descriptor.getTableName());
            if (exists) {
                continue;
            }
            admin.createTable(descriptor);
        }
    }

    public void ensureRacing(Admin admin, TableDescriptor descriptor) throws IOException {
        try {
            admin.createTable(descriptor);
        } catch (TableExistsException e) {
            // Another instance won the race: nothing to do.
        }
    }

    public void ensureQuietly(Admin admin, TableDescriptor descriptor) {
        try {
            admin.createTable(descriptor);
        } catch (IOException e) {
            System.out.println("not created, probably there already: " + e.getMessage());
        }
    }

    public void recreate(Admin admin, TableName name) throws IOException {
        if (admin.tableExists(name)) {
            admin.disableTable(name);
            admin.deleteTable(name);
        }
        admin.createTable(TableDescriptorBuilder.newBuilder(name)
                .setColumnFamily(ColumnFamilyDescriptorBuilder.of("d"))
                .build());
    }

    public void ensureNamed(Admin admin, TableName name) throws IOException {
        if (isTableExists(admin, name)) {
            return;
        }
        admin.createTable(TableDescriptorBuilder.newBuilder(name)
                .setColumnFamily(ColumnFamilyDescriptorBuilder.of("d"))
                .build());
    }

    private static boolean isTableExists(Admin admin, TableName name) throws IOException {
        return admin.tableExists(name);
    }
}
