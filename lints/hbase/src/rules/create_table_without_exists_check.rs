use std::collections::HashSet;

use bdl_core::{Ctx, RuleMeta, Severity, TestSources, declare_rule};
use bdl_syntax::Rule;
use bdl_syntax::java::{self, JavaFile, Preorder, chain, scope};
use tree_sitter::Node;

use crate::helpers::{self, HBASE_PACKAGE};

declare_rule! {
    /// ## What it does
    /// Flags `admin.createTable(..)` / `admin.createTableAsync(..)` on an HBase `Admin` (or
    /// legacy `HBaseAdmin`) that nothing in the same method protects against the table already
    /// existing. Any of these protects it:
    ///
    /// - an enclosing `if` whose condition is false when the table exists
    ///   (`if (!admin.tableExists(name)) { … }`, `if (exists == false)`, a local boolean set
    ///   from such a check), or the `else` of a positive check;
    /// - an earlier `if (admin.tableExists(name))` in an enclosing block whose branch leaves
    ///   (`return`, `throw`, `continue`, `break`) or drops the table (`deleteTable`);
    /// - an earlier `deleteTable(..)` call in an enclosing block (drop and recreate);
    /// - an enclosing `try` with a `catch` of `TableExistsException` or its HBase supertypes
    ///   `DoNotRetryIOException` / `HBaseIOException`, or a broader `IOException`, `Exception`
    ///   or `Throwable` catch that swallows the error (its block throws nothing).
    ///
    /// An existence check is a call whose name contains `exist` (`tableExists`, an own
    /// `isTableExists(ns, t)` helper) or `isTableAvailable`, a `contains` / `anyMatch` over
    /// `listTableNames()` (or another table listing), a boolean local set from one of these,
    /// or a boolean whose name contains `exist` (a parameter `tableExists`). Checks in a
    /// caller are not seen: a helper that creates without checking is reported even when every
    /// caller checks first.
    /// The receiver must be provably an HBase `Admin`. Test sources are skipped by default.
    ///
    /// A broad `catch (IOException e)` counts only when it swallows the error, because that is
    /// what decides whether a second run fails: a catch that logs and goes on lets the job run
    /// again (the table is there), while one that wraps and rethrows fails the second run just
    /// like no catch at all.
    ///
    /// ## Why is this bad?
    /// `Admin.createTable` throws `TableExistsException` when the table is already there. A job
    /// or service that creates its tables on start-up without checking works exactly once: the
    /// second run, a restart after a failure, or a second instance of the service fails at
    /// start-up. In a Flink function's `open()` it is worse: every parallel subtask runs it, so
    /// with a parallelism above one all subtasks but the first fail at once, and Flink restarts
    /// tasks after every failure, so one transient error becomes a restart loop.
    ///
    /// ## Example
    /// ```java file=SchemaSetup.java bad
    /// import org.apache.hadoop.hbase.TableName;
    /// import org.apache.hadoop.hbase.client.Admin;
    /// import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
    /// import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
    ///
    /// class SchemaSetup {
    ///     void ensure(Admin admin) throws Exception {
    ///         TableName name = TableName.valueOf("orders");
    ///         admin.createTable(TableDescriptorBuilder.newBuilder(name)
    ///                 .setColumnFamily(ColumnFamilyDescriptorBuilder.of("o"))
    ///                 .build());
    ///     }
    /// }
    /// ```
    ///
    /// Use instead:
    ///
    /// ```java file=SchemaSetup.java good
    /// import org.apache.hadoop.hbase.TableName;
    /// import org.apache.hadoop.hbase.client.Admin;
    /// import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
    /// import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
    ///
    /// class SchemaSetup {
    ///     void ensure(Admin admin) throws Exception {
    ///         TableName name = TableName.valueOf("orders");
    ///         if (!admin.tableExists(name)) {
    ///             admin.createTable(TableDescriptorBuilder.newBuilder(name)
    ///                     .setColumnFamily(ColumnFamilyDescriptorBuilder.of("o"))
    ///                     .build());
    ///         }
    ///     }
    /// }
    /// ```
    ///
    /// ## How to fix
    /// Check first: `if (!admin.tableExists(name)) { admin.createTable(descriptor); }`. Where
    /// several instances may start at once, the check and the creation race, so also catch
    /// `TableExistsException` around `createTable` and carry on. A one-shot migration tool that
    /// must fail when the table exists can keep the call and suppress the finding with a reason.
    ///
    /// ## Options
    /// - `lint-test-sources` (boolean, default `false`): also lint test sources
    ///   (`src/test/**`, `*Test.java`, `*IT.java`, `*ITCase.java`), which usually create their
    ///   tables on a fresh mini-cluster.
    ///
    /// ## References
    /// - HBase `Admin.createTable` Javadoc (`TableExistsException` "if table already exists"):
    ///   <https://hbase.apache.org/2.4/apidocs/org/apache/hadoop/hbase/client/Admin.html#createTable-org.apache.hadoop.hbase.client.TableDescriptor->
    /// - HBase `TableExistsException` Javadoc (its superclasses):
    ///   <https://hbase.apache.org/2.4/apidocs/org/apache/hadoop/hbase/TableExistsException.html>
    /// - HBase `Admin.tableExists` Javadoc:
    ///   <https://hbase.apache.org/2.4/apidocs/org/apache/hadoop/hbase/client/Admin.html#tableExists-org.apache.hadoop.hbase.TableName->
    pub CreateTableWithoutExistsCheck {
        code: "HBS004",
        name: "create-table-without-exists-check",
        summary: "a table created with `Admin.createTable` without a `tableExists` check or a `TableExistsException` catch",
        severity: Warning,
        kinds: [Java],
        triggers: ["createTable"],
        options: [TestSources::SKIP_BY_DEFAULT],
    }
}

impl Rule for CreateTableWithoutExistsCheck {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        if !file.imports_from(HBASE_PACKAGE) {
            return;
        }
        let mut check_locals = None;
        for call in helpers::create_table_calls(file) {
            let locals = check_locals.get_or_insert_with(|| locals_set_from_checks(file));
            if guarded(file, call, locals) {
                continue;
            }
            let admin = helpers::receiver_text(file, call, "admin");
            let method = chain::method_name(file, call);
            cx.report(
                Severity::Warning,
                JavaFile::span_of(call),
                format!(
                    "`{admin}.{method}` is not guarded by a `tableExists` check: a second run \
                     fails with `TableExistsException`"
                ),
            )
            .help(format!(
                "create it only if missing: `if (!{admin}.tableExists(name)) {{ {admin}.{method}(…); }}`, \
                 or catch `TableExistsException`"
            ));
        }
    }
}

/// How many negations, comparisons, `&&` / `||` and boolean locals a condition is followed
/// through.
const MAX_CONDITION_DEPTH: usize = 16;

/// Whether something in the method around `call` protects it against an existing table.
fn guarded(file: &JavaFile<'_>, call: Node<'_>, locals: &HashSet<&str>) -> bool {
    // One walk down from the root gives every enclosing node (outermost first): climbing with
    // `Node::parent` would cost the square of the nesting depth.
    let path = java::ancestors(file.root(), call);
    let mut child = call;
    for parent in path.into_iter().rev() {
        match parent.kind() {
            "if_statement" => {
                if let Some(condition) = parent.child_by_field_name("condition") {
                    let branch = if parent.child_by_field_name("consequence") == Some(child) {
                        Some(true)
                    } else if parent.child_by_field_name("alternative") == Some(child) {
                        Some(false)
                    } else {
                        None
                    };
                    if branch.is_some_and(|taken| {
                        exists_when(file, condition, taken, locals, 0) == Some(false)
                    }) {
                        return true;
                    }
                }
            }
            "try_statement" | "try_with_resources_statement"
                if parent.child_by_field_name("body") == Some(child)
                    && catches_existing(file, parent) =>
            {
                return true;
            }
            "block" | "switch_block_statement_group" | "constructor_body"
                if earlier_guard(file, parent, child, locals) =>
            {
                return true;
            }
            "method_declaration"
            | "constructor_declaration"
            | "lambda_expression"
            | "static_initializer"
            | "class_body" => return false,
            _ => {}
        }
        child = parent;
    }
    false
}

/// What `condition` being `taken` says about the table: `Some(true)` when the table then
/// exists, `Some(false)` when it then does not, `None` when it says nothing.
fn exists_when(
    file: &JavaFile<'_>,
    condition: Node<'_>,
    taken: bool,
    locals: &HashSet<&str>,
    depth: usize,
) -> Option<bool> {
    if depth > MAX_CONDITION_DEPTH {
        return None;
    }
    let expr = scope::unparenthesize(condition)?;
    match expr.kind() {
        "unary_expression" => {
            let operator = expr.child_by_field_name("operator")?;
            if file.text_of(operator) != "!" {
                return None;
            }
            exists_when(
                file,
                expr.child_by_field_name("operand")?,
                !taken,
                locals,
                depth + 1,
            )
        }
        "binary_expression" => {
            let operator = file.text_of(expr.child_by_field_name("operator")?);
            let left = expr.child_by_field_name("left")?;
            let right = expr.child_by_field_name("right")?;
            match operator {
                "==" | "!=" => {
                    let (literal, other) = match (boolean(file, left), boolean(file, right)) {
                        (Some(value), None) => (value, right),
                        (None, Some(value)) => (value, left),
                        _ => return None,
                    };
                    // `x == true` is `x`; `x == false` and `x != true` are `!x`.
                    let same = (operator == "==") == literal;
                    exists_when(
                        file,
                        other,
                        if same { taken } else { !taken },
                        locals,
                        depth + 1,
                    )
                }
                // `a && b` taken: both hold, so either operand decides. Not taken: one of
                // them failed, so only an answer both agree on holds (and likewise for `||`).
                "&&" | "||" => {
                    let both_hold = (operator == "&&") == taken;
                    let a = exists_when(file, left, taken, locals, depth + 1);
                    let b = exists_when(file, right, taken, locals, depth + 1);
                    if both_hold {
                        a.or(b)
                    } else {
                        a.filter(|_| a == b)
                    }
                }
                _ => None,
            }
        }
        "method_invocation" => is_exists_check(file, expr).then_some(taken),
        "identifier" | "field_access" => {
            // A flag whose name says what it holds (`tableExists`, a parameter `exists`), else a
            // boolean local set once from a check (`boolean found = admin.tableExists(t);`).
            let name = file.text_of(expr.child_by_field_name("field").unwrap_or(expr));
            if name.to_ascii_lowercase().contains("exist") {
                return Some(taken);
            }
            // Resolving costs a walk from the root: only names some local is set from a check.
            if expr.kind() != "identifier" || !locals.contains(name) {
                return None;
            }
            let value = scope::local_value(file, expr)?;
            exists_when(file, value, taken, locals, depth + 1)
        }
        _ => None,
    }
}

/// The names of the locals in the file initialised with an existence check
/// (`boolean found = admin.tableExists(t);`, also negated or compared).
fn locals_set_from_checks<'a>(file: &JavaFile<'a>) -> HashSet<&'a str> {
    file.nodes_of_kind("variable_declarator")
        .filter(|d| {
            d.child_by_field_name("value").is_some_and(|v| {
                Preorder::new(v)
                    .take(MAX_LISTING_NODES)
                    .any(|n| n.kind() == "method_invocation" && is_exists_check(file, n))
            })
        })
        .filter_map(|d| d.child_by_field_name("name"))
        .map(|n| file.text_of(n))
        .collect()
}

fn boolean(file: &JavaFile<'_>, node: Node<'_>) -> Option<bool> {
    match file.text_of(scope::unparenthesize(node)?) {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// A call that checks for the table: its name contains `exist` (`tableExists`,
/// `isTableExists`, `checkTableExist`) or is `isTableAvailable`, or it is a `contains` /
/// `anyMatch` over the table listing
/// (`Arrays.asList(admin.listTableNames()).contains(name)`).
fn is_exists_check(file: &JavaFile<'_>, call: Node<'_>) -> bool {
    let name = chain::method_name(file, call);
    if name.to_ascii_lowercase().contains("exist") || name == "isTableAvailable" {
        return true;
    }
    matches!(name, "contains" | "anyMatch")
        && Preorder::new(call).take(MAX_LISTING_NODES).any(|n| {
            n.kind() == "method_invocation" && TABLE_LISTINGS.contains(&chain::method_name(file, n))
        })
}

/// `Admin` methods that list the tables.
const TABLE_LISTINGS: &[&str] = &[
    "listTableNames",
    "listTables",
    "listTableDescriptors",
    "listTableNamesByNamespace",
    "listTableDescriptorsByNamespace",
];

/// How much of a `contains(..)` condition is searched for a table listing.
const MAX_LISTING_NODES: usize = 256;

/// Whether a statement of `block` before `child` makes the rest of the block safe: an
/// `if (exists)` whose branch leaves or drops the table, an `if (!exists)` whose `else` does,
/// or a `deleteTable` call.
fn earlier_guard(
    file: &JavaFile<'_>,
    block: Node<'_>,
    child: Node<'_>,
    locals: &HashSet<&str>,
) -> bool {
    let mut cursor = block.walk();
    let earlier: Vec<Node<'_>> = block
        .named_children(&mut cursor)
        .take_while(|s| s.start_byte() < child.start_byte())
        .collect();
    earlier.into_iter().any(|statement| {
        if statement.kind() == "if_statement" {
            let Some(condition) = statement.child_by_field_name("condition") else {
                return false;
            };
            let branch_when_exists = match exists_when(file, condition, true, locals, 0) {
                Some(true) => statement.child_by_field_name("consequence"),
                Some(false) => statement.child_by_field_name("alternative"),
                None => None,
            };
            return branch_when_exists.is_some_and(|b| leaves(b) || drops_table(file, b));
        }
        statement.kind() == "expression_statement" && drops_table(file, statement)
    })
}

/// Whether the branch `statement` ends by leaving the block: `return`, `throw`, `continue` or
/// `break`, alone or as the last statement of a block.
fn leaves(statement: Node<'_>) -> bool {
    let last = if statement.kind() == "block" {
        let count = statement.named_child_count();
        count.checked_sub(1).and_then(|i| statement.named_child(i))
    } else {
        Some(statement)
    };
    last.is_some_and(|s| {
        matches!(
            s.kind(),
            "return_statement" | "throw_statement" | "continue_statement" | "break_statement"
        )
    })
}

/// Whether `node` calls `deleteTable` (drop and recreate).
fn drops_table(file: &JavaFile<'_>, node: Node<'_>) -> bool {
    Preorder::new(node).any(|n| {
        n.kind() == "method_invocation"
            && matches!(
                chain::method_name(file, n),
                "deleteTable" | "deleteTableAsync"
            )
    })
}

/// HBase exception classes a catch of which is a deliberate answer to an existing table:
/// `TableExistsException` and its HBase superclasses.
const TABLE_EXISTS_CATCHES: &[&str] = &[
    "TableExistsException",
    "DoNotRetryIOException",
    "HBaseIOException",
];

/// Broad exception classes that also catch `TableExistsException`; they count only when the
/// catch swallows the error.
const BROAD_CATCHES: &[&str] = &["IOException", "Exception", "Throwable"];

/// Whether a `catch` of `try_` handles an existing table: a catch of
/// [`TABLE_EXISTS_CATCHES`], or of [`BROAD_CATCHES`] whose block throws nothing.
fn catches_existing(file: &JavaFile<'_>, try_: Node<'_>) -> bool {
    let mut cursor = try_.walk();
    let clauses: Vec<Node<'_>> = try_
        .named_children(&mut cursor)
        .filter(|c| c.kind() == "catch_clause")
        .collect();
    clauses.into_iter().any(|clause| {
        let types = caught_types(file, clause);
        if types
            .iter()
            .any(|t| TABLE_EXISTS_CATCHES.contains(&scope::simple_type_name(t)))
        {
            return true;
        }
        let broad = types
            .iter()
            .any(|t| BROAD_CATCHES.contains(&scope::simple_type_name(t)));
        broad
            && clause
                .child_by_field_name("body")
                .is_some_and(|body| !Preorder::new(body).any(|n| n.kind() == "throw_statement"))
    })
}

/// The exception types a `catch_clause` names (`IOException | RuntimeException` gives two).
fn caught_types<'a>(file: &JavaFile<'a>, clause: Node<'_>) -> Vec<&'a str> {
    let Some(parameter) = scope::child_of_kind(clause, "catch_formal_parameter") else {
        return Vec::new();
    };
    let Some(catch_type) = scope::child_of_kind(parameter, "catch_type") else {
        return Vec::new();
    };
    let mut cursor = catch_type.walk();
    catch_type
        .named_children(&mut cursor)
        .map(|t| file.text_of(t))
        .collect()
}

#[cfg(test)]
mod tests {
    use bdl_syntax::check_one;

    use super::*;

    const IMPORTS: &str = "package com.example;\n\
        import org.apache.hadoop.hbase.TableName;\n\
        import org.apache.hadoop.hbase.client.*;\n";

    fn lines(class: &str) -> Vec<u32> {
        let src = format!("{IMPORTS}{class}");
        check_one(&CreateTableWithoutExistsCheck, "Schema.java", &src)
            .iter()
            .map(|d| d.start.line - 3)
            .collect()
    }

    #[test]
    fn unguarded_creates_are_reported() {
        let class = "class Schema {\n\
            void a(Admin admin, TableDescriptor d, Connection conn) throws Exception {\n\
                admin.createTable(d);\n\
                conn.getAdmin().createTableAsync(d, splits);\n\
                if (admin.tableExists(d.getTableName())) { admin.createTable(d); }\n\
                if (admin.tableExists(d.getTableName())) { log(\"exists\"); }\n\
                admin.createTable(d);\n\
                try { admin.createTable(d); } catch (IOException e) { throw new UncheckedIOException(e); }\n\
                try { admin.createTable(d); } catch (RuntimeException e) { }\n\
                if (ready || !admin.tableExists(d.getTableName())) { admin.createTable(d); }\n\
            }\n\
        }\n";
        assert_eq!(lines(class), [3, 4, 5, 7, 8, 9, 10]);
    }

    #[test]
    fn message_and_help() {
        let src = format!(
            "{IMPORTS}class S {{\nvoid a(Admin admin, TableDescriptor d) throws Exception {{\nadmin.createTable(d);\n}}\n}}\n"
        );
        let found = check_one(&CreateTableWithoutExistsCheck, "S.java", &src);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "`admin.createTable` is not guarded by a `tableExists` check: a second run fails with `TableExistsException`"
        );
        assert_eq!(
            found[0].help.as_deref(),
            Some(
                "create it only if missing: `if (!admin.tableExists(name)) { admin.createTable(…); }`, or catch `TableExistsException`"
            )
        );
        assert_eq!(found[0].severity, Severity::Warning);
    }

    #[test]
    fn enclosing_checks_guard() {
        let class = "class Schema {\n\
            void a(Admin admin, TableDescriptor d, TableName t) throws Exception {\n\
                if (!admin.tableExists(t)) { admin.createTable(d); }\n\
                if (admin.tableExists(t)) { log(\"exists\"); } else { admin.createTable(d); }\n\
                if (admin.tableExists(t) == false) admin.createTable(d);\n\
                if (!(admin.tableExists(t))) { if (d != null) { admin.createTable(d); } }\n\
                boolean exists = admin.tableExists(t);\n\
                if (!exists) { admin.createTable(d); }\n\
                if (!isTableExists(\"ns\", \"t\")) { admin.createTable(d); }\n\
                if (d != null && !admin.tableExists(t)) { admin.createTable(d); }\n\
                if (!admin.isTableAvailable(t)) { admin.createTable(d); }\n\
                if (!Arrays.asList(admin.listTableNames()).contains(t)) { admin.createTable(d); }\n\
                if (!this.tableExists) { admin.createTable(d); }\n\
            }\n\
            void b(Admin admin, TableDescriptor d, boolean exists) throws Exception {\n\
                if (!exists) { admin.createTable(d); }\n\
            }\n\
        }\n";
        assert!(lines(class).is_empty(), "{:?}", lines(class));
    }

    #[test]
    fn early_exits_and_drops_guard() {
        let class = "class Schema {\n\
            void a(Admin admin, TableDescriptor d, TableName t) throws Exception {\n\
                if (admin.tableExists(t)) { log(\"exists\"); return; }\n\
                admin.createTable(d);\n\
            }\n\
            void b(Admin admin, List<TableDescriptor> ds) throws Exception {\n\
                for (TableDescriptor d : ds) {\n\
                    if (admin.tableExists(d.getTableName())) continue;\n\
                    admin.createTable(d);\n\
                }\n\
            }\n\
            void c(Admin admin, TableDescriptor d, TableName t) throws Exception {\n\
                if (admin.tableExists(t)) { admin.disableTable(t); admin.deleteTable(t); }\n\
                admin.createTable(d);\n\
            }\n\
            void e(Admin admin, TableDescriptor d, TableName t) throws Exception {\n\
                admin.disableTable(t);\n\
                admin.deleteTable(t);\n\
                admin.createTable(d);\n\
            }\n\
            void f(Admin admin, TableDescriptor d, TableName t) throws Exception {\n\
                if (!admin.tableExists(t)) { log(\"creating\"); } else { throw new IllegalStateException(); }\n\
                admin.createTable(d);\n\
            }\n\
        }\n";
        assert!(lines(class).is_empty(), "{:?}", lines(class));
    }

    #[test]
    fn catches_guard() {
        let class = "class Schema {\n\
            void a(Admin admin, TableDescriptor d) throws Exception {\n\
                try { admin.createTable(d); } catch (TableExistsException e) { log(\"exists\"); }\n\
                try { admin.createTable(d); } catch (org.apache.hadoop.hbase.TableExistsException e) { }\n\
                try { admin.createTable(d); } catch (IOException e) { log(\"table exists, not created again\"); }\n\
                try { admin.createTable(d); } catch (NamespaceNotFoundException | TableExistsException e) { throw e; }\n\
                try { admin.createTable(d); } catch (DoNotRetryIOException e) { throw e; }\n\
                try (Admin other = conn.getAdmin()) { other.createTable(d); } catch (Exception e) { e.printStackTrace(); }\n\
            }\n\
        }\n";
        assert!(lines(class).is_empty(), "{:?}", lines(class));
    }

    #[test]
    fn legacy_admin_counts_and_unproven_receivers_are_silent() {
        let class = "class Schema {\n\
            void a(Configuration conf, HTableDescriptor d, Catalog catalog, Object o) throws Exception {\n\
                HBaseAdmin admin = new HBaseAdmin(conf);\n\
                admin.createTable(d);\n\
                catalog.createTable(d);\n\
                manager().createTable(d);\n\
                ((Admin) o).createTable(d);\n\
            }\n\
        }\n";
        assert_eq!(lines(class), [4, 7]);
    }

    #[test]
    fn test_sources_are_skipped_by_default() {
        let src = format!(
            "{IMPORTS}class T {{ void a(Admin admin, TableDescriptor d) throws Exception {{ admin.createTable(d); }} }}\n"
        );
        assert!(
            check_one(
                &CreateTableWithoutExistsCheck,
                "src/test/java/SchemaTest.java",
                &src
            )
            .is_empty()
        );
    }

    #[test]
    fn deep_input_gives_up_quietly() {
        let depth = 10_000;
        // A condition nested past the depth limit says nothing: reported.
        let condition = format!(
            "{}admin.tableExists(t){}",
            "!(".repeat(depth),
            ")".repeat(depth)
        );
        let class = format!(
            "class S {{\nvoid a(Admin admin, TableName t, TableDescriptor d) throws Exception {{\nif ({condition}) {{ admin.createTable(d); }}\n}}\n}}\n"
        );
        assert_eq!(lines(&class), [3]);
        // Deeply nested blocks are searched in one walk, without recursion.
        let class = format!(
            "class S {{\nvoid a(Admin admin, TableDescriptor d, TableName t) throws Exception {{\nif (admin.tableExists(t)) return;\n{} admin.createTable(d); {}\n}}\n}}\n",
            "{".repeat(depth),
            "}".repeat(depth)
        );
        assert!(lines(&class).is_empty());
    }

    #[test]
    fn never_panics_on_broken_input() {
        for src in [
            "import org.apache.hadoop.hbase.client.*; class { void a(Admin a) { if (!a.tableExists(",
            "import org.apache.hadoop.hbase.client.*; a.createTable(",
            "import org.apache.hadoop.hbase.client.*; class A { void a(Admin a) { try { a.createTable(d) } catch ( }",
            "",
        ] {
            let _ = check_one(&CreateTableWithoutExistsCheck, "Job.java", src);
        }
    }
}
