//! Watermark strategies: what a `WatermarkStrategy.forX(..)…` expression builds, followed
//! through locals and fields. Every answer is "proven" or "not proven"; the rules stay silent
//! on the latter.

use bdl_syntax::JavaFile;
use bdl_syntax::java::fold::arguments;
use bdl_syntax::java::{chain, scope};
use tree_sitter::Node;

/// `org.apache.flink.api.common.eventtime.WatermarkStrategy`.
pub(crate) const WATERMARK_STRATEGY: &str =
    "org.apache.flink.api.common.eventtime.WatermarkStrategy";

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

/// The generator of the strategy `expr` evaluates to, if it is built from `WatermarkStrategy`'s factories
/// (`forBoundedOutOfOrderness`, `forMonotonousTimestamps`, `noWatermarks`, `forGenerator`),
/// possibly followed by `withTimestampAssigner`, `withIdleness` and `withWatermarkAlignment`,
/// and possibly held in an effectively-final local or a field that is never reassigned.
pub(crate) fn generator(file: &JavaFile<'_>, expr: Node<'_>) -> Option<Generator> {
    let mut node = expr;
    for _ in 0..MAX_STEPS {
        match node.kind() {
            "parenthesized_expression" => node = node.named_child(0)?,
            "method_invocation" => {
                let name = chain::method_name(file, node);
                let receiver = chain::receiver(node)?;
                let generator = match (name, arguments(node).as_slice()) {
                    ("forBoundedOutOfOrderness", [_]) => Some(Generator::Bounded),
                    ("forMonotonousTimestamps", []) => Some(Generator::Monotonous),
                    ("noWatermarks", []) => Some(Generator::NoWatermarks),
                    ("forGenerator", [_]) => Some(Generator::Custom),
                    ("withIdleness" | "withTimestampAssigner" | "withWatermarkAlignment", _) => {
                        None
                    }
                    _ => return None,
                };
                if let Some(generator) = generator {
                    return names_watermark_strategy(file, receiver).then_some(generator);
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

#[cfg(test)]
mod tests {
    use super::*;

    const IMPORTS: &str = "import java.time.Duration;\n\
        import org.apache.flink.api.common.eventtime.WatermarkStrategy;\n";

    fn first_call<'t>(file: &'t JavaFile<'_>, name: &str) -> Node<'t> {
        file.nodes_of_kind("method_invocation")
            .find(|c| chain::method_name(file, *c) == name)
            .expect("call")
    }

    /// The generator of `use(strategy)`'s argument.
    fn describe(members: &str, body: &str) -> Option<Generator> {
        let src = format!("{IMPORTS}class Job {{ {members} void m() {{ {body} }} }}");
        let file = JavaFile::parse(&src).expect("parses");
        generator(&file, arguments(first_call(&file, "use"))[0])
    }

    #[test]
    fn strategies_are_resolved_through_chains_locals_and_fields() {
        for (members, body, expected) in [
            (
                "",
                "use(WatermarkStrategy.<E>forBoundedOutOfOrderness(Duration.ofSeconds(5)).withTimestampAssigner(a));",
                Some(Generator::Bounded),
            ),
            (
                "",
                "var s = WatermarkStrategy.<E>forMonotonousTimestamps(); use(s.withIdleness(d));",
                Some(Generator::Monotonous),
            ),
            (
                "private static final WatermarkStrategy<E> S = WatermarkStrategy.<E>noWatermarks();",
                "use(S);",
                Some(Generator::NoWatermarks),
            ),
            (
                "private WatermarkStrategy<E> s = WatermarkStrategy.forGenerator(g);",
                "use(this.s);",
                Some(Generator::Custom),
            ),
            (
                "private WatermarkStrategy<E> s = WatermarkStrategy.forGenerator(g);",
                "s = other(); use(s);",
                None,
            ),
            ("", "var s = make(); use(s);", None),
            ("", "use(new MyStrategy());", None),
            (
                "",
                "WatermarkStrategy<E> s = WatermarkStrategy.forMonotonousTimestamps(); s = s.withIdleness(d); use(s);",
                None,
            ),
        ] {
            assert_eq!(describe(members, body), expected, "{body}");
        }
    }

    #[test]
    fn a_class_of_the_same_name_is_not_flinks() {
        let src = "import com.example.WatermarkStrategy;\nclass Job { void m() { use(WatermarkStrategy.forBoundedOutOfOrderness(d)); } }";
        let file = JavaFile::parse(src).expect("parses");
        assert!(generator(&file, arguments(first_call(&file, "use"))[0]).is_none());
        let src = format!(
            "{IMPORTS}class Job {{ void m() {{ use(WatermarkStrategy.forMonotonousTimestamps()); }} }} class WatermarkStrategy {{}}"
        );
        let file = JavaFile::parse(&src).expect("parses");
        assert!(generator(&file, arguments(first_call(&file, "use"))[0]).is_none());
    }
}
