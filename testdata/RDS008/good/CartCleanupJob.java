package com.example.cart;

import java.util.Iterator;
import java.util.Map;

import org.json.JSONObject;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** Cleanup with SCAN, and keys() of things that are not Redis. */
public class CartCleanupJob {

    private static final String GET_SCRIPT = "return redis.call('GET', KEYS[1])";

    private final JedisPool pool;

    public CartCleanupJob(JedisPool pool) {
        this.pool = pool;
    }

    public void purgeAbandoned() {
        try (Jedis jedis = pool.getResource()) {
            ScanParams params = new ScanParams().match("cart:abandoned:*").count(500);
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = jedis.scan(cursor, params);
                page.getResult().forEach(jedis::del);
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
    }

    public Iterator<String> fields(JSONObject payload) {
        return payload.keys();
    }

    public int size(Map<String, String> attributes) {
        return attributes.keySet().size();
    }

    public String read(String key) {
        try (Jedis jedis = pool.getResource()) {
            return (String) jedis.eval(GET_SCRIPT, 1, key);
        }
    }
}
