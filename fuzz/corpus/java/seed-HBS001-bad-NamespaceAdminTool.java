package com.example.ops;

import java.io.IOException;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.HRegionLocation;
import org.apache.hadoop.hbase.NamespaceDescriptor;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.RegionLocator;

/** Command-line helper for operators: namespaces and region layout. */
public final class NamespaceAdminTool {

    private final Connection connection;

    private NamespaceAdminTool(Connection connection) {
        this.connection = connection;
    }

    void ensureNamespace(String namespace) throws IOException {
        Admin admin = connection.getAdmin(); // expect: HBS001
        boolean exists = false;
        for (NamespaceDescriptor descriptor : admin.listNamespaceDescriptors()) {
            if (descriptor.getName().equals(namespace)) {
                exists = true;
            }
        }
        if (!exists) {
            admin.createNamespace(NamespaceDescriptor.create(namespace).build());
        }
    }

    int regionCount(String table) throws IOException {
        RegionLocator locator = connection.getRegionLocator(TableName.valueOf(table)); // expect: HBS001
        List<HRegionLocation> locations = locator.getAllRegionLocations();
        return locations.size();
    }

    public static void main(String[] args) throws IOException {
        Configuration conf = HBaseConfiguration.create();
        try (Connection connection = ConnectionFactory.createConnection(conf)) {
            NamespaceAdminTool tool = new NamespaceAdminTool(connection);
            tool.ensureNamespace(args[0]);
            System.out.println(tool.regionCount(args[1]));
        }
    }
}
