//! Resource lifetimes: what becomes of a `Closeable` that code acquires, and whether it runs
//! once per record.
//!
//! A rule finds the *acquisition* (the call or `new` that hands out a resource: `getTable`,
//! `pool.getResource()`, `new RestHighLevelClient(..)`) and its receiver evidence itself; this
//! module then answers two questions about that node, without knowing what the resource is:
//!
//! * [`track`] / [`trace`]: its [`Fate`]. The acquisition is followed through local data flow
//!   within one file: a try-with-resources resource, a local variable (to its uses in the
//!   declaring block), or a field (to its uses in the declaring class and that class's
//!   lifecycle methods). Only [`Fate::Leaked`] and [`Fate::FieldNeverClosed`] are leaks
//!   ([`Fate::is_leak`]); every doubt is [`Fate::Unknown`], on which rules stay silent.
//! * [`hot_context`]: the per-record method or loop body the acquisition runs in, if any.
//!
//! What counts as *closing* a value `v`: `v.close()`, or `v` passed to one of
//! [`CLOSE_HELPERS`] (`IOUtils.closeQuietly(v)`, `Closeables.close(v, true)`, …).
//!
//! Every walk is iterative (parent links or [`Preorder`]), so deep input cannot overflow the
//! stack. Walks up the tree look at no more than [`MAX_ANCESTORS`] ancestors (tree-sitter
//! finds a parent from the root down, so unbounded climbs would be quadratic in the nesting
//! depth) and give the cautious answer when they run out. Nothing here panics on any input.

use tree_sitter::Node;

use super::scope;
use super::{JavaFile, Preorder};

/// What becomes of an acquired resource.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Fate {
    /// A try-with-resources resource, directly (`try (Table t = conn.getTable(n))`) or through
    /// the local that holds it (`try (Table t2 = t)`, Java 9 `try (t)`).
    TryWithResources,
    /// A local annotated with Lombok's `@Cleanup`, which closes it at the end of its scope.
    Cleanup,
    /// Closed in a `finally` block: closed on every path.
    ClosedInFinally,
    /// Closed on the straight-line path only: not in `finally`, so an exception between the
    /// acquisition and the close leaks it. Not a leak for [`Fate::is_leak`] (the code clearly
    /// intends to close it); a rule about exception paths can ask for this fate.
    Closed,
    /// Returned to the caller (`return t;`, `return conn.getTable(n);`, an expression lambda
    /// that yields it): ownership moves to the caller.
    Returned,
    /// Given to another owner: passed as an argument to a method or constructor, stored in an
    /// array, assigned to another variable or to a field of another object. Who closes it is
    /// not known here, so this is not a leak.
    HandedOver,
    /// Stored in a field that a lifecycle method of the class closes (see
    /// [`LIFECYCLE_METHODS`] and [`LIFECYCLE_ANNOTATIONS`]).
    FieldClosedInLifecycle,
    /// Stored in a field that nothing in its class closes, returns or hands over. A leak.
    FieldNeverClosed,
    /// Never closed, returned or handed over: used inline (`conn.getTable(n).put(p)`),
    /// discarded, or held in a local that is only ever used as a receiver. A leak.
    Leaked,
    /// The flow cannot be followed with confidence: captured by a lambda or an inner class,
    /// reassigned, stored in an inherited field or one that subclasses can reach, closed
    /// outside a lifecycle method, used in a way this module does not model. Rules stay silent.
    Unknown,
}

impl Fate {
    /// Whether this fate is a proven leak: [`Fate::Leaked`] or [`Fate::FieldNeverClosed`].
    pub const fn is_leak(self) -> bool {
        matches!(self, Self::Leaked | Self::FieldNeverClosed)
    }
}

/// The variable or field an acquisition was stored in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Holder<'t> {
    /// The `variable_declarator` of the local or field.
    pub declarator: Node<'t>,
    /// The declared name (an `identifier`).
    pub name: Node<'t>,
    /// Whether it is a field (as opposed to a local variable).
    pub is_field: bool,
}

/// The fate of one acquisition, with what decided it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Trace<'t> {
    pub fate: Fate,
    /// Where the acquisition was stored, if it was stored in a local or a field.
    pub holder: Option<Holder<'t>>,
    /// The node that decided the fate, when there is one: the close call, the `return`, the
    /// call it was handed to, the resource, the use that made the flow unknown.
    pub evidence: Option<Node<'t>>,
}

impl<'t> Trace<'t> {
    const fn new(fate: Fate, holder: Option<Holder<'t>>, evidence: Option<Node<'t>>) -> Self {
        Self {
            fate,
            holder,
            evidence,
        }
    }

    const fn unknown(evidence: Option<Node<'t>>) -> Self {
        Self::new(Fate::Unknown, None, evidence)
    }
}

/// Methods whose call with a resource as argument closes it: Commons IO / Hadoop
/// `IOUtils.closeQuietly(v)`, `IOUtils.closeStream(v)`, `IOUtils.cleanupWithLogger(log, v)`,
/// Guava `Closeables.close(v, swallow)` / `closeQuietly(v)`, and own helpers of these names.
pub const CLOSE_HELPERS: &[&str] = &[
    "close",
    "closeQuietly",
    "closeSilently",
    "closeStream",
    "closeStreams",
    "closeAll",
    "closeAllQuietly",
    "cleanup",
    "cleanupWithLogger",
];

/// Names of the methods in which closing a field counts as closing it for the object's
/// lifetime: `AutoCloseable.close()` and Flink `RichFunction.close()`, Spring
/// `DisposableBean.destroy()`, the legacy Flink operator `dispose()`, and the usual
/// `shutdown` / `stop` / `tearDown` / `cleanup` conventions.
pub const LIFECYCLE_METHODS: &[&str] = &[
    "close", "destroy", "dispose", "shutdown", "stop", "tearDown", "teardown", "cleanup", "cleanUp",
];

/// Annotations that make a method a lifecycle method whatever its name: Jakarta / JSR-250
/// `@PreDestroy`, JUnit 4 `@After` / `@AfterClass`, JUnit 5 `@AfterEach` / `@AfterAll`.
pub const LIFECYCLE_ANNOTATIONS: &[&str] =
    &["PreDestroy", "After", "AfterClass", "AfterEach", "AfterAll"];

/// The fate of the resource that `acquisition` (a `method_invocation` or
/// `object_creation_expression`) hands out. See [`trace`] for the evidence behind it.
pub fn track<'t>(file: &'t JavaFile<'_>, acquisition: Node<'t>) -> Fate {
    trace(file, acquisition).fate
}

/// The fate of the resource that `acquisition` hands out, with the local or field that holds
/// it and the node that decided.
pub fn trace<'t>(file: &'t JavaFile<'_>, acquisition: Node<'t>) -> Trace<'t> {
    let (site, role) = classify(file, acquisition);
    match role {
        Role::Resource => Trace::new(Fate::TryWithResources, None, Some(site)),
        Role::Returned => Trace::new(Fate::Returned, None, Some(site)),
        Role::Closes(call) => {
            let fate = if in_finally(call, None) {
                Fate::ClosedInFinally
            } else {
                Fate::Closed
            };
            Trace::new(fate, None, Some(call))
        }
        Role::HandedTo(to) => Trace::new(Fate::HandedOver, None, Some(to)),
        Role::Receiver(call) => Trace::new(Fate::Leaked, None, Some(call)),
        Role::Discarded | Role::Neutral => Trace::new(Fate::Leaked, None, Some(site)),
        Role::Declarator(declarator) => match declarator.parent().map(|p| p.kind()) {
            Some("local_variable_declaration") => track_local(file, declarator),
            Some("field_declaration") => track_field(file, declarator),
            _ => Trace::unknown(Some(declarator)),
        },
        Role::AssignedTo(left) => assigned(file, left),
        Role::AssignTarget | Role::Other => Trace::unknown(Some(site)),
    }
}

/// The per-record context `node` runs in: the innermost enclosing loop (`for`, enhanced `for`,
/// `while`, `do`: their bodies and per-iteration conditions, not a `for` initialiser or the
/// iterated expression) or per-record method (see [`HOT_METHODS`]), or `None`.
///
/// The walk stops at the enclosing method: a method whose name is not per-record, a
/// constructor, an initialiser block or a field initialiser answer `None`. A lambda is
/// transparent (it runs in the context that creates it, such as a future completed per
/// record in `asyncInvoke`) unless it is itself the per-element function: an argument of a
/// call named in [`HOT_METHODS`] or [`HOT_LAMBDA_CALLS`] (`stream.map(r -> …)`,
/// `rows.forEach(r -> …)`), in which case it is the context.
pub fn hot_context<'t>(file: &JavaFile<'_>, node: Node<'t>) -> Option<Node<'t>> {
    let mut child = node;
    for n in ancestors(node) {
        match n.kind() {
            "for_statement" if !is_for_init(n, child) => return Some(n),
            "enhanced_for_statement" if n.child_by_field_name("body") == Some(child) => {
                return Some(n);
            }
            "while_statement" | "do_statement" => return Some(n),
            "method_declaration" => return is_hot_method(file, n).then_some(n),
            "lambda_expression" if is_hot_lambda(file, n) => return Some(n),
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

/// How many ancestors a walk up the tree looks at before it gives up. Real code nests far
/// less deeply than this between an expression and its method.
pub const MAX_ANCESTORS: usize = 256;

/// How many parentheses, casts and conditionals [`classify`] looks through.
const MAX_WRAPPERS: usize = 64;

/// The ancestors of `node`, innermost first, at most [`MAX_ANCESTORS`] of them.
fn ancestors(node: Node<'_>) -> impl Iterator<Item = Node<'_>> {
    std::iter::successors(node.parent(), Node::parent).take(MAX_ANCESTORS)
}

/// The nearest ancestor of `node` whose kind is one of `kinds`, within [`MAX_ANCESTORS`].
fn nearest<'t>(node: Node<'t>, kinds: &[&str]) -> Option<Node<'t>> {
    ancestors(node).find(|n| kinds.contains(&n.kind()))
}

/// Method names that run once per record in Flink functions: `SinkFunction.invoke`,
/// `MapFunction.map`, `FlatMapFunction.flatMap`, `ProcessFunction.processElement` /
/// `onTimer`, `AsyncFunction.asyncInvoke`, `ProcessWindowFunction.process`,
/// `WindowFunction.apply`, `ReduceFunction.reduce`, `FilterFunction.filter`,
/// `JoinFunction.join`, `CoGroupFunction.coGroup`,
/// `BroadcastProcessFunction.processBroadcastElement`. A method counts only when it takes at
/// least one parameter (the record), which keeps out an unrelated no-argument `process()`.
pub const HOT_METHODS: &[&str] = &[
    "invoke",
    "map",
    "flatMap",
    "processElement",
    "asyncInvoke",
    "process",
    "apply",
    "reduce",
    "filter",
    "join",
    "coGroup",
    "processBroadcastElement",
    "onTimer",
];

/// Besides [`HOT_METHODS`], calls whose lambda argument runs once per element.
pub const HOT_LAMBDA_CALLS: &[&str] = &["forEach", "forEachOrdered", "forEachRemaining"];

fn is_hot_method(file: &JavaFile<'_>, method: Node<'_>) -> bool {
    let named = method
        .child_by_field_name("name")
        .is_some_and(|n| HOT_METHODS.contains(&file.text_of(n)));
    let takes_record = method
        .child_by_field_name("parameters")
        .is_some_and(|p| p.named_child_count() > 0);
    named && takes_record
}

fn is_hot_lambda(file: &JavaFile<'_>, lambda: Node<'_>) -> bool {
    let Some(args) = lambda.parent().filter(|p| p.kind() == "argument_list") else {
        return false;
    };
    args.parent()
        .filter(|call| call.kind() == "method_invocation")
        .and_then(|call| call.child_by_field_name("name"))
        .is_some_and(|name| {
            let name = file.text_of(name);
            HOT_METHODS.contains(&name) || HOT_LAMBDA_CALLS.contains(&name)
        })
}

/// How the value of an expression is used by its context.
#[derive(Clone, Copy, Debug)]
enum Role<'t> {
    /// A try-with-resources resource (`try (T x = <v>)`, `try (<v>)`).
    Resource,
    /// `return <v>;` or the body of an expression lambda.
    Returned,
    /// Closed by this call: `<v>.close()` or `closeQuietly(<v>)`.
    Closes(Node<'t>),
    /// Given to this call, constructor, array or other variable.
    HandedTo(Node<'t>),
    /// The receiver of this (non-closing) call.
    Receiver(Node<'t>),
    /// An expression statement: the value is dropped.
    Discarded,
    /// Read without being stored or closed: a comparison, `instanceof`, a field read,
    /// `synchronized`, the iterable of an enhanced `for`.
    Neutral,
    /// The initialiser of this `variable_declarator`.
    Declarator(Node<'t>),
    /// The right-hand side of an assignment to this target.
    AssignedTo(Node<'t>),
    /// The left-hand side of an assignment.
    AssignTarget,
    /// Anything else.
    Other,
}

/// Classifies how the expression `node` is used, looking through parentheses, casts and the
/// branches of a conditional. Returns the outermost such wrapper and the role.
fn classify<'t>(file: &JavaFile<'_>, node: Node<'t>) -> (Node<'t>, Role<'t>) {
    let mut expr = node;
    let mut wrappers = 0;
    let parent = loop {
        let Some(parent) = expr.parent() else {
            return (expr, Role::Other);
        };
        if wrappers == MAX_WRAPPERS {
            return (expr, Role::Other);
        }
        wrappers += 1;
        let wraps = match parent.kind() {
            "parenthesized_expression" => true,
            "cast_expression" => parent.child_by_field_name("value") == Some(expr),
            "ternary_expression" => parent.child_by_field_name("condition") != Some(expr),
            _ => false,
        };
        if !wraps {
            break parent;
        }
        expr = parent;
    };
    let role = match parent.kind() {
        "method_invocation" if parent.child_by_field_name("object") == Some(expr) => {
            let closes = parent
                .child_by_field_name("name")
                .is_some_and(|n| file.text_of(n) == "close");
            if closes {
                Role::Closes(parent)
            } else {
                Role::Receiver(parent)
            }
        }
        "argument_list" => match parent.parent() {
            Some(call) if call.kind() == "method_invocation" => {
                let closes = call
                    .child_by_field_name("name")
                    .is_some_and(|n| CLOSE_HELPERS.contains(&file.text_of(n)));
                if closes {
                    Role::Closes(call)
                } else {
                    Role::HandedTo(call)
                }
            }
            Some(call) => Role::HandedTo(call),
            None => Role::Other,
        },
        "array_initializer" => Role::HandedTo(parent),
        "field_access" if parent.child_by_field_name("object") == Some(expr) => Role::Neutral,
        "return_statement" => Role::Returned,
        "lambda_expression" if parent.child_by_field_name("body") == Some(expr) => Role::Returned,
        "resource" if parent.child_by_field_name("name") != Some(expr) => Role::Resource,
        "variable_declarator" if parent.child_by_field_name("value") == Some(expr) => {
            Role::Declarator(parent)
        }
        "assignment_expression" => {
            let plain = parent
                .child_by_field_name("operator")
                .is_some_and(|op| file.text_of(op) == "=");
            match parent.child_by_field_name("left") {
                Some(left) if left == expr => Role::AssignTarget,
                Some(left) if plain => Role::AssignedTo(left),
                _ => Role::Other,
            }
        }
        "expression_statement" => Role::Discarded,
        "binary_expression" | "instanceof_expression" | "synchronized_statement" => Role::Neutral,
        "enhanced_for_statement" if parent.child_by_field_name("value") == Some(expr) => {
            Role::Neutral
        }
        _ => Role::Other,
    };
    (expr, role)
}

/// What the uses of a local or a field showed, first occurrence of each.
#[derive(Default)]
struct Evidence<'t> {
    resource: Option<Node<'t>>,
    closed_in_finally: Option<Node<'t>>,
    closed: Option<Node<'t>>,
    returned: Option<Node<'t>>,
    handed: Option<Node<'t>>,
    /// Captured by a lambda or inner class, reassigned, or an unmodelled use.
    doubt: Option<Node<'t>>,
}

fn first<'t>(slot: &mut Option<Node<'t>>, node: Node<'t>) {
    if slot.is_none() {
        *slot = Some(node);
    }
}

/// The acquisition is the initialiser of a local variable: follow the local.
fn track_local<'t>(file: &'t JavaFile<'_>, declarator: Node<'t>) -> Trace<'t> {
    let Some(name) = declarator.child_by_field_name("name") else {
        return Trace::unknown(Some(declarator));
    };
    let holder = Some(Holder {
        declarator,
        name,
        is_field: false,
    });
    let Some(statement) = declarator.parent() else {
        return Trace::unknown(Some(declarator));
    };
    if let Some(annotation) = cleanup_annotation(file, statement) {
        return Trace::new(Fate::Cleanup, holder, Some(annotation));
    }
    // A local is visible from its declaration to the end of the enclosing block (or `for`).
    let Some(block) = statement.parent() else {
        return Trace::unknown(Some(declarator));
    };
    let name_text = file.text_of(name);
    let mut evidence = Evidence::default();
    let mut assignments = usize::from(
        declarator
            .child_by_field_name("value")
            .is_some_and(|v| v.kind() != "null_literal"),
    );
    // The identifiers spelled like the local after its declaration, up to the end of the block
    // (a leaf inside the block's range lies inside the block), from the file's index rather
    // than a walk of the block per local.
    let uses = file.identifiers_named(name_text).filter(|n| {
        n.start_byte() >= declarator.end_byte()
            && n.end_byte() <= block.end_byte()
            && !is_declaration_or_member_name(*n)
    });
    for use_ in uses {
        if captured(use_, block) {
            first(&mut evidence.doubt, use_);
            continue;
        }
        match classify(file, use_).1 {
            Role::Resource => first(&mut evidence.resource, use_),
            Role::Closes(call) => {
                if in_finally(call, Some(block)) {
                    first(&mut evidence.closed_in_finally, call);
                } else {
                    first(&mut evidence.closed, call);
                }
            }
            Role::Returned => first(&mut evidence.returned, use_),
            Role::HandedTo(to) | Role::Declarator(to) | Role::AssignedTo(to) => {
                first(&mut evidence.handed, to);
            }
            Role::AssignTarget => {
                let assignment = use_.parent();
                let value = assignment.and_then(|a| a.child_by_field_name("right"));
                if value.is_some_and(|v| v.kind() != "null_literal") {
                    assignments += 1;
                    if assignments > 1 {
                        first(&mut evidence.doubt, use_);
                    }
                }
            }
            Role::Receiver(_) | Role::Neutral | Role::Discarded => {}
            Role::Other => first(&mut evidence.doubt, use_),
        }
    }
    let (fate, at) = if let Some(at) = evidence.resource {
        (Fate::TryWithResources, Some(at))
    } else if let Some(at) = evidence.closed_in_finally {
        (Fate::ClosedInFinally, Some(at))
    } else if let Some(at) = evidence.closed {
        (Fate::Closed, Some(at))
    } else if let Some(at) = evidence.returned {
        (Fate::Returned, Some(at))
    } else if let Some(at) = evidence.handed {
        (Fate::HandedOver, Some(at))
    } else if let Some(at) = evidence.doubt {
        (Fate::Unknown, Some(at))
    } else {
        (Fate::Leaked, None)
    };
    Trace::new(fate, holder, at)
}

/// The acquisition is the right-hand side of `left = <acquisition>`.
fn assigned<'t>(file: &'t JavaFile<'_>, left: Node<'t>) -> Trace<'t> {
    match left.kind() {
        "identifier" => {
            let Some(declaration) = scope::resolve(file, left, file.text_of(left)) else {
                // Inherited field or unknown name.
                return Trace::unknown(Some(left));
            };
            let declarator = declaration.node;
            if declarator.kind() != "variable_declarator" {
                // A parameter, resource or pattern variable: not followed.
                return Trace::unknown(Some(left));
            }
            if declaration.is_field {
                track_field(file, declarator)
            } else if declarator
                .parent()
                .is_some_and(|p| p.kind() == "local_variable_declaration")
            {
                track_local(file, declarator)
            } else {
                Trace::unknown(Some(left))
            }
        }
        "field_access" => {
            let on_this = left
                .child_by_field_name("object")
                .is_some_and(|o| o.kind() == "this");
            if !on_this {
                // `other.table = …`: stored in another object, which now owns it.
                return Trace::new(Fate::HandedOver, None, Some(left));
            }
            let field = left
                .child_by_field_name("field")
                .map(|f| file.text_of(f))
                .unwrap_or_default();
            let declarator =
                nearest(left, CLASS_BODY_KINDS).and_then(|body| field_in_body(file, body, field));
            declarator.map_or(Trace::unknown(Some(left)), |d| track_field(file, d))
        }
        // `array[i] = …`: stored in a container.
        "array_access" => Trace::new(Fate::HandedOver, None, Some(left)),
        _ => Trace::unknown(Some(left)),
    }
}

/// Node kinds whose direct children are member declarations.
const CLASS_BODY_KINDS: &[&str] = &["class_body", "enum_body_declarations", "interface_body"];

/// The `variable_declarator` of the field `name` declared directly in `body`.
fn field_in_body<'t>(file: &JavaFile<'_>, body: Node<'t>, name: &str) -> Option<Node<'t>> {
    let mut cursor = body.walk();
    let members: Vec<Node<'t>> = body
        .named_children(&mut cursor)
        .filter(|m| m.kind() == "field_declaration")
        .collect();
    members.into_iter().find_map(|member| {
        let mut inner = member.walk();
        member
            .children_by_field_name("declarator", &mut inner)
            .find(|d| {
                d.child_by_field_name("name")
                    .is_some_and(|n| file.text_of(n) == name)
            })
    })
}

/// The acquisition is stored in a field: judge the field within its class.
fn track_field<'t>(file: &'t JavaFile<'_>, declarator: Node<'t>) -> Trace<'t> {
    let Some(name) = declarator.child_by_field_name("name") else {
        return Trace::unknown(Some(declarator));
    };
    let holder = Some(Holder {
        declarator,
        name,
        is_field: true,
    });
    let Some(field_declaration) = declarator.parent() else {
        return Trace::unknown(Some(declarator));
    };
    let Some(body) = field_declaration
        .parent()
        .filter(|b| CLASS_BODY_KINDS.contains(&b.kind()))
    else {
        return Trace::unknown(Some(declarator));
    };
    let name_text = file.text_of(name);
    let lifecycle = lifecycle_methods(file, body);
    let mut closed_in_lifecycle = None;
    let mut handed = None;
    let mut doubt = None;
    if exposed_to_subclasses(file, field_declaration, body) {
        first(&mut doubt, declarator);
    }
    for use_ in field_uses(file, body, declarator, name_text) {
        match classify(file, use_).1 {
            Role::Closes(call) => {
                let method = nearest(call, &["method_declaration"]);
                if method.is_some_and(|m| lifecycle.contains(&m)) {
                    first(&mut closed_in_lifecycle, call);
                } else {
                    // Closed in some other method: who calls it, and when, is not known.
                    first(&mut doubt, call);
                }
            }
            Role::Resource => {
                let method = nearest(use_, &["method_declaration"]);
                if method.is_some_and(|m| lifecycle.contains(&m)) {
                    first(&mut closed_in_lifecycle, use_);
                } else {
                    first(&mut doubt, use_);
                }
            }
            Role::Returned => first(&mut handed, use_),
            Role::HandedTo(to) | Role::Declarator(to) | Role::AssignedTo(to) => {
                first(&mut handed, to);
            }
            Role::Receiver(_) | Role::Neutral | Role::Discarded | Role::AssignTarget => {}
            Role::Other => first(&mut doubt, use_),
        }
    }
    let (fate, at) = if let Some(at) = closed_in_lifecycle {
        (Fate::FieldClosedInLifecycle, Some(at))
    } else if let Some(at) = handed {
        (Fate::HandedOver, Some(at))
    } else if let Some(at) = doubt {
        (Fate::Unknown, Some(at))
    } else {
        (Fate::FieldNeverClosed, None)
    };
    Trace::new(fate, holder, at)
}

/// Whether code outside this file may close the field: it is `protected` or `public`, or it
/// is not `private` and its class is abstract or an interface.
fn exposed_to_subclasses(file: &JavaFile<'_>, field: Node<'_>, body: Node<'_>) -> bool {
    let has = |node: Node<'_>, word: &str| {
        scope::child_of_kind(node, "modifiers").is_some_and(|m| {
            let mut cursor = m.walk();
            m.children(&mut cursor).any(|c| file.text_of(c) == word)
        })
    };
    if has(field, "private") {
        return false;
    }
    if has(field, "protected") || has(field, "public") {
        return true;
    }
    body.parent()
        .is_some_and(|class| class.kind() == "interface_declaration" || has(class, "abstract"))
}

/// The expressions in `body` that read or write the field `declarator`: plain names that
/// resolve to it, and `this.<name>` in the class itself.
fn field_uses<'t>(
    file: &'t JavaFile<'_>,
    body: Node<'t>,
    declarator: Node<'t>,
    name: &'t str,
) -> impl Iterator<Item = Node<'t>> + 't {
    Preorder::new(body).filter(move |n| match n.kind() {
        "identifier" => {
            file.text_of(*n) == name
                && !is_declaration_or_member_name(*n)
                && scope::resolve(file, *n, name).is_some_and(|d| d.node == declarator)
        }
        "field_access" => {
            n.child_by_field_name("object")
                .is_some_and(|o| o.kind() == "this")
                && n.child_by_field_name("field")
                    .is_some_and(|f| file.text_of(f) == name)
                && nearest(*n, CLASS_BODY_KINDS) == Some(body)
        }
        _ => false,
    })
}

/// The methods of the class `body` that run at the end of the object's life: those named in
/// [`LIFECYCLE_METHODS`] or annotated with one of [`LIFECYCLE_ANNOTATIONS`], plus the methods
/// of the same class they call (`close() { closeResources(); }`), transitively.
fn lifecycle_methods<'t>(file: &JavaFile<'_>, body: Node<'t>) -> Vec<Node<'t>> {
    let mut cursor = body.walk();
    let methods: Vec<Node<'t>> = body
        .named_children(&mut cursor)
        .filter(|m| m.kind() == "method_declaration")
        .collect();
    let method_name = |m: Node<'_>| {
        m.child_by_field_name("name")
            .map(|n| file.text_of(n))
            .unwrap_or_default()
    };
    let mut lifecycle: Vec<Node<'t>> = methods
        .iter()
        .copied()
        .filter(|m| {
            LIFECYCLE_METHODS.contains(&method_name(*m)) || has_lifecycle_annotation(file, *m)
        })
        .collect();
    // Each round adds at least one method or stops, so this ends after `methods.len()` rounds.
    let mut next = 0;
    while next < lifecycle.len() {
        let method = lifecycle[next];
        next += 1;
        let called: Vec<&str> = Preorder::new(method)
            .filter(|n| n.kind() == "method_invocation")
            .filter(|call| {
                call.child_by_field_name("object")
                    .is_none_or(|o| o.kind() == "this")
            })
            .filter_map(|call| call.child_by_field_name("name"))
            .map(|n| file.text_of(n))
            .collect();
        for candidate in &methods {
            if !lifecycle.contains(candidate) && called.contains(&method_name(*candidate)) {
                lifecycle.push(*candidate);
            }
        }
    }
    lifecycle
}

fn has_lifecycle_annotation(file: &JavaFile<'_>, method: Node<'_>) -> bool {
    annotations(file, method).any(|(_, name)| LIFECYCLE_ANNOTATIONS.contains(&name))
}

/// The annotations in the `modifiers` of `declaration`, with their simple names.
fn annotations<'t, 'a>(
    file: &'t JavaFile<'a>,
    declaration: Node<'t>,
) -> impl Iterator<Item = (Node<'t>, &'a str)> + 't {
    let modifiers = scope::child_of_kind(declaration, "modifiers");
    let found: Vec<Node<'t>> = modifiers
        .map(|m| {
            let mut cursor = m.walk();
            m.named_children(&mut cursor)
                .filter(|c| matches!(c.kind(), "marker_annotation" | "annotation"))
                .collect()
        })
        .unwrap_or_default();
    found.into_iter().filter_map(move |a| {
        let name = a.child_by_field_name("name")?;
        let text = file.text_of(name);
        Some((a, text.rsplit('.').next().unwrap_or(text)))
    })
}

/// Lombok's `@Cleanup` on a local variable declaration.
fn cleanup_annotation<'t>(file: &'t JavaFile<'_>, statement: Node<'t>) -> Option<Node<'t>> {
    annotations(file, statement)
        .find(|(_, name)| *name == "Cleanup")
        .map(|(a, _)| a)
}

/// Whether the identifier `node` names a declaration or a member rather than referring to a
/// variable: a declared name, a method name, the field of `a.field`, a label, a part of a
/// qualified name, a lambda parameter.
fn is_declaration_or_member_name(node: Node<'_>) -> bool {
    let Some(parent) = node.parent() else {
        return true;
    };
    if parent.child_by_field_name("name") == Some(node)
        || parent.child_by_field_name("field") == Some(node)
        || parent.child_by_field_name("parameters") == Some(node)
    {
        return true;
    }
    match parent.kind() {
        "scoped_identifier"
        | "inferred_parameters"
        | "labeled_statement"
        | "break_statement"
        | "continue_statement" => true,
        // `x::m`: the method name is the last child; the receiver is a use.
        "method_reference" => parent.named_child(0) != Some(node),
        _ => false,
    }
}

/// Whether `node` sits in a lambda or an inner class body below `scope`: it may run later,
/// elsewhere, or more than once. Also true when `scope` is too far up to tell.
fn captured(node: Node<'_>, scope: Node<'_>) -> bool {
    for n in ancestors(node) {
        if n == scope {
            return false;
        }
        if matches!(n.kind(), "lambda_expression" | "class_body") {
            return true;
        }
    }
    true
}

/// Whether `node` is inside a `finally` block, looking no further out than `limit` (when
/// given) nor past the enclosing method or lambda.
fn in_finally(node: Node<'_>, limit: Option<Node<'_>>) -> bool {
    for n in ancestors(node) {
        if Some(n) == limit {
            return false;
        }
        match n.kind() {
            "finally_clause" => return true,
            "method_declaration"
            | "constructor_declaration"
            | "lambda_expression"
            | "class_body" => return false,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fate of the first call to `getTable` in `body`, placed in a method of a class with
    /// the given extra members.
    fn fate_in(members: &str, body: &str) -> Fate {
        let src =
            format!("class Job {{\n{members}\nvoid run() throws Exception {{\n{body}\n}}\n}}");
        fate_of(&src)
    }

    fn fate_of(src: &str) -> Fate {
        let file = JavaFile::parse(src).expect("parses");
        let acquisition = file
            .nodes_of_kind("method_invocation")
            .find(|n| {
                n.child_by_field_name("name")
                    .is_some_and(|m| file.text_of(m) == "getTable")
            })
            .expect("an acquisition");
        track(&file, acquisition)
    }

    #[test]
    fn try_with_resources() {
        assert_eq!(
            fate_in("", "try (Table t = conn.getTable(n)) { t.put(p); }"),
            Fate::TryWithResources
        );
        assert_eq!(
            fate_in(
                "",
                "Table t = conn.getTable(n);\ntry (Table u = t) { u.put(p); }"
            ),
            Fate::TryWithResources
        );
        assert_eq!(
            fate_in("", "Table t = conn.getTable(n);\ntry (t) { t.put(p); }"),
            Fate::TryWithResources
        );
    }

    #[test]
    fn lombok_cleanup() {
        assert_eq!(
            fate_in("", "@Cleanup Table t = conn.getTable(n);\nt.put(p);"),
            Fate::Cleanup
        );
        assert_eq!(
            fate_in("", "@lombok.Cleanup Table t = conn.getTable(n);\nt.put(p);"),
            Fate::Cleanup
        );
    }

    #[test]
    fn closed_in_finally() {
        assert_eq!(
            fate_in(
                "",
                "Table t = conn.getTable(n);\ntry { t.put(p); } finally { t.close(); }"
            ),
            Fate::ClosedInFinally
        );
        assert_eq!(
            fate_in(
                "",
                "Table t = null;\ntry { t = conn.getTable(n); t.put(p); }\nfinally { if (t != null) { t.close(); } }"
            ),
            Fate::ClosedInFinally
        );
        assert_eq!(
            fate_in(
                "",
                "Table t = null;\ntry { t = conn.getTable(n); t.put(p); } finally { IOUtils.closeQuietly(t); }"
            ),
            Fate::ClosedInFinally
        );
        assert_eq!(
            fate_in(
                "",
                "Table t = null;\ntry { t = conn.getTable(n); } finally { closeQuietly(t); }"
            ),
            Fate::ClosedInFinally
        );
    }

    #[test]
    fn closed_on_the_normal_path_only() {
        let fate = fate_in("", "Table t = conn.getTable(n);\nt.put(p);\nt.close();");
        assert_eq!(fate, Fate::Closed);
        assert!(!fate.is_leak());
        assert_eq!(fate_in("", "conn.getTable(n).close();"), Fate::Closed);
    }

    #[test]
    fn returned() {
        assert_eq!(fate_in("", "return conn.getTable(n);"), Fate::Returned);
        assert_eq!(
            fate_in("", "Table t = conn.getTable(n);\nreturn t;"),
            Fate::Returned
        );
        assert_eq!(
            fate_in("", "Supplier<Table> s = () -> conn.getTable(n);"),
            Fate::Returned
        );
        assert_eq!(
            fate_in(
                "",
                "return cached != null ? cached : (Table) conn.getTable(n);"
            ),
            Fate::Returned
        );
    }

    #[test]
    fn handed_over() {
        assert_eq!(fate_in("", "sink.use(conn.getTable(n));"), Fate::HandedOver);
        assert_eq!(
            fate_in("", "Table t = conn.getTable(n);\ntables.add(t);"),
            Fate::HandedOver
        );
        assert_eq!(
            fate_in("", "Table t = conn.getTable(n);\nWriter w = new Writer(t);"),
            Fate::HandedOver
        );
        assert_eq!(
            fate_in("", "Table t = conn.getTable(n);\nTable u = t;"),
            Fate::HandedOver
        );
        assert_eq!(
            fate_in("", "holder.table = conn.getTable(n);"),
            Fate::HandedOver
        );
        assert_eq!(
            fate_in("", "tables[0] = conn.getTable(n);"),
            Fate::HandedOver
        );
    }

    #[test]
    fn field_closed_in_lifecycle() {
        assert_eq!(
            fate_in(
                "private Table table;\npublic void close() { if (table != null) { table.close(); } }",
                "table = conn.getTable(n);"
            ),
            Fate::FieldClosedInLifecycle
        );
        assert_eq!(
            fate_in(
                "private Table table;\n@PreDestroy void release() { IOUtils.closeQuietly(this.table); }",
                "this.table = conn.getTable(n);"
            ),
            Fate::FieldClosedInLifecycle
        );
        assert_eq!(
            fate_in(
                "private Table table;\npublic void close() { closeAll(); }\nprivate void closeAll() { table.close(); }",
                "this.table = conn.getTable(n);"
            ),
            Fate::FieldClosedInLifecycle
        );
    }

    #[test]
    fn field_never_closed() {
        let fate = fate_in(
            "private transient Table table;\npublic void close() { super.close(); }",
            "table = conn.getTable(n);\ntable.put(p);",
        );
        assert_eq!(fate, Fate::FieldNeverClosed);
        assert!(fate.is_leak());
        assert_eq!(
            fate_in(
                "private final Table table = conn.getTable(n);",
                "table.put(p);"
            ),
            Fate::FieldNeverClosed
        );
    }

    #[test]
    fn fields_with_unclear_ownership_are_unknown() {
        // Closed, but outside any lifecycle method.
        assert_eq!(
            fate_in(
                "private Table table;\nvoid flushAndRelease() { table.close(); }",
                "table = conn.getTable(n);"
            ),
            Fate::Unknown
        );
        // Visible to subclasses, which may close it.
        assert_eq!(
            fate_in("protected Table table;", "table = conn.getTable(n);"),
            Fate::Unknown
        );
        // Declared in a superclass elsewhere.
        assert_eq!(fate_in("", "table = conn.getTable(n);"), Fate::Unknown);
        // Shared through a getter.
        assert_eq!(
            fate_in(
                "private Table table;\nTable table() { return table; }",
                "table = conn.getTable(n);"
            ),
            Fate::HandedOver
        );
    }

    #[test]
    fn leaked() {
        let fate = fate_in("", "Table t = conn.getTable(n);\nt.put(p);\nt.get(g);");
        assert_eq!(fate, Fate::Leaked);
        assert!(fate.is_leak());
        assert_eq!(fate_in("", "conn.getTable(n).put(p);"), Fate::Leaked);
        assert_eq!(fate_in("", "conn.getTable(n);"), Fate::Leaked);
        assert_eq!(
            fate_in(
                "",
                "try (ResultScanner s = conn.getTable(n).getScanner(scan)) { s.next(); }"
            ),
            Fate::Leaked
        );
        assert_eq!(
            fate_in(
                "",
                "Table t = null;\nt = conn.getTable(n);\nif (t != null) { t.put(p); }"
            ),
            Fate::Leaked
        );
        // Closing another `t` in a sibling block does not count.
        assert_eq!(
            fate_in(
                "",
                "{ Table t = conn.getTable(n); t.put(p); }\n{ Table t = other(); t.close(); }"
            ),
            Fate::Leaked
        );
    }

    #[test]
    fn doubtful_flows_are_unknown() {
        assert_eq!(
            fate_in(
                "",
                "Table t = conn.getTable(n);\nexecutor.submit(() -> t.put(p));"
            ),
            Fate::Unknown
        );
        assert_eq!(
            fate_in(
                "",
                "Table t = conn.getTable(n);\nt.put(p);\nt = conn.getTable(m);"
            ),
            Fate::Unknown
        );
        assert_eq!(
            fate_in("", "Table t = conn.getTable(n);\nRunnable r = t::close;"),
            Fate::Unknown
        );
        assert_eq!(
            fate_in(
                "",
                "int x = switch (k) { default -> { yield conn.getTable(n); } };"
            ),
            Fate::Unknown
        );
    }

    #[test]
    fn trace_names_the_holder() {
        let src = "class Job { private Table table; void open() { table = conn.getTable(n); } }";
        let file = JavaFile::parse(src).expect("parses");
        let acquisition = file
            .nodes_of_kind("method_invocation")
            .next()
            .expect("call");
        let trace = trace(&file, acquisition);
        assert_eq!(trace.fate, Fate::FieldNeverClosed);
        let holder = trace.holder.expect("holder");
        assert!(holder.is_field);
        assert_eq!(file.text_of(holder.name), "table");
    }

    fn hot_of(src: &str) -> Option<String> {
        let file = JavaFile::parse(src).expect("parses");
        let call = file
            .nodes_of_kind("method_invocation")
            .find(|n| {
                n.child_by_field_name("name")
                    .is_some_and(|m| file.text_of(m) == "createConnection")
            })
            .expect("a call");
        hot_context(&file, call).map(|n| n.kind().to_owned())
    }

    #[test]
    fn hot_contexts() {
        let invoke = "class S { public void invoke(String v, Context c) { Connection x = ConnectionFactory.createConnection(conf); } }";
        assert_eq!(hot_of(invoke).as_deref(), Some("method_declaration"));
        let open = "class S { public void open(Configuration p) { Connection x = ConnectionFactory.createConnection(conf); } }";
        assert_eq!(hot_of(open), None);
        let no_record = "class S { void process() { ConnectionFactory.createConnection(conf); } }";
        assert_eq!(hot_of(no_record), None);
        let looped = "class S { void main() { for (String r : rows) { ConnectionFactory.createConnection(conf); } } }";
        assert_eq!(hot_of(looped).as_deref(), Some("enhanced_for_statement"));
        let iterated = "class S { void main() { for (Object r : ConnectionFactory.createConnection(conf).list()) { } } }";
        assert_eq!(hot_of(iterated), None);
        let init = "class S { void main() { for (Object c = ConnectionFactory.createConnection(conf); ; ) { } } }";
        assert_eq!(hot_of(init), None);
        let whiled = "class S { void main() { while (more()) { ConnectionFactory.createConnection(conf); } } }";
        assert_eq!(hot_of(whiled).as_deref(), Some("while_statement"));
        let done = "class S { void main() { do { ConnectionFactory.createConnection(conf); } while (more()); } }";
        assert_eq!(hot_of(done).as_deref(), Some("do_statement"));
        let async_ = "class S { public void asyncInvoke(String v, ResultFuture<String> f) { CompletableFuture.supplyAsync(() -> ConnectionFactory.createConnection(conf)); } }";
        assert_eq!(hot_of(async_).as_deref(), Some("method_declaration"));
        let per_element = "class S { void main() { rows.forEach(r -> ConnectionFactory.createConnection(conf)); } }";
        assert_eq!(hot_of(per_element).as_deref(), Some("lambda_expression"));
        let field = "class S { Connection c = ConnectionFactory.createConnection(conf); }";
        assert_eq!(hot_of(field), None);
        let anonymous = "class S { void open() { new Thread(new Runnable() { public void run() { ConnectionFactory.createConnection(conf); } }); } }";
        assert_eq!(hot_of(anonymous), None);
    }

    #[test]
    fn deep_input_gives_up_quietly() {
        let depth = 10_000;
        // Too many parentheses to look through: unknown, quickly, without overflow.
        let src = format!(
            "class Job {{ void run() {{ Table t = {}conn.getTable(n){}; t.put(p); }} }}",
            "(".repeat(depth),
            ")".repeat(depth)
        );
        assert_eq!(fate_of(&src), Fate::Unknown);
        let file = JavaFile::parse(&src).expect("parses");
        let call = file
            .nodes_of_kind("method_invocation")
            .next()
            .expect("call");
        assert_eq!(hot_context(&file, call), None);
        // A few parentheses are looked through.
        assert_eq!(
            fate_in("", "Table t = (((conn.getTable(n))));\nt.put(p);"),
            Fate::Leaked
        );
        // Deeply nested blocks: the local's own block is near, so the answer is still exact.
        let src = format!(
            "class Job {{ void run() {{ {} Table t = conn.getTable(n); t.put(p); {} }} }}",
            "{".repeat(depth),
            "}".repeat(depth)
        );
        assert_eq!(fate_of(&src), Fate::Leaked);
        let file = JavaFile::parse(&src).expect("parses");
        let call = file
            .nodes_of_kind("method_invocation")
            .next()
            .expect("call");
        assert_eq!(hot_context(&file, call), None);
    }

    #[test]
    fn broken_input_does_not_panic() {
        for src in [
            "class { void ( { Table t = conn.getTable(",
            "Table t = conn.getTable(n); t.close(",
            "class A { Table t = conn.getTable(n) } }}}",
            "try (conn.getTable(n)",
        ] {
            let Some(file) = JavaFile::parse(src) else {
                continue;
            };
            for node in file.nodes_of_kind("method_invocation") {
                let _ = trace(&file, node);
                let _ = hot_context(&file, node);
            }
        }
    }
}
