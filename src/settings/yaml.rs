//! A small YAML tree with spans, for the settings file: maps, sequences and scalars, every
//! node with the byte span it was written at, so errors can point at the line.

use bdl_core::Span;
use saphyr_parser::{Event, Parser, ScanError};

/// How deep the settings file may nest; it needs three levels.
const MAX_DEPTH: usize = 32;

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Value {
    Scalar(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Node {
    pub(super) value: Value,
    pub(super) span: Span,
}

impl Node {
    pub(super) fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// What kind of value this is, for error messages.
    pub(super) fn describe(&self) -> &'static str {
        match &self.value {
            Value::Scalar(_) => "a single value",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

/// A YAML syntax problem at a byte offset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct SyntaxError {
    pub(super) span: Span,
    pub(super) message: String,
}

/// Parses the first document of `text`. An empty document is `None`.
pub(super) fn parse(text: &str) -> Result<Option<Node>, SyntaxError> {
    let offsets = CharOffsets::new(text);
    let mut parser = Parser::new_from_str(text);
    // Open collections: (start offset, partial value, pending map key).
    let mut stack: Vec<(usize, Value, Option<Node>)> = Vec::new();
    let mut root = None;
    while let Some(event) = parser.next_event() {
        let (event, span) = event.map_err(|e| scan_error(&e, &offsets))?;
        let start = offsets.byte(span.start.index());
        let end = offsets.byte(span.end.index()).max(start);
        let finished = match event {
            Event::Scalar(text, ..) => Some(Node {
                value: Value::Scalar(text.into_owned()),
                span: Span::new(start, end),
            }),
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(SyntaxError {
                        span: Span::new(start, end),
                        message: "nested too deeply for a settings file".to_owned(),
                    });
                }
                let value = if matches!(event, Event::SequenceStart(..)) {
                    Value::Seq(Vec::new())
                } else {
                    Value::Map(Vec::new())
                };
                stack.push((start, value, None));
                None
            }
            Event::SequenceEnd | Event::MappingEnd => stack.pop().map(|(start, value, _)| Node {
                value,
                span: Span::new(start, end.max(start)),
            }),
            Event::Alias(_) => {
                return Err(SyntaxError {
                    span: Span::new(start, end),
                    message: "aliases are not supported in the settings file".to_owned(),
                });
            }
            Event::DocumentEnd => break,
            _ => None,
        };
        let Some(node) = finished else {
            continue;
        };
        match stack.last_mut() {
            None => {
                root = Some(node);
                break;
            }
            Some((_, Value::Seq(items), _)) => items.push(node),
            Some((_, Value::Map(entries), pending)) => match pending.take() {
                None => *pending = Some(node),
                Some(key) => entries.push((key, node)),
            },
            Some((_, Value::Scalar(_), _)) => {}
        }
    }
    // A lone `~`, `null` or empty document means "no settings".
    Ok(root.filter(|n| !matches!(n.as_str(), Some("" | "~" | "null"))))
}

fn scan_error(error: &ScanError, offsets: &CharOffsets) -> SyntaxError {
    let at = offsets.byte(error.marker().index());
    SyntaxError {
        span: Span::new(at, at),
        message: error.info().to_owned(),
    }
}

/// Character index -> byte offset (the parser counts characters).
struct CharOffsets {
    /// Byte offset of each character, when the text is not ASCII.
    table: Option<Vec<usize>>,
    len: usize,
}

impl CharOffsets {
    fn new(text: &str) -> Self {
        let table = (!text.is_ascii()).then(|| text.char_indices().map(|(i, _)| i).collect());
        Self {
            table,
            len: text.len(),
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        match &self.table {
            None => char_index.min(self.len),
            Some(table) => table.get(char_index).copied().unwrap_or(self.len),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_a_spanned_tree() {
        let text = "select: [FLK, HDP001]\nrules:\n  FLK001:\n    min-interval: 30s\n";
        let root = parse(text).expect("parses").expect("not empty");
        let Value::Map(entries) = &root.value else {
            panic!("a map");
        };
        assert_eq!(entries[0].0.as_str(), Some("select"));
        let Value::Seq(items) = &entries[0].1.value else {
            panic!("a list");
        };
        assert_eq!(items[1].span.slice(text), "HDP001");
        let Value::Map(rules) = &entries[1].1.value else {
            panic!("a map");
        };
        assert_eq!(rules[0].0.span.slice(text), "FLK001");
    }

    #[test]
    fn empty_and_broken_documents() {
        assert_eq!(parse("").expect("empty is fine"), None);
        assert_eq!(parse("# only a comment\n").expect("fine"), None);
        let err = parse("select: [FLK\nignore: x").expect_err("unterminated");
        assert!(!err.message.is_empty());
        let err = parse("a: &x 1\nb: *x\n").expect_err("alias");
        assert!(err.message.contains("aliases"));
        let deep = format!("{}1{}", "[".repeat(100), "]".repeat(100));
        assert!(parse(&deep).is_err());
    }

    #[test]
    fn non_ascii_spans_are_byte_offsets() {
        let text = "# é\nselect: [FLK001]\n";
        let root = parse(text).expect("parses").expect("not empty");
        let Value::Map(entries) = &root.value else {
            panic!("a map");
        };
        assert_eq!(entries[0].0.span.slice(text), "select");
    }
}
