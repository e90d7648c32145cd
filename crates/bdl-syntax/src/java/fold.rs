//! See the module list in `java/mod.rs`.
