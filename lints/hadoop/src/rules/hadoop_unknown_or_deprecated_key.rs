use bdl_catalog::{Lookup, SiteFile, hadoop};
use bdl_core::{Ctx, Product, RuleMeta, Severity, Version, declare_rule};
use bdl_syntax::{ConfigFile, Rule};

declare_rule! {
    /// ## What it does
    /// Checks the keys of `core-site.xml`, `hdfs-site.xml`, `yarn-site.xml` and
    /// `mapred-site.xml` against the Hadoop key catalog (the four `*-default.xml` files and
    /// the deprecations Hadoop registers):
    /// - a deprecated key is reported with its replacement (`dfs.name.dir` →
    ///   `dfs.namenode.name.dir`);
    /// - a key that no defaults file knows and no key pattern matches is reported only when
    ///   a documented key of the same namespace is within a small edit distance (a typo such
    ///   as `dfs.permisions.enabled`).
    ///
    /// Many Hadoop keys exist only in code (S3A, ABFS, GCS connectors, security plugins,
    /// schedulers, KMS, HttpFS, router-based federation) and real files carry vendor keys
    /// (`hive.*`, `tez.*`, `ranger.*`): an unknown key without a close documented key is never
    /// reported. HA keys with a nameservice, NameNode or ResourceManager id
    /// (`dfs.namenode.rpc-address.ns1.nn1`), per-bucket S3A keys and
    /// `hadoop.proxyuser.<user>.*` are matched by patterns. A key in another site file than
    /// the one it is documented for is not reported: Hadoop reads all site files together.
    /// Deprecations are not reported when the target Hadoop version is 1.x.
    ///
    /// ## Why is this bad?
    /// Hadoop ignores a key it does not know without a word: a misspelt
    /// `dfs.permisions.enabled` leaves permission checking on, and the setting the file seems
    /// to make never happens. A deprecated key still works, but every daemon logs a
    /// deprecation warning for it, and mixing old and new names of one setting in the
    /// configuration makes it hard to tell which value wins.
    ///
    /// ## Example
    /// ```xml file=hdfs-site.xml bad findings=2
    /// <configuration>
    ///   <property>
    ///     <name>dfs.name.dir</name>
    ///     <value>/data/nn</value>
    ///   </property>
    ///   <property>
    ///     <name>dfs.permisions.enabled</name>
    ///     <value>false</value>
    ///   </property>
    /// </configuration>
    /// ```
    ///
    /// Use instead:
    ///
    /// ```xml file=hdfs-site.xml good
    /// <configuration>
    ///   <property>
    ///     <name>dfs.namenode.name.dir</name>
    ///     <value>/data/nn</value>
    ///   </property>
    ///   <property>
    ///     <name>dfs.permissions.enabled</name>
    ///     <value>false</value>
    ///   </property>
    /// </configuration>
    /// ```
    ///
    /// ## How to fix
    /// Rename a deprecated key to its replacement, and a misspelt key to the key it was meant
    /// to be. If an unknown key is right (a key read by a plugin of your own), suppress the
    /// finding with a reason.
    ///
    /// ## Options
    /// None.
    ///
    /// ## References
    /// - Apache Hadoop, deprecated properties: <https://hadoop.apache.org/docs/stable/hadoop-project-dist/hadoop-common/DeprecatedProperties.html>
    /// - Apache Hadoop, `core-default.xml`: <https://hadoop.apache.org/docs/stable/hadoop-project-dist/hadoop-common/core-default.xml>
    /// - Apache Hadoop, `hdfs-default.xml`: <https://hadoop.apache.org/docs/stable/hadoop-project-dist/hadoop-hdfs/hdfs-default.xml>
    /// - Apache Hadoop, `yarn-default.xml`: <https://hadoop.apache.org/docs/stable/hadoop-yarn/hadoop-yarn-common/yarn-default.xml>
    /// - Apache Hadoop, `mapred-default.xml`: <https://hadoop.apache.org/docs/stable/hadoop-mapreduce-client/hadoop-mapreduce-client-core/mapred-default.xml>
    pub HadoopUnknownOrDeprecatedKey {
        code: "HDP011",
        name: "hadoop-unknown-or-deprecated-key",
        summary: "deprecated or misspelt key in a Hadoop site file",
        severity: Warning,
        kinds: [HadoopXml],
        triggers: ["<property>"],
        options: [],
    }
}

impl Rule for HadoopUnknownOrDeprecatedKey {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_config(&self, file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
        if !matches!(
            SiteFile::from_file_name(cx.path()),
            Some(SiteFile::Core | SiteFile::Hdfs | SiteFile::Yarn | SiteFile::Mapred)
        ) {
            return;
        }
        let catalog = hadoop::latest();
        let mut seen: Vec<&str> = Vec::new();
        let mut hadoop_1: Option<bool> = None;
        for entry in &file.entries {
            let key = entry.key.as_str();
            if !plain_key(key) || seen.contains(&key) {
                continue;
            }
            seen.push(key);
            match catalog.lookup(key) {
                Lookup::Deprecated { replacement, .. } => {
                    let old = *hadoop_1.get_or_insert_with(|| {
                        cx.target_version(Product::Hadoop)
                            .is_some_and(|v| v < Version::new(2, 0))
                    });
                    if old {
                        continue;
                    }
                    let (message, help) = if let Some(new) = replacement {
                        (
                            format!("`{key}` is deprecated, use `{new}`"),
                            format!("rename `{key}` to `{new}`"),
                        )
                    } else {
                        (
                            format!("`{key}` is deprecated and has no replacement"),
                            format!("remove `{key}`"),
                        )
                    };
                    cx.report(Severity::Warning, entry.key_span, message)
                        .help(help)
                        .anchor(key);
                }
                Lookup::Unknown => {
                    let Some(near) = close_key(catalog.suggest(key), key) else {
                        continue;
                    };
                    cx.report(
                        Severity::Warning,
                        entry.key_span,
                        format!("unknown key `{key}` is ignored by Hadoop, did you mean `{near}`?"),
                    )
                    .help(format!("rename `{key}` to `{near}`"))
                    .anchor(key);
                }
                _ => {}
            }
        }
    }
}

/// A key as written, without placeholders, spaces or markup: anything else is not a key
/// Hadoop could look up (`${prefix}.dir`, a templated example).
pub(crate) fn plain_key(key: &str) -> bool {
    !key.is_empty()
        && key.contains('.')
        && !key
            .bytes()
            .any(|b| b.is_ascii_whitespace() || matches!(b, b'$' | b'{' | b'}' | b'<' | b'>'))
}

/// The suggestion, when it is in the key's own namespace (same first segment): a vendor key
/// (`hive.…`, `tez.…`) is never close to a Hadoop key.
pub(crate) fn close_key(suggestion: Option<&'static str>, key: &str) -> Option<&'static str> {
    let near = suggestion?;
    let first = |k: &str| k.split('.').next().map(str::to_owned);
    (near != key && first(near) == first(key)).then_some(near)
}

#[cfg(test)]
mod tests {
    use bdl_core::{Diagnostic, Targets};
    use bdl_syntax::{check_one, check_one_with_targets};

    use super::*;

    fn xml(props: &[&str]) -> String {
        let mut out = String::from("<configuration>\n");
        for key in props {
            out.push_str("  <property><name>");
            out.push_str(key);
            out.push_str("</name><value>1</value></property>\n");
        }
        out.push_str("</configuration>\n");
        out
    }

    fn run(path: &str, props: &[&str]) -> Vec<Diagnostic> {
        check_one(&HadoopUnknownOrDeprecatedKey, path, &xml(props))
    }

    #[test]
    fn deprecated_keys_name_their_replacement() {
        let d = run("hdfs-site.xml", &["dfs.name.dir", "dfs.namenode.name.dir"]);
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].message,
            "`dfs.name.dir` is deprecated, use `dfs.namenode.name.dir`"
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some("rename `dfs.name.dir` to `dfs.namenode.name.dir`")
        );
        assert_eq!(d[0].severity, Severity::Warning);
        assert_eq!(run("core-site.xml", &["fs.default.name"]).len(), 1);
    }

    #[test]
    fn typos_get_a_suggestion() {
        let d = run("hdfs-site.xml", &["dfs.permisions.enabled"]);
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].message,
            "unknown key `dfs.permisions.enabled` is ignored by Hadoop, did you mean `dfs.permissions.enabled`?"
        );
    }

    #[test]
    fn silent_on_patterns_vendor_keys_and_wrong_files() {
        let keys = [
            "dfs.namenode.rpc-address.ns1.nn1",
            "dfs.ha.namenodes.ns1",
            "dfs.namenode.rpc-adress.ns1.nn1",
            "fs.s3a.bucket.b.endpoint",
            "fs.s3a.some.code.only.key",
            "hadoop.proxyuser.hue.hosts",
            "yarn.resourcemanager.hostname.rm1",
            "hive.metastore.uris",
            "tez.lib.uris",
            "ranger.plugin.hdfs.service.name",
            "dfs.replication",
            "${prefix}.dir",
            "my.company.setting",
        ];
        assert!(run("core-site.xml", &keys).is_empty());
        // Not a Hadoop site file of this rule.
        assert!(run("hbase-site.xml", &["dfs.name.dir"]).is_empty());
        assert!(run("ssl-server-site.xml", &["dfs.name.dir"]).is_empty());
    }

    #[test]
    fn hadoop_1_keeps_the_old_names() {
        let text = xml(&["dfs.name.dir"]);
        let one = Targets::NONE.with(Product::Hadoop, Version::new(1, 2));
        assert!(
            check_one_with_targets(&HadoopUnknownOrDeprecatedKey, "hdfs-site.xml", &text, &one)
                .is_empty()
        );
        let three = Targets::NONE.with(Product::Hadoop, Version::new(3, 3));
        assert_eq!(
            check_one_with_targets(
                &HadoopUnknownOrDeprecatedKey,
                "hdfs-site.xml",
                &text,
                &three
            )
            .len(),
            1
        );
    }
}
