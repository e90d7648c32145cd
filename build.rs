//! Sets `BIGDATA_LINT_VERSION`, the text `--version` prints after the program name: the package
//! version, followed by the commit and its date when the build comes from a git checkout of this
//! package (`0.1.0 (abc1234 2026-12-03)`), or the version alone otherwise (a crates.io or sdist
//! tarball, a Docker context without `.git`, no `git` on PATH).
//!
//! Cargo reruns this script only when the files naming the current commit change: `HEAD` of the
//! worktree, the ref it points to (or, while that ref is only packed, `packed-refs` and the
//! nearest existing folder the loose ref would be written to). Ordinary builds stay fresh.

// A build script speaks to cargo on stdout.
#![allow(clippy::print_stdout)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// Set to `<hash> <YYYY-MM-DD>` to name the commit where no `.git` is at hand (a Docker build
/// context); anything else is ignored.
const COMMIT_ENV: &str = "BIGDATA_LINT_COMMIT";

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed={COMMIT_ENV}");
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());

    let from_env = std::env::var(COMMIT_ENV)
        .ok()
        .filter(|value| valid_commit_text(value));
    let commit = match from_env {
        Some(value) => Some(value),
        None => git_commit(&manifest_dir).map(|found| {
            for path in &found.watch {
                println!("cargo:rerun-if-changed={}", path.display());
            }
            found.text
        }),
    };
    let text = match commit {
        Some(commit) => format!("{version} ({commit})"),
        None => version,
    };
    println!("cargo:rustc-env=BIGDATA_LINT_VERSION={text}");
}

/// What git says about the checkout: `<short hash> <commit date>` and the files that name it.
#[derive(Debug)]
pub struct GitCommit {
    pub text: String,
    pub watch: Vec<PathBuf>,
}

/// `<hash> <YYYY-MM-DD>`: 7 to 40 lowercase hex digits, a space, a date.
pub fn valid_commit_text(text: &str) -> bool {
    let Some((hash, date)) = text.split_once(' ') else {
        return false;
    };
    let hex = (7..=40).contains(&hash.len())
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let mut parts = date.split('-');
    let date_ok = matches!(
        (parts.next(), parts.next(), parts.next(), parts.next()),
        (Some(y), Some(m), Some(d), None) if digits(y, 4) && digits(m, 2) && digits(d, 2)
    );
    hex && date_ok
}

/// The commit of `dir` when `dir` is the top of a git worktree; `None` when it is not (a
/// tarball unpacked inside some other repository must not take that repository's commit), when
/// git is missing or fails.
pub fn git_commit(dir: &Path) -> Option<GitCommit> {
    let top = git(dir, &["rev-parse", "--show-toplevel"])?;
    if !same_dir(Path::new(&top), dir) {
        return None;
    }
    let text = git(
        dir,
        &["log", "-1", "--abbrev=7", "--date=short", "--format=%h %cd"],
    )?;
    if !valid_commit_text(&text) {
        return None;
    }
    let mut watch = Vec::new();
    let head = git_path(dir, "HEAD")?;
    watch.push(head);
    // A branch: its loose ref, or where it would appear, and packed-refs. A detached HEAD holds
    // the hash itself.
    if let Some(reference) = git(dir, &["symbolic-ref", "-q", "HEAD"]) {
        let loose = git_path(dir, &reference)?;
        if loose.is_file() {
            watch.push(loose);
        } else if let Some(folder) = loose.ancestors().skip(1).find(|p| p.is_dir()) {
            watch.push(folder.to_path_buf());
        }
        if let Some(packed) = git_path(dir, "packed-refs").filter(|p| p.is_file()) {
            watch.push(packed);
        }
    }
    Some(GitCommit { text, watch })
}

/// `git rev-parse --git-path NAME` as an absolute path (it resolves worktrees and the common
/// directory: a worktree's `HEAD` is its own, its branches are the main repository's).
fn git_path(dir: &Path, name: &str) -> Option<PathBuf> {
    let path = PathBuf::from(git(dir, &["rev-parse", "--git-path", name])?);
    Some(if path.is_absolute() {
        path
    } else {
        dir.join(path)
    })
}

/// Runs git in `dir` with no inherited repository variables (a build started from a git hook
/// would otherwise read the calling repository), and returns its trimmed, non-empty stdout.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .env_remove("GIT_COMMON_DIR")
        .env_remove("GIT_OBJECT_DIRECTORY")
        .env_remove("GIT_ALTERNATE_OBJECT_DIRECTORIES")
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8(output.stdout).ok()?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

fn same_dir(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
