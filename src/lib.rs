//! bigdata-lint as a library: the rule registry, the engine that runs a lint over paths, the
//! command line, and the generated rule reference. `main.rs` only calls [`cli::main`].

pub mod baseline;
pub mod cli;
pub mod docs;
pub mod engine;
pub mod registry;
pub mod settings;
