//! Baselines: record today's findings once (`--write-baseline FILE`), then report only new
//! ones (`--baseline FILE`). Findings are matched by rule, path and fingerprint, never by line,
//! so edits elsewhere in a file, blank lines and reordered methods do not bring them back.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use bdl_core::Diagnostic;
use serde::{Deserialize, Serialize};

/// The version of the baseline file format.
pub const VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
struct File {
    version: u32,
    /// `"relative-to-baseline"`: entry paths are relative to the baseline file's directory,
    /// so the baseline matches from any working directory. Absent in older baselines, whose
    /// paths are relative to the directory the run started in; those are still read as such.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    paths: Option<String>,
    findings: Vec<Entry>,
}

/// The value of [`File::paths`] for paths relative to the baseline file's directory.
const RELATIVE: &str = "relative-to-baseline";

/// The directory a baseline at `file` keeps its paths relative to, absolute.
fn base_dir(file: &Path) -> Option<PathBuf> {
    let parent = file.parent().filter(|p| !p.as_os_str().is_empty());
    let parent = parent.unwrap_or_else(|| Path::new("."));
    parent
        .canonicalize()
        .ok()
        .or_else(|| std::path::absolute(parent).ok())
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
struct Entry {
    code: String,
    path: String,
    fingerprint: String,
    /// For people reading the file; not used for matching.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    message: String,
}

/// A loaded baseline: how many times each (code, path, fingerprint) may still be absorbed.
#[derive(Debug, Default)]
pub struct Baseline {
    remaining: HashMap<(String, String, String), usize>,
    total: usize,
}

/// What applying a baseline did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Applied {
    /// Findings dropped because the baseline lists them.
    pub absorbed: usize,
    /// Baseline entries that matched nothing: fixed or moved away; prune them by rewriting.
    pub stale: usize,
}

/// `path` relative to `base` (both absolute), with `..` where it lies outside; `None` when
/// they share no root (another drive).
fn relative_to(path: &Path, base: &Path) -> Option<String> {
    use std::path::Component;
    let path: Vec<Component<'_>> = path.components().collect();
    let base: Vec<Component<'_>> = base.components().collect();
    let common = path.iter().zip(&base).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return None;
    }
    let mut parts: Vec<String> = vec!["..".to_owned(); base.len() - common];
    parts.extend(
        path[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    Some(parts.join("/"))
}

/// `path` with `.` and `..` resolved by name, not through the file system.
fn lexical(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Renders the baseline for `diagnostics` (active findings only, in output order), with paths
/// relative to the directory of `file` (the baseline being written) when given.
pub fn render(diagnostics: &[Diagnostic], file: Option<&Path>) -> String {
    let cwd = bdl_syntax::discover::working_dir();
    let base = file.and_then(base_dir);
    let relative = |shown: &str| -> String {
        let (Some(base), Some(cwd)) = (base.as_deref(), cwd.as_deref()) else {
            return shown.to_owned();
        };
        relative_to(&cwd.join(shown), base).unwrap_or_else(|| shown.to_owned())
    };
    let file = File {
        version: VERSION,
        paths: base.as_ref().map(|_| RELATIVE.to_owned()),
        findings: diagnostics
            .iter()
            .filter(|d| d.is_active())
            .map(|d| Entry {
                code: d.code.to_owned(),
                path: relative(&d.path),
                fingerprint: d.fingerprint.clone(),
                message: d.message.clone(),
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&file).unwrap_or_else(|_| "{}".to_owned());
    text.push('\n');
    text
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read baseline {}: {e}", path.display()))?;
        Self::parse_at(&text, Some(path))
            .map_err(|e| format!("invalid baseline {}: {e}", path.display()))
    }

    pub fn parse(text: &str) -> Result<Self, String> {
        Self::parse_at(text, None)
    }

    /// Parses a baseline read from `file`: paths relative to its directory are turned into
    /// paths as this run shows them.
    fn parse_at(text: &str, file: Option<&Path>) -> Result<Self, String> {
        let mut file_data: File = serde_json::from_str(text).map_err(|e| e.to_string())?;
        match file_data.paths.as_deref() {
            None => {}
            Some(RELATIVE) => {
                if let Some(base) = file.and_then(base_dir) {
                    let cwd = bdl_syntax::discover::working_dir();
                    for entry in &mut file_data.findings {
                        let absolute = lexical(&base.join(&entry.path));
                        entry.path = crate::engine::display_path(&absolute, cwd.as_deref());
                    }
                }
            }
            Some(other) => return Err(format!("unknown `paths` value `{other}`")),
        }
        let file = file_data;
        if file.version != VERSION {
            return Err(format!(
                "format version {} is not supported (expected {VERSION})",
                file.version
            ));
        }
        let mut baseline = Self::default();
        for entry in file.findings {
            *baseline
                .remaining
                .entry((entry.code, entry.path, entry.fingerprint))
                .or_insert(0) += 1;
            baseline.total += 1;
        }
        Ok(baseline)
    }

    /// Removes the findings the baseline lists (each entry absorbs one finding).
    pub fn apply(mut self, diagnostics: &mut Vec<Diagnostic>) -> Applied {
        let before = diagnostics.len();
        diagnostics.retain(|d| {
            if !d.is_active() {
                return true;
            }
            let key = (d.code.to_owned(), d.path.clone(), d.fingerprint.clone());
            match self.remaining.get_mut(&key) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            }
        });
        let absorbed = before - diagnostics.len();
        Applied {
            absorbed,
            stale: self.total - absorbed,
        }
    }
}

#[cfg(test)]
mod tests {
    use bdl_core::{LineCol, Severity, Span};

    use super::*;

    fn finding(code: &'static str, path: &str, fingerprint: &str) -> Diagnostic {
        Diagnostic {
            code,
            name: "n",
            severity: Severity::Warning,
            message: "m".to_owned(),
            help: None,
            path: path.to_owned(),
            span: Span::default(),
            start: LineCol::default(),
            end: LineCol::default(),
            labels: Vec::new(),
            fingerprint: fingerprint.to_owned(),
            suppression: None,
            redactions: Vec::new(),
            fix: None,
        }
    }

    #[test]
    fn round_trip_absorbs_exactly_the_recorded_findings() {
        let old = vec![
            finding("FLK001", "a.yaml", "f1"),
            finding("FLK001", "a.yaml", "f1"),
        ];
        let baseline = Baseline::parse(&render(&old, None)).expect("parses");
        let mut now = vec![
            finding("FLK001", "a.yaml", "f1"),
            finding("FLK001", "a.yaml", "f1"),
            finding("FLK001", "a.yaml", "f1"),
            finding("HDP001", "a.yaml", "f1"),
        ];
        let applied = baseline.apply(&mut now);
        assert_eq!(
            applied,
            Applied {
                absorbed: 2,
                stale: 0
            }
        );
        assert_eq!(now.len(), 2);
    }

    #[test]
    fn stale_entries_are_counted() {
        let baseline =
            Baseline::parse(&render(&[finding("FLK001", "gone.yaml", "f")], None)).expect("parses");
        let mut now = Vec::new();
        assert_eq!(
            baseline.apply(&mut now),
            Applied {
                absorbed: 0,
                stale: 1
            }
        );
    }

    #[test]
    fn bad_files_are_errors() {
        assert!(Baseline::parse("not json").is_err());
        assert!(Baseline::parse("{\"version\": 9, \"findings\": []}").is_err());
    }
}
