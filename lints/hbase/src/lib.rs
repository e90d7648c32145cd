//! HBS rules: HBase client code.

mod helpers;
mod rules;

use bdl_syntax::Rule;

/// Every HBS rule, sorted by code.
pub static RULES: &[&dyn Rule] = &[&rules::hbase_table_not_closed::HbaseTableNotClosed];
