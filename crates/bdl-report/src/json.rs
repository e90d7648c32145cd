//! The versioned JSON document described in `docs/json-output.md`.
//!
//! The shape is a public contract: within one [`JSON_FORMAT_VERSION`] fields are only ever
//! added, never renamed, removed or given another type or meaning.
//!
//! Findings covered by an inline suppression are listed too, with a `suppression` object
//! (`null` for active findings); the severity counts of `summary` cover active findings only
//! and `summary.suppressed` counts the others.

use std::io::{self, Write};

use bdl_core::{Diagnostic, Edit, Fix, Label, LineCol, Severity, Span, Suppression};
use serde::Serialize;

use crate::{Report, TOOL_NAME, clamp, count, positions};

/// The value of the top-level `version` field.
pub const JSON_FORMAT_VERSION: u32 = 1;

/// Writes the whole report as one pretty-printed JSON object followed by a newline.
pub fn write_json(w: &mut dyn Write, r: &Report<'_>) -> io::Result<()> {
    let document = Document {
        version: JSON_FORMAT_VERSION,
        tool: Tool {
            name: TOOL_NAME,
            version: r.tool_version,
        },
        summary: Summary::of(r),
        diagnostics: r.diagnostics.iter().map(JsonDiagnostic::from).collect(),
    };
    serde_json::to_writer_pretty(&mut *w, &document)?;
    w.write_all(b"\n")
}

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    tool: Tool<'a>,
    summary: Summary,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct Tool<'a> {
    name: &'static str,
    version: &'a str,
}

#[derive(Serialize)]
struct Summary {
    files_checked: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    suppressed: usize,
}

impl Summary {
    fn of(r: &Report<'_>) -> Self {
        Self {
            files_checked: r.files_checked,
            errors: count(r.diagnostics, Severity::Error),
            warnings: count(r.diagnostics, Severity::Warning),
            infos: count(r.diagnostics, Severity::Info),
            suppressed: r.diagnostics.iter().filter(|d| !d.is_active()).count(),
        }
    }
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    name: &'a str,
    severity: &'static str,
    message: &'a str,
    help: Option<&'a str>,
    path: &'a str,
    start: Position,
    end: Position,
    span: ByteSpan,
    labels: Vec<JsonLabel<'a>>,
    fingerprint: &'a str,
    suppression: Option<JsonSuppression<'a>>,
    fix: Option<JsonFix<'a>>,
}

impl<'a> From<&'a Diagnostic> for JsonDiagnostic<'a> {
    fn from(d: &'a Diagnostic) -> Self {
        let (start, end) = positions(d);
        Self {
            code: d.code,
            name: d.name,
            severity: d.severity.as_str(),
            message: &d.message,
            help: d.help.as_deref(),
            path: &d.path,
            start: start.into(),
            end: end.into(),
            span: d.span.into(),
            labels: d.labels.iter().map(JsonLabel::from).collect(),
            fingerprint: &d.fingerprint,
            suppression: d.suppression.as_ref().map(JsonSuppression::from),
            fix: d.fix.as_ref().map(JsonFix::from),
        }
    }
}

/// The edits that resolve a finding: `applicability` `safe` (applied by `--fix`) or `unsafe`
/// (only with `--unsafe-fixes`), a one-line `message`, and the edits in order, each replacing
/// the text from `start` to `end` (bytes `span`) with `content`.
#[derive(Serialize)]
struct JsonFix<'a> {
    applicability: &'static str,
    message: &'a str,
    edits: Vec<JsonEdit<'a>>,
}

impl<'a> From<&'a Fix> for JsonFix<'a> {
    fn from(fix: &'a Fix) -> Self {
        Self {
            applicability: fix.applicability.as_str(),
            message: &fix.message,
            edits: fix.edits.iter().map(JsonEdit::from).collect(),
        }
    }
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    content: &'a str,
    start: Position,
    end: Position,
    span: ByteSpan,
}

impl<'a> From<&'a Edit> for JsonEdit<'a> {
    fn from(edit: &'a Edit) -> Self {
        Self {
            content: &edit.content,
            start: clamp(edit.start).into(),
            end: clamp(edit.end).into(),
            span: edit.span.into(),
        }
    }
}

/// Why a finding does not count. `kind` and `justification` are named after SARIF's
/// `suppression` object, so both formats read alike.
#[derive(Serialize)]
struct JsonSuppression<'a> {
    kind: &'static str,
    justification: Option<&'a str>,
    scope: &'static str,
    start: Position,
    span: ByteSpan,
}

impl<'a> From<&'a Suppression> for JsonSuppression<'a> {
    fn from(s: &'a Suppression) -> Self {
        Self {
            kind: "inSource",
            justification: s.reason.as_deref(),
            scope: if s.file_level { "file" } else { "line" },
            start: clamp(s.start).into(),
            span: s.span.into(),
        }
    }
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    message: &'a str,
    start: Position,
    span: ByteSpan,
}

impl<'a> From<&'a Label> for JsonLabel<'a> {
    fn from(label: &'a Label) -> Self {
        Self {
            message: &label.message,
            start: clamp(label.start).into(),
            span: label.span.into(),
        }
    }
}

#[derive(Serialize)]
struct Position {
    line: u32,
    column: u32,
}

impl From<LineCol> for Position {
    fn from(at: LineCol) -> Self {
        Self {
            line: at.line,
            column: at.column,
        }
    }
}

#[derive(Serialize)]
struct ByteSpan {
    start: usize,
    end: usize,
}

impl From<Span> for ByteSpan {
    fn from(span: Span) -> Self {
        Self {
            start: span.start,
            end: span.end,
        }
    }
}
