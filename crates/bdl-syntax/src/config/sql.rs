//! SQL scripts. Every `*.sql` file has the kind `FlinkSql`, but only a Flink SQL script is Flink
//! configuration: a MySQL dump, a PostgreSQL schema or a Hive job is not, and reading it with
//! Flink's lexer would report syntax errors that are none. So the script is read twice at most:
//!
//! 1. **As Flink SQL**, the way Flink's parser (Calcite) lexes it, which also decides whether
//!    it *is* Flink SQL ([`dialect`] lists what counts as evidence: a quoted `SET` of a known
//!    Flink key, `CREATE TABLE … WITH ('connector' = …)`, `CREATE CATALOG … WITH ('type' = …)`,
//!    `USE CATALOG`, `EXECUTE STATEMENT SET`, `BEGIN STATEMENT SET`). When it is, this reading
//!    is the result, parse errors included.
//! 2. **Otherwise leniently**, with the lexing of the other dialects as well, keeping only the
//!    `SET` statements of known Flink keys and never reporting an error (see [`dialect`]).
//!
//! Flink SQL reading: the script is split into statements at `;` outside string literals
//! (`'…'`, with `''` as an escaped quote), quoted identifiers (`` `…` `` and `"…"`, a doubled
//! quote escaping itself), `-- line comments` and `/* block comments */`. Only a statement
//! whose first word is `SET` (any case) counts: a `SET` inside an `INSERT` or a string does
//! not, `SET;` (listing the properties) and `RESET` produce nothing. The last statement may
//! omit its `;`. Both `SET 'key' = 'value';` and the legacy unquoted `SET key=value;` /
//! `SET key = value;` are read.
//!
//! Quoted keys and values are unescaped (`''` -> `'`) and their spans cover the text between
//! the quotes. An unquoted value runs to the end of the statement (or to a comment) and is
//! trimmed. An unterminated string, identifier or block comment stops the scan with an error
//! at its start; entries before it are kept.

mod dialect;
pub mod tokens;

use bdl_core::Span;

use super::{Entry, ParseError};
use dialect::Words;

pub(crate) fn parse(text: &str) -> (Vec<Entry>, Vec<ParseError>) {
    let flink = parse_flink(text);
    if flink.is_flink {
        (flink.entries, flink.errors)
    } else {
        (dialect::read_other(text), Vec::new())
    }
}

/// Whether `text` is a Flink SQL script, by the evidence [`dialect`] lists. Rules do not need
/// this for reading entries ([`crate::ConfigFile::parse`] decides by itself); it tells them
/// which lexing [`statements`] used.
pub fn is_flink_sql(text: &str) -> bool {
    parse_flink(text).is_flink
}

/// One statement of a script.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Statement {
    /// From the first word to the end of the statement, its `;` excluded.
    pub span: Span,
    /// Whether the first word is `SET`: the statement changes the session's configuration and
    /// runs nothing.
    pub is_set: bool,
}

/// The statements of a script, in order, split with the lexing its dialect calls for (Flink's
/// for Flink SQL, the lenient one otherwise). A string, identifier or comment left open ends
/// the list: its statement runs to the end of the text.
pub fn statements(text: &str) -> Vec<Statement> {
    let lexing = if is_flink_sql(text) {
        Lexing::FLINK
    } else {
        Lexing::LENIENT
    };
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut pos = bom_len(text);
    while let Ok(start) = skip_trivia(bytes, pos, bytes.len(), lexing) {
        if start >= bytes.len() {
            break;
        }
        let (end, complete) = match statement_end(bytes, start, lexing, None) {
            Ok(end) => (end, true),
            Err(_) => (bytes.len(), false),
        };
        out.push(Statement {
            span: Span::new(start, end),
            is_set: keyword_end(bytes, start, b"SET").is_some(),
        });
        if !complete {
            break;
        }
        pos = if lexing.lenient {
            dialect::after_copy_data(text, start, end)
        } else {
            end + 1
        };
    }
    out
}

/// The options of one `WITH ( 'key' = 'value', … )` clause (`CREATE TABLE`, `CREATE CATALOG`,
/// …) or one `/*+ OPTIONS('key' = 'value') */` hint, in order. Keys and values are unescaped
/// (`''` -> `'`), their spans cover the text between the quotes.
pub type OptionClause = Vec<Entry>;

/// Every options clause of a script, in order, read with the lexing its dialect calls for (see
/// [`statements`]). Only quoted `'key' = 'value'` pairs count; a clause stops at the first
/// thing that is not one (`WITH (fillfactor = 70)` gives nothing), keeping the pairs before
/// it. `SET` statements are [`crate::ConfigFile`] entries, not options. One pass over the text.
pub fn with_options(text: &str) -> Vec<OptionClause> {
    let lexing = if is_flink_sql(text) {
        Lexing::FLINK
    } else {
        Lexing::LENIENT
    };
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    for statement in statements(text) {
        let end = statement.span.end.min(bytes.len());
        let mut pos = statement.span.start;
        while pos < end {
            match bytes.get(pos..end).unwrap_or_default() {
                [b, ..] if b.is_ascii_whitespace() || *b == 0x0b => pos += 1,
                [b'-', b'-', ..] => pos = line_end(bytes, pos),
                [b'/', b'*', b'+', ..] => {
                    let Ok(close) = block_comment_end(bytes, pos) else {
                        break;
                    };
                    read_hint(text, pos + 3, close - 2, &mut out);
                    pos = close;
                }
                [b'/', b'*', ..] => match block_comment_end(bytes, pos) {
                    Ok(close) => pos = close,
                    Err(_) => break,
                },
                [b'#', ..] if lexing.lenient && dialect::at_line_start(bytes, pos) => {
                    pos = line_end(bytes, pos);
                }
                [q @ (b'\'' | b'`' | b'"'), ..] => match quoted_end(bytes, pos, *q, lexing) {
                    Ok(close) => pos = close,
                    Err(_) => break,
                },
                [b, ..] if is_word_byte(*b) => {
                    let word_stop = word_end(bytes, pos);
                    let is_with = bytes
                        .get(pos..word_stop)
                        .is_some_and(|w| w.eq_ignore_ascii_case(b"WITH"));
                    pos = word_stop;
                    if is_with {
                        let Ok(open) = skip_trivia(bytes, pos, end, Lexing::FLINK) else {
                            break;
                        };
                        if bytes.get(open) == Some(&b'(') && open < end {
                            let (clause, next) = read_pairs(text, open + 1, end);
                            if !clause.is_empty() {
                                out.push(clause);
                            }
                            pos = next.max(pos);
                        }
                    }
                }
                _ => pos += 1,
            }
        }
    }
    out
}

/// The `OPTIONS('k' = 'v', …)` of the hint text between `from` and `end`.
fn read_hint(text: &str, from: usize, end: usize, out: &mut Vec<OptionClause>) {
    let bytes = text.as_bytes();
    let mut pos = from;
    while pos < end {
        match bytes.get(pos) {
            Some(b) if is_word_byte(*b) => {
                let word_stop = word_end(bytes, pos).min(end);
                let is_options = bytes
                    .get(pos..word_stop)
                    .is_some_and(|w| w.eq_ignore_ascii_case(b"OPTIONS"));
                pos = word_stop;
                if is_options {
                    let Ok(open) = skip_trivia(bytes, pos, end, Lexing::FLINK) else {
                        return;
                    };
                    if bytes.get(open) == Some(&b'(') && open < end {
                        let (clause, next) = read_pairs(text, open + 1, end);
                        if !clause.is_empty() {
                            out.push(clause);
                        }
                        pos = next.max(pos);
                    }
                }
            }
            Some(b'\'') => match quoted_end(bytes, pos, b'\'', Lexing::FLINK) {
                Ok(close) => pos = close,
                Err(_) => return,
            },
            _ => pos += 1,
        }
    }
}

/// Reads `'key' = 'value'` pairs separated by `,` from `pos` (just after the `(`), up to the
/// `)`, the first thing that is not such a pair, or `end`. Returns the pairs and where reading
/// stopped.
fn read_pairs(text: &str, mut pos: usize, end: usize) -> (Vec<Entry>, usize) {
    let bytes = text.as_bytes();
    let mut pairs = Vec::new();
    let trivia = |at: usize| skip_trivia(bytes, at, end, Lexing::FLINK).ok();
    loop {
        let Some(at) = trivia(pos) else {
            return (pairs, end);
        };
        if bytes.get(at) != Some(&b'\'') || at >= end {
            return (pairs, at);
        }
        let Ok(key) = quoted(text, at) else {
            return (pairs, end);
        };
        let Some(eq) = trivia(key.next).filter(|&eq| bytes.get(eq) == Some(&b'=')) else {
            return (pairs, key.next);
        };
        let Some(at) = trivia(eq + 1).filter(|&v| bytes.get(v) == Some(&b'\'') && v < end) else {
            return (pairs, eq + 1);
        };
        let Ok(value) = quoted(text, at) else {
            return (pairs, end);
        };
        if value.next > end {
            return (pairs, end);
        }
        pairs.push(Entry {
            key: key.text,
            value: value.text,
            key_span: key.span,
            value_span: value.span,
            is_final: false,
        });
        let Some(after) = trivia(value.next) else {
            return (pairs, end);
        };
        match bytes.get(after) {
            Some(b',') if after < end => pos = after + 1,
            _ => return (pairs, after),
        }
    }
}

/// How a script is lexed: as Flink (Calcite) lexes it, or leniently, tolerating the string
/// and comment forms of MySQL, PostgreSQL, Hive and Oracle scripts as well.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Lexing {
    /// A backslash escapes the next character in `'…'` and `"…"` (MySQL, Hive, PostgreSQL's
    /// `E'…'`), `$tag$ … $tag$` is a string (PostgreSQL), and `#` at the start of a line
    /// begins a comment (MySQL).
    lenient: bool,
}

impl Lexing {
    pub(crate) const FLINK: Self = Self { lenient: false };
    pub(crate) const LENIENT: Self = Self { lenient: true };
}

/// The length of a leading byte order mark.
fn bom_len(text: &str) -> usize {
    if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    }
}

/// The Flink reading of a script, and whether its statements showed it to be Flink SQL.
struct FlinkParse {
    entries: Vec<Entry>,
    errors: Vec<ParseError>,
    is_flink: bool,
}

/// Reads `text` as Flink SQL, deciding on the way whether it is: one pass over the text, the
/// evidence looked for only until it is found.
fn parse_flink(text: &str) -> FlinkParse {
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    let mut is_flink = false;
    let bytes = text.as_bytes();
    let mut pos = bom_len(text);
    loop {
        let start = match skip_trivia(bytes, pos, bytes.len(), Lexing::FLINK) {
            Ok(start) => start,
            Err(error) => {
                errors.push(error);
                break;
            }
        };
        if start >= bytes.len() {
            break;
        }
        let mut words = Words::default();
        let observer = if is_flink { None } else { Some(&mut words) };
        let end = match statement_end(bytes, start, Lexing::FLINK, observer) {
            Ok(end) => end,
            Err(error) => {
                errors.push(error);
                break;
            }
        };
        is_flink |= words.is_flink();
        if let Some(after_set) = keyword_end(bytes, start, b"SET") {
            match parse_set(text, after_set, end) {
                Ok(Some((entry, quoted_key))) => {
                    is_flink |= !is_flink && quoted_key && dialect::is_flink_key(&entry.key);
                    entries.push(entry);
                }
                Ok(None) => {}
                Err(message) => errors.push(ParseError {
                    span: Span::new(start, end),
                    message,
                }),
            }
        }
        pos = end + 1;
    }
    FlinkParse {
        entries,
        errors,
        is_flink,
    }
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
        Some(&b) if is_word_byte(b) => None,
        _ => Some(end),
    }
}

/// A byte of an unquoted word: ASCII letters, digits, `_` and `$`, and any byte of a non-ASCII
/// character.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80
}

/// The offset after the word starting at `pos`.
fn word_end(bytes: &[u8], pos: usize) -> usize {
    bytes
        .get(pos..)
        .unwrap_or_default()
        .iter()
        .position(|&b| !is_word_byte(b))
        .map_or(bytes.len(), |i| pos + i)
}

/// Skips whitespace and comments from `pos` up to `end`.
fn skip_trivia(
    bytes: &[u8],
    mut pos: usize,
    end: usize,
    lexing: Lexing,
) -> Result<usize, ParseError> {
    while pos < end {
        match bytes.get(pos..end).unwrap_or_default() {
            [b, ..] if b.is_ascii_whitespace() || *b == 0x0b => pos += 1,
            [b'-', b'-', ..] => pos = line_end(bytes, pos),
            [b'/', b'*', ..] => pos = block_comment_end(bytes, pos)?,
            [b'#', ..] if lexing.lenient && dialect::at_line_start(bytes, pos) => {
                pos = line_end(bytes, pos);
            }
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
/// quote inside is an escaped quote, and so, when lexing leniently, is a backslash before any
/// character in `'…'` and `"…"`.
fn quoted_end(bytes: &[u8], pos: usize, quote: u8, lexing: Lexing) -> Result<usize, ParseError> {
    let backslash = lexing.lenient && quote != b'`';
    let mut i = pos + 1;
    loop {
        match bytes.get(i) {
            None => {
                let what = match quote {
                    b'`' | b'"' => "unterminated quoted identifier",
                    _ => "unterminated string literal",
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
            Some(b'\\') if backslash => i += 2,
            Some(_) => i += 1,
        }
    }
}

/// The offset of the `;` ending the statement starting at `pos`, or the end of the text.
/// `words`, when given, is told the statement's words, strings and punctuation until it has
/// seen enough.
fn statement_end(
    bytes: &[u8],
    mut pos: usize,
    lexing: Lexing,
    mut words: Option<&mut Words>,
) -> Result<usize, ParseError> {
    while let Some(rest) = bytes.get(pos..).filter(|r| !r.is_empty()) {
        let listening = words.as_ref().is_some_and(|w| w.wants_more());
        if !listening {
            // Nothing to tell about words: skip to the next byte that can start or end something.
            let special = |b: &u8| {
                matches!(b, b';' | b'\'' | b'`' | b'"' | b'-' | b'/')
                    || (lexing.lenient && matches!(b, b'#' | b'$'))
            };
            match rest.iter().position(special) {
                Some(0) => {}
                Some(skip) => {
                    pos += skip;
                    continue;
                }
                None => break,
            }
        }
        pos = match rest {
            [b';', ..] => return Ok(pos),
            [q @ (b'\'' | b'`' | b'"'), ..] => {
                let end = quoted_end(bytes, pos, *q, lexing)?;
                if listening && let Some(w) = words.as_mut() {
                    w.string(*q, bytes.get(pos + 1..end - 1).unwrap_or_default());
                }
                end
            }
            [b'-', b'-', ..] => line_end(bytes, pos),
            [b'/', b'*', ..] => block_comment_end(bytes, pos)?,
            [b'#', ..] if lexing.lenient && dialect::at_line_start(bytes, pos) => {
                line_end(bytes, pos)
            }
            // A `$` inside a word (`V$SESSION`, `a$b$c`) opens nothing.
            [b'$', ..]
                if lexing.lenient
                    && !pos
                        .checked_sub(1)
                        .and_then(|before| bytes.get(before))
                        .is_some_and(|b| is_word_byte(*b)) =>
            {
                dialect::dollar_quoted_end(bytes, pos).unwrap_or(pos + 1)
            }
            [b, ..] if is_word_byte(*b) => {
                let end = word_end(bytes, pos);
                if listening && let Some(w) = words.as_mut() {
                    w.word(bytes.get(pos..end).unwrap_or_default());
                }
                end
            }
            [b, ..] => {
                if listening
                    && !(b.is_ascii_whitespace() || *b == 0x0b)
                    && let Some(w) = words.as_mut()
                {
                    w.punct(*b);
                }
                pos + 1
            }
            [] => break,
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
/// of the text): the entry, and whether its key was quoted. `Ok(None)` for the bare `SET` that
/// lists the properties.
fn parse_set(text: &str, from: usize, end: usize) -> Result<Option<(Entry, bool)>, String> {
    let bytes = text.as_bytes();
    let trivia = |pos| skip_trivia(bytes, pos, end, Lexing::FLINK).map_err(|e| e.message);
    let pos = trivia(from)?;
    if pos >= end {
        return Ok(None);
    }
    let quoted_key = bytes.get(pos) == Some(&b'\'');
    let key = if quoted_key {
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
    let entry = Entry {
        key: key.text,
        value: value.text,
        key_span: key.span,
        value_span: value.span,
        is_final: false,
    };
    Ok(Some((entry, quoted_key)))
}

/// The string literal whose opening quote is at `pos`.
fn quoted(text: &str, pos: usize) -> Result<Token, String> {
    let close = quoted_end(text.as_bytes(), pos, b'\'', Lexing::FLINK).map_err(|e| e.message)?;
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

    /// The Flink reading of `text`, whatever its dialect.
    fn strict(text: &str) -> (Vec<Entry>, Vec<ParseError>) {
        let flink = parse_flink(text);
        (flink.entries, flink.errors)
    }

    /// `(key, value, key text, value text)` of every entry of the Flink reading.
    fn read(text: &str) -> Vec<(String, String, &str, &str)> {
        let (entries, _) = strict(text);
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
        assert!(strict(text).1.is_empty());
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
        assert!(strict(text).1.is_empty());
    }

    #[test]
    fn unterminated_string_or_comment_keeps_earlier_entries() {
        let text = "SET 'a' = '1';\nSET 'b' = 'oops;\n";
        let (entries, errors) = strict(text);
        assert_eq!(entries.len(), 1);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].message, "unterminated string literal");
        assert_eq!(errors[0].span.start, text.find("'oops").unwrap_or_default());

        let text = "SET 'a' = '1'; /* never closed\nSET 'c' = '3';";
        let (entries, errors) = strict(text);
        assert_eq!(entries.len(), 1);
        assert_eq!(errors[0].span.slice(text), "/*");
    }

    #[test]
    fn double_quoted_identifiers_hide_apostrophes() {
        let text =
            "SELECT \"it's\", \"a\"\"b\" FROM t;\nSET 'a' = 'b';\nSELECT `x'`;\nSET 'c' = 'd';";
        assert_eq!(
            read(text),
            [one("a", "b", "a", "b"), one("c", "d", "c", "d")]
        );
        assert!(strict(text).1.is_empty());

        let text = "SET 'a' = '1';\nSELECT \"never closed;\n";
        let (entries, errors) = strict(text);
        assert_eq!(entries.len(), 1);
        assert_eq!(errors[0].message, "unterminated quoted identifier");
        assert_eq!(errors[0].span.slice(text), "\"");
    }

    #[test]
    fn a_broken_flink_script_is_reported_where_the_string_starts() {
        let text = "CREATE TABLE t (a INT) WITH ('connector' = 'datagen');\n\
            SET 'execution.checkpointing.interval' = '1s';\n\
            INSERT INTO t SELECT 'oops FROM s;\n\
            SELECT 1;\n";
        let (entries, errors) = parse(text);
        assert_eq!(entries.len(), 1);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].message, "unterminated string literal");
        assert_eq!(errors[0].span.start, text.find("'oops").unwrap_or_default());
    }

    #[test]
    fn malformed_set_statements_are_errors() {
        let text = "SET 'a';\nSET 'b' = 'c' 'd';\nSET = 'x';\nSET 'ok' = 'yes';";
        let (entries, errors) = strict(text);
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
        super::super::random_parses_fit(strict, pieces, 0x94d0_49bb_1331_11eb_u64);
    }

    /// `(key, value, value text)` of every option, clause by clause.
    fn options(text: &str) -> Vec<Vec<(String, String, &str)>> {
        with_options(text)
            .into_iter()
            .map(|clause| {
                clause
                    .into_iter()
                    .map(|e| (e.key, e.value, e.value_span.slice(text)))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn with_clauses_and_option_hints() {
        let text = "CREATE TABLE t (a INT, b AS PROCTIME()) WITH (\n  'connector' = 'jdbc', -- c\n  'password' /* x */ = 'it''s'\n);\n\
            WITH v AS (SELECT 1) SELECT * FROM v;\n\
            SELECT * FROM t /*+ OPTIONS('username' = 'u') */;\n\
            CREATE CATALOG c with ('type'='jdbc','base-url'='jdbc:mysql://h:3306');\n\
            INSERT INTO t SELECT 'WITH (''k'' = ''v'')' FROM s;\n";
        let found = options(text);
        let pair = |k: &str, v: &str, raw: &'static str| (k.to_owned(), v.to_owned(), raw);
        assert_eq!(
            found,
            [
                vec![
                    pair("connector", "jdbc", "jdbc"),
                    pair("password", "it's", "it''s")
                ],
                vec![pair("username", "u", "u")],
                vec![
                    pair("type", "jdbc", "jdbc"),
                    pair("base-url", "jdbc:mysql://h:3306", "jdbc:mysql://h:3306")
                ],
            ]
        );
    }

    #[test]
    fn malformed_with_clauses_keep_the_pairs_before_the_problem() {
        let found = options(
            "CREATE TABLE t (a INT) WITH ('connector' = 'kafka', 'topic' = 5, 'x' = 'y');\n\
             CREATE TABLE u (a INT) WITH (fillfactor = 70);\n\
             CREATE TABLE w (a INT) WITH ('k' = 'never closed",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].len(), 1);
        assert_eq!(found[0][0].0, "connector");
        // Long, repetitive and cut inputs stay linear and never panic.
        let text = "CREATE TABLE t WITH (".repeat(50_000);
        assert!(with_options(&text).is_empty());
        let text = format!("CREATE TABLE t WITH ({}", "'k' = 'v', ".repeat(20_000));
        assert_eq!(with_options(&text).first().map(Vec::len), Some(20_000));
        for cut in 0..60 {
            let text = "CREATE TABLE t (a INT) WITH ('connector' = 'jdbc', 'password' = 'p');";
            let _ = with_options(text.get(..cut).unwrap_or(text));
        }
    }
}
