SET 'execution.checkpointing.interval' = '1min';
SET 'state.checkpoint-storage' = 'jobmanager'; -- expect: FLK010

INSERT INTO alerts SELECT * FROM scored_transactions WHERE score > 0.9;
