package com.example.paging;

import java.io.Closeable;
import java.io.IOException;

import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;

/** Pages through a table, but its close() forgets the scanner it keeps open. */
public class TablePager implements Closeable {

    private final Table table;
    private ResultScanner scanner;

    public TablePager(Table table) throws IOException {
        this.table = table;
        this.scanner = table.getScanner(new Scan().setCaching(500)); // expect: HBS007
    }

    public Result[] nextPage(int size) throws IOException {
        return scanner.next(size);
    }

    @Override
    public void close() throws IOException {
        table.close();
    }
}
