package com.example.ledger;

import java.io.IOException;

import org.apache.hadoop.hbase.NamespaceDescriptor;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;

/** Tables in the default namespace, and a namespace the caller chooses. */
public class LedgerTables {

    public void install(Admin admin, String tenant) throws IOException {
        create(admin, TableName.valueOf("ledger"));
        create(admin, TableName.valueOf("default:ledger_archive"));
        create(admin, TableName.valueOf(tenant, "entries"));
    }

    /** A namespace created from a builder held in a local. */
    public void installAudit(Admin admin) throws IOException {
        NamespaceDescriptor.Builder audit = NamespaceDescriptor.create("audit");
        admin.createNamespace(audit.build());
        if (!admin.tableExists(TableName.valueOf("audit:ledger_changes"))) {
            admin.createTable(TableDescriptorBuilder.newBuilder(TableName.valueOf("audit:ledger_changes"))
                    .setColumnFamily(ColumnFamilyDescriptorBuilder.of("c"))
                    .build());
        }
    }

    private static void create(Admin admin, TableName name) throws IOException {
        if (!admin.tableExists(name)) {
            admin.createTable(TableDescriptorBuilder.newBuilder(name)
                    .setColumnFamily(ColumnFamilyDescriptorBuilder.of("l"))
                    .build());
        }
    }
}
