package com.example.legacy;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

/** Jedis 2.4: `returnResource` is the way to give a connection back there. */
public class LegacyCounter {

    private final JedisPool pool;

    public LegacyCounter(JedisPool pool) {
        this.pool = pool;
    }

    public long next(String key) {
        Jedis jedis = pool.getResource();
        try {
            return jedis.incr(key);
        } finally {
            pool.returnResource(jedis);
        }
    }
}
