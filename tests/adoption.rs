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
    let out = cmd
        .args(["--format", "concise", "-q"])
        .output()
        .expect("runs");
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
    let folder =
        concise(bin_in(root).args(["--force-exclude", "hbase/Sink.java", "hbase/deep/Sink.java"]));
    assert_eq!(folder, "");
    // From inside the folder, and naming the folder, the same.
    assert_eq!(concise(bin_in(&root.join("hbase")).arg(".")), "");
    assert_eq!(concise(bin_in(root).arg("hbase")), "");
    // `--isolated` ignores every settings file: all three files report HBS001.
    let isolated = concise(bin_in(root).args(["--isolated", "--select", "HBS001", "."]));
    assert_eq!(isolated.matches(": HBS001 ").count() % 3, 0, "{isolated}");
    assert!(isolated.contains("hbase/deep/Sink.java"), "{isolated}");
}

fn repo() -> Command {
    bin_in(&common::root())
}

#[test]
fn standard_input_is_linted_as_the_file_named() {
    let java = std::fs::read("testdata/FLK001/bad/CheckpointJob.java")
        .or_else(|_| std::fs::read(common::root().join("testdata/FLK001/bad/CheckpointJob.java")))
        .expect("fixture");
    let out = repo()
        .args([
            "--stdin-filename",
            "src/Job.java",
            "--format",
            "concise",
            "-",
        ])
        .write_stdin(java.clone())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).expect("utf-8");
    assert!(
        out.starts_with("src/Job.java:11:33: FLK001 [warning] "),
        "{out}"
    );
    assert!(out.lines().all(|l| l.starts_with("src/Job.java:")), "{out}");
    // No `-`: --stdin-filename alone reads standard input too.
    repo()
        .args(["--stdin-filename", "src/Job.java", "--format", "concise"])
        .write_stdin(java.clone())
        .assert()
        .code(1)
        .stdout(out.clone());
    // The kind comes from the name: as a text file it is not linted.
    repo()
        .args(["--stdin-filename", "notes.txt", "-"])
        .write_stdin(java)
        .assert()
        .stdout("");
    // `-` without a name, or with other paths, is refused with what to do.
    repo()
        .arg("-")
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs --stdin-filename"));
    repo()
        .args(["--stdin-filename", "A.java", "-", "src"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not `src`"));
}

#[test]
fn standard_input_takes_settings_and_suppressions_from_its_path() {
    let project = nested_project();
    let java = std::fs::read(project.path().join("app/Sink.java")).expect("fixture");
    let lint_as = |name: &str, input: Vec<u8>| {
        let out = bin_in(project.path())
            .args(["--format", "concise", "-q", "--stdin-filename", name, "-"])
            .write_stdin(input)
            .output()
            .expect("runs");
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let app = lint_as("app/New.java", java.clone());
    assert!(app.starts_with("app/New.java:"), "{app}");
    assert!(app.contains(": HBS001 "), "{app}");
    // hbase/ ignores HBS001 in its settings file.
    assert_eq!(lint_as("hbase/New.java", java.clone()), "");
    // A suppression comment in the text is honoured.
    let text = String::from_utf8(java).expect("utf-8");
    let suppressed = format!("// bigdata-lint: ignore-file HBS001\n{text}");
    let out = lint_as("app/New.java", suppressed.into_bytes());
    assert!(!out.contains(": HBS001 "), "{out}");
}

#[test]
fn fix_on_standard_input_prints_the_fixed_text_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = common::root().join(
        "testdata/FLK015/bad/flink-1.20/src/main/java/com/example/clicks/ClickSessionJob.java",
    );
    let original = std::fs::read_to_string(&file).expect("fixture");
    let target = dir.path().join("Job.java");
    std::fs::write(&target, &original).expect("write");
    let fixed = bin_in(dir.path())
        .args([
            "--fix",
            "--select",
            "FLK015",
            "--target",
            "flink=1.20",
            "--stdin-filename",
            "Job.java",
            "-",
        ])
        .write_stdin(original.clone())
        .output()
        .expect("runs");
    let fixed_text = String::from_utf8(fixed.stdout).expect("utf-8");
    assert_ne!(fixed_text, original);
    assert!(!fixed_text.is_empty());
    // Nothing written: the file of that name is untouched.
    assert_eq!(std::fs::read_to_string(&target).expect("read"), original);
    // The same as fixing the file itself.
    bin_in(dir.path())
        .args([
            "--fix",
            "--select",
            "FLK015",
            "--target",
            "flink=1.20",
            "-q",
            "Job.java",
        ])
        .output()
        .expect("runs");
    assert_eq!(std::fs::read_to_string(&target).expect("read"), fixed_text);
    // Fixing the fixed text again changes nothing.
    bin_in(dir.path())
        .args([
            "--fix-only",
            "--select",
            "FLK015",
            "--target",
            "flink=1.20",
            "--stdin-filename",
            "Job.java",
        ])
        .write_stdin(fixed_text.clone())
        .assert()
        .code(0)
        .stdout(fixed_text);
}

/// A project whose settings exclude `src/gen/` and target Flink 1.20, and a job with an FLK001
/// finding and an FLK015 safe fix (`Time.minutes`).
fn excluding_project() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    std::fs::create_dir_all(root.join("src/gen")).expect("mkdir");
    std::fs::write(
        root.join(".bigdata-lint.yaml"),
        "exclude: [\"src/gen/\"]\ntarget:\n  flink: \"1.20\"\n",
    )
    .expect("write");
    let job = "import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;\n\
               import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;\n\
               import org.apache.flink.streaming.api.windowing.time.Time;\n\
               \n\
               public class Job {\n\
               \x20   public static void main(String[] args) throws Exception {\n\
               \x20       StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();\n\
               \x20       env.enableCheckpointing(500);\n\
               \x20       env.fromSequence(1, 9).keyBy(n -> n % 3)\n\
               \x20           .window(TumblingEventTimeWindows.of(Time.minutes(1))).sum(0).print();\n\
               \x20       env.execute(\"job\");\n\
               \x20   }\n\
               }\n"
    .to_owned();
    (dir, job)
}

#[test]
fn force_exclude_holds_for_the_name_standard_input_is_linted_as() {
    let (project, job) = excluding_project();
    let root = project.path();
    let run = |dir: &Path, args: &[&str]| {
        bin_in(dir)
            .args(["--format", "concise"])
            .args(args)
            .write_stdin(job.clone())
            .output()
            .expect("runs")
    };
    let text = |bytes: &[u8]| String::from_utf8(bytes.to_vec()).expect("utf-8");

    // Excluded, with --force-exclude: nothing linted, nothing said, success; however the name
    // is spelled, and from below the settings file's directory (globs are rooted there).
    for (dir, name) in [
        (root.to_path_buf(), "src/gen/Job.java"),
        (root.to_path_buf(), "./src/gen/../gen/Job.java"),
        (root.join("src"), "gen/Job.java"),
    ] {
        let out = run(&dir, &["--force-exclude", "--stdin-filename", name, "-"]);
        assert_eq!(out.status.code(), Some(0), "{name}: {out:?}");
        assert_eq!(text(&out.stdout), "", "{name}");
        let stderr = text(&out.stderr);
        assert!(!stderr.contains("warning"), "{name}: {stderr}");
        assert!(!stderr.contains("FLK"), "{name}: {stderr}");
    }

    // Not excluded, with --force-exclude: linted as usual.
    let out = run(
        root,
        &["--force-exclude", "--stdin-filename", "src/Job.java", "-"],
    );
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let found = text(&out.stdout);
    assert!(found.contains("src/Job.java:8:33: FLK001 "), "{found}");
    // A name that only starts like the excluded folder is not in it.
    let out = run(
        root,
        &[
            "--force-exclude",
            "--stdin-filename",
            "src/genx/Job.java",
            "-",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{out:?}");

    // Without --force-exclude a named file is linted even when excluded, as ruff does.
    let out = run(root, &["--stdin-filename", "src/gen/Job.java", "-"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(
        text(&out.stdout),
        found.replace("src/Job.java", "src/gen/Job.java")
    );

    // An --exclude glob of the command line counts too, without any settings file.
    let out = run(
        root,
        &[
            "--isolated",
            "--exclude",
            "**/gen/**",
            "--force-exclude",
            "--stdin-filename",
            "src/gen/Job.java",
            "-",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(text(&out.stdout), "");
}

#[test]
fn fixing_excluded_standard_input_prints_it_unchanged() {
    let (project, job) = excluding_project();
    let root = project.path();
    let fix = |name: &str| {
        bin_in(root)
            .args([
                "--fix",
                "--force-exclude",
                "--select",
                "FLK015",
                "--stdin-filename",
                name,
                "-",
            ])
            .write_stdin(job.clone())
            .output()
            .expect("runs")
    };
    // Excluded: the editor gets its buffer back byte for byte.
    let out = fix("src/gen/Job.java");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(String::from_utf8(out.stdout).expect("utf-8"), job);
    // The same text under a name that is not excluded is fixed: the exclusion made the difference.
    let out = fix("src/Job.java");
    let fixed = String::from_utf8(out.stdout).expect("utf-8");
    assert_eq!(
        fixed,
        job.replace("Time.minutes(1)", "Duration.ofMinutes(1)")
            .replace(
                "import org.apache.flink.streaming.api.windowing.time.Time;",
                "import java.time.Duration;"
            )
    );
    // --diff of an excluded name prints no diff.
    let out = bin_in(root)
        .args([
            "--diff",
            "--force-exclude",
            "--stdin-filename",
            "src/gen/Job.java",
            "-",
        ])
        .write_stdin(job.clone())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(out.stdout.is_empty(), "{out:?}");
}

#[test]
fn check_is_an_explicit_subcommand() {
    let plain = repo()
        .args(["--format", "concise", "testdata/FLK001/bad"])
        .output()
        .expect("runs");
    let explicit = repo()
        .args(["check", "--format", "concise", "testdata/FLK001/bad"])
        .output()
        .expect("runs");
    assert_eq!(plain.stdout, explicit.stdout);
    assert_eq!(plain.status.code(), explicit.status.code());
    assert!(!plain.stdout.is_empty());
}

#[test]
fn a_word_naming_a_directory_is_linted_with_a_note() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("config")).expect("mkdir");
    std::fs::copy(
        common::root().join("testdata/FLK001/bad/flink-conf.yaml"),
        dir.path().join("config/flink-conf.yaml"),
    )
    .expect("copy");
    bin_in(dir.path())
        .arg("config")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("config/flink-conf.yaml"))
        .stderr(predicate::str::contains(
            "note: `config` is a file or directory here and is linted",
        ));
    // Arguments that do not fit the subcommand: linted too.
    bin_in(dir.path())
        .args(["config", "--format", "concise"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("config/flink-conf.yaml:"));
    // With its own options the subcommand runs.
    bin_in(dir.path())
        .args(["config", "--show"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("# no settings file: defaults"));
    // Without such a directory the word is the subcommand.
    let empty = tempfile::tempdir().expect("temp dir");
    bin_in(empty.path())
        .arg("config")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`config` needs --show"));
}

#[test]
fn show_files_lists_what_would_be_linted() {
    let project = nested_project();
    bin_in(project.path())
        .arg("--show-files")
        .assert()
        .code(0)
        .stdout("app/Sink.java\nhbase/Sink.java\nhbase/deep/Sink.java\n");
    bin_in(project.path())
        .args(["--show-files", "--exclude", "deep/"])
        .assert()
        .stdout("app/Sink.java\nhbase/Sink.java\n");
}

#[test]
fn show_settings_names_the_file_and_the_rules_in_force() {
    let project = nested_project();
    let shown = bin_in(project.path())
        .args(["--show-settings", "hbase/deep/Sink.java"])
        .output()
        .expect("runs");
    let text = String::from_utf8(shown.stdout).expect("utf-8");
    assert!(
        text.contains("# settings for: hbase/deep/Sink.java"),
        "{text}"
    );
    let file = project
        .path()
        .canonicalize()
        .expect("dir")
        .join("hbase/.bigdata-lint.yaml");
    assert!(
        text.contains(&format!("# settings file: {}", file.display()))
            || text.contains("hbase/.bigdata-lint.yaml"),
        "{text}"
    );
    assert!(text.contains("ignore: [HBS001]"), "{text}");
    assert!(!text.contains("  HBS001:"), "{text}");
    let root = bin_in(project.path())
        .args(["--show-settings", "app/Sink.java"])
        .output()
        .expect("runs");
    let text = String::from_utf8(root.stdout).expect("utf-8");
    assert!(text.contains("  HBS001:"), "{text}");
}

#[test]
fn config_show_applies_the_selection_flags() {
    let rules = |extra: &[&str]| {
        let out = repo()
            .args(["config", "--show", "--isolated"])
            .args(extra)
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8(out.stdout)
            .expect("utf-8")
            .lines()
            .filter(|l| l.starts_with("  ") && l.contains(":  # "))
            .map(|l| l.trim().split(':').next().unwrap_or("").to_owned())
            .collect::<Vec<_>>()
    };
    let all = rules(&[]);
    assert!(all.len() > 10, "{all:?}");
    assert_eq!(rules(&["--select", "FLK001,HDP001"]), ["FLK001", "HDP001"]);
    assert_eq!(
        rules(&["--select", "FLK001,HDP001", "--ignore", "HDP001"]),
        ["FLK001"]
    );
    let extended = rules(&["--select", "FLK001", "--extend-select", "RDS001"]);
    assert_eq!(extended, ["FLK001", "RDS001"]);
}

#[test]
fn statistics_honour_json_and_refuse_other_formats() {
    let out = repo()
        .args(["--statistics", "--format", "json", "testdata/FLK001/bad"])
        .output()
        .expect("runs");
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let first = &value[0];
    assert_eq!(first["code"], "FLK001");
    assert!(first["count"].as_u64().is_some_and(|n| n > 0));
    assert_eq!(first["name"], "checkpoint-interval-too-short");
    repo()
        .args(["--statistics", "--format", "sarif", "testdata/FLK001/bad"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--statistics").and(predicate::str::contains("sarif")));
}

#[test]
fn settings_errors_name_the_file_and_line() {
    let project = nested_project();
    std::fs::write(
        project.path().join("hbase/.bigdata-lint.yaml"),
        "select: [HBS001]\nignroe: [HBS001]\n",
    )
    .expect("write");
    bin_in(project.path())
        .args(["--color", "never", "."])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("hbase/.bigdata-lint.yaml")
                .and(predicate::str::contains(":2:"))
                .and(predicate::str::contains("did you mean `ignore`?")),
        );
}

#[test]
fn a_baseline_matches_from_any_working_directory() {
    let project = nested_project();
    let root = project.path();
    bin_in(root)
        .args(["--write-baseline", "baseline.json", "."])
        .assert()
        .code(0);
    let text = std::fs::read_to_string(root.join("baseline.json")).expect("baseline");
    assert!(
        text.contains("\"paths\": \"relative-to-baseline\""),
        "{text}"
    );
    assert!(text.contains("\"path\": \"app/Sink.java\""), "{text}");
    // From the root and from inside `app/`, every finding is known.
    bin_in(root)
        .args(["--baseline", "baseline.json", "."])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("no longer").not());
    bin_in(&root.join("app"))
        .args(["--baseline", "../baseline.json", "."])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("no longer").not());
    // A new finding in app/ is still reported from there.
    std::fs::copy(root.join("app/Sink.java"), root.join("app/Other.java")).expect("copy");
    bin_in(&root.join("app"))
        .args(["--baseline", "../baseline.json", "--format", "concise", "."])
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("Other.java").and(predicate::str::contains("Sink.java").not()),
        );
}

#[test]
fn baselines_of_the_older_shape_are_still_read() {
    let project = nested_project();
    let root = project.path();
    bin_in(root)
        .args(["--write-baseline", "baseline.json", "."])
        .assert()
        .code(0);
    // Older baselines have no `paths` key and paths as the run showed them, from the root.
    let text = std::fs::read_to_string(root.join("baseline.json")).expect("baseline");
    let old = text.replace("  \"paths\": \"relative-to-baseline\",\n", "");
    assert_ne!(old, text);
    std::fs::create_dir(root.join("ci")).expect("mkdir");
    std::fs::write(root.join("ci/old.json"), old).expect("write");
    bin_in(root)
        .args(["--baseline", "ci/old.json", "."])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("no longer").not());
}

#[test]
fn the_baseline_settings_key_is_used_from_any_directory() {
    let project = nested_project();
    let root = project.path();
    std::fs::create_dir(root.join("ci")).expect("mkdir");
    bin_in(root)
        .args(["--write-baseline", "ci/base.json", "."])
        .assert()
        .code(0);
    std::fs::write(
        root.join(".bigdata-lint.yaml"),
        "select: [HBS001]\nbaseline: ci/base.json\n",
    )
    .expect("write");
    bin_in(root).arg(".").assert().code(0);
    bin_in(&root.join("app")).arg(".").assert().code(0);
    // --baseline replaces it: an empty baseline hides nothing.
    std::fs::write(
        root.join("empty.json"),
        "{\"version\": 1, \"findings\": []}",
    )
    .expect("write");
    bin_in(root)
        .args(["--baseline", "empty.json", "."])
        .assert()
        .code(1);
}

/// `server` always starts the language server, even in a project with a `server/` folder:
/// editors start it in the project's root. Its end of input without `shutdown` is exit 1, as
/// the protocol asks, and nothing is linted.
#[test]
fn server_beside_a_server_folder_still_starts_the_language_server() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("server")).expect("mkdir");
    std::fs::copy(
        common::root().join("testdata/FLK001/bad/flink-conf.yaml"),
        dir.path().join("server/flink-conf.yaml"),
    )
    .expect("copy");
    let out = bin_in(dir.path())
        .arg("server")
        .write_stdin("")
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stdout.contains("flink-conf.yaml"), "{stdout}");
    assert!(!stderr.contains("is linted"), "{stderr}");
    // And `./server` lints the folder.
    bin_in(dir.path())
        .arg("./server")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("flink-conf.yaml"));
}
