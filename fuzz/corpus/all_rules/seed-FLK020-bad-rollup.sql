-- Session settings for the hourly rollup.
SET 'execution.checkpointing.intervall' = '30s'; -- expect: FLK020
SET 'table.exec.state.ttl' = '1 d';

INSERT INTO hourly_rollup
SELECT window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '1' HOUR))
GROUP BY window_start, window_end;
