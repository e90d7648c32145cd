//! One module per rule, named after the rule.

pub(crate) mod es_client_lifecycle;
pub(crate) mod index_request_per_document;
pub(crate) mod refresh_immediate;
