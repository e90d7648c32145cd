-- Replays one hour of orders into the scratch table.
-- bigdata-lint: ignore FLK001, FLK005 -- short replay, tiny state
SET 'execution.checkpointing.interval' = '1s';
SET 'flink.hadoop.dfs.replication' = '1'; -- bigdata-lint: ignore HDP001 -- scratch table

INSERT INTO orders_scratch SELECT * FROM orders_replay;
