//! Java sources through tree-sitter-java, and the analysis helpers every Java rule shares.
//!
//! tree-sitter gives syntax, not types. The helpers make rules precise anyway: constant and
//! duration folding ([`fold`]), fluent call chains ([`chain`]), and resource lifetimes
//! ([`lifetime`]). Every walk here is iterative or depth-bounded, so a 10,000-level expression
//! cannot overflow the stack.

pub mod chain;
pub mod config;
pub mod facts;
pub mod fold;
pub mod imports;
pub mod lifetime;
pub mod per_record;
pub mod scope;

use std::borrow::Cow;
use std::cell::{OnceCell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use bdl_core::Span;
use tree_sitter::{Language, Node, Parser, Tree, TreeCursor};

use crate::view::{NOWHERE, ProjectView};

thread_local! {
    /// One parser per worker thread, reused for every file that thread parses.
    static PARSER: RefCell<Option<Parser>> = const { RefCell::new(None) };
    /// Grammar ids of the node kinds asked for so far: `[named, anonymous]`, 0 when the
    /// grammar has no such kind.
    static KIND_IDS: RefCell<HashMap<String, [u16; 2]>> = RefCell::new(HashMap::new());
}

/// A parsed Java compilation unit.
pub struct JavaFile<'a> {
    text: &'a str,
    tree: Tree,
    imports: Vec<String>,
    /// For every grammar id, the pre-order indices of the nodes of that kind. Built by one
    /// walk on the first [`JavaFile::nodes_of_kind`] call, so that the rules and helpers that
    /// each look for their kinds share one walk instead of walking the whole tree each time.
    by_kind: OnceCell<Vec<Vec<u32>>>,
    /// Per method-like body (by node id), the locals and parameters it declares, by name: built
    /// on the first lookup in that body, so that resolving many names in one long method walks
    /// it once, not once per name (see [`scope::resolve`]).
    locals: RefCell<HashMap<usize, Rc<scope::BodyLocals<'a>>>>,
    /// Per class body (by node id), the fields it declares: each name with the start byte of
    /// its first declaration (see [`scope::field_named`]).
    fields: RefCell<HashMap<usize, Rc<HashMap<&'a str, usize>>>>,
    /// Per class body (by node id), the return types its methods are declared with, by method
    /// name (see [`scope::own_method_returns`]).
    methods: RefCell<HashMap<usize, Rc<scope::MethodReturns<'a>>>>,
    /// Per scope node (by id), the plain names assigned or incremented anywhere below it (see
    /// [`scope::never_reassigned`]).
    assigned: RefCell<HashMap<usize, Rc<HashSet<&'a str>>>>,
    /// Pre-order indices of the identifiers with their start bytes, by their text: uses of one
    /// name without a walk, and those within a range without visiting the others.
    identifiers: OnceCell<HashMap<&'a str, Vec<(u32, u32)>>>,
    /// Whether the text contains a string, by string (see [`JavaFile::mentions`]).
    mentioned: RefCell<HashMap<Box<str>, bool>>,
    /// The values of the constants folded so far, and what is left of the file's folding
    /// budget (see [`fold`]).
    fold: fold::Cache,
    /// The declared package, found on first use.
    package: OnceCell<String>,
    /// The project around the file: other files' classes and constants (see [`facts`]).
    project: &'a dyn ProjectView,
    /// What the methods of the file's classes do with their parameters, as far as resource
    /// lifetimes have asked (see [`lifetime`]).
    lifetimes: lifetime::Cache,
}

impl std::fmt::Debug for JavaFile<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JavaFile")
            .field("imports", &self.imports)
            .finish_non_exhaustive()
    }
}

impl<'a> JavaFile<'a> {
    /// Parses `text`. tree-sitter recovers from syntax errors, so this returns a tree for any
    /// input; `None` only if the grammar cannot be loaded.
    pub fn parse(text: &'a str) -> Option<Self> {
        // tree-sitter-java ends a `//` comment only at `\n`: with old-Mac lone `\r` line ends
        // the rest of the file would be one comment. Parse a copy with each lone `\r` turned
        // into `\n`; it has the same length, so every byte offset stays valid for `text`.
        let normalized = has_lone_cr(text).then(|| {
            let bytes = text.as_bytes();
            text.char_indices()
                .map(|(i, c)| {
                    if c == '\r' && bytes.get(i + 1) != Some(&b'\n') {
                        '\n'
                    } else {
                        c
                    }
                })
                .collect::<String>()
        });
        let source = normalized.as_deref().unwrap_or(text);
        let tree = PARSER.with(|cell| {
            let mut slot = cell.borrow_mut();
            if slot.is_none() {
                let mut parser = Parser::new();
                parser
                    .set_language(&tree_sitter_java::LANGUAGE.into())
                    .ok()?;
                *slot = Some(parser);
            }
            slot.as_mut()?.parse(source, None)
        })?;
        let mut file = Self {
            text,
            tree,
            imports: Vec::new(),
            by_kind: OnceCell::new(),
            locals: RefCell::default(),
            fields: RefCell::default(),
            methods: RefCell::default(),
            assigned: RefCell::default(),
            identifiers: OnceCell::new(),
            mentioned: RefCell::default(),
            fold: fold::Cache::new(text.len()),
            package: OnceCell::new(),
            project: &NOWHERE,
            lifetimes: lifetime::Cache::default(),
        };
        file.imports = file.collect_imports();
        Some(file)
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The same file, seen in `project`: its classes in other files and target versions.
    #[must_use]
    pub fn in_project(mut self, project: &'a dyn ProjectView) -> Self {
        self.project = project;
        self
    }

    /// The project around the file (see [`ProjectView`]); nothing around it when the file was
    /// parsed on its own.
    pub fn project(&self) -> &'a dyn ProjectView {
        self.project
    }

    /// The declared package (`com.acme.jobs`), empty for the default package.
    pub fn package_name(&self) -> &str {
        self.package.get_or_init(|| {
            let root = self.root();
            let mut cursor = root.walk();
            let found = root
                .named_children(&mut cursor)
                .find(|n| n.kind() == "package_declaration")
                .and_then(|n| {
                    let mut inner = n.walk();
                    n.named_children(&mut inner)
                        .find(|c| matches!(c.kind(), "scoped_identifier" | "identifier"))
                })
                .map(|n| {
                    self.text_of(n)
                        .chars()
                        .filter(|c| !c.is_whitespace())
                        .collect::<String>()
                });
            found.unwrap_or_default()
        })
    }

    pub fn root(&self) -> Node<'_> {
        self.tree.root_node()
    }

    /// The source text of `node` (empty if the node's range is not valid UTF-8 boundaries).
    pub fn text_of(&self, node: Node<'_>) -> &'a str {
        self.text.get(node.byte_range()).unwrap_or("")
    }

    pub fn span_of(node: Node<'_>) -> Span {
        Span::new(node.start_byte(), node.end_byte())
    }

    /// Fully qualified names of the single-type and on-demand imports (`a.b.C`, `a.b.*`).
    pub fn imports(&self) -> &[String] {
        &self.imports
    }

    /// Whether the simple name used in this file refers to `fqn`: imported by name, imported
    /// on demand from its package, or written fully qualified somewhere in the file.
    pub fn refers_to(&self, fqn: &str) -> bool {
        let Some((package, _)) = fqn.rsplit_once('.') else {
            return false;
        };
        self.imports
            .iter()
            .any(|i| i == fqn || i.strip_suffix(".*") == Some(package))
            || self.mentions(fqn)
    }

    /// Whether any import starts with `prefix` (a package such as `org.apache.hadoop.hbase`).
    pub fn imports_from(&self, prefix: &str) -> bool {
        self.imports.iter().any(|i| i.starts_with(prefix)) || self.mentions(prefix)
    }

    /// Whether the text contains `needle` anywhere. Each needle is searched for once per file:
    /// rules ask per node (is this type Flink's?), and a search per question made a large
    /// file cost its size times its nodes.
    pub fn mentions(&self, needle: &str) -> bool {
        if let Some(found) = self.mentioned.borrow().get(needle) {
            return *found;
        }
        let found = self.text.contains(needle);
        self.mentioned.borrow_mut().insert(needle.into(), found);
        found
    }

    /// Every node in document order, walked iteratively.
    pub fn nodes(&self) -> Preorder<'_> {
        Preorder::new(self.root())
    }

    /// Every node of the given grammar kind (`method_invocation`, `object_creation_expression`),
    /// in document order.
    pub fn nodes_of_kind<'s>(&'s self, kind: &'s str) -> impl Iterator<Item = Node<'s>> + 's {
        let (indices, slow) = match self.indices_of_kind(kind) {
            Some(indices) => (indices, None),
            None => (
                Cow::Borrowed(&[][..]),
                Some(self.nodes().filter(move |n| n.kind() == kind)),
            ),
        };
        Descendants {
            cursor: self.root().walk(),
            indices,
            next: 0,
        }
        .chain(slow.into_iter().flatten())
    }

    /// The pre-order indices of the nodes of `kind`, named or anonymous, in document order;
    /// `None` for a kind the index does not cover (`ERROR`, an id outside the grammar's table),
    /// which is looked for the slow way.
    fn indices_of_kind(&self, kind: &str) -> Option<Cow<'_, [u32]>> {
        let [named, anonymous] = self.kind_ids(kind);
        let index = self.by_kind.get_or_init(|| self.index_kinds());
        let list = |id: u16| index.get(usize::from(id)).map(Vec::as_slice);
        match (list(named), list(anonymous)) {
            (Some(a), Some(b)) if !a.is_empty() && !b.is_empty() => {
                let mut both = [a, b].concat();
                both.sort_unstable();
                Some(Cow::Owned(both))
            }
            (Some(a), Some(b)) => Some(Cow::Borrowed(if a.is_empty() { b } else { a })),
            _ => None,
        }
    }

    /// Every identifier spelled `name`, in document order.
    pub fn identifiers_named<'s>(&'s self, name: &str) -> impl Iterator<Item = Node<'s>> + 's {
        self.identifiers_named_in(name, 0..usize::MAX)
    }

    /// Every identifier spelled `name` that starts within the byte range `within`, in document
    /// order. Identifiers outside the range cost a comparison, not a node.
    pub fn identifiers_named_in<'s>(
        &'s self,
        name: &str,
        within: std::ops::Range<usize>,
    ) -> impl Iterator<Item = Node<'s>> + 's {
        let by_name = self.identifiers.get_or_init(|| {
            let mut cursor = self.root().walk();
            let mut by_name: HashMap<&'a str, Vec<(u32, u32)>> = HashMap::new();
            for &at in self
                .indices_of_kind("identifier")
                .unwrap_or_default()
                .iter()
            {
                cursor.goto_descendant(at as usize);
                let node = cursor.node();
                let start = u32::try_from(node.start_byte()).unwrap_or(u32::MAX);
                by_name
                    .entry(self.text_of(node))
                    .or_default()
                    .push((at, start));
            }
            by_name
        });
        let all = by_name.get(name).map_or(&[][..], Vec::as_slice);
        // Document order is start order: the range is one slice of the list.
        let byte = |b: usize| u32::try_from(b).unwrap_or(u32::MAX);
        let first = all.partition_point(|(_, start)| *start < byte(within.start));
        let last = all.partition_point(|(_, start)| *start < byte(within.end));
        let indices: Vec<u32> = all
            .get(first..last)
            .unwrap_or_default()
            .iter()
            .map(|(at, _)| *at)
            .collect();
        Descendants {
            cursor: self.root().walk(),
            indices: Cow::Owned(indices),
            next: 0,
        }
    }

    /// The grammar ids of `kind`, named and anonymous.
    fn kind_ids(&self, kind: &str) -> [u16; 2] {
        kind_ids(&self.tree.language(), kind)
    }

    /// One pre-order walk recording each node's index under its grammar id.
    fn index_kinds(&self) -> Vec<Vec<u32>> {
        let mut index: Vec<Vec<u32>> = vec![Vec::new(); self.tree.language().node_kind_count()];
        let mut cursor = self.root().walk();
        let mut at = 0u32;
        loop {
            if let Some(list) = index.get_mut(usize::from(cursor.node().kind_id())) {
                list.push(at);
            }
            at += 1;
            if cursor.goto_first_child() || cursor.goto_next_sibling() {
                continue;
            }
            loop {
                if !cursor.goto_parent() {
                    return index;
                }
                if cursor.goto_next_sibling() {
                    break;
                }
            }
        }
    }

    fn collect_imports(&self) -> Vec<String> {
        let root = self.root();
        let mut cursor = root.walk();
        root.named_children(&mut cursor)
            .filter(|n| n.kind() == "import_declaration")
            .map(|n| {
                let text = self.text_of(n);
                let body = text
                    .trim_start_matches("import")
                    .trim()
                    .trim_end_matches(';')
                    .trim();
                let body = body.strip_prefix("static ").unwrap_or(body);
                body.chars().filter(|c| !c.is_whitespace()).collect()
            })
            .collect()
    }
}

/// The value cached in `cell` under `key` (a node id), built by `build` on first use.
pub(crate) fn cached<T>(
    cell: &RefCell<HashMap<usize, Rc<T>>>,
    key: usize,
    build: impl FnOnce() -> T,
) -> Rc<T> {
    if let Some(value) = cell.borrow().get(&key) {
        return Rc::clone(value);
    }
    let value = Rc::new(build());
    cell.borrow_mut().insert(key, Rc::clone(&value));
    value
}

/// The grammar ids of `kind`, named and anonymous (0 when the grammar has no such kind),
/// cached per thread: the lookup scans the grammar's symbol table.
fn kind_ids(language: &Language, kind: &str) -> [u16; 2] {
    KIND_IDS.with(|cell| {
        if let Some(ids) = cell.borrow().get(kind) {
            return *ids;
        }
        let ids = [
            language.id_for_node_kind(kind, true),
            language.id_for_node_kind(kind, false),
        ];
        cell.borrow_mut().insert(kind.to_owned(), ids);
        ids
    })
}

/// A few node kinds, compared by grammar id: cheaper than [`Node::kind`], which measures and
/// checks the kind's name on every call.
#[derive(Clone, Debug)]
pub(crate) struct KindSet {
    ids: Vec<u16>,
}

impl KindSet {
    pub(crate) fn new(node: Node<'_>, kinds: &[&str]) -> Self {
        let language = node.language();
        let ids = kinds
            .iter()
            .flat_map(|kind| kind_ids(&language, kind))
            .filter(|id| *id != 0)
            .collect();
        Self { ids }
    }

    pub(crate) fn contains(&self, node: Node<'_>) -> bool {
        self.ids.contains(&node.kind_id())
    }
}

/// The nodes at the given pre-order indices, in that order.
struct Descendants<'t> {
    cursor: TreeCursor<'t>,
    indices: Cow<'t, [u32]>,
    next: usize,
}

impl<'t> Iterator for Descendants<'t> {
    type Item = Node<'t>;

    fn next(&mut self) -> Option<Node<'t>> {
        let index = *self.indices.get(self.next)?;
        self.next += 1;
        self.cursor.goto_descendant(index as usize);
        Some(self.cursor.node())
    }
}

/// Whether `text` has a `\r` that is not followed by `\n`.
fn has_lone_cr(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes
        .iter()
        .enumerate()
        .any(|(i, b)| *b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
}

/// An iterative pre-order walk over a subtree.
pub struct Preorder<'t> {
    cursor: TreeCursor<'t>,
    done: bool,
}

impl<'t> Preorder<'t> {
    pub fn new(root: Node<'t>) -> Self {
        Self {
            cursor: root.walk(),
            done: false,
        }
    }
}

impl<'t> Iterator for Preorder<'t> {
    type Item = Node<'t>;

    fn next(&mut self) -> Option<Node<'t>> {
        if self.done {
            return None;
        }
        let node = self.cursor.node();
        if !self.cursor.goto_first_child() {
            loop {
                if self.cursor.goto_next_sibling() {
                    break;
                }
                if !self.cursor.goto_parent() {
                    self.done = true;
                    break;
                }
            }
        }
        Some(node)
    }
}

/// The ancestors of `node` below `root`, outermost first (`root` included, `node` not).
///
/// Found by walking down from `root` once: tree-sitter nodes do not store their parent, and
/// `Node::parent` itself walks down from the root, so climbing with it costs the square of the
/// depth, which a 10,000-level generated file turns into minutes.
pub fn ancestors<'t>(root: Node<'t>, node: Node<'t>) -> Vec<Node<'t>> {
    let mut path = Vec::new();
    let mut current = root;
    while current.id() != node.id() {
        path.push(current);
        match current.child_with_descendant(node) {
            Some(child) => current = child,
            None => return Vec::new(),
        }
    }
    path
}

/// The nearest ancestor of `node` (excluding itself) whose kind is one of `kinds`; `root` is
/// the root of the tree (`file.root()`).
pub fn ancestor<'t>(root: Node<'t>, node: Node<'t>, kinds: &[&str]) -> Option<Node<'t>> {
    let mut found = None;
    let mut current = root;
    while current.id() != node.id() {
        if kinds.contains(&current.kind()) {
            found = Some(current);
        }
        current = current.child_with_descendant(node)?;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_lists_imports() {
        let src = "package p;\nimport org.apache.flink.api.common.time.Time;\nimport static java.util.concurrent.TimeUnit.*;\nimport org.apache.hadoop.hbase.client.*;\nclass A {}";
        let file = JavaFile::parse(src).expect("parses");
        assert_eq!(
            file.imports(),
            [
                "org.apache.flink.api.common.time.Time",
                "java.util.concurrent.TimeUnit.*",
                "org.apache.hadoop.hbase.client.*"
            ]
        );
        assert!(file.refers_to("org.apache.hadoop.hbase.client.Table"));
        assert!(file.refers_to("org.apache.flink.api.common.time.Time"));
        assert!(!file.refers_to("redis.clients.jedis.JedisPool"));
    }

    #[test]
    fn preorder_visits_every_node_without_recursion() {
        let depth = 10_000;
        let src = format!(
            "class A {{ int x = {}1{}; }}",
            "(".repeat(depth),
            ")".repeat(depth)
        );
        let file = JavaFile::parse(&src).expect("parses");
        let count = file.nodes().count();
        assert!(count > depth, "{count}");
        assert_eq!(file.nodes_of_kind("class_declaration").count(), 1);
    }

    #[test]
    fn nodes_of_kind_matches_a_filtered_walk() {
        let src = "package p;\nimport a.b.C;\n@Deprecated\nclass A<T> extends B implements I {\n\
            int x = f(g(1), \"s\" + 'c');\n\
            void m() { for (var e : list) { e.call(() -> h(e)); } this.y = new D<>(x) { }; }\n\
            enum E { X, Y } record R(int a) {} interface J { default void k() {} }\n\
            void broken( { int = ; }\n\
        }\n";
        let file = JavaFile::parse(src).expect("parses");
        let mut kinds: Vec<&str> = file.nodes().map(|n| n.kind()).collect();
        kinds.extend(["no_such_kind", "ERROR", "class", "(", "identifier"]);
        kinds.sort_unstable();
        kinds.dedup();
        for kind in kinds {
            let walked: Vec<usize> = file
                .nodes()
                .filter(|n| n.kind() == kind)
                .map(|n| n.id())
                .collect();
            let indexed: Vec<usize> = file.nodes_of_kind(kind).map(|n| n.id()).collect();
            assert_eq!(indexed, walked, "{kind}");
            // Asked twice: the index is reused.
            assert_eq!(file.nodes_of_kind(kind).count(), walked.len(), "{kind}");
        }
        assert!(file.nodes_of_kind("ERROR").count() > 0);
    }
}
