use bdl_core::{Ctx, RuleMeta, Severity, declare_rule};
use bdl_syntax::config::Entry;
use bdl_syntax::{ConfigFile, Rule};

use crate::site::{DEFAULT_ROOT_DIR, DISTRIBUTED, Place, ROOT_DIR, RootDir, Setting, Site};

declare_rule! {
    /// ## What it does
    /// Flags an `hbase-site.xml` that keeps HBase's data where it is not safe:
    /// - on a distributed cluster (`hbase.cluster.distributed` `true`), an `hbase.rootdir` in
    ///   a temporary directory: `file:///tmp/…`, `/tmp/…`, `/var/tmp/…`, or anything under
    ///   `${java.io.tmpdir}`, which is where HBase puts the data when `hbase.rootdir` is not
    ///   set at all (its default is `${hbase.tmp.dir}/hbase`, and `hbase.tmp.dir` defaults to
    ///   `${java.io.tmpdir}/hbase-${user.name}`). This is an error;
    /// - on a distributed cluster, an `hbase.rootdir` on the local disk (`file:///data/hbase`):
    ///   a warning when `hbase.zookeeper.quorum` names two or more other hosts (so the cluster
    ///   spans several machines), `info` otherwise, since a pseudo-distributed cluster on one
    ///   machine may run this way;
    /// - `hbase.unsafe.stream.capability.enforce` set to `false` while `hbase.rootdir` is on
    ///   HDFS (and `hbase.wal.dir`, when set, too): a warning.
    ///
    /// `${var}` references are expanded from the file and from HBase's defaults; a value with
    /// a reference nothing defines, or a template placeholder, keeps the rule silent. A path
    /// without a scheme is resolved by HBase against `fs.defaultFS` (from `core-site.xml`),
    /// which this file does not say: it is only reported when it is a temporary directory.
    /// A standalone `hbase-site.xml` (no `hbase.cluster.distributed`, or `false`) is not
    /// checked for the first two cases: its data on the local disk is the documented
    /// quick-start setup.
    ///
    /// ## Why is this bad?
    /// `hbase-default.xml` says of `hbase.rootdir`: by default HBase writes to whatever
    /// `${hbase.tmp.dir}` is set to, usually `/tmp`, "so change this configuration or else all
    /// data will be lost on machine restart". Many systems clear `/tmp` at boot or on a
    /// schedule. On a distributed cluster the root directory must also be shared: with a
    /// local directory each RegionServer writes its own disk, and regions that move to another
    /// server (after a crash, a balancer run or a restart) find no data there.
    ///
    /// `hbase.unsafe.stream.capability.enforce` (default `true`) makes HBase refuse to write
    /// its write-ahead log to a stream that cannot `hflush` / `hsync`. The HBase book sets it
    /// to `false` only for a standalone HBase on the local file system, which has no such
    /// guarantee. On HDFS the check is what stops HBase from running on, say, an
    /// erasure-coded directory whose streams cannot sync: switched off, a RegionServer crash
    /// can lose edits that clients were told were written.
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
    ///     <value>file:///tmp/hbase</value>
    ///   </property>
    /// </configuration>
    /// ```
    ///
    /// ```xml file=hbase-site.xml bad
    /// <configuration>
    ///   <property>
    ///     <name>hbase.rootdir</name>
    ///     <value>hdfs://namenode.example.com:8020/hbase</value>
    ///   </property>
    ///   <property>
    ///     <name>hbase.unsafe.stream.capability.enforce</name>
    ///     <value>false</value>
    ///   </property>
    /// </configuration>
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
    /// </configuration>
    /// ```
    ///
    /// ## How to fix
    /// Set `hbase.rootdir` to a directory on the file system every server shares, normally
    /// HDFS (`hdfs://namenode:8020/hbase`, or `hdfs://<nameservice>/hbase` with NameNode HA).
    /// For a single-machine development setup, use `hbase.cluster.distributed` `false` and a
    /// `file:` directory outside `/tmp`. Remove `hbase.unsafe.stream.capability.enforce` from
    /// configurations that run on HDFS; if HBase then refuses to start, fix the cause it names
    /// (an erasure-coded WAL directory, Hadoop client jars that do not match the cluster).
    ///
    /// ## Options
    /// None.
    ///
    /// ## References
    /// - Apache HBase, `hbase-default.xml` (`hbase.rootdir`, `hbase.tmp.dir`, `hbase.cluster.distributed`): <https://github.com/apache/hbase/blob/master/hbase-common/src/main/resources/hbase-default.xml>
    /// - Apache HBase reference guide, Standalone HBase over the local file system and `hbase.unsafe.stream.capability.enforce`: <https://hbase.apache.org/book.html#standalone_dist>
    /// - Apache HBase reference guide, Fully distributed configuration: <https://hbase.apache.org/book.html#fully_dist>
    /// - Apache HBase, `CommonFSUtils.UNSAFE_STREAM_CAPABILITY_ENFORCE` and its use in `ProtobufLogWriter`: <https://github.com/apache/hbase/blob/master/hbase-common/src/main/java/org/apache/hadoop/hbase/util/CommonFSUtils.java>
    pub HbaseStorageUnsafe {
        code: "HBS008",
        name: "hbase-storage-unsafe",
        summary: "root directory in /tmp or on a local disk, or WAL sync checks off, in hbase-site.xml",
        severity: Error,
        kinds: [HadoopXml],
        triggers: ["hbase.rootdir", "hbase.cluster.distributed", "hbase.unsafe.stream.capability.enforce"],
        options: [],
    }
}

const ENFORCE: &str = "hbase.unsafe.stream.capability.enforce";
const WAL_DIR: &str = "hbase.wal.dir";

/// How many other hosts in the quorum show that a cluster spans several machines.
const SEVERAL_HOSTS: usize = 2;

impl Rule for HbaseStorageUnsafe {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_config(&self, file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
        let Some(site) = Site::of(file, cx.path()) else {
            return;
        };
        let Some(root) = site.root_dir() else {
            return;
        };
        if let Some(distributed) = site.distributed() {
            shared_root(cx, site, &root, distributed);
        }
        sync_checks_off(cx, site, &root);
    }
}

/// A distributed cluster needs a root directory that lasts and that every server sees.
fn shared_root(cx: &mut Ctx<'_>, site: Site<'_>, root: &RootDir<'_>, distributed: &Entry) {
    match (&root.place, root.entry) {
        (Place::Temporary, Some(entry)) => {
            let shown = shown_value(entry, &root.value);
            cx.report(
                Severity::Error,
                entry.value_span,
                format!(
                    "`{ROOT_DIR}` is {shown}, a temporary directory, on a distributed cluster: \
                     HBase's data is lost when it is cleaned"
                ),
            )
            .help(format!(
                "set `{ROOT_DIR}` to a directory on the shared file system, e.g. \
                 `hdfs://namenode:8020/hbase`"
            ))
            .anchor(format!("{ROOT_DIR}={}", entry.value));
        }
        (Place::Temporary, None) => {
            cx.report(
                Severity::Error,
                distributed.value_span,
                format!(
                    "`{ROOT_DIR}` is not set on a distributed cluster: HBase keeps its data in \
                     `{DEFAULT_ROOT_DIR}`, that is `{}`, a temporary directory",
                    root.value
                ),
            )
            .help(format!(
                "set `{ROOT_DIR}` to a directory on the shared file system, e.g. \
                 `hdfs://namenode:8020/hbase`"
            ))
            .anchor(format!("{DISTRIBUTED} without {ROOT_DIR}"));
        }
        (Place::LocalDisk, Some(entry)) => {
            let spread = site
                .quorum()
                .is_some_and(|q| q.remote_hosts() >= SEVERAL_HOSTS);
            let (severity, tail) = if spread {
                (
                    Severity::Warning,
                    "the ZooKeeper quorum spans several machines, and each server would keep \
                     its regions on its own disk",
                )
            } else {
                (
                    Severity::Info,
                    "this works only while every HBase server runs on this one machine",
                )
            };
            let shown = shown_value(entry, &root.value);
            cx.report(
                severity,
                entry.value_span,
                format!(
                    "`{ROOT_DIR}` is {shown}, a local directory, on a distributed cluster: {tail}"
                ),
            )
            .help(format!(
                "set `{ROOT_DIR}` to a directory on a file system every server shares, e.g. \
                 `hdfs://namenode:8020/hbase`"
            ))
            .anchor(format!("{ROOT_DIR}={}", entry.value));
        }
        _ => {}
    }
}

/// `hbase.unsafe.stream.capability.enforce=false` with the WAL on HDFS.
fn sync_checks_off(cx: &mut Ctx<'_>, site: Site<'_>, root: &RootDir<'_>) {
    let Setting::Set {
        entry: flag,
        value: false,
    } = site.boolean(ENFORCE)
    else {
        return;
    };
    if !matches!(root.place, Place::Hdfs { .. }) {
        return;
    }
    // The WAL lives in `hbase.wal.dir` when that is set.
    let wal_on_hdfs = match site.text(WAL_DIR) {
        Setting::Absent => true,
        Setting::Set { value, .. } => matches!(Place::of(&value), Place::Hdfs { .. }),
        Setting::Unreadable(_) => false,
    };
    if !wal_on_hdfs {
        return;
    }
    cx.report(
        Severity::Warning,
        flag.value_span,
        format!(
            "`{ENFORCE}` is false while `{ROOT_DIR}` is on HDFS (`{}`): HBase no longer checks \
             that its write-ahead log can hflush and hsync, so a crash can lose acknowledged \
             writes",
            root.value
        ),
    )
    .help(format!(
        "remove `{ENFORCE}`: it is meant for a standalone HBase on the local file system"
    ))
    .anchor(format!("{ENFORCE}={}", flag.value));
}

/// The value as written, with what it expands to when that differs.
fn shown_value(entry: &Entry, expanded: &str) -> String {
    if entry.value.trim() == expanded {
        format!("`{expanded}`")
    } else {
        format!("`{}` (`{expanded}`)", entry.value.trim())
    }
}

#[cfg(test)]
mod tests {
    use bdl_core::Diagnostic;
    use bdl_syntax::check_one;

    use super::*;
    use crate::site::site_xml;

    fn run(path: &str, props: &[(&str, &str)]) -> Vec<Diagnostic> {
        check_one(&HbaseStorageUnsafe, path, &site_xml(props))
    }

    fn found(props: &[(&str, &str)]) -> Vec<(u32, Severity)> {
        run("hbase-site.xml", props)
            .iter()
            .map(|d| (d.start.line, d.severity))
            .collect()
    }

    const DIST: (&str, &str) = (DISTRIBUTED, "true");

    #[test]
    fn temporary_root_on_a_distributed_cluster_is_an_error() {
        for root in [
            "file:///tmp/hbase",
            "file:/tmp/hbase-data",
            "/tmp/hbase",
            "/var/tmp/hbase",
            "${hbase.tmp.dir}/hbase",
            "${java.io.tmpdir}/hbase",
        ] {
            assert_eq!(
                found(&[DIST, (ROOT_DIR, root)]),
                [(3, Severity::Error)],
                "{root}"
            );
        }
        let d = run(
            "hbase-site.xml",
            &[DIST, (ROOT_DIR, "${hbase.tmp.dir}/hbase")],
        );
        assert_eq!(
            d[0].message,
            "`hbase.rootdir` is `${hbase.tmp.dir}/hbase` (`${java.io.tmpdir}/hbase-${user.name}/hbase`), \
             a temporary directory, on a distributed cluster: HBase's data is lost when it is cleaned"
        );
    }

    #[test]
    fn an_absent_root_is_the_temporary_default() {
        let d = run("hbase-site.xml", &[("hbase.zookeeper.quorum", "zk1"), DIST]);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].start.line, 3);
        assert_eq!(d[0].severity, Severity::Error);
        assert_eq!(
            d[0].message,
            "`hbase.rootdir` is not set on a distributed cluster: HBase keeps its data in \
             `${hbase.tmp.dir}/hbase`, that is `${java.io.tmpdir}/hbase-${user.name}/hbase`, a \
             temporary directory"
        );
        // With `hbase.tmp.dir` moved out of /tmp the default is no longer temporary, and a
        // path without a scheme is on `fs.defaultFS`, unknown here.
        assert!(found(&[DIST, ("hbase.tmp.dir", "/var/lib/hbase")]).is_empty());
    }

    #[test]
    fn local_root_on_a_distributed_cluster() {
        assert_eq!(
            found(&[DIST, (ROOT_DIR, "file:///data/hbase")]),
            [(3, Severity::Info)]
        );
        assert_eq!(
            found(&[
                DIST,
                (ROOT_DIR, "file:///data/hbase"),
                ("hbase.zookeeper.quorum", "hbase-docker")
            ]),
            [(3, Severity::Info)]
        );
        assert_eq!(
            found(&[
                DIST,
                (ROOT_DIR, "file:///data/hbase"),
                ("hbase.zookeeper.quorum", "zk1,zk2:2181,zk3")
            ]),
            [(3, Severity::Warning)]
        );
    }

    #[test]
    fn standalone_and_shared_roots_are_fine() {
        assert!(found(&[(ROOT_DIR, "file:///tmp/hbase")]).is_empty());
        assert!(found(&[(DISTRIBUTED, "false"), (ROOT_DIR, "file:///tmp/hbase")]).is_empty());
        assert!(found(&[(DISTRIBUTED, "yes"), (ROOT_DIR, "file:///tmp/hbase")]).is_empty());
        assert!(found(&[]).is_empty());
        for root in [
            "hdfs://nn:8020/hbase",
            "hdfs:///tmp/hbase",
            "s3a://bucket/hbase",
            "/hbase",
            "/tmpdata/hbase",
            "HBASE_ROOTDIR",
            "{{ hbase_rootdir }}",
            "${env.HBASE_ROOT}/hbase",
        ] {
            assert!(found(&[DIST, (ROOT_DIR, root)]).is_empty(), "{root}");
        }
        assert!(run("core-site.xml", &[DIST, (ROOT_DIR, "file:///tmp/x")]).is_empty());
    }

    #[test]
    fn sync_checks_off_on_hdfs() {
        assert_eq!(
            found(&[(ROOT_DIR, "hdfs://nn:8020/hbase"), (ENFORCE, "false")]),
            [(3, Severity::Warning)]
        );
        assert_eq!(
            found(&[
                (ROOT_DIR, "hdfs://nn:8020/hbase"),
                (ENFORCE, "FALSE"),
                (WAL_DIR, "hdfs://nn2/wal")
            ]),
            [(3, Severity::Warning)]
        );
        // Local file systems are what the switch is for.
        assert!(found(&[(ROOT_DIR, "file:///data/hbase"), (ENFORCE, "false")]).is_empty());
        assert!(found(&[(ENFORCE, "false")]).is_empty());
        assert!(found(&[(ROOT_DIR, "/hbase"), (ENFORCE, "false")]).is_empty());
        assert!(
            found(&[
                (ROOT_DIR, "hdfs://nn/hbase"),
                (ENFORCE, "false"),
                (WAL_DIR, "file:///wal")
            ])
            .is_empty()
        );
        assert!(found(&[(ROOT_DIR, "hdfs://nn/hbase"), (ENFORCE, "true")]).is_empty());
    }
}
