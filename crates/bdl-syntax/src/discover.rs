//! Which files to lint: walks directories with the `ignore` crate (ripgrep's walker), which
//! honours `.gitignore`, `.ignore` and hidden files; applies `--exclude` globs; keeps explicit
//! file arguments (pre-commit passes them) unless `--force-exclude` is set.

use std::fmt;
use std::path::{Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use ignore::{Match, WalkBuilder};

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
    /// An `--exclude` glob that does not parse.
    BadGlob { glob: String, message: String },
}

impl fmt::Display for DiscoverError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotFound(p) => write!(f, "{}: no such file or directory", p.display()),
            Self::BadGlob { glob, message } => write!(f, "invalid --exclude `{glob}`: {message}"),
        }
    }
}

impl std::error::Error for DiscoverError {}

/// The files to lint, sorted by path, and the problems met while walking (unreadable
/// directories and the like), which the caller reports while the run goes on.
#[derive(Debug, Default)]
pub struct Discovered {
    pub files: Vec<Candidate>,
    pub problems: Vec<(PathBuf, String)>,
}

pub fn discover(paths: &[PathBuf], options: &DiscoverOptions) -> Result<Discovered, DiscoverError> {
    let excludes = build_excludes(&options.excludes, options.exclude_root.as_deref())?;
    let mut found = Discovered::default();
    for root in paths {
        let meta = std::fs::metadata(root).map_err(|_| DiscoverError::NotFound(root.clone()))?;
        if meta.is_file() {
            if options.force_exclude && is_excluded(&excludes, root, false) {
                continue;
            }
            let guess = guess_from_name(root);
            if guess != NameGuess::Other {
                found.files.push(Candidate {
                    path: root.clone(),
                    explicit: true,
                    guess,
                });
            }
            continue;
        }
        if options.force_exclude && is_excluded(&excludes, root, true) {
            continue;
        }
        walk(root, &excludes, &mut found);
    }
    found.files.sort_by(|a, b| a.path.cmp(&b.path));
    found.files.dedup_by(|a, b| a.path == b.path);
    Ok(found)
}

fn walk(root: &Path, excludes: &Excludes, found: &mut Discovered) {
    let excludes_for_filter = excludes.clone();
    let walker = WalkBuilder::new(root)
        .require_git(false)
        .follow_links(false)
        .filter_entry(move |entry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            entry.depth() == 0 || !is_excluded(&excludes_for_filter, entry.path(), is_dir)
        })
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                if !entry.file_type().is_some_and(|t| t.is_file()) {
                    continue;
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
