use bdl_core::{Ctx, RuleMeta, Severity, declare_rule};
use bdl_syntax::{ConfigFile, Rule};

use crate::site::Conf;

declare_rule! {
    /// ## What it does
    /// Reads the JournalNodes of `dfs.namenode.shared.edits.dir`
    /// (`qjournal://jn1:8485;jn2:8485;jn3:8485/journalId`, also the per-nameservice and
    /// per-NameNode forms `dfs.namenode.shared.edits.dir.<ns>[.<nn>]`) and flags a quorum
    /// that cannot survive the loss of one JournalNode:
    /// - fewer than 3 JournalNodes is an error;
    /// - an even number (4, 6) is a warning: it tolerates no more failures than one fewer.
    ///
    /// JournalNodes are counted by distinct `host:port`. The value is expanded across the
    /// site files beside the checked one; a list whose hosts hold a `${var}` the set cannot
    /// resolve is not counted. Only the definition that takes effect is reported, in the file
    /// that holds it. Shared edits on NFS (`file://`) are not checked.
    ///
    /// ## Why is this bad?
    /// The active NameNode must write every edit to a majority of the JournalNodes. With one
    /// JournalNode, or two (whose majority is both), losing a single JournalNode stops the
    /// NameNode: it cannot write edits and shuts down. The HDFS HA guide requires at least
    /// three and an odd number: three tolerate one failure, five tolerate two, and a fourth
    /// or sixth adds load without adding tolerance.
    ///
    /// ## Example
    /// ```xml file=hdfs-site.xml bad
    /// <configuration>
    ///   <property>
    ///     <name>dfs.namenode.shared.edits.dir</name>
    ///     <value>qjournal://jn1.example.com:8485;jn2.example.com:8485/mycluster</value>
    ///   </property>
    /// </configuration>
    /// ```
    ///
    /// Use instead:
    ///
    /// ```xml file=hdfs-site.xml good
    /// <configuration>
    ///   <property>
    ///     <name>dfs.namenode.shared.edits.dir</name>
    ///     <value>qjournal://jn1.example.com:8485;jn2.example.com:8485;jn3.example.com:8485/mycluster</value>
    ///   </property>
    /// </configuration>
    /// ```
    ///
    /// ## How to fix
    /// Run an odd number of JournalNodes, at least three, on separate machines (they are
    /// light and usually share hosts with the NameNodes and the ResourceManager), and list all
    /// of them in `dfs.namenode.shared.edits.dir`.
    ///
    /// ## Options
    /// None.
    ///
    /// ## References
    /// - Apache Hadoop, HDFS High Availability using the Quorum Journal Manager, hardware resources and `dfs.namenode.shared.edits.dir`: <https://hadoop.apache.org/docs/stable/hadoop-project-dist/hadoop-hdfs/HDFSHighAvailabilityWithQJM.html#Hardware_resources>
    pub JournalnodeQuorumWeak {
        code: "HDP005",
        name: "journalnode-quorum-weak",
        summary: "too few or an even number of JournalNodes for the shared edits",
        severity: Error,
        kinds: [HadoopXml],
        triggers: ["<property>"],
        options: [],
    }
}

const SHARED_EDITS: &str = "dfs.namenode.shared.edits.dir";

/// The distinct JournalNodes of a `qjournal://` URI, when they can all be read.
fn journal_nodes(uri: &str) -> Option<Vec<String>> {
    let rest = uri.trim().strip_prefix("qjournal://")?;
    let hosts = rest.split('/').next()?;
    let mut out: Vec<String> = Vec::new();
    for host in hosts.split(';').map(str::trim).filter(|h| !h.is_empty()) {
        if host.contains("${") || host.contains("{{") {
            return None;
        }
        let host = host.to_ascii_lowercase();
        if !out.contains(&host) {
            out.push(host);
        }
    }
    (!out.is_empty()).then_some(out)
}

impl Rule for JournalnodeQuorumWeak {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_config(&self, file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
        let Some(conf) = Conf::of(file, cx.path()) else {
            return;
        };
        let written = conf.entries_where(|k| k.starts_with(SHARED_EDITS));
        let mut seen: Vec<&str> = Vec::new();
        for found in written.iter().filter(|f| f.is_here()) {
            let key = found.entry.key.as_str();
            let suffix = key.strip_prefix(SHARED_EDITS).unwrap_or_default();
            if !(suffix.is_empty() || suffix.starts_with('.')) || seen.contains(&key) {
                continue;
            }
            seen.push(key);
            // Only the definition that takes effect.
            let Some(effective) = conf.get(key) else {
                continue;
            };
            if !std::ptr::eq(effective.entry, found.entry) {
                continue;
            }
            let raw = effective.entry.value.trim();
            let value = conf.expand(raw);
            let Some(nodes) = journal_nodes(&value.text) else {
                continue;
            };
            let n = nodes.len();
            let (severity, why) = match n {
                1 => (Severity::Error, "losing it stops the NameNode".to_owned()),
                2 => (
                    Severity::Error,
                    "edits need both, so losing either stops the NameNode".to_owned(),
                ),
                n if n % 2 == 0 => (
                    Severity::Warning,
                    format!(
                        "an even quorum tolerates no more failures than {} JournalNodes",
                        n - 1
                    ),
                ),
                _ => continue,
            };
            let nodes_text = if n == 1 {
                "1 JournalNode".to_owned()
            } else {
                format!("{n} JournalNodes")
            };
            let help = if n < 3 {
                "list at least 3 JournalNodes (an odd number) in the qjournal URI"
            } else {
                "use an odd number of JournalNodes (3 or 5)"
            };
            cx.report(
                severity,
                effective.entry.value_span,
                format!(
                    "`{key}` lists {nodes_text} ({}): {why}; HDFS HA needs at least 3, an odd number",
                    nodes.join(", ")
                ),
            )
            .help(help)
            .anchor(format!("{key}={raw}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use bdl_core::Severity::{Error, Warning};

    use super::*;
    use crate::site::testing::{check_in_dir, findings, site};

    const RULE: &JournalnodeQuorumWeak = &JournalnodeQuorumWeak;

    fn run(value: &str) -> Vec<(u32, Severity)> {
        let hdfs = site(&[("dfs.namenode.shared.edits.dir", value)]);
        check_in_dir(RULE, &[("hdfs-site.xml", &hdfs)], "hdfs-site.xml")
            .iter()
            .map(|d| (d.start.line, d.severity))
            .collect()
    }

    #[test]
    fn quorum_sizes() {
        assert_eq!(run("qjournal://jn1:8485/ns1"), [(3, Error)]);
        assert_eq!(run("qjournal://jn1:8485;jn2:8485/ns1"), [(3, Error)]);
        assert!(run("qjournal://jn1:8485;jn2:8485;jn3:8485/ns1").is_empty());
        assert_eq!(
            run("qjournal://a:8485;b:8485;c:8485;d:8485/ns1"),
            [(3, Warning)]
        );
        assert!(run("qjournal://a;b;c;d;e/ns1").is_empty());
        // The same JournalNode twice counts once.
        assert_eq!(
            run("qjournal://jn1:8485;JN1:8485;jn2:8485/ns1"),
            [(3, Error)]
        );
        // NFS shared edits, unknown hosts, templates.
        assert!(run("file:///mnt/filer/ha-edits").is_empty());
        assert!(run("qjournal://${jn.hosts}/ns1").is_empty());
        assert!(run("qjournal://{{ .Values.jn }}/ns1").is_empty());
    }

    #[test]
    fn message_names_the_nodes() {
        let hdfs = site(&[(
            "dfs.namenode.shared.edits.dir",
            "qjournal://jn1:8485;jn2:8485/ns1",
        )]);
        let d = check_in_dir(RULE, &[("hdfs-site.xml", &hdfs)], "hdfs-site.xml");
        assert_eq!(
            d[0].message,
            "`dfs.namenode.shared.edits.dir` lists 2 JournalNodes (jn1:8485, jn2:8485): edits need both, so losing either stops the NameNode; HDFS HA needs at least 3, an odd number"
        );
    }

    #[test]
    fn forms_references_and_overrides() {
        let core = site(&[("jn", "jn1:8485")]);
        let hdfs = site(&[
            ("dfs.namenode.shared.edits.dir.ns1", "qjournal://${jn}/ns1"),
            (
                "dfs.namenode.shared.edits.dir.ns2.nn1",
                "qjournal://a;b;c/ns2",
            ),
            ("dfs.namenode.shared.edits.dirs", "qjournal://a/x"),
        ]);
        let files = [
            ("core-site.xml", core.as_str()),
            ("hdfs-site.xml", hdfs.as_str()),
        ];
        assert_eq!(
            findings(RULE, &files),
            [("hdfs-site.xml".to_owned(), 3, Error)]
        );
        // A later file overrides the weak value: nothing.
        let core = site(&[("dfs.namenode.shared.edits.dir", "qjournal://a/ns1")]);
        let hdfs = site(&[("dfs.namenode.shared.edits.dir", "qjournal://a;b;c/ns1")]);
        let files = [
            ("core-site.xml", core.as_str()),
            ("hdfs-site.xml", hdfs.as_str()),
        ];
        assert!(findings(RULE, &files).is_empty());
    }
}
