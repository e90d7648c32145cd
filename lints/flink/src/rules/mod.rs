//! One module per rule, named after the rule.

pub(crate) mod allowed_lateness_tiny;
pub(crate) mod checkpoint_interval_too_short;
pub(crate) mod duplicate_config_key;
