package com.example.feed;

import java.time.Duration;

import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

/** Pools with maxIdle = maxTotal and idle validation; a non-Redis pool left alone. */
public class FeedCachePools {

    private final int poolSize;

    public FeedCachePools(int poolSize) {
        this.poolSize = poolSize;
    }

    public JedisPool timeline(String host, int port) {
        JedisPoolConfig config = new JedisPoolConfig();
        config.setMaxTotal(128);
        config.setMaxIdle(128);
        config.setMinIdle(16);
        config.setMaxWait(Duration.ofMillis(300));
        return new JedisPool(config, host, port);
    }

    public JedisPool sized(String host, int port) {
        JedisPoolConfig config = new JedisPoolConfig();
        config.setMaxTotal(poolSize);
        config.setMaxIdle(poolSize);
        config.setMaxWait(Duration.ofMillis(300));
        return new JedisPool(config, host, port);
    }

    /** Thrift client pool: borrow-time validation is what this protocol needs. */
    public GenericObjectPoolConfig<Object> thrift() {
        GenericObjectPoolConfig<Object> config = new GenericObjectPoolConfig<>();
        config.setMaxTotal(32);
        config.setMaxIdle(4);
        config.setTestOnBorrow(true);
        return config;
    }
}
