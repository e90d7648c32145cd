use std::time::Duration;

use bdl_core::{
    Ctx, FileKind, OptionKind, OptionMeta, RuleMeta, Severity, TestSources, declare_rule,
};
use bdl_syntax::java::chain::{call_anchor, method_name};
use bdl_syntax::java::fold::{self, arguments};
use bdl_syntax::java::scope::{declaration_of, simple_type_name, unparenthesize};
use bdl_syntax::{ConfigFile, JavaFile, Rule};
use tree_sitter::Node;

use crate::helpers::{self, Client, JEDIS_PACKAGE, canonical_key};

declare_rule! {
    /// ## What it does
    /// Flags a Redis connection pool whose borrowers wait forever when it is exhausted:
    /// - a warning for `setMaxWaitMillis(n)` / `setMaxWait(Duration)` with a negative value
    ///   (`-1`, `Duration.ofMillis(-1)`, commons-pool2's `DEFAULT_MAX_WAIT`) on a
    ///   `JedisPoolConfig`, `ConnectionPoolConfig` or a `GenericObjectPoolConfig` that feeds a
    ///   Jedis or Lettuce pool (the same configurations RDS001 reads);
    /// - a warning for such a configuration that is created in the file, handed straight to
    ///   the pool and never given a `maxWait` at all (the default is `-1`);
    /// - `info` for `new JedisPool(..)`, `new JedisPooled(..)` or `new JedisSentinelPool(..)`
    ///   built without any pool configuration (host, port, URI, timeouts only): the default
    ///   configuration waits forever too;
    /// - Spring Boot's `spring.(data.)redis.jedis.pool.max-wait` and `…lettuce.pool.max-wait`
    ///   set to a negative duration (`-1ms`, `-1`), a warning; a file that configures such a
    ///   pool (`max-active`, `max-idle`, …) without `max-wait`, `info` (another profile file
    ///   may set it);
    /// - `info` for a finite wait longer than `long-wait` (default `10s`).
    ///
    /// A `maxWait` of `0` is not reported: commons-pool2 then fails a borrow at once when
    /// the pool is empty. Nothing is reported when `setBlockWhenExhausted(false)` is set (the
    /// borrow never waits), when the configuration is never used by a pool (see RDS001), or
    /// for the Bahir `FlinkJedisPoolConfig`, which has no `maxWait` setting to change.
    ///
    /// ## Why is this bad?
    /// commons-pool2, which Jedis pools, Lettuce's `ConnectionPoolSupport` and Spring Boot's
    /// pool settings all use, defaults to `blockWhenExhausted = true` and
    /// `maxWait = -1` (`BaseObjectPoolConfig.DEFAULT_MAX_WAIT`): a borrower of an exhausted
    /// pool blocks with no time limit. One leaked connection too many, a slow Redis or a burst
    /// of traffic then turns into threads that hang forever instead of failing fast: request
    /// threads pile up until the server stops answering, and a Flink task stops making
    /// progress without an error. Spring Boot documents the same default for `max-wait`
    /// (`-1ms`, "block indefinitely"). Cloud providers' Jedis guidance (Alibaba Cloud, Huawei
    /// Cloud) recommends setting `maxWaitMillis` explicitly.
    ///
    /// ## Example
    /// ```java file=Pools.java bad
    /// import redis.clients.jedis.JedisPool;
    /// import redis.clients.jedis.JedisPoolConfig;
    ///
    /// class Pools {
    ///     JedisPool open(String host, int port) {
    ///         JedisPoolConfig config = new JedisPoolConfig();
    ///         config.setMaxTotal(64);
    ///         config.setMaxWaitMillis(-1);
    ///         return new JedisPool(config, host, port);
    ///     }
    /// }
    /// ```
    ///
    /// ```yaml file=application.yml bad
    /// spring:
    ///   data:
    ///     redis:
    ///       jedis:
    ///         pool:
    ///           max-active: 64
    ///           max-wait: -1ms
    /// ```
    ///
    /// Use instead:
    ///
    /// ```java file=Pools.java good
    /// import java.time.Duration;
    ///
    /// import redis.clients.jedis.JedisPool;
    /// import redis.clients.jedis.JedisPoolConfig;
    ///
    /// class Pools {
    ///     JedisPool open(String host, int port) {
    ///         JedisPoolConfig config = new JedisPoolConfig();
    ///         config.setMaxTotal(64);
    ///         config.setMaxWait(Duration.ofMillis(500));
    ///         return new JedisPool(config, host, port);
    ///     }
    /// }
    /// ```
    ///
    /// ```yaml file=application.yml good
    /// spring:
    ///   data:
    ///     redis:
    ///       jedis:
    ///         pool:
    ///           max-active: 64
    ///           max-wait: 500ms
    /// ```
    ///
    /// ## How to fix
    /// Set a finite wait that is shorter than the caller's own deadline, so that an exhausted
    /// pool surfaces as an exception (`JedisException: Could not get a resource from the
    /// pool`) that can be retried, counted and alerted on: `setMaxWait(Duration.ofMillis(500))`
    /// (`setMaxWaitMillis(500)` before commons-pool2 2.10), or `max-wait: 500ms` in Spring
    /// Boot. Size `maxTotal` so that waiting is the exception (see RDS001).
    ///
    /// ## Options
    /// - `long-wait` (duration, default `10s`): a finite `maxWait` longer than this is
    ///   reported at `info`.
    /// - `lint-test-sources` (boolean, default `false`): also lint test sources
    ///   (`src/test/**`, `*Test.java`, `*IT.java`, `*ITCase.java`), where throw-away pools and
    ///   clients are common.
    ///
    /// ## References
    /// - commons-pool2 `BaseObjectPoolConfig` (`DEFAULT_MAX_WAIT` = -1 ms, `DEFAULT_BLOCK_WHEN_EXHAUSTED = true`):
    ///   <https://commons.apache.org/proper/commons-pool/apidocs/org/apache/commons/pool2/impl/BaseObjectPoolConfig.html>
    /// - commons-pool2 `GenericObjectPool.borrowObject` (a negative wait blocks indefinitely):
    ///   <https://commons.apache.org/proper/commons-pool/apidocs/org/apache/commons/pool2/impl/GenericObjectPool.html>
    /// - Spring Boot application properties, `spring.data.redis.jedis.pool.max-wait`:
    ///   <https://docs.spring.io/spring-boot/appendix/application-properties/index.html>
    /// - Alibaba Cloud, JedisPool resource pool optimization:
    ///   <https://help.aliyun.com/en/redis/use-cases/jedispool-optimization>
    /// - Huawei Cloud DCS, optimizing the Jedis connection pool:
    ///   <https://support.huaweicloud.com/intl/en-us/bestpractice-dcs/dcs_05_0009.html>
    pub PoolWaitForever {
        code: "RDS003",
        name: "pool-wait-forever",
        summary: "a Redis connection pool whose borrowers wait forever when it is exhausted",
        severity: Warning,
        kinds: [Java, SpringProperties, SpringYaml],
        triggers: [
            "setMaxWait",
            "JedisPoolConfig",
            "ConnectionPoolConfig",
            "GenericObjectPoolConfig",
            "JedisPool",
            "JedisPooled",
            "JedisSentinelPool",
        ],
        options: [
            OptionMeta {
            name: LONG_WAIT,
            kind: OptionKind::Duration,
            default: "10s",
            doc: "A finite `maxWait` longer than this is reported at `info`.",
        },
            TestSources::SKIP_BY_DEFAULT,
        ],
    }
}

const LONG_WAIT: &str = "long-wait";

/// The default of `long-wait`.
const DEFAULT_LONG_WAIT_MS: i128 = 10_000;

/// The pool classes whose constructors without a configuration use the default one.
const DEFAULT_CONFIG_POOLS: &[&str] = &[
    "redis.clients.jedis.JedisPool",
    "redis.clients.jedis.JedisPooled",
    "redis.clients.jedis.JedisSentinelPool",
];

/// Declared types of constructor arguments that are not pool configurations.
const NOT_CONFIG_TYPES: &[&str] = &[
    "String",
    "int",
    "Integer",
    "long",
    "Long",
    "boolean",
    "Boolean",
    "URI",
    "HostAndPort",
    "Set",
    "JedisClientConfig",
    "DefaultJedisClientConfig",
    "SSLSocketFactory",
    "SSLParameters",
    "HostnameVerifier",
];

impl Rule for PoolWaitForever {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        let long = long_wait(cx);
        for config in helpers::pool_configs(file) {
            if !config.in_use() || config.client == Client::Bahir {
                continue;
            }
            if config
                .flag(file, "setBlockWhenExhausted")
                .is_some_and(|(_, block)| !block)
            {
                continue;
            }
            let pool = config.library();
            match config.last(file, &["setMaxWaitMillis", "setMaxWait"]) {
                Some((call, argument)) => {
                    let duration = method_name(file, call) == "setMaxWait";
                    let Some(millis) = helpers::signed_millis(file, argument, duration) else {
                        continue;
                    };
                    if millis < 0 {
                        cx.report(
                            Severity::Warning,
                            JavaFile::span_of(call),
                            format!(
                                "`maxWait` of this {pool} pool is {millis}: a borrow from an \
                                 exhausted pool waits forever"
                            ),
                        )
                        .help("set a finite wait, e.g. `setMaxWait(Duration.ofMillis(500))`, so that an exhausted pool fails fast")
                        .anchor(call_anchor(file, call));
                    } else if millis > long {
                        report_long(
                            cx,
                            JavaFile::span_of(call),
                            &format!("`maxWait` of this {pool} pool"),
                            millis,
                            long,
                        )
                        .anchor(call_anchor(file, call));
                    }
                }
                None if config.complete => {
                    cx.report(
                        Severity::Warning,
                        JavaFile::span_of(config.anchor),
                        format!(
                            "this {pool} pool configuration never sets `maxWait`: the default \
                             is -1, so a borrow from an exhausted pool waits forever"
                        ),
                    )
                    .help("set a finite wait, e.g. `setMaxWait(Duration.ofMillis(500))`, so that an exhausted pool fails fast");
                }
                None => {}
            }
        }
        if file.imports_from(JEDIS_PACKAGE) {
            for creation in file.nodes_of_kind("object_creation_expression") {
                if let Some(class) = helpers::creates(file, creation, DEFAULT_CONFIG_POOLS)
                    && default_config(file, creation)
                {
                    let simple = simple_type_name(class);
                    cx.report(
                        Severity::Info,
                        JavaFile::span_of(creation),
                        format!(
                            "`new {simple}(..)` uses the default pool configuration, whose \
                             `maxWait` is -1: a borrow from an exhausted pool waits forever"
                        ),
                    )
                    .help("pass a `JedisPoolConfig` with a finite `setMaxWait(..)`");
                }
            }
        }
    }

    fn check_config(&self, file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
        if !matches!(file.kind, FileKind::SpringProperties | FileKind::SpringYaml) {
            return;
        }
        let long = long_wait(cx);
        for prefix in helpers::SPRING_PREFIXES {
            for (pool, client) in helpers::SPRING_POOLS {
                let base = format!("{prefix}{pool}");
                let wait_key = format!("{base}maxwait");
                let mut wait = None;
                let mut first_pool_key = None;
                let mut enabled = true;
                for entry in &file.entries {
                    let key = canonical_key(&entry.key);
                    if !key.starts_with(&base) {
                        continue;
                    }
                    first_pool_key.get_or_insert(entry);
                    if key == wait_key {
                        wait = Some(entry);
                    } else if key == format!("{base}enabled") && entry.value.trim() == "false" {
                        enabled = false;
                    }
                }
                if !enabled {
                    continue;
                }
                match (wait, first_pool_key) {
                    (Some(entry), _) => {
                        let Some(millis) = helpers::spring_millis(&entry.value) else {
                            continue;
                        };
                        if millis < 0 {
                            cx.report(
                                Severity::Warning,
                                entry.value_span,
                                format!(
                                    "`{}` is `{}`: a borrow from an exhausted {client} pool \
                                     waits forever",
                                    entry.key,
                                    entry.value.trim()
                                ),
                            )
                            .help("set a finite wait such as `500ms`, so that an exhausted pool fails fast")
                            .anchor(format!("{}={}", entry.key, entry.value.trim()));
                        } else if millis > long {
                            report_long(
                                cx,
                                entry.value_span,
                                &format!("`{}`", entry.key),
                                millis,
                                long,
                            )
                            .anchor(format!(
                                "{}={}",
                                entry.key,
                                entry.value.trim()
                            ));
                        }
                    }
                    (None, Some(entry)) => {
                        let shown = entry
                            .key
                            .rsplit_once('.')
                            .map_or(entry.key.as_str(), |(parent, _)| parent);
                        cx.report(
                            Severity::Info,
                            entry.key_span,
                            format!(
                                "the {client} pool `{shown}` is configured without `max-wait`: \
                                 the default is -1ms, so a borrow from an exhausted pool waits \
                                 forever"
                            ),
                        )
                        .help(format!(
                            "set `{shown}.max-wait` to a finite wait such as `500ms`"
                        ))
                        .anchor(format!("{shown}.max-wait"));
                    }
                    (None, None) => {}
                }
            }
        }
    }
}

fn long_wait(cx: &Ctx<'_>) -> i128 {
    cx.options()
        .duration(LONG_WAIT)
        .map_or(DEFAULT_LONG_WAIT_MS, |d: Duration| {
            i128::try_from(d.as_millis()).unwrap_or(i128::MAX)
        })
}

fn report_long<'c>(
    cx: &'c mut Ctx<'_>,
    span: bdl_core::Span,
    what: &str,
    millis: i128,
    long: i128,
) -> bdl_core::Reported<'c> {
    let mut reported = cx.report(
        Severity::Info,
        span,
        format!(
            "{what} is {}, longer than {}: callers of an exhausted pool hang that long before \
             they fail",
            helpers::describe_millis(millis),
            helpers::describe_millis(long)
        ),
    );
    reported.help("wait no longer than the caller's own deadline, e.g. 500 ms to 2 s");
    reported
}

/// Whether a pool constructor is given no pool configuration: every argument is provably
/// something else (a string, a number, a boolean, a URI, a `HostAndPort`, a client config).
fn default_config(file: &JavaFile<'_>, creation: Node<'_>) -> bool {
    let args = arguments(creation);
    !args.is_empty() && args.iter().all(|a| not_a_config(file, *a))
}

fn not_a_config(file: &JavaFile<'_>, argument: Node<'_>) -> bool {
    let Some(argument) = unparenthesize(argument) else {
        return false;
    };
    if matches!(
        argument.kind(),
        "string_literal" | "decimal_integer_literal" | "true" | "false" | "binary_expression"
    ) || fold::string(file, argument).is_some()
        || fold::int(file, argument).is_some()
    {
        return true;
    }
    if argument.kind() == "object_creation_expression" {
        return NOT_CONFIG_TYPES.contains(&helpers::created_class(file, argument));
    }
    declaration_of(file, argument)
        .and_then(|d| d.simple_type(file))
        .is_some_and(|t| NOT_CONFIG_TYPES.contains(&t))
}

#[cfg(test)]
mod tests {
    use bdl_core::Diagnostic;
    use bdl_syntax::check_one;

    use super::*;

    const IMPORTS: &str = "import java.time.Duration;\nimport redis.clients.jedis.*;\n\
        import org.apache.commons.pool2.impl.GenericObjectPoolConfig;\n";

    fn java(class: &str) -> Vec<Diagnostic> {
        check_one(&PoolWaitForever, "Pools.java", &format!("{IMPORTS}{class}"))
    }

    fn found(class: &str) -> Vec<(u32, Severity)> {
        java(class)
            .iter()
            .map(|d| (d.start.line - 3, d.severity))
            .collect()
    }

    #[test]
    fn negative_waits_and_unset_waits() {
        let class = "class Pools {\n\
            JedisPool a(String h) { JedisPoolConfig c = new JedisPoolConfig();\n\
              c.setMaxWaitMillis(-1);\n\
              return new JedisPool(c, h, 6379); }\n\
            JedisPool b(String h) { JedisPoolConfig c = new JedisPoolConfig();\n\
              c.setMaxWait(Duration.ofMillis(-1));\n\
              return new JedisPool(c, h, 6379); }\n\
            JedisPool c(String h) { JedisPoolConfig c = new JedisPoolConfig();\n\
              c.setMaxTotal(64);\n\
              return new JedisPool(c, h, 6379); }\n\
            JedisPool d(String h) { return new JedisPool(new JedisPoolConfig(), h, 6379); }\n\
            JedisPool e(String h) { JedisPoolConfig c = new JedisPoolConfig();\n\
              c.setMaxWait(Duration.ofSeconds(30));\n\
              return new JedisPool(c, h, 6379); }\n\
        }\n";
        assert_eq!(
            found(class),
            [
                (3, Severity::Warning),
                (6, Severity::Warning),
                (8, Severity::Warning),
                (11, Severity::Warning),
                (13, Severity::Info)
            ]
        );
        let d = java(class);
        assert_eq!(
            d[0].message,
            "`maxWait` of this Jedis pool is -1: a borrow from an exhausted pool waits forever"
        );
        assert_eq!(
            d[2].message,
            "this Jedis pool configuration never sets `maxWait`: the default is -1, so a borrow \
             from an exhausted pool waits forever"
        );
        assert_eq!(
            d[4].message,
            "`maxWait` of this Jedis pool is 30 s, longer than 10 s: callers of an exhausted pool \
             hang that long before they fail"
        );
    }

    #[test]
    fn finite_unknown_non_blocking_and_unused_are_silent() {
        let class = "class Pools {\n\
            int wait;\n\
            JedisPool a(String h) { JedisPoolConfig c = new JedisPoolConfig();\n\
              c.setMaxWait(Duration.ofMillis(500)); return new JedisPool(c, h, 6379); }\n\
            JedisPool b(String h) { JedisPoolConfig c = new JedisPoolConfig();\n\
              c.setMaxWaitMillis(wait); return new JedisPool(c, h, 6379); }\n\
            JedisPool c(String h) { JedisPoolConfig c = new JedisPoolConfig();\n\
              c.setBlockWhenExhausted(false); return new JedisPool(c, h, 6379); }\n\
            JedisPool d(String h) { JedisPoolConfig c = new JedisPoolConfig();\n\
              c.setMaxWaitMillis(-1); return new JedisPool(h, 6379); }\n\
            JedisPool e(String h) { JedisPoolConfig c = new JedisPoolConfig();\n\
              c.setMaxWaitMillis(0); return new JedisPool(c, h, 6379); }\n\
            JedisPool f(JedisPoolConfig c, String h) { return new JedisPool(c, h, 6379); }\n\
            JedisPool g(String h) { JedisPoolConfig c = new JedisPoolConfig();\n\
              tune(c); return new JedisPool(c, h, 6379); }\n\
        }\n";
        // `d` builds its pool with the default configuration: info there only.
        assert_eq!(found(class), [(10, Severity::Info)]);
    }

    #[test]
    fn pools_without_a_configuration_are_info() {
        let class = "class Pools {\n\
            static final String HOST = \"redis\";\n\
            JedisPool a() { return new JedisPool(HOST, 6379); }\n\
            JedisPooled b(String h, int p) { return new JedisPooled(h, p); }\n\
            JedisPool c(Object cfg, String h) { return new JedisPool(cfg, h); }\n\
            JedisCluster d(Set<HostAndPort> n) { return new JedisCluster(n); }\n\
        }\n";
        assert_eq!(found(class), [(3, Severity::Info), (4, Severity::Info)]);
        assert_eq!(
            java(class)[0].message,
            "`new JedisPool(..)` uses the default pool configuration, whose `maxWait` is -1: a \
             borrow from an exhausted pool waits forever"
        );
    }

    #[test]
    fn lettuce_and_other_pools() {
        let src = "import org.apache.commons.pool2.impl.GenericObjectPoolConfig;\n\
            import io.lettuce.core.support.ConnectionPoolSupport;\n\
            class Pools {\n  void a() {\n\
            GenericObjectPoolConfig<StatefulRedisConnection<String, String>> c = new GenericObjectPoolConfig<>();\n\
            c.setMaxWaitMillis(-1);\n\
            ConnectionPoolSupport.createGenericObjectPool(() -> client.connect(), c);\n\
            GenericObjectPoolConfig http = new GenericObjectPoolConfig();\n\
            http.setMaxWaitMillis(-1);\n\
            new GenericObjectPool<>(factory, http);\n  }\n}\n";
        let d = check_one(&PoolWaitForever, "Pools.java", src);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].start.line, 6);
        assert!(d[0].message.contains("Lettuce pool"), "{}", d[0].message);
    }

    #[test]
    fn spring_keys() {
        let props = "spring.data.redis.jedis.pool.max-active=64\n\
            spring.data.redis.jedis.pool.max-wait=-1ms\n\
            spring.redis.lettuce.pool.max-active=16\n\
            spring.redis.lettuce.pool.max-wait=30s\n\
            spring.data.redis.lettuce.pool.max-idle=8\n";
        let d = check_one(&PoolWaitForever, "application.properties", props);
        let got: Vec<_> = d.iter().map(|d| (d.start.line, d.severity)).collect();
        assert_eq!(
            got,
            [
                (2, Severity::Warning),
                (4, Severity::Info),
                (5, Severity::Info)
            ]
        );
        assert_eq!(
            d[0].message,
            "`spring.data.redis.jedis.pool.max-wait` is `-1ms`: a borrow from an exhausted Jedis \
             pool waits forever"
        );
        assert_eq!(
            d[2].message,
            "the Lettuce pool `spring.data.redis.lettuce.pool` is configured without `max-wait`: \
             the default is -1ms, so a borrow from an exhausted pool waits forever"
        );
        let fine = "spring.data.redis.jedis.pool.max-wait=500ms\n\
            spring.data.redis.lettuce.pool.enabled=false\n\
            spring.data.redis.lettuce.pool.max-active=4\n\
            spring.data.redis.host=redis\n";
        assert!(check_one(&PoolWaitForever, "application.properties", fine).is_empty());
        let yaml = "spring:\n  redis:\n    jedis:\n      pool:\n        maxWait: -1\n";
        let d = check_one(&PoolWaitForever, "application.yml", yaml);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].start.line, 5);
    }

    #[test]
    fn never_panics_on_broken_input() {
        for src in [
            "import redis.clients.jedis.*; class { void m( { new JedisPool(",
            "import redis.clients.jedis.*; class A { void m() { c.setMaxWait(Duration.ofMillis( } }",
            "",
        ] {
            let _ = check_one(&PoolWaitForever, "Pools.java", src);
        }
    }
}
