use bdl_core::{Ctx, OptionKind, OptionMeta, RuleMeta, Severity, TestSources, declare_rule};
use bdl_syntax::java::fold::Certainty;
use bdl_syntax::{ConfigFile, JavaFile, Rule};

use crate::settings::{CHECKPOINT_INTERVAL, Origin, Settings, TOLERABLE_FAILED_CHECKPOINTS};

declare_rule! {
    /// ## What it does
    /// Flags a job that fails on its first failed checkpoint (info):
    /// - `execution.checkpointing.tolerable-failed-checkpoints` set to `0`, in any place a job
    ///   sets it: `flink-conf.yaml`, `config.yaml`, SQL `SET` statements, the
    ///   `spec.flinkConfiguration` of Kubernetes `FlinkDeployment` / `FlinkSessionJob`
    ///   resources, `env.getCheckpointConfig().setTolerableCheckpointFailureNumber(0)`,
    ///   configuration writes by key or option constant (`TOLERABLE_FAILURE_NUMBER`) and `SET`
    ///   statements passed to `executeSql`;
    /// - the deprecated `setFailOnCheckpointingErrors(true)` (removed in Flink 2.0), which means
    ///   the same;
    /// - a whole cluster configuration (`flink-conf.yaml`, `config.yaml`, a `FlinkDeployment`)
    ///   that turns checkpointing on and does not set the key at all, so Flink's default of `0`
    ///   applies; reported at the checkpoint interval.
    ///
    /// An unset value is reported only where the whole configuration is in view. A Java job, a
    /// SQL script or a `FlinkSessionJob` runs on
    /// top of a cluster configuration that may set the key, so there only an explicit `0` is
    /// reported. Settings made in code override the cluster's file: a job may still tolerate
    /// failures that its cluster's configuration does not, and the finding on the
    /// configuration file then describes only the jobs that do not. A `FlinkDeployment` is
    /// also merged with the operator's default configuration, which this rule cannot see.
    ///
    /// ## Why is this bad?
    /// With zero tolerable failures, a single failed checkpoint fails the job: an IOException
    /// on the JobManager, a failure in the asynchronous phase on a TaskManager, or a checkpoint
    /// that expires after its timeout (Flink configuration reference). One slow or unavailable
    /// moment of the checkpoint storage (an HDFS NameNode failover, S3 throttling) then
    /// restarts the whole job from its last checkpoint, and under backpressure expired
    /// checkpoints turn into a restart loop. Tolerating a few consecutive failures keeps the
    /// job running while the storage recovers; the next successful checkpoint resets the count.
    ///
    /// Since Flink 1.20 the option declares its default as `0`; before, it had no default and
    /// Flink fell back to `failOnCheckpointingErrors = true`, which is also `0`.
    ///
    /// ## Example
    /// ```java file=Job.java bad
    /// import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
    ///
    /// public class Job {
    ///     public static void main(String[] args) throws Exception {
    ///         StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    ///         env.enableCheckpointing(120_000);
    ///         env.getCheckpointConfig().setTolerableCheckpointFailureNumber(0);
    ///         env.fromSequence(1, 100).print();
    ///         env.execute("job");
    ///     }
    /// }
    /// ```
    ///
    /// ```yaml file=flink-conf.yaml bad
    /// execution.checkpointing.interval: 3min
    /// execution.checkpointing.min-pause: 1min
    /// ```
    ///
    /// Use instead:
    ///
    /// ```java file=Job.java good
    /// import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
    ///
    /// public class Job {
    ///     public static void main(String[] args) throws Exception {
    ///         StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    ///         env.enableCheckpointing(120_000);
    ///         env.getCheckpointConfig().setTolerableCheckpointFailureNumber(3);
    ///         env.fromSequence(1, 100).print();
    ///         env.execute("job");
    ///     }
    /// }
    /// ```
    ///
    /// ```yaml file=flink-conf.yaml good
    /// execution.checkpointing.interval: 3min
    /// execution.checkpointing.min-pause: 1min
    /// execution.checkpointing.tolerable-failed-checkpoints: 3
    /// ```
    ///
    /// ## How to fix
    /// Set `execution.checkpointing.tolerable-failed-checkpoints` (in code
    /// `setTolerableCheckpointFailureNumber`) to a small number such as 3, so that a job
    /// survives a few consecutive failed checkpoints; alert on the checkpoint failure metrics
    /// instead of relying on restarts. Replace `setFailOnCheckpointingErrors` with it before
    /// moving to Flink 2.0. Teams that want fail-fast on purpose can suppress the finding with
    /// a reason, or turn off `report-unset` to report only explicit zeros.
    ///
    /// ## Options
    /// - `report-unset` (boolean, default `true`): also report whole cluster configurations
    ///   that turn checkpointing on without setting the key.
    /// - `lint-test-sources` (boolean, default `false`): also lint test sources (`src/test/**`,
    ///   `*Test.java`, `*IT.java`, `*ITCase.java`), which fail fast on purpose.
    ///
    /// ## References
    /// - Flink configuration, Checkpointing (`execution.checkpointing.tolerable-failed-checkpoints`):
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/deployment/config/#checkpointing>
    /// - Flink docs, Checkpointing (tolerable checkpoint failure number):
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/dev/datastream/fault-tolerance/checkpointing/>
    /// - Flink 2.0 release notes (removed `CheckpointConfig#setFailOnCheckpointingErrors`):
    ///   <https://nightlies.apache.org/flink/flink-docs-release-2.0/release-notes/flink-2.0/>
    pub CheckpointZeroFailureTolerance {
        code: "FLK007",
        name: "checkpoint-zero-failure-tolerance",
        summary: "the first failed checkpoint fails the job",
        severity: Info,
        kinds: [Java, FlinkConf, FlinkYaml, FlinkSql, FlinkK8s],
        triggers: [
            "setTolerableCheckpointFailureNumber",
            "execution.checkpointing.tolerable-failed-checkpoints",
            "TOLERABLE_FAILURE_NUMBER",
            "setFailOnCheckpointingErrors",
        ],
        options: [
            OptionMeta {
                name: "report-unset",
                kind: OptionKind::Bool,
                default: "true",
                doc: "Also report cluster configurations that turn checkpointing on without setting the key.",
            },
            TestSources::SKIP_BY_DEFAULT,
        ],
    }
}

impl Rule for CheckpointZeroFailureTolerance {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        // Java runs on top of a cluster configuration: only explicit zeros are proven.
        let found = Settings::java(file, &[&TOLERABLE_FAILED_CHECKPOINTS]);
        explicit_zeros(&found, cx);
    }

    fn check_config(&self, file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
        let found = Settings::config(file, &[&TOLERABLE_FAILED_CHECKPOINTS, &CHECKPOINT_INTERVAL]);
        explicit_zeros(&found, cx);
        if cx.options().bool("report-unset") != Some(false) {
            unset(&found, cx);
        }
    }
}

fn explicit_zeros(found: &Settings<'_>, cx: &mut Ctx<'_>) {
    for tolerable in found.in_effect(&TOLERABLE_FAILED_CHECKPOINTS) {
        if tolerable.count() != Some(0) {
            continue;
        }
        let default = if tolerable.certainty == Certainty::Default {
            ", the default of a runtime parameter,"
        } else {
            ""
        };
        let (message, help) = match tolerable.origin {
            Origin::Setter {
                method: "setFailOnCheckpointingErrors",
            } => (
                "`setFailOnCheckpointingErrors(true)` fails the job on the first failed \
                 checkpoint, and the method is gone in Flink 2.0"
                    .to_owned(),
                "call `setTolerableCheckpointFailureNumber(3)` instead, or another small number",
            ),
            Origin::Setter { .. } => (
                format!(
                    "tolerable failed checkpoints is 0{default}: the first failed or expired \
                     checkpoint fails the job"
                ),
                "tolerate a few consecutive failures, e.g. `setTolerableCheckpointFailureNumber(3)`",
            ),
            _ => (
                format!(
                    "tolerable failed checkpoints is 0{default}: the first failed or expired \
                     checkpoint fails the job"
                ),
                "tolerate a few consecutive failures, e.g. set the value to 3",
            ),
        };
        let mut reported = cx.report(Severity::Info, tolerable.span, message);
        reported.help(help);
        if let Some(defined_at) = tolerable.defined_at {
            reported.label(defined_at, "value defined here");
        }
    }
}

/// A whole cluster configuration that turns checkpointing on and leaves the key unset.
fn unset(found: &Settings<'_>, cx: &mut Ctx<'_>) {
    for interval in found.checkpointing_on_without(&TOLERABLE_FAILED_CHECKPOINTS) {
        cx.report(
            Severity::Info,
            interval.span,
            "checkpointing is on and `execution.checkpointing.tolerable-failed-checkpoints` is \
             not set: with Flink's default of 0 the first failed or expired checkpoint fails the \
             job",
        )
        .help("set `execution.checkpointing.tolerable-failed-checkpoints` next to the interval, e.g. to 3");
    }
}

#[cfg(test)]
mod tests {
    use bdl_core::Diagnostic;
    use bdl_syntax::check_one;

    use super::*;

    const RULE: CheckpointZeroFailureTolerance = CheckpointZeroFailureTolerance;

    fn job(body: &str) -> String {
        format!(
            "package com.example;\n\
             import org.apache.flink.api.java.utils.ParameterTool;\n\
             import org.apache.flink.configuration.CheckpointingOptions;\n\
             import org.apache.flink.configuration.Configuration;\n\
             import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;\n\
             import org.apache.flink.table.api.TableEnvironment;\n\
             public class Job {{\n\
             public static void main(String[] args) throws Exception {{\n\
             ParameterTool params = ParameterTool.fromArgs(args);\n\
             StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();\n\
             {body}\n\
             }}\n}}\n"
        )
    }

    fn java(body: &str) -> Vec<Diagnostic> {
        check_one(&RULE, "src/main/java/com/example/Job.java", &job(body))
    }

    fn spans(found: &[Diagnostic], text: &str) -> Vec<String> {
        found
            .iter()
            .map(|d| d.span.slice(text).to_owned())
            .collect()
    }

    #[test]
    fn triggers_cover_every_way_to_set_the_tolerance() {
        let missing = crate::settings::missing_triggers(
            CheckpointZeroFailureTolerance::META.triggers,
            &[&TOLERABLE_FAILED_CHECKPOINTS],
        );
        assert!(missing.is_empty(), "{missing:?}");
    }

    #[test]
    fn explicit_zeros_in_java() {
        let src = job("env.getCheckpointConfig().setTolerableCheckpointFailureNumber(0);");
        let found = check_one(&RULE, "Job.java", &src);
        assert_eq!(spans(&found, &src), ["0"]);
        assert_eq!(found[0].severity, Severity::Info);
        assert_eq!(
            found[0].message,
            "tolerable failed checkpoints is 0: the first failed or expired checkpoint fails the \
             job"
        );
        for body in [
            "Configuration c = new Configuration(); c.set(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER, 0);",
            "Configuration c = new Configuration(); c.setInteger(\"execution.checkpointing.tolerable-failed-checkpoints\", 0);",
            "TableEnvironment t = TableEnvironment.create(s); t.executeSql(\"SET 'execution.checkpointing.tolerable-failed-checkpoints' = '0'\");",
        ] {
            assert_eq!(java(body).len(), 1, "{body}");
        }
        for body in [
            "env.getCheckpointConfig().setTolerableCheckpointFailureNumber(3);",
            "env.getCheckpointConfig().setTolerableCheckpointFailureNumber(params.getInt(\"n\"));",
            "env.getCheckpointConfig().setFailOnCheckpointingErrors(false);",
            // Unset in Java proves nothing: the cluster's configuration may set it.
            "env.enableCheckpointing(60_000);",
            "counter.setTolerableCheckpointFailureNumber(0);",
        ] {
            assert!(java(body).is_empty(), "{body}");
        }
        let found = java(
            "env.getCheckpointConfig().setTolerableCheckpointFailureNumber(params.getInt(\"n\", 0));",
        );
        assert!(
            found[0]
                .message
                .contains("the default of a runtime parameter")
        );
    }

    #[test]
    fn the_deprecated_flag_is_named() {
        let src = job("env.getCheckpointConfig().setFailOnCheckpointingErrors(true);");
        let found = check_one(&RULE, "Job.java", &src);
        assert_eq!(spans(&found, &src), ["true"]);
        assert_eq!(
            found[0].message,
            "`setFailOnCheckpointingErrors(true)` fails the job on the first failed checkpoint, \
             and the method is gone in Flink 2.0"
        );
    }

    #[test]
    fn unset_only_in_whole_cluster_configurations_with_checkpointing_on() {
        let check = |name: &str, text: &str| spans(&check_one(&RULE, name, text), text);
        assert_eq!(
            check(
                "flink-conf.yaml",
                "execution.checkpointing.interval: 3min\n"
            ),
            ["3min"]
        );
        assert_eq!(
            check(
                "config.yaml",
                "execution:\n  checkpointing:\n    interval: 3min\n    tolerable-failed-checkpoints: 0\n"
            ),
            ["0"]
        );
        for (name, text) in [
            (
                "flink-conf.yaml",
                "execution.checkpointing.interval: 3min\nexecution.checkpointing.tolerable-failed-checkpoints: 3\n",
            ),
            // Set to something unknown still counts as set.
            (
                "flink-conf.yaml",
                "execution.checkpointing.interval: 3min\nexecution.checkpointing.tolerable-failed-checkpoints: ${N}\n",
            ),
            // Checkpointing off.
            ("flink-conf.yaml", "taskmanager.numberOfTaskSlots: 4\n"),
            ("flink-conf.yaml", "execution.checkpointing.interval: 0\n"),
            // A SQL script runs on a cluster configuration that is not in view.
            (
                "job.sql",
                "SET 'execution.checkpointing.interval' = '3min';\n",
            ),
        ] {
            assert!(check(name, text).is_empty(), "{name}: {text}");
        }
        let found = check_one(
            &RULE,
            "flink-conf.yaml",
            "execution.checkpointing.interval: 3min\n",
        );
        assert_eq!(
            found[0].help.as_deref(),
            Some(
                "set `execution.checkpointing.tolerable-failed-checkpoints` next to the interval, e.g. to 3"
            )
        );
    }

    #[test]
    fn kubernetes_deployments_are_whole_configurations_session_jobs_are_not() {
        let manifest = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nspec:\n  \
                        flinkConfiguration:\n    execution.checkpointing.interval: 2min\n---\n\
                        apiVersion: flink.apache.org/v1beta1\nkind: FlinkSessionJob\nspec:\n  \
                        deploymentName: shared\n  flinkConfiguration:\n    \
                        execution.checkpointing.interval: 2min\n---\n\
                        apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nspec:\n  \
                        flinkConfiguration:\n    execution.checkpointing.interval: 2min\n    \
                        execution.checkpointing.tolerable-failed-checkpoints: \"5\"\n";
        let found = check_one(&RULE, "k8s/jobs.yaml", manifest);
        let lines: Vec<u32> = found.iter().map(|d| d.start.line).collect();
        assert_eq!(lines, [5]);
    }

    #[test]
    fn report_unset_can_be_turned_off() {
        use bdl_core::{FileKind, LineIndex, RuleOptions};
        let text = "execution.checkpointing.interval: 3min\n";
        let file = ConfigFile::parse(FileKind::FlinkConf, text);
        let mut options = RuleOptions::defaults(CheckpointZeroFailureTolerance::META.options);
        options
            .set(
                CheckpointZeroFailureTolerance::META.options,
                "report-unset",
                "false",
            )
            .expect("valid option");
        let index = LineIndex::new(text);
        let mut out = Vec::new();
        let mut cx = Ctx::new(
            &CheckpointZeroFailureTolerance::META,
            &options,
            "flink-conf.yaml",
            text,
            &index,
            &mut out,
        );
        RULE.check_config(&file, &mut cx);
        assert!(out.is_empty());
    }

    #[test]
    fn test_sources_are_skipped_by_default() {
        let src = job("env.getCheckpointConfig().setTolerableCheckpointFailureNumber(0);");
        assert!(check_one(&RULE, "src/test/java/com/example/JobTest.java", &src).is_empty());
    }
}
