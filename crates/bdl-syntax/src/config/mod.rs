//! The unified configuration model: every dialect becomes an ordered list of
//! `key -> value` entries with the byte spans of key and value.
//!
//! | dialect | module |
//! |---|---|
//! | Flink legacy `flink-conf.yaml` (flat lines, Flink's own parser) | [`flink_conf`] |
//! | Flink `config.yaml`, Spring `application*.yml` (YAML, nested maps flattened) | [`yaml`] |
//! | Flink SQL `SET 'k' = 'v';` | [`sql`] |
//! | Kubernetes `FlinkDeployment` / `FlinkSessionJob` (`spec.flinkConfiguration`) | [`flink_k8s`] |
//! | Hadoop / HBase `*-site.xml` | [`xml`] |
//! | Spring `application*.properties`, `spark-defaults.conf` | [`properties`] |
//!
//! Comments never produce entries, in any dialect: commented-out configuration does not count.

pub mod expand;
pub mod flink_conf;
pub mod flink_k8s;
pub mod properties;
pub mod set;
pub mod sql;
pub mod xml;
pub mod yaml;

use bdl_core::{FileKind, Span};

pub use expand::{Expanded, Fallback};

use crate::view::{NOWHERE, ProjectView};

/// One `key -> value` setting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The key as the product reads it: dotted, nested YAML maps joined with `.`.
    pub key: String,
    /// The value with quotes removed, escapes decoded and surrounding whitespace trimmed.
    pub value: String,
    /// Where the key is written (for nested YAML: the innermost key).
    pub key_span: Span,
    /// Where the value is written (the text between the quotes for quoted values).
    pub value_span: Span,
    /// Hadoop's `<final>true</final>`: later definitions of the key do not override it.
    pub is_final: bool,
}

/// Why (part of) a file could not be read as its dialect. Entries before the problem are kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub span: Span,
    pub message: String,
}

/// A configuration file in the unified model.
pub struct ConfigFile<'a> {
    pub kind: FileKind,
    pub text: &'a str,
    pub entries: Vec<Entry>,
    pub errors: Vec<ParseError>,
    project: &'a dyn ProjectView,
}

impl std::fmt::Debug for ConfigFile<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConfigFile")
            .field("kind", &self.kind)
            .field("entries", &self.entries)
            .field("errors", &self.errors)
            .finish_non_exhaustive()
    }
}

impl<'a> ConfigFile<'a> {
    /// Parses `text` as the dialect of `kind`. Never panics; problems land in `errors`.
    /// `kind` must be a configuration kind; for Java and build files the result is empty.
    pub fn parse(kind: FileKind, text: &'a str) -> Self {
        let (entries, errors) = match kind {
            FileKind::FlinkConf => flink_conf::parse(text),
            FileKind::FlinkYaml | FileKind::SpringYaml => yaml::parse(text),
            FileKind::FlinkSql => sql::parse(text),
            FileKind::HadoopXml => xml::parse(text),
            FileKind::SpringProperties | FileKind::SparkConf => properties::parse(text),
            FileKind::FlinkK8s => flink_k8s::parse(text),
            FileKind::Java
            | FileKind::MavenPom
            | FileKind::GradleScript
            | FileKind::GradleCatalog => (Vec::new(), Vec::new()),
        };
        Self {
            kind,
            text,
            entries,
            errors,
            project: &NOWHERE,
        }
    }

    /// A file of `kind` holding exactly `entries` (their spans point into `text`), with no
    /// errors: for tests that build entries the dialect parsers would not produce.
    pub fn from_entries(kind: FileKind, text: &'a str, entries: Vec<Entry>) -> Self {
        Self {
            kind,
            text,
            entries,
            errors: Vec::new(),
            project: &NOWHERE,
        }
    }

    /// The same file, seen in `project`: its neighbours and target versions.
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

    /// The entry that takes effect for `key`: the last definition, unless an earlier one is
    /// marked final (Hadoop), in which case the first final one.
    pub fn get(&self, key: &str) -> Option<&Entry> {
        effective(&self.entries, key)
    }

    /// The entries of each configuration the file holds, in order: one per resource of a
    /// Kubernetes manifest ([`FileKind::FlinkK8s`], each starting with its
    /// [`flink_k8s::RESOURCE_MARKER`]), the whole file for every other kind. [`ConfigFile::get`]
    /// looks across all of them; rules that compare settings look per configuration.
    pub fn documents(&self) -> Vec<&[Entry]> {
        if self.kind != FileKind::FlinkK8s {
            return vec![&self.entries[..]];
        }
        let mut out = Vec::new();
        let mut start = None;
        for (i, entry) in self.entries.iter().enumerate() {
            if entry.key == flink_k8s::RESOURCE_MARKER {
                if let Some(from) = start {
                    out.push(&self.entries[from..i]);
                }
                start = Some(i);
            }
        }
        if let Some(from) = start {
            out.push(&self.entries[from..]);
        }
        out
    }

    /// Every definition of `key`, in file order.
    pub fn all<'s>(&'s self, key: &'s str) -> impl Iterator<Item = &'s Entry> + 's {
        self.entries.iter().filter(move |e| e.key == key)
    }

    /// Expands `${name}` references in `value` from this file's entries, as Hadoop does (see
    /// [`expand`]). Returns `None` when a reference cannot be resolved from the file, such as
    /// `${user.name}` or `${env.X}`: the value is then unknown.
    pub fn expand(&self, value: &str) -> Option<String> {
        self.expand_with(value, |_| None)
    }

    /// [`ConfigFile::expand`] with a second source for the references the file does not
    /// define: `fallback(name)` gives the product's default for `name` (expanded in turn),
    /// [`Fallback::Keep`] for a reference the product resolves at run time (a system property
    /// such as `${user.name}`), which stays in the result as written, or `None`, which makes the
    /// value unknown.
    pub fn expand_with<'d>(
        &'d self,
        value: &str,
        fallback: impl Fn(&str) -> Option<Fallback<'d>>,
    ) -> Option<String> {
        expand::expand(value, |name| match self.get(name) {
            Some(entry) => Some(Fallback::Value(&entry.value)),
            None => fallback(name),
        })
        .known()
    }
}

/// The entry of `entries` that takes effect for `key`: the last definition, unless an earlier
/// one is marked final (Hadoop), in which case the first final one.
pub(crate) fn effective<'e>(entries: &'e [Entry], key: &str) -> Option<&'e Entry> {
    let mut found = None;
    for entry in entries.iter().filter(|e| e.key == key) {
        found = Some(entry);
        if entry.is_final {
            break;
        }
    }
    found
}

/// The lines of `text` from byte `pos` on, with their start offsets, without terminators.
/// Lines end at `\n`, `\r\n` or a lone `\r`, as Java's `BufferedReader.readLine` and
/// `Properties.load` end them (`flink-conf.yaml`, `.properties`).
pub(crate) struct Lines<'a> {
    pub(crate) text: &'a str,
    pub(crate) pos: usize,
}

impl<'a> Iterator for Lines<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.text.get(self.pos..).filter(|r| !r.is_empty())?;
        let start = self.pos;
        let (line, terminator) = match rest.find(['\n', '\r']) {
            Some(i) => {
                let terminator = if rest.get(i..).is_some_and(|r| r.starts_with("\r\n")) {
                    2
                } else {
                    1
                };
                (rest.get(..i).unwrap_or_default(), terminator)
            }
            None => (rest, 0),
        };
        self.pos = start + line.len() + terminator;
        Some((start, line))
    }
}

/// Parses thousands of random texts (bytes decoded lossily, mixed with `pieces` of the
/// dialect's syntax) and checks that nothing panics and every span is a valid slice.
#[cfg(test)]
fn random_parses_fit(parse: fn(&str) -> (Vec<Entry>, Vec<ParseError>), pieces: &[&str], seed: u64) {
    let mut state = seed;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..3000 {
        let len = next() % 64;
        let mut bytes = Vec::new();
        for _ in 0..len {
            let r = next();
            if r.is_multiple_of(3) {
                bytes.push((r >> 8) as u8);
            } else {
                let piece = pieces[(r >> 8) as usize % pieces.len()];
                bytes.extend_from_slice(piece.as_bytes());
            }
        }
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let (entries, errors) = parse(&text);
        for e in &entries {
            assert!(
                text.get(e.key_span.start..e.key_span.end).is_some(),
                "{text:?}"
            );
            assert!(
                text.get(e.value_span.start..e.value_span.end).is_some(),
                "{text:?}"
            );
        }
        for e in &errors {
            assert!(text.get(e.span.start..e.span.end).is_some(), "{text:?}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(text: &str) -> ConfigFile<'_> {
        ConfigFile::parse(FileKind::HadoopXml, text)
    }

    #[test]
    fn expansion_uses_the_file_then_the_fallback() {
        let text = "<configuration>\
            <property><name>base</name><value>/data</value></property>\
            <property><name>dir</name><value>${base}/x</value></property>\
            </configuration>";
        let file = site(text);
        assert_eq!(file.expand("${dir}/y").as_deref(), Some("/data/x/y"));
        assert_eq!(file.expand("${tmp}/y"), None);
        let defaults = |name: &str| match name {
            "tmp" => Some(Fallback::Value("${java.io.tmpdir}/t-${user.name}")),
            "java.io.tmpdir" | "user.name" => Some(Fallback::Keep),
            _ => None,
        };
        assert_eq!(
            file.expand_with("${tmp}/${base}", defaults).as_deref(),
            Some("${java.io.tmpdir}/t-${user.name}//data")
        );
        assert_eq!(file.expand_with("${nope}", defaults), None);
        // Without its `}` a `${` is plain text, as for Hadoop.
        assert_eq!(
            file.expand_with("${open", defaults).as_deref(),
            Some("${open")
        );
    }

    #[test]
    fn expansion_is_bounded() {
        let text = "<configuration>\
            <property><name>a</name><value>${a}${a}</value></property>\
            </configuration>";
        let file = site(text);
        assert_eq!(file.expand("${a}"), None);
        let keep = |_: &str| Some(Fallback::Keep);
        // Kept references cost no substitution: any number of them is fine.
        let many = "${k}".repeat(100);
        assert_eq!(file.expand_with(&many, keep), Some(many.clone()));
        assert_eq!(
            file.expand_with("${k}${k}", keep).as_deref(),
            Some("${k}${k}")
        );
    }
}
