//! FLK rules: Flink job code and Flink configuration.

mod rules;

use bdl_syntax::Rule;

/// Every FLK rule, sorted by code.
pub static RULES: &[&dyn Rule] = &[];
