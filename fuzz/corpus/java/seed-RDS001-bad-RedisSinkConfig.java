package com.example.flink.sink;

import org.apache.flink.streaming.connectors.redis.common.config.FlinkJedisPoolConfig;

/** Redis connection settings for the click-count sink. */
public final class RedisSinkConfig {

    private RedisSinkConfig() {
    }

    public static FlinkJedisPoolConfig create(String host, int port) {
        return new FlinkJedisPoolConfig.Builder()
                .setHost(host)
                .setPort(port)
                .setTimeout(2000)
                .setMaxTotal(2) // expect: RDS001
                .setMaxIdle(2)
                .setMinIdle(1)
                .build();
    }
}
