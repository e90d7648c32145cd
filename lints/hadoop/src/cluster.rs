//! What a configuration set says about the cluster it configures: whether it is a single-node
//! setup, whether it configures HDFS daemons or only clients, and its nameservices.
//!
//! Client configurations (a Spark image's `core-site.xml`, an `hdfs-site.xml` with only
//! `dfs.client.*` keys) are copies of the cluster's files without the daemons' keys; a rule
//! that reports a key the daemons need when it is missing asks for evidence that the set
//! configures those daemons first.

use bdl_syntax::config::set::Found;

use crate::site::{Conf, list, plain_id};

/// The default file system key, then its deprecated name.
pub(crate) const DEFAULT_FS: &[&str] = &["fs.defaultFS", "fs.default.name"];

/// A URI split into scheme, host and port (`hdfs://nn1:8020/x` → `hdfs`, `nn1`, `8020`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Uri<'a> {
    pub(crate) scheme: &'a str,
    pub(crate) host: &'a str,
    pub(crate) port: Option<&'a str>,
}

impl<'a> Uri<'a> {
    pub(crate) fn parse(text: &'a str) -> Option<Self> {
        let (scheme, rest) = text.trim().split_once("://")?;
        let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
        let (host, port) = split_host_port(authority);
        Some(Self { scheme, host, port })
    }
}

/// `host:port`, `[::1]:8020` or `host` alone.
pub(crate) fn split_host_port(authority: &str) -> (&str, Option<&str>) {
    let authority = authority.trim();
    if let Some(v6) = authority.strip_prefix('[') {
        return match v6.split_once(']') {
            Some((host, rest)) => (host, rest.strip_prefix(':').filter(|p| !p.is_empty())),
            None => (v6, None),
        };
    }
    match authority.rsplit_once(':') {
        Some((host, port)) if !host.contains(':') => (host, Some(port).filter(|p| !p.is_empty())),
        _ => (authority, None),
    }
}

/// A host that is this machine: `localhost`, the loopback addresses, or `0.0.0.0` (which a
/// client connects to as this machine).
pub(crate) fn is_local_host(host: &str) -> bool {
    let host = host.trim().to_ascii_lowercase();
    host == "localhost"
        || host == "localhost.localdomain"
        || host == "::1"
        || host == "0.0.0.0"
        || host
            .strip_prefix("127.")
            .is_some_and(|r| r.split('.').count() == 3 && r.split('.').all(is_octet))
}

fn is_octet(part: &str) -> bool {
    !part.is_empty() && part.len() <= 3 && part.bytes().all(|b| b.is_ascii_digit())
}

/// The setting that makes a set a single-node (pseudo-distributed) setup, as Hadoop's
/// "Single Node Setup" guide configures one: `fs.defaultFS` on an HDFS on this machine
/// (`hdfs://localhost:9000`), or, without a default file system, the NameNode's RPC address
/// on this machine.
#[derive(Clone, Debug)]
pub(crate) struct SingleNode {
    pub(crate) key: String,
    pub(crate) value: String,
    /// Where it is written (`core-site.xml:6`, `line 6`).
    pub(crate) place: String,
}

pub(crate) fn single_node(conf: &Conf<'_>) -> Option<SingleNode> {
    let found = if let Some(fs) = conf.explicit(DEFAULT_FS) {
        let value = fs.known()?.to_owned();
        let uri = Uri::parse(&value)?;
        if !uri.scheme.eq_ignore_ascii_case("hdfs") || !is_local_host(uri.host) {
            return None;
        }
        (fs, value)
    } else {
        let rpc = conf.explicit(&["dfs.namenode.rpc-address"])?;
        let value = rpc.known()?.to_owned();
        if !is_local_host(split_host_port(&value).0) {
            return None;
        }
        (rpc, value)
    };
    let (setting, value) = found;
    Some(SingleNode {
        place: conf.origin(&setting),
        key: setting.key,
        value,
    })
}

/// Keys only HDFS daemons read (NameNode, DataNode, JournalNode, ZKFC), by prefix. Their
/// presence shows that the set configures daemons, not only clients.
const NAMENODE_PREFIXES: &[&str] = &["dfs.namenode.", "dfs.journalnode.", "dfs.ha.fencing."];
const NAMENODE_KEYS: &[&str] = &[
    "dfs.name.dir",
    "dfs.name.edits.dir",
    "fs.checkpoint.dir",
    "dfs.permissions.enabled",
    "dfs.permissions",
    "dfs.permissions.superusergroup",
    "dfs.hosts",
    "dfs.hosts.exclude",
    "dfs.ha.automatic-failover.enabled",
    "dfs.webhdfs.enabled",
    "dfs.blockreport.intervalMsec",
    "dfs.heartbeat.interval",
    "dfs.block.access.token.enable",
];
/// `dfs.namenode.*` keys that clients read too (addresses and principals).
const CLIENT_NAMENODE_KEYS: &[&str] = &[
    "dfs.namenode.rpc-address",
    "dfs.namenode.http-address",
    "dfs.namenode.https-address",
    "dfs.namenode.servicerpc-address",
    "dfs.namenode.lifeline.rpc-address",
    "dfs.namenode.kerberos.principal",
    "dfs.namenode.kerberos.principal.pattern",
    "dfs.namenode.kerberos.internal.spnego.principal",
];
const DATANODE_PREFIXES: &[&str] = &["dfs.datanode."];
const DATANODE_KEYS: &[&str] = &["dfs.data.dir"];
const CLIENT_DATANODE_KEYS: &[&str] = &["dfs.datanode.kerberos.principal"];

/// The key without a `.<nameservice>[.<namenode>]` suffix, when `key` is `base` with one.
fn is_key_or_suffixed(key: &str, base: &str) -> bool {
    key == base
        || key
            .strip_prefix(base)
            .and_then(|rest| rest.strip_prefix('.'))
            .is_some_and(|suffix| !suffix.is_empty() && suffix.split('.').count() <= 2)
}

fn is_namenode_key(key: &str) -> bool {
    if CLIENT_NAMENODE_KEYS
        .iter()
        .any(|base| is_key_or_suffixed(key, base))
    {
        return false;
    }
    NAMENODE_KEYS
        .iter()
        .any(|base| is_key_or_suffixed(key, base))
        || NAMENODE_PREFIXES.iter().any(|p| key.starts_with(p))
}

fn is_datanode_key(key: &str) -> bool {
    !CLIENT_DATANODE_KEYS.contains(&key)
        && (DATANODE_KEYS.contains(&key) || DATANODE_PREFIXES.iter().any(|p| key.starts_with(p)))
}

/// Which HDFS daemons the set configures, with the first key that shows it.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Daemons<'s> {
    pub(crate) namenode: Option<Found<'s>>,
    pub(crate) datanode: Option<Found<'s>>,
}

impl<'s> Daemons<'s> {
    pub(crate) fn of(conf: &'s Conf<'_>) -> Self {
        let mut out = Self::default();
        for found in conf.entries_where(|k| k.starts_with("dfs.") || k == "fs.checkpoint.dir") {
            if out.namenode.is_none() && is_namenode_key(&found.entry.key) {
                out.namenode = Some(found);
            }
            if out.datanode.is_none() && is_datanode_key(&found.entry.key) {
                out.datanode = Some(found);
            }
        }
        out
    }

    /// The first daemon key of either kind that is written in the checked file.
    pub(crate) fn first_here(conf: &'s Conf<'_>) -> Option<Found<'s>> {
        conf.entries_where(|k| k.starts_with("dfs.") || k == "fs.checkpoint.dir")
            .into_iter()
            .find(|f| {
                f.is_here() && (is_namenode_key(&f.entry.key) || is_datanode_key(&f.entry.key))
            })
    }

    pub(crate) fn any(&self) -> bool {
        self.namenode.is_some() || self.datanode.is_some()
    }
}

/// One nameservice of `dfs.nameservices`.
#[derive(Clone, Debug)]
pub(crate) struct Nameservice<'s> {
    pub(crate) id: String,
    /// The `dfs.nameservices` entry that lists it.
    pub(crate) listed: Found<'s>,
    /// `dfs.ha.namenodes.<id>` and its NameNode ids, when set and readable.
    pub(crate) namenodes: Option<(Found<'s>, Vec<String>)>,
    /// `dfs.ha.namenodes.<id>` is set but cannot be read (an unknown `${var}`, a template
    /// placeholder): nothing about the nameservice can be told.
    pub(crate) opaque: bool,
    /// `dfs.namenode.rpc-address.<id>`: a nameservice of one NameNode (federation without HA).
    pub(crate) single_address: Option<Found<'s>>,
}

impl Nameservice<'_> {
    /// Whether the nameservice has NameNode ids, or NameNode addresses with an id: an HA
    /// nameservice, complete or not.
    pub(crate) fn is_ha(&self, conf: &Conf<'_>) -> bool {
        if self.namenodes.is_some() {
            return true;
        }
        let prefix = format!("dfs.namenode.rpc-address.{}.", self.id);
        !conf.entries_where(|k| k.starts_with(&prefix)).is_empty()
    }
}

/// The nameservices of `dfs.nameservices` that are plain ids (a `${ns}` or a template
/// placeholder is skipped), with their NameNodes.
pub(crate) fn nameservices<'s>(conf: &'s Conf<'_>) -> Vec<Nameservice<'s>> {
    let Some(listed) = conf.get("dfs.nameservices") else {
        return Vec::new();
    };
    let value = conf.expand(listed.entry.value.trim());
    if !value.complete {
        return Vec::new();
    }
    list(&value.text)
        .into_iter()
        .filter(|id| plain_id(id))
        .map(|id| {
            let listing = conf.get(&format!("dfs.ha.namenodes.{id}"));
            let namenodes = listing.and_then(|found| {
                let ids = conf.expand(found.entry.value.trim());
                let ids: Vec<String> = list(&ids.text).into_iter().map(str::to_owned).collect();
                (!ids.is_empty() && ids.iter().all(|nn| plain_id(nn))).then_some((found, ids))
            });
            Nameservice {
                id: id.to_owned(),
                listed,
                opaque: listing.is_some() && namenodes.is_none(),
                namenodes,
                single_address: conf.get(&format!("dfs.namenode.rpc-address.{id}")),
            }
        })
        .collect()
}

/// The nameservices the NameNodes of this set serve: `dfs.internal.nameservices` when set,
/// otherwise the only one of `dfs.nameservices`. Empty when that cannot be told (several
/// nameservices, some of them possibly remote clusters listed for clients).
pub(crate) fn own_nameservices<'a, 's>(
    conf: &Conf<'_>,
    all: &'a [Nameservice<'s>],
) -> Vec<&'a Nameservice<'s>> {
    if let Some(internal) = conf.get("dfs.internal.nameservices") {
        let value = conf.expand(internal.entry.value.trim());
        if !value.complete {
            return Vec::new();
        }
        let ids = list(&value.text);
        return all
            .iter()
            .filter(|ns| ids.contains(&ns.id.as_str()))
            .collect();
    }
    match all {
        [only] => vec![only],
        _ => Vec::new(),
    }
}

/// Whether a key of `base` is set for NameNode `nn` of nameservice `ns`: the plain key, the
/// key for the nameservice, or the key for that NameNode (Hadoop's per-nameservice keys).
pub(crate) fn set_for<'s>(
    conf: &'s Conf<'_>,
    base: &str,
    ns: &str,
    nn: Option<&str>,
) -> Option<Found<'s>> {
    if let Some(nn) = nn
        && let Some(found) = conf.get(&format!("{base}.{ns}.{nn}"))
    {
        return Some(found);
    }
    conf.get(&format!("{base}.{ns}")).or_else(|| conf.get(base))
}

#[cfg(test)]
mod tests {
    use bdl_core::FileKind;
    use bdl_syntax::ConfigFile;

    use super::*;
    use crate::site::testing::site;

    #[test]
    fn uris_and_local_hosts() {
        let uri = Uri::parse("hdfs://nn1:8020/user").expect("a URI");
        assert_eq!(
            (uri.scheme, uri.host, uri.port),
            ("hdfs", "nn1", Some("8020"))
        );
        let uri = Uri::parse("hdfs://[::1]:9000").expect("a URI");
        assert_eq!((uri.host, uri.port), ("::1", Some("9000")));
        assert_eq!(Uri::parse("hdfs://ns1").map(|u| u.port), Some(None));
        assert!(Uri::parse("/just/a/path").is_none());
        for local in [
            "localhost",
            "LOCALHOST",
            "127.0.0.1",
            "127.1.2.3",
            "0.0.0.0",
            "::1",
        ] {
            assert!(is_local_host(local), "{local}");
        }
        for remote in [
            "localhost-nn",
            "127.0.0",
            "nn1",
            "10.0.0.1",
            "127.0.0.1.example",
        ] {
            assert!(!is_local_host(remote), "{remote}");
        }
    }

    fn conf_of<'a>(file: &'a ConfigFile<'a>, name: &str) -> Conf<'a> {
        Conf::of(file, name).expect("a site file")
    }

    #[test]
    fn single_node_markers() {
        let text = site(&[("fs.defaultFS", "hdfs://localhost:9000")]);
        let file = ConfigFile::parse(FileKind::HadoopXml, &text);
        let one = single_node(&conf_of(&file, "core-site.xml")).expect("single node");
        assert_eq!(
            (one.key.as_str(), one.place.as_str()),
            ("fs.defaultFS", "line 3")
        );
        let text = site(&[("fs.default.name", "hdfs://0.0.0.0:9000")]);
        let file = ConfigFile::parse(FileKind::HadoopXml, &text);
        assert!(single_node(&conf_of(&file, "core-site.xml")).is_some());
        let text = site(&[("dfs.namenode.rpc-address", "127.0.0.1:8020")]);
        let file = ConfigFile::parse(FileKind::HadoopXml, &text);
        assert!(single_node(&conf_of(&file, "hdfs-site.xml")).is_some());
        for fs in [
            "hdfs://nn1:8020",
            "file:///",
            "hdfs://${nn}:8020",
            "viewfs://cluster",
        ] {
            let text = site(&[
                ("fs.defaultFS", fs),
                ("dfs.namenode.rpc-address", "localhost:1"),
            ]);
            let file = ConfigFile::parse(FileKind::HadoopXml, &text);
            assert!(
                single_node(&conf_of(&file, "core-site.xml")).is_none(),
                "{fs}"
            );
        }
    }

    #[test]
    fn daemon_keys_and_client_keys() {
        for key in [
            "dfs.namenode.name.dir",
            "dfs.name.dir",
            "dfs.namenode.handler.count",
            "dfs.journalnode.edits.dir",
            "dfs.ha.fencing.methods",
            "dfs.permissions.enabled",
            "dfs.ha.automatic-failover.enabled.ns1",
        ] {
            assert!(is_namenode_key(key), "{key}");
        }
        for key in [
            "dfs.namenode.rpc-address.ns1.nn1",
            "dfs.namenode.http-address",
            "dfs.namenode.kerberos.principal",
            "dfs.client.failover.proxy.provider.ns1",
            "dfs.replication",
            "dfs.ha.namenodes.ns1",
            "dfs.nameservices",
        ] {
            assert!(!is_namenode_key(key) && !is_datanode_key(key), "{key}");
        }
        assert!(is_datanode_key("dfs.datanode.data.dir"));
        assert!(is_datanode_key("dfs.data.dir"));
        assert!(!is_datanode_key("dfs.datanode.kerberos.principal"));
    }

    #[test]
    fn nameservices_with_their_namenodes() {
        let text = site(&[
            ("dfs.nameservices", "ns1, fed, ${other}, {{ .Values.ns }}"),
            ("dfs.ha.namenodes.ns1", "nn1,nn2"),
            ("dfs.namenode.rpc-address.fed", "fed-nn:8020"),
        ]);
        let file = ConfigFile::parse(FileKind::HadoopXml, &text);
        let conf = conf_of(&file, "hdfs-site.xml");
        let all = nameservices(&conf);
        // `${other}` makes the whole list unknown.
        assert!(all.is_empty());
        let text = site(&[
            ("dfs.nameservices", "ns1, fed"),
            ("dfs.ha.namenodes.ns1", "nn1,nn2"),
            ("dfs.namenode.rpc-address.fed", "fed-nn:8020"),
        ]);
        let file = ConfigFile::parse(FileKind::HadoopXml, &text);
        let conf = conf_of(&file, "hdfs-site.xml");
        let all = nameservices(&conf);
        assert_eq!(all.len(), 2);
        assert!(all[0].is_ha(&conf));
        assert_eq!(all[0].namenodes.as_ref().map(|(_, ids)| ids.len()), Some(2));
        assert!(!all[1].is_ha(&conf));
        assert!(all[1].single_address.is_some());
        // Two nameservices and no `dfs.internal.nameservices`: which are local is unknown.
        assert!(own_nameservices(&conf, &all).is_empty());
    }
}
