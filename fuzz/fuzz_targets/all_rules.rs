//! Arbitrary bytes as any file the linter reads, through the whole per-file pipeline: the
//! first byte picks the file name (and so the kind, as the engine detects it), the rest is the
//! file. Every rule of the registry runs at its default options, inline suppressions on.
//!
//! Input layout: `selector, contents...`; bits 0-2 plus 8 times bits 4-6 (modulo the number of
//! names) index [`FILE_NAMES`], and bit 3 puts the file under `src/test/java/` (a test source,
//! which some rules skip).

#![no_main]

use std::path::Path;

use bdl_core::FileKind;
use bdl_fuzz::{FILE_NAMES, lint_as_file};
use bdl_syntax::kind::{NameGuess, guess_from_name};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, contents)) = data.split_first() else {
        return;
    };
    let index = usize::from(selector & 7) + 8 * usize::from((selector >> 4) & 7);
    let name = FILE_NAMES[index % FILE_NAMES.len()];
    let path = if selector & 8 == 0 {
        name.to_owned()
    } else {
        format!("src/test/java/{name}")
    };
    // Decoded as the engine decodes a file of that name: by byte order mark, and for XML by
    // its declaration, with invalid sequences replaced.
    let kind = match guess_from_name(Path::new(name)) {
        NameGuess::Kind(kind) => kind,
        NameGuess::MaybeFlinkYaml | NameGuess::Other => FileKind::FlinkYaml,
    };
    let text = bdl_syntax::decode::decode(contents.to_vec(), kind).text;
    lint_as_file(&path, &text);
});
