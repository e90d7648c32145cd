use std::collections::HashSet;

use bdl_catalog::{Catalog, Lookup, Version, flink};
use bdl_core::{Ctx, Edit, Fix, Product, RuleMeta, Severity, Span, declare_rule};
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
    /// ```yaml file=config.yaml bad findings=2 target=flink=2.0
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
    /// `--fix` renames the key in place when the target version is known, the old key is a
    /// pure alias of its replacement there (Flink reads both through the same option, so the
    /// value keeps its syntax and meaning) and the replacement is a documented key of that
    /// version. Only the key's text changes: its quotes, the value, the comments and the layout
    /// around it stay as they are. In Java only the content of the string literal changes.
    /// The rename is **safe**, with these exceptions:
    /// - `state.backend: filesystem` or `jobmanager` on Flink 2.x, where these legacy names
    ///   are gone: an **unsafe** fix writes `state.backend.type: hashmap` (the state backend
    ///   both named; where checkpoints go is decided by `execution.checkpointing.storage` and
    ///   `execution.checkpointing.dir`, which the fix does not add); other values that are not
    ///   a known state backend or a factory class get no fix;
    /// - no fix when the replacement is also set in the same configuration (in Java: written
    ///   to the same object), since the rename would define it twice; the finding says so;
    /// - no fix when the old key stands for several options (`state.backend.local-recovery`,
    ///   `web.port`), or when the target version is unknown;
    /// - no fix in nested YAML when the replacement does not live under the same mapping:
    ///   `state:` / `checkpoints:` / `dir:` cannot become `execution.checkpointing.dir` by
    ///   editing one key, and moving it could clash with an `execution:` mapping elsewhere in
    ///   the file. A nested key whose replacement shares its parents is renamed in place
    ///   (`state:` / `backend: rocksdb` becomes `state:` / `backend.type: rocksdb`, which
    ///   Flink reads as `state.backend.type`);
    /// - no fix when the key is not written as one plain text (a Java constant or
    ///   concatenation, a YAML key with escapes, a Helm template).
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
        fix: Sometimes,
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
            check(&definitions, target, Written::Config(file.text), cx);
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
            check(&definitions, target, Written::Java(file.text()), cx);
        }
    }
}

/// The text the keys are written in, and how: as configuration keys (whose spans cover the
/// key as written, without quotes) or as Java string literals (whose spans include them).
#[derive(Clone, Copy)]
enum Written<'t> {
    Config(&'t str),
    Java(&'t str),
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

fn check(
    definitions: &[Definition<'_>],
    target: Option<Version>,
    written: Written<'_>,
    cx: &mut Ctx<'_>,
) {
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
        // Both keys set to the same value (or to values not both known).
        let also_set = conflict.is_none() && definitions.iter().any(|d| d.entry.key == new);
        match conflict {
            _ if also_set => {
                cx.report(
                    severity,
                    entry.key_span,
                    format!(
                        "`{key}` is {deprecated}: use `{new}`, which is also set here, so a \
                         rename would define it twice"
                    ),
                )
                .help(format!("remove `{key}` and keep `{new}`"));
            }
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
                let fix = target.and_then(|version| {
                    rename(definition, new, catalog, version, written)
                        .and_then(|fix| fix.checked(written.text()))
                });
                let mut reported = cx.report(
                    severity,
                    entry.key_span,
                    format!("`{key}` is {deprecated}: use `{new}`"),
                );
                reported.help(format!("rename the key to `{new}`"));
                if let Some(fix) = fix {
                    reported.fix(fix);
                }
            }
        }
    }
}

impl<'t> Written<'t> {
    fn text(self) -> &'t str {
        match self {
            Self::Config(text) | Self::Java(text) => text,
        }
    }

    /// The span of `content` as written at `span`: the span itself for a configuration key
    /// written exactly so, the inside of the quotes for a Java string literal written
    /// `"content"`. `None` when the text there is anything else (a constant, a concatenation,
    /// escapes, a template).
    fn plain(self, span: Span, content: &str) -> Option<Span> {
        let written = self.text().get(span.start..span.end)?;
        match self {
            Self::Config(_) => (written == content).then_some(span),
            Self::Java(_) => {
                let inner = written.strip_prefix('"')?.strip_suffix('"')?;
                (inner == content).then(|| Span::new(span.start + 1, span.end - 1))
            }
        }
    }
}

/// The state backends Flink 2.x loads by name; any other name is a factory class.
const STATE_BACKENDS_2: &[&str] = &["hashmap", "rocksdb", "forst"];

/// The legacy state backend names Flink 1.x still read and Flink 2.0 no longer does: both
/// named the heap state backend, now `hashmap`.
const LEGACY_STATE_BACKENDS: &[&str] = &["filesystem", "jobmanager"];

/// The fix that renames `definition`'s key to `new` in place, when the old key is a pure alias
/// of `new` in the target line and the key is written so that one edit renames it.
fn rename(
    definition: &Definition<'_>,
    new: &str,
    catalog: &Catalog,
    version: Version,
    written: Written<'_>,
) -> Option<Fix> {
    let entry = definition.entry;
    let key = entry.key.as_str();
    // A pure alias: the old key stands for exactly this option, which the line documents.
    if catalog.alias_targets(key) != [new] || !matches!(catalog.lookup(new), Lookup::Known(_)) {
        return None;
    }
    if !new
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
    {
        return None;
    }
    // The key as written: the whole key, or in nested YAML its innermost part. The rename
    // keeps the parents, so the replacement must live under the same ones.
    let (key_span, written_key) = match written {
        Written::Config(text) => (
            entry.key_span,
            text.get(entry.key_span.start..entry.key_span.end)?,
        ),
        Written::Java(_) => (written.plain(entry.key_span, key)?, key),
    };
    let parents = key.strip_suffix(written_key)?;
    if !(parents.is_empty() || parents.ends_with('.')) {
        return None;
    }
    let new_written = new.strip_prefix(parents)?;
    if new_written.is_empty() {
        return None;
    }
    let rename_key = Edit::replace(key_span, new_written);
    if key != "state.backend" {
        return Some(Fix::safe(
            format!("rename `{key}` to `{new}`"),
            vec![rename_key],
        ));
    }
    let value = entry.value.trim();
    let lower = value.to_ascii_lowercase();
    if version.major >= 2 && LEGACY_STATE_BACKENDS.contains(&lower.as_str()) {
        if !definition.value_known {
            return None;
        }
        let value_span = written.plain(entry.value_span, &entry.value)?;
        return Some(Fix::unsafe_fix(
            format!(
                "rename `{key}` to `{new}` and write `hashmap` for `{value}`: Flink 2 no longer \
                 knows `{value}`, which named the heap state backend; where checkpoints go now \
                 follows `execution.checkpointing.storage` and `execution.checkpointing.dir`"
            ),
            vec![rename_key, Edit::replace(value_span, "hashmap")],
        ));
    }
    let known = STATE_BACKENDS_2.contains(&lower.as_str())
        || (version.major < 2 && LEGACY_STATE_BACKENDS.contains(&lower.as_str()))
        // A factory class.
        || (value.contains('.') && !value.contains(char::is_whitespace) && !value.contains("${"));
    (definition.value_known && known)
        .then(|| Fix::safe(format!("rename `{key}` to `{new}`"), vec![rename_key]))
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

    /// `text` fixed on `version` (`--fix`, or `--fix --unsafe-fixes`), checked to be a fixed
    /// point that parses as well as before, and to leave no FLK018 or FLK020 finding for `new`.
    fn fixed(version: (u16, u16), path: &str, text: &str, unsafe_fixes: bool, new: &str) -> String {
        static UNKNOWN: crate::rules::unknown_config_key::UnknownConfigKey =
            crate::rules::unknown_config_key::UnknownConfigKey;
        let targets = Targets::NONE.with(Product::Flink, Version::new(version.0, version.1));
        let (once, left) = bdl_syntax::fix::fixed_point(&RULE, path, text, &targets, unsafe_fixes)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            !left
                .iter()
                .any(|d| d.message.contains(&format!("use `{new}`"))),
            "{left:?}"
        );
        let unknown = check_one_with_targets(&UNKNOWN, path, &once, &targets);
        assert!(
            !unknown.iter().any(|d| d
                .span
                .slice(&once)
                .contains(new.rsplit('.').next().unwrap_or(new))),
            "{unknown:?}"
        );
        once
    }

    #[test]
    fn renames_in_flink_conf_keeping_comments_and_layout() {
        let text = "# checkpoints\nstate.checkpoints.dir:   s3://b/cp   # shared bucket\n\
                    state.backend: rocksdb\nparallelism.default: 4\n";
        assert_eq!(
            fixed(
                (2, 0),
                "flink-conf.yaml",
                text,
                false,
                "execution.checkpointing.dir"
            ),
            "# checkpoints\nexecution.checkpointing.dir:   s3://b/cp   # shared bucket\n\
             state.backend.type: rocksdb\nparallelism.default: 4\n"
        );
        let d = on(Some((2, 0)), "flink-conf.yaml", text);
        assert!(d.iter().all(|d| {
            d.fix
                .as_ref()
                .is_some_and(|f| f.applicability == bdl_core::Applicability::Safe)
        }));
    }

    #[test]
    fn renames_flat_and_nested_config_yaml() {
        let flat =
            "state.savepoints.dir: \"s3://b/sp\" # keep\n'state.backend.incremental': true\n";
        assert_eq!(
            fixed(
                (2, 0),
                "config.yaml",
                flat,
                false,
                "execution.checkpointing.savepoint-dir"
            ),
            "execution.checkpointing.savepoint-dir: \"s3://b/sp\" # keep\n\
             'execution.checkpointing.incremental': true\n"
        );
        // The replacement shares the parents: the innermost key is renamed in place. It does
        // not: no fix, the finding stays.
        let nested =
            "state:\n  # the backend\n  backend: rocksdb\n  checkpoints:\n    dir: s3://b/cp\n";
        let out = fixed((2, 0), "config.yaml", nested, false, "state.backend.type");
        assert_eq!(
            out,
            "state:\n  # the backend\n  backend.type: rocksdb\n  checkpoints:\n    dir: s3://b/cp\n"
        );
        let left = on(Some((2, 0)), "config.yaml", &out);
        assert_eq!(left.len(), 1);
        assert!(left[0].message.contains("state.checkpoints.dir"));
        assert!(left[0].fix.is_none());
        // Flink (and bigdata-lint) read the renamed nested key as the new dotted key.
        let file = bdl_syntax::ConfigFile::parse(bdl_core::FileKind::FlinkYaml, &out);
        assert!(
            file.get("state.backend.type")
                .is_some_and(|e| e.value == "rocksdb")
        );
        // A dotted key inside a mapping: the part written is renamed.
        let dotted = "restart-strategy:\n  fixed-delay.attempts: 3\nstate:\n  backend: hashmap\n";
        assert!(
            fixed((2, 0), "config.yaml", dotted, false, "state.backend.type")
                .contains("  backend.type: hashmap\n")
        );
    }

    #[test]
    fn renames_sql_set_statements() {
        let text = "-- session\nSET 'state.checkpoints.num-retained' = '3';\n\
                    SET 'table.exec.source.idle-timeout' = '1 min';\nSELECT 1;\n";
        assert_eq!(
            fixed(
                (2, 0),
                "job.sql",
                text,
                false,
                "execution.checkpointing.num-retained"
            ),
            "-- session\nSET 'execution.checkpointing.num-retained' = '3';\n\
             SET 'table.exec.source.idle-timeout' = '1 min';\nSELECT 1;\n"
        );
    }

    #[test]
    fn renames_flink_deployment_configuration() {
        let text = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nspec:\n  \
                    flinkConfiguration:\n    \"state.backend.incremental\": \"true\" # on\n    \
                    state.checkpoints.dir: s3://b/cp\n  jobManager:\n    replicas: 1\n";
        assert_eq!(
            fixed(
                (2, 0),
                "k8s/job.yaml",
                text,
                false,
                "execution.checkpointing.dir"
            ),
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nspec:\n  \
             flinkConfiguration:\n    \"execution.checkpointing.incremental\": \"true\" # on\n    \
             execution.checkpointing.dir: s3://b/cp\n  jobManager:\n    replicas: 1\n"
        );
        // Nested under `flinkConfiguration` (newer operators) as in config.yaml.
        let nested = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nspec:\n  \
                      flinkConfiguration:\n    state:\n      backend: rocksdb\n";
        assert!(
            fixed((2, 0), "k8s/job.yaml", nested, false, "state.backend.type")
                .ends_with("    state:\n      backend.type: rocksdb\n")
        );
    }

    #[test]
    fn renames_only_the_java_string_literal() {
        let text = java(
            FLINK_CONF,
            "Configuration conf = new Configuration();\n    \
             conf.setString(\"state.savepoints.dir\", \"s3://b/sp\"); // savepoints\n    \
             conf.setString(KEY, \"x\");",
        );
        let out = fixed(
            (2, 0),
            "Job.java",
            &text,
            false,
            "execution.checkpointing.savepoint-dir",
        );
        assert_eq!(
            out,
            text.replace(
                "\"state.savepoints.dir\"",
                "\"execution.checkpointing.savepoint-dir\""
            )
        );
        // A constant or a concatenation is not renamed.
        let concat = java(
            FLINK_CONF,
            "Configuration conf = new Configuration();\n    \
             conf.setString(\"state.\" + \"savepoints.dir\", \"s3://b/sp\");",
        );
        for d in on(Some((2, 0)), "Job.java", &concat) {
            assert!(d.fix.is_none());
        }
    }

    #[test]
    fn no_fix_when_the_replacement_is_also_set() {
        let text = "state.backend: rocksdb\nstate.backend.type: rocksdb\n";
        let d = on(Some((2, 0)), "flink-conf.yaml", text);
        assert_eq!(d.len(), 1);
        assert!(d[0].fix.is_none());
        assert!(d[0].message.contains("also set here"), "{}", d[0].message);
        assert_eq!(
            bdl_syntax::fix::fix_one_with_targets(
                &RULE,
                "flink-conf.yaml",
                text,
                &Targets::NONE.with(Product::Flink, Version::new(2, 0)),
                true
            )
            .0,
            text
        );
        let java_both = java(
            FLINK_CONF,
            "Configuration conf = new Configuration();\n    \
             conf.setString(\"state.backend\", \"rocksdb\");\n    \
             conf.setString(\"state.backend.type\", \"rocksdb\");",
        );
        let d = on(Some((2, 0)), "Job.java", &java_both);
        assert!(d[0].fix.is_none());
    }

    #[test]
    fn no_fix_without_a_known_target_or_for_split_keys() {
        let text = "state.checkpoints.dir: s3://b/cp\n";
        assert!(on(None, "flink-conf.yaml", text)[0].fix.is_none());
        // One old key, two options: renaming to one of them would drop the other.
        let split = "state.backend.local-recovery: true\n";
        let d = on(Some((2, 0)), "flink-conf.yaml", split);
        assert_eq!(d.len(), 1);
        assert!(d[0].fix.is_none());
    }

    #[test]
    fn legacy_state_backend_names_need_a_value_rewrite_on_flink_2() {
        let text = "state.backend: filesystem # heap\n";
        let d = on(Some((2, 0)), "flink-conf.yaml", text);
        let fix = d[0].fix.as_ref().expect("a fix");
        assert_eq!(fix.applicability, bdl_core::Applicability::Unsafe);
        assert!(fix.message.contains("hashmap"));
        // Only with --unsafe-fixes.
        assert_eq!(
            fixed((2, 0), "flink-conf.yaml", text, false, "nothing.to.check"),
            text
        );
        assert_eq!(
            fixed((2, 0), "flink-conf.yaml", text, true, "state.backend.type"),
            "state.backend.type: hashmap # heap\n"
        );
        // 1.20 still reads `filesystem` through either key: a plain rename.
        let d = on(Some((1, 20)), "flink-conf.yaml", text);
        assert_eq!(
            d[0].fix.as_ref().map(|f| f.applicability),
            Some(bdl_core::Applicability::Safe)
        );
        // A name no version knows: no fix.
        assert!(
            on(Some((2, 0)), "flink-conf.yaml", "state.backend: memory\n")[0]
                .fix
                .is_none()
        );
        let class = "state.backend: com.acme.MyStateBackendFactory\n";
        assert!(on(Some((2, 0)), "flink-conf.yaml", class)[0].fix.is_some());
    }
}
