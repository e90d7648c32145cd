//! Java through tree-sitter-java and the shared analysis helpers, then every rule.
//!
//! Invariants: every node's byte range is a valid slice of the input; imports hold no
//! whitespace; folding, call chains and resource tracing terminate on every call and object
//! creation without panicking; the checker's findings lie within the text.

#![no_main]

use bdl_core::FileKind;
use bdl_fuzz::{check_span, decode, lint};
use bdl_syntax::JavaFile;
use bdl_syntax::java::{chain, fold, lifetime};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = decode(data);
    let file = JavaFile::parse(&text).expect("tree-sitter-java returns a tree for any input");
    assert_eq!(file.root().end_byte(), text.len(), "the tree does not cover the file");
    for node in file.nodes() {
        check_span(&text, JavaFile::span_of(node), node.kind());
        match node.kind() {
            "method_invocation" => {
                let _ = chain::method_name(&file, node);
                let _ = chain::root(node);
                let _ = chain::call_anchor(&file, node);
                assert!(chain::calls(&file, node).len() <= 1024);
                for argument in fold::arguments(node) {
                    let _ = fold::int(&file, argument);
                    let _ = fold::duration(&file, argument);
                    let _ = fold::millis(&file, argument);
                    let _ = fold::string(&file, argument);
                }
                let _ = lifetime::trace(&file, node);
                let _ = lifetime::hot_context(&file, node);
            }
            "object_creation_expression" => {
                let _ = lifetime::trace(&file, node);
            }
            "decimal_integer_literal" | "hex_integer_literal" | "octal_integer_literal"
            | "binary_integer_literal" => {
                let _ = fold::parse_int_literal(file.text_of(node));
            }
            "string_literal" => {
                if let Some(s) = fold::string_literal(&file, node) {
                    let _ = fold::parse_iso_duration(&s);
                }
            }
            _ => {}
        }
    }
    for import in file.imports() {
        assert!(!import.contains(char::is_whitespace), "import `{import}`");
    }
    lint("Job.java", FileKind::Java, false, &text);
});
