use bdl_core::{Ctx, RuleMeta, Severity, TestSources, declare_rule};
use bdl_syntax::java::fold::{self, arguments};
use bdl_syntax::java::scope;
use bdl_syntax::{ConfigFile, JavaFile, Rule};

use crate::helpers;
use crate::settings::checkpointing_on;
use crate::settings::{
    CHECKPOINT_DIR, CHECKPOINT_INTERVAL, CHECKPOINT_STORAGE, STATE_BACKEND, Settings,
};

declare_rule! {
    /// ## What it does
    /// Flags checkpoints kept in the JobManager's memory:
    /// - `execution.checkpointing.storage: jobmanager` (or the older `state.checkpoint-storage`)
    ///   in `flink-conf.yaml`, `config.yaml`, SQL `SET` statements, Kubernetes
    ///   `FlinkDeployment` / `FlinkSessionJob` resources and configuration writes in Java;
    /// - `new JobManagerCheckpointStorage(..)` and the legacy `new MemoryStateBackend(..)`
    ///   without a checkpoint path (with one, each checkpoint is also written there);
    /// - a whole cluster configuration (`flink-conf.yaml`, `config.yaml`, a `FlinkDeployment`)
    ///   that turns checkpointing on and sets no checkpoint directory
    ///   (`execution.checkpointing.dir`, `state.checkpoints.dir`,
    ///   `state.backend.fs.checkpointdir`) and no checkpoint storage: Flink then picks the
    ///   JobManager storage. Reported at the checkpoint interval.
    ///
    /// An explicit `jobmanager` storage next to a checkpoint directory is not reported: Flink
    /// then writes each checkpoint to the directory as well.
    ///
    /// A Java job that turns checkpointing on without a storage is not reported: the cluster's
    /// `config.yaml` usually sets the directory, and this rule reads one file at a time. A
    /// setting made in code overrides the cluster's file, so an explicit
    /// `JobManagerCheckpointStorage` in code is reported wherever the job runs.
    ///
    /// ## Why is this bad?
    /// The JobManager checkpoint storage keeps every checkpoint "in the JobManager's memory"
    /// (Flink docs, Checkpoint storage). State is limited by the JobManager's heap and the
    /// RPC frame size (5 MiB per state by default), and when the JobManager process is lost
    /// the checkpoints are lost with it: there is nothing to restore the job from. The
    /// Kubernetes operator rejects `savepoint` and `last-state` upgrade modes without a
    /// checkpoint directory.
    ///
    /// ## Example
    /// ```yaml file=flink-conf.yaml bad
    /// jobmanager.rpc.address: flink-jobmanager
    /// execution.checkpointing.interval: 1min
    /// ```
    ///
    /// ```java file=Job.java bad
    /// import org.apache.flink.runtime.state.storage.JobManagerCheckpointStorage;
    /// import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
    ///
    /// public class Job {
    ///     public static void main(String[] args) throws Exception {
    ///         StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    ///         env.enableCheckpointing(60_000);
    ///         env.getCheckpointConfig().setCheckpointStorage(new JobManagerCheckpointStorage());
    ///         env.fromSequence(1, 100).print();
    ///         env.execute("job");
    ///     }
    /// }
    /// ```
    ///
    /// Use instead:
    ///
    /// ```yaml file=flink-conf.yaml good
    /// jobmanager.rpc.address: flink-jobmanager
    /// execution.checkpointing.interval: 1min
    /// execution.checkpointing.dir: s3://flink-state/checkpoints
    /// ```
    ///
    /// ```java file=Job.java good
    /// import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
    ///
    /// public class Job {
    ///     public static void main(String[] args) throws Exception {
    ///         StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    ///         env.enableCheckpointing(60_000);
    ///         env.fromSequence(1, 100).print();
    ///         env.execute("job");
    ///     }
    /// }
    /// ```
    ///
    /// ## How to fix
    /// Set `execution.checkpointing.dir` to a shared file system (`s3://…`,
    /// `hdfs://<nameservice>/…`) in the cluster's configuration; Flink then uses the file
    /// system storage. Remove `JobManagerCheckpointStorage` / `MemoryStateBackend` from the
    /// job, or replace them with `FileSystemCheckpointStorage` and `HashMapStateBackend`.
    ///
    /// ## Options
    /// - `lint-test-sources` (boolean, default `false`): also lint test sources (`src/test/**`,
    ///   `*Test.java`, `*IT.java`, `*ITCase.java`), where the JobManager storage is fine.
    ///
    /// ## References
    /// - Flink docs, Checkpoint storage (JobManagerCheckpointStorage):
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/ops/state/checkpoints/#checkpoint-storage>
    /// - Flink configuration, Checkpoints and State Backends:
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/deployment/config/#checkpoints-and-state-backends>
    /// - Flink Kubernetes operator, job management (upgrade modes):
    ///   <https://nightlies.apache.org/flink/flink-kubernetes-operator-docs-stable/docs/custom-resource/job-management/>
    pub CheckpointStorageJobmanager {
        code: "FLK010",
        name: "checkpoint-storage-jobmanager",
        summary: "checkpoints kept in the JobManager's memory",
        severity: Warning,
        kinds: [Java, FlinkConf, FlinkYaml, FlinkSql, FlinkK8s],
        triggers: [
            "execution.checkpointing.storage",
            "state.checkpoint-storage",
            "CHECKPOINT_STORAGE",
            "JobManagerCheckpointStorage",
            "MemoryStateBackend",
            "execution.checkpointing.interval",
        ],
        options: [TestSources::SKIP_BY_DEFAULT],
    }
}

/// Classes that keep checkpoints in the JobManager's memory.
const JOBMANAGER_CLASSES: &[(&str, &str)] = &[
    (
        "JobManagerCheckpointStorage",
        "org.apache.flink.runtime.state.storage.JobManagerCheckpointStorage",
    ),
    (
        "MemoryStateBackend",
        "org.apache.flink.runtime.state.memory.MemoryStateBackend",
    ),
];

impl Rule for CheckpointStorageJobmanager {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        if !helpers::uses_flink(file) {
            return;
        }
        let found = Settings::java(file, &[&CHECKPOINT_STORAGE, &CHECKPOINT_DIR]);
        explicit(&found, cx);
        for creation in file.nodes_of_kind("object_creation_expression") {
            let Some(ty) = creation.child_by_field_name("type") else {
                continue;
            };
            let simple = scope::simple_type_name(file.text_of(ty));
            let Some((class, _)) = JOBMANAGER_CLASSES
                .iter()
                .find(|(name, fqn)| *name == simple && file.refers_to(fqn))
            else {
                continue;
            };
            // `(String checkpointPath, ..)` persists the checkpoints to that directory; only
            // the constructors without a path (none, a size, a flag) keep them in memory alone.
            let without_path = arguments(creation).first().is_none_or(|first| {
                let text = file.text_of(*first).trim();
                text == "true" || text == "false" || fold::int(file, *first).is_some()
            });
            if !without_path {
                continue;
            }
            cx.report(
                Severity::Warning,
                JavaFile::span_of(creation),
                format!(
                    "`new {class}(..)` keeps the checkpoints in the JobManager's memory: they are \
                     lost with the JobManager"
                ),
            )
            .help(
                "set `execution.checkpointing.dir` to a shared file system and drop this storage",
            );
        }
    }

    fn check_config(&self, file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
        let found = Settings::config(
            file,
            &[
                &CHECKPOINT_STORAGE,
                &CHECKPOINT_DIR,
                &CHECKPOINT_INTERVAL,
                &STATE_BACKEND,
            ],
        );
        explicit(&found, cx);
        for (index, scope) in found.scopes().iter().enumerate() {
            if !scope.complete
                || found.possibly_set(&CHECKPOINT_DIR, index)
                || found.possibly_set(&CHECKPOINT_STORAGE, index)
            {
                continue;
            }
            // The legacy `filesystem` / `rocksdb` backends of old releases carried their own
            // directory setting; leave them to FLK011.
            let legacy_backend = found.effective(&STATE_BACKEND, index).is_some_and(|b| {
                b.value.as_ref().and_then(|v| v.text()).is_some_and(|t| {
                    t.eq_ignore_ascii_case("filesystem") || t.eq_ignore_ascii_case("jobmanager")
                })
            });
            let Some(interval) = found.effective(&CHECKPOINT_INTERVAL, index) else {
                continue;
            };
            if legacy_backend || !checkpointing_on(interval) {
                continue;
            }
            cx.report(
                Severity::Warning,
                interval.span,
                "checkpointing is on and no checkpoint directory is set: Flink keeps the \
                 checkpoints in the JobManager's memory, and they are lost with it",
            )
            .help("set `execution.checkpointing.dir` to a shared file system, e.g. `s3://<bucket>/checkpoints`");
        }
    }
}

fn explicit(found: &Settings<'_>, cx: &mut Ctx<'_>) {
    for storage in found.in_effect(&CHECKPOINT_STORAGE) {
        // With a checkpoint directory the JobManager storage also writes each checkpoint
        // there, so it survives the JobManager.
        if found.possibly_set(&CHECKPOINT_DIR, storage.scope) {
            continue;
        }
        let Some(value) = storage.value.as_ref().and_then(|v| v.text()) else {
            continue;
        };
        if !value.eq_ignore_ascii_case("jobmanager") {
            continue;
        }
        cx.report(
            Severity::Warning,
            storage.span,
            format!(
                "checkpoint storage is `{value}`: the checkpoints are kept in the JobManager's \
                 memory and lost with it"
            ),
        )
        .help("use the `filesystem` storage with `execution.checkpointing.dir` on a shared file system");
    }
}

#[cfg(test)]
mod tests {
    use bdl_syntax::check_one;

    use super::*;

    const RULE: CheckpointStorageJobmanager = CheckpointStorageJobmanager;

    fn spans(name: &str, text: &str) -> Vec<String> {
        check_one(&RULE, name, text)
            .iter()
            .map(|d| d.span.slice(text).to_owned())
            .collect()
    }

    #[test]
    fn triggers_cover_every_way_to_set_the_storage() {
        let missing = crate::settings::missing_triggers(
            CheckpointStorageJobmanager::META.triggers,
            &[&CHECKPOINT_STORAGE],
        );
        assert!(missing.is_empty(), "{missing:?}");
    }

    #[test]
    fn configuration_files() {
        assert_eq!(
            spans("flink-conf.yaml", "state.checkpoint-storage: jobmanager\n"),
            ["jobmanager"]
        );
        assert_eq!(
            spans(
                "flink-conf.yaml",
                "execution.checkpointing.interval: 1min\n"
            ),
            ["1min"]
        );
        assert_eq!(
            spans(
                "job.sql",
                "SET 'execution.checkpointing.storage' = 'jobmanager';\n"
            ),
            ["jobmanager"]
        );
        for (name, text) in [
            (
                "flink-conf.yaml",
                "execution.checkpointing.interval: 1min\nstate.checkpoints.dir: s3://b/ck\n",
            ),
            (
                "config.yaml",
                "execution:\n  checkpointing:\n    interval: 1min\n    dir: ${CHECKPOINTS}\n",
            ),
            ("flink-conf.yaml", "taskmanager.numberOfTaskSlots: 2\n"),
            (
                "flink-conf.yaml",
                "execution.checkpointing.storage: jobmanager\nexecution.checkpointing.dir: s3://b/ck\n",
            ),
            (
                "flink-conf.yaml",
                "execution.checkpointing.interval: 1min\nstate.backend: filesystem\n",
            ),
            (
                "job.sql",
                "SET 'execution.checkpointing.interval' = '1min';\n",
            ),
        ] {
            assert!(spans(name, text).is_empty(), "{name}: {text}");
        }
    }

    #[test]
    fn kubernetes_deployments_but_not_session_jobs() {
        let manifest = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkSessionJob\nspec:\n  \
                        flinkConfiguration:\n    execution.checkpointing.interval: 2min\n---\n\
                        apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nspec:\n  \
                        flinkConfiguration:\n    execution.checkpointing.interval: 2min\n";
        let found = check_one(&RULE, "k8s/jobs.yaml", manifest);
        let lines: Vec<u32> = found.iter().map(|d| d.start.line).collect();
        assert_eq!(lines, [11]);
    }

    #[test]
    fn java_storages() {
        let job = |imports: &str, body: &str| {
            format!(
                "package com.example;\n{imports}\n\
                 import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;\n\
                 public class Job {{\npublic static void main(String[] args) throws Exception {{\n\
                 StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();\n\
                 {body}\n}}\n}}\n"
            )
        };
        let src = job(
            "import org.apache.flink.runtime.state.memory.MemoryStateBackend;",
            "env.setStateBackend(new MemoryStateBackend(10 * 1024 * 1024));",
        );
        assert_eq!(
            spans("src/main/java/com/example/Job.java", &src),
            ["new MemoryStateBackend(10 * 1024 * 1024)"]
        );
        for src in [
            job("", "env.enableCheckpointing(60_000);"),
            job(
                "import org.apache.flink.runtime.state.memory.MemoryStateBackend;",
                "env.setStateBackend(new MemoryStateBackend(\"hdfs:///ck\", null));",
            ),
            job(
                "import org.apache.flink.runtime.state.storage.JobManagerCheckpointStorage;",
                "env.getCheckpointConfig().setCheckpointStorage(new JobManagerCheckpointStorage(\"s3://b/ck\"));",
            ),
            job(
                "import com.example.testing.MemoryStateBackend;",
                "env.setStateBackend(new MemoryStateBackend());",
            ),
        ] {
            assert!(
                spans("src/main/java/com/example/Job.java", &src).is_empty(),
                "{src}"
            );
        }
    }
}
