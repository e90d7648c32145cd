//! The files around a checked file that rules may ask about: configuration files in its
//! directory ([`Projects::sibling`]) and the Java sources of the classes it names
//! ([`Projects::java_sources`]). Each is read and summarised at most once per run, by whichever
//! thread asks first, and only when a rule asks.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use bdl_core::FileKind;

use super::{Projects, absolute, lock};
use crate::decode::decode;
use crate::java::facts::{JavaFacts, MAX_SOURCE_SIZE};
use crate::read::{ReadOutcome, read_regular_no_follow};
use crate::view::Sibling;

/// Configuration files above this size are not read as neighbours. Real `*-site.xml` files stay
/// below 100 KiB.
pub const MAX_SIBLING_SIZE: u64 = 2 * 1024 * 1024;

/// How many neighbour files and Java summaries one run keeps at most; past that, lookups of new
/// files answer "unknown". Each is bounded in itself (see [`crate::java::facts`]).
pub const MAX_KEPT: usize = 65_536;

/// How many entries of a build's root directory are looked at for other modules.
const MAX_MODULES: usize = 512;

impl Projects {
    /// The configuration file `name` in the directory of the checked file `checked`.
    pub(crate) fn sibling(
        &self,
        checked: &Path,
        name: &str,
        kind: FileKind,
    ) -> Option<Arc<Sibling>> {
        if name.contains(['/', '\\']) || name == ".." || name == "." {
            return None;
        }
        let file = absolute(checked, self.cwd.as_deref())?;
        let path = file.parent()?.join(name);
        if path == file {
            return None;
        }
        let slot = {
            let mut siblings = lock(&self.siblings);
            if siblings.len() >= MAX_KEPT && !siblings.contains_key(&path) {
                return None;
            }
            Arc::clone(siblings.entry(path.clone()).or_default())
        };
        slot.get_or_init(|| {
            let Ok(ReadOutcome::Bytes(bytes)) = read_regular_no_follow(&path, MAX_SIBLING_SIZE)
            else {
                return None;
            };
            let text = decode(bytes, kind).text;
            Some(Arc::new(Sibling::parse(name, kind, text)))
        })
        .clone()
    }

    /// The summaries of the Java files at `relative` under the source roots of `checked`, a
    /// Java file of package `package`.
    pub(crate) fn java_sources(
        &self,
        checked: &Path,
        package: &str,
        relative: &str,
    ) -> Vec<Arc<JavaFacts>> {
        let Some(file) = absolute(checked, self.cwd.as_deref()) else {
            return Vec::new();
        };
        let Some(root) = file.parent().and_then(|dir| source_root(dir, package)) else {
            return Vec::new();
        };
        let relative = Path::new(relative);
        let mut found = Vec::new();
        for root in self.source_roots(&root) {
            let path = root.join(relative);
            if path == file {
                continue;
            }
            if let Some(facts) = self.summary(&path) {
                found.push(facts);
            }
        }
        found
    }

    /// `root` and the roots that hold the same packages in the other modules of its build:
    /// `src/main/java` beside a `src/test/java`, and `<module>/src/main/java` of the modules
    /// beside the file's module.
    fn source_roots(&self, root: &Path) -> Vec<PathBuf> {
        let mut roots = vec![root.to_path_buf()];
        let Some(module) = maven_module(root) else {
            return roots;
        };
        if root.ends_with("src/test/java") {
            roots.push(module.join("src/main/java"));
        }
        // Other modules count only inside a multi-module build: a build file beside them.
        let Some(build) = module
            .parent()
            .filter(|b| super::build_file_in(b).is_some())
        else {
            return roots;
        };
        let modules = {
            let known = lock(&self.module_dirs).get(build).cloned();
            known.unwrap_or_else(|| {
                let listed = Arc::new(list_modules(build));
                let mut dirs = lock(&self.module_dirs);
                if dirs.len() < MAX_KEPT {
                    dirs.insert(build.to_path_buf(), Arc::clone(&listed));
                }
                listed
            })
        };
        for other in modules.iter().filter(|m| m.as_path() != module) {
            roots.push(other.join("src/main/java"));
        }
        roots
    }

    /// The summary of the Java file at `path` (absolute), read once per run.
    fn summary(&self, path: &Path) -> Option<Arc<JavaFacts>> {
        let slot = {
            let mut sources = lock(&self.sources);
            if sources.len() >= MAX_KEPT && !sources.contains_key(path) {
                return None;
            }
            Arc::clone(sources.entry(path.to_path_buf()).or_default())
        };
        slot.get_or_init(|| {
            let Ok(ReadOutcome::Bytes(bytes)) = read_regular_no_follow(path, MAX_SOURCE_SIZE)
            else {
                return None;
            };
            let text = decode(bytes, FileKind::Java).text;
            Some(Arc::new(JavaFacts::summarize(&text)))
        })
        .clone()
    }
}

/// The source root of a file in `dir` declaring `package`: `dir` without the package's
/// directories (`src/main/java` for `src/main/java/com/acme` and `com.acme`); `None` when the
/// directories do not match the package.
fn source_root(dir: &Path, package: &str) -> Option<PathBuf> {
    let mut root = dir;
    if package.is_empty() {
        return Some(root.to_path_buf());
    }
    for part in package.rsplit('.') {
        if root.file_name()?.to_str()? != part {
            return None;
        }
        root = root.parent()?;
    }
    Some(root.to_path_buf())
}

/// The module directory of a Maven/Gradle source root (`<module>/src/main/java`).
fn maven_module(root: &Path) -> Option<&Path> {
    let standard = ["src/main/java", "src/test/java"]
        .iter()
        .any(|layout| root.ends_with(layout));
    standard.then(|| root.parent()?.parent()?.parent())?
}

/// The directories of `build` that hold a `src/main/java`: the other modules of the build.
fn list_modules(build: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(build) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .take(MAX_MODULES)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.path())
        .filter(|dir| {
            dir.join("src/main/java")
                .symlink_metadata()
                .is_ok_and(|m| m.is_dir())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_roots_follow_the_package() {
        assert_eq!(
            source_root(Path::new("/p/src/main/java/com/acme"), "com.acme"),
            Some(PathBuf::from("/p/src/main/java"))
        );
        assert_eq!(source_root(Path::new("/p/src/com/other"), "com.acme"), None);
        assert_eq!(
            source_root(Path::new("/p/src"), ""),
            Some(PathBuf::from("/p/src"))
        );
        assert_eq!(
            maven_module(Path::new("/p/job/src/main/java")),
            Some(Path::new("/p/job"))
        );
        assert_eq!(maven_module(Path::new("/p/job/src")), None);
    }
}
