package com.example.flink.sink;

import org.apache.flink.streaming.connectors.redis.common.config.FlinkJedisPoolConfig;

/** Connection settings of the Bahir Redis sink. */
final class RedisSinkFactory {

    private RedisSinkFactory() {
    }

    static FlinkJedisPoolConfig config(String password) {
        return new FlinkJedisPoolConfig.Builder()
                .setHost("redis.internal") // expect: RDS007
                .setPort(6379)
                .setPassword(password)
                .setTimeout(2000)
                .build();
    }
}
