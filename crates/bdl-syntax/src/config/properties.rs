//! Java `.properties` (Spring `application.properties`, Spark `spark-defaults.conf`), read the
//! way `java.util.Properties.load` reads it:
//!
//! * a line whose first non-blank character is `#` or `!` is a comment (a `#` later in a line
//!   is part of the value);
//! * a line ending in an odd number of backslashes continues on the next line, whose leading
//!   blanks are dropped (a comment line never continues);
//! * the key ends at the first unescaped `=`, `:` or blank; blanks around the separator are
//!   skipped, and one `=` or `:` after blanks still counts as the separator;
//! * escapes: `\t \n \r \f`, `\uXXXX`, and `\x` for any other `x`.
//!
//! Following the unified model, trailing unescaped blanks of a value are trimmed (Spark trims
//! values too). A malformed `\u` escape (Java throws) is kept as written and reported. Empty keys
//! are dropped, as Spring does.

use bdl_core::Span;

use super::{Entry, Lines, ParseError};

pub(crate) fn parse(text: &str) -> (Vec<Entry>, Vec<ParseError>) {
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    let start = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let mut lines = Lines { text, pos: start };
    // One logical line: its characters with their byte offsets, continuations removed.
    let mut logical: Vec<(usize, char)> = Vec::new();
    while let Some((line_start, line)) = lines.next() {
        let (lead, body) = skip_blanks(line);
        if body.is_empty() || body.starts_with(['#', '!']) {
            continue;
        }
        logical.clear();
        push_chars(&mut logical, line_start + lead, body);
        while ends_with_odd_backslashes(&logical) {
            logical.pop();
            let Some((next_start, next_line)) = lines.next() else {
                break;
            };
            let (next_lead, next_body) = skip_blanks(next_line);
            push_chars(&mut logical, next_start + next_lead, next_body);
        }
        if let Some(entry) = parse_logical_line(&logical, &mut errors) {
            entries.push(entry);
        }
    }
    (entries, errors)
}

/// Where the documents of a Spring Boot multi-document `.properties` file start: at offset 0,
/// and after every separator line `#---` or `!---` (Spring Boot 2.4+). A separator starts in
/// the first column, may have trailing blanks, and does not count right after a comment line
/// with the same prefix, nor inside a continued value, as Spring Boot reads it.
pub fn document_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let mut lines = Lines { text, pos: 0 };
    let mut previous_comment: Option<char> = None;
    let mut continued = false;
    while let Some((_, line)) = lines.next() {
        let line = line.strip_prefix('\u{feff}').unwrap_or(line);
        if continued {
            continued = line.chars().rev().take_while(|c| *c == '\\').count() % 2 == 1;
            previous_comment = None;
            continue;
        }
        let body = line.trim_start_matches(is_blank);
        let prefix = body.chars().next().filter(|c| matches!(c, '#' | '!'));
        let separator = line.len() == body.len()
            && matches!(line.trim_end_matches(is_blank), "#---" | "!---")
            && previous_comment != prefix;
        if separator {
            starts.push(lines.pos);
        }
        continued =
            prefix.is_none() && line.chars().rev().take_while(|c| *c == '\\').count() % 2 == 1;
        previous_comment = prefix;
    }
    starts
}

/// Blanks as `Properties.load` sees them.
fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{c}')
}

fn skip_blanks(line: &str) -> (usize, &str) {
    let rest = line.trim_start_matches(is_blank);
    (line.len() - rest.len(), rest)
}

fn push_chars(out: &mut Vec<(usize, char)>, start: usize, s: &str) {
    out.extend(s.char_indices().map(|(i, c)| (start + i, c)));
}

fn ends_with_odd_backslashes(chars: &[(usize, char)]) -> bool {
    chars.iter().rev().take_while(|(_, c)| *c == '\\').count() % 2 == 1
}

fn parse_logical_line(chars: &[(usize, char)], errors: &mut Vec<ParseError>) -> Option<Entry> {
    let mut key_end = chars.len();
    let mut value_start = chars.len();
    let mut has_separator = false;
    let mut escaped = false;
    for (i, &(_, c)) in chars.iter().enumerate() {
        if !escaped && (c == '=' || c == ':') {
            key_end = i;
            value_start = i + 1;
            has_separator = true;
            break;
        }
        if !escaped && is_blank(c) {
            key_end = i;
            value_start = i + 1;
            break;
        }
        escaped = c == '\\' && !escaped;
    }
    while let Some(&(_, c)) = chars.get(value_start) {
        if !is_blank(c) {
            if !has_separator && (c == '=' || c == ':') {
                has_separator = true;
            } else {
                break;
            }
        }
        value_start += 1;
    }
    let key_chars = chars.get(..key_end).unwrap_or_default();
    let value_chars = chars.get(value_start..).unwrap_or_default();
    let key = decode(key_chars, errors);
    if key.text.is_empty() {
        return None;
    }
    // With no value the empty value span sits right after the key.
    let key_span = key.span.unwrap_or_default();
    let value = decode(value_chars, errors);
    let value_span = value
        .span
        .unwrap_or_else(|| Span::new(key_span.end, key_span.end));
    Some(Entry {
        key: key.text,
        value: value.text,
        key_span,
        value_span,
        is_final: false,
    })
}

struct Decoded {
    text: String,
    /// From the first raw character to the end of the last significant one; `None` when empty.
    span: Option<Span>,
}

/// Decodes the escapes of a key or value and drops trailing unescaped blanks.
fn decode(chars: &[(usize, char)], errors: &mut Vec<ParseError>) -> Decoded {
    let mut text = String::new();
    let mut kept_len = 0;
    let mut kept_end = None;
    let mut i = 0;
    while let Some(&(offset, c)) = chars.get(i) {
        i += 1;
        let mut end = offset + c.len_utf8();
        if c != '\\' {
            text.push(c);
            if !is_blank(c) {
                kept_len = text.len();
                kept_end = Some(end);
            }
            continue;
        }
        let Some(&(escape_offset, escape)) = chars.get(i) else {
            // A lone trailing backslash (only possible at the end of the input) means nothing.
            continue;
        };
        i += 1;
        end = escape_offset + escape.len_utf8();
        match escape {
            't' => text.push('\t'),
            'n' => text.push('\n'),
            'r' => text.push('\r'),
            'f' => text.push('\u{c}'),
            'u' => {
                if let Some((unit, unit_end)) = hex4(chars, i) {
                    i += 4;
                    end = unit_end;
                    if let Some((c, low_end)) = surrogate_pair(chars, i, unit) {
                        i += 6;
                        end = low_end;
                        text.push(c);
                    } else {
                        // A lone surrogate cannot be a Rust `char`.
                        text.push(char::from_u32(unit).unwrap_or(char::REPLACEMENT_CHARACTER));
                    }
                } else {
                    // Report up to the four characters that should have been hex digits.
                    let bad_end = chars
                        .get(i..i.saturating_add(4).min(chars.len()))
                        .and_then(<[_]>::last)
                        .map_or(end, |&(o, c)| o + c.len_utf8());
                    errors.push(ParseError {
                        span: Span::new(offset, bad_end),
                        message: "malformed `\\uXXXX` escape".to_owned(),
                    });
                    text.push_str("\\u");
                }
            }
            other => text.push(other),
        }
        kept_len = text.len();
        kept_end = Some(end);
    }
    text.truncate(kept_len);
    let span = match (chars.first(), kept_end) {
        (Some(&(start, _)), Some(end)) => Some(Span::new(start, end)),
        _ => None,
    };
    Decoded { text, span }
}

/// Four hex digits starting at `chars[i]`: the code unit and the end offset of the last digit.
fn hex4(chars: &[(usize, char)], i: usize) -> Option<(u32, usize)> {
    let digits = chars.get(i..i.checked_add(4)?)?;
    let mut unit = 0;
    let mut end = 0;
    for &(offset, c) in digits {
        unit = unit * 16 + c.to_digit(16)?;
        end = offset + c.len_utf8();
    }
    Some((unit, end))
}

/// A high surrogate `unit` followed by `\uDC00`-`\uDFFF` at `chars[i]` is one character.
fn surrogate_pair(chars: &[(usize, char)], i: usize, unit: u32) -> Option<(char, usize)> {
    if !(0xD800..0xDC00).contains(&unit) {
        return None;
    }
    let is_escape = matches!(chars.get(i..i.checked_add(2)?)?, [(_, '\\'), (_, 'u')]);
    if !is_escape {
        return None;
    }
    let (low, end) = hex4(chars, i + 2)?;
    if !(0xDC00..0xE000).contains(&low) {
        return None;
    }
    let c = char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))?;
    Some((c, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spring_document_separators() {
        let starts = |text: &str| document_starts(text);
        assert_eq!(starts("a=1\n#---\na=2\n!---  \nb=1"), [0, 9, 20]);
        // Indented, after a comment of the same prefix, inside a continued value, or not
        // exactly three hyphens: no separator.
        assert_eq!(starts("a=1\n  #---\n# c\n#---\nb=x\\\n#---\n#----\n"), [0]);
        assert_eq!(starts("! c\n#---\na=1\r\n!---\r\nb=2"), [0, 9, 20]);
    }

    /// `(key, value, key text, value text)` of every entry.
    fn read(text: &str) -> Vec<(String, String, &str, &str)> {
        let (entries, _) = parse(text);
        entries
            .into_iter()
            .map(|e| {
                (
                    e.key,
                    e.value,
                    e.key_span.slice(text),
                    e.value_span.slice(text),
                )
            })
            .collect()
    }

    fn one(
        key: &str,
        value: &str,
        key_text: &'static str,
        value_text: &'static str,
    ) -> (String, String, &'static str, &'static str) {
        (key.to_owned(), value.to_owned(), key_text, value_text)
    }

    #[test]
    fn separators_equals_colon_and_blanks() {
        let text = "a=1\nb : 2\nc   3\nd=\ne\nf = = x\n";
        assert_eq!(
            read(text),
            [
                one("a", "1", "a", "1"),
                one("b", "2", "b", "2"),
                one("c", "3", "c", "3"),
                one("d", "", "d", ""),
                one("e", "", "e", ""),
                one("f", "= x", "f", "= x"),
            ]
        );
    }

    #[test]
    fn spark_defaults_style() {
        let text = "spark.master                     spark://master:7077\nspark.eventLog.enabled  true  \n";
        assert_eq!(
            read(text),
            [
                one(
                    "spark.master",
                    "spark://master:7077",
                    "spark.master",
                    "spark://master:7077"
                ),
                one(
                    "spark.eventLog.enabled",
                    "true",
                    "spark.eventLog.enabled",
                    "true"
                ),
            ]
        );
    }

    #[test]
    fn comments_never_produce_entries_and_hash_in_value_is_kept() {
        let text = "# a=1\n   ! b=2\n#c=3 \\\nd=4 # not a comment\n";
        assert_eq!(
            read(text),
            [one("d", "4 # not a comment", "d", "4 # not a comment")]
        );
    }

    #[test]
    fn continuation_lines_join_and_span_all_lines() {
        let text = "servers=a,\\\n    b,\\\r\n\tc\nnext=1\n";
        let got = read(text);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].1, "a,b,c");
        assert_eq!(got[0].3, "a,\\\n    b,\\\r\n\tc");
        assert_eq!(got[1].0, "next");
        // An even number of backslashes does not continue.
        let text = "p=x\\\\\nq=y\n";
        assert_eq!(
            read(text),
            [one("p", "x\\", "p", "x\\\\"), one("q", "y", "q", "y")]
        );
        // A continuation at the end of the input is dropped.
        let text = "p=x\\";
        assert_eq!(read(text), [one("p", "x", "p", "x")]);
    }

    #[test]
    fn escapes_are_decoded() {
        let text = "k\\ ey\\:x = t\\tn\\nu\\u0041\\q \\ \nemoji=\\uD83D\\uDE00\n";
        let got = read(text);
        assert_eq!(got[0].0, "k ey:x");
        assert_eq!(got[0].2, "k\\ ey\\:x");
        // The escaped blank at the end is significant; the raw blank before it is kept too.
        assert_eq!(got[0].1, "t\tn\nuAq  ");
        assert_eq!(got[0].3, "t\\tn\\nu\\u0041\\q \\ ");
        assert_eq!(got[1].1, "\u{1F600}");
    }

    #[test]
    fn malformed_unicode_escape_is_kept_and_reported() {
        let text = "a=x\\u12G4y\nb=\\u";
        let (entries, errors) = parse(text);
        assert_eq!(entries[0].value, "x\\u12G4y");
        assert_eq!(entries[1].value, "\\u");
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].span.slice(text), "\\u12G4");
        assert_eq!(errors[1].span.slice(text), "\\u");
    }

    #[test]
    fn lone_cr_bom_and_non_ascii() {
        let text = "\u{feff}a=1\rb=wért\r\nc=ü";
        assert_eq!(
            read(text),
            [
                one("a", "1", "a", "1"),
                one("b", "wért", "b", "wért"),
                one("c", "ü", "c", "ü")
            ]
        );
    }

    #[test]
    fn empty_keys_are_dropped() {
        assert!(read("=value\n: x\n").is_empty());
    }

    #[test]
    fn fuzz_never_panics_and_spans_fit() {
        let pieces: &[&str] = &[
            "=", ":", " ", "\t", "\\", "\\u", "\\uD83D", "\\uDE00", "0041", "#", "!", "\r", "\n",
            "\r\n", "é", "k", "\u{feff}",
        ];
        super::super::random_parses_fit(parse, pieces, 0x9e37_79b9_7f4a_7c15_u64);
    }
}
