use std::time::Duration;

use bdl_core::{
    Ctx, OptionKind, OptionMeta, RuleMeta, Severity, Span, TestSources, declare_rule,
    format_duration,
};
use bdl_syntax::java::fold::{Certainty, Folded};
use bdl_syntax::{ConfigFile, JavaFile, Rule};

use crate::settings::{CHECKPOINT_INTERVAL, Settings};

declare_rule! {
    /// ## What it does
    /// Flags a checkpoint interval that is too short for checkpoints to complete: an error
    /// below `error-below` (default `1s`), a warning below `min-interval` (default `10s`).
    ///
    /// It reads the interval from:
    /// - Java: `env.enableCheckpointing(interval[, mode])` on a `StreamExecutionEnvironment`
    ///   (or `LocalStreamEnvironment` / `RemoteStreamEnvironment`), and
    ///   `setCheckpointInterval(interval)` on the environment's `CheckpointConfig`; the
    ///   argument is folded through constants, arithmetic, `TimeUnit.X.toMillis(n)` and
    ///   `Duration.ofX(n).toMillis()`;
    /// - Java configuration writes of `execution.checkpointing.interval`:
    ///   `conf.setString("execution.checkpointing.interval", "5 s")`,
    ///   `conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(5))` (also
    ///   through `ExecutionCheckpointingOptions`, Flink 1.20 and earlier),
    ///   `tEnv.getConfig().set("execution.checkpointing.interval", "5s")`; a write to a receiver
    ///   that is provably not Flink's configuration (a Hadoop `Configuration`, `Properties`, an
    ///   in-house class) does not count;
    /// - SQL run from Java: `tEnv.executeSql("SET 'execution.checkpointing.interval' = '2s'")`
    ///   on a `TableEnvironment` / `StreamTableEnvironment`;
    /// - configuration: `execution.checkpointing.interval` in `flink-conf.yaml`, in
    ///   `config.yaml` (nested keys count the same as the dotted key), in Flink SQL
    ///   `SET 'execution.checkpointing.interval' = '2s';` statements and in the
    ///   `spec.flinkConfiguration` of Kubernetes `FlinkDeployment` / `FlinkSessionJob`
    ///   resources (each resource of a multi-document file on its own). Values are Flink
    ///   duration strings; a bare number is milliseconds.
    ///
    /// A value that is only the default of a runtime parameter
    /// (`params.getLong("interval", 5000L)`) is reported as `info`: the job may run with
    /// another value.
    ///
    /// Deliberately not reported:
    /// - values that cannot be proven (a method call, `params.getLong(key)` without default);
    /// - calls on receivers that are not provably a Flink environment or checkpoint config,
    ///   and files that do not refer to Flink at all;
    /// - an interval of `0`: it is not a short interval. Flink's own setters reject any value
    ///   below 10 ms (`MINIMAL_CHECKPOINT_TIME`), and a configured value below 10 ms leaves
    ///   periodic checkpoints off. Positive values below 10 ms are reported as errors;
    /// - `execution.checkpointing.interval-during-backlog` / `setCheckpointIntervalDuringBacklog`:
    ///   Flink requires it to be `0` (no checkpoints during backlog) or at least the regular
    ///   interval, so a too-short backlog interval implies a too-short regular interval, which
    ///   is what this rule reports.
    ///
    /// ## Why is this bad?
    /// Every checkpoint snapshots all operator state to durable storage. When a checkpoint takes
    /// longer than the interval, Flink starts the next one as soon as the previous completes, so
    /// "the system is constantly taking checkpoints" and "too many resources are constantly tied
    /// up in checkpointing", leaving operators too little progress (Flink docs, Tuning
    /// Checkpointing). The result is IO pressure on the checkpoint storage, backpressure and
    /// checkpoint timeouts that restart the job. An interval of a few seconds only works for tiny
    /// state; production jobs typically checkpoint every one to a few minutes (Flink's own
    /// `config.yaml` template uses `3min`).
    ///
    /// ## Example
    /// ```java file=Job.java bad
    /// import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
    ///
    /// public class Job {
    ///     public static void main(String[] args) throws Exception {
    ///         StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    ///         env.enableCheckpointing(1000);
    ///         env.fromSequence(1, 100).print();
    ///         env.execute("job");
    ///     }
    /// }
    /// ```
    ///
    /// ```yaml file=flink-conf.yaml bad
    /// execution.checkpointing.interval: 1s
    /// ```
    ///
    /// Use instead:
    ///
    /// ```java file=Job.java good
    /// import java.time.Duration;
    /// import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
    ///
    /// public class Job {
    ///     public static void main(String[] args) throws Exception {
    ///         StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    ///         env.enableCheckpointing(Duration.ofMinutes(2).toMillis());
    ///         env.fromSequence(1, 100).print();
    ///         env.execute("job");
    ///     }
    /// }
    /// ```
    ///
    /// ```yaml file=flink-conf.yaml good
    /// execution.checkpointing.interval: 2min
    /// ```
    ///
    /// ## How to fix
    /// Raise the interval to at least `min-interval`; 1 to 3 minutes suits most jobs. If the job
    /// needs low end-to-end latency for transactional sinks, measure how long checkpoints take
    /// (Web UI, Checkpoints tab) and keep the interval well above that, and set
    /// `execution.checkpointing.min-pause` so slow checkpoints cannot run back to back. Tiny
    /// intervals in MiniCluster tests are fine: test sources are skipped by default.
    ///
    /// ## Options
    /// - `min-interval` (duration, default `10s`): intervals below this are warnings.
    /// - `error-below` (duration, default `1s`): intervals below this are errors.
    /// - `lint-test-sources` (boolean, default `false`): also lint test sources (`src/test/**`,
    ///   `*Test.java`, `*IT.java`, `*ITCase.java`), which deliberately use tiny values.
    ///
    /// ## References
    /// - Flink docs, Checkpointing:
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/dev/datastream/fault-tolerance/checkpointing/>
    /// - Flink docs, Tuning Checkpoints and Large State:
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/ops/state/large_state_tuning/#tuning-checkpointing>
    /// - Flink configuration, Checkpointing (`execution.checkpointing.interval`, no default:
    ///   checkpointing is off unless set):
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/deployment/config/#checkpointing>
    pub CheckpointIntervalTooShort {
        code: "FLK001",
        name: "checkpoint-interval-too-short",
        summary: "checkpoint interval too short for checkpoints to complete",
        severity: Error,
        kinds: [Java, FlinkConf, FlinkYaml, FlinkSql, FlinkK8s],
        triggers: [
            "enableCheckpointing",
            "setCheckpointInterval",
            "execution.checkpointing.interval",
            "CHECKPOINTING_INTERVAL",
        ],
        options: [
            OptionMeta {
                name: "min-interval",
                kind: OptionKind::Duration,
                default: "10s",
                doc: "Checkpoint intervals below this are warnings.",
            },
            OptionMeta {
                name: "error-below",
                kind: OptionKind::Duration,
                default: "1s",
                doc: "Checkpoint intervals below this are errors.",
            },
            TestSources::SKIP_BY_DEFAULT,
        ],
    }
}

/// Flink's `CheckpointCoordinatorConfiguration.MINIMAL_CHECKPOINT_TIME`.
const FLINK_MINIMUM: Duration = Duration::from_millis(10);

const DEFAULT_MIN_INTERVAL: Duration = Duration::from_secs(10);
const DEFAULT_ERROR_BELOW: Duration = Duration::from_secs(1);

/// The thresholds in effect for one file.
#[derive(Clone, Copy, Debug)]
struct Limits {
    min_interval: Duration,
    error_below: Duration,
}

impl Limits {
    fn of(cx: &Ctx<'_>) -> Self {
        let options = cx.options();
        Self {
            min_interval: options
                .duration("min-interval")
                .unwrap_or(DEFAULT_MIN_INTERVAL),
            error_below: options
                .duration("error-below")
                .unwrap_or(DEFAULT_ERROR_BELOW),
        }
    }
}

/// What to report for an interval, if anything.
struct Finding {
    severity: Severity,
    message: String,
    help: String,
}

/// The severity ladder: nothing for `0` or for intervals at or above both thresholds; an error
/// below Flink's 10 ms minimum or below `error-below`; a warning below `min-interval`. A value
/// that is only a runtime parameter's default is capped at info.
fn assess(found: Duration, certainty: Certainty, limits: Limits) -> Option<Finding> {
    if found.is_zero() {
        return None;
    }
    // "is 1s," or "is 1s, the default of a runtime parameter,".
    let shown = match certainty {
        Certainty::Certain => format!("{},", format_duration(found)),
        Certainty::Default => format!(
            "{}, the default of a runtime parameter,",
            format_duration(found)
        ),
    };
    let (severity, message) = if found < FLINK_MINIMUM {
        (
            Severity::Error,
            format!(
                "checkpoint interval is {shown} below Flink's {} minimum",
                format_duration(FLINK_MINIMUM)
            ),
        )
    } else if found < limits.error_below {
        (
            Severity::Error,
            format!(
                "checkpoint interval is {shown} below {}: checkpoints will run back to back",
                format_duration(limits.error_below)
            ),
        )
    } else if found < limits.min_interval {
        (
            Severity::Warning,
            format!(
                "checkpoint interval is {shown} below the {} minimum",
                format_duration(limits.min_interval)
            ),
        )
    } else {
        return None;
    };
    let target = limits.min_interval.max(limits.error_below);
    let typical = if target <= Duration::from_secs(60) {
        "; 1-3min suits most jobs"
    } else {
        ""
    };
    let help = match certainty {
        Certainty::Certain => format!(
            "raise the interval to at least {}{typical}",
            format_duration(target)
        ),
        Certainty::Default => format!(
            "raise the parameter's default to at least {}{typical}",
            format_duration(target)
        ),
    };
    let severity = match certainty {
        Certainty::Certain => severity,
        Certainty::Default => Severity::Info,
    };
    Some(Finding {
        severity,
        message,
        help,
    })
}

impl CheckpointIntervalTooShort {
    fn report(cx: &mut Ctx<'_>, span: Span, folded: Folded<Duration>, limits: Limits) {
        let Some(finding) = assess(folded.value, folded.certainty, limits) else {
            return;
        };
        let mut reported = cx.report(finding.severity, span, finding.message);
        reported.help(finding.help);
        if let Some(defined_at) = folded.defined_at {
            reported.label(defined_at, "interval defined here");
        }
    }
}

impl Rule for CheckpointIntervalTooShort {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        let found = Settings::java(file, &[&CHECKPOINT_INTERVAL]);
        Self::report_all(cx, &found);
    }

    fn check_config(&self, file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
        let found = Settings::config(file, &[&CHECKPOINT_INTERVAL]);
        Self::report_all(cx, &found);
    }
}

impl CheckpointIntervalTooShort {
    /// Every interval that takes effect: each one set in Java or in a SQL script (every
    /// statement runs), the effective (last) definition of each YAML configuration.
    fn report_all(cx: &mut Ctx<'_>, found: &Settings<'_>) {
        let limits = Limits::of(cx);
        for occurrence in found.in_effect(&CHECKPOINT_INTERVAL) {
            if let Some(interval) = occurrence.duration() {
                Self::report(cx, occurrence.span, interval, limits);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use bdl_core::{Diagnostic, FileKind, LineIndex, RuleOptions};
    use bdl_syntax::{Entry, check_one};

    use super::*;

    const KEY: &str = "execution.checkpointing.interval";

    const RULE: CheckpointIntervalTooShort = CheckpointIntervalTooShort;

    /// A small job whose `main` body is `body`, with the usual imports.
    fn job(members: &str, body: &str) -> String {
        format!(
            "package com.example;\n\
             import java.time.Duration;\n\
             import java.util.concurrent.TimeUnit;\n\
             import org.apache.flink.api.java.utils.ParameterTool;\n\
             import org.apache.flink.configuration.CheckpointingOptions;\n\
             import org.apache.flink.configuration.Configuration;\n\
             import org.apache.flink.streaming.api.environment.CheckpointConfig;\n\
             import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;\n\
             public class Job {{\n\
             {members}\n\
             public static void main(String[] args) throws Exception {{\n\
             ParameterTool params = ParameterTool.fromArgs(args);\n\
             StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();\n\
             {body}\n\
             }}\n}}\n"
        )
    }

    fn java(members: &str, body: &str) -> Vec<Diagnostic> {
        check_one(
            &RULE,
            "src/main/java/com/example/Job.java",
            &job(members, body),
        )
    }

    fn severities(found: &[Diagnostic]) -> Vec<Severity> {
        found.iter().map(|d| d.severity).collect()
    }

    #[test]
    fn triggers_cover_every_way_to_set_the_interval() {
        let missing = crate::settings::missing_triggers(
            CheckpointIntervalTooShort::META.triggers,
            &[&CHECKPOINT_INTERVAL],
        );
        assert!(missing.is_empty(), "{missing:?}");
    }

    #[test]
    fn sql_set_statements_in_code() {
        let src = "import org.apache.flink.table.api.*;\n\
                   class Job { void m() {\n\
                   TableEnvironment tEnv = TableEnvironment.create(settings);\n\
                   tEnv.executeSql(\"SET 'execution.checkpointing.interval' = '500ms'\");\n\
                   tEnv.executeSql(\"SET 'execution.checkpointing.interval' = '3min'\");\n\
                   } }\n";
        let found = check_one(&RULE, "Job.java", src);
        assert_eq!(severities(&found), [Severity::Error]);
        assert_eq!(found[0].span.slice(src), "500ms");
    }

    #[test]
    fn ladder_error_warning_silent() {
        assert_eq!(
            severities(&java("", "env.enableCheckpointing(500);")),
            [Severity::Error]
        );
        assert_eq!(
            severities(&java("", "env.enableCheckpointing(1000);")),
            [Severity::Warning]
        );
        assert_eq!(
            severities(&java("", "env.enableCheckpointing(9_999);")),
            [Severity::Warning]
        );
        assert!(java("", "env.enableCheckpointing(10_000);").is_empty());
        assert!(java("", "env.enableCheckpointing(60_000);").is_empty());
    }

    #[test]
    fn messages_name_value_and_limit() {
        let found = java("", "env.enableCheckpointing(500);");
        assert_eq!(
            found[0].message,
            "checkpoint interval is 500ms, below 1s: checkpoints will run back to back"
        );
        assert_eq!(
            found[0].help.as_deref(),
            Some("raise the interval to at least 10s; 1-3min suits most jobs")
        );
        let found = java("", "env.enableCheckpointing(5000);");
        assert_eq!(
            found[0].message,
            "checkpoint interval is 5s, below the 10s minimum"
        );
        let found = java("", "env.enableCheckpointing(5);");
        assert_eq!(
            found[0].message,
            "checkpoint interval is 5ms, below Flink's 10ms minimum"
        );
        assert_eq!(found[0].severity, Severity::Error);
    }

    #[test]
    fn zero_negative_and_unknown_values_are_silent() {
        for body in [
            "env.enableCheckpointing(0);",
            "env.enableCheckpointing(-1);",
            "env.enableCheckpointing(params.getLong(\"interval\"));",
            "env.enableCheckpointing(computeInterval());",
            "long interval = 1000; interval = read(); env.enableCheckpointing(interval);",
        ] {
            assert!(java("", body).is_empty(), "{body}");
        }
    }

    #[test]
    fn folded_forms_are_reported_at_the_argument() {
        for (members, body, severity) in [
            ("", "env.enableCheckpointing(1000L * 5);", Severity::Warning),
            (
                "private static final long INTERVAL_MS = 2_000;",
                "env.enableCheckpointing(INTERVAL_MS);",
                Severity::Warning,
            ),
            (
                "",
                "env.enableCheckpointing(Duration.ofSeconds(5).toMillis());",
                Severity::Warning,
            ),
            (
                "",
                "env.enableCheckpointing(TimeUnit.MILLISECONDS.toMillis(200), null);",
                Severity::Error,
            ),
            (
                "",
                "env.getCheckpointConfig().setCheckpointInterval(3000);",
                Severity::Warning,
            ),
            (
                "",
                "CheckpointConfig cfg = env.getCheckpointConfig(); cfg.setCheckpointInterval(800);",
                Severity::Error,
            ),
            (
                "",
                "StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(2).enableCheckpointing(1000);",
                Severity::Warning,
            ),
        ] {
            let src = job(members, body);
            let found = check_one(&RULE, "Job.java", &src);
            assert_eq!(severities(&found), [severity], "{body}");
            // The finding covers exactly the interval argument.
            let flagged = found[0].span.slice(&src);
            assert!(
                src[..found[0].span.start].ends_with('('),
                "{body}: `{flagged}`"
            );
            assert!(
                !flagged.is_empty() && body.contains(flagged),
                "{body}: `{flagged}`"
            );
        }
    }

    #[test]
    fn constants_get_a_label_at_their_definition() {
        let found = java(
            "private static final long INTERVAL_MS = 2_000;",
            "env.enableCheckpointing(INTERVAL_MS);",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].labels.len(), 1);
        assert_eq!(found[0].labels[0].message, "interval defined here");
    }

    #[test]
    fn parameter_tool_default_is_info() {
        let found = java(
            "",
            "env.enableCheckpointing(params.getLong(\"checkpoint.interval\", 1000L));",
        );
        assert_eq!(severities(&found), [Severity::Info]);
        assert_eq!(
            found[0].message,
            "checkpoint interval is 1s, the default of a runtime parameter, below the 10s minimum"
        );
        assert!(
            found[0]
                .help
                .as_deref()
                .is_some_and(|h| h.contains("default"))
        );
        let found = java(
            "",
            "env.enableCheckpointing(params.getLong(\"checkpoint.interval\", 60_000L));",
        );
        assert!(found.is_empty());
    }

    #[test]
    fn unknown_receivers_and_non_flink_files_are_silent() {
        assert!(
            java(
                "",
                "Scheduler scheduler = new Scheduler(); scheduler.enableCheckpointing(1000);"
            )
            .is_empty()
        );
        assert!(
            java(
                "",
                "other.getCheckpointConfig().setCheckpointInterval(1000);"
            )
            .is_empty()
        );
        assert!(java("", "builder.setCheckpointInterval(1000);").is_empty());
        let plain = "package com.example;\n\
                     public class Pipeline {\n\
                     void start(StreamExecutionEnvironment env) { env.enableCheckpointing(1000); }\n\
                     }\n";
        assert!(check_one(&RULE, "Pipeline.java", plain).is_empty());
    }

    #[test]
    fn configuration_writes_in_java() {
        for (body, severity) in [
            (
                "Configuration conf = new Configuration(); conf.setString(\"execution.checkpointing.interval\", \"5 s\");",
                Severity::Warning,
            ),
            (
                "Configuration conf = new Configuration(); conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(500));",
                Severity::Error,
            ),
            (
                "Configuration conf = new Configuration(); conf.setLong(\"execution.checkpointing.interval\", 2000L);",
                Severity::Warning,
            ),
        ] {
            assert_eq!(severities(&java("", body)), [severity], "{body}");
        }
        for body in [
            "Configuration conf = new Configuration(); conf.setString(\"execution.checkpointing.interval\", \"3min\");",
            "Configuration conf = new Configuration(); conf.setString(\"execution.checkpointing.interval\", \"soon\");",
            "Configuration conf = new Configuration(); conf.setString(\"execution.checkpointing.timeout\", \"1s\");",
        ] {
            assert!(java("", body).is_empty(), "{body}");
        }
    }

    #[test]
    fn test_sources_are_skipped_by_default() {
        let src = job("", "env.enableCheckpointing(100);");
        assert!(check_one(&RULE, "src/test/java/com/example/JobTest.java", &src).is_empty());
        assert!(check_one(&RULE, "JobITCase.java", &src).is_empty());
        assert_eq!(
            check_one(&RULE, "src/main/java/com/example/Job.java", &src).len(),
            1
        );
    }

    /// Runs `check_config` on a hand-built configuration file.
    fn config(kind: FileKind, text: &str, entries: &[(&str, &str)]) -> Vec<Diagnostic> {
        let entries = entries
            .iter()
            .map(|(key, value)| {
                let start = text.find(value).unwrap_or(0);
                Entry {
                    key: (*key).to_owned(),
                    value: (*value).to_owned(),
                    key_span: Span::new(0, key.len()),
                    value_span: Span::new(start, start + value.len()),
                    is_final: false,
                }
            })
            .collect();
        let file = ConfigFile::from_entries(kind, text, entries);
        let options = RuleOptions::defaults(CheckpointIntervalTooShort::META.options);
        let index = LineIndex::new(text);
        let mut out = Vec::new();
        let mut cx = Ctx::new(
            &CheckpointIntervalTooShort::META,
            &options,
            "conf",
            text,
            &index,
            &mut out,
        );
        RULE.check_config(&file, &mut cx);
        out
    }

    #[test]
    fn configuration_files() {
        let text = "execution.checkpointing.interval: 500\n";
        let found = config(FileKind::FlinkConf, text, &[(KEY, "500")]);
        assert_eq!(severities(&found), [Severity::Error]);
        assert_eq!(found[0].span.slice(text), "500");

        let text = "execution:\n  checkpointing:\n    interval: 5 s\n";
        let found = config(FileKind::FlinkYaml, text, &[(KEY, "5 s")]);
        assert_eq!(severities(&found), [Severity::Warning]);
        assert_eq!(found[0].start.line, 3);

        for value in ["3min", "0", "soon", "-1s"] {
            let text = format!("execution.checkpointing.interval: {value}\n");
            assert!(
                config(FileKind::FlinkConf, &text, &[(KEY, value)]).is_empty(),
                "{value}"
            );
        }
        let text = "execution.checkpointing.timeout: 1s\n";
        assert!(
            config(
                FileKind::FlinkConf,
                text,
                &[("execution.checkpointing.timeout", "1s")]
            )
            .is_empty()
        );
    }

    #[test]
    fn yaml_uses_the_effective_value_and_sql_every_set() {
        let text = "execution.checkpointing.interval: 1s\nexecution.checkpointing.interval: 3min\n";
        assert!(config(FileKind::FlinkConf, text, &[(KEY, "1s"), (KEY, "3min")]).is_empty());
        let text = "SET 'execution.checkpointing.interval' = '2s';\nINSERT INTO a SELECT 1;\nSET 'execution.checkpointing.interval' = '3min';\n";
        let found = config(FileKind::FlinkSql, text, &[(KEY, "2s"), (KEY, "3min")]);
        assert_eq!(severities(&found), [Severity::Warning]);
        assert_eq!(found[0].start.line, 1);
    }
}
