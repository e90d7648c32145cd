//! The per-file pipeline: prefilter, parse once, run every applicable rule on the one model,
//! then apply the file's inline suppressions.

use std::collections::HashMap;
use std::panic::{self, AssertUnwindSafe};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use bdl_core::{
    Ctx, Diagnostic, FileKind, LineIndex, RuleMeta, RuleOptions, Severity, Span, Suppression,
    TargetLookup, Targets, TestSources, declare_rule,
};

use crate::build::BuildFile;
use crate::config::ConfigFile;
use crate::java::JavaFile;
use crate::rule::Rule;
use crate::suppress::{
    self, Directive, InvalidSuppression, MARKER, Scope, Suppressions, UnusedSuppression,
};
use crate::view::{Isolated, ProjectView};

declare_rule! {
    /// ## What it does
    /// Reports the first place where a configuration file cannot be read as its dialect: YAML
    /// with a syntax error, XML that is not well-formed or uses an undeclared entity, an
    /// unterminated SQL string or comment, a `flink-conf.yaml` line that is not `key: value`,
    /// a malformed `\uXXXX` escape in a `.properties` file.
    ///
    /// A Kubernetes `FlinkDeployment` / `FlinkSessionJob` with a YAML error is reported too,
    /// unless it is a Helm template (it contains `{{`): a template is not YAML until Helm
    /// renders it, so its errors are not reported, and the settings before the error are still
    /// checked. YAML files that hold no Flink resource are never parsed and never reported.
    ///
    /// A `*.sql` script is checked only when it is Flink SQL: when it sets a known Flink key
    /// with a quoted `SET 'key' = 'value'`, declares a table `WITH ('connector' = …)` or a
    /// catalog `WITH ('type' = …)`, or uses `USE CATALOG` or a statement set. MySQL dumps,
    /// PostgreSQL, Hive, DB2 and Oracle scripts are other dialects and never reported; the
    /// Flink rules still read their `SET` statements of known Flink keys.
    ///
    /// ## Why is this bad?
    /// The product rejects the file, or silently reads less of it than was written: Flink
    /// skips a `flink-conf.yaml` line without `": "` with only a log warning, and a YAML or XML
    /// error stops the file from loading. bigdata-lint's other rules see only the entries it
    /// could read, so they may miss findings after the error.
    ///
    /// ## Example
    /// ```yaml file=config.yaml bad
    /// execution:
    ///   checkpointing: [interval: 1s
    /// ```
    ///
    /// Use instead:
    ///
    /// ```yaml file=config.yaml good
    /// execution:
    ///   checkpointing:
    ///     interval: 3min
    /// ```
    ///
    /// ## How to fix
    /// Correct the syntax at the reported position.
    ///
    /// ## Options
    /// None.
    ///
    /// ## References
    /// - YAML 1.2: <https://yaml.org/spec/1.2.2/>
    /// - Flink configuration file: <https://nightlies.apache.org/flink/flink-docs-stable/docs/deployment/config/#flink-configuration-file>
    /// - Hadoop `Configuration`: <https://hadoop.apache.org/docs/stable/api/org/apache/hadoop/conf/Configuration.html>
    pub InvalidSyntax {
        code: "BDL000",
        name: "invalid-config-syntax",
        summary: "configuration file cannot be parsed",
        severity: Warning,
        kinds: [FlinkConf, FlinkYaml, FlinkSql, HadoopXml, SpringProperties, SpringYaml, SparkConf, FlinkK8s],
        triggers: [],
        options: [],
    }
}

impl Rule for InvalidSyntax {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }
    // Reported by the checker from the parser's errors; nothing to inspect here.
}

/// Where users report bugs.
pub const ISSUES_URL: &str = "https://github.com/bigdata-lint/bigdata-lint/issues";

/// The code of an internal error: a rule panicked on a file. Not a rule of its own (it cannot
/// be selected or ignored); any such finding makes the run exit with code 2.
pub const INTERNAL_ERROR_CODE: &str = "BDL999";

static INTERNAL_ERROR: RuleMeta = RuleMeta {
    code: INTERNAL_ERROR_CODE,
    name: "internal-error",
    summary: "a rule failed on this file",
    severity: Severity::Error,
    kinds: &[],
    triggers: &[],
    options: &[],
    docs: "",
    file: file!(),
    line: line!(),
    fix: bdl_core::FixAvailability::None,
};

/// The outcome of checking one file.
#[derive(Debug, Default)]
pub struct FileReport {
    pub diagnostics: Vec<Diagnostic>,
    /// Whether the prefilter let the file through and it was parsed.
    pub parsed: bool,
    /// How many syntax errors the parse found (see [`crate::fix::syntax_errors`]), when the
    /// file was parsed: the fix loop compares them without parsing again.
    pub syntax_errors: Option<usize>,
}

/// After how many files a run builds the DFAs: they save about 25 µs a file over the NFAs and
/// cost about 4 ms to build.
const DFA_AFTER: usize = 256;

/// The trigger words, searched two ways.
struct Prefilter {
    /// Every match, overlapping: which rules a file triggers (and the suppression marker).
    all: Option<AhoCorasick>,
    /// A yes/no question, does the file contain any of them? Leftmost-first searches can use
    /// a prefilter that overlapping ones cannot, so most files (which contain none) are
    /// dismissed faster than by `all`.
    any: Option<AhoCorasick>,
}

impl Prefilter {
    fn new(patterns: &[&str], kind: AhoCorasickKind) -> Self {
        let build = |match_kind| {
            AhoCorasick::builder()
                .kind(Some(kind))
                .match_kind(match_kind)
                .build(patterns)
                .ok()
        };
        Self {
            all: build(MatchKind::Standard),
            any: build(MatchKind::LeftmostFirst),
        }
    }
}

/// The pattern owner that stands for [`MARKER`] rather than a rule.
const MARKER_OWNER: usize = usize::MAX;

/// The enabled rules with their options, and the prefilter built from their trigger words.
/// Built once per run; shared by every worker thread.
pub struct Checker {
    rules: Vec<(&'static dyn Rule, RuleOptions)>,
    /// The trigger-word automatons, as NFAs: cheap to build, slower to search.
    nfa: Prefilter,
    /// The same as DFAs, built once the run has checked [`DFA_AFTER`] files: a DFA searches
    /// about three times as fast but takes about 2 ms to build, more than a run of a few files
    /// spends searching.
    dfa: OnceLock<Prefilter>,
    /// Files checked so far, counted until the DFAs are built.
    checked: AtomicUsize,
    dfa_after: usize,
    /// The trigger words; pattern `i` belongs to rule `owner[i]` (or is [`MARKER`]).
    patterns: Vec<&'static str>,
    owner: Vec<usize>,
    /// Where `BDL001` and `BDL002` are in `rules`, when enabled. The checker reports them itself.
    unused_rule: Option<usize>,
    invalid_rule: Option<usize>,
    inline_suppressions: bool,
    /// Every rule of the build, to tell an unknown code in a suppression from a disabled one.
    known: Option<Vec<&'static RuleMeta>>,
    /// Rules whose findings mark secrets ([`Checker::with_redactors`]).
    redactors: Vec<(&'static dyn Rule, RuleOptions)>,
}

/// A file parsed once for the rules, kept for the redactors. One per file being checked, on
/// the stack: the size difference does not matter.
#[allow(
    clippy::large_enum_variant,
    reason = "one short-lived value per checked file"
)]
enum Parsed<'a> {
    Java(JavaFile<'a>),
    Config(ConfigFile<'a>),
    Build(BuildFile<'a>),
}

impl Checker {
    /// A checker for `rules`, with inline suppressions on.
    pub fn new(rules: Vec<(&'static dyn Rule, RuleOptions)>) -> Self {
        let position = |code: &str| rules.iter().position(|(r, _)| r.meta().code == code);
        let unused_rule = position(UnusedSuppression::META.code);
        let invalid_rule = position(InvalidSuppression::META.code);
        let mut patterns = vec![MARKER];
        let mut owner = vec![MARKER_OWNER];
        for (i, (rule, _)) in rules.iter().enumerate() {
            if Some(i) == unused_rule || Some(i) == invalid_rule {
                continue;
            }
            for trigger in rule.meta().triggers {
                patterns.push(*trigger);
                owner.push(i);
            }
        }
        Self {
            rules,
            nfa: Prefilter::new(&patterns, AhoCorasickKind::ContiguousNFA),
            dfa: OnceLock::new(),
            checked: AtomicUsize::new(0),
            dfa_after: DFA_AFTER,
            patterns,
            owner,
            unused_rule,
            invalid_rule,
            inline_suppressions: true,
            known: None,
            redactors: Vec::new(),
        }
    }

    /// Rules run on every file that has a finding, whether they are enabled for it or not
    /// (disabled, skipped as a test source, prefiltered out), only for the spans their findings
    /// redact: an excerpt shows the lines around a finding, and a secret on one of them must be
    /// masked even when the rule that finds secrets is not selected. Their findings are
    /// dropped. Worth it only when excerpts are printed; a rule that ran on the file is not run
    /// again.
    #[must_use]
    pub fn with_redactors(mut self, rules: impl IntoIterator<Item = &'static dyn Rule>) -> Self {
        self.redactors = rules
            .into_iter()
            .map(|r| (r, RuleOptions::defaults(r.meta().options)))
            .collect();
        self
    }

    /// Whether `bigdata-lint: ignore` comments are honoured (default: yes). When they are not,
    /// every finding is active and `BDL001` / `BDL002` report nothing, which is how suppressions
    /// are audited.
    #[must_use]
    pub fn with_inline_suppressions(mut self, on: bool) -> Self {
        self.inline_suppressions = on;
        self
    }

    /// Every rule that exists, enabled or not. With it, a suppression that names a code no rule
    /// has, or a rule name instead of a code, is reported as `BDL002`.
    #[must_use]
    pub fn with_known_rules(mut self, rules: impl IntoIterator<Item = &'static RuleMeta>) -> Self {
        self.known = Some(rules.into_iter().collect());
        self
    }

    pub fn inline_suppressions(&self) -> bool {
        self.inline_suppressions
    }

    pub fn rules(&self) -> impl Iterator<Item = &'static RuleMeta> + '_ {
        self.rules.iter().map(|(r, _)| r.meta())
    }

    /// Whether some enabled rule inspects files of `kind` (the engine skips reading the rest).
    pub fn wants(&self, kind: FileKind) -> bool {
        self.rules.iter().enumerate().any(|(i, (r, _))| {
            r.meta().applies_to(kind) && (self.inline_suppressions || !self.is_suppression_rule(i))
        })
    }

    /// The automatons to search a file with: the DFAs once enough files were checked.
    fn prefilter(&self) -> &Prefilter {
        if let Some(dfa) = self.dfa.get() {
            return dfa;
        }
        if self.checked.fetch_add(1, Ordering::Relaxed) < self.dfa_after {
            return &self.nfa;
        }
        self.dfa
            .get_or_init(|| Prefilter::new(&self.patterns, AhoCorasickKind::DFA))
    }

    /// Builds the DFAs after `files` files instead of [`DFA_AFTER`] (tests compare both).
    #[cfg(test)]
    fn with_dfa_after(mut self, files: usize) -> Self {
        self.dfa_after = files;
        self
    }

    fn is_suppression_rule(&self, i: usize) -> bool {
        Some(i) == self.unused_rule || Some(i) == self.invalid_rule
    }

    /// Whether the rule with `code` is enabled and ran on the file (or could not have fired
    /// there: prefiltered out, or not for this kind of file). `BDL001` and `BDL002` run
    /// whenever they are enabled.
    fn ran_on_file(&self, code: &str, ran: &[bool]) -> bool {
        self.rules
            .iter()
            .position(|(r, _)| r.meta().code == code)
            .is_some_and(|i| self.is_suppression_rule(i) || ran.get(i).copied().unwrap_or(false))
    }

    /// Checks one file, with every target version unknown. `path` is the display path stored
    /// in diagnostics.
    pub fn check(&self, path: &str, kind: FileKind, is_test: bool, text: &str) -> FileReport {
        self.check_with_targets(path, kind, is_test, text, &Targets::NONE)
    }

    /// Checks one file; rules asking [`Ctx::target`] are answered by `targets`, and the file has
    /// no neighbours.
    pub fn check_with_targets(
        &self,
        path: &str,
        kind: FileKind,
        is_test: bool,
        text: &str,
        targets: &dyn TargetLookup,
    ) -> FileReport {
        self.check_in(path, kind, is_test, text, &Isolated(targets))
    }

    /// Checks one file seen in `project`: rules asking [`Ctx::target`], the file's neighbours
    /// or the classes of other files are answered by it.
    #[allow(
        clippy::too_many_lines,
        reason = "one pipeline: prefilter, parse, run, suppress"
    )]
    pub fn check_in(
        &self,
        path: &str,
        kind: FileKind,
        is_test: bool,
        text: &str,
        project: &dyn ProjectView,
    ) -> FileReport {
        let targets: &dyn TargetLookup = project;
        // Rules that skip this file by configuration did not run: suppressions of them are
        // never reported as unused.
        let skipped_as_test: Vec<bool> = self
            .rules
            .iter()
            .map(|(_, options)| is_test && options.bool(TestSources::OPTION) == Some(false))
            .collect();
        let mut wanted: Vec<bool> = self
            .rules
            .iter()
            .enumerate()
            .map(|(i, (rule, _))| {
                !self.is_suppression_rule(i) && rule.meta().applies_to(kind) && !skipped_as_test[i]
            })
            .collect();
        let reports_suppressions =
            self.inline_suppressions && (self.unused_rule.is_some() || self.invalid_rule.is_some());
        if !wanted.iter().any(|w| *w) && !reports_suppressions {
            return FileReport::default();
        }
        // Prefilter: a rule with trigger words runs only if one of them occurs in the file.
        // Configuration files are exempt: nested YAML never spells out a dotted key, and such
        // files are few and small, so they are always parsed. The same pass over a Java or
        // build file looks for the suppression marker (a build file's rules name artifacts,
        // which are always spelled out).
        let mut triggered: Vec<bool> = self
            .rules
            .iter()
            .map(|(rule, _)| kind.is_config() || rule.meta().triggers.is_empty())
            .collect();
        let mut marker_seen = None;
        let prefilter = self.prefilter();
        if let Some(automaton) = prefilter.all.as_ref().filter(|_| !kind.is_config()) {
            let mut missing = wanted
                .iter()
                .zip(&triggered)
                .filter(|(w, t)| **w && !**t)
                .count();
            let mut seen = false;
            let any = prefilter.any.as_ref().is_none_or(|a| a.is_match(text));
            if any && (missing > 0 || self.inline_suppressions) {
                for m in automaton.find_overlapping_iter(text) {
                    match self.owner[m.pattern().as_usize()] {
                        MARKER_OWNER => seen = true,
                        rule => {
                            if wanted[rule] && !triggered[rule] {
                                triggered[rule] = true;
                                missing -= 1;
                            }
                        }
                    }
                    if missing == 0 && (seen || !self.inline_suppressions) {
                        break;
                    }
                }
            }
            marker_seen = Some(seen);
        }
        for (w, t) in wanted.iter_mut().zip(&triggered) {
            *w &= *t;
        }
        let run_rules = wanted.iter().any(|w| *w);
        let has_suppressions =
            self.inline_suppressions && marker_seen.unwrap_or_else(|| text.contains(MARKER));
        let suppression_findings = has_suppressions && reports_suppressions;
        if !run_rules && !suppression_findings {
            return FileReport::default();
        }
        let syntax_rule = self
            .rules
            .iter()
            .position(|(r, _)| r.meta().code == InvalidSyntax::META.code);

        let index = LineIndex::new(text);
        let mut diagnostics = Vec::new();
        // Rules that did not finish on this file (they panicked, or the file could not be
        // parsed): their suppressions are not known to be unused.
        let mut unfinished = vec![false; self.rules.len()];
        let mut parsed = false;
        let mut syntax_errors = None;
        let mut run = |i: usize, f: &dyn Fn(&dyn Rule, &mut Ctx<'_>)| {
            let (rule, options) = &self.rules[i];
            let mut found = Vec::new();
            let mut cx = Ctx::new(rule.meta(), options, path, text, &index, &mut found)
                .with_targets(targets);
            // A bug in one rule must not end the run: its findings for this file are dropped
            // and an internal error names the rule and the file instead.
            let outcome = panic::catch_unwind(AssertUnwindSafe(|| f(*rule, &mut cx)));
            match outcome {
                Ok(()) => diagnostics.append(&mut found),
                Err(payload) => {
                    unfinished[i] = true;
                    let reason = payload
                        .downcast_ref::<&str>()
                        .map(|s| (*s).to_owned())
                        .or_else(|| payload.downcast_ref::<String>().cloned())
                        .unwrap_or_else(|| "unknown cause".to_owned());
                    let mut internal = Vec::new();
                    let mut cx =
                        Ctx::new(&INTERNAL_ERROR, options, path, text, &index, &mut internal);
                    cx.report(
                        Severity::Error,
                        Span::new(0, 0),
                        format!(
                            "internal error: rule {} ({}) failed on this file: {reason}",
                            rule.meta().code,
                            rule.meta().name
                        ),
                    )
                    .help(format!("please report this with the file at {ISSUES_URL}"))
                    .anchor(rule.meta().code);
                    diagnostics.append(&mut internal);
                }
            }
        };
        let mut model: Option<Parsed<'_>> = None;
        if !run_rules {
            // Only the suppression comments need looking at.
        } else if kind == FileKind::Java {
            if let Some(file) = JavaFile::parse(text).map(|f| f.in_project(project)) {
                parsed = true;
                syntax_errors = Some(crate::fix::java_syntax_errors(&file));
                for (i, _) in wanted.iter().enumerate().filter(|(_, w)| **w) {
                    run(i, &|rule, cx| rule.check_java(&file, cx));
                }
                model = Some(Parsed::Java(file));
            } else {
                for (i, w) in wanted.iter().enumerate() {
                    unfinished[i] |= *w;
                }
            }
        } else if kind.is_build() {
            parsed = true;
            syntax_errors = Some(0);
            let file = project.build_file(kind, text);
            for (i, _) in wanted.iter().enumerate().filter(|(_, w)| **w) {
                run(i, &|rule, cx| rule.check_build(&file, cx));
            }
            model = Some(Parsed::Build(file));
        } else {
            parsed = true;
            let file = ConfigFile::parse(kind, text).in_project(project);
            syntax_errors = Some(file.errors.len());
            for (i, _) in wanted.iter().enumerate().filter(|(_, w)| **w) {
                if Some(i) == syntax_rule {
                    run(i, &|_, cx| report_syntax_errors(&file, cx));
                } else {
                    run(i, &|rule, cx| rule.check_config(&file, cx));
                }
            }
            model = Some(Parsed::Config(file));
        }
        if has_suppressions {
            let found = suppress::scan(kind, text, &index, self.known.as_deref());
            let ran: Vec<bool> = unfinished
                .iter()
                .zip(&skipped_as_test)
                .map(|(unfinished, skipped)| !unfinished && !skipped)
                .collect();
            let file = FileInput {
                path,
                kind,
                text,
                index: &index,
            };
            self.apply_suppressions(&file, &found, &ran, &mut diagnostics);
        }
        if !diagnostics.is_empty() && !self.redactors.is_empty() {
            let ran: Vec<&str> = self
                .rules
                .iter()
                .zip(&wanted)
                .filter(|(_, w)| **w)
                .map(|((r, _), _)| r.meta().code)
                .collect();
            let extra = self.redactions(path, kind, text, &index, project, model, &ran);
            if let Some(first) = diagnostics.first_mut() {
                first.redactions.extend(extra);
            }
        }
        bdl_core::redact::share_redactions(&mut diagnostics);
        FileReport {
            diagnostics,
            parsed,
            syntax_errors,
        }
    }

    /// The spans the redactors mark in a file, each redactor that did not run on it (`ran`)
    /// run on `model` (parsed now if the rules did not parse it). A redactor that panics
    /// marks nothing.
    #[allow(clippy::too_many_arguments, reason = "the file as check_in sees it")]
    fn redactions<'a>(
        &self,
        path: &str,
        kind: FileKind,
        text: &'a str,
        index: &LineIndex,
        project: &'a dyn ProjectView,
        model: Option<Parsed<'a>>,
        ran: &[&str],
    ) -> Vec<Span> {
        let pending: Vec<_> = self
            .redactors
            .iter()
            .filter(|(r, _)| r.meta().applies_to(kind) && !ran.contains(&r.meta().code))
            .collect();
        if pending.is_empty() {
            return Vec::new();
        }
        let model = match model {
            Some(model) => model,
            None if kind == FileKind::Java => match JavaFile::parse(text) {
                Some(file) => Parsed::Java(file.in_project(project)),
                None => return Vec::new(),
            },
            None if kind.is_build() => Parsed::Build(project.build_file(kind, text)),
            None => Parsed::Config(ConfigFile::parse(kind, text).in_project(project)),
        };
        let mut spans = Vec::new();
        for (rule, options) in pending {
            let mut found = Vec::new();
            let mut cx = Ctx::new(rule.meta(), options, path, text, index, &mut found);
            let outcome = panic::catch_unwind(AssertUnwindSafe(|| match &model {
                Parsed::Java(file) => rule.check_java(file, &mut cx),
                Parsed::Config(file) => rule.check_config(file, &mut cx),
                Parsed::Build(file) => rule.check_build(file, &mut cx),
            }));
            if outcome.is_ok() {
                spans.extend(found.into_iter().flat_map(|d| d.redactions));
            }
        }
        spans
    }

    /// Marks the findings that `found` covers as suppressed, then reports unused codes
    /// (`BDL001`) and malformed comments (`BDL002`). `ran[i]` says whether rule `i` ran on the
    /// file (or could not have fired: prefiltered out, or not for this kind of file).
    fn apply_suppressions(
        &self,
        file: &FileInput<'_>,
        found: &Suppressions,
        ran: &[bool],
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let mut cover = Coverage::new(file, &found.directives);
        for d in diagnostics.iter_mut() {
            cover.apply(d);
        }
        if let Some(i) = self.invalid_rule {
            let (rule, options) = &self.rules[i];
            let mut out = Vec::new();
            let mut cx = Ctx::new(
                rule.meta(),
                options,
                file.path,
                file.text,
                file.index,
                &mut out,
            );
            for problem in &found.problems {
                cx.report(Severity::Warning, problem.span, problem.message.clone())
                    .help(problem.help.clone())
                    .anchor(format!(
                        "{} {}",
                        problem.message,
                        problem.span.slice(file.text)
                    ));
            }
            for d in &mut out {
                cover.apply(d);
            }
            diagnostics.append(&mut out);
        }
        let Some(u) = self.unused_rule else {
            return;
        };
        // Unused codes of other rules first: those findings can be suppressed with
        // `ignore-file BDL001`. An unused `BDL001` itself is reported last, and stays active.
        let mut out = self.report_unused(u, file, found, &cover, ran, false);
        for d in &mut out {
            cover.apply(d);
        }
        diagnostics.append(&mut out);
        let mut out = self.report_unused(u, file, found, &cover, ran, true);
        diagnostics.append(&mut out);
    }

    /// `BDL001` for every code of `found` that suppressed nothing: the codes of other rules, or
    /// (`own`) the code `BDL001` itself.
    fn report_unused(
        &self,
        u: usize,
        file: &FileInput<'_>,
        found: &Suppressions,
        cover: &Coverage,
        ran: &[bool],
        own: bool,
    ) -> Vec<Diagnostic> {
        let (rule, options) = &self.rules[u];
        let mut out = Vec::new();
        // A `BDL001` code absorbs reports about other codes, so it is known to be unused only
        // when every other code of the file belongs to a rule that ran.
        if own
            && !found
                .directives
                .iter()
                .flat_map(|d| &d.codes)
                .all(|c| c.code == UnusedSuppression::META.code || self.ran_on_file(&c.code, ran))
        {
            return out;
        }
        let mut cx = Ctx::new(
            rule.meta(),
            options,
            file.path,
            file.text,
            file.index,
            &mut out,
        );
        for (di, directive) in found.directives.iter().enumerate() {
            for (ci, code) in directive.codes.iter().enumerate() {
                if cover.used[di][ci] || (code.code == UnusedSuppression::META.code) != own {
                    continue;
                }
                // A rule that is not enabled, or did not run on this file, proves nothing.
                if !self.ran_on_file(&code.code, ran) {
                    continue;
                }
                let Some(meta) = self.rules().find(|m| m.code == code.code) else {
                    continue;
                };
                let help = if directive.codes.len() == 1 {
                    "remove the suppression comment".to_owned()
                } else {
                    format!("remove `{}` from the suppression comment", code.code)
                };
                cx.report(
                    Severity::Warning,
                    code.span,
                    unused_message(directive, meta, file.kind),
                )
                .help(help)
                .anchor(format!(
                    "{} {}",
                    code.code,
                    directive.span.slice(file.text)
                ));
            }
        }
        out
    }
}

/// The file being checked, as the suppression stage needs it.
struct FileInput<'a> {
    path: &'a str,
    kind: FileKind,
    text: &'a str,
    index: &'a LineIndex,
}

/// Which directive covers which line, and which of their codes have suppressed something.
struct Coverage<'d> {
    directives: &'d [Directive],
    /// The distinct line scopes, each with the directives that have it. Many comments can
    /// name one long XML property; its lines then refer to the scope once, not to each comment.
    scopes: Vec<Vec<usize>>,
    /// 1-based line -> the scopes that contain it.
    by_line: HashMap<u32, Vec<usize>>,
    /// The `ignore-file` directives.
    file_level: Vec<usize>,
    /// Per directive, per code: whether it suppressed a finding.
    used: Vec<Vec<bool>>,
    text: &'d str,
    index: &'d LineIndex,
}

impl<'d> Coverage<'d> {
    fn new(file: &FileInput<'d>, directives: &'d [Directive]) -> Self {
        let mut ids: HashMap<(u32, u32), usize> = HashMap::new();
        let mut scopes: Vec<Vec<usize>> = Vec::new();
        let mut by_line: HashMap<u32, Vec<usize>> = HashMap::new();
        let mut file_level = Vec::new();
        for (i, directive) in directives.iter().enumerate() {
            match directive.scope {
                Scope::File => file_level.push(i),
                Scope::Lines { first, last } => {
                    let id = *ids.entry((first, last)).or_insert_with(|| {
                        // Scopes are single lines, XML properties or properties with their
                        // continuation lines, so their lines add up to about the file's.
                        for line in first..=last {
                            by_line.entry(line).or_default().push(scopes.len());
                        }
                        scopes.push(Vec::new());
                        scopes.len() - 1
                    });
                    scopes[id].push(i);
                }
                Scope::Nothing => {}
            }
        }
        Self {
            directives,
            scopes,
            by_line,
            file_level,
            used: directives
                .iter()
                .map(|d| vec![false; d.codes.len()])
                .collect(),
            text: file.text,
            index: file.index,
        }
    }

    /// Marks `d` suppressed when a directive covers it (a line directive is preferred for the
    /// reason), and records every covering code as used. Internal errors are never suppressed.
    fn apply(&mut self, d: &mut Diagnostic) {
        if d.code == INTERNAL_ERROR_CODE {
            return;
        }
        let scopes = &self.scopes;
        let on_line = self
            .by_line
            .get(&d.start.line)
            .into_iter()
            .flatten()
            .flat_map(|id| &scopes[*id]);
        let mut first = None;
        for &i in on_line.chain(&self.file_level) {
            let Some(c) = self.directives[i]
                .codes
                .iter()
                .position(|c| c.code == d.code)
            else {
                continue;
            };
            self.used[i][c] = true;
            first.get_or_insert(i);
        }
        if d.suppression.is_none()
            && let Some(i) = first
        {
            let directive = &self.directives[i];
            d.suppression = Some(Suppression {
                reason: directive.reason.clone(),
                span: directive.span,
                start: self.index.line_col(self.text, directive.span.start),
                file_level: directive.scope == Scope::File,
            });
        }
    }
}

/// "suppression of FLK001 matches no finding on line 12", and the other scopes.
fn unused_message(directive: &Directive, rule: &RuleMeta, kind: FileKind) -> String {
    let code = rule.code;
    if !rule.applies_to(kind) {
        return format!(
            "suppression of {code} matches no finding: {code} does not check {}",
            kind.describe()
        );
    }
    match directive.scope {
        Scope::File => format!("suppression of {code} matches no finding in this file"),
        Scope::Lines { first, last } if first == last => {
            format!("suppression of {code} matches no finding on line {first}")
        }
        Scope::Lines { first, last } => {
            format!("suppression of {code} matches no finding on lines {first}-{last}")
        }
        Scope::Nothing if kind == FileKind::HadoopXml => {
            format!("suppression of {code} applies to nothing: no `<property>` follows it")
        }
        Scope::Nothing if kind == FileKind::MavenPom => {
            format!("suppression of {code} applies to nothing: no `<dependency>` follows it")
        }
        Scope::Nothing => {
            format!("suppression of {code} applies to nothing: no line with content follows it")
        }
    }
}

fn report_syntax_errors(file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
    // A Helm template is not YAML until it is rendered.
    if file.kind == FileKind::FlinkK8s && crate::config::flink_k8s::is_template(file.text) {
        return;
    }
    if let Some(error) = file.errors.first() {
        let span = if error.span.is_empty() {
            Span::new(
                error.span.start,
                error.span.start.saturating_add(1).min(file.text.len()),
            )
        } else {
            error.span
        };
        cx.report(
            Severity::Warning,
            span,
            format!("invalid {} syntax: {}", file.kind.describe(), error.message),
        )
        .help("correct the syntax; until then the settings from here on may be read differently or not at all");
    }
}

/// Runs one rule with its default options on `text` as though it were the file at `path`
/// (kind and test-source status come from the path), with every target version unknown. For
/// rule unit tests.
pub fn check_one(rule: &'static dyn Rule, path: &str, text: &str) -> Vec<Diagnostic> {
    check_one_with_targets(rule, path, text, &Targets::NONE)
}

/// [`check_one`] with target versions, for version-gated rules:
/// `check_one_with_targets(rule, "Job.java", text, &Targets::NONE.with(Product::Flink, Version::new(2, 0)))`.
pub fn check_one_with_targets(
    rule: &'static dyn Rule,
    path: &str,
    text: &str,
    targets: &Targets,
) -> Vec<Diagnostic> {
    let file_path = std::path::Path::new(path);
    let Some(kind) = crate::kind::detect(file_path, text) else {
        return Vec::new();
    };
    let options = RuleOptions::defaults(rule.meta().options);
    let checker = Checker::new(vec![(rule, options)]);
    let mut diagnostics = checker
        .check_with_targets(
            path,
            kind,
            crate::kind::is_test_source(file_path),
            text,
            targets,
        )
        .diagnostics;
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics
}

#[cfg(test)]
mod tests {
    use super::*;

    declare_rule! {
        /// ## What it does
        /// Fails on every Java file that mentions `boom`.
        pub Exploding {
            code: "TST001",
            name: "exploding",
            summary: "fails",
            severity: Warning,
            kinds: [Java],
            triggers: ["boom"],
            options: [],
        }
    }

    impl Rule for Exploding {
        fn meta(&self) -> &'static RuleMeta {
            &Self::META
        }
        fn check_java(&self, _file: &JavaFile<'_>, _cx: &mut Ctx<'_>) {
            panic!("boom");
        }
    }

    declare_rule! {
        /// ## What it does
        /// Reports every line that says `flag`.
        pub Flagging {
            code: "TST002",
            name: "flagging",
            summary: "flags",
            severity: Warning,
            kinds: [Java, FlinkConf],
            triggers: ["flag"],
            options: [],
        }
    }

    impl Rule for Flagging {
        fn meta(&self) -> &'static RuleMeta {
            &Self::META
        }
        fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
            flag(file.text(), cx);
        }
        fn check_config(&self, file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
            flag(file.text, cx);
        }
    }

    fn flag(text: &str, cx: &mut Ctx<'_>) {
        for (at, _) in text.match_indices("flag;") {
            cx.report(Severity::Warning, Span::new(at, at + 4), "flag found")
                .help("remove it");
        }
    }

    declare_rule! {
        /// ## What it does
        /// Reports the Flink version it is told on every Java file that says `target`.
        pub TargetReporting {
            code: "TST003",
            name: "target-reporting",
            summary: "reports the target",
            severity: Info,
            kinds: [Java],
            triggers: ["target"],
            options: [],
        }
    }

    impl Rule for TargetReporting {
        fn meta(&self) -> &'static RuleMeta {
            &Self::META
        }
        fn check_java(&self, _file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
            let seen = cx.target(bdl_core::Product::Flink).map_or_else(
                || "unknown".to_owned(),
                |t| format!("{} from {}", t.version, t.source),
            );
            cx.report(Severity::Info, Span::new(0, 1), format!("flink {seen}"));
        }
    }

    fn checker(rules: &[&'static dyn Rule]) -> Checker {
        Checker::new(
            rules
                .iter()
                .map(|r| (*r, RuleOptions::defaults(r.meta().options)))
                .collect(),
        )
    }

    const ALL: [&dyn Rule; 4] = [
        &Exploding,
        &Flagging,
        &UnusedSuppression,
        &InvalidSuppression,
    ];

    fn found(report: &FileReport) -> Vec<(u32, &'static str, bool)> {
        let mut out: Vec<_> = report
            .diagnostics
            .iter()
            .map(|d| (d.start.line, d.code, d.is_active()))
            .collect();
        out.sort_unstable();
        out
    }

    #[test]
    fn the_dfas_a_long_run_switches_to_find_what_the_nfas_find() {
        let rules: [&dyn Rule; 4] = [
            &Flagging,
            &TargetReporting,
            &UnusedSuppression,
            &InvalidSuppression,
        ];
        let texts = [
            "class A { flag; }\n",
            "class A { int target; flag; }\n",
            "class A {\n  // bigdata-lint: ignore TST002 -- ok\n  flag;\n}\n",
            "class A { // bigdata-lint: ignore TST003\n}\n",
            "class A { fla; targe; }\n",
            "class A {}\n",
        ];
        let run = |checker: &Checker| -> Vec<Vec<(u32, &str, bool)>> {
            texts
                .iter()
                .map(|t| found(&checker.check("A.java", FileKind::Java, false, t)))
                .collect()
        };
        let slow = checker(&rules).with_dfa_after(usize::MAX);
        let fast = checker(&rules).with_dfa_after(0);
        let found = run(&slow);
        assert!(slow.dfa.get().is_none());
        assert_eq!(run(&fast), found);
        assert!(fast.dfa.get().is_some());
        assert_eq!(
            found,
            [
                vec![(1, "TST002", true)],
                vec![(1, "TST002", true), (1, "TST003", true)],
                vec![(3, "TST002", false)],
                vec![(1, "BDL001", true)],
                vec![],
                vec![],
            ]
        );
        // The default switches after 256 files.
        let default = checker(&rules);
        for _ in 0..DFA_AFTER {
            default.check("A.java", FileKind::Java, false, texts[0]);
        }
        assert!(default.dfa.get().is_none());
        default.check("A.java", FileKind::Java, false, texts[0]);
        assert!(default.dfa.get().is_some());
    }

    #[test]
    fn internal_errors_are_never_suppressed_and_failed_rules_are_not_judged() {
        let text =
            "// bigdata-lint: ignore-file TST001, TST002 -- everything\nclass A { boom(); }\n";
        let report = checker(&ALL).check("A.java", FileKind::Java, false, text);
        // BDL999 stays active; TST001 failed, so its suppression is not called unused; TST002
        // ran and found nothing, so its code is.
        assert_eq!(found(&report), [(1, "BDL001", true), (1, "BDL999", true)]);
        assert!(
            report.diagnostics[0].message.contains("TST002")
                || report.diagnostics[1].message.contains("TST002")
        );
    }

    #[test]
    fn line_and_file_suppressions_mark_findings_and_keep_the_reason() {
        let text = "class A {\n  // bigdata-lint: ignore TST002 -- reviewed\n  flag;\n  flag; // bigdata-lint: ignore TST002\n  flag;\n}\n";
        let report = checker(&ALL).check("A.java", FileKind::Java, false, text);
        assert_eq!(
            found(&report),
            [
                (3, "TST002", false),
                (4, "TST002", false),
                (5, "TST002", true)
            ]
        );
        let reason = report
            .diagnostics
            .iter()
            .find(|d| d.start.line == 3)
            .and_then(|d| d.suppression.as_ref())
            .and_then(|s| s.reason.as_deref());
        assert_eq!(reason, Some("reviewed"));
        assert!(report.parsed);
    }

    #[test]
    fn without_inline_suppressions_everything_is_active() {
        let text = "// bigdata-lint: ignore TST002\nflag;\n// bigdata-lint: ignroe\n";
        let on = checker(&ALL).check("a.java", FileKind::Java, false, text);
        assert_eq!(found(&on), [(2, "TST002", false), (3, "BDL002", true)]);
        let off = checker(&ALL).with_inline_suppressions(false).check(
            "a.java",
            FileKind::Java,
            false,
            text,
        );
        assert_eq!(found(&off), [(2, "TST002", true)]);
        assert!(
            !checker(&[&UnusedSuppression])
                .with_inline_suppressions(false)
                .wants(FileKind::SparkConf)
        );
        assert!(checker(&[&UnusedSuppression]).wants(FileKind::SparkConf));
    }

    #[test]
    fn suppression_rules_alone_do_not_parse_the_file() {
        let text = "class A {\n  // bigdata-lint: ignore TST002\n  int flagged = 1;\n}\n";
        let report =
            checker(&[&Flagging, &UnusedSuppression]).check("A.java", FileKind::Java, false, text);
        // `flag` is a trigger, so TST002 ran; it found nothing on line 3.
        assert_eq!(found(&report), [(2, "BDL001", true)]);
        assert!(report.parsed);
        let report = checker(&[&UnusedSuppression, &InvalidSuppression]).check(
            "A.java",
            FileKind::Java,
            false,
            "// bigdata-lint: ignroe\nclass A {}\n",
        );
        assert_eq!(found(&report), [(1, "BDL002", true)]);
        assert!(!report.parsed);
        let clean = checker(&ALL).check("B.java", FileKind::Java, false, "class B {}\n");
        assert!(clean.diagnostics.is_empty() && !clean.parsed);
    }

    #[test]
    fn many_comments_on_one_long_property_cost_its_lines_once() {
        let mut text = String::from("<configuration>\n");
        for _ in 0..2_000 {
            text.push_str("<!-- bigdata-lint: ignore HDP001 - r -->\n");
        }
        text.push_str("<property>\n<name>dfs.replication</name>\n");
        for _ in 0..2_000 {
            text.push_str("<!-- filler -->\n");
        }
        text.push_str("<value>1</value>\n</property>\n</configuration>\n");
        let index = LineIndex::new(&text);
        let found = suppress::scan(FileKind::HadoopXml, &text, &index, None);
        assert_eq!(found.directives.len(), 2_000);
        let file = FileInput {
            path: "hdfs-site.xml",
            kind: FileKind::HadoopXml,
            text: &text,
            index: &index,
        };
        let cover = Coverage::new(&file, &found.directives);
        let entries: usize = cover.by_line.values().map(Vec::len).sum();
        assert_eq!(entries, 2_004, "one entry per line of the property");
        assert_eq!(cover.scopes.len(), 1);
    }

    #[test]
    fn an_unused_file_level_bdl001_is_reported_only_when_it_can_be_judged() {
        let text = "# bigdata-lint: ignore-file BDL001\nkey: value\n";
        let report = checker(&[&UnusedSuppression]).check(
            "flink-conf.yaml",
            FileKind::FlinkConf,
            false,
            text,
        );
        assert_eq!(found(&report), [(1, "BDL001", true)]);
        // It also names TST001, which does not run here: nothing can be said.
        let text = "# bigdata-lint: ignore-file BDL001 TST001\nkey: value\n";
        let report = checker(&[&UnusedSuppression]).check(
            "flink-conf.yaml",
            FileKind::FlinkConf,
            false,
            text,
        );
        assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
        // With TST002 running, its unused suppression is absorbed by the file-level BDL001.
        let text =
            "# bigdata-lint: ignore-file BDL001\n# bigdata-lint: ignore TST002\nkey: value\n";
        let report = checker(&[&Flagging, &UnusedSuppression]).check(
            "flink-conf.yaml",
            FileKind::FlinkConf,
            false,
            text,
        );
        assert_eq!(found(&report), [(2, "BDL001", false)]);
    }

    #[test]
    fn rules_see_the_targets_they_are_given() {
        let text = "class A { String target; }\n";
        let messages = |report: Vec<Diagnostic>| -> Vec<String> {
            report.into_iter().map(|d| d.message).collect()
        };
        assert_eq!(
            messages(check_one(&TargetReporting, "A.java", text)),
            ["flink unknown"]
        );
        let targets = Targets::NONE.with(bdl_core::Product::Flink, bdl_core::Version::new(2, 0));
        assert_eq!(
            messages(check_one_with_targets(
                &TargetReporting,
                "A.java",
                text,
                &targets
            )),
            ["flink 2.0 from --target"]
        );
    }
}
