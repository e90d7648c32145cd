use bdl_core::{Ctx, RuleMeta};

use crate::build::BuildFile;
use crate::config::ConfigFile;
use crate::java::JavaFile;

/// A lint rule: plain Rust, a pure function of one parsed file.
///
/// The engine calls `check_java` only for Java files, `check_config` only for configuration
/// files and `check_build` only for build files (`pom.xml`, Gradle scripts, the version
/// catalog), and only when the file's kind is in the rule's `kinds`. All default to doing
/// nothing.
/// (The trait lives here rather than in `bdl-core` because its methods take the parsed models.)
pub trait Rule: Send + Sync + 'static {
    fn meta(&self) -> &'static RuleMeta;

    fn check_java(&self, _file: &JavaFile<'_>, _cx: &mut Ctx<'_>) {}

    fn check_config(&self, _file: &ConfigFile<'_>, _cx: &mut Ctx<'_>) {}

    fn check_build(&self, _file: &BuildFile<'_>, _cx: &mut Ctx<'_>) {}
}
