//! Name resolution within one file: local variables, parameters and fields, with their
//! declared types and initialisers. This is the receiver evidence rules rely on: a rule that
//! cannot find a declaration for a name stays silent.

use std::collections::{HashMap, HashSet};

use tree_sitter::{Node, TreeCursor};

use super::{JavaFile, KindSet, Preorder, ancestor, ancestors, cached};

/// Node kinds that delimit a method-like scope for locals and parameters.
pub const BODY_KINDS: &[&str] = &[
    "method_declaration",
    "constructor_declaration",
    "lambda_expression",
    "static_initializer",
    "compact_constructor_declaration",
];

/// Node kinds of type declarations whose bodies hold fields.
pub const CLASS_KINDS: &[&str] = &[
    "class_declaration",
    "enum_declaration",
    "record_declaration",
    "interface_declaration",
    "object_creation_expression",
];

/// A declared name: a local, a parameter or a field.
#[derive(Clone, Copy, Debug)]
pub struct Declaration<'t> {
    /// The `variable_declarator`, `formal_parameter` or similar node.
    pub node: Node<'t>,
    /// The declared type node, if written (`var` counts as written, as `var`).
    pub ty: Option<Node<'t>>,
    /// The initialiser expression, if any.
    pub value: Option<Node<'t>>,
    /// Whether it is a field (as opposed to a local or parameter).
    pub is_field: bool,
    /// The `modifiers` node of the declaration, if any.
    pub modifiers: Option<Node<'t>>,
}

impl Declaration<'_> {
    /// The simple name of the declared type: `Table` for `org.apache.hadoop.hbase.client.Table`
    /// or `Map<String, Table>`'s `Map`.
    pub fn simple_type<'a>(&self, file: &JavaFile<'a>) -> Option<&'a str> {
        self.ty.map(|t| simple_type_name(file.text_of(t)))
    }

    pub fn has_modifier(&self, file: &JavaFile<'_>, modifier: &str) -> bool {
        self.modifiers.is_some_and(|m| {
            let mut cursor = m.walk();
            m.children(&mut cursor).any(|c| file.text_of(c) == modifier)
        })
    }
}

/// `a.b.C<D>` -> `C`; `C[]` -> `C`.
pub fn simple_type_name(text: &str) -> &str {
    let base = text.split('<').next().unwrap_or(text);
    let base = base.split('[').next().unwrap_or(base).trim();
    base.rsplit('.').next().unwrap_or(base).trim()
}

/// The innermost method-like scope around `node`.
pub fn enclosing_body<'t>(file: &'t JavaFile<'_>, node: Node<'t>) -> Option<Node<'t>> {
    ancestor(file.root(), node, BODY_KINDS)
}

/// The innermost type declaration around `node`.
pub fn enclosing_class<'t>(file: &'t JavaFile<'_>, node: Node<'t>) -> Option<Node<'t>> {
    ancestor(file.root(), node, CLASS_KINDS)
}

/// A class body's methods by name, with the return types they are declared with.
pub(crate) type MethodReturns<'a> = HashMap<&'a str, Vec<&'a str>>;

/// Whether `call` (a `method_invocation`) calls a method of the enclosing class, without a
/// receiver or on `this` (`connection()`, `this.client()`), that the class declares with a
/// return type whose text `returns` accepts.
///
/// The class's methods are indexed once, by name with their return types: scanning every
/// member for each call made a class with thousands of methods cost quadratic time.
pub fn own_method_returns(
    file: &JavaFile<'_>,
    call: Node<'_>,
    returns: impl Fn(&str) -> bool,
) -> bool {
    if call
        .child_by_field_name("object")
        .is_some_and(|o| o.kind() != "this")
    {
        return false;
    }
    let Some(name) = call.child_by_field_name("name").map(|n| file.text_of(n)) else {
        return false;
    };
    let Some(body) = enclosing_class(file, call).and_then(|c| {
        c.child_by_field_name("body")
            .or_else(|| child_of_kind(c, "class_body"))
    }) else {
        return false;
    };
    let methods = cached(&file.methods, body.id(), || {
        let mut methods = MethodReturns::new();
        let mut cursor = body.walk();
        for method in body
            .named_children(&mut cursor)
            .filter(|m| m.kind() == "method_declaration")
        {
            if let (Some(name), Some(ty)) = (
                method.child_by_field_name("name"),
                method.child_by_field_name("type"),
            ) {
                methods
                    .entry(file.text_of(name))
                    .or_default()
                    .push(file.text_of(ty));
            }
        }
        methods
    });
    methods
        .get(name)
        .is_some_and(|types| types.iter().any(|t| returns(t)))
}

/// Whether `node` is the right-hand side of an assignment to a field (`this.conn = …`,
/// `conn = …` for a field `conn`, or a name declared nowhere in this file, such as an
/// inherited field), through parentheses and casts.
pub fn assigned_to_field(file: &JavaFile<'_>, node: Node<'_>) -> bool {
    let mut expr = node;
    for _ in 0..16 {
        let Some(parent) = expr.parent() else {
            return false;
        };
        match parent.kind() {
            "parenthesized_expression" | "cast_expression" => expr = parent,
            "assignment_expression" if parent.child_by_field_name("right") == Some(expr) => {
                let Some(left) = parent.child_by_field_name("left") else {
                    return false;
                };
                return match left.kind() {
                    "field_access" => true,
                    "identifier" => {
                        resolve(file, left, file.text_of(left)).is_none_or(|d| d.is_field)
                    }
                    _ => false,
                };
            }
            _ => return false,
        }
    }
    false
}

/// Resolves the identifier `name` as seen from `at`: locals and parameters of the enclosing
/// method-like scopes (innermost first), then fields of the enclosing classes. Returns `None`
/// when nothing or more than one candidate declares the name in the scope that would decide.
pub fn resolve<'t>(file: &'t JavaFile<'_>, at: Node<'t>, name: &str) -> Option<Declaration<'t>> {
    // One walk down from the root finds every enclosing scope (see `ancestors`).
    let path = ancestors(file.root(), at);
    for body in path.iter().rev().filter(|n| BODY_KINDS.contains(&n.kind())) {
        let found = locals_named(file, *body, name);
        match found.len() {
            0 => {}
            1 => return found.into_iter().next(),
            _ => return None,
        }
    }
    path.iter()
        .rev()
        .filter(|n| CLASS_KINDS.contains(&n.kind()))
        .find_map(|class| field_named(file, *class, name))
}

/// The nodes of `body` in document order without descending into nested method-like scopes
/// (lambdas, local and anonymous class methods), walked with one cursor.
pub fn own_nodes(body: Node<'_>) -> impl Iterator<Item = Node<'_>> {
    OwnNodes::new(body).map(|(_, node)| node)
}

/// [`own_nodes`] with each node's pre-order index below `body` (for `TreeCursor::goto_descendant`
/// from a cursor made on `body`).
struct OwnNodes<'t> {
    body: Node<'t>,
    nested: KindSet,
    cursor: TreeCursor<'t>,
    first: bool,
    done: bool,
}

impl<'t> OwnNodes<'t> {
    fn new(body: Node<'t>) -> Self {
        Self {
            body,
            nested: KindSet::new(body, BODY_KINDS),
            cursor: body.walk(),
            first: true,
            done: false,
        }
    }

    fn here(&self) -> (u32, Node<'t>) {
        let index = u32::try_from(self.cursor.descendant_index()).unwrap_or(u32::MAX);
        (index, self.cursor.node())
    }
}

impl<'t> Iterator for OwnNodes<'t> {
    type Item = (u32, Node<'t>);

    fn next(&mut self) -> Option<(u32, Node<'t>)> {
        if self.done {
            return None;
        }
        if self.first {
            self.first = false;
            return Some((0, self.body));
        }
        // Down to the first child that is not a nested scope, else on to the next such
        // sibling of this node or of an ancestor; the cursor never leaves `body`.
        if self.cursor.goto_first_child() && !self.nested.contains(self.cursor.node()) {
            return Some(self.here());
        }
        loop {
            while self.cursor.goto_next_sibling() {
                if !self.nested.contains(self.cursor.node()) {
                    return Some(self.here());
                }
            }
            if !self.cursor.goto_parent() {
                self.done = true;
                return None;
            }
        }
    }
}

/// The locals and parameters one method-like body declares directly, by name, in document
/// order. Nodes are kept as pre-order indices below the body: a tree's nodes cannot be stored
/// beside the tree.
#[derive(Debug, Default)]
pub struct BodyLocals<'a> {
    by_name: HashMap<&'a str, Vec<LocalRef>>,
}

/// A local or parameter: the declarator or parameter node, and for a local the
/// `local_variable_declaration` that holds its type and modifiers.
#[derive(Clone, Copy, Debug)]
struct LocalRef {
    node: u32,
    declaration: Option<u32>,
}

impl<'a> BodyLocals<'a> {
    fn build(file: &JavaFile<'a>, body: Node<'_>) -> Self {
        let mut by_name: HashMap<&'a str, Vec<LocalRef>> = HashMap::new();
        for (index, node) in OwnNodes::new(body) {
            // Locals are found through their declaration, whose declarators are its children:
            // asking a declarator for its parent would walk down from the root again.
            if node.kind() == "local_variable_declaration" {
                let mut cursor = node.walk();
                if cursor.goto_first_child() {
                    loop {
                        let child = cursor.node();
                        if cursor.field_name() == Some("declarator")
                            && let Some(name) = child.child_by_field_name("name")
                        {
                            // The declarator's index: the declaration's, plus its offset below it.
                            let offset = u32::try_from(cursor.descendant_index()).unwrap_or(0);
                            by_name
                                .entry(file.text_of(name))
                                .or_default()
                                .push(LocalRef {
                                    node: index.saturating_add(offset),
                                    declaration: Some(index),
                                });
                        }
                        if !cursor.goto_next_sibling() {
                            break;
                        }
                    }
                }
                continue;
            }
            if !matches!(
                node.kind(),
                "formal_parameter"
                    | "catch_formal_parameter"
                    | "resource"
                    | "spread_parameter"
                    | "enhanced_for_statement"
            ) {
                continue;
            }
            if let Some(name) = node.child_by_field_name("name") {
                by_name
                    .entry(file.text_of(name))
                    .or_default()
                    .push(LocalRef {
                        node: index,
                        declaration: None,
                    });
            }
        }
        Self { by_name }
    }

    fn named<'t>(&self, body: Node<'t>, name: &str) -> Vec<Declaration<'t>> {
        let Some(refs) = self.by_name.get(name) else {
            return Vec::new();
        };
        let mut cursor = body.walk();
        let mut at = |index: u32| {
            cursor.goto_descendant(index as usize);
            cursor.node()
        };
        refs.iter()
            .map(|r| {
                let node = at(r.node);
                // A local's type and modifiers are on its declaration, a parameter's on itself.
                let holder = r.declaration.map_or(node, &mut at);
                Declaration {
                    node,
                    ty: holder.child_by_field_name("type"),
                    value: node.child_by_field_name("value"),
                    is_field: false,
                    modifiers: child_of_kind(holder, "modifiers"),
                }
            })
            .collect()
    }
}

/// The locals and parameters named `name` declared directly in `body` (not in nested
/// method-like scopes).
fn locals_named<'t>(file: &JavaFile<'_>, body: Node<'t>, name: &str) -> Vec<Declaration<'t>> {
    let mut out = Vec::new();
    if body.kind() == "lambda_expression" {
        let params = body.child_by_field_name("parameters");
        let lone = params.filter(|p| p.kind() == "identifier");
        let inferred = params
            .filter(|p| p.kind() == "inferred_parameters")
            .and_then(|p| {
                let mut cursor = p.walk();
                p.named_children(&mut cursor)
                    .find(|c| file.text_of(*c) == name)
            });
        if let Some(param) = lone.filter(|p| file.text_of(*p) == name).or(inferred) {
            out.push(Declaration {
                node: param,
                ty: None,
                value: None,
                is_field: false,
                modifiers: None,
            });
        }
    }
    let locals = cached(&file.locals, body.id(), || BodyLocals::build(file, body));
    out.extend(locals.named(body, name));
    out
}

/// The field `name` declared directly in the body of `class`.
///
/// The body's fields are indexed once per class, by name with where their declaration starts:
/// scanning every member for each name looked up made a class with thousands of methods cost
/// quadratic time (most names looked up are not fields at all).
pub fn field_named<'t>(
    file: &JavaFile<'_>,
    class: Node<'t>,
    name: &str,
) -> Option<Declaration<'t>> {
    let body = class
        .child_by_field_name("body")
        .or_else(|| child_of_kind(class, "class_body"))?;
    let fields = cached(&file.fields, body.id(), || {
        let mut fields = HashMap::new();
        let mut cursor = body.walk();
        for member in body.named_children(&mut cursor) {
            if !matches!(member.kind(), "field_declaration" | "constant_declaration") {
                continue;
            }
            let mut inner = member.walk();
            for declarator in member.children_by_field_name("declarator", &mut inner) {
                if let Some(n) = declarator.child_by_field_name("name") {
                    fields.entry(file.text_of(n)).or_insert(member.start_byte());
                }
            }
        }
        fields
    });
    let start = *fields.get(name)?;
    // The member that starts there, found by the cursor without visiting the others.
    let mut cursor = body.walk();
    cursor.goto_first_child_for_byte(start)?;
    let member = cursor.node();
    let mut inner = member.walk();
    let declarator = member
        .children_by_field_name("declarator", &mut inner)
        .find(|d| {
            d.child_by_field_name("name")
                .is_some_and(|n| file.text_of(n) == name)
        })?;
    Some(Declaration {
        node: declarator,
        ty: member.child_by_field_name("type"),
        value: declarator.child_by_field_name("value"),
        is_field: true,
        modifiers: child_of_kind(member, "modifiers"),
    })
}

/// The first direct child of `node` with the given kind.
pub fn child_of_kind<'t>(node: Node<'t>, kind: &str) -> Option<Node<'t>> {
    let mut cursor = node.walk();
    node.children(&mut cursor).find(|c| c.kind() == kind)
}

/// Whether nothing in `scope` assigns to or increments the plain name `name` (so a local with
/// an initialiser keeps that value: effectively final).
pub fn never_reassigned(file: &JavaFile<'_>, scope: Node<'_>, name: &str) -> bool {
    let assigned = cached(&file.assigned, scope.id(), || assigned_names(file, scope));
    !assigned.contains(name)
}

/// The value the local variable `ident` (an identifier expression) stands for: the initialiser
/// of a local that nothing in its body reassigns. Fields, parameters and reassigned locals
/// give `None`. The one definition of "follow a local to its value" for chain walks.
pub fn local_value<'t>(file: &'t JavaFile<'_>, ident: Node<'t>) -> Option<Node<'t>> {
    let name = file.text_of(ident);
    let decl = resolve(file, ident, name)?;
    if decl.is_field {
        return None;
    }
    let body = enclosing_body(file, decl.node)?;
    never_reassigned(file, body, name)
        .then_some(decl.value)
        .flatten()
}

/// The value `decl` (declared with `name`) always holds: the initialiser of a `final` field or
/// of a local that nothing in its body reassigns; `None` otherwise.
pub fn constant_value<'t>(
    file: &JavaFile<'_>,
    decl: &Declaration<'t>,
    name: &str,
) -> Option<Node<'t>> {
    let value = decl.value?;
    let constant = if decl.is_field {
        decl.has_modifier(file, "final")
    } else {
        enclosing_body(file, decl.node).is_some_and(|body| never_reassigned(file, body, name))
    };
    constant.then_some(value)
}

/// Every target of an assignment or increment below `scope`, as written and, for
/// `this.x`, as `x`.
fn assigned_names<'a>(file: &JavaFile<'a>, scope: Node<'_>) -> HashSet<&'a str> {
    let mut names = HashSet::new();
    for n in Preorder::new(scope) {
        let target = match n.kind() {
            "assignment_expression" => n.child_by_field_name("left"),
            "update_expression" => n.named_child(0),
            _ => None,
        };
        if let Some(target) = target {
            let text = file.text_of(target);
            names.insert(text);
            if let Some(field) = text.strip_prefix("this.") {
                names.insert(field);
            }
        }
    }
    names
}

/// The class declared in this file with the simple name `name`.
pub fn class_named<'t>(file: &'t JavaFile<'_>, name: &str) -> Option<Node<'t>> {
    [
        "class_declaration",
        "interface_declaration",
        "enum_declaration",
    ]
    .into_iter()
    .filter_map(|kind| {
        file.nodes_of_kind(kind).find(|n| {
            n.child_by_field_name("name")
                .is_some_and(|id| file.text_of(id) == name)
        })
    })
    // The first in document order, as a walk would find it.
    .min_by_key(Node::start_byte)
}

/// How many parentheses [`unparenthesize`] looks through before giving up.
const MAX_PARENS: usize = 64;

/// The expression inside any parentheses: `((x))` -> `x`. `None` past 64 levels.
pub fn unparenthesize(mut node: Node<'_>) -> Option<Node<'_>> {
    for _ in 0..MAX_PARENS {
        if node.kind() != "parenthesized_expression" {
            return Some(node);
        }
        node = node.named_child(0)?;
    }
    None
}

/// The local, parameter or field an expression names: `fs` or `this.fs`.
pub fn declaration_of<'t>(file: &'t JavaFile<'_>, expr: Node<'t>) -> Option<Declaration<'t>> {
    let expr = unparenthesize(expr)?;
    match expr.kind() {
        "identifier" => resolve(file, expr, file.text_of(expr)),
        "field_access" => {
            let object = expr.child_by_field_name("object")?;
            if object.kind() != "this" {
                return None;
            }
            let field = expr.child_by_field_name("field")?;
            field_named(file, enclosing_class(file, expr)?, file.text_of(field))
        }
        _ => None,
    }
}

/// Whether the type written as `written` is the class `fqn`: written fully qualified, or by
/// its simple name imported by name or on demand. Type arguments are ignored.
pub fn names_class(file: &JavaFile<'_>, written: &str, fqn: &str) -> bool {
    let base: String = written
        .split('<')
        .next()
        .unwrap_or(written)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if base.contains('.') {
        return base == fqn;
    }
    let Some((package, simple)) = fqn.rsplit_once('.') else {
        return false;
    };
    base == simple
        && file
            .imports()
            .iter()
            .any(|i| i == fqn || i.strip_suffix(".*") == Some(package))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_of_own_methods_are_judged_by_the_declared_return_type() {
        let src = "class A {\n\
            Table table() { return null; }\n\
            String name() { return null; }\n\
            void run(Other other) { table(); this.table(); name(); other.table(); missing(); \
            new Object() { void x() { table(); } }; }\n}";
        let file = JavaFile::parse(src).expect("parses");
        let judged: Vec<(String, bool)> = file
            .nodes_of_kind("method_invocation")
            .map(|call| {
                (
                    file.text_of(call).to_owned(),
                    own_method_returns(&file, call, |t| t == "Table"),
                )
            })
            .collect();
        let want = [
            ("table()", true),
            ("this.table()", true),
            ("name()", false),
            ("other.table()", false),
            ("missing()", false),
            // Inside an anonymous class, `table()` is looked up there first: not proven.
            ("table()", false),
        ];
        let want: Vec<(String, bool)> = want.iter().map(|(t, b)| ((*t).to_owned(), *b)).collect();
        assert_eq!(judged, want);
    }

    #[test]
    fn own_nodes_skip_nested_scopes_in_document_order() {
        // The plain recursive definition, for comparison.
        fn reference<'t>(node: Node<'t>, out: &mut Vec<Node<'t>>) {
            out.push(node);
            let mut cursor = node.walk();
            for child in node.children(&mut cursor) {
                if !BODY_KINDS.contains(&child.kind()) {
                    reference(child, out);
                }
            }
        }
        let src = "class A { void m(int a) { int b = 1; Runnable r = () -> { int c = 2; };\n\
            new Object() { void n() { int d; } }; for (int e : xs) { f(e); } } void empty() {} }";
        let file = JavaFile::parse(src).expect("parses");
        for body in file
            .nodes()
            .filter(|n| BODY_KINDS.contains(&n.kind()) || n.kind() == "block")
        {
            let mut expected = Vec::new();
            reference(body, &mut expected);
            let got: Vec<_> = own_nodes(body).collect();
            assert_eq!(got, expected, "{}", file.text_of(body));
        }
        let m = file.nodes_of_kind("method_declaration").next().expect("m");
        let names: Vec<_> = own_nodes(m)
            .filter(|n| n.kind() == "variable_declarator")
            .map(|n| file.text_of(n))
            .collect();
        assert_eq!(names, ["b = 1", "r = () -> { int c = 2; }"]);
    }

    fn ident_at<'t>(file: &'t JavaFile<'_>, name: &str, nth: usize) -> Node<'t> {
        file.nodes_of_kind("identifier")
            .filter(|n| file.text_of(*n) == name)
            .nth(nth)
            .expect("identifier present")
    }

    #[test]
    fn fields_are_found_wherever_the_class_declares_them() {
        let src = "class A {\n\
            void m() { use(late); use(b); use(K); use(none); }\n\
            int a, b = 2;\n\
            interface I { int K = 7; }\n\
            static final String late = \"x\";\n\
            long late;\n\
            }";
        let file = JavaFile::parse(src).expect("parses");
        let field = |name: &str| {
            resolve(&file, ident_at(&file, name, 0), name).map(|d| {
                (
                    d.simple_type(&file),
                    d.value.map(|v| file.text_of(v)),
                    d.is_field,
                )
            })
        };
        // Declared after the method, twice: the first declaration answers.
        assert_eq!(field("late"), Some((Some("String"), Some("\"x\""), true)));
        // The second declarator of one declaration.
        assert_eq!(field("b"), Some((Some("int"), Some("2"), true)));
        // A constant of a nested interface is not a field of `A`; an unknown name is nothing.
        assert_eq!(field("K"), None);
        assert_eq!(field("none"), None);
    }

    #[test]
    fn resolves_locals_parameters_and_fields() {
        let src = "class A { private final Connection conn; Table f;\n void m(Admin p) { Table t = conn.getTable(n); t.put(x); p.close(); } }";
        let file = JavaFile::parse(src).expect("parses");
        let use_t = ident_at(&file, "t", 1);
        let decl = resolve(&file, use_t, "t").expect("local");
        assert!(!decl.is_field);
        assert_eq!(decl.simple_type(&file), Some("Table"));
        assert!(decl.value.is_some());
        let use_conn = ident_at(&file, "conn", 1);
        let conn = resolve(&file, use_conn, "conn").expect("field");
        assert!(conn.is_field);
        assert!(conn.has_modifier(&file, "final"));
        let use_p = ident_at(&file, "p", 1);
        assert_eq!(
            resolve(&file, use_p, "p").and_then(|d| d.simple_type(&file)),
            Some("Admin")
        );
        assert!(resolve(&file, use_p, "nothing").is_none());
    }

    #[test]
    fn cached_lookups_answer_per_body() {
        let src = "class A { Table t;\n\
            void m() { Table t = a(); use(t); use(t); for (Admin t2 : xs) { use(t2); } }\n\
            void n(Admin t) { use(t); Runnable r = () -> { Table t3 = b(); use(t3); }; }\n\
            void o() { use(t); int d = 1; int d = 2; use(d); }\n\
            class t {} interface t {} }";
        let file = JavaFile::parse(src).expect("parses");
        let ty = |name: &str, nth: usize| {
            resolve(&file, ident_at(&file, name, nth), name)
                .map(|d| (d.simple_type(&file), d.is_field))
        };
        // `t` in m (twice: the second answer comes from the cache), in n, in o (the field).
        assert_eq!(ty("t", 2), Some((Some("Table"), false)));
        assert_eq!(ty("t", 3), Some((Some("Table"), false)));
        assert_eq!(ty("t", 5), Some((Some("Admin"), false)));
        assert_eq!(ty("t", 6), Some((Some("Table"), true)));
        assert_eq!(ty("t2", 1), Some((Some("Admin"), false)));
        assert_eq!(ty("t3", 1), Some((Some("Table"), false)));
        // Declared twice in one body: ambiguous, so unresolved.
        assert_eq!(ty("d", 2), None);
        let decl = resolve(&file, ident_at(&file, "t", 2), "t").expect("local");
        assert_eq!(file.text_of(decl.node), "t = a()");
        assert_eq!(decl.value.map(|v| file.text_of(v)), Some("a()"));
        // Identifiers by name, as a walk finds them.
        let walked: Vec<usize> = file
            .nodes()
            .filter(|n| n.kind() == "identifier" && file.text_of(*n) == "t")
            .map(|n| n.id())
            .collect();
        let indexed: Vec<usize> = file.identifiers_named("t").map(|n| n.id()).collect();
        assert_eq!(indexed, walked);
        assert_eq!(file.identifiers_named("nothing").count(), 0);
        // The first type declaration in document order.
        let class = class_named(&file, "t").expect("declared");
        assert_eq!(class.kind(), "class_declaration");
        assert!(class_named(&file, "A").is_some_and(|c| c.start_byte() == 0));
    }

    #[test]
    fn reassignment_is_seen() {
        let src = "class A { void m() { long a = 1; long b = 2; b = 3; } }";
        let file = JavaFile::parse(src).expect("parses");
        let body = file
            .nodes_of_kind("method_declaration")
            .next()
            .expect("method");
        assert!(never_reassigned(&file, body, "a"));
        assert!(!never_reassigned(&file, body, "b"));
    }

    #[test]
    fn class_names_need_an_import_or_the_full_name() {
        let src = "import org.apache.hadoop.fs.*;\nimport redis.clients.jedis.JedisPoolConfig;\nclass A { void m() { int x = ((this.y)); } int y; }";
        let file = JavaFile::parse(src).expect("parses");
        assert!(names_class(
            &file,
            "FileSystem",
            "org.apache.hadoop.fs.FileSystem"
        ));
        assert!(names_class(
            &file,
            "JedisPoolConfig",
            "redis.clients.jedis.JedisPoolConfig"
        ));
        assert!(names_class(&file, "a.b.C<D>", "a.b.C"));
        assert!(!names_class(
            &file,
            "Table",
            "org.apache.hadoop.hbase.client.Table"
        ));
        let value = file
            .nodes_of_kind("variable_declarator")
            .find_map(|d| d.child_by_field_name("value"))
            .expect("init");
        let decl = declaration_of(&file, value).expect("this.y resolves");
        assert!(decl.is_field);
    }

    #[test]
    fn type_names_are_simplified() {
        assert_eq!(
            simple_type_name("org.apache.hadoop.hbase.client.Table"),
            "Table"
        );
        assert_eq!(simple_type_name("Map<String, Table>"), "Map");
        assert_eq!(simple_type_name("byte[]"), "byte");
    }
}
