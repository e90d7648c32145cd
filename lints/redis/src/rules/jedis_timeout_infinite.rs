use std::time::Duration;

use bdl_core::{
    Ctx, FileKind, OptionKind, OptionMeta, RuleMeta, Severity, Span, TestSources, declare_rule,
};
use bdl_syntax::java::chain::{call_anchor, method_name, receiver};
use bdl_syntax::java::fold::{self, Certainty, arguments};
use bdl_syntax::java::scope::{declaration_of, names_class, unparenthesize};
use bdl_syntax::{ConfigFile, JavaFile, Rule};
use tree_sitter::Node;

use crate::helpers::{self, Client, JEDIS_PACKAGE, canonical_key};

declare_rule! {
    /// ## What it does
    /// Flags a Redis client timeout of `0`, which Jedis and Lettuce read as "no timeout", and
    /// (as a warning too) one longer than `max-timeout` (default `60s`). It reads the timeout
    /// arguments of the Jedis constructors by their position, per constructor family:
    /// - `new JedisPool(poolConfig, host, port, timeout, …)` and `JedisPooled` /
    ///   `JedisSentinelPool(master, sentinels, poolConfig, timeout, …)` with a pool
    ///   configuration first: the `timeout` (or `connectionTimeout`) argument and, when the
    ///   next argument is a number too, the `soTimeout`;
    /// - `new Jedis(host, port, timeout)` and `new Jedis(host, port, connectionTimeout,
    ///   soTimeout)`;
    /// - `new JedisCluster(nodes, timeout, …)` and `new JedisCluster(nodes, connectionTimeout,
    ///   soTimeout, maxAttempts, …)`;
    /// - `DefaultJedisClientConfig.builder().timeoutMillis(..)` / `.socketTimeoutMillis(..)` /
    ///   `.connectionTimeoutMillis(..)` (Jedis 4+);
    /// - the Bahir `new FlinkJedisPoolConfig.Builder().setTimeout(..)` (and the sentinel and
    ///   cluster builders);
    /// - Spring Boot's `spring.(data.)redis.timeout` and `…connect-timeout` in
    ///   `application*.properties` / `application*.yml`.
    ///
    /// A `new Jedis(host, port, 0)` kept in a variable or field that the same file uses for
    /// `subscribe` / `psubscribe` is not reported: a Pub/Sub subscriber waits for messages
    /// without a read timeout on purpose.
    ///
    /// A constructor is read only when the argument positions are proven: the pool
    /// configuration is declared as one (or the host is a string), the timeout folds to a
    /// number. Other integer arguments (port, database, `maxAttempts`,
    /// `infiniteSoTimeout`, which is meant to be `0`) are never read as timeouts. Unknown
    /// values are not reported.
    ///
    /// ## Why is this bad?
    /// Jedis passes its timeouts to `Socket.connect(address, connectionTimeout)` and
    /// `Socket.setSoTimeout(soTimeout)`; in both, `0` means an infinite timeout. A Redis server
    /// that stops answering (a failover, a long `KEYS` or Lua script, a network partition
    /// without a reset) then blocks the calling thread forever: a web request never returns,
    /// a Flink sink stops the whole task without an error, and the connection it holds never
    /// returns to its pool. Jedis's default is 2000 ms (`Protocol.DEFAULT_TIMEOUT`), the Bahir
    /// connector's too; Lettuce, which Spring Boot's `spring.data.redis.timeout` also
    /// configures, waits without limit for a command whose timeout is `0`. A timeout of
    /// minutes is nearly as bad for a store that answers in milliseconds: Lettuce's own
    /// default, 60 s, is the upper bound this rule accepts.
    ///
    /// ## Example
    /// ```java file=Clients.java bad
    /// import redis.clients.jedis.JedisPool;
    /// import redis.clients.jedis.JedisPoolConfig;
    ///
    /// class Clients {
    ///     JedisPool pool(JedisPoolConfig config) {
    ///         return new JedisPool(config, "redis.internal", 6379, 0);
    ///     }
    /// }
    /// ```
    ///
    /// ```properties file=application.properties bad
    /// spring.data.redis.timeout=0
    /// ```
    ///
    /// Use instead:
    ///
    /// ```java file=Clients.java good
    /// import redis.clients.jedis.JedisPool;
    /// import redis.clients.jedis.JedisPoolConfig;
    ///
    /// class Clients {
    ///     JedisPool pool(JedisPoolConfig config) {
    ///         return new JedisPool(config, "redis.internal", 6379, 2000);
    ///     }
    /// }
    /// ```
    ///
    /// ```properties file=application.properties good
    /// spring.data.redis.timeout=2s
    /// ```
    ///
    /// ## How to fix
    /// Pass a finite timeout a little above the slowest command you expect, such as the
    /// 2000 ms default, or leave the argument out. Commands that block on purpose (`BLPOP`,
    /// `XREAD BLOCK`) are what Jedis's separate `infiniteSoTimeout` is for.
    ///
    /// ## Options
    /// - `max-timeout` (duration, default `60s`): a timeout longer than this is reported too.
    /// - `lint-test-sources` (boolean, default `false`): also lint test sources
    ///   (`src/test/**`, `*Test.java`, `*IT.java`, `*ITCase.java`), where throw-away pools and
    ///   clients are common.
    ///
    /// ## References
    /// - Jedis `Protocol.DEFAULT_TIMEOUT` (2000 ms) and `DefaultJedisClientConfig`:
    ///   <https://github.com/redis/jedis/blob/master/src/main/java/redis/clients/jedis/DefaultJedisClientConfig.java>
    /// - Java `Socket.setSoTimeout` ("A timeout of zero is interpreted as an infinite timeout"):
    ///   <https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/net/Socket.html#setSoTimeout(int)>
    /// - Apache Bahir `FlinkJedisPoolConfig` (timeout default 2000 ms):
    ///   <https://github.com/apache/bahir-flink/blob/master/flink-connector-redis/src/main/java/org/apache/flink/streaming/connectors/redis/common/config/FlinkJedisPoolConfig.java>
    /// - Spring Boot application properties, `spring.data.redis.timeout`:
    ///   <https://docs.spring.io/spring-boot/appendix/application-properties/index.html>
    /// - Lettuce `LettuceFutures.awaitOrCancel` (a timeout of 0 waits without limit):
    ///   <https://github.com/redis/lettuce/blob/main/src/main/java/io/lettuce/core/LettuceFutures.java>
    pub JedisTimeoutInfinite {
        code: "RDS004",
        name: "jedis-timeout-infinite",
        summary: "a Redis client timeout of 0 (wait forever) or of minutes",
        severity: Warning,
        kinds: [Java, SpringProperties, SpringYaml],
        triggers: [
            "JedisPool",
            "JedisPooled",
            "JedisSentinelPool",
            "Jedis(",
            "JedisCluster",
            "TimeoutMillis",
            "setTimeout",
        ],
        options: [
            OptionMeta {
            name: MAX_TIMEOUT,
            kind: OptionKind::Duration,
            default: "60s",
            doc: "A timeout longer than this is reported too.",
        },
            TestSources::SKIP_BY_DEFAULT,
        ],
    }
}

const MAX_TIMEOUT: &str = "max-timeout";

const DEFAULT_MAX_TIMEOUT_MS: i128 = 60_000;

const POOL_CONFIG_TYPES: &[&str] = &[
    "redis.clients.jedis.JedisPoolConfig",
    "redis.clients.jedis.ConnectionPoolConfig",
    "org.apache.commons.pool2.impl.GenericObjectPoolConfig",
];

/// Spring Boot's timeout keys, canonical.
const SPRING_TIMEOUTS: &[&str] = &[
    "spring.redis.timeout",
    "spring.data.redis.timeout",
    "spring.redis.connecttimeout",
    "spring.data.redis.connecttimeout",
];

/// The `DefaultJedisClientConfig` builder's timeout setters.
const CLIENT_CONFIG_SETTERS: &[&str] = &[
    "timeoutMillis",
    "socketTimeoutMillis",
    "connectionTimeoutMillis",
];

impl Rule for JedisTimeoutInfinite {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        let max = max_timeout(cx);
        if file.imports_from(JEDIS_PACKAGE) {
            let subscribers = subscribers(file);
            for creation in file.nodes_of_kind("object_creation_expression") {
                if is_subscriber(file, creation, &subscribers) {
                    continue;
                }
                for (argument, name) in timeout_arguments(file, creation) {
                    let class = helpers::created_class(file, creation);
                    judge_java(
                        file,
                        cx,
                        argument,
                        &format!("`{name}` of `new {class}(..)`"),
                        max,
                    );
                }
            }
            for call in file.nodes_of_kind("method_invocation") {
                let name = method_name(file, call);
                if CLIENT_CONFIG_SETTERS.contains(&name)
                    && client_config_builder(file, call)
                    && let [argument] = arguments(call)[..]
                {
                    judge_java(file, cx, argument, &format!("`{name}`"), max);
                }
            }
        }
        for config in helpers::pool_configs(file) {
            if config.client != Client::Bahir {
                continue;
            }
            if let Some((_, argument)) = config.last(file, &["setTimeout"]) {
                judge_java(
                    file,
                    cx,
                    argument,
                    "`setTimeout` of this Bahir Redis sink",
                    max,
                );
            }
        }
    }

    fn check_config(&self, file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
        if !matches!(file.kind, FileKind::SpringProperties | FileKind::SpringYaml) {
            return;
        }
        let max = max_timeout(cx);
        for target in SPRING_TIMEOUTS {
            let Some(entry) = file
                .entries
                .iter()
                .rev()
                .find(|e| canonical_key(&e.key) == *target)
            else {
                continue;
            };
            let Some(millis) = helpers::spring_millis(&entry.value) else {
                continue;
            };
            let what = format!("`{}`", entry.key);
            if let Some(mut reported) = judge(cx, entry.value_span, &what, millis, max, false) {
                reported.anchor(format!("{}={}", entry.key, entry.value.trim()));
            }
        }
    }
}

fn max_timeout(cx: &Ctx<'_>) -> i128 {
    cx.options()
        .duration(MAX_TIMEOUT)
        .map_or(DEFAULT_MAX_TIMEOUT_MS, |d: Duration| {
            i128::try_from(d.as_millis()).unwrap_or(i128::MAX)
        })
}

fn judge_java(file: &JavaFile<'_>, cx: &mut Ctx<'_>, argument: Node<'_>, what: &str, max: i128) {
    let Some(folded) = fold::int(file, argument) else {
        return;
    };
    let default = folded.certainty == Certainty::Default;
    let anchor = argument
        .parent()
        .and_then(|p| p.parent())
        .filter(|p| p.kind() == "method_invocation")
        .map(|call| call_anchor(file, call));
    if let Some(mut reported) = judge(
        cx,
        JavaFile::span_of(argument),
        what,
        i128::from(folded.value),
        max,
        default,
    ) {
        if let Some(at) = folded.defined_at {
            reported.label(at, "the value is defined here");
        }
        if let Some(anchor) = anchor {
            reported.anchor(anchor);
        }
    }
}

fn judge<'c>(
    cx: &'c mut Ctx<'_>,
    span: Span,
    what: &str,
    millis: i128,
    max: i128,
    possible: bool,
) -> Option<bdl_core::Reported<'c>> {
    let (message, help) = if millis == 0 {
        (
            format!(
                "{what} is 0, which means no timeout: a Redis that stops answering blocks this client forever"
            ),
            "pass a finite timeout, e.g. 2000 ms (the Jedis default)".to_owned(),
        )
    } else if millis > max {
        (
            format!(
                "{what} is {}, longer than {}: a Redis that stops answering blocks each call that long",
                helpers::describe_millis(millis),
                helpers::describe_millis(max)
            ),
            "use a timeout of a few seconds at most, e.g. 2000 ms (the Jedis default)".to_owned(),
        )
    } else {
        return None;
    };
    let (severity, message) = if possible {
        (
            Severity::Info,
            format!("{message} if the lookup falls back to its default"),
        )
    } else {
        (Severity::Warning, message)
    };
    let mut reported = cx.report(severity, span, message);
    reported.help(help);
    Some(reported)
}

/// The timeout arguments of a Jedis constructor, with their parameter names.
fn timeout_arguments<'t>(file: &JavaFile<'_>, creation: Node<'t>) -> Vec<(Node<'t>, &'static str)> {
    let Some(ty) = creation.child_by_field_name("type") else {
        return Vec::new();
    };
    let written = file.text_of(ty);
    let is = |simple: &str| names_class(file, written, &format!("{JEDIS_PACKAGE}.{simple}"));
    let args = arguments(creation);
    let int = |i: usize| {
        args.get(i)
            .copied()
            .filter(|a| fold::int(file, *a).is_some())
    };
    let mut out = Vec::new();
    let mut pair = |first: usize| {
        if let Some(t) = int(first) {
            match int(first + 1) {
                Some(so) => {
                    out.push((t, "connectionTimeout"));
                    out.push((so, "soTimeout"));
                }
                None => out.push((t, "timeout")),
            }
        }
    };
    if is("JedisPool") || is("JedisPooled") {
        // (poolConfig, host, port, timeout[, soTimeout], …)
        let config_first = args.len() >= 4
            && (args.first().is_some_and(|a| is_pool_config(file, *a))
                || args.get(1).is_some_and(|a| is_string(file, *a)));
        if config_first {
            pair(3);
        }
    } else if is("JedisSentinelPool") {
        // (masterName, sentinels, poolConfig, timeout[, soTimeout], …)
        if args.len() >= 4 && args.get(2).is_some_and(|a| is_pool_config(file, *a)) {
            pair(3);
        }
    } else if is("Jedis") {
        // (host, port, timeout) / (host, port, connectionTimeout, soTimeout)
        if args.len() >= 3
            && args.first().is_some_and(|a| is_string(file, *a))
            && args.get(1).is_some_and(|a| is_int(file, *a))
        {
            pair(2);
        }
    } else if is("JedisCluster") {
        // (nodes, timeout, …) / (nodes, connectionTimeout, soTimeout, maxAttempts, …)
        if let Some(t) = int(1) {
            match (int(2), int(3)) {
                (Some(so), Some(_)) => {
                    out.push((t, "connectionTimeout"));
                    out.push((so, "soTimeout"));
                }
                _ => out.push((t, "timeout")),
            }
        }
    }
    out
}

/// Methods that block on a connection by design: Pub/Sub subscriptions.
const SUBSCRIBE_METHODS: &[&str] = &["subscribe", "psubscribe", "ssubscribe"];

/// The receivers (as written, `this.` dropped) of the file's Pub/Sub subscriptions.
fn subscribers<'a>(file: &JavaFile<'a>) -> Vec<&'a str> {
    file.nodes_of_kind("method_invocation")
        .filter(|c| SUBSCRIBE_METHODS.contains(&method_name(file, *c)))
        .filter_map(|c| receiver(c))
        .map(|r| {
            let text = file.text_of(r);
            text.strip_prefix("this.").unwrap_or(text)
        })
        .collect()
}

/// Whether `creation` is a `new Jedis(..)` kept in a variable or field that the file uses for
/// `subscribe` / `psubscribe`: a subscriber connection waits for messages without a timeout on
/// purpose.
fn is_subscriber(file: &JavaFile<'_>, creation: Node<'_>, subscribers: &[&str]) -> bool {
    if subscribers.is_empty() {
        return false;
    }
    let Some(parent) = creation.parent() else {
        return false;
    };
    let holder = match parent.kind() {
        "variable_declarator" => parent.child_by_field_name("name"),
        "assignment_expression" => parent.child_by_field_name("left"),
        _ => None,
    };
    holder.is_some_and(|h| {
        let text = file.text_of(h);
        subscribers.contains(&text.strip_prefix("this.").unwrap_or(text))
    })
}

fn is_pool_config(file: &JavaFile<'_>, expr: Node<'_>) -> bool {
    helpers::is_type(file, expr, POOL_CONFIG_TYPES, &helpers::no_producer)
}

/// A folded integer, or a name declared `int` / `Integer`.
fn is_int(file: &JavaFile<'_>, expr: Node<'_>) -> bool {
    fold::int(file, expr).is_some()
        || unparenthesize(expr)
            .and_then(|e| declaration_of(file, e))
            .and_then(|d| d.simple_type(file))
            .is_some_and(|t| matches!(t, "int" | "Integer"))
}

fn is_string(file: &JavaFile<'_>, expr: Node<'_>) -> bool {
    fold::string(file, expr).is_some()
        || unparenthesize(expr)
            .and_then(|e| declaration_of(file, e))
            .and_then(|d| d.simple_type(file))
            .is_some_and(|t| t == "String")
}

/// Whether a call's chain starts at `DefaultJedisClientConfig.builder()`.
fn client_config_builder(file: &JavaFile<'_>, call: Node<'_>) -> bool {
    let mut current = receiver(call);
    for _ in 0..helpers::MAX_HOPS {
        let Some(node) = current else {
            return false;
        };
        match node.kind() {
            "method_invocation" => {
                if method_name(file, node) == "builder"
                    && receiver(node).is_some_and(|r| {
                        names_class(
                            file,
                            file.text_of(r),
                            "redis.clients.jedis.DefaultJedisClientConfig",
                        )
                    })
                {
                    return true;
                }
                current = receiver(node);
            }
            "parenthesized_expression" => current = node.named_child(0),
            _ => return false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use bdl_core::Diagnostic;
    use bdl_syntax::check_one;

    use super::*;

    const IMPORTS: &str = "import redis.clients.jedis.*;\n\
        import org.apache.commons.pool2.impl.GenericObjectPoolConfig;\n";

    fn java(class: &str) -> Vec<Diagnostic> {
        check_one(
            &JedisTimeoutInfinite,
            "Clients.java",
            &format!("{IMPORTS}{class}"),
        )
    }

    fn found(class: &str) -> Vec<(u32, Severity)> {
        java(class)
            .iter()
            .map(|d| (d.start.line - 2, d.severity))
            .collect()
    }

    #[test]
    fn constructor_families() {
        let class = "class Clients {\n\
            static final int NO_TIMEOUT = 0;\n\
            void a(JedisPoolConfig cfg, String host, Set<HostAndPort> nodes) {\n\
              new JedisPool(cfg, host, 6379, 0);\n\
              new JedisPool(cfg, \"h\", 6379, 2000, 0, \"pw\", 0, \"app\");\n\
              new Jedis(host, 6379, NO_TIMEOUT);\n\
              new Jedis(\"h\", 6379, 2000, 0);\n\
              new JedisCluster(nodes, 0);\n\
              new JedisCluster(nodes, 2000, 0, 5, cfg);\n\
              new JedisSentinelPool(\"m\", sentinels, cfg, 0);\n\
              new JedisPool(cfg, host, 6379, 120000);\n\
            }\n\
        }\n";
        assert_eq!(
            found(class),
            [
                (4, Severity::Warning),
                (5, Severity::Warning),
                (6, Severity::Warning),
                (7, Severity::Warning),
                (8, Severity::Warning),
                (9, Severity::Warning),
                (10, Severity::Warning),
                (11, Severity::Warning)
            ]
        );
        let d = java(class);
        assert_eq!(
            d[0].message,
            "`timeout` of `new JedisPool(..)` is 0, which means no timeout: a Redis that stops \
             answering blocks this client forever"
        );
        assert_eq!(d[1].message.split(' ').next(), Some("`soTimeout`"));
        assert_eq!(d[2].labels.len(), 1, "the constant is labelled");
        assert_eq!(
            d[7].message,
            "`timeout` of `new JedisPool(..)` is 2 min, longer than 1 min: a Redis that stops \
             answering blocks each call that long"
        );
    }

    #[test]
    fn other_integers_are_not_timeouts() {
        let class = "class Clients {\n\
            void a(JedisPoolConfig cfg, String host, Set<HostAndPort> nodes, Object unknown) {\n\
              new JedisPool(cfg, host, 0);\n\
              new JedisPool(cfg, host, 6379, 2000, null, 0);\n\
              new JedisPool(cfg, host, 6379, 2000, 2000, 0, null, \"pw\", 0, \"app\");\n\
              new Jedis(host, 0);\n\
              new JedisCluster(nodes, 2000, 0);\n\
              new JedisPool(unknown, unknown, 6379, 0);\n\
              new Jedis(unknown, 6379, 0);\n\
              new JedisPool(host, 6379, false);\n\
            }\n\
        }\n";
        assert!(found(class).is_empty(), "{:?}", found(class));
    }

    #[test]
    fn parameters_as_host_and_port() {
        let class = "class Dao {\n\
            private Jedis jedis;\n\
            Dao(String host, int port) { this.jedis = new Jedis(host, port, 0); }\n\
            Dao(String host, Integer port, boolean x) { this.jedis = new Jedis(host, port, 0); }\n\
            Dao(Object host, int port) { this.jedis = new Jedis(host, port, 0); }\n\
        }\n";
        assert_eq!(
            found(class),
            [(3, Severity::Warning), (4, Severity::Warning)]
        );
    }

    #[test]
    fn subscribers_wait_on_purpose() {
        let class = "class Clients {\n\
            private Jedis subscriber;\n\
            void a(String host, JedisPubSub l) {\n\
              this.subscriber = new Jedis(host, 6379, 0);\n\
              subscriber.psubscribe(l, \"events.*\");\n\
              Jedis j = new Jedis(host, 6379, 0);\n\
              j.get(\"k\");\n\
            }\n\
        }\n";
        assert_eq!(found(class), [(6, Severity::Warning)]);
    }

    #[test]
    fn client_config_builder_and_bahir() {
        let class = "class Clients {\n\
            void a() {\n\
              DefaultJedisClientConfig.builder().socketTimeoutMillis(0).build();\n\
              other.builder().timeoutMillis(0);\n\
            }\n\
        }\n";
        assert_eq!(found(class), [(3, Severity::Warning)]);
        let src = "import org.apache.flink.streaming.connectors.redis.common.config.FlinkJedisPoolConfig;\n\
            class Sink { void a() { new FlinkJedisPoolConfig.Builder().setHost(\"h\").setTimeout(0).build(); } }\n";
        let d = check_one(&JedisTimeoutInfinite, "Sink.java", src);
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].message,
            "`setTimeout` of this Bahir Redis sink is 0, which means no timeout: a Redis that \
             stops answering blocks this client forever"
        );
    }

    #[test]
    fn spring_timeouts() {
        let props = "spring.data.redis.timeout=0\n\
            spring.redis.connect-timeout=5m\n\
            spring.data.redis.connectTimeout=2s\n";
        let d = check_one(&JedisTimeoutInfinite, "application.properties", props);
        let got: Vec<_> = d.iter().map(|d| (d.start.line, d.severity)).collect();
        assert_eq!(got, [(1, Severity::Warning), (2, Severity::Warning)]);
        assert_eq!(
            d[0].message,
            "`spring.data.redis.timeout` is 0, which means no timeout: a Redis that stops \
             answering blocks this client forever"
        );
        let fine = "spring.data.redis.timeout=2000\nspring.data.redis.timeout2=0\nspring.redis.timeout=${T:0}\n";
        assert!(check_one(&JedisTimeoutInfinite, "application.properties", fine).is_empty());
    }

    #[test]
    fn never_panics_on_broken_input() {
        for src in [
            "import redis.clients.jedis.*; class { void m( { new JedisPool(cfg, \"h\", 1, ",
            "import redis.clients.jedis.*; new Jedis(",
            "",
        ] {
            let _ = check_one(&JedisTimeoutInfinite, "Clients.java", src);
        }
    }
}
