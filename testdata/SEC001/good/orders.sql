CREATE TABLE orders (
  id BIGINT,
  amount DECIMAL(10, 2)
) WITH (
  'connector' = 'mysql-cdc',
  'hostname' = '${secret_values.orders_db_host}',
  'username' = '${secret_values.orders_db_user}',
  'password' = '${secret_values.orders_db_password}',
  'database-name' = 'shop',
  'table-name' = 'orders'
);

CREATE TABLE payments (
  id BIGINT
) WITH (
  'connector' = 'kafka',
  'properties.sasl.jaas.config' = 'org.apache.kafka.common.security.plain.PlainLoginModule required username="${KAFKA_USER}" password="${KAFKA_PASSWORD}";',
  'format' = 'json'
);

-- 'password' = 's3cr3t' in a comment is not an option.
INSERT INTO payments SELECT id FROM orders WHERE note <> 'password = x';
