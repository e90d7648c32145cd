//! Receiver evidence for Elasticsearch client code: which written types and expressions are
//! provably Elasticsearch clients, requests or Flink Elasticsearch sink builders. Shared by the
//! ELS rules; a rule that cannot prove a receiver stays silent.

use bdl_syntax::JavaFile;
use bdl_syntax::java::facts;
use bdl_syntax::java::per_record::per_record;
use bdl_syntax::java::scope;
use tree_sitter::Node;

/// The High Level REST Client, deprecated in 7.15.0 and gone from 8.x.
pub(crate) const HIGH_LEVEL_CLIENT: &str = "org.elasticsearch.client.RestHighLevelClient";
/// The low-level REST client every 7.x client (and the 8.x Java API Client) is built on.
pub(crate) const REST_CLIENT: &str = "org.elasticsearch.client.RestClient";
/// The Java API Client (8.x, 9.x).
pub(crate) const API_CLIENT: &str = "co.elastic.clients.elasticsearch.ElasticsearchClient";
/// The Java API Client's transport over the low-level `RestClient` (8.x).
pub(crate) const REST_CLIENT_TRANSPORT: &str =
    "co.elastic.clients.transport.rest_client.RestClientTransport";
/// The Java API Client's transport over the 9.x `Rest5Client`.
pub(crate) const REST5_CLIENT_TRANSPORT: &str =
    "co.elastic.clients.transport.rest5_client.Rest5ClientTransport";
/// The 9.x low-level client.
pub(crate) const REST5_CLIENT: &str =
    "co.elastic.clients.transport.rest5_client.low_level.Rest5Client";
/// The transport client, deprecated in 7.0.0 and removed in 8.0.
pub(crate) const TRANSPORT_CLIENT: &str = "org.elasticsearch.client.transport.TransportClient";
/// The transport client with its plugins, deprecated with it.
pub(crate) const PRE_BUILT_TRANSPORT_CLIENT: &str =
    "org.elasticsearch.transport.client.PreBuiltTransportClient";
/// Apache HttpClient 4 (7.x/8.x clients) and HttpCore 5 (9.x `Rest5Client`) hosts.
pub(crate) const HTTP_HOSTS: &[&str] = &[
    "org.apache.http.HttpHost",
    "org.apache.hc.core5.http.HttpHost",
];

/// How many wrappers, variables and calls a type proof looks through.
const MAX_STEPS: usize = 16;

/// Whether the type written as `written` (simple, qualified or nested, generics ignored) is
/// the class `fqn`: written fully qualified, imported by name, or imported on demand while no
/// other class of that simple name is imported by name or declared in the file.
///
/// A nested class is given as `outer.Inner` with its outer class's full name
/// (`org.apache.flink.streaming.connectors.elasticsearch7.ElasticsearchSink.Builder`) and may be
/// written `ElasticsearchSink.Builder` with the outer class imported.
pub(crate) fn is_class(file: &JavaFile<'_>, written: &str, fqn: &str) -> bool {
    let compact: String = written
        .split('<')
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if compact.is_empty() {
        return false;
    }
    if compact == fqn {
        return true;
    }
    // `Outer.Inner` with `Outer` imported, for nested classes.
    if let Some((outer_written, inner)) = compact.split_once('.')
        && !inner.contains('.')
        && outer_written.starts_with(|c: char| c.is_ascii_uppercase())
    {
        return fqn
            .strip_suffix(inner)
            .and_then(|outer| outer.strip_suffix('.'))
            .is_some_and(|outer| is_top_level(file, outer_written, outer));
    }
    if compact.contains('.') {
        return false;
    }
    is_top_level(file, &compact, fqn)
}

/// [`is_class`] for a simple name `simple` and a top-level class `fqn`.
fn is_top_level(file: &JavaFile<'_>, simple: &str, fqn: &str) -> bool {
    let Some((package, name)) = fqn.rsplit_once('.') else {
        return false;
    };
    if simple != name {
        return false;
    }
    let imports = file.imports();
    if imports.iter().any(|i| i == fqn) {
        return true;
    }
    let other_by_name = imports
        .iter()
        .any(|i| !i.ends_with(".*") && i.rsplit('.').next() == Some(simple));
    if other_by_name || scope::class_named(file, simple).is_some() {
        return false;
    }
    let on_demand = format!("{package}.*");
    imports.contains(&on_demand)
        // The file's own package: a class of the same package needs no import.
        || file.package_name() == package
}

/// Whether the written type is one of `fqns`.
pub(crate) fn is_any_class(file: &JavaFile<'_>, written: &str, fqns: &[&str]) -> bool {
    fqns.iter().any(|fqn| is_class(file, written, fqn))
}

/// Whether the expression `expr` is provably of one of the classes `fqns`: a local, parameter
/// or field declared with it (or `var` initialised with such an expression), `new C(..)`, a
/// cast to it, a call of a method of the same class declared to return it, or a call or field
/// of a class of another file of the project declared with it. `RestClient.builder(..).build()`
/// counts as a `RestClient`.
pub(crate) fn is_of(file: &JavaFile<'_>, expr: Node<'_>, fqns: &[&str]) -> bool {
    let mut expr = expr;
    for _ in 0..MAX_STEPS {
        match expr.kind() {
            "parenthesized_expression" => {
                let Some(inner) = expr.named_child(0) else {
                    return false;
                };
                expr = inner;
            }
            "cast_expression" | "object_creation_expression" => {
                return expr
                    .child_by_field_name("type")
                    .is_some_and(|t| is_any_class(file, file.text_of(t), fqns));
            }
            "identifier" => {
                let Some(declaration) = scope::resolve(file, expr, file.text_of(expr)) else {
                    return false;
                };
                let written = declaration.ty.map(|t| file.text_of(t));
                match (written, declaration.value) {
                    (Some("var") | None, Some(value)) => expr = value,
                    (Some(t), _) => return is_any_class(file, t, fqns),
                    (None, None) => return false,
                }
            }
            "field_access" => {
                let on_this = expr
                    .child_by_field_name("object")
                    .is_some_and(|o| o.kind() == "this");
                let field = expr.child_by_field_name("field").map(|f| file.text_of(f));
                let (true, Some(field)) = (on_this, field) else {
                    return external(file, expr, fqns);
                };
                return scope::enclosing_class(file, expr)
                    .and_then(|class| scope::field_named(file, class, field))
                    .and_then(|d| d.ty)
                    .is_some_and(|t| is_any_class(file, file.text_of(t), fqns));
            }
            "method_invocation" => {
                return ((fqns.contains(&REST_CLIENT) || fqns.contains(&REST5_CLIENT))
                    && builds_rest_client(file, expr))
                    || scope::own_method_returns(file, expr, |t| is_any_class(file, t, fqns))
                    || external(file, expr, fqns);
            }
            _ => return false,
        }
    }
    false
}

/// `RestClient.builder(..).build()` (or the 9.x `Rest5Client.builder(..).build()`), with any
/// builder settings between.
pub(crate) fn builds_rest_client(file: &JavaFile<'_>, call: Node<'_>) -> bool {
    builder_of(file, call).is_some()
}

/// The `RestClient.builder(..)` / `Rest5Client.builder(..)` call a `build()` call finishes.
pub(crate) fn builder_of<'t>(file: &JavaFile<'_>, call: Node<'t>) -> Option<Node<'t>> {
    if method_name(file, call) != "build" {
        return None;
    }
    let mut current = call.child_by_field_name("object");
    for _ in 0..64 {
        let node = current?;
        if node.kind() != "method_invocation" {
            return None;
        }
        if method_name(file, node) == "builder" {
            return node
                .child_by_field_name("object")
                .filter(|o| is_any_class(file, file.text_of(*o), &[REST_CLIENT, REST5_CLIENT]))
                .map(|_| node);
        }
        current = node.child_by_field_name("object");
    }
    None
}

/// A call or field of a class of another file declared with one of `fqns`.
fn external(file: &JavaFile<'_>, expr: Node<'_>, fqns: &[&str]) -> bool {
    facts::external_type(file, expr).is_some_and(|t| fqns.iter().any(|fqn| t.is(fqn)))
}

/// The name of a `method_invocation`, or `""`.
pub(crate) fn method_name<'a>(file: &JavaFile<'a>, call: Node<'_>) -> &'a str {
    bdl_syntax::java::chain::method_name(file, call)
}

/// The number of arguments of a call or object creation.
pub(crate) fn arity(call: Node<'_>) -> usize {
    bdl_syntax::java::fold::arguments(call).len()
}

/// The name of the method or lambda-taking call a per-record context is, for messages:
/// `invoke`, `a loop`, `the lambda of forEach`.
pub(crate) fn describe_context(file: &JavaFile<'_>, context: Node<'_>) -> String {
    match context.kind() {
        "method_declaration" => context.child_by_field_name("name").map_or_else(
            || "a per-record method".to_owned(),
            |n| format!("`{}`", file.text_of(n)),
        ),
        "lambda_expression" => context
            .parent()
            .and_then(|args| args.parent())
            .filter(|call| call.kind() == "method_invocation")
            .map_or_else(
                || "a per-element lambda".to_owned(),
                |call| format!("the lambda of `{}`", method_name(file, call)),
            ),
        _ => "a loop".to_owned(),
    }
}

/// The per-record context `node` runs in: a loop body, a per-element lambda (`forEach`,
/// `map`), or a per-record method of a Flink function (see [`per_record`]).
pub(crate) fn per_record_context<'t>(file: &'t JavaFile<'_>, node: Node<'t>) -> Option<Node<'t>> {
    per_record(file, node).map(|p| p.node())
}

/// Whether the file names anything of an Elasticsearch client or connector: an import from
/// `org.elasticsearch`, `co.elastic.clients` or the Flink Elasticsearch connectors, or such a
/// fully qualified name.
pub(crate) fn mentions_elasticsearch(file: &JavaFile<'_>) -> bool {
    file.imports_from("org.elasticsearch")
        || file.imports_from("co.elastic.clients")
        || file.imports_from("org.apache.flink.connector.elasticsearch")
        || file.imports_from("org.apache.flink.streaming.connectors.elasticsearch")
        || file.mentions("org.elasticsearch.")
        || file.mentions("co.elastic.clients.")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether the receiver of the first call named `method` is one of `fqns`.
    fn receiver_is(src: &str, method: &str, fqns: &[&str]) -> bool {
        let file = JavaFile::parse(src).expect("parses");
        let call = file
            .nodes_of_kind("method_invocation")
            .find(|n| method_name(&file, *n) == method)
            .expect("the call");
        let receiver = call.child_by_field_name("object").expect("receiver");
        is_of(&file, receiver, fqns)
    }

    #[test]
    fn client_evidence() {
        let hl = &[HIGH_LEVEL_CLIENT];
        let import = "import org.elasticsearch.client.RestHighLevelClient;\n";
        assert!(receiver_is(
            &format!("{import}class A {{ void m(RestHighLevelClient c) {{ c.index(r, o); }} }}"),
            "index",
            hl
        ));
        assert!(receiver_is(
            &format!(
                "{import}class A {{ private RestHighLevelClient c; void m() {{ this.c.index(r, o); }} }}"
            ),
            "index",
            hl
        ));
        assert!(receiver_is(
            "import org.elasticsearch.client.*;\nclass A { void m() { var c = new RestHighLevelClient(b); c.index(r, o); } }",
            "index",
            hl
        ));
        assert!(receiver_is(
            &format!(
                "{import}class A {{ RestHighLevelClient client() {{ return null; }} void m() {{ client().index(r, o); }} }}"
            ),
            "index",
            hl
        ));
        assert!(receiver_is(
            "class A { void m(Object o) { ((org.elasticsearch.client.RestHighLevelClient) o).index(r, x); } }",
            "index",
            hl
        ));
        assert!(receiver_is(
            "import org.elasticsearch.client.RestClient;\nclass A { void m() { RestClient.builder(h).setPathPrefix(\"/es\").build().performRequest(r); } }",
            "performRequest",
            &[REST_CLIENT]
        ));
    }

    #[test]
    fn no_evidence_no_client() {
        let hl = &[HIGH_LEVEL_CLIENT];
        // No import.
        assert!(!receiver_is(
            "class A { void m(RestHighLevelClient c) { c.index(r, o); } }",
            "index",
            hl
        ));
        // An own class of that name wins over the wildcard.
        assert!(!receiver_is(
            "import org.elasticsearch.client.*;\nclass RestHighLevelClient {}\nclass A { void m(RestHighLevelClient c) { c.index(r, o); } }",
            "index",
            hl
        ));
        // A variable's name proves nothing.
        assert!(!receiver_is(
            "import org.elasticsearch.client.*;\nclass A { void m(Object restHighLevelClient) { restHighLevelClient.index(r, o); } }",
            "index",
            hl
        ));
        assert!(!receiver_is(
            "import org.elasticsearch.client.*;\nclass A { void m() { registry().index(r, o); } }",
            "index",
            hl
        ));
    }

    #[test]
    fn nested_classes() {
        let src = "import org.apache.flink.streaming.connectors.elasticsearch7.ElasticsearchSink;\nclass A {}";
        let file = JavaFile::parse(src).expect("parses");
        let fqn = "org.apache.flink.streaming.connectors.elasticsearch7.ElasticsearchSink.Builder";
        assert!(is_class(&file, "ElasticsearchSink.Builder<String>", fqn));
        assert!(is_class(&file, fqn, fqn));
        assert!(!is_class(&file, "Builder", fqn));
        assert!(!is_class(&file, "Other.Builder", fqn));
        assert!(!is_class(&file, "", fqn));
    }
}
