//! Baselines: record today's findings once (`--write-baseline FILE`), then report only new
//! ones (`--baseline FILE`). Findings are matched by rule, path and fingerprint, never by line,
//! so edits elsewhere in a file, blank lines and reordered methods do not bring them back.

use std::collections::HashMap;
use std::path::Path;

use bdl_core::Diagnostic;
use serde::{Deserialize, Serialize};

/// The version of the baseline file format.
pub const VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
struct File {
    version: u32,
    findings: Vec<Entry>,
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

/// Renders the baseline for `diagnostics` (active findings only, in output order).
pub fn render(diagnostics: &[Diagnostic]) -> String {
    let file = File {
        version: VERSION,
        findings: diagnostics
            .iter()
            .filter(|d| d.is_active())
            .map(|d| Entry {
                code: d.code.to_owned(),
                path: d.path.clone(),
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
        Self::parse(&text).map_err(|e| format!("invalid baseline {}: {e}", path.display()))
    }

    pub fn parse(text: &str) -> Result<Self, String> {
        let file: File = serde_json::from_str(text).map_err(|e| e.to_string())?;
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
        let baseline = Baseline::parse(&render(&old)).expect("parses");
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
            Baseline::parse(&render(&[finding("FLK001", "gone.yaml", "f")])).expect("parses");
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
