SET 'execution.checkpointing.interval' = '30s';
SET 'table.exec.state.ttl' = '1 d';

CREATE TABLE events (
  id BIGINT,
  ts TIMESTAMP(3)
) WITH (
  'connector' = 'kafka',
  'topic' = 'events',
  'properties.bootstrap.servers' = 'kafka:9092',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'json'
);
