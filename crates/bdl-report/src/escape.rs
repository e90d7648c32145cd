//! Control characters in text outputs: the one place that decides how they are shown.
//!
//! File names and file contents reach every report: the path of a finding, a configuration value
//! quoted in a message, the source lines of a snippet. A control character among them must not
//! reach a terminal or a CI log as it is: a line break would start a new line that a CI system
//! reads as a command of its own (GitHub Actions runs any line that starts with `::`), ESC starts
//! a terminal escape sequence, BEL rings, and the Unicode bidirectional controls reorder what is
//! shown. Every text renderer (human, concise, GitHub, the GitHub job summary, and the stderr
//! notices of the binary) writes such characters as a visible escape instead:
//!
//! * `\n`, `\r` and `\t` for line feed, carriage return and tab;
//! * `\x00` to `\x1f` and `\x7f` for the other ASCII control characters (`\x1b` is ESC, `\x07` BEL);
//! * `\u{80}` to `\u{9f}` for the C1 control characters, and `\u{…}` for the bidirectional
//!   formatting characters (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069) and the
//!   line and paragraph separators U+2028 and U+2029.
//!
//! A backslash is written as it is, so that Windows paths stay readable; the escapes are for
//! people, the machine-readable formats (JSON, SARIF) carry the exact text. The XML formats use
//! the same escapes for the characters XML 1.0 cannot contain at all, even as character
//! references.

use std::fmt;

/// Whether `c` is shown as a visible escape in text output: every control character (Unicode
/// category Cc: C0, DEL, C1), the bidirectional formatting characters and the line and paragraph
/// separators.
pub const fn needs_escape(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{61c}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// The visible escape of one character: `\n`, `\r`, `\t`, `\x1b` (other ASCII), `\u{85}` (others).
/// Meant for the characters [`needs_escape`] selects; any character is accepted.
pub(crate) struct CharEscape(pub(crate) char);

impl fmt::Display for CharEscape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            '\n' => f.write_str("\\n"),
            '\r' => f.write_str("\\r"),
            '\t' => f.write_str("\\t"),
            c if c.is_ascii() => write!(f, "\\x{:02x}", u32::from(c)),
            c => write!(f, "\\u{{{:x}}}", u32::from(c)),
        }
    }
}

/// Displays text with every character [`needs_escape`] selects written as its visible escape, so
/// that the text stays on one line and carries no control character.
///
/// ```
/// use bdl_report::Escaped;
/// assert_eq!(Escaped("a\nb\u{1b}[31m\u{7}").to_string(), r"a\nb\x1b[31m\x07");
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Escaped<'a>(pub &'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_escaped(f, self.0, |_| false)
    }
}

/// Writes `text` with the characters [`needs_escape`] selects as visible escapes, except those
/// for which `keep` is true.
pub(crate) fn write_escaped(
    w: &mut dyn fmt::Write,
    text: &str,
    keep: impl Fn(char) -> bool,
) -> fmt::Result {
    let mut rest = text;
    while let Some((at, c)) = rest
        .char_indices()
        .find(|&(_, c)| needs_escape(c) && !keep(c))
    {
        w.write_str(&rest[..at])?;
        write!(w, "{}", CharEscape(c))?;
        rest = &rest[at + c.len_utf8()..];
    }
    w.write_str(rest)
}

/// `text` with visible escapes, as an owned string.
pub fn escape(text: &str) -> String {
    Escaped(text).to_string()
}

/// A path to write at the start of a line (concise output, the JUnit details): escaped, and with
/// `./` in front when it would otherwise start with `::` (after blanks), which GitHub Actions
/// would run as a workflow command. `./::x.yaml` names the same file.
pub(crate) fn line_start_path(path: &str) -> String {
    let escaped = escape(path);
    if escaped.trim_start().starts_with("::") {
        format!("./{escaped}")
    } else {
        escaped
    }
}

/// Makes sure that no line of `text` starts, after blanks, with `::`: GitHub Actions reads such
/// a line in a job's log as a workflow command. The first `:` of such a line becomes `\x3a`.
/// Rendered human output never has such a line of its own; a file-derived message can, when the
/// message is wrapped at a space before `::`.
pub(crate) fn defuse_workflow_commands(text: &str) -> std::borrow::Cow<'_, str> {
    let starts_command = |line: &str| line.trim_start().starts_with("::");
    if !text.split('\n').any(starts_command) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if starts_command(line) {
            let blanks = line.len() - line.trim_start().len();
            out.push_str(&line[..blanks]);
            out.push_str("\\x3a");
            out.push_str(&line[blanks + 1..]);
        } else {
            out.push_str(line);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::{Escaped, defuse_workflow_commands, escape, line_start_path, needs_escape};

    #[test]
    fn control_characters_become_visible_escapes() {
        assert_eq!(escape("a\nb\r\nc\td"), r"a\nb\r\nc\td");
        assert_eq!(escape("\u{1b}[31mred\u{7}"), r"\x1b[31mred\x07");
        assert_eq!(escape("\u{0}\u{1f}\u{7f}"), r"\x00\x1f\x7f");
        assert_eq!(escape("\u{85}\u{9b}"), r"\u{85}\u{9b}");
        assert_eq!(
            escape("a\u{202e}b\u{2066}c\u{2028}"),
            r"a\u{202e}b\u{2066}c\u{2028}"
        );
        assert_eq!(
            escape("\n::error file=x::pwned"),
            r"\n::error file=x::pwned"
        );
    }

    #[test]
    fn everything_else_is_written_as_it_is() {
        for text in [
            "",
            "plain",
            "é ✓ 𝄞 中文",
            r"C:\code\Job.java",
            "100% a:b, c",
            "\u{a0}\u{200b}",
        ] {
            assert_eq!(escape(text), text);
        }
        assert_eq!(Escaped("x").to_string(), "x");
    }

    #[test]
    fn escapes_cover_every_control_character() {
        for c in (0..=0x10_ffff).filter_map(char::from_u32) {
            if c.is_control() {
                assert!(needs_escape(c), "{c:?}");
            }
            if needs_escape(c) {
                let shown = escape(&c.to_string());
                assert!(
                    shown.starts_with('\\') && shown.is_ascii(),
                    "{c:?} -> {shown:?}"
                );
            }
        }
    }

    #[test]
    fn paths_at_the_start_of_a_line_never_start_a_workflow_command() {
        assert_eq!(
            line_start_path("::error file=x::y.yaml"),
            "./::error file=x::y.yaml"
        );
        assert_eq!(line_start_path("  ::x"), "./  ::x");
        assert_eq!(line_start_path("a\n::error::x"), r"a\n::error::x");
        assert_eq!(line_start_path(":a"), ":a");
        assert_eq!(line_start_path("src/Job.java"), "src/Job.java");
    }

    #[test]
    fn lines_that_would_be_workflow_commands_are_defused() {
        assert_eq!(defuse_workflow_commands("a\nb ::c"), "a\nb ::c");
        assert_eq!(
            defuse_workflow_commands("x\n    ::error file=x::pwned\n::warning::y"),
            "x\n    \\x3a:error file=x::pwned\n\\x3a:warning::y"
        );
    }
}
