package com.example.reports;

import java.io.IOException;

import org.apache.hadoop.hbase.NamespaceDescriptor;
import org.apache.hadoop.hbase.NamespaceNotFoundException;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;

/** Ensures its namespace before creating tables in it. */
public class ReportTables {

    private static final String NAMESPACE = "reports";

    public void install(Admin admin) throws IOException {
        try {
            admin.getNamespaceDescriptor(NAMESPACE);
        } catch (NamespaceNotFoundException e) {
            admin.createNamespace(NamespaceDescriptor.create(NAMESPACE).build());
        }
        TableName daily = TableName.valueOf(NAMESPACE, "daily");
        if (!admin.tableExists(daily)) {
            admin.createTable(TableDescriptorBuilder.newBuilder(daily)
                    .setColumnFamily(ColumnFamilyDescriptorBuilder.of("r"))
                    .build());
        }
    }
}
