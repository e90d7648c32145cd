//! The human rendering of every rule's `bad` fixtures, as reviewed snapshots: message, snippet,
//! carets, labels and help exactly as a user sees them (no colour, 100 columns).
//!
//! Review changes with `cargo insta review` (or `INSTA_UPDATE=always` and `git diff`).

mod common;

use bdl_report::human::{HumanOptions, write_human};
use bigdata_lint::registry;

#[test]
fn human_rendering_of_bad_fixtures() {
    let root = common::root();
    std::env::set_current_dir(&root).expect("cd to the repository root");
    for rule in registry::all_rules() {
        let code = rule.meta().code;
        let bad = std::path::PathBuf::from("testdata").join(code).join("bad");
        let result = common::lint_rule(code, &[bad]);
        let mut out = Vec::new();
        write_human(
            &mut out,
            &result.diagnostics,
            &result.sources,
            HumanOptions {
                color: false,
                width: 100,
                unsafe_fixes: false,
            },
        )
        .expect("renders");
        let text = String::from_utf8(out).expect("UTF-8");
        insta::assert_snapshot!(code, text);
    }
}
