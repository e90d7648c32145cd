//! FLK rules: Flink job code and Flink configuration.

mod checkpoint_storage_fix;
mod helpers;
mod operators;
mod rules;
pub mod settings;
mod sql;
mod stateful;
mod switches;
mod table_env;
mod watermarks;
mod windows;

use bdl_syntax::Rule;

/// Every FLK rule, sorted by code.
pub static RULES: &[&dyn Rule] = &[
    &rules::checkpoint_interval_too_short::CheckpointIntervalTooShort,
    &rules::allowed_lateness_tiny::AllowedLatenessTiny,
    &rules::late_data_silently_dropped::LateDataSilentlyDropped,
    &rules::watermark_strategy_risky::WatermarkStrategyRisky,
    &rules::checkpoint_pacing::CheckpointPacing,
    &rules::checkpoint_timeout_too_short::CheckpointTimeoutTooShort,
    &rules::checkpoint_zero_failure_tolerance::CheckpointZeroFailureTolerance,
    &rules::checkpoint_not_retained::CheckpointNotRetained,
    &rules::checkpoint_dir_not_shared::CheckpointDirNotShared,
    &rules::checkpoint_storage_jobmanager::CheckpointStorageJobmanager,
    &rules::legacy_state_backend_api::LegacyStateBackendApi,
    &rules::rocksdb_incremental_off::RocksdbIncrementalOff,
    &rules::operator_chaining_disabled::OperatorChainingDisabled,
    &rules::local_debug_env::LocalDebugEnv,
    &rules::deprecated_time_api::DeprecatedTimeApi,
    &rules::flink2_removed_api::Flink2RemovedApi,
    &rules::production_readiness::ProductionReadiness,
    &rules::deprecated_config_key::DeprecatedConfigKey,
    &rules::legacy_flink_conf_yaml::LegacyFlinkConfYaml,
    &rules::unknown_config_key::UnknownConfigKey,
    &rules::sql_state_ttl_unset::SqlStateTtlUnset,
    &rules::jobmanager_ha_missing::JobmanagerHaMissing,
    &rules::connector_flink_version_mismatch::ConnectorFlinkVersionMismatch,
    &rules::duplicate_config_key::DuplicateConfigKey,
];
