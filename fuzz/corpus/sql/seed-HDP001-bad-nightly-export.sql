-- Nightly export of the day's orders to HDFS.
SET 'execution.runtime-mode' = 'batch';
SET 'flink.hadoop.dfs.replication' = '1'; -- expect: HDP001

INSERT INTO orders_archive
SELECT order_id, customer_id, amount, order_date
FROM orders
WHERE order_date = CURRENT_DATE;
