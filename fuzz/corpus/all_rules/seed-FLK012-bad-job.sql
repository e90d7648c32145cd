SET 'state.backend.type' = 'rocksdb';
SET 'state.backend.incremental' = 'false'; -- expect: FLK012

INSERT INTO sessions SELECT user_id, SESSION_START(ts, INTERVAL '30' MINUTE) FROM clicks
GROUP BY user_id, SESSION(ts, INTERVAL '30' MINUTE);
