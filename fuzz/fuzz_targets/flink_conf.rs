//! The legacy `flink-conf.yaml` dialect (flat `key: value` lines, Flink's own reader), then
//! every rule. Invariants: entry and error spans are valid slices of the input; findings lie
//! within the text.

#![no_main]

use bdl_core::FileKind;
use bdl_fuzz::{decode, fuzz_config};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    fuzz_config(FileKind::FlinkConf, "flink-conf.yaml", &decode(data));
});
