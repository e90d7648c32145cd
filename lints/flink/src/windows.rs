//! Flink window chains, shared by the window rules: which call builds a window, whether that
//! window provably works in event time, and what the chain does with late records.
//!
//! A window is built by `window(assigner)` / `windowAll(assigner)`, or by the legacy
//! `timeWindow(size[, slide])` / `timeWindowAll(size[, slide])`, which pick processing or event
//! time from the environment's time characteristic. An assigner proves event time by its class;
//! a legacy window only when the file proves the job runs in event time (see
//! [`Windows::event_time`]). Every answer is "proven" or "not proven"; the rules stay silent on
//! the latter.

use std::cell::OnceCell;

use bdl_core::Span;
use bdl_syntax::JavaFile;
use bdl_syntax::java::fold::arguments;
use bdl_syntax::java::{ancestor, chain, scope};
use tree_sitter::Node;

use crate::helpers;
use crate::watermarks::{self, Generator};

/// Calls that build a windowed stream.
const WINDOW_CALLS: &[&str] = &["window", "windowAll", "timeWindow", "timeWindowAll"];

/// Windowed-stream methods that configure the window and return the windowed stream, so they
/// may sit between the window call and the window function.
pub(crate) const WINDOW_SETTINGS: &[&str] = &[
    "trigger",
    "evictor",
    "allowedLateness",
    "sideOutputLateData",
];

/// Calls after which a stream carries more than one input's timestamps and watermarks.
const STREAM_MERGES: &[&str] = &["union", "connect", "join", "coGroup", "intervalJoin"];

/// `org.apache.flink.streaming.api.TimeCharacteristic`.
const TIME_CHARACTERISTIC: &str = "org.apache.flink.streaming.api.TimeCharacteristic";

/// Named type declarations: the unit a `setStreamTimeCharacteristic` call speaks for.
const NAMED_TYPES: &[&str] = &[
    "class_declaration",
    "enum_declaration",
    "record_declaration",
    "interface_declaration",
];

/// A window that provably assigns by event time.
pub(crate) struct EventTimeWindow<'t> {
    /// The `window(..)`, `windowAll(..)`, `timeWindow(..)` or `timeWindowAll(..)` call.
    pub(crate) call: Node<'t>,
    /// The event-time assigner class it uses (for a legacy window, the one Flink picks).
    pub(crate) class: &'static str,
    /// Where the window is assigned: the assigner argument, or the legacy call.
    pub(crate) assigned_at: Span,
    /// For a legacy window, where the file proves event time and what it is.
    pub(crate) evidence: Option<Evidence>,
}

/// A place that proves a job runs in event time.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Evidence {
    pub(crate) span: Span,
    pub(crate) label: &'static str,
}

impl EventTimeWindow<'_> {
    /// The label for where the window is assigned.
    pub(crate) fn label(&self, file: &JavaFile<'_>) -> String {
        if self.evidence.is_some() {
            format!(
                "{} in event time ({}) assigned here",
                chain::method_name(file, self.call),
                self.class
            )
        } else {
            format!("event-time window ({}) assigned here", self.class)
        }
    }
}

/// The index of the window call that `calls[at]` configures, if only window settings stand
/// between them.
pub(crate) fn window_call(file: &JavaFile<'_>, calls: &[Node<'_>], at: usize) -> Option<usize> {
    for i in (0..at).rev() {
        match chain::method_name(file, *calls.get(i)?) {
            name if WINDOW_CALLS.contains(&name) => return Some(i),
            name if WINDOW_SETTINGS.contains(&name) => {}
            _ => return None,
        }
    }
    None
}

/// Whether the window settings right after `calls[window]` route late data to a side output.
pub(crate) fn has_side_output(file: &JavaFile<'_>, calls: &[Node<'_>], window: usize) -> bool {
    calls
        .iter()
        .skip(window + 1)
        .map(|c| chain::method_name(file, *c))
        .take_while(|name| WINDOW_SETTINGS.contains(name))
        .any(|name| name == "sideOutputLateData")
}

/// The window calls of a file, with the file-wide evidence for legacy windows computed once.
pub(crate) struct Windows<'f, 'a> {
    file: &'f JavaFile<'a>,
    characteristics: OnceCell<Characteristics>,
}

/// The `setStreamTimeCharacteristic(..)` calls of a file.
#[derive(Debug, Default)]
struct Characteristics {
    /// `setStreamTimeCharacteristic(TimeCharacteristic.EventTime)` on a provable environment:
    /// the argument's span and the id of the named type the call is in.
    event_time: Vec<(Span, Option<usize>)>,
    /// Whether some call sets processing or ingestion time, or a characteristic that cannot
    /// be resolved, or sets it on something that is not provably an environment.
    other: bool,
}

impl<'f, 'a> Windows<'f, 'a> {
    pub(crate) fn new(file: &'f JavaFile<'a>) -> Self {
        Self {
            file,
            characteristics: OnceCell::new(),
        }
    }

    /// The window call `calls[at]` if it provably assigns by event time:
    /// - `window(a)` / `windowAll(a)` with an event-time assigner `a`
    ///   ([`helpers::event_time_assigner`]);
    /// - the legacy `timeWindow(size[, slide])` / `timeWindowAll(size[, slide])` when the job
    ///   provably runs in event time: no `setStreamTimeCharacteristic` in the file sets anything
    ///   but `EventTime`, and either one sets `EventTime` on a Flink environment in the same
    ///   class, or timestamps and watermarks are assigned upstream on the same chain
    ///   (`assignTimestampsAndWatermarks(..)`, or `fromSource(source, strategy, ..)` with a
    ///   strategy that generates watermarks), with no stream merge in between.
    pub(crate) fn event_time(&self, calls: &[Node<'f>], at: usize) -> Option<EventTimeWindow<'f>> {
        let file = self.file;
        let call = *calls.get(at)?;
        let args = arguments(call);
        match (chain::method_name(file, call), args.as_slice()) {
            ("window" | "windowAll", [assigner]) => Some(EventTimeWindow {
                call,
                class: helpers::event_time_assigner(file, *assigner)?,
                assigned_at: JavaFile::span_of(*assigner),
                evidence: None,
            }),
            ("timeWindow" | "timeWindowAll", [_] | [_, _]) => {
                let class = if args.len() == 1 {
                    "TumblingEventTimeWindows"
                } else {
                    "SlidingEventTimeWindows"
                };
                let evidence = self.legacy_evidence(calls, at)?;
                Some(EventTimeWindow {
                    call,
                    class,
                    assigned_at: name_to_end(call),
                    evidence: Some(evidence),
                })
            }
            _ => None,
        }
    }

    fn legacy_evidence(&self, calls: &[Node<'f>], at: usize) -> Option<Evidence> {
        let file = self.file;
        let call = *calls.get(at)?;
        let characteristics = self
            .characteristics
            .get_or_init(|| Characteristics::of(file));
        if characteristics.other {
            return None;
        }
        let class = named_type(file, call);
        if let Some((span, _)) = characteristics
            .event_time
            .iter()
            .find(|(_, of)| class.is_some() && *of == class)
        {
            return Some(Evidence {
                span: *span,
                label: "event time set here",
            });
        }
        watermarks_upstream(file, calls.get(..at)?)
    }
}

impl Characteristics {
    fn of(file: &JavaFile<'_>) -> Self {
        let mut found = Self::default();
        for call in file.nodes_of_kind("method_invocation") {
            if chain::method_name(file, call) != "setStreamTimeCharacteristic" {
                continue;
            }
            let value = match arguments(call)[..] {
                [argument] => characteristic(file, argument).map(|c| (c, argument)),
                _ => None,
            };
            let on_environment =
                chain::receiver(call).is_some_and(|env| helpers::is_stream_environment(file, env));
            match value {
                Some(("EventTime", argument)) if on_environment => found
                    .event_time
                    .push((JavaFile::span_of(argument), named_type(file, call))),
                _ => found.other = true,
            }
        }
        found
    }
}

/// The `TimeCharacteristic` constant `node` names: `TimeCharacteristic.EventTime`, its
/// qualified form, or a statically imported `EventTime`.
fn characteristic<'a>(file: &JavaFile<'a>, node: Node<'_>) -> Option<&'a str> {
    const CONSTANTS: &[&str] = &["EventTime", "ProcessingTime", "IngestionTime"];
    let name = match node.kind() {
        "field_access" => {
            let object = node.child_by_field_name("object")?;
            let class = file.text_of(object);
            let ok = (class == "TimeCharacteristic" && file.refers_to(TIME_CHARACTERISTIC))
                || class == TIME_CHARACTERISTIC;
            if !ok {
                return None;
            }
            file.text_of(node.child_by_field_name("field")?)
        }
        "identifier" => {
            let name = file.text_of(node);
            let imported = file.imports().iter().any(|i| {
                i.strip_prefix(TIME_CHARACTERISTIC)
                    .is_some_and(|rest| rest == ".*" || rest.strip_prefix('.') == Some(name))
            });
            if !imported || scope::resolve(file, node, name).is_some() {
                return None;
            }
            name
        }
        _ => return None,
    };
    CONSTANTS.contains(&name).then_some(name)
}

/// The id of the named type declaration `node` is in (anonymous classes do not count).
fn named_type(file: &JavaFile<'_>, node: Node<'_>) -> Option<usize> {
    ancestor(file.root(), node, NAMED_TYPES).map(|n| n.id())
}

/// The last timestamp and watermark assignment on `upstream` (the calls before a window, in
/// chain order), if no stream merge comes after it: `assignTimestampsAndWatermarks(x)` with any
/// `x` but `WatermarkStrategy.noWatermarks()`, or `fromSource(source, strategy, ..)` with a
/// strategy that provably generates watermarks.
fn watermarks_upstream(file: &JavaFile<'_>, upstream: &[Node<'_>]) -> Option<Evidence> {
    for call in upstream.iter().rev() {
        let name = chain::method_name(file, *call);
        if STREAM_MERGES.contains(&name) {
            return None;
        }
        let args = arguments(*call);
        let (strategy, required) = match (name, args.as_slice()) {
            ("assignTimestampsAndWatermarks", [strategy]) => (*strategy, false),
            ("fromSource", [_, strategy, ..]) => (*strategy, true),
            _ => continue,
        };
        let generates = match watermarks::generator(file, strategy) {
            Some(Generator::NoWatermarks) => false,
            Some(_) => true,
            None => !required,
        };
        if !generates {
            return None;
        }
        let label = call.child_by_field_name("name").unwrap_or(*call);
        return Some(Evidence {
            span: JavaFile::span_of(label),
            label: "timestamps and watermarks assigned here",
        });
    }
    None
}

/// The span of a call from its method name to its end: `window(assigner)`.
pub(crate) fn name_to_end(call: Node<'_>) -> Span {
    let start = call
        .child_by_field_name("name")
        .map_or(call.start_byte(), |n| n.start_byte());
    Span::new(start, call.end_byte())
}

#[cfg(test)]
mod tests {
    use super::*;

    const IMPORTS: &str = "import org.apache.flink.api.common.eventtime.WatermarkStrategy;\n\
        import org.apache.flink.streaming.api.TimeCharacteristic;\n\
        import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;\n\
        import org.apache.flink.streaming.api.windowing.assigners.*;\n\
        import org.apache.flink.streaming.api.windowing.time.Time;\n";

    /// The event-time class of the first window call of a job whose `m` body is `body`.
    fn event_time_class(members: &str, body: &str) -> Option<&'static str> {
        let src = format!(
            "{IMPORTS}class Job {{ {members} void m(StreamExecutionEnvironment env) {{ {body} }} }}"
        );
        let file = JavaFile::parse(&src).expect("parses");
        let call = file
            .nodes_of_kind("method_invocation")
            .find(|c| WINDOW_CALLS.contains(&chain::method_name(&file, *c)))
            .expect("a window call");
        let calls = chain::calls(&file, call);
        let at = calls.iter().position(|c| c.id() == call.id())?;
        Windows::new(&file).event_time(&calls, at).map(|w| w.class)
    }

    #[test]
    fn assigners_and_proven_legacy_windows_are_event_time() {
        let cases = [
            (
                "",
                "s.keyBy(k).window(TumblingEventTimeWindows.of(d)).sum(1);",
                Some("TumblingEventTimeWindows"),
            ),
            (
                "",
                "env.setStreamTimeCharacteristic(TimeCharacteristic.EventTime); s.keyBy(k).timeWindow(Time.seconds(10)).sum(1);",
                Some("TumblingEventTimeWindows"),
            ),
            (
                "",
                "env.setStreamTimeCharacteristic(TimeCharacteristic.EventTime); s.keyBy(k).timeWindow(Time.seconds(10), Time.seconds(1)).sum(1);",
                Some("SlidingEventTimeWindows"),
            ),
            (
                "void setUp(StreamExecutionEnvironment env) { env.setStreamTimeCharacteristic(TimeCharacteristic.EventTime); }",
                "s.timeWindowAll(Time.seconds(10)).sum(1);",
                Some("TumblingEventTimeWindows"),
            ),
            (
                "",
                "var stamped = s.assignTimestampsAndWatermarks(new Extractor()); stamped.keyBy(k).timeWindow(Time.seconds(10)).sum(1);",
                Some("TumblingEventTimeWindows"),
            ),
            (
                "",
                "env.fromSource(src, WatermarkStrategy.forMonotonousTimestamps(), \"s\").keyBy(k).timeWindow(Time.seconds(10)).sum(1);",
                Some("TumblingEventTimeWindows"),
            ),
        ];
        for (members, body, expected) in cases {
            assert_eq!(event_time_class(members, body), expected, "{body}");
        }
    }

    #[test]
    fn legacy_windows_without_proof_are_not() {
        for (members, body) in [
            ("", "s.keyBy(k).timeWindow(Time.seconds(10)).sum(1);"),
            (
                "",
                "env.setStreamTimeCharacteristic(TimeCharacteristic.ProcessingTime); s.assignTimestampsAndWatermarks(x).keyBy(k).timeWindow(Time.seconds(10)).sum(1);",
            ),
            (
                "",
                "env.setStreamTimeCharacteristic(TimeCharacteristic.IngestionTime); s.keyBy(k).timeWindow(Time.seconds(10)).sum(1);",
            ),
            (
                "",
                "env.setStreamTimeCharacteristic(mode); s.keyBy(k).timeWindow(Time.seconds(10)).sum(1);",
            ),
            (
                "",
                "other.setStreamTimeCharacteristic(TimeCharacteristic.EventTime); s.keyBy(k).timeWindow(Time.seconds(10)).sum(1);",
            ),
            (
                "static class Other { void setUp(StreamExecutionEnvironment env) { env.setStreamTimeCharacteristic(TimeCharacteristic.EventTime); } }",
                "s.keyBy(k).timeWindow(Time.seconds(10)).sum(1);",
            ),
            (
                "",
                "s.assignTimestampsAndWatermarks(x).union(t).keyBy(k).timeWindow(Time.seconds(10)).sum(1);",
            ),
            (
                "",
                "s.assignTimestampsAndWatermarks(WatermarkStrategy.noWatermarks()).keyBy(k).timeWindow(Time.seconds(10)).sum(1);",
            ),
            (
                "",
                "env.fromSource(src, strategy, \"s\").keyBy(k).timeWindow(Time.seconds(10)).sum(1);",
            ),
            (
                "",
                "s.keyBy(k).window(TumblingProcessingTimeWindows.of(d)).sum(1);",
            ),
            ("", "s.keyBy(k).window(GlobalWindows.create()).sum(1);"),
        ] {
            assert_eq!(event_time_class(members, body), None, "{body}");
        }
    }
}
