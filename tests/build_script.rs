//! The build script's reading of git (`build.rs`): which commit `--version` names, and which
//! files make cargo run it again. Exercised on throwaway repositories: a branch, a worktree,
//! packed refs, a detached HEAD, a folder inside another repository, no repository at all.

#[allow(dead_code, unreachable_pub)]
#[path = "../build.rs"]
mod build_script;

use std::path::{Path, PathBuf};
use std::process::Command;

use build_script::{git_commit, valid_commit_text};

/// Runs git in `dir` with no user or system configuration and a fixed commit date.
fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.invalid"])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_COMMITTER_DATE", "2026-01-02T03:04:05Z")
        .env("GIT_AUTHOR_DATE", "2025-06-07T03:04:05Z")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .output()
        .expect("git runs");
    assert!(output.status.success(), "git {args:?}: {output:?}");
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}

/// A repository with one commit on `main`, canonicalised (the build script compares paths).
fn repo() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("repo");
    std::fs::create_dir(&dir).expect("mkdir");
    git(&dir, &["init", "-q"]);
    std::fs::write(dir.join("Cargo.toml"), "[package]\n").expect("write");
    git(&dir, &["add", "Cargo.toml"]);
    git(&dir, &["commit", "-q", "-m", "first"]);
    let dir = dir.canonicalize().expect("canonical");
    (tmp, dir)
}

fn short_head(dir: &Path) -> String {
    git(dir, &["rev-parse", "--short=7", "HEAD"])
}

#[test]
fn commit_text_is_a_hash_and_a_date() {
    assert!(valid_commit_text("abc1234 2026-12-03"));
    assert!(valid_commit_text(&format!("{} 2026-12-03", "a".repeat(40))));
    for bad in [
        "",
        "abc1234",
        "abc123 2026-12-03",
        "ABC1234 2026-12-03",
        "abc1234 2026-12-3",
        "abc1234 26-12-03",
        "abc1234 2026-12-03-01",
        "abc1234  2026-12-03",
        "abc1234 2026-12-03 extra",
        "xyz1234 2026-12-03",
    ] {
        assert!(!valid_commit_text(bad), "{bad:?} accepted");
    }
}

#[test]
fn a_branch_names_its_commit_and_committer_date_and_watches_head_and_the_branch() {
    let (_tmp, dir) = repo();
    let found = git_commit(&dir).expect("a commit");
    let hash = short_head(&dir);
    // The committer date, not the author date.
    assert_eq!(found.text, format!("{hash} 2026-01-02"));
    assert_eq!(
        found.watch,
        vec![dir.join(".git/HEAD"), dir.join(".git/refs/heads/main")]
    );
}

#[test]
fn a_new_commit_is_seen() {
    let (_tmp, dir) = repo();
    let first = git_commit(&dir).expect("a commit").text;
    git(&dir, &["commit", "-q", "--allow-empty", "-m", "second"]);
    let second = git_commit(&dir).expect("a commit").text;
    assert_ne!(first, second);
    assert!(second.starts_with(&short_head(&dir)));
}

#[test]
fn a_worktree_watches_its_own_head_and_the_shared_branch() {
    let (tmp, dir) = repo();
    let wt = tmp.path().join("wt");
    git(
        &dir,
        &[
            "worktree",
            "add",
            "-q",
            "-b",
            "feature",
            wt.to_str().expect("utf-8"),
        ],
    );
    let wt = wt.canonicalize().expect("canonical");
    let found = git_commit(&wt).expect("a commit");
    assert_eq!(found.text, format!("{} 2026-01-02", short_head(&wt)));
    assert_eq!(
        found.watch,
        vec![
            dir.join(".git/worktrees/wt/HEAD"),
            dir.join(".git/refs/heads/feature")
        ]
    );
}

#[test]
fn a_packed_branch_watches_packed_refs_and_the_folder_its_loose_ref_would_go_to() {
    let (_tmp, dir) = repo();
    git(&dir, &["pack-refs", "--all"]);
    assert!(!dir.join(".git/refs/heads/main").exists());
    let found = git_commit(&dir).expect("a commit");
    assert_eq!(
        found.watch,
        vec![
            dir.join(".git/HEAD"),
            dir.join(".git/refs/heads"),
            dir.join(".git/packed-refs")
        ]
    );
}

#[test]
fn a_detached_head_watches_head_only() {
    let (_tmp, dir) = repo();
    let full = git(&dir, &["rev-parse", "HEAD"]);
    git(&dir, &["checkout", "-q", "--detach", &full]);
    let found = git_commit(&dir).expect("a commit");
    assert_eq!(found.watch, vec![dir.join(".git/HEAD")]);
    assert!(full.starts_with(found.text.split(' ').next().expect("hash")));
}

#[test]
fn a_folder_inside_another_repository_is_not_a_checkout_of_the_package() {
    // A source tarball unpacked inside some repository must not take that repository's commit.
    let (_tmp, dir) = repo();
    let unpacked = dir.join("vendor/bigdata-lint-0.1.0");
    std::fs::create_dir_all(&unpacked).expect("mkdir");
    assert!(git_commit(&unpacked).is_none());
}

#[test]
fn no_repository_and_no_commit_give_nothing() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let plain = tmp.path().join("plain");
    std::fs::create_dir(&plain).expect("mkdir");
    assert!(git_commit(&plain).is_none());
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).expect("mkdir");
    git(&empty, &["init", "-q"]);
    assert!(git_commit(&empty).is_none());
}
