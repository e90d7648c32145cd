use bdl_catalog::{Catalog, Lookup, flink};
use bdl_core::{Ctx, Product, RuleMeta, Severity, declare_rule};
use bdl_syntax::Entry;
use bdl_syntax::config::flink_k8s::K8S_PREFIX;
use bdl_syntax::{ConfigFile, JavaFile, Rule};

use crate::settings::java_keys;

declare_rule! {
    /// ## What it does
    /// Flags a Flink configuration key that the targeted Flink version does not know: a typo
    /// (`execution.checkpointing.intervall`, with the closest key as a suggestion), a key that
    /// only exists from a later Flink line, or one that was removed.
    ///
    /// It reads `config.yaml` (nested keys flattened), the legacy `flink-conf.yaml`, SQL `SET`
    /// statements and the `spec.flinkConfiguration` of Kubernetes `FlinkDeployment` /
    /// `FlinkSessionJob` resources. Table options in `WITH (...)` are connector options and are
    /// not checked. The keys come from the documented options of every modelled Flink line
    /// (1.18 to 2.2, see `docs/catalogs.md`); documented key families with a variable part
    /// (`metrics.reporter.<name>.*`, `env.java.opts.*`, `flink.hadoop.*`, map entries such as
    /// `kubernetes.jobmanager.labels.team`, file-system plugin keys) are never unknown, nor are
    /// keys that contain a `${...}` placeholder.
    ///
    /// In Java it reads the keys a job writes by name into a Flink configuration:
    /// `conf.setString("key", …)`, `conf.set("key", …)`, `setInteger` / `setLong` /
    /// `setBoolean` / `setFloat` / `setDouble`, `tEnv.getConfig().set("key", …)`,
    /// `tEnv.getConfig().getConfiguration().setString("key", …)` and
    /// `Configuration.fromMap(Map.of("key", …))`, with keys written as literals or constants.
    /// The receiver must be provably Flink's `org.apache.flink.configuration.Configuration` or
    /// `TableConfig`: a name declared with that type (resolved through the imports), `new
    /// Configuration()`, a `var` initialised so, or `getConfig()` on a declared
    /// `TableEnvironment` / `StreamTableEnvironment`. Hadoop's and HBase's `Configuration`,
    /// `SparkConf`, `Properties` and `System.setProperty` are never read, nor is a receiver
    /// whose type the file does not show. A key whose first segment is not a Flink namespace
    /// of the catalog (`input.topic`, `kafka.brokers`) is the job's own parameter and is not
    /// checked.
    ///
    /// The target version comes from `target:`, `--target` or the nearest `pom.xml` / Gradle
    /// build (see `docs/target-versions.md`). When it is unknown, only keys that no Flink line
    /// knows and that are close to a real key are reported.
    ///
    /// ## Why is this bad?
    /// Flink ignores a key it does not know, without a warning in the logs. A misspelled
    /// `execution.checkpointing.intervall: 30s` leaves checkpointing off, and a job restarted
    /// after a failure loses all its state. A key of a newer line, or one removed in 2.0, is
    /// silently ignored in the same way.
    ///
    /// ## Example
    /// ```yaml file=config.yaml bad target=flink=2.0
    /// execution:
    ///   checkpointing:
    ///     intervall: 30s
    /// ```
    ///
    /// ```java file=Job.java bad target=flink=2.0
    /// import org.apache.flink.configuration.Configuration;
    /// import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
    ///
    /// public class Job {
    ///     public static void main(String[] args) throws Exception {
    ///         Configuration conf = new Configuration();
    ///         conf.setString("execution.checkpointing.intervall", "30s");
    ///         StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    ///         env.fromSequence(1, 100).print();
    ///         env.execute("job");
    ///     }
    /// }
    /// ```
    ///
    /// Use instead:
    ///
    /// ```yaml file=config.yaml good target=flink=2.0
    /// execution:
    ///   checkpointing:
    ///     interval: 30s
    /// ```
    ///
    /// ```java file=Job.java good target=flink=2.0
    /// import org.apache.flink.configuration.Configuration;
    /// import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
    ///
    /// public class Job {
    ///     public static void main(String[] args) throws Exception {
    ///         Configuration conf = new Configuration();
    ///         conf.setString("execution.checkpointing.interval", "30s");
    ///         StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    ///         env.fromSequence(1, 100).print();
    ///         env.execute("job");
    ///     }
    /// }
    /// ```
    ///
    /// ## How to fix
    /// Correct the key to the suggested spelling, or use the key of the targeted Flink line. If
    /// the key is read by your own code or a plugin, move it out of the Flink configuration or
    /// suppress the finding on that line.
    ///
    /// ## Options
    /// None.
    ///
    /// ## References
    /// - Flink configuration (all documented options):
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/deployment/config/>
    /// - Flink 2.0 release notes (removed configuration options):
    ///   <https://nightlies.apache.org/flink/flink-docs-release-2.0/release-notes/flink-2.0/>
    pub UnknownConfigKey {
        code: "FLK020",
        name: "unknown-config-key",
        summary: "configuration key unknown to the targeted Flink version is silently ignored",
        severity: Warning,
        kinds: [Java, FlinkConf, FlinkYaml, FlinkSql, FlinkK8s],
        // Configuration files are always parsed; a Java file must import Flink's
        // `Configuration` or Table API for a receiver to be proven Flink's.
        triggers: [
            "flinkConfiguration",
            "org.apache.flink.configuration",
            "org.apache.flink.table",
        ],
        options: [],
    }
}

impl Rule for UnknownConfigKey {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        let keys = java_keys(file, reported_somewhere);
        if keys.is_empty() {
            return;
        }
        let catalog = target_catalog(cx);
        for key in keys.iter().flatten() {
            report(&key.entry, catalog, cx);
        }
    }

    fn check_config(&self, file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
        let mut entries = flink_entries(file).peekable();
        if entries.peek().is_none() {
            return;
        }
        let catalog = target_catalog(cx);
        for entry in entries {
            report(entry, catalog, cx);
        }
    }
}

/// The Flink settings of a configuration file: every entry but the Kubernetes fields of a
/// manifest, the empty key, and keys built from `${...}` placeholders.
pub(crate) fn flink_entries<'f>(file: &'f ConfigFile<'_>) -> impl Iterator<Item = &'f Entry> {
    file.entries.iter().filter(|e| {
        !e.key.starts_with(K8S_PREFIX) && !e.key.trim().is_empty() && !e.key.contains("${")
    })
}

/// Whether some modelled Flink line could report `key`: no line knows it, or one line lacks
/// it. Keys every line knows need no receiver proof.
fn reported_somewhere(key: &str) -> bool {
    Catalog::lines(bdl_catalog::Product::Flink)
        .iter()
        .any(|catalog| {
            matches!(
                catalog.lookup(key),
                Lookup::Unknown | Lookup::NotYet { .. } | Lookup::Removed { .. }
            )
        })
}

/// The catalog of the file's Flink line (the nearest modelled one), `None` when unknown.
pub(crate) fn target_catalog(cx: &Ctx<'_>) -> Option<&'static Catalog> {
    cx.target_version(Product::Flink).map(flink::nearest)
}

fn report(entry: &Entry, catalog: Option<&'static Catalog>, cx: &mut Ctx<'_>) {
    let key = entry.key.as_str();
    let Some(catalog) = catalog else {
        // Unknown target: only keys no line knows, and only with a suggestion.
        if flink::latest().lookup(key) == Lookup::Unknown
            && let Some(hint) = flink::latest().suggest(key)
        {
            cx.report(
                Severity::Warning,
                entry.key_span,
                format!("`{key}` is not a Flink configuration key: did you mean `{hint}`?"),
            )
            .help(format!(
                "rename the key to `{hint}`; Flink ignores unknown keys"
            ));
        }
        return;
    };
    let line = catalog.line();
    match catalog.lookup(key) {
        Lookup::Unknown => {
            let Some(hint) = catalog.suggest(key) else {
                return;
            };
            cx.report(
                Severity::Warning,
                entry.key_span,
                format!("`{key}` is not a Flink {line} configuration key: did you mean `{hint}`?"),
            )
            .help(format!(
                "rename the key to `{hint}`; Flink ignores unknown keys"
            ));
        }
        Lookup::NotYet { since } => {
            cx.report(
                Severity::Warning,
                entry.key_span,
                format!("`{key}` exists from Flink {since}: Flink {line} ignores it"),
            )
            .help(format!("upgrade to Flink {since}, or remove the key"));
        }
        Lookup::Removed { in_version, hint } => {
            let mut reported = cx.report(
                Severity::Warning,
                entry.key_span,
                if in_version == line {
                    format!("`{key}` was removed in Flink {in_version}, which ignores it")
                } else {
                    format!("`{key}` was removed in Flink {in_version}: Flink {line} ignores it")
                },
            );
            match hint {
                Some(new) => reported.help(format!("use `{new}` instead")),
                None => {
                    reported.help("remove the key; see the Flink release notes for its successor")
                }
            };
        }
        Lookup::Known(_)
        | Lookup::Deprecated { .. }
        | Lookup::Pattern { .. }
        | Lookup::OutOfScope => {}
    }
}

#[cfg(test)]
mod tests {
    use bdl_catalog::Version;
    use bdl_core::{Diagnostic, Targets};
    use bdl_syntax::{check_one, check_one_with_targets};

    use super::*;

    const RULE: UnknownConfigKey = UnknownConfigKey;

    fn on(version: Option<(u16, u16)>, path: &str, text: &str) -> Vec<Diagnostic> {
        match version {
            Some((major, minor)) => check_one_with_targets(
                &RULE,
                path,
                text,
                &Targets::NONE.with(Product::Flink, Version::new(major, minor)),
            ),
            None => check_one(&RULE, path, text),
        }
    }

    fn messages(found: &[Diagnostic]) -> Vec<&str> {
        found.iter().map(|d| d.message.as_str()).collect()
    }

    const TYPO: &str = "did you mean `execution.checkpointing.interval`?";

    #[test]
    fn a_typo_is_reported_in_every_dialect() {
        let files = [
            (
                "config.yaml",
                "execution:\n  checkpointing:\n    intervall: 30s\n",
            ),
            (
                "flink-conf.yaml",
                "execution.checkpointing.intervall: 30s\n",
            ),
            (
                "job.sql",
                "SET 'execution.checkpointing.intervall' = '30s';\n",
            ),
            (
                "k8s/deploy.yaml",
                "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nspec:\n  \
                 flinkConfiguration:\n    execution.checkpointing.intervall: 30s\n",
            ),
        ];
        for (path, text) in files {
            for version in [Some((2, 0)), Some((1, 17)), None] {
                let found = on(version, path, text);
                assert_eq!(found.len(), 1, "{path} {version:?}");
                assert!(found[0].message.ends_with(TYPO), "{}", found[0].message);
                assert_eq!(found[0].severity, Severity::Warning);
                assert!(found[0].span.slice(text).contains("intervall"));
            }
        }
        let found = on(Some((2, 0)), "config.yaml", files[0].1);
        assert_eq!(
            found[0].message,
            "`execution.checkpointing.intervall` is not a Flink 2.0 configuration key: did you \
             mean `execution.checkpointing.interval`?"
        );
    }

    #[test]
    fn keys_of_other_lines() {
        let found = on(
            Some((1, 19)),
            "config.yaml",
            "execution.checkpointing.dir: s3://b/c\n",
        );
        assert_eq!(
            messages(&found),
            ["`execution.checkpointing.dir` exists from Flink 1.20: Flink 1.19 ignores it"]
        );
        let found = on(Some((2, 0)), "config.yaml", "taskmanager.heap.size: 1g\n");
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.contains("was removed in Flink 2.0"),
            "{found:?}"
        );
        // Without a target, keys of any line are fine.
        assert!(on(None, "config.yaml", "taskmanager.heap.size: 1g\n").is_empty());
    }

    const FLINK_CONF: &str = "import org.apache.flink.configuration.Configuration;\n";

    fn java(imports: &str, body: &str) -> String {
        format!(
            "{imports}import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;\n\
             public class Job {{\n  public static void main(String[] args) throws Exception {{\n    \
             {body}\n  }}\n}}\n"
        )
    }

    #[test]
    fn java_keys_on_flink_configurations() {
        let text = java(
            FLINK_CONF,
            "Configuration conf = new Configuration();\n    \
             conf.setString(\"execution.checkpointing.intervall\", \"30s\");",
        );
        for version in [Some((2, 0)), Some((1, 18)), None] {
            let found = on(version, "Job.java", &text);
            assert_eq!(found.len(), 1, "{version:?}");
            assert!(found[0].message.ends_with(TYPO), "{}", found[0].message);
            assert_eq!(found[0].severity, Severity::Warning);
            assert_eq!(
                found[0].span.slice(&text),
                "\"execution.checkpointing.intervall\""
            );
        }
        // Removed keys, a Table API configuration and `fromMap`.
        let text = java(
            "import org.apache.flink.configuration.*;\nimport org.apache.flink.table.api.*;\nimport java.util.Map;\n",
            "TableEnvironment tEnv = TableEnvironment.create(settings);\n    \
             tEnv.getConfig().set(\"table.exec.mini-batch.enabeld\", \"true\");\n    \
             tEnv.getConfig().getConfiguration().setInteger(\"taskmanager.heap.size\", 1024);\n    \
             var conf = Configuration.fromMap(Map.of(\"pipeline.nmae\", \"x\", \"input.topic\", \"t\"));",
        );
        assert_eq!(
            messages(&on(Some((2, 0)), "Job.java", &text)),
            [
                "`table.exec.mini-batch.enabeld` is not a Flink 2.0 configuration key: did you \
                 mean `table.exec.mini-batch.enabled`?",
                "`taskmanager.heap.size` was removed in Flink 2.0, which ignores it",
                "`pipeline.nmae` is not a Flink 2.0 configuration key: did you mean \
                 `pipeline.name`?",
            ]
        );
    }

    #[test]
    fn java_look_alikes_stay_silent() {
        let cases = [
            // Hadoop's and HBase's configurations, with Flink-looking and Hadoop keys.
            (
                "import org.apache.hadoop.conf.Configuration;\n",
                "Configuration conf = new Configuration();\n    \
                 conf.set(\"execution.checkpointing.intervall\", \"30s\");\n    \
                 conf.set(\"fs.defaultFS\", \"hdfs://nn:8020\");",
            ),
            (
                "import org.apache.hadoop.hbase.HBaseConfiguration;\nimport org.apache.flink.configuration.Configuration;\n",
                "var conf = HBaseConfiguration.create();\n    \
                 conf.set(\"execution.checkpointing.intervall\", \"30s\");",
            ),
            // The job's own parameters and pass-through keys on a Flink configuration.
            (
                FLINK_CONF,
                "Configuration conf = new Configuration();\n    \
                 conf.setString(\"input.topic\", \"orders\");\n    \
                 conf.setString(\"kafka.bootstrap.servers\", \"k:9092\");\n    \
                 conf.setString(\"flink.hadoop.dfs.replication\", \"2\");\n    \
                 conf.setString(\"metrics.reporter.prom.port\", \"9250\");\n    \
                 conf.setString(\"execution.checkpointing.${suffix}\", \"1\");",
            ),
            // Receivers the file does not type, system properties, other classes.
            (
                FLINK_CONF,
                "getConf().setString(\"execution.checkpointing.intervall\", \"30s\");\n    \
                 System.setProperty(\"execution.checkpointing.intervall\", \"30s\");\n    \
                 SparkConf spark = new SparkConf();\n    \
                 spark.set(\"execution.checkpointing.intervall\", \"30s\");\n    \
                 java.util.Properties props = new java.util.Properties();\n    \
                 props.setProperty(\"execution.checkpointing.intervall\", \"30s\");",
            ),
            // A key read from elsewhere.
            (
                FLINK_CONF,
                "Configuration conf = new Configuration();\n    \
                 conf.setString(args[0], \"30s\");",
            ),
        ];
        for (imports, body) in cases {
            let text = java(imports, body);
            for version in [Some((2, 0)), None] {
                assert!(on(version, "Job.java", &text).is_empty(), "{body}");
            }
        }
    }

    #[test]
    fn look_alikes_stay_silent() {
        let text = "metrics.reporter.prom.port: 9250\n\
                    metrics.reporter.prom.factory.class: org.apache.flink.metrics.prometheus.PrometheusReporterFactory\n\
                    env.java.opts.all: -Dfoo=bar\n\
                    flink.hadoop.dfs.replication: 2\n\
                    kubernetes.jobmanager.labels.team: data\n\
                    s3.access-key: x\n\
                    ${KEY}: 1\n\
                    # execution.checkpointing.intervall: 30s\n\
                    my.company.setting: 3\n";
        for version in [Some((2, 0)), Some((1, 20)), None] {
            assert!(
                on(version, "flink-conf.yaml", text).is_empty(),
                "{version:?}"
            );
        }
        let sql =
            "CREATE TABLE t (a INT) WITH ('connector' = 'kafka', 'scan.startup.mode' = 'x');\n";
        assert!(on(Some((2, 0)), "job.sql", sql).is_empty());
        let k8s = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata:\n  \
                   name: x\nspec:\n  flinkVersion: v1_20\n  flinkConfiguration:\n    \
                   taskmanager.numberOfTaskSlots: \"2\"\n";
        assert!(on(Some((2, 0)), "k8s/deploy.yaml", k8s).is_empty());
    }
}
