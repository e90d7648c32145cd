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
    is_type_in(file, text, CLIENT_PACKAGE, simple)
}

/// [`is_client_type`] for a class of any package (`org.apache.hadoop.hbase` for
/// `HTableDescriptor`).
pub(crate) fn is_type_in(file: &JavaFile<'_>, text: &str, package: &str, simple: &str) -> bool {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let base = compact.split('<').next().unwrap_or_default();
    let fqn = format!("{package}.{simple}");
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
    imports.contains(&format!("{package}.*"))
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
                    || scope::own_method_returns(file, expr, |t| is_connection_type(file, t))
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
pub(crate) fn creates_connection(file: &JavaFile<'_>, call: Node<'_>) -> bool {
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

/// The handle types a table receiver is written with: `Table` (1.0+) and the legacy `HTable`
/// class and `HTableInterface` it replaced.
const TABLE_TYPES: &[&str] = &["Table", "HTable", "HTableInterface"];

/// The handle types an admin receiver is written with: `Admin` (1.0+) and the legacy
/// `HBaseAdmin` class.
const ADMIN_TYPES: &[&str] = &["Admin", "HBaseAdmin"];

/// One kind of HBase client handle as receiver evidence: the types it is declared with and the
/// expressions that produce one.
struct Handle {
    types: &'static [&'static str],
    produced_by: fn(&JavaFile<'_>, Node<'_>) -> bool,
}

const TABLE: Handle = Handle {
    types: TABLE_TYPES,
    produced_by: produces_table,
};

const ADMIN: Handle = Handle {
    types: ADMIN_TYPES,
    produced_by: produces_admin,
};

/// Whether `receiver` is provably an HBase `Table` (or legacy `HTable` / `HTableInterface`): a
/// local, parameter or field declared with one of those types (or `var` initialised by a
/// producing call), `conn.getTable(..)` on a provable connection, `new HTable(..)`, a cast to a
/// table type, or a call to a method of the same class declared to return one.
pub(crate) fn is_table(file: &JavaFile<'_>, receiver: Node<'_>) -> bool {
    proves(file, receiver, &TABLE)
}

/// Whether `receiver` is provably an HBase `Admin` (or legacy `HBaseAdmin`), with the same kinds
/// of evidence as [`is_table`]: `conn.getAdmin()` on a provable connection, `new HBaseAdmin(..)`.
pub(crate) fn is_admin(file: &JavaFile<'_>, receiver: Node<'_>) -> bool {
    proves(file, receiver, &ADMIN)
}

fn proves(file: &JavaFile<'_>, receiver: Node<'_>, handle: &Handle) -> bool {
    let declared = |text: &str| handle.types.iter().any(|t| is_client_type(file, text, t));
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
                    .is_some_and(|t| declared(file.text_of(t)));
            }
            "identifier" | "field_access" => {
                let Some(declaration) = scope::declaration_of(file, expr) else {
                    return false;
                };
                let ty = declaration.ty.map(|t| file.text_of(t));
                if ty.is_some_and(declared) {
                    return true;
                }
                return ty.is_none_or(|t| t == "var")
                    && declaration
                        .value
                        .is_some_and(|v| (handle.produced_by)(file, v));
            }
            "method_invocation" => {
                return (handle.produced_by)(file, expr)
                    || scope::own_method_returns(file, expr, |t| {
                        handle
                            .types
                            .iter()
                            .any(|simple| is_client_type(file, t, simple))
                    });
            }
            "object_creation_expression" => return (handle.produced_by)(file, expr),
            _ => return false,
        }
    }
    false
}

/// `conn.getTable(name[, pool])` on a provable connection, or `new HTable(..)`.
fn produces_table(file: &JavaFile<'_>, node: Node<'_>) -> bool {
    produced(file, node, "getTable", 1.., "HTable")
}

/// `conn.getAdmin()` on a provable connection, or `new HBaseAdmin(..)`.
fn produces_admin(file: &JavaFile<'_>, node: Node<'_>) -> bool {
    produced(file, node, "getAdmin", 0..=0, "HBaseAdmin")
}

fn produced(
    file: &JavaFile<'_>,
    node: Node<'_>,
    getter: &str,
    arguments: impl std::ops::RangeBounds<usize>,
    class: &str,
) -> bool {
    match node.kind() {
        "method_invocation" => {
            let named = node
                .child_by_field_name("name")
                .is_some_and(|n| file.text_of(n) == getter);
            let count = node
                .child_by_field_name("arguments")
                .map_or(0, |a| a.named_child_count());
            named
                && arguments.contains(&count)
                && node
                    .child_by_field_name("object")
                    .is_some_and(|o| is_connection(file, o))
        }
        "object_creation_expression" => node
            .child_by_field_name("type")
            .is_some_and(|t| is_client_type(file, file.text_of(t), class)),
        _ => false,
    }
}

/// The `createTable(..)` / `createTableAsync(..)` calls of the file whose receiver is a
/// provable HBase `Admin`, in document order.
pub(crate) fn create_table_calls<'t>(
    file: &'t JavaFile<'_>,
) -> impl Iterator<Item = Node<'t>> + 't {
    file.nodes_of_kind("method_invocation").filter(move |call| {
        let named = call
            .child_by_field_name("name")
            .is_some_and(|n| matches!(file.text_of(n), "createTable" | "createTableAsync"));
        let has_descriptor = call
            .child_by_field_name("arguments")
            .is_some_and(|a| a.named_child_count() > 0);
        named
            && has_descriptor
            && call
                .child_by_field_name("object")
                .is_some_and(|o| is_admin(file, o))
    })
}

pub(crate) use bdl_syntax::java::per_record::{PerRecord, per_record};

/// Whether `inner` lies within the byte range of `outer` (or is it).
pub(crate) fn contains(outer: Node<'_>, inner: Node<'_>) -> bool {
    outer.start_byte() <= inner.start_byte() && inner.end_byte() <= outer.end_byte()
}

/// The receiver of `call` as a message shows it: its text when it is a short plain name or
/// `this.name`, else `fallback`.
pub(crate) fn receiver_text<'a>(file: &JavaFile<'a>, call: Node<'_>, fallback: &'a str) -> &'a str {
    call.child_by_field_name("object")
        .map(|o| file.text_of(o))
        .filter(|t| {
            t.len() <= 40
                && t.strip_prefix("this.")
                    .unwrap_or(t)
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '$')
        })
        .unwrap_or(fallback)
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

    /// Whether the receiver of the first call named `method` is proved by `prove`.
    fn receiver_of(src: &str, method: &str, prove: fn(&JavaFile<'_>, Node<'_>) -> bool) -> bool {
        let file = JavaFile::parse(src).expect("parses");
        let call = file
            .nodes_of_kind("method_invocation")
            .find(|n| {
                n.child_by_field_name("name")
                    .is_some_and(|m| file.text_of(m) == method)
            })
            .expect("the call");
        let receiver = call.child_by_field_name("object").expect("receiver");
        prove(&file, receiver)
    }

    #[test]
    fn table_evidence() {
        let import = "import org.apache.hadoop.hbase.client.*;\n";
        for body in [
            "void m(Table t) { t.put(p); }",
            "void m(HTableInterface t) { t.put(p); }",
            "private Table table; void m() { this.table.put(p); }",
            "void m(Connection c) { var t = c.getTable(n); t.put(p); }",
            "void m(Connection c) { c.getTable(n).put(p); }",
            "void m(Configuration conf) { new HTable(conf, \"t\").put(p); }",
            "void m(Object o) { ((Table) o).put(p); }",
            "Table table() { return null; } void m() { table().put(p); }",
        ] {
            assert!(
                receiver_of(&format!("{import}class A {{ {body} }}"), "put", is_table),
                "{body}"
            );
        }
        for body in [
            "void m(com.google.common.collect.Table<String, String, Put> t) { t.put(a, b, p); }",
            "void m(Map<String, Put> t) { t.put(k, p); }",
            "void m(Catalog c) { c.getTable(n).put(p); }",
            "void m(AsyncConnection c) { c.getTable(n).put(p); }",
            "void m() { var t = other(); t.put(p); }",
        ] {
            assert!(
                !receiver_of(&format!("{import}class A {{ {body} }}"), "put", is_table),
                "{body}"
            );
        }
        assert!(!receiver_of(
            "class A { void m(Table t) { t.put(p); } }",
            "put",
            is_table
        ));
    }

    #[test]
    fn admin_evidence() {
        let import = "import org.apache.hadoop.hbase.client.*;\n";
        for body in [
            "void m(Admin a) { a.createTable(d); }",
            "void m(Connection c) { try (Admin a = c.getAdmin()) { a.createTable(d); } }",
            "void m(Connection c) { c.getAdmin().createTable(d); }",
            "void m(Configuration conf) { HBaseAdmin a = new HBaseAdmin(conf); a.createTable(d); }",
        ] {
            assert!(
                receiver_of(
                    &format!("{import}class A {{ {body} }}"),
                    "createTable",
                    is_admin
                ),
                "{body}"
            );
        }
        for body in [
            "void m(Catalog a) { a.createTable(d); }",
            "void m(AsyncAdmin a) { a.createTable(d); }",
            "void m(Connection c) { c.getAdmin(x).createTable(d); }",
        ] {
            assert!(
                !receiver_of(
                    &format!("{import}class A {{ {body} }}"),
                    "createTable",
                    is_admin
                ),
                "{body}"
            );
        }
    }
}
