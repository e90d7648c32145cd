-- Isolating every operator while looking for the slow one.
SET 'pipeline.operator-chaining' = 'false'; -- expect: FLK013
SET 'parallelism.default' = '2';

INSERT INTO cleaned_orders
SELECT id, UPPER(status), amount
FROM raw_orders
WHERE amount > 0;
