//! Inline suppressions end to end: comments in every dialect suppress their findings, the
//! suppressed findings keep their reason, JSON and SARIF carry it, and turning suppressions off
//! brings the findings back.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use bdl_core::{Diagnostic, Selection, Selector};
use bigdata_lint::engine::{self, RunOptions, RunResult};
use bigdata_lint::registry;
use serde_json::Value;

fn testdata(dir: &str) -> PathBuf {
    common::root().join("testdata").join(dir)
}

fn run(options: &RunOptions) -> RunResult {
    engine::run(&registry::all_rules(), options).expect("run succeeds")
}

fn run_on(paths: &[PathBuf], inline_suppressions: bool) -> RunResult {
    run(&RunOptions {
        paths: paths.to_vec(),
        inline_suppressions,
        ..RunOptions::default()
    })
}

fn file_name(d: &Diagnostic) -> String {
    Path::new(&d.path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The finding of `code` at `file:line`.
fn finding<'r>(result: &'r RunResult, file: &str, line: u32, code: &str) -> &'r Diagnostic {
    result
        .diagnostics
        .iter()
        .find(|d| file_name(d) == file && d.start.line == line && d.code == code)
        .unwrap_or_else(|| panic!("no {code} at {file}:{line}"))
}

fn reason(d: &Diagnostic) -> Option<&str> {
    d.suppression.as_ref().and_then(|s| s.reason.as_deref())
}

/// One suppressed finding per comment syntax and scope in `testdata/BDL001/good`:
/// (file, line, code, reason, whole file).
const SUPPRESSED: &[(&str, u32, &str, Option<&str>, bool)] = &[
    // Java: the line above, the same line, a block comment before the code, the whole file.
    (
        "ProfilingJob.java",
        11,
        "FLK001",
        Some("profiling run on a laptop, state is a few kilobytes"),
        false,
    ),
    ("ProfilingJob.java", 12, "FLK001", Some("same"), false),
    ("ProfilingJob.java", 14, "FLK001", None, false),
    (
        "ReplayJob.java",
        12,
        "FLK001",
        Some("replays a few minutes of events; reviewed in OPS-2211"),
        true,
    ),
    // flink-conf.yaml: the line above (across a blank line), a trailing comment.
    (
        "flink-conf.yaml",
        7,
        "FLK001",
        Some("load test measures checkpoint overhead at 1 s"),
        false,
    ),
    (
        "flink-conf.yaml",
        8,
        "HDP001",
        Some("scratch output, rewritten every run"),
        false,
    ),
    (
        "config.yaml",
        8,
        "FLK001",
        Some("load test measures checkpoint overhead"),
        false,
    ),
    (
        "flink-deployment.yaml",
        9,
        "FLK001",
        Some("benchmark of checkpoint overhead, state is a few megabytes"),
        false,
    ),
    (
        "replay.sql",
        3,
        "FLK001",
        Some("short replay, tiny state"),
        false,
    ),
    ("replay.sql", 4, "HDP001", Some("scratch table"), false),
    // XML: the next `<property>` element, and the element the comment is in.
    (
        "dev-hdfs-site.xml",
        12,
        "HDP001",
        Some("single-node development cluster, one datanode"),
        false,
    ),
    (
        "core-site.xml",
        10,
        "HDP001",
        Some("the scratch file system keeps a single copy"),
        false,
    ),
    // Properties: the next property, with its continuation line.
    (
        "application.properties",
        6,
        "RDS001",
        Some("single-threaded exporter, one connection in use at a time"),
        false,
    ),
    (
        "application.yml",
        9,
        "RDS001",
        Some("single-threaded exporter"),
        false,
    ),
    (
        "spark-defaults.conf",
        4,
        "HDP001",
        Some("scratch cluster, outputs are recomputed"),
        false,
    ),
];

#[test]
fn suppressed_findings_stay_with_their_reason_in_every_dialect() {
    let dir = testdata("BDL001/good");
    let result = run_on(std::slice::from_ref(&dir), true);
    assert!(!result.diagnostics.is_empty());
    assert_eq!(result.active().count(), 0, "{:#?}", result.diagnostics);
    assert_eq!(result.suppressed_count(), result.diagnostics.len());
    for &(file, line, code, why, file_level) in SUPPRESSED {
        let d = finding(&result, file, line, code);
        let suppression = d
            .suppression
            .as_ref()
            .unwrap_or_else(|| panic!("{file}:{line} {code} is not suppressed"));
        assert_eq!(suppression.reason.as_deref(), why, "{file}:{line}");
        assert_eq!(suppression.file_level, file_level, "{file}:{line}");
        let text = std::fs::read_to_string(dir.join(file)).expect("fixture");
        assert!(
            suppression.span.slice(&text).contains("bigdata-lint:"),
            "{file}:{line}: the suppression span is the comment"
        );
    }
    // An unused suppression absorbed by `ignore-file BDL001` is a suppressed finding too.
    let unused = finding(&result, "LegacyProfileJob.java", 13, "BDL001");
    assert!(reason(unused).is_some_and(|r| r.starts_with("the suppressions below")));
}

#[test]
fn turning_inline_suppressions_off_brings_every_finding_back() {
    let dirs = [testdata("BDL001/good"), testdata("BDL002/good")];
    let on = run_on(&dirs, true);
    let off = run_on(&dirs, false);
    assert!(off.diagnostics.iter().all(Diagnostic::is_active));
    assert!(
        off.diagnostics
            .iter()
            .all(|d| d.code != "BDL001" && d.code != "BDL002"),
        "without inline suppressions BDL001 and BDL002 report nothing"
    );
    let key = |d: &Diagnostic| (d.path.clone(), d.start.line, d.code, d.fingerprint.clone());
    let suppressed: BTreeSet<_> = on
        .diagnostics
        .iter()
        .filter(|d| d.code != "BDL001")
        .map(key)
        .collect();
    let active: BTreeSet<_> = off.active().map(key).collect();
    assert_eq!(suppressed, active);
    // Every dialect is represented.
    let extensions: BTreeSet<_> = off
        .diagnostics
        .iter()
        .filter_map(|d| Path::new(&d.path).extension())
        .map(|e| e.to_string_lossy().into_owned())
        .collect();
    for ext in ["java", "yaml", "yml", "sql", "xml", "properties", "conf"] {
        assert!(extensions.contains(ext), "no finding in a .{ext} file");
    }

    // Malformed and unused suppressions are not reported either.
    let off = run_on(&[testdata("BDL001/bad"), testdata("BDL002/bad")], false);
    assert!(
        off.diagnostics
            .iter()
            .all(|d| d.code != "BDL001" && d.code != "BDL002")
    );
}

#[test]
fn a_java_file_without_trigger_words_still_gets_its_suppression_findings() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("Plain.java"),
        "class Plain {\n    // bigdata-lint: ignore FLK001\n    int x = 1;\n    // bigdata-lint: ignroe FLK001\n    int y = 2;\n}\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("Untouched.java"), "class Untouched {}\n").expect("write");
    let result = run_on(&[dir.path().to_path_buf()], true);
    let found: Vec<_> = result
        .diagnostics
        .iter()
        .map(|d| (file_name(d), d.start.line, d.code))
        .collect();
    assert_eq!(
        found,
        [
            ("Plain.java".to_owned(), 2, "BDL001"),
            ("Plain.java".to_owned(), 4, "BDL002"),
        ]
    );
    // Neither file was parsed: no rule's trigger word occurs in them.
    assert_eq!(result.files_checked, 2);
    assert_eq!(result.files_parsed, 0);
}

#[test]
fn a_suppression_of_a_rule_that_did_not_run_is_not_unused() {
    let rules = registry::all_rules();
    let metas: Vec<_> = rules.iter().map(|r| r.meta()).collect();
    let select = |words: &[&str]| Selection {
        select: Some(
            words
                .iter()
                .map(|w| Selector::parse(w, &metas).expect("selector"))
                .collect(),
        ),
        ..Selection::default()
    };
    // FLK001 is not selected: its (now stale) suppressions cannot be judged.
    let result = run(&RunOptions {
        paths: vec![testdata("BDL001/bad")],
        selection: select(&["BDL001", "HDP001", "RDS001"]),
        ..RunOptions::default()
    });
    let codes_named: BTreeSet<_> = result
        .diagnostics
        .iter()
        .map(|d| d.message.split_whitespace().nth(2).unwrap_or("").to_owned())
        .collect();
    assert!(!codes_named.contains("FLK001"), "{codes_named:?}");
    assert!(codes_named.contains("HDP001") && codes_named.contains("RDS001"));

    // `ignore-file BDL001` protects suppressions of FLK002, which does not run here.
    let result = run(&RunOptions {
        paths: vec![testdata("BDL001/good/LegacyProfileJob.java")],
        selection: select(&["BDL001"]),
        ..RunOptions::default()
    });
    assert!(result.diagnostics.is_empty(), "{:#?}", result.diagnostics);
}

#[test]
fn malformed_suppressions_are_reported_and_valid_codes_still_apply() {
    let result = run_on(&[testdata("BDL002/bad")], true);
    let xml = finding(&result, "hdfs-site.xml", 5, "BDL002");
    assert!(xml.message.contains("`--`"), "{}", xml.message);
    let replication = finding(&result, "hdfs-site.xml", 8, "HDP001");
    assert_eq!(reason(replication), Some("single-node development cluster"));
    // A misspelt directive suppresses nothing.
    assert!(finding(&result, "flink-conf.yaml", 4, "FLK001").is_active());
    // A reason without its separator: one problem, and the code before it still applies.
    let text = finding(&result, "spark-defaults.conf", 3, "BDL002");
    assert_eq!(text.message, "`because` is not a rule code");
    assert_eq!(
        text.help.as_deref(),
        Some("separate the reason from the codes with ` -- `")
    );
    assert!(!finding(&result, "spark-defaults.conf", 4, "HDP001").is_active());
}

fn bin_output(format: &str, dir: &str) -> Value {
    let output = Command::cargo_bin("bigdata-lint")
        .expect("binary is built")
        .current_dir(common::root())
        .args(["--format", format, dir])
        .output()
        .expect("the binary runs");
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "{format} output is JSON ({e}); stderr: {}",
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

#[test]
fn json_output_carries_the_justification() {
    let json = bin_output("json", "testdata/BDL001/good");
    assert_eq!(json["version"], 1);
    let diagnostics = json["diagnostics"].as_array().expect("diagnostics");
    assert!(!diagnostics.is_empty());
    assert_eq!(json["summary"]["suppressed"], diagnostics.len());
    assert_eq!(json["summary"]["errors"], 0);
    assert_eq!(json["summary"]["warnings"], 0);
    assert_eq!(json["summary"]["infos"], 0);
    let sql = diagnostics
        .iter()
        .find(|d| {
            d["path"]
                .as_str()
                .is_some_and(|p| p.ends_with("replay.sql"))
                && d["code"] == "HDP001"
        })
        .expect("the SQL finding");
    assert_eq!(sql["suppression"]["kind"], "inSource");
    assert_eq!(sql["suppression"]["justification"], "scratch table");
    assert_eq!(sql["suppression"]["scope"], "line");
    let file_level = diagnostics
        .iter()
        .find(|d| {
            d["path"]
                .as_str()
                .is_some_and(|p| p.ends_with("ReplayJob.java"))
        })
        .expect("the file-level suppression");
    assert_eq!(file_level["suppression"]["scope"], "file");
    let bare = diagnostics
        .iter()
        .find(|d| {
            d["path"]
                .as_str()
                .is_some_and(|p| p.ends_with("ProfilingJob.java"))
                && d["start"]["line"] == 14
        })
        .expect("the suppression without a reason");
    assert_eq!(bare["suppression"]["justification"], Value::Null);

    let active = bin_output("json", "testdata/BDL001/bad");
    let first = &active["diagnostics"][0];
    assert!(
        first
            .as_object()
            .expect("object")
            .contains_key("suppression")
    );
    assert_eq!(first["suppression"], Value::Null);
}

#[test]
fn sarif_output_marks_suppressed_results_in_source() {
    let log = bin_output("sarif", "testdata/BDL001/good");
    let run = &log["runs"][0];
    let results = run["results"].as_array().expect("results");
    assert!(!results.is_empty());
    for result in results {
        let suppressions = result["suppressions"].as_array().expect("suppressions");
        assert_eq!(suppressions.len(), 1, "{result}");
        assert_eq!(suppressions[0]["kind"], "inSource");
        assert!(suppressions[0].get("status").is_none());
        let location = &suppressions[0]["location"]["physicalLocation"];
        assert_eq!(
            location["artifactLocation"],
            result["locations"][0]["physicalLocation"]["artifactLocation"]
        );
    }
    let xml = results
        .iter()
        .find(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .is_some_and(|u| u.ends_with("hdfs-site.xml"))
        })
        .expect("the XML result");
    assert_eq!(
        xml["suppressions"][0]["justification"],
        "single-node development cluster, one datanode"
    );
    assert_eq!(
        xml["suppressions"][0]["location"]["physicalLocation"]["region"]["startLine"],
        8
    );
    // The suppression rules are described like every other rule.
    let ids: Vec<_> = run["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    assert!(
        ids.contains(&"BDL001") && ids.contains(&"BDL002"),
        "{ids:?}"
    );

    let active = bin_output("sarif", "testdata/BDL001/bad");
    for result in active["runs"][0]["results"].as_array().expect("results") {
        let suppressed = result.get("suppressions").is_some();
        let suppressible = matches!(result["ruleId"].as_str(), Some("FLK001" | "FLK005"));
        assert_eq!(suppressed, suppressible, "{result}");
    }
}
