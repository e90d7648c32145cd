//! The rule reference in `docs/rules/` is generated from the rule metadata and must be fresh;
//! the examples in every rule's documentation are linted: `bad` blocks must produce the
//! rule's finding (exactly one, or `findings=N`), `good` blocks nothing.
//!
//! `UPDATE_DOCS=1 cargo test -p bigdata-lint --test docs` rewrites the reference.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use bdl_core::{Selection, Selector};
use bigdata_lint::engine::{self, RunOptions};
use bigdata_lint::{docs, registry};

const HEADINGS: &[&str] = &[
    "## What it does",
    "## Why is this bad?",
    "## Example",
    "## How to fix",
    "## Options",
    "## References",
];

fn expected_pages() -> BTreeMap<String, String> {
    let rules = registry::all_rules();
    let metas: Vec<_> = rules.iter().map(|r| r.meta()).collect();
    let mut pages = BTreeMap::new();
    for meta in &metas {
        pages.insert(format!("{}.md", meta.code), docs::rule_page(meta));
    }
    pages.insert("README.md".to_owned(), docs::index(&metas));
    pages
}

#[test]
fn generated_rule_docs_are_fresh() {
    let dir = common::root().join("docs/rules");
    let expected = expected_pages();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::create_dir_all(&dir).expect("create docs/rules");
        for entry in std::fs::read_dir(&dir).expect("docs/rules") {
            let path = entry.expect("entry").path();
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            if name.is_some_and(|n| !expected.contains_key(&n)) {
                std::fs::remove_file(&path).expect("remove stale page");
            }
        }
        for (name, text) in &expected {
            std::fs::write(dir.join(name), text).expect("write page");
        }
        return;
    }
    let mut stale = Vec::new();
    for (name, text) in &expected {
        match std::fs::read_to_string(dir.join(name)) {
            Ok(actual) if actual == *text => {}
            Ok(_) => stale.push(format!("docs/rules/{name} is out of date")),
            Err(_) => stale.push(format!("docs/rules/{name} is missing")),
        }
    }
    for entry in std::fs::read_dir(&dir).expect("docs/rules exists") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        if !expected.contains_key(&name) {
            stale.push(format!("docs/rules/{name} belongs to no rule"));
        }
    }
    assert!(
        stale.is_empty(),
        "{}\nrun `UPDATE_DOCS=1 cargo test -p bigdata-lint --test docs`",
        stale.join("\n")
    );
}

#[test]
fn every_rule_documents_the_required_headings_in_order() {
    for rule in registry::all_rules() {
        let meta = rule.meta();
        let text = meta.documentation();
        let mut last = 0;
        for heading in HEADINGS {
            let at = text
                .lines()
                .position(|l| l.trim_end() == *heading)
                .unwrap_or_else(|| panic!("{}: missing `{heading}`", meta.code));
            assert!(at >= last, "{}: `{heading}` is out of order", meta.code);
            last = at;
        }
        let options_section = text
            .split("## Options")
            .nth(1)
            .and_then(|rest| rest.split("## References").next())
            .unwrap_or_default();
        for option in meta.options {
            assert!(
                options_section.contains(&format!("`{}`", option.name)),
                "{}: option `{}` is not documented under ## Options",
                meta.code,
                option.name
            );
            assert!(
                option.kind.parse(option.default).is_ok(),
                "{}: default of `{}` does not parse",
                meta.code,
                option.name
            );
        }
        if meta.options.is_empty() {
            assert!(
                options_section.trim().starts_with("None"),
                "{}: a rule without options says `None.` under ## Options",
                meta.code
            );
        }
    }
}

struct Example {
    file: String,
    bad: bool,
    /// How many findings of the rule a `bad` example has: `findings=N` in the fence, 1 without.
    findings: usize,
    text: String,
    /// `target=flink=2.0` words of the fence: the versions the example is linted against.
    targets: Vec<String>,
}

fn examples(doc: &str) -> Vec<Example> {
    let mut out = Vec::new();
    let mut current: Option<Example> = None;
    for line in doc.lines() {
        let trimmed = line.trim();
        if let Some(example) = current.as_mut() {
            if trimmed == "```" {
                out.extend(current.take());
            } else {
                example.text.push_str(line);
                example.text.push('\n');
            }
        } else if let Some(info) = trimmed.strip_prefix("```") {
            let words: Vec<_> = info.split_whitespace().collect();
            let file = words.iter().find_map(|w| w.strip_prefix("file="));
            let bad = words.contains(&"bad");
            let good = words.contains(&"good");
            let targets = words
                .iter()
                .filter_map(|w| w.strip_prefix("target="))
                .map(str::to_owned)
                .collect();
            let findings = words
                .iter()
                .find_map(|w| w.strip_prefix("findings="))
                .map_or(1, |n| n.parse().expect("findings=N takes a number"));
            if let Some(file) = file.filter(|_| bad || good) {
                current = Some(Example {
                    file: file.to_owned(),
                    bad,
                    findings,
                    text: String::new(),
                    targets,
                });
            }
        }
    }
    out
}

#[test]
fn documented_examples_behave_as_labelled() {
    let rules = registry::all_rules();
    let metas: Vec<_> = rules.iter().map(|r| r.meta()).collect();
    let mut failures = Vec::new();
    for meta in &metas {
        let examples = examples(&meta.documentation());
        if !examples.iter().any(|e| e.bad) {
            failures.push(format!(
                "{}: no ```<lang> file=<name> bad example",
                meta.code
            ));
        }
        for (i, example) in examples.iter().enumerate() {
            let dir = tempfile::tempdir().expect("tempdir");
            let path: PathBuf = dir.path().join(&example.file);
            std::fs::write(&path, &example.text).expect("write example");
            let options = RunOptions {
                paths: vec![path],
                selection: Selection {
                    select: Some(vec![Selector::parse(meta.code, &metas).expect("own code")]),
                    ..Selection::default()
                },
                targets: bdl_syntax::project::TargetOptions {
                    fixed: bigdata_lint::target::parse_cli(&example.targets)
                        .expect("valid target= in the example"),
                    stop_at: Some(dir.path().to_path_buf()),
                },
                ..RunOptions::default()
            };
            let result = engine::run(&rules, &options).expect("run");
            let hits = result
                .diagnostics
                .iter()
                .filter(|d| d.code == meta.code)
                .count();
            if example.bad && hits != example.findings {
                failures.push(format!(
                    "{}: bad example #{i} ({}) has {hits} finding(s) of the rule, not {} \
                     (say `findings=N` in its fence when it shows several)",
                    meta.code, example.file, example.findings
                ));
            }
            if !example.bad && hits > 0 {
                failures.push(format!(
                    "{}: good example #{i} ({}) is reported",
                    meta.code, example.file
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
