package com.example.leaderboard;

import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.connectors.redis.common.mapper.RedisCommand;
import org.apache.flink.streaming.connectors.redis.common.mapper.RedisCommandDescription;
import org.apache.flink.streaming.connectors.redis.common.mapper.RedisMapper;

/** Hash and sorted-set commands with their additional key; plain commands without. */
public final class LeaderboardMappers {

    private LeaderboardMappers() {}

    public static class ScoreMapper implements RedisMapper<Tuple2<String, Double>> {
        @Override
        public RedisCommandDescription getCommandDescription() {
            return new RedisCommandDescription(RedisCommand.ZADD, "leaderboard");
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

    public static class LastSeenMapper implements RedisMapper<Tuple2<String, String>> {
        @Override
        public RedisCommandDescription getCommandDescription() {
            return new RedisCommandDescription(RedisCommand.SET);
        }

        @Override
        public String getKeyFromData(Tuple2<String, String> data) {
            return "last-seen:" + data.f0;
        }

        @Override
        public String getValueFromData(Tuple2<String, String> data) {
            return data.f1;
        }
    }
}
