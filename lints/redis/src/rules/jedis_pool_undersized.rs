use std::collections::HashMap;

use bdl_core::{
    Ctx, FileKind, OptionKind, OptionMeta, RuleMeta, Severity, Span, TestSources, declare_rule,
};
use bdl_syntax::java::chain::{call_anchor, method_name, receiver};
use bdl_syntax::java::fold::{self, Certainty, Folded, arguments};
use bdl_syntax::java::scope::{self, declaration_of, names_class, unparenthesize};
use bdl_syntax::{ConfigFile, Entry, JavaFile, Rule};
use tree_sitter::Node;

declare_rule! {
    /// ## What it does
    /// Flags a Jedis connection pool whose `maxTotal` (the most connections it hands out at
    /// once) is too small for concurrent use: an error when it is `0` or `1`, a warning when
    /// it is below `min-max-total` (by default `8`, the library default).
    ///
    /// It reads:
    /// - `setMaxTotal(n)` on a `JedisPoolConfig` or `ConnectionPoolConfig`, and on a
    ///   commons-pool2 `GenericObjectPoolConfig` that is provably a Jedis pool's: typed
    ///   `GenericObjectPoolConfig<Jedis>` / `<Connection>`, or passed in the same file to
    ///   `new JedisPool(..)`, `JedisPooled`, `JedisSentinelPool`, `JedisSentineled`,
    ///   `JedisCluster` or `ShardedJedisPool`. The configuration is a local, a parameter or a
    ///   field (`cfg.setMaxTotal(n)`, `this.cfg.setMaxTotal(n)`), or the class itself when it
    ///   extends one of these classes (including a double-brace initialiser);
    /// - the Apache Bahir Flink Redis connector's `new FlinkJedisPoolConfig.Builder()` (and
    ///   the `FlinkJedisSentinelConfig` / `FlinkJedisClusterConfig` builders) with
    ///   `.setMaxTotal(n)` in the chain or on a builder variable;
    /// - Spring Boot's `spring.redis.jedis.pool.max-active` (Boot 2.x) and
    ///   `spring.data.redis.jedis.pool.max-active` (Boot 3+) in `application*.properties` and
    ///   `application*.yml`, in every relaxed-binding spelling (`maxActive`, `max_active`).
    ///
    /// `n` is folded (literals, arithmetic, `static final` constants, effectively-final
    /// locals); when it cannot be proven the rule stays silent. When several `setMaxTotal`
    /// calls configure the same object, only the last one in the file is judged. A value that
    /// is only the default of a `ParameterTool` lookup is reported as `info` at most.
    ///
    /// Deliberately not reported:
    /// - a negative `maxTotal` / `max-active`, which commons-pool2 and Spring Boot read as
    ///   "no limit" (Bahir's builder rejects negative values at `build()`, so the job fails
    ///   at start-up instead);
    /// - a pool configuration that is created but never given a `setMaxTotal`: it has the
    ///   default of 8, which is not below the default;
    /// - a raw `GenericObjectPoolConfig` that is never handed to a Jedis pool in the same
    ///   file (it may configure any other pool);
    /// - Lettuce's `spring.(data.)redis.lettuce.pool.max-active`: Lettuce connections are
    ///   thread-safe, Spring shares one native connection by default and takes pooled
    ///   connections only for blocking and transactional commands, so a small Lettuce pool
    ///   does not starve ordinary callers;
    /// - comparing `maxTotal` with the concurrency in the same class
    ///   (`Executors.newFixedThreadPool(k)`, `AsyncDataStream` capacity, Tomcat threads):
    ///   the file rarely proves which threads borrow from which pool, so this is not yet
    ///   covered.
    ///
    /// ## Why is this bad?
    /// Jedis pools are commons-pool2 `GenericObjectPool`s. `maxTotal` caps the connections
    /// lent out at the same time; its default, `GenericObjectPoolConfig.DEFAULT_MAX_TOTAL`, is
    /// 8 (`maxIdle` 8, `minIdle` 0). When the pool is exhausted a borrower blocks
    /// (`blockWhenExhausted` defaults to `true`) for `maxWait`, whose default is `-1`: it
    /// waits forever. With `maxTotal = 1` every second thread that needs Redis stalls until
    /// the first returns its connection, and with `0` no connection is ever handed out. Once
    /// `maxWait` is set, the same shortage surfaces as `JedisConnectionException: Could not
    /// get a resource from the pool`. Alibaba Cloud's Jedis guidance lists a pool that is
    /// too small for the concurrency among the causes of this error, and both Alibaba Cloud
    /// and Huawei Cloud recommend deriving `maxTotal` from the expected number of concurrent
    /// borrowers.
    ///
    /// The Bahir `FlinkJedisPoolConfig.Builder` and Spring Boot's `max-active` use the same
    /// default of 8 and pass the value to the same commons-pool2 setting.
    ///
    /// ## Example
    /// ```java file=Job.java bad
    /// import redis.clients.jedis.JedisPool;
    /// import redis.clients.jedis.JedisPoolConfig;
    ///
    /// class Job {
    ///     JedisPool open() {
    ///         JedisPoolConfig config = new JedisPoolConfig();
    ///         config.setMaxTotal(1);
    ///         return new JedisPool(config, "redis.internal", 6379);
    ///     }
    /// }
    /// ```
    ///
    /// ```properties file=application.properties bad
    /// spring.redis.jedis.pool.max-active=2
    /// ```
    ///
    /// Use instead:
    ///
    /// ```java file=Job.java good
    /// import redis.clients.jedis.JedisPool;
    /// import redis.clients.jedis.JedisPoolConfig;
    ///
    /// class Job {
    ///     JedisPool open() {
    ///         JedisPoolConfig config = new JedisPoolConfig();
    ///         config.setMaxTotal(64);
    ///         config.setMaxIdle(64);
    ///         return new JedisPool(config, "redis.internal", 6379);
    ///     }
    /// }
    /// ```
    ///
    /// ```properties file=application.properties good
    /// spring.data.redis.jedis.pool.max-active=32
    /// ```
    ///
    /// ## How to fix
    /// Set `maxTotal` (`max-active` in Spring Boot) to at least the number of threads that
    /// use Redis at the same time, plus a small reserve, and never below the default of 8.
    /// Set `maxIdle` to the same value so that bursts do not close and reopen connections,
    /// and set a finite `maxWait` so that an exhausted pool fails fast instead of hanging.
    /// Remove the call to fall back to the default of 8.
    ///
    /// ## Options
    /// - `min-max-total` (integer, default `8`): a `maxTotal` below this is a warning. The
    ///   default is the library default; raise it to enforce a larger floor. `0` and `1` are
    ///   always errors.
    /// - `lint-test-sources` (boolean, default `false`): also lint test sources
    ///   (`src/test/**`, `*Test.java`, `*IT.java`, `*ITCase.java`), where tiny pools are often
    ///   deliberate, e.g. to test pool exhaustion.
    ///
    /// ## References
    /// - commons-pool2 `GenericObjectPoolConfig` (`DEFAULT_MAX_TOTAL = 8`): <https://commons.apache.org/proper/commons-pool/apidocs/org/apache/commons/pool2/impl/GenericObjectPoolConfig.html>
    /// - commons-pool2 `BaseObjectPoolConfig` (`DEFAULT_MAX_WAIT` = -1 ms, `DEFAULT_BLOCK_WHEN_EXHAUSTED = true`): <https://commons.apache.org/proper/commons-pool/apidocs/org/apache/commons/pool2/impl/BaseObjectPoolConfig.html>
    /// - Jedis `JedisPoolConfig` (extends `GenericObjectPoolConfig`): <https://github.com/redis/jedis/blob/master/src/main/java/redis/clients/jedis/JedisPoolConfig.java>
    /// - Alibaba Cloud, JedisPool resource pool optimization: <https://help.aliyun.com/en/redis/use-cases/jedispool-optimization>
    /// - Huawei Cloud DCS, optimizing the Jedis connection pool: <https://support.huaweicloud.com/intl/en-us/bestpractice-dcs/dcs_05_0009.html>
    /// - Apache Bahir Flink Redis connector, `FlinkJedisPoolConfig`: <https://github.com/apache/bahir-flink/blob/master/flink-connector-redis/src/main/java/org/apache/flink/streaming/connectors/redis/common/config/FlinkJedisPoolConfig.java>
    /// - Spring Boot application properties, `spring.data.redis.jedis.pool.max-active`: <https://docs.spring.io/spring-boot/appendix/application-properties/index.html>
    /// - Spring Boot relaxed binding: <https://docs.spring.io/spring-boot/reference/features/external-config.html#features.external-config.typesafe-configuration-properties.relaxed-binding>
    /// - Lettuce, connection pooling: <https://redis.github.io/lettuce/advanced-usage/connection-pooling/>
    pub JedisPoolUndersized {
        code: "RDS001",
        name: "jedis-pool-undersized",
        summary: "connection pool of a Jedis client too small for concurrent borrowers",
        severity: Error,
        kinds: [Java, SpringProperties, SpringYaml],
        triggers: ["setMaxTotal", "max-active", "maxActive", "max_active", "maxactive"],
        options: [
            OptionMeta {
                name: MIN_MAX_TOTAL,
                kind: OptionKind::Integer,
                default: "8",
                doc: "A `maxTotal` below this is a warning; `0` and `1` are always errors.",
            },
            TestSources::SKIP_BY_DEFAULT,
        ],
    }
}

const MIN_MAX_TOTAL: &str = "min-max-total";

/// commons-pool2 `GenericObjectPoolConfig.DEFAULT_MAX_TOTAL`.
const LIBRARY_DEFAULT: i64 = 8;

/// Jedis pool configuration classes: always a Jedis pool's configuration.
const JEDIS_CONFIGS: &[&str] = &[
    "redis.clients.jedis.JedisPoolConfig",
    "redis.clients.jedis.ConnectionPoolConfig",
];

/// commons-pool2's configuration class, which configures any pool.
const GENERIC_CONFIG: &str = "org.apache.commons.pool2.impl.GenericObjectPoolConfig";

/// Pooled types that make a `GenericObjectPoolConfig<T>` a Jedis pool's configuration.
const JEDIS_POOLED_TYPES: &[&str] = &[
    "redis.clients.jedis.Jedis",
    "redis.clients.jedis.Connection",
];

/// Jedis classes whose constructors take a pool configuration.
const JEDIS_POOLS: &[&str] = &[
    "redis.clients.jedis.JedisPool",
    "redis.clients.jedis.JedisPooled",
    "redis.clients.jedis.JedisSentinelPool",
    "redis.clients.jedis.JedisSentineled",
    "redis.clients.jedis.JedisCluster",
    "redis.clients.jedis.ShardedJedisPool",
];

/// The package of the Bahir configuration classes.
const BAHIR_CONFIG_PACKAGE: &str = "org.apache.flink.streaming.connectors.redis.common.config";

/// Bahir configuration classes with a nested `Builder` that has `setMaxTotal`.
const BAHIR_CONFIGS: &[&str] = &[
    "FlinkJedisPoolConfig",
    "FlinkJedisSentinelConfig",
    "FlinkJedisClusterConfig",
];

/// Spring Boot's Jedis pool size keys in canonical form (see [`canonical_key`]).
const SPRING_KEYS: &[&str] = &[
    "spring.redis.jedis.pool.maxactive",
    "spring.data.redis.jedis.pool.maxactive",
];

/// How far receiver and parenthesis walks go before giving up.
const MAX_HOPS: usize = 64;

impl Rule for JedisPoolUndersized {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        let jedis = file.imports_from("redis.clients.jedis");
        let bahir = file.imports_from(BAHIR_CONFIG_PACKAGE);
        if !jedis && !bahir {
            return;
        }
        let passed_to_pools = if jedis {
            configs_passed_to_pools(file)
        } else {
            Vec::new()
        };
        // The last `setMaxTotal` per configured object, in document order.
        let mut last: HashMap<usize, Node<'_>> = HashMap::new();
        let mut order: Vec<usize> = Vec::new();
        for call in file.nodes_of_kind("method_invocation") {
            if method_name(file, call) != "setMaxTotal" || arguments(call).len() != 1 {
                continue;
            }
            let target = bahir
                .then(|| bahir_builder(file, call))
                .flatten()
                .or_else(|| {
                    jedis
                        .then(|| jedis_config(file, call, &passed_to_pools))
                        .flatten()
                });
            if let Some(target) = target
                && last.insert(target, call).is_none()
            {
                order.push(target);
            }
        }
        let min = cx
            .options()
            .integer(MIN_MAX_TOTAL)
            .unwrap_or(LIBRARY_DEFAULT);
        for target in order {
            let Some(call) = last.get(&target).copied() else {
                continue;
            };
            let Some(argument) = arguments(call).first().copied() else {
                continue;
            };
            let Some(folded) = fold::int(file, argument) else {
                continue;
            };
            report_java(
                cx,
                JavaFile::span_of(argument),
                &folded,
                min,
                call_anchor(file, call),
            );
        }
    }

    fn check_config(&self, file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
        if !matches!(file.kind, FileKind::SpringProperties | FileKind::SpringYaml) {
            return;
        }
        let min = cx
            .options()
            .integer(MIN_MAX_TOTAL)
            .unwrap_or(LIBRARY_DEFAULT);
        for target in SPRING_KEYS {
            // The last definition is the one Spring binds.
            let Some(entry) = file
                .entries
                .iter()
                .rev()
                .find(|e| canonical_key(&e.key) == *target)
            else {
                continue;
            };
            report_spring(cx, entry, min);
        }
    }
}

/// What a pool size means, if it is a problem.
fn judge(value: i64, min: i64) -> Option<(Severity, String)> {
    match value {
        ..0 => None,
        0 => Some((
            Severity::Error,
            "is 0: the pool never hands out a connection".to_owned(),
        )),
        1 => Some((
            Severity::Error,
            "is 1: a second concurrent borrower blocks".to_owned(),
        )),
        v if v < min && min == LIBRARY_DEFAULT => Some((
            Severity::Warning,
            format!("is {v}, below the library default of {LIBRARY_DEFAULT}"),
        )),
        v if v < min => Some((
            Severity::Warning,
            format!("is {v}, below the minimum of {min}"),
        )),
        _ => None,
    }
}

fn report_java(cx: &mut Ctx<'_>, span: Span, folded: &Folded<i64>, min: i64, anchor: String) {
    let Some((mut severity, verdict)) = judge(folded.value, min) else {
        return;
    };
    let mut message = format!("`maxTotal` of this Jedis pool {verdict}");
    if folded.certainty == Certainty::Default {
        severity = severity.min(Severity::Info);
        message.push_str(" if the lookup falls back to its default");
    }
    let floor = min.max(2);
    let mut reported = cx.report(severity, span, message);
    reported.help(format!(
        "size maxTotal to the threads that borrow concurrently (at least {floor})"
    ));
    reported.anchor(anchor);
    if let Some(at) = folded.defined_at {
        reported.label(at, "the value is defined here");
    }
}

fn report_spring(cx: &mut Ctx<'_>, entry: &Entry, min: i64) {
    let raw = entry.value.trim();
    let Ok(value) = raw.parse::<i64>() else {
        return;
    };
    let Some((severity, verdict)) = judge(value, min) else {
        return;
    };
    let floor = min.max(2);
    cx.report(
        severity,
        entry.value_span,
        format!("`{}` {verdict}", entry.key),
    )
    .help(format!(
        "size max-active to the threads that borrow concurrently (at least {floor})"
    ))
    .anchor(format!("{}={raw}", entry.key));
}

/// Spring Boot's relaxed binding: each dotted segment lowercased, with `-` and `_` dropped,
/// so `maxActive`, `max-active` and `max_active` compare equal.
fn canonical_key(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for (i, segment) in key.split('.').enumerate() {
        if i > 0 {
            out.push('.');
        }
        out.extend(
            segment
                .chars()
                .filter(|c| *c != '-' && *c != '_')
                .flat_map(char::to_lowercase),
        );
    }
    out
}

/// How a configuration class ties a configuration to Jedis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ConfigClass {
    /// A Jedis class, or a commons-pool2 configuration of Jedis objects.
    Jedis,
    /// A raw commons-pool2 configuration: Jedis only if handed to a Jedis pool.
    Generic,
}

/// Classifies a written type (`JedisPoolConfig`, `GenericObjectPoolConfig<Jedis>`).
fn classify(file: &JavaFile<'_>, written: &str) -> Option<ConfigClass> {
    if JEDIS_CONFIGS
        .iter()
        .any(|fqn| names_class(file, written, fqn))
    {
        return Some(ConfigClass::Jedis);
    }
    if !names_class(file, written, GENERIC_CONFIG) {
        return None;
    }
    let argument = written
        .split_once('<')
        .and_then(|(_, rest)| rest.rsplit_once('>'))
        .map_or("", |(inside, _)| inside.trim());
    let of_jedis = JEDIS_POOLED_TYPES
        .iter()
        .any(|fqn| names_class(file, argument, fqn));
    Some(if of_jedis {
        ConfigClass::Jedis
    } else {
        ConfigClass::Generic
    })
}

/// The ids of the declarations handed to a Jedis pool constructor in this file.
fn configs_passed_to_pools(file: &JavaFile<'_>) -> Vec<usize> {
    let mut out = Vec::new();
    for creation in file.nodes_of_kind("object_creation_expression") {
        let Some(ty) = creation.child_by_field_name("type") else {
            continue;
        };
        let written = file.text_of(ty);
        if !JEDIS_POOLS
            .iter()
            .any(|fqn| names_class(file, written, fqn))
        {
            continue;
        }
        for argument in arguments(creation) {
            if let Some(decl) = declaration_of(file, argument) {
                out.push(decl.node.id());
            }
        }
    }
    out
}

/// The configured Jedis pool configuration a `setMaxTotal` call sets, as an id shared by all
/// calls on the same object: the declaration of its receiver, or the class when the call is
/// made on the object itself from a subclass.
fn jedis_config(file: &JavaFile<'_>, call: Node<'_>, passed_to_pools: &[usize]) -> Option<usize> {
    let Some(recv) = receiver(call) else {
        return self_config(file, call);
    };
    if matches!(recv.kind(), "this" | "super") {
        return self_config(file, call);
    }
    let decl = declaration_of(file, recv)?;
    let declared = decl
        .ty
        .map(|t| file.text_of(t))
        .filter(|t| *t != "var")
        .and_then(|t| classify(file, t));
    let created = decl
        .value
        .and_then(unparenthesize)
        .filter(|v| v.kind() == "object_creation_expression")
        .and_then(|v| v.child_by_field_name("type"))
        .and_then(|t| classify(file, file.text_of(t)));
    let class = match (declared, created) {
        (Some(ConfigClass::Jedis), _) | (_, Some(ConfigClass::Jedis)) => ConfigClass::Jedis,
        (Some(ConfigClass::Generic), _) | (_, Some(ConfigClass::Generic)) => ConfigClass::Generic,
        (None, None) => return None,
    };
    let id = decl.node.id();
    (class == ConfigClass::Jedis || passed_to_pools.contains(&id)).then_some(id)
}

/// A `setMaxTotal(n)` / `this.setMaxTotal(n)` / `super.setMaxTotal(n)` inside a subclass of a
/// Jedis pool configuration, or inside the double-brace initialiser of one.
fn self_config(file: &JavaFile<'_>, call: Node<'_>) -> Option<usize> {
    let class = scope::enclosing_class(file, call)?;
    let written = match class.kind() {
        "class_declaration" => {
            file.text_of(class.child_by_field_name("superclass")?.named_child(0)?)
        }
        "object_creation_expression" => {
            let body = scope::child_of_kind(class, "class_body")?;
            if !(body.start_byte() <= call.start_byte() && call.end_byte() <= body.end_byte()) {
                return None;
            }
            file.text_of(class.child_by_field_name("type")?)
        }
        _ => return None,
    };
    (classify(file, written)? == ConfigClass::Jedis).then_some(class.id())
}

/// The Bahir builder a `setMaxTotal` call configures: the `new …Config.Builder()` at the root
/// of its chain, or the variable the builder is held in.
fn bahir_builder(file: &JavaFile<'_>, call: Node<'_>) -> Option<usize> {
    let mut current = receiver(call)?;
    for _ in 0..MAX_HOPS {
        match current.kind() {
            "method_invocation" => current = receiver(current)?,
            "parenthesized_expression" => current = current.named_child(0)?,
            "object_creation_expression" => {
                let ty = current.child_by_field_name("type")?;
                return is_bahir_builder(file, file.text_of(ty)).then_some(current.id());
            }
            "identifier" | "field_access" => {
                let decl = declaration_of(file, current)?;
                let declared = decl.ty.map(|t| file.text_of(t)).filter(|t| *t != "var");
                if let Some(written) = declared {
                    return is_bahir_builder(file, written).then_some(decl.node.id());
                }
                current = decl.value?;
            }
            _ => return None,
        }
    }
    None
}

/// Whether a written type is a Bahir `FlinkJedis…Config.Builder`.
fn is_bahir_builder(file: &JavaFile<'_>, written: &str) -> bool {
    let text: String = written.chars().filter(|c| !c.is_whitespace()).collect();
    BAHIR_CONFIGS.iter().any(|outer| {
        let nested = format!("{outer}.Builder");
        let qualified = format!("{BAHIR_CONFIG_PACKAGE}.{nested}");
        text == qualified
            || (text == nested
                && names_class(file, outer, &format!("{BAHIR_CONFIG_PACKAGE}.{outer}")))
            || (text == "Builder" && file.imports().contains(&qualified))
    })
}

#[cfg(test)]
mod tests {
    use bdl_core::{Diagnostic, LineIndex, RuleOptions};
    use bdl_syntax::check_one;

    use super::*;

    fn java(src: &str) -> Vec<Diagnostic> {
        check_one(&JedisPoolUndersized, "RedisJob.java", src)
    }

    fn found(diagnostics: &[Diagnostic]) -> Vec<(u32, Severity)> {
        diagnostics
            .iter()
            .map(|d| (d.start.line, d.severity))
            .collect()
    }

    const IMPORTS: &str = "import redis.clients.jedis.*;\nimport org.apache.commons.pool2.impl.GenericObjectPoolConfig;\n";

    #[test]
    fn jedis_pool_config_ladder() {
        let src = format!(
            "{IMPORTS}class RedisJob {{\n  private static final int POOL = 4;\n  void a() {{\n    JedisPoolConfig c = new JedisPoolConfig();\n    c.setMaxTotal(1);\n  }}\n  void b() {{\n    JedisPoolConfig c = new JedisPoolConfig();\n    c.setMaxTotal(POOL);\n  }}\n  void c() {{\n    var c = new JedisPoolConfig();\n    c.setMaxTotal(0);\n  }}\n  void d() {{\n    JedisPoolConfig c = new JedisPoolConfig();\n    c.setMaxTotal(8);\n  }}\n}}\n"
        );
        let d = java(&src);
        assert_eq!(
            found(&d),
            [
                (7, Severity::Error),
                (11, Severity::Warning),
                (15, Severity::Error)
            ]
        );
        assert_eq!(
            d[0].message,
            "`maxTotal` of this Jedis pool is 1: a second concurrent borrower blocks"
        );
        assert_eq!(
            d[1].message,
            "`maxTotal` of this Jedis pool is 4, below the library default of 8"
        );
        assert_eq!(d[0].fingerprint, "c.setMaxTotal(1)");
        assert_eq!(d[1].labels.len(), 1, "the constant is labelled");
        assert_eq!(d[1].labels[0].start.line, 4);
        assert!(
            d[1].help
                .as_deref()
                .is_some_and(|h| h.contains("at least 8"))
        );
    }

    #[test]
    fn unlimited_unknown_and_default_sizes_are_silent() {
        let src = format!(
            "{IMPORTS}class RedisJob {{\n  int size;\n  void a(int n) {{\n    JedisPoolConfig c = new JedisPoolConfig();\n    c.setMaxTotal(-1);\n    JedisPoolConfig d = new JedisPoolConfig();\n    d.setMaxTotal(n);\n    JedisPoolConfig e = new JedisPoolConfig();\n    e.setMaxTotal(size);\n    JedisPoolConfig f = new JedisPoolConfig();\n    new JedisPool(f, \"h\", 6379);\n  }}\n}}\n"
        );
        assert!(java(&src).is_empty());
    }

    #[test]
    fn only_the_last_set_max_total_per_config_counts() {
        let src = format!(
            "{IMPORTS}class RedisJob {{\n  void a() {{\n    JedisPoolConfig c = new JedisPoolConfig();\n    c.setMaxTotal(2);\n    c.setMaxTotal(64);\n    JedisPoolConfig d = new JedisPoolConfig();\n    d.setMaxTotal(64);\n    d.setMaxTotal(2);\n  }}\n}}\n"
        );
        assert_eq!(found(&java(&src)), [(10, Severity::Warning)]);
    }

    #[test]
    fn generic_config_needs_jedis_evidence() {
        let src = format!(
            "{IMPORTS}class RedisJob {{\n  void a() {{\n    GenericObjectPoolConfig<Jedis> typed = new GenericObjectPoolConfig<>();\n    typed.setMaxTotal(2);\n    GenericObjectPoolConfig<Connection> passed = new GenericObjectPoolConfig<>();\n    passed.setMaxTotal(3);\n    JedisPooled jedis = new JedisPooled(passed, \"h\", 6379);\n    GenericObjectPoolConfig raw = new GenericObjectPoolConfig();\n    raw.setMaxTotal(1);\n    GenericObjectPoolConfig other = new GenericObjectPoolConfig();\n    other.setMaxTotal(1);\n    new JedisPool(other, \"h\");\n  }}\n}}\n"
        );
        assert_eq!(
            found(&java(&src)),
            [
                (6, Severity::Warning),
                (8, Severity::Warning),
                (13, Severity::Error)
            ]
        );
    }

    #[test]
    fn fields_and_subclasses() {
        let src = format!(
            "{IMPORTS}class RedisJob {{\n  private final JedisPoolConfig cfg = new JedisPoolConfig();\n  RedisJob() {{\n    this.cfg.setMaxTotal(2);\n  }}\n}}\nclass TinyConfig extends JedisPoolConfig {{\n  TinyConfig() {{\n    setMaxTotal(1);\n  }}\n}}\nclass Other {{\n  JedisPoolConfig cfg = new JedisPoolConfig() {{{{ setMaxTotal(3); }}}};\n}}\n"
        );
        assert_eq!(
            found(&java(&src)),
            [
                (6, Severity::Warning),
                (11, Severity::Error),
                (15, Severity::Warning)
            ]
        );
    }

    #[test]
    fn bahir_builders() {
        let src = "import org.apache.flink.streaming.connectors.redis.common.config.FlinkJedisPoolConfig;\nclass Sink {\n  void a() {\n    FlinkJedisPoolConfig conf = new FlinkJedisPoolConfig.Builder()\n        .setHost(\"redis\")\n        .setMaxTotal(2)\n        .build();\n    FlinkJedisPoolConfig.Builder b = new FlinkJedisPoolConfig.Builder();\n    b.setMaxTotal(1);\n    FlinkJedisPoolConfig big = new FlinkJedisPoolConfig.Builder().setMaxTotal(32).build();\n    FlinkJedisPoolConfig neg = new FlinkJedisPoolConfig.Builder().setMaxTotal(-1).build();\n  }\n}\n";
        let d = java(src);
        assert_eq!(found(&d), [(6, Severity::Warning), (9, Severity::Error)]);
        assert_eq!(d[0].fingerprint, "setMaxTotal(2)");
        assert_eq!(d[1].fingerprint, "b.setMaxTotal(1)");
    }

    #[test]
    fn unrelated_classes_are_ignored() {
        let src = "import org.apache.commons.pool2.impl.GenericObjectPoolConfig;\nclass Pools {\n  void a() {\n    GenericObjectPoolConfig c = new GenericObjectPoolConfig();\n    c.setMaxTotal(1);\n    JedisPoolConfig j = new JedisPoolConfig();\n    j.setMaxTotal(1);\n  }\n}\n";
        assert!(java(src).is_empty());
        // A class named like Jedis's but not imported from Jedis.
        let src = "import redis.clients.jedis.Jedis;\nimport com.acme.pool.JedisPoolConfig;\nclass Pools {\n  void a() {\n    JedisPoolConfig j = new JedisPoolConfig();\n    j.setMaxTotal(1);\n    builder.setMaxTotal(1);\n    setMaxTotal(1);\n  }\n}\n";
        assert!(java(src).is_empty());
    }

    #[test]
    fn parameter_tool_defaults_are_info() {
        let src = format!(
            "{IMPORTS}class RedisJob {{\n  void a(ParameterTool params) {{\n    JedisPoolConfig c = new JedisPoolConfig();\n    c.setMaxTotal(params.getInt(\"redis.pool\", 1));\n  }}\n}}\n"
        );
        assert_eq!(found(&java(&src)), [(6, Severity::Info)]);
    }

    fn entry(key: &str, value: &str, at: usize) -> Entry {
        Entry {
            key: key.to_owned(),
            value: value.to_owned(),
            key_span: Span::new(at, at + key.len()),
            value_span: Span::new(at + key.len() + 1, at + key.len() + 1 + value.len()),
            is_final: false,
        }
    }

    /// Runs the config check on hand-built entries; the text is the entries as properties.
    fn spring(kind: FileKind, entries: &[(&str, &str)]) -> Vec<Diagnostic> {
        let mut text = String::new();
        let mut built = Vec::new();
        for (key, value) in entries {
            built.push(entry(key, value, text.len()));
            text.push_str(key);
            text.push('=');
            text.push_str(value);
            text.push('\n');
        }
        let file = ConfigFile::from_entries(kind, &text, built);
        let options = RuleOptions::defaults(JedisPoolUndersized::META.options);
        let index = LineIndex::new(&text);
        let mut out = Vec::new();
        let mut cx = Ctx::new(
            &JedisPoolUndersized::META,
            &options,
            "application.properties",
            &text,
            &index,
            &mut out,
        );
        JedisPoolUndersized.check_config(&file, &mut cx);
        out
    }

    #[test]
    fn spring_keys_in_every_spelling() {
        let d = spring(
            FileKind::SpringProperties,
            &[
                ("spring.redis.jedis.pool.max-active", "2"),
                ("spring.data.redis.jedis.pool.maxActive", "1"),
                ("spring.redis.lettuce.pool.max-active", "1"),
                ("spring.datasource.druid.max-active", "1"),
            ],
        );
        assert_eq!(found(&d), [(1, Severity::Warning), (2, Severity::Error)]);
        assert_eq!(
            d[0].message,
            "`spring.redis.jedis.pool.max-active` is 2, below the library default of 8"
        );
        assert_eq!(d[0].fingerprint, "spring.redis.jedis.pool.max-active=2");
        let d = spring(
            FileKind::SpringYaml,
            &[("spring.data.redis.jedis.pool.max_active", "0")],
        );
        assert_eq!(found(&d), [(1, Severity::Error)]);
    }

    #[test]
    fn spring_values_that_are_fine_or_unknown_are_silent() {
        let d = spring(
            FileKind::SpringProperties,
            &[
                ("spring.redis.jedis.pool.max-active", "16"),
                ("spring.data.redis.jedis.pool.max-active", "-1"),
                ("spring.redis.jedis.pool.max-active", "${REDIS_POOL:2}"),
            ],
        );
        assert!(d.is_empty());
        // The last definition wins.
        let d = spring(
            FileKind::SpringProperties,
            &[
                ("spring.redis.jedis.pool.max-active", "2"),
                ("spring.redis.jedis.pool.max-active", "32"),
            ],
        );
        assert!(d.is_empty());
    }

    #[test]
    fn canonical_keys() {
        assert_eq!(
            canonical_key("spring.data.redis.jedis.pool.max_active"),
            "spring.data.redis.jedis.pool.maxactive"
        );
        assert_eq!(
            canonical_key("Spring.Redis.Jedis.Pool.MaxActive"),
            "spring.redis.jedis.pool.maxactive"
        );
    }

    #[test]
    fn deep_parentheses_do_not_overflow() {
        let depth = 5_000;
        let src = format!(
            "{IMPORTS}class RedisJob {{ void a() {{ JedisPoolConfig c = new JedisPoolConfig(); {}c{}.setMaxTotal(1); }} }}",
            "(".repeat(depth),
            ")".repeat(depth)
        );
        // Too deep to resolve: silent, and no stack overflow.
        assert!(java(&src).is_empty());
    }
}
