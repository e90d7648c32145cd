package com.example.clicks;

import java.util.List;

import org.apache.flink.streaming.api.functions.sink.RichSinkFunction;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

/** Counts clicks per campaign in Redis, opening a connection for every record. */
public class ClickCounterSink extends RichSinkFunction<Click> {

    private final String host;
    private final int port;

    public ClickCounterSink(String host, int port) {
        this.host = host;
        this.port = port;
    }

    @Override
    public void invoke(Click click, Context context) {
        try (Jedis jedis = new Jedis(host, port)) { // expect: RDS005
            jedis.hincrBy("clicks:" + click.campaign(), click.day(), 1);
        }
    }

    /** Replays a batch of clicks after an outage. */
    public void replay(List<Click> clicks) {
        for (Click click : clicks) {
            JedisPool pool = new JedisPool(host, port); // expect: RDS005
            try (Jedis jedis = pool.getResource()) {
                jedis.hincrBy("clicks:" + click.campaign(), click.day(), 1);
            }
            pool.close();
        }
    }
}
