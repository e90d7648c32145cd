use bdl_core::{Ctx, RuleMeta, Severity, Span, declare_rule};
use bdl_syntax::{ConfigFile, Rule};

use crate::cluster::{DEFAULT_FS, Daemons, Uri, is_local_host, nameservices, single_node};
use crate::site::{Conf, Role, integer, list};

declare_rule! {
    /// ## What it does
    /// Points out two data-safety settings left at Hadoop's defaults in the configuration of a
    /// real (multi-node) HDFS cluster:
    /// - `fs.trash.interval` is `0` (the default): the HDFS trash is off;
    /// - `dfs.datanode.du.reserved` is `0` (the default), with no other reservation
    ///   (`dfs.datanode.du.reserved.<storage type>`, `dfs.datanode.du.reserved.pct`): the
    ///   DataNode may fill its disks completely.
    ///
    /// To stay quiet on client files and sandboxes, each setting is reported once per set of
    /// site files, in the file that owns it, and only when the set configures a real cluster:
    /// - a value of `0` written in a file is reported at that value, when the set points
    ///   `fs.defaultFS` at an HDFS that is not on this machine or configures HDFS daemons;
    /// - a missing key is reported only for a production-grade cluster: the set defines an
    ///   HA nameservice, or gives the DataNodes two or more data directories. Docker and
    ///   classroom clusters with one data directory and one NameNode are left alone;
    /// - a missing `fs.trash.interval` is reported in `core-site.xml` (where it belongs), at
    ///   `fs.defaultFS`, only when the set also configures a NameNode (keys only the NameNode
    ///   reads, see HDP002), whose value decides for every client;
    /// - a missing `dfs.datanode.du.reserved` is reported in `hdfs-site.xml`, at
    ///   `dfs.datanode.data.dir`, only when that file sets the DataNode's directories.
    ///
    /// A single-node setup (`fs.defaultFS` on `hdfs://localhost`) is never reported. The
    /// findings are `info`: both are judgement calls that a cluster's operators make.
    ///
    /// ## Why is this bad?
    /// With the trash off, `hdfs dfs -rm -r` deletes at once: a mistyped path or a wrong
    /// variable in a script is unrecoverable, while with a trash interval the files wait in
    /// `.Trash` for that many minutes. (Programs that call the `FileSystem` API directly
    /// bypass the trash either way.) Without reserved space the DataNode writes blocks until a
    /// volume is full; the operating system, YARN's local directories and logs on the same
    /// disks then fail, and Ambari's stack advisor flags `dfs.datanode.du.reserved` below its
    /// recommendation for that reason.
    ///
    /// ## Example
    /// ```xml file=core-site.xml bad
    /// <configuration>
    ///   <property>
    ///     <name>fs.defaultFS</name>
    ///     <value>hdfs://namenode.example.com:8020</value>
    ///   </property>
    ///   <property>
    ///     <name>fs.trash.interval</name>
    ///     <value>0</value>
    ///   </property>
    /// </configuration>
    /// ```
    ///
    /// Use instead:
    ///
    /// ```xml file=core-site.xml good
    /// <configuration>
    ///   <property>
    ///     <name>fs.defaultFS</name>
    ///     <value>hdfs://namenode.example.com:8020</value>
    ///   </property>
    ///   <property>
    ///     <name>fs.trash.interval</name>
    ///     <value>1440</value>
    ///   </property>
    /// </configuration>
    /// ```
    ///
    /// ## How to fix
    /// Set `fs.trash.interval` in the NameNode's `core-site.xml` to the minutes deleted files
    /// stay recoverable (`1440` is one day; `fs.trash.checkpoint.interval` may stay 0). Set
    /// `dfs.datanode.du.reserved` in `hdfs-site.xml` to the bytes to keep free on each volume
    /// (often 10–20 % of a disk, e.g. `10737418240` for 10 GB), or use
    /// `dfs.datanode.du.reserved.pct` with the percentage calculator.
    ///
    /// ## Options
    /// None.
    ///
    /// ## References
    /// - Apache Hadoop, `core-default.xml` (`fs.trash.interval` 0): <https://hadoop.apache.org/docs/stable/hadoop-project-dist/hadoop-common/core-default.xml>
    /// - Apache Hadoop, HDFS architecture, file deletes and undeletes: <https://hadoop.apache.org/docs/stable/hadoop-project-dist/hadoop-hdfs/HdfsDesign.html#File_Deletes_and_Undeletes>
    /// - Apache Hadoop, `hdfs-default.xml` (`dfs.datanode.du.reserved` 0): <https://hadoop.apache.org/docs/stable/hadoop-project-dist/hadoop-hdfs/hdfs-default.xml>
    /// - Apache Ambari, HDP stack advisor (`dfs.datanode.du.reserved` validation): <https://github.com/apache/ambari/blob/trunk/ambari-server/src/main/resources/stacks/HDP/2.0.6/services/stack_advisor.py>
    pub DataSafetyDefaults {
        code: "HDP009",
        name: "data-safety-defaults",
        summary: "trash off or no reserved DataNode disk space on a production HDFS cluster",
        severity: Info,
        kinds: [HadoopXml],
        triggers: ["<property>"],
        options: [],
    }
}

const TRASH: &str = "fs.trash.interval";
const RESERVED: &str = "dfs.datanode.du.reserved";
const DATA_DIR: &[&str] = &["dfs.datanode.data.dir", "dfs.data.dir"];

impl Rule for DataSafetyDefaults {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_config(&self, file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
        let Some(conf) = Conf::of(file, cx.path()) else {
            return;
        };
        if single_node(&conf).is_some() {
            return;
        }
        let daemons = Daemons::of(&conf);
        let remote_hdfs = conf
            .explicit(DEFAULT_FS)
            .and_then(|fs| fs.known().map(str::to_owned))
            .is_some_and(|fs| {
                Uri::parse(&fs).is_some_and(|u| {
                    u.scheme.eq_ignore_ascii_case("hdfs")
                        && !u.host.is_empty()
                        && !is_local_host(u.host)
                })
            });
        let cluster = remote_hdfs || daemons.any();
        if !cluster {
            return;
        }
        let production = is_production(&conf);
        check_trash(&conf, daemons.namenode.is_some() && production, cx);
        check_reserved(&conf, production, cx);
    }
}

/// Whether the set configures a production-grade cluster, where leaving these settings at
/// their defaults is an oversight rather than a sandbox's simplicity: an HA nameservice, or
/// DataNodes with several data disks.
fn is_production(conf: &Conf<'_>) -> bool {
    let ha = nameservices(conf)
        .iter()
        .any(|ns| !ns.opaque && ns.is_ha(conf));
    let disks = conf
        .explicit(DATA_DIR)
        .and_then(|dirs| dirs.known().map(|v| list(v).len()))
        .is_some_and(|n| n >= 2);
    ha || disks
}

fn trash(cx: &mut Ctx<'_>, span: Span, what: &str, anchor: String) {
    cx.report(
        Severity::Info,
        span,
        format!("{what}: the HDFS trash is off, so `hdfs dfs -rm` deletes at once and a mistaken delete cannot be undone"),
    )
    .help(format!("set `{TRASH}` to the minutes deleted files stay recoverable, e.g. 1440 for a day"))
    .anchor(anchor);
}

fn check_trash(conf: &Conf<'_>, namenode: bool, cx: &mut Ctx<'_>) {
    if let Some(setting) = conf.explicit(&[TRASH]) {
        let Some(entry) = setting.here() else {
            return;
        };
        let off = setting
            .known()
            .and_then(|v| v.parse::<f64>().ok())
            .is_some_and(|minutes| minutes <= 0.0);
        if off {
            trash(
                cx,
                entry.value_span,
                &format!("`{TRASH}` is `{}`", setting.raw),
                format!("{TRASH}={}", setting.raw),
            );
        }
    } else {
        if !namenode || conf.role() != Role::Core || !conf.absence_is_known() {
            return;
        }
        let Some(fs) = conf.explicit(crate::cluster::DEFAULT_FS) else {
            return;
        };
        let Some(entry) = fs.here() else {
            return;
        };
        trash(
            cx,
            entry.key_span,
            &format!("`{TRASH}` is not set in this NameNode's configuration (default 0)"),
            format!("{TRASH}:unset"),
        );
    }
}

fn reserved(cx: &mut Ctx<'_>, span: Span, what: &str, anchor: String) {
    cx.report(
        Severity::Info,
        span,
        format!("{what}: the DataNode may fill its volumes completely, and the system, logs and YARN's local directories on the same disks then fail"),
    )
    .help(format!("reserve space per volume with `{RESERVED}` (bytes, e.g. 10737418240 for 10 GB)"))
    .anchor(anchor);
}

fn check_reserved(conf: &Conf<'_>, production: bool, cx: &mut Ctx<'_>) {
    // Any reservation other than zero (per storage type, a percentage) counts.
    let forms = conf.entries_where(|k| k.starts_with(RESERVED));
    let reserves = forms.iter().any(|f| {
        f.entry.key != "dfs.datanode.du.reserved.calculator"
            && conf
                .get(&f.entry.key)
                .is_some_and(|e| std::ptr::eq(e.entry, f.entry))
            && {
                let value = conf.expand(f.entry.value.trim());
                !value.complete || integer(&value.text).is_none_or(|n| n != 0)
            }
    });
    if reserves {
        return;
    }
    if let Some(setting) = conf.explicit(&[RESERVED]) {
        if let Some(entry) = setting.here() {
            reserved(
                cx,
                entry.value_span,
                &format!("`{RESERVED}` is `{}`", setting.raw),
                format!("{RESERVED}={}", setting.raw),
            );
        }
    } else {
        if !production || conf.role() != Role::Hdfs || !conf.absence_is_known() {
            return;
        }
        let Some(dirs) = conf.explicit(DATA_DIR) else {
            return;
        };
        let Some(entry) = dirs.here() else {
            return;
        };
        reserved(
            cx,
            entry.key_span,
            &format!("`{RESERVED}` is not set for these DataNode directories (default 0)"),
            format!("{RESERVED}:unset"),
        );
    }
}

#[cfg(test)]
mod tests {
    use bdl_core::Severity::Info;

    use super::*;
    use crate::site::testing::{findings, site};

    const RULE: &DataSafetyDefaults = &DataSafetyDefaults;

    #[test]
    fn explicit_zeros_on_a_cluster() {
        let core = site(&[("fs.defaultFS", "hdfs://nn1:8020"), (TRASH, "0")]);
        assert_eq!(
            findings(RULE, &[("core-site.xml", &core)]),
            [("core-site.xml".to_owned(), 4, Info)]
        );
        let core = site(&[("fs.defaultFS", "hdfs://nn1:8020"), (TRASH, "1440")]);
        assert!(findings(RULE, &[("core-site.xml", &core)]).is_empty());
        let hdfs = site(&[("dfs.datanode.data.dir", "/d/1"), (RESERVED, "0")]);
        assert_eq!(
            findings(RULE, &[("hdfs-site.xml", &hdfs)]),
            [("hdfs-site.xml".to_owned(), 4, Info)]
        );
        // A reservation per storage type counts.
        let hdfs = site(&[
            ("dfs.datanode.data.dir", "[DISK]/d/1"),
            (RESERVED, "0"),
            ("dfs.datanode.du.reserved.disk", "10737418240"),
        ]);
        assert!(findings(RULE, &[("hdfs-site.xml", &hdfs)]).is_empty());
    }

    #[test]
    fn defaults_only_where_the_key_belongs() {
        // A NameNode and DataNode configuration leaving both at their defaults: trash in
        // core-site.xml at fs.defaultFS, the reservation in hdfs-site.xml at the data dirs.
        let core = site(&[("fs.defaultFS", "hdfs://nn1:8020")]);
        let hdfs = site(&[
            ("dfs.namenode.name.dir", "/d/nn"),
            ("dfs.datanode.data.dir", "/d/1/dn,/d/2/dn"),
        ]);
        let files = [
            ("core-site.xml", core.as_str()),
            ("hdfs-site.xml", hdfs.as_str()),
        ];
        assert_eq!(
            findings(RULE, &files),
            [
                ("core-site.xml".to_owned(), 3, Info),
                ("hdfs-site.xml".to_owned(), 4, Info)
            ]
        );
        // One data directory and one NameNode: a sandbox-sized cluster, defaults are left alone.
        let small = site(&[
            ("dfs.namenode.name.dir", "/d/nn"),
            ("dfs.datanode.data.dir", "/d/dn"),
        ]);
        let files = [
            ("core-site.xml", core.as_str()),
            ("hdfs-site.xml", small.as_str()),
        ];
        assert!(findings(RULE, &files).is_empty());
        // A client's core-site.xml alone, and with a client hdfs-site.xml.
        assert!(findings(RULE, &[("core-site.xml", &core)]).is_empty());
        let client = site(&[
            ("dfs.replication", "2"),
            ("dfs.client.use.datanode.hostname", "true"),
        ]);
        let files = [
            ("core-site.xml", core.as_str()),
            ("hdfs-site.xml", client.as_str()),
        ];
        assert!(findings(RULE, &files).is_empty());
    }

    #[test]
    fn sandboxes_are_never_reported() {
        let core = site(&[("fs.defaultFS", "hdfs://localhost:9000"), (TRASH, "0")]);
        let hdfs = site(&[
            ("dfs.namenode.name.dir", "/d/nn"),
            ("dfs.datanode.data.dir", "/d/dn"),
        ]);
        let files = [
            ("core-site.xml", core.as_str()),
            ("hdfs-site.xml", hdfs.as_str()),
        ];
        assert!(findings(RULE, &files).is_empty());
        // Unknown values are not zero.
        let core = site(&[("fs.defaultFS", "hdfs://nn1:8020"), (TRASH, "${env.TRASH}")]);
        assert!(findings(RULE, &[("core-site.xml", &core)]).is_empty());
    }
}
