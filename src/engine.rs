//! One run: discover files, read and check them in parallel, sort, fingerprint.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use bdl_core::{Diagnostic, RuleMeta, RuleOptions, Selection, fingerprint};
use bdl_syntax::discover::{self, DiscoverOptions};
use bdl_syntax::kind::{NameGuess, is_test_source, looks_like_flink_yaml};
use bdl_syntax::{Checker, Rule};
use rayon::prelude::*;

/// Files larger than this are skipped with a notice (generated code, data dumps).
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// What to lint and how.
#[derive(Clone, Debug)]
pub struct RunOptions {
    pub paths: Vec<PathBuf>,
    pub selection: Selection,
    /// Option overrides: (rule code, option name, value as written).
    pub rule_options: Vec<(String, String, String)>,
    pub discover: DiscoverOptions,
    /// Worker threads; `None` = one per core.
    pub threads: Option<usize>,
    pub max_file_size: u64,
    /// Honour `bigdata-lint: ignore` comments (default). `false` makes every finding active and
    /// turns `BDL001` / `BDL002` off, for auditing suppressions (`--no-inline-suppressions`).
    pub inline_suppressions: bool,
}

impl Default for RunOptions {
    fn default() -> Self {
        Self {
            paths: vec![PathBuf::from(".")],
            selection: Selection::default(),
            rule_options: Vec::new(),
            discover: DiscoverOptions::default(),
            threads: None,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            inline_suppressions: true,
        }
    }
}

/// A file that could not be linted, and why. `explicit` files turn the exit code to 2.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
    pub explicit: bool,
}

/// The outcome of a run.
#[derive(Debug, Default)]
pub struct RunResult {
    /// Sorted by (path, line, column, code), fingerprinted. Includes the findings that inline
    /// suppressions cover (`suppression` is `Some`); [`RunResult::active`] leaves them out.
    pub diagnostics: Vec<Diagnostic>,
    /// The text of every file that has a diagnostic, for renderers that show snippets.
    pub sources: HashMap<String, Arc<str>>,
    pub enabled: Vec<&'static RuleMeta>,
    /// Display paths of every linted file, sorted.
    pub checked_files: Vec<String>,
    pub files_checked: usize,
    pub files_parsed: usize,
    pub problems: Vec<Problem>,
    /// Files skipped on purpose (too large), with the reason.
    pub skipped: Vec<Problem>,
}

impl RunResult {
    /// The findings that count: those no inline suppression covers. Summaries and the exit
    /// status are computed from these only.
    pub fn active(&self) -> impl Iterator<Item = &Diagnostic> + '_ {
        self.diagnostics.iter().filter(|d| d.is_active())
    }

    /// How many findings inline suppressions cover.
    pub fn suppressed_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| !d.is_active()).count()
    }
}

#[derive(Debug)]
pub enum RunError {
    Discover(discover::DiscoverError),
    RuleOption(String),
    Threads(String),
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Discover(e) => e.fmt(f),
            Self::RuleOption(e) | Self::Threads(e) => f.write_str(e),
        }
    }
}

impl std::error::Error for RunError {}

/// Builds the checker for the enabled rules with their effective options.
pub fn checker(rules: &[&'static dyn Rule], options: &RunOptions) -> Result<Checker, RunError> {
    let mut enabled = Vec::new();
    for rule in rules {
        let meta = rule.meta();
        if !options.selection.is_enabled(meta) {
            continue;
        }
        let mut rule_options = RuleOptions::defaults(meta.options);
        for (code, name, value) in &options.rule_options {
            if code.eq_ignore_ascii_case(meta.code) || code == meta.name {
                rule_options
                    .set(meta.options, name, value)
                    .map_err(|e| RunError::RuleOption(format!("{}: {e}", meta.code)))?;
            }
        }
        enabled.push((*rule, rule_options));
    }
    Ok(Checker::new(enabled)
        .with_inline_suppressions(options.inline_suppressions)
        .with_known_rules(rules.iter().map(|r| r.meta())))
}

pub fn run(rules: &[&'static dyn Rule], options: &RunOptions) -> Result<RunResult, RunError> {
    let checker = checker(rules, options)?;
    let found =
        discover::discover(&options.paths, &options.discover).map_err(RunError::Discover)?;
    let cwd = std::env::current_dir().ok();
    let mut result = RunResult {
        enabled: checker.rules().collect(),
        ..RunResult::default()
    };
    for (path, message) in found.problems {
        result.problems.push(Problem {
            path: display_path(&path, cwd.as_deref()),
            message,
            explicit: false,
        });
    }

    let lint_all = || {
        found
            .files
            .par_iter()
            .map(|candidate| lint_file(&checker, candidate, cwd.as_deref(), options.max_file_size))
            .collect::<Vec<_>>()
    };
    let outcomes = match options.threads {
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()
            .map_err(|e| RunError::Threads(e.to_string()))?
            .install(lint_all),
        None => lint_all(),
    };

    for outcome in outcomes {
        match outcome {
            FileOutcome::Checked {
                path,
                text,
                diagnostics,
                parsed,
            } => {
                result.files_checked += 1;
                result.files_parsed += usize::from(parsed);
                result.checked_files.push(path.clone());
                if !diagnostics.is_empty() {
                    result.sources.insert(path, text);
                    result.diagnostics.extend(diagnostics);
                }
            }
            FileOutcome::NotWanted => {}
            FileOutcome::Skipped(problem) => result.skipped.push(problem),
            FileOutcome::Failed(problem) => result.problems.push(problem),
        }
    }
    result.checked_files.sort();
    finish(&mut result.diagnostics);
    Ok(result)
}

/// Sorts deterministically and computes fingerprints; identical constructs in one file are
/// told apart by their order of appearance.
pub fn finish(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let mut seen: HashMap<(String, &'static str, String), usize> = HashMap::new();
    for d in diagnostics.iter_mut() {
        let anchor = std::mem::take(&mut d.fingerprint);
        let ordinal = seen
            .entry((d.path.clone(), d.code, bdl_core::normalize_snippet(&anchor)))
            .or_insert(0);
        d.fingerprint = fingerprint(d.code, &d.path, &anchor, *ordinal);
        *ordinal += 1;
    }
}

enum FileOutcome {
    Checked {
        path: String,
        text: Arc<str>,
        diagnostics: Vec<Diagnostic>,
        parsed: bool,
    },
    NotWanted,
    Skipped(Problem),
    Failed(Problem),
}

fn lint_file(
    checker: &Checker,
    candidate: &discover::Candidate,
    cwd: Option<&Path>,
    max_file_size: u64,
) -> FileOutcome {
    let display = display_path(&candidate.path, cwd);
    let kind = match candidate.guess {
        NameGuess::Kind(kind) => Some(kind),
        NameGuess::MaybeFlinkYaml => Some(bdl_core::FileKind::FlinkYaml),
        NameGuess::Other => None,
    };
    let Some(kind) = kind.filter(|k| checker.wants(*k)) else {
        return FileOutcome::NotWanted;
    };
    let problem = |message: String| Problem {
        path: display.clone(),
        message,
        explicit: candidate.explicit,
    };
    match std::fs::metadata(&candidate.path) {
        Ok(meta) if meta.len() > max_file_size => {
            return FileOutcome::Skipped(problem(format!(
                "skipped: {} bytes is above the {max_file_size}-byte limit",
                meta.len()
            )));
        }
        Ok(_) => {}
        Err(e) => return FileOutcome::Failed(problem(e.to_string())),
    }
    let bytes = match read_bounded(&candidate.path, max_file_size) {
        Ok(Some(bytes)) => bytes,
        // The size said nothing (a pseudo-file, a growing file): stop at the limit anyway.
        Ok(None) => {
            return FileOutcome::Skipped(problem(format!(
                "skipped: more than {max_file_size} bytes, above the {max_file_size}-byte limit"
            )));
        }
        Err(e) => return FileOutcome::Failed(problem(e.to_string())),
    };
    let text: Arc<str> = match String::from_utf8_lossy(&bytes) {
        std::borrow::Cow::Borrowed(s) => Arc::from(s.strip_prefix('\u{feff}').unwrap_or(s)),
        std::borrow::Cow::Owned(s) => Arc::from(s.strip_prefix('\u{feff}').unwrap_or(&s)),
    };
    if candidate.guess == NameGuess::MaybeFlinkYaml && !looks_like_flink_yaml(&text) {
        return FileOutcome::NotWanted;
    }
    let report = checker.check(&display, kind, is_test_source(&candidate.path), &text);
    FileOutcome::Checked {
        path: display,
        text,
        diagnostics: report.diagnostics,
        parsed: report.parsed,
    }
}

/// Reads a file, but never more than `limit` bytes: `None` when it is longer. Files whose
/// size metadata lies (`/proc` entries, files still being written) cannot make a run read
/// without end. Reads in fixed chunks, since some pseudo-files reject large reads.
fn read_bounded(path: &Path, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    let mut chunk = vec![0; 64 * 1024];
    loop {
        match file.read(&mut chunk) {
            Ok(0) => return Ok(Some(bytes)),
            Ok(n) => {
                bytes.extend_from_slice(&chunk[..n]);
                if bytes.len() as u64 > limit {
                    return Ok(None);
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// The path relative to the working directory when it lies below it, with `/` separators.
pub fn display_path(path: &Path, cwd: Option<&Path>) -> String {
    let relative = cwd
        .and_then(|cwd| path.strip_prefix(cwd).ok())
        .unwrap_or(path);
    let relative = relative.strip_prefix(".").unwrap_or(relative);
    let text = relative.to_string_lossy().replace('\\', "/");
    if text.is_empty() {
        ".".to_owned()
    } else {
        text
    }
}
