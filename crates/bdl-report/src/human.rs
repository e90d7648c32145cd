//! The default, human format: each finding with its code snippet, labels and help, drawn by
//! miette. This is the only module that touches miette.

use std::collections::HashMap;
use std::fmt;
use std::hash::BuildHasher;
use std::io::{self, Write};
use std::sync::Arc;

use bdl_core::{Diagnostic, Severity};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode};

/// How to draw.
#[derive(Clone, Copy, Debug)]
pub struct HumanOptions {
    pub color: bool,
    /// Terminal width to wrap messages at.
    pub width: usize,
}

impl Default for HumanOptions {
    fn default() -> Self {
        Self {
            color: false,
            width: 100,
        }
    }
}

/// Renders every active diagnostic (suppressed ones are left out); `sources` maps a
/// diagnostic's path to the file's text.
pub fn write_human<S: BuildHasher>(
    w: &mut dyn Write,
    diagnostics: &[Diagnostic],
    sources: &HashMap<String, Arc<str>, S>,
    options: HumanOptions,
) -> io::Result<()> {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_links(false)
        .with_width(options.width)
        .with_context_lines(1);
    for diagnostic in diagnostics.iter().filter(|d| d.is_active()) {
        let text = sources
            .get(&diagnostic.path)
            .cloned()
            .unwrap_or_else(|| Arc::from(""));
        let snippet = !has_long_line(&text, diagnostic);
        let shown = Shown {
            diagnostic,
            source: NamedSource::new(&diagnostic.path, text),
            snippet,
        };
        let mut out = String::new();
        if handler.render_report(&mut out, &shown).is_err() {
            // Rendering can only fail on a formatter error; fall back to one plain line.
            out = format!(
                "{}:{}:{}: {} [{}] {}\n",
                diagnostic.path,
                diagnostic.start.line,
                diagnostic.start.column,
                diagnostic.code,
                diagnostic.severity,
                diagnostic.message
            );
        }
        w.write_all(out.as_bytes())?;
    }
    Ok(())
}

struct Shown<'a> {
    diagnostic: &'a Diagnostic,
    source: NamedSource<Arc<str>>,
    /// Whether to draw the source lines; off for lines too long to be read (minified or
    /// generated code), where the position is written after the message instead.
    snippet: bool,
}

/// Lines longer than this (in bytes) are not drawn: one finding would print the whole line,
/// and a thousand findings on one generated line would print it a thousand times.
const MAX_SNIPPET_LINE: usize = 400;

/// Whether a line the diagnostic touches (its own or a label's) is too long to draw.
fn has_long_line(text: &str, d: &Diagnostic) -> bool {
    let line_len = |offset: usize| {
        let offset = offset.min(text.len());
        let start = text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let end = text[offset..]
            .find(['\n', '\r'])
            .map_or(text.len(), |i| offset + i);
        end - start
    };
    std::iter::once(d.span.start)
        .chain(std::iter::once(d.span.end))
        .chain(d.labels.iter().map(|l| l.span.start))
        .any(|offset| {
            text.is_char_boundary(offset.min(text.len())) && line_len(offset) > MAX_SNIPPET_LINE
        })
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)?;
        if !self.snippet {
            let d = self.diagnostic;
            write!(
                f,
                "\n  at {}:{}:{} (the line is too long to show)",
                d.path, d.start.line, d.start.column
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for Shown<'_> {}

impl miette::Diagnostic for Shown<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(format!(
            "{}({})",
            self.diagnostic.code, self.diagnostic.name
        )))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.diagnostic
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.snippet.then_some(&self.source as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if !self.snippet {
            return None;
        }
        let d = self.diagnostic;
        let primary = LabeledSpan::new_primary_with_span(None, (d.span.start, d.span.len()));
        let secondary = d.labels.iter().map(|l| {
            LabeledSpan::new_with_span(Some(l.message.clone()), (l.span.start, l.span.len()))
        });
        Some(Box::new(std::iter::once(primary).chain(secondary)))
    }
}

/// An error about a file that is not a finding (a settings file that cannot be used), drawn
/// like a finding: the file's line, a caret at `span`, and the help.
pub struct SourceError<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub span: (usize, usize),
    pub message: &'a str,
    pub help: Option<&'a str>,
}

/// Renders a [`SourceError`].
pub fn write_source_error(
    w: &mut dyn Write,
    error: &SourceError<'_>,
    options: HumanOptions,
) -> io::Result<()> {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_links(false)
        .with_width(options.width)
        .with_context_lines(1);
    let shown = ShownError {
        error,
        source: NamedSource::new(error.path, Arc::from(error.text)),
    };
    let mut out = String::new();
    if handler.render_report(&mut out, &shown).is_err() {
        out = format!("error: {}: {}\n", error.path, error.message);
    }
    w.write_all(out.as_bytes())
}

struct ShownError<'a> {
    error: &'a SourceError<'a>,
    source: NamedSource<Arc<str>>,
}

impl fmt::Debug for ShownError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.error.message)
    }
}

impl fmt::Display for ShownError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.error.message)
    }
}

impl std::error::Error for ShownError<'_> {}

impl miette::Diagnostic for ShownError<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Error)
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.error
            .help
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        (!self.error.text.is_empty()).then_some(&self.source as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.error.text.is_empty() {
            return None;
        }
        let (start, len) = self.error.span;
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(None, (start, len)),
        )))
    }
}
