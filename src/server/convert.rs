//! Positions and document names: byte offsets of the linted text to LSP positions in the
//! negotiated encoding and back, and `file:` URIs to paths.

use std::path::PathBuf;

use bdl_core::LineIndex;
use lsp_types::{Position, Range};

/// How LSP counts characters within a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Encoding {
    /// Bytes of UTF-8, when the client offers it.
    Utf8,
    /// UTF-16 code units, the protocol's default.
    Utf16,
}

impl Encoding {
    fn units(self, c: char) -> usize {
        match self {
            Self::Utf8 => c.len_utf8(),
            Self::Utf16 => c.len_utf16(),
        }
    }
}

/// A text with its line starts, for converting positions.
pub(super) struct Lines<'t> {
    text: &'t str,
    starts: Vec<usize>,
    encoding: Encoding,
}

impl<'t> Lines<'t> {
    pub(super) fn new(text: &'t str, encoding: Encoding) -> Self {
        // The same line breaks as the protocol: `\n`, `\r\n` and a lone `\r`.
        let starts = LineIndex::new(text).line_starts().to_vec();
        Self {
            text,
            starts,
            encoding,
        }
    }

    /// The index of the line `offset` is on.
    pub(super) fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// The byte offset where line `line` starts (the end of the text past the last line).
    pub(super) fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(self.text.len())
    }

    /// The text of line `line`, without its line break.
    pub(super) fn line_text(&self, line: usize) -> &'t str {
        let start = self.line_start(line);
        let end = self
            .starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        self.text
            .get(start..end)
            .unwrap_or("")
            .trim_end_matches(['\n', '\r'])
    }

    /// The line break that ends line `line`, or `\n` for the last line.
    pub(super) fn line_break(&self, line: usize) -> &'static str {
        let start = self.line_start(line);
        let end = self
            .starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        let full = self.text.get(start..end).unwrap_or("");
        if full.ends_with("\r\n") {
            "\r\n"
        } else if full.ends_with('\r') {
            "\r"
        } else {
            "\n"
        }
    }

    pub(super) fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let character = self
            .text
            .get(start..offset)
            .unwrap_or("")
            .chars()
            .map(|c| self.encoding.units(c))
            .sum::<usize>();
        Position::new(line as u32, character as u32)
    }

    pub(super) fn range(&self, start: usize, end: usize) -> Range {
        Range::new(self.position(start), self.position(end))
    }

    /// The byte offset of `position`: a character past the end of its line (or in the middle
    /// of a UTF-16 pair) is the nearest character boundary before it, a line past the end is
    /// the end of the text.
    pub(super) fn offset(&self, position: Position) -> usize {
        let line = position.line as usize;
        if line >= self.starts.len() {
            return self.text.len();
        }
        let start = self.line_start(line);
        let mut units = 0;
        for (i, c) in self.line_text(line).char_indices() {
            let next = units + self.encoding.units(c);
            if next > position.character as usize {
                return start + i;
            }
            units = next;
        }
        start + self.line_text(line).len()
    }
}

/// Whether two ranges share a position (touching ends count).
pub(super) fn overlaps(a: &Range, b: &Range) -> bool {
    let key = |p: &Position| (p.line, p.character);
    key(&a.start) <= key(&b.end) && key(&b.start) <= key(&a.end)
}

/// The path of a `file:` URI, percent-decoded; `None` for other schemes and for names that do
/// not decode to UTF-8.
pub(super) fn uri_to_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    // An authority other than the local host names another machine.
    let path = match rest.find('/') {
        Some(0) => rest,
        Some(i) if rest[..i].eq_ignore_ascii_case("localhost") => &rest[i..],
        _ => return None,
    };
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let bytes = path.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let value = u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?;
            decoded.push(value);
            i += 3;
        } else {
            decoded.push(bytes[i]);
            i += 1;
        }
    }
    let text = String::from_utf8(decoded).ok()?;
    // `file:///C:/x` is `C:/x` on Windows.
    if cfg!(windows) {
        let trimmed = text.strip_prefix('/').unwrap_or(&text);
        if trimmed.as_bytes().get(1) == Some(&b':') {
            return Some(PathBuf::from(trimmed));
        }
    }
    Some(PathBuf::from(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units_or_bytes() {
        // `é` is 2 bytes and 1 UTF-16 unit; `𝄞` is 4 bytes and 2 units.
        let text = "ab\r\n\"é𝄞\" x\nlast";
        let x = text.find(" x").map(|i| i + 1).unwrap_or_default();
        let utf16 = Lines::new(text, Encoding::Utf16);
        assert_eq!(utf16.position(x), Position::new(1, 6));
        assert_eq!(utf16.offset(Position::new(1, 6)), x);
        let utf8 = Lines::new(text, Encoding::Utf8);
        assert_eq!(utf8.position(x), Position::new(1, 9));
        assert_eq!(utf8.offset(Position::new(1, 9)), x);
        // Past the end of a line: the line's end; past the last line: the text's end.
        assert_eq!(utf16.offset(Position::new(0, 99)), 2);
        assert_eq!(utf16.offset(Position::new(9, 0)), text.len());
        // Inside a surrogate pair: the character's start.
        let clef = text.find('𝄞').unwrap_or_default();
        assert_eq!(utf16.offset(Position::new(1, 3)), clef);
        assert_eq!(utf16.line_break(0), "\r\n");
        assert_eq!(utf16.line_text(1), "\"é𝄞\" x");
    }

    #[test]
    fn file_uris_decode_to_paths() {
        assert_eq!(
            uri_to_path("file:///home/a%20b/Job.java"),
            Some(PathBuf::from("/home/a b/Job.java"))
        );
        assert_eq!(
            uri_to_path("file://localhost/x/%C3%A9.yaml"),
            Some(PathBuf::from("/x/é.yaml"))
        );
        assert_eq!(uri_to_path("untitled:Untitled-1"), None);
        assert_eq!(uri_to_path("file://server/share/x"), None);
        assert_eq!(uri_to_path("file:///x/%zz"), None);
        assert_eq!(uri_to_path("file:///x/%C3"), None);
    }
}
