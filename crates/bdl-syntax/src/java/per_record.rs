//! Per-record context: whether code runs once per element of a stream or per loop iteration,
//! and why. One answer for every rule that flags work done too often (HBS002, HBS006, ELS001,
//! ELS003, ELS004, and the Redis rules): a client created, or a single-row request sent, where
//! it repeats for every record.
//!
//! A node is per record when its innermost enclosing context is
//! * a loop body or per-iteration condition (`for`, enhanced `for`, `while`, `do`; not a `for`
//!   initialiser or the iterated expression);
//! * a per-record method of a Flink function ([`HOT_METHODS`]: `invoke`, `map`,
//!   `processElement`, …) that takes the record as a parameter, in a file that uses Flink (a
//!   Spring service's `process(order)` runs once per call, not per record);
//! * a lambda passed as the per-element function of a call named in [`HOT_METHODS`] or
//!   [`HOT_LAMBDA_CALLS`] (`stream.map(r -> …)`, `rows.forEach(r -> …)`).
//!
//! Other lambdas are transparent (a future completed per record in `asyncInvoke` runs per
//! record). A constructor, an initialiser, a field initialiser, or a method of any other name
//! ends the search: code there runs once.
//!
//! The ancestors come from one walk down from the root ([`super::ancestors`]), so the cost is
//! the depth of the node once, not the depth times the number of levels climbed; only the
//! innermost [`MAX_LEVELS`] are looked at.

use bdl_core::Span;
use tree_sitter::Node;

use super::JavaFile;

/// Method names that run once per record in Flink functions: `SinkFunction.invoke`,
/// `MapFunction.map`, `FlatMapFunction.flatMap`, `ProcessFunction.processElement` /
/// `onTimer`, `AsyncFunction.asyncInvoke`, `ProcessWindowFunction.process`,
/// `WindowFunction.apply`, `ReduceFunction.reduce`, `FilterFunction.filter`,
/// `JoinFunction.join`, `CoGroupFunction.coGroup`,
/// `BroadcastProcessFunction.processBroadcastElement`, the `Sink.SinkWriter.write` of the
/// unified sinks, and an aggregate's `add` / `merge`.
pub use super::lifetime::{HOT_LAMBDA_CALLS, HOT_METHODS};

/// How many enclosing levels are looked at. Real code nests far less deeply than this between
/// an expression and its method.
pub const MAX_LEVELS: usize = 256;

/// The context that makes a node run once per record, and what a message calls it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PerRecord<'t, 'a> {
    /// A loop body (or per-iteration condition): `keyword` is `for`, `while` or `do`.
    Loop {
        node: Node<'t>,
        keyword: &'static str,
    },
    /// A per-record method of a Flink function (`invoke`, `map`, `processElement`, …).
    Method { node: Node<'t>, name: &'a str },
    /// A lambda passed as the per-element function of `call` (`forEach`, `map`, …).
    Lambda {
        node: Node<'t>,
        call: &'a str,
        call_node: Node<'t>,
    },
}

impl<'t> PerRecord<'t, '_> {
    /// Whether the context is a loop (as opposed to a per-record method or lambda).
    pub const fn is_loop(&self) -> bool {
        matches!(self, Self::Loop { .. })
    }

    /// The loop, method or lambda node.
    pub const fn node(&self) -> Node<'t> {
        match self {
            Self::Loop { node, .. } | Self::Method { node, .. } | Self::Lambda { node, .. } => {
                *node
            }
        }
    }

    /// How a message names the context: "this `for` loop", "`invoke`", "the lambda passed to
    /// `forEach`".
    pub fn describe(&self) -> String {
        match self {
            Self::Loop { keyword, .. } => format!("this `{keyword}` loop"),
            Self::Method { name, .. } => format!("`{name}`"),
            Self::Lambda { call, .. } => format!("the lambda passed to `{call}`"),
        }
    }

    /// Where a label points: the loop keyword, the method name, the call the lambda is passed
    /// to.
    pub fn anchor(&self) -> Span {
        let anchor = match self {
            Self::Loop { node, .. } => node.child(0),
            Self::Method { node, .. } => node.child_by_field_name("name"),
            Self::Lambda { call_node, .. } => call_node.child_by_field_name("name"),
        };
        JavaFile::span_of(anchor.unwrap_or_else(|| self.node()))
    }
}

/// The per-record context `node` runs in, or `None` when it runs once (see the module docs).
pub fn per_record<'t, 'a>(file: &'t JavaFile<'a>, node: Node<'t>) -> Option<PerRecord<'t, 'a>> {
    let path = super::ancestors(file.root(), node);
    let uses_flink = file.imports_from("org.apache.flink") || file.mentions("org.apache.flink.");
    let mut child = node;
    for (i, n) in path.iter().enumerate().rev().take(MAX_LEVELS) {
        let n = *n;
        match n.kind() {
            "for_statement" if !is_for_init(n, child) => {
                return Some(PerRecord::Loop {
                    node: n,
                    keyword: "for",
                });
            }
            "enhanced_for_statement" if n.child_by_field_name("body") == Some(child) => {
                return Some(PerRecord::Loop {
                    node: n,
                    keyword: "for",
                });
            }
            "while_statement" => {
                return Some(PerRecord::Loop {
                    node: n,
                    keyword: "while",
                });
            }
            "do_statement" => {
                return Some(PerRecord::Loop {
                    node: n,
                    keyword: "do",
                });
            }
            "method_declaration" => {
                let name = n.child_by_field_name("name").map(|m| file.text_of(m))?;
                let takes_record = n
                    .child_by_field_name("parameters")
                    .is_some_and(|p| p.named_child_count() > 0);
                return (uses_flink && takes_record && HOT_METHODS.contains(&name))
                    .then_some(PerRecord::Method { node: n, name });
            }
            "lambda_expression" => {
                // The lambda's parent and grandparent on the path: `call(…, lambda, …)`.
                let arguments = i.checked_sub(1).and_then(|j| path.get(j));
                let call = i.checked_sub(2).and_then(|j| path.get(j));
                if let (Some(arguments), Some(call)) = (arguments, call)
                    && arguments.kind() == "argument_list"
                    && call.kind() == "method_invocation"
                    && let Some(name) = call.child_by_field_name("name").map(|c| file.text_of(c))
                    && (HOT_METHODS.contains(&name) || HOT_LAMBDA_CALLS.contains(&name))
                {
                    return Some(PerRecord::Lambda {
                        node: n,
                        call: name,
                        call_node: *call,
                    });
                }
            }
            "constructor_declaration"
            | "compact_constructor_declaration"
            | "static_initializer"
            | "class_body"
            | "enum_body_declarations"
            | "interface_body" => return None,
            _ => {}
        }
        child = n;
    }
    None
}

/// Whether `child` is (one of) the initialisers of the `for` statement `n`, which run once.
fn is_for_init(n: Node<'_>, child: Node<'_>) -> bool {
    let mut cursor = n.walk();
    n.children_by_field_name("init", &mut cursor)
        .any(|init| init == child)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(src: &str) -> Option<String> {
        let file = JavaFile::parse(src).expect("parses");
        let call = file
            .nodes_of_kind("method_invocation")
            .find(|n| {
                n.child_by_field_name("name")
                    .is_some_and(|m| file.text_of(m) == "target")
            })
            .expect("the call");
        per_record(&file, call).map(|p| p.describe())
    }

    const FLINK: &str = "import org.apache.flink.api.common.functions.MapFunction;\n";

    #[test]
    fn loops_methods_and_lambdas() {
        assert_eq!(
            reason("class A { void m() { for (int i = 0; i < 3; i++) { target(); } } }").as_deref(),
            Some("this `for` loop")
        );
        assert_eq!(
            reason("class A { void m() { for (int i = target(); i < 3; i++) {} } }"),
            None
        );
        assert_eq!(
            reason("class A { void m() { for (X x : target()) {} } }"),
            None
        );
        assert_eq!(
            reason("class A { void m() { do { target(); } while (x); } }").as_deref(),
            Some("this `do` loop")
        );
        assert_eq!(
            reason(&format!(
                "{FLINK}class A {{ public Y map(X x) {{ if (a) {{ target(); }} return null; }} }}"
            ))
            .as_deref(),
            Some("`map`")
        );
        // The same method name outside Flink code runs once per call.
        assert_eq!(
            reason("class A { public Y map(X x) { target(); return null; } }"),
            None
        );
        // Without the record parameter it is not a function's method.
        assert_eq!(
            reason(&format!(
                "{FLINK}class A {{ void invoke() {{ target(); }} }}"
            )),
            None
        );
        assert_eq!(
            reason("class A { void m() { rows.forEach(r -> { target(); }); } }").as_deref(),
            Some("the lambda passed to `forEach`")
        );
        // An ordinary lambda is transparent; a constructor ends the search.
        assert_eq!(
            reason("class A { void m() { while (x) { run(() -> target()); } } }").as_deref(),
            Some("this `while` loop")
        );
        assert_eq!(reason("class A { A() { run(() -> target()); } }"), None);
        assert_eq!(
            reason(
                "class A { void m() { for (;;) { new Object() { void f() { target(); } }; } } }"
            ),
            None
        );
    }

    #[test]
    fn only_the_innermost_levels_count() {
        let depth = 10_000;
        let src = format!(
            "{FLINK}class A {{ public Y map(X x) {{ {}target();{} return null; }} }}",
            "{ ".repeat(depth),
            " }".repeat(depth)
        );
        // Within the innermost levels there is no context, so none is found.
        assert_eq!(reason(&src), None);
    }
}
