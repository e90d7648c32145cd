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

use bdl_core::{Product, Target, TargetSource, Targets, Version};
use quick_xml::Reader;
use quick_xml::events::Event;

use super::artifacts::{Rank, product_of, product_of_name};
use super::{Parsed, Projects};
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
/// Dependencies kept per pom (only those of known artifacts are kept at all).
const MAX_DEPENDENCIES: usize = 1024;

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
    /// `<dependencies>` of known artifacts, in file order.
    dependencies: Vec<Dependency>,
    /// `<dependencyManagement>` entries of known artifacts, in file order.
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
    loop {
        let event = match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(event) => event,
            Err(_) => return Pom::default(),
        };
        match event {
            Event::Start(start) => {
                if !state.start(start.local_name().as_ref()) {
                    return Pom::default();
                }
            }
            Event::Empty(start) => {
                if !state.start(start.local_name().as_ref()) {
                    return Pom::default();
                }
                state.end();
            }
            Event::End(_) => state.end(),
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
    /// A start tag. `false` when the root element is not `<project>`.
    fn start(&mut self, name: &[u8]) -> bool {
        if self.depth == 0 && name != b"project" {
            return false;
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

    /// An end tag (or the end of an empty element).
    fn end(&mut self) {
        if let Some(capture) = &self.capture {
            if capture.depth < self.depth {
                // A child of the element being read.
                self.depth -= 1;
                return;
            }
            if let Some(capture) = self.capture.take() {
                self.finish(capture);
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
                if dependency.known().is_some() && list.len() < MAX_DEPENDENCIES {
                    list.push(dependency);
                }
            }
            self.path.pop();
        }
        self.depth = self.depth.saturating_sub(1);
    }

    fn finish(&mut self, capture: Capture) {
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
    let mut chain: Vec<(PathBuf, Arc<Parsed>)> = Vec::new();
    let mut next = Some(pom_path.to_path_buf());
    while let Some(path) = next.take() {
        let Some(parsed) = projects.load(&path, super::Format::Pom) else {
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
        if chain.len() <= MAX_PARENTS {
            next = pom
                .parent
                .as_ref()
                .and_then(|parent| parent_path(&path, parent, boundary))
                .filter(|p| chain.iter().all(|(seen, _)| seen != p) && *p != path);
        }
        chain.push((path, parsed));
    }
    let model = Model {
        poms: chain
            .iter()
            .filter_map(|(path, parsed)| Some((path.as_path(), parsed.pom()?)))
            .collect(),
        projects,
    };
    let mut targets = Targets::NONE;
    if model.poms.is_empty() {
        return targets;
    }
    for product in Product::ALL {
        if let Some(target) = model.find(product) {
            targets.set(product, target);
        }
    }
    targets
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
    projects: &'a Projects,
}

/// A resolved value, and the property it came from when it was exactly one `${name}`.
struct Resolved {
    value: String,
    /// (index of the pom that defines it, property name)
    property: Option<(usize, String)>,
}

impl Model<'_> {
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
                path: self.projects.display(path),
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
        assert_eq!(pom.dependencies.len(), 1);
        assert_eq!(
            pom.dependencies[0].coordinates(),
            "org.apache.flink:flink-core"
        );
        assert_eq!(pom.managed.len(), 1);
    }
}
