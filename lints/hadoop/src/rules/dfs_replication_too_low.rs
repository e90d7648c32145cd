use bdl_core::{Ctx, FileKind, RuleMeta, Severity, Span, TestSources, declare_rule};
use bdl_syntax::java::chain::{call_anchor, method_name, receiver};
use bdl_syntax::java::config::writes;
use bdl_syntax::java::fold::{self, Certainty, Folded, arguments};
use bdl_syntax::java::scope::{self, declaration_of, names_class, unparenthesize};
use bdl_syntax::{ConfigFile, JavaFile, Rule};
use tree_sitter::Node;

use crate::cluster::{Uri, is_local_host, single_node};
use crate::site::{Conf, integer};

declare_rule! {
    /// ## What it does
    /// Flags an HDFS replication factor that risks data loss or that HDFS rejects:
    /// - `1` is a warning: every block has a single copy;
    /// - `2` is info: one copy fewer than the HDFS default of 3;
    /// - a value below the minimum replication (`dfs.namenode.replication.min`, default 1;
    ///   so also `0` and negative values) or above the maximum (`dfs.replication.max`,
    ///   default 512) is an error.
    ///
    /// It reads:
    /// - `dfs.replication` in Hadoop `*-site.xml` files: the effective definition (the last
    ///   one, or the first marked `<final>true</final>`), trimmed, with `${var}` references
    ///   expanded. A `core-site.xml`, `hdfs-site.xml`, `yarn-site.xml` or `mapred-site.xml`
    ///   is read with the others of its directory, as Hadoop loads them: a definition that a
    ///   later file overrides (or that an earlier `<final>` one blocks) is not reported, and
    ///   references resolve across the files. The minimum and maximum are taken from the
    ///   configuration when it sets them (`dfs.namenode.replication.min`, or its deprecated
    ///   name `dfs.replication.min`; `dfs.replication.max`), otherwise their defaults apply;
    /// - the pass-through keys `flink.hadoop.dfs.replication` (`flink-conf.yaml`, Flink
    ///   `config.yaml`, SQL `SET`) and `spark.hadoop.dfs.replication`
    ///   (`spark-defaults.conf`), which Flink and Spark copy into the Hadoop configuration;
    /// - Java: `conf.set("dfs.replication", "1")`, `conf.setInt(..)` and the other
    ///   configuration setters, with the key as a string, a string constant or
    ///   `DFSConfigKeys.DFS_REPLICATION_KEY` / `HdfsClientConfigKeys.DFS_REPLICATION_KEY`
    ///   (also the `flink.hadoop.` / `spark.hadoop.` keys), and
    ///   `fs.setReplication(path, (short) n)` on a receiver that is provably a Hadoop
    ///   `FileSystem` (declared `FileSystem` / `DistributedFileSystem`, or obtained from
    ///   `FileSystem.get(..)`, `FileSystem.newInstance(..)` or `path.getFileSystem(conf)`) in
    ///   a file that uses `org.apache.hadoop`.
    ///
    /// Values are folded (literals, casts, constants); an unknown value, a non-numeric value
    /// or a `${var}` that the file does not define keeps the rule silent. A Java value that is
    /// only the default of a `ParameterTool` lookup is reported as `info` at most.
    ///
    /// A single-node (pseudo-distributed) setup needs replication 1: a replication of 1
    /// there is reported as `info` instead of a warning, with the setting that shows it. The
    /// setup is recognised as Hadoop's "Single Node Setup" guide configures it:
    /// `fs.defaultFS` (or the deprecated `fs.default.name`) on an HDFS on this machine
    /// (`hdfs://localhost:9000`, `hdfs://127.0.0.1`, `hdfs://[::1]`, `hdfs://0.0.0.0`), or,
    /// when no default file system is set, `dfs.namenode.rpc-address` on this machine. A
    /// Hadoop site file is read with the site files beside it (`core-site.xml`,
    /// `hdfs-site.xml`, `yarn-site.xml`, `mapred-site.xml` of the same directory), so the
    /// `fs.defaultFS` of `core-site.xml` counts for `hdfs-site.xml`; the pass-through keys
    /// look in the same file (with the same prefix), Java in the same file.
    ///
    /// Not covered: comparing the replication with the number of hosts in `workers` /
    /// `slaves`; `Configuration.setStrings`; replication passed to `FileSystem.create(..)`.
    ///
    /// ## Why is this bad?
    /// `dfs.replication` is the number of copies HDFS keeps of every block; its default in
    /// `hdfs-default.xml` is 3. With 1, each block lives on exactly one DataNode disk, so a
    /// single failed disk or node loses the data for good, and a DataNode restart makes the
    /// files unreadable until it returns. Amazon EMR warns that `dfs.replication` set to 1 on
    /// small clusters can lead to HDFS data loss when a single node goes down. With 2, a
    /// second failure while HDFS re-replicates the first loses data.
    ///
    /// The NameNode checks every requested replication against `dfs.namenode.replication.min`
    /// (default 1) and `dfs.replication.max` (default 512) and fails the create with
    /// "Requested replication factor of N is less than the required minimum" or "exceeds
    /// maximum", so such a value breaks every write that uses it.
    ///
    /// ## Example
    /// ```xml file=hdfs-site.xml bad
    /// <configuration>
    ///   <property>
    ///     <name>dfs.replication</name>
    ///     <value>1</value>
    ///   </property>
    /// </configuration>
    /// ```
    ///
    /// ```java file=Job.java bad
    /// import org.apache.hadoop.conf.Configuration;
    ///
    /// class Job {
    ///     Configuration conf() {
    ///         Configuration conf = new Configuration();
    ///         conf.set("dfs.replication", "1");
    ///         return conf;
    ///     }
    /// }
    /// ```
    ///
    /// ```properties file=spark-defaults.conf bad
    /// spark.hadoop.dfs.replication 1
    /// ```
    ///
    /// Use instead:
    ///
    /// ```xml file=hdfs-site.xml good
    /// <configuration>
    ///   <property>
    ///     <name>dfs.replication</name>
    ///     <value>3</value>
    ///   </property>
    /// </configuration>
    /// ```
    ///
    /// ```java file=Job.java good
    /// import org.apache.hadoop.conf.Configuration;
    ///
    /// class Job {
    ///     Configuration conf() {
    ///         Configuration conf = new Configuration();
    ///         conf.set("dfs.replication", "3");
    ///         return conf;
    ///     }
    /// }
    /// ```
    ///
    /// ## How to fix
    /// Keep `dfs.replication` at 3 (remove the override to get the default), or higher for
    /// critical data. On a cluster with fewer than three DataNodes, add DataNodes rather than
    /// lowering the replication of production data. Keep values between
    /// `dfs.namenode.replication.min` and `dfs.replication.max`. For scratch data that may be
    /// lost, lower the replication of those paths only (`hdfs dfs -setrep`) and suppress the
    /// finding with a reason.
    ///
    /// ## Options
    /// - `lint-test-sources` (boolean, default `false`): also lint test sources
    ///   (`src/test/**`, `*Test.java`, `*IT.java`, `*ITCase.java`), where a single-DataNode
    ///   `MiniDFSCluster` needs a replication of 1.
    ///
    /// ## References
    /// - Apache Hadoop, `hdfs-default.xml` (`dfs.replication` 3, `dfs.namenode.replication.min` 1, `dfs.replication.max` 512): <https://hadoop.apache.org/docs/stable/hadoop-project-dist/hadoop-hdfs/hdfs-default.xml>
    /// - Apache Hadoop, HDFS architecture, data replication: <https://hadoop.apache.org/docs/stable/hadoop-project-dist/hadoop-hdfs/HdfsDesign.html#Data_Replication>
    /// - Amazon EMR, HDFS configuration: <https://docs.aws.amazon.com/emr/latest/ReleaseGuide/emr-hdfs-config.html>
    /// - Apache Flink configuration, `flink.hadoop.<key>` (example: `flink.hadoop.dfs.replication`): <https://nightlies.apache.org/flink/flink-docs-stable/docs/deployment/config/#flink-hadoop-key>
    /// - Apache Spark, custom Hadoop configuration through `spark.hadoop.` keys: <https://spark.apache.org/docs/latest/configuration.html#custom-hadoophive-configuration>
    pub DfsReplicationTooLow {
        code: "HDP001",
        name: "dfs-replication-too-low",
        summary: "replication factor of HDFS blocks that risks data loss or is rejected",
        severity: Error,
        kinds: [HadoopXml, FlinkConf, FlinkYaml, FlinkSql, SparkConf, Java],
        triggers: ["dfs.replication", "setReplication", "DFS_REPLICATION_KEY"],
        options: [TestSources::SKIP_BY_DEFAULT],
    }
}

const REPLICATION: &str = "dfs.replication";

/// The minimum replication, then its deprecated name.
const MIN_KEYS: &[&str] = &["dfs.namenode.replication.min", "dfs.replication.min"];

const MAX_KEY: &str = "dfs.replication.max";

/// The default file system, then its deprecated name.
const DEFAULT_FS_KEYS: &[&str] = &["fs.defaultFS", "fs.default.name"];

/// `hdfs-default.xml` defaults.
const HDFS_DEFAULT: i64 = 3;
const DEFAULT_MIN: i64 = 1;
const DEFAULT_MAX: i64 = 512;

/// Prefixes under which Flink and Spark pass keys through to the Hadoop configuration.
const FLINK_PREFIX: &str = "flink.hadoop.";
const SPARK_PREFIX: &str = "spark.hadoop.";

/// Keys written from Java: the replication, and the default file system (for the
/// single-node downgrade), each plain and with the pass-through prefixes.
const JAVA_KEYS: &[&str] = &[
    "dfs.replication",
    "flink.hadoop.dfs.replication",
    "spark.hadoop.dfs.replication",
    "fs.defaultFS",
    "fs.default.name",
    "flink.hadoop.fs.defaultFS",
    "flink.hadoop.fs.default.name",
    "spark.hadoop.fs.defaultFS",
    "spark.hadoop.fs.default.name",
];

/// Hadoop's key constants for the same keys.
const OPTION_CONSTANTS: &[(&str, &str)] = &[
    ("DFSConfigKeys.DFS_REPLICATION_KEY", "dfs.replication"),
    (
        "HdfsClientConfigKeys.DFS_REPLICATION_KEY",
        "dfs.replication",
    ),
    (
        "CommonConfigurationKeysPublic.FS_DEFAULT_NAME_KEY",
        "fs.defaultFS",
    ),
    (
        "CommonConfigurationKeys.FS_DEFAULT_NAME_KEY",
        "fs.defaultFS",
    ),
    ("FileSystem.FS_DEFAULT_NAME_KEY", "fs.defaultFS"),
];

const HADOOP_FILE_SYSTEMS: &[&str] = &[
    "org.apache.hadoop.fs.FileSystem",
    "org.apache.hadoop.hdfs.DistributedFileSystem",
];

impl Rule for DfsReplicationTooLow {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_config(&self, file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
        let Some(prefix) = passthrough_prefix(file.kind) else {
            return;
        };
        let Some(entry) = file.get(&format!("{prefix}{REPLICATION}")) else {
            return;
        };
        // A Hadoop site file is read with the site files beside it (`fs.defaultFS` usually
        // lives in `core-site.xml`); a definition that a neighbour overrides does not count.
        let conf = Conf::of(file, cx.path());
        if let Some(conf) = &conf {
            let effective = conf.get(REPLICATION);
            if !effective.is_some_and(|f| std::ptr::eq(f.entry, entry)) {
                return;
            }
        }
        let raw = entry.value.trim();
        let resolve_value = |raw: &str| match &conf {
            Some(conf) => {
                let value = conf.expand(raw);
                value.complete.then(|| value.text.trim().to_owned())
            }
            None => resolve(file, raw),
        };
        let Some(value) = resolve_value(raw).and_then(|v| integer(&v)) else {
            return;
        };
        let setting = |name: &str| match &conf {
            Some(conf) => conf
                .get(name)
                .and_then(|f| resolve_value(f.entry.value.trim())),
            None => file
                .get(&format!("{prefix}{name}"))
                .and_then(|e| resolve(file, e.value.trim())),
        };
        let (min, min_key) = MIN_KEYS
            .iter()
            .find_map(|k| setting(k).and_then(|v| integer(&v)).map(|v| (v, *k)))
            .unwrap_or((DEFAULT_MIN, MIN_KEYS[0]));
        let max = setting(MAX_KEY)
            .and_then(|v| integer(&v))
            .unwrap_or(DEFAULT_MAX);
        let local_fs = match &conf {
            Some(conf) => single_node(conf)
                .map(|one| format!("`{}` is `{}` at {}", one.key, one.value, one.place)),
            None => DEFAULT_FS_KEYS
                .iter()
                .find_map(|k| setting(k).map(|v| (*k, v)))
                .filter(|(_, uri)| is_local_hdfs(uri))
                .map(|(k, uri)| format!("`{prefix}{k}` is `{uri}`")),
        };
        let note = if raw.contains("${") {
            format!(" (from `{raw}`)")
        } else {
            String::new()
        };
        let finding = Finding {
            subject: format!("`{}`", entry.key),
            setting: Setting::Key,
            value,
            note,
            bounds: Bounds { min, min_key, max },
            local_fs: local_fs.as_deref(),
            possible_only: false,
        };
        if let Some(mut reported) = finding.report(cx, entry.value_span) {
            reported.anchor(format!("{}={raw}", entry.key));
        }
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        let found = writes(file, JAVA_KEYS, OPTION_CONSTANTS);
        let local_fs = found
            .iter()
            .filter(|w| DEFAULT_FS_KEYS.iter().any(|k| w.key.ends_with(k)))
            .find_map(|w| fold::string(file, w.value).map(|f| (w.key.to_owned(), f.value)))
            .filter(|(_, uri)| is_local_hdfs(uri))
            .map(|(key, uri)| format!("`{key}` is `{uri}`"));
        for write in found.iter().filter(|w| w.key.ends_with(REPLICATION)) {
            let Some(folded) = fold_int_or_string(file, write.value) else {
                continue;
            };
            let finding = Finding {
                subject: format!("`{}`", write.key),
                setting: Setting::Key,
                value: folded.value,
                note: String::new(),
                bounds: Bounds::DEFAULT,
                local_fs: local_fs.as_deref(),
                possible_only: folded.certainty == Certainty::Default,
            };
            if let Some(mut reported) = finding.report(cx, JavaFile::span_of(write.value)) {
                reported.anchor(call_anchor(file, write.call));
                label(&mut reported, folded.defined_at);
            }
        }
        if !file.imports_from("org.apache.hadoop") {
            return;
        }
        for call in file.nodes_of_kind("method_invocation") {
            if method_name(file, call) != "setReplication" {
                continue;
            }
            let args = arguments(call);
            let [_, replication] = args.as_slice() else {
                continue;
            };
            if !receiver(call).is_some_and(|r| is_hadoop_fs(file, r)) {
                continue;
            }
            let Some(folded) = fold::int(file, *replication) else {
                continue;
            };
            let finding = Finding {
                subject: "the file's replication".to_owned(),
                setting: Setting::PerFile,
                value: folded.value,
                note: String::new(),
                bounds: Bounds::DEFAULT,
                local_fs: local_fs.as_deref(),
                possible_only: folded.certainty == Certainty::Default,
            };
            if let Some(mut reported) = finding.report(cx, JavaFile::span_of(*replication)) {
                reported.anchor(call_anchor(file, call));
                label(&mut reported, folded.defined_at);
            }
        }
    }
}

fn label(reported: &mut bdl_core::Reported<'_>, defined_at: Option<Span>) {
    if let Some(at) = defined_at {
        reported.label(at, "the value is defined here");
    }
}

/// The prefix under which `dfs.replication` appears in files of this kind.
fn passthrough_prefix(kind: FileKind) -> Option<&'static str> {
    match kind {
        FileKind::HadoopXml => Some(""),
        FileKind::FlinkConf | FileKind::FlinkYaml | FileKind::FlinkSql => Some(FLINK_PREFIX),
        FileKind::SparkConf => Some(SPARK_PREFIX),
        _ => None,
    }
}

/// The value as the product reads it: Hadoop XML expands `${var}` from the file (and is
/// unknown when it cannot); the pass-through dialects are taken verbatim, and a `${…}` there
/// is unknown.
fn resolve(file: &ConfigFile<'_>, raw: &str) -> Option<String> {
    if file.kind == FileKind::HadoopXml {
        file.expand(raw).map(|v| v.trim().to_owned())
    } else if raw.contains("${") {
        None
    } else {
        Some(raw.to_owned())
    }
}

/// Whether a default file system URI is an HDFS on this machine (a single-node setup).
fn is_local_hdfs(uri: &str) -> bool {
    Uri::parse(uri).is_some_and(|u| u.scheme.eq_ignore_ascii_case("hdfs") && is_local_host(u.host))
}

/// An integer folded from an int expression, or from a string expression holding one.
fn fold_int_or_string(file: &JavaFile<'_>, expr: Node<'_>) -> Option<Folded<i64>> {
    fold::int(file, expr).or_else(|| {
        let s = fold::string(file, expr)?;
        Some(Folded {
            value: integer(&s.value)?,
            certainty: s.certainty,
            defined_at: s.defined_at,
        })
    })
}

/// The replication limits the NameNode enforces.
#[derive(Clone, Copy, Debug)]
struct Bounds {
    min: i64,
    min_key: &'static str,
    max: i64,
}

impl Bounds {
    const DEFAULT: Self = Self {
        min: DEFAULT_MIN,
        min_key: MIN_KEYS[0],
        max: DEFAULT_MAX,
    };
}

/// Whether the value is the configured default or the replication of one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Setting {
    Key,
    PerFile,
}

/// One replication value to judge and, if it is a problem, report.
struct Finding<'a> {
    /// How the message names the value: `` `dfs.replication` `` or "the file's replication".
    subject: String,
    setting: Setting,
    value: i64,
    /// Appended after the value, e.g. where a `${var}` came from.
    note: String,
    bounds: Bounds,
    /// The local `fs.defaultFS` of a single-node setup, when the same file sets one.
    local_fs: Option<&'a str>,
    /// Only the default of a runtime lookup: at most info.
    possible_only: bool,
}

impl Finding<'_> {
    fn report<'c>(&self, cx: &'c mut Ctx<'_>, span: Span) -> Option<bdl_core::Reported<'c>> {
        let Self {
            subject,
            value,
            note,
            bounds,
            ..
        } = self;
        let (min, max) = (bounds.min, bounds.max);
        let (within, to_default) = match self.setting {
            Setting::Key => (
                format!(
                    "set dfs.replication between {min} and {max}; {HDFS_DEFAULT} is the HDFS default"
                ),
                format!("set dfs.replication to {HDFS_DEFAULT}"),
            ),
            Setting::PerFile => (
                format!(
                    "use a replication between {min} and {max}; {HDFS_DEFAULT} is the HDFS default"
                ),
                format!("use a replication of {HDFS_DEFAULT}"),
            ),
        };
        let (mut severity, mut message, help) = if *value < min {
            (
                Severity::Error,
                format!(
                    "{subject} is {value}{note}, below the minimum of {min} (`{}`): the NameNode rejects files created with it",
                    bounds.min_key
                ),
                within,
            )
        } else if *value > max {
            (
                Severity::Error,
                format!(
                    "{subject} is {value}{note}, above the maximum of {max} (`{MAX_KEY}`): the NameNode rejects files created with it"
                ),
                within,
            )
        } else if *value == 1 {
            match self.local_fs {
                Some(fs) => (
                    Severity::Info,
                    format!(
                        "{subject} is 1{note} on a single-node setup ({fs}): fine there, but losing its one DataNode or disk loses data"
                    ),
                    format!("{to_default} before this configuration is used on a real cluster"),
                ),
                None => (
                    Severity::Warning,
                    format!("{subject} is 1{note}: losing one DataNode or disk loses data"),
                    format!("{to_default} (the HDFS default)"),
                ),
            }
        } else if *value == 2 {
            (
                Severity::Info,
                format!("{subject} is 2{note}, below the HDFS default of {HDFS_DEFAULT}"),
                format!("{to_default} (the HDFS default)"),
            )
        } else {
            return None;
        };
        if self.possible_only {
            severity = severity.min(Severity::Info);
            message.push_str(" if the lookup falls back to its default");
        }
        let mut reported = cx.report(severity, span, message);
        reported.help(help);
        Some(reported)
    }
}

fn is_fs_type(file: &JavaFile<'_>, written: &str) -> bool {
    HADOOP_FILE_SYSTEMS
        .iter()
        .any(|fqn| names_class(file, written, fqn))
}

/// Whether a `setReplication` receiver is a Hadoop `FileSystem`: a variable declared as one
/// (and not initialised with the local file system), or an expression that yields one.
fn is_hadoop_fs(file: &JavaFile<'_>, expr: Node<'_>) -> bool {
    let Some(expr) = unparenthesize(expr) else {
        return false;
    };
    if !matches!(expr.kind(), "identifier" | "field_access") {
        return yields_fs(file, expr);
    }
    let Some(decl) = declaration_of(file, expr) else {
        return false;
    };
    let value = decl.value.and_then(unparenthesize);
    if value.is_some_and(|v| method_name(file, v) == "getLocal") {
        return false;
    }
    match decl.ty.map(|t| file.text_of(t)).filter(|t| *t != "var") {
        Some(written) => is_fs_type(file, written),
        None => value.is_some_and(|v| yields_fs(file, v)),
    }
}

/// `FileSystem.get(..)`, `FileSystem.newInstance(..)`, `path.getFileSystem(conf)`, or a cast
/// to a Hadoop file system type.
fn yields_fs(file: &JavaFile<'_>, expr: Node<'_>) -> bool {
    match expr.kind() {
        "cast_expression" => expr
            .child_by_field_name("type")
            .is_some_and(|t| is_fs_type(file, file.text_of(t))),
        "method_invocation" => {
            let args = arguments(expr);
            match method_name(file, expr) {
                "get" | "newInstance" => receiver(expr).is_some_and(|object| {
                    matches!(object.kind(), "identifier" | "field_access")
                        && (object.kind() != "identifier"
                            || scope::resolve(file, object, file.text_of(object)).is_none())
                        && is_fs_type(file, file.text_of(object))
                }),
                "getFileSystem" => args.len() == 1 && file.refers_to("org.apache.hadoop.fs.Path"),
                _ => false,
            }
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use bdl_core::{Diagnostic, LineIndex, RuleOptions};
    use bdl_syntax::check_one;
    use bdl_syntax::config::Entry;

    use super::*;

    fn java(src: &str) -> Vec<Diagnostic> {
        check_one(&DfsReplicationTooLow, "HdfsJob.java", src)
    }

    fn found(diagnostics: &[Diagnostic]) -> Vec<(u32, Severity)> {
        diagnostics
            .iter()
            .map(|d| (d.start.line, d.severity))
            .collect()
    }

    /// One hand-built property: `(key, value, final)`.
    type Prop<'a> = (&'a str, &'a str, bool);

    /// Runs the config check on hand-built entries. The text holds one `key=value` line per
    /// entry, so line numbers in the result are entry positions (1-based).
    fn config(kind: FileKind, props: &[Prop<'_>]) -> Vec<Diagnostic> {
        let mut text = String::new();
        let mut entries = Vec::new();
        for (key, value, is_final) in props {
            let at = text.len();
            entries.push(Entry {
                key: (*key).to_owned(),
                value: (*value).to_owned(),
                key_span: Span::new(at, at + key.len()),
                value_span: Span::new(at + key.len() + 1, at + key.len() + 1 + value.len()),
                is_final: *is_final,
            });
            text.push_str(key);
            text.push('=');
            text.push_str(value);
            text.push('\n');
        }
        let file = ConfigFile::from_entries(kind, &text, entries);
        let options = RuleOptions::defaults(DfsReplicationTooLow::META.options);
        let index = LineIndex::new(&text);
        let mut out = Vec::new();
        let mut cx = Ctx::new(
            &DfsReplicationTooLow::META,
            &options,
            "hdfs-site.xml",
            &text,
            &index,
            &mut out,
        );
        DfsReplicationTooLow.check_config(&file, &mut cx);
        out
    }

    fn xml(props: &[Prop<'_>]) -> Vec<Diagnostic> {
        config(FileKind::HadoopXml, props)
    }

    #[test]
    fn xml_ladder() {
        let one = xml(&[("dfs.replication", "1", false)]);
        assert_eq!(found(&one), [(1, Severity::Warning)]);
        assert_eq!(
            one[0].message,
            "`dfs.replication` is 1: losing one DataNode or disk loses data"
        );
        assert_eq!(
            one[0].help.as_deref(),
            Some("set dfs.replication to 3 (the HDFS default)")
        );
        assert_eq!(one[0].fingerprint, "dfs.replication=1");
        assert_eq!(
            found(&xml(&[("dfs.replication", " 2 ", false)])),
            [(1, Severity::Info)]
        );
        assert!(xml(&[("dfs.replication", "3", false)]).is_empty());
        assert!(xml(&[("dfs.replication", "512", false)]).is_empty());
        let zero = xml(&[("dfs.replication", "0", false)]);
        assert_eq!(found(&zero), [(1, Severity::Error)]);
        assert!(zero[0].message.contains("below the minimum of 1"));
        assert_eq!(
            found(&xml(&[("dfs.replication", "-1", false)])),
            [(1, Severity::Error)]
        );
        let big = xml(&[("dfs.replication", "600", false)]);
        assert_eq!(found(&big), [(1, Severity::Error)]);
        assert!(big[0].message.contains("above the maximum of 512"));
    }

    #[test]
    fn xml_bounds_from_the_same_file() {
        let d = xml(&[
            ("dfs.namenode.replication.min", "2", false),
            ("dfs.replication", "1", false),
        ]);
        assert_eq!(found(&d), [(2, Severity::Error)]);
        assert!(d[0].message.contains("`dfs.namenode.replication.min`"));
        let d = xml(&[
            ("dfs.replication.min", "2", false),
            ("dfs.replication", "1", false),
        ]);
        assert!(d[0].message.contains("`dfs.replication.min`"));
        let d = xml(&[
            ("dfs.replication.max", "4", false),
            ("dfs.replication", "5", false),
        ]);
        assert_eq!(found(&d), [(2, Severity::Error)]);
        assert!(
            xml(&[
                ("dfs.replication.max", "1024", false),
                ("dfs.replication", "600", false)
            ])
            .is_empty()
        );
    }

    #[test]
    fn xml_final_and_expansion() {
        // A final definition wins over a later one.
        let d = xml(&[
            ("dfs.replication", "1", true),
            ("dfs.replication", "3", false),
        ]);
        assert_eq!(found(&d), [(1, Severity::Warning)]);
        // Otherwise the last one wins.
        assert!(
            xml(&[
                ("dfs.replication", "1", false),
                ("dfs.replication", "3", false)
            ])
            .is_empty()
        );
        let d = xml(&[
            ("replication.factor", "1", false),
            ("dfs.replication", "${replication.factor}", false),
        ]);
        assert_eq!(found(&d), [(2, Severity::Warning)]);
        assert_eq!(
            d[0].message,
            "`dfs.replication` is 1 (from `${replication.factor}`): losing one DataNode or disk loses data"
        );
        assert!(xml(&[("dfs.replication", "${unknown.var}", false)]).is_empty());
        assert!(xml(&[("dfs.replication", "three", false)]).is_empty());
    }

    #[test]
    fn xml_single_node_setup_is_info() {
        let d = xml(&[
            ("fs.defaultFS", "hdfs://localhost:9000", false),
            ("dfs.replication", "1", false),
        ]);
        assert_eq!(found(&d), [(2, Severity::Info)]);
        assert!(d[0].message.contains("single-node setup"));
        let d = xml(&[
            ("fs.defaultFS", "hdfs://namenode.prod:8020", false),
            ("dfs.replication", "1", false),
        ]);
        assert_eq!(found(&d), [(2, Severity::Warning)]);
        // Invalid values stay errors.
        let d = xml(&[
            ("fs.default.name", "hdfs://127.0.0.1:9000", false),
            ("dfs.replication", "0", false),
        ]);
        assert_eq!(found(&d), [(2, Severity::Error)]);
    }

    #[test]
    fn site_files_are_read_together() {
        use crate::site::testing::{check_in_dir, findings, site};
        const RULE: &DfsReplicationTooLow = &DfsReplicationTooLow;
        // The single-node marker sits in core-site.xml, the replication in hdfs-site.xml.
        let core = site(&[("fs.defaultFS", "hdfs://localhost:9000")]);
        let hdfs = site(&[("dfs.replication", "1")]);
        let files = [
            ("core-site.xml", core.as_str()),
            ("hdfs-site.xml", hdfs.as_str()),
        ];
        assert_eq!(
            findings(RULE, &files),
            [("hdfs-site.xml".to_owned(), 3, Severity::Info)]
        );
        let d = check_in_dir(RULE, &files, "hdfs-site.xml");
        assert_eq!(
            d[0].message,
            "`dfs.replication` is 1 on a single-node setup (`fs.defaultFS` is `hdfs://localhost:9000` at core-site.xml:3): fine there, but losing its one DataNode or disk loses data"
        );
        // HBase reads the Hadoop files, not the other way round: an hbase-site.xml beside them
        // does not override them for Hadoop.
        let hbase = site(&[("dfs.replication", "3")]);
        let files = [
            ("core-site.xml", core.as_str()),
            ("hdfs-site.xml", hdfs.as_str()),
            ("hbase-site.xml", hbase.as_str()),
        ];
        assert_eq!(
            findings(RULE, &files[..2]),
            [("hdfs-site.xml".to_owned(), 3, Severity::Info)]
        );
        assert_eq!(check_in_dir(RULE, &files, "hdfs-site.xml").len(), 1);
        // A cluster's default file system keeps it a warning.
        let core = site(&[("fs.defaultFS", "hdfs://nn1:8020")]);
        let files = [
            ("core-site.xml", core.as_str()),
            ("hdfs-site.xml", hdfs.as_str()),
        ];
        assert_eq!(
            findings(RULE, &files),
            [("hdfs-site.xml".to_owned(), 3, Severity::Warning)]
        );
        // A definition overridden by a later file is not the effective one; the bounds
        // come from the whole set.
        let core = site(&[
            ("dfs.replication", "1"),
            ("dfs.namenode.replication.min", "2"),
        ]);
        let hdfs = site(&[("dfs.replication", "${r}"), ("r", "3")]);
        let files = [
            ("core-site.xml", core.as_str()),
            ("hdfs-site.xml", hdfs.as_str()),
        ];
        assert!(findings(RULE, &files).is_empty());
        let hdfs = site(&[("dfs.replication", "1")]);
        let files = [
            ("core-site.xml", core.as_str()),
            ("hdfs-site.xml", hdfs.as_str()),
        ];
        let d = check_in_dir(RULE, &files, "hdfs-site.xml");
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("below the minimum of 2"));
    }

    #[test]
    fn passthrough_keys() {
        assert_eq!(
            found(&config(
                FileKind::FlinkConf,
                &[("flink.hadoop.dfs.replication", "1", false)]
            )),
            [(1, Severity::Warning)]
        );
        assert_eq!(
            found(&config(
                FileKind::SparkConf,
                &[("spark.hadoop.dfs.replication", "2", false)]
            )),
            [(1, Severity::Info)]
        );
        // The other product's prefix, or the bare key, means nothing there.
        assert!(
            config(
                FileKind::SparkConf,
                &[("flink.hadoop.dfs.replication", "1", false)]
            )
            .is_empty()
        );
        assert!(config(FileKind::FlinkYaml, &[("dfs.replication", "1", false)]).is_empty());
        assert!(
            config(
                FileKind::FlinkSql,
                &[("flink.hadoop.dfs.replication", "${r}", false)]
            )
            .is_empty()
        );
        assert!(
            config(
                FileKind::SpringProperties,
                &[("dfs.replication", "1", false)]
            )
            .is_empty()
        );
        assert_eq!(
            found(&config(
                FileKind::FlinkYaml,
                &[
                    ("flink.hadoop.fs.defaultFS", "hdfs://localhost:9000", false),
                    ("flink.hadoop.dfs.replication", "1", false)
                ]
            )),
            [(2, Severity::Info)]
        );
    }

    #[test]
    fn java_configuration_writes() {
        let src = "import org.apache.hadoop.conf.Configuration;\nimport org.apache.hadoop.hdfs.DFSConfigKeys;\nclass HdfsJob {\n  private static final String KEY = \"dfs.replication\";\n  void a(Configuration conf) {\n    conf.set(\"dfs.replication\", \"1\");\n    conf.setInt(KEY, 1);\n    conf.setInt(DFSConfigKeys.DFS_REPLICATION_KEY, 2);\n    conf.set(\"spark.hadoop.dfs.replication\", \"0\");\n    conf.set(\"dfs.replication\", \"3\");\n    conf.set(\"dfs.replication\", System.getenv(\"R\"));\n  }\n}\n";
        let d = java(src);
        assert_eq!(
            found(&d),
            [
                (6, Severity::Warning),
                (7, Severity::Warning),
                (8, Severity::Info),
                (9, Severity::Error)
            ]
        );
        assert!(d[1].labels.is_empty(), "the key constant is not the value");
        assert_eq!(d[0].fingerprint, "conf.set(\"dfs.replication\", \"1\")");
    }

    #[test]
    fn java_value_constants_are_labelled_and_defaults_capped() {
        let src = "import org.apache.hadoop.conf.Configuration;\nclass HdfsJob {\n  static final int REPLICAS = 1;\n  void a(Configuration conf, ParameterTool params) {\n    conf.setInt(\"dfs.replication\", REPLICAS);\n    conf.setInt(\"dfs.replication\", params.getInt(\"r\", 1));\n  }\n}\n";
        let d = java(src);
        assert_eq!(found(&d), [(5, Severity::Warning), (6, Severity::Info)]);
        assert_eq!(d[0].labels.len(), 1);
        assert_eq!(d[0].labels[0].start.line, 3);
    }

    #[test]
    fn java_single_node_setup_is_info() {
        let src = "import org.apache.hadoop.conf.Configuration;\nclass HdfsJob {\n  void a(Configuration conf) {\n    conf.set(\"fs.defaultFS\", \"hdfs://localhost:9000\");\n    conf.set(\"dfs.replication\", \"1\");\n  }\n}\n";
        assert_eq!(found(&java(src)), [(5, Severity::Info)]);
    }

    #[test]
    fn set_replication_on_hadoop_file_systems() {
        let src = "import org.apache.hadoop.conf.Configuration;\nimport org.apache.hadoop.fs.*;\nimport org.apache.hadoop.hdfs.DistributedFileSystem;\nclass HdfsJob {\n  private FileSystem field;\n  void a(Configuration conf, Path p, DistributedFileSystem dfs) throws Exception {\n    FileSystem fs = FileSystem.get(conf);\n    fs.setReplication(p, (short) 1);\n    dfs.setReplication(p, (short) 2);\n    var other = p.getFileSystem(conf);\n    other.setReplication(p, (short) 0);\n    this.field.setReplication(p, (short) 1);\n    FileSystem.get(conf).setReplication(p, (short) 1);\n    fs.setReplication(p, (short) 3);\n    FileSystem local = FileSystem.getLocal(conf);\n    local.setReplication(p, (short) 1);\n    unknown.setReplication(p, (short) 1);\n  }\n}\n";
        let d = java(src);
        assert_eq!(
            found(&d),
            [
                (8, Severity::Warning),
                (9, Severity::Info),
                (11, Severity::Error),
                (12, Severity::Warning),
                (13, Severity::Warning)
            ]
        );
        assert_eq!(
            d[0].message,
            "the file's replication is 1: losing one DataNode or disk loses data"
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("use a replication of 3 (the HDFS default)")
        );
        assert_eq!(d[0].fingerprint, "fs.setReplication(p, (short) 1)");
        assert_eq!(d[4].fingerprint, "setReplication(p, (short) 1)");
    }

    #[test]
    fn set_replication_needs_hadoop_evidence() {
        // Flink's FileSystem, and a file that does not use Hadoop at all.
        let src = "import org.apache.flink.core.fs.FileSystem;\nclass Job {\n  void a(FileSystem fs, Path p) {\n    fs.setReplication(p, (short) 1);\n  }\n}\n";
        assert!(java(src).is_empty());
        let src = "import org.apache.hadoop.conf.Configuration;\nimport com.acme.FileSystem;\nclass Job {\n  void a(FileSystem fs, Path p) {\n    fs.setReplication(p, (short) 1);\n  }\n}\n";
        assert!(java(src).is_empty());
    }

    #[test]
    fn local_hdfs_uris() {
        assert!(is_local_hdfs("hdfs://localhost:9000"));
        assert!(is_local_hdfs("HDFS://LOCALHOST"));
        assert!(is_local_hdfs("hdfs://[::1]:8020/"));
        assert!(is_local_hdfs("hdfs://127.0.0.1:9000/user"));
        assert!(!is_local_hdfs("hdfs://localhost-nn.prod:9000"));
        assert!(!is_local_hdfs("file:///tmp"));
    }
}
