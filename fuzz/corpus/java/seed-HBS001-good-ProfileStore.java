package com.example.profiles;

import java.io.IOException;
import java.util.List;

import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.RegionLocator;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;

/** Every handle is opened in try-with-resources. */
public class ProfileStore {

    private static final TableName PROFILES = TableName.valueOf("profiles");

    private final Connection connection;

    public ProfileStore(Connection connection) {
        this.connection = connection;
    }

    public Result load(String userId) throws IOException {
        try (Table table = connection.getTable(PROFILES)) {
            return table.get(new Get(Bytes.toBytes(userId)));
        }
    }

    public void saveAll(List<Put> puts) throws IOException {
        Table table = connection.getTable(PROFILES);
        try (table) {
            table.put(puts);
        }
    }

    public int regions() throws IOException {
        try (Admin admin = connection.getAdmin();
             RegionLocator locator = connection.getRegionLocator(PROFILES)) {
            admin.flush(PROFILES);
            return locator.getAllRegionLocations().size();
        }
    }

    public void touch(String userId) throws IOException {
        Table table = connection.getTable(PROFILES);
        try (Table owned = table) {
            owned.put(new Put(Bytes.toBytes(userId)).addColumn(
                    Bytes.toBytes("p"), Bytes.toBytes("seen"), Bytes.toBytes(System.currentTimeMillis())));
        }
    }
}
