//! What can throw between two points of a method: the calls, constructor calls and `throw`s
//! that would skip a close written after them.

use tree_sitter::Node;

use super::super::{JavaFile, scope};
use super::annotations;

/// How many nodes one search looks at before it gives up. Giving up answers "nothing can
/// throw", the silent answer.
pub(super) const MAX_NODES: usize = 50_000;

/// Lombok annotations that give a class a logger field named `log`.
const LOMBOK_LOGGERS: &[&str] = &[
    "Slf4j",
    "XSlf4j",
    "Log",
    "Log4j",
    "Log4j2",
    "CommonsLog",
    "JBossLog",
    "Flogger",
    "CustomLog",
];

/// A node between the bytes `from` and `to` within `scope`, entirely inside that range, that
/// can throw on its way from `from` to `to`: a `method_invocation`, an
/// `object_creation_expression`, an explicit constructor call or a `throw_statement`. The first
/// call that works with `value` (the variable holding the resource, as receiver or argument)
/// is preferred, since it is the one that talks to the server; without one, the first node
/// that can throw in the order Java evaluates them (a call's receiver and arguments before the
/// call).
///
/// Not counted: code in lambdas and class bodies (it runs elsewhere, later), logging calls
/// (`LOG.info(..)` on a declared `Logger` or `Log`, a Lombok `@Slf4j` class's `log`,
/// `System.out.println(..)`) though their arguments count, constructor calls without
/// arguments (`new ArrayList<>()`), and whatever a `try` that ends before `to` and catches
/// `Exception` or `Throwable` catches: its body and resources; of its catch blocks only a
/// `throw` counts. Nor are the nodes in `closes` (other closes of the same value, which leave
/// no value to leak).
pub(super) fn first_throwing<'t>(
    file: &JavaFile<'_>,
    scope_node: Node<'t>,
    (from, to): (usize, usize),
    closes: &[Node<'t>],
    value: Option<&str>,
) -> Option<Node<'t>> {
    if from >= to {
        return None;
    }
    let mut first = None;
    // Nodes still to visit, last first, each with whether only a `throw` counts below it and
    // whether it is a call coming back after its receiver and arguments.
    let mut stack: Vec<Visit<'t>> = vec![Visit::new(scope_node, false)];
    let mut seen = 0;
    while let Some(visit) = stack.pop() {
        let Visit {
            node,
            throws_only,
            after_children,
        } = visit;
        if after_children {
            first.get_or_insert(node);
            continue;
        }
        seen += 1;
        if seen > MAX_NODES {
            break;
        }
        let (start, end) = (node.start_byte(), node.end_byte());
        if end <= from || start >= to || closes.contains(&node) {
            continue;
        }
        let inside = start >= from && end <= to;
        match node.kind() {
            "lambda_expression" | "class_body" => continue,
            "throw_statement" if inside => {
                first.get_or_insert(node);
                continue;
            }
            "method_invocation"
            | "object_creation_expression"
            | "explicit_constructor_invocation"
                if inside && !throws_only && can_throw(file, node) =>
            {
                if is_call_on(file, node, value) {
                    return Some(node);
                }
                if first.is_none() {
                    stack.push(Visit {
                        node,
                        throws_only,
                        after_children: true,
                    });
                }
            }
            "try_statement" | "try_with_resources_statement"
                if end <= to && catches_everything(file, node) =>
            {
                push_children(&mut stack, node, |child, field| {
                    match (child.kind(), field) {
                        (_, Some("body" | "resources")) => None,
                        ("catch_clause", _) => Some(true),
                        _ => Some(throws_only),
                    }
                });
                continue;
            }
            _ => {}
        }
        push_children(&mut stack, node, |_, _| Some(throws_only));
    }
    first
}

/// One node to visit in [`first_throwing`].
#[derive(Clone, Copy)]
struct Visit<'t> {
    node: Node<'t>,
    throws_only: bool,
    after_children: bool,
}

impl<'t> Visit<'t> {
    const fn new(node: Node<'t>, throws_only: bool) -> Self {
        Self {
            node,
            throws_only,
            after_children: false,
        }
    }
}

/// Whether the call or constructor call `node` may throw: not a logging call, not a
/// constructor call without arguments.
fn can_throw(file: &JavaFile<'_>, node: Node<'_>) -> bool {
    if node.kind() == "object_creation_expression" {
        return node
            .child_by_field_name("arguments")
            .is_some_and(|a| a.named_child_count() > 0);
    }
    !is_logging(file, node)
}

/// Whether `call` works with the variable `value`: `value.m(..)`, or `m(.., value, ..)`.
fn is_call_on(file: &JavaFile<'_>, call: Node<'_>, value: Option<&str>) -> bool {
    let Some(value) = value else {
        return false;
    };
    if call.kind() != "method_invocation" {
        return false;
    }
    let is_value = |n: Node<'_>| n.kind() == "identifier" && file.text_of(n) == value;
    if call.child_by_field_name("object").is_some_and(is_value) {
        return true;
    }
    call.child_by_field_name("arguments")
        .is_some_and(|arguments| {
            let mut cursor = arguments.walk();
            arguments.named_children(&mut cursor).any(is_value)
        })
}

/// Pushes the named children of `node` on `stack` so that they pop in document order, each
/// with the mode `mode` gives it (given the child and its field name); `None` skips a child.
fn push_children<'t>(
    stack: &mut Vec<Visit<'t>>,
    node: Node<'t>,
    mode: impl Fn(Node<'t>, Option<&str>) -> Option<bool>,
) {
    let mut cursor = node.walk();
    let at = stack.len();
    if cursor.goto_first_child() {
        loop {
            let child = cursor.node();
            if child.is_named()
                && let Some(throws_only) = mode(child, cursor.field_name())
            {
                stack.push(Visit::new(child, throws_only));
            }
            if !cursor.goto_next_sibling() {
                break;
            }
        }
    }
    if let Some(pushed) = stack.get_mut(at..) {
        pushed.reverse();
    }
}

/// Whether one of the `catch` clauses of the `try` statement `node` catches `Exception` or
/// `Throwable` (alone or in a multi-catch).
fn catches_everything(file: &JavaFile<'_>, node: Node<'_>) -> bool {
    let mut cursor = node.walk();
    let clauses: Vec<Node<'_>> = node
        .named_children(&mut cursor)
        .filter(|c| c.kind() == "catch_clause")
        .collect();
    clauses.into_iter().any(|clause| {
        let Some(parameter) = scope::child_of_kind(clause, "catch_formal_parameter") else {
            return false;
        };
        let Some(types) = scope::child_of_kind(parameter, "catch_type") else {
            return false;
        };
        let mut inner = types.walk();
        types.named_children(&mut inner).any(|t| {
            matches!(
                file.text_of(t),
                "Exception" | "Throwable" | "java.lang.Exception" | "java.lang.Throwable"
            )
        })
    })
}

/// Whether `call` only logs: its receiver is `System.out` or `System.err`, a variable or
/// field declared as a `Logger` or `Log`, or the `log` field Lombok adds to a class annotated
/// with one of its logger annotations.
fn is_logging(file: &JavaFile<'_>, call: Node<'_>) -> bool {
    if call.kind() != "method_invocation" {
        return false;
    }
    let Some(receiver) = call.child_by_field_name("object") else {
        return false;
    };
    match receiver.kind() {
        "field_access" => {
            let text: String = file
                .text_of(receiver)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            matches!(text.as_str(), "System.out" | "System.err")
        }
        "identifier" => {
            let name = file.text_of(receiver);
            match scope::resolve(file, receiver, name) {
                Some(declaration) => {
                    matches!(declaration.simple_type(file), Some("Logger" | "Log"))
                }
                None => name == "log" && lombok_logger(file, call),
            }
        }
        _ => false,
    }
}

/// Whether a class around `node` carries a Lombok logger annotation.
fn lombok_logger(file: &JavaFile<'_>, node: Node<'_>) -> bool {
    super::super::ancestors(file.root(), node)
        .into_iter()
        .filter(|n| scope::CLASS_KINDS.contains(&n.kind()))
        .any(|class| annotations(file, class).any(|(_, name)| LOMBOK_LOGGERS.contains(&name)))
}
