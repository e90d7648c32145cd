//! `--fix`, `--unsafe-fixes`, `--diff`, `--fix-only`, `--show-fixes` and the `fixable` /
//! `unfixable` settings, from the outside: the built binary on temporary copies of files, and
//! the engine with a rule whose fix would break the file.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use bdl_core::{Ctx, Edit, Fix, RuleMeta, Severity, Span, declare_rule};
use bdl_syntax::{JavaFile, Rule};
use bigdata_lint::engine::{self, RunOptions};
use bigdata_lint::fix::{FixMode, FixOptions};
use predicates::prelude::*;

fn bin(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("bigdata-lint").expect("binary is built");
    cmd.current_dir(dir).env_remove("NO_COLOR");
    cmd
}

/// A temporary directory that is a repository root of its own, so that no build file or
/// settings file above it counts.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::create_dir(dir.path().join(".git")).expect("mkdir .git");
    dir
}

/// `testdata/FLK015/bad/flink-1.20/.../ClickSessionJob.java`, copied into `dir`.
fn click_job(dir: &Path) -> (PathBuf, String) {
    let text = fs::read_to_string(common::root().join(
        "testdata/FLK015/bad/flink-1.20/src/main/java/com/example/clicks/ClickSessionJob.java",
    ))
    .expect("fixture");
    let path = dir.join("ClickSessionJob.java");
    fs::write(&path, &text).expect("write");
    (path, text)
}

/// The click job after `--fix` on Flink 1.20: the calls whose method takes a `Duration` since
/// 1.19 rewritten, `ChronoUnit` imported after the last import; the declared `Time` and the
/// constructor that is not known to take a `Duration` left as they are.
fn click_job_fixed(original: &str) -> String {
    let fixed = original
        .replace(
            "import java.util.concurrent.TimeUnit;\n",
            "import java.util.concurrent.TimeUnit;\nimport java.time.temporal.ChronoUnit;\n",
        )
        .replace(
            ".allowedLateness(Time.seconds(30))",
            ".allowedLateness(Duration.ofSeconds(30))",
        )
        .replace(
            "Time.of(10, TimeUnit.MINUTES),",
            "Duration.of(10, ChronoUnit.MINUTES),",
        )
        .replace("Time.minutes(1))) //", "Duration.ofMinutes(1))) //")
        .replace(
            "Time.seconds(10).toMilliseconds()",
            "Duration.ofSeconds(10).toMillis()",
        );
    assert_ne!(fixed, original);
    fixed
}

/// A job whose every use of `Time` has a safe fix on Flink 1.20.
const ALL_SAFE: &str = "package com.example;\n\n\
    import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;\n\
    import org.apache.flink.streaming.api.windowing.time.Time;\n\n\
    class Windows {\n    void run(Stream s) {\n        \
    s.window(TumblingEventTimeWindows.of(Time.minutes(1))).allowedLateness(Time.seconds(5));\n    \
    }\n}\n";

const ALL_SAFE_FIXED: &str = "package com.example;\n\n\
    import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;\n\
    import java.time.Duration;\n\n\
    class Windows {\n    void run(Stream s) {\n        \
    s.window(TumblingEventTimeWindows.of(Duration.ofMinutes(1))).allowedLateness(Duration.ofSeconds(5));\n    \
    }\n}\n";

#[test]
fn fix_rewrites_and_exits_by_the_findings_that_remain() {
    let dir = project();
    let (path, original) = click_job(dir.path());
    bin(dir.path())
        .args(["--select", "FLK015", "--target", "flink=1.20"])
        .args(["--fix", "--format", "concise", "."])
        .assert()
        .code(1)
        .stdout(
            "ClickSessionJob.java:18:26: FLK015 [warning] `SESSION_GAP` is declared as Flink's \
             `Time`, deprecated since Flink 1.19 (the target is 1.20) and removed in 2.0\n\
             ClickSessionJob.java:41:53: FLK015 [warning] `Time.minutes(5)` uses Flink's `Time`, \
             deprecated since Flink 1.19 (the target is 1.20) and removed in 2.0: use \
             `Duration.ofMinutes(5)`; the constructor of `BufferedSink` is not known to take a \
             `Duration`\n",
        )
        .stderr(
            "Fixed 4 findings in 1 file (1 more fix available with --unsafe-fixes)\n\
             2 problems (2 warnings) in 1 file\n",
        );
    assert_eq!(
        fs::read_to_string(&path).expect("read"),
        click_job_fixed(&original)
    );

    // Every finding fixed: exit 0; the `Time` import goes in the second round.
    let job = dir.path().join("Windows.java");
    fs::write(&job, ALL_SAFE).expect("write");
    bin(dir.path())
        .args([
            "--select",
            "FLK015",
            "--target",
            "flink=1.20",
            "--fix",
            "Windows.java",
        ])
        .assert()
        .code(0)
        .stdout("")
        .stderr("Fixed 3 findings in 1 file\nno problems in 1 file\n");
    assert_eq!(fs::read_to_string(&job).expect("read"), ALL_SAFE_FIXED);
    // Fixing again changes nothing.
    bin(dir.path())
        .args([
            "--select",
            "FLK015",
            "--target",
            "flink=1.20",
            "--fix",
            "Windows.java",
        ])
        .assert()
        .code(0)
        .stderr("no problems in 1 file\n");
    assert_eq!(fs::read_to_string(&job).expect("read"), ALL_SAFE_FIXED);
}

#[test]
fn diff_prints_a_unified_diff_and_writes_nothing() {
    let dir = project();
    let job = dir.path().join("Windows.java");
    fs::write(&job, ALL_SAFE).expect("write");
    bin(dir.path())
        .args(["--select", "FLK015", "--target", "flink=1.20", "--diff", "--show-fixes", "."])
        .assert()
        .code(1)
        .stdout(
            "--- a/Windows.java\n+++ b/Windows.java\n@@ -1,10 +1,10 @@\n package com.example;\n \n \
             import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;\n\
             -import org.apache.flink.streaming.api.windowing.time.Time;\n\
             +import java.time.Duration;\n \n class Windows {\n     void run(Stream s) {\n\
             -        s.window(TumblingEventTimeWindows.of(Time.minutes(1))).allowedLateness(Time.seconds(5));\n\
             +        s.window(TumblingEventTimeWindows.of(Duration.ofMinutes(1))).allowedLateness(Duration.ofSeconds(5));\n     \
             }\n }\n",
        )
        .stderr(
            "Would fix 3 findings:\n- Windows.java:\n    3 × FLK015 (deprecated-time-api)\n\
             Would fix 3 findings in 1 file\n",
        );
    assert_eq!(fs::read_to_string(&job).expect("read"), ALL_SAFE);
    // Nothing to change: no diff, exit 0, even with findings left.
    let clean = dir.path().join("Plain.java");
    fs::write(
        &clean,
        "import org.apache.flink.api.common.time.Time;\nclass P { Time t; }\n",
    )
    .expect("write");
    bin(dir.path())
        .args(["--select", "FLK015", "--diff", "Plain.java"])
        .assert()
        .code(0)
        .stdout("")
        .stderr("No fix applies\n");
}

#[test]
fn fix_only_reports_nothing_that_remains() {
    let dir = project();
    let (path, original) = click_job(dir.path());
    bin(dir.path())
        .args([
            "--select",
            "FLK015",
            "--target",
            "flink=1.20",
            "--fix-only",
            ".",
        ])
        .assert()
        .code(0)
        .stdout("")
        .stderr("Fixed 4 findings in 1 file (1 more fix available with --unsafe-fixes)\n");
    assert_eq!(
        fs::read_to_string(&path).expect("read"),
        click_job_fixed(&original)
    );
}

#[test]
fn unsafe_fixes_are_shown_alone_and_applied_with_fix() {
    let dir = project();
    let (path, original) = click_job(dir.path());
    // Alone, it only marks the unsafe fix as available.
    let marked = |unsafe_fixes: bool| {
        let mut cmd = bin(dir.path());
        cmd.args([
            "--select",
            "FLK015",
            "--target",
            "flink=1.20",
            "--format",
            "concise",
        ]);
        if unsafe_fixes {
            cmd.arg("--unsafe-fixes");
        }
        let output = cmd.arg(".").output().expect("runs");
        let stdout = String::from_utf8(output.stdout).expect("UTF-8");
        let stderr = String::from_utf8(output.stderr).expect("UTF-8");
        (stdout.matches("] [*] ").count(), stderr)
    };
    let (safe, stderr) = marked(false);
    assert_eq!(safe, 4);
    assert!(
        stderr.ends_with("[*] 4 fixable with --fix (1 more with --fix --unsafe-fixes)\n"),
        "{stderr}"
    );
    let (all, stderr) = marked(true);
    assert_eq!(all, 5);
    assert!(
        stderr.ends_with("[*] 5 fixable with --fix --unsafe-fixes\n"),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(&path).expect("read"), original);

    bin(dir.path())
        .args(["--select", "FLK015", "--target", "flink=1.20"])
        .args(["--fix", "--unsafe-fixes", "--quiet", "."])
        .assert()
        .code(1);
    let fixed = click_job_fixed(&original).replace(
        "new BufferedSink(flushEvery, Time.minutes(5))",
        "new BufferedSink(flushEvery, Duration.ofMinutes(5))",
    );
    assert_eq!(fs::read_to_string(&path).expect("read"), fixed);
}

#[test]
fn unfixable_in_the_settings_stops_the_fix() {
    let dir = project();
    let job = dir.path().join("Windows.java");
    fs::write(&job, ALL_SAFE).expect("write");
    fs::write(
        dir.path().join(".bigdata-lint.yaml"),
        "select: [FLK015]\nunfixable: [FLK015]\ntarget: {flink: \"1.20\"}\n",
    )
    .expect("write");
    bin(dir.path())
        .args(["--fix", "--format", "concise", "."])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("[*]").not())
        .stderr("2 problems (2 warnings) in 1 file\n");
    assert_eq!(fs::read_to_string(&job).expect("read"), ALL_SAFE);
    let output = bin(dir.path())
        .args(["--format", "json", "."])
        .output()
        .expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert!(
        json["diagnostics"]
            .as_array()
            .is_some_and(|d| d.iter().all(|d| d["fix"].is_null()))
    );
    // A typo in the key or the rule points at the line.
    fs::write(
        dir.path().join(".bigdata-lint.yaml"),
        "unfixable: [FLK0155]\n",
    )
    .expect("write");
    bin(dir.path())
        .args(["--fix", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `FLK015`?"));
}

#[test]
fn per_file_ignores_keep_a_finding_from_being_fixed() {
    let dir = project();
    let job = dir.path().join("Windows.java");
    fs::write(&job, ALL_SAFE).expect("write");
    fs::write(
        dir.path().join(".bigdata-lint.yaml"),
        "per-file-ignores:\n  \"Windows.java\": [FLK015]\n",
    )
    .expect("write");
    bin(dir.path())
        .args(["--select", "FLK015", "--target", "flink=1.20", "--fix", "."])
        .assert()
        .code(0)
        .stderr("no problems in 1 file\n");
    assert_eq!(fs::read_to_string(&job).expect("read"), ALL_SAFE);
}

#[cfg(unix)]
#[test]
fn a_fixed_file_keeps_its_mode_and_a_read_only_one_is_left_alone() {
    use std::os::unix::fs::PermissionsExt;
    let dir = project();
    let job = dir.path().join("Windows.java");
    fs::write(&job, ALL_SAFE).expect("write");
    fs::set_permissions(&job, fs::Permissions::from_mode(0o640)).expect("chmod");
    bin(dir.path())
        .args([
            "--select",
            "FLK015",
            "--target",
            "flink=1.20",
            "--fix",
            "-q",
            ".",
        ])
        .assert()
        .code(0);
    assert_eq!(fs::read_to_string(&job).expect("read"), ALL_SAFE_FIXED);
    let mode = fs::metadata(&job).expect("stat").permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
    // No temporary file is left behind.
    let names: Vec<_> = fs::read_dir(dir.path())
        .expect("read_dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");

    fs::write(&job, ALL_SAFE).expect("write");
    fs::set_permissions(&job, fs::Permissions::from_mode(0o444)).expect("chmod");
    bin(dir.path())
        .args(["--select", "FLK015", "--target", "flink=1.20", "--fix", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "error: Windows.java: not fixed: the file is read-only",
        ))
        // The findings of the file as it is on disk.
        .stderr(predicate::str::contains(
            "2 problems (2 warnings) in 1 file",
        ));
    assert_eq!(fs::read_to_string(&job).expect("read"), ALL_SAFE);
}

#[test]
fn json_and_sarif_carry_the_fix() {
    let dir = project();
    fs::write(dir.path().join("Windows.java"), ALL_SAFE).expect("write");
    let run = |format: &str| -> serde_json::Value {
        let output = bin(dir.path())
            .args([
                "--select",
                "FLK015",
                "--target",
                "flink=1.20",
                "--format",
                format,
                ".",
            ])
            .output()
            .expect("runs");
        serde_json::from_slice(&output.stdout).expect("one JSON document")
    };
    let json = run("json");
    let first = &json["diagnostics"][0];
    assert_eq!(first["code"], "FLK015");
    assert_eq!(first["fix"]["applicability"], "safe");
    assert_eq!(
        first["fix"]["message"],
        "replace it with `Duration.ofMinutes(1)`"
    );
    let edits = first["fix"]["edits"].as_array().expect("edits");
    // In the order of the file: the import, `Time` -> `Duration`, `minutes` -> `ofMinutes`.
    assert_eq!(edits.len(), 3);
    assert_eq!(edits[0]["content"], "\nimport java.time.Duration;");
    assert_eq!(
        edits[0]["start"],
        serde_json::json!({"line": 4, "column": 59})
    );
    assert_eq!(edits[0]["start"], edits[0]["end"]);
    assert_eq!(edits[1]["content"], "Duration");
    assert_eq!(
        edits[1]["span"]["end"]
            .as_u64()
            .zip(edits[1]["span"]["start"].as_u64())
            .map(|(e, s)| e - s),
        Some(4)
    );
    assert_eq!(edits[2]["content"], "ofMinutes");

    let sarif = run("sarif");
    let result = &sarif["runs"][0]["results"][0];
    let fix = &result["fixes"][0];
    assert_eq!(
        fix["description"]["text"],
        "Replace it with `Duration.ofMinutes(1)`."
    );
    assert_eq!(fix["properties"]["applicability"], "safe");
    let change = &fix["artifactChanges"][0];
    assert_eq!(change["artifactLocation"]["uri"], "Windows.java");
    assert_eq!(change["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    let replacements = change["replacements"].as_array().expect("replacements");
    assert_eq!(replacements.len(), 3);
    assert_eq!(replacements[1]["insertedContent"]["text"], "Duration");
    assert_eq!(
        replacements[1]["deletedRegion"],
        serde_json::json!({"startLine": 8, "startColumn": 46, "endLine": 8, "endColumn": 50})
    );
}

declare_rule! {
    /// ## What it does
    /// Proposes, for every `class`, a fix that deletes its opening brace.
    pub BreakingFix {
        code: "TST003",
        name: "breaking-fix",
        summary: "a fix that breaks the file",
        severity: Warning,
        kinds: [Java],
        triggers: ["class"],
        options: [],
        fix: Always,
    }
}

impl Rule for BreakingFix {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        if let Some(brace) = file.text().find('{') {
            let span = Span::new(brace, brace + 1);
            cx.report(Severity::Warning, span, "a brace")
                .help("remove it")
                .fix(Fix::safe("remove the brace", vec![Edit::delete(span)]));
        }
    }
}

static BREAKING_FIX: BreakingFix = BreakingFix;

#[test]
fn a_fix_that_would_break_the_file_is_refused() {
    let dir = project();
    let job = dir.path().join("A.java");
    fs::write(&job, "class A { }\n").expect("write");
    for mode in [FixMode::Write, FixMode::Diff] {
        let options = RunOptions {
            paths: vec![job.clone()],
            fix: FixOptions {
                mode: Some(mode),
                ..FixOptions::default()
            },
            ..RunOptions::default()
        };
        let rules: [&'static dyn Rule; 1] = [&BREAKING_FIX];
        let result = engine::run(&rules, &options).expect("run");
        assert!(result.fixes.is_empty(), "{:?}", result.fixes);
        assert_eq!(result.problems.len(), 1, "{:?}", result.problems);
        assert_eq!(
            result.problems[0].message,
            "not fixed: the fixes would leave 1 syntax error where the file has 0; the file is \
             kept as it is"
        );
        assert!(!result.problems[0].explicit);
        // The finding of the file as it is.
        assert_eq!(result.diagnostics.len(), 1);
        assert_eq!(fs::read_to_string(&job).expect("read"), "class A { }\n");
    }
}

/// FLK016 rewrites `timeWindow(Time.minutes(1))` into `window(TumblingEventTimeWindows.of(..))`
/// and FLK015 then rewrites the `Time` inside it: edits that do not overlap, applied in two
/// rounds, giving code that parses; a second run changes nothing.
#[test]
fn removed_api_and_time_fixes_combine() {
    let dir = project();
    let original = fs::read_to_string(common::root().join(
        "testdata/FLK016/bad/flink-1.20/src/main/java/com/example/jobs/SessionWindowJob.java",
    ))
    .expect("fixture");
    let path = dir.path().join("SessionWindowJob.java");
    fs::write(&path, &original).expect("write");
    let run = || {
        bin(dir.path())
            .args(["--select", "FLK015,FLK016", "--target", "flink=1.20"])
            .args(["--fix", "--quiet", "."])
            .assert()
            .code(0);
    };
    run();
    let want = original
        .replace(
            "import org.apache.flink.configuration.Configuration;",
            "import org.apache.flink.api.common.functions.OpenContext;",
        )
        .replace(
            "import java.time.Duration;",
            "import java.time.Duration;\nimport org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;",
        )
        .replace(
            ".timeWindow(org.apache.flink.streaming.api.windowing.time.Time.minutes(1)) // expect: FLK016",
            ".window(TumblingEventTimeWindows.of(Duration.ofMinutes(1))) // expect: FLK016",
        )
        .replace(
            "public void open(Configuration parameters) { // expect: FLK016",
            "public void open(OpenContext openContext) { // expect: FLK016",
        )
        .replace(
            "getRuntimeContext().getIndexOfThisSubtask()",
            "getRuntimeContext().getTaskInfo().getIndexOfThisSubtask()",
        );
    let fixed = fs::read_to_string(&path).expect("read");
    assert_eq!(fixed, want);
    assert_eq!(
        bdl_syntax::fix::syntax_errors(bdl_core::FileKind::Java, &fixed),
        0
    );
    run();
    assert_eq!(fs::read_to_string(&path).expect("read"), want);
}
