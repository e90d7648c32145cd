//! Sizes that once cost quadratic time: a class with thousands of methods, each resolving a
//! name through the class's members.

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
