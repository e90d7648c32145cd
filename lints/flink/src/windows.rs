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
use bdl_syntax::java::{ancestor, ancestors, chain, scope};
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

/// The settings that decide what happens to late records.
const LATE_DATA_SETTINGS: &[&str] = &["allowedLateness", "sideOutputLateData"];

/// Windowed-stream methods that apply the window function: the window is complete after them,
/// and they return a stream again.
pub(crate) const WINDOW_FUNCTIONS: &[&str] = &[
    "reduce",
    "aggregate",
    "apply",
    "process",
    "sum",
    "min",
    "max",
    "minBy",
    "maxBy",
    "fold",
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

/// How many locals holding a windowed stream [`late_data`] follows, and how many uses.
const MAX_LOCAL_HOPS: u32 = 4;
const MAX_USES: usize = 64;

/// How many calls of one chain [`chain_to`] collects.
const MAX_CHAIN: usize = 512;

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

/// Whether a method of this name builds a windowed stream.
pub(crate) fn is_window_call(name: &str) -> bool {
    WINDOW_CALLS.contains(&name)
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

/// The calls of `call`'s chain up to and including `call`, innermost first, as
/// [`chain::calls`] collects them (also through effectively-final locals), but without the
/// calls made on `call`'s result: walking down the receivers costs the chain's length, while
/// climbing to the outermost call costs the tree's depth at every step, which a generated
/// chain of thousands of calls turns into minutes.
pub(crate) fn chain_to<'t>(file: &'t JavaFile<'_>, call: Node<'t>) -> Vec<Node<'t>> {
    let mut out = vec![call];
    let mut current = chain::receiver(call);
    let mut hops = 0;
    while let Some(node) = current {
        if out.len() > MAX_CHAIN {
            break;
        }
        match node.kind() {
            "method_invocation" => {
                out.push(node);
                current = chain::receiver(node);
            }
            "parenthesized_expression" => current = node.named_child(0),
            "identifier" if hops < MAX_LOCAL_HOPS * 2 => {
                hops += 1;
                current = scope::local_value(file, node);
            }
            _ => break,
        }
    }
    out.reverse();
    out
}

/// The names of the window settings called on the result of `call`, in order, up to the first
/// other call (`w.allowedLateness(l).sideOutputLateData(t).sum(..)` gives the side output for
/// the `allowedLateness` call).
pub(crate) fn settings_after<'a>(file: &JavaFile<'a>, call: Node<'_>) -> Vec<&'a str> {
    let path = ancestors(file.root(), call);
    let mut current = call;
    let mut out = Vec::new();
    for parent in path.iter().rev() {
        match parent.kind() {
            "parenthesized_expression" => current = *parent,
            "method_invocation"
                if chain::receiver(*parent).map(|r| r.id()) == Some(current.id()) =>
            {
                let name = chain::method_name(file, *parent);
                if !WINDOW_SETTINGS.contains(&name) {
                    break;
                }
                out.push(name);
                current = *parent;
            }
            _ => break,
        }
    }
    out
}

/// Whether the window call `calls[window]` is the window of a join or co-group
/// (`a.join(b).where(k).equalTo(k).window(w)`).
pub(crate) fn is_join_window(file: &JavaFile<'_>, calls: &[Node<'_>], window: usize) -> bool {
    window
        .checked_sub(1)
        .and_then(|i| calls.get(i))
        .is_some_and(|c| chain::method_name(file, *c) == "equalTo")
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
                Some(("EventTime", argument)) if on_environment && unconditional(file, call) => {
                    found
                        .event_time
                        .push((JavaFile::span_of(argument), named_type(file, call)));
                }
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

/// Node kinds under which a statement may not run, or run only for some inputs.
const CONDITIONAL: &[&str] = &[
    "if_statement",
    "ternary_expression",
    "switch_expression",
    "switch_block_statement_group",
    "switch_rule",
    "while_statement",
    "do_statement",
    "for_statement",
    "enhanced_for_statement",
    "catch_clause",
    "binary_expression",
];

/// Whether `call` runs whenever its method does: no branch, loop or `catch` between it and its
/// method-like body (`if (eventTime) env.setStreamTimeCharacteristic(..)` proves nothing).
fn unconditional(file: &JavaFile<'_>, call: Node<'_>) -> bool {
    let path = ancestors(file.root(), call);
    let Some(body) = path
        .iter()
        .rposition(|n| scope::BODY_KINDS.contains(&n.kind()))
    else {
        return false;
    };
    path.get(body..)
        .is_some_and(|inner| !inner.iter().any(|n| CONDITIONAL.contains(&n.kind())))
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
        let generates = match watermarks::strategy(file, strategy).map(|s| s.generator) {
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

/// What a window chain does with late records.
#[derive(Debug)]
pub(crate) enum LateData<'t> {
    /// `allowedLateness(..)` or `sideOutputLateData(..)` configures the window.
    Configured,
    /// The window function is applied (first such call) with neither: late records are
    /// dropped.
    Dropped(Node<'t>),
    /// The windowed stream goes where the file cannot follow it (a method argument, a field,
    /// a `return`), or no window function is applied.
    Unknown,
}

/// Follows the windowed stream that `window` builds forward, through the calls made on it
/// and through effectively-final locals that hold it (`WindowedStream` and
/// `AllWindowedStream` settings change the stream in place, so a setting made on the local in
/// a statement of its own counts).
pub(crate) fn late_data<'t>(file: &'t JavaFile<'_>, window: Node<'t>) -> LateData<'t> {
    let mut pending: Vec<(Node<'t>, Vec<Node<'t>>, u32)> =
        vec![(window, ancestors(file.root(), window), 0)];
    let mut dropped: Option<Node<'t>> = None;
    let mut uses = 0usize;
    while let Some((start, path, hops)) = pending.pop() {
        let mut current = start;
        let mut applied = false;
        for parent in path.iter().rev() {
            match parent.kind() {
                "parenthesized_expression" => current = *parent,
                "method_invocation"
                    if chain::receiver(*parent).map(|r| r.id()) == Some(current.id()) =>
                {
                    let name = chain::method_name(file, *parent);
                    if LATE_DATA_SETTINGS.contains(&name) {
                        return LateData::Configured;
                    }
                    if WINDOW_SETTINGS.contains(&name) {
                        current = *parent;
                    } else if WINDOW_FUNCTIONS.contains(&name) {
                        if dropped.is_none_or(|d| parent.start_byte() < d.start_byte()) {
                            dropped = Some(*parent);
                        }
                        applied = true;
                        break;
                    } else {
                        return LateData::Unknown;
                    }
                }
                "variable_declarator"
                    if parent.child_by_field_name("value").map(|v| v.id())
                        == Some(current.id()) =>
                {
                    if hops >= MAX_LOCAL_HOPS {
                        return LateData::Unknown;
                    }
                    let Some(found) = local_uses(file, *parent) else {
                        return LateData::Unknown;
                    };
                    uses += found.len();
                    if uses > MAX_USES {
                        return LateData::Unknown;
                    }
                    pending.extend(found.into_iter().map(|(u, p)| (u, p, hops + 1)));
                    applied = true;
                    break;
                }
                // A statement of its own (`windowed.trigger(t);`): the settings stay on the
                // stream, nothing escapes.
                "expression_statement" => {
                    applied = true;
                    break;
                }
                _ => return LateData::Unknown,
            }
        }
        if !applied {
            return LateData::Unknown;
        }
    }
    dropped.map_or(LateData::Unknown, LateData::Dropped)
}

/// The uses of the local that `declarator` declares, each with its ancestors, if it is an
/// effectively-final local of a method-like body; `None` for a field or a reassigned local.
#[allow(clippy::type_complexity)]
fn local_uses<'t>(
    file: &'t JavaFile<'_>,
    declarator: Node<'t>,
) -> Option<Vec<(Node<'t>, Vec<Node<'t>>)>> {
    let name_node = declarator.child_by_field_name("name")?;
    let name = file.text_of(name_node);
    let body = scope::enclosing_body(file, declarator)?;
    if !scope::never_reassigned(file, body, name) {
        return None;
    }
    let range = body.byte_range();
    let mut out = Vec::new();
    for ident in file.identifiers_named(name) {
        if ident.id() == name_node.id()
            || ident.start_byte() < range.start
            || ident.end_byte() > range.end
        {
            continue;
        }
        let path = ancestors(file.root(), ident);
        let parent = *path.last()?;
        // Method names and field names spelled like the local are not uses of it.
        let named =
            |field: &str| parent.child_by_field_name(field).map(|n| n.id()) == Some(ident.id());
        if (parent.kind() == "method_invocation" && named("name"))
            || (parent.kind() == "field_access" && named("field"))
        {
            continue;
        }
        let decl = scope::resolve(file, ident, name)?;
        if decl.node.id() != declarator.id() {
            continue;
        }
        out.push((ident, path));
        if out.len() > MAX_USES {
            return None;
        }
    }
    Some(out)
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
        let calls = chain_to(&file, call);
        Windows::new(&file)
            .event_time(&calls, calls.len() - 1)
            .map(|w| w.class)
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
                "if (eventTime) { env.setStreamTimeCharacteristic(TimeCharacteristic.EventTime); } s.keyBy(k).timeWindow(Time.seconds(10)).sum(1);",
            ),
            (
                "",
                "if (eventTime) { env.setStreamTimeCharacteristic(TimeCharacteristic.EventTime); } s.assignTimestampsAndWatermarks(x).keyBy(k).timeWindow(Time.seconds(10)).sum(1);",
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

    /// What `late_data` says about the first window call of a method body.
    fn late(body: &str) -> String {
        let src = format!("{IMPORTS}class Job {{ void m() {{ {body} }} }}");
        let file = JavaFile::parse(&src).expect("parses");
        let call = file
            .nodes_of_kind("method_invocation")
            .find(|c| chain::method_name(&file, *c) == "window")
            .expect("a window call");
        match late_data(&file, call) {
            LateData::Configured => "configured".to_owned(),
            LateData::Dropped(f) => format!("dropped at {}", chain::method_name(&file, f)),
            LateData::Unknown => "unknown".to_owned(),
        }
    }

    #[test]
    fn late_data_is_followed_through_chains_and_locals() {
        for (body, expected) in [
            ("s.keyBy(k).window(w).sum(1);", "dropped at sum"),
            (
                "s.keyBy(k).window(w).trigger(t).evictor(e).reduce(r);",
                "dropped at reduce",
            ),
            (
                "s.keyBy(k).window(w).allowedLateness(l).sum(1);",
                "configured",
            ),
            (
                "s.keyBy(k).window(w).trigger(t).sideOutputLateData(tag).sum(1);",
                "configured",
            ),
            ("var x = s.keyBy(k).window(w); x.sum(1);", "dropped at sum"),
            (
                "var x = (s.keyBy(k).window(w)); var y = x.trigger(t); y.process(f);",
                "dropped at process",
            ),
            (
                "var x = s.keyBy(k).window(w); x.sideOutputLateData(tag); x.sum(1);",
                "configured",
            ),
            (
                "var x = s.keyBy(k).window(w); x.sum(1); x.allowedLateness(l);",
                "configured",
            ),
            ("var x = s.keyBy(k).window(w); helper(x);", "unknown"),
            (
                "var x = s.keyBy(k).window(w); x = other; x.sum(1);",
                "unknown",
            ),
            ("var x = s.keyBy(k).window(w); return;", "unknown"),
            ("helper(s.keyBy(k).window(w));", "unknown"),
            ("s.keyBy(k).window(w).uid(\"u\");", "unknown"),
            ("this.field = s.keyBy(k).window(w);", "unknown"),
            (
                "var sum = s.keyBy(k).window(w); sum.sum(1);",
                "dropped at sum",
            ),
        ] {
            assert_eq!(late(body), expected, "{body}");
        }
    }
}
