//! Which files to lint: walks directories with the `ignore` crate (ripgrep's walker), which
//! honours `.gitignore`, `.ignore` and hidden files; applies `--exclude` globs; keeps explicit
//! file arguments (pre-commit passes them) unless `--force-exclude` is set. Symbolic links met
//! while walking are never followed; a path argument is resolved, as it was named.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use ignore::{DirEntry, Match, ParallelVisitor, ParallelVisitorBuilder, WalkBuilder, WalkState};

use crate::kind::{NameGuess, guess_from_name};

#[derive(Clone, Debug, Default)]
pub struct DiscoverOptions {
    /// gitignore-style globs (`target/`, `**/generated/**`), relative to `exclude_root`.
    pub excludes: Vec<String>,
    /// The directory exclude globs are relative to: the settings file's directory, or the
    /// working directory when `None`.
    pub exclude_root: Option<PathBuf>,
    /// Apply `excludes` to files named explicitly, too.
    pub force_exclude: bool,
}

/// A file to lint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub path: PathBuf,
    /// Named on the command line rather than found by walking.
    pub explicit: bool,
    pub guess: NameGuess,
}

/// A problem that stops the run before any file is read.
#[derive(Debug)]
pub enum DiscoverError {
    /// A path argument that does not exist.
    NotFound(PathBuf),
    /// A path argument that exists but cannot be inspected, and whose name is not one of a
    /// file bigdata-lint reads (such a file is handed on, so the run reports it and goes on).
    Inaccessible { path: PathBuf, message: String },
    /// An `--exclude` glob that does not parse.
    BadGlob { glob: String, message: String },
}

impl fmt::Display for DiscoverError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotFound(p) => write!(f, "{}: no such file or directory", p.display()),
            Self::Inaccessible { path, message } => write!(f, "{}: {message}", path.display()),
            Self::BadGlob { glob, message } => write!(f, "invalid --exclude `{glob}`: {message}"),
        }
    }
}

pub use crate::read::NOT_A_REGULAR_FILE;

impl std::error::Error for DiscoverError {}

/// The files to lint, sorted by path, and the problems met while walking (unreadable
/// directories and the like), which the caller reports while the run goes on.
#[derive(Debug, Default)]
pub struct Discovered {
    pub files: Vec<Candidate>,
    pub problems: Vec<(PathBuf, String)>,
}

pub fn discover(paths: &[PathBuf], options: &DiscoverOptions) -> Result<Discovered, DiscoverError> {
    discover_with_threads(paths, options, 0)
}

/// [`discover`] with `threads` walker threads for directories: 0 = one per core, 1 = walk on
/// the calling thread. The result does not depend on it.
pub fn discover_with_threads(
    paths: &[PathBuf],
    options: &DiscoverOptions,
    threads: usize,
) -> Result<Discovered, DiscoverError> {
    let excludes = build_excludes(&options.excludes, options.exclude_root.as_deref())?;
    let mut found = Discovered::default();
    for root in paths {
        let (lists, mut problems) =
            visit_root(root, &excludes, options, threads, Vec::new, Vec::push)?;
        found.files.extend(lists.into_iter().flatten());
        found.problems.append(&mut problems);
    }
    found.files.sort_by(|a, b| a.path.cmp(&b.path));
    found.files.dedup_by(|a, b| a.path == b.path);
    // Walker threads finish in any order.
    found.problems.sort();
    Ok(found)
}

/// Hands each file to lint under one path argument to `visit` as the walk finds it, without
/// building the list of files first, so that memory does not grow with the number of files.
/// Every walker thread (`threads`: 0 = one per core, 1 = the calling thread) keeps its own
/// state, made by `init`; the states are returned with the walk's problems (sorted). The
/// order of the visits is not defined: callers sort what they report.
pub fn visit_each<S: Send>(
    root: &Path,
    options: &DiscoverOptions,
    threads: usize,
    init: impl Fn() -> S + Sync,
    visit: impl Fn(&mut S, Candidate) + Sync,
) -> Result<Walked<S>, DiscoverError> {
    let excludes = build_excludes(&options.excludes, options.exclude_root.as_deref())?;
    let (states, mut problems) = visit_root(root, &excludes, options, threads, init, visit)?;
    problems.sort();
    Ok((states, problems))
}

/// [`visit_each`] with the exclude matcher built.
fn visit_root<S: Send>(
    root: &Path,
    excludes: &Excludes,
    options: &DiscoverOptions,
    threads: usize,
    init: impl Fn() -> S + Sync,
    visit: impl Fn(&mut S, Candidate) + Sync,
) -> Result<Walked<S>, DiscoverError> {
    Ok(match classify_root(root, excludes, options)? {
        Root::Skip => (Vec::new(), Vec::new()),
        Root::File(candidate) => {
            let mut state = init();
            visit(&mut state, candidate);
            (vec![state], Vec::new())
        }
        Root::Problem(path, message) => (Vec::new(), vec![(path, message)]),
        Root::Dir => walk(root, excludes, threads, init, visit),
    })
}

/// The walker threads' states, and the problems met while walking.
pub type Walked<S> = (Vec<S>, Vec<(PathBuf, String)>);

/// What a path argument is.
enum Root {
    /// Excluded, or a file of no kind bigdata-lint reads.
    Skip,
    File(Candidate),
    /// Not a regular file: reported, never opened.
    Problem(PathBuf, String),
    Dir,
}

fn classify_root(
    root: &Path,
    excludes: &Excludes,
    options: &DiscoverOptions,
) -> Result<Root, DiscoverError> {
    let meta = match std::fs::metadata(root) {
        Ok(meta) => meta,
        // Nothing by that name, not even a broken symbolic link.
        Err(e)
            if e.kind() == std::io::ErrorKind::NotFound
                && std::fs::symlink_metadata(root).is_err() =>
        {
            return Err(DiscoverError::NotFound(root.to_path_buf()));
        }
        // The name exists but cannot be inspected: a broken or looping symbolic link, a
        // path too long for the system, a parent directory without search permission. A
        // file of a kind bigdata-lint reads is handed on as usual, so that its error is
        // reported for it (an error, as it was named) while the other files are linted.
        Err(e) => {
            if options.force_exclude && is_excluded(excludes, root, false) {
                return Ok(Root::Skip);
            }
            let guess = guess_from_name(root);
            if guess == NameGuess::Other {
                return Err(DiscoverError::Inaccessible {
                    path: root.to_path_buf(),
                    message: e.to_string(),
                });
            }
            return Ok(Root::File(Candidate {
                path: root.to_path_buf(),
                explicit: true,
                guess,
            }));
        }
    };
    if meta.is_dir() {
        if options.force_exclude && is_excluded(excludes, root, true) {
            return Ok(Root::Skip);
        }
        return Ok(Root::Dir);
    }
    if options.force_exclude && is_excluded(excludes, root, false) {
        return Ok(Root::Skip);
    }
    let guess = guess_from_name(root);
    if guess == NameGuess::Other {
        return Ok(Root::Skip);
    }
    if meta.is_file() {
        Ok(Root::File(Candidate {
            path: root.to_path_buf(),
            explicit: true,
            guess,
        }))
    } else {
        // Reading a FIFO blocks until someone writes to it, and a device may never end: such
        // a path is reported, never opened.
        Ok(Root::Problem(
            root.to_path_buf(),
            NOT_A_REGULAR_FILE.to_owned(),
        ))
    }
}

/// Walks `root`, handing every file of a kind bigdata-lint reads to `visit` with the state of
/// the walker thread that found it; returns the states and the walking problems.
fn walk<S: Send>(
    root: &Path,
    excludes: &Excludes,
    threads: usize,
    init: impl Fn() -> S + Sync,
    visit: impl Fn(&mut S, Candidate) + Sync,
) -> Walked<S> {
    let excludes_for_filter = excludes.clone();
    let mut builder = WalkBuilder::new(root);
    builder
        .require_git(false)
        .follow_links(false)
        .threads(threads)
        .filter_entry(move |entry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            entry.depth() == 0 || !is_excluded(&excludes_for_filter, entry.path(), is_dir)
        });
    if threads == 1 {
        let mut local = Local {
            state: init(),
            problems: Vec::new(),
        };
        for entry in builder.build() {
            local.take(root, entry, &visit);
        }
        return (vec![local.state], local.problems);
    }
    let sink = Mutex::new((Vec::new(), Vec::new()));
    builder.build_parallel().visit(&mut VisitorBuilder {
        root,
        init: &init,
        visit: &visit,
        sink: &sink,
    });
    sink.into_inner().unwrap_or_else(PoisonError::into_inner)
}

/// A walker thread's state and the problems it met.
struct Local<S> {
    state: S,
    problems: Vec<(PathBuf, String)>,
}

impl<S> Local<S> {
    /// Visits a walked entry if it is a file bigdata-lint reads; records a walking error.
    fn take(
        &mut self,
        root: &Path,
        entry: Result<DirEntry, ignore::Error>,
        visit: &(impl Fn(&mut S, Candidate) + Sync),
    ) {
        match entry {
            Ok(entry) => {
                if !entry.file_type().is_some_and(|t| t.is_file()) {
                    return;
                }
                let guess = guess_from_name(entry.path());
                if guess != NameGuess::Other {
                    visit(
                        &mut self.state,
                        Candidate {
                            path: entry.into_path(),
                            explicit: false,
                            guess,
                        },
                    );
                }
            }
            Err(err) => {
                let path = match &err {
                    ignore::Error::WithPath { path, .. } => path.clone(),
                    _ => root.to_path_buf(),
                };
                self.problems.push((path, err.to_string()));
            }
        }
    }
}

/// One per walker thread: works on its own state and hands it over once, when the walk is
/// over (no lock per file).
struct Visitor<'s, S, I, V> {
    root: &'s Path,
    local: Option<Local<S>>,
    init: &'s I,
    visit: &'s V,
    sink: &'s Mutex<Walked<S>>,
}

impl<S: Send, I: Fn() -> S + Sync, V: Fn(&mut S, Candidate) + Sync> ParallelVisitor
    for Visitor<'_, S, I, V>
{
    fn visit(&mut self, entry: Result<DirEntry, ignore::Error>) -> WalkState {
        let init = self.init;
        self.local
            .get_or_insert_with(|| Local {
                state: init(),
                problems: Vec::new(),
            })
            .take(self.root, entry, self.visit);
        WalkState::Continue
    }
}

impl<S, I, V> Drop for Visitor<'_, S, I, V> {
    fn drop(&mut self) {
        if let Some(local) = self.local.take() {
            let mut sink = self.sink.lock().unwrap_or_else(PoisonError::into_inner);
            sink.0.push(local.state);
            sink.1.extend(local.problems);
        }
    }
}

struct VisitorBuilder<'s, S, I, V> {
    root: &'s Path,
    init: &'s I,
    visit: &'s V,
    sink: &'s Mutex<Walked<S>>,
}

impl<'s, S: Send, I: Fn() -> S + Sync, V: Fn(&mut S, Candidate) + Sync> ParallelVisitorBuilder<'s>
    for VisitorBuilder<'s, S, I, V>
{
    fn build(&mut self) -> Box<dyn ParallelVisitor + 's> {
        Box::new(Visitor {
            root: self.root,
            local: None,
            init: self.init,
            visit: self.visit,
            sink: self.sink,
        })
    }
}

/// The exclude matcher and the working directory relative paths are resolved against.
#[derive(Clone)]
struct Excludes {
    matcher: Gitignore,
    cwd: PathBuf,
}

fn build_excludes(globs: &[String], root: Option<&Path>) -> Result<Excludes, DiscoverError> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let root = root.map_or_else(|| cwd.clone(), Path::to_path_buf);
    let mut builder = GitignoreBuilder::new(root);
    for glob in globs {
        builder
            .add_line(None, glob)
            .map_err(|e| DiscoverError::BadGlob {
                glob: glob.clone(),
                message: e.to_string(),
            })?;
    }
    let matcher = builder.build().map_err(|e| DiscoverError::BadGlob {
        glob: globs.join(", "),
        message: e.to_string(),
    })?;
    Ok(Excludes { matcher, cwd })
}

/// Whether `path` or one of its parent directories matches an exclude glob. Relative paths
/// are taken from the working directory and made absolute, so that globs relative to a
/// settings file elsewhere still match.
fn is_excluded(excludes: &Excludes, path: &Path, is_dir: bool) -> bool {
    let Excludes {
        matcher: excludes,
        cwd,
    } = excludes;
    if excludes.is_empty() {
        return false;
    }
    let absolute;
    let path = if path.is_relative() {
        absolute = cwd.join(path.strip_prefix("./").unwrap_or(path));
        absolute.as_path()
    } else {
        path
    };
    if matches!(excludes.matched(path, is_dir), Match::Ignore(_)) {
        return true;
    }
    path.ancestors()
        .skip(1)
        .take_while(|p| p.starts_with(excludes.path()) && p != &excludes.path())
        .any(|p| matches!(excludes.matched(p, true), Match::Ignore(_)))
}
