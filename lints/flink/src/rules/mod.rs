//! One module per rule, named after the rule.

pub(crate) mod allowed_lateness_tiny;
pub(crate) mod checkpoint_interval_too_short;
pub(crate) mod checkpoint_pacing;
pub(crate) mod checkpoint_timeout_too_short;
pub(crate) mod checkpoint_zero_failure_tolerance;
