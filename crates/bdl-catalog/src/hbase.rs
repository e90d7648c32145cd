//! HBase configuration keys (`hbase-site.xml`), lines 2.6 (from 2.6.7) and 3.0 (3.0.0).
//!
//! `hbase-default.xml` says itself that it "does not contain all possible configurations":
//! many keys live only in code. An unknown-key rule for HBase should say so, or report
//! only keys with a suggestion.

use crate::{Catalog, Lookup, Pattern, PatternKind, Product, Version};

include!("generated/hbase.rs");

/// The catalog of an HBase line (`2.6`, `3.0`), if modelled.
pub fn catalog(version: Version) -> Option<&'static Catalog> {
    Catalog::for_version(Product::Hbase, version)
}

/// The modelled HBase line closest to `version` (see [`Catalog::nearest`]).
pub fn nearest(version: Version) -> &'static Catalog {
    Catalog::nearest(Product::Hbase, version)
}

/// The newest modelled HBase line.
pub fn latest() -> &'static Catalog {
    Catalog::latest(Product::Hbase)
}

pub(crate) static PATTERNS: &[Pattern] = &[
    // Written into the embedded ZooKeeper's zoo.cfg.
    Pattern::all("hbase.zookeeper.property.*", PatternKind::PassThrough),
];

/// Hadoop prefixes: `hbase-site.xml` also configures HBase's HDFS and Hadoop clients; look
/// such keys up in the Hadoop catalog.
const HADOOP_PREFIXES: &[(&str, &str)] = &[
    ("dfs.", "dfs.*"),
    ("fs.", "fs.*"),
    ("hadoop.", "hadoop.*"),
    ("io.", "io.*"),
    ("ipc.", "ipc.*"),
    ("net.", "net.*"),
    ("yarn.", "yarn.*"),
    ("mapreduce.", "mapreduce.*"),
    ("mapred.", "mapred.*"),
];

pub(crate) fn delegated(key: &str) -> Option<Lookup> {
    let (_, template) = HADOOP_PREFIXES.iter().find(|(p, _)| key.starts_with(p))?;
    Some(Lookup::Pattern {
        template,
        kind: PatternKind::PassThrough,
    })
}
