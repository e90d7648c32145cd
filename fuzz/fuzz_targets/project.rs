//! Random sets of files seen together: a Java file with the classes and constants of other
//! Java files at hand (the project view), and a site file with a neighbour. Every rule of the
//! registry runs; the reports must keep every invariant, whatever the other files hold.
//!
//! Input layout: parts separated by the byte `0xFF` (never in UTF-8): the checked Java file,
//! up to three other Java files, and last a configuration text that serves both as the checked
//! `hdfs-site.xml` and as every neighbour it asks for.

#![no_main]

use bdl_core::FileKind;
use bdl_fuzz::{MemoryProject, decode, lint_in};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let parts: Vec<_> = data.split(|b| *b == 0xFF).take(5).map(decode).collect();
    let Some((checked, rest)) = parts.split_first() else {
        return;
    };
    let (others, config) = match rest.split_last() {
        Some((last, others)) if !others.is_empty() || rest.len() == 1 => (others, Some(last)),
        _ => (rest, None),
    };
    let others: Vec<&str> = others.iter().map(|p| p.as_ref()).collect();
    let project = MemoryProject::new(&others, config.map(|c| c.as_ref()));
    lint_in(
        "src/main/java/com/acme/Job.java",
        FileKind::Java,
        checked,
        &project,
    );
    if let Some(config) = config {
        lint_in("conf/hdfs-site.xml", FileKind::HadoopXml, config, &project);
    }
});
