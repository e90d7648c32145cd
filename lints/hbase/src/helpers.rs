//! Receiver evidence for HBase client code: which written types and expressions are provably
//! HBase client classes. Shared by the HBS rules; a rule that cannot prove a receiver stays
//! silent.

use bdl_syntax::JavaFile;
use bdl_syntax::java::facts;
use bdl_syntax::java::scope::{self, Declaration};
use tree_sitter::Node;

/// The package every HBase artifact lives under.
pub(crate) const HBASE_PACKAGE: &str = "org.apache.hadoop.hbase";

/// The package of the HBase client API (`Connection`, `Table`, `Admin`, `HTable`, …).
pub(crate) const CLIENT_PACKAGE: &str = "org.apache.hadoop.hbase.client";

/// The connection types whose `getTable` / `getAdmin` / `getBufferedMutator` /
/// `getRegionLocator` hand out resources the caller must close: `Connection` (1.0+) and the
/// legacy `HConnection` it replaced. `AsyncConnection` is deliberately absent: its `AsyncTable`
/// and `AsyncAdmin` are not `Closeable`.
const CONNECTION_TYPES: &[&str] = &["Connection", "HConnection"];

/// How many parentheses or casts are looked through around a receiver.
const MAX_WRAPPERS: usize = 16;

/// Whether the type written as `text` (simple or fully qualified, generics ignored) is the HBase
/// client class `simple`: written fully qualified, imported by name, or imported with
/// `org.apache.hadoop.hbase.client.*` while no other class of that simple name is imported by
/// name or declared in the file.
pub(crate) fn is_client_type(file: &JavaFile<'_>, text: &str, simple: &str) -> bool {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let base = compact.split('<').next().unwrap_or_default();
    let fqn = format!("{CLIENT_PACKAGE}.{simple}");
    if base == fqn {
        return true;
    }
    if base != simple {
        return false;
    }
    let imports = file.imports();
    if imports.contains(&fqn) {
        return true;
    }
    let other_by_name = imports
        .iter()
        .any(|i| !i.ends_with(".*") && i.rsplit('.').next() == Some(simple));
    if other_by_name || scope::class_named(file, simple).is_some() {
        return false;
    }
    imports.contains(&format!("{CLIENT_PACKAGE}.*"))
}

/// Whether `receiver` is provably an HBase `Connection`: a local, parameter or field declared
/// with a connection type (or `var` initialised by `ConnectionFactory.createConnection`), a
/// `ConnectionFactory.createConnection(..)` call itself, a cast to a connection type, or a call
/// to a method of the same class declared to return one.
pub(crate) fn is_connection(file: &JavaFile<'_>, receiver: Node<'_>) -> bool {
    let mut expr = receiver;
    for _ in 0..MAX_WRAPPERS {
        match expr.kind() {
            "parenthesized_expression" => {
                let Some(inner) = expr.named_child(0) else {
                    return false;
                };
                expr = inner;
            }
            "cast_expression" => {
                return expr
                    .child_by_field_name("type")
                    .is_some_and(|t| is_connection_type(file, file.text_of(t)));
            }
            "identifier" => {
                return scope::resolve(file, expr, file.text_of(expr))
                    .is_some_and(|d| declares_connection(file, &d));
            }
            "field_access" => {
                let on_this = expr
                    .child_by_field_name("object")
                    .is_some_and(|o| o.kind() == "this");
                let field = expr.child_by_field_name("field").map(|f| file.text_of(f));
                let (true, Some(field)) = (on_this, field) else {
                    // `HBaseUtils.CONNECTION`: a static field of a class of another file.
                    return external_connection(file, expr);
                };
                return scope::enclosing_class(file, expr)
                    .and_then(|class| scope::field_named(file, class, field))
                    .is_some_and(|d| declares_connection(file, &d));
            }
            "method_invocation" => {
                return creates_connection(file, expr)
                    || returns_connection(file, expr)
                    || external_connection(file, expr);
            }
            _ => return false,
        }
    }
    false
}

fn is_connection_type(file: &JavaFile<'_>, text: &str) -> bool {
    CONNECTION_TYPES
        .iter()
        .any(|simple| is_client_type(file, text, simple))
}

fn declares_connection(file: &JavaFile<'_>, declaration: &Declaration<'_>) -> bool {
    let ty = declaration.ty.map(|t| file.text_of(t));
    if ty.is_some_and(|t| is_connection_type(file, t)) {
        return true;
    }
    // `var conn = ConnectionFactory.createConnection(conf);`
    ty.is_none_or(|t| t == "var")
        && declaration
            .value
            .is_some_and(|v| creates_connection(file, v) || external_connection(file, v))
}

/// A call or field of a class declared in another file of the project whose declared type is
/// an HBase connection there: `HBaseUtils.getConnection()`, `helper.connection()`,
/// `HBaseUtils.CONNECTION`.
fn external_connection(file: &JavaFile<'_>, expr: Node<'_>) -> bool {
    facts::external_type(file, expr).is_some_and(|t| {
        CONNECTION_TYPES
            .iter()
            .any(|simple| t.is(&format!("{CLIENT_PACKAGE}.{simple}")))
    })
}

/// `ConnectionFactory.createConnection(..)` or the legacy `HConnectionManager.createConnection(..)`.
fn creates_connection(file: &JavaFile<'_>, call: Node<'_>) -> bool {
    if call.kind() != "method_invocation" {
        return false;
    }
    let named = call
        .child_by_field_name("name")
        .is_some_and(|n| file.text_of(n) == "createConnection");
    named
        && call.child_by_field_name("object").is_some_and(|o| {
            let factory = file.text_of(o);
            is_client_type(file, factory, "ConnectionFactory")
                || is_client_type(file, factory, "HConnectionManager")
        })
}

/// A call to a method of the enclosing class (`connection()`, `this.connection()`) that is
/// declared to return a connection type.
fn returns_connection(file: &JavaFile<'_>, call: Node<'_>) -> bool {
    let own = call
        .child_by_field_name("object")
        .is_none_or(|o| o.kind() == "this");
    let Some(name) = call.child_by_field_name("name").map(|n| file.text_of(n)) else {
        return false;
    };
    if !own {
        return false;
    }
    let Some(body) = scope::enclosing_class(file, call).and_then(|c| {
        c.child_by_field_name("body")
            .or_else(|| scope::child_of_kind(c, "class_body"))
    }) else {
        return false;
    };
    let mut cursor = body.walk();
    body.named_children(&mut cursor)
        .filter(|m| m.kind() == "method_declaration")
        .filter(|m| {
            m.child_by_field_name("name")
                .is_some_and(|n| file.text_of(n) == name)
        })
        .any(|m| {
            m.child_by_field_name("type")
                .is_some_and(|t| is_connection_type(file, file.text_of(t)))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn receiver_is_connection(src: &str) -> bool {
        let file = JavaFile::parse(src).expect("parses");
        let call = file
            .nodes_of_kind("method_invocation")
            .find(|n| {
                n.child_by_field_name("name")
                    .is_some_and(|m| file.text_of(m) == "getTable")
            })
            .expect("a getTable call");
        let receiver = call.child_by_field_name("object").expect("receiver");
        is_connection(&file, receiver)
    }

    #[test]
    fn connection_evidence() {
        let import = "import org.apache.hadoop.hbase.client.Connection;\n";
        assert!(receiver_is_connection(&format!(
            "{import}class A {{ void m(Connection c) {{ c.getTable(n); }} }}"
        )));
        assert!(receiver_is_connection(&format!(
            "{import}class A {{ private Connection c; void m() {{ this.c.getTable(n); }} }}"
        )));
        assert!(receiver_is_connection(
            "import org.apache.hadoop.hbase.client.*;\nclass A { void m() { var c = ConnectionFactory.createConnection(conf); c.getTable(n); } }"
        ));
        assert!(receiver_is_connection(
            "import org.apache.hadoop.hbase.client.ConnectionFactory;\nclass A { void m() { ConnectionFactory.createConnection(conf).getTable(n); } }"
        ));
        assert!(receiver_is_connection(&format!(
            "{import}class A {{ Connection connection() {{ return null; }} void m() {{ connection().getTable(n); }} }}"
        )));
        assert!(receiver_is_connection(
            "class A { void m(org.apache.hadoop.hbase.client.Connection c) { ((c)).getTable(n); } }"
        ));
    }

    #[test]
    fn no_evidence_no_connection() {
        // java.sql.Connection imported by name wins over the HBase wildcard.
        assert!(!receiver_is_connection(
            "import org.apache.hadoop.hbase.client.*;\nimport java.sql.Connection;\nclass A { void m(Connection c) { c.getTable(n); } }"
        ));
        // No import at all.
        assert!(!receiver_is_connection(
            "class A { void m(Connection c) { c.getTable(n); } }"
        ));
        // An own class called Connection.
        assert!(!receiver_is_connection(
            "import org.apache.hadoop.hbase.client.*;\nclass Connection {}\nclass A { void m(Connection c) { c.getTable(n); } }"
        ));
        // The async API hands out non-closeable tables.
        assert!(!receiver_is_connection(
            "import org.apache.hadoop.hbase.client.AsyncConnection;\nclass A { void m(AsyncConnection c) { c.getTable(n); } }"
        ));
        // Unknown receivers.
        assert!(!receiver_is_connection(
            "import org.apache.hadoop.hbase.client.*;\nclass A { void m() { registry().getTable(n); catalog.getTable(n); } }"
        ));
    }
}
