package com.example.hbase;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.BufferedMutator;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Table;

/** Hands every handle to an owner that closes it later. */
public class WriterRegistry implements Closeable {

    private final Connection connection;
    private final List<Closeable> owned = new ArrayList<>();
    private final Map<String, Table> tables = new HashMap<>();

    public WriterRegistry(Connection connection) {
        this.connection = connection;
    }

    public TableWriter writer(String name) throws IOException {
        return new TableWriter(connection.getTable(TableName.valueOf(name)));
    }

    public void register(String name) throws IOException {
        Table table = connection.getTable(TableName.valueOf(name));
        tables.put(name, table);
    }

    public void track(String name) throws IOException {
        BufferedMutator mutator = connection.getBufferedMutator(TableName.valueOf(name));
        owned.add(mutator);
    }

    @Override
    public void close() throws IOException {
        for (Table table : tables.values()) {
            table.close();
        }
        for (Closeable closeable : owned) {
            closeable.close();
        }
    }
}
