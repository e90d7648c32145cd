//! Hadoop / HBase `*-site.xml`, then every rule. Invariants: entry and error spans are valid
//! slices of the input; findings lie within the text.

#![no_main]

use bdl_core::FileKind;
use bdl_fuzz::{decode, fuzz_config};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    fuzz_config(FileKind::HadoopXml, "hdfs-site.xml", &decode(data));
});
