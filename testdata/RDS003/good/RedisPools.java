package com.example.cache;

import java.time.Duration;

import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

/** Pools that fail fast, and look-alikes that are not Redis pools. */
public class RedisPools {

    private static final Duration BORROW_TIMEOUT = Duration.ofMillis(500);

    private final int waitMillis;

    public RedisPools(int waitMillis) {
        this.waitMillis = waitMillis;
    }

    public JedisPool sessions(String host, int port) {
        JedisPoolConfig config = new JedisPoolConfig();
        config.setMaxTotal(64);
        config.setMaxWait(BORROW_TIMEOUT);
        return new JedisPool(config, host, port);
    }

    public JedisPool configured(String host, int port) {
        JedisPoolConfig config = new JedisPoolConfig();
        config.setMaxWaitMillis(waitMillis);
        return new JedisPool(config, host, port);
    }

    public JedisPool nonBlocking(String host, int port) {
        JedisPoolConfig config = new JedisPoolConfig();
        config.setBlockWhenExhausted(false);
        return new JedisPool(config, host, port);
    }

    public JedisPool injected(JedisPoolConfig config, String host, int port) {
        return new JedisPool(config, host, port);
    }

    /** A pool of sockets to another service: not a Redis pool. */
    public GenericObjectPool<Object> sockets(SocketFactory factory) {
        GenericObjectPoolConfig<Object> config = new GenericObjectPoolConfig<>();
        config.setMaxWaitMillis(-1);
        return new GenericObjectPool<>(factory, config);
    }
}
