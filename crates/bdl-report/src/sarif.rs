//! SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
//!
//! Choices, each checked against the SARIF 2.1.0 specification and GitHub's "SARIF support for
//! code scanning" page:
//!
//! * one run; `tool.driver.rules` lists every enabled rule (not only those that fired), each with
//!   the short and full description, help text and Markdown, `helpUri` and default level that
//!   GitHub shows next to an alert;
//! * rule `name` is the PascalCase form of the kebab-case rule name: SARIF wants a readable
//!   identifier there, and the SARIF validator asks for a single Pascal-case word; the
//!   kebab-case name users write in settings is kept in the rule's `properties.name`;
//! * levels: `error` and `warning` map to themselves, `info` to `note` (SARIF has no "info");
//! * artifact URIs are relative references resolved against `%SRCROOT%` (GitHub reads relative
//!   paths from the repository root); an absolute path becomes a `file:` URI without a base id;
//!   `originalUriBaseIds` describes `%SRCROOT%` without a `uri`, since a `uri` there would have to
//!   be absolute and would leak the machine's directory layout;
//! * regions use 1-based lines and Unicode code point columns (`columnKind`), `endColumn`
//!   exclusive;
//! * the engine's fingerprint goes into `partialFingerprints` under `bigdataLint/v1` (a versioned
//!   hierarchical name, as the specification requires). `primaryLocationLineHash` is left to
//!   GitHub's upload action, which computes it from the file and warns when a tool's value
//!   differs from its own;
//! * a finding covered by an inline suppression comment is a result like any other, with one
//!   `suppressions` entry (§3.27.23, §3.35): `kind` `inSource`, the comment's reason as
//!   `justification` (omitted without one) and the comment as `location`. `status` is omitted:
//!   the suppression is in the code itself, so there is no review state to report, and a
//!   suppression without `status` counts as in effect. GitHub code scanning closes such alerts
//!   as dismissed. Active results carry no `suppressions` property.
//! * a finding with a fix carries one `fixes` entry (§3.27.30, §3.55): its `description`, one
//!   `artifactChange` for the finding's file, and a `replacement` per edit whose `deletedRegion`
//!   gives the replaced text by line and column (start and end equal for an insertion) and
//!   whose `insertedContent` is the new text (left out for a deletion). The applicability
//!   (`safe`, or `unsafe`: only with `--unsafe-fixes`) is in the fix's `properties`, and an
//!   unsafe fix's description says so.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use bdl_core::{Applicability, Diagnostic, Fix, Label, RuleMeta, Severity};
use serde::Serialize;

use crate::{Report, TOOL_NAME, clamp, positions};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const INFORMATION_URI: &str = "https://github.com/bigdata-lint/bigdata-lint";
const SRCROOT: &str = "%SRCROOT%";
const FINGERPRINT_KEY: &str = "bigdataLint/v1";
/// GitHub displays at most this many characters of a rule's descriptions.
const DESCRIPTION_LIMIT: usize = 1024;

/// Writes the report as a pretty-printed SARIF 2.1.0 log followed by a newline.
pub fn write_sarif(w: &mut dyn Write, r: &Report<'_>) -> io::Result<()> {
    let rules = RuleTable::new(r);
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: TOOL_NAME,
                    version: r.tool_version,
                    semantic_version: r.tool_version,
                    information_uri: INFORMATION_URI,
                    rules: rules.descriptors(),
                },
            },
            original_uri_base_ids: BTreeMap::from([(
                SRCROOT,
                BaseId {
                    description: Text {
                        text: "The directory bigdata-lint was run from; paths are relative to it."
                            .to_owned(),
                    },
                },
            )]),
            results: r
                .diagnostics
                .iter()
                .map(|d| result(d, rules.index_of(d.code)))
                .collect(),
            column_kind: "unicodeCodePoints",
        }],
    };
    serde_json::to_writer_pretty(&mut *w, &log)?;
    w.write_all(b"\n")
}

/// The rules of the run: every enabled rule, then a minimal descriptor for any code that
/// reported without being among them, so that every result has a valid `ruleIndex`.
struct RuleTable<'a> {
    enabled: &'a [&'static RuleMeta],
    /// Codes with findings but no metadata, sorted, with one of their diagnostics.
    extra: Vec<&'a Diagnostic>,
}

impl<'a> RuleTable<'a> {
    fn new(r: &Report<'a>) -> Self {
        let mut extra: Vec<&Diagnostic> = Vec::new();
        for d in r.diagnostics {
            let known = r.rules.iter().any(|rule| rule.code == d.code)
                || extra.iter().any(|e| e.code == d.code);
            if !known {
                extra.push(d);
            }
        }
        extra.sort_by_key(|d| d.code);
        Self {
            enabled: r.rules,
            extra,
        }
    }

    fn index_of(&self, code: &str) -> usize {
        self.enabled
            .iter()
            .position(|rule| rule.code == code)
            .or_else(|| {
                self.extra
                    .iter()
                    .position(|d| d.code == code)
                    .map(|i| self.enabled.len() + i)
            })
            // Unreachable: `new` added every reported code.
            .unwrap_or(0)
    }

    fn descriptors(&self) -> Vec<ReportingDescriptor> {
        let enabled = self.enabled.iter().map(|rule| descriptor(rule));
        let extra = self.extra.iter().map(|d| fallback_descriptor(d));
        enabled.chain(extra).collect()
    }
}

fn descriptor(rule: &RuleMeta) -> ReportingDescriptor {
    let docs = rule.documentation();
    let docs = docs.trim();
    let summary = non_empty(rule.summary, rule.code);
    let full = section(docs, "What it does").map_or_else(|| summary.to_owned(), plain_paragraphs);
    let help = if docs.is_empty() { summary } else { docs };
    ReportingDescriptor {
        id: rule.code.to_owned(),
        name: pascal_case(rule.name),
        short_description: Text::new(truncate(summary, DESCRIPTION_LIMIT)),
        full_description: Text::new(truncate(&full, DESCRIPTION_LIMIT)),
        help: Help {
            text: help.to_owned(),
            markdown: help.to_owned(),
        },
        help_uri: Some(crate::rule_url(rule.code)),
        default_configuration: Configuration {
            level: level(rule.severity),
        },
        properties: RuleProperties::new(rule.name, rule.code, rule.severity),
    }
}

/// A descriptor for a code that has findings but no rule metadata (never expected from the
/// engine; kept so that the log stays valid whatever it is given).
fn fallback_descriptor(d: &Diagnostic) -> ReportingDescriptor {
    let text = non_empty(d.name, d.code);
    ReportingDescriptor {
        id: d.code.to_owned(),
        name: pascal_case(text),
        short_description: Text::new(text.to_owned()),
        full_description: Text::new(text.to_owned()),
        help: Help {
            text: text.to_owned(),
            markdown: text.to_owned(),
        },
        help_uri: None,
        default_configuration: Configuration {
            level: level(d.severity),
        },
        properties: RuleProperties::new(d.name, d.code, d.severity),
    }
}

fn result(d: &Diagnostic, rule_index: usize) -> SarifResult<'_> {
    let (start, end) = positions(d);
    let artifact = artifact_location(&d.path);
    let mut text = sentence(non_empty(&d.message, non_empty(d.name, d.code)));
    if let Some(help) = d.help.as_deref().map(str::trim).filter(|h| !h.is_empty()) {
        text.push(' ');
        text.push_str(&sentence(help));
    }
    SarifResult {
        rule_id: d.code,
        rule_index,
        level: level(d.severity),
        message: Text::new(text),
        locations: [Location {
            id: None,
            physical_location: PhysicalLocation {
                artifact_location: artifact.clone(),
                region: Region {
                    start_line: start.line,
                    start_column: start.column,
                    end_line: Some(end.line),
                    end_column: Some(end.column),
                },
            },
            message: None,
        }],
        related_locations: d
            .labels
            .iter()
            .enumerate()
            .map(|(i, label)| related(i, label, &artifact))
            .collect(),
        partial_fingerprints: BTreeMap::from([(FINGERPRINT_KEY, d.fingerprint.as_str())]),
        fixes: d.fix.iter().map(|f| fix(f, &artifact)).collect(),
        suppressions: d
            .suppression
            .iter()
            .map(|s| SarifSuppression {
                kind: "inSource",
                justification: s.reason.clone(),
                location: Location {
                    id: None,
                    physical_location: PhysicalLocation {
                        artifact_location: artifact.clone(),
                        region: Region {
                            start_line: clamp(s.start).line,
                            start_column: clamp(s.start).column,
                            end_line: None,
                            end_column: None,
                        },
                    },
                    message: None,
                },
            })
            .collect(),
    }
}

/// A fix as SARIF's `fix` object: one artifact change, one replacement per edit.
fn fix(fix: &Fix, artifact: &ArtifactLocation) -> SarifFix {
    let description = match fix.applicability {
        Applicability::Safe => sentence(&fix.message),
        Applicability::Unsafe => format!("Unsafe fix (--unsafe-fixes): {}", sentence(&fix.message)),
    };
    SarifFix {
        description: Text::new(description),
        artifact_changes: [ArtifactChange {
            artifact_location: artifact.clone(),
            replacements: fix
                .edits
                .iter()
                .map(|edit| {
                    let start = clamp(edit.start);
                    let end = clamp(edit.end).max(start);
                    Replacement {
                        deleted_region: Region {
                            start_line: start.line,
                            start_column: start.column,
                            end_line: Some(end.line),
                            end_column: Some(end.column),
                        },
                        inserted_content: (!edit.content.is_empty()).then(|| Text {
                            text: edit.content.clone(),
                        }),
                    }
                })
                .collect(),
        }],
        properties: FixProperties {
            applicability: fix.applicability.as_str(),
        },
    }
}

/// A label as a related location. Only its start is known, so the region runs from there to
/// the end of the line (SARIF's meaning of a region without `endColumn`).
fn related(index: usize, label: &Label, artifact: &ArtifactLocation) -> Location {
    let start = clamp(label.start);
    Location {
        id: Some(index),
        physical_location: PhysicalLocation {
            artifact_location: artifact.clone(),
            region: Region {
                start_line: start.line,
                start_column: start.column,
                end_line: None,
                end_column: None,
            },
        },
        message: Some(Text::new(sentence(non_empty(
            &label.message,
            "related location",
        )))),
    }
}

const fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// GitHub's `problem.severity`: how prominently a non-security alert is shown.
const fn problem_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "recommendation",
    }
}

/// The technology a rule code belongs to, used as a tag to filter alerts by.
fn technology(code: &str) -> String {
    match code.get(..3).unwrap_or(code) {
        "FLK" => "flink".to_owned(),
        "HDP" => "hadoop".to_owned(),
        "HBS" => "hbase".to_owned(),
        "RDS" => "redis".to_owned(),
        "ELS" => "elasticsearch".to_owned(),
        other => other.to_ascii_lowercase(),
    }
}

/// `checkpoint-interval-too-short` -> `CheckpointIntervalTooShort`.
fn pascal_case(kebab: &str) -> String {
    kebab
        .split(|c: char| !c.is_alphanumeric())
        .flat_map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .into_iter()
                .flat_map(char::to_uppercase)
                .chain(chars)
        })
        .collect()
}

/// The text as a sentence: trimmed, ending in `.`, `!` or `?`, and capitalised when it starts
/// with a plain lowercase word (messages and help in this project start lowercase and have no
/// trailing period; SARIF viewers show the first sentence when space is short). A first word
/// such as `dfs.replication` or `` `INTERVAL` `` is left as it is.
fn sentence(text: &str) -> String {
    let text = text.trim();
    let first_word = text.split_whitespace().next().unwrap_or("");
    let plain = !first_word.is_empty() && first_word.bytes().all(|b| b.is_ascii_lowercase());
    let mut out = String::with_capacity(text.len() + 1);
    let mut chars = text.chars();
    if plain {
        out.extend(chars.next().map(|c| c.to_ascii_uppercase()));
    }
    out.push_str(chars.as_str());
    if !text.is_empty() && !text.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

fn non_empty<'a>(text: &'a str, fallback: &'a str) -> &'a str {
    if text.trim().is_empty() {
        fallback
    } else {
        text
    }
}

/// At most `limit` characters, ending in `…` when shortened.
fn truncate(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(limit.saturating_sub(1)).collect();
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// The body of the Markdown section whose heading is `title` (any heading level), trimmed.
fn section<'d>(docs: &'d str, title: &str) -> Option<&'d str> {
    let mut start = None;
    let mut offset = 0;
    for line in docs.split_inclusive('\n') {
        let heading = heading_title(line);
        match (start, heading) {
            (None, Some(found)) if found.eq_ignore_ascii_case(title) => {
                start = Some(offset + line.len());
            }
            (Some(from), Some(_)) => return non_blank(docs.get(from..offset)),
            _ => {}
        }
        offset += line.len();
    }
    start.and_then(|from| non_blank(docs.get(from..)))
}

fn heading_title(line: &str) -> Option<&str> {
    let rest = line.trim_start_matches('#');
    (rest.len() < line.len() && rest.starts_with(' ')).then(|| rest.trim())
}

fn non_blank(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|t| !t.is_empty())
}

/// Markdown paragraphs as plain text: lines of a paragraph joined by spaces, paragraphs
/// separated by a blank line.
fn plain_paragraphs(markdown: &str) -> String {
    let mut out = String::new();
    for paragraph in markdown.split("\n\n") {
        let joined = paragraph
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if joined.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&joined);
    }
    out
}

/// Where a file is, as SARIF wants it: a relative reference against `%SRCROOT%` with forward
/// slashes and percent-encoding, or an absolute `file:` URI for an absolute path.
fn artifact_location(path: &str) -> ArtifactLocation {
    let path = path.replace('\\', "/");
    let bytes = path.as_bytes();
    let drive =
        matches!(bytes, [letter, b':'] | [letter, b':', b'/', ..] if letter.is_ascii_alphabetic());
    if path.starts_with('/') || drive {
        let mut uri = String::from("file://");
        if drive {
            uri.push('/');
        }
        let mut first = true;
        for segment in path.split('/') {
            if !first {
                uri.push('/');
            }
            // The drive letter keeps its colon (`file:///C:/…`).
            let keep_colon = first && drive;
            encode_segment(&mut uri, segment, keep_colon);
            first = false;
        }
        return ArtifactLocation {
            uri,
            uri_base_id: None,
        };
    }
    let mut uri = String::new();
    for segment in path.split('/').filter(|s| !s.is_empty() && *s != ".") {
        if !uri.is_empty() {
            uri.push('/');
        }
        encode_segment(&mut uri, segment, false);
    }
    if uri.is_empty() {
        uri.push('.');
    }
    ArtifactLocation {
        uri,
        uri_base_id: Some(SRCROOT),
    }
}

/// Percent-encodes one path segment (RFC 3986 `segment`): unreserved characters, sub-delimiters
/// and `@` stay, everything else (space, `%`, `#`, `?`, non-ASCII as UTF-8 bytes) is encoded.
/// A colon is encoded too unless `keep_colon`: in the first segment of a relative reference it
/// would read as a scheme.
fn encode_segment(out: &mut String, segment: &str, keep_colon: bool) {
    for byte in segment.bytes() {
        let keep = byte.is_ascii_alphanumeric()
            || b"-._~!$&'()*+,;=@".contains(&byte)
            || (keep_colon && byte == b':');
        if keep {
            out.push(char::from(byte));
        } else {
            // Writing to a String cannot fail.
            let _ = write!(out, "%{byte:02X}");
        }
    }
}

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    original_uri_base_ids: BTreeMap<&'static str, BaseId>,
    results: Vec<SarifResult<'a>>,
    column_kind: &'static str,
}

#[derive(Serialize)]
struct BaseId {
    description: Text,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'a str,
    semantic_version: &'a str,
    information_uri: &'static str,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: String,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Help,
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<String>,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    /// The kebab-case name users write in settings and suppressions.
    name: String,
    tags: Vec<String>,
    /// Rules stay silent when a value is unknown, so a finding is rarely a false positive.
    precision: &'static str,
    #[serde(rename = "problem.severity")]
    problem_severity: &'static str,
}

impl RuleProperties {
    fn new(name: &str, code: &str, severity: Severity) -> Self {
        Self {
            name: name.to_owned(),
            tags: vec![technology(code)],
            precision: "high",
            problem_severity: problem_severity(severity),
        }
    }
}

#[derive(Serialize)]
struct Text {
    text: String,
}

impl Text {
    fn new(text: String) -> Self {
        Self { text }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: [Location; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    partial_fingerprints: BTreeMap<&'static str, &'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<SarifSuppression>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix {
    description: Text,
    artifact_changes: [ArtifactChange; 1],
    properties: FixProperties,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: Region,
    #[serde(skip_serializing_if = "Option::is_none")]
    inserted_content: Option<Text>,
}

#[derive(Serialize)]
struct FixProperties {
    /// `safe` or `unsafe`.
    applicability: &'static str,
}

#[derive(Serialize)]
struct SarifSuppression {
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    justification: Option<String>,
    location: Location,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
#[allow(clippy::struct_field_names, reason = "SARIF names the properties")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(path: &str) -> (String, Option<&'static str>) {
        let location = artifact_location(path);
        (location.uri, location.uri_base_id)
    }

    #[test]
    fn relative_paths_become_relative_references() {
        let rel = |u: &str| (u.to_owned(), Some(SRCROOT));
        assert_eq!(uri("src/main/Job.java"), rel("src/main/Job.java"));
        assert_eq!(uri("./conf//flink-conf.yaml"), rel("conf/flink-conf.yaml"));
        assert_eq!(
            uri("conf\\win\\core-site.xml"),
            rel("conf/win/core-site.xml")
        );
        assert_eq!(uri("my conf/a#b?.yaml"), rel("my%20conf/a%23b%3F.yaml"));
        assert_eq!(uri("100%/é.yaml"), rel("100%25/%C3%A9.yaml"));
        assert_eq!(uri("a:b/c.xml"), rel("a%3Ab/c.xml"));
        assert_eq!(uri("../shared/x.yaml"), rel("../shared/x.yaml"));
        assert_eq!(uri("."), rel("."));
    }

    #[test]
    fn absolute_paths_become_file_uris_without_a_base() {
        assert_eq!(
            uri("/srv/my job/Job.java"),
            ("file:///srv/my%20job/Job.java".to_owned(), None)
        );
        assert_eq!(
            uri("C:\\code\\Job.java"),
            ("file:///C:/code/Job.java".to_owned(), None)
        );
    }

    #[test]
    fn names_and_sentences() {
        assert_eq!(
            pascal_case("checkpoint-interval-too-short"),
            "CheckpointIntervalTooShort"
        );
        assert_eq!(pascal_case("hbase-table-not-closed"), "HbaseTableNotClosed");
        assert_eq!(sentence("value is 1 s"), "Value is 1 s.");
        assert_eq!(sentence("dfs.replication is 1"), "dfs.replication is 1.");
        assert_eq!(sentence("`x` is 1"), "`x` is 1.");
        assert_eq!(sentence("Already a sentence. "), "Already a sentence.");
        assert_eq!(sentence(""), "");
        assert_eq!(technology("FLK001"), "flink");
        assert_eq!(technology("XY"), "xy");
    }

    #[test]
    fn a_code_without_metadata_gets_a_descriptor_after_the_enabled_rules() {
        let diagnostic = |code: &'static str| Diagnostic {
            code,
            name: "unreadable-file",
            severity: Severity::Error,
            message: "cannot read the file".to_owned(),
            help: None,
            path: "a.yaml".to_owned(),
            span: bdl_core::Span::default(),
            start: bdl_core::LineCol::default(),
            end: bdl_core::LineCol::default(),
            labels: vec![],
            fingerprint: "0000000000000000".to_owned(),
            suppression: None,
            redactions: Vec::new(),
            fix: None,
        };
        let diagnostics = [
            diagnostic("ZZZ002"),
            diagnostic("ZZZ001"),
            diagnostic("ZZZ002"),
        ];
        let report = Report {
            diagnostics: &diagnostics,
            rules: &[],
            files_checked: 1,
            checked_files: &[],
            tool_version: "0.1.0",
            unsafe_fixes: false,
        };
        let mut out = Vec::new();
        assert!(write_sarif(&mut out, &report).is_ok());
        let log: serde_json::Value = serde_json::from_slice(&out).unwrap_or_default();
        let run = &log["runs"][0];
        let rules = &run["tool"]["driver"]["rules"];
        assert_eq!(rules[0]["id"], "ZZZ001");
        assert_eq!(rules[1]["id"], "ZZZ002");
        assert_eq!(rules[1]["name"], "UnreadableFile");
        assert_eq!(rules[1]["shortDescription"]["text"], "unreadable-file");
        assert_eq!(run["results"][0]["ruleIndex"], 1);
        assert_eq!(run["results"][1]["ruleIndex"], 0);
        assert_eq!(run["results"][2]["ruleIndex"], 1);
    }

    #[test]
    fn sections_and_truncation() {
        let docs = "## What it does\nFlags a thing\nacross lines.\n\nSecond.\n\n## Why is this bad?\nBecause.\n";
        assert_eq!(
            section(docs, "what it does")
                .map(plain_paragraphs)
                .as_deref(),
            Some("Flags a thing across lines.\n\nSecond.")
        );
        assert_eq!(section(docs, "Why is this bad?"), Some("Because."));
        assert_eq!(section(docs, "Options"), None);
        assert_eq!(
            section("## What it does\n\n## Next\n", "What it does"),
            None
        );
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
        assert_eq!(truncate("ab  cdef", 4), "ab…");
    }
}
