use bdl_core::{Ctx, RuleMeta, Severity, declare_rule};
use bdl_syntax::java::fold::arguments;
use bdl_syntax::java::scope::{self, names_class, unparenthesize};
use bdl_syntax::{JavaFile, Rule};
use tree_sitter::Node;

declare_rule! {
    /// ## What it does
    /// Flags an Apache Bahir Flink Redis `RedisCommandDescription` created for a hash or
    /// sorted-set command (`RedisCommand.HSET`, `ZADD`, `ZINCRBY`, `ZREM`) without the
    /// additional key: `new RedisCommandDescription(RedisCommand.HSET)`, or with a literal
    /// `null` as the additional key. This is the object a `RedisMapper`'s
    /// `getCommandDescription()` returns.
    ///
    /// The command must be written as a constant of Bahir's `RedisCommand`
    /// (`org.apache.flink.streaming.connectors.redis.common.mapper`, qualified or statically
    /// imported, or an effectively-final local holding one). Forks of the connector in other
    /// packages, whose constructors differ, are not read.
    ///
    /// ## Why is this bad?
    /// For the hash and sorted-set commands the additional key is the name of the hash or
    /// sorted set the sink writes into: the mapper's key becomes the hash field or set member.
    /// Bahir's constructor checks this and throws `IllegalArgumentException("Hash and Sorted
    /// Set should have additional key")` (in later releases "Hash should have additional
    /// key") when it is `null`. The mapper is created when the job graph is built or when the
    /// sink opens, so the job fails at start-up, or keeps restarting, instead of writing.
    ///
    /// ## Example
    /// ```java file=ScoreMapper.java bad
    /// import org.apache.flink.api.java.tuple.Tuple2;
    /// import org.apache.flink.streaming.connectors.redis.common.mapper.RedisCommand;
    /// import org.apache.flink.streaming.connectors.redis.common.mapper.RedisCommandDescription;
    /// import org.apache.flink.streaming.connectors.redis.common.mapper.RedisMapper;
    ///
    /// class ScoreMapper implements RedisMapper<Tuple2<String, String>> {
    ///     public RedisCommandDescription getCommandDescription() {
    ///         return new RedisCommandDescription(RedisCommand.HSET);
    ///     }
    ///     public String getKeyFromData(Tuple2<String, String> data) { return data.f0; }
    ///     public String getValueFromData(Tuple2<String, String> data) { return data.f1; }
    /// }
    /// ```
    ///
    /// Use instead:
    ///
    /// ```java file=ScoreMapper.java good
    /// import org.apache.flink.api.java.tuple.Tuple2;
    /// import org.apache.flink.streaming.connectors.redis.common.mapper.RedisCommand;
    /// import org.apache.flink.streaming.connectors.redis.common.mapper.RedisCommandDescription;
    /// import org.apache.flink.streaming.connectors.redis.common.mapper.RedisMapper;
    ///
    /// class ScoreMapper implements RedisMapper<Tuple2<String, String>> {
    ///     public RedisCommandDescription getCommandDescription() {
    ///         return new RedisCommandDescription(RedisCommand.HSET, "scores");
    ///     }
    ///     public String getKeyFromData(Tuple2<String, String> data) { return data.f0; }
    ///     public String getValueFromData(Tuple2<String, String> data) { return data.f1; }
    /// }
    /// ```
    ///
    /// ## How to fix
    /// Pass the name of the hash or sorted set as the second argument:
    /// `new RedisCommandDescription(RedisCommand.HSET, "scores")`. To write into a hash whose
    /// name depends on the record, use a connector that supports it, or a sink of your own.
    ///
    /// ## Options
    /// None.
    ///
    /// ## References
    /// - Apache Bahir `RedisCommandDescription` (the check and its message):
    ///   <https://github.com/apache/bahir-flink/blob/master/flink-connector-redis/src/main/java/org/apache/flink/streaming/connectors/redis/common/mapper/RedisCommandDescription.java>
    /// - Apache Bahir `RedisCommand` (the data type of each command):
    ///   <https://github.com/apache/bahir-flink/blob/master/flink-connector-redis/src/main/java/org/apache/flink/streaming/connectors/redis/common/mapper/RedisCommand.java>
    /// - Apache Bahir Flink Redis connector documentation:
    ///   <https://bahir.apache.org/docs/flink/current/flink-streaming-redis/>
    pub RedisMapperMissingAdditionalKey {
        code: "RDS009",
        name: "redis-mapper-missing-additional-key",
        summary: "a Bahir `RedisCommandDescription` for a hash or sorted-set command without its additional key",
        severity: Error,
        kinds: [Java],
        triggers: ["RedisCommandDescription"],
        options: [],
    }
}

/// The Bahir mapper package.
const MAPPER_PACKAGE: &str = "org.apache.flink.streaming.connectors.redis.common.mapper";

/// Commands of the `HASH` and `SORTED_SET` data types, with what the additional key names.
const NEEDS_KEY: &[(&str, &str)] = &[
    ("HSET", "hash"),
    ("ZADD", "sorted set"),
    ("ZINCRBY", "sorted set"),
    ("ZREM", "sorted set"),
];

/// How many locals are followed to find the command constant.
const MAX_HOPS: usize = 8;

impl Rule for RedisMapperMissingAdditionalKey {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        if !file.imports_from(MAPPER_PACKAGE) {
            return;
        }
        let description = format!("{MAPPER_PACKAGE}.RedisCommandDescription");
        for creation in file.nodes_of_kind("object_creation_expression") {
            let Some(ty) = creation.child_by_field_name("type") else {
                continue;
            };
            if !names_class(file, file.text_of(ty), &description) {
                continue;
            }
            let args = arguments(creation);
            let missing = match args.len() {
                1 => true,
                2 | 3 => args
                    .get(1)
                    .and_then(|a| unparenthesize(*a))
                    .is_some_and(|a| a.kind() == "null_literal"),
                _ => false,
            };
            if !missing {
                continue;
            }
            let Some((command, names)) = args.first().and_then(|a| command_of(file, *a)) else {
                continue;
            };
            let how = if args.len() == 1 {
                "has no additional key"
            } else {
                "has a `null` additional key"
            };
            cx.report(
                Severity::Error,
                JavaFile::span_of(creation),
                format!(
                    "`RedisCommandDescription` for `{command}` {how}: Bahir's constructor throws \
                     `IllegalArgumentException` and the job fails when the sink is created"
                ),
            )
            .help(format!(
                "pass the {names} name: `new RedisCommandDescription(RedisCommand.{command}, \"<{names} name>\")`"
            ));
        }
    }
}

/// The Bahir `RedisCommand` constant `expr` names, when it is one that needs an additional key.
fn command_of(file: &JavaFile<'_>, expr: Node<'_>) -> Option<(&'static str, &'static str)> {
    let command = format!("{MAPPER_PACKAGE}.RedisCommand");
    let mut expr = unparenthesize(expr)?;
    for _ in 0..MAX_HOPS {
        match expr.kind() {
            "field_access" => {
                let object = expr.child_by_field_name("object")?;
                let field = file.text_of(expr.child_by_field_name("field")?);
                if !names_class(file, file.text_of(object), &command) {
                    return None;
                }
                return NEEDS_KEY.iter().copied().find(|(c, _)| *c == field);
            }
            "identifier" => {
                let name = file.text_of(expr);
                if let Some(declaration) = scope::resolve(file, expr, name) {
                    expr =
                        scope::constant_value(file, &declaration, name).and_then(unparenthesize)?;
                    continue;
                }
                // A static import of the constant, or of every constant of the enum.
                let by_name = format!("{command}.{name}");
                let imports = file.imports();
                let imported = imports
                    .iter()
                    .any(|i| *i == by_name || *i == format!("{command}.*"));
                return imported
                    .then(|| NEEDS_KEY.iter().copied().find(|(c, _)| *c == name))
                    .flatten();
            }
            _ => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use bdl_core::Diagnostic;
    use bdl_syntax::check_one;

    use super::*;

    const IMPORTS: &str = "import org.apache.flink.streaming.connectors.redis.common.mapper.RedisCommand;\n\
        import org.apache.flink.streaming.connectors.redis.common.mapper.RedisCommandDescription;\n";

    fn check(src: &str) -> Vec<Diagnostic> {
        check_one(&RedisMapperMissingAdditionalKey, "Mapper.java", src)
    }

    #[test]
    fn hash_and_sorted_set_commands_need_a_key() {
        let src = format!(
            "{IMPORTS}class Mapper {{\n\
              RedisCommandDescription a() {{ return new RedisCommandDescription(RedisCommand.HSET); }}\n\
              RedisCommandDescription b() {{ return new RedisCommandDescription(RedisCommand.ZADD, null); }}\n\
              RedisCommandDescription c() {{ RedisCommand cmd = RedisCommand.ZINCRBY; return new RedisCommandDescription(cmd); }}\n\
              RedisCommandDescription d() {{ return new RedisCommandDescription(RedisCommand.HSET, \"h\"); }}\n\
              RedisCommandDescription e() {{ return new RedisCommandDescription(RedisCommand.SET); }}\n\
              RedisCommandDescription f() {{ return new RedisCommandDescription(RedisCommand.HSET, null, 60); }}\n\
              RedisCommandDescription g(RedisCommand any) {{ return new RedisCommandDescription(any); }}\n\
            }}\n"
        );
        let d = check(&src);
        let lines: Vec<u32> = d.iter().map(|d| d.start.line).collect();
        assert_eq!(lines, [4, 5, 6, 9]);
        assert_eq!(
            d[0].message,
            "`RedisCommandDescription` for `HSET` has no additional key: Bahir's constructor \
             throws `IllegalArgumentException` and the job fails when the sink is created"
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some(
                "pass the hash name: `new RedisCommandDescription(RedisCommand.HSET, \"<hash name>\")`"
            )
        );
        assert!(d[1].message.contains("has a `null` additional key"));
    }

    #[test]
    fn static_imports() {
        let src = "import org.apache.flink.streaming.connectors.redis.common.mapper.RedisCommandDescription;\n\
            import static org.apache.flink.streaming.connectors.redis.common.mapper.RedisCommand.*;\n\
            class Mapper { Object a() { return new RedisCommandDescription(ZREM); } }\n";
        assert_eq!(check(src).len(), 1);
    }

    #[test]
    fn forks_in_other_packages_are_silent() {
        let src = "import org.apache.flink.streaming.connectors.redis.mapper.RedisCommand;\n\
            import org.apache.flink.streaming.connectors.redis.mapper.RedisCommandDescription;\n\
            class Mapper { Object a() { return new RedisCommandDescription(RedisCommand.HSET); } }\n";
        assert!(check(src).is_empty());
    }
}
