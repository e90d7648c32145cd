//! Hostile input through the binary: every case has a defined outcome and exit code, and none
//! may crash, hang, read what it was not asked to read or write anywhere but `--output`.
//! `docs/robustness.md` lists every case with the test that covers it.
//!
//! Every run goes through [`run`], which fails the test on a panic message, on a process killed
//! by a signal (a stack overflow, an abort) and on a run that outlives its time limit.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::fmt::Write as _;
use std::fs;
use std::io::{BufWriter, Write as _};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use assert_cmd::Command;
use tempfile::TempDir;

/// How long one run may take before it counts as a hang. Generous for a debug build on a slow
/// machine; the runs below take well under a second each.
const LIMIT: Duration = Duration::from_secs(20);

/// The import that lets FLK001 resolve `env` in the Java cases.
const ENV_IMPORT: &str =
    "import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;\n";

/// One file name of every kind bigdata-lint reads.
const EVERY_KIND: &[&str] = &[
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

/// A finished run of the binary.
#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

impl Run {
    /// `path:line:col: CODE` of every concise finding, in output order.
    fn findings(&self) -> Vec<&str> {
        self.stdout
            .lines()
            .map(|line| line.split(" [").next().unwrap_or(line))
            .collect()
    }
}

fn tempdir() -> TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// The binary, started in `cwd`, with nothing from the environment that changes its output
/// or makes it write elsewhere.
fn bin(cwd: &Path) -> Command {
    let mut cmd = Command::cargo_bin("bigdata-lint").expect("binary is built");
    cmd.current_dir(cwd)
        .env("COLUMNS", "100")
        .env_remove("NO_COLOR")
        .env_remove("GITHUB_STEP_SUMMARY");
    cmd
}

/// Runs `cmd`; a run killed by a signal or by [`LIMIT`], or one that prints a panic, fails
/// the test.
fn run(cmd: &mut Command) -> Run {
    let started = Instant::now();
    let output = cmd.timeout(LIMIT).output().expect("the binary starts");
    let elapsed = started.elapsed();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let Some(code) = output.status.code() else {
        panic!(
            "the run did not end by itself ({}) after {elapsed:.1?} (limit {LIMIT:?}); stderr:\n{}",
            output.status,
            tail(&stderr)
        );
    };
    assert!(
        !stderr.contains("panicked"),
        "the binary panicked:\n{}",
        tail(&stderr)
    );
    Run {
        code,
        stdout,
        stderr,
        elapsed,
    }
}

/// The end of a long text, for failure messages.
fn tail(text: &str) -> &str {
    let mut start = text.len().saturating_sub(4000);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..]
}

/// Writes `bytes` to `dir/rel`, creating parent directories.
fn write(dir: &Path, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("mkdir");
    }
    fs::write(&path, bytes).expect("write");
    path
}

/// The checkpoint rules that report at the same intervals as FLK001 (a missing minimum pause,
/// a missing failure tolerance, retention or checkpoint directory), and the whole-configuration
/// rules that report any sample cluster file (incremental checkpoints, JobManager high
/// availability). The cases here place FLK001's findings; the others would only repeat them.
const SAME_PLACE_AS_FLK001: &str = "FLK005,FLK007,FLK008,FLK010,FLK012,FLK022";

/// The pool rules that report any sample Spring Redis pool next to RDS001 (a pool configured
/// without `max-wait`, `max-idle` below `max-active`). The cases here place RDS001's findings;
/// the others would only repeat them.
const SAME_PLACE_AS_RDS001: &str = "RDS003,RDS006";

/// Concise output over `args`, run in `cwd`.
fn concise(cwd: &Path, args: &[&str]) -> Run {
    run(bin(cwd)
        .args(["--format", "concise", "--ignore", SAME_PLACE_AS_FLK001])
        .args(["--ignore", SAME_PLACE_AS_RDS001])
        .args(args))
}

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

// ---------------------------------------------------------------------------------------------
// Content: empty, binary, broken encodings, BOM, line endings.

#[test]
fn empty_files_of_every_kind_are_clean() {
    let dir = tempdir();
    for name in EVERY_KIND {
        write(dir.path(), name, b"");
    }
    let walked = run(bin(dir.path()).arg("."));
    assert_eq!((walked.code, walked.stdout.as_str()), (0, ""), "{walked:?}");
    // An empty `config.yaml` has no Flink key, so it is not Flink configuration.
    assert!(
        walked.stderr.contains("no problems in 10 files"),
        "{}",
        walked.stderr
    );
    let named = run(bin(dir.path()).args(EVERY_KIND));
    assert_eq!((named.code, named.stdout.as_str()), (0, ""), "{named:?}");
}

#[test]
fn binary_file_named_java_is_read_as_lossy_text() {
    let dir = tempdir();
    let mut rng = XorShift(0x2545_f491_4f6c_dd1d);
    // A class file header, NUL bytes, random bytes, and the trigger words of every Java rule
    // in the middle, so that the file gets past the prefilter and is really parsed.
    let mut bytes = b"\xca\xfe\xba\xbe\0\0\0\x41".to_vec();
    bytes.extend((0..64 * 1024).map(|_| rng.next().to_le_bytes()[3]));
    let triggers = b" env.enableCheckpointing(100); conn.getTable(t); config.setMaxTotal(1); \
        stream.allowedLateness(Time.milliseconds(1)); conf.set(\"dfs.replication\", \"1\"); ";
    bytes.splice(30_000..30_000, triggers.iter().copied());
    write(dir.path(), "Blob.java", &bytes);
    let run = concise(dir.path(), &["Blob.java"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{run:?}");
    assert!(run.stderr.contains("no problems in 1 file"), "{run:?}");
}

#[test]
fn gbk_and_invalid_utf8_keep_the_ascii_keys() {
    let dir = tempdir();
    // "订单服务的连接池配置" and "订单服务" in GBK, which is not UTF-8.
    write(
        dir.path(),
        "application.properties",
        b"# \xb6\xa9\xb5\xa5\xb7\xfe\xce\xf1\xb5\xc4\xc1\xac\xbd\xd3\xb3\xd8\xc5\xe4\xd6\xc3\n\
          spring.application.name=\xb6\xa9\xb5\xa5\xb7\xfe\xce\xf1\n\
          spring.data.redis.jedis.pool.max-active=1\n",
    );
    // A lone continuation byte, an overlong `/`, an encoded surrogate, a truncated sequence.
    write(
        dir.path(),
        "application.yml",
        b"# \xff\xfe \xc0\xaf \xed\xa0\x80\n\
          spring:\n  application:\n    name: \xe4\xb8\n\
          \x20 redis:\n    jedis:\n      pool:\n        max-active: 1\n",
    );
    write(
        dir.path(),
        "flink-conf.yaml",
        b"env.java.opts: -Dfile.encoding=\xff\xfe\n\
          execution.checkpointing.interval: 1s\n",
    );
    // The rules whose keys the case is about.
    let run = concise(dir.path(), &["--select", "RDS001,FLK001", "."]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(
        run.findings(),
        [
            "application.properties:3:41: RDS001",
            "application.yml:8:21: RDS001",
            "flink-conf.yaml:2:35: FLK001",
        ],
        "{run:?}"
    );
}

/// One file of every kind with a finding on its first line, as `(name, text, position)`.
fn first_line_findings() -> Vec<(&'static str, String, &'static str)> {
    vec![
        (
            "Job.java",
            format!(
                "{} class Job {{ void run(StreamExecutionEnvironment env) {{ env.enableCheckpointing(100); }} }}\n",
                ENV_IMPORT.trim_end()
            ),
            "1:158: FLK001",
        ),
        (
            "flink-conf.yaml",
            "execution.checkpointing.interval: 1s\n".into(),
            "1:35: FLK001",
        ),
        (
            "config.yaml",
            "execution.checkpointing.interval: 1s\n".into(),
            "1:35: FLK001",
        ),
        (
            "checkpoints.sql",
            "SET 'execution.checkpointing.interval' = '1s';\n".into(),
            "1:43: FLK001",
        ),
        (
            "hdfs-site.xml",
            "<configuration><property><name>dfs.replication</name><value>1</value></property></configuration>\n".into(),
            "1:61: HDP001",
        ),
        (
            "application.properties",
            "spring.data.redis.jedis.pool.max-active=1\n".into(),
            "1:41: RDS001",
        ),
        (
            "application.yml",
            "spring.data.redis.jedis.pool.max-active: 1\n".into(),
            "1:42: RDS001",
        ),
        (
            "spark-defaults.conf",
            "spark.hadoop.dfs.replication 1\n".into(),
            "1:30: HDP001",
        ),
    ]
}

#[test]
fn utf8_bom_does_not_shift_positions() {
    let dir = tempdir();
    for (name, text, _) in first_line_findings() {
        write(dir.path(), &format!("plain/{name}"), &text);
        write(
            dir.path(),
            &format!("bom/{name}"),
            format!("\u{feff}{text}"),
        );
    }
    let plain = concise(&dir.path().join("plain"), &["."]);
    let bom = concise(&dir.path().join("bom"), &["."]);
    assert_eq!(plain.code, 1, "{plain:?}");
    let mut expected: Vec<String> = first_line_findings()
        .into_iter()
        .map(|(name, _, at)| format!("{name}:{at}"))
        .collect();
    expected.sort();
    assert_eq!(plain.findings(), expected, "{plain:?}");
    assert_eq!(bom.code, 1, "{bom:?}");
    assert_eq!(bom.stdout, plain.stdout, "the BOM shifted a position");
}

/// Files with comments and findings below the first lines, with `\n` line endings, and where
/// the findings are.
fn multi_line_files() -> (Vec<(&'static str, String)>, Vec<&'static str>) {
    let files = vec![
        (
            "Job.java",
            format!(
                "{ENV_IMPORT}// Checkpoints far too often.\nclass Job {{\n    // The environment.\n    void run(StreamExecutionEnvironment env) {{ // entry\n        env.enableCheckpointing(100); // 100 ms\n    }}\n}}\n"
            ),
        ),
        (
            "flink-conf.yaml",
            "# legacy\njobmanager.rpc.address: jm # comment\nexecution.checkpointing.interval: 1s\n"
                .into(),
        ),
        (
            "config.yaml",
            "# Flink 1.19+\nexecution:\n  checkpointing: # nested\n    interval: 1s\n".into(),
        ),
        (
            "checkpoints.sql",
            "-- session\nSET 'execution.runtime-mode' = 'streaming';\n/* a\n   block */\nSET 'execution.checkpointing.interval' = '1s';\n"
                .into(),
        ),
        (
            "hdfs-site.xml",
            "<?xml version=\"1.0\"?>\n<!-- site\n     file -->\n<configuration>\n  <property>\n    <name>dfs.replication</name>\n    <value>1</value>\n  </property>\n</configuration>\n"
                .into(),
        ),
        (
            "application.properties",
            "# pool\n! old style comment\nspring.data.redis.host=r\nspring.data.redis.jedis.pool.max-active=1\n"
                .into(),
        ),
        (
            "application.yml",
            "# pool\nspring:\n  data:\n    redis:\n      jedis:\n        pool:\n          max-active: 1 # one\n"
                .into(),
        ),
    ];
    let expected = vec![
        "Job.java:6:33: FLK001",
        "application.properties:4:41: RDS001",
        "application.yml:7:23: RDS001",
        "checkpoints.sql:5:43: FLK001",
        "config.yaml:4:15: FLK001",
        "flink-conf.yaml:3:35: FLK001",
        "hdfs-site.xml:7:12: HDP001",
    ];
    (files, expected)
}

#[test]
fn crlf_and_lone_cr_line_endings_keep_findings_on_their_lines() {
    let dir = tempdir();
    let (files, expected) = multi_line_files();
    for (ending, sub) in [("\n", "lf"), ("\r\n", "crlf"), ("\r", "cr")] {
        for (name, text) in &files {
            write(
                dir.path(),
                &format!("{sub}/{name}"),
                text.replace('\n', ending),
            );
        }
        let run = concise(&dir.path().join(sub), &["."]);
        assert_eq!(run.code, 1, "{sub}: {run:?}");
        assert_eq!(run.findings(), expected, "{sub} line endings: {run:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Size.

/// Java text of at least `size` bytes: a class padded with comment lines, and a finding (if it
/// were linted) on the last lines. Returns the line of the finding.
fn write_padded_java(path: &Path, size: u64) -> usize {
    let mut out = BufWriter::new(fs::File::create(path).expect("create"));
    out.write_all(ENV_IMPORT.as_bytes()).expect("write");
    out.write_all(b"class Huge {\n").expect("write");
    let line = format!("    // {}\n", "padding ".repeat(11));
    let mut written = (ENV_IMPORT.len() + 13) as u64;
    let mut lines = 2;
    while written < size {
        out.write_all(line.as_bytes()).expect("write");
        written += line.len() as u64;
        lines += 1;
    }
    out.write_all(
        b"    void run(StreamExecutionEnvironment env) {\n        env.enableCheckpointing(100);\n    }\n}\n",
    )
    .expect("write");
    out.flush().expect("flush");
    lines + 2
}

#[test]
fn file_above_the_size_limit_is_skipped_with_a_notice() {
    let dir = tempdir();
    let huge = dir.path().join("Huge.java");
    write_padded_java(&huge, 100 * 1024 * 1024);
    let len = fs::metadata(&huge).expect("metadata").len();
    let run = concise(dir.path(), &["."]);
    // Linted, the file would give a finding and exit 1.
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{run:?}");
    assert!(
        run.stderr.contains(&format!(
            "note: Huge.java: skipped: {len} bytes is above the 10485760-byte limit"
        )),
        "{run:?}"
    );
    assert!(run.elapsed < Duration::from_secs(5), "{run:?}");
}

#[test]
fn raising_the_size_limit_lints_a_large_file() {
    let dir = tempdir();
    let big = dir.path().join("Big.java");
    // Just above the default limit of 10 MiB; tree-sitter in a debug build makes a much larger
    // file slow without testing anything more.
    let line = write_padded_java(&big, 10 * 1024 * 1024 + 1);
    let skipped = concise(dir.path(), &["Big.java"]);
    assert_eq!(
        (skipped.code, skipped.stdout.as_str()),
        (0, ""),
        "{skipped:?}"
    );
    assert!(
        skipped.stderr.contains("note: Big.java: skipped: "),
        "{skipped:?}"
    );
    let linted = concise(dir.path(), &["--max-file-size", "16777216", "Big.java"]);
    assert_eq!(linted.code, 1, "{linted:?}");
    assert_eq!(
        linted.findings(),
        [format!("Big.java:{line}:33: FLK001")],
        "{linted:?}"
    );
}

#[test]
fn the_size_limit_is_inclusive() {
    let dir = tempdir();
    let text = "spring.data.redis.jedis.pool.max-active=1\n";
    write(dir.path(), "application.properties", text);
    let at_limit = text.len().to_string();
    let below = (text.len() - 1).to_string();
    let linted = concise(
        dir.path(),
        &["--max-file-size", &at_limit, "application.properties"],
    );
    assert_eq!(linted.code, 1, "{linted:?}");
    let skipped = concise(
        dir.path(),
        &["--max-file-size", &below, "application.properties"],
    );
    assert_eq!(skipped.code, 0, "{skipped:?}");
    assert!(
        skipped
            .stderr
            .contains("note: application.properties: skipped: 42 bytes is above the 41-byte limit"),
        "{skipped:?}"
    );
}

/// A sparse file reads as a gigabyte of NUL bytes; its size alone must decide, before any read.
#[test]
fn sparse_gigabyte_file_is_skipped_without_reading_it() {
    let dir = tempdir();
    let sparse = fs::File::create(dir.path().join("Sparse.java")).expect("create");
    sparse.set_len(1 << 30).expect("set_len");
    drop(sparse);
    write(
        dir.path(),
        "application.properties",
        "spring.data.redis.jedis.pool.max-active=1\n",
    );
    let walked = concise(dir.path(), &["."]);
    assert_eq!(walked.code, 1, "the other file is still linted: {walked:?}");
    assert!(
        walked
            .stderr
            .contains("note: Sparse.java: skipped: 1073741824 bytes is above the"),
        "{walked:?}"
    );
    let named = concise(dir.path(), &["Sparse.java"]);
    assert_eq!((named.code, named.stdout.as_str()), (0, ""), "{named:?}");
    assert!(
        named.stderr.contains("note: Sparse.java: skipped: "),
        "{named:?}"
    );
    for run in [walked, named] {
        assert!(run.elapsed < Duration::from_secs(5), "{run:?}");
    }
}

/// A file may report a small size and deliver more: one that grows while it is read, or a
/// `/proc` file that reports 0 bytes and never ends (`/proc/self/pagemap` yields gigabytes).
/// Reading stops past the size limit and the file is skipped with the same notice. The run is
/// capped at 2 GiB of address space, so that a reader without a bound fails fast instead of
/// exhausting the machine.
#[cfg(target_os = "linux")]
#[test]
fn file_that_never_ends_is_cut_at_the_size_limit() {
    let dir = tempdir();
    std::os::unix::fs::symlink("/proc/self/pagemap", dir.path().join("Endless.java"))
        .expect("symlink");
    let mut cmd = Command::new("sh");
    cmd.current_dir(dir.path())
        .args(["-c", "ulimit -v 2097152 && exec \"$0\" \"$@\""])
        .arg(env!("CARGO_BIN_EXE_bigdata-lint"))
        .args(["--format", "concise", "Endless.java"]);
    let run = run(&mut cmd);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{run:?}");
    assert!(
        run.stderr.contains("note: Endless.java: skipped: ")
            && run.stderr.contains("10485760-byte limit"),
        "{run:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Depth and expansion.

/// Runs one 10,000-level Java file alone, so that a slow one is named by the failure.
fn lint_deep_java(name: &str, text: &str) {
    let dir = tempdir();
    write(dir.path(), name, text);
    let run = concise(dir.path(), &[name]);
    assert!(
        matches!(run.code, 0 | 1) && run.stderr.contains("in 1 file"),
        "{name}: {run:?}"
    );
}

#[test]
fn ten_thousand_levels_of_java_nesting() {
    let depth = 10_000;
    let method = |body: &str| {
        format!(
            "{ENV_IMPORT}class Deep {{\n    void run(StreamExecutionEnvironment env) {{\n{body}\n    }}\n}}\n"
        )
    };
    let blocks = method(&format!(
        "{}env.enableCheckpointing(100);{}",
        "{ if (ready) ".repeat(depth),
        "}".repeat(depth)
    ));
    let parens = method(&format!(
        "env.enableCheckpointing({}100{});",
        "(".repeat(depth),
        ")".repeat(depth)
    ));
    let lambdas = method(&format!(
        "Runnable r = {}env.enableCheckpointing(100);{}",
        "() -> { Runnable q = ".repeat(depth),
        " };".repeat(depth)
    ));
    let mut classes = String::from(ENV_IMPORT);
    for i in 0..depth {
        let _ = write!(classes, "class C{i} {{ ");
    }
    classes.push_str(
        "static final long I = 100; void run(StreamExecutionEnvironment env) { env.enableCheckpointing(I); }",
    );
    classes.push_str(&"}".repeat(depth));
    classes.push('\n');
    for (name, text) in [
        ("Blocks.java", blocks),
        ("Parens.java", parens),
        ("Lambdas.java", lambdas),
        ("Classes.java", classes),
    ] {
        lint_deep_java(name, &text);
    }
}

#[test]
fn ten_thousand_levels_of_yaml_and_xml_nesting() {
    let depth = 10_000;
    let dir = tempdir();
    // Block sequences nest one level per `- ` on one line. (Nested block mappings need one
    // more space of indentation per level: 10,000 levels are 50 MB, above the size limit.)
    write(
        dir.path(),
        "application.yml",
        format!(
            "spring.data.redis.jedis.pool.max-active: 1\nservers:\n{}x\n",
            "- ".repeat(depth)
        ),
    );
    // Flow collections deeper than the YAML parser allows are a syntax error, not a crash.
    write(
        dir.path(),
        "config.yaml",
        format!(
            "execution.checkpointing.interval: 1s\nk: {}1{}\n",
            "[".repeat(depth),
            "]".repeat(depth)
        ),
    );
    write(
        dir.path(),
        "hdfs-site.xml",
        format!(
            "<configuration>{}<property><name>dfs.replication</name><value>1</value></property>{}\n</configuration>\n",
            "<a>".repeat(depth),
            "</a>".repeat(depth)
        ),
    );
    write(
        dir.path(),
        "core-site.xml",
        format!("<configuration>{}\n", "<a>".repeat(depth)),
    );
    let run = concise(dir.path(), &["."]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(
        run.findings(),
        [
            "application.yml:1:42: RDS001",
            "config.yaml:1:35: FLK001",
            // At the first `[` past the parser's limit of 256 levels.
            &format!("config.yaml:2:{}: BDL000", 3 + 256),
            // At the innermost element left open.
            &format!("core-site.xml:1:{}: BDL000", 16 + 3 * (depth - 1)),
            &format!("hdfs-site.xml:1:{}: HDP001", 16 + 3 * depth + 45),
        ],
        "{run:?}"
    );
}

#[test]
fn yaml_alias_bomb_and_xml_entity_bomb_cost_nothing() {
    let dir = tempdir();
    // "Billion laughs": expanded, `z` would hold 9^26 strings.
    let mut bomb = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    let mut previous = 'a';
    for name in 'b'..='z' {
        let refs = vec![format!("*{previous}"); 9].join(", ");
        let _ = writeln!(bomb, "{name}: &{name} [{refs}]");
        previous = name;
    }
    write(
        dir.path(),
        "application.yml",
        format!(
            "{bomb}one: &one 1\nspring.data.redis.jedis.pool.max-active: 1\nspring.data.redis.jedis.pool.max-idle: *one\n"
        ),
    );
    let mut entities = String::from("<!ENTITY l0 \"lol\">");
    for level in 1..=20 {
        let refs = format!("&l{};", level - 1).repeat(10);
        let _ = write!(entities, "<!ENTITY l{level} \"{refs}\">");
    }
    write(
        dir.path(),
        "hdfs-site.xml",
        format!(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE configuration [{entities}]>\n<configuration>\n<property><name>dfs.replication</name><value>&l20;</value></property>\n</configuration>\n"
        ),
    );
    let run = concise(dir.path(), &["."]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(
        run.findings(),
        [
            // Below the 26 lines of the bomb and the anchor `one`.
            "application.yml:28:42: RDS001",
            "hdfs-site.xml:4:46: BDL000",
        ],
        "{run:?}"
    );
    assert!(!run.stdout.contains("lollol"), "{run:?}");
    assert!(run.elapsed < Duration::from_secs(5), "{run:?}");
}

#[test]
fn site_xml_reference_bombs_stay_bounded() {
    let dir = tempdir();
    // Each level doubles: fully expanded, `hbase.rootdir` would hold 2^40 copies of `/tmp`.
    let mut props = String::from("<property><name>v0</name><value>/tmp</value></property>\n");
    for level in 1..=40 {
        let refs = format!("${{v{}}}", level - 1).repeat(2);
        let _ = writeln!(
            props,
            "<property><name>v{level}</name><value>{refs}</value></property>"
        );
    }
    let site = |extra: &str| {
        format!(
            "<configuration>\n{props}\
             <property><name>hbase.cluster.distributed</name><value>true</value></property>\n\
             <property><name>loop</name><value>${{loop}}/x</value></property>\n\
             {extra}</configuration>\n"
        )
    };
    write(
        dir.path(),
        "bomb/hbase-site.xml",
        site(
            "<property><name>hbase.rootdir</name><value>file://${v40}</value></property>\n\
             <property><name>hbase.zookeeper.quorum</name><value>${loop}</value></property>\n\
             <property><name>hfile.block.cache.size</name><value>${v40}</value></property>\n",
        ),
    );
    write(
        dir.path(),
        "loop/hbase-site.xml",
        site(
            "<property><name>hbase.rootdir</name><value>${loop}</value></property>\n\
             <property><name>hbase.zookeeper.quorum</name><value>zk1,zk2,zk3</value></property>\n",
        ),
    );
    let run = concise(dir.path(), &["--select", "HBS", "."]);
    // Past 20 references a value is unknown, and unknown values are never reported.
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.findings().is_empty(), "{run:?}");
    assert!(run.elapsed < Duration::from_secs(5), "{run:?}");
}

/// Creates a FIFO: opening it for reading blocks until a writer comes, so a linter that ever
/// opened it would hang and fail the test at its time limit.
#[cfg(unix)]
fn fifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

/// XML that points at files: an external DTD, external general and parameter entities and an
/// XInclude. None is ever opened (the targets in the temp dir are FIFOs, see [`fifo`]) or
/// expanded (`/etc/passwd` never shows up), and a reference that is not expanded is reported.
#[cfg(unix)]
#[test]
fn xml_external_entities_are_never_read() {
    let dir = tempdir();
    let bait = dir.path().join("bait");
    fifo(&bait);
    let bait = format!("file://{}", bait.display());
    let property = |value: &str| {
        format!(
            "<configuration>\n<property><name>dfs.replication</name><value>{value}</value></property>\n</configuration>\n"
        )
    };
    let cases = [
        (
            "hdfs-site.xml",
            format!(
                "<?xml version=\"1.0\"?>\n<!DOCTYPE configuration [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n{}",
                property("&xxe;")
            ),
        ),
        (
            "core-site.xml",
            format!(
                "<?xml version=\"1.0\"?>\n<!DOCTYPE configuration SYSTEM \"{bait}\">\n{}",
                property("1")
            ),
        ),
        (
            "yarn-site.xml",
            format!(
                "<?xml version=\"1.0\"?>\n<!DOCTYPE configuration [<!ENTITY % dtd SYSTEM \"{bait}\"> %dtd;]>\n{}",
                property("1")
            ),
        ),
        (
            "hbase-site.xml",
            format!(
                "<?xml version=\"1.0\"?>\n<!DOCTYPE configuration [<!ENTITY xxe SYSTEM \"{bait}\">]>\n{}",
                property("&xxe;")
            ),
        ),
        (
            "mapred-site.xml",
            format!(
                "<?xml version=\"1.0\"?>\n<configuration xmlns:xi=\"http://www.w3.org/2001/XInclude\">\n<xi:include href=\"{bait}\" parse=\"text\"/>\n<xi:include href=\"file:///etc/passwd\" parse=\"text\"/>\n</configuration>\n"
            ),
        ),
    ];
    // Each file in its own directory (`core/core-site.xml`): the site files of one directory
    // form one configuration, in which only the definition that takes effect is reported.
    for (name, text) in &cases {
        let stem = name.trim_end_matches("-site.xml");
        write(dir.path(), &format!("{stem}/{name}"), text);
    }
    let run = concise(dir.path(), &["."]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(
        run.findings(),
        [
            "core/core-site.xml:4:46: HDP001",
            "hbase/hbase-site.xml:4:46: BDL000",
            "hdfs/hdfs-site.xml:4:46: BDL000",
            "yarn/yarn-site.xml:4:46: HDP001",
        ],
        "{run:?}"
    );
    for text in [&run.stdout, &run.stderr] {
        assert!(!text.contains("root:"), "a file was read: {run:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Duplicate keys: the definition the product uses is the one reported.

#[test]
fn duplicate_keys_last_wins_and_final_is_honoured() {
    let dir = tempdir();
    let cases: &[(&str, &str)] = &[
        // Later definitions override earlier ones.
        (
            "last-low/application.properties",
            "spring.data.redis.jedis.pool.max-active=50\nspring.data.redis.jedis.pool.max-active=1\n",
        ),
        (
            "last-ok/application.properties",
            "spring.data.redis.jedis.pool.max-active=1\nspring.data.redis.jedis.pool.max-active=50\n",
        ),
        (
            "last-low/application.yml",
            "spring:\n  data:\n    redis:\n      jedis:\n        pool:\n          max-active: 50\n          max-active: 1\n",
        ),
        (
            "last-ok/application.yml",
            "spring:\n  data:\n    redis:\n      jedis:\n        pool:\n          max-active: 1\n          max-active: 50\n",
        ),
        (
            "last-low/flink-conf.yaml",
            "execution.checkpointing.interval: 5min\nexecution.checkpointing.interval: 1s\n",
        ),
        (
            "last-ok/flink-conf.yaml",
            "execution.checkpointing.interval: 1s\nexecution.checkpointing.interval: 5min\n",
        ),
        (
            "last-low/hdfs-site.xml",
            "<configuration>\n<property><name>dfs.replication</name><value>3</value></property>\n<property><name>dfs.replication</name><value>1</value></property>\n</configuration>\n",
        ),
        (
            "last-ok/hdfs-site.xml",
            "<configuration>\n<property><name>dfs.replication</name><value>1</value></property>\n<property><name>dfs.replication</name><value>3</value></property>\n</configuration>\n",
        ),
        // Hadoop: a `final` definition wins over every later one.
        (
            "final-low/hdfs-site.xml",
            "<configuration>\n<property><name>dfs.replication</name><value>1</value><final>true</final></property>\n<property><name>dfs.replication</name><value>3</value></property>\n</configuration>\n",
        ),
        (
            "final-ok/hdfs-site.xml",
            "<configuration>\n<property><name>dfs.replication</name><value>3</value><final>true</final></property>\n<property><name>dfs.replication</name><value>1</value></property>\n</configuration>\n",
        ),
    ];
    for (rel, text) in cases {
        write(dir.path(), rel, text);
    }
    let run = concise(dir.path(), &["."]);
    assert_eq!(run.code, 1, "{run:?}");
    // Each rule reports the value the product keeps; FLK024 reports every duplicate itself, at
    // the definition that wins (or, after a `final` one, at the one Hadoop ignores).
    assert_eq!(
        run.findings(),
        [
            "final-low/hdfs-site.xml:2:46: HDP001",
            "final-low/hdfs-site.xml:3:17: FLK024",
            "final-ok/hdfs-site.xml:3:17: FLK024",
            "last-low/application.properties:2:1: FLK024",
            "last-low/application.properties:2:41: RDS001",
            "last-low/application.yml:7:11: FLK024",
            "last-low/application.yml:7:23: RDS001",
            "last-low/flink-conf.yaml:2:1: FLK024",
            "last-low/flink-conf.yaml:2:35: FLK001",
            "last-low/hdfs-site.xml:3:17: FLK024",
            "last-low/hdfs-site.xml:3:46: HDP001",
            "last-ok/application.properties:2:1: FLK024",
            "last-ok/application.yml:7:11: FLK024",
            "last-ok/flink-conf.yaml:2:1: FLK024",
            "last-ok/hdfs-site.xml:3:17: FLK024",
        ],
        "{run:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// SQL scripts in other dialects: never a syntax error, never slow.

#[test]
fn sql_scripts_of_other_dialects_are_never_broken_and_stay_linear() {
    let dir = tempdir();
    // A 6 MB MySQL dump: backslash escapes, double-quoted strings with apostrophes.
    let mut dump = String::from("SET NAMES utf8mb4;\n/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE */;\n");
    for i in 0..60_000 {
        let _ = writeln!(
            dump,
            "INSERT INTO `notes` VALUES ({i},'don\\'t; SET x=1',\"it's\",'C:\\\\');"
        );
    }
    write(dir.path(), "dump.sql", &dump);
    // Constructs left open, and runs of openers, each several megabytes.
    write(
        dir.path(),
        "dollar.sql",
        format!("SELECT $$ {}", "x;'\n".repeat(500_000)),
    );
    write(dir.path(), "comments.sql", "/*".repeat(1_000_000));
    write(dir.path(), "quotes.sql", "'".repeat(2_000_001));
    write(dir.path(), "tags.sql", "$a$".repeat(700_000));
    write(
        dir.path(),
        "copy.sql",
        "COPY t FROM stdin;\n".repeat(200_000),
    );
    let run = concise(dir.path(), &["."]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, "", "{run:?}");
}

// ---------------------------------------------------------------------------------------------
// Paths: symbolic links, unreadable and vanishing files, FIFOs, odd names, many files.

#[cfg(unix)]
#[test]
fn symlink_loops_terminate() {
    use std::os::unix::fs::symlink;
    let dir = tempdir();
    write(
        dir.path(),
        "a/application.properties",
        "spring.data.redis.jedis.pool.max-active=1\n",
    );
    symlink("..", dir.path().join("a/up")).expect("symlink");
    symlink(".", dir.path().join("a/here")).expect("symlink");
    symlink("L2.java", dir.path().join("L1.java")).expect("symlink");
    symlink("L1.java", dir.path().join("L2.java")).expect("symlink");
    let walked = concise(dir.path(), &["."]);
    assert_eq!(walked.code, 1, "{walked:?}");
    // Reported once: the walk never went round a loop.
    assert_eq!(
        walked.findings(),
        ["a/application.properties:1:41: RDS001"],
        "{walked:?}"
    );
    // A looping link named explicitly cannot be read: an error for it, the rest is linted.
    let named = concise(dir.path(), &["L1.java", "a/application.properties"]);
    assert_eq!(named.code, 2, "{named:?}");
    assert_eq!(
        named.findings(),
        ["a/application.properties:1:41: RDS001"],
        "{named:?}"
    );
    let message = fs::metadata(dir.path().join("L1.java"))
        .expect_err("a loop")
        .to_string();
    assert!(
        named.stderr.contains(&format!("error: L1.java: {message}")),
        "{named:?}"
    );
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_linted_tree_are_not_followed() {
    use std::os::unix::fs::symlink;
    let dir = tempdir();
    let bad = "spring.data.redis.jedis.pool.max-active=1\n";
    write(dir.path(), "outside/application.properties", bad);
    write(dir.path(), "outside/Job.java", "class Job {}\n");
    fs::create_dir(dir.path().join("root")).expect("mkdir");
    symlink("../outside", dir.path().join("root/linked-dir")).expect("symlink");
    symlink(
        "../outside/application.properties",
        dir.path().join("root/application.properties"),
    )
    .expect("symlink");
    let walked = concise(dir.path(), &["root"]);
    assert_eq!(
        (walked.code, walked.stdout.as_str()),
        (0, ""),
        "a file outside was read: {walked:?}"
    );
    assert!(
        walked.stderr.contains("no problems in 0 files"),
        "{walked:?}"
    );
    // A link named on the command line is followed: it was asked for.
    let named = concise(dir.path(), &["root/linked-dir"]);
    assert_eq!(named.code, 1, "{named:?}");
    assert_eq!(
        named.findings(),
        ["root/linked-dir/application.properties:1:41: RDS001"],
        "{named:?}"
    );
}

/// Builds, below `root`, a file whose path is longer than PATH_MAX (4096 bytes on Linux) in a
/// directory whose own path is not: the walk lists the file, but every system call on it
/// fails with ENAMETOOLONG, whoever runs the test. Returns the file's path relative to `root`.
#[cfg(target_os = "linux")]
fn file_beyond_path_max(root: &Path, text: &str) -> PathBuf {
    const PARENT_LEN: usize = 3900;
    let base = root.as_os_str().len();
    assert!(
        base + 300 < PARENT_LEN,
        "the temp dir path is too long for this case: {}",
        root.display()
    );
    let mut lengths = Vec::new();
    let mut len = base;
    while len + 1 + 250 <= PARENT_LEN {
        lengths.push(250);
        len += 251;
    }
    lengths.push(PARENT_LEN - len - 1);
    // Created with one-letter names, then renamed from the bottom up, so that every path
    // handed to the system stays short.
    let short: PathBuf = lengths.iter().map(|_| "d").collect();
    fs::create_dir_all(root.join(&short)).expect("mkdir");
    let name = format!("{}.java", "F".repeat(245));
    fs::write(root.join(&short).join("F.java"), text).expect("write");
    fs::rename(
        root.join(&short).join("F.java"),
        root.join(&short).join(&name),
    )
    .expect("rename");
    for (level, n) in lengths.iter().enumerate().rev() {
        let parent: PathBuf = root.join(lengths[..level].iter().map(|_| "d").collect::<PathBuf>());
        fs::rename(parent.join("d"), parent.join("d".repeat(*n))).expect("rename");
    }
    let mut relative: PathBuf = lengths.iter().map(|n| "d".repeat(*n)).collect();
    relative.push(name);
    relative
}

/// A file that cannot be read is reported on stderr and the run goes on; the exit code is 2
/// only when the file was named on the command line.
///
/// `chmod 000` makes the file unreadable, except for root (CI runs the tests as root), who
/// reads it anyway. The test checks which case it is in; as root it uses a file whose path is
/// longer than PATH_MAX instead ([`file_beyond_path_max`]), which fails for root too, through
/// the same path in the engine: listed by the walk, then an error on access.
#[cfg(target_os = "linux")]
#[test]
fn unreadable_file_is_reported_and_the_run_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempdir();
    write(
        dir.path(),
        "application.properties",
        "spring.data.redis.jedis.pool.max-active=1\n",
    );
    let locked = write(dir.path(), "Locked.java", "class Locked {}\n");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).expect("chmod");
    let (relative, message) = if let Err(e) = fs::read(&locked) {
        (PathBuf::from("Locked.java"), e.to_string())
    } else {
        fs::remove_file(&locked).expect("rm");
        let relative = file_beyond_path_max(dir.path(), "class Locked {}\n");
        let e = fs::read(dir.path().join(&relative)).expect_err("beyond PATH_MAX");
        (relative, e.to_string())
    };
    let shown = relative.to_string_lossy().into_owned();
    let walked = concise(dir.path(), &["."]);
    assert_eq!(walked.code, 1, "{walked:?}");
    assert_eq!(
        walked.findings(),
        ["application.properties:1:41: RDS001"],
        "{walked:?}"
    );
    assert!(
        walked
            .stderr
            .contains(&format!("warning: {shown}: {message}")),
        "{walked:?}"
    );
    let named = concise(dir.path(), &[shown.as_str(), "application.properties"]);
    assert_eq!(named.code, 2, "{named:?}");
    assert_eq!(
        named.findings(),
        ["application.properties:1:41: RDS001"],
        "{named:?}"
    );
    assert!(
        named.stderr.contains(&format!("error: {shown}: {message}")),
        "{named:?}"
    );
}

/// A file that exists but fails on read (not on open): `/proc/self/mem` gives EIO at offset 0,
/// for every user.
#[cfg(target_os = "linux")]
#[test]
fn named_file_that_fails_to_read_is_an_error() {
    let dir = tempdir();
    std::os::unix::fs::symlink("/proc/self/mem", dir.path().join("Mem.java")).expect("symlink");
    write(
        dir.path(),
        "application.properties",
        "spring.data.redis.jedis.pool.max-active=1\n",
    );
    let run = concise(dir.path(), &["Mem.java", "application.properties"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(
        run.findings(),
        ["application.properties:1:41: RDS001"],
        "{run:?}"
    );
    assert!(run.stderr.contains("error: Mem.java: "), "{run:?}");
}

/// A FIFO is never opened: reading one blocks until someone writes to it. Found by the walk it
/// is passed over like any other file that is not a regular file; named, it gets a warning.
#[cfg(unix)]
#[test]
fn fifo_is_never_opened() {
    let dir = tempdir();
    fifo(&dir.path().join("Pipe.java"));
    fifo(&dir.path().join("application.properties"));
    let walked = concise(dir.path(), &["."]);
    assert_eq!((walked.code, walked.stdout.as_str()), (0, ""), "{walked:?}");
    assert!(
        walked.stderr.contains("no problems in 0 files"),
        "{walked:?}"
    );
    let named = concise(dir.path(), &["Pipe.java", "application.properties"]);
    assert_eq!((named.code, named.stdout.as_str()), (0, ""), "{named:?}");
    for name in ["Pipe.java", "application.properties"] {
        assert!(
            named
                .stderr
                .contains(&format!("warning: {name}: not a regular file")),
            "{named:?}"
        );
    }
}

/// A file that disappears between discovery and reading. Through the binary the deterministic
/// stand-in is a dangling symbolic link named explicitly: listed, then gone on access. Through
/// the library (module `deleted_during_the_run`), a rule deletes the other files while the run
/// is in progress.
#[cfg(unix)]
#[test]
fn dangling_symlink_named_explicitly_is_an_error_and_the_run_goes_on() {
    let dir = tempdir();
    write(dir.path(), "Gone.java", "class Gone {}\n");
    std::os::unix::fs::symlink("Gone.java", dir.path().join("Link.java")).expect("symlink");
    fs::remove_file(dir.path().join("Gone.java")).expect("rm");
    write(
        dir.path(),
        "application.properties",
        "spring.data.redis.jedis.pool.max-active=1\n",
    );
    let run = concise(dir.path(), &["Link.java", "application.properties"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(
        run.findings(),
        ["application.properties:1:41: RDS001"],
        "{run:?}"
    );
    let message = fs::metadata(dir.path().join("Link.java"))
        .expect_err("dangling")
        .to_string();
    assert!(
        run.stderr.contains(&format!("error: Link.java: {message}")),
        "{run:?}"
    );
    // Found by the walk, a link is not followed, dangling or not.
    let walked = concise(dir.path(), &["."]);
    assert_eq!(walked.code, 1, "{walked:?}");
    assert!(!walked.stderr.contains("Link.java"), "{walked:?}");
}

mod deleted_during_the_run {
    use std::fs;
    use std::path::PathBuf;
    use std::sync::Mutex;

    use bdl_core::{Ctx, RuleMeta, declare_rule};
    use bdl_syntax::{JavaFile, Rule};
    use bigdata_lint::engine::{self, RunOptions};

    declare_rule! {
        /// Deletes every file of the directory in [`VICTIMS`] the first time it runs.
        pub DeleteOthers {
            code: "TST002",
            name: "delete-others",
            summary: "deletes the files of a directory",
            severity: Info,
            kinds: [Java],
            triggers: [],
            options: [],
        }
    }

    /// The directory to empty; taken by the first run of the rule.
    static VICTIMS: Mutex<Option<PathBuf>> = Mutex::new(None);

    impl Rule for DeleteOthers {
        fn meta(&self) -> &'static RuleMeta {
            &Self::META
        }
        fn check_java(&self, _file: &JavaFile<'_>, _cx: &mut Ctx<'_>) {
            let dir = VICTIMS.lock().expect("lock").take();
            if let Some(dir) = dir {
                for entry in fs::read_dir(dir).expect("read_dir") {
                    fs::remove_file(entry.expect("entry").path()).expect("rm");
                }
            }
        }
    }

    static DELETE_OTHERS: DeleteOthers = DeleteOthers;

    /// With one worker thread, files are read one after the other: the first file read runs
    /// the rule, which deletes all files; every other file then fails to open. Which file
    /// comes first does not matter. Each failure is a problem of its own, explicit when the
    /// file was named, and the run completes.
    #[test]
    fn files_deleted_during_the_run_are_problems_and_the_run_completes() {
        const FILES: usize = 5;
        for explicit in [false, true] {
            let dir = super::tempdir();
            let files: Vec<PathBuf> = (0..FILES)
                .map(|i| super::write(dir.path(), &format!("F{i}.java"), "class F {}\n"))
                .collect();
            *VICTIMS.lock().expect("lock") = Some(dir.path().to_path_buf());
            let options = RunOptions {
                paths: if explicit {
                    files.clone()
                } else {
                    vec![dir.path().to_path_buf()]
                },
                threads: Some(1),
                ..RunOptions::default()
            };
            let rules: [&'static dyn Rule; 1] = [&DELETE_OTHERS];
            let result = engine::run(&rules, &options).expect("run");
            assert_eq!(result.files_checked, 1, "explicit: {explicit}");
            assert_eq!(result.problems.len(), FILES - 1, "{:?}", result.problems);
            let gone = fs::metadata(&files[0]).expect_err("deleted").to_string();
            for problem in &result.problems {
                assert_eq!(problem.explicit, explicit, "{problem:?}");
                assert_eq!(problem.message, gone, "{problem:?}");
            }
        }
    }
}

#[test]
fn path_argument_that_does_not_exist_is_a_usage_error() {
    let dir = tempdir();
    write(
        dir.path(),
        "application.properties",
        "spring.data.redis.jedis.pool.max-active=1\n",
    );
    for missing in ["missing", "missing/Job.java", "Job.java"] {
        let run = concise(dir.path(), &["application.properties", missing]);
        assert_eq!((run.code, run.stdout.as_str()), (2, ""), "{run:?}");
        assert!(
            run.stderr
                .contains(&format!("error: {missing}: no such file or directory")),
            "{run:?}"
        );
    }
}

/// File names need not be UTF-8 on Unix; the kind is read from the ASCII parts of the name.
#[cfg(unix)]
#[test]
fn file_name_that_is_not_utf8_is_linted() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempdir();
    let name = OsStr::from_bytes(b"application-\xff.properties");
    fs::write(
        dir.path().join(name),
        "spring.data.redis.jedis.pool.max-active=1\n",
    )
    .expect("write");
    let walked = concise(dir.path(), &["."]);
    assert_eq!(walked.code, 1, "{walked:?}");
    assert_eq!(
        walked.findings(),
        ["application-\u{fffd}.properties:1:41: RDS001"],
        "{walked:?}"
    );
    let named = run(bin(dir.path())
        .args(["--format", "concise", "--ignore", SAME_PLACE_AS_RDS001])
        .arg(name));
    assert_eq!(named.stdout, walked.stdout, "{named:?}");
}

/// 100,000 empty files in four directories. All but one per directory are hard links: a new
/// name costs the file system far less than a new inode, which keeps the test fast on a busy
/// machine, and each name is still a file of its own to the linter.
#[test]
fn hundred_thousand_empty_files() {
    const PARTS: usize = 4;
    const PER_PART: usize = 25_000;
    let dir = tempdir();
    std::thread::scope(|scope| {
        for part in 0..PARTS {
            let sub = dir.path().join(format!("part{part}"));
            scope.spawn(move || {
                fs::create_dir(&sub).expect("mkdir");
                let first = sub.join("F0.java");
                fs::File::create(&first).expect("create");
                for i in 1..PER_PART {
                    fs::hard_link(&first, sub.join(format!("F{i}.java"))).expect("link");
                }
            });
        }
    });
    let run = run(bin(dir.path()).arg("."));
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{run:?}");
    assert!(
        run.stderr.contains("no problems in 100000 files"),
        "{run:?}"
    );
}

/// A Java file with many findings on one long line (minified or generated code): the work and
/// the report grow with the findings, not with findings times the length of the line or of the
/// method. The human report stays within a few kilobytes per finding.
#[test]
fn many_findings_on_one_long_line() {
    const CALLS: usize = 1_000;
    let dir = tempdir();
    write(
        dir.path(),
        "OneLine.java",
        format!(
            "{} class OneLine {{ void run(StreamExecutionEnvironment env) {{ {}}} }}\n",
            ENV_IMPORT.trim_end(),
            "env.enableCheckpointing(100); ".repeat(CALLS)
        ),
    );
    let listed = concise(dir.path(), &["OneLine.java"]);
    assert_eq!(listed.code, 1, "{listed:?}");
    assert_eq!(listed.findings().len(), CALLS, "{listed:?}");
    let human = run(bin(dir.path()).args(["--ignore", SAME_PLACE_AS_FLK001, "OneLine.java"]));
    assert_eq!(human.code, 1, "{human:?}");
    assert!(
        human.stdout.len() < CALLS * 4096,
        "{} bytes of human report for {CALLS} findings",
        human.stdout.len()
    );
}

/// A generated method with thousands of locals, each resolved, traced and flagged: the rules
/// look names up in per-file indexes, so the work grows with the method, not with the method
/// times its locals. (A walk of the method per lookup took 137 s for 8,000 statements.)
#[test]
fn thousands_of_locals_in_one_method() {
    const GROUPS: usize = 1_000;
    let mut source = String::from(
        "import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;\n\
         import org.apache.hadoop.hbase.client.*;\n\
         import redis.clients.jedis.JedisPoolConfig;\n\
         class Generated {\n  void run(Connection conn) throws Exception {\n",
    );
    for i in 0..GROUPS {
        let _ = write!(
            source,
            "    StreamExecutionEnvironment env{i} = StreamExecutionEnvironment.getExecutionEnvironment();\n\
             \x20   env{i}.enableCheckpointing(500);\n\
             \x20   Table t{i} = conn.getTable(TableName.valueOf(\"t{i}\"));\n\
             \x20   JedisPoolConfig c{i} = new JedisPoolConfig(); c{i}.setMaxTotal(2); register(c{i});\n"
        );
    }
    source.push_str("  }\n}\n");
    let dir = tempdir();
    write(dir.path(), "Generated.java", source);
    let listed = concise(dir.path(), &["Generated.java"]);
    assert_eq!(listed.code, 1, "{listed:?}");
    let findings = listed.findings();
    for code in ["FLK001", "HBS001", "RDS001"] {
        let count = findings.iter().filter(|f| f.contains(code)).count();
        assert_eq!(count, GROUPS, "{code}: {listed:?}");
    }
    assert_eq!(findings.len(), 3 * GROUPS);
    // A bound for a quadratic regression (a debug build, a busy machine), not a benchmark.
    assert!(listed.elapsed < Duration::from_secs(30), "{listed:?}");
}

#[test]
fn thousands_of_calls_to_helpers_of_one_class() {
    const CALLERS: usize = 1_000;
    const CHAIN: usize = 2_000;
    const FILLER: usize = 5_000;
    let mut source = String::from(
        "import org.apache.hadoop.hbase.client.*;\n\
         class Generated {\n\
         \x20 private final Connection conn;\n\
         \x20 Generated(Connection conn) { this.conn = conn; }\n\
         \x20 private void write(Table t, Put p) throws Exception { t.put(p); }\n",
    );
    // Many callers of one helper that only uses the table: it is analysed once.
    for i in 0..CALLERS {
        let _ = writeln!(
            source,
            "  void save{i}(Put p) throws Exception {{ Table t = conn.getTable(TableName.valueOf(\"t{i}\")); write(t, p); }}"
        );
    }
    // A chain of helpers far deeper than followed: silent, and no deep recursion.
    for i in 0..CHAIN {
        let _ = writeln!(
            source,
            "  private void pass{i}(Table t) throws Exception {{ pass{}(t); }}",
            i + 1
        );
    }
    let _ = write!(
        source,
        "  private void pass{CHAIN}(Table t) throws Exception {{ t.close(); }}\n\
         \x20 void chained() throws Exception {{ pass0(conn.getTable(TableName.valueOf(\"c\"))); }}\n"
    );
    // A long way from acquisition to close, with one call that can throw near the end.
    source.push_str("  void create(TableDescriptor d) throws Exception {\n    int k = 0;\n    Admin admin = conn.getAdmin();\n");
    for _ in 0..FILLER {
        source.push_str("    k = k + 1;\n");
    }
    source.push_str("    admin.createTable(d);\n    admin.close();\n  }\n}\n");
    let dir = tempdir();
    write(dir.path(), "Generated.java", source);
    let listed = concise(dir.path(), &["--select", "HBS001", "Generated.java"]);
    assert_eq!(listed.code, 1, "{listed:?}");
    let lines: Vec<&str> = listed.stdout.lines().collect();
    let passed = lines
        .iter()
        .filter(|l| l.contains("[error]") && l.contains("passed to `write(..)`"))
        .count();
    let normal_path = lines
        .iter()
        .filter(|l| l.contains("[info]") && l.contains("`createTable(..)` can throw"))
        .count();
    assert_eq!(
        (passed, normal_path, lines.len()),
        (CALLERS, 1, CALLERS + 1),
        "{}",
        listed.stderr
    );
    // A bound for a quadratic regression (a debug build, a busy machine), not a benchmark.
    assert!(
        listed.elapsed < Duration::from_secs(30),
        "{:?}",
        listed.elapsed
    );
}

// ---------------------------------------------------------------------------------------------
// Writes: nothing but `--output`, and that atomically.

/// What a tree holds: for every entry below `root` (links not followed), its type, content
/// (or link target) and modification time.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, (String, Vec<u8>, Option<SystemTime>)> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).expect("read_dir") {
            let path = entry.expect("entry").path();
            let meta = fs::symlink_metadata(&path).expect("lstat");
            let modified = meta.modified().ok();
            let (kind, content) = if meta.is_dir() {
                stack.push(path.clone());
                ("dir", Vec::new())
            } else if meta.is_symlink() {
                let target = fs::read_link(&path).expect("readlink");
                ("link", target.as_os_str().as_encoded_bytes().to_vec())
            } else {
                ("file", fs::read(&path).expect("read"))
            };
            let relative = path.strip_prefix(root).expect("below root").to_path_buf();
            out.insert(relative, (kind.to_owned(), content, modified));
        }
    }
    out
}

/// A small project with findings of every kind, ignore files, a hidden directory and a link.
fn project(root: &Path) {
    for (name, text, _) in first_line_findings() {
        write(root, &format!("src/{name}"), text);
    }
    write(root, ".gitignore", "generated/\n");
    write(root, "generated/Gen.java", "class Gen {}\n");
    write(root, ".hidden/Job.java", "class Job {}\n");
    fs::create_dir_all(root.join("empty")).expect("mkdir");
    #[cfg(unix)]
    std::os::unix::fs::symlink("src", root.join("link")).expect("symlink");
}

#[test]
fn linting_writes_nothing_but_the_output_file() {
    let tree = tempdir();
    project(tree.path());
    let work = tempdir();
    let out = tempdir();
    let before = snapshot(tree.path());
    let tree_arg = tree.path().as_os_str();
    let runs = [
        run(bin(tree.path()).arg(".")),
        run(bin(work.path()).args(["--format", "json"]).arg(tree_arg)),
        run(bin(work.path())
            .args(["--format", "sarif", "--output"])
            .arg(out.path().join("report.sarif"))
            .arg(tree_arg)),
    ];
    for run in &runs {
        assert_eq!(run.code, 1, "{run:?}");
    }
    assert!(before == snapshot(tree.path()), "the linted tree changed");
    assert!(
        snapshot(work.path()).is_empty(),
        "files appeared in the working directory"
    );
    let written: Vec<PathBuf> = snapshot(out.path()).into_keys().collect();
    assert_eq!(written, [PathBuf::from("report.sarif")]);
}

#[test]
fn output_into_a_missing_directory_creates_nothing() {
    let dir = tempdir();
    write(
        dir.path(),
        "application.properties",
        "spring.data.redis.jedis.pool.max-active=1\n",
    );
    let before = snapshot(dir.path());
    let run = run(bin(dir.path()).args([
        "--format",
        "json",
        "--output",
        "missing/sub/report.json",
        "application.properties",
    ]));
    assert_eq!((run.code, run.stdout.as_str()), (2, ""), "{run:?}");
    assert!(
        run.stderr
            .contains("error: cannot write missing/sub/report.json: "),
        "{run:?}"
    );
    assert!(before == snapshot(dir.path()), "something was created");
}

#[test]
fn output_leaves_no_temporary_file_behind() {
    let dir = tempdir();
    write(
        dir.path(),
        "src/application.properties",
        "spring.data.redis.jedis.pool.max-active=1\n",
    );
    let out = dir.path().join("out");
    fs::create_dir(&out).expect("mkdir");
    // A bare file name (its directory is the working directory) and a path.
    let bare = run(bin(&out).args(["--format", "json", "--output", "report.json", "../src"]));
    assert_eq!(bare.code, 1, "{bare:?}");
    let path =
        run(bin(dir.path()).args(["--format", "sarif", "--output", "out/report.sarif", "src"]));
    assert_eq!(path.code, 1, "{path:?}");
    let written: Vec<PathBuf> = snapshot(&out).into_keys().collect();
    assert_eq!(
        written,
        [PathBuf::from("report.json"), PathBuf::from("report.sarif")]
    );
    let json: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("report.json")).expect("read"))
            .expect("a whole JSON document");
    assert!(json.is_object());
}

#[cfg(unix)]
#[test]
fn existing_output_file_is_replaced_whole() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempdir();
    write(
        dir.path(),
        "application.properties",
        "spring.data.redis.jedis.pool.max-active=1\n",
    );
    let old = vec![b'X'; 1024 * 1024];
    let report = write(dir.path(), "report.json", &old);
    // A second name for the old file: written in place, it would change too.
    fs::hard_link(&report, dir.path().join("old.json")).expect("link");
    let old_inode = fs::metadata(&report).expect("metadata").ino();
    let args = ["--format", "json", "application.properties"];
    let written = run(bin(dir.path()).args(["--output", "report.json"]).args(args));
    assert_eq!(
        (written.code, written.stdout.as_str()),
        (1, ""),
        "{written:?}"
    );
    let printed = run(bin(dir.path()).args(args));
    assert_eq!(
        fs::read_to_string(&report).expect("read"),
        printed.stdout,
        "the report is not exactly what stdout gets"
    );
    assert_ne!(fs::metadata(&report).expect("metadata").ino(), old_inode);
    assert_eq!(fs::read(dir.path().join("old.json")).expect("read"), old);
}

#[test]
fn output_path_that_is_a_directory_is_an_error() {
    let dir = tempdir();
    write(
        dir.path(),
        "application.properties",
        "spring.data.redis.jedis.pool.max-active=1\n",
    );
    write(dir.path(), "report/keep.txt", "kept\n");
    let before = snapshot(dir.path());
    let run = run(bin(dir.path()).args([
        "--format",
        "json",
        "--output",
        "report",
        "application.properties",
    ]));
    assert_eq!((run.code, run.stdout.as_str()), (2, ""), "{run:?}");
    assert!(
        run.stderr.contains("error: cannot write report: "),
        "{run:?}"
    );
    assert!(before == snapshot(dir.path()), "something was written");
}

// Round two: the cases of the second hardening pass, one module per engine path.
#[path = "hostile/fold.rs"]
mod fold;
#[path = "hostile/io.rs"]
mod io;
#[path = "hostile/render.rs"]
mod render;
#[path = "hostile/scale.rs"]
mod scale;
#[path = "hostile/walk.rs"]
mod walk;
