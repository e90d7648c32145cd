-- Nightly export of the day's orders to HDFS.
SET 'execution.runtime-mode' = 'batch';
-- expect-next-line: BDL001
-- bigdata-lint: ignore HDP001 -- scratch output
SET 'flink.hadoop.dfs.replication' = '3';

INSERT INTO orders_archive SELECT * FROM orders WHERE order_date = CURRENT_DATE;
