//! What the fuzz targets share: decoding bytes as the engine does, one checker with every rule
//! of the registry at its default options, and the invariants every parse and every report must
//! keep. An invariant that does not hold panics, which libFuzzer records as a crash.

use std::borrow::Cow;
use std::path::Path;
use std::sync::LazyLock;

use bdl_core::{Diagnostic, FileKind, LineCol, LineIndex, RuleOptions, Span};
use bdl_syntax::{Checker, ConfigFile, INTERNAL_ERROR_CODE};

/// Bytes as UTF-8 text for the parser targets: invalid UTF-8 replaced, a leading byte order mark
/// dropped. (`all_rules` decodes with the engine's own decoder, `bdl_syntax::decode`.)
pub fn decode(data: &[u8]) -> Cow<'_, str> {
    match String::from_utf8_lossy(data) {
        Cow::Borrowed(s) => Cow::Borrowed(s.strip_prefix('\u{feff}').unwrap_or(s)),
        Cow::Owned(s) => Cow::Owned(s.strip_prefix('\u{feff}').unwrap_or(&s).to_owned()),
    }
}

/// Every rule of the registry with its default options, built once per process as the engine
/// builds it once per run.
pub static CHECKER: LazyLock<Checker> = LazyLock::new(|| {
    let rules = bigdata_lint::registry::all_rules();
    let enabled = rules
        .iter()
        .map(|rule| (*rule, RuleOptions::defaults(rule.meta().options)))
        .collect();
    Checker::new(enabled).with_known_rules(rules.iter().map(|rule| rule.meta()))
});

/// The file names the `all_rules` target picks from, one for each kind of file.
pub const FILE_NAMES: [&str; 11] = [
    "Job.java",
    "flink-conf.yaml",
    "config.yaml",
    "checkpoints.sql",
    "hdfs-site.xml",
    "application.properties",
    "application.yml",
    "spark-defaults.conf",
    "pom.xml",
    "build.gradle.kts",
    "gradle/libs.versions.toml",
];

/// Lints `text` as the file at `path` the way the engine does: the kind from the name (and,
/// for `config.yaml`, the content), test-source status from the path. Files the engine would
/// not lint are left alone.
pub fn lint_as_file(path: &str, text: &str) {
    let file_path = Path::new(path);
    let Some(kind) = bdl_syntax::kind::detect(file_path, text) else {
        return;
    };
    lint(path, kind, bdl_syntax::kind::is_test_source(file_path), text);
}

/// Runs every rule on `text` as a file of `kind` and checks the report.
pub fn lint(path: &str, kind: FileKind, is_test: bool, text: &str) -> Vec<Diagnostic> {
    let report = CHECKER.check(path, kind, is_test, text);
    check_diagnostics(path, text, &report.diagnostics);
    report.diagnostics
}

/// `span` lies within `text` and starts and ends on character boundaries.
pub fn check_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {span:?} is not within the {}-byte text",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} does not fall on character boundaries"
    );
}

/// A position the renderers can show: 1-based, on an existing line, and the one the span's
/// offset maps to.
fn check_position(text: &str, index: &LineIndex, at: LineCol, offset: usize, what: &str) {
    assert!(
        at.line >= 1 && at.column >= 1,
        "{what}: position {at:?} is not 1-based"
    );
    assert!(
        at.line as usize <= index.line_count(),
        "{what}: line {} is past the last line ({})",
        at.line,
        index.line_count()
    );
    assert_eq!(
        at,
        index.line_col(text, offset),
        "{what}: position does not match offset {offset}"
    );
}

/// Every finding of one file is placed within it, at valid positions, and none is an internal
/// error (a rule that panicked: the checker catches it, so it is checked here).
pub fn check_diagnostics(path: &str, text: &str, diagnostics: &[Diagnostic]) {
    let index = LineIndex::new(text);
    for d in diagnostics {
        let what = format!("{} `{}`", d.code, d.message);
        assert_ne!(d.code, INTERNAL_ERROR_CODE, "{what}");
        assert_eq!(d.path, path, "{what}: wrong path");
        assert!(!d.message.is_empty(), "{}: empty message", d.code);
        check_span(text, d.span, &what);
        check_position(text, &index, d.start, d.span.start, &what);
        check_position(text, &index, d.end, d.span.end, &what);
        assert!(d.start <= d.end, "{what}: ends before it starts");
        for label in &d.labels {
            let what = format!("{what}, label `{}`", label.message);
            check_span(text, label.span, &what);
            check_position(text, &index, label.start, label.span.start, &what);
        }
        if let Some(suppression) = &d.suppression {
            let what = format!("{what}, suppression");
            check_span(text, suppression.span, &what);
            check_position(text, &index, suppression.start, suppression.span.start, &what);
        }
    }
}

/// Every entry and error of a parsed configuration file points into its text, and the lookups
/// rules use terminate on every key and value.
pub fn check_config(file: &ConfigFile<'_>) {
    let text = file.text;
    for entry in &file.entries {
        check_span(text, entry.key_span, &format!("key span of `{}`", entry.key));
        check_span(text, entry.value_span, &format!("value span of `{}`", entry.key));
        let effective = file.get(&entry.key);
        assert!(effective.is_some(), "`{}` is not found by get", entry.key);
        let _ = file.expand(&entry.value);
    }
    for error in &file.errors {
        check_span(text, error.span, &format!("error `{}`", error.message));
        assert!(!error.message.is_empty(), "an error without a message");
    }
}

/// Parses `text` as `kind`, checks the model, and lints it as the file at `path`.
pub fn fuzz_config(kind: FileKind, path: &str, text: &str) {
    let file = ConfigFile::parse(kind, text);
    assert_eq!(file.kind, kind);
    check_config(&file);
    lint(path, kind, false, text);
}

/// A project held in memory: the files a [`bdl_syntax::ProjectView`] would read from disk, for
/// the `project` target. Java files are found by the classes they declare (any relative path
/// naming a top-level class of the file's package), configuration files by any name.
pub struct MemoryProject {
    java: Vec<std::sync::Arc<bdl_syntax::java::facts::JavaFacts>>,
    config: Option<std::sync::Arc<bdl_syntax::Sibling>>,
}

impl MemoryProject {
    /// `java` are the other Java files; `config` stands for every neighbour asked for.
    pub fn new(java: &[&str], config: Option<&str>) -> Self {
        Self {
            java: java
                .iter()
                .map(|text| {
                    std::sync::Arc::new(bdl_syntax::java::facts::JavaFacts::summarize(text))
                })
                .collect(),
            config: config.map(|text| {
                std::sync::Arc::new(bdl_syntax::Sibling::parse(
                    "core-site.xml",
                    FileKind::HadoopXml,
                    text.to_owned(),
                ))
            }),
        }
    }
}

impl bdl_core::TargetLookup for MemoryProject {
    fn target(&self, _product: bdl_core::Product) -> Option<&bdl_core::Target> {
        None
    }
}

impl bdl_syntax::ProjectView for MemoryProject {
    fn sibling(&self, _name: &str, _kind: FileKind) -> Option<std::sync::Arc<bdl_syntax::Sibling>> {
        self.config.clone()
    }

    fn java_sources(
        &self,
        _package: &str,
        relative: &str,
    ) -> Vec<std::sync::Arc<bdl_syntax::java::facts::JavaFacts>> {
        self.java
            .iter()
            .filter(|facts| {
                facts.types.iter().any(|t| {
                    let expected = if facts.package.is_empty() {
                        format!("{}.java", t.name)
                    } else {
                        format!("{}/{}.java", facts.package.replace('.', "/"), t.name)
                    };
                    expected == relative
                })
            })
            .cloned()
            .collect()
    }
}

/// Runs every rule on `text` as a file of `kind` seen in `project`, and checks the report.
pub fn lint_in(
    path: &str,
    kind: FileKind,
    text: &str,
    project: &dyn bdl_syntax::ProjectView,
) -> Vec<Diagnostic> {
    let report = CHECKER.check_in(path, kind, false, text, project);
    check_diagnostics(path, text, &report.diagnostics);
    report.diagnostics
}
