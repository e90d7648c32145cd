package com.example.flink.sink;

import org.apache.flink.api.java.utils.ParameterTool;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.sink.RichSinkFunction;
import org.apache.flink.streaming.connectors.redis.common.config.FlinkJedisPoolConfig;

import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

/** Counts clicks per page in Redis; the endpoint comes from the job's parameters. */
public class ClickCounterSink extends RichSinkFunction<String> {

    private final ParameterTool params;
    private transient JedisPool pool;

    public ClickCounterSink(ParameterTool params) {
        this.params = params;
    }

    @Override
    public void open(Configuration parameters) {
        // The default port with a configured host is fine.
        pool = new JedisPool(new JedisPoolConfig(), params.getRequired("redis.host"), 6379);
        JedisPool fallback = new JedisPool(new JedisPoolConfig(), params.get("redis.host", "localhost"),
                params.getInt("redis.port", 6379));
        HostAndPort node = new HostAndPort(System.getenv("REDIS_NODE"), 7000);
    }

    FlinkJedisPoolConfig bahir() {
        return new FlinkJedisPoolConfig.Builder()
                .setHost(params.getRequired("redis.host"))
                .setPort(6379)
                .build();
    }

    /** Not a Redis client: an HTTP health check with its own setHost. */
    static void probe(HealthCheck check) {
        check.setHost("10.0.0.5");
    }
}
