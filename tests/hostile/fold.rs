//! Constant folding: exponential constants, huge strings, Java int arithmetic (cases 5 and 11 of round two).

use super::*;

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
    let run = concise(dir.path(), &["Wraps.java"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(run.findings(), ["Wraps.java:4:33: FLK001"], "{run:?}");
    assert!(
        run.stdout
            .contains("checkpoint interval is 500ms, below 1s"),
        "{run:?}"
    );
}
