//! The per-file pipeline: prefilter, parse once, run every applicable rule on the one model.

use std::panic::{self, AssertUnwindSafe};

use aho_corasick::{AhoCorasick, MatchKind};
use bdl_core::{
    Ctx, Diagnostic, FileKind, LineIndex, RuleMeta, RuleOptions, Severity, Span, TestSources,
    declare_rule,
};

use crate::config::ConfigFile;
use crate::java::JavaFile;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Reports the first place where a configuration file cannot be read as its dialect: YAML
    /// with a syntax error, XML that is not well-formed or uses an undeclared entity, an
    /// unterminated SQL string or comment, a `flink-conf.yaml` line that is not `key: value`,
    /// a malformed `\uXXXX` escape in a `.properties` file.
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
        kinds: [FlinkConf, FlinkYaml, FlinkSql, HadoopXml, SpringProperties, SpringYaml, SparkConf],
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
};

/// The outcome of checking one file.
#[derive(Debug, Default)]
pub struct FileReport {
    pub diagnostics: Vec<Diagnostic>,
    /// Whether the prefilter let the file through and it was parsed.
    pub parsed: bool,
}

/// The enabled rules with their options, and the prefilter built from their trigger words.
/// Built once per run; shared by every worker thread.
pub struct Checker {
    rules: Vec<(&'static dyn Rule, RuleOptions)>,
    /// Trigger-word automaton; pattern `i` belongs to rule `owner[i]`.
    automaton: Option<AhoCorasick>,
    owner: Vec<usize>,
}

impl Checker {
    pub fn new(rules: Vec<(&'static dyn Rule, RuleOptions)>) -> Self {
        let mut patterns = Vec::new();
        let mut owner = Vec::new();
        for (i, (rule, _)) in rules.iter().enumerate() {
            for trigger in rule.meta().triggers {
                patterns.push(*trigger);
                owner.push(i);
            }
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .ok();
        Self {
            rules,
            automaton,
            owner,
        }
    }

    pub fn rules(&self) -> impl Iterator<Item = &'static RuleMeta> + '_ {
        self.rules.iter().map(|(r, _)| r.meta())
    }

    /// Whether some enabled rule inspects files of `kind` (the engine skips reading the rest).
    pub fn wants(&self, kind: FileKind) -> bool {
        self.rules.iter().any(|(r, _)| r.meta().applies_to(kind))
    }

    /// Checks one file. `path` is the display path stored in diagnostics.
    pub fn check(&self, path: &str, kind: FileKind, is_test: bool, text: &str) -> FileReport {
        let mut wanted: Vec<bool> = self
            .rules
            .iter()
            .map(|(rule, options)| {
                rule.meta().applies_to(kind)
                    && !(is_test && options.bool(TestSources::OPTION) == Some(false))
            })
            .collect();
        if !wanted.iter().any(|w| *w) {
            return FileReport::default();
        }
        // Prefilter: a rule with trigger words runs only if one of them occurs in the file.
        // Configuration files are exempt: nested YAML never spells out a dotted key, and such
        // files are few and small, so they are always parsed.
        let mut triggered: Vec<bool> = self
            .rules
            .iter()
            .map(|(rule, _)| kind.is_config() || rule.meta().triggers.is_empty())
            .collect();
        if let Some(automaton) = self.automaton.as_ref().filter(|_| !kind.is_config()) {
            let mut missing = wanted
                .iter()
                .zip(&triggered)
                .filter(|(w, t)| **w && !**t)
                .count();
            for m in automaton.find_overlapping_iter(text) {
                let rule = self.owner[m.pattern().as_usize()];
                if wanted[rule] && !triggered[rule] {
                    triggered[rule] = true;
                    missing -= 1;
                    if missing == 0 {
                        break;
                    }
                }
            }
        }
        for (w, t) in wanted.iter_mut().zip(&triggered) {
            *w &= *t;
        }
        if !wanted.iter().any(|w| *w) {
            return FileReport::default();
        }
        let syntax_rule = self
            .rules
            .iter()
            .position(|(r, _)| r.meta().code == InvalidSyntax::META.code);

        let index = LineIndex::new(text);
        let mut diagnostics = Vec::new();
        let mut run = |i: usize, f: &dyn Fn(&dyn Rule, &mut Ctx<'_>)| {
            let (rule, options) = &self.rules[i];
            let mut found = Vec::new();
            let mut cx = Ctx::new(rule.meta(), options, path, text, &index, &mut found);
            // A bug in one rule must not end the run: its findings for this file are dropped
            // and an internal error names the rule and the file instead.
            let outcome = panic::catch_unwind(AssertUnwindSafe(|| f(*rule, &mut cx)));
            match outcome {
                Ok(()) => diagnostics.append(&mut found),
                Err(payload) => {
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
        if kind == FileKind::Java {
            let Some(file) = JavaFile::parse(text) else {
                return FileReport::default();
            };
            for (i, _) in wanted.iter().enumerate().filter(|(_, w)| **w) {
                run(i, &|rule, cx| rule.check_java(&file, cx));
            }
        } else {
            let file = ConfigFile::parse(kind, text);
            for (i, _) in wanted.iter().enumerate().filter(|(_, w)| **w) {
                if Some(i) == syntax_rule {
                    run(i, &|_, cx| report_syntax_errors(&file, cx));
                } else {
                    run(i, &|rule, cx| rule.check_config(&file, cx));
                }
            }
        }
        FileReport {
            diagnostics,
            parsed: true,
        }
    }
}

fn report_syntax_errors(file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
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
/// (kind and test-source status come from the path). For rule unit tests.
pub fn check_one(rule: &'static dyn Rule, path: &str, text: &str) -> Vec<Diagnostic> {
    let file_path = std::path::Path::new(path);
    let Some(kind) = crate::kind::detect(file_path, text) else {
        return Vec::new();
    };
    let options = RuleOptions::defaults(rule.meta().options);
    let checker = Checker::new(vec![(rule, options)]);
    let mut diagnostics = checker
        .check(path, kind, crate::kind::is_test_source(file_path), text)
        .diagnostics;
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics
}
