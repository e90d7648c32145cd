//! Watermark strategies and the sources they are used with: what a
//! `WatermarkStrategy.forX(..)…` expression builds (followed through locals, fields and
//! one-line getters of the same class), and whether a source expression is a Kafka
//! `KafkaSource`. Every answer is "proven" or "not proven"; the rules stay silent on the latter.

use bdl_syntax::JavaFile;
use bdl_syntax::java::fold::arguments;
use bdl_syntax::java::{chain, scope};
use tree_sitter::Node;

/// `org.apache.flink.api.common.eventtime.WatermarkStrategy`.
pub(crate) const WATERMARK_STRATEGY: &str =
    "org.apache.flink.api.common.eventtime.WatermarkStrategy";

/// The FLIP-27 Kafka source and its builder.
const KAFKA_SOURCE: &str = "org.apache.flink.connector.kafka.source.KafkaSource";
const KAFKA_SOURCE_BUILDER: &str = "org.apache.flink.connector.kafka.source.KafkaSourceBuilder";

/// How many names, calls and wrappers a resolution follows before giving up.
const MAX_STEPS: u32 = 32;

/// The watermark generator a strategy is built with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Generator {
    /// `forBoundedOutOfOrderness(bound)`.
    Bounded,
    /// `forMonotonousTimestamps()`.
    Monotonous,
    /// `noWatermarks()`.
    NoWatermarks,
    /// `forGenerator(..)`: the user's own generator.
    Custom,
}

/// A strategy built from one of `WatermarkStrategy`'s static factories.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Strategy<'t> {
    /// The factory call (`WatermarkStrategy.<E>forBoundedOutOfOrderness(d)`).
    pub(crate) factory: Node<'t>,
    pub(crate) generator: Generator,
    /// Whether `.withIdleness(..)` is applied to it.
    pub(crate) idleness: bool,
}

/// Whether `node` names Flink's `WatermarkStrategy` class (not a variable, not a class of the
/// same simple name declared in this file or imported from elsewhere).
pub(crate) fn names_watermark_strategy(file: &JavaFile<'_>, node: Node<'_>) -> bool {
    let text = file.text_of(node);
    match node.kind() {
        "identifier" => {
            text == "WatermarkStrategy"
                && scope::names_class(file, text, WATERMARK_STRATEGY)
                && scope::resolve(file, node, text).is_none()
                && scope::class_named(file, text).is_none()
        }
        "field_access" => text.split_whitespace().collect::<String>() == WATERMARK_STRATEGY,
        _ => false,
    }
}

/// The strategy `expr` evaluates to, if it is built from `WatermarkStrategy`'s factories
/// (`forBoundedOutOfOrderness`, `forMonotonousTimestamps`, `noWatermarks`, `forGenerator`),
/// possibly followed by `withTimestampAssigner`, `withIdleness` and `withWatermarkAlignment`,
/// and possibly held in an effectively-final local, in a field that is never reassigned, or
/// returned by a parameterless method of the same class whose body is one `return`.
pub(crate) fn strategy<'t>(file: &'t JavaFile<'_>, expr: Node<'t>) -> Option<Strategy<'t>> {
    let mut node = expr;
    let mut idleness = false;
    for _ in 0..MAX_STEPS {
        match node.kind() {
            "parenthesized_expression" => node = node.named_child(0)?,
            "method_invocation" => {
                let name = chain::method_name(file, node);
                let Some(receiver) = chain::receiver(node).filter(|r| r.kind() != "this") else {
                    node = returned_value(file, node)?;
                    continue;
                };
                let generator = match (name, arguments(node).as_slice()) {
                    ("forBoundedOutOfOrderness", [_]) => Some(Generator::Bounded),
                    ("forMonotonousTimestamps", []) => Some(Generator::Monotonous),
                    ("noWatermarks", []) => Some(Generator::NoWatermarks),
                    ("forGenerator", [_]) => Some(Generator::Custom),
                    ("withIdleness", [_]) => {
                        idleness = true;
                        None
                    }
                    ("withTimestampAssigner" | "withWatermarkAlignment", _) => None,
                    _ => return None,
                };
                if let Some(generator) = generator {
                    return names_watermark_strategy(file, receiver).then_some(Strategy {
                        factory: node,
                        generator,
                        idleness,
                    });
                }
                node = receiver;
            }
            "identifier" | "field_access" => node = constant_value(file, node)?,
            _ => return None,
        }
    }
    None
}

/// The value of a name that always holds its initialiser: an effectively-final local, or a
/// field (`x` or `this.x`) that is `final` or never assigned in its class.
fn constant_value<'t>(file: &'t JavaFile<'_>, node: Node<'t>) -> Option<Node<'t>> {
    let decl = scope::declaration_of(file, node)?;
    let value = decl.value?;
    let name = file.text_of(decl.node.child_by_field_name("name")?);
    let constant = if decl.is_field {
        decl.has_modifier(file, "final")
            || scope::enclosing_class(file, decl.node)
                .is_some_and(|class| scope::never_reassigned(file, class, name))
    } else {
        scope::enclosing_body(file, decl.node)
            .is_some_and(|body| scope::never_reassigned(file, body, name))
    };
    constant.then_some(value)
}

/// For a parameterless call `m()` / `this.m()`: the expression that the one method `m` of the
/// enclosing class returns, when its body is a single `return` statement.
fn returned_value<'t>(file: &'t JavaFile<'_>, call: Node<'t>) -> Option<Node<'t>> {
    if !arguments(call).is_empty() {
        return None;
    }
    let name = chain::method_name(file, call);
    let class = scope::enclosing_class(file, call)?;
    let body = class.child_by_field_name("body")?;
    let mut cursor = body.walk();
    let mut found = body.named_children(&mut cursor).filter(|m| {
        m.kind() == "method_declaration"
            && m.child_by_field_name("name")
                .is_some_and(|n| file.text_of(n) == name)
    });
    let method = found.next()?;
    if found.next().is_some() {
        return None;
    }
    let params = method.child_by_field_name("parameters")?;
    if params.named_child_count() != 0 {
        return None;
    }
    let block = method.child_by_field_name("body")?;
    let mut cursor = block.walk();
    let mut statements = block
        .named_children(&mut cursor)
        .filter(|s| !matches!(s.kind(), "line_comment" | "block_comment"));
    let statement = statements.next()?;
    if statements.next().is_some() || statement.kind() != "return_statement" {
        return None;
    }
    statement.named_child(0)
}

/// Whether `expr` is a Kafka `KafkaSource`: `KafkaSource.<T>builder()…build()`, a name
/// declared as a `KafkaSource`, or a name holding either.
pub(crate) fn is_kafka_source(file: &JavaFile<'_>, expr: Node<'_>) -> bool {
    kafka_at(file, expr, Kafka::Source, 0)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kafka {
    Source,
    Builder,
}

fn kafka_at(file: &JavaFile<'_>, node: Node<'_>, want: Kafka, depth: u32) -> bool {
    if depth > MAX_STEPS {
        return false;
    }
    match node.kind() {
        "parenthesized_expression" => node
            .named_child(0)
            .is_some_and(|inner| kafka_at(file, inner, want, depth + 1)),
        "identifier" | "field_access" => {
            let Some(decl) = scope::declaration_of(file, node) else {
                return false;
            };
            let fqn = match want {
                Kafka::Source => KAFKA_SOURCE,
                Kafka::Builder => KAFKA_SOURCE_BUILDER,
            };
            if decl
                .ty
                .is_some_and(|ty| scope::names_class(file, file.text_of(ty), fqn))
            {
                return true;
            }
            constant_value(file, node).is_some_and(|value| kafka_at(file, value, want, depth + 1))
        }
        "method_invocation" => {
            let name = chain::method_name(file, node);
            let Some(receiver) = chain::receiver(node) else {
                return false;
            };
            match (want, name) {
                // `KafkaSource.<T>builder()`.
                (Kafka::Builder, "builder") => {
                    receiver.kind() == "identifier"
                        && file.text_of(receiver) == "KafkaSource"
                        && scope::names_class(file, "KafkaSource", KAFKA_SOURCE)
                        && scope::resolve(file, receiver, "KafkaSource").is_none()
                }
                (Kafka::Source, "build") => kafka_at(file, receiver, Kafka::Builder, depth + 1),
                // Builder setters return the builder.
                (Kafka::Builder, setter) if setter.starts_with("set") => {
                    kafka_at(file, receiver, Kafka::Builder, depth + 1)
                }
                _ => false,
            }
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const IMPORTS: &str = "import java.time.Duration;\n\
        import org.apache.flink.api.common.eventtime.WatermarkStrategy;\n\
        import org.apache.flink.connector.kafka.source.KafkaSource;\n\
        import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;\n";

    fn first_call<'t>(file: &'t JavaFile<'_>, name: &str) -> Node<'t> {
        file.nodes_of_kind("method_invocation")
            .find(|c| chain::method_name(file, *c) == name)
            .expect("call")
    }

    /// The generator and idleness of `use(strategy)`'s argument.
    fn describe(members: &str, body: &str) -> Option<String> {
        let src = format!("{IMPORTS}class Job {{ {members} void m() {{ {body} }} }}");
        let file = JavaFile::parse(&src).expect("parses");
        let used = first_call(&file, "use");
        let s = strategy(&file, arguments(used)[0])?;
        let generator = match s.generator {
            Generator::Bounded => "bounded".to_owned(),
            Generator::Monotonous => "monotonous".to_owned(),
            Generator::NoWatermarks => "none".to_owned(),
            Generator::Custom => "custom".to_owned(),
        };
        Some(format!(
            "{generator}{}",
            if s.idleness { " idle" } else { "" }
        ))
    }

    #[test]
    fn strategies_are_resolved_through_chains_locals_fields_and_getters() {
        for (members, body, expected) in [
            (
                "",
                "use(WatermarkStrategy.<E>forBoundedOutOfOrderness(Duration.ofSeconds(5)).withTimestampAssigner(a));",
                Some("bounded"),
            ),
            (
                "",
                "var s = WatermarkStrategy.<E>forMonotonousTimestamps(); use(s.withIdleness(d));",
                Some("monotonous idle"),
            ),
            (
                "private static final WatermarkStrategy<E> S = WatermarkStrategy.<E>noWatermarks();",
                "use(S);",
                Some("none"),
            ),
            (
                "private WatermarkStrategy<E> s = WatermarkStrategy.forGenerator(g);",
                "use(this.s);",
                Some("custom"),
            ),
            (
                "static WatermarkStrategy<E> strategy() { return WatermarkStrategy.<E>forMonotonousTimestamps().withIdleness(d); }",
                "use(strategy());",
                Some("monotonous idle"),
            ),
            (
                "private WatermarkStrategy<E> s = WatermarkStrategy.forGenerator(g);",
                "s = other(); use(s);",
                None,
            ),
            ("", "var s = make(); use(s);", None),
            ("", "use(new MyStrategy());", None),
            (
                "static WatermarkStrategy<E> strategy(boolean b) { return WatermarkStrategy.forMonotonousTimestamps(); }",
                "use(strategy(true));",
                None,
            ),
            (
                "static WatermarkStrategy<E> strategy() { log(); return WatermarkStrategy.forMonotonousTimestamps(); }",
                "use(strategy());",
                None,
            ),
            (
                "",
                "WatermarkStrategy<E> s = WatermarkStrategy.forMonotonousTimestamps(); s = s.withIdleness(d); use(s);",
                None,
            ),
        ] {
            assert_eq!(describe(members, body).as_deref(), expected, "{body}");
        }
    }

    #[test]
    fn a_class_of_the_same_name_is_not_flinks() {
        let src = "import com.example.WatermarkStrategy;\nclass Job { void m() { use(WatermarkStrategy.forBoundedOutOfOrderness(d)); } }";
        let file = JavaFile::parse(src).expect("parses");
        assert!(strategy(&file, arguments(first_call(&file, "use"))[0]).is_none());
        let src = format!(
            "{IMPORTS}class Job {{ void m() {{ use(WatermarkStrategy.forMonotonousTimestamps()); }} }} class WatermarkStrategy {{}}"
        );
        let file = JavaFile::parse(&src).expect("parses");
        assert!(strategy(&file, arguments(first_call(&file, "use"))[0]).is_none());
    }

    #[test]
    fn kafka_sources_are_recognised() {
        for (members, body, expected) in [
            (
                "",
                "use(KafkaSource.<String>builder().setTopics(\"t\").build());",
                true,
            ),
            ("", "KafkaSource<String> src = make(); use(src);", true),
            (
                "",
                "var src = KafkaSource.<String>builder().setBootstrapServers(b).build(); use(src);",
                true,
            ),
            (
                "",
                "KafkaSourceBuilder<String> b = KafkaSource.builder(); b.setTopics(\"t\"); use(b.build());",
                true,
            ),
            (
                "private final KafkaSource<String> source;",
                "use(source);",
                true,
            ),
            (
                "",
                "use(FileSource.forRecordStreamFormat(f, p).build());",
                false,
            ),
            ("", "Source<String, ?, ?> src = make(); use(src);", false),
            ("", "use(source());", false),
        ] {
            let src = format!("{IMPORTS}class Job {{ {members} void m() {{ {body} }} }}");
            let file = JavaFile::parse(&src).expect("parses");
            let arg = arguments(first_call(&file, "use"))[0];
            assert_eq!(is_kafka_source(&file, arg), expected, "{body}");
        }
        // A class of that name from another package is not Flink's.
        let src = "import com.example.KafkaSource;\nclass Job { void m() { KafkaSource s = make(); use(s); use(KafkaSource.builder().build()); } }";
        let file = JavaFile::parse(src).expect("parses");
        for call in file
            .nodes_of_kind("method_invocation")
            .filter(|c| chain::method_name(&file, *c) == "use")
        {
            assert!(!is_kafka_source(&file, arguments(call)[0]));
        }
    }
}
