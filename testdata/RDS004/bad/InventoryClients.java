package com.example.inventory;

import java.util.Set;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

/** Clients that never give up on a silent Redis. */
public class InventoryClients {

    private static final int WAIT_FOREVER = 0;

    public JedisPool pool(JedisPoolConfig config, String host, int port) {
        return new JedisPool(config, host, port, WAIT_FOREVER); // expect: RDS004
    }

    public Jedis direct(String host) {
        return new Jedis(host, 6379, 2000, 0); // expect: RDS004
    }

    public JedisCluster cluster(Set<HostAndPort> nodes) {
        return new JedisCluster(nodes, 0); // expect: RDS004
    }

    public JedisClientConfig clientConfig() {
        return DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(2000)
                .socketTimeoutMillis(300_000) // expect: RDS004
                .build();
    }
}
