-- Session settings for the click-stream enrichment.
SET 'execution.runtime-mode' = 'streaming';
SET 'execution.checkpointing.interval' = '20s'; -- expect: FLK005

INSERT INTO enriched_clicks
SELECT c.id, c.url, u.segment
FROM clicks AS c
JOIN users FOR SYSTEM_TIME AS OF c.proc_time AS u
  ON c.user_id = u.id;
