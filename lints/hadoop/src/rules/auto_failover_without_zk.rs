use bdl_core::{Ctx, RuleMeta, Severity, declare_rule};
use bdl_syntax::{ConfigFile, Rule};

use crate::cluster::{nameservices, set_for};
use crate::site::{Conf, Role, boolean};

declare_rule! {
    /// ## What it does
    /// Checks automatic NameNode failover against ZooKeeper:
    /// - error: `dfs.ha.automatic-failover.enabled` (or its per-nameservice form
    ///   `dfs.ha.automatic-failover.enabled.<ns>`) is `true`, but no `ha.zookeeper.quorum` is
    ///   set in `core-site.xml` or any other site file beside it. Reported at the
    ///   `automatic-failover` key, and only when a `core-site.xml` is part of the set (when it
    ///   is not, the quorum may be set in a `core-site.xml` elsewhere);
    /// - info: an HA nameservice (`dfs.ha.namenodes.<ns>` with two or more NameNodes) of a
    ///   NameNode configuration (it sets `dfs.namenode.shared.edits.dir`) with automatic
    ///   failover left off, explicitly or by default (`false`). Reported at the `false` value,
    ///   or at `dfs.ha.namenodes.<ns>` when the key is absent. A client's copy of the HA keys
    ///   does not set shared edits and is not reported.
    ///
    /// The files are read together as Hadoop reads them (`${var}` expanded across them, the
    /// definition that takes effect); each finding is reported once, in the file holding the
    /// key it is reported at.
    ///
    /// ## Why is this bad?
    /// Automatic failover is run by a ZKFailoverController beside each NameNode, which holds a
    /// lock in ZooKeeper: without `ha.zookeeper.quorum` the controller refuses to start
    /// ("Missing required configuration 'ha.zookeeper.quorum'"), so nothing fails over and
    /// both NameNodes may stay in standby. With automatic failover off, a crashed active
    /// NameNode stays down until an operator runs `hdfs haadmin -failover`; HA then protects
    /// only planned maintenance.
    ///
    /// ## Example
    /// ```xml file=core-site.xml bad
    /// <configuration>
    ///   <property>
    ///     <name>fs.defaultFS</name>
    ///     <value>hdfs://mycluster</value>
    ///   </property>
    ///   <property>
    ///     <name>dfs.ha.automatic-failover.enabled</name>
    ///     <value>true</value>
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
    ///     <value>hdfs://mycluster</value>
    ///   </property>
    ///   <property>
    ///     <name>ha.zookeeper.quorum</name>
    ///     <value>zk1.example.com:2181,zk2.example.com:2181,zk3.example.com:2181</value>
    ///   </property>
    ///   <property>
    ///     <name>dfs.ha.automatic-failover.enabled</name>
    ///     <value>true</value>
    ///   </property>
    /// </configuration>
    /// ```
    ///
    /// (Usually `ha.zookeeper.quorum` sits in `core-site.xml` and the failover key in
    /// `hdfs-site.xml` of the same directory; the rule reads them together, and reports an
    /// `hdfs-site.xml` that turns automatic failover on beside a `core-site.xml` without the
    /// quorum.)
    ///
    /// ## How to fix
    /// Set `ha.zookeeper.quorum` in `core-site.xml` to the ZooKeeper ensemble
    /// (`zk1:2181,zk2:2181,zk3:2181`), run `hdfs zkfc -formatZK` once and start a ZKFC beside
    /// each NameNode. To enable automatic failover, set
    /// `dfs.ha.automatic-failover.enabled` to `true` with that quorum.
    ///
    /// ## Options
    /// None.
    ///
    /// ## References
    /// - Apache Hadoop, HDFS High Availability using the QJM, automatic failover: <https://hadoop.apache.org/docs/stable/hadoop-project-dist/hadoop-hdfs/HDFSHighAvailabilityWithQJM.html#Automatic_Failover>
    /// - Apache Hadoop, `hdfs-default.xml` (`dfs.ha.automatic-failover.enabled` false): <https://hadoop.apache.org/docs/stable/hadoop-project-dist/hadoop-hdfs/hdfs-default.xml>
    pub AutoFailoverWithoutZk {
        code: "HDP006",
        name: "auto-failover-without-zk",
        summary: "automatic NameNode failover without a ZooKeeper quorum, or HA without automatic failover",
        severity: Error,
        kinds: [HadoopXml],
        triggers: ["<property>"],
        options: [],
    }
}

const AUTO_FAILOVER: &str = "dfs.ha.automatic-failover.enabled";
const ZK_QUORUM: &str = "ha.zookeeper.quorum";
const SHARED_EDITS: &str = "dfs.namenode.shared.edits.dir";

impl Rule for AutoFailoverWithoutZk {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_config(&self, file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
        let Some(conf) = Conf::of(file, cx.path()) else {
            return;
        };
        check_quorum(&conf, cx);
        check_manual_failover(&conf, cx);
    }
}

/// Automatic failover on, and no ZooKeeper quorum in the set.
fn check_quorum(conf: &Conf<'_>, cx: &mut Ctx<'_>) {
    if !conf.has(Role::Core) || !conf.absence_is_known() {
        return;
    }
    // Any form of the quorum key counts, set in any file.
    if !conf.entries_where(|k| k.starts_with(ZK_QUORUM)).is_empty() {
        return;
    }
    let written = conf.entries_where(|k| {
        k == AUTO_FAILOVER
            || k.strip_prefix(AUTO_FAILOVER)
                .is_some_and(|s| s.starts_with('.'))
    });
    for found in written.iter().filter(|f| f.is_here()) {
        let key = found.entry.key.as_str();
        let Some(effective) = conf.get(key) else {
            continue;
        };
        if !std::ptr::eq(effective.entry, found.entry) {
            continue;
        }
        let value = conf.expand(found.entry.value.trim());
        if !value.complete || boolean(&value.text) != Some(true) {
            continue;
        }
        cx.report(
            Severity::Error,
            found.entry.value_span,
            format!(
                "`{key}` is true but no `{ZK_QUORUM}` is set in core-site.xml or the other site files: the ZKFailoverController does not start, so nothing fails over"
            ),
        )
        .help(format!("set `{ZK_QUORUM}` in core-site.xml to the ZooKeeper ensemble (host:port list)"))
        .anchor(format!("{key}=true"));
    }
}

/// An HA nameservice of NameNodes with automatic failover off.
fn check_manual_failover(conf: &Conf<'_>, cx: &mut Ctx<'_>) {
    for ns in nameservices(conf) {
        let Some((listing, ids)) = &ns.namenodes else {
            continue;
        };
        if ids.len() < 2 || set_for(conf, SHARED_EDITS, &ns.id, None).is_none() {
            continue;
        }
        let setting = set_for(conf, AUTO_FAILOVER, &ns.id, None);
        let (at, value, origin) = match setting {
            Some(found) => {
                let value = conf.expand(found.entry.value.trim());
                if !value.complete || boolean(&value.text) != Some(false) {
                    continue;
                }
                (found, format!("`{}` is false", found.entry.key), None)
            }
            None if !conf.absence_is_known() => continue,
            None => (
                *listing,
                format!("`{AUTO_FAILOVER}` is not set (default false)"),
                Some(()),
            ),
        };
        if !at.is_here() {
            continue;
        }
        let span = if origin.is_some() {
            at.entry.key_span
        } else {
            at.entry.value_span
        };
        cx.report(
            Severity::Info,
            span,
            format!(
                "the HA nameservice `{}` fails over only by hand: {value}, so a crashed active NameNode stays down until an operator runs `hdfs haadmin -failover`",
                ns.id
            ),
        )
        .help(format!("set `{AUTO_FAILOVER}` to true with `{ZK_QUORUM}` in core-site.xml, and run a ZKFC beside each NameNode"))
        .anchor(format!("{AUTO_FAILOVER}:{}", ns.id));
    }
}

#[cfg(test)]
mod tests {
    use bdl_core::Severity::{Error, Info};

    use super::*;
    use crate::site::testing::{check_in_dir, findings, site};

    const RULE: &AutoFailoverWithoutZk = &AutoFailoverWithoutZk;

    const HA: &[(&str, &str)] = &[
        ("dfs.nameservices", "ns1"),
        ("dfs.ha.namenodes.ns1", "nn1,nn2"),
        (
            "dfs.namenode.shared.edits.dir",
            "qjournal://a:8485;b:8485;c:8485/ns1",
        ),
    ];

    fn with(extra: &[(&'static str, &'static str)]) -> String {
        let mut props = HA.to_vec();
        props.extend_from_slice(extra);
        site(&props)
    }

    #[test]
    fn automatic_failover_needs_a_quorum() {
        let core = site(&[("fs.defaultFS", "hdfs://ns1")]);
        let hdfs = with(&[(AUTO_FAILOVER, "true")]);
        let files = [
            ("core-site.xml", core.as_str()),
            ("hdfs-site.xml", hdfs.as_str()),
        ];
        assert_eq!(
            findings(RULE, &files),
            [("hdfs-site.xml".to_owned(), 6, Error)]
        );
        let d = check_in_dir(RULE, &files, "hdfs-site.xml");
        assert!(d[0].message.starts_with(
            "`dfs.ha.automatic-failover.enabled` is true but no `ha.zookeeper.quorum`"
        ));
        // The quorum in core-site.xml.
        let core = site(&[("ha.zookeeper.quorum", "zk1:2181,zk2:2181,zk3:2181")]);
        let files = [
            ("core-site.xml", core.as_str()),
            ("hdfs-site.xml", hdfs.as_str()),
        ];
        assert!(findings(RULE, &files).is_empty());
        // No core-site.xml beside it: the quorum may be elsewhere.
        assert!(findings(RULE, &[("hdfs-site.xml", &hdfs)]).is_empty());
        // Per nameservice, and through a reference.
        let core = site(&[("auto", "TRUE")]);
        let hdfs = with(&[("dfs.ha.automatic-failover.enabled.ns1", "${auto}")]);
        let files = [
            ("core-site.xml", core.as_str()),
            ("hdfs-site.xml", hdfs.as_str()),
        ];
        assert_eq!(
            findings(RULE, &files),
            [("hdfs-site.xml".to_owned(), 6, Error)]
        );
    }

    #[test]
    fn manual_failover_is_info_for_namenode_configurations() {
        let core = site(&[("ha.zookeeper.quorum", "zk:2181")]);
        let hdfs = with(&[]);
        let files = [
            ("core-site.xml", core.as_str()),
            ("hdfs-site.xml", hdfs.as_str()),
        ];
        assert_eq!(
            findings(RULE, &files),
            [("hdfs-site.xml".to_owned(), 4, Info)]
        );
        let d = check_in_dir(RULE, &files, "hdfs-site.xml");
        assert!(d[0].message.contains("is not set (default false)"));
        let hdfs = with(&[(AUTO_FAILOVER, "false")]);
        assert_eq!(
            findings(RULE, &[("hdfs-site.xml", &hdfs)]),
            [("hdfs-site.xml".to_owned(), 6, Info)]
        );
        let hdfs = with(&[(AUTO_FAILOVER, "true")]);
        assert!(findings(RULE, &[("hdfs-site.xml", &hdfs)]).is_empty());
        // A client's HA keys (no shared edits), one NameNode, unknown values: silent.
        let hdfs = site(&[
            ("dfs.nameservices", "ns1"),
            ("dfs.ha.namenodes.ns1", "nn1,nn2"),
        ]);
        assert!(findings(RULE, &[("hdfs-site.xml", &hdfs)]).is_empty());
        let hdfs = with(&[(AUTO_FAILOVER, "${env.AUTO}")]);
        assert!(findings(RULE, &[("hdfs-site.xml", &hdfs)]).is_empty());
    }
}
