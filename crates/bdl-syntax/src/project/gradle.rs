//! Target versions from a Gradle project: a text scan of `build.gradle` / `build.gradle.kts`,
//! no Groovy or Kotlin parser. Precise on the common forms, silent on the rest:
//!
//! * string coordinates: `"org.apache.flink:flink-streaming-java:1.17.2"`, with `$flinkVersion`,
//!   `${flinkVersion}`, `${project.flinkVersion}`, `${property("flinkVersion")}` or
//!   `${libs.versions.flink.get()}` in double-quoted strings (single-quoted Groovy strings are
//!   not interpolated, so their `$` stays as written and the version is unknown);
//! * map notation: `group: 'org.apache.flink', name: 'flink-core', version: flinkVersion`;
//! * the Spring Boot plugin: `id 'org.springframework.boot' version '3.2.0'`,
//!   `id("org.springframework.boot") version "3.2.0"`;
//! * variables: `ext { flinkVersion = '1.20.0' }`, `ext.flinkVersion = …`, `def`, `val x = …`,
//!   `val x: String = …`, `extra["x"] = …`, `set("x", …)`, `val x by extra("…")`; a name assigned
//!   anything but a string literal, or two different literals, is unknown;
//! * `gradle.properties` of the project and of the root project, and the root's
//!   `gradle/libs.versions.toml` ([`super::catalog`]).
//!
//! The root project is the nearest directory at or above the build file with a
//! `settings.gradle(.kts)`, within the walk's boundary; its build script's variables and
//! coordinates count for every subproject (`ext` is inherited, `subprojects {}` blocks
//! declare dependencies there).

use std::collections::{BTreeMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use bdl_core::{Product, Span, Target, TargetSource, Targets, Version};

use super::artifacts::{Rank, product_of, product_of_name, product_of_plugin};
use super::catalog::{self, CatalogVersion};
use super::{Format, Parsed, Projects};
use crate::build::{self, Declared, is_maven_id};

/// Variables, coordinates and plugins kept per script; real scripts stay far below.
const MAX_VARIABLES: usize = 4096;
const MAX_COORDINATES: usize = 1024;
/// Nesting of variable references, and look-ups per resolved value.
const MAX_DEPTH: u32 = 16;
const MAX_LOOKUPS: u32 = 256;
/// A resolved value longer than this is not a version.
const MAX_VALUE_LEN: usize = 256;
/// Tokens a pattern looks at, from its first.
const WINDOW: usize = 16;

/// A value as written in a script.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Value {
    /// A string literal; `interpolated` for double-quoted strings, where `$name` and `${…}`
    /// are references.
    Text { text: String, interpolated: bool },
    /// An expression naming a variable: `flinkVersion`, `rootProject.ext.flinkVersion`.
    Reference(String),
}

#[derive(Debug)]
struct Coordinate {
    group: String,
    artifact: String,
    version: Option<Value>,
    /// The product whose version it carries, if any.
    product: Option<(Product, Rank)>,
    /// The version as written, else the coordinate (see [`build::Dependency::span`]).
    span: Span,
}

/// What one build script says.
#[derive(Debug, Default)]
pub(super) struct Script {
    /// `None`: assigned something that is not a string literal, or different literals.
    vars: BTreeMap<String, Option<Value>>,
    coordinates: Vec<Coordinate>,
    plugins: Vec<(Product, Value)>,
    kotlin: bool,
}

impl Script {
    fn assign(&mut self, name: &str, value: Option<Value>) {
        if self.vars.len() >= MAX_VARIABLES && !self.vars.contains_key(name) {
            return;
        }
        match self.vars.get_mut(name) {
            Some(known) if *known != value => *known = None,
            Some(_) => {}
            None => {
                self.vars.insert(name.to_owned(), value);
            }
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tok<'t> {
    Ident(&'t str),
    Str(&'t str, bool),
    Punct(u8),
    /// A number, an operator of two characters, anything else.
    Other,
}

/// Groovy / Kotlin tokens, as far as the patterns need them: identifiers, string literals
/// (with their `${…}` skipped as a whole), punctuation. Comments are skipped.
struct Lexer<'t> {
    text: &'t str,
    bytes: &'t [u8],
    pos: usize,
}

impl<'t> Lexer<'t> {
    fn new(text: &'t str) -> Self {
        Self {
            text,
            bytes: text.as_bytes(),
            pos: 0,
        }
    }

    fn peek(&self, offset: usize) -> u8 {
        self.bytes.get(self.pos + offset).copied().unwrap_or(0)
    }

    fn skip_blanks_and_comments(&mut self) {
        loop {
            let b = self.peek(0);
            if b.is_ascii_whitespace() {
                self.pos += 1;
            } else if b == b'/' && self.peek(1) == b'/' {
                while self.pos < self.bytes.len() && self.bytes[self.pos] != b'\n' {
                    self.pos += 1;
                }
            } else if b == b'/' && self.peek(1) == b'*' {
                self.pos += 2;
                while self.pos < self.bytes.len() && !(self.peek(0) == b'*' && self.peek(1) == b'/')
                {
                    self.pos += 1;
                }
                self.pos = (self.pos + 2).min(self.bytes.len());
            } else {
                return;
            }
        }
    }

    /// A string literal opened by `quote` at the current position.
    fn string(&mut self, quote: u8) -> Tok<'t> {
        let len = self.bytes.len();
        let triple = self.peek(1) == quote && self.peek(2) == quote;
        let open = if triple { 3 } else { 1 };
        self.pos += open;
        let start = self.pos;
        let interpolated = quote == b'"';
        while self.pos < len {
            let b = self.bytes[self.pos];
            if b == b'\\' {
                self.pos += 2;
            } else if interpolated && b == b'$' && self.peek(1) == b'{' {
                // `${ … }` may hold quotes of its own: skip to the matching brace.
                self.pos += 2;
                let mut depth = 1usize;
                while self.pos < len && depth > 0 {
                    match self.bytes[self.pos] {
                        b'{' => depth += 1,
                        b'}' => depth -= 1,
                        _ => {}
                    }
                    self.pos += 1;
                }
            } else if b == quote && (!triple || (self.peek(1) == quote && self.peek(2) == quote)) {
                let content = self.text.get(start..self.pos).unwrap_or_default();
                self.pos += open;
                return Tok::Str(content, interpolated);
            } else if b == b'\n' && !triple {
                // Not a string after all (a Groovy slashy string, a stray quote).
                return Tok::Other;
            } else {
                self.pos += 1;
            }
        }
        self.pos = len;
        Tok::Other
    }
}

impl<'t> Iterator for Lexer<'t> {
    type Item = Tok<'t>;

    fn next(&mut self) -> Option<Tok<'t>> {
        self.skip_blanks_and_comments();
        let b = *self.bytes.get(self.pos)?;
        let start = self.pos;
        Some(match b {
            b'"' | b'\'' => self.string(b),
            b if b.is_ascii_alphabetic() || b == b'_' => {
                while self.peek(0).is_ascii_alphanumeric() || self.peek(0) == b'_' {
                    self.pos += 1;
                }
                Tok::Ident(self.text.get(start..self.pos).unwrap_or_default())
            }
            b if b.is_ascii_digit() => {
                while self.peek(0).is_ascii_alphanumeric() || matches!(self.peek(0), b'.' | b'_') {
                    self.pos += 1;
                }
                Tok::Other
            }
            b if b.is_ascii_punctuation() => {
                let pair = [b, self.peek(1)];
                let double = matches!(
                    &pair,
                    b"=="
                        | b"!="
                        | b"<="
                        | b">="
                        | b"+="
                        | b"-="
                        | b"*="
                        | b"/="
                        | b"?:"
                        | b"->"
                        | b"&&"
                        | b"||"
                        | b"::"
                        | b".."
                        | b"?."
                        | b"=~"
                );
                self.pos += if double { 2 } else { 1 };
                if double { Tok::Other } else { Tok::Punct(b) }
            }
            _ => {
                // Any other character, whole (non-ASCII letters are never part of a match).
                let width = self
                    .text
                    .get(start..)
                    .and_then(|rest| rest.chars().next())
                    .map_or(1, char::len_utf8);
                self.pos += width;
                Tok::Other
            }
        })
    }
}

/// Scans a build script. Linear in its length: each token is looked at as the start of every
/// pattern once, with at most [`WINDOW`] tokens of lookahead.
pub(super) fn parse(text: &str, kotlin: bool) -> Script {
    let mut script = Script {
        kotlin,
        ..Script::default()
    };
    let mut lexer = Lexer::new(text);
    let mut window: VecDeque<Tok<'_>> = VecDeque::with_capacity(WINDOW);
    loop {
        while window.len() < WINDOW {
            match lexer.next() {
                Some(tok) => window.push_back(tok),
                None => break,
            }
        }
        if window.is_empty() {
            break;
        }
        scan_at(window.make_contiguous(), &mut script, text);
        window.pop_front();
    }
    script
}

/// Dotted identifiers from `w[at]`, with a trailing `()` or `("name")`: the reference and the
/// number of tokens it took.
fn reference(w: &[Tok<'_>], at: usize) -> Option<(String, usize)> {
    let mut text = String::new();
    let mut i = at;
    loop {
        let Some(Tok::Ident(name)) = w.get(i) else {
            return None;
        };
        text.push_str(name);
        i += 1;
        match (w.get(i), w.get(i + 1), w.get(i + 2)) {
            (Some(Tok::Punct(b'.')), Some(Tok::Ident(_)), _) => {
                text.push('.');
                i += 1;
            }
            (Some(Tok::Punct(b'(')), Some(Tok::Punct(b')')), _) => {
                text.push_str("()");
                i += 2;
                if !matches!(
                    (w.get(i), w.get(i + 1)),
                    (Some(Tok::Punct(b'.')), Some(Tok::Ident(_)))
                ) {
                    return Some((text, i - at));
                }
                text.push('.');
                i += 1;
            }
            (Some(Tok::Punct(b'(')), Some(Tok::Str(arg, _)), Some(Tok::Punct(b')'))) => {
                text.push_str("(\"");
                text.push_str(arg);
                text.push_str("\")");
                i += 3;
                if !matches!(
                    (w.get(i), w.get(i + 1)),
                    (Some(Tok::Punct(b'.')), Some(Tok::Ident(_)))
                ) {
                    return Some((text, i - at));
                }
                text.push('.');
                i += 1;
            }
            _ => return Some((text, i - at)),
        }
    }
}

/// A version argument at `w[at]`: a string, a reference, or either in parentheses.
fn version_at(w: &[Tok<'_>], at: usize) -> Option<Value> {
    match w.get(at)? {
        Tok::Str(text, interpolated) => Some(Value::Text {
            text: (*text).to_owned(),
            interpolated: *interpolated,
        }),
        Tok::Ident(_) => reference(w, at).map(|(r, _)| Value::Reference(r)),
        Tok::Punct(b'(') => version_at(w, at + 1),
        _ => None,
    }
}

/// Whether the token after a string literal makes it part of a larger expression.
fn continues(tok: Option<&Tok<'_>>) -> bool {
    matches!(
        tok,
        Some(Tok::Punct(b'+' | b'.' | b'[' | b'(' | b'?' | b'*') | Tok::Other)
    )
}

/// The span of `part`, a slice of `text`, in `text`; empty at the end when it is not one.
fn span_in(text: &str, part: &str) -> Span {
    let start = (part.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
    if start <= text.len() && part.len() <= text.len() - start {
        Span::new(start, start + part.len())
    } else {
        Span::new(text.len(), text.len())
    }
}

/// The text of a version token: a string's content, a reference's first name.
fn token_text<'t>(tok: Option<&Tok<'t>>) -> Option<&'t str> {
    match tok? {
        Tok::Str(text, _) | Tok::Ident(text) => Some(text),
        _ => None,
    }
}

/// The patterns that start at `w[0]`; `text` is the script they are slices of.
fn scan_at(w: &[Tok<'_>], script: &mut Script, text: &str) {
    assignment(w, script);
    let sep = |tok: Option<&Tok<'_>>| matches!(tok, Some(Tok::Punct(b':' | b'=')));
    match w {
        // `id 'org.springframework.boot' version '3.2.0'`, `id("…") version "…"`
        [Tok::Ident("id"), rest @ ..] => {
            let (id, after) = match rest {
                [Tok::Str(id, _), ..] => (*id, 1),
                [Tok::Punct(b'('), Tok::Str(id, _), Tok::Punct(b')'), ..] => (*id, 3),
                _ => return,
            };
            if let (Some(product), Some(Tok::Ident("version"))) =
                (product_of_plugin(id), rest.get(after))
                && let Some(version) = version_at(rest, after + 1)
                && script.plugins.len() < MAX_COORDINATES
            {
                script.plugins.push((product, version));
            }
        }
        // `group: 'g', name: 'a', version: v` (Groovy), `group = "g", name = "a", version = v`
        [
            Tok::Ident("group"),
            _,
            Tok::Str(group, _),
            Tok::Punct(b','),
            Tok::Ident("name"),
            _,
            Tok::Str(artifact, _),
            rest @ ..,
        ] if sep(w.get(1)) && sep(w.get(5)) => {
            let (version, at) = match rest {
                [Tok::Punct(b','), Tok::Ident("version"), s, ..] if sep(Some(s)) => {
                    (version_at(rest, 3), token_text(rest.get(3)))
                }
                _ => (None, None),
            };
            let span = span_in(text, at.unwrap_or(artifact));
            add_coordinate(script, group, artifact, version, span);
        }
        // `"org.apache.flink:flink-core:1.20.0"`
        [Tok::Str(coordinates, interpolated), ..] => {
            let mut parts = coordinates.splitn(3, ':');
            let (Some(group), Some(artifact)) = (parts.next(), parts.next()) else {
                return;
            };
            let mut span = span_in(text, coordinates);
            let version = parts.next().map(|v| {
                // `…:1.20.0:tests`, `…:1.20.0@jar`
                let v = v.split([':', '@']).next().unwrap_or(v);
                span = span_in(text, v);
                Value::Text {
                    text: v.to_owned(),
                    interpolated: *interpolated,
                }
            });
            add_coordinate(script, group, artifact, version, span);
        }
        _ => {}
    }
}

/// Variable assignments that start at `w[0]`.
fn assignment(w: &[Tok<'_>], script: &mut Script) {
    let literal = |value: &Tok<'_>, next: Option<&Tok<'_>>| match value {
        Tok::Str(text, interpolated) if !continues(next) => Some(Value::Text {
            text: (*text).to_owned(),
            interpolated: *interpolated,
        }),
        _ => None,
    };
    match w {
        // `name = "…"` (also `ext.name`, `def name`, `val name`), `name = anything else`;
        // `val name: String = "…"`; `extra["name"] = "…"`, `ext["name"] = "…"`.
        [Tok::Ident(name), Tok::Punct(b'='), value, rest @ ..]
        | [
            Tok::Ident(name),
            Tok::Punct(b':'),
            Tok::Ident(_),
            Tok::Punct(b'='),
            value,
            rest @ ..,
        ]
        | [
            Tok::Ident("extra" | "ext"),
            Tok::Punct(b'['),
            Tok::Str(name, _),
            Tok::Punct(b']'),
            Tok::Punct(b'='),
            value,
            rest @ ..,
        ] => script.assign(name, literal(value, rest.first())),
        // `set("name", "…")`, `val name by extra("…")`
        [
            Tok::Ident("set"),
            Tok::Punct(b'('),
            Tok::Str(name, _),
            Tok::Punct(b','),
            value,
            Tok::Punct(b')'),
            ..,
        ]
        | [
            Tok::Ident(name),
            Tok::Ident("by"),
            Tok::Ident("extra"),
            Tok::Punct(b'('),
            value,
            Tok::Punct(b')'),
            ..,
        ] => script.assign(name, literal(value, None)),
        _ => {}
    }
}

fn add_coordinate(
    script: &mut Script,
    group: &str,
    artifact: &str,
    version: Option<Value>,
    span: Span,
) {
    let (group, artifact) = (group.trim(), artifact.trim());
    // Other strings with colons (`"--add-opens=java.base/java.lang:ALL-UNNAMED"`, task paths).
    if !is_maven_id(group) || !is_maven_id(artifact) {
        return;
    }
    if script.coordinates.len() < MAX_COORDINATES {
        script.coordinates.push(Coordinate {
            group: group.to_owned(),
            artifact: artifact.to_owned(),
            version,
            product: product_of(group, artifact),
            span,
        });
    }
}

/// A file whose names a reference can find, in lookup order.
struct Scope {
    path: PathBuf,
    parsed: Arc<Parsed>,
}

/// Where a reference points.
enum Name<'a> {
    /// A variable or property.
    Plain(&'a str),
    /// `libs.versions.<key>`: a version of the catalog (`.` `-` `_` and case do not count).
    Catalog(String),
}

/// What a reference expression names: `flinkVersion`, `project.flinkVersion`,
/// `rootProject.ext.flinkVersion`, `property("flinkVersion")`, `extra["flinkVersion"]`,
/// `libs.versions.flink.get()`.
fn name_of(expression: &str) -> Option<Name<'_>> {
    let mut e = expression.trim();
    e = e.strip_suffix(" as String").unwrap_or(e).trim_end();
    e = e.strip_suffix(".get()").unwrap_or(e);
    if let Some(key) = e.strip_prefix("libs.versions.") {
        return Some(Name::Catalog(normal(key)));
    }
    loop {
        let before = e;
        for prefix in [
            "project.",
            "rootProject.",
            "ext.",
            "extra.",
            "properties.",
            "providers.",
        ] {
            e = e.strip_prefix(prefix).unwrap_or(e);
        }
        if e == before {
            break;
        }
    }
    for call in ["property(", "findProperty(", "gradleProperty("] {
        if let Some(inner) = e.strip_prefix(call).and_then(|r| r.strip_suffix(')')) {
            e = unquote(inner)?;
        }
    }
    for index in ["extra[", "ext[", "properties["] {
        if let Some(inner) = e.strip_prefix(index).and_then(|r| r.strip_suffix(']')) {
            e = unquote(inner)?;
        }
    }
    let plain = !e.is_empty()
        && e.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
        && e.bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_');
    plain.then_some(Name::Plain(e))
}

fn unquote(text: &str) -> Option<&str> {
    let text = text.trim();
    text.strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .or_else(|| text.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')))
}

/// `flink-version` and `flink.version` and `flinkVersion` as one key.
fn normal(key: &str) -> String {
    key.chars()
        .filter(|c| !matches!(c, '.' | '-' | '_'))
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// A Gradle project: its scopes and catalog, nearest first.
struct Model<'a> {
    /// Build scripts: the project's, the root project's, the settings script.
    scripts: Vec<(PathBuf, &'a Script)>,
    /// Where names are looked up: the project's script, its `gradle.properties`, the root's
    /// script, the root's `gradle.properties`, the settings script.
    scopes: Vec<&'a Scope>,
    catalog: Option<(PathBuf, &'a catalog::Catalog)>,
    /// For showing paths; `None` for a script read alone.
    projects: Option<&'a Projects>,
}

/// Where a looked-up value came from.
#[derive(Clone)]
enum Origin {
    /// Scope index and name.
    Scope(usize, String),
    /// A catalog version key.
    Catalog(String),
}

/// A value looked up by name: its origin and the value (a script value, or a properties or
/// catalog string).
struct Found<'a> {
    origin: Origin,
    value: Looked<'a>,
}

enum Looked<'a> {
    Script(&'a Value, bool),
    Plain(&'a str),
}

/// The targets of the Gradle project whose build script is `build` (absolute).
pub(super) fn infer(projects: &Projects, build: &Path, boundary: Option<&Path>) -> Targets {
    let Some(loaded) = load(Some(projects), build, None, boundary) else {
        return Targets::NONE;
    };
    let model = loaded.model(Some(projects));
    Targets::from_fn(|product| model.find(product))
}

/// The coordinates the script `own` (at `build`, absolute) declares, resolved against the
/// project with `projects`, else within the script.
pub(super) fn dependencies(
    projects: Option<&Projects>,
    build: &Path,
    own: Arc<Parsed>,
    boundary: Option<&Path>,
) -> Vec<build::Dependency> {
    let Some(loaded) = load(projects, build, Some(own), boundary) else {
        return Vec::new();
    };
    let model = loaded.model(projects);
    let Some((path, script)) = model.scripts.first() else {
        return Vec::new();
    };
    script
        .coordinates
        .iter()
        .map(|c| {
            let (resolved, origin) = match &c.version {
                Some(version) => model.resolve(version, script.kotlin, path),
                None => (None, None),
            };
            build::Dependency {
                group: c.group.clone(),
                artifact: c.artifact.clone(),
                written: c.version.as_ref().map(|v| match v {
                    Value::Text { text, .. } => text.clone(),
                    Value::Reference(r) => r.clone(),
                }),
                resolved,
                origin,
                declared: Declared::Script,
                span: c.span,
            }
        })
        .collect()
}

/// The files of a Gradle project that names are looked up in.
struct Loaded {
    owned: Vec<Scope>,
    /// Which of `owned` are build scripts.
    scripts: Vec<usize>,
    catalog: Option<(PathBuf, Arc<Parsed>)>,
}

/// Reads the files of the project whose build script is `build`: with `own`, that script is
/// `own` (not read again); without `projects`, it is all there is.
fn load(
    projects: Option<&Projects>,
    build: &Path,
    own: Option<Arc<Parsed>>,
    boundary: Option<&Path>,
) -> Option<Loaded> {
    let mut loaded = Loaded {
        owned: Vec::new(),
        scripts: Vec::new(),
        catalog: None,
    };
    let Some(projects) = projects else {
        loaded.push_script(build.to_path_buf(), own?);
        return Some(loaded);
    };
    let dir = build.parent()?;
    let root = root_of(dir, boundary);
    let load_script = |dir: &Path| -> Option<(PathBuf, Arc<Parsed>)> {
        ["build.gradle.kts", "build.gradle"]
            .iter()
            .find_map(|name| {
                let path = dir.join(name);
                let parsed = projects.load(&path, script_format(name))?;
                Some((path, parsed))
            })
    };
    let push_properties = |loaded: &mut Loaded, dir: &Path| {
        let path = dir.join("gradle.properties");
        if let Some(parsed) = projects.load(&path, Format::Properties) {
            loaded.owned.push(Scope { path, parsed });
        }
    };
    // A root project with only a settings script: it is read below, as the settings script.
    let settings_only = build
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with("settings.gradle"));
    if !settings_only
        && let Some(parsed) =
            own.or_else(|| projects.load(build, script_format(&build.to_string_lossy())))
    {
        loaded.push_script(build.to_path_buf(), parsed);
    }
    push_properties(&mut loaded, dir);
    if root != dir {
        if let Some((path, parsed)) = load_script(&root) {
            loaded.push_script(path, parsed);
        }
        push_properties(&mut loaded, &root);
    }
    for name in ["settings.gradle.kts", "settings.gradle"] {
        let path = root.join(name);
        if let Some(parsed) = projects.load(&path, script_format(name)) {
            loaded.push_script(path, parsed);
            break;
        }
    }
    let catalog_path = root.join("gradle").join("libs.versions.toml");
    loaded.catalog = projects
        .load(&catalog_path, Format::Catalog)
        .map(|parsed| (catalog_path, parsed));
    Some(loaded)
}

impl Loaded {
    fn push_script(&mut self, path: PathBuf, parsed: Arc<Parsed>) {
        self.scripts.push(self.owned.len());
        self.owned.push(Scope { path, parsed });
    }

    fn model<'a>(&'a self, projects: Option<&'a Projects>) -> Model<'a> {
        Model {
            scripts: self
                .scripts
                .iter()
                .filter_map(|&i| match self.owned[i].parsed.as_ref() {
                    Parsed::Script(script) => Some((self.owned[i].path.clone(), script)),
                    _ => None,
                })
                .collect(),
            scopes: self.owned.iter().collect(),
            catalog: self
                .catalog
                .as_ref()
                .and_then(|(path, parsed)| match parsed.as_ref() {
                    Parsed::Catalog(c) => Some((path.clone(), c)),
                    _ => None,
                }),
            projects,
        }
    }
}

fn script_format(name: &str) -> Format {
    Format::Script {
        kotlin: Path::new(name)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("kts")),
    }
}

/// The root project's directory: the nearest at or above `dir` with a settings script, within
/// `boundary`; `dir` itself when there is none.
fn root_of(dir: &Path, boundary: Option<&Path>) -> PathBuf {
    for d in dir.ancestors().take(super::MAX_LEVELS) {
        if ["settings.gradle.kts", "settings.gradle"]
            .iter()
            .any(|name| d.join(name).symlink_metadata().is_ok_and(|m| m.is_file()))
        {
            return d.to_path_buf();
        }
        if boundary == Some(d) {
            break;
        }
    }
    dir.to_path_buf()
}

impl Model<'_> {
    fn find(&self, product: Product) -> Option<Target> {
        // 1. Coordinates of the product's artifacts, the core artifact first.
        let mut coordinates: Vec<(Rank, usize, usize, &Coordinate)> = Vec::new();
        for (i, (_, script)) in self.scripts.iter().enumerate() {
            for (j, c) in script.coordinates.iter().enumerate() {
                if let Some((p, rank)) = c.product
                    && p == product
                {
                    coordinates.push((rank, i, j, c));
                }
            }
        }
        coordinates.sort_by_key(|(rank, i, j, _)| (*rank, *i, *j));
        for (_, i, _, c) in coordinates {
            let (path, script) = &self.scripts[i];
            if let Some(version) = &c.version
                && let Some(found) = self.target(
                    version,
                    script.kotlin,
                    path,
                    &format!("dependency {}:{}", c.group, c.artifact),
                )
            {
                return Some(found);
            }
        }
        // 2. The product's plugin.
        for (path, script) in &self.scripts {
            for (p, version) in &script.plugins {
                if *p == product
                    && let Some(found) = self.target(
                        version,
                        script.kotlin,
                        path,
                        "plugin org.springframework.boot",
                    )
                {
                    return Some(found);
                }
            }
        }
        // 3. The version catalog's libraries and plugins.
        if let Some((path, catalog)) = &self.catalog {
            for entry in catalog.entries(product) {
                let found = match &entry.version {
                    CatalogVersion::Literal(text) => {
                        self.finish(text, path, format!("{} {}", entry.section, entry.alias))
                    }
                    CatalogVersion::Ref(key) => catalog.version(key).and_then(|text| {
                        self.finish(
                            text,
                            path,
                            format!("version {key} ({} {})", entry.section, entry.alias),
                        )
                    }),
                };
                if found.is_some() {
                    return found;
                }
            }
        }
        // 4. A variable or property named for the product (`flinkVersion`), then a catalog
        //    version (`flink = "1.20.0"`).
        for (i, scope) in self.scopes.iter().enumerate() {
            let names: Vec<&String> = match scope.parsed.as_ref() {
                Parsed::Script(script) => script.vars.keys().collect(),
                Parsed::Properties(properties) => properties.keys().collect(),
                _ => Vec::new(),
            };
            for name in names {
                if product_of_name(name) != Some(product) {
                    continue;
                }
                // Only the definition the project sees.
                if !matches!(self.lookup(&Name::Plain(name)), Some(Found { origin: Origin::Scope(at, _), .. }) if at == i)
                {
                    continue;
                }
                let reference = Value::Reference(name.clone());
                if let Some(found) = self.target(&reference, false, &scope.path, "") {
                    return Some(found);
                }
            }
        }
        if let Some((path, catalog)) = &self.catalog {
            for (key, text) in catalog.versions() {
                if product_of_name(key) == Some(product)
                    && let Some(found) = self.finish(text, path, format!("version {key}"))
                {
                    return Some(found);
                }
            }
        }
        None
    }

    /// `path` as shown in messages.
    fn display(&self, path: &Path) -> PathBuf {
        match self.projects {
            Some(projects) => projects.display(path),
            None => path.file_name().map_or_else(PathBuf::new, PathBuf::from),
        }
    }

    /// `value` (written in the script at `path`) resolved, and where its value is defined when
    /// it is exactly one reference: `variable kafkaVersion (build.gradle)`.
    fn resolve(
        &self,
        value: &Value,
        kotlin: bool,
        path: &Path,
    ) -> (Option<String>, Option<String>) {
        let mut out = String::new();
        let mut lookups = 0;
        if !self.expand(value, kotlin, 0, &mut lookups, &mut out) {
            return (None, None);
        }
        let origin = Self::single_reference(value, kotlin)
            .and_then(|n| self.lookup(&n))
            .and_then(|found| match &found.origin {
                Origin::Scope(i, name) => {
                    let scope = self.scopes.get(*i)?;
                    let kind = match scope.parsed.as_ref() {
                        Parsed::Properties(_) => "property",
                        _ => "variable",
                    };
                    let at = if scope.path == path {
                        String::new()
                    } else {
                        format!(" ({})", self.display(&scope.path).display())
                    };
                    Some(format!("{kind} {name}{at}"))
                }
                Origin::Catalog(key) => {
                    let (catalog, _) = self.catalog.as_ref()?;
                    Some(format!(
                        "version {key} ({})",
                        self.display(catalog).display()
                    ))
                }
            });
        let out = out.trim().to_owned();
        ((!out.is_empty()).then_some(out), origin)
    }

    /// A target from `value`, written in the script at `path` as `what`; when the value is
    /// exactly one reference, the source is where that name is defined.
    fn target(&self, value: &Value, kotlin: bool, path: &Path, what: &str) -> Option<Target> {
        let mut out = String::new();
        let mut lookups = 0;
        if !self.expand(value, kotlin, 0, &mut lookups, &mut out) {
            return None;
        }
        let (path, what) = match Self::single_reference(value, kotlin).and_then(|n| self.lookup(&n))
        {
            Some(found) => {
                let (path, name) = match &found.origin {
                    Origin::Scope(i, name) => {
                        let scope = self.scopes[*i];
                        let kind = match scope.parsed.as_ref() {
                            Parsed::Properties(_) => "property",
                            _ => "variable",
                        };
                        (scope.path.clone(), format!("{kind} {name}"))
                    }
                    Origin::Catalog(key) => (
                        self.catalog.as_ref().map(|(p, _)| p.clone())?,
                        format!("version {key}"),
                    ),
                };
                let what = if what.is_empty() {
                    name
                } else {
                    format!("{name} ({what})")
                };
                (path, what)
            }
            None => (path.to_path_buf(), what.to_owned()),
        };
        self.finish(&out, &path, what)
    }

    fn finish(&self, text: &str, path: &Path, what: String) -> Option<Target> {
        let text = text.trim();
        Some(Target {
            version: Version::parse(text)?,
            text: text.to_owned(),
            source: TargetSource::BuildFile {
                path: self.display(path),
                what,
            },
        })
    }

    /// The name `value` consists of, when it is exactly one reference.
    fn single_reference(value: &Value, kotlin: bool) -> Option<Name<'_>> {
        match value {
            Value::Reference(expression) => name_of(expression),
            Value::Text {
                text,
                interpolated: true,
            } => {
                let (expression, rest) = next_reference(text, kotlin)?;
                (text.starts_with('$') && rest.is_empty())
                    .then(|| name_of(expression))
                    .flatten()
            }
            Value::Text { .. } => None,
        }
    }

    fn lookup(&self, name: &Name<'_>) -> Option<Found<'_>> {
        match name {
            Name::Plain(name) => {
                for (i, scope) in self.scopes.iter().enumerate() {
                    let origin = Origin::Scope(i, (*name).to_owned());
                    match scope.parsed.as_ref() {
                        Parsed::Script(script) => {
                            if let Some(value) = script.vars.get(*name) {
                                // Assigned something unknown: it hides what follows.
                                let value = value.as_ref()?;
                                return Some(Found {
                                    origin,
                                    value: Looked::Script(value, script.kotlin),
                                });
                            }
                        }
                        Parsed::Properties(properties) => {
                            if let Some(value) = properties.get(*name) {
                                return Some(Found {
                                    origin,
                                    value: Looked::Plain(value),
                                });
                            }
                        }
                        _ => {}
                    }
                }
                None
            }
            Name::Catalog(key) => {
                let (_, catalog) = self.catalog.as_ref()?;
                let (key, value) = catalog.versions().find(|(k, _)| normal(k) == *key)?;
                Some(Found {
                    origin: Origin::Catalog(key.to_owned()),
                    value: Looked::Plain(value),
                })
            }
        }
    }

    /// Appends `value` with its references resolved to `out`; `false` when one cannot be.
    fn expand(
        &self,
        value: &Value,
        kotlin: bool,
        depth: u32,
        lookups: &mut u32,
        out: &mut String,
    ) -> bool {
        if depth > MAX_DEPTH {
            return false;
        }
        let mut resolve = |expression: &str, out: &mut String| -> bool {
            *lookups += 1;
            if *lookups > MAX_LOOKUPS {
                return false;
            }
            let Some(found) = name_of(expression).and_then(|n| self.lookup(&n)) else {
                return false;
            };
            match found.value {
                Looked::Script(value, kotlin) => {
                    self.expand(value, kotlin, depth + 1, lookups, out)
                }
                Looked::Plain(text) => {
                    out.push_str(text);
                    true
                }
            }
        };
        match value {
            Value::Reference(expression) => resolve(expression, out) && out.len() <= MAX_VALUE_LEN,
            Value::Text {
                text,
                interpolated: false,
            } => {
                out.push_str(text);
                out.len() <= MAX_VALUE_LEN
            }
            Value::Text {
                text,
                interpolated: true,
            } => {
                let mut rest = text.as_str();
                while let Some(at) = rest.find(['$', '\\']) {
                    out.push_str(&rest[..at]);
                    if rest[at..].starts_with('\\') {
                        // `\$` and other escapes: the character itself.
                        let mut chars = rest[at + 1..].chars();
                        if let Some(c) = chars.next() {
                            out.push(c);
                        }
                        rest = chars.as_str();
                        continue;
                    }
                    let Some((expression, after)) = next_reference(&rest[at..], kotlin) else {
                        return false;
                    };
                    if !resolve(expression, out) || out.len() > MAX_VALUE_LEN {
                        return false;
                    }
                    rest = after;
                }
                out.push_str(rest);
                out.len() <= MAX_VALUE_LEN
            }
        }
    }
}

/// The reference at the start of `text` (which starts with `$`): `${expression}` or `$name`
/// (Groovy also `$a.b.c`), and the text after it.
fn next_reference(text: &str, kotlin: bool) -> Option<(&str, &str)> {
    let rest = text.strip_prefix('$')?;
    if let Some(inner) = rest.strip_prefix('{') {
        let end = inner.find('}')?;
        return Some((&inner[..end], &inner[end + 1..]));
    }
    let mut end = 0;
    let bytes = rest.as_bytes();
    loop {
        let start = end;
        while end < bytes.len() && (bytes[end].is_ascii_alphanumeric() || bytes[end] == b'_') {
            end += 1;
        }
        if end == start {
            return None;
        }
        // Groovy reads `$project.flinkVersion` as a property path; Kotlin stops at the name.
        if !kotlin
            && bytes.get(end) == Some(&b'.')
            && bytes.get(end + 1).is_some_and(u8::is_ascii_alphabetic)
        {
            end += 1;
        } else {
            break;
        }
    }
    Some((&rest[..end], &rest[end..]))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{found, targets, tree};
    use super::*;

    #[allow(clippy::unnecessary_wraps, reason = "compared with `found`")]
    fn pair(version: &str, what: &str) -> Option<(String, String)> {
        Some((version.to_owned(), what.to_owned()))
    }

    #[test]
    fn string_coordinates_with_literal_and_interpolated_versions() {
        let root = tree(
            "gradle-strings",
            &[
                (
                    "build.gradle",
                    "plugins { id 'java' }\n\
                     ext {\n    flinkVersion = '1.17.2'\n}\n\
                     def hbaseVersion = \"2.5.8\"\n\
                     dependencies {\n\
                       // implementation 'org.apache.flink:flink-streaming-java:9.9.9'\n\
                       /* 'org.apache.hadoop:hadoop-client:9.9' */\n\
                       implementation \"org.apache.flink:flink-streaming-java:$flinkVersion\"\n\
                       implementation \"org.apache.hbase:hbase-client:${hbaseVersion}\"\n\
                       implementation 'org.apache.hadoop:hadoop-common:3.3.6'\n\
                       implementation 'redis.clients:jedis:$jedisVersion'\n\
                       implementation group: 'co.elastic.clients', name: 'elasticsearch-java', version: esVersion\n\
                     }\n",
                ),
                (
                    "gradle.properties",
                    "jedisVersion=5.1.0\nesVersion = 8.13.4\n",
                ),
            ],
        );
        let t = targets(&root, "src/main/java/Job.java");
        assert_eq!(
            found(&t, Product::Flink),
            pair(
                "1.17",
                "variable flinkVersion (dependency org.apache.flink:flink-streaming-java)"
            )
        );
        assert_eq!(
            found(&t, Product::Hbase),
            pair(
                "2.5",
                "variable hbaseVersion (dependency org.apache.hbase:hbase-client)"
            )
        );
        assert_eq!(
            found(&t, Product::Hadoop),
            pair("3.3", "dependency org.apache.hadoop:hadoop-common")
        );
        // A single-quoted Groovy string is not interpolated: `$jedisVersion` is no version.
        // gradle.properties names it, though, and a property named for the product counts.
        assert_eq!(
            found(&t, Product::Jedis),
            pair("5.1", "property jedisVersion")
        );
        assert_eq!(
            found(&t, Product::Elasticsearch),
            pair(
                "8.13",
                "property esVersion (dependency co.elastic.clients:elasticsearch-java)"
            )
        );
        let flink = t.get(Product::Flink).expect("flink");
        assert!(
            matches!(&flink.source, TargetSource::BuildFile { path, .. } if path.ends_with("build.gradle"))
        );
        std::fs::remove_dir_all(&root).expect("clean up");
    }

    #[test]
    fn kotlin_scripts_the_root_project_and_the_catalog() {
        let root = tree(
            "gradle-kts",
            &[
                (
                    "settings.gradle.kts",
                    "rootProject.name = \"jobs\"\ninclude(\"app\")\n",
                ),
                (
                    "build.gradle.kts",
                    "plugins {\n  id(\"org.springframework.boot\") version \"3.2.5\" apply false\n}\n\
                     val hadoopVersion: String = \"3.4.0\"\n\
                     extra[\"hbaseVersion\"] = \"2.6.0\"\n",
                ),
                ("gradle.properties", "flinkVersion=1.18.1\n"),
                (
                    "gradle/libs.versions.toml",
                    "[versions]\nflink = \"1.20.0\" # the line\njedis = { strictly = \"5.1.3\" }\n\
                     es = \"8.13.0\"\n\n\
                     [libraries]\n\
                     flink-streaming = { module = \"org.apache.flink:flink-streaming-java\", version.ref = \"flink\" }\n\
                     jedis = {\n  group = \"redis.clients\", name = \"jedis\",\n  version.ref = \"jedis\" }\n\
                     [plugins]\nboot = { id = \"org.springframework.boot\", version = \"3.3.0\" }\n",
                ),
                (
                    "app/build.gradle.kts",
                    "val flinkVersion: String by project\n\
                     dependencies {\n\
                       implementation(\"org.apache.flink:flink-core:$flinkVersion\")\n\
                       implementation(libs.jedis)\n\
                       implementation(\"org.apache.hadoop:hadoop-client:${rootProject.extra[\"hadoopVersion\"]}\")\n\
                       implementation(\"org.apache.hbase:hbase-client:${property(\"hbaseVersion\")}\")\n\
                       implementation(\"co.elastic.clients:elasticsearch-java:${libs.versions.es.get()}\")\n\
                     }\n",
                ),
            ],
        );
        let t = targets(&root, "app/src/main/kotlin/Job.kt");
        // The project's own coordinate, its version from the root's gradle.properties.
        assert_eq!(
            found(&t, Product::Flink),
            pair(
                "1.18",
                "property flinkVersion (dependency org.apache.flink:flink-core)"
            )
        );
        assert_eq!(
            found(&t, Product::Hadoop),
            pair(
                "3.4",
                "variable hadoopVersion (dependency org.apache.hadoop:hadoop-client)"
            )
        );
        assert_eq!(
            found(&t, Product::Hbase),
            pair(
                "2.6",
                "variable hbaseVersion (dependency org.apache.hbase:hbase-client)"
            )
        );
        assert_eq!(
            found(&t, Product::Elasticsearch),
            pair(
                "8.13",
                "version es (dependency co.elastic.clients:elasticsearch-java)"
            )
        );
        // The plugin declared in the root script.
        assert_eq!(
            found(&t, Product::SpringBoot),
            pair("3.2", "plugin org.springframework.boot")
        );
        // From the catalog: a library of a known artifact, with a rich version.
        assert_eq!(
            found(&t, Product::Jedis),
            pair("5.1", "version jedis (library jedis)")
        );
        std::fs::remove_dir_all(&root).expect("clean up");
    }

    #[test]
    fn a_root_with_only_a_settings_script_and_a_catalog() {
        let root = tree(
            "gradle-settings-only",
            &[
                ("settings.gradle", "include 'jobs'\n"),
                (
                    "gradle/libs.versions.toml",
                    "[versions]\nflink = \"2.0.0\"\n[libraries]\n\
                     flink-core = { module = \"org.apache.flink:flink-core\", version.ref = \"flink\" }\n",
                ),
                ("conf/Job.java", ""),
            ],
        );
        assert_eq!(
            found(&targets(&root, "conf/Job.java"), Product::Flink),
            pair("2.0", "version flink (library flink-core)")
        );
        std::fs::remove_dir_all(&root).expect("clean up");
    }

    #[test]
    fn unknown_and_ambiguous_values_are_silent() {
        let root = tree(
            "gradle-unknown",
            &[(
                "build.gradle",
                "def flinkVersion = System.getenv('FLINK') ?: '1.17.0'\n\
                 ext.hbaseVersion = '2.5.0'\n\
                 ext.hbaseVersion = '2.6.0'\n\
                 def hadoopVersion = '3.3.' + minor\n\
                 dependencies {\n\
                   implementation \"org.apache.flink:flink-streaming-java:$flinkVersion\"\n\
                   implementation \"org.apache.hbase:hbase-client:$hbaseVersion\"\n\
                   implementation \"org.apache.hadoop:hadoop-client:$hadoopVersion\"\n\
                   implementation \"redis.clients:jedis:${jedisVersion}\"\n\
                   implementation \"org.apache.flink:flink-connector-kafka:3.2.0-1.19\"\n\
                   implementation \"co.elastic.clients:elasticsearch-java:latest.release\"\n\
                 }\n\
                 'unterminated\n\"also\n/* never closed",
            )],
        );
        assert_eq!(targets(&root, "Job.java"), Targets::NONE);
        std::fs::remove_dir_all(&root).expect("clean up");
    }

    #[test]
    fn garbage_scripts_end_quickly() {
        let mut garbage = String::new();
        for i in 0..20_000u32 {
            garbage.push_str(
                [
                    "\"${", "'", "x = ", "{", "}", "é", "/*", "*/", "\"", "$a.", "\n",
                ][(i as usize * 7) % 11],
            );
        }
        let started = std::time::Instant::now();
        let script = parse(&garbage, false);
        assert!(script.coordinates.is_empty());
        let script = parse(&garbage, true);
        assert!(script.plugins.is_empty());
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
        // Cycles between variables are unknown.
        let root = tree(
            "gradle-cycle",
            &[(
                "build.gradle",
                "ext { a = \"$b\"; b = \"$a\" }\nimplementation \"org.apache.flink:flink-core:$a\"\n",
            )],
        );
        assert_eq!(targets(&root, "Job.java"), Targets::NONE);
        std::fs::remove_dir_all(&root).expect("clean up");
    }

    #[test]
    fn references_name_variables_in_the_common_spellings() {
        for (expression, name) in [
            ("flinkVersion", "flinkVersion"),
            ("project.flinkVersion", "flinkVersion"),
            ("rootProject.ext.flinkVersion", "flinkVersion"),
            ("property(\"flinkVersion\")", "flinkVersion"),
            (
                "project.findProperty('flinkVersion') as String",
                "flinkVersion",
            ),
            ("rootProject.extra[\"flinkVersion\"]", "flinkVersion"),
            (
                "providers.gradleProperty(\"flink.version\").get()",
                "flink.version",
            ),
        ] {
            assert!(
                matches!(name_of(expression), Some(Name::Plain(n)) if n == name),
                "{expression}"
            );
        }
        assert!(
            matches!(name_of("libs.versions.flink.version.get()"), Some(Name::Catalog(k)) if k == "flinkversion")
        );
        assert!(name_of("a + b").is_none());
        assert_eq!(next_reference("$a.b:c", false), Some(("a.b", ":c")));
        assert_eq!(next_reference("$a.b:c", true), Some(("a", ".b:c")));
        assert_eq!(next_reference("${x}y", true), Some(("x", "y")));
        assert_eq!(next_reference("$", true), None);
    }
}
