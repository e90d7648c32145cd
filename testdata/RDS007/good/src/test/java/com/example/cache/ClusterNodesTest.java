package com.example.cache;

import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPool;

/** Runs against a local Redis container. */
class ClusterNodesTest {

    void connects() {
        JedisPool pool = new JedisPool("localhost", 6379);
        HostAndPort node = new HostAndPort("127.0.0.1", 7000);
    }
}
