package com.example.ratelimit;

import java.time.Duration;
import java.util.Set;

import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisSentinelPool;

/** Fixed-window rate limiter backed by a Sentinel-managed Redis. */
public class RateLimiter implements AutoCloseable {

    private final JedisSentinelPool pool;
    private final int limit;

    public RateLimiter(String masterName, Set<String> sentinels, int limit) {
        GenericObjectPoolConfig<Jedis> poolConfig = new GenericObjectPoolConfig<>();
        poolConfig.setMaxTotal(0); // expect: RDS001
        poolConfig.setMaxIdle(0);
        poolConfig.setMaxWait(Duration.ofMillis(100));
        this.pool = new JedisSentinelPool(masterName, sentinels, poolConfig);
        this.limit = limit;
    }

    public boolean tryAcquire(String client, long window) {
        try (Jedis jedis = pool.getResource()) {
            String key = "rate:" + client + ":" + window;
            long count = jedis.incr(key);
            if (count == 1) {
                jedis.expire(key, 60);
            }
            return count <= limit;
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
