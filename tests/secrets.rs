//! A secret a finding is about never reaches any output: not the report in any format, not the
//! GitHub step summary, not an `--output` file, not a baseline. Run through the binary on a
//! small repository whose Redis password is `s3cr3t`.

use std::path::Path;

use assert_cmd::Command;

/// The secret of every file below; no output may contain it.
const SECRET: &str = "s3cr3t";

const SINK: &str = r#"package com.example;

import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

public class RedisSink {
    private transient JedisPool pool;

    public void open() {
        pool = new JedisPool(new JedisPoolConfig(), "10.0.0.5", 6379, 2000, "s3cr3t");
    }
}
"#;

/// A Flink configuration whose checkpoint interval (FLK001) sits right above a secret.
const FLINK_CONF: &str =
    "execution.checkpointing.interval: 1s\ns3.secret-key: s3cr3t-minio\ns3.access-key: minio\n";

const FORMATS: &[&str] = &[
    "human",
    "concise",
    "json",
    "sarif",
    "github",
    "junit",
    "checkstyle",
];

fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join("src/main/java/com/example");
    std::fs::create_dir_all(&src).expect("mkdir");
    std::fs::write(src.join("RedisSink.java"), SINK).expect("write");
    std::fs::create_dir_all(dir.path().join("conf")).expect("mkdir");
    std::fs::write(dir.path().join("conf/flink-conf.yaml"), FLINK_CONF).expect("write");
    dir
}

fn bin(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("bigdata-lint").expect("binary is built");
    cmd.current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("GITHUB_STEP_SUMMARY");
    cmd
}

/// Runs the binary in `dir` and returns stdout and stderr together.
fn run(dir: &Path, args: &[&str]) -> String {
    let output = bin(dir).args(args).output().expect("runs");
    assert_eq!(output.status.code(), Some(1), "{args:?}: findings exit 1");
    let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&output.stderr));
    text
}

#[test]
fn no_output_format_shows_the_secret() {
    let dir = repo();
    for format in FORMATS {
        for color in ["never", "always"] {
            let out = run(dir.path(), &["--format", format, "--color", color]);
            assert!(!out.contains(SECRET), "{format}, colour {color}:\n{out}");
            assert!(
                out.contains("SEC001"),
                "{format}: the finding is there:\n{out}"
            );
            assert!(
                out.contains("RDS007"),
                "{format}: so is the endpoint:\n{out}"
            );
            assert!(out.contains("FLK001"), "{format}: and the interval:\n{out}");
        }
    }
    // The human excerpt shows the line with the password masked, the rest as written.
    let out = run(dir.path(), &["--format", "human"]);
    assert!(
        out.contains(r#"new JedisPool(new JedisPoolConfig(), "10.0.0.5", 6379, 2000, "******")"#),
        "{out}"
    );
    assert!(out.contains("s3.secret-key: ************"), "{out}");
}

#[test]
fn excerpts_mask_secrets_even_when_the_secret_rule_is_not_selected() {
    let dir = repo();
    for args in [
        &["--select", "FLK001,RDS007"][..],
        &["--ignore", "SEC001"][..],
        &["--select", "RDS007", "src"][..],
    ] {
        let mut all = vec!["--format", "human"];
        all.extend_from_slice(args);
        let out = run(dir.path(), &all);
        assert!(!out.contains(SECRET), "{args:?}:\n{out}");
        assert!(!out.contains("SEC001"), "{args:?}: not reported:\n{out}");
    }
    // A test source, which SEC001 skips, is masked in another rule's excerpt all the same.
    let test_dir = dir.path().join("src/test/java/com/example");
    std::fs::create_dir_all(&test_dir).expect("mkdir");
    std::fs::write(
        test_dir.join("RedisSinkTest.java"),
        SINK.replace("class RedisSink", "class RedisSinkTest"),
    )
    .expect("write");
    let out = run(
        dir.path(),
        &[
            "--format",
            "human",
            "--select",
            "RDS007",
            "--rule-option",
            "RDS007.lint-test-sources=true",
            "src/test",
        ],
    );
    assert!(out.contains("RDS007"), "{out}");
    assert!(!out.contains(SECRET), "{out}");
}

#[test]
fn step_summary_output_file_and_statistics_never_hold_the_secret() {
    let dir = repo();
    let summary = dir.path().join("summary.md");
    let output = bin(dir.path())
        .args(["--format", "github"])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let text = std::fs::read_to_string(&summary).expect("summary written");
    assert!(text.contains("SEC001") && !text.contains(SECRET), "{text}");

    for format in FORMATS {
        let report = dir.path().join(format!("report.{format}"));
        let report_arg = report.to_string_lossy().into_owned();
        let out = run(
            dir.path(),
            &["--format", format, "--output", &report_arg, "src", "conf"],
        );
        assert!(!out.contains(SECRET), "{format}: {out}");
        let text = std::fs::read_to_string(&report).expect("report written");
        assert!(
            text.contains("SEC001") && !text.contains(SECRET),
            "{format}: {text}"
        );
    }

    let out = run(dir.path(), &["--statistics"]);
    assert!(out.contains("SEC001") && !out.contains(SECRET), "{out}");
}

#[test]
fn the_baseline_never_holds_the_secret_and_still_matches() {
    let dir = repo();
    bin(dir.path())
        .args(["--write-baseline", "baseline.json"])
        .assert()
        .code(0);
    let text = std::fs::read_to_string(dir.path().join("baseline.json")).expect("baseline");
    assert!(text.contains("SEC001"), "{text}");
    assert!(!text.contains(SECRET), "{text}");
    bin(dir.path())
        .args(["--baseline", "baseline.json"])
        .assert()
        .code(0);
    // A rotated secret, still a literal, is the same finding: the fingerprint never saw it.
    let job = dir.path().join("src/main/java/com/example/RedisSink.java");
    std::fs::write(&job, SINK.replace("\"s3cr3t\"", "\"an0ther-literal\"")).expect("write");
    bin(dir.path())
        .args(["--baseline", "baseline.json"])
        .assert()
        .code(0);
}
