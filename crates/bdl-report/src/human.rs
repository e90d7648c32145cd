//! The default, human format: each finding with its code snippet, labels and help, drawn by
//! miette. This is the only module that touches miette.
//!
//! miette draws an excerpt of the file, never the file itself: the lines the finding's
//! labels touch, cut where [`LineIndex`] cuts lines (a lone `\r` included), long lines cut to
//! windows around the labels and control characters escaped (module `snippet`). The path,
//! message, help and label texts are escaped too ([`crate::escape`]). So no file content or span
//! can make miette overflow a format width or print a control character. Should miette fail on
//! a finding all the same, by an error or a panic, that finding is written as a plain
//! `path:line:col: CODE [severity] message` block and the others are drawn as usual.

use std::collections::HashMap;
use std::fmt::{self, Write as _};
use std::hash::BuildHasher;
use std::io::{self, Write};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Arc;

use bdl_core::{Diagnostic, LineIndex, Severity, Span, redact};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};

use crate::escape::{Escaped, defuse_workflow_commands, escape};
use crate::snippet::{Excerpt, Mark};

/// How to draw.
#[derive(Clone, Copy, Debug)]
pub struct HumanOptions {
    pub color: bool,
    /// Terminal width to wrap messages at; taken as at least 20 and at most 1,000.
    pub width: usize,
    /// Whether unsafe fixes count as available (`--unsafe-fixes`), for the `[*]` mark.
    pub unsafe_fixes: bool,
}

impl Default for HumanOptions {
    fn default() -> Self {
        Self {
            color: false,
            width: 100,
            unsafe_fixes: false,
        }
    }
}

/// The narrowest and widest the report is wrapped at, whatever the terminal says.
const WIDTH_RANGE: (usize, usize) = (20, 1000);

fn handler(options: HumanOptions) -> GraphicalReportHandler {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_links(false)
        .with_width(options.width.clamp(WIDTH_RANGE.0, WIDTH_RANGE.1))
        .with_context_lines(1)
}

/// Draws `shown` with `handler`; `None` if miette fails on it (an error or a panic).
fn draw(handler: &GraphicalReportHandler, shown: &dyn miette::Diagnostic) -> Option<String> {
    let mut out = String::new();
    match panic::catch_unwind(AssertUnwindSafe(|| handler.render_report(&mut out, shown))) {
        Ok(Ok(())) => Some(defuse_workflow_commands(&out).into_owned()),
        Ok(Err(_)) | Err(_) => None,
    }
}

/// Renders every active diagnostic (suppressed ones are left out); `sources` maps a
/// diagnostic's path to the file's text. A diagnostic whose file is not in `sources` is drawn
/// without a snippet, with its position after the message.
pub fn write_human<S: BuildHasher>(
    w: &mut dyn Write,
    diagnostics: &[Diagnostic],
    sources: &HashMap<String, Arc<str>, S>,
    options: HumanOptions,
) -> io::Result<()> {
    let handler = handler(options);
    // One line index per file, built when the file's first finding is drawn.
    let mut indexes: HashMap<&str, LineIndex> = HashMap::new();
    let redactions = redactions_by_file(diagnostics);
    for (n, diagnostic) in diagnostics.iter().filter(|d| d.is_active()).enumerate() {
        // A blank line between findings.
        if n > 0 {
            w.write_all(b"\n")?;
        }
        let excerpt = sources.get(&diagnostic.path).and_then(|text| {
            let index = indexes
                .entry(diagnostic.path.as_str())
                .or_insert_with(|| LineIndex::new(text));
            let redact = redactions
                .get(diagnostic.path.as_str())
                .map_or(&[][..], Vec::as_slice);
            excerpt(diagnostic, text, index, redact)
        });
        let shown = Shown {
            diagnostic,
            message: escape(&diagnostic.message),
            help: help(diagnostic),
            excerpt,
            fixable: crate::fixable(diagnostic, options.unsafe_fixes),
        };
        let out = draw(&handler, &shown).unwrap_or_else(|| plain(diagnostic));
        w.write_all(out.as_bytes())?;
    }
    Ok(())
}

/// The help of `d`, escaped, followed for an unsafe fix by a line that says what it does and
/// why it is not safe (a safe fix is what the help says; `[*]` marks it).
fn help(d: &Diagnostic) -> Option<String> {
    let unsafe_fix = d
        .fix
        .as_ref()
        .filter(|f| f.applicability == bdl_core::Applicability::Unsafe);
    match (d.help.as_deref(), unsafe_fix) {
        (help, None) => help.map(escape),
        (help, Some(fix)) => {
            let mut text = help.map(|h| escape(h) + "\n").unwrap_or_default();
            text.push_str("unsafe fix (--fix --unsafe-fixes): ");
            text.push_str(&escape(&fix.message));
            Some(text)
        }
    }
}

/// The spans to mask per file: those of every finding of the file, suppressed ones included,
/// since an excerpt shows the lines around its finding, which may hold another finding's
/// secret.
fn redactions_by_file(diagnostics: &[Diagnostic]) -> HashMap<&str, Vec<Span>> {
    let mut out: HashMap<&str, Vec<Span>> = HashMap::new();
    for d in diagnostics.iter().filter(|d| !d.redactions.is_empty()) {
        out.entry(d.path.as_str())
            .or_default()
            .extend(d.redactions.iter().copied());
    }
    for spans in out.values_mut() {
        *spans = redact::merged(spans);
    }
    out
}

/// The excerpt of `text` that `d` shows: its span, then its labels; the bytes of `redact` (sorted
/// and merged) masked.
fn excerpt(d: &Diagnostic, text: &str, index: &LineIndex, redact: &[Span]) -> Option<Excerpt> {
    let marks: Vec<Mark<'_>> = std::iter::once(Mark {
        start: d.span.start,
        end: d.span.end,
        label: None,
        primary: true,
    })
    .chain(d.labels.iter().map(|l| Mark {
        start: l.span.start,
        end: l.span.end,
        label: Some(&l.message),
        primary: false,
    }))
    .collect();
    Excerpt::new(escape(&d.path), text, index, &marks, redact)
}

/// A finding as one plain block: `path:line:col: CODE [severity] message` and its help, escaped.
fn plain(d: &Diagnostic) -> String {
    let mut out = format!(
        "{}:{}:{}: {} [{}] {}\n",
        Escaped(&d.path),
        d.start.line.max(1),
        d.start.column.max(1),
        d.code,
        d.severity,
        Escaped(&d.message)
    );
    if let Some(help) = &d.help {
        // Writing to a String cannot fail.
        let _ = writeln!(out, "  help: {}", Escaped(help));
    }
    defuse_workflow_commands(&out).into_owned()
}

struct Shown<'a> {
    diagnostic: &'a Diagnostic,
    /// The message and help, escaped.
    message: String,
    help: Option<String>,
    /// What to draw of the file; `None` when its text is not known or empty, in which case the
    /// position is written after the message.
    excerpt: Option<Excerpt>,
    /// `--fix` can fix it: `[*]` follows the code.
    fixable: bool,
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if self.excerpt.is_none() {
            let d = self.diagnostic;
            write!(
                f,
                "\n  at {}:{}:{}",
                Escaped(&d.path),
                d.start.line.max(1),
                d.start.column.max(1)
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for Shown<'_> {}

impl miette::Diagnostic for Shown<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(format!(
            "{}({}){}",
            self.diagnostic.code,
            self.diagnostic.name,
            if self.fixable { " [*]" } else { "" }
        )))
    }

    fn url<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(crate::rule_url(self.diagnostic.code)))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.excerpt.as_ref().map(|e| e as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let labels = self.excerpt.as_ref()?.labels();
        Some(Box::new(labels.into_iter()))
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
    let (start, len) = error.span;
    let excerpt = Excerpt::new(
        escape(error.path),
        error.text,
        &LineIndex::new(error.text),
        &[Mark {
            start,
            end: start.saturating_add(len),
            label: None,
            primary: true,
        }],
        &[],
    );
    let shown = ShownError {
        message: escape(error.message),
        help: error.help.map(escape),
        excerpt,
    };
    let out = draw(&handler(options), &shown).unwrap_or_else(|| {
        format!(
            "error: {}: {}\n",
            Escaped(error.path),
            Escaped(error.message)
        )
    });
    w.write_all(out.as_bytes())
}

struct ShownError {
    /// The message and help, escaped.
    message: String,
    help: Option<String>,
    excerpt: Option<Excerpt>,
}

impl fmt::Debug for ShownError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for ShownError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ShownError {}

impl miette::Diagnostic for ShownError {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Error)
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.excerpt.as_ref().map(|e| e as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let labels = self.excerpt.as_ref()?.labels();
        Some(Box::new(labels.into_iter()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A diagnostic whose message panics when miette formats it.
    #[derive(Debug)]
    struct Exploding;

    impl fmt::Display for Exploding {
        fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
            panic!("a renderer bug")
        }
    }

    impl std::error::Error for Exploding {}
    impl miette::Diagnostic for Exploding {}

    #[test]
    fn a_panic_while_drawing_falls_back_to_a_plain_block() {
        assert_eq!(draw(&handler(HumanOptions::default()), &Exploding), None);
        let d = Diagnostic {
            code: "FLK001",
            name: "checkpoint-interval-too-short",
            severity: Severity::Error,
            message: "interval \u{1b}[2J".to_owned(),
            help: Some("raise it".to_owned()),
            path: "::a\n.java".to_owned(),
            span: bdl_core::Span::new(0, 1),
            start: bdl_core::LineCol { line: 3, column: 0 },
            end: bdl_core::LineCol { line: 3, column: 2 },
            labels: vec![],
            fingerprint: String::new(),
            suppression: None,
            redactions: Vec::new(),
            fix: None,
        };
        assert_eq!(
            plain(&d),
            "\\x3a:a\\n.java:3:1: FLK001 [error] interval \\x1b[2J\n  help: raise it\n"
        );
    }

    #[test]
    fn secrets_of_any_finding_of_the_file_are_masked_in_every_excerpt() {
        let text = "host=redis.internal\npassword=s3cr3t\ntoken=t0k3n-s3cr3t\n";
        let finding = |line: u32, start: usize, end: usize, redact: Option<Span>| Diagnostic {
            code: "TST001",
            name: "test",
            severity: Severity::Error,
            message: "m".to_owned(),
            help: None,
            path: "application.properties".to_owned(),
            span: Span::new(start, end),
            start: bdl_core::LineCol { line, column: 1 },
            end: bdl_core::LineCol { line, column: 2 },
            labels: vec![],
            fingerprint: String::new(),
            suppression: None,
            redactions: redact.into_iter().collect(),
            fix: None,
        };
        let password = text.find("s3cr3t").expect("in text");
        let token = text.find("t0k3n").expect("in text");
        let mut suppressed = finding(3, token, token + 12, Some(Span::new(token, token + 12)));
        suppressed.suppression = Some(bdl_core::Suppression {
            reason: None,
            span: Span::new(0, 0),
            start: bdl_core::LineCol { line: 1, column: 1 },
            file_level: true,
        });
        let diagnostics = [
            finding(1, 0, 4, None),
            finding(
                2,
                password,
                password + 6,
                Some(Span::new(password, password + 6)),
            ),
            suppressed,
        ];
        let sources: HashMap<String, Arc<str>> =
            HashMap::from([("application.properties".to_owned(), Arc::from(text))]);
        let mut out = Vec::new();
        write_human(&mut out, &diagnostics, &sources, HumanOptions::default()).expect("renders");
        let out = String::from_utf8(out).expect("UTF-8");
        assert!(out.contains("password=******"), "{out}");
        assert!(out.contains("token=************"), "{out}");
        assert!(!out.contains("s3cr3t") && !out.contains("t0k3n"), "{out}");
        assert!(out.contains("host=redis.internal"), "{out}");
    }
}
