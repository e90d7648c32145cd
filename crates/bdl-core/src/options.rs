use std::time::Duration;

use crate::diagnostic::Severity;
use crate::duration::{format_duration, parse_duration};

/// The type of a rule option, which decides how its value is written and read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptionKind {
    /// A duration with a unit, as Flink writes them: `500ms`, `10s`, `2min`.
    Duration,
    /// A whole number.
    Integer,
    /// `true` or `false`.
    Bool,
    /// A severity a rule reports at: `info`, `warning` or `error`.
    Severity,
}

impl OptionKind {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Duration => "duration",
            Self::Integer => "integer",
            Self::Bool => "boolean",
            Self::Severity => "severity",
        }
    }

    /// Parses a value of this kind, or says what was expected.
    pub fn parse(self, text: &str) -> Result<OptionValue, String> {
        let text = text.trim();
        match self {
            Self::Duration => parse_duration(text)
                .map(OptionValue::Duration)
                .ok_or_else(|| {
                    format!("expected a duration such as `10s` or `2min`, found `{text}`")
                }),
            Self::Integer => text
                .parse()
                .map(OptionValue::Integer)
                .map_err(|_| format!("expected a whole number, found `{text}`")),
            Self::Bool => match text {
                "true" => Ok(OptionValue::Bool(true)),
                "false" => Ok(OptionValue::Bool(false)),
                _ => Err(format!("expected `true` or `false`, found `{text}`")),
            },
            Self::Severity => Severity::parse(text)
                .map(OptionValue::Severity)
                .ok_or_else(|| format!("expected `info`, `warning` or `error`, found `{text}`")),
        }
    }
}

/// Declares one option of a rule: its name (kebab-case), type, default and meaning.
#[derive(Clone, Copy, Debug)]
pub struct OptionMeta {
    pub name: &'static str,
    pub kind: OptionKind,
    /// The default, written as a user would write it in `.bigdata-lint.yaml`.
    pub default: &'static str,
    pub doc: &'static str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptionValue {
    Duration(Duration),
    Integer(i64),
    Bool(bool),
    Severity(Severity),
}

impl OptionValue {
    pub fn render(self) -> String {
        match self {
            Self::Duration(d) => format_duration(d),
            Self::Integer(n) => n.to_string(),
            Self::Bool(b) => b.to_string(),
            Self::Severity(s) => s.as_str().to_owned(),
        }
    }
}

/// The effective options of one rule: its declared defaults with the user's overrides on top.
#[derive(Clone, Debug, Default)]
pub struct RuleOptions {
    values: Vec<(&'static str, OptionValue)>,
}

impl RuleOptions {
    /// The declared defaults. A default that does not parse is a bug in the rule, caught by the
    /// convention tests; here it is simply left out, so the reading rule stays silent.
    pub fn defaults(meta: &[OptionMeta]) -> Self {
        let values = meta
            .iter()
            .filter_map(|o| o.kind.parse(o.default).ok().map(|v| (o.name, v)))
            .collect();
        Self { values }
    }

    /// Sets `name` from text, checking that the option exists and the value has its type.
    pub fn set(&mut self, meta: &[OptionMeta], name: &str, text: &str) -> Result<(), String> {
        let Some(option) = meta.iter().find(|o| o.name == name) else {
            let known: Vec<_> = meta.iter().map(|o| o.name).collect();
            return Err(if known.is_empty() {
                format!("unknown option `{name}`: this rule has no options")
            } else {
                format!(
                    "unknown option `{name}`; known options: {}",
                    known.join(", ")
                )
            });
        };
        let value = option.kind.parse(text)?;
        match self.values.iter_mut().find(|(n, _)| *n == option.name) {
            Some(slot) => slot.1 = value,
            None => self.values.push((option.name, value)),
        }
        Ok(())
    }

    pub fn get(&self, name: &str) -> Option<OptionValue> {
        self.values
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
    }

    pub fn duration(&self, name: &str) -> Option<Duration> {
        match self.get(name)? {
            OptionValue::Duration(d) => Some(d),
            _ => None,
        }
    }

    pub fn integer(&self, name: &str) -> Option<i64> {
        match self.get(name)? {
            OptionValue::Integer(n) => Some(n),
            _ => None,
        }
    }

    pub fn bool(&self, name: &str) -> Option<bool> {
        match self.get(name)? {
            OptionValue::Bool(b) => Some(b),
            _ => None,
        }
    }

    pub fn severity(&self, name: &str) -> Option<Severity> {
        match self.get(name)? {
            OptionValue::Severity(s) => Some(s),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const META: &[OptionMeta] = &[
        OptionMeta {
            name: "min-interval",
            kind: OptionKind::Duration,
            default: "10s",
            doc: "",
        },
        OptionMeta {
            name: "lint-test-sources",
            kind: OptionKind::Bool,
            default: "false",
            doc: "",
        },
    ];

    #[test]
    fn defaults_then_overrides() {
        let mut opts = RuleOptions::defaults(META);
        assert_eq!(opts.duration("min-interval"), Some(Duration::from_secs(10)));
        opts.set(META, "min-interval", "30s").expect("valid");
        assert_eq!(opts.duration("min-interval"), Some(Duration::from_secs(30)));
        assert_eq!(opts.bool("lint-test-sources"), Some(false));
    }

    #[test]
    fn severities() {
        let meta = [OptionMeta {
            name: "normal-path-severity",
            kind: OptionKind::Severity,
            default: "info",
            doc: "",
        }];
        let mut opts = RuleOptions::defaults(&meta);
        assert_eq!(opts.severity("normal-path-severity"), Some(Severity::Info));
        opts.set(&meta, "normal-path-severity", " warning ")
            .expect("valid");
        assert_eq!(
            opts.severity("normal-path-severity"),
            Some(Severity::Warning)
        );
        assert_eq!(
            opts.get("normal-path-severity").map(OptionValue::render),
            Some("warning".to_owned())
        );
        let err = opts
            .set(&meta, "normal-path-severity", "fatal")
            .expect_err("not a severity");
        assert!(err.contains("`info`, `warning` or `error`"), "{err}");
        assert_eq!(opts.bool("normal-path-severity"), None);
    }

    #[test]
    fn unknown_names_and_bad_values_are_errors() {
        let mut opts = RuleOptions::defaults(META);
        let err = opts.set(META, "min-intervall", "1s").expect_err("unknown");
        assert!(err.contains("min-interval"), "{err}");
        let err = opts
            .set(META, "min-interval", "soon")
            .expect_err("bad value");
        assert!(err.contains("`soon`"), "{err}");
    }
}
