use std::collections::HashSet;
use std::time::Duration;

use bdl_core::{
    Ctx, OptionKind, OptionMeta, RuleMeta, Severity, Span, declare_rule, format_duration,
};
use bdl_syntax::java::fold::{self, Certainty, Folded, arguments};
use bdl_syntax::java::{chain, scope};
use bdl_syntax::{JavaFile, Rule};
use tree_sitter::Node;

use crate::helpers;
use crate::watermarks::{self, Generator, Strategy};
use crate::windows;

declare_rule! {
    /// ## What it does
    /// Flags watermark strategies that make records late or stall event time:
    /// - `WatermarkStrategy.forBoundedOutOfOrderness(bound)` with a bound below
    ///   `min-out-of-orderness` (default `1s`), zero included (**warning**; **info** when the
    ///   bound is only the default of a runtime parameter);
    /// - the legacy `BoundedOutOfOrdernessTimestampExtractor(bound)` with such a bound
    ///   (**warning**), and otherwise the legacy `BoundedOutOfOrdernessTimestampExtractor` and
    ///   `AscendingTimestampExtractor` themselves, created or subclassed (**info**: removed in
    ///   Flink 2.0);
    /// - `forMonotonousTimestamps()` on a Kafka `KafkaSource` (**info**);
    /// - a `forBoundedOutOfOrderness` or `forMonotonousTimestamps` strategy on a `KafkaSource`
    ///   without `.withIdleness(..)` (**info**).
    ///
    /// The bound is folded through constants and `Duration.ofX(n)` (`Time.x(n)` for the legacy
    /// extractor). A strategy is "on a `KafkaSource`" when it is the strategy argument of
    /// `env.fromSource(source, strategy, ..)` whose source is `KafkaSource.<T>builder()…build()`
    /// or a name declared as `KafkaSource` (or holding such a builder), or the argument of an
    /// `assignTimestampsAndWatermarks(strategy)` downstream of such a `fromSource` on the same
    /// chain. The strategy argument is followed through effectively-final locals, fields that
    /// are never reassigned and parameterless one-line getters of the same class. Only Flink's
    /// `WatermarkStrategy` (imported from `org.apache.flink.api.common.eventtime`) and Flink's
    /// extractors count.
    ///
    /// Deliberately not reported: strategies built elsewhere (another class, a factory with
    /// parameters), `noWatermarks()` and `forGenerator(..)` strategies on Kafka (the generator may
    /// handle idleness itself), and the legacy `FlinkKafkaConsumer`.
    ///
    /// ## Why is this bad?
    /// A bounded-out-of-orderness strategy emits watermarks that trail the largest timestamp
    /// seen by the bound; a record older than the watermark is late, and an event-time window
    /// drops it unless lateness or a side output says otherwise (Flink docs, Builtin Watermark
    /// Generators: "If `lateness > 0` then the element is considered late and is, by default,
    /// ignored when computing the result of the job for its corresponding window"). On real
    /// data (network retries, several producers per partition, clock skew between devices) a
    /// bound of zero or a few milliseconds makes most disordered records late.
    ///
    /// `forMonotonousTimestamps()` assumes timestamps that never decrease per parallel source
    /// task, on Kafka per partition; any record older than its partition's newest one is late.
    ///
    /// An idle partition stalls event time. In the words of Flink's "Generating Watermarks"
    /// page: "If one of the input splits/partitions/shards does not carry events for a while
    /// this means that the `WatermarkGenerator` also does not get any new information on which
    /// to base a watermark. [...] the watermark will be held back, because it is computed as the
    /// minimum over all the different parallel watermarks"; `withIdleness(..)` is the remedy it
    /// names. The Kafka connector's documentation adds that "the Kafka Source does not go
    /// automatically in an idle state if the parallelism is higher than the number of
    /// partitions". Event-time windows then fire late or not at all, and their state grows
    /// until the quiet partition sends data again. Whether a topic has idle partitions cannot be
    /// seen from the code, hence `info`.
    ///
    /// `BoundedOutOfOrdernessTimestampExtractor` and `AscendingTimestampExtractor` implement the
    /// `AssignerWithPeriodicWatermarks` interface that the "Generating Watermarks" page lists as
    /// deprecated in favour of `WatermarkStrategy`; Flink 2.0 removes them, together with the
    /// `assignTimestampsAndWatermarks(AssignerWith…Watermarks)` overloads (release notes), so
    /// the code no longer compiles there.
    ///
    /// ## Example
    /// ```java file=Job.java bad
    /// import java.time.Duration;
    /// import org.apache.flink.api.common.eventtime.WatermarkStrategy;
    /// import org.apache.flink.streaming.api.datastream.DataStream;
    ///
    /// public class Job {
    ///     static DataStream<Click> stamp(DataStream<Click> clicks) {
    ///         return clicks.assignTimestampsAndWatermarks(
    ///             WatermarkStrategy.<Click>forBoundedOutOfOrderness(Duration.ofMillis(50))
    ///                 .withTimestampAssigner((click, ts) -> click.time()));
    ///     }
    /// }
    /// ```
    ///
    /// Use instead:
    ///
    /// ```java file=Job.java good
    /// import java.time.Duration;
    /// import org.apache.flink.api.common.eventtime.WatermarkStrategy;
    /// import org.apache.flink.streaming.api.datastream.DataStream;
    ///
    /// public class Job {
    ///     static DataStream<Click> stamp(DataStream<Click> clicks) {
    ///         return clicks.assignTimestampsAndWatermarks(
    ///             WatermarkStrategy.<Click>forBoundedOutOfOrderness(Duration.ofSeconds(5))
    ///                 .withTimestampAssigner((click, ts) -> click.time()));
    ///     }
    /// }
    /// ```
    ///
    /// ## How to fix
    /// Measure how far out of order the source really is (the `currentEmitEventTimeLag` source
    /// metric, or the spread of event time per partition) and set the bound to that, at least
    /// `min-out-of-orderness`; route what is later still to a side output (see FLK003). On a
    /// `KafkaSource`, add `.withIdleness(Duration.ofMinutes(1))` (or a timeout that fits the
    /// topic's quiet periods), and prefer `forBoundedOutOfOrderness(..)` over
    /// `forMonotonousTimestamps()` unless every partition is written in timestamp order. Replace
    /// the legacy extractors with `WatermarkStrategy.forBoundedOutOfOrderness(Duration)` /
    /// `forMonotonousTimestamps()` and `withTimestampAssigner(..)`.
    ///
    /// ## Options
    /// - `min-out-of-orderness` (duration, default `1s`): an out-of-orderness bound below this is
    ///   reported. The default matches FLK002's `min-lateness`: a bound below a second is below
    ///   the disorder that retries and several producers cause on their own.
    ///
    /// Test sources are linted like other code; a test that replays ordered data can use
    /// `forMonotonousTimestamps()` or a suppression comment.
    ///
    /// ## References
    /// - Flink docs, Generating Watermarks (Dealing With Idle Sources, Watermark Strategies and the
    ///   Kafka Connector):
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/dev/datastream/event-time/generating_watermarks/>
    /// - Flink docs, Builtin Watermark Generators:
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/dev/datastream/event-time/built_in/>
    /// - Flink Kafka connector docs, Kafka Source > Idleness:
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/connectors/datastream/kafka/#idleness>
    /// - Flink 2.0 release notes (removed `TimeCharacteristic`, `AscendingTimestampExtractor`,
    ///   `BoundedOutOfOrdernessTimestampExtractor`):
    ///   <https://nightlies.apache.org/flink/flink-docs-release-2.0/release-notes/flink-2.0/>
    pub WatermarkStrategyRisky {
        code: "FLK004",
        name: "watermark-strategy-risky",
        summary: "watermark strategy that makes records late or lets idle partitions stall event time",
        severity: Warning,
        kinds: [Java],
        triggers: ["forBoundedOutOfOrderness", "forMonotonousTimestamps", "TimestampExtractor"],
        options: [OptionMeta {
            name: "min-out-of-orderness",
            kind: OptionKind::Duration,
            default: "1s",
            doc: "An out-of-orderness bound below this is reported.",
        }],
    }
}

const DEFAULT_MIN_OUT_OF_ORDERNESS: Duration = Duration::from_secs(1);

/// The package of Flink's legacy timestamp extractors.
const EXTRACTOR_PACKAGE: &str = "org.apache.flink.streaming.api.functions.timestamps";

/// Calls after which a stream carries more than one input's records.
const STREAM_MERGES: &[&str] = &["union", "connect", "join", "coGroup", "intervalJoin"];

/// The legacy extractors, with what to use instead.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Legacy {
    Bounded,
    Ascending,
}

impl Legacy {
    fn of(simple: &str) -> Option<Self> {
        match simple {
            "BoundedOutOfOrdernessTimestampExtractor" => Some(Self::Bounded),
            "AscendingTimestampExtractor" => Some(Self::Ascending),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Bounded => "BoundedOutOfOrdernessTimestampExtractor",
            Self::Ascending => "AscendingTimestampExtractor",
        }
    }
}

impl Rule for WatermarkStrategyRisky {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        if !helpers::uses_flink(file) {
            return;
        }
        let min = cx
            .options()
            .duration("min-out-of-orderness")
            .unwrap_or(DEFAULT_MIN_OUT_OF_ORDERNESS);
        check_bounds(file, cx, min);
        check_legacy(file, cx, min);
        check_kafka(file, cx);
    }
}

/// `WatermarkStrategy.forBoundedOutOfOrderness(bound)` with a bound below `min`.
fn check_bounds(file: &JavaFile<'_>, cx: &mut Ctx<'_>, min: Duration) {
    for call in file.nodes_of_kind("method_invocation") {
        if chain::method_name(file, call) != "forBoundedOutOfOrderness" {
            continue;
        }
        let [bound] = arguments(call)[..] else {
            continue;
        };
        if !chain::receiver(call).is_some_and(|r| watermarks::names_watermark_strategy(file, r)) {
            continue;
        }
        let Some(folded) = fold::duration(file, bound) else {
            continue;
        };
        if folded.value >= min {
            continue;
        }
        report_bound(cx, bound, &folded, min, None);
    }
}

/// Reports an out-of-orderness bound below `min`; `legacy` names the legacy extractor it is
/// passed to, if any.
fn report_bound(
    cx: &mut Ctx<'_>,
    bound: Node<'_>,
    folded: &Folded<Duration>,
    min: Duration,
    legacy: Option<Legacy>,
) {
    let shown = match folded.certainty {
        Certainty::Certain => format!("{},", format_duration(folded.value)),
        Certainty::Default => format!(
            "{}, the default of a runtime parameter,",
            format_duration(folded.value)
        ),
    };
    let severity = match folded.certainty {
        Certainty::Certain => Severity::Warning,
        Certainty::Default => Severity::Info,
    };
    let min = format_duration(min);
    let (message, help) = match legacy {
        None => (
            format!("out-of-orderness bound is {shown} below the {min} minimum"),
            format!("raise the bound to at least {min}, to the disorder the source really has"),
        ),
        Some(legacy) => (
            format!(
                "out-of-orderness bound of the legacy {} is {shown} below the {min} minimum",
                legacy.name()
            ),
            format!(
                "raise the bound to at least {min} and move to WatermarkStrategy.forBoundedOutOfOrderness(Duration)"
            ),
        ),
    };
    let mut reported = cx.report(severity, JavaFile::span_of(bound), message);
    reported.help(help);
    if let Some(defined_at) = folded.defined_at {
        reported.label(defined_at, "bound defined here");
    }
}

/// Creations and subclasses of the legacy extractors.
fn check_legacy(file: &JavaFile<'_>, cx: &mut Ctx<'_>, min: Duration) {
    for creation in file.nodes_of_kind("object_creation_expression") {
        let Some(ty) = creation.child_by_field_name("type") else {
            continue;
        };
        let Some(legacy) = legacy_type(file, ty) else {
            continue;
        };
        let bound = match arguments(creation)[..] {
            [bound] if legacy == Legacy::Bounded => Some(bound),
            _ => None,
        };
        report_legacy(file, cx, min, legacy, ty, bound);
    }
    for class in file.nodes_of_kind("class_declaration") {
        let Some(ty) = class
            .child_by_field_name("superclass")
            .and_then(|s| s.named_child(0))
        else {
            continue;
        };
        let Some(legacy) = legacy_type(file, ty) else {
            continue;
        };
        // The bound a subclass passes up: `super(bound)` in its constructors.
        let bound = (legacy == Legacy::Bounded)
            .then(|| super_argument(file, class))
            .flatten();
        report_legacy(file, cx, min, legacy, ty, bound);
    }
}

/// The legacy extractor the type node `ty` names, if it is Flink's.
fn legacy_type(file: &JavaFile<'_>, ty: Node<'_>) -> Option<Legacy> {
    let written = file.text_of(ty);
    let simple = scope::simple_type_name(written);
    let legacy = Legacy::of(simple)?;
    let fqn = format!("{EXTRACTOR_PACKAGE}.{simple}");
    (scope::names_class(file, written, &fqn) && scope::class_named(file, simple).is_none())
        .then_some(legacy)
}

/// The single argument of the first `super(..)` call in the constructors of `class`.
fn super_argument<'t>(file: &'t JavaFile<'_>, class: Node<'t>) -> Option<Node<'t>> {
    let body = class.child_by_field_name("body")?;
    let mut cursor = body.walk();
    let constructors: Vec<Node<'t>> = body
        .named_children(&mut cursor)
        .filter(|m| m.kind() == "constructor_declaration")
        .collect();
    constructors.into_iter().find_map(|constructor| {
        scope::own_nodes(constructor)
            .find(|n| {
                n.kind() == "explicit_constructor_invocation"
                    && n.child_by_field_name("constructor")
                        .is_some_and(|c| file.text_of(c) == "super")
            })
            .and_then(|call| match arguments(call)[..] {
                [bound] => Some(bound),
                _ => None,
            })
    })
}

fn report_legacy(
    file: &JavaFile<'_>,
    cx: &mut Ctx<'_>,
    min: Duration,
    legacy: Legacy,
    ty: Node<'_>,
    bound: Option<Node<'_>>,
) {
    if let Some(bound) = bound
        && let Some(folded) = fold::duration(file, bound)
        && folded.value < min
    {
        report_bound(cx, bound, &folded, min, Some(legacy));
        return;
    }
    let (message, help) = match legacy {
        Legacy::Bounded => (
            "legacy BoundedOutOfOrdernessTimestampExtractor is removed in Flink 2.0",
            "use WatermarkStrategy.forBoundedOutOfOrderness(Duration) with withTimestampAssigner(..)",
        ),
        Legacy::Ascending => (
            "legacy AscendingTimestampExtractor assumes ascending timestamps and is removed in Flink 2.0",
            "use WatermarkStrategy.forBoundedOutOfOrderness(Duration) with withTimestampAssigner(..), or forMonotonousTimestamps() if timestamps never go back",
        ),
    };
    cx.report(Severity::Info, JavaFile::span_of(ty), message)
        .help(help);
}

/// Strategies used on a `KafkaSource`: monotonous timestamps, and no idleness.
fn check_kafka(file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
    let mut seen: HashSet<(usize, bool)> = HashSet::new();
    for call in file.nodes_of_kind("method_invocation") {
        let name = chain::method_name(file, call);
        let args = arguments(call);
        let (strategy, source) = match (name, args.as_slice()) {
            ("fromSource", [source, strategy, ..]) => (*strategy, *source),
            ("assignTimestampsAndWatermarks", [strategy]) => {
                let Some(source) = kafka_upstream(file, call) else {
                    continue;
                };
                (*strategy, source)
            }
            _ => continue,
        };
        if !watermarks::is_kafka_source(file, source) {
            continue;
        }
        let Some(strategy) = watermarks::strategy(file, strategy) else {
            continue;
        };
        report_kafka(cx, &strategy, JavaFile::span_of(source), &mut seen);
    }
}

/// The source argument of the `fromSource(source, ..)` that the stream entering
/// `assignTimestampsAndWatermarks` comes from, on the same chain with no merge in between.
fn kafka_upstream<'t>(file: &'t JavaFile<'_>, call: Node<'t>) -> Option<Node<'t>> {
    let calls = windows::chain_to(file, call);
    for upstream in calls.iter().rev().skip(1) {
        let name = chain::method_name(file, *upstream);
        if STREAM_MERGES.contains(&name) {
            return None;
        }
        if name == "fromSource" {
            return arguments(*upstream).first().copied();
        }
    }
    None
}

fn report_kafka(
    cx: &mut Ctx<'_>,
    strategy: &Strategy<'_>,
    source: Span,
    seen: &mut HashSet<(usize, bool)>,
) {
    let monotonous = strategy.generator == Generator::Monotonous;
    let watermarking = matches!(
        strategy.generator,
        Generator::Bounded | Generator::Monotonous
    );
    let at = JavaFile::span_of(strategy.factory);
    if monotonous && seen.insert((strategy.factory.id(), true)) {
        cx.report(
            Severity::Info,
            at,
            "forMonotonousTimestamps() on a KafkaSource allows no out-of-orderness: a record older than its partition's newest is late",
        )
        .help("use forBoundedOutOfOrderness(..) unless every partition is written in timestamp order")
        .label(source, "KafkaSource used here");
    }
    if watermarking && !strategy.idleness && seen.insert((strategy.factory.id(), false)) {
        cx.report(
            Severity::Info,
            at,
            "watermark strategy of a KafkaSource has no withIdleness(..): one idle partition holds back event time",
        )
        .help("add .withIdleness(Duration.ofMinutes(1)), or a timeout that fits the topic's quiet periods")
        .label(source, "KafkaSource used here");
    }
}

#[cfg(test)]
mod tests {
    use bdl_core::Diagnostic;
    use bdl_syntax::check_one;

    use super::*;

    const RULE: WatermarkStrategyRisky = WatermarkStrategyRisky;

    /// A small job whose `build` method body is `body`.
    fn job(imports: &str, members: &str, body: &str) -> String {
        format!(
            "package com.example;\n\
             import java.time.Duration;\n\
             import java.util.concurrent.TimeUnit;\n\
             import org.apache.flink.api.common.eventtime.WatermarkStrategy;\n\
             import org.apache.flink.api.java.utils.ParameterTool;\n\
             import org.apache.flink.connector.kafka.source.KafkaSource;\n\
             import org.apache.flink.streaming.api.datastream.DataStream;\n\
             import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;\n\
             import org.apache.flink.streaming.api.windowing.time.Time;\n\
             {imports}\
             public class Job {{\n\
             {members}\n\
             static void build(StreamExecutionEnvironment env, DataStream<Event> events, ParameterTool params) {{\n\
             {body}\n\
             }}\n}}\n"
        )
    }

    fn lint(members: &str, body: &str) -> Vec<Diagnostic> {
        lint_with("", members, body)
    }

    fn lint_with(imports: &str, members: &str, body: &str) -> Vec<Diagnostic> {
        check_one(
            &RULE,
            "src/main/java/com/example/Job.java",
            &job(imports, members, body),
        )
    }

    fn summary(found: &[Diagnostic]) -> Vec<(Severity, String)> {
        found
            .iter()
            .map(|d| (d.severity, d.message.clone()))
            .collect()
    }

    const LEGACY: &str = "import org.apache.flink.streaming.api.functions.timestamps.*;\n";

    #[test]
    fn tiny_bounds_are_warnings() {
        for (members, body, shown) in [
            (
                "",
                "events.assignTimestampsAndWatermarks(WatermarkStrategy.<Event>forBoundedOutOfOrderness(Duration.ofMillis(200)));",
                "200ms",
            ),
            (
                "",
                "var s = WatermarkStrategy.<Event>forBoundedOutOfOrderness(Duration.ZERO).withTimestampAssigner((e, t) -> e.ts);",
                "0ms",
            ),
            (
                "private static final long DISORDER_MS = 0L;",
                "events.assignTimestampsAndWatermarks(WatermarkStrategy.<Event>forBoundedOutOfOrderness(Duration.ofMillis(DISORDER_MS)));",
                "0ms",
            ),
        ] {
            let found = lint(members, body);
            assert_eq!(
                summary(&found),
                [(
                    Severity::Warning,
                    format!("out-of-orderness bound is {shown}, below the 1s minimum")
                )],
                "{body}"
            );
            assert_eq!(
                found[0].help.as_deref(),
                Some("raise the bound to at least 1s, to the disorder the source really has")
            );
        }
        let found = lint(
            "private static final long DISORDER_MS = 0L;",
            "events.assignTimestampsAndWatermarks(WatermarkStrategy.<Event>forBoundedOutOfOrderness(Duration.ofMillis(DISORDER_MS)));",
        );
        assert_eq!(found[0].labels[0].message, "bound defined here");
        let found = lint(
            "",
            "events.assignTimestampsAndWatermarks(WatermarkStrategy.<Event>forBoundedOutOfOrderness(Duration.ofMillis(params.getLong(\"disorder\", 100L))));",
        );
        assert_eq!(
            summary(&found),
            [(
                Severity::Info,
                "out-of-orderness bound is 100ms, the default of a runtime parameter, below the 1s minimum".to_owned()
            )]
        );
    }

    #[test]
    fn sufficient_unknown_and_foreign_bounds_are_silent() {
        for body in [
            "events.assignTimestampsAndWatermarks(WatermarkStrategy.<Event>forBoundedOutOfOrderness(Duration.ofSeconds(1)));",
            "events.assignTimestampsAndWatermarks(WatermarkStrategy.<Event>forBoundedOutOfOrderness(Duration.ofMillis(params.getLong(\"disorder\"))));",
            "events.assignTimestampsAndWatermarks(WatermarkStrategy.<Event>forBoundedOutOfOrderness(bound()));",
            "events.assignTimestampsAndWatermarks(WatermarkStrategy.<Event>forMonotonousTimestamps());",
            "events.assignTimestampsAndWatermarks(new MyStrategy(Duration.ofMillis(1)));",
        ] {
            assert!(lint("", body).is_empty(), "{body}");
        }
        // Another library's WatermarkStrategy.
        let other = "package com.example;\n\
            import java.time.Duration;\n\
            import io.streams.core.eventtime.WatermarkStrategy;\n\
            import org.apache.flink.api.common.functions.MapFunction;\n\
            class Job { void m() { WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofMillis(0)); } }";
        assert!(check_one(&RULE, "src/main/java/com/example/Job.java", other).is_empty());
    }

    #[test]
    fn legacy_extractors() {
        let found = lint_with(
            LEGACY,
            "",
            "events.assignTimestampsAndWatermarks(new BoundedOutOfOrdernessTimestampExtractor<Event>(Time.of(200, TimeUnit.MILLISECONDS)) { public long extractTimestamp(Event e) { return e.ts; } });",
        );
        assert_eq!(
            summary(&found),
            [(
                Severity::Warning,
                "out-of-orderness bound of the legacy BoundedOutOfOrdernessTimestampExtractor is 200ms, below the 1s minimum".to_owned()
            )]
        );
        let found = lint_with(
            LEGACY,
            "",
            "events.assignTimestampsAndWatermarks(new BoundedOutOfOrdernessTimestampExtractor<Event>(Time.seconds(5)) { public long extractTimestamp(Event e) { return e.ts; } });",
        );
        assert_eq!(
            summary(&found),
            [(
                Severity::Info,
                "legacy BoundedOutOfOrdernessTimestampExtractor is removed in Flink 2.0".to_owned()
            )]
        );
        let found = lint_with(
            LEGACY,
            "static class Stamps extends AscendingTimestampExtractor<Event> { public long extractAscendingTimestamp(Event e) { return e.ts; } }",
            "events.assignTimestampsAndWatermarks(new Stamps());",
        );
        assert_eq!(
            summary(&found),
            [(
                Severity::Info,
                "legacy AscendingTimestampExtractor assumes ascending timestamps and is removed in Flink 2.0".to_owned()
            )]
        );
        let found = lint_with(
            LEGACY,
            "static class Stamps extends BoundedOutOfOrdernessTimestampExtractor<Event> { Stamps() { super(Time.milliseconds(10)); } public long extractTimestamp(Event e) { return e.ts; } }",
            "events.assignTimestampsAndWatermarks(new Stamps());",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Warning);
        // Without Flink's import, a class of that name is someone else's.
        assert!(
            lint(
                "static class Stamps extends AscendingTimestampExtractor<Event> { }",
                "events.assignTimestampsAndWatermarks(new Stamps());"
            )
            .is_empty()
        );
    }

    #[test]
    fn kafka_sources_need_idleness_and_disorder() {
        let source = "KafkaSource<Event> source = KafkaSource.<Event>builder().setTopics(\"events\").build();\n";
        let found = lint(
            "",
            &format!(
                "{source}env.fromSource(source, WatermarkStrategy.<Event>forMonotonousTimestamps(), \"events\");"
            ),
        );
        assert_eq!(
            summary(&found),
            [
                (
                    Severity::Info,
                    "forMonotonousTimestamps() on a KafkaSource allows no out-of-orderness: a record older than its partition's newest is late".to_owned()
                ),
                (
                    Severity::Info,
                    "watermark strategy of a KafkaSource has no withIdleness(..): one idle partition holds back event time".to_owned()
                ),
            ]
        );
        assert_eq!(found[0].labels[0].message, "KafkaSource used here");

        for (members, body, count) in [
            (
                "",
                format!(
                    "{source}env.fromSource(source, WatermarkStrategy.<Event>forBoundedOutOfOrderness(Duration.ofSeconds(5)), \"events\");"
                ),
                1,
            ),
            (
                "private static final WatermarkStrategy<Event> STRATEGY = WatermarkStrategy.<Event>forBoundedOutOfOrderness(Duration.ofSeconds(5));",
                "env.fromSource(KafkaSource.<Event>builder().setTopics(\"events\").build(), STRATEGY, \"events\");".to_owned(),
                1,
            ),
            (
                "static WatermarkStrategy<Event> strategy() { return WatermarkStrategy.<Event>forBoundedOutOfOrderness(Duration.ofSeconds(5)); }",
                format!("{source}env.fromSource(source, strategy(), \"events\");"),
                1,
            ),
            (
                "",
                format!(
                    "{source}env.fromSource(source, WatermarkStrategy.noWatermarks(), \"events\").map(m).assignTimestampsAndWatermarks(WatermarkStrategy.<Event>forBoundedOutOfOrderness(Duration.ofSeconds(5)));"
                ),
                1,
            ),
            // Idleness set, no watermarks, a custom generator, another source, a merge.
            (
                "",
                format!(
                    "{source}env.fromSource(source, WatermarkStrategy.<Event>forBoundedOutOfOrderness(Duration.ofSeconds(5)).withIdleness(Duration.ofMinutes(1)), \"events\");"
                ),
                0,
            ),
            (
                "",
                format!("{source}env.fromSource(source, WatermarkStrategy.noWatermarks(), \"events\");"),
                0,
            ),
            (
                "",
                format!(
                    "{source}env.fromSource(source, WatermarkStrategy.forGenerator(ctx -> new Gen()), \"events\");"
                ),
                0,
            ),
            (
                "",
                "env.fromSource(files, WatermarkStrategy.<Event>forMonotonousTimestamps(), \"files\");".to_owned(),
                0,
            ),
            (
                "",
                format!(
                    "{source}env.fromSource(source, WatermarkStrategy.noWatermarks(), \"events\").union(other).assignTimestampsAndWatermarks(WatermarkStrategy.<Event>forBoundedOutOfOrderness(Duration.ofSeconds(5)));"
                ),
                0,
            ),
        ] {
            assert_eq!(lint(members, &body).len(), count, "{body}");
        }
    }

    #[test]
    fn options_and_test_sources() {
        let src = job(
            "",
            "",
            "events.assignTimestampsAndWatermarks(WatermarkStrategy.<Event>forBoundedOutOfOrderness(Duration.ofMillis(200)));",
        );
        assert_eq!(
            check_one(&RULE, "src/test/java/com/example/JobTest.java", &src).len(),
            1
        );
        let plain = "class Job { void m() { WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofMillis(0)); } }";
        assert!(check_one(&RULE, "Job.java", plain).is_empty());
    }
}
