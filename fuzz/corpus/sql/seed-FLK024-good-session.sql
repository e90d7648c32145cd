-- Two sinks that need different parallelism: each SET applies to the INSERT after it.
SET 'execution.runtime-mode' = 'batch';
SET 'parallelism.default' = '4';
INSERT INTO small_sink SELECT * FROM source;
SET 'parallelism.default' = '16';
INSERT INTO large_sink SELECT * FROM source;
