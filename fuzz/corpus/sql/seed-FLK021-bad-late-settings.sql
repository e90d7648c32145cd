SET 'parallelism.default' = '4';

-- The TTL is set only after the first job was submitted.
INSERT INTO page_views_per_user
SELECT user_id, COUNT(*) FROM page_views GROUP BY user_id; -- expect: FLK021

SET 'table.exec.state.ttl' = '1 d';

INSERT INTO sessions_per_user
SELECT user_id, COUNT(DISTINCT session_id) FROM page_views GROUP BY user_id;
