use bdl_core::{Ctx, RuleMeta, Severity, declare_rule};
use bdl_syntax::java::chain::{method_name, receiver};
use bdl_syntax::java::lifetime::{self, Fate, Trace};
use bdl_syntax::java::scope::{self, names_class, simple_type_name};
use bdl_syntax::java::{self, Preorder};
use bdl_syntax::{JavaFile, Rule};
use tree_sitter::Node;

use crate::helpers::{self, JEDIS_CLIENT_CLASSES, PerRecord};

declare_rule! {
    /// ## What it does
    /// Flags a Redis client or connection pool created where it runs once per record:
    /// `new Jedis(..)`, `new JedisPool(..)`, `new JedisPooled(..)`, `new JedisCluster(..)`,
    /// `new JedisSentinelPool(..)`, `new ShardedJedis(..)` / `ShardedJedisPool`,
    /// `new UnifiedJedis(..)`, Lettuce's `RedisClient.create(..)` /
    /// `RedisClusterClient.create(..)` and Redisson's `Redisson.create(..)`, inside
    /// - a per-record method of a function (`invoke`, `map`, `flatMap`, `processElement`,
    ///   `asyncInvoke`, `process`, `apply`, `reduce`, `filter`, …, taking the record as a
    ///   parameter);
    /// - a lambda passed as the per-element function (`forEach`, `map`, …);
    /// - a loop body, when the client lives and dies within one iteration.
    ///
    /// The message names the method or loop. Classes are proven by their imports.
    ///
    /// It stays silent on the recommended pattern (a client created once in `open()`, a
    /// constructor, a static initialiser or a field, and closed in `close()`), on lazy
    /// initialisation inside a per-record method (`if (jedis == null) jedis = new Jedis(..)`
    /// into a field), on a per-record method or lambda that returns the client (a factory),
    /// and in loops on:
    /// - a client that outlives the iteration (declared before the loop, returned, handed to
    ///   another owner such as a map of clients);
    /// - a client built from the loop's own variable (`for (HostAndPort node : nodes) { try
    ///   (Jedis j = new Jedis(node)) { … } }`): one connection per server, not per record;
    /// - a client created inside a `try` with a `catch` in the loop body: a reconnect loop
    ///   around a blocking `subscribe`, not a per-record one.
    ///
    /// ## Why is this bad?
    /// Creating a Jedis client opens a TCP connection (and `AUTH`, `SELECT`, `CLIENT SETNAME`
    /// round trips); creating a pool, cluster client or Lettuce `RedisClient` also starts
    /// threads, event loops or the cluster-topology discovery. Done once per record, the job
    /// pays the handshake for every record instead of one command, and every closed
    /// connection leaves a socket in `TIME_WAIT` on the client host: at a few thousand records
    /// per second the host runs out of ephemeral ports and Redis spends its time accepting
    /// connections (and hits `maxclients` when they are not closed). The Redis clients are
    /// built to be created once: Jedis pools and `JedisPooled` are thread-safe and shared,
    /// Lettuce's `RedisClient` is an expensive, reusable resource, and a Flink function's
    /// `open()` / `close()` run once per task for exactly this.
    ///
    /// ## Example
    /// ```java file=CounterSink.java bad
    /// import org.apache.flink.streaming.api.functions.sink.RichSinkFunction;
    /// import redis.clients.jedis.Jedis;
    ///
    /// class CounterSink extends RichSinkFunction<String> {
    ///     @Override
    ///     public void invoke(String key, Context context) {
    ///         try (Jedis jedis = new Jedis("redis.internal", 6379)) {
    ///             jedis.incr(key);
    ///         }
    ///     }
    /// }
    /// ```
    ///
    /// Use instead:
    ///
    /// ```java file=CounterSink.java good
    /// import org.apache.flink.configuration.Configuration;
    /// import org.apache.flink.streaming.api.functions.sink.RichSinkFunction;
    /// import redis.clients.jedis.JedisPooled;
    ///
    /// class CounterSink extends RichSinkFunction<String> {
    ///     private transient JedisPooled redis;
    ///
    ///     @Override
    ///     public void open(Configuration parameters) {
    ///         redis = new JedisPooled("redis.internal", 6379);
    ///     }
    ///
    ///     @Override
    ///     public void invoke(String key, Context context) {
    ///         redis.incr(key);
    ///     }
    ///
    ///     @Override
    ///     public void close() {
    ///         if (redis != null) { redis.close(); }
    ///     }
    /// }
    /// ```
    ///
    /// ## How to fix
    /// Create the client or pool once per task or process and share it: in a Flink
    /// `RichFunction`, in `open()`, closed in `close()`; in a service, as a singleton bean; in
    /// a batch loop, before the loop in try-with-resources. Borrow a connection per unit of
    /// work from a pool (`try (Jedis j = pool.getResource())`), or use `JedisPooled` /
    /// Lettuce, whose connections are thread-safe. Write batches with a pipeline instead of a
    /// connection per record.
    ///
    /// ## Options
    /// None.
    ///
    /// ## References
    /// - Jedis wiki, Getting started (one `JedisPool` per application, shared between threads):
    ///   <https://github.com/redis/jedis/wiki/Getting-started>
    /// - Lettuce reference, `RedisClient` is an expensive resource to be reused:
    ///   <https://redis.github.io/lettuce/advanced-usage/>
    /// - Flink docs, `RichFunction` `open()` / `close()` lifecycle:
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/dev/datastream/user_defined_functions/#rich-functions>
    /// - Redis docs, client handling (`maxclients`):
    ///   <https://redis.io/docs/latest/develop/reference/clients/>
    pub RedisClientPerRecord {
        code: "RDS005",
        name: "redis-client-per-record",
        summary: "a Redis client or pool created once per record or loop iteration",
        severity: Error,
        kinds: [Java],
        triggers: ["redis.clients.jedis", "io.lettuce.core", "org.redisson"],
        options: [],
    }
}

/// Factories of Lettuce and Redisson clients: (class, method).
const FACTORIES: &[(&str, &str)] = &[
    ("io.lettuce.core.RedisClient", "create"),
    ("io.lettuce.core.cluster.RedisClusterClient", "create"),
    ("org.redisson.Redisson", "create"),
    ("org.redisson.Redisson", "createReactive"),
];

impl Rule for RedisClientPerRecord {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        for node in file.nodes() {
            let Some(client) = creation(file, node) else {
                continue;
            };
            let Some(context) = helpers::per_record(file, node) else {
                continue;
            };
            let trace = lifetime::trace(file, node);
            if per_record_creation(file, node, &trace, &context) {
                report(cx, node, &client, &context);
            }
        }
    }
}

/// How a message names the creation (`new Jedis(..)`, `RedisClient.create(..)`), when `node`
/// creates a Redis client.
fn creation(file: &JavaFile<'_>, node: Node<'_>) -> Option<String> {
    match node.kind() {
        "object_creation_expression" => {
            let class = helpers::creates(file, node, JEDIS_CLIENT_CLASSES)?;
            // An anonymous subclass body is a class declaration, not a per-record client.
            if scope::child_of_kind(node, "class_body").is_some() {
                return None;
            }
            Some(format!("new {}(..)", simple_type_name(class)))
        }
        "method_invocation" => {
            let name = method_name(file, node);
            let object = receiver(node)?;
            let written = file.text_of(object);
            FACTORIES
                .iter()
                .find(|(class, method)| *method == name && names_class(file, written, class))
                .map(|(class, method)| format!("{}.{method}(..)", simple_type_name(class)))
        }
        _ => None,
    }
}

/// Whether a creation in a per-record context is created per record: not kept in a field (lazy
/// initialisation) and not returned (a factory); in a loop, living and dying within one
/// iteration, not built from the loop's variable and not in a reconnect `try`/`catch`.
fn per_record_creation(
    file: &JavaFile<'_>,
    node: Node<'_>,
    trace: &Trace<'_>,
    context: &PerRecord<'_, '_>,
) -> bool {
    if trace.holder.is_some_and(|h| h.is_field) || scope::assigned_to_field(file, node) {
        return false;
    }
    if !context.is_loop() {
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
                | Fate::ClosedImmediately
                | Fate::TryWithResources
                | Fate::Cleanup
        )
        && !uses_loop_variable(file, node, context.node())
        && !in_retry_try(file, node, context.node())
}

/// Whether the creation's arguments name a variable the loop declares (`for (String host :
/// hosts)`, `for (int i = 0; …)`).
fn uses_loop_variable(file: &JavaFile<'_>, node: Node<'_>, loop_node: Node<'_>) -> bool {
    let mut names = Vec::new();
    match loop_node.kind() {
        "enhanced_for_statement" => {
            if let Some(name) = loop_node.child_by_field_name("name") {
                names.push(file.text_of(name));
            }
        }
        "for_statement" => {
            let mut cursor = loop_node.walk();
            for init in loop_node.children_by_field_name("init", &mut cursor) {
                let mut inner = init.walk();
                for declarator in init.children_by_field_name("declarator", &mut inner) {
                    if let Some(name) = declarator.child_by_field_name("name") {
                        names.push(file.text_of(name));
                    }
                }
            }
        }
        _ => {}
    }
    if names.is_empty() {
        return false;
    }
    let Some(arguments) = node.child_by_field_name("arguments") else {
        return false;
    };
    Preorder::new(arguments)
        .take(4096)
        .any(|n| n.kind() == "identifier" && names.contains(&file.text_of(n)))
}

/// Whether the creation sits in a `try` with a `catch` inside the loop (a reconnect loop).
fn in_retry_try(file: &JavaFile<'_>, node: Node<'_>, loop_node: Node<'_>) -> bool {
    java::ancestors(file.root(), node)
        .into_iter()
        .filter(|a| helpers::contains(loop_node, *a) && *a != loop_node)
        .filter(|a| matches!(a.kind(), "try_statement" | "try_with_resources_statement"))
        .any(|t| scope::child_of_kind(t, "catch_clause").is_some())
}

fn report(cx: &mut Ctx<'_>, node: Node<'_>, client: &str, context: &PerRecord<'_, '_>) {
    let where_ = context.describe();
    let (message, label, help) = if context.is_loop() {
        (
            format!(
                "`{client}` runs in every iteration of {where_}: each iteration opens and tears \
                 down a new Redis connection"
            ),
            format!("{where_} runs it per iteration"),
            "create the client or pool once before the loop and share it".to_owned(),
        )
    } else if matches!(context, PerRecord::Lambda { .. }) {
        (
            format!(
                "`{client}` runs in {where_}, once per element: every element opens a new Redis \
                 connection"
            ),
            format!("{where_} runs once per element"),
            "create the client once outside the per-element function and share it".to_owned(),
        )
    } else {
        (
            format!(
                "`{client}` runs in {where_}, once per record: every record opens a new Redis \
                 connection"
            ),
            format!("{where_} runs once per record"),
            "create the client once in `open()` (or the constructor), share it for every record \
             and close it in `close()`"
                .to_owned(),
        )
    };
    cx.report(Severity::Error, JavaFile::span_of(node), message)
        .label(context.anchor(), label)
        .help(help);
}

#[cfg(test)]
mod tests {
    use bdl_syntax::check_one;

    use super::*;

    const IMPORTS: &str = "import redis.clients.jedis.*;\n\
        import io.lettuce.core.RedisClient; import org.apache.flink.api.common.functions.MapFunction;\n";

    fn found(class: &str) -> Vec<u32> {
        check_one(
            &RedisClientPerRecord,
            "Sink.java",
            &format!("{IMPORTS}{class}"),
        )
        .iter()
        .map(|d| d.start.line - 2)
        .collect()
    }

    #[test]
    fn per_record_methods_lambdas_and_loops() {
        let class = "class Sink extends RichSinkFunction<String> {\n\
            public void invoke(String v, Context c) { try (Jedis j = new Jedis(\"h\", 6379)) { j.incr(v); } }\n\
            public String map(String v) { return RedisClient.create(\"redis://h\").connect().sync().get(v); }\n\
            void all(List<String> keys) { keys.forEach(k -> new JedisPooled(\"h\", 6379).del(k)); }\n\
            void loop(List<String> keys) { for (String k : keys) { JedisPool p = new JedisPool(\"h\", 6379); p.getResource().del(k); p.close(); } }\n\
        }\n";
        assert_eq!(found(class), [2, 3, 4, 5]);
        let d = check_one(
            &RedisClientPerRecord,
            "Sink.java",
            &format!("{IMPORTS}{class}"),
        );
        assert_eq!(
            d[0].message,
            "`new Jedis(..)` runs in `invoke`, once per record: every record opens a new Redis \
             connection"
        );
        assert_eq!(d[0].labels[0].message, "`invoke` runs once per record");
        assert_eq!(
            d[1].message,
            "`RedisClient.create(..)` runs in `map`, once per record: every record opens a new \
             Redis connection"
        );
        assert_eq!(
            d[3].message,
            "`new JedisPool(..)` runs in every iteration of this `for` loop: each iteration \
             opens and tears down a new Redis connection"
        );
    }

    #[test]
    fn lifecycle_lazy_factories_and_per_server_loops_are_fine() {
        let class = "class Sink extends RichSinkFunction<String> {\n\
            private transient JedisPooled redis;\n\
            private transient Jedis lazy;\n\
            public void open(Configuration c) { redis = new JedisPooled(\"h\", 6379); }\n\
            public void invoke(String v, Context c) { if (lazy == null) { lazy = new Jedis(\"h\", 6379); } lazy.incr(v); }\n\
            public Jedis apply(String host) { return new Jedis(host, 6379); }\n\
            void scan(Set<HostAndPort> nodes) { for (HostAndPort n : nodes) { try (Jedis j = new Jedis(n)) { j.info(); } } }\n\
            void reconnect() { while (running) { try (Jedis j = new Jedis(\"h\", 6379)) { j.subscribe(listener, \"ch\"); } catch (Exception e) { sleep(); } } }\n\
            void pools(List<String> hosts, Map<String, JedisPool> byHost) { for (String h : hosts) { byHost.put(h, new JedisPool(h, 6379)); } }\n\
            Sink() { for (int i = 0; i < 3; i++) { } }\n\
            public void close() { redis.close(); }\n\
        }\n";
        assert!(found(class).is_empty(), "{:?}", found(class));
    }

    #[test]
    fn unproven_classes_are_silent() {
        let src = "import com.acme.Jedis;\nclass Sink { public void invoke(String v, Context c) { new Jedis(\"h\", 1).incr(v); } }\n";
        assert!(check_one(&RedisClientPerRecord, "Sink.java", src).is_empty());
    }

    #[test]
    fn never_panics_on_broken_input() {
        for src in [
            "import redis.clients.jedis.*; class { public void invoke(String v) { new Jedis(",
            "import redis.clients.jedis.*; for (;;) new JedisPool(",
            "",
        ] {
            let _ = check_one(&RedisClientPerRecord, "Sink.java", src);
        }
    }
}
