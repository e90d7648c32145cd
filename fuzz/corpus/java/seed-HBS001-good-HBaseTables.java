package com.example.hbase;

import java.io.IOException;
import java.util.function.Supplier;

import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.BufferedMutator;
import org.apache.hadoop.hbase.client.BufferedMutatorParams;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Table;

/** Factory methods: the caller owns, and closes, what they return. */
public final class HBaseTables {

    private final Connection connection;

    public HBaseTables(Connection connection) {
        this.connection = connection;
    }

    public Table open(String name) throws IOException {
        return connection.getTable(TableName.valueOf(name));
    }

    public BufferedMutator mutator(String name, long bufferBytes) throws IOException {
        BufferedMutator mutator = connection.getBufferedMutator(
                new BufferedMutatorParams(TableName.valueOf(name)).writeBufferSize(bufferBytes));
        return mutator;
    }

    public Admin admin() throws IOException {
        Admin admin = connection.getAdmin();
        return admin;
    }

    public Supplier<Table> lazily(TableName name) {
        return () -> {
            try {
                return connection.getTable(name);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
