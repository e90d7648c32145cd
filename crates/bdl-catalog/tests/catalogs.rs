//! Ties every table to its source (key counts per version, as the data README states them)
//! and checks the verdicts the rules will rely on.

use std::collections::BTreeSet;
use std::path::Path;

use PatternKind::{MapEntry, Open, PassThrough, Template};
use Provenance::{Derived, Exact};
use bdl_catalog::{
    Catalog, Lookup, PatternKind, Product, Provenance, SiteFile, Version, flink, hadoop, hbase,
    spring,
};

fn v(text: &str) -> Version {
    Version::parse(text).expect("a version")
}

fn data(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data").join(rel);
    std::fs::read_to_string(&path).expect("data file")
}

/// Column `column` of each data row of a TSV file.
fn column(rel: &str, column: usize) -> Vec<String> {
    data(rel)
        .lines()
        .skip(1)
        .map(|l| l.split('\t').nth(column).unwrap_or_default().to_owned())
        .collect()
}

fn known(lookup: Lookup) -> bool {
    matches!(lookup, Lookup::Known(_))
}

fn default_of(catalog: &Catalog, key: &str) -> Option<&'static str> {
    match catalog.lookup(key) {
        Lookup::Known(info) => info.default,
        other => panic!("{key}: {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------
// Hadoop

/// `<name>` elements of a defaults file, unique.
fn property_names(rel: &str) -> BTreeSet<String> {
    let mut text = data(rel);
    while let Some(start) = text.find("<!--") {
        let end = text[start..]
            .find("-->")
            .map_or(text.len(), |e| start + e + 3);
        text.replace_range(start..end, "");
    }
    let mut names = BTreeSet::new();
    for block in text.split("<property").skip(1) {
        let Some(start) = block.find("<name>") else {
            continue;
        };
        let rest = &block[start + 6..];
        let Some(end) = rest.find("</name>") else {
            continue;
        };
        names.insert(rest[..end].trim().to_owned());
    }
    names
}

#[test]
fn hadoop_counts_match_the_defaults_files() {
    let catalog = hadoop::latest();
    assert_eq!(catalog.line(), v("3.4"));
    assert_eq!(catalog.provenance(), Provenance::Exact);
    for (file, rel, unique) in [
        (SiteFile::Core, "hadoop/core-default.xml", 459),
        (SiteFile::Hdfs, "hadoop/hdfs-default.xml", 634),
        (SiteFile::Yarn, "hadoop/yarn-default.xml", 640),
        (SiteFile::Mapred, "hadoop/mapred-default.xml", 223),
    ] {
        let names = property_names(rel);
        assert_eq!(names.len(), unique, "{rel}");
        // Every name is a key of that file, or a documented placeholder key (a pattern).
        let mut keys = 0;
        for name in &names {
            match catalog.lookup(name) {
                Lookup::Known(info) => {
                    assert!(info.files.contains(file), "{name}");
                    keys += 1;
                }
                Lookup::Deprecated { .. } => keys += 1,
                Lookup::Pattern { .. } => {}
                other => panic!("{name}: {other:?}"),
            }
        }
        let in_file = catalog
            .keys()
            .filter(|k| {
                hadoop::files_of(k).contains(file) || !matches!(catalog.lookup(k), Lookup::Known(_))
            })
            .filter(|k| names.contains(*k))
            .count();
        assert_eq!(keys, in_file, "{rel}");
    }
    // 459 + 634 + 640 + 223 names, two of them in two files, 23 placeholder names; plus the
    // 3 keys DeprecatedProperties.md lists as removed without replacement.
    assert_eq!(catalog.keys().count(), 459 + 634 + 640 + 223 - 2 - 23 + 3);
}

#[test]
fn hadoop_deprecations_are_the_union_of_both_tables() {
    let catalog = hadoop::latest();
    let mut old: BTreeSet<String> = column("hadoop/deprecated-properties.tsv", 0)
        .into_iter()
        .collect();
    old.extend(column("hadoop/deprecated-properties-code.tsv", 0));
    assert_eq!(column("hadoop/deprecated-properties.tsv", 0).len(), 228);
    assert_eq!(
        column("hadoop/deprecated-properties-code.tsv", 0).len(),
        257
    );
    for key in &old {
        assert!(
            matches!(catalog.lookup(key), Lookup::Deprecated { .. }),
            "{key}: {:?}",
            catalog.lookup(key)
        );
    }
}

#[test]
fn hadoop_defaults_of_keys_and_their_old_names() {
    assert_eq!(hadoop::default_of("dfs.replication"), Some("3"));
    assert_eq!(
        hadoop::default_of("hadoop.tmp.dir"),
        Some("/tmp/hadoop-${user.name}")
    );
    assert_eq!(
        hadoop::default_of("dfs.name.dir"),
        Some("file://${hadoop.tmp.dir}/dfs/name")
    );
    assert_eq!(
        hadoop::default_of("mapreduce.framework.name"),
        Some("local")
    );
    assert_eq!(
        hadoop::default_of("dfs.namenode.shared.edits.dir"),
        Some("")
    );
    assert_eq!(hadoop::default_of("dfs.no.such.key"), None);
    assert_eq!(hadoop::default_of("dfs.namenode.rpc-address.ns1.nn1"), None);
}

#[test]
fn hadoop_spot_checks() {
    let catalog = hadoop::catalog(v("3.4.1")).expect("3.4");
    assert_eq!(default_of(catalog, "dfs.replication"), Some("3"));
    assert_eq!(default_of(catalog, "fs.defaultFS"), Some("file:///"));
    assert_eq!(
        catalog.lookup("dfs.name.dir"),
        Lookup::Deprecated {
            replacement: Some("dfs.namenode.name.dir"),
            since: None
        }
    );
    assert_eq!(
        catalog.lookup("fs.default.name"),
        Lookup::Deprecated {
            replacement: Some("fs.defaultFS"),
            since: None
        }
    );
    assert_eq!(
        catalog.lookup("dfs.block.size"),
        Lookup::Deprecated {
            replacement: Some("dfs.blocksize"),
            since: None
        }
    );
    // Removed without replacement in DeprecatedProperties.md.
    assert_eq!(
        catalog.lookup("mapred.create.symlink"),
        Lookup::Deprecated {
            replacement: None,
            since: None
        }
    );
    // Of two registered replacements, the documented one.
    assert_eq!(
        catalog.lookup("dfs.replication.interval"),
        Lookup::Deprecated {
            replacement: Some("dfs.namenode.redundancy.interval.seconds"),
            since: None
        }
    );
    assert_eq!(catalog.lookup("dfs.replicaton"), Lookup::Unknown);
    assert_eq!(catalog.suggest("dfs.replicaton"), Some("dfs.replication"));
    assert_eq!(
        catalog.suggest("dfs.namenode.name.dirs"),
        Some("dfs.namenode.name.dir")
    );
    assert_eq!(catalog.suggest("completely.different.key"), None);
}

#[test]
fn hadoop_knows_which_site_file_a_key_belongs_in() {
    let files = |k| hadoop::files_of(k).iter().collect::<Vec<_>>();
    assert_eq!(files("dfs.replication"), [SiteFile::Hdfs]);
    assert_eq!(files("fs.defaultFS"), [SiteFile::Core]);
    assert_eq!(files("yarn.resourcemanager.hostname"), [SiteFile::Yarn]);
    assert_eq!(files("mapreduce.framework.name"), [SiteFile::Mapred]);
    // Deprecated keys follow their replacement.
    assert_eq!(files("dfs.name.dir"), [SiteFile::Hdfs]);
    // Documented in two files.
    assert_eq!(
        files("dfs.ha.fencing.methods"),
        [SiteFile::Core, SiteFile::Hdfs]
    );
    assert!(hadoop::files_of("no.such.key").is_empty());
    assert_eq!(
        SiteFile::from_file_name("/etc/hadoop/conf/hdfs-site.xml"),
        Some(SiteFile::Hdfs)
    );
    assert_eq!(SiteFile::from_file_name("hdfs-default.xml"), None);
}

#[test]
fn hadoop_patterns() {
    let catalog = hadoop::latest();
    let pattern = |k| match catalog.lookup(k) {
        Lookup::Pattern { template, kind } => (template, kind),
        other => panic!("{k}: {other:?}"),
    };
    for (key, template, kind) in [
        (
            "dfs.namenode.rpc-address.ns1.nn1",
            "dfs.<key>.<nameservice>.<namenode>",
            Template,
        ),
        (
            "dfs.namenode.http-address.ns1.nn2",
            "dfs.<key>.<nameservice>.<namenode>",
            Template,
        ),
        (
            "dfs.namenode.shared.edits.dir.ns1",
            "dfs.<key>.<nameservice>",
            Template,
        ),
        (
            "dfs.ha.automatic-failover.enabled.ns1",
            "dfs.<key>.<nameservice>",
            Template,
        ),
        (
            "dfs.ha.namenodes.ns1",
            "dfs.ha.namenodes.<nameservice>",
            Template,
        ),
        (
            "dfs.client.failover.proxy.provider.ns1",
            "dfs.client.failover.<key>.<nameservice>",
            Template,
        ),
        (
            "yarn.resourcemanager.hostname.rm1",
            "yarn.resourcemanager.<key>.<rm-id>",
            Template,
        ),
        (
            "yarn.resourcemanager.webapp.address.rm2",
            "yarn.resourcemanager.<key>.<rm-id>",
            Template,
        ),
        ("fs.hdfs.impl", "fs.<scheme>.impl", Template),
        (
            "fs.s3a.bucket.logs.endpoint",
            "fs.s3a.bucket.<bucket>.*",
            Template,
        ),
        (
            "fs.s3a.bucket.logs.assumed.role.arn",
            "fs.s3a.bucket.<bucket>.*",
            Template,
        ),
        (
            "hadoop.proxyuser.hue.hosts",
            "hadoop.proxyuser.<user>.hosts",
            Template,
        ),
        (
            "hadoop.proxyuser.hue.groups",
            "hadoop.proxyuser.<user>.groups",
            Template,
        ),
        (
            "ipc.8020.backoff.enable",
            "ipc.<port_number>.backoff.enable",
            Template,
        ),
        ("fs.s3a.endpoint.region", "fs.s3a.*", Open),
        (
            "yarn.scheduler.capacity.root.queues",
            "yarn.scheduler.capacity.*",
            Open,
        ),
    ] {
        assert_eq!(pattern(key), (template, kind), "{key}");
    }
    // A typo in a suffixable key or in an id-less key is still unknown.
    assert_eq!(
        catalog.lookup("dfs.namenode.rpc-adress.ns1.nn1"),
        Lookup::Unknown
    );
    assert_eq!(catalog.lookup("dfs.replication.ns1.nn1"), Lookup::Unknown);
    assert_eq!(
        catalog.lookup("hadoop.proxyuser.hue.hostz"),
        Lookup::Unknown
    );
}

// ---------------------------------------------------------------------------------------
// HBase

#[test]
fn hbase_counts_and_deprecations() {
    let v26 = hbase::catalog(v("2.6.7")).expect("2.6");
    let v30 = hbase::catalog(v("3.0.0")).expect("3.0");
    assert_eq!(property_names("hbase/hbase-default.xml").len(), 234);
    assert_eq!(property_names("hbase/hbase-default-3.0.0.xml").len(), 237);
    assert_eq!(v26.keys().count(), 234);
    assert_eq!(v30.keys().count(), 237);
    let deprecated = column("hbase/deprecated-keys-code.tsv", 0);
    assert_eq!(deprecated.len(), 12);
    for key in &deprecated {
        for catalog in [v26, v30] {
            assert!(
                matches!(
                    catalog.lookup(key),
                    Lookup::Deprecated {
                        replacement: Some(_),
                        ..
                    }
                ),
                "{key} {}",
                catalog.line()
            );
        }
    }
    assert_eq!(
        v26.lookup("hbase.regionserver.hostname"),
        Lookup::Deprecated {
            replacement: Some("hbase.unsafe.regionserver.hostname"),
            since: None
        }
    );
    assert_eq!(default_of(v26, "hbase.zookeeper.quorum"), Some("127.0.0.1"));
    assert_eq!(
        default_of(v26, "hbase.rootdir"),
        Some("${hbase.tmp.dir}/hbase")
    );
    let Lookup::Known(info) = v30.lookup("hbase.rootdir") else {
        panic!()
    };
    assert!(info.files.contains(SiteFile::Hbase));
}

#[test]
fn hbase_lines_differ_and_hadoop_keys_pass_through() {
    let (v26, v30) = (hbase::catalog(v("2.6")).expect("modelled"), hbase::latest());
    let only_26: Vec<_> = v26.keys().filter(|k| !known(v30.lookup(k))).collect();
    let only_30: Vec<_> = v30.keys().filter(|k| !known(v26.lookup(k))).collect();
    assert!(!only_30.is_empty());
    for key in &only_30 {
        assert_eq!(v26.lookup(key), Lookup::NotYet { since: v("3.0") }, "{key}");
    }
    for key in &only_26 {
        assert!(matches!(v30.lookup(key), Lookup::Removed { .. }), "{key}");
    }
    assert!(matches!(
        v26.lookup("dfs.replication"),
        Lookup::Pattern {
            kind: PatternKind::PassThrough,
            ..
        }
    ));
    assert!(matches!(
        v26.lookup("hbase.zookeeper.property.someZooKeeperSetting"),
        Lookup::Pattern {
            kind: PatternKind::PassThrough,
            ..
        }
    ));
    assert_eq!(v26.lookup("hbase.zookeeper.qourum"), Lookup::Unknown);
    assert_eq!(
        v26.suggest("hbase.zookeeper.qourum"),
        Some("hbase.zookeeper.quorum")
    );
}

// ---------------------------------------------------------------------------------------
// Flink

#[test]
fn flink_documented_options_per_version() {
    let versions = column("flink/flink-options.tsv", 5);
    let keys = column("flink/flink-options.tsv", 0);
    let rows_1_20 = versions.iter().filter(|v| v.contains("1.20")).count();
    let rows_2_0 = versions.iter().filter(|v| v.contains("2.0")).count();
    assert_eq!((rows_1_20, rows_2_0), (778, 878));
    let exact = [(v("1.20"), "1.20"), (v("2.0"), "2.0")];
    for (line, tag) in exact {
        let catalog = flink::catalog(line).expect("exact line");
        assert_eq!(catalog.provenance(), Provenance::Exact);
        for (key, versions) in keys.iter().zip(&versions) {
            let key = match key.as_str() {
                // The SQL Gateway REST table lists its options without their prefix.
                "address" | "bind-address" | "bind-port" | "port" => {
                    format!("sql-gateway.endpoint.rest.{key}")
                }
                _ => key.clone(),
            };
            let probe = key
                .replace("<name>", "x")
                .replace("<resource_name>", "gpu")
                .replace("<serviceName>", "hbase")
                .replace("<parameter>", "a.b")
                .replace("<param>", "p")
                .replace("<key>", "k")
                .replace('#', "f");
            let found = catalog.lookup(&probe);
            if versions.contains(tag) {
                assert!(
                    matches!(
                        found,
                        Lookup::Known(_) | Lookup::Pattern { .. } | Lookup::Deprecated { .. }
                    ),
                    "{probe} in {line}: {found:?}"
                );
            } else {
                assert!(!known(found), "{probe} in {line}: {found:?}");
            }
        }
    }
}

#[test]
fn flink_every_key_comes_from_a_source() {
    let mut sourced: BTreeSet<String> = column("flink/flink-options.tsv", 0).into_iter().collect();
    for key in ["address", "bind-address", "bind-port", "port"] {
        sourced.insert(format!("sql-gateway.endpoint.rest.{key}"));
    }
    sourced.extend(column("flink/flink-deprecated-keys.tsv", 0));
    sourced.extend(column("flink/flink-deprecated-keys.tsv", 1));
    sourced.extend(column("flink/renamed-keys-1.20.tsv", 0));
    sourced.extend(column("flink/removed-keys-2.0.tsv", 0));
    // Added from the 2.1 and 2.2 release notes.
    sourced.insert("table.optimizer.multi-join.enabled".to_owned());
    sourced.insert("historyserver.archive.retained-ttl".to_owned());
    for catalog in Catalog::lines(Product::Flink) {
        for key in catalog.keys() {
            assert!(sourced.contains(key), "{key} in {}", catalog.line());
        }
    }
}

#[test]
fn flink_lines_and_provenance() {
    let lines: Vec<(String, Provenance)> = Catalog::lines(Product::Flink)
        .iter()
        .map(|c| (c.line().to_string(), c.provenance()))
        .collect();
    assert_eq!(
        lines,
        [
            ("1.18".to_owned(), Derived),
            ("1.19".to_owned(), Derived),
            ("1.20".to_owned(), Exact),
            ("2.0".to_owned(), Exact),
            ("2.1".to_owned(), Derived),
            ("2.2".to_owned(), Derived),
        ]
    );
    assert_eq!(
        flink::catalog(v("2.0-SNAPSHOT")).map(Catalog::line),
        Some(v("2.0"))
    );
    assert!(flink::catalog(v("1.17.2")).is_none());
    assert_eq!(flink::nearest(v("1.17.2")).line(), v("1.18"));
    assert_eq!(flink::nearest(v("2.3.0")).line(), v("2.2"));
    assert_eq!(flink::latest().line(), v("2.2"));
}

#[test]
fn flink_spot_checks() {
    let f = |t| flink::catalog(v(t)).expect("modelled");
    for line in ["1.18", "1.19", "1.20", "2.0", "2.1", "2.2"] {
        let Lookup::Known(info) = f(line).lookup("execution.checkpointing.interval") else {
            panic!("{line}")
        };
        assert_eq!((info.ty, info.default), (Some("Duration"), None));
        assert_eq!(
            f(line).lookup("state.backend"),
            Lookup::Deprecated {
                replacement: Some("state.backend.type"),
                since: None
            },
            "{line}"
        );
    }
    // The 2.0 release notes list `state.backend.type` as removed, but 2.0 documents it.
    assert!(known(f("2.0").lookup("state.backend.type")));
    assert_eq!(
        default_of(f("2.0"), "state.backend.type"),
        Some("\"hashmap\"")
    );
    // FLINK-34255: own options in 1.19, deprecated from 1.20.
    assert!(known(f("1.19").lookup("state.checkpoints.dir")));
    let renamed = Lookup::Deprecated {
        replacement: Some("execution.checkpointing.dir"),
        since: Some(v("1.20")),
    };
    assert_eq!(f("1.20").lookup("state.checkpoints.dir"), renamed);
    assert_eq!(f("2.0").lookup("state.checkpoints.dir"), renamed);
    assert_eq!(
        f("1.19").lookup("execution.checkpointing.dir"),
        Lookup::NotYet { since: v("1.20") }
    );
    assert_eq!(
        f("1.19").lookup("state.backend.fs.checkpointdir"),
        Lookup::Deprecated {
            replacement: Some("state.checkpoints.dir"),
            since: None
        }
    );
}

#[test]
fn flink_removals_renames_and_additions() {
    let f = |t| flink::catalog(v(t)).expect("modelled");
    // Removed in 2.0.
    for key in [
        "taskmanager.heap.size",
        "state.backend.async",
        "web.backpressure.num-samples",
    ] {
        assert!(
            matches!(f("1.20").lookup(key), Lookup::Deprecated { .. }),
            "{key}"
        );
        assert!(
            matches!(f("2.0").lookup(key), Lookup::Removed { in_version, .. } if in_version == v("2.0")),
            "{key}"
        );
        assert!(
            matches!(f("2.2").lookup(key), Lookup::Removed { .. }),
            "{key}"
        );
    }
    assert_eq!(
        f("2.0").lookup("state.backend.rocksdb.checkpointdir"),
        Lookup::Removed {
            in_version: v("2.0"),
            hint: Some("state.backend.rocksdb.localdir")
        }
    );
    // Still an alias in 2.0 although the release notes list it as removed.
    assert_eq!(
        f("2.0").lookup("web.port"),
        Lookup::Deprecated {
            replacement: Some("rest.bind-port"),
            since: None
        }
    );
    // akka.* became pekko.* in 1.19.
    assert!(known(f("1.18").lookup("akka.ask.timeout")));
    assert_eq!(
        f("1.18").lookup("pekko.ask.timeout"),
        Lookup::NotYet { since: v("1.19") }
    );
    assert_eq!(
        f("1.19").lookup("akka.ask.timeout"),
        Lookup::Deprecated {
            replacement: Some("pekko.ask.timeout"),
            since: Some(v("1.19"))
        }
    );
    // 2.0-only keys are not 1.20 keys; 2.1 additions are not 2.0 keys.
    let only_20 = f("2.0")
        .keys()
        .find(|k| f("1.20").exists_in(k).iter().all(|l| l >= v("2.0")));
    let only_20 = only_20.expect("some key new in 2.0");
    assert_eq!(
        f("1.20").lookup(only_20),
        Lookup::NotYet { since: v("2.0") }
    );
    assert_eq!(
        f("2.0").lookup("table.optimizer.multi-join.enabled"),
        Lookup::NotYet { since: v("2.1") }
    );
    assert!(known(f("2.1").lookup("table.optimizer.multi-join.enabled")));
    assert!(known(f("2.2").lookup("historyserver.archive.retained-ttl")));
    // exists_in
    let lines: Vec<Version> = f("2.0").exists_in("state.checkpoints.dir").iter().collect();
    assert_eq!(lines.len(), 6);
    let lines: Vec<Version> = f("1.18")
        .exists_in("taskmanager.heap.size")
        .iter()
        .collect();
    assert_eq!(lines, [v("1.18"), v("1.19"), v("1.20")]);
    assert!(
        f("2.0")
            .exists_in("execution.checkpointing.intervall")
            .is_empty()
    );
}

#[test]
fn flink_typos_get_suggestions() {
    let c = flink::catalog(v("1.20")).expect("modelled");
    for (typo, meant) in [
        (
            "execution.checkpointing.intervall",
            "execution.checkpointing.interval",
        ),
        (
            "execution.checkpointing.inetrval",
            "execution.checkpointing.interval",
        ),
        ("state.backend.tpye", "state.backend.type"),
        (
            "taskmanager.numberOfTaskSlot",
            "taskmanager.numberOfTaskSlots",
        ),
        ("parallelism.defualt", "parallelism.default"),
        (
            "exection.checkpointing.interval",
            "execution.checkpointing.interval",
        ),
    ] {
        assert_eq!(c.lookup(typo), Lookup::Unknown, "{typo}");
        assert_eq!(c.suggest(typo), Some(meant), "{typo}");
    }
    assert_eq!(c.suggest("state.totally.different"), None);
}

#[test]
fn flink_patterns() {
    let c = flink::catalog(v("1.20")).expect("modelled");
    let kind = |k| match c.lookup(k) {
        Lookup::Pattern { kind, .. } => kind,
        other => panic!("{k}: {other:?}"),
    };
    assert_eq!(kind("metrics.reporter.prom.factory.class"), Template);
    assert_eq!(kind("metrics.reporter.prom.port"), Template);
    assert_eq!(kind("traces.reporter.otel.factory.class"), Template);
    assert_eq!(kind("external-resource.gpu.amount"), Template);
    assert_eq!(kind("flink.hadoop.dfs.replication"), PassThrough);
    assert_eq!(
        kind("flink.yarn.resourcemanager.am.max-attempts"),
        PassThrough
    );
    assert_eq!(kind("flink.hbase.zookeeper.quorum"), PassThrough);
    assert_eq!(kind("env.java.opts.custom"), Template);
    assert_eq!(kind("containerized.master.env.JAVA_HOME"), Template);
    assert_eq!(kind("kubernetes.jobmanager.labels.team"), MapEntry);
    assert_eq!(kind("kubernetes.taskmanager.node-selector.disk"), MapEntry);
    assert_eq!(kind("pipeline.global-job-parameters.region"), MapEntry);
    assert_eq!(kind("s3.endpoint"), Open);
    assert_eq!(kind("fs.s3a.connection.maximum"), Open);
    assert_eq!(kind("table.exec.hive.infer-source-parallelism.mode"), Open);
    // Documented keys win over patterns; a typo under a non-map key is unknown.
    assert!(known(c.lookup("env.java.opts.all")));
    assert!(known(c.lookup("kubernetes.jobmanager.labels")));
    assert_eq!(
        c.lookup("kubernetes.jobmanager.cpu.amount.x"),
        Lookup::Unknown
    );
}

// ---------------------------------------------------------------------------------------
// Spring Boot: Redis and datasource keys

#[test]
fn spring_counts_and_lines() {
    assert_eq!(column("spring/redis-keys.tsv", 0).len(), 78);
    // 34 / 36 / 43 Redis keys and 21 / 10 / 11 datasource keys.
    let all: Vec<_> = Catalog::lines(Product::SpringBoot)
        .iter()
        .map(|c| (c.line().to_string(), c.keys().count()))
        .collect();
    assert_eq!(
        all,
        [
            ("2.7".to_owned(), 55),
            ("3.5".to_owned(), 46),
            ("4.1".to_owned(), 54)
        ]
    );
    assert_eq!(spring::nearest(v("3.2.1")).line(), v("3.5"));
    assert_eq!(spring::nearest(v("2.1.0.RELEASE")).line(), v("2.7"));
}

#[test]
fn spring_redis_keys_moved_in_boot_3() {
    let boot2 = spring::catalog(v("2.7.18")).expect("modelled");
    let boot3 = spring::nearest(v("3.1.0"));
    let boot4 = spring::latest();
    assert_eq!(default_of(boot2, "spring.redis.host"), Some("localhost"));
    for c in [boot3, boot4] {
        assert_eq!(
            c.lookup("spring.redis.host"),
            Lookup::Removed {
                in_version: v("3.0"),
                hint: Some("spring.data.redis.host")
            }
        );
        // The pool keys have no official replacement; the hint is the obvious counterpart.
        assert_eq!(
            c.lookup("spring.redis.jedis.pool.max-active"),
            Lookup::Removed {
                in_version: v("3.0"),
                hint: Some("spring.data.redis.jedis.pool.max-active")
            }
        );
        assert_eq!(default_of(c, "spring.data.redis.port"), Some("6379"));
    }
    assert_eq!(
        boot2.lookup("spring.data.redis.host"),
        Lookup::NotYet { since: v("3.5") }
    );
    // Relaxed binding and list indices.
    let Lookup::Known(info) = boot3.lookup("spring.data.redis.clientType") else {
        panic!()
    };
    assert_eq!(info.key, "spring.data.redis.client-type");
    assert!(known(boot3.lookup("spring.data.redis.client_name")));
    assert!(known(boot3.lookup("spring.data.redis.cluster.nodes[0]")));
    assert!(known(
        boot3.lookup("spring.data.redis.lettuce.pool.maxActive")
    ));
    // Other Spring keys are not this catalog's business.
    assert_eq!(boot3.lookup("spring.jpa.show-sql"), Lookup::OutOfScope);
    assert_eq!(boot3.lookup("spring.data.redis.hots"), Lookup::Unknown);
    assert_eq!(
        boot3.suggest("spring.data.redis.hots"),
        Some("spring.data.redis.host")
    );
    assert_eq!(
        boot4.lookup("spring.data.redis.lettuce.cluster.refresh.adaptive"),
        Lookup::Removed {
            in_version: v("4.1"),
            hint: None
        }
    );
}

/// The rows of `spring/datasource-keys.tsv` as (key, kind, `current_in`), below its notes.
fn datasource_rows() -> Vec<(String, String, String)> {
    data("spring/datasource-keys.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f[0].to_owned(), f[1].to_owned(), f[4].to_owned())
        })
        .collect()
}

#[test]
fn spring_datasource_counts_follow_the_data() {
    let rows = datasource_rows();
    assert_eq!(rows.len(), 28);
    let prefixes: Vec<&str> = rows
        .iter()
        .filter(|r| r.1 != "key")
        .map(|r| r.0.as_str())
        .collect();
    assert_eq!(
        prefixes,
        [
            "spring.datasource.dbcp2",
            "spring.datasource.hikari",
            "spring.datasource.oracleucp",
            "spring.datasource.tomcat",
            "spring.datasource.xa.properties"
        ]
    );
    // Keys bound per release, from the data, against the catalog lines.
    for (release, expected) in [("2.7.18", 21), ("3.5.16", 10), ("4.1.1", 11)] {
        let in_data = rows
            .iter()
            .filter(|r| r.1 == "key" && r.2.split(',').any(|x| x == release))
            .count();
        assert_eq!(in_data, expected, "{release}");
        let catalog = spring::catalog(v(release)).expect("modelled");
        let in_catalog = catalog
            .keys()
            .filter(|k| k.starts_with("spring.datasource."))
            .count();
        assert_eq!(in_catalog, expected, "{release}");
    }
}

#[test]
fn spring_datasource_verdicts() {
    let boot2 = spring::catalog(v("2.7.18")).expect("modelled");
    let boot3 = spring::nearest(v("3.3.4"));
    let boot4 = spring::latest();
    for c in [boot2, boot3, boot4] {
        assert!(known(c.lookup("spring.datasource.url")));
        assert!(known(c.lookup("spring.datasource.driverClassName")));
        assert!(known(
            c.lookup("spring.datasource.xa.data-source-class-name")
        ));
        assert_eq!(
            default_of(c, "spring.datasource.generate-unique-name"),
            Some("true")
        );
        // Pool settings are the pool's own setters: a documented prefix, never unknown.
        for key in [
            "spring.datasource.hikari.maximum-pool-size",
            "spring.datasource.hikari.maximumPoolSize",
            "spring.datasource.hikari.data-source-properties.cachePrepStmts",
            "spring.datasource.tomcat.max-active",
            "spring.datasource.dbcp2.max-total",
            "spring.datasource.oracleucp.min-pool-size",
        ] {
            assert!(
                matches!(c.lookup(key), Lookup::Pattern { kind: Open, .. }),
                "{key}"
            );
        }
        assert!(matches!(
            c.lookup("spring.datasource.xa.properties.serverName"),
            Lookup::Pattern { kind: Template, .. }
        ));
        // Moved to the Tomcat pool long before any modelled line.
        assert_eq!(
            c.lookup("spring.datasource.jmx-enabled"),
            Lookup::Removed {
                in_version: v("2.2"),
                hint: Some("spring.datasource.tomcat.jmx-enabled")
            }
        );
        assert_eq!(c.lookup("spring.datasource.usrname"), Lookup::Unknown);
        assert_eq!(
            c.suggest("spring.datasource.usrname"),
            Some("spring.datasource.username")
        );
    }
    // The script initialisation keys: deprecated in 2.5, no longer bound from 3.0.
    assert_eq!(
        boot2.lookup("spring.datasource.initialization-mode"),
        Lookup::Deprecated {
            replacement: Some("spring.sql.init.mode"),
            since: Some(v("2.5"))
        }
    );
    for c in [boot3, boot4] {
        assert_eq!(
            c.lookup("spring.datasource.schema"),
            Lookup::Removed {
                in_version: v("3.0"),
                hint: Some("spring.sql.init.schema-locations")
            }
        );
    }
    // New in 4.1.
    assert_eq!(
        boot3.lookup("spring.datasource.connection-fetch"),
        Lookup::NotYet { since: v("4.1") }
    );
    assert_eq!(
        default_of(boot4, "spring.datasource.connection-fetch"),
        Some("eager")
    );
}

// ---------------------------------------------------------------------------------------
// Across products

#[test]
fn namespaces_come_from_the_keys() {
    let c = flink::latest();
    for segment in [
        "execution",
        "state",
        "taskmanager",
        "restart-strategy",
        "high-availability",
        "pekko",
        "akka",
        "table",
        "pipeline",
    ] {
        assert!(c.has_namespace(segment), "{segment}");
    }
    for segment in ["kafka", "fs.defaultFS", "", "my-app", "dfs", "execution."] {
        assert!(!c.has_namespace(segment), "{segment}");
    }
    assert!(hadoop::latest().has_namespace("dfs"));
}

#[test]
fn unknown_only_for_keys_no_line_knows() {
    for product in [
        Product::Flink,
        Product::Hadoop,
        Product::Hbase,
        Product::SpringBoot,
    ] {
        let lines = Catalog::lines(product);
        let every_key: BTreeSet<&str> = lines.iter().flat_map(Catalog::keys).collect();
        for catalog in lines {
            for key in &every_key {
                let found = catalog.lookup(key);
                assert!(
                    !found.is_unknown(),
                    "{key} in {} {}",
                    product.name(),
                    catalog.line()
                );
                assert!(
                    !catalog.exists_in(key).is_empty() || matches!(found, Lookup::Removed { .. })
                );
            }
        }
    }
}

#[test]
fn suggestions_are_current_keys_and_deterministic() {
    let c = flink::latest();
    let typo = "taskmanager.memory.proces.size";
    let first = c.suggest(typo);
    assert_eq!(first, Some("taskmanager.memory.process.size"));
    assert_eq!(c.suggest(typo), first);
    assert!(known(c.lookup(first.expect("modelled"))));
}

#[test]
fn alias_targets_list_every_option_an_old_key_stands_for() {
    let v2 = flink::catalog(Version::new(2, 0)).expect("2.0 is modelled");
    assert_eq!(
        v2.alias_targets("state.checkpoints.dir"),
        ["execution.checkpointing.dir"]
    );
    let mut both = v2.alias_targets("state.backend.local-recovery");
    both.sort_unstable();
    assert_eq!(
        both,
        [
            "execution.checkpointing.local-backup.enabled",
            "execution.state-recovery.from-local"
        ]
    );
    assert!(v2.alias_targets("state.backend.type").is_empty());
    // Aliases of 1.20 only are not aliases in 2.0.
    let v1_20 = flink::catalog(Version::new(1, 20)).expect("1.20 is modelled");
    assert_eq!(v1_20.alias_targets("jobmanager.web.port").len(), 2);
    assert_eq!(v2.alias_targets("jobmanager.web.port"), ["rest.bind-port"]);
}
