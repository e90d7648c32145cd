//! RDS rules: Jedis client code and Spring Redis pool settings.

mod helpers;
mod rules;

use bdl_syntax::Rule;

/// Every RDS rule, sorted by code.
pub static RULES: &[&dyn Rule] = &[
    &rules::jedis_pool_undersized::JedisPoolUndersized,
    &rules::jedis_resource_leak::JedisResourceLeak,
    &rules::pool_wait_forever::PoolWaitForever,
    &rules::jedis_timeout_infinite::JedisTimeoutInfinite,
    &rules::redis_client_per_record::RedisClientPerRecord,
    &rules::pool_tuning::PoolTuning,
    &rules::hardcoded_redis_endpoint::HardcodedRedisEndpoint,
    &rules::redis_keys_command::RedisKeysCommand,
    &rules::redis_mapper_missing_additional_key::RedisMapperMissingAdditionalKey,
    &rules::bahir_redis_connector_obsolete::BahirRedisConnectorObsolete,
    &rules::spring_redis_legacy_keys::SpringRedisLegacyKeys,
];
