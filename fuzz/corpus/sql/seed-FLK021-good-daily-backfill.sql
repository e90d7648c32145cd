SET 'execution.runtime-mode' = 'batch';

CREATE TABLE orders_archive (customer_id STRING, amount DECIMAL(10, 2), dt STRING)
WITH ('connector' = 'filesystem', 'path' = 's3://archive/orders', 'format' = 'parquet');

INSERT INTO daily_totals
SELECT dt, customer_id, SUM(amount) FROM orders_archive GROUP BY dt, customer_id;
