use bdl_core::{Ctx, RuleMeta, Severity, declare_rule};
use bdl_syntax::java::lifetime::{self, Fate, Trace};
use bdl_syntax::{JavaFile, Rule};
use tree_sitter::Node;

use crate::helpers::{self, HBASE_PACKAGE};

declare_rule! {
    /// ## What it does
    /// Flags a `ResultScanner` from `table.getScanner(..)` on an HBase `Table` (or legacy
    /// `HTable` / `HTableInterface`) that is never closed: iterated inline
    /// (`for (Result r : table.getScanner(scan))`), held in a local that is only ever read
    /// from, or stored in a field that no lifecycle method of the class closes (`close()`,
    /// `@PreDestroy`, `destroy()`, `shutdown()`, `stop()`, `tearDown()`, `cleanup()`).
    ///
    /// It stays silent when the scanner is a try-with-resources resource, closed (in a
    /// `finally` block or on the normal path), annotated with Lombok's `@Cleanup`, returned to
    /// the caller, or handed to another owner (passed to a method or constructor, stored in a
    /// collection or another object). The receiver must be provably an HBase table: its
    /// declared type through the imports, or `connection.getTable(..)` on a provable
    /// connection.
    ///
    /// ## Why is this bad?
    /// A `ResultScanner` keeps an open scanner, with a lease, on the RegionServer serving the
    /// region it is reading. The HBase Reference Guide says plainly: close ResultScanners,
    /// because forgetting to "can cause problems on the RegionServers", and shows the
    /// processing in a `try` whose `finally` closes the scanner. A scan read
    /// to its very end releases its server-side scanner, but the first `break`, early `return`
    /// or exception leaves the lease open until it expires
    /// (`hbase.client.scanner.timeout.period`, 60 s by default); a service that does this on
    /// every request piles up open scanners on the RegionServers, which HBASE-26784 describes as
    /// taking server resources and having "a big impact on GC".
    ///
    /// ## Example
    /// ```java file=OrderDao.java bad
    /// import java.util.ArrayList;
    /// import java.util.List;
    /// import org.apache.hadoop.hbase.client.Result;
    /// import org.apache.hadoop.hbase.client.ResultScanner;
    /// import org.apache.hadoop.hbase.client.Scan;
    /// import org.apache.hadoop.hbase.client.Table;
    ///
    /// class OrderDao {
    ///     List<Result> firstOrders(Table table, int limit) throws Exception {
    ///         List<Result> out = new ArrayList<>();
    ///         ResultScanner scanner = table.getScanner(new Scan());
    ///         for (Result r : scanner) {
    ///             if (out.size() == limit) {
    ///                 break;
    ///             }
    ///             out.add(r);
    ///         }
    ///         return out;
    ///     }
    /// }
    /// ```
    ///
    /// Use instead:
    ///
    /// ```java file=OrderDao.java good
    /// import java.util.ArrayList;
    /// import java.util.List;
    /// import org.apache.hadoop.hbase.client.Result;
    /// import org.apache.hadoop.hbase.client.ResultScanner;
    /// import org.apache.hadoop.hbase.client.Scan;
    /// import org.apache.hadoop.hbase.client.Table;
    ///
    /// class OrderDao {
    ///     List<Result> firstOrders(Table table, int limit) throws Exception {
    ///         List<Result> out = new ArrayList<>();
    ///         try (ResultScanner scanner = table.getScanner(new Scan().setLimit(limit))) {
    ///             for (Result r : scanner) {
    ///                 out.add(r);
    ///             }
    ///         }
    ///         return out;
    ///     }
    /// }
    /// ```
    ///
    /// ## How to fix
    /// Open the scanner in try-with-resources:
    /// `try (ResultScanner scanner = table.getScanner(scan)) { for (Result r : scanner) { … } }`.
    /// A scanner kept in a field (a reader that pages through a table) must be closed in the
    /// class's `close()` method, and the previous one closed before the field is reassigned. A
    /// method that returns the scanner is fine: the caller owns it then.
    ///
    /// ## Options
    /// None.
    ///
    /// ## References
    /// - The Apache HBase Reference Guide, Performance Tuning, "Close ResultScanners":
    ///   <https://hbase.apache.org/book.html#perf.hbase.client.scannerclose>
    /// - HBase `ResultScanner` Javadoc (`Closeable`, `close()`):
    ///   <https://hbase.apache.org/2.4/apidocs/org/apache/hadoop/hbase/client/ResultScanner.html>
    /// - HBASE-26784, scanner leaks and their cost on the RegionServer:
    ///   <https://issues.apache.org/jira/browse/HBASE-26784>
    /// - `hbase.client.scanner.timeout.period` in `hbase-default.xml`:
    ///   <https://hbase.apache.org/book.html#hbase.client.scanner.timeout.period>
    /// - Java try-with-resources:
    ///   <https://docs.oracle.com/javase/tutorial/essential/exceptions/tryResourceClose.html>
    pub ResultscannerNotClosed {
        code: "HBS007",
        name: "resultscanner-not-closed",
        summary: "a `ResultScanner` from `getScanner` is never closed",
        severity: Warning,
        kinds: [Java],
        triggers: ["getScanner"],
        options: [],
    }
}

impl Rule for ResultscannerNotClosed {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        if !file.imports_from(HBASE_PACKAGE) {
            return;
        }
        for call in file.nodes_of_kind("method_invocation") {
            if !opens_scanner(file, call) {
                continue;
            }
            let trace = lifetime::trace(file, call);
            if trace.fate.is_leak() {
                report(file, cx, call, &trace);
            }
        }
    }
}

/// `table.getScanner(scan)`, `getScanner(family)` or `getScanner(family, qualifier)` on a
/// provable HBase table.
fn opens_scanner(file: &JavaFile<'_>, call: Node<'_>) -> bool {
    let named = call
        .child_by_field_name("name")
        .is_some_and(|n| file.text_of(n) == "getScanner");
    let arguments = call
        .child_by_field_name("arguments")
        .map_or(0, |a| a.named_child_count());
    named
        && (1..=2).contains(&arguments)
        && call
            .child_by_field_name("object")
            .is_some_and(|o| helpers::is_table(file, o))
}

fn report(file: &JavaFile<'_>, cx: &mut Ctx<'_>, call: Node<'_>, trace: &Trace<'_>) {
    let table = helpers::receiver_text(file, call, "table");
    let span = JavaFile::span_of(call);
    let holder = trace.holder;
    let name = holder.map(|h| file.text_of(h.name));
    if trace.fate == Fate::FieldNeverClosed {
        let field = name.unwrap_or("scanner");
        let mut reported = cx.report(
            Severity::Warning,
            span,
            format!(
                "field `{field}` holds a `ResultScanner` from `{table}.getScanner` but no \
                 lifecycle method closes it"
            ),
        );
        reported.help(format!(
            "close it in this class's `close()` method, and before `{field}` is reassigned: \
             `if ({field} != null) {{ {field}.close(); }}`"
        ));
        if let Some(h) = holder {
            reported.label(
                JavaFile::span_of(h.name),
                format!("`{field}` is declared here"),
            );
        }
        return;
    }
    let message = name.map_or_else(
        || format!("the `ResultScanner` from `{table}.getScanner` is never closed"),
        |local| {
            format!(
                "the `ResultScanner` from `{table}.getScanner` is stored in `{local}` and never \
                 closed"
            )
        },
    );
    let variable = name.unwrap_or("scanner");
    let text = file.text_of(call);
    let acquisition = if text.len() <= 60 && !text.contains('\n') {
        text
    } else {
        "table.getScanner(scan)"
    };
    cx.report(Severity::Warning, span, message).help(format!(
        "open it in try-with-resources: `try (ResultScanner {variable} = {acquisition}) {{ … }}`"
    ));
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
        check_one(&ResultscannerNotClosed, "Dao.java", &src)
            .iter()
            .map(|d| d.start.line - 3)
            .collect()
    }

    #[test]
    fn leaked_locals_and_inline_scans() {
        let class = "class Dao {\n\
            void a(Table table, Connection conn, Scan scan) throws Exception {\n\
                ResultScanner rs = table.getScanner(scan);\n\
                for (Result r : rs) { use(r); }\n\
                for (Result r : table.getScanner(scan)) { use(r); }\n\
                Result first = conn.getTable(n).getScanner(Bytes.toBytes(\"f\")).next();\n\
                var s = table.getScanner(f, q);\n\
                s.next();\n\
            }\n\
        }\n";
        assert_eq!(lines(class), [3, 5, 6, 7]);
    }

    #[test]
    fn message_and_help() {
        let src = format!(
            "{IMPORTS}class Dao {{\nvoid a(Table table, Scan scan) throws Exception {{\nResultScanner rs = table.getScanner(scan);\nrs.next();\n}}\n}}\n"
        );
        let found = check_one(&ResultscannerNotClosed, "Dao.java", &src);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "the `ResultScanner` from `table.getScanner` is stored in `rs` and never closed"
        );
        assert_eq!(
            found[0].help.as_deref(),
            Some(
                "open it in try-with-resources: `try (ResultScanner rs = table.getScanner(scan)) { … }`"
            )
        );
        assert_eq!(found[0].severity, Severity::Warning);
    }

    #[test]
    fn closed_returned_handed_over_are_fine() {
        let class = "class Dao {\n\
            ResultScanner open(Table table, Scan scan) throws Exception { return table.getScanner(scan); }\n\
            void a(Table table, Scan scan) throws Exception {\n\
                try (ResultScanner rs = table.getScanner(scan)) { rs.next(); }\n\
                ResultScanner s = null;\n\
                try { s = table.getScanner(scan); s.next(); } finally { if (s != null) s.close(); }\n\
                ResultScanner t = table.getScanner(scan);\n\
                for (Result r : t) { use(r); }\n\
                t.close();\n\
                consume(table.getScanner(scan));\n\
                ResultScanner u = table.getScanner(scan);\n\
                IOUtils.closeQuietly(u);\n\
            }\n\
        }\n";
        assert!(lines(class).is_empty(), "{:?}", lines(class));
    }

    #[test]
    fn fields() {
        let leaked = "class Reader {\n\
            private final Table table;\n\
            private ResultScanner rs;\n\
            Reader(Table table) throws IOException { this.table = table; rs = table.getScanner(new Scan()); }\n\
            Result next() throws IOException { return rs.next(); }\n\
        }\n";
        assert_eq!(lines(leaked), [4]);
        let src = format!("{IMPORTS}{leaked}");
        let found = check_one(&ResultscannerNotClosed, "Reader.java", &src);
        assert_eq!(
            found[0].message,
            "field `rs` holds a `ResultScanner` from `table.getScanner` but no lifecycle method closes it"
        );
        assert_eq!(found[0].labels.len(), 1);
        let closed = "class Reader implements Closeable {\n\
            private final Table table;\n\
            private ResultScanner rs;\n\
            Reader(Table table) throws IOException { this.table = table; rs = table.getScanner(new Scan()); }\n\
            public void close() throws IOException { rs.close(); table.close(); }\n\
        }\n";
        assert!(lines(closed).is_empty());
    }

    #[test]
    fn legacy_tables_count() {
        let class = "class Legacy {\n\
            void a(Configuration conf, HTableInterface t) throws Exception {\n\
                HTable table = new HTable(conf, \"t\");\n\
                ResultScanner a = table.getScanner(new Scan());\n\
                ResultScanner b = t.getScanner(new Scan());\n\
                a.next(); b.next();\n\
            }\n\
        }\n";
        assert_eq!(lines(class), [4, 5]);
    }

    #[test]
    fn unproven_receivers_are_silent() {
        let class = "class Other {\n\
            void a(Object o, Region region, Scan scan, AsyncTable<?> async) throws Exception {\n\
                RegionScanner r = region.getScanner(scan);\n\
                ResultScanner s = async.getScanner(scan);\n\
                ResultScanner u = store().getScanner(scan);\n\
                ResultScanner v = ((Table) o).getScanner(scan);\n\
            }\n\
        }\n";
        // Only the cast proves a table.
        assert_eq!(lines(class), [6]);
        let src = "package p;\nclass A { void a(Table t) { t.getScanner(s).next(); } }\n";
        assert!(check_one(&ResultscannerNotClosed, "A.java", src).is_empty());
    }

    #[test]
    fn never_panics_on_broken_input() {
        for src in [
            "import org.apache.hadoop.hbase.client.*; class { void a(Table t) { t.getScanner(",
            "import org.apache.hadoop.hbase.client.*; for (Result r : ((Table) t).getScanner(s)",
            "",
        ] {
            let _ = check_one(&ResultscannerNotClosed, "Job.java", src);
        }
    }
}
