//! Gradle's version catalog, `gradle/libs.versions.toml`: the subset of TOML it uses.
//!
//! ```toml
//! [versions]
//! flink = "1.20.0"
//! spring-boot = { strictly = "3.2.5" }
//!
//! [libraries]
//! flink-streaming = { module = "org.apache.flink:flink-streaming-java", version.ref = "flink" }
//! flink-core = { group = "org.apache.flink", name = "flink-core", version = "1.20.0" }
//! jedis = "redis.clients:jedis:5.1.0"
//!
//! [plugins]
//! spring-boot = { id = "org.springframework.boot", version.ref = "spring-boot" }
//! ```
//!
//! Read line by line: section headers, `key = value` with a string or an inline table (which
//! may span lines until its braces close). A rich version (`{ strictly = …, prefer = … }`)
//! counts by `prefer`, else `strictly`, else `require`. Anything else is skipped; brackets
//! left open make the whole file unknown, as Gradle rejects it.

use std::collections::BTreeMap;

use bdl_core::{Product, Span};

use super::artifacts::{Rank, product_of, product_of_plugin};
use crate::build::{self, Declared, is_maven_id};

/// Nesting of inline tables read (a version table inside a library table is two).
const MAX_NESTING: usize = 4;
/// Entries kept per section; real catalogs stay far below.
const MAX_ENTRIES: usize = 4096;
/// The longest entry read (an inline table over several lines).
const MAX_ENTRY_LEN: usize = 64 * 1024;

/// How a library or plugin gives its version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum CatalogVersion {
    Literal(String),
    /// `version.ref = "key"`: a key of `[versions]`.
    Ref(String),
}

/// A library, or a plugin of a known product.
#[derive(Debug)]
pub(super) struct CatalogEntry {
    /// `library` or `plugin`.
    pub(super) section: &'static str,
    pub(super) alias: String,
    pub(super) version: CatalogVersion,
    /// A library's coordinates (empty for a plugin).
    group: String,
    artifact: String,
    /// The product whose version it carries, if any.
    product: Option<(Product, Rank)>,
    /// The alias in the catalog.
    span: Span,
}

#[derive(Debug, Default)]
pub(super) struct Catalog {
    versions: BTreeMap<String, String>,
    entries: Vec<CatalogEntry>,
}

impl Catalog {
    /// The entries of `product`, the core artifact first.
    pub(super) fn entries(&self, product: Product) -> impl Iterator<Item = &CatalogEntry> + '_ {
        let mut found: Vec<(Rank, &CatalogEntry)> = self
            .entries
            .iter()
            .filter_map(|e| match e.product {
                Some((p, rank)) if p == product => Some((rank, e)),
                _ => None,
            })
            .collect();
        found.sort_by_key(|(rank, _)| *rank);
        found.into_iter().map(|(_, e)| e)
    }

    /// The libraries, as dependencies: a `version.ref` resolves within the catalog.
    pub(super) fn dependencies(&self) -> Vec<build::Dependency> {
        self.entries
            .iter()
            .filter(|e| e.section == "library")
            .map(|e| {
                let (written, resolved, origin) = match &e.version {
                    CatalogVersion::Literal(v) => (v.clone(), Some(v.clone()), None),
                    CatalogVersion::Ref(key) => (
                        key.clone(),
                        self.version(key).map(str::to_owned),
                        Some(format!("version {key}")),
                    ),
                };
                build::Dependency {
                    group: e.group.clone(),
                    artifact: e.artifact.clone(),
                    written: Some(written),
                    resolved: resolved
                        .map(|v| v.trim().to_owned())
                        .filter(|v| !v.is_empty()),
                    origin,
                    declared: Declared::Catalog,
                    span: e.span,
                }
            })
            .collect()
    }

    pub(super) fn version(&self, key: &str) -> Option<&str> {
        self.versions.get(key).map(String::as_str)
    }

    pub(super) fn versions(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.versions.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

/// A TOML value, as far as catalogs need one.
#[derive(Debug, PartialEq, Eq)]
enum Toml {
    Str(String),
    /// Dotted keys joined with `.`.
    Table(Vec<(String, Toml)>),
    Other,
}

impl Toml {
    fn get(&self, key: &str) -> Option<&Self> {
        match self {
            Self::Table(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    fn str(&self) -> Option<&str> {
        match self {
            Self::Str(s) => Some(s),
            _ => None,
        }
    }

    /// A version: a string, or a rich version table.
    fn version(&self) -> Option<&str> {
        self.str().or_else(|| {
            ["prefer", "strictly", "require"]
                .iter()
                .find_map(|k| self.get(k).and_then(Self::str))
        })
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Versions,
    Libraries,
    Plugins,
    Other,
}

pub(super) fn parse(full: &str) -> Catalog {
    let text = full.strip_prefix('\u{feff}').unwrap_or(full);
    let base = full.len() - text.len();
    let mut catalog = Catalog::default();
    let mut section = Section::Other;
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if trimmed.starts_with('[') {
            section = match trimmed.split('#').next().unwrap_or_default().trim() {
                "[versions]" => Section::Versions,
                "[libraries]" => Section::Libraries,
                "[plugins]" => Section::Plugins,
                _ => Section::Other,
            };
            continue;
        }
        // An inline table or array may go on over the next lines until its brackets close.
        let mut entry = trimmed.to_owned();
        let mut depth = open_brackets(trimmed);
        while depth > 0 && entry.len() <= MAX_ENTRY_LEN {
            let Some(next) = lines.next() else { break };
            depth += open_brackets(next);
            entry.push('\n');
            entry.push_str(next);
        }
        if depth > 0 {
            // Brackets left open to the end, or over the bound: not TOML, and Gradle rejects
            // the whole file.
            return Catalog::default();
        }
        if section == Section::Other {
            continue;
        }
        let mut parser = Parser {
            bytes: entry.as_bytes(),
            text: &entry,
            pos: 0,
        };
        let Some(key) = parser.key() else { continue };
        parser.blanks();
        if !parser.eat(b'=') {
            continue;
        }
        let value = parser.value(0);
        // `trimmed` is a slice of `text`: the alias is where it starts, up to the `=`.
        let start = base + (trimmed.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
        let alias_len = trimmed
            .split('=')
            .next()
            .unwrap_or_default()
            .trim_end()
            .len();
        let span = if start <= full.len() {
            Span::new(start, (start + alias_len).min(full.len()))
        } else {
            Span::new(full.len(), full.len())
        };
        catalog.add(section, key, &value, span);
    }
    catalog
}

/// How many more `{` and `[` than `}` and `]` one line opens (outside strings and comments).
fn open_brackets(line: &str) -> i64 {
    let mut depth = 0i64;
    let mut quote = None;
    let mut escaped = false;
    for c in line.chars() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' && q == '"' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None => match c {
                '"' | '\'' => quote = Some(c),
                '{' | '[' => depth += 1,
                '}' | ']' => depth -= 1,
                '#' => break,
                _ => {}
            },
        }
    }
    depth
}

impl Catalog {
    fn add(&mut self, section: Section, alias: String, value: &Toml, span: Span) {
        match section {
            Section::Versions => {
                if let Some(version) = value.version()
                    && self.versions.len() < MAX_ENTRIES
                {
                    self.versions.insert(alias, version.to_owned());
                }
            }
            Section::Libraries => {
                let (group, artifact, version) = match value {
                    // `"group:artifact:version"`
                    Toml::Str(text) => {
                        let mut parts = text.splitn(3, ':');
                        let (Some(g), Some(a), Some(v)) =
                            (parts.next(), parts.next(), parts.next())
                        else {
                            return;
                        };
                        (g, a, Some(CatalogVersion::Literal(v.to_owned())))
                    }
                    Toml::Table(_) => {
                        let (g, a) = match value.get("module").and_then(Toml::str) {
                            Some(module) => {
                                let Some(split) = module.split_once(':') else {
                                    return;
                                };
                                split
                            }
                            None => match (
                                value.get("group").and_then(Toml::str),
                                value.get("name").and_then(Toml::str),
                            ) {
                                (Some(g), Some(a)) => (g, a),
                                _ => return,
                            },
                        };
                        (g, a, table_version(value))
                    }
                    Toml::Other => return,
                };
                let (group, artifact) = (group.trim(), artifact.trim());
                if let Some(version) = version
                    && is_maven_id(group)
                    && is_maven_id(artifact)
                {
                    self.push(CatalogEntry {
                        section: "library",
                        alias,
                        version,
                        group: group.to_owned(),
                        artifact: artifact.to_owned(),
                        product: product_of(group, artifact),
                        span,
                    });
                }
            }
            Section::Plugins => {
                let (id, version) = match value {
                    // `"id:version"`
                    Toml::Str(text) => {
                        let Some((id, v)) = text.rsplit_once(':') else {
                            return;
                        };
                        (id, Some(CatalogVersion::Literal(v.to_owned())))
                    }
                    Toml::Table(_) => {
                        let Some(id) = value.get("id").and_then(Toml::str) else {
                            return;
                        };
                        (id, table_version(value))
                    }
                    Toml::Other => return,
                };
                if let (Some(product), Some(version)) = (product_of_plugin(id.trim()), version) {
                    self.push(CatalogEntry {
                        section: "plugin",
                        alias,
                        version,
                        group: String::new(),
                        artifact: String::new(),
                        product: Some((product, 0)),
                        span,
                    });
                }
            }
            Section::Other => {}
        }
    }

    fn push(&mut self, entry: CatalogEntry) {
        if self.entries.len() < MAX_ENTRIES {
            self.entries.push(entry);
        }
    }
}

/// The version of a library or plugin table: `version = "…"`, `version.ref = "…"`,
/// `version = { ref = "…" }` or a rich version.
fn table_version(table: &Toml) -> Option<CatalogVersion> {
    if let Some(key) = table.get("version.ref").and_then(Toml::str) {
        return Some(CatalogVersion::Ref(key.to_owned()));
    }
    let version = table.get("version")?;
    if let Some(key) = version.get("ref").and_then(Toml::str) {
        return Some(CatalogVersion::Ref(key.to_owned()));
    }
    version
        .version()
        .map(|v| CatalogVersion::Literal(v.to_owned()))
}

struct Parser<'t> {
    bytes: &'t [u8],
    text: &'t str,
    pos: usize,
}

impl Parser<'_> {
    fn peek(&self) -> u8 {
        self.bytes.get(self.pos).copied().unwrap_or(0)
    }

    fn blanks(&mut self) {
        while matches!(self.peek(), b' ' | b'\t' | b'\r' | b'\n') {
            self.pos += 1;
        }
    }

    fn eat(&mut self, b: u8) -> bool {
        self.blanks();
        if self.peek() == b {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// A key: bare (`flink-core`), quoted, or dotted (`version.ref`), parts joined with `.`.
    fn key(&mut self) -> Option<String> {
        let mut key = String::new();
        loop {
            self.blanks();
            let part = match self.peek() {
                b'"' | b'\'' => self.string()?,
                _ => {
                    let start = self.pos;
                    while self.peek().is_ascii_alphanumeric() || matches!(self.peek(), b'-' | b'_')
                    {
                        self.pos += 1;
                    }
                    if start == self.pos {
                        return None;
                    }
                    self.text.get(start..self.pos)?.to_owned()
                }
            };
            key.push_str(&part);
            self.blanks();
            if self.peek() == b'.' {
                self.pos += 1;
                key.push('.');
            } else {
                return Some(key);
            }
        }
    }

    /// A basic (`"…"`, with escapes) or literal (`'…'`) string on one line.
    fn string(&mut self) -> Option<String> {
        let quote = self.peek();
        self.pos += 1;
        let mut out = String::new();
        let rest = self.text.get(self.pos..)?;
        let mut chars = rest.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                c if c == char::from(quote) => {
                    self.pos += i + 1;
                    return Some(out);
                }
                '\n' => return None,
                '\\' if quote == b'"' => {
                    let (_, escaped) = chars.next()?;
                    out.push(match escaped {
                        'n' => '\n',
                        't' => '\t',
                        other => other,
                    });
                }
                c => out.push(c),
            }
        }
        None
    }

    fn value(&mut self, nesting: usize) -> Toml {
        self.blanks();
        match self.peek() {
            b'"' | b'\'' => self.string().map_or(Toml::Other, Toml::Str),
            b'{' if nesting < MAX_NESTING => {
                self.pos += 1;
                let mut entries = Vec::new();
                loop {
                    if self.eat(b'}') {
                        return Toml::Table(entries);
                    }
                    let Some(key) = self.key() else {
                        return Toml::Other;
                    };
                    if !self.eat(b'=') {
                        return Toml::Other;
                    }
                    let value = self.value(nesting + 1);
                    if value == Toml::Other {
                        return Toml::Other;
                    }
                    entries.push((key, value));
                    if !self.eat(b',') {
                        return if self.eat(b'}') {
                            Toml::Table(entries)
                        } else {
                            Toml::Other
                        };
                    }
                }
            }
            _ => Toml::Other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_versions_libraries_and_plugins() {
        let catalog = parse(
            "# comment\n[versions]\nflink = \"1.20.0\"\n'spring-boot' = { prefer = \"3.2.5\", strictly = \"[3.0,4.0[\" }\n\
             bad = [1, 2]\n\n\
             [libraries]\n\
             a = \"org.apache.flink:flink-core:1.19.0\"\n\
             b = { module = \"org.apache.flink:flink-streaming-java\", version = { ref = \"flink\" } }\n\
             c = { module = \"org.apache.flink:flink-connector-kafka\", version = \"3.2.0-1.19\" }\n\
             d = { module = \"redis.clients:jedis\" }\n\
             [bundles]\nall = [\"a\", \"b\"]\n\
             [plugins]\nboot = \"org.springframework.boot:3.3.1\"\n",
        );
        assert_eq!(catalog.version("flink"), Some("1.20.0"));
        assert_eq!(catalog.version("spring-boot"), Some("3.2.5"));
        assert_eq!(catalog.version("bad"), None);
        let flink: Vec<_> = catalog
            .entries(Product::Flink)
            .map(|e| (e.alias.as_str(), e.version.clone()))
            .collect();
        assert_eq!(
            flink,
            [
                ("b", CatalogVersion::Ref("flink".to_owned())),
                ("a", CatalogVersion::Literal("1.19.0".to_owned())),
            ]
        );
        assert_eq!(catalog.entries(Product::Jedis).count(), 0, "no version");
        let boot: Vec<_> = catalog
            .entries(Product::SpringBoot)
            .map(|e| e.section)
            .collect();
        assert_eq!(boot, ["plugin"]);
    }

    #[test]
    fn garbage_is_skipped() {
        for text in [
            "[versions]\nflink = {\n",
            "[versions]\nflink = \"1.20.0",
            "[versions]\n= \"1\"\nflink \"1\"\n{{{{{{{{{{\n",
            "[libraries]\na = { module = \"org.apache.flink:flink-core\", version = { ref = { ref = { ref = { ref = \"x\" } } } } }\n",
        ] {
            let catalog = parse(text);
            assert!(catalog.versions().next().is_none(), "{text}");
            assert_eq!(catalog.entries(Product::Flink).count(), 0, "{text}");
        }
        // An open brace reads a bounded entry, in one pass, and the file counts as broken.
        let text = format!("[versions]\nflink = {{\n{}", "x = \"1\"\n".repeat(100_000));
        let started = std::time::Instant::now();
        let catalog = parse(&text);
        assert!(catalog.versions().next().is_none());
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
    }
}
