use bdl_core::{Ctx, RuleMeta, Severity, declare_rule};
use bdl_syntax::java::chain;
use bdl_syntax::{JavaFile, Rule};

use crate::helpers;
use crate::windows::{self, LateData, Windows};

declare_rule! {
    /// ## What it does
    /// Flags an event-time window that neither allows lateness (`allowedLateness(..)`) nor routes
    /// late records to a side output (`sideOutputLateData(tag)`).
    ///
    /// It looks at the calls that build a window and reports only windows that provably work in
    /// event time, with the same evidence as FLK002:
    /// - `.window(assigner)` / `.windowAll(assigner)` with `TumblingEventTimeWindows`,
    ///   `SlidingEventTimeWindows`, `EventTimeSessionWindows` or
    ///   `DynamicEventTimeSessionWindows`;
    /// - the legacy `.timeWindow(..)` / `.timeWindowAll(..)` when the file proves the job runs in
    ///   event time (`env.setStreamTimeCharacteristic(TimeCharacteristic.EventTime)` in the same
    ///   class, or timestamps and watermarks assigned upstream on the same chain, and no
    ///   processing-time, ingestion-time or unresolved characteristic in the file).
    ///
    /// It then follows the windowed stream forward, through `trigger(..)` and `evictor(..)` and
    /// through local variables that hold it, to the window function (`reduce`, `aggregate`,
    /// `apply`, `process`, `sum`, `min`, `max`, `minBy`, `maxBy`). A `WindowedStream` or
    /// `AllWindowedStream` is changed in place by its settings, so an `allowedLateness(..)` or
    /// `sideOutputLateData(..)` made on the local in a statement of its own counts, before or after
    /// the function. It reports when the function is applied and neither setting is made.
    ///
    /// Deliberately not reported:
    /// - a windowed stream that leaves the method or the file's sight (passed to a method,
    ///   returned, stored in a field, held in a reassigned local): it may be configured there;
    /// - windows of a join or co-group (`a.join(b).where(..).equalTo(..).window(..)`): their
    ///   `WithWindow` has `allowedLateness` but no `sideOutputLateData`, so the advice would not
    ///   apply, and a window join that drops what is late is usually the intended semantics;
    /// - processing-time windows, `GlobalWindows` and windows whose assigner cannot be resolved;
    /// - an `allowedLateness` of zero: set explicitly, it is a decision, not an oversight.
    ///
    /// ## Why is this bad?
    /// An event-time window fires when the watermark passes its end. "By default, late elements
    /// are dropped when the watermark is past the end of the window", and "by default, the
    /// allowed lateness is set to 0" (Flink docs, Windows > Allowed Lateness). Without
    /// `sideOutputLateData(tag)` they leave no trace but the window operator's
    /// `numLateRecordsDropped` metric: counts and sums come out too low, and nobody notices.
    /// How many records are late depends on the watermark strategy and on the data, which is
    /// exactly what changes in production (a slow partition, a replay, a producer catching up).
    ///
    /// The finding is `info`: a pipeline may drop late records on purpose. Say so with a
    /// suppression comment, so that the next reader knows it too.
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
    ///             .sum("count")
    ///             .print();
    ///     }
    /// }
    /// ```
    ///
    /// Use instead:
    ///
    /// ```java file=Job.java good
    /// import java.time.Duration;
    /// import org.apache.flink.streaming.api.datastream.DataStream;
    /// import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
    /// import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
    /// import org.apache.flink.util.OutputTag;
    ///
    /// public class Job {
    ///     static final OutputTag<Click> LATE = new OutputTag<Click>("late-clicks") {};
    ///
    ///     static void build(DataStream<Click> clicks) {
    ///         SingleOutputStreamOperator<Click> perPage = clicks.keyBy(Click::page)
    ///             .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
    ///             .sideOutputLateData(LATE)
    ///             .sum("count");
    ///         perPage.print();
    ///         perPage.getSideOutput(LATE).print();
    ///     }
    /// }
    /// ```
    ///
    /// ## How to fix
    /// Route late records to a side output with `sideOutputLateData(tag)` and count, store or
    /// reprocess them from `getSideOutput(tag)`; where late updates of a result are welcome, also
    /// allow some lateness with `allowedLateness(..)` (see FLK002 for sizing it). If dropping them
    /// is intended, suppress the finding with a comment that says so
    /// (`// bigdata-lint: ignore FLK003 -- late clicks are worthless after a minute`).
    ///
    /// ## Options
    /// None. Test sources are linted like other code.
    ///
    /// ## References
    /// - Flink docs, Windows > Allowed Lateness and Getting late data as a side output:
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/dev/datastream/operators/windows/#allowed-lateness>
    /// - Flink docs, Builtin Watermark Generators (what makes an element late):
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/dev/datastream/event-time/built_in/>
    /// - Flink 1.12 release notes (FLINK-19319, event time by default; FLINK-19318,
    ///   `timeWindow()` deprecated):
    ///   <https://nightlies.apache.org/flink/flink-docs-release-1.12/release-notes/flink-1.12.html>
    pub LateDataSilentlyDropped {
        code: "FLK003",
        name: "late-data-silently-dropped",
        summary: "event-time window that drops late records without a side output or lateness",
        severity: Info,
        kinds: [Java],
        triggers: ["EventTimeWindows", "EventTimeSessionWindows", "timeWindow"],
        options: [],
    }
}

impl Rule for LateDataSilentlyDropped {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        if !helpers::uses_flink(file) {
            return;
        }
        let windows = Windows::new(file);
        for call in file.nodes_of_kind("method_invocation") {
            if !windows::is_window_call(chain::method_name(file, call)) {
                continue;
            }
            let calls = windows::chain_to(file, call);
            let at = calls.len() - 1;
            if windows::is_join_window(file, &calls, at) {
                continue;
            }
            let Some(window) = windows.event_time(&calls, at) else {
                continue;
            };
            let LateData::Dropped(function) = windows::late_data(file, call) else {
                continue;
            };
            let mut reported = cx.report(
                Severity::Info,
                windows::name_to_end(call),
                format!(
                    "event-time window ({}) drops late records silently: no allowedLateness or sideOutputLateData",
                    window.class
                ),
            );
            reported.help(
                "route late records with sideOutputLateData(tag), or fold them in with allowedLateness(..)",
            );
            if let Some(evidence) = window.evidence {
                reported.label(evidence.span, evidence.label);
            }
            if let Some(name) = function.child_by_field_name("name") {
                reported.label(
                    JavaFile::span_of(name),
                    "window results emitted here, without the late records",
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

    const RULE: LateDataSilentlyDropped = LateDataSilentlyDropped;

    /// A small job whose `build` method body is `body`.
    fn job(members: &str, body: &str) -> String {
        format!(
            "package com.example;\n\
             import java.time.Duration;\n\
             import org.apache.flink.api.common.eventtime.WatermarkStrategy;\n\
             import org.apache.flink.streaming.api.TimeCharacteristic;\n\
             import org.apache.flink.streaming.api.datastream.*;\n\
             import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;\n\
             import org.apache.flink.streaming.api.windowing.assigners.*;\n\
             import org.apache.flink.streaming.api.windowing.time.Time;\n\
             import org.apache.flink.util.OutputTag;\n\
             public class Job {{\n\
             {members}\n\
             static void build(StreamExecutionEnvironment env, DataStream<Event> events) {{\n\
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

    #[test]
    fn event_time_windows_without_late_data_handling_are_reported() {
        for (members, body) in [
            (
                "",
                "events.keyBy(Event::user).window(TumblingEventTimeWindows.of(Duration.ofMinutes(1))).sum(\"n\");",
            ),
            (
                "",
                "events.windowAll(SlidingEventTimeWindows.of(Duration.ofMinutes(1), Duration.ofSeconds(10))).trigger(t).reduce(r);",
            ),
            (
                "",
                "WindowedStream<Event, String, TimeWindow> w = events.keyBy(Event::user).window(EventTimeSessionWindows.withGap(Duration.ofMinutes(5)));\nw.aggregate(agg);",
            ),
            (
                "",
                "env.setStreamTimeCharacteristic(TimeCharacteristic.EventTime);\nevents.keyBy(Event::user).timeWindow(Time.seconds(10)).sum(\"n\");",
            ),
            (
                "",
                "events.assignTimestampsAndWatermarks(WatermarkStrategy.<Event>forMonotonousTimestamps()).timeWindowAll(Time.seconds(10), Time.seconds(1)).process(f);",
            ),
        ] {
            let found = lint(members, body);
            assert_eq!(found.len(), 1, "{body}");
            assert_eq!(found[0].severity, Severity::Info);
        }
    }

    #[test]
    fn message_help_and_labels() {
        let found = lint(
            "",
            "env.setStreamTimeCharacteristic(TimeCharacteristic.EventTime);\nevents.keyBy(Event::user).timeWindow(Time.seconds(10)).sum(\"n\");",
        );
        assert_eq!(
            found[0].message,
            "event-time window (TumblingEventTimeWindows) drops late records silently: no allowedLateness or sideOutputLateData"
        );
        assert_eq!(
            found[0].help.as_deref(),
            Some(
                "route late records with sideOutputLateData(tag), or fold them in with allowedLateness(..)"
            )
        );
        let labels: Vec<_> = found[0].labels.iter().map(|l| l.message.as_str()).collect();
        assert_eq!(
            labels,
            [
                "event time set here",
                "window results emitted here, without the late records"
            ]
        );
        let text = job(
            "",
            "env.setStreamTimeCharacteristic(TimeCharacteristic.EventTime);\nevents.keyBy(Event::user).timeWindow(Time.seconds(10)).sum(\"n\");",
        );
        assert_eq!(found[0].span.slice(&text), "timeWindow(Time.seconds(10))");
    }

    #[test]
    fn handled_unknown_and_other_windows_are_silent() {
        for (members, body) in [
            // Late data handled, in the chain or on the local, before or after the function.
            (
                "",
                "events.keyBy(Event::user).window(TumblingEventTimeWindows.of(Duration.ofMinutes(1))).allowedLateness(Duration.ofSeconds(5)).sum(\"n\");",
            ),
            (
                "static final OutputTag<Event> LATE = new OutputTag<Event>(\"late\") {};",
                "events.keyBy(Event::user).window(TumblingEventTimeWindows.of(Duration.ofMinutes(1))).allowedLateness(Duration.ofSeconds(5)).sideOutputLateData(LATE).sum(\"n\");",
            ),
            (
                "static final OutputTag<Event> LATE = new OutputTag<Event>(\"late\") {};",
                "var w = events.keyBy(Event::user).window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)));\nvar out = w.sum(\"n\");\nw.sideOutputLateData(LATE);",
            ),
            (
                "",
                "events.keyBy(Event::user).window(TumblingEventTimeWindows.of(Duration.ofMinutes(1))).allowedLateness(Duration.ZERO).sum(\"n\");",
            ),
            // The windowed stream leaves the method.
            (
                "",
                "var w = events.keyBy(Event::user).window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)));\napplyLateness(w).sum(\"n\");",
            ),
            (
                "",
                "finish(events.keyBy(Event::user).window(TumblingEventTimeWindows.of(Duration.ofMinutes(1))));",
            ),
            // Joins and co-groups.
            (
                "",
                "events.join(other).where(Event::user).equalTo(Other::user).window(TumblingEventTimeWindows.of(Duration.ofMinutes(1))).apply(f);",
            ),
            (
                "",
                "events.coGroup(other).where(Event::user).equalTo(Other::user).window(TumblingEventTimeWindows.of(Duration.ofMinutes(1))).apply(f);",
            ),
            // Not provably event time.
            (
                "",
                "events.keyBy(Event::user).window(TumblingProcessingTimeWindows.of(Duration.ofMinutes(1))).sum(\"n\");",
            ),
            (
                "",
                "events.keyBy(Event::user).window(GlobalWindows.create()).trigger(t).sum(\"n\");",
            ),
            (
                "",
                "events.keyBy(Event::user).window(assigner()).sum(\"n\");",
            ),
            (
                "",
                "events.keyBy(Event::user).timeWindow(Time.seconds(10)).sum(\"n\");",
            ),
            (
                "",
                "env.setStreamTimeCharacteristic(TimeCharacteristic.ProcessingTime);\nevents.assignTimestampsAndWatermarks(s).keyBy(Event::user).timeWindow(Time.seconds(10)).sum(\"n\");",
            ),
            (
                "",
                "env.setStreamTimeCharacteristic(TimeCharacteristic.IngestionTime);\nevents.keyBy(Event::user).timeWindow(Time.seconds(10)).sum(\"n\");",
            ),
            (
                "static class Setup { static void setUp(StreamExecutionEnvironment env) { env.setStreamTimeCharacteristic(TimeCharacteristic.EventTime); } }",
                "events.keyBy(Event::user).timeWindow(Time.seconds(10)).sum(\"n\");",
            ),
        ] {
            assert!(lint(members, body).is_empty(), "{body}");
        }
    }

    #[test]
    fn test_sources_are_linted_and_non_flink_files_are_not() {
        let src = job(
            "",
            "events.keyBy(Event::user).window(TumblingEventTimeWindows.of(Duration.ofMinutes(1))).sum(\"n\");",
        );
        assert_eq!(
            check_one(&RULE, "src/test/java/com/example/JobTest.java", &src).len(),
            1
        );
        let plain =
            "class Windows { void m() { s.window(TumblingEventTimeWindows.of(d)).sum(1); } }";
        assert!(check_one(&RULE, "Windows.java", plain).is_empty());
    }
}
