use bdl_core::{Ctx, RuleMeta, Severity, declare_rule};
use bdl_syntax::{ConfigFile, Rule};

use crate::cluster::{Daemons, Nameservice, nameservices, own_nameservices, set_for};
use crate::site::Conf;

declare_rule! {
    /// ## What it does
    /// Checks every nameservice of `dfs.nameservices` for the keys HDFS high availability
    /// needs, per nameservice `<ns>` and NameNode `<nn>`:
    /// - keys every client and daemon needs: `dfs.ha.namenodes.<ns>` (when NameNode
    ///   addresses with ids are given), `dfs.namenode.rpc-address.<ns>.<nn>` for each
    ///   NameNode it lists, and `dfs.client.failover.proxy.provider.<ns>`;
    /// - keys the NameNodes need: `dfs.namenode.shared.edits.dir` and
    ///   `dfs.ha.fencing.methods` (each plain, per nameservice or per NameNode). These are
    ///   checked only when the set configures NameNodes (it holds keys only NameNodes read,
    ///   such as `dfs.namenode.name.dir`, `dfs.journalnode.edits.dir` or
    ///   `dfs.ha.automatic-failover.enabled`), and only for the nameservices those NameNodes
    ///   serve: those of `dfs.internal.nameservices`, or the only one listed. A client's
    ///   `hdfs-site.xml` lists remote nameservices without their daemons' keys.
    ///
    /// A nameservice with a single `dfs.namenode.rpc-address.<ns>` (federation without HA) is
    /// complete; one with neither NameNode ids nor an address is reported. The file is read
    /// with the site files beside it; the finding is reported once, at `dfs.nameservices`
    /// (or at `dfs.ha.namenodes.<ns>` for a NameNode without an address), in the file that
    /// holds that key. A `dfs.nameservices` whose value holds a `${var}` the set cannot
    /// resolve, and ids that are template placeholders, are skipped.
    ///
    /// ## Why is this bad?
    /// Without the NameNode ids or their RPC addresses the NameNodes do not start ("Could not
    /// determine own NN ID") and clients cannot find them. Without a failover proxy provider,
    /// a client treats `hdfs://<ns>` as a host name and fails with `UnknownHostException`.
    /// Without shared edits the standby cannot follow the active NameNode, and HA refuses to
    /// start; without fencing methods a failover is refused ("no fencing methods
    /// configured"), so the pair cannot switch when the active one fails.
    ///
    /// ## Example
    /// ```xml file=hdfs-site.xml bad findings=2
    /// <configuration>
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
    /// ```xml file=hdfs-site.xml good
    /// <configuration>
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
    ///   <property>
    ///     <name>dfs.namenode.rpc-address.mycluster.nn2</name>
    ///     <value>master2.example.com:8020</value>
    ///   </property>
    ///   <property>
    ///     <name>dfs.client.failover.proxy.provider.mycluster</name>
    ///     <value>org.apache.hadoop.hdfs.server.namenode.ha.ConfiguredFailoverProxyProvider</value>
    ///   </property>
    /// </configuration>
    /// ```
    ///
    /// ## How to fix
    /// Add the missing keys for the nameservice, as the HDFS High Availability guide lists
    /// them: an id per NameNode, the RPC (and HTTP) address of each, the failover proxy
    /// provider for clients, and on the NameNodes the shared edits directory
    /// (`qjournal://jn1:8485;jn2:8485;jn3:8485/<ns>`) and at least one fencing method
    /// (`shell(/bin/true)` is enough with the Quorum Journal Manager).
    ///
    /// ## Options
    /// None.
    ///
    /// ## References
    /// - Apache Hadoop, HDFS High Availability using the Quorum Journal Manager, configuration details: <https://hadoop.apache.org/docs/stable/hadoop-project-dist/hadoop-hdfs/HDFSHighAvailabilityWithQJM.html#Configuration_details>
    /// - Apache Hadoop, HDFS Federation, configuration: <https://hadoop.apache.org/docs/stable/hadoop-project-dist/hadoop-hdfs/Federation.html#Configuration>
    pub HaIncomplete {
        code: "HDP004",
        name: "ha-incomplete",
        summary: "nameservice without the keys HDFS high availability needs",
        severity: Error,
        kinds: [HadoopXml],
        triggers: ["<property>"],
        options: [],
    }
}

const PROXY_PROVIDER: &str = "dfs.client.failover.proxy.provider";
const SHARED_EDITS: &str = "dfs.namenode.shared.edits.dir";
const FENCING: &str = "dfs.ha.fencing.methods";

impl Rule for HaIncomplete {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_config(&self, file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
        let Some(conf) = Conf::of(file, cx.path()) else {
            return;
        };
        // A template may add the missing keys when it is rendered.
        if conf.is_template() {
            return;
        }
        let all = nameservices(&conf);
        if all.is_empty() {
            return;
        }
        let servers = Daemons::of(&conf).namenode.is_some();
        let own: Vec<String> = if servers {
            own_nameservices(&conf, &all)
                .into_iter()
                .map(|ns| ns.id.clone())
                .collect()
        } else {
            Vec::new()
        };
        for ns in &all {
            check(&conf, ns, own.contains(&ns.id), cx);
        }
    }
}

fn check(conf: &Conf<'_>, ns: &Nameservice<'_>, served_here: bool, cx: &mut Ctx<'_>) {
    let id = &ns.id;
    if ns.opaque {
        return;
    }
    if !ns.is_ha(conf) {
        if ns.single_address.is_none() && ns.listed.is_here() {
            cx.report(
                Severity::Error,
                ns.listed.entry.value_span,
                format!(
                    "nameservice `{id}` has neither NameNode ids (`dfs.ha.namenodes.{id}`) nor an address (`dfs.namenode.rpc-address.{id}`): neither clients nor NameNodes can find it"
                ),
            )
            .help(format!("add `dfs.ha.namenodes.{id}` and an RPC address for each NameNode, or remove `{id}` from `dfs.nameservices`"))
            .anchor(format!("dfs.nameservices:{id}"));
        }
        return;
    }
    let mut missing: Vec<String> = Vec::new();
    match &ns.namenodes {
        None => missing.push(format!("`dfs.ha.namenodes.{id}`")),
        Some((listing, ids)) => {
            let without: Vec<&String> = ids
                .iter()
                .filter(|nn| {
                    conf.get(&format!("dfs.namenode.rpc-address.{id}.{nn}"))
                        .is_none()
                })
                .collect();
            if !without.is_empty() && listing.is_here() {
                let keys = without
                    .iter()
                    .map(|nn| format!("`dfs.namenode.rpc-address.{id}.{nn}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                cx.report(
                    Severity::Error,
                    listing.entry.value_span,
                    format!(
                        "{} of nameservice `{id}` {} no RPC address ({keys} not set): that NameNode does not start and clients cannot reach it",
                        plural(&without, "NameNode"),
                        if without.len() == 1 { "has" } else { "have" },
                    ),
                )
                .help(format!("set {keys} to the host and RPC port of the NameNode"))
                .anchor(format!("dfs.ha.namenodes.{id}:rpc-address"));
            }
        }
    }
    if set_for(conf, PROXY_PROVIDER, id, None).is_none() {
        missing.push(format!("`{PROXY_PROVIDER}.{id}`"));
    }
    let mut server_missing = Vec::new();
    if served_here {
        let nns: Vec<Option<&str>> = match &ns.namenodes {
            Some((_, ids)) if !ids.is_empty() => ids.iter().map(|nn| Some(nn.as_str())).collect(),
            _ => vec![None],
        };
        for base in [SHARED_EDITS, FENCING] {
            let some_unset = nns.iter().any(|nn| {
                set_for(conf, base, id, *nn).is_none_or(|f| f.entry.value.trim().is_empty())
            });
            if some_unset {
                server_missing.push(format!("`{base}`"));
            }
        }
    }
    if (missing.is_empty() && server_missing.is_empty()) || !ns.listed.is_here() {
        return;
    }
    let mut consequences = Vec::new();
    if missing.iter().any(|m| m.contains("dfs.ha.namenodes")) {
        consequences.push("the NameNodes cannot tell their own id");
    }
    if missing.iter().any(|m| m.contains(PROXY_PROVIDER)) {
        consequences.push(
            "clients take the nameservice for a host name and fail with UnknownHostException",
        );
    }
    if server_missing.iter().any(|m| m.contains(SHARED_EDITS)) {
        consequences.push("the standby NameNode cannot follow the active one's edits");
    }
    if server_missing.iter().any(|m| m.contains(FENCING)) {
        consequences.push("a failover is refused without a fencing method");
    }
    let all: Vec<String> = missing.into_iter().chain(server_missing).collect();
    cx.report(
        Severity::Error,
        ns.listed.entry.value_span,
        format!(
            "the HA nameservice `{id}` is missing {}: {}",
            all.join(", "),
            consequences.join("; ")
        ),
    )
    .help(format!("add {} for nameservice `{id}`", all.join(", ")))
    .anchor(format!("dfs.nameservices:{id}"));
}

fn plural<T>(items: &[T], noun: &str) -> String {
    if items.len() == 1 {
        format!("one {noun}")
    } else {
        format!("{} {noun}s", items.len())
    }
}

#[cfg(test)]
mod tests {
    use bdl_core::Severity::Error;

    use super::*;
    use crate::site::testing::{check_in_dir, findings, site};

    const RULE: &HaIncomplete = &HaIncomplete;

    const PROVIDER: &str =
        "org.apache.hadoop.hdfs.server.namenode.ha.ConfiguredFailoverProxyProvider";

    fn client(extra: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
        let mut props = vec![
            ("dfs.nameservices", "ns1"),
            ("dfs.ha.namenodes.ns1", "nn1,nn2"),
            ("dfs.namenode.rpc-address.ns1.nn1", "a:8020"),
            ("dfs.namenode.rpc-address.ns1.nn2", "b:8020"),
            ("dfs.client.failover.proxy.provider.ns1", PROVIDER),
        ];
        props.extend_from_slice(extra);
        props
    }

    #[test]
    fn a_complete_client_configuration_is_silent() {
        let hdfs = site(&client(&[]));
        assert!(findings(RULE, &[("hdfs-site.xml", &hdfs)]).is_empty());
        // Complete for NameNodes too, with per-nameservice keys.
        let hdfs = site(&client(&[
            ("dfs.namenode.name.dir", "/data/nn"),
            (
                "dfs.namenode.shared.edits.dir.ns1",
                "qjournal://a:8485;b:8485;c:8485/ns1",
            ),
            ("dfs.ha.fencing.methods", "shell(/bin/true)"),
        ]));
        assert!(findings(RULE, &[("hdfs-site.xml", &hdfs)]).is_empty());
    }

    #[test]
    fn missing_client_keys() {
        let hdfs = site(&[
            ("dfs.nameservices", "ns1"),
            ("dfs.ha.namenodes.ns1", "nn1,nn2"),
            ("dfs.namenode.rpc-address.ns1.nn1", "a:8020"),
        ]);
        let d = check_in_dir(RULE, &[("hdfs-site.xml", &hdfs)], "hdfs-site.xml");
        let got: Vec<_> = d.iter().map(|d| (d.start.line, d.severity)).collect();
        assert_eq!(got, [(3, Error), (4, Error)]);
        assert_eq!(
            d[0].message,
            "the HA nameservice `ns1` is missing `dfs.client.failover.proxy.provider.ns1`: clients take the nameservice for a host name and fail with UnknownHostException"
        );
        assert_eq!(
            d[1].message,
            "one NameNode of nameservice `ns1` has no RPC address (`dfs.namenode.rpc-address.ns1.nn2` not set): that NameNode does not start and clients cannot reach it"
        );
        // Addresses with ids but no list of ids.
        let hdfs = site(&[
            ("dfs.nameservices", "ns1"),
            ("dfs.namenode.rpc-address.ns1.nn1", "a:8020"),
            ("dfs.client.failover.proxy.provider.ns1", PROVIDER),
        ]);
        let d = check_in_dir(RULE, &[("hdfs-site.xml", &hdfs)], "hdfs-site.xml");
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("`dfs.ha.namenodes.ns1`"));
    }

    #[test]
    fn namenode_keys_only_for_namenode_configurations() {
        let hdfs = site(&client(&[("dfs.namenode.name.dir", "/data/nn")]));
        let d = check_in_dir(RULE, &[("hdfs-site.xml", &hdfs)], "hdfs-site.xml");
        assert_eq!(d.len(), 1);
        assert!(
            d[0].message
                .contains("`dfs.namenode.shared.edits.dir`, `dfs.ha.fencing.methods`")
        );
        // Fencing for one NameNode only.
        let hdfs = site(&client(&[
            ("dfs.namenode.name.dir", "/data/nn"),
            (
                "dfs.namenode.shared.edits.dir",
                "qjournal://a:8485;b:8485;c:8485/ns1",
            ),
            ("dfs.ha.fencing.methods.ns1.nn1", "sshfence"),
        ]));
        let d = check_in_dir(RULE, &[("hdfs-site.xml", &hdfs)], "hdfs-site.xml");
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("missing `dfs.ha.fencing.methods`"));
    }

    #[test]
    fn federation_and_remote_nameservices() {
        // ns2 is another cluster listed for clients; which nameservices the NameNodes serve
        // is unknown, so only client keys are checked.
        let hdfs = site(&[
            ("dfs.nameservices", "ns1,ns2,fed"),
            ("dfs.ha.namenodes.ns1", "nn1,nn2"),
            ("dfs.namenode.rpc-address.ns1.nn1", "a:8020"),
            ("dfs.namenode.rpc-address.ns1.nn2", "b:8020"),
            ("dfs.client.failover.proxy.provider.ns1", PROVIDER),
            ("dfs.ha.namenodes.ns2", "x,y"),
            ("dfs.namenode.rpc-address.ns2.x", "x:8020"),
            ("dfs.namenode.rpc-address.ns2.y", "y:8020"),
            ("dfs.client.failover.proxy.provider.ns2", PROVIDER),
            ("dfs.namenode.rpc-address.fed", "fed:8020"),
            ("dfs.namenode.name.dir", "/data/nn"),
        ]);
        assert!(findings(RULE, &[("hdfs-site.xml", &hdfs)]).is_empty());
        // With dfs.internal.nameservices, ns1 is served here and lacks the NameNode keys.
        let with_internal = hdfs.replace(
            "</configuration>",
            "  <property><name>dfs.internal.nameservices</name><value>ns1</value></property>\n</configuration>",
        );
        let d = check_in_dir(RULE, &[("hdfs-site.xml", &with_internal)], "hdfs-site.xml");
        assert_eq!(d.len(), 1);
        assert!(d[0].message.starts_with("the HA nameservice `ns1`"));
        // A nameservice with nothing at all.
        let hdfs = site(&[("dfs.nameservices", "ghost")]);
        let d = check_in_dir(RULE, &[("hdfs-site.xml", &hdfs)], "hdfs-site.xml");
        assert_eq!(d.len(), 1);
        assert!(d[0].message.starts_with("nameservice `ghost` has neither"));
    }

    #[test]
    fn keys_across_files_are_reported_once() {
        let core = site(&[("dfs.client.failover.proxy.provider.ns1", PROVIDER)]);
        let hdfs = site(&[
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
        let core = site(&[("fs.defaultFS", "hdfs://ns1")]);
        let files = [
            ("core-site.xml", core.as_str()),
            ("hdfs-site.xml", hdfs.as_str()),
        ];
        assert_eq!(
            findings(RULE, &files),
            [("hdfs-site.xml".to_owned(), 3, Error)]
        );
        // Template placeholders and unknown references are skipped.
        let hdfs = site(&[
            ("dfs.nameservices", "ns1"),
            ("dfs.ha.namenodes.ns1", "${env.NNS}"),
            ("dfs.namenode.rpc-address.ns1.nn1", "a:8020"),
        ]);
        assert!(findings(RULE, &[("hdfs-site.xml", &hdfs)]).is_empty());
        let hdfs = site(&[("dfs.nameservices", "{{ .Values.ns }}")]);
        assert!(findings(RULE, &[("hdfs-site.xml", &hdfs)]).is_empty());
        let hdfs = site(&[("dfs.nameservices", "${env.NS}")]);
        assert!(findings(RULE, &[("hdfs-site.xml", &hdfs)]).is_empty());
    }
}
