package com.example.cache;

import java.time.Duration;

import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

/** Jedis pools for the product cache. */
public final class CachePoolFactory {

    private static final int LOOKUP_POOL_SIZE = 4;
    private static final Duration BORROW_TIMEOUT = Duration.ofMillis(500);

    private CachePoolFactory() {
    }

    /** Pool for the warm-up task, which "only ever runs on one thread". */
    public static JedisPool warmUpPool(String host, int port) {
        JedisPoolConfig config = new JedisPoolConfig();
        config.setMaxTotal(1); // expect: RDS001
        config.setMaxIdle(1);
        config.setMinIdle(1);
        config.setMaxWait(BORROW_TIMEOUT);
        return new JedisPool(config, host, port);
    }

    /** Pool shared by the request handlers. */
    public static JedisPool lookupPool(String host, int port, int timeoutMillis) {
        JedisPoolConfig config = new JedisPoolConfig();
        config.setMaxTotal(LOOKUP_POOL_SIZE); // expect: RDS001
        config.setMaxIdle(LOOKUP_POOL_SIZE);
        config.setMinIdle(1);
        config.setMaxWait(BORROW_TIMEOUT);
        return new JedisPool(config, host, port, timeoutMillis);
    }
}
