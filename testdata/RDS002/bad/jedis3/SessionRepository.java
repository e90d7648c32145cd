package com.example.session;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.exceptions.JedisConnectionException;

/** Written for Jedis 2.x and upgraded to Jedis 3 without touching the pool handling. */
public class SessionRepository {

    private final JedisPool pool;

    public SessionRepository(JedisPool pool) {
        this.pool = pool;
    }

    public String find(String sessionId) {
        Jedis jedis = null;
        try {
            jedis = pool.getResource();
            return jedis.get("session:" + sessionId);
        } catch (JedisConnectionException e) {
            if (jedis != null) {
                pool.returnBrokenResource(jedis); // expect: RDS002
                jedis = null;
            }
            throw e;
        } finally {
            if (jedis != null) {
                pool.returnResource(jedis); // expect: RDS002
            }
        }
    }
}
