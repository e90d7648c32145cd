//! Every output format on arbitrary files, file names and findings: human (with and without
//! colour, at several widths, and the settings-error form), concise, JSON, SARIF, GitHub
//! annotations, the GitHub job summary, JUnit and Checkstyle. No renderer may panic on any text
//! or span, and each output must keep its format's promises (see the checks below).
//!
//! Input layout, read front to back (missing bytes read as zero):
//!
//! | bytes | meaning |
//! |---|---|
//! | 1 | flags: bit 0 colour, bits 1-3 the width (`WIDTHS`), bit 4 the file's text is not known to the human renderer, bit 5 positions are taken from the input instead of from the text |
//! | 1 | length of the file name (`% 64`) |
//! | 1 | number of findings (`% 8 + 1`) |
//! | 1 | KiB of `x` to insert into the text (`% 96`: a line of up to 95 KiB, past the 65,535 columns a format width can take) |
//! | 4 | where to insert them (`% (len + 1)`, moved to a character boundary) |
//! | 14 per finding | start, end (u32 LE each: see [`offset`]), severity and path (one byte: `% 3` the severity; `/ 3 % 3` the path: the file, a file without text, a hostile name), number of labels (`% 4`), message start and length (u16 and u8: a slice of the text, which is how file-derived values reach messages), flags (bit 0 help, bit 1 suppressed, bit 2 a backwards redaction end..start, bit 3 a redaction start..end) |
//! | 8 per label | start, end (u32 LE); the label text is the text between them, cut to 64 bytes |
//! | name length | the file name (lossy UTF-8, control characters and all) |
//! | rest | the file's text (lossy UTF-8) |
//!
//! Offsets (`u32`): below 2^31 they are taken modulo the text length plus one; from 2^31 to
//! 2^31 + 2^30 they lie just past the end; above that they are taken as they are, and
//! `u32::MAX` stands for `usize::MAX`. Offsets inside a character and a start after the end are
//! left as they are: renderers must cope.

#![no_main]

use std::collections::HashMap;
use std::sync::Arc;

use bdl_core::{Diagnostic, Label, LineCol, LineIndex, RuleMeta, Severity, Span, Suppression};
use bdl_report::human::{HumanOptions, SourceError, write_human, write_source_error};
use bdl_report::{
    Report, needs_escape, write_checkstyle, write_concise, write_github, write_github_summary,
    write_json, write_junit, write_sarif,
};
use libfuzzer_sys::fuzz_target;

/// Terminal widths the human format is drawn at: nonsense ones included.
const WIDTHS: [usize; 8] = [100, 0, 1, 20, 80, 200, 65_536, usize::MAX];

/// A name that tries to start a workflow command and to reach the terminal raw.
const HOSTILE_NAME: &str = "evil\n::error file=x::pwned\u{1b}[31m\u{7}\r.java";
/// A file whose text the renderers never get.
const MISSING: &str = "src/Missing.java";

/// The longest line any text format may write, in characters: snippets are cut to windows and
/// messages are at most 255 bytes of text (4 characters per escaped byte) plus the fixed parts.
const MAX_LINE_CHARS: usize = 4_096;

struct Input<'a>(&'a [u8]);

impl<'a> Input<'a> {
    fn take(&mut self, n: usize) -> &'a [u8] {
        let (head, rest) = self.0.split_at(n.min(self.0.len()));
        self.0 = rest;
        head
    }

    fn byte(&mut self) -> u8 {
        self.take(1).first().copied().unwrap_or(0)
    }

    fn u16(&mut self) -> u16 {
        u16::from(self.byte()) | u16::from(self.byte()) << 8
    }

    fn u32(&mut self) -> u32 {
        u32::from(self.u16()) | u32::from(self.u16()) << 16
    }
}

/// An offset into a text of `len` bytes from fuzz input: see the module documentation.
fn offset(raw: u32, len: usize) -> usize {
    match raw {
        u32::MAX => usize::MAX,
        0..0x8000_0000 => raw as usize % (len + 1),
        0x8000_0000..0xc000_0000 => len + (raw as usize & 0xff),
        _ => raw as usize,
    }
}

static RULE: RuleMeta = RuleMeta {
    code: "FLK001",
    name: "checkpoint-interval-too-short",
    summary: "Checkpoint interval too short",
    severity: Severity::Warning,
    kinds: &[],
    triggers: &[],
    options: &[],
    docs: " ## What it does\n Fuzzing.\n",
    file: "fuzz/fuzz_targets/render.rs",
    line: 1,
    fix: bdl_core::FixAvailability::None,
};

struct Finding {
    start: u32,
    end: u32,
    kind: u8,
    labels: Vec<(u32, u32)>,
    message_at: u16,
    message_len: u8,
    flags: u8,
}

fuzz_target!(|data: &[u8]| {
    let mut input = Input(data);
    let flags = input.byte();
    let name_len = usize::from(input.byte() % 64);
    let count = usize::from(input.byte() % 8) + 1;
    let filler = usize::from(input.byte() % 96) * 1024;
    let filler_at = input.u32();
    let findings: Vec<Finding> = (0..count)
        .map(|_| {
            let start = input.u32();
            let end = input.u32();
            let kind = input.byte();
            let labels = usize::from(input.byte() % 4);
            let message_at = input.u16();
            let message_len = input.byte();
            let flags = input.byte();
            let labels = (0..labels).map(|_| (input.u32(), input.u32())).collect();
            Finding {
                start,
                end,
                kind,
                labels,
                message_at,
                message_len,
                flags,
            }
        })
        .collect();
    let name = String::from_utf8_lossy(input.take(name_len)).into_owned();
    let mut text = String::from_utf8_lossy(input.0).into_owned();
    if filler > 0 {
        let mut at = filler_at as usize % (text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        text.insert_str(at, &"x".repeat(filler));
    }

    let index = LineIndex::new(&text);
    let len = text.len();
    let slice = |from: usize, to: usize| {
        let from = from.min(len);
        let to = to.clamp(from, len).min(from + 64);
        String::from_utf8_lossy(&text.as_bytes()[from..to]).into_owned()
    };
    let position = |raw: u32, at: usize| {
        if flags & 0x20 != 0 {
            LineCol {
                line: raw >> 16,
                column: raw & 0xffff,
            }
        } else {
            index.line_col(&text, at)
        }
    };
    let mut diagnostics: Vec<Diagnostic> = findings
        .iter()
        .map(|f| {
            let (start, end) = (offset(f.start, len), offset(f.end, len));
            let path = match f.kind / 3 % 3 {
                0 => name.clone(),
                1 => MISSING.to_owned(),
                _ => HOSTILE_NAME.to_owned(),
            };
            let message_at = usize::from(f.message_at);
            Diagnostic {
                code: RULE.code,
                name: RULE.name,
                severity: [Severity::Info, Severity::Warning, Severity::Error]
                    [usize::from(f.kind % 3)],
                message: slice(message_at, message_at + usize::from(f.message_len)),
                help: (f.flags & 1 != 0).then(|| slice(start, end)),
                path,
                // Not `Span::new`: a start after the end must be survived as well.
                span: Span { start, end },
                start: position(f.start, start),
                end: position(f.end, end),
                labels: f
                    .labels
                    .iter()
                    .map(|&(s, e)| {
                        let (s_at, e_at) = (offset(s, len), offset(e, len));
                        Label {
                            span: Span {
                                start: s_at,
                                end: e_at,
                            },
                            start: position(s, s_at),
                            message: slice(s_at, e_at),
                        }
                    })
                    .collect(),
                fingerprint: "0000000000000000".to_owned(),
                suppression: (f.flags & 2 != 0).then(|| Suppression {
                    reason: Some(slice(0, 16)),
                    span: Span {
                        start: end,
                        end: start,
                    },
                    start: position(f.end, end),
                    file_level: false,
                }),
                // Any span, backwards or past the end, as a redaction as well.
                redactions: (f.flags & 4 != 0)
                    .then_some(Span { start: end, end: start })
                    .into_iter()
                    .chain((f.flags & 8 != 0).then_some(Span { start, end }))
                    .collect(),
                fix: None,
            }
        })
        .collect();
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let active = diagnostics.iter().filter(|d| d.is_active()).count();

    let mut sources: HashMap<String, Arc<str>> = HashMap::new();
    if flags & 0x10 == 0 {
        sources.insert(name.clone(), Arc::from(text.as_str()));
    }
    let mut checked: Vec<String> = vec![name.clone(), HOSTILE_NAME.to_owned()];
    checked.sort();
    let rules = [&RULE];
    let report = Report {
        diagnostics: &diagnostics,
        rules: &rules,
        files_checked: checked.len(),
        checked_files: &checked,
        tool_version: "0.0.0",
        unsafe_fixes: false,
    };

    let width = WIDTHS[usize::from((flags >> 1) & 7)];
    for color in [false, true] {
        let mut out = Vec::new();
        write_human(
            &mut out,
            &diagnostics,
            &sources,
            HumanOptions {
                color,
                width,
                unsafe_fixes: false,
            },
        )
        .expect("rendering into a Vec cannot fail");
        let out = String::from_utf8(out).expect("human output is UTF-8");
        // With colour, miette's own escape sequences are expected.
        check_text("human", &out, color);
        if !color {
            for line in out.lines() {
                assert!(
                    line.chars().count() <= MAX_LINE_CHARS,
                    "human: a line of {} characters",
                    line.chars().count()
                );
            }
        }
    }
    if let Some(d) = diagnostics.first() {
        let mut out = Vec::new();
        let error = SourceError {
            path: &d.path,
            text: &text,
            span: (d.span.start, d.span.end.wrapping_sub(d.span.start)),
            message: &d.message,
            help: d.help.as_deref(),
        };
        write_source_error(
            &mut out,
            &error,
            HumanOptions {
                color: false,
                width,
                unsafe_fixes: false,
            },
        )
        .expect("rendering into a Vec cannot fail");
        check_text(
            "settings error",
            &String::from_utf8(out).expect("UTF-8"),
            false,
        );
    }

    let concise = render(write_concise, &report);
    check_text("concise", &concise, false);
    assert_eq!(
        concise.lines().count(),
        active,
        "concise: one line per finding"
    );

    let github = render(write_github, &report);
    check_control("github", &github, false);
    assert_eq!(
        github.lines().count(),
        active,
        "github: one command per finding"
    );
    for line in github.lines() {
        assert!(
            ["::error file=", "::warning file=", "::notice file="]
                .iter()
                .any(|command| line.starts_with(command)),
            "github: not an annotation: {line:?}"
        );
    }

    let summary = render(write_github_summary, &report);
    check_text("github summary", &summary, false);

    for (format, out) in [
        ("json", render(write_json, &report)),
        ("sarif", render(write_sarif, &report)),
    ] {
        serde_json::from_str::<serde_json::Value>(&out)
            .unwrap_or_else(|e| panic!("{format}: not JSON: {e}"));
    }
    for (format, out) in [
        ("junit", render(write_junit, &report)),
        ("checkstyle", render(write_checkstyle, &report)),
    ] {
        check_xml(format, &out);
        check_commands(format, &out);
    }
});

type Writer = fn(&mut dyn std::io::Write, &Report<'_>) -> std::io::Result<()>;

fn render(write: Writer, report: &Report<'_>) -> String {
    let mut out = Vec::new();
    write(&mut out, report).expect("rendering into a Vec cannot fail");
    String::from_utf8(out).expect("every format is UTF-8")
}

/// Text output: no control character but line feeds (and, with colour, ESC), and no line that
/// GitHub Actions would run as a workflow command.
fn check_text(format: &str, out: &str, color: bool) {
    check_control(format, out, color);
    check_commands(format, out);
}

fn check_control(format: &str, out: &str, color: bool) {
    if let Some(c) = out
        .chars()
        .find(|&c| c != '\n' && !(color && c == '\u{1b}') && needs_escape(c))
    {
        panic!("{format}: a raw {c:?} in the output:\n{out}");
    }
}

fn check_commands(format: &str, out: &str) {
    if let Some(line) = out.lines().find(|l| l.trim_start().starts_with("::")) {
        panic!("{format}: a line that starts a workflow command: {line:?}");
    }
}

/// Well-formed XML 1.0 with one root element and only characters XML allows.
fn check_xml(format: &str, out: &str) {
    use quick_xml::events::Event;

    let allowed = |c: char| matches!(c, '\t' | '\n' | '\r' | ' '..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..);
    assert!(
        out.chars().all(allowed),
        "{format}: a character XML 1.0 forbids"
    );
    let mut reader = quick_xml::Reader::from_str(out);
    let mut depth = 0usize;
    let mut roots = 0;
    loop {
        match reader.read_event() {
            Ok(Event::Start(_)) => {
                roots += usize::from(depth == 0);
                depth += 1;
            }
            Ok(Event::Empty(_)) => roots += usize::from(depth == 0),
            Ok(Event::End(_)) => depth -= 1,
            Ok(Event::GeneralRef(r)) => {
                let known = r.resolve_char_ref().ok().flatten().is_some()
                    || r.decode().is_ok_and(|name| {
                        quick_xml::escape::resolve_predefined_entity(&name).is_some()
                    });
                assert!(known, "{format}: an unknown reference {r:?}");
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("{format}: not well-formed: {e}\n{out}"),
        }
    }
    assert_eq!(
        (depth, roots),
        (0, 1),
        "{format}: not one closed root element"
    );
}
