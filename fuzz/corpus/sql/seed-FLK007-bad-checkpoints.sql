-- Session settings: fail the job on the first failed checkpoint.
SET 'execution.checkpointing.tolerable-failed-checkpoints' = '0'; -- expect: FLK007

INSERT INTO audit_log SELECT * FROM audit_events;
