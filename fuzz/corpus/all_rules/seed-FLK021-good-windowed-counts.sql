CREATE TABLE clicks (
  user_id STRING,
  url     STRING,
  ts      TIMESTAMP(3),
  pt AS PROCTIME(),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'kafka', 'topic' = 'clicks', 'format' = 'json');

-- Window aggregation over a window table-valued function.
INSERT INTO clicks_per_minute
SELECT window_start, window_end, user_id, COUNT(*)
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTES))
GROUP BY window_start, window_end, user_id;

-- Legacy group window.
INSERT INTO clicks_per_hour
SELECT user_id, COUNT(*) FROM clicks GROUP BY TUMBLE(ts, INTERVAL '1' HOUR), user_id;

-- Lookup join against a JDBC table.
INSERT INTO clicks_with_user
SELECT c.url, u.name
FROM clicks AS c
JOIN users FOR SYSTEM_TIME AS OF c.pt AS u ON c.user_id = u.id;

-- Interval join.
INSERT INTO clicks_after_signup
SELECT c.user_id, c.url
FROM clicks c
JOIN signups s ON c.user_id = s.user_id
WHERE c.ts BETWEEN s.ts AND s.ts + INTERVAL '1' HOUR;

-- Array expansion.
INSERT INTO clicked_tags
SELECT c.url, t.tag FROM clicks c CROSS JOIN UNNEST(c.tags) AS t (tag);

-- INSERT INTO per_user SELECT user_id, COUNT(*) FROM clicks GROUP BY user_id;
