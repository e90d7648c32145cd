//! HBS rules: HBase client code and `hbase-site.xml`.

mod helpers;
mod rules;
mod site;

use bdl_syntax::Rule;

/// Every HBS rule, sorted by code.
pub static RULES: &[&dyn Rule] = &[
    &rules::hbase_table_not_closed::HbaseTableNotClosed,
    &rules::connection_per_operation::ConnectionPerOperation,
    &rules::deprecated_hbase_client_api::DeprecatedHbaseClientApi,
    &rules::create_table_without_exists_check::CreateTableWithoutExistsCheck,
    &rules::namespace_not_ensured::NamespaceNotEnsured,
    &rules::put_per_row_in_loop::PutPerRowInLoop,
    &rules::resultscanner_not_closed::ResultscannerNotClosed,
    &rules::hbase_storage_unsafe::HbaseStorageUnsafe,
    &rules::zk_quorum_misconfigured::ZkQuorumMisconfigured,
    &rules::memstore_blockcache_over_limit::MemstoreBlockcacheOverLimit,
    &rules::hbase_unknown_or_deprecated_key::HbaseUnknownOrDeprecatedKey,
];
