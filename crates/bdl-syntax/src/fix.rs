//! The fix loop: apply the findings' fixes to a file's text, lint the new text, and repeat
//! until no fix applies, within a bound, never keeping a text that parses worse than the
//! original. Pure: the caller reads the file and decides whether to write the result.

use bdl_core::{Diagnostic, FileKind, Fix};

use crate::check::{Checker, FileReport};
use crate::config::ConfigFile;
use crate::java::JavaFile;
use crate::view::ProjectView;

/// How many rounds of fixes [`Checker::fix_in`] applies at most. Each round applies every
/// fix that does not overlap another; a fix that depends on an earlier one (an import left
/// unused once its uses are rewritten) comes in the next round, so real files settle in two or
/// three.
pub const MAX_FIX_ROUNDS: usize = 10;

/// What the fix loop may apply.
pub struct FixLoop<'a> {
    /// Apply unsafe fixes too (`--unsafe-fixes`).
    pub unsafe_fixes: bool,
    /// At most this many rounds; [`MAX_FIX_ROUNDS`] by default.
    pub max_rounds: usize,
    /// Runs on each round's findings before their fixes are chosen: drops the findings that
    /// settings ignore and the fixes that may not be applied (`unfixable` rules).
    pub prepare: &'a dyn Fn(&mut Vec<Diagnostic>),
}

/// One fix that went into the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppliedFix {
    pub code: &'static str,
    pub name: &'static str,
    pub message: String,
}

/// The outcome of [`Checker::fix_in`].
#[derive(Debug)]
pub struct Fixed {
    /// The fixed text; `None` when nothing changed (no fix applied, or the result was
    /// refused).
    pub text: Option<String>,
    /// The findings of the final text (the original one when nothing changed), prepared.
    pub report: FileReport,
    /// The findings of the original text, when `text` is `Some`: they are the ones that count
    /// if the fixed text cannot be written.
    pub original: Option<FileReport>,
    /// The fixes applied, round by round, in the order of the file.
    pub applied: Vec<AppliedFix>,
    pub rounds: usize,
    /// `false` when fixes were still applicable after the last round allowed.
    pub settled: bool,
    /// Why the fixed text was thrown away, keeping the original: it had more syntax errors.
    pub refused: Option<String>,
}

/// How many syntax errors `text` has as a file of `kind`: tree-sitter's error and missing
/// nodes for Java, the parser's errors for a configuration file.
pub fn syntax_errors(kind: FileKind, text: &str) -> usize {
    if kind == FileKind::Java {
        JavaFile::parse(text).map_or(0, |file| java_syntax_errors(&file))
    } else if kind.is_build() {
        0
    } else {
        ConfigFile::parse(kind, text).errors.len()
    }
}

/// The error and missing nodes of a parsed Java file; nothing is walked when the tree has
/// none (tree-sitter knows at its root).
pub(crate) fn java_syntax_errors(file: &JavaFile<'_>) -> usize {
    if !file.root().has_error() {
        return 0;
    }
    file.nodes()
        .filter(|n| n.is_error() || n.is_missing())
        .count()
}

impl Checker {
    /// Checks one file and applies the fixes of its findings (those `fixes` allows), round
    /// after round, each round linting the new text. Returns the final text, the findings
    /// that remain and what was applied. A round whose text has more syntax errors than the
    /// original ends the loop and every change is dropped: a fix must never break a file.
    pub fn fix_in(
        &self,
        path: &str,
        kind: FileKind,
        is_test: bool,
        text: &str,
        project: &dyn ProjectView,
        fixes: &FixLoop<'_>,
    ) -> Fixed {
        let lint = |text: &str| {
            let mut report = self.check_in(path, kind, is_test, text, project);
            (fixes.prepare)(&mut report.diagnostics);
            report
        };
        let original = lint(text);
        let mut report = FileReport {
            diagnostics: original.diagnostics.clone(),
            parsed: original.parsed,
            syntax_errors: original.syntax_errors,
        };
        // The parse that linted a text counted its errors; a text the prefilter let pass
        // unparsed is parsed for them.
        let errors = |report: &FileReport, text: &str| {
            report
                .syntax_errors
                .unwrap_or_else(|| syntax_errors(kind, text))
        };
        let mut current: Option<String> = None;
        let mut applied = Vec::new();
        let mut rounds = 0;
        let mut settled = true;
        let mut errors_before = None;
        loop {
            let chosen: Vec<(&Diagnostic, &Fix)> = report
                .diagnostics
                .iter()
                .filter(|d| d.is_active())
                .filter_map(|d| Some((d, d.fix.as_ref()?)))
                .filter(|(_, f)| f.is_applicable(fixes.unsafe_fixes))
                .collect();
            if chosen.is_empty() {
                break;
            }
            if rounds == fixes.max_rounds {
                settled = false;
                break;
            }
            let now = current.as_deref().unwrap_or(text);
            let candidates: Vec<&Fix> = chosen.iter().map(|(_, f)| *f).collect();
            let outcome = bdl_core::fix::apply(now, &candidates);
            if outcome.applied.is_empty() || outcome.text == now {
                break;
            }
            let before = *errors_before.get_or_insert_with(|| errors(&original, text));
            let next = lint(&outcome.text);
            let after = errors(&next, &outcome.text);
            if after > before {
                return Fixed {
                    text: None,
                    report: original,
                    original: None,
                    applied: Vec::new(),
                    rounds: rounds + 1,
                    settled: true,
                    refused: Some(format!(
                        "not fixed: the fixes would leave {after} syntax error{} where the file \
                         has {before}; the file is kept as it is",
                        if after == 1 { "" } else { "s" }
                    )),
                };
            }
            applied.extend(outcome.applied.iter().map(|&i| {
                let (d, f) = chosen[i];
                AppliedFix {
                    code: d.code,
                    name: d.name,
                    message: f.message.clone(),
                }
            }));
            rounds += 1;
            report = next;
            current = Some(outcome.text);
        }
        let text = current.filter(|t| t != text);
        Fixed {
            original: text.is_some().then_some(original),
            text,
            report,
            applied,
            rounds,
            settled,
            refused: None,
        }
    }
}

/// Fixes one file with one rule, as `--fix` (`unsafe_fixes`: `--fix --unsafe-fixes`) would,
/// with the given target versions and no other file around it: the final text (the original
/// when nothing changed) and the findings that remain. For rule tests.
pub fn fix_one_with_targets(
    rule: &'static dyn crate::Rule,
    path: &str,
    text: &str,
    targets: &bdl_core::Targets,
    unsafe_fixes: bool,
) -> (String, Vec<Diagnostic>) {
    let file_path = std::path::Path::new(path);
    let Some(kind) = crate::kind::detect(file_path, text) else {
        return (text.to_owned(), Vec::new());
    };
    let options = bdl_core::RuleOptions::defaults(rule.meta().options);
    let checker = Checker::new(vec![(rule, options)]);
    let fixed = checker.fix_in(
        path,
        kind,
        crate::kind::is_test_source(file_path),
        text,
        &crate::view::Isolated(targets),
        &FixLoop {
            unsafe_fixes,
            max_rounds: MAX_FIX_ROUNDS,
            prepare: &|_| {},
        },
    );
    let mut diagnostics = fixed.report.diagnostics;
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    (fixed.text.unwrap_or_else(|| text.to_owned()), diagnostics)
}

/// [`fix_one_with_targets`], checked the way every fix must hold: fixing the result again
/// changes nothing, no applicable fix is left among the remaining findings, and the result
/// has no more syntax errors than `text`. The fixed text and the remaining findings, or what
/// broke. For rule tests: `fixed_point(..).unwrap_or_else(|e| panic!("{e}"))`.
pub fn fixed_point(
    rule: &'static dyn crate::Rule,
    path: &str,
    text: &str,
    targets: &bdl_core::Targets,
    unsafe_fixes: bool,
) -> Result<(String, Vec<Diagnostic>), String> {
    let (once, left) = fix_one_with_targets(rule, path, text, targets, unsafe_fixes);
    let (twice, _) = fix_one_with_targets(rule, path, &once, targets, unsafe_fixes);
    if once != twice {
        return Err(format!(
            "fixing twice changes the text:\n--- once\n{once}\n--- twice\n{twice}"
        ));
    }
    if let Some(d) = left.iter().find(|d| {
        d.fix
            .as_ref()
            .is_some_and(|f| f.is_applicable(unsafe_fixes))
    }) {
        return Err(format!("an applicable fix is left after fixing: {d:#?}"));
    }
    if let Some(kind) = crate::kind::detect(std::path::Path::new(path), &once) {
        let (before, after) = (syntax_errors(kind, text), syntax_errors(kind, &once));
        if after > before {
            return Err(format!(
                "the fixed text has {after} syntax errors, the original {before}:\n{once}"
            ));
        }
    }
    Ok((once, left))
}

#[cfg(test)]
mod tests {
    use bdl_core::{Ctx, Edit, RuleMeta, Severity, Span, Targets, declare_rule};

    use super::*;
    use crate::Rule;

    declare_rule! {
        /// ## What it does
        /// Turns each `aa` into `a` (a text with `aaaa` needs two rounds), and each `x` into
        /// `xx` (a fix that never settles).
        pub Shrinking {
            code: "TST010",
            name: "shrinking",
            summary: "shrinks",
            severity: Warning,
            kinds: [Java, FlinkConf],
            triggers: ["aa", "x"],
            options: [],
            fix: Always,
        }
    }

    impl Rule for Shrinking {
        fn meta(&self) -> &'static RuleMeta {
            &Self::META
        }
        fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
            shrink(file.text(), cx);
        }
        fn check_config(&self, file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
            shrink(file.text, cx);
        }
    }

    fn shrink(text: &str, cx: &mut Ctx<'_>) {
        for (at, _) in text.match_indices("aa") {
            let span = Span::new(at, at + 2);
            cx.report(Severity::Warning, span, "aa")
                .help("shrink it")
                .fix(Fix::safe("shrink", vec![Edit::replace(span, "a")]));
        }
        for (at, _) in text.match_indices('x') {
            let span = Span::new(at, at + 1);
            cx.report(Severity::Warning, span, "x")
                .help("grow it")
                .fix(Fix::unsafe_fix("grow", vec![Edit::replace(span, "xx")]));
        }
    }

    static SHRINKING: Shrinking = Shrinking;

    fn fix(text: &str, name: &str, unsafe_fixes: bool) -> Fixed {
        let kind = crate::kind::detect(std::path::Path::new(name), text).expect("a known kind");
        let checker = Checker::new(vec![(
            &SHRINKING as &dyn Rule,
            bdl_core::RuleOptions::defaults(&[]),
        )]);
        checker.fix_in(
            name,
            kind,
            false,
            text,
            &crate::view::Isolated(&Targets::NONE),
            &FixLoop {
                unsafe_fixes,
                max_rounds: MAX_FIX_ROUNDS,
                prepare: &|_| {},
            },
        )
    }

    #[test]
    fn fixed_point_applies_safe_fixes_until_they_settle() {
        let java = "class A { String s = \"aaaa\"; }";
        let (text, left) =
            fixed_point(&SHRINKING, "A.java", java, &Targets::NONE, false).expect("settles");
        assert_eq!(text, "class A { String s = \"a\"; }");
        assert!(left.is_empty(), "{left:?}");
        // Safe fixes only: the unsafe `x` is left alone, and its finding stays.
        let (text, left) = fixed_point(
            &SHRINKING,
            "A.java",
            "class A { int x; }",
            &Targets::NONE,
            false,
        )
        .expect("nothing to apply");
        assert_eq!(text, "class A { int x; }");
        assert_eq!(left.len(), 1);
    }

    #[test]
    fn overlapping_fixes_wait_for_later_rounds() {
        // `aaaa`: two findings, both fixed in the first round (`aa`); the new text has one more,
        // fixed in the second.
        let fixed = fix("class A { int aaaa; }\n", "A.java", false);
        assert_eq!(fixed.text.as_deref(), Some("class A { int a; }\n"));
        assert!(fixed.settled);
        assert_eq!(fixed.rounds, 2);
        assert_eq!(fixed.applied.len(), 3);
        assert!(fixed.report.diagnostics.is_empty());
        assert!(fixed.original.is_some_and(|o| o.diagnostics.len() == 2));
    }

    #[test]
    fn unsafe_fixes_wait_for_the_option_and_the_rounds_are_bounded() {
        let text = "class B { int x; }\n";
        let fixed = fix(text, "B.java", false);
        assert_eq!(fixed.text, None);
        assert_eq!(fixed.rounds, 0);
        assert_eq!(fixed.report.diagnostics.len(), 1);
        // `x` grows forever: the loop stops after the last round allowed and says so.
        let fixed = fix(text, "B.java", true);
        assert!(!fixed.settled);
        assert_eq!(fixed.rounds, MAX_FIX_ROUNDS);
        let grown = fixed.text.expect("changed");
        assert_eq!(grown.matches('x').count(), 1 << MAX_FIX_ROUNDS);
    }

    #[test]
    fn a_result_that_parses_worse_is_refused() {
        // The original's own errors do not count against a fix: this text has one to begin
        // with and keeps it, so the fix is applied. (A fix that adds one is refused: see
        // `tests/fixes.rs`.)
        assert_eq!(syntax_errors(FileKind::Java, "class A { }"), 0);
        assert!(syntax_errors(FileKind::Java, "class A { ") > 0);
        assert_eq!(syntax_errors(FileKind::FlinkConf, "a: 1\n"), 0);
        assert_eq!(syntax_errors(FileKind::FlinkConf, "no separator\n"), 1);
        let fixed = fix("class A { int aa; \n", "A.java", false);
        assert_eq!(fixed.text.as_deref(), Some("class A { int a; \n"));
        assert_eq!(fixed.refused, None);
    }
}
