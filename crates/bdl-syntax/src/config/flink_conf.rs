//! Flink's legacy `flink-conf.yaml`, read the way Flink's own `GlobalConfiguration` reads it.
//!
//! Despite its name the file is not YAML. Flink reads it line by line:
//! 1. everything from the first `#` on is a comment (also inside a value: `a: b#c` is `b`);
//! 2. the rest is trimmed (Java `String.trim`: every character up to U+0020) and skipped if empty;
//! 3. the line splits at the first `": "` (colon and space) into key and value, both trimmed;
//!    a line without `": "` is skipped (Flink logs a warning), as is a line whose key or value is
//!    empty. Each skipped line is a [`ParseError`] here.
//!
//! Values are taken verbatim: the legacy parser removes no quotes, so `a: "x"` has the value
//! `"x"` with its quotes, exactly as Flink sees it.

use bdl_core::Span;

use super::{Entry, Lines, ParseError};

pub(crate) fn parse(text: &str) -> (Vec<Entry>, Vec<ParseError>) {
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    let start = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    for (line_start, line) in (Lines { text, pos: start }) {
        let content = line.split_once('#').map_or(line, |(before, _)| before);
        let (lead, conf) = java_trim(content);
        if conf.is_empty() {
            continue;
        }
        let conf_start = line_start + lead;
        let conf_span = Span::new(conf_start, conf_start + conf.len());
        let Some((raw_key, raw_value)) = conf.split_once(": ") else {
            let message = if conf.ends_with(':') {
                "expected `key: value`, found a key without a value".to_owned()
            } else if conf.contains(':') {
                "expected `key: value` (the colon must be followed by a space)".to_owned()
            } else {
                "expected `key: value`".to_owned()
            };
            errors.push(ParseError {
                span: conf_span,
                message,
            });
            continue;
        };
        let (key_lead, key) = java_trim(raw_key);
        let value_offset = raw_key.len() + ": ".len();
        let (value_lead, value) = java_trim(raw_value);
        if key.is_empty() {
            errors.push(ParseError {
                span: conf_span,
                message: "empty key before `: `".to_owned(),
            });
            continue;
        }
        if value.is_empty() {
            errors.push(ParseError {
                span: conf_span,
                message: format!("empty value for `{key}`"),
            });
            continue;
        }
        let key_start = conf_start + key_lead;
        let value_start = conf_start + value_offset + value_lead;
        entries.push(Entry {
            key: key.to_owned(),
            value: value.to_owned(),
            key_span: Span::new(key_start, key_start + key.len()),
            value_span: Span::new(value_start, value_start + value.len()),
            is_final: false,
        });
    }
    (entries, errors)
}

/// Java's `String.trim`: strips every character up to U+0020 from both ends. Returns the
/// number of bytes removed at the start and the trimmed text. The removed characters are
/// ASCII, so the offsets stay on character boundaries.
fn java_trim(s: &str) -> (usize, &str) {
    let rest = s.trim_start_matches(|c: char| c <= ' ');
    (
        s.len() - rest.len(),
        rest.trim_end_matches(|c: char| c <= ' '),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(key, value, key text, value text)` of every entry.
    fn read(text: &str) -> Vec<(String, String, &str, &str)> {
        let (entries, _) = parse(text);
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

    fn pairs(text: &str) -> Vec<(String, String)> {
        read(text).into_iter().map(|(k, v, _, _)| (k, v)).collect()
    }

    #[test]
    fn reads_key_value_lines_with_spans() {
        let text = "jobmanager.rpc.address: localhost\n  taskmanager.numberOfTaskSlots :  4  \n";
        let got = read(text);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].0, "jobmanager.rpc.address");
        assert_eq!(got[0].1, "localhost");
        assert_eq!(got[0].2, "jobmanager.rpc.address");
        assert_eq!(got[0].3, "localhost");
        assert_eq!(got[1].0, "taskmanager.numberOfTaskSlots");
        assert_eq!(got[1].2, "taskmanager.numberOfTaskSlots");
        assert_eq!(got[1].3, "4");
        assert!(parse(text).1.is_empty());
    }

    #[test]
    fn comments_never_produce_entries() {
        let text = "# execution.checkpointing.interval: 1s\n   #a: b\n#\n";
        let (entries, errors) = parse(text);
        assert!(entries.is_empty());
        assert!(errors.is_empty());
    }

    #[test]
    fn a_hash_ends_the_value_like_in_flink() {
        let text = "state.checkpoints.dir: hdfs:///cp#x # trailing\n";
        let got = read(text);
        assert_eq!(got[0].1, "hdfs:///cp");
        assert_eq!(got[0].3, "hdfs:///cp");
    }

    #[test]
    fn splits_at_the_first_colon_space_and_keeps_quotes() {
        let text = "a: b: c\nurl: http://host:8081\nq: \"1 s\"\n";
        assert_eq!(
            pairs(text),
            [
                ("a".into(), "b: c".into()),
                ("url".into(), "http://host:8081".into()),
                ("q".into(), "\"1 s\"".into()),
            ]
        );
    }

    #[test]
    fn lines_without_colon_space_or_with_empty_parts_are_errors() {
        let text = "a:b\nno separator\nkey:\n: value\n\n  \nok: 1\n";
        let (entries, errors) = parse(text);
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].key, "ok");
        let spans: Vec<&str> = errors.iter().map(|e| e.span.slice(text)).collect();
        assert_eq!(spans, ["a:b", "no separator", "key:", ": value"]);
        assert!(errors[0].message.contains("followed by a space"));
    }

    #[test]
    fn handles_crlf_lone_cr_and_bom() {
        let text = "\u{feff}a: 1\r\nb: 2\rc: 3";
        let got = read(text);
        assert_eq!(
            got,
            [
                ("a".into(), "1".into(), "a", "1"),
                ("b".into(), "2".into(), "b", "2"),
                ("c".into(), "3".into(), "c", "3"),
            ]
        );
    }

    #[test]
    fn non_ascii_keeps_byte_spans() {
        let text = "näme: wért\n";
        let got = read(text);
        assert_eq!(got[0].2, "näme");
        assert_eq!(got[0].3, "wért");
    }

    #[test]
    fn fuzz_never_panics_and_spans_fit() {
        let pieces: &[&str] = &[
            ": ", ":", "#", "\r", "\n", "\r\n", " ", "\t", "é", "k", "v", "\u{feff}",
        ];
        super::super::random_parses_fit(parse, pieces, 0x2545_f491_4f6c_dd1d_u64);
    }
}
