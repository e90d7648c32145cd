use bdl_catalog::{Lookup, SiteFile, hbase};
use bdl_core::{Ctx, Product, RuleMeta, Severity, Version, declare_rule};
use bdl_syntax::{ConfigFile, Rule};

declare_rule! {
    /// ## What it does
    /// Checks the keys of `hbase-site.xml` against the HBase key catalog (`hbase-default.xml`
    /// of HBase 2.6 and 3.0, and the deprecations HBase registers at run time):
    /// - a deprecated key is a warning, with its replacement
    ///   (`hbase.regionserver.hostname` → `hbase.unsafe.regionserver.hostname`);
    /// - a key that no modelled HBase line knows is `info`, and only when a documented key of
    ///   the same namespace is within a small edit distance (`hbase.zookeeper.quorm` → did you
    ///   mean `hbase.zookeeper.quorum`).
    ///
    /// `hbase-default.xml` says itself that it does not list every setting, so an unknown key
    /// without a close documented key is never reported, and a typo is only a note. Hadoop
    /// keys (`dfs.*`, `fs.*`, `hadoop.*`, …), which configure HBase's HDFS client, and the
    /// ZooKeeper pass-through keys `hbase.zookeeper.property.*` are not checked here. The
    /// catalog of the target HBase line is used (`target: {hbase: …}` or the build file),
    /// the newest one when the version is unknown. Deprecations are not reported against an
    /// HBase 1.x target, where the replacements do not exist yet.
    ///
    /// ## Why is this bad?
    /// HBase, like Hadoop, ignores keys it does not know: a misspelt ZooKeeper quorum leaves
    /// the client on `localhost`, a misspelt tuning key leaves the default in force. A
    /// deprecated key still works today but logs a warning at every start and can disappear
    /// in a later major release.
    ///
    /// ## Example
    /// ```xml file=hbase-site.xml bad findings=2
    /// <configuration>
    ///   <property>
    ///     <name>hbase.regionserver.hostname</name>
    ///     <value>rs1.prod</value>
    ///   </property>
    ///   <property>
    ///     <name>hbase.zookeeper.quorm</name>
    ///     <value>zk1,zk2,zk3</value>
    ///   </property>
    /// </configuration>
    /// ```
    ///
    /// Use instead:
    ///
    /// ```xml file=hbase-site.xml good
    /// <configuration>
    ///   <property>
    ///     <name>hbase.unsafe.regionserver.hostname</name>
    ///     <value>rs1.prod</value>
    ///   </property>
    ///   <property>
    ///     <name>hbase.zookeeper.quorum</name>
    ///     <value>zk1,zk2,zk3</value>
    ///   </property>
    /// </configuration>
    /// ```
    ///
    /// ## How to fix
    /// Rename a deprecated key to its replacement and a misspelt key to the key it was meant
    /// to be. A key that is right but undocumented (read by a coprocessor or in code only) can
    /// be suppressed with a reason.
    ///
    /// ## Options
    /// None.
    ///
    /// ## References
    /// - Apache HBase reference guide, `hbase-default.xml`: <https://hbase.apache.org/book.html#hbase_default_configurations>
    /// - Apache HBase, deprecated keys registered in `HBaseConfiguration`: <https://github.com/apache/hbase/blob/master/hbase-common/src/main/java/org/apache/hadoop/hbase/HBaseConfiguration.java>
    pub HbaseUnknownOrDeprecatedKey {
        code: "HBS011",
        name: "hbase-unknown-or-deprecated-key",
        summary: "deprecated or misspelt key in hbase-site.xml",
        severity: Warning,
        kinds: [HadoopXml],
        triggers: ["<property>"],
        options: [],
    }
}

impl Rule for HbaseUnknownOrDeprecatedKey {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_config(&self, file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
        if SiteFile::from_file_name(cx.path()) != Some(SiteFile::Hbase) {
            return;
        }
        let mut catalog = None;
        let mut target = None;
        let mut seen: Vec<&str> = Vec::new();
        for entry in &file.entries {
            let key = entry.key.as_str();
            if !plain_key(key) || seen.contains(&key) {
                continue;
            }
            seen.push(key);
            let version = *target.get_or_insert_with(|| cx.target_version(Product::Hbase));
            let catalog =
                *catalog.get_or_insert_with(|| version.map_or_else(hbase::latest, hbase::nearest));
            match catalog.lookup(key) {
                // The replacements came with HBase 2: on 1.x the old names are the current ones.
                Lookup::Deprecated {
                    replacement: Some(new),
                    ..
                } if version.is_none_or(|v| v >= Version::new(2, 0)) => {
                    cx.report(
                        Severity::Warning,
                        entry.key_span,
                        format!("`{key}` is deprecated, use `{new}`"),
                    )
                    .help(format!("rename `{key}` to `{new}`"))
                    .anchor(key);
                }
                Lookup::Unknown => {
                    let Some(near) = close_key(catalog.suggest(key), key) else {
                        continue;
                    };
                    cx.report(
                        Severity::Info,
                        entry.key_span,
                        format!("`{key}` is not a documented HBase key, did you mean `{near}`?"),
                    )
                    .help(format!(
                        "rename `{key}` to `{near}` if that is the setting you meant"
                    ))
                    .anchor(key);
                }
                _ => {}
            }
        }
    }
}

/// A key as written, without placeholders, spaces or markup.
fn plain_key(key: &str) -> bool {
    !key.is_empty()
        && key.contains('.')
        && !key
            .bytes()
            .any(|b| b.is_ascii_whitespace() || matches!(b, b'$' | b'{' | b'}' | b'<' | b'>'))
}

/// The suggestion, when it is in the key's own namespace (same first segment).
fn close_key(suggestion: Option<&'static str>, key: &str) -> Option<&'static str> {
    let near = suggestion?;
    let first = |k: &str| k.split('.').next().map(str::to_owned);
    (near != key && first(near) == first(key)).then_some(near)
}

#[cfg(test)]
mod tests {
    use bdl_core::Diagnostic;
    use bdl_syntax::check_one;

    use super::*;

    fn run(path: &str, props: &[&str]) -> Vec<Diagnostic> {
        let mut text = String::from("<configuration>\n");
        for key in props {
            text.push_str("  <property><name>");
            text.push_str(key);
            text.push_str("</name><value>1</value></property>\n");
        }
        text.push_str("</configuration>\n");
        check_one(&HbaseUnknownOrDeprecatedKey, path, &text)
    }

    #[test]
    fn deprecated_keys_are_warnings() {
        let d = run("conf/hbase-site.xml", &["hbase.regionserver.hostname"]);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Warning);
        assert_eq!(
            d[0].message,
            "`hbase.regionserver.hostname` is deprecated, use `hbase.unsafe.regionserver.hostname`"
        );
    }

    #[test]
    fn hbase_1_keeps_the_old_names() {
        let text = "<configuration><property><name>hbase.regionserver.hostname</name><value>a</value></property></configuration>";
        let one = bdl_core::Targets::NONE.with(Product::Hbase, Version::new(1, 4));
        assert!(
            bdl_syntax::check_one_with_targets(
                &HbaseUnknownOrDeprecatedKey,
                "hbase-site.xml",
                text,
                &one
            )
            .is_empty()
        );
    }

    #[test]
    fn typos_are_info() {
        let d = run("hbase-site.xml", &["hbase.zookeeper.quorm"]);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Info);
        assert_eq!(
            d[0].message,
            "`hbase.zookeeper.quorm` is not a documented HBase key, did you mean `hbase.zookeeper.quorum`?"
        );
    }

    #[test]
    fn silent_on_undocumented_and_foreign_keys() {
        let keys = [
            "hbase.zookeeper.quorum",
            "hbase.zookeeper.property.dataDir",
            "hbase.zookeeper.property.maxClientCnxns",
            "dfs.replication",
            "dfs.client.read.shortcircuit",
            "hbase.coprocessor.region.classes",
            "phoenix.schema.isNamespaceMappingEnabled",
            "hbase.my.company.feature.flag",
            "${x}.y",
        ];
        assert!(run("hbase-site.xml", &keys).is_empty());
        assert!(run("hdfs-site.xml", &["hbase.regionserver.hostname"]).is_empty());
    }
}
