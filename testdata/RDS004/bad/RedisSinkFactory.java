package com.example.jobs;

import org.apache.flink.streaming.connectors.redis.common.config.FlinkJedisPoolConfig;

/** Builds the Bahir sink configuration for the enrichment job. */
public final class RedisSinkFactory {

    private RedisSinkFactory() {}

    public static FlinkJedisPoolConfig config(String host) {
        return new FlinkJedisPoolConfig.Builder()
                .setHost(host)
                .setPort(6379)
                .setTimeout(0) // expect: RDS004
                .build();
    }
}
