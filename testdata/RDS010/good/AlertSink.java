package com.example.alerts;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import redis.clients.jedis.JedisPooled;

/** Publishes alerts through a Sink V2 writer with one shared client per writer. */
public class AlertSink implements Sink<Alert> {

    private final String host;

    public AlertSink(String host) {
        this.host = host;
    }

    @Override
    public SinkWriter<Alert> createWriter(WriterInitContext context) {
        JedisPooled redis = new JedisPooled(host, 6379);
        return new SinkWriter<Alert>() {
            @Override
            public void write(Alert alert, Context ctx) {
                redis.publish("alerts:" + alert.severity(), alert.toJson());
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {
                redis.close();
            }
        };
    }
}
