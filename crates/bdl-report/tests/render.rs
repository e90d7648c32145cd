//! Golden renders of a small fixed report in every machine-readable format, plus the SARIF
//! properties GitHub code scanning depends on.
//!
//! Set `BDL_REPORT_SARIF_OUT=/some/file.sarif` to also write the SARIF render there, e.g. to
//! feed it to `scripts/validate-sarif.sh`.

use bdl_core::{Diagnostic, FileKind, Label, LineCol, RuleMeta, Severity, Span};
use bdl_report::{Report, write_concise, write_json, write_sarif};
use serde_json::Value;

static CHECKPOINT_INTERVAL: RuleMeta = RuleMeta {
    code: "FLK001",
    name: "checkpoint-interval-too-short",
    summary: "Checkpoint interval too short for the state to be written",
    severity: Severity::Warning,
    kinds: &[FileKind::FlinkConf, FileKind::Java],
    triggers: &["execution.checkpointing.interval", "enableCheckpointing"],
    options: &[],
    docs: " ## What it does
 Flags a checkpoint interval below `min-interval`.

 ## Why is this bad?
 Checkpoints that take longer than the interval pile up and starve the job.

 ## Example
 ```yaml
 execution.checkpointing.interval: 1s
 ```
 Use instead:
 ```yaml
 execution.checkpointing.interval: 2min
 ```

 ## How to fix
 Raise the interval.

 ## Options
 - `min-interval` (duration, default `60s`)

 ## References
 - Flink documentation: Checkpointing
",
    file: "lints/flink/src/rules/checkpoint_interval_too_short.rs",
    line: 1,
};

static REPLICATION: RuleMeta = RuleMeta {
    code: "HDP001",
    name: "hdfs-replication-too-low",
    summary: "HDFS files written with fewer than three replicas",
    severity: Severity::Error,
    kinds: &[FileKind::HadoopXml],
    triggers: &["dfs.replication"],
    options: &[],
    docs: " ## What it does
 Flags `dfs.replication` below 3.

 ## Why is this bad?
 A single lost disk loses data.
",
    file: "lints/hadoop/src/rules/hdfs_replication_too_low.rs",
    line: 1,
};

static RULES: [&RuleMeta; 2] = [&CHECKPOINT_INTERVAL, &REPLICATION];

fn at(line: u32, column: u32) -> LineCol {
    LineCol { line, column }
}

/// Sorted by (path, line, column, code), as the engine hands them over.
fn diagnostics() -> Vec<Diagnostic> {
    vec![
        // A finding with a secondary label, spanning two lines.
        Diagnostic {
            code: "FLK001",
            name: "checkpoint-interval-too-short",
            severity: Severity::Warning,
            message: "checkpoint interval is 1 s, below the 60 s minimum".to_owned(),
            help: Some("raise the interval, e.g. to `Duration.ofMinutes(2)`".to_owned()),
            path: "./src/main/java/com/acme/Job.java".to_owned(),
            span: Span::new(410, 455),
            start: at(14, 9),
            end: at(15, 31),
            labels: vec![Label {
                span: Span::new(120, 144),
                start: at(5, 5),
                message: "`INTERVAL_MS` is defined here as 1000".to_owned(),
            }],
            fingerprint: "00ff00ff00ff00ff".to_owned(),
        },
        // A file-level finding whose engine positions are 0:0 (clamped to 1:1 on output).
        Diagnostic {
            code: "FLK001",
            name: "checkpoint-interval-too-short",
            severity: Severity::Info,
            message: "checkpointing is configured in a test source".to_owned(),
            help: None,
            path: "conf/flink-conf.yaml".to_owned(),
            span: Span::new(0, 0),
            start: at(0, 0),
            end: at(0, 0),
            labels: vec![],
            fingerprint: "0123456789abcdef".to_owned(),
        },
        // A path with a space and a non-ASCII character, on a Windows-style path.
        Diagnostic {
            code: "HDP001",
            name: "hdfs-replication-too-low",
            severity: Severity::Error,
            message: "`dfs.replication` is 1, below the minimum of 3".to_owned(),
            help: Some("set `dfs.replication` to 3".to_owned()),
            path: "conf\\prod cluster\\hdfs-site-é.xml".to_owned(),
            span: Span::new(120, 121),
            start: at(7, 12),
            end: at(7, 13),
            labels: vec![],
            fingerprint: "fedcba9876543210".to_owned(),
        },
    ]
}

type Writer = fn(&mut dyn std::io::Write, &Report<'_>) -> std::io::Result<()>;

fn render(write: Writer) -> String {
    let diagnostics = diagnostics();
    let report = Report {
        diagnostics: &diagnostics,
        rules: &RULES,
        files_checked: 4,
        tool_version: "0.1.0",
    };
    let mut out = Vec::new();
    write(&mut out, &report).expect("writing to a Vec cannot fail");
    String::from_utf8(out).expect("renderers write UTF-8")
}

fn sarif() -> Value {
    serde_json::from_str(&render(write_sarif)).expect("SARIF output is JSON")
}

#[test]
fn concise_golden() {
    insta::assert_snapshot!("concise", render(write_concise));
}

#[test]
fn json_golden() {
    insta::assert_snapshot!("json", render(write_json));
}

#[test]
fn sarif_golden() {
    let text = render(write_sarif);
    if let Some(path) = std::env::var_os("BDL_REPORT_SARIF_OUT") {
        std::fs::write(path, &text).expect("write the SARIF file");
    }
    insta::assert_snapshot!("sarif", text);
}

#[test]
fn json_is_versioned_and_counts_by_severity() {
    let json: Value = serde_json::from_str(&render(write_json)).expect("JSON output parses");
    assert_eq!(json["version"], 1);
    assert_eq!(json["summary"]["errors"], 1);
    assert_eq!(json["summary"]["warnings"], 1);
    assert_eq!(json["summary"]["infos"], 1);
    assert_eq!(json["diagnostics"][1]["start"]["line"], 1);
    assert_eq!(json["diagnostics"][1]["help"], Value::Null);
}

#[test]
fn sarif_lists_every_enabled_rule_and_indexes_results() {
    let log = sarif();
    let run = &log["runs"][0];
    assert_eq!(log["runs"].as_array().map(Vec::len), Some(1));
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let ids: Vec<_> = rules.iter().map(|r| r["id"].as_str()).collect();
    assert_eq!(ids, [Some("FLK001"), Some("HDP001")]);
    for result in run["results"].as_array().expect("results") {
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
    assert_eq!(run["columnKind"], "unicodeCodePoints");
}

#[test]
fn sarif_levels_map_info_to_note() {
    let log = sarif();
    let levels: Vec<_> = log["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| r["level"].as_str())
        .collect();
    assert_eq!(levels, [Some("warning"), Some("note"), Some("error")]);
    let rules = &log["runs"][0]["tool"]["driver"]["rules"];
    assert_eq!(rules[0]["defaultConfiguration"]["level"], "warning");
    assert_eq!(rules[1]["defaultConfiguration"]["level"], "error");
}

#[test]
fn sarif_regions_start_at_line_one_or_later() {
    let log = sarif();
    for result in log["runs"][0]["results"].as_array().expect("results") {
        let region = &result["locations"][0]["physicalLocation"]["region"];
        assert!(region["startLine"].as_u64() >= Some(1), "{region}");
        assert!(region["startColumn"].as_u64() >= Some(1), "{region}");
        assert!(
            region["endLine"].as_u64() >= region["startLine"].as_u64(),
            "{region}"
        );
    }
    let file_level = &log["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(file_level["startLine"], 1);
    assert_eq!(file_level["startColumn"], 1);
}

#[test]
fn sarif_uris_are_relative_encoded_and_based_on_srcroot() {
    let log = sarif();
    let uris: Vec<_> = log["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| &r["locations"][0]["physicalLocation"]["artifactLocation"])
        .inspect(|location| assert_eq!(location["uriBaseId"], "%SRCROOT%"))
        .map(|location| location["uri"].as_str().expect("uri"))
        .collect();
    assert_eq!(
        uris,
        [
            "src/main/java/com/acme/Job.java",
            "conf/flink-conf.yaml",
            "conf/prod%20cluster/hdfs-site-%C3%A9.xml",
        ]
    );
    for uri in uris {
        assert!(!uri.starts_with('/') && !uri.contains('\\') && !uri.contains(' '));
    }
}

#[test]
fn sarif_messages_are_sentences_with_the_help() {
    let log = sarif();
    let result = &log["runs"][0]["results"][2];
    assert_eq!(
        result["message"]["text"],
        "`dfs.replication` is 1, below the minimum of 3. Set `dfs.replication` to 3."
    );
    assert_eq!(
        result["partialFingerprints"]["bigdataLint/v1"],
        "fedcba9876543210"
    );
}
