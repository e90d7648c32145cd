use bdl_core::{Ctx, RuleMeta, Severity, declare_rule};
use bdl_syntax::{ConfigFile, Rule};

use crate::site::{Conf, integer, list};

declare_rule! {
    /// ## What it does
    /// Compares `dfs.datanode.failed.volumes.tolerated` with the number of volumes in
    /// `dfs.datanode.data.dir` (or its deprecated name `dfs.data.dir`) and flags a value the
    /// DataNode rejects at start-up:
    /// - a value greater than or equal to the number of data directories;
    /// - a value below `-1` (`-1` means "at least one volume must stay healthy").
    ///
    /// The volumes are the comma-separated entries of the data directory setting, trimmed,
    /// duplicates removed, as the DataNode reads them, after `${var}` expansion across the site
    /// files beside the checked one. When the set does not set the data directory, its
    /// default (`file://${hadoop.tmp.dir}/dfs/data`, one volume) is used and the message says
    /// so. A data directory holding a `${var}` the set cannot resolve could stand for several
    /// volumes and keeps the rule silent (except `${user.name}`, which never holds a comma).
    /// Reported once, at the `failed.volumes.tolerated` key that takes effect, in the file
    /// that holds it.
    ///
    /// ## Why is this bad?
    /// The DataNode checks the value when it starts and refuses to start with
    /// "Invalid value configured for dfs.datanode.failed.volumes.tolerated - N. Value
    /// configured is either less than -1 or >= to the number of configured volumes". A
    /// setting meant to keep a DataNode up when one disk fails instead keeps it from starting
    /// at all, typically after a host with fewer disks joins with the same configuration.
    ///
    /// ## Example
    /// ```xml file=hdfs-site.xml bad
    /// <configuration>
    ///   <property>
    ///     <name>dfs.datanode.data.dir</name>
    ///     <value>/data/1/dfs/dn</value>
    ///   </property>
    ///   <property>
    ///     <name>dfs.datanode.failed.volumes.tolerated</name>
    ///     <value>1</value>
    ///   </property>
    /// </configuration>
    /// ```
    ///
    /// Use instead:
    ///
    /// ```xml file=hdfs-site.xml good
    /// <configuration>
    ///   <property>
    ///     <name>dfs.datanode.data.dir</name>
    ///     <value>/data/1/dfs/dn,/data/2/dfs/dn,/data/3/dfs/dn</value>
    ///   </property>
    ///   <property>
    ///     <name>dfs.datanode.failed.volumes.tolerated</name>
    ///     <value>1</value>
    ///   </property>
    /// </configuration>
    /// ```
    ///
    /// ## How to fix
    /// Keep `dfs.datanode.failed.volumes.tolerated` below the number of data directories of
    /// every DataNode that uses the file (often one for a handful of disks), or use `-1`
    /// ("keep running while one volume works"). Give hosts with fewer disks their own
    /// configuration.
    ///
    /// ## Options
    /// None.
    ///
    /// ## References
    /// - Apache Hadoop, `hdfs-default.xml` (`dfs.datanode.failed.volumes.tolerated`, `dfs.datanode.data.dir`): <https://hadoop.apache.org/docs/stable/hadoop-project-dist/hadoop-hdfs/hdfs-default.xml>
    pub FailedVolumesToleratedInvalid {
        code: "HDP008",
        name: "failed-volumes-tolerated-invalid",
        summary: "tolerated failed volumes not below the number of DataNode volumes",
        severity: Error,
        kinds: [HadoopXml],
        triggers: ["<property>"],
        options: [],
    }
}

const TOLERATED: &str = "dfs.datanode.failed.volumes.tolerated";
const DATA_DIR: &[&str] = &["dfs.datanode.data.dir", "dfs.data.dir"];

/// References that never expand to a comma.
const SAFE_REFERENCES: &[&str] = &["${user.name}"];

impl Rule for FailedVolumesToleratedInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_config(&self, file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
        let Some(conf) = Conf::of(file, cx.path()) else {
            return;
        };
        let Some(tolerated) = conf.explicit(&[TOLERATED]) else {
            return;
        };
        let Some(entry) = tolerated.here() else {
            return;
        };
        let Some(value) = tolerated.known().and_then(integer) else {
            return;
        };
        let raw = tolerated.raw.clone();
        if value < -1 {
            cx.report(
                Severity::Error,
                entry.value_span,
                format!("`{TOLERATED}` is {value}, below -1: the DataNode refuses to start"),
            )
            .help(format!(
                "set `{TOLERATED}` to -1 or to a number below the count of data directories"
            ))
            .anchor(format!("{TOLERATED}={raw}"));
            return;
        }
        let Some(dirs) = conf.setting(DATA_DIR) else {
            return;
        };
        if dirs.is_default() && !conf.absence_is_known() {
            return;
        }
        let mut text = dirs.value.text.clone();
        for safe in SAFE_REFERENCES {
            text = text.replace(safe, "user");
        }
        if text.contains("${") {
            return;
        }
        let volumes = i64::try_from(list(&text).len()).unwrap_or(i64::MAX);
        if volumes == 0 || value < volumes {
            return;
        }
        let origin = conf.origin(&dirs);
        let volumes_text = if volumes == 1 {
            "1 volume".to_owned()
        } else {
            format!("{volumes} volumes")
        };
        cx.report(
            Severity::Error,
            entry.value_span,
            format!(
                "`{TOLERATED}` is {value}, not below the {volumes_text} of `{}` ({origin}): the DataNode refuses to start",
                dirs.key
            ),
        )
        .help(format!(
            "set `{TOLERATED}` below {volumes}, or to -1 (at least one volume must stay healthy)"
        ))
        .anchor(format!("{TOLERATED}={raw}"));
    }
}

#[cfg(test)]
mod tests {
    use bdl_core::Severity::Error;

    use super::*;
    use crate::site::testing::{check_in_dir, findings, site};

    const RULE: &FailedVolumesToleratedInvalid = &FailedVolumesToleratedInvalid;

    fn run(dirs: Option<&str>, tolerated: &str) -> Vec<String> {
        let mut props = Vec::new();
        if let Some(dirs) = dirs {
            props.push(("dfs.datanode.data.dir", dirs));
        }
        props.push((TOLERATED, tolerated));
        let hdfs = site(&props);
        check_in_dir(RULE, &[("hdfs-site.xml", &hdfs)], "hdfs-site.xml")
            .into_iter()
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn against_the_number_of_volumes() {
        assert_eq!(
            run(Some("/data/1/dn"), "1"),
            [
                "`dfs.datanode.failed.volumes.tolerated` is 1, not below the 1 volume of `dfs.datanode.data.dir` (line 3): the DataNode refuses to start"
            ]
        );
        assert_eq!(run(Some("/d/1, /d/2 ,/d/1,"), "2").len(), 1);
        assert!(run(Some("/d/1,/d/2,/d/3"), "2").is_empty());
        assert!(run(Some("/d/1"), "0").is_empty());
        assert!(run(Some("/d/1"), "-1").is_empty());
        assert_eq!(run(Some("/d/1,/d/2"), "-2").len(), 1);
        assert!(run(Some("/d/1,/d/2"), "many").is_empty());
    }

    #[test]
    fn defaults_and_references() {
        assert_eq!(
            run(None, "1"),
            [
                "`dfs.datanode.failed.volumes.tolerated` is 1, not below the 1 volume of `dfs.datanode.data.dir` (default): the DataNode refuses to start"
            ]
        );
        assert!(run(Some("${env.DN_DIRS}"), "1").is_empty());
        assert_eq!(run(Some("/data/${user.name}/dn"), "1").len(), 1);
        // The data directory in another file of the set; reported once, where the key is.
        let core = site(&[("dfs.data.dir", "/d/1,/d/2")]);
        let hdfs = site(&[(TOLERATED, "2")]);
        let files = [
            ("core-site.xml", core.as_str()),
            ("hdfs-site.xml", hdfs.as_str()),
        ];
        assert_eq!(
            findings(RULE, &files),
            [("hdfs-site.xml".to_owned(), 3, Error)]
        );
        let d = check_in_dir(RULE, &files, "hdfs-site.xml");
        assert!(d[0].message.contains("of `dfs.data.dir` (core-site.xml:3)"));
    }
}
