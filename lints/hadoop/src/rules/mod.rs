//! One module per rule, named after the rule.

pub(crate) mod dfs_replication_too_low;
