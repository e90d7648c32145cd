//! The one place that lists the lint crates.

use bdl_syntax::{InvalidSuppression, InvalidSyntax, Rule, UnusedSuppression};

/// The rules about files themselves rather than a technology: syntax errors and inline
/// suppressions. The checker reports them; they are selected and ignored like any rule.
static BUILTIN: &[&dyn Rule] = &[&InvalidSyntax, &UnusedSuppression, &InvalidSuppression];

/// Every rule bigdata-lint has, sorted by code.
pub fn all_rules() -> Vec<&'static dyn Rule> {
    let mut rules: Vec<&'static dyn Rule> = BUILTIN
        .iter()
        .chain(bdl_flink::RULES)
        .chain(bdl_hadoop::RULES)
        .chain(bdl_hbase::RULES)
        .chain(bdl_redis::RULES)
        .chain(bdl_elasticsearch::RULES)
        .chain(bdl_security::RULES)
        .copied()
        .collect();
    rules.sort_by_key(|r| r.meta().code);
    rules
}

/// The rule with this code or name.
pub fn find(code_or_name: &str) -> Option<&'static dyn Rule> {
    all_rules()
        .into_iter()
        .find(|r| r.meta().code.eq_ignore_ascii_case(code_or_name) || r.meta().name == code_or_name)
}

/// The rules whose findings mark secrets, run on every file that has a finding when excerpts
/// are printed, so that no excerpt shows a secret even when these rules are not selected.
pub fn redactors() -> Vec<&'static dyn Rule> {
    bdl_security::REDACTORS.to_vec()
}
