-- Flink SQL: enrich orders with the customer segment.
CREATE TABLE orders (
  id BIGINT,
  customer_id BIGINT,
  note STRING
) WITH (
  'connector' = 'kafka',
  'topic' = 'orders',
  'format' = 'json'
);

SET 'execution.checkpointing.interval' = '3min';

INSERT INTO enriched
SELECT id, customer_id, COALESCE(note, 'n/a) FROM orders; -- expect: BDL000
