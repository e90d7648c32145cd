//! DataStream operators: which calls create an operator and which configure the operator just
//! created (`name`, `uid`, `setParallelism`, …). Every answer is "proven" or "not proven"; the
//! rules stay silent on the latter.

use bdl_core::Span;
use bdl_syntax::JavaFile;
use bdl_syntax::java::{chain, scope};
use tree_sitter::Node;

/// How many names or wrappers the checks follow before giving up.
const MAX_DEPTH: u32 = 8;

/// The package of `DataStream`, `SingleOutputStreamOperator` and `DataStreamSink`.
const DATASTREAM_PACKAGE: &str = "org.apache.flink.streaming.api.datastream";

/// Types whose values are one operator that can be configured (`disableChaining`, `uid`).
const OPERATOR_TYPES: &[&str] = &[
    "SingleOutputStreamOperator",
    "DataStreamSource",
    "DataStreamSink",
];

/// DataStream methods that add an operator and return it (a `SingleOutputStreamOperator`,
/// `DataStreamSource` or `DataStreamSink`).
pub(crate) const OPERATOR_CALLS: &[&str] = &[
    "map",
    "flatMap",
    "filter",
    "process",
    "reduce",
    "aggregate",
    "apply",
    "sum",
    "min",
    "max",
    "minBy",
    "maxBy",
    "project",
    "transform",
    "assignTimestampsAndWatermarks",
    "fromSource",
    "addSource",
    "fromSequence",
    "fromElements",
    "fromCollection",
    "fromData",
    "socketTextStream",
    "sinkTo",
    "addSink",
    "print",
    "printToErr",
];

/// Methods of an operator that configure it and return the same operator.
pub(crate) const OPERATOR_SETTERS: &[&str] = &[
    "name",
    "uid",
    "setUidHash",
    "setParallelism",
    "setMaxParallelism",
    "returns",
    "slotSharingGroup",
    "disableChaining",
    "startNewChain",
    "setDescription",
    "forceNonParallel",
    "setBufferTimeout",
    "setResources",
];

/// Where to point at a call: the whole call when its receiver is a plain name
/// (`env.disableOperatorChaining()`), else from the method name on, so that a finding in a long
/// fluent chain starts on the line of its own call.
pub(crate) fn call_span(call: Node<'_>) -> Span {
    let plain = chain::receiver(call)
        .is_none_or(|r| matches!(r.kind(), "identifier" | "field_access" | "this" | "super"));
    let start = match call.child_by_field_name("name") {
        Some(name) if !plain => name.start_byte(),
        _ => call.start_byte(),
    };
    Span::new(start, call.end_byte())
}

/// A call from its method name to its end: the operator a call creates, whatever its receiver.
pub(crate) fn name_span(call: Node<'_>) -> Span {
    let start = call
        .child_by_field_name("name")
        .map_or(call.start_byte(), |n| n.start_byte());
    Span::new(start, call.end_byte())
}

/// The method that created the operator `node` evaluates to: the first call below it that is
/// not a setter of the same operator (`map` in `s.map(f).name("n")`), also through locals that
/// hold it.
pub(crate) fn operator_name<'a>(file: &JavaFile<'a>, node: Node<'_>) -> Option<&'a str> {
    let mut current = Some(node);
    let mut hops = 0;
    // Setters chained without end cannot make the walk quadratic.
    let mut steps = 0;
    while let Some(node) = current {
        steps += 1;
        if steps > 1024 {
            return None;
        }
        match node.kind() {
            "method_invocation" => {
                let name = chain::method_name(file, node);
                if !OPERATOR_SETTERS.contains(&name) {
                    return Some(name);
                }
                current = chain::receiver(node);
            }
            "parenthesized_expression" => current = node.named_child(0),
            "identifier" if hops < MAX_DEPTH => {
                hops += 1;
                current = scope::local_value(file, node);
            }
            _ => return None,
        }
    }
    None
}

/// Whether the file uses the DataStream API.
pub(crate) fn uses_datastream(file: &JavaFile<'_>) -> bool {
    file.imports_from("org.apache.flink.streaming")
}

/// Whether `node` is provably one DataStream operator: the result of an operator call or of an
/// operator setter on one, or a name declared with an operator type (or initialised with an
/// operator). The caller checks [`uses_datastream`] first.
pub(crate) fn is_operator(file: &JavaFile<'_>, node: Node<'_>) -> bool {
    operator_at(file, node, 0)
}

fn operator_at(file: &JavaFile<'_>, node: Node<'_>, depth: u32) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    match node.kind() {
        "parenthesized_expression" => node
            .named_child(0)
            .is_some_and(|inner| operator_at(file, inner, depth + 1)),
        "method_invocation" => {
            let name = chain::method_name(file, node);
            if OPERATOR_SETTERS.contains(&name) {
                chain::receiver(node).is_some_and(|r| operator_at(file, r, depth + 1))
            } else {
                OPERATOR_CALLS.contains(&name) && chain::receiver(node).is_some()
            }
        }
        "identifier" => {
            let Some(decl) = scope::resolve(file, node, file.text_of(node)) else {
                return false;
            };
            match decl.simple_type(file).filter(|ty| *ty != "var") {
                Some(ty) => {
                    OPERATOR_TYPES.contains(&ty)
                        && file.refers_to(&format!("{DATASTREAM_PACKAGE}.{ty}"))
                }
                None => decl.value.is_some_and(|v| operator_at(file, v, depth + 1)),
            }
        }
        _ => false,
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

    #[test]
    fn operators_are_recognised() {
        let src = parse(
            "SingleOutputStreamOperator<E> a = s.map(m); var b = s.filter(f).name(\"b\"); \
             Builder c = make(); a.disableChaining(); b.disableChaining(); c.disableChaining(); \
             s.map(m).uid(\"x\").disableChaining(); env.disableChaining();",
        );
        let file = JavaFile::parse(&src).expect("parses");
        let receivers: Vec<bool> = file
            .nodes_of_kind("method_invocation")
            .filter(|c| chain::method_name(&file, *c) == "disableChaining")
            .filter_map(chain::receiver)
            .map(|r| is_operator(&file, r))
            .collect();
        assert_eq!(receivers, [true, true, false, true, false]);
    }
}
