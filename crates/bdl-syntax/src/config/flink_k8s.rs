//! Kubernetes resources of the Flink Kubernetes operator: `FlinkDeployment` and
//! `FlinkSessionJob` (`apiVersion: flink.apache.org/v1beta1`, …), usually in a `k8s/` or Helm
//! folder, often several per file (`---`).
//!
//! Only documents whose `apiVersion` is in the `flink.apache.org` group and whose `kind` is one
//! of [`RESOURCE_KINDS`] produce entries; every other document (a `Deployment`, a `ConfigMap`,
//! Helm values) produces nothing. A text without `flink.apache.org` is not parsed at all.
//!
//! Each resource becomes, in order:
//! 1. a marker entry `k8s:kind` (the value and spans of its `kind`), which starts the resource;
//! 2. its Flink configuration: `spec.flinkConfiguration` as dotted Flink keys, whether written as
//!    a flat map of dotted keys with string values (`"execution.checkpointing.interval": "10s"`)
//!    or as nested maps (newer operator versions), with the spans of the values as written;
//! 3. every other scalar of the resource under its path with the [`K8S_PREFIX`]
//!    (`k8s:spec.jobManager.replicas`, `k8s:spec.job.upgradeMode`, `k8s:metadata.name`), so a
//!    resource fact can never be mistaken for a Flink key.
//!
//! [`ConfigFile::documents`](super::ConfigFile::documents) splits the entries per resource and
//! [`Resource`] reads the facts.
//!
//! **Helm templates** are read leniently: every `{{ … }}` is blanked before parsing (keeping
//! every byte offset), with spaces when it is alone on its line (`{{- if .Values.ha }}`) and
//! with `_` inside a line (`replicas: {{ .Values.replicas }}`), so a templated value is never a
//! number, a duration or a boolean and the literal settings around it are still read. Both
//! branches of a template conditional are read as written. A templated file that still is not
//! valid YAML keeps the entries before the problem; its error is kept in the model (rules then
//! know the file was not read to its end) but not reported as `BDL000` ([`is_template`]): it
//! is not YAML until Helm renders it. An untemplated resource with a YAML error is reported,
//! as `kubectl` would reject it.

use std::borrow::Cow;

use bdl_core::Span;

use super::{Entry, ParseError, yaml};

/// The prefix of resource facts: every scalar of a resource outside `spec.flinkConfiguration`.
pub const K8S_PREFIX: &str = "k8s:";

/// The key of the entry that starts each resource: its `kind`.
pub const RESOURCE_MARKER: &str = "k8s:kind";

/// The custom resources of the Flink Kubernetes operator that carry Flink configuration.
pub const RESOURCE_KINDS: &[&str] = &["FlinkDeployment", "FlinkSessionJob"];

/// The API group of the operator's resources.
pub const API_GROUP: &str = "flink.apache.org";

/// Where the Flink configuration of a resource lives.
const FLINK_CONFIGURATION: &str = "spec.flinkConfiguration.";

pub(crate) fn parse(text: &str) -> (Vec<Entry>, Vec<ParseError>) {
    if !text.contains(API_GROUP) {
        return (Vec::new(), Vec::new());
    }
    let templated = is_template(text);
    let source = if templated {
        Cow::Owned(blank_templates(text))
    } else {
        Cow::Borrowed(text)
    };
    let mut parsed = yaml::parse_documents(&source);
    if templated {
        // Offsets are the same in both texts, but a position inside a blanked template may fall
        // within a character of the original: widen such spans to whole characters.
        for entry in &mut parsed.entries {
            entry.key_span = whole_chars(text, entry.key_span);
            entry.value_span = whole_chars(text, entry.value_span);
        }
        for error in &mut parsed.errors {
            error.span = whole_chars(text, error.span);
        }
    }
    let mut entries = Vec::new();
    let mut bounds = parsed.starts.clone();
    bounds.push(parsed.entries.len());
    for pair in bounds.windows(2) {
        let Some(document) = parsed.entries.get(pair[0]..pair[1]) else {
            continue;
        };
        resource_entries(document, &mut entries);
    }
    (entries, parsed.errors)
}

/// Whether `text` is a Helm (Go) template: it contains `{{`. Such a file is not YAML until Helm
/// renders it, so its YAML errors are not reported (`BDL000`); they still tell rules that the
/// file was not read to its end.
pub fn is_template(text: &str) -> bool {
    text.contains("{{")
}

/// Appends the entries of `document` if it is a Flink resource.
fn resource_entries(document: &[Entry], out: &mut Vec<Entry>) {
    let top = |key: &str| document.iter().find(|e| e.key == key);
    let (Some(api_version), Some(kind)) = (top("apiVersion"), top("kind")) else {
        return;
    };
    let in_group = api_version
        .value
        .strip_prefix(API_GROUP)
        .is_some_and(|rest| rest.starts_with('/'));
    if !in_group || !RESOURCE_KINDS.contains(&kind.value.as_str()) {
        return;
    }
    out.push(Entry {
        key: RESOURCE_MARKER.to_owned(),
        ..kind.clone()
    });
    for entry in document {
        if std::ptr::eq(entry, kind) {
            continue;
        }
        let key = match entry.key.strip_prefix(FLINK_CONFIGURATION) {
            Some(flink_key) => flink_key.to_owned(),
            None => format!("{K8S_PREFIX}{}", entry.key),
        };
        out.push(Entry {
            key,
            ..entry.clone()
        });
    }
}

/// One `FlinkDeployment` or `FlinkSessionJob`: a slice of a [`super::ConfigFile`]'s entries
/// that starts with its [`RESOURCE_MARKER`].
#[derive(Clone, Copy, Debug)]
pub struct Resource<'f> {
    entries: &'f [Entry],
}

impl<'f> Resource<'f> {
    /// The resource whose entries are `entries`, if they start with a [`RESOURCE_MARKER`].
    pub fn new(entries: &'f [Entry]) -> Option<Self> {
        (entries.first()?.key == RESOURCE_MARKER).then_some(Self { entries })
    }

    /// `FlinkDeployment` or `FlinkSessionJob`, with the spans of its `kind`.
    pub fn kind(&self) -> Option<&'f Entry> {
        self.entries.first()
    }

    /// Whether this is a `FlinkDeployment` (a whole cluster) rather than a `FlinkSessionJob` (a
    /// job on a session cluster whose configuration lives in another resource).
    pub fn is_deployment(&self) -> bool {
        self.kind().is_some_and(|k| k.value == "FlinkDeployment")
    }

    /// The last definition of a resource field by its path: `spec.jobManager.replicas`.
    pub fn fact(&self, path: &str) -> Option<&'f Entry> {
        self.entries.iter().rev().find(|e| {
            e.key
                .strip_prefix(K8S_PREFIX)
                .is_some_and(|rest| rest == path)
        })
    }

    /// `metadata.name`.
    pub fn name(&self) -> Option<&'f str> {
        self.fact("metadata.name").map(|e| e.value.as_str())
    }

    /// `spec.jobManager.replicas` (JobManager high availability needs it above 1).
    pub fn job_manager_replicas(&self) -> Option<&'f Entry> {
        self.fact("spec.jobManager.replicas")
    }

    /// `spec.job.upgradeMode`: `stateless`, `savepoint` or `last-state`.
    pub fn upgrade_mode(&self) -> Option<&'f Entry> {
        self.fact("spec.job.upgradeMode")
    }

    /// `spec.flinkVersion` (`v1_20`, `v2_0`).
    pub fn flink_version(&self) -> Option<&'f Entry> {
        self.fact("spec.flinkVersion")
    }

    /// The Flink configuration entries (`spec.flinkConfiguration`), with their Flink keys.
    pub fn flink_entries(&self) -> impl Iterator<Item = &'f Entry> + 'f {
        self.entries
            .iter()
            .filter(|e| !e.key.starts_with(K8S_PREFIX))
    }
}

/// The text with every Helm template `{{ … }}` blanked, byte for byte (line breaks kept): with
/// spaces when the line holds nothing but templates and blanks, with `_` otherwise. An
/// unterminated `{{` is blanked to the end of its line.
fn blank_templates(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    while let Some(start) = find(bytes, at, b"{{") {
        let end = match find(bytes, start + 2, b"}}") {
            Some(close) => close + 2,
            None => bytes[start..]
                .iter()
                .position(|b| *b == b'\n')
                .map_or(bytes.len(), |n| start + n),
        };
        ranges.push((start, end));
        at = end;
    }
    // Per line: where it starts, and whether it holds anything but templates and blanks.
    let mut line_starts = vec![0];
    let mut has_content = vec![false];
    let mut next_range = 0;
    for (i, b) in bytes.iter().enumerate() {
        while next_range < ranges.len() && ranges[next_range].1 <= i {
            next_range += 1;
        }
        let in_template = ranges
            .get(next_range)
            .is_some_and(|(start, end)| *start <= i && i < *end);
        if *b == b'\n' {
            line_starts.push(i + 1);
            has_content.push(false);
        } else if !in_template
            && !b.is_ascii_whitespace()
            && let Some(last) = has_content.last_mut()
        {
            *last = true;
        }
    }
    let line_of = |offset: usize| {
        line_starts
            .partition_point(|s| *s <= offset)
            .saturating_sub(1)
    };
    let mut out = bytes.to_vec();
    for (start, end) in ranges {
        // The lines the template touches.
        let lines = line_of(start)..=line_of(end.saturating_sub(1).max(start));
        let inline = has_content
            .get(lines)
            .is_some_and(|lines| lines.iter().any(|c| *c));
        let fill = if inline { b'_' } else { b' ' };
        for b in &mut out[start..end] {
            if !matches!(*b, b'\n' | b'\r') {
                *b = fill;
            }
        }
    }
    // Whole templates of ASCII delimiters were replaced by ASCII bytes: still UTF-8.
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

/// `span` widened to the nearest character boundaries of `text`.
fn whole_chars(text: &str, span: Span) -> Span {
    let mut start = span.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    Span::new(start, end)
}

/// The first occurrence of `needle` in `bytes` at or after `from`.
fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| from + i)
}

#[cfg(test)]
mod tests {
    use super::super::ConfigFile;
    use super::*;
    use bdl_core::FileKind;

    /// `(key, value, value text)` of every entry.
    fn read(text: &str) -> Vec<(String, String, &str)> {
        let (entries, errors) = parse(text);
        assert!(errors.is_empty(), "{errors:?}");
        entries
            .into_iter()
            .map(|e| (e.key, e.value, e.value_span.slice(text)))
            .collect()
    }

    fn keys(text: &str) -> Vec<String> {
        read(text).into_iter().map(|(k, ..)| k).collect()
    }

    const FLAT: &str = "apiVersion: flink.apache.org/v1beta1\n\
        kind: FlinkDeployment\n\
        metadata:\n  name: orders\n\
        spec:\n  flinkVersion: v1_20\n\
        \x20 flinkConfiguration:\n\
        \x20   taskmanager.numberOfTaskSlots: \"2\"\n\
        \x20   \"execution.checkpointing.interval\": \"500ms\"\n\
        \x20 jobManager:\n    replicas: 2\n\
        \x20 job:\n    jarURI: local:///opt/flink/job.jar\n    upgradeMode: savepoint\n";

    #[test]
    fn flat_flink_configuration_becomes_flink_keys() {
        let got = read(FLAT);
        assert_eq!(
            got[0],
            (
                "k8s:kind".into(),
                "FlinkDeployment".into(),
                "FlinkDeployment"
            )
        );
        let flink: Vec<_> = got
            .iter()
            .filter(|(k, ..)| !k.starts_with(K8S_PREFIX))
            .collect();
        assert_eq!(
            flink,
            [
                &("taskmanager.numberOfTaskSlots".into(), "2".into(), "2"),
                &(
                    "execution.checkpointing.interval".into(),
                    "500ms".into(),
                    "500ms"
                ),
            ]
        );
        assert_eq!(
            keys(FLAT),
            [
                "k8s:kind",
                "k8s:apiVersion",
                "k8s:metadata.name",
                "k8s:spec.flinkVersion",
                "taskmanager.numberOfTaskSlots",
                "execution.checkpointing.interval",
                "k8s:spec.jobManager.replicas",
                "k8s:spec.job.jarURI",
                "k8s:spec.job.upgradeMode",
            ]
        );
    }

    #[test]
    fn nested_flink_configuration_flattens_like_config_yaml() {
        let text = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nspec:\n  \
                    flinkConfiguration:\n    execution:\n      checkpointing:\n        \
                    interval: 10s\n        min-pause: 5s\n    state.backend.type: rocksdb\n";
        let got = read(text);
        let flink: Vec<_> = got
            .iter()
            .filter(|(k, ..)| !k.starts_with(K8S_PREFIX))
            .map(|(k, _, span)| (k.as_str(), *span))
            .collect();
        assert_eq!(
            flink,
            [
                ("execution.checkpointing.interval", "10s"),
                ("execution.checkpointing.min-pause", "5s"),
                ("state.backend.type", "rocksdb"),
            ]
        );
    }

    #[test]
    fn multi_document_files_keep_each_resource_apart() {
        let text = format!(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  \
             execution.checkpointing.interval: 1s\n---\n{FLAT}---\n\
             apiVersion: flink.apache.org/v1beta1\nkind: FlinkSessionJob\nmetadata:\n  \
             name: enrich\nspec:\n  deploymentName: session\n  flinkConfiguration:\n    \
             execution.checkpointing.timeout: 30s\n"
        );
        let file = ConfigFile::parse(FileKind::FlinkK8s, &text);
        assert!(file.errors.is_empty(), "{:?}", file.errors);
        let resources: Vec<Resource<'_>> = file
            .documents()
            .into_iter()
            .filter_map(Resource::new)
            .collect();
        assert_eq!(resources.len(), 2);
        let deployment = resources[0];
        assert!(deployment.is_deployment());
        assert_eq!(deployment.name(), Some("orders"));
        let replicas = deployment.job_manager_replicas().expect("replicas");
        assert_eq!(replicas.value, "2");
        assert_eq!(replicas.value_span.slice(&text), "2");
        assert_eq!(
            deployment.upgrade_mode().map(|e| e.value.as_str()),
            Some("savepoint")
        );
        assert_eq!(
            deployment.flink_version().map(|e| e.value.as_str()),
            Some("v1_20")
        );
        let job = resources[1];
        assert!(!job.is_deployment());
        assert_eq!(job.name(), Some("enrich"));
        let keys: Vec<&str> = job.flink_entries().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["execution.checkpointing.timeout"]);
        // The ConfigMap's key is not read.
        assert!(
            !file
                .entries
                .iter()
                .any(|e| e.value == "1s" || e.key.starts_with("k8s:data"))
        );
    }

    #[test]
    fn spans_point_at_the_values_as_written() {
        let text = "# orders job\r\napiVersion: \"flink.apache.org/v1beta1\"\r\nkind: FlinkDeployment\r\n\
                    spec:\r\n  flinkConfiguration:\r\n    'execution.checkpointing.interval': '2 s'  # fast\r\n";
        let got = read(text);
        let interval = got
            .iter()
            .find(|(k, ..)| k == "execution.checkpointing.interval")
            .expect("interval");
        assert_eq!(interval.1, "2 s");
        assert_eq!(interval.2, "2 s");
        let at = text.find("2 s").expect("value");
        let (entries, _) = parse(text);
        let entry = entries
            .iter()
            .find(|e| e.key == "execution.checkpointing.interval")
            .expect("entry");
        assert_eq!(entry.value_span.start, at);
    }

    #[test]
    fn other_kubernetes_yaml_produces_nothing() {
        for text in [
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n",
            "apiVersion: v1\nkind: ConfigMap\ndata:\n  flink-conf.yaml: |\n    \
             execution.checkpointing.interval: 1s\n",
            // The operator's own CRD mentions the group but is no Flink resource.
            "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nspec:\n  \
             group: flink.apache.org\n  names:\n    kind: FlinkDeployment\n",
            // A look-alike group.
            "apiVersion: flink.apache.org.example.com/v1\nkind: FlinkDeployment\nspec:\n  \
             flinkConfiguration:\n    a: b\n",
            "replicaCount: 2\nimage:\n  tag: 1.20\n",
            "",
        ] {
            assert!(read(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn helm_templates_are_blanked_without_errors() {
        let text = "{{- if .Values.flink.enabled }}\n\
            apiVersion: flink.apache.org/v1beta1\n\
            kind: FlinkDeployment\n\
            metadata:\n  name: {{ include \"orders.fullname\" . }}\n\
              labels:\n    {{- include \"orders.labels\" . | nindent 4 }}\n\
            spec:\n  image: repo/orders:{{ .Values.image.tag }}\n\
            \x20 flinkConfiguration:\n\
            \x20   execution.checkpointing.interval: \"{{ .Values.checkpointInterval }}\"\n\
            \x20   execution.checkpointing.timeout: 30s\n\
            \x20   {{- toYaml .Values.extraFlinkConfiguration | nindent 4 }}\n\
            \x20 jobManager:\n    replicas: {{ .Values.jobManager.replicas }}\n\
            {{- end }}\n";
        let (entries, errors) = parse(text);
        assert!(errors.is_empty(), "{errors:?}");
        let value = |key: &str| {
            entries
                .iter()
                .find(|e| e.key == key)
                .map(|e| (e.value.clone(), e.value_span.slice(text).to_owned()))
        };
        // Literal settings are read at their place; templated values read as nothing useful.
        assert_eq!(
            value("execution.checkpointing.timeout"),
            Some(("30s".to_owned(), "30s".to_owned()))
        );
        let (interval, _) = value("execution.checkpointing.interval").expect("interval");
        assert!(interval.bytes().all(|b| b == b'_'), "{interval}");
        let (replicas, _) = value("k8s:spec.jobManager.replicas").expect("replicas");
        assert!(replicas.parse::<u32>().is_err(), "{replicas}");
        // A template that breaks the YAML keeps the entries before the error, and the error,
        // which the checker does not report for templates.
        let broken = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nspec:\n  \
                      flinkConfiguration:\n    a: 1\n    b: {{ .Values.b }}: x\n";
        let (entries, errors) = parse(broken);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(is_template(broken));
        assert!(entries.iter().any(|e| e.key == "a"));
    }

    #[test]
    fn untemplated_resources_report_yaml_errors() {
        let text = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nspec:\n  \
                    flinkConfiguration: [unclosed\n";
        let (_, errors) = parse(text);
        assert_eq!(errors.len(), 1);
    }

    #[test]
    fn blanking_keeps_offsets_and_lines() {
        let text = "a: {{ x }}\n  {{- if y }}\nb: é{{ z\nc: 1 }}\n{{ unterminated\nd: 2\n";
        let blanked = blank_templates(text);
        assert_eq!(blanked.len(), text.len());
        assert_eq!(blanked.lines().count(), text.lines().count());
        assert_eq!(
            blanked,
            "a: _______\n             \nb: é____\n_______\n               \nd: 2\n"
        );
    }

    #[test]
    fn fuzz_never_panics_and_spans_fit() {
        let pieces: &[&str] = &[
            "apiVersion: flink.apache.org/v1beta1\n",
            "kind: FlinkDeployment\n",
            "kind: FlinkSessionJob\n",
            "spec:\n",
            "  flinkConfiguration:\n",
            "    a.b: c\n",
            "{{",
            "}}",
            "{{- if x }}\n",
            "---\n",
            ": ",
            "- ",
            "  ",
            "\n",
            "\r",
            "'",
            "\"",
            "[",
            "{",
            "}",
            "#",
            "é",
            "k",
        ];
        super::super::random_parses_fit(parse, pieces, 0x2545_f491_4f6c_dd1d_u64);
    }
}
