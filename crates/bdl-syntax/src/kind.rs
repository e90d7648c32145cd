//! File-kind detection: by name first, by content for YAML whose name does not decide it.

use std::path::Path;

use bdl_core::FileKind;

use crate::config::flink_k8s::{API_GROUP, RESOURCE_KINDS};

/// What a file name alone says about the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameGuess {
    Kind(FileKind),
    /// YAML whose content decides what it is: a Kubernetes `FlinkDeployment` /
    /// `FlinkSessionJob` (any `*.yaml` / `*.yml` no other kind claims), or, for `config.yaml`
    /// and names that mention Flink, Flink's own configuration. See [`yaml_kinds`].
    MaybeFlinkYaml,
    /// Not a file bigdata-lint reads.
    Other,
}

/// Classifies a path by its file name.
#[allow(clippy::case_sensitive_file_extension_comparisons)] // the name is lowercased first
pub fn guess_from_name(path: &Path) -> NameGuess {
    let Some(name) = path.file_name() else {
        return NameGuess::Other;
    };
    // A name that is not valid UTF-8 (`Job\xff.java` on Unix) is still judged by the ASCII
    // parts that decide the kind.
    let lower = name.to_string_lossy().to_ascii_lowercase();
    let kind = if lower.ends_with(".java") {
        FileKind::Java
    } else if lower == "flink-conf.yaml" || lower == "flink-conf.yml" {
        FileKind::FlinkConf
    } else if lower.ends_with(".sql") {
        FileKind::FlinkSql
    } else if lower.ends_with("-site.xml") {
        FileKind::HadoopXml
    } else if (lower.starts_with("application") || lower.starts_with("bootstrap"))
        && lower.ends_with(".properties")
    {
        FileKind::SpringProperties
    } else if (lower.starts_with("application") || lower.starts_with("bootstrap"))
        && (lower.ends_with(".yml") || lower.ends_with(".yaml"))
    {
        FileKind::SpringYaml
    } else if lower == "spark-defaults.conf" {
        FileKind::SparkConf
    } else if lower == "pom.xml" {
        FileKind::MavenPom
    } else if lower == "build.gradle" || lower == "build.gradle.kts" {
        FileKind::GradleScript
    } else if lower == "libs.versions.toml"
        && path
            .parent()
            .and_then(Path::file_name)
            .is_some_and(|dir| dir.eq_ignore_ascii_case("gradle"))
    {
        FileKind::GradleCatalog
    } else if lower.ends_with(".yaml") || lower.ends_with(".yml") {
        return NameGuess::MaybeFlinkYaml;
    } else {
        return NameGuess::Other;
    };
    NameGuess::Kind(kind)
}

/// The kind of `path`, reading `text` only when the name leaves it open.
pub fn detect(path: &Path, text: &str) -> Option<FileKind> {
    match guess_from_name(path) {
        NameGuess::Kind(kind) => Some(kind),
        NameGuess::MaybeFlinkYaml => {
            if looks_like_flink_k8s(text) {
                Some(FileKind::FlinkK8s)
            } else {
                (may_be_flink_config_name(path) && looks_like_flink_yaml(text))
                    .then_some(FileKind::FlinkYaml)
            }
        }
        NameGuess::Other => None,
    }
}

/// The kinds a YAML file at `path` (a [`NameGuess::MaybeFlinkYaml`]) may turn out to be once
/// its content is read: any YAML may hold Kubernetes Flink resources; only `config.yaml` /
/// `config.yml` and names that mention Flink may be Flink's own configuration (a top-level
/// `env:` or `metrics:` key says nothing about other YAML, such as a CI workflow).
pub fn yaml_kinds(path: &Path) -> &'static [FileKind] {
    if may_be_flink_config_name(path) {
        &[FileKind::FlinkYaml, FileKind::FlinkK8s]
    } else {
        &[FileKind::FlinkK8s]
    }
}

fn may_be_flink_config_name(path: &Path) -> bool {
    let lower = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    lower == "config.yaml" || lower == "config.yml" || lower.contains("flink")
}

/// Whether YAML text holds a Kubernetes `FlinkDeployment` or `FlinkSessionJob`: cheaply, a byte
/// search for `flink.apache.org` first, then top-level `apiVersion: flink.apache.org/…` and
/// `kind: FlinkDeployment|FlinkSessionJob` lines. The parser then checks each document.
pub fn looks_like_flink_k8s(text: &str) -> bool {
    if !text.contains(API_GROUP) {
        return false;
    }
    let mut api_version = false;
    let mut kind = false;
    for line in text.split(['\n', '\r']) {
        if let Some(value) = top_level_value(line, "apiVersion") {
            api_version |= value
                .strip_prefix(API_GROUP)
                .is_some_and(|rest| rest.starts_with('/'));
        } else if let Some(value) = top_level_value(line, "kind") {
            kind |= RESOURCE_KINDS.contains(&value);
        }
        if api_version && kind {
            return true;
        }
    }
    false
}

/// The value of a top-level `key: value` line, unquoted, without a trailing comment.
fn top_level_value<'t>(line: &'t str, key: &str) -> Option<&'t str> {
    let rest = line.strip_prefix(key)?.trim_start_matches([' ', '\t']);
    let value = rest.strip_prefix(':')?;
    let value = value.split(" #").next().unwrap_or(value).trim();
    Some(value.trim_matches(['"', '\'']))
}

/// Top-level sections and flat-key prefixes of Flink's configuration. A YAML file is taken for
/// Flink configuration when one of its top-level keys is one of these.
const FLINK_TOP_LEVEL: &[&str] = &[
    "jobmanager",
    "taskmanager",
    "execution",
    "state",
    "parallelism",
    "rest",
    "high-availability",
    "pipeline",
    "restart-strategy",
    "akka",
    "pekko",
    "web",
    "metrics",
    "blob",
    "historyserver",
    "kubernetes",
    "env",
    "table",
    "cluster",
    "fs",
];

/// Decides whether YAML text is Flink configuration from its top-level keys. Lines end at
/// `\n`, `\r\n` or a lone `\r`, as in YAML.
pub fn looks_like_flink_yaml(text: &str) -> bool {
    text.split(['\n', '\r']).any(|line| {
        let first = line.as_bytes().first().copied();
        if matches!(first, None | Some(b' ' | b'\t' | b'#' | b'-')) {
            return false;
        }
        let key = line.split(':').next().unwrap_or("").trim();
        let top = key.split('.').next().unwrap_or("");
        FLINK_TOP_LEVEL.contains(&top)
    })
}

/// Test sources: under `src/test/`, or named `*Test.java`, `*Tests.java`, `*IT.java`,
/// `*ITCase.java`.
pub fn is_test_source(path: &Path) -> bool {
    let in_test_tree = path
        .components()
        .collect::<Vec<_>>()
        .windows(2)
        .any(|w| w[0].as_os_str() == "src" && w[1].as_os_str() == "test");
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    in_test_tree
        || ["Test.java", "Tests.java", "IT.java", "ITCase.java"]
            .iter()
            .any(|suffix| name.ends_with(suffix) && name.len() > suffix.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_decide_most_kinds() {
        let k = |p: &str| guess_from_name(Path::new(p));
        assert_eq!(k("src/Job.java"), NameGuess::Kind(FileKind::Java));
        assert_eq!(
            k("conf/flink-conf.yaml"),
            NameGuess::Kind(FileKind::FlinkConf)
        );
        assert_eq!(k("etc/hdfs-site.xml"), NameGuess::Kind(FileKind::HadoopXml));
        assert_eq!(k("jobs/setup.sql"), NameGuess::Kind(FileKind::FlinkSql));
        assert_eq!(
            k("application-prod.yml"),
            NameGuess::Kind(FileKind::SpringYaml)
        );
        assert_eq!(
            k("application.properties"),
            NameGuess::Kind(FileKind::SpringProperties)
        );
        assert_eq!(k("conf/config.yaml"), NameGuess::MaybeFlinkYaml);
        assert_eq!(k("pom.xml"), NameGuess::Kind(FileKind::MavenPom));
        assert_eq!(
            k("app/build.gradle"),
            NameGuess::Kind(FileKind::GradleScript)
        );
        assert_eq!(
            k("build.gradle.kts"),
            NameGuess::Kind(FileKind::GradleScript)
        );
        assert_eq!(
            k("gradle/libs.versions.toml"),
            NameGuess::Kind(FileKind::GradleCatalog)
        );
        // Only the default catalog, where Gradle looks for it; other scripts are not read.
        assert_eq!(k("libs.versions.toml"), NameGuess::Other);
        assert_eq!(k("settings.gradle"), NameGuess::Other);
        assert_eq!(k("gradle.properties"), NameGuess::Other);
        assert_eq!(k("other-pom.xml"), NameGuess::Other);
        assert_eq!(k("values.yaml"), NameGuess::MaybeFlinkYaml);
        assert_eq!(k("k8s/session-job.yml"), NameGuess::MaybeFlinkYaml);
        assert_eq!(k("README.md"), NameGuess::Other);
    }

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_are_judged_by_their_ascii_parts() {
        use std::ffi::OsStr;
        use std::os::unix::ffi::OsStrExt;
        let name = |bytes: &[u8]| guess_from_name(Path::new(OsStr::from_bytes(bytes)));
        assert_eq!(name(b"Job\xff.java"), NameGuess::Kind(FileKind::Java));
        assert_eq!(
            name(b"application-\xd6\xd0.properties"),
            NameGuess::Kind(FileKind::SpringProperties)
        );
        assert_eq!(name(b"\xff.txt"), NameGuess::Other);
    }

    #[test]
    fn flink_yaml_is_recognised_by_its_keys() {
        assert!(looks_like_flink_yaml(
            "execution:\n  checkpointing:\n    interval: 1s\n"
        ));
        assert!(looks_like_flink_yaml(
            "# c\ntaskmanager.numberOfTaskSlots: 4\n"
        ));
        assert!(!looks_like_flink_yaml("server:\n  port: 8080\n"));
        assert!(!looks_like_flink_yaml("  execution: 1\n"));
        // Old Mac line endings: every line is looked at, not just the first.
        assert!(looks_like_flink_yaml(
            "# c\rexecution:\r  checkpointing:\r    interval: 1s\r"
        ));
        assert!(looks_like_flink_yaml("# c\r\nstate.backend: rocksdb\r\n"));
    }

    #[test]
    fn kubernetes_flink_resources_are_recognised_by_content() {
        let deployment = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nspec: {}\n";
        let detect = |path: &str, text: &str| detect(Path::new(path), text);
        for name in [
            "k8s/flink-deployment.yaml",
            "deploy/orders.yml",
            "config.yaml",
        ] {
            assert_eq!(detect(name, deployment), Some(FileKind::FlinkK8s), "{name}");
        }
        let session =
            "# job\n---\napiVersion: \"flink.apache.org/v1beta1\"\nkind: 'FlinkSessionJob' # x\n";
        assert!(looks_like_flink_k8s(session));
        for other in [
            "apiVersion: apps/v1\nkind: Deployment\n",
            "apiVersion: v1\nkind: ConfigMap\ndata:\n  note: flink.apache.org/v1beta1 FlinkDeployment\n",
            "apiVersion: flink.apache.org/v1beta1\nkind: FlinkStateSnapshot\n",
            "spec:\n  apiVersion: flink.apache.org/v1beta1\n  kind: FlinkDeployment\n",
            "apiVersion: flink.apache.orgx/v1\nkind: FlinkDeployment\n",
        ] {
            assert!(!looks_like_flink_k8s(other), "{other}");
            assert_eq!(detect("k8s/app.yaml", other), None, "{other}");
        }
        // Flink's own configuration keys decide only for Flink-ish names.
        let flink_config = "execution:\n  checkpointing:\n    interval: 1s\n";
        assert_eq!(
            detect("conf/config.yaml", flink_config),
            Some(FileKind::FlinkYaml)
        );
        assert_eq!(
            detect("flink-prod.yaml", flink_config),
            Some(FileKind::FlinkYaml)
        );
        assert_eq!(detect(".github/workflows/ci.yml", "env:\n  A: 1\n"), None);
        assert_eq!(yaml_kinds(Path::new("values.yaml")), [FileKind::FlinkK8s]);
        assert_eq!(
            yaml_kinds(Path::new("config.yml")),
            [FileKind::FlinkYaml, FileKind::FlinkK8s]
        );
    }

    #[test]
    fn test_sources() {
        assert!(is_test_source(Path::new("a/src/test/java/Job.java")));
        assert!(is_test_source(Path::new("JobTest.java")));
        assert!(is_test_source(Path::new("JobITCase.java")));
        assert!(!is_test_source(Path::new("src/main/java/Test.java")));
        assert!(!is_test_source(Path::new("src/main/java/Latest.java")));
    }
}
