package com.example.flink.sink;

import org.apache.flink.streaming.connectors.redis.common.config.FlinkJedisPoolConfig;

/** Redis connection settings for the click-count sink. */
public final class RedisSinkConfig {

    private static final int POOL_SIZE = 32;

    private RedisSinkConfig() {
    }

    public static FlinkJedisPoolConfig create(String host, int port) {
        return new FlinkJedisPoolConfig.Builder()
                .setHost(host)
                .setPort(port)
                .setTimeout(2000)
                // .setMaxTotal(1)
                .setMaxTotal(POOL_SIZE)
                .setMaxIdle(POOL_SIZE)
                .setMinIdle(1)
                .build();
    }
}
