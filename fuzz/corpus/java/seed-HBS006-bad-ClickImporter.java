package com.example.clicks;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.List;

import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Delete;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;

/** Imports, expires and checks clicks one row at a time. */
public class ClickImporter {

    private static final byte[] FAMILY = Bytes.toBytes("c");

    private final Connection connection;

    public ClickImporter(Connection connection) {
        this.connection = connection;
    }

    public void importFile(BufferedReader reader) throws IOException {
        try (Table table = connection.getTable(TableName.valueOf("clicks"))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String[] fields = line.split(",");
                Put put = new Put(Bytes.toBytes(fields[0]));
                put.addColumn(FAMILY, Bytes.toBytes("url"), Bytes.toBytes(fields[1]));
                table.put(put); // expect: HBS006
            }
        }
    }

    public void expire(List<String> rowKeys) throws IOException {
        try (Table table = connection.getTable(TableName.valueOf("clicks"))) {
            for (String rowKey : rowKeys) {
                table.delete(new Delete(Bytes.toBytes(rowKey))); // expect: HBS006
            }
        }
    }

    public int countKnown(List<String> rowKeys) throws IOException {
        int known = 0;
        try (Table table = connection.getTable(TableName.valueOf("clicks"))) {
            for (int i = 0; i < rowKeys.size(); i++) {
                Result result = table.get(new Get(Bytes.toBytes(rowKeys.get(i))).addFamily(FAMILY)); // expect: HBS006
                if (!result.isEmpty()) {
                    known++;
                }
            }
        }
        return known;
    }
}
