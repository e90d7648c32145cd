//! Upgrading a Flink 1.17 job to Flink 2.0, end to end, with the built binary: the job of
//! `tests/javac/partial/order-totals` (also compiled before and after fixing by
//! `scripts/javac-fixes.sh`) and its `flink-conf.yaml`, with the target set to 2.0 in the
//! project's settings file.
//!
//! The first run lists every removed use with its replacement; `--diff` shows the change and
//! writes nothing; `--fix --unsafe-fixes` rewrites the mechanical ones; the second run reports
//! exactly the changes a person has to make; `migrate-config` turns the legacy file into a
//! `config.yaml` that the linter reads with the same settings.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use assert_cmd::Command;

const JOB: &str = "src/main/java/com/example/orders/OrderTotalsJob.java";
const CONF: &str = "conf/flink-conf.yaml";

fn bin(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("bigdata-lint").expect("binary is built");
    cmd.current_dir(dir).env_remove("NO_COLOR");
    cmd
}

/// A copy of the job's project in a temporary repository root of its own.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::create_dir(dir.path().join(".git")).expect("mkdir .git");
    let source = common::root().join("tests/javac/partial/order-totals");
    for file in [JOB, CONF, ".bigdata-lint.yaml"] {
        let to = dir.path().join(file);
        fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
        fs::copy(source.join(file), &to).expect("copy");
    }
    dir
}

/// `(path, line, code)` of every finding of the migration rules, from the JSON report.
fn migration_findings(dir: &Path) -> BTreeSet<(String, u64, String)> {
    let out = bin(dir)
        .args([
            "--format",
            "json",
            "--select",
            "FLK015,FLK016,FLK018,FLK019,FLK020",
            ".",
        ])
        .output()
        .expect("run");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["path"].as_str().expect("path").to_owned(),
                d["start"]["line"].as_u64().expect("line"),
                d["code"].as_str().expect("code").to_owned(),
            )
        })
        .collect()
}

fn set(items: &[(&str, u64, &str)]) -> BTreeSet<(String, u64, String)> {
    items
        .iter()
        .map(|(p, l, c)| ((*p).to_owned(), *l, (*c).to_owned()))
        .collect()
}

/// What only a person can change: the legacy configuration file itself, the time
/// characteristic, the restart strategy and the sink (its removed base class; `addSink` itself
/// stays in 2.x for Flink's internal legacy sinks). `shift`: lines the fixes added to the
/// imports, which move the job's body down.
fn non_mechanical(shift: u64) -> Vec<(&'static str, u64, &'static str)> {
    let mut items = vec![
        (CONF, 1, "FLK019"),
        (JOB, 4, "FLK016"),  // import RestartStrategies
        (JOB, 6, "FLK016"),  // import TimeCharacteristic
        (JOB, 9, "FLK016"),  // import RichSinkFunction
        (JOB, 17, "FLK016"), // setStreamTimeCharacteristic
        (JOB, 18, "FLK016"), // setRestartStrategy
    ];
    for (path, line, _) in &mut items {
        if *path == JOB && *line > 12 {
            *line += shift;
        }
    }
    items
}

#[test]
fn a_flink_1_17_job_is_migrated_to_2_0() {
    let dir = project();
    let root = dir.path();
    let job_before = fs::read_to_string(root.join(JOB)).expect("job");
    let conf_before = fs::read_to_string(root.join(CONF)).expect("conf");

    // Every removed or deprecated use, each with its replacement.
    let mut expected = non_mechanical(0);
    expected.extend([
        (CONF, 7, "FLK018"), // state.backend
        (CONF, 8, "FLK018"), // state.checkpoints.dir
        (JOB, 26, "FLK016"), // timeWindow
        (JOB, 26, "FLK015"), // Time.seconds(5)
        (JOB, 27, "FLK015"), // Time.seconds(30)
        (JOB, 41, "FLK016"), // open(Configuration)
        (JOB, 42, "FLK016"), // getIndexOfThisSubtask
    ]);
    assert_eq!(migration_findings(root), set(&expected));
    let json = bin(root)
        .args(["--format", "json", "."])
        .output()
        .expect("run");
    let report = String::from_utf8_lossy(&json.stdout);
    for replacement in [
        "use `state.backend.type`",
        "use `execution.checkpointing.dir`",
        "`TumblingEventTimeWindows.of(size)`",
        "`Duration.ofSeconds(30)`",
        "override `open(OpenContext)`",
        "`getTaskInfo().getIndexOfThisSubtask()`",
        "and write with `sinkTo(..)`",
        "`restart-strategy.type`",
        "bigdata-lint migrate-config",
    ] {
        assert!(
            report.contains(replacement),
            "{replacement} missing from:\n{report}"
        );
    }

    // --diff shows the change and writes nothing.
    let diff = bin(root)
        .args(["--diff", "--unsafe-fixes", "."])
        .output()
        .expect("run");
    assert_eq!(diff.status.code(), Some(1));
    let diff_text = String::from_utf8_lossy(&diff.stdout);
    for line in [
        "+state.backend.type: rocksdb",
        "+execution.checkpointing.dir: hdfs://namenode:8020/flink/checkpoints",
        "+                .window(TumblingEventTimeWindows.of(Duration.ofSeconds(5)))",
        "+                .allowedLateness(Duration.ofSeconds(30))",
        "+        public void open(OpenContext openContext) {",
        "+            subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();",
        "-import org.apache.flink.streaming.api.windowing.time.Time;",
    ] {
        assert!(
            diff_text.contains(line),
            "{line} missing from:\n{diff_text}"
        );
    }
    assert_eq!(fs::read_to_string(root.join(JOB)).expect("job"), job_before);
    assert_eq!(
        fs::read_to_string(root.join(CONF)).expect("conf"),
        conf_before
    );

    // --fix rewrites the mechanical ones; what is left is what a person must change.
    let fixed = bin(root)
        .args(["--fix", "--unsafe-fixes", "."])
        .output()
        .expect("run");
    assert_eq!(
        fixed.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&fixed.stderr)
    );
    // The imports gained one line: `Time` and `Configuration` went, `Duration`, `OpenContext`
    // and `TumblingEventTimeWindows` came.
    assert_eq!(migration_findings(root), set(&non_mechanical(1)));
    let job_after = fs::read_to_string(root.join(JOB)).expect("job");
    assert!(!job_after.contains("Time."), "{job_after}");
    assert!(
        job_after.contains("import java.time.Duration;"),
        "{job_after}"
    );
    assert!(
        job_after.contains("import org.apache.flink.api.common.functions.OpenContext;"),
        "{job_after}"
    );
    // Comments and layout the fixes do not touch survive.
    assert!(job_after.contains("/** Marks each amount with the subtask that handled it. */"));
    assert!(fs::read_to_string(root.join(CONF)).expect("conf").contains(
        "# RocksDB state with retained checkpoints on HDFS.\nstate.backend.type: rocksdb\n"
    ));

    // Fixing again changes nothing.
    let again = bin(root)
        .args(["--diff", "--unsafe-fixes", "."])
        .output()
        .expect("run");
    assert_eq!(
        again.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&again.stdout)
    );
}

#[test]
fn migrate_config_gives_a_config_yaml_the_linter_reads_with_the_same_settings() {
    let dir = project();
    let root = dir.path();
    let out = bin(root)
        .args(["migrate-config", CONF])
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let config = String::from_utf8(out.stdout).expect("utf-8");
    // Written beside the old file, the old one removed: the new file is what Flink 2.0 reads.
    fs::remove_file(root.join(CONF)).expect("rm");
    fs::write(root.join("conf/config.yaml"), &config).expect("write");
    let findings = migration_findings(root);
    assert!(
        findings
            .iter()
            .all(|(path, _, _)| path != "conf/config.yaml"),
        "{findings:?}\n{config}"
    );
    // No syntax error, and the settings the rules read are the same: RocksDB with full
    // checkpoints (FLK012) and no failure tolerance (FLK007), as in the original.
    let all = bin(root)
        .args([
            "--format",
            "concise",
            "--select",
            "BDL000,FLK007,FLK012",
            "conf",
        ])
        .output()
        .expect("run");
    let report = String::from_utf8_lossy(&all.stdout);
    assert!(!report.contains("BDL000"), "{report}\n{config}");
    assert!(
        report.contains("conf/config.yaml") && report.contains("FLK012"),
        "{report}"
    );
    assert!(report.contains("FLK007"), "{report}");
    for key in [
        "type: rocksdb",
        "dir: hdfs://namenode:8020/flink/checkpoints",
    ] {
        assert!(config.contains(key), "{key} missing from:\n{config}");
    }
}
