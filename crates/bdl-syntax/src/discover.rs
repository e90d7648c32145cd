//! Which files to lint: walks directories honouring `.gitignore`, `.ignore`,
//! `.git/info/exclude`, the global git excludes file and hidden files as ripgrep does (see
//! `ignores`); applies `--exclude` globs; keeps explicit file arguments (pre-commit passes
//! them) unless `--force-exclude` is set. Symbolic links met while walking are never followed;
//! a path argument is resolved, as it was named.
//!
//! The walk is bigdata-lint's own; ripgrep's `ignore` crate only matches the globs. That way
//! every ignore file is read like a linted file, through [`crate::read::read_regular`]
//! (regular files only, never more than [`IGNORE_FILE_LIMIT`] bytes), and the walker threads
//! are started so that a thread limit means fewer threads, not a panic ([`on_threads`]).
//!
//! A path argument is walked and shown by one spelling whichever way it was named (`src`,
//! `./src/`, `$PWD/src`, `a/../src`: see [`resolve`]), so that a file has one display path and
//! one fingerprint, and overlapping arguments are deduplicated by what they name.

mod ignores;
mod threads;

use std::collections::HashMap;
use std::ffi::OsStr;
use std::fmt;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};

pub use self::ignores::IGNORE_FILE_LIMIT;
use self::ignores::{Level, Patterns, PatternsBuilder, Present, Problems, Verdict};
pub use self::threads::{Shortfall, on_threads};
use crate::kind::{NameGuess, guess_from_name};
pub use crate::read::NOT_A_REGULAR_FILE;

#[derive(Clone, Debug, Default)]
pub struct DiscoverOptions {
    /// gitignore-style globs (`target/`, `**/generated/**`), relative to `exclude_root`.
    pub excludes: Vec<String>,
    /// The directory exclude globs are relative to: the settings file's directory, or the
    /// working directory when `None`.
    pub exclude_root: Option<PathBuf>,
    /// Apply `excludes` to files named explicitly, too.
    pub force_exclude: bool,
    /// Files and directories, by [`Resolved::identity`], that another run lints: they (and
    /// everything below them) are left out here. Set when path arguments with different
    /// settings overlap, so that every file is linted once.
    pub yield_to: Vec<PathBuf>,
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

impl std::error::Error for DiscoverError {}

/// Why a named file of another kind is not linted.
pub const NOT_A_LINTED_KIND: &str = "skipped: not a file kind bigdata-lint reads (Java, \
     Flink/Hadoop/Spring/Spark configuration, Flink SQL)";

/// The files to lint, sorted by path, and the problems met while walking (unreadable
/// directories, ignore files that could not be used), which the caller reports while the run
/// goes on.
#[derive(Debug, Default)]
pub struct Discovered {
    pub files: Vec<Candidate>,
    pub problems: Vec<(PathBuf, String)>,
    /// Path arguments that gave no file to lint, as named, with the reason.
    pub unlinted: Vec<(PathBuf, String)>,
    /// Walker threads that could not be started.
    pub shortfall: Option<Shortfall>,
}

/// What a walk gave, besides what `visit` did with the files.
#[derive(Debug)]
pub struct Walk<S> {
    /// One state per walker thread that took part, and one for the files named as path
    /// arguments, if any.
    pub states: Vec<S>,
    /// Problems met while walking, by path, sorted.
    pub problems: Vec<(PathBuf, String)>,
    /// Path arguments that gave no file to lint, as named, with the reason, in argument order.
    pub unlinted: Vec<(PathBuf, String)>,
    /// Walker threads that could not be started.
    pub shortfall: Option<Shortfall>,
}

/// The walker threads' states, and the problems met while walking.
pub type Walked<S> = (Vec<S>, Vec<(PathBuf, String)>);

pub fn discover(paths: &[PathBuf], options: &DiscoverOptions) -> Result<Discovered, DiscoverError> {
    discover_with_threads(paths, options, 0)
}

/// [`discover`] with `threads` walker threads for directories: 0 = one per core, 1 = walk on
/// the calling thread. The result does not depend on it. A file reached through several path
/// arguments (`src src/A.java`, a link to a directory and the directory) is listed once: by
/// its real path (no link in it) if it was reached so, else by the smallest of its paths.
pub fn discover_with_threads(
    paths: &[PathBuf],
    options: &DiscoverOptions,
    threads: usize,
) -> Result<Discovered, DiscoverError> {
    let walk = walk_roots(
        paths,
        options,
        threads,
        Vec::new,
        |found: &mut Vec<(PathBuf, Candidate)>, root, candidate| {
            found.push((root.identity_of(&candidate.path), candidate));
        },
    )?;
    let cwd = working_dir();
    let is_real = |identity: &Path, path: &Path| {
        let real = cwd
            .as_deref()
            .and_then(|cwd| identity.strip_prefix(cwd).ok())
            .unwrap_or(identity);
        real == path
    };
    let mut found: Vec<(PathBuf, Candidate)> = walk.states.into_iter().flatten().collect();
    found.sort_by(|a, b| {
        let key = |(identity, c): &(PathBuf, Candidate)| !is_real(identity, &c.path);
        a.0.cmp(&b.0)
            .then_with(|| key(a).cmp(&key(b)))
            .then_with(|| a.1.path.cmp(&b.1.path))
    });
    found.dedup_by(|a, b| a.0 == b.0);
    let mut files: Vec<Candidate> = found.into_iter().map(|(_, c)| c).collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Discovered {
        files,
        problems: walk.problems,
        unlinted: walk.unlinted,
        shortfall: walk.shortfall,
    })
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
    let walk = walk_paths(
        std::slice::from_ref(&root.to_path_buf()),
        options,
        threads,
        init,
        visit,
    )?;
    Ok((walk.states, walk.problems))
}

/// [`visit_each`] over several path arguments, with everything the walk has to report. A file
/// reached through two overlapping arguments is visited twice: use
/// [`discover_with_threads`] for those.
pub fn walk_paths<S: Send>(
    paths: &[PathBuf],
    options: &DiscoverOptions,
    threads: usize,
    init: impl Fn() -> S + Sync,
    visit: impl Fn(&mut S, Candidate) + Sync,
) -> Result<Walk<S>, DiscoverError> {
    walk_roots(paths, options, threads, init, |state, _, candidate| {
        visit(state, candidate);
    })
}

/// The working directory with symbolic links resolved, which [`resolve`] makes paths relative
/// to.
pub fn working_dir() -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    Some(cwd.canonicalize().unwrap_or(cwd))
}

/// A path argument, as it is walked and shown, and what it names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    /// The one spelling of the path: relative to the working directory when it lies below it
    /// (`.` for the working directory itself), else as named, without `.` components and
    /// trailing slashes. `..` and symbolic links of the directories above it are resolved, so
    /// `src`, `./src/`, `$PWD/src` and `a/../src` all become `src`; a symbolic link named as
    /// the last component is kept (`link.java` stays `link.java`).
    pub path: PathBuf,
    /// The path with every symbolic link and `..` resolved: equal for every spelling of a file
    /// or directory, links to it included.
    pub identity: PathBuf,
}

/// Resolves a path argument; `cwd` is [`working_dir`]. A path that cannot be resolved (it does
/// not exist, or the working directory is gone) keeps its spelling.
pub fn resolve(path: &Path, cwd: Option<&Path>) -> Resolved {
    let cleaned = clean(path);
    let resolved = match cleaned.components().next_back() {
        Some(Component::Normal(name)) => {
            let parent = cleaned
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or_else(|| Path::new("."));
            parent.canonicalize().ok().map(|p| p.join(name))
        }
        _ => cleaned.canonicalize().ok(),
    };
    let shown = resolved
        .as_deref()
        .zip(cwd)
        .and_then(|(resolved, cwd)| resolved.strip_prefix(cwd).ok())
        .map(|relative| {
            if relative.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                relative.to_path_buf()
            }
        });
    let identity = cleaned
        .canonicalize()
        .ok()
        .or(resolved)
        .or_else(|| cwd.map(|cwd| cwd.join(&cleaned)))
        .unwrap_or_else(|| cleaned.clone());
    Resolved {
        path: shown.unwrap_or(cleaned),
        identity,
    }
}

/// `path` without `.` components and trailing slashes (`.` if nothing is left).
fn clean(path: &Path) -> PathBuf {
    let cleaned: PathBuf = path
        .components()
        .filter(|c| *c != Component::CurDir)
        .collect();
    if cleaned.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        cleaned
    }
}

/// A path argument being linted.
struct WalkRoot {
    /// As named on the command line, for messages.
    named: PathBuf,
    /// Position among the path arguments.
    index: usize,
    resolved: Resolved,
    /// The rules of the directories above it.
    level: Option<Arc<Level>>,
}

impl WalkRoot {
    /// `path` (below this root) relative to the root.
    fn relative<'p>(&self, path: &'p Path) -> &'p Path {
        if self.resolved.path == Path::new(".") {
            path
        } else {
            path.strip_prefix(&self.resolved.path).unwrap_or(path)
        }
    }

    /// What `path` (below this root, found without following links) names.
    fn identity_of(&self, path: &Path) -> PathBuf {
        let relative = self.relative(path);
        if relative.as_os_str().is_empty() {
            self.resolved.identity.clone()
        } else {
            self.resolved.identity.join(relative)
        }
    }
}

/// What a path argument is.
enum Root {
    /// Nothing to lint there, and why.
    Skip(String),
    /// Another run lints it (see [`DiscoverOptions::yield_to`]).
    Yield,
    File(Candidate),
    /// Not a regular file: reported, never opened.
    Problem(PathBuf, String),
    Dir,
}

/// Walks the path arguments with one set of worker threads, handing each file to lint to
/// `visit` with the state of the thread that found it and the argument it was found under.
fn walk_roots<S: Send>(
    paths: &[PathBuf],
    options: &DiscoverOptions,
    threads: usize,
    init: impl Fn() -> S + Sync,
    visit: impl Fn(&mut S, &WalkRoot, Candidate) + Sync,
) -> Result<Walk<S>, DiscoverError> {
    let excludes = build_excludes(&options.excludes, options.exclude_root.as_deref())?;
    let cwd = std::env::current_dir();
    let canonical_cwd = cwd
        .as_ref()
        .ok()
        .map(|cwd| cwd.canonicalize().unwrap_or_else(|_| cwd.clone()));
    let mut named_files = None;
    let mut problems = Vec::new();
    let mut unlinted: Vec<(usize, PathBuf, String)> = Vec::new();
    let mut dirs = Vec::new();
    for (index, named) in paths.iter().enumerate() {
        let root = WalkRoot {
            named: named.clone(),
            index,
            resolved: resolve(named, canonical_cwd.as_deref()),
            level: None,
        };
        match classify_root(&root, &excludes, options)? {
            Root::Skip(reason) => unlinted.push((index, named.clone(), reason)),
            Root::Yield => {}
            Root::File(candidate) => visit(named_files.get_or_insert_with(&init), &root, candidate),
            Root::Problem(path, message) => problems.push((path, message)),
            Root::Dir => dirs.push(root),
        }
    }
    let mut states: Vec<S> = named_files.into_iter().collect();
    let mut shortfall = None;
    if !dirs.is_empty() {
        let global = ignores::global_excludes(cwd.as_deref().ok(), &mut problems);
        let mut above: HashMap<PathBuf, Option<Arc<Level>>> = HashMap::new();
        for root in &mut dirs {
            // As ripgrep: the ignore files of the directories above the root apply, found from
            // the root with its links resolved.
            let Ok(canonical) = root.resolved.path.canonicalize() else {
                continue;
            };
            let parent = canonical
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default();
            root.level.clone_from(
                above
                    .entry(parent)
                    .or_insert_with(|| ignores::parent_levels(&canonical, &mut problems)),
            );
        }
        let walker = Walker::new(&dirs, &excludes, &options.yield_to, &global, &visit);
        let (locals, short) = on_threads(thread_count(threads), || walker.work(&init));
        shortfall = short;
        // Files visited or left to another run, per directory argument.
        let mut found = vec![0usize; dirs.len()];
        for local in locals {
            states.push(local.state);
            problems.extend(local.problems);
            for (total, n) in found.iter_mut().zip(local.found) {
                *total += n;
            }
        }
        for (root, found) in dirs.iter().zip(found) {
            if found == 0 {
                unlinted.push((root.index, root.named.clone(), nothing_below(&cwd)));
            }
        }
    }
    // Walker threads finish in any order.
    problems.sort();
    problems.dedup();
    unlinted.sort_by_key(|(index, ..)| *index);
    Ok(Walk {
        states,
        problems,
        unlinted: unlinted.into_iter().map(|(_, p, m)| (p, m)).collect(),
        shortfall,
    })
}

/// Why a directory argument gave no file to lint.
fn nothing_below(cwd: &std::io::Result<PathBuf>) -> String {
    let message = "nothing to lint: no file of a kind bigdata-lint reads (Java, \
         Flink/Hadoop/Spring/Spark configuration, Flink SQL) below it, apart from ignored, \
         hidden and excluded ones";
    match cwd {
        Ok(_) => message.to_owned(),
        Err(e) => {
            format!("{message}; the working directory cannot be found ({e}): was it deleted?")
        }
    }
}

/// Walker threads for `threads`: 0 = one per core.
fn thread_count(threads: usize) -> usize {
    if threads == 0 {
        std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
    } else {
        threads
    }
}

fn classify_root(
    root: &WalkRoot,
    excludes: &Excludes,
    options: &DiscoverOptions,
) -> Result<Root, DiscoverError> {
    let path = &root.resolved.path;
    if options.yield_to.contains(&root.resolved.identity) {
        return Ok(Root::Yield);
    }
    let force_excluded = |is_dir| options.force_exclude && is_excluded(excludes, path, is_dir);
    let skip_excluded =
        || Root::Skip("skipped: matches an exclude glob (--force-exclude)".to_owned());
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        // Nothing by that name, not even a broken symbolic link.
        Err(e)
            if e.kind() == std::io::ErrorKind::NotFound
                && std::fs::symlink_metadata(path).is_err() =>
        {
            return Err(DiscoverError::NotFound(root.named.clone()));
        }
        // The name exists but cannot be inspected: a broken or looping symbolic link, a
        // path too long for the system, a parent directory without search permission. A
        // file of a kind bigdata-lint reads is handed on as usual, so that its error is
        // reported for it (an error, as it was named) while the other files are linted.
        Err(e) => {
            if force_excluded(false) {
                return Ok(skip_excluded());
            }
            let guess = guess_from_name(path);
            if guess == NameGuess::Other {
                return Err(DiscoverError::Inaccessible {
                    path: root.named.clone(),
                    message: e.to_string(),
                });
            }
            return Ok(Root::File(Candidate {
                path: path.clone(),
                explicit: true,
                guess,
            }));
        }
    };
    if meta.is_dir() {
        if force_excluded(true) {
            return Ok(skip_excluded());
        }
        // Named, but below an exclude glob (or matching one): every file in it is excluded.
        if is_excluded(excludes, path, true) {
            return Ok(Root::Skip(
                "nothing to lint: it matches an exclude glob".to_owned(),
            ));
        }
        return Ok(Root::Dir);
    }
    if force_excluded(false) {
        return Ok(skip_excluded());
    }
    let guess = guess_from_name(path);
    if guess == NameGuess::Other {
        return Ok(Root::Skip(NOT_A_LINTED_KIND.to_owned()));
    }
    if meta.is_file() {
        Ok(Root::File(Candidate {
            path: path.clone(),
            explicit: true,
            guess,
        }))
    } else {
        // Reading a FIFO blocks until someone writes to it, and a device may never end: such
        // a path is reported, never opened.
        Ok(Root::Problem(path.clone(), NOT_A_REGULAR_FILE.to_owned()))
    }
}

/// Whether `--force-exclude` leaves out a file linted as `path` although it was named (standard
/// input given `--stdin-filename PATH`): the test a named file argument gets, with the same
/// exclude matcher, on the same spelling of the path ([`resolve`]). `path` need not exist and
/// is taken as a file. `false` without `force_exclude`: a named file is then always linted.
pub fn force_excluded(path: &Path, options: &DiscoverOptions) -> Result<bool, DiscoverError> {
    if !options.force_exclude {
        return Ok(false);
    }
    let excludes = ExcludeMatcher::new(&options.excludes, options.exclude_root.as_deref())?;
    Ok(excludes.excludes(path))
}

/// Exclude globs compiled once, for a caller that asks about one path at a time (standard
/// input, the language server's open documents).
pub struct ExcludeMatcher(Excludes);

impl ExcludeMatcher {
    /// `globs` relative to `root` (the working directory when `None`), as in
    /// [`DiscoverOptions`].
    pub fn new(globs: &[String], root: Option<&Path>) -> Result<Self, DiscoverError> {
        build_excludes(globs, root).map(Self)
    }

    /// Whether a file at `path`, or one of its directories below the root, matches a glob,
    /// as for a file named on the command line with `--force-exclude`. `path` need not exist.
    pub fn excludes(&self, path: &Path) -> bool {
        let resolved = resolve(path, working_dir().as_deref());
        is_excluded(&self.0, &resolved.path, false)
    }
}

/// A unit of work of the walk.
enum Work {
    /// A directory to list, with the rules that apply to its entries' parents.
    Dir {
        path: PathBuf,
        root: usize,
        level: Option<Arc<Level>>,
    },
    File {
        root: usize,
        candidate: Candidate,
    },
}

/// The work not taken yet, shared by the walker threads. Taken last in, first out, so the walk
/// goes depth first and the queue stays small.
#[derive(Default)]
struct Queue {
    items: Vec<Work>,
    /// Threads working on an item (which may add more).
    busy: usize,
    /// Threads waiting for an item.
    waiting: usize,
    /// No work is left (or a thread panicked): every thread stops.
    done: bool,
}

/// The walk over the directory arguments: a queue of directories to list and files to visit,
/// worked off by every thread of [`on_threads`].
struct Walker<'w, V> {
    queue: Mutex<Queue>,
    ready: Condvar,
    roots: &'w [WalkRoot],
    excludes: &'w Excludes,
    yield_to: &'w [PathBuf],
    global: &'w Patterns,
    visit: &'w V,
}

/// A walker thread's state and what it met.
struct Local<S> {
    state: S,
    problems: Problems,
    /// Files visited or left to another run ([`DiscoverOptions::yield_to`]), per directory
    /// argument.
    found: Vec<usize>,
}

impl<'w, V> Walker<'w, V> {
    fn new(
        roots: &'w [WalkRoot],
        excludes: &'w Excludes,
        yield_to: &'w [PathBuf],
        global: &'w Patterns,
        visit: &'w V,
    ) -> Self {
        let items = roots
            .iter()
            .enumerate()
            .map(|(root, r)| Work::Dir {
                path: r.resolved.path.clone(),
                root,
                level: r.level.clone(),
            })
            .collect();
        Self {
            queue: Mutex::new(Queue {
                items,
                ..Queue::default()
            }),
            ready: Condvar::new(),
            roots,
            excludes,
            yield_to,
            global,
            visit,
        }
    }

    fn lock(&self) -> MutexGuard<'_, Queue> {
        self.queue.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// One walker thread: takes work until none is left.
    fn work<S>(&self, init: &impl Fn() -> S) -> Local<S>
    where
        V: Fn(&mut S, &WalkRoot, Candidate),
    {
        let mut local = Local {
            state: init(),
            problems: Vec::new(),
            found: vec![0; self.roots.len()],
        };
        let _stop = StopOnPanic(self);
        let mut more = None;
        while let Some(work) = self.exchange(more.take()) {
            more = Some(match work {
                Work::File { root, candidate } => {
                    local.found[root] += 1;
                    (self.visit)(&mut local.state, &self.roots[root], candidate);
                    Vec::new()
                }
                Work::Dir { path, root, level } => {
                    self.list(&path, root, level.as_ref(), &mut local)
                }
            });
        }
        local
    }

    /// Hands in what the last item gave (`None` on the first call) and takes the next item;
    /// `None` when the walk is over.
    fn exchange(&self, finished: Option<Vec<Work>>) -> Option<Work> {
        let mut queue = self.lock();
        if let Some(more) = finished {
            queue.busy -= 1;
            let added = more.len();
            queue.items.extend(more);
            if queue.waiting > 0 && added > 0 {
                if added == 1 {
                    self.ready.notify_one();
                } else {
                    self.ready.notify_all();
                }
            }
        }
        loop {
            if queue.done {
                return None;
            }
            if let Some(work) = queue.items.pop() {
                queue.busy += 1;
                return Some(work);
            }
            if queue.busy == 0 {
                queue.done = true;
                self.ready.notify_all();
                return None;
            }
            queue.waiting += 1;
            queue = self
                .ready
                .wait(queue)
                .unwrap_or_else(PoisonError::into_inner);
            queue.waiting -= 1;
        }
    }

    /// Lists a directory: reads its ignore files, and returns the work for its entries that
    /// are neither ignored, hidden nor excluded: directories, and files of a kind bigdata-lint
    /// reads. Symbolic links and special files are passed over.
    fn list<S>(
        &self,
        dir: &Path,
        root_index: usize,
        parent: Option<&Arc<Level>>,
        local: &mut Local<S>,
    ) -> Vec<Work> {
        let problems = &mut local.problems;
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => {
                problems.push((dir.to_path_buf(), e.to_string()));
                return Vec::new();
            }
        };
        // Children of the working directory are named without `./`, as they are shown.
        let bare = dir == Path::new(".");
        let child = |name: &OsStr| {
            if bare {
                PathBuf::from(name)
            } else {
                dir.join(name)
            }
        };
        let mut present = Present::default();
        let mut listed = Vec::new();
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    problems.push((dir.to_path_buf(), e.to_string()));
                    continue;
                }
            };
            let name = entry.file_name();
            match entry.file_type() {
                Ok(file_type) => {
                    present.note(&name, file_type.is_dir());
                    listed.push((name, file_type));
                }
                Err(e) => problems.push((child(&name), e.to_string())),
            }
        }
        let level = ignores::child_level(parent, dir, present, false, problems);
        let root = &self.roots[root_index];
        let mut work = Vec::new();
        for (name, file_type) in listed {
            let is_dir = file_type.is_dir();
            let path = child(&name);
            let guess = if is_dir {
                None
            } else if file_type.is_file() {
                match guess_from_name(&path) {
                    NameGuess::Other => continue,
                    guess => Some(guess),
                }
            } else {
                continue;
            };
            let hidden = name.as_encoded_bytes().first() == Some(&b'.');
            let skip = match ignores::verdict(level.as_ref(), self.global, &path, is_dir, || {
                root.identity_of(&path)
            }) {
                Verdict::Ignore => true,
                Verdict::Whitelist => false,
                Verdict::None => hidden,
            };
            if skip || is_excluded_entry(self.excludes, &path, is_dir) {
                continue;
            }
            if !self.yield_to.is_empty() && self.yield_to.contains(&root.identity_of(&path)) {
                local.found[root_index] += 1;
                continue;
            }
            work.push(match guess {
                None => Work::Dir {
                    path,
                    root: root_index,
                    level: level.clone(),
                },
                Some(guess) => Work::File {
                    root: root_index,
                    candidate: Candidate {
                        path,
                        explicit: false,
                        guess,
                    },
                },
            });
        }
        work
    }
}

/// Ends the walk for every thread when one panics, so that the others do not wait forever
/// for the work it held.
struct StopOnPanic<'a, 'w, V>(&'a Walker<'w, V>);

impl<V> Drop for StopOnPanic<'_, '_, V> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let mut queue = self.0.lock();
            queue.done = true;
            self.0.ready.notify_all();
        }
    }
}

/// The exclude matcher, its directory, and the working directory relative paths are resolved
/// against.
struct Excludes {
    matcher: Patterns,
    root: PathBuf,
    cwd: PathBuf,
}

fn build_excludes(globs: &[String], root: Option<&Path>) -> Result<Excludes, DiscoverError> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let root = root.map_or_else(|| cwd.clone(), Path::to_path_buf);
    let mut builder = PatternsBuilder::new(&root);
    for glob in globs {
        builder.add_line(glob).map_err(|e| DiscoverError::BadGlob {
            glob: glob.clone(),
            message: e.to_string(),
        })?;
    }
    let matcher = builder.finish().map_err(|e| DiscoverError::BadGlob {
        glob: globs.join(", "),
        message: e.to_string(),
    })?;
    Ok(Excludes { matcher, root, cwd })
}

/// `path` as the exclude globs see it: relative paths are taken from the working directory
/// and made absolute, so that globs relative to a settings file elsewhere still match.
fn excludable<'p>(excludes: &Excludes, path: &'p Path) -> std::borrow::Cow<'p, Path> {
    if path.is_relative() {
        std::borrow::Cow::Owned(excludes.cwd.join(path.strip_prefix("./").unwrap_or(path)))
    } else {
        std::borrow::Cow::Borrowed(path)
    }
}

/// Whether `path` or one of its parent directories matches an exclude glob.
fn is_excluded(excludes: &Excludes, path: &Path, is_dir: bool) -> bool {
    if excludes.matcher.is_empty() {
        return false;
    }
    let path = excludable(excludes, path);
    if excludes.matcher.matched(&path, is_dir) == Verdict::Ignore {
        return true;
    }
    path.ancestors()
        .skip(1)
        .take_while(|p| p.starts_with(&excludes.root) && *p != excludes.root)
        .any(|p| excludes.matcher.matched(p, true) == Verdict::Ignore)
}

/// Whether a walked entry matches an exclude glob. Its parent directories need no check: the
/// walk did not enter an excluded one, and a directory argument that is excluded is not
/// walked.
fn is_excluded_entry(excludes: &Excludes, path: &Path, is_dir: bool) -> bool {
    !excludes.matcher.is_empty()
        && excludes
            .matcher
            .matched(&excludable(excludes, path), is_dir)
            == Verdict::Ignore
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_a_path_resolve_to_one() {
        let cwd = working_dir().expect("working directory");
        let resolved = |p: &str| resolve(Path::new(p), Some(&cwd));
        let src = resolved("src");
        assert_eq!(src.path, Path::new("src"));
        assert_eq!(src.identity, cwd.join("src"));
        for spelling in [
            "./src",
            "src/",
            "src/.",
            "./src/../src",
            "src/discover/../../src",
        ] {
            assert_eq!(resolved(spelling), src, "{spelling}");
        }
        let absolute = cwd.join("src");
        assert_eq!(resolve(&absolute, Some(&cwd)), src);
        assert_eq!(resolved(".").path, Path::new("."));
        assert_eq!(resolved("./").path, Path::new("."));
        assert_eq!(resolved("src/..").path, Path::new("."));
        // Outside the working directory: as named, cleaned.
        let outside = resolve(Path::new("/./definitely-missing/x/"), Some(&cwd));
        assert_eq!(outside.path, Path::new("/definitely-missing/x"));
        // A missing path keeps its spelling.
        assert_eq!(
            resolved("./missing/A.java").path,
            Path::new("missing/A.java")
        );
    }
}
