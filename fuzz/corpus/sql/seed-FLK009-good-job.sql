-- The cluster's default file system is not in view: a scheme-less path may be HDFS.
SET 'execution.checkpointing.dir' = '/flink/checkpoints/clicks';

INSERT INTO clicks_per_page SELECT page, COUNT(*) FROM clicks GROUP BY page;
