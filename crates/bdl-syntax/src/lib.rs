//! From files to parsed models: discovery, kind detection, the unified configuration model,
//! Java via tree-sitter with the analysis helpers every Java rule shares, and the per-file
//! checker that parses a file once, runs every applicable rule on it and applies the file's
//! inline suppression comments (`suppress`).

pub mod build;
mod check;
pub mod config;
pub mod decode;
pub mod discover;
pub mod fix;
pub mod java;
pub mod kind;
pub mod project;
pub mod read;
mod rule;
pub mod suppress;
pub mod view;

pub use build::BuildFile;
pub use check::{
    Checker, FileReport, INTERNAL_ERROR_CODE, ISSUES_URL, InvalidSyntax, check_one,
    check_one_with_targets,
};
pub use config::{ConfigFile, Entry};
pub use java::JavaFile;
pub use rule::Rule;
pub use suppress::{InvalidSuppression, UnusedSuppression};
pub use view::{Isolated, ProjectView, Sibling};
