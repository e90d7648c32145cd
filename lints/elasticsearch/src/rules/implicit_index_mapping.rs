use bdl_core::{Ctx, RuleMeta, Severity, TestSources, declare_rule};
use bdl_syntax::java::fold::{self, Certainty};
use bdl_syntax::java::{chain, scope};
use bdl_syntax::{JavaFile, Rule};
use tree_sitter::Node;

use crate::helpers::{self, API_CLIENT};

/// The High Level REST Client's create-index request (7.x).
const HL_CREATE_INDEX: &str = "org.elasticsearch.client.indices.CreateIndexRequest";
/// The server-side create-index request, used by the transport client and the 6.x High Level
/// REST Client.
const ACTION_CREATE_INDEX: &str =
    "org.elasticsearch.action.admin.indices.create.CreateIndexRequest";
/// The Java API Client's create-index request.
const API_CREATE_INDEX: &str = "co.elastic.clients.elasticsearch.indices.CreateIndexRequest";
/// The Java API Client's asynchronous client.
const API_ASYNC_CLIENT: &str = "co.elastic.clients.elasticsearch.ElasticsearchAsyncClient";
/// The Java API Client's `indices()` namespaces.
const API_INDICES_CLIENTS: &[&str] = &[
    "co.elastic.clients.elasticsearch.indices.ElasticsearchIndicesClient",
    "co.elastic.clients.elasticsearch.indices.ElasticsearchIndicesAsyncClient",
];

/// Calls on a create-index request or builder that give the index its mappings (the whole
/// body for `source` / `withJson` / `setSource`).
const MAPPING_CALLS: &[&str] = &[
    "mapping",
    "mappings",
    "source",
    "withJson",
    "addMapping",
    "setMapping",
    "setSource",
];
/// Calls that put the index behind an alias: rollover and alias-managed indices take their
/// mappings from index templates, which the project may keep anywhere.
const ALIAS_CALLS: &[&str] = &["alias", "aliases", "addAlias"];
/// Calls that send a transport-client request builder.
const EXECUTE_CALLS: &[&str] = &["get", "execute"];
/// Calls that send a create-index request: `indices().create(request, options)` and its
/// asynchronous form.
const CREATE_CALLS: &[&str] = &["create", "createAsync"];

/// Words whose presence anywhere in a file shows it manages mappings or templates itself:
/// the put-mapping and template APIs of every client (`putMapping`, `PutMappingRequest`,
/// `preparePutMapping`, `putTemplate`, `PutIndexTemplateRequest`, `putIndexTemplate`,
/// `PutComposableIndexTemplateRequest`, `putComponentTemplate`, …) and the REST paths of the
/// low-level client (`/_mapping`, `/_template`, `/_index_template`, `/_component_template`).
const MANAGES_MAPPINGS: &[&str] = &[
    "putMapping",
    "PutMapping",
    "putTemplate",
    "PutTemplate",
    "IndexTemplate",
    "ComponentTemplate",
    "_mapping",
    "_template",
];

/// How many variable hops and chain links a request is followed through.
const MAX_STEPS: usize = 64;

declare_rule! {
    /// ## What it does
    /// Flags an Elasticsearch index that the code creates, under a name it spells out, without
    /// mappings:
    /// - `new CreateIndexRequest("orders")` (High Level REST Client, 6.x and 7.x) sent with
    ///   `indices().create(request, options)` and given no `mapping(..)` / `source(..)`;
    /// - `client.indices().create(c -> c.index("orders"))` (Java API Client, also through
    ///   `CreateIndexRequest.of(..)`) without `mappings(..)` / `withJson(..)`;
    /// - `client.admin().indices().prepareCreate("orders").get()` (transport client) without
    ///   `addMapping(..)` / `setMapping(..)` / `setSource(..)`.
    ///
    /// Mappings are usually managed outside the code (index templates applied by operations,
    /// Kibana, a migration tool), so the rule reports only what the file proves, at `info`:
    /// - the index name is a string literal or a constant that folds (a name computed at run
    ///   time is not reported); date-math names (`<logs-{now/d}>`), patterns and rollover
    ///   bootstrap names (`logs-000001`) are not reported, nor an index created with an alias:
    ///   those are managed with templates;
    /// - the request is followed from its creation to the call that sends it (through local
    ///   variables); if it is passed anywhere else, returned or stored, the rule is silent,
    ///   since other code may add mappings;
    /// - the file must not manage mappings or templates in any other way: any put-mapping or
    ///   index/component template API (`putMapping`, `PutMappingRequest`, `putTemplate`,
    ///   `PutIndexTemplateRequest`, `putIndexTemplate`, `putComponentTemplate`, …), a low-level
    ///   request to `/_mapping` or `/_template`, or a JSON mapping literal (`"properties"`)
    ///   silences the whole file.
    ///
    /// Not seen: templates or mappings defined in other files of the project, in resources
    /// (`src/main/resources/*template*.json`) or on the cluster. That is why the finding is
    /// `info`.
    ///
    /// ## Why is this bad?
    /// An index created without mappings maps each field the first time a document carries it
    /// (dynamic mapping), and a field's type cannot be changed afterwards without a reindex. The
    /// guesses are often wrong for the queries that follow: every string becomes `text` with a
    /// `keyword` sub-field (twice the indexing work, and aggregations need `.keyword`), a string
    /// that looks like a date becomes a `date` and the next document with another format is
    /// rejected, a number first seen as `long` truncates later decimals. Every new key of a
    /// free-form map becomes a new field until `index.mapping.total_fields.limit` (1000) stops
    /// the writes: a mapping explosion. Elasticsearch's guidance is to define explicit mappings
    /// for the fields you know, at index creation or in an index template.
    ///
    /// ## Example
    /// ```java file=OrderIndex.java bad
    /// import co.elastic.clients.elasticsearch.ElasticsearchClient;
    /// import java.io.IOException;
    ///
    /// public class OrderIndex {
    ///     private final ElasticsearchClient client;
    ///
    ///     public OrderIndex(ElasticsearchClient client) {
    ///         this.client = client;
    ///     }
    ///
    ///     public void ensureIndex() throws IOException {
    ///         client.indices().create(c -> c.index("orders"));
    ///     }
    /// }
    /// ```
    ///
    /// Use instead:
    ///
    /// ```java file=OrderIndex.java good
    /// import co.elastic.clients.elasticsearch.ElasticsearchClient;
    /// import java.io.IOException;
    ///
    /// public class OrderIndex {
    ///     private final ElasticsearchClient client;
    ///
    ///     public OrderIndex(ElasticsearchClient client) {
    ///         this.client = client;
    ///     }
    ///
    ///     public void ensureIndex() throws IOException {
    ///         client.indices().create(c -> c
    ///                 .index("orders")
    ///                 .mappings(m -> m
    ///                         .dynamic(co.elastic.clients.elasticsearch._types.mapping.DynamicMapping.Strict)
    ///                         .properties("orderId", p -> p.keyword(k -> k))
    ///                         .properties("placedAt", p -> p.date(d -> d))
    ///                         .properties("total", p -> p.scaledFloat(f -> f.scalingFactor(100.0)))));
    ///     }
    /// }
    /// ```
    ///
    /// ## How to fix
    /// Give the index its mappings where it is created (`mappings(..)` in the Java API Client,
    /// `mapping(..)` on the High Level REST Client's request, `setMapping(..)` on the transport
    /// client's builder), for instance from a JSON resource, or put an index template that
    /// matches the index name before the first write. Set `dynamic` to `strict` (or `false`) for
    /// documents whose fields you know. If the mapping is managed elsewhere on purpose, suppress
    /// the finding with a comment saying where.
    ///
    /// ## Options
    /// - `lint-test-sources` (boolean, default `false`): also lint test sources, which create
    ///   throwaway indices on purpose.
    ///
    /// ## References
    /// - Elasticsearch, Mapping (dynamic and explicit mapping):
    ///   <https://www.elastic.co/docs/manage-data/data-store/mapping>
    /// - Elasticsearch, Dynamic field mapping (how types are guessed):
    ///   <https://www.elastic.co/docs/manage-data/data-store/mapping/dynamic-field-mapping>
    /// - Elasticsearch, Mapping limit settings (`index.mapping.total_fields.limit`, mapping
    ///   explosion):
    ///   <https://www.elastic.co/docs/reference/elasticsearch/index-settings/mapping-limit>
    /// - Elasticsearch, Index templates:
    ///   <https://www.elastic.co/docs/manage-data/data-store/templates>
    pub ImplicitIndexMapping {
        code: "ELS005",
        name: "implicit-index-mapping",
        summary: "an Elasticsearch index is created without mappings",
        severity: Info,
        kinds: [Java],
        triggers: ["CreateIndexRequest", "prepareCreate", "indices()"],
        options: [TestSources::SKIP_BY_DEFAULT],
    }
}

impl Rule for ImplicitIndexMapping {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        if !helpers::mentions_elasticsearch(file) || manages_mappings(file) {
            return;
        }
        let mut found: Vec<Node<'_>> = Vec::new();
        for creation in file.nodes_of_kind("object_creation_expression") {
            let is_request = creation.child_by_field_name("type").is_some_and(|t| {
                helpers::is_any_class(
                    file,
                    file.text_of(t),
                    &[HL_CREATE_INDEX, ACTION_CREATE_INDEX],
                )
            });
            if !is_request {
                continue;
            }
            let [name] = fold::arguments(creation)[..] else {
                continue;
            };
            if sent_without_mapping(file, creation, Sent::ByCreate) {
                found.push(name);
            }
        }
        for call in file.nodes_of_kind("method_invocation") {
            match helpers::method_name(file, call) {
                "prepareCreate" if on_admin_indices(file, call) => {
                    if let [name] = fold::arguments(call)[..]
                        && sent_without_mapping(file, call, Sent::ByExecute)
                    {
                        found.push(name);
                    }
                }
                "create" if on_api_indices(file, call) => {
                    // `indices().create(c -> c.index("x"))`.
                    if let [lambda] = fold::arguments(call)[..]
                        && let Some(name) = lambda_index_name(file, lambda)
                    {
                        found.push(name);
                    }
                }
                "of" => {
                    // `CreateIndexRequest.of(c -> c.index("x"))`, sent by `create(..)`.
                    let is_request = call.child_by_field_name("object").is_some_and(|o| {
                        helpers::is_class(file, file.text_of(o), API_CREATE_INDEX)
                    });
                    if is_request
                        && let [lambda] = fold::arguments(call)[..]
                        && let Some(name) = lambda_index_name(file, lambda)
                        && sent_without_mapping(file, call, Sent::ByCreate)
                    {
                        found.push(name);
                    }
                }
                _ => {}
            }
        }
        found.sort_by_key(Node::start_byte);
        for name in found {
            report(file, cx, name);
        }
    }
}

/// Whether the file manages mappings or templates itself (see [`MANAGES_MAPPINGS`]), or
/// holds a mapping's `"properties"` key (a JSON string, a text block, a map being built).
fn manages_mappings(file: &JavaFile<'_>) -> bool {
    let text = file.text();
    MANAGES_MAPPINGS.iter().any(|w| text.contains(w))
        || text.contains("\"properties\"")
        || text.contains("\\\"properties\\\"")
}

/// How a request is sent.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sent {
    /// Passed to `create(..)` / `createAsync(..)`.
    ByCreate,
    /// A builder finished with `get()` / `execute()`.
    ByExecute,
}

/// Whether the request made by `start` is sent and never given mappings or an alias: every
/// call on it (through its chain and the local variables that hold it) is neither a mapping
/// nor an alias call, it is sent at least once, and it goes nowhere else.
fn sent_without_mapping(file: &JavaFile<'_>, start: Node<'_>, how: Sent) -> bool {
    let mut sent = false;
    // Expressions that hold the request, to follow.
    let mut pending = vec![start];
    let mut steps = 0;
    while let Some(expr) = pending.pop() {
        steps += 1;
        if steps > MAX_STEPS {
            return false;
        }
        // Up the call chain: `new CreateIndexRequest("x").settings(s)`.
        let mut node = expr;
        loop {
            let Some(parent) = node.parent() else {
                return false;
            };
            match parent.kind() {
                "parenthesized_expression" => node = parent,
                "method_invocation"
                    if parent.child_by_field_name("object").map(|o| o.id()) == Some(node.id()) =>
                {
                    let name = helpers::method_name(file, parent);
                    if MAPPING_CALLS.contains(&name) || ALIAS_CALLS.contains(&name) {
                        return false;
                    }
                    if how == Sent::ByExecute && EXECUTE_CALLS.contains(&name) {
                        sent = true;
                        break;
                    }
                    // A call that returns something else than the builder (`indices()` on a
                    // request, `toString()`) would end the chain; builders return themselves.
                    node = parent;
                    steps += 1;
                    if steps > MAX_STEPS {
                        return false;
                    }
                }
                "argument_list" => {
                    let to_create = parent.parent().is_some_and(|call| {
                        call.kind() == "method_invocation"
                            && CREATE_CALLS.contains(&helpers::method_name(file, call))
                            && fold::arguments(call).first().map(Node::id) == Some(node.id())
                    });
                    if how == Sent::ByCreate && to_create {
                        sent = true;
                        break;
                    }
                    return false;
                }
                "variable_declarator" => {
                    let Some(uses) = local_uses(file, parent) else {
                        return false;
                    };
                    pending.extend(uses);
                    break;
                }
                // A statement of its own: built and dropped (or sent, for a builder chain
                // that ended above).
                "expression_statement" => break,
                _ => return false,
            }
        }
    }
    sent
}

/// The uses of the local variable that `declarator` declares, when every use is a plain read
/// (never assigned again); `None` for a field or a reassigned variable.
fn local_uses<'t>(file: &'t JavaFile<'_>, declarator: Node<'t>) -> Option<Vec<Node<'t>>> {
    let name_node = declarator.child_by_field_name("name")?;
    let name = file.text_of(name_node);
    let declaration = declarator.parent()?;
    if declaration.kind() != "local_variable_declaration" {
        return None;
    }
    let body = scope::enclosing_body(file, declarator)?;
    if !scope::never_reassigned(file, body, name) {
        return None;
    }
    let uses: Vec<Node<'t>> = file
        .identifiers_named_in(name, body.start_byte()..body.end_byte())
        .filter(|i| i.id() != name_node.id())
        // A method or field of the same spelling (`Settings.builder()`) is not a read.
        .filter(|i| {
            i.parent().is_none_or(|p| {
                let member = match p.kind() {
                    "method_invocation" => p.child_by_field_name("name"),
                    "field_access" => p.child_by_field_name("field"),
                    _ => None,
                };
                member.is_none_or(|m| m.id() != i.id())
            })
        })
        .filter(|i| scope::resolve(file, *i, name).is_some_and(|d| d.node.id() == declarator.id()))
        .collect();
    Some(uses)
}

/// `x.admin().indices().prepareCreate(..)`: the transport client's indices admin client.
fn on_admin_indices(file: &JavaFile<'_>, call: Node<'_>) -> bool {
    let Some(indices) = call.child_by_field_name("object") else {
        return false;
    };
    helpers::method_name(file, indices) == "indices"
        && indices
            .child_by_field_name("object")
            .is_some_and(|admin| helpers::method_name(file, admin) == "admin")
}

/// `client.indices().create(..)` with `client` a Java API Client, or `create(..)` on a
/// variable of the Java API Client's indices namespace.
fn on_api_indices(file: &JavaFile<'_>, call: Node<'_>) -> bool {
    let Some(object) = call.child_by_field_name("object") else {
        return false;
    };
    if helpers::method_name(file, object) == "indices" {
        return object
            .child_by_field_name("object")
            .is_some_and(|client| helpers::is_of(file, client, &[API_CLIENT, API_ASYNC_CLIENT]));
    }
    helpers::is_of(file, object, API_INDICES_CLIENTS)
}

/// The index name argument of a create-index builder lambda `c -> c.index("x")…` that sets
/// no mappings and no alias; `None` when the lambda is anything else (a block body, a chain
/// not on its parameter, an unknown name).
fn lambda_index_name<'t>(file: &JavaFile<'_>, lambda: Node<'t>) -> Option<Node<'t>> {
    if lambda.kind() != "lambda_expression" {
        return None;
    }
    let parameters = lambda.child_by_field_name("parameters")?;
    let parameter = match parameters.kind() {
        "identifier" => parameters,
        "inferred_parameters" | "formal_parameters" => {
            if parameters.named_child_count() != 1 {
                return None;
            }
            let only = parameters.named_child(0)?;
            match only.kind() {
                "identifier" => only,
                _ => only.child_by_field_name("name")?,
            }
        }
        _ => return None,
    };
    let body = scope::unparenthesize(lambda.child_by_field_name("body")?)?;
    if body.kind() != "method_invocation" {
        return None;
    }
    let root = chain::root(body)?;
    if root.kind() != "identifier" || file.text_of(root) != file.text_of(parameter) {
        return None;
    }
    // The calls from the parameter outwards.
    let mut calls = Vec::new();
    let mut current = Some(body);
    while let Some(call) = current.filter(|c| c.kind() == "method_invocation") {
        calls.push(call);
        if calls.len() > MAX_STEPS {
            return None;
        }
        current = call.child_by_field_name("object");
    }
    let mut name = None;
    for call in calls {
        let method = helpers::method_name(file, call);
        if MAPPING_CALLS.contains(&method) || ALIAS_CALLS.contains(&method) {
            return None;
        }
        if method == "index" {
            let [argument] = fold::arguments(call)[..] else {
                return None;
            };
            name = Some(argument);
        }
    }
    name
}

/// The index name `name` folds to, when it is one the rule reports: a certain value that is
/// not date math, a pattern or a rollover bootstrap name.
fn reportable_name(file: &JavaFile<'_>, name: Node<'_>) -> Option<String> {
    let folded = fold::string(file, name).filter(|f| f.certainty == Certainty::Certain)?;
    let value = folded.value;
    if value.is_empty() || value.starts_with('<') || value.contains(['*', ',', '{']) {
        return None;
    }
    // `logs-000001`: the first index of a rollover alias, mapped by its template.
    let digits = value
        .rsplit_once('-')
        .map(|(_, tail)| tail)
        .filter(|t| t.len() >= 6 && t.bytes().all(|b| b.is_ascii_digit()));
    if digits.is_some() {
        return None;
    }
    Some(value)
}

fn report(file: &JavaFile<'_>, cx: &mut Ctx<'_>, name: Node<'_>) {
    let Some(index) = reportable_name(file, name) else {
        return;
    };
    let shown: String = if index.chars().count() > 80 {
        index.chars().take(77).chain("...".chars()).collect()
    } else {
        index
    };
    cx.report(
        Severity::Info,
        JavaFile::span_of(name),
        format!(
            "index `{shown}` is created without mappings: Elasticsearch guesses each field's \
             type from the first document that has it (dynamic mapping), and a wrong guess \
             needs a reindex"
        ),
    )
    .help(format!(
        "define the mappings where `{shown}` is created, or in an index template that matches it"
    ));
}

#[cfg(test)]
mod tests {
    use bdl_syntax::check_one;

    use super::*;

    fn found(src: &str) -> Vec<(u32, String)> {
        check_one(&ImplicitIndexMapping, "Indexes.java", src)
            .iter()
            .map(|d| (d.start.line, d.span.slice(src).to_owned()))
            .collect()
    }

    #[test]
    fn doc_examples_behave() {
        let docs = ImplicitIndexMapping::META.documentation();
        let block = |marker: &str| -> String {
            let start = docs.find(marker).expect(marker) + marker.len();
            let end = docs[start..].find("```").expect("closing fence") + start;
            docs[start..end].to_owned()
        };
        let bad = block("```java file=OrderIndex.java bad\n");
        let good = block("```java file=OrderIndex.java good\n");
        let bad_found = check_one(&ImplicitIndexMapping, "OrderIndex.java", &bad);
        assert_eq!(bad_found.len(), 1);
        assert_eq!(bad_found[0].severity, Severity::Info);
        assert_eq!(
            bad_found[0].message,
            "index `orders` is created without mappings: Elasticsearch guesses each field's \
             type from the first document that has it (dynamic mapping), and a wrong guess \
             needs a reindex"
        );
        assert!(check_one(&ImplicitIndexMapping, "OrderIndex.java", &good).is_empty());
    }

    const HLRC: &str = "import org.elasticsearch.client.RequestOptions;\n\
        import org.elasticsearch.client.RestHighLevelClient;\n\
        import org.elasticsearch.client.indices.CreateIndexRequest;\n";

    #[test]
    fn high_level_requests() {
        let src = format!(
            "{HLRC}class A {{\n\
             static final String USERS = \"users\";\n\
             RestHighLevelClient client;\n\
             void a() throws Exception {{\n\
                 CreateIndexRequest r = new CreateIndexRequest(\"user\");\n\
                 r.settings(s);\n\
                 client.indices().create(r, RequestOptions.DEFAULT);\n\
             }}\n\
             void b() throws Exception {{\n\
                 client.indices().create(new CreateIndexRequest(USERS).settings(s), RequestOptions.DEFAULT);\n\
             }}\n\
             void c(String name) throws Exception {{\n\
                 client.indices().create(new CreateIndexRequest(name), RequestOptions.DEFAULT);\n\
             }}\n\
             }}\n"
        );
        assert_eq!(
            found(&src),
            [(8, "\"user\"".to_owned()), (13, "USERS".to_owned())]
        );
    }

    #[test]
    fn mapping_alias_or_escape_is_silent() {
        let cases = [
            // A mapping on the variable.
            "CreateIndexRequest r = new CreateIndexRequest(\"a\"); r.mapping(m, XContentType.JSON); client.indices().create(r, RequestOptions.DEFAULT);",
            // The whole body.
            "CreateIndexRequest r = new CreateIndexRequest(\"a\").source(json, XContentType.JSON); client.indices().create(r, RequestOptions.DEFAULT);",
            // An alias: managed with templates.
            "CreateIndexRequest r = new CreateIndexRequest(\"a\"); r.alias(new Alias(\"b\")); client.indices().create(r, RequestOptions.DEFAULT);",
            // Passed to a helper that may add mappings.
            "CreateIndexRequest r = new CreateIndexRequest(\"a\"); addMappings(r); client.indices().create(r, RequestOptions.DEFAULT);",
            // Returned.
            "return new CreateIndexRequest(\"a\");",
            // Never sent here.
            "CreateIndexRequest r = new CreateIndexRequest(\"a\");",
            // Reassigned.
            "CreateIndexRequest r = new CreateIndexRequest(\"a\"); r = other(); client.indices().create(r, RequestOptions.DEFAULT);",
            // Rollover bootstrap, date math, pattern.
            "client.indices().create(new CreateIndexRequest(\"logs-000001\"), RequestOptions.DEFAULT);",
            "client.indices().create(new CreateIndexRequest(\"<logs-{now/d}>\"), RequestOptions.DEFAULT);",
        ];
        for body in cases {
            let src = format!(
                "{HLRC}class A {{ RestHighLevelClient client; Object m() throws Exception {{ {body} return null; }} }}\n"
            );
            assert!(found(&src).is_empty(), "{body}: {:?}", found(&src));
        }
    }

    #[test]
    fn file_that_manages_templates_is_silent() {
        for extra in [
            "void t() throws Exception { client.indices().putTemplate(new PutIndexTemplateRequest(\"t\"), RequestOptions.DEFAULT); }",
            "void t() throws Exception { client.indices().putMapping(p, RequestOptions.DEFAULT); }",
            "void t() throws Exception { low.performRequest(new Request(\"PUT\", \"/a/_mapping\")); }",
            "static final String M = \"{\\\"properties\\\":{}}\";",
        ] {
            let src = format!(
                "{HLRC}class A {{ RestHighLevelClient client;\n\
                 void m() throws Exception {{ client.indices().create(new CreateIndexRequest(\"a\"), RequestOptions.DEFAULT); }}\n\
                 {extra} }}\n"
            );
            assert!(found(&src).is_empty(), "{extra}");
        }
    }

    #[test]
    fn java_api_client() {
        let src = "import co.elastic.clients.elasticsearch.ElasticsearchClient;\n\
            import co.elastic.clients.elasticsearch.indices.CreateIndexRequest;\n\
            class A {\n\
            private static final String INDEX = \"sessions\";\n\
            private final ElasticsearchClient client;\n\
            void a() throws Exception {\n\
                client.indices().create(c -> c.index(INDEX));\n\
                client.indices().create(c -> c.index(\"b\").settings(s -> s.numberOfShards(\"1\")));\n\
                client.indices().create(CreateIndexRequest.of(c -> c.index(\"c\")));\n\
                client.indices().create(c -> c.index(\"d\").mappings(m -> m.properties(\"x\", p -> p.keyword(k -> k))));\n\
                client.indices().create(c -> c.index(\"e\").withJson(reader));\n\
                client.indices().create(c -> { c.index(\"f\"); return c; });\n\
                client.indices().create(c -> other.index(\"g\"));\n\
                registry.indices().create(c -> c.index(\"h\"));\n\
            }\n\
            }\n";
        assert_eq!(
            found(src),
            [
                (7, "INDEX".to_owned()),
                (8, "\"b\"".to_owned()),
                (9, "\"c\"".to_owned())
            ]
        );
    }

    #[test]
    fn transport_client() {
        let src = "import org.elasticsearch.client.Client;\n\
            import org.elasticsearch.action.admin.indices.create.CreateIndexRequestBuilder;\n\
            class A {\n\
            Client client;\n\
            void a() {\n\
                client.admin().indices().prepareCreate(\"news\").setSettings(s).get();\n\
                CreateIndexRequestBuilder b = client.admin().indices().prepareCreate(\"db\");\n\
                b.execute().actionGet();\n\
                client.admin().indices().prepareCreate(\"m\").addMapping(\"t\", json).get();\n\
                client.admin().indices().prepareCreate(\"n\").setMapping(\"f\", \"type=keyword\").get();\n\
                client.admin().indices().prepareCreate(\"unsent\");\n\
                cache.prepareCreate(\"x\").get();\n\
            }\n\
            }\n";
        assert_eq!(
            found(src),
            [(6, "\"news\"".to_owned()), (7, "\"db\"".to_owned())]
        );
    }

    #[test]
    fn without_elasticsearch_nothing() {
        // OpenSearch's client has the same classes under another package.
        let src = "import org.opensearch.client.indices.CreateIndexRequest;\n\
            import org.opensearch.client.RequestOptions;\n\
            class A { void m() throws Exception { client.indices().create(new CreateIndexRequest(\"a\"), RequestOptions.DEFAULT); } }\n";
        assert!(found(src).is_empty());
    }
}
