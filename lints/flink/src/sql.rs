//! A light Flink SQL scanner: tokens outside string literals and comments, statements split at
//! `;`, and the constructs that keep state without bound in a streaming job (regular group
//! aggregations and regular joins), told apart from their bounded look-alikes (window
//! aggregations, window, interval, temporal and lookup joins).
//!
//! It is not a parser: it reads the token stream with its parenthesis depth, so it answers only
//! what the tokens prove, and a script it cannot tokenize to the end (an unterminated string or
//! comment) is read only up to the problem. The tokens come from
//! `bdl_syntax::config::sql::tokens`, shared with the other lint crates that read Flink SQL
//! tables; the `SET` statements themselves are parsed by `bdl_syntax::config::sql` into
//! configuration entries.

use std::collections::HashMap;

use bdl_core::Span;
pub(crate) use bdl_syntax::config::sql::tokens::{
    Kind, Scan, Token, declares_connector, is_word, tokenize,
};

/// One statement: its tokens (without the closing `;`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Statement<'s> {
    pub(crate) tokens: &'s [Token],
}

/// The statements of a scan, split at `;`. When the scan stopped early, the last statement may
/// be cut short and is left out.
pub(crate) fn statements(scan: &Scan) -> Vec<Statement<'_>> {
    bdl_syntax::config::sql::tokens::statement_tokens(scan)
        .into_iter()
        .map(|tokens| Statement { tokens })
        .collect()
}

/// A construct that keeps state for every key without bound.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unbounded {
    GroupAggregation,
    RegularJoin,
}

impl Unbounded {
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Self::GroupAggregation => "group aggregation",
            Self::RegularJoin => "regular join",
        }
    }
}

/// Clause keywords that end a `GROUP BY` list, a join's right side or its condition.
const CLAUSE_ENDS: &[&str] = &[
    "WHERE",
    "GROUP",
    "HAVING",
    "ORDER",
    "LIMIT",
    "UNION",
    "INTERSECT",
    "EXCEPT",
    "MINUS",
    "WINDOW",
    "QUALIFY",
    "FETCH",
    "OFFSET",
];

/// Words that start another join.
const JOIN_WORDS: &[&str] = &[
    "JOIN", "LEFT", "RIGHT", "FULL", "INNER", "OUTER", "CROSS", "NATURAL",
];

/// Window table-valued functions and legacy group-window functions.
const WINDOW_FUNCTIONS: &[&str] = &["TUMBLE", "HOP", "CUMULATE", "SESSION"];

/// The columns a window table-valued function adds.
const WINDOW_COLUMNS: &[&str] = &["window_start", "window_end", "window_time"];

/// Statements that never run a streaming query.
const NOT_QUERIES: &[&str] = &[
    "SET", "RESET", "SHOW", "DESCRIBE", "DESC", "EXPLAIN", "USE", "LOAD", "UNLOAD", "ADD",
    "REMOVE", "DROP", "ALTER", "ANALYZE",
];

impl Statement<'_> {
    /// Where the statement is written.
    pub(crate) fn span(&self) -> Span {
        match (self.tokens.first(), self.tokens.last()) {
            (Some(first), Some(last)) => Span::new(first.span.start, last.span.end),
            _ => Span::new(0, 0),
        }
    }

    /// The first word, upper-cased for comparison by the caller.
    pub(crate) fn first_word<'t>(&self, text: &'t str) -> Option<&'t str> {
        self.tokens
            .iter()
            .find(|t| t.kind != Kind::Hint)
            .filter(|t| t.kind == Kind::Word)
            .map(|t| t.span.slice(text))
    }

    /// Whether a `/*+ STATE_TTL(…) */` (or another `…STATE_TTL` hint) sets the state TTL of this
    /// statement's operators.
    pub(crate) fn has_state_ttl_hint(&self, text: &str) -> bool {
        self.tokens.iter().any(|t| {
            t.kind == Kind::Hint
                && t.span
                    .slice(text)
                    .to_ascii_uppercase()
                    .contains("STATE_TTL")
        })
    }

    /// The regular group aggregations and regular joins of a query statement, with the span to
    /// report (`GROUP BY`, `LEFT JOIN`).
    pub(crate) fn unbounded_state(&self, text: &str) -> Vec<(Unbounded, Span)> {
        let mut out = Vec::new();
        if self
            .first_word(text)
            .is_none_or(|w| NOT_QUERIES.iter().any(|k| w.eq_ignore_ascii_case(k)))
        {
            return out;
        }
        let tokens = self.tokens;
        let candidate = |t: &Token| is_word(text, t, "GROUP") || is_word(text, t, "JOIN");
        if !tokens.iter().any(candidate) {
            return out;
        }
        let mut shape = Shape::new(text, tokens);
        for (i, token) in tokens.iter().enumerate() {
            if is_word(text, token, "GROUP")
                && tokens.get(i + 1).is_some_and(|t| is_word(text, t, "BY"))
            {
                if !shape.windowed_group_by(text, tokens, i) {
                    let end = tokens.get(i + 1).map_or(token.span.end, |t| t.span.end);
                    out.push((
                        Unbounded::GroupAggregation,
                        Span::new(token.span.start, end),
                    ));
                }
            } else if is_word(text, token, "JOIN")
                && let Some(start) = shape.regular_join(text, tokens, i)
            {
                out.push((Unbounded::RegularJoin, Span::new(start, token.span.end)));
            }
        }
        out
    }
}

/// Where the clauses of a statement end, found in two passes over its tokens so that judging
/// every `GROUP BY` and `JOIN` costs constant lookups: for each token, the next token at its
/// depth that ends a join side (`ON`, `USING`, a join word, a clause keyword, `,` or the
/// closing parenthesis), that ends a join condition, that ends a clause, and the next `WHERE`
/// of its query block; and the last `SELECT` before it at its depth.
struct Shape {
    next_side_end: Vec<u32>,
    next_join_end: Vec<u32>,
    next_clause_end: Vec<u32>,
    next_where: Vec<Option<u32>>,
    select_before: Vec<Option<u32>>,
    /// Per `WHERE` index: whether its clause holds an `INTERVAL` time bound.
    interval_in_where: HashMap<usize, bool>,
}

/// How long a join side, a join condition or a grouped query block may be to be judged: longer
/// ones are left alone, so that deeply nested statements cost linear time.
const MAX_SCAN: usize = 4096;

impl Shape {
    fn new(text: &str, tokens: &[Token]) -> Self {
        let n = tokens.len();
        let end = u32::try_from(n).unwrap_or(u32::MAX);
        let depths = tokens.iter().map(|t| t.depth as usize).max().unwrap_or(0) + 2;
        let mut side = vec![end; depths];
        let mut join = vec![end; depths];
        let mut clause = vec![end; depths];
        let mut wheres: Vec<Option<u32>> = vec![None; depths];
        let mut shape = Self {
            next_side_end: vec![end; n],
            next_join_end: vec![end; n],
            next_clause_end: vec![end; n],
            next_where: vec![None; n],
            select_before: vec![None; n],
            interval_in_where: HashMap::new(),
        };
        for i in (0..n).rev() {
            let t = &tokens[i];
            let d = t.depth as usize;
            let at = u32::try_from(i).unwrap_or(u32::MAX);
            shape.next_side_end[i] = side[d];
            shape.next_join_end[i] = join[d];
            shape.next_clause_end[i] = clause[d];
            shape.next_where[i] = wheres[d];
            if t.kind == Kind::Punct(b')') {
                // Closes the region one level deeper: its clauses end here.
                if let Some(inner) = d.checked_add(1).filter(|x| *x < depths) {
                    side[inner] = at;
                    join[inner] = at;
                    clause[inner] = at;
                    wheres[inner] = None;
                }
            } else if t.kind == Kind::Punct(b',') {
                side[d] = at;
                join[d] = at;
            } else if is_word(text, t, "ON") || is_word(text, t, "USING") {
                side[d] = at;
            } else if is_word(text, t, "WHERE") {
                side[d] = at;
                join[d] = at;
                clause[d] = at;
                wheres[d] = Some(at);
            } else if CLAUSE_ENDS.iter().any(|w| is_word(text, t, w)) {
                side[d] = at;
                join[d] = at;
                clause[d] = at;
                if !matches!(
                    t.span.slice(text).to_ascii_uppercase().as_str(),
                    "GROUP"
                        | "HAVING"
                        | "ORDER"
                        | "LIMIT"
                        | "WINDOW"
                        | "QUALIFY"
                        | "FETCH"
                        | "OFFSET"
                ) {
                    // UNION and the like start another query block.
                    wheres[d] = None;
                }
            } else if JOIN_WORDS.iter().any(|w| is_word(text, t, w)) {
                side[d] = at;
                join[d] = at;
            }
        }
        let mut last_select: Vec<Option<u32>> = vec![None; depths];
        for (i, t) in tokens.iter().enumerate() {
            let d = t.depth as usize;
            shape.select_before[i] = last_select[d];
            if t.kind == Kind::Punct(b'(')
                && let Some(inner) = d.checked_add(1).filter(|x| *x < depths)
            {
                last_select[inner] = None;
            } else if is_word(text, t, "SELECT") {
                last_select[d] = u32::try_from(i).ok();
            }
        }
        shape
    }

    /// Whether the `GROUP BY` at `at` is a window aggregation: it groups by a window function
    /// or a window column, or its query block reads a window table-valued function. A block
    /// too long to judge counts as windowed: nothing is said about it.
    fn windowed_group_by(&self, text: &str, tokens: &[Token], at: usize) -> bool {
        let by = at + 1;
        let list_end = self
            .next_clause_end
            .get(by)
            .map_or(tokens.len(), |e| *e as usize);
        let block_start = self
            .select_before
            .get(at)
            .copied()
            .flatten()
            .map_or(0, |s| s as usize);
        if list_end.saturating_sub(block_start) > MAX_SCAN {
            return true;
        }
        tokens
            .get(block_start..list_end)
            .is_none_or(|block| mentions_window(text, block))
    }

    /// If the `JOIN` at `at` is a regular join, where to start reporting it (at its join-type
    /// words). `None` for cross joins, `UNNEST`, `LATERAL` and table functions, window joins,
    /// interval joins, temporal or lookup joins (`FOR SYSTEM_TIME AS OF`), and joins too long
    /// to judge.
    fn regular_join(&mut self, text: &str, tokens: &[Token], at: usize) -> Option<usize> {
        let depth = tokens[at].depth;
        // `LEFT OUTER JOIN`: report from the first join-type word.
        let mut start = at;
        while start > 0
            && tokens[start - 1].depth == depth
            && JOIN_WORDS[1..]
                .iter()
                .any(|w| is_word(text, &tokens[start - 1], w))
        {
            start -= 1;
        }
        if tokens[start..at].iter().any(|t| is_word(text, t, "CROSS")) {
            return None;
        }
        let first = tokens.get(at + 1)?;
        if is_word(text, first, "LATERAL")
            || is_word(text, first, "UNNEST")
            || (is_word(text, first, "TABLE")
                && tokens.get(at + 2).map(|t| t.kind) == Some(Kind::Punct(b'(')))
        {
            return None;
        }
        // The right side, up to ON / USING or the end of the join at this depth.
        let j = *self.next_side_end.get(at)? as usize;
        let right = tokens.get(at + 1..j.min(tokens.len()))?;
        if right.len() > MAX_SCAN {
            return None;
        }
        let temporal = right
            .windows(2)
            .any(|w| is_word(text, &w[0], "FOR") && is_word(text, &w[1], "SYSTEM_TIME"));
        if temporal || mentions_window(text, right) {
            return None;
        }
        // The join condition, after ON / USING.
        let on = tokens.get(j);
        if on.is_some_and(|t| is_word(text, t, "ON") || is_word(text, t, "USING")) {
            let condition_end = *self.next_join_end.get(j)? as usize;
            let condition = tokens.get(j + 1..condition_end.min(tokens.len()))?;
            if condition.len() > MAX_SCAN {
                return None;
            }
            if mentions_window(text, condition)
                || condition.iter().any(|t| is_word(text, t, "INTERVAL"))
            {
                return None;
            }
        }
        // A time bound in the WHERE clause of the same block makes it an interval join.
        if let Some(w) = self.next_where.get(at).copied().flatten() {
            let w = w as usize;
            let next_clause_end = &self.next_clause_end;
            let interval = *self.interval_in_where.entry(w).or_insert_with(|| {
                let end = next_clause_end.get(w).map_or(tokens.len(), |e| *e as usize);
                let clause = tokens.get(w + 1..end.min(tokens.len())).unwrap_or_default();
                // A clause too long to judge counts as bounded: nothing is said.
                clause.len() > MAX_SCAN || clause.iter().any(|t| is_word(text, t, "INTERVAL"))
            });
            if interval {
                return None;
            }
        }
        Some(tokens[start].span.start)
    }
}

/// Whether the tokens name a window table-valued function or group-window function (`TUMBLE(`,
/// `HOP(`, …) or a window column (`window_start`, …).
fn mentions_window(text: &str, tokens: &[Token]) -> bool {
    tokens.iter().enumerate().any(|(i, t)| {
        WINDOW_COLUMNS.iter().any(|c| is_word(text, t, c))
            || (WINDOW_FUNCTIONS.iter().any(|f| is_word(text, t, f))
                && tokens.get(i + 1).map(|n| n.kind) == Some(Kind::Punct(b'(')))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unbounded(sql: &str) -> Vec<(Unbounded, String)> {
        let scan = tokenize(sql);
        statements(&scan)
            .iter()
            .flat_map(|s| s.unbounded_state(sql))
            .map(|(what, span)| (what, span.slice(sql).to_owned()))
            .collect()
    }

    #[test]
    fn tokens_skip_comments_and_strings() {
        let sql = "SELECT 'a -- b', `c;d` /* GROUP BY x; */ -- JOIN y\nFROM t /*+ STATE_TTL('t' = '1d') */;";
        let scan = tokenize(sql);
        assert!(scan.complete);
        let kinds: Vec<Kind> = scan.tokens.iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            [
                Kind::Word,
                Kind::Str,
                Kind::Punct(b','),
                Kind::Quoted,
                Kind::Word,
                Kind::Word,
                Kind::Hint,
                Kind::Punct(b';'),
            ]
        );
        assert_eq!(statements(&scan).len(), 1);
        assert!(statements(&scan)[0].has_state_ttl_hint(sql));
        assert!(!tokenize("SELECT 'open").complete);
        assert!(!tokenize("SELECT 1 /* open").complete);
        // A statement cut short by an unterminated string is left out.
        let sql = "SELECT 1; SELECT k FROM t GROUP BY k; SELECT 'open";
        let scan = tokenize(sql);
        let found = statements(&scan);
        assert_eq!(found.len(), 2);
        assert_eq!(found[1].span().slice(sql), "SELECT k FROM t GROUP BY k");
    }

    #[test]
    fn depth_follows_parentheses() {
        let scan = tokenize("a (b (c) d) e");
        let depths: Vec<u32> = scan.tokens.iter().map(|t| t.depth).collect();
        assert_eq!(depths, [0, 0, 1, 1, 2, 1, 1, 0, 0]);
        // Unbalanced closing parentheses never underflow.
        assert!(tokenize(")))(").tokens.iter().all(|t| t.depth <= 1));
    }

    #[test]
    fn regular_aggregations_and_joins_are_unbounded() {
        let found = unbounded(
            "INSERT INTO totals SELECT user_id, COUNT(*) FROM clicks GROUP BY user_id;\n\
             INSERT INTO enriched SELECT * FROM orders o LEFT OUTER JOIN customers c ON o.cid = c.id;\n\
             CREATE VIEW v AS SELECT a.k, b.v FROM a JOIN b USING (k);",
        );
        let what: Vec<_> = found.iter().map(|(w, s)| (*w, s.as_str())).collect();
        assert_eq!(
            what,
            [
                (Unbounded::GroupAggregation, "GROUP BY"),
                (Unbounded::RegularJoin, "LEFT OUTER JOIN"),
                (Unbounded::RegularJoin, "JOIN"),
            ]
        );
        // An outer aggregation over a subquery is still a group aggregation.
        assert_eq!(
            unbounded("SELECT k, SUM(n) FROM (SELECT k, n FROM t WHERE n > 0) GROUP BY k").len(),
            1
        );
    }

    #[test]
    fn bounded_look_alikes_are_not() {
        for sql in [
            // Window table-valued functions.
            "SELECT window_start, window_end, k, COUNT(*) FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end, k",
            "SELECT k, COUNT(*) FROM TABLE(HOP(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '5' MINUTE)) GROUP BY window_start, window_end, k",
            "SELECT k, SUM(n) FROM TABLE(CUMULATE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' HOUR, INTERVAL '1' DAY)) GROUP BY window_start, window_end, GROUPING SETS ((k), ())",
            // Legacy group windows.
            "SELECT k, COUNT(*) FROM clicks GROUP BY TUMBLE(ts, INTERVAL '1' HOUR), k",
            "SELECT k FROM clicks GROUP BY k, SESSION(ts, INTERVAL '10' MINUTE)",
            // Temporal and lookup joins.
            "SELECT * FROM orders o JOIN rates FOR SYSTEM_TIME AS OF o.ts AS r ON o.cur = r.cur",
            "SELECT * FROM orders AS o LEFT JOIN customers FOR SYSTEM_TIME AS OF o.proc_time AS c ON o.cid = c.id",
            // Interval joins.
            "SELECT * FROM orders o JOIN shipments s ON o.id = s.oid AND o.ts BETWEEN s.ts - INTERVAL '4' HOUR AND s.ts",
            "SELECT * FROM orders o JOIN shipments s ON o.id = s.oid WHERE o.ts BETWEEN s.ts - INTERVAL '4' HOUR AND s.ts",
            // Window joins.
            "SELECT * FROM (SELECT * FROM TABLE(TUMBLE(TABLE l, DESCRIPTOR(ts), INTERVAL '5' MINUTES))) L JOIN (SELECT * FROM TABLE(TUMBLE(TABLE r, DESCRIPTOR(ts), INTERVAL '5' MINUTES))) R ON L.id = R.id AND L.window_start = R.window_start AND L.window_end = R.window_end",
            // Arrays, table functions and cross joins.
            "SELECT order_id, tag FROM orders CROSS JOIN UNNEST(tags) AS t (tag)",
            "SELECT * FROM orders LEFT JOIN LATERAL TABLE(split(tags)) AS t(tag) ON TRUE",
            "SELECT * FROM orders JOIN TABLE(split(tags)) AS t(tag) ON TRUE",
            // Not queries, or no stateful construct.
            "SET 'table.exec.state.ttl' = '1 h'",
            "EXPLAIN SELECT k, COUNT(*) FROM t GROUP BY k",
            "SELECT k, ROW_NUMBER() OVER (PARTITION BY k ORDER BY ts) FROM t",
            "CREATE TABLE t (k STRING, `group` STRING) WITH ('connector' = 'kafka')",
            "SELECT 'GROUP BY', \"join\" FROM t -- GROUP BY k",
        ] {
            assert!(unbounded(sql).is_empty(), "{sql}");
        }
    }

    #[test]
    fn connector_declarations_mark_flink_scripts() {
        let sql = "CREATE TABLE t (k STRING) WITH ('connector' = 'kafka', 'topic' = 'x');";
        assert!(declares_connector(sql, &tokenize(sql)));
        let sql = "SELECT 'connector' FROM dual; CREATE TABLE t (k INT);";
        assert!(!declares_connector(sql, &tokenize(sql)));
    }

    #[test]
    fn huge_statements_stay_linear() {
        let many_groups = format!("SELECT k FROM t {}", "GROUP BY k ".repeat(50_000));
        let start = std::time::Instant::now();
        let _ = unbounded(&many_groups);
        let nested = format!(
            "SELECT * FROM a {}b{}",
            "JOIN (SELECT * FROM c ".repeat(20_000),
            ") ON x = y".repeat(20_000)
        );
        let _ = unbounded(&nested);
        let many_joins = format!("SELECT * FROM a {}", "JOIN b ON a.k = b.k ".repeat(50_000));
        assert_eq!(unbounded(&many_joins).len(), 50_000);
        let many_in_one_where = format!(
            "SELECT * FROM a {} WHERE {}",
            "JOIN b ON a.k = b.k ".repeat(20_000),
            "a.ts > 1 AND ".repeat(20_000)
        );
        let _ = unbounded(&many_in_one_where);
        assert!(start.elapsed().as_secs() < 10, "{:?}", start.elapsed());
    }

    #[test]
    fn never_panics_on_odd_input() {
        for sql in [
            "",
            ";",
            "GROUP",
            "GROUP BY",
            "JOIN",
            "x JOIN",
            ") JOIN (",
            "SELECT ( GROUP BY",
            "é JOIN ü ON",
            "SELECT /*+",
            "'",
            "`",
            "\"",
        ] {
            let _ = unbounded(sql);
        }
    }
}
