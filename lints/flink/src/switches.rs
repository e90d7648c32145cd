//! Boolean Flink options, such as `pipeline.operator-chaining.enabled` or
//! `rest.flamegraph.enabled`, as configuration files and Java code set them. A rule names the
//! keys and option constants of its switch and the value it looks for; only values that are
//! provably that boolean are returned.

use bdl_core::FileKind;
use bdl_syntax::java::chain;
use bdl_syntax::java::config::{self, OptionConstant};
use bdl_syntax::java::fold::{self, arguments};
use bdl_syntax::java::scope;
use bdl_syntax::{ConfigFile, Entry, JavaFile};
use tree_sitter::Node;

/// How many names or parentheses [`fold_bool`] follows before giving up.
const MAX_DEPTH: u32 = 8;

/// A boolean option: its keys (current and deprecated) and the option constants that stand
/// for them.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Switch {
    pub(crate) keys: &'static [&'static str],
    pub(crate) constants: &'static [OptionConstant],
}

/// Parses a Flink boolean as Flink does: `true` or `false` in any case, nothing else.
pub(crate) fn parse_bool(text: &str) -> Option<bool> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("true") {
        Some(true)
    } else if text.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// The entries of a configuration file that set `switch` to `value`. In YAML files only the
/// effective (last) definition of each key counts; a SQL script applies each `SET` to the
/// statements after it, so every one counts there.
pub(crate) fn config_entries<'f>(
    file: &'f ConfigFile<'_>,
    switch: Switch,
    value: bool,
) -> Vec<&'f Entry> {
    let mut out: Vec<&Entry> = Vec::new();
    for key in switch.keys {
        if file.kind == FileKind::FlinkSql {
            out.extend(file.all(key));
        } else {
            out.extend(file.get(key));
        }
    }
    out.retain(|e| parse_bool(&e.value) == Some(value));
    out.sort_by_key(|e| e.value_span.start);
    out
}

/// A Java configuration write of a switch: the setter call, the key it writes and the value
/// expression.
#[derive(Clone, Copy, Debug)]
pub(crate) struct JavaWrite<'t> {
    pub(crate) call: Node<'t>,
    pub(crate) key: &'static str,
    pub(crate) value: Node<'t>,
}

/// Every Java write that sets `switch` to `value`: `conf.setBoolean(key, false)`,
/// `conf.setString(key, "false")`, `conf.set(PipelineOptions.OPERATOR_CHAINING, false)`, and
/// `conf.set(ConfigOptions.key(key).booleanType()…, false)`.
pub(crate) fn java_writes<'t>(
    file: &'t JavaFile<'_>,
    switch: Switch,
    value: bool,
) -> Vec<JavaWrite<'t>> {
    let mut out: Vec<JavaWrite<'t>> = config::writes(file, switch.keys, switch.constants)
        .into_iter()
        .map(|w| JavaWrite {
            call: w.call,
            key: w.key,
            value: w.value,
        })
        .collect();
    for call in file.nodes_of_kind("method_invocation") {
        if !matches!(
            chain::method_name(file, call),
            "set" | "setBoolean" | "setString"
        ) {
            continue;
        }
        if let [key_node, value_node] = arguments(call)[..]
            && let Some(key) = declared_option_key(file, key_node, switch.keys)
        {
            out.push(JavaWrite {
                call,
                key,
                value: value_node,
            });
        }
    }
    out.retain(|w| fold_bool(file, w.value) == Some(value));
    out.sort_by_key(|w| w.call.start_byte());
    out
}

/// The key of an option declared in place, `ConfigOptions.key("k").booleanType()…`, when it is
/// one of `keys`.
fn declared_option_key(
    file: &JavaFile<'_>,
    node: Node<'_>,
    keys: &'static [&'static str],
) -> Option<&'static str> {
    if node.kind() != "method_invocation" {
        return None;
    }
    let calls = chain::calls(file, node);
    let first = *calls.first()?;
    if chain::method_name(file, first) != "key" {
        return None;
    }
    let on_options = match chain::receiver(first) {
        Some(r) => {
            let text = file.text_of(r);
            text == "ConfigOptions" || text.ends_with(".ConfigOptions")
        }
        None => file.imports().iter().any(|i| {
            i == "org.apache.flink.configuration.ConfigOptions.key"
                || i == "org.apache.flink.configuration.ConfigOptions.*"
        }),
    };
    if !on_options {
        return None;
    }
    let [key] = arguments(first)[..] else {
        return None;
    };
    let text = fold::string(file, key)?;
    keys.iter().copied().find(|k| *k == text.value)
}

/// Folds a boolean expression: `true`/`false`, `Boolean.TRUE`/`Boolean.FALSE`, a string
/// `"true"`/`"false"` (Flink parses string values), `Boolean.valueOf(..)` /
/// `Boolean.parseBoolean(..)` of those, and constants holding them.
pub(crate) fn fold_bool(file: &JavaFile<'_>, node: Node<'_>) -> Option<bool> {
    fold_bool_at(file, node, 0)
}

fn fold_bool_at(file: &JavaFile<'_>, node: Node<'_>, depth: u32) -> Option<bool> {
    if depth > MAX_DEPTH {
        return None;
    }
    match node.kind() {
        "true" => Some(true),
        "false" => Some(false),
        "parenthesized_expression" => fold_bool_at(file, node.named_child(0)?, depth + 1),
        "string_literal" => parse_bool(&fold::string_literal(file, node)?),
        "field_access" => match file.text_of(node) {
            "Boolean.TRUE" | "java.lang.Boolean.TRUE" => Some(true),
            "Boolean.FALSE" | "java.lang.Boolean.FALSE" => Some(false),
            _ => parse_bool(&fold::string(file, node)?.value),
        },
        "method_invocation" => {
            let receiver = chain::receiver(node)?;
            if !matches!(chain::method_name(file, node), "valueOf" | "parseBoolean")
                || !matches!(file.text_of(receiver), "Boolean" | "java.lang.Boolean")
            {
                return None;
            }
            let [arg] = arguments(node)[..] else {
                return None;
            };
            fold_bool_at(file, arg, depth + 1)
        }
        "identifier" => {
            let name = file.text_of(node);
            let decl = scope::resolve(file, node, name)?;
            let value = scope::constant_value(file, &decl, name)?;
            fold_bool_at(file, value, depth + 1)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHAINING: Switch = Switch {
        keys: &[
            "pipeline.operator-chaining.enabled",
            "pipeline.operator-chaining",
        ],
        constants: &[(
            "PipelineOptions.OPERATOR_CHAINING",
            "pipeline.operator-chaining.enabled",
        )],
    };

    #[test]
    fn booleans_parse_as_flink_does() {
        assert_eq!(parse_bool(" FALSE "), Some(false));
        assert_eq!(parse_bool("True"), Some(true));
        assert_eq!(parse_bool("no"), None);
        assert_eq!(parse_bool("0"), None);
    }

    #[test]
    fn java_writes_of_a_switch() {
        let src = r#"
import org.apache.flink.configuration.*;
class Job {
  static final boolean CHAINING = false;
  void m(Configuration conf) {
    conf.setBoolean("pipeline.operator-chaining.enabled", false);
    conf.setString("pipeline.operator-chaining", "FALSE");
    conf.set(PipelineOptions.OPERATOR_CHAINING, Boolean.FALSE);
    conf.set(ConfigOptions.key("pipeline.operator-chaining").booleanType().noDefaultValue(), CHAINING);
    conf.setBoolean("pipeline.operator-chaining.enabled", true);
    conf.setBoolean("pipeline.operator-chaining.enabled", flag());
    conf.setBoolean("pipeline.object-reuse", false);
    conf.set(ConfigOptions.key("other").booleanType().noDefaultValue(), false);
  }
}"#;
        let file = JavaFile::parse(src).expect("parses");
        let found: Vec<_> = java_writes(&file, CHAINING, false)
            .iter()
            .map(|w| (w.key, file.text_of(w.value)))
            .collect();
        assert_eq!(
            found,
            [
                ("pipeline.operator-chaining.enabled", "false"),
                ("pipeline.operator-chaining", "\"FALSE\""),
                ("pipeline.operator-chaining.enabled", "Boolean.FALSE"),
                ("pipeline.operator-chaining", "CHAINING"),
            ]
        );
        assert_eq!(java_writes(&file, CHAINING, true).len(), 1);
    }

    #[test]
    fn config_entries_of_a_switch() {
        let text = "pipeline.operator-chaining.enabled: false\npipeline.operator-chaining: true\n";
        let file = ConfigFile::parse(FileKind::FlinkConf, text);
        let found = config_entries(&file, CHAINING, false);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].value_span.slice(text), "false");

        // Only the effective definition counts in YAML, every SET in SQL.
        let text =
            "pipeline.operator-chaining.enabled: false\npipeline.operator-chaining.enabled: true\n";
        let file = ConfigFile::parse(FileKind::FlinkConf, text);
        assert!(config_entries(&file, CHAINING, false).is_empty());
        let text = "SET 'pipeline.operator-chaining.enabled' = 'false';\nSET 'pipeline.operator-chaining.enabled' = 'true';\n";
        let file = ConfigFile::parse(FileKind::FlinkSql, text);
        assert_eq!(config_entries(&file, CHAINING, false).len(), 1);
    }
}
