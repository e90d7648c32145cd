//! The rule reference, generated from rule metadata: `docs/rules/<CODE>.md` and
//! `docs/rules/README.md`. The same text backs `bigdata-lint rule CODE` and SARIF help.

use std::fmt::Write;

use bdl_core::RuleMeta;

/// The technology a code prefix stands for.
pub fn technology(prefix: &str) -> &'static str {
    match prefix {
        "FLK" => "Flink",
        "HDP" => "Hadoop",
        "HBS" => "HBase",
        "RDS" => "Redis",
        "ELS" => "Elasticsearch",
        "SEC" => "Security",
        _ => "bigdata-lint",
    }
}

/// The documentation page of one rule.
pub fn rule_page(meta: &RuleMeta) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {} {}\n", meta.code, meta.name);
    let _ = writeln!(out, "{}\n", capitalize(meta.summary));
    let kinds: Vec<_> = meta.kinds.iter().map(|k| k.describe()).collect();
    let triggers: Vec<_> = meta.triggers.iter().map(|t| format!("`{t}`")).collect();
    let _ = writeln!(out, "| | |\n|---|---|");
    let _ = writeln!(out, "| Technology | {} |", technology(meta.prefix()));
    let _ = writeln!(out, "| Highest severity | {} |", meta.severity);
    let _ = writeln!(out, "| Files | {} |", kinds.join(", "));
    if !triggers.is_empty() {
        let _ = writeln!(out, "| Trigger words | {} |", triggers.join(", "));
    }
    if meta.fix != bdl_core::FixAvailability::None {
        let _ = writeln!(
            out,
            "| Fix | {}: `--fix` applies the safe ones, `--unsafe-fixes` the others ([fixes](../fixes.md)) |",
            meta.fix.describe()
        );
    }
    let _ = writeln!(
        out,
        "| Source | [{file}](../../{file}#L{line}) |\n",
        file = meta.file,
        line = meta.line
    );
    out.push_str(meta.documentation().trim_end());
    out.push('\n');
    out
}

/// `docs/rules/README.md`: one table per technology.
pub fn index(rules: &[&RuleMeta]) -> String {
    let mut out = String::from(
        "# Rules\n\nGenerated from the rule sources by `UPDATE_DOCS=1 cargo test -p bigdata-lint --test docs`; \
         do not edit by hand.\n",
    );
    let mut prefixes: Vec<&str> = rules.iter().map(|r| r.prefix()).collect();
    prefixes.dedup();
    for prefix in prefixes {
        let _ = writeln!(out, "\n## {}\n", technology(prefix));
        out.push_str("| Code | Name | Severity | What it finds |\n|---|---|---|---|\n");
        for rule in rules.iter().filter(|r| r.prefix() == prefix) {
            let _ = writeln!(
                out,
                "| [{code}]({code}.md) | `{name}` | {sev} | {summary} |",
                code = rule.code,
                name = rule.name,
                sev = rule.severity,
                summary = rule.summary
            );
        }
    }
    out
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect::<String>() + ".",
        None => String::new(),
    }
}
