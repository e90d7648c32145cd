//! `hbase-site.xml` read the way HBase reads it, for the rules that compare its settings:
//! the definition in effect (the last one, or the first marked final), `${var}` references
//! expanded from the file and from HBase's own defaults, Hadoop's boolean, integer and float
//! parsing, and the two settings several rules look at together: where the data lives
//! (`hbase.rootdir`) and where ZooKeeper runs (`hbase.zookeeper.quorum`).
//!
//! A value this module cannot read (a `${var}` nothing defines, a template placeholder, a word
//! where a number belongs) is [`Setting::Unreadable`], and the rules stay silent on it.

use bdl_catalog::SiteFile;
use bdl_syntax::ConfigFile;
use bdl_syntax::config::{Entry, Fallback, set};

pub(crate) const DISTRIBUTED: &str = "hbase.cluster.distributed";
pub(crate) const ROOT_DIR: &str = "hbase.rootdir";
pub(crate) const TMP_DIR: &str = "hbase.tmp.dir";
pub(crate) const QUORUM: &str = "hbase.zookeeper.quorum";
pub(crate) const CLIENT_PORT: &str = "hbase.zookeeper.property.clientPort";

/// `hbase.rootdir` in `hbase-default.xml`.
pub(crate) const DEFAULT_ROOT_DIR: &str = "${hbase.tmp.dir}/hbase";

/// `hbase.tmp.dir` in `hbase-default.xml`.
const DEFAULT_TMP_DIR: &str = "${java.io.tmpdir}/hbase-${user.name}";

/// The quorum HBase connects to when none is set: `hbase-default.xml` says `127.0.0.1`
/// (`localhost` before HBASE-23764); `ZKConfig` falls back to `localhost`. Both are this machine.
pub(crate) const DEFAULT_QUORUM: &str = "127.0.0.1";

/// Java system properties that HBase's `Configuration` resolves at run time.
const SYSTEM_PROPERTIES: &[&str] = &["java.io.tmpdir", "user.name", "user.home", "user.dir"];

/// One setting of the file, as HBase will read it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Setting<'f, T> {
    /// Not set (or set to an empty value): HBase uses its default.
    Absent,
    /// Set, and read as `value`.
    Set { entry: &'f Entry, value: T },
    /// Set to something this tool cannot read.
    Unreadable(&'f Entry),
}

/// An `hbase-site.xml` file.
#[derive(Clone, Copy)]
pub(crate) struct Site<'f> {
    file: &'f ConfigFile<'f>,
}

impl<'f> Site<'f> {
    /// The file at `path`, when it is an `hbase-site.xml`.
    pub(crate) fn of(file: &'f ConfigFile<'f>, path: &str) -> Option<Self> {
        (SiteFile::from_file_name(path) == Some(SiteFile::Hbase)).then_some(Self { file })
    }

    /// `raw` with its `${var}` references expanded: from the file, then HBase's defaults;
    /// system properties (`${java.io.tmpdir}`, `${user.name}`) stay as written. `None` when a
    /// reference is unknown.
    pub(crate) fn expand(self, raw: &str) -> Option<String> {
        self.file
            .expand_with(raw, |name| match name {
                TMP_DIR => Some(Fallback::Value(DEFAULT_TMP_DIR)),
                _ if SYSTEM_PROPERTIES.contains(&name) => Some(Fallback::Keep),
                _ => None,
            })
            .map(|v| v.trim().to_owned())
    }

    /// The expanded text of `key`.
    pub(crate) fn text(self, key: &str) -> Setting<'f, String> {
        self.read(key, Some)
    }

    /// `key` as Hadoop's `Configuration.getBoolean` reads it: `true` or `false` in any case;
    /// anything else leaves HBase on its default, so it counts as absent.
    pub(crate) fn boolean(self, key: &str) -> Setting<'f, bool> {
        match self.read(key, |v| set::boolean(&v)) {
            Setting::Unreadable(entry) if self.expand(&entry.value).is_some() => Setting::Absent,
            other => other,
        }
    }

    /// `key` as `Configuration.getInt` / `getLong` reads it.
    pub(crate) fn int(self, key: &str) -> Setting<'f, i64> {
        self.read(key, |v| set::integer(&v))
    }

    /// `key` as `Configuration.getFloat` reads it (Java's `Float.parseFloat`).
    pub(crate) fn float(self, key: &str) -> Setting<'f, f32> {
        self.read(key, |v| parse_java_float(&v))
    }

    fn read<T>(self, key: &str, parse: impl Fn(String) -> Option<T>) -> Setting<'f, T> {
        let Some(entry) = self.file.get(key) else {
            return Setting::Absent;
        };
        match self.expand(&entry.value).and_then(parse) {
            Some(value) => Setting::Set { entry, value },
            None => Setting::Unreadable(entry),
        }
    }

    /// The `hbase.cluster.distributed` entry, when it says `true`.
    pub(crate) fn distributed(self) -> Option<&'f Entry> {
        match self.boolean(DISTRIBUTED) {
            Setting::Set { entry, value: true } => Some(entry),
            _ => None,
        }
    }

    /// Where HBase keeps its data; `None` when the value cannot be read.
    pub(crate) fn root_dir(self) -> Option<RootDir<'f>> {
        let (entry, value) = match self.text(ROOT_DIR) {
            Setting::Set { entry, value } => (Some(entry), value),
            Setting::Absent => (None, self.expand(DEFAULT_ROOT_DIR)?),
            Setting::Unreadable(_) => return None,
        };
        let place = Place::of(&value);
        Some(RootDir {
            entry,
            value,
            place,
        })
    }

    /// The ZooKeeper quorum clients connect to; `None` when the value cannot be read.
    pub(crate) fn quorum(self) -> Option<Quorum<'f>> {
        let (entry, value) = match self.text(QUORUM) {
            Setting::Set { entry, value } => (Some(entry), value),
            Setting::Absent => (None, DEFAULT_QUORUM.to_owned()),
            Setting::Unreadable(_) => return None,
        };
        let servers = value
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(Server::parse)
            .collect();
        Some(Quorum {
            entry,
            value,
            servers,
        })
    }
}

/// `hbase.rootdir` and what it points at.
#[derive(Clone, Debug)]
pub(crate) struct RootDir<'f> {
    /// The entry; `None` when the key is not set and HBase's default applies.
    pub(crate) entry: Option<&'f Entry>,
    /// The expanded value (HBase's default, expanded, for an absent key).
    pub(crate) value: String,
    pub(crate) place: Place,
}

/// The kind of place a directory URI names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Place {
    /// A temporary directory (`/tmp`, `/var/tmp`, `${java.io.tmpdir}`) given as a `file:` URI
    /// or as a path without a scheme.
    Temporary,
    /// Any other `file:` URI: the local disk of each server.
    LocalDisk,
    /// `hdfs://host…`; `host` is `None` for `hdfs:///path` (the default HDFS).
    Hdfs { host: Option<String> },
    /// Another file system, or a path without a scheme (resolved against `fs.defaultFS`,
    /// which `hbase-site.xml` does not say).
    Other,
}

impl Place {
    pub(crate) fn of(uri: &str) -> Self {
        let (scheme, rest) = split_scheme(uri);
        match scheme.as_deref() {
            Some("file") | None => {
                // `file:///tmp`, `file:/tmp` and `file:////tmp` all name `/tmp`.
                let path = if scheme.is_some() {
                    rest.trim_start_matches('/')
                } else {
                    rest.strip_prefix('/').unwrap_or(rest)
                };
                if is_temporary(path, scheme.is_some() || rest.starts_with('/')) {
                    Self::Temporary
                } else if scheme.is_some() {
                    Self::LocalDisk
                } else {
                    Self::Other
                }
            }
            Some("hdfs") => {
                let authority = rest
                    .strip_prefix("//")
                    .map(|r| r.split('/').next().unwrap_or(r))
                    .unwrap_or_default();
                let host = host_of(authority);
                Self::Hdfs {
                    host: (!host.is_empty()).then(|| host.to_owned()),
                }
            }
            Some(_) => Self::Other,
        }
    }

    /// Whether the place is on this machine only: a local disk or an HDFS at `localhost`.
    pub(crate) fn is_this_machine(&self) -> bool {
        match self {
            Self::Temporary | Self::LocalDisk => true,
            Self::Hdfs { host } => host.as_deref().is_some_and(is_local_host),
            Self::Other => false,
        }
    }

    /// The HDFS host, when it is another machine (or an HA nameservice).
    pub(crate) fn remote_hdfs_host(&self) -> Option<&str> {
        match self {
            Self::Hdfs { host: Some(host) } if !is_local_host(host) => Some(host),
            _ => None,
        }
    }
}

/// `(scheme, rest)`: the lower-cased scheme before the first `:` when it looks like one (two
/// letters or more, so `C:/x` is a path), and the text after the `:`.
fn split_scheme(uri: &str) -> (Option<String>, &str) {
    let Some((scheme, rest)) = uri.split_once(':') else {
        return (None, uri);
    };
    let looks_like_scheme = scheme.len() >= 2
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
    if looks_like_scheme {
        (Some(scheme.to_ascii_lowercase()), rest)
    } else {
        (None, uri)
    }
}

/// Whether `path` (without its leading `/`) lies in a temporary directory. `absolute` says
/// whether it started at the root; `${java.io.tmpdir}` counts wherever it is written first.
fn is_temporary(path: &str, absolute: bool) -> bool {
    if path.starts_with("${java.io.tmpdir}") {
        return true;
    }
    absolute
        && ["tmp", "var/tmp"]
            .iter()
            .any(|dir| path == *dir || path.starts_with(&format!("{dir}/")))
}

/// One server of the quorum, `host` or `host:port`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Server {
    pub(crate) host: String,
    /// The port written after the host, which HBase uses instead of the client port.
    pub(crate) port: Option<String>,
}

impl Server {
    fn parse(text: &str) -> Self {
        let (host, port) = if let Some(rest) = text.strip_prefix('[') {
            // `[::1]:2181`
            match rest.split_once(']') {
                Some((host, after)) => (host, after.strip_prefix(':')),
                None => (text, None),
            }
        } else if text.matches(':').count() == 1 {
            text.split_once(':')
                .map_or((text, None), |(h, p)| (h, Some(p)))
        } else {
            (text, None)
        };
        Self {
            host: host.trim().to_owned(),
            port: port.map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()),
        }
    }
}

/// `hbase.zookeeper.quorum` and its servers.
#[derive(Clone, Debug)]
pub(crate) struct Quorum<'f> {
    /// The entry; `None` when the key is not set and HBase's default applies.
    pub(crate) entry: Option<&'f Entry>,
    /// The expanded value (the default for an absent key).
    pub(crate) value: String,
    pub(crate) servers: Vec<Server>,
}

impl Quorum<'_> {
    /// Whether every server is this machine (`localhost`, `127.0.0.1`, `::1`).
    pub(crate) fn is_this_machine(&self) -> bool {
        !self.servers.is_empty() && self.servers.iter().all(|s| is_local_host(&s.host))
    }

    /// How many different hosts other than this machine the quorum names.
    pub(crate) fn remote_hosts(&self) -> usize {
        let mut hosts: Vec<String> = self
            .servers
            .iter()
            .filter(|s| !is_local_host(&s.host))
            .map(|s| s.host.to_ascii_lowercase())
            .collect();
        hosts.sort_unstable();
        hosts.dedup();
        hosts.len()
    }
}

/// The host of an authority `host:port` / `[v6]:port` (user info is not expected here).
fn host_of(authority: &str) -> &str {
    if let Some(rest) = authority.strip_prefix('[') {
        return rest.split(']').next().unwrap_or(rest);
    }
    authority.split(':').next().unwrap_or(authority)
}

/// `localhost`, a `127.x.x.x` address or `::1`.
pub(crate) fn is_local_host(host: &str) -> bool {
    let host = host.trim().trim_start_matches('[').trim_end_matches(']');
    let lower = host.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "localhost" | "localhost.localdomain" | "::1" | "0:0:0:0:0:0:0:1"
    ) {
        return true;
    }
    let octets: Vec<&str> = lower.split('.').collect();
    octets.len() == 4
        && octets.first() == Some(&"127")
        && octets
            .iter()
            .all(|o| !o.is_empty() && o.len() <= 3 && o.bytes().all(|b| b.is_ascii_digit()))
}

/// Java's `Float.parseFloat` for decimal text (`0.4`, `.4`, `4e-1`, `0.4f`): the nearest
/// `float`. Hexadecimal floats, `NaN` and `Infinity` are not read (`None`).
pub(crate) fn parse_java_float(text: &str) -> Option<f32> {
    let text = text.trim();
    let number = text.strip_suffix(['f', 'F', 'd', 'D']).unwrap_or(text);
    let unsigned = number.strip_prefix(['+', '-']).unwrap_or(number);
    let starts_well = unsigned
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_digit() || b == b'.');
    let plain = unsigned
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'));
    if !starts_well || !plain {
        return None;
    }
    number.parse::<f32>().ok().filter(|v| v.is_finite())
}

/// An `hbase-site.xml` text with one `<property>` line per `(key, value)`, after a first
/// `<configuration>` line: the property of pair `i` is on line `i + 2`.
#[cfg(test)]
pub(crate) fn site_xml(props: &[(&str, &str)]) -> String {
    let mut text = String::from("<configuration>\n");
    for (key, value) in props {
        text.push_str("  <property><name>");
        text.push_str(key);
        text.push_str("</name><value>");
        text.push_str(value);
        text.push_str("</value></property>\n");
    }
    text.push_str("</configuration>\n");
    text
}

#[cfg(test)]
mod tests {
    use bdl_core::FileKind;

    use super::*;

    fn with_site<R>(props: &[(&str, &str)], f: impl FnOnce(Site<'_>) -> R) -> R {
        let text = site_xml(props);
        let file = ConfigFile::parse(FileKind::HadoopXml, &text);
        let site = Site::of(&file, "conf/hbase-site.xml").expect("an hbase-site.xml");
        f(site)
    }

    #[test]
    fn only_hbase_site_files() {
        let text = site_xml(&[]);
        let file = ConfigFile::parse(FileKind::HadoopXml, &text);
        assert!(Site::of(&file, "hdfs-site.xml").is_none());
        assert!(Site::of(&file, "my-hbase-site.xml").is_none());
        assert!(Site::of(&file, "/etc/hbase/conf/hbase-site.xml").is_some());
    }

    #[test]
    fn java_floats() {
        assert_eq!(parse_java_float("0.4"), Some(0.4));
        assert_eq!(parse_java_float(" .45 "), Some(0.45));
        assert_eq!(parse_java_float("0.4f"), Some(0.4));
        assert_eq!(parse_java_float("4e-1"), Some(0.4));
        assert_eq!(parse_java_float("-0.1"), Some(-0.1));
        assert_eq!(parse_java_float("5."), Some(5.0));
        for bad in [
            "", ".", "NaN", "Infinity", "inf", "0x1p-2", "40%", "0,4", "{{ x }}", "1e99",
        ] {
            assert_eq!(parse_java_float(bad), None, "{bad}");
        }
    }

    #[test]
    fn booleans_fall_back_to_the_default_on_other_words() {
        with_site(
            &[
                ("a", "TRUE"),
                ("b", " false "),
                ("c", "yes"),
                ("d", "${undefined}"),
            ],
            |site| {
                assert!(matches!(
                    site.boolean("a"),
                    Setting::Set { value: true, .. }
                ));
                assert!(matches!(
                    site.boolean("b"),
                    Setting::Set { value: false, .. }
                ));
                assert_eq!(site.boolean("c"), Setting::Absent);
                assert!(matches!(site.boolean("d"), Setting::Unreadable(_)));
                assert_eq!(site.boolean("e"), Setting::Absent);
            },
        );
    }

    #[test]
    fn root_dir_places() {
        let place = |uri: &str| Place::of(uri);
        assert_eq!(place("file:///tmp/hbase"), Place::Temporary);
        assert_eq!(place("file:/tmp"), Place::Temporary);
        assert_eq!(place("file:////var/tmp/x"), Place::Temporary);
        assert_eq!(place("/tmp/hbase"), Place::Temporary);
        assert_eq!(
            place("${java.io.tmpdir}/hbase-${user.name}/hbase"),
            Place::Temporary
        );
        assert_eq!(place("file:///data/hbase"), Place::LocalDisk);
        assert_eq!(place("file:///tmpfs/hbase"), Place::LocalDisk);
        assert_eq!(place("tmp/hbase"), Place::Other);
        assert_eq!(place("/hbase"), Place::Other);
        assert_eq!(place("HBASEROOTDIR"), Place::Other);
        assert_eq!(place("s3a://bucket/hbase"), Place::Other);
        assert_eq!(place("C:/tmp/hbase"), Place::Other);
        assert_eq!(
            place("hdfs://nn1.prod:8020/hbase"),
            Place::Hdfs {
                host: Some("nn1.prod".to_owned())
            }
        );
        assert_eq!(place("HDFS:///hbase"), Place::Hdfs { host: None });
        assert!(place("hdfs://localhost:9000/hbase").is_this_machine());
        assert!(place("hdfs://[::1]:9000/hbase").is_this_machine());
        assert_eq!(
            place("hdfs://mycluster/hbase").remote_hdfs_host(),
            Some("mycluster")
        );
        assert_eq!(place("hdfs:///hbase").remote_hdfs_host(), None);
    }

    #[test]
    fn root_dir_defaults_to_the_temporary_directory() {
        with_site(&[], |site| {
            let root = site.root_dir().expect("readable");
            assert!(root.entry.is_none());
            assert_eq!(root.value, "${java.io.tmpdir}/hbase-${user.name}/hbase");
            assert_eq!(root.place, Place::Temporary);
        });
        with_site(&[("hbase.tmp.dir", "/var/cache/hbase")], |site| {
            let root = site.root_dir().expect("readable");
            assert_eq!(root.value, "/var/cache/hbase/hbase");
            assert_eq!(root.place, Place::Other);
        });
        with_site(&[("hbase.rootdir", "${hbase.tmp.dir}/hbase")], |site| {
            let root = site.root_dir().expect("readable");
            assert!(root.entry.is_some());
            assert_eq!(root.place, Place::Temporary);
        });
        with_site(&[("hbase.rootdir", "${env.ROOT}/hbase")], |site| {
            assert!(site.root_dir().is_none());
        });
    }

    #[test]
    fn quorum_servers() {
        with_site(&[], |site| {
            let quorum = site.quorum().expect("readable");
            assert!(quorum.entry.is_none());
            assert!(quorum.is_this_machine());
        });
        with_site(
            &[("hbase.zookeeper.quorum", "zk1:2182, zk2 ,[::1]:2181,zk1")],
            |site| {
                let quorum = site.quorum().expect("readable");
                assert_eq!(
                    quorum.servers,
                    [
                        Server {
                            host: "zk1".into(),
                            port: Some("2182".into())
                        },
                        Server {
                            host: "zk2".into(),
                            port: None
                        },
                        Server {
                            host: "::1".into(),
                            port: Some("2181".into())
                        },
                        Server {
                            host: "zk1".into(),
                            port: None
                        },
                    ]
                );
                assert!(!quorum.is_this_machine());
                assert_eq!(quorum.remote_hosts(), 2);
            },
        );
        with_site(
            &[("hbase.zookeeper.quorum", "localhost,127.0.0.1")],
            |site| {
                assert!(site.quorum().expect("readable").is_this_machine());
            },
        );
        for host in ["127.0.0.1", "LOCALHOST", "127.1.2.3", "[::1]"] {
            assert!(is_local_host(host), "{host}");
        }
        for host in ["127.0.0.1.example", "10.0.0.1", "localhost2", "127.0.0"] {
            assert!(!is_local_host(host), "{host}");
        }
    }
}
