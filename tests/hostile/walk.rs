//! The walk: threads, ignore and settings files, overlapping path arguments, silence (cases 2, 3, 6, 8 and 12 of round two).

use std::fmt::Write as _;

use super::*;

/// A Java job with one FLK001 finding (on line 2).
const JOB: &str = "import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;\n\
    class Job { void run(StreamExecutionEnvironment env) { env.enableCheckpointing(100); env.getCheckpointConfig().setMinPauseBetweenCheckpoints(30_000); } }\n";

/// The finding of [`JOB`] at `path`, as `Run::findings` shows it.
fn job_finding(path: &str) -> String {
    format!("{path}:2:80: FLK001")
}

// ---------------------------------------------------------------------------------------------
// Case 2: threads that cannot be started.

/// Runs the binary in `dir` where no new thread or process can be started: as an unprivileged
/// user (root is exempt from the limit) whose process limit (`RLIMIT_NPROC`, `ulimit -u`) is
/// 1, which its one process already uses. This is how a container's pids limit looks from
/// inside: `clone` fails with EAGAIN.
#[cfg(target_os = "linux")]
fn without_new_threads(dir: &Path, args: &[&str]) -> Run {
    let mut cmd = no_threads_command(dir);
    cmd.arg(env!("CARGO_BIN_EXE_bigdata-lint")).args(args);
    run(&mut cmd)
}

/// `setpriv … prlimit --nproc=1:1 --`, ready for the program to run; the directory is opened
/// up to the unprivileged user.
#[cfg(target_os = "linux")]
fn no_threads_command(dir: &Path) -> Command {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(dir, fs::Permissions::from_mode(0o755)).expect("chmod");
    let uid = std::process::Command::new("id")
        .arg("-u")
        .output()
        .expect("id runs");
    let as_root = String::from_utf8_lossy(&uid.stdout).trim() == "0";
    for tool in ["prlimit", "setpriv"]
        .iter()
        .take(if as_root { 2 } else { 1 })
    {
        let found = std::process::Command::new(tool)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        assert!(found, "this test needs `{tool}` (util-linux)");
    }
    let mut cmd = if as_root {
        // A user of its own, so that no other process counts against the limit.
        let user = (40_000 + std::process::id() % 20_000).to_string();
        let mut cmd = Command::new("setpriv");
        cmd.args(["--reuid", &user, "--regid", &user, "--clear-groups", "--"])
            .arg("prlimit");
        cmd
    } else {
        Command::new("prlimit")
    };
    cmd.current_dir(dir)
        .env("COLUMNS", "100")
        .env_remove("NO_COLOR")
        .env_remove("GITHUB_STEP_SUMMARY")
        .args(["--nproc=1:1", "--"]);
    cmd
}

#[cfg(target_os = "linux")]
#[test]
fn no_thread_can_be_started_and_the_run_goes_on_alone() {
    let dir = tempdir();
    for sub in ["a", "b", "c"] {
        write(dir.path(), &format!("{sub}/Job.java"), JOB);
    }
    // The limit binds: the shell cannot start the background process.
    let mut probe = no_threads_command(dir.path());
    probe.args(["sh", "-c", "sleep 0 & wait $!"]);
    let probe = run(&mut probe);
    assert_ne!(probe.code, 0, "the process limit does not bind: {probe:?}");

    let expected = [
        job_finding("a/Job.java"),
        job_finding("b/Job.java"),
        job_finding("c/Job.java"),
    ];
    // One directory (the walk), several (the walk, then the lint of the list), one file.
    for args in [&["."][..], &["a", "b", "c"], &["a", "b/Job.java", "c"]] {
        let mut all = vec!["--format", "concise", "--threads", "4"];
        all.extend_from_slice(args);
        let run = without_new_threads(dir.path(), &all);
        assert_eq!(run.code, 1, "{args:?}: {run:?}");
        assert_eq!(run.findings(), expected, "{args:?}: {run:?}");
        assert!(
            run.stderr
                .contains("note: could start only 1 of 4 worker threads (Resource temporarily"),
            "{args:?}: {run:?}"
        );
    }
    // The default thread count (one per core) and `--quiet`, which leaves the note out.
    let run = without_new_threads(dir.path(), &["--format", "concise", "-q", "."]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(run.findings(), expected, "{run:?}");
    assert!(!run.stderr.contains("note:"), "{run:?}");
}

// ---------------------------------------------------------------------------------------------
// Case 3: ignore and settings files that are not regular files, or too large.

/// Ignore files and settings files that are FIFOs are never opened (opening one would wait
/// for a writer forever): each is reported, its rules do not apply, and the run goes on.
#[cfg(unix)]
#[test]
fn fifo_ignore_and_settings_files_are_never_opened() {
    let dir = tempdir();
    write(dir.path(), "Job.java", JOB);
    write(dir.path(), "sub/Job.java", JOB);
    fs::create_dir_all(dir.path().join(".git/info")).expect("mkdir");
    for fifo_path in [
        ".gitignore",
        "sub/.ignore",
        ".git/info/exclude",
        ".bigdata-lint.yaml",
    ] {
        fifo(&dir.path().join(fifo_path));
    }
    let walked = concise(dir.path(), &["."]);
    assert_eq!(walked.code, 1, "{walked:?}");
    assert_eq!(
        walked.findings(),
        [job_finding("Job.java"), job_finding("sub/Job.java")],
        "{walked:?}"
    );
    for ignore_file in [".gitignore", "sub/.ignore", ".git/info/exclude"] {
        assert!(
            walked.stderr.contains(&format!(
                "warning: {ignore_file}: not a regular file (a FIFO, socket or device): skipped \
                 without reading it; its patterns do not apply"
            )),
            "{ignore_file}: {walked:?}"
        );
    }
    assert!(
        walked.stderr.contains(
            "warning: .bigdata-lint.yaml: not a regular file (a FIFO, socket or device): skipped \
             without reading it; settings are looked for further up"
        ),
        "{walked:?}"
    );
    assert!(walked.elapsed < Duration::from_secs(5), "{walked:?}");
    // A FIFO named as the settings file is an error, at once.
    let named = concise(dir.path(), &["--config", ".bigdata-lint.yaml", "."]);
    assert_eq!((named.code, named.stdout.as_str()), (2, ""), "{named:?}");
    assert!(
        named
            .stderr
            .contains("cannot read the settings file: not a regular file"),
        "{named:?}"
    );
}

/// A `.gitignore` that is a link to `/dev/zero` (an endless line), one of 8 MB, and a settings
/// file of 2 MB: none is read; each is reported, the files the ignore files would have ignored
/// are linted, and the settings are looked for further up. The run is capped at 2 GiB of
/// address space, so that a reader without a bound fails fast instead of exhausting the
/// machine.
#[cfg(target_os = "linux")]
#[test]
fn endless_and_huge_gitignore_files_are_not_read() {
    let dir = tempdir();
    write(dir.path(), "zero/Job.java", JOB);
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero/.gitignore")).expect("link");
    write(dir.path(), "huge/Job.java", JOB);
    let mut huge = String::from("Job.java\n");
    let mut i = 0;
    while huge.len() < 8 * 1024 * 1024 {
        let _ = writeln!(huge, "!*x{i}y*");
        i += 1;
    }
    let huge_len = write(dir.path(), "huge/.gitignore", &huge);
    let huge_len = fs::metadata(huge_len).expect("metadata").len();
    // Read, it would turn FLK001 off.
    let settings = format!("select: [HBS]\n{}", "#\n".repeat(1024 * 1024));
    write(dir.path(), ".bigdata-lint.yaml", &settings);
    let mut cmd = Command::new("sh");
    cmd.current_dir(dir.path())
        .args(["-c", "ulimit -v 2097152 && exec \"$0\" \"$@\""])
        .arg(env!("CARGO_BIN_EXE_bigdata-lint"))
        .args(["--format", "concise", "."]);
    let run = run(&mut cmd);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(
        run.findings(),
        [job_finding("huge/Job.java"), job_finding("zero/Job.java")],
        "{run:?}"
    );
    assert!(
        run.stderr.contains(
            "warning: zero/.gitignore: not a regular file (a FIFO, socket or device): skipped"
        ),
        "{run:?}"
    );
    assert!(
        run.stderr.contains(&format!(
            "warning: huge/.gitignore: skipped: {huge_len} bytes is above the 262144-byte limit \
             for ignore files; its patterns do not apply"
        )),
        "{run:?}"
    );
    assert!(
        run.stderr.contains(&format!(
            "warning: .bigdata-lint.yaml: skipped: {} bytes is above the 1048576-byte limit for \
             settings files; settings are looked for further up",
            settings.len()
        )),
        "{run:?}"
    );
    assert!(run.elapsed < Duration::from_secs(5), "{run:?}");
}

/// A small `.gitignore` (30 KB) of thousands of wildcard negations, over 150 paths:
/// matched as one set, its patterns made the regex engine ask for gigabytes (3 GB for one
/// table). It is matched in chunks, its rules still apply (the last matching pattern wins),
/// and the run stays small: it is capped at 2 GiB of address space here.
#[cfg(target_os = "linux")]
#[test]
fn thousands_of_wildcard_patterns_cost_little() {
    let dir = tempdir();
    let mut gitignore = String::from("*.java\n");
    for i in 0..4_000 {
        let _ = writeln!(gitignore, "!*{i}*");
    }
    gitignore.push_str("!Kept.java\n");
    write(dir.path(), ".gitignore", &gitignore);
    write(dir.path(), "Ignored.java", JOB);
    write(dir.path(), "Kept.java", JOB);
    // Long names of digits: each is whitelisted by many patterns, and together they wear out
    // the regex engine's fast path.
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    for _ in 0..150 {
        let name = format!("F{}{}{}.java", rng.next(), rng.next(), rng.next());
        write(dir.path(), &name, "class F {}\n");
    }
    let mut cmd = Command::new("sh");
    cmd.current_dir(dir.path())
        .args(["-c", "ulimit -v 2097152 && exec \"$0\" \"$@\""])
        .arg(env!("CARGO_BIN_EXE_bigdata-lint"))
        .args(["--format", "concise", "."]);
    let run = run(&mut cmd);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(run.findings(), [job_finding("Kept.java")], "{run:?}");
    let files = fs::read_dir(dir.path()).expect("list").count() - 2;
    assert!(
        run.stderr.contains(&format!("in {files} files")),
        "{files} files: {run:?}"
    );
}

/// The rules of ignore files as ripgrep applies them: nested `.gitignore` files, negations,
/// `.ignore` over `.gitignore`, `.git/info/exclude`, a parent directory's `.gitignore` when a
/// subdirectory is named, hidden files (unless whitelisted).
#[test]
fn ignore_files_keep_their_meaning() {
    let dir = tempdir();
    write(
        dir.path(),
        ".gitignore",
        "gen/\n*.tmp.java\n!keep.tmp.java\n",
    );
    write(dir.path(), "gen/Job.java", JOB);
    write(dir.path(), "a.tmp.java", JOB);
    write(dir.path(), "keep.tmp.java", JOB);
    write(dir.path(), "src/.gitignore", "Local.java\n");
    write(dir.path(), "src/Local.java", JOB);
    write(dir.path(), "src/Job.java", JOB);
    write(dir.path(), "src/.ignore", "!Local.java\nOther.java\n");
    write(dir.path(), "src/Other.java", JOB);
    write(dir.path(), ".git/info/exclude", "Excluded.java\n");
    write(dir.path(), "Excluded.java", JOB);
    write(dir.path(), ".hidden/Job.java", JOB);
    write(dir.path(), ".Hidden.java", JOB);
    let walked = concise(dir.path(), &["."]);
    assert_eq!(walked.code, 1, "{walked:?}");
    assert_eq!(
        walked.findings(),
        [
            job_finding("keep.tmp.java"),
            job_finding("src/Job.java"),
            job_finding("src/Local.java"),
        ],
        "{walked:?}"
    );
    // Walked from below the root, the root's `.gitignore` still applies (as ripgrep: its
    // patterns are matched against the absolute path).
    write(dir.path(), "sub/x.tmp.java", JOB);
    let sub = concise(&dir.path().join("sub"), &["."]);
    assert_eq!((sub.code, sub.stdout.as_str()), (0, ""), "{sub:?}");
}

// ---------------------------------------------------------------------------------------------
// Case 6: a thread count beyond reason.

#[test]
fn thread_count_is_capped_with_a_note() {
    let dir = tempdir();
    for sub in ["a", "b"] {
        write(dir.path(), &format!("{sub}/Job.java"), JOB);
    }
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let max = 4 * cores;
    for args in [&["."][..], &["a", "b"]] {
        let mut all = vec!["--threads", "100000"];
        all.extend_from_slice(args);
        let run = concise(dir.path(), &all);
        assert_eq!(run.code, 1, "{run:?}");
        assert_eq!(
            run.findings(),
            [job_finding("a/Job.java"), job_finding("b/Job.java")],
            "{run:?}"
        );
        assert!(
            run.stderr.contains(&format!(
                "note: --threads 100000 is more than 4 per core ({cores} available): using \
                 {max} threads"
            )),
            "{run:?}"
        );
        assert!(run.elapsed < Duration::from_secs(5), "{run:?}");
    }
    let zero = concise(dir.path(), &["--threads", "0", "."]);
    assert_eq!(zero.code, 1, "{zero:?}");
    assert!(
        zero.stderr.contains("note: --threads 0: using 1 thread"),
        "{zero:?}"
    );
    let quiet = concise(dir.path(), &["-q", "--threads", "100000", "."]);
    assert_eq!((quiet.code, quiet.stderr.as_str()), (1, ""), "{quiet:?}");
}

// ---------------------------------------------------------------------------------------------
// Case 8: one file named several ways.

/// `(path, fingerprint)` of every finding of a JSON report.
fn fingerprints(run: &Run) -> Vec<(String, String)> {
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON report");
    report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["path"].as_str().expect("path").to_owned(),
                d["fingerprint"].as_str().expect("fingerprint").to_owned(),
            )
        })
        .collect()
}

#[cfg(unix)]
#[test]
fn a_file_named_several_ways_is_linted_once_under_one_path() {
    let dir = tempdir();
    let root = dir.path().canonicalize().expect("canonical");
    write(&root, "src/Job.java", JOB);
    fs::create_dir(root.join("a")).expect("mkdir");
    std::os::unix::fs::symlink("src", root.join("link")).expect("symlink");
    let json = |args: &[&str]| {
        let run = run(bin(&root).args(["--format", "json"]).args(args));
        assert_eq!(run.code, 1, "{args:?}: {run:?}");
        (fingerprints(&run), run)
    };
    let (alone, _) = json(&["src"]);
    assert_eq!(alone.len(), 1, "{alone:?}");
    assert_eq!(alone[0].0, "src/Job.java");
    let absolute = root.join("src");
    let absolute = absolute.to_str().expect("UTF-8 temp dir");
    let absolute_file = format!("{absolute}/Job.java");
    for args in [
        &[".", "src/Job.java"][..],
        &["src", "./src"],
        &["src", absolute],
        &["a/../src"],
        &["./src/", "src/./Job.java"],
        &[absolute_file.as_str()],
        &["src", "link"],
        &["link/../src"],
    ] {
        let (found, run) = json(args);
        assert_eq!(found, alone, "{args:?}: {run:?}");
    }
}

/// Two path arguments with different settings files that overlap: the file is linted once,
/// with the settings nearest to it.
#[test]
fn overlapping_arguments_with_different_settings_lint_a_file_once() {
    let dir = tempdir();
    write(&dir.path().join("src"), "Top.java", JOB);
    write(&dir.path().join("src/sub"), "Job.java", JOB);
    write(
        &dir.path().join("src/sub"),
        ".bigdata-lint.yaml",
        "severity:\n  FLK001: info\n",
    );
    for args in [
        &["src", "src/sub"][..],
        &["src/sub", "src"],
        &["src/sub/Job.java", "src"],
        &["src", "./src/sub/"],
    ] {
        let run = concise(dir.path(), args);
        assert_eq!(run.code, 1, "{args:?}: {run:?}");
        assert_eq!(
            run.stdout.lines().collect::<Vec<_>>(),
            [
                "src/Top.java:2:80: FLK001 [error] checkpoint interval is 100ms, below 1s: \
                 checkpoints will run back to back",
                "src/sub/Job.java:2:80: FLK001 [info] checkpoint interval is 100ms, below 1s: \
                 checkpoints will run back to back",
            ],
            "{args:?}: {run:?}"
        );
        assert!(!run.stderr.contains("warning"), "{args:?}: {run:?}");
    }
    // An argument whose only file another argument lints is not "nothing to lint".
    write(&dir.path().join("nest/inner"), "Job.java", JOB);
    write(
        &dir.path().join("nest/inner"),
        ".bigdata-lint.yaml",
        "fail-level: error\n",
    );
    let run = concise(dir.path(), &["nest", "nest/inner"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(
        run.findings(),
        [job_finding("nest/inner/Job.java")],
        "{run:?}"
    );
    assert!(!run.stderr.contains("warning"), "{run:?}");
}

// ---------------------------------------------------------------------------------------------
// Case 12: nothing linted, and saying so.

/// The ways a run lints nothing: each says why on stderr, `--quiet` or not, and exits 0.
#[test]
fn a_run_that_lints_nothing_says_why() {
    let dir = tempdir();
    write(dir.path(), "Job.java", JOB);
    write(dir.path(), "notes.txt", "not a job\n");
    write(dir.path(), "ignored/.gitignore", "*\n");
    write(dir.path(), "ignored/Job.java", JOB);
    let kinds = "(Java, Flink/Hadoop/Spring/Spark configuration, Flink SQL)";
    // (arguments, warning, files checked)
    let cases: [(&[&str], String, usize); 6] = [
        (
            &["ignored"],
            format!(
                "warning: ignored: nothing to lint: no file of a kind bigdata-lint reads {kinds}"
            ),
            0,
        ),
        (
            &["notes.txt"],
            format!("warning: notes.txt: skipped: not a file kind bigdata-lint reads {kinds}"),
            0,
        ),
        (
            &["--max-file-size", "0", "Job.java"],
            "warning: no file was linted: 1 file found, 1 above the --max-file-size limit"
                .to_owned(),
            0,
        ),
        (
            &["--select", "BDL001", "."],
            "warning: no rule that inspects files is enabled, only BDL001".to_owned(),
            // Read for suppression comments, which BDL001 checks.
            1,
        ),
        (
            &["--ignore", "ALL", "."],
            "warning: no rule is enabled".to_owned(),
            0,
        ),
        (
            &["--exclude", "Job.java", "--force-exclude", "Job.java"],
            "warning: Job.java: skipped: matches an exclude glob (--force-exclude)".to_owned(),
            0,
        ),
    ];
    for (args, warning, checked) in cases {
        let loud = concise(dir.path(), args);
        assert_eq!(
            (loud.code, loud.stdout.as_str()),
            (0, ""),
            "{args:?}: {loud:?}"
        );
        assert!(loud.stderr.contains(&warning), "{args:?}: {loud:?}");
        let summary = format!("no problems in {checked} file");
        assert!(loud.stderr.contains(&summary), "{args:?}: {loud:?}");
        let mut quiet_args = vec!["-q"];
        quiet_args.extend_from_slice(args);
        let quiet = concise(dir.path(), &quiet_args);
        assert_eq!(
            (quiet.code, quiet.stdout.as_str()),
            (0, ""),
            "{args:?}: {quiet:?}"
        );
        assert!(quiet.stderr.contains(&warning), "{args:?}: {quiet:?}");
        assert!(!quiet.stderr.contains("no problems"), "{args:?}: {quiet:?}");
    }
    // A path that gives nothing beside one that does: the warning, and the findings.
    let mixed = concise(dir.path(), &["notes.txt", "Job.java"]);
    assert_eq!(mixed.code, 1, "{mixed:?}");
    assert!(
        mixed.stderr.contains("warning: notes.txt: skipped: "),
        "{mixed:?}"
    );
    // A path that does not exist is still an error.
    let missing = concise(dir.path(), &["missing.txt"]);
    assert_eq!(missing.code, 2, "{missing:?}");
}

/// The working directory deleted under the run: nothing to lint, and the warning says why.
#[cfg(unix)]
#[test]
fn a_deleted_working_directory_is_named_as_the_reason() {
    let dir = tempdir();
    let mut cmd = Command::new("sh");
    cmd.current_dir(dir.path())
        .args([
            "-c",
            "mkdir gone && cd gone && rmdir ../gone && exec \"$0\" \"$@\"",
        ])
        .arg(env!("CARGO_BIN_EXE_bigdata-lint"))
        .arg("-q");
    let run = run(&mut cmd);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{run:?}");
    assert!(
        run.stderr
            .contains("warning: .: nothing to lint: no file of a kind bigdata-lint reads"),
        "{run:?}"
    );
    assert!(
        run.stderr.contains("the working directory cannot be found"),
        "{run:?}"
    );
}
