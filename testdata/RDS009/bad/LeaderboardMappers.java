package com.example.leaderboard;

import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.connectors.redis.common.mapper.RedisCommand;
import org.apache.flink.streaming.connectors.redis.common.mapper.RedisCommandDescription;
import org.apache.flink.streaming.connectors.redis.common.mapper.RedisMapper;

/** Mappers for the leaderboard sinks. */
public final class LeaderboardMappers {

    private LeaderboardMappers() {}

    /** Player scores into a sorted set. */
    public static class ScoreMapper implements RedisMapper<Tuple2<String, Double>> {
        @Override
        public RedisCommandDescription getCommandDescription() {
            return new RedisCommandDescription(RedisCommand.ZADD); // expect: RDS009
        }

        @Override
        public String getKeyFromData(Tuple2<String, Double> data) {
            return data.f0;
        }

        @Override
        public String getValueFromData(Tuple2<String, Double> data) {
            return String.valueOf(data.f1);
        }
    }

    /** Player names into a hash. */
    public static class NameMapper implements RedisMapper<Tuple2<String, String>> {
        @Override
        public RedisCommandDescription getCommandDescription() {
            return new RedisCommandDescription(RedisCommand.HSET, null); // expect: RDS009
        }

        @Override
        public String getKeyFromData(Tuple2<String, String> data) {
            return data.f0;
        }

        @Override
        public String getValueFromData(Tuple2<String, String> data) {
            return data.f1;
        }
    }
}
