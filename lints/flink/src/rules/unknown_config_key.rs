use bdl_catalog::{Catalog, Lookup, flink};
use bdl_core::{Ctx, Product, RuleMeta, Severity, declare_rule};
use bdl_syntax::Entry;
use bdl_syntax::config::flink_k8s::K8S_PREFIX;
use bdl_syntax::{ConfigFile, Rule};

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
    /// Use instead:
    ///
    /// ```yaml file=config.yaml good target=flink=2.0
    /// execution:
    ///   checkpointing:
    ///     interval: 30s
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
        kinds: [FlinkConf, FlinkYaml, FlinkSql, FlinkK8s],
        // Configuration files are always parsed: the words only document what is read.
        triggers: ["flinkConfiguration", "SET"],
        options: [],
    }
}

impl Rule for UnknownConfigKey {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
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
