package com.example.lombok;

import java.io.IOException;

import lombok.Cleanup;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Delete;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;

/** Lombok closes @Cleanup locals at the end of their scope. */
public class LombokTableJob {

    public void purge(Connection connection, String row) throws IOException {
        @Cleanup Table table = connection.getTable(TableName.valueOf("sessions"));
        table.delete(new Delete(Bytes.toBytes(row)));
    }

    public boolean exists(Connection connection, String name) throws IOException {
        @Cleanup Admin admin = connection.getAdmin();
        return admin.tableExists(TableName.valueOf(name));
    }
}
