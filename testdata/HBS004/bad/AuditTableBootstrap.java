package com.example.audit;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.sink.RichSinkFunction;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.BufferedMutator;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.TableDescriptor;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;

/** Creates its table on start-up: fine the first time, a restart loop after that. */
public class AuditTableBootstrap extends RichSinkFunction<Put> {

    private static final TableName AUDIT = TableName.valueOf("audit_log");

    private transient Connection connection;
    private transient BufferedMutator mutator;

    @Override
    public void open(Configuration parameters) throws Exception {
        connection = ConnectionFactory.createConnection(HBaseConfiguration.create());
        try (Admin admin = connection.getAdmin()) {
            admin.createTable(descriptor()); // expect: HBS004
        }
        mutator = connection.getBufferedMutator(AUDIT);
    }

    /** Wraps the failure, so a second run still fails. */
    static void createArchive(Admin admin) {
        try {
            admin.createTableAsync(TableDescriptorBuilder.newBuilder(TableName.valueOf("audit_archive")) // expect: HBS004
                    .setColumnFamily(ColumnFamilyDescriptorBuilder.of("a"))
                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the archive table", e);
        }
    }

    /** Looks, but creates either way. */
    static void createIndex(Admin admin, TableDescriptor index) throws IOException {
        if (admin.tableExists(index.getTableName())) {
            System.out.println("index table already there");
        }
        admin.createTable(index); // expect: HBS004
    }

    private static TableDescriptor descriptor() {
        return TableDescriptorBuilder.newBuilder(AUDIT)
                .setColumnFamily(ColumnFamilyDescriptorBuilder.of("e"))
                .build();
    }

    @Override
    public void invoke(Put put, Context context) throws Exception {
        mutator.mutate(put);
    }

    @Override
    public void close() throws Exception {
        if (mutator != null) {
            mutator.close();
        }
        if (connection != null) {
            connection.close();
        }
    }
}
