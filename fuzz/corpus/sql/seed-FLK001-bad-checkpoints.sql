-- Session settings for the order enrichment pipeline.
SET 'execution.runtime-mode' = 'streaming';
SET 'execution.checkpointing.interval' = '2s'; -- expect: FLK001, FLK005
SET 'table.exec.state.ttl' = '1 h';

INSERT INTO enriched_orders
SELECT o.id, o.amount, c.segment
FROM orders AS o
JOIN customers FOR SYSTEM_TIME AS OF o.proc_time AS c
  ON o.customer_id = c.id;
