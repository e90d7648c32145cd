//! FLK rules: Flink job code and Flink configuration.

mod helpers;
mod rules;
pub mod settings;

use bdl_syntax::Rule;

/// Every FLK rule, sorted by code.
pub static RULES: &[&dyn Rule] = &[
    &rules::checkpoint_interval_too_short::CheckpointIntervalTooShort,
    &rules::allowed_lateness_tiny::AllowedLatenessTiny,
    &rules::checkpoint_pacing::CheckpointPacing,
    &rules::checkpoint_timeout_too_short::CheckpointTimeoutTooShort,
    &rules::checkpoint_zero_failure_tolerance::CheckpointZeroFailureTolerance,
];
