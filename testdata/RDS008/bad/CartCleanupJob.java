package com.example.cart;

import java.util.Set;

import org.springframework.data.redis.core.StringRedisTemplate;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

/** Nightly cleanup of abandoned carts. */
public class CartCleanupJob {

    private static final String PURGE_SCRIPT =
            "for _, key in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', key) end"; // expect: RDS008

    private final JedisPool pool;
    private final StringRedisTemplate template;

    public CartCleanupJob(JedisPool pool, StringRedisTemplate template) {
        this.pool = pool;
        this.template = template;
    }

    public void purgeAbandoned() {
        try (Jedis jedis = pool.getResource()) {
            Set<String> carts = jedis.keys("cart:abandoned:*"); // expect: RDS008
            for (String cart : carts) {
                jedis.del(cart);
            }
        }
    }

    public int countSessions() {
        return template.keys("session:*").size(); // expect: RDS008
    }

    public void purgeWithScript() {
        try (Jedis jedis = pool.getResource()) {
            jedis.eval(PURGE_SCRIPT, 0, "cart:expired:*");
        }
    }
}
