//! HBS rules: HBase client code and `hbase-site.xml`.

mod helpers;
mod rules;
mod site;

use bdl_syntax::Rule;

/// Every HBS rule, sorted by code.
pub static RULES: &[&dyn Rule] = &[
    &rules::hbase_table_not_closed::HbaseTableNotClosed,
    &rules::deprecated_hbase_client_api::DeprecatedHbaseClientApi,
    &rules::hbase_storage_unsafe::HbaseStorageUnsafe,
    &rules::zk_quorum_misconfigured::ZkQuorumMisconfigured,
    &rules::memstore_blockcache_over_limit::MemstoreBlockcacheOverLimit,
    &rules::hbase_unknown_or_deprecated_key::HbaseUnknownOrDeprecatedKey,
];
