package com.example.orders;

import org.apache.flink.streaming.api.functions.sink.RichSinkFunction;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;

/** Writes every enriched order to HBase, opening a connection for each order. */
public class OrderEnrichmentSink extends RichSinkFunction<Order> {

    private static final byte[] FAMILY = Bytes.toBytes("o");

    @Override
    public void invoke(Order order, Context context) throws Exception {
        try (Connection connection = ConnectionFactory.createConnection(HBaseConfiguration.create()); // expect: HBS002
             Table table = connection.getTable(TableName.valueOf("orders"))) {
            Put put = new Put(Bytes.toBytes(order.getId()));
            put.addColumn(FAMILY, Bytes.toBytes("total"), Bytes.toBytes(order.getTotal()));
            table.put(put);
        }
    }
}
