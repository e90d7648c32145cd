use std::fmt::Write as _;

use bdl_core::{Ctx, OptionKind, OptionMeta, RuleMeta, Severity, declare_rule};
use bdl_syntax::java::lifetime::{self, Fate, Trace};
use bdl_syntax::{JavaFile, Rule};
use tree_sitter::Node;

use crate::helpers::{self, HBASE_PACKAGE};

declare_rule! {
    /// ## What it does
    /// Flags an HBase `Table`, `Admin`, `BufferedMutator` or `RegionLocator` obtained from a
    /// `Connection` (`getTable`, `getAdmin`, `getBufferedMutator`, `getRegionLocator`), or a
    /// legacy `new HTable(..)` / `new HBaseAdmin(..)`, that is never closed: used inline,
    /// held in a local that is only ever used for calls, or stored in a field that no
    /// lifecycle method of the class closes (`close()`, `@PreDestroy`, `destroy()`,
    /// `shutdown()`, `stop()`, `tearDown()`, `cleanup()`).
    ///
    /// A handle passed to a method of the same class that no subclass can replace (`private`,
    /// `static` or `final`, or any method of a `final` class) is followed into that method: one
    /// that closes it closes it, one that only calls methods on it (`put(table, row)`) leaves
    /// the caller owning it, so a caller that never closes it is reported, naming the method.
    ///
    /// A handle closed outside `finally` while a call that can throw runs between the
    /// acquisition and the close (`admin.createTable(desc); admin.close();`) leaks when that
    /// call throws: this is reported at `info` (see `normal-path-severity`), naming the call. A
    /// close with nothing before it that can throw is as good as one in `finally`.
    ///
    /// A `static` field set once per class load (in a `static {}` block or its own initialiser)
    /// from a `static` `Connection` field that is itself never closed is a process-lifetime
    /// singleton of a utility class, not a leak of one unit of work: it is reported at `info`.
    ///
    /// It stays silent when the value is a try-with-resources resource, closed in a `finally`
    /// block or right after it is obtained, annotated with Lombok's `@Cleanup`, returned to the
    /// caller, or handed to another owner (passed to a method or constructor it cannot follow,
    /// added to a collection, assigned elsewhere). It reports only when the receiver is
    /// provably an HBase `Connection` (its declared type, or
    /// `ConnectionFactory.createConnection(..)`), so a Guava `Table` or a catalog's `getTable`
    /// is never mistaken for one.
    ///
    /// ## Why is this bad?
    /// The HBase `Connection` Javadoc says that creating a connection is a heavy-weight
    /// operation and that connections are thread-safe and meant to be shared, while "Table and
    /// Admin instances, on the other hand, are light-weight and are not thread-safe": each
    /// unit of work obtains its own handle and closes it. A handle holds client resources until
    /// `close()`: a `BufferedMutator` keeps unsent mutations in its write buffer (its `close()`
    /// flushes them, so an unclosed mutator can silently lose writes), and the legacy `HTable`
    /// Javadoc asks that an instance no longer needed be closed so that its underlying
    /// resources are released promptly. In a long-running job (a Flink sink that opens its
    /// table in `open()`), a handle that `close()` forgets stays alive for the life of the
    /// TaskManager, and one more leaks with every restart of the task.
    ///
    /// ## Example
    /// ```java file=Job.java bad
    /// import org.apache.hadoop.hbase.TableName;
    /// import org.apache.hadoop.hbase.client.Connection;
    /// import org.apache.hadoop.hbase.client.Put;
    /// import org.apache.hadoop.hbase.client.Table;
    ///
    /// class Job {
    ///     void save(Connection conn, Put put) throws Exception {
    ///         Table table = conn.getTable(TableName.valueOf("orders"));
    ///         table.put(put);
    ///     }
    /// }
    /// ```
    ///
    /// Use instead:
    ///
    /// ```java file=Job.java good
    /// import org.apache.hadoop.hbase.TableName;
    /// import org.apache.hadoop.hbase.client.Connection;
    /// import org.apache.hadoop.hbase.client.Put;
    /// import org.apache.hadoop.hbase.client.Table;
    ///
    /// class Job {
    ///     void save(Connection conn, Put put) throws Exception {
    ///         try (Table table = conn.getTable(TableName.valueOf("orders"))) {
    ///             table.put(put);
    ///         }
    ///     }
    /// }
    /// ```
    ///
    /// A helper of the class that only uses the table leaves it to the caller, which never
    /// closes it:
    ///
    /// ```java file=Repository.java bad
    /// import org.apache.hadoop.hbase.TableName;
    /// import org.apache.hadoop.hbase.client.Connection;
    /// import org.apache.hadoop.hbase.client.Put;
    /// import org.apache.hadoop.hbase.client.Table;
    ///
    /// class Repository {
    ///     void save(Connection conn, Put put) throws Exception {
    ///         Table table = conn.getTable(TableName.valueOf("orders"));
    ///         write(table, put);
    ///     }
    ///
    ///     private void write(Table table, Put put) throws Exception {
    ///         table.put(put);
    ///     }
    /// }
    /// ```
    ///
    /// A `close()` that a failing `createTable` skips (reported at `info`):
    ///
    /// ```java file=Schema.java bad
    /// import org.apache.hadoop.hbase.client.Admin;
    /// import org.apache.hadoop.hbase.client.Connection;
    /// import org.apache.hadoop.hbase.client.TableDescriptor;
    ///
    /// class Schema {
    ///     void create(Connection conn, TableDescriptor desc) throws Exception {
    ///         Admin admin = conn.getAdmin();
    ///         admin.createTable(desc);
    ///         admin.close();
    ///     }
    /// }
    /// ```
    ///
    /// Use instead:
    ///
    /// ```java file=Schema.java good
    /// import org.apache.hadoop.hbase.client.Admin;
    /// import org.apache.hadoop.hbase.client.Connection;
    /// import org.apache.hadoop.hbase.client.TableDescriptor;
    ///
    /// class Schema {
    ///     void create(Connection conn, TableDescriptor desc) throws Exception {
    ///         try (Admin admin = conn.getAdmin()) {
    ///             admin.createTable(desc);
    ///         }
    ///     }
    /// }
    /// ```
    ///
    /// ## How to fix
    /// Open short-lived handles in try-with-resources:
    /// `try (Table table = conn.getTable(name)) { … }`. A handle kept in a field (a Flink
    /// `RichFunction` that opens it in `open()`) must be closed in the class's `close()`
    /// method, before the `Connection` it came from. Replace the deprecated `new HTable(..)`
    /// and `new HBaseAdmin(..)` with `conn.getTable(..)` and `conn.getAdmin()` on one shared
    /// `Connection`. A method that returns the handle to its caller is fine: the caller owns
    /// it then. A handle that a helper method only uses is still the caller's to close. A
    /// `close()` that an exception can skip belongs in `finally`, or the handle in
    /// try-with-resources.
    ///
    /// ## Options
    /// - `normal-path-severity` (severity, default `info`): the severity of a handle closed only
    ///   on the normal path, when a call that can throw runs before its `close()`; `warning` or
    ///   `error` to treat these as seriously as handles never closed.
    ///
    /// ## References
    /// - HBase `Connection` Javadoc (thread safety and lifecycle of `Table` and `Admin`):
    ///   <https://hbase.apache.org/2.4/apidocs/org/apache/hadoop/hbase/client/Connection.html>
    /// - HBase `BufferedMutator` Javadoc ("call `close()` afterwards"):
    ///   <https://hbase.apache.org/2.4/apidocs/org/apache/hadoop/hbase/client/BufferedMutator.html>
    /// - The Apache HBase Reference Guide, Apache HBase APIs and client:
    ///   <https://hbase.apache.org/book.html#hbase_apis>
    /// - Java try-with-resources:
    ///   <https://docs.oracle.com/javase/tutorial/essential/exceptions/tryResourceClose.html>
    pub HbaseTableNotClosed {
        code: "HBS001",
        name: "hbase-table-not-closed",
        summary: "an HBase `Table`, `Admin`, `BufferedMutator` or `RegionLocator` is never closed",
        severity: Error,
        kinds: [Java],
        triggers: [
            "getTable",
            "getAdmin",
            "getBufferedMutator",
            "getRegionLocator",
            "HTable",
            "HBaseAdmin",
        ],
        options: [OptionMeta {
            name: "normal-path-severity",
            kind: OptionKind::Severity,
            default: "info",
            doc: "The severity of a handle closed only on the normal path: `info`, `warning` or \
                  `error`.",
        }],
    }
}

impl Rule for HbaseTableNotClosed {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        if !file.imports_from(HBASE_PACKAGE) {
            return;
        }
        let normal_path = cx
            .options()
            .severity("normal-path-severity")
            .unwrap_or(Severity::Info);
        for node in file.nodes() {
            let Some(acquired) = acquisition(file, node) else {
                continue;
            };
            let trace = lifetime::trace(file, node);
            if trace.fate.is_leak() {
                if lifetime::is_process_singleton(file, node, &trace) {
                    report_singleton(file, cx, node, acquired, &trace);
                } else {
                    report(file, cx, node, acquired, &trace);
                }
            } else if let (Fate::Closed, Some(between)) = (trace.fate, trace.between) {
                report_normal_path(file, cx, node, acquired, &trace, between, normal_path);
            }
        }
    }
}

/// What an acquisition hands out.
#[derive(Clone, Copy, Debug)]
struct Acquired {
    /// The class or interface handed out, as the message names it (`Table`, `HTable`).
    resource: &'static str,
    /// How it was obtained, as the message names it (`getTable`, `new HTable`).
    source: &'static str,
    /// The modern interface for the try-with-resources suggestion.
    interface: &'static str,
    /// A variable name for the suggestion when the code has none.
    variable: &'static str,
    /// Whether it came from the deprecated constructors rather than a `Connection`.
    legacy: bool,
}

/// The resource `node` acquires, when it is one of the HBase acquisitions with proven
/// receiver or class.
fn acquisition(file: &JavaFile<'_>, node: Node<'_>) -> Option<Acquired> {
    match node.kind() {
        "method_invocation" => {
            let name = file.text_of(node.child_by_field_name("name")?);
            let arguments = node
                .child_by_field_name("arguments")
                .map_or(0, |a| a.named_child_count());
            let (resource, variable) = match (name, arguments) {
                ("getTable", 1..) => ("Table", "table"),
                ("getAdmin", 0) => ("Admin", "admin"),
                ("getBufferedMutator", 1) => ("BufferedMutator", "mutator"),
                ("getRegionLocator", 1) => ("RegionLocator", "locator"),
                _ => return None,
            };
            let receiver = node.child_by_field_name("object")?;
            helpers::is_connection(file, receiver).then_some(Acquired {
                resource,
                source: name_of(name),
                interface: resource,
                variable,
                legacy: false,
            })
        }
        "object_creation_expression" => {
            let ty = file.text_of(node.child_by_field_name("type")?);
            if helpers::is_client_type(file, ty, "HTable") {
                Some(Acquired {
                    resource: "HTable",
                    source: "new HTable",
                    interface: "Table",
                    variable: "table",
                    legacy: true,
                })
            } else if helpers::is_client_type(file, ty, "HBaseAdmin") {
                Some(Acquired {
                    resource: "HBaseAdmin",
                    source: "new HBaseAdmin",
                    interface: "Admin",
                    variable: "admin",
                    legacy: true,
                })
            } else {
                None
            }
        }
        _ => None,
    }
}

/// The static name of a matched acquisition method.
fn name_of(method: &str) -> &'static str {
    match method {
        "getTable" => "getTable",
        "getAdmin" => "getAdmin",
        "getBufferedMutator" => "getBufferedMutator",
        _ => "getRegionLocator",
    }
}

fn report(
    file: &JavaFile<'_>,
    cx: &mut Ctx<'_>,
    node: Node<'_>,
    acquired: Acquired,
    trace: &Trace<'_>,
) {
    let Acquired {
        resource, source, ..
    } = acquired;
    let span = JavaFile::span_of(node);
    let holder = trace.holder;
    let holder_name = holder.map(|h| file.text_of(h.name));
    if trace.fate == Fate::FieldNeverClosed {
        let field = holder_name.unwrap_or("field");
        let mut reported = cx.report(
            Severity::Error,
            span,
            format!(
                "field `{field}` holds an HBase `{resource}` from `{source}` but no lifecycle \
                 method closes it"
            ),
        );
        reported.help(format!(
            "close it in this class's `close()` method: `if ({field} != null) {{ {field}.close(); }}`"
        ));
        if let Some(h) = holder {
            reported.label(
                JavaFile::span_of(h.name),
                format!("`{field}` is declared here"),
            );
        }
        return;
    }
    let mut message = if let Some(local) = holder_name {
        format!("the HBase `{resource}` from `{source}` is stored in `{local}` and never closed")
    } else {
        format!("the HBase `{resource}` from `{source}` is never closed")
    };
    if let Some(call) = trace.passed_to {
        let _ = write!(
            message,
            ": it is passed to `{}`, which does not close it",
            call_name(file, call)
        );
    }
    let help = try_with_resources_help(file, node, acquired, holder_name);
    let mut reported = cx.report(Severity::Error, span, message);
    reported.help(help);
    if let Some(call) = trace.passed_to {
        reported.label(JavaFile::span_of(call), "passed here, not closed there");
    }
}

/// A handle closed outside `finally` after a call that can throw (`between`).
fn report_normal_path(
    file: &JavaFile<'_>,
    cx: &mut Ctx<'_>,
    node: Node<'_>,
    acquired: Acquired,
    trace: &Trace<'_>,
    between: Node<'_>,
    severity: Severity,
) {
    let Acquired {
        resource, source, ..
    } = acquired;
    let holder_name = trace.holder.map(|h| file.text_of(h.name));
    let stored = holder_name.map_or_else(String::new, |h| format!(" in `{h}`"));
    let close = trace
        .evidence
        .map(|c| file.text_of(c))
        .filter(|t| t.len() <= 40 && !t.contains('\n'))
        .map_or_else(|| "the close".to_owned(), |t| format!("`{t}`"));
    let thrower = match between.kind() {
        "throw_statement" => "a `throw`".to_owned(),
        _ => format!("`{}`", call_name(file, between)),
    };
    let message = format!(
        "the HBase `{resource}` from `{source}`{stored} is closed only on the normal path: \
         {thrower} can throw before {close} runs"
    );
    let help = try_with_resources_help(file, node, acquired, holder_name);
    cx.report(severity, JavaFile::span_of(node), message)
        .help(help)
        .label(
            JavaFile::span_of(between),
            "an exception here skips the close",
        );
}

/// A static field set once per class load from a static `Connection` that is never closed.
fn report_singleton(
    file: &JavaFile<'_>,
    cx: &mut Ctx<'_>,
    node: Node<'_>,
    acquired: Acquired,
    trace: &Trace<'_>,
) {
    let Acquired {
        resource, source, ..
    } = acquired;
    let Some(holder) = trace.holder else {
        return;
    };
    let field = file.text_of(holder.name);
    let connection = node
        .child_by_field_name("object")
        .map(|o| file.text_of(o))
        .filter(|t| t.len() <= 40 && !t.contains('\n'))
        .map_or_else(String::new, |t| format!(" `{t}`"));
    cx.report(
        Severity::Info,
        JavaFile::span_of(node),
        format!(
            "static field `{field}` keeps an HBase `{resource}` from `{source}` open for the life \
             of the process, like the never-closed `Connection`{connection} it came from"
        ),
    )
    .help(format!(
        "open a short-lived `{resource}` per use in try-with-resources, or close both in a shutdown hook"
    ))
    .label(
        JavaFile::span_of(holder.name),
        format!("`{field}` is declared here"),
    );
}

/// How a message names a call: `createTable(..)`, `flush()`, `new HTableDescriptor(..)`.
fn call_name(file: &JavaFile<'_>, call: Node<'_>) -> String {
    let arguments = call
        .child_by_field_name("arguments")
        .map_or(0, |a| a.named_child_count());
    let parentheses = if arguments == 0 { "()" } else { "(..)" };
    if call.kind() == "object_creation_expression" {
        let ty = call
            .child_by_field_name("type")
            .map(|t| file.text_of(t))
            .unwrap_or_default();
        format!("new {ty}{parentheses}")
    } else {
        let name = call
            .child_by_field_name("name")
            .map(|n| file.text_of(n))
            .unwrap_or_default();
        format!("{name}{parentheses}")
    }
}

/// "open it in try-with-resources: `try (Table table = conn.getTable(name)) { … }`", with the
/// code's own call and variable name when they are short enough to read in one line.
fn try_with_resources_help(
    file: &JavaFile<'_>,
    node: Node<'_>,
    acquired: Acquired,
    local: Option<&str>,
) -> String {
    let variable = local.unwrap_or(acquired.variable);
    let interface = acquired.interface;
    if acquired.legacy {
        let call = if interface == "Admin" {
            "connection.getAdmin()"
        } else {
            "connection.getTable(name)"
        };
        return format!(
            "get it from a shared `Connection` in try-with-resources: \
             `try ({interface} {variable} = {call}) {{ … }}`"
        );
    }
    let text = file.text_of(node);
    let call = if text.len() <= 60 && !text.contains('\n') {
        text.to_owned()
    } else if interface == "Admin" {
        "connection.getAdmin()".to_owned()
    } else {
        format!("connection.{}(name)", acquired.source)
    };
    format!("open it in try-with-resources: `try ({interface} {variable} = {call}) {{ … }}`")
}

#[cfg(test)]
mod tests {
    use bdl_syntax::check_one;

    use super::*;

    const IMPORTS: &str = "package com.example;\n\
        import org.apache.hadoop.hbase.TableName;\n\
        import org.apache.hadoop.hbase.client.*;\n";

    /// The 1-based lines HBS001 reports in `body`, placed in a class after [`IMPORTS`].
    fn lines(class: &str) -> Vec<u32> {
        let src = format!("{IMPORTS}{class}");
        check_one(&HbaseTableNotClosed, "Job.java", &src)
            .iter()
            .map(|d| d.start.line - 3)
            .collect()
    }

    #[test]
    fn leaked_local_inline_and_discarded() {
        let class = "class Job {\n\
            void save(Connection conn, Put p) throws Exception {\n\
                Table t = conn.getTable(TableName.valueOf(\"t\"));\n\
                t.put(p);\n\
                conn.getTable(TableName.valueOf(\"t\")).put(p);\n\
                conn.getAdmin();\n\
            }\n\
        }\n";
        assert_eq!(lines(class), [3, 5, 6]);
    }

    #[test]
    fn message_and_help() {
        let src = format!(
            "{IMPORTS}class Job {{\nvoid save(Connection conn, Put p) throws Exception {{\nTable t = conn.getTable(name);\nt.put(p);\n}}\n}}\n"
        );
        let found = check_one(&HbaseTableNotClosed, "Job.java", &src);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "the HBase `Table` from `getTable` is stored in `t` and never closed"
        );
        assert_eq!(
            found[0].help.as_deref(),
            Some("open it in try-with-resources: `try (Table t = conn.getTable(name)) { … }`")
        );
        assert_eq!(found[0].span.slice(&src), "conn.getTable(name)");
    }

    #[test]
    fn field_never_closed_in_a_flink_sink() {
        let class = "class Sink extends RichSinkFunction<String> {\n\
            private transient Connection connection;\n\
            private transient Table table;\n\
            public void open(Configuration parameters) throws Exception {\n\
                connection = ConnectionFactory.createConnection(HBaseConfiguration.create());\n\
                table = connection.getTable(TableName.valueOf(\"events\"));\n\
            }\n\
            public void invoke(String value, Context context) throws Exception { table.put(toPut(value)); }\n\
            public void close() throws Exception { connection.close(); }\n\
        }\n";
        assert_eq!(lines(class), [6]);
        let src = format!("{IMPORTS}{class}");
        let found = check_one(&HbaseTableNotClosed, "Sink.java", &src);
        assert_eq!(
            found[0].message,
            "field `table` holds an HBase `Table` from `getTable` but no lifecycle method closes it"
        );
        assert_eq!(found[0].labels.len(), 1);
        assert_eq!(found[0].labels[0].start.line, 6);
    }

    #[test]
    fn field_closed_in_close_is_fine() {
        let class = "class Sink extends RichSinkFunction<String> {\n\
            private transient Connection connection;\n\
            private transient BufferedMutator mutator;\n\
            public void open(Configuration parameters) throws Exception {\n\
                connection = ConnectionFactory.createConnection(HBaseConfiguration.create());\n\
                mutator = connection.getBufferedMutator(TableName.valueOf(\"events\"));\n\
            }\n\
            public void close() throws Exception {\n\
                if (mutator != null) { mutator.close(); }\n\
                if (connection != null) { connection.close(); }\n\
            }\n\
        }\n";
        assert!(lines(class).is_empty());
    }

    #[test]
    fn legacy_constructors() {
        let class = "class Job {\n\
            void scan(Configuration conf) throws Exception {\n\
                HTable table = new HTable(conf, \"t\");\n\
                table.getScanner(new Scan());\n\
                new HBaseAdmin(conf).tableExists(\"t\");\n\
                try (HTable ok = new HTable(conf, \"t\")) { ok.get(new Get(row)); }\n\
            }\n\
        }\n";
        assert_eq!(lines(class), [3, 5]);
    }

    #[test]
    fn closed_returned_handed_over_are_fine() {
        let class = "class Job {\n\
            Table open(Connection conn) throws Exception { return conn.getTable(name); }\n\
            void a(Connection conn) throws Exception {\n\
                Table t = null;\n\
                try { t = conn.getTable(name); t.put(p); } finally { if (t != null) t.close(); }\n\
                Admin admin = conn.getAdmin();\n\
                admin.close();\n\
                writers.add(new Writer(conn.getBufferedMutator(name)));\n\
                try (RegionLocator l = conn.getRegionLocator(name)) { l.getAllRegionLocations(); }\n\
            }\n\
        }\n";
        assert!(lines(class).is_empty());
    }

    #[test]
    fn everyday_safe_patterns_are_silent() {
        let class = "class Job implements java.io.Closeable {\n\
            private static final Logger LOG = LoggerFactory.getLogger(Job.class);\n\
            private final Connection connection;\n\
            private Table audit;\n\
            private final Map<String, Table> cache = new HashMap<>();\n\
            Job(Connection connection) throws IOException {\n\
                this.connection = connection;\n\
                this.audit = connection.getTable(name);\n\
            }\n\
            void loop(List<String> names, Put p) throws IOException {\n\
                for (String n : names) { try (Table t = connection.getTable(TableName.valueOf(n))) { t.put(p); } }\n\
            }\n\
            void quick() throws IOException {\n\
                Admin admin = connection.getAdmin();\n\
                LOG.info(\"connected\");\n\
                admin.close();\n\
            }\n\
            private void release(Table t) throws IOException { if (t != null) { t.close(); } }\n\
            void released(Put p) throws IOException {\n\
                Table t = connection.getTable(name);\n\
                try { t.put(p); } finally { release(t); }\n\
            }\n\
            void nested(Configuration conf) throws IOException {\n\
                try (Connection c = ConnectionFactory.createConnection(conf); Table t = c.getTable(name)) { t.get(g); }\n\
            }\n\
            Table cached(String n) {\n\
                return cache.computeIfAbsent(n, k -> {\n\
                    try { return connection.getTable(TableName.valueOf(k)); } catch (IOException e) { throw new UncheckedIOException(e); }\n\
                });\n\
            }\n\
            void helper(Put p) throws IOException {\n\
                Table t = connection.getTable(name);\n\
                try { t.put(p); } finally { close(t); }\n\
            }\n\
            void captured(ExecutorService pool, Put p) throws IOException {\n\
                Table t = connection.getTable(name);\n\
                pool.submit(() -> { t.put(p); return null; });\n\
            }\n\
            void closer(Closer closer) throws IOException {\n\
                Table t = closer.register(connection.getTable(name));\n\
                t.get(g);\n\
            }\n\
            private static void close(Table t) { }\n\
            @Override public void close() throws IOException { IOUtils.closeQuietly(audit, connection); }\n\
        }\n";
        assert!(lines(class).is_empty(), "{:?}", lines(class));
    }

    /// The severity, line and message of each finding for `class`, with the given
    /// `normal-path-severity`.
    fn findings(class: &str, normal_path: &str) -> Vec<(Severity, u32, String)> {
        use bdl_core::{LineIndex, RuleOptions};
        let src = format!("{IMPORTS}{class}");
        let file = JavaFile::parse(&src).expect("parses");
        let meta = &HbaseTableNotClosed::META;
        let mut options = RuleOptions::defaults(meta.options);
        options
            .set(meta.options, "normal-path-severity", normal_path)
            .expect("valid option");
        let index = LineIndex::new(&src);
        let mut out = Vec::new();
        let mut cx = Ctx::new(meta, &options, "Job.java", &src, &index, &mut out);
        HbaseTableNotClosed.check_java(&file, &mut cx);
        out.into_iter()
            .map(|d| (d.severity, d.start.line - 3, d.message))
            .collect()
    }

    #[test]
    fn closed_only_on_the_normal_path() {
        let class = "class Job {\n\
            void ensure(Connection conn, TableDescriptor desc) throws IOException {\n\
                Admin admin = conn.getAdmin();\n\
                admin.createTable(desc);\n\
                admin.close();\n\
            }\n\
            void loop(Connection conn, List<String> names, Put p) throws IOException {\n\
                for (String n : names) { Table t = conn.getTable(TableName.valueOf(n)); t.put(p); t.close(); }\n\
            }\n\
            void safe(Connection conn, TableDescriptor desc) throws IOException {\n\
                try (Admin admin = conn.getAdmin()) { admin.createTable(desc); }\n\
            }\n\
        }\n";
        assert_eq!(
            findings(class, "info"),
            [
                (
                    Severity::Info,
                    3,
                    "the HBase `Admin` from `getAdmin` in `admin` is closed only on the normal \
                     path: `createTable(..)` can throw before `admin.close()` runs"
                        .to_owned()
                ),
                (
                    Severity::Info,
                    8,
                    "the HBase `Table` from `getTable` in `t` is closed only on the normal path: \
                     `put(..)` can throw before `t.close()` runs"
                        .to_owned()
                ),
            ]
        );
        let raised: Vec<Severity> = findings(class, "error").into_iter().map(|f| f.0).collect();
        assert_eq!(raised, [Severity::Error, Severity::Error]);
        let src = format!("{IMPORTS}{class}");
        let found = check_one(&HbaseTableNotClosed, "Job.java", &src);
        assert_eq!(
            found[0].help.as_deref(),
            Some("open it in try-with-resources: `try (Admin admin = conn.getAdmin()) { … }`")
        );
        assert_eq!(
            found[0].labels[0].message,
            "an exception here skips the close"
        );
        assert_eq!(
            found[0].labels[0].span.slice(&src),
            "admin.createTable(desc)"
        );
    }

    #[test]
    fn handles_passed_to_helpers_of_the_class() {
        let class = "class Job {\n\
            void save(Connection conn, Put p) throws IOException {\n\
                Table table = conn.getTable(name);\n\
                write(table, p);\n\
            }\n\
            void saveAndRelease(Connection conn, Put p) throws IOException {\n\
                Table table = conn.getTable(name);\n\
                try { write(table, p); } finally { release(table); }\n\
            }\n\
            void inline(Connection conn, Put p) throws IOException {\n\
                write(conn.getTable(name), p);\n\
            }\n\
            void subclassMayClose(Connection conn, Put p) throws IOException {\n\
                store(conn.getTable(name), p);\n\
            }\n\
            private void write(Table t, Put p) throws IOException { t.put(p); }\n\
            private void release(Table t) throws IOException { if (t != null) { t.close(); } }\n\
            protected void store(Table t, Put p) throws IOException { t.put(p); }\n\
        }\n";
        assert_eq!(
            findings(class, "info"),
            [
                (
                    Severity::Error,
                    3,
                    "the HBase `Table` from `getTable` is stored in `table` and never closed: it \
                     is passed to `write(..)`, which does not close it"
                        .to_owned()
                ),
                (
                    Severity::Error,
                    11,
                    "the HBase `Table` from `getTable` is never closed: it is passed to \
                     `write(..)`, which does not close it"
                        .to_owned()
                ),
            ]
        );
    }

    #[test]
    fn static_singletons_of_utility_classes_are_info() {
        let class = "public class HBaseUtils {\n\
            private static Connection conn;\n\
            private static Admin admin;\n\
            static {\n\
                try {\n\
                    conn = ConnectionFactory.createConnection(HBaseConfiguration.create());\n\
                    admin = conn.getAdmin();\n\
                } catch (IOException e) { throw new ExceptionInInitializerError(e); }\n\
            }\n\
            public static boolean exists(String t) throws IOException { return admin.tableExists(TableName.valueOf(t)); }\n\
        }\n";
        assert_eq!(
            findings(class, "error"),
            [(
                Severity::Info,
                7,
                "static field `admin` keeps an HBase `Admin` from `getAdmin` open for the life of \
                 the process, like the never-closed `Connection` `conn` it came from"
                    .to_owned()
            )]
        );
        // A static admin next to a connection that is closed must be closed with it.
        let closing = class.replace(
            "public static boolean",
            "public static void close() throws IOException { conn.close(); }\npublic static boolean",
        );
        let found = findings(&closing, "info");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, Severity::Error);
        assert!(found[0].2.starts_with("field `admin` holds"), "{found:?}");
    }

    #[test]
    fn unproven_receivers_are_silent() {
        let class = "class Job {\n\
            void a(Catalog catalog, AsyncConnection async, Object any) throws Exception {\n\
                catalog.getTable(path);\n\
                async.getTable(name).put(p);\n\
                registry().getTable(name).put(p);\n\
                ((Connection) any).getTable(name).put(p);\n\
            }\n\
        }\n";
        // Only the cast proves a Connection.
        assert_eq!(lines(class), [6]);
    }

    #[test]
    fn files_without_hbase_are_skipped() {
        let src = "package com.example;\nimport com.google.common.collect.Table;\n\
            class Job { void a(Connection conn) { Table t = conn.getTable(name); t.put(1, 2, 3); } }\n";
        assert!(check_one(&HbaseTableNotClosed, "Job.java", src).is_empty());
    }

    #[test]
    fn comments_are_not_code() {
        let class = "class Job {\n\
            void a(Connection conn) throws Exception {\n\
                // Table t = conn.getTable(name);\n\
                /* conn.getTable(name).put(p); */\n\
            }\n\
        }\n";
        assert!(lines(class).is_empty());
    }

    #[test]
    fn never_panics_on_broken_input() {
        for src in [
            "import org.apache.hadoop.hbase.client.*; class { Connection c; void m( { c.getTable(",
            "import org.apache.hadoop.hbase.client.*; new HTable(",
            "import org.apache.hadoop.hbase.client.*; class A { Table t = ((Connection) x).getAdmin() }",
            "org.apache.hadoop.hbase getTable",
            "",
        ] {
            let _ = check_one(&HbaseTableNotClosed, "Job.java", src);
        }
    }
}
