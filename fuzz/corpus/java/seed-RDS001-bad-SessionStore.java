package com.example.session;

import java.time.Duration;

import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

import redis.clients.jedis.Connection;
import redis.clients.jedis.JedisPooled;

/** Stores web sessions in Redis. */
public class SessionStore implements AutoCloseable {

    private static final String PREFIX = "session:";

    private final JedisPooled redis;

    public SessionStore(String host, int port) {
        GenericObjectPoolConfig<Connection> poolConfig = new GenericObjectPoolConfig<>();
        poolConfig.setMaxTotal(2); // expect: RDS001
        poolConfig.setMaxIdle(2);
        poolConfig.setMinIdle(1);
        poolConfig.setMaxWait(Duration.ofMillis(200));
        this.redis = new JedisPooled(poolConfig, host, port);
    }

    public String load(String sessionId) {
        return redis.get(PREFIX + sessionId);
    }

    public void save(String sessionId, String payload, long ttlSeconds) {
        redis.setex(PREFIX + sessionId, ttlSeconds, payload);
    }

    @Override
    public void close() {
        redis.close();
    }
}
