package com.example.alerts;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.connectors.redis.RedisSink; // expect: RDS010
import org.apache.flink.streaming.connectors.redis.common.config.FlinkJedisPoolConfig;

/** Publishes alerts to Redis through the Bahir sink. */
public final class AlertSinkJob {

    private AlertSinkJob() {}

    public static void attach(DataStream<Alert> alerts, String host) {
        FlinkJedisPoolConfig config = new FlinkJedisPoolConfig.Builder().setHost(host).build();
        alerts.addSink(new RedisSink<>(config, new AlertMapper()));
    }
}
