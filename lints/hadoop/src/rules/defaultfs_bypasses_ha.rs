use bdl_core::{Ctx, RuleMeta, Severity, declare_rule};
use bdl_syntax::{ConfigFile, Rule};

use crate::cluster::{DEFAULT_FS, Uri, nameservices, split_host_port};
use crate::site::Conf;

declare_rule! {
    /// ## What it does
    /// Flags a default file system (`fs.defaultFS`, or the deprecated `fs.default.name`) that
    /// names one NameNode host, `hdfs://host:port`, while the configuration defines an HA
    /// nameservice (`dfs.nameservices` with `dfs.ha.namenodes.<ns>`). It is reported when
    /// the host is:
    /// - the host of one of the nameservice's NameNodes
    ///   (`dfs.namenode.rpc-address.<ns>.<nn>`), or a NameNode id used as a host
    ///   (`hdfs://nn1:8020`);
    /// - any other host, when every nameservice of `dfs.nameservices` is an HA one (with a
    ///   federated nameservice of a single NameNode, `hdfs://that-host:8020` is right).
    ///
    /// The file is read with the site files beside it: `fs.defaultFS` usually sits in
    /// `core-site.xml` and the nameservice in `hdfs-site.xml`. The finding is reported once,
    /// at `fs.defaultFS` in the file that holds it, and names where `dfs.nameservices` is
    /// set. `viewfs://` and other schemes, a host that is a nameservice
    /// (`hdfs://mycluster`, with or without a port), and values with a `${var}` the set
    /// cannot resolve are not reported. Use of the deprecated `fs.default.name` itself is
    /// HDP011's finding.
    ///
    /// ## Why is this bad?
    /// Only a URI naming the nameservice goes through the failover proxy provider. With a
    /// NameNode's host in `fs.defaultFS`, every client and job that uses the default file
    /// system talks to that one NameNode: when it is the standby they get
    /// "Operation category READ is not supported in state standby", and when it is down they
    /// fail, although the other NameNode is active. HA protects nothing for them.
    ///
    /// ## Example
    /// ```xml file=core-site.xml bad
    /// <configuration>
    ///   <property>
    ///     <name>fs.defaultFS</name>
    ///     <value>hdfs://master1.example.com:8020</value>
    ///   </property>
    ///   <!-- usually in hdfs-site.xml beside it -->
    ///   <property>
    ///     <name>dfs.nameservices</name>
    ///     <value>mycluster</value>
    ///   </property>
    ///   <property>
    ///     <name>dfs.ha.namenodes.mycluster</name>
    ///     <value>nn1,nn2</value>
    ///   </property>
    ///   <property>
    ///     <name>dfs.namenode.rpc-address.mycluster.nn1</name>
    ///     <value>master1.example.com:8020</value>
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
    ///     <name>dfs.nameservices</name>
    ///     <value>mycluster</value>
    ///   </property>
    ///   <property>
    ///     <name>dfs.ha.namenodes.mycluster</name>
    ///     <value>nn1,nn2</value>
    ///   </property>
    ///   <property>
    ///     <name>dfs.namenode.rpc-address.mycluster.nn1</name>
    ///     <value>master1.example.com:8020</value>
    ///   </property>
    /// </configuration>
    /// ```
    ///
    /// ## How to fix
    /// Set `fs.defaultFS` to the nameservice, without a port: `hdfs://mycluster`. Check that
    /// the clients' `hdfs-site.xml` defines the nameservice and its failover proxy provider.
    /// Paths stored with the old URI (Hive metastore locations, HBase's `hbase.rootdir`)
    /// need the same change.
    ///
    /// ## Options
    /// None.
    ///
    /// ## References
    /// - Apache Hadoop, HDFS High Availability using the QJM, `fs.defaultFS`: <https://hadoop.apache.org/docs/stable/hadoop-project-dist/hadoop-hdfs/HDFSHighAvailabilityWithQJM.html#Configuration_details>
    /// - Apache Hadoop, deprecated properties (`fs.default.name`): <https://hadoop.apache.org/docs/stable/hadoop-project-dist/hadoop-common/DeprecatedProperties.html>
    pub DefaultfsBypassesHa {
        code: "HDP007",
        name: "defaultfs-bypasses-ha",
        summary: "default file system pinned to one NameNode of an HA nameservice",
        severity: Warning,
        kinds: [HadoopXml],
        triggers: ["<property>"],
        options: [],
    }
}

impl Rule for DefaultfsBypassesHa {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_config(&self, file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
        let Some(conf) = Conf::of(file, cx.path()) else {
            return;
        };
        let Some(fs) = conf.explicit(DEFAULT_FS) else {
            return;
        };
        let Some(entry) = fs.here() else {
            return;
        };
        let Some(value) = fs.known() else {
            return;
        };
        let Some(uri) = Uri::parse(value) else {
            return;
        };
        if !uri.scheme.eq_ignore_ascii_case("hdfs") || uri.host.is_empty() {
            return;
        }
        let all = nameservices(&conf);
        if all
            .iter()
            .any(|ns| ns.id.eq_ignore_ascii_case(uri.host) || ns.opaque)
        {
            return;
        }
        let ha: Vec<_> = all.iter().filter(|ns| ns.is_ha(&conf)).collect();
        let Some(first) = ha.first() else {
            return;
        };
        let listed_at = conf.place(&first.listed);
        let key = &entry.key;
        let pinned = ha.iter().find_map(|ns| {
            let (_, ids) = ns.namenodes.as_ref()?;
            ids.iter().find_map(|nn| {
                if nn.eq_ignore_ascii_case(uri.host) {
                    return Some((ns, nn, "the NameNode id"));
                }
                let address = conf.get(&format!("dfs.namenode.rpc-address.{}.{nn}", ns.id))?;
                let address = conf.expand(address.entry.value.trim());
                let (host, port) = split_host_port(&address.text);
                let same_port = match (port, uri.port) {
                    (Some(a), Some(b)) => a == b,
                    _ => true,
                };
                (address.complete && host.eq_ignore_ascii_case(uri.host) && same_port)
                    .then_some((ns, nn, "the host"))
            })
        });
        let message = match pinned {
            Some((ns, nn, what)) => format!(
                "`{key}` is `{value}`, {what} of NameNode `{nn}` of HA nameservice `{}` (`dfs.nameservices` at {listed_at}): clients always go to that NameNode and fail when it is standby or down",
                ns.id
            ),
            None if ha.len() == all.len() => format!(
                "`{key}` is `{value}`, a single host, while `dfs.nameservices` ({listed_at}) defines the HA nameservice `{}`: clients bypass failover",
                first.id
            ),
            None => return,
        };
        let ns = pinned.map_or(first.id.as_str(), |(ns, _, _)| ns.id.as_str());
        cx.report(Severity::Warning, entry.value_span, message)
            .help(format!("set `{key}` to `hdfs://{ns}`"))
            .anchor(format!("{key}={}", fs.raw));
    }
}

#[cfg(test)]
mod tests {
    use bdl_core::Severity::Warning;

    use super::*;
    use crate::site::testing::{check_in_dir, findings, site};

    const RULE: &DefaultfsBypassesHa = &DefaultfsBypassesHa;

    fn ha() -> String {
        site(&[
            ("dfs.nameservices", "ns1"),
            ("dfs.ha.namenodes.ns1", "nn1,nn2"),
            (
                "dfs.namenode.rpc-address.ns1.nn1",
                "master1.example.com:8020",
            ),
            (
                "dfs.namenode.rpc-address.ns1.nn2",
                "master2.example.com:8020",
            ),
        ])
    }

    fn core_site(fs: &str) -> String {
        site(&[("fs.defaultFS", fs)])
    }

    #[test]
    fn pinned_to_a_namenode() {
        let hdfs = ha();
        for fs in [
            "hdfs://nn1:8020",
            "hdfs://master2.example.com:8020",
            "HDFS://MASTER1.example.com",
            "hdfs://other-host:8020",
        ] {
            let core = core_site(fs);
            let files = [
                ("core-site.xml", core.as_str()),
                ("hdfs-site.xml", hdfs.as_str()),
            ];
            assert_eq!(
                findings(RULE, &files),
                [("core-site.xml".to_owned(), 3, Warning)],
                "{fs}"
            );
        }
        let core = core_site("hdfs://nn1:8020");
        let files = [
            ("core-site.xml", core.as_str()),
            ("hdfs-site.xml", hdfs.as_str()),
        ];
        let d = check_in_dir(RULE, &files, "core-site.xml");
        assert_eq!(
            d[0].message,
            "`fs.defaultFS` is `hdfs://nn1:8020`, the NameNode id of NameNode `nn1` of HA nameservice `ns1` (`dfs.nameservices` at hdfs-site.xml:3): clients always go to that NameNode and fail when it is standby or down"
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("set `fs.defaultFS` to `hdfs://ns1`")
        );
    }

    #[test]
    fn nameservice_uris_and_other_schemes_are_fine() {
        let hdfs = ha();
        for fs in [
            "hdfs://ns1",
            "hdfs://NS1:8020",
            "viewfs://cluster",
            "file:///",
            "s3a://bucket",
            "hdfs://${nn.host}:8020",
        ] {
            let core = core_site(fs);
            let files = [
                ("core-site.xml", core.as_str()),
                ("hdfs-site.xml", hdfs.as_str()),
            ];
            assert!(findings(RULE, &files).is_empty(), "{fs}");
        }
        // No HA nameservice: a plain NameNode address is right.
        let core = core_site("hdfs://master1.example.com:8020");
        let hdfs = site(&[("dfs.replication", "3")]);
        let files = [
            ("core-site.xml", core.as_str()),
            ("hdfs-site.xml", hdfs.as_str()),
        ];
        assert!(findings(RULE, &files).is_empty());
    }

    #[test]
    fn federation_with_a_single_namenode_nameservice() {
        let hdfs = site(&[
            ("dfs.nameservices", "ns1,fed"),
            ("dfs.ha.namenodes.ns1", "nn1,nn2"),
            ("dfs.namenode.rpc-address.ns1.nn1", "master1:8020"),
            ("dfs.namenode.rpc-address.ns1.nn2", "master2:8020"),
            ("dfs.namenode.rpc-address.fed", "fed-nn:8020"),
        ]);
        let core = core_site("hdfs://fed-nn:8020");
        let files = [
            ("core-site.xml", core.as_str()),
            ("hdfs-site.xml", hdfs.as_str()),
        ];
        assert!(findings(RULE, &files).is_empty());
        // Still reported when the host is one of the HA NameNodes.
        let core = core_site("hdfs://master1:8020");
        let files = [
            ("core-site.xml", core.as_str()),
            ("hdfs-site.xml", hdfs.as_str()),
        ];
        assert_eq!(
            findings(RULE, &files),
            [("core-site.xml".to_owned(), 3, Warning)]
        );
        // Another port on the same host is another service.
        let core = core_site("hdfs://master1:9000");
        let files = [
            ("core-site.xml", core.as_str()),
            ("hdfs-site.xml", hdfs.as_str()),
        ];
        assert!(findings(RULE, &files).is_empty());
    }

    #[test]
    fn the_deprecated_key_and_a_later_override() {
        let hdfs = ha();
        let core = site(&[("fs.default.name", "hdfs://nn1:8020")]);
        let files = [
            ("core-site.xml", core.as_str()),
            ("hdfs-site.xml", hdfs.as_str()),
        ];
        assert_eq!(
            findings(RULE, &files),
            [("core-site.xml".to_owned(), 3, Warning)]
        );
        // hdfs-site.xml sets it right later in load order: nothing.
        let hdfs = ha().replace(
            "</configuration>",
            "  <property><name>fs.defaultFS</name><value>hdfs://ns1</value></property>\n</configuration>",
        );
        let files = [
            ("core-site.xml", core.as_str()),
            ("hdfs-site.xml", hdfs.as_str()),
        ];
        assert!(findings(RULE, &files).is_empty());
    }
}
