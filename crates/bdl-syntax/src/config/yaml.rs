//! Standard YAML (Flink 1.19+ `config.yaml`, Spring `application.yml`), flattened to dotted keys.
//!
//! * Nested mappings join their keys with `.`; keys that are themselves dotted are joined as
//!   written (`historyserver.archive: {fs.refresh-interval: 10s}` gives
//!   `historyserver.archive.fs.refresh-interval`).
//! * Every scalar value is an entry; `key:` with nothing gives an empty value.
//! * Sequence items get Spring's index keys: `servers[0]`, and `servers[0].host` for a mapping
//!   inside a sequence.
//! * All documents of a multi-document stream (`---`, Spring profiles) append in order.
//! * Aliases (`*a`) are not expanded, so an alias bomb costs nothing: an alias value, and the
//!   value of an alias key, produce no entry. Complex keys (a mapping or sequence as a key) and
//!   their values are skipped too.
//! * A scan error keeps the entries before it and becomes one [`ParseError`].
//!
//! The event parser is `saphyr-parser`, which is iterative; the key path here is an explicit
//! stack, so nesting depth costs heap, never call stack. The flattened keys are bounded in
//! total (see [`key_budget`]) so that a long key over many short children cannot multiply
//! the input into gigabytes of keys.

use std::borrow::Cow;
use std::fmt::Write as _;

use bdl_core::Span;
use saphyr_parser::{Event, Parser, ScalarStyle, Span as YamlSpan};

use super::{Entry, ParseError};

pub(crate) fn parse(text: &str) -> (Vec<Entry>, Vec<ParseError>) {
    let parsed = parse_documents(text);
    (parsed.entries, parsed.errors)
}

/// The entries of a YAML stream and where each of its documents starts.
pub(crate) struct Documents {
    pub(crate) entries: Vec<Entry>,
    /// For each document, in order, the index in `entries` of its first entry.
    pub(crate) starts: Vec<usize>,
    pub(crate) errors: Vec<ParseError>,
}

/// [`parse`], keeping the document boundaries.
pub(crate) fn parse_documents(text: &str) -> Documents {
    let mut flattener = Flattener {
        text,
        offsets: CharOffsets::new(text),
        path: String::new(),
        frames: Vec::new(),
        skip_depth: 0,
        key_budget: Some(key_budget(text)),
        entries: Vec::new(),
        starts: Vec::new(),
        errors: Vec::new(),
    };
    let mut parser = Parser::new_from_str(text);
    while let Some(next) = parser.next_event() {
        match next {
            Ok((event, span)) => flattener.event(event, span),
            Err(error) => {
                let offset = flattener.offsets.byte(error.marker().index());
                flattener.errors.push(ParseError {
                    span: char_span(text, offset),
                    message: error.info().to_owned(),
                });
                break;
            }
        }
    }
    Documents {
        entries: flattener.entries,
        starts: flattener.starts,
        errors: flattener.errors,
    }
}

/// How many bytes of flattened keys a file may produce in total: far above what real files
/// need (keys are rarely longer than the lines that define them), and linear in the input.
fn key_budget(text: &str) -> usize {
    text.len().saturating_mul(16).saturating_add(64 * 1024)
}

/// The span of the character at `offset` (empty at the end of the text).
fn char_span(text: &str, offset: usize) -> Span {
    let len = text
        .get(offset..)
        .and_then(|rest| rest.chars().next())
        .map_or(0, char::len_utf8);
    Span::new(offset, offset + len)
}

/// Converts the parser's character indices to byte offsets.
enum CharOffsets<'t> {
    /// ASCII text: character index == byte offset.
    Ascii(usize),
    /// The byte offset of every [`CHECKPOINT`]th character; a lookup walks at most
    /// `CHECKPOINT - 1` characters from there (a full table would cost 8 bytes per character).
    Checkpoints { text: &'t str, offsets: Vec<usize> },
}

const CHECKPOINT: usize = 64;

impl<'t> CharOffsets<'t> {
    fn new(text: &'t str) -> Self {
        if text.is_ascii() {
            Self::Ascii(text.len())
        } else {
            let offsets = text
                .char_indices()
                .step_by(CHECKPOINT)
                .map(|(i, _)| i)
                .collect();
            Self::Checkpoints { text, offsets }
        }
    }

    /// The byte offset of character `index` (the text length past the end).
    fn byte(&self, index: usize) -> usize {
        match self {
            Self::Ascii(len) => index.min(*len),
            Self::Checkpoints { text, offsets } => offsets
                .get(index / CHECKPOINT)
                .and_then(|&start| {
                    let (i, _) = text.get(start..)?.char_indices().nth(index % CHECKPOINT)?;
                    Some(start + i)
                })
                .unwrap_or(text.len()),
        }
    }
}

/// One open collection.
enum Frame {
    Map {
        /// Length of the path before this mapping's keys.
        base: usize,
        state: MapState,
        /// The last key read in this mapping.
        key_span: Span,
    },
    Seq {
        base: usize,
        next_index: usize,
        /// The innermost key above the sequence (its items have no key of their own).
        key_span: Span,
    },
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum MapState {
    /// The next node is a key.
    Key,
    /// The next node is the value of the key in the path.
    Value,
    /// The next node is the value of a key that produces no entries (alias or complex key).
    SkipValue,
}

/// What the next node is to its parent.
enum Role {
    Key,
    /// A value whose key is the current path.
    Value,
    /// A node that produces no entries (a root scalar, the value of a skipped key).
    Ignored,
}

struct Flattener<'t> {
    text: &'t str,
    offsets: CharOffsets<'t>,
    /// The dotted key of the node being read; frames truncate it back to their `base`.
    path: String,
    frames: Vec<Frame>,
    /// Depth inside a skipped collection (complex key or its value); 0 when not skipping.
    skip_depth: usize,
    /// Bytes of flattened keys still allowed; `None` once exhausted.
    key_budget: Option<usize>,
    entries: Vec<Entry>,
    /// The index in `entries` where each document started.
    starts: Vec<usize>,
    errors: Vec<ParseError>,
}

impl Flattener<'_> {
    fn event(&mut self, event: Event<'_>, span: YamlSpan) {
        if self.skip_depth > 0 {
            match event {
                Event::MappingStart(..) | Event::SequenceStart(..) => self.skip_depth += 1,
                Event::MappingEnd | Event::SequenceEnd => {
                    self.skip_depth -= 1;
                    if self.skip_depth == 0 {
                        self.skipped_node_done();
                    }
                }
                _ => {}
            }
            return;
        }
        match event {
            Event::DocumentStart(_) | Event::DocumentEnd => {
                if matches!(event, Event::DocumentStart(_)) {
                    self.starts.push(self.entries.len());
                }
                self.frames.clear();
                self.path.clear();
            }
            Event::Scalar(value, style, _, _) => self.scalar(value, style, span),
            Event::Alias(_) => match self.role() {
                Role::Key => self.set_map_state(MapState::SkipValue),
                Role::Value | Role::Ignored => self.value_done(),
            },
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let is_map = matches!(event, Event::MappingStart(..));
                match self.role() {
                    // A complex key: skip it, then skip its value.
                    Role::Key => self.skip_depth = 1,
                    // The value of a skipped key.
                    Role::Ignored if !self.frames.is_empty() => self.skip_depth = 1,
                    // A value, or the root collection of a document.
                    Role::Value | Role::Ignored => {
                        let base = self.path.len();
                        let key_span = self.innermost_key_span().unwrap_or_else(|| {
                            let at = self.offsets.byte(span.start.index());
                            Span::new(at, at)
                        });
                        self.frames.push(if is_map {
                            Frame::Map {
                                base,
                                state: MapState::Key,
                                key_span,
                            }
                        } else {
                            Frame::Seq {
                                base,
                                next_index: 0,
                                key_span,
                            }
                        });
                    }
                }
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.frames.pop();
                self.value_done();
            }
            Event::StreamStart | Event::StreamEnd | Event::Nothing => {}
        }
    }

    /// The role of the next node; for a sequence item this also sets the path to `parent[i]`.
    fn role(&mut self) -> Role {
        match self.frames.last_mut() {
            None => Role::Ignored,
            Some(Frame::Map { state, .. }) => match state {
                MapState::Key => Role::Key,
                MapState::Value => Role::Value,
                MapState::SkipValue => Role::Ignored,
            },
            Some(Frame::Seq {
                base, next_index, ..
            }) => {
                self.path.truncate(*base);
                // Writing to a String cannot fail.
                let _ = write!(self.path, "[{next_index}]");
                *next_index += 1;
                Role::Value
            }
        }
    }

    fn set_map_state(&mut self, new_state: MapState) {
        if let Some(Frame::Map { state, .. }) = self.frames.last_mut() {
            *state = new_state;
        }
    }

    /// A value (of any kind) is complete: its mapping, if any, expects a key again.
    fn value_done(&mut self) {
        self.set_map_state(MapState::Key);
    }

    /// A skipped collection is complete: after a complex key comes its (skipped) value, after
    /// a skipped value the next key.
    fn skipped_node_done(&mut self) {
        if let Some(Frame::Map { state, .. }) = self.frames.last_mut() {
            *state = if *state == MapState::Key {
                MapState::SkipValue
            } else {
                MapState::Key
            };
        }
    }

    /// The span of the innermost key written above the current node.
    fn innermost_key_span(&self) -> Option<Span> {
        match self.frames.last()? {
            Frame::Map { key_span, .. } | Frame::Seq { key_span, .. } => Some(*key_span),
        }
    }

    fn scalar(&mut self, value: Cow<'_, str>, style: ScalarStyle, span: YamlSpan) {
        match self.role() {
            Role::Key => {
                let key_span = self.scalar_span(span, style);
                if let Some(Frame::Map {
                    base,
                    state,
                    key_span: last_key,
                }) = self.frames.last_mut()
                {
                    self.path.truncate(*base);
                    if *base > 0 {
                        self.path.push('.');
                    }
                    self.path.push_str(&value);
                    *state = MapState::Value;
                    *last_key = key_span;
                }
            }
            Role::Value => {
                let value_span = self.scalar_span(span, style);
                self.emit(value.into_owned(), value_span);
                self.value_done();
            }
            Role::Ignored => self.value_done(),
        }
    }

    fn emit(&mut self, value: String, value_span: Span) {
        if self.path.is_empty() {
            return;
        }
        let Some(budget) = self.key_budget else {
            return;
        };
        let Some(left) = budget.checked_sub(self.path.len()) else {
            self.key_budget = None;
            self.errors.push(ParseError {
                span: value_span,
                message: "the flattened keys are too long in total; no further entries are read"
                    .to_owned(),
            });
            return;
        };
        self.key_budget = Some(left);
        let key_span = self.innermost_key_span().unwrap_or_default();
        self.entries.push(Entry {
            key: self.path.clone(),
            value,
            key_span,
            value_span,
            is_final: false,
        });
    }

    fn scalar_span(&self, span: YamlSpan, style: ScalarStyle) -> Span {
        scalar_span(self.text, &self.offsets, span, style)
    }
}

/// The byte span of a scalar's text: without its anchor and tag, between the quotes of a
/// quoted scalar, without the header and trailing line breaks of a block scalar.
fn scalar_span(text: &str, offsets: &CharOffsets<'_>, span: YamlSpan, style: ScalarStyle) -> Span {
    let start = offsets.byte(span.start.index());
    let end = offsets.byte(span.end.index()).max(start);
    let Some(mut rest) = text.get(start..end) else {
        return Span::new(start, start);
    };
    let blank = |c: char| matches!(c, ' ' | '\t' | '\r' | '\n');
    let mut had_properties = false;
    while rest.starts_with(['&', '!']) {
        let word = rest.find(blank).unwrap_or(rest.len());
        rest = rest
            .get(word..)
            .unwrap_or_default()
            .trim_start_matches(blank);
        had_properties = true;
    }
    match style {
        ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => {
            let quote = if style == ScalarStyle::SingleQuoted {
                '\''
            } else {
                '"'
            };
            // The parser's span may run past the closing quote (to the end of a trailing
            // comment), so the closing quote is looked for, not assumed at the end.
            if let Some(inner) = rest
                .strip_prefix(quote)
                .and_then(|r| r.get(..closing_quote(r, quote)?))
            {
                rest = inner;
            }
        }
        ScalarStyle::Literal | ScalarStyle::Folded => {
            // With an anchor or tag the span starts before the `|` / `>` header line.
            if had_properties && rest.starts_with(['|', '>']) {
                let header_end = rest.find(['\n', '\r']).unwrap_or(rest.len());
                rest = rest
                    .get(header_end..)
                    .unwrap_or_default()
                    .trim_start_matches(blank);
            }
            rest = rest.trim_end_matches(blank);
        }
        ScalarStyle::Plain => rest = rest.trim_end_matches(blank),
    }
    // `rest` is a subslice of `text`.
    let offset = subslice_offset(text, rest).unwrap_or(start);
    Span::new(offset, offset + rest.len())
}

/// What the flattened entries of a YAML stream do not show: where its documents start, and
/// the keys written twice in one mapping.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Layout {
    /// The offset at which each document starts, in order (the first is where its content,
    /// or its `---`, starts). An entry belongs to the last document starting at or before its
    /// key.
    pub documents: Vec<usize>,
    /// Keys written twice in one mapping, which YAML forbids and SnakeYAML (as Flink and
    /// Spring Boot configure it) rejects.
    pub repeated: Vec<RepeatedKey>,
}

impl Layout {
    /// The index of the document holding `offset`.
    pub fn document_of(&self, offset: usize) -> usize {
        self.documents
            .partition_point(|&start| start <= offset)
            .saturating_sub(1)
    }
}

/// A key written again in the mapping that already has it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RepeatedKey {
    /// The key as written (without quotes).
    pub key: String,
    /// The key with the keys above it, dotted as in the flattened entries
    /// (`spring.data.redis.host`, `servers[0].name`).
    pub path: String,
    /// The first occurrence of the key.
    pub first: Span,
    /// The repetition.
    pub second: Span,
    /// The repetition and its value, up to where the value ends (for a collection: where the
    /// parser saw its end, at the latest the next key).
    pub second_node: Span,
}

/// Reads the document starts and the keys repeated within one mapping (see [`Layout`]). A scan
/// error ends the reading; what came before it is kept. Memory is linear in the input: each
/// open mapping remembers the keys it has seen.
pub fn layout(text: &str) -> Layout {
    let offsets = CharOffsets::new(text);
    let mut out = Layout::default();
    let mut frames: Vec<LayoutFrame> = Vec::new();
    let mut parser = Parser::new_from_str(text);
    while let Some(Ok((event, span))) = parser.next_event() {
        let start = offsets.byte(span.start.index());
        let end = offsets.byte(span.end.index()).max(start);
        match event {
            Event::DocumentStart(_) => {
                frames.clear();
                out.documents.push(start);
            }
            Event::DocumentEnd => frames.clear(),
            Event::Scalar(value, style, _, tag) => {
                let key = match frames.last_mut() {
                    Some(LayoutFrame::Map(map)) if map.expects_key => {
                        map.expects_key = false;
                        map.owner = None;
                        map.current.clear();
                        map.current.push_str(&value);
                        KeyId::of(&value, style, tag.is_some())
                    }
                    _ => {
                        item_begins(&mut frames);
                        value_done(&mut frames, &mut out.repeated, end);
                        continue;
                    }
                };
                let Some(key) = key else { continue };
                let here = scalar_span(text, &offsets, span, style);
                let repeated_first = match frames.last_mut() {
                    Some(LayoutFrame::Map(map)) => {
                        let first = map.seen.get(&key).copied();
                        if first.is_none() {
                            map.seen.insert(key.clone(), here);
                        }
                        first
                    }
                    _ => None,
                };
                if let Some(first) = repeated_first {
                    let path = layout_path(&frames);
                    if let Some(LayoutFrame::Map(map)) = frames.last_mut() {
                        map.owner = Some(out.repeated.len());
                    }
                    out.repeated.push(RepeatedKey {
                        key: key.text,
                        path,
                        first,
                        second: here,
                        second_node: here,
                    });
                }
            }
            Event::Alias(_) => match frames.last_mut() {
                Some(LayoutFrame::Map(map)) if map.expects_key => {
                    map.expects_key = false;
                    map.owner = None;
                    map.current.clear();
                }
                _ => {
                    item_begins(&mut frames);
                    value_done(&mut frames, &mut out.repeated, end);
                }
            },
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let complex_key = matches!(
                    frames.last(),
                    Some(LayoutFrame::Map(map)) if map.expects_key
                ) || matches!(frames.last(), Some(LayoutFrame::ComplexKey));
                let frame = if complex_key {
                    LayoutFrame::ComplexKey
                } else {
                    item_begins(&mut frames);
                    if matches!(event, Event::MappingStart(..)) {
                        LayoutFrame::Map(LayoutMap::default())
                    } else {
                        LayoutFrame::Seq(0)
                    }
                };
                frames.push(frame);
            }
            Event::MappingEnd | Event::SequenceEnd => {
                let closed = frames.pop();
                if matches!(closed, Some(LayoutFrame::ComplexKey))
                    && let Some(LayoutFrame::Map(map)) = frames.last_mut()
                {
                    // The complex key is done; its value follows, and repeats nothing.
                    map.expects_key = false;
                    map.owner = None;
                } else if !matches!(frames.last(), Some(LayoutFrame::ComplexKey)) {
                    value_done(&mut frames, &mut out.repeated, end);
                }
            }
            Event::StreamStart | Event::StreamEnd | Event::Nothing => {}
        }
    }
    out
}

/// A value ended at `end`: a repeated key that owned it now spans it, and its mapping expects
/// a key again.
fn value_done(frames: &mut [LayoutFrame], repeated: &mut [RepeatedKey], end: usize) {
    if let Some(LayoutFrame::Map(map)) = frames.last_mut()
        && !map.expects_key
    {
        if let Some(r) = map.owner.take().and_then(|i| repeated.get_mut(i)) {
            r.second_node = Span::new(r.second_node.start, end);
        }
        map.expects_key = true;
    }
}

/// A node begins: when it is an item of a sequence, count it.
fn item_begins(frames: &mut [LayoutFrame]) {
    if let Some(LayoutFrame::Seq(items)) = frames.last_mut() {
        *items = items.saturating_add(1);
    }
}

/// The dotted path of the key just read in the innermost mapping of `frames`.
fn layout_path(frames: &[LayoutFrame]) -> String {
    let mut path = String::new();
    for frame in frames {
        match frame {
            LayoutFrame::Map(map) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(&map.current);
            }
            // The item being read is the last one counted.
            LayoutFrame::Seq(next) => {
                let _ = write!(path, "[{}]", next.saturating_sub(1));
            }
            LayoutFrame::ComplexKey => {}
        }
    }
    path
}

/// An open collection while reading the [`Layout`].
enum LayoutFrame {
    Map(LayoutMap),
    /// A sequence, with the number of items begun so far.
    Seq(usize),
    /// A mapping or sequence used as a key, and everything inside it.
    ComplexKey,
}

/// An open mapping: the keys it has, and whether a key comes next.
struct LayoutMap {
    seen: std::collections::HashMap<KeyId, Span>,
    /// The last key read, as written.
    current: String,
    expects_key: bool,
    /// The repeated key (index into [`Layout::repeated`]) whose value is being read.
    owner: Option<usize>,
}

impl Default for LayoutMap {
    fn default() -> Self {
        Self {
            seen: std::collections::HashMap::new(),
            current: String::new(),
            expects_key: true,
            owner: None,
        }
    }
}

/// A key as SnakeYAML compares keys: by value and type. A plain scalar that resolves to
/// another type than a string (`1`, `true`, `on`, `~`, `2024-01-01`) differs from the quoted
/// string of the same text, so such plain keys only match plain keys.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct KeyId {
    text: String,
    typed: bool,
}

impl KeyId {
    /// The identity of a scalar key; `None` for keys that are not compared here (tagged
    /// scalars, the merge key `<<`).
    fn of(value: &str, style: ScalarStyle, tagged: bool) -> Option<Self> {
        if tagged || (style == ScalarStyle::Plain && value == "<<") {
            return None;
        }
        let typed = style == ScalarStyle::Plain && resolves_to_non_string(value);
        Some(Self {
            text: value.to_owned(),
            typed,
        })
    }
}

/// Whether a plain scalar may resolve to something other than a string under YAML 1.1's
/// implicit types (null, booleans, numbers, timestamps), which SnakeYAML uses.
fn resolves_to_non_string(value: &str) -> bool {
    const WORDS: &[&str] = &[
        "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n", ".inf", ".nan",
    ];
    value.is_empty()
        || WORDS.iter().any(|w| w.eq_ignore_ascii_case(value))
        || value
            .trim_start_matches(['-', '+', '.'])
            .starts_with(|c: char| c.is_ascii_digit())
}

/// Where the quoted scalar whose text (after the opening quote) is `body` ends: the closing
/// `quote`, past `''` in single-quoted and backslash escapes in double-quoted scalars.
fn closing_quote(body: &str, quote: char) -> Option<usize> {
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if quote == '"' && c == '\\' {
            chars.next();
        } else if c == quote {
            if quote == '\'' && chars.peek().is_some_and(|(_, n)| *n == '\'') {
                chars.next();
            } else {
                return Some(i);
            }
        }
    }
    None
}

/// The byte offset of `part` inside `whole`, when `part` is a subslice of it.
fn subslice_offset(whole: &str, part: &str) -> Option<usize> {
    let offset = part.as_ptr().addr().checked_sub(whole.as_ptr().addr())?;
    (offset.checked_add(part.len())? <= whole.len()).then_some(offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(key, value, key text, value text)` of every entry.
    fn read(text: &str) -> Vec<(String, String, &str, &str)> {
        let (entries, errors) = parse(text);
        assert!(errors.is_empty(), "{errors:?}");
        entries
            .into_iter()
            .map(|e| {
                (
                    e.key,
                    e.value,
                    e.key_span.slice(text),
                    e.value_span.slice(text),
                )
            })
            .collect()
    }

    fn one(
        key: &str,
        value: &str,
        key_text: &'static str,
        value_text: &'static str,
    ) -> (String, String, &'static str, &'static str) {
        (key.to_owned(), value.to_owned(), key_text, value_text)
    }

    #[test]
    fn nested_mappings_flatten_to_dotted_keys() {
        let text = "execution:\n  checkpointing:\n    interval: 1s\n    mode: EXACTLY_ONCE\n\
                    historyserver.archive:\n  fs.refresh-interval: 10s\nplain: value\n";
        assert_eq!(
            read(text),
            [
                one("execution.checkpointing.interval", "1s", "interval", "1s"),
                one(
                    "execution.checkpointing.mode",
                    "EXACTLY_ONCE",
                    "mode",
                    "EXACTLY_ONCE"
                ),
                one(
                    "historyserver.archive.fs.refresh-interval",
                    "10s",
                    "fs.refresh-interval",
                    "10s"
                ),
                one("plain", "value", "plain", "value"),
            ]
        );
    }

    #[test]
    fn quoted_block_and_flow_scalars() {
        let text = "a: 'it''s'\n\"b.c\": \"x\\ty\"\nd: |\n  line1\n  line2\n\ne: >-\n  folded\n  \
                    text\nf: {g: 1, 'h': \"2\"}\ni: plain # comment\nj: !!str 5\nk: &anchor |\n  \
                    kept\n";
        assert_eq!(
            read(text),
            [
                one("a", "it's", "a", "it''s"),
                one("b.c", "x\ty", "b.c", "x\\ty"),
                one("d", "line1\nline2\n", "d", "line1\n  line2"),
                one("e", "folded text", "e", "folded\n  text"),
                one("f.g", "1", "g", "1"),
                one("f.h", "2", "h", "2"),
                one("i", "plain", "i", "plain"),
                one("j", "5", "j", "5"),
                one("k", "kept\n", "k", "kept"),
            ]
        );
    }

    #[test]
    fn quoted_values_followed_by_a_comment_span_the_value_only() {
        let text = "a: 'x' # c\r\nb: \"y \\\" z\"  # d\nc: 'it''s'   # e\nd: 'p'\n";
        assert_eq!(
            read(text),
            [
                one("a", "x", "a", "x"),
                one("b", "y \" z", "b", "y \\\" z"),
                one("c", "it's", "c", "it''s"),
                one("d", "p", "d", "p"),
            ]
        );
    }

    #[test]
    fn empty_values_give_empty_entries() {
        let text = "a:\nb: ~\nc: ''\n";
        let got = read(text);
        assert_eq!(got.len(), 3);
        assert_eq!(
            (got[0].0.as_str(), got[0].1.as_str(), got[0].3),
            ("a", "", "")
        );
        assert_eq!(got[1].1, "~");
        assert_eq!((got[2].1.as_str(), got[2].3), ("", ""));
    }

    #[test]
    fn sequences_use_index_keys() {
        let text = "servers:\n  - a\n  - b\nroutes:\n  - id: r1\n    uri: http://x\n  \
                    - [p, q]\nempty: []\n";
        assert_eq!(
            read(text),
            [
                one("servers[0]", "a", "servers", "a"),
                one("servers[1]", "b", "servers", "b"),
                one("routes[0].id", "r1", "id", "r1"),
                one("routes[0].uri", "http://x", "uri", "http://x"),
                one("routes[1][0]", "p", "routes", "p"),
                one("routes[1][1]", "q", "routes", "q"),
            ]
        );
    }

    #[test]
    fn multi_document_streams_append() {
        let text = "spring.profiles.active: dev\n---\nspring:\n  config.activate.on-profile: prod\n\
                    server.port: 80\n...\n---\nx: 1\n";
        let keys: Vec<String> = read(text).into_iter().map(|(k, ..)| k).collect();
        assert_eq!(
            keys,
            [
                "spring.profiles.active",
                "spring.config.activate.on-profile",
                "server.port",
                "x"
            ]
        );
    }

    #[test]
    fn aliases_and_complex_keys_produce_nothing() {
        let text = "base: &b {x: 1}\nuse: *b\n*b : skipped\n? [complex, key]\n: {skipped: 1}\n\
                    ? {k: v}\n: s\nafter: ok\nlist: [*b, 2]\n";
        let keys: Vec<String> = read(text).into_iter().map(|(k, ..)| k).collect();
        assert_eq!(keys, ["base.x", "after", "list[1]"]);
    }

    #[test]
    fn alias_bomb_costs_nothing() {
        let mut text = String::from(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        let mut prev = 'a';
        for name in 'b'..='z' {
            let _ = writeln!(
                text,
                "{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]"
            );
            prev = name;
        }
        let started = std::time::Instant::now();
        let (entries, errors) = parse(&text);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(entries.len(), 9);
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
    }

    #[test]
    fn comments_never_produce_entries() {
        let text = "# a: 1\nb: 2 # c: 3\n#d:\n#  e: 4\n";
        assert_eq!(read(text), [one("b", "2", "b", "2")]);
    }

    #[test]
    fn scan_error_keeps_earlier_entries() {
        let text = "a: 1\nb: [unclosed\nc: 3\n";
        let (entries, errors) = parse(text);
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].key, "a");
        assert_eq!(errors.len(), 1);
        assert!(!errors[0].message.is_empty());
        assert!(text.get(errors[0].span.start..errors[0].span.end).is_some());
    }

    #[test]
    fn crlf_bom_and_non_ascii_spans_are_bytes() {
        let text = "\u{feff}nämé:\r\n  wért: \"ü\"\r\n  b: x\rc: 'é'";
        assert_eq!(
            read(text),
            [
                one("nämé.wért", "ü", "wért", "ü"),
                one("nämé.b", "x", "b", "x"),
                one("c", "é", "c", "é"),
            ]
        );
    }

    #[test]
    fn character_indices_become_byte_offsets() {
        let text = "aé€😀".repeat(100);
        let offsets = CharOffsets::new(&text);
        let expected: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len(), text.len()])
            .collect();
        for (index, &byte) in expected.iter().enumerate() {
            assert_eq!(offsets.byte(index), byte, "character {index}");
        }
        assert_eq!(CharOffsets::new("abc").byte(7), 3);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        // 10,000 nested block sequences on one line.
        let text = format!("{}x\n", "- ".repeat(10_000));
        let (entries, errors) = parse(&text);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].key, "[0]".repeat(10_000));
        assert_eq!(entries[0].value_span.slice(&text), "x");

        // Nested block mappings need one more space of indentation per level, so the input
        // grows with the square of the depth: 3,000 levels are 4.5 MB already.
        let mut text = String::new();
        for depth in 0..3_000 {
            text.push_str(&" ".repeat(depth));
            text.push_str("k:\n");
        }
        let (entries, errors) = parse(&text);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].key.len(), 2 * 3_000 - 1);

        // Flow collections deeper than the parser's limit are an error, not a crash.
        let text = format!("a: {}1{}\n", "[".repeat(10_000), "]".repeat(10_000));
        let (entries, errors) = parse(&text);
        assert!(entries.is_empty());
        assert_eq!(errors.len(), 1);
    }

    #[test]
    fn flattened_keys_are_bounded() {
        // YAML caps a single implicit key at 1024 characters, but nesting long keys still gives
        // long paths: 100 levels of 1000-character keys, then many short children.
        let mut text = String::new();
        for depth in 0..100 {
            let _ = writeln!(text, "{}{}:", " ".repeat(depth), "k".repeat(1000));
        }
        for i in 0..5_000 {
            let _ = writeln!(text, "{}c{i}: 1", " ".repeat(100));
        }
        let (entries, errors) = parse(&text);
        assert!(
            entries.len() > 10 && entries.len() < 5_000,
            "{}",
            entries.len()
        );
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].message.contains("too long in total"),
            "{errors:?}"
        );
    }

    /// `(key, first text, second text, second node text)` of every repeated key.
    fn repeated(text: &str) -> Vec<(String, &str, &str, &str)> {
        layout(text)
            .repeated
            .into_iter()
            .map(|r| {
                (
                    r.key,
                    r.first.slice(text),
                    r.second.slice(text),
                    r.second_node.slice(text).trim_end(),
                )
            })
            .collect()
    }

    #[test]
    fn keys_repeated_in_one_mapping() {
        let text = "execution:\n  checkpointing:\n    interval: 1s\nstate: x\nexecution:\n  \
                    mode: y\n'state': z\nlist:\n  - {a: 1, a: 2}\n";
        assert_eq!(
            repeated(text),
            [
                (
                    "execution".to_owned(),
                    "execution",
                    "execution",
                    "execution:\n  mode: y"
                ),
                ("state".to_owned(), "state", "state", "state': z"),
                ("a".to_owned(), "a", "a", "a: 2"),
            ]
        );
        let paths: Vec<String> = layout(text).repeated.into_iter().map(|r| r.path).collect();
        assert_eq!(paths, ["execution", "state", "list[0].a"]);
        let text = "spring:\n  data:\n    redis:\n      host: a\n      port: 1\n      host: b\n\
                    s:\n  - &y x\n  - *y\n  - [p]\n  - {k: 1, k: 2}\n";
        let paths: Vec<String> = layout(text).repeated.into_iter().map(|r| r.path).collect();
        assert_eq!(paths, ["spring.data.redis.host", "s[3].k"]);
    }

    #[test]
    fn keys_are_compared_as_snakeyaml_does() {
        // Flattened spellings are different keys of their mappings; typed plain keys differ
        // from quoted strings; tags and merge keys are not compared; complex keys are skipped.
        let text = "a.b: 1\na:\n  b: 2\n1: x\n'1': y\non: 1\n\"on\": 2\n!!str k: 1\nk: 2\n\
                    <<: {p: 1}\n<<: {q: 1}\n? [c, d]\n: 1\n? [c, d]\n: 2\n";
        assert!(repeated(text).is_empty(), "{:?}", repeated(text));
        assert_eq!(
            repeated("1: x\n1: y\n").first().map(|r| r.0.clone()),
            Some("1".to_owned())
        );
    }

    #[test]
    fn documents_separate_keys() {
        let text = "a: 1\n---\na: 2\n...\n---\nb: 1\nb: 2\n";
        let found = layout(text);
        assert_eq!(found.documents.len(), 3, "{found:?}");
        assert_eq!(found.repeated.len(), 1);
        let doc = |needle: &str| found.document_of(text.find(needle).unwrap_or_default());
        assert_eq!(doc("a: 1"), 0);
        assert_eq!(doc("a: 2"), 1);
        assert_eq!(doc("b: 1"), 2);
        assert_eq!(layout("").documents.len(), 0);
        assert_eq!(Layout::default().document_of(5), 0);
    }

    #[test]
    fn layout_survives_errors_and_depth() {
        let found = layout("a: 1\na: [unclosed\nb: 1\nb: 2\n");
        assert_eq!(found.repeated.len(), 1);
        let deep = format!("{}x\n", "- ".repeat(10_000));
        assert!(layout(&deep).repeated.is_empty());
        let mut many = String::new();
        for i in 0..50_000 {
            let _ = writeln!(many, "k{i}: 1");
        }
        assert!(layout(&many).repeated.is_empty());
    }

    #[test]
    fn fuzz_never_panics_and_spans_fit() {
        let pieces: &[&str] = &[
            ":",
            ": ",
            "- ",
            "  ",
            "\n",
            "\r\n",
            "\r",
            "'",
            "\"",
            "[",
            "]",
            "{",
            "}",
            ",",
            "&a ",
            "*a",
            "!!str ",
            "? ",
            "|",
            ">",
            "#",
            "---\n",
            "...",
            "é",
            "k",
            "\t",
            "\u{feff}",
            "%YAML 1.2\n",
            "\\",
        ];
        super::super::random_parses_fit(parse, pieces, 0x853c_49e6_748f_ea9b_u64);
        super::super::random_parses_fit(
            |text| {
                let found = layout(text);
                for r in &found.repeated {
                    for span in [r.first, r.second, r.second_node] {
                        assert!(text.get(span.start..span.end).is_some(), "{text:?}");
                    }
                }
                (Vec::new(), Vec::new())
            },
            pieces,
            0x2545_f491_4f6c_dd1d_u64,
        );
    }
}
