package com.example.orders;

import java.io.IOException;
import java.util.List;

import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;

/** Reads and writes orders; shares one Connection for the whole application. */
public class OrderRepository {

    private static final TableName ORDERS = TableName.valueOf("shop:orders");
    private static final byte[] CF = Bytes.toBytes("d");

    private final Connection connection;

    public OrderRepository(Connection connection) {
        this.connection = connection;
    }

    public void save(String orderId, String status) throws IOException {
        Table table = connection.getTable(ORDERS); // expect: HBS001
        Put put = new Put(Bytes.toBytes(orderId));
        put.addColumn(CF, Bytes.toBytes("status"), Bytes.toBytes(status));
        table.put(put);
    }

    public void saveAll(List<Put> puts) throws IOException {
        connection.getTable(ORDERS).put(puts); // expect: HBS001
    }

    public String status(String orderId) throws IOException {
        Table table = connection.getTable(ORDERS); // expect: HBS001
        Result result = table.get(new Get(Bytes.toBytes(orderId)));
        if (result.isEmpty()) {
            return null;
        }
        return Bytes.toString(result.getValue(CF, Bytes.toBytes("status")));
    }
}
