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
//! **Methods of the same class.** A value passed to a method of its own class that no subclass
//! can replace (`private`, `static` or `final`, or any method of a `final` class, a record, an
//! enum without constant bodies or an anonymous class), called unqualified, on `this` or on the
//! class name, and found by name and argument count alone, is followed into that method's
//! parameter: a method that closes it closes it for the caller (on every path, or only on the
//! normal path), one that only calls methods on it leaves the caller owning it, one that
//! returns it gives it back, one that stores it in a field hands it to that field (whose own
//! fate then decides). Calls to such methods are followed up to [`MAX_CALL_DEPTH`] deep; what
//! a method does with a parameter is worked out once per file and kept in the file's cache.
//! Any other call is a hand-over, as before: a subclass may close the value.
//!
//! **Closed on the normal path only.** A close that is not in a `finally` block matters only
//! when something that can throw runs between the acquisition and the close: a call, a
//! constructor call, a `throw` (see [`Trace::between`]). With nothing of the kind in between
//! the value is closed on every path ([`Fate::ClosedImmediately`]).
//!
//! Every walk is iterative (parent links, [`Preorder`] or an explicit stack), so deep input
//! cannot overflow the stack; following calls recurses at most [`MAX_CALL_DEPTH`] levels.
//! Walks up the tree look at no more than [`MAX_ANCESTORS`] ancestors (tree-sitter finds a
//! parent from the root down, so unbounded climbs would be quadratic in the nesting depth) and
//! give the cautious answer when they run out. Nothing here panics on any input.

mod between;
mod callee;

use tree_sitter::Node;

use super::scope;
use super::{JavaFile, Preorder};

pub(crate) use callee::Cache;
pub use callee::MAX_CALL_DEPTH;
use callee::{Follow, NodeRef, Summary};

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
    /// Closed outside `finally`, but with nothing between the acquisition and the close that
    /// can throw (only reads, literals, assignments of those): closed on every path.
    ClosedImmediately,
    /// Closed on the straight-line path only: not in `finally`, and something that can throw
    /// ([`Trace::between`]) runs between the acquisition and the close, so an exception there
    /// leaks it. Not a leak for [`Fate::is_leak`] (the code clearly intends to close it); a rule
    /// about exception paths can ask for this fate.
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
    /// discarded, held in a local that is only ever used as a receiver, or passed only to
    /// methods of the same class that use it without closing it ([`Trace::passed_to`]). A leak.
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

    /// Whether the value is closed on every path: try-with-resources, `@Cleanup`, a `finally`
    /// block, or a close with nothing before it that can throw.
    pub const fn is_closed_on_every_path(self) -> bool {
        matches!(
            self,
            Self::TryWithResources
                | Self::Cleanup
                | Self::ClosedInFinally
                | Self::ClosedImmediately
        )
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

impl<'t> Holder<'t> {
    /// The holder described by a field's `variable_declarator`.
    fn field(declarator: Node<'t>) -> Option<Self> {
        Some(Self {
            declarator,
            name: declarator.child_by_field_name("name")?,
            is_field: true,
        })
    }
}

/// The fate of one acquisition, with what decided it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Trace<'t> {
    pub fate: Fate,
    /// Where the acquisition was stored, if it was stored in a local or a field. For a value
    /// that a method of the class stored in a field nothing closes
    /// ([`Fate::FieldNeverClosed`]), that field.
    pub holder: Option<Holder<'t>>,
    /// The node that decided the fate, when there is one: the close call, the `return`, the
    /// call it was handed to, the resource, the use that made the flow unknown.
    pub evidence: Option<Node<'t>>,
    /// For [`Fate::Closed`]: the first node between the acquisition and the close that can
    /// throw and so skip the close: a `method_invocation`, an `object_creation_expression` or a
    /// `throw_statement`. It may sit in the method of the same class that does the closing.
    pub between: Option<Node<'t>>,
    /// For a leak: the first call to a method of the same class that the value was passed to
    /// and that only uses it (`write(table)` where `write` never closes its parameter).
    pub passed_to: Option<Node<'t>>,
}

impl<'t> Trace<'t> {
    const fn new(fate: Fate, holder: Option<Holder<'t>>, evidence: Option<Node<'t>>) -> Self {
        Self {
            fate,
            holder,
            evidence,
            between: None,
            passed_to: None,
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
    let mut follow = Follow::default();
    let (site, role) = classify_followed(file, acquisition, &mut follow);
    match role {
        Role::Resource => Trace::new(Fate::TryWithResources, None, Some(site)),
        Role::Returned => Trace::new(Fate::Returned, None, Some(site)),
        Role::Closes(call) => {
            let fate = if in_finally(call, None) {
                Fate::ClosedInFinally
            } else {
                Fate::ClosedImmediately
            };
            Trace::new(fate, None, Some(call))
        }
        Role::ClosedBy(call, inner) => {
            let between = inner.and_then(|r| r.find(file.root()));
            let fate = match between {
                Some(_) => Fate::Closed,
                None if in_finally(call, None) => Fate::ClosedInFinally,
                None => Fate::ClosedImmediately,
            };
            let mut trace = Trace::new(fate, None, Some(call));
            trace.between = between;
            trace
        }
        Role::HandedTo(to) => Trace::new(Fate::HandedOver, None, Some(to)),
        Role::UsedBy(call) => {
            let mut trace = Trace::new(Fate::Leaked, None, Some(call));
            trace.passed_to = Some(call);
            trace
        }
        Role::StoredBy(call, field) => stored(file, call, field),
        Role::Receiver(call) => Trace::new(Fate::Leaked, None, Some(call)),
        Role::Discarded | Role::Neutral => Trace::new(Fate::Leaked, None, Some(site)),
        Role::Declarator(declarator) => match declarator.parent().map(|p| p.kind()) {
            Some("local_variable_declaration") => {
                track_local(file, declarator, acquisition.end_byte(), &mut follow)
            }
            Some("field_declaration") => track_field(file, declarator, &mut follow),
            _ => Trace::unknown(Some(declarator)),
        },
        Role::AssignedTo(left) => assigned(file, left, acquisition.end_byte(), &mut follow),
        Role::AssignTarget | Role::Other => Trace::unknown(Some(site)),
    }
}

/// The trace of a value stored (at `at`) in the field `field` of the class, which nothing
/// closes: the field is the leak.
fn stored<'t>(file: &'t JavaFile<'_>, at: Node<'t>, field: NodeRef) -> Trace<'t> {
    match field.find(file.root()).and_then(Holder::field) {
        Some(holder) => Trace::new(Fate::FieldNeverClosed, Some(holder), Some(at)),
        None => Trace::unknown(Some(at)),
    }
}

/// Whether `trace`, the fate of `acquisition`, is a process-lifetime singleton rather than a
/// leak: the value is kept in a `static` field that nothing closes ([`Fate::FieldNeverClosed`]),
/// the acquisition runs once per class load (in a `static {}` block or as that field's own
/// initialiser), and the object it came from (`conn` in `conn.getAdmin()`) is itself a `static`
/// field of the same class that nothing in the class closes. Both then live until the JVM
/// exits, as a utility class meant them to; whether that is wise is another question than a
/// leak.
pub fn is_process_singleton(file: &JavaFile<'_>, acquisition: Node<'_>, trace: &Trace<'_>) -> bool {
    let Some(holder) = trace.holder.filter(|h| h.is_field) else {
        return false;
    };
    if trace.fate != Fate::FieldNeverClosed {
        return false;
    }
    let Some(field_declaration) = holder.declarator.parent() else {
        return false;
    };
    let Some(body) = field_declaration.parent() else {
        return false;
    };
    if !has_modifier(file, field_declaration, "static") {
        return false;
    }
    // Runs once per class load: a static initialiser, or the static field's own initialiser.
    let once = match nearest(
        acquisition,
        &[
            "static_initializer",
            "field_declaration",
            "method_declaration",
            "constructor_declaration",
            "lambda_expression",
            "class_body",
        ],
    ) {
        Some(n) if n.kind() == "static_initializer" => n.parent() == Some(body),
        Some(n) => n == field_declaration,
        None => false,
    };
    if !once {
        return false;
    }
    // The source: a static field of the same class that nothing in the class closes.
    let Some(receiver) = acquisition
        .child_by_field_name("object")
        .and_then(scope::unparenthesize)
    else {
        return false;
    };
    let name = match receiver.kind() {
        "identifier" => file.text_of(receiver),
        // `Util.CONN`, spelled with the class's own name.
        "field_access" => {
            let own_class = body
                .parent()
                .and_then(|class| class.child_by_field_name("name"))
                .map(|n| file.text_of(n));
            let object = receiver
                .child_by_field_name("object")
                .map(|o| file.text_of(o));
            match receiver.child_by_field_name("field") {
                Some(f) if object.is_some() && object == own_class => file.text_of(f),
                _ => return false,
            }
        }
        _ => return false,
    };
    let Some(source) = field_in_body(file, body, name) else {
        return false;
    };
    if receiver.kind() == "identifier"
        && scope::resolve(file, receiver, name).is_none_or(|d| d.node != source)
    {
        return false;
    }
    let Some(source_declaration) = source.parent() else {
        return false;
    };
    if !has_modifier(file, source_declaration, "static") {
        return false;
    }
    let mut follow = Follow::default();
    !field_uses(file, body, source, name).any(|use_| {
        matches!(
            classify_followed(file, use_, &mut follow).1,
            Role::Closes(_) | Role::ClosedBy(..) | Role::Resource
        )
    })
}

/// The loop, per-record method or per-element lambda `node` runs in, or `None`: the node of
/// [`super::per_record::per_record`], which also says why.
pub fn hot_context<'t>(file: &'t JavaFile<'_>, node: Node<'t>) -> Option<Node<'t>> {
    super::per_record::per_record(file, node).map(|p| p.node())
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

/// How the value of an expression is used by its context.
#[derive(Clone, Copy, Debug)]
enum Role<'t> {
    /// A try-with-resources resource (`try (T x = <v>)`, `try (<v>)`).
    Resource,
    /// `return <v>;` or the body of an expression lambda.
    Returned,
    /// Closed by this call: `<v>.close()` or `closeQuietly(<v>)`.
    Closes(Node<'t>),
    /// Closed by this call to a method of the same class; with what in that method can throw
    /// before its close when it closes only on the normal path.
    ClosedBy(Node<'t>, Option<NodeRef>),
    /// Given to this call, constructor, array or other variable.
    HandedTo(Node<'t>),
    /// Passed to this call to a method of the same class, which only uses it.
    UsedBy(Node<'t>),
    /// Passed to this call to a method of the same class, which stores it in a field (its
    /// `variable_declarator`) that nothing closes.
    StoredBy(Node<'t>, NodeRef),
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

/// [`classify`], following a value passed to a method of the same class into that method (see
/// the module documentation): such a call becomes [`Role::ClosedBy`], [`Role::UsedBy`] or
/// [`Role::StoredBy`], or, when the method returns the value, the role of the call's own value.
fn classify_followed<'t>(
    file: &'t JavaFile<'_>,
    node: Node<'t>,
    follow: &mut Follow,
) -> (Node<'t>, Role<'t>) {
    let mut expr = node;
    // Each round moves to an enclosing call; the depth bound only guards odd input.
    for _ in 0..MAX_WRAPPERS {
        let (site, role) = classify(file, expr);
        let Role::HandedTo(call) = role else {
            return (site, role);
        };
        let Some(summary) = callee::summarize(file, call, site, follow) else {
            return (site, role);
        };
        let followed = match summary {
            Summary::Closes => Role::ClosedBy(call, None),
            Summary::ClosesNormally(between) => Role::ClosedBy(call, Some(between)),
            Summary::Uses => Role::UsedBy(call),
            Summary::Stored(field) => Role::StoredBy(call, field),
            Summary::Handed => role,
            Summary::Unknown => Role::Other,
            Summary::Returns => {
                // The call hands the value back: its own value is the resource now.
                expr = call;
                continue;
            }
        };
        return (site, followed);
    }
    (expr, Role::Other)
}

/// What the uses of a local, a parameter or a field showed, first occurrence of each.
#[derive(Default)]
struct Evidence<'t> {
    resource: Option<Node<'t>>,
    closed_in_finally: Option<Node<'t>>,
    /// The closes outside `finally`, in document order (at most [`MAX_CLOSES`]), each with
    /// what can throw before the close inside a method of the class that does the closing.
    closed: Vec<(Node<'t>, Option<NodeRef>)>,
    returned: Option<Node<'t>>,
    handed: Option<Node<'t>>,
    /// Stored in a field of the class that nothing closes: where, and the field.
    stored: Option<(Node<'t>, NodeRef)>,
    /// The first call to a method of the class that only uses the value.
    passed_to: Option<Node<'t>>,
    /// Captured by a lambda or inner class, reassigned, or an unmodelled use.
    doubt: Option<Node<'t>>,
}

/// How many normal-path closes of one value are weighed.
const MAX_CLOSES: usize = 16;

fn first<'t>(slot: &mut Option<Node<'t>>, node: Node<'t>) {
    if slot.is_none() {
        *slot = Some(node);
    }
}

/// Gathers what `uses` (identifiers naming one local or parameter, all inside `scope`, the
/// block or method body it lives in) do with the value. `assignments` counts the values
/// assigned so far (the initialiser, the argument); a second one makes the flow doubtful.
fn gather<'t>(
    file: &'t JavaFile<'_>,
    uses: impl Iterator<Item = Node<'t>>,
    scope: Node<'t>,
    mut assignments: usize,
    follow: &mut Follow,
) -> Evidence<'t> {
    let mut evidence = Evidence::default();
    for use_ in uses {
        if captured(use_, scope) {
            first(&mut evidence.doubt, use_);
            continue;
        }
        match classify_followed(file, use_, follow).1 {
            Role::Resource => first(&mut evidence.resource, use_),
            Role::Closes(call) => {
                if in_finally(call, Some(scope)) {
                    first(&mut evidence.closed_in_finally, call);
                } else if evidence.closed.len() < MAX_CLOSES {
                    evidence.closed.push((call, None));
                }
            }
            Role::ClosedBy(call, inner) => {
                if inner.is_none() && in_finally(call, Some(scope)) {
                    first(&mut evidence.closed_in_finally, call);
                } else if evidence.closed.len() < MAX_CLOSES {
                    evidence.closed.push((call, inner));
                }
            }
            Role::Returned => first(&mut evidence.returned, use_),
            Role::HandedTo(to) | Role::Declarator(to) => first(&mut evidence.handed, to),
            Role::AssignedTo(left) => match field_store(file, left, follow) {
                Some((field, fate)) => store(&mut evidence, left, field, fate),
                None => first(&mut evidence.handed, left),
            },
            Role::StoredBy(call, field) => {
                store(&mut evidence, call, field, Fate::FieldNeverClosed);
            }
            Role::UsedBy(call) => first(&mut evidence.passed_to, call),
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
    evidence
}

/// Records that the value was stored (at `at`) in the field `field` whose fate is `fate`.
fn store<'t>(evidence: &mut Evidence<'t>, at: Node<'t>, field: NodeRef, fate: Fate) {
    match fate {
        Fate::FieldNeverClosed => {
            if evidence.stored.is_none() {
                evidence.stored = Some((at, field));
            }
        }
        Fate::Unknown => first(&mut evidence.doubt, at),
        // Closed in a lifecycle method, returned or shared: the object owns it.
        _ => first(&mut evidence.handed, at),
    }
}

/// When `left` (the target of `left = value`) is a field of the enclosing class: the field's
/// `variable_declarator` and its fate.
fn field_store(
    file: &JavaFile<'_>,
    left: Node<'_>,
    follow: &mut Follow,
) -> Option<(NodeRef, Fate)> {
    let declarator = match left.kind() {
        "identifier" => {
            let declaration = scope::resolve(file, left, file.text_of(left))?;
            (declaration.is_field && declaration.node.kind() == "variable_declarator")
                .then_some(declaration.node)?
        }
        "field_access" => {
            let on_this = left
                .child_by_field_name("object")
                .is_some_and(|o| o.kind() == "this");
            if !on_this {
                return None;
            }
            let field = file.text_of(left.child_by_field_name("field")?);
            field_in_body(file, nearest(left, CLASS_BODY_KINDS)?, field)?
        }
        _ => return None,
    };
    let fate = track_field(file, declarator, follow).fate;
    Some((NodeRef::of(declarator), fate))
}

/// The fate a local (or one local's acquisition ending at `from`) comes to by its evidence.
/// `scope` is the block the local lives in.
fn conclude<'t>(
    file: &'t JavaFile<'_>,
    evidence: &Evidence<'t>,
    holder: Option<Holder<'t>>,
    from: usize,
    scope: Node<'t>,
) -> Trace<'t> {
    let mut trace = if let Some(at) = evidence.resource {
        Trace::new(Fate::TryWithResources, holder, Some(at))
    } else if let Some(at) = evidence.closed_in_finally {
        Trace::new(Fate::ClosedInFinally, holder, Some(at))
    } else if let Some((at, _)) = evidence.closed.first() {
        let value = holder.map(|h| file.text_of(h.name));
        closed(file, &evidence.closed, from, scope, value)
            .unwrap_or_else(|| Trace::new(Fate::ClosedImmediately, holder, Some(*at)))
    } else if let Some(at) = evidence.returned {
        Trace::new(Fate::Returned, holder, Some(at))
    } else if let Some(at) = evidence.handed {
        Trace::new(Fate::HandedOver, holder, Some(at))
    } else if let Some(at) = evidence.doubt {
        Trace::new(Fate::Unknown, holder, Some(at))
    } else if let Some((at, field)) = evidence.stored {
        stored(file, at, field)
    } else {
        Trace::new(Fate::Leaked, holder, None)
    };
    if trace.fate == Fate::Closed {
        trace.holder = holder;
    }
    if trace.fate.is_leak() {
        trace.passed_to = evidence.passed_to;
    }
    trace
}

/// The first of the normal-path `closes` that something able to throw precedes (between
/// `from` and the close, or inside the method of the class that closes): [`Fate::Closed`]
/// with that node. `None` when every close comes right after the acquisition.
fn closed<'t>(
    file: &'t JavaFile<'_>,
    closes: &[(Node<'t>, Option<NodeRef>)],
    from: usize,
    scope: Node<'t>,
    value: Option<&str>,
) -> Option<Trace<'t>> {
    let calls: Vec<Node<'t>> = closes.iter().map(|(close, _)| *close).collect();
    closes.iter().find_map(|&(close, inner)| {
        // A close written before the acquisition (in a loop) tells nothing about this path.
        if close.start_byte() < from {
            return None;
        }
        let between =
            between::first_throwing(file, scope, (from, close.start_byte()), &calls, value)
                .or_else(|| inner.and_then(|r| r.find(file.root())))?;
        let mut trace = Trace::new(Fate::Closed, None, Some(close));
        trace.between = Some(between);
        Some(trace)
    })
}

/// The acquisition, ending at byte `from`, is the initialiser of (or assigned to) a local
/// variable: follow the local.
fn track_local<'t>(
    file: &'t JavaFile<'_>,
    declarator: Node<'t>,
    from: usize,
    follow: &mut Follow,
) -> Trace<'t> {
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
    let assignments = usize::from(
        declarator
            .child_by_field_name("value")
            .is_some_and(|v| v.kind() != "null_literal"),
    );
    // The identifiers spelled like the local after its declaration, up to the end of the block
    // (a leaf inside the block's range lies inside the block), from the file's index rather
    // than a walk of the block per local.
    let uses = file
        .identifiers_named_in(name_text, declarator.end_byte()..block.end_byte())
        .filter(|n| n.end_byte() <= block.end_byte() && !is_declaration_or_member_name(*n));
    let evidence = gather(file, uses, block, assignments, follow);
    conclude(file, &evidence, holder, from, block)
}

/// The acquisition, ending at byte `from`, is the right-hand side of `left = <acquisition>`.
fn assigned<'t>(
    file: &'t JavaFile<'_>,
    left: Node<'t>,
    from: usize,
    follow: &mut Follow,
) -> Trace<'t> {
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
                track_field(file, declarator, follow)
            } else if declarator
                .parent()
                .is_some_and(|p| p.kind() == "local_variable_declaration")
            {
                track_local(file, declarator, from, follow)
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
            declarator.map_or(Trace::unknown(Some(left)), |d| track_field(file, d, follow))
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
fn track_field<'t>(file: &'t JavaFile<'_>, declarator: Node<'t>, follow: &mut Follow) -> Trace<'t> {
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
    let in_lifecycle = |node: Node<'_>| {
        nearest(node, &["method_declaration"]).is_some_and(|m| lifecycle.contains(&m))
    };
    let mut closed_in_lifecycle = None;
    let mut handed = None;
    let mut passed_to = None;
    let mut doubt = None;
    if exposed_to_subclasses(file, field_declaration, body) {
        first(&mut doubt, declarator);
    }
    for use_ in field_uses(file, body, declarator, name_text) {
        match classify_followed(file, use_, follow).1 {
            Role::Closes(call) | Role::ClosedBy(call, _) => {
                if in_lifecycle(call) {
                    first(&mut closed_in_lifecycle, call);
                } else {
                    // Closed in some other method: who calls it, and when, is not known.
                    first(&mut doubt, call);
                }
            }
            Role::Resource => {
                if in_lifecycle(use_) {
                    first(&mut closed_in_lifecycle, use_);
                } else {
                    first(&mut doubt, use_);
                }
            }
            Role::Returned => first(&mut handed, use_),
            Role::HandedTo(to)
            | Role::Declarator(to)
            | Role::AssignedTo(to)
            | Role::StoredBy(to, _) => {
                first(&mut handed, to);
            }
            Role::UsedBy(call) => first(&mut passed_to, call),
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
    let mut trace = Trace::new(fate, holder, at);
    if fate.is_leak() {
        trace.passed_to = passed_to;
    }
    trace
}

/// Whether the `modifiers` of `declaration` include `word`.
fn has_modifier(file: &JavaFile<'_>, declaration: Node<'_>, word: &str) -> bool {
    scope::child_of_kind(declaration, "modifiers").is_some_and(|m| {
        let mut cursor = m.walk();
        m.children(&mut cursor).any(|c| file.text_of(c) == word)
    })
}

/// Whether code outside this file may close the field: it is `protected` or `public`, or it
/// is not `private` and its class is abstract or an interface.
fn exposed_to_subclasses(file: &JavaFile<'_>, field: Node<'_>, body: Node<'_>) -> bool {
    if has_modifier(file, field, "private") {
        return false;
    }
    if has_modifier(file, field, "protected") || has_modifier(file, field, "public") {
        return true;
    }
    body.parent().is_some_and(|class| {
        class.kind() == "interface_declaration" || has_modifier(file, class, "abstract")
    })
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

    /// `line(i)` for each `i` below `count`, one after the other.
    fn numbered(count: usize, line: impl Fn(usize) -> String) -> String {
        (0..count).map(line).collect::<Vec<_>>().concat()
    }

    /// The fate of the first call to `getTable` in `src`, with the text of what can throw
    /// before the close and of the same-class call it was passed to.
    fn traced(src: &str) -> (Fate, Option<String>, Option<String>) {
        let file = JavaFile::parse(src).expect("parses");
        let acquisition = file
            .nodes_of_kind("method_invocation")
            .find(|n| {
                n.child_by_field_name("name")
                    .is_some_and(|m| file.text_of(m) == "getTable")
            })
            .expect("an acquisition");
        let trace = trace(&file, acquisition);
        let text = |n: Option<Node<'_>>| n.map(|n| file.text_of(n).to_owned());
        (trace.fate, text(trace.between), text(trace.passed_to))
    }

    /// [`traced`] for `body` in a method of a class with the given extra members.
    fn traced_in(members: &str, body: &str) -> (Fate, Option<String>, Option<String>) {
        traced(&format!(
            "class Job {{\n{members}\nvoid run() throws Exception {{\n{body}\n}}\n}}"
        ))
    }

    #[test]
    fn closed_on_the_normal_path_only() {
        let (fate, between, _) =
            traced_in("", "Table t = conn.getTable(n);\nt.put(p);\nt.close();");
        assert_eq!(fate, Fate::Closed);
        assert!(!fate.is_leak() && !fate.is_closed_on_every_path());
        assert_eq!(between.as_deref(), Some("t.put(p)"));
        let (fate, between, _) = traced_in(
            "",
            "Table t = conn.getTable(n);\nif (t.exists(g)) { t.close(); }",
        );
        assert_eq!(
            (fate, between.as_deref()),
            (Fate::Closed, Some("t.exists(g)"))
        );
        // A constructor call or a `throw` can leave as well.
        let (_, between, _) = traced_in(
            "",
            "Table t = conn.getTable(n);\nPut p = new Put(k);\nt.close();",
        );
        assert_eq!(between.as_deref(), Some("new Put(k)"));
        let (_, between, _) = traced_in(
            "",
            "Table t = conn.getTable(n);\nif (k == null) throw new IllegalStateException();\nt.close();",
        );
        assert_eq!(
            between.as_deref(),
            Some("throw new IllegalStateException();")
        );
        // A call on the value itself is named first; else the first to run, receivers and
        // arguments before their call.
        let (_, between, _) = traced_in(
            "",
            "Table t = conn.getTable(n);\nPut p = new Put(Bytes.toBytes(k));\nt.put(p);\nt.close();",
        );
        assert_eq!(between.as_deref(), Some("t.put(p)"));
        let (_, between, _) = traced_in(
            "",
            "Table t = conn.getTable(n);\nPut p = new Put(Bytes.toBytes(k)).addColumn(f, q, v);\nt.close();",
        );
        assert_eq!(between.as_deref(), Some("Bytes.toBytes(k)"));
        let (_, between, _) = traced_in(
            "",
            "Table t = conn.getTable(n);\nwrite(t, Bytes.toBytes(k));\nt.close();",
        );
        assert_eq!(between.as_deref(), Some("write(t, Bytes.toBytes(k))"));
        // Of several closes, the one that a call precedes decides.
        let (fate, between, _) = traced_in(
            "",
            "Table t = conn.getTable(n);\nif (k == 0) { t.close(); return; }\nt.put(p);\nt.close();",
        );
        assert_eq!((fate, between.as_deref()), (Fate::Closed, Some("t.put(p)")));
    }

    #[test]
    fn closed_right_after_acquisition_is_closed_on_every_path() {
        for body in [
            "conn.getTable(n).close();",
            "Table t = conn.getTable(n);\nt.close();",
            "Table t = conn.getTable(n);\nint k = 1;\nString s = \"x\" + k;\nt.close();",
            // A constructor call without arguments builds an empty object.
            "Table t = conn.getTable(n);\nList<Put> puts = new ArrayList<>();\nt.close();",
            "Table t = conn.getTable(n);\nif (t != null) { t.close(); }",
            // Logging does not throw; its arguments are plain here.
            "Table t = conn.getTable(n);\nLOG.info(\"opened {}\", n);\nSystem.out.println(\"x\");\nt.close();",
            // A lambda's body runs later, elsewhere.
            "Table t = conn.getTable(n);\nRunnable r = () -> other.flush();\nt.close();",
            // Whatever the try throws is caught before the close.
            "Table t = conn.getTable(n);\ntry { t.put(p); } catch (Exception e) { LOG.warn(\"put\", e); }\nt.close();",
            "Table t = conn.getTable(n);\ntry { t.put(p); } catch (IOException | Throwable e) { e.printStackTrace(); }\nt.close();",
        ] {
            let (fate, between, _) = traced_in(
                "private static final Logger LOG = LoggerFactory.getLogger(Job.class);",
                body,
            );
            assert_eq!(fate, Fate::ClosedImmediately, "{body}");
            assert!(
                fate.is_closed_on_every_path() && between.is_none(),
                "{body}"
            );
        }
        // A catch that lets some exceptions through, or rethrows, does not protect the close.
        let (_, between, _) = traced_in(
            "",
            "Table t = conn.getTable(n);\ntry { t.put(p); } catch (IOException e) { }\nt.close();",
        );
        assert_eq!(between.as_deref(), Some("t.put(p)"));
        let (_, between, _) = traced_in(
            "",
            "Table t = conn.getTable(n);\ntry { t.put(p); } catch (Exception e) { throw new RuntimeException(e); }\nt.close();",
        );
        assert_eq!(between.as_deref(), Some("throw new RuntimeException(e);"));
        // A logger's arguments still count; Lombok's `log` is a logger only with its annotation.
        let (_, between, _) = traced(
            "@Slf4j class Job { void run() { Table t = conn.getTable(n); log.info(\"{}\", t.getName()); t.close(); } }",
        );
        assert_eq!(between.as_deref(), Some("t.getName()"));
        let (_, between, _) = traced(
            "class Job { void run() { Table t = conn.getTable(n); log.info(\"x\"); t.close(); } }",
        );
        assert_eq!(between.as_deref(), Some("log.info(\"x\")"));
    }

    #[test]
    fn same_class_methods_that_close() {
        let release =
            "private void release(Table t) throws IOException { if (t != null) { t.close(); } }";
        assert_eq!(
            traced_in(release, "Table t = conn.getTable(n);\nrelease(t);").0,
            Fate::ClosedImmediately
        );
        assert_eq!(
            traced_in(
                release,
                "Table t = null;\ntry { t = conn.getTable(n); t.put(p); } finally { release(t); }"
            )
            .0,
            Fate::ClosedInFinally
        );
        assert_eq!(
            traced_in(release, "this.release(conn.getTable(n));").0,
            Fate::ClosedImmediately
        );
        // Closed by the helper, but a call before the helper can skip it.
        let (fate, between, _) = traced_in(
            release,
            "Table t = conn.getTable(n);\nt.put(p);\nrelease(t);",
        );
        assert_eq!((fate, between.as_deref()), (Fate::Closed, Some("t.put(p)")));
        // The helper itself closes only on its normal path.
        let (fate, between, _) = traced_in(
            "private void save(Table t, Put p) throws IOException { t.put(p); t.close(); }",
            "Table t = conn.getTable(n);\ntry { } finally { save(t, p); }",
        );
        assert_eq!((fate, between.as_deref()), (Fate::Closed, Some("t.put(p)")));
        // Closed in the helper's finally, or as its try-with-resources resource.
        for helper in [
            "private static void save(Table t, Put p) throws IOException { try { t.put(p); } finally { t.close(); } }",
            "private static void save(Table t, Put p) throws IOException { try (t) { t.put(p); } }",
        ] {
            assert_eq!(
                traced_in(helper, "Table t = conn.getTable(n);\nsave(t, p);").0,
                Fate::ClosedImmediately,
                "{helper}"
            );
        }
        // Passed on to a second helper that closes it.
        assert_eq!(
            traced_in(
                &format!(
                    "{release}\nprivate void done(Table t) throws IOException {{ release(t); }}"
                ),
                "Table t = conn.getTable(n);\ndone(t);"
            )
            .0,
            Fate::ClosedImmediately
        );
    }

    #[test]
    fn same_class_methods_that_only_use() {
        let write = "private void write(Table t, Put p) throws IOException { t.put(p); }";
        let (fate, _, passed_to) = traced_in(
            write,
            "Table t = conn.getTable(n);\nwrite(t, p);\nwrite(t, q);",
        );
        assert_eq!(
            (fate, passed_to.as_deref()),
            (Fate::Leaked, Some("write(t, p)"))
        );
        let (fate, _, passed_to) = traced_in(write, "this.write(conn.getTable(n), p);");
        assert_eq!(
            (fate, passed_to.as_deref()),
            (Fate::Leaked, Some("this.write(conn.getTable(n), p)"))
        );
        // Used by the helper and closed by the caller: closed.
        assert_eq!(
            traced_in(
                write,
                "Table t = conn.getTable(n);\ntry { write(t, p); } finally { t.close(); }"
            )
            .0,
            Fate::ClosedInFinally
        );
        // A static method, also called on the class's name; a final method; a final class.
        let write_static = "static void write(Table t, Put p) throws IOException { t.put(p); }";
        for body in [
            "write(conn.getTable(n), p);",
            "Job.write(conn.getTable(n), p);",
        ] {
            assert_eq!(traced_in(write_static, body).0, Fate::Leaked, "{body}");
        }
        assert_eq!(
            traced_in(
                "public final void write(Table t) throws IOException { t.get(g); }",
                "write(conn.getTable(n));"
            )
            .0,
            Fate::Leaked
        );
        assert_eq!(
            traced("final class Job { void write(Table t) { t.get(g); } void run() { write(conn.getTable(n)); } }").0,
            Fate::Leaked
        );
        assert_eq!(
            traced("record Job(Connection conn) { void write(Table t) { t.get(g); } void run() { write(conn.getTable(n)); } }").0,
            Fate::Leaked
        );
        // Overloads with another arity do not matter.
        assert_eq!(
            traced_in(
                &format!("{write}\nprivate void write(Table t) {{ }}"),
                "write(conn.getTable(n), p);"
            )
            .0,
            Fate::Leaked
        );
    }

    #[test]
    fn calls_that_cannot_be_followed_are_hand_overs() {
        for (members, body) in [
            // A subclass may override it and close the table.
            (
                "void write(Table t) { t.get(g); }",
                "write(conn.getTable(n));",
            ),
            (
                "protected void write(Table t) { t.get(g); }",
                "this.write(conn.getTable(n));",
            ),
            // Which overload applies depends on the argument's type.
            (
                "private void write(Table t) { t.get(g); }\nprivate void write(Object o) { }",
                "write(conn.getTable(n));",
            ),
            // Varargs.
            (
                "private void write(Table... ts) { }",
                "write(conn.getTable(n));",
            ),
            // Not a method of this class.
            ("", "write(conn.getTable(n));"),
            (
                "private void write(Table t) { }",
                "other.write(conn.getTable(n));",
            ),
            (
                "private void write(Table t) { }",
                "Other.write(conn.getTable(n));",
            ),
            // Passed on to an owner outside the class.
            (
                "private void write(Table t) { tables.add(t); }",
                "write(conn.getTable(n));",
            ),
        ] {
            assert_eq!(
                traced_in(members, body).0,
                Fate::HandedOver,
                "{members} / {body}"
            );
        }
        // A method of an interface may be replaced by the implementation.
        assert_eq!(
            traced("interface Job { default void write(Table t) { t.get(g); } default void run() { write(conn.getTable(n)); } }").0,
            Fate::HandedOver
        );
        // Enum constants with bodies may override the enum's methods.
        assert_eq!(
            traced("enum Job { A { }; void write(Table t) { t.get(g); } void run() { write(conn.getTable(n)); } }").0,
            Fate::HandedOver
        );
        assert_eq!(
            traced("enum Job { A, B; void write(Table t) { t.get(g); } void run() { write(conn.getTable(n)); } }").0,
            Fate::Leaked
        );
    }

    #[test]
    fn same_class_methods_that_store_or_return() {
        // Stored in a field that nothing closes: the field is the leak.
        let src = "class Job {\nprivate Table table;\nprivate void keep(Table t) { this.table = t; }\nvoid run() { keep(conn.getTable(n)); table.put(p); }\n}";
        let file = JavaFile::parse(src).expect("parses");
        let acquisition = file
            .nodes_of_kind("method_invocation")
            .find(|n| file.text_of(*n) == "conn.getTable(n)")
            .expect("acquisition");
        let trace = trace(&file, acquisition);
        assert_eq!(trace.fate, Fate::FieldNeverClosed);
        let holder = trace.holder.expect("holder");
        assert!(holder.is_field);
        assert_eq!(file.text_of(holder.name), "table");
        // Stored in a field that `close()` closes: owned by the object.
        assert_eq!(
            traced_in(
                "private Table table;\nprivate void keep(Table t) { table = t; }\npublic void close() throws IOException { table.close(); }",
                "Table t = conn.getTable(n);\nkeep(t);"
            )
            .0,
            Fate::HandedOver
        );
        // Handed back by the method: the call's value is followed.
        let wrap = "private Table checked(Table t) { if (t == null) throw new IllegalStateException(); return t; }";
        assert_eq!(
            traced_in(wrap, "Table t = checked(conn.getTable(n));\nt.put(p);").0,
            Fate::Leaked
        );
        assert_eq!(
            traced_in(wrap, "checked(conn.getTable(n)).close();").0,
            Fate::ClosedImmediately
        );
        assert_eq!(
            traced_in(wrap, "return checked(conn.getTable(n));").0,
            Fate::Returned
        );
    }

    #[test]
    fn fields_passed_to_same_class_methods() {
        let release =
            "private void release(Table t) throws IOException { if (t != null) { t.close(); } }";
        assert_eq!(
            traced_in(
                &format!("private Table table;\npublic void close() throws IOException {{ release(table); }}\n{release}"),
                "table = conn.getTable(n);"
            )
            .0,
            Fate::FieldClosedInLifecycle
        );
        let (fate, _, passed_to) = traced_in(
            "private transient Table table;\npublic void invoke(String v, Context c) throws IOException { write(table, v); }\nprivate void write(Table t, String v) throws IOException { t.put(toPut(v)); }\npublic void close() { }",
            "table = conn.getTable(n);",
        );
        assert_eq!(
            (fate, passed_to.as_deref()),
            (Fate::FieldNeverClosed, Some("write(table, v)"))
        );
    }

    #[test]
    fn unclear_callees_are_unknown() {
        for (members, body) in [
            // Captured by a lambda in the callee.
            (
                "private void write(Table t) { pool.submit(() -> t.put(p)); }",
                "write(conn.getTable(n));",
            ),
            // The parameter is reassigned.
            (
                "private void write(Table t) { t = other(); t.put(p); }",
                "write(conn.getTable(n));",
            ),
            // A method that reaches itself again.
            (
                "private void write(Table t) { if (more()) { write(t); } t.get(g); }",
                "write(conn.getTable(n));",
            ),
        ] {
            assert_eq!(
                traced_in(members, body).0,
                Fate::Unknown,
                "{members} / {body}"
            );
        }
        // A chain longer than the depth bound.
        let chain: String = numbered(8, |i| {
            format!("private void m{i}(Table t) {{ m{}(t); }}\n", i + 1)
        });
        let members = format!("{chain}private void m8(Table t) {{ t.close(); }}");
        assert_eq!(
            traced_in(&members, "m0(conn.getTable(n));").0,
            Fate::Unknown
        );
        assert_eq!(
            traced_in(&members, "m6(conn.getTable(n));").0,
            Fate::ClosedImmediately
        );
    }

    #[test]
    fn a_method_is_analysed_once_per_file() {
        let calls: String = numbered(20, |i| {
            format!("void run{i}() {{ Table t = conn.getTable(n); write(t); }}\n")
        });
        let src = format!("class Job {{\n{calls}private void write(Table t) {{ t.get(g); }}\n}}");
        let file = JavaFile::parse(&src).expect("parses");
        let acquisitions: Vec<Node<'_>> = file
            .nodes_of_kind("method_invocation")
            .filter(|n| file.text_of(*n) == "conn.getTable(n)")
            .collect();
        assert_eq!(acquisitions.len(), 20);
        for acquisition in acquisitions {
            assert_eq!(track(&file, acquisition), Fate::Leaked);
        }
        assert_eq!(file.lifetimes.analyses(), 1);
    }

    #[test]
    fn following_calls_is_bounded() {
        // Many helpers: past the file's budget, calls are hand-overs, and it stays quick.
        let count = 2_000;
        let helpers = numbered(count, |i| {
            format!(
                "private void w{i}(Table t) {{ t.get(g); }}\nvoid r{i}() {{ w{i}(conn.getTable(n)); }}\n"
            )
        });
        let src = format!("class Job {{\n{helpers}}}");
        let file = JavaFile::parse(&src).expect("parses");
        let fates: Vec<Fate> = file
            .nodes_of_kind("method_invocation")
            .filter(|n| file.text_of(*n) == "conn.getTable(n)")
            .map(|n| track(&file, n))
            .collect();
        assert_eq!(fates.len(), count);
        assert!(file.lifetimes.analyses() <= callee::MAX_ANALYSES);
        assert_eq!(fates.first(), Some(&Fate::Leaked));
        assert_eq!(fates.last(), Some(&Fate::HandedOver));
        // A long chain of helpers: bounded depth, no overflow.
        let chain: String = numbered(3_000, |i| {
            format!("private void m{i}(Table t) {{ m{}(t); }}\n", i + 1)
        });
        let src = format!("class Job {{\n{chain}void run() {{ m0(conn.getTable(n)); }}\n}}");
        assert_eq!(traced(&src).0, Fate::Unknown);
        // Much code between acquisition and close: the search gives up quietly.
        // Each statement is several nodes: the search stops long before the close.
        let filler = "k = k + 1;\n".repeat(between::MAX_NODES / 4);
        let (fate, _, _) = traced_in(
            "",
            &format!("int k = 0;\nTable t = conn.getTable(n);\n{filler}t.close();"),
        );
        assert_eq!(fate, Fate::ClosedImmediately);
    }

    /// [`is_process_singleton`] for the first `getAdmin` call of `src`.
    fn singleton(src: &str) -> bool {
        let file = JavaFile::parse(src).expect("parses");
        let acquisition = file
            .nodes_of_kind("method_invocation")
            .find(|n| {
                n.child_by_field_name("name")
                    .is_some_and(|m| file.text_of(m) == "getAdmin")
            })
            .expect("an acquisition");
        let trace = trace(&file, acquisition);
        is_process_singleton(&file, acquisition, &trace)
    }

    #[test]
    fn process_lifetime_singletons() {
        let fields = "private static Connection conn;\nprivate static Admin admin;\n";
        let open = "conn = ConnectionFactory.createConnection(c);\nadmin = conn.getAdmin();";
        assert!(singleton(&format!(
            "class Util {{\n{fields}static {{ try {{ {open} }} catch (IOException e) {{ }} }}\nstatic void create(TableDescriptor d) throws IOException {{ admin.createTable(d); }}\n}}"
        )));
        assert!(singleton(
            "class Util {\nprivate static final Connection CONN = make();\nprivate static final Admin ADMIN = CONN.getAdmin();\n}"
        ));
        assert!(singleton(
            "class Util {\nprivate static final Connection CONN = make();\nprivate static final Admin ADMIN = Util.CONN.getAdmin();\n}"
        ));
        assert!(!singleton(
            "class Util {\nprivate static final Connection conn = make();\nprivate static final Admin ADMIN = Holder.conn.getAdmin();\n}"
        ));
        // The connection is closed somewhere: the admin should be closed with it.
        assert!(!singleton(&format!(
            "class Util {{\n{fields}static {{ {open} }}\npublic static void close() throws IOException {{ conn.close(); }}\n}}"
        )));
        // Not once per class load.
        assert!(!singleton(&format!(
            "class Util {{\n{fields}static void init() throws IOException {{ {open} }}\n}}"
        )));
        // Not static.
        assert!(!singleton(
            "class Util {\nprivate Connection conn;\nprivate Admin admin;\n{ admin = conn.getAdmin(); }\n}"
        ));
        assert!(!singleton(
            "class Util {\nprivate Connection conn;\nprivate static Admin admin;\nstatic { admin = conn.getAdmin(); }\n}"
        ));
        // From a connection that is not a field of the class.
        assert!(!singleton(
            "class Util {\nprivate static Admin admin;\nstatic { admin = Holder.conn.getAdmin(); }\n}"
        ));
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
        let invoke = "import org.apache.flink.streaming.api.functions.sink.SinkFunction;\nclass S { public void invoke(String v, Context c) { Connection x = ConnectionFactory.createConnection(conf); } }";
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
        let async_ = "import org.apache.flink.streaming.api.functions.async.AsyncFunction;\nclass S { public void asyncInvoke(String v, ResultFuture<String> f) { CompletableFuture.supplyAsync(() -> ConnectionFactory.createConnection(conf)); } }";
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
