//! One module per rule, named after the rule.

pub(crate) mod dfs_replication_too_low;
pub(crate) mod hadoop_unknown_or_deprecated_key;
pub(crate) mod hdfs_permissions_disabled;
pub(crate) mod metadata_in_tmp;
