use bdl_core::{Ctx, RuleMeta, Severity, TestSources, declare_rule};
use bdl_syntax::config::Entry;
use bdl_syntax::java::chain::{call_anchor, method_name, receiver};
use bdl_syntax::java::config::writes;
use bdl_syntax::java::fold::{self, Certainty, arguments};
use bdl_syntax::java::scope::{self, declaration_of, names_class, unparenthesize};
use bdl_syntax::{ConfigFile, JavaFile, Rule};
use tree_sitter::Node;

use crate::site::{CLIENT_PORT, DEFAULT_QUORUM, DISTRIBUTED, QUORUM, Quorum, Setting, Site};

declare_rule! {
    /// ## What it does
    /// Flags ZooKeeper quorum settings that leave HBase clients and servers looking for
    /// ZooKeeper in the wrong place:
    /// - in `hbase-site.xml` with `hbase.cluster.distributed` `true`, an
    ///   `hbase.zookeeper.quorum` that names only this machine (`localhost`, `127.0.0.1`,
    ///   `::1`), or no quorum at all (HBase's default is `127.0.0.1`). It is a warning when
    ///   `hbase.rootdir` is on an HDFS on another host, which shows the cluster spans several
    ///   machines; `info` when the file does not say; nothing when `hbase.rootdir` is a
    ///   `file:` directory or an HDFS on `localhost`, the pseudo-distributed setup of the
    ///   HBase book, where a local quorum is right;
    /// - in `hbase-site.xml`, a quorum entry with a port (`zk1:2182`) that differs from
    ///   `hbase.zookeeper.property.clientPort` when the file sets both (`info`);
    /// - in Java, a quorum written into the code:
    ///   `conf.set("hbase.zookeeper.quorum", "10.0.0.5,10.0.0.6")` (or with
    ///   `HConstants.ZOOKEEPER_QUORUM`) on a receiver that is provably a Hadoop or HBase
    ///   `Configuration` (declared `org.apache.hadoop.conf.Configuration`,
    ///   `HBaseConfiguration` or `JobConf`, or created by `HBaseConfiguration.create(..)` /
    ///   `new Configuration(..)`), with a value folded from literals and constants (`info`).
    ///
    /// A value with a `${var}` nothing defines, or a template placeholder, keeps the rule
    /// silent, as does a Java value that is only the default of a runtime lookup. Test
    /// sources are not checked by default, since a test cluster is meant to be local.
    ///
    /// ## Why is this bad?
    /// `hbase.zookeeper.quorum` is how every HBase server and client finds the cluster: the
    /// master, the RegionServers and the `meta` location are all registered in ZooKeeper.
    /// `hbase-default.xml` says the default `127.0.0.1` is for local and pseudo-distributed
    /// modes and that a fully distributed setup must list the ZooKeeper ensemble. With
    /// `localhost` on several machines, each server talks to a ZooKeeper on its own host (or
    /// to none) and the cluster never forms; clients on other machines cannot connect at all.
    ///
    /// HBase uses a port written in the quorum instead of `clientPort`, but a ZooKeeper that
    /// HBase manages itself (`HBASE_MANAGES_ZK`) listens on `clientPort`: two different ports
    /// mean one of them is wrong.
    ///
    /// A quorum hard-coded in a job ties the build to one environment: the same jar cannot
    /// run against test and production, and moving ZooKeeper means a new release.
    ///
    /// ## Example
    /// ```xml file=hbase-site.xml bad
    /// <configuration>
    ///   <property>
    ///     <name>hbase.cluster.distributed</name>
    ///     <value>true</value>
    ///   </property>
    ///   <property>
    ///     <name>hbase.rootdir</name>
    ///     <value>hdfs://namenode.example.com:8020/hbase</value>
    ///   </property>
    ///   <property>
    ///     <name>hbase.zookeeper.quorum</name>
    ///     <value>localhost</value>
    ///   </property>
    /// </configuration>
    /// ```
    ///
    /// ```java file=Job.java bad
    /// import org.apache.hadoop.conf.Configuration;
    /// import org.apache.hadoop.hbase.HBaseConfiguration;
    ///
    /// class Job {
    ///     Configuration conf() {
    ///         Configuration conf = HBaseConfiguration.create();
    ///         conf.set("hbase.zookeeper.quorum", "10.0.0.5,10.0.0.6,10.0.0.7");
    ///         return conf;
    ///     }
    /// }
    /// ```
    ///
    /// Use instead:
    ///
    /// ```xml file=hbase-site.xml good
    /// <configuration>
    ///   <property>
    ///     <name>hbase.cluster.distributed</name>
    ///     <value>true</value>
    ///   </property>
    ///   <property>
    ///     <name>hbase.rootdir</name>
    ///     <value>hdfs://namenode.example.com:8020/hbase</value>
    ///   </property>
    ///   <property>
    ///     <name>hbase.zookeeper.quorum</name>
    ///     <value>zk1.example.com,zk2.example.com,zk3.example.com</value>
    ///   </property>
    /// </configuration>
    /// ```
    ///
    /// ```java file=Job.java good
    /// import org.apache.hadoop.conf.Configuration;
    /// import org.apache.hadoop.hbase.HBaseConfiguration;
    ///
    /// class Job {
    ///     Configuration conf() {
    ///         // hbase-site.xml on the classpath names the quorum.
    ///         return HBaseConfiguration.create();
    ///     }
    /// }
    /// ```
    ///
    /// ## How to fix
    /// List the ZooKeeper ensemble's hosts in `hbase.zookeeper.quorum`
    /// (`zk1.example.com,zk2.example.com,zk3.example.com`); set the port once, in
    /// `hbase.zookeeper.property.clientPort`, or write the same port everywhere. In jobs, let
    /// `HBaseConfiguration.create()` read `hbase-site.xml` from the classpath (the cluster's
    /// client configuration), or pass the quorum in as a job parameter.
    ///
    /// ## Options
    /// - `lint-test-sources` (boolean, default `false`): also lint test sources
    ///   (`src/test/**`, `*Test.java`, `*IT.java`, `*ITCase.java`), where a local quorum is
    ///   normal.
    ///
    /// ## References
    /// - Apache HBase, `hbase-default.xml` (`hbase.zookeeper.quorum`, `hbase.zookeeper.property.clientPort`): <https://github.com/apache/hbase/blob/master/hbase-common/src/main/resources/hbase-default.xml>
    /// - Apache HBase reference guide, ZooKeeper: <https://hbase.apache.org/book.html#zookeeper>
    /// - Apache HBase reference guide, Pseudo-distributed local install: <https://hbase.apache.org/book.html#quickstart_pseudo>
    /// - Apache HBase, `ZKConfig.buildZKQuorumServerString` (a port in the quorum wins over `clientPort`): <https://github.com/apache/hbase/blob/master/hbase-common/src/main/java/org/apache/hadoop/hbase/zookeeper/ZKConfig.java>
    pub ZkQuorumMisconfigured {
        code: "HBS009",
        name: "zk-quorum-misconfigured",
        summary: "local ZooKeeper quorum on a distributed cluster, or a quorum hard-coded in a job",
        severity: Warning,
        kinds: [HadoopXml, Java],
        triggers: ["hbase.zookeeper.quorum", "ZOOKEEPER_QUORUM"],
        options: [TestSources::SKIP_BY_DEFAULT],
    }
}

/// `HConstants.ZOOKEEPER_QUORUM` stands for the key.
const QUORUM_CONSTANTS: &[(&str, &str)] = &[("HConstants.ZOOKEEPER_QUORUM", QUORUM)];

/// Classes whose instances are Hadoop `Configuration`s.
const CONFIGURATION_CLASSES: &[&str] = &[
    "org.apache.hadoop.conf.Configuration",
    "org.apache.hadoop.hbase.HBaseConfiguration",
    "org.apache.hadoop.mapred.JobConf",
];

/// `ZKConfig`'s client port when `hbase.zookeeper.property.clientPort` is not set.
const DEFAULT_CLIENT_PORT: i64 = 2181;

impl Rule for ZkQuorumMisconfigured {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_config(&self, file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
        let Some(site) = Site::of(file, cx.path()) else {
            return;
        };
        let Some(quorum) = site.quorum() else {
            return;
        };
        if let Some(distributed) = site.distributed() {
            local_quorum(cx, site, &quorum, distributed);
        }
        port_mismatch(cx, site, &quorum);
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        if !file.imports_from("org.apache.hadoop") {
            return;
        }
        for write in writes(file, &[QUORUM], QUORUM_CONSTANTS) {
            if method_name(file, write.call) != "set" {
                continue;
            }
            if !receiver(write.call).is_some_and(|r| is_configuration(file, r)) {
                continue;
            }
            let Some(folded) = fold::string(file, write.value) else {
                continue;
            };
            let value = folded.value.trim();
            if folded.certainty != Certainty::Certain || value.is_empty() || value.contains("${") {
                continue;
            }
            let mut reported = cx.report(
                Severity::Info,
                JavaFile::span_of(write.value),
                format!(
                    "`{QUORUM}` is hard-coded to `{value}`: the job can only reach this one \
                     ZooKeeper ensemble"
                ),
            );
            reported
                .help(
                    "read the quorum from the cluster's hbase-site.xml on the classpath or \
                     from a job parameter",
                )
                .anchor(call_anchor(file, write.call));
            if let Some(at) = folded.defined_at {
                reported.label(at, "the value is defined here");
            }
        }
    }
}

/// A quorum on this machine for a distributed cluster.
fn local_quorum(cx: &mut Ctx<'_>, site: Site<'_>, quorum: &Quorum<'_>, distributed: &Entry) {
    if !quorum.is_this_machine() {
        return;
    }
    let root = site.root_dir();
    // A written `file:` root or an HDFS on localhost: the pseudo-distributed setup.
    if root
        .as_ref()
        .is_some_and(|r| r.entry.is_some() && r.place.is_this_machine())
    {
        return;
    }
    let remote = root.as_ref().and_then(|r| r.place.remote_hdfs_host());
    let (subject, span, anchor) = match quorum.entry {
        Some(entry) => (
            format!("`{QUORUM}` is `{}`", quorum.value),
            entry.value_span,
            format!("{QUORUM}={}", entry.value),
        ),
        None => (
            format!("`{QUORUM}` is not set (HBase uses `{DEFAULT_QUORUM}`)"),
            distributed.value_span,
            format!("{DISTRIBUTED} without {QUORUM}"),
        ),
    };
    let (severity, message) = match remote {
        Some(host) => (
            Severity::Warning,
            format!(
                "{subject} on a distributed cluster whose data is on HDFS at `{host}`: HBase \
                 servers and clients on other machines look for ZooKeeper on their own host"
            ),
        ),
        None => (
            Severity::Info,
            format!(
                "{subject} with `{DISTRIBUTED}` true: right only for a pseudo-distributed \
                 cluster on one machine"
            ),
        ),
    };
    cx.report(severity, span, message)
        .help(format!(
            "set `{QUORUM}` to the ZooKeeper ensemble's hosts, e.g. \
             `zk1.example.com,zk2.example.com,zk3.example.com`"
        ))
        .anchor(anchor);
}

/// `zk1:2182` in the quorum while `clientPort` says 2181.
fn port_mismatch(cx: &mut Ctx<'_>, site: Site<'_>, quorum: &Quorum<'_>) {
    let (Some(entry), Setting::Set { value: port, .. }) = (quorum.entry, site.int(CLIENT_PORT))
    else {
        return;
    };
    let Some(server) = quorum.servers.iter().find(|s| {
        s.port
            .as_deref()
            .and_then(bdl_syntax::config::set::integer)
            .is_some_and(|p| p != port)
    }) else {
        return;
    };
    let other = server.port.as_deref().unwrap_or_default();
    let note = if port == DEFAULT_CLIENT_PORT {
        " (the default)"
    } else {
        ""
    };
    cx.report(
        Severity::Info,
        entry.value_span,
        format!(
            "`{QUORUM}` names port {other} (`{}:{other}`) while `{CLIENT_PORT}` is {port}{note}: \
             clients use the port in the quorum, a ZooKeeper that HBase starts listens on {port}",
            server.host
        ),
    )
    .help(format!(
        "write the port once, in `{CLIENT_PORT}`, or make both say the same port"
    ))
    .anchor(format!("{QUORUM}={}", entry.value));
}

fn is_configuration_type(file: &JavaFile<'_>, written: &str) -> bool {
    CONFIGURATION_CLASSES
        .iter()
        .any(|fqn| names_class(file, written, fqn))
}

/// Whether `expr` is provably a Hadoop `Configuration`: a variable declared with a
/// configuration type (or `var` initialised with one), `HBaseConfiguration.create(..)`,
/// `new Configuration(..)`, or a cast to a configuration type.
fn is_configuration(file: &JavaFile<'_>, expr: Node<'_>) -> bool {
    let Some(expr) = unparenthesize(expr) else {
        return false;
    };
    if matches!(expr.kind(), "identifier" | "field_access") {
        let Some(decl) = declaration_of(file, expr) else {
            return false;
        };
        return match decl.ty.map(|t| file.text_of(t)).filter(|t| *t != "var") {
            Some(written) => is_configuration_type(file, written),
            None => decl.value.is_some_and(|v| yields_configuration(file, v)),
        };
    }
    yields_configuration(file, expr)
}

fn yields_configuration(file: &JavaFile<'_>, expr: Node<'_>) -> bool {
    let Some(expr) = unparenthesize(expr) else {
        return false;
    };
    match expr.kind() {
        "object_creation_expression" | "cast_expression" => expr
            .child_by_field_name("type")
            .is_some_and(|t| is_configuration_type(file, file.text_of(t))),
        "method_invocation" => {
            method_name(file, expr) == "create"
                && arguments(expr).len() <= 1
                && receiver(expr).is_some_and(|object| {
                    matches!(object.kind(), "identifier" | "field_access")
                        && (object.kind() != "identifier"
                            || scope::resolve(file, object, file.text_of(object)).is_none())
                        && names_class(
                            file,
                            file.text_of(object),
                            "org.apache.hadoop.hbase.HBaseConfiguration",
                        )
                })
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use bdl_core::Diagnostic;
    use bdl_syntax::check_one;

    use super::*;
    use crate::site::site_xml;

    fn run(path: &str, props: &[(&str, &str)]) -> Vec<Diagnostic> {
        check_one(&ZkQuorumMisconfigured, path, &site_xml(props))
    }

    fn found(props: &[(&str, &str)]) -> Vec<(u32, Severity)> {
        run("hbase-site.xml", props)
            .iter()
            .map(|d| (d.start.line, d.severity))
            .collect()
    }

    const DIST: (&str, &str) = (DISTRIBUTED, "true");
    const REMOTE_ROOT: (&str, &str) = ("hbase.rootdir", "hdfs://nn1.prod:8020/hbase");

    #[test]
    fn local_quorum_on_a_cluster_with_remote_hdfs_is_a_warning() {
        for quorum in [
            "localhost",
            "127.0.0.1",
            "localhost:2181",
            " localhost , 127.0.0.1 ",
        ] {
            assert_eq!(
                found(&[DIST, REMOTE_ROOT, (QUORUM, quorum)]),
                [(4, Severity::Warning)],
                "{quorum}"
            );
        }
        let d = run("hbase-site.xml", &[DIST, REMOTE_ROOT]);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].start.line, 2);
        assert_eq!(
            d[0].message,
            "`hbase.zookeeper.quorum` is not set (HBase uses `127.0.0.1`) on a distributed \
             cluster whose data is on HDFS at `nn1.prod`: HBase servers and clients on other \
             machines look for ZooKeeper on their own host"
        );
    }

    #[test]
    fn local_quorum_without_evidence_is_info() {
        assert_eq!(found(&[DIST, (QUORUM, "localhost")]), [(3, Severity::Info)]);
        assert_eq!(
            found(&[DIST, ("hbase.rootdir", "/hbase"), (QUORUM, "localhost")]),
            [(4, Severity::Info)]
        );
    }

    #[test]
    fn pseudo_distributed_and_real_quorums_are_fine() {
        assert!(found(&[DIST, ("hbase.rootdir", "hdfs://localhost:8020/hbase")]).is_empty());
        assert!(
            found(&[
                DIST,
                ("hbase.rootdir", "file:///data/hbase"),
                (QUORUM, "localhost")
            ])
            .is_empty()
        );
        assert!(found(&[DIST, REMOTE_ROOT, (QUORUM, "zk1,zk2,zk3")]).is_empty());
        assert!(found(&[DIST, REMOTE_ROOT, (QUORUM, "localhost,zk2")]).is_empty());
        assert!(found(&[REMOTE_ROOT, (QUORUM, "localhost")]).is_empty());
        assert!(found(&[DIST, REMOTE_ROOT, (QUORUM, "${zk.hosts}")]).is_empty());
        assert!(found(&[DIST, REMOTE_ROOT, (QUORUM, "{{ zk_hosts }}")]).is_empty());
        assert!(run("core-site.xml", &[DIST, REMOTE_ROOT]).is_empty());
    }

    #[test]
    fn quorum_port_against_client_port() {
        let d = run(
            "hbase-site.xml",
            &[(QUORUM, "zk1:2182,zk2:2182"), (CLIENT_PORT, "2181")],
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Info);
        assert_eq!(
            d[0].message,
            "`hbase.zookeeper.quorum` names port 2182 (`zk1:2182`) while \
             `hbase.zookeeper.property.clientPort` is 2181 (the default): clients use the port \
             in the quorum, a ZooKeeper that HBase starts listens on 2181"
        );
        assert!(found(&[(QUORUM, "zk1:2181,zk2"), (CLIENT_PORT, "2181")]).is_empty());
        assert!(found(&[(QUORUM, "zk1:2182")]).is_empty());
        assert!(found(&[(QUORUM, "zk1:2182"), (CLIENT_PORT, "${port}")]).is_empty());
    }

    fn java(src: &str) -> Vec<(u32, Severity)> {
        check_one(&ZkQuorumMisconfigured, "src/main/java/Job.java", src)
            .iter()
            .map(|d| (d.start.line, d.severity))
            .collect()
    }

    #[test]
    fn hard_coded_quorum_in_java() {
        let src = r#"import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.HConstants;
class Job {
    static final String ZK = "zk1.prod,zk2.prod";
    private final Configuration shared = new Configuration();
    void a() {
        Configuration conf = HBaseConfiguration.create();
        conf.set("hbase.zookeeper.quorum", "10.0.0.5");
        var other = HBaseConfiguration.create();
        other.set(HConstants.ZOOKEEPER_QUORUM, ZK);
        this.shared.set("hbase.zookeeper.quorum", "zk");
        HBaseConfiguration.create().set("hbase.zookeeper.quorum", "10.0.0.6");
        ((Configuration) shared).set("hbase.zookeeper.quorum", "10.0.0.7");
    }
}"#;
        assert_eq!(
            java(src),
            [
                (9, Severity::Info),
                (11, Severity::Info),
                (12, Severity::Info),
                (13, Severity::Info),
                (14, Severity::Info),
            ]
        );
    }

    #[test]
    fn unproven_receivers_and_values_stay_silent() {
        let src = r#"import org.apache.hadoop.conf.Configuration;
import java.util.Properties;
class Job {
    void a(Properties props, Configuration conf, ParameterTool params, String zk) {
        props.setProperty("hbase.zookeeper.quorum", "10.0.0.5");
        props.put("hbase.zookeeper.quorum", "10.0.0.5");
        settings.set("hbase.zookeeper.quorum", "10.0.0.5");
        conf.set("hbase.zookeeper.quorum", zk);
        conf.set("hbase.zookeeper.quorum", params.get("zk", "10.0.0.5"));
        conf.set("hbase.zookeeper.quorum", System.getenv("ZK_QUORUM"));
        conf.set("hbase.zookeeper.quorum", "${zk.quorum}");
        conf.set("hbase.zookeeper.property.clientPort", "2181");
    }
}"#;
        assert!(java(src).is_empty());
        // Flink's Configuration is not Hadoop's.
        let flink = r#"import org.apache.flink.configuration.Configuration;
import org.apache.hadoop.hbase.client.Connection;
class Job {
    void a(Configuration conf) { conf.setString("hbase.zookeeper.quorum", "10.0.0.5"); conf.set("hbase.zookeeper.quorum", "10.0.0.5"); }
}"#;
        assert!(java(flink).is_empty());
    }
}
