CREATE TABLE orders (id STRING, customer_id STRING)
WITH ('connector' = 'kafka', 'topic' = 'orders', 'format' = 'json');

INSERT INTO enriched
SELECT /*+ STATE_TTL('o' = '1d', 'c' = '30d') */ o.id, c.segment
FROM orders o
JOIN customers c ON o.customer_id = c.id;
