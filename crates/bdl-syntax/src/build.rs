//! Build files as rules see them: the dependencies a `pom.xml`, a Gradle build script or the
//! Gradle version catalog declares, each with its version as written, the version it resolves
//! to, and where it is written.
//!
//! The readers are the ones that infer target versions ([`crate::project`]): one pom reader,
//! one Gradle scanner, one catalog reader. Versions are resolved as there: `${…}` through the
//! module's and its parents' properties on disk and `dependencyManagement`; Gradle variables,
//! `gradle.properties` of the project and the root project, and `libs.versions.*` from the
//! catalog; `version.ref` within the catalog. What cannot be resolved stays `None`.

use bdl_core::{FileKind, Span};

/// A build file, parsed once for the rules.
#[derive(Debug)]
pub struct BuildFile<'a> {
    pub kind: FileKind,
    pub text: &'a str,
    /// The declared dependencies, in file order (at most [`MAX_DEPENDENCIES`]).
    pub dependencies: Vec<Dependency>,
}

/// Dependencies kept per build file; real build files stay far below.
pub const MAX_DEPENDENCIES: usize = 1024;

/// Where a dependency is declared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Declared {
    /// `<dependencies>` of a pom.
    Dependencies,
    /// `<dependencyManagement>` of a pom.
    Managed,
    /// A coordinate in a Gradle build script (string or map notation).
    Script,
    /// A library of the version catalog.
    Catalog,
}

/// One declared dependency.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dependency {
    pub group: String,
    pub artifact: String,
    /// The version as written (`${kafka.version}`, `$kafkaVersion`, `3.0.0-1.17`, a catalog
    /// `version.ref` key); `None` when the declaration gives none (a managed version applies).
    pub written: Option<String>,
    /// The version after resolving references and managed versions; `None` when it cannot be
    /// resolved.
    pub resolved: Option<String>,
    /// Where the resolved version comes from when that is not the literal at [`Self::span`]:
    /// `property kafka.version (pom.xml)`, `dependencyManagement (../pom.xml)`,
    /// `variable kafkaVersion (gradle.properties)`, `version kafka`.
    pub origin: Option<String>,
    pub declared: Declared,
    /// The version as written (the text of `<version>`, the version part of a Gradle
    /// coordinate string, the version value of map notation), else the declaration (the
    /// `<artifactId>`, the coordinate string, the catalog alias).
    pub span: Span,
}

impl Dependency {
    /// `group:artifact`.
    pub fn coordinates(&self) -> String {
        format!("{}:{}", self.group, self.artifact)
    }
}

impl<'a> BuildFile<'a> {
    /// A build file read alone: references resolve within the file only.
    pub fn parse(kind: FileKind, text: &'a str) -> Self {
        Self {
            kind,
            text,
            dependencies: crate::project::dependencies_alone(kind, text),
        }
    }
}

/// Whether `id` is a Maven group or artifact id as written by hand: letters, digits, `.`, `-`,
/// `_`, and `${…}` references.
pub(crate) fn is_maven_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 256
        && id.bytes().all(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'$' | b'{' | b'}')
        })
}
