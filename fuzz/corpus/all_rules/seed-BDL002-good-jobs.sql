SET 'pipeline.name' = '-- bigdata-lint: ignroe';
/* bigdata-lint: ignore FLK001, FLK005, HDP001 -- replay job: tiny state, scratch output */
SET 'execution.checkpointing.interval' = '1s'; SET 'flink.hadoop.dfs.replication' = '1';
