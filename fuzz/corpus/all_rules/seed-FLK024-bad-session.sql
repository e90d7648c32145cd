-- Backfill of the orders topic into the lake.
SET 'execution.runtime-mode' = 'batch';
SET 'parallelism.default' = '16';
SET 'pipeline.name' = 'orders-backfill';
SET 'parallelism.default' = '4'; -- expect: FLK024

INSERT INTO lake.orders SELECT * FROM kafka_orders;
