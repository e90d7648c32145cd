//! One module per rule, named after the rule.

pub(crate) mod hardcoded_credential;
