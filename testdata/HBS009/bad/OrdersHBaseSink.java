package com.example.orders;

import java.io.IOException;

import org.apache.flink.streaming.api.functions.sink.RichSinkFunction;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.HConstants;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;

/** Writes orders to HBase; the ZooKeeper ensemble of one environment is compiled in. */
public class OrdersHBaseSink extends RichSinkFunction<String> {

    private static final String PROD_ZK = "10.12.0.11,10.12.0.12,10.12.0.13";

    private transient Connection connection;

    @Override
    public void open(org.apache.flink.configuration.Configuration parameters) throws IOException {
        Configuration conf = HBaseConfiguration.create();
        conf.set(HConstants.ZOOKEEPER_QUORUM, PROD_ZK); // expect: HBS009
        connection = ConnectionFactory.createConnection(conf);
    }

    static Configuration backfill() {
        Configuration conf = new Configuration();
        conf.set("hbase.zookeeper.quorum", "zk-backfill-1.internal:2181"); // expect: HBS009
        return conf;
    }

    @Override
    public void close() throws IOException {
        if (connection != null) {
            connection.close();
        }
    }
}
