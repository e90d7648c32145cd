-- The cluster's configuration decides the retention.
SET 'execution.checkpointing.interval' = '1min';

INSERT INTO enriched_clicks SELECT * FROM clicks;
