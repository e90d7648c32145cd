//! The configuration a checked Hadoop site file belongs to, as the rules read it: the
//! `*-site.xml` files beside it (a [`SiteSet`]), a key and its deprecated names read as one
//! setting, `${var}` references expanded across the set and from Hadoop's defaults, and the
//! place of an entry for a message.
//!
//! A file named like a site file but not exactly (`etl-hdfs-site.xml`) is read on its own,
//! with the role its name ends with.

use bdl_catalog::hadoop;
use bdl_syntax::ConfigFile;
use bdl_syntax::config::expand::{self, Fallback};
use bdl_syntax::config::set::{Found, SiteSet, Source};
pub(crate) use bdl_syntax::config::set::{boolean, integer};

/// The Hadoop site file a checked file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    Core,
    Hdfs,
    Yarn,
    Mapred,
}

impl Role {
    pub(crate) const fn file_name(self) -> &'static str {
        match self {
            Self::Core => "core-site.xml",
            Self::Hdfs => "hdfs-site.xml",
            Self::Yarn => "yarn-site.xml",
            Self::Mapred => "mapred-site.xml",
        }
    }

    const ALL: [Self; 4] = [Self::Core, Self::Hdfs, Self::Yarn, Self::Mapred];

    /// The role of a file whose name is, or ends with, a Hadoop site file name.
    fn of_name(name: &str) -> Option<Self> {
        let lower = name.to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|r| lower.ends_with(r.file_name()))
    }
}

/// A value after `${…}` expansion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Expanded {
    /// The text, with the references that could not be resolved left as written.
    pub(crate) text: String,
    /// Whether every reference was resolved.
    pub(crate) complete: bool,
    /// References resolved from Hadoop's defaults, because the set does not define them.
    pub(crate) defaults: Vec<String>,
}

/// A setting as a rule reads it: the entry that takes effect, or Hadoop's default.
#[derive(Clone, Debug)]
pub(crate) struct Setting<'s> {
    /// The entry that takes effect; `None` when the set leaves the key to its default.
    pub(crate) found: Option<Found<'s>>,
    /// The name the value was read under (the key, or the deprecated name written).
    pub(crate) key: String,
    /// The value as written (trimmed), or the default.
    pub(crate) raw: String,
    pub(crate) value: Expanded,
}

impl Setting<'_> {
    /// Whether the value is Hadoop's default because the set does not set the key.
    pub(crate) fn is_default(&self) -> bool {
        self.found.is_none()
    }

    /// The entry, when it is written in the checked file (so a rule may report at it).
    pub(crate) fn here(&self) -> Option<&bdl_syntax::Entry> {
        self.found.filter(Found::is_here).map(|f| f.entry)
    }

    /// The fully expanded value, when every reference resolved.
    pub(crate) fn known(&self) -> Option<&str> {
        self.value.complete.then_some(self.value.text.trim())
    }
}

/// The checked site file and the site files beside it.
pub(crate) struct Conf<'f> {
    set: Option<SiteSet<'f>>,
    file: &'f ConfigFile<'f>,
    role: Role,
}

impl<'f> Conf<'f> {
    /// The configuration of `file`, checked at `path`; `None` unless the file is a Hadoop
    /// `core-`, `hdfs-`, `yarn-` or `mapred-site.xml` (an `hbase-site.xml` is not).
    pub(crate) fn of(file: &'f ConfigFile<'f>, path: &str) -> Option<Self> {
        if file.kind != bdl_core::FileKind::HadoopXml {
            return None;
        }
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        let role = Role::of_name(name)?;
        let set = SiteSet::of(file, path);
        Some(Self { set, file, role })
    }

    /// Whether the checked file is named exactly as a site file, so its neighbours are read.
    /// A file such as `etl-hdfs-site.xml` is an overlay read alone: rules report what it
    /// sets, never what it leaves to defaults.
    pub(crate) fn is_site_file(&self) -> bool {
        self.set.is_some()
    }

    /// Whether the set is a template (Jinja, Helm, Go templates): the checked file's text
    /// holds `{{` or `{%`, or a key of the set does. A template may add keys when it is
    /// rendered (`{% for key, value in site.items() %}`), so a key missing from it is not
    /// missing from the configuration it renders.
    pub(crate) fn is_template(&self) -> bool {
        let marked = |text: &str| text.contains("{{") || text.contains("{%");
        marked(self.file.text) || !self.entries_where(marked).is_empty()
    }

    /// Whether a key absent from the set is absent from the configuration: the checked file
    /// is named as a site file (so its neighbours were read) and the set is not a template.
    pub(crate) fn absence_is_known(&self) -> bool {
        self.is_site_file() && !self.is_template()
    }

    /// Which site file the checked file is.
    pub(crate) fn role(&self) -> Role {
        self.role
    }

    /// Whether the site file `role` is part of the set (the checked file or a neighbour).
    pub(crate) fn has(&self, role: Role) -> bool {
        match &self.set {
            Some(set) => set.has(role.file_name()),
            None => self.role == role,
        }
    }

    /// Every entry of the set whose key satisfies `wanted`, in load order. An
    /// `hbase-site.xml` beside the files is left out: HBase reads the Hadoop files, Hadoop's
    /// daemons and clients never read HBase's.
    pub(crate) fn entries_where(&self, wanted: impl Fn(&str) -> bool) -> Vec<Found<'_>> {
        match &self.set {
            Some(set) => set
                .entries_where(|_| true)
                .filter(|f| !is_hbase(f) && wanted(&f.entry.key))
                .collect(),
            None => self
                .file
                .entries
                .iter()
                .filter(|e| wanted(&e.key))
                .map(|entry| Found {
                    entry,
                    source: Source::This,
                })
                .collect(),
        }
    }

    /// The entry that takes effect for a setting written under any of `names` (a key and its
    /// deprecated names, which Hadoop reads as one): the last in load order, unless an
    /// earlier one is final.
    pub(crate) fn get_any(&self, names: &[&str]) -> Option<Found<'_>> {
        let mut found: Option<Found<'_>> = None;
        for entry in self.entries_where(|k| names.contains(&k)) {
            if found.is_some_and(|f| f.entry.is_final) {
                break;
            }
            found = Some(entry);
        }
        found
    }

    /// The entry that takes effect for `key`.
    pub(crate) fn get(&self, key: &str) -> Option<Found<'_>> {
        self.get_any(&[key])
    }

    /// The setting written under any of `names` (the first is the current key), or the
    /// default of `names[0]` when the set does not set it; `None` when it is neither set nor
    /// documented.
    pub(crate) fn setting(&self, names: &[&str]) -> Option<Setting<'_>> {
        let current = names.first()?;
        if let Some(found) = self.get_any(names) {
            let raw = found.entry.value.trim().to_owned();
            Some(Setting {
                found: Some(found),
                key: found.entry.key.clone(),
                value: self.expand(&raw),
                raw,
            })
        } else {
            let raw = hadoop::default_of(current)?.trim().to_owned();
            Some(Setting {
                found: None,
                key: (*current).to_owned(),
                value: self.expand(&raw),
                raw,
            })
        }
    }

    /// The setting of `names`, only when the set sets it.
    pub(crate) fn explicit(&self, names: &[&str]) -> Option<Setting<'_>> {
        self.setting(names).filter(|s| !s.is_default())
    }

    /// `value` with `${name}` references resolved from the set, then from Hadoop's defaults;
    /// references neither knows (`${user.name}`, `${env.HOME}`) stay as written.
    pub(crate) fn expand(&self, value: &str) -> Expanded {
        let mut defaults: Vec<String> = Vec::new();
        let expanded = expand::expand(value, |name| {
            if let Some(found) = self.get(name) {
                return Some(Fallback::Value(found.entry.value.trim()));
            }
            let default = hadoop::default_of(name).filter(|d| !d.is_empty())?;
            if !defaults.iter().any(|d| d == name) {
                defaults.push(name.to_owned());
            }
            Some(Fallback::Value(default))
        });
        Expanded {
            text: expanded.text,
            complete: expanded.complete,
            defaults,
        }
    }

    /// Where an entry is written, for a message: `core-site.xml:6` for a neighbour's,
    /// `line 6` for the checked file's.
    pub(crate) fn place(&self, found: &Found<'_>) -> String {
        found.elsewhere().unwrap_or_else(|| {
            let start = found.entry.key_span.start;
            let before = self.file.text.get(..start).unwrap_or(self.file.text);
            format!("line {}", before.matches('\n').count() + 1)
        })
    }

    /// Where a setting comes from, for a message: its place, or "default".
    pub(crate) fn origin(&self, setting: &Setting<'_>) -> String {
        setting
            .found
            .as_ref()
            .map_or_else(|| "default".to_owned(), |f| self.place(f))
    }
}

/// Whether an entry comes from the `hbase-site.xml` beside the checked file.
fn is_hbase(found: &Found<'_>) -> bool {
    matches!(found.source, Source::Sibling(file) if file.name.eq_ignore_ascii_case("hbase-site.xml"))
}

/// The comma-separated items of a list value, trimmed, empty ones dropped and duplicates
/// removed (Hadoop's `getTrimmedStringCollection`).
pub(crate) fn list(value: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for item in value.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// A plain identifier (a nameservice or NameNode id): no placeholder, no markup, no spaces.
pub(crate) fn plain_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

#[cfg(test)]
pub(crate) mod testing {
    //! Site files checked together, for the rules' unit tests.

    use std::sync::Arc;

    use bdl_core::{Diagnostic, FileKind, Product, RuleOptions, Target, TargetLookup};
    use bdl_syntax::java::facts::JavaFacts;
    use bdl_syntax::{Checker, ProjectView, Rule, Sibling};

    /// A directory of site files held in memory.
    struct Dir<'a> {
        files: &'a [(&'a str, &'a str)],
        checked: &'a str,
    }

    impl TargetLookup for Dir<'_> {
        fn target(&self, _product: Product) -> Option<&Target> {
            None
        }
    }

    impl ProjectView for Dir<'_> {
        fn sibling(&self, name: &str, kind: FileKind) -> Option<Arc<Sibling>> {
            if name == self.checked {
                return None;
            }
            let (_, text) = self.files.iter().find(|(n, _)| *n == name)?;
            Some(Arc::new(Sibling::parse(name, kind, (*text).to_owned())))
        }

        fn java_sources(&self, _package: &str, _relative: &str) -> Vec<Arc<JavaFacts>> {
            Vec::new()
        }
    }

    /// The diagnostics of `rule` on the file `name` of `files` (name, text), read with the
    /// others as its neighbours.
    pub(crate) fn check_in_dir(
        rule: &'static dyn Rule,
        files: &[(&str, &str)],
        name: &str,
    ) -> Vec<Diagnostic> {
        let Some((_, source)) = files.iter().find(|(n, _)| *n == name) else {
            return Vec::new();
        };
        let options = RuleOptions::defaults(rule.meta().options);
        let checker = Checker::new(vec![(rule, options)]);
        let dir = Dir {
            files,
            checked: name,
        };
        let mut out = checker
            .check_in(name, FileKind::HadoopXml, false, source, &dir)
            .diagnostics;
        out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        out
    }

    /// A site file of `(name, value)` properties, one line each after two header lines, so
    /// property `i` (0-based) sits on line `i + 3`.
    pub(crate) fn site(props: &[(&str, &str)]) -> String {
        let mut xml = String::from("<?xml version=\"1.0\"?>\n<configuration>\n");
        for (name, value) in props {
            xml.push_str("  <property><name>");
            xml.push_str(name);
            xml.push_str("</name><value>");
            xml.push_str(value);
            xml.push_str("</value></property>\n");
        }
        xml.push_str("</configuration>\n");
        xml
    }

    /// Every finding of `rule` across the files of a directory, as (file, line, severity).
    pub(crate) fn findings(
        rule: &'static dyn Rule,
        files: &[(&str, &str)],
    ) -> Vec<(String, u32, bdl_core::Severity)> {
        files
            .iter()
            .flat_map(|(name, _)| check_in_dir(rule, files, name))
            .map(|d| (d.path.clone(), d.start.line, d.severity))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_ids_parse_like_hadoop() {
        assert_eq!(list(" a, b,,a ,c "), ["a", "b", "c"]);
        assert!(list(" , ").is_empty());
        assert!(plain_id("nn-1_a"));
        assert!(!plain_id("{{ .Values.ns }}"));
        assert!(!plain_id("${ns}"));
    }

    #[test]
    fn expansion_keeps_what_it_cannot_resolve() {
        let text = testing::site(&[("base", "/data"), ("dir", "${base}/x")]);
        let file = ConfigFile::parse(bdl_core::FileKind::HadoopXml, &text);
        let conf = Conf::of(&file, "conf/core-site.xml").expect("a site file");
        let e = conf.expand("${dir}/y");
        assert_eq!(e.text, "/data/x/y");
        assert!(e.complete && e.defaults.is_empty());
        let e = conf.expand("${hadoop.tmp.dir}/dfs");
        assert_eq!(e.text, "/tmp/hadoop-${user.name}/dfs");
        assert!(!e.complete);
        assert_eq!(e.defaults, ["hadoop.tmp.dir"]);
        let e = conf.expand("${env.HOME}/a/${base}");
        assert_eq!(e.text, "${env.HOME}/a//data");
        // Doubling references stop at the length bound.
        let big = "x".repeat(10_000);
        let text = testing::site(&[
            ("a", &big),
            ("b", "${a}${a}${a}${a}"),
            ("c", "${b}${b}${b}${b}"),
        ]);
        let file = ConfigFile::parse(bdl_core::FileKind::HadoopXml, &text);
        let conf = Conf::of(&file, "core-site.xml").expect("a site file");
        let e = conf.expand("${c}");
        assert!(!e.complete);
        assert!(e.text.len() <= expand::MAX_EXPANDED_LEN);
        // A cycle ends.
        let text = testing::site(&[("a", "${b}"), ("b", "${a}")]);
        let file = ConfigFile::parse(bdl_core::FileKind::HadoopXml, &text);
        let conf = Conf::of(&file, "core-site.xml").expect("a site file");
        assert!(!conf.expand("${a}").complete);
    }

    #[test]
    fn settings_read_old_names_and_defaults() {
        let text = testing::site(&[("dfs.name.dir", "/old"), ("dfs.namenode.name.dir", "/new")]);
        let file = ConfigFile::parse(bdl_core::FileKind::HadoopXml, &text);
        let conf = Conf::of(&file, "x/hdfs-site.xml").expect("a site file");
        let s = conf
            .setting(&["dfs.namenode.name.dir", "dfs.name.dir"])
            .expect("set");
        assert_eq!(s.raw, "/new");
        assert_eq!(conf.origin(&s), "line 4");
        let d = conf.setting(&["dfs.datanode.data.dir"]).expect("default");
        assert!(d.is_default());
        assert_eq!(d.raw, "file://${hadoop.tmp.dir}/dfs/data");
        assert_eq!(conf.origin(&d), "default");
        assert!(conf.setting(&["no.such.key"]).is_none());
        assert_eq!(conf.role(), Role::Hdfs);
        assert!(conf.has(Role::Hdfs) && !conf.has(Role::Core));
        // Not a Hadoop site file.
        assert!(Conf::of(&file, "hbase-site.xml").is_none());
        assert!(Conf::of(&file, "etl-hdfs-site.xml").is_some());
    }
}
