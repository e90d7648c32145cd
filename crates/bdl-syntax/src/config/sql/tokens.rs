//! A light token scanner for Flink SQL scripts: tokens outside string literals and comments,
//! each with its parenthesis depth, and statements split at `;`. Rules read what the tokens
//! prove (a grouping, a join, the options of a table's `WITH` clause) without a full parser;
//! a script the scan cannot read to its end (an unterminated string or comment) is read only
//! up to the problem.
//!
//! The `SET` statements themselves are parsed by [`super`] into configuration entries.

use bdl_core::Span;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A keyword, name or number.
    Word,
    /// A `'…'` string literal.
    Str,
    /// A `` `…` `` or `"…"` quoted identifier.
    Quoted,
    /// A `/*+ … */` hint.
    Hint,
    /// Any other single character: `(`, `)`, `,`, `;`, `=`, `.`, …
    Punct(u8),
}

/// A token and the parenthesis depth it is at (a `(` and its `)` are at the outer depth).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    pub span: Span,
    pub depth: u32,
}

/// The tokens of a text; `complete` is false when an unterminated string, identifier or comment
/// stopped the scan.
#[derive(Debug)]
pub struct Scan {
    pub tokens: Vec<Token>,
    pub complete: bool,
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80
}

/// Splits `text` into tokens, skipping whitespace, `-- line` and `/* block */` comments.
pub fn tokenize(text: &str) -> Scan {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut depth: u32 = 0;
    let mut pos = 0;
    let closing = |from: usize, close: &[u8]| -> Option<usize> {
        bytes
            .get(from..)?
            .windows(close.len())
            .position(|w| w == close)
            .map(|i| from + i + close.len())
    };
    while let Some(&b) = bytes.get(pos) {
        let start = pos;
        let (kind, end) = match b {
            _ if b.is_ascii_whitespace() || b == 0x0b => {
                pos += 1;
                continue;
            }
            b'-' if bytes.get(pos + 1) == Some(&b'-') => {
                pos = bytes[pos..]
                    .iter()
                    .position(|&c| c == b'\n' || c == b'\r')
                    .map_or(bytes.len(), |i| pos + i);
                continue;
            }
            b'/' if bytes.get(pos + 1) == Some(&b'*') => {
                let Some(end) = closing(pos + 2, b"*/") else {
                    return Scan {
                        tokens,
                        complete: false,
                    };
                };
                if bytes.get(pos + 2) == Some(&b'+') {
                    (Kind::Hint, end)
                } else {
                    pos = end;
                    continue;
                }
            }
            b'\'' | b'`' | b'"' => {
                let Some(end) = quoted_end(bytes, pos, b) else {
                    return Scan {
                        tokens,
                        complete: false,
                    };
                };
                let kind = if b == b'\'' { Kind::Str } else { Kind::Quoted };
                (kind, end)
            }
            _ if is_word_byte(b) => {
                let end = bytes[pos..]
                    .iter()
                    .position(|&c| !is_word_byte(c))
                    .map_or(bytes.len(), |i| pos + i);
                (Kind::Word, end)
            }
            _ => (Kind::Punct(b), pos + 1),
        };
        let token_depth = if kind == Kind::Punct(b')') {
            depth = depth.saturating_sub(1);
            depth
        } else {
            depth
        };
        if kind == Kind::Punct(b'(') {
            depth = depth.saturating_add(1);
        }
        tokens.push(Token {
            kind,
            span: Span::new(start, end),
            depth: token_depth,
        });
        pos = end;
    }
    Scan {
        tokens,
        complete: true,
    }
}

/// The offset after the quote closing the literal opened at `pos`; a doubled quote inside is an
/// escaped quote.
fn quoted_end(bytes: &[u8], pos: usize, quote: u8) -> Option<usize> {
    let mut i = pos + 1;
    loop {
        match bytes.get(i) {
            None => return None,
            Some(&b) if b == quote => {
                if bytes.get(i + 1) == Some(&quote) {
                    i += 2;
                } else {
                    return Some(i + 1);
                }
            }
            Some(_) => i += 1,
        }
    }
}

/// Whether `token` is the word `word` (any case).
pub fn is_word(text: &str, token: &Token, word: &str) -> bool {
    token.kind == Kind::Word && token.span.slice(text).eq_ignore_ascii_case(word)
}

/// Whether a script is Flink SQL: a table declared with a `'connector'` option (or the legacy
/// `'connector.type'`).
pub fn declares_connector(text: &str, scan: &Scan) -> bool {
    scan.tokens.windows(2).any(|w| {
        w[0].kind == Kind::Str
            && matches!(w[0].span.slice(text), "'connector'" | "'connector.type'")
            && w[1].kind == Kind::Punct(b'=')
    })
}

/// The tokens of each statement of a scan, split at `;` (which is left out). When the scan
/// stopped early, the last statement may be cut short and is left out.
pub fn statement_tokens(scan: &Scan) -> Vec<&[Token]> {
    let mut out: Vec<&[Token]> = scan
        .tokens
        .split(|t| t.kind == Kind::Punct(b';'))
        .filter(|tokens| !tokens.is_empty())
        .collect();
    if !scan.complete {
        out.pop();
    }
    out
}

/// One `'key' = 'value'` option of a table's `WITH (…)` clause.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableOption {
    /// The key with its quotes removed and `''` unescaped.
    pub key: String,
    /// The value with its quotes removed and `''` unescaped.
    pub value: String,
    /// The text between the key's quotes.
    pub key_span: Span,
    /// The text between the value's quotes.
    pub value_span: Span,
}

/// The options of the `WITH (…)` clause of a `CREATE [TEMPORARY] TABLE` statement, given the
/// statement's tokens, in the order written. Empty when the statement declares no table or has
/// no such clause. Only `'key' = 'value'` pairs of string literals count; anything else in the
/// clause is skipped.
pub fn table_options(text: &str, tokens: &[Token]) -> Vec<TableOption> {
    let words: Vec<&Token> = tokens
        .iter()
        .filter(|t| t.kind != Kind::Hint)
        .take(4)
        .collect();
    let is_create = words.first().is_some_and(|t| is_word(text, t, "CREATE"));
    let table = words
        .iter()
        .skip(1)
        .take(3)
        .any(|t| is_word(text, t, "TABLE"));
    if !is_create || !table {
        return Vec::new();
    }
    let Some(open) = tokens.windows(2).position(|w| {
        w[0].depth == 0 && is_word(text, &w[0], "WITH") && w[1].kind == Kind::Punct(b'(')
    }) else {
        return Vec::new();
    };
    let rest = tokens.get(open + 2..).unwrap_or_default();
    let Some(close) = rest.iter().position(|t| t.depth == 0) else {
        return Vec::new();
    };
    if rest.get(close).map(|t| t.kind) != Some(Kind::Punct(b')')) {
        return Vec::new();
    }
    let inside: Vec<&Token> = rest.get(..close).unwrap_or_default().iter().collect();
    let mut out = Vec::new();
    for w in inside.windows(3) {
        if w[0].depth == 1
            && w[0].kind == Kind::Str
            && w[1].kind == Kind::Punct(b'=')
            && w[2].kind == Kind::Str
        {
            let (key, key_span) = unquote(text, w[0].span);
            let (value, value_span) = unquote(text, w[2].span);
            out.push(TableOption {
                key,
                value,
                key_span,
                value_span,
            });
        }
    }
    out
}

/// The content of a `'…'` literal at `span`, `''` unescaped, and the span between its quotes.
fn unquote(text: &str, span: Span) -> (String, Span) {
    let inner = Span::new(
        (span.start + 1).min(span.end),
        span.end.saturating_sub(1).max(span.start),
    );
    (inner.slice(text).replace("''", "'"), inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(sql: &str) -> Vec<(String, String, String)> {
        let scan = tokenize(sql);
        statement_tokens(&scan)
            .iter()
            .flat_map(|s| table_options(sql, s))
            .map(|o| (o.key, o.value, o.value_span.slice(sql).to_owned()))
            .collect()
    }

    #[test]
    fn reads_the_with_clause_of_a_table() {
        let sql = "CREATE TABLE es (id INT, PRIMARY KEY (id) NOT ENFORCED) WITH (\n\
            'connector' = 'elasticsearch-7', -- the sink\n\
            'sink.bulk-flush.max-actions' = '1',\n\
            'index' = 'it''s'\n);\n\
            CREATE TEMPORARY TABLE t WITH ('a' = 'b') LIKE s;\n\
            INSERT INTO es SELECT * FROM src;";
        assert_eq!(
            options(sql),
            [
                (
                    "connector".into(),
                    "elasticsearch-7".into(),
                    "elasticsearch-7".into()
                ),
                ("sink.bulk-flush.max-actions".into(), "1".into(), "1".into()),
                ("index".into(), "it's".into(), "it''s".into()),
                ("a".into(), "b".into(), "b".into()),
            ]
        );
    }

    #[test]
    fn other_statements_have_no_table_options() {
        for sql in [
            "WITH t AS (SELECT 1) SELECT * FROM t;",
            "INSERT INTO x SELECT * FROM y;",
            "CREATE VIEW v AS SELECT 1;",
            "CREATE TABLE t (a INT);",
            "CREATE TABLE t (a INT) WITH ('connector' = 'kafka'",
            "CREATE TABLE t WITH ('k' = 'v', 'nested' = ('x'), 'n' = 1, 'z' = 'y');",
        ] {
            let got = options(sql);
            assert!(
                got.iter().all(|(k, _, _)| k == "k" || k == "z"),
                "{sql}: {got:?}"
            );
        }
        assert_eq!(options("SELECT '").len(), 0);
    }

    #[test]
    fn connector_evidence() {
        let sql = "CREATE TABLE t (a INT) WITH ('connector' = 'kafka');";
        assert!(declares_connector(sql, &tokenize(sql)));
        let sql = "SELECT 'connector' = 'x';";
        assert!(declares_connector(sql, &tokenize(sql)));
        let sql = "SET 'execution.checkpointing.interval' = '1s';";
        assert!(!declares_connector(sql, &tokenize(sql)));
    }
}
