//! Java `.properties` syntax, read both as a Spring `application.properties` and as
//! `spark-defaults.conf` (one parser, different rules), then every rule for each. Invariants:
//! entry and error spans are valid slices of the input; findings lie within the text.

#![no_main]

use bdl_core::FileKind;
use bdl_fuzz::{decode, fuzz_config};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = decode(data);
    fuzz_config(FileKind::SpringProperties, "application.properties", &text);
    fuzz_config(FileKind::SparkConf, "spark-defaults.conf", &text);
});
