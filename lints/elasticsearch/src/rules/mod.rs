//! One module per rule, named after the rule.

pub(crate) mod es_client_lifecycle;
