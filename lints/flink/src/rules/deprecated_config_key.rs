use std::collections::HashSet;

use bdl_catalog::{Catalog, Lookup, Version, flink};
use bdl_core::{Ctx, Product, RuleMeta, Severity, declare_rule};
use bdl_syntax::config::flink_k8s::K8S_PREFIX;
use bdl_syntax::{ConfigFile, Entry, JavaFile, Rule};

use crate::settings::{java_key_names, java_keys};

declare_rule! {
    /// ## What it does
    /// Flags a deprecated Flink configuration key and names its replacement for the targeted
    /// Flink version: `state.backend` → `state.backend.type`, `state.checkpoints.dir` →
    /// `execution.checkpointing.dir` (Flink 1.20), and the other renamed keys of the catalog
    /// (`docs/catalogs.md`). Setting both the old and the new key to different values in one
    /// configuration is an error.
    ///
    /// It reads `config.yaml`, the legacy `flink-conf.yaml`, SQL `SET` statements, the
    /// `spec.flinkConfiguration` of Kubernetes `FlinkDeployment` / `FlinkSessionJob`
    /// resources, and in Java the keys written by name into a Flink configuration
    /// (`conf.setString("state.backend", …)`, `conf.set(..)`, `setInteger` / `setLong` /
    /// `setBoolean`, `tEnv.getConfig().set(..)`, `Configuration.fromMap(Map.of(..))`). The
    /// receiver must be provably Flink's `Configuration` or `TableConfig` by its declared type
    /// and imports; Hadoop's and HBase's `Configuration`, `SparkConf`, `Properties` and
    /// receivers of unknown type are never read, and keys outside Flink's namespaces are the
    /// job's own. In Java, both keys of a pair count as set together when they are written
    /// to the same object in one method, and as different only when both values are known.
    ///
    /// The target version comes from `target:`, `--target` or the nearest
    /// `pom.xml` / Gradle build (see `docs/target-versions.md`):
    /// - on Flink 2.x, and on 1.x from the version that deprecated the key, a warning;
    /// - on a 1.x line where the key is deprecated without a documented version, info;
    /// - on a line older than every modelled one (1.17 and before), nothing;
    /// - with an unknown target, info.
    ///
    /// ## Why is this bad?
    /// Flink 2.0 removed many deprecated keys and keeps others only as aliases that later
    /// releases drop; a configuration written with them stops working silently on upgrade.
    /// When the old and the new key are both set, only one of them takes effect, and which one
    /// is not obvious from the file.
    ///
    /// ## Example
    /// ```yaml file=config.yaml bad target=flink=2.0
    /// state.backend: rocksdb
    /// state.checkpoints.dir: s3://checkpoints/fraud
    /// ```
    ///
    /// ```java file=Job.java bad target=flink=2.0
    /// import org.apache.flink.configuration.Configuration;
    /// import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
    ///
    /// public class Job {
    ///     public static void main(String[] args) throws Exception {
    ///         Configuration conf = new Configuration();
    ///         conf.setString("state.backend", "rocksdb");
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
    /// state.backend.type: rocksdb
    /// execution.checkpointing.dir: s3://checkpoints/fraud
    /// ```
    ///
    /// ```java file=Job.java good target=flink=2.0
    /// import org.apache.flink.configuration.Configuration;
    /// import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
    ///
    /// public class Job {
    ///     public static void main(String[] args) throws Exception {
    ///         Configuration conf = new Configuration();
    ///         conf.setString("state.backend.type", "rocksdb");
    ///         StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    ///         env.fromSequence(1, 100).print();
    ///         env.execute("job");
    ///     }
    /// }
    /// ```
    ///
    /// ## How to fix
    /// Rename the key to its replacement, and keep only one of the two when both are set.
    ///
    /// ## Options
    /// None.
    ///
    /// ## References
    /// - Flink configuration (deprecated keys are listed with each option):
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/deployment/config/>
    /// - Flink 1.20 release notes (FLINK-34255, checkpointing options reorganised):
    ///   <https://nightlies.apache.org/flink/flink-docs-release-1.20/release-notes/flink-1.20/>
    /// - Flink 2.0 release notes (removed configuration options):
    ///   <https://nightlies.apache.org/flink/flink-docs-release-2.0/release-notes/flink-2.0/>
    pub DeprecatedConfigKey {
        code: "FLK018",
        name: "deprecated-config-key",
        summary: "deprecated Flink configuration key, with its replacement",
        severity: Error,
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

/// One definition of a key: a configuration entry, and whether its value is what the job
/// sets (always in a configuration file; in Java only for literals and constants).
#[derive(Clone, Copy)]
struct Definition<'e> {
    entry: &'e Entry,
    value_known: bool,
}

impl Rule for DeprecatedConfigKey {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_config(&self, file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
        let candidates = |entries: &[Entry]| {
            entries
                .iter()
                .any(|e| !e.key.starts_with(K8S_PREFIX) && !replacements(&e.key).is_empty())
        };
        let documents = file.documents();
        if !documents.iter().any(|d| candidates(d)) {
            return;
        }
        let target = cx.target_version(Product::Flink);
        for document in documents {
            let definitions: Vec<Definition<'_>> = document
                .iter()
                .map(|entry| Definition {
                    entry,
                    value_known: true,
                })
                .collect();
            check(&definitions, target, cx);
        }
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        // The deprecated keys the file writes and their replacements: the only keys whose
        // receivers are worth proving.
        let mut wanted: HashSet<String> = HashSet::new();
        for name in java_key_names(file) {
            let replaced = replacements(&name);
            if replaced.is_empty() {
                continue;
            }
            wanted.extend(replaced.into_iter().flatten().map(str::to_owned));
            wanted.insert(name);
        }
        if wanted.is_empty() {
            return;
        }
        let groups = java_keys(file, |key| wanted.contains(key));
        let target = cx.target_version(Product::Flink);
        for group in &groups {
            let definitions: Vec<Definition<'_>> = group
                .iter()
                .map(|k| Definition {
                    entry: &k.entry,
                    value_known: k.value_known,
                })
                .collect();
            check(&definitions, target, cx);
        }
    }
}

/// The replacements of `key` in the modelled Flink lines that deprecate it (`None` for a
/// line that names none); empty when no line deprecates it. A key deprecated in 1.20 and
/// removed in 2.0 counts, though the newest line no longer knows it.
fn replacements(key: &str) -> Vec<Option<&'static str>> {
    Catalog::lines(bdl_catalog::Product::Flink)
        .iter()
        .filter_map(|catalog| match catalog.lookup(key) {
            Lookup::Deprecated { replacement, .. } => Some(replacement),
            _ => None,
        })
        .collect()
}

fn check(definitions: &[Definition<'_>], target: Option<Version>, cx: &mut Ctx<'_>) {
    let catalog = match target {
        None => flink::latest(),
        Some(version) => {
            let catalog = flink::nearest(version);
            // A line older than every modelled one: the catalog does not know what it read.
            if version < catalog.line() {
                return;
            }
            catalog
        }
    };
    for definition in definitions {
        let entry = definition.entry;
        let key = entry.key.as_str();
        if key.starts_with(K8S_PREFIX) || key.contains("${") {
            continue;
        }
        let Lookup::Deprecated { replacement, since } = catalog.lookup(key) else {
            continue;
        };
        // The replacement's last definition, when both values are known and differ.
        let conflict = replacement.and_then(|new| {
            definitions
                .iter()
                .rev()
                .find(|d| d.entry.key == new)
                .filter(|d| {
                    d.value_known
                        && definition.value_known
                        && d.entry.value.trim() != entry.value.trim()
                })
                .map(|d| d.entry)
        });
        let severity = match (target, since) {
            (None, _) => Severity::Info,
            (Some(_), _) if conflict.is_some() => Severity::Error,
            (Some(version), None) if version.major < 2 => Severity::Info,
            (Some(_), _) => Severity::Warning,
        };
        let line = match target {
            Some(_) => format!("Flink {}", catalog.line()),
            None => format!("Flink {} (the target version is unknown)", catalog.line()),
        };
        let deprecated = match since {
            Some(since) => format!("deprecated since Flink {since}"),
            None => format!("deprecated in {line}"),
        };
        let Some(new) = replacement else {
            cx.report(severity, entry.key_span, format!("`{key}` is {deprecated}"))
                .help("remove the key; see the Flink configuration docs for its successor");
            continue;
        };
        match conflict {
            Some(other) => {
                cx.report(
                    severity,
                    entry.key_span,
                    format!(
                        "`{key}` is {deprecated} and its replacement `{new}` is also set, to a \
                         different value: `{}` against `{}`",
                        entry.value, other.value
                    ),
                )
                .help(format!("remove `{key}` and keep the value in `{new}`"))
                .label(other.key_span, "replacement set here");
            }
            None => {
                cx.report(
                    severity,
                    entry.key_span,
                    format!("`{key}` is {deprecated}: use `{new}`"),
                )
                .help(format!("rename the key to `{new}`"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use bdl_core::{Diagnostic, Targets};
    use bdl_syntax::{check_one, check_one_with_targets};

    use super::*;

    const RULE: DeprecatedConfigKey = DeprecatedConfigKey;

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

    fn found(version: Option<(u16, u16)>, path: &str, text: &str) -> Vec<(Severity, String)> {
        on(version, path, text)
            .into_iter()
            .map(|d| (d.severity, d.message))
            .collect()
    }

    #[test]
    fn state_backend_depends_on_the_target() {
        let text = "state.backend: rocksdb\n";
        assert_eq!(
            found(Some((2, 0)), "config.yaml", text),
            [(
                Severity::Warning,
                "`state.backend` is deprecated in Flink 2.0: use `state.backend.type`".to_owned()
            )]
        );
        assert!(found(Some((1, 17)), "flink-conf.yaml", text).is_empty());
        assert_eq!(
            found(Some((1, 18)), "flink-conf.yaml", text)[0].0,
            Severity::Info
        );
        assert_eq!(found(None, "flink-conf.yaml", text)[0].0, Severity::Info);
    }

    #[test]
    fn renamed_checkpoint_keys() {
        let text = "state.checkpoints.dir: s3://b/c\n";
        assert_eq!(
            found(Some((1, 20)), "config.yaml", text),
            [(
                Severity::Warning,
                "`state.checkpoints.dir` is deprecated since Flink 1.20: use \
                 `execution.checkpointing.dir`"
                    .to_owned()
            )]
        );
        assert!(found(Some((1, 19)), "config.yaml", text).is_empty());
        let sql = "SET 'state.checkpoints.dir' = 's3://b/c';\n";
        assert_eq!(found(Some((2, 0)), "job.sql", sql).len(), 1);
    }

    #[test]
    fn keys_deprecated_in_1_20_and_removed_in_2_0() {
        // The newest line no longer knows the key; the 1.20 one deprecates it.
        let text = "taskmanager.heap.size: 1g\n";
        assert_eq!(
            found(Some((1, 20)), "flink-conf.yaml", text),
            [(
                Severity::Info,
                "`taskmanager.heap.size` is deprecated in Flink 1.20".to_owned()
            )]
        );
        assert!(found(Some((2, 0)), "flink-conf.yaml", text).is_empty());
        let java = "import org.apache.flink.configuration.Configuration;\nclass Job { void m() {\n\
                    Configuration conf = new Configuration();\n\
                    conf.setString(\"taskmanager.heap.size\", \"1g\"); } }\n";
        assert_eq!(found(Some((1, 20)), "Job.java", java).len(), 1);
    }

    #[test]
    fn both_keys_with_different_values_are_an_error() {
        let text = "state.backend: rocksdb\nstate.backend.type: hashmap\n";
        let all = on(Some((2, 0)), "flink-conf.yaml", text);
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].severity, Severity::Error);
        assert_eq!(all[0].labels.len(), 1);
        let same = "state.backend: rocksdb\nstate.backend.type: rocksdb\n";
        assert_eq!(
            found(Some((2, 0)), "flink-conf.yaml", same)[0].0,
            Severity::Warning
        );
        // Per resource in a manifest.
        let k8s = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nspec:\n  \
                   flinkConfiguration:\n    state.backend: rocksdb\n---\n\
                   apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nspec:\n  \
                   flinkConfiguration:\n    state.backend.type: hashmap\n";
        assert_eq!(
            found(Some((2, 0)), "k8s/jobs.yaml", k8s)
                .iter()
                .map(|f| f.0)
                .collect::<Vec<_>>(),
            [Severity::Warning]
        );
    }

    fn java(imports: &str, body: &str) -> String {
        format!("{imports}public class Job {{\n  void configure() {{\n    {body}\n  }}\n}}\n")
    }

    const FLINK_CONF: &str = "import org.apache.flink.configuration.Configuration;\n";

    #[test]
    fn java_keys_on_flink_configurations() {
        let text = java(
            FLINK_CONF,
            "Configuration conf = new Configuration();\n    \
             conf.setString(\"state.backend\", \"rocksdb\");",
        );
        assert_eq!(
            found(Some((2, 0)), "Job.java", &text),
            [(
                Severity::Warning,
                "`state.backend` is deprecated in Flink 2.0: use `state.backend.type`".to_owned()
            )]
        );
        assert_eq!(found(None, "Job.java", &text)[0].0, Severity::Info);
        assert!(found(Some((1, 17)), "Job.java", &text).is_empty());
        let d = on(Some((2, 0)), "Job.java", &text);
        assert_eq!(d[0].span.slice(&text), "\"state.backend\"");
    }

    #[test]
    fn java_pairs_conflict_only_on_one_object_with_known_values() {
        let both = java(
            FLINK_CONF,
            "Configuration conf = new Configuration();\n    \
             conf.setString(\"state.backend\", \"rocksdb\");\n    \
             conf.setString(\"state.backend.type\", \"hashmap\");",
        );
        let d = on(Some((2, 0)), "Job.java", &both);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Error);
        assert_eq!(d[0].labels.len(), 1);
        let objects = java(
            FLINK_CONF,
            "Configuration a = new Configuration();\n    \
             Configuration b = new Configuration();\n    \
             a.setString(\"state.backend\", \"rocksdb\");\n    \
             b.setString(\"state.backend.type\", \"hashmap\");",
        );
        assert_eq!(
            found(Some((2, 0)), "Job.java", &objects)[0].0,
            Severity::Warning
        );
        let unknown = java(
            FLINK_CONF,
            "Configuration conf = new Configuration();\n    \
             conf.setString(\"state.backend\", backend());\n    \
             conf.setString(\"state.backend.type\", \"hashmap\");",
        );
        assert_eq!(
            found(Some((2, 0)), "Job.java", &unknown)[0].0,
            Severity::Warning
        );
        // A table configuration and its `Configuration` are one object.
        let table = java(
            "import org.apache.flink.table.api.TableEnvironment;\n",
            "TableEnvironment tEnv = make();\n    \
             tEnv.getConfig().getConfiguration().setBoolean(\"state.backend.incremental\", true);\n    \
             tEnv.getConfig().set(\"execution.checkpointing.incremental\", \"false\");",
        );
        let d = on(Some((2, 0)), "Job.java", &table);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Error);
        assert!(
            d[0].message.contains("`true` against `false`"),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn java_other_configurations_stay_silent() {
        let cases = [
            (
                "import org.apache.hadoop.conf.Configuration;\n",
                "Configuration conf = new Configuration();\n    conf.set(\"state.backend\", \"rocksdb\");",
            ),
            (
                FLINK_CONF,
                "conf().setString(\"state.backend\", \"rocksdb\");",
            ),
            (
                FLINK_CONF,
                "Configuration conf = new Configuration();\n    \
                 conf.setString(\"state.backend.type\", \"rocksdb\");",
            ),
        ];
        for (imports, body) in cases {
            let text = java(imports, body);
            for version in [Some((2, 0)), None] {
                assert!(found(version, "Job.java", &text).is_empty(), "{body}");
            }
        }
    }

    #[test]
    fn current_keys_and_comments_stay_silent() {
        let text = "state.backend.type: rocksdb\n# state.backend: rocksdb\n\
                    execution.checkpointing.dir: s3://b/c\nmetrics.reporter.prom.port: 9249\n";
        for version in [Some((2, 0)), Some((1, 20)), None] {
            assert!(
                found(version, "flink-conf.yaml", text).is_empty(),
                "{version:?}"
            );
        }
    }
}
