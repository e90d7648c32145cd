use bdl_core::{
    Ctx, FileKind, OptionKind, OptionMeta, RuleMeta, Severity, Span, TestSources, declare_rule,
};
use bdl_syntax::java::chain::call_anchor;
use bdl_syntax::java::fold::{self, Certainty, Folded};
use bdl_syntax::{ConfigFile, Entry, JavaFile, Rule};

use crate::helpers::{self, Client, PoolConfig, canonical_key};

declare_rule! {
    /// ## What it does
    /// Flags a Jedis connection pool whose `maxTotal` (the most connections it hands out at
    /// once) is too small for concurrent use: an error when it is `0` or `1`, a warning when
    /// it is below `min-max-total` (by default `8`, the library default).
    ///
    /// It reads:
    /// - `setMaxTotal(n)` on a `JedisPoolConfig` or `ConnectionPoolConfig`, and on a
    ///   commons-pool2 `GenericObjectPoolConfig` that is provably a Redis pool's: typed
    ///   `GenericObjectPoolConfig<Jedis>` / `<Connection>` / `<StatefulRedisConnection<..>>`, or
    ///   passed in the same file to `new JedisPool(..)`, `JedisPooled`, `JedisSentinelPool`,
    ///   `JedisSentineled`, `JedisCluster`, `ShardedJedisPool`, Spring Data Redis's
    ///   `new JedisConnectionFactory(..)`, `JedisClientConfiguration.builder()…poolConfig(..)`,
    ///   `LettucePoolingClientConfiguration.builder().poolConfig(..)` or Lettuce's
    ///   `ConnectionPoolSupport.createGenericObjectPool(..)`. The configuration is a local, a
    ///   parameter or a field (`cfg.setMaxTotal(n)`, `this.cfg.setMaxTotal(n)`), or the class
    ///   itself when it extends one of these classes (including a double-brace initialiser);
    /// - the Apache Bahir Flink Redis connector's `new FlinkJedisPoolConfig.Builder()` (and
    ///   the `FlinkJedisSentinelConfig` / `FlinkJedisClusterConfig` builders) with
    ///   `.setMaxTotal(n)` in the chain or on a builder variable;
    /// - Spring Boot's `spring.redis.jedis.pool.max-active` (Boot 2.x) and
    ///   `spring.data.redis.jedis.pool.max-active` (Boot 3+), and their `lettuce.pool`
    ///   counterparts, in `application*.properties` and `application*.yml`, in every
    ///   relaxed-binding spelling (`maxActive`, `max_active`).
    ///
    /// `n` is folded (literals, arithmetic, `static final` constants, effectively-final
    /// locals); when it cannot be proven the rule stays silent. When several `setMaxTotal`
    /// calls configure the same object, only the last one in the file is judged. A value that
    /// is only the default of a `ParameterTool` lookup is reported as `info` at most.
    ///
    /// A Lettuce pool is reported at `info` at most: Lettuce connections are thread-safe, and
    /// Spring shares one native connection by default, taking pooled connections only for
    /// blocking and transactional commands, so a small Lettuce pool starves far fewer callers.
    ///
    /// Deliberately not reported:
    /// - a configuration created in a method or field and only ever used for its own setters:
    ///   no pool sees it (`JedisPoolConfig c = new JedisPoolConfig(); c.setMaxTotal(2);
    ///   JedisPool pool = new JedisPool(host, port);` builds the pool with the default
    ///   configuration, so `c`'s size is not the pool's);
    /// - a negative `maxTotal` / `max-active`, which commons-pool2 and Spring Boot read as
    ///   "no limit" (Bahir's builder rejects negative values at `build()`, so the job fails
    ///   at start-up instead);
    /// - a pool configuration that is created but never given a `setMaxTotal`: it has the
    ///   default of 8, which is not below the default;
    /// - a raw `GenericObjectPoolConfig` that is never handed to a Redis pool in the same
    ///   file (it may configure any other pool, such as a Thrift or HTTP client pool);
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
    /// - Spring Data Redis, `LettuceConnectionFactory.setShareNativeConnection`: <https://docs.spring.io/spring-data/redis/docs/current/api/org/springframework/data/redis/connection/lettuce/LettuceConnectionFactory.html>
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

/// Spring Boot's pool size keys in canonical form (see [`canonical_key`]), with the client.
const SPRING_KEYS: &[(&str, Client)] = &[
    ("spring.redis.jedis.pool.maxactive", Client::Jedis),
    ("spring.data.redis.jedis.pool.maxactive", Client::Jedis),
    ("spring.redis.lettuce.pool.maxactive", Client::Lettuce),
    ("spring.data.redis.lettuce.pool.maxactive", Client::Lettuce),
];

impl Rule for JedisPoolUndersized {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        let min = cx
            .options()
            .integer(MIN_MAX_TOTAL)
            .unwrap_or(LIBRARY_DEFAULT);
        for config in helpers::pool_configs(file) {
            if !config.in_use() {
                continue;
            }
            let Some((call, argument)) = config.last(file, &["setMaxTotal"]) else {
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
                &config,
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
        for (target, client) in SPRING_KEYS {
            // The last definition is the one Spring binds.
            let Some(entry) = file
                .entries
                .iter()
                .rev()
                .find(|e| canonical_key(&e.key) == *target)
            else {
                continue;
            };
            report_spring(cx, entry, min, *client);
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

fn report_java(
    cx: &mut Ctx<'_>,
    span: Span,
    folded: &Folded<i64>,
    min: i64,
    config: &PoolConfig<'_>,
    anchor: String,
) {
    let Some((mut severity, verdict)) = judge(folded.value, min) else {
        return;
    };
    let pool = if config.client == Client::Lettuce {
        "Lettuce"
    } else {
        "Jedis"
    };
    let mut message = format!("`maxTotal` of this {pool} pool {verdict}");
    if config.client == Client::Lettuce {
        severity = severity.min(Severity::Info);
    }
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

fn report_spring(cx: &mut Ctx<'_>, entry: &Entry, min: i64, client: Client) {
    let raw = entry.value.trim();
    let Ok(value) = raw.parse::<i64>() else {
        return;
    };
    let Some((mut severity, verdict)) = judge(value, min) else {
        return;
    };
    if client == Client::Lettuce {
        severity = severity.min(Severity::Info);
    }
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
            "{IMPORTS}class RedisJob {{\n  private static final int POOL = 4;\n  void a() {{\n    JedisPoolConfig c = new JedisPoolConfig();\n    c.setMaxTotal(1); new JedisPool(c, \"h\");\n  }}\n  void b() {{\n    JedisPoolConfig c = new JedisPoolConfig();\n    c.setMaxTotal(POOL); new JedisPool(c, \"h\");\n  }}\n  void c() {{\n    var c = new JedisPoolConfig();\n    c.setMaxTotal(0); new JedisPool(c, \"h\");\n  }}\n  void d() {{\n    JedisPoolConfig c = new JedisPoolConfig();\n    c.setMaxTotal(8); new JedisPool(c, \"h\");\n  }}\n}}\n"
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
        assert_eq!(d[2].start.line, 15);
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
            "{IMPORTS}class RedisJob {{\n  void a() {{\n    JedisPoolConfig c = new JedisPoolConfig();\n    c.setMaxTotal(2);\n    c.setMaxTotal(64);\n    JedisPoolConfig d = new JedisPoolConfig();\n    d.setMaxTotal(64);\n    d.setMaxTotal(2);\n    pools(c, d);\n  }}\n}}\n"
        );
        assert_eq!(found(&java(&src)), [(10, Severity::Warning)]);
    }

    #[test]
    fn generic_config_needs_jedis_evidence() {
        let src = format!(
            "{IMPORTS}class RedisJob {{\n  void a() {{\n    GenericObjectPoolConfig<Jedis> typed = new GenericObjectPoolConfig<>();\n    typed.setMaxTotal(2); register(typed);\n    GenericObjectPoolConfig<Connection> passed = new GenericObjectPoolConfig<>();\n    passed.setMaxTotal(3);\n    JedisPooled jedis = new JedisPooled(passed, \"h\", 6379);\n    GenericObjectPoolConfig raw = new GenericObjectPoolConfig();\n    raw.setMaxTotal(1);\n    GenericObjectPoolConfig other = new GenericObjectPoolConfig();\n    other.setMaxTotal(1);\n    new JedisPool(other, \"h\");\n  }}\n}}\n"
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
            "{IMPORTS}class RedisJob {{\n  private final JedisPoolConfig cfg = new JedisPoolConfig();\n  RedisJob() {{\n    this.cfg.setMaxTotal(2);\n  }}\n  JedisPool pool() {{ return new JedisPool(cfg, \"h\"); }}\n}}\nclass TinyConfig extends JedisPoolConfig {{\n  TinyConfig() {{\n    setMaxTotal(1);\n  }}\n}}\nclass Other {{\n  JedisPoolConfig cfg = new JedisPoolConfig() {{{{ setMaxTotal(3); }}}};\n  JedisPool pool = new JedisPool(cfg, \"h\");\n}}\n"
        );
        assert_eq!(
            found(&java(&src)),
            [
                (6, Severity::Warning),
                (12, Severity::Error),
                (16, Severity::Warning)
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
    fn configs_that_never_reach_a_pool_are_silent() {
        // The pool is built with the default configuration: `c` configures nothing.
        let src = format!(
            "{IMPORTS}class RedisJob {{\n  JedisPool a(String host, int port) {{\n    JedisPoolConfig c = new JedisPoolConfig();\n    c.setMaxTotal(2);\n    c.setMaxIdle(2);\n    return new JedisPool(host, port);\n  }}\n  private final JedisPoolConfig unused = new JedisPoolConfig();\n  RedisJob() {{ unused.setMaxTotal(1); }}\n  @Bean JedisPoolConfig bean() {{\n    JedisPoolConfig c = new JedisPoolConfig();\n    c.setMaxTotal(1);\n    return c;\n  }}\n}}\n"
        );
        // Only the configuration handed to Spring as a bean may reach a pool.
        assert_eq!(found(&java(&src)), [(14, Severity::Error)]);
    }

    #[test]
    fn lettuce_pools_are_info() {
        let src = "import org.apache.commons.pool2.impl.GenericObjectPoolConfig;\n\
            import org.springframework.data.redis.connection.lettuce.LettucePoolingClientConfiguration;\n\
            class RedisConfig {\n  LettucePoolingClientConfiguration a() {\n    GenericObjectPoolConfig<?> pool = new GenericObjectPoolConfig<>();\n\
            pool.setMaxTotal(1);\n    return LettucePoolingClientConfiguration.builder().poolConfig(pool).build();\n  }\n}\n";
        let d = java(src);
        assert_eq!(found(&d), [(6, Severity::Info)]);
        assert_eq!(
            d[0].message,
            "`maxTotal` of this Lettuce pool is 1: a second concurrent borrower blocks"
        );
    }

    #[test]
    fn other_pools_are_not_redis_pools() {
        let src = "import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;\n\
            import org.apache.commons.pool2.impl.GenericObjectPoolConfig;\n\
            import org.apache.commons.pool2.impl.GenericObjectPool;\n\
            class Clients {\n  void a() {\n    PoolingHttpClientConnectionManager http = new PoolingHttpClientConnectionManager();\n\
            http.setMaxTotal(1);\n    GenericObjectPoolConfig<Socket> sockets = new GenericObjectPoolConfig<>();\n\
            sockets.setMaxTotal(1);\n    new GenericObjectPool<>(factory, sockets);\n  }\n}\n";
        assert!(java(src).is_empty());
    }

    #[test]
    fn parameter_tool_defaults_are_info() {
        let src = format!(
            "{IMPORTS}class RedisJob {{\n  void a(ParameterTool params) {{\n    JedisPoolConfig c = new JedisPoolConfig();\n    c.setMaxTotal(params.getInt(\"redis.pool\", 1));\n    new JedisPooled(c, \"h\", 6379);\n  }}\n}}\n"
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
        // A Lettuce pool is at most info: Spring shares one native connection by default.
        assert_eq!(
            found(&d),
            [
                (1, Severity::Warning),
                (2, Severity::Error),
                (3, Severity::Info)
            ]
        );
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
