//! Fluent call chains: `stream.keyBy(k).window(w).allowedLateness(t).reduce(f)`.

use tree_sitter::Node;

use super::JavaFile;
use super::scope;

/// The name of a `method_invocation` (`allowedLateness`), or `""` for other nodes.
pub fn method_name<'a>(file: &JavaFile<'a>, call: Node<'_>) -> &'a str {
    if call.kind() != "method_invocation" {
        return "";
    }
    call.child_by_field_name("name")
        .map_or("", |n| file.text_of(n))
}

/// The receiver of a call (`a.b()` -> `a`), if written.
pub fn receiver(call: Node<'_>) -> Option<Node<'_>> {
    call.child_by_field_name("object")
}

/// The calls of the chain that `call` belongs to, from the innermost receiver outwards:
/// for `s.keyBy(k).window(w).reduce(f)` and any of its calls, `[keyBy, window, reduce]`.
/// Follows a local variable that holds the inner part of a chain
/// (`WindowedStream w = s.window(x); w.allowedLateness(t)`), a bounded number of times.
pub fn calls<'t>(file: &'t JavaFile<'_>, call: Node<'t>) -> Vec<Node<'t>> {
    // Up to the outermost call of this chain.
    let mut top = call;
    while let Some(parent) = top.parent() {
        if parent.kind() == "method_invocation"
            && parent.child_by_field_name("object").map(|o| o.id()) == Some(top.id())
        {
            top = parent;
        } else {
            break;
        }
    }
    // Down through receivers, hopping through effectively-final locals.
    let mut out = Vec::new();
    let mut current = Some(top);
    let mut hops = 0;
    while let Some(node) = current {
        match node.kind() {
            "method_invocation" => {
                out.push(node);
                current = receiver(node);
            }
            "parenthesized_expression" => current = node.named_child(0),
            "identifier" if hops < 8 => {
                hops += 1;
                current = scope::local_value(file, node);
            }
            _ => break,
        }
        if out.len() > 512 {
            break;
        }
    }
    out.reverse();
    out
}

/// The innermost non-call receiver of a chain (`s` in `s.keyBy(k).window(w)`).
pub fn root(call: Node<'_>) -> Option<Node<'_>> {
    let mut current = receiver(call)?;
    let mut steps = 0;
    while current.kind() == "method_invocation" && steps < 4096 {
        match receiver(current) {
            Some(r) => current = r,
            None => return None,
        }
        steps += 1;
    }
    Some(current)
}

/// The fingerprint text of a call: the whole call when its receiver is a plain name
/// (`conf.set("dfs.replication", "1")`), otherwise the call from its method name on, so that
/// edits to a long receiver chain keep it stable.
pub fn call_anchor(file: &JavaFile<'_>, call: Node<'_>) -> String {
    let plain = receiver(call)
        .is_none_or(|r| matches!(r.kind(), "identifier" | "field_access" | "this" | "super"));
    let start = match call.child_by_field_name("name") {
        Some(name) if !plain => name.start_byte(),
        _ => call.start_byte(),
    };
    file.text()
        .get(start..call.end_byte())
        .unwrap_or("")
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chain_is_collected_through_locals() {
        let src = "class A { void m() { var w = s.keyBy(k).window(x); w.allowedLateness(t).reduce(f); } }";
        let file = JavaFile::parse(src).expect("parses");
        let lateness = file
            .nodes_of_kind("method_invocation")
            .find(|c| method_name(&file, *c) == "allowedLateness")
            .expect("call");
        let names: Vec<_> = calls(&file, lateness)
            .into_iter()
            .map(|c| method_name(&file, c))
            .collect();
        assert_eq!(names, ["keyBy", "window", "allowedLateness", "reduce"]);
        assert_eq!(root(lateness).map(|r| file.text_of(r)), Some("w"));
    }
}
