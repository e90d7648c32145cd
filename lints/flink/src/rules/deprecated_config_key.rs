use bdl_catalog::{Lookup, Version, flink};
use bdl_core::{Ctx, Product, RuleMeta, Severity, declare_rule};
use bdl_syntax::config::flink_k8s::K8S_PREFIX;
use bdl_syntax::{ConfigFile, Entry, Rule};

declare_rule! {
    /// ## What it does
    /// Flags a deprecated Flink configuration key and names its replacement for the targeted
    /// Flink version: `state.backend` → `state.backend.type`, `state.checkpoints.dir` →
    /// `execution.checkpointing.dir` (Flink 1.20), and the other renamed keys of the catalog
    /// (`docs/catalogs.md`). Setting both the old and the new key to different values in one
    /// configuration is an error.
    ///
    /// It reads `config.yaml`, the legacy `flink-conf.yaml`, SQL `SET` statements and the
    /// `spec.flinkConfiguration` of Kubernetes `FlinkDeployment` / `FlinkSessionJob`
    /// resources. The target version comes from `target:`, `--target` or the nearest
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
    /// Use instead:
    ///
    /// ```yaml file=config.yaml good target=flink=2.0
    /// state.backend.type: rocksdb
    /// execution.checkpointing.dir: s3://checkpoints/fraud
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
        kinds: [FlinkConf, FlinkYaml, FlinkSql, FlinkK8s],
        // Configuration files are always parsed: the words only document what is read.
        triggers: ["flinkConfiguration", "SET"],
        options: [],
    }
}

impl Rule for DeprecatedConfigKey {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_config(&self, file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
        let latest = flink::latest();
        let candidates = |entries: &[Entry]| {
            entries.iter().any(|e| {
                !e.key.starts_with(K8S_PREFIX)
                    && matches!(latest.lookup(&e.key), Lookup::Deprecated { .. })
            })
        };
        let documents = file.documents();
        if !documents.iter().any(|d| candidates(d)) {
            return;
        }
        let target = cx.target_version(Product::Flink);
        for document in documents {
            check(document, target, cx);
        }
    }
}

fn check(entries: &[Entry], target: Option<Version>, cx: &mut Ctx<'_>) {
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
    for entry in entries {
        let key = entry.key.as_str();
        if key.starts_with(K8S_PREFIX) || key.contains("${") {
            continue;
        }
        let Lookup::Deprecated { replacement, since } = catalog.lookup(key) else {
            continue;
        };
        let conflict = replacement.and_then(|new| {
            entries
                .iter()
                .rev()
                .find(|e| e.key == new)
                .filter(|e| e.value.trim() != entry.value.trim())
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
