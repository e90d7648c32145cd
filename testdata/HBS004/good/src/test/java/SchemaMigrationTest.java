package com.example.schema;

import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.junit.jupiter.api.Test;

/** Tests create their tables on a fresh mini-cluster: skipped by default. */
class SchemaMigrationTest {

    private Admin admin;

    @Test
    void createsTheOrdersTable() throws Exception {
        admin.createTable(TableDescriptorBuilder.newBuilder(TableName.valueOf("orders"))
                .setColumnFamily(ColumnFamilyDescriptorBuilder.of("o"))
                .build());
    }
}
