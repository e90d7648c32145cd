SET 'table.exec.state.ttl' = '30 d';

CREATE TABLE orders (customer_id STRING, amount DECIMAL(10, 2))
WITH ('connector' = 'kafka', 'topic' = 'orders', 'format' = 'json');

INSERT INTO customer_totals
SELECT customer_id, SUM(amount) FROM orders GROUP BY customer_id;
