package com.example.cache;

import java.time.Duration;

import org.apache.commons.pool2.impl.BaseObjectPoolConfig;

import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;
import redis.clients.jedis.JedisPooled;

/** Pools for the API tier; none of them ever gives up on an exhausted pool. */
public class RedisPools {

    private static final long BLOCK_FOREVER = -1L;

    public JedisPool sessions(String host, int port) {
        JedisPoolConfig config = new JedisPoolConfig();
        config.setMaxTotal(64);
        config.setMaxIdle(64);
        config.setMaxWaitMillis(BLOCK_FOREVER); // expect: RDS003
        return new JedisPool(config, host, port);
    }

    public JedisPooled counters(String host, int port) {
        ConnectionPoolConfig config = new ConnectionPoolConfig(); // expect: RDS003
        config.setMaxTotal(32);
        config.setMaxIdle(32);
        return new JedisPooled(config, host, port);
    }

    public JedisPool reports(String host, int port) {
        JedisPoolConfig config = new JedisPoolConfig();
        config.setMaxTotal(16);
        config.setMaxWait(BaseObjectPoolConfig.DEFAULT_MAX_WAIT); // expect: RDS003
        return new JedisPool(config, host, port);
    }

    public JedisPool batch(String host, int port) {
        JedisPoolConfig config = new JedisPoolConfig();
        config.setMaxWait(Duration.ofMinutes(2)); // expect: RDS003
        return new JedisPool(config, host, port);
    }

    public JedisPool quick() {
        return new JedisPool("redis.internal", 6379); // expect: RDS003
    }
}
