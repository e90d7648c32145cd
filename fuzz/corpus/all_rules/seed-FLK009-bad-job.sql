SET 'execution.checkpointing.interval' = '1min';
SET 'state.checkpoints.dir' = '/tmp/sql-gateway/checkpoints'; -- expect: FLK009

INSERT INTO clicks_per_page SELECT page, COUNT(*) FROM clicks GROUP BY page;
