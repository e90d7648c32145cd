package com.example.ops;

import java.io.IOException;

import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.TableDescriptor;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;

/** Creates the job's tables at startup; an exception in createTable skips every close. */
public class SchemaBootstrap {

    private final Connection connection;

    public SchemaBootstrap(Connection connection) {
        this.connection = connection;
    }

    public void createEvents() throws IOException {
        TableDescriptor events = TableDescriptorBuilder.newBuilder(TableName.valueOf("events"))
                .setColumnFamily(ColumnFamilyDescriptorBuilder.of("e"))
                .build();
        Admin admin = connection.getAdmin(); // expect: HBS001
        admin.createTable(events);
        admin.close();
    }

    public void dropEvents() throws IOException {
        Admin admin = connection.getAdmin(); // expect: HBS001
        disable(admin, TableName.valueOf("events"));
        release(admin);
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
