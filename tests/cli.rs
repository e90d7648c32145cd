//! The binary from the outside: exit codes, formats, where output goes, determinism.

mod common;

use assert_cmd::Command;
use predicates::prelude::*;

fn bin() -> Command {
    let mut cmd = Command::cargo_bin("bigdata-lint").expect("binary is built");
    cmd.current_dir(common::root()).env_remove("NO_COLOR");
    cmd
}

#[test]
fn findings_exit_1_with_a_summary_on_stderr() {
    bin()
        .args(["--format", "concise", "testdata/FLK001/bad"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(": FLK001 [error] "))
        .stderr(
            predicate::str::is_match(r"^\d+ problems? \(.*\) in \d+ files?\n$").expect("regex"),
        );
}

#[test]
fn clean_input_exits_0() {
    bin()
        .args(["testdata/FLK001/good"])
        .assert()
        .code(0)
        .stdout("")
        .stderr(predicate::str::starts_with("no problems in "));
}

#[test]
fn quiet_prints_findings_only() {
    bin()
        .args(["--quiet", "--format", "concise", "testdata/HDP001/bad"])
        .assert()
        .code(1)
        .stderr("");
}

#[test]
fn usage_errors_exit_2() {
    bin().arg("--no-such-flag").assert().code(2);
    bin().args(["--format", "xml", "."]).assert().code(2);
    bin()
        .args(["--select", "FLK00I", "testdata"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `FLK001`?"));
    bin()
        .args(["--rule-option", "FLK001.min-intervall=5s", "testdata"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("min-interval"));
    bin()
        .args(["does/not/exist"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "does/not/exist: no such file or directory",
        ));
}

#[test]
fn concise_lines_have_the_documented_shape() {
    let output = bin()
        .args(["--format", "concise", "--quiet", "testdata"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8(output.stdout).expect("utf-8");
    let shape = regex_lite(r"^[^:]+:\d+:\d+: [A-Z]{3}\d{3} \[(error|warning|info)\] .+$");
    assert!(stdout.lines().count() > 10);
    for line in stdout.lines() {
        assert!(shape(line), "{line}");
    }
}

/// A tiny matcher for the concise shape, to avoid a regex dependency in tests.
fn regex_lite(_pattern: &str) -> impl Fn(&str) -> bool {
    |line: &str| {
        let mut parts = line.splitn(4, ':');
        let (Some(path), Some(l), Some(c), Some(rest)) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return false;
        };
        let rest = rest.trim_start();
        let code_ok = rest.len() > 7
            && rest[..3].bytes().all(|b| b.is_ascii_uppercase())
            && rest[3..6].bytes().all(|b| b.is_ascii_digit());
        !path.is_empty()
            && l.parse::<u32>().is_ok_and(|n| n >= 1)
            && c.parse::<u32>().is_ok_and(|n| n >= 1)
            && code_ok
            && ["[error] ", "[warning] ", "[info] "]
                .iter()
                .any(|s| rest[7..].starts_with(s))
    }
}

#[test]
fn json_and_sarif_are_valid_json_on_stdout_only() {
    for format in ["json", "sarif"] {
        let output = bin()
            .args(["--format", format, "testdata"])
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(1));
        let value: serde_json::Value =
            serde_json::from_slice(&output.stdout).expect("stdout is one JSON document");
        assert!(value.is_object());
        assert!(String::from_utf8_lossy(&output.stderr).contains("problems"));
    }
}

#[test]
fn output_file_receives_the_report_and_stdout_stays_empty() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("report.sarif");
    bin()
        .args(["--format", "sarif", "--output"])
        .arg(&out)
        .arg("testdata/FLK001/bad")
        .assert()
        .code(1)
        .stdout("");
    let text = std::fs::read_to_string(&out).expect("report written");
    assert!(text.contains("\"FLK001\""));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        1,
        "no temporary file left behind: {leftovers:?}"
    );
}

#[test]
fn output_is_identical_across_runs_and_thread_counts() {
    let run = |threads: &str, format: &str| {
        bin()
            .args(["--threads", threads, "--format", format, "testdata"])
            .output()
            .expect("runs")
            .stdout
    };
    for format in ["concise", "json", "sarif", "human"] {
        let one = run("1", format);
        assert!(!one.is_empty());
        assert_eq!(one, run("2", format), "{format}: 1 vs 2 threads");
        assert_eq!(one, run("4", format), "{format}: 1 vs 4 threads");
        assert_eq!(run("2", format), run("2", format), "{format}: run to run");
    }
}

#[test]
fn human_output_shows_snippet_and_help_without_colour_when_piped() {
    bin()
        .args(["testdata/FLK001/bad/flink-conf.yaml"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "FLK001(checkpoint-interval-too-short)",
        ))
        .stdout(predicate::str::contains("execution.checkpointing.interval"))
        .stdout(predicate::str::contains("help:"))
        .stdout(predicate::str::contains("\u{1b}[").not());
    bin()
        .args(["--color", "always", "testdata/FLK001/bad/flink-conf.yaml"])
        .assert()
        .stdout(predicate::str::contains("\u{1b}["));
}

#[test]
fn select_ignore_and_rule_options_change_results() {
    bin()
        .args([
            "--select",
            "HDP",
            "--format",
            "concise",
            "testdata/FLK001/bad",
        ])
        .assert()
        .code(0);
    bin()
        .args([
            "--ignore",
            // The other checkpoint rules also fire on these intervals.
            "checkpoint-interval-too-short,checkpoint-pacing,checkpoint-zero-failure-tolerance,\
             checkpoint-not-retained,checkpoint-storage-jobmanager,rocksdb-incremental-off,\
             jobmanager-ha-missing",
            "testdata/FLK001/bad",
        ])
        .assert()
        .code(0);
    // With a 1 ms minimum, only the error ladder (below 1 s) remains.
    let output = bin()
        .args([
            "--select",
            "FLK001",
            "--rule-option",
            "FLK001.min-interval=1ms",
            "--format",
            "concise",
            "testdata/FLK001/bad",
        ])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!stdout.contains("[warning]"), "{stdout}");
}

#[test]
fn test_sources_are_skipped_by_flk001_unless_opted_in() {
    let dir = tempfile::tempdir().expect("tempdir");
    let test_dir = dir.path().join("src/test/java");
    std::fs::create_dir_all(&test_dir).expect("mkdir");
    std::fs::write(
        test_dir.join("JobTest.java"),
        "import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;\n\
         class JobTest { void t() { StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();\n\
         env.enableCheckpointing(100); } }\n",
    )
    .expect("write");
    bin().arg(dir.path()).assert().code(0);
    bin()
        .arg("--rule-option")
        .arg("FLK001.lint-test-sources=true")
        .arg(dir.path())
        .assert()
        .code(1);
}

#[test]
fn rules_and_rule_subcommands() {
    bin()
        .arg("rules")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("FLK001"))
        .stdout(predicate::str::contains("HBS001"))
        .stdout(predicate::str::contains("RDS001"))
        .stdout(predicate::str::contains("HDP001"))
        .stdout(predicate::str::contains("FLK002"));
    bin()
        .args(["rule", "FLK001"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with(
            "# FLK001 checkpoint-interval-too-short",
        ))
        .stdout(predicate::str::contains("## Why is this bad?"));
    bin()
        .args(["rule", "checkpoint-interval-to-short"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "did you mean `checkpoint-interval-too-short`?",
        ));
    let output = bin()
        .args(["rules", "--format", "json"])
        .output()
        .expect("runs");
    let list: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    assert!(list.as_array().is_some_and(|a| a.len() >= 6));
}

#[test]
fn explicit_files_are_linted_and_force_exclude_applies_to_them() {
    bin()
        .args([
            "--exclude",
            "testdata/FLK001",
            "testdata/FLK001/bad/flink-conf.yaml",
        ])
        .assert()
        .code(1);
    bin()
        .args([
            "--exclude",
            "testdata/FLK001",
            "--force-exclude",
            "testdata/FLK001/bad/flink-conf.yaml",
        ])
        .assert()
        .code(0);
    bin()
        .args(["--exclude", "FLK001/", "--format", "concise", "testdata"])
        .assert()
        .stdout(predicate::str::contains("testdata/FLK001/").not());
}

#[test]
fn kubernetes_yaml_is_read_only_when_it_holds_a_flink_resource() {
    let dir = tempfile::tempdir().expect("tempdir");
    let k8s = dir.path().join("k8s");
    let templates = dir.path().join("chart/templates");
    std::fs::create_dir_all(&k8s).expect("mkdir");
    std::fs::create_dir_all(&templates).expect("mkdir");
    // A plain Deployment, Helm values and a Helm template that is not valid YAML: none is
    // Flink's, so none is parsed, counted or reported (not even as invalid syntax).
    std::fs::write(
        k8s.join("web.yaml"),
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: [\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("chart/values.yaml"),
        "execution:\n  checkpointing:\n    interval: 1s\n",
    )
    .expect("write");
    std::fs::write(
        templates.join("deployment.yaml"),
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  {{- include \"x\" . | nindent 2 }}\n  name: {{ .Release.Name }}: web\n",
    )
    .expect("write");
    let out = bin()
        .args(["--format", "json"])
        .arg(dir.path())
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let report: serde_json::Value = serde_json::from_slice(&out).expect("json");
    assert_eq!(report["summary"]["files_checked"], 0, "{report}");
    assert_eq!(report["diagnostics"], serde_json::json!([]), "{report}");

    // A FlinkDeployment among them is read, and reported at its line.
    std::fs::write(
        k8s.join("flink-deployment.yaml"),
        "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata:\n  name: orders\n\
         spec:\n  flinkConfiguration:\n    execution.checkpointing.interval: 500ms\n",
    )
    .expect("write");
    let out = bin()
        .args(["--format", "json", "--select", "FLK001,BDL000"])
        .arg(dir.path())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let report: serde_json::Value = serde_json::from_slice(&out).expect("json");
    assert_eq!(report["summary"]["files_checked"], 1, "{report}");
    let diagnostics = report["diagnostics"].as_array().expect("array");
    assert_eq!(diagnostics.len(), 1, "{report}");
    assert_eq!(diagnostics[0]["code"], "FLK001");
    assert_eq!(diagnostics[0]["start"]["line"], 7, "{report}");
}

/// SQL scripts in other dialects are not Flink configuration: a directory holding only a
/// MySQL dump, a Hive job and a PostgreSQL dump is clean, while Flink SQL scripts next to
/// them still get their findings, at the right place.
#[test]
fn sql_scripts_of_other_dialects_are_not_flink_configuration() {
    let good = "testdata/BDL000/good";
    for name in [
        "shop-dump.sql",
        "daily-partitions.sql",
        "billing-schema.sql",
    ] {
        assert!(common::root().join(good).join(name).is_file(), "{name}");
    }
    bin().arg(good).assert().code(0).stdout("");

    let dir = tempfile::tempdir().expect("temp dir");
    for name in [
        "shop-dump.sql",
        "daily-partitions.sql",
        "billing-schema.sql",
    ] {
        std::fs::copy(common::root().join(good).join(name), dir.path().join(name)).expect("copy");
    }
    std::fs::write(
        dir.path().join("checkpoints.sql"),
        "INSERT INTO t SELECT \"it's\" FROM s;\nSET 'execution.checkpointing.interval' = '1s';\n",
    )
    .expect("write");
    std::fs::copy(
        common::root().join("testdata/BDL000/bad/enrich-orders.sql"),
        dir.path().join("enrich-orders.sql"),
    )
    .expect("copy");
    bin()
        .args([
            "--format",
            "concise",
            "--quiet",
            "--select",
            "FLK001,BDL000",
        ])
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::function(|out: &str| {
            let found: Vec<&str> = out
                .lines()
                .map(|l| l.split(" [").next().unwrap_or(l))
                .map(|l| l.rsplit_once(['/', '\\']).map_or(l, |(_, name)| name))
                .collect();
            found
                == [
                    "checkpoints.sql:2:43: FLK001",
                    "enrich-orders.sql:15:40: BDL000",
                ]
        }));
}

/// A finding in a build file points at the `<version>` element in JSON and SARIF, a
/// suppression comment in the pom hides another, and the Flink version comes from the pom the
/// finding is in.
#[test]
fn pom_findings_point_at_their_version_element_in_json_and_sarif() {
    let pom = "testdata/FLK023/bad/maven/pom.xml";
    let out = bin()
        .args(["--format", "json", "--select", "FLK023,BDL001", pom])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let report: serde_json::Value = serde_json::from_slice(&out).expect("json");
    let diagnostics = report["diagnostics"].as_array().expect("array");
    let active: Vec<_> = diagnostics
        .iter()
        .filter(|d| d["suppression"].is_null())
        .map(|d| (d["start"]["line"].as_u64(), d["start"]["column"].as_u64()))
        .collect();
    assert_eq!(
        active,
        [
            (Some(16), Some(18)),
            (Some(30), Some(16)),
            (Some(35), Some(16)),
            (Some(46), Some(16)),
            (Some(52), Some(16))
        ],
        "{report}"
    );
    assert_eq!(diagnostics.len(), 6, "one finding is suppressed: {report}");
    let kafka = &diagnostics[1];
    assert_eq!(kafka["code"], "FLK023");
    assert_eq!(kafka["severity"], "error");
    assert!(
        kafka["message"]
            .as_str()
            .is_some_and(|m| m.contains("flink-connector-kafka 3.0.0-1.17")
                && m.contains(
                    "Flink 2.0.0 (testdata/FLK023/bad/maven/pom.xml: property flink.version"
                )),
        "{kafka}"
    );

    let out = bin()
        .args(["--format", "sarif", "--select", "FLK023", pom])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let sarif: serde_json::Value = serde_json::from_slice(&out).expect("sarif");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    let region = &results[1]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(results[1]["ruleId"], "FLK023");
    assert_eq!(region["startLine"], 30, "{sarif}");
    assert_eq!(region["startColumn"], 16, "{sarif}");
    assert_eq!(region["endColumn"], 26, "{sarif}");
}

/// `--version` names the commit the binary was built from, or the version alone where the
/// source is not a git checkout of this package (a tarball).
#[test]
fn version_prints_the_version_and_the_commit() {
    let output = bin().arg("--version").output().expect("runs");
    assert_eq!(output.status.code(), Some(0));
    let printed = String::from_utf8_lossy(&output.stdout).into_owned();
    let version = env!("CARGO_PKG_VERSION");
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .arg("-C")
            .arg(common::root())
            .args(args)
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
    };
    let checkout = git(&["rev-parse", "--show-toplevel"])
        .and_then(|top| std::path::Path::new(&top).canonicalize().ok())
        .is_some_and(|top| top == common::root());
    if !checkout {
        assert_eq!(printed, format!("bigdata-lint {version}\n"));
        return;
    }
    // The build script reruns when HEAD moves, so the commit is the one checked out now.
    let head = git(&["rev-parse", "HEAD"]).expect("HEAD");
    let date = git(&["log", "-1", "--date=short", "--format=%cd"]).expect("commit date");
    let (hash, printed_date) =
        commit_of_version(&printed).unwrap_or_else(|| panic!("unexpected --version: {printed:?}"));
    assert!(
        printed.starts_with(&format!("bigdata-lint {version} (")),
        "{printed:?}"
    );
    assert!(
        hash.len() >= 7 && head.starts_with(&hash),
        "--version names {hash}, HEAD is {head}"
    );
    assert_eq!(printed_date, date);
}

/// `bigdata-lint X.Y.Z (<hash> <date>)\n` → (hash, date).
fn commit_of_version(text: &str) -> Option<(String, String)> {
    let inner = text.strip_suffix(")\n")?.split_once(" (")?.1;
    let (hash, date) = inner.split_once(' ')?;
    Some((hash.to_owned(), date.to_owned()))
}
