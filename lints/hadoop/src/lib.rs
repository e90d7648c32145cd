//! HDP rules: Hadoop XML configuration and Hadoop client code.

mod rules;

use bdl_syntax::Rule;

/// Every HDP rule, sorted by code.
pub static RULES: &[&dyn Rule] = &[
    &rules::dfs_replication_too_low::DfsReplicationTooLow,
    &rules::hadoop_unknown_or_deprecated_key::HadoopUnknownOrDeprecatedKey,
];
