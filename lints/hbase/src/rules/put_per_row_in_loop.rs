use bdl_core::{Ctx, RuleMeta, Severity, TestSources, declare_rule};
use bdl_syntax::java::{chain, fold, scope};
use bdl_syntax::{JavaFile, Rule};
use tree_sitter::Node;

use crate::helpers::{self, HBASE_PACKAGE, PerRecord};

declare_rule! {
    /// ## What it does
    /// Flags a single-row `put(Put)`, `delete(Delete)` or `get(Get)` on an HBase `Table` (or
    /// legacy `HTable` / `HTableInterface`) that runs once per row:
    ///
    /// - inside a loop body (`for`, enhanced `for`, `while`, `do`) or a lambda passed to
    ///   `forEach`, with a new row object per iteration (warning);
    /// - inside a per-record method of a function (`invoke`, `map`, `flatMap`,
    ///   `processElement`, `process`, `apply`, …) or a lambda passed to `map` and the like
    ///   (info: one record at a time is what such a method receives, and batching needs a
    ///   buffer with a flush on checkpoints).
    ///
    /// The argument must provably be one row: `new Put(..)` (also with chained `addColumn`
    /// calls), a variable declared as `Put` / `Delete` / `Get`, or a method of the same class
    /// declared to return one. A `List` argument (`table.put(puts)`) is the fix and is never
    /// reported, nor is any argument whose type the file does not show. In a loop, a row object
    /// declared before the loop and never reassigned in it is the same row sent again (a retry
    /// or polling loop), which is not reported. In a file that turns a legacy `HTable`'s
    /// auto-flush off (`setAutoFlush(false)`), puts are buffered on the client and not
    /// reported. The receiver must be
    /// provably an HBase table (its declared type through the imports, or
    /// `connection.getTable(..)`).
    ///
    /// Test sources are skipped by default.
    ///
    /// ## Why is this bad?
    /// `Table.put(Put)`, `delete(Delete)` and `get(Get)` each wait for one RPC to a
    /// RegionServer. In a loop over thousands of rows the job spends its time in network round
    /// trips (a millisecond or more each) instead of moving data, and the RegionServers handle
    /// a request per row instead of one batch per region. The list forms
    /// (`put(List<Put>)`, `delete(List<Delete>)`, `get(List<Get>)`) group the rows by region
    /// and send them in parallel, and a `BufferedMutator` (the replacement for the old
    /// `setAutoFlush(false)` write buffer) collects puts in the background and flushes them in
    /// batches. In a streaming job a put per record caps the sink's throughput at one
    /// round trip per record.
    ///
    /// ## Example
    /// ```java file=ClickLoader.java bad
    /// import java.util.List;
    /// import org.apache.hadoop.hbase.client.Put;
    /// import org.apache.hadoop.hbase.client.Table;
    /// import org.apache.hadoop.hbase.util.Bytes;
    ///
    /// class ClickLoader {
    ///     void load(Table table, List<String> ids) throws Exception {
    ///         for (String id : ids) {
    ///             Put put = new Put(Bytes.toBytes(id));
    ///             put.addColumn(Bytes.toBytes("c"), Bytes.toBytes("n"), Bytes.toBytes(1L));
    ///             table.put(put);
    ///         }
    ///     }
    /// }
    /// ```
    ///
    /// Use instead:
    ///
    /// ```java file=ClickLoader.java good
    /// import java.util.ArrayList;
    /// import java.util.List;
    /// import org.apache.hadoop.hbase.client.Put;
    /// import org.apache.hadoop.hbase.client.Table;
    /// import org.apache.hadoop.hbase.util.Bytes;
    ///
    /// class ClickLoader {
    ///     void load(Table table, List<String> ids) throws Exception {
    ///         List<Put> puts = new ArrayList<>();
    ///         for (String id : ids) {
    ///             Put put = new Put(Bytes.toBytes(id));
    ///             put.addColumn(Bytes.toBytes("c"), Bytes.toBytes("n"), Bytes.toBytes(1L));
    ///             puts.add(put);
    ///         }
    ///         table.put(puts);
    ///     }
    /// }
    /// ```
    ///
    /// ## How to fix
    /// Collect the rows and send them once: `table.put(puts)`, `table.delete(deletes)`,
    /// `table.get(gets)` (in chunks of a few thousand for very large inputs). For a steady
    /// stream of writes, use a `BufferedMutator` from `connection.getBufferedMutator(name)`:
    /// call `mutate(put)` per row and `flush()` / `close()` at the end; in a Flink sink open it
    /// in `open()`, flush it in `snapshotState` (or on a timer) and close it in `close()`, or use
    /// Flink's HBase connector, which does this. For per-record lookups in a stream, cache the
    /// results or use Flink's async I/O.
    ///
    /// ## Options
    /// - `lint-test-sources` (boolean, default `false`): also lint test sources
    ///   (`src/test/**`, `*Test.java`, `*IT.java`, `*ITCase.java`), where a few rows written
    ///   one by one are usually fine.
    ///
    /// ## References
    /// - HBase `Table` Javadoc (`put(List<Put>)`, `batch`, `get(List<Get>)`):
    ///   <https://hbase.apache.org/2.4/apidocs/org/apache/hadoop/hbase/client/Table.html>
    /// - HBase `BufferedMutator` Javadoc ("batched, asynchronous puts"):
    ///   <https://hbase.apache.org/2.4/apidocs/org/apache/hadoop/hbase/client/BufferedMutator.html>
    /// - The Apache HBase Reference Guide, Client, write buffer and batch methods:
    ///   <https://hbase.apache.org/book.html#client.writebuffer>
    /// - Flink docs, Async I/O for external data access:
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/dev/datastream/operators/asyncio/>
    pub PutPerRowInLoop {
        code: "HBS006",
        name: "put-per-row-in-loop",
        summary: "a single-row HBase `put`, `delete` or `get` runs once per row in a loop or per-record method",
        severity: Warning,
        kinds: [Java],
        // The rule reads only files that import HBase (`imports_from(HBASE_PACKAGE)`).
        triggers: ["org.apache.hadoop.hbase"],
        options: [TestSources::SKIP_BY_DEFAULT],
    }
}

impl Rule for PutPerRowInLoop {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        if !file.imports_from(HBASE_PACKAGE) {
            return;
        }
        let buffered = autoflush_off(file);
        for call in file.nodes_of_kind("method_invocation") {
            let Some(op) = operation(file, call) else {
                continue;
            };
            if op.method == "put" && buffered {
                continue;
            }
            let Some(context) = helpers::per_record(file, call) else {
                continue;
            };
            if let PerRecord::Loop { node, .. } = context
                && !fresh_per_iteration(file, op.argument, node)
            {
                continue;
            }
            report(file, cx, call, &op, &context);
        }
    }
}

/// A single-row operation on a provable table.
struct Operation<'t> {
    /// `put`, `delete` or `get`.
    method: &'static str,
    /// `Put`, `Delete` or `Get`.
    row_class: &'static str,
    /// The one argument.
    argument: Node<'t>,
}

/// `table.put(Put)`, `table.delete(Delete)` or `table.get(Get)` with one provably single-row
/// argument on a provable table.
fn operation<'t>(file: &JavaFile<'_>, call: Node<'t>) -> Option<Operation<'t>> {
    let (method, row_class) = match file.text_of(call.child_by_field_name("name")?) {
        "put" => ("put", "Put"),
        "delete" => ("delete", "Delete"),
        "get" => ("get", "Get"),
        _ => return None,
    };
    let arguments = fold::arguments(call);
    let [argument] = arguments.as_slice() else {
        return None;
    };
    let receiver = call.child_by_field_name("object")?;
    (single_row(file, *argument, row_class) && helpers::is_table(file, receiver)).then_some(
        Operation {
            method,
            row_class,
            argument: *argument,
        },
    )
}

/// How many wrappers, chained calls or variables [`single_row`] follows.
const MAX_STEPS: usize = 32;

/// Whether `argument` is provably one `row_class` (`Put`, `Delete`, `Get`) object: created
/// with `new` (optionally followed by builder calls such as `addColumn`), a variable declared
/// with that type, a cast to it, or a call to a method of the same class declared to return it.
fn single_row(file: &JavaFile<'_>, argument: Node<'_>, row_class: &str) -> bool {
    let is_row = |text: &str| helpers::is_client_type(file, text, row_class);
    let mut expr = argument;
    for _ in 0..MAX_STEPS {
        match expr.kind() {
            "parenthesized_expression" => match expr.named_child(0) {
                Some(inner) => expr = inner,
                None => return false,
            },
            "cast_expression" => {
                return expr
                    .child_by_field_name("type")
                    .is_some_and(|t| is_row(file.text_of(t)));
            }
            "object_creation_expression" => {
                return expr
                    .child_by_field_name("type")
                    .is_some_and(|t| is_row(file.text_of(t)));
            }
            "identifier" | "field_access" => {
                let Some(declaration) = scope::declaration_of(file, expr) else {
                    return false;
                };
                match declaration.ty.map(|t| file.text_of(t)) {
                    Some("var") | None => match declaration.value {
                        Some(value) => expr = value,
                        None => return false,
                    },
                    Some(ty) => return is_row(ty),
                }
            }
            "method_invocation" => {
                let name = chain::method_name(file, expr);
                if let Some(receiver) = chain::receiver(expr).filter(|_| is_builder_call(name)) {
                    expr = receiver;
                    continue;
                }
                return scope::own_method_returns(file, expr, |t| {
                    helpers::is_client_type(file, t, row_class)
                });
            }
            _ => return false,
        }
    }
    false
}

/// The `Put` / `Get` / `Delete` methods that return the same object (`addColumn`,
/// `setTimestamp`, `readVersions`, …).
fn is_builder_call(name: &str) -> bool {
    ["add", "set", "read", "with"]
        .iter()
        .any(|prefix| name.starts_with(prefix))
}

/// Whether the row object `argument` is a new one in each iteration of `loop_`: created in the
/// call, by a call in the loop, or held by a variable declared in the loop (the enhanced `for`
/// variable included) or assigned in it. A variable declared before the loop and not assigned
/// in it is the same row each time: a retry or polling loop.
fn fresh_per_iteration(file: &JavaFile<'_>, argument: Node<'_>, loop_: Node<'_>) -> bool {
    let Some(expr) = scope::unparenthesize(argument) else {
        return false;
    };
    if !matches!(expr.kind(), "identifier" | "field_access") {
        return true;
    }
    let Some(declaration) = scope::declaration_of(file, expr) else {
        return false;
    };
    if helpers::contains(loop_, declaration.node) {
        return true;
    }
    let name = file.text_of(declaration.node.child_by_field_name("name").unwrap_or(expr));
    !scope::never_reassigned(file, loop_, name)
}

/// Whether the file turns off a legacy `HTable`'s auto-flush (`setAutoFlush(false)`,
/// `setAutoFlush(false, …)`, `setAutoFlushTo(false)`), which buffers puts on the client.
fn autoflush_off(file: &JavaFile<'_>) -> bool {
    file.nodes_of_kind("method_invocation").any(|call| {
        matches!(
            chain::method_name(file, call),
            "setAutoFlush" | "setAutoFlushTo"
        ) && fold::arguments(call)
            .first()
            .is_some_and(|a| file.text_of(*a) == "false")
    })
}

fn report(
    file: &JavaFile<'_>,
    cx: &mut Ctx<'_>,
    call: Node<'_>,
    op: &Operation<'_>,
    context: &PerRecord<'_, '_>,
) {
    let Operation {
        method, row_class, ..
    } = *op;
    let table = helpers::receiver_text(file, call, "table");
    // A loop, or a lambda passed to `forEach` / `forEachRemaining`: per row of a collection.
    let runs_per_row = match context {
        PerRecord::Loop { .. } => true,
        PerRecord::Lambda { call: runs_in, .. } => runs_in.starts_with("forEach"),
        PerRecord::Method { .. } => false,
    };
    let (severity, message, label) = if runs_per_row {
        (
            Severity::Warning,
            format!(
                "`{table}.{method}({row_class})` runs once per row in {}: one RPC per row",
                context.describe()
            ),
            if context.is_loop() {
                "one iteration per row".to_owned()
            } else {
                "runs once per element".to_owned()
            },
        )
    } else {
        (
            Severity::Info,
            format!(
                "`{table}.{method}({row_class})` runs once per record in {}: one RPC per record",
                context.describe()
            ),
            match context {
                PerRecord::Method { name, .. } => format!("`{name}` runs once per record"),
                _ => "runs once per element".to_owned(),
            },
        )
    };
    let help = match (method, runs_per_row) {
        ("put", true) => {
            "collect the rows into a `List<Put>` and call `put(list)` once, or use a \
                          `BufferedMutator`"
        }
        ("delete", true) => "collect the rows into a `List<Delete>` and call `delete(list)` once",
        ("get", true) => "collect the rows into a `List<Get>` and call `get(list)` once",
        ("put" | "delete", false) => {
            "write through a `BufferedMutator` opened in `open()` and flushed on checkpoints, or \
             use Flink's HBase sink"
        }
        _ => "cache the lookups, or batch them with `get(List<Get>)` or Flink's async I/O",
    };
    cx.report(severity, JavaFile::span_of(call), message)
        .label(context.anchor(), label)
        .help(help);
}

#[cfg(test)]
mod tests {
    use bdl_syntax::check_one;

    use super::*;

    const IMPORTS: &str = "package com.example;\n\
        import org.apache.hadoop.hbase.TableName;\n\
        import org.apache.hadoop.hbase.client.*; import org.apache.flink.api.common.functions.MapFunction;\n";

    fn found(class: &str) -> Vec<(u32, Severity)> {
        let src = format!("{IMPORTS}{class}");
        check_one(&PutPerRowInLoop, "Job.java", &src)
            .iter()
            .map(|d| (d.start.line - 3, d.severity))
            .collect()
    }

    fn lines(class: &str) -> Vec<u32> {
        found(class).into_iter().map(|(l, _)| l).collect()
    }

    #[test]
    fn single_rows_in_loops_are_warnings() {
        let class = "class Loader {\n\
            void load(Table table, List<String> ids, Put[] batch) throws Exception {\n\
                for (String id : ids) { table.put(new Put(Bytes.toBytes(id)).addColumn(f, q, v)); }\n\
                for (int i = 0; i < 10; i++) { Delete d = new Delete(row(i)); table.delete(d); }\n\
                Iterator<String> it = ids.iterator();\n\
                while (it.hasNext()) { Result r = table.get(new Get(Bytes.toBytes(it.next()))); }\n\
                for (Put p : batch) table.put(p);\n\
                ids.forEach(id -> { try { table.put(toPut(id)); } catch (IOException e) { } });\n\
                Get g;\n\
                do { g = new Get(next()); table.get(g); } while (more());\n\
            }\n\
            Put toPut(String id) { return new Put(Bytes.toBytes(id)); }\n\
        }\n";
        assert_eq!(
            found(class),
            [
                (3, Severity::Warning),
                (4, Severity::Warning),
                (6, Severity::Warning),
                (7, Severity::Warning),
                (8, Severity::Warning),
                (10, Severity::Warning)
            ]
        );
    }

    #[test]
    fn message_help_and_label() {
        let src = format!(
            "{IMPORTS}class Loader {{\nvoid load(Table table, List<String> ids) throws Exception {{\nfor (String id : ids) {{\ntable.put(new Put(Bytes.toBytes(id)));\n}}\n}}\n}}\n"
        );
        let found = check_one(&PutPerRowInLoop, "Loader.java", &src);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "`table.put(Put)` runs once per row in this `for` loop: one RPC per row"
        );
        assert_eq!(
            found[0].help.as_deref(),
            Some(
                "collect the rows into a `List<Put>` and call `put(list)` once, or use a `BufferedMutator`"
            )
        );
        assert_eq!(found[0].labels[0].span.slice(&src), "for");
    }

    #[test]
    fn per_record_methods_are_info() {
        let class = "class Sink extends RichSinkFunction<String> {\n\
            private transient Table table;\n\
            public void invoke(String v, Context c) throws Exception {\n\
                Put put = new Put(Bytes.toBytes(v));\n\
                table.put(put);\n\
            }\n\
            public String map(String v) throws Exception {\n\
                return Bytes.toString(table.get(new Get(Bytes.toBytes(v))).value());\n\
            }\n\
        }\n";
        assert_eq!(found(class), [(5, Severity::Info), (8, Severity::Info)]);
        let src = format!("{IMPORTS}{class}");
        let found = check_one(&PutPerRowInLoop, "Sink.java", &src);
        assert_eq!(
            found[0].message,
            "`table.put(Put)` runs once per record in `invoke`: one RPC per record"
        );
        assert_eq!(found[0].labels[0].message, "`invoke` runs once per record");
    }

    #[test]
    fn lists_and_batches_are_the_fix() {
        let class = "class Loader {\n\
            void load(Table table, List<String> ids) throws Exception {\n\
                List<Put> puts = new ArrayList<>();\n\
                for (String id : ids) { puts.add(new Put(Bytes.toBytes(id))); }\n\
                table.put(puts);\n\
                for (List<Put> chunk : Lists.partition(puts, 1000)) { table.put(chunk); }\n\
                for (String id : ids) { table.put(Collections.singletonList(new Put(Bytes.toBytes(id)))); }\n\
                for (String id : ids) { var deletes = new ArrayList<Delete>(); table.delete(deletes); }\n\
            }\n\
        }\n";
        assert!(lines(class).is_empty(), "{:?}", lines(class));
    }

    #[test]
    fn retries_polls_and_one_off_calls_are_silent() {
        let class = "class Tool {\n\
            void write(Table table, Put put, Get get) throws Exception {\n\
                table.put(put);\n\
                for (int attempt = 0; attempt < 3; attempt++) {\n\
                    try { table.put(put); break; } catch (IOException e) { sleep(); }\n\
                }\n\
                while (table.get(get).isEmpty()) { sleep(); }\n\
                Put fixed = new Put(ROW);\n\
                while (!done()) { table.put(fixed); }\n\
            }\n\
        }\n";
        assert!(lines(class).is_empty(), "{:?}", lines(class));
    }

    #[test]
    fn unproven_receivers_and_arguments_are_silent() {
        let class = "class Other {\n\
            void a(Map<String, Put> map, Table table, com.google.common.collect.Table<String, String, Put> guava, List<String> ids) {\n\
                for (String id : ids) {\n\
                    map.put(id, new Put(Bytes.toBytes(id)));\n\
                    guava.put(id, id, new Put(Bytes.toBytes(id)));\n\
                    cache.get(new Get(Bytes.toBytes(id)));\n\
                    table.put(convert(id));\n\
                    table.get(id);\n\
                }\n\
            }\n\
        }\n";
        assert!(lines(class).is_empty(), "{:?}", lines(class));
        let src = "package p;\nimport java.util.*;\nclass A { void a(Table t, List<Put> l) { for (Put p : l) t.put(p); } }\n";
        assert!(check_one(&PutPerRowInLoop, "A.java", src).is_empty());
    }

    #[test]
    fn legacy_tables_and_autoflush() {
        let class = "class Legacy {\n\
            void a(Configuration conf, List<String> ids) throws Exception {\n\
                HTable t = new HTable(conf, \"t\");\n\
                for (String id : ids) { t.put(new Put(Bytes.toBytes(id))); }\n\
                HTableInterface i = pool.getTable(\"t\");\n\
                for (String id : ids) { i.delete(new Delete(Bytes.toBytes(id))); }\n\
            }\n\
        }\n";
        assert_eq!(lines(class), [4, 6]);
        let buffered = "class Legacy {\n\
            void a(Configuration conf, List<String> ids) throws Exception {\n\
                HTable t = new HTable(conf, \"t\");\n\
                t.setAutoFlush(false, true);\n\
                for (String id : ids) { t.put(new Put(Bytes.toBytes(id))); }\n\
                t.flushCommits();\n\
            }\n\
        }\n";
        assert!(lines(buffered).is_empty());
    }

    #[test]
    fn deep_input_gives_up_quietly() {
        // A long chain of `var` copies is followed a bounded number of steps, without recursion.
        let copies: Vec<String> = (1..5_000)
            .map(|i| format!("var p{i} = p{};", i - 1))
            .collect();
        let copies = copies.join("\n");
        let class = format!(
            "class L {{\nvoid a(Table table, List<String> ids) throws Exception {{\nfor (String id : ids) {{\nvar p0 = new Put(Bytes.toBytes(id));\n{copies}\ntable.put(p4999);\n}}\n}}\n}}\n"
        );
        assert!(lines(&class).is_empty());
        let class = "class L {\nvoid a(Table table, List<String> ids) throws Exception {\nfor (String id : ids) {\nvar p0 = new Put(Bytes.toBytes(id));\nvar p1 = p0;\ntable.put(p1);\n}\n}\n}\n";
        assert_eq!(lines(class), [6]);
    }

    #[test]
    fn never_panics_on_broken_input() {
        for src in [
            "import org.apache.hadoop.hbase.client.*; class { void a(Table t) { for (;;) t.put(",
            "import org.apache.hadoop.hbase.client.*; while (x) ((Table) t).put(new Put(",
            "import org.apache.hadoop.hbase.client.*; class A { void invoke(String v) { t.get(new Get()) } }",
            "",
        ] {
            let _ = check_one(&PutPerRowInLoop, "Job.java", src);
        }
    }
}
