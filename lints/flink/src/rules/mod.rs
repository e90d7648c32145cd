//! One module per rule, named after the rule.

pub(crate) mod allowed_lateness_tiny;
pub(crate) mod checkpoint_dir_not_shared;
pub(crate) mod checkpoint_interval_too_short;
pub(crate) mod checkpoint_not_retained;
pub(crate) mod checkpoint_pacing;
pub(crate) mod checkpoint_storage_jobmanager;
pub(crate) mod checkpoint_timeout_too_short;
pub(crate) mod checkpoint_zero_failure_tolerance;
pub(crate) mod connector_flink_version_mismatch;
pub(crate) mod deprecated_config_key;
pub(crate) mod deprecated_time_api;
pub(crate) mod duplicate_config_key;
pub(crate) mod flink2_removed_api;
pub(crate) mod jobmanager_ha_missing;
pub(crate) mod late_data_silently_dropped;
pub(crate) mod legacy_flink_conf_yaml;
pub(crate) mod legacy_state_backend_api;
pub(crate) mod local_debug_env;
pub(crate) mod operator_chaining_disabled;
pub(crate) mod production_readiness;
pub(crate) mod rocksdb_incremental_off;
pub(crate) mod sql_state_ttl_unset;
pub(crate) mod unknown_config_key;
pub(crate) mod watermark_strategy_risky;
