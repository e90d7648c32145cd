use bdl_core::{Ctx, RuleMeta, Severity, TestSources, declare_rule};
use bdl_syntax::java::fold::{self, Certainty};
use bdl_syntax::java::lifetime::{self, Fate, Trace};
use bdl_syntax::java::scope;
use bdl_syntax::{JavaFile, Rule};
use tree_sitter::Node;

use crate::helpers::{
    self, API_CLIENT, HIGH_LEVEL_CLIENT, HTTP_HOSTS, PRE_BUILT_TRANSPORT_CLIENT, REST_CLIENT,
    REST_CLIENT_TRANSPORT, REST5_CLIENT, REST5_CLIENT_TRANSPORT,
};

declare_rule! {
    /// ## What it does
    /// Flags Elasticsearch clients whose lifetime is wrong:
    /// - **error**: a client created once per record: in a Flink function's per-record method
    ///   (`invoke`, `map`, `flatMap`, `processElement`, `asyncInvoke`, …), in a per-element
    ///   lambda (`forEach`, `map`) or in a loop body, and closed or dropped there;
    /// - **warning**: a client that is never closed: held in a local that is only used for
    ///   calls, or in an instance field that no lifecycle method of its class (`close()`,
    ///   `@PreDestroy`, `destroy()`, `shutdown()`, …) closes;
    /// - **info**: a `RestClient.builder(..)` given a single hard-coded host
    ///   (`new HttpHost("10.1.2.3", 9200)`).
    ///
    /// The clients are the High Level REST Client (`new RestHighLevelClient(..)`), the
    /// low-level `RestClient` (`RestClient.builder(..).build()`, and the 9.x
    /// `Rest5Client.builder(..).build()`), the Java API Client (`new ElasticsearchClient(..)`,
    /// the 9.x `ElasticsearchClient.of(..)`) and the transport client
    /// (`new PreBuiltTransportClient(..)`). Each is recognised by its class, imported or
    /// written in full, never by a variable's name.
    ///
    /// It stays silent when the client is returned to the caller (a factory or a Spring
    /// `@Bean` method), handed to another owner (a low-level client passed to a
    /// `RestClientTransport`, a client passed to a constructor or stored in a collection),
    /// created in `open()` and closed in `close()`, or kept in a `static` field: a process-wide
    /// singleton is the usage the client documentation recommends. A Java API Client closed
    /// through its transport (`client._transport().close()`) counts as closed. A method named
    /// like a per-record method counts only in a file that uses Flink.
    ///
    /// ## Why is this bad?
    /// Every client owns a pool of HTTP connections and I/O threads: the client documentation
    /// says the low-level client "maintains a pool of connections and starts some threads", and
    /// that the client is thread-safe and meant to be created at startup and closed when the
    /// application is done with it. Creating one per record opens new connections (and a TLS
    /// handshake) for every element, starts and stops threads at the record rate, and leaves
    /// sockets in `TIME_WAIT`; the job spends its time connecting instead of indexing. A client
    /// that is never closed keeps its threads and connections until the JVM exits; in a Flink
    /// TaskManager, every restart of the task leaks one more.
    ///
    /// A single hard-coded host gives the client nothing to fail over to: the client rotates
    /// requests over the nodes it is given and retries on another node when one fails, so with
    /// one node every restart or failure of that node fails the job, and the address is baked
    /// into the build.
    ///
    /// ## Example
    /// ```java file=EventSink.java bad
    /// import org.apache.flink.streaming.api.functions.sink.RichSinkFunction;
    /// import org.apache.http.HttpHost;
    /// import org.elasticsearch.action.index.IndexRequest;
    /// import org.elasticsearch.client.RequestOptions;
    /// import org.elasticsearch.client.RestClient;
    /// import org.elasticsearch.client.RestHighLevelClient;
    ///
    /// public class EventSink extends RichSinkFunction<String> {
    ///     @Override
    ///     public void invoke(String json, Context context) throws Exception {
    ///         try (RestHighLevelClient client = new RestHighLevelClient(
    ///                 RestClient.builder(HttpHost.create(System.getenv("ES_HOSTS"))))) {
    ///             client.index(new IndexRequest("events").source(json), RequestOptions.DEFAULT);
    ///         }
    ///     }
    /// }
    /// ```
    ///
    /// Use instead:
    ///
    /// ```java file=EventSink.java good
    /// import org.apache.flink.configuration.Configuration;
    /// import org.apache.flink.streaming.api.functions.sink.RichSinkFunction;
    /// import org.apache.http.HttpHost;
    /// import org.elasticsearch.action.index.IndexRequest;
    /// import org.elasticsearch.client.RequestOptions;
    /// import org.elasticsearch.client.RestClient;
    /// import org.elasticsearch.client.RestHighLevelClient;
    ///
    /// public class EventSink extends RichSinkFunction<String> {
    ///     private transient RestHighLevelClient client;
    ///
    ///     @Override
    ///     public void open(Configuration parameters) {
    ///         client = new RestHighLevelClient(
    ///                 RestClient.builder(HttpHost.create(System.getenv("ES_HOSTS"))));
    ///     }
    ///
    ///     @Override
    ///     public void invoke(String json, Context context) throws Exception {
    ///         client.index(new IndexRequest("events").source(json), RequestOptions.DEFAULT);
    ///     }
    ///
    ///     @Override
    ///     public void close() throws Exception {
    ///         if (client != null) {
    ///             client.close();
    ///         }
    ///     }
    /// }
    /// ```
    ///
    /// ## How to fix
    /// Create one client per process (a Spring bean, a singleton) or per Flink subtask (in
    /// `open()`), reuse it for every request, and close it once: in `close()`, in a
    /// `@PreDestroy` method, or with try-with-resources around a whole batch job. In Flink,
    /// prefer the Elasticsearch connector's sink (`Elasticsearch7SinkBuilder`), which owns its
    /// client and sends bulk requests. Give the builder every node of the cluster, read from
    /// configuration, rather than one literal address.
    ///
    /// ## Options
    /// - `lint-test-sources` (boolean, default `false`): also lint test sources (`src/test/**`,
    ///   `*Test.java`, `*IT.java`, `*ITCase.java`), where short-lived clients are common.
    ///
    /// ## References
    /// - Java High Level REST Client, Initialization ("maintains a pool of connections and
    ///   starts some threads so you should close the high-level client when you are well and
    ///   truly done with it"):
    ///   <https://www.elastic.co/guide/en/elasticsearch/client/java-rest/7.17/java-rest-high-getting-started-initialization.html>
    /// - Java REST Client, Changing the client's initialization code (the client is
    ///   thread-safe, "typically instantiated by the application at startup time", and "must be
    ///   closed when it is not needed anymore"):
    ///   <https://www.elastic.co/guide/en/elasticsearch/client/java-rest/7.17/_changing_the_client_8217_s_initialization_code.html>
    /// - Java API Client, Connecting (one `RestClient`, transport and client per application):
    ///   <https://www.elastic.co/docs/reference/elasticsearch/clients/java/setup/connecting>
    /// - Flink, Elasticsearch connector:
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/connectors/datastream/elasticsearch/>
    pub EsClientLifecycle {
        code: "ELS003",
        name: "es-client-lifecycle",
        summary: "an Elasticsearch client is created per record, never closed, or given one hard-coded host",
        severity: Error,
        kinds: [Java],
        triggers: [
            "RestHighLevelClient",
            "RestClient",
            "Rest5Client",
            "ElasticsearchClient",
            "PreBuiltTransportClient",
        ],
        options: [TestSources::SKIP_BY_DEFAULT],
    }
}

impl Rule for EsClientLifecycle {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        if !helpers::mentions_elasticsearch(file) {
            return;
        }
        for node in file.nodes() {
            if let Some(client) = creation(file, node) {
                check_creation(file, cx, node, client);
            }
            if node.kind() == "method_invocation" {
                single_literal_host(file, cx, node);
            }
        }
    }
}

/// A client class the rule follows, as messages name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Client {
    HighLevel,
    LowLevel,
    LowLevel5,
    Api,
    Transport,
}

impl Client {
    const fn name(self) -> &'static str {
        match self {
            Self::HighLevel => "RestHighLevelClient",
            Self::LowLevel => "RestClient",
            Self::LowLevel5 => "Rest5Client",
            Self::Api => "ElasticsearchClient",
            Self::Transport => "PreBuiltTransportClient",
        }
    }
}

/// The client `node` creates, when it is a proven client creation.
fn creation(file: &JavaFile<'_>, node: Node<'_>) -> Option<Client> {
    match node.kind() {
        "object_creation_expression" => {
            let ty = file.text_of(node.child_by_field_name("type")?);
            if helpers::is_class(file, ty, HIGH_LEVEL_CLIENT) {
                Some(Client::HighLevel)
            } else if helpers::is_class(file, ty, API_CLIENT) {
                Some(Client::Api)
            } else if helpers::is_class(file, ty, PRE_BUILT_TRANSPORT_CLIENT) {
                Some(Client::Transport)
            } else {
                None
            }
        }
        "method_invocation" => {
            let name = helpers::method_name(file, node);
            if name == "build" {
                let builder = helpers::builder_of(file, node)?;
                let class = file.text_of(builder.child_by_field_name("object")?);
                return Some(if helpers::is_class(file, class, REST_CLIENT) {
                    Client::LowLevel
                } else {
                    Client::LowLevel5
                });
            }
            // The 9.x shortcut `ElasticsearchClient.of(b -> b.host(..))`.
            let on_class = node
                .child_by_field_name("object")
                .is_some_and(|o| helpers::is_class(file, file.text_of(o), API_CLIENT));
            (name == "of" && on_class).then_some(Client::Api)
        }
        _ => None,
    }
}

/// Methods of the transport client that return the client itself, so that
/// `new PreBuiltTransportClient(s).addTransportAddress(a)` is still the client.
const FLUENT_SELF: &[&str] = &["addTransportAddress", "addTransportAddresses"];

/// The outermost expression of `node` followed through calls that return the client itself.
fn through_fluent_calls<'t>(file: &JavaFile<'_>, node: Node<'t>, client: Client) -> Node<'t> {
    let mut current = node;
    if client != Client::Transport {
        return current;
    }
    for _ in 0..64 {
        let Some(parent) = current.parent() else {
            break;
        };
        let is_receiver = parent.kind() == "method_invocation"
            && parent.child_by_field_name("object") == Some(current)
            && FLUENT_SELF.contains(&helpers::method_name(file, parent));
        if !is_receiver {
            break;
        }
        current = parent;
    }
    current
}

fn check_creation(file: &JavaFile<'_>, cx: &mut Ctx<'_>, node: Node<'_>, client: Client) {
    let trace = lifetime::trace(file, through_fluent_calls(file, node, client));
    if let Some(context) = helpers::per_record_context(file, node)
        && dies_in_context(&trace)
    {
        report_per_record(file, cx, node, client, context);
        return;
    }
    if !trace.fate.is_leak() {
        return;
    }
    let holder = trace.holder;
    // A process-wide singleton: the documented usage, closed when the JVM exits.
    if let Some(h) = holder
        && h.is_field
        && is_static_field(file, h.declarator)
    {
        return;
    }
    if client == Client::Api
        && node.kind() == "object_creation_expression"
        && !owns_unclosed_chain(file, node, holder.map(|h| file.text_of(h.name)))
    {
        return;
    }
    let name = client.name();
    let span = JavaFile::span_of(node);
    match (trace.fate, holder) {
        (Fate::FieldNeverClosed, Some(h)) => {
            let field = file.text_of(h.name);
            cx.report(
                Severity::Warning,
                span,
                format!(
                    "field `{field}` holds an Elasticsearch `{name}` that no lifecycle method \
                     closes: its connection pool and I/O threads outlive the object"
                ),
            )
            .help(format!(
                "close it in this class's `close()` method: `if ({field} != null) {{ {field}.close(); }}`"
            ))
            .label(
                JavaFile::span_of(h.name),
                format!("`{field}` is declared here"),
            );
        }
        (_, Some(h)) => {
            let local = file.text_of(h.name);
            cx.report(
                Severity::Warning,
                span,
                format!(
                    "the Elasticsearch `{name}` stored in `{local}` is never closed: its \
                     connection pool and I/O threads stay alive"
                ),
            )
            .help(format!(
                "create the client once and share it, or close it: `try ({name} {local} = …) {{ … }}`"
            ));
        }
        (_, None) => {
            cx.report(
                Severity::Warning,
                span,
                format!(
                    "this Elasticsearch `{name}` is never closed: its connection pool and I/O \
                     threads stay alive"
                ),
            )
            .help("keep the client in a variable or field and close it when done, or share one client");
        }
    }
}

/// Whether a client created in a per-record context lives only for that record: closed,
/// leaked or used inline there. A client returned, handed to another owner or stored in a
/// field (lazy initialisation: `if (client == null) client = …`) is not created per record
/// for certain.
fn dies_in_context(trace: &Trace<'_>) -> bool {
    let in_field = trace.holder.is_some_and(|h| h.is_field);
    !in_field
        && matches!(
            trace.fate,
            Fate::Leaked
                | Fate::Closed
                | Fate::ClosedInFinally
                | Fate::TryWithResources
                | Fate::Cleanup
        )
}

fn report_per_record(
    file: &JavaFile<'_>,
    cx: &mut Ctx<'_>,
    node: Node<'_>,
    client: Client,
    context: Node<'_>,
) {
    let name = client.name();
    let (message, help) = if context.kind() == "method_declaration" {
        let method = helpers::describe_context(file, context);
        (
            format!(
                "an Elasticsearch `{name}` is created in {method}, once per record: each one \
                 opens its own connection pool and I/O threads"
            ),
            "create the client once in `open()`, reuse it for every record and close it in `close()`"
                .to_owned(),
        )
    } else if context.kind() == "lambda_expression" {
        let lambda = helpers::describe_context(file, context);
        (
            format!(
                "an Elasticsearch `{name}` is created in {lambda}, once per element: each one \
                 opens its own connection pool and I/O threads"
            ),
            "create the client once outside the lambda and reuse it".to_owned(),
        )
    } else {
        (
            format!(
                "an Elasticsearch `{name}` is created in a loop, once per iteration: each one \
                 opens its own connection pool and I/O threads"
            ),
            "create the client once before the loop and reuse it".to_owned(),
        )
    };
    let mut reported = cx.report(Severity::Error, JavaFile::span_of(node), message);
    reported.help(help);
    if context.kind() == "method_declaration"
        && let Some(method) = context.child_by_field_name("name")
    {
        reported.label(JavaFile::span_of(method), "runs once per record");
    }
}

fn is_static_field(file: &JavaFile<'_>, declarator: Node<'_>) -> bool {
    declarator
        .parent()
        .and_then(|d| scope::child_of_kind(d, "modifiers"))
        .is_some_and(|m| {
            let mut cursor = m.walk();
            m.children(&mut cursor).any(|c| file.text_of(c) == "static")
        })
}

/// Whether `new ElasticsearchClient(transport)` owns resources nobody closes. The Java API
/// Client holds no connections of its own: its transport does, through the low-level client
/// it wraps. So the client leaks only when the whole chain is created here, the transport
/// (`new RestClientTransport(restClient, mapper)`) and the low-level client
/// (`RestClient.builder(..).build()`), and the class closes none of the three: no
/// `x.close()`, `client._transport().close()`, close helper or try-with-resources on any of
/// them.
fn owns_unclosed_chain(file: &JavaFile<'_>, creation: Node<'_>, holder: Option<&str>) -> bool {
    let [transport] = fold::arguments(creation)[..] else {
        return false;
    };
    let Some((transport_name, transport_creation)) = created_here(file, transport) else {
        return false;
    };
    let transport_class = transport_creation
        .child_by_field_name("type")
        .map_or("", |t| file.text_of(t));
    if transport_creation.kind() != "object_creation_expression"
        || !helpers::is_any_class(
            file,
            transport_class,
            &[REST_CLIENT_TRANSPORT, REST5_CLIENT_TRANSPORT],
        )
    {
        return false;
    }
    let Some(&low_level) = fold::arguments(transport_creation).first() else {
        return false;
    };
    let Some((low_level_name, low_level_creation)) = created_here(file, low_level) else {
        return false;
    };
    if !helpers::builds_rest_client(file, low_level_creation) {
        return false;
    }
    let names: Vec<&str> = [holder, transport_name, low_level_name]
        .into_iter()
        .flatten()
        .collect();
    // Locals are closed in their method; a field anywhere in its class.
    let any_field = names
        .iter()
        .any(|name| scope::resolve(file, creation, name).is_none_or(|d| d.is_field));
    let within = if any_field {
        scope::enclosing_class(file, creation)
    } else {
        scope::enclosing_body(file, creation)
    };
    within.is_some_and(|within| !closes_any(file, within, &names))
}

/// The expression `expr` stands for when it is created in this class: itself, or the
/// initialiser of the local or field it names (with that name).
fn created_here<'t>(file: &'t JavaFile<'_>, expr: Node<'t>) -> Option<(Option<&'t str>, Node<'t>)> {
    match expr.kind() {
        "object_creation_expression" | "method_invocation" => Some((None, expr)),
        "identifier" => {
            let name = file.text_of(expr);
            let declaration = scope::resolve(file, expr, name)?;
            if let Some(value) = declaration.value {
                return Some((Some(name), value));
            }
            // A field assigned once in a constructor: `restClient = RestClient.builder(..).build();`
            let class = scope::enclosing_class(file, expr)?;
            let mut assigned = file
                .nodes_of_kind("assignment_expression")
                .filter(|a| {
                    a.start_byte() >= class.start_byte() && a.end_byte() <= class.end_byte()
                })
                .filter(|a| {
                    a.child_by_field_name("left").is_some_and(|l| {
                        let left = file.text_of(l);
                        left == name || left.strip_prefix("this.") == Some(name)
                    })
                });
            let first = assigned.next()?;
            if assigned.next().is_some() {
                return None;
            }
            Some((Some(name), first.child_by_field_name("right")?))
        }
        _ => None,
    }
}

/// Whether the code in `class` (a class or a method) closes any of the variables `names`: `x.close()`,
/// `x._transport().close()`, a close helper (`IOUtils.closeQuietly(x)`) or a
/// try-with-resources resource of that name.
fn closes_any(file: &JavaFile<'_>, class: Node<'_>, names: &[&str]) -> bool {
    let is_one_of = |n: Node<'_>| {
        let text = file.text_of(n);
        let text = text.strip_prefix("this.").unwrap_or(text);
        names.contains(&text)
    };
    let inside =
        |n: &Node<'_>| n.start_byte() >= class.start_byte() && n.end_byte() <= class.end_byte();
    let closed = file
        .nodes_of_kind("method_invocation")
        .filter(inside)
        .any(|call| {
            let name = helpers::method_name(file, call);
            let receiver = call.child_by_field_name("object");
            let direct = name == "close"
                && receiver.is_some_and(|r| {
                    is_one_of(r)
                        || (helpers::method_name(file, r) == "_transport"
                            && r.child_by_field_name("object").is_some_and(is_one_of))
                });
            let helper = lifetime::CLOSE_HELPERS.contains(&name)
                && fold::arguments(call).into_iter().any(is_one_of);
            direct || helper
        });
    closed
        || file.nodes_of_kind("resource").filter(inside).any(|r| {
            r.child_by_field_name("name").is_some_and(is_one_of)
                || r.named_child(0)
                    .is_some_and(|c| c.kind() == "identifier" && is_one_of(c))
        })
}

/// `RestClient.builder(new HttpHost("10.1.2.3", 9200))`: a builder given exactly one host, a
/// literal (or constant) address.
fn single_literal_host(file: &JavaFile<'_>, cx: &mut Ctx<'_>, call: Node<'_>) {
    if helpers::method_name(file, call) != "builder" {
        return;
    }
    let on_rest_client = call.child_by_field_name("object").is_some_and(|o| {
        helpers::is_any_class(file, file.text_of(o), &[REST_CLIENT, REST5_CLIENT])
    });
    if !on_rest_client {
        return;
    }
    let arguments = fold::arguments(call);
    let [host] = arguments.as_slice() else {
        return;
    };
    let Some(address) = literal_host(file, *host) else {
        return;
    };
    if !is_single_node(&address) {
        return;
    }
    cx.report(
        Severity::Info,
        JavaFile::span_of(*host),
        format!(
            "the Elasticsearch client is given the single hard-coded host `{address}`: there is \
             no other node to fail over to"
        ),
    )
    .help(
        "list several nodes of the cluster, read from configuration, in `RestClient.builder(..)`",
    );
}

/// Whether an address names one node for certain: an IP address or `localhost`. A host name
/// may well be a load-balanced endpoint (Elastic Cloud, a managed service, a Kubernetes
/// service) that fails over behind one name, so it is not reported.
fn is_single_node(address: &str) -> bool {
    let rest = address.split_once("://").map_or(address, |(_, rest)| rest);
    let host = rest.split('/').next().unwrap_or_default();
    let host = if let Some(v6) = host.strip_prefix('[') {
        v6.split(']').next().unwrap_or_default()
    } else if host.matches(':').count() > 1 {
        host
    } else {
        host.split(':').next().unwrap_or_default()
    };
    host.eq_ignore_ascii_case("localhost") || host.parse::<std::net::IpAddr>().is_ok()
}

/// The address of `new HttpHost("host", port[, scheme])`, `new HttpHost(scheme, "host", port)`
/// (HttpCore 5) or `HttpHost.create("http://host:port")` when the host is a literal or
/// constant string.
fn literal_host(file: &JavaFile<'_>, expr: Node<'_>) -> Option<String> {
    let certain = |e: Node<'_>| {
        fold::string(file, e)
            .filter(|f| f.certainty == Certainty::Certain)
            .map(|f| f.value)
    };
    match expr.kind() {
        "object_creation_expression" => {
            let ty = file.text_of(expr.child_by_field_name("type")?);
            if !helpers::is_any_class(file, ty, HTTP_HOSTS) {
                return None;
            }
            let arguments = fold::arguments(expr);
            let first = certain(*arguments.first()?)?;
            let (host, port) = if matches!(first.as_str(), "http" | "https") && arguments.len() == 3
            {
                (certain(*arguments.get(1)?)?, arguments.get(2))
            } else {
                (first, arguments.get(1))
            };
            let port = port.and_then(|p| fold::int(file, *p)).map(|p| p.value);
            Some(match port {
                Some(port) => format!("{host}:{port}"),
                None => host,
            })
        }
        "method_invocation" => {
            let on_http_host = expr
                .child_by_field_name("object")
                .is_some_and(|o| helpers::is_any_class(file, file.text_of(o), HTTP_HOSTS));
            if helpers::method_name(file, expr) != "create" || !on_http_host {
                return None;
            }
            let [uri] = fold::arguments(expr)[..] else {
                return None;
            };
            let uri = certain(uri)?;
            // Several comma-separated hosts in one string are not one host.
            (!uri.contains(',')).then_some(uri)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use bdl_syntax::check_one;

    use super::*;

    const IMPORTS: &str = "package com.example;\n\
        import org.apache.flink.streaming.api.functions.sink.RichSinkFunction;\n\
        import org.apache.http.HttpHost;\n\
        import org.elasticsearch.client.*;\n";

    /// (line, severity) of every finding for `class`, placed after [`IMPORTS`].
    fn found(class: &str) -> Vec<(u32, Severity)> {
        let src = format!("{IMPORTS}{class}");
        check_one(&EsClientLifecycle, "Job.java", &src)
            .iter()
            .map(|d| (d.start.line - 4, d.severity))
            .collect()
    }

    #[test]
    fn metadata_and_doc_examples() {
        let meta = EsClientLifecycle::META;
        assert_eq!(meta.code, "ELS003");
        let docs = meta.documentation();
        let block = |marker: &str| -> String {
            let start = docs.find(marker).expect(marker) + marker.len();
            let end = docs[start..].find("```").expect("closing fence") + start;
            docs[start..end].to_owned()
        };
        let bad = block("```java file=EventSink.java bad\n");
        let good = block("```java file=EventSink.java good\n");
        let bad_found = check_one(&EsClientLifecycle, "EventSink.java", &bad);
        assert_eq!(bad_found.len(), 1, "{bad_found:?}");
        assert_eq!(bad_found[0].severity, Severity::Error);
        assert!(check_one(&EsClientLifecycle, "EventSink.java", &good).is_empty());
    }

    #[test]
    fn client_per_record_names_the_method() {
        let class = "class Sink extends RichSinkFunction<String> {\n\
            public void invoke(String v, Context c) throws Exception {\n\
                RestHighLevelClient client = new RestHighLevelClient(RestClient.builder(hosts));\n\
                client.index(req(v), RequestOptions.DEFAULT);\n\
                client.close();\n\
            }\n\
        }\n";
        assert_eq!(found(class), [(3, Severity::Error)]);
        let src = format!("{IMPORTS}{class}");
        let d = &check_one(&EsClientLifecycle, "Sink.java", &src)[0];
        assert_eq!(
            d.message,
            "an Elasticsearch `RestHighLevelClient` is created in `invoke`, once per record: \
             each one opens its own connection pool and I/O threads"
        );
        assert_eq!(d.labels.len(), 1);
        assert_eq!(d.labels[0].start.line - 4, 2);
    }

    #[test]
    fn open_and_close_is_silent_and_lazy_init_is_not_per_record() {
        let class = "class Sink extends RichSinkFunction<String> {\n\
            private transient RestHighLevelClient client;\n\
            private transient RestHighLevelClient lazy;\n\
            public void open(org.apache.flink.configuration.Configuration p) { client = new RestHighLevelClient(RestClient.builder(hosts)); }\n\
            public void invoke(String v, Context c) throws Exception {\n\
                if (lazy == null) { lazy = new RestHighLevelClient(RestClient.builder(hosts)); }\n\
                client.index(req(v), RequestOptions.DEFAULT);\n\
            }\n\
            public void close() throws Exception { client.close(); lazy.close(); }\n\
        }\n";
        assert!(found(class).is_empty(), "{:?}", found(class));
    }

    #[test]
    fn unclosed_local_and_field() {
        let class = "class Tool {\n\
            private RestHighLevelClient client = new RestHighLevelClient(RestClient.builder(hosts));\n\
            private static RestHighLevelClient shared = new RestHighLevelClient(RestClient.builder(hosts));\n\
            void run() throws Exception {\n\
                RestHighLevelClient local = new RestHighLevelClient(RestClient.builder(hosts));\n\
                local.ping(RequestOptions.DEFAULT);\n\
                client.ping(RequestOptions.DEFAULT);\n\
            }\n\
        }\n";
        assert_eq!(
            found(class),
            [(2, Severity::Warning), (5, Severity::Warning)]
        );
    }

    #[test]
    fn returned_handed_over_and_try_with_resources_are_fine() {
        let class = "class Config {\n\
            RestHighLevelClient client() { return new RestHighLevelClient(RestClient.builder(hosts)); }\n\
            co.elastic.clients.elasticsearch.ElasticsearchClient api() {\n\
                RestClient rest = RestClient.builder(hosts).build();\n\
                var transport = new co.elastic.clients.transport.rest_client.RestClientTransport(rest, mapper);\n\
                return new co.elastic.clients.elasticsearch.ElasticsearchClient(transport);\n\
            }\n\
            void once() throws Exception {\n\
                try (RestHighLevelClient c = new RestHighLevelClient(RestClient.builder(hosts))) { c.ping(RequestOptions.DEFAULT); }\n\
            }\n\
        }\n";
        assert!(found(class).is_empty(), "{:?}", found(class));
    }

    #[test]
    fn loops_and_lambdas() {
        let class = "class Loader {\n\
            void load(java.util.List<String> urls, java.util.Map<String, RestHighLevelClient> byCluster) throws Exception {\n\
                for (String url : urls) {\n\
                    try (RestClient c = RestClient.builder(HttpHost.create(url)).build()) { c.performRequest(r); }\n\
                    byCluster.put(url, new RestHighLevelClient(RestClient.builder(HttpHost.create(url))));\n\
                }\n\
                urls.forEach(u -> new RestHighLevelClient(RestClient.builder(HttpHost.create(u))).ping(RequestOptions.DEFAULT));\n\
            }\n\
        }\n";
        assert_eq!(found(class), [(4, Severity::Error), (7, Severity::Error)]);
    }

    #[test]
    fn per_record_names_need_flink() {
        let src = "package com.example;\nimport org.elasticsearch.client.*;\n\
            class Service {\n\
                void process(String v) throws Exception {\n\
                    try (RestHighLevelClient c = new RestHighLevelClient(RestClient.builder(hosts))) { c.ping(RequestOptions.DEFAULT); }\n\
                }\n\
            }\n";
        assert!(check_one(&EsClientLifecycle, "Service.java", src).is_empty());
    }

    #[test]
    fn api_client_leaks_only_with_its_whole_chain() {
        let src = "package com.example;\n\
            import co.elastic.clients.elasticsearch.ElasticsearchClient;\n\
            import co.elastic.clients.transport.rest_client.RestClientTransport;\n\
            import org.elasticsearch.client.RestClient;\n\
            class Repo {\n\
                private final RestClient rest;\n\
                private final ElasticsearchClient client;\n\
                Repo(co.elastic.clients.transport.ElasticsearchTransport given) {\n\
                    rest = RestClient.builder(hosts).build();\n\
                    client = new ElasticsearchClient(new RestClientTransport(rest, mapper));\n\
                    new ElasticsearchClient(given).info();\n\
                }\n\
                public void shutdown() throws Exception { rest.close(); }\n\
                static void leak() throws Exception {\n\
                    RestClient low = RestClient.builder(hosts).build();\n\
                    RestClientTransport transport = new RestClientTransport(low, mapper);\n\
                    ElasticsearchClient es = new ElasticsearchClient(transport);\n\
                    es.info();\n\
                }\n\
                static void scoped() throws Exception {\n\
                    try (RestClient low = RestClient.builder(hosts).build()) {\n\
                        ElasticsearchClient es = new ElasticsearchClient(new RestClientTransport(low, mapper));\n\
                        es.info();\n\
                    }\n\
                }\n\
                static void viaTransport() throws Exception {\n\
                    ElasticsearchClient es = new ElasticsearchClient(new RestClientTransport(RestClient.builder(hosts).build(), mapper));\n\
                    es.info();\n\
                    es._transport().close();\n\
                }\n\
            }\n";
        let found = check_one(&EsClientLifecycle, "Repo.java", src);
        let lines: Vec<u32> = found.iter().map(|d| d.start.line).collect();
        assert_eq!(lines, [17], "{found:?}");
        assert!(found[0].message.contains("`es`"));
    }

    #[test]
    fn transport_client_through_its_fluent_setters() {
        let src = "package com.example;\n\
            import org.elasticsearch.client.Client;\n\
            import org.elasticsearch.transport.client.PreBuiltTransportClient;\n\
            class Connection {\n\
                private Client client;\n\
                Connection(java.net.InetAddress host) {\n\
                    client = new PreBuiltTransportClient(settings).addTransportAddress(address(host));\n\
                }\n\
                public void close() { client.close(); }\n\
                static void leak() { new PreBuiltTransportClient(settings).addTransportAddress(a).prepareSearch(); }\n\
            }\n";
        let found = check_one(&EsClientLifecycle, "Connection.java", src);
        let lines: Vec<u32> = found.iter().map(|d| d.start.line).collect();
        assert_eq!(lines, [10], "{found:?}");
    }

    #[test]
    fn single_hard_coded_host_is_info() {
        let class = "class Config {\n\
            static final String HOST = \"10.1.2.3\";\n\
            RestHighLevelClient a() { return new RestHighLevelClient(RestClient.builder(new HttpHost(\"10.1.2.3\", 9200))); }\n\
            RestHighLevelClient b() { return new RestHighLevelClient(RestClient.builder(new HttpHost(HOST, 9200, \"http\"))); }\n\
            RestHighLevelClient c() { return new RestHighLevelClient(RestClient.builder(HttpHost.create(\"http://localhost:9200\"))); }\n\
            RestHighLevelClient d() { return new RestHighLevelClient(RestClient.builder(new HttpHost(\"es1\", 9200), new HttpHost(\"es2\", 9200))); }\n\
            RestHighLevelClient e(String host) { return new RestHighLevelClient(RestClient.builder(new HttpHost(host, 9200))); }\n\
            RestHighLevelClient f(HttpHost[] hosts) { return new RestHighLevelClient(RestClient.builder(hosts)); }\n\
            RestHighLevelClient g() { return new RestHighLevelClient(RestClient.builder(HttpHost.create(\"https://my-deployment.es.example.cloud:443\"))); }\n\
            RestHighLevelClient h() { return new RestHighLevelClient(RestClient.builder(new HttpHost(\"\", 9200))); }\n\
        }\n";
        assert_eq!(
            found(class),
            [
                (3, Severity::Info),
                (4, Severity::Info),
                (5, Severity::Info)
            ]
        );
        let src = format!("{IMPORTS}{class}");
        let d = &check_one(&EsClientLifecycle, "Config.java", &src)[0];
        assert_eq!(
            d.message,
            "the Elasticsearch client is given the single hard-coded host `10.1.2.3:9200`: there \
             is no other node to fail over to"
        );
    }

    #[test]
    fn unproven_classes_are_silent() {
        let src = "package com.example;\nimport org.elasticsearch.action.index.IndexRequest;\n\
            class RestHighLevelClient {}\n\
            class Job extends org.apache.flink.streaming.api.functions.sink.RichSinkFunction<String> {\n\
                public void invoke(String v, Context c) { new RestHighLevelClient().toString(); RestClient.builder(h).build().toString(); }\n\
            }\n";
        assert!(check_one(&EsClientLifecycle, "Job.java", src).is_empty());
    }

    #[test]
    fn never_panics_on_broken_input() {
        for src in [
            "import org.elasticsearch.client.*; class { void invoke(String v) { new RestHighLevelClient(",
            "import org.elasticsearch.client.*; RestClient.builder(new HttpHost(",
            "import org.elasticsearch.client.*; class A { B b = RestClient.builder().build() }",
            "org.elasticsearch. RestClient",
            "",
        ] {
            let _ = check_one(&EsClientLifecycle, "Job.java", src);
        }
    }
}
