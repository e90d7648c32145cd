//! Configuration written from Java: `conf.set("dfs.replication", "1")`,
//! `conf.setString("execution.checkpointing.interval", "1s")`,
//! `conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(1))`,
//! `tEnv.getConfig().set("k", "v")`. One finding can then be written once for every dialect.

use tree_sitter::Node;

use super::JavaFile;
use super::chain::method_name;
use super::fold::{self, arguments};

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
    for call in file.nodes_of_kind("method_invocation") {
        if !SETTERS.contains(&method_name(file, call)) {
            continue;
        }
        let args = arguments(call);
        let [key_node, value, ..] = args.as_slice() else {
            continue;
        };
        if args.len() > 3 {
            continue;
        }
        let key = match key_node.kind() {
            "string_literal" | "identifier" | "field_access" | "binary_expression" => {
                let from_string = fold::string(file, *key_node)
                    .and_then(|s| keys.iter().find(|k| **k == s.value).copied());
                from_string.or_else(|| option_key(file, *key_node, options))
            }
            _ => None,
        };
        if let Some(key) = key {
            out.push(ConfigWrite {
                call,
                key,
                key_node: *key_node,
                value: *value,
            });
        }
    }
    out
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
