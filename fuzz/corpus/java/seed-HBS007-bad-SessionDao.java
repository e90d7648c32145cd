package com.example.sessions;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;

/** Reads sessions; every scan leaves its scanner for the lease timeout to clean up. */
public class SessionDao {

    private final Connection connection;

    public SessionDao(Connection connection) {
        this.connection = connection;
    }

    public List<String> recentUsers(int limit) throws IOException {
        List<String> users = new ArrayList<>();
        try (Table table = connection.getTable(TableName.valueOf("sessions"))) {
            ResultScanner scanner = table.getScanner(new Scan().setReversed(true)); // expect: HBS007
            for (Result result : scanner) {
                users.add(Bytes.toString(result.getRow()));
                if (users.size() == limit) {
                    break;
                }
            }
        }
        return users;
    }

    public long countAll() throws IOException {
        long count = 0;
        try (Table table = connection.getTable(TableName.valueOf("sessions"))) {
            for (Result ignored : table.getScanner(Bytes.toBytes("s"))) { // expect: HBS007
                count++;
            }
        }
        return count;
    }

    public Result first(Table table, Scan scan) throws IOException {
        return table.getScanner(scan).next(); // expect: HBS007
    }
}
