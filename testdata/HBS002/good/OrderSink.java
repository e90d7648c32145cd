package com.example.orders;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.sink.RichSinkFunction;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.BufferedMutator;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.util.Bytes;

/** The recommended shape: one connection per subtask, opened in open() and closed in close(). */
public class OrderSink extends RichSinkFunction<Order> {

    private transient Connection connection;
    private transient BufferedMutator mutator;

    @Override
    public void open(Configuration parameters) throws Exception {
        connection = ConnectionFactory.createConnection(HBaseConfiguration.create());
        mutator = connection.getBufferedMutator(TableName.valueOf("orders"));
    }

    @Override
    public void invoke(Order order, Context context) throws Exception {
        if (connection == null) {
            // Lazily re-created after a failed open(): still one per subtask.
            connection = ConnectionFactory.createConnection(HBaseConfiguration.create());
        }
        mutator.mutate(new Put(Bytes.toBytes(order.getId()))
                .addColumn(Bytes.toBytes("o"), Bytes.toBytes("total"), Bytes.toBytes(order.getTotal())));
    }

    @Override
    public void close() throws Exception {
        if (mutator != null) {
            mutator.close();
        }
        if (connection != null) {
            connection.close();
        }
    }
}
