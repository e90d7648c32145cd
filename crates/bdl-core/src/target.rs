//! Target versions: which Flink, Hadoop, HBase, Spring Boot, Jedis and Elasticsearch client
//! release a file is built against, and where that was read.
//!
//! Version-gated rules ask [`Ctx::target`](crate::Ctx::target). The answer comes from the
//! settings (`target:` in `.bigdata-lint.yaml`, or `--target`), else from the nearest build
//! file (`pom.xml`, Gradle); `None` means unknown. A rule must stay correct on every supported
//! release when the version is unknown: report at most `info`, or nothing.
//!
//! Only the types live here; reading build files is `bdl-syntax`'s job (`project`), and it is
//! done lazily, the first time a rule asks about a file.

use std::fmt;
use std::path::PathBuf;

pub use bdl_catalog::Version;

/// A product whose version a project targets. (Not `bdl_catalog::Product`, which names the
/// key catalogs: this one also has the client libraries that have no configuration keys.)
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Product {
    Flink,
    Hadoop,
    Hbase,
    SpringBoot,
    Jedis,
    /// The Elasticsearch Java client (`elasticsearch-java` or the REST high-level client).
    Elasticsearch,
}

impl Product {
    /// Every product, in the order settings and `config --show` list them.
    pub const ALL: [Self; 6] = [
        Self::Flink,
        Self::Hadoop,
        Self::Hbase,
        Self::SpringBoot,
        Self::Jedis,
        Self::Elasticsearch,
    ];

    /// The key in `target:` and `--target` (`spring-boot`).
    pub const fn key(self) -> &'static str {
        match self {
            Self::Flink => "flink",
            Self::Hadoop => "hadoop",
            Self::Hbase => "hbase",
            Self::SpringBoot => "spring-boot",
            Self::Jedis => "jedis",
            Self::Elasticsearch => "elasticsearch",
        }
    }

    /// The name for messages (`Spring Boot`).
    pub const fn name(self) -> &'static str {
        match self {
            Self::Flink => "Flink",
            Self::Hadoop => "Hadoop",
            Self::Hbase => "HBase",
            Self::SpringBoot => "Spring Boot",
            Self::Jedis => "Jedis",
            Self::Elasticsearch => "the Elasticsearch client",
        }
    }

    /// The product with this key (exactly as [`Product::key`] spells it).
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.key() == key)
    }

    const fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Product {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A target version and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// The release line (`1.20` for `1.20.0`).
    pub version: Version,
    /// The version as written (`1.20.0`, `2.0-SNAPSHOT`), after `${…}` references were resolved.
    pub text: String,
    pub source: TargetSource,
}

/// Where a target version was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TargetSource {
    /// `target:` in this settings file.
    Settings(PathBuf),
    /// `--target` on the command line (or a test).
    CommandLine,
    /// A build file: `path` is the file the version is written in (relative to the working
    /// directory when it lies below it), `what` says which entry, such as `property
    /// flink.version` or `dependency org.apache.flink:flink-streaming-java`.
    BuildFile { path: PathBuf, what: String },
}

impl fmt::Display for TargetSource {
    /// `settings file .bigdata-lint.yaml`, `--target`, `pom.xml: property flink.version`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Settings(path) => write!(f, "settings file {}", path.display()),
            Self::CommandLine => f.write_str("--target"),
            Self::BuildFile { path, what } => write!(f, "{}: {what}", path.display()),
        }
    }
}

/// Answers "which version of `product` is this file built against?". The engine gives each
/// file one that reads build files only when a rule first asks.
pub trait TargetLookup {
    fn target(&self, product: Product) -> Option<&Target>;
}

/// A fixed set of targets: from the settings and the command line, or set by a test.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Targets {
    slots: [Option<Target>; Product::ALL.len()],
}

impl Targets {
    /// No target known.
    pub const NONE: Self = Self {
        slots: [const { None }; Product::ALL.len()],
    };

    /// Each product's target as `find` gives it (a build file's model, say).
    pub fn from_fn(mut find: impl FnMut(Product) -> Option<Target>) -> Self {
        let mut targets = Self::NONE;
        for product in Product::ALL {
            targets.slots[product.index()] = find(product);
        }
        targets
    }

    pub fn get(&self, product: Product) -> Option<&Target> {
        self.slots[product.index()].as_ref()
    }

    pub fn set(&mut self, product: Product, target: Target) {
        self.slots[product.index()] = Some(target);
    }

    /// With `product` at `version`, as if given on the command line: for tests.
    #[must_use]
    pub fn with(mut self, product: Product, version: Version) -> Self {
        self.set(
            product,
            Target {
                version,
                text: version.to_string(),
                source: TargetSource::CommandLine,
            },
        );
        self
    }

    /// Every product with a target, in [`Product::ALL`] order.
    pub fn iter(&self) -> impl Iterator<Item = (Product, &Target)> + '_ {
        Product::ALL
            .into_iter()
            .filter_map(|p| self.get(p).map(|t| (p, t)))
    }

    pub fn is_empty(&self) -> bool {
        self.slots.iter().all(Option::is_none)
    }

    /// Fills the products `self` has no target for from `other`.
    pub fn or(&mut self, other: &Self) {
        for (mine, theirs) in self.slots.iter_mut().zip(&other.slots) {
            if mine.is_none() {
                mine.clone_from(theirs);
            }
        }
    }
}

impl TargetLookup for Targets {
    fn target(&self, product: Product) -> Option<&Target> {
        self.get(product)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn products_round_trip_through_their_keys() {
        for (i, product) in Product::ALL.into_iter().enumerate() {
            assert_eq!(product.index(), i);
            assert_eq!(Product::from_key(product.key()), Some(product));
        }
        assert_eq!(Product::from_key("Flink"), None);
    }

    #[test]
    fn targets_fill_gaps_from_another_set() {
        let mut mine = Targets::NONE.with(Product::Flink, Version::new(2, 0));
        let theirs = Targets::default()
            .with(Product::Flink, Version::new(1, 20))
            .with(Product::Jedis, Version::new(5, 1));
        mine.or(&theirs);
        let versions: Vec<_> = mine.iter().map(|(p, t)| (p, t.version)).collect();
        assert_eq!(
            versions,
            [
                (Product::Flink, Version::new(2, 0)),
                (Product::Jedis, Version::new(5, 1))
            ]
        );
        assert!(Targets::NONE.is_empty() && !mine.is_empty());
        let source = TargetSource::BuildFile {
            path: PathBuf::from("pom.xml"),
            what: "property flink.version".to_owned(),
        };
        assert_eq!(source.to_string(), "pom.xml: property flink.version");
    }
}
