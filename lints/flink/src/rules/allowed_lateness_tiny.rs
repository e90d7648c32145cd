use std::time::Duration;

use bdl_core::{
    Ctx, OptionKind, OptionMeta, RuleMeta, Severity, TestSources, declare_rule, format_duration,
};
use bdl_syntax::java::chain;
use bdl_syntax::java::fold::{self, Certainty, Folded, arguments};
use bdl_syntax::{JavaFile, Rule};

use crate::helpers;
use crate::windows::{self, Windows};

declare_rule! {
    /// ## What it does
    /// Flags an `allowedLateness(..)` on an event-time window that is positive but smaller than
    /// `min-lateness` (default `1s`), or smaller than the out-of-orderness bound of the
    /// stream's own watermark strategy.
    ///
    /// It looks at `.allowedLateness(Time)` and `.allowedLateness(Duration)` on a windowed
    /// stream (`WindowedStream`, `AllWindowedStream`, `JoinedStreams.WithWindow`,
    /// `CoGroupedStreams.WithWindow`), walks the fluent chain back (also through local
    /// variables) to the call that built the window, and reports only when that window provably
    /// works in event time:
    /// - `.window(assigner)` / `.windowAll(assigner)` with an event-time assigner:
    ///   `TumblingEventTimeWindows`, `SlidingEventTimeWindows`, `EventTimeSessionWindows` or
    ///   `DynamicEventTimeSessionWindows`;
    /// - the legacy `.timeWindow(size[, slide])` / `.timeWindowAll(size[, slide])`, which build
    ///   an event-time window unless the environment's time characteristic is processing time,
    ///   when the file proves the job runs in event time: no `setStreamTimeCharacteristic` in
    ///   the file sets `ProcessingTime`, `IngestionTime` or an unresolved value, and either
    ///   `env.setStreamTimeCharacteristic(TimeCharacteristic.EventTime)` is called on a Flink
    ///   environment in the same class, or timestamps and watermarks are assigned upstream on the
    ///   same chain (`assignTimestampsAndWatermarks(..)`, or `env.fromSource(source, strategy,
    ///   ..)` with a strategy that generates watermarks), also through local variables, with no
    ///   `union`/`connect`/join in between.
    ///
    /// The lateness is folded through constants and `Time.x(n)` / `Duration.ofX(n)`.
    ///
    /// The watermark comparison applies when the same chain carries the strategy: the last
    /// `assignTimestampsAndWatermarks(strategy)` or `env.fromSource(source, strategy, ..)` before
    /// the window, with no `union`/`connect`/join in between, where the strategy is
    /// `WatermarkStrategy.forBoundedOutOfOrderness(bound)` (directly or through a local).
    ///
    /// A lateness that is only the default of a runtime parameter is reported as `info`.
    ///
    /// Deliberately not reported:
    /// - a lateness of `0`: it is Flink's default and a deliberate choice (FLK003 covers event-time
    ///   windows that neither allow lateness nor route late records to a side output);
    /// - processing-time windows, where lateness means nothing, and windows whose assigner
    ///   cannot be resolved;
    /// - a legacy `.timeWindow(..)` without that evidence in the file: before Flink 1.12 the
    ///   default time characteristic was processing time. Since Flink 1.12 it is event time
    ///   (FLINK-19319), so once target versions are known, a job on Flink 1.12 or later needs no
    ///   evidence beyond the absence of a processing-time characteristic;
    /// - a legacy window with ingestion time, whose timestamps and watermarks Flink sets at the
    ///   source, so that records are hardly ever late;
    /// - values that cannot be proven;
    /// - watermark strategies assigned on another chain, in another method, or with the legacy
    ///   `BoundedOutOfOrdernessTimestampExtractor`.
    ///
    /// ## Why is this bad?
    /// An event-time window fires when the watermark passes its end. Elements that arrive behind
    /// the watermark by more than the allowed lateness are dropped ("By default, the allowed
    /// lateness is 0"; Flink docs, Windows > Allowed Lateness), unless they are routed to a side
    /// output with `sideOutputLateData(tag)`. A token lateness such as
    /// `Time.milliseconds(100)` gives the impression that late data is handled while almost every
    /// straggler is still lost, and it still costs a re-firing of the window for each late
    /// element. A lateness smaller than the disorder the job's own watermark strategy declares is
    /// the same mistake in relative terms. Flink's Javadoc also notes that setting an allowed
    /// lateness "is only valid for event-time windows", which is why other windows are left
    /// alone.
    ///
    /// The `Time` overload is deprecated since Flink 1.19 (FLINK-32570, replaced by the
    /// `java.time.Duration` overload) and removed in Flink 2.0, as are `timeWindow(..)` and
    /// `setStreamTimeCharacteristic(..)` (deprecated since Flink 1.12: FLINK-19318,
    /// FLINK-19319).
    ///
    /// ## Example
    /// ```java file=Job.java bad
    /// import java.time.Duration;
    /// import org.apache.flink.streaming.api.datastream.DataStream;
    /// import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
    ///
    /// public class Job {
    ///     static void build(DataStream<Click> clicks) {
    ///         clicks.keyBy(Click::page)
    ///             .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
    ///             .allowedLateness(Duration.ofMillis(100))
    ///             .sum("count");
    ///     }
    /// }
    /// ```
    ///
    /// Use instead:
    ///
    /// ```java file=Job.java good
    /// import java.time.Duration;
    /// import org.apache.flink.streaming.api.datastream.DataStream;
    /// import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
    /// import org.apache.flink.util.OutputTag;
    ///
    /// public class Job {
    ///     static final OutputTag<Click> LATE = new OutputTag<Click>("late-clicks") {};
    ///
    ///     static void build(DataStream<Click> clicks) {
    ///         clicks.keyBy(Click::page)
    ///             .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
    ///             .allowedLateness(Duration.ofSeconds(30))
    ///             .sideOutputLateData(LATE)
    ///             .sum("count");
    ///     }
    /// }
    /// ```
    ///
    /// ## How to fix
    /// Size the lateness from how late records really arrive (at least `min-lateness`, and not
    /// below the watermark's out-of-orderness bound), and route what is later still to a side
    /// output with `sideOutputLateData(tag)` so it is counted or corrected instead of silently
    /// dropped. If late records are meant to be dropped, remove the `allowedLateness` call.
    /// On Flink 1.19 and later, use the `Duration` overload; replace a legacy `.timeWindow(size)`
    /// by `.window(TumblingEventTimeWindows.of(size))`, which says its time in the code.
    ///
    /// ## Options
    /// - `min-lateness` (duration, default `1s`): positive lateness below this is reported.
    /// - `lint-test-sources` (boolean, default `false`): also lint test sources (`src/test/**`,
    ///   `*Test.java`, `*IT.java`, `*ITCase.java`), which deliberately use tiny values.
    ///
    /// ## References
    /// - Flink docs, Windows > Allowed Lateness:
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/dev/datastream/operators/windows/#allowed-lateness>
    /// - Flink docs, Generating Watermarks:
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/dev/datastream/event-time/generating_watermarks/>
    /// - Flink 1.19 release notes (FLINK-32570, `Time` deprecated):
    ///   <https://nightlies.apache.org/flink/flink-docs-release-1.19/release-notes/flink-1.19/>
    /// - Flink 1.12 release notes (FLINK-19318, `timeWindow()` deprecated; FLINK-19319, event
    ///   time by default):
    ///   <https://nightlies.apache.org/flink/flink-docs-release-1.12/release-notes/flink-1.12.html>
    pub AllowedLatenessTiny {
        code: "FLK002",
        name: "allowed-lateness-tiny",
        summary: "allowed lateness on an event-time window too small to keep late records",
        severity: Warning,
        kinds: [Java],
        triggers: ["allowedLateness"],
        options: [
            OptionMeta {
                name: "min-lateness",
                kind: OptionKind::Duration,
                default: "1s",
                doc: "Positive allowed lateness below this is reported.",
            },
            TestSources::SKIP_BY_DEFAULT,
        ],
    }
}

const DEFAULT_MIN_LATENESS: Duration = Duration::from_secs(1);

/// What to report for a lateness, if anything.
struct Finding {
    severity: Severity,
    message: String,
    help: String,
}

/// Reports a positive lateness below `min`, or below the stream's out-of-orderness `bound`
/// (passed only when the lateness is below it). A lateness (or, when only the bound is
/// undercut, a bound) that is only a runtime parameter's default is capped at info.
fn assess(
    lateness: &Folded<Duration>,
    min: Duration,
    bound: Option<&Folded<Duration>>,
    side_output: bool,
) -> Option<Finding> {
    let below_min = lateness.value < min;
    if lateness.value.is_zero() || !(below_min || bound.is_some()) {
        return None;
    }
    let mut limits = Vec::new();
    let mut target = Duration::ZERO;
    let mut certainty = lateness.certainty;
    if below_min {
        limits.push(format!("the {} minimum", format_duration(min)));
        target = min;
    }
    if let Some(bound) = bound {
        limits.push(format!(
            "the stream's {} out-of-orderness bound",
            format_duration(bound.value)
        ));
        target = target.max(bound.value);
        if !below_min {
            certainty = certainty.min(bound.certainty);
        }
    }
    // "is 100ms," or "is 100ms, the default of a runtime parameter,".
    let shown = match lateness.certainty {
        Certainty::Certain => format!("{},", format_duration(lateness.value)),
        Certainty::Default => format!(
            "{}, the default of a runtime parameter,",
            format_duration(lateness.value)
        ),
    };
    let target = format_duration(target);
    let help = if side_output {
        format!(
            "raise allowedLateness to at least {target}; later records already go to the side output"
        )
    } else {
        format!(
            "raise allowedLateness to at least {target} or route late records with sideOutputLateData(tag)"
        )
    };
    Some(Finding {
        severity: match certainty {
            Certainty::Certain => Severity::Warning,
            Certainty::Default => Severity::Info,
        },
        message: format!("allowed lateness is {shown} below {}", limits.join(" and ")),
        help,
    })
}

impl Rule for AllowedLatenessTiny {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        if !helpers::uses_flink(file) {
            return;
        }
        let min = cx
            .options()
            .duration("min-lateness")
            .unwrap_or(DEFAULT_MIN_LATENESS);
        let windows = Windows::new(file);
        for call in file.nodes_of_kind("method_invocation") {
            if chain::method_name(file, call) != "allowedLateness" {
                continue;
            }
            let [argument] = arguments(call)[..] else {
                continue;
            };
            let Some(lateness) = fold::duration(file, argument) else {
                continue;
            };
            if lateness.value.is_zero() {
                continue;
            }
            let calls = windows::chain_to(file, call);
            let at = calls.len() - 1;
            let Some(window) = windows::window_call(file, &calls, at) else {
                continue;
            };
            let Some(event_time) = windows.event_time(&calls, window) else {
                continue;
            };
            let bound = helpers::out_of_orderness_bound(file, &calls, window)
                .filter(|(bound, _)| lateness.value < bound.value);
            let side_output = windows::has_side_output(file, &calls, window)
                || windows::settings_after(file, call).contains(&"sideOutputLateData");
            let Some(Finding {
                severity,
                message,
                help,
            }) = assess(&lateness, min, bound.as_ref().map(|(b, _)| b), side_output)
            else {
                continue;
            };

            let mut reported = cx.report(severity, JavaFile::span_of(argument), message);
            reported.help(help);
            if let Some(defined_at) = lateness.defined_at {
                reported.label(defined_at, "lateness defined here");
            }
            reported.label(event_time.assigned_at, event_time.label(file));
            if let Some(evidence) = event_time.evidence {
                reported.label(evidence.span, evidence.label);
            }
            if let Some((_, bound_node)) = bound {
                reported.label(
                    JavaFile::span_of(bound_node),
                    "out-of-orderness bound set here",
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use bdl_core::Diagnostic;
    use bdl_syntax::check_one;

    use super::*;

    const RULE: AllowedLatenessTiny = AllowedLatenessTiny;

    /// A small job whose `build` method body is `body`.
    fn job(members: &str, body: &str) -> String {
        format!(
            "package com.example;\n\
             import java.time.Duration;\n\
             import org.apache.flink.api.common.eventtime.WatermarkStrategy;\n\
             import org.apache.flink.api.java.utils.ParameterTool;\n\
             import org.apache.flink.streaming.api.TimeCharacteristic;\n\
             import org.apache.flink.streaming.api.datastream.DataStream;\n\
             import org.apache.flink.streaming.api.datastream.WindowedStream;\n\
             import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;\n\
             import org.apache.flink.streaming.api.windowing.assigners.*;\n\
             import org.apache.flink.streaming.api.windowing.time.Time;\n\
             import org.apache.flink.util.OutputTag;\n\
             public class Job {{\n\
             {members}\n\
             static void build(StreamExecutionEnvironment env, DataStream<Event> events, ParameterTool params) {{\n\
             {body}\n\
             }}\n}}\n"
        )
    }

    fn lint(members: &str, body: &str) -> Vec<Diagnostic> {
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
    fn tiny_lateness_on_event_time_windows_is_a_warning() {
        for (members, body) in [
            (
                "",
                "events.keyBy(Event::user).window(TumblingEventTimeWindows.of(Time.minutes(1))).allowedLateness(Time.milliseconds(100)).sum(\"n\");",
            ),
            (
                "",
                "events.keyBy(Event::user).window(SlidingEventTimeWindows.of(Duration.ofMinutes(1), Duration.ofSeconds(10))).allowedLateness(Duration.ofMillis(500)).sum(\"n\");",
            ),
            (
                "private static final Duration LATENESS = Duration.ofMillis(250);",
                "events.keyBy(Event::user).window(EventTimeSessionWindows.withGap(Duration.ofMinutes(5))).trigger(t).allowedLateness(LATENESS).sum(\"n\");",
            ),
            (
                "",
                "events.windowAll(TumblingEventTimeWindows.of(Duration.ofMinutes(1))).allowedLateness(Duration.ofMillis(10)).sum(\"n\");",
            ),
            (
                "",
                "var windowed = events.keyBy(Event::user).window(DynamicEventTimeSessionWindows.withDynamicGap(g));\nwindowed.allowedLateness(Duration.ofMillis(300)).sum(\"n\");",
            ),
            (
                "",
                "a.join(b).where(k).equalTo(k).window(TumblingEventTimeWindows.of(Duration.ofMinutes(1))).allowedLateness(Duration.ofMillis(100)).apply(f);",
            ),
        ] {
            assert_eq!(
                severities(&lint(members, body)),
                [Severity::Warning],
                "{body}"
            );
        }
    }

    #[test]
    fn message_help_and_labels() {
        let found = lint(
            "private static final Duration LATENESS = Duration.ofMillis(250);",
            "events.keyBy(Event::user).window(TumblingEventTimeWindows.of(Duration.ofMinutes(1))).allowedLateness(LATENESS).sum(\"n\");",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "allowed lateness is 250ms, below the 1s minimum"
        );
        assert_eq!(
            found[0].help.as_deref(),
            Some(
                "raise allowedLateness to at least 1s or route late records with sideOutputLateData(tag)"
            )
        );
        let labels: Vec<_> = found[0].labels.iter().map(|l| l.message.as_str()).collect();
        assert_eq!(
            labels,
            [
                "lateness defined here",
                "event-time window (TumblingEventTimeWindows) assigned here"
            ]
        );

        let found = lint(
            "static final OutputTag<Event> LATE = new OutputTag<Event>(\"late\") {};",
            "events.keyBy(Event::user).window(TumblingEventTimeWindows.of(Duration.ofMinutes(1))).sideOutputLateData(LATE).allowedLateness(Duration.ofMillis(100)).sum(\"n\");",
        );
        assert_eq!(
            found[0].help.as_deref(),
            Some(
                "raise allowedLateness to at least 1s; later records already go to the side output"
            )
        );
    }

    #[test]
    fn zero_processing_time_unknown_and_legacy_windows_are_silent() {
        for body in [
            "events.keyBy(Event::user).window(TumblingEventTimeWindows.of(Duration.ofMinutes(1))).allowedLateness(Duration.ZERO).sum(\"n\");",
            "events.keyBy(Event::user).window(TumblingEventTimeWindows.of(Duration.ofMinutes(1))).allowedLateness(Duration.ofSeconds(5)).sum(\"n\");",
            "events.keyBy(Event::user).window(TumblingEventTimeWindows.of(Duration.ofMinutes(1))).allowedLateness(Duration.ofSeconds(1)).sum(\"n\");",
            "events.keyBy(Event::user).window(TumblingProcessingTimeWindows.of(Duration.ofMinutes(1))).allowedLateness(Duration.ofMillis(100)).sum(\"n\");",
            "events.keyBy(Event::user).window(SlidingProcessingTimeWindows.of(Duration.ofMinutes(1), Duration.ofSeconds(5))).allowedLateness(Duration.ofMillis(100)).sum(\"n\");",
            "events.keyBy(Event::user).window(assigner()).allowedLateness(Duration.ofMillis(100)).sum(\"n\");",
            "events.keyBy(Event::user).timeWindow(Time.minutes(1)).allowedLateness(Time.milliseconds(100)).sum(\"n\");",
            "events.keyBy(Event::user).window(TumblingEventTimeWindows.of(Duration.ofMinutes(1))).allowedLateness(lateness()).sum(\"n\");",
            "events.keyBy(Event::user).window(TumblingEventTimeWindows.of(Duration.ofMinutes(1))).allowedLateness(Duration.ofMillis(params.getLong(\"lateness\"))).sum(\"n\");",
            "events.keyBy(Event::user).window(TumblingEventTimeWindows.of(Duration.ofMinutes(1))).reduce(r).allowedLateness(Duration.ofMillis(100));",
            "other.allowedLateness(Duration.ofMillis(100));",
        ] {
            assert!(lint("", body).is_empty(), "{body}");
        }
    }

    #[test]
    fn legacy_time_windows_are_reported_when_the_job_runs_in_event_time() {
        let event_time = "env.setStreamTimeCharacteristic(TimeCharacteristic.EventTime);\n";
        for body in [
            "events.keyBy(Event::user).timeWindow(Time.seconds(10)).allowedLateness(Time.milliseconds(2)).sum(\"n\");",
            "events.keyBy(Event::user).timeWindow(Time.minutes(1), Time.seconds(10)).allowedLateness(Time.milliseconds(2)).sum(\"n\");",
            "events.timeWindowAll(Time.seconds(10)).allowedLateness(Time.milliseconds(2)).sum(\"n\");",
            "var keyed = events.keyBy(Event::user);\nvar windowed = keyed.timeWindow(Time.seconds(10));\nwindowed.allowedLateness(Time.milliseconds(2)).sum(\"n\");",
        ] {
            let found = lint("", &format!("{event_time}{body}"));
            assert_eq!(severities(&found), [Severity::Warning], "{body}");
            let labels: Vec<_> = found[0].labels.iter().map(|l| l.message.as_str()).collect();
            assert!(labels.contains(&"event time set here"), "{labels:?}");
        }
        let found = lint(
            "",
            &format!(
                "{event_time}events.keyBy(Event::user).timeWindow(Time.minutes(1), Time.seconds(10)).allowedLateness(Time.milliseconds(2)).sum(\"n\");"
            ),
        );
        assert!(found[0].labels.iter().any(
            |l| l.message == "timeWindow in event time (SlidingEventTimeWindows) assigned here"
        ));

        // Timestamps and watermarks assigned upstream, directly or through a local.
        for body in [
            "events.assignTimestampsAndWatermarks(WatermarkStrategy.<Event>forBoundedOutOfOrderness(Duration.ofMillis(1))).keyBy(Event::user).timeWindow(Time.seconds(10)).allowedLateness(Time.milliseconds(2)).sum(\"n\");",
            "DataStream<Event> stamped = events.assignTimestampsAndWatermarks(new EventExtractor());\nstamped.keyBy(Event::user).timeWindow(Time.seconds(10)).allowedLateness(Time.milliseconds(2)).sum(\"n\");",
        ] {
            let found = lint("", body);
            assert_eq!(severities(&found), [Severity::Warning], "{body}");
            assert!(
                found[0]
                    .labels
                    .iter()
                    .any(|l| l.message == "timestamps and watermarks assigned here")
            );
        }
    }

    #[test]
    fn legacy_time_windows_without_event_time_evidence_are_silent() {
        let window = "events.keyBy(Event::user).timeWindow(Time.seconds(10)).allowedLateness(Time.milliseconds(2)).sum(\"n\");";
        let stamped = "events.assignTimestampsAndWatermarks(new EventExtractor()).keyBy(Event::user).timeWindow(Time.seconds(10)).allowedLateness(Time.milliseconds(2)).sum(\"n\");";
        for (members, body) in [
            ("", window.to_owned()),
            (
                "",
                format!(
                    "env.setStreamTimeCharacteristic(TimeCharacteristic.ProcessingTime);\n{stamped}"
                ),
            ),
            (
                "",
                format!(
                    "env.setStreamTimeCharacteristic(TimeCharacteristic.IngestionTime);\n{window}"
                ),
            ),
            (
                "",
                format!(
                    "env.setStreamTimeCharacteristic(params.has(\"et\") ? TimeCharacteristic.EventTime : TimeCharacteristic.ProcessingTime);\n{stamped}"
                ),
            ),
            (
                "static class Other { static void setUp(StreamExecutionEnvironment env) { env.setStreamTimeCharacteristic(TimeCharacteristic.EventTime); } }",
                window.to_owned(),
            ),
            (
                "",
                "events.assignTimestampsAndWatermarks(new EventExtractor()).union(other).keyBy(Event::user).timeWindow(Time.seconds(10)).allowedLateness(Time.milliseconds(2)).sum(\"n\");".to_owned(),
            ),
            (
                "",
                "env.setStreamTimeCharacteristic(TimeCharacteristic.EventTime);\nevents.keyBy(Event::user).timeWindow(Time.seconds(10)).allowedLateness(Time.seconds(5)).sum(\"n\");".to_owned(),
            ),
        ] {
            assert!(lint(members, &body).is_empty(), "{body}");
        }
    }

    #[test]
    fn parameter_tool_default_is_info() {
        let found = lint(
            "",
            "events.keyBy(Event::user).window(TumblingEventTimeWindows.of(Duration.ofMinutes(1))).allowedLateness(Duration.ofMillis(params.getLong(\"lateness\", 200L))).sum(\"n\");",
        );
        assert_eq!(severities(&found), [Severity::Info]);
        assert_eq!(
            found[0].message,
            "allowed lateness is 200ms, the default of a runtime parameter, below the 1s minimum"
        );
    }

    #[test]
    fn lateness_below_the_watermark_bound() {
        let body = "DataStream<Event> stamped = events.assignTimestampsAndWatermarks(WatermarkStrategy.<Event>forBoundedOutOfOrderness(Duration.ofSeconds(10)).withTimestampAssigner((e, t) -> e.ts));\n\
                    stamped.keyBy(Event::user).window(TumblingEventTimeWindows.of(Duration.ofMinutes(1))).allowedLateness(Duration.ofSeconds(2)).sum(\"n\");";
        let found = lint("", body);
        assert_eq!(severities(&found), [Severity::Warning]);
        assert_eq!(
            found[0].message,
            "allowed lateness is 2s, below the stream's 10s out-of-orderness bound"
        );
        assert!(
            found[0]
                .help
                .as_deref()
                .is_some_and(|h| h.contains("at least 10s"))
        );
        assert!(
            found[0]
                .labels
                .iter()
                .any(|l| l.message == "out-of-orderness bound set here")
        );

        let both = "env.fromSource(src, WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofSeconds(5)), \"src\").keyBy(Event::user).window(TumblingEventTimeWindows.of(Duration.ofMinutes(1))).allowedLateness(Duration.ofMillis(100)).sum(\"n\");";
        assert_eq!(
            lint("", both)[0].message,
            "allowed lateness is 100ms, below the 1s minimum and the stream's 5s out-of-orderness bound"
        );

        for silent in [
            // At or above the bound.
            "events.assignTimestampsAndWatermarks(WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofSeconds(2))).keyBy(Event::user).window(TumblingEventTimeWindows.of(Duration.ofMinutes(1))).allowedLateness(Duration.ofSeconds(2)).sum(\"n\");",
            // A union mixes in another stream's watermarks.
            "events.assignTimestampsAndWatermarks(WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofSeconds(10))).union(more).keyBy(Event::user).window(TumblingEventTimeWindows.of(Duration.ofMinutes(1))).allowedLateness(Duration.ofSeconds(2)).sum(\"n\");",
            // A strategy that cannot be resolved.
            "events.assignTimestampsAndWatermarks(strategy()).keyBy(Event::user).window(TumblingEventTimeWindows.of(Duration.ofMinutes(1))).allowedLateness(Duration.ofSeconds(2)).sum(\"n\");",
        ] {
            assert!(lint("", silent).is_empty(), "{silent}");
        }
    }

    #[test]
    fn test_sources_and_non_flink_files_are_skipped() {
        let src = job(
            "",
            "events.keyBy(Event::user).window(TumblingEventTimeWindows.of(Duration.ofMinutes(1))).allowedLateness(Duration.ofMillis(100)).sum(\"n\");",
        );
        assert!(check_one(&RULE, "src/test/java/com/example/JobTest.java", &src).is_empty());
        assert_eq!(
            check_one(&RULE, "src/main/java/com/example/Job.java", &src).len(),
            1
        );
        let plain = "class Windows { void m() { s.window(TumblingEventTimeWindows.of(d)).allowedLateness(Duration.ofMillis(1)); } }";
        assert!(check_one(&RULE, "Windows.java", plain).is_empty());
    }
}
