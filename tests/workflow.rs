//! Adopting bigdata-lint on a repository: settings files, baselines, CI formats and the exit
//! code controls, through the binary.

mod common;

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn bin(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("bigdata-lint").expect("binary is built");
    cmd.current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("GITHUB_STEP_SUMMARY");
    cmd
}

const JOB: &str = r#"package com.example;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(5000);
        env.getCheckpointConfig().setMinPauseBetweenCheckpoints(2500);
        env.execute("job");
    }

    static void other() {
        System.out.println("unrelated");
    }
}
"#;

/// A small repository: a Flink job with a 5 s interval (warning) and an hdfs-site.xml with
/// replication 2 (info).
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join("src/main/java/com/example");
    std::fs::create_dir_all(&src).expect("mkdir");
    std::fs::write(src.join("Job.java"), JOB).expect("write");
    std::fs::create_dir_all(dir.path().join("conf")).expect("mkdir");
    std::fs::write(
        dir.path().join("conf/hdfs-site.xml"),
        "<configuration>\n  <property>\n    <name>dfs.replication</name>\n    <value>2</value>\n  </property>\n</configuration>\n",
    )
    .expect("write");
    dir
}

fn concise(dir: &Path, args: &[&str]) -> (i32, String) {
    let output = bin(dir)
        .args(["--format", "concise"])
        .args(args)
        .output()
        .expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[test]
fn a_settings_file_typo_exits_2_pointing_at_the_line() {
    let dir = repo();
    std::fs::write(
        dir.path().join(".bigdata-lint.yaml"),
        "# team settings\nselct: [FLK]\n",
    )
    .expect("write");
    bin(dir.path())
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("unknown key `selct`"))
        .stderr(predicate::str::contains("did you mean `select`?"))
        .stderr(predicate::str::contains(".bigdata-lint.yaml:2:1"));
}

#[test]
fn an_unknown_code_in_settings_exits_2_with_a_suggestion() {
    let dir = repo();
    std::fs::write(
        dir.path().join(".bigdata-lint.yaml"),
        "ignore:\n  - FLK0001\n",
    )
    .expect("write");
    // One deletion away from FLK001 and from no other code, whatever rules are added.
    bin(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`FLK0001` matches no rule"))
        .stderr(predicate::str::contains("did you mean `FLK001`?"))
        .stderr(predicate::str::contains(".bigdata-lint.yaml:2:5"));
}

#[test]
fn settings_change_results_as_documented() {
    let dir = repo();
    let (code, out) = concise(dir.path(), &[]);
    assert_eq!(code, 1);
    assert!(
        out.contains("FLK001 [warning]") && out.contains("HDP001 [info]"),
        "{out}"
    );

    // ignore, severity and rule options.
    std::fs::write(
        dir.path().join(".bigdata-lint.yaml"),
        "ignore: [HDP]\nseverity:\n  FLK001: error\nrules:\n  FLK001:\n    min-interval: 30s\n",
    )
    .expect("write");
    let (code, out) = concise(dir.path(), &[]);
    assert_eq!(code, 1);
    assert!(!out.contains("HDP001"), "{out}");
    assert!(
        out.contains("FLK001 [error] checkpoint interval is 5s, below the 30s minimum"),
        "{out}"
    );

    // The command line goes on top: --select replaces the settings' select.
    let (_, out) = concise(dir.path(), &["--select", "HDP001"]);
    assert!(out.contains("HDP001") && !out.contains("FLK001"), "{out}");

    // fail-level: only the info finding is left, below the fail level -> exit 0.
    std::fs::write(
        dir.path().join(".bigdata-lint.yaml"),
        "select: [HDP001]\nfail-level: warning\n",
    )
    .expect("write");
    let (code, out) = concise(dir.path(), &[]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("HDP001 [info]"),
        "findings are still shown: {out}"
    );

    // exclude and per-file-ignores are relative to the settings file.
    std::fs::write(
        dir.path().join(".bigdata-lint.yaml"),
        "exclude: [conf/]\nper-file-ignores:\n  \"src/**/Job.java\": [FLK001]\n",
    )
    .expect("write");
    let (code, out) = concise(&dir.path().join("src"), &[".."]);
    assert_eq!(code, 0, "{out}");

    // --isolated ignores the file.
    let (code, _) = concise(dir.path(), &["--isolated"]);
    assert_eq!(code, 1);
}

#[test]
fn the_nearest_settings_file_wins() {
    let dir = repo();
    std::fs::write(dir.path().join(".bigdata-lint.yaml"), "ignore: [FLK]\n").expect("write");
    std::fs::write(dir.path().join("conf/.bigdata-lint.yml"), "ignore: [HDP]\n").expect("write");
    let (_, out) = concise(dir.path(), &["src", "conf"]);
    assert!(
        out.trim().is_empty(),
        "each path used its nearest file: {out}"
    );
    let (_, out) = concise(
        dir.path(),
        &["--config", "conf/.bigdata-lint.yml", "src", "conf"],
    );
    assert!(out.contains("FLK001") && !out.contains("HDP001"), "{out}");
}

#[test]
fn init_writes_a_valid_starter_and_config_show_prints_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    bin(dir.path()).arg("init").assert().code(0);
    assert!(dir.path().join(".bigdata-lint.yaml").is_file());
    bin(dir.path())
        .arg("init")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
    bin(dir.path())
        .args(["config", "--show"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("exclude: [target/, build/]"))
        .stdout(predicate::str::contains("    min-interval: 10s"));
    bin(dir.path()).assert().code(0);
}

#[test]
fn baseline_round_trip() {
    let dir = repo();
    bin(dir.path())
        .args(["--write-baseline", "baseline.json"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("wrote 2 finding(s)"));
    bin(dir.path())
        .args(["--baseline", "baseline.json"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "baseline: 2 known findings hidden",
        ));

    // Blank lines and reordered methods: still nothing new.
    let job = dir.path().join("src/main/java/com/example/Job.java");
    let (before_main, rest) = JOB.split_once("    public static void main").expect("main");
    let (main_body, other) = rest.split_once("\n\n    static void other").expect("other");
    let reordered = format!(
        "{before_main}\n\n    static void other{}\n\n\n    public static void main{main_body}\n}}\n",
        other.trim_end().trim_end_matches('}').trim_end()
    );
    assert_ne!(reordered, JOB);
    assert!(
        reordered.find("other()") < reordered.find("main("),
        "{reordered}"
    );
    std::fs::write(&job, reordered).expect("write");
    let (code, out) = concise(dir.path(), &["--baseline", "baseline.json"]);
    assert_eq!((code, out.as_str()), (0, ""));

    // A new bad line: exactly one finding.
    let added = std::fs::read_to_string(&job).expect("read").replace(
        "env.execute",
        "env.disableOperatorChaining();\n        env.execute",
    );
    std::fs::write(&job, added).expect("write");
    let (code, out) = concise(dir.path(), &["--baseline", "baseline.json"]);
    assert_eq!(code, 1);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("FLK013"), "{out}");

    // Fixing a baselined finding leaves a stale entry, which is reported.
    std::fs::remove_file(dir.path().join("conf/hdfs-site.xml")).expect("rm");
    bin(dir.path())
        .args(["--baseline", "baseline.json"])
        .assert()
        .stderr(predicate::str::contains(
            "1 baseline entry no longer matches",
        ));
}

#[test]
fn ci_formats_and_statistics() {
    let dir = repo();
    let summary = dir.path().join("summary.md");
    bin(dir.path())
        .args(["--format", "github"])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "::warning file=src/main/java/com/example/Job.java,line=7",
        ))
        .stdout(predicate::str::contains("::notice file=conf/hdfs-site.xml"));
    let text = std::fs::read_to_string(&summary).expect("summary appended");
    assert!(text.contains("FLK001"), "{text}");

    // JUnit lists every linted file, clean ones as passing test cases.
    std::fs::write(dir.path().join("conf/core-site.xml"), "<configuration/>\n").expect("write");
    bin(dir.path())
        .args(["--output-format", "junit"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("<testsuites"))
        .stdout(predicate::str::contains("name=\"conf/core-site.xml\""));
    bin(dir.path())
        .args(["--format", "checkstyle"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("source=\"bigdata-lint.FLK001\""));
    bin(dir.path())
        .arg("--statistics")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "1  FLK001  checkpoint-interval-too-short",
        ))
        .stdout(predicate::str::contains(
            "1  HDP001  dfs-replication-too-low",
        ));
}

#[test]
fn exit_zero_never_hides_errors() {
    let dir = repo();
    bin(dir.path()).arg("--exit-zero").assert().code(0);
    bin(dir.path())
        .args(["--exit-zero", "does-not-exist"])
        .assert()
        .code(2);
    bin(dir.path())
        .args(["--fail-level", "error"])
        .assert()
        .code(0);
    bin(dir.path())
        .args(["--fail-level", "warning"])
        .assert()
        .code(1);
}

#[test]
fn completions_and_man_page_come_from_the_cli_definition() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (shell, marker) in [
        ("bash", "complete"),
        ("zsh", "#compdef"),
        ("fish", "complete -c bigdata-lint"),
    ] {
        bin(dir.path())
            .args(["completions", shell])
            .assert()
            .code(0)
            .stdout(predicate::str::contains(marker))
            .stdout(predicate::str::contains("force-exclude"));
    }
    bin(dir.path())
        .arg("man")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(".TH bigdata-lint"))
        .stdout(predicate::str::contains("force\\-exclude"));
}

#[test]
fn configuration_docs_cover_every_key() {
    let text = std::fs::read_to_string(common::root().join("docs/configuration.md"))
        .expect("docs/configuration.md");
    let documented: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("### `"))
        .filter_map(|l| l.strip_suffix('`'))
        .collect();
    let keys: Vec<&str> = bigdata_lint::settings::KEYS
        .iter()
        .map(|(k, _)| *k)
        .collect();
    assert_eq!(
        documented, keys,
        "docs/configuration.md documents each key, in this order"
    );
}
