package com.example.analytics;

import java.io.IOException;

import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.client.TableDescriptor;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;

/** Creates the analytics tables; assumes someone already ran create_namespace 'analytics'. */
public class AnalyticsTables {

    private static final String NAMESPACE = "analytics";
    private static final TableName PAGE_VIEWS = TableName.valueOf(NAMESPACE, "page_views");

    public void install(Admin admin) throws IOException {
        if (!admin.tableExists(PAGE_VIEWS)) {
            TableDescriptorBuilder builder = TableDescriptorBuilder.newBuilder(PAGE_VIEWS);
            builder.setColumnFamily(ColumnFamilyDescriptorBuilder.of("v"));
            admin.createTable(builder.build()); // expect: HBS005
        }
        TableDescriptor sessions = TableDescriptorBuilder
                .newBuilder(TableName.valueOf("analytics:sessions"))
                .setColumnFamily(ColumnFamilyDescriptorBuilder.of("s"))
                .build();
        if (!admin.tableExists(sessions.getTableName())) {
            admin.createTable(sessions); // expect: HBS005
        }
    }
}
