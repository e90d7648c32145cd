package com.example.cache;

import java.util.HashSet;
import java.util.Set;

import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisCluster;

/** The nodes of the session cache cluster. */
final class ClusterNodes {

    private ClusterNodes() {
    }

    static JedisCluster connect() {
        Set<HostAndPort> nodes = new HashSet<>();
        nodes.add(new HostAndPort("10.0.1.11", 7000)); // expect: RDS007
        nodes.add(new HostAndPort("10.0.1.12", 7000)); // expect: RDS007
        return new JedisCluster(nodes);
    }
}
