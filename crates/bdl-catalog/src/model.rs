//! The table rows the generator emits and the catalog types built on them.

use crate::Version;

/// How a catalog line was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Provenance {
    /// Read from that release's own key list (defaults files, generated option tables).
    Exact,
    /// The nearest exact line plus the changes documented in release notes. Keys added in
    /// that line and not named in the notes are missing, so a rule must not call a key
    /// unknown *because of* such a line; [`Lookup::Unknown`] is only ever given for keys
    /// that no line knows.
    Derived,
}

/// The product a catalog describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Product {
    Flink,
    /// Hadoop Common, HDFS, YARN and MapReduce (`core`, `hdfs`, `yarn`, `mapred` site files).
    Hadoop,
    Hbase,
    /// Spring Boot's Redis keys (`spring.redis.*`, `spring.data.redis.*`) and datasource keys
    /// (`spring.datasource.*`).
    SpringBoot,
}

impl Product {
    pub const fn name(self) -> &'static str {
        match self {
            Self::Flink => "Flink",
            Self::Hadoop => "Hadoop",
            Self::Hbase => "HBase",
            Self::SpringBoot => "Spring Boot",
        }
    }
}

/// A `*-site.xml` file a Hadoop or HBase key is documented for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SiteFile {
    Core,
    Hdfs,
    Yarn,
    Mapred,
    Hbase,
}

impl SiteFile {
    pub const ALL: [Self; 5] = [
        Self::Core,
        Self::Hdfs,
        Self::Yarn,
        Self::Mapred,
        Self::Hbase,
    ];

    /// The site file users edit: `core-site.xml`, `hdfs-site.xml`, …
    pub const fn site_name(self) -> &'static str {
        match self {
            Self::Core => "core-site.xml",
            Self::Hdfs => "hdfs-site.xml",
            Self::Yarn => "yarn-site.xml",
            Self::Mapred => "mapred-site.xml",
            Self::Hbase => "hbase-site.xml",
        }
    }

    /// The site file of a file name (`/etc/hadoop/hdfs-site.xml` → `Hdfs`).
    pub fn from_file_name(path: &str) -> Option<Self> {
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        Self::ALL.into_iter().find(|f| f.site_name() == name)
    }

    const fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// A set of [`SiteFile`]s (a few Hadoop keys are documented in two defaults files).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct SiteFiles(pub(crate) u8);

impl SiteFiles {
    pub const fn contains(self, file: SiteFile) -> bool {
        self.0 & file.bit() != 0
    }

    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn iter(self) -> impl Iterator<Item = SiteFile> {
        SiteFile::ALL.into_iter().filter(move |f| self.contains(*f))
    }
}

/// What a catalog says about one key in its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    /// A documented key of this line.
    Known(KeyInfo),
    /// Still accepted in this line, but deprecated: use `replacement` (a key) when given.
    /// `since` is the line that deprecated it, when the sources say.
    Deprecated {
        replacement: Option<&'static str>,
        since: Option<Version>,
    },
    /// Known in an earlier line, gone (or without effect) from `in_version` on. `hint` is a
    /// replacement key when there is one.
    Removed {
        in_version: Version,
        hint: Option<&'static str>,
    },
    /// Not in this line, but in a later one (`since`): the key needs a newer release.
    NotYet { since: Version },
    /// Matches a documented key with a variable part, a pass-through prefix or a namespace
    /// the catalog does not enumerate. Never report such a key as unknown.
    Pattern {
        template: &'static str,
        kind: PatternKind,
    },
    /// Not a key family this catalog covers (e.g. `spring.jpa.show-sql` for the Spring Boot
    /// catalog). Say nothing.
    OutOfScope,
    /// No line of this product knows the key and no pattern matches it.
    Unknown,
}

impl Lookup {
    /// True for [`Lookup::Unknown`] only.
    pub const fn is_unknown(&self) -> bool {
        matches!(self, Self::Unknown)
    }
}

/// A documented key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyInfo {
    /// The key as documented. For a non-deprecated alternative spelling (a Flink fallback
    /// key, a relaxed Spring spelling) this is the canonical key.
    pub key: &'static str,
    /// The documented type (`Duration`, `MemorySize`, `Boolean`, `int`, …); `None` when the
    /// source gives none (Hadoop and HBase defaults files, keys known only from release
    /// notes or alias tables).
    pub ty: Option<&'static str>,
    /// The default as documented, verbatim (Flink shows strings quoted: `"hashmap"`;
    /// Hadoop values may be empty or contain `${…}`); `None` when there is none.
    pub default: Option<&'static str>,
    /// The first modelled line that has the key, when that is not the product's first one.
    pub since: Option<Version>,
    /// The site files the key is documented for (Hadoop and HBase; empty otherwise).
    pub files: SiteFiles,
}

/// The kind of a [`Lookup::Pattern`] match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PatternKind {
    /// A documented key with placeholders: `metrics.reporter.<name>.factory.class`,
    /// `dfs.namenode.rpc-address.<nameservice>.<namenode>`.
    Template,
    /// Handed on to another system: `flink.hadoop.*`, `hbase.zookeeper.property.*`.
    PassThrough,
    /// A namespace whose keys live in plugin or connector code and are not enumerated:
    /// `fs.s3a.*`, `containerized.master.env.*`, `table.exec.hive.*`.
    Open,
    /// An entry of a map-typed option written as nested keys:
    /// `kubernetes.jobmanager.labels.team` for the `Map` option `kubernetes.jobmanager.labels`.
    MapEntry,
}

/// A key pattern. In `template`, `<name>` stands for one dotted segment and a trailing `*`
/// for one or more segments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pattern {
    pub template: &'static str,
    pub kind: PatternKind,
    /// Lines (bit per line) the pattern holds in.
    pub(crate) lines: u8,
}

impl Pattern {
    pub(crate) const fn all(template: &'static str, kind: PatternKind) -> Self {
        Self {
            template,
            kind,
            lines: u8::MAX,
        }
    }

    /// Whether `key` matches the template.
    pub fn matches(&self, key: &str) -> bool {
        let mut keys = key.split('.');
        let mut parts = self.template.split('.').peekable();
        while let Some(part) = parts.next() {
            if part == "*" && parts.peek().is_none() {
                return keys.next().is_some_and(|s| !s.is_empty()) && keys.all(|s| !s.is_empty());
            }
            let Some(segment) = keys.next() else {
                return false;
            };
            let placeholder = part.starts_with('<') && part.ends_with('>');
            if segment.is_empty() || (!placeholder && part != segment) {
                return false;
            }
        }
        keys.next().is_none()
    }
}

/// A string of a product's text blob: start (20 bits) and length (12 bits), or none. The
/// tables hold these instead of `&str` so that they need no pointer, hence no relocation,
/// and take 4 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Text(u32);

impl Text {
    pub(crate) const NONE: Self = Self(u32::MAX);

    pub(crate) const fn at(packed: u32) -> Self {
        Self(packed)
    }

    /// The string in `blob`; `None` for [`Text::NONE`] (or a span outside the blob, which
    /// the generator never writes).
    pub(crate) fn get(self, blob: &'static str) -> Option<&'static str> {
        if self == Self::NONE {
            return None;
        }
        let start = (self.0 >> 12) as usize;
        let len = (self.0 & 0xfff) as usize;
        blob.get(start..start + len)
    }
}

/// One key of a product across all its modelled lines. Bit `i` of a line mask is line `i`
/// of the product (oldest first).
#[derive(Debug, Clone, Copy)]
pub(crate) struct KeyRow {
    pub key: Text,
    pub ty: Text,
    pub default: Text,
    /// Lines where the key is its own option.
    pub lines: u8,
    /// Lines where it is its own option but deprecated.
    pub deprecated: u8,
    pub files: u8,
    /// Lines that use `old_default` instead of `default`.
    pub old_default_lines: u8,
    pub old_default: Text,
    /// The replacement (deprecated or removed key) or a removal hint.
    pub replacement: Text,
    pub deprecated_since: Option<Version>,
    /// The version the key stopped working, when the sources give it.
    pub removed_in: Option<Version>,
}

/// An old spelling accepted in some lines for a current key.
#[derive(Debug, Clone, Copy)]
pub(crate) struct AliasRow {
    pub old: Text,
    pub new: Text,
    pub lines: u8,
    /// `false` for a Flink fallback key that is an accepted alternative, not deprecated.
    pub deprecated: bool,
    pub since: Option<Version>,
}

/// The tables of one product, shared by all its lines.
#[derive(Debug)]
pub(crate) struct Tables {
    pub product: Product,
    /// The modelled lines, oldest first: bit `i` of every mask is `versions[i]`.
    pub versions: &'static [Version],
    /// Every string of the tables.
    pub text: &'static str,
    /// Sorted by key (byte order), one row per key.
    pub keys: &'static [KeyRow],
    /// Sorted by (old, new).
    pub aliases: &'static [AliasRow],
    /// Patterns from the source data (Flink's `<name>` keys), checked after the
    /// hand-written ones.
    pub patterns: &'static [Pattern],
}

impl Tables {
    pub(crate) fn str(&self, text: Text) -> Option<&'static str> {
        text.get(self.text)
    }

    /// A row's key (empty only for a corrupt table, which the drift test rules out).
    pub(crate) fn key(&self, row: &KeyRow) -> &'static str {
        self.str(row.key).unwrap_or_default()
    }

    pub(crate) fn alias(&self, alias: &AliasRow) -> &'static str {
        self.str(alias.old).unwrap_or_default()
    }

    pub(crate) fn target(&self, alias: &AliasRow) -> &'static str {
        self.str(alias.new).unwrap_or_default()
    }
}

/// A key row, as the generated tables spell it (`k(…)` there): key, type, default, lines,
/// site files. Strings are packed [`Text`] spans; `u32::MAX` is none.
pub(crate) const fn key(key: u32, ty: u32, default: u32, lines: u8, files: u8) -> KeyRow {
    KeyRow {
        key: Text::at(key),
        ty: Text::at(ty),
        default: Text::at(default),
        lines,
        deprecated: 0,
        files,
        old_default_lines: 0,
        old_default: Text::NONE,
        replacement: Text::NONE,
        deprecated_since: None,
        removed_in: None,
    }
}

/// An alias row, as the generated tables spell it (`a(…)` there).
pub(crate) const fn alias(
    old: u32,
    new: u32,
    lines: u8,
    deprecated: bool,
    since: Option<Version>,
) -> AliasRow {
    AliasRow {
        old: Text::at(old),
        new: Text::at(new),
        lines,
        deprecated,
        since,
    }
}

impl KeyRow {
    pub(crate) const fn deprecated(self, lines: u8, since: Option<Version>) -> Self {
        Self {
            deprecated: lines,
            deprecated_since: since,
            ..self
        }
    }

    pub(crate) const fn replacement(self, replacement: u32) -> Self {
        Self {
            replacement: Text::at(replacement),
            ..self
        }
    }

    pub(crate) const fn removed_in(self, version: Version) -> Self {
        Self {
            removed_in: Some(version),
            ..self
        }
    }

    pub(crate) const fn old_default(self, lines: u8, default: u32) -> Self {
        Self {
            old_default_lines: lines,
            old_default: Text::at(default),
            ..self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Pattern, PatternKind};

    #[test]
    fn placeholders_take_one_segment_and_a_trailing_star_the_rest() {
        let nn = Pattern::all("dfs.namenode.rpc-address.<ns>.<nn>", PatternKind::Template);
        assert!(nn.matches("dfs.namenode.rpc-address.ns1.nn1"));
        assert!(!nn.matches("dfs.namenode.rpc-address.ns1"));
        assert!(!nn.matches("dfs.namenode.rpc-address.ns1.nn1.x"));
        assert!(!nn.matches("dfs.namenode.rpc-address..nn1"));
        let reporter = Pattern::all("metrics.reporter.<name>.*", PatternKind::Template);
        assert!(reporter.matches("metrics.reporter.prom.port"));
        assert!(reporter.matches("metrics.reporter.prom.filter.includes"));
        assert!(!reporter.matches("metrics.reporter.prom"));
        assert!(!reporter.matches("metrics.reporter.prom."));
        assert!(!reporter.matches("metrics.reporters.prom.port"));
    }
}
