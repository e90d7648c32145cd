use bdl_core::{
    Ctx, FileKind, OptionKind, OptionMeta, RuleMeta, Severity, Span, TestSources, declare_rule,
};
use bdl_syntax::config::sql::tokens;
use bdl_syntax::java::fold::{self, Certainty};
use bdl_syntax::{ConfigFile, JavaFile, Rule};
use tree_sitter::Node;

use crate::helpers;

declare_rule! {
    /// ## What it does
    /// Flags a Flink Elasticsearch sink that flushes a bulk request after very few actions
    /// (by default at most 10; `1` is the usual case):
    /// - Java: `setBulkFlushMaxActions(n)` on `Elasticsearch7SinkBuilder` /
    ///   `Elasticsearch6SinkBuilder` (Flink 1.15+) or on the legacy `ElasticsearchSink.Builder`
    ///   (`flink-connector-elasticsearch6/7`), and the legacy configuration map entry
    ///   `"bulk.flush.max.actions"`;
    /// - Flink SQL: `'sink.bulk-flush.max-actions'` (and the legacy
    ///   `'connector.bulk-flush.max-actions'`) of a table whose `'connector'` is
    ///   `elasticsearch-6` / `elasticsearch-7` (or `'connector.type' = 'elasticsearch'`), in a
    ///   `*.sql` script or a `CREATE TABLE` statement passed to `executeSql` / `sqlUpdate`.
    ///
    /// The builder is recognised by its class (imported or written in full), the value is
    /// folded (literals, constants, arithmetic); a value that is only the default of a runtime
    /// parameter (`params.getInt("flush", 1)`) is info. `-1` and `0` (flushing by count turned
    /// off) are not flagged.
    ///
    /// ## Why is this bad?
    /// The sink buffers actions and sends them as one bulk request when `max-actions` actions
    /// (default 1000), the size limit (5 mb in the DataStream sink, 2 mb in SQL) or the flush
    /// interval is reached. With `max-actions` 1 every record becomes its own bulk request:
    /// one network round trip and one write on the cluster per record, the very pattern bulk
    /// requests exist to avoid (see ELS001). The Flink documentation's examples set it to 1
    /// only "to emit after every element, otherwise they would be buffered", which is meant for
    /// trying the connector out; copied into a production job it caps the sink's throughput
    /// and loads the cluster's write threads.
    ///
    /// ## Example
    /// ```java file=ClickJob.java bad
    /// import org.apache.flink.connector.elasticsearch.sink.Elasticsearch7SinkBuilder;
    /// import org.apache.flink.connector.elasticsearch.sink.ElasticsearchSink;
    /// import org.apache.http.HttpHost;
    ///
    /// class ClickJob {
    ///     static ElasticsearchSink<Click> sink(HttpHost[] hosts) {
    ///         return new Elasticsearch7SinkBuilder<Click>()
    ///                 .setHosts(hosts)
    ///                 .setBulkFlushMaxActions(1)
    ///                 .setEmitter((click, ctx, indexer) -> indexer.add(click.toIndexRequest()))
    ///                 .build();
    ///     }
    /// }
    /// ```
    ///
    /// ```sql file=clicks.sql bad
    /// CREATE TABLE clicks_es (
    ///     user_id STRING,
    ///     clicks BIGINT
    /// ) WITH (
    ///     'connector' = 'elasticsearch-7',
    ///     'hosts' = 'http://es-1:9200;http://es-2:9200',
    ///     'index' = 'clicks',
    ///     'sink.bulk-flush.max-actions' = '1'
    /// );
    /// ```
    ///
    /// Use instead:
    ///
    /// ```java file=ClickJob.java good
    /// import org.apache.flink.connector.elasticsearch.sink.Elasticsearch7SinkBuilder;
    /// import org.apache.flink.connector.elasticsearch.sink.ElasticsearchSink;
    /// import org.apache.http.HttpHost;
    ///
    /// class ClickJob {
    ///     static ElasticsearchSink<Click> sink(HttpHost[] hosts) {
    ///         return new Elasticsearch7SinkBuilder<Click>()
    ///                 .setHosts(hosts)
    ///                 .setBulkFlushMaxActions(1000)
    ///                 .setBulkFlushInterval(1000)
    ///                 .setEmitter((click, ctx, indexer) -> indexer.add(click.toIndexRequest()))
    ///                 .build();
    ///     }
    /// }
    /// ```
    ///
    /// ```sql file=clicks.sql good
    /// CREATE TABLE clicks_es (
    ///     user_id STRING,
    ///     clicks BIGINT
    /// ) WITH (
    ///     'connector' = 'elasticsearch-7',
    ///     'hosts' = 'http://es-1:9200;http://es-2:9200',
    ///     'index' = 'clicks',
    ///     'sink.bulk-flush.interval' = '1s'
    /// );
    /// ```
    ///
    /// ## How to fix
    /// Remove the setting to keep the default of 1000 actions, or set it to hundreds or
    /// thousands. If records must show up quickly, bound the latency with the flush interval
    /// (`setBulkFlushInterval(1000)`, `'sink.bulk-flush.interval' = '1s'`) instead of flushing
    /// per record: a quiet stream still flushes every interval, a busy one in full batches.
    ///
    /// ## Options
    /// - `max-actions-threshold` (integer, default `10`): a flush size of this many actions or
    ///   fewer is reported.
    /// - `lint-test-sources` (boolean, default `false`): also lint test sources (`src/test/**`,
    ///   `*Test.java`, `*IT.java`, `*ITCase.java`), which flush per record to read back what
    ///   they wrote.
    ///
    /// ## References
    /// - Flink, Elasticsearch DataStream connector (bulk flush settings; the example's
    ///   `setBulkFlushMaxActions(1)` "instructs the sink to emit after every element"):
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/connectors/datastream/elasticsearch/>
    /// - Flink, Elasticsearch SQL connector (`sink.bulk-flush.max-actions`, default 1000;
    ///   `sink.bulk-flush.max-size`, default 2mb; `sink.bulk-flush.interval`, default 1s):
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/connectors/table/elasticsearch/>
    /// - FLINK-16495, default flush strategy of the Elasticsearch sink (client defaults of
    ///   1000 actions and 5 mb): <https://issues.apache.org/jira/browse/FLINK-16495>
    /// - Elasticsearch, Tune for indexing speed, Use bulk requests:
    ///   <https://www.elastic.co/guide/en/elasticsearch/reference/current/tune-for-indexing-speed.html>
    pub FlinkEsBulkFlush1 {
        code: "ELS006",
        name: "flink-es-bulk-flush-1",
        summary: "a Flink Elasticsearch sink flushes a bulk request after very few actions",
        severity: Warning,
        kinds: [Java, FlinkSql],
        triggers: [
            "setBulkFlushMaxActions",
            "bulk.flush.max.actions",
            "bulk-flush.max-actions",
        ],
        options: [
            OptionMeta {
                name: "max-actions-threshold",
                kind: OptionKind::Integer,
                default: "10",
                doc: "A flush size of this many actions or fewer is reported.",
            },
            TestSources::SKIP_BY_DEFAULT,
        ],
    }
}

/// The builders of the Flink 1.15+ sink (`flink-connector-elasticsearch7/6`).
const SINK_BUILDERS: &[&str] = &[
    "org.apache.flink.connector.elasticsearch.sink.Elasticsearch7SinkBuilder",
    "org.apache.flink.connector.elasticsearch.sink.Elasticsearch6SinkBuilder",
    "org.apache.flink.streaming.connectors.elasticsearch7.ElasticsearchSink.Builder",
    "org.apache.flink.streaming.connectors.elasticsearch6.ElasticsearchSink.Builder",
];

/// The package of the legacy connectors, whose configuration map took string keys.
const LEGACY_PACKAGE: &str = "org.apache.flink.streaming.connectors.elasticsearch";

/// The default flush size of the connector's sinks.
const DEFAULT_ACTIONS: i64 = 1000;

impl Rule for FlinkEsBulkFlush1 {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        let threshold = threshold(cx);
        for call in file.nodes_of_kind("method_invocation") {
            match helpers::method_name(file, call) {
                "setBulkFlushMaxActions" => builder_setting(file, cx, call, threshold),
                "put" | "setProperty" if file.imports_from(LEGACY_PACKAGE) => {
                    legacy_map_entry(file, cx, call, threshold);
                }
                "executeSql" | "sqlUpdate" => sql_string(file, cx, call, threshold),
                _ => {}
            }
        }
    }

    fn check_config(&self, file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
        if file.kind != FileKind::FlinkSql {
            return;
        }
        let threshold = threshold(cx);
        for (actions, span) in sql_flush_sizes(file.text) {
            if (1..=threshold).contains(&actions) {
                report(cx, span, actions, Certainty::Certain, Where::Sql, threshold);
            }
        }
    }
}

fn threshold(cx: &Ctx<'_>) -> i64 {
    cx.options().integer("max-actions-threshold").unwrap_or(10)
}

/// Where the flush size was set, for the message and help.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Where {
    Builder,
    LegacyMap,
    Sql,
}

/// `builder.setBulkFlushMaxActions(n)` on a proven sink builder.
fn builder_setting(file: &JavaFile<'_>, cx: &mut Ctx<'_>, call: Node<'_>, threshold: i64) {
    let [argument] = fold::arguments(call)[..] else {
        return;
    };
    let Some(receiver) = call.child_by_field_name("object") else {
        return;
    };
    if !is_sink_builder(file, receiver) {
        return;
    }
    let Some(value) = fold::int(file, argument) else {
        return;
    };
    if (1..=threshold).contains(&value.value) {
        report(
            cx,
            JavaFile::span_of(argument),
            value.value,
            value.certainty,
            Where::Builder,
            threshold,
        );
    }
}

/// Whether `expr` is a sink builder: a variable declared with a builder class, `new
/// Elasticsearch7SinkBuilder<>()`, or a chain of builder calls on one (every setter returns the
/// builder).
fn is_sink_builder(file: &JavaFile<'_>, expr: Node<'_>) -> bool {
    let mut current = expr;
    for _ in 0..128 {
        if current.kind() != "method_invocation" {
            return helpers::is_of(file, current, SINK_BUILDERS);
        }
        let name = helpers::method_name(file, current);
        if !name.starts_with("set") {
            return false;
        }
        let Some(on) = current.child_by_field_name("object") else {
            return false;
        };
        current = on;
    }
    false
}

/// `config.put("bulk.flush.max.actions", "1")` in a file of the legacy connectors.
fn legacy_map_entry(file: &JavaFile<'_>, cx: &mut Ctx<'_>, call: Node<'_>, threshold: i64) {
    let [key, value] = fold::arguments(call)[..] else {
        return;
    };
    let named = fold::string(file, key).is_some_and(|k| k.value == "bulk.flush.max.actions");
    if !named {
        return;
    }
    let folded = fold::string(file, value)
        .and_then(|s| s.value.trim().parse::<i64>().ok().map(|n| (n, s.certainty)))
        .or_else(|| fold::int(file, value).map(|n| (n.value, n.certainty)));
    let Some((actions, certainty)) = folded else {
        return;
    };
    if (1..=threshold).contains(&actions) {
        report(
            cx,
            JavaFile::span_of(value),
            actions,
            certainty,
            Where::LegacyMap,
            threshold,
        );
    }
}

/// `tEnv.executeSql("CREATE TABLE … WITH ('connector' = 'elasticsearch-7', …)")`.
fn sql_string(file: &JavaFile<'_>, cx: &mut Ctx<'_>, call: Node<'_>, threshold: i64) {
    let [argument] = fold::arguments(call)[..] else {
        return;
    };
    let Some(sql) = fold::string(file, argument) else {
        return;
    };
    if !sql.value.contains("max-actions") {
        return;
    }
    let low = sql_flush_sizes(&sql.value)
        .into_iter()
        .map(|(n, _)| n)
        .filter(|n| (1..=threshold).contains(n))
        .min();
    if let Some(actions) = low {
        report(
            cx,
            JavaFile::span_of(argument),
            actions,
            sql.certainty,
            Where::Sql,
            threshold,
        );
    }
}

/// The flush sizes (`'sink.bulk-flush.max-actions'`, legacy `'connector.bulk-flush.max-actions'`)
/// of the Elasticsearch tables declared in a script, with the span of each value.
fn sql_flush_sizes(text: &str) -> Vec<(i64, Span)> {
    if !text.contains("max-actions") {
        return Vec::new();
    }
    let scan = tokens::tokenize(text);
    let mut out = Vec::new();
    for statement in tokens::statement_tokens(&scan) {
        let options = tokens::table_options(text, statement);
        let elasticsearch = options.iter().any(|o| {
            let value = o.value.trim().to_ascii_lowercase();
            match o.key.trim() {
                "connector" => value.starts_with("elasticsearch"),
                "connector.type" => value == "elasticsearch",
                _ => false,
            }
        });
        if !elasticsearch {
            continue;
        }
        for option in &options {
            if matches!(
                option.key.trim(),
                "sink.bulk-flush.max-actions" | "connector.bulk-flush.max-actions"
            ) && let Ok(actions) = option.value.trim().parse::<i64>()
            {
                out.push((actions, option.value_span));
            }
        }
    }
    out
}

fn report(
    cx: &mut Ctx<'_>,
    span: Span,
    actions: i64,
    certainty: Certainty,
    at: Where,
    threshold: i64,
) {
    let (severity, possible) = match certainty {
        Certainty::Certain => (Severity::Warning, ""),
        Certainty::Default => (Severity::Info, " (the default of a runtime parameter)"),
    };
    let message = if actions == 1 {
        format!(
            "the Elasticsearch sink flushes after every action{possible}: one bulk request per \
             record instead of batches of {DEFAULT_ACTIONS} (the default)"
        )
    } else {
        format!(
            "the Elasticsearch sink flushes every {actions} actions{possible}, at most \
             {threshold}: a bulk request per handful of records instead of batches of \
             {DEFAULT_ACTIONS} (the default)"
        )
    };
    let help = match at {
        Where::Builder => {
            "remove `setBulkFlushMaxActions` to keep 1000, and bound latency with `setBulkFlushInterval(1000)`"
        }
        Where::LegacyMap => {
            "remove `bulk.flush.max.actions` to keep 1000, and bound latency with `bulk.flush.interval.ms`"
        }
        Where::Sql => {
            "remove `sink.bulk-flush.max-actions` to keep 1000, and bound latency with `sink.bulk-flush.interval`"
        }
    };
    cx.report(severity, span, message).help(help);
}

#[cfg(test)]
mod tests {
    use bdl_syntax::check_one;

    use super::*;

    const IMPORTS: &str = "package com.example;\n\
        import org.apache.flink.connector.elasticsearch.sink.Elasticsearch7SinkBuilder;\n\
        import org.apache.flink.streaming.connectors.elasticsearch7.ElasticsearchSink;\n";

    fn found(class: &str) -> Vec<(u32, Severity)> {
        let src = format!("{IMPORTS}{class}");
        check_one(&FlinkEsBulkFlush1, "Job.java", &src)
            .iter()
            .map(|d| (d.start.line - 3, d.severity))
            .collect()
    }

    #[test]
    fn builders_chains_and_variables() {
        let class = "class Job {\n\
            static final int FLUSH = 1;\n\
            void a(java.util.List<HttpHost> hosts, ParameterTool params) {\n\
                new Elasticsearch7SinkBuilder<String>().setHosts(h).setBulkFlushMaxActions(1).build();\n\
                ElasticsearchSink.Builder<String> legacy = new ElasticsearchSink.Builder<>(hosts, fn);\n\
                legacy.setBulkFlushMaxActions(FLUSH * 5);\n\
                legacy.setBulkFlushMaxActions(params.getInt(\"flush\", 1));\n\
                new Elasticsearch7SinkBuilder<String>().setBulkFlushMaxActions(500);\n\
                new Elasticsearch7SinkBuilder<String>().setBulkFlushMaxActions(-1);\n\
                legacy.setBulkFlushMaxActions(params.getInt(\"flush\"));\n\
                other.setBulkFlushMaxActions(1);\n\
            }\n\
        }\n";
        assert_eq!(
            found(class),
            [
                (4, Severity::Warning),
                (6, Severity::Warning),
                (7, Severity::Info)
            ]
        );
        let src = format!("{IMPORTS}{class}");
        let found = check_one(&FlinkEsBulkFlush1, "Job.java", &src);
        assert_eq!(
            found[0].message,
            "the Elasticsearch sink flushes after every action: one bulk request per record \
             instead of batches of 1000 (the default)"
        );
        assert_eq!(found[0].span.slice(&src), "1");
        assert_eq!(
            found[1].message,
            "the Elasticsearch sink flushes every 5 actions, at most 10: a bulk request per \
             handful of records instead of batches of 1000 (the default)"
        );
        assert_eq!(
            found[2].message,
            "the Elasticsearch sink flushes after every action (the default of a runtime \
             parameter): one bulk request per record instead of batches of 1000 (the default)"
        );
    }

    #[test]
    fn legacy_map_and_sql_strings() {
        let class = "class Job {\n\
            void a(java.util.Map<String, String> config, TableEnvironment tEnv) {\n\
                config.put(\"bulk.flush.max.actions\", \"1\");\n\
                config.put(\"bulk.flush.interval.ms\", \"1\");\n\
                tEnv.executeSql(\"CREATE TABLE es (a INT) WITH ('connector' = 'elasticsearch-7', \" +\n\
                    \"'hosts' = 'http://es:9200', 'index' = 'a', 'sink.bulk-flush.max-actions' = '2')\");\n\
                tEnv.executeSql(\"CREATE TABLE k (a INT) WITH ('connector' = 'kafka', 'sink.bulk-flush.max-actions' = '1')\");\n\
            }\n\
        }\n";
        assert_eq!(
            found(class),
            [(3, Severity::Warning), (5, Severity::Warning)]
        );
    }

    #[test]
    fn sql_scripts() {
        let sql = "SET 'execution.checkpointing.interval' = '1min';\n\
            CREATE TABLE a (x INT) WITH ('connector' = 'elasticsearch-6', 'sink.bulk-flush.max-actions' = '1');\n\
            CREATE TABLE b (x INT) WITH ('connector' = 'elasticsearch-7', 'sink.bulk-flush.max-actions' = '1000');\n\
            CREATE TABLE c (x INT) WITH ('connector.type' = 'elasticsearch', 'connector.bulk-flush.max-actions' = '3');\n\
            CREATE TABLE d (x INT) WITH ('connector' = 'jdbc', 'sink.bulk-flush.max-actions' = '1');\n\
            -- CREATE TABLE e (x INT) WITH ('connector' = 'elasticsearch-7', 'sink.bulk-flush.max-actions' = '1');\n\
            CREATE TABLE f (x INT) WITH ('connector' = 'elasticsearch-7', 'sink.bulk-flush.max-actions' = '0');\n";
        let found = check_one(&FlinkEsBulkFlush1, "job.sql", sql);
        let lines: Vec<u32> = found.iter().map(|d| d.start.line).collect();
        assert_eq!(lines, [2, 4]);
        assert_eq!(found[0].span.slice(sql), "1");
    }

    #[test]
    fn unproven_builders_are_silent() {
        let src = "package a;\nclass Job { void a(OpensearchSinkBuilder<String> b) { b.setBulkFlushMaxActions(1); \
            new Elasticsearch7SinkBuilder<String>().setBulkFlushMaxActions(1); } }\n";
        assert!(check_one(&FlinkEsBulkFlush1, "Job.java", src).is_empty());
    }
}
