package com.example.cache;

import java.time.Duration;

import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

/** Jedis pools sized for the request handlers. */
public final class RedisClients {

    private static final int POOL_SIZE = 64;
    private static final Duration BORROW_TIMEOUT = Duration.ofMillis(500);

    private final int configuredPoolSize;

    public RedisClients(int configuredPoolSize) {
        this.configuredPoolSize = configuredPoolSize;
    }

    public JedisPool sized(String host, int port) {
        JedisPoolConfig config = new JedisPoolConfig();
        config.setMaxTotal(POOL_SIZE);
        config.setMaxIdle(POOL_SIZE);
        config.setMinIdle(8);
        config.setMaxWait(BORROW_TIMEOUT);
        // config.setMaxTotal(1);
        /* config.setMaxTotal(2); */
        /*
         * Do not shrink the pool below the handler threads:
         * config.setMaxTotal(4);
         */
        return new JedisPool(config, host, port);
    }

    /** No setMaxTotal: the library default of 8 applies. */
    public JedisPool withDefaults(String host, int port) {
        JedisPoolConfig config = new JedisPoolConfig();
        config.setMaxWait(BORROW_TIMEOUT);
        return new JedisPool(config, host, port);
    }

    /** A negative maxTotal means no limit. */
    public JedisPool unlimited(String host, int port) {
        JedisPoolConfig config = new JedisPoolConfig();
        config.setMaxTotal(-1);
        config.setMaxWait(BORROW_TIMEOUT);
        return new JedisPool(config, host, port);
    }

    /** The size comes from the deployment settings: unknown here. */
    public JedisPool configured(String host, int port) {
        JedisPoolConfig config = new JedisPoolConfig();
        config.setMaxTotal(configuredPoolSize);
        config.setMaxIdle(configuredPoolSize);
        config.setMaxWait(BORROW_TIMEOUT);
        return new JedisPool(config, host, port);
    }
}
