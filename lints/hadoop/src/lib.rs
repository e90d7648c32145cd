//! HDP rules: Hadoop XML configuration and Hadoop client code.

mod cluster;
mod memory;
mod rules;
mod site;

use bdl_syntax::Rule;

/// Every HDP rule, sorted by code.
pub static RULES: &[&dyn Rule] = &[
    &rules::dfs_replication_too_low::DfsReplicationTooLow,
    &rules::metadata_in_tmp::MetadataInTmp,
    &rules::hdfs_permissions_disabled::HdfsPermissionsDisabled,
    &rules::ha_incomplete::HaIncomplete,
    &rules::journalnode_quorum_weak::JournalnodeQuorumWeak,
    &rules::auto_failover_without_zk::AutoFailoverWithoutZk,
    &rules::defaultfs_bypasses_ha::DefaultfsBypassesHa,
    &rules::failed_volumes_tolerated_invalid::FailedVolumesToleratedInvalid,
    &rules::data_safety_defaults::DataSafetyDefaults,
    &rules::yarn_mapred_inconsistent::YarnMapredInconsistent,
    &rules::hadoop_unknown_or_deprecated_key::HadoopUnknownOrDeprecatedKey,
];
