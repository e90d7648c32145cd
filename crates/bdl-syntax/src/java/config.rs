//! Configuration written from Java: `conf.set("dfs.replication", "1")`,
//! `conf.setString("execution.checkpointing.interval", "1s")`,
//! `conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(1))`,
//! `tEnv.getConfig().set("k", "v")`. One finding can then be written once for every dialect.

use tree_sitter::Node;

use super::JavaFile;
use super::chain::method_name;
use super::fold::{self, Certainty, Folded, arguments};

/// Setter names of Flink's `Configuration` / `TableConfig` and Hadoop's `Configuration`.
const SETTERS: &[&str] = &[
    "set",
    "setString",
    "setInteger",
    "setInt",
    "setLong",
    "setBoolean",
    "setFloat",
    "setDouble",
    "setTimeDuration",
];

/// A typed configuration option constant and the key it stands for, e.g.
/// `("CheckpointingOptions.CHECKPOINTING_INTERVAL", "execution.checkpointing.interval")`.
pub type OptionConstant = (&'static str, &'static str);

/// One `setter(key, value)` call whose key is known.
#[derive(Clone, Copy, Debug)]
pub struct ConfigWrite<'t, 'k> {
    pub call: Node<'t>,
    /// The configuration key, resolved from a string (or string constant) or an option constant.
    pub key: &'k str,
    pub key_node: Node<'t>,
    pub value: Node<'t>,
}

/// Every configuration write in `file` whose key is one of `keys`, or whose key argument is one
/// of the option constants in `options`.
pub fn writes<'t, 'k>(
    file: &'t JavaFile<'_>,
    keys: &[&'k str],
    options: &[(&'k str, &'k str)],
) -> Vec<ConfigWrite<'t, 'k>> {
    let mut out = Vec::new();
    for (call, key_node, value, _) in setter_calls(file) {
        let key = if may_be_key(key_node) {
            let from_string = fold::string(file, key_node)
                .and_then(|s| keys.iter().find(|k| **k == s.value).copied());
            from_string.or_else(|| option_key(file, key_node, options))
        } else {
            None
        };
        if let Some(key) = key {
            out.push(ConfigWrite {
                call,
                key,
                key_node,
                value,
            });
        }
    }
    out
}

/// One `setter(key, value)` call whose key argument is a string the file proves: a literal,
/// a constant, or a concatenation of them. The key can be anything, known or not.
#[derive(Clone, Debug)]
pub struct KeyedWrite<'t> {
    pub call: Node<'t>,
    /// The setter: `set`, `setString`, `setInteger`, …
    pub setter: &'t str,
    pub key: Folded<String>,
    pub key_node: Node<'t>,
    pub value: Node<'t>,
}

/// Every two-argument configuration write whose key folds to a string with certainty, in file
/// order: `conf.setString("state.backend", "rocksdb")`, `conf.set(KEY, "x")`. The receiver is
/// not checked: that is the caller's business.
pub fn keyed_writes<'t>(file: &'t JavaFile<'_>) -> Vec<KeyedWrite<'t>> {
    setter_calls(file)
        .filter(|(_, key_node, _, count)| *count == 2 && may_be_key(*key_node))
        .filter_map(|(call, key_node, value, _)| {
            let key = fold::string(file, key_node)?;
            (key.certainty == Certainty::Certain).then(|| KeyedWrite {
                call,
                setter: method_name(file, call),
                key,
                key_node,
                value,
            })
        })
        .collect()
}

/// Calls of a setter with two or three arguments: (call, first argument, second argument,
/// argument count).
fn setter_calls<'t>(
    file: &'t JavaFile<'_>,
) -> impl Iterator<Item = (Node<'t>, Node<'t>, Node<'t>, usize)> + 't {
    file.nodes_of_kind("method_invocation")
        .filter_map(move |call| {
            if !SETTERS.contains(&method_name(file, call)) {
                return None;
            }
            let args = arguments(call);
            match args.as_slice() {
                [key, value] | [key, value, _] => Some((call, *key, *value, args.len())),
                _ => None,
            }
        })
}

/// Whether a key argument's syntax can stand for a string or an option constant.
fn may_be_key(node: Node<'_>) -> bool {
    matches!(
        node.kind(),
        "string_literal" | "identifier" | "field_access" | "binary_expression"
    )
}

/// The key of an option constant: `CheckpointingOptions.CHECKPOINTING_INTERVAL`, or the bare
/// `CHECKPOINTING_INTERVAL` when statically imported.
fn option_key<'k>(
    file: &JavaFile<'_>,
    node: Node<'_>,
    options: &[(&'k str, &'k str)],
) -> Option<&'k str> {
    let text: String = file
        .text_of(node)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    options.iter().find_map(|(constant, key)| {
        let (class, field) = constant.rsplit_once('.')?;
        let qualified = text == *constant || text.ends_with(&format!(".{constant}"));
        let static_import = text == field
            && file.imports().iter().any(|i| {
                i.ends_with(&format!("{class}.{field}")) || i.ends_with(&format!("{class}.*"))
            });
        (qualified || static_import).then_some(*key)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyed_writes_take_any_proven_string_key() {
        let src = r#"
class Job {
  static final String PREFIX = "state.";
  void m(Configuration conf, String dynamic) {
    conf.setString("state.backend", "rocksdb");
    conf.setInteger(PREFIX + "checkpoints.num-retained", 3);
    conf.set("table.exec.state.ttl", "1 h");
    conf.setString(dynamic, "x");
    conf.setTimeDuration("dfs.client.timeout", 5, TimeUnit.SECONDS);
    conf.setString("a.b");
    conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(1));
    map.put("state.backend", "x");
  }
}"#;
        let file = JavaFile::parse(src).expect("parses");
        let found: Vec<_> = keyed_writes(&file)
            .iter()
            .map(|w| (w.setter, w.key.value.clone(), file.text_of(w.value)))
            .collect();
        assert_eq!(
            found,
            [
                ("setString", "state.backend".to_owned(), "\"rocksdb\""),
                (
                    "setInteger",
                    "state.checkpoints.num-retained".to_owned(),
                    "3"
                ),
                ("set", "table.exec.state.ttl".to_owned(), "\"1 h\""),
            ]
        );
    }

    const OPTIONS: &[OptionConstant] = &[(
        "CheckpointingOptions.CHECKPOINTING_INTERVAL",
        "execution.checkpointing.interval",
    )];

    #[test]
    fn finds_string_and_option_keys() {
        let src = r#"
import static org.apache.flink.configuration.CheckpointingOptions.CHECKPOINTING_INTERVAL;
class Job {
  static final String KEY = "dfs.replication";
  void m(Configuration conf) {
    conf.set("dfs.replication", "1");
    conf.setInt(KEY, 2);
    conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(1));
    conf.set(CHECKPOINTING_INTERVAL, Duration.ofSeconds(2));
    conf.set("unrelated", "x");
    map.put("dfs.replication", "1");
  }
}"#;
        let file = JavaFile::parse(src).expect("parses");
        let found: Vec<_> = writes(&file, &["dfs.replication"], OPTIONS)
            .iter()
            .map(|w| (w.key, file.text_of(w.value)))
            .collect();
        assert_eq!(
            found,
            [
                ("dfs.replication", "\"1\""),
                ("dfs.replication", "2"),
                ("execution.checkpointing.interval", "Duration.ofSeconds(1)"),
                ("execution.checkpointing.interval", "Duration.ofSeconds(2)"),
            ]
        );
    }
}
