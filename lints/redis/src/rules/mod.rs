//! One module per rule, named after the rule.

pub(crate) mod bahir_redis_connector_obsolete;
pub(crate) mod hardcoded_redis_endpoint;
pub(crate) mod jedis_pool_undersized;
pub(crate) mod jedis_resource_leak;
pub(crate) mod jedis_timeout_infinite;
pub(crate) mod pool_tuning;
pub(crate) mod pool_wait_forever;
pub(crate) mod redis_client_per_record;
pub(crate) mod redis_keys_command;
pub(crate) mod redis_mapper_missing_additional_key;
pub(crate) mod spring_redis_legacy_keys;
