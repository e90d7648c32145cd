//! The output examples in the documentation come from real runs over the fixtures: a fenced
//! block right after `<!-- example: ARGS -->` is what `bigdata-lint ARGS` prints (stdout, run
//! from the repository root, no colour, 100 columns), and the README names every rule that
//! skips test sources by default.
//!
//! `UPDATE_DOCS=1 cargo test -p bigdata-lint --test doc_examples` rewrites the examples.

mod common;

use std::collections::BTreeSet;

use assert_cmd::Command;
use bigdata_lint::registry;

const DOCS: &[&str] = &[
    "docs/output-formats.md",
    "docs/json-output.md",
    "docs/pre-commit.md",
    "docs/configuration.md",
];

const MARKER: &str = "<!-- example: ";

/// `ARGS 2>&1` appends what the run printed on stderr.
fn run(args: &str) -> String {
    let (args, with_stderr) = match args.strip_suffix("2>&1") {
        Some(args) => (args, true),
        None => (args, false),
    };
    let out = Command::cargo_bin("bigdata-lint")
        .expect("binary is built")
        .current_dir(common::root())
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_STEP_SUMMARY")
        .args(args.split_whitespace())
        .output()
        .expect("runs");
    let mut text = String::from_utf8(out.stdout).expect("utf-8");
    if with_stderr {
        text.push_str(&String::from_utf8(out.stderr).expect("utf-8"));
    }
    text
}

/// The document with every example block replaced by the output of its command; the number
/// of examples.
fn regenerate(text: &str) -> (String, usize) {
    let mut out = String::new();
    let mut count = 0;
    let mut lines = text.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        out.push_str(line);
        let Some(args) = line
            .trim()
            .strip_prefix(MARKER)
            .and_then(|rest| rest.strip_suffix("-->"))
        else {
            continue;
        };
        let Some(fence) = lines.next() else { break };
        assert!(
            fence.starts_with("```"),
            "a fenced block must follow: {line}"
        );
        out.push_str(fence);
        for inner in lines.by_ref() {
            if inner.trim_end() == "```" {
                break;
            }
        }
        out.push_str(&run(args.trim()));
        out.push_str("```\n");
        count += 1;
    }
    (out, count)
}

#[test]
fn output_examples_are_from_real_runs() {
    let mut stale = Vec::new();
    let mut total = 0;
    for doc in DOCS {
        let path = common::root().join(doc);
        let text = std::fs::read_to_string(&path).expect("doc exists");
        let (fresh, count) = regenerate(&text);
        total += count;
        if fresh == text {
            continue;
        }
        if std::env::var_os("UPDATE_DOCS").is_some() {
            std::fs::write(&path, fresh).expect("write doc");
        } else {
            stale.push(format!("{doc}: an output example is out of date"));
        }
    }
    assert!(
        total >= DOCS.len(),
        "every document has an example ({total})"
    );
    assert!(
        stale.is_empty(),
        "{}\nrun `UPDATE_DOCS=1 cargo test -p bigdata-lint --test doc_examples`",
        stale.join("\n")
    );
}

/// `FLK005–FLK014` stands for every code from FLK005 to FLK014.
fn expand(list: &str) -> BTreeSet<String> {
    let mut codes = BTreeSet::new();
    let words = list
        .split([',', ' ', '\n'])
        .map(|w| w.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '–'))
        .filter(|w| !w.is_empty() && *w != "and");
    for word in words {
        match word.split_once('–') {
            Some((from, to)) => {
                let prefix = &from[..3];
                let start: u32 = from[3..].parse().expect("a code");
                let end: u32 = to[3..].parse().expect("a code");
                for n in start..=end {
                    codes.insert(format!("{prefix}{n:03}"));
                }
            }
            None => {
                codes.insert(word.to_owned());
            }
        }
    }
    codes
}

#[test]
fn the_readme_names_every_rule_that_skips_test_sources() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).expect("README");
    let start = readme
        .find("one replica and sample passwords, so ")
        .expect("the test-sources sentence");
    let rest = &readme[start..];
    let list = &rest["one replica and sample passwords, so ".len()
        ..rest.find(" skip them unless").expect("end of the list")];
    let named = expand(list);
    let skipping: BTreeSet<String> = registry::all_rules()
        .iter()
        .map(|r| r.meta())
        .filter(|m| {
            m.options
                .iter()
                .any(|o| o.name == "lint-test-sources" && o.default == "false")
        })
        .map(|m| m.code.to_owned())
        .collect();
    assert!(!skipping.is_empty());
    let missing: Vec<_> = skipping.difference(&named).collect();
    let extra: Vec<_> = named.difference(&skipping).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "README test-sources sentence: missing {missing:?}, names rules that lint tests {extra:?}"
    );
}
