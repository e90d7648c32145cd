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
