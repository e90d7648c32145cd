//! Helpers shared by the integration tests.
#![allow(dead_code, unreachable_pub)]

use std::path::{Path, PathBuf};

use bigdata_lint::engine::{self, RunOptions, RunResult};
use bigdata_lint::registry;

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .canonicalize()
        .expect("repository root exists")
}

/// Runs every rule, with default options, over `paths`.
pub fn lint(paths: &[PathBuf]) -> RunResult {
    let options = RunOptions {
        paths: paths.to_vec(),
        ..RunOptions::default()
    };
    engine::run(&registry::all_rules(), &options).expect("run succeeds")
}

/// Runs the rule `code` over `paths`, with the built-in rules (syntax errors and suppressions)
/// that every file kind has; a `BDL` code runs every rule, since suppressions are about the
/// findings of the others. Each rule's fixtures are judged by the rule alone, so that a new
/// rule does not have to be written into every other rule's fixtures.
pub fn lint_rule(code: &str, paths: &[PathBuf]) -> RunResult {
    let rules = registry::all_rules();
    let metas: Vec<_> = rules.iter().map(|r| r.meta()).collect();
    let select = if code.starts_with("BDL") {
        None
    } else {
        Some(
            [code, "BDL000", "BDL001", "BDL002"]
                .iter()
                .map(|c| bdl_core::Selector::parse(c, &metas).expect("a known code"))
                .collect(),
        )
    };
    let options = RunOptions {
        paths: paths.to_vec(),
        selection: bdl_core::Selection {
            select,
            ..bdl_core::Selection::default()
        },
        ..RunOptions::default()
    };
    engine::run(&rules, &options).expect("run succeeds")
}
