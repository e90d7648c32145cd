package com.example.flink.sink;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.sink.RichSinkFunction;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

/** Counts clicks per page in Redis. */
public class ClickCounterSink extends RichSinkFunction<String> {

    private static final String REDIS_HOST = "redis-prod.internal";

    private transient JedisPool pool;
    private transient JedisPool replica;

    @Override
    public void open(Configuration parameters) {
        JedisPoolConfig config = new JedisPoolConfig();
        pool = new JedisPool(config, "10.0.0.5", 6379, 2000, System.getenv("REDIS_PASSWORD")); // expect: RDS007
        replica = new JedisPool(config, REDIS_HOST, 6380); // expect: RDS007
    }

    @Override
    public void invoke(String page, Context context) {
        try (Jedis jedis = pool.getResource()) {
            jedis.incr("clicks:" + page);
        }
    }
}
