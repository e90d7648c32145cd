use std::fmt;

use crate::rule::RuleMeta;

/// One `--select` / `--ignore` word: a rule code (`FLK001`), a code prefix (`FLK`, `FLK0`, `ALL`)
/// or a rule name (`checkpoint-interval-too-short`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selector {
    text: String,
}

/// A selector that matches no rule, with the nearest valid spelling when there is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SelectionError {
    pub selector: String,
    pub suggestion: Option<String>,
}

impl fmt::Display for SelectionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` matches no rule code, prefix or name",
            self.selector
        )?;
        if let Some(s) = &self.suggestion {
            write!(f, "; did you mean `{s}`?")?;
        }
        Ok(())
    }
}

impl std::error::Error for SelectionError {}

impl Selector {
    /// Parses a selector and checks that it matches at least one rule.
    pub fn parse(text: &str, rules: &[&RuleMeta]) -> Result<Self, SelectionError> {
        let selector = Self {
            text: text.trim().to_owned(),
        };
        if rules.iter().any(|r| selector.specificity(r).is_some()) {
            return Ok(selector);
        }
        let candidates = rules.iter().flat_map(|r| [r.code, r.name]);
        let suggestion = nearest(&selector.text, candidates)
            .or_else(|| nearest_code(&selector.text, rules))
            .map(str::to_owned);
        Err(SelectionError {
            selector: selector.text.clone(),
            suggestion,
        })
    }

    /// How precisely this selector names `rule`, or `None` when it does not match it. A full
    /// code or name is most specific; a longer prefix beats a shorter one; `ALL` is least.
    fn specificity(&self, rule: &RuleMeta) -> Option<usize> {
        let text = self.text.as_str();
        if text.eq_ignore_ascii_case("ALL") {
            return Some(1);
        }
        if text == rule.name || text.eq_ignore_ascii_case(rule.code) {
            return Some(100);
        }
        let upper = text.to_ascii_uppercase();
        (upper.len() >= 3 && rule.code.starts_with(&upper)).then_some(upper.len() + 1)
    }
}

/// The user's rule selection, resolved the way ruff resolves it: a rule is enabled when the most
/// specific matching selector is a positive one (`select`, `extend-select`); on a tie `ignore`
/// wins. Without `select`, every rule starts enabled.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    pub select: Option<Vec<Selector>>,
    pub extend_select: Vec<Selector>,
    pub ignore: Vec<Selector>,
}

impl Selection {
    pub fn is_enabled(&self, rule: &RuleMeta) -> bool {
        let best = |sels: &[Selector]| sels.iter().filter_map(|s| s.specificity(rule)).max();
        let positive = match &self.select {
            Some(select) => best(select),
            None => Some(0),
        }
        .max(best(&self.extend_select));
        match (positive, best(&self.ignore)) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(pos), Some(neg)) => pos > neg,
        }
    }
}

/// For a well-formed but unknown code (`FLK999`), the code of the same technology with the
/// nearest number.
fn nearest_code<'a>(word: &str, rules: &[&'a RuleMeta]) -> Option<&'a str> {
    let upper = word.to_ascii_uppercase();
    let (prefix, digits) = (upper.get(..3)?, upper.get(3..)?);
    let number: i64 = digits.parse().ok()?;
    rules
        .iter()
        .filter(|r| r.code.starts_with(prefix))
        .filter_map(|r| Some((r.code, r.code.get(3..)?.parse::<i64>().ok()?)))
        .min_by_key(|(code, n)| ((n - number).abs(), *code))
        .map(|(code, _)| code)
}

/// The candidate closest to `word` by edit distance, if it is close enough to be a likely typo.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word_lower = word.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| (levenshtein(&word_lower, &c.to_ascii_lowercase()), c))
        .filter(|(d, c)| *d <= (c.len().max(word.len()) / 3).max(1))
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{FileKind, Severity};

    const fn meta(code: &'static str, name: &'static str) -> RuleMeta {
        RuleMeta {
            code,
            name,
            summary: "",
            severity: Severity::Warning,
            kinds: &[FileKind::Java],
            triggers: &[],
            options: &[],
            docs: "",
            file: "",
            line: 0,
            fix: crate::FixAvailability::None,
        }
    }

    static FLK001: RuleMeta = meta("FLK001", "checkpoint-interval-too-short");
    static FLK002: RuleMeta = meta("FLK002", "allowed-lateness-tiny");
    static HDP001: RuleMeta = meta("HDP001", "dfs-replication-too-low");
    const ALL: &[&RuleMeta] = &[&FLK001, &FLK002, &HDP001];

    fn sel(words: &[&str]) -> Vec<Selector> {
        words
            .iter()
            .map(|w| Selector::parse(w, ALL).expect("valid selector"))
            .collect()
    }

    #[test]
    fn default_enables_everything_and_ignore_removes() {
        let s = Selection {
            ignore: sel(&["FLK"]),
            ..Selection::default()
        };
        assert!(!s.is_enabled(&FLK001));
        assert!(s.is_enabled(&HDP001));
    }

    #[test]
    fn more_specific_selector_wins() {
        let s = Selection {
            select: Some(sel(&["FLK001"])),
            ignore: sel(&["FLK"]),
            ..Selection::default()
        };
        assert!(s.is_enabled(&FLK001));
        assert!(!s.is_enabled(&FLK002));
        assert!(!s.is_enabled(&HDP001));
    }

    #[test]
    fn names_and_extend_select_work() {
        let s = Selection {
            select: Some(sel(&["allowed-lateness-tiny"])),
            extend_select: sel(&["HDP"]),
            ..Selection::default()
        };
        assert!(!s.is_enabled(&FLK001));
        assert!(s.is_enabled(&FLK002));
        assert!(s.is_enabled(&HDP001));
    }

    #[test]
    fn unknown_selector_suggests_the_nearest() {
        let err = Selector::parse("FLK00I", ALL).expect_err("no such rule");
        assert_eq!(err.suggestion.as_deref(), Some("FLK001"));
        let err = Selector::parse("checkpoint-interval-to-short", ALL).expect_err("typo");
        assert_eq!(
            err.suggestion.as_deref(),
            Some("checkpoint-interval-too-short")
        );
        assert!(
            Selector::parse("zzz", ALL)
                .expect_err("far")
                .suggestion
                .is_none()
        );
    }
}
