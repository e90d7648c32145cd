//! One module per rule, named after the rule.

pub(crate) mod hardcoded_redis_endpoint;
pub(crate) mod jedis_pool_undersized;
pub(crate) mod spring_redis_legacy_keys;
