//! Stateful DataStream operators and their uids: which operators keep state a savepoint must
//! map back (keyed functions, windows, joins, sources, sinks), and whether each gets a stable
//! `uid`. Every answer is "proven" or "not proven"; the rules stay silent on the latter.

use std::collections::HashSet;

use bdl_syntax::JavaFile;
use bdl_syntax::java::fold::arguments;
use bdl_syntax::java::{chain, scope};
use tree_sitter::Node;

use crate::helpers;
use crate::operators::{OPERATOR_CALLS, OPERATOR_SETTERS};

/// What kind of stream a chain has produced so far.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stream {
    Plain,
    Keyed,
    /// After `window` (on a keyed stream: `keyed`) or `windowAll`.
    Windowed {
        keyed: bool,
    },
    IntervalJoined,
    JoinStarted,
    JoinWhere,
    JoinEqualTo,
    JoinWindowed,
}

/// Windowed-stream methods that return the windowed stream.
const WINDOW_SETTINGS: &[&str] = &[
    "trigger",
    "evictor",
    "allowedLateness",
    "sideOutputLateData",
];

/// The stream after `name` is called on a stream of kind `state`.
fn next_stream(state: Stream, name: &str) -> Stream {
    match (state, name) {
        (_, "keyBy") => Stream::Keyed,
        (Stream::Keyed, "window" | "countWindow" | "timeWindow") => {
            Stream::Windowed { keyed: true }
        }
        (_, "windowAll" | "countWindowAll" | "timeWindowAll") => Stream::Windowed { keyed: false },
        (Stream::Windowed { keyed }, n) if WINDOW_SETTINGS.contains(&n) => {
            Stream::Windowed { keyed }
        }
        (Stream::Keyed, "intervalJoin") => Stream::IntervalJoined,
        (Stream::IntervalJoined, "between" | "lowerBoundExclusive" | "upperBoundExclusive") => {
            Stream::IntervalJoined
        }
        (_, "join" | "coGroup") => Stream::JoinStarted,
        (Stream::JoinStarted, "where") => Stream::JoinWhere,
        (Stream::JoinWhere, "equalTo") => Stream::JoinEqualTo,
        (Stream::JoinEqualTo, "window") => Stream::JoinWindowed,
        (Stream::JoinWindowed, n) if WINDOW_SETTINGS.contains(&n) => Stream::JoinWindowed,
        _ => Stream::Plain,
    }
}

/// A stateful operator: the call that creates it, how to name it in a message, and whether it
/// gets a uid.
#[derive(Clone, Copy, Debug)]
pub(crate) struct StatefulOperator<'t> {
    pub(crate) call: Node<'t>,
    /// `keyed`, `window`, `interval join`, `window join`, `source` or `sink`.
    pub(crate) what: &'static str,
    pub(crate) method: &'static str,
    pub(crate) uid: Uid,
}

/// Methods of a `KeyedStream` that create a keyed, stateful operator.
const KEYED_STATEFUL: &[&str] = &["process", "reduce", "sum", "min", "max", "minBy", "maxBy"];

/// Methods of a windowed stream that create the window operator.
const WINDOW_FUNCTIONS: &[&str] = &[
    "reduce",
    "aggregate",
    "apply",
    "process",
    "sum",
    "min",
    "max",
    "minBy",
    "maxBy",
];

/// Methods that take a stream straight to its end without a function of the user's.
const SINKS: &[&str] = &["sinkTo", "addSink", "print", "printToErr"];

/// How many calls of other chains a chain borrows through locals (`KeyedStream k = s.keyBy(..);
/// k.process(..)`), and how many locals it follows, so that many chains over one long chain
/// stay linear.
const MAX_BORROWED_CALLS: usize = 256;
const MAX_HOPS: u32 = 8;

/// How many uses of a local holding an operator are looked at for its uid.
const MAX_USES: usize = 64;

/// The stateful operators of a file and the first call that creates keyed state.
#[derive(Debug, Default)]
pub(crate) struct Analysis<'t> {
    /// In document order of their method names.
    pub(crate) operators: Vec<StatefulOperator<'t>>,
    /// A keyed stateful operator, or a `keyBy` whose stream goes on into a function of the
    /// user's (which may keep keyed state) rather than straight into a sink: the first one.
    pub(crate) first_keyed: Option<Node<'t>>,
}

/// Where a call's method name starts: the calls of one chain all start where the chain does.
pub(crate) fn name_start(call: Node<'_>) -> usize {
    call.child_by_field_name("name")
        .map_or(call.start_byte(), |n| n.start_byte())
}

/// Finds the stateful operators of a file: a keyed `process`/`reduce`/rolling aggregation, the
/// window function of a (keyed, all- or join-) windowed stream, an interval join's `process`, a
/// source on a stream environment (`fromSource`, `addSource`), and a sink (`sinkTo`,
/// `addSink`), each with its uid. Every call chain is walked once, from its outermost call. The
/// caller checks [`crate::operators::uses_datastream`] first.
pub(crate) fn analyze<'t>(file: &'t JavaFile<'_>) -> Analysis<'t> {
    let calls: Vec<Node<'t>> = file.nodes_of_kind("method_invocation").collect();
    let receivers: HashSet<usize> = calls
        .iter()
        .filter_map(|c| chain::receiver(*c))
        .map(|r| r.id())
        .collect();
    let mut analysis = Analysis::default();
    let mut keyed: Vec<Node<'t>> = Vec::new();
    for top in calls.iter().filter(|c| !receivers.contains(&c.id())) {
        analyze_chain(file, *top, &mut analysis.operators, &mut keyed);
    }
    analysis.operators.sort_by_key(|op| name_start(op.call));
    analysis.first_keyed = keyed.into_iter().min_by_key(|c| name_start(*c));
    analysis
}

/// One chain, from its outermost call `top`.
fn analyze_chain<'t>(
    file: &'t JavaFile<'_>,
    top: Node<'t>,
    out: &mut Vec<StatefulOperator<'t>>,
    keyed: &mut Vec<Node<'t>>,
) {
    // The chain's own calls, innermost first.
    let mut own = Vec::new();
    let mut current = Some(top);
    while let Some(node) = current.filter(|n| n.kind() == "method_invocation") {
        own.push(node);
        current = chain::receiver(node);
    }
    own.reverse();
    // The stream the chain starts from, when a local holds the start of another chain.
    let mut state = Stream::Plain;
    if let Some(root) = current {
        for call in borrowed_calls(file, root) {
            state = next_stream(state, chain::method_name(file, call));
        }
    }
    for (i, call) in own.iter().enumerate() {
        let name = chain::method_name(file, *call);
        if let Some((what, method, is_keyed)) = classify(file, *call, name, state) {
            if is_keyed {
                keyed.push(*call);
            }
            out.push(StatefulOperator {
                call: *call,
                what,
                method,
                uid: uid_after(file, &own[i + 1..], top),
            });
        }
        if name == "keyBy"
            && own
                .get(i + 1)
                .is_some_and(|next| !SINKS.contains(&chain::method_name(file, *next)))
        {
            keyed.push(*call);
        }
        state = next_stream(state, name);
    }
}

/// The calls of the chains that locals hold, starting at `root` (`k` in `k.process(..)` with
/// `var k = s.keyBy(..)`), innermost first; bounded.
fn borrowed_calls<'t>(file: &'t JavaFile<'_>, root: Node<'t>) -> Vec<Node<'t>> {
    let mut out = Vec::new();
    let mut current = Some(root);
    let mut hops = 0;
    while let Some(node) = current {
        match node.kind() {
            "method_invocation" if out.len() < MAX_BORROWED_CALLS => {
                out.push(node);
                current = chain::receiver(node);
            }
            "parenthesized_expression" => current = node.named_child(0),
            "identifier" if hops < MAX_HOPS => {
                hops += 1;
                current = scope::local_value(file, node);
            }
            _ => break,
        }
    }
    out.reverse();
    out
}

/// Whether `call` (named `name`, on a stream of kind `state`) is a stateful operator: how to
/// describe it, its method and whether its state is keyed.
fn classify(
    file: &JavaFile<'_>,
    call: Node<'_>,
    name: &str,
    state: Stream,
) -> Option<(&'static str, &'static str, bool)> {
    let known = |list: &[&'static str]| list.iter().copied().find(|m| *m == name);
    match name {
        "fromSource" | "addSource" => {
            let method = known(&["fromSource", "addSource"])?;
            let receiver = chain::receiver(call)?;
            helpers::is_stream_environment(file, receiver).then_some(("source", method, false))
        }
        "sinkTo" | "addSink" => {
            let method = known(&["sinkTo", "addSink"])?;
            let count = arguments(call).len();
            (1..=2).contains(&count).then_some(("sink", method, false))
        }
        _ => match state {
            Stream::Keyed => Some(("keyed", known(KEYED_STATEFUL)?, true)),
            Stream::Windowed { keyed } => Some(("window", known(WINDOW_FUNCTIONS)?, keyed)),
            Stream::IntervalJoined if name == "process" => Some(("interval join", "process", true)),
            Stream::JoinWindowed => Some(("window join", known(&["apply", "with"])?, true)),
            _ => None,
        },
    }
}

/// Whether an operator gets a uid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Uid {
    /// `.uid(..)` or `.setUidHash(..)` is called on it.
    Set,
    /// It provably gets none: the chain goes on to another operator, ends in a statement, or
    /// ends in a local that never gets one.
    Missing,
    /// It leaves the method (returned, passed, stored in a field): someone else may set it.
    Unknown,
}

/// The uid of an operator, from the calls made on it after it in its chain (`after`) and, when
/// the chain ends there, what the chain's outermost call `top` is used for.
fn uid_after(file: &JavaFile<'_>, after: &[Node<'_>], top: Node<'_>) -> Uid {
    for call in after {
        match chain::method_name(file, *call) {
            "uid" | "setUidHash" => return Uid::Set,
            name if OPERATOR_SETTERS.contains(&name) => {}
            // The result goes on into another call: a new operator, or a method we do not know.
            name if OPERATOR_CALLS.contains(&name) || name == "keyBy" => return Uid::Missing,
            _ => return Uid::Unknown,
        }
    }
    let Some(parent) = top.parent() else {
        return Uid::Unknown;
    };
    match parent.kind() {
        "expression_statement" => Uid::Missing,
        "variable_declarator" => {
            let Some(name_node) = parent.child_by_field_name("name") else {
                return Uid::Unknown;
            };
            let name = file.text_of(name_node);
            let decl = scope::resolve(file, name_node, name);
            if decl.is_none_or(|d| d.is_field) {
                return Uid::Unknown;
            }
            uid_through_name(file, parent, name)
        }
        _ => Uid::Unknown,
    }
}

/// The name node of a declarator.
fn name_node(declarator: Node<'_>) -> Option<Node<'_>> {
    declarator.child_by_field_name("name")
}

/// Whether a local holding an operator gets a uid later (`op.uid("x")`, also after other
/// setters), or escapes the method.
fn uid_through_name(file: &JavaFile<'_>, declarator: Node<'_>, name: &str) -> Uid {
    let Some(body) = scope::enclosing_body(file, declarator) else {
        return Uid::Unknown;
    };
    let range = body.byte_range();
    let declared = name_node(declarator).map(|n| n.id());
    let mut result = Uid::Missing;
    let uses = file
        .identifiers_named(name)
        .filter(|u| range.contains(&u.start_byte()) && Some(u.id()) != declared);
    for (seen, use_) in uses.enumerate() {
        if seen >= MAX_USES {
            return Uid::Unknown;
        }
        if !names_a_variable(use_) {
            continue;
        }
        match uid_of_use(file, use_) {
            Uid::Set => return Uid::Set,
            Uid::Unknown => result = Uid::Unknown,
            Uid::Missing => {}
        }
    }
    result
}

/// Whether an identifier is a use of a variable, not a method name (`s.sum(1)`), a field of
/// another object (`a.sum`), or the method of a reference (`Math::max`).
fn names_a_variable(identifier: Node<'_>) -> bool {
    let Some(parent) = identifier.parent() else {
        return false;
    };
    let is_field = |field: &str| {
        parent
            .child_by_field_name(field)
            .is_some_and(|n| n.id() == identifier.id())
    };
    match parent.kind() {
        "method_invocation" => !is_field("name"),
        "field_access" => !is_field("field"),
        "method_reference" => parent
            .named_child(0)
            .is_some_and(|n| n.id() == identifier.id()),
        _ => true,
    }
}

/// How one use of a local holding an operator affects its uid.
fn uid_of_use(file: &JavaFile<'_>, use_: Node<'_>) -> Uid {
    let mut top = use_;
    while let Some(parent) = top.parent() {
        if parent.kind() != "method_invocation"
            || chain::receiver(parent).map(|r| r.id()) != Some(top.id())
        {
            break;
        }
        match chain::method_name(file, parent) {
            "uid" | "setUidHash" => return Uid::Set,
            name if OPERATOR_SETTERS.contains(&name) => top = parent,
            // Used as the input of the next operator: no uid from this use.
            _ => return Uid::Missing,
        }
    }
    match top.parent().map(|p| p.kind()) {
        // `op;`, `op.name("x");`
        Some("expression_statement") => Uid::Missing,
        // Passed on, returned or stored: the uid may be set elsewhere.
        _ => Uid::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const IMPORTS: &str = "import org.apache.flink.streaming.api.datastream.*;\n\
        import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;\n";

    fn parse(body: &str) -> String {
        format!(
            "{IMPORTS}class Job {{ static Object f; void m(StreamExecutionEnvironment env, DataStream<E> s) {{ {body} }} }}"
        )
    }

    fn stateful(body: &str) -> Vec<(String, Uid)> {
        let src = parse(body);
        let file = JavaFile::parse(&src).expect("parses");
        analyze(&file)
            .operators
            .iter()
            .map(|op| (format!("{} {}", op.what, op.method), op.uid))
            .collect()
    }

    #[test]
    fn stateful_operators_are_classified() {
        let found = stateful(
            "env.fromSource(src, wm, \"in\").keyBy(E::k).process(p).uid(\"p\").map(m).keyBy(E::k)\
             .window(w).trigger(t).aggregate(a).name(\"agg\").sinkTo(sink);",
        );
        let what: Vec<_> = found.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(
            what,
            [
                "source fromSource",
                "keyed process",
                "window aggregate",
                "sink sinkTo"
            ]
        );
        let uids: Vec<_> = found.iter().map(|(_, u)| *u).collect();
        assert_eq!(uids, [Uid::Missing, Uid::Set, Uid::Missing, Uid::Missing]);
    }

    #[test]
    fn stateless_operators_are_not_stateful() {
        for body in [
            "s.map(m).filter(f).process(p);",
            "s.keyBy(E::k).map(m).process(p);",
            "s.keyBy(E::k).flatMap(m);",
            "s.process(p).reduce(r);",
            "other.fromSource(src, wm, \"in\");",
        ] {
            assert!(stateful(body).is_empty(), "{body}");
        }
        let found = stateful(
            "s.windowAll(w).reduce(r); a.join(b).where(k).equalTo(k).window(w).apply(f); a.keyBy(k).intervalJoin(b.keyBy(k)).between(l, u).process(p);",
        );
        let what: Vec<_> = found.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(
            what,
            [
                "window reduce",
                "window join apply",
                "interval join process"
            ]
        );
    }

    #[test]
    fn uids_through_locals_and_escapes() {
        let cases = [
            (
                "var agg = s.keyBy(E::k).reduce(r); agg.uid(\"agg\");",
                Uid::Set,
            ),
            (
                "var agg = s.keyBy(E::k).reduce(r); agg.name(\"x\").uid(\"agg\");",
                Uid::Set,
            ),
            (
                "var agg = s.keyBy(E::k).reduce(r); agg.print();",
                Uid::Missing,
            ),
            ("var agg = s.keyBy(E::k).reduce(r); use(agg);", Uid::Unknown),
            ("var sum = s.keyBy(E::k).sum(1); sum.print();", Uid::Missing),
            ("f = s.keyBy(E::k).reduce(r);", Uid::Unknown),
            ("use(s.keyBy(E::k).reduce(r));", Uid::Unknown),
            ("s.keyBy(E::k).reduce(r).setUidHash(\"abc\");", Uid::Set),
            (
                "s.keyBy(E::k).reduce(r).name(\"n\").setParallelism(2);",
                Uid::Missing,
            ),
        ];
        for (body, expected) in cases {
            let found = stateful(body);
            assert_eq!(found.len(), 1, "{body}");
            assert_eq!(found[0].1, expected, "{body}");
        }
    }
}
