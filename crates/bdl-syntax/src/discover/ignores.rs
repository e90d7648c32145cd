//! The ignore rules of a walk, with ripgrep's semantics (the `ignore` crate with `require_git`
//! off, which bigdata-lint used to walk with), but every file read through
//! [`read_regular`]: `.ignore`, `.gitignore` and `.git/info/exclude` in each directory and in
//! the parents of the walked root, and the global git excludes file with the git
//! configuration files that name it.
//!
//! Precedence, as ripgrep: `.ignore` rules before `.gitignore` rules before
//! `.git/info/exclude` rules before the global excludes file; within each, the nearest
//! directory decides, and within a file the last matching pattern (so `!keep.java` after
//! `*.java` keeps it). A hidden name is skipped unless a rule whitelists it.
//!
//! An ignore file that is not a regular file, or is larger than [`IGNORE_FILE_LIMIT`], is not
//! read: it is reported and its patterns do not apply. The patterns of one file are compiled
//! in chunks of at most [`CHUNK_PATTERNS`] patterns and [`CHUNK_BYTES`] bytes, because the
//! regex engine's memory for matching a set of wildcard patterns grows with the square of
//! their number: 2,000 lines such as `!*12*` (16 KB) took 1.9 GB and 15 s to match 10,000
//! paths as one set; in chunks, the cost grows linearly with the file.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ignore::Match;
use ignore::gitignore::{Gitignore, GitignoreBuilder};

use crate::read::{NOT_A_REGULAR_FILE, ReadOutcome, read_regular};

/// The largest ignore file (or git configuration file) read, in bytes: 256 KiB. Real ones
/// are a few kilobytes (GitHub's gitignore templates stay under 10 KB); a larger file is
/// skipped with a warning. The bound is on time as much as memory: at this size, a file of
/// nothing but wildcard negations (`!*123*`, the worst case measured) adds about 0.7 ms per
/// linted path and 30 MB per thread; at 1 MiB it was 3 ms and 100 MB.
pub const IGNORE_FILE_LIMIT: u64 = 256 * 1024;

/// Patterns compiled into one matcher, at most (see the module documentation).
const CHUNK_PATTERNS: usize = 256;
/// Bytes of patterns compiled into one matcher, at most: bounds the size of each automaton.
const CHUNK_BYTES: usize = 16 * 1024;

/// What the rules say about a path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Verdict {
    /// No rule matches.
    None,
    Ignore,
    /// A negated rule (`!keep.java`) matches: the path is kept, even if hidden.
    Whitelist,
}

impl Verdict {
    fn or(self, other: impl FnOnce() -> Self) -> Self {
        match self {
            Self::None => other(),
            decided => decided,
        }
    }
}

/// The patterns of one ignore file (or the exclude globs), matched relative to a directory.
#[derive(Clone, Debug, Default)]
pub(super) struct Patterns {
    chunks: Vec<Gitignore>,
}

impl Patterns {
    pub(super) fn is_empty(&self) -> bool {
        self.chunks.is_empty()
    }

    /// The verdict of the last pattern that matches `path`: the last chunk with a match
    /// decides, and within it `Gitignore` picks the last matching pattern.
    pub(super) fn matched(&self, path: &Path, is_dir: bool) -> Verdict {
        for chunk in self.chunks.iter().rev() {
            match chunk.matched(path, is_dir) {
                Match::None => {}
                Match::Ignore(_) => return Verdict::Ignore,
                Match::Whitelist(_) => return Verdict::Whitelist,
            }
        }
        Verdict::None
    }

    /// The patterns of an ignore file's content, relative to `root`. Lines are read as git's
    /// and ripgrep's readers do: a byte order mark is dropped, a line that does not parse is
    /// left out, and reading stops at the first line that is not UTF-8 (as ripgrep does).
    pub(super) fn parse(root: &Path, bytes: &[u8]) -> Self {
        let mut builder = PatternsBuilder::new(root);
        for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            let Ok(line) = std::str::from_utf8(line) else {
                break;
            };
            let line = if i == 0 {
                line.trim_start_matches('\u{feff}')
            } else {
                line
            };
            // A pattern that does not parse is left out, as git does.
            let _ = builder.add_line(line);
        }
        builder.build()
    }
}

/// Builds [`Patterns`] line by line, in chunks.
pub(super) struct PatternsBuilder {
    root: PathBuf,
    done: Vec<Gitignore>,
    current: GitignoreBuilder,
    patterns: usize,
    bytes: usize,
    /// The first chunk the regex engine refused.
    error: Option<ignore::Error>,
}

impl PatternsBuilder {
    pub(super) fn new(root: &Path) -> Self {
        Self {
            root: root.to_path_buf(),
            done: Vec::new(),
            current: GitignoreBuilder::new(root),
            patterns: 0,
            bytes: 0,
            error: None,
        }
    }

    /// Adds one gitignore line (comments and blank lines add nothing).
    pub(super) fn add_line(&mut self, line: &str) -> Result<(), ignore::Error> {
        self.current.add_line(None, line)?;
        self.patterns += 1;
        self.bytes += line.len();
        if self.patterns >= CHUNK_PATTERNS || self.bytes >= CHUNK_BYTES {
            self.flush();
        }
        Ok(())
    }

    fn flush(&mut self) {
        let builder = std::mem::replace(&mut self.current, GitignoreBuilder::new(&self.root));
        self.patterns = 0;
        self.bytes = 0;
        match builder.build() {
            Ok(chunk) if !chunk.is_empty() => self.done.push(chunk),
            Ok(_) => {}
            Err(e) => {
                self.error.get_or_insert(e);
            }
        }
    }

    /// The patterns; a chunk the regex engine refused (too large an automaton) is left out,
    /// and the other chunks still apply.
    pub(super) fn build(mut self) -> Patterns {
        self.flush();
        Patterns { chunks: self.done }
    }

    /// The patterns, or the error of a chunk the regex engine refused.
    pub(super) fn finish(mut self) -> Result<Patterns, ignore::Error> {
        self.flush();
        match self.error {
            Some(e) => Err(e),
            None => Ok(Patterns { chunks: self.done }),
        }
    }
}

/// The rules of one directory, with those of the directories above it. A directory without
/// ignore files shares its parent's level.
#[derive(Debug)]
pub(super) struct Level {
    parent: Option<Arc<Level>>,
    /// A parent of the walked root: its rules are matched against the path made absolute
    /// (the walked root canonicalized), as ripgrep does.
    above_root: bool,
    ignore: Patterns,
    gitignore: Patterns,
    exclude: Patterns,
}

/// The ignore files a directory listing showed.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Present {
    pub(super) ignore: bool,
    pub(super) gitignore: bool,
    pub(super) git: bool,
}

impl Present {
    /// Notes an entry of a directory listing. A directory named `.gitignore` is no ignore file.
    pub(super) fn note(&mut self, name: &std::ffi::OsStr, is_dir: bool) {
        match name.as_encoded_bytes() {
            b".ignore" => self.ignore |= !is_dir,
            b".gitignore" => self.gitignore |= !is_dir,
            b".git" => self.git = true,
            _ => {}
        }
    }

    fn any(self) -> bool {
        self.ignore || self.gitignore || self.git
    }
}

/// Problems met while reading ignore files: (path, message).
pub(super) type Problems = Vec<(PathBuf, String)>;

/// The level of `dir`, whose listing showed `present`: a new level if it has rules, else its
/// parent's.
pub(super) fn child_level(
    parent: Option<&Arc<Level>>,
    dir: &Path,
    present: Present,
    above_root: bool,
    problems: &mut Problems,
) -> Option<Arc<Level>> {
    if !present.any() {
        return parent.cloned();
    }
    let read = |name: &str, problems: &mut Problems| {
        read_ignore_file(&dir.join(name), problems)
            .map_or_else(Patterns::default, |bytes| Patterns::parse(dir, &bytes))
    };
    let ignore = if present.ignore {
        read(".ignore", problems)
    } else {
        Patterns::default()
    };
    let gitignore = if present.gitignore {
        read(".gitignore", problems)
    } else {
        Patterns::default()
    };
    let exclude = if present.git {
        git_exclude(dir, problems)
    } else {
        Patterns::default()
    };
    if ignore.is_empty() && gitignore.is_empty() && exclude.is_empty() {
        return parent.cloned();
    }
    Some(Arc::new(Level {
        parent: parent.cloned(),
        above_root,
        ignore,
        gitignore,
        exclude,
    }))
}

/// The levels of the directories above a walked root, from `/` down to the root's parent
/// (`canonical` is the root canonicalized). Their ignore files are found by trying to read
/// them, not from a listing.
pub(super) fn parent_levels(canonical: &Path, problems: &mut Problems) -> Option<Arc<Level>> {
    let mut ancestors: Vec<&Path> = canonical.ancestors().skip(1).collect();
    ancestors.reverse();
    let mut level = None;
    for dir in ancestors {
        let present = Present {
            ignore: true,
            gitignore: true,
            git: true,
        };
        level = child_level(level.as_ref(), dir, present, true, problems);
    }
    level
}

/// Whether `path` is ignored, whitelisted or neither, by the levels from `level` up and the
/// global excludes. `absolute` gives the path for the levels above the walked root; it is
/// called once at most, and only if such a level has rules.
pub(super) fn verdict(
    level: Option<&Arc<Level>>,
    global: &Patterns,
    path: &Path,
    is_dir: bool,
    absolute: impl Fn() -> PathBuf,
) -> Verdict {
    let mut absolute_path: Option<PathBuf> = None;
    let (mut ignore, mut gitignore, mut exclude) = (Verdict::None, Verdict::None, Verdict::None);
    let mut next = level;
    while let Some(level) = next {
        let path: &Path = if level.above_root {
            absolute_path.get_or_insert_with(&absolute)
        } else {
            path
        };
        if ignore == Verdict::None {
            ignore = level.ignore.matched(path, is_dir);
        }
        if gitignore == Verdict::None {
            gitignore = level.gitignore.matched(path, is_dir);
        }
        if exclude == Verdict::None {
            exclude = level.exclude.matched(path, is_dir);
        }
        next = level.parent.as_ref();
    }
    ignore
        .or(|| gitignore)
        .or(|| exclude)
        .or(|| global.matched(path, is_dir))
}

/// Reads an ignore file; `None` if it does not exist, or (reported in `problems`) cannot be
/// used.
fn read_ignore_file(path: &Path, problems: &mut Problems) -> Option<Vec<u8>> {
    read_steering_file(path, true, problems)
}

/// Reads a file of the user's git setup (a git configuration file, the global excludes file):
/// as ripgrep, one that cannot be read is passed over in silence (it may be another user's
/// home); one that is not a regular file or is too large is still reported.
fn read_git_setup_file(path: &Path, problems: &mut Problems) -> Option<Vec<u8>> {
    read_steering_file(path, false, problems)
}

/// Reads a file that steers the walk; `report_errors`: whether an I/O error is reported.
fn read_steering_file(
    path: &Path,
    report_errors: bool,
    problems: &mut Problems,
) -> Option<Vec<u8>> {
    let problem = match read_regular(path, IGNORE_FILE_LIMIT) {
        Ok(ReadOutcome::Bytes(bytes)) => return Some(bytes),
        Ok(ReadOutcome::TooLarge { size: Some(size) }) => format!(
            "skipped: {size} bytes is above the {IGNORE_FILE_LIMIT}-byte limit for ignore files; \
             its patterns do not apply"
        ),
        Ok(ReadOutcome::TooLarge { size: None }) => format!(
            "skipped: more than {IGNORE_FILE_LIMIT} bytes, above the limit for ignore files; its \
             patterns do not apply"
        ),
        // `read_regular` follows links, so `Link` does not occur; were it to, it is not read.
        Ok(ReadOutcome::NotRegular | ReadOutcome::Link) => {
            format!("{NOT_A_REGULAR_FILE}; its patterns do not apply")
        }
        Err(e) if is_absent(&e) || !report_errors => return None,
        Err(e) => format!("{e}; its patterns do not apply"),
    };
    problems.push((path.to_path_buf(), problem));
    None
}

/// A file that is not there: nothing to report.
fn is_absent(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
    )
}

/// The first line of a small file that git itself writes (`.git` of a worktree, `commondir`).
fn first_line(path: &Path, problems: &mut Problems) -> Option<String> {
    let bytes = read_ignore_file(path, problems)?;
    let line = bytes.split(|&b| b == b'\n').next()?;
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    String::from_utf8(line.to_vec()).ok()
}

/// The patterns of `dir/.git/info/exclude`, where `.git` is the repository or, in a worktree
/// (`.git` is a file `gitdir: …`), through the worktree's `commondir`, as ripgrep finds it.
fn git_exclude(dir: &Path, problems: &mut Problems) -> Patterns {
    let dot_git = dir.join(".git");
    let git_dir = match std::fs::metadata(&dot_git) {
        Ok(meta) if meta.is_file() => {
            let Some(real) = first_line(&dot_git, problems)
                .and_then(|line| line.strip_prefix("gitdir: ").map(PathBuf::from))
            else {
                return Patterns::default();
            };
            let real = dir.join(real);
            // Without a `commondir` (a submodule), ripgrep reads no exclude file.
            let Some(common) = first_line(&real.join("commondir"), problems) else {
                return Patterns::default();
            };
            real.join(common)
        }
        Ok(_) => dot_git,
        Err(_) => return Patterns::default(),
    };
    read_ignore_file(&git_dir.join("info/exclude"), problems)
        .map_or_else(Patterns::default, |bytes| Patterns::parse(dir, &bytes))
}

/// The global git excludes file (`core.excludesFile`, else `$XDG_CONFIG_HOME/git/ignore` or
/// `~/.config/git/ignore`), matched relative to the working directory, as ripgrep does. Without
/// a working directory there are no global rules.
pub(super) fn global_excludes(cwd: Option<&Path>, problems: &mut Problems) -> Patterns {
    let Some(cwd) = cwd else {
        return Patterns::default();
    };
    let Some(path) = excludes_file_path(problems) else {
        return Patterns::default();
    };
    read_git_setup_file(&path, problems)
        .map_or_else(Patterns::default, |bytes| Patterns::parse(cwd, &bytes))
}

/// Where git's global excludes file is, looked up as ripgrep does: `core.excludesFile` in
/// `$GIT_CONFIG_GLOBAL`, `~/.gitconfig`, `$XDG_CONFIG_HOME/git/config` (or
/// `~/.config/git/config`), `$GIT_CONFIG_SYSTEM` (or `/etc/gitconfig`), in this order; else the
/// default location.
fn excludes_file_path(problems: &mut Problems) -> Option<PathBuf> {
    let home = home_dir();
    let non_empty = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    let xdg = non_empty("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| home.as_ref().map(|h| h.join(".config")));
    let configs = [
        non_empty("GIT_CONFIG_GLOBAL").map(PathBuf::from),
        home.as_ref().map(|h| h.join(".gitconfig")),
        xdg.as_ref().map(|x| x.join("git/config")),
        Some(non_empty("GIT_CONFIG_SYSTEM").map_or_else(|| "/etc/gitconfig".into(), PathBuf::from)),
    ];
    for config in configs.into_iter().flatten() {
        if let Some(bytes) = read_git_setup_file(&config, problems)
            && let Some(path) = parse_excludes_file(&bytes, home.as_deref())
        {
            return Some(path);
        }
    }
    xdg.map(|x| x.join("git/ignore"))
}

/// The first `excludesfile = PATH` line of a git configuration file (any section, any case, the
/// value optionally quoted, `~` expanded), as ripgrep reads it.
fn parse_excludes_file(config: &[u8], home: Option<&Path>) -> Option<PathBuf> {
    const KEY: &[u8] = b"excludesfile";
    config.split(|&b| b == b'\n').find_map(|line| {
        let line = line.trim_ascii_start();
        let key = line.get(..KEY.len())?;
        if !key.eq_ignore_ascii_case(KEY) {
            return None;
        }
        let rest = line[KEY.len()..].trim_ascii_start().strip_prefix(b"=")?;
        let rest = rest.trim_ascii_start();
        let rest = rest.strip_prefix(b"\"").unwrap_or(rest).trim_ascii();
        let value = rest.strip_suffix(b"\"").unwrap_or(rest).trim_ascii_end();
        if value.is_empty() || value.iter().any(u8::is_ascii_whitespace) {
            return None;
        }
        let value = std::str::from_utf8(value).ok()?;
        Some(PathBuf::from(match home {
            Some(home) => value.replace('~', &home.to_string_lossy()),
            None => value.to_owned(),
        }))
    })
}

fn home_dir() -> Option<PathBuf> {
    std::env::home_dir()
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;

    fn patterns(text: &str) -> Patterns {
        Patterns::parse(Path::new("/r"), text.as_bytes())
    }

    #[test]
    fn the_last_matching_pattern_decides_across_chunks() {
        // More lines than one chunk holds, with the negation in a later chunk.
        let mut text = String::from("*.java\n");
        for i in 0..(3 * CHUNK_PATTERNS) {
            let _ = writeln!(text, "unrelated{i}/");
        }
        text.push_str("!Keep.java\n");
        let p = patterns(&text);
        assert!(p.chunks.len() > 1, "{}", p.chunks.len());
        assert_eq!(
            p.matched(Path::new("/r/a/Job.java"), false),
            Verdict::Ignore
        );
        assert_eq!(
            p.matched(Path::new("/r/a/Keep.java"), false),
            Verdict::Whitelist
        );
        assert_eq!(p.matched(Path::new("/r/a/x.yaml"), false), Verdict::None);
        // Directory-only patterns do not match files.
        assert_eq!(p.matched(Path::new("/r/unrelated7"), false), Verdict::None);
        assert_eq!(p.matched(Path::new("/r/unrelated7"), true), Verdict::Ignore);
    }

    #[test]
    fn lines_are_read_as_ripgrep_reads_them() {
        let p = patterns("\u{feff}a.java\r\n# comment\n\nb.java\n[\n");
        assert_eq!(p.matched(Path::new("/r/a.java"), false), Verdict::Ignore);
        assert_eq!(p.matched(Path::new("/r/b.java"), false), Verdict::Ignore);
        // Reading stops at a line that is not UTF-8.
        let p = Patterns::parse(Path::new("/r"), b"a.java\n\xff\nb.java\n");
        assert_eq!(p.matched(Path::new("/r/a.java"), false), Verdict::Ignore);
        assert_eq!(p.matched(Path::new("/r/b.java"), false), Verdict::None);
    }

    #[test]
    fn excludes_file_setting() {
        let home = Path::new("/home/u");
        let parse = |text: &str| parse_excludes_file(text.as_bytes(), Some(home));
        assert_eq!(
            parse("[core]\n\texcludesFile = ~/.gitignore_global\n"),
            Some(PathBuf::from("/home/u/.gitignore_global"))
        );
        assert_eq!(
            parse("[core]\n  excludesfile=\"/etc/ignore\"  \n"),
            Some(PathBuf::from("/etc/ignore"))
        );
        assert_eq!(parse("[core]\n excludesfile = a b\n"), None);
        assert_eq!(parse("[user]\n name = x\n"), None);
    }
}
