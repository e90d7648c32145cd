//! Constant folding: exponential constants, huge strings, Java int arithmetic (cases 5 and 11 of round two).

use super::*;

/// How long a folding case may take in a debug build: far below the suite's [`LIMIT`], far
/// above what a linear fold needs (well under a second).
const QUICK: Duration = Duration::from_secs(5);

/// The address space a folding case may use, in KiB. A run of one small file needs a few tens
/// of megabytes; the doubled string constants below took 3 GB before folding was bounded.
const ADDRESS_SPACE_KIB: u32 = 1 << 20;

/// Lints `name` alone in `dir` on one thread, with the address space capped at
/// [`ADDRESS_SPACE_KIB`] (an allocation past it aborts the run, which [`run`] reports).
fn concise_capped(dir: &Path, name: &str) -> Run {
    let binary = assert_cmd::cargo::cargo_bin("bigdata-lint");
    let mut cmd = Command::new("sh");
    cmd.current_dir(dir)
        .env("COLUMNS", "100")
        .env_remove("NO_COLOR")
        .env_remove("GITHUB_STEP_SUMMARY")
        .arg("-c")
        .arg(format!(
            "ulimit -v {ADDRESS_SPACE_KIB} && exec \"$0\" \"$@\""
        ))
        .arg(binary)
        .args(["--format", "concise", "--threads", "1", name]);
    run(&mut cmd)
}

/// `static final long X1 = X0 + X0; … X23 = X22 + X22;`: each name is used twice, so following
/// the names without remembering their values takes 2^23 folds (over a minute). Each constant
/// is folded once per file, and the value is exact: 2^23 - 8,388,000 = 608 ms.
#[test]
fn doubling_long_constants_fold_once_each() {
    let mut source = format!("{ENV_IMPORT}class Doubling {{\n    static final long X0 = 1;\n");
    for i in 1..=23 {
        let _ = writeln!(
            source,
            "    static final long X{i} = X{} + X{};",
            i - 1,
            i - 1
        );
    }
    source.push_str(
        "    void run(StreamExecutionEnvironment env) {\n        env.enableCheckpointing(X23 - 8_388_000); env.getCheckpointConfig().setMinPauseBetweenCheckpoints(30_000);\n    }\n}\n",
    );
    assert!(source.len() < 2048, "{} bytes", source.len());
    let dir = tempdir();
    write(dir.path(), "Doubling.java", &source);
    let run = concise_capped(dir.path(), "Doubling.java");
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(run.findings(), ["Doubling.java:28:33: FLK001"], "{run:?}");
    assert!(run.stdout.contains("is 608ms,"), "{run:?}");
    assert!(run.elapsed < QUICK, "{run:?}");
}

/// `S1 = S0 + S0; … S15 = S14 + S14` from a 64 KiB literal would be a 2 GiB key. No key is
/// that long: a folded string above the bound is unknown, so the write is silently skipped, and
/// the same file's ordinary write is still checked.
#[test]
fn doubling_a_huge_string_constant_stays_small() {
    let mut source = String::from(
        "import org.apache.hadoop.conf.Configuration;\nclass Strings {\n    static final String S0 = \"",
    );
    source.push_str(&"dfs.replication.".repeat(4096));
    source.push_str("\";\n");
    for i in 1..=15 {
        let _ = writeln!(
            source,
            "    static final String S{i} = S{} + S{};",
            i - 1,
            i - 1
        );
    }
    source.push_str(
        "    void run(Configuration conf) {\n        conf.set(S15, \"1\");\n        conf.set(\"dfs.replication\", \"1\");\n    }\n}\n",
    );
    let dir = tempdir();
    write(dir.path(), "Strings.java", &source);
    let run = concise_capped(dir.path(), "Strings.java");
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(run.findings(), ["Strings.java:21:37: HDP001"], "{run:?}");
    assert!(run.elapsed < QUICK, "{run:?}");
}

/// Java multiplies two `int`s in 32 bits: `65536 * 65536 + 500` is 500 ms, a checkpoint storm,
/// not the 4,294,967,796 ms that 64-bit arithmetic gives. With an `L`, the product is a `long`
/// and the interval is about 50 days.
#[test]
fn int_arithmetic_wraps_as_in_java() {
    let dir = tempdir();
    write(
        dir.path(),
        "Wraps.java",
        format!(
            "{ENV_IMPORT}class Wraps {{\n    void run(StreamExecutionEnvironment env) {{\n        \
             env.enableCheckpointing(65536 * 65536 + 500);\n        \
             env.enableCheckpointing(65536L * 65536 + 500);\n    }}\n}}\n"
        ),
    );
    let run = concise(dir.path(), &["--select", "FLK001,FLK024", "Wraps.java"]);
    assert_eq!(run.code, 1, "{run:?}");
    // The second call is also a redefinition of the first, with the value folded as Java does.
    assert_eq!(
        run.findings(),
        ["Wraps.java:4:33: FLK001", "Wraps.java:5:9: FLK024"],
        "{run:?}"
    );
    assert!(
        run.stdout
            .contains("checkpoint interval is 500ms, below 1s"),
        "{run:?}"
    );
    assert!(
        run.stdout
            .contains("with `4294967796ms`; line 4 enables it with `500ms`"),
        "{run:?}"
    );
}
