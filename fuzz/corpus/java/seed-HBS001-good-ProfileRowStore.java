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

/** Helpers that take the table: one closes it, the others only use it while the caller owns it. */
public class ProfileRowStore {

    private static final TableName PROFILES = TableName.valueOf("crm:profiles");
    private static final byte[] CF = Bytes.toBytes("p");

    private final Connection connection;

    public ProfileRowStore(Connection connection) {
        this.connection = connection;
    }

    public void saveAll(List<String[]> rows) throws IOException {
        try (Table table = connection.getTable(PROFILES)) {
            for (String[] row : rows) {
                writeRow(table, row[0], row[1]);
            }
        }
    }

    public boolean exists(String id) throws IOException {
        Table table = connection.getTable(PROFILES);
        try {
            return hasRow(table, id);
        } finally {
            closeTable(table);
        }
    }

    public void saveOne(String id, String email) throws IOException {
        writeAndClose(connection.getTable(PROFILES), id, email);
    }

    protected void audit(Table table) throws IOException {
        table.get(new Get(Bytes.toBytes("audit")));
    }

    public void auditOnce() throws IOException {
        // A subclass may override audit(..) and close the table: not followed.
        audit(connection.getTable(PROFILES));
    }

    private void writeRow(Table table, String id, String email) throws IOException {
        Put put = new Put(Bytes.toBytes(id));
        put.addColumn(CF, Bytes.toBytes("email"), Bytes.toBytes(email));
        table.put(put);
    }

    private void writeAndClose(Table table, String id, String email) throws IOException {
        try {
            writeRow(table, id, email);
        } finally {
            table.close();
        }
    }

    private static boolean hasRow(Table table, String id) throws IOException {
        Result result = table.get(new Get(Bytes.toBytes(id)));
        return !result.isEmpty();
    }

    private static void closeTable(Table table) {
        if (table == null) {
            return;
        }
        try {
            table.close();
        } catch (IOException e) {
            // nothing more to release
        }
    }
}
