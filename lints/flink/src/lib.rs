//! FLK rules: Flink job code and Flink configuration.

mod helpers;
mod rules;

use bdl_syntax::Rule;

/// Every FLK rule, sorted by code.
pub static RULES: &[&dyn Rule] = &[
    &rules::checkpoint_interval_too_short::CheckpointIntervalTooShort,
    &rules::allowed_lateness_tiny::AllowedLatenessTiny,
    &rules::duplicate_config_key::DuplicateConfigKey,
];
