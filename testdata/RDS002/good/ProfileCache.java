package com.example.profile;

import java.net.URL;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

/** Every borrowed connection goes back to the pool, on every path. */
public class ProfileCache implements AutoCloseable {

    private final JedisPool pool;
    private Jedis subscriber;

    public ProfileCache(JedisPool pool) {
        this.pool = pool;
    }

    public String load(String userId) {
        try (Jedis jedis = pool.getResource()) {
            return jedis.get("profile:" + userId);
        }
    }

    public void save(String userId, String json) {
        Jedis jedis = pool.getResource();
        try {
            jedis.setex("profile:" + userId, 3600, json);
        } finally {
            release(jedis);
        }
    }

    public Jedis borrow() {
        return pool.getResource();
    }

    public void ping() {
        Jedis jedis = pool.getResource();
        jedis.close();
    }

    public void listen() {
        subscriber = pool.getResource();
    }

    /** A class-path resource, not a Redis connection. */
    public URL template() {
        return getClass().getResource("/templates/profile.json");
    }

    public URL schema(ClassLoader loader) {
        return loader.getResource("schema.json");
    }

    private void release(Jedis jedis) {
        if (jedis != null) {
            jedis.close();
        }
    }

    @Override
    public void close() {
        if (subscriber != null) {
            subscriber.close();
        }
        pool.close();
    }
}
