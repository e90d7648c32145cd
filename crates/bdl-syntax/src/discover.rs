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

/// The message for a path argument that is neither a regular file nor a directory.
pub const NOT_A_REGULAR_FILE: &str =
    "not a regular file (a FIFO, socket or device): skipped without reading it";

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
        let meta = match std::fs::metadata(root) {
            Ok(meta) => meta,
            // Nothing by that name, not even a broken symbolic link.
            Err(e)
                if e.kind() == std::io::ErrorKind::NotFound
                    && std::fs::symlink_metadata(root).is_err() =>
            {
                return Err(DiscoverError::NotFound(root.clone()));
            }
            // The name exists but cannot be inspected: a broken or looping symbolic link, a
            // path too long for the system, a parent directory without search permission. A
            // file of a kind bigdata-lint reads is handed on as usual, so that its error is
            // reported for it (an error, as it was named) while the other files are linted.
            Err(e) => {
                if options.force_exclude && is_excluded(&excludes, root, false) {
                    continue;
                }
                let guess = guess_from_name(root);
                if guess == NameGuess::Other {
                    return Err(DiscoverError::Inaccessible {
                        path: root.clone(),
                        message: e.to_string(),
                    });
                }
                found.files.push(Candidate {
                    path: root.clone(),
                    explicit: true,
                    guess,
                });
                continue;
            }
        };
        if !meta.is_dir() {
            if options.force_exclude && is_excluded(&excludes, root, false) {
                continue;
            }
            let guess = guess_from_name(root);
            if guess == NameGuess::Other {
                continue;
            }
            if meta.is_file() {
                found.files.push(Candidate {
                    path: root.clone(),
                    explicit: true,
                    guess,
                });
            } else {
                // Reading a FIFO blocks until someone writes to it, and a device may never
                // end: such a path is reported, never opened.
                found
                    .problems
                    .push((root.clone(), NOT_A_REGULAR_FILE.to_owned()));
            }
            continue;
        }
        if options.force_exclude && is_excluded(&excludes, root, true) {
            continue;
        }
        walk(root, &excludes, threads, &mut found);
    }
    found.files.sort_by(|a, b| a.path.cmp(&b.path));
    found.files.dedup_by(|a, b| a.path == b.path);
    // Walker threads finish in any order.
    found.problems.sort();
    Ok(found)
}

fn walk(root: &Path, excludes: &Excludes, threads: usize, found: &mut Discovered) {
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
        for entry in builder.build() {
            collect(root, entry, found);
        }
        return;
    }
    let sink = Mutex::new(Discovered::default());
    builder
        .build_parallel()
        .visit(&mut CollectorBuilder { root, sink: &sink });
    let mut collected = sink.into_inner().unwrap_or_else(PoisonError::into_inner);
    found.files.append(&mut collected.files);
    found.problems.append(&mut collected.problems);
}

/// Keeps a walked entry if it is a file bigdata-lint reads; records a walking error.
fn collect(root: &Path, entry: Result<DirEntry, ignore::Error>, found: &mut Discovered) {
    match entry {
        Ok(entry) => {
            if !entry.file_type().is_some_and(|t| t.is_file()) {
                return;
            }
            let guess = guess_from_name(entry.path());
            if guess != NameGuess::Other {
                found.files.push(Candidate {
                    path: entry.into_path(),
                    explicit: false,
                    guess,
                });
            }
        }
        Err(err) => {
            let path = match &err {
                ignore::Error::WithPath { path, .. } => path.clone(),
                _ => root.to_path_buf(),
            };
            found.problems.push((path, err.to_string()));
        }
    }
}

/// One per walker thread: collects on its own and hands its list over once, when the walk is
/// over (no lock per file).
struct Collector<'s> {
    root: &'s Path,
    local: Discovered,
    sink: &'s Mutex<Discovered>,
}

impl ParallelVisitor for Collector<'_> {
    fn visit(&mut self, entry: Result<DirEntry, ignore::Error>) -> WalkState {
        collect(self.root, entry, &mut self.local);
        WalkState::Continue
    }
}

impl Drop for Collector<'_> {
    fn drop(&mut self) {
        let mut sink = self.sink.lock().unwrap_or_else(PoisonError::into_inner);
        sink.files.append(&mut self.local.files);
        sink.problems.append(&mut self.local.problems);
    }
}

struct CollectorBuilder<'s> {
    root: &'s Path,
    sink: &'s Mutex<Discovered>,
}

impl<'s> ParallelVisitorBuilder<'s> for CollectorBuilder<'s> {
    fn build(&mut self) -> Box<dyn ParallelVisitor + 's> {
        Box::new(Collector {
            root: self.root,
            local: Discovered::default(),
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
