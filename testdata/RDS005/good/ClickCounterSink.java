package com.example.clicks;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.sink.RichSinkFunction;

import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPubSub;

/** One pool per task, created in open() and closed in close(). */
public class ClickCounterSink extends RichSinkFunction<Click> {

    private final String host;
    private final int port;
    private transient JedisPool pool;
    private transient Jedis fallback;

    public ClickCounterSink(String host, int port) {
        this.host = host;
        this.port = port;
    }

    @Override
    public void open(Configuration parameters) {
        pool = new JedisPool(host, port);
    }

    @Override
    public void invoke(Click click, Context context) {
        if (fallback == null) {
            fallback = new Jedis(host, port);
        }
        try (Jedis jedis = pool.getResource()) {
            jedis.hincrBy("clicks:" + click.campaign(), click.day(), 1);
        }
    }

    /** One connection per cluster node, to read each node's memory statistics. */
    public void memoryReport(Set<HostAndPort> nodes) {
        for (HostAndPort node : nodes) {
            try (Jedis jedis = new Jedis(node)) {
                report(node, jedis.info("memory"));
            }
        }
    }

    /** Reconnects after a dropped subscription; subscribe() blocks while connected. */
    public void listen(JedisPubSub listener) {
        while (!Thread.currentThread().isInterrupted()) {
            try (Jedis jedis = new Jedis(host, port)) {
                jedis.subscribe(listener, "campaign-updates");
            } catch (RuntimeException e) {
                backOff();
            }
        }
    }

    /** One pool per shard host, kept for the life of the job. */
    public void shards(List<String> hosts, Map<String, JedisPool> byHost) {
        for (String shard : hosts) {
            byHost.put(shard, new JedisPool(shard, port));
        }
    }

    @Override
    public void close() {
        if (fallback != null) {
            fallback.close();
        }
        if (pool != null) {
            pool.close();
        }
    }
}
