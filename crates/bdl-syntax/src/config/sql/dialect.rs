//! Whether a SQL script is Flink SQL, and how a script that is not is read.
//!
//! **Evidence of Flink SQL**, any one of which makes a script Flink SQL (every other dialect
//! rejects these forms, or writes them differently):
//!
//! - `SET 'key' = 'value'` with a quoted key that Flink knows: a key of any modelled Flink line
//!   or one matching a Flink pattern (`bdl_catalog`). Hive, Spark, MySQL and PostgreSQL write
//!   `SET` keys unquoted;
//! - `CREATE [TEMPORARY] TABLE … WITH (… 'connector' = …)` (also the pre-1.11
//!   `'connector.type'`): Flink's connector options are quoted string keys, where PostgreSQL,
//!   Trino and RisingWave write `WITH (fillfactor = 70)` / `WITH (connector = 'kafka')`;
//! - `CREATE CATALOG … WITH (… 'type' = …)` and `USE CATALOG …`;
//! - `EXECUTE STATEMENT SET` and `BEGIN STATEMENT SET`.
//!
//! An `INSERT INTO` a table declared with a connector needs no rule of its own: the
//! declaration is in the same script, and already decides it.
//!
//! The evidence is gathered while the script is read as Flink SQL (`super::parse_flink`), so
//! deciding costs no pass of its own: each statement feeds its first words (and, for a
//! `CREATE`, its `WITH` options) to a [`Words`] until they decide, and nothing once the
//! script is known to be Flink SQL.
//!
//! **Any other script** is read for Flink configuration only, and never reported as broken:
//! it may be a MySQL dump, a PostgreSQL schema, a Hive job, a DB2 or Oracle script, all of
//! which Flink's lexer misreads. [`read_other`] lexes leniently (backslash escapes in `'…'` and
//! `"…"`, `$tag$ … $tag$` bodies, `#` comment lines, PostgreSQL `COPY … FROM stdin` data) and
//! keeps the `SET` statements whose key Flink knows: `SET 'key' = 'value'` and the legacy
//! `SET key=value` (whose value then ends at the end of its line as well). Hive's
//! `set hive.exec.dynamic.partition=true`, MySQL's `SET NAMES utf8mb4` or PostgreSQL's
//! `SET search_path TO app` are not Flink keys and give nothing. Whatever it cannot read it
//! skips, silently.

use bdl_catalog::{Catalog, Lookup, Product};
use bdl_core::Span;

use super::{Lexing, keyword_end, line_end, quoted_end, skip_trivia, statement_end, unquoted};
use crate::config::Entry;

/// Whether any modelled Flink line knows `key`, as a key, an alias or a pattern, or `key` is a
/// near miss of a Flink key (`execution.checkpointing.intervall`): a misspelt Flink key is still
/// a Flink setting, and the unknown-key rule must see it.
pub(super) fn is_flink_key(key: &str) -> bool {
    let lines = Catalog::lines(Product::Flink);
    lines
        .iter()
        .rev()
        .any(|line| !matches!(line.lookup(key), Lookup::Unknown))
        || lines.last().is_some_and(|line| line.suggest(key).is_some())
}

/// The keywords the evidence is made of.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Keyword {
    #[default]
    None,
    Begin,
    Catalog,
    Create,
    Execute,
    Set,
    Statement,
    Table,
    Use,
    With,
    /// Any other word, or a quoted identifier.
    Other,
}

impl Keyword {
    fn of(word: &[u8]) -> Self {
        const KEYWORDS: &[(&[u8], Keyword)] = &[
            (b"BEGIN", Keyword::Begin),
            (b"CATALOG", Keyword::Catalog),
            (b"CREATE", Keyword::Create),
            (b"EXECUTE", Keyword::Execute),
            (b"SET", Keyword::Set),
            (b"STATEMENT", Keyword::Statement),
            (b"TABLE", Keyword::Table),
            (b"USE", Keyword::Use),
            (b"WITH", Keyword::With),
        ];
        KEYWORDS
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(word))
            .map_or(Self::Other, |(_, kw)| *kw)
    }
}

/// How many words may precede `TABLE` or `CATALOG` in a `CREATE` statement.
const MAX_HEAD: u8 = 6;

/// Where a `CREATE` statement is with respect to its `WITH ( … )` options.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Options {
    #[default]
    Outside,
    /// Just after the word `WITH`.
    AfterWith,
    /// Inside the parentheses, `depth` levels deep; `marker_key` when the last token was an
    /// option key that marks Flink (`'connector'` for a table, `'type'` for a catalog).
    Inside { depth: u32, marker_key: bool },
}

/// Decides from the words of one statement whether it is evidence of Flink SQL.
#[derive(Debug, Default)]
pub(super) struct Words {
    /// How many tokens have been seen (saturating).
    seen: u8,
    first: Keyword,
    second: Keyword,
    /// `TABLE` or `CATALOG`, for a `CREATE` statement, once its leading words name it.
    object: Keyword,
    /// Whether a `CREATE` statement's leading words are over (a punctuation mark was seen).
    past_head: bool,
    options: Options,
    found: bool,
    done: bool,
}

impl Words {
    /// Whether more tokens could still change the verdict.
    pub(super) fn wants_more(&self) -> bool {
        !self.done
    }

    /// Whether the statement was evidence of Flink SQL.
    pub(super) fn is_flink(&self) -> bool {
        self.found
    }

    fn decide(&mut self, found: bool) {
        self.found = found;
        self.done = true;
    }

    /// An unquoted word.
    pub(super) fn word(&mut self, word: &[u8]) {
        self.token(Keyword::of(word));
    }

    /// A quoted string (`'`) or identifier (`` ` `` or `"`), with the text between the quotes.
    pub(super) fn string(&mut self, quote: u8, inner: &[u8]) {
        if quote != b'\'' {
            self.token(Keyword::Other);
            return;
        }
        if self.first != Keyword::Create {
            self.token(Keyword::Other);
            return;
        }
        self.past_head = true;
        if let Options::Inside { depth, .. } = self.options {
            let marker_key = depth == 1
                && match self.object {
                    Keyword::Table => {
                        inner == b"connector"
                            || inner
                                .strip_prefix(b"connector.")
                                .is_some_and(|r| !r.is_empty())
                    }
                    Keyword::Catalog => inner == b"type",
                    _ => false,
                };
            self.options = Options::Inside { depth, marker_key };
        } else {
            self.options = Options::Outside;
        }
        self.seen = self.seen.saturating_add(1);
    }

    /// A punctuation mark (any byte that is neither a word, a quote, a comment nor blank).
    pub(super) fn punct(&mut self, mark: u8) {
        if self.seen == 0 {
            self.decide(false);
            return;
        }
        if self.first != Keyword::Create {
            self.token(Keyword::Other);
            return;
        }
        self.seen = self.seen.saturating_add(1);
        self.past_head = true;
        if self.object == Keyword::None {
            // `CREATE VIEW v AS …`, `CREATE FUNCTION f(…)`: not a table or catalog.
            self.decide(false);
            return;
        }
        self.options = match (self.options, mark) {
            (Options::AfterWith, b'(') => Options::Inside {
                depth: 1,
                marker_key: false,
            },
            (
                Options::Inside {
                    marker_key: true, ..
                },
                b'=',
            ) => {
                self.decide(true);
                return;
            }
            (Options::Inside { depth, .. }, b'(') => Options::Inside {
                depth: depth.saturating_add(1),
                marker_key: false,
            },
            (Options::Inside { depth, .. }, b')') if depth > 1 => Options::Inside {
                depth: depth - 1,
                marker_key: false,
            },
            (Options::Inside { depth, .. }, _) if mark != b')' => Options::Inside {
                depth,
                marker_key: false,
            },
            _ => Options::Outside,
        };
    }

    fn token(&mut self, keyword: Keyword) {
        let index = self.seen;
        self.seen = self.seen.saturating_add(1);
        match index {
            0 => {
                self.first = keyword;
                if !matches!(
                    keyword,
                    Keyword::Create | Keyword::Execute | Keyword::Begin | Keyword::Use
                ) {
                    self.decide(false);
                }
                return;
            }
            1 => {
                self.second = keyword;
                match self.first {
                    // `USE CATALOG c`.
                    Keyword::Use => return self.decide(keyword == Keyword::Catalog),
                    Keyword::Execute | Keyword::Begin if keyword != Keyword::Statement => {
                        return self.decide(false);
                    }
                    _ => {}
                }
            }
            2 if matches!(self.first, Keyword::Execute | Keyword::Begin) => {
                // `EXECUTE STATEMENT SET` / `BEGIN STATEMENT SET`.
                return self.decide(self.second == Keyword::Statement && keyword == Keyword::Set);
            }
            _ => {}
        }
        if self.first != Keyword::Create {
            return;
        }
        if !self.past_head && self.object == Keyword::None {
            if matches!(keyword, Keyword::Table | Keyword::Catalog) {
                self.object = keyword;
            } else if index >= MAX_HEAD {
                // `CREATE OR REPLACE TEMPORARY TABLE IF NOT EXISTS` is the longest head.
                self.decide(false);
            }
            return;
        }
        self.options = match (self.options, keyword) {
            (Options::Inside { depth, .. }, _) => Options::Inside {
                depth,
                marker_key: false,
            },
            (_, Keyword::With) => Options::AfterWith,
            _ => Options::Outside,
        };
    }
}

/// Whether only blanks precede `pos` on its line.
pub(super) fn at_line_start(bytes: &[u8], pos: usize) -> bool {
    bytes
        .get(..pos)
        .unwrap_or_default()
        .iter()
        .rev()
        .find(|&&b| b != b' ' && b != b'\t')
        .is_none_or(|&b| b == b'\n' || b == b'\r')
}

/// The longest dollar-quote tag read as one.
const MAX_TAG: usize = 63;

/// The offset after a PostgreSQL dollar-quoted string (`$$ … $$`, `$body$ … $body$`) opened at
/// `pos`, or the end of the text when it is never closed; `None` when the `$` at `pos` opens
/// none (`$1`, `${var}`, a lone `$`).
pub(super) fn dollar_quoted_end(bytes: &[u8], pos: usize) -> Option<usize> {
    let rest = bytes.get(pos + 1..)?;
    let tag_len = rest
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80))
        .unwrap_or(rest.len());
    // PostgreSQL tags are identifiers, at most 63 bytes long; the bound also keeps the search
    // for the closing tag linear.
    if tag_len > MAX_TAG
        || rest.first().is_some_and(u8::is_ascii_digit)
        || rest.get(tag_len) != Some(&b'$')
    {
        return None;
    }
    let tag = bytes.get(pos..pos + tag_len + 2)?;
    let body = pos + tag.len();
    let found = bytes
        .get(body..)
        .unwrap_or_default()
        .windows(tag.len())
        .position(|w| w == tag);
    Some(found.map_or(bytes.len(), |i| body + i + tag.len()))
}

/// Where to go on after the statement `start..end`: after its `;`, or, for PostgreSQL's
/// `COPY … FROM stdin;`, after the data lines that follow it up to the line `\.`.
pub(super) fn after_copy_data(text: &str, start: usize, end: usize) -> usize {
    let bytes = text.as_bytes();
    let statement = Span::new(start, end).slice(text);
    let is_copy_from_stdin = keyword_end(bytes, start, b"COPY").is_some()
        && statement
            .as_bytes()
            .windows(5)
            .any(|w| w.eq_ignore_ascii_case(b"stdin"));
    if !is_copy_from_stdin {
        return end + 1;
    }
    let mut line = line_end(bytes, end);
    while line < bytes.len() {
        // Past the terminator (`\r\n` counts once).
        let next = if bytes.get(line..line + 2) == Some(b"\r\n") {
            line + 2
        } else {
            line + 1
        };
        let stop = line_end(bytes, next);
        if bytes.get(next..stop) == Some(b"\\.") {
            return stop;
        }
        line = stop;
    }
    bytes.len()
}

/// Reads a script that is not Flink SQL: the `SET` statements of keys Flink knows, and nothing
/// else. Never fails.
pub(super) fn read_other(text: &str) -> Vec<Entry> {
    let bytes = text.as_bytes();
    let mut entries = Vec::new();
    let mut pos = super::bom_len(text);
    while let Ok(start) = skip_trivia(bytes, pos, bytes.len(), Lexing::LENIENT) {
        if start >= bytes.len() {
            break;
        }
        let (end, complete) = match statement_end(bytes, start, Lexing::LENIENT, None) {
            Ok(end) => (end, true),
            Err(_) => (bytes.len(), false),
        };
        if let Some(after_set) = keyword_end(bytes, start, b"SET")
            && let Some(entry) = lenient_set(text, after_set, end)
        {
            entries.push(entry);
        }
        if !complete {
            break;
        }
        pos = after_copy_data(text, start, end);
    }
    entries
}

/// A `SET` statement of a key Flink knows, from after the keyword to `end`; `None` for
/// anything else.
fn lenient_set(text: &str, from: usize, end: usize) -> Option<Entry> {
    let bytes = text.as_bytes();
    let trivia = |pos| skip_trivia(bytes, pos, end, Lexing::LENIENT).ok();
    let pos = trivia(from)?;
    let key = if bytes.get(pos) == Some(&b'\'') {
        quoted(text, pos, end)?
    } else {
        unquoted(text, pos, end, true)
    };
    if !is_flink_key(&key.text) {
        return None;
    }
    let pos = trivia(key.next)?;
    if pos >= end || bytes.get(pos) != Some(&b'=') {
        return None;
    }
    // The value starts on the line of the `=`.
    let pos = pos
        + 1
        + bytes
            .get(pos + 1..end)
            .unwrap_or_default()
            .iter()
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count();
    let value = if bytes.get(pos) == Some(&b'\'') {
        let value = quoted(text, pos, end)?;
        (trivia(value.next)? >= end).then_some(value)?
    } else {
        // The legacy form: the value ends with the statement, its line or a comment.
        let line = line_end(bytes, pos).min(end);
        let value = unquoted(text, pos, line, false);
        (!value.text.is_empty()).then_some(value)?
    };
    Some(Entry {
        key: key.text,
        value: value.text,
        key_span: key.span,
        value_span: value.span,
        is_final: false,
    })
}

/// The `'…'` string at `pos`, closed before `end`, unescaped as Flink does (`''`).
fn quoted(text: &str, pos: usize, end: usize) -> Option<super::Token> {
    let close = quoted_end(text.as_bytes(), pos, b'\'', Lexing::FLINK).ok()?;
    if close > end {
        return None;
    }
    let inner = Span::new(pos + 1, close - 1);
    Some(super::Token {
        text: inner.slice(text).replace("''", "'"),
        span: inner,
        next: close,
    })
}

#[cfg(test)]
mod tests {
    use super::super::{is_flink_sql, parse, statements};

    /// `(key, value)` of every entry and the number of errors, as the dialect decides.
    fn read(text: &str) -> (Vec<(String, String)>, usize) {
        let (entries, errors) = parse(text);
        let pairs = entries.into_iter().map(|e| (e.key, e.value)).collect();
        (pairs, errors.len())
    }

    fn pair(key: &str, value: &str) -> (String, String) {
        (key.to_owned(), value.to_owned())
    }

    #[test]
    fn flink_evidence() {
        for text in [
            "SET 'execution.checkpointing.interval' = '1s';",
            "set 'table.exec.state.ttl'='1 h'",
            // Patterns count: pass-through and map-typed keys.
            "SET 'flink.hadoop.dfs.replication' = '1';",
            "SET 'pipeline.global-job-parameters.region' = 'eu';",
            "CREATE TABLE orders (id BIGINT) WITH ('connector' = 'kafka', 'topic' = 'o');",
            "create temporary table t (\n  ts TIMESTAMP(3) WITH LOCAL TIME ZONE\n) with (\n  'format' = 'json', -- first\n  'connector' = 'filesystem'\n);",
            "CREATE TABLE IF NOT EXISTS db.t WITH ('connector' = 'datagen') AS SELECT 1;",
            "CREATE TABLE legacy (a INT) WITH ('connector.type' = 'kafka');",
            "CREATE CATALOG lake WITH ('type' = 'iceberg', 'catalog-type' = 'hive');",
            "USE CATALOG lake;",
            "EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT 1; END;",
            "BEGIN STATEMENT SET;\nINSERT INTO a SELECT 1;\nEND;",
            "-- header\n/* block */ SELECT 1;\nUSE CATALOG c",
        ] {
            assert!(is_flink_sql(text), "{text}");
        }
    }

    #[test]
    fn not_flink_evidence() {
        for text in [
            "",
            "SELECT 1;",
            // Unknown or unquoted keys.
            "SET 'my.own.key' = 'x';",
            "SET execution.checkpointing.interval = 1s;",
            "set hive.exec.dynamic.partition=true;",
            // Other dialects' options and statements.
            "CREATE TABLE t (a INT) WITH (fillfactor = 70);",
            "CREATE TABLE t (a INT) WITH (connector = 'kafka', topic = 't');",
            "CREATE TABLE t (a INT) WITH ('format' = 'connector');",
            "CREATE TABLE t (a INT) ROW FORMAT SERDE 'x' WITH SERDEPROPERTIES ('connector' = '1');",
            "CREATE TABLE t (a INT) TBLPROPERTIES ('connector' = 'kafka');",
            "CREATE VIEW v AS SELECT * FROM TABLE(f()) WITH ('connector' = 'x');",
            "CREATE TABLE t (a INT) WITH ('nested' = ('connector' = 'x'));",
            "CREATE SCHEMA s; CREATE CATALOG c WITH ('kind' = 'x');",
            "USE db; USE `CATALOG`;",
            "EXECUTE immediate 'SET x = 1'; BEGIN; COMMIT;",
            "SELECT 'EXECUTE STATEMENT SET'; -- USE CATALOG c",
            "INSERT INTO t VALUES ('CREATE TABLE x WITH (''connector'' = ''k'')');",
        ] {
            assert!(!is_flink_sql(text), "{text}");
        }
    }

    #[test]
    fn mysql_dump_gives_nothing_and_no_error() {
        let text = "-- MySQL dump 10.13\n/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;\n\
            /*!40101 SET NAMES utf8mb4 */;\nSET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0;\n\
            SET NAMES utf8mb4;\nSET time_zone = '+00:00';\n\
            # a MySQL comment that isn't closed by anything\n\
            INSERT INTO `notes` VALUES (1,\"it's\",'don\\'t'),(2,'C:\\\\',\"a \\\"b\\\" c\");\n\
            SET execution.checkpointing.interval = 500;\n";
        assert_eq!(
            read(text),
            (vec![pair("execution.checkpointing.interval", "500")], 0)
        );
    }

    #[test]
    fn hive_script_gives_only_flink_keys() {
        let hive = "set hive.execution.engine;\nset hive.exec.dynamic.partition=true;\n\
            SET hive.exec.dynamic.partition.mode=nonstrict;\nset mapreduce.job.queuename=etl;\n\
            INSERT OVERWRITE TABLE t PARTITION (dt) SELECT a, \"x's\", dt FROM s;\n\
            set parallelism.default=4\nSELECT 1;";
        assert_eq!(read(hive), (vec![pair("parallelism.default", "4")], 0));
        // With a quoted Flink `SET` the script is Flink SQL, where Hive's bare `set key;` is
        // malformed.
        let mixed = format!("{hive}\nSET 'execution.checkpointing.interval' = '1s'");
        let (entries, errors) = read(&mixed);
        assert_eq!(errors, 1);
        assert_eq!(
            entries.last(),
            Some(&pair("execution.checkpointing.interval", "1s"))
        );
    }

    #[test]
    fn postgres_script_gives_nothing_and_no_error() {
        let text = "SET statement_timeout = 0;\nSET search_path TO app, public;\n\
            CREATE FUNCTION f() RETURNS trigger AS $body$\nBEGIN\n  -- don't\n  RAISE NOTICE 'it''s; done';\n\
              SET execution.checkpointing.interval = 1;\nEND;\n$body$ LANGUAGE plpgsql;\n\
            SELECT E'it\\'s', $$ a ' b $$, $1;\n\
            COPY public.notes (id, body) FROM stdin;\n1\tit's; SET 'execution.checkpointing.interval' = '1s';\n\\.\n\
            SET execution.checkpointing.interval = 2s;\n";
        assert_eq!(
            read(text),
            (vec![pair("execution.checkpointing.interval", "2s")], 0)
        );
    }

    #[test]
    fn dollar_signs_inside_words_open_nothing() {
        let text = "SELECT sid FROM V$SESSION, a$b$c;\nSET execution.checkpointing.interval = 1s;";
        assert_eq!(
            read(text),
            (vec![pair("execution.checkpointing.interval", "1s")], 0)
        );
    }

    #[test]
    fn lenient_reading_skips_what_it_cannot_read() {
        for text in [
            "SET 'execution.checkpointing.interval' = '1s' 'x';",
            "SET execution.checkpointing.interval;",
            "SET execution.checkpointing.interval =\nSELECT 1;",
            "SET 'execution.checkpointing.interval = 1s;",
            "/* never closed SET execution.checkpointing.interval = 1s;",
            "SELECT 'never closed; SET execution.checkpointing.interval = 1s;",
            "SELECT $$ never closed; SET execution.checkpointing.interval = 1s;",
            "COPY t FROM STDIN;\nSET execution.checkpointing.interval = 1s;",
        ] {
            assert_eq!(read(text), (vec![], 0), "{text}");
        }
    }

    #[test]
    fn statements_split_by_dialect() {
        let spans = |text: &str| -> Vec<(String, bool)> {
            statements(text)
                .into_iter()
                .map(|s| (s.span.slice(text).to_owned(), s.is_set))
                .collect()
        };
        let flink = "SET 'execution.checkpointing.interval' = '1s';\n-- c\nINSERT INTO t SELECT ';';\nset 'a'='b'";
        assert_eq!(
            spans(flink),
            [
                (
                    "SET 'execution.checkpointing.interval' = '1s'".to_owned(),
                    true
                ),
                ("INSERT INTO t SELECT ';'".to_owned(), false),
                ("set 'a'='b'".to_owned(), true),
            ]
        );
        let mysql = "SET a = 'x\\';y';\nSELECT 1";
        assert_eq!(
            spans(mysql),
            [
                ("SET a = 'x\\';y'".to_owned(), true),
                ("SELECT 1".to_owned(), false),
            ]
        );
    }

    #[test]
    fn hostile_scripts_stay_linear() {
        let started = std::time::Instant::now();
        for text in [
            "/*".repeat(200_000),
            "$a$".repeat(200_000),
            format!("${}$ x", "a".repeat(500_000)),
            "'".repeat(400_001),
            "#\n".repeat(200_000),
            " #".repeat(200_000),
            "COPY t FROM stdin;\n".repeat(50_000),
            "CREATE TABLE t WITH (".repeat(50_000),
            "CREATE TABLE t (a INT) WITH ((((".repeat(50_000),
        ] {
            let _ = parse(&text);
            let _ = statements(&text);
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(20));
    }
}
