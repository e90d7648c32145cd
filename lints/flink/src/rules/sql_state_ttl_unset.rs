use bdl_core::{Ctx, FileKind, RuleMeta, Severity, Span, TestSources, declare_rule};
use bdl_syntax::{ConfigFile, Entry, JavaFile, Rule};

use crate::sql::{self, Unbounded};
use crate::table_env;

declare_rule! {
    /// ## What it does
    /// Flags a streaming Flink SQL job whose regular group aggregations or regular joins keep
    /// their state forever because no state TTL is set. It reads:
    /// - Flink SQL scripts (`*.sql` with a table declared `WITH ('connector' = …)` or a `SET` of
    ///   a Flink option): a `GROUP BY` or `JOIN` in a statement that runs before any
    ///   `SET 'table.exec.state.ttl' = '…'`;
    /// - Java: the SQL passed to `executeSql`, `sqlQuery`, `sqlUpdate` or `addInsertSql` on a
    ///   provable `TableEnvironment` / `StreamTableEnvironment` / `StatementSet` (string literals,
    ///   text blocks, concatenations and constants of the same file), when the file sets no TTL
    ///   anywhere (`tEnv.getConfig().set("table.exec.state.ttl", …)`,
    ///   `ExecutionConfigOptions.IDLE_STATE_RETENTION`, `setIdleStateRetention(..)`, or a `SET`
    ///   statement in the SQL).
    ///
    /// One finding per script or Java file, at the first such query, with the others labelled.
    ///
    /// Deliberately not reported, because their state is bounded or they are not streaming:
    /// - window aggregations: window table-valued functions (`TUMBLE`, `HOP`, `CUMULATE`,
    ///   `SESSION`) with `GROUP BY window_start, window_end`, and the legacy
    ///   `GROUP BY TUMBLE(…)` group windows;
    /// - window joins, interval joins (a time bound with `INTERVAL` in the join condition or the
    ///   `WHERE` clause), temporal and lookup joins (`FOR SYSTEM_TIME AS OF`), `UNNEST`,
    ///   `LATERAL TABLE` and other table-function joins, and cross joins;
    /// - statements with a `/*+ STATE_TTL(…) */` hint (Flink 1.18+);
    /// - batch jobs: `SET 'execution.runtime-mode' = 'batch'` in the script, or
    ///   `EnvironmentSettings.inBatchMode()` / `RuntimeExecutionMode.BATCH` in the Java file;
    /// - `.sql` files that do not look like Flink SQL (database migrations, Hive scripts), SQL
    ///   text that cannot be folded, and test sources (see Options).
    ///
    /// A TTL set outside the file (an SQL client init script, the cluster's `config.yaml`, a
    /// `-D` option at submission) is not visible here: suppress the finding with a comment that
    /// says where the TTL comes from.
    ///
    /// ## Why is this bad?
    /// A regular join "requires to keep both sides of the join input in Flink state forever",
    /// so "the required state for computing the query result might grow infinitely depending on
    /// the number of distinct input rows" (Flink docs, Joins); a group aggregation keeps one
    /// accumulator per distinct key in the same way. The state TTL, `table.exec.state.ttl`, is
    /// what bounds it, and its default "is 0, which means that it will never clean up state"
    /// (`ExecutionConfigOptions.IDLE_STATE_RETENTION`). Without it the state of a long-running
    /// job grows with every new key: checkpoints get longer, RocksDB compaction and memory
    /// pressure rise, and the job eventually fails or has to be restarted without state.
    ///
    /// A TTL trades correctness for bounded state: a key idle for longer than the TTL starts
    /// over (an aggregate from zero, a join without its old matches). Choose it from how long a
    /// key may stay idle, not from how much state is acceptable. The finding is `info` because
    /// a job over a bounded set of keys does not need one.
    ///
    /// ## Example
    /// ```sql file=order-totals.sql bad
    /// CREATE TABLE orders (customer_id STRING, amount DECIMAL(10, 2))
    /// WITH ('connector' = 'kafka', 'topic' = 'orders', 'format' = 'json');
    ///
    /// INSERT INTO customer_totals
    /// SELECT customer_id, SUM(amount) FROM orders GROUP BY customer_id;
    /// ```
    ///
    /// Use instead:
    ///
    /// ```sql file=order-totals.sql good
    /// SET 'table.exec.state.ttl' = '7 d';
    ///
    /// CREATE TABLE orders (customer_id STRING, amount DECIMAL(10, 2))
    /// WITH ('connector' = 'kafka', 'topic' = 'orders', 'format' = 'json');
    ///
    /// INSERT INTO customer_totals
    /// SELECT customer_id, SUM(amount) FROM orders GROUP BY customer_id;
    /// ```
    ///
    /// ## How to fix
    /// Set `table.exec.state.ttl` before the query (`SET 'table.exec.state.ttl' = '1 d';`, or
    /// `tEnv.getConfig().set("table.exec.state.ttl", "1 d")` in Java) to how long a key may stay
    /// idle, or give single operators their own TTL with a `/*+ STATE_TTL('orders' = '1d') */`
    /// hint (Flink 1.18+). Where the query allows it, use a bounded form instead: a window
    /// aggregation, an interval join, or a temporal or lookup join against a versioned or
    /// external table.
    ///
    /// ## Options
    /// - `lint-test-sources` (boolean, default `false`): also lint test sources (`src/test/**`,
    ///   `*Test.java`, `*IT.java`, `*ITCase.java`).
    ///
    /// ## References
    /// - Flink docs, Joins (regular joins keep both inputs in state forever):
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/dev/table/sql/queries/joins/>
    /// - Flink configuration, `table.exec.state.ttl`:
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/dev/table/config/#table-exec-state-ttl>
    /// - Flink docs, Hints, State TTL hints:
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/dev/table/sql/queries/hints/#state-ttl-hints>
    /// - Flink docs, Window Aggregation:
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/dev/table/sql/queries/window-agg/>
    pub SqlStateTtlUnset {
        code: "FLK021",
        name: "sql-state-ttl-unset",
        summary: "streaming SQL aggregation or join without a state TTL keeps state forever",
        severity: Info,
        kinds: [Java, FlinkSql],
        triggers: ["executeSql", "sqlQuery", "sqlUpdate", "addInsertSql"],
        options: [TestSources::SKIP_BY_DEFAULT],
    }
}

const TTL_KEY: &str = "table.exec.state.ttl";
const MODE_KEY: &str = "execution.runtime-mode";

/// Key prefixes of Flink options: a script that sets one is Flink SQL.
const FLINK_PREFIXES: &[&str] = &[
    "table.",
    "execution.",
    "pipeline.",
    "parallelism.",
    "state.",
    "sql-client.",
    "restart-strategy.",
    "taskmanager.",
    "jobmanager.",
];

/// How many other queries get a label.
const MAX_LABELS: usize = 8;

/// The queries of one SQL text that keep state without bound, given what the statements before
/// each one set. `entries` are the text's `SET` entries.
fn unbounded_queries(text: &str, entries: &[Entry]) -> Vec<(Unbounded, Span)> {
    let tokens = sql::tokenize(text);
    let mut ttl = false;
    let mut batch = false;
    let mut out = Vec::new();
    for statement in sql::statements(&tokens) {
        let span = statement.span();
        let first = statement.first_word(text).unwrap_or_default();
        if first.eq_ignore_ascii_case("SET") {
            let inside = |e: &&Entry| e.key_span.start >= span.start && e.key_span.end <= span.end;
            if let Some(entry) = entries.iter().find(inside) {
                if entry.key == TTL_KEY {
                    ttl = true;
                } else if entry.key == MODE_KEY {
                    batch = entry.value.eq_ignore_ascii_case("batch");
                }
            }
            continue;
        }
        if first.eq_ignore_ascii_case("RESET") {
            let statement_text = span.slice(text);
            if statement.tokens.len() == 1 || statement_text.contains(TTL_KEY) {
                ttl = false;
            }
            if statement.tokens.len() == 1 || statement_text.contains(MODE_KEY) {
                batch = false;
            }
            continue;
        }
        if ttl || batch || statement.has_state_ttl_hint(text) {
            continue;
        }
        out.extend(statement.unbounded_state(text));
    }
    out
}

impl SqlStateTtlUnset {
    /// One finding at the first query, labels on the others.
    fn report(cx: &mut Ctx<'_>, found: &[(Unbounded, Span)], java: bool) {
        let Some((first, span)) = found.first() else {
            return;
        };
        let (scope, help) = if java {
            (
                "in this file",
                "set `table.exec.state.ttl` on the table config (e.g. `tEnv.getConfig().set(\"table.exec.state.ttl\", \"1 d\")`) or add a STATE_TTL hint",
            )
        } else {
            (
                "before it",
                "add `SET 'table.exec.state.ttl' = '…';` before the query (how long a key may stay idle, e.g. '1 d') or a STATE_TTL hint",
            )
        };
        let message = match found.len() {
            1 => format!(
                "{} keeps its state forever: no `table.exec.state.ttl` is set {scope} and the default 0 never expires it",
                first.describe()
            ),
            n => format!(
                "{} and {} more stateful quer{} keep their state forever: no `table.exec.state.ttl` is set {scope} and the default 0 never expires it",
                first.describe(),
                n - 1,
                if n == 2 { "y" } else { "ies" }
            ),
        };
        let mut reported = cx.report(Severity::Info, *span, message);
        reported.help(help);
        for (what, span) in found.iter().skip(1).take(MAX_LABELS) {
            reported.label(*span, format!("{} without state TTL", what.describe()));
        }
    }

    /// Whether a `.sql` file is a Flink SQL script.
    fn is_flink_script(file: &ConfigFile<'_>, scan: &sql::Scan) -> bool {
        sql::declares_connector(file.text, scan)
            || file
                .entries
                .iter()
                .any(|e| FLINK_PREFIXES.iter().any(|p| e.key.starts_with(p)))
    }
}

impl Rule for SqlStateTtlUnset {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        if !table_env::uses_table_api(file) {
            return;
        }
        let calls = table_env::sql_calls(file);
        if calls.is_empty()
            || table_env::sets_state_ttl(file)
            || table_env::runs_in_batch_mode(file)
        {
            return;
        }
        let mut found = Vec::new();
        for sql in &calls {
            let entries = ConfigFile::parse(FileKind::FlinkSql, &sql.text).entries;
            if entries
                .iter()
                .any(|e| e.key == MODE_KEY && e.value.eq_ignore_ascii_case("batch"))
            {
                return;
            }
            found.extend(
                unbounded_queries(&sql.text, &entries)
                    .into_iter()
                    .map(|(what, span)| (what, sql.file_span(span))),
            );
        }
        Self::report(cx, &found, true);
    }

    fn check_config(&self, file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
        if file.kind != FileKind::FlinkSql {
            return;
        }
        let scan = sql::tokenize(file.text);
        if !Self::is_flink_script(file, &scan) {
            return;
        }
        let found = unbounded_queries(file.text, &file.entries);
        Self::report(cx, &found, false);
    }
}

#[cfg(test)]
mod tests {
    use bdl_core::Diagnostic;
    use bdl_syntax::check_one;

    use super::*;

    const RULE: SqlStateTtlUnset = SqlStateTtlUnset;

    const DDL: &str = "CREATE TABLE clicks (user_id STRING, url STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)\n\
        WITH ('connector' = 'kafka', 'topic' = 'clicks', 'format' = 'json');\n";

    fn script(body: &str) -> Vec<Diagnostic> {
        check_one(&RULE, "jobs/clicks.sql", &format!("{DDL}{body}"))
    }

    #[test]
    fn regular_aggregations_and_joins_are_reported_once_per_script() {
        let found = script(
            "INSERT INTO per_user SELECT user_id, COUNT(*) FROM clicks GROUP BY user_id;\n\
             INSERT INTO enriched SELECT c.*, u.name FROM clicks c JOIN users u ON c.user_id = u.id;\n",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Info);
        assert_eq!(
            found[0].message,
            "group aggregation and 1 more stateful query keep their state forever: no `table.exec.state.ttl` is set before it and the default 0 never expires it"
        );
        assert_eq!(found[0].start.line, 3);
        assert_eq!(found[0].labels.len(), 1);
        assert_eq!(found[0].labels[0].message, "regular join without state TTL");
    }

    #[test]
    fn a_ttl_a_hint_or_batch_mode_before_the_query_silences_it() {
        for body in [
            "SET 'table.exec.state.ttl' = '1 d';\nINSERT INTO t SELECT user_id, COUNT(*) FROM clicks GROUP BY user_id;",
            "SET table.exec.state.ttl=1h;\nINSERT INTO t SELECT user_id, COUNT(*) FROM clicks GROUP BY user_id;",
            "SET 'execution.runtime-mode' = 'batch';\nINSERT INTO t SELECT user_id, COUNT(*) FROM clicks GROUP BY user_id;",
            "INSERT INTO t SELECT /*+ STATE_TTL('clicks' = '1d') */ user_id, COUNT(*) FROM clicks GROUP BY user_id;",
            "INSERT INTO t SELECT window_start, user_id, COUNT(*) FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end, user_id;",
            "-- INSERT INTO t SELECT user_id, COUNT(*) FROM clicks GROUP BY user_id;",
        ] {
            assert!(script(body).is_empty(), "{body}");
        }
        // A TTL set only after the query does not apply to it; a RESET undoes it.
        assert_eq!(
            script("INSERT INTO t SELECT user_id, COUNT(*) FROM clicks GROUP BY user_id;\nSET 'table.exec.state.ttl' = '1 d';").len(),
            1
        );
        assert_eq!(
            script("SET 'table.exec.state.ttl' = '1 d';\nRESET 'table.exec.state.ttl';\nINSERT INTO t SELECT user_id, COUNT(*) FROM clicks GROUP BY user_id;").len(),
            1
        );
    }

    #[test]
    fn sql_files_that_are_not_flink_are_silent() {
        let migration = "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT);\n\
            SELECT customer_id, COUNT(*) FROM orders GROUP BY customer_id;\n\
            SELECT * FROM orders o JOIN customers c ON o.customer_id = c.id;\n";
        assert!(check_one(&RULE, "db/V2__report.sql", migration).is_empty());
        // A Flink option set in the script is enough to tell.
        let flink = "SET 'parallelism.default' = '2';\nSELECT k, COUNT(*) FROM t GROUP BY k;\n";
        assert_eq!(check_one(&RULE, "job.sql", flink).len(), 1);
    }

    fn java(body: &str) -> Vec<Diagnostic> {
        let src = format!(
            "package com.example;\n\
             import org.apache.flink.table.api.*;\n\
             public class SqlJob {{\n\
             public static void main(String[] args) {{\n\
             TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());\n\
             {body}\n\
             }}\n}}\n"
        );
        check_one(&RULE, "src/main/java/com/example/SqlJob.java", &src)
    }

    #[test]
    fn sql_in_java_is_reported_at_the_literal() {
        let found = java(
            "tEnv.executeSql(\"INSERT INTO out SELECT k, COUNT(*) \" +\n\"FROM src GROUP BY k\");",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].start.line, 7);
        assert_eq!(
            found[0].message,
            "group aggregation keeps its state forever: no `table.exec.state.ttl` is set in this file and the default 0 never expires it"
        );
        let found = java(
            "String sql = \"\"\"\n  INSERT INTO out\n  SELECT * FROM a LEFT JOIN b ON a.k = b.k\n  \"\"\";\ntEnv.executeSql(sql);",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].start.line, 8);
    }

    #[test]
    fn java_look_alikes_are_silent() {
        for body in [
            "tEnv.getConfig().set(\"table.exec.state.ttl\", \"1 d\"); tEnv.executeSql(\"INSERT INTO out SELECT k, COUNT(*) FROM src GROUP BY k\");",
            "tEnv.executeSql(\"SET 'table.exec.state.ttl' = '1 d'\"); tEnv.executeSql(\"INSERT INTO out SELECT k, COUNT(*) FROM src GROUP BY k\");",
            "tEnv.executeSql(\"INSERT INTO out SELECT * FROM a JOIN b FOR SYSTEM_TIME AS OF a.pt AS b2 ON a.k = b2.k\");",
            "tEnv.executeSql(\"INSERT INTO out SELECT k, COUNT(*) FROM \" + table + \" GROUP BY k\");",
            "jdbc.executeSql(\"SELECT k, COUNT(*) FROM src GROUP BY k\");",
            "TableEnvironment batch = TableEnvironment.create(EnvironmentSettings.inBatchMode()); batch.executeSql(\"INSERT INTO out SELECT k, COUNT(*) FROM src GROUP BY k\");",
        ] {
            assert!(java(body).is_empty(), "{body}");
        }
    }

    #[test]
    fn test_sources_are_skipped_by_default() {
        let src = "import org.apache.flink.table.api.*;\nclass SqlJobTest { void m(TableEnvironment tEnv) { tEnv.executeSql(\"SELECT k, COUNT(*) FROM src GROUP BY k\"); } }";
        assert!(check_one(&RULE, "src/test/java/SqlJobTest.java", src).is_empty());
        assert_eq!(check_one(&RULE, "src/main/java/SqlJob.java", src).len(), 1);
    }
}
