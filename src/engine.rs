//! One run: discover files, read and check them in parallel, sort, fingerprint.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use bdl_core::{Diagnostic, RuleMeta, RuleOptions, Selection, fingerprint};
use bdl_syntax::decode::decode;
use bdl_syntax::discover::{self, DiscoverOptions};
use bdl_syntax::kind::{NameGuess, is_test_source, looks_like_flink_yaml};
use bdl_syntax::project::{Projects, TargetOptions};
use bdl_syntax::read::{ReadOutcome, read_regular, read_regular_no_follow};
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
    /// Keep the text of every file with a finding in [`RunResult::sources`] (default), for
    /// reports that show snippets. Only the human report does; the others turn it off, so
    /// that memory does not grow with the files that have findings.
    pub keep_sources: bool,
    /// Fill [`RunResult::checked_files`] (for reports that list every file, such as JUnit).
    /// Off by default: on a large repository the list costs more memory than the rest of the run.
    pub list_checked_files: bool,
    /// Target versions from the settings and `--target`, and where the search for build files
    /// stops; the rest is inferred from each file's nearest build file when a rule asks.
    pub targets: TargetOptions,
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
            keep_sources: true,
            list_checked_files: false,
            targets: TargetOptions::default(),
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
    /// The text of every file that has a diagnostic, for renderers that show snippets; empty
    /// unless [`RunOptions::keep_sources`] is set.
    pub sources: HashMap<String, Arc<str>>,
    pub enabled: Vec<&'static RuleMeta>,
    /// Display paths of every linted file, sorted; empty unless
    /// [`RunOptions::list_checked_files`] asked for them.
    pub checked_files: Vec<String>,
    pub files_checked: usize,
    pub files_parsed: usize,
    pub problems: Vec<Problem>,
    /// Files skipped on purpose (too large), with the reason.
    pub skipped: Vec<Problem>,
    /// Files linted with something the user should know, sorted by path: decoded with
    /// invalid sequences replaced, and what was replaced.
    pub notes: Vec<Problem>,
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
    let cwd = std::env::current_dir().ok();
    let mut result = RunResult {
        enabled: checker.rules().collect(),
        ..RunResult::default()
    };
    let keep_paths = options.list_checked_files;
    let projects = Projects::new(&options.targets);
    let lint = |tally: &mut Tally, candidate: &discover::Candidate| {
        tally.add(
            lint_file(
                &checker,
                &projects,
                candidate,
                cwd.as_deref(),
                options.max_file_size,
                options.keep_sources,
            ),
            keep_paths,
        );
    };
    // Outcomes are folded as they arrive, so that a clean file leaves nothing behind: memory
    // grows with the findings, not with the number of files.
    let (tally, walk_problems) = if let [root] = options.paths.as_slice() {
        // One path (`.`, a directory, one file): each file is linted by the walker thread that
        // finds it, and no list of files is ever built. The walker hands out single entries
        // from a shared queue, so the threads stay evenly loaded.
        let (tallies, problems) = discover::visit_each(
            root,
            &options.discover,
            options.threads.unwrap_or(0),
            Tally::default,
            |tally, candidate| lint(tally, &candidate),
        )
        .map_err(RunError::Discover)?;
        let tally = tallies.into_iter().fold(Tally::default(), Tally::merge);
        (tally, problems)
    } else {
        // Several paths may overlap (`src src/A.java`): list, sort and deduplicate first.
        let found = discover::discover_with_threads(
            &options.paths,
            &options.discover,
            options.threads.unwrap_or(0),
        )
        .map_err(RunError::Discover)?;
        let fold = |mut tally: Tally, candidate: &discover::Candidate| {
            lint(&mut tally, candidate);
            tally
        };
        // Small pieces: the files the prefilter lets through cluster in the sorted list (a
        // `jobs/` module), and rayon's default split would leave one thread parsing them while
        // the others idle at the end of the run.
        let lint_all = || {
            found
                .files
                .par_iter()
                .with_max_len(8)
                .fold(Tally::default, fold)
                .reduce(Tally::default, Tally::merge)
        };
        let tally = match options.threads {
            Some(n) => rayon::ThreadPoolBuilder::new()
                .num_threads(n.max(1))
                .build()
                .map_err(|e| RunError::Threads(e.to_string()))?
                .install(lint_all),
            None => lint_all(),
        };
        (tally, found.problems)
    };
    for (path, message) in walk_problems {
        result.problems.push(Problem {
            path: display_path(&path, cwd.as_deref()),
            message,
            explicit: false,
        });
    }
    result.files_checked = tally.files_checked;
    result.files_parsed = tally.files_parsed;
    result.diagnostics = tally.diagnostics;
    result.sources = tally.sources.into_iter().collect();
    result.checked_files = tally.checked_files;
    result.skipped = tally.skipped;
    result.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    result.notes = tally.notes;
    result.notes.sort_by(|a, b| a.path.cmp(&b.path));
    let mut file_problems = tally.problems;
    file_problems.sort_by(|a, b| a.path.cmp(&b.path));
    result.problems.extend(file_problems);
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

/// What the files linted so far left behind.
#[derive(Default)]
struct Tally {
    files_checked: usize,
    files_parsed: usize,
    diagnostics: Vec<Diagnostic>,
    sources: Vec<(String, Arc<str>)>,
    checked_files: Vec<String>,
    skipped: Vec<Problem>,
    notes: Vec<Problem>,
    problems: Vec<Problem>,
}

impl Tally {
    fn add(&mut self, outcome: FileOutcome, keep_path: bool) {
        match outcome {
            FileOutcome::Checked {
                path,
                text,
                diagnostics,
                parsed,
                note,
            } => {
                self.files_checked += 1;
                if let Some(note) = note {
                    self.notes.push(note);
                }
                self.files_parsed += usize::from(parsed);
                self.diagnostics.extend(diagnostics);
                if keep_path {
                    self.checked_files.push(path.clone());
                }
                if let Some(text) = text {
                    self.sources.push((path, text));
                }
            }
            FileOutcome::NotWanted => {}
            FileOutcome::Skipped(problem) => self.skipped.push(problem),
            FileOutcome::Failed(problem) => self.problems.push(problem),
        }
    }

    fn merge(mut self, mut other: Self) -> Self {
        self.files_checked += other.files_checked;
        self.files_parsed += other.files_parsed;
        self.diagnostics.append(&mut other.diagnostics);
        self.sources.append(&mut other.sources);
        self.checked_files.append(&mut other.checked_files);
        self.skipped.append(&mut other.skipped);
        self.notes.append(&mut other.notes);
        self.problems.append(&mut other.problems);
        self
    }
}

enum FileOutcome {
    Checked {
        path: String,
        /// The file's text, kept only when it has diagnostics: holding every file's text until
        /// the end of the run would make memory grow with the size of the repository.
        text: Option<Arc<str>>,
        diagnostics: Vec<Diagnostic>,
        parsed: bool,
        /// What the user should know about how the file was read (a lossy decoding).
        note: Option<Problem>,
    },
    NotWanted,
    Skipped(Problem),
    Failed(Problem),
}

/// A file found as a regular file that is a FIFO, socket or device when it is read. Like a file
/// deleted during the run, it is a problem of its own (an error when it was named), and the
/// run goes on.
pub const REPLACED_BY_SPECIAL_FILE: &str =
    "no longer a regular file: replaced by a FIFO, socket or device since it was found; not read";

/// A file found by the walk that is a symbolic link when it is read: not followed, as no link
/// met by the walk is.
pub const REPLACED_BY_LINK: &str =
    "no longer a regular file: replaced by a symbolic link since it was found; not followed";

fn lint_file(
    checker: &Checker,
    projects: &Projects,
    candidate: &discover::Candidate,
    cwd: Option<&Path>,
    max_file_size: u64,
    keep_source: bool,
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
    // A named path is followed, as it was asked for; the walk never follows a link, and a
    // link swapped in after it saw a regular file is not followed either.
    let read = if candidate.explicit {
        read_regular(&candidate.path, max_file_size)
    } else {
        read_regular_no_follow(&candidate.path, max_file_size)
    };
    let bytes = match read {
        Ok(ReadOutcome::Bytes(bytes)) => bytes,
        Ok(ReadOutcome::TooLarge { size: Some(size) }) => {
            return FileOutcome::Skipped(problem(format!(
                "skipped: {size} bytes is above the {max_file_size}-byte limit"
            )));
        }
        // The size said nothing (a pseudo-file, a growing file): stop at the limit anyway.
        Ok(ReadOutcome::TooLarge { size: None }) => {
            return FileOutcome::Skipped(problem(format!(
                "skipped: more than {max_file_size} bytes, above the {max_file_size}-byte limit"
            )));
        }
        // Discovery saw a regular file: it was swapped since, and never read.
        Ok(ReadOutcome::NotRegular) => {
            return FileOutcome::Failed(problem(REPLACED_BY_SPECIAL_FILE.to_owned()));
        }
        Ok(ReadOutcome::Link) => return FileOutcome::Failed(problem(REPLACED_BY_LINK.to_owned())),
        Err(e) => return FileOutcome::Failed(problem(e.to_string())),
    };
    let decoded = decode(bytes, kind);
    let note = decoded.note().map(problem);
    let text = decoded.text;
    if candidate.guess == NameGuess::MaybeFlinkYaml && !looks_like_flink_yaml(&text) {
        return FileOutcome::NotWanted;
    }
    // Build files are read only if a rule asks for a target version.
    let targets = projects.for_file(&candidate.path);
    let report = checker.check_with_targets(
        &display,
        kind,
        is_test_source(&candidate.path),
        &text,
        &targets,
    );
    FileOutcome::Checked {
        path: display,
        text: (keep_source && !report.diagnostics.is_empty()).then(|| Arc::from(text)),
        diagnostics: report.diagnostics,
        parsed: report.parsed,
        note,
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
