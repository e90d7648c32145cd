//! `--fix`, `--unsafe-fixes`, `--diff`: what the engine does with the fixes findings carry, and
//! how the outcome is shown.
//!
//! The engine fixes each file on the thread that lints it (`bdl_syntax::fix`: apply, lint the
//! new text, repeat within a bound, never keep a text that parses worse) and then writes it
//! with [`crate::output::write`] (atomically, keeping its permissions), or keeps both texts for
//! `--diff`. A file is fixed only when it is UTF-8 text: bigdata-lint decodes other encodings
//! to lint them, and writing the decoded text back would change the file's encoding.

use std::fmt::Write as _;

use bdl_core::Selection;
use bdl_report::plural;
pub use bdl_syntax::fix::{AppliedFix, MAX_FIX_ROUNDS};

/// What to do with fixes.
#[derive(Clone, Debug, Default)]
pub struct FixOptions {
    /// Apply fixes (`--fix`, `--fix-only`) or show what applying them would change (`--diff`);
    /// `None` only lints.
    pub mode: Option<FixMode>,
    /// Unsafe fixes too (`--unsafe-fixes`): applied with `mode`, otherwise shown as available.
    pub unsafe_fixes: bool,
    /// The rules whose fixes may be applied and are shown (settings `fixable` / `unfixable`);
    /// the fixes of the others are dropped from their findings.
    pub fixable: Selection,
}

/// How fixes are applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixMode {
    /// Write the fixed files.
    Write,
    /// Write nothing; keep the original and fixed texts for a unified diff.
    Diff,
}

/// What fixing did to one file.
#[derive(Clone, Debug, Default)]
pub struct FileFix {
    /// The display path.
    pub path: String,
    /// The fixes applied (or, with `--diff`, that would be).
    pub applied: Vec<AppliedFix>,
    /// With `--diff`: the text before and after.
    pub diff: Option<(String, String)>,
    /// Whether the fixed text was written to the file.
    pub written: bool,
}

/// A unified diff of `old` to `new` for `path` (3 lines of context), empty when equal. A
/// secret in either text (as the secret-finding rules see it) is masked, since context lines
/// show the code around a fix.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    let (old, new) = (without_secrets(path, old), without_secrets(path, new));
    let diff = similar::TextDiff::from_lines(old.as_str(), new.as_str());
    let mut out = String::new();
    let _ = write!(
        out,
        "{}",
        diff.unified_diff()
            .context_radius(3)
            .header(&format!("a/{path}"), &format!("b/{path}"))
    );
    out
}

/// `text` (the file at `path`) with the secrets the secret-finding rules mark in it masked.
fn without_secrets(path: &str, text: &str) -> String {
    let Some(kind) = bdl_syntax::kind::detect(std::path::Path::new(path), text) else {
        return text.to_owned();
    };
    let rules = crate::registry::redactors()
        .into_iter()
        .map(|rule| (rule, bdl_core::RuleOptions::defaults(rule.meta().options)))
        .collect();
    // Test sources too: a diff shows whatever file it changes.
    let report = bdl_syntax::Checker::new(rules).check(path, kind, false, text);
    let spans: Vec<bdl_core::Span> = report
        .diagnostics
        .iter()
        .flat_map(|d| d.redactions.iter().copied())
        .collect();
    if spans.is_empty() {
        text.to_owned()
    } else {
        bdl_core::redact::mask_text(text, &spans)
    }
}

/// How many fixes were applied (or would be) and in how many files.
pub fn counts(fixes: &[FileFix]) -> (usize, usize) {
    let file_count = fixes.iter().filter(|f| !f.applied.is_empty()).count();
    let applied = fixes.iter().map(|f| f.applied.len()).sum();
    (applied, file_count)
}

/// `Fixed 3 findings in 2 files (1 more fix available with --unsafe-fixes)`; with `--diff`,
/// `Would fix …`. `hidden` counts the unsafe fixes left because `--unsafe-fixes` was not given.
pub fn summary(fixes: &[FileFix], diff: bool, hidden: usize) -> String {
    let (applied, file_count) = counts(fixes);
    let verb = if diff { "Would fix" } else { "Fixed" };
    let mut out = if applied == 0 {
        "No fix applies".to_owned()
    } else {
        format!(
            "{verb} {} in {}",
            plural(applied, "finding", "findings"),
            plural(file_count, "file", "files")
        )
    };
    if hidden > 0 {
        let _ = write!(
            out,
            " ({} available with --unsafe-fixes)",
            plural(
                hidden,
                if applied == 0 { "fix" } else { "more fix" },
                if applied == 0 { "fixes" } else { "more fixes" }
            )
        );
    }
    out
}

/// The fixes of `--show-fixes`, per file and rule, most frequent first:
///
/// ```text
/// Fixed 3 findings:
/// - src/Job.java:
///     2 × FLK015 (deprecated-time-api)
/// ```
pub fn listing(fixes: &[FileFix], diff: bool) -> String {
    let (applied, _) = counts(fixes);
    if applied == 0 {
        return String::new();
    }
    let mut out = format!(
        "{} {}:\n",
        if diff { "Would fix" } else { "Fixed" },
        plural(applied, "finding", "findings")
    );
    for file in fixes.iter().filter(|f| !f.applied.is_empty()) {
        let _ = writeln!(out, "- {}:", bdl_report::Escaped(&file.path));
        let mut per_rule: Vec<(usize, &str, &str)> = Vec::new();
        for fix in &file.applied {
            match per_rule.iter_mut().find(|(_, code, _)| *code == fix.code) {
                Some(entry) => entry.0 += 1,
                None => per_rule.push((1, fix.code, fix.name)),
            }
        }
        per_rule.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
        for (n, code, name) in per_rule {
            let _ = writeln!(out, "    {n} × {code} ({name})");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn applied(code: &'static str) -> AppliedFix {
        AppliedFix {
            code,
            name: "deprecated-time-api",
            message: "m".to_owned(),
        }
    }

    #[test]
    fn summaries() {
        let fixes = vec![
            FileFix {
                path: "a/Job.java".to_owned(),
                applied: vec![applied("FLK015"), applied("FLK015")],
                ..FileFix::default()
            },
            FileFix {
                path: "b/Job.java".to_owned(),
                applied: vec![applied("FLK015")],
                ..FileFix::default()
            },
        ];
        assert_eq!(
            summary(&fixes, false, 1),
            "Fixed 3 findings in 2 files (1 more fix available with --unsafe-fixes)"
        );
        assert_eq!(summary(&fixes, true, 0), "Would fix 3 findings in 2 files");
        assert_eq!(
            summary(&[], false, 2),
            "No fix applies (2 fixes available with --unsafe-fixes)"
        );
        assert_eq!(
            listing(&fixes, false),
            "Fixed 3 findings:\n- a/Job.java:\n    2 × FLK015 (deprecated-time-api)\n\
             - b/Job.java:\n    1 × FLK015 (deprecated-time-api)\n"
        );
        assert_eq!(listing(&[], false), "");
    }

    #[test]
    fn diffs_are_unified_with_context() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\n";
        let new = "a\nb\nc\nd\nE\nf\ng\nh\n";
        assert_eq!(
            unified_diff("x/Job.java", old, new),
            "--- a/x/Job.java\n+++ b/x/Job.java\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n"
        );
        assert_eq!(unified_diff("x", old, old), "");
    }

    #[test]
    fn diffs_never_show_a_secret() {
        let old = "class Job {\n  void run() {\n    new JedisPool(new JedisPoolConfig(), \"10.0.0.5\", 6379, 2000, \"s3cr3tpass\");\n    Object t = Time.seconds(5);\n  }\n}\n";
        let old = format!(
            "import redis.clients.jedis.JedisPool;\nimport redis.clients.jedis.JedisPoolConfig;\n{old}"
        );
        let new = old.replace("Time.seconds(5)", "Duration.ofSeconds(5)");
        let diff = unified_diff("src/Job.java", &old, &new);
        assert!(diff.contains("Duration.ofSeconds(5)"), "{diff}");
        assert!(diff.contains("6379, 2000, \"**********\""), "{diff}");
        assert!(!diff.contains("s3cr3t"), "{diff}");
    }
}
