//! Hadoop / HBase `*-site.xml`, read the way Hadoop's `Configuration` reads it:
//!
//! ```xml
//! <configuration>
//!   <property><name>k</name><value>v</value><final>true</final></property>
//!   <property name="k2" value="v2" final="true"/>
//! </configuration>
//! ```
//!
//! * `<name>`, `<value>` and `<final>` are matched by local name inside a `<property>`; their
//!   text (including CDATA) is trimmed (Java `String.trim`). Spans cover the trimmed raw text
//!   between the tags.
//! * Hadoop 3 also reads the short form with `name`, `value` and `final` attributes on
//!   `<property>` (its parser takes them from the start tag, before any child element), so it
//!   is read here too; child elements override the attributes, as in Hadoop.
//! * `<final>` counts only when its text is exactly `true`, as in Hadoop.
//! * A property without a name is skipped. A property without a value, or with an empty
//!   `<value></value>`, is skipped as well: Hadoop does not load a property whose value is null.
//! * Comments, processing instructions and the `DOCTYPE` are ignored entirely: no DTD is read,
//!   no entity is declared, no file or URL is opened. In text, only the five predefined
//!   entities (`&amp;` …) and character references (`&#65;`, `&#x41;`) are resolved. Any other
//!   reference, such as `&xxe;` declared in an internal DTD subset, stays in the value exactly
//!   as written and is reported: inventing an expansion (or silently dropping the reference)
//!   would show rules a value that Hadoop never sees, while the verbatim reference is visibly
//!   not a real setting.
//! * Malformed XML keeps the entries before the problem and becomes one [`ParseError`].
//!
//! `quick-xml` is a streaming reader and the state here is flat, so nesting depth is free.

use bdl_core::Span;
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::{Entry, ParseError};

pub(crate) fn parse(text: &str) -> (Vec<Entry>, Vec<ParseError>) {
    // The reader skips a leading BOM and counts its positions after it.
    let bom = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let mut reader = Reader::from_str(text);
    let mut doc = Document {
        text,
        open: Vec::new(),
        root_seen: false,
        property: None,
        capture: None,
        entries: Vec::new(),
        errors: Vec::new(),
    };
    loop {
        let before = bom + to_usize(reader.buffer_position());
        let event = reader.read_event();
        let after = bom + to_usize(reader.buffer_position());
        let problem = match event {
            Ok(Event::Eof) => {
                if let Some(&start) = doc.open.last() {
                    doc.errors.push(ParseError {
                        span: Span::new(start, start + 1),
                        message: "element is not closed before the end of the file".to_owned(),
                    });
                }
                break;
            }
            Ok(event) => doc.event(event, before, after),
            Err(error) => {
                let at = (bom + to_usize(reader.error_position())).min(text.len());
                Some(ParseError {
                    span: char_span(text, at),
                    message: error.to_string(),
                })
            }
        };
        if let Some(problem) = problem {
            doc.errors.push(problem);
            break;
        }
    }
    (doc.entries, doc.errors)
}

fn to_usize(position: u64) -> usize {
    usize::try_from(position).unwrap_or(usize::MAX)
}

/// The span of the character at `offset` (empty at the end of the text).
fn char_span(text: &str, offset: usize) -> Span {
    let mut start = offset.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let len = text
        .get(start..)
        .and_then(|rest| rest.chars().next())
        .map_or(0, char::len_utf8);
    Span::new(start, start + len)
}

/// The byte offset of `part` inside `whole`, when `part` borrows from it (the reader's events
/// borrow from the input).
fn subslice_offset(whole: &str, part: &[u8]) -> Option<usize> {
    let offset = part.as_ptr().addr().checked_sub(whole.as_ptr().addr())?;
    (offset.checked_add(part.len())? <= whole.len()).then_some(offset)
}

/// Java's `String.trim` on a text piece starting at `at`: the trimmed span, if any text is left.
fn trimmed_span(piece: &str, at: usize) -> Option<Span> {
    let rest = piece.trim_start_matches(|c: char| c <= ' ');
    let start = at + piece.len() - rest.len();
    let kept = rest.trim_end_matches(|c: char| c <= ' ');
    (!kept.is_empty()).then(|| Span::new(start, start + kept.len()))
}

fn java_trim(s: &str) -> &str {
    s.trim_matches(|c: char| c <= ' ')
}

/// The text of a predefined entity or character reference (`name` without `&` and `;`).
pub(crate) fn resolve_reference(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix('x') {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse::<u32>().ok()?,
        };
        // XML forbids NUL; `from_u32` rejects surrogates and values past U+10FFFF.
        return char::from_u32(code).filter(|&c| c != '\0');
    }
    match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "apos" => Some('\''),
        "quot" => Some('"'),
        _ => None,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Name,
    Value,
    Final,
}

/// The text of a `<name>`, `<value>` or `<final>` being read.
struct Capture {
    field: Field,
    /// Elements opened inside the field (their text counts too, as in Hadoop).
    depth: usize,
    text: String,
    /// From the first to the last non-blank raw character.
    span: Option<Span>,
    /// Where the content starts (right after the start tag).
    content_start: usize,
}

/// A property being read: `(text, span)` of its name and value.
#[derive(Default)]
struct Property {
    name: Option<(String, Span)>,
    value: Option<(String, Span)>,
    is_final: bool,
}

struct Document<'t> {
    text: &'t str,
    /// Where each open element starts, to report one left open at the end of the input.
    open: Vec<usize>,
    /// Whether the root element has started (a second one is an error).
    root_seen: bool,
    property: Option<Property>,
    capture: Option<Capture>,
    entries: Vec<Entry>,
    errors: Vec<ParseError>,
}

impl Document<'_> {
    /// Handles one event that starts at `before` and ends at `after`. Returns what the reader
    /// accepts but XML does not (content outside the root element); it ends the reading.
    fn event(&mut self, event: Event<'_>, before: usize, after: usize) -> Option<ParseError> {
        let outside_root = |what: &str| {
            Some(ParseError {
                span: char_span(self.text, before),
                message: format!("{what} outside the root element"),
            })
        };
        let at_top = self.open.is_empty();
        match event {
            Event::Start(_) | Event::Empty(_) if at_top && self.root_seen => {
                outside_root("a second element")
            }
            Event::Start(start) => {
                self.root_seen = true;
                self.open.push(before);
                self.start(&start, after);
                None
            }
            Event::Empty(start) => {
                self.root_seen = true;
                self.start(&start, after);
                self.end(start.local_name().as_ref(), before);
                None
            }
            Event::End(end) => {
                self.open.pop();
                self.end(end.local_name().as_ref(), before);
                None
            }
            Event::Text(raw) if at_top => {
                let blank = raw
                    .iter()
                    .all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'));
                if blank { None } else { outside_root("text") }
            }
            Event::CData(_) if at_top => outside_root("CDATA"),
            Event::GeneralRef(_) if at_top => outside_root("a reference"),
            Event::Text(raw) => {
                let at = subslice_offset(self.text, &raw).unwrap_or(before);
                self.text(&String::from_utf8_lossy(&raw), at);
                None
            }
            Event::CData(raw) => {
                let at = subslice_offset(self.text, &raw).unwrap_or(before);
                self.text(&String::from_utf8_lossy(&raw), at);
                None
            }
            Event::GeneralRef(name) => {
                // The content is the name between `&` and `;`.
                let at = subslice_offset(self.text, &name).map_or(before, |o| o.saturating_sub(1));
                self.reference(&String::from_utf8_lossy(&name), at);
                None
            }
            // Declaration, processing instructions, comments and the DOCTYPE: ignored.
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) | Event::Eof => {
                None
            }
        }
    }

    /// A start tag (or an empty element); `after` is the offset right after it.
    fn start(&mut self, start: &BytesStart<'_>, after: usize) {
        if let Some(capture) = &mut self.capture {
            capture.depth += 1;
            return;
        }
        let field = match start.local_name().as_ref() {
            b"property" => {
                self.property = Some(self.attributes(start));
                return;
            }
            b"name" => Field::Name,
            b"value" => Field::Value,
            b"final" => Field::Final,
            _ => return,
        };
        if self.property.is_some() {
            self.capture = Some(Capture {
                field,
                depth: 0,
                text: String::new(),
                span: None,
                content_start: after,
            });
        }
    }

    /// The short form: `<property name="k" value="v" final="true"/>`.
    fn attributes(&mut self, start: &BytesStart<'_>) -> Property {
        let mut property = Property::default();
        // Malformed attributes end the list; the reader reports real syntax errors itself.
        for attribute in start.attributes().flatten() {
            let raw = String::from_utf8_lossy(&attribute.value);
            let at = subslice_offset(self.text, &attribute.value).unwrap_or(0);
            let value = self.unescape(&raw, at);
            match attribute.key.local_name().as_ref() {
                b"name" => {
                    let name = java_trim(&value).to_owned();
                    let span = trimmed_span(&raw, at).unwrap_or(Span::new(at, at));
                    property.name = Some((name, span));
                }
                b"value" => {
                    let text = java_trim(&value).to_owned();
                    let span = trimmed_span(&raw, at).unwrap_or(Span::new(at, at));
                    property.value = Some((text, span));
                }
                b"final" => property.is_final = value == "true",
                _ => {}
            }
        }
        property
    }

    /// An end tag (or the end of an empty element) starting at `at`.
    fn end(&mut self, local_name: &[u8], at: usize) {
        if let Some(capture) = &mut self.capture {
            if capture.depth > 0 {
                capture.depth -= 1;
                return;
            }
            if let (Some(capture), Some(property)) = (self.capture.take(), &mut self.property) {
                let empty_at = capture.content_start.min(at);
                let span = capture.span.unwrap_or(Span::new(empty_at, empty_at));
                match capture.field {
                    // Hadoop keeps an earlier name or value when the element is empty.
                    Field::Name if !capture.text.is_empty() => {
                        property.name = Some((java_trim(&capture.text).to_owned(), span));
                    }
                    Field::Value if !capture.text.is_empty() => {
                        property.value = Some((java_trim(&capture.text).to_owned(), span));
                    }
                    Field::Final => property.is_final = capture.text == "true",
                    Field::Name | Field::Value => {}
                }
            }
            return;
        }
        if local_name == b"property"
            && let Some(property) = self.property.take()
            && let (Some((key, key_span)), Some((value, value_span))) =
                (property.name, property.value)
            && !key.is_empty()
        {
            self.entries.push(Entry {
                key,
                value,
                key_span,
                value_span,
                is_final: property.is_final,
            });
        }
    }

    /// Text or CDATA content starting at `at`.
    fn text(&mut self, raw: &str, at: usize) {
        let Some(capture) = &mut self.capture else {
            return;
        };
        // XML parsers hand out `\r\n` and a lone `\r` as `\n`.
        if raw.contains('\r') {
            capture
                .text
                .push_str(&raw.replace("\r\n", "\n").replace('\r', "\n"));
        } else {
            capture.text.push_str(raw);
        }
        if let Some(piece) = trimmed_span(raw, at) {
            capture.span = Some(match capture.span {
                Some(span) => Span::new(span.start, piece.end),
                None => piece,
            });
        }
    }

    /// A general reference `&name;` whose `&` is at `at`.
    fn reference(&mut self, name: &str, at: usize) {
        if self.capture.is_none() {
            return;
        }
        let written = format!("&{name};");
        let resolved = self.resolve(name, &written, at);
        let piece = Span::new(at, at + written.len());
        if let Some(capture) = &mut self.capture {
            capture.text.push_str(&resolved);
            capture.span = Some(match capture.span {
                Some(span) => Span::new(span.start, piece.end),
                None => piece,
            });
        }
    }

    /// The text of reference `&name;`: the character, or the reference as written (reported).
    fn resolve(&mut self, name: &str, written: &str, at: usize) -> String {
        if let Some(c) = resolve_reference(name) {
            return c.to_string();
        }
        let message = if name.starts_with('#') {
            format!("invalid character reference `{written}`")
        } else {
            format!(
                "entity `{written}` is not expanded (only the predefined XML entities and \
                 character references are); the value keeps it as written"
            )
        };
        self.errors.push(ParseError {
            span: Span::new(at, (at + written.len()).min(self.text.len())),
            message,
        });
        written.to_owned()
    }

    /// Resolves the references in an attribute value starting at `at`.
    fn unescape(&mut self, raw: &str, at: usize) -> String {
        let mut out = String::with_capacity(raw.len());
        let mut rest = raw;
        while let Some(amp) = rest.find('&') {
            out.push_str(rest.get(..amp).unwrap_or_default());
            let after = rest.get(amp + 1..).unwrap_or_default();
            let Some(semi) = after.find(';') else {
                out.push_str(rest.get(amp..).unwrap_or_default());
                rest = "";
                break;
            };
            let name = after.get(..semi).unwrap_or_default();
            let written = rest.get(amp..amp + semi + 2).unwrap_or_default();
            let ref_at = at + (raw.len() - rest.len()) + amp;
            out.push_str(&self.resolve(name, written, ref_at));
            rest = after.get(semi + 1..).unwrap_or_default();
        }
        out.push_str(rest);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(key, value, key text, value text, final)` of every entry.
    fn read(text: &str) -> Vec<(String, String, &str, &str, bool)> {
        let (entries, _) = parse(text);
        entries
            .into_iter()
            .map(|e| {
                (
                    e.key,
                    e.value,
                    e.key_span.slice(text),
                    e.value_span.slice(text),
                    e.is_final,
                )
            })
            .collect()
    }

    fn one(
        key: &str,
        value: &str,
        key_text: &'static str,
        value_text: &'static str,
        is_final: bool,
    ) -> (String, String, &'static str, &'static str, bool) {
        (
            key.to_owned(),
            value.to_owned(),
            key_text,
            value_text,
            is_final,
        )
    }

    #[test]
    fn reads_properties_with_trimmed_spans_and_final() {
        let text = "<?xml version=\"1.0\"?>\n<?xml-stylesheet href=\"configuration.xsl\"?>\n\
            <configuration>\n  <property>\n    <name> dfs.replication </name>\n    \
            <value>\n      1\n    </value>\n    <final>true</final>\n    \
            <description>one copy</description>\n  </property>\n  <property>\
            <name>fs.defaultFS</name><value>hdfs://nn:8020</value><final> true </final>\
            </property>\n</configuration>\n";
        assert_eq!(
            read(text),
            [
                one("dfs.replication", "1", "dfs.replication", "1", true),
                one(
                    "fs.defaultFS",
                    "hdfs://nn:8020",
                    "fs.defaultFS",
                    "hdfs://nn:8020",
                    false
                ),
            ]
        );
        assert!(parse(text).1.is_empty());
    }

    #[test]
    fn comments_never_produce_entries() {
        let text = "<configuration>\n<!-- <property><name>a</name><value>1</value></property> -->\n\
            <property><name>b</name><!-- c --><value>2</value></property>\n</configuration>";
        assert_eq!(read(text), [one("b", "2", "b", "2", false)]);
    }

    #[test]
    fn entities_cdata_and_nested_text() {
        let text = "<configuration><property><name>a&amp;b</name>\
            <value>x &lt;&#65;&#x42;<![CDATA[<raw>]]> y</value></property></configuration>";
        assert_eq!(
            read(text),
            [one(
                "a&b",
                "x <AB<raw> y",
                "a&amp;b",
                "x &lt;&#65;&#x42;<![CDATA[<raw>]]> y",
                false
            )]
        );
    }

    #[test]
    fn short_form_attributes_are_read_like_hadoop() {
        let text = "<configuration><property name=\" k \" value=\"v&lt;\" final=\"true\"/>\
            <property name=\"o\" value=\"attr\"><value>element</value></property></configuration>";
        assert_eq!(
            read(text),
            [
                one("k", "v<", "k", "v&lt;", true),
                one("o", "element", "o", "element", false),
            ]
        );
    }

    #[test]
    fn properties_without_name_or_value_are_skipped() {
        let text = "<configuration>\
            <property><value>1</value></property>\
            <property><name>  </name><value>1</value></property>\
            <property><name>no.value</name></property>\
            <property><name>empty.value</name><value></value></property>\
            <property><name>blank.value</name><value>  </value></property>\
            </configuration>";
        let got = read(text);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "blank.value");
        assert_eq!(got[0].1, "");
        assert_eq!(got[0].3, "");
    }

    #[test]
    fn doctype_entities_are_never_expanded() {
        // An external entity must not be read, and an internal one not expanded: the value
        // keeps the reference as written and the reference is reported.
        let text = "<?xml version=\"1.0\"?>\n\
            <!DOCTYPE foo [<!ENTITY xxe SYSTEM \"file:///etc/passwd\"><!ENTITY in \"inner\">]>\n\
            <configuration><property><name>a</name><value>x&xxe;y</value></property>\
            <property><name>b</name><value>&in;</value></property></configuration>";
        let (entries, errors) = parse(text);
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].value, "x&xxe;y");
        assert_eq!(entries[0].value_span.slice(text), "x&xxe;y");
        assert_eq!(entries[1].value, "&in;");
        assert!(!entries.iter().any(|e| e.value.contains("root:")));
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].span.slice(text), "&xxe;");
    }

    #[test]
    fn malformed_xml_keeps_earlier_entries() {
        let text = "<configuration><property><name>a</name><value>1</value></property>\n\
            <property><name>b</name><value>2</valeu></property></configuration>";
        let (entries, errors) = parse(text);
        assert_eq!(entries.len(), 1);
        assert_eq!(errors.len(), 1);
        assert!(text.get(errors[0].span.start..errors[0].span.end).is_some());

        let text = "<configuration><property><name>a</name><value>1</value></property>";
        let (entries, errors) = parse(text);
        assert_eq!(entries.len(), 1);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].span.start, 0);

        let text = "<configuration><property><name>a</name><value>1</value></property>\
            </configuration>\n<configuration/>";
        let (entries, errors) = parse(text);
        assert_eq!(entries.len(), 1);
        assert_eq!(
            errors[0].message,
            "a second element outside the root element"
        );

        let (entries, errors) = parse("not xml at all");
        assert!(entries.is_empty());
        assert_eq!(errors[0].message, "text outside the root element");
    }

    #[test]
    fn crlf_bom_and_non_ascii() {
        let text = "\u{feff}<configuration>\r\n<property><name>ä</name>\r<value>wért\r\nzwei</value>\
            </property></configuration>";
        assert_eq!(
            read(text),
            [one("ä", "wért\nzwei", "ä", "wért\r\nzwei", false)]
        );
    }

    #[test]
    fn deep_nesting_is_fine() {
        let depth = 10_000;
        let text = format!(
            "<configuration>{}<property><name>deep</name><value>1</value></property>{}</configuration>",
            "<x>".repeat(depth),
            "</x>".repeat(depth)
        );
        let (entries, errors) = parse(&text);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(entries.len(), 1);

        let text = "<a>".repeat(depth);
        let (entries, errors) = parse(&text);
        assert!(entries.is_empty());
        assert_eq!(errors.len(), 1);
    }

    #[test]
    fn fuzz_never_panics_and_spans_fit() {
        let pieces: &[&str] = &[
            "<configuration>",
            "</configuration>",
            "<property>",
            "</property>",
            "<name>",
            "</name>",
            "<value>",
            "</value>",
            "<final>",
            "true",
            "</final>",
            "<property name=\"",
            "\" value=\"",
            "\"/>",
            "&amp;",
            "&#x41;",
            "&#99999999;",
            "&",
            ";",
            "<!--",
            "-->",
            "<![CDATA[",
            "]]>",
            "<!DOCTYPE a [<!ENTITY e \"x\">]>",
            "<",
            ">",
            "/",
            " ",
            "\r\n",
            "é",
            "k",
            "\u{feff}",
        ];
        let mut state = 0x2f69_3b2d_c1e5_a7f3_u64;
        for _ in 0..3000 {
            let text = random_text(&mut state, pieces);
            let (entries, errors) = parse(&text);
            for e in &entries {
                assert!(text.get(e.key_span.start..e.key_span.end).is_some());
                assert!(text.get(e.value_span.start..e.value_span.end).is_some());
            }
            for e in &errors {
                assert!(
                    text.get(e.span.start..e.span.end).is_some(),
                    "{text:?} {errors:?}"
                );
            }
        }
    }

    fn xorshift(state: &mut u64) -> u64 {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
    }

    /// Random bytes (decoded lossily) mixed with pieces of the dialect's syntax.
    fn random_text(state: &mut u64, pieces: &[&str]) -> String {
        let len = xorshift(state) % 64;
        let mut bytes = Vec::new();
        for _ in 0..len {
            let r = xorshift(state);
            if r.is_multiple_of(3) {
                bytes.push((r >> 8) as u8);
            } else {
                let piece = pieces[(r >> 8) as usize % pieces.len()];
                bytes.extend_from_slice(piece.as_bytes());
            }
        }
        String::from_utf8_lossy(&bytes).into_owned()
    }
}
