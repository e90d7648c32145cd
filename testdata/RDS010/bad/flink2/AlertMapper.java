package com.example.alerts;

import org.apache.flink.streaming.connectors.redis.common.mapper.RedisCommand; // expect: RDS010
import org.apache.flink.streaming.connectors.redis.common.mapper.RedisCommandDescription;
import org.apache.flink.streaming.connectors.redis.common.mapper.RedisMapper;

/** Maps alerts to PUBLISH commands. */
public class AlertMapper implements RedisMapper<Alert> {

    @Override
    public RedisCommandDescription getCommandDescription() {
        return new RedisCommandDescription(RedisCommand.PUBLISH);
    }

    @Override
    public String getKeyFromData(Alert alert) {
        return "alerts:" + alert.severity();
    }

    @Override
    public String getValueFromData(Alert alert) {
        return alert.toJson();
    }
}
