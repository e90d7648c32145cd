package com.example.profiles;

import java.io.IOException;
import java.util.List;

import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;

/** Writes profile rows through small private helpers that use the table but never close it. */
public class ProfileRowWriter {

    private static final TableName PROFILES = TableName.valueOf("crm:profiles");
    private static final byte[] CF = Bytes.toBytes("p");

    private final Connection connection;

    public ProfileRowWriter(Connection connection) {
        this.connection = connection;
    }

    public void saveAll(List<String[]> rows) throws IOException {
        Table table = connection.getTable(PROFILES); // expect: HBS001
        for (String[] row : rows) {
            writeRow(table, row[0], row[1]);
        }
    }

    public boolean exists(String id) throws IOException {
        return hasRow(connection.getTable(PROFILES), id); // expect: HBS001
    }

    private void writeRow(Table table, String id, String email) throws IOException {
        Put put = new Put(Bytes.toBytes(id));
        put.addColumn(CF, Bytes.toBytes("email"), Bytes.toBytes(email));
        table.put(put);
    }

    private static boolean hasRow(Table table, String id) throws IOException {
        Result result = table.get(new Get(Bytes.toBytes(id)));
        return !result.isEmpty();
    }
}
