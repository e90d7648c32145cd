use bdl_core::{Ctx, FileKind, RuleMeta, Severity, TestSources, declare_rule};
use bdl_syntax::java::chain::call_anchor;
use bdl_syntax::{ConfigFile, Entry, JavaFile, Rule};
use tree_sitter::Node;

use crate::helpers::{self, Client, PoolConfig, canonical_key};

declare_rule! {
    /// ## What it does
    /// Reports, at `info`, Redis pool settings that cost round trips or connections without
    /// need, on the same pool configurations RDS001 reads (Jedis `JedisPoolConfig` /
    /// `ConnectionPoolConfig`, a commons-pool2 `GenericObjectPoolConfig` that feeds a Jedis or
    /// Lettuce pool, the Bahir `FlinkJedisPoolConfig.Builder`) and in Spring Boot's
    /// `spring.(data.)redis.jedis.pool.*` / `…lettuce.pool.*`:
    /// - `setTestOnBorrow(true)`: a `PING` before every borrowed command;
    /// - idle connections that are never validated: `setTestWhileIdle(false)` on a Jedis pool,
    ///   or a plain `GenericObjectPoolConfig` created for a Jedis pool without
    ///   `setTestWhileIdle(true)` or an eviction interval (`JedisPoolConfig` turns both on,
    ///   commons-pool2's class does not);
    /// - `maxIdle` below `maxTotal` (`max-idle` below `max-active`): bursts close and reopen
    ///   connections;
    /// - `minIdle` above `maxIdle`: the pool never keeps more than `maxIdle` idle, so the
    ///   minimum is not what it says.
    ///
    /// A setting that is not written counts with its default (`maxTotal`, `maxIdle` 8,
    /// `minIdle` 0) only where the whole configuration is in view: created in the file and
    /// handed straight to the pool, a Bahir builder, or a Spring file that sets the other
    /// key. Unknown values, negative (unlimited) sizes and configurations that no pool uses
    /// (see RDS001) are not reported. `minIdle = 0` (the default) is not reported: whether
    /// idle connections should be kept warm depends on the traffic.
    ///
    /// ## Why is this bad?
    /// - `testOnBorrow` makes the pool validate each connection with a `PING` before lending
    ///   it: one extra round trip per borrow, which doubles the latency and the Redis load of
    ///   short commands at high QPS. Huawei Cloud's and Alibaba Cloud's Jedis guidance both
    ///   recommend leaving it off for high-traffic pools and validating idle connections in
    ///   the background instead.
    /// - Without idle validation (`testWhileIdle` with an eviction run), a connection that the
    ///   server closed after its `timeout`, or that died in a failover, stays in the pool and
    ///   fails the next command that borrows it. `JedisPoolConfig` sets `testWhileIdle`,
    ///   a 30 s eviction interval and a 60 s minimum idle time for exactly this; a plain
    ///   `GenericObjectPoolConfig` leaves all of them off.
    /// - With `maxIdle < maxTotal`, every connection above `maxIdle` that comes back to the
    ///   pool is closed, and the next burst opens it again: connection churn on exactly the
    ///   busy moments. Alibaba Cloud recommends `maxIdle = maxTotal`.
    /// - commons-pool2 caps `minIdle` at `maxIdle` (`getMinIdle()` returns the smaller), so a
    ///   larger `minIdle` is silently ignored.
    ///
    /// ## Example
    /// ```java file=Pools.java bad findings=2
    /// import redis.clients.jedis.JedisPool;
    /// import redis.clients.jedis.JedisPoolConfig;
    ///
    /// class Pools {
    ///     JedisPool open(String host, int port) {
    ///         JedisPoolConfig config = new JedisPoolConfig();
    ///         config.setMaxTotal(64);
    ///         config.setMaxIdle(8);
    ///         config.setTestOnBorrow(true);
    ///         return new JedisPool(config, host, port);
    ///     }
    /// }
    /// ```
    ///
    /// ```properties file=application.properties bad
    /// spring.data.redis.jedis.pool.max-active=64
    /// spring.data.redis.jedis.pool.max-idle=8
    /// ```
    ///
    /// Use instead:
    ///
    /// ```java file=Pools.java good
    /// import redis.clients.jedis.JedisPool;
    /// import redis.clients.jedis.JedisPoolConfig;
    ///
    /// class Pools {
    ///     JedisPool open(String host, int port) {
    ///         JedisPoolConfig config = new JedisPoolConfig();
    ///         config.setMaxTotal(64);
    ///         config.setMaxIdle(64);
    ///         return new JedisPool(config, host, port);
    ///     }
    /// }
    /// ```
    ///
    /// ```properties file=application.properties good
    /// spring.data.redis.jedis.pool.max-active=64
    /// spring.data.redis.jedis.pool.max-idle=64
    /// ```
    ///
    /// ## How to fix
    /// Start from `JedisPoolConfig` (or `ConnectionPoolConfig` on Jedis 4+), whose idle
    /// validation defaults are right for Redis; set `maxIdle` equal to `maxTotal`; keep
    /// `minIdle` at or below `maxIdle`; leave `testOnBorrow` off unless the pool serves few,
    /// latency-insensitive requests.
    ///
    /// ## Options
    /// - `lint-test-sources` (boolean, default `false`): also lint test sources
    ///   (`src/test/**`, `*Test.java`, `*IT.java`, `*ITCase.java`), where throw-away pools and
    ///   clients are common.
    ///
    /// ## References
    /// - Jedis `JedisPoolConfig` (idle validation defaults):
    ///   <https://github.com/redis/jedis/blob/master/src/main/java/redis/clients/jedis/JedisPoolConfig.java>
    /// - commons-pool2 `GenericObjectPoolConfig` and `GenericObjectPool.getMinIdle`:
    ///   <https://commons.apache.org/proper/commons-pool/apidocs/org/apache/commons/pool2/impl/GenericObjectPool.html>
    /// - Alibaba Cloud, JedisPool resource pool optimization:
    ///   <https://help.aliyun.com/en/redis/use-cases/jedispool-optimization>
    /// - Huawei Cloud DCS, optimizing the Jedis connection pool:
    ///   <https://support.huaweicloud.com/intl/en-us/bestpractice-dcs/dcs_05_0009.html>
    /// - Spring Boot application properties, `spring.data.redis.jedis.pool.*`:
    ///   <https://docs.spring.io/spring-boot/appendix/application-properties/index.html>
    pub PoolTuning {
        code: "RDS006",
        name: "pool-tuning",
        summary: "pool settings of a Redis client that cost round trips or connection churn",
        severity: Info,
        kinds: [Java, SpringProperties, SpringYaml],
        triggers: [
            "setTestOnBorrow",
            "setTestWhileIdle",
            "setMaxIdle",
            "setMinIdle",
            "setMaxTotal",
            "GenericObjectPoolConfig",
        ],
        options: [TestSources::SKIP_BY_DEFAULT],
    }
}

/// commons-pool2's `DEFAULT_MAX_TOTAL` / `DEFAULT_MAX_IDLE` (Bahir and Spring use them too).
const DEFAULT_SIZE: i64 = 8;

/// Setters that make an eviction thread run.
const EVICTION_SETTERS: &[&str] = &[
    "setTimeBetweenEvictionRunsMillis",
    "setTimeBetweenEvictionRuns",
    "setDurationBetweenEvictionRuns",
];

impl Rule for PoolTuning {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        for config in helpers::pool_configs(file) {
            if config.in_use() {
                check_config_object(file, cx, &config);
            }
        }
    }

    fn check_config(&self, file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
        if !matches!(file.kind, FileKind::SpringProperties | FileKind::SpringYaml) {
            return;
        }
        for prefix in helpers::SPRING_PREFIXES {
            for (pool, _) in helpers::SPRING_POOLS {
                let base = format!("{prefix}{pool}");
                let last = |name: &str| {
                    let key = format!("{base}{name}");
                    file.entries
                        .iter()
                        .rev()
                        .find(|e| canonical_key(&e.key) == key)
                };
                let value = |e: Option<&Entry>| e.and_then(|e| e.value.trim().parse::<i64>().ok());
                let (active, idle, min) = (last("maxactive"), last("maxidle"), last("minidle"));
                let max_total = value(active);
                let max_idle = value(idle).or_else(|| idle.is_none().then_some(DEFAULT_SIZE));
                if let (Some(entry), Some(total), Some(idle_value)) = (active, max_total, max_idle)
                    && total >= 0
                    && (0..total).contains(&idle_value)
                {
                    let at = idle.unwrap_or(entry);
                    let shown = if idle.is_some() {
                        format!("`{}` is {idle_value}", at.key)
                    } else {
                        "`max-idle` is not set (default 8)".to_owned()
                    };
                    cx.report(
                        Severity::Info,
                        if idle.is_some() {
                            at.value_span
                        } else {
                            entry.key_span
                        },
                        format!(
                            "{shown}, below `max-active` ({total}): after a burst \
                             the pool closes connections down to {idle_value} and opens them \
                             again on the next one"
                        ),
                    )
                    .help(format!(
                        "set `max-idle` to {total}, the same as `max-active`"
                    ))
                    .anchor(format!("{}={}", at.key, at.value.trim()));
                }
                if let (Some(entry), Some(min_value)) = (min, value(min))
                    && let Some(idle_value) = max_idle
                    && idle_value >= 0
                    && min_value > idle_value
                {
                    cx.report(
                        Severity::Info,
                        entry.value_span,
                        format!(
                            "`{}` is {min_value}, above `max-idle` ({idle_value}): the pool keeps \
                             at most {idle_value} idle connections, so the minimum is never reached",
                            entry.key
                        ),
                    )
                    .help("keep `min-idle` at or below `max-idle`")
                    .anchor(format!("{}={}", entry.key, entry.value.trim()));
                }
            }
        }
    }
}

fn check_config_object(file: &JavaFile<'_>, cx: &mut Ctx<'_>, config: &PoolConfig<'_>) {
    let defaults = config.complete || config.client == Client::Bahir;
    // (a) validation on borrow, and idle connections never validated.
    if let Some((call, true)) = config.flag(file, "setTestOnBorrow") {
        info(
            cx,
            file,
            call,
            "`testOnBorrow` is true: every borrow sends a `PING` before the command, one more \
             round trip per borrow"
                .to_owned(),
            "leave `testOnBorrow` off and validate idle connections with `testWhileIdle` instead",
        );
    }
    if config.client == Client::Jedis {
        match config.flag(file, "setTestWhileIdle") {
            Some((call, false)) => info(
                cx,
                file,
                call,
                "`testWhileIdle` is false: idle connections that Redis or a failover closed stay \
                 in the pool until a command fails on one"
                    .to_owned(),
                "keep `testWhileIdle` on (the `JedisPoolConfig` default)",
            ),
            None if config.complete
                && config.generic
                && config.last(file, EVICTION_SETTERS).is_none() =>
            {
                cx.report(
                    Severity::Info,
                    JavaFile::span_of(config.anchor),
                    "this plain `GenericObjectPoolConfig` never validates idle connections \
                     (`testWhileIdle` false, no eviction runs): connections that Redis or a \
                     failover closed stay in the pool until a command fails on one",
                )
                .help("use `JedisPoolConfig` (or `ConnectionPoolConfig`), which turns idle validation on");
            }
            _ => {}
        }
    }
    // (b) idle sizes.
    let total = config
        .int(file, &["setMaxTotal"])
        .map(|(_, v)| v)
        .or_else(|| {
            (defaults && config.last(file, &["setMaxTotal"]).is_none()).then_some(DEFAULT_SIZE)
        });
    let idle_call = config.int(file, &["setMaxIdle"]);
    let idle = idle_call.map(|(_, v)| v).or_else(|| {
        (defaults && config.last(file, &["setMaxIdle"]).is_none()).then_some(DEFAULT_SIZE)
    });
    if let (Some(total), Some(idle)) = (total, idle)
        && total >= 0
        && (0..total).contains(&idle)
    {
        let at = idle_call
            .map(|(c, _)| c)
            .or_else(|| config.last(file, &["setMaxTotal"]).map(|(c, _)| c));
        if let Some(at) = at {
            let shown = if idle_call.is_some() {
                format!("is {idle}")
            } else {
                format!("is not set (default {idle})")
            };
            info(
                cx,
                file,
                at,
                format!(
                    "`maxIdle` {shown}, below `maxTotal` ({total}): after a burst the pool \
                     closes connections down to {idle} and opens them again on the next one"
                ),
                "set `maxIdle` to the same value as `maxTotal`",
            );
        }
    }
    if let Some((call, min)) = config.int(file, &["setMinIdle"])
        && let Some(idle) = idle
        && idle >= 0
        && min > idle
    {
        info(
            cx,
            file,
            call,
            format!(
                "`minIdle` is {min}, above `maxIdle` ({idle}): the pool keeps at most {idle} idle \
                 connections, so the minimum is never reached"
            ),
            "keep `minIdle` at or below `maxIdle`",
        );
    }
}

fn info(cx: &mut Ctx<'_>, file: &JavaFile<'_>, call: Node<'_>, message: String, help: &str) {
    cx.report(Severity::Info, JavaFile::span_of(call), message)
        .help(help)
        .anchor(call_anchor(file, call));
}

#[cfg(test)]
mod tests {
    use bdl_core::Diagnostic;
    use bdl_syntax::check_one;

    use super::*;

    const IMPORTS: &str = "import redis.clients.jedis.*;\n\
        import org.apache.commons.pool2.impl.GenericObjectPoolConfig;\n";

    fn java(class: &str) -> Vec<Diagnostic> {
        check_one(&PoolTuning, "Pools.java", &format!("{IMPORTS}{class}"))
    }

    fn lines(class: &str) -> Vec<u32> {
        java(class).iter().map(|d| d.start.line - 2).collect()
    }

    #[test]
    fn borrow_tests_idle_sizes() {
        let class = "class Pools {\n\
            JedisPool a(String h) { JedisPoolConfig c = new JedisPoolConfig();\n\
              c.setMaxTotal(64);\n\
              c.setMaxIdle(8);\n\
              c.setMinIdle(16);\n\
              c.setTestOnBorrow(true);\n\
              c.setTestWhileIdle(false);\n\
              return new JedisPool(c, h, 6379); }\n\
            JedisPool b(String h) { JedisPoolConfig c = new JedisPoolConfig();\n\
              c.setMaxTotal(32);\n\
              return new JedisPool(c, h, 6379); }\n\
            JedisPooled d(String h) { GenericObjectPoolConfig<Connection> c = new GenericObjectPoolConfig<>();\n\
              c.setMaxTotal(8);\n\
              return new JedisPooled(c, h, 6379); }\n\
        }\n";
        assert_eq!(lines(class), [4, 5, 6, 7, 10, 12]);
        let d = java(class);
        assert_eq!(
            d[0].message,
            "`maxIdle` is 8, below `maxTotal` (64): after a burst the pool closes connections \
             down to 8 and opens them again on the next one"
        );
        assert_eq!(
            d[1].message,
            "`minIdle` is 16, above `maxIdle` (8): the pool keeps at most 8 idle connections, so \
             the minimum is never reached"
        );
        assert_eq!(
            d[4].message,
            "`maxIdle` is not set (default 8), below `maxTotal` (32): after a burst the pool \
             closes connections down to 8 and opens them again on the next one"
        );
        assert!(
            d[5].message
                .starts_with("this plain `GenericObjectPoolConfig`")
        );
    }

    #[test]
    fn good_and_unknown_configs_are_silent() {
        let class = "class Pools {\n\
            int size;\n\
            JedisPool a(String h) { JedisPoolConfig c = new JedisPoolConfig();\n\
              c.setMaxTotal(64); c.setMaxIdle(64); c.setMinIdle(8);\n\
              return new JedisPool(c, h, 6379); }\n\
            JedisPool b(String h) { JedisPoolConfig c = new JedisPoolConfig();\n\
              c.setMaxTotal(size); c.setMaxIdle(8);\n\
              return new JedisPool(c, h, 6379); }\n\
            JedisPool c(JedisPoolConfig c, String h) { c.setMaxTotal(64); return new JedisPool(c, h, 6379); }\n\
            JedisPool d(String h) { JedisPoolConfig c = new JedisPoolConfig();\n\
              c.setMaxTotal(-1); c.setMaxIdle(8);\n\
              return new JedisPool(c, h, 6379); }\n\
            void e() { JedisPoolConfig c = new JedisPoolConfig(); c.setTestOnBorrow(true); }\n\
            JedisPooled f(String h) { GenericObjectPoolConfig<Connection> c = new GenericObjectPoolConfig<>();\n\
              c.setTestWhileIdle(true);\n\
              return new JedisPooled(c, h, 6379); }\n\
        }\n";
        assert!(lines(class).is_empty(), "{:?}", java(class));
    }

    #[test]
    fn bahir_defaults() {
        let src = "import org.apache.flink.streaming.connectors.redis.common.config.FlinkJedisPoolConfig;\n\
            class Sink { void a() { new FlinkJedisPoolConfig.Builder().setHost(\"h\").setMaxTotal(32).build(); } }\n";
        let d = check_one(&PoolTuning, "Sink.java", src);
        assert_eq!(d.len(), 1);
        assert!(
            d[0].message
                .contains("is not set (default 8), below `maxTotal` (32)")
        );
    }

    #[test]
    fn spring_keys() {
        let props = "spring.data.redis.jedis.pool.max-active=64\n\
            spring.data.redis.jedis.pool.max-idle=8\n\
            spring.data.redis.jedis.pool.min-idle=16\n\
            spring.redis.lettuce.pool.max-active=32\n";
        let d = check_one(&PoolTuning, "application.properties", props);
        let got: Vec<_> = d.iter().map(|d| d.start.line).collect();
        assert_eq!(got, [2, 3, 4]);
        assert_eq!(
            d[2].message,
            "`max-idle` is not set (default 8), below `max-active` (32): after a burst the pool \
             closes connections down to 8 and opens them again on the next one"
        );
        let fine = "spring.data.redis.jedis.pool.max-active=64\n\
            spring.data.redis.jedis.pool.max-idle=64\n\
            spring.data.redis.lettuce.pool.max-active=4\n\
            spring.data.redis.lettuce.pool.max-idle=${IDLE:4}\n";
        assert!(check_one(&PoolTuning, "application.properties", fine).is_empty());
    }
}
