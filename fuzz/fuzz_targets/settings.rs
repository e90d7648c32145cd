//! The settings file (`.bigdata-lint.yaml`): its YAML reader and the validation against the
//! rule registry.
//!
//! Invariants: an error points into the text on character boundaries and says something; valid
//! settings are usable as they are: every selector parses, every glob compiles, every severity
//! names a rule, and every rule option is accepted by the rule it is for.

#![no_main]

use std::path::Path;

use bdl_core::{RuleMeta, RuleOptions, Selector};
use bdl_fuzz::{check_span, decode};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = decode(data);
    let path = Path::new(".bigdata-lint.yaml");
    let settings = match bigdata_lint::settings::parse(path, &text) {
        Ok(settings) => settings,
        Err(error) => {
            assert_eq!(error.text, *text, "the error does not carry the text");
            assert!(!error.message.is_empty(), "an error without a message");
            check_span(&text, error.span, &error.message);
            return;
        }
    };
    assert_eq!(settings.path.as_deref(), Some(path));
    let rules = bigdata_lint::registry::all_rules();
    let metas: Vec<&'static RuleMeta> = rules.iter().map(|r| r.meta()).collect();
    let selectors = settings
        .select
        .iter()
        .flatten()
        .chain(&settings.extend_select)
        .chain(&settings.ignore)
        .chain(settings.per_file_ignores.iter().flat_map(|(_, s)| s));
    for selector in selectors {
        assert!(
            Selector::parse(selector, &metas).is_ok(),
            "accepted selector `{selector}` does not parse"
        );
    }
    for (glob, _) in &settings.per_file_ignores {
        assert!(
            globset::Glob::new(glob).is_ok(),
            "accepted glob `{glob}` does not compile"
        );
    }
    for (code, _) in &settings.severity {
        assert!(metas.iter().any(|m| m.code == *code), "severity for `{code}`");
    }
    for (code, name, value) in &settings.rules {
        let meta = metas
            .iter()
            .find(|m| m.code == *code)
            .expect("options are for a known rule");
        let mut options = RuleOptions::defaults(meta.options);
        assert!(
            options.set(meta.options, name, value).is_ok(),
            "{code}: accepted option `{name}: {value}` is refused"
        );
    }
});
