use std::fmt::Write;

use bdl_core::{Ctx, RuleMeta, Severity, Span, declare_rule};
use bdl_syntax::config::set::Found;
use bdl_syntax::{ConfigFile, Rule};

use crate::cluster::{Daemons, single_node};
use crate::site::{Conf, Expanded, Role, Setting, list};

declare_rule! {
    /// ## What it does
    /// Flags HDFS storage directories under `/tmp` (or `/var/tmp`):
    /// - a directory key set to a path under `/tmp`, directly or through `${var}` references
    ///   resolved across the site files and Hadoop's defaults: `dfs.namenode.name.dir`,
    ///   `dfs.namenode.edits.dir` and `dfs.journalnode.edits.dir` (error: the file system's
    ///   metadata; a warning when another entry of the list is elsewhere),
    ///   `dfs.datanode.data.dir`, `dfs.namenode.checkpoint.dir` and
    ///   `dfs.namenode.checkpoint.edits.dir` (warning), their deprecated names
    ///   (`dfs.name.dir`, `dfs.data.dir`, …) and their per-nameservice and per-NameNode forms
    ///   (`dfs.namenode.name.dir.ns1.nn1`). A reference that cannot be resolved
    ///   (`${user.name}`, `${env.X}`) leaves the value unknown unless the known part already
    ///   proves it: `/tmp/hadoop-${user.name}` is under `/tmp` whoever the user is;
    /// - `hadoop.tmp.dir` set to a path under `/tmp` while the NameNode or DataNode
    ///   directories are left to their defaults (`file://${hadoop.tmp.dir}/dfs/name` and
    ///   `/dfs/data`), reported at `hadoop.tmp.dir`;
    /// - the NameNode and DataNode directories and `hadoop.tmp.dir` all left to their
    ///   defaults, which put them under `/tmp/hadoop-${user.name}`, reported once in
    ///   `hdfs-site.xml`; likewise `dfs.journalnode.edits.dir` (default
    ///   `/tmp/hadoop/dfs/journalnode/`) when the NameNodes share edits through JournalNodes
    ///   (`qjournal://`).
    ///
    /// The file is read with the site files beside it (`core-site.xml`, `hdfs-site.xml`,
    /// `yarn-site.xml`, `mapred-site.xml` of the same directory), as Hadoop reads them into
    /// one configuration. A finding is reported once, in the file holding the key that is
    /// wrong; for directories left to their defaults, in `hdfs-site.xml`, the file that
    /// should set them.
    ///
    /// Defaults are only reported for a configuration of HDFS daemons: the set must contain
    /// keys that only the NameNode, DataNode or JournalNode read (`dfs.namenode.*` other than
    /// the addresses and principals clients read, `dfs.datanode.*`, `dfs.journalnode.*`,
    /// `dfs.permissions.enabled`, `dfs.hosts`, fencing and automatic failover, …). A client
    /// configuration (a `core-site.xml` alone, or an `hdfs-site.xml` with only `dfs.client.*`,
    /// `dfs.replication` and the nameservice addresses) never runs a NameNode and is not
    /// reported. With NameNode keys, the DataNode directory is reported with the NameNode's,
    /// because one `hdfs-site.xml` usually serves every daemon; a set with only DataNode keys
    /// gets the DataNode directory alone.
    ///
    /// On a single-node setup (`fs.defaultFS` on `hdfs://localhost`, as in Hadoop's "Single
    /// Node Setup" guide) findings are `info`: such a sandbox is usually meant to be thrown
    /// away, but it still loses its data on reboot.
    ///
    /// Not reported: `dfs.namenode.name.dir` with a single entry outside `/tmp` (the rule
    /// catalog suggested `info` for it; most production NameNodes keep one directory on RAID
    /// and rely on the standby or checkpoints, so it would fire on nearly every cluster), and
    /// YARN's local directories (`yarn.nodemanager.local-dirs`), which hold only scratch data.
    ///
    /// ## Why is this bad?
    /// Linux distributions empty `/tmp` on reboot (it is often a `tmpfs`) or delete files in
    /// it that have not been touched for some days (`systemd-tmpfiles`, `tmpwatch`), and
    /// `/var/tmp` by age. The NameNode's directory holds the file system image and edit log:
    /// when it is wiped the NameNode cannot start, and without another copy every file in HDFS
    /// is lost, even though the blocks are still on the DataNodes. The JournalNodes hold the
    /// shared edit log of an HA pair. A wiped DataNode directory loses its block replicas.
    /// Hadoop's defaults put all of them under `hadoop.tmp.dir`, which itself defaults to
    /// `/tmp/hadoop-${user.name}`, so a configuration that sets none of them loses HDFS on the
    /// first reboot or cleanup.
    ///
    /// ## Example
    /// ```xml file=hdfs-site.xml bad findings=2
    /// <configuration>
    ///   <property>
    ///     <name>dfs.namenode.name.dir</name>
    ///     <value>file:///tmp/hadoop/dfs/name</value>
    ///   </property>
    /// </configuration>
    /// ```
    ///
    /// ```xml file=hdfs-site.xml bad
    /// <configuration>
    ///   <!-- NameNode and DataNode directories and hadoop.tmp.dir left to their defaults -->
    ///   <property>
    ///     <name>dfs.namenode.handler.count</name>
    ///     <value>40</value>
    ///   </property>
    /// </configuration>
    /// ```
    ///
    /// Use instead:
    ///
    /// ```xml file=hdfs-site.xml good
    /// <configuration>
    ///   <property>
    ///     <name>dfs.namenode.name.dir</name>
    ///     <value>file:///data/1/dfs/nn,file:///data/2/dfs/nn</value>
    ///   </property>
    ///   <property>
    ///     <name>dfs.datanode.data.dir</name>
    ///     <value>file:///data/1/dfs/dn,file:///data/2/dfs/dn</value>
    ///   </property>
    ///   <property>
    ///     <name>dfs.namenode.handler.count</name>
    ///     <value>40</value>
    ///   </property>
    /// </configuration>
    /// ```
    ///
    /// ## How to fix
    /// Put the NameNode, JournalNode and DataNode directories on persistent local disks
    /// (`file:///data/1/dfs/nn`); give the NameNode two directories on different disks, or
    /// rely on an HA pair. Set `hadoop.tmp.dir` outside `/tmp` too, since other defaults
    /// derive from it. When moving an existing NameNode, stop it and copy the old directory to
    /// the new place first.
    ///
    /// ## Options
    /// None.
    ///
    /// ## References
    /// - Apache Hadoop, `hdfs-default.xml` (`dfs.namenode.name.dir`, `dfs.datanode.data.dir`, `dfs.journalnode.edits.dir`): <https://hadoop.apache.org/docs/stable/hadoop-project-dist/hadoop-hdfs/hdfs-default.xml>
    /// - Apache Hadoop, `core-default.xml` (`hadoop.tmp.dir` `/tmp/hadoop-${user.name}`): <https://hadoop.apache.org/docs/stable/hadoop-project-dist/hadoop-common/core-default.xml>
    /// - Apache Hadoop, Cluster Setup, configuring the daemons: <https://hadoop.apache.org/docs/stable/hadoop-project-dist/hadoop-common/ClusterSetup.html#Configuring_the_Hadoop_Daemons>
    /// - systemd, `tmpfiles.d` (age-based cleaning of `/tmp` and `/var/tmp`): <https://www.freedesktop.org/software/systemd/man/latest/tmpfiles.d.html>
    pub MetadataInTmp {
        code: "HDP002",
        name: "metadata-in-tmp",
        summary: "storage of HDFS metadata or blocks under /tmp, set there or by default",
        severity: Error,
        kinds: [HadoopXml],
        triggers: ["<property>"],
        options: [],
    }
}

/// One HDFS storage directory setting.
struct DirKey {
    /// The key, then its deprecated names.
    names: &'static [&'static str],
    /// What it holds, for the message.
    holds: &'static str,
    /// The file system's metadata: losing it loses HDFS.
    metadata: bool,
}

const NAME_DIR: DirKey = DirKey {
    names: &["dfs.namenode.name.dir", "dfs.name.dir"],
    holds: "the NameNode's image and edit log",
    metadata: true,
};
const DATA_DIR: DirKey = DirKey {
    names: &["dfs.datanode.data.dir", "dfs.data.dir"],
    holds: "the DataNode's block replicas",
    metadata: false,
};
const JOURNAL_DIR: DirKey = DirKey {
    names: &["dfs.journalnode.edits.dir"],
    holds: "the JournalNode's shared edit log",
    metadata: true,
};

const DIRS: &[DirKey] = &[
    NAME_DIR,
    DirKey {
        names: &["dfs.namenode.edits.dir", "dfs.name.edits.dir"],
        holds: "the NameNode's edit log",
        metadata: true,
    },
    JOURNAL_DIR,
    DATA_DIR,
    DirKey {
        names: &["dfs.namenode.checkpoint.dir", "fs.checkpoint.dir"],
        holds: "the Secondary NameNode's checkpoints",
        metadata: false,
    },
    DirKey {
        names: &["dfs.namenode.checkpoint.edits.dir"],
        holds: "the Secondary NameNode's checkpoint edits",
        metadata: false,
    },
];

const TMP_DIR: &str = "hadoop.tmp.dir";
const SHARED_EDITS: &str = "dfs.namenode.shared.edits.dir";

/// Directories the OS clears.
const TMP_ROOTS: &[&str] = &["/tmp", "/var/tmp"];

impl Rule for MetadataInTmp {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_config(&self, file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
        let Some(conf) = Conf::of(file, cx.path()) else {
            return;
        };
        let sandbox = single_node(&conf).map(|one| format!("`{}` is `{}`", one.key, one.value));
        for dir in DIRS {
            check_explicit(&conf, dir, sandbox.as_deref(), cx);
        }
        check_defaults(&conf, sandbox.as_deref(), cx);
    }
}

/// Whether a storage location is under a directory the OS clears: `Some(root)` when it is,
/// `None` when it is not or cannot be told (another scheme, an unknown `${…}` before the
/// path is known).
fn tmp_root(item: &str, complete: bool) -> Option<&'static str> {
    // `[SSD]file:///data` names a storage type.
    let item = match item.strip_prefix('[') {
        Some(rest) => rest.split_once(']').map_or(rest, |(_, path)| path),
        None => item,
    }
    .trim();
    let path = if let Some(rest) = item.strip_prefix("file:") {
        let rest = rest.strip_prefix("//").unwrap_or(rest);
        // `file://host/path` names a host; only the local form is a path.
        if rest.starts_with('/') {
            rest
        } else {
            return None;
        }
    } else if item.contains("://") {
        return None;
    } else {
        item
    };
    let known = if complete {
        path
    } else {
        path.find("${")
            .and_then(|at| path.get(..at))
            .unwrap_or(path)
    };
    let mut normal = known.to_owned();
    while normal.contains("//") {
        normal = normal.replace("//", "/");
    }
    TMP_ROOTS.iter().copied().find(|root| {
        (complete && normal.trim_end_matches('/') == *root)
            || normal
                .strip_prefix(root)
                .is_some_and(|rest| rest.starts_with('/'))
    })
}

/// The list items of an expanded value that are under `/tmp`, and how many items there are.
fn tmp_items(value: &Expanded) -> (Vec<String>, usize) {
    let items = list(&value.text);
    let under = items
        .iter()
        .filter(|item| {
            // An item is complete when it holds no unresolved reference itself.
            let complete = !item.contains("${");
            tmp_root(item, complete).is_some()
        })
        .map(|s| (*s).to_owned())
        .collect();
    (under, items.len())
}

/// The `${name}` references written in `raw`, with where each comes from.
fn references(conf: &Conf<'_>, raw: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = raw;
    while let Some(start) = rest.find("${") {
        let Some(len) = rest.get(start..).and_then(|r| r.find('}')) else {
            break;
        };
        let name = rest.get(start + 2..start + len).unwrap_or_default();
        rest = rest.get(start + len + 1..).unwrap_or_default();
        let place = match conf.get(name) {
            Some(found) => conf.place(&found),
            None if bdl_catalog::hadoop::default_of(name).is_some() => "default".to_owned(),
            None => continue,
        };
        let note = format!("`{name}` from {place}");
        if !out.contains(&note) {
            out.push(note);
        }
    }
    out
}

/// `key` or `key.<nameservice>[.<namenode>]`.
fn is_form_of(key: &str, base: &str) -> bool {
    key == base
        || key
            .strip_prefix(base)
            .and_then(|r| r.strip_prefix('.'))
            .is_some_and(|s| !s.is_empty() && s.split('.').count() <= 2)
}

/// Whether any form of the directory is set in the set.
fn is_set(conf: &Conf<'_>, dir: &DirKey) -> bool {
    !conf
        .entries_where(|k| dir.names.iter().any(|n| is_form_of(k, n)))
        .is_empty()
}

/// Reports each form of `dir` written in this file, taking effect, with a value under `/tmp`.
fn check_explicit(conf: &Conf<'_>, dir: &DirKey, sandbox: Option<&str>, cx: &mut Ctx<'_>) {
    let written = conf.entries_where(|k| dir.names.iter().any(|n| is_form_of(k, n)));
    for found in written.iter().filter(|f| f.is_here()) {
        // The plain key and its old names are one setting; a suffixed form is its own.
        let suffix = dir
            .names
            .iter()
            .find_map(|n| found.entry.key.strip_prefix(n))
            .unwrap_or_default();
        let names: Vec<String> = dir.names.iter().map(|n| format!("{n}{suffix}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let Some(setting) = conf.explicit(&names) else {
            continue;
        };
        if !setting
            .found
            .is_some_and(|f| std::ptr::eq(f.entry, found.entry))
        {
            continue;
        }
        let (under, total) = tmp_items(&setting.value);
        let Some(first) = under.first() else {
            continue;
        };
        let elsewhere = total > under.len();
        let mut severity = if dir.metadata && !elsewhere {
            Severity::Error
        } else {
            Severity::Warning
        };
        let mut message = format!(
            "`{}` is under {}: `{first}`",
            found.entry.key,
            tmp_root(first, !first.contains("${")).unwrap_or("/tmp"),
        );
        let refs = references(conf, &setting.raw);
        if !refs.is_empty() {
            let _ = write!(message, " (`{}` with {})", setting.raw, refs.join(", "));
        }
        let _ = write!(
            message,
            ", which the OS clears on reboot or by age, and with it {}",
            dir.holds
        );
        if elsewhere {
            message.push_str(" (the other entries of the list keep a copy)");
        }
        if let Some(marker) = sandbox {
            severity = Severity::Info;
            let _ = write!(message, " (single-node setup: {marker})");
        }
        cx.report(severity, found.entry.value_span, message)
            .help(format!(
                "move `{}` to a persistent disk outside /tmp",
                found.entry.key
            ))
            .anchor(format!("{}={}", found.entry.key, setting.raw));
    }
}

/// Directories left to defaults under `/tmp`: at `hadoop.tmp.dir` when it is set under
/// `/tmp`, in `hdfs-site.xml` when it is not set either.
fn check_defaults(conf: &Conf<'_>, sandbox: Option<&str>, cx: &mut Ctx<'_>) {
    if !conf.absence_is_known() {
        return;
    }
    let daemons = Daemons::of(conf);
    let tmp_dir = conf.explicit(&[TMP_DIR]);
    let mut derived: Vec<&DirKey> = Vec::new();
    if daemons.namenode.is_some() && !is_set(conf, &NAME_DIR) {
        derived.push(&NAME_DIR);
    }
    if daemons.any() && !is_set(conf, &DATA_DIR) {
        derived.push(&DATA_DIR);
    }
    let qjournal = conf
        .entries_where(|k| is_form_of(k, SHARED_EDITS))
        .into_iter()
        .find(|f| f.entry.value.trim().starts_with("qjournal://"));
    let journal = qjournal.filter(|_| !is_set(conf, &JOURNAL_DIR));

    let mut absent: Vec<(&DirKey, String)> = Vec::new();
    match tmp_dir {
        Some(tmp) => report_tmp_dir(&tmp, &derived, sandbox, cx),
        None => {
            for dir in derived {
                if let Some(default) = conf.setting(&[dir.names[0]]) {
                    let (under, _) = tmp_items(&default.value);
                    if let Some(path) = under.first() {
                        absent.push((dir, path.clone()));
                    }
                }
            }
        }
    }
    if let Some(default) = journal.and_then(|_| conf.setting(JOURNAL_DIR.names)) {
        let (under, _) = tmp_items(&default.value);
        if let Some(path) = under.first() {
            absent.push((&JOURNAL_DIR, path.clone()));
        }
    }
    report_absent(conf, &absent, journal, sandbox, cx);
}

/// Directories left to defaults under `/tmp`, `hadoop.tmp.dir` unset too: reported once, in
/// `hdfs-site.xml`.
fn report_absent(
    conf: &Conf<'_>,
    absent: &[(&DirKey, String)],
    journal: Option<Found<'_>>,
    sandbox: Option<&str>,
    cx: &mut Ctx<'_>,
) {
    if absent.is_empty() || conf.role() != Role::Hdfs || !conf.absence_is_known() {
        return;
    }
    // The anchor: the shared edits for the journal alone, else the first daemon key here.
    let anchor: Option<Found<'_>> = if absent.iter().all(|(d, _)| d.names == JOURNAL_DIR.names) {
        journal.filter(Found::is_here)
    } else {
        Daemons::first_here(conf)
    };
    let Some(anchor) = anchor else {
        return;
    };
    let keys: Vec<String> = absent
        .iter()
        .map(|(d, _)| format!("`{}`", d.names[0]))
        .collect();
    let mut unset = keys.clone();
    if absent.iter().any(|(d, _)| d.names != JOURNAL_DIR.names) {
        unset.push(format!("`{TMP_DIR}`"));
    }
    let defaults = absent
        .iter()
        .map(|(d, path)| format!("{} in `{path}`", d.holds))
        .collect::<Vec<_>>()
        .join(", ");
    let message = format!(
        "{} {} not set in this configuration, so HDFS keeps its data under /tmp by default ({defaults}), which the OS clears on reboot or by age",
        join_and(&unset),
        if unset.len() == 1 { "is" } else { "are" },
    );
    let metadata = absent.iter().any(|(d, _)| d.metadata);
    let dirs: Vec<&DirKey> = absent.iter().map(|(d, _)| *d).collect();
    report_default(
        cx,
        anchor.entry.key_span,
        message,
        metadata,
        sandbox,
        &dirs,
        format!("{}:defaults-in-tmp", anchor.entry.key),
    );
}

/// `hadoop.tmp.dir` set under `/tmp` while directories derived from it are left to their
/// defaults: reported at `hadoop.tmp.dir`, the key that is wrong.
fn report_tmp_dir(tmp: &Setting<'_>, derived: &[&DirKey], sandbox: Option<&str>, cx: &mut Ctx<'_>) {
    let (under, _) = tmp_items(&tmp.value);
    if let (Some(entry), Some(path), false) = (tmp.here(), under.first(), derived.is_empty()) {
        let names = join_and(
            &derived
                .iter()
                .map(|d| format!("`{}`", d.names[0]))
                .collect::<Vec<_>>(),
        );
        let holds = derived
            .iter()
            .map(|d| d.holds)
            .collect::<Vec<_>>()
            .join(" and ");
        let metadata = derived.iter().any(|d| d.metadata);
        let message = format!(
            "`{TMP_DIR}` is `{path}`, and {names} {} not set, so {holds} {} under it, which the OS clears on reboot or by age",
            if derived.len() > 1 { "are" } else { "is" },
            if derived.len() > 1 {
                "default to"
            } else {
                "defaults to"
            },
        );
        report_default(
            cx,
            entry.value_span,
            message,
            metadata,
            sandbox,
            derived,
            format!("{TMP_DIR}={}", tmp.raw),
        );
    }
}

/// `a`, `a and b`, `a, b and c`.
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn report_default(
    cx: &mut Ctx<'_>,
    span: Span,
    mut message: String,
    metadata: bool,
    sandbox: Option<&str>,
    dirs: &[&DirKey],
    anchor: String,
) {
    let mut severity = if metadata {
        Severity::Error
    } else {
        Severity::Warning
    };
    if let Some(marker) = sandbox {
        severity = Severity::Info;
        let _ = write!(message, " (single-node setup: {marker})");
    }
    let keys = dirs
        .iter()
        .map(|d| format!("`{}`", d.names[0]))
        .collect::<Vec<_>>()
        .join(" and ");
    cx.report(severity, span, message)
        .help(format!(
            "set {keys} to directories on persistent disks outside /tmp"
        ))
        .anchor(anchor);
}

#[cfg(test)]
mod tests {
    use bdl_core::Severity::{Error, Info, Warning};

    use super::*;
    use crate::site::testing::{check_in_dir, findings, site};

    const RULE: &MetadataInTmp = &MetadataInTmp;

    fn one(file: &str, line: u32, severity: Severity) -> Vec<(String, u32, Severity)> {
        vec![(file.to_owned(), line, severity)]
    }

    #[test]
    fn tmp_locations() {
        for (item, expected) in [
            ("/tmp/nn", Some("/tmp")),
            ("file:///tmp/nn", Some("/tmp")),
            ("file:/tmp/nn", Some("/tmp")),
            ("[SSD]file:///tmp/dn", Some("/tmp")),
            ("/var/tmp/x", Some("/var/tmp")),
            ("//tmp//x", Some("/tmp")),
            ("/tmp", Some("/tmp")),
            ("/tmpfs/nn", None),
            ("/data/tmp/nn", None),
            ("hdfs://nn/tmp", None),
            ("file://host/tmp", None),
        ] {
            assert_eq!(tmp_root(item, true), expected, "{item}");
        }
        // Known part before an unknown reference.
        assert_eq!(
            tmp_root("/tmp/hadoop-${user.name}/dfs", false),
            Some("/tmp")
        );
        assert_eq!(tmp_root("${env.BASE}/tmp", false), None);
        assert_eq!(tmp_root("/tmp${x}", false), None);
    }

    #[test]
    fn explicit_directories_under_tmp() {
        let hdfs = site(&[
            ("dfs.namenode.name.dir", "file:///tmp/hadoop/dfs/name"),
            ("dfs.datanode.data.dir", "/data/1/dn,/tmp/dn"),
            ("dfs.journalnode.edits.dir", "/data/jn"),
            ("dfs.namenode.name.dir.ns1.nn1", "/var/tmp/nn1"),
        ]);
        let d = check_in_dir(RULE, &[("hdfs-site.xml", &hdfs)], "hdfs-site.xml");
        let got: Vec<_> = d.iter().map(|d| (d.start.line, d.severity)).collect();
        assert_eq!(got, [(3, Error), (4, Warning), (6, Error)]);
        assert_eq!(
            d[0].message,
            "`dfs.namenode.name.dir` is under /tmp: `file:///tmp/hadoop/dfs/name`, which the OS clears on reboot or by age, and with it the NameNode's image and edit log"
        );
        // One entry elsewhere keeps a copy of the metadata: a warning.
        let hdfs = site(&[
            ("dfs.name.dir", "/data/nn,/tmp/nn"),
            ("dfs.data.dir", "/data/dn"),
        ]);
        let d = check_in_dir(RULE, &[("hdfs-site.xml", &hdfs)], "hdfs-site.xml");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Warning);
        assert!(d[0].message.contains("keep a copy"));
    }

    #[test]
    fn references_resolve_across_the_set_and_defaults() {
        let core = site(&[("hadoop.tmp.dir", "/tmp/hadoop-${user.name}")]);
        let hdfs = site(&[
            ("dfs.namenode.name.dir", "file://${hadoop.tmp.dir}/dfs/name"),
            ("dfs.datanode.data.dir", "/data/dn"),
        ]);
        let files = [
            ("core-site.xml", core.as_str()),
            ("hdfs-site.xml", hdfs.as_str()),
        ];
        assert_eq!(findings(RULE, &files), one("hdfs-site.xml", 3, Error));
        let d = check_in_dir(RULE, &files, "hdfs-site.xml");
        assert!(
            d[0].message.contains(
                "(`file://${hadoop.tmp.dir}/dfs/name` with `hadoop.tmp.dir` from core-site.xml:3)"
            ),
            "{}",
            d[0].message
        );
        // Without core-site.xml the reference resolves from the default.
        let d = check_in_dir(RULE, &[("hdfs-site.xml", &hdfs)], "hdfs-site.xml");
        assert!(d[0].message.contains("`hadoop.tmp.dir` from default"));
        // An unknown base stays silent.
        let hdfs = site(&[
            ("dfs.namenode.name.dir", "${env.NN_DIR}/name"),
            ("dfs.datanode.data.dir", "/data/dn"),
        ]);
        assert!(findings(RULE, &[("hdfs-site.xml", &hdfs)]).is_empty());
    }

    #[test]
    fn defaults_are_reported_once_in_hdfs_site() {
        let core = site(&[("fs.defaultFS", "hdfs://nn1:8020")]);
        let hdfs = site(&[
            ("dfs.replication", "3"),
            ("dfs.permissions.enabled", "true"),
        ]);
        let files = [
            ("core-site.xml", core.as_str()),
            ("hdfs-site.xml", hdfs.as_str()),
        ];
        assert_eq!(findings(RULE, &files), one("hdfs-site.xml", 4, Error));
        let d = check_in_dir(RULE, &files, "hdfs-site.xml");
        assert!(
            d[0].message
                == "`dfs.namenode.name.dir`, `dfs.datanode.data.dir` and `hadoop.tmp.dir` are not set in this configuration, so HDFS keeps its data under /tmp by default (the NameNode's image and edit log in `file:///tmp/hadoop-${user.name}/dfs/name`, the DataNode's block replicas in `file:///tmp/hadoop-${user.name}/dfs/data`), which the OS clears on reboot or by age",
            "{}",
            d[0].message
        );
        // hadoop.tmp.dir set elsewhere in the set, outside /tmp: nothing.
        let core = site(&[("hadoop.tmp.dir", "/data/hadoop")]);
        let files = [
            ("core-site.xml", core.as_str()),
            ("hdfs-site.xml", hdfs.as_str()),
        ];
        assert!(findings(RULE, &files).is_empty());
        // hadoop.tmp.dir set under /tmp: reported there, once.
        let core = site(&[("hadoop.tmp.dir", "/tmp/hadoop")]);
        let files = [
            ("core-site.xml", core.as_str()),
            ("hdfs-site.xml", hdfs.as_str()),
        ];
        assert_eq!(findings(RULE, &files), one("core-site.xml", 3, Error));
        // DataNode keys only: the data directory alone, a warning.
        let hdfs = site(&[("dfs.datanode.du.reserved", "1073741824")]);
        let d = check_in_dir(RULE, &[("hdfs-site.xml", &hdfs)], "hdfs-site.xml");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Warning);
        assert!(!d[0].message.contains("dfs.namenode.name.dir"));
    }

    #[test]
    fn clients_are_not_namenodes() {
        // A client's core-site.xml alone, and a client hdfs-site.xml.
        let core = site(&[
            ("fs.defaultFS", "hdfs://nn1:8020"),
            ("hadoop.tmp.dir", "/tmp/x"),
        ]);
        assert!(findings(RULE, &[("core-site.xml", &core)]).is_empty());
        let hdfs = site(&[
            ("dfs.replication", "2"),
            ("dfs.client.use.datanode.hostname", "true"),
            ("dfs.nameservices", "ns1"),
            ("dfs.ha.namenodes.ns1", "nn1,nn2"),
            ("dfs.namenode.rpc-address.ns1.nn1", "a:8020"),
            ("dfs.namenode.rpc-address.ns1.nn2", "b:8020"),
        ]);
        let files = [
            ("core-site.xml", core.as_str()),
            ("hdfs-site.xml", hdfs.as_str()),
        ];
        assert!(findings(RULE, &files).is_empty());
    }

    #[test]
    fn journal_nodes_default_to_tmp() {
        let hdfs = site(&[
            ("dfs.namenode.name.dir", "/data/nn"),
            ("dfs.datanode.data.dir", "/data/dn"),
            (
                "dfs.namenode.shared.edits.dir",
                "qjournal://a:8485;b:8485;c:8485/ns1",
            ),
        ]);
        let d = check_in_dir(RULE, &[("hdfs-site.xml", &hdfs)], "hdfs-site.xml");
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].start.line, d[0].severity), (5, Error));
        assert_eq!(
            d[0].message,
            "`dfs.journalnode.edits.dir` is not set in this configuration, so HDFS keeps its data under /tmp by default (the JournalNode's shared edit log in `/tmp/hadoop/dfs/journalnode/`), which the OS clears on reboot or by age"
        );
        assert!(!d[0].message.contains("hadoop.tmp.dir"));
        let hdfs = site(&[
            ("dfs.namenode.name.dir", "/data/nn"),
            ("dfs.datanode.data.dir", "/data/dn"),
            (
                "dfs.namenode.shared.edits.dir",
                "qjournal://a:8485;b:8485;c:8485/ns1",
            ),
            ("dfs.journalnode.edits.dir.ns1", "/data/jn"),
        ]);
        assert!(findings(RULE, &[("hdfs-site.xml", &hdfs)]).is_empty());
    }

    #[test]
    fn single_node_setups_are_info() {
        let core = site(&[("fs.defaultFS", "hdfs://localhost:9000")]);
        let hdfs = site(&[
            ("dfs.replication", "1"),
            ("dfs.namenode.name.dir", "/tmp/nn"),
        ]);
        let files = [
            ("core-site.xml", core.as_str()),
            ("hdfs-site.xml", hdfs.as_str()),
        ];
        // The explicit name directory, and the data directory left to its default (the
        // first NameNode key is the anchor).
        assert_eq!(
            findings(RULE, &files),
            [
                ("hdfs-site.xml".to_owned(), 4, Info),
                ("hdfs-site.xml".to_owned(), 4, Info),
            ]
        );
        let d = check_in_dir(RULE, &files, "hdfs-site.xml");
        assert!(d.iter().all(|d| {
            d.message
                .contains("single-node setup: `fs.defaultFS` is `hdfs://localhost:9000`")
        }));
    }
}
