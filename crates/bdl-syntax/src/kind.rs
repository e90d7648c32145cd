//! File-kind detection: by name first, by content for YAML whose name does not decide it.

use std::path::Path;

use bdl_core::FileKind;

/// What a file name alone says about the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameGuess {
    Kind(FileKind),
    /// YAML that is Flink configuration only if its content says so (`config.yaml`).
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
    } else if lower == "config.yaml"
        || lower == "config.yml"
        || ((lower.ends_with(".yaml") || lower.ends_with(".yml")) && lower.contains("flink"))
    {
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
        NameGuess::MaybeFlinkYaml => looks_like_flink_yaml(text).then_some(FileKind::FlinkYaml),
        NameGuess::Other => None,
    }
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
        assert_eq!(k("pom.xml"), NameGuess::Other);
        assert_eq!(k("values.yaml"), NameGuess::Other);
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
    fn test_sources() {
        assert!(is_test_source(Path::new("a/src/test/java/Job.java")));
        assert!(is_test_source(Path::new("JobTest.java")));
        assert!(is_test_source(Path::new("JobITCase.java")));
        assert!(!is_test_source(Path::new("src/main/java/Test.java")));
        assert!(!is_test_source(Path::new("src/main/java/Latest.java")));
    }
}
