package com.example.flink.sink;

import org.apache.flink.api.java.utils.ParameterTool;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.sink.RichSinkFunction;
import org.apache.flink.streaming.connectors.redis.common.config.FlinkJedisPoolConfig;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

/** Counts clicks per page in Redis; every credential comes from outside the job. */
public class RedisClickSink extends RichSinkFunction<String> {

    private final ParameterTool params;
    private transient JedisPool pool;

    public RedisClickSink(ParameterTool params) {
        this.params = params;
    }

    @Override
    public void open(Configuration parameters) {
        String password = System.getenv("REDIS_PASSWORD");
        pool = new JedisPool(new JedisPoolConfig(), params.get("redis.host"), 6379, 2000, password);
        JedisPool noAuth = new JedisPool(new JedisPoolConfig(), params.get("redis.host"), 6379, 2000, null);
    }

    @Override
    public void invoke(String page, Context context) {
        try (Jedis jedis = pool.getResource()) {
            jedis.auth(params.getRequired("redis.password"));
            jedis.incr("clicks:" + page);
        }
    }

    FlinkJedisPoolConfig bahirConfig() {
        return new FlinkJedisPoolConfig.Builder()
                .setHost(params.get("redis.host"))
                .setPassword(params.get("redis.password"))
                .build();
    }
}
