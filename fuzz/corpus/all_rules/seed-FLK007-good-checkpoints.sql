-- The cluster configuration decides the tolerance; the script only sets the interval.
SET 'execution.checkpointing.interval' = '3min';

INSERT INTO audit_log SELECT * FROM audit_events;
