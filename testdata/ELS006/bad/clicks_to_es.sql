SET 'execution.checkpointing.interval' = '1min';

CREATE TABLE clicks (
    user_id STRING,
    url STRING,
    ts TIMESTAMP(3)
) WITH (
    'connector' = 'kafka',
    'topic' = 'clicks',
    'properties.bootstrap.servers' = 'kafka:9092',
    'format' = 'json'
);

CREATE TABLE clicks_es (
    user_id STRING,
    clicks BIGINT,
    PRIMARY KEY (user_id) NOT ENFORCED
) WITH (
    'connector' = 'elasticsearch-7',
    'hosts' = 'http://es-1:9200;http://es-2:9200',
    'index' = 'clicks_per_user',
    'sink.bulk-flush.max-actions' = '1', -- expect: ELS006
    'sink.bulk-flush.interval' = '1s'
);

INSERT INTO clicks_es SELECT user_id, COUNT(*) FROM clicks GROUP BY user_id;
