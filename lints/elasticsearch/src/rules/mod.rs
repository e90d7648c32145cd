//! One module per rule, named after the rule.

pub(crate) mod deprecated_es_client_api;
pub(crate) mod es_client_lifecycle;
pub(crate) mod flink_es_bulk_flush_1;
pub(crate) mod implicit_index_mapping;
pub(crate) mod index_request_per_document;
pub(crate) mod refresh_immediate;
