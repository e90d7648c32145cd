use bdl_core::{Ctx, RuleMeta, Severity, TestSources, declare_rule};
use bdl_syntax::{JavaFile, Rule};
use tree_sitter::Node;

use crate::helpers::{
    self, API_CLIENT, HIGH_LEVEL_CLIENT, PRE_BUILT_TRANSPORT_CLIENT, TRANSPORT_CLIENT,
};

/// The Java API Client's asynchronous client, with the same `index` method.
const API_ASYNC_CLIENT: &str = "co.elastic.clients.elasticsearch.ElasticsearchAsyncClient";
/// The transport client's interface (`client.prepareIndex(..)`).
const TRANSPORT_INTERFACE: &str = "org.elasticsearch.client.Client";

declare_rule! {
    /// ## What it does
    /// Flags a single-document index request sent once per record: in a Flink function's
    /// per-record method (`invoke`, `map`, `processElement`, …), in a per-element lambda
    /// (`forEach`) or in a loop body. The calls are:
    /// - High Level REST Client: `client.index(request, RequestOptions)` and
    ///   `client.indexAsync(request, RequestOptions, listener)`;
    /// - Java API Client: `client.index(i -> …)` / `client.index(IndexRequest)` on an
    ///   `ElasticsearchClient` or `ElasticsearchAsyncClient`;
    /// - transport client: `client.prepareIndex(..)`.
    ///
    /// The client must be proven by its declared type (or the class of another file of the
    /// project that declares it); a method named like a per-record method counts only in a
    /// file that uses Flink.
    ///
    /// ## Why is this bad?
    /// Elasticsearch's indexing guide puts it first: "Bulk requests will yield much better
    /// performance than single-document index requests." Each single request is a network
    /// round trip, a trip through the coordinating node, and on the shard a separate write to
    /// the translog (which is fsynced per request by default). At stream rates this caps the
    /// job at a few hundred or thousand documents per second per subtask, backpressures
    /// everything upstream, and loads the cluster's write thread pool with tiny tasks.
    ///
    /// ## Example
    /// ```java file=AuditSink.java bad
    /// import org.apache.flink.streaming.api.functions.sink.RichSinkFunction;
    /// import org.elasticsearch.action.index.IndexRequest;
    /// import org.elasticsearch.client.RequestOptions;
    /// import org.elasticsearch.client.RestHighLevelClient;
    ///
    /// public class AuditSink extends RichSinkFunction<String> {
    ///     private transient RestHighLevelClient client;
    ///
    ///     @Override
    ///     public void invoke(String json, Context context) throws Exception {
    ///         client.index(new IndexRequest("audit").source(json), RequestOptions.DEFAULT);
    ///     }
    /// }
    /// ```
    ///
    /// Use instead:
    ///
    /// ```java file=AuditJob.java good
    /// import org.apache.flink.connector.elasticsearch.sink.Elasticsearch7SinkBuilder;
    /// import org.apache.flink.streaming.api.datastream.DataStream;
    /// import org.apache.http.HttpHost;
    /// import org.elasticsearch.client.Requests;
    ///
    /// public class AuditJob {
    ///     static void sink(DataStream<String> audit) {
    ///         audit.sinkTo(new Elasticsearch7SinkBuilder<String>()
    ///                 .setHosts(HttpHost.create("http://es-1:9200"), HttpHost.create("http://es-2:9200"))
    ///                 .setEmitter((json, ctx, indexer) -> indexer.add(Requests.indexRequest("audit").source(json)))
    ///                 .build());
    ///     }
    /// }
    /// ```
    ///
    /// ## How to fix
    /// Send documents in bulk: in Flink, use the Elasticsearch connector's sink
    /// (`Elasticsearch7SinkBuilder`, or the Table/SQL `elasticsearch-7` connector), which
    /// buffers actions and flushes them as bulk requests (see ELS006 for its flush settings).
    /// Elsewhere, collect documents into a `BulkRequest`, or use `BulkProcessor` (High Level
    /// REST Client) or `BulkIngester` (Java API Client), which flush by count, size and time.
    ///
    /// ## Options
    /// - `lint-test-sources` (boolean, default `false`): also lint test sources (`src/test/**`,
    ///   `*Test.java`, `*IT.java`, `*ITCase.java`), which often index fixtures one by one.
    ///
    /// ## References
    /// - Elasticsearch, Tune for indexing speed, Use bulk requests ("Bulk requests will yield
    ///   much better performance than single-document index requests"):
    ///   <https://www.elastic.co/guide/en/elasticsearch/reference/current/tune-for-indexing-speed.html>
    /// - Java API Client, Bulk: indexing multiple documents (`BulkIngester`):
    ///   <https://www.elastic.co/docs/reference/elasticsearch/clients/java/usage/indexing-bulk>
    /// - Java High Level REST Client, Bulk Processor:
    ///   <https://www.elastic.co/guide/en/elasticsearch/client/java-rest/7.17/java-rest-high-document-bulk.html>
    /// - Flink, Elasticsearch connector:
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/connectors/datastream/elasticsearch/>
    pub IndexRequestPerDocument {
        code: "ELS001",
        name: "index-request-per-document",
        summary: "a single-document Elasticsearch index request is sent once per record",
        severity: Warning,
        kinds: [Java],
        triggers: ["index(", "indexAsync(", "prepareIndex("],
        options: [TestSources::SKIP_BY_DEFAULT],
    }
}

impl Rule for IndexRequestPerDocument {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        if !helpers::mentions_elasticsearch(file) {
            return;
        }
        for call in file.nodes_of_kind("method_invocation") {
            let Some(api) = single_index(file, call) else {
                continue;
            };
            let Some(context) = helpers::per_record_context(file, call) else {
                continue;
            };
            report(file, cx, call, api, context);
        }
    }
}

/// Which client sends the single-document request.
#[derive(Clone, Copy, Debug)]
enum Client {
    HighLevel,
    Api,
    Transport,
}

/// The client API of `call` when it is a proven single-document index request.
fn single_index(file: &JavaFile<'_>, call: Node<'_>) -> Option<Client> {
    let name = helpers::method_name(file, call);
    let arity = helpers::arity(call);
    let receiver = call.child_by_field_name("object")?;
    match (name, arity) {
        ("index", 2) | ("indexAsync", 3) => {
            helpers::is_of(file, receiver, &[HIGH_LEVEL_CLIENT]).then_some(Client::HighLevel)
        }
        ("index", 1) => {
            helpers::is_of(file, receiver, &[API_CLIENT, API_ASYNC_CLIENT]).then_some(Client::Api)
        }
        ("prepareIndex", _) => helpers::is_of(
            file,
            receiver,
            &[
                TRANSPORT_CLIENT,
                PRE_BUILT_TRANSPORT_CLIENT,
                TRANSPORT_INTERFACE,
            ],
        )
        .then_some(Client::Transport),
        _ => None,
    }
}

fn report(file: &JavaFile<'_>, cx: &mut Ctx<'_>, call: Node<'_>, api: Client, context: Node<'_>) {
    let method = helpers::method_name(file, call);
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
    let help = match (api, context.kind()) {
        (_, "method_declaration") => {
            "write with the Flink Elasticsearch sink (`Elasticsearch7SinkBuilder`), which sends bulk requests"
        }
        (Client::Api, _) => "collect the documents into one `BulkRequest`, or use a `BulkIngester`",
        (Client::HighLevel, _) => {
            "collect the documents into one `BulkRequest`, or use a `BulkProcessor`"
        }
        (Client::Transport, _) => "collect the documents into one `prepareBulk()` request",
    };
    let mut reported = cx.report(
        Severity::Warning,
        JavaFile::span_of(call),
        format!(
            "`{method}` sends one Elasticsearch request per document {place}: bulk requests \
             index many documents per round trip"
        ),
    );
    reported.help(help);
    if context.kind() == "method_declaration"
        && let Some(name) = context.child_by_field_name("name")
    {
        reported.label(JavaFile::span_of(name), "runs once per record");
    }
}

#[cfg(test)]
mod tests {
    use bdl_syntax::check_one;

    use super::*;

    const IMPORTS: &str = "package com.example;\n\
        import org.apache.flink.streaming.api.functions.sink.RichSinkFunction;\n\
        import org.elasticsearch.client.*;\n\
        import co.elastic.clients.elasticsearch.ElasticsearchClient;\n";

    fn lines(class: &str) -> Vec<u32> {
        let src = format!("{IMPORTS}{class}");
        check_one(&IndexRequestPerDocument, "Job.java", &src)
            .iter()
            .map(|d| d.start.line - 4)
            .collect()
    }

    #[test]
    fn per_record_method_loop_and_lambda() {
        let class = "class Sink extends RichSinkFunction<Doc> {\n\
            private transient RestHighLevelClient client;\n\
            private transient ElasticsearchClient api;\n\
            public void invoke(Doc d, Context c) throws Exception {\n\
                client.index(d.request(), RequestOptions.DEFAULT);\n\
                api.index(i -> i.index(\"docs\").document(d));\n\
            }\n\
            void backfill(java.util.List<Doc> docs) throws Exception {\n\
                for (Doc d : docs) { client.index(d.request(), RequestOptions.DEFAULT); }\n\
                docs.forEach(d -> client.indexAsync(d.request(), RequestOptions.DEFAULT, listener));\n\
                client.index(docs.get(0).request(), RequestOptions.DEFAULT);\n\
            }\n\
        }\n";
        assert_eq!(lines(class), [5, 6, 9, 10]);
        let src = format!("{IMPORTS}{class}");
        let found = check_one(&IndexRequestPerDocument, "Job.java", &src);
        assert_eq!(
            found[0].message,
            "`index` sends one Elasticsearch request per document in `invoke`, once per record: \
             bulk requests index many documents per round trip"
        );
        assert_eq!(
            found[2].message,
            "`index` sends one Elasticsearch request per document in a loop, once per \
             iteration: bulk requests index many documents per round trip"
        );
        assert_eq!(
            found[3].help.as_deref(),
            Some("collect the documents into one `BulkRequest`, or use a `BulkProcessor`")
        );
    }

    #[test]
    fn bulk_and_unproven_receivers_are_silent() {
        let class = "class Sink extends RichSinkFunction<Doc> {\n\
            private transient RestHighLevelClient client;\n\
            private transient SearchIndex search;\n\
            public void invoke(Doc d, Context c) throws Exception {\n\
                BulkRequest bulk = new BulkRequest();\n\
                bulk.add(d.request());\n\
                client.bulk(bulk, RequestOptions.DEFAULT);\n\
                search.index(d, RequestOptions.DEFAULT);\n\
                index(d, RequestOptions.DEFAULT);\n\
            }\n\
        }\n";
        assert!(lines(class).is_empty());
    }

    #[test]
    fn per_record_names_need_flink() {
        let src = "package com.example;\nimport org.elasticsearch.client.*;\n\
            class OrderService {\n\
                private RestHighLevelClient client;\n\
                public void process(Order o) throws Exception { client.index(o.request(), RequestOptions.DEFAULT); }\n\
            }\n";
        assert!(check_one(&IndexRequestPerDocument, "OrderService.java", src).is_empty());
    }

    #[test]
    fn transport_client() {
        let class = "class Loader {\n\
            void load(org.elasticsearch.client.transport.TransportClient client, java.util.List<String> docs) {\n\
                for (String d : docs) { client.prepareIndex(\"i\", \"_doc\").setSource(d).get(); }\n\
            }\n\
        }\n";
        assert_eq!(lines(class), [3]);
    }
}
