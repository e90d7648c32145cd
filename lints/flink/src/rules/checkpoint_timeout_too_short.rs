use std::time::Duration;

use bdl_core::{
    Ctx, OptionKind, OptionMeta, RuleMeta, Severity, TestSources, declare_rule, format_duration,
};
use bdl_syntax::java::fold::Certainty;
use bdl_syntax::{ConfigFile, JavaFile, Rule};

use crate::settings::{CHECKPOINT_INTERVAL, CHECKPOINT_TIMEOUT, Occurrence, Settings};

declare_rule! {
    /// ## What it does
    /// Flags a checkpoint timeout that discards checkpoints before they can complete:
    /// - a timeout below `min-timeout` (default `1min`) is a warning;
    /// - a timeout shorter than the checkpoint interval of the same configuration is info.
    ///
    /// It reads `execution.checkpointing.timeout` in `flink-conf.yaml`, `config.yaml`, SQL
    /// `SET` statements and the `spec.flinkConfiguration` of Kubernetes `FlinkDeployment` /
    /// `FlinkSessionJob` resources, and in Java
    /// `env.getCheckpointConfig().setCheckpointTimeout(ms)`, configuration writes by key or
    /// option constant (`CheckpointingOptions.CHECKPOINTING_TIMEOUT`,
    /// `ExecutionCheckpointingOptions.CHECKPOINTING_TIMEOUT` before Flink 2.0) and `SET`
    /// statements passed to `executeSql`. A value that is only a runtime parameter's default
    /// is reported as info.
    ///
    /// The comparison with the interval is made within one configuration: one configuration
    /// file, SQL script or Kubernetes resource, or one Java file, and only when every interval
    /// set there is known. Flink applies a timeout or interval set in code over the cluster's
    /// configuration file, so a cluster file's interval is not compared with a job's timeout.
    ///
    /// ## Why is this bad?
    /// A checkpoint that does not complete within the timeout is discarded, and an expired
    /// checkpoint counts as a failed checkpoint: with the default of zero tolerable failures
    /// (see FLK007) the job restarts. Under backpressure or with growing state, checkpoints
    /// take longer, so a short timeout turns a slow phase into a restart loop, which makes the
    /// backlog and the next checkpoint longer still. Flink's default timeout is 10 minutes.
    ///
    /// A timeout shorter than the interval gives up on a checkpoint although the next one is
    /// not due yet: the checkpoint could have used the rest of the interval.
    ///
    /// ## Example
    /// ```java file=Job.java bad
    /// import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
    ///
    /// public class Job {
    ///     public static void main(String[] args) throws Exception {
    ///         StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    ///         env.enableCheckpointing(60_000);
    ///         env.getCheckpointConfig().setCheckpointTimeout(10_000);
    ///         env.fromSequence(1, 100).print();
    ///         env.execute("job");
    ///     }
    /// }
    /// ```
    ///
    /// ```yaml file=flink-conf.yaml bad
    /// execution.checkpointing.interval: 10min
    /// execution.checkpointing.timeout: 5min
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
    ///         env.enableCheckpointing(60_000);
    ///         env.getCheckpointConfig().setCheckpointTimeout(600_000);
    ///         env.fromSequence(1, 100).print();
    ///         env.execute("job");
    ///     }
    /// }
    /// ```
    ///
    /// ```yaml file=flink-conf.yaml good
    /// execution.checkpointing.interval: 10min
    /// execution.checkpointing.timeout: 15min
    /// ```
    ///
    /// ## How to fix
    /// Raise the timeout well above the time checkpoints take under load (Web UI, Checkpoints
    /// tab, end-to-end duration), and at least to the interval; or remove the setting and keep
    /// Flink's 10 minute default. If checkpoints take too long, make them cheaper (incremental
    /// RocksDB checkpoints, unaligned checkpoints under backpressure) rather than cutting them
    /// off. Tiny values in MiniCluster tests are fine: test sources are skipped by default.
    ///
    /// ## Options
    /// - `min-timeout` (duration, default `1min`): timeouts below this are warnings.
    /// - `lint-test-sources` (boolean, default `false`): also lint test sources (`src/test/**`,
    ///   `*Test.java`, `*IT.java`, `*ITCase.java`), which deliberately use tiny values.
    ///
    /// ## References
    /// - Flink configuration, Checkpointing (`execution.checkpointing.timeout`, default
    ///   `10 min`; `execution.checkpointing.tolerable-failed-checkpoints`, which counts
    ///   expired checkpoints):
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/deployment/config/#checkpointing>
    /// - Flink docs, Checkpointing (checkpoint timeout):
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/dev/datastream/fault-tolerance/checkpointing/>
    /// - Flink docs, Tuning Checkpoints and Large State:
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/ops/state/large_state_tuning/>
    pub CheckpointTimeoutTooShort {
        code: "FLK006",
        name: "checkpoint-timeout-too-short",
        summary: "checkpoint timeout discards checkpoints before they can complete",
        severity: Warning,
        kinds: [Java, FlinkConf, FlinkYaml, FlinkSql, FlinkK8s],
        triggers: [
            "setCheckpointTimeout",
            "execution.checkpointing.timeout",
            "CHECKPOINTING_TIMEOUT",
        ],
        options: [
            OptionMeta {
                name: "min-timeout",
                kind: OptionKind::Duration,
                default: "1min",
                doc: "Checkpoint timeouts below this are warnings.",
            },
            TestSources::SKIP_BY_DEFAULT,
        ],
    }
}

/// Flink's `CheckpointCoordinatorConfiguration.MINIMAL_CHECKPOINT_TIME`: Flink rejects a
/// shorter timeout.
const FLINK_MINIMUM: Duration = Duration::from_millis(10);

impl Rule for CheckpointTimeoutTooShort {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        check(
            &Settings::java(file, &[&CHECKPOINT_TIMEOUT, &CHECKPOINT_INTERVAL]),
            cx,
        );
    }

    fn check_config(&self, file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
        check(
            &Settings::config(file, &[&CHECKPOINT_TIMEOUT, &CHECKPOINT_INTERVAL]),
            cx,
        );
    }
}

fn check(found: &Settings<'_>, cx: &mut Ctx<'_>) {
    let min_timeout = cx
        .options()
        .duration("min-timeout")
        .unwrap_or(Duration::from_secs(60));
    for timeout in found.in_effect(&CHECKPOINT_TIMEOUT) {
        let Some(value) = timeout.duration() else {
            continue;
        };
        let shown = match value.certainty {
            Certainty::Certain => format!("{},", format_duration(value.value)),
            Certainty::Default => format!(
                "{}, the default of a runtime parameter,",
                format_duration(value.value)
            ),
        };
        let capped = |severity| match value.certainty {
            Certainty::Certain => severity,
            Certainty::Default => Severity::Info,
        };
        let (severity, message, help) = if value.value < FLINK_MINIMUM {
            (
                capped(Severity::Warning),
                format!(
                    "checkpoint timeout is {shown} below Flink's {} minimum: the job is rejected",
                    format_duration(FLINK_MINIMUM)
                ),
                "set a timeout of minutes, or remove it to keep Flink's 10min default".to_owned(),
            )
        } else if value.value < min_timeout {
            (
                capped(Severity::Warning),
                format!(
                    "checkpoint timeout is {shown} below {}: slower checkpoints are discarded \
                     and count as failures",
                    format_duration(min_timeout)
                ),
                match value.certainty {
                    Certainty::Certain => format!(
                        "raise the timeout to at least {}, or remove it to keep Flink's 10min default",
                        format_duration(min_timeout)
                    ),
                    Certainty::Default => format!(
                        "raise the parameter's default to at least {}",
                        format_duration(min_timeout)
                    ),
                },
            )
        } else if let Some(interval) = shortest_interval(found, timeout)
            && value.value < interval
        {
            (
                Severity::Info,
                format!(
                    "checkpoint timeout is {shown} shorter than the {} checkpoint interval: a \
                     checkpoint is given up before the next one is due",
                    format_duration(interval)
                ),
                "raise the timeout to at least the interval".to_owned(),
            )
        } else {
            continue;
        };
        let mut reported = cx.report(severity, timeout.span, message);
        reported.help(help);
        if let Some(defined_at) = value.defined_at {
            reported.label(defined_at, "timeout defined here");
        }
    }
}

/// The shortest checkpoint interval of the timeout's configuration, when every interval set
/// there is known for certain and checkpointing is on (at least Flink's 10 ms minimum).
fn shortest_interval(found: &Settings<'_>, timeout: &Occurrence) -> Option<Duration> {
    let mut shortest: Option<Duration> = None;
    for interval in found.in_effect(&CHECKPOINT_INTERVAL) {
        if interval.scope != timeout.scope {
            continue;
        }
        let value = interval.duration()?;
        if value.certainty != Certainty::Certain || value.value < FLINK_MINIMUM {
            return None;
        }
        shortest = Some(shortest.map_or(value.value, |s| s.min(value.value)));
    }
    shortest
}

#[cfg(test)]
mod tests {
    use bdl_core::Diagnostic;
    use bdl_syntax::check_one;

    use super::*;

    const RULE: CheckpointTimeoutTooShort = CheckpointTimeoutTooShort;

    fn job(body: &str) -> String {
        format!(
            "package com.example;\n\
             import java.time.Duration;\n\
             import org.apache.flink.api.java.utils.ParameterTool;\n\
             import org.apache.flink.configuration.Configuration;\n\
             import org.apache.flink.streaming.api.environment.ExecutionCheckpointingOptions;\n\
             import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;\n\
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

    fn severities(found: &[Diagnostic]) -> Vec<Severity> {
        found.iter().map(|d| d.severity).collect()
    }

    #[test]
    fn triggers_cover_every_way_to_set_the_timeout() {
        let missing = crate::settings::missing_triggers(
            CheckpointTimeoutTooShort::META.triggers,
            &[&CHECKPOINT_TIMEOUT],
        );
        assert!(missing.is_empty(), "{missing:?}");
    }

    #[test]
    fn short_timeouts_are_warnings() {
        let src = job("env.getCheckpointConfig().setCheckpointTimeout(10_000);");
        let found = check_one(&RULE, "Job.java", &src);
        assert_eq!(severities(&found), [Severity::Warning]);
        assert_eq!(found[0].span.slice(&src), "10_000");
        assert_eq!(
            found[0].message,
            "checkpoint timeout is 10s, below 1min: slower checkpoints are discarded and count \
             as failures"
        );
        assert_eq!(
            found[0].help.as_deref(),
            Some("raise the timeout to at least 1min, or remove it to keep Flink's 10min default")
        );
        assert!(java("env.getCheckpointConfig().setCheckpointTimeout(60_000);").is_empty());
        let found = java("env.getCheckpointConfig().setCheckpointTimeout(0);");
        assert_eq!(
            found[0].message,
            "checkpoint timeout is 0ms, below Flink's 10ms minimum: the job is rejected"
        );
        // Through the configuration, in every form.
        for body in [
            "Configuration c = new Configuration(); c.set(ExecutionCheckpointingOptions.CHECKPOINTING_TIMEOUT, Duration.ofSeconds(30));",
            "Configuration c = new Configuration(); c.setString(\"execution.checkpointing.timeout\", \"30 s\");",
        ] {
            assert_eq!(severities(&java(body)), [Severity::Warning], "{body}");
        }
    }

    #[test]
    fn runtime_defaults_and_unknowns() {
        let found = java(
            "env.getCheckpointConfig().setCheckpointTimeout(params.getLong(\"timeout\", 5_000L));",
        );
        assert_eq!(severities(&found), [Severity::Info]);
        assert!(
            found[0]
                .message
                .contains("the default of a runtime parameter")
        );
        assert!(
            java("env.getCheckpointConfig().setCheckpointTimeout(params.getLong(\"timeout\"));")
                .is_empty()
        );
        assert!(java("other.setCheckpointTimeout(1000);").is_empty());
    }

    #[test]
    fn a_timeout_shorter_than_the_interval_is_info() {
        let src = job(
            "env.enableCheckpointing(600_000); env.getCheckpointConfig().setCheckpointTimeout(300_000);",
        );
        let found = check_one(&RULE, "Job.java", &src);
        assert_eq!(severities(&found), [Severity::Info]);
        assert_eq!(
            found[0].message,
            "checkpoint timeout is 5min, shorter than the 10min checkpoint interval: a checkpoint \
             is given up before the next one is due"
        );
        // Every interval must be known, and the shortest counts.
        for body in [
            "env.enableCheckpointing(params.getLong(\"i\", 600_000L)); env.getCheckpointConfig().setCheckpointTimeout(300_000);",
            "env.enableCheckpointing(600_000); env.getCheckpointConfig().setCheckpointInterval(readInterval()); env.getCheckpointConfig().setCheckpointTimeout(300_000);",
            "env.enableCheckpointing(600_000); env.getCheckpointConfig().setCheckpointInterval(120_000); env.getCheckpointConfig().setCheckpointTimeout(300_000);",
            "env.getCheckpointConfig().setCheckpointTimeout(300_000);",
        ] {
            assert!(java(body).is_empty(), "{body}");
        }
    }

    #[test]
    fn configuration_files_compare_within_one_configuration() {
        let check = |name: &str, text: &str| -> Vec<(Severity, String)> {
            check_one(&RULE, name, text)
                .iter()
                .map(|d| (d.severity, d.span.slice(text).to_owned()))
                .collect()
        };
        assert_eq!(
            check("flink-conf.yaml", "execution.checkpointing.timeout: 30 s\n"),
            [(Severity::Warning, "30 s".to_owned())]
        );
        assert_eq!(
            check(
                "config.yaml",
                "execution:\n  checkpointing:\n    interval: 10min\n    timeout: 5min\n"
            ),
            [(Severity::Info, "5min".to_owned())]
        );
        // The effective definition counts.
        assert!(
            check(
                "flink-conf.yaml",
                "execution.checkpointing.timeout: 10s\nexecution.checkpointing.timeout: 10min\n"
            )
            .is_empty()
        );
        // Every SET statement runs.
        assert_eq!(
            check(
                "job.sql",
                "SET 'execution.checkpointing.timeout' = '20s';\nSET 'execution.checkpointing.timeout' = '10min';\n"
            ),
            [(Severity::Warning, "20s".to_owned())]
        );
        // One resource's interval says nothing about another's timeout.
        let manifest = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nspec:\n  \
                        flinkConfiguration:\n    execution.checkpointing.interval: 30min\n---\n\
                        apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nspec:\n  \
                        flinkConfiguration:\n    execution.checkpointing.timeout: 15min\n";
        assert!(check("k8s/jobs.yaml", manifest).is_empty());
    }

    #[test]
    fn test_sources_are_skipped_by_default() {
        let src = job("env.getCheckpointConfig().setCheckpointTimeout(1000);");
        assert!(check_one(&RULE, "src/test/java/com/example/JobTest.java", &src).is_empty());
    }
}
