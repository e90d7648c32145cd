package com.example.flink;

import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.util.Collector;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.BufferedMutator;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.util.Bytes;

/** Mirrors every click into an HBase audit table, then passes it on. */
public class ClickAuditFunction extends RichFlatMapFunction<Click, Click> {

    private static final long serialVersionUID = 1L;

    private transient Connection connection;
    private transient BufferedMutator audit;

    @Override
    public void open(Configuration parameters) throws Exception {
        connection = ConnectionFactory.createConnection(HBaseConfiguration.create());
        audit = connection.getBufferedMutator(TableName.valueOf("click_audit"));
    }

    @Override
    public void flatMap(Click click, Collector<Click> out) throws Exception {
        audit.mutate(new Put(Bytes.toBytes(click.getId()))
                .addColumn(Bytes.toBytes("a"), Bytes.toBytes("url"), Bytes.toBytes(click.getUrl())));
        out.collect(click);
    }

    @Override
    public void close() throws Exception {
        try {
            if (audit != null) {
                audit.close();
            }
        } finally {
            if (connection != null) {
                connection.close();
            }
        }
    }
}
