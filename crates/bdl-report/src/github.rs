//! GitHub Actions: one workflow command per finding, which the runner turns into an annotation
//! on the file, plus a Markdown job summary.
//!
//! Choices, each checked against GitHub's "Workflow commands for GitHub Actions" page and the
//! `@actions/core` toolkit that writes the same commands:
//!
//! * `::error`, `::warning` and `::notice` for the severities error, warning and info;
//! * properties `file`, `line`, `col`, `endLine`, `endColumn`, `title`. Columns are only sent
//!   when the finding starts and ends on the same line: the toolkit documents that `col` and
//!   `endColumn` "cannot be sent when `startLine` and `endLine` are different values" (the
//!   check-run annotation API has the same rule);
//! * `file` has forward slashes and no `./`: GitHub resolves it against the repository root;
//! * the title is the rule code and name; the message is the finding's message with the help on
//!   a second line (`help: …`), which annotations and the log both show as a line break;
//! * escaping as the toolkit does it: in the message `%`, CR and LF become `%25`, `%0D`, `%0A`;
//!   property values additionally have `:` as `%3A` and `,` as `%2C`. A line break in a
//!   message or a file name can therefore never start a second workflow command. The other
//!   control characters (ESC, BEL, …), which the runner does not decode, are written as the
//!   visible escapes of every text format (`\x1b`: see [`crate::escape`]), so that none reaches
//!   the log raw.
//!
//! GitHub shows only a limited number of annotations per step (10 of each level at the time of
//! writing), so the job summary lists the counts per rule and the first findings as well.
//!
//! Findings covered by an inline suppression get no annotation and are not counted; the job
//! summary says how many there were.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::io::{self, Write};

use bdl_core::{Diagnostic, Severity};

use crate::escape::{CharEscape, needs_escape};
use crate::{Report, TOOL_NAME, active, count, message_and_help, plural, positions, slash_path};

/// The job summary lists at most this many findings; the counts per rule cover all of them.
pub const SUMMARY_FINDINGS_LIMIT: usize = 50;

/// Writes one workflow command per active diagnostic, each on its own line.
pub fn write_github(w: &mut dyn Write, r: &Report<'_>) -> io::Result<()> {
    for d in active(r.diagnostics) {
        let (start, end) = positions(d);
        write!(
            w,
            "::{} file={},line={}",
            command(d.severity),
            Property(&slash_path(&d.path)),
            start.line
        )?;
        if start.line == end.line {
            write!(
                w,
                ",col={},endLine={},endColumn={}",
                start.column, end.line, end.column
            )?;
        } else {
            write!(w, ",endLine={}", end.line)?;
        }
        writeln!(
            w,
            ",title={}::{}",
            Property(&title(d)),
            Data(&message_and_help(d))
        )?;
    }
    Ok(())
}

/// Writes a Markdown job summary: a heading, the totals, the findings per rule and the first
/// [`SUMMARY_FINDINGS_LIMIT`] findings. The binary appends it to `$GITHUB_STEP_SUMMARY`.
pub fn write_github_summary(w: &mut dyn Write, r: &Report<'_>) -> io::Result<()> {
    writeln!(w, "## {TOOL_NAME}")?;
    writeln!(w)?;
    let files = plural(r.files_checked, "checked file", "checked files");
    let found: Vec<&Diagnostic> = active(r.diagnostics).collect();
    let suppressed = r.diagnostics.len() - found.len();
    let suppressed_note = match suppressed {
        0 => String::new(),
        n => format!(
            " {} by inline comments.",
            plural(n, "finding is suppressed", "findings are suppressed")
        ),
    };
    if found.is_empty() {
        writeln!(w, "**No findings** in {files}.{suppressed_note}")?;
        return Ok(());
    }
    let severities: Vec<String> = [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .map(|severity| {
            let n = count(r.diagnostics, severity);
            format!("{n} {}", severity_plural(severity, n))
        })
        .collect();
    writeln!(
        w,
        "**{}** in {files}: {}.{suppressed_note}",
        plural(found.len(), "finding", "findings"),
        severities.join(", ")
    )?;

    writeln!(w)?;
    writeln!(w, "### Findings per rule")?;
    writeln!(w)?;
    writeln!(w, "| Rule | Name | Severity | Findings |")?;
    writeln!(w, "| :--- | :--- | :--- | ---: |")?;
    for (code, rule) in per_rule(&found) {
        let severities: Vec<&str> = rule.severities.iter().rev().map(|s| s.as_str()).collect();
        writeln!(
            w,
            "| {} | {} | {} | {} |",
            CodeSpan(code),
            Cell(rule.name),
            severities.join(", "),
            rule.count
        )?;
    }

    writeln!(w)?;
    let shown = found.len().min(SUMMARY_FINDINGS_LIMIT);
    if shown < found.len() {
        writeln!(w, "### First {shown} findings")?;
        writeln!(w)?;
        writeln!(
            w,
            "Showing {shown} of {} findings; the annotations in the log list all of them.",
            found.len()
        )?;
    } else {
        writeln!(w, "### Findings")?;
    }
    writeln!(w)?;
    writeln!(w, "| Location | Rule | Message |")?;
    writeln!(w, "| :--- | :--- | :--- |")?;
    for d in found.iter().take(shown) {
        let (start, _) = positions(d);
        let location = format!("{}:{}", slash_path(&d.path), start.line);
        writeln!(
            w,
            "| {} | {} | {} |",
            CodeSpan(&location),
            CodeSpan(d.code),
            Cell(d.message.trim())
        )?;
    }
    Ok(())
}

const fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

const fn severity_plural(severity: Severity, n: usize) -> &'static str {
    match (severity, n) {
        (Severity::Error, 1) => "error",
        (Severity::Error, _) => "errors",
        (Severity::Warning, 1) => "warning",
        (Severity::Warning, _) => "warnings",
        (Severity::Info, _) => "info",
    }
}

fn title(d: &Diagnostic) -> String {
    if d.name.is_empty() {
        d.code.to_owned()
    } else {
        format!("{} {}", d.code, d.name)
    }
}

struct RuleCount<'a> {
    name: &'a str,
    severities: BTreeSet<Severity>,
    count: usize,
}

/// The findings grouped by rule code, sorted by code.
fn per_rule<'a>(diagnostics: &[&'a Diagnostic]) -> BTreeMap<&'a str, RuleCount<'a>> {
    let mut rules: BTreeMap<&str, RuleCount<'_>> = BTreeMap::new();
    for d in diagnostics {
        let rule = rules.entry(d.code).or_insert_with(|| RuleCount {
            name: d.name,
            severities: BTreeSet::new(),
            count: 0,
        });
        rule.severities.insert(d.severity);
        rule.count += 1;
    }
    rules
}

/// Displays workflow-command data: `%`, CR and LF percent-encoded, other control characters
/// as visible escapes.
struct Data<'a>(&'a str);

impl fmt::Display for Data<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        percent_encode(f, self.0, &['%', '\r', '\n'])
    }
}

/// Displays a workflow-command property value: like [`Data`], and `:` and `,` percent-encoded
/// as well.
struct Property<'a>(&'a str);

impl fmt::Display for Property<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        percent_encode(f, self.0, &['%', '\r', '\n', ':', ','])
    }
}

fn percent_encode(f: &mut fmt::Formatter<'_>, text: &str, special: &[char]) -> fmt::Result {
    let mut rest = text;
    while let Some((at, c)) = rest
        .char_indices()
        .find(|&(_, c)| special.contains(&c) || needs_escape(c))
    {
        f.write_str(&rest[..at])?;
        if special.contains(&c) {
            write!(f, "%{:02X}", u32::from(c))?;
        } else {
            write!(f, "{}", CharEscape(c))?;
        }
        rest = &rest[at + c.len_utf8()..];
    }
    f.write_str(rest)
}

/// Displays text for a Markdown table cell: `|` escaped, line breaks as `<br>`, other control
/// characters as visible escapes.
struct Cell<'a>(&'a str);

impl fmt::Display for Cell<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some((at, c)) = rest
            .char_indices()
            .find(|&(_, c)| matches!(c, '|' | '\n' | '\r') || needs_escape(c))
        {
            f.write_str(&rest[..at])?;
            let skip = match c {
                '|' => {
                    f.write_str("\\|")?;
                    1
                }
                '\r' if rest[at..].starts_with("\r\n") => {
                    f.write_str("<br>")?;
                    2
                }
                '\r' | '\n' => {
                    f.write_str("<br>")?;
                    1
                }
                c => {
                    write!(f, "{}", CharEscape(c))?;
                    c.len_utf8()
                }
            };
            rest = &rest[at + skip..];
        }
        f.write_str(rest)
    }
}

/// Displays text as a Markdown code span inside a table cell: fenced with one backtick more than
/// the longest run of backticks in it, `|` escaped (GitHub splits table cells before it parses
/// code spans) and control characters, line breaks included, as visible escapes.
struct CodeSpan<'a>(&'a str);

impl fmt::Display for CodeSpan<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.0;
        if text.is_empty() {
            return Ok(());
        }
        let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        let fence = "`".repeat(longest + 1);
        let pad = if text.starts_with('`') || text.ends_with('`') {
            " "
        } else {
            ""
        };
        f.write_str(&fence)?;
        f.write_str(pad)?;
        for c in text.chars() {
            match c {
                '|' => f.write_str("\\|")?,
                c if needs_escape(c) => write!(f, "{}", CharEscape(c))?,
                c => write!(f, "{c}")?,
            }
        }
        f.write_str(pad)?;
        f.write_str(&fence)
    }
}

#[cfg(test)]
mod tests {
    use super::{Cell, CodeSpan, Data, Property};

    #[test]
    fn data_and_properties_are_percent_encoded() {
        assert_eq!(Data("100% a:b, c\r\nd").to_string(), "100%25 a:b, c%0D%0Ad");
        assert_eq!(
            Property("100% a:b, c\r\nd").to_string(),
            "100%25 a%3Ab%2C c%0D%0Ad"
        );
        assert_eq!(Data("%25").to_string(), "%2525");
        assert_eq!(Property("é✓").to_string(), "é✓");
    }

    #[test]
    fn file_names_cannot_start_a_second_command() {
        let name = "a\n::error file=x::pwned\u{1b}[31m\u{7}.yaml";
        assert_eq!(
            Property(name).to_string(),
            r"a%0A%3A%3Aerror file=x%3A%3Apwned\x1b[31m\x07.yaml"
        );
        assert_eq!(
            Data(name).to_string(),
            r"a%0A::error file=x::pwned\x1b[31m\x07.yaml"
        );
        assert_eq!(Data("\t\u{85}\u{202e}").to_string(), r"\t\u{85}\u{202e}");
    }

    #[test]
    fn table_cells_stay_in_their_cell() {
        assert_eq!(Cell("a | b\nc\r\nd").to_string(), "a \\| b<br>c<br>d");
        assert_eq!(Cell("\u{1b}[2J\u{7}").to_string(), r"\x1b[2J\x07");
        assert_eq!(CodeSpan("a|b.yaml:3").to_string(), "`a\\|b.yaml:3`");
        assert_eq!(CodeSpan("x`y").to_string(), "``x`y``");
        assert_eq!(CodeSpan("`x").to_string(), "`` `x ``");
        assert_eq!(CodeSpan("a\nb\u{1b}").to_string(), r"`a\nb\x1b`");
        assert_eq!(CodeSpan("").to_string(), "");
    }
}
