package com.example.sessions;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;

/** Scanners that are closed, returned or owned by a closeable. */
public class SessionRepository implements Closeable {

    private final Table table;
    private ResultScanner cursor;

    public SessionRepository(Table table) {
        this.table = table;
    }

    public List<String> users(int limit) throws IOException {
        List<String> users = new ArrayList<>();
        try (ResultScanner scanner = table.getScanner(new Scan().setLimit(limit))) {
            for (Result result : scanner) {
                users.add(Bytes.toString(result.getRow()));
            }
        }
        return users;
    }

    public long count() throws IOException {
        ResultScanner scanner = null;
        long count = 0;
        try {
            scanner = table.getScanner(Bytes.toBytes("s"));
            while (scanner.next() != null) {
                count++;
            }
        } finally {
            if (scanner != null) {
                scanner.close();
            }
        }
        return count;
    }

    /** The caller owns the scanner. */
    public ResultScanner open(Scan scan) throws IOException {
        return table.getScanner(scan);
    }

    public void export(Scan scan, Exporter exporter) throws IOException {
        exporter.drain(table.getScanner(scan));
    }

    public void startCursor(Scan scan) throws IOException {
        cursor = table.getScanner(scan);
    }

    public Result next() throws IOException {
        return cursor.next();
    }

    @Override
    public void close() throws IOException {
        if (cursor != null) {
            cursor.close();
        }
        table.close();
    }
}
