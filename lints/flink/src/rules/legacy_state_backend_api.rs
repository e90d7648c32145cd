use bdl_core::{Ctx, RuleMeta, Severity, Span, TestSources, declare_rule};
use bdl_syntax::config::flink_k8s::Resource;
use bdl_syntax::java::scope;
use bdl_syntax::{ConfigFile, JavaFile, Rule};
use tree_sitter::Node;

use crate::settings::{Occurrence, STATE_BACKEND, Settings, Value};

declare_rule! {
    /// ## What it does
    /// Flags the state backend API that Flink 2.0 removed:
    /// - the classes `org.apache.flink.runtime.state.memory.MemoryStateBackend`,
    ///   `org.apache.flink.runtime.state.filesystem.FsStateBackend` (both removed in 2.0) and
    ///   `org.apache.flink.contrib.streaming.state.RocksDBStateBackend` (deprecated since 1.13;
    ///   2.x has only `org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend`), found by
    ///   their import (reported once, at the import), or by a fully qualified name or a
    ///   wildcard import of their package (reported at each `new`);
    /// - the old state backend names `jobmanager` and `filesystem` in `state.backend.type` (or
    ///   the older `state.backend`), in `flink-conf.yaml`, `config.yaml`, SQL `SET` statements,
    ///   Kubernetes `FlinkDeployment` / `FlinkSessionJob` resources and Java configuration
    ///   writes; and `memory`, which no Flink release accepts as a name (it is loaded as a
    ///   factory class and fails).
    ///
    /// A class of the same simple name from another package (`com.example.FsStateBackend`) is
    /// not reported.
    ///
    /// ## Why is this bad?
    /// Flink 1.13 split the state backend (where working state lives: `HashMapStateBackend`,
    /// `EmbeddedRocksDBStateBackend`) from the checkpoint storage (where checkpoints go:
    /// `execution.checkpointing.dir`, `FileSystemCheckpointStorage`). The old classes mixed
    /// both; they were deprecated then, and `MemoryStateBackend`, `FsStateBackend` and the
    /// `jobmanager` / `filesystem` names are gone in Flink 2.0: such a job no longer compiles,
    /// such a configuration no longer starts.
    ///
    /// The finding is a warning; it is an error when the project targets Flink 2.0 or later
    /// (`target: {flink: "2.0"}`, `--target flink=2.0`, or `flink.version` in the nearest
    /// `pom.xml` / Gradle build: see target versions), and in a `FlinkDeployment` whose
    /// `spec.flinkVersion` is `v2_0` or later.
    ///
    /// ## Example
    /// ```yaml file=flink-conf.yaml bad
    /// state.backend: filesystem
    /// state.checkpoints.dir: s3://flink-state/checkpoints
    /// ```
    ///
    /// ```java file=Job.java bad
    /// import org.apache.flink.runtime.state.filesystem.FsStateBackend;
    /// import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
    ///
    /// public class Job {
    ///     public static void main(String[] args) throws Exception {
    ///         StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    ///         env.setStateBackend(new FsStateBackend("s3://flink-state/checkpoints"));
    ///         env.fromSequence(1, 100).print();
    ///         env.execute("job");
    ///     }
    /// }
    /// ```
    ///
    /// Use instead:
    ///
    /// ```yaml file=flink-conf.yaml good
    /// state.backend.type: hashmap
    /// execution.checkpointing.dir: s3://flink-state/checkpoints
    /// ```
    ///
    /// ```java file=Job.java good
    /// import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
    /// import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
    ///
    /// public class Job {
    ///     public static void main(String[] args) throws Exception {
    ///         StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    ///         env.setStateBackend(new HashMapStateBackend());
    ///         env.getCheckpointConfig().setCheckpointStorage("s3://flink-state/checkpoints");
    ///         env.fromSequence(1, 100).print();
    ///         env.execute("job");
    ///     }
    /// }
    /// ```
    ///
    /// ## How to fix
    /// - `MemoryStateBackend` / `jobmanager`: `HashMapStateBackend` (`state.backend.type:
    ///   hashmap`), with checkpoints in `execution.checkpointing.dir` on a shared file system.
    /// - `FsStateBackend` / `filesystem`: `HashMapStateBackend` plus `FileSystemCheckpointStorage`
    ///   (`execution.checkpointing.dir`).
    /// - `RocksDBStateBackend`: `EmbeddedRocksDBStateBackend` (`state.backend.type: rocksdb`),
    ///   plus `execution.checkpointing.dir`.
    ///
    /// Savepoints taken with the old classes restore into the new ones.
    ///
    /// ## Options
    /// - `lint-test-sources` (boolean, default `false`): also lint test sources (`src/test/**`,
    ///   `*Test.java`, `*IT.java`, `*ITCase.java`).
    ///
    /// ## References
    /// - Flink docs, State backends (migrating from the legacy backends):
    ///   <https://nightlies.apache.org/flink/flink-docs-release-1.20/docs/ops/state/state_backends/#migrating-from-legacy-backends>
    /// - Flink 2.0 release notes (removed APIs and configuration):
    ///   <https://nightlies.apache.org/flink/flink-docs-release-2.0/release-notes/flink-2.0/>
    /// - Flink configuration, Checkpoints and State Backends (`state.backend.type`):
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/deployment/config/#checkpoints-and-state-backends>
    pub LegacyStateBackendApi {
        code: "FLK011",
        name: "legacy-state-backend-api",
        summary: "state backend classes or names removed in Flink 2.0",
        severity: Error,
        kinds: [Java, FlinkConf, FlinkYaml, FlinkSql, FlinkK8s],
        triggers: [
            "MemoryStateBackend",
            "FsStateBackend",
            "RocksDBStateBackend",
            "state.backend",
            "STATE_BACKEND",
        ],
        options: [TestSources::SKIP_BY_DEFAULT],
    }
}

/// A legacy class, its fully qualified name and what replaces it.
struct Legacy {
    class: &'static str,
    fqn: &'static str,
    status: &'static str,
    replacement: &'static str,
}

const LEGACY_CLASSES: &[Legacy] = &[
    Legacy {
        class: "MemoryStateBackend",
        fqn: "org.apache.flink.runtime.state.memory.MemoryStateBackend",
        status: "deprecated and removed in Flink 2.0",
        replacement: "use `HashMapStateBackend`, with checkpoints in `execution.checkpointing.dir` \
                      (`FileSystemCheckpointStorage`) on a shared file system",
    },
    Legacy {
        class: "FsStateBackend",
        fqn: "org.apache.flink.runtime.state.filesystem.FsStateBackend",
        status: "deprecated and removed in Flink 2.0",
        replacement: "use `HashMapStateBackend` plus `FileSystemCheckpointStorage` \
                      (or `execution.checkpointing.dir`) for the checkpoint directory",
    },
    Legacy {
        class: "RocksDBStateBackend",
        fqn: "org.apache.flink.contrib.streaming.state.RocksDBStateBackend",
        status: "deprecated, and Flink 2.x has only `org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend`",
        replacement: "use `EmbeddedRocksDBStateBackend`, with the checkpoint directory in \
                      `execution.checkpointing.dir` (`FileSystemCheckpointStorage`)",
    },
];

impl Rule for LegacyStateBackendApi {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        for legacy in LEGACY_CLASSES {
            java_class(file, legacy, cx);
        }
        let found = Settings::java(file, &[&STATE_BACKEND]);
        for backend in found.in_effect(&STATE_BACKEND) {
            let severity = severity_for(cx, false);
            legacy_name(backend, severity, cx);
        }
    }

    fn check_config(&self, file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
        let found = Settings::config(file, &[&STATE_BACKEND]);
        let documents = file.documents();
        for backend in found.in_effect(&STATE_BACKEND) {
            let flink2 = documents
                .get(backend.scope)
                .and_then(|entries| Resource::new(entries))
                .and_then(|r| r.flink_version())
                .is_some_and(|v| at_least_2(&v.value));
            let severity = severity_for(cx, flink2);
            legacy_name(backend, severity, cx);
        }
    }
}

/// An error when the file says it runs on Flink 2.0 or later (`flink2`), or the project's
/// target version is 2.0 or later; a warning otherwise (1.x, where the API is only deprecated,
/// or an unknown version).
fn severity_for(cx: &Ctx<'_>, flink2: bool) -> Severity {
    let targets_2 = cx
        .target_version(bdl_core::Product::Flink)
        .is_some_and(|v| v.major >= 2);
    if flink2 || targets_2 {
        Severity::Error
    } else {
        Severity::Warning
    }
}

/// Whether an operator `spec.flinkVersion` (`v1_20`, `v2_0`) is Flink 2.0 or later.
fn at_least_2(version: &str) -> bool {
    version
        .strip_prefix('v')
        .and_then(|v| v.split('_').next())
        .and_then(|major| major.parse::<u32>().ok())
        .is_some_and(|major| major >= 2)
}

/// The import of `legacy` (once), or each `new` of it by its qualified name or through a
/// wildcard import of its package.
fn java_class(file: &JavaFile<'_>, legacy: &Legacy, cx: &mut Ctx<'_>) {
    let Some((package, _)) = legacy.fqn.rsplit_once('.') else {
        return;
    };
    let mut wildcard = false;
    for import in file.nodes_of_kind("import_declaration") {
        let text: String = file
            .text_of(import)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let Some(name) = text
            .strip_prefix("import")
            .and_then(|t| t.strip_suffix(';'))
        else {
            continue;
        };
        if name == legacy.fqn {
            let span = name_span(import).unwrap_or_else(|| JavaFile::span_of(import));
            report_class(cx, span, legacy, "imported");
            return;
        }
        if name.strip_suffix(".*") == Some(package) {
            wildcard = true;
        }
    }
    for creation in file.nodes_of_kind("object_creation_expression") {
        let Some(ty) = creation.child_by_field_name("type") else {
            continue;
        };
        let written: String = file
            .text_of(ty)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let qualified = written == legacy.fqn;
        let by_wildcard = wildcard && scope::simple_type_name(&written) == legacy.class;
        if qualified || by_wildcard {
            report_class(cx, JavaFile::span_of(creation), legacy, "created");
        }
    }
}

/// The span of the imported name (without `import` and `;`).
fn name_span(import: Node<'_>) -> Option<Span> {
    let mut cursor = import.walk();
    let name = import
        .named_children(&mut cursor)
        .find(|c| matches!(c.kind(), "scoped_identifier" | "identifier"))?;
    Some(JavaFile::span_of(name))
}

fn report_class(cx: &mut Ctx<'_>, span: Span, legacy: &Legacy, how: &str) {
    let severity = severity_for(cx, false);
    cx.report(
        severity,
        span,
        format!(
            "`{}` is {how} here: the class is {}",
            legacy.class, legacy.status
        ),
    )
    .help(legacy.replacement);
}

/// `state.backend.type: filesystem | jobmanager | memory`.
fn legacy_name(backend: &Occurrence, severity: Severity, cx: &mut Ctx<'_>) {
    let Some(value) = backend.value.as_ref().and_then(Value::text) else {
        return;
    };
    let key = backend.origin.key().unwrap_or(STATE_BACKEND.key);
    let (message, help) = if value.eq_ignore_ascii_case("jobmanager") {
        (
            format!(
                "`{key}: {value}` is the legacy `MemoryStateBackend`, deprecated and removed in \
                 Flink 2.0"
            ),
            "use `state.backend.type: hashmap` and set `execution.checkpointing.dir` to a shared \
             file system",
        )
    } else if value.eq_ignore_ascii_case("filesystem") {
        (
            format!(
                "`{key}: {value}` is the legacy `FsStateBackend`, deprecated and removed in \
                 Flink 2.0"
            ),
            "use `state.backend.type: hashmap` with `execution.checkpointing.dir` for the \
             checkpoints",
        )
    } else if value.eq_ignore_ascii_case("memory") {
        (
            format!(
                "`{key}: {value}` is not a state backend name: Flink loads it as a factory \
                 class and fails to start"
            ),
            "use `state.backend.type: hashmap` and set `execution.checkpointing.dir` to a shared \
             file system",
        )
    } else {
        return;
    };
    cx.report(severity, backend.span, message).help(help);
}

#[cfg(test)]
mod tests {
    use bdl_syntax::check_one;

    use super::*;

    const RULE: LegacyStateBackendApi = LegacyStateBackendApi;

    fn found(name: &str, text: &str) -> Vec<(Severity, String)> {
        check_one(&RULE, name, text)
            .iter()
            .map(|d| (d.severity, d.span.slice(text).to_owned()))
            .collect()
    }

    #[test]
    fn a_flink_2_target_makes_every_finding_an_error() {
        use bdl_core::{Product, Targets, Version};
        let conf = "state.backend: filesystem\n";
        let java = "import org.apache.flink.runtime.state.filesystem.FsStateBackend;\n\
                    class Job {}\n";
        for (name, text) in [("flink-conf.yaml", conf), ("Job.java", java)] {
            let on = |major| {
                bdl_syntax::check_one_with_targets(
                    &RULE,
                    name,
                    text,
                    &Targets::NONE.with(Product::Flink, Version::new(major, 0)),
                )
                .iter()
                .map(|d| d.severity)
                .collect::<Vec<_>>()
            };
            assert_eq!(on(2), [Severity::Error], "{name}");
            assert_eq!(on(1), [Severity::Warning], "{name}");
        }
    }

    fn spans(name: &str, text: &str) -> Vec<String> {
        found(name, text).into_iter().map(|(_, s)| s).collect()
    }

    #[test]
    fn triggers_cover_every_way_to_set_the_backend() {
        let missing = crate::settings::missing_triggers(
            LegacyStateBackendApi::META.triggers,
            &[&STATE_BACKEND],
        );
        assert!(missing.is_empty(), "{missing:?}");
    }

    #[test]
    fn legacy_names_in_configuration() {
        assert_eq!(
            spans("flink-conf.yaml", "state.backend: filesystem\n"),
            ["filesystem"]
        );
        assert_eq!(
            spans("config.yaml", "state:\n  backend:\n    type: JobManager\n"),
            ["JobManager"]
        );
        assert_eq!(
            spans("job.sql", "SET 'state.backend' = 'memory';\n"),
            ["memory"]
        );
        for (name, text) in [
            ("flink-conf.yaml", "state.backend: rocksdb\n"),
            ("flink-conf.yaml", "state.backend.type: hashmap\n"),
            (
                "flink-conf.yaml",
                "execution.checkpointing.storage: filesystem\n",
            ),
            ("flink-conf.yaml", "# state.backend: filesystem\n"),
            // Only the effective definition counts.
            (
                "flink-conf.yaml",
                "state.backend: filesystem\nstate.backend.type: hashmap\n",
            ),
        ] {
            assert!(spans(name, text).is_empty(), "{name}: {text}");
        }
    }

    #[test]
    fn flink_2_deployments_are_errors() {
        let manifest = |version: &str| {
            format!(
                "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nspec:\n  \
                 flinkVersion: {version}\n  flinkConfiguration:\n    state.backend: filesystem\n"
            )
        };
        assert_eq!(
            found("k8s/job.yaml", &manifest("v2_0")),
            [(Severity::Error, "filesystem".to_owned())]
        );
        assert_eq!(
            found("k8s/job.yaml", &manifest("v1_20")),
            [(Severity::Warning, "filesystem".to_owned())]
        );
        assert!(at_least_2("v2_1") && !at_least_2("v1_9") && !at_least_2("_"));
    }

    fn job(imports: &str, body: &str) -> String {
        format!(
            "package com.example;\n{imports}\n\
             import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;\n\
             public class Job {{\npublic static void main(String[] args) throws Exception {{\n\
             StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();\n\
             {body}\n}}\n}}\n"
        )
    }

    const MAIN: &str = "src/main/java/com/example/Job.java";

    #[test]
    fn legacy_classes_by_import_fqn_or_wildcard() {
        let src = job(
            "import org.apache.flink.runtime.state.filesystem.FsStateBackend;",
            "env.setStateBackend(new FsStateBackend(\"s3://b/ck\"));\n\
             env.setStateBackend(new FsStateBackend(\"s3://b/ck2\"));",
        );
        assert_eq!(
            spans(MAIN, &src),
            ["org.apache.flink.runtime.state.filesystem.FsStateBackend"]
        );
        let src = job(
            "",
            "env.setStateBackend(new org.apache.flink.contrib.streaming.state.RocksDBStateBackend(\"s3://b/ck\", true));",
        );
        assert_eq!(
            spans(MAIN, &src),
            [
                "new org.apache.flink.contrib.streaming.state.RocksDBStateBackend(\"s3://b/ck\", true)"
            ]
        );
        let src = job(
            "import org.apache.flink.runtime.state.memory.*;",
            "env.setStateBackend(new MemoryStateBackend());",
        );
        assert_eq!(spans(MAIN, &src), ["new MemoryStateBackend()"]);
        let src = job(
            "import org.apache.flink.configuration.Configuration;",
            "Configuration conf = new Configuration(); conf.setString(\"state.backend\", \"filesystem\");",
        );
        assert_eq!(spans(MAIN, &src), ["\"filesystem\""]);
    }

    #[test]
    fn look_alikes_are_silent() {
        for src in [
            job(
                "import com.example.state.FsStateBackend;",
                "env.setStateBackend(new FsStateBackend(\"s3://b/ck\"));",
            ),
            job(
                "import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;",
                "env.setStateBackend(new EmbeddedRocksDBStateBackend(true));",
            ),
            job(
                "import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;",
                "// was: org.apache.flink.contrib.streaming.state.RocksDBStateBackend\n\
                 env.setStateBackend(new EmbeddedRocksDBStateBackend());",
            ),
            job(
                "import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;",
                "env.setStateBackend(new HashMapStateBackend());",
            ),
        ] {
            assert!(spans(MAIN, &src).is_empty(), "{src}");
        }
    }
}
