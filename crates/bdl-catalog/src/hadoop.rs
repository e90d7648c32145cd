//! Hadoop configuration keys (`core-`, `hdfs-`, `yarn-`, `mapred-site.xml`), line 3.4 (from
//! 3.4.1), with the deprecations Hadoop registers and documents.
//!
//! One line covers Hadoop 3.x: Hadoop deprecates keys instead of removing them, so a 3.4
//! catalog is a safe superset for older 3.x releases (a key added after 3.x's first
//! release is reported as known there, never the reverse).

use crate::{Catalog, Lookup, Pattern, PatternKind, Product, SiteFile, SiteFiles, Version};

include!("generated/hadoop.rs");

/// The catalog of a Hadoop line (`3.4`), if modelled.
pub fn catalog(version: Version) -> Option<&'static Catalog> {
    Catalog::for_version(Product::Hadoop, version)
}

/// The modelled Hadoop line closest to `version` (see [`Catalog::nearest`]).
pub fn nearest(version: Version) -> &'static Catalog {
    Catalog::nearest(Product::Hadoop, version)
}

/// The newest modelled Hadoop line.
pub fn latest() -> &'static Catalog {
    Catalog::latest(Product::Hadoop)
}

/// The site files `key` is documented for, following a deprecated key to its replacement:
/// `dfs.replication` → `hdfs-site.xml`. Empty for unknown keys. A rule can tell that a key
/// sits in the wrong file (`dfs.replication` in `core-site.xml`) when the set is not empty
/// and does not contain the file. Hadoop reads all site files into one configuration in
/// most daemons, so such a finding is advice, not an error.
pub fn files_of(key: &str) -> SiteFiles {
    let catalog = latest();
    match catalog.lookup(key) {
        Lookup::Known(info) => info.files,
        Lookup::Deprecated {
            replacement: Some(new),
            ..
        } => match catalog.lookup(new) {
            Lookup::Known(info) => info.files,
            _ => SiteFiles::default(),
        },
        Lookup::Pattern { template, .. } => template_file(template),
        _ => SiteFiles::default(),
    }
}

/// The default of `key` in Hadoop's `*-default.xml` files, verbatim (it may be empty or hold
/// `${…}` references: `file://${hadoop.tmp.dir}/dfs/name`); `None` for a key those files do not
/// document. A deprecated name gives its replacement's default. Rules use it for a key that a
/// configuration leaves out.
pub fn default_of(key: &str) -> Option<&'static str> {
    let catalog = latest();
    let info = match catalog.lookup(key) {
        Lookup::Known(info) => info,
        Lookup::Deprecated {
            replacement: Some(new),
            ..
        } => match catalog.lookup(new) {
            Lookup::Known(info) => info,
            _ => return None,
        },
        _ => return None,
    };
    info.default
}

fn template_file(template: &str) -> SiteFiles {
    let file = if template.starts_with("dfs.") {
        SiteFile::Hdfs
    } else if template.starts_with("yarn.") {
        SiteFile::Yarn
    } else if template.starts_with("mapreduce.") {
        SiteFile::Mapred
    } else {
        SiteFile::Core
    };
    SiteFiles(1 << file as u8)
}

use PatternKind::{Open, Template};

/// Key families the defaults files do not enumerate. Keys with a nameservice, NameNode or
/// ResourceManager id suffix are matched by [`suffixed`].
pub(crate) static PATTERNS: &[Pattern] = &[
    // File-system implementations per URI scheme.
    Pattern::all("fs.<scheme>.impl", Template),
    Pattern::all("fs.<scheme>.impl.disable.cache", Template),
    Pattern::all("fs.AbstractFileSystem.<scheme>.impl", Template),
    // Per-bucket S3A options override the global ones.
    Pattern::all("fs.s3a.bucket.<bucket>.*", Template),
    // Impersonation rules per user.
    Pattern::all("hadoop.proxyuser.<user>.hosts", Template),
    Pattern::all("hadoop.proxyuser.<user>.groups", Template),
    Pattern::all("hadoop.proxyuser.<user>.users", Template),
    // Auxiliary services of the NodeManager (`mapreduce_shuffle`, `spark_shuffle`).
    Pattern::all("yarn.nodemanager.aux-services.<service>.*", Template),
    // ViewFs mount tables (`fs.viewfs.mounttable.<cluster>.link./data`).
    Pattern::all("fs.viewfs.mounttable.*", Template),
    // Object-store and cloud connectors: most of their keys exist only in connector code.
    Pattern::all("fs.s3a.*", Open),
    Pattern::all("fs.azure.*", Open),
    Pattern::all("fs.abfs.*", Open),
    Pattern::all("fs.adl.*", Open),
    Pattern::all("fs.gs.*", Open),
    Pattern::all("fs.oss.*", Open),
    Pattern::all("fs.cosn.*", Open),
    Pattern::all("fs.obs.*", Open),
    // Files whose defaults are not among the four catalogued ones: capacity and fair
    // scheduler, HDFS router-based federation, HttpFS, KMS.
    Pattern::all("yarn.scheduler.capacity.*", Open),
    Pattern::all("yarn.scheduler.fair.*", Open),
    Pattern::all("dfs.federation.router.*", Open),
    Pattern::all("httpfs.*", Open),
    Pattern::all("hadoop.kms.*", Open),
];

/// Keys that take a `.<nameservice>` or `.<nameservice>.<namenode>` suffix in an HA or
/// federated HDFS (Hadoop's `NAMENODE_SPECIFIC_KEYS` and `NAMESERVICE_SPECIFIC_KEYS`, and
/// the JournalNode addresses).
const NAMENODE_KEYS: &[&str] = &[
    "dfs.ha.automatic-failover.enabled",
    "dfs.ha.fencing.methods",
    "dfs.ha.zkfc.port",
    "dfs.journalnode.edits.dir",
    "dfs.journalnode.http-address",
    "dfs.journalnode.https-address",
    "dfs.journalnode.rpc-address",
    "dfs.namenode.backup.address",
    "dfs.namenode.backup.dnrpc-address",
    "dfs.namenode.backup.http-address",
    "dfs.namenode.checkpoint.dir",
    "dfs.namenode.checkpoint.edits.dir",
    "dfs.namenode.edits.dir",
    "dfs.namenode.http-address",
    "dfs.namenode.http-bind-host",
    "dfs.namenode.https-address",
    "dfs.namenode.https-bind-host",
    "dfs.namenode.kerberos.internal.spnego.principal",
    "dfs.namenode.kerberos.principal",
    "dfs.namenode.keytab.file",
    "dfs.namenode.lifeline.rpc-address",
    "dfs.namenode.lifeline.rpc-bind-host",
    "dfs.namenode.name.dir",
    "dfs.namenode.rpc-address",
    "dfs.namenode.rpc-bind-host",
    "dfs.namenode.secondary.http-address",
    "dfs.namenode.secondary.https-address",
    "dfs.namenode.servicerpc-address",
    "dfs.namenode.servicerpc-bind-host",
    "dfs.namenode.shared.edits.dir",
    "dfs.secondary.namenode.kerberos.principal",
    "dfs.secondary.namenode.keytab.file",
];

/// Prefixes that take exactly a `.<nameservice>` suffix.
const NAMESERVICE_PREFIXES: &[&str] = &[
    "dfs.client.failover.proxy.provider",
    "dfs.client.failover.random.order",
    "dfs.client.failover.resolve-needed",
    "dfs.client.failover.resolver.impl",
    "dfs.client.failover.resolver.useFQDN",
];

/// ResourceManager keys that take a `.<rm-id>` suffix in an HA ResourceManager.
const RM_KEYS: &[&str] = &[
    "yarn.resourcemanager.address",
    "yarn.resourcemanager.admin.address",
    "yarn.resourcemanager.bind-host",
    "yarn.resourcemanager.hostname",
    "yarn.resourcemanager.resource-tracker.address",
    "yarn.resourcemanager.scheduler.address",
    "yarn.resourcemanager.webapp.address",
    "yarn.resourcemanager.webapp.https.address",
];

/// `dfs.namenode.rpc-address.ns1.nn1`, `dfs.client.failover.proxy.provider.ns1`,
/// `yarn.resourcemanager.hostname.rm1`.
pub(crate) fn suffixed(key: &str) -> Option<Lookup> {
    let (base, last) = key.rsplit_once('.')?;
    if last.is_empty() {
        return None;
    }
    let found = |template: &'static str| {
        Some(Lookup::Pattern {
            template,
            kind: Template,
        })
    };
    if RM_KEYS.contains(&base) {
        return found("yarn.resourcemanager.<key>.<rm-id>");
    }
    if NAMESERVICE_PREFIXES.contains(&base) {
        return found("dfs.client.failover.<key>.<nameservice>");
    }
    if NAMENODE_KEYS.contains(&base) {
        return found("dfs.<key>.<nameservice>");
    }
    let (base, middle) = base.rsplit_once('.')?;
    if !middle.is_empty() && NAMENODE_KEYS.contains(&base) {
        return found("dfs.<key>.<nameservice>.<namenode>");
    }
    None
}
