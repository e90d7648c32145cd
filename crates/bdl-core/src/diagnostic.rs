use std::fmt;

use crate::fix::Fix;
use crate::span::{LineCol, Span};

/// How bad a finding is. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Info => "info",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "info" => Some(Self::Info),
            "warning" => Some(Self::Warning),
            "error" => Some(Self::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A secondary location that explains the primary one ("the value was defined here").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub start: LineCol,
    pub message: String,
}

/// Why a finding does not count: an inline suppression comment in the file covers it.
///
/// A suppressed finding is kept, so that machine-readable reports can show it as suppressed
/// (JSON `suppression`, SARIF `suppressions`), but it is not shown to people, not counted in the
/// summary and never changes the exit status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppression {
    /// The justification written after the codes (` -- reason`), trimmed; `None` without one.
    pub reason: Option<String>,
    /// Where the suppression comment is written.
    pub span: Span,
    pub start: LineCol,
    /// `ignore-file` (the whole file) rather than `ignore` (one line or one XML property).
    pub file_level: bool,
}

/// One finding, positioned in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    /// Lowercase, no trailing period; names the value found and the limit.
    pub message: String,
    /// One imperative line: what to do.
    pub help: Option<String>,
    /// The path as the user named it (relative to the working directory when possible).
    pub path: String,
    pub span: Span,
    pub start: LineCol,
    pub end: LineCol,
    pub labels: Vec<Label>,
    /// Stable across unrelated edits: code, path and the normalised flagged text.
    pub fingerprint: String,
    /// `Some` when an inline suppression comment covers the finding; see [`Suppression`].
    pub suppression: Option<Suppression>,
    /// Byte spans of the file that no output may show (a secret the finding is about, or one of
    /// another finding of the same file): renderers that print file text mask them. Sorted and
    /// merged once the file is checked; see [`crate::redact`].
    pub redactions: Vec<Span>,
    /// The edits that resolve the finding, when the rule knows them; see [`Fix`].
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// Whether the finding counts: it is not covered by an inline suppression.
    pub const fn is_active(&self) -> bool {
        self.suppression.is_none()
    }

    /// The sort key that makes output independent of thread scheduling.
    pub fn sort_key(&self) -> (&str, u32, u32, &str, &str) {
        (
            &self.path,
            self.start.line,
            self.start.column,
            self.code,
            &self.message,
        )
    }
}
