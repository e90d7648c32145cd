//! bigdata-lint as a library: the rule registry, the engine that runs a lint over paths, the
//! command line, the writing of the files it produces, and the generated rule reference.
//! `main.rs` only calls [`cli::main`].

pub mod baseline;
pub mod cli;
pub mod docs;
pub mod engine;
pub mod fix;
pub mod migrate;
pub mod output;
pub mod registry;
pub mod server;
pub mod settings;
pub mod target;
