//! HDP rules: Hadoop XML configuration and Hadoop client code.

mod rules;

use bdl_syntax::Rule;

/// Every HDP rule, sorted by code.
pub static RULES: &[&dyn Rule] = &[&rules::dfs_replication_too_low::DfsReplicationTooLow];
