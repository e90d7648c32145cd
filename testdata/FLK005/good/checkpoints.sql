-- Session settings: the interval is long enough to need no pause.
SET 'execution.checkpointing.interval' = '2min';
-- SET 'execution.checkpointing.min-pause' = '0';

INSERT INTO daily_totals SELECT day, SUM(amount) FROM payments GROUP BY day;
