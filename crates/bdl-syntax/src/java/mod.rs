//! Java sources through tree-sitter-java, and the analysis helpers every Java rule shares.
//!
//! tree-sitter gives syntax, not types. The helpers make rules precise anyway: constant and
//! duration folding ([`fold`]), fluent call chains ([`chain`]), and resource lifetimes
//! ([`lifetime`]). Every walk here is iterative or depth-bounded, so a 10,000-level expression
//! cannot overflow the stack.

pub mod chain;
pub mod config;
pub mod fold;
pub mod lifetime;
pub mod scope;

use std::cell::RefCell;

use bdl_core::Span;
use tree_sitter::{Node, Parser, Tree, TreeCursor};

thread_local! {
    /// One parser per worker thread, reused for every file that thread parses.
    static PARSER: RefCell<Option<Parser>> = const { RefCell::new(None) };
}

/// A parsed Java compilation unit.
pub struct JavaFile<'a> {
    text: &'a str,
    tree: Tree,
    imports: Vec<String>,
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
        let tree = PARSER.with(|cell| {
            let mut slot = cell.borrow_mut();
            if slot.is_none() {
                let mut parser = Parser::new();
                parser
                    .set_language(&tree_sitter_java::LANGUAGE.into())
                    .ok()?;
                *slot = Some(parser);
            }
            slot.as_mut()?.parse(text, None)
        })?;
        let mut file = Self {
            text,
            tree,
            imports: Vec::new(),
        };
        file.imports = file.collect_imports();
        Some(file)
    }

    pub fn text(&self) -> &'a str {
        self.text
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
            || self.text.contains(fqn)
    }

    /// Whether any import starts with `prefix` (a package such as `org.apache.hadoop.hbase`).
    pub fn imports_from(&self, prefix: &str) -> bool {
        self.imports.iter().any(|i| i.starts_with(prefix)) || self.text.contains(prefix)
    }

    /// Every node in document order, walked iteratively.
    pub fn nodes(&self) -> Preorder<'_> {
        Preorder::new(self.root())
    }

    /// Every node of the given grammar kind (`method_invocation`, `object_creation_expression`).
    pub fn nodes_of_kind<'s>(&'s self, kind: &'s str) -> impl Iterator<Item = Node<'s>> + 's {
        self.nodes().filter(move |n| n.kind() == kind)
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

/// The nearest ancestor of `node` (excluding itself) whose kind is one of `kinds`.
pub fn ancestor<'t>(node: Node<'t>, kinds: &[&str]) -> Option<Node<'t>> {
    let mut current = node.parent();
    while let Some(n) = current {
        if kinds.contains(&n.kind()) {
            return Some(n);
        }
        current = n.parent();
    }
    None
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
}
