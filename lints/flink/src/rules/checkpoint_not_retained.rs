use bdl_core::{
    Ctx, FileKind, OptionKind, OptionMeta, RuleMeta, Severity, TestSources, declare_rule,
};
use bdl_syntax::java::fold::Certainty;
use bdl_syntax::{ConfigFile, JavaFile, Rule};

use crate::settings::{CHECKPOINT_INTERVAL, EXTERNALIZED_RETENTION, Origin, Settings};

declare_rule! {
    /// ## What it does
    /// Flags a job whose checkpoints are deleted when it is cancelled:
    /// - `execution.checkpointing.externalized-checkpoint-retention` set to
    ///   `DELETE_ON_CANCELLATION` or `NO_EXTERNALIZED_CHECKPOINTS` (warning), in any place a job
    ///   sets it: `flink-conf.yaml`, `config.yaml`, SQL `SET` statements, the
    ///   `spec.flinkConfiguration` of Kubernetes `FlinkDeployment` / `FlinkSessionJob`
    ///   resources, configuration writes by key or option constant (`EXTERNALIZED_CHECKPOINT`,
    ///   `EXTERNALIZED_CHECKPOINT_RETENTION`) and `SET` statements passed to `executeSql`;
    /// - `CheckpointConfig.setExternalizedCheckpointRetention(DELETE_ON_CANCELLATION)`, and the
    ///   deprecated `setExternalizedCheckpointCleanup(..)` / `enableExternalizedCheckpoints(..)`
    ///   (removed in Flink 2.0), whose message says so;
    /// - a `flink-conf.yaml` or `config.yaml` that turns checkpointing on and does not set the
    ///   key, so Flink's default `NO_EXTERNALIZED_CHECKPOINTS` applies (info), reported at the
    ///   checkpoint interval.
    ///
    /// An unset value is not reported in Java, SQL scripts or Kubernetes resources: a job runs
    /// on top of a cluster configuration that may set the key, and the Kubernetes operator
    /// upgrades and restores jobs through savepoints and its HA metadata, with a default
    /// configuration this rule cannot see. Settings made in code override the cluster's file.
    ///
    /// ## Why is this bad?
    /// With `DELETE_ON_CANCELLATION` or `NO_EXTERNALIZED_CHECKPOINTS` Flink deletes the job's
    /// checkpoints when the job is cancelled. A cancel by mistake, a redeploy that cancels
    /// before it starts the new version, or a failed savepoint during a stop then leaves nothing
    /// to restore from, and the job's state is gone. `RETAIN_ON_CANCELLATION` keeps the last
    /// checkpoint; it has to be cleaned up by hand (or by a retention policy on the storage).
    ///
    /// ## Example
    /// ```java file=Job.java bad
    /// import org.apache.flink.configuration.ExternalizedCheckpointRetention;
    /// import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
    ///
    /// public class Job {
    ///     public static void main(String[] args) throws Exception {
    ///         StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    ///         env.enableCheckpointing(60_000);
    ///         env.getCheckpointConfig().setExternalizedCheckpointRetention(
    ///                 ExternalizedCheckpointRetention.DELETE_ON_CANCELLATION);
    ///         env.fromSequence(1, 100).print();
    ///         env.execute("job");
    ///     }
    /// }
    /// ```
    ///
    /// ```yaml file=flink-conf.yaml bad
    /// execution.checkpointing.interval: 1min
    /// execution.checkpointing.dir: s3://checkpoints/orders
    /// ```
    ///
    /// Use instead:
    ///
    /// ```java file=Job.java good
    /// import org.apache.flink.configuration.ExternalizedCheckpointRetention;
    /// import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
    ///
    /// public class Job {
    ///     public static void main(String[] args) throws Exception {
    ///         StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    ///         env.enableCheckpointing(60_000);
    ///         env.getCheckpointConfig().setExternalizedCheckpointRetention(
    ///                 ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    ///         env.fromSequence(1, 100).print();
    ///         env.execute("job");
    ///     }
    /// }
    /// ```
    ///
    /// ```yaml file=flink-conf.yaml good
    /// execution.checkpointing.interval: 1min
    /// execution.checkpointing.dir: s3://checkpoints/orders
    /// execution.checkpointing.externalized-checkpoint-retention: RETAIN_ON_CANCELLATION
    /// ```
    ///
    /// ## How to fix
    /// Set `execution.checkpointing.externalized-checkpoint-retention: RETAIN_ON_CANCELLATION`
    /// (in code `setExternalizedCheckpointRetention(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION)`),
    /// and clean up retained checkpoints with a lifecycle rule on the checkpoint storage. Replace
    /// `setExternalizedCheckpointCleanup` and `enableExternalizedCheckpoints` before moving to
    /// Flink 2.0. A job whose state can be rebuilt from its sources can suppress the finding
    /// with a reason.
    ///
    /// ## Options
    /// - `report-unset` (boolean, default `true`): also report `flink-conf.yaml` / `config.yaml`
    ///   files that turn checkpointing on without setting the key.
    /// - `lint-test-sources` (boolean, default `false`): also lint test sources (`src/test/**`,
    ///   `*Test.java`, `*IT.java`, `*ITCase.java`).
    ///
    /// ## References
    /// - Flink configuration, Checkpointing (`execution.checkpointing.externalized-checkpoint-retention`):
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/deployment/config/#checkpointing>
    /// - Flink docs, Checkpoints (retained checkpoints):
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/ops/state/checkpoints/#retained-checkpoints>
    /// - Flink 2.0 release notes (removed `ExternalizedCheckpointCleanup` and its setters):
    ///   <https://nightlies.apache.org/flink/flink-docs-release-2.0/release-notes/flink-2.0/>
    pub CheckpointNotRetained {
        code: "FLK008",
        name: "checkpoint-not-retained",
        summary: "checkpoints are deleted when the job is cancelled",
        severity: Warning,
        kinds: [Java, FlinkConf, FlinkYaml, FlinkSql, FlinkK8s],
        triggers: [
            "externalized-checkpoint-retention",
            "EXTERNALIZED_CHECKPOINT",
            "setExternalizedCheckpointRetention",
            "setExternalizedCheckpointCleanup",
            "enableExternalizedCheckpoints",
            "execution.checkpointing.interval",
        ],
        options: [
            OptionMeta {
                name: "report-unset",
                kind: OptionKind::Bool,
                default: "true",
                doc: "Also report flink-conf.yaml / config.yaml files that turn checkpointing on without setting the key.",
            },
            TestSources::SKIP_BY_DEFAULT,
        ],
    }
}

/// The deprecated setters, removed in Flink 2.0.
const DEPRECATED_SETTERS: &[&str] = &[
    "setExternalizedCheckpointCleanup",
    "enableExternalizedCheckpoints",
];

impl Rule for CheckpointNotRetained {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        let found = Settings::java(file, &[&EXTERNALIZED_RETENTION]);
        explicit(&found, cx);
    }

    fn check_config(&self, file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
        let found = Settings::config(file, &[&EXTERNALIZED_RETENTION, &CHECKPOINT_INTERVAL]);
        explicit(&found, cx);
        let whole_file = matches!(file.kind, FileKind::FlinkConf | FileKind::FlinkYaml);
        if whole_file && cx.options().bool("report-unset") != Some(false) {
            unset(&found, cx);
        }
    }
}

/// Whether the retention deletes checkpoints on cancel, and its canonical name.
fn deleting(value: &str) -> Option<&'static str> {
    ["DELETE_ON_CANCELLATION", "NO_EXTERNALIZED_CHECKPOINTS"]
        .into_iter()
        .find(|name| value.eq_ignore_ascii_case(name))
}

fn explicit(found: &Settings<'_>, cx: &mut Ctx<'_>) {
    for retention in found.in_effect(&EXTERNALIZED_RETENTION) {
        let Some(name) = retention
            .value
            .as_ref()
            .and_then(|v| v.text())
            .and_then(deleting)
        else {
            continue;
        };
        let default = if retention.certainty == Certainty::Default {
            ", the default of a runtime parameter,"
        } else {
            ""
        };
        let (message, help) = match retention.origin {
            Origin::Setter { method } if DEPRECATED_SETTERS.contains(&method) => (
                format!(
                    "`{method}({name})`{default} deletes the checkpoints when the job is \
                     cancelled, and the method is deprecated and gone in Flink 2.0"
                ),
                "call `setExternalizedCheckpointRetention(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION)` instead",
            ),
            Origin::Setter { .. } => (
                format!(
                    "checkpoint retention is `{name}`{default}: a cancelled job leaves no \
                     checkpoint to restore from"
                ),
                "use `ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION`",
            ),
            _ => (
                format!(
                    "checkpoint retention is `{name}`{default}: a cancelled job leaves no \
                     checkpoint to restore from"
                ),
                "set the retention to `RETAIN_ON_CANCELLATION`",
            ),
        };
        let mut reported = cx.report(Severity::Warning, retention.span, message);
        reported.help(help);
        if let Some(defined_at) = retention.defined_at {
            reported.label(defined_at, "value defined here");
        }
    }
}

/// A whole cluster configuration file that turns checkpointing on and leaves the key unset.
fn unset(found: &Settings<'_>, cx: &mut Ctx<'_>) {
    for interval in found.checkpointing_on_without(&EXTERNALIZED_RETENTION) {
        cx.report(
            Severity::Info,
            interval.span,
            "checkpointing is on and `execution.checkpointing.externalized-checkpoint-retention` \
             is not set: with Flink's default of `NO_EXTERNALIZED_CHECKPOINTS` a cancelled job \
             leaves no checkpoint to restore from",
        )
        .help("set `execution.checkpointing.externalized-checkpoint-retention: RETAIN_ON_CANCELLATION`");
    }
}

#[cfg(test)]
mod tests {
    use bdl_core::Diagnostic;
    use bdl_syntax::check_one;

    use super::*;

    const RULE: CheckpointNotRetained = CheckpointNotRetained;

    fn job(body: &str) -> String {
        format!(
            "package com.example;\n\
             import org.apache.flink.api.java.utils.ParameterTool;\n\
             import org.apache.flink.configuration.CheckpointingOptions;\n\
             import org.apache.flink.configuration.Configuration;\n\
             import org.apache.flink.configuration.ExternalizedCheckpointRetention;\n\
             import org.apache.flink.streaming.api.environment.CheckpointConfig;\n\
             import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;\n\
             public class Job {{\n\
             public static void main(String[] args) throws Exception {{\n\
             ParameterTool params = ParameterTool.fromArgs(args);\n\
             StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();\n\
             {body}\n\
             }}\n}}\n"
        )
    }

    fn spans(found: &[Diagnostic], text: &str) -> Vec<String> {
        found
            .iter()
            .map(|d| d.span.slice(text).to_owned())
            .collect()
    }

    fn java(body: &str) -> Vec<String> {
        let src = job(body);
        spans(
            &check_one(&RULE, "src/main/java/com/example/Job.java", &src),
            &src,
        )
    }

    #[test]
    fn triggers_cover_every_way_to_set_the_retention() {
        let missing = crate::settings::missing_triggers(
            CheckpointNotRetained::META.triggers,
            &[&EXTERNALIZED_RETENTION],
        );
        assert!(missing.is_empty(), "{missing:?}");
    }

    #[test]
    fn explicit_deleting_retentions_in_java() {
        assert_eq!(
            java(
                "env.getCheckpointConfig().setExternalizedCheckpointRetention(ExternalizedCheckpointRetention.DELETE_ON_CANCELLATION);"
            ),
            ["ExternalizedCheckpointRetention.DELETE_ON_CANCELLATION"]
        );
        assert_eq!(
            java("Configuration c = new Configuration(); c.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.NO_EXTERNALIZED_CHECKPOINTS);").len(),
            1
        );
        let src = job(
            "env.getCheckpointConfig().enableExternalizedCheckpoints(CheckpointConfig.ExternalizedCheckpointCleanup.DELETE_ON_CANCELLATION);",
        );
        let found = check_one(&RULE, "Job.java", &src);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(
            found[0].message,
            "`enableExternalizedCheckpoints(DELETE_ON_CANCELLATION)` deletes the checkpoints when \
             the job is cancelled, and the method is deprecated and gone in Flink 2.0"
        );
        for body in [
            "env.getCheckpointConfig().setExternalizedCheckpointRetention(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);",
            "env.getCheckpointConfig().setExternalizedCheckpointCleanup(CheckpointConfig.ExternalizedCheckpointCleanup.RETAIN_ON_CANCELLATION);",
            "env.getCheckpointConfig().setExternalizedCheckpointRetention(params.has(\"keep\") ? ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION : ExternalizedCheckpointRetention.DELETE_ON_CANCELLATION);",
            // Unset in Java proves nothing: the cluster's configuration may set it.
            "env.enableCheckpointing(60_000);",
            "cleaner.setExternalizedCheckpointCleanup(Mode.DELETE_ON_CANCELLATION);",
        ] {
            assert!(java(body).is_empty(), "{body}");
        }
    }

    #[test]
    fn configuration_files() {
        let check = |name: &str, text: &str| spans(&check_one(&RULE, name, text), text);
        assert_eq!(
            check(
                "flink-conf.yaml",
                "execution.checkpointing.interval: 1min\nexecution.checkpointing.externalized-checkpoint-retention: delete_on_cancellation\n"
            ),
            ["delete_on_cancellation"]
        );
        assert_eq!(
            check(
                "flink-conf.yaml",
                "execution.checkpointing.interval: 1min\n"
            ),
            ["1min"]
        );
        assert_eq!(
            check(
                "job.sql",
                "SET 'execution.checkpointing.externalized-checkpoint-retention' = 'NO_EXTERNALIZED_CHECKPOINTS';\n"
            ),
            ["NO_EXTERNALIZED_CHECKPOINTS"]
        );
        for (name, text) in [
            (
                "config.yaml",
                "execution:\n  checkpointing:\n    interval: 1min\n    externalized-checkpoint-retention: RETAIN_ON_CANCELLATION\n",
            ),
            ("flink-conf.yaml", "taskmanager.numberOfTaskSlots: 4\n"),
            (
                "job.sql",
                "SET 'execution.checkpointing.interval' = '1min';\n",
            ),
        ] {
            assert!(check(name, text).is_empty(), "{name}: {text}");
        }
        let found = check_one(
            &RULE,
            "flink-conf.yaml",
            "execution.checkpointing.interval: 1min\n",
        );
        assert_eq!(found[0].severity, Severity::Info);
    }

    #[test]
    fn kubernetes_resources_report_only_explicit_values() {
        let manifest = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nspec:\n  \
                        flinkConfiguration:\n    execution.checkpointing.interval: 2min\n---\n\
                        apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nspec:\n  \
                        flinkConfiguration:\n    execution.checkpointing.interval: 2min\n    \
                        execution.checkpointing.externalized-checkpoint-retention: DELETE_ON_CANCELLATION\n";
        let found = check_one(&RULE, "k8s/jobs.yaml", manifest);
        let lines: Vec<u32> = found.iter().map(|d| d.start.line).collect();
        assert_eq!(lines, [12]);
    }

    #[test]
    fn test_sources_are_skipped_by_default() {
        let src = job(
            "env.getCheckpointConfig().setExternalizedCheckpointRetention(ExternalizedCheckpointRetention.DELETE_ON_CANCELLATION);",
        );
        assert!(check_one(&RULE, "src/test/java/com/example/JobTest.java", &src).is_empty());
    }
}
