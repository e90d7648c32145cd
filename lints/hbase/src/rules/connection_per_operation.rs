use bdl_core::{Ctx, RuleMeta, Severity, declare_rule};
use bdl_syntax::java::lifetime::{self, Fate, Trace};
use bdl_syntax::java::scope;
use bdl_syntax::{JavaFile, Rule};
use tree_sitter::Node;

use crate::helpers::{self, HBASE_PACKAGE, PerRecord};

declare_rule! {
    /// ## What it does
    /// Flags an HBase connection created where it runs once per record:
    /// `ConnectionFactory.createConnection(..)` (or the legacy
    /// `HConnectionManager.createConnection(..)`) inside a per-record method of a function
    /// (`invoke`, `map`, `flatMap`, `processElement`, `asyncInvoke`, `process`, `apply`,
    /// `reduce`, …), inside a lambda passed as the per-element function (`forEach`, `map`, …),
    /// or inside a loop body where the connection lives and dies within one iteration
    /// (error). The message names the method or loop.
    ///
    /// It also flags, at warning, a connection created in a method and never closed: used only
    /// for calls, or held in a local that is neither closed, returned nor handed over.
    ///
    /// It stays silent on the recommended pattern, a connection created once (in `open()`, a
    /// constructor, a static initialiser or a field) and closed in `close()`, and on lazy
    /// initialisation inside a per-record method (`if (conn == null) conn = …` into a field).
    /// In a loop it stays silent when the connection outlives the iteration: stored in a
    /// variable declared before the loop (a retry loop), returned, or handed to another owner
    /// (one connection per cluster kept in a map). A per-record method or lambda that returns the
    /// connection is a factory, not a per-record use. A connection kept in a field that nothing
    /// closes is not reported: a process-wide connection is often meant to live until the JVM
    /// exits. Only the HBase factories count, proved by their imports.
    ///
    /// ## Why is this bad?
    /// The HBase `Connection` Javadoc says that "connection creation is a heavy-weight
    /// operation" and that connections are thread-safe, "so that the client can create a
    /// connection once, and share it with different threads". Each connection opens a
    /// ZooKeeper session (or another registry client) and starts its own RPC client and thread
    /// pools, and its region-location cache starts empty, so its first operations look up
    /// `hbase:meta` again. Created per record, every record pays those round trips, and a burst
    /// of records opens hundreds of ZooKeeper sessions, which can exhaust ZooKeeper's per-host
    /// connection limit (`maxClientCnxns`) and lock out the other clients on that host. A
    /// connection that is never closed keeps its threads and its session until the process
    /// exits; in a loop or a per-record method it leaks one more every time.
    ///
    /// ## Example
    /// ```java file=EventSink.java bad
    /// import org.apache.flink.streaming.api.functions.sink.RichSinkFunction;
    /// import org.apache.hadoop.hbase.HBaseConfiguration;
    /// import org.apache.hadoop.hbase.TableName;
    /// import org.apache.hadoop.hbase.client.Connection;
    /// import org.apache.hadoop.hbase.client.ConnectionFactory;
    /// import org.apache.hadoop.hbase.client.Put;
    /// import org.apache.hadoop.hbase.client.Table;
    ///
    /// class EventSink extends RichSinkFunction<Put> {
    ///     @Override
    ///     public void invoke(Put put, Context context) throws Exception {
    ///         try (Connection conn = ConnectionFactory.createConnection(HBaseConfiguration.create());
    ///              Table table = conn.getTable(TableName.valueOf("events"))) {
    ///             table.put(put);
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
    /// import org.apache.hadoop.hbase.HBaseConfiguration;
    /// import org.apache.hadoop.hbase.TableName;
    /// import org.apache.hadoop.hbase.client.BufferedMutator;
    /// import org.apache.hadoop.hbase.client.Connection;
    /// import org.apache.hadoop.hbase.client.ConnectionFactory;
    /// import org.apache.hadoop.hbase.client.Put;
    ///
    /// class EventSink extends RichSinkFunction<Put> {
    ///     private transient Connection conn;
    ///     private transient BufferedMutator mutator;
    ///
    ///     @Override
    ///     public void open(Configuration parameters) throws Exception {
    ///         conn = ConnectionFactory.createConnection(HBaseConfiguration.create());
    ///         mutator = conn.getBufferedMutator(TableName.valueOf("events"));
    ///     }
    ///
    ///     @Override
    ///     public void invoke(Put put, Context context) throws Exception {
    ///         mutator.mutate(put);
    ///     }
    ///
    ///     @Override
    ///     public void close() throws Exception {
    ///         if (mutator != null) { mutator.close(); }
    ///         if (conn != null) { conn.close(); }
    ///     }
    /// }
    /// ```
    ///
    /// ## How to fix
    /// Create one connection per process (or per task) and share it: in a Flink
    /// `RichFunction`, create it in `open()` and close it in `close()`; in a batch tool, create
    /// it before the loop, in try-with-resources. Take short-lived `Table` handles from the
    /// shared connection per unit of work (`conn.getTable(name)` is cheap), or write through a
    /// `BufferedMutator`. A connection created in a method for one piece of work belongs in
    /// try-with-resources: `try (Connection conn = ConnectionFactory.createConnection(conf)) { … }`.
    ///
    /// ## Options
    /// None.
    ///
    /// ## References
    /// - HBase `Connection` Javadoc ("Connection creation is a heavy-weight operation"):
    ///   <https://hbase.apache.org/2.4/apidocs/org/apache/hadoop/hbase/client/Connection.html>
    /// - HBase `ConnectionFactory` Javadoc:
    ///   <https://hbase.apache.org/2.4/apidocs/org/apache/hadoop/hbase/client/ConnectionFactory.html>
    /// - The Apache HBase Reference Guide, Client, Cluster Connections:
    ///   <https://hbase.apache.org/book.html#client.connections>
    /// - Flink docs, `RichFunction` `open()` / `close()` lifecycle:
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/dev/datastream/user_defined_functions/#rich-functions>
    pub ConnectionPerOperation {
        code: "HBS002",
        name: "connection-per-operation",
        summary: "an HBase connection created once per record or loop iteration, or never closed",
        severity: Error,
        kinds: [Java],
        triggers: ["createConnection"],
        options: [],
    }
}

impl Rule for ConnectionPerOperation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        if !file.imports_from(HBASE_PACKAGE) {
            return;
        }
        for call in file.nodes_of_kind("method_invocation") {
            if !helpers::creates_connection(file, call) {
                continue;
            }
            let factory = helpers::receiver_text(file, call, "ConnectionFactory");
            let trace = lifetime::trace(file, call);
            match helpers::per_record(file, call) {
                Some(context) if per_record_creation(file, call, &trace, &context) => {
                    report_per_record(cx, call, factory, &context);
                }
                _ if trace.fate == Fate::Leaked => report_leak(file, cx, call, factory, &trace),
                _ => {}
            }
        }
    }
}

/// Whether the connection `call` creates is one per record or per iteration of `context`.
///
/// In a per-record method or lambda every creation counts, except lazy initialisation into a
/// field and a returned connection (a factory). In a loop the connection must live and die within the iteration: held by nothing or
/// by a variable declared in the loop, and closed, leaked or a try-with-resources resource
/// there; one kept beyond the iteration (returned, handed over, stored outside) is a retry or
/// one-per-target pattern.
fn per_record_creation(
    file: &JavaFile<'_>,
    call: Node<'_>,
    trace: &Trace<'_>,
    context: &PerRecord<'_, '_>,
) -> bool {
    if trace.holder.is_some_and(|h| h.is_field) || scope::assigned_to_field(file, call) {
        return false;
    }
    if !context.is_loop() {
        // A method or lambda that returns the connection is a factory
        // (`Function<Configuration, Connection>.apply`, `confs.map(c -> createConnection(c))`).
        return trace.fate != Fate::Returned;
    }
    let declared_in_loop = trace
        .holder
        .is_none_or(|h| helpers::contains(context.node(), h.declarator));
    declared_in_loop
        && matches!(
            trace.fate,
            Fate::Leaked
                | Fate::Closed
                | Fate::ClosedInFinally
                | Fate::TryWithResources
                | Fate::Cleanup
        )
}

fn report_per_record(cx: &mut Ctx<'_>, call: Node<'_>, factory: &str, context: &PerRecord<'_, '_>) {
    let (message, label, help) = match context {
        PerRecord::Loop { keyword, .. } => (
            format!(
                "`{factory}.createConnection` runs in every iteration of this `{keyword}` loop: \
                 each iteration opens and tears down a new HBase connection"
            ),
            format!("this `{keyword}` loop"),
            "create one connection before the loop and share it; take a `Table` from it per \
             iteration"
                .to_owned(),
        ),
        PerRecord::Method { name, .. } => (
            format!(
                "`{factory}.createConnection` runs in `{name}`, once per record: every record \
                 opens a new HBase connection"
            ),
            format!("`{name}` runs once per record"),
            "create the connection once in `open()` (or the constructor), share it for every \
             record and close it in `close()`"
                .to_owned(),
        ),
        PerRecord::Lambda { call: runs_in, .. } => (
            format!(
                "`{factory}.createConnection` runs in {}, once per element: every element \
                 opens a new HBase connection",
                context.describe()
            ),
            format!("the lambda passed to `{runs_in}` runs once per element"),
            "create one connection outside the per-element function and share it".to_owned(),
        ),
    };
    cx.report(Severity::Error, JavaFile::span_of(call), message)
        .label(context.anchor(), label)
        .help(help);
}

fn report_leak(
    file: &JavaFile<'_>,
    cx: &mut Ctx<'_>,
    call: Node<'_>,
    factory: &str,
    trace: &Trace<'_>,
) {
    let local = trace.holder.map(|h| file.text_of(h.name));
    let message = local.map_or_else(
        || format!("the HBase connection from `{factory}.createConnection` is never closed"),
        |name| {
            format!(
                "the HBase connection from `{factory}.createConnection` is stored in `{name}` \
                 and never closed"
            )
        },
    );
    let variable = local.unwrap_or("conn");
    cx.report(Severity::Warning, JavaFile::span_of(call), message)
        .help(format!(
            "close it when the work is done: `try (Connection {variable} = \
             {factory}.createConnection(conf)) {{ … }}`, or share one connection for the whole \
             application"
        ));
}

#[cfg(test)]
mod tests {
    use bdl_syntax::check_one;

    use super::*;

    const IMPORTS: &str = "package com.example;\n\
        import org.apache.hadoop.hbase.TableName;\n\
        import org.apache.hadoop.hbase.client.*; import org.apache.flink.api.common.functions.MapFunction;\n";

    /// The (line, severity) pairs HBS002 reports in `class`, placed after [`IMPORTS`].
    fn found(class: &str) -> Vec<(u32, Severity)> {
        let src = format!("{IMPORTS}{class}");
        check_one(&ConnectionPerOperation, "Job.java", &src)
            .iter()
            .map(|d| (d.start.line - 3, d.severity))
            .collect()
    }

    fn lines(class: &str) -> Vec<u32> {
        found(class).into_iter().map(|(l, _)| l).collect()
    }

    #[test]
    fn per_record_methods_are_errors() {
        let class = "class Sink extends RichSinkFunction<String> {\n\
            public void invoke(String v, Context c) throws Exception {\n\
                Connection conn = ConnectionFactory.createConnection(conf);\n\
                try { conn.getTable(n).close(); } finally { conn.close(); }\n\
            }\n\
            public String map(String v) throws Exception {\n\
                try (Connection c = ConnectionFactory.createConnection(conf)) { return v; }\n\
            }\n\
            public void processElement(String v, Context ctx, Collector<String> out) throws Exception {\n\
                helper(ConnectionFactory.createConnection(conf), v);\n\
            }\n\
        }\n";
        assert_eq!(
            found(class),
            [
                (3, Severity::Error),
                (7, Severity::Error),
                (10, Severity::Error)
            ]
        );
    }

    #[test]
    fn message_names_the_method_and_labels_it() {
        let src = format!(
            "{IMPORTS}class Sink {{\npublic void invoke(String v, Context c) throws Exception {{\nConnection conn = ConnectionFactory.createConnection(conf);\nconn.close();\n}}\n}}\n"
        );
        let found = check_one(&ConnectionPerOperation, "Sink.java", &src);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "`ConnectionFactory.createConnection` runs in `invoke`, once per record: every record opens a new HBase connection"
        );
        assert_eq!(found[0].labels.len(), 1);
        assert_eq!(found[0].labels[0].message, "`invoke` runs once per record");
        assert_eq!(found[0].labels[0].span.slice(&src), "invoke");
        assert_eq!(
            found[0].span.slice(&src),
            "ConnectionFactory.createConnection(conf)"
        );
    }

    #[test]
    fn loops_that_open_and_close_per_iteration_are_errors() {
        let class = "class Loader {\n\
            void load(List<String> rows) throws Exception {\n\
                for (String row : rows) {\n\
                    try (Connection c = ConnectionFactory.createConnection(conf)) { c.getTable(n).close(); }\n\
                }\n\
                int i = 0;\n\
                while (i++ < 10) {\n\
                    Connection c = ConnectionFactory.createConnection(conf);\n\
                    c.getAdmin().close();\n\
                    c.close();\n\
                }\n\
                do { ConnectionFactory.createConnection(conf).getTable(n); } while (more());\n\
                rows.forEach(r -> { try { ConnectionFactory.createConnection(conf).close(); } catch (IOException e) { } });\n\
            }\n\
        }\n";
        assert_eq!(lines(class), [4, 8, 12, 13]);
        let src = format!("{IMPORTS}{class}");
        let found = check_one(&ConnectionPerOperation, "Loader.java", &src);
        assert!(
            found[0]
                .message
                .contains("every iteration of this `for` loop")
        );
        assert_eq!(found[0].labels[0].span.slice(&src), "for");
        assert!(found[1].message.contains("this `while` loop"));
        assert!(found[2].message.contains("this `do` loop"));
        assert!(found[3].message.contains("the lambda passed to `forEach`"));
    }

    #[test]
    fn connections_outliving_the_iteration_are_not_per_iteration() {
        let class = "class Pool {\n\
            private final Map<String, Connection> byCluster = new HashMap<>();\n\
            Connection retry() throws Exception {\n\
                for (int attempt = 0; attempt < 3; attempt++) {\n\
                    try { return ConnectionFactory.createConnection(conf); } catch (IOException e) { sleep(); }\n\
                }\n\
                throw new IOException(\"no connection\");\n\
            }\n\
            void open(List<Configuration> confs) throws Exception {\n\
                for (Configuration c : confs) { byCluster.put(name(c), ConnectionFactory.createConnection(c)); }\n\
                Connection last = null;\n\
                while (last == null) { last = ConnectionFactory.createConnection(conf); }\n\
                try { last.getTable(n).close(); } finally { last.close(); }\n\
            }\n\
        }\n";
        assert!(lines(class).is_empty(), "{:?}", lines(class));
    }

    #[test]
    fn lifecycle_and_lazy_initialisation_are_fine() {
        let class = "class Sink extends RichSinkFunction<String> {\n\
            private transient Connection conn;\n\
            private static Connection shared;\n\
            static { try { shared = ConnectionFactory.createConnection(); } catch (IOException e) { } }\n\
            Sink() throws IOException { Connection c = ConnectionFactory.createConnection(conf); this.conn = c; }\n\
            public void open(Configuration parameters) throws Exception { conn = ConnectionFactory.createConnection(conf); }\n\
            public void invoke(String v, Context c) throws Exception {\n\
                if (conn == null) { conn = ConnectionFactory.createConnection(conf); }\n\
                if (this.conn == null) { this.conn = ConnectionFactory.createConnection(conf); }\n\
                if (inherited == null) { inherited = ConnectionFactory.createConnection(conf); }\n\
            }\n\
            public void close() throws Exception { if (conn != null) conn.close(); }\n\
        }\n";
        assert!(lines(class).is_empty(), "{:?}", lines(class));
    }

    #[test]
    fn leaked_connections_are_warnings() {
        let class = "class Tool {\n\
            public static void main(String[] args) throws Exception {\n\
                Connection connection = ConnectionFactory.createConnection(conf);\n\
                Admin admin = connection.getAdmin();\n\
                ConnectionFactory.createConnection(conf).getTable(n).close();\n\
            }\n\
            Connection make() throws IOException { return ConnectionFactory.createConnection(conf); }\n\
            void closed() throws IOException { Connection c = ConnectionFactory.createConnection(conf); c.close(); }\n\
            void handed() throws IOException { run(ConnectionFactory.createConnection(conf)); }\n\
        }\n";
        assert_eq!(
            found(class),
            [(3, Severity::Warning), (5, Severity::Warning)]
        );
        let src = format!("{IMPORTS}{class}");
        let found = check_one(&ConnectionPerOperation, "Tool.java", &src);
        assert_eq!(
            found[0].message,
            "the HBase connection from `ConnectionFactory.createConnection` is stored in `connection` and never closed"
        );
        assert_eq!(
            found[0].help.as_deref(),
            Some(
                "close it when the work is done: `try (Connection connection = ConnectionFactory.createConnection(conf)) { … }`, or share one connection for the whole application"
            )
        );
    }

    #[test]
    fn legacy_factory_counts() {
        let class = "class Legacy {\n\
            public void invoke(String v, Context c) throws Exception {\n\
                HConnection conn = HConnectionManager.createConnection(conf);\n\
                conn.close();\n\
            }\n\
        }\n";
        let src = format!("{IMPORTS}{class}");
        let found = check_one(&ConnectionPerOperation, "Legacy.java", &src);
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .message
                .starts_with("`HConnectionManager.createConnection` runs in `invoke`")
        );
    }

    #[test]
    fn unproven_factories_and_other_methods_are_silent() {
        let class = "class Other {\n\
            public void invoke(String v, Context c) throws Exception {\n\
                pool.createConnection(conf);\n\
                MyFactory.createConnection(conf);\n\
            }\n\
            void process() throws Exception { ConnectionFactory.createConnection(conf).close(); }\n\
            public Connection apply(Configuration c) throws IOException { return ConnectionFactory.createConnection(c); }\n\
            List<Connection> all(List<Configuration> cs) { return cs.stream().map(c -> ConnectionFactory.createConnection(c)).collect(toList()); }\n\
        }\n";
        assert!(lines(class).is_empty());
        let src = "package p;\nimport java.sql.*;\nclass A { public void invoke(String v) { ConnectionFactory.createConnection(conf); } }\n";
        assert!(check_one(&ConnectionPerOperation, "A.java", src).is_empty());
    }

    #[test]
    fn deep_nesting_is_checked_in_one_walk() {
        let depth = 10_000;
        // Deep blocks and non-per-record lambdas around the call: no per-record context, and
        // the answer comes without climbing the whole nesting once per level.
        for (open, close) in [("{ if (ready) ", "}"), ("Runnable r = () -> { ", " };")] {
            let class = format!(
                "class Deep {{\nvoid run() throws Exception {{\n{}Connection c = ConnectionFactory.createConnection(conf); c.getAdmin();{}\n}}\n}}\n",
                open.repeat(depth),
                close.repeat(depth)
            );
            assert_eq!(found(&class), [(3, Severity::Warning)], "{open}");
        }
        // A per-record lambda far inside is still found.
        let class = format!(
            "class Deep {{\nvoid run() throws Exception {{\n{}rows.forEach(r -> {{ try (Connection c = ConnectionFactory.createConnection(conf)) {{ }} }});{}\n}}\n}}\n",
            "{ if (ready) ".repeat(depth),
            "}".repeat(depth)
        );
        assert_eq!(found(&class), [(3, Severity::Error)]);
    }

    #[test]
    fn never_panics_on_broken_input() {
        for src in [
            "import org.apache.hadoop.hbase.client.*; class { void invoke(String v) { ConnectionFactory.createConnection(",
            "import org.apache.hadoop.hbase.client.*; for (;;) ConnectionFactory.createConnection(c)",
            "import org.apache.hadoop.hbase.client.*; class A { Connection c = (ConnectionFactory.createConnection(c)) }",
            "",
        ] {
            let _ = check_one(&ConnectionPerOperation, "Job.java", src);
        }
    }
}
