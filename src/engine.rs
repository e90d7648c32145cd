//! One run: discover files, read and check them in parallel, sort, fingerprint.

use std::collections::HashMap;
use std::num::NonZero;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use bdl_core::{Diagnostic, FileKind, RuleMeta, RuleOptions, Selection, fingerprint};
use bdl_syntax::decode::{Encoding, decode};
use bdl_syntax::discover::{self, DiscoverOptions};
use bdl_syntax::fix::FixLoop;
use bdl_syntax::kind::{self, NameGuess, is_test_source};
use bdl_syntax::project::{Projects, TargetOptions};
use bdl_syntax::read::{ReadOutcome, read_regular, read_regular_no_follow};
use bdl_syntax::{Checker, InvalidSuppression, Rule, UnusedSuppression};

use crate::fix::{FileFix, FixMode, FixOptions, MAX_FIX_ROUNDS};

/// Files larger than this are skipped with a notice (generated code, data dumps).
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// The most worker threads per core a run starts. Linting is bound by the processor, so more
/// threads than cores only add memory and switching; `--threads` above this is lowered.
pub const MAX_THREADS_PER_CORE: usize = 4;

/// Files linted together by one thread when several paths are named: small pieces, because
/// the files the prefilter lets through cluster in the sorted list (a `jobs/` module), and
/// larger ones would leave one thread parsing them while the others idle at the end.
const PIECE: usize = 8;

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
    /// Fixes: which rules' fixes count, and whether to apply them (see [`crate::fix`]).
    pub fix: FixOptions,
    /// The settings' `per-file-ignores`, applied to each file's findings before any fix.
    pub per_file_ignores: PerFileIgnores,
    /// Text read from standard input, linted as the file it names instead of walking
    /// [`RunOptions::paths`] (`--stdin-filename`). Never written back; not linted when its
    /// name matches an exclude glob and `force_exclude` is set.
    pub stdin: Option<StdinFile>,
}

/// Standard input and the path it is linted as: the kind, the settings, the suppressions and
/// the path shown all come from `path`, which need not exist.
#[derive(Clone, Debug)]
pub struct StdinFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// `per-file-ignores`: globs relative to a root directory (the settings file's), each with the
/// rules it turns off in the files it matches.
#[derive(Clone, Debug, Default)]
pub struct PerFileIgnores {
    /// The directory the globs are relative to; the working directory when `None`.
    pub root: Option<PathBuf>,
    pub rules: Vec<(globset::GlobMatcher, Selection)>,
}

impl PerFileIgnores {
    /// The selections of the globs that match the file shown as `display` (a path relative to
    /// the working directory, or absolute).
    fn for_file<'s>(&'s self, display: &str) -> Vec<&'s Selection> {
        if self.rules.is_empty() {
            return Vec::new();
        }
        // As the settings file's directory is spelled: not canonicalised.
        let cwd = std::env::current_dir().unwrap_or_default();
        let absolute = cwd.join(display);
        let root = self.root.as_deref().unwrap_or(&cwd);
        let relative = absolute.strip_prefix(root).unwrap_or(&absolute);
        self.rules
            .iter()
            .filter(|(glob, _)| glob.is_match(relative))
            .map(|(_, selection)| selection)
            .collect()
    }
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
            fix: FixOptions::default(),
            per_file_ignores: PerFileIgnores::default(),
            stdin: None,
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
    pub file_notes: Vec<Problem>,
    /// Files found to lint (each once), whether they were checked or not.
    pub files_found: usize,
    /// Files found that no enabled rule checks (by their kind), and `config.yaml` files that
    /// turned out not to be Flink configuration.
    pub files_not_checked: usize,
    /// What was asked for but not linted, and why: a path argument that gave no file to lint,
    /// a named file that was skipped, a rule selection that runs no rule. Reported even with
    /// `--quiet`; they do not change the exit code.
    pub warnings: Vec<String>,
    /// About the run, not its results: the thread count lowered, threads that could not be
    /// started. `--quiet` leaves them out.
    pub notes: Vec<String>,
    /// With fixing on: every file a fix was applied to (or would be, with `--diff`), sorted
    /// by path.
    pub fixes: Vec<FileFix>,
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
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Discover(e) => e.fmt(f),
            Self::RuleOption(e) => f.write_str(e),
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
    // The file text is kept for excerpts: mask every secret in them, whatever is selected.
    let redactors = if options.keep_sources {
        crate::registry::redactors()
    } else {
        Vec::new()
    };
    Ok(Checker::new(enabled)
        .with_inline_suppressions(options.inline_suppressions)
        .with_known_rules(rules.iter().map(|r| r.meta()))
        .with_redactors(redactors))
}

/// Standard input as the file it is linted as; `None` when `--force-exclude` excludes that
/// name, as it would a named file: the text is then not linted and nothing is said (as ruff
/// does), so that an editor linting every buffer shows nothing for excluded files.
fn stdin_candidate(
    stdin: &StdinFile,
    options: &DiscoverOptions,
) -> Result<Option<discover::Candidate>, RunError> {
    if discover::force_excluded(&stdin.path, options).map_err(RunError::Discover)? {
        return Ok(None);
    }
    Ok(Some(discover::Candidate {
        path: stdin.path.clone(),
        explicit: true,
        guess: bdl_syntax::kind::guess_from_name(&stdin.path),
    }))
}

/// The worker threads for `requested` (`None`: one per core), at least 1 and at most
/// [`MAX_THREADS_PER_CORE`] per core, with a note naming the number used when the request was
/// changed.
pub fn worker_threads(requested: Option<usize>) -> (usize, Option<String>) {
    let cores = std::thread::available_parallelism().map_or(1, NonZero::get);
    let max = cores.saturating_mul(MAX_THREADS_PER_CORE);
    match requested {
        None => (cores, None),
        Some(0) => (1, Some("--threads 0: using 1 thread".to_owned())),
        Some(n) if n > max => (
            max,
            Some(format!(
                "--threads {n} is more than {MAX_THREADS_PER_CORE} per core ({cores} available): \
                 using {max} threads"
            )),
        ),
        Some(n) => (n, None),
    }
}

pub fn run(rules: &[&'static dyn Rule], options: &RunOptions) -> Result<RunResult, RunError> {
    let checker = checker(rules, options)?;
    let cwd = discover::working_dir();
    let mut result = RunResult {
        enabled: checker.rules().collect(),
        ..RunResult::default()
    };
    let (threads, note) = worker_threads(options.threads);
    result.notes.extend(note);
    let no_rule = no_rule_warning(&result.enabled);
    // Without a rule, every named file would be "skipped"; the one warning says why.
    let inspects = no_rule.is_none();
    result.warnings.extend(no_rule);
    let keep_paths = options.list_checked_files;
    let projects = Projects::new(&options.targets);
    let metas: HashMap<&'static str, &'static RuleMeta> =
        result.enabled.iter().map(|m| (m.code, *m)).collect();
    let context = FileContext {
        checker: &checker,
        projects: &projects,
        cwd: cwd.as_deref(),
        options,
        metas: &metas,
    };
    let lint = |tally: &mut Tally, candidate: &discover::Candidate| {
        let outcome = lint_file(&context, candidate);
        if candidate.explicit && inspects && matches!(outcome, FileOutcome::NotWanted) {
            let path = display_path(&candidate.path, cwd.as_deref());
            tally.unlinted.push(format!(
                "{path}: {}",
                not_wanted_reason(&checker, candidate)
            ));
        }
        tally.add(outcome, keep_paths);
    };
    // Outcomes are folded as they arrive, so that a clean file leaves nothing behind: memory
    // grows with the findings, not with the number of files.
    let (tally, walked) = if let Some(stdin) = &options.stdin {
        let mut tally = Tally::default();
        if let Some(candidate) = stdin_candidate(stdin, &options.discover)? {
            lint(&mut tally, &candidate);
        }
        (tally, (Vec::new(), Vec::new(), Vec::new()))
    } else if options.paths.len() == 1 {
        // One path (`.`, a directory, one file): each file is linted by the walker thread that
        // finds it, and no list of files is ever built. The walker hands out single entries
        // from a shared queue, so the threads stay evenly loaded.
        let walk = discover::walk_paths(
            &options.paths,
            &options.discover,
            threads,
            Tally::default,
            |tally, candidate| lint(tally, &candidate),
        )
        .map_err(RunError::Discover)?;
        let tally = walk.states.into_iter().fold(Tally::default(), Tally::merge);
        (tally, (walk.problems, walk.unlinted, vec![walk.shortfall]))
    } else {
        // Several paths may overlap (`src src/A.java`): list, sort and deduplicate first.
        let found = discover::discover_with_threads(&options.paths, &options.discover, threads)
            .map_err(RunError::Discover)?;
        let files = &found.files;
        let next = AtomicUsize::new(0);
        let (tallies, shortfall) =
            discover::on_threads(threads.min(files.len().div_ceil(PIECE)), || {
                let mut tally = Tally::default();
                loop {
                    let start = next.fetch_add(PIECE, Ordering::Relaxed);
                    let piece = files.get(start..files.len().min(start + PIECE));
                    let Some(piece) = piece.filter(|p| !p.is_empty()) else {
                        break tally;
                    };
                    for candidate in piece {
                        lint(&mut tally, candidate);
                    }
                }
            });
        let tally = tallies.into_iter().fold(Tally::default(), Tally::merge);
        let shortfalls = vec![found.shortfall, shortfall];
        (tally, (found.problems, found.unlinted, shortfalls))
    };
    let (walk_problems, unlinted, shortfalls) = walked;
    for note in shortfalls.into_iter().flatten().map(|s| s.to_string()) {
        if !result.notes.contains(&note) {
            result.notes.push(note);
        }
    }
    for (path, message) in walk_problems {
        result.problems.push(Problem {
            path: display_path(&path, cwd.as_deref()),
            message,
            explicit: false,
        });
    }
    for (path, reason) in unlinted {
        result
            .warnings
            .push(format!("{}: {reason}", path.display()));
    }
    tally.fill(&mut result);
    finish_from(
        &mut result.diagnostics,
        options.per_file_ignores.root.as_deref(),
    );
    Ok(result)
}

impl Tally {
    /// Moves what the files left behind into `result`, each list sorted by path.
    fn fill(self, result: &mut RunResult) {
        let mut unlinted_files = self.unlinted;
        unlinted_files.sort();
        result.warnings.extend(unlinted_files);
        result.files_found = self.files_found;
        result.files_not_checked = self.files_not_checked;
        result.files_checked = self.files_checked;
        result.files_parsed = self.files_parsed;
        result.diagnostics = self.diagnostics;
        result.sources = self.sources.into_iter().collect();
        result.checked_files = self.checked_files;
        result.fixes = self.fixes;
        result.fixes.sort_by(|a, b| a.path.cmp(&b.path));
        result.skipped = self.skipped;
        result.skipped.sort_by(|a, b| a.path.cmp(&b.path));
        result.file_notes = self.file_notes;
        result.file_notes.sort_by(|a, b| a.path.cmp(&b.path));
        let mut file_problems = self.problems;
        file_problems.sort_by(|a, b| a.path.cmp(&b.path));
        result.problems.extend(file_problems);
        result.checked_files.sort();
    }
}

/// Whether `enabled` has a rule that inspects files: one besides the suppression rules
/// (`BDL001`, `BDL002`), which only report on the suppressions of other rules.
pub fn inspects_files(enabled: &[&'static RuleMeta]) -> bool {
    let suppression_rules = [UnusedSuppression::META.code, InvalidSuppression::META.code];
    enabled.iter().any(|m| !suppression_rules.contains(&m.code))
}

/// A warning when the selection enables no rule that inspects files (see
/// [`inspects_files`]).
fn no_rule_warning(enabled: &[&'static RuleMeta]) -> Option<String> {
    if enabled.is_empty() {
        return Some(
            "no rule is enabled: --select, --ignore and the settings file leave none, so \
             nothing was checked"
                .to_owned(),
        );
    }
    let codes: Vec<&str> = enabled.iter().map(|m| m.code).collect();
    (!inspects_files(enabled)).then(|| {
        format!(
            "no rule that inspects files is enabled, only {} (about the suppressions of other \
             rules): nothing can be found",
            codes.join(", ")
        )
    })
}

/// Why a named file of a kind bigdata-lint reads was not checked.
fn not_wanted_reason(checker: &Checker, candidate: &discover::Candidate) -> &'static str {
    let flink_yaml_wanted = checker.wants(FileKind::FlinkYaml);
    match candidate.guess {
        NameGuess::MaybeFlinkYaml if flink_yaml_wanted => {
            "skipped: not Flink configuration (none of its top-level keys is a Flink option)"
        }
        _ => "skipped: no enabled rule checks this kind of file",
    }
}

/// Sorts deterministically and computes fingerprints; identical constructs in one file are
/// told apart by their order of appearance.
pub fn finish(diagnostics: &mut [Diagnostic]) {
    finish_from(diagnostics, None);
}

/// [`finish`], with the path in each fingerprint taken relative to `root` (the settings
/// file's directory) when the file lies below it, so that a fingerprint, and a baseline, do
/// not depend on the directory the run started in.
pub fn finish_from(diagnostics: &mut [Diagnostic], root: Option<&Path>) {
    let cwd = std::env::current_dir().ok();
    let root = root.map(|r| std::path::absolute(r).unwrap_or_else(|_| r.to_path_buf()));
    let anchored = |path: &str| -> String {
        let (Some(root), Some(cwd)) = (root.as_deref(), cwd.as_deref()) else {
            return path.to_owned();
        };
        cwd.join(path).strip_prefix(root).map_or_else(
            |_| path.to_owned(),
            |relative| relative.to_string_lossy().replace('\\', "/"),
        )
    };
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let mut seen: HashMap<(String, &'static str, String), usize> = HashMap::new();
    for d in diagnostics.iter_mut() {
        let anchor = std::mem::take(&mut d.fingerprint);
        let ordinal = seen
            .entry((d.path.clone(), d.code, bdl_core::normalize_snippet(&anchor)))
            .or_insert(0);
        d.fingerprint = fingerprint(d.code, &anchored(&d.path), &anchor, *ordinal);
        *ordinal += 1;
    }
}

/// What the files linted so far left behind.
#[derive(Default)]
struct Tally {
    files_found: usize,
    files_not_checked: usize,
    files_checked: usize,
    files_parsed: usize,
    diagnostics: Vec<Diagnostic>,
    sources: Vec<(String, Arc<str>)>,
    checked_files: Vec<String>,
    skipped: Vec<Problem>,
    file_notes: Vec<Problem>,
    problems: Vec<Problem>,
    /// Named files that were not checked: `PATH: reason`.
    unlinted: Vec<String>,
    fixes: Vec<FileFix>,
}

impl Tally {
    fn add(&mut self, outcome: FileOutcome, keep_path: bool) {
        self.files_found += 1;
        match outcome {
            FileOutcome::Checked {
                path,
                text,
                diagnostics,
                parsed,
                note,
                fixed,
            } => {
                self.files_checked += 1;
                if let Some(note) = note {
                    self.file_notes.push(note);
                }
                let Fixing { fix, problems } = fixed;
                self.fixes.extend(fix);
                self.problems.extend(problems);
                self.files_parsed += usize::from(parsed);
                self.diagnostics.extend(diagnostics);
                if keep_path {
                    self.checked_files.push(path.clone());
                }
                if let Some(text) = text {
                    self.sources.push((path, text));
                }
            }
            FileOutcome::NotWanted => self.files_not_checked += 1,
            FileOutcome::Skipped(problem) => self.skipped.push(problem),
            FileOutcome::Failed(problem) => self.problems.push(problem),
        }
    }

    fn merge(mut self, mut other: Self) -> Self {
        self.files_found += other.files_found;
        self.files_not_checked += other.files_not_checked;
        self.unlinted.append(&mut other.unlinted);
        self.files_checked += other.files_checked;
        self.files_parsed += other.files_parsed;
        self.diagnostics.append(&mut other.diagnostics);
        self.sources.append(&mut other.sources);
        self.checked_files.append(&mut other.checked_files);
        self.skipped.append(&mut other.skipped);
        self.file_notes.append(&mut other.file_notes);
        self.problems.append(&mut other.problems);
        self.fixes.append(&mut other.fixes);
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
        /// What fixing did, when it was asked for.
        fixed: Fixing,
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

/// What every file of a run is linted with.
struct FileContext<'a> {
    checker: &'a Checker,
    projects: &'a Projects,
    cwd: Option<&'a Path>,
    options: &'a RunOptions,
    /// The enabled rules by code, for `per-file-ignores` and `fixable`.
    metas: &'a HashMap<&'static str, &'static RuleMeta>,
}

/// What fixing a file did: the fix applied (or that would be, with `--diff`), and the problems
/// met on the way (a fix refused, a file that could not be written).
#[derive(Default)]
struct Fixing {
    fix: Option<FileFix>,
    problems: Vec<Problem>,
}

fn lint_file(context: &FileContext<'_>, candidate: &discover::Candidate) -> FileOutcome {
    let FileContext {
        checker,
        projects,
        cwd,
        options,
        metas,
    } = *context;
    let display = display_path(&candidate.path, cwd);
    // YAML is read only if its content could make it a kind some enabled rule checks.
    let wanted = match candidate.guess {
        NameGuess::Kind(kind) => checker.wants(kind),
        NameGuess::MaybeFlinkYaml => kind::yaml_kinds(&candidate.path)
            .iter()
            .any(|k| checker.wants(*k)),
        NameGuess::Other => false,
    };
    if !wanted {
        return FileOutcome::NotWanted;
    }
    let max_file_size = options.max_file_size;
    let problem = |message: String| Problem {
        path: display.clone(),
        message,
        explicit: candidate.explicit,
    };
    // A named path is followed, as it was asked for; the walk never follows a link, and a
    // link swapped in after it saw a regular file is not followed either.
    let read = if let Some(stdin) = options.stdin.as_ref().filter(|s| s.path == candidate.path) {
        if stdin.bytes.len() as u64 > max_file_size {
            Ok(ReadOutcome::TooLarge {
                size: Some(stdin.bytes.len() as u64),
            })
        } else {
            Ok(ReadOutcome::Bytes(stdin.bytes.clone()))
        }
    } else if candidate.explicit {
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
    // Decoding needs only what the name says (XML declarations); the kind itself may depend on
    // the content.
    let name_kind = match candidate.guess {
        NameGuess::Kind(kind) => kind,
        NameGuess::MaybeFlinkYaml | NameGuess::Other => FileKind::FlinkYaml,
    };
    let bom = bytes.starts_with(UTF8_BOM);
    let decoded = decode(bytes, name_kind);
    let note = decoded.note().map(problem);
    // Only UTF-8 text is fixed: writing a decoded UTF-16 or Latin-1 file back would change its
    // encoding, and replaced sequences would be lost.
    let fixable_text = decoded.encoding == Encoding::Utf8 && decoded.replaced == 0;
    let text = decoded.text;
    // Content decides for YAML: Flink configuration, a Kubernetes Flink resource, or nothing.
    let Some(kind) = kind::detect(&candidate.path, &text).filter(|k| checker.wants(*k)) else {
        return FileOutcome::NotWanted;
    };
    // Build files, neighbours and other Java files are read only if a rule asks.
    let project = projects.for_file(&candidate.path);
    let ignored = options.per_file_ignores.for_file(&display);
    let prepare = |diagnostics: &mut Vec<Diagnostic>| {
        prepare_findings(diagnostics, &ignored, metas, &options.fix, fixable_text);
    };
    let is_test = is_test_source(&candidate.path);
    let (report, text, fixed) = match options.fix.mode {
        Some(mode) if fixable_text => {
            let file = FixedFile {
                path: &candidate.path,
                display: &display,
                kind,
                is_test,
                bom,
            };
            fix_file(context, &file, text, &project, &prepare, mode)
        }
        _ => {
            let mut report = checker.check_in(&display, kind, is_test, &text, &project);
            prepare(&mut report.diagnostics);
            (report, text, Fixing::default())
        }
    };
    let keep_source = options.keep_sources;
    FileOutcome::Checked {
        path: display,
        text: (keep_source && !report.diagnostics.is_empty()).then(|| Arc::from(text)),
        diagnostics: report.diagnostics,
        parsed: report.parsed,
        // A file the prefilter passed over was not read for anything: what decoding replaced
        // changed no result (trigger words are ASCII), so saying so would only be noise.
        note: note.filter(|_| report.parsed),
        fixed,
    }
}

/// Lints `text` as the file at `path` is linted by [`run`] (kind from the name and content,
/// test-source status, the project around it, `per-file-ignores`, `fixable`), without reading
/// the file: the editor's text is linted, not what is on disk. `None` when no enabled rule
/// checks that kind of file; else the kind and the findings. Panics of rules are isolated by the checker, as in a run.
pub fn check_text(
    checker: &Checker,
    projects: &Projects,
    options: &RunOptions,
    path: &Path,
    text: &str,
) -> Option<(FileKind, Vec<Diagnostic>)> {
    let kind = kind::detect(path, text).filter(|k| checker.wants(*k))?;
    let cwd = discover::working_dir();
    let display = display_path(path, cwd.as_deref());
    let metas: HashMap<&'static str, &'static RuleMeta> =
        checker.rules().map(|m| (m.code, m)).collect();
    let project = projects.for_file(path);
    let mut report = checker.check_in(&display, kind, is_test_source(path), text, &project);
    let ignored = options.per_file_ignores.for_file(&display);
    prepare_findings(
        &mut report.diagnostics,
        &ignored,
        &metas,
        &options.fix,
        true,
    );
    Some((kind, report.diagnostics))
}

/// The file being fixed, as [`fix_file`] needs it.
struct FixedFile<'a> {
    path: &'a Path,
    display: &'a str,
    kind: FileKind,
    is_test: bool,
    /// It starts with a UTF-8 byte order mark, which the fixed text keeps.
    bom: bool,
}

/// Runs the fix loop on `text` and writes the result (`mode` `Write`) or keeps both texts
/// (`Diff`). Returns the findings that count (of the fixed text, or of the original when it
/// could not be written), the text they refer to, and what fixing did.
fn fix_file(
    context: &FileContext<'_>,
    file: &FixedFile<'_>,
    text: String,
    project: &dyn bdl_syntax::ProjectView,
    prepare: &dyn Fn(&mut Vec<Diagnostic>),
    mode: FixMode,
) -> (bdl_syntax::FileReport, String, Fixing) {
    let mut fixed = Fixing::default();
    let problem = |message: String, explicit: bool| Problem {
        path: file.display.to_owned(),
        message,
        explicit,
    };
    let outcome = context.checker.fix_in(
        file.display,
        file.kind,
        file.is_test,
        &text,
        project,
        &FixLoop {
            unsafe_fixes: context.options.fix.unsafe_fixes,
            max_rounds: MAX_FIX_ROUNDS,
            prepare,
        },
    );
    if let Some(refused) = outcome.refused {
        fixed.problems.push(problem(refused, false));
    }
    if !outcome.settled {
        fixed.problems.push(problem(
            format!(
                "fixes still apply after {MAX_FIX_ROUNDS} rounds: stopped there; run again to \
                 apply the rest"
            ),
            false,
        ));
    }
    let (Some(new), Some(original)) = (outcome.text, outcome.original) else {
        return (outcome.report, text, fixed);
    };
    let record = |diff: Option<(String, String)>, written: bool| FileFix {
        path: file.display.to_owned(),
        applied: outcome.applied.clone(),
        diff,
        written,
    };
    match mode {
        FixMode::Diff => {
            fixed.fix = Some(record(Some((text, new.clone())), false));
            (outcome.report, new, fixed)
        }
        FixMode::Write => match write_fixed(file.path, &new, file.bom) {
            Ok(()) => {
                fixed.fix = Some(record(None, true));
                (outcome.report, new, fixed)
            }
            // The file keeps its text, and so its findings.
            Err(message) => {
                fixed.problems.push(problem(message, true));
                (original, text, fixed)
            }
        },
    }
}

/// The byte order mark of UTF-8, kept when a fixed file is written.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Drops the findings `per-file-ignores` turns off for this file (`ignored`), and the fixes
/// that may not be applied or shown: those of rules that are not `fixable`, of suppressed
/// findings, and of files that are not UTF-8 text.
fn prepare_findings(
    diagnostics: &mut Vec<Diagnostic>,
    ignored: &[&Selection],
    metas: &HashMap<&'static str, &'static RuleMeta>,
    fix: &FixOptions,
    fixable_text: bool,
) {
    if !ignored.is_empty() {
        diagnostics.retain(|d| {
            !metas
                .get(d.code)
                .is_some_and(|m| ignored.iter().any(|s| s.is_enabled(m)))
        });
    }
    for d in diagnostics.iter_mut().filter(|d| d.fix.is_some()) {
        let fixable = fixable_text
            && d.is_active()
            && metas.get(d.code).is_some_and(|m| fix.fixable.is_enabled(m));
        if !fixable {
            d.fix = None;
        }
    }
}

/// Writes a fixed file in place, as `--output` writes a report: atomically, keeping its
/// permissions and owner. A read-only file is left alone: its mode says not to change it.
fn write_fixed(path: &Path, text: &str, bom: bool) -> Result<(), String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("not fixed: {e}"))?;
    if meta.permissions().readonly() {
        return Err("not fixed: the file is read-only".to_owned());
    }
    let mut bytes = Vec::with_capacity(text.len() + 3);
    if bom {
        bytes.extend_from_slice(UTF8_BOM);
    }
    bytes.extend_from_slice(text.as_bytes());
    crate::output::write(path, &bytes).map_err(|e| format!("not fixed: cannot write the file: {e}"))
}

/// The path relative to the working directory when it lies below it, with `/` separators and
/// without `.` components. `cwd` is [`discover::working_dir`]; the paths the walk hands out
/// are already spelled so (see [`discover::resolve`]), so one file has one display path.
pub fn display_path(path: &Path, cwd: Option<&Path>) -> String {
    let relative = cwd
        .and_then(|cwd| path.strip_prefix(cwd).ok())
        .unwrap_or(path);
    let cleaned: PathBuf;
    let relative = if has_dot_component(relative.as_os_str().as_encoded_bytes()) {
        cleaned = relative
            .components()
            .filter(|c| *c != Component::CurDir)
            .collect();
        &cleaned
    } else {
        relative
    };
    let text = relative.to_string_lossy().replace('\\', "/");
    if text.is_empty() {
        ".".to_owned()
    } else {
        text
    }
}

/// Whether a path has a `.` component (`./a`, `a/./b`, `a/.`).
fn has_dot_component(path: &[u8]) -> bool {
    path == b"."
        || path.starts_with(b"./")
        || path.ends_with(b"/.")
        || path.windows(3).any(|w| w == b"/./")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_paths_are_relative_and_without_dot_components() {
        let cwd = Path::new("/work/repo");
        for (path, shown) in [
            ("/work/repo/src/A.java", "src/A.java"),
            ("./src/A.java", "src/A.java"),
            ("src/./A.java", "src/A.java"),
            ("/work/repo", "."),
            (".", "."),
            ("/elsewhere/./A.java", "/elsewhere/A.java"),
            ("../other/A.java", "../other/A.java"),
            ("src/.hidden/A.java", "src/.hidden/A.java"),
        ] {
            assert_eq!(display_path(Path::new(path), Some(cwd)), shown, "{path}");
        }
    }

    #[test]
    fn thread_counts_are_kept_within_reason() {
        let cores = std::thread::available_parallelism().map_or(1, NonZero::get);
        assert_eq!(worker_threads(None), (cores, None));
        assert_eq!(worker_threads(Some(1)), (1, None));
        assert_eq!(worker_threads(Some(0)).0, 1);
        let (n, note) = worker_threads(Some(usize::MAX));
        assert_eq!(n, cores * MAX_THREADS_PER_CORE);
        assert!(note.is_some_and(|n| n.contains(&format!("using {} threads", cores * 4))));
    }
}
