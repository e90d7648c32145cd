//! Flink configuration keys, lines 1.18 to 2.2.
//!
//! 1.20 and 2.0 are exact (the generated option tables of those releases plus the aliases
//! declared in their sources); 1.18, 1.19, 2.1 and 2.2 are derived from them and the
//! release notes (see `docs/catalogs.md`).

use crate::{Catalog, Pattern, PatternKind, Product, Version};

include!("generated/flink.rs");

/// The catalog of a Flink line (`1.18` … `2.2`), if modelled.
pub fn catalog(version: Version) -> Option<&'static Catalog> {
    Catalog::for_version(Product::Flink, version)
}

/// The modelled Flink line closest to `version` (see [`Catalog::nearest`]).
pub fn nearest(version: Version) -> &'static Catalog {
    Catalog::nearest(Product::Flink, version)
}

/// The newest modelled Flink line.
pub fn latest() -> &'static Catalog {
    Catalog::latest(Product::Flink)
}

use PatternKind::{Open, PassThrough, Template};

/// Key families the option tables do not enumerate, checked before the tables' own
/// `<name>` patterns. Map-typed options written as nested keys are matched separately
/// ([`PatternKind::MapEntry`]).
pub(crate) static PATTERNS: &[Pattern] = &[
    // Handed to the Hadoop, YARN and HBase clients with the prefix stripped.
    Pattern::all("flink.hadoop.*", PassThrough),
    Pattern::all("flink.yarn.*", PassThrough),
    Pattern::all("flink.hbase.*", PassThrough),
    // JVM options of components; the documented ones are keys of their own.
    Pattern::all("env.java.opts.<component>", Template),
    // Environment variables of the JobManager / TaskManager containers.
    Pattern::all("containerized.master.env.*", Template),
    Pattern::all("containerized.taskmanager.env.*", Template),
    // Connection limits per file-system scheme (`fs.s3.limit.total`).
    Pattern::all("fs.<scheme>.limit.*", Template),
    // File-system plugins read their own keys (and mirror `s3.*` to `fs.s3a.*`).
    Pattern::all("s3.*", Open),
    Pattern::all("s3a.*", Open),
    Pattern::all("fs.s3.*", Open),
    Pattern::all("fs.s3a.*", Open),
    Pattern::all("presto.s3.*", Open),
    Pattern::all("hive.s3.*", Open),
    Pattern::all("fs.oss.*", Open),
    Pattern::all("fs.azure.*", Open),
    Pattern::all("fs.gs.*", Open),
    Pattern::all("gs.*", Open),
    // Session options of the Hive connector, set with `SET`.
    Pattern::all("table.exec.hive.*", Open),
    // Flink's own internal keys.
    Pattern::all("$internal.*", Open),
];
