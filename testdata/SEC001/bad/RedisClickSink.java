package com.example.flink.sink;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.sink.RichSinkFunction;
import org.apache.flink.streaming.connectors.redis.common.config.FlinkJedisPoolConfig;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

/** Counts clicks per page in Redis. */
public class RedisClickSink extends RichSinkFunction<String> {

    private static final String REDIS_PASSWORD = "s3cr3t-click-counter";

    private transient JedisPool pool;

    @Override
    public void open(Configuration parameters) {
        JedisPoolConfig config = new JedisPoolConfig();
        config.setMaxTotal(16);
        pool = new JedisPool(config, "10.0.0.5", 6379, 2000, "s3cr3t"); // expect: SEC001
    }

    @Override
    public void invoke(String page, Context context) {
        try (Jedis jedis = pool.getResource()) {
            jedis.auth(REDIS_PASSWORD); // expect: SEC001
            jedis.incr("clicks:" + page);
        }
    }

    static FlinkJedisPoolConfig bahirConfig() {
        return new FlinkJedisPoolConfig.Builder()
                .setHost("redis.internal")
                .setPort(6379)
                .setPassword("s3cr3t-bahir") // expect: SEC001
                .build();
    }
}
