package com.example.clicks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.BufferedMutator;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;

/** Batches, buffered writes, and loops that send the same row again on purpose. */
public class BatchImporter {

    private static final byte[] FAMILY = Bytes.toBytes("c");

    private final Connection connection;

    public BatchImporter(Connection connection) {
        this.connection = connection;
    }

    public void importAll(List<String[]> rows) throws IOException {
        try (Table table = connection.getTable(TableName.valueOf("clicks"))) {
            List<Put> puts = new ArrayList<>();
            for (String[] row : rows) {
                puts.add(new Put(Bytes.toBytes(row[0])).addColumn(FAMILY, Bytes.toBytes("url"), Bytes.toBytes(row[1])));
                if (puts.size() == 1000) {
                    table.put(puts);
                    puts.clear();
                }
            }
            table.put(puts);
        }
    }

    public void stream(Iterable<String[]> rows) throws IOException {
        try (BufferedMutator mutator = connection.getBufferedMutator(TableName.valueOf("clicks"))) {
            for (String[] row : rows) {
                mutator.mutate(new Put(Bytes.toBytes(row[0])).addColumn(FAMILY, Bytes.toBytes("url"), Bytes.toBytes(row[1])));
            }
        }
    }

    public Result[] lookup(List<String> keys) throws IOException {
        try (Table table = connection.getTable(TableName.valueOf("clicks"))) {
            List<Get> gets = new ArrayList<>();
            for (String key : keys) {
                gets.add(new Get(Bytes.toBytes(key)));
            }
            return table.get(gets);
        }
    }

    /** Retries one marker row until the write succeeds. */
    public void writeMarker(Put marker) throws IOException, InterruptedException {
        try (Table table = connection.getTable(TableName.valueOf("markers"))) {
            for (int attempt = 1; ; attempt++) {
                try {
                    table.put(marker);
                    return;
                } catch (IOException e) {
                    if (attempt == 3) {
                        throw e;
                    }
                    Thread.sleep(1000L * attempt);
                }
            }
        }
    }

    /** Polls one row until another job has written it. */
    public void awaitDone(Get done) throws IOException, InterruptedException {
        try (Table table = connection.getTable(TableName.valueOf("markers"))) {
            while (table.get(done).isEmpty()) {
                Thread.sleep(5000);
            }
        }
    }
}
