use bdl_core::{Ctx, Product, RuleMeta, Severity, Span, Version, declare_rule};
use bdl_syntax::java::fold;
use bdl_syntax::{JavaFile, Rule};
use tree_sitter::Node;

use crate::helpers::{self, HIGH_LEVEL_CLIENT, PRE_BUILT_TRANSPORT_CLIENT, TRANSPORT_CLIENT};

declare_rule! {
    /// ## What it does
    /// Flags Elasticsearch Java APIs that have no 8.x release:
    /// - the High Level REST Client, `org.elasticsearch.client.RestHighLevelClient`
    ///   (deprecated in 7.15.0);
    /// - the transport client, `org.elasticsearch.client.transport.TransportClient` and
    ///   `org.elasticsearch.transport.client.PreBuiltTransportClient` (deprecated in 7.0.0,
    ///   removed in 8.0);
    /// - mapping types: `new IndexRequest(index, type[, id])`, `new DeleteRequest(index, type,
    ///   id)`, `new UpdateRequest(index, type, id)`, `new GetRequest(index, type, id)`, a
    ///   `.type(..)` call on such a request, and the `include_type_name` parameter (types were
    ///   deprecated in 7.0 and removed in 8.0).
    ///
    /// A class is reported once per file, at its import (or its first use when it is not
    /// imported by name). When the project's Elasticsearch client version is known (from
    /// `pom.xml` / Gradle, or `target:`) and older than the deprecation, the finding is info:
    /// the API still works there, but it blocks the upgrade.
    ///
    /// ## Why is this bad?
    /// Elasticsearch 8.0 removed the transport client and mapping types, and the High Level
    /// REST Client was never released for 8.x: its documentation carries "Deprecated in
    /// 7.15.0. The Java REST Client is deprecated in favor of the Java API Client." Code built
    /// on these APIs cannot move to an 8.x or 9.x client, and running the 7.x client against a
    /// newer cluster depends on compatibility headers and gets no fixes. Every such call is
    /// work the migration to the Java API Client has to redo.
    ///
    /// ## Example
    /// ```java file=OrderIndexer.java bad
    /// import org.elasticsearch.action.index.IndexRequest;
    /// import org.elasticsearch.client.RequestOptions;
    /// import org.elasticsearch.client.RestHighLevelClient;
    ///
    /// class OrderIndexer {
    ///     void save(RestHighLevelClient client, String id, String json) throws Exception {
    ///         client.index(new IndexRequest("orders").id(id).source(json), RequestOptions.DEFAULT);
    ///     }
    /// }
    /// ```
    ///
    /// Use instead:
    ///
    /// ```java file=OrderIndexer.java good
    /// import co.elastic.clients.elasticsearch.ElasticsearchClient;
    ///
    /// class OrderIndexer {
    ///     void save(ElasticsearchClient client, String id, Order order) throws Exception {
    ///         client.index(i -> i.index("orders").id(id).document(order));
    ///     }
    /// }
    /// ```
    ///
    /// ## How to fix
    /// Move to the Java API Client (`co.elastic.clients:elasticsearch-java`,
    /// `co.elastic.clients.elasticsearch.ElasticsearchClient`). It can share the low-level
    /// `RestClient` with the High Level REST Client during the migration, so the code can move
    /// one call at a time. Drop mapping types: remove the type argument and `.type(..)` calls
    /// (documents live under `_doc`), and remove `include_type_name`.
    ///
    /// ## Options
    /// None.
    ///
    /// ## References
    /// - Java High Level REST Client, Migration guide ("Deprecated in 7.15.0. The Java REST
    ///   Client is deprecated in favor of the Java API Client"):
    ///   <https://www.elastic.co/guide/en/elasticsearch/client/java-rest/7.17/java-rest-high-level-migration.html>
    /// - Transport client Javadoc (`PreBuiltTransportClient`: "TransportClient is deprecated in
    ///   favour of the High Level REST client and will be removed in Elasticsearch 8.0"):
    ///   <https://artifacts.elastic.co/javadoc/org/elasticsearch/client/transport/7.15.2/deprecated-list.html>
    /// - Elasticsearch, Removal of mapping types ("Elasticsearch 8.0.0 no longer supports
    ///   mapping types"):
    ///   <https://www.elastic.co/guide/en/elasticsearch/reference/8.19/removal-of-types.html>
    /// - Java API Client, Migrating from the High Level Rest Client:
    ///   <https://www.elastic.co/docs/reference/elasticsearch/clients/java/transport/rest-client/migrate-hlrc>
    pub DeprecatedEsClientApi {
        code: "ELS002",
        name: "deprecated-es-client-api",
        summary: "an Elasticsearch Java API that has no 8.x release is used",
        severity: Warning,
        kinds: [Java],
        triggers: [
            "RestHighLevelClient",
            "TransportClient",
            "IndexRequest",
            "DeleteRequest",
            "UpdateRequest",
            "GetRequest",
            "include_type_name",
        ],
        options: [],
    }
}

/// The request classes whose constructors and `type(..)` took a mapping type.
const INDEX_REQUEST: &str = "org.elasticsearch.action.index.IndexRequest";
const DELETE_REQUEST: &str = "org.elasticsearch.action.delete.DeleteRequest";
const UPDATE_REQUEST: &str = "org.elasticsearch.action.update.UpdateRequest";
const GET_REQUEST: &str = "org.elasticsearch.action.get.GetRequest";
const REQUESTS: &str = "org.elasticsearch.client.Requests";

/// A deprecated class: its name, the version that deprecated it, and what to use instead.
struct Deprecated {
    fqn: &'static str,
    simple: &'static str,
    since: Version,
    what: &'static str,
}

const CLASSES: &[Deprecated] = &[
    Deprecated {
        fqn: HIGH_LEVEL_CLIENT,
        simple: "RestHighLevelClient",
        since: Version::new(7, 15),
        what: "deprecated since Elasticsearch 7.15.0 and never released for 8.x",
    },
    Deprecated {
        fqn: TRANSPORT_CLIENT,
        simple: "TransportClient",
        since: Version::new(7, 0),
        what: "deprecated since Elasticsearch 7.0.0 and removed in 8.0",
    },
    Deprecated {
        fqn: PRE_BUILT_TRANSPORT_CLIENT,
        simple: "PreBuiltTransportClient",
        since: Version::new(7, 0),
        what: "deprecated since Elasticsearch 7.0.0 and removed in 8.0",
    },
];

/// Mapping types were deprecated in 7.0.0 and removed in 8.0.
const TYPES_SINCE: Version = Version::new(7, 0);

/// Methods of an index request (and its builder helpers) that return the request itself, so a
/// `.type(..)` after them is still the request's.
const REQUEST_SETTERS: &[&str] = &[
    "index",
    "type",
    "id",
    "source",
    "routing",
    "opType",
    "create",
    "version",
    "versionType",
    "setPipeline",
    "timeout",
    "setRefreshPolicy",
    "doc",
    "upsert",
    "docAsUpsert",
    "retryOnConflict",
    "parent",
];

impl Rule for DeprecatedEsClientApi {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        if !helpers::mentions_elasticsearch(file) {
            return;
        }
        for class in CLASSES {
            if let Some(node) = first_use(file, class) {
                report_class(file, cx, node, class);
            }
        }
        for node in file.nodes() {
            match node.kind() {
                "object_creation_expression" => typed_constructor(file, cx, node),
                "method_invocation" => type_call(file, cx, node),
                "string_literal"
                    if fold::string_literal(file, node).as_deref() == Some("include_type_name") =>
                {
                    report_types(
                        cx,
                        JavaFile::span_of(node),
                        "the `include_type_name` parameter is about mapping types, which \
                         Elasticsearch deprecated in 7.0 and removed in 8.0",
                        "remove the parameter: from 7.0 on mappings have no type",
                    );
                }
                _ => {}
            }
        }
    }
}

/// The import of `class` by name, or else the first type written that names it.
fn first_use<'t>(file: &'t JavaFile<'_>, class: &Deprecated) -> Option<Node<'t>> {
    if file.imports().iter().any(|i| i == class.fqn) {
        return file.nodes_of_kind("import_declaration").find(|import| {
            let text: String = file
                .text_of(*import)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            text.trim_start_matches("import")
                .trim_end_matches(';')
                .eq(class.fqn)
        });
    }
    file.nodes()
        .filter(|n| matches!(n.kind(), "type_identifier" | "scoped_type_identifier"))
        .filter(|n| {
            // The outermost name of a qualified type, not its parts.
            n.parent()
                .is_none_or(|p| p.kind() != "scoped_type_identifier")
        })
        .find(|n| {
            let text = file.text_of(*n);
            text.ends_with(class.simple) && helpers::is_class(file, text, class.fqn)
        })
}

fn report_class(file: &JavaFile<'_>, cx: &mut Ctx<'_>, node: Node<'_>, class: &Deprecated) {
    let (level, suffix) = severity(cx, class.since);
    let simple = class.simple;
    let what = class.what;
    let help = if class.fqn == HIGH_LEVEL_CLIENT {
        "migrate to the Java API Client, `co.elastic.clients.elasticsearch.ElasticsearchClient`"
    } else {
        "migrate to the Java API Client, `co.elastic.clients.elasticsearch.ElasticsearchClient` (over HTTP, port 9200)"
    };
    cx.report(
        level,
        JavaFile::span_of(node),
        format!("`{simple}` is {what}{suffix}"),
    )
    .help(help)
    .anchor(format!("{} {}", file.package_name(), class.fqn));
}

/// Warning, or info with a note when the target version predates the deprecation.
fn severity(cx: &Ctx<'_>, since: Version) -> (Severity, String) {
    match cx.target(Product::Elasticsearch) {
        Some(target) if target.version < since => (
            Severity::Info,
            format!(
                " (the project uses {} from {}; it blocks the upgrade)",
                target.text, target.source
            ),
        ),
        _ => (Severity::Warning, String::new()),
    }
}

/// `new IndexRequest(index, type[, id])` and the three-argument `DeleteRequest`,
/// `UpdateRequest`, `GetRequest` constructors.
fn typed_constructor(file: &JavaFile<'_>, cx: &mut Ctx<'_>, node: Node<'_>) {
    let Some(ty) = node.child_by_field_name("type") else {
        return;
    };
    let ty = file.text_of(ty);
    let arity = helpers::arity(node);
    let class = if helpers::is_class(file, ty, INDEX_REQUEST) && matches!(arity, 2 | 3) {
        "IndexRequest"
    } else if arity == 3 {
        if helpers::is_class(file, ty, DELETE_REQUEST) {
            "DeleteRequest"
        } else if helpers::is_class(file, ty, UPDATE_REQUEST) {
            "UpdateRequest"
        } else if helpers::is_class(file, ty, GET_REQUEST) {
            "GetRequest"
        } else {
            return;
        }
    } else {
        return;
    };
    // The type is the second argument; a non-string second argument is another overload.
    let arguments = fold::arguments(node);
    if arguments.get(1).is_some_and(|a| {
        !matches!(
            a.kind(),
            "string_literal"
                | "identifier"
                | "field_access"
                | "method_invocation"
                | "binary_expression"
        )
    }) {
        return;
    }
    report_types(
        cx,
        JavaFile::span_of(node),
        &format!(
            "`new {class}(..)` with {arity} arguments names a mapping type, which Elasticsearch \
             deprecated in 7.0 and removed in 8.0"
        ),
        "drop the type argument: `new IndexRequest(index).id(id)`",
    );
}

/// `.type(..)` on an index, delete, update or get request.
fn type_call(file: &JavaFile<'_>, cx: &mut Ctx<'_>, call: Node<'_>) {
    if helpers::method_name(file, call) != "type" || helpers::arity(call) != 1 {
        return;
    }
    let Some(receiver) = call.child_by_field_name("object") else {
        return;
    };
    if !is_request(file, receiver) {
        return;
    }
    // From `type` on: in a long chain, the call's own line.
    let start = call
        .child_by_field_name("name")
        .map_or(call.start_byte(), |n| n.start_byte());
    report_types(
        cx,
        Span::new(start, call.end_byte()),
        "`.type(..)` sets a mapping type, which Elasticsearch deprecated in 7.0 and removed in 8.0",
        "remove the `.type(..)` call: from 7.0 on documents have no type",
    );
}

/// Whether `expr` is an index, delete, update or get request: declared or created as one, or a
/// chain of the request's own setters on one (`Requests.indexRequest().index(i)`).
fn is_request(file: &JavaFile<'_>, expr: Node<'_>) -> bool {
    let classes = [INDEX_REQUEST, DELETE_REQUEST, UPDATE_REQUEST, GET_REQUEST];
    let mut current = expr;
    for _ in 0..64 {
        if current.kind() != "method_invocation" {
            return helpers::is_of(file, current, &classes);
        }
        let name = helpers::method_name(file, current);
        let on = current.child_by_field_name("object");
        if matches!(
            name,
            "indexRequest" | "deleteRequest" | "updateRequest" | "getRequest"
        ) {
            return on.is_some_and(|o| helpers::is_class(file, file.text_of(o), REQUESTS));
        }
        if !REQUEST_SETTERS.contains(&name) {
            return helpers::is_of(file, current, &classes);
        }
        let Some(on) = on else {
            return false;
        };
        current = on;
    }
    false
}

fn report_types(cx: &mut Ctx<'_>, span: Span, message: &str, help: &str) {
    let (level, suffix) = severity(cx, TYPES_SINCE);
    cx.report(level, span, format!("{message}{suffix}"))
        .help(help);
}

#[cfg(test)]
mod tests {
    use bdl_core::{Target, TargetSource, Targets};
    use bdl_syntax::{check_one, check_one_with_targets};

    use super::*;

    fn messages(src: &str) -> Vec<(u32, String)> {
        check_one(&DeprecatedEsClientApi, "Job.java", src)
            .iter()
            .map(|d| (d.start.line, d.message.clone()))
            .collect()
    }

    #[test]
    fn classes_once_per_file_at_the_import() {
        let src = "package a;\n\
            import org.elasticsearch.client.RestHighLevelClient;\n\
            import org.elasticsearch.client.transport.TransportClient;\n\
            import org.elasticsearch.transport.client.PreBuiltTransportClient;\n\
            class Job { RestHighLevelClient a; RestHighLevelClient b; TransportClient c = new PreBuiltTransportClient(s); }\n";
        let found = messages(src);
        assert_eq!(
            found,
            [
                (
                    2,
                    "`RestHighLevelClient` is deprecated since Elasticsearch 7.15.0 and never \
                     released for 8.x"
                        .to_owned()
                ),
                (
                    3,
                    "`TransportClient` is deprecated since Elasticsearch 7.0.0 and removed in 8.0"
                        .to_owned()
                ),
                (
                    4,
                    "`PreBuiltTransportClient` is deprecated since Elasticsearch 7.0.0 and \
                     removed in 8.0"
                        .to_owned()
                ),
            ]
        );
    }

    #[test]
    fn on_demand_import_and_full_name() {
        let src = "package a;\nimport org.elasticsearch.client.*;\n\
            class Job {\n String s;\n RestHighLevelClient a;\n }\n";
        assert_eq!(messages(src).iter().map(|m| m.0).collect::<Vec<_>>(), [5]);
        let src = "package a;\nclass Job {\n org.elasticsearch.client.RestHighLevelClient a;\n }\n";
        assert_eq!(messages(src).iter().map(|m| m.0).collect::<Vec<_>>(), [3]);
        // An own class of that name.
        let src = "package a;\nimport org.elasticsearch.client.*;\nclass RestHighLevelClient {}\nclass Job { RestHighLevelClient a; }\n";
        assert!(messages(src).is_empty());
    }

    #[test]
    fn mapping_types() {
        let src = "package a;\n\
            import org.elasticsearch.action.index.IndexRequest;\n\
            import org.elasticsearch.action.delete.DeleteRequest;\n\
            import org.elasticsearch.action.get.GetRequest;\n\
            import org.elasticsearch.client.Requests;\n\
            class Job {\n\
                void a(String id) {\n\
                    new IndexRequest(\"i\", \"_doc\", id);\n\
                    new IndexRequest(\"i\", \"_doc\");\n\
                    new IndexRequest(\"i\").id(id);\n\
                    new DeleteRequest(\"i\", \"_doc\", id);\n\
                    new GetRequest(\"i\", id);\n\
                    Requests.indexRequest().index(\"i\").type(\"t\").source(m);\n\
                    IndexRequest r = new IndexRequest(\"i\"); r.type(\"t\");\n\
                    search.type(\"t\");\n\
                    params.put(\"include_type_name\", \"true\");\n\
                }\n\
            }\n";
        let lines: Vec<u32> = messages(src).iter().map(|m| m.0).collect();
        assert_eq!(lines, [8, 9, 11, 13, 14, 16]);
    }

    #[test]
    fn known_older_target_is_info() {
        let src = "package a;\nimport org.elasticsearch.client.RestHighLevelClient;\nclass Job { RestHighLevelClient a; }\n";
        let mut targets = Targets::NONE;
        targets.set(
            Product::Elasticsearch,
            Target {
                version: Version::new(7, 10),
                text: "7.10.2".to_owned(),
                source: TargetSource::CommandLine,
            },
        );
        let found = check_one_with_targets(&DeprecatedEsClientApi, "Job.java", src, &targets);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Info);
        assert_eq!(
            found[0].message,
            "`RestHighLevelClient` is deprecated since Elasticsearch 7.15.0 and never released \
             for 8.x (the project uses 7.10.2 from --target; it blocks the upgrade)"
        );
    }

    #[test]
    fn files_without_elasticsearch_are_silent() {
        let src = "package a;\nclass Job { void a() { new IndexRequest(\"i\", \"t\", \"1\"); x.type(\"t\"); } }\n";
        assert!(messages(src).is_empty());
    }
}
