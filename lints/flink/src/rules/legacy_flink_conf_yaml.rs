use std::path::Path;

use bdl_core::{Ctx, Product, RuleMeta, Severity, Span, declare_rule};
use bdl_syntax::{ConfigFile, Rule};

declare_rule! {
    /// ## What it does
    /// Flags a legacy `flink-conf.yaml`:
    /// - in a project that targets Flink 2.x, an error: Flink 2.0 no longer reads it;
    /// - on Flink 1.19 or 1.20, when a `config.yaml` sits in the same directory, a warning:
    ///   Flink reads `flink-conf.yaml` and ignores `config.yaml`;
    /// - with an unknown target, nothing.
    ///
    /// The target version comes from `target:`, `--target` or the nearest `pom.xml` / Gradle
    /// build (see `docs/target-versions.md`). Flink 1.18 and older read only
    /// `flink-conf.yaml`: nothing is reported there. The sibling `config.yaml` is looked up
    /// next to the file as it was named on the command line.
    ///
    /// ## Why is this bad?
    /// Flink 1.19 introduced `config.yaml`, a standard YAML file, and deprecated
    /// `flink-conf.yaml`. Flink 2.0 removed support for the old file: a cluster started with
    /// only a `flink-conf.yaml` runs with default settings, without a word about the file. On
    /// 1.19 and 1.20 the old file still wins when both exist, so edits to `config.yaml` have
    /// no effect.
    ///
    /// ## Example
    /// ```yaml file=flink-conf.yaml bad target=flink=2.0
    /// taskmanager.numberOfTaskSlots: 4
    /// execution.checkpointing.interval: 1min
    /// ```
    ///
    /// Use instead:
    ///
    /// ```yaml file=config.yaml good target=flink=2.0
    /// taskmanager:
    ///   numberOfTaskSlots: 4
    /// execution:
    ///   checkpointing:
    ///     interval: 1min
    /// ```
    ///
    /// ## How to fix
    /// Convert the file to `config.yaml` with `bigdata-lint migrate-config flink-conf.yaml
    /// --write` (nested keys, deprecated keys renamed, removed keys left out as comments; see
    /// [migrate-config](../migrate-config.md)) or Flink's own `bin/migrate-config-file.sh`
    /// (1.19 and later; it converts only the format), check the result, and delete
    /// `flink-conf.yaml`.
    ///
    /// ## Options
    /// None.
    ///
    /// ## References
    /// - Flink configuration, Flink configuration file (`config.yaml`, migrating from
    ///   `flink-conf.yaml`):
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/deployment/config/#flink-configuration-file>
    /// - Flink 1.19 release notes (FLINK-33297, the new `config.yaml`):
    ///   <https://nightlies.apache.org/flink/flink-docs-release-1.19/release-notes/flink-1.19/>
    /// - Flink 2.0 release notes (`flink-conf.yaml` no longer supported):
    ///   <https://nightlies.apache.org/flink/flink-docs-release-2.0/release-notes/flink-2.0/>
    pub LegacyFlinkConfYaml {
        code: "FLK019",
        name: "legacy-flink-conf-yaml",
        summary: "legacy flink-conf.yaml that Flink 2.x ignores or that shadows config.yaml",
        severity: Error,
        kinds: [FlinkConf],
        // Configuration files are always parsed: the word only documents what is read.
        triggers: ["flink-conf"],
        options: [],
    }
}

impl Rule for LegacyFlinkConfYaml {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_config(&self, file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
        let target = cx.target_version(Product::Flink);
        let path = Path::new(cx.path());
        let first_line = Span::new(0, file.text.find('\n').unwrap_or(file.text.len()));
        if let Some(version) = target
            && version.major >= 2
        {
            cx.report(
                Severity::Error,
                first_line,
                format!(
                    "`flink-conf.yaml` is not read by Flink {version}: the cluster runs without \
                     these settings"
                ),
            )
            .help(
                "convert it with `bigdata-lint migrate-config flink-conf.yaml --write`, check the \
                 new `config.yaml`, and delete this file",
            );
            return;
        }
        // Unknown target: on 1.18 and older only `flink-conf.yaml` exists, on 2.x only
        // `config.yaml` is read; whether the legacy file wins is not known, so nothing is said.
        let Some(version) = target.filter(|v| v.major == 1 && v.minor >= 19) else {
            return;
        };
        if !has_sibling_config_yaml(path) {
            return;
        }
        let line = format!("Flink {version}");
        cx.report(
            Severity::Warning,
            first_line,
            format!(
                "`flink-conf.yaml` and `config.yaml` are in one directory: {line} reads \
                 `flink-conf.yaml` and ignores `config.yaml`"
            ),
        )
        .help(
            "merge the settings into `config.yaml` (`bigdata-lint migrate-config flink-conf.yaml` \
             prints them in its format) and delete `flink-conf.yaml`",
        );
    }
}

/// Whether a `config.yaml` sits next to the legacy file (a file, not a directory).
fn has_sibling_config_yaml(path: &Path) -> bool {
    let named = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
        n.eq_ignore_ascii_case("flink-conf.yaml") || n.eq_ignore_ascii_case("flink-conf.yml")
    });
    if !named {
        return false;
    }
    let dir = path.parent().unwrap_or(Path::new(""));
    ["config.yaml", "config.yml"]
        .iter()
        .any(|name| dir.join(name).is_file())
}

#[cfg(test)]
mod tests {
    use bdl_catalog::Version;
    use bdl_core::{Diagnostic, Targets};
    use bdl_syntax::{check_one, check_one_with_targets};

    use super::*;

    const RULE: LegacyFlinkConfYaml = LegacyFlinkConfYaml;

    fn on(version: Option<(u16, u16)>, path: &str) -> Vec<Diagnostic> {
        let text = "taskmanager.numberOfTaskSlots: 4\n";
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

    #[test]
    fn flink_2_does_not_read_the_file() {
        let found = on(Some((2, 0)), "conf/flink-conf.yaml");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(
            found[0].message,
            "`flink-conf.yaml` is not read by Flink 2.0: the cluster runs without these settings"
        );
        assert!(on(Some((1, 20)), "conf/flink-conf.yaml").is_empty());
        assert!(on(Some((1, 18)), "conf/flink-conf.yaml").is_empty());
        assert!(on(None, "conf/flink-conf.yaml").is_empty());
    }

    #[test]
    fn a_sibling_config_yaml_is_shadowed_on_1_19_and_1_20() {
        let dir = std::env::temp_dir().join(format!("bdl-flk019-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        std::fs::write(dir.join("config.yaml"), "a: 1\n").expect("write");
        let path = dir.join("flink-conf.yaml");
        let path = path.to_str().expect("utf-8 temp dir");
        let severities = |v| on(v, path).iter().map(|d| d.severity).collect::<Vec<_>>();
        assert_eq!(severities(Some((1, 20))), [Severity::Warning]);
        assert_eq!(severities(Some((1, 19))), [Severity::Warning]);
        assert!(severities(None).is_empty());
        assert!(severities(Some((1, 18))).is_empty());
        assert_eq!(severities(Some((2, 1))), [Severity::Error]);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
