use bdl_core::{Ctx, Product, RuleMeta, Severity, Version, declare_rule};
use bdl_syntax::{JavaFile, Rule};
use tree_sitter::Node;

use crate::helpers::BAHIR_PACKAGE;

declare_rule! {
    /// ## What it does
    /// Flags Java code that uses the Apache Bahir Flink Redis connector
    /// (`org.apache.bahir:flink-connector-redis`): an import of its `RedisSink`, of its
    /// `common` packages (`FlinkJedisPoolConfig`, `RedisMapper`, `RedisCommand`, …) or of
    /// `org.apache.flink.streaming.connectors.redis.*`, or a fully qualified
    /// `new org.apache.flink.streaming.connectors.redis.RedisSink<>(..)`. One finding per
    /// file, at the first such use.
    ///
    /// The severity follows the Flink version of the project (`target: {flink: …}`,
    /// `--target`, or the `flink-*` dependencies of the `pom.xml` / Gradle build): an error
    /// on Flink 2.0 and later, where the connector cannot run; a warning on Flink 1.x or when
    /// the version is unknown.
    ///
    /// Not covered: the build file itself. bigdata-lint does not lint `pom.xml` or Gradle
    /// files as such (it only reads them for target versions), so a
    /// `flink-connector-redis` dependency that no Java file uses is not reported. The
    /// connector's own sources (files whose package is inside
    /// `org.apache.flink.streaming.connectors.redis`, such as a vendored copy) are not
    /// reported either.
    ///
    /// ## Why is this bad?
    /// Apache Bahir, which hosted the Flink Redis connector, was retired to the Apache Attic:
    /// the connector gets no fixes, no security updates and no releases for new Flink
    /// versions. Its `RedisSink` extends `RichSinkFunction`, part of the `SinkFunction` API
    /// that Flink deprecated in 1.x and removed in Flink 2.0: on Flink 2 the job does not even
    /// load. It also builds its Jedis pool with a borrow wait that never ends and no setting to
    /// change it (see RDS003).
    ///
    /// ## Example
    /// ```java file=ScoresJob.java bad
    /// import org.apache.flink.streaming.api.datastream.DataStream;
    /// import org.apache.flink.streaming.connectors.redis.RedisSink;
    /// import org.apache.flink.streaming.connectors.redis.common.config.FlinkJedisPoolConfig;
    ///
    /// class ScoresJob {
    ///     void sink(DataStream<Score> scores) {
    ///         FlinkJedisPoolConfig conf = new FlinkJedisPoolConfig.Builder().setHost("redis").build();
    ///         scores.addSink(new RedisSink<>(conf, new ScoreMapper()));
    ///     }
    /// }
    /// ```
    ///
    /// Use instead: a sink of your own on the Sink V2 API, sharing one client per task.
    ///
    /// ```java file=ScoresJob.java good
    /// import org.apache.flink.api.connector.sink2.Sink;
    /// import org.apache.flink.api.connector.sink2.SinkWriter;
    /// import org.apache.flink.api.connector.sink2.WriterInitContext;
    /// import redis.clients.jedis.JedisPooled;
    ///
    /// class RedisScoreSink implements Sink<Score> {
    ///     public SinkWriter<Score> createWriter(WriterInitContext context) {
    ///         JedisPooled redis = new JedisPooled("redis", 6379);
    ///         return new SinkWriter<Score>() {
    ///             public void write(Score s, Context c) { redis.hset("scores", s.id(), s.value()); }
    ///             public void flush(boolean endOfInput) { }
    ///             public void close() { redis.close(); }
    ///         };
    ///     }
    /// }
    /// ```
    ///
    /// ## How to fix
    /// Write to Redis from a sink on the Sink V2 API (`org.apache.flink.api.connector.sink2`)
    /// that opens one `JedisPooled` or Lettuce client per writer and closes it in `close()`,
    /// or from an `AsyncSinkBase` / `AsyncFunction` when throughput matters; or move to a
    /// maintained Redis connector that supports your Flink version. Configure the client's
    /// pool and timeouts explicitly (RDS001, RDS003, RDS004).
    ///
    /// ## Options
    /// None.
    ///
    /// ## References
    /// - Flink 2.0 release notes (`SinkFunction` / `RichSinkFunction` removed):
    ///   <https://nightlies.apache.org/flink/flink-docs-release-2.0/release-notes/flink-2.0/>
    /// - The Apache Attic, Apache Bahir: <https://attic.apache.org/projects/bahir.html>
    /// - Apache Bahir Flink Redis connector: <https://github.com/apache/bahir-flink/tree/master/flink-connector-redis>
    /// - Flink docs, Sink V2 (`org.apache.flink.api.connector.sink2.Sink`):
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/api/java/org/apache/flink/api/connector/sink2/Sink.html>
    pub BahirRedisConnectorObsolete {
        code: "RDS010",
        name: "bahir-redis-connector-obsolete",
        summary: "the retired Apache Bahir Flink Redis connector, which cannot run on Flink 2",
        severity: Warning,
        kinds: [Java],
        triggers: ["org.apache.flink.streaming.connectors.redis"],
        options: [],
    }
}

/// The Flink release that removed `SinkFunction`.
const FLINK_2: Version = Version::new(2, 0);

impl Rule for BahirRedisConnectorObsolete {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        let own = file.package_name();
        if own == BAHIR_PACKAGE || own.starts_with(&format!("{BAHIR_PACKAGE}.")) {
            return;
        }
        let Some(node) = first_use(file) else {
            return;
        };
        let (severity, message) = match cx.target_version(Product::Flink) {
            Some(v) if v >= FLINK_2 => (
                Severity::Error,
                format!(
                    "the Apache Bahir Redis connector is built on `RichSinkFunction`, which Flink \
                     2.0 removed: this job cannot run on Flink {v}"
                ),
            ),
            _ => (
                Severity::Warning,
                "the Apache Bahir Redis connector is retired (Apache Bahir moved to the Attic) \
                 and built on `RichSinkFunction`, which Flink 2.0 removed"
                    .to_owned(),
            ),
        };
        cx.report(severity, JavaFile::span_of(node), message)
            .help(
                "write to Redis from a Sink V2 (`org.apache.flink.api.connector.sink2.Sink`) \
                 sharing one `JedisPooled` or Lettuce client per writer",
            )
            .anchor(BAHIR_PACKAGE);
    }
}

/// The first import of the connector, or else the first fully qualified use of it.
fn first_use<'t>(file: &'t JavaFile<'_>) -> Option<Node<'t>> {
    let import = file.nodes_of_kind("import_declaration").find(|i| {
        let text: String = file
            .text_of(*i)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        text.strip_prefix("import")
            .map(|t| t.strip_prefix("static").unwrap_or(t))
            .is_some_and(|t| {
                t.strip_prefix(BAHIR_PACKAGE)
                    .is_some_and(|rest| rest.starts_with('.'))
            })
    });
    import.or_else(|| {
        [
            "scoped_type_identifier",
            "scoped_identifier",
            "field_access",
        ]
        .into_iter()
        .filter_map(|kind| {
            file.nodes_of_kind(kind)
                .find(|n| file.text_of(*n).starts_with(&format!("{BAHIR_PACKAGE}.")))
        })
        .min_by_key(Node::start_byte)
    })
}

#[cfg(test)]
mod tests {
    use bdl_core::Targets;
    use bdl_syntax::{check_one, check_one_with_targets};

    use super::*;

    const SRC: &str = "package com.example;\n\
        import org.apache.flink.streaming.api.datastream.DataStream;\n\
        import org.apache.flink.streaming.connectors.redis.RedisSink;\n\
        import org.apache.flink.streaming.connectors.redis.common.config.FlinkJedisPoolConfig;\n\
        class Job { void a(DataStream<String> s, FlinkJedisPoolConfig c) { s.addSink(new RedisSink<>(c, m)); } }\n";

    #[test]
    fn one_finding_per_file_by_flink_version() {
        let d = check_one(&BahirRedisConnectorObsolete, "Job.java", SRC);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].start.line, 3);
        assert_eq!(d[0].severity, Severity::Warning);
        let on = |major, minor| {
            check_one_with_targets(
                &BahirRedisConnectorObsolete,
                "Job.java",
                SRC,
                &Targets::NONE.with(Product::Flink, Version::new(major, minor)),
            )
        };
        let d = on(2, 0);
        assert_eq!(d[0].severity, Severity::Error);
        assert_eq!(
            d[0].message,
            "the Apache Bahir Redis connector is built on `RichSinkFunction`, which Flink 2.0 \
             removed: this job cannot run on Flink 2.0"
        );
        assert_eq!(on(1, 18)[0].severity, Severity::Warning);
    }

    #[test]
    fn fully_qualified_use() {
        let src = "class Job { void a(DataStream<String> s) { s.addSink(new org.apache.flink.streaming.connectors.redis.RedisSink<>(c, m)); } }\n";
        let d = check_one(&BahirRedisConnectorObsolete, "Job.java", src);
        assert_eq!(d.len(), 1);
    }

    #[test]
    fn other_packages_and_the_connector_itself_are_silent() {
        for src in [
            "import org.apache.flink.streaming.connectors.redisson.Sink;\nclass Job {}\n",
            "import org.apache.flink.connector.redis.sink.RedisSink;\nclass Job {}\n",
            "package org.apache.flink.streaming.connectors.redis.common.config;\nimport org.apache.flink.streaming.connectors.redis.common.Util;\nclass FlinkJedisPoolConfig {}\n",
            "// org.apache.flink.streaming.connectors.redis.RedisSink is gone\nclass Job {}\n",
        ] {
            assert!(
                check_one(&BahirRedisConnectorObsolete, "Job.java", src).is_empty(),
                "{src}"
            );
        }
    }
}
