//! Target versions from a Maven module: its `pom.xml` and the parent poms on disk.
//!
//! Read from each pom, by element path under `<project>` (profiles and plugins are not read):
//! the coordinates, `<parent>`, `<properties>`, and the `<dependencies>` and
//! `<dependencyManagement>` entries of the artifacts that carry a product's version
//! ([`super::artifacts`]). The XML is read by quick-xml as a stream: no DTD is read and no
//! entity expanded; a value that uses any reference other than the predefined entities and
//! character references is unknown. A pom that is not well-formed gives nothing.
//!
//! `${name}` is resolved the way Maven interpolates the effective model: from the module's
//! properties, then its parents' (the nearest wins), and `project.version` /
//! `project.parent.version`; recursively, at most [`MAX_DEPTH`] levels and [`MAX_LOOKUPS`]
//! look-ups per value, into at most [`MAX_VALUE_LEN`] bytes. Anything else (`${env.X}`, a
//! property of a parent that is not on disk, a cycle) makes the value unknown.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use bdl_core::{Product, Span, Target, TargetSource, Targets, Version};
use quick_xml::Reader;
use quick_xml::events::Event;

use super::artifacts::{Rank, product_of, product_of_name};
use super::{Parsed, Projects};
use crate::build::{self, Declared};
use crate::config::xml::resolve_reference;

/// How many parents are followed on disk.
pub(super) const MAX_PARENTS: usize = 16;
/// Nesting of `${…}` references.
const MAX_DEPTH: u32 = 16;
/// Property look-ups while resolving one value (bounds `${a}${a}…` fan-out).
const MAX_LOOKUPS: u32 = 256;
/// A resolved value longer than this is not a version.
const MAX_VALUE_LEN: usize = 256;
/// Properties kept per pom, and the longest value kept; real poms stay far below.
const MAX_PROPERTIES: usize = 4096;
const MAX_TEXT: usize = 4096;
/// Dependencies kept per pom, in each of `<dependencies>` and `<dependencyManagement>`.
const MAX_DEPENDENCIES: usize = build::MAX_DEPENDENCIES;

/// What one pom says, before inheritance.
#[derive(Debug, Default)]
pub(super) struct Pom {
    group_id: Option<String>,
    artifact_id: Option<String>,
    version: Option<String>,
    parent: Option<Parent>,
    /// `None` for a property whose value cannot be read (it uses an undeclared entity): it
    /// still hides a parent's property of the same name.
    properties: BTreeMap<String, Option<String>>,
    /// `<dependencies>`, in file order.
    dependencies: Vec<Dependency>,
    /// `<dependencyManagement>` entries, in file order.
    managed: Vec<Dependency>,
}

#[derive(Debug, Default)]
struct Parent {
    group_id: Option<String>,
    artifact_id: Option<String>,
    version: Option<String>,
    /// `None`: not given (Maven's default `../pom.xml`); `Some("")`: `<relativePath/>`, look
    /// in the repository only.
    relative_path: Option<String>,
}

#[derive(Debug, Default)]
struct Dependency {
    group_id: Option<String>,
    artifact_id: Option<String>,
    version: Option<String>,
    /// The text of `<version>` and of `<artifactId>` in the pom (trimmed).
    version_span: Option<Span>,
    artifact_span: Option<Span>,
}

impl Dependency {
    fn known(&self) -> Option<(Product, Rank)> {
        product_of(self.group_id.as_deref()?, self.artifact_id.as_deref()?)
    }

    fn coordinates(&self) -> String {
        format!(
            "{}:{}",
            self.group_id.as_deref().unwrap_or_default(),
            self.artifact_id.as_deref().unwrap_or_default()
        )
    }
}

/// The element whose text is being read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    GroupId,
    ArtifactId,
    Version,
    RelativePath,
    Property,
}

/// Where a text field belongs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Owner {
    Project,
    Parent,
    Properties,
    Dependency,
}

struct Capture {
    owner: Owner,
    field: Field,
    /// The property name, for [`Field::Property`].
    name: String,
    /// The depth of the element being read.
    depth: usize,
    /// Where the element's content starts in the pom.
    start: usize,
    text: String,
    /// A child element, an undeclared entity or too much text: the value is unknown.
    spoiled: bool,
}

/// Reading state: the open elements down to the depth where anything is read, the element
/// whose text is read, and the dependency being read.
#[derive(Default)]
struct State {
    pom: Pom,
    path: Vec<Vec<u8>>,
    depth: usize,
    capture: Option<Capture>,
    dependency: Option<Dependency>,
    root_seen: bool,
}

/// The deepest element read: `project/dependencyManagement/dependencies/dependency/version`.
const READ_DEPTH: usize = 5;

/// Reads the parts of a pom that matter. Never fails: what cannot be read is left out, and a
/// document that is not well-formed, or whose root is not `<project>`, gives an empty [`Pom`].
/// Memory is bounded by the text: only names down to [`READ_DEPTH`] are kept, so a pom nested
/// 10,000 levels deep costs a counter.
pub(super) fn parse(text: &str) -> Pom {
    let mut reader = Reader::from_str(text);
    let mut state = State::default();
    let offset = |position: u64| {
        usize::try_from(position)
            .unwrap_or(usize::MAX)
            .min(text.len())
    };
    loop {
        let before = offset(reader.buffer_position());
        let event = match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(event) => event,
            Err(_) => return Pom::default(),
        };
        let after = offset(reader.buffer_position());
        match event {
            Event::Start(start) => {
                if !state.start(start.local_name().as_ref(), after) {
                    return Pom::default();
                }
            }
            Event::Empty(start) => {
                if !state.start(start.local_name().as_ref(), after) {
                    return Pom::default();
                }
                state.end(text, after);
            }
            Event::End(_) => state.end(text, before),
            Event::Text(raw) => state.text(&String::from_utf8_lossy(&raw)),
            Event::CData(raw) => state.text(&String::from_utf8_lossy(&raw)),
            Event::GeneralRef(name) => {
                if let Some(capture) = &mut state.capture {
                    match resolve_reference(&String::from_utf8_lossy(&name)) {
                        Some(c) => push_text(capture, c.encode_utf8(&mut [0; 4])),
                        None => capture.spoiled = true,
                    }
                }
            }
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) | Event::Eof => {}
        }
    }
    if state.depth > 0 {
        // An element left open: not a pom Maven would read.
        return Pom::default();
    }
    state.pom
}

fn push_text(capture: &mut Capture, text: &str) {
    if capture.text.len() + text.len() > MAX_TEXT {
        capture.spoiled = true;
    } else {
        capture.text.push_str(text);
    }
}

impl State {
    /// A start tag whose content starts at `at`. `false` when the root element is not
    /// `<project>`, or a second one.
    fn start(&mut self, name: &[u8], at: usize) -> bool {
        if self.depth == 0 {
            if name != b"project" || self.root_seen {
                return false;
            }
            self.root_seen = true;
        }
        self.depth += 1;
        if let Some(capture) = &mut self.capture {
            capture.spoiled = true;
            return true;
        }
        if self.depth > READ_DEPTH {
            return true;
        }
        self.path.push(name.to_vec());
        let path: Vec<&[u8]> = self.path.iter().map(Vec::as_slice).collect();
        let (owner, field) = match path.as_slice() {
            [b"project", b"parent"] => {
                self.pom.parent = Some(Parent::default());
                return true;
            }
            [b"project", b"dependencies", b"dependency"]
            | [
                b"project",
                b"dependencyManagement",
                b"dependencies",
                b"dependency",
            ] => {
                self.dependency = Some(Dependency::default());
                return true;
            }
            [b"project", field] => (Owner::Project, coordinate(field)),
            [b"project", b"parent", b"relativePath"] => (Owner::Parent, Some(Field::RelativePath)),
            [b"project", b"parent", field] => (Owner::Parent, coordinate(field)),
            [b"project", b"properties", _] => (Owner::Properties, Some(Field::Property)),
            [b"project", b"dependencies", b"dependency", field]
            | [
                b"project",
                b"dependencyManagement",
                b"dependencies",
                b"dependency",
                field,
            ] => (Owner::Dependency, coordinate(field)),
            _ => return true,
        };
        if let Some(field) = field {
            self.capture = Some(Capture {
                owner,
                field,
                name: String::from_utf8_lossy(name).into_owned(),
                depth: self.depth,
                start: at,
                text: String::new(),
                spoiled: false,
            });
        }
        true
    }

    fn text(&mut self, text: &str) {
        if let Some(capture) = &mut self.capture {
            push_text(capture, text);
        }
    }

    /// An end tag at `at` (or the end of an empty element).
    fn end(&mut self, text: &str, at: usize) {
        if let Some(capture) = &self.capture {
            if capture.depth < self.depth {
                // A child of the element being read.
                self.depth -= 1;
                return;
            }
            if let Some(capture) = self.capture.take() {
                let span = trimmed(text, Span::new(capture.start, at));
                self.finish(capture, span);
            }
        }
        if self.path.len() == self.depth {
            let path: Vec<&[u8]> = self.path.iter().map(Vec::as_slice).collect();
            let managed = match path.as_slice() {
                [b"project", b"dependencies", b"dependency"] => Some(false),
                [
                    b"project",
                    b"dependencyManagement",
                    b"dependencies",
                    b"dependency",
                ] => Some(true),
                _ => None,
            };
            if let Some(managed) = managed
                && let Some(dependency) = self.dependency.take()
            {
                let list = if managed {
                    &mut self.pom.managed
                } else {
                    &mut self.pom.dependencies
                };
                if list.len() < MAX_DEPENDENCIES {
                    list.push(dependency);
                }
            }
            self.path.pop();
        }
        self.depth = self.depth.saturating_sub(1);
    }

    fn finish(&mut self, capture: Capture, span: Span) {
        let value = (!capture.spoiled).then(|| capture.text.trim().to_owned());
        if capture.owner == Owner::Properties {
            let properties = &mut self.pom.properties;
            if properties.len() < MAX_PROPERTIES || properties.contains_key(&capture.name) {
                // A repeated property: the last one wins, as in Maven.
                properties.insert(capture.name, value);
            }
            return;
        }
        // An unreadable coordinate is kept as an empty string: it is no version, and it must
        // not make Maven's defaults (the parent's version, a managed version) apply instead.
        let value = Some(value.unwrap_or_default());
        match capture.owner {
            Owner::Project => set(
                &mut self.pom.group_id,
                &mut self.pom.artifact_id,
                &mut self.pom.version,
                capture.field,
                value,
            ),
            Owner::Parent => {
                if let Some(parent) = &mut self.pom.parent {
                    if capture.field == Field::RelativePath {
                        parent.relative_path = value;
                    } else {
                        set(
                            &mut parent.group_id,
                            &mut parent.artifact_id,
                            &mut parent.version,
                            capture.field,
                            value,
                        );
                    }
                }
            }
            Owner::Dependency => {
                if let Some(d) = &mut self.dependency {
                    match capture.field {
                        Field::Version => d.version_span = Some(span),
                        Field::ArtifactId => d.artifact_span = Some(span),
                        _ => {}
                    }
                    set(
                        &mut d.group_id,
                        &mut d.artifact_id,
                        &mut d.version,
                        capture.field,
                        value,
                    );
                }
            }
            Owner::Properties => {}
        }
    }
}

/// `span` without the blanks at either end of its text.
fn trimmed(text: &str, span: Span) -> Span {
    let inner = span.slice(text);
    let lead = inner.len() - inner.trim_start().len();
    let start = span.start + lead;
    Span::new(start, start + inner.trim().len())
}

/// The coordinate a child element names.
fn coordinate(name: &[u8]) -> Option<Field> {
    match name {
        b"groupId" => Some(Field::GroupId),
        b"artifactId" => Some(Field::ArtifactId),
        b"version" => Some(Field::Version),
        _ => None,
    }
}

fn set(
    group_id: &mut Option<String>,
    artifact_id: &mut Option<String>,
    version: &mut Option<String>,
    field: Field,
    value: Option<String>,
) {
    match field {
        Field::GroupId => *group_id = value,
        Field::ArtifactId => *artifact_id = value,
        Field::Version => *version = value,
        Field::RelativePath | Field::Property => {}
    }
}

/// The targets of the Maven module whose pom is at `pom_path` (absolute). Parent poms are
/// followed on disk within `boundary`, when there is one.
pub(super) fn infer(projects: &Projects, pom_path: &Path, boundary: Option<&Path>) -> Targets {
    let Some(first) = projects.load(pom_path, super::Format::Pom) else {
        return Targets::NONE;
    };
    let chain = chain(Some(projects), pom_path, first, boundary);
    let model = Model::new(&chain, Some(projects));
    if model.poms.is_empty() {
        return Targets::NONE;
    }
    Targets::from_fn(|product| model.find(product))
}

/// The dependencies the pom `own` (at `pom_path`, absolute) declares, resolved against it
/// and, with `projects`, its parents on disk within `boundary`.
pub(super) fn dependencies(
    projects: Option<&Projects>,
    pom_path: &Path,
    own: Arc<Parsed>,
    boundary: Option<&Path>,
) -> Vec<build::Dependency> {
    let chain = chain(projects, pom_path, own, boundary);
    let model = Model::new(&chain, projects);
    let Some((_, pom)) = model.poms.first() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (list, declared) in [
        (&pom.managed, Declared::Managed),
        (&pom.dependencies, Declared::Dependencies),
    ] {
        for d in list {
            out.push(model.dependency(d, declared));
        }
    }
    out.sort_by_key(|d| d.span.start);
    out
}

/// The pom `first` at `pom_path` and its parents on disk (with `projects`), nearest first.
fn chain(
    projects: Option<&Projects>,
    pom_path: &Path,
    first: Arc<Parsed>,
    boundary: Option<&Path>,
) -> Vec<(PathBuf, Arc<Parsed>)> {
    let mut chain: Vec<(PathBuf, Arc<Parsed>)> = Vec::new();
    let mut next = Some((pom_path.to_path_buf(), Some(first)));
    while let Some((path, known)) = next.take() {
        let Some(parsed) =
            known.or_else(|| projects.and_then(|p| p.load(&path, super::Format::Pom)))
        else {
            break;
        };
        let Some(pom) = parsed.pom() else {
            break;
        };
        // The pom at the parent's path counts only if it is the parent the child names;
        // otherwise Maven takes the parent from a repository, which is not read here.
        if let Some((_, child)) = chain.last()
            && !child
                .pom()
                .and_then(|c| c.parent.as_ref())
                .is_some_and(|p| is_parent(p, pom))
        {
            break;
        }
        if chain.len() <= MAX_PARENTS && projects.is_some() {
            next = pom
                .parent
                .as_ref()
                .and_then(|parent| parent_path(&path, parent, boundary))
                .filter(|p| chain.iter().all(|(seen, _)| seen != p) && *p != path)
                .map(|p| (p, None));
        }
        chain.push((path, parsed));
    }
    chain
}

/// Whether `pom` is the parent `parent` names: the same artifact, and the same group when the
/// pom gives one (it may inherit it).
fn is_parent(parent: &Parent, pom: &Pom) -> bool {
    let group = pom
        .group_id
        .as_deref()
        .or_else(|| pom.parent.as_ref()?.group_id.as_deref());
    parent.artifact_id.is_some()
        && parent.artifact_id == pom.artifact_id
        && match (parent.group_id.as_deref(), group) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        }
}

/// Where the parent pom is on disk: `relativePath` (default `../pom.xml`; a directory means
/// its `pom.xml`), resolved against the child's directory without following `..` past the
/// root, and only inside `boundary`.
fn parent_path(child: &Path, parent: &Parent, boundary: Option<&Path>) -> Option<PathBuf> {
    let relative = parent
        .relative_path
        .as_deref()
        .unwrap_or("../pom.xml")
        .trim();
    if relative.is_empty() || Path::new(relative).has_root() {
        return None;
    }
    let mut path = normalize(&child.parent()?.join(relative))?;
    if path.is_dir() {
        path.push("pom.xml");
    }
    match boundary {
        Some(boundary) if !path.starts_with(boundary) => None,
        _ => Some(path),
    }
}

/// `a/b/../c` → `a/c`, lexically; `None` when `..` would climb above the root.
pub(super) fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            other => out.push(other),
        }
    }
    Some(out)
}

/// A module and its parents on disk, nearest first.
struct Model<'a> {
    poms: Vec<(&'a Path, &'a Pom)>,
    /// For showing paths; `None` for a pom read alone.
    projects: Option<&'a Projects>,
}

/// A resolved value, and the property it came from when it was exactly one `${name}`.
struct Resolved {
    value: String,
    /// (index of the pom that defines it, property name)
    property: Option<(usize, String)>,
}

impl<'a> Model<'a> {
    fn new(chain: &'a [(PathBuf, Arc<Parsed>)], projects: Option<&'a Projects>) -> Self {
        Self {
            poms: chain
                .iter()
                .filter_map(|(path, parsed)| Some((path.as_path(), parsed.pom()?)))
                .collect(),
            projects,
        }
    }

    /// `path` as shown in messages.
    fn display(&self, path: &Path) -> PathBuf {
        match self.projects {
            Some(projects) => projects.display(path),
            None => path.file_name().map_or_else(PathBuf::new, PathBuf::from),
        }
    }

    /// A dependency of the module's pom, its version resolved as Maven would.
    fn dependency(&self, d: &Dependency, declared: Declared) -> build::Dependency {
        let coordinates = d.coordinates();
        let (resolved, origin) = match &d.version {
            Some(version) => match self.resolve(version) {
                Some(r) => {
                    let origin = r
                        .property
                        .map(|(at, name)| self.origin(at, &format!("property {name}")));
                    (Some(r.value), origin)
                }
                None => (None, None),
            },
            None if declared == Declared::Dependencies => {
                match self
                    .managed_version(&coordinates)
                    .map(|(m, v)| (m, self.resolve(v)))
                {
                    Some((m, Some(r))) => {
                        let origin = match r.property {
                            Some((at, name)) => self.origin(at, &format!("property {name}")),
                            None => self.origin(m, "dependencyManagement"),
                        };
                        (Some(r.value), Some(origin))
                    }
                    _ => (None, None),
                }
            }
            None => (None, None),
        };
        build::Dependency {
            group: d.group_id.clone().unwrap_or_default(),
            artifact: d.artifact_id.clone().unwrap_or_default(),
            written: d.version.clone(),
            resolved: resolved.filter(|v| !v.is_empty()),
            origin,
            declared,
            span: d.version_span.or(d.artifact_span).unwrap_or_default(),
        }
    }

    /// `what`, with ` (path)` when pom `at` is a parent.
    fn origin(&self, at: usize, what: &str) -> String {
        match self.poms.get(at) {
            Some((path, _)) if at > 0 => format!("{what} ({})", self.display(path).display()),
            _ => what.to_owned(),
        }
    }

    fn find(&self, product: Product) -> Option<Target> {
        // 1. Dependencies of the product's artifacts, the core artifact first; a dependency
        //    without a version takes the managed one.
        let mut dependencies: Vec<(Rank, usize, usize, &Dependency)> = Vec::new();
        for (i, (_, pom)) in self.poms.iter().enumerate() {
            for (j, dependency) in pom.dependencies.iter().enumerate() {
                if let Some((p, rank)) = dependency.known()
                    && p == product
                {
                    dependencies.push((rank, i, j, dependency));
                }
            }
        }
        dependencies.sort_by_key(|(rank, i, j, _)| (*rank, *i, *j));
        for (_, i, _, dependency) in &dependencies {
            let coordinates = dependency.coordinates();
            let found = match &dependency.version {
                Some(version) => self.target(version, *i, format!("dependency {coordinates}")),
                None => self.managed_version(&coordinates).and_then(|(m, version)| {
                    self.target(version, m, format!("dependencyManagement {coordinates}"))
                }),
            };
            if found.is_some() {
                return found;
            }
        }
        // 2. A parent that is the product's (`spring-boot-starter-parent`), on disk or not.
        for (i, (_, pom)) in self.poms.iter().enumerate() {
            let Some(parent) = &pom.parent else { continue };
            let known = parent
                .group_id
                .as_deref()
                .zip(parent.artifact_id.as_deref())
                .and_then(|(g, a)| product_of(g, a));
            if let (Some((p, _)), Some(version)) = (known, &parent.version)
                && p == product
                && let Some(found) = self.target(
                    version,
                    i,
                    format!(
                        "parent {}:{}",
                        parent.group_id.as_deref().unwrap_or_default(),
                        parent.artifact_id.as_deref().unwrap_or_default()
                    ),
                )
            {
                return Some(found);
            }
        }
        // 3. Managed versions of the product's artifacts (a BOM import among them).
        let mut managed: Vec<(Rank, usize, usize, &Dependency)> = Vec::new();
        for (i, (_, pom)) in self.poms.iter().enumerate() {
            for (j, dependency) in pom.managed.iter().enumerate() {
                if let Some((p, rank)) = dependency.known()
                    && p == product
                {
                    managed.push((rank, i, j, dependency));
                }
            }
        }
        managed.sort_by_key(|(rank, i, j, _)| (*rank, *i, *j));
        for (_, i, _, dependency) in managed {
            if let Some(version) = &dependency.version
                && let Some(found) = self.target(
                    version,
                    i,
                    format!("dependencyManagement {}", dependency.coordinates()),
                )
            {
                return Some(found);
            }
        }
        // 4. A property named for the product (`flink.version`), as the module sees it.
        for (i, (_, pom)) in self.poms.iter().enumerate() {
            for name in pom.properties.keys() {
                if product_of_name(name) != Some(product)
                    || self.lookup(name).map(|(at, _)| at) != Some(i)
                {
                    continue;
                }
                if let Some(found) = self.target(&format!("${{{name}}}"), i, String::new()) {
                    return Some(found);
                }
            }
        }
        None
    }

    /// The managed version of `group:artifact`, nearest pom first: (pom index, version).
    fn managed_version(&self, coordinates: &str) -> Option<(usize, &str)> {
        self.poms.iter().enumerate().find_map(|(i, (_, pom))| {
            pom.managed
                .iter()
                .find(|m| m.coordinates() == coordinates)
                .and_then(|m| m.version.as_deref())
                .map(|v| (i, v))
        })
    }

    /// A target from `text` written in pom `at` as `what` (empty when `text` is a property
    /// reference that says it all).
    fn target(&self, text: &str, at: usize, what: String) -> Option<Target> {
        let resolved = self.resolve(text)?;
        let version = Version::parse(&resolved.value)?;
        let (at, what) = match resolved.property {
            Some((defined_at, name)) if what.is_empty() => (defined_at, format!("property {name}")),
            Some((defined_at, name)) => (defined_at, format!("property {name} ({what})")),
            None => (at, what),
        };
        let (path, _) = self.poms.get(at)?;
        Some(Target {
            version,
            text: resolved.value,
            source: TargetSource::BuildFile {
                path: self.display(path),
                what,
            },
        })
    }

    /// A property as the module sees it: (index of the pom that defines it, value). Unknown
    /// when the nearest definition cannot be read.
    fn lookup(&self, name: &str) -> Option<(usize, &str)> {
        let (_, module) = self.poms.first()?;
        let parent_version = || module.parent.as_ref().and_then(|p| p.version.as_deref());
        match name {
            "project.version" | "pom.version" | "version" => module
                .version
                .as_deref()
                .or_else(parent_version)
                .map(|v| (0, v)),
            "project.parent.version" | "parent.version" => parent_version().map(|v| (0, v)),
            _ => self.poms.iter().enumerate().find_map(|(i, (_, pom))| {
                pom.properties
                    .get(name)
                    .map(|v| v.as_deref().map(|v| (i, v)))
            })?,
        }
    }

    fn resolve(&self, text: &str) -> Option<Resolved> {
        let text = text.trim();
        let property = text
            .strip_prefix("${")
            .and_then(|rest| rest.strip_suffix('}'))
            .filter(|name| !name.contains(['$', '{', '}']))
            .and_then(|name| Some((self.lookup(name)?.0, name.to_owned())));
        let mut value = String::new();
        let mut lookups = 0;
        self.expand(text, 0, &mut lookups, &mut value)
            .then(|| Resolved {
                value: value.trim().to_owned(),
                property,
            })
    }

    /// Appends `text` with its references resolved to `out`; `false` when one cannot be.
    fn expand(&self, text: &str, depth: u32, lookups: &mut u32, out: &mut String) -> bool {
        if depth > MAX_DEPTH {
            return false;
        }
        let mut rest = text;
        while let Some(at) = rest.find("${") {
            out.push_str(&rest[..at]);
            let after = &rest[at + 2..];
            let Some(end) = after.find('}') else {
                return false;
            };
            *lookups += 1;
            if *lookups > MAX_LOOKUPS {
                return false;
            }
            let Some((_, value)) = self.lookup(&after[..end]) else {
                return false;
            };
            if !self.expand(value, depth + 1, lookups, out) || out.len() > MAX_VALUE_LEN {
                return false;
            }
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        out.len() <= MAX_VALUE_LEN
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_and_other_documents_give_nothing() {
        for text in [
            "",
            "not xml at all",
            "<configuration><properties><flink.version>1.20.0</flink.version></properties></configuration>",
            "<project><properties><flink.version>1.20.0</flink.version></properties>",
            "<project><properties><flink.version>1.20.0</flink.version></properties></project><project/>",
            "<project><a></b></project>",
            "\u{0}\u{feff}<<<>>>&&&",
        ] {
            let pom = parse(text);
            assert!(
                pom.properties.is_empty() && pom.parent.is_none(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn deep_nesting_costs_a_counter() {
        let depth = 10_000;
        let text = format!(
            "<project><properties><flink.version>1.20.0</flink.version></properties>{}{}</project>",
            "<a>".repeat(depth),
            "</a>".repeat(depth)
        );
        let pom = parse(&text);
        assert_eq!(
            pom.properties.get("flink.version"),
            Some(&Some("1.20.0".to_owned()))
        );
        // Nested inside a property, the value is no longer text.
        let text = format!(
            "<project><properties><flink.version>1.20.0{}{}</flink.version></properties></project>",
            "<a>".repeat(depth),
            "</a>".repeat(depth)
        );
        assert_eq!(parse(&text).properties.get("flink.version"), Some(&None));
    }

    #[test]
    fn version_and_artifact_spans_point_at_their_trimmed_text() {
        let text = "<project>\n<dependencies>\n  <dependency>\n    <groupId>org.apache.flink</groupId>\n    \
                    <artifactId> flink-connector-kafka </artifactId>\n    <version>\n      3.0.0-1.17\n    </version>\n  \
                    </dependency>\n  <dependency><groupId>g</groupId><artifactId>a</artifactId><version/></dependency>\n\
                    </dependencies>\n</project>\n";
        let pom = parse(text);
        let kafka = &pom.dependencies[0];
        assert_eq!(
            kafka.version_span.map(|s| s.slice(text)),
            Some("3.0.0-1.17")
        );
        assert_eq!(
            kafka.artifact_span.map(|s| s.slice(text)),
            Some("flink-connector-kafka")
        );
        let empty = pom.dependencies[1].version_span.expect("an empty version");
        assert!(empty.is_empty() && empty.start <= text.len());
    }

    #[test]
    fn entities_are_never_expanded() {
        let text = "<?xml version=\"1.0\"?>\n<!DOCTYPE project [\n\
                    <!ENTITY v \"1.20.0\">\n<!ENTITY ext SYSTEM \"file:///etc/passwd\">\n\
                    <!ENTITY lol \"&v;&v;&v;&v;&v;&v;&v;&v;&v;&v;\">\n]>\n\
                    <project><properties><flink.version>&v;</flink.version>\
                    <hbase.version>&ext;</hbase.version><jedis.version>&lol;</jedis.version>\
                    <hadoop.version>3.&#52;.1</hadoop.version></properties></project>";
        let pom = parse(text);
        assert_eq!(pom.properties.get("flink.version"), Some(&None));
        assert_eq!(pom.properties.get("hbase.version"), Some(&None));
        assert_eq!(pom.properties.get("jedis.version"), Some(&None));
        assert_eq!(
            pom.properties.get("hadoop.version"),
            Some(&Some("3.4.1".to_owned()))
        );
    }

    #[test]
    fn reads_coordinates_properties_and_known_dependencies() {
        let pom = parse(
            "<?xml version=\"1.0\"?>\n<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\
             <parent><groupId>g</groupId><artifactId>p</artifactId><relativePath/></parent>\
             <artifactId>app</artifactId>\
             <properties><flink.version> 1.20.0 </flink.version><x>&amp;&#65;</x><bad>&xxe;</bad></properties>\
             <dependencies>\
               <dependency><groupId>org.apache.flink</groupId><artifactId>flink-core</artifactId>\
                 <version>${flink.version}</version></dependency>\
               <dependency><groupId>com.acme</groupId><artifactId>other</artifactId></dependency>\
             </dependencies>\
             <dependencyManagement><dependencies><dependency><groupId>redis.clients</groupId>\
               <artifactId>jedis</artifactId><version>5.1.0</version></dependency></dependencies>\
             </dependencyManagement>\
             <profiles><profile><properties><flink.version>2.0.0</flink.version></properties></profile></profiles>\
             </project>",
        );
        assert_eq!(pom.artifact_id.as_deref(), Some("app"));
        let parent = pom.parent.as_ref().expect("parent");
        assert_eq!(parent.relative_path.as_deref(), Some(""));
        assert_eq!(
            pom.properties.get("flink.version"),
            Some(&Some("1.20.0".to_owned()))
        );
        assert_eq!(pom.properties.get("x"), Some(&Some("&A".to_owned())));
        assert_eq!(pom.properties.get("bad"), Some(&None));
        // Every dependency is kept, with where its version and artifact are written.
        assert_eq!(pom.dependencies.len(), 2);
        assert_eq!(
            pom.dependencies[0].coordinates(),
            "org.apache.flink:flink-core"
        );
        assert_eq!(pom.dependencies[1].coordinates(), "com.acme:other");
        assert_eq!(pom.dependencies[1].version_span, None);
        assert_eq!(pom.managed.len(), 1);
    }
}

#[cfg(test)]
mod resolution_tests {
    use super::super::testing::{found, targets, tree};
    use super::*;
    use bdl_core::Targets;

    #[allow(clippy::unnecessary_wraps, reason = "compared with `found`")]
    fn pair(version: &str, what: &str) -> Option<(String, String)> {
        Some((version.to_owned(), what.to_owned()))
    }

    #[test]
    fn property_chains_resolve_and_cycles_do_not() {
        let root = tree(
            "chains",
            &[(
                "pom.xml",
                "<project><artifactId>m</artifactId><version>7.1.0</version><properties>\
                 <major>1.20</major><flink.version>${major}.1</flink.version>\
                 <a>${b}</a><b>${a}</b><hbase.version>${a}</hbase.version>\
                 <hadoop.version>${env.HADOOP}</hadoop.version>\
                 <jedis.version>${project.version}</jedis.version>\
                 </properties></project>",
            )],
        );
        let t = targets(&root, "Job.java");
        assert_eq!(
            found(&t, Product::Flink),
            pair("1.20", "property flink.version")
        );
        assert_eq!(
            t.get(Product::Flink).map(|t| t.text.as_str()),
            Some("1.20.1")
        );
        // `${a}` -> `${b}` -> `${a}`: unknown, quickly.
        assert_eq!(found(&t, Product::Hbase), None);
        assert_eq!(found(&t, Product::Hadoop), None);
        assert_eq!(
            found(&t, Product::Jedis),
            pair("7.1", "property jedis.version")
        );
        std::fs::remove_dir_all(&root).expect("clean up");
    }

    #[test]
    fn references_that_fan_out_are_bounded() {
        // Each level doubles the text: 2^40 bytes if it were expanded.
        let properties: String = std::iter::once("<p0>1.</p0>".to_owned())
            .chain((1..=40).map(|i| {
                let previous = i - 1;
                format!("<p{i}>${{p{previous}}}${{p{previous}}}</p{i}>")
            }))
            .collect();
        let pom = format!(
            "<project><properties>{properties}<flink.version>${{p40}}</flink.version></properties></project>"
        );
        let root = tree("fan-out", &[("pom.xml", &pom)]);
        let started = std::time::Instant::now();
        assert_eq!(found(&targets(&root, "Job.java"), Product::Flink), None);
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
        std::fs::remove_dir_all(&root).expect("clean up");
    }

    #[test]
    fn dependencies_win_over_managed_versions_and_properties() {
        let root = tree(
            "dependencies",
            &[(
                "pom.xml",
                "<project><properties><flink.version>1.17.0</flink.version>\
                 <es.version>8.13.4</es.version></properties>\
                 <dependencyManagement><dependencies>\
                   <dependency><groupId>org.apache.flink</groupId><artifactId>flink-clients</artifactId><version>1.19.0</version></dependency>\
                   <dependency><groupId>org.apache.hbase</groupId><artifactId>hbase-client</artifactId><version>2.6.0</version></dependency>\
                   <dependency><groupId>co.elastic.clients</groupId><artifactId>elasticsearch-java</artifactId><version>${es.version}</version></dependency>\
                 </dependencies></dependencyManagement>\
                 <dependencies>\
                   <dependency><groupId>org.apache.flink</groupId><artifactId>flink-connector-kafka</artifactId><version>3.2.0-1.19</version></dependency>\
                   <dependency><groupId>org.apache.flink</groupId><artifactId>flink-clients</artifactId></dependency>\
                   <dependency><groupId>org.apache.flink</groupId><artifactId>flink-streaming-java</artifactId><version>1.20.0</version></dependency>\
                 </dependencies></project>",
            )],
        );
        let t = targets(&root, "Job.java");
        // The core artifact first, then the others; a connector never.
        assert_eq!(
            found(&t, Product::Flink),
            pair("1.20", "dependency org.apache.flink:flink-streaming-java")
        );
        assert_eq!(
            found(&t, Product::Hbase),
            pair("2.6", "dependencyManagement org.apache.hbase:hbase-client")
        );
        assert_eq!(
            found(&t, Product::Elasticsearch),
            pair(
                "8.13",
                "property es.version (dependencyManagement co.elastic.clients:elasticsearch-java)"
            )
        );
        std::fs::remove_dir_all(&root).expect("clean up");
    }

    #[test]
    fn parents_on_disk_lend_properties_and_managed_versions() {
        let root = tree(
            "parents",
            &[
                (
                    "pom.xml",
                    "<project><groupId>com.acme</groupId><artifactId>root</artifactId>\
                     <parent><groupId>org.springframework.boot</groupId>\
                       <artifactId>spring-boot-starter-parent</artifactId><version>3.2.5</version>\
                       <relativePath/></parent>\
                     <properties><flink.version>1.20.0</flink.version></properties>\
                     <dependencyManagement><dependencies><dependency><groupId>redis.clients</groupId>\
                     <artifactId>jedis</artifactId><version>5.1.2</version></dependency></dependencies>\
                     </dependencyManagement></project>",
                ),
                (
                    "parent-dir/pom.xml",
                    "<project><groupId>com.acme</groupId><artifactId>other</artifactId>\
                     <properties><hbase.version>2.5.0</hbase.version></properties></project>",
                ),
                (
                    "app/pom.xml",
                    "<project><parent><groupId>com.acme</groupId><artifactId>root</artifactId></parent>\
                     <artifactId>app</artifactId><properties><flink.version>1.19.0</flink.version></properties>\
                     <dependencies>\
                       <dependency><groupId>org.apache.flink</groupId><artifactId>flink-core</artifactId><version>${flink.version}</version></dependency>\
                       <dependency><groupId>redis.clients</groupId><artifactId>jedis</artifactId></dependency>\
                     </dependencies></project>",
                ),
                (
                    "wrong/pom.xml",
                    "<project><parent><groupId>com.acme</groupId><artifactId>not-root</artifactId></parent>\
                     <artifactId>w</artifactId></project>",
                ),
                (
                    "dir/pom.xml",
                    "<project><parent><groupId>com.acme</groupId><artifactId>other</artifactId>\
                     <relativePath>../parent-dir</relativePath></parent><artifactId>d</artifactId></project>",
                ),
            ],
        );
        let t = targets(&root, "app/Job.java");
        // The module's own property wins over its parent's.
        let pom = |dir: &str| root.join(dir).join("pom.xml");
        let flink = t.get(Product::Flink).expect("flink");
        assert_eq!(flink.version, Version::new(1, 19));
        assert_eq!(
            flink.source,
            TargetSource::BuildFile {
                path: pom("app"),
                what: "property flink.version (dependency org.apache.flink:flink-core)".to_owned()
            }
        );
        // A managed version from the parent, written in the parent.
        let jedis = t.get(Product::Jedis).expect("jedis");
        assert_eq!(jedis.version, Version::new(5, 1));
        assert!(matches!(&jedis.source, TargetSource::BuildFile { path, .. } if *path == pom("")));
        // The grandparent is not on disk, but its coordinates tell Spring Boot's version.
        assert_eq!(
            found(&t, Product::SpringBoot),
            pair(
                "3.2",
                "parent org.springframework.boot:spring-boot-starter-parent"
            )
        );
        // `../pom.xml` is another artifact: Maven would look in a repository, so nothing.
        assert_eq!(targets(&root, "wrong/Job.java"), Targets::NONE);
        // `relativePath` naming a directory means its pom.xml.
        assert_eq!(
            found(&targets(&root, "dir/Job.java"), Product::Hbase),
            pair("2.5", "property hbase.version")
        );
        std::fs::remove_dir_all(&root).expect("clean up");
    }

    #[test]
    fn parent_cycles_and_parents_outside_the_repository_end_the_chain() {
        let root = tree(
            "parent-cycle",
            &[
                (
                    "a/pom.xml",
                    "<project><parent><artifactId>b</artifactId><relativePath>../b/pom.xml</relativePath></parent>\
                     <artifactId>a</artifactId><properties><hbase.version>${x}</hbase.version></properties></project>",
                ),
                (
                    "b/pom.xml",
                    "<project><parent><artifactId>a</artifactId><relativePath>../a/pom.xml</relativePath></parent>\
                     <artifactId>b</artifactId><properties><flink.version>1.18.1</flink.version></properties></project>",
                ),
                (
                    "self/pom.xml",
                    "<project><parent><artifactId>s</artifactId><relativePath>pom.xml</relativePath></parent>\
                     <artifactId>s</artifactId><properties><flink.version>1.18.1</flink.version></properties></project>",
                ),
                (
                    "out/pom.xml",
                    "<project><parent><artifactId>x</artifactId><relativePath>../../../../../../../../../../../../../../../../../../../etc/pom.xml</relativePath></parent>\
                     <artifactId>o</artifactId></project>",
                ),
            ],
        );
        let t = targets(&root, "a/Job.java");
        assert_eq!(
            found(&t, Product::Flink),
            pair("1.18", "property flink.version")
        );
        assert_eq!(found(&t, Product::Hbase), None);
        assert_eq!(
            found(&targets(&root, "self/Job.java"), Product::Flink),
            pair("1.18", "property flink.version")
        );
        assert_eq!(targets(&root, "out/Job.java"), Targets::NONE);
        std::fs::remove_dir_all(&root).expect("clean up");
    }

    #[test]
    fn a_long_chain_of_parents_is_followed_to_a_bound() {
        let mut files = Vec::new();
        let depth = MAX_PARENTS + 4;
        let mut dir = String::new();
        for level in 0..depth {
            let properties = if level == 0 {
                "<properties><flink.version>1.20.0</flink.version></properties>"
            } else {
                ""
            };
            let parent = if level == 0 {
                String::new()
            } else {
                format!("<parent><artifactId>l{}</artifactId></parent>", level - 1)
            };
            files.push((
                format!("{dir}pom.xml"),
                format!("<project>{parent}<artifactId>l{level}</artifactId>{properties}</project>"),
            ));
            dir.push_str("m/");
        }
        let files: Vec<(&str, &str)> = files
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        let root = tree("long-chain", &files);
        let near = "m/".repeat(MAX_PARENTS) + "Job.java";
        assert_eq!(
            found(&targets(&root, &near), Product::Flink),
            pair("1.20", "property flink.version")
        );
        let far = "m/".repeat(depth - 1) + "Job.java";
        assert_eq!(found(&targets(&root, &far), Product::Flink), None);
        std::fs::remove_dir_all(&root).expect("clean up");
    }
}
