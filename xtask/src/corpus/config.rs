//! Configuration and build files: Maven POMs, Spring `application.yml` / `.properties`, Flink
//! `flink-conf.yaml` and `config.yaml`, Hadoop `*-site.xml`, Flink SQL scripts, logging
//! configuration, and the build output that `.gitignore` hides.

use std::fmt::Write as _;

use super::words::{LOWER_WORDS, SENTENCES};
use crate::rng::Rng;

pub(crate) const GITIGNORE: &str = "# Build output\ntarget/\nbuild/\nout/\n*.class\n*.jar\n\n# IDE\n.idea/\n*.iml\n.vscode/\n\n# Logs\n*.log\nlogs/\n";

pub(crate) fn pom(
    rng: &mut Rng,
    org: &str,
    artifact: &str,
    modules: &[String],
    deps: &[&str],
) -> String {
    let mut out = String::with_capacity(4096);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<project xmlns=\"http://maven.apache.org/POM/4.0.0\"\n         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n         xsi:schemaLocation=\"http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd\">\n");
    out.push_str("  <modelVersion>4.0.0</modelVersion>\n");
    let _ = writeln!(out, "  <groupId>com.{org}</groupId>");
    let _ = writeln!(out, "  <artifactId>{artifact}</artifactId>");
    let _ = writeln!(
        out,
        "  <version>{}.{}.0-SNAPSHOT</version>",
        rng.range(1, 4),
        rng.range(0, 30)
    );
    if modules.is_empty() {
        out.push_str("  <packaging>jar</packaging>\n");
    } else {
        out.push_str("  <packaging>pom</packaging>\n  <modules>\n");
        for m in modules {
            let _ = writeln!(out, "    <module>{m}</module>");
        }
        out.push_str("  </modules>\n");
    }
    out.push_str("  <properties>\n    <java.version>17</java.version>\n    <flink.version>1.18.1</flink.version>\n    <hbase.version>2.5.8</hbase.version>\n  </properties>\n");
    out.push_str("  <dependencies>\n");
    for dep in deps {
        let (group, artifact) = dep.split_once(':').unwrap_or(("org.example", dep));
        let _ = writeln!(
            out,
            "    <dependency>\n      <groupId>{group}</groupId>\n      <artifactId>{artifact}</artifactId>\n    </dependency>"
        );
    }
    out.push_str("  </dependencies>\n</project>\n");
    out
}

/// What a Spring Boot `application.yml` holds besides its data source.
#[derive(Clone, Copy, Default)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "independent sections of one file"
)]
pub(crate) struct Spring {
    /// A `spring.data.redis.*` section.
    pub(crate) redis: bool,
    /// A `spring.elasticsearch.*` section.
    pub(crate) search: bool,
    /// The Jedis pool is undersized (RDS001).
    pub(crate) bad_pool: bool,
    /// The Redis password is written into the file (SEC001).
    pub(crate) literal_password: bool,
}

/// A Spring Boot `application.yml`: data source, optionally Redis and Elasticsearch.
pub(crate) fn application_yml(rng: &mut Rng, app: &str, spring: Spring) -> String {
    let Spring {
        redis,
        search,
        bad_pool,
        literal_password,
    } = spring;
    let mut out = String::with_capacity(2048);
    let _ = write!(
        out,
        "spring:\n  application:\n    name: {app}\n  datasource:\n    url: jdbc:postgresql://db.internal:5432/{}\n    username: ${{DB_USER}}\n    password: ${{DB_PASSWORD}}\n    hikari:\n      maximum-pool-size: {}\n      connection-timeout: 30000\n  jpa:\n    open-in-view: false\n    properties:\n      hibernate.jdbc.batch_size: 50\n",
        app.replace('-', "_"),
        rng.range(5, 40)
    );
    if redis {
        let active = if bad_pool {
            rng.range(1, 4)
        } else {
            rng.range(16, 64)
        };
        let _ = write!(
            out,
            "  data:\n    redis:\n      host: redis.internal\n      port: 6379\n      timeout: 2s\n      jedis:\n        pool:\n          max-active: {active}\n          max-idle: {active}\n          min-idle: 1\n          max-wait: 500ms\n"
        );
        if literal_password {
            let _ = writeln!(
                out,
                "      password: {}-{}-{}",
                rng.word(&["Rd", "Cache", "Sess"]),
                rng.range(1000, 9999),
                rng.word(&["prod", "blue", "eu"])
            );
        } else {
            out.push_str("      password: ${REDIS_PASSWORD}\n");
        }
    }
    if search {
        out.push_str(
            "  elasticsearch:\n    uris: https://search.internal:9200\n    username: ${ES_USER}\n    password: ${ES_PASSWORD}\n    connection-timeout: 2s\n    socket-timeout: 30s\n",
        );
    }
    let _ = write!(
        out,
        "\nserver:\n  port: {}\n  shutdown: graceful\n\nmanagement:\n  endpoints:\n    web:\n      exposure:\n        include: health,info,prometheus\n\nlogging:\n  level:\n    root: INFO\n    com.acme: DEBUG\n",
        rng.range(8000, 8999)
    );
    for i in 0..rng.range(0, 12) {
        let word = rng.word(LOWER_WORDS);
        let _ = writeln!(out, "{app}.feature-{i}.{word}: {}", rng.range(0, 1000));
    }
    out
}

pub(crate) fn application_properties(
    rng: &mut Rng,
    app: &str,
    bad_pool: bool,
    redis: bool,
) -> String {
    let mut out = String::with_capacity(1024);
    let _ = writeln!(out, "spring.application.name={app}");
    let _ = writeln!(out, "server.port={}", rng.range(8000, 8999));
    out.push_str("spring.jackson.serialization.write-dates-as-timestamps=false\n");
    if redis {
        let active = if bad_pool {
            rng.range(1, 4)
        } else {
            rng.range(16, 64)
        };
        out.push_str("spring.redis.host=redis.internal\nspring.redis.port=6379\n");
        out.push_str("spring.redis.password=${REDIS_PASSWORD}\n");
        let _ = writeln!(out, "spring.redis.jedis.pool.max-active={active}");
        out.push_str("spring.redis.jedis.pool.max-wait=500ms\n");
    }
    for i in 0..rng.range(2, 15) {
        let word = rng.word(LOWER_WORDS);
        let _ = writeln!(out, "{app}.{word}.setting{i}={}", rng.range(0, 10_000));
    }
    out
}

pub(crate) fn flink_conf(rng: &mut Rng, bad_interval: bool) -> String {
    let interval = if bad_interval {
        format!("{} ms", rng.word(&["500", "1000", "2000"]))
    } else {
        format!("{}min", rng.range(1, 10))
    };
    // Some bad clusters keep their checkpoints on a local disk (FLK009).
    let dir = if bad_interval && rng.chance(0.5) {
        "file:///tmp/flink-checkpoints"
    } else {
        "hdfs://namenode:8020/flink/checkpoints"
    };
    // The modules build against Flink 1.18 (see `pom`): the keys are 1.18's.
    let mut out = String::from("# Flink configuration (legacy flat format).\n");
    // A bad cluster may also drop a checklist item: incremental checkpoints (FLK012), a
    // failure tolerance (FLK007), retention on cancel (FLK008) or JobManager HA (FLK022).
    let dropped = if bad_interval { rng.below(5) } else { 4 };
    let _ = write!(
        out,
        "jobmanager.rpc.address: flink-jobmanager\njobmanager.rpc.port: 6123\njobmanager.memory.process.size: {}m\ntaskmanager.memory.process.size: {}m\ntaskmanager.numberOfTaskSlots: {}\nparallelism.default: {}\n\nstate.backend.type: rocksdb\nstate.backend.incremental: true\nstate.checkpoints.dir: {dir}\nexecution.checkpointing.interval: {interval}\nexecution.checkpointing.min-pause: 30s\nexecution.checkpointing.timeout: 10min\nexecution.checkpointing.tolerable-failed-checkpoints: 3\nexecution.checkpointing.externalized-checkpoint-retention: RETAIN_ON_CANCELLATION\nhigh-availability.type: zookeeper\nhigh-availability.zookeeper.quorum: zk-1:2181,zk-2:2181,zk-3:2181\nrestart-strategy.type: exponential-delay\n",
        rng.range(1, 4) * 800,
        rng.range(2, 8) * 1024,
        rng.range(1, 8),
        rng.range(1, 16)
    );
    for (i, line) in [
        "state.backend.incremental: true\n",
        "execution.checkpointing.tolerable-failed-checkpoints: 3\n",
        "execution.checkpointing.externalized-checkpoint-retention: RETAIN_ON_CANCELLATION\n",
        "high-availability.type: zookeeper\n",
    ]
    .iter()
    .enumerate()
    {
        if i == dropped {
            out = out.replace(line, "");
        }
    }
    if rng.chance(0.4) {
        out.push_str("dfs.replication: 3\n");
    }
    for _ in 0..rng.range(0, 10) {
        let s = rng.word(SENTENCES);
        let _ = writeln!(out, "# {s}");
    }
    let _ = writeln!(out, "metrics.reporter.prom.port: {}", rng.range(9000, 9300));
    if bad_interval && rng.chance(0.5) {
        // A second definition further down silently wins (FLK024).
        let _ = writeln!(out, "taskmanager.numberOfTaskSlots: {}", rng.range(9, 16));
    }
    out
}

pub(crate) fn flink_config_yaml(rng: &mut Rng, bad_interval: bool) -> String {
    let interval = if bad_interval {
        format!("{}s", rng.range(1, 5))
    } else {
        format!("{}min", rng.range(1, 10))
    };
    format!(
        "# Flink 1.19+ configuration (standard YAML).\njobmanager:\n  rpc:\n    address: flink-jobmanager\n    port: 6123\n  memory:\n    process:\n      size: {}m\ntaskmanager:\n  numberOfTaskSlots: {}\n  memory:\n    process:\n      size: {}m\nparallelism:\n  default: {}\nexecution:\n  checkpointing:\n    dir: s3://checkpoints/{}\n    interval: {interval}\n    timeout: 10min\n    mode: EXACTLY_ONCE\nstate:\n  backend:\n    type: rocksdb\n    incremental: true\nrestart-strategy:\n  type: fixed-delay\n  fixed-delay:\n    attempts: {}\n    delay: 10s\n",
        rng.range(1, 4) * 800,
        rng.range(1, 8),
        rng.range(2, 8) * 1024,
        rng.range(1, 16),
        rng.range(1000, 9999),
        rng.range(3, 10)
    )
}

/// A `config.yaml` that is not Flink's (a service's own settings): read, then left alone.
pub(crate) fn other_config_yaml(rng: &mut Rng, app: &str) -> String {
    let mut out = format!(
        "app:\n  name: {app}\n  replicas: {}\n  features:\n",
        rng.range(1, 6)
    );
    for _ in 0..rng.range(2, 10) {
        let word = rng.word(LOWER_WORDS);
        let _ = writeln!(out, "    - {word}-{}", rng.range(1, 99));
    }
    let _ = write!(
        out,
        "resources:\n  cpu: {}m\n  memory: {}Mi\nprobes:\n  liveness: /health/live\n  readiness: /health/ready\n",
        rng.range(1, 8) * 250,
        rng.range(1, 16) * 256
    );
    out
}

/// Hadoop `<name>-site.xml`; `hdfs` files carry `dfs.replication`.
pub(crate) fn site_xml(rng: &mut Rng, name: &str, bad_replication: bool) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<?xml-stylesheet type=\"text/xsl\" href=\"configuration.xsl\"?>\n<!--\n  Licensed under the Apache License, Version 2.0 (the \"License\");\n  you may not use this file except in compliance with the License.\n-->\n<!-- Put site-specific property overrides in this file. -->\n<configuration>\n",
    );
    let property = |out: &mut String, key: &str, value: &str, description: Option<&str>| {
        let _ = write!(
            out,
            "  <property>\n    <name>{key}</name>\n    <value>{value}</value>\n"
        );
        if let Some(d) = description {
            let _ = writeln!(out, "    <description>{d}</description>");
        }
        out.push_str("  </property>\n");
    };
    if name == "hdfs" {
        let replication = if bad_replication { "1" } else { "3" };
        property(
            &mut out,
            "dfs.replication",
            replication,
            Some("Default block replication."),
        );
    }
    let prefix = match name {
        "hdfs" => "dfs",
        "yarn" => "yarn",
        "mapred" => "mapreduce",
        "hbase" => "hbase",
        _ => "fs",
    };
    for i in 0..rng.range(8, 40) {
        let word = rng.word(LOWER_WORDS);
        let key = format!("{prefix}.{word}.setting-{i}");
        let value = rng.range(1, 100_000).to_string();
        let description = rng.chance(0.5).then(|| rng.word(SENTENCES));
        property(&mut out, &key, &value, description);
    }
    out.push_str("</configuration>\n");
    out
}

pub(crate) fn flink_sql(rng: &mut Rng, bad_interval: bool) -> String {
    let interval = if bad_interval { "2s" } else { "3min" };
    let mut out = format!(
        "-- Session settings for the enrichment pipeline.\nSET 'execution.runtime-mode' = 'streaming';\nSET 'execution.checkpointing.interval' = '{interval}';\nSET 'table.exec.state.ttl' = '{} h';\n\n",
        rng.range(1, 48)
    );
    if bad_interval && rng.chance(0.5) {
        // An aggregation that keeps state for every customer forever: no TTL (FLK021).
        out = out.replace(
            "SET 'table.exec.state.ttl'",
            "-- SET 'table.exec.state.ttl'",
        );
        out.push_str("INSERT INTO customer_totals\nSELECT customer_id, SUM(amount)\nFROM orders\nGROUP BY customer_id;\n\n");
    }
    out.push_str("CREATE TABLE orders (\n  id BIGINT,\n  customer_id BIGINT,\n  amount DECIMAL(10, 2),\n  proc_time AS PROCTIME()\n) WITH (\n  'connector' = 'kafka',\n  'topic' = 'orders',\n  'properties.bootstrap.servers' = 'kafka:9092',\n  'format' = 'json'\n);\n\n");
    out.push_str("INSERT INTO enriched_orders\nSELECT o.id, o.amount, c.segment\nFROM orders AS o\nJOIN customers FOR SYSTEM_TIME AS OF o.proc_time AS c\n  ON o.customer_id = c.id;\n");
    out
}

pub(crate) fn logback_xml(app: &str) -> String {
    format!(
        "<configuration>\n  <appender name=\"STDOUT\" class=\"ch.qos.logback.core.ConsoleAppender\">\n    <encoder>\n      <pattern>%d{{ISO8601}} %-5level [%thread] %logger{{36}} - %msg%n</pattern>\n    </encoder>\n  </appender>\n  <logger name=\"com.acme.{app}\" level=\"DEBUG\"/>\n  <root level=\"INFO\">\n    <appender-ref ref=\"STDOUT\"/>\n  </root>\n</configuration>\n"
    )
}

pub(crate) fn readme(rng: &mut Rng, module: &str) -> String {
    let mut out = format!("# {module}\n\n");
    for _ in 0..rng.range(2, 8) {
        let s = rng.word(SENTENCES);
        out.push_str(s);
        out.push(' ');
    }
    out.push_str("\n\n## Build\n\n```\nmvn -pl ");
    out.push_str(module);
    out.push_str(" -am package\n```\n");
    out
}

/// Bytes that look like a compiled class file (never read: `target/` is ignored).
pub(crate) fn class_file(rng: &mut Rng, len: usize) -> Vec<u8> {
    let mut bytes = vec![0xCA, 0xFE, 0xBA, 0xBE, 0, 0, 0, 61];
    bytes.extend((8..len).map(|_| (rng.next_u64() & 0xFF) as u8));
    bytes
}
