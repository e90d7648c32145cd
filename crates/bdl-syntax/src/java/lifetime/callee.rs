//! Following a value into a method of the same class: what does the method do with the
//! parameter it arrives in?

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use tree_sitter::Node;

use super::super::{JavaFile, cached};
use super::{
    CLASS_BODY_KINDS, between, gather, has_modifier, is_declaration_or_member_name, nearest,
};

/// How many calls deep a value is followed into methods of its class (a method that passes
/// it on to another, and so on). Deeper chains, and a method that reaches itself again, are
/// not followed: the value counts as handed over there.
pub const MAX_CALL_DEPTH: usize = 4;

/// How many (method, parameter) pairs one file analyses at most; past that, calls are hand-overs.
pub(super) const MAX_ANALYSES: usize = 512;

/// A node remembered by its place (byte range and grammar kind), so that it can be kept in the
/// file's cache, which cannot hold nodes of the file's own tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct NodeRef {
    start: usize,
    end: usize,
    kind: u16,
}

impl NodeRef {
    pub(super) fn of(node: Node<'_>) -> Self {
        Self {
            start: node.start_byte(),
            end: node.end_byte(),
            kind: node.kind_id(),
        }
    }

    /// The node below `root` with this range and kind, found by one walk down.
    pub(super) fn find(self, root: Node<'_>) -> Option<Node<'_>> {
        let mut node = root;
        loop {
            if node.start_byte() == self.start
                && node.end_byte() == self.end
                && node.kind_id() == self.kind
            {
                return Some(node);
            }
            let mut cursor = node.walk();
            let child = node
                .children(&mut cursor)
                .find(|c| c.start_byte() <= self.start && c.end_byte() >= self.end)?;
            node = child;
        }
    }
}

/// What a method does with one of its parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Summary {
    /// Closes it on every path.
    Closes,
    /// Closes it on the normal path only: the node can throw before the close.
    ClosesNormally(NodeRef),
    /// Only calls methods on it or reads it: the caller still owns it.
    Uses,
    /// Returns it: the call's value is the resource.
    Returns,
    /// Stores it in a field of the class (its `variable_declarator`) that nothing closes.
    Stored(NodeRef),
    /// Hands it to another owner.
    Handed,
    /// Does something not modelled with it.
    Unknown,
}

/// Per file: what each followed method does with each followed parameter, and how many
/// such analyses the file has run.
#[derive(Debug, Default)]
pub(crate) struct Cache {
    summaries: RefCell<HashMap<(usize, usize), Summary>>,
    analyses: Cell<usize>,
    /// Per class body (by node id), the positions among its named children of the methods of
    /// each name, so that a call finds its candidates without a walk over the class.
    methods: RefCell<HashMap<usize, Rc<MethodsByName>>>,
}

/// Method names to the positions of the methods among a class body's named children.
type MethodsByName = HashMap<String, Vec<usize>>;

#[cfg(test)]
impl Cache {
    /// How many (method, parameter) pairs the file has analysed.
    pub(super) fn analyses(&self) -> usize {
        self.analyses.get()
    }
}

/// The calls being followed, outermost first, as (method id, parameter index).
#[derive(Debug, Default)]
pub(super) struct Follow {
    stack: Vec<(usize, usize)>,
    /// Whether an answer in progress was cut short by the depth bound or a cycle; such an
    /// answer depends on where the analysis started and is not cached.
    cut: bool,
}

/// What the method called by `call` does with the argument `argument` (an expression in
/// `call`'s argument list), when `call` reaches a method of the same class that no subclass
/// can replace (see the module documentation). `None` when it does not, or when the file's
/// analysis budget is spent: the caller then treats the call as a hand-over.
pub(super) fn summarize(
    file: &JavaFile<'_>,
    call: Node<'_>,
    argument: Node<'_>,
    follow: &mut Follow,
) -> Option<Summary> {
    if call.kind() != "method_invocation" {
        return None;
    }
    let arguments = without_comments(call.child_by_field_name("arguments")?);
    let index = arguments.iter().position(|a| *a == argument)?;
    let method = callee(file, call, arguments.len())?;
    let parameter = without_comments(method.child_by_field_name("parameters")?)
        .get(index)
        .copied()?;
    let key = (method.id(), index);
    if let Some(summary) = file.lifetimes.summaries.borrow().get(&key) {
        return Some(*summary);
    }
    if follow.stack.contains(&key) || follow.stack.len() >= MAX_CALL_DEPTH {
        follow.cut = true;
        return Some(Summary::Unknown);
    }
    let analyses = file.lifetimes.analyses.get();
    if analyses >= MAX_ANALYSES {
        // An answer that leans on this one now depends on the budget: do not keep it.
        follow.cut = true;
        return None;
    }
    file.lifetimes.analyses.set(analyses + 1);
    follow.stack.push(key);
    let outer_cut = std::mem::take(&mut follow.cut);
    let summary = analyse(file, method, parameter, follow);
    let cut = follow.cut;
    follow.stack.pop();
    follow.cut = outer_cut || cut;
    if !cut {
        file.lifetimes.summaries.borrow_mut().insert(key, summary);
    }
    Some(summary)
}

/// What `method` does with its parameter `parameter` (a `formal_parameter`).
fn analyse(
    file: &JavaFile<'_>,
    method: Node<'_>,
    parameter: Node<'_>,
    follow: &mut Follow,
) -> Summary {
    let (Some(body), Some(name)) = (
        method.child_by_field_name("body"),
        parameter.child_by_field_name("name"),
    ) else {
        return Summary::Unknown;
    };
    let name = file.text_of(name);
    let uses = file
        .identifiers_named_in(name, body.start_byte()..body.end_byte())
        .filter(|n| !is_declaration_or_member_name(*n));
    // The argument is the parameter's one value: any other assignment makes it doubtful.
    let evidence = gather(file, uses, body, 1, follow);
    if evidence.resource.is_some() || evidence.closed_in_finally.is_some() {
        return Summary::Closes;
    }
    if !evidence.closed.is_empty() {
        let from = body.start_byte();
        let calls: Vec<Node<'_>> = evidence.closed.iter().map(|(close, _)| *close).collect();
        let between = evidence.closed.iter().find_map(|(close, inner)| {
            between::first_throwing(file, body, (from, close.start_byte()), &calls, Some(name))
                .map(NodeRef::of)
                .or(*inner)
        });
        return between.map_or(Summary::Closes, Summary::ClosesNormally);
    }
    if evidence.returned.is_some() {
        Summary::Returns
    } else if evidence.handed.is_some() {
        Summary::Handed
    } else if evidence.doubt.is_some() {
        Summary::Unknown
    } else if let Some((_, field)) = evidence.stored {
        Summary::Stored(field)
    } else {
        Summary::Uses
    }
}

/// The method declaration `call` (with `arguments` arguments) reaches, when it is a method of
/// the class around the call that no subclass can replace, called unqualified, on `this` or
/// (for a static method) on the class's own name, and the only method of that name that
/// could take that many arguments.
fn callee<'t>(file: &JavaFile<'_>, call: Node<'t>, arguments: usize) -> Option<Node<'t>> {
    let name = file.text_of(call.child_by_field_name("name")?);
    let body = nearest(call, CLASS_BODY_KINDS)?;
    let class = match body.kind() {
        // `enum_body_declarations` sits in the `enum_body` of the declaration.
        "enum_body_declarations" => body.parent()?.parent()?,
        _ => body.parent()?,
    };
    let on_class_name = match call.child_by_field_name("object") {
        None => false,
        Some(object) if object.kind() == "this" => false,
        Some(object) if object.kind() == "identifier" => {
            let class_name = class.child_by_field_name("name")?;
            if file.text_of(object) != file.text_of(class_name) {
                return None;
            }
            true
        }
        Some(_) => return None,
    };
    let methods = cached(&file.lifetimes.methods, body.id(), || {
        methods_by_name(file, body)
    });
    let mut fitting = None;
    for &position in methods.get(name)? {
        let method = body.named_child(position)?;
        let parameters = without_comments(method.child_by_field_name("parameters")?);
        // Varargs and receiver parameters make the arity test unreliable.
        if parameters.iter().any(|p| p.kind() != "formal_parameter") {
            return None;
        }
        if parameters.len() == arguments {
            if fitting.is_some() {
                // Overloads of the same arity: which one applies depends on types.
                return None;
            }
            fitting = Some(method);
        }
    }
    let method = fitting?;
    let is_static = has_modifier(file, method, "static");
    if on_class_name && !is_static {
        return None;
    }
    let fixed = is_static
        || has_modifier(file, method, "private")
        || has_modifier(file, method, "final")
        || match class.kind() {
            "record_declaration" | "object_creation_expression" => true,
            "class_declaration" => has_modifier(file, class, "final"),
            "enum_declaration" => !enum_constant_bodies(class),
            _ => false,
        };
    fixed.then_some(method)
}

/// The methods declared directly in `body`, by name, as positions among its named children.
fn methods_by_name(file: &JavaFile<'_>, body: Node<'_>) -> MethodsByName {
    let mut out = MethodsByName::new();
    let mut cursor = body.walk();
    for (position, member) in body.named_children(&mut cursor).enumerate() {
        if member.kind() != "method_declaration" {
            continue;
        }
        if let Some(name) = member.child_by_field_name("name") {
            out.entry(file.text_of(name).to_owned())
                .or_default()
                .push(position);
        }
    }
    out
}

/// Whether an enum constant of `enumeration` has a body of its own, which may override the
/// enum's methods.
fn enum_constant_bodies(enumeration: Node<'_>) -> bool {
    let Some(body) = enumeration.child_by_field_name("body") else {
        return true;
    };
    let mut cursor = body.walk();
    let constants: Vec<Node<'_>> = body
        .named_children(&mut cursor)
        .filter(|c| c.kind() == "enum_constant")
        .collect();
    constants
        .into_iter()
        .any(|c| c.child_by_field_name("body").is_some())
}

/// The named children of an argument or parameter list, comments left out.
fn without_comments(list: Node<'_>) -> Vec<Node<'_>> {
    let mut cursor = list.walk();
    list.named_children(&mut cursor)
        .filter(|c| !matches!(c.kind(), "line_comment" | "block_comment"))
        .collect()
}
