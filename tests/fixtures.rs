//! Every rule's fixtures: `testdata/<CODE>/bad` must produce exactly the active findings its
//! `expect:` markers name, on exactly those lines; `testdata/<CODE>/good` must produce no active
//! finding. Each folder is judged by its rule with the built-in `BDL` rules (see
//! `common::lint_rule`): markers of other rules are ignored there. Findings covered by an inline suppression comment (`bigdata-lint: ignore`) are not
//! active, so a fixture may show a finding that is suppressed on purpose.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use bigdata_lint::registry;

type Finding = (String, u32, String);

fn is_code(token: &str) -> bool {
    token.len() == 6
        && token[..3].bytes().all(|b| b.is_ascii_uppercase())
        && token[3..].bytes().all(|b| b.is_ascii_digit())
}

/// The (file, line, code) triples the markers of one file ask for.
fn markers(file: &str, text: &str) -> BTreeSet<Finding> {
    let mut out = BTreeSet::new();
    for (i, line) in text.lines().enumerate() {
        let (target, rest) = if let Some((_, rest)) = line.split_once("expect-next-line:") {
            (i + 2, rest)
        } else if let Some((_, rest)) = line.split_once("expect:") {
            (i + 1, rest)
        } else {
            continue;
        };
        for token in rest.split(|c: char| c == ',' || c.is_whitespace()) {
            if is_code(token) {
                out.insert((file.to_owned(), target as u32, token.to_owned()));
            }
        }
    }
    out
}

fn file_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A fixture's path below its `bad/` folder (`k8s/session-job.yaml`), `/`-separated.
fn fixture_path(path: &str) -> String {
    let path = path.replace('\\', "/");
    path.rsplit_once("/bad/")
        .map_or_else(|| file_name(&path), |(_, below)| below.to_owned())
}

/// Every file below `dir`, in any depth (fixtures may sit in `k8s/` or Helm folders).
fn files_below(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(next) = pending.pop() {
        for entry in std::fs::read_dir(&next).expect("fixture folder is readable") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out
}

#[test]
fn every_rule_has_fixtures_and_they_match_their_markers() {
    let testdata = common::root().join("testdata");
    let mut failures = Vec::new();
    for rule in registry::all_rules() {
        let code = rule.meta().code;
        let bad = testdata.join(code).join("bad");
        let good = testdata.join(code).join("good");
        if !bad.is_dir() || !good.is_dir() {
            failures.push(format!(
                "{code}: testdata/{code}/bad and /good must both exist"
            ));
            continue;
        }

        let mut expected = BTreeSet::new();
        for path in files_below(&bad) {
            let text = std::fs::read_to_string(&path).expect("fixture is UTF-8");
            expected.extend(markers(&fixture_path(&path.to_string_lossy()), &text));
        }
        let judged = |c: &str| code.starts_with("BDL") || c == code || c.starts_with("BDL");
        expected.retain(|(_, _, c)| judged(c));
        if !expected.iter().any(|(_, _, c)| c == code) {
            failures.push(format!("{code}: bad/ has no `expect: {code}` marker"));
        }
        let result = common::lint_rule(code, std::slice::from_ref(&bad));
        // A rule's findings carry fixes only when its metadata says they may.
        for d in result.active().filter(|d| d.fix.is_some()) {
            let declared = registry::all_rules()
                .iter()
                .find(|r| r.meta().code == d.code)
                .map(|r| r.meta().fix);
            if declared == Some(bdl_core::FixAvailability::None) {
                failures.push(format!(
                    "{}: a finding carries a fix, but the rule declares none: {}",
                    d.code, d.message
                ));
            }
        }
        let found: BTreeSet<Finding> = result
            .active()
            .map(|d| (fixture_path(&d.path), d.start.line, d.code.to_owned()))
            .collect();
        for missing in expected.difference(&found) {
            failures.push(format!(
                "{code}/bad: expected but not reported: {missing:?}"
            ));
        }
        for extra in found.difference(&expected) {
            failures.push(format!("{code}/bad: reported but not expected: {extra:?}"));
        }

        let result = common::lint_rule(code, std::slice::from_ref(&good));
        for d in result.active() {
            failures.push(format!(
                "{code}/good must stay silent: {}:{}: {} {}",
                file_name(&d.path),
                d.start.line,
                d.code,
                d.message
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn messages_and_help_follow_the_style() {
    let result = common::lint(&[common::root().join("testdata")]);
    assert!(!result.diagnostics.is_empty());
    for d in &result.diagnostics {
        let first = d.message.chars().next().unwrap_or(' ');
        assert!(
            first.is_lowercase() || first == '`' || first.is_ascii_digit(),
            "{}: message must start lowercase: {}",
            d.code,
            d.message
        );
        assert!(
            !d.message.ends_with('.'),
            "{}: trailing period: {}",
            d.code,
            d.message
        );
        let help = d.help.as_deref().unwrap_or_default();
        assert!(
            !help.is_empty(),
            "{}: every finding says what to do",
            d.code
        );
        assert!(
            !help.ends_with('.'),
            "{}: trailing period in help: {help}",
            d.code
        );
    }
}

#[test]
fn there_are_no_fixture_folders_without_a_rule() {
    let codes: BTreeSet<_> = registry::all_rules()
        .iter()
        .map(|r| r.meta().code.to_owned())
        .collect();
    for entry in std::fs::read_dir(common::root().join("testdata")).expect("testdata") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        if is_code(&name) {
            assert!(codes.contains(&name), "testdata/{name} belongs to no rule");
        }
    }
}
