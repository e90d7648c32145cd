//! From a file's bytes to its text, the way the tools that read the file decode it.
//!
//! * A byte order mark decides, in every kind: UTF-8, UTF-16 LE/BE, UTF-32 LE/BE. The mark is
//!   dropped.
//! * Without one, XML (`*-site.xml`) is decoded as the XML specification (appendix F) and
//!   Hadoop's parser do: `<?` in UTF-16 or UTF-32 (`3C 00 3F 00`, `00 3C 00 3F`, ...) says so,
//!   and an ASCII-compatible prolog's `encoding` declaration names the encoding: UTF-8,
//!   ISO-8859-1 (Latin-1), US-ASCII and windows-1252 are decoded; another name is read as
//!   UTF-8.
//! * Everything else is UTF-8, which nearly every file is; valid UTF-8 becomes the text
//!   without a copy.
//!
//! What cannot be decoded (invalid UTF-8, an unpaired UTF-16 surrogate, a byte of Latin-1 text
//! in a file declared US-ASCII) becomes U+FFFD, one per invalid sequence, so a file is always
//! linted, and [`Decoded::note`] says what was replaced. Positions are then counted in the
//! decoded text: line and column are those an editor that reads the file in its encoding
//! shows. Decoding never fails, never panics, and the text is at most three times as long as
//! the bytes (a U+FFFD for one invalid byte, windows-1252's `€` for `0x80`).

use bdl_core::FileKind;

/// An encoding bigdata-lint decodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Utf32Le,
    Utf32Be,
    /// ISO-8859-1: each byte is the character of the same number.
    Latin1,
    Windows1252,
    UsAscii,
}

impl Encoding {
    pub const fn name(self) -> &'static str {
        match self {
            Self::Utf8 => "UTF-8",
            Self::Utf16Le => "UTF-16LE",
            Self::Utf16Be => "UTF-16BE",
            Self::Utf32Le => "UTF-32LE",
            Self::Utf32Be => "UTF-32BE",
            Self::Latin1 => "ISO-8859-1",
            Self::Windows1252 => "windows-1252",
            Self::UsAscii => "US-ASCII",
        }
    }

    /// The encoding an XML `encoding` declaration names, for the names decoded here (IANA
    /// names and the aliases Java accepts), case-insensitively.
    fn from_label(label: &str) -> Option<Self> {
        let label = label.to_ascii_lowercase();
        Some(match label.as_str() {
            "utf-8" | "utf8" => Self::Utf8,
            "iso-8859-1" | "iso8859-1" | "iso_8859-1" | "iso8859_1" | "latin1" | "latin-1"
            | "l1" | "cp819" | "ibm819" | "iso-ir-100" => Self::Latin1,
            "windows-1252" | "cp1252" | "x-cp1252" => Self::Windows1252,
            "us-ascii" | "ascii" | "iso646-us" | "us" => Self::UsAscii,
            "utf-16le" => Self::Utf16Le,
            // Without a byte order mark, UTF-16 is big-endian.
            "utf-16" | "utf-16be" => Self::Utf16Be,
            "utf-32le" => Self::Utf32Le,
            "utf-32" | "utf-32be" => Self::Utf32Be,
            _ => return None,
        })
    }

    /// Whether the encoding writes ASCII as ASCII bytes (and so an XML prolog as `<?xml`).
    const fn is_ascii_compatible(self) -> bool {
        matches!(
            self,
            Self::Utf8 | Self::Latin1 | Self::Windows1252 | Self::UsAscii
        )
    }
}

/// A file's text, and what decoding it took.
#[derive(Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
    /// How many invalid sequences became U+FFFD.
    pub replaced: usize,
    /// An XML `encoding` declaration naming an encoding not decoded here (the file was read as
    /// UTF-8).
    pub unsupported: Option<String>,
}

impl Decoded {
    /// What a user should know about the decoding, when something was lost:
    /// `not valid UTF-16LE: 1 invalid sequence replaced with U+FFFD`.
    pub fn note(&self) -> Option<String> {
        if self.replaced == 0 {
            return None;
        }
        let what = format!(
            "{} invalid sequence{} replaced with U+FFFD",
            self.replaced,
            if self.replaced == 1 { "" } else { "s" }
        );
        Some(match &self.unsupported {
            Some(label) => format!("encoding `{label}` is not supported: read as UTF-8, {what}"),
            None => format!("not valid {}: {what}", self.encoding.name()),
        })
    }
}

/// Decodes a file of `kind` (see the module documentation).
pub fn decode(mut bytes: Vec<u8>, kind: FileKind) -> Decoded {
    let (encoding, mark, unsupported) = detect(&bytes, kind);
    if encoding == Encoding::Utf8 {
        // In place: valid UTF-8 becomes the text without a copy.
        bytes.drain(..mark);
        return utf8(bytes, unsupported);
    }
    decode_as(&bytes[mark..], encoding)
}

/// The encoding of `bytes`, the length of its byte order mark, and the name of an encoding an
/// XML declaration gives that is not decoded here.
fn detect(bytes: &[u8], kind: FileKind) -> (Encoding, usize, Option<String>) {
    if let Some((encoding, mark)) = by_byte_order_mark(bytes) {
        return (encoding, mark, None);
    }
    if matches!(kind, FileKind::HadoopXml | FileKind::MavenPom) {
        if let Some(encoding) = by_xml_prolog_pattern(bytes) {
            return (encoding, 0, None);
        }
        match xml_declared_encoding(bytes) {
            Some(Declared::Known(encoding)) if encoding.is_ascii_compatible() => {
                return (encoding, 0, None);
            }
            Some(Declared::Unknown(label)) => return (Encoding::Utf8, 0, Some(label)),
            // A UTF-16 or UTF-32 declaration in ASCII bytes contradicts itself; the bytes are
            // ASCII-compatible, so they are read as UTF-8.
            _ => {}
        }
    }
    (Encoding::Utf8, 0, None)
}

/// The encoding a byte order mark announces, and the mark's length. UTF-32LE's mark begins
/// with UTF-16LE's, so it is tested first.
fn by_byte_order_mark(bytes: &[u8]) -> Option<(Encoding, usize)> {
    Some(match bytes {
        [0xEF, 0xBB, 0xBF, ..] => (Encoding::Utf8, 3),
        [0xFF, 0xFE, 0x00, 0x00, ..] => (Encoding::Utf32Le, 4),
        [0x00, 0x00, 0xFE, 0xFF, ..] => (Encoding::Utf32Be, 4),
        [0xFF, 0xFE, ..] => (Encoding::Utf16Le, 2),
        [0xFE, 0xFF, ..] => (Encoding::Utf16Be, 2),
        _ => return None,
    })
}

/// XML without a byte order mark in UTF-16 or UTF-32: its first characters are `<?` (or at
/// least `<`), whose zero bytes give the width and the byte order away.
fn by_xml_prolog_pattern(bytes: &[u8]) -> Option<Encoding> {
    Some(match bytes {
        [0x3C, 0x00, 0x00, 0x00, ..] => Encoding::Utf32Le,
        [0x00, 0x00, 0x00, 0x3C, ..] => Encoding::Utf32Be,
        [0x3C, 0x00, 0x3F, 0x00, ..] => Encoding::Utf16Le,
        [0x00, 0x3C, 0x00, 0x3F, ..] => Encoding::Utf16Be,
        _ => return None,
    })
}

/// What an XML declaration says about the encoding.
#[derive(Debug, PartialEq, Eq)]
enum Declared {
    Known(Encoding),
    Unknown(String),
}

/// The `encoding` of an XML declaration at the very start of ASCII-compatible bytes:
/// `<?xml version="1.0" encoding="ISO-8859-1"?>`. `None` without a declaration or without an
/// `encoding` in it (UTF-8, as XML says).
fn xml_declared_encoding(bytes: &[u8]) -> Option<Declared> {
    // A declaration is short; one that does not end soon is not one.
    const LONGEST: usize = 1024;
    let rest = bytes.strip_prefix(b"<?xml")?;
    if !rest.first().is_some_and(u8::is_ascii_whitespace) {
        return None;
    }
    let window = &rest[..rest.len().min(LONGEST)];
    let end = window.windows(2).position(|w| w == b"?>")?;
    let declaration = &window[..end];
    let at = declaration.windows(8).position(|w| w == b"encoding")?;
    let after = trim_start(&declaration[at + 8..]);
    let after = trim_start(after.strip_prefix(b"=")?);
    let (&quote, value) = after.split_first()?;
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    let value = &value[..value.iter().position(|&b| b == quote)?];
    let label = std::str::from_utf8(value).ok()?.trim();
    Some(match Encoding::from_label(label) {
        Some(encoding) => Declared::Known(encoding),
        None => Declared::Unknown(label.to_owned()),
    })
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let skip = bytes.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &bytes[skip..]
}

/// UTF-8: valid text without a copy, else each invalid sequence replaced (as
/// `String::from_utf8_lossy` does) and counted.
fn utf8(bytes: Vec<u8>, unsupported: Option<String>) -> Decoded {
    match String::from_utf8(bytes) {
        Ok(text) => Decoded {
            text,
            encoding: Encoding::Utf8,
            replaced: 0,
            unsupported,
        },
        Err(e) => {
            let (text, replaced) = utf8_lossy(e.as_bytes());
            Decoded {
                text,
                encoding: Encoding::Utf8,
                replaced,
                unsupported,
            }
        }
    }
}

fn utf8_lossy(bytes: &[u8]) -> (String, usize) {
    let mut text = String::with_capacity(bytes.len() + 2);
    let mut replaced = 0;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            text.push(char::REPLACEMENT_CHARACTER);
            replaced += 1;
        }
    }
    (text, replaced)
}

/// Decodes `bytes` (byte order mark removed) in `encoding` into a new string.
fn decode_as(bytes: &[u8], encoding: Encoding) -> Decoded {
    let (text, replaced) = match encoding {
        Encoding::Utf8 => utf8_lossy(bytes),
        Encoding::Utf16Le => utf16(bytes, u16::from_le_bytes),
        Encoding::Utf16Be => utf16(bytes, u16::from_be_bytes),
        Encoding::Utf32Le => utf32(bytes, u32::from_le_bytes),
        Encoding::Utf32Be => utf32(bytes, u32::from_be_bytes),
        Encoding::Latin1 => (bytes.iter().map(|&b| char::from(b)).collect(), 0),
        Encoding::Windows1252 => (bytes.iter().map(|&b| windows_1252(b)).collect(), 0),
        Encoding::UsAscii => {
            let replaced = bytes.iter().filter(|b| !b.is_ascii()).count();
            let text = bytes
                .iter()
                .map(|&b| {
                    if b.is_ascii() {
                        char::from(b)
                    } else {
                        char::REPLACEMENT_CHARACTER
                    }
                })
                .collect();
            (text, replaced)
        }
    };
    Decoded {
        text,
        encoding,
        replaced,
        unsupported: None,
    }
}

/// UTF-16 in the byte order `unit` reads. An unpaired surrogate and a last odd byte each
/// become one U+FFFD.
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> (String, usize) {
    let units = bytes.chunks_exact(2);
    let odd = !units.remainder().is_empty();
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
    let mut replaced = usize::from(odd);
    for c in char::decode_utf16(units.map(|pair| unit([pair[0], pair[1]]))) {
        text.push(c.unwrap_or_else(|_| {
            replaced += 1;
            char::REPLACEMENT_CHARACTER
        }));
    }
    if odd {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    (text, replaced)
}

/// UTF-32 in the byte order `unit` reads. A value that is no character (a surrogate, past
/// U+10FFFF) and 1 to 3 bytes left at the end each become one U+FFFD.
fn utf32(bytes: &[u8], unit: fn([u8; 4]) -> u32) -> (String, usize) {
    let units = bytes.chunks_exact(4);
    let tail = !units.remainder().is_empty();
    let mut text = String::with_capacity(bytes.len());
    let mut replaced = usize::from(tail);
    for quad in units {
        let value = unit([quad[0], quad[1], quad[2], quad[3]]);
        text.push(char::from_u32(value).unwrap_or_else(|| {
            replaced += 1;
            char::REPLACEMENT_CHARACTER
        }));
    }
    if tail {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    (text, replaced)
}

/// windows-1252: Latin-1 but for 0x80..=0x9F, which hold printable characters instead of C1
/// controls. The five bytes it leaves undefined map to the C1 control of the same number, as
/// in the WHATWG Encoding Standard, so no byte is lost.
fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}',
        '\u{2021}', '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}',
        '\u{017D}', '\u{008F}', '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}',
        '\u{2022}', '\u{2013}', '\u{2014}', '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}',
        '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
    ];
    match byte {
        0x80..=0x9F => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    fn utf16be(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_be_bytes).collect()
    }

    fn utf32(text: &str, big_endian: bool) -> Vec<u8> {
        text.chars()
            .flat_map(|c| {
                if big_endian {
                    u32::from(c).to_be_bytes()
                } else {
                    u32::from(c).to_le_bytes()
                }
            })
            .collect()
    }

    fn with(prefix: &[u8], rest: &[u8]) -> Vec<u8> {
        [prefix, rest].concat()
    }

    const TEXT: &str = "<a>é 𝄞 \u{20AC}</a>\n";

    #[test]
    fn byte_order_marks_decide_in_every_kind() {
        for kind in [
            FileKind::Java,
            FileKind::HadoopXml,
            FileKind::SpringProperties,
        ] {
            let cases = [
                (with(&[0xEF, 0xBB, 0xBF], TEXT.as_bytes()), Encoding::Utf8),
                (with(&[0xFF, 0xFE], &utf16le(TEXT)), Encoding::Utf16Le),
                (with(&[0xFE, 0xFF], &utf16be(TEXT)), Encoding::Utf16Be),
                (
                    with(&[0xFF, 0xFE, 0, 0], &utf32(TEXT, false)),
                    Encoding::Utf32Le,
                ),
                (
                    with(&[0, 0, 0xFE, 0xFF], &utf32(TEXT, true)),
                    Encoding::Utf32Be,
                ),
            ];
            for (bytes, encoding) in cases {
                let decoded = decode(bytes, kind);
                assert_eq!(decoded.text, TEXT, "{encoding:?}");
                assert_eq!(decoded.encoding, encoding);
                assert_eq!(decoded.note(), None);
            }
        }
    }

    #[test]
    fn plain_utf8_is_kept_without_a_note_and_only_a_leading_mark_is_dropped() {
        let decoded = decode(TEXT.as_bytes().to_vec(), FileKind::Java);
        assert_eq!((decoded.text.as_str(), decoded.note()), (TEXT, None));
        let inner = "a\u{feff}".as_bytes().to_vec();
        assert_eq!(decode(inner, FileKind::Java).text, "a\u{feff}");
        assert_eq!(decode(Vec::new(), FileKind::HadoopXml).text, "");
    }

    #[test]
    fn invalid_utf8_is_replaced_and_counted() {
        // A lone continuation byte, a truncated sequence at the end.
        let decoded = decode(b"a\xFFb\xE4\xB8".to_vec(), FileKind::SpringProperties);
        assert_eq!(decoded.text, "a\u{fffd}b\u{fffd}");
        assert_eq!(
            decoded.note().as_deref(),
            Some("not valid UTF-8: 2 invalid sequences replaced with U+FFFD")
        );
        // Behind a byte order mark too.
        let decoded = decode(b"\xEF\xBB\xBFa\xFF".to_vec(), FileKind::Java);
        assert_eq!((decoded.text.as_str(), decoded.replaced), ("a\u{fffd}", 1));
    }

    #[test]
    fn broken_utf16_and_utf32_are_replaced_and_counted() {
        // An unpaired high surrogate, then an odd last byte.
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(utf16le("a"));
        bytes.extend(0xD800u16.to_le_bytes());
        bytes.extend(utf16le("b"));
        bytes.push(b'c');
        let decoded = decode(bytes, FileKind::Java);
        assert_eq!(decoded.text, "a\u{fffd}b\u{fffd}");
        assert_eq!(
            decoded.note().as_deref(),
            Some("not valid UTF-16LE: 2 invalid sequences replaced with U+FFFD")
        );
        // A lone low surrogate, big-endian.
        let mut bytes = vec![0xFE, 0xFF];
        bytes.extend(0xDC00u16.to_be_bytes());
        let decoded = decode(bytes, FileKind::Java);
        assert_eq!((decoded.text.as_str(), decoded.replaced), ("\u{fffd}", 1));
        // A surrogate, a value past U+10FFFF and two bytes left over.
        let mut bytes = vec![0xFF, 0xFE, 0, 0];
        bytes.extend(0xD800u32.to_le_bytes());
        bytes.extend(0x11_0000u32.to_le_bytes());
        bytes.extend(utf32("x", false));
        bytes.extend([1, 2]);
        let decoded = decode(bytes, FileKind::Java);
        assert_eq!(decoded.text, "\u{fffd}\u{fffd}x\u{fffd}");
        assert_eq!(
            decoded.note().as_deref(),
            Some("not valid UTF-32LE: 3 invalid sequences replaced with U+FFFD")
        );
    }

    #[test]
    fn xml_without_a_mark_in_utf16_or_utf32_is_recognised_by_its_prolog() {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<configuration>é</configuration>\n";
        let cases = [
            (utf16le(xml), Encoding::Utf16Le),
            (utf16be(xml), Encoding::Utf16Be),
            (utf32(xml, false), Encoding::Utf32Le),
            (utf32(xml, true), Encoding::Utf32Be),
        ];
        for (bytes, encoding) in cases {
            let decoded = decode(bytes.clone(), FileKind::HadoopXml);
            assert_eq!((decoded.text.as_str(), decoded.encoding), (xml, encoding));
            // Only XML is sniffed; elsewhere the bytes are UTF-8 (NUL bytes and all).
            assert_eq!(decode(bytes, FileKind::Java).encoding, Encoding::Utf8);
        }
    }

    #[test]
    fn xml_declarations_name_the_encoding() {
        let xml = |encoding: &str, body: &[u8]| {
            let mut bytes =
                format!("<?xml version=\"1.0\" encoding=\"{encoding}\"?>\n<!-- ").into_bytes();
            bytes.extend_from_slice(body);
            bytes.extend_from_slice(b" -->\n<configuration/>\n");
            bytes
        };
        let text = |decoded: &Decoded| {
            decoded
                .text
                .split("<!-- ")
                .nth(1)
                .and_then(|rest| rest.split(" -->").next())
                .unwrap_or_default()
                .to_owned()
        };
        for (label, body, expected, encoding) in [
            ("ISO-8859-1", &b"caf\xE9"[..], "café", Encoding::Latin1),
            ("latin1", b"caf\xE9", "café", Encoding::Latin1),
            (
                "windows-1252",
                b"\x80 \x93x\x94 \x81",
                "€ “x” \u{81}",
                Encoding::Windows1252,
            ),
            ("Cp1252", b"\x9F", "Ÿ", Encoding::Windows1252),
            ("utf-8", "café".as_bytes(), "café", Encoding::Utf8),
            ("US-ASCII", b"cafe", "cafe", Encoding::UsAscii),
        ] {
            let decoded = decode(xml(label, body), FileKind::HadoopXml);
            assert_eq!(text(&decoded), expected, "{label}");
            assert_eq!(
                (decoded.encoding, decoded.note()),
                (encoding, None),
                "{label}"
            );
        }
        // Single quotes and spaces around `=`.
        let decoded = decode(
            b"<?xml version='1.0' encoding = 'iso-8859-1' ?><a>\xE9</a>".to_vec(),
            FileKind::HadoopXml,
        );
        assert_eq!(
            decoded.text,
            "<?xml version='1.0' encoding = 'iso-8859-1' ?><a>é</a>"
        );
        // Latin-1 in a file declared US-ASCII.
        let decoded = decode(xml("US-ASCII", b"caf\xE9"), FileKind::HadoopXml);
        assert_eq!(text(&decoded), "caf\u{fffd}");
        assert_eq!(
            decoded.note().as_deref(),
            Some("not valid US-ASCII: 1 invalid sequence replaced with U+FFFD")
        );
        // An encoding not decoded here: UTF-8, with a note only if that lost something.
        let decoded = decode(xml("GBK", b"plain"), FileKind::HadoopXml);
        assert_eq!((text(&decoded).as_str(), decoded.note()), ("plain", None));
        let decoded = decode(xml("GBK", b"\xB6\xA9"), FileKind::HadoopXml);
        assert_eq!(decoded.unsupported.as_deref(), Some("GBK"));
        assert!(
            decoded.note().is_some_and(|n| n.starts_with(
                "encoding `GBK` is not supported: read as UTF-8, 2 invalid sequences"
            )),
            "{decoded:?}"
        );
        // A declaration only counts at the very start, and only in XML.
        let late = b" <?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>\xE9</a>".to_vec();
        assert_eq!(decode(late, FileKind::HadoopXml).encoding, Encoding::Utf8);
        let java = xml("ISO-8859-1", b"caf\xE9");
        assert_eq!(decode(java, FileKind::Java).encoding, Encoding::Utf8);
        // Without `encoding`, or unterminated: UTF-8.
        for bytes in [
            &b"<?xml version=\"1.0\"?><a>\xC3\xA9</a>"[..],
            b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"",
            b"<?xml encoding=ISO-8859-1?>",
            b"<?xmlfoo encoding=\"ISO-8859-1\"?>",
        ] {
            let decoded = decode(bytes.to_vec(), FileKind::HadoopXml);
            assert_eq!(decoded.encoding, Encoding::Utf8, "{bytes:?}");
        }
    }

    #[test]
    fn windows_1252_maps_every_byte() {
        let all: Vec<u8> = (0..=255).collect();
        let text: String = all.iter().map(|&b| windows_1252(b)).collect();
        assert_eq!(text.chars().count(), 256);
        assert!(!text.contains(char::REPLACEMENT_CHARACTER));
        assert_eq!(windows_1252(0x80), '€');
        assert_eq!(windows_1252(0x9F), 'Ÿ');
        assert_eq!(windows_1252(0xE9), 'é');
    }

    #[test]
    fn any_bytes_decode_without_panicking() {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for len in 0..300 {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    state.to_le_bytes()[0]
                })
                .collect();
            for prefix in [
                &[][..],
                &[0xFF, 0xFE],
                &[0xFE, 0xFF],
                &[0xFF, 0xFE, 0, 0],
                &[0, 0, 0xFE, 0xFF],
                &[0x3C, 0, 0x3F, 0],
                b"<?xml version=\"1.0\" encoding=\"US-ASCII\"?>",
            ] {
                let input = with(prefix, &bytes);
                let decoded = decode(input.clone(), FileKind::HadoopXml);
                assert!(decoded.text.len() <= 3 * input.len() + 3);
            }
        }
    }
}
