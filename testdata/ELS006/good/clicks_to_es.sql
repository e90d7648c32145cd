CREATE TABLE clicks_es (
    user_id STRING,
    clicks BIGINT,
    PRIMARY KEY (user_id) NOT ENFORCED
) WITH (
    'connector' = 'elasticsearch-7',
    'hosts' = 'http://es-1:9200;http://es-2:9200',
    'index' = 'clicks_per_user',
    'sink.bulk-flush.max-actions' = '1000',
    'sink.bulk-flush.interval' = '1s'
);

-- The same option on another connector is not about Elasticsearch.
CREATE TABLE clicks_archive (
    user_id STRING,
    clicks BIGINT
) WITH (
    'connector' = 'jdbc',
    'url' = 'jdbc:postgresql://db:5432/clicks',
    'table-name' = 'clicks',
    'sink.bulk-flush.max-actions' = '1'
);

-- 'sink.bulk-flush.max-actions' = '1' in a comment changes nothing.
