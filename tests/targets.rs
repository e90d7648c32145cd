//! Target versions end to end: each linted file sees the version of its own module, the
//! settings and `--target` win over build files, and `config --show` says where each version
//! came from.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use bdl_core::{Ctx, Product, RuleMeta, Selection, Severity, Span, Targets, Version, declare_rule};
use bdl_syntax::project::TargetOptions;
use bdl_syntax::{JavaFile, Rule};
use bigdata_lint::engine::{self, RunOptions};
use predicates::prelude::*;

declare_rule! {
    /// ## What it does
    /// Reports, on every Java file that mentions `target`, the Flink version it sees.
    pub ReportsTarget {
        code: "TST900",
        name: "reports-target",
        summary: "reports the target",
        severity: Info,
        kinds: [Java],
        triggers: ["target"],
        options: [],
    }
}

impl Rule for ReportsTarget {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_java(&self, _file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        let seen = cx.target(Product::Flink).map_or_else(
            || "unknown".to_owned(),
            |t| format!("{} ({}) from {}", t.version, t.text, t.source),
        );
        cx.report(Severity::Info, Span::new(0, 5), format!("flink {seen}"));
    }
}

const JOB: &str = "class Job { String target; }\n";

fn pom(flink: &str) -> String {
    format!(
        "<project><artifactId>m</artifactId><properties><flink.version>{flink}</flink.version>\
         </properties><dependencies><dependency><groupId>org.apache.flink</groupId>\
         <artifactId>flink-streaming-java</artifactId><version>${{flink.version}}</version>\
         </dependency></dependencies></project>"
    )
}

/// A repository with two Maven modules on different Flink lines, a Gradle project and a
/// directory without a build file.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let files: Vec<(&str, String)> = vec![
        ("a/pom.xml", pom("1.19.1")),
        ("a/src/main/java/A.java", JOB.to_owned()),
        ("b/pom.xml", pom("2.0.0")),
        ("b/src/main/java/B.java", JOB.to_owned()),
        (
            "g/build.gradle.kts",
            "dependencies { implementation(\"org.apache.flink:flink-core:1.18.0\") }\n".to_owned(),
        ),
        ("g/src/G.java", JOB.to_owned()),
        ("none/N.java", JOB.to_owned()),
    ];
    std::fs::create_dir(dir.path().join(".git")).expect(".git");
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
    dir
}

/// `file name → message` of every finding of a run over `paths`.
fn seen(
    paths: Vec<PathBuf>,
    targets: TargetOptions,
    threads: Option<usize>,
) -> Vec<(String, String)> {
    let options = RunOptions {
        paths,
        selection: Selection::default(),
        targets,
        threads,
        ..RunOptions::default()
    };
    let result = engine::run(&[&ReportsTarget], &options).expect("run");
    let mut out: Vec<_> = result
        .diagnostics
        .into_iter()
        .map(|d| {
            let name = Path::new(&d.path)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (name, d.message)
        })
        .collect();
    out.sort();
    out
}

fn messages(found: &[(String, String)]) -> Vec<String> {
    found.iter().map(|(f, m)| format!("{f}: {m}")).collect()
}

#[test]
fn each_module_gives_its_files_their_own_target() {
    let dir = repository();
    let root = dir.path().to_path_buf();
    let expected = |a: &str, b: &str| {
        assert!(a.starts_with("A.java: flink 1.19 (1.19.1) from "), "{a}");
        assert!(
            a.ends_with(
                "pom.xml: property flink.version (dependency org.apache.flink:flink-streaming-java)"
            ),
            "{a}"
        );
        assert!(b.starts_with("B.java: flink 2.0 (2.0.0) from "), "{b}");
    };
    // One path (walker threads) and several paths (rayon), one thread and two.
    for threads in [Some(1), Some(2)] {
        let found = messages(&seen(vec![root.clone()], TargetOptions::default(), threads));
        assert_eq!(found.len(), 4, "{found:?}");
        expected(&found[0], &found[1]);
        assert!(
            found[2].starts_with("G.java: flink 1.18 (1.18.0) from "),
            "{found:?}"
        );
        assert!(
            found[2].ends_with("build.gradle.kts: dependency org.apache.flink:flink-core"),
            "{found:?}"
        );
        assert_eq!(found[3], "N.java: flink unknown");
        let found = messages(&seen(
            vec![root.join("b"), root.join("a/src")],
            TargetOptions::default(),
            threads,
        ));
        assert_eq!(found.len(), 2, "{found:?}");
        expected(&found[0], &found[1]);
    }
}

#[test]
fn fixed_targets_win_and_the_settings_directory_bounds_the_search() {
    let dir = repository();
    let root = dir.path().to_path_buf();
    let fixed = TargetOptions {
        fixed: Targets::NONE.with(Product::Flink, Version::new(2, 1)),
        stop_at: None,
    };
    let found = messages(&seen(vec![root.clone()], fixed, None));
    assert!(
        found
            .iter()
            .all(|m| m.ends_with("flink 2.1 (2.1) from --target")),
        "{found:?}"
    );
    // With the settings file in `a/src`, the module's pom above it does not count.
    let bounded = TargetOptions {
        fixed: Targets::NONE,
        stop_at: Some(root.join("a/src")),
    };
    let found = messages(&seen(vec![root.join("a/src")], bounded, None));
    assert_eq!(found, ["A.java: flink unknown"]);
}

fn bin(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("bigdata-lint").expect("binary is built");
    cmd.current_dir(dir).env_remove("NO_COLOR");
    cmd
}

#[test]
fn config_show_prints_every_version_and_its_source() {
    let dir = repository();
    bin(dir.path())
        .args(["config", "--show", "a/src/main/java/A.java"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "target.flink: 1.19  # a/pom.xml: property flink.version \
             (dependency org.apache.flink:flink-streaming-java) = 1.19.1\n",
        ))
        .stdout(predicate::str::contains(
            "target.hadoop: unknown  # not in a/pom.xml\n",
        ))
        .stdout(predicate::str::contains("target.elasticsearch: unknown"));
    bin(dir.path())
        .args(["config", "--show", "none"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "target.flink: unknown  # no pom.xml or build.gradle(.kts) found\n",
        ));
    // The settings file's `target:` wins over the pom, `--target` over both.
    std::fs::write(
        dir.path().join(".bigdata-lint.yaml"),
        "target:\n  flink: \"2.0\"\n  jedis: 5.1.0\n",
    )
    .expect("write");
    bin(dir.path())
        .args(["config", "--show", "a", "--target", "hbase=2.6"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "target.flink: 2.0  # .bigdata-lint.yaml: target.flink = 2.0\n",
        ))
        .stdout(predicate::str::contains(
            "target.jedis: 5.1  # .bigdata-lint.yaml: target.jedis = 5.1.0\n",
        ))
        .stdout(predicate::str::contains(
            "target.hbase: 2.6  # --target hbase=2.6\n",
        ));
}

#[test]
fn bad_targets_stop_the_run_with_exit_code_2() {
    let dir = repository();
    bin(dir.path())
        .args(["--target", "flnk=2.0", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `flink`?"));
    bin(dir.path())
        .args(["config", "--show", "--target", "flink=soon"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`soon` is not a version"));
    std::fs::write(
        dir.path().join(".bigdata-lint.yaml"),
        "target:\n  flink: \"1.20\"\n  hadop: \"3.4\"\n",
    )
    .expect("write");
    bin(dir.path())
        .arg(".")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown product `hadop`"))
        .stderr(predicate::str::contains("did you mean `hadoop`?"))
        .stderr(predicate::str::contains(".bigdata-lint.yaml:3:3"));
}

#[test]
fn hostile_build_files_never_stop_a_run() {
    let dir = repository();
    // A pom of garbage, an entity bomb, a deep nesting, and a FIFO where a pom should be.
    let bomb = "<?xml version=\"1.0\"?><!DOCTYPE project [<!ENTITY a \"aaaaaaaaaa\">\
                <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>\
                <project><properties><flink.version>&c;</flink.version></properties></project>";
    std::fs::write(dir.path().join("a/pom.xml"), bomb).expect("write");
    std::fs::write(dir.path().join("b/pom.xml"), "<project>".repeat(100_000)).expect("write");
    std::fs::write(
        dir.path().join("g/build.gradle.kts"),
        "\"${".repeat(100_000),
    )
    .expect("write");
    #[cfg(unix)]
    {
        let status = std::process::Command::new("mkfifo")
            .arg(dir.path().join("none/pom.xml"))
            .status()
            .expect("mkfifo runs");
        assert!(status.success());
    }
    let found = messages(&seen(
        vec![dir.path().to_path_buf()],
        TargetOptions::default(),
        None,
    ));
    assert_eq!(
        found,
        [
            "A.java: flink unknown",
            "B.java: flink unknown",
            "G.java: flink unknown",
            "N.java: flink unknown"
        ]
    );
}
