package com.example.audit;

import java.io.IOException;

import org.apache.commons.io.IOUtils;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.BufferedMutator;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Table;

/** Pre-Java-7 style: every handle is closed in a finally block. */
public class AuditWriter {

    private final Connection connection;

    public AuditWriter(Connection connection) {
        this.connection = connection;
    }

    public void write(Put put) throws IOException {
        Table table = null;
        try {
            table = connection.getTable(TableName.valueOf("audit"));
            table.put(put);
        } finally {
            if (table != null) {
                table.close();
            }
        }
    }

    public void writeBuffered(Iterable<Put> puts) throws IOException {
        BufferedMutator mutator = connection.getBufferedMutator(TableName.valueOf("audit"));
        try {
            for (Put put : puts) {
                mutator.mutate(put);
            }
        } finally {
            IOUtils.closeQuietly(mutator);
        }
    }

    public void compact() throws IOException {
        Admin admin = connection.getAdmin();
        try {
            admin.majorCompact(TableName.valueOf("audit"));
        } finally {
            admin.close();
        }
    }
}
