//! One answer whatever way the tool is run: settings per file, standard input, the explicit
//! `check` subcommand, and the flags that show what a run would do.

mod common;

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn bin_in(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("bigdata-lint").expect("binary is built");
    cmd.current_dir(dir).env_remove("NO_COLOR");
    cmd
}

/// A project: a root settings file, and `hbase/` with its own settings file that ignores
/// HBS001; both folders hold the same HBase fixture.
fn nested_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let fixture = common::root().join("testdata/HBS001/bad/HBaseEventSink.java");
    let java = std::fs::read_to_string(fixture).expect("fixture");
    let root = dir.path();
    std::fs::create_dir_all(root.join("app")).expect("mkdir");
    std::fs::create_dir_all(root.join("hbase/deep")).expect("mkdir");
    std::fs::write(root.join(".bigdata-lint.yaml"), "select: [HBS001]\n").expect("write");
    std::fs::write(
        root.join("hbase/.bigdata-lint.yaml"),
        "select: [HBS001]\nignore: [HBS001]\n",
    )
    .expect("write");
    std::fs::write(root.join("app/Sink.java"), &java).expect("write");
    std::fs::write(root.join("hbase/Sink.java"), &java).expect("write");
    std::fs::write(root.join("hbase/deep/Sink.java"), &java).expect("write");
    dir
}

fn concise(cmd: &mut Command) -> String {
    let out = cmd.args(["--format", "concise", "-q"]).output().expect("runs");
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn each_file_uses_the_nearest_settings_file() {
    let project = nested_project();
    let root = project.path();
    let whole = concise(bin_in(root).arg("."));
    assert!(whole.contains("app/Sink.java"), "{whole}");
    assert!(!whole.contains("hbase/"), "{whole}");
    // The pre-commit way: every file named, excludes forced.
    let named = concise(bin_in(root).args([
        "--force-exclude",
        "app/Sink.java",
        "hbase/Sink.java",
        "hbase/deep/Sink.java",
    ]));
    assert_eq!(whole, named);
    // Only the nested folder's files: nothing.
    let folder = concise(bin_in(root).args([
        "--force-exclude",
        "hbase/Sink.java",
        "hbase/deep/Sink.java",
    ]));
    assert_eq!(folder, "");
    // From inside the folder, and naming the folder, the same.
    assert_eq!(concise(bin_in(&root.join("hbase")).arg(".")), "");
    assert_eq!(concise(bin_in(root).arg("hbase")), "");
    // `--isolated` ignores every settings file: all three files report HBS001.
    let isolated = concise(bin_in(root).args(["--isolated", "--select", "HBS001", "."]));
    assert_eq!(isolated.matches(": HBS001 ").count() % 3, 0, "{isolated}");
    assert!(isolated.contains("hbase/deep/Sink.java"), "{isolated}");
}
