use bdl_core::{Ctx, RuleMeta, Severity, TestSources, declare_rule};
use bdl_syntax::java::{chain, fold, scope};
use bdl_syntax::{JavaFile, Rule};
use tree_sitter::Node;

use crate::helpers::{self, HBASE_PACKAGE};

declare_rule! {
    /// ## What it does
    /// Flags `admin.createTable(..)` of a table in a namespace other than `default` and
    /// `hbase` (`TableName.valueOf("analytics:events")`,
    /// `TableName.valueOf("analytics", "events")`) in a file that never creates or checks that
    /// namespace. A call of `createNamespace`, `createNamespaceAsync` or
    /// `getNamespaceDescriptor` counts for the namespace it names
    /// (`NamespaceDescriptor.create("analytics")`, followed through builders and locals), and
    /// for every namespace when the name is not a constant; `listNamespaceDescriptors`,
    /// `listNamespaces` and a mention of `NamespaceNotFoundException` count for every
    /// namespace.
    ///
    /// The table name is followed from the `createTable` argument through
    /// `TableDescriptorBuilder.newBuilder(..)` (and its builder calls), `new
    /// HTableDescriptor(..)`, and locals and constants that hold them; the namespace must fold
    /// to a constant string. A name built at run time, a namespace passed in as a parameter, or
    /// a receiver that is not provably an HBase `Admin` gives no finding.
    ///
    /// The check looks at one file: the namespace may be created by a setup script, by another
    /// class or by an operator, so the finding is information, with the evidence in the
    /// message. Test sources are skipped by default.
    ///
    /// ## Why is this bad?
    /// HBase does not create namespaces on demand: `createTable` of `analytics:events` throws
    /// `NamespaceNotFoundException` when the namespace `analytics` does not exist. Code that
    /// works on the developer's cluster, where someone once ran `create_namespace` in the
    /// shell, fails on a fresh cluster, in CI, or after a migration. Only `default` and the
    /// system namespace `hbase` always exist.
    ///
    /// ## Example
    /// ```java file=EventTables.java bad
    /// import org.apache.hadoop.hbase.TableName;
    /// import org.apache.hadoop.hbase.client.Admin;
    /// import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
    /// import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
    ///
    /// class EventTables {
    ///     void create(Admin admin) throws Exception {
    ///         TableName name = TableName.valueOf("analytics:events");
    ///         if (!admin.tableExists(name)) {
    ///             admin.createTable(TableDescriptorBuilder.newBuilder(name)
    ///                     .setColumnFamily(ColumnFamilyDescriptorBuilder.of("e"))
    ///                     .build());
    ///         }
    ///     }
    /// }
    /// ```
    ///
    /// Use instead:
    ///
    /// ```java file=EventTables.java good
    /// import org.apache.hadoop.hbase.NamespaceDescriptor;
    /// import org.apache.hadoop.hbase.NamespaceNotFoundException;
    /// import org.apache.hadoop.hbase.TableName;
    /// import org.apache.hadoop.hbase.client.Admin;
    /// import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
    /// import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
    ///
    /// class EventTables {
    ///     void create(Admin admin) throws Exception {
    ///         try {
    ///             admin.getNamespaceDescriptor("analytics");
    ///         } catch (NamespaceNotFoundException e) {
    ///             admin.createNamespace(NamespaceDescriptor.create("analytics").build());
    ///         }
    ///         TableName name = TableName.valueOf("analytics:events");
    ///         if (!admin.tableExists(name)) {
    ///             admin.createTable(TableDescriptorBuilder.newBuilder(name)
    ///                     .setColumnFamily(ColumnFamilyDescriptorBuilder.of("e"))
    ///                     .build());
    ///         }
    ///     }
    /// }
    /// ```
    ///
    /// ## How to fix
    /// Ensure the namespace before creating tables in it: look it up with
    /// `admin.getNamespaceDescriptor(ns)` and, on `NamespaceNotFoundException`, create it with
    /// `admin.createNamespace(NamespaceDescriptor.create(ns).build())` (catching
    /// `NamespaceExistException` if several instances may race). If a deployment script creates
    /// the namespace, suppress the finding with a reason that names the script.
    ///
    /// ## Options
    /// - `lint-test-sources` (boolean, default `false`): also lint test sources
    ///   (`src/test/**`, `*Test.java`, `*IT.java`, `*ITCase.java`), whose namespaces usually
    ///   come from shared test setup.
    ///
    /// ## References
    /// - The Apache HBase Reference Guide, Namespace (predefined `default` and `hbase`
    ///   namespaces, namespace management):
    ///   <https://hbase.apache.org/book.html#namespace>
    /// - HBase `Admin.createNamespace` / `getNamespaceDescriptor` Javadoc:
    ///   <https://hbase.apache.org/2.4/apidocs/org/apache/hadoop/hbase/client/Admin.html#createNamespace-org.apache.hadoop.hbase.NamespaceDescriptor->
    /// - HBase `NamespaceNotFoundException` Javadoc:
    ///   <https://hbase.apache.org/2.4/apidocs/org/apache/hadoop/hbase/NamespaceNotFoundException.html>
    pub NamespaceNotEnsured {
        code: "HBS005",
        name: "namespace-not-ensured",
        summary: "a table is created in a namespace that nothing in the file creates or checks",
        severity: Info,
        kinds: [Java],
        triggers: ["createTable"],
        options: [TestSources::SKIP_BY_DEFAULT],
    }
}

impl Rule for NamespaceNotEnsured {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        if !file.imports_from(HBASE_PACKAGE) {
            return;
        }
        let Ensured::Only(ensured) = ensured_namespaces(file) else {
            return;
        };
        for call in helpers::create_table_calls(file) {
            let Some(descriptor) = fold::arguments(call).first().copied() else {
                continue;
            };
            let Some(named) = table_name(file, descriptor) else {
                continue;
            };
            let Some((namespace, table)) = split(&named.name) else {
                continue;
            };
            if matches!(namespace, "default" | "hbase") || ensured.iter().any(|n| n == namespace) {
                continue;
            }
            let admin = helpers::receiver_text(file, call, "admin");
            let method = chain::method_name(file, call);
            cx.report(
                Severity::Info,
                JavaFile::span_of(call),
                if ensured.is_empty() {
                    format!(
                        "`{admin}.{method}` creates `{namespace}:{table}` in namespace \
                         `{namespace}`, which nothing in this file creates or checks \
                         (`createNamespace`, `getNamespaceDescriptor`, \
                         `listNamespaceDescriptors`)"
                    )
                } else {
                    format!(
                        "`{admin}.{method}` creates `{namespace}:{table}` in namespace \
                         `{namespace}`, but this file creates or checks only {}",
                        listed(&ensured)
                    )
                },
            )
            .label(
                JavaFile::span_of(named.node),
                format!("namespace `{namespace}` named here"),
            )
            .help(format!(
                "ensure it first: `admin.createNamespace(NamespaceDescriptor.create(\"{namespace}\").build())` \
                 when `getNamespaceDescriptor` throws `NamespaceNotFoundException`"
            ));
        }
    }
}

/// Calls that create or look up one namespace, named by their argument.
const NAMESPACE_CALLS: &[&str] = &[
    "createNamespace",
    "createNamespaceAsync",
    "getNamespaceDescriptor",
];

/// Calls that list every namespace: the code checks namespaces, which ones is not known.
const NAMESPACE_LISTINGS: &[&str] = &["listNamespaceDescriptors", "listNamespaces"];

/// The exception whose handling shows the code deals with missing namespaces. (A
/// `NamespaceExistException` only comes from `createNamespace`, whose call is the evidence.)
const NAMESPACE_NOT_FOUND: &str = "NamespaceNotFoundException";

/// The namespaces a file creates or checks.
enum Ensured {
    /// Exactly these (possibly none).
    Only(Vec<String>),
    /// Some the file does not spell as constants: any namespace may be among them.
    Unknown,
}

/// What the file does about namespaces: `createNamespace` (any receiver: an own helper of that
/// name counts too), `getNamespaceDescriptor`, listings and namespace exceptions.
fn ensured_namespaces(file: &JavaFile<'_>) -> Ensured {
    let handles_missing = file.identifiers_named(NAMESPACE_NOT_FOUND).next().is_some()
        || file
            .nodes_of_kind("type_identifier")
            .any(|t| file.text_of(t) == NAMESPACE_NOT_FOUND);
    if handles_missing {
        return Ensured::Unknown;
    }
    let mut named = Vec::new();
    for call in file.nodes_of_kind("method_invocation") {
        let method = chain::method_name(file, call);
        if NAMESPACE_LISTINGS.contains(&method) {
            return Ensured::Unknown;
        }
        if !NAMESPACE_CALLS.contains(&method) {
            continue;
        }
        match fold::arguments(call)
            .first()
            .and_then(|a| namespace_name(file, *a))
        {
            Some(namespace) => named.push(namespace),
            None => return Ensured::Unknown,
        }
    }
    Ensured::Only(named)
}

const NAMESPACE_DESCRIPTOR: &str = "org.apache.hadoop.hbase.NamespaceDescriptor";

/// The namespace a `createNamespace` / `getNamespaceDescriptor` argument names, when the file
/// spells it as a constant: a string, or `NamespaceDescriptor.create(ns)` and its builder
/// calls, through locals and constants.
fn namespace_name(file: &JavaFile<'_>, argument: Node<'_>) -> Option<String> {
    let mut expr = argument;
    for _ in 0..MAX_STEPS {
        if let Some(text) = fold::string(file, expr) {
            return Some(text.value);
        }
        match expr.kind() {
            "parenthesized_expression" => expr = expr.named_child(0)?,
            "identifier" | "field_access" => expr = constant(file, expr)?,
            "method_invocation" => {
                let receiver = chain::receiver(expr);
                let on_descriptor = receiver.is_some_and(|r| {
                    scope::names_class(file, file.text_of(r), NAMESPACE_DESCRIPTOR)
                });
                if chain::method_name(file, expr) == "create" && on_descriptor {
                    expr = fold::arguments(expr).first().copied()?;
                    continue;
                }
                expr = receiver?;
            }
            _ => return None,
        }
    }
    None
}

/// The value a local or field always holds (a `final` field, a local never reassigned).
fn constant<'t>(file: &'t JavaFile<'_>, expr: Node<'t>) -> Option<Node<'t>> {
    let name = file.text_of(expr.child_by_field_name("field").unwrap_or(expr));
    let declaration = scope::declaration_of(file, expr)?;
    scope::constant_value(file, &declaration, name)
}

/// "`a`, `b`": the first few namespaces the file ensures, without repeats.
fn listed(ensured: &[String]) -> String {
    let mut names: Vec<&str> = Vec::new();
    for name in ensured {
        if !names.contains(&name.as_str()) {
            names.push(name);
        }
    }
    let shown: Vec<String> = names.iter().take(3).map(|n| format!("`{n}`")).collect();
    let more = if names.len() > shown.len() {
        ", …"
    } else {
        ""
    };
    format!("{}{more}", shown.join(", "))
}

/// A table name folded to text, with the node that spells it.
struct NamedTable<'t> {
    /// `ns:table` or `table`.
    name: String,
    /// The `TableName.valueOf(..)` call or the string given to `new HTableDescriptor(..)`.
    node: Node<'t>,
}

/// How many variables, wrappers and builder calls [`table_name`] follows.
const MAX_STEPS: usize = 32;

const TABLE_NAME: &str = "org.apache.hadoop.hbase.TableName";
const DESCRIPTOR_BUILDER: &str = "org.apache.hadoop.hbase.client.TableDescriptorBuilder";
const LEGACY_DESCRIPTOR: &str = "org.apache.hadoop.hbase.HTableDescriptor";

/// The table name a `createTable` argument describes, when the file shows it as constants.
fn table_name<'t>(file: &'t JavaFile<'_>, descriptor: Node<'t>) -> Option<NamedTable<'t>> {
    let mut expr = descriptor;
    for _ in 0..MAX_STEPS {
        match expr.kind() {
            "parenthesized_expression" | "cast_expression" => {
                expr = expr
                    .child_by_field_name("value")
                    .or_else(|| expr.named_child(0))?;
            }
            "identifier" | "field_access" => expr = constant(file, expr)?,
            "method_invocation" => {
                let method = chain::method_name(file, expr);
                let receiver = chain::receiver(expr);
                let on = |fqn: &str| {
                    receiver.is_some_and(|r| scope::names_class(file, file.text_of(r), fqn))
                };
                if method == "valueOf" && on(TABLE_NAME) {
                    return value_of(file, expr);
                }
                if method == "newBuilder" && on(DESCRIPTOR_BUILDER) {
                    expr = fold::arguments(expr).first().copied()?;
                    continue;
                }
                // A builder call on a descriptor (`build()`, `setColumnFamily(..)`): the name
                // is further in.
                expr = receiver?;
            }
            "object_creation_expression" => {
                let ty = file.text_of(expr.child_by_field_name("type")?);
                if !scope::names_class(file, ty, LEGACY_DESCRIPTOR) {
                    return None;
                }
                let argument = fold::arguments(expr).first().copied()?;
                if let Some(text) = fold::string(file, argument) {
                    return Some(NamedTable {
                        name: text.value,
                        node: argument,
                    });
                }
                expr = argument;
            }
            _ => return None,
        }
    }
    None
}

/// The name `TableName.valueOf("ns:t")` or `TableName.valueOf("ns", "t")` spells, when its
/// arguments fold to strings.
fn value_of<'t>(file: &JavaFile<'_>, call: Node<'t>) -> Option<NamedTable<'t>> {
    let name = match fold::arguments(call).as_slice() {
        [whole] => fold::string(file, *whole)?.value,
        [namespace, table] => format!(
            "{}:{}",
            fold::string(file, *namespace)?.value,
            fold::string(file, *table)?.value
        ),
        _ => return None,
    };
    Some(NamedTable { name, node: call })
}

/// `ns:table` -> (`ns`, `table`); a name without a namespace is in `default`: `None`.
fn split(name: &str) -> Option<(&str, &str)> {
    let (namespace, table) = name.split_once(':')?;
    (!namespace.is_empty() && !table.is_empty()).then_some((namespace, table))
}

#[cfg(test)]
mod tests {
    use bdl_syntax::check_one;

    use super::*;

    const IMPORTS: &str = "package com.example;\n\
        import org.apache.hadoop.hbase.TableName;\n\
        import org.apache.hadoop.hbase.HTableDescriptor;\n\
        import org.apache.hadoop.hbase.client.*;\n";

    fn lines(class: &str) -> Vec<u32> {
        let src = format!("{IMPORTS}{class}");
        check_one(&NamespaceNotEnsured, "Tables.java", &src)
            .iter()
            .map(|d| d.start.line - 4)
            .collect()
    }

    #[test]
    fn namespaced_tables_are_followed_to_their_name() {
        let class = "class Tables {\n\
            private static final String NS = \"analytics\";\n\
            private static final TableName EVENTS = TableName.valueOf(NS, \"events\");\n\
            void a(Admin admin, ColumnFamilyDescriptor cf) throws Exception {\n\
                admin.createTable(TableDescriptorBuilder.newBuilder(TableName.valueOf(\"analytics:clicks\")).setColumnFamily(cf).build());\n\
                TableDescriptorBuilder builder = TableDescriptorBuilder.newBuilder(EVENTS);\n\
                builder.setColumnFamily(cf);\n\
                admin.createTable(builder.build());\n\
                TableDescriptor d = TableDescriptorBuilder.newBuilder(TableName.valueOf(NS + \":\" + \"views\")).build();\n\
                admin.createTableAsync(d);\n\
                HTableDescriptor legacy = new HTableDescriptor(\"reports:daily\");\n\
                admin.createTable(legacy);\n\
                admin.createTable(new HTableDescriptor(TableName.valueOf(\"reports\", \"weekly\")));\n\
            }\n\
        }\n";
        assert_eq!(lines(class), [5, 8, 10, 12, 13]);
    }

    #[test]
    fn message_label_and_help() {
        let src = format!(
            "{IMPORTS}class T {{\nvoid a(Admin admin) throws Exception {{\nadmin.createTable(TableDescriptorBuilder.newBuilder(TableName.valueOf(\"bigdata:stu\")).build());\n}}\n}}\n"
        );
        let found = check_one(&NamespaceNotEnsured, "T.java", &src);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "`admin.createTable` creates `bigdata:stu` in namespace `bigdata`, which nothing in this file creates or checks (`createNamespace`, `getNamespaceDescriptor`, `listNamespaceDescriptors`)"
        );
        assert_eq!(found[0].severity, Severity::Info);
        assert_eq!(
            found[0].labels[0].span.slice(&src),
            "TableName.valueOf(\"bigdata:stu\")"
        );
        assert_eq!(found[0].labels[0].message, "namespace `bigdata` named here");
        assert_eq!(
            found[0].help.as_deref(),
            Some(
                "ensure it first: `admin.createNamespace(NamespaceDescriptor.create(\"bigdata\").build())` when `getNamespaceDescriptor` throws `NamespaceNotFoundException`"
            )
        );
    }

    #[test]
    fn default_namespaces_and_unknown_names_are_silent() {
        let class = "class Tables {\n\
            void a(Admin admin, String ns, String table, TableDescriptor given) throws Exception {\n\
                admin.createTable(TableDescriptorBuilder.newBuilder(TableName.valueOf(\"events\")).build());\n\
                admin.createTable(TableDescriptorBuilder.newBuilder(TableName.valueOf(\"default:events\")).build());\n\
                admin.createTable(TableDescriptorBuilder.newBuilder(TableName.valueOf(\"hbase\", \"x\")).build());\n\
                admin.createTable(TableDescriptorBuilder.newBuilder(TableName.valueOf(ns, table)).build());\n\
                admin.createTable(given);\n\
                admin.createTable(TableDescriptorBuilder.newBuilder(TableName.valueOf(Bytes.toBytes(\"a:b\"))).build());\n\
                catalog.createTable(TableDescriptorBuilder.newBuilder(TableName.valueOf(\"a:b\")).build());\n\
            }\n\
        }\n";
        assert!(lines(class).is_empty(), "{:?}", lines(class));
    }

    #[test]
    fn namespace_handling_anywhere_in_the_file_silences() {
        for extra in [
            "void ns(Admin admin) throws Exception { admin.createNamespace(NamespaceDescriptor.create(\"a\").build()); }",
            "void ns(Admin admin, String name) throws Exception { admin.createNamespace(NamespaceDescriptor.create(name).build()); }",
            "void ns(Admin admin) throws Exception { admin.listNamespaceDescriptors(); }",
            "void ns(Admin admin) throws Exception { try { admin.getNamespaceDescriptor(\"a\"); } catch (IOException e) { } }",
            "void ns() { createNamespace(\"a\"); }",
            "void ns() throws Exception { String n = \"a\"; NamespaceDescriptor.Builder b = NamespaceDescriptor.create(n); admin.createNamespace(b.build()); }",
            "void ns(Admin admin) { try { x(); } catch (NamespaceNotFoundException e) { } }",
        ] {
            let class = format!(
                "class Tables {{\n\
                 void a(Admin admin) throws Exception {{ admin.createTable(TableDescriptorBuilder.newBuilder(TableName.valueOf(\"a:b\")).build()); }}\n\
                 {extra}\n\
                 }}\n"
            );
            assert!(lines(&class).is_empty(), "{extra}");
        }
    }

    #[test]
    fn other_namespaces_do_not_count() {
        let src = format!(
            "{IMPORTS}import org.apache.hadoop.hbase.NamespaceDescriptor;\nclass Tables {{\n\
             void a(Admin admin) throws Exception {{ admin.createTable(TableDescriptorBuilder.newBuilder(TableName.valueOf(\"test:t\")).build()); }}\n\
             void ns(Admin admin) throws Exception {{ admin.createNamespace(NamespaceDescriptor.create(\"test1\").build()); }}\n\
             }}\n"
        );
        let found = check_one(&NamespaceNotEnsured, "Tables.java", &src);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "`admin.createTable` creates `test:t` in namespace `test`, but this file creates or checks only `test1`"
        );
    }

    #[test]
    fn reassigned_names_are_not_followed() {
        let class = "class Tables {\n\
            void a(Admin admin, boolean b) throws Exception {\n\
                TableName name = TableName.valueOf(\"a:b\");\n\
                if (b) { name = TableName.valueOf(\"c\"); }\n\
                admin.createTable(TableDescriptorBuilder.newBuilder(name).build());\n\
            }\n\
        }\n";
        assert!(lines(class).is_empty());
    }

    #[test]
    fn never_panics_on_broken_input() {
        for src in [
            "import org.apache.hadoop.hbase.client.*; class { void a(Admin a) { a.createTable(TableName.valueOf(",
            "import org.apache.hadoop.hbase.*; a.createTable(new HTableDescriptor(",
            "",
        ] {
            let _ = check_one(&NamespaceNotEnsured, "Job.java", src);
        }
    }
}
