//! Sizes that once cost quadratic time: a class with thousands of methods, each resolving a
//! name or a factory method through the class's members.

use super::*;

/// How long a case may take in a debug build: far below the suite's [`LIMIT`], far above what
/// a linear pass needs (well under a second); the quadratic lookups took over 15 s.
const QUICK: Duration = Duration::from_secs(5);

/// A job class whose 4,000 small methods each start a chain on `stream`: a field declared after
/// them all (`bottom`), or a name declared nowhere in the file. Every chain root is resolved
/// (FLK016, FLK017 and others follow locals to their values), and each lookup used to scan
/// every member of the class for a field of that name.
fn many_methods(bottom: bool) -> String {
    let mut source = format!(
        "{ENV_IMPORT}import org.apache.flink.streaming.api.datastream.DataStream;\n\
         public class Wide {{\n    \
         public static void main(String[] a) throws Exception {{\n        \
         StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();\n        \
         env.setMaxParallelism(128);\n        \
         env.fromSequence(1, 2).keyBy(x -> x).map(x -> x).uid(\"m\").print();\n        \
         env.execute();\n    }}\n"
    );
    for i in 0..4_000 {
        let _ = writeln!(
            source,
            "    void m{i}() {{ stream.map(f{i}).uid(\"u{i}\"); }}"
        );
    }
    if bottom {
        source.push_str("    DataStream<String> stream;\n");
    }
    source.push_str("}\n");
    source
}

#[test]
fn thousands_of_methods_resolve_names_in_linear_time() {
    for bottom in [false, true] {
        let dir = tempdir();
        write(dir.path(), "Wide.java", many_methods(bottom));
        let binary = assert_cmd::cargo::cargo_bin("bigdata-lint");
        let mut cmd = Command::new(binary);
        cmd.current_dir(dir.path())
            .env_remove("GITHUB_STEP_SUMMARY")
            .args(["--format", "concise", "--threads", "1", "Wide.java"]);
        let run = run(&mut cmd);
        // Every operator has its uid and the job its max parallelism: nothing to report.
        assert_eq!(run.code, 0, "{run:?}");
        assert!(run.findings().is_empty(), "{run:?}");
        assert!(
            run.elapsed < QUICK,
            "field at the bottom: {bottom}: {run:?}"
        );
    }
}

/// A DAO class whose 2,000 methods each take an HBase `Table` and a Jedis connection from the
/// class's own factory methods (`connection()`, `jedis()`), declared last. Every handle is
/// followed to its factory, and each call used to scan every member of the class for the
/// method, and the whole text for the client's package.
fn many_handles() -> String {
    let mut source = String::from(
        "import org.apache.hadoop.hbase.TableName;\n\
         import org.apache.hadoop.hbase.client.*;\n\
         import redis.clients.jedis.*;\n\
         public class Wide {\n    \
         private Connection conn;\n    \
         private JedisPool pool;\n",
    );
    for i in 0..2_000 {
        let _ = writeln!(
            source,
            "    void m{i}(Put p) throws Exception {{ try (Table t = connection().getTable(TableName.valueOf(\"t{i}\")); Jedis j = jedis()) {{ t.put(p); j.set(\"k{i}\", \"v\"); }} }}"
        );
    }
    source.push_str(
        "    Connection connection() { return conn; }\n    \
         Jedis jedis() { return pool.getResource(); }\n}\n",
    );
    source
}

#[test]
fn thousands_of_methods_resolve_their_own_factories_in_linear_time() {
    let dir = tempdir();
    write(dir.path(), "Wide.java", many_handles());
    let binary = assert_cmd::cargo::cargo_bin("bigdata-lint");
    let mut cmd = Command::new(binary);
    cmd.current_dir(dir.path())
        .env_remove("GITHUB_STEP_SUMMARY")
        .args(["--format", "concise", "--threads", "1", "Wide.java"]);
    let run = run(&mut cmd);
    // Every handle is closed by its try-with-resources: nothing to report.
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.findings().is_empty(), "{run:?}");
    assert!(run.elapsed < QUICK, "{run:?}");
}
