use bdl_core::{Ctx, RuleMeta, Severity, TestSources, declare_rule};
use bdl_syntax::java::fold::{self, Certainty};
use bdl_syntax::{JavaFile, Rule};
use tree_sitter::Node;

use crate::helpers;

/// `WriteRequest.RefreshPolicy` of the High Level REST Client and the transport client,
/// written `WriteRequest.RefreshPolicy` or imported on its own.
const REFRESH_POLICY: &str = "org.elasticsearch.action.support.WriteRequest.RefreshPolicy";
/// The Java API Client's `refresh` parameter.
const REFRESH: &str = "co.elastic.clients.elasticsearch._types.Refresh";

declare_rule! {
    /// ## What it does
    /// Flags write requests that force a refresh: `setRefreshPolicy(WriteRequest.RefreshPolicy.IMMEDIATE)`
    /// or `setRefreshPolicy("true")` (High Level REST Client and transport client requests and
    /// builders), and `.refresh(Refresh.True)` (Java API Client). It is a warning when the
    /// request is sent once per record (a Flink function's per-record method, a per-element
    /// lambda or a loop body) and info otherwise.
    ///
    /// `RefreshPolicy.WAIT_UNTIL` / `Refresh.WaitFor` are not flagged: they wait for the
    /// scheduled refresh instead of forcing one.
    ///
    /// ## Why is this bad?
    /// A refresh makes recent writes searchable by writing a new Lucene segment. Elasticsearch
    /// refreshes every `index.refresh_interval` (1 s by default) on its own; `refresh=true`
    /// forces one for the shards the request touched, right after the request. The reference
    /// says this "should ONLY be done after careful thought and verification that it does not
    /// lead to poor performance, both from an indexing and a search standpoint": a forced
    /// refresh per document creates a tiny segment per document, which costs time to write, to
    /// search, and to merge again later, and slows every other writer of the index.
    ///
    /// ## Example
    /// ```java file=ProfileSink.java bad
    /// import org.apache.flink.streaming.api.functions.sink.RichSinkFunction;
    /// import org.elasticsearch.action.bulk.BulkRequest;
    /// import org.elasticsearch.action.index.IndexRequest;
    /// import org.elasticsearch.action.support.WriteRequest;
    /// import org.elasticsearch.client.RequestOptions;
    /// import org.elasticsearch.client.RestHighLevelClient;
    ///
    /// public class ProfileSink extends RichSinkFunction<String> {
    ///     private transient RestHighLevelClient client;
    ///
    ///     @Override
    ///     public void invoke(String json, Context context) throws Exception {
    ///         BulkRequest bulk = new BulkRequest().add(new IndexRequest("profiles").source(json));
    ///         bulk.setRefreshPolicy(WriteRequest.RefreshPolicy.IMMEDIATE);
    ///         client.bulk(bulk, RequestOptions.DEFAULT);
    ///     }
    /// }
    /// ```
    ///
    /// Use instead:
    ///
    /// ```java file=ProfileSink.java good
    /// import org.apache.flink.streaming.api.functions.sink.RichSinkFunction;
    /// import org.elasticsearch.action.bulk.BulkRequest;
    /// import org.elasticsearch.action.index.IndexRequest;
    /// import org.elasticsearch.client.RequestOptions;
    /// import org.elasticsearch.client.RestHighLevelClient;
    ///
    /// public class ProfileSink extends RichSinkFunction<String> {
    ///     private transient RestHighLevelClient client;
    ///
    ///     @Override
    ///     public void invoke(String json, Context context) throws Exception {
    ///         BulkRequest bulk = new BulkRequest().add(new IndexRequest("profiles").source(json));
    ///         client.bulk(bulk, RequestOptions.DEFAULT);
    ///     }
    /// }
    /// ```
    ///
    /// ## How to fix
    /// Remove the refresh policy and let the index refresh on its interval. If a caller must
    /// read its own write, use `RefreshPolicy.WAIT_UNTIL` (`Refresh.WaitFor`), which waits for
    /// the next scheduled refresh, or read the document by id (a get is real-time). For a bulk
    /// load, refresh once at the end (or raise `index.refresh_interval` during the load).
    ///
    /// ## Options
    /// - `lint-test-sources` (boolean, default `false`): also lint test sources (`src/test/**`,
    ///   `*Test.java`, `*IT.java`, `*ITCase.java`), which refresh on purpose to search what they
    ///   just wrote.
    ///
    /// ## References
    /// - Elasticsearch REST APIs, The refresh parameter ("should ONLY be done after careful
    ///   thought and verification that it does not lead to poor performance"; `true` creates
    ///   small segments that must be merged later):
    ///   <https://www.elastic.co/docs/reference/elasticsearch/rest-apis/refresh-parameter>
    /// - Elasticsearch, Tune for indexing speed (refresh interval):
    ///   <https://www.elastic.co/guide/en/elasticsearch/reference/current/tune-for-indexing-speed.html>
    pub RefreshImmediate {
        code: "ELS004",
        name: "refresh-immediate",
        summary: "an Elasticsearch write request forces an immediate refresh",
        severity: Warning,
        kinds: [Java],
        triggers: ["setRefreshPolicy", "Refresh.True"],
        options: [TestSources::SKIP_BY_DEFAULT],
    }
}

impl Rule for RefreshImmediate {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        if !helpers::mentions_elasticsearch(file) {
            return;
        }
        for call in file.nodes_of_kind("method_invocation") {
            let name = helpers::method_name(file, call);
            let [argument] = fold::arguments(call)[..] else {
                continue;
            };
            let forced = match name {
                "setRefreshPolicy" => immediate_policy(file, argument),
                "refresh" => is_refresh_true(file, argument).then_some("Refresh.True"),
                _ => None,
            };
            let Some(value) = forced else {
                continue;
            };
            report(file, cx, call, argument, value);
        }
    }
}

/// `WriteRequest.RefreshPolicy.IMMEDIATE` (or `RefreshPolicy.IMMEDIATE`), or the string
/// overload's `"true"` / `""`.
fn immediate_policy(file: &JavaFile<'_>, argument: Node<'_>) -> Option<&'static str> {
    if argument.kind() == "field_access" {
        let field = file.text_of(argument.child_by_field_name("field")?);
        let class = file.text_of(argument.child_by_field_name("object")?);
        let proven = field == "IMMEDIATE" && helpers::is_class(file, class, REFRESH_POLICY);
        return proven.then_some("RefreshPolicy.IMMEDIATE");
    }
    // `setRefreshPolicy(String)` parses "true" and "" as IMMEDIATE.
    let value = fold::string(file, argument).filter(|f| f.certainty == Certainty::Certain)?;
    let es_request = file.imports_from("org.elasticsearch.action")
        || file.imports_from("org.elasticsearch.client");
    (es_request && matches!(value.value.as_str(), "true" | "")).then_some("\"true\"")
}

/// `Refresh.True` of the Java API Client.
fn is_refresh_true(file: &JavaFile<'_>, argument: Node<'_>) -> bool {
    argument.kind() == "field_access"
        && argument
            .child_by_field_name("field")
            .is_some_and(|f| file.text_of(f) == "True")
        && argument
            .child_by_field_name("object")
            .is_some_and(|o| helpers::is_class(file, file.text_of(o), REFRESH))
}

fn report(file: &JavaFile<'_>, cx: &mut Ctx<'_>, call: Node<'_>, argument: Node<'_>, value: &str) {
    let span = JavaFile::span_of(argument);
    match helpers::per_record_context(file, call) {
        Some(context) => {
            let place = match context.kind() {
                "method_declaration" => format!(
                    "in {}, once per record",
                    helpers::describe_context(file, context)
                ),
                "lambda_expression" => format!(
                    "in {}, once per element",
                    helpers::describe_context(file, context)
                ),
                _ => "in a loop, once per iteration".to_owned(),
            };
            cx.report(
                Severity::Warning,
                span,
                format!(
                    "`{value}` forces an Elasticsearch refresh {place}: every write makes a \
                     tiny segment to search and merge"
                ),
            )
            .help(
                "remove the refresh policy, or use `WAIT_UNTIL` where a caller must see its write",
            );
        }
        None => {
            cx.report(
                Severity::Info,
                span,
                format!(
                    "`{value}` forces an Elasticsearch refresh after this request instead of \
                     the index's refresh interval"
                ),
            )
            .help(
                "remove the refresh policy, or use `WAIT_UNTIL` where a caller must see its write",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use bdl_syntax::check_one;

    use super::*;

    const IMPORTS: &str = "package com.example;\n\
        import org.apache.flink.streaming.api.functions.sink.RichSinkFunction;\n\
        import org.elasticsearch.action.support.WriteRequest;\n\
        import co.elastic.clients.elasticsearch._types.Refresh;\n";

    fn found(class: &str) -> Vec<(u32, Severity)> {
        let src = format!("{IMPORTS}{class}");
        check_one(&RefreshImmediate, "Job.java", &src)
            .iter()
            .map(|d| (d.start.line - 4, d.severity))
            .collect()
    }

    #[test]
    fn doc_examples_behave() {
        let docs = RefreshImmediate::META.documentation();
        let block = |marker: &str| -> String {
            let start = docs.find(marker).expect(marker) + marker.len();
            let end = docs[start..].find("```").expect("closing fence") + start;
            docs[start..end].to_owned()
        };
        let bad = block("```java file=ProfileSink.java bad\n");
        let good = block("```java file=ProfileSink.java good\n");
        let bad_found = check_one(&RefreshImmediate, "ProfileSink.java", &bad);
        assert_eq!(bad_found.len(), 1);
        assert_eq!(bad_found[0].severity, Severity::Warning);
        assert!(check_one(&RefreshImmediate, "ProfileSink.java", &good).is_empty());
    }

    #[test]
    fn hot_is_warning_elsewhere_info() {
        let class = "class Sink extends RichSinkFunction<Doc> {\n\
            public void invoke(Doc d, Context c) throws Exception {\n\
                d.request().setRefreshPolicy(WriteRequest.RefreshPolicy.IMMEDIATE);\n\
                api.index(i -> i.index(\"x\").document(d).refresh(Refresh.True));\n\
            }\n\
            void save(Doc d) {\n\
                d.request().setRefreshPolicy(\"true\");\n\
                for (Doc e : list) { e.request().setRefreshPolicy(WriteRequest.RefreshPolicy.IMMEDIATE); }\n\
            }\n\
        }\n";
        assert_eq!(
            found(class),
            [
                (3, Severity::Warning),
                (4, Severity::Warning),
                (7, Severity::Info),
                (8, Severity::Warning)
            ]
        );
        let src = format!("{IMPORTS}{class}");
        let d = &check_one(&RefreshImmediate, "Job.java", &src)[0];
        assert_eq!(
            d.message,
            "`RefreshPolicy.IMMEDIATE` forces an Elasticsearch refresh in `invoke`, once per \
             record: every write makes a tiny segment to search and merge"
        );
        assert_eq!(d.span.slice(&src), "WriteRequest.RefreshPolicy.IMMEDIATE");
    }

    #[test]
    fn wait_until_false_and_unproven_are_silent() {
        let class = "class Job {\n\
            void save(Doc d) {\n\
                d.request().setRefreshPolicy(WriteRequest.RefreshPolicy.WAIT_UNTIL);\n\
                d.request().setRefreshPolicy(WriteRequest.RefreshPolicy.NONE);\n\
                d.request().setRefreshPolicy(\"wait_for\");\n\
                d.request().setRefreshPolicy(policy);\n\
                d.request().setRefreshPolicy(Other.RefreshPolicy.IMMEDIATE);\n\
                b.refresh(Refresh.WaitFor);\n\
                cache.refresh(Mode.True);\n\
            }\n\
        }\n";
        assert!(found(class).is_empty(), "{:?}", found(class));
    }

    #[test]
    fn nested_import_and_full_name() {
        let src = "package com.example;\n\
            import org.elasticsearch.action.support.WriteRequest.RefreshPolicy;\n\
            class Job { void a(R r) { r.setRefreshPolicy(RefreshPolicy.IMMEDIATE); \
            r.setRefreshPolicy(org.elasticsearch.action.support.WriteRequest.RefreshPolicy.IMMEDIATE); } }\n";
        assert_eq!(check_one(&RefreshImmediate, "Job.java", src).len(), 2);
    }
}
