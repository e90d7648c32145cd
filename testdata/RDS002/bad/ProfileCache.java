package com.example.profile;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

/** Caches user profiles; several methods forget to give the connection back. */
public class ProfileCache {

    private final JedisPool pool;
    private Jedis subscriber;

    public ProfileCache(JedisPool pool) {
        this.pool = pool;
    }

    public String load(String userId) {
        Jedis jedis = pool.getResource(); // expect: RDS002
        return jedis.get("profile:" + userId);
    }

    public long visits(String userId) {
        return pool.getResource().incr("visits:" + userId); // expect: RDS002
    }

    public void save(String userId, String json) {
        Jedis jedis = pool.getResource(); // expect: RDS002
        jedis.setex("profile:" + userId, 3600, json);
        jedis.close();
    }

    public void listen() {
        subscriber = pool.getResource(); // expect: RDS002
    }

    public void touch(String userId) {
        Jedis jedis = pool.getResource(); // expect: RDS002
        expire(jedis, userId);
    }

    private void expire(Jedis jedis, String userId) {
        jedis.expire("profile:" + userId, 3600);
    }
}
