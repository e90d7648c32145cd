package com.example.feed;

import java.time.Duration;

import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

import redis.clients.jedis.Connection;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;
import redis.clients.jedis.JedisPooled;

/** Pools for the feed service, tuned by trial and error. */
public class FeedCachePools {

    public JedisPool timeline(String host, int port) {
        JedisPoolConfig config = new JedisPoolConfig();
        config.setMaxTotal(128);
        config.setMaxIdle(16); // expect: RDS006
        config.setMinIdle(32); // expect: RDS006
        config.setTestOnBorrow(true); // expect: RDS006
        config.setMaxWait(Duration.ofMillis(300));
        return new JedisPool(config, host, port);
    }

    public JedisPooled counters(String host, int port) {
        GenericObjectPoolConfig<Connection> config = new GenericObjectPoolConfig<>(); // expect: RDS006
        config.setMaxTotal(16);
        config.setMaxIdle(16);
        config.setMaxWait(Duration.ofMillis(300));
        return new JedisPooled(config, host, port);
    }
}
