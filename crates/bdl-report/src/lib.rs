//! Renderers for diagnostics, one format per module.
//!
//! Every renderer takes the same [`Report`] and writes to a `&mut dyn Write`, so the binary
//! decides where output goes (stdout, a file) and tests render into a `Vec<u8>`.
//!
//! Findings covered by an inline suppression (`Diagnostic::suppression`) are written only by
//! the formats that can say so: JSON (`suppression`) and SARIF (`suppressions`, which GitHub
//! code scanning shows as dismissed). The human, concise, GitHub, JUnit and Checkstyle formats
//! leave them out, as they leave them out of every count.
//!
//! Every renderer accepts any diagnostic: spans past the end of the text, backwards or inside a
//! character, any line length, any line ending, any file name. Control characters from file
//! names and file contents are written as visible escapes by every text format, with one helper
//! ([`Escaped`], module `escape`); JSON and SARIF escape them as their syntax requires. The
//! `render` fuzz target holds every format to this.

mod checkstyle;
mod concise;
mod escape;
mod github;
pub mod human;
mod json;
mod junit;
mod sarif;
mod snippet;
mod xml;

use bdl_core::{Diagnostic, LineCol, RuleMeta, Severity};

pub use checkstyle::write_checkstyle;
pub use concise::write_concise;
pub use escape::{Escaped, escape, needs_escape};
pub use github::{SUMMARY_FINDINGS_LIMIT, write_github, write_github_summary};
pub use json::{JSON_FORMAT_VERSION, write_json};
pub use junit::write_junit;
pub use sarif::write_sarif;

/// The name of the tool as it appears in machine-readable output.
pub const TOOL_NAME: &str = "bigdata-lint";

/// Where the reference page of each rule lives: `RULE_DOCS_URI` + `CODE.md`.
const RULE_DOCS_URI: &str = "https://github.com/bigdata-lint/bigdata-lint/blob/main/docs/rules/";

/// The address of the reference page of the rule `code` (SARIF `helpUri`, the human format's
/// header, an editor's `codeDescription`).
pub fn rule_url(code: &str) -> String {
    format!("{RULE_DOCS_URI}{code}.md")
}

/// Everything a renderer needs to know about one run.
#[derive(Clone, Copy, Debug)]
pub struct Report<'a> {
    /// The findings, already sorted by (path, line, column, code), suppressed ones included.
    pub diagnostics: &'a [Diagnostic],
    /// Every enabled rule, sorted by code (SARIF lists them all, not only those that fired).
    pub rules: &'a [&'static RuleMeta],
    /// How many files were linted.
    pub files_checked: usize,
    /// The display path of every linted file, sorted, whether it has findings or not (JUnit
    /// shows a clean file as a passing test). A path that has findings but is missing here is
    /// still reported.
    pub checked_files: &'a [String],
    /// The version of the binary (`env!("CARGO_PKG_VERSION")`).
    pub tool_version: &'a str,
    /// Whether unsafe fixes count as available (`--unsafe-fixes`): the formats that mark
    /// fixable findings mark those with an unsafe fix only then.
    pub unsafe_fixes: bool,
}

/// The start and end of a diagnostic as 1-based positions, with the end never before the start.
///
/// A diagnostic about a whole file may carry `0:0` positions; every format shows those as `1:1`.
pub(crate) fn positions(d: &Diagnostic) -> (LineCol, LineCol) {
    let start = clamp(d.start);
    let end = clamp(d.end).max(start);
    (start, end)
}

/// A position with line and column raised to at least 1.
pub(crate) fn clamp(at: LineCol) -> LineCol {
    LineCol {
        line: at.line.max(1),
        column: at.column.max(1),
    }
}

/// A path as CI systems want it: forward slashes, without `.` segments or a leading `./`.
///
/// GitHub, GitLab and reviewdog match paths against the repository's tree, which always uses
/// `/`, so a Windows path or `./src/Job.java` would otherwise not be found. Nothing else is
/// changed: `..` stays, and so does an absolute path.
pub(crate) fn slash_path(path: &str) -> String {
    let path = path.replace('\\', "/");
    let absolute = path.starts_with('/');
    let mut out = String::with_capacity(path.len());
    if absolute {
        out.push('/');
    }
    for segment in path.split('/').filter(|s| !s.is_empty() && *s != ".") {
        if !out.is_empty() && !out.ends_with('/') {
            out.push('/');
        }
        out.push_str(segment);
    }
    if out.is_empty() {
        out.push('.');
    }
    out
}

/// The message of a diagnostic followed, on a line of its own, by `help: ` and its help when it
/// has one; the CI formats show both where there is room for only one text.
pub(crate) fn message_and_help(d: &Diagnostic) -> String {
    let message = d.message.trim();
    let mut text = String::from(if message.is_empty() {
        if d.name.is_empty() { d.code } else { d.name }
    } else {
        message
    });
    if let Some(help) = d.help.as_deref().map(str::trim).filter(|h| !h.is_empty()) {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    text
}

/// Whether `d` has a fix that `--fix` applies (unsafe ones only with `unsafe_fixes`): the
/// findings the human and concise formats mark with `[*]`.
pub(crate) fn fixable(d: &Diagnostic, unsafe_fixes: bool) -> bool {
    d.fix
        .as_ref()
        .is_some_and(|f| f.is_applicable(unsafe_fixes))
}

/// The findings that count: those no inline suppression covers.
pub(crate) fn active(diagnostics: &[Diagnostic]) -> impl Iterator<Item = &Diagnostic> {
    diagnostics.iter().filter(|d| d.is_active())
}

/// How many active diagnostics have the given severity.
pub(crate) fn count(diagnostics: &[Diagnostic], severity: Severity) -> usize {
    active(diagnostics)
        .filter(|d| d.severity == severity)
        .count()
}

/// `1 finding`, `2 findings`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::slash_path;

    #[test]
    fn slash_paths() {
        assert_eq!(slash_path("./src/main/Job.java"), "src/main/Job.java");
        assert_eq!(
            slash_path("conf\\prod cluster\\a.xml"),
            "conf/prod cluster/a.xml"
        );
        assert_eq!(slash_path("a//./b/"), "a/b");
        assert_eq!(slash_path("../shared/x.yaml"), "../shared/x.yaml");
        assert_eq!(slash_path("/srv/job/Job.java"), "/srv/job/Job.java");
        assert_eq!(slash_path("C:\\code\\Job.java"), "C:/code/Job.java");
        assert_eq!(slash_path("./"), ".");
        assert_eq!(slash_path("a,b:c.yaml"), "a,b:c.yaml");
    }
}
