use bdl_core::{Ctx, RuleMeta, Severity, declare_rule};
use bdl_syntax::{ConfigFile, Rule};

use crate::memory::{megabytes, xmx_megabytes};
use crate::site::{Conf, Role, Setting, boolean};

declare_rule! {
    /// ## What it does
    /// Compares the YARN and MapReduce settings of a set of site files (`yarn-site.xml`,
    /// `mapred-site.xml` and the files beside them, read together as Hadoop reads them):
    /// - `mapreduce.framework.name` is `local`, or not set (default `local`), while a
    ///   `yarn-site.xml` is beside `mapred-site.xml` (warning). A missing key is reported in
    ///   `mapred-site.xml`, at its first property; without a `mapred-site.xml` the set is not
    ///   one for MapReduce and nothing is reported;
    /// - `yarn.scheduler.minimum-allocation-mb` above `yarn.scheduler.maximum-allocation-mb`
    ///   (error: the ResourceManager does not start);
    /// - `yarn.scheduler.maximum-allocation-mb` above `yarn.nodemanager.resource.memory-mb`,
    ///   both set explicitly (warning; not when the NodeManager detects its memory);
    /// - `mapreduce.map.memory.mb`, `mapreduce.reduce.memory.mb` or
    ///   `yarn.app.mapreduce.am.resource.mb` above the maximum allocation (error: the request
    ///   is rejected and the job fails). The maximum is taken from the set, or its default
    ///   (8192 MB) when the set holds a `yarn-site.xml` that leaves it out;
    /// - `-Xmx` in `mapreduce.map.java.opts`, `mapreduce.reduce.java.opts` (or
    ///   `mapred.child.java.opts`) or `yarn.app.mapreduce.am.command-opts` at or above the
    ///   container size of the same task (warning). Heap sizes with units are read as the JVM
    ///   reads them (`-Xmx2g`, `-Xmx2048m`, the last `-Xmx` wins). A task memory of `-1` or
    ///   unset is derived from the heap by MapReduce and is not compared.
    ///
    /// Values are expanded across the files; an unknown value or a unit YARN does not accept
    /// keeps that check silent. Each finding is reported once, at the key that is out of line
    /// (the explicitly set one when the other is a default), in the file that holds it; the
    /// message names the other setting with its file and line, or "default".
    ///
    /// ## Why is this bad?
    /// With the `local` framework, `hadoop jar` runs the whole job inside the client process
    /// on one machine although a YARN cluster is configured, and the job's tasks never appear
    /// in the ResourceManager. The ResourceManager refuses to start when the minimum
    /// allocation exceeds the maximum. A container request above the maximum allocation is
    /// rejected ("Invalid resource request, requested memory > max configured"), and
    /// MapReduce kills the job. A maximum above what any NodeManager offers promises
    /// containers that no node can run. A JVM heap as large as its container leaves no room
    /// for the JVM's own memory, so the NodeManager kills the task for running beyond
    /// physical memory limits.
    ///
    /// ## Example
    /// ```xml file=mapred-site.xml bad
    /// <configuration>
    ///   <property>
    ///     <name>mapreduce.map.memory.mb</name>
    ///     <value>2048</value>
    ///   </property>
    ///   <property>
    ///     <name>mapreduce.map.java.opts</name>
    ///     <value>-Xmx2g</value>
    ///   </property>
    /// </configuration>
    /// ```
    ///
    /// Use instead:
    ///
    /// ```xml file=mapred-site.xml good
    /// <configuration>
    ///   <property>
    ///     <name>mapreduce.map.memory.mb</name>
    ///     <value>2048</value>
    ///   </property>
    ///   <property>
    ///     <name>mapreduce.map.java.opts</name>
    ///     <value>-Xmx1638m</value>
    ///   </property>
    /// </configuration>
    /// ```
    ///
    /// ## How to fix
    /// Set `mapreduce.framework.name` to `yarn` in `mapred-site.xml`. Keep
    /// `minimum-allocation-mb` ≤ `maximum-allocation-mb` ≤ the NodeManagers' memory, and task
    /// and ApplicationMaster container sizes within the maximum. Give each task's JVM about
    /// 80 % of its container (`-Xmx1638m` in a 2048 MB container), or leave the `java.opts`
    /// heap out and let `mapreduce.job.heap.memory-mb.ratio` derive it.
    ///
    /// ## Options
    /// None.
    ///
    /// ## References
    /// - Apache Hadoop, `mapred-default.xml` (`mapreduce.framework.name`, `mapreduce.map.memory.mb`, `mapreduce.map.java.opts`, `yarn.app.mapreduce.am.resource.mb`): <https://hadoop.apache.org/docs/stable/hadoop-mapreduce-client/hadoop-mapreduce-client-core/mapred-default.xml>
    /// - Apache Hadoop, `yarn-default.xml` (`yarn.scheduler.minimum-allocation-mb`, `maximum-allocation-mb`, `yarn.nodemanager.resource.memory-mb`): <https://hadoop.apache.org/docs/stable/hadoop-yarn/hadoop-yarn-common/yarn-default.xml>
    /// - Apache Hadoop, Cluster Setup, `mapred-site.xml`: <https://hadoop.apache.org/docs/stable/hadoop-project-dist/hadoop-common/ClusterSetup.html#Configuring_the_Hadoop_Daemons>
    /// - Apache Ambari, HDP stack advisor (container size and `-Xmx` validators): <https://github.com/apache/ambari/blob/trunk/ambari-server/src/main/resources/stacks/HDP/2.0.6/services/stack_advisor.py>
    pub YarnMapredInconsistent {
        code: "HDP010",
        name: "yarn-mapred-inconsistent",
        summary: "memory or framework settings of MapReduce and YARN that contradict each other",
        severity: Error,
        kinds: [HadoopXml],
        triggers: ["<property>"],
        options: [],
    }
}

const FRAMEWORK: &str = "mapreduce.framework.name";
const MIN_ALLOC: &str = "yarn.scheduler.minimum-allocation-mb";
const MAX_ALLOC: &str = "yarn.scheduler.maximum-allocation-mb";
const NM_MEMORY: &str = "yarn.nodemanager.resource.memory-mb";
const NM_DETECT: &str = "yarn.nodemanager.resource.detect-hardware-capabilities";

/// A MapReduce container: its memory key (and old names), its JVM options (and old
/// names, then the shared fallback), what it is.
struct Task {
    memory: &'static [&'static str],
    opts: &'static [&'static str],
    fallback_opts: Option<&'static str>,
    what: &'static str,
    /// Whether an unset memory is derived from the heap (so it is not compared).
    derived: bool,
}

const TASKS: &[Task] = &[
    Task {
        memory: &["mapreduce.map.memory.mb", "mapred.job.map.memory.mb"],
        opts: &["mapreduce.map.java.opts", "mapred.map.child.java.opts"],
        fallback_opts: Some("mapred.child.java.opts"),
        what: "map task",
        derived: true,
    },
    Task {
        memory: &["mapreduce.reduce.memory.mb", "mapred.job.reduce.memory.mb"],
        opts: &[
            "mapreduce.reduce.java.opts",
            "mapred.reduce.child.java.opts",
        ],
        fallback_opts: Some("mapred.child.java.opts"),
        what: "reduce task",
        derived: true,
    },
    Task {
        memory: &["yarn.app.mapreduce.am.resource.mb"],
        opts: &["yarn.app.mapreduce.am.command-opts"],
        fallback_opts: None,
        what: "MapReduce ApplicationMaster",
        derived: false,
    },
];

impl Rule for YarnMapredInconsistent {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_config(&self, file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
        let Some(conf) = Conf::of(file, cx.path()) else {
            return;
        };
        check_framework(&conf, cx);
        let max = check_allocations(&conf, cx);
        for task in TASKS {
            check_task(&conf, task, max.as_ref(), cx);
        }
    }
}

/// An integer megabyte setting and its value.
fn mb<'s>(conf: &'s Conf<'_>, names: &[&str]) -> Option<(Setting<'s>, i64)> {
    let setting = conf.setting(names)?;
    let value = setting.known().and_then(megabytes)?;
    Some((setting, value))
}

/// "`key` (yarn-site.xml:12)" or "`key` (default)".
fn named(conf: &Conf<'_>, setting: &Setting<'_>) -> String {
    format!("`{}` ({})", setting.key, conf.origin(setting))
}

fn check_framework(conf: &Conf<'_>, cx: &mut Ctx<'_>) {
    if !conf.has(Role::Yarn) {
        return;
    }
    if let Some(setting) = conf.explicit(&[FRAMEWORK]) {
        let Some(entry) = setting.here() else {
            return;
        };
        if setting.known() != Some("local") {
            return;
        }
        cx.report(
            Severity::Warning,
            entry.value_span,
            format!("`{FRAMEWORK}` is `local` beside a yarn-site.xml: MapReduce jobs run inside the client process instead of on the YARN cluster"),
        )
        .help(format!("set `{FRAMEWORK}` to `yarn`"))
        .anchor(format!("{FRAMEWORK}=local"));
    } else {
        if conf.role() != Role::Mapred || !conf.absence_is_known() {
            return;
        }
        let Some(first) = conf
            .entries_where(|_| true)
            .into_iter()
            .find(bdl_syntax::config::set::Found::is_here)
        else {
            return;
        };
        cx.report(
            Severity::Warning,
            first.entry.key_span,
            format!("`{FRAMEWORK}` is not set in mapred-site.xml (default `local`) beside a yarn-site.xml: MapReduce jobs run inside the client process instead of on the YARN cluster"),
        )
        .help(format!("set `{FRAMEWORK}` to `yarn` in mapred-site.xml"))
        .anchor(format!("{FRAMEWORK}:unset"));
    }
}

/// Checks the scheduler's minimum and maximum against each other and the NodeManager's
/// memory; returns the maximum when it is known for this cluster.
fn check_allocations<'s>(conf: &'s Conf<'_>, cx: &mut Ctx<'_>) -> Option<(Setting<'s>, i64)> {
    // A default stands for the cluster's value only where absence is known (not in a
    // template).
    let max = mb(conf, &[MAX_ALLOC]).filter(|(s, _)| !s.is_default() || conf.absence_is_known());
    if let (Some((min_set, min)), Some((max_set, max_mb))) = (mb(conf, &[MIN_ALLOC]), max.as_ref())
        && min > *max_mb
        && !(min_set.is_default() && max_set.is_default())
    {
        // At the maximum when it is set, else at the minimum.
        let at = if max_set.is_default() {
            &min_set
        } else {
            max_set
        };
        if let Some(entry) = at.here() {
            cx.report(
                    Severity::Error,
                    entry.value_span,
                    format!(
                        "`{MIN_ALLOC}` is {min} MB ({}), above `{MAX_ALLOC}` of {max_mb} MB ({}): the ResourceManager refuses to start",
                        conf.origin(&min_set),
                        conf.origin(max_set),
                    ),
                )
                .help(format!("keep `{MIN_ALLOC}` at or below `{MAX_ALLOC}`"))
                .anchor(format!("{}:{MIN_ALLOC}>{MAX_ALLOC}", at.key));
        }
    }
    if let (Some((max_set, max_mb)), Some((nm_set, nm))) = (max.as_ref(), mb(conf, &[NM_MEMORY])) {
        let detect = conf
            .setting(&[NM_DETECT])
            .and_then(|s| s.known().and_then(boolean))
            .unwrap_or(false);
        if !max_set.is_default()
            && !nm_set.is_default()
            && nm > 0
            && !detect
            && *max_mb > nm
            && let Some(entry) = max_set.here()
        {
            cx.report(
                    Severity::Warning,
                    entry.value_span,
                    format!(
                        "`{MAX_ALLOC}` is {max_mb} MB, above the {nm} MB a NodeManager offers ({}): containers that large cannot run on any node",
                        named(conf, &nm_set)
                    ),
                )
                .help(format!("keep `{MAX_ALLOC}` at or below `{NM_MEMORY}`"))
                .anchor(format!("{MAX_ALLOC}>{NM_MEMORY}"));
        }
    }
    // The maximum counts for this cluster when it is set, or when a yarn-site.xml is in the
    // set and leaves it at its default.
    max.filter(|(s, _)| !s.is_default() || conf.has(Role::Yarn))
}

fn check_task(conf: &Conf<'_>, task: &Task, max: Option<&(Setting<'_>, i64)>, cx: &mut Ctx<'_>) {
    let memory = mb(conf, task.memory).filter(|(s, v)| *v > 0 && !(task.derived && s.is_default()));
    let Some((mem_set, mem)) = memory else {
        return;
    };
    if let Some((max_set, max_mb)) = max
        && mem > *max_mb
        && !mem_set.is_default()
        && let Some(entry) = mem_set.here()
    {
        cx.report(
                    Severity::Error,
                    entry.value_span,
                    format!(
                        "`{}` is {mem} MB, above `{MAX_ALLOC}` of {max_mb} MB ({}): YARN rejects the {} container and the job fails",
                        mem_set.key,
                        conf.origin(max_set),
                        task.what
                    ),
                )
                .help(format!("keep `{}` at or below `{MAX_ALLOC}`", mem_set.key))
                .anchor(format!("{}>{MAX_ALLOC}", mem_set.key));
        return;
    }
    let opts = conf
        .setting(task.opts)
        .filter(|s| !s.raw.is_empty() && (!s.is_default() || !task.derived))
        .or_else(|| {
            let fallback = task.fallback_opts?;
            conf.explicit(&[fallback])
        });
    let Some(opts) = opts else {
        return;
    };
    let Some(heap) = xmx_megabytes(&opts.value.text) else {
        return;
    };
    if heap < mem {
        return;
    }
    // At the -Xmx when it is written, else at the memory that is too small for the default.
    let (at, message) = if opts.is_default() {
        (
            &mem_set,
            format!(
                "`{}` is {mem} MB, not above the {heap} MB heap of `{}` (default): the {} is killed for exceeding its container's memory",
                mem_set.key, opts.key, task.what
            ),
        )
    } else {
        (
            &opts,
            format!(
                "`-Xmx` of `{}` is {heap} MB, not below the {mem} MB container of {}: the {} is killed for exceeding its container's memory",
                opts.key,
                named(conf, &mem_set),
                task.what
            ),
        )
    };
    let Some(entry) = at.here() else {
        return;
    };
    cx.report(Severity::Warning, entry.value_span, message)
        .help(format!(
            "give the heap about 80 % of the container: -Xmx{}m in {mem} MB",
            mem * 4 / 5
        ))
        .anchor(format!("{}:xmx>={}", opts.key, mem_set.key));
}

#[cfg(test)]
mod tests {
    use bdl_core::Severity::{Error, Warning};

    use super::*;
    use crate::site::testing::{check_in_dir, findings, site};

    const RULE: &YarnMapredInconsistent = &YarnMapredInconsistent;

    fn found(files: &[(&str, &str)]) -> Vec<(String, u32, Severity)> {
        findings(RULE, files)
    }

    #[test]
    fn framework_local_beside_yarn() {
        let yarn = site(&[("yarn.resourcemanager.hostname", "rm")]);
        let mapred = site(&[(FRAMEWORK, "local")]);
        let files = [
            ("yarn-site.xml", yarn.as_str()),
            ("mapred-site.xml", mapred.as_str()),
        ];
        assert_eq!(found(&files), [("mapred-site.xml".to_owned(), 3, Warning)]);
        let mapred = site(&[("mapreduce.jobhistory.address", "jh:10020")]);
        let files = [
            ("yarn-site.xml", yarn.as_str()),
            ("mapred-site.xml", mapred.as_str()),
        ];
        assert_eq!(found(&files), [("mapred-site.xml".to_owned(), 3, Warning)]);
        let d = check_in_dir(RULE, &files, "mapred-site.xml");
        assert!(
            d[0].message
                .contains("is not set in mapred-site.xml (default `local`)")
        );
        // yarn, or no yarn-site.xml, or no mapred-site.xml.
        let mapred = site(&[(FRAMEWORK, "yarn")]);
        let files = [
            ("yarn-site.xml", yarn.as_str()),
            ("mapred-site.xml", mapred.as_str()),
        ];
        assert!(found(&files).is_empty());
        let mapred = site(&[(FRAMEWORK, "local")]);
        assert!(found(&[("mapred-site.xml", &mapred)]).is_empty());
        assert!(found(&[("yarn-site.xml", &yarn)]).is_empty());
        // A template that renders its keys in a loop: the key may well be there.
        let mapred = "<configuration>\n{% for key, value in mapred_site.items() %}\n  <property><name>{{ key }}</name><value>{{ value }}</value></property>\n{% endfor %}\n</configuration>\n";
        let files = [
            ("yarn-site.xml", yarn.as_str()),
            ("mapred-site.xml", mapred),
        ];
        assert!(found(&files).is_empty());
    }

    #[test]
    fn scheduler_allocations() {
        let yarn = site(&[(MIN_ALLOC, "4096"), (MAX_ALLOC, "2048")]);
        assert_eq!(
            found(&[("yarn-site.xml", &yarn)]),
            [("yarn-site.xml".to_owned(), 4, Error)]
        );
        // Against the default maximum (8192).
        let yarn = site(&[(MIN_ALLOC, "10240")]);
        let d = check_in_dir(RULE, &[("yarn-site.xml", &yarn)], "yarn-site.xml");
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].message,
            "`yarn.scheduler.minimum-allocation-mb` is 10240 MB (line 3), above `yarn.scheduler.maximum-allocation-mb` of 8192 MB (default): the ResourceManager refuses to start"
        );
        let yarn = site(&[(MAX_ALLOC, "16384"), (NM_MEMORY, "8192")]);
        assert_eq!(
            found(&[("yarn-site.xml", &yarn)]),
            [("yarn-site.xml".to_owned(), 3, Warning)]
        );
        // Defaults are not compared with each other; detected memory is unknown.
        let yarn = site(&[(NM_MEMORY, "4096")]);
        assert!(found(&[("yarn-site.xml", &yarn)]).is_empty());
        let yarn = site(&[
            (MAX_ALLOC, "16384"),
            (NM_MEMORY, "8192"),
            (NM_DETECT, "true"),
        ]);
        assert!(found(&[("yarn-site.xml", &yarn)]).is_empty());
    }

    #[test]
    fn task_containers_against_the_maximum() {
        let yarn = site(&[(MAX_ALLOC, "4096")]);
        let mapred = site(&[
            (FRAMEWORK, "yarn"),
            ("mapreduce.map.memory.mb", "6144"),
            ("mapreduce.reduce.memory.mb", "4096"),
            ("yarn.app.mapreduce.am.resource.mb", "8192"),
        ]);
        let files = [
            ("yarn-site.xml", yarn.as_str()),
            ("mapred-site.xml", mapred.as_str()),
        ];
        assert_eq!(
            found(&files),
            [
                ("mapred-site.xml".to_owned(), 4, Error),
                ("mapred-site.xml".to_owned(), 6, Error)
            ]
        );
        let d = check_in_dir(RULE, &files, "mapred-site.xml");
        assert_eq!(
            d[0].message,
            "`mapreduce.map.memory.mb` is 6144 MB, above `yarn.scheduler.maximum-allocation-mb` of 4096 MB (yarn-site.xml:3): YARN rejects the map task container and the job fails"
        );
        // Without a yarn-site.xml, the cluster's maximum is unknown.
        assert!(found(&[("mapred-site.xml", &mapred)]).is_empty());
    }

    #[test]
    fn heap_against_the_container() {
        for (opts, hit) in [
            ("-Xmx2g", true),
            ("-Xmx2048m -XX:+UseG1GC", true),
            ("-Xmx1638m", false),
            ("-Xmx4096m -Xmx1g", false),
        ] {
            let mapred = site(&[
                ("mapreduce.map.memory.mb", "2048"),
                ("mapreduce.map.java.opts", opts),
            ]);
            let got = found(&[("mapred-site.xml", &mapred)]);
            assert_eq!(!got.is_empty(), hit, "{opts}");
            if hit {
                assert_eq!(got, [("mapred-site.xml".to_owned(), 4, Warning)]);
            }
        }
        // The shared fallback, and an unset container size (derived from the heap).
        let mapred = site(&[
            ("mapreduce.reduce.memory.mb", "1024"),
            ("mapred.child.java.opts", "-Xmx1024m"),
        ]);
        assert_eq!(
            found(&[("mapred-site.xml", &mapred)]),
            [("mapred-site.xml".to_owned(), 4, Warning)]
        );
        let mapred = site(&[("mapreduce.map.java.opts", "-Xmx4g")]);
        assert!(found(&[("mapred-site.xml", &mapred)]).is_empty());
        // The ApplicationMaster's default heap (-Xmx1024m) in a container set too small.
        let mapred = site(&[("yarn.app.mapreduce.am.resource.mb", "1024")]);
        let d = check_in_dir(RULE, &[("mapred-site.xml", &mapred)], "mapred-site.xml");
        assert_eq!(d.len(), 1);
        assert!(
            d[0].message.contains(
                "not above the 1024 MB heap of `yarn.app.mapreduce.am.command-opts` (default)"
            ),
            "{}",
            d[0].message
        );
        // Memory in yarn-site.xml, opts in mapred-site.xml: reported once, at the -Xmx.
        let yarn = site(&[("mapreduce.map.memory.mb", "1024")]);
        let mapred = site(&[(FRAMEWORK, "yarn"), ("mapreduce.map.java.opts", "-Xmx1g")]);
        let files = [
            ("yarn-site.xml", yarn.as_str()),
            ("mapred-site.xml", mapred.as_str()),
        ];
        assert_eq!(found(&files), [("mapred-site.xml".to_owned(), 4, Warning)]);
        let d = check_in_dir(RULE, &files, "mapred-site.xml");
        assert!(d[0].message.contains("(yarn-site.xml:3)"));
    }
}
