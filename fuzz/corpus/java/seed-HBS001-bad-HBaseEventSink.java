package com.example.flink;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.sink.RichSinkFunction;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;

/** Writes every event to HBase. The table is opened once per subtask and never released. */
public class HBaseEventSink extends RichSinkFunction<Event> {

    private static final long serialVersionUID = 1L;

    private final String tableName;
    private transient Connection connection;
    private transient Table table;

    public HBaseEventSink(String tableName) {
        this.tableName = tableName;
    }

    @Override
    public void open(Configuration parameters) throws Exception {
        super.open(parameters);
        connection = ConnectionFactory.createConnection(HBaseConfiguration.create());
        table = connection.getTable(TableName.valueOf(tableName)); // expect: HBS001
    }

    @Override
    public void invoke(Event event, Context context) throws Exception {
        Put put = new Put(Bytes.toBytes(event.getId()));
        put.addColumn(Bytes.toBytes("e"), Bytes.toBytes("payload"), event.getPayload());
        table.put(put);
    }

    @Override
    public void close() throws Exception {
        if (connection != null) {
            connection.close();
        }
        super.close();
    }
}
