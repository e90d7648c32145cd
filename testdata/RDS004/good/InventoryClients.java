package com.example.inventory;

import java.util.Set;

import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

/** Finite timeouts, and zeros that are not timeouts. */
public class InventoryClients {

    private static final int TIMEOUT_MS = 2000;

    private final int configuredTimeout;

    public InventoryClients(int configuredTimeout) {
        this.configuredTimeout = configuredTimeout;
    }

    public JedisPool pool(JedisPoolConfig config, String host, int port) {
        return new JedisPool(config, host, port, TIMEOUT_MS, null, 0);
    }

    public JedisPool blocking(JedisPoolConfig config, String host, int port) {
        // connectionTimeout, soTimeout, then infiniteSoTimeout = 0 for BLPOP: meant to be 0.
        return new JedisPool(config, host, port, TIMEOUT_MS, TIMEOUT_MS, 0, null, "secret", 0, "inventory");
    }

    public Jedis configured(String host) {
        return new Jedis(host, 6379, configuredTimeout);
    }

    public JedisCluster cluster(Set<HostAndPort> nodes) {
        return new JedisCluster(nodes, TIMEOUT_MS, 5);
    }
}
