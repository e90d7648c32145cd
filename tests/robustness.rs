//! Garbage in never crashes: random bytes, truncated fixtures, invalid UTF-8 and 10,000-level
//! nesting go through every parser and every rule. Each case ends in findings or silence, never
//! a panic or a stack overflow (either would abort this test binary).

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// Every file name whose kind bigdata-lint reads.
const NAMES: &[&str] = &[
    "Job.java",
    "flink-conf.yaml",
    "config.yaml",
    "checkpoints.sql",
    "hdfs-site.xml",
    "application.properties",
    "application.yml",
    "spark-defaults.conf",
    "pom.xml",
    "build.gradle.kts",
    "build.gradle",
];

/// Words that get every rule past the prefilter, so the parsers and rules really run.
const TRIGGERS: &str = "execution.checkpointing.interval enableCheckpointing allowedLateness \
                        getTable getAdmin setMaxTotal max-active dfs.replication setReplication \
                        flink-connector-kafka\n";

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write case");
    path
}

#[test]
fn random_bytes_in_every_file_kind() {
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    let alphabet: &[u8] = b"{}[]()<>:;=,.'\"#-/*\\ \t\n\r\x00\xff\xc3abcxyz0123456789&!?$%@`|";
    for round in 0..40 {
        let dir = tempfile::tempdir().expect("tempdir");
        for name in NAMES {
            let len = (rng.next() % 2000) as usize;
            let mut bytes = TRIGGERS.as_bytes().to_vec();
            for _ in 0..len {
                let r = rng.next();
                // Mostly structural characters, sometimes any byte.
                bytes.push(if r.is_multiple_of(4) {
                    (r >> 8) as u8
                } else {
                    alphabet[(r >> 8) as usize % alphabet.len()]
                });
            }
            write(dir.path(), name, &bytes);
        }
        let result = common::lint(&[dir.path().to_path_buf()]);
        assert_eq!(result.files_checked, NAMES.len(), "round {round}");
    }
}

#[test]
fn truncated_fixtures() {
    let testdata = common::root().join("testdata");
    let mut files = Vec::new();
    for code in std::fs::read_dir(&testdata).expect("testdata") {
        for side in ["bad", "good"] {
            // Fixtures may sit in folders (`k8s/`, `helm/templates/`).
            let mut pending = vec![code.as_ref().expect("entry").path().join(side)];
            while let Some(dir) = pending.pop() {
                let Ok(entries) = std::fs::read_dir(&dir) else {
                    continue;
                };
                for path in entries.map(|e| e.expect("entry").path()) {
                    if path.is_dir() {
                        pending.push(path);
                    } else {
                        files.push(path);
                    }
                }
            }
        }
    }
    assert!(!files.is_empty());
    for file in files {
        let bytes = std::fs::read(&file).expect("read fixture");
        let name = file
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let dir = tempfile::tempdir().expect("tempdir");
        for cut in 1..8 {
            let at = bytes.len() * cut / 8;
            let sub = dir.path().join(cut.to_string());
            std::fs::create_dir_all(&sub).expect("mkdir");
            write(&sub, &name, &bytes[..at]);
        }
        common::lint(&[dir.path().to_path_buf()]);
    }
}

#[test]
fn invalid_utf8_bom_and_line_endings() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "flink-conf.yaml",
        b"\xef\xbb\xbfexecution.checkpointing.interval: 1s\r\nstate.backend: \xff\xfe\r",
    );
    write(
        dir.path(),
        "application.properties",
        b"spring.redis.jedis.pool.max-active=\xb2\xe2\xca\xd4\nname=\xd6\xd0\xce\xc4\r\n",
    );
    write(
        dir.path(),
        "Job.java",
        b"class A { void m() { env.enableCheckpointing(1\xff000); } }\r",
    );
    let result = common::lint(&[dir.path().to_path_buf()]);
    assert_eq!(result.files_checked, 3);
    // The BOM is not part of the first line: the finding is at column 35 of line 1.
    if let Some(d) = result.diagnostics.iter().find(|d| d.code == "FLK001") {
        assert_eq!((d.start.line, d.start.column), (1, 35));
    }
}

#[test]
fn ten_thousand_levels_of_nesting() {
    let depth = 10_000;
    let dir = tempfile::tempdir().expect("tempdir");
    let java = format!(
        "class A {{ void m() {{ env.enableCheckpointing({}1000{}); }} }}",
        "(".repeat(depth),
        ")".repeat(depth)
    );
    write(dir.path(), "Job.java", java.as_bytes());
    let mut blocks = String::from("class B { void m() {");
    blocks.push_str(&"{ if (x) ".repeat(depth));
    blocks.push_str("conn.getTable(t);");
    blocks.push_str(&"}".repeat(depth));
    blocks.push_str("} }");
    write(dir.path(), "Blocks.java", blocks.as_bytes());
    // Block sequences nest one level per "- " on a single line; nested maps would need an
    // indentation that grows to a 50 MB file, above the size limit.
    let yaml = format!(
        "execution.checkpointing.interval: 1s\nk:\n{}x\n",
        "- ".repeat(depth)
    );
    write(dir.path(), "config.yaml", yaml.as_bytes());
    let flow = format!("execution: {}1{}\n", "[".repeat(depth), "]".repeat(depth));
    write(
        dir.path(),
        "application.yml",
        format!("spring.redis.jedis.pool.max-active: 1\n{flow}").as_bytes(),
    );
    let xml = format!(
        "<configuration><property><name>dfs.replication</name><value>1</value></property>{}{}</configuration>",
        "<a>".repeat(depth),
        "</a>".repeat(depth)
    );
    write(dir.path(), "hdfs-site.xml", xml.as_bytes());
    let sql = format!(
        "SET 'execution.checkpointing.interval' = '1s';\nSELECT {}1{};",
        "(".repeat(depth),
        ")".repeat(depth)
    );
    write(dir.path(), "checkpoints.sql", sql.as_bytes());
    let result = common::lint(&[dir.path().to_path_buf()]);
    assert_eq!(result.files_checked, 6);
}

#[test]
fn yaml_alias_bomb_and_xml_entities_are_harmless() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut bomb = String::from(
        "execution.checkpointing.interval: 2min\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let mut prev = 'a';
    for name in 'b'..='z' {
        let refs = vec![format!("*{prev}"); 9].join(",");
        let _ = writeln!(bomb, "{name}: &{name} [{refs}]");
        prev = name;
    }
    write(dir.path(), "config.yaml", bomb.as_bytes());
    let xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE c [<!ENTITY xxe SYSTEM \"file:///etc/passwd\"><!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>\n<configuration><property><name>dfs.replication</name><value>&xxe;&lol2;</value></property></configuration>\n";
    write(dir.path(), "hdfs-site.xml", xxe.as_bytes());
    let result = common::lint(&[dir.path().to_path_buf()]);
    assert_eq!(result.files_checked, 2);
    for d in &result.diagnostics {
        assert!(
            !d.message.contains("root:"),
            "an external entity was read: {}",
            d.message
        );
    }
}

#[test]
fn the_binary_survives_garbage_with_a_defined_exit_code() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "Job.java",
        b"\x00\x01\x02 enableCheckpointing \xff\xfe",
    );
    write(dir.path(), "flink-conf.yaml", b"");
    write(
        dir.path(),
        "hdfs-site.xml",
        b"<configuration><property><name>dfs.replication",
    );
    let status = Command::cargo_bin("bigdata-lint")
        .expect("binary")
        .arg(dir.path())
        .output()
        .expect("runs")
        .status;
    assert!(matches!(status.code(), Some(0 | 1)), "{status:?}");
}

mod isolation {
    use bdl_core::{Ctx, RuleMeta, declare_rule};
    use bdl_syntax::{JavaFile, Rule};
    use bigdata_lint::cli::{EXIT_ERROR, exit_code};
    use bigdata_lint::engine::{self, RunOptions};
    use bigdata_lint::registry;

    declare_rule! {
        /// A rule with a bug: it panics on every Java file.
        pub Panicking {
            code: "TST001",
            name: "panicking-rule",
            summary: "panics",
            severity: Error,
            kinds: [Java],
            triggers: [],
            options: [],
        }
    }

    impl Rule for Panicking {
        fn meta(&self) -> &'static RuleMeta {
            &Self::META
        }
        fn check_java(&self, _file: &JavaFile<'_>, _cx: &mut Ctx<'_>) {
            panic!("index out of bounds in a test rule");
        }
    }

    static PANICKING: Panicking = Panicking;

    #[test]
    fn a_panicking_rule_is_reported_and_the_run_goes_on() {
        let mut rules = registry::all_rules();
        rules.push(&PANICKING);
        let options = RunOptions {
            paths: vec![super::common::root().join("testdata/FLK001/bad")],
            list_checked_files: true,
            ..RunOptions::default()
        };
        let result = engine::run(&rules, &options).expect("run");
        let internal: Vec<_> = result
            .diagnostics
            .iter()
            .filter(|d| d.code == "BDL999")
            .collect();
        let java_files = result
            .checked_files
            .iter()
            .filter(|p| {
                std::path::Path::new(p)
                    .extension()
                    .is_some_and(|e| e == "java")
            })
            .count();
        assert_eq!(
            internal.len(),
            java_files,
            "one internal error per Java file"
        );
        assert!(internal[0].message.contains("TST001 (panicking-rule)"));
        assert!(
            internal[0]
                .help
                .as_deref()
                .is_some_and(|h| h.contains("please report"))
        );
        // The other rules still ran on the same files.
        assert!(result.diagnostics.iter().any(|d| d.code == "FLK001"));
        assert_eq!(exit_code(&result, result.diagnostics.len()), EXIT_ERROR);
    }
}
