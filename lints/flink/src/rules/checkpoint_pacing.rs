use std::time::Duration;

use bdl_core::{
    Ctx, OptionKind, OptionMeta, RuleMeta, Severity, TestSources, declare_rule, format_duration,
};
use bdl_syntax::java::fold::Certainty;
use bdl_syntax::{ConfigFile, JavaFile, Rule};

use crate::settings::{CHECKPOINT_INTERVAL, MAX_CONCURRENT, MIN_PAUSE, Occurrence, Settings};

declare_rule! {
    /// ## What it does
    /// Flags checkpoints that are not paced:
    /// - a minimum pause between checkpoints set below `min-pause` (default `1s`), including
    ///   an explicit `0`, reported at the pause (warning; info when every checkpoint interval
    ///   of the same configuration is known and at least `pause-needed-below`, where only
    ///   checkpoints that take minutes run back to back);
    /// - a checkpoint interval below `pause-needed-below` (default `60s`) in a configuration
    ///   that sets no minimum pause at all, so Flink's default of `0` applies; reported at the
    ///   interval (warning);
    /// - more than `max-concurrent` (default `1`) checkpoints allowed at the same time (info).
    ///
    /// It reads every place a job sets these: `execution.checkpointing.min-pause`,
    /// `execution.checkpointing.max-concurrent-checkpoints` and the interval in
    /// `flink-conf.yaml`, `config.yaml`, SQL `SET` statements and the `spec.flinkConfiguration`
    /// of Kubernetes `FlinkDeployment` / `FlinkSessionJob` resources; in Java
    /// `env.getCheckpointConfig().setMinPauseBetweenCheckpoints(ms)`,
    /// `setMaxConcurrentCheckpoints(n)`, `env.enableCheckpointing(ms)`, configuration writes by
    /// key or option constant (`CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS`,
    /// `ExecutionCheckpointingOptions.*` before Flink 2.0) and `SET` statements passed to
    /// `executeSql`. A value that is only a runtime parameter's default is reported as info.
    ///
    /// The missing pause is claimed only where the file shows the whole picture: in each
    /// configuration file, SQL script or Kubernetes resource, and in a Java file, when no
    /// minimum pause is set or even mentioned anywhere in it (a helper method, a receiver that
    /// cannot be resolved, a comment all count as "maybe set") and the file does not load
    /// configuration from elsewhere (`GlobalConfiguration.loadConfiguration`,
    /// `env.configure(conf)`). Flink applies settings made in code over the cluster's
    /// configuration file, and a cluster file may set a pause that a job's code does not
    /// show: set the pause next to the interval, where it documents itself and survives a
    /// cluster change.
    ///
    /// ## Why is this bad?
    /// When a checkpoint takes longer than the interval, the next one starts as soon as it
    /// completes. With state growing or slow checkpoint storage "the system is constantly
    /// taking checkpoints", "too many resources are constantly tied up in checkpointing" and
    /// operators "make too little progress" (Flink docs, Tuning Checkpointing). The minimum
    /// pause guarantees time for processing between two checkpoints; Flink's default is `0`,
    /// and a pause of a few hundred milliseconds (as in the documentation's sample,
    /// `setMinPauseBetweenCheckpoints(500)`) still runs checkpoints back to back in practice.
    /// AWS Managed Service for Apache Flink uses a 5 s minimum pause by default.
    ///
    /// Several checkpoints in flight at once "often ties up too many resources" for jobs with
    /// large state (same page); Flink's documentation also notes that concurrent checkpoints
    /// cannot be combined with a minimum pause.
    ///
    /// ## Example
    /// ```java file=Job.java bad
    /// import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
    ///
    /// public class Job {
    ///     public static void main(String[] args) throws Exception {
    ///         StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    ///         env.enableCheckpointing(30_000);
    ///         env.getCheckpointConfig().setMinPauseBetweenCheckpoints(500);
    ///         env.fromSequence(1, 100).print();
    ///         env.execute("job");
    ///     }
    /// }
    /// ```
    ///
    /// ```yaml file=flink-conf.yaml bad
    /// execution.checkpointing.interval: 20s
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
    ///         env.enableCheckpointing(30_000);
    ///         env.getCheckpointConfig().setMinPauseBetweenCheckpoints(15_000);
    ///         env.fromSequence(1, 100).print();
    ///         env.execute("job");
    ///     }
    /// }
    /// ```
    ///
    /// ```yaml file=flink-conf.yaml good
    /// execution.checkpointing.interval: 20s
    /// execution.checkpointing.min-pause: 10s
    /// ```
    ///
    /// ## How to fix
    /// Set `execution.checkpointing.min-pause` (`setMinPauseBetweenCheckpoints` in code) next
    /// to the interval, to at least a few seconds; half the interval is a common choice. Keep
    /// `max-concurrent-checkpoints` at 1 and use the pause, or unaligned checkpoints under
    /// backpressure, instead of overlapping checkpoints. Tiny values in MiniCluster tests are
    /// fine: test sources are skipped by default.
    ///
    /// An interval below FLK001's minimum without a pause gets a finding from each rule at the
    /// same place, on purpose: they ask for different changes, and raising the interval to
    /// FLK001's minimum (`10s`) still leaves checkpoints unpaced.
    ///
    /// ## Options
    /// - `min-pause` (duration, default `1s`): a minimum pause set below this is a warning.
    /// - `pause-needed-below` (duration, default `60s`): an interval below this needs a
    ///   minimum pause; one without is a warning.
    /// - `max-concurrent` (integer, default `1`): allowing more concurrent checkpoints than this
    ///   is reported as info.
    /// - `lint-test-sources` (boolean, default `false`): also lint test sources (`src/test/**`,
    ///   `*Test.java`, `*IT.java`, `*ITCase.java`), which deliberately use tiny values.
    ///
    /// ## References
    /// - Flink docs, Tuning Checkpointing:
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/ops/state/large_state_tuning/#tuning-checkpointing>
    /// - Flink docs, Checkpointing (minimum time between checkpoints, number of concurrent
    ///   checkpoints):
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/dev/datastream/fault-tolerance/checkpointing/>
    /// - Flink configuration, Checkpointing (`execution.checkpointing.min-pause`, default `0 ms`;
    ///   `execution.checkpointing.max-concurrent-checkpoints`, default `1`):
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/deployment/config/#checkpointing>
    /// - AWS Managed Service for Apache Flink, `CheckpointConfiguration` (default minimum pause
    ///   5000 ms):
    ///   <https://docs.aws.amazon.com/managed-flink/latest/apiv2/API_CheckpointConfiguration.html>
    pub CheckpointPacing {
        code: "FLK005",
        name: "checkpoint-pacing",
        summary: "checkpoints can run back to back: no or too short a minimum pause",
        severity: Warning,
        kinds: [Java, FlinkConf, FlinkYaml, FlinkSql, FlinkK8s],
        triggers: [
            "setMinPauseBetweenCheckpoints",
            "execution.checkpointing.min-pause",
            "MIN_PAUSE_BETWEEN_CHECKPOINTS",
            "setMaxConcurrentCheckpoints",
            "execution.checkpointing.max-concurrent-checkpoints",
            "MAX_CONCURRENT_CHECKPOINTS",
            "enableCheckpointing",
            "setCheckpointInterval",
            "execution.checkpointing.interval",
            "CHECKPOINTING_INTERVAL",
        ],
        options: [
            OptionMeta {
                name: "min-pause",
                kind: OptionKind::Duration,
                default: "1s",
                doc: "A minimum pause between checkpoints set below this is a warning.",
            },
            OptionMeta {
                name: "pause-needed-below",
                kind: OptionKind::Duration,
                default: "60s",
                doc: "A checkpoint interval below this without a minimum pause is a warning.",
            },
            OptionMeta {
                name: "max-concurrent",
                kind: OptionKind::Integer,
                default: "1",
                doc: "Allowing more concurrent checkpoints than this is reported as info.",
            },
            TestSources::SKIP_BY_DEFAULT,
        ],
    }
}

/// Flink's `CheckpointCoordinatorConfiguration.MINIMAL_CHECKPOINT_TIME`: a shorter interval
/// leaves periodic checkpoints off, so there is nothing to pace.
const FLINK_MINIMUM: Duration = Duration::from_millis(10);

/// The thresholds in effect for one file.
#[derive(Clone, Copy, Debug)]
struct Limits {
    min_pause: Duration,
    pause_needed_below: Duration,
    max_concurrent: i64,
}

impl Limits {
    fn of(cx: &Ctx<'_>) -> Self {
        let options = cx.options();
        Self {
            min_pause: options
                .duration("min-pause")
                .unwrap_or(Duration::from_secs(1)),
            pause_needed_below: options
                .duration("pause-needed-below")
                .unwrap_or(Duration::from_secs(60)),
            max_concurrent: options.integer("max-concurrent").unwrap_or(1),
        }
    }
}

impl Rule for CheckpointPacing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        let found = Settings::java(file, &[&CHECKPOINT_INTERVAL, &MIN_PAUSE, &MAX_CONCURRENT]);
        check(&found, cx);
    }

    fn check_config(&self, file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
        let found = Settings::config(file, &[&CHECKPOINT_INTERVAL, &MIN_PAUSE, &MAX_CONCURRENT]);
        check(&found, cx);
    }
}

fn check(found: &Settings<'_>, cx: &mut Ctx<'_>) {
    let limits = Limits::of(cx);
    for pause in found.in_effect(&MIN_PAUSE) {
        // With every interval of its configuration known to be long, a short pause matters
        // only for checkpoints that take minutes: information rather than a warning.
        let intervals: Vec<&Occurrence> = found
            .in_effect(&CHECKPOINT_INTERVAL)
            .into_iter()
            .filter(|i| i.scope == pause.scope)
            .collect();
        let long_intervals = !intervals.is_empty()
            && intervals.iter().all(|i| {
                i.duration().is_some_and(|d| {
                    d.certainty == Certainty::Certain && d.value >= limits.pause_needed_below
                })
            });
        short_pause(cx, pause, limits, long_intervals);
    }
    for scope in 0..found.scopes().len() {
        if found.possibly_set(&MIN_PAUSE, scope) {
            continue;
        }
        for interval in found.in_effect(&CHECKPOINT_INTERVAL) {
            if interval.scope == scope {
                missing_pause(cx, interval, limits);
            }
        }
    }
    for concurrent in found.in_effect(&MAX_CONCURRENT) {
        too_concurrent(cx, concurrent, limits);
    }
}

/// `info` for a value that is only a runtime parameter's default, `severity` otherwise.
fn capped(severity: Severity, certainty: Certainty) -> Severity {
    match certainty {
        Certainty::Certain => severity,
        Certainty::Default => Severity::Info,
    }
}

/// How a value is named in a message: `500ms,` or `500ms, the default of a runtime parameter,`.
fn shown(value: &str, certainty: Certainty) -> String {
    match certainty {
        Certainty::Certain => format!("{value},"),
        Certainty::Default => format!("{value}, the default of a runtime parameter,"),
    }
}

/// A minimum pause set below the limit.
fn short_pause(cx: &mut Ctx<'_>, pause: &Occurrence, limits: Limits, long_intervals: bool) {
    let Some(found) = pause.duration() else {
        return;
    };
    if found.value >= limits.min_pause {
        return;
    }
    let message = format!(
        "minimum pause between checkpoints is {} below {}: a slow checkpoint is followed by the \
         next one at once",
        shown(&format_duration(found.value), found.certainty),
        format_duration(limits.min_pause)
    );
    let severity = if long_intervals {
        Severity::Info
    } else {
        capped(Severity::Warning, found.certainty)
    };
    let mut reported = cx.report(severity, pause.span, message);
    reported.help(match found.certainty {
        Certainty::Certain => format!(
            "raise the minimum pause to at least {}, e.g. half the checkpoint interval",
            format_duration(limits.min_pause)
        ),
        Certainty::Default => format!(
            "raise the parameter's default to at least {}",
            format_duration(limits.min_pause)
        ),
    });
    if let Some(defined_at) = found.defined_at {
        reported.label(defined_at, "pause defined here");
    }
}

/// A short interval in a configuration that sets no minimum pause.
fn missing_pause(cx: &mut Ctx<'_>, interval: &Occurrence, limits: Limits) {
    let Some(found) = interval.duration() else {
        return;
    };
    if found.value < FLINK_MINIMUM || found.value >= limits.pause_needed_below {
        return;
    }
    let message = format!(
        "checkpoint interval is {} and no minimum pause is set: with Flink's default of 0 \
         checkpoints run back to back once one takes longer than the interval",
        shown(&format_duration(found.value), found.certainty).trim_end_matches(','),
    );
    // Half the interval, rounded to whole seconds, and never below the configured minimum.
    let half = Duration::from_secs(found.value.as_secs() / 2).max(limits.min_pause);
    let help = if interval.origin.in_code() && interval.origin.key().is_none() {
        format!(
            "call `getCheckpointConfig().setMinPauseBetweenCheckpoints(..)` next to it, e.g. {}",
            format_duration(half)
        )
    } else {
        format!(
            "set `execution.checkpointing.min-pause` next to it, e.g. to {}",
            format_duration(half)
        )
    };
    let mut reported = cx.report(
        capped(Severity::Warning, found.certainty),
        interval.span,
        message,
    );
    reported.help(help);
    if let Some(defined_at) = found.defined_at {
        reported.label(defined_at, "interval defined here");
    }
}

/// More concurrent checkpoints than the limit.
fn too_concurrent(cx: &mut Ctx<'_>, concurrent: &Occurrence, limits: Limits) {
    let Some(count) = concurrent.count() else {
        return;
    };
    if count <= limits.max_concurrent {
        return;
    }
    let message = format!(
        "max-concurrent-checkpoints is {} above {}: overlapping checkpoints tie up \
         resources and cannot be paced with a minimum pause",
        shown(&count.to_string(), concurrent.certainty),
        limits.max_concurrent
    );
    cx.report(Severity::Info, concurrent.span, message)
        .help("allow one checkpoint at a time and pace checkpoints with a minimum pause");
}

#[cfg(test)]
mod tests {
    use bdl_core::Diagnostic;
    use bdl_syntax::check_one;

    use super::*;

    const RULE: CheckpointPacing = CheckpointPacing;

    fn job(body: &str) -> String {
        format!(
            "package com.example;\n\
             import java.time.Duration;\n\
             import org.apache.flink.api.java.utils.ParameterTool;\n\
             import org.apache.flink.configuration.CheckpointingOptions;\n\
             import org.apache.flink.configuration.Configuration;\n\
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

    fn found(diagnostics: &[Diagnostic], text: &str) -> Vec<(Severity, String)> {
        diagnostics
            .iter()
            .map(|d| (d.severity, d.span.slice(text).to_owned()))
            .collect()
    }

    fn severities(diagnostics: &[Diagnostic]) -> Vec<Severity> {
        diagnostics.iter().map(|d| d.severity).collect()
    }

    #[test]
    fn triggers_cover_every_way_to_set_the_settings() {
        let missing = crate::settings::missing_triggers(
            CheckpointPacing::META.triggers,
            &[&CHECKPOINT_INTERVAL, &MIN_PAUSE, &MAX_CONCURRENT],
        );
        assert!(missing.is_empty(), "{missing:?}");
    }

    #[test]
    fn explicit_short_pauses_are_warnings_at_the_pause() {
        let body = "env.enableCheckpointing(20_000); env.getCheckpointConfig().setMinPauseBetweenCheckpoints(500);";
        let src = job(body);
        let got = check_one(&RULE, "Job.java", &src);
        assert_eq!(found(&got, &src), [(Severity::Warning, "500".to_owned())]);
        assert_eq!(
            got[0].message,
            "minimum pause between checkpoints is 500ms, below 1s: a slow checkpoint is followed \
             by the next one at once"
        );
        assert_eq!(
            got[0].help.as_deref(),
            Some("raise the minimum pause to at least 1s, e.g. half the checkpoint interval")
        );
        // With a long interval it is information; with an interval that is only a possible
        // value, or none in the file, a warning.
        let with = |interval: &str| {
            java(&format!(
                "env.enableCheckpointing({interval}); env.getCheckpointConfig().setMinPauseBetweenCheckpoints(500);"
            ))
            .iter()
            .map(|d| d.severity)
            .collect::<Vec<_>>()
        };
        assert_eq!(with("120_000"), [Severity::Info]);
        assert_eq!(
            with("params.getLong(\"interval\", 120_000L)"),
            [Severity::Warning]
        );
        assert_eq!(
            severities(&java(
                "env.getCheckpointConfig().setMinPauseBetweenCheckpoints(500);"
            )),
            [Severity::Warning]
        );
        // An explicit 0 is reported as well; 1s and above is fine.
        assert_eq!(
            java("env.getCheckpointConfig().setMinPauseBetweenCheckpoints(0);").len(),
            1
        );
        assert!(java("env.getCheckpointConfig().setMinPauseBetweenCheckpoints(1000);").is_empty());
    }

    #[test]
    fn an_unset_pause_is_reported_at_a_short_interval() {
        let src = job("env.enableCheckpointing(5000);");
        let got = check_one(&RULE, "Job.java", &src);
        assert_eq!(found(&got, &src), [(Severity::Warning, "5000".to_owned())]);
        assert_eq!(
            got[0].message,
            "checkpoint interval is 5s and no minimum pause is set: with Flink's default of 0 \
             checkpoints run back to back once one takes longer than the interval"
        );
        assert_eq!(
            got[0].help.as_deref(),
            Some(
                "call `getCheckpointConfig().setMinPauseBetweenCheckpoints(..)` next to it, e.g. 2s"
            )
        );
        // Long intervals, intervals too short to run and unknown values need nothing.
        for body in [
            "env.enableCheckpointing(60_000);",
            "env.enableCheckpointing(5);",
            "env.enableCheckpointing(params.getLong(\"interval\"));",
        ] {
            assert!(java(body).is_empty(), "{body}");
        }
        // A runtime parameter's default is info.
        let got = java("env.enableCheckpointing(params.getLong(\"interval\", 5000L));");
        assert_eq!(got[0].severity, Severity::Info);
        assert!(
            got[0]
                .message
                .contains("the default of a runtime parameter")
        );
    }

    #[test]
    fn any_sign_of_a_pause_in_java_keeps_the_unset_claim_silent() {
        for body in [
            // Set through a helper or a receiver that cannot be resolved.
            "env.enableCheckpointing(5000); tune(env.getCheckpointConfig());\n}\nstatic void tune(Object c) { ((CheckpointConfig) c).setMinPauseBetweenCheckpoints(2000);",
            // Set, to an unknown value.
            "env.enableCheckpointing(5000); env.getCheckpointConfig().setMinPauseBetweenCheckpoints(params.getLong(\"pause\"));",
            // Set through the configuration.
            "Configuration c = new Configuration(); c.set(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS, Duration.ofSeconds(3)); env.configure(c); env.enableCheckpointing(5000);",
            // Configuration loaded from elsewhere.
            "env.configure(GlobalConfiguration.loadConfiguration(\"/etc/flink\")); env.enableCheckpointing(5000);",
        ] {
            assert!(java(body).is_empty(), "{body}: {:?}", java(body));
        }
    }

    #[test]
    fn concurrent_checkpoints_are_info() {
        let src = job(
            "env.enableCheckpointing(120_000); env.getCheckpointConfig().setMaxConcurrentCheckpoints(3);",
        );
        let got = check_one(&RULE, "Job.java", &src);
        assert_eq!(found(&got, &src), [(Severity::Info, "3".to_owned())]);
        assert_eq!(
            got[0].message,
            "max-concurrent-checkpoints is 3, above 1: overlapping checkpoints tie up \
             resources and cannot be paced with a minimum pause"
        );
        assert!(java("env.getCheckpointConfig().setMaxConcurrentCheckpoints(1);").is_empty());
    }

    #[test]
    fn configuration_files_and_resources() {
        let check = |name: &str, text: &str| {
            let got = check_one(&RULE, name, text);
            found(&got, text)
        };
        assert_eq!(
            check("flink-conf.yaml", "execution.checkpointing.interval: 20s\n"),
            [(Severity::Warning, "20s".to_owned())]
        );
        assert!(
            check(
                "flink-conf.yaml",
                "execution.checkpointing.interval: 20s\nexecution.checkpointing.min-pause: 10s\n"
            )
            .is_empty()
        );
        // A pause that cannot be read still counts as set.
        assert!(
            check(
                "flink-conf.yaml",
                "execution.checkpointing.interval: 20s\nexecution.checkpointing.min-pause: ${PAUSE}\n"
            )
            .is_empty()
        );
        // A commented-out pause does not.
        assert_eq!(
            check(
                "flink-conf.yaml",
                "# execution.checkpointing.min-pause: 10s\nexecution.checkpointing.interval: 20s\n"
            )
            .len(),
            1
        );
        assert_eq!(
            check(
                "config.yaml",
                "execution:\n  checkpointing:\n    interval: 30s\n    min-pause: 200ms\n    max-concurrent-checkpoints: 2\n"
            ),
            [
                (Severity::Warning, "200ms".to_owned()),
                (Severity::Info, "2".to_owned())
            ]
        );
        assert_eq!(
            check(
                "job.sql",
                "SET 'execution.checkpointing.interval' = '10s';\nINSERT INTO a SELECT * FROM b;\n"
            ),
            [(Severity::Warning, "10s".to_owned())]
        );
        // Each resource of a manifest is its own configuration.
        let manifest = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nspec:\n  \
                        flinkConfiguration:\n    execution.checkpointing.interval: 15s\n    \
                        execution.checkpointing.min-pause: 5s\n---\n\
                        apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nspec:\n  \
                        flinkConfiguration:\n    execution.checkpointing.interval: 15s\n";
        let got = check_one(&RULE, "k8s/jobs.yaml", manifest);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].start.line, 12);
        assert_eq!(
            got[0].help.as_deref(),
            Some("set `execution.checkpointing.min-pause` next to it, e.g. to 7s")
        );
    }

    #[test]
    fn test_sources_are_skipped_by_default() {
        let src = job("env.enableCheckpointing(100);");
        assert!(check_one(&RULE, "src/test/java/com/example/JobITCase.java", &src).is_empty());
    }
}
