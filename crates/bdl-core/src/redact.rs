//! Secrets a finding points at must never reach the output. A rule that flags one marks its
//! bytes with [`crate::Reported::redact`]; the marks travel with the diagnostic
//! ([`crate::Diagnostic::redactions`]) and every renderer that prints file text masks them.
//!
//! Messages are the rule's own text: a rule that names a secret shows it through
//! [`masked_value`], which keeps at most the first two characters.

use crate::diagnostic::Diagnostic;
use crate::span::Span;

/// The character that stands for each masked character.
pub const MASK: char = '*';

/// Values shorter than this many characters are masked entirely in messages; longer ones keep
/// their first two characters, enough to tell two secrets apart and too few to guess one.
pub const SHOWN_PREFIX_MIN_CHARS: usize = 8;

/// A secret as a message may show it: `'s3****'` (its first two characters, then four `*`)
/// when it has at least [`SHOWN_PREFIX_MIN_CHARS`] characters, else `'****'`. The number of
/// `*` never depends on the value, so the length is not given away either. Control characters
/// and quotes of the kept prefix are masked as well.
pub fn masked_value(value: &str) -> String {
    let mut out = String::from("'");
    if value.chars().count() >= SHOWN_PREFIX_MIN_CHARS {
        for c in value.chars().take(2) {
            out.push(if c.is_control() || matches!(c, '\'' | '`') {
                MASK
            } else {
                c
            });
        }
    }
    out.push_str("****'");
    out
}

/// Sorts `spans`, drops empty ones and merges those that overlap or touch.
pub fn merged(spans: &[Span]) -> Vec<Span> {
    let mut sorted: Vec<Span> = spans.iter().copied().filter(|s| !s.is_empty()).collect();
    sorted.sort_unstable();
    let mut out: Vec<Span> = Vec::with_capacity(sorted.len());
    for span in sorted {
        match out.last_mut() {
            Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
            _ => out.push(span),
        }
    }
    out
}

/// Whether byte `at` lies in one of `spans` (sorted and merged, see [`merged`]).
pub fn covers(spans: &[Span], at: usize) -> bool {
    let i = spans.partition_point(|s| s.end <= at);
    spans.get(i).is_some_and(|s| s.start <= at)
}

/// Gives every diagnostic of one file the redactions of all of them: an excerpt shows the
/// lines around its own finding, which may hold another finding's secret, and a filter that
/// drops one finding later (a baseline, `per-file-ignores`) must not take the marks away from
/// the others. `diagnostics` must all belong to the same file.
pub fn share_redactions(diagnostics: &mut [Diagnostic]) {
    let all: Vec<Span> = diagnostics
        .iter()
        .flat_map(|d| d.redactions.iter().copied())
        .collect();
    if all.is_empty() {
        return;
    }
    let all = merged(&all);
    for d in diagnostics {
        d.redactions.clone_from(&all);
    }
}

/// `text` with every character that starts inside `spans` replaced by [`MASK`] (line breaks
/// are kept, so lines stay where they were). `spans` are byte offsets into `text`, in any
/// order; offsets past the end or inside a character are accepted.
pub fn mask_text(text: &str, spans: &[Span]) -> String {
    let spans = merged(spans);
    text.char_indices()
        .map(|(i, c)| {
            if covers(&spans, i) && !matches!(c, '\n' | '\r') {
                MASK
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masked_values_keep_at_most_two_characters() {
        assert_eq!(masked_value("s3cr3tValue"), "'s3****'");
        assert_eq!(masked_value("s3cr3t"), "'****'");
        assert_eq!(masked_value(""), "'****'");
        assert_eq!(masked_value("\u{1b}[31mlongvalue"), "'*[****'");
        assert_eq!(masked_value("'quoted-secret'"), "'*q****'");
        assert_eq!(masked_value("日本語のパスワードです"), "'日本****'");
    }

    #[test]
    fn spans_merge_and_cover() {
        let spans = merged(&[
            Span::new(10, 12),
            Span::new(0, 2),
            Span::new(11, 15),
            Span::new(5, 5),
            Span::new(2, 3),
        ]);
        assert_eq!(spans, [Span::new(0, 3), Span::new(10, 15)]);
        assert!(covers(&spans, 0) && covers(&spans, 2) && covers(&spans, 14));
        assert!(!covers(&spans, 3) && !covers(&spans, 9) && !covers(&spans, 15));
        assert!(!covers(&[], 0));
    }

    #[test]
    fn text_masks_characters_but_not_line_breaks() {
        let text = "a=s3cr3t\nb=pä\nss\n";
        assert_eq!(
            mask_text(text, &[Span::new(2, 8), Span::new(11, 17)]),
            "a=******\nb=**\n**\n"
        );
        // Offsets past the end or inside a character do not panic.
        assert_eq!(mask_text("ä", &[Span::new(1, 99)]), "ä");
        assert_eq!(mask_text("ä", &[Span::new(0, 1)]), "*");
    }

    #[test]
    fn reported_redactions_mask_the_default_anchor_only() {
        use crate::{Ctx, LineIndex, RuleMeta, RuleOptions, Severity};
        static META: RuleMeta = RuleMeta {
            code: "TST001",
            name: "test",
            summary: "test",
            severity: Severity::Error,
            kinds: &[],
            triggers: &[],
            options: &[],
            docs: "",
            file: file!(),
            line: line!(),
            fix: crate::FixAvailability::None,
        };
        let text = "auth(\"s3cr3t\")";
        let index = LineIndex::new(text);
        let options = RuleOptions::defaults(&[]);
        let mut out = Vec::new();
        let mut cx = Ctx::new(&META, &options, "A.java", text, &index, &mut out);
        cx.report(Severity::Error, Span::new(0, text.len()), "m")
            .redact(Span::new(6, 12))
            .redact(Span::new(100, 200));
        cx.report(Severity::Error, Span::new(0, text.len()), "m")
            .anchor("auth(password)")
            .redact(Span::new(6, 12));
        cx.report(Severity::Error, Span::new(0, 4), "m")
            .redact(Span::new(6, 12));
        assert_eq!(out[0].fingerprint, "auth(\"******\")");
        assert_eq!(out[0].redactions, [Span::new(6, 12)]);
        assert_eq!(out[1].fingerprint, "auth(password)");
        assert_eq!(out[2].fingerprint, "auth");
        share_redactions(&mut out);
        assert!(out.iter().all(|d| d.redactions == [Span::new(6, 12)]));
    }
}
