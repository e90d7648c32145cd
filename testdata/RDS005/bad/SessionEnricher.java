package com.example.sessions;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

import org.apache.flink.api.common.functions.RichMapFunction;

/** Enriches events with the session stored in Redis. */
public class SessionEnricher extends RichMapFunction<Event, EnrichedEvent> {

    private final String uri;

    public SessionEnricher(String uri) {
        this.uri = uri;
    }

    @Override
    public EnrichedEvent map(Event event) {
        RedisClient client = RedisClient.create(uri); // expect: RDS005
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return new EnrichedEvent(event, connection.sync().get("session:" + event.sessionId()));
        } finally {
            client.shutdown();
        }
    }
}
