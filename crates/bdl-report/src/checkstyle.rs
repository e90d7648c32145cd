//! Checkstyle XML, for Jenkins' Warnings Next Generation plugin, reviewdog (`-f=checkstyle`)
//! and other tools that read Checkstyle reports.
//!
//! Choices, each checked against Checkstyle's own XML output and the parsers of reviewdog and
//! of warnings-ng (`analysis-model`):
//!
//! * `<checkstyle version="4.3">`, the version most other tools write, with one `<file>` per
//!   file that has findings (path with forward slashes, in path order) and one `<error>` per
//!   finding with Checkstyle's attributes in Checkstyle's order: `line`, `column`, `severity`,
//!   `message`, `source`;
//! * severities error, warning and info are written as they are: they are Checkstyle's own
//!   names, which warnings-ng reads as its severities error, normal and low;
//! * `source` is `bigdata-lint.CODE`: warnings-ng takes the part after the last `.` as the
//!   issue type (the rule code) and the part before it as the category; reviewdog shows it with
//!   the message;
//! * the message is the finding's message with the help on a second line (`help: …`), the line
//!   break written as `&#10;` so that it survives attribute-value normalisation;
//! * findings covered by an inline suppression are left out (Checkstyle has no notion of them).

use std::collections::BTreeMap;
use std::io::{self, Write};

use bdl_core::Diagnostic;

use crate::xml::Attr;
use crate::{Report, TOOL_NAME, active, message_and_help, positions, slash_path};

/// The Checkstyle report format version written in the root element.
const CHECKSTYLE_VERSION: &str = "4.3";

/// Writes the report as a Checkstyle XML document followed by a newline.
pub fn write_checkstyle(w: &mut dyn Write, r: &Report<'_>) -> io::Result<()> {
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(w, r#"<checkstyle version="{CHECKSTYLE_VERSION}">"#)?;
    for (path, found) in by_file(r.diagnostics) {
        writeln!(w, r#"  <file name="{}">"#, Attr(&path))?;
        for d in found {
            let (start, _) = positions(d);
            writeln!(
                w,
                r#"    <error line="{}" column="{}" severity="{}" message="{}" source="{TOOL_NAME}.{}"/>"#,
                start.line,
                start.column,
                d.severity,
                Attr(&message_and_help(d)),
                Attr(d.code),
            )?;
        }
        writeln!(w, "  </file>")?;
    }
    writeln!(w, "</checkstyle>")
}

/// The active findings grouped by path with forward slashes, each group in the order given.
fn by_file(diagnostics: &[Diagnostic]) -> BTreeMap<String, Vec<&Diagnostic>> {
    let mut files: BTreeMap<String, Vec<&Diagnostic>> = BTreeMap::new();
    for d in active(diagnostics) {
        files.entry(slash_path(&d.path)).or_default().push(d);
    }
    files
}
