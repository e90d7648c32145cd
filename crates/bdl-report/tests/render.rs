//! Golden renders of a small fixed report in every machine-readable format, plus the SARIF
//! properties GitHub code scanning depends on and the escaping and well-formedness properties
//! of the GitHub Actions, JUnit and Checkstyle formats; and the human format on hostile text
//! and spans: any span on any text is drawn, positions agree with `LineIndex`, long lines are
//! cut to windows, and no control character reaches the output.
//!
//! Set `BDL_REPORT_SARIF_OUT=/some/file.sarif` to also write the SARIF render there, e.g. to
//! feed it to `scripts/validate-sarif.sh`.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::sync::Arc;

use bdl_core::{
    Diagnostic, Edit, FileKind, Fix, Label, LineCol, LineIndex, RuleMeta, Severity, Span,
    Suppression,
};
use bdl_report::human::{HumanOptions, SourceError, write_human, write_source_error};
use bdl_report::{
    Report, SUMMARY_FINDINGS_LIMIT, escape, needs_escape, write_checkstyle, write_concise,
    write_github, write_github_summary, write_json, write_junit, write_sarif,
};
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
    fix: bdl_core::FixAvailability::None,
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
    fix: bdl_core::FixAvailability::None,
};

static RULES: [&RuleMeta; 2] = [&CHECKPOINT_INTERVAL, &REPLICATION];

fn at(line: u32, column: u32) -> LineCol {
    LineCol { line, column }
}

fn edit(span: Span, start: LineCol, end: LineCol, content: &str) -> Edit {
    Edit {
        span,
        content: content.to_owned(),
        start,
        end,
    }
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
            suppression: None,
            redactions: Vec::new(),
            // An unsafe fix of two edits: an insertion and a replacement.
            fix: Some(Fix::unsafe_fix(
                "raise `INTERVAL_MS` to 2 minutes; other uses of it change too",
                vec![
                    edit(
                        Span::new(120, 144),
                        at(5, 5),
                        at(5, 29),
                        "INTERVAL_MS = 120_000",
                    ),
                    edit(Span::new(410, 410), at(14, 9), at(14, 9), "/* was 1 s */ "),
                ],
            )),
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
            suppression: None,
            redactions: Vec::new(),
            fix: None,
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
            suppression: None,
            redactions: Vec::new(),
            fix: Some(Fix::safe(
                "set `dfs.replication` to 3",
                vec![edit(Span::new(120, 121), at(7, 12), at(7, 13), "3")],
            )),
        },
        // A finding covered by an inline suppression comment on the line above: only JSON and
        // SARIF show it.
        Diagnostic {
            code: "FLK001",
            name: "checkpoint-interval-too-short",
            severity: Severity::Warning,
            message: "checkpoint interval is 5 s, below the 60 s minimum".to_owned(),
            help: Some("raise `execution.checkpointing.interval`, e.g. to `3min`".to_owned()),
            path: "src/main/resources/config.yaml".to_owned(),
            span: Span::new(112, 114),
            start: at(4, 15),
            end: at(4, 17),
            labels: vec![],
            fingerprint: "5555aaaa5555aaaa".to_owned(),
            suppression: Some(Suppression {
                reason: Some("load-test cluster, see OPS-1234".to_owned()),
                span: Span::new(40, 100),
                start: at(3, 5),
                file_level: false,
            }),
            redactions: Vec::new(),
            fix: None,
        },
    ]
}

/// Every linted file, sorted, as the binary lists them: the three with findings, a clean one and
/// one whose only finding is suppressed.
fn checked_files() -> Vec<String> {
    [
        "./src/main/java/com/acme/Job.java",
        "conf/core-site.xml",
        "conf/flink-conf.yaml",
        "conf\\prod cluster\\hdfs-site-é.xml",
        "src/main/resources/config.yaml",
    ]
    .map(str::to_owned)
    .to_vec()
}

type Writer = fn(&mut dyn std::io::Write, &Report<'_>) -> std::io::Result<()>;

fn render(write: Writer) -> String {
    render_with(write, &diagnostics(), &checked_files())
}

fn render_with(write: Writer, diagnostics: &[Diagnostic], checked_files: &[String]) -> String {
    let report = Report {
        diagnostics,
        rules: &RULES,
        files_checked: checked_files.len(),
        checked_files,
        tool_version: "0.1.0",
        unsafe_fixes: false,
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
fn fixable_findings_are_marked_and_fixes_ride_along() {
    let concise = |unsafe_fixes: bool| {
        let diagnostics = diagnostics();
        let checked = checked_files();
        let report = Report {
            diagnostics: &diagnostics,
            rules: &RULES,
            files_checked: checked.len(),
            checked_files: &checked,
            tool_version: "0.1.0",
            unsafe_fixes,
        };
        let mut out = Vec::new();
        write_concise(&mut out, &report).expect("renders");
        String::from_utf8(out).expect("UTF-8")
    };
    let marked = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.contains("] [*] "))
            .map(|l| l.split(':').next().unwrap_or("").to_owned())
            .collect()
    };
    // Without --unsafe-fixes only the safe fix counts; with it, the unsafe one too.
    assert_eq!(
        marked(&concise(false)),
        ["conf\\prod cluster\\hdfs-site-é.xml"]
    );
    assert_eq!(
        marked(&concise(true)),
        [
            "./src/main/java/com/acme/Job.java",
            "conf\\prod cluster\\hdfs-site-é.xml"
        ]
    );

    let json: Value = serde_json::from_str(&render(write_json)).expect("JSON output parses");
    let fix = &json["diagnostics"][0]["fix"];
    assert_eq!(fix["applicability"], "unsafe");
    assert_eq!(fix["edits"][0]["content"], "INTERVAL_MS = 120_000");
    assert_eq!(fix["edits"][0]["start"]["line"], 5);
    assert_eq!(fix["edits"][0]["span"]["end"], 144);
    assert_eq!(fix["edits"][1]["span"]["start"], 410);
    assert_eq!(json["diagnostics"][1]["fix"], Value::Null);

    let sarif: Value = serde_json::from_str(&render(write_sarif)).expect("SARIF parses");
    let results = &sarif["runs"][0]["results"];
    let fix = &results[0]["fixes"][0];
    assert!(
        fix["description"]["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("Unsafe fix (--unsafe-fixes): Raise `INTERVAL_MS`")),
        "{fix}"
    );
    assert_eq!(fix["properties"]["applicability"], "unsafe");
    let change = &fix["artifactChanges"][0];
    assert_eq!(
        change["artifactLocation"],
        results[0]["locations"][0]["physicalLocation"]["artifactLocation"]
    );
    let insertion = &change["replacements"][1];
    assert_eq!(insertion["deletedRegion"]["startLine"], 14);
    assert_eq!(
        insertion["deletedRegion"]["startColumn"],
        insertion["deletedRegion"]["endColumn"]
    );
    assert_eq!(insertion["insertedContent"]["text"], "/* was 1 s */ ");
    assert!(results[1].get("fixes").is_none());
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
fn json_lists_suppressed_findings_apart_from_the_counts() {
    let json: Value = serde_json::from_str(&render(write_json)).expect("JSON output parses");
    let diagnostics = json["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(diagnostics.len(), 4);
    assert_eq!(json["summary"]["suppressed"], 1);
    let summary = &json["summary"];
    let counted = ["errors", "warnings", "infos", "suppressed"]
        .iter()
        .map(|k| summary[k].as_u64().expect("count"))
        .sum::<u64>();
    assert_eq!(counted, diagnostics.len() as u64);
    for d in &diagnostics[..3] {
        assert!(d.as_object().expect("object").contains_key("suppression"));
        assert_eq!(d["suppression"], Value::Null);
    }
    let suppression = &diagnostics[3]["suppression"];
    assert_eq!(suppression["kind"], "inSource");
    assert_eq!(
        suppression["justification"],
        "load-test cluster, see OPS-1234"
    );
    assert_eq!(suppression["scope"], "line");
    assert_eq!(suppression["start"]["line"], 3);
    assert_eq!(suppression["span"]["start"], 40);
}

#[test]
fn sarif_marks_suppressed_results_in_source() {
    let log = sarif();
    let results = log["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 4);
    for result in &results[..3] {
        assert!(result.get("suppressions").is_none(), "{result}");
    }
    let suppressions = results[3]["suppressions"].as_array().expect("suppressions");
    assert_eq!(suppressions.len(), 1);
    assert_eq!(suppressions[0]["kind"], "inSource");
    assert_eq!(
        suppressions[0]["justification"],
        "load-test cluster, see OPS-1234"
    );
    assert!(suppressions[0].get("status").is_none());
    let region = &suppressions[0]["location"]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 3);
    assert_eq!(
        suppressions[0]["location"]["physicalLocation"]["artifactLocation"]["uri"],
        "src/main/resources/config.yaml"
    );

    // Without a reason there is no `justification` (SARIF omits absent properties).
    let mut bare = diagnostics();
    if let Some(s) = bare[3].suppression.as_mut() {
        s.reason = None;
    }
    let log: Value = serde_json::from_str(&render_with(write_sarif, &bare, &checked_files()))
        .expect("SARIF output is JSON");
    let suppression = &log["runs"][0]["results"][3]["suppressions"][0];
    assert_eq!(suppression["kind"], "inSource");
    assert!(suppression.get("justification").is_none(), "{suppression}");
}

#[test]
fn formats_for_people_and_ci_leave_suppressed_findings_out() {
    for (format, text) in [
        ("concise", render(write_concise)),
        ("github", render(write_github)),
        ("checkstyle", render(write_checkstyle)),
        ("junit", render(write_junit)),
        ("github summary", render(write_github_summary)),
    ] {
        assert!(!text.contains("interval is 5 s"), "{format}:\n{text}");
        assert!(!text.contains("config.yaml:4"), "{format}:\n{text}");
    }
    let summary = render(write_github_summary);
    assert!(
        summary.contains("**3 findings** in 5 checked files: 1 error, 1 warning, 1 info. 1 finding is suppressed by inline comments."),
        "{summary}"
    );
    let only_suppressed = &diagnostics()[3..];
    assert_eq!(render_with(write_concise, only_suppressed, &[]), "");
    assert_eq!(render_with(write_github, only_suppressed, &[]), "");
    assert_eq!(
        render_with(write_github_summary, only_suppressed, &[]),
        "## bigdata-lint\n\n**No findings** in 0 checked files. 1 finding is suppressed by inline comments.\n"
    );
    let root = parse_xml(&render_with(write_checkstyle, only_suppressed, &[]));
    assert!(root.children.is_empty());
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
    assert_eq!(
        levels,
        [
            Some("warning"),
            Some("note"),
            Some("error"),
            Some("warning")
        ]
    );
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
            "src/main/resources/config.yaml",
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

#[test]
fn github_golden() {
    insta::assert_snapshot!("github", render(write_github));
}

#[test]
fn github_summary_golden() {
    insta::assert_snapshot!("github_summary", render(write_github_summary));
}

#[test]
fn junit_golden() {
    insta::assert_snapshot!("junit", render(write_junit));
}

#[test]
fn checkstyle_golden() {
    insta::assert_snapshot!("checkstyle", render(write_checkstyle));
}

/// A finding built to break naive escaping: `%`, `:`, `,`, a line break that could start a second
/// workflow command, XML markup and control characters XML 1.0 forbids, in a path with a comma.
fn hostile() -> Diagnostic {
    Diagnostic {
        code: "RDS001",
        name: "jedis-pool-undersized",
        severity: Severity::Warning,
        message: "100% of <maxTotal> & \"maxIdle\": 8, 'min'\n::error::injected\u{0}\u{1b}[0m"
            .to_owned(),
        help: Some("raise `maxTotal` | see docs".to_owned()),
        path: "jobs/a,b:c & d.yaml".to_owned(),
        span: Span::new(3, 9),
        start: at(2, 4),
        end: at(2, 10),
        labels: vec![],
        fingerprint: "1111111111111111".to_owned(),
        suppression: None,
        redactions: Vec::new(),
        fix: None,
    }
}

/// The hostile message as XML gives it back: the line breaks kept (as character references), the
/// control characters XML 1.0 forbids as the visible escapes of the text formats.
const HOSTILE_XML_MESSAGE: &str = "100% of <maxTotal> & \"maxIdle\": 8, 'min'\n::error::injected\\x00\\x1b[0m\nhelp: raise `maxTotal` | see docs";

#[test]
fn github_escapes_data_and_properties() {
    let out = render_with(write_github, &[hostile()], &[]);
    assert_eq!(
        out,
        "::warning file=jobs/a%2Cb%3Ac & d.yaml,line=2,col=4,endLine=2,endColumn=10,\
         title=RDS001 jedis-pool-undersized::100%25 of <maxTotal> & \"maxIdle\": 8, 'min'\
         %0A::error::injected\\x00\\x1b[0m%0Ahelp: raise `maxTotal` | see docs\n"
    );
    // One command per finding: no line break inside a command can start another one.
    assert_eq!(out.lines().count(), 1);
}

#[test]
fn github_commands_one_per_finding_with_columns_only_on_one_line() {
    let out = render(write_github);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(
        lines[0].starts_with(
            "::warning file=src/main/java/com/acme/Job.java,line=14,endLine=15,title="
        )
    );
    assert!(!lines[0].contains("col="), "{}", lines[0]);
    assert!(
        lines[1]
            .starts_with("::notice file=conf/flink-conf.yaml,line=1,col=1,endLine=1,endColumn=1,")
    );
    assert!(lines[2].starts_with("::error file=conf/prod cluster/hdfs-site-é.xml,line=7,col=12,"));
    for line in lines {
        let (properties, message) = line
            .split_once("::")
            .map(|(_, rest)| rest)
            .and_then(|rest| rest.split_once("::"))
            .expect("::command properties::message");
        assert!(
            properties.split(',').all(|p| p.contains('=')),
            "{properties}"
        );
        assert!(!message.is_empty());
    }
}

fn summary_rows(summary: &str) -> Vec<&str> {
    summary.lines().filter(|l| l.starts_with('|')).collect()
}

/// The cells of a Markdown table row, split at unescaped `|`.
fn cells(row: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut escaped = false;
    for c in row
        .trim()
        .trim_start_matches('|')
        .trim_end_matches('|')
        .chars()
    {
        match c {
            '|' if !escaped => cells.push(String::new()),
            _ => cells.last_mut().expect("one cell").push(c),
        }
        escaped = c == '\\';
    }
    cells.iter().map(|c| c.trim().to_owned()).collect()
}

#[test]
fn github_summary_escapes_cells_and_lists_at_most_the_limit() {
    let mut many: Vec<Diagnostic> = (1..=60)
        .map(|line| {
            let mut d = hostile();
            d.start = at(line, 1);
            d.end = at(line, 2);
            d
        })
        .collect();
    many[0].message = "a | b\nc".to_owned();
    let out = render_with(write_github_summary, &many, &[]);
    assert!(
        out.contains("**60 findings** in 0 checked files: 0 errors, 60 warnings, 0 info."),
        "{out}"
    );
    assert!(out.contains("### First 50 findings"), "{out}");
    assert!(out.contains("Showing 50 of 60 findings"), "{out}");
    let rows = summary_rows(&out);
    // Header and alignment row of both tables, one rule, at most 50 findings.
    assert_eq!(rows.len(), 2 + 1 + 2 + SUMMARY_FINDINGS_LIMIT);
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(cells(row).len(), if i < 3 { 4 } else { 3 }, "{row}");
    }
    assert_eq!(
        cells(rows[2]),
        ["`RDS001`", "jedis-pool-undersized", "warning", "60"]
    );
    assert_eq!(cells(rows[5])[0], "`jobs/a,b:c & d.yaml:1`");
    assert_eq!(cells(rows[5])[2], "a \\| b<br>c");
    assert!(out.lines().all(|l| !l.contains('\r')));
}

#[test]
fn github_summary_without_findings_has_no_tables() {
    let out = render_with(write_github_summary, &[], &checked_files());
    assert_eq!(
        out,
        "## bigdata-lint\n\n**No findings** in 5 checked files.\n"
    );
}

/// An XML element read back with quick-xml: attributes and text unescaped.
#[derive(Debug, Default)]
struct Element {
    name: String,
    attributes: BTreeMap<String, String>,
    text: String,
    children: Vec<Element>,
}

impl Element {
    fn attr(&self, name: &str) -> &str {
        self.attributes.get(name).map_or("", String::as_str)
    }

    fn all(&self, name: &str) -> Vec<&Element> {
        self.children.iter().filter(|c| c.name == name).collect()
    }
}

fn start(e: &quick_xml::events::BytesStart<'_>) -> Element {
    let attributes = e
        .attributes()
        .map(|a| {
            let a = a.expect("well-formed attribute");
            let key = String::from_utf8(a.key.as_ref().to_vec()).expect("UTF-8 name");
            let value = a.unescape_value().expect("valid escapes").into_owned();
            (key, value)
        })
        .collect();
    Element {
        name: String::from_utf8(e.name().as_ref().to_vec()).expect("UTF-8 name"),
        attributes,
        ..Element::default()
    }
}

/// Adds a closed element to its parent, or makes it the root when it has none.
fn close(open: &mut [Element], root: &mut Option<Element>, element: Element) {
    if let Some(parent) = open.last_mut() {
        parent.children.push(element);
    } else {
        assert!(root.is_none(), "a second root element");
        *root = Some(element);
    }
}

/// Parses a whole document, panicking unless it is well-formed with exactly one root element,
/// and checks that it uses no character XML 1.0 forbids.
fn parse_xml(text: &str) -> Element {
    use quick_xml::events::Event;

    let allowed = |c: char| matches!(c, '\t' | '\n' | '\r' | ' '..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..);
    assert!(text.chars().all(allowed), "a character XML 1.0 forbids");
    assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));

    let mut reader = quick_xml::Reader::from_str(text);
    let mut open: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Decl(_) => {}
            Event::Start(e) => open.push(start(&e)),
            Event::Empty(e) => close(&mut open, &mut root, start(&e)),
            Event::End(e) => {
                let element = open.pop().expect("an open element");
                assert_eq!(element.name.as_bytes(), e.name().as_ref());
                close(&mut open, &mut root, element);
            }
            Event::Text(t) => {
                let t = t.decode().expect("UTF-8 text");
                if let Some(element) = open.last_mut() {
                    element.text.push_str(&t);
                } else {
                    assert!(t.trim().is_empty(), "text outside the root: {t:?}");
                }
            }
            Event::GeneralRef(r) => {
                let resolved =
                    if let Some(c) = r.resolve_char_ref().expect("valid character reference") {
                        c.to_string()
                    } else {
                        let name = r.decode().expect("UTF-8 reference");
                        quick_xml::escape::resolve_predefined_entity(&name)
                            .expect("a predefined entity")
                            .to_owned()
                    };
                open.last_mut()
                    .expect("a reference inside an element")
                    .text
                    .push_str(&resolved);
            }
            Event::Eof => break,
            other => panic!("unexpected XML event {other:?}"),
        }
    }
    assert!(open.is_empty(), "unclosed elements");
    root.expect("a root element")
}

#[test]
fn junit_has_one_testcase_per_checked_file() {
    let root = parse_xml(&render(write_junit));
    assert_eq!(root.name, "testsuites");
    assert_eq!(root.attr("tests"), "5");
    assert_eq!(root.attr("failures"), "3");
    let suites = root.all("testsuite");
    assert_eq!(suites.len(), 1);
    let suite = suites[0];
    assert_eq!(suite.attr("name"), "bigdata-lint");
    assert_eq!(suite.attr("tests"), "5");
    assert_eq!(suite.attr("failures"), "3");
    let cases = suite.all("testcase");
    let names: Vec<&str> = cases.iter().map(|c| c.attr("name")).collect();
    assert_eq!(
        names,
        [
            "conf/core-site.xml",
            "conf/flink-conf.yaml",
            "conf/prod cluster/hdfs-site-é.xml",
            "src/main/java/com/acme/Job.java",
            "src/main/resources/config.yaml",
        ]
    );
    // The clean file passes: no failure, no error, no skipped; so does the file whose only
    // finding is suppressed.
    assert!(cases[0].children.is_empty(), "{:?}", cases[0]);
    assert!(cases[4].children.is_empty(), "{:?}", cases[4]);
    for case in &cases[1..4] {
        assert_eq!(case.all("failure").len(), 1, "{case:?}");
        assert_eq!(case.attr("classname"), "bigdata-lint");
        assert_eq!(case.attr("file"), case.attr("name"));
    }
    let failure = cases[2].all("failure")[0];
    assert_eq!(failure.attr("type"), "HDP001");
    assert_eq!(
        failure.attr("message"),
        "7:12: HDP001 [error] `dfs.replication` is 1, below the minimum of 3"
    );
    assert_eq!(
        failure.text,
        "conf/prod cluster/hdfs-site-é.xml:7:12: HDP001 [error] `dfs.replication` is 1, below the minimum of 3\n  help: set `dfs.replication` to 3"
    );
}

#[test]
fn junit_lists_every_finding_of_a_file_in_one_failure() {
    let mut second = hostile();
    second.code = "RDS002";
    second.start = at(9, 1);
    second.end = at(9, 5);
    second.severity = Severity::Error;
    let checked = [
        "jobs/a,b:c & d.yaml".to_owned(),
        "jobs/clean.yaml".to_owned(),
    ];
    let root = parse_xml(&render_with(write_junit, &[hostile(), second], &checked));
    assert_eq!(root.attr("tests"), "2");
    assert_eq!(root.attr("failures"), "1");
    let suite = root.all("testsuite")[0];
    let cases = suite.all("testcase");
    assert_eq!(cases[0].attr("name"), "jobs/a,b:c & d.yaml");
    assert_eq!(cases[1].attr("name"), "jobs/clean.yaml");
    assert!(cases[1].children.is_empty());
    let failures = cases[0].all("failure");
    assert_eq!(failures.len(), 1);
    assert_eq!(failures[0].attr("type"), "RDS001, RDS002");
    assert_eq!(
        failures[0].attr("message"),
        "2:4: RDS001 [warning] 100% of <maxTotal> & \"maxIdle\": 8, 'min'\\n::error::injected\\x00\\x1b[0m (and 1 more)"
    );
    // One line per finding and one per help: the line break in the message is escaped, so it
    // can neither split a finding nor start a line with `::error`.
    let lines: Vec<&str> = failures[0].text.lines().collect();
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert_eq!(
        lines[0],
        "jobs/a,b:c & d.yaml:2:4: RDS001 [warning] 100% of <maxTotal> & \"maxIdle\": 8, 'min'\\n::error::injected\\x00\\x1b[0m"
    );
    assert_eq!(
        lines[2],
        "jobs/a,b:c & d.yaml:9:1: RDS002 [error] 100% of <maxTotal> & \"maxIdle\": 8, 'min'\\n::error::injected\\x00\\x1b[0m"
    );
    assert_eq!(lines[3], "  help: raise `maxTotal` | see docs");
}

#[test]
fn junit_reports_files_with_findings_even_when_not_listed_as_checked() {
    let root = parse_xml(&render_with(write_junit, &diagnostics(), &[]));
    assert_eq!(root.attr("tests"), "3");
    assert_eq!(root.attr("failures"), "3");
    let empty = parse_xml(&render_with(write_junit, &[], &[]));
    assert_eq!(empty.attr("tests"), "0");
    assert_eq!(empty.all("testsuite")[0].children.len(), 0);
}

#[test]
fn checkstyle_is_well_formed_and_keeps_messages_intact() {
    let root = parse_xml(&render_with(write_checkstyle, &[hostile()], &[]));
    assert_eq!(root.name, "checkstyle");
    assert_eq!(root.attr("version"), "4.3");
    let files = root.all("file");
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].attr("name"), "jobs/a,b:c & d.yaml");
    let errors = files[0].all("error");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].attr("line"), "2");
    assert_eq!(errors[0].attr("column"), "4");
    assert_eq!(errors[0].attr("severity"), "warning");
    assert_eq!(errors[0].attr("source"), "bigdata-lint.RDS001");
    assert_eq!(errors[0].attr("message"), HOSTILE_XML_MESSAGE);
}

#[test]
fn checkstyle_lists_only_files_with_findings() {
    let root = parse_xml(&render(write_checkstyle));
    let names: Vec<&str> = root.all("file").iter().map(|f| f.attr("name")).collect();
    assert_eq!(
        names,
        [
            "conf/flink-conf.yaml",
            "conf/prod cluster/hdfs-site-é.xml",
            "src/main/java/com/acme/Job.java",
        ]
    );
    let severities: Vec<&str> = root
        .all("file")
        .iter()
        .flat_map(|f| f.all("error"))
        .map(|e| e.attr("severity"))
        .collect();
    assert_eq!(severities, ["info", "error", "warning"]);
    let empty = parse_xml(&render_with(write_checkstyle, &[], &checked_files()));
    assert!(empty.children.is_empty());
}

// ---------------------------------------------------------------------------------------------
// The human format on hostile text and spans.

/// A finding of FLK001 in `path` at `span`, with its positions from `text` as the engine
/// computes them, and the given labels.
fn finding_at(path: &str, text: &str, span: Span, labels: &[(Span, &str)]) -> Diagnostic {
    finding_indexed(path, text, &LineIndex::new(text), span, labels)
}

fn finding_indexed(
    path: &str,
    text: &str,
    index: &LineIndex,
    span: Span,
    labels: &[(Span, &str)],
) -> Diagnostic {
    Diagnostic {
        code: "FLK001",
        name: "checkpoint-interval-too-short",
        severity: Severity::Error,
        message: "checkpoint interval is 100ms, below 1s".to_owned(),
        help: Some("raise the interval".to_owned()),
        path: path.to_owned(),
        span,
        start: index.line_col(text, span.start),
        end: index.line_col(text, span.end),
        labels: labels
            .iter()
            .map(|&(span, message)| Label {
                span,
                start: index.line_col(text, span.start),
                message: message.to_owned(),
            })
            .collect(),
        fingerprint: "0000000000000000".to_owned(),
        suppression: None,
        redactions: Vec::new(),
        fix: None,
    }
}

fn human(diagnostics: &[Diagnostic], sources: &[(&str, &str)], options: HumanOptions) -> String {
    let sources: HashMap<String, Arc<str>> = sources
        .iter()
        .map(|&(path, text)| (path.to_owned(), Arc::from(text)))
        .collect();
    let mut out = Vec::new();
    write_human(&mut out, diagnostics, &sources, options).expect("writing to a Vec cannot fail");
    String::from_utf8(out).expect("human output is UTF-8")
}

fn plain(width: usize) -> HumanOptions {
    HumanOptions {
        color: false,
        width,
        unsafe_fixes: false,
    }
}

/// What every human report must be, whatever it was given: drawn by miette (not the plain
/// fallback), lines of bounded length, no control character but line feeds, and no line that
/// GitHub Actions would run as a workflow command.
fn check_human(out: &str, what: &str) {
    assert!(
        out.contains("FLK001(checkpoint-interval-too-short)"),
        "{what}: not drawn by miette:\n{out}"
    );
    for line in out.lines() {
        assert!(
            line.chars().count() <= 400,
            "{what}: a line of {} characters",
            line.chars().count()
        );
        assert!(!line.trim_start().starts_with("::"), "{what}: {line:?}");
    }
    assert!(
        !out.chars().any(|c| c != '\n' && needs_escape(c)),
        "{what}: a raw control character in\n{out:?}"
    );
}

#[test]
fn human_draws_any_span_on_any_text() {
    let megabyte_line = format!("{}\r{}", "x".repeat(1 << 20), "y".repeat(10));
    let texts = [
        "",
        "a",
        "é中𝄞",
        "a\rb\r\nc\nd\r\r\n",
        "\u{1b}[2J\u{7}\u{0}\u{7f}\u{85}\u{202e}\t\r",
        &megabyte_line,
    ];
    let m = usize::MAX;
    let spans = [
        (0, 0),
        (0, 1),
        (1, 2),
        (2, 1),
        (3, 3),
        (0, 40),
        (1 << 20, (1 << 20) + 1),
        (1 << 19, (1 << 20) + 5),
        (99, 120),
        (m - 1, m),
        (0, m),
        (m, 0),
    ];
    for text in texts {
        let index = LineIndex::new(text);
        for &(start, end) in &spans {
            for &(label_start, label_end) in &[(0, 0), (end, start), (start, m)] {
                // Not `Span::new`: a start after the end must be survived as well.
                let span = Span { start, end };
                let label = Span {
                    start: label_start,
                    end: label_end,
                };
                let d = finding_indexed("f.java", text, &index, span, &[(label, "the label")]);
                for options in [plain(100), plain(0), plain(usize::MAX)] {
                    let out = human(std::slice::from_ref(&d), &[("f.java", text)], options);
                    let what = format!("{} bytes, span {start}..{end}", text.len());
                    check_human(&out, &what);
                }
                let colored = human(
                    std::slice::from_ref(&d),
                    &[("f.java", text)],
                    HumanOptions {
                        color: true,
                        width: 100,
                        unsafe_fixes: false,
                    },
                );
                assert!(colored.contains("FLK001"), "{colored}");
            }
        }
    }
}

#[test]
fn human_positions_agree_with_the_line_index() {
    // Lone CR, CRLF and LF line ends, and multi-byte characters before the span: miette itself
    // would count the lone CR as part of a line and the columns in bytes.
    let text = "// ééé\rint a;\r\n/* 中文 */ env.enableCheckpointing(100);\nint b;\r";
    let at = text.find("100").expect("the interval");
    let d = finding_at("Job.java", text, Span::new(at, at + 3), &[]);
    // 33 characters before the span on its line (37 bytes).
    assert_eq!((d.start.line, d.start.column), (3, 34));
    let out = human(&[d], &[("Job.java", text)], plain(100));
    check_human(&out, "mixed line ends");
    assert!(
        out.contains(
            "╭─[Job.java:3:34]\n 2 │ int a;\n 3 │ /* 中文 */ env.enableCheckpointing(100);\n   ·                                    ───\n 4 │ int b;\n"
        ),
        "{out}"
    );
}

#[test]
fn human_cuts_long_lines_to_a_window_around_the_span() {
    // 1,000 findings on one line of a megabyte: each shows 40 characters either side of it.
    let line = (0..100_000).fold(String::new(), |mut line, i| {
        let _ = write!(line, "f({i:07});");
        line
    });
    let text = format!("class A {{\n{line}\n}}\n");
    let index = LineIndex::new(&text);
    let diagnostics: Vec<Diagnostic> = (0..1_000)
        .map(|i| {
            let at = 10 + i * 1_000 * 11 + 2;
            finding_indexed("A.java", &text, &index, Span::new(at, at + 7), &[])
        })
        .collect();
    let out = human(&diagnostics, &[("A.java", &text)], plain(100));
    assert!(out.len() < diagnostics.len() * 1_000, "{} bytes", out.len());
    check_human(&out, "a line of a megabyte");
    assert!(
        out.contains(
            "╭─[A.java:2:11003]\n 1 │ class A {\n 2 │ …996);f(0000997);f(0000998);f(0000999);f(0001000);f(0001001);f(0001002);f(0001003);f(000…\n   ·                                          ───────\n 3 │ }\n"
        ),
        "{}",
        out.chars().take(3_000).collect::<String>()
    );
    // A label far from the span on the same line gets a window of its own.
    let far = 10 + 500_000;
    let d = finding_at(
        "A.java",
        &text,
        Span::new(12, 19),
        &[(Span::new(far, far + 11), "this one")],
    );
    let out = human(&[d], &[("A.java", &text)], plain(100));
    check_human(&out, "two windows");
    assert!(
        out.contains(" 2 │ f(0000000);f(0000001);f(0000002);f(0000003);f(000…;f(0045451);f(0045452);f(0045453);f(0045454);f(0045455);f(0045456);f(0045457);f(0045458);f(…\n"),
        "{out}"
    );
}

#[test]
fn human_escapes_control_characters_everywhere() {
    let path = "conf/a\n::error file=x::pwned\u{1b}[31m\u{7}.yaml";
    let text = "name: \"\u{1b}]0;title\u{7}\"\nmaxTotal: 1\n";
    let mut d = finding_at(
        path,
        text,
        Span::new(6, 18),
        &[(Span::new(29, 30), "set here to \u{1b}[5m1")],
    );
    d.message = "value `\u{1b}]0;title\u{7}` ::error file=x::pwned".to_owned();
    d.help = Some("help\nline \u{9b}2J".to_owned());
    for width in [100, 20, 30, 40] {
        let out = human(std::slice::from_ref(&d), &[(path, text)], plain(width));
        check_human(&out, &format!("width {width}"));
        assert!(
            out.contains(r"╭─[conf/a\n::error file=x::pwned\x1b[31m\x07.yaml:1:7]"),
            "{out}"
        );
        assert!(out.contains(r#" 1 │ name: "\x1b]0;title\x07""#), "{out}");
        assert!(out.contains(r"set here to \x1b[5m1"), "{out}");
        assert!(out.contains(r"\u{9b}2J"), "{out}");
    }
    // Without the file's text, the position follows the message, escaped as well.
    let out = human(&[d], &[], plain(100));
    check_human(&out, "no text");
    assert!(
        out.contains(r"at conf/a\n::error file=x::pwned\x1b[31m\x07.yaml:1:7"),
        "{out}"
    );
}

#[test]
fn settings_errors_survive_any_span() {
    let long = format!("select: [{}]\r", "FLK,".repeat(30_000));
    for text in ["", "select: [FLK]\r\u{1b}[2J: x\n", long.as_str()] {
        for span in [
            (0, 0),
            (3, 2),
            (10, usize::MAX),
            (usize::MAX, 1),
            (usize::MAX, usize::MAX),
        ] {
            let error = SourceError {
                path: ".bigdata-lint\n::error::x\u{1b}.yaml",
                text,
                span,
                message: "unknown key `\u{1b}[2J`",
                help: Some("remove it\u{7}"),
            };
            let mut out = Vec::new();
            write_source_error(&mut out, &error, plain(100)).expect("writing to a Vec");
            let out = String::from_utf8(out).expect("UTF-8");
            assert!(out.contains(r"unknown key `\x1b[2J`"), "{out}");
            assert!(
                !out.chars().any(|c| c != '\n' && needs_escape(c)),
                "{out:?}"
            );
            assert!(out.lines().all(|l| l.chars().count() < 400), "{out}");
        }
    }
}

#[test]
fn escaping_helper() {
    assert_eq!(escape("a\nb\rc\td"), r"a\nb\rc\td");
    assert_eq!(
        escape("\u{1b}[31m\u{7}\u{0}\u{7f}"),
        r"\x1b[31m\x07\x00\x7f"
    );
    assert_eq!(escape("\u{85}\u{202e}\u{2028}"), r"\u{85}\u{202e}\u{2028}");
    assert_eq!(escape(r"C:\code\é 中.java"), r"C:\code\é 中.java");
    // Concise output uses it for paths and messages, and a path never starts the line with `::`.
    let mut d = hostile();
    d.path = "::error file=x::y\u{1b}.yaml".to_owned();
    let out = render_with(write_concise, &[d], &[]);
    assert_eq!(
        out,
        "./::error file=x::y\\x1b.yaml:2:4: RDS001 [warning] 100% of <maxTotal> & \"maxIdle\": 8, 'min'\\n::error::injected\\x00\\x1b[0m\n"
    );
}
