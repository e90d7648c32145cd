//! One product line's view of the tables: lookup, versions and suggestions.

use crate::model::{AliasRow, KeyRow, Tables};
use crate::{
    KeyInfo, Lookup, Pattern, PatternKind, Product, Provenance, SiteFiles, Version, flink, hadoop,
    hbase, spring,
};

/// The configuration keys of one release line of one product.
///
/// Catalogs are static: getting one and looking a key up allocates nothing and parses
/// nothing. A lookup is a binary search (plus a few for pattern checks on a miss).
pub struct Catalog {
    pub(crate) tables: &'static Tables,
    pub(crate) index: u8,
    pub(crate) provenance: Provenance,
}

impl std::fmt::Debug for Catalog {
    /// The product, line and provenance; not the thousand rows behind them.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog")
            .field("product", &self.product())
            .field("line", &self.line())
            .field("provenance", &self.provenance)
            .finish_non_exhaustive()
    }
}

impl Catalog {
    /// The catalog of `version`'s line, if that line is modelled (see [`Catalog::nearest`]).
    pub fn for_version(product: Product, version: Version) -> Option<&'static Catalog> {
        lines(product).iter().find(|c| c.line() == version)
    }

    /// The modelled line closest to `version`: within the same major version the newest
    /// line not newer than it, else the oldest newer one (Flink 2.3 → 2.2, Spring Boot 3.2 →
    /// 3.5); with no line of that major, the newest older line, else the oldest line.
    /// Compare [`Catalog::line`] with what you asked for before trusting a verdict that
    /// depends on the exact line.
    pub fn nearest(product: Product, version: Version) -> &'static Catalog {
        let all = lines(product);
        let same_major = |c: &&Catalog| c.line().major == version.major;
        all.iter()
            .rev()
            .filter(same_major)
            .find(|c| c.line() <= version)
            .or_else(|| all.iter().find(same_major))
            .or_else(|| all.iter().rev().find(|c| c.line() <= version))
            .unwrap_or(&all[0])
    }

    /// The newest modelled line.
    pub fn latest(product: Product) -> &'static Catalog {
        let all = lines(product);
        &all[all.len() - 1]
    }

    /// All modelled lines of `product`, oldest first.
    pub fn lines(product: Product) -> &'static [Catalog] {
        lines(product)
    }

    pub fn product(&self) -> Product {
        self.tables.product
    }

    pub fn line(&self) -> Version {
        self.tables.versions[usize::from(self.index)]
    }

    pub fn provenance(&self) -> Provenance {
        self.provenance
    }

    const fn bit(&self) -> u8 {
        1 << self.index
    }

    /// What this line says about `key` (spelled as in the file, already flattened:
    /// `state.backend.type`). See [`Lookup`] for the verdicts; `Unknown` is only given for a
    /// key no modelled line knows and no pattern matches.
    pub fn lookup(&self, key: &str) -> Lookup {
        let key = key.trim();
        if self.product() == Product::SpringBoot {
            return spring::lookup(self, key);
        }
        self.lookup_normalised(key)
    }

    pub(crate) fn lookup_normalised(&self, key: &str) -> Lookup {
        if let Some(found) = self.direct(key) {
            return found;
        }
        if let Some(found) = self.pattern(key) {
            return found;
        }
        self.elsewhere(key).unwrap_or(Lookup::Unknown)
    }

    /// The key's own row or an alias, in this line.
    fn direct(&self, key: &str) -> Option<Lookup> {
        let bit = self.bit();
        let row = self.row(key);
        if let Some(row) = row.filter(|r| r.lines & bit != 0) {
            if row.deprecated & bit != 0 {
                return Some(Lookup::Deprecated {
                    replacement: self.tables.str(row.replacement),
                    since: row.deprecated_since,
                });
            }
            return Some(Lookup::Known(self.info(row)));
        }
        let alias = self.alias_at(key, bit)?;
        let new = self.tables.target(alias);
        if alias.deprecated {
            return Some(Lookup::Deprecated {
                replacement: Some(new),
                since: alias.since,
            });
        }
        Some(Lookup::Known(match self.row(new) {
            Some(target) => self.info(target),
            None => KeyInfo {
                key: new,
                ty: None,
                default: None,
                since: None,
                files: SiteFiles::default(),
            },
        }))
    }

    fn pattern(&self, key: &str) -> Option<Lookup> {
        let bit = self.bit();
        let extra = match self.product() {
            Product::Flink => flink::PATTERNS,
            Product::Hadoop => hadoop::PATTERNS,
            Product::Hbase => hbase::PATTERNS,
            Product::SpringBoot => &[],
        };
        let found = extra
            .iter()
            .chain(self.tables.patterns)
            .find(|p| p.lines & bit != 0 && p.matches(key));
        if let Some(p) = found {
            return Some(Lookup::Pattern {
                template: p.template,
                kind: p.kind,
            });
        }
        match self.product() {
            Product::Flink => self.map_entry(key),
            Product::Hadoop => hadoop::suffixed(key),
            Product::Hbase => hbase::delegated(key),
            Product::SpringBoot => None,
        }
    }

    /// `kubernetes.jobmanager.labels.team` where `kubernetes.jobmanager.labels` is a
    /// map-typed option of this line.
    fn map_entry(&self, key: &str) -> Option<Lookup> {
        let bit = self.bit();
        key.rmatch_indices('.').find_map(|(at, _)| {
            let row = self.row(&key[..at])?;
            let map = row.lines & bit != 0 && self.tables.str(row.ty) == Some("Map");
            map.then_some(Lookup::Pattern {
                template: self.tables.key(row),
                kind: PatternKind::MapEntry,
            })
        })
    }

    /// Removed or not yet added: the key exists in another line.
    fn elsewhere(&self, key: &str) -> Option<Lookup> {
        let row = self.row(key);
        // A key that stopped working at a version the sources name (Flink's removals in 2.0,
        // Spring's error-level deprecations), whether or not an older line is modelled.
        if let Some(r) = row
            && let Some(in_version) = r.removed_in.filter(|v| *v <= self.line())
        {
            return Some(Lookup::Removed {
                in_version,
                hint: self.tables.str(r.replacement),
            });
        }
        let aliases = self.aliases(key);
        let mask = aliases
            .iter()
            .fold(row.map_or(0, |r| r.lines), |m, a| m | a.lines);
        if mask == 0 {
            return None;
        }
        let versions = self.tables.versions;
        let earlier = mask & (self.bit() - 1);
        if earlier == 0 {
            let first = mask.trailing_zeros() as usize;
            return Some(Lookup::NotYet {
                since: versions[first],
            });
        }
        let last = 7 - earlier.leading_zeros() as usize;
        let in_version = versions[last + 1];
        let hint = row
            .and_then(|r| self.tables.str(r.replacement))
            .or_else(|| self.alias_at(key, earlier).map(|a| self.tables.target(a)));
        Some(Lookup::Removed { in_version, hint })
    }

    /// Every key that `key` is an alias of in this line, deprecated or fallback: usually one,
    /// several when one old key stood for several options (`web.port` → `rest.bind-port` and
    /// `rest.port`). Empty for a key that is no alias here.
    pub fn alias_targets(&self, key: &str) -> Vec<&'static str> {
        let bit = self.bit();
        let mut out: Vec<&'static str> = Vec::new();
        for alias in self
            .aliases(key.trim())
            .iter()
            .filter(|a| a.lines & bit != 0)
        {
            let target = self.tables.target(alias);
            if !out.contains(&target) {
                out.push(target);
            }
        }
        out
    }

    /// The lines (of this product) in which `key` is a key or an accepted alias.
    pub fn exists_in(&self, key: &str) -> VersionSet {
        let key = key.trim();
        let key = if self.product() == Product::SpringBoot {
            spring::kebab(key)
        } else {
            std::borrow::Cow::Borrowed(key)
        };
        let mask = self
            .aliases(&key)
            .iter()
            .fold(self.row(&key).map_or(0, |r| r.lines), |m, a| m | a.lines);
        VersionSet {
            mask,
            versions: self.tables.versions,
        }
    }

    /// The key of this line closest to `key` by Damerau-Levenshtein distance (at most 1 for
    /// keys up to 8 characters, 2 for longer ones), among keys with the same first dotted
    /// segment (all keys when no key has that segment). Ties go to the key closest in length,
    /// then the first in byte order. Meant for unknown keys only; it scans the line's keys.
    pub fn suggest(&self, key: &str) -> Option<&'static str> {
        let key = key.trim();
        let key = if self.product() == Product::SpringBoot {
            spring::kebab(key)
        } else {
            std::borrow::Cow::Borrowed(key)
        };
        let key = key.as_ref();
        let first = key.split('.').next().unwrap_or(key);
        let current = || self.keys();
        let same_first = |k: &&str| k.split('.').next() == Some(first);
        let limit = if key.len() <= 8 { 1 } else { 2 };
        let best = |keys: &mut dyn Iterator<Item = &'static str>| {
            keys.filter(|k| *k != key && k.len().abs_diff(key.len()) <= limit)
                .filter_map(|k| {
                    let d = crate::suggest::distance(key.as_bytes(), k.as_bytes(), limit)?;
                    Some(((d, k.len().abs_diff(key.len()), k), k))
                })
                .min_by_key(|(rank, _)| *rank)
                .map(|(_, k)| k)
        };
        if current().any(|r| same_first(&r)) {
            best(&mut current().filter(same_first))
        } else {
            best(&mut current())
        }
    }

    /// Whether `segment` is the first dotted segment of a key or alias of any modelled line of
    /// this product: `state` (`state.backend.type`) and `restart-strategy` are Flink
    /// namespaces, `kafka` is not. For telling a product's keys from an application's own keys
    /// written into the same configuration object. Two binary searches.
    pub fn has_namespace(&self, segment: &str) -> bool {
        if segment.is_empty() || segment.contains('.') {
            return false;
        }
        let prefix = format!("{segment}.");
        let tables = self.tables;
        let keys = tables.keys;
        let at = keys.partition_point(|r| tables.key(r) < prefix.as_str());
        let in_keys = keys
            .get(at)
            .is_some_and(|r| tables.key(r).starts_with(&prefix));
        let aliases = tables.aliases;
        let at = aliases.partition_point(|a| tables.alias(a) < prefix.as_str());
        let in_aliases = aliases
            .get(at)
            .is_some_and(|a| tables.alias(a).starts_with(&prefix));
        in_keys || in_aliases || self.row(segment).is_some() || !self.aliases(segment).is_empty()
    }

    fn row(&self, key: &str) -> Option<&'static KeyRow> {
        let keys = self.tables.keys;
        keys.binary_search_by(|r| self.tables.key(r).cmp(key))
            .ok()
            .map(|i| &keys[i])
    }

    fn aliases(&self, key: &str) -> &'static [AliasRow] {
        let all = self.tables.aliases;
        let start = all.partition_point(|a| self.tables.alias(a) < key);
        let len = all[start..].partition_point(|a| self.tables.alias(a) == key);
        &all[start..start + len]
    }

    /// The alias of `key` in the lines of `mask`, preferring one whose target is a key of
    /// this line when a key has several (`web.port` → `rest.bind-port`, `rest.port`).
    fn alias_at(&self, key: &str, mask: u8) -> Option<&'static AliasRow> {
        let bit = self.bit();
        let mut applying = self.aliases(key).iter().filter(|a| a.lines & mask != 0);
        let first = applying.next()?;
        let current = |a: &&AliasRow| {
            self.row(self.tables.target(a))
                .is_some_and(|r| r.lines & bit != 0)
        };
        if current(&first) {
            return Some(first);
        }
        Some(applying.find(current).unwrap_or(first))
    }

    fn info(&self, row: &'static KeyRow) -> KeyInfo {
        let bit = self.bit();
        let first = row.lines.trailing_zeros();
        KeyInfo {
            key: self.tables.key(row),
            ty: self.tables.str(row.ty),
            default: if row.old_default_lines & bit == 0 {
                self.tables.str(row.default)
            } else {
                self.tables.str(row.old_default)
            },
            since: (first > 0).then(|| self.tables.versions[first as usize]),
            files: SiteFiles(row.files),
        }
    }

    /// Every key (own option, not alias) of this line, in byte order. For tests and tools.
    pub fn keys(&self) -> impl Iterator<Item = &'static str> + '_ {
        let bit = self.bit();
        self.tables
            .keys
            .iter()
            .filter(move |r| r.lines & bit != 0)
            .map(|r| self.tables.key(r))
    }

    /// The patterns of this line (those from the data and the hand-written ones).
    pub fn patterns(&self) -> impl Iterator<Item = &'static Pattern> + '_ {
        let bit = self.bit();
        let extra: &'static [Pattern] = match self.product() {
            Product::Flink => flink::PATTERNS,
            Product::Hadoop => hadoop::PATTERNS,
            Product::Hbase => hbase::PATTERNS,
            Product::SpringBoot => &[],
        };
        extra
            .iter()
            .chain(self.tables.patterns)
            .filter(move |p| p.lines & bit != 0)
    }
}

fn lines(product: Product) -> &'static [Catalog] {
    match product {
        Product::Flink => &flink::LINES,
        Product::Hadoop => &hadoop::LINES,
        Product::Hbase => &hbase::LINES,
        Product::SpringBoot => &spring::LINES,
    }
}

/// A set of modelled lines of one product.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VersionSet {
    mask: u8,
    versions: &'static [Version],
}

impl VersionSet {
    pub fn contains(&self, version: Version) -> bool {
        self.iter().any(|v| v == version)
    }

    pub const fn is_empty(&self) -> bool {
        self.mask == 0
    }

    /// The lines, oldest first.
    pub fn iter(&self) -> impl Iterator<Item = Version> + '_ {
        self.versions
            .iter()
            .enumerate()
            .filter(|(i, _)| self.mask & (1 << i) != 0)
            .map(|(_, v)| *v)
    }
}

#[cfg(test)]
mod tests {
    use crate::{Catalog, Product, Version};

    fn nearest(product: Product, major: u16, minor: u16) -> String {
        Catalog::nearest(product, Version::new(major, minor))
            .line()
            .to_string()
    }

    #[test]
    fn nearest_prefers_the_same_major_line() {
        assert_eq!(nearest(Product::Flink, 1, 17), "1.18");
        assert_eq!(nearest(Product::Flink, 1, 20), "1.20");
        assert_eq!(nearest(Product::Flink, 2, 3), "2.2");
        assert_eq!(nearest(Product::Flink, 3, 0), "2.2");
        assert_eq!(nearest(Product::SpringBoot, 3, 2), "3.5");
        assert_eq!(nearest(Product::SpringBoot, 2, 1), "2.7");
        assert_eq!(nearest(Product::Hadoop, 3, 3), "3.4");
        assert_eq!(nearest(Product::Hadoop, 2, 10), "3.4");
        assert_eq!(nearest(Product::Hbase, 2, 5), "2.6");
        assert_eq!(nearest(Product::Hbase, 4, 0), "3.0");
    }

    #[test]
    fn debug_names_the_line_not_the_rows() {
        let shown = format!("{:?}", Catalog::latest(Product::Hbase));
        assert!(shown.starts_with("Catalog { product: Hbase, line: Version { major: 3"));
        assert!(shown.len() < 200, "{shown}");
    }

    #[test]
    fn lookups_trim_and_ignore_empty_keys() {
        let catalog = Catalog::latest(Product::Flink);
        assert!(matches!(
            catalog.lookup("  parallelism.default "),
            crate::Lookup::Known(_)
        ));
        assert_eq!(catalog.lookup(""), crate::Lookup::Unknown);
        assert_eq!(catalog.suggest(""), None);
        assert_eq!(catalog.lookup("."), crate::Lookup::Unknown);
    }
}
