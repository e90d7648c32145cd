//! Escaping for the XML formats (JUnit, Checkstyle): both write XML 1.0 by hand.
//!
//! XML 1.0 cannot contain most control characters at all, not even as character references, so a
//! file name or message with ESC in it would make the document ill-formed. Such characters, and
//! the other characters text output never shows raw (see [`crate::escape`]), are written as the
//! same visible escapes as in the text formats (`\x1b`, `\u{85}`); tab and line breaks, which
//! XML allows, stay characters.

use std::fmt;

use crate::escape::{CharEscape, needs_escape};

/// Whether XML 1.0 allows the character at all (production `Char`): tab, line feed, carriage
/// return, and everything from U+0020 except U+FFFE and U+FFFF (a `char` is never a surrogate).
const fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | ' '..='\u{FFFD}' | '\u{10000}'..)
}

/// Displays text for a double-quoted attribute value: the five markup characters as entities,
/// tab and line breaks as character references (a parser would otherwise turn them into spaces),
/// and characters XML 1.0 does not allow, and other control characters, as visible escapes.
pub(crate) struct Attr<'a>(pub(crate) &'a str);

impl fmt::Display for Attr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        escape(f, self.0, true)
    }
}

/// Displays text for element content: the five markup characters as entities, a carriage
/// return as a character reference (a parser would otherwise drop it from `\r\n`), and
/// characters XML 1.0 does not allow, and other control characters, as visible escapes.
pub(crate) struct Text<'a>(pub(crate) &'a str);

impl fmt::Display for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        escape(f, self.0, false)
    }
}

fn escape(f: &mut fmt::Formatter<'_>, text: &str, attribute: bool) -> fmt::Result {
    let mut rest = text;
    while let Some((at, c)) = rest.char_indices().find(|&(_, c)| {
        !allowed(c)
            || needs_escape(c)
            || matches!(c, '&' | '<' | '>' | '"' | '\'' | '\t' | '\n' | '\r')
    }) {
        f.write_str(&rest[..at])?;
        let replacement = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&apos;",
            '\r' => "&#13;",
            '\t' if attribute => "&#9;",
            '\n' if attribute => "&#10;",
            '\t' => "\t",
            '\n' => "\n",
            c => {
                write!(f, "{}", CharEscape(c))?;
                ""
            }
        };
        f.write_str(replacement)?;
        rest = &rest[at + c.len_utf8()..];
    }
    f.write_str(rest)
}

#[cfg(test)]
mod tests {
    use super::{Attr, Text};

    #[test]
    fn markup_characters_become_entities() {
        assert_eq!(
            Attr(r#"a & b < c > d "e" 'f'"#).to_string(),
            "a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;"
        );
        assert_eq!(
            Text("<a href='x'>&</a>").to_string(),
            "&lt;a href=&apos;x&apos;&gt;&amp;&lt;/a&gt;"
        );
        assert_eq!(Text("plain é ✓ 𝄞").to_string(), "plain é ✓ 𝄞");
    }

    #[test]
    fn whitespace_survives_parsing() {
        assert_eq!(Attr("a\tb\nc\r\nd").to_string(), "a&#9;b&#10;c&#13;&#10;d");
        assert_eq!(Text("a\tb\nc\r\nd").to_string(), "a\tb\nc&#13;\nd");
    }

    #[test]
    fn characters_xml_forbids_become_visible_escapes() {
        assert_eq!(
            Attr("a\u{0}b\u{1b}[0mc\u{7}").to_string(),
            r"a\x00b\x1b[0mc\x07"
        );
        assert_eq!(
            Text("x\u{FFFE}y\u{FFFF}z\u{FFFD}").to_string(),
            "x\\u{fffe}y\\u{ffff}z\u{FFFD}"
        );
        // DEL, the C1 controls and the bidirectional controls are allowed by XML 1.0, but are
        // escaped like everywhere else, so that a report printed on a terminal is harmless.
        assert_eq!(
            Text("\u{7f}\u{85}\u{202e}").to_string(),
            r"\x7f\u{85}\u{202e}"
        );
    }
}
