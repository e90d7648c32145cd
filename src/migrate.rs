//! `bigdata-lint migrate-config`: converts a legacy `flink-conf.yaml` into a standard
//! `config.yaml` for Flink 1.19 and later (see `docs/migrate-config.md`).
//!
//! The legacy file is read the way Flink reads it (`bdl_syntax::config::flink_conf`). Then:
//! 1. deprecated keys that are aliases in the target version are renamed (a key that stood for
//!    several options becomes each of them), removed keys are left out with a comment;
//! 2. the keys are split on `.` into nested maps, in the order they first appear; a key that is
//!    both a value and the parent of other keys cannot nest, so its children are written below
//!    it as dotted keys (`backend: rocksdb` then `backend.incremental: true`), which Flink's
//!    reader joins back the same way;
//! 3. values are written as YAML that Flink reads to the same text: list-typed options as YAML
//!    lists, canonical booleans and integers plain, everything YAML would read as something
//!    else than the same string (under YAML 1.1, which Flink 1.19 and 1.20 use, and 1.2, which
//!    Flink 2 uses) quoted.
//!
//! Comments are kept: the file's leading comment at the top, every other comment above the
//! next setting (which may move, as settings are grouped by their first key segment), and a
//! comment at the end of a setting's line at the end of its line.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use bdl_catalog::{Lookup, flink};
use bdl_core::FileKind;
use bdl_core::Version;
use bdl_syntax::ConfigFile;

/// The lowest Flink version that reads `config.yaml`.
pub const FIRST_CONFIG_YAML: Version = Version::new(1, 19);

/// The longest implicit key YAML allows (quotes included, so a little less).
const MAX_KEY_CHARS: usize = 1000;

/// Keys with more segments than this are written flat rather than nested.
const MAX_NESTING: usize = 16;

/// A converted file and what the conversion did.
#[derive(Debug, Default)]
pub struct Migration {
    /// The `config.yaml` text.
    pub text: String,
    /// `(line, old key, new key)` for each renamed key (a key split into several options
    /// appears once per option).
    pub renamed: Vec<(usize, String, String)>,
    /// `(line, key)` for each key left out because the target version removed it.
    pub removed: Vec<(usize, String)>,
    /// Everything else worth knowing, one sentence each, starting with the line.
    pub notes: Vec<String>,
}

/// A line of the legacy file that Flink skips and that therefore cannot be converted.
#[derive(Debug, PartialEq, Eq)]
pub struct Unparsable {
    /// 1-based.
    pub line: usize,
    pub message: String,
}

/// One setting of the output.
struct Item {
    key: String,
    value: Value,
    /// Comment lines to write above it, each starting with `#`.
    above: Vec<String>,
    /// A comment for the end of its line, starting with `#`.
    trailing: Option<String>,
}

enum Value {
    Scalar(String),
    List(Vec<String>),
}

/// Converts `text`, a legacy `flink-conf.yaml`, into a `config.yaml` for Flink `target`.
#[expect(
    clippy::too_many_lines,
    reason = "one pass over the entries: each verdict (duplicate, removed, renamed, split) \
              decides where its comments go"
)]
pub fn migrate(text: &str, target: Version) -> Result<Migration, Vec<Unparsable>> {
    let file = ConfigFile::parse(FileKind::FlinkConf, text);
    let lines = LineIndex::new(text);
    if !file.errors.is_empty() {
        return Err(file
            .errors
            .iter()
            .map(|e| Unparsable {
                line: lines.line_of(e.span.start),
                message: format!("{}; Flink skips this line", e.message),
            })
            .collect());
    }
    // YAML allows implicit keys of up to 1024 characters.
    let too_long: Vec<Unparsable> = file
        .entries
        .iter()
        .filter(|e| e.key.chars().count() > MAX_KEY_CHARS)
        .map(|e| Unparsable {
            line: lines.line_of(e.key_span.start),
            message: format!(
                "a key of {} characters, too long for a YAML key (1024 at most)",
                e.key.chars().count()
            ),
        })
        .collect();
    if !too_long.is_empty() {
        return Err(too_long);
    }
    let catalog = flink::nearest(target);
    let mut out = Migration::default();

    // Comments: the leading block, those above each entry, those at the end of its line.
    let entry_lines: Vec<usize> = file
        .entries
        .iter()
        .map(|e| lines.line_of(e.key_span.start))
        .collect();
    let comments = Comments::read(text, &entry_lines);

    // The last definition of each key wins, as in Flink.
    let mut last: HashMap<&str, usize> = HashMap::new();
    for (i, entry) in file.entries.iter().enumerate() {
        last.insert(entry.key.as_str(), i);
    }
    let present: HashSet<&str> = last.keys().copied().collect();

    let mut items: Vec<Item> = Vec::new();
    let mut produced: HashMap<String, usize> = HashMap::new();
    let mut removed_lines: Vec<String> = Vec::new();
    let mut carried: Vec<String> = Vec::new();
    for (i, entry) in file.entries.iter().enumerate() {
        let line = entry_lines.get(i).copied().unwrap_or(0);
        let mut above = carried.split_off(0);
        above.extend(comments.above.get(i).cloned().unwrap_or_default());
        let mut trailing = comments.trailing.get(i).cloned().flatten();
        let key = entry.key.as_str();
        if last.get(key) != Some(&i) {
            out.notes.push(format!(
                "line {line}: `{key}` is set again further down; this definition is dropped, \
                 as Flink uses the last one"
            ));
            carried = above;
            carried.extend(trailing);
            continue;
        }
        let mut value = entry.value.clone();
        let mut was: Option<String> = None;
        let keys: Vec<String> = match catalog.lookup(key) {
            Lookup::Removed { in_version, .. } => {
                out.removed.push((line, key.to_owned()));
                removed_lines.extend(above);
                removed_lines.push(format!(
                    "# removed in Flink {in_version}: {key}: {}",
                    one_line(&entry.value)
                ));
                continue;
            }
            Lookup::Deprecated {
                replacement: Some(_),
                ..
            } => {
                let targets: Vec<&str> = catalog
                    .alias_targets(key)
                    .into_iter()
                    .filter(|t| matches!(catalog.lookup(t), Lookup::Known(_)))
                    .collect();
                if targets.is_empty() {
                    out.notes.push(format!(
                        "line {line}: `{key}` is deprecated in Flink {}; kept as it is, see \
                         the Flink configuration docs for its successor",
                        catalog.line()
                    ));
                    vec![key.to_owned()]
                } else if let Some(set) = targets.iter().find(|t| present.contains(**t)) {
                    out.notes.push(format!(
                        "line {line}: `{key}` is dropped: its replacement `{set}` is also set, \
                         and Flink reads that one"
                    ));
                    carried = above;
                    carried.push(format!("# dropped, `{set}` is set: {key}"));
                    continue;
                } else {
                    if key == "state.backend" && target.major >= 2 {
                        let lower = value.trim().to_ascii_lowercase();
                        if lower == "filesystem" || lower == "jobmanager" {
                            out.notes.push(format!(
                                "line {line}: `state.backend: {value}` named the heap state \
                                 backend, which Flink 2 calls `hashmap`; checkpoints go where \
                                 `execution.checkpointing.storage` and \
                                 `execution.checkpointing.dir` say"
                            ));
                            was = Some(format!("# was state.backend: {value}"));
                            "hashmap".clone_into(&mut value);
                        }
                    }
                    for new in &targets {
                        out.renamed.push((line, key.to_owned(), (*new).to_owned()));
                    }
                    targets.into_iter().map(str::to_owned).collect()
                }
            }
            _ => vec![key.to_owned()],
        };
        if let Some(was) = was {
            trailing = Some(match trailing {
                Some(comment) => format!("{was}; {}", comment.trim_start_matches('#').trim()),
                None => was,
            });
        }
        if value.len() >= 2
            && ((value.starts_with('"') && value.ends_with('"'))
                || (value.starts_with('\'') && value.ends_with('\'')))
        {
            out.notes.push(format!(
                "line {line}: the value of `{key}` keeps its quotes, as the legacy parser read \
                 them; remove them in config.yaml if they were not meant as part of the value"
            ));
        }
        for (n, new) in keys.iter().enumerate() {
            if let Some(first) = produced.get(new) {
                out.notes.push(format!(
                    "line {line}: `{key}` would set `{new}` again (line {first} already does); \
                     dropped, check which value you want"
                ));
                carried.push(format!(
                    "# dropped, `{new}` is set from line {first}: {key}"
                ));
                continue;
            }
            produced.insert(new.clone(), line);
            let ty = match catalog.lookup(new) {
                Lookup::Known(info) => info.ty,
                _ => None,
            };
            items.push(Item {
                key: new.clone(),
                value: typed(ty, &value),
                above: if n == 0 { above.clone() } else { Vec::new() },
                trailing: if n == 0 { trailing.clone() } else { None },
            });
        }
    }
    let mut tail = carried;
    tail.extend(comments.tail);

    let mut text_out = String::new();
    for line in &comments.leading {
        text_out.push_str(line);
        text_out.push('\n');
    }
    if !comments.leading.is_empty() {
        text_out.push('\n');
    }
    let _ = writeln!(
        text_out,
        "# Flink {target} configuration, converted from flink-conf.yaml by bigdata-lint \
         migrate-config."
    );
    let tree = Tree::build(&items);
    tree.write(&items, &mut text_out);
    if !tail.is_empty() {
        text_out.push('\n');
        for line in tail {
            text_out.push_str(&line);
            text_out.push('\n');
        }
    }
    if !removed_lines.is_empty() {
        text_out.push('\n');
        for line in removed_lines {
            text_out.push_str(&line);
            text_out.push('\n');
        }
    }
    out.text = text_out;
    Ok(out)
}

/// `text` on one line, for a comment.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The value as Flink 2 reads it for an option of type `ty`: a list for list-typed options
/// whose legacy value splits cleanly at `;`, otherwise the text.
fn typed(ty: Option<&str>, value: &str) -> Value {
    let list = ty.is_some_and(|t| t == "List<String>" || t == "List<Enum>");
    if list && !value.contains(['"', '\'']) {
        let items: Vec<String> = value.split(';').map(str::to_owned).collect();
        if items
            .iter()
            .all(|i| !i.is_empty() && i.trim() == i.as_str())
        {
            return Value::List(items);
        }
    }
    Value::Scalar(scalar(ty, value))
}

/// Line numbers of byte offsets.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        Self { starts }
    }

    /// The 1-based line of `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|s| *s <= offset).max(1)
    }
}

/// The comments of the legacy file, placed.
#[derive(Default)]
struct Comments {
    /// The file's leading comment, up to the last blank line before the first setting.
    leading: Vec<String>,
    /// Per entry: the comment lines between the previous setting and it.
    above: Vec<Vec<String>>,
    /// Per entry: the comment at the end of its line.
    trailing: Vec<Option<String>>,
    /// Comment lines after the last setting.
    tail: Vec<String>,
}

impl Comments {
    /// `entry_lines`: the 1-based line of each entry, in order.
    fn read(text: &str, entry_lines: &[usize]) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let physical: Vec<&str> = text
            .split('\n')
            .flat_map(|l| l.strip_suffix('\r').unwrap_or(l).split('\r'))
            .collect();
        let mut out = Self {
            above: vec![Vec::new(); entry_lines.len()],
            trailing: vec![None; entry_lines.len()],
            ..Self::default()
        };
        let mut next = 0;
        let mut pending: Vec<String> = Vec::new();
        let mut blank_since_comment = false;
        let mut before_first = true;
        for (index, line) in physical.iter().enumerate() {
            let number = index + 1;
            let trimmed = line.trim();
            if next < entry_lines.len() && entry_lines[next] == number {
                if before_first {
                    // The leading comment is what came before the last blank line.
                    if blank_since_comment {
                        out.leading = std::mem::take(&mut pending);
                    } else if let Some(cut) = last_blank_cut(&pending) {
                        out.leading = pending.drain(..cut).collect();
                    }
                    trim_blank_ends(&mut out.leading);
                    before_first = false;
                }
                pending.retain(|l| !l.is_empty());
                out.above[next] = std::mem::take(&mut pending);
                out.trailing[next] = line
                    .split_once('#')
                    .map(|(_, c)| format!("#{}", c.trim_end()));
                next += 1;
                // Several entries can never share a line; skip to the next one.
                continue;
            }
            if trimmed.is_empty() {
                if before_first {
                    pending.push(String::new());
                }
                blank_since_comment = true;
            } else if trimmed.starts_with('#') {
                pending.push(trimmed.to_owned());
                blank_since_comment = false;
            }
        }
        if before_first {
            out.leading = pending;
            trim_blank_ends(&mut out.leading);
        } else {
            pending.retain(|l| !l.is_empty());
            out.tail = pending;
        }
        out
    }
}

/// The index just after the last blank line of `lines` (the leading comment ends there).
fn last_blank_cut(lines: &[String]) -> Option<usize> {
    lines.iter().rposition(String::is_empty).map(|i| i + 1)
}

fn trim_blank_ends(lines: &mut Vec<String>) {
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    while lines.first().is_some_and(String::is_empty) {
        lines.remove(0);
    }
}

/// The keys split into nested maps, children in the order they first appear.
#[derive(Default)]
struct Tree {
    children: Vec<(String, Tree)>,
    /// The item whose key ends here.
    item: Option<usize>,
}

impl Tree {
    fn build(items: &[Item]) -> Self {
        let mut root = Self::default();
        for (index, item) in items.iter().enumerate() {
            let segments: Vec<&str> = item.key.split('.').collect();
            // Keys with empty segments or very deep ones are written as they are.
            let path: Vec<&str> =
                if segments.iter().any(|s| s.is_empty()) || segments.len() > MAX_NESTING {
                    vec![item.key.as_str()]
                } else {
                    segments
                };
            let mut node = &mut root;
            for segment in path {
                let at = if let Some(at) = node.children.iter().position(|(s, _)| s == segment) {
                    at
                } else {
                    node.children.push((segment.to_owned(), Self::default()));
                    node.children.len() - 1
                };
                node = &mut node.children[at].1;
            }
            node.item = Some(index);
        }
        root
    }

    /// Writes the children of this map at `indent`.
    fn write(&self, items: &[Item], out: &mut String) {
        let mut hoisted = HashSet::new();
        self.write_at(items, 0, &mut hoisted, out);
    }

    /// The item written first below this node.
    fn first_item(&self) -> Option<usize> {
        let mut node = self;
        loop {
            if node.item.is_some() {
                return node.item;
            }
            node = &node.children.first()?.1;
        }
    }

    fn write_at(
        &self,
        items: &[Item],
        indent: usize,
        hoisted: &mut HashSet<usize>,
        out: &mut String,
    ) {
        for (segment, child) in &self.children {
            match child.item {
                Some(item) if child.children.is_empty() => {
                    write_item(items, item, &key_text(segment), indent, hoisted, out);
                }
                Some(item) => {
                    // A value and a parent: the children go below it, dotted.
                    write_item(items, item, &key_text(segment), indent, hoisted, out);
                    let mut leaves = Vec::new();
                    child.leaves(segment, &mut leaves);
                    for (key, item) in leaves {
                        write_item(items, item, &key_text(&key), indent, hoisted, out);
                    }
                }
                None => {
                    // The comments of the first setting below go above the map that opens
                    // it: section headers stay above their section.
                    if let Some(first) = child.first_item()
                        && let Some(item) = items.get(first)
                        && hoisted.insert(first)
                    {
                        if indent == 0 && !item.above.is_empty() {
                            out.push('\n');
                        }
                        for comment in &item.above {
                            let _ = writeln!(out, "{:indent$}{comment}", "");
                        }
                    }
                    let _ = writeln!(out, "{:indent$}{}:", "", key_text(segment));
                    child.write_at(items, indent + 2, hoisted, out);
                }
            }
        }
    }

    /// Every item below this node, with its key relative to the node's parent.
    fn leaves(&self, prefix: &str, out: &mut Vec<(String, usize)>) {
        for (segment, child) in &self.children {
            let key = format!("{prefix}.{segment}");
            if let Some(item) = child.item {
                out.push((key.clone(), item));
            }
            child.leaves(&key, out);
        }
    }
}

fn write_item(
    items: &[Item],
    index: usize,
    key: &str,
    indent: usize,
    hoisted: &HashSet<usize>,
    out: &mut String,
) {
    let Some(item) = items.get(index) else {
        return;
    };
    if !hoisted.contains(&index) {
        for comment in &item.above {
            let _ = writeln!(out, "{:indent$}{comment}", "");
        }
    }
    let trailing = item
        .trailing
        .as_deref()
        .map(|c| format!(" {c}"))
        .unwrap_or_default();
    match &item.value {
        Value::Scalar(value) => {
            let _ = writeln!(out, "{:indent$}{key}: {value}{trailing}", "");
        }
        Value::List(values) => {
            let _ = writeln!(out, "{:indent$}{key}:{trailing}", "");
            for value in values {
                let _ = writeln!(out, "{:indent$}  - {}", "", quoted_if_needed(value));
            }
        }
    }
}

/// A key (or key segment) as YAML: plain when it reads back as the same string.
fn key_text(key: &str) -> String {
    quoted_if_needed(key)
}

/// A scalar value: canonical booleans and integers plain (Flink reads them back to the same
/// text), everything else a string, quoted when YAML would read it otherwise.
fn scalar(ty: Option<&str>, value: &str) -> String {
    if value == "true" || value == "false" || is_canonical_int(value) {
        return value.to_owned();
    }
    // A decimal for a floating-point option: Flink reads the number.
    if matches!(ty, Some("Double" | "Float"))
        && let Some((whole, fraction)) = value.split_once('.')
        && is_canonical_int(whole)
        && !fraction.is_empty()
        && fraction.bytes().all(|b| b.is_ascii_digit())
    {
        return value.to_owned();
    }
    quoted_if_needed(value)
}

/// `-?(0|[1-9][0-9]*)`: what both YAML versions read as an integer and Flink prints back
/// unchanged.
fn is_canonical_int(value: &str) -> bool {
    let digits = value.strip_prefix('-').unwrap_or(value);
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'))
        && digits.len() <= 18
}

/// `text` plain when YAML 1.1 and 1.2 both read it back as this very string, otherwise
/// quoted.
fn quoted_if_needed(text: &str) -> String {
    if plain_is_string(text) {
        return text.to_owned();
    }
    if text.chars().any(char::is_control) {
        let mut out = String::from("\"");
        for c in text.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\t' => out.push_str("\\t"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                c if c.is_control() => {
                    let _ = write!(out, "\\u{:04x}", u32::from(c));
                }
                c => out.push(c),
            }
        }
        out.push('"');
        return out;
    }
    if !text.contains(['"', '\\']) {
        return format!("\"{text}\"");
    }
    format!("'{}'", text.replace('\'', "''"))
}

/// Whether `text` written plain is read back as the same string by YAML 1.1 (SnakeYAML, Flink
/// 1.19 and 1.20) and YAML 1.2 (Flink 2.x): a valid plain scalar that no resolver turns into
/// a boolean, number, null, timestamp or merge key.
pub fn plain_is_string(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    if text.trim() != text || text.chars().any(char::is_control) {
        return false;
    }
    let second = text.chars().nth(1);
    let indicator = matches!(
        first,
        '?' | ':'
            | ','
            | '['
            | ']'
            | '{'
            | '}'
            | '#'
            | '&'
            | '*'
            | '!'
            | '|'
            | '>'
            | '\''
            | '"'
            | '%'
            | '@'
            | '`'
    );
    if indicator || (first == '-' && second.is_none_or(|c| c == ' ')) {
        return false;
    }
    if text.contains(": ") || text.contains(" #") || text.ends_with(':') {
        return false;
    }
    let lower = text.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n" | "null" | "~" | "<<" | "="
    ) {
        return false;
    }
    !looks_numeric(text) && !looks_like_timestamp(text)
}

/// Anything a YAML 1.1 or 1.2 resolver could read as a number: decimal, octal, hexadecimal,
/// binary, sexagesimal, exponent, `.inf`, `.nan`, with `_` separators.
fn looks_numeric(text: &str) -> bool {
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    let lower = body.to_ascii_lowercase();
    if matches!(lower.as_str(), ".inf" | ".nan") {
        return true;
    }
    for prefix in ["0x", "0o", "0b"] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            return !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_hexdigit() || b == b'_');
        }
    }
    body.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && body.bytes().all(|b| {
            b.is_ascii_digit() || matches!(b, b'.' | b'_' | b':' | b'e' | b'E' | b'+' | b'-')
        })
}

/// `YYYY-M…`: a YAML 1.1 timestamp begins so.
fn looks_like_timestamp(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() > 5 && bytes[..4].iter().all(u8::is_ascii_digit) && bytes[4] == b'-'
}

#[cfg(test)]
mod tests {
    use super::*;

    const V2: Version = Version::new(2, 0);

    fn convert(text: &str) -> Migration {
        migrate(text, V2).expect("converts")
    }

    #[test]
    fn quoting_keeps_every_string_a_string() {
        for plain in [
            "rocksdb",
            "1 min",
            "30s",
            "s3://b/cp",
            "-XX:+UseG1GC",
            "1d",
            "a,b",
            "${X}",
        ] {
            assert!(plain_is_string(plain), "{plain}");
        }
        for quoted in [
            "on",
            "Yes",
            "NO",
            "y",
            "~",
            "null",
            "1e3",
            "0x1F",
            "010",
            "1:30",
            "*",
            "2024-01-01",
            "a: b",
            "a #b",
            "",
            " x",
            "- x",
            "-",
            ".5",
            "1.10",
            "&a",
            "@x",
            "%x",
            "'x'",
            "\"x\"",
            ".inf",
        ] {
            assert!(!plain_is_string(quoted), "{quoted}");
        }
        assert_eq!(quoted_if_needed("on"), "\"on\"");
        assert_eq!(quoted_if_needed("say \"hi\""), "say \"hi\"");
        assert_eq!(quoted_if_needed("\"hi\" there"), "'\"hi\" there'");
        assert_eq!(quoted_if_needed("it's: \\"), "'it''s: \\'");
        assert_eq!(quoted_if_needed("a\tb"), "\"a\\tb\"");
        assert_eq!(scalar(None, "true"), "true");
        assert_eq!(scalar(None, "TRUE"), "\"TRUE\"");
        assert_eq!(scalar(None, "4"), "4");
        assert_eq!(scalar(None, "-1"), "-1");
        assert_eq!(scalar(None, "007"), "\"007\"");
        assert_eq!(scalar(Some("Float"), "0.15"), "0.15");
        assert_eq!(scalar(Some("String"), "1.10"), "\"1.10\"");
        assert_eq!(scalar(Some("Double"), "1e3"), "\"1e3\"");
    }

    #[test]
    fn nests_renames_and_comments() {
        let text = "# Cluster settings\n# for the fraud team\n\n\
                    # JobManager\njobmanager.rpc.address: jm\n\
                    taskmanager.numberOfTaskSlots: 4 # per TM\n\
                    state.backend: rocksdb\nstate.backend.incremental: true\n\
                    state.checkpoints.dir: s3://b/cp\n\
                    jobmanager.rpc.port: 6123\n\
                    classloader.parent-first-patterns.additional: com.acme.;org.shared.\n\
                    web.port: 8081\ntaskmanager.heap.size: 1g\n# the end\n";
        let m = convert(text);
        assert_eq!(
            m.text,
            "# Cluster settings\n# for the fraud team\n\n\
             # Flink 2.0 configuration, converted from flink-conf.yaml by bigdata-lint migrate-config.\n\
             \n# JobManager\njobmanager:\n  rpc:\n    address: jm\n    port: 6123\n\
             taskmanager:\n  numberOfTaskSlots: 4 # per TM\n\
             state:\n  backend:\n    type: rocksdb\n\
             execution:\n  checkpointing:\n    incremental: true\n    dir: s3://b/cp\n\
             classloader:\n  parent-first-patterns:\n    additional:\n      - com.acme.\n      - org.shared.\n\
             rest:\n  bind-port: 8081\n  port: 8081\n\
             \n# the end\n\
             \n# removed in Flink 2.0: taskmanager.heap.size: 1g\n"
        );
        assert_eq!(m.renamed.len(), 5, "{:?}", m.renamed);
        assert_eq!(m.removed, [(13, "taskmanager.heap.size".to_owned())]);
    }

    #[test]
    fn a_key_that_is_also_a_parent_is_written_dotted() {
        // On 1.19 nothing here is deprecated: `a.b` stays a value and a parent.
        let text = "metrics.reporter.prom: x\nmetrics.reporter.prom.port: 9249\n";
        let m = migrate(text, Version::new(1, 19)).expect("converts");
        assert!(
            m.text
                .ends_with("metrics:\n  reporter:\n    prom: x\n    prom.port: 9249\n"),
            "{}",
            m.text
        );
        let back = ConfigFile::parse(FileKind::FlinkYaml, &m.text);
        let keys: Vec<&str> = back.entries.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(
            keys,
            ["metrics.reporter.prom", "metrics.reporter.prom.port"]
        );
    }

    #[test]
    fn unparsable_lines_are_errors_with_their_line() {
        let err = migrate("a: 1\nno separator\nb:\n", V2).expect_err("fails");
        assert_eq!(err.iter().map(|e| e.line).collect::<Vec<_>>(), [2, 3]);
    }

    #[test]
    fn replacement_already_set_drops_the_old_key_and_legacy_backends_become_hashmap() {
        let m = convert("state.checkpoints.dir: a\nexecution.checkpointing.dir: b\n");
        assert!(
            m.text.contains("dir: b\n") && !m.text.contains("dir: a"),
            "{}",
            m.text
        );
        let m = convert("state.backend: filesystem\n");
        assert!(
            m.text
                .contains("  backend:\n    type: hashmap # was state.backend: filesystem\n"),
            "{}",
            m.text
        );
    }

    #[test]
    fn hostile_input_stays_bounded() {
        let long = format!("{}: 1\n", vec!["k"; 10_000].join("."));
        let err = migrate(&long, V2).expect_err("too long for YAML");
        assert!(err[0].message.contains("1024"), "{err:?}");
        let deep = format!("{}: 1\n", vec!["k"; 100].join("."));
        let m = convert(&deep);
        assert_eq!(m.text.lines().count(), 2);
        let back = ConfigFile::parse(FileKind::FlinkYaml, &m.text);
        assert_eq!(back.entries.len(), 1);
        let odd = "a..b: 1\n.x: 2\ny.: 3\n";
        let converted = convert(odd);
        let back = ConfigFile::parse(FileKind::FlinkYaml, &converted.text);
        let keys: Vec<&str> = back.entries.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["a..b", ".x", "y."]);
    }
}
