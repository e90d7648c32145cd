use bdl_core::{Ctx, RuleMeta, Severity, TestSources, declare_rule};
use bdl_syntax::java::fold::arguments;
use bdl_syntax::java::scope;
use bdl_syntax::{ConfigFile, JavaFile, Rule};

use crate::helpers;
use crate::settings::{INCREMENTAL_CHECKPOINTS, Occurrence, STATE_BACKEND, Settings, Value};

declare_rule! {
    /// ## What it does
    /// Flags RocksDB state with full checkpoints (info):
    /// - a configuration whose state backend is `rocksdb` (`state.backend.type`, or the older
    ///   `state.backend`) and that sets `execution.checkpointing.incremental` (or the older
    ///   `state.backend.incremental`) to `false`, in `flink-conf.yaml`, `config.yaml`, SQL
    ///   `SET` statements, Kubernetes `FlinkDeployment` / `FlinkSessionJob` resources and Java
    ///   configuration writes;
    /// - a whole cluster configuration (`flink-conf.yaml`, `config.yaml`, a `FlinkDeployment`)
    ///   with the `rocksdb` backend that does not set the key, so Flink's default `false`
    ///   applies; reported at the backend;
    /// - `new EmbeddedRocksDBStateBackend(false)` and the legacy
    ///   `new RocksDBStateBackend(path, false)`.
    ///
    /// `new EmbeddedRocksDBStateBackend()` without an argument takes the setting from the
    /// cluster's configuration, which this rule cannot see, so it is not reported; neither is a
    /// SQL script or `FlinkSessionJob` that selects RocksDB without the key.
    /// `new EmbeddedRocksDBStateBackend(true)` turns incremental checkpoints on.
    ///
    /// ## Why is this bad?
    /// A full RocksDB checkpoint uploads the whole state every time; an incremental one uploads
    /// only the SST files created since the last checkpoint. For large state, full checkpoints
    /// take long, load the storage and the network, and make checkpoints expire under load.
    /// Flink's tuning guide names incremental checkpoints as "one of the first considerations"
    /// to reduce checkpoint time.
    ///
    /// ## Example
    /// ```yaml file=flink-conf.yaml bad
    /// state.backend.type: rocksdb
    /// execution.checkpointing.dir: s3://flink-state/checkpoints
    /// execution.checkpointing.interval: 1min
    /// ```
    ///
    /// Use instead:
    ///
    /// ```yaml file=flink-conf.yaml good
    /// state.backend.type: rocksdb
    /// execution.checkpointing.dir: s3://flink-state/checkpoints
    /// execution.checkpointing.interval: 1min
    /// execution.checkpointing.incremental: true
    /// ```
    ///
    /// ## How to fix
    /// Set `execution.checkpointing.incremental: true` (before Flink 1.20,
    /// `state.backend.incremental: true`) next to the backend, or pass `true` to
    /// `new EmbeddedRocksDBStateBackend(true)`. Jobs with small state that prefer self-contained
    /// checkpoints can suppress the finding with a reason.
    ///
    /// ## Options
    /// - `lint-test-sources` (boolean, default `false`): also lint test sources (`src/test/**`,
    ///   `*Test.java`, `*IT.java`, `*ITCase.java`).
    ///
    /// ## References
    /// - Flink docs, Tuning checkpoints and large state (incremental checkpoints):
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/ops/state/large_state_tuning/#incremental-checkpoints>
    /// - Flink docs, State backends (enabling incremental checkpointing):
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/ops/state/state_backends/#incremental-checkpoints>
    /// - Flink configuration, Checkpoints and State Backends (`execution.checkpointing.incremental`):
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/deployment/config/#checkpoints-and-state-backends>
    pub RocksdbIncrementalOff {
        code: "FLK012",
        name: "rocksdb-incremental-off",
        summary: "full checkpoints with the RocksDB state backend",
        severity: Info,
        kinds: [Java, FlinkConf, FlinkYaml, FlinkSql, FlinkK8s],
        triggers: [
            "state.backend",
            "STATE_BACKEND",
            "INCREMENTAL_CHECKPOINTS",
            "execution.checkpointing.incremental",
            "RocksDBStateBackend",
        ],
        options: [TestSources::SKIP_BY_DEFAULT],
    }
}

/// RocksDB backend classes whose last boolean argument is the incremental flag.
const ROCKSDB_CLASSES: &[(&str, &str)] = &[
    (
        "EmbeddedRocksDBStateBackend",
        "org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend",
    ),
    (
        "EmbeddedRocksDBStateBackend",
        "org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend",
    ),
    (
        "RocksDBStateBackend",
        "org.apache.flink.contrib.streaming.state.RocksDBStateBackend",
    ),
];

impl Rule for RocksdbIncrementalOff {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        if !helpers::uses_flink(file) {
            return;
        }
        let mut rocksdb_in_code = false;
        // An explicit `true` in the constructor overrides the configuration's value.
        let mut on_in_code = false;
        for creation in file.nodes_of_kind("object_creation_expression") {
            let Some(ty) = creation.child_by_field_name("type") else {
                continue;
            };
            let simple = scope::simple_type_name(file.text_of(ty));
            let Some((class, _)) = ROCKSDB_CLASSES
                .iter()
                .find(|(name, fqn)| *name == simple && file.refers_to(fqn))
            else {
                continue;
            };
            rocksdb_in_code = true;
            let args = arguments(creation);
            let Some(last) = args.last() else {
                continue;
            };
            // `EmbeddedRocksDBStateBackend(boolean)`, `RocksDBStateBackend(path, boolean)`.
            if file.text_of(*last).trim() == "true" {
                on_in_code = true;
            }
            if file.text_of(*last).trim() != "false" {
                continue;
            }
            cx.report(
                Severity::Info,
                JavaFile::span_of(*last),
                format!("`new {class}(..)` turns incremental checkpoints off: every checkpoint uploads the whole RocksDB state"),
            )
            .help("pass `true` to take incremental checkpoints");
        }
        let found = Settings::java(file, &[&STATE_BACKEND, &INCREMENTAL_CHECKPOINTS]);
        let rocksdb = rocksdb_in_code
            || found
                .in_effect(&STATE_BACKEND)
                .iter()
                .any(|o| is_rocksdb(o));
        if rocksdb && !on_in_code {
            explicit_off(&found, cx);
        }
    }

    fn check_config(&self, file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
        let found = Settings::config(file, &[&STATE_BACKEND, &INCREMENTAL_CHECKPOINTS]);
        for (index, scope) in found.scopes().iter().enumerate() {
            let Some(backend) = found.effective(&STATE_BACKEND, index) else {
                continue;
            };
            if !is_rocksdb(backend) {
                continue;
            }
            if let Some(incremental) = found.effective(&INCREMENTAL_CHECKPOINTS, index) {
                if incremental.value.as_ref().and_then(Value::bool) == Some(false) {
                    report_off(incremental, cx);
                }
                continue;
            }
            if !scope.complete || found.possibly_set(&INCREMENTAL_CHECKPOINTS, index) {
                continue;
            }
            cx.report(
                Severity::Info,
                backend.span,
                "the RocksDB state backend is used and `execution.checkpointing.incremental` is \
                 not set: with Flink's default of `false` every checkpoint uploads the whole state",
            )
            .help("set `execution.checkpointing.incremental: true` next to the state backend");
        }
    }
}

fn is_rocksdb(backend: &Occurrence) -> bool {
    backend
        .value
        .as_ref()
        .and_then(|v| v.text())
        .is_some_and(|t| t.eq_ignore_ascii_case("rocksdb"))
}

fn explicit_off(found: &Settings<'_>, cx: &mut Ctx<'_>) {
    for incremental in found.in_effect(&INCREMENTAL_CHECKPOINTS) {
        if incremental.value.as_ref().and_then(Value::bool) == Some(false) {
            report_off(incremental, cx);
        }
    }
}

fn report_off(incremental: &Occurrence, cx: &mut Ctx<'_>) {
    let key = incremental
        .origin
        .key()
        .unwrap_or(INCREMENTAL_CHECKPOINTS.key);
    cx.report(
        Severity::Info,
        incremental.span,
        format!(
            "`{key}` is `false` with the RocksDB state backend: every checkpoint uploads the whole state"
        ),
    )
    .help("set it to `true` to upload only what changed since the last checkpoint");
}

#[cfg(test)]
mod tests {
    use bdl_syntax::check_one;

    use super::*;

    const RULE: RocksdbIncrementalOff = RocksdbIncrementalOff;

    fn spans(name: &str, text: &str) -> Vec<String> {
        check_one(&RULE, name, text)
            .iter()
            .map(|d| d.span.slice(text).to_owned())
            .collect()
    }

    #[test]
    fn triggers_cover_every_way_to_set_the_keys() {
        let missing = crate::settings::missing_triggers(
            RocksdbIncrementalOff::META.triggers,
            &[&STATE_BACKEND, &INCREMENTAL_CHECKPOINTS],
        );
        assert!(missing.is_empty(), "{missing:?}");
    }

    #[test]
    fn configuration_files() {
        assert_eq!(
            spans("flink-conf.yaml", "state.backend: rocksdb\n"),
            ["rocksdb"]
        );
        assert_eq!(
            spans(
                "config.yaml",
                "state:\n  backend:\n    type: RocksDB\n    incremental: false\n"
            ),
            ["false"]
        );
        assert_eq!(
            spans(
                "job.sql",
                "SET 'state.backend.type' = 'rocksdb';\nSET 'execution.checkpointing.incremental' = 'false';\n"
            ),
            ["false"]
        );
        for (name, text) in [
            (
                "flink-conf.yaml",
                "state.backend.type: rocksdb\nstate.backend.incremental: true\n",
            ),
            (
                "flink-conf.yaml",
                "state.backend.type: rocksdb\nexecution.checkpointing.incremental: ${INCREMENTAL}\n",
            ),
            ("flink-conf.yaml", "state.backend.type: hashmap\n"),
            (
                "flink-conf.yaml",
                "state.backend.type: hashmap\nexecution.checkpointing.incremental: false\n",
            ),
            ("job.sql", "SET 'state.backend.type' = 'rocksdb';\n"),
        ] {
            assert!(spans(name, text).is_empty(), "{name}: {text}");
        }
    }

    #[test]
    fn java_backends() {
        let job = |body: &str| {
            format!(
                "package com.example;\n\
                 import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;\n\
                 import org.apache.flink.configuration.CheckpointingOptions;\n\
                 import org.apache.flink.configuration.Configuration;\n\
                 import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;\n\
                 public class Job {{\npublic static void main(String[] args) throws Exception {{\n\
                 StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();\n\
                 {body}\n}}\n}}\n"
            )
        };
        let check = |body: &str| spans("src/main/java/com/example/Job.java", &job(body));
        assert_eq!(
            check("env.setStateBackend(new EmbeddedRocksDBStateBackend(false));"),
            ["false"]
        );
        assert_eq!(
            check(
                "env.setStateBackend(new EmbeddedRocksDBStateBackend()); Configuration c = new Configuration(); c.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, false);"
            ),
            ["false"]
        );
        for body in [
            "env.setStateBackend(new EmbeddedRocksDBStateBackend(true));",
            "env.setStateBackend(new EmbeddedRocksDBStateBackend());",
            "Configuration c = new Configuration(); c.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, false);",
            // The constructor's `true` overrides the configuration.
            "env.setStateBackend(new EmbeddedRocksDBStateBackend(true)); Configuration c = new Configuration(); c.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, false);",
        ] {
            assert!(check(body).is_empty(), "{body}");
        }
    }
}
