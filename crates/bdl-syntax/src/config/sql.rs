//! Flink SQL scripts: the `SET 'key' = 'value';` statements, and the legacy unquoted
//! `SET key=value;` / `SET key = value;`.
//!
//! The script is split into statements at `;` outside string literals (`'…'`, with `''` as an
//! escaped quote), quoted identifiers (`` `…` ``), `-- line comments` and `/* block comments */`.
//! Only a statement whose first word is `SET` (any case) counts: a `SET` inside an `INSERT` or
//! a string does not, `SET;` (listing the properties) and `RESET` produce nothing. The last
//! statement may omit its `;`.
//!
//! Quoted keys and values are unescaped (`''` -> `'`) and their spans cover the text between
//! the quotes. An unquoted value runs to the end of the statement (or to a comment) and is
//! trimmed. An unterminated string, identifier or block comment stops the scan with an error
//! at its start; entries before it are kept.

use bdl_core::Span;

use super::{Entry, ParseError};

pub(crate) fn parse(text: &str) -> (Vec<Entry>, Vec<ParseError>) {
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    let bytes = text.as_bytes();
    let mut pos = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    loop {
        let start = match skip_trivia(bytes, pos, bytes.len()) {
            Ok(start) => start,
            Err(error) => {
                errors.push(error);
                break;
            }
        };
        if start >= bytes.len() {
            break;
        }
        let end = match statement_end(bytes, start) {
            Ok(end) => end,
            Err(error) => {
                errors.push(error);
                break;
            }
        };
        if let Some(after_set) = keyword_end(bytes, start, b"SET") {
            match parse_set(text, after_set, end) {
                Ok(Some(entry)) => entries.push(entry),
                Ok(None) => {}
                Err(message) => errors.push(ParseError {
                    span: Span::new(start, end),
                    message,
                }),
            }
        }
        pos = end + 1;
    }
    (entries, errors)
}

/// The end of `keyword` (ASCII, upper case) when the statement at `pos` starts with it as a
/// whole word.
fn keyword_end(bytes: &[u8], pos: usize, keyword: &[u8]) -> Option<usize> {
    let end = pos.checked_add(keyword.len())?;
    let word = bytes.get(pos..end)?;
    if !word.eq_ignore_ascii_case(keyword) {
        return None;
    }
    match bytes.get(end) {
        Some(&b) if b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80 => None,
        _ => Some(end),
    }
}

/// Skips whitespace and comments from `pos` up to `end`.
fn skip_trivia(bytes: &[u8], mut pos: usize, end: usize) -> Result<usize, ParseError> {
    while pos < end {
        match bytes.get(pos..end).unwrap_or_default() {
            [b, ..] if b.is_ascii_whitespace() || *b == 0x0b => pos += 1,
            [b'-', b'-', ..] => pos = line_end(bytes, pos),
            [b'/', b'*', ..] => pos = block_comment_end(bytes, pos)?,
            _ => break,
        }
    }
    Ok(pos.min(end))
}

/// The offset of the line terminator after `pos` (or the end of the text).
fn line_end(bytes: &[u8], pos: usize) -> usize {
    bytes
        .get(pos..)
        .unwrap_or_default()
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .map_or(bytes.len(), |i| pos + i)
}

/// The offset after the `*/` closing the block comment at `pos`.
fn block_comment_end(bytes: &[u8], pos: usize) -> Result<usize, ParseError> {
    bytes
        .get(pos + 2..)
        .unwrap_or_default()
        .windows(2)
        .position(|w| w == b"*/")
        .map(|i| pos + 2 + i + 2)
        .ok_or_else(|| ParseError {
            span: Span::new(pos, pos + 2),
            message: "unterminated block comment".to_owned(),
        })
}

/// The offset after the closing quote of the literal opened by the `quote` at `pos`; a doubled
/// quote inside is an escaped quote.
fn quoted_end(bytes: &[u8], pos: usize, quote: u8) -> Result<usize, ParseError> {
    let mut i = pos + 1;
    loop {
        match bytes.get(i) {
            None => {
                let what = if quote == b'`' {
                    "unterminated quoted identifier"
                } else {
                    "unterminated string literal"
                };
                return Err(ParseError {
                    span: Span::new(pos, pos + 1),
                    message: what.to_owned(),
                });
            }
            Some(&b) if b == quote => {
                if bytes.get(i + 1) == Some(&quote) {
                    i += 2;
                } else {
                    return Ok(i + 1);
                }
            }
            Some(_) => i += 1,
        }
    }
}

/// The offset of the `;` ending the statement starting at `pos`, or the end of the text.
fn statement_end(bytes: &[u8], mut pos: usize) -> Result<usize, ParseError> {
    while let Some(rest) = bytes.get(pos..).filter(|r| !r.is_empty()) {
        pos = match rest {
            [b';', ..] => return Ok(pos),
            [q @ (b'\'' | b'`'), ..] => quoted_end(bytes, pos, *q)?,
            [b'-', b'-', ..] => line_end(bytes, pos),
            [b'/', b'*', ..] => block_comment_end(bytes, pos)?,
            _ => pos + 1,
        };
    }
    Ok(bytes.len())
}

/// A key or value of a `SET` statement: its text and where it is written.
struct Token {
    text: String,
    span: Span,
    next: usize,
}

/// Parses the rest of a `SET` statement, from after the keyword to `end` (the `;` or the end
/// of the text). `Ok(None)` for the bare `SET` that lists the properties.
fn parse_set(text: &str, from: usize, end: usize) -> Result<Option<Entry>, String> {
    let bytes = text.as_bytes();
    let trivia = |pos| skip_trivia(bytes, pos, end).map_err(|e| e.message);
    let pos = trivia(from)?;
    if pos >= end {
        return Ok(None);
    }
    let key = if bytes.get(pos) == Some(&b'\'') {
        quoted(text, pos)?
    } else {
        unquoted(text, pos, end, true)
    };
    if key.text.is_empty() {
        return Err("malformed SET statement: empty key".to_owned());
    }
    let pos = trivia(key.next)?;
    if bytes.get(pos) != Some(&b'=') || pos >= end {
        return Err("malformed SET statement: expected `=` after the key".to_owned());
    }
    let pos = trivia(pos + 1)?;
    let value = if bytes.get(pos) == Some(&b'\'') && pos < end {
        let value = quoted(text, pos)?;
        if trivia(value.next)? < end {
            return Err("malformed SET statement: unexpected text after the value".to_owned());
        }
        value
    } else {
        unquoted(text, pos, end, false)
    };
    Ok(Some(Entry {
        key: key.text,
        value: value.text,
        key_span: key.span,
        value_span: value.span,
        is_final: false,
    }))
}

/// The string literal whose opening quote is at `pos`.
fn quoted(text: &str, pos: usize) -> Result<Token, String> {
    let close = quoted_end(text.as_bytes(), pos, b'\'').map_err(|e| e.message)?;
    let inner = Span::new(pos + 1, close - 1);
    Ok(Token {
        text: inner.slice(text).replace("''", "'"),
        span: inner,
        next: close,
    })
}

/// An unquoted key (ends at `=` or whitespace) or value (ends at the statement end); both stop
/// at a comment and are trimmed.
fn unquoted(text: &str, pos: usize, end: usize, is_key: bool) -> Token {
    let bytes = text.as_bytes();
    let mut stop = pos;
    while stop < end {
        match bytes.get(stop..end).unwrap_or_default() {
            [b'-', b'-', ..] | [b'/', b'*', ..] => break,
            [b'=', ..] if is_key => break,
            [b, ..] if is_key && b.is_ascii_whitespace() => break,
            _ => stop += 1,
        }
    }
    let raw = Span::new(pos, stop).slice(text);
    let trimmed = raw.trim_end_matches(|c: char| c.is_ascii_whitespace() || c == '\u{b}');
    Token {
        text: trimmed.to_owned(),
        span: Span::new(pos, pos + trimmed.len()),
        next: stop,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn quoted_set_statements() {
        let text =
            "SET 'execution.checkpointing.interval' = '1s';\nset\t'a'='b''c'  ;\n  SeT\n'x' =\n'y'";
        assert_eq!(
            read(text),
            [
                one(
                    "execution.checkpointing.interval",
                    "1s",
                    "execution.checkpointing.interval",
                    "1s"
                ),
                one("a", "b'c", "a", "b''c"),
                one("x", "y", "x", "y"),
            ]
        );
        assert!(parse(text).1.is_empty());
    }

    #[test]
    fn legacy_unquoted_set_statements() {
        let text = "SET table.exec.state.ttl=1 h;\nSET parallelism.default = 4 ; SET a = 'q';";
        assert_eq!(
            read(text),
            [
                one("table.exec.state.ttl", "1 h", "table.exec.state.ttl", "1 h"),
                one("parallelism.default", "4", "parallelism.default", "4"),
                one("a", "q", "a", "q"),
            ]
        );
    }

    #[test]
    fn comments_strings_and_other_statements_never_produce_entries() {
        let text = "-- SET 'a' = '1';\n/* SET 'b' = '2'; */\n\
            INSERT INTO t SELECT 'x; SET ''c'' = ''3''' FROM s SET;\n\
            SELECT `weird;SET` FROM t;\nRESET 'd';\nSET;\nSETTINGS 'e' = '5';\n\
            SET /* inline */ 'f' -- c\n = '6';";
        assert_eq!(read(text), [one("f", "6", "f", "6")]);
        assert!(parse(text).1.is_empty());
    }

    #[test]
    fn unterminated_string_or_comment_keeps_earlier_entries() {
        let text = "SET 'a' = '1';\nSET 'b' = 'oops;\n";
        let (entries, errors) = parse(text);
        assert_eq!(entries.len(), 1);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].message, "unterminated string literal");
        assert_eq!(errors[0].span.start, text.find("'oops").unwrap_or_default());

        let text = "SET 'a' = '1'; /* never closed\nSET 'c' = '3';";
        let (entries, errors) = parse(text);
        assert_eq!(entries.len(), 1);
        assert_eq!(errors[0].span.slice(text), "/*");
    }

    #[test]
    fn malformed_set_statements_are_errors() {
        let text = "SET 'a';\nSET 'b' = 'c' 'd';\nSET = 'x';\nSET 'ok' = 'yes';";
        let (entries, errors) = parse(text);
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].key, "ok");
        assert_eq!(errors.len(), 3);
        assert_eq!(errors[0].span.slice(text), "SET 'a'");
    }

    #[test]
    fn crlf_bom_and_non_ascii() {
        let text = "\u{feff}SET 'ä' = 'wért';\r\nSET b=ü\r";
        assert_eq!(
            read(text),
            [one("ä", "wért", "ä", "wért"), one("b", "ü", "b", "ü")]
        );
    }

    #[test]
    fn fuzz_never_panics_and_spans_fit() {
        let pieces: &[&str] = &[
            "SET", "set ", "'", "''", "`", "=", ";", "--", "/*", "*/", " ", "\n", "\r", "é", "k",
            "\u{feff}",
        ];
        super::super::random_parses_fit(parse, pieces, 0xd1b5_4a32_d192_ed03_u64);
    }
}
