package com.example.sink;

import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

/** Runs against a throwaway Redis container: its password is not a secret. */
class RedisClickSinkTest {

    void writesCounts() {
        JedisPool pool = new JedisPool(new JedisPoolConfig(), "localhost", 6379, 2000, "test-only-password");
    }
}
