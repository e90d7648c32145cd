//! Conventions every rule keeps; a new rule that breaks one fails here, not in review.

mod common;

use std::collections::BTreeSet;

use bdl_syntax::Rule;
use bigdata_lint::registry;

#[test]
fn codes_are_unique_well_formed_and_sorted() {
    let rules = registry::all_rules();
    let codes: Vec<_> = rules.iter().map(|r| r.meta().code).collect();
    let unique: BTreeSet<_> = codes.iter().collect();
    assert_eq!(unique.len(), codes.len(), "duplicate codes in {codes:?}");
    let names: BTreeSet<_> = rules.iter().map(|r| r.meta().name).collect();
    assert_eq!(names.len(), codes.len(), "duplicate rule names");
    for rule in &rules {
        let m = rule.meta();
        assert!(
            m.code.len() == 6
                && m.code[..3].bytes().all(|b| b.is_ascii_uppercase())
                && m.code[3..].bytes().all(|b| b.is_ascii_digit()),
            "{}: codes are three capitals and three digits",
            m.code
        );
        assert!(
            m.name.starts_with(|c: char| c.is_ascii_lowercase())
                && m.name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{}: names are kebab-case (letters, digits, `-`): {}",
            m.code,
            m.name
        );
        assert!(!m.kinds.is_empty(), "{}: no file kinds", m.code);
        assert!(
            m.summary.chars().next().is_some_and(char::is_lowercase) && !m.summary.ends_with('.'),
            "{}: summary starts lowercase and has no trailing period",
            m.code
        );
    }
}

#[test]
fn each_lint_crate_uses_its_own_prefix_and_sorts_its_rules() {
    let crates: [(&str, &[&dyn Rule]); 6] = [
        ("FLK", bdl_flink::RULES),
        ("HDP", bdl_hadoop::RULES),
        ("HBS", bdl_hbase::RULES),
        ("RDS", bdl_redis::RULES),
        ("ELS", bdl_elasticsearch::RULES),
        ("SEC", bdl_security::RULES),
    ];
    for (prefix, rules) in crates {
        let codes: Vec<_> = rules.iter().map(|r| r.meta().code).collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        assert_eq!(
            codes, sorted,
            "{prefix} rules must be listed sorted by code"
        );
        for code in codes {
            assert!(code.starts_with(prefix), "{code} is in the {prefix} crate");
        }
        for rule in rules {
            assert!(
                !rule.meta().triggers.is_empty(),
                "{}: lint rules declare trigger words for the prefilter",
                rule.meta().code
            );
        }
    }
}

#[test]
fn every_rule_file_is_registered() {
    let registered: BTreeSet<String> = registry::all_rules()
        .iter()
        .map(|r| r.meta().file.replace('\\', "/"))
        .collect();
    let root = common::root();
    for krate in std::fs::read_dir(root.join("lints")).expect("lints/") {
        let rules_dir = krate.expect("entry").path().join("src/rules");
        let Ok(entries) = std::fs::read_dir(&rules_dir) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("entry").path();
            if path.file_name().is_some_and(|n| n == "mod.rs") {
                continue;
            }
            let relative = path
                .strip_prefix(&root)
                .expect("under root")
                .to_string_lossy()
                .replace('\\', "/");
            assert!(
                registered.iter().any(|f| f.ends_with(&relative)),
                "{relative} declares no registered rule: add it to its crate's RULES"
            );
        }
    }
}
