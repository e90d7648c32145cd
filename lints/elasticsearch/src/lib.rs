//! ELS rules: Elasticsearch Java clients (the High Level REST Client, the low-level
//! `RestClient`, the Java API Client, the transport client) and the Flink Elasticsearch sinks.

mod helpers;
mod rules;

use bdl_syntax::Rule;

/// Every ELS rule, sorted by code.
pub static RULES: &[&dyn Rule] = &[
    &rules::index_request_per_document::IndexRequestPerDocument,
    &rules::deprecated_es_client_api::DeprecatedEsClientApi,
    &rules::es_client_lifecycle::EsClientLifecycle,
    &rules::refresh_immediate::RefreshImmediate,
    &rules::implicit_index_mapping::ImplicitIndexMapping,
    &rules::flink_es_bulk_flush_1::FlinkEsBulkFlush1,
];
