//! The source excerpt a finding shows in the human format, handed to miette as its
//! [`SourceCode`].
//!
//! miette draws whatever text and spans it is given, and it is not robust against every text:
//! it counts a lone `\r` as a line end in one place and as an ordinary character in another, it
//! pads underlines with `format!("{:width$}")`, which panics past 65,535 columns, and it prints
//! control characters and whole lines as they are. So miette never sees the file. It sees an
//! excerpt built here from the lines the finding's labels touch:
//!
//! * lines are cut where [`LineIndex`] cuts them (`\n`, `\r\n` or a lone `\r`), so the line
//!   numbers and columns in the snippet are the ones every other format reports;
//! * a line longer than [`MAX_LINE`] bytes is shown as windows of [`WINDOW`] characters each side
//!   of the positions the labels mark on it, joined by `…`; a line without such a position (a
//!   context line, the middle of a multi-line label) shows its start;
//! * control characters other than tab are written as visible escapes (see [`crate::escape`]);
//! * a label spans at most [`MAX_LABEL_LINES`] lines, a finding shows at most [`MAX_LABELS`]
//!   secondary labels, and labels more than [`MAX_GAP`] lines apart are drawn as separate
//!   snippets instead of with every line between them;
//! * spans are clamped to the text and widened to character boundaries, so any span is accepted.
//!
//! Each excerpt line thus has at most a few hundred columns, whatever the file. The excerpt's
//! offsets are its own; [`Excerpt`] answers miette's queries with the file's line numbers and
//! the columns [`LineIndex::line_col`] gives (characters, not bytes). Building it costs the
//! lines shown plus the characters before each label on its line, never the whole file.

use bdl_core::{LineIndex, Span, redact};
use miette::{LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::escape::{CharEscape, needs_escape};

/// Lines longer than this many bytes are shown as windows around the labels.
pub(crate) const MAX_LINE: usize = 400;
/// Characters shown each side of a labelled position in a long line.
pub(crate) const WINDOW: usize = 40;
/// The most lines one label covers in the excerpt; a longer label is cut after this many.
pub(crate) const MAX_LABEL_LINES: usize = 16;
/// The most secondary labels drawn for one finding.
pub(crate) const MAX_LABELS: usize = 16;
/// Labels at most this many lines apart are drawn in one snippet with the lines between them.
pub(crate) const MAX_GAP: usize = 12;
/// Marks the parts of a long line that are not shown.
const ELLIPSIS: &str = "…";
/// Bytes of excerpt offsets left unused between two blocks, so miette never joins them.
const BLOCK_GAP: usize = 2;

/// A span to draw, in byte offsets of the file's text; any values are accepted.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Mark<'a> {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) label: Option<&'a str>,
    pub(crate) primary: bool,
}

/// Consecutive lines of the file, as shown.
#[derive(Debug)]
struct Block {
    /// The excerpt offset of the block's first byte.
    offset: usize,
    /// The 0-based file line of the block's first line.
    first_line: usize,
    /// The lines as shown, each followed by `\n` unless it is the file's last line.
    text: String,
    /// The offset in `text` at which each line starts.
    line_starts: Vec<usize>,
}

impl Block {
    /// The index of the line that contains `at` (an offset in `text`).
    fn line_of(&self, at: usize) -> usize {
        self.line_starts
            .partition_point(|&start| start <= at)
            .saturating_sub(1)
    }
}

/// A finding's source excerpt: what miette reads instead of the file.
#[derive(Debug)]
pub(crate) struct Excerpt {
    /// The file name as shown (escaped).
    name: String,
    blocks: Vec<Block>,
    /// The labels with excerpt offsets, the primary first.
    labels: Vec<LabeledSpan>,
    /// The excerpt offset of each label's start with the file position it stands for: 0-based
    /// line and 0-based column in characters.
    starts: Vec<(usize, usize, usize)>,
}

/// A mark clamped to the text and to character boundaries, with its lines.
#[derive(Clone, Copy, Debug)]
struct Clamped<'a> {
    start: usize,
    end: usize,
    /// 1-based lines of the first and the last byte covered.
    first: usize,
    last: usize,
    label: Option<&'a str>,
    primary: bool,
}

/// Where 1-based `line` starts, where its text ends (before its line break) and where the next
/// line starts (the end of the text for the last line).
fn line_bounds(text: &str, index: &LineIndex, line: usize) -> (usize, usize, usize) {
    let starts = index.line_starts();
    let start = starts.get(line - 1).copied().unwrap_or(text.len());
    let next = starts.get(line).copied().unwrap_or(text.len());
    let content = index
        .line_span(text, line as u32)
        .map_or(start, |span| span.end);
    (start, content, next)
}

fn floor_char(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_char(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

impl<'a> Clamped<'a> {
    /// `mark` clamped to `text` and widened to character boundaries; a label of more than
    /// [`MAX_LABEL_LINES`] lines is cut after that many, its end past the last one's line break.
    fn new(text: &str, index: &LineIndex, mark: &Mark<'a>) -> Self {
        let start = floor_char(text, mark.start);
        let mut end = ceil_char(text, mark.end.max(mark.start)).max(start);
        let first = index.line(start) as usize;
        let mut last = if end > start {
            index.line(end - 1) as usize
        } else {
            first
        };
        if last - first >= MAX_LABEL_LINES {
            last = first + MAX_LABEL_LINES - 1;
            end = line_bounds(text, index, last).2;
        }
        Self {
            start,
            end,
            first,
            last,
            label: mark.label,
            primary: mark.primary,
        }
    }
}

/// The 1-based line ranges to show: each mark's lines and one on either side, joined when they
/// are at most [`MAX_GAP`] lines apart.
fn line_ranges(marks: &[Clamped<'_>], line_count: usize) -> Vec<(usize, usize)> {
    let mut ranges: Vec<(usize, usize)> = marks
        .iter()
        .map(|m| {
            (
                m.first.saturating_sub(1).max(1),
                (m.last + 1).min(line_count),
            )
        })
        .collect();
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (from, to) in ranges {
        match merged.last_mut() {
            Some(last) if from <= last.1 + 1 + MAX_GAP => last.1 = last.1.max(to),
            _ => merged.push((from, to)),
        }
    }
    merged
}

/// Every position a mark starts or ends at, as (1-based line, offset within the line's text),
/// sorted: the places a long line must show.
fn mark_points(text: &str, index: &LineIndex, marks: &[Clamped<'_>]) -> Vec<(usize, usize)> {
    let mut points: Vec<(usize, usize)> = Vec::with_capacity(marks.len() * 2);
    for m in marks {
        let (_, content, _) = line_bounds(text, index, m.first);
        points.push((m.first, m.start.min(content)));
        let (_, content, _) = line_bounds(text, index, m.last);
        points.push((m.last, m.end.min(content)));
    }
    points.sort_unstable();
    points.dedup();
    points
}

/// The blocks of the excerpt, one per line range, and the excerpt offsets of the start and the
/// end of each mark.
struct Written {
    blocks: Vec<Block>,
    starts: Vec<usize>,
    ends: Vec<usize>,
}

fn write_blocks(text: &str, index: &LineIndex, marks: &[Clamped<'_>], redact: &[Span]) -> Written {
    let line_count = index.line_count();
    let points = mark_points(text, index, marks);
    let ranges = line_ranges(marks, line_count);
    let mut blocks = Vec::with_capacity(ranges.len());
    let mut starts = vec![0; marks.len()];
    let mut ends = vec![0; marks.len()];
    let mut offset = 0;
    for (from, to) in ranges {
        let mut block = Block {
            offset,
            first_line: from - 1,
            text: String::new(),
            line_starts: Vec::with_capacity(to - from + 1),
        };
        for line in from..=to {
            let (start, content, _) = line_bounds(text, index, line);
            let line_start = block.text.len();
            block.line_starts.push(line_start);
            let wanted: Vec<usize> = points
                .iter()
                .filter(|&&(l, _)| l == line)
                .map(|&(_, at)| at)
                .collect();
            let shown = show_line(text, start, content, &wanted, redact, &mut block.text);
            let content_end = offset + block.text.len();
            // Every wanted offset is shown; the end of the line's text is the fallback.
            let map = |at: usize| {
                shown
                    .iter()
                    .find(|&&(orig, _)| orig == at)
                    .map_or(content_end, |&(_, local)| offset + line_start + local)
            };
            let terminated = line < line_count;
            if terminated {
                block.text.push('\n');
            }
            for (i, m) in marks.iter().enumerate() {
                if m.first == line {
                    starts[i] = map(m.start.min(content));
                }
                if m.last == line {
                    // An end past the line's text covers its line break.
                    ends[i] = if m.end > content && m.end > m.start && terminated {
                        content_end + 1
                    } else {
                        map(m.end.min(content))
                    };
                }
            }
        }
        offset += block.text.len() + BLOCK_GAP;
        blocks.push(block);
    }
    Written {
        blocks,
        starts,
        ends,
    }
}

impl Excerpt {
    /// The excerpt of `text` for `marks` (the primary first), or `None` when there is nothing to
    /// show (an empty text, no marks). `index` must be the [`LineIndex`] of `text`.
    pub(crate) fn new(
        name: String,
        text: &str,
        index: &LineIndex,
        marks: &[Mark<'_>],
        redact: &[Span],
    ) -> Option<Self> {
        if text.is_empty() || marks.is_empty() {
            return None;
        }
        let marks: Vec<Clamped<'_>> = marks
            .iter()
            .take(MAX_LABELS + 1)
            .map(|mark| Clamped::new(text, index, mark))
            .collect();
        let written = write_blocks(text, index, &marks, redact);
        let mut labels = Vec::with_capacity(marks.len());
        let mut starts = Vec::with_capacity(marks.len());
        for ((m, &start), &end) in marks.iter().zip(&written.starts).zip(&written.ends) {
            let span = SourceSpan::from((start, end.saturating_sub(start)));
            let label = m.label.map(crate::escape::escape);
            labels.push(if m.primary {
                LabeledSpan::new_primary_with_span(label, span)
            } else {
                LabeledSpan::new_with_span(label, span)
            });
            let at = index.line_col(text, m.start);
            starts.push((
                start,
                (at.line as usize).saturating_sub(1),
                (at.column as usize).saturating_sub(1),
            ));
        }
        Some(Self {
            name,
            blocks: written.blocks,
            labels,
            starts,
        })
    }

    /// The labels to draw, in excerpt offsets.
    pub(crate) fn labels(&self) -> Vec<LabeledSpan> {
        self.labels.clone()
    }
}

/// Writes the line `text[start..end]` (without its terminator) as shown into `out`, and returns
/// where each of the `wanted` offsets (within `start..=end`, on character boundaries) landed, as
/// offsets from the start of the written line. A character that starts in `redact` (sorted
/// and merged spans) is written as one `*`.
fn show_line(
    text: &str,
    start: usize,
    end: usize,
    wanted: &[usize],
    redact: &[Span],
    out: &mut String,
) -> Vec<(usize, usize)> {
    let line = &text[start..end];
    let segments: Vec<(usize, usize)> = if line.len() <= MAX_LINE {
        vec![(start, end)]
    } else if wanted.is_empty() {
        vec![(start, forward(text, start, end, 2 * WINDOW))]
    } else {
        let mut segments: Vec<(usize, usize)> = Vec::with_capacity(wanted.len());
        for &at in wanted {
            let at = at.clamp(start, end);
            let from = back(text, start, at, WINDOW);
            let to = forward(text, at, end, WINDOW);
            match segments.last_mut() {
                Some(last) if from <= last.1 => last.1 = last.1.max(to),
                _ => segments.push((from, to)),
            }
        }
        segments
    };
    let base = out.len();
    let mut mapped = Vec::with_capacity(wanted.len());
    let mut pending = wanted.iter().copied().peekable();
    let mut record = |at: usize, out: &String, mapped: &mut Vec<(usize, usize)>| {
        while let Some(&next) = pending.peek() {
            if next > at {
                break;
            }
            if next == at {
                mapped.push((at, out.len() - base));
            }
            pending.next();
        }
    };
    for (i, &(from, to)) in segments.iter().enumerate() {
        if i > 0 || from > start {
            out.push_str(ELLIPSIS);
        }
        for (i, c) in text[from..to].char_indices() {
            record(from + i, out, &mut mapped);
            if redact::covers(redact, from + i) {
                out.push(redact::MASK);
            } else if c != '\t' && needs_escape(c) {
                // Writing to a String cannot fail.
                let _ = std::fmt::Write::write_fmt(out, format_args!("{}", CharEscape(c)));
            } else {
                out.push(c);
            }
        }
        record(to, out, &mut mapped);
    }
    if segments.last().is_some_and(|&(_, to)| to < end) {
        out.push_str(ELLIPSIS);
    }
    mapped
}

/// The offset `chars` characters before `at`, not before `start`.
fn back(text: &str, start: usize, at: usize, chars: usize) -> usize {
    text[start..at]
        .char_indices()
        .rev()
        .take(chars)
        .last()
        .map_or(at, |(i, _)| start + i)
}

/// The offset `chars` characters after `at`, not after `end`.
fn forward(text: &str, at: usize, end: usize, chars: usize) -> usize {
    text[at..end]
        .char_indices()
        .nth(chars)
        .map_or(end, |(i, _)| at + i)
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let start = span.offset();
        let end = start
            .checked_add(span.len())
            .ok_or(MietteError::OutOfBounds)?;
        let block = self
            .blocks
            .iter()
            .find(|b| b.offset <= start && end <= b.offset + b.text.len())
            .ok_or(MietteError::OutOfBounds)?;
        let (local_start, local_end) = (start - block.offset, end - block.offset);
        let first = block.line_of(local_start);
        let last = if local_end > local_start {
            block.line_of(local_end - 1)
        } else {
            first
        };
        let from = first.saturating_sub(context_lines_before);
        let to = last
            .saturating_add(context_lines_after)
            .min(block.line_starts.len() - 1);
        let data_start = block.line_starts[from];
        let data_end = block
            .line_starts
            .get(to + 1)
            .copied()
            .unwrap_or(block.text.len());
        let (line, column) = if context_lines_before == 0 {
            // The position miette writes in the snippet's header: the file's, as every other
            // format writes it.
            self.starts
                .iter()
                .find(|&&(at, _, _)| at == start)
                .map_or_else(
                    || {
                        let line_start = block.line_starts[first];
                        let column = block
                            .text
                            .get(line_start..local_start)
                            .map_or(0, |s| s.chars().count());
                        (block.first_line + first, column)
                    },
                    |&(_, line, column)| (line, column),
                )
        } else {
            (block.first_line + from, 0)
        };
        // miette joins the contexts of two labels when the first one's lines reach the second's;
        // every label of a block shares it, so the count runs to the end of the block.
        let line_count = block.line_starts.len() - from;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            &block.text.as_bytes()[data_start..data_end],
            SourceSpan::from((block.offset + data_start, data_end - data_start)),
            line,
            column,
            line_count,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn excerpt(text: &str, marks: &[Mark<'_>]) -> Excerpt {
        Excerpt::new("f".to_owned(), text, &LineIndex::new(text), marks, &[]).expect("an excerpt")
    }

    fn mark(start: usize, end: usize) -> Mark<'static> {
        Mark {
            start,
            end,
            label: None,
            primary: true,
        }
    }

    #[test]
    fn lone_cr_ends_a_line() {
        let text = "one\rtwo\rthree\rfour";
        let e = excerpt(text, &[mark(8, 13)]);
        assert_eq!(e.blocks.len(), 1);
        assert_eq!(e.blocks[0].text, "two\nthree\nfour");
        assert_eq!(e.blocks[0].first_line, 1);
        let span = e.labels[0].inner();
        assert_eq!(
            &e.blocks[0].text[span.offset()..span.offset() + span.len()],
            "three"
        );
        assert_eq!(e.starts[0], (span.offset(), 2, 0));
    }

    #[test]
    fn long_lines_are_cut_to_windows() {
        let text = format!(
            "{}\r{}X{}\n",
            "a".repeat(70_000),
            "b".repeat(5_000),
            "c".repeat(5_000)
        );
        let x = 70_001 + 5_000;
        let e = excerpt(&text, &[mark(x, x + 1)]);
        let block = &e.blocks[0];
        let lines: Vec<&str> = block.text.split('\n').collect();
        assert!(
            lines.iter().all(|l| l.chars().count() <= 2 * WINDOW + 3),
            "{lines:?}"
        );
        let span = e.labels[0].inner();
        assert_eq!(&block.text[span.offset()..span.offset() + span.len()], "X");
        // The header column is the file's, in characters.
        assert_eq!(e.starts[0].1, 1);
        assert_eq!(e.starts[0].2, 5_000);
    }

    #[test]
    fn any_span_is_accepted() {
        let text = "é\u{1b}[31m\nzz";
        for (start, end) in [
            (0, 0),
            (1, 1),
            (1, 2),
            (0, 99),
            (99, 99),
            (5, 2),
            (usize::MAX, usize::MAX),
        ] {
            let e = excerpt(text, &[mark(start, end)]);
            let span = e.labels[0].inner();
            assert!(
                span.offset() + span.len() <= e.blocks[0].text.len(),
                "{start}..{end}"
            );
            assert!(!e.blocks[0].text.contains('\u{1b}'));
        }
    }

    #[test]
    fn redacted_characters_are_masked_in_every_line_shown() {
        // The finding is on line 2; lines 1 and 3 are context and hold secrets too.
        let text = "password=s3cr3t\nhost=redis\ntoken=pä\u{1b}ss\n";
        let first = text.find("s3cr3t").expect("in text");
        let third = text.find("pä").expect("in text");
        let redact = bdl_core::redact::merged(&[
            Span::new(first, first + 6),
            Span::new(third, text.len() - 1),
        ]);
        let host = text.find("redis").expect("in text");
        let e = Excerpt::new(
            "f".to_owned(),
            text,
            &LineIndex::new(text),
            &[mark(host, host + 5)],
            &redact,
        )
        .expect("an excerpt");
        assert_eq!(
            e.blocks[0].text,
            "password=******\nhost=redis\ntoken=*****\n"
        );
        let span = e.labels[0].inner();
        assert_eq!(
            &e.blocks[0].text[span.offset()..span.offset() + span.len()],
            "redis"
        );
        // A mark on the secret itself points at the mask, with the file's column.
        let e = Excerpt::new(
            "f".to_owned(),
            text,
            &LineIndex::new(text),
            &[mark(third, third + 3)],
            &redact,
        )
        .expect("an excerpt");
        let span = e.labels[0].inner();
        assert_eq!(
            &e.blocks[0].text[span.offset()..span.offset() + span.len()],
            "**"
        );
        assert_eq!(e.starts[0].2, 6);
    }
}
