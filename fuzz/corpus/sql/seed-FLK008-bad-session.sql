-- Session settings of the enrichment job.
SET 'execution.checkpointing.interval' = '1min';
SET 'execution.checkpointing.externalized-checkpoint-retention' = 'DELETE_ON_CANCELLATION'; -- expect: FLK008

INSERT INTO enriched_clicks SELECT * FROM clicks;
