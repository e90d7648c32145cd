use crate::diagnostic::{Diagnostic, Label, Severity};
use crate::fix::Fix;
use crate::options::RuleOptions;
use crate::rule::RuleMeta;
use crate::span::{LineIndex, Span};
use crate::target::{Product, Target, TargetLookup, Targets, Version};

/// What a rule sees while it checks one file: its options, the target versions, and a way to
/// report.
pub struct Ctx<'a> {
    meta: &'static RuleMeta,
    options: &'a RuleOptions,
    path: &'a str,
    text: &'a str,
    index: &'a LineIndex,
    out: &'a mut Vec<Diagnostic>,
    targets: &'a dyn TargetLookup,
}

/// The lookup of a context nobody gave targets to: every version is unknown.
static NO_TARGETS: Targets = Targets::NONE;

impl<'a> Ctx<'a> {
    pub fn new(
        meta: &'static RuleMeta,
        options: &'a RuleOptions,
        path: &'a str,
        text: &'a str,
        index: &'a LineIndex,
        out: &'a mut Vec<Diagnostic>,
    ) -> Self {
        Self {
            meta,
            options,
            path,
            text,
            index,
            out,
            targets: &NO_TARGETS,
        }
    }

    /// The same context, answering [`Ctx::target`] from `targets`.
    #[must_use]
    pub fn with_targets(mut self, targets: &'a dyn TargetLookup) -> Self {
        self.targets = targets;
        self
    }

    /// The version of `product` this file is built against, and where it was read: the
    /// settings' `target:`, `--target`, or the nearest build file. `None` when unknown; a
    /// version-gated rule then reports at most `info`, or nothing.
    ///
    /// The first call for a file may read its build files (once per build file per run), so ask
    /// only when there is something to report.
    pub fn target(&self, product: Product) -> Option<&Target> {
        self.targets.target(product)
    }

    /// [`Ctx::target`]'s release line alone.
    pub fn target_version(&self, product: Product) -> Option<Version> {
        self.target(product).map(|t| t.version)
    }

    pub fn options(&self) -> &RuleOptions {
        self.options
    }

    pub fn meta(&self) -> &'static RuleMeta {
        self.meta
    }

    pub fn path(&self) -> &str {
        self.path
    }

    /// Reports a finding at `span`. The returned handle adds help and labels.
    pub fn report(
        &mut self,
        severity: Severity,
        span: Span,
        message: impl Into<String>,
    ) -> Reported<'_> {
        let span = Span::new(
            span.start.min(self.text.len()),
            span.end.min(self.text.len()),
        );
        self.out.push(Diagnostic {
            code: self.meta.code,
            name: self.meta.name,
            severity,
            message: message.into(),
            help: None,
            path: self.path.to_owned(),
            span,
            start: self.index.line_col(self.text, span.start),
            end: self.index.line_col(self.text, span.end),
            labels: Vec::new(),
            fingerprint: span.slice(self.text).to_owned(),
            suppression: None,
            redactions: Vec::new(),
            fix: None,
        });
        let last = self.out.len() - 1;
        Reported {
            diagnostic: &mut self.out[last],
            text: self.text,
            index: self.index,
        }
    }
}

/// A just-reported diagnostic, to add help, labels or a fingerprint anchor to.
pub struct Reported<'c> {
    diagnostic: &'c mut Diagnostic,
    text: &'c str,
    index: &'c LineIndex,
}

impl Reported<'_> {
    /// One imperative line: what to do.
    pub fn help(&mut self, help: impl Into<String>) -> &mut Self {
        self.diagnostic.help = Some(help.into());
        self
    }

    /// A secondary location, e.g. where a constant was defined.
    pub fn label(&mut self, span: Span, message: impl Into<String>) -> &mut Self {
        let span = Span::new(
            span.start.min(self.text.len()),
            span.end.min(self.text.len()),
        );
        self.diagnostic.labels.push(Label {
            span,
            start: self.index.line_col(self.text, span.start),
            message: message.into(),
        });
        self
    }

    /// The text the fingerprint is computed from, when the flagged span alone is not
    /// distinctive (a bare `1` as an XML value): e.g. `dfs.replication=1`. An anchor must not
    /// hold a secret: a fingerprint is a hash, but a short secret can be found from it by trying
    /// candidates.
    pub fn anchor(&mut self, anchor: impl Into<String>) -> &mut Self {
        self.diagnostic.fingerprint = anchor.into();
        self
    }

    /// Marks `span` as a secret: no output shows these bytes. Renderers that print file text
    /// (the human excerpt) mask them, in this finding's excerpt and in those of the other
    /// findings of the file. When the fingerprint is still computed from the flagged text, the
    /// bytes are masked there too.
    pub fn redact(&mut self, span: Span) -> &mut Self {
        let span = Span::new(
            span.start.min(self.text.len()),
            span.end.min(self.text.len()),
        );
        if span.is_empty() {
            return self;
        }
        let flagged = self.diagnostic.span;
        let inside = Span::new(span.start.max(flagged.start), span.end.min(flagged.end));
        if !inside.is_empty() && self.diagnostic.fingerprint == flagged.slice(self.text) {
            let local = Span::new(inside.start - flagged.start, inside.end - flagged.start);
            self.diagnostic.fingerprint =
                crate::redact::mask_text(flagged.slice(self.text), &[local]);
        }
        self.diagnostic.redactions.push(span);
        self
    }

    /// The fix that resolves the finding. Its edits are sorted and positioned here; a fix whose
    /// edits fall outside the text, inside a character or on each other is dropped (a rule
    /// bug must not corrupt a file). Build the fix only when reporting: linting without `--fix`
    /// then costs nothing more.
    pub fn fix(&mut self, fix: Fix) -> &mut Self {
        self.diagnostic.fix = fix.checked(self.text).map(|mut fix| {
            for edit in &mut fix.edits {
                edit.start = self.index.line_col(self.text, edit.span.start);
                edit.end = self.index.line_col(self.text, edit.span.end);
            }
            fix
        });
        self
    }
}
