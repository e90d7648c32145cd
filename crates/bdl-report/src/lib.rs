//! Renderers for diagnostics, one format per module.
//!
//! Every renderer takes the same [`Report`] and writes to a `&mut dyn Write`, so the binary
//! decides where output goes (stdout, a file) and tests render into a `Vec<u8>`.

mod concise;
pub mod human;
mod json;
mod sarif;

use bdl_core::{Diagnostic, LineCol, RuleMeta};

pub use concise::write_concise;
pub use json::{JSON_FORMAT_VERSION, write_json};
pub use sarif::write_sarif;

/// The name of the tool as it appears in machine-readable output.
pub const TOOL_NAME: &str = "bigdata-lint";

/// Everything a renderer needs to know about one run.
#[derive(Clone, Copy, Debug)]
pub struct Report<'a> {
    /// The findings, already sorted by (path, line, column, code).
    pub diagnostics: &'a [Diagnostic],
    /// Every enabled rule, sorted by code (SARIF lists them all, not only those that fired).
    pub rules: &'a [&'static RuleMeta],
    /// How many files were linted.
    pub files_checked: usize,
    /// The version of the binary (`env!("CARGO_PKG_VERSION")`).
    pub tool_version: &'a str,
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
