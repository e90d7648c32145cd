package com.example.session;

import java.util.Set;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPoolConfig;

/** Session storage on the Redis cluster. */
public final class SessionCache {

    private SessionCache() {
    }

    static JedisCluster cluster(Set<HostAndPort> nodes) {
        return new JedisCluster(nodes, 500, 1000, 3, "s3cr3t-cluster", new JedisPoolConfig()); // expect: SEC001
    }

    static JedisClientConfig clientConfig() {
        return DefaultJedisClientConfig.builder()
                .user("sessions")
                .password("s3cr3t-client-config") // expect: SEC001
                .build();
    }
}
