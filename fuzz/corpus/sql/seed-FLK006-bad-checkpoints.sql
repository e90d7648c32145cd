-- Session settings for the hourly rollup.
SET 'execution.checkpointing.timeout' = '45s'; -- expect: FLK006

INSERT INTO hourly_rollup
SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '1' HOUR))
GROUP BY window_start, window_end;
