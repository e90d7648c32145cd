//! What a rule may learn about the project around the file it checks: target versions, the
//! configuration files beside it, and facts about the Java sources it refers to.
//!
//! The engine answers through [`crate::project::Projects`], which reads every such file at most
//! once per run, lazily, the first time a rule asks. A rule checking a file alone (a unit test,
//! standard input) gets [`Isolated`]: versions as given, no neighbours.

use std::sync::Arc;

use bdl_core::{FileKind, LineCol, LineIndex, Product, Span, Target, TargetLookup};

use crate::build::BuildFile;
use crate::config::{ConfigFile, Entry};
use crate::java::facts::JavaFacts;

/// The project around one checked file.
pub trait ProjectView: TargetLookup {
    /// The configuration file `name` (a plain file name such as `core-site.xml`) in the checked
    /// file's directory, parsed as `kind`; `None` when there is none, it is the checked file
    /// itself, or it cannot be read (not a regular file, a link, too large).
    fn sibling(&self, name: &str, kind: FileKind) -> Option<Arc<Sibling>>;

    /// The facts of the Java source files at `relative` (slash-separated, such as
    /// `com/acme/HBaseUtils.java`) under the source roots of the checked file, whose package is
    /// `package`: its own root, then the same layout in the other modules of its build. More
    /// than one answer means the name is ambiguous.
    fn java_sources(&self, package: &str, relative: &str) -> Vec<Arc<JavaFacts>>;

    /// The checked build file (`kind` a build kind, `text` its content) with its dependencies
    /// resolved as far as the project allows. Alone, references resolve within the file.
    fn build_file<'t>(&self, kind: FileKind, text: &'t str) -> BuildFile<'t> {
        BuildFile::parse(kind, text)
    }
}

/// A file checked on its own: the given target versions, and no neighbours.
pub struct Isolated<'a>(pub &'a dyn TargetLookup);

impl TargetLookup for Isolated<'_> {
    fn target(&self, product: Product) -> Option<&Target> {
        self.0.target(product)
    }
}

impl ProjectView for Isolated<'_> {
    fn sibling(&self, _name: &str, _kind: FileKind) -> Option<Arc<Sibling>> {
        None
    }

    fn java_sources(&self, _package: &str, _relative: &str) -> Vec<Arc<JavaFacts>> {
        Vec::new()
    }
}

/// The view of a model nobody gave a project to.
pub(crate) static NOWHERE: Nowhere = Nowhere;

/// No versions, no neighbours.
pub(crate) struct Nowhere;

impl TargetLookup for Nowhere {
    fn target(&self, _product: Product) -> Option<&Target> {
        None
    }
}

impl ProjectView for Nowhere {
    fn sibling(&self, _name: &str, _kind: FileKind) -> Option<Arc<Sibling>> {
        None
    }

    fn java_sources(&self, _package: &str, _relative: &str) -> Vec<Arc<JavaFacts>> {
        Vec::new()
    }
}

/// A configuration file read because a rule asked about the file beside it.
#[derive(Debug)]
pub struct Sibling {
    /// The file name, as asked for.
    pub name: String,
    pub kind: FileKind,
    text: String,
    index: LineIndex,
    /// The entries, as [`ConfigFile::entries`] would hold them.
    pub entries: Vec<Entry>,
}

impl Sibling {
    /// Parses `text` (the content of the file `name`) as `kind`.
    pub fn parse(name: &str, kind: FileKind, text: String) -> Self {
        let entries = ConfigFile::parse(kind, &text).entries;
        let index = LineIndex::new(&text);
        Self {
            name: name.to_owned(),
            kind,
            text,
            index,
            entries,
        }
    }

    /// The line and column of `span`'s start, for messages that point into this file.
    pub fn line_col(&self, span: Span) -> LineCol {
        self.index.line_col(&self.text, span.start)
    }

    /// The entry that takes effect for `key`, with [`ConfigFile::get`]'s rules.
    pub fn get(&self, key: &str) -> Option<&Entry> {
        crate::config::effective(&self.entries, key)
    }
}
