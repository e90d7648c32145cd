//! One module per rule, named after the rule.

pub(crate) mod auto_failover_without_zk;
pub(crate) mod data_safety_defaults;
pub(crate) mod defaultfs_bypasses_ha;
pub(crate) mod dfs_replication_too_low;
pub(crate) mod failed_volumes_tolerated_invalid;
pub(crate) mod ha_incomplete;
pub(crate) mod hadoop_unknown_or_deprecated_key;
pub(crate) mod hdfs_permissions_disabled;
pub(crate) mod journalnode_quorum_weak;
pub(crate) mod metadata_in_tmp;
pub(crate) mod yarn_mapred_inconsistent;
