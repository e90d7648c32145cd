use std::fmt;

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
}

impl Diagnostic {
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
