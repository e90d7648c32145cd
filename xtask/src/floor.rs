//! The floors: the least work any linter with bigdata-lint's file selection has to do, as
//! small programs run in their own processes by the benchmark.
//!
//! - `read`: discover the files with the linter's walker and selection
//!   (`bdl_syntax::discover`), read each one and decode it as the linter does.
//! - `parse`: also parse every Java file with tree-sitter and walk each tree once; parse every
//!   configuration file with the linter's config parsers.
//! - `gate`: read everything, run one Aho-Corasick pass over each Java file with the registry's
//!   trigger words, and parse + walk only the Java files that contain one; configuration files
//!   are always parsed, as the linter does.

use std::borrow::Cow;
use std::cell::RefCell;
use std::path::Path;

use aho_corasick::{AhoCorasick, MatchKind};
use bdl_core::FileKind;
use bdl_syntax::ConfigFile;
use bdl_syntax::discover::{self, Candidate, DiscoverOptions};
use bdl_syntax::kind::{NameGuess, looks_like_flink_yaml};
use tree_sitter::Parser;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Floor {
    Read,
    Parse,
    Gate,
}

impl Floor {
    pub(crate) fn parse(name: &str) -> Option<Self> {
        match name {
            "read" => Some(Self::Read),
            "parse" => Some(Self::Parse),
            "gate" => Some(Self::Gate),
            _ => None,
        }
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::Read => "read",
            Self::Parse => "parse",
            Self::Gate => "gate",
        }
    }
}

/// What a floor did; printed as one `key=value` line for the benchmark to pick up.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Stats {
    pub(crate) files: u64,
    pub(crate) bytes: u64,
    pub(crate) java_files: u64,
    pub(crate) java_parsed: u64,
    pub(crate) config_parsed: u64,
    pub(crate) nodes: u64,
}

impl Stats {
    fn add(self, other: Self) -> Self {
        Self {
            files: self.files + other.files,
            bytes: self.bytes + other.bytes,
            java_files: self.java_files + other.java_files,
            java_parsed: self.java_parsed + other.java_parsed,
            config_parsed: self.config_parsed + other.config_parsed,
            nodes: self.nodes + other.nodes,
        }
    }

    pub(crate) fn to_line(self) -> String {
        format!(
            "files={} bytes={} java_files={} java_parsed={} config_parsed={} nodes={}",
            self.files,
            self.bytes,
            self.java_files,
            self.java_parsed,
            self.config_parsed,
            self.nodes
        )
    }

    pub(crate) fn from_line(line: &str) -> Option<Self> {
        let mut stats = Self::default();
        for pair in line.split_whitespace() {
            let (key, value) = pair.split_once('=')?;
            let value: u64 = value.parse().ok()?;
            match key {
                "files" => stats.files = value,
                "bytes" => stats.bytes = value,
                "java_files" => stats.java_files = value,
                "java_parsed" => stats.java_parsed = value,
                "config_parsed" => stats.config_parsed = value,
                "nodes" => stats.nodes = value,
                _ => return None,
            }
        }
        Some(stats)
    }
}

thread_local! {
    static PARSER: RefCell<Option<Parser>> = const { RefCell::new(None) };
}

/// Parses `text` as Java and walks the tree once; returns the number of nodes.
fn parse_and_walk(text: &str) -> u64 {
    PARSER.with(|cell| {
        let mut slot = cell.borrow_mut();
        let parser = slot.get_or_insert_with(|| {
            let mut parser = Parser::new();
            parser
                .set_language(&tree_sitter_java::LANGUAGE.into())
                .expect("the Java grammar loads");
            parser
        });
        let Some(tree) = parser.parse(text, None) else {
            return 0;
        };
        let mut cursor = tree.walk();
        let mut nodes = 1;
        'walk: loop {
            if cursor.goto_first_child() || cursor.goto_next_sibling() {
                nodes += 1;
                continue;
            }
            loop {
                if !cursor.goto_parent() {
                    break 'walk;
                }
                if cursor.goto_next_sibling() {
                    nodes += 1;
                    break;
                }
            }
        }
        nodes
    })
}

/// Every node below the cursor's node, in document order.
#[cfg(test)]
pub(crate) fn preorder<'t>(cursor: &mut tree_sitter::TreeCursor<'t>) -> Vec<tree_sitter::Node<'t>> {
    let mut nodes = vec![cursor.node()];
    loop {
        if cursor.goto_first_child() || cursor.goto_next_sibling() {
            nodes.push(cursor.node());
            continue;
        }
        loop {
            if !cursor.goto_parent() {
                return nodes;
            }
            if cursor.goto_next_sibling() {
                nodes.push(cursor.node());
                break;
            }
        }
    }
}

/// The registry's trigger words (all rules are enabled by default).
pub(crate) fn trigger_words() -> Vec<&'static str> {
    let mut words: Vec<&'static str> = bigdata_lint::registry::all_rules()
        .iter()
        .flat_map(|r| r.meta().triggers.iter().copied())
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

pub(crate) fn run(floor: Floor, root: &Path, threads: usize) -> Result<Stats, String> {
    // Leftmost-first: the fastest searcher for a yes/no answer (it uses a vectorised
    // prefilter, which overlapping and standard searches do not).
    let gate = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(trigger_words())
        .map_err(|e| e.to_string())?;
    // As the linter walks one path: each walker thread handles the files it finds.
    let (states, _problems) = discover::visit_each(
        root,
        &DiscoverOptions::default(),
        threads.max(1),
        Stats::default,
        |total, candidate| *total = total.add(one_file(floor, &gate, &candidate)),
    )
    .map_err(|e| e.to_string())?;
    Ok(states.into_iter().fold(Stats::default(), Stats::add))
}

/// What one floor does with one file.
fn one_file(floor: Floor, gate: &AhoCorasick, candidate: &Candidate) -> Stats {
    let Ok(bytes) = std::fs::read(&candidate.path) else {
        return Stats::default();
    };
    // As the linter decodes: invalid UTF-8 is replaced, a BOM dropped.
    let decoded = match std::str::from_utf8(&bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => String::from_utf8_lossy(&bytes),
    };
    let text = decoded.strip_prefix('\u{feff}').unwrap_or(&decoded);
    let mut stats = Stats {
        files: 1,
        bytes: bytes.len() as u64,
        ..Stats::default()
    };
    let kind = match candidate.guess {
        NameGuess::Kind(kind) => kind,
        NameGuess::MaybeFlinkYaml if looks_like_flink_yaml(text) => FileKind::FlinkYaml,
        NameGuess::MaybeFlinkYaml | NameGuess::Other => return stats,
    };
    if floor == Floor::Read {
        return stats;
    }
    if kind == FileKind::Java {
        stats.java_files = 1;
        if floor == Floor::Parse || gate.is_match(text) {
            stats.java_parsed = 1;
            stats.nodes = parse_and_walk(text);
        }
    } else {
        let file = ConfigFile::parse(kind, text);
        stats.config_parsed = 1;
        stats.nodes = file.entries.len() as u64;
    }
    stats
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_every_node() {
        assert!(parse_and_walk("class A { void f() { int x = 1 + 2; } }") > 10);
        assert_eq!(
            Stats::from_line(
                &Stats {
                    files: 3,
                    nodes: 9,
                    ..Stats::default()
                }
                .to_line()
            ),
            Some(Stats {
                files: 3,
                nodes: 9,
                ..Stats::default()
            })
        );
    }

    #[test]
    fn triggers_come_from_the_registry() {
        let words = trigger_words();
        assert!(words.contains(&"enableCheckpointing"));
        assert!(words.contains(&"getTable"));
    }
}
