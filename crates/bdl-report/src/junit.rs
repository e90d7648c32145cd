//! JUnit XML, as Jenkins (JUnit plugin), GitLab (`artifacts:reports:junit`) and CircleCI
//! (`store_test_results`) read it: every checked file is a test that passes when the file has
//! no findings.
//!
//! Choices, each checked against how those readers parse the file:
//!
//! * one `<testsuites>` with one `<testsuite>`, both named `bigdata-lint`; one `<testcase>` per
//!   checked file (and per file with findings that the caller did not list as checked), sorted
//!   by path. `tests` counts the files, `failures` the files with findings; `errors`, `skipped`
//!   and `time` are written as `0` for readers that require them;
//! * `name` and `file` are the path with forward slashes (GitLab links `file` to the
//!   repository); `classname` is `bigdata-lint`, not the path: Jenkins splits a class name at
//!   its last `.` into package and class, which would turn `conf/flink-conf.yaml` into class
//!   `yaml` of package `conf/flink-conf`;
//! * a file with findings gets exactly one `<failure>`, which lists all of them. Readers keep
//!   one failure per test case: Jenkins reads the message and text of the first `<failure>`
//!   element only, and GitLab converts the test case to a hash in which several `<failure>`
//!   elements become an array instead of the one text it shows. The `message` attribute
//!   (Jenkins' "Error Message", one line) names the first finding and how many more there are;
//!   `type` lists the rule codes; the element text (Jenkins' "Stacktrace", GitLab's details)
//!   has one `path:line:col: CODE [severity] message` line per finding, each followed by its
//!   `help:` line. Control characters in paths and messages, line breaks included, are written
//!   as the visible escapes of the text formats (`\n`, `\x1b`: see [`crate::escape`]), so that
//!   every finding keeps its one line;
//! * every finding fails its file, whatever its severity, just as any finding makes the
//!   binary exit with the findings status. Findings covered by an inline suppression do not:
//!   a file whose findings are all suppressed passes.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::{self, Write};

use bdl_core::Diagnostic;

use crate::escape::{Escaped, line_start_path};
use crate::xml::{Attr, Text};
use crate::{Report, TOOL_NAME, active, positions, slash_path};

/// Writes the report as a JUnit XML document followed by a newline.
pub fn write_junit(w: &mut dyn Write, r: &Report<'_>) -> io::Result<()> {
    let files = by_file(r);
    let tests = files.len();
    let failures = files.values().filter(|found| !found.is_empty()).count();
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<testsuites name="{TOOL_NAME}" tests="{tests}" failures="{failures}" errors="0" time="0">"#
    )?;
    writeln!(
        w,
        r#"  <testsuite name="{TOOL_NAME}" tests="{tests}" failures="{failures}" errors="0" skipped="0" time="0">"#
    )?;
    for (path, found) in &files {
        write!(
            w,
            r#"    <testcase name="{path}" classname="{TOOL_NAME}" file="{path}" time="0""#,
            path = Attr(path)
        )?;
        if found.is_empty() {
            writeln!(w, "/>")?;
            continue;
        }
        writeln!(w, ">")?;
        writeln!(
            w,
            r#"      <failure message="{}" type="{}">{}</failure>"#,
            Attr(&failure_message(found)),
            Attr(&codes(found)),
            Text(&details(path, found)),
        )?;
        writeln!(w, "    </testcase>")?;
    }
    writeln!(w, "  </testsuite>")?;
    writeln!(w, "</testsuites>")
}

/// Every checked file and every file with active findings, by path with forward slashes, each
/// with its active findings in the order given.
fn by_file<'a>(r: &Report<'a>) -> BTreeMap<String, Vec<&'a Diagnostic>> {
    let mut files: BTreeMap<String, Vec<&Diagnostic>> = r
        .checked_files
        .iter()
        .map(|path| (slash_path(path), Vec::new()))
        .collect();
    for d in active(r.diagnostics) {
        files.entry(slash_path(&d.path)).or_default().push(d);
    }
    files
}

/// One line: the first finding, and how many more there are.
fn failure_message(found: &[&Diagnostic]) -> String {
    let Some(first) = found.first() else {
        return String::new();
    };
    let (start, _) = positions(first);
    let mut message = format!(
        "{}:{}: {} [{}] {}",
        start.line,
        start.column,
        first.code,
        first.severity,
        Escaped(first.message.trim())
    );
    if found.len() > 1 {
        // Writing to a String cannot fail.
        let _ = write!(message, " (and {} more)", found.len() - 1);
    }
    message
}

/// The distinct rule codes, sorted, separated by `, `.
fn codes(found: &[&Diagnostic]) -> String {
    let codes: BTreeSet<&str> = found.iter().map(|d| d.code).collect();
    codes.into_iter().collect::<Vec<_>>().join(", ")
}

/// One `path:line:col: CODE [severity] message` line per finding, each followed by an indented
/// `help:` line when the finding has help.
fn details(path: &str, found: &[&Diagnostic]) -> String {
    let path = line_start_path(path);
    let mut lines = Vec::with_capacity(found.len() * 2);
    for d in found {
        let (start, _) = positions(d);
        lines.push(format!(
            "{path}:{}:{}: {} [{}] {}",
            start.line,
            start.column,
            d.code,
            d.severity,
            Escaped(d.message.trim())
        ));
        if let Some(help) = d.help.as_deref().map(str::trim).filter(|h| !h.is_empty()) {
            lines.push(format!("  help: {}", Escaped(help)));
        }
    }
    lines.join("\n")
}
