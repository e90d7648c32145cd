use bdl_core::{Ctx, RuleMeta, Severity, declare_rule};
use bdl_syntax::{ConfigFile, Rule};

use crate::site::{Conf, boolean};

declare_rule! {
    /// ## What it does
    /// Flags `dfs.permissions.enabled` (or its deprecated name `dfs.permissions`) set to
    /// `false` in a Hadoop site file.
    ///
    /// The file is read with the site files beside it (`core-site.xml`, `hdfs-site.xml`,
    /// `yarn-site.xml`, `mapred-site.xml` of the same directory), as Hadoop loads them into one
    /// configuration: only the definition that takes effect is reported (the last one, or the
    /// first marked `<final>true</final>`), in the file that holds it, so a value that a later
    /// file sets back to `true` is not reported. `${var}` references are expanded across the
    /// files; a value that is not `true` or `false` (any case) is ignored by Hadoop, which
    /// then keeps the default `true`, and is not reported.
    ///
    /// ## Why is this bad?
    /// With permission checking off, the NameNode lets every user read, overwrite and delete
    /// every file and directory: one mistyped `hdfs dfs -rm -r` by any user, or any job with a
    /// wrong output path, can wipe another team's data, and file modes and ACLs no longer mean
    /// anything. The setting is often flipped to make an "AccessControlException: Permission
    /// denied" go away during setup and then forgotten. Permissions are still recorded while
    /// checking is off, so turning it back on later restores the modes that were set.
    ///
    /// ## Example
    /// ```xml file=hdfs-site.xml bad
    /// <configuration>
    ///   <property>
    ///     <name>dfs.permissions.enabled</name>
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
    ///     <name>dfs.permissions.enabled</name>
    ///     <value>true</value>
    ///   </property>
    /// </configuration>
    /// ```
    ///
    /// ## How to fix
    /// Remove the override (the default is `true`) and fix the access problem it was hiding:
    /// give the user a home directory (`hdfs dfs -mkdir /user/<name>` and `-chown`), add the
    /// service users to `dfs.permissions.superusergroup`, or grant access with ACLs
    /// (`dfs.namenode.acls.enabled`). For a throw-away single-user sandbox, suppress the
    /// finding with a reason.
    ///
    /// ## Options
    /// None.
    ///
    /// ## References
    /// - Apache Hadoop, HDFS Permissions Guide, configuration parameters: <https://hadoop.apache.org/docs/stable/hadoop-project-dist/hadoop-hdfs/HdfsPermissionsGuide.html#Configuration_Parameters>
    /// - Apache Hadoop, `hdfs-default.xml` (`dfs.permissions.enabled` true): <https://hadoop.apache.org/docs/stable/hadoop-project-dist/hadoop-hdfs/hdfs-default.xml>
    /// - Apache Hadoop, deprecated properties (`dfs.permissions` → `dfs.permissions.enabled`): <https://hadoop.apache.org/docs/stable/hadoop-project-dist/hadoop-common/DeprecatedProperties.html>
    pub HdfsPermissionsDisabled {
        code: "HDP003",
        name: "hdfs-permissions-disabled",
        summary: "permission checking of HDFS turned off",
        severity: Warning,
        kinds: [HadoopXml],
        triggers: ["<property>"],
        options: [],
    }
}

/// The key, then its deprecated name.
const PERMISSIONS: &[&str] = &["dfs.permissions.enabled", "dfs.permissions"];

impl Rule for HdfsPermissionsDisabled {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_config(&self, file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
        let Some(conf) = Conf::of(file, cx.path()) else {
            return;
        };
        let Some(setting) = conf.explicit(PERMISSIONS) else {
            return;
        };
        let Some(entry) = setting.here() else {
            return;
        };
        if setting.known().and_then(boolean) != Some(false) {
            return;
        }
        let raw = &setting.raw;
        let from = if raw.contains("${") {
            format!(" (from `{raw}`)")
        } else {
            String::new()
        };
        let value = setting.value.text.trim();
        cx.report(
            Severity::Warning,
            entry.value_span,
            format!(
                "`{}` is `{value}`{from}: the NameNode lets every user read, overwrite and delete every file",
                entry.key
            ),
        )
        .help("remove the override (the default is `true`) and grant access with ownership, groups or ACLs")
        .anchor(format!("{}={raw}", entry.key));
    }
}

#[cfg(test)]
mod tests {
    use bdl_core::Severity;

    use super::*;
    use crate::site::testing::{check_in_dir, findings, site};

    const RULE: &HdfsPermissionsDisabled = &HdfsPermissionsDisabled;

    #[test]
    fn false_in_any_case_and_the_old_name() {
        for (key, value) in [
            ("dfs.permissions.enabled", "false"),
            ("dfs.permissions.enabled", " FALSE "),
            ("dfs.permissions", "false"),
        ] {
            let hdfs = site(&[(key, value)]);
            let d = check_in_dir(RULE, &[("hdfs-site.xml", &hdfs)], "hdfs-site.xml");
            assert_eq!(d.len(), 1, "{key}={value}");
            assert_eq!(d[0].severity, Severity::Warning);
            assert_eq!(d[0].start.line, 3);
        }
        let hdfs = site(&[("dfs.permissions.enabled", "false")]);
        let d = check_in_dir(RULE, &[("hdfs-site.xml", &hdfs)], "hdfs-site.xml");
        assert_eq!(
            d[0].message,
            "`dfs.permissions.enabled` is `false`: the NameNode lets every user read, overwrite and delete every file"
        );
    }

    #[test]
    fn silent_when_on_unknown_or_overridden() {
        for value in ["true", "no", "${perm}", ""] {
            let hdfs = site(&[("dfs.permissions.enabled", value)]);
            assert!(
                findings(RULE, &[("hdfs-site.xml", &hdfs)]).is_empty(),
                "{value}"
            );
        }
        // A later file of the set turns it back on: nothing to report anywhere.
        let core = site(&[("dfs.permissions.enabled", "false")]);
        let hdfs = site(&[("dfs.permissions.enabled", "true")]);
        assert!(findings(RULE, &[("core-site.xml", &core), ("hdfs-site.xml", &hdfs)]).is_empty());
    }

    #[test]
    fn reported_once_in_the_file_that_holds_it() {
        let core = site(&[("perm", "false"), ("fs.defaultFS", "hdfs://nn:8020")]);
        let hdfs = site(&[("dfs.permissions.enabled", "${perm}")]);
        let files = [
            ("core-site.xml", core.as_str()),
            ("hdfs-site.xml", hdfs.as_str()),
        ];
        let found = findings(RULE, &files);
        assert_eq!(found, [("hdfs-site.xml".to_owned(), 3, Severity::Warning)]);
        let d = check_in_dir(RULE, &files, "hdfs-site.xml");
        assert!(d[0].message.contains("(from `${perm}`)"));
        // A final `false` in core-site.xml wins over hdfs-site.xml's `true`.
        let core = site(&[("dfs.permissions", "false")]).replace(
            "</value></property>",
            "</value><final>true</final></property>",
        );
        let hdfs = site(&[("dfs.permissions.enabled", "true")]);
        let found = findings(RULE, &[("core-site.xml", &core), ("hdfs-site.xml", &hdfs)]);
        assert_eq!(found, [("core-site.xml".to_owned(), 3, Severity::Warning)]);
    }
}
