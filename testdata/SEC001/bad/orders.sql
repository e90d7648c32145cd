SET 'execution.checkpointing.interval' = '1min';

CREATE TABLE orders (
  id BIGINT,
  amount DECIMAL(10, 2),
  PRIMARY KEY (id) NOT ENFORCED
) WITH (
  'connector' = 'mysql-cdc',
  'hostname' = 'orders-db',
  'port' = '3306',
  'username' = 'cdc',
  'password' = 's3cr3t-cdc', -- expect: SEC001
  'database-name' = 'shop',
  'table-name' = 'orders'
);

CREATE TABLE order_totals (
  id BIGINT,
  total DECIMAL(10, 2)
) WITH (
  'connector' = 'jdbc',
  'url' = 'jdbc:postgresql://warehouse:5432/dw?user=loader&password=s3cr3t-dw', -- expect: SEC001
  'table-name' = 'order_totals'
);

CREATE TABLE payments (
  id BIGINT
) WITH (
  'connector' = 'kafka',
  'topic' = 'payments',
  'properties.security.protocol' = 'SASL_SSL',
  'properties.sasl.jaas.config' = 'org.apache.kafka.common.security.scram.ScramLoginModule required username="payments" password="s3cr3t-scram";', -- expect: SEC001
  'format' = 'json'
);

INSERT INTO order_totals SELECT id, amount FROM orders /*+ OPTIONS('password' = 's3cr3t-hint') */; -- expect: SEC001
