//! Fixes: the text edits a rule proposes with a finding, and how a round of them is applied to
//! a file.
//!
//! A fix is a list of edits (a byte range of the file and the text that replaces it) with an
//! [`Applicability`] and a one-line description. Safe fixes keep the program's meaning and are
//! applied by `--fix`; unsafe ones may change it (or need something the linter cannot prove)
//! and are applied only with `--unsafe-fixes`.
//!
//! [`apply`] applies one round: the fixes in the order of their edits, skipping any fix that
//! overlaps one already applied in the round (the caller lints the new text and applies the
//! rest in a later round). An edit identical to one already applied counts as applied, so
//! several findings can share an edit (the `import` every one of them needs).

use std::collections::HashSet;

use crate::span::{LineCol, Span};

/// Whether a fix may be applied without the user opting in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Applicability {
    /// Needs `--unsafe-fixes`: the fix may change what the program does, or depends on
    /// something the linter could not prove (the description says what).
    Unsafe,
    /// Keeps the program's meaning; applied by `--fix`.
    Safe,
}

impl Applicability {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Safe => "safe",
            Self::Unsafe => "unsafe",
        }
    }
}

/// One replacement: the bytes of `span` become `content`. An empty span inserts, an empty
/// content deletes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Edit {
    pub span: Span,
    pub content: String,
    /// Where `span` starts and ends (filled in when the fix is attached to a finding).
    pub start: LineCol,
    pub end: LineCol,
}

impl Edit {
    /// Replaces the text of `span` with `content`.
    pub fn replace(span: Span, content: impl Into<String>) -> Self {
        Self {
            span,
            content: content.into(),
            start: LineCol::default(),
            end: LineCol::default(),
        }
    }

    /// Inserts `content` at byte `at`.
    pub fn insert(at: usize, content: impl Into<String>) -> Self {
        Self::replace(Span::new(at, at), content)
    }

    /// Deletes the text of `span`.
    pub fn delete(span: Span) -> Self {
        Self::replace(span, String::new())
    }

    /// Whether applying both edits in one round is ambiguous or impossible: their ranges share
    /// a byte, or both insert at the same place, or one inserts inside the other's range.
    /// Edits that only touch (`0..3` and `3..5`) do not overlap.
    pub fn overlaps(&self, other: &Self) -> bool {
        let (a, b) = (self.span, other.span);
        match (a.is_empty(), b.is_empty()) {
            (true, true) => a.start == b.start,
            (true, false) => b.start < a.start && a.start < b.end,
            (false, true) => a.start < b.start && b.start < a.end,
            (false, false) => a.start < b.end && b.start < a.end,
        }
    }
}

/// A proposed change that resolves a finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub applicability: Applicability,
    /// One line: what the fix does, and for an unsafe fix why it is not safe.
    pub message: String,
    /// Sorted by position, none overlapping another.
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A fix that keeps the program's meaning.
    pub fn safe(message: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self::new(Applicability::Safe, message, edits)
    }

    /// A fix that needs `--unsafe-fixes`; `message` says why.
    pub fn unsafe_fix(message: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self::new(Applicability::Unsafe, message, edits)
    }

    pub fn new(applicability: Applicability, message: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self {
            applicability,
            message: message.into(),
            edits,
        }
    }

    /// Whether the fix is applied (or offered as available) when unsafe fixes are
    /// `unsafe_fixes`.
    pub const fn is_applicable(&self, unsafe_fixes: bool) -> bool {
        match self.applicability {
            Applicability::Safe => true,
            Applicability::Unsafe => unsafe_fixes,
        }
    }

    /// Sorts the edits and checks them against `text`: every span within the text and on
    /// character boundaries, no two overlapping, at least one edit. `None` otherwise: a fix that
    /// cannot be applied as written is dropped rather than applied wrongly.
    pub fn checked(mut self, text: &str) -> Option<Self> {
        if self.edits.is_empty() {
            return None;
        }
        self.edits.sort_by_key(|e| (e.span.start, e.span.end));
        let fits = |at: usize| at <= text.len() && text.is_char_boundary(at);
        if self
            .edits
            .iter()
            .any(|e| e.span.end < e.span.start || !fits(e.span.start) || !fits(e.span.end))
        {
            return None;
        }
        if self.edits.windows(2).any(|w| w[0].overlaps(&w[1])) {
            return None;
        }
        Some(self)
    }
}

/// The outcome of one round of [`apply`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    /// The text with the applied fixes' edits.
    pub text: String,
    /// The indices (into the fixes given) of the fixes applied, in the order given.
    pub applied: Vec<usize>,
}

/// Applies as many of `fixes` to `text` as fit in one round.
///
/// Fixes are taken in the order of their edits (a fix whose first edit comes first goes first,
/// ties broken by the following edits, then by the order given). A fix is applied whole or not
/// at all: it is skipped when one of its edits starts before the end of an edit already applied
/// in this round, unless that edit is identical to one already applied (two findings adding the
/// same `import`). A fix all of whose edits were already applied counts as applied. The work is
/// linear in the size of the text and the edits, after sorting.
///
/// Every fix must have passed [`Fix::checked`] against `text`; one that did not is skipped.
pub fn apply(text: &str, fixes: &[&Fix]) -> Applied {
    let mut order: Vec<usize> = (0..fixes.len()).collect();
    order.sort_by(|&a, &b| {
        let key = |i: usize| fixes[i].edits.iter().map(|e| (e.span.start, e.span.end));
        key(a).cmp(key(b)).then(a.cmp(&b))
    });
    let mut out = String::with_capacity(text.len());
    let mut done: HashSet<&Edit> = HashSet::new();
    // How far `text` has been copied to `out`: the end of the last edit applied.
    let mut copied = 0;
    let mut applied = Vec::new();
    let mut last: Option<&Edit> = None;
    for i in order {
        let fresh: Vec<&Edit> = fixes[i]
            .edits
            .iter()
            .filter(|e| !done.contains(e))
            .collect();
        let fits = fresh.first().is_none_or(|first| {
            first.span.start >= copied
                && last.is_none_or(|l| !l.overlaps(first))
                && fresh.iter().all(|e| e.span.end <= text.len())
        });
        if !fits {
            continue;
        }
        for edit in fresh {
            let Some(before) = text.get(copied..edit.span.start) else {
                // Not on a character boundary: `checked` was skipped. Nothing is applied from
                // here on, so the text stays consistent.
                return Applied {
                    text: finish(out, text, copied),
                    applied,
                };
            };
            out.push_str(before);
            out.push_str(&edit.content);
            copied = edit.span.end;
            last = Some(edit);
            done.insert(edit);
        }
        applied.push(i);
    }
    applied.sort_unstable();
    Applied {
        text: finish(out, text, copied),
        applied,
    }
}

fn finish(mut out: String, text: &str, copied: usize) -> String {
    out.push_str(text.get(copied..).unwrap_or(""));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(start: usize, end: usize, content: &str) -> Edit {
        Edit::replace(Span::new(start, end), content)
    }

    fn fix(edits: Vec<Edit>) -> Fix {
        Fix::safe("test", edits)
    }

    #[test]
    fn overlapping_edits() {
        assert!(edit(0, 3, "").overlaps(&edit(2, 4, "")));
        assert!(!edit(0, 3, "").overlaps(&edit(3, 4, "")));
        assert!(edit(2, 2, "a").overlaps(&edit(2, 2, "b")));
        assert!(!edit(2, 2, "a").overlaps(&edit(2, 5, "")));
        assert!(!edit(5, 5, "a").overlaps(&edit(2, 5, "")));
        assert!(edit(3, 3, "a").overlaps(&edit(2, 5, "")));
        assert!(edit(2, 5, "").overlaps(&edit(3, 3, "a")));
    }

    #[test]
    fn checked_sorts_and_rejects_bad_edits() {
        let text = "héllo";
        let sorted = fix(vec![edit(4, 6, "L"), edit(0, 1, "H")])
            .checked(text)
            .expect("valid");
        assert_eq!(sorted.edits[0].span.start, 0);
        assert!(fix(vec![]).checked(text).is_none());
        // Inside the two bytes of `é`.
        assert!(fix(vec![edit(2, 3, "")]).checked(text).is_none());
        assert!(fix(vec![edit(5, 99, "")]).checked(text).is_none());
        assert!(
            fix(vec![edit(0, 3, ""), edit(1, 4, "")])
                .checked(text)
                .is_none()
        );
    }

    #[test]
    fn one_round_applies_disjoint_fixes_and_skips_overlapping_ones() {
        let text = "aaa bbb ccc";
        let a = fix(vec![edit(0, 3, "A")]);
        let b = fix(vec![edit(4, 7, "B")]);
        let b2 = fix(vec![edit(5, 6, "x")]);
        let c = fix(vec![edit(8, 11, "C")]);
        let out = apply(text, &[&c, &b2, &a, &b]);
        // `b` starts before `b2`, inside it: `b` is applied, `b2` waits for another round.
        assert_eq!(out.text, "A B C");
        assert_eq!(out.applied, [0, 2, 3]);
    }

    #[test]
    fn identical_edits_are_shared() {
        let text = "import x;\nT.a(1); T.b(2);\n";
        let import = edit(9, 9, "\nimport D;");
        let one = fix(vec![import.clone(), edit(10, 13, "D.c")]);
        let two = fix(vec![import, edit(18, 21, "D.d")]);
        let out = apply(text, &[&two, &one]);
        assert_eq!(out.text, "import x;\nimport D;\nD.c(1); D.d(2);\n");
        assert_eq!(out.applied, [0, 1]);
        // A fix whose edits all went in with another counts as applied.
        let same = fix(vec![edit(0, 6, "export")]);
        let out = apply(text, &[&same, &same.clone()]);
        assert_eq!(out.text, "export x;\nT.a(1); T.b(2);\n");
        assert_eq!(out.applied, [0, 1]);
    }

    #[test]
    fn a_fix_that_conflicts_in_one_edit_waits_whole() {
        let text = "0123456789";
        let first = fix(vec![edit(0, 0, "<"), edit(2, 3, "x")]);
        // Its insertion differs from the first one's at the same place.
        let second = fix(vec![edit(0, 0, "["), edit(8, 9, "y")]);
        let out = apply(text, &[&first, &second]);
        assert_eq!(out.text, "<01x3456789");
        assert_eq!(out.applied, [0]);
    }

    #[test]
    fn insertions_and_deletions() {
        let text = "ab";
        let out = apply(
            text,
            &[&fix(vec![edit(2, 2, "c")]), &fix(vec![edit(0, 1, "")])],
        );
        assert_eq!(out.text, "bc");
    }
}
