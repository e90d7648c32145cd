use std::fmt::Write as _;

use bdl_core::{Ctx, OptionKind, OptionMeta, Product, RuleMeta, Severity, Version, declare_rule};
use bdl_syntax::java::chain::{method_name, receiver};
use bdl_syntax::java::fold::arguments;
use bdl_syntax::java::lifetime::{self, Fate, Trace};
use bdl_syntax::{JavaFile, Rule};
use tree_sitter::Node;

use crate::helpers::{self, JEDIS_PACKAGE};

declare_rule! {
    /// ## What it does
    /// Flags a Jedis connection borrowed from a pool with `pool.getResource()` that never goes
    /// back to the pool: used inline (`pool.getResource().get(key)`), held in a local that is
    /// never closed, passed only to methods of the same class that do not close it, or stored
    /// in a field that no lifecycle method of the class closes (`close()`, `@PreDestroy`,
    /// `destroy()`, `shutdown()`, …).
    ///
    /// A connection closed outside `finally` while a call that can throw runs between the
    /// borrow and the close (`Jedis j = pool.getResource(); j.set(k, v); j.close();`) goes
    /// back to the pool only when nothing fails; this is reported at `info` (see
    /// `normal-path-severity`), naming the call. A close with nothing before it that can throw
    /// is as good as one in `finally`.
    ///
    /// It also flags `pool.returnResource(jedis)` and `pool.returnBrokenResource(jedis)`: an
    /// error on Jedis 3.0 and later (where they are no longer public), a warning on Jedis 2.5
    /// to 2.x (deprecated there: `close()` already returns the connection), and `info` when
    /// the Jedis version is unknown. The Jedis version comes from the target
    /// (`target: {jedis: …}`, `--target`, or the `redis.clients:jedis` dependency of the
    /// `pom.xml` / Gradle build).
    ///
    /// A `static` field set once per class load (in a `static {}` block or its own initialiser)
    /// from a `static` pool field that is itself never closed is a process-lifetime singleton of
    /// a utility class rather than a leak per unit of work: it is reported at `info` (one
    /// connection is held forever, and a `Jedis` shared between threads is not thread-safe).
    ///
    /// It stays silent when the connection is a try-with-resources resource, closed in a
    /// `finally` block (directly or through a `private` helper of the class that closes it),
    /// annotated with Lombok's `@Cleanup`, returned to the caller, or handed to another owner
    /// (passed to a method it cannot follow, such as `pool.returnResource(jedis)`). It reports
    /// only when the receiver of `getResource()` is provably a Jedis pool (`JedisPool`,
    /// `JedisSentinelPool`, `ShardedJedisPool`, `Pool<Jedis>`: by its declared type, its
    /// constructor, a method declared to return one, or a member of a class of another file),
    /// so `getClass().getResource("x")` and other `getResource` methods are never mistaken for
    /// one.
    ///
    /// ## Why is this bad?
    /// `JedisPool` is a commons-pool2 pool of at most `maxTotal` connections (8 by default).
    /// `getResource()` borrows one; only `Jedis.close()` (or, before Jedis 3,
    /// `returnResource`) gives it back. Every borrow that is never returned takes one
    /// connection out of the pool for good: after `maxTotal` leaks every borrower blocks for
    /// `maxWait` (forever by default) and then fails with `JedisConnectionException: Could not
    /// get a resource from the pool`. Alibaba Cloud's Jedis guidance shows exactly this: with
    /// the default pool, the ninth borrow of a leaking loop fails. A `close()` that an
    /// exception skips leaks the same way, once per failed command, which is when a Redis
    /// outage or a timeout makes failures frequent.
    ///
    /// `returnResource` and `returnBrokenResource` were deprecated in Jedis 2.x in favour of
    /// `Jedis.close()`, which decides itself whether the connection is broken, and are no
    /// longer public API in Jedis 3.0.
    ///
    /// ## Example
    /// ```java file=Cache.java bad
    /// import redis.clients.jedis.Jedis;
    /// import redis.clients.jedis.JedisPool;
    ///
    /// class Cache {
    ///     private final JedisPool pool = new JedisPool("redis.internal", 6379);
    ///
    ///     String load(String key) {
    ///         Jedis jedis = pool.getResource();
    ///         return jedis.get(key);
    ///     }
    /// }
    /// ```
    ///
    /// Use instead:
    ///
    /// ```java file=Cache.java good
    /// import redis.clients.jedis.Jedis;
    /// import redis.clients.jedis.JedisPool;
    ///
    /// class Cache {
    ///     private final JedisPool pool = new JedisPool("redis.internal", 6379);
    ///
    ///     String load(String key) {
    ///         try (Jedis jedis = pool.getResource()) {
    ///             return jedis.get(key);
    ///         }
    ///     }
    /// }
    /// ```
    ///
    /// A close that a failing command skips (reported at `info`):
    ///
    /// ```java file=Writer.java bad
    /// import redis.clients.jedis.Jedis;
    /// import redis.clients.jedis.JedisPool;
    ///
    /// class Writer {
    ///     void write(JedisPool pool, String key, String value) {
    ///         Jedis jedis = pool.getResource();
    ///         jedis.set(key, value);
    ///         jedis.close();
    ///     }
    /// }
    /// ```
    ///
    /// ## How to fix
    /// Borrow in try-with-resources: `try (Jedis jedis = pool.getResource()) { … }`;
    /// `Jedis.close()` returns a pooled connection to its pool (and discards a broken one).
    /// Replace `pool.returnResource(jedis)` / `returnBrokenResource(jedis)` with
    /// `jedis.close()`. On Jedis 4 and later, `JedisPooled` borrows and returns a connection
    /// for every command by itself, so there is nothing to close per command.
    ///
    /// ## Options
    /// - `normal-path-severity` (severity, default `info`): the severity of a connection closed
    ///   only on the normal path, when a call that can throw runs before its `close()`;
    ///   `warning` or `error` to treat these as seriously as connections never closed.
    ///
    /// ## References
    /// - Jedis wiki, Getting started, using Jedis in a multithreaded environment:
    ///   <https://github.com/redis/jedis/wiki/Getting-started>
    /// - Jedis issue #979, `returnResource` package-private in 3.0, use `close()`:
    ///   <https://github.com/redis/jedis/issues/979>
    /// - Jedis issue #562, `close()` returns a pooled connection:
    ///   <https://github.com/redis/jedis/issues/562>
    /// - Alibaba Cloud, JedisPool resource pool optimization:
    ///   <https://help.aliyun.com/en/redis/use-cases/jedispool-optimization>
    /// - commons-pool2 `GenericObjectPool` (`maxTotal`, `maxWait`):
    ///   <https://commons.apache.org/proper/commons-pool/apidocs/org/apache/commons/pool2/impl/GenericObjectPool.html>
    pub JedisResourceLeak {
        code: "RDS002",
        name: "jedis-resource-leak",
        summary: "a Jedis connection borrowed with `getResource()` is never returned to its pool",
        severity: Error,
        kinds: [Java],
        triggers: ["getResource", "returnResource", "returnBrokenResource"],
        options: [OptionMeta {
            name: "normal-path-severity",
            kind: OptionKind::Severity,
            default: "info",
            doc: "The severity of a connection closed only on the normal path: `info`, `warning` \
                  or `error`.",
        }],
    }
}

/// The first Jedis release whose `Jedis.close()` returns a pooled connection (#563).
const CLOSE_RETURNS: Version = Version::new(2, 5);

/// The Jedis release that took `returnResource` out of the public API.
const NOT_PUBLIC: Version = Version::new(3, 0);

impl Rule for JedisResourceLeak {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        if !file.imports_from(JEDIS_PACKAGE) {
            return;
        }
        let normal_path = cx
            .options()
            .severity("normal-path-severity")
            .unwrap_or(Severity::Info);
        for call in file.nodes_of_kind("method_invocation") {
            match method_name(file, call) {
                "getResource" if helpers::is_get_resource(file, call) => {
                    let trace = lifetime::trace(file, call);
                    if trace.fate.is_leak() {
                        if lifetime::is_process_singleton(file, call, &trace) {
                            report_singleton(file, cx, call, &trace);
                        } else {
                            report_leak(file, cx, call, &trace);
                        }
                    } else if let (Fate::Closed, Some(between)) = (trace.fate, trace.between) {
                        report_normal_path(file, cx, call, &trace, between, normal_path);
                    }
                }
                name @ ("returnResource" | "returnBrokenResource") => {
                    let on_pool = receiver(call).is_some_and(|r| helpers::is_jedis_pool(file, r));
                    if on_pool && arguments(call).len() == 1 {
                        report_return(file, cx, call, name);
                    }
                }
                _ => {}
            }
        }
    }
}

fn report_leak(file: &JavaFile<'_>, cx: &mut Ctx<'_>, call: Node<'_>, trace: &Trace<'_>) {
    let span = JavaFile::span_of(call);
    let holder_name = trace.holder.map(|h| file.text_of(h.name));
    if trace.fate == Fate::FieldNeverClosed {
        let field = holder_name.unwrap_or("field");
        let mut reported = cx.report(
            Severity::Error,
            span,
            format!(
                "field `{field}` holds a Jedis connection from `getResource()` but no lifecycle \
                 method closes it: the pool never gets it back"
            ),
        );
        reported.help(format!(
            "close it in this class's `close()` method (`if ({field} != null) {{ {field}.close(); }}`), \
             or borrow per use in try-with-resources"
        ));
        if let Some(h) = trace.holder {
            reported.label(
                JavaFile::span_of(h.name),
                format!("`{field}` is declared here"),
            );
        }
        return;
    }
    let mut message = holder_name.map_or_else(
        || "the Jedis connection from `getResource()` is never closed".to_owned(),
        |local| {
            format!(
                "the Jedis connection from `getResource()` is stored in `{local}` and never closed"
            )
        },
    );
    if let Some(passed) = trace.passed_to {
        let _ = write!(
            message,
            ": it is passed to `{}`, which does not close it",
            call_name(file, passed)
        );
    }
    message.push_str(", so it never returns to the pool");
    let help = try_with_resources_help(file, call, holder_name);
    let mut reported = cx.report(Severity::Error, span, message);
    reported.help(help);
    if let Some(passed) = trace.passed_to {
        reported.label(JavaFile::span_of(passed), "passed here, not closed there");
    }
}

/// A static field set once per class load from a static pool field that is never closed.
fn report_singleton(file: &JavaFile<'_>, cx: &mut Ctx<'_>, call: Node<'_>, trace: &Trace<'_>) {
    let Some(holder) = trace.holder else {
        return;
    };
    let field = file.text_of(holder.name);
    let pool = receiver(call)
        .and_then(|r| helpers::short(file, r, 40))
        .map_or_else(String::new, |t| format!(" `{t}`"));
    cx.report(
        Severity::Info,
        JavaFile::span_of(call),
        format!(
            "static field `{field}` keeps one Jedis connection from `getResource()` for the life \
             of the process, like the never-closed pool{pool} it came from; a `Jedis` is not \
             thread-safe"
        ),
    )
    .help("borrow a connection per use in try-with-resources, or share a thread-safe `JedisPooled`")
    .label(
        JavaFile::span_of(holder.name),
        format!("`{field}` is declared here"),
    );
}

fn report_normal_path(
    file: &JavaFile<'_>,
    cx: &mut Ctx<'_>,
    call: Node<'_>,
    trace: &Trace<'_>,
    between: Node<'_>,
    severity: Severity,
) {
    let holder_name = trace.holder.map(|h| file.text_of(h.name));
    let stored = holder_name.map_or_else(String::new, |h| format!(" in `{h}`"));
    let close = trace
        .evidence
        .and_then(|c| helpers::short(file, c, 40))
        .map_or_else(|| "the close".to_owned(), |t| format!("`{t}`"));
    let thrower = match between.kind() {
        "throw_statement" => "a `throw`".to_owned(),
        _ => format!("`{}`", call_name(file, between)),
    };
    let message = format!(
        "the Jedis connection from `getResource()`{stored} is closed only on the normal path: \
         {thrower} can throw before {close} runs, and the connection never returns to the pool"
    );
    let help = try_with_resources_help(file, call, holder_name);
    cx.report(severity, JavaFile::span_of(call), message)
        .help(help)
        .label(
            JavaFile::span_of(between),
            "an exception here skips the close",
        );
}

fn report_return(file: &JavaFile<'_>, cx: &mut Ctx<'_>, call: Node<'_>, name: &str) {
    let version = cx.target_version(Product::Jedis);
    let (severity, verdict) = match version {
        Some(v) if v >= NOT_PUBLIC => (
            Severity::Error,
            format!("is not public API since Jedis 3.0 (the target is Jedis {v})"),
        ),
        Some(v) if v >= CLOSE_RETURNS => (
            Severity::Warning,
            format!("is deprecated (the target is Jedis {v}) and is no longer public in Jedis 3.0"),
        ),
        Some(_) => return,
        None => (
            Severity::Info,
            "is deprecated in Jedis 2.x and no longer public in Jedis 3.0".to_owned(),
        ),
    };
    let jedis = arguments(call)
        .first()
        .and_then(|a| helpers::short(file, *a, 30))
        .unwrap_or_else(|| "jedis".to_owned());
    cx.report(
        severity,
        JavaFile::span_of(call),
        format!("`{name}` {verdict}: `{jedis}.close()` returns the connection to its pool"),
    )
    .help(format!(
        "call `{jedis}.close()` instead, or borrow in try-with-resources"
    ));
}

/// How a message names a call: `set(..)`, `flush()`, `new Foo(..)`.
fn call_name(file: &JavaFile<'_>, call: Node<'_>) -> String {
    let parentheses = if arguments(call).is_empty() {
        "()"
    } else {
        "(..)"
    };
    if call.kind() == "object_creation_expression" {
        format!("new {}{parentheses}", helpers::created_class(file, call))
    } else {
        format!("{}{parentheses}", method_name(file, call))
    }
}

/// "borrow it in try-with-resources: `try (Jedis jedis = pool.getResource()) { … }`".
fn try_with_resources_help(file: &JavaFile<'_>, call: Node<'_>, local: Option<&str>) -> String {
    let variable = local.unwrap_or("jedis");
    let borrow = helpers::short(file, call, 60).unwrap_or_else(|| "pool.getResource()".to_owned());
    format!("borrow it in try-with-resources: `try (Jedis {variable} = {borrow}) {{ … }}`")
}

#[cfg(test)]
mod tests {
    use bdl_core::{Diagnostic, LineIndex, RuleOptions, Targets};
    use bdl_syntax::{check_one, check_one_with_targets};

    use super::*;

    const IMPORTS: &str = "package com.example;\n\
        import redis.clients.jedis.Jedis;\n\
        import redis.clients.jedis.JedisPool;\n";

    fn check(class: &str) -> Vec<Diagnostic> {
        let src = format!("{IMPORTS}{class}");
        check_one(&JedisResourceLeak, "Cache.java", &src)
    }

    /// (line within `class`, severity) of each finding.
    fn found(class: &str) -> Vec<(u32, Severity)> {
        check(class)
            .iter()
            .map(|d| (d.start.line - 3, d.severity))
            .collect()
    }

    #[test]
    fn leaks_inline_local_and_field() {
        let class = "class Cache {\n\
            private final JedisPool pool = new JedisPool(\"h\", 6379);\n\
            private Jedis shared;\n\
            String a(String k) { Jedis j = pool.getResource(); return j.get(k); }\n\
            String b(String k) { return pool.getResource().get(k); }\n\
            void open() { shared = pool.getResource(); }\n\
        }\n";
        assert_eq!(
            found(class),
            [
                (4, Severity::Error),
                (5, Severity::Error),
                (6, Severity::Error)
            ]
        );
        let d = check(class);
        assert_eq!(
            d[0].message,
            "the Jedis connection from `getResource()` is stored in `j` and never closed, so it \
             never returns to the pool"
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("borrow it in try-with-resources: `try (Jedis j = pool.getResource()) { … }`")
        );
        assert!(
            d[2].message.starts_with("field `shared` holds"),
            "{}",
            d[2].message
        );
    }

    #[test]
    fn closed_on_the_normal_path_only_is_info() {
        let class = "class Cache {\n\
            void w(JedisPool pool, String k, String v) {\n\
                Jedis j = pool.getResource();\n\
                j.set(k, v);\n\
                j.close();\n\
            }\n\
        }\n";
        let d = check(class);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Info);
        assert_eq!(
            d[0].message,
            "the Jedis connection from `getResource()` in `j` is closed only on the normal path: \
             `set(..)` can throw before `j.close()` runs, and the connection never returns to \
             the pool"
        );
        assert_eq!(d[0].labels[0].message, "an exception here skips the close");
        // The option raises it.
        let src = format!("{IMPORTS}{class}");
        let file = JavaFile::parse(&src).expect("parses");
        let meta = &JedisResourceLeak::META;
        let mut options = RuleOptions::defaults(meta.options);
        options
            .set(meta.options, "normal-path-severity", "warning")
            .expect("valid option");
        let index = LineIndex::new(&src);
        let mut out = Vec::new();
        let mut cx = Ctx::new(meta, &options, "Cache.java", &src, &index, &mut out);
        JedisResourceLeak.check_java(&file, &mut cx);
        assert_eq!(out[0].severity, Severity::Warning);
    }

    #[test]
    fn closed_returned_and_followed_are_fine() {
        let class = "class Cache {\n\
            private final JedisPool pool;\n\
            Cache(JedisPool pool) { this.pool = pool; }\n\
            String a(String k) { try (Jedis j = pool.getResource()) { return j.get(k); } }\n\
            String b(String k) { Jedis j = null; try { j = pool.getResource(); return j.get(k); } finally { if (j != null) j.close(); } }\n\
            Jedis c() { return pool.getResource(); }\n\
            void d(String k) { Jedis j = pool.getResource(); try { j.del(k); } finally { release(j); } }\n\
            private void release(Jedis j) { if (j != null) { j.close(); } }\n\
            void e() { Jedis j = pool.getResource(); j.close(); }\n\
            void f(String k) { Jedis j = pool.getResource(); try { j.del(k); } finally { pool.returnResource(j); } }\n\
        }\n";
        // Only the deprecated `returnResource` (info: the Jedis version is unknown).
        assert_eq!(found(class), [(10, Severity::Info)]);
    }

    #[test]
    fn helpers_that_only_use_the_connection_leave_it_leaked() {
        let class = "class Cache {\n\
            void a(JedisPool pool) { Jedis j = pool.getResource(); write(j); }\n\
            private void write(Jedis j) { j.set(\"k\", \"v\"); }\n\
        }\n";
        let d = check(class);
        assert_eq!(d.len(), 1);
        assert!(
            d[0].message
                .contains("it is passed to `write(..)`, which does not close it"),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn return_resource_by_jedis_version() {
        let class = "class Cache {\n\
            void a(JedisPool pool, Jedis j) { pool.returnResource(j); pool.returnBrokenResource(j); }\n\
        }\n";
        let src = format!("{IMPORTS}{class}");
        let at = |major, minor| {
            check_one_with_targets(
                &JedisResourceLeak,
                "Cache.java",
                &src,
                &Targets::NONE.with(Product::Jedis, Version::new(major, minor)),
            )
            .iter()
            .map(|d| d.severity)
            .collect::<Vec<_>>()
        };
        assert_eq!(at(3, 9), [Severity::Error, Severity::Error]);
        assert_eq!(at(2, 9), [Severity::Warning, Severity::Warning]);
        assert!(at(2, 4).is_empty());
        let d = check(class);
        assert_eq!(
            d[0].message,
            "`returnResource` is deprecated in Jedis 2.x and no longer public in Jedis 3.0: \
             `j.close()` returns the connection to its pool"
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("call `j.close()` instead, or borrow in try-with-resources")
        );
    }

    #[test]
    fn look_alikes_are_silent() {
        let class = "class Cache {\n\
            void a(ClassLoader loader, Object pool, ResourcePool other) throws Exception {\n\
                getClass().getResource(\"x\");\n\
                loader.getResource(\"app.properties\");\n\
                ClassLoader.getSystemResource(\"x\");\n\
                other.getResource().use();\n\
                pool.getResource();\n\
                other.returnResource(x);\n\
            }\n\
        }\n";
        assert!(found(class).is_empty());
        let src = "import javax.naming.Context;\nclass A { void a(Context pool) { pool.getResource(); } }\n";
        assert!(check_one(&JedisResourceLeak, "A.java", src).is_empty());
    }

    #[test]
    fn static_singletons_are_info() {
        let class = "class Cache {\n\
            static JedisPool pool = new JedisPool(\"h\", 6379);\n\
            static Jedis jedis = pool.getResource();\n\
        }\n";
        let d = check(class);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Info);
        assert!(
            d[0].message
                .starts_with("static field `jedis` keeps one Jedis connection")
        );
    }

    #[test]
    fn pools_from_other_expressions() {
        let class = "class Cache {\n\
            static JedisPool pool() { return null; }\n\
            void a() { pool().getResource().get(\"k\"); }\n\
            void b(redis.clients.jedis.util.Pool<Jedis> p) { p.getResource().get(\"k\"); }\n\
            void c(Object o) { ((JedisPool) o).getResource().get(\"k\"); }\n\
        }\n";
        assert_eq!(
            found(class),
            [
                (3, Severity::Error),
                (4, Severity::Error),
                (5, Severity::Error)
            ]
        );
    }

    #[test]
    fn never_panics_on_broken_input() {
        for src in [
            "import redis.clients.jedis.*; class { JedisPool p; void m( { p.getResource(",
            "import redis.clients.jedis.*; class A { void m() { pool.returnResource( } }",
            "redis.clients.jedis getResource",
            "",
        ] {
            let _ = check_one(&JedisResourceLeak, "Cache.java", src);
        }
    }
}
