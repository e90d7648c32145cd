//! YAML, read both as Flink's `config.yaml` and as a Spring `application.yml` (one parser,
//! different rules), then every rule for each. Invariants: entry and error spans are valid
//! slices of the input; findings lie within the text.

#![no_main]

use bdl_core::FileKind;
use bdl_fuzz::{decode, fuzz_config};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = decode(data);
    fuzz_config(FileKind::FlinkYaml, "config.yaml", &text);
    fuzz_config(FileKind::SpringYaml, "application.yml", &text);
});
