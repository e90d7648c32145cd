//! HBS rules: HBase client code.

mod rules;

use bdl_syntax::Rule;

/// Every HBS rule, sorted by code.
pub static RULES: &[&dyn Rule] = &[];
