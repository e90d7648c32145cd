//! Configuration sets: the `*-site.xml` files of one directory, read together as Hadoop and
//! HBase read them.
//!
//! A Hadoop process loads `core-site.xml`, then the files of its services (`hdfs-site.xml`,
//! `yarn-site.xml`, `mapred-site.xml`), and an HBase client `hbase-site.xml` on top of them, all
//! into one `Configuration`: a key may be set in any of them, `${var}` references resolve across
//! them, and a property marked `<final>` in an earlier file cannot be overridden by a later
//! one. [`SiteSet`] is that view for the file a rule checks, with its neighbours read through
//! [`crate::ProjectView::sibling`] (once per run). A rule reports only in the file it checks;
//! a fact from a neighbour goes into the message with its file and line.

use std::sync::Arc;

use bdl_core::FileKind;

use super::expand::{self, Expanded, Fallback};
use super::{ConfigFile, Entry};
use crate::view::Sibling;

/// The site files that form one configuration, in the order they are loaded.
pub const SITE_FILES: [&str; 5] = [
    "core-site.xml",
    "hdfs-site.xml",
    "yarn-site.xml",
    "mapred-site.xml",
    "hbase-site.xml",
];

/// The file that holds an entry of a [`SiteSet`].
#[derive(Clone, Copy, Debug)]
pub enum Source<'s> {
    /// The checked file: the entry's spans point into it.
    This,
    /// A neighbour; its spans point into that file.
    Sibling(&'s Sibling),
}

/// An entry of a [`SiteSet`] and the file it is written in.
#[derive(Clone, Copy, Debug)]
pub struct Found<'s> {
    pub entry: &'s Entry,
    pub source: Source<'s>,
}

impl Found<'_> {
    /// Whether the entry is written in the checked file, so a rule may report at it.
    pub fn is_here(&self) -> bool {
        matches!(self.source, Source::This)
    }

    /// Where a neighbour's entry is written, for a message (`hdfs-site.xml:12`); `None` for
    /// an entry of the checked file, which a rule reports at instead.
    pub fn elsewhere(&self) -> Option<String> {
        match self.source {
            Source::This => None,
            Source::Sibling(file) => Some(format!(
                "{}:{}",
                file.name,
                file.line_col(self.entry.key_span).line
            )),
        }
    }
}

/// The checked site file with the site files beside it.
pub struct SiteSet<'f> {
    this: &'f ConfigFile<'f>,
    /// The position of the checked file in [`SITE_FILES`].
    position: usize,
    /// The neighbours that exist, by their position in [`SITE_FILES`].
    others: Vec<(usize, Arc<Sibling>)>,
}

impl<'f> SiteSet<'f> {
    /// The set of `file`, checked at `path`; `None` when the file is not one of [`SITE_FILES`]
    /// (compared without regard to case).
    pub fn of(file: &'f ConfigFile<'f>, path: &str) -> Option<Self> {
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        let position = SITE_FILES
            .iter()
            .position(|s| s.eq_ignore_ascii_case(name))?;
        let project = file.project();
        let others = SITE_FILES
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != position)
            .filter_map(|(i, name)| Some((i, project.sibling(name, FileKind::HadoopXml)?)))
            .collect();
        Some(Self {
            this: file,
            position,
            others,
        })
    }

    /// The name of the checked file, as in [`SITE_FILES`].
    pub fn this_name(&self) -> &'static str {
        SITE_FILES[self.position]
    }

    /// Whether the site file `name` is part of the set (the checked file or a neighbour).
    pub fn has(&self, name: &str) -> bool {
        self.this_name().eq_ignore_ascii_case(name)
            || self
                .others
                .iter()
                .any(|(i, _)| SITE_FILES[*i].eq_ignore_ascii_case(name))
    }

    /// The members in load order, with their entries.
    fn members(&self) -> impl Iterator<Item = (Source<'_>, &[Entry])> + '_ {
        let mut members: Vec<(usize, Source<'_>, &[Entry])> = self
            .others
            .iter()
            .map(|(i, s)| (*i, Source::Sibling(s.as_ref()), s.entries.as_slice()))
            .collect();
        members.push((self.position, Source::This, self.this.entries.as_slice()));
        members.sort_by_key(|(i, _, _)| *i);
        members
            .into_iter()
            .map(|(_, source, entries)| (source, entries))
    }

    /// The entry that takes effect for `key` across the set: the last definition in load
    /// order, unless an earlier one is final.
    pub fn get(&self, key: &str) -> Option<Found<'_>> {
        let mut found: Option<Found<'_>> = None;
        for (source, entries) in self.members() {
            for entry in entries.iter().filter(|e| e.key == key) {
                if found.is_some_and(|f| f.entry.is_final) {
                    return found;
                }
                found = Some(Found { entry, source });
            }
        }
        found
    }

    /// Every entry of the set whose key satisfies `wanted`, in load order (definitions that
    /// a later or final one overrides included).
    pub fn entries_where<'s>(
        &'s self,
        wanted: impl Fn(&str) -> bool + 's,
    ) -> impl Iterator<Item = Found<'s>> + 's {
        self.members().flat_map(move |(source, entries)| {
            entries
                .iter()
                .filter(|e| wanted(&e.key))
                .map(move |entry| Found { entry, source })
                .collect::<Vec<_>>()
        })
    }

    /// The value of `key` with `${…}` references expanded across the set; `None` when the key
    /// is not set, or a reference cannot be resolved from the set (`${user.name}`, `${env.X}`).
    pub fn value(&self, key: &str) -> Option<String> {
        self.expand(&self.get(key)?.entry.value)
    }

    /// `value` with `${name}` references resolved from the set, as Hadoop does (see
    /// [`super::expand`]); `None` when one cannot be resolved.
    pub fn expand(&self, value: &str) -> Option<String> {
        self.expand_with(value, |_| None).known()
    }

    /// [`SiteSet::expand`] with a second source, `fallback`, for the references the set does
    /// not define (a product's defaults, system properties kept as written); what neither
    /// resolves stays as written and makes the result incomplete.
    pub fn expand_with<'d>(
        &'d self,
        value: &str,
        mut fallback: impl FnMut(&str) -> Option<Fallback<'d>>,
    ) -> Expanded {
        expand::expand(value, |name| match self.get(name) {
            Some(found) => Some(Fallback::Value(&found.entry.value)),
            None => fallback(name),
        })
    }
}

/// A boolean as Hadoop's `getBoolean` reads it: `true` or `false` in any case, anything else
/// is not a boolean (and Hadoop falls back to the default).
pub fn boolean(value: &str) -> Option<bool> {
    let value = value.trim();
    if value.eq_ignore_ascii_case("true") {
        Some(true)
    } else if value.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// An integer as Hadoop's `getInt` / `getLong` reads it: decimal with an optional sign, or
/// hexadecimal with `0x`.
pub fn integer(text: &str) -> Option<i64> {
    let text = text.trim();
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let magnitude = if let Some(hex) = digits
        .strip_prefix("0x")
        .or_else(|| digits.strip_prefix("0X"))
    {
        i64::from_str_radix(hex, 16).ok()?
    } else if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        digits.parse().ok()?
    } else {
        return None;
    };
    Some(if negative { -magnitude } else { magnitude })
}

#[cfg(test)]
mod tests {
    use std::fmt::Write;

    use super::*;

    #[test]
    fn booleans_and_integers_parse_like_hadoop() {
        assert_eq!(boolean(" FALSE "), Some(false));
        assert_eq!(boolean("True"), Some(true));
        assert_eq!(boolean("no"), None);
        assert_eq!(integer("0x10"), Some(16));
        assert_eq!(integer("-0X10"), Some(-16));
        assert_eq!(integer(" +7 "), Some(7));
        assert_eq!(integer("-1"), Some(-1));
        assert_eq!(integer("1.5"), None);
        assert_eq!(integer(""), None);
        assert_eq!(integer("-"), None);
        assert_eq!(integer("3.0"), None);
        assert_eq!(integer("99999999999999999999"), None);
    }
    use crate::project::testing::tree;
    use crate::project::{Projects, TargetOptions};

    fn site(properties: &[(&str, &str, bool)]) -> String {
        let mut xml = String::from("<?xml version=\"1.0\"?>\n<configuration>\n");
        for (name, value, fin) in properties {
            let fin = if *fin { "<final>true</final>" } else { "" };
            let _ = writeln!(
                xml,
                "  <property>\n    <name>{name}</name>\n    <value>{value}</value>{fin}\n  </property>"
            );
        }
        xml.push_str("</configuration>\n");
        xml
    }

    #[test]
    fn neighbours_are_read_together_in_load_order() {
        let core = site(&[
            ("fs.defaultFS", "hdfs://nn1:8020", false),
            ("hadoop.tmp.dir", "/data/tmp", false),
            ("io.file.buffer.size", "4096", true),
        ]);
        let hdfs = site(&[
            ("dfs.nameservices", "ns1", false),
            (
                "dfs.namenode.name.dir",
                "file://${hadoop.tmp.dir}/name",
                false,
            ),
            ("io.file.buffer.size", "8192", false),
        ]);
        let root = tree(
            "siteset",
            &[
                ("conf/core-site.xml", &core),
                ("conf/hdfs-site.xml", &hdfs),
                ("conf/other.xml", &core),
                ("elsewhere/yarn-site.xml", &core),
            ],
        );
        let projects = Projects::new(&TargetOptions::default());
        let path = root.join("conf/hdfs-site.xml");
        let view = projects.for_file(&path);
        let file = ConfigFile::parse(FileKind::HadoopXml, &hdfs).in_project(&view);
        let set = SiteSet::of(&file, "conf/hdfs-site.xml").expect("a site file");
        assert_eq!(set.this_name(), "hdfs-site.xml");
        assert!(set.has("core-site.xml") && !set.has("yarn-site.xml"));
        let fs = set.get("fs.defaultFS").expect("from core-site.xml");
        assert!(!fs.is_here());
        assert_eq!(fs.elsewhere().as_deref(), Some("core-site.xml:4"));
        assert!(set.get("dfs.nameservices").is_some_and(|f| f.is_here()));
        // `${…}` resolves across the files.
        assert_eq!(
            set.value("dfs.namenode.name.dir").as_deref(),
            Some("file:///data/tmp/name")
        );
        // core-site.xml loads first and marks the key final: hdfs-site.xml cannot override it.
        assert_eq!(
            set.get("io.file.buffer.size")
                .map(|f| f.entry.value.as_str()),
            Some("4096")
        );
        assert_eq!(set.entries_where(|k| k.starts_with("io.")).count(), 2);
        // Unknown references stay unknown.
        assert_eq!(set.expand("/tmp/${user.name}"), None);
        // Only the five site files form sets.
        let other = ConfigFile::parse(FileKind::HadoopXml, &core).in_project(&view);
        assert!(SiteSet::of(&other, "conf/other.xml").is_none());
        std::fs::remove_dir_all(&root).expect("clean up");
    }

    #[test]
    fn a_file_alone_is_a_set_of_one() {
        let text = site(&[("fs.defaultFS", "hdfs://${host}:8020", false)]);
        let file = ConfigFile::parse(FileKind::HadoopXml, &text);
        let set = SiteSet::of(&file, "core-site.xml").expect("a site file");
        assert!(set.has("core-site.xml") && !set.has("hdfs-site.xml"));
        assert_eq!(set.value("fs.defaultFS"), None);
        assert_eq!(set.expand("${fs.defaultFS}x"), None);
    }
}
