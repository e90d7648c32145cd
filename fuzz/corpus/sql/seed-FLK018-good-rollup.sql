SET 'state.backend.type' = 'rocksdb';
SET 'execution.checkpointing.dir' = 's3://checkpoints/rollup';
