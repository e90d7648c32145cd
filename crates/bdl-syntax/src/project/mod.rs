//! Target versions inferred from build files: the Flink, Hadoop, HBase, Spring Boot, Jedis
//! and Elasticsearch client versions a linted file is built against.
//!
//! For a file, the nearest build file decides: walking up from the file's directory, the first
//! directory with a `pom.xml`, `build.gradle.kts`, `build.gradle` or a Gradle settings script
//! (in that order). The walk stops after the repository root (a directory with `.git`) or the
//! directory of the settings file in force, whichever comes first, so a build file outside the
//! project never counts.
//! From a Maven module the pom and its parents on disk are read ([`maven`]); from a Gradle
//! project the build script, the root project's script, `gradle.properties` and
//! `gradle/libs.versions.toml` ([`gradle`], [`catalog`]). What cannot be resolved is unknown.
//!
//! Everything is read lazily and once per run: [`FileTargets`] asks only when a rule wants a
//! version, the directory walk is cached (a bounded number of directories), and each build
//! file is read and parsed at most once, whichever thread asks first (others wait for it), so
//! a run over 10,000 files of one module reads its pom once. Memory grows with the number of
//! build files, and each one is read through [`read_regular_no_follow`] with
//! [`MAX_BUILD_FILE_SIZE`]: never a FIFO or device, never through a symbolic link.

mod artifacts;
mod catalog;
mod gradle;
mod maven;
mod neighbours;

pub use neighbours::{MAX_KEPT, MAX_SIBLING_SIZE};

use std::cell::OnceCell;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};

use bdl_core::{FileKind, Product, Target, TargetLookup, Targets};

use crate::build::{BuildFile, Dependency};
use crate::config::ConfigFile;
use crate::decode::decode;
use crate::java::facts::JavaFacts;
use crate::read::{ReadOutcome, read_regular_no_follow};
use crate::view::{ProjectView, Sibling};

/// Build files above this size are not read (their versions are unknown). Real poms stay
/// below 200 KiB.
pub const MAX_BUILD_FILE_SIZE: u64 = 2 * 1024 * 1024;

/// How many directories the walk to the nearest build file climbs at most.
const MAX_LEVELS: usize = 128;

/// Directories whose nearest build file is remembered; the cache starts over when full.
const MAX_CACHED_DIRS: usize = 4096;

/// Build file names, in the order they are looked for in a directory. A Gradle root project
/// may have only a settings script.
const BUILD_FILES: [(&str, BuildKind); 5] = [
    ("pom.xml", BuildKind::Maven),
    ("build.gradle.kts", BuildKind::Gradle),
    ("build.gradle", BuildKind::Gradle),
    ("settings.gradle.kts", BuildKind::Gradle),
    ("settings.gradle", BuildKind::Gradle),
];

/// Where target versions come from besides build files.
#[derive(Clone, Debug, Default)]
pub struct TargetOptions {
    /// From the settings' `target:` and `--target`: these win over build files.
    pub fixed: Targets,
    /// The directory of the settings file in force: the walk to a build file stops there (as
    /// it does at the repository root).
    pub stop_at: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum BuildKind {
    Maven,
    Gradle,
}

#[derive(Clone, Debug)]
struct NearestBuild {
    path: PathBuf,
    kind: BuildKind,
}

/// How a file read for target versions is parsed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Pom,
    Script { kotlin: bool },
    Properties,
    Catalog,
}

/// A build-side file, parsed.
#[derive(Debug)]
enum Parsed {
    Pom(maven::Pom),
    Script(gradle::Script),
    Properties(BTreeMap<String, String>),
    Catalog(catalog::Catalog),
}

impl Parsed {
    fn pom(&self) -> Option<&maven::Pom> {
        match self {
            Self::Pom(pom) => Some(pom),
            _ => None,
        }
    }
}

/// A value computed once by whichever thread asks first.
type Slot<T> = Arc<OnceLock<T>>;

/// The target versions of one run: the fixed ones, and the build files read so far.
/// Shared by every worker thread.
pub struct Projects {
    fixed: Targets,
    stop_at: Option<PathBuf>,
    cwd: Option<PathBuf>,
    /// Directory → its nearest build file.
    dirs: Mutex<HashMap<PathBuf, Option<NearestBuild>>>,
    /// Nearest build file → the targets it gives.
    modules: Mutex<HashMap<PathBuf, Slot<Arc<Targets>>>>,
    /// Every file read (poms, parents, scripts, properties, catalogs) → what it says.
    files: Mutex<HashMap<PathBuf, Slot<Option<Arc<Parsed>>>>>,
    unknown: Arc<Targets>,
    /// Configuration files read as neighbours of checked files.
    siblings: Mutex<HashMap<PathBuf, Slot<Option<Arc<Sibling>>>>>,
    /// Java files summarised for the classes they declare.
    sources: Mutex<HashMap<PathBuf, Slot<Option<Arc<JavaFacts>>>>>,
    /// A build's root directory → its modules with Java sources.
    module_dirs: Mutex<HashMap<PathBuf, Arc<Vec<PathBuf>>>>,
}

impl std::fmt::Debug for Projects {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Projects")
            .field("fixed", &self.fixed)
            .field("stop_at", &self.stop_at)
            .finish_non_exhaustive()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // The maps stay consistent whatever panicked while one was held.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Projects {
    pub fn new(options: &TargetOptions) -> Self {
        let cwd = std::env::current_dir().ok();
        Self {
            fixed: options.fixed.clone(),
            stop_at: options
                .stop_at
                .as_deref()
                .and_then(|p| absolute(p, cwd.as_deref())),
            cwd,
            dirs: Mutex::default(),
            modules: Mutex::default(),
            files: Mutex::default(),
            unknown: Arc::new(Targets::NONE),
            siblings: Mutex::default(),
            sources: Mutex::default(),
            module_dirs: Mutex::default(),
        }
    }

    /// The lazy lookup for the file at `path`: nothing is read until a rule asks.
    pub fn for_file<'a>(&'a self, path: &'a Path) -> FileTargets<'a> {
        FileTargets {
            projects: self,
            path,
            inferred: OnceCell::new(),
        }
    }

    /// Every target for `path` (a file, or a directory standing for the files in it): the
    /// fixed ones, the rest from the nearest build file.
    pub fn targets(&self, path: &Path) -> Targets {
        let mut targets = self.fixed.clone();
        targets.or(&self.inferred(self.dir_of(path)));
        targets
    }

    /// The build file that decides for `path` (a file or a directory), if any.
    pub fn build_file(&self, path: &Path) -> Option<PathBuf> {
        let dir = self.dir_of(path)?;
        self.nearest_build_file(&dir).map(|b| b.path)
    }

    /// `path` as shown to users: relative to the working directory when it lies below it.
    fn display(&self, path: &Path) -> PathBuf {
        self.cwd
            .as_deref()
            .and_then(|cwd| path.strip_prefix(cwd).ok())
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| path.to_path_buf(), Path::to_path_buf)
    }

    /// The absolute directory whose build file decides for `path`.
    fn dir_of(&self, path: &Path) -> Option<PathBuf> {
        let path = absolute(path, self.cwd.as_deref())?;
        if path.is_dir() {
            Some(path)
        } else {
            path.parent().map(Path::to_path_buf)
        }
    }

    /// The targets of the nearest build file of `dir` (absolute).
    fn inferred(&self, dir: Option<PathBuf>) -> Arc<Targets> {
        let Some(build) = dir.and_then(|d| self.nearest_build_file(&d)) else {
            return Arc::clone(&self.unknown);
        };
        let slot = Arc::clone(lock(&self.modules).entry(build.path.clone()).or_default());
        Arc::clone(slot.get_or_init(|| {
            let boundary = build.path.parent().and_then(|d| self.boundary_of(d));
            Arc::new(match build.kind {
                BuildKind::Maven => maven::infer(self, &build.path, boundary.as_deref()),
                BuildKind::Gradle => gradle::infer(self, &build.path, boundary.as_deref()),
            })
        }))
    }

    /// Whether the walk ends at `dir`: the settings file's directory or a repository root.
    fn is_boundary(&self, dir: &Path) -> bool {
        self.stop_at.as_deref() == Some(dir) || dir.join(".git").symlink_metadata().is_ok()
    }

    /// The directory the walk from `dir` would end at, if it ends before the filesystem root.
    fn boundary_of(&self, dir: &Path) -> Option<PathBuf> {
        dir.ancestors()
            .take(MAX_LEVELS)
            .find(|d| self.is_boundary(d))
            .map(Path::to_path_buf)
    }

    /// The nearest build file at or above `dir` (absolute), within the boundary.
    fn nearest_build_file(&self, dir: &Path) -> Option<NearestBuild> {
        let mut visited: Vec<&Path> = Vec::new();
        let mut found = None;
        for d in dir.ancestors().take(MAX_LEVELS) {
            if let Some(known) = lock(&self.dirs).get(d) {
                found.clone_from(known);
                break;
            }
            visited.push(d);
            if let Some(build) = build_file_in(d) {
                found = Some(build);
                break;
            }
            if self.is_boundary(d) {
                break;
            }
        }
        let mut dirs = lock(&self.dirs);
        if dirs.len() + visited.len() > MAX_CACHED_DIRS {
            dirs.clear();
        }
        for d in visited {
            dirs.insert(d.to_path_buf(), found.clone());
        }
        found
    }

    /// The dependencies the build file at `path` (of `kind`, with content `text`) declares,
    /// resolved against the project: the pom's parents on disk, the Gradle project's
    /// properties, root script and catalog. The parsed file is kept for target versions, so
    /// the file is not read again for them.
    pub fn build_dependencies(&self, path: &Path, kind: FileKind, text: &str) -> Vec<Dependency> {
        let Some(path) = absolute(path, self.cwd.as_deref()) else {
            return dependencies_alone(kind, text);
        };
        let boundary = path.parent().and_then(|d| self.boundary_of(d));
        dependencies_in(Some(self), &path, kind, text, boundary.as_deref())
    }

    /// Keeps `parsed` as what `path` says, unless the file was read already. Only what
    /// [`Projects::load`] itself would read: a regular file (not a link) within the size limit.
    fn offer(&self, path: &Path, text: &str, parsed: &Arc<Parsed>) {
        if text.len() as u64 > MAX_BUILD_FILE_SIZE
            || !path.symlink_metadata().is_ok_and(|m| m.is_file())
        {
            return;
        }
        let slot = Arc::clone(lock(&self.files).entry(path.to_path_buf()).or_default());
        let _ = slot.get_or_init(|| Some(Arc::clone(parsed)));
    }

    /// The parsed content of `path`, read at most once per run. `None` when it does not exist
    /// or cannot be read: not a regular file, a symbolic link, or over [`MAX_BUILD_FILE_SIZE`].
    fn load(&self, path: &Path, format: Format) -> Option<Arc<Parsed>> {
        let slot = Arc::clone(lock(&self.files).entry(path.to_path_buf()).or_default());
        slot.get_or_init(|| read_build_file(path, format)).clone()
    }
}

/// The dependencies a build file of `kind` declares, read alone: references resolve within
/// the file.
pub(crate) fn dependencies_alone(kind: FileKind, text: &str) -> Vec<Dependency> {
    let name = match kind {
        FileKind::MavenPom => "pom.xml",
        // Groovy and Kotlin differ only in how `$a.b` in a string is read.
        FileKind::GradleScript => "build.gradle",
        _ => "libs.versions.toml",
    };
    dependencies_in(None, Path::new(name), kind, text, None)
}

fn dependencies_in(
    projects: Option<&Projects>,
    path: &Path,
    kind: FileKind,
    text: &str,
    boundary: Option<&Path>,
) -> Vec<Dependency> {
    let parsed = Arc::new(match kind {
        FileKind::MavenPom => Parsed::Pom(maven::parse(text)),
        FileKind::GradleScript => Parsed::Script(gradle::parse(
            text,
            matches!(script_format(path), Format::Script { kotlin: true }),
        )),
        FileKind::GradleCatalog => Parsed::Catalog(catalog::parse(text)),
        _ => return Vec::new(),
    });
    if let Some(projects) = projects {
        projects.offer(path, text, &parsed);
    }
    match parsed.as_ref() {
        Parsed::Pom(_) => maven::dependencies(projects, path, parsed, boundary),
        Parsed::Script(_) => gradle::dependencies(projects, path, parsed, boundary),
        Parsed::Catalog(catalog) => catalog.dependencies(),
        Parsed::Properties(_) => Vec::new(),
    }
}

/// How a Gradle script at `path` is read: Kotlin for `*.kts`.
fn script_format(path: &Path) -> Format {
    Format::Script {
        kotlin: path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("kts")),
    }
}

fn build_file_in(dir: &Path) -> Option<NearestBuild> {
    BUILD_FILES.iter().find_map(|(name, kind)| {
        let path = dir.join(name);
        // A link is not followed, as no build file is read through one.
        path.symlink_metadata()
            .is_ok_and(|m| m.is_file())
            .then_some(NearestBuild { path, kind: *kind })
    })
}

/// `path` made absolute against `cwd`, with `.` and `..` resolved lexically.
fn absolute(path: &Path, cwd: Option<&Path>) -> Option<PathBuf> {
    let joined = if path.has_root() {
        path.to_path_buf()
    } else {
        cwd?.join(path)
    };
    maven::normalize(&joined)
}

fn read_build_file(path: &Path, format: Format) -> Option<Arc<Parsed>> {
    let Ok(ReadOutcome::Bytes(bytes)) = read_regular_no_follow(path, MAX_BUILD_FILE_SIZE) else {
        return None;
    };
    // Poms are XML (a BOM or the declaration names the encoding); the rest is read as UTF-8,
    // which versions, being ASCII, survive in any of the encodings Gradle accepts.
    let kind = match format {
        Format::Pom => FileKind::MavenPom,
        _ => FileKind::SpringProperties,
    };
    let text = decode(bytes, kind).text;
    let parsed = match format {
        Format::Pom => Parsed::Pom(maven::parse(&text)),
        Format::Script { kotlin } => Parsed::Script(gradle::parse(&text, kotlin)),
        Format::Properties => Parsed::Properties(properties(&text)),
        Format::Catalog => Parsed::Catalog(catalog::parse(&text)),
    };
    Some(Arc::new(parsed))
}

/// `gradle.properties`: Java properties, the last definition of a key winning.
fn properties(text: &str) -> BTreeMap<String, String> {
    ConfigFile::parse(FileKind::SpringProperties, text)
        .entries
        .into_iter()
        .map(|e| (e.key, e.value))
        .collect()
}

/// The project around one linted file: the fixed targets, else those of its nearest build
/// file, which are looked up the first time a rule asks; its neighbours and the Java sources it
/// refers to, read when a rule asks.
pub struct FileTargets<'a> {
    projects: &'a Projects,
    path: &'a Path,
    inferred: OnceCell<Arc<Targets>>,
}

impl TargetLookup for FileTargets<'_> {
    fn target(&self, product: Product) -> Option<&Target> {
        if let Some(target) = self.projects.fixed.get(product) {
            return Some(target);
        }
        self.inferred
            .get_or_init(|| {
                // A linted file: its directory, without asking the file system.
                let file = absolute(self.path, self.projects.cwd.as_deref());
                let dir = file
                    .as_deref()
                    .and_then(Path::parent)
                    .map(Path::to_path_buf);
                self.projects.inferred(dir)
            })
            .get(product)
    }
}

impl ProjectView for FileTargets<'_> {
    fn sibling(&self, name: &str, kind: FileKind) -> Option<Arc<Sibling>> {
        self.projects.sibling(self.path, name, kind)
    }

    fn build_file<'t>(&self, kind: FileKind, text: &'t str) -> BuildFile<'t> {
        BuildFile {
            kind,
            text,
            dependencies: self.projects.build_dependencies(self.path, kind, text),
        }
    }

    fn java_sources(&self, package: &str, relative: &str) -> Vec<Arc<JavaFacts>> {
        self.projects.java_sources(self.path, package, relative)
    }
}

#[cfg(test)]
pub(super) mod testing {
    use std::path::{Path, PathBuf};

    use bdl_core::{Product, Targets, Version};

    use super::{Projects, TargetOptions};

    /// A fresh repository (it has `.git`) under the temporary directory with `files`.
    pub(crate) fn tree(name: &str, files: &[(&str, &str)]) -> PathBuf {
        let root = std::env::temp_dir().join(format!("bdl-project-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join(".git")).expect("temp dir");
        for (path, text) in files {
            let path = root.join(path);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).expect("dirs");
            }
            std::fs::write(path, text).expect("write");
        }
        root
    }

    /// The inferred targets for `file` under `root`.
    pub(crate) fn targets(root: &Path, file: &str) -> Targets {
        Projects::new(&TargetOptions::default()).targets(&root.join(file))
    }

    /// `(version, what)` of `product`, as `("1.20", "property flink.version")`.
    pub(crate) fn found(targets: &Targets, product: Product) -> Option<(String, String)> {
        let target = targets.get(product)?;
        let what = match &target.source {
            bdl_core::TargetSource::BuildFile { what, .. } => what.clone(),
            other => other.to_string(),
        };
        Some((target.version.to_string(), what))
    }

    pub(crate) fn version(targets: &Targets, product: Product) -> Option<Version> {
        targets.get(product).map(|t| t.version)
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{found, targets, tree, version};
    use super::*;
    use bdl_core::{TargetSource, Version};

    const POM: &str = "<project><artifactId>m</artifactId><properties>\
                       <flink.version>1.19.1</flink.version></properties></project>";

    #[test]
    fn the_nearest_build_file_decides_and_the_walk_stops_at_the_repository() {
        let root = tree(
            "nearest",
            &[
                ("pom.xml", POM),
                ("a/src/main/java/Job.java", ""),
                (
                    "b/pom.xml",
                    "<project><properties><flink.version>2.0.0</flink.version></properties></project>",
                ),
                ("b/src/Job.java", ""),
                // Both in one directory: the pom decides.
                ("c/pom.xml", POM),
                ("c/build.gradle", "ext { flinkVersion = '2.1.0' }\n"),
                ("c/Job.java", ""),
                ("inner/.git/HEAD", ""),
                ("inner/Job.java", ""),
            ],
        );
        let flink = |file: &str| version(&targets(&root, file), Product::Flink);
        assert_eq!(flink("a/src/main/java/Job.java"), Some(Version::new(1, 19)));
        assert_eq!(flink("b/src/Job.java"), Some(Version::new(2, 0)));
        assert_eq!(flink("c/Job.java"), Some(Version::new(1, 19)));
        // A nested repository is a project of its own: the outer pom does not count.
        assert_eq!(flink("inner/Job.java"), None);
        // A directory stands for the files in it.
        assert_eq!(flink("a"), Some(Version::new(1, 19)));
        std::fs::remove_dir_all(&root).expect("clean up");
    }

    #[test]
    fn the_walk_stops_at_the_settings_directory() {
        let root = tree("stop", &[("pom.xml", POM), ("sub/Job.java", "")]);
        let options = TargetOptions {
            fixed: Targets::NONE,
            stop_at: Some(root.join("sub")),
        };
        let projects = Projects::new(&options);
        assert_eq!(projects.targets(&root.join("sub/Job.java")), Targets::NONE);
        assert_eq!(projects.build_file(&root.join("sub/Job.java")), None);
        std::fs::remove_dir_all(&root).expect("clean up");
    }

    #[test]
    fn fixed_targets_win_and_nothing_is_read_for_them() {
        let root = tree("fixed", &[("pom.xml", POM), ("Job.java", "")]);
        let options = TargetOptions {
            fixed: Targets::NONE.with(Product::Flink, Version::new(2, 0)),
            stop_at: None,
        };
        let projects = Projects::new(&options);
        let path = root.join("Job.java");
        let lookup = projects.for_file(&path);
        let flink = lookup.target(Product::Flink).expect("fixed");
        assert_eq!(flink.source, TargetSource::CommandLine);
        assert!(lock(&projects.files).is_empty(), "no build file read");
        assert_eq!(lookup.target(Product::Hbase), None);
        assert_eq!(lock(&projects.files).len(), 1, "the pom, once");
        std::fs::remove_dir_all(&root).expect("clean up");
    }

    #[test]
    fn a_build_file_is_read_once_per_run() {
        let root = tree(
            "once",
            &[("pom.xml", POM), ("a/Job.java", ""), ("b/Job.java", "")],
        );
        let projects = Projects::new(&TargetOptions::default());
        let first = projects.targets(&root.join("a/Job.java"));
        // Changed on disk: the run keeps what it read.
        std::fs::write(root.join("pom.xml"), "<project/>").expect("write");
        assert_eq!(projects.targets(&root.join("b/Job.java")), first);
        assert_eq!(version(&first, Product::Flink), Some(Version::new(1, 19)));
        // Many threads asking at once all see the one reading.
        std::thread::scope(|scope| {
            for i in 0..8 {
                let projects = &projects;
                let root = &root;
                let first = &first;
                scope.spawn(move || {
                    let file = if i % 2 == 0 { "a/Job.java" } else { "b/X.java" };
                    assert_eq!(projects.targets(&root.join(file)), *first);
                });
            }
        });
        std::fs::remove_dir_all(&root).expect("clean up");
    }

    #[cfg(unix)]
    #[test]
    fn build_files_are_never_read_through_links_or_from_devices() {
        let root = tree(
            "links",
            &[
                ("real/pom.xml", POM),
                ("a/Job.java", ""),
                ("b/Job.java", ""),
            ],
        );
        std::os::unix::fs::symlink(root.join("real/pom.xml"), root.join("a/pom.xml"))
            .expect("symlink");
        std::os::unix::fs::symlink("/dev/zero", root.join("b/pom.xml")).expect("symlink");
        assert_eq!(targets(&root, "a/Job.java"), Targets::NONE);
        assert_eq!(targets(&root, "b/Job.java"), Targets::NONE);
        std::fs::remove_dir_all(&root).expect("clean up");
    }

    #[test]
    fn a_build_file_over_the_size_limit_is_unknown() {
        let filler = "<!-- filler filler filler filler filler filler filler filler -->\n";
        let pom = |fillers: usize| {
            format!(
                "<project><properties><flink.version>1.20.0</flink.version>{}</properties></project>",
                filler.repeat(fillers)
            )
        };
        let over = usize::try_from(MAX_BUILD_FILE_SIZE).expect("fits") / filler.len() + 1;
        let huge = pom(over);
        assert!(huge.len() as u64 > MAX_BUILD_FILE_SIZE);
        let root = tree("huge", &[("pom.xml", &huge), ("Job.java", "")]);
        assert_eq!(targets(&root, "Job.java"), Targets::NONE);
        // And just below the limit it is read.
        let below = pom(over - 2);
        assert!(below.len() as u64 <= MAX_BUILD_FILE_SIZE);
        std::fs::write(root.join("pom.xml"), &below).expect("write");
        assert_eq!(
            found(&targets(&root, "Job.java"), Product::Flink),
            Some(("1.20".to_owned(), "property flink.version".to_owned()))
        );
        std::fs::remove_dir_all(&root).expect("clean up");
    }
}

/// Thousands of random texts (random bytes decoded lossily, mixed with syntax pieces of each
/// format) through every build-file reader: none may panic.
#[cfg(test)]
mod random_tests {
    use super::{catalog, gradle, maven, properties};

    fn random_texts(pieces: &[&str], seed: u64, mut check: impl FnMut(&str)) {
        let mut state = seed;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..3000 {
            let len = next() % 64;
            let mut bytes = Vec::new();
            for _ in 0..len {
                let r = next();
                if r.is_multiple_of(3) {
                    bytes.push((r >> 8) as u8);
                } else {
                    bytes.extend_from_slice(pieces[(r >> 8) as usize % pieces.len()].as_bytes());
                }
            }
            check(&String::from_utf8_lossy(&bytes));
        }
    }

    #[test]
    fn random_poms_never_panic() {
        random_texts(
            &[
                "<project>",
                "</project>",
                "<properties>",
                "</properties>",
                "<flink.version>",
                "</flink.version>",
                "<dependency>",
                "</dependency>",
                "<dependencies>",
                "<parent>",
                "<relativePath/>",
                "<version>",
                "</version>",
                "${",
                "}",
                "&amp;",
                "&x;",
                "<![CDATA[",
                "]]>",
                "<!--",
                "-->",
                "<!DOCTYPE p [",
                "1.20.0",
                "é",
            ],
            0x9e37_79b9_7f4a_7c15,
            |text| {
                let _ = maven::parse(text);
            },
        );
    }

    #[test]
    fn random_scripts_and_properties_never_panic() {
        random_texts(
            &[
                "\"",
                "'",
                "\"\"\"",
                "${",
                "}",
                "{",
                "$",
                "\\",
                "=",
                ":",
                ",",
                "(",
                ")",
                "[",
                "]",
                "ext",
                "val ",
                "by extra(",
                "id",
                "version",
                "group",
                "name",
                "set(",
                "org.apache.flink:flink-core:",
                "1.20",
                "//",
                "/*",
                "*/",
                "\n",
                "é",
            ],
            0x2545_f491_4f6c_dd1d,
            |text| {
                let _ = gradle::parse(text, false);
                let _ = gradle::parse(text, true);
                let _ = properties(text);
            },
        );
    }

    #[test]
    fn random_catalogs_never_panic() {
        random_texts(
            &[
                "[versions]",
                "[libraries]",
                "[plugins]",
                "\n",
                "=",
                "\"",
                "'",
                "{",
                "}",
                "[",
                "]",
                ",",
                ".",
                "#",
                "\\",
                "version.ref",
                "module",
                "org.apache.flink:flink-core",
                "flink",
                "prefer",
                "1.20",
            ],
            0x1234_5678_9abc_def1,
            |text| {
                let _ = catalog::parse(text);
            },
        );
    }
}
