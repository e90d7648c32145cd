//! `bigdata-lint migrate-config`: the command line (stdout, `--write`, `--force`, errors) and
//! the round trip: the `config.yaml` it writes for a realistic `flink-conf.yaml` holds the same
//! settings, and bigdata-lint finds nothing to say about their keys.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use assert_cmd::Command;
use bdl_core::FileKind;
use bdl_syntax::ConfigFile;
use predicates::prelude::*;

const FIXTURE: &str = "tests/data/migrate/flink-conf.yaml";

fn bin(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("bigdata-lint").expect("binary is built");
    cmd.current_dir(dir).env_remove("NO_COLOR");
    cmd
}

fn fixture() -> String {
    fs::read_to_string(common::root().join(FIXTURE)).expect("fixture")
}

/// A temporary repository root holding the fixture as `conf/flink-conf.yaml`.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::create_dir(dir.path().join(".git")).expect("mkdir .git");
    fs::create_dir(dir.path().join("conf")).expect("mkdir conf");
    fs::write(dir.path().join("conf/flink-conf.yaml"), fixture()).expect("write");
    dir
}

fn converted(dir: &Path, extra: &[&str]) -> String {
    let out = bin(dir)
        .args(["migrate-config", "conf/flink-conf.yaml"])
        .args(extra)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// Flattened `key -> value` of a configuration, lists (`key[0]`, `key[1]`) joined back with
/// `;` as the legacy file writes them.
fn flattened(kind: FileKind, text: &str) -> BTreeMap<String, String> {
    let file = ConfigFile::parse(kind, text);
    assert!(file.errors.is_empty(), "{:?}", file.errors);
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    for entry in &file.entries {
        match entry.key.split_once('[') {
            Some((key, _)) => {
                let joined = out.entry(key.to_owned()).or_default();
                if !joined.is_empty() {
                    joined.push(';');
                }
                joined.push_str(&entry.value);
            }
            None => {
                out.insert(entry.key.clone(), entry.value.clone());
            }
        }
    }
    out
}

#[test]
fn prints_to_stdout_with_a_summary_on_stderr() {
    let dir = project();
    bin(dir.path())
        .args(["migrate-config", "conf/flink-conf.yaml"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with(
            "################################################################################\n\
             # Flink cluster configuration for the payments streaming platform.\n",
        ))
        .stdout(predicate::str::contains(
            "state:\n  backend:\n    type: rocksdb\n",
        ))
        .stdout(predicate::str::contains(
            "# removed in Flink 2.0: taskmanager.heap.size: 1024m\n",
        ))
        .stderr(predicate::str::contains(
            "conf/flink-conf.yaml:38: renamed `state.backend` to `state.backend.type`\n",
        ))
        .stderr(predicate::str::ends_with(
            "Converted for Flink 2.0 (the default): renamed 9, removed 3\n",
        ));
    assert!(!dir.path().join("conf/config.yaml").exists());
}

#[test]
fn write_refuses_to_replace_without_force() {
    let dir = project();
    let target = dir.path().join("conf/config.yaml");
    bin(dir.path())
        .args(["migrate-config", "--write", "conf/flink-conf.yaml"])
        .assert()
        .code(0)
        .stdout("")
        .stderr(predicate::str::contains("wrote conf/config.yaml"));
    let first = fs::read_to_string(&target).expect("written");
    assert_eq!(first, converted(dir.path(), &[]));

    fs::write(&target, "# mine\n").expect("write");
    bin(dir.path())
        .args(["migrate-config", "--write", "conf/flink-conf.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "conf/config.yaml already exists; use --force to replace it",
        ));
    assert_eq!(fs::read_to_string(&target).expect("kept"), "# mine\n");

    bin(dir.path())
        .args([
            "migrate-config",
            "--write",
            "--force",
            "conf/flink-conf.yaml",
        ])
        .assert()
        .code(0);
    assert_eq!(fs::read_to_string(&target).expect("replaced"), first);
    // --force alone is a usage error.
    bin(dir.path())
        .args(["migrate-config", "--force", "conf/flink-conf.yaml"])
        .assert()
        .code(2);
}

#[test]
fn unparsable_input_names_the_file_and_line() {
    let dir = project();
    fs::write(
        dir.path().join("conf/flink-conf.yaml"),
        "parallelism.default: 2\nstate.backend rocksdb\n",
    )
    .expect("write");
    bin(dir.path())
        .args(["migrate-config", "conf/flink-conf.yaml"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "error: conf/flink-conf.yaml:2: expected `key: value`",
        ));
    bin(dir.path())
        .args(["migrate-config", "conf/missing.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read conf/missing.yaml"));
    bin(dir.path())
        .args([
            "migrate-config",
            "--target",
            "flink=1.18",
            "conf/flink-conf.yaml",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "config.yaml is read from Flink 1.19 on",
        ));
}

#[test]
fn the_target_comes_from_the_settings_or_the_command_line() {
    let dir = project();
    fs::write(
        dir.path().join(".bigdata-lint.yaml"),
        "target: {flink: \"1.20\"}\n",
    )
    .expect("write");
    let out = bin(dir.path())
        .args(["migrate-config", "conf/flink-conf.yaml"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("Converted for Flink 1.20 (as targeted)"),
        "{stderr}"
    );
    // 1.20 still reads `taskmanager.heap.size`... as deprecated, not removed.
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("# removed in Flink 2.0"), "{text}");
    let out = bin(dir.path())
        .args([
            "migrate-config",
            "--target",
            "flink=2.0",
            "conf/flink-conf.yaml",
        ])
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&out.stderr).contains("Converted for Flink 2.0 (as targeted)"));
}

#[test]
fn round_trip_keeps_every_setting_and_lints_clean() {
    let dir = project();
    let text = converted(dir.path(), &["--target", "flink=2.0"]);
    // The same settings: the original's, renamed where Flink 2.0 renamed them, without the
    // removed ones.
    let renamed = [
        ("high-availability", "high-availability.type"),
        ("state.backend", "state.backend.type"),
        (
            "state.backend.incremental",
            "execution.checkpointing.incremental",
        ),
        ("state.checkpoints.dir", "execution.checkpointing.dir"),
        (
            "state.savepoints.dir",
            "execution.checkpointing.savepoint-dir",
        ),
        (
            "state.checkpoints.num-retained",
            "execution.checkpointing.num-retained",
        ),
        ("restart-strategy", "restart-strategy.type"),
        (
            "taskmanager.network.memory.fraction",
            "taskmanager.memory.network.fraction",
        ),
        ("env.java.opts", "env.java.opts.all"),
    ];
    let removed = [
        "taskmanager.heap.size",
        "web.backpressure.refresh-interval",
        "taskmanager.network.memory.buffers-per-channel",
    ];
    let mut expected = flattened(FileKind::FlinkConf, &fixture());
    assert!(
        expected.len() >= 40,
        "a real-sized file: {}",
        expected.len()
    );
    for key in removed {
        assert!(expected.remove(key).is_some(), "{key}");
    }
    for (old, new) in renamed {
        let value = expected.remove(old).expect("in the fixture");
        expected.insert(new.to_owned(), value);
    }
    assert_eq!(flattened(FileKind::FlinkYaml, &text), expected);

    // Linted as a config.yaml with the same target: nothing about deprecated, legacy or
    // unknown keys.
    let lint = tempfile::tempdir().expect("tempdir");
    fs::create_dir(lint.path().join(".git")).expect("mkdir .git");
    fs::write(lint.path().join("config.yaml"), &text).expect("write");
    let out = bin(lint.path())
        .args([
            "--format",
            "concise",
            "--target",
            "flink=2.0",
            "--select",
            "FLK018,FLK019,FLK020,BDL",
            ".",
        ])
        .output()
        .expect("runs");
    let report = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{report}");
    assert!(report.is_empty(), "{report}");
}
