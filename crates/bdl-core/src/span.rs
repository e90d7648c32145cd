/// A half-open byte range `start..end` into a file's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        if end < start {
            Self { start, end: start }
        } else {
            Self { start, end }
        }
    }

    /// The length in bytes; 0 for a span whose end lies before its start (the fields are public,
    /// so such a span can be built without [`Span::new`]).
    pub const fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub const fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// The text this span covers, or `""` when it does not fit `text` (never panics).
    pub fn slice(self, text: &str) -> &str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// A 1-based line and a 1-based column counted in Unicode scalar values.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LineCol {
    pub line: u32,
    pub column: u32,
}

/// Maps byte offsets to lines and columns; built once per file.
///
/// Lines end at `\n`, `\r\n` or a lone `\r`, everywhere: the rules' positions, every output
/// format and the human renderer's snippets all number lines with this index, so a file with
/// old Mac line ends shows each finding on the line its position names.
#[derive(Clone, Debug)]
pub struct LineIndex {
    /// Byte offset at which each line starts. Lines end at `\n`, `\r\n` or a lone `\r`.
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        Self {
            starts,
            len: text.len(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The byte offset at which each line starts, in order; the first is always 0.
    pub fn line_starts(&self) -> &[usize] {
        &self.starts
    }

    /// The 1-based line that contains `offset` (clamped to the text).
    pub fn line(&self, offset: usize) -> u32 {
        let offset = offset.min(self.len);
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        line as u32 + 1
    }

    /// Position of `offset` (clamped to the text and to a character boundary).
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let mut offset = offset.min(self.len);
        while offset > 0 && !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[line];
        let column = text.get(start..offset).map_or(0, |s| s.chars().count());
        LineCol {
            line: line as u32 + 1,
            column: column as u32 + 1,
        }
    }

    /// Byte range of 1-based `line`, without its line terminator.
    pub fn line_span(&self, text: &str, line: u32) -> Option<Span> {
        let idx = (line as usize).checked_sub(1)?;
        let start = *self.starts.get(idx)?;
        let mut end = self.starts.get(idx + 1).copied().unwrap_or(self.len);
        let bytes = text.as_bytes();
        while end > start && matches!(bytes.get(end - 1), Some(b'\n' | b'\r')) {
            end -= 1;
        }
        Some(Span::new(start, end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_handle_all_line_endings() {
        let text = "a\r\nbé\rc\nd";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 4);
        assert_eq!(idx.line_col(text, 0), LineCol { line: 1, column: 1 });
        assert_eq!(idx.line_col(text, 3), LineCol { line: 2, column: 1 });
        // 'é' is two bytes but one column; the lone '\r' ends line 2.
        assert_eq!(idx.line_col(text, 6), LineCol { line: 2, column: 3 });
        assert_eq!(idx.line_col(text, 7), LineCol { line: 3, column: 1 });
        assert_eq!(idx.line_col(text, 9), LineCol { line: 4, column: 1 });
        assert_eq!(idx.line_span(text, 2).map(|s| s.slice(text)), Some("bé"));
        assert_eq!(idx.line_span(text, 9), None);
    }

    #[test]
    fn lone_cr_ends_a_line_anywhere() {
        // A lone CR at the end, CR CR LF (a lone CR, then CRLF), and a line of 70,000 characters
        // ended by a lone CR.
        let long = format!("{}\rx = 1\r\r\nlast\r", "y".repeat(70_000));
        let idx = LineIndex::new(&long);
        assert_eq!(idx.line_count(), 5);
        assert_eq!(idx.line_starts(), [0, 70_001, 70_007, 70_009, 70_014]);
        assert_eq!(idx.line_col(&long, 70_001), LineCol { line: 2, column: 1 });
        assert_eq!(idx.line_col(&long, 70_005), LineCol { line: 2, column: 5 });
        // The CR of the CRLF belongs to the line it ends; so does its LF.
        assert_eq!(idx.line(70_007), 3);
        assert_eq!(idx.line(70_008), 3);
        assert_eq!(idx.line_span(&long, 3).map(|s| s.slice(&long)), Some(""));
        assert_eq!(
            idx.line_span(&long, 4).map(|s| s.slice(&long)),
            Some("last")
        );
        assert_eq!(idx.line_span(&long, 5).map(|s| s.slice(&long)), Some(""));
        assert_eq!(
            idx.line_col(&long, long.len()),
            LineCol { line: 5, column: 1 }
        );
        let one = LineIndex::new("\r");
        assert_eq!(one.line_starts(), [0, 1]);
    }

    #[test]
    fn backwards_spans_are_empty() {
        let backwards = Span { start: 5, end: 2 };
        assert_eq!(backwards.len(), 0);
        assert!(backwards.is_empty());
        assert_eq!(backwards.slice("0123456"), "");
        assert_eq!(Span::new(5, 2), Span { start: 5, end: 5 });
    }

    #[test]
    fn offsets_past_the_end_or_inside_a_char_are_clamped() {
        let text = "é";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 1), LineCol { line: 1, column: 1 });
        assert_eq!(idx.line_col(text, 99), LineCol { line: 1, column: 2 });
    }
}
