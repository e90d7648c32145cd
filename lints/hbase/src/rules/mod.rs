//! One module per rule, named after the rule.

pub(crate) mod connection_per_operation;
pub(crate) mod create_table_without_exists_check;
pub(crate) mod deprecated_hbase_client_api;
pub(crate) mod hbase_storage_unsafe;
pub(crate) mod hbase_table_not_closed;
pub(crate) mod hbase_unknown_or_deprecated_key;
pub(crate) mod memstore_blockcache_over_limit;
pub(crate) mod namespace_not_ensured;
pub(crate) mod put_per_row_in_loop;
pub(crate) mod resultscanner_not_closed;
pub(crate) mod zk_quorum_misconfigured;
