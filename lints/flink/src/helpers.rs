//! Flink-specific Java evidence shared by the FLK rules: which expressions are execution
//! environments or checkpoint configs, which window assigners use event time, and which
//! watermark strategy a stream carries. Every answer is "proven" or "not proven"; the rules
//! stay silent on the latter.

use std::time::Duration;

use bdl_syntax::JavaFile;
use bdl_syntax::java::fold::{self, Folded, arguments};
use bdl_syntax::java::{chain, scope};
use tree_sitter::Node;

/// How many names or wrappers the receiver checks follow before giving up.
const MAX_DEPTH: u32 = 8;

/// The package of `StreamExecutionEnvironment` and `CheckpointConfig`.
const ENVIRONMENT_PACKAGE: &str = "org.apache.flink.streaming.api.environment";

/// DataStream execution environments that have `enableCheckpointing`.
const ENVIRONMENT_TYPES: &[&str] = &[
    "StreamExecutionEnvironment",
    "LocalStreamEnvironment",
    "RemoteStreamEnvironment",
];

/// Static factories of `StreamExecutionEnvironment` that return an environment.
const ENVIRONMENT_FACTORIES: &[&str] = &[
    "getExecutionEnvironment",
    "createLocalEnvironment",
    "createLocalEnvironmentWithWebUI",
    "createRemoteEnvironment",
];

/// Environment methods that return the environment itself, so a chain stays on it.
pub(crate) const ENVIRONMENT_FLUENT: &[&str] = &[
    "setParallelism",
    "setMaxParallelism",
    "setBufferTimeout",
    "disableOperatorChaining",
    "enableCheckpointing",
    "setRuntimeMode",
    "setStateBackend",
    "enableChangelogStateBackend",
    "setDefaultSavepointDirectory",
    "registerSlotSharingGroup",
];

/// The package of Flink's window assigners.
const ASSIGNER_PACKAGE: &str = "org.apache.flink.streaming.api.windowing.assigners";

/// Window assigners that assign by event time (timestamp and watermark).
pub(crate) const EVENT_TIME_ASSIGNERS: &[&str] = &[
    "TumblingEventTimeWindows",
    "SlidingEventTimeWindows",
    "EventTimeSessionWindows",
    "DynamicEventTimeSessionWindows",
];

/// `org.apache.flink.api.common.eventtime.WatermarkStrategy`.
const WATERMARK_STRATEGY: &str = "org.apache.flink.api.common.eventtime.WatermarkStrategy";

/// Calls after which a stream's watermarks no longer come from one strategy alone.
const STREAM_MERGES: &[&str] = &["union", "connect", "join", "coGroup", "intervalJoin"];

/// Whether the file mentions Flink at all (imports or qualified names).
pub(crate) fn uses_flink(file: &JavaFile<'_>) -> bool {
    file.imports_from("org.apache.flink")
}

/// Whether `node` is a Flink DataStream execution environment: a name declared with an
/// environment type (or `var`-initialised with one), a `StreamExecutionEnvironment` factory
/// call, `new LocalStreamEnvironment(..)`, or a fluent environment call on one of these.
pub(crate) fn is_stream_environment(file: &JavaFile<'_>, node: Node<'_>) -> bool {
    environment_at(file, node, 0)
}

fn environment_at(file: &JavaFile<'_>, node: Node<'_>, depth: u32) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    match node.kind() {
        "parenthesized_expression" => node
            .named_child(0)
            .is_some_and(|inner| environment_at(file, inner, depth + 1)),
        "identifier" => match declaration(file, node) {
            Some((Some(ty), _)) => {
                ENVIRONMENT_TYPES.contains(&ty) && is_environment_class(file, ty)
            }
            Some((None, value)) => value.is_some_and(|v| environment_at(file, v, depth + 1)),
            None => false,
        },
        "method_invocation" => {
            let name = chain::method_name(file, node);
            let Some(object) = chain::receiver(node) else {
                return false;
            };
            if ENVIRONMENT_FACTORIES.contains(&name) {
                names_class(file, object, ENVIRONMENT_TYPES)
                    .is_some_and(|class| is_environment_class(file, class))
            } else {
                ENVIRONMENT_FLUENT.contains(&name) && environment_at(file, object, depth + 1)
            }
        }
        "object_creation_expression" => node.child_by_field_name("type").is_some_and(|ty| {
            let ty = scope::simple_type_name(file.text_of(ty));
            ENVIRONMENT_TYPES.contains(&ty) && is_environment_class(file, ty)
        }),
        _ => false,
    }
}

/// Whether `node` is a Flink `CheckpointConfig`: a name declared with that type (or
/// `var`-initialised with one), or `<environment>.getCheckpointConfig()`.
pub(crate) fn is_checkpoint_config(file: &JavaFile<'_>, node: Node<'_>) -> bool {
    checkpoint_config_at(file, node, 0)
}

fn checkpoint_config_at(file: &JavaFile<'_>, node: Node<'_>, depth: u32) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    match node.kind() {
        "parenthesized_expression" => node
            .named_child(0)
            .is_some_and(|inner| checkpoint_config_at(file, inner, depth + 1)),
        "identifier" => match declaration(file, node) {
            Some((Some(ty), _)) => ty == "CheckpointConfig" && is_environment_class(file, ty),
            Some((None, value)) => value.is_some_and(|v| checkpoint_config_at(file, v, depth + 1)),
            None => false,
        },
        "method_invocation" => {
            chain::method_name(file, node) == "getCheckpointConfig"
                && arguments(node).is_empty()
                && chain::receiver(node).is_some_and(|env| environment_at(file, env, depth + 1))
        }
        _ => false,
    }
}

/// The declared type of the name `node` resolves to (`None` for `var` or no written type) and
/// its initialiser; `None` when the name does not resolve.
fn declaration<'a, 't>(
    file: &'t JavaFile<'a>,
    node: Node<'t>,
) -> Option<(Option<&'a str>, Option<Node<'t>>)> {
    let decl = scope::resolve(file, node, file.text_of(node))?;
    let ty = decl.simple_type(file).filter(|ty| *ty != "var");
    Some((ty, decl.value))
}

/// Whether the simple class name `class` of the environment package is in use in this file.
pub(crate) fn is_environment_class(file: &JavaFile<'_>, class: &str) -> bool {
    file.refers_to(&format!("{ENVIRONMENT_PACKAGE}.{class}"))
}

/// If `node` names one of `classes` (simple or qualified name, not a variable), that class.
pub(crate) fn names_class(
    file: &JavaFile<'_>,
    node: Node<'_>,
    classes: &[&'static str],
) -> Option<&'static str> {
    let text = file.text_of(node);
    let simple = text.rsplit('.').next().unwrap_or(text).trim();
    let class = classes.iter().copied().find(|c| *c == simple)?;
    match node.kind() {
        "identifier" => scope::resolve(file, node, text).is_none().then_some(class),
        "field_access" => Some(class),
        _ => None,
    }
}

/// Table environments that run SQL (`executeSql`).
const TABLE_ENVIRONMENT_TYPES: &[&str] = &["TableEnvironment", "StreamTableEnvironment"];

/// Whether `node` is a Flink table environment: a name declared with a table environment type
/// (or `var`-initialised with one), or `TableEnvironment.create(..)` /
/// `StreamTableEnvironment.create(..)`, in a file that imports Flink's Table API.
pub(crate) fn is_table_environment(file: &JavaFile<'_>, node: Node<'_>) -> bool {
    file.imports_from("org.apache.flink.table") && table_environment_at(file, node, 0)
}

fn table_environment_at(file: &JavaFile<'_>, node: Node<'_>, depth: u32) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    match node.kind() {
        "parenthesized_expression" => node
            .named_child(0)
            .is_some_and(|inner| table_environment_at(file, inner, depth + 1)),
        "identifier" => match declaration(file, node) {
            Some((Some(ty), _)) => TABLE_ENVIRONMENT_TYPES.contains(&ty),
            Some((None, value)) => value.is_some_and(|v| table_environment_at(file, v, depth + 1)),
            None => false,
        },
        "field_access" => scope::declaration_of(file, node).is_some_and(|decl| {
            decl.simple_type(file)
                .is_some_and(|ty| TABLE_ENVIRONMENT_TYPES.contains(&ty))
        }),
        "method_invocation" => {
            chain::method_name(file, node) == "create"
                && chain::receiver(node)
                    .and_then(|class| names_class(file, class, TABLE_ENVIRONMENT_TYPES))
                    .is_some()
        }
        _ => false,
    }
}

/// Flink's configuration classes that have `set(key, value)` / `setString(key, value)`.
const FLINK_CONFIGURATION_CLASSES: &[&str] = &[
    "org.apache.flink.configuration.Configuration",
    "org.apache.flink.configuration.WritableConfig",
    "org.apache.flink.table.api.TableConfig",
];

/// Whether a configuration write on `node` may be a write to a Flink configuration: `false`
/// only when the receiver is provably something else (a Hadoop `Configuration`, a
/// `Properties`, an in-house class). Unresolved receivers and calls such as
/// `tEnv.getConfig()` / `getConfiguration()` count as Flink's: the key written is a Flink key.
pub(crate) fn may_be_flink_configuration(file: &JavaFile<'_>, node: Node<'_>) -> bool {
    configuration_at(file, node, 0)
}

fn configuration_at(file: &JavaFile<'_>, node: Node<'_>, depth: u32) -> bool {
    if depth > MAX_DEPTH {
        return true;
    }
    let is_flink_type = |written: &str| {
        FLINK_CONFIGURATION_CLASSES
            .iter()
            .any(|fqn| scope::names_class(file, written, fqn))
    };
    match node.kind() {
        "parenthesized_expression" => node
            .named_child(0)
            .is_none_or(|inner| configuration_at(file, inner, depth + 1)),
        "identifier" | "field_access" => match scope::declaration_of(file, node) {
            Some(decl) => match decl.ty.map(|t| file.text_of(t)) {
                Some(ty) if ty != "var" => is_flink_type(ty),
                _ => decl
                    .value
                    .is_none_or(|v| configuration_at(file, v, depth + 1)),
            },
            None => true,
        },
        "object_creation_expression" => node
            .child_by_field_name("type")
            .is_some_and(|ty| is_flink_type(file.text_of(ty))),
        _ => true,
    }
}

/// `org.apache.flink.configuration.Configuration`.
const FLINK_CONFIGURATION: &str = "org.apache.flink.configuration.Configuration";

/// `org.apache.flink.configuration.GlobalConfiguration`, whose `loadConfiguration` returns one.
const FLINK_GLOBAL_CONFIGURATION: &str = "org.apache.flink.configuration.GlobalConfiguration";

/// `org.apache.flink.table.api.TableConfig`.
const FLINK_TABLE_CONFIG: &str = "org.apache.flink.table.api.TableConfig";

/// Flink's table environments, whose `getConfig()` is a [`FLINK_TABLE_CONFIG`].
const FLINK_TABLE_ENVIRONMENTS: &[&str] = &[
    "org.apache.flink.table.api.TableEnvironment",
    "org.apache.flink.table.api.bridge.java.StreamTableEnvironment",
    // Flink 1.9 and 1.10.
    "org.apache.flink.table.api.java.StreamTableEnvironment",
];

/// A Flink configuration object a Java expression is proven to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FlinkConfigObject {
    /// `org.apache.flink.configuration.Configuration`.
    Configuration,
    /// `org.apache.flink.table.api.TableConfig`.
    TableConfig,
}

/// What Flink configuration object `node` provably is, by declared types and imports only: a
/// name declared as Flink's `Configuration` or `TableConfig` (or `var`-initialised with one),
/// `new Configuration(..)`, `Configuration.fromMap(..)`,
/// `GlobalConfiguration.loadConfiguration(..)`, `tEnv.getConfig()` on a declared
/// `TableEnvironment` / `StreamTableEnvironment`, `getConfiguration()` on a `TableConfig`, and
/// `set(..)` chained on any of these. A Hadoop or HBase `Configuration`, a `Properties`, a
/// `SparkConf`, a parameter without a type or a method's return value are `None`. Unlike
/// [`may_be_flink_configuration`], an unresolved receiver is `None`.
pub(crate) fn flink_config_object(
    file: &JavaFile<'_>,
    node: Node<'_>,
) -> Option<FlinkConfigObject> {
    config_object_at(file, node, 0)
}

fn config_object_at(file: &JavaFile<'_>, node: Node<'_>, depth: u32) -> Option<FlinkConfigObject> {
    if depth > MAX_DEPTH {
        return None;
    }
    match node.kind() {
        "parenthesized_expression" => config_object_at(file, node.named_child(0)?, depth + 1),
        "identifier" | "field_access" => {
            let decl = scope::declaration_of(file, node)?;
            match file.text_of(decl.ty?) {
                "var" => config_object_at(file, decl.value?, depth + 1),
                written => config_type(file, written),
            }
        }
        "object_creation_expression" => {
            let ty = file.text_of(node.child_by_field_name("type")?);
            resolves_to(file, ty, FLINK_CONFIGURATION).then_some(FlinkConfigObject::Configuration)
        }
        "method_invocation" => {
            let receiver = chain::receiver(node)?;
            let no_arguments = arguments(node).is_empty();
            match chain::method_name(file, node) {
                "fromMap" if names_class_fqn(file, receiver, FLINK_CONFIGURATION) => {
                    Some(FlinkConfigObject::Configuration)
                }
                "loadConfiguration"
                    if names_class_fqn(file, receiver, FLINK_GLOBAL_CONFIGURATION) =>
                {
                    Some(FlinkConfigObject::Configuration)
                }
                "getConfig" if no_arguments && is_flink_table_env(file, receiver, depth + 1) => {
                    Some(FlinkConfigObject::TableConfig)
                }
                "getConfiguration"
                    if no_arguments
                        && config_object_at(file, receiver, depth + 1)
                            == Some(FlinkConfigObject::TableConfig) =>
                {
                    Some(FlinkConfigObject::Configuration)
                }
                // `Configuration.set(option, value)` and `TableConfig.set(..)` return the receiver.
                "set" => config_object_at(file, receiver, depth + 1),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The (key, value) arguments of `Configuration.fromMap(Map.of(k1, v1, k2, v2, ..))` on Flink's
/// `Configuration`, when `call` is such a call with the map written in place; `None` for any
/// other call or map (a variable, a builder, `Map.ofEntries`).
pub(crate) fn from_map_pairs<'t>(
    file: &JavaFile<'_>,
    call: Node<'t>,
) -> Option<Vec<(Node<'t>, Node<'t>)>> {
    if chain::method_name(file, call) != "fromMap"
        || !names_class_fqn(file, chain::receiver(call)?, FLINK_CONFIGURATION)
    {
        return None;
    }
    let [map] = arguments(call)[..] else {
        return None;
    };
    let map = scope::unparenthesize(map)?;
    if map.kind() != "method_invocation"
        || chain::method_name(file, map) != "of"
        || !names_class_fqn(file, chain::receiver(map)?, "java.util.Map")
    {
        return None;
    }
    let entries = arguments(map);
    if !entries.len().is_multiple_of(2) {
        return None;
    }
    Some(
        entries
            .chunks_exact(2)
            .filter_map(|pair| match pair {
                [key, value] => Some((*key, *value)),
                _ => None,
            })
            .collect(),
    )
}

/// The Flink configuration type a declared type names, if any.
fn config_type(file: &JavaFile<'_>, written: &str) -> Option<FlinkConfigObject> {
    if resolves_to(file, written, FLINK_CONFIGURATION) {
        Some(FlinkConfigObject::Configuration)
    } else if resolves_to(file, written, FLINK_TABLE_CONFIG) {
        Some(FlinkConfigObject::TableConfig)
    } else {
        None
    }
}

/// Whether `node` is a Flink table environment by its declared type (or a `var` initialised
/// with `TableEnvironment.create(..)` / `StreamTableEnvironment.create(..)`), with the type
/// resolved through the imports.
fn is_flink_table_env(file: &JavaFile<'_>, node: Node<'_>, depth: u32) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    match node.kind() {
        "parenthesized_expression" => node
            .named_child(0)
            .is_some_and(|inner| is_flink_table_env(file, inner, depth + 1)),
        "identifier" | "field_access" => {
            let Some(decl) = scope::declaration_of(file, node) else {
                return false;
            };
            match decl.ty.map(|t| file.text_of(t)) {
                Some("var") => decl
                    .value
                    .is_some_and(|v| is_flink_table_env(file, v, depth + 1)),
                Some(written) => FLINK_TABLE_ENVIRONMENTS
                    .iter()
                    .any(|fqn| resolves_to(file, written, fqn)),
                None => false,
            }
        }
        "method_invocation" => {
            chain::method_name(file, node) == "create"
                && chain::receiver(node).is_some_and(|class| {
                    FLINK_TABLE_ENVIRONMENTS
                        .iter()
                        .any(|fqn| names_class_fqn(file, class, fqn))
                })
        }
        _ => false,
    }
}

/// Whether `node` names the class `fqn` (not a variable): its simple name resolving to it
/// through the imports, or its qualified name.
fn names_class_fqn(file: &JavaFile<'_>, node: Node<'_>, fqn: &str) -> bool {
    let text = file.text_of(node);
    match node.kind() {
        "identifier" => scope::resolve(file, node, text).is_none() && resolves_to(file, text, fqn),
        "field_access" | "scoped_identifier" => resolves_to(file, text, fqn),
        _ => false,
    }
}

/// Whether the type written as `written` is the class `fqn` in this file, provably: written
/// fully qualified, imported by name, or imported on demand from its package when no
/// single-type import and no class of this file claims the simple name (both would win over
/// an on-demand import). Type arguments are ignored. A class of the same package with that
/// name would also win; one file cannot tell, and such a class beside an on-demand import of
/// Flink's is left as a known gap.
fn resolves_to(file: &JavaFile<'_>, written: &str, fqn: &str) -> bool {
    let base: String = written
        .split('<')
        .next()
        .unwrap_or(written)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if base.contains('.') {
        return base == fqn;
    }
    let Some((package, simple)) = fqn.rsplit_once('.') else {
        return false;
    };
    if base != simple {
        return false;
    }
    let imports = file.imports();
    let single = imports
        .iter()
        .find(|i| !i.ends_with(".*") && i.rsplit('.').next() == Some(simple));
    if let Some(single) = single {
        return single == fqn;
    }
    if scope::class_named(file, simple).is_some() {
        return false;
    }
    imports
        .iter()
        .any(|i| i.strip_suffix(".*") == Some(package))
}

/// The event-time window assigner `node` evaluates to, if proven: a factory call on one of
/// [`EVENT_TIME_ASSIGNERS`] (`TumblingEventTimeWindows.of(..)`), or a name declared with such a
/// type or holding such a value (a `final` field or an effectively-final local).
pub(crate) fn event_time_assigner(file: &JavaFile<'_>, node: Node<'_>) -> Option<&'static str> {
    assigner_at(file, node, 0)
}

fn assigner_at(file: &JavaFile<'_>, node: Node<'_>, depth: u32) -> Option<&'static str> {
    if depth > MAX_DEPTH {
        return None;
    }
    let class = match node.kind() {
        "parenthesized_expression" => return assigner_at(file, node.named_child(0)?, depth + 1),
        "method_invocation" => {
            let root = chain::root(node)?;
            if root.kind() == "identifier"
                && scope::resolve(file, root, file.text_of(root)).is_some()
            {
                // A method on an assigner held in a variable: judge the variable.
                return assigner_at(file, root, depth + 1);
            }
            names_class(file, root, EVENT_TIME_ASSIGNERS)?
        }
        "object_creation_expression" => {
            let ty = scope::simple_type_name(file.text_of(node.child_by_field_name("type")?));
            EVENT_TIME_ASSIGNERS.iter().copied().find(|c| *c == ty)?
        }
        "identifier" => {
            let name = file.text_of(node);
            let decl = scope::resolve(file, node, name)?;
            if let Some(ty) = decl.simple_type(file)
                && let Some(class) = EVENT_TIME_ASSIGNERS.iter().copied().find(|c| *c == ty)
            {
                class
            } else {
                let value = scope::constant_value(file, &decl, name)?;
                return assigner_at(file, value, depth + 1);
            }
        }
        _ => return None,
    };
    file.refers_to(&format!("{ASSIGNER_PACKAGE}.{class}"))
        .then_some(class)
}

/// A `WatermarkStrategy.forBoundedOutOfOrderness(bound)` that the stream entering `calls[window]`
/// carries, when it is on the same chain: the last `assignTimestampsAndWatermarks(strategy)` or
/// `fromSource(source, strategy, ..)` before the window, with no stream merge in between.
/// Returns the folded bound and the node of the bound expression.
pub(crate) fn out_of_orderness_bound<'t>(
    file: &'t JavaFile<'_>,
    calls: &[Node<'t>],
    window: usize,
) -> Option<(Folded<Duration>, Node<'t>)> {
    for call in calls.get(..window)?.iter().rev() {
        let name = chain::method_name(file, *call);
        if STREAM_MERGES.contains(&name) {
            return None;
        }
        let args = arguments(*call);
        let strategy = match (name, args.as_slice()) {
            ("assignTimestampsAndWatermarks", [strategy]) | ("fromSource", [_, strategy, ..]) => {
                *strategy
            }
            _ => continue,
        };
        return bounded_strategy(file, strategy);
    }
    None
}

/// The bound of a strategy expression built as `WatermarkStrategy.forBoundedOutOfOrderness(d)`
/// (possibly followed by `.withTimestampAssigner(..)`, `.withIdleness(..)`, and possibly held
/// in an effectively-final local).
fn bounded_strategy<'t>(
    file: &'t JavaFile<'_>,
    strategy: Node<'t>,
) -> Option<(Folded<Duration>, Node<'t>)> {
    if !file.refers_to(WATERMARK_STRATEGY) {
        return None;
    }
    let calls = chain::calls(file, strategy);
    let first = *calls.first()?;
    if chain::method_name(file, first) != "forBoundedOutOfOrderness" {
        return None;
    }
    names_class(file, chain::receiver(first)?, &["WatermarkStrategy"])?;
    let [bound] = arguments(first)[..] else {
        return None;
    };
    Some((fold::duration(file, bound)?, bound))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn receiver_of<'t>(file: &'t JavaFile<'_>, method: &str) -> Node<'t> {
        file.nodes_of_kind("method_invocation")
            .find(|c| chain::method_name(file, *c) == method)
            .and_then(chain::receiver)
            .expect("call with receiver")
    }

    const ENV_IMPORT: &str =
        "import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;\n";

    #[test]
    fn environments_are_recognised_from_types_factories_and_chains() {
        let cases = [
            "StreamExecutionEnvironment env = make(); env.enableCheckpointing(1);",
            "var env = StreamExecutionEnvironment.getExecutionEnvironment(); env.enableCheckpointing(1);",
            "StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(2).enableCheckpointing(1);",
            "var env = StreamExecutionEnvironment.createLocalEnvironment(); (env).enableCheckpointing(1);",
        ];
        for body in cases {
            let src = format!("{ENV_IMPORT}class Job {{ void m() {{ {body} }} }}");
            let file = JavaFile::parse(&src).expect("parses");
            let env = receiver_of(&file, "enableCheckpointing");
            assert!(is_stream_environment(&file, env), "{body}");
        }
    }

    #[test]
    fn other_receivers_are_not_environments() {
        let cases = [
            (
                ENV_IMPORT,
                "Pipeline env = make(); env.enableCheckpointing(1);",
            ),
            (
                ENV_IMPORT,
                "var env = Pipeline.create(); env.enableCheckpointing(1);",
            ),
            (ENV_IMPORT, "unknown.enableCheckpointing(1);"),
            (
                "",
                "StreamExecutionEnvironment env = make(); env.enableCheckpointing(1);",
            ),
        ];
        for (imports, body) in cases {
            let src = format!("{imports}class Job {{ void m() {{ {body} }} }}");
            let file = JavaFile::parse(&src).expect("parses");
            let env = receiver_of(&file, "enableCheckpointing");
            assert!(!is_stream_environment(&file, env), "{body}");
        }
    }

    #[test]
    fn checkpoint_configs_are_recognised() {
        let imports = "import org.apache.flink.streaming.api.environment.*;\n";
        let yes = [
            "StreamExecutionEnvironment env = make(); env.getCheckpointConfig().setCheckpointInterval(1);",
            "CheckpointConfig c = make(); c.setCheckpointInterval(1);",
            "StreamExecutionEnvironment env = make(); var c = env.getCheckpointConfig(); c.setCheckpointInterval(1);",
        ];
        let no = [
            "Builder c = make(); c.setCheckpointInterval(1);",
            "other.getCheckpointConfig().setCheckpointInterval(1);",
        ];
        for (body, expected) in yes
            .iter()
            .map(|b| (b, true))
            .chain(no.iter().map(|b| (b, false)))
        {
            let src = format!("{imports}class Job {{ void m() {{ {body} }} }}");
            let file = JavaFile::parse(&src).expect("parses");
            let config = receiver_of(&file, "setCheckpointInterval");
            assert_eq!(is_checkpoint_config(&file, config), expected, "{body}");
        }
    }

    const FLINK: &str = "import org.apache.flink.configuration.Configuration;\n";
    const HADOOP: &str = "import org.apache.hadoop.conf.Configuration;\n";
    const TABLE: &str = "import org.apache.flink.table.api.TableEnvironment;\n";
    const BRIDGE: &str = "import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;\n";

    /// What the receiver of the outermost `set` / `setString` of `body` is proven to be.
    fn config_object_in(imports: &str, body: &str) -> Option<FlinkConfigObject> {
        let src = format!("{imports}class Job {{ void m() {{ {body} }} }}");
        let file = JavaFile::parse(&src).expect("parses");
        // The outermost write: the first in document order.
        let receiver = file
            .nodes_of_kind("method_invocation")
            .find(|c| matches!(chain::method_name(&file, *c), "set" | "setString"))
            .and_then(chain::receiver)
            .expect("a write with a receiver");
        flink_config_object(&file, receiver)
    }

    #[test]
    fn flink_configurations_are_proven_by_types_and_imports() {
        use FlinkConfigObject::{Configuration, TableConfig};
        let cases = [
            (
                FLINK,
                "Configuration conf = new Configuration(); conf.setString(k, v);",
                Some(Configuration),
            ),
            (
                FLINK,
                "var conf = new Configuration(); conf.setString(k, v);",
                Some(Configuration),
            ),
            (
                "import org.apache.flink.configuration.*;\n",
                "Configuration conf = load(); conf.setString(k, v);",
                Some(Configuration),
            ),
            (
                FLINK,
                "Configuration.fromMap(m).setString(k, v);",
                Some(Configuration),
            ),
            (
                "import org.apache.flink.configuration.*;\n",
                "var conf = GlobalConfiguration.loadConfiguration(dir); conf.setString(k, v);",
                Some(Configuration),
            ),
            (
                TABLE,
                "TableEnvironment tEnv = make(); tEnv.getConfig().set(k, v);",
                Some(TableConfig),
            ),
            (
                TABLE,
                "TableEnvironment tEnv = make(); tEnv.getConfig().getConfiguration().setString(k, v);",
                Some(Configuration),
            ),
            (
                BRIDGE,
                "StreamTableEnvironment tEnv = make(); (tEnv.getConfig()).set(k, v);",
                Some(TableConfig),
            ),
            (
                TABLE,
                "var tEnv = TableEnvironment.create(settings); tEnv.getConfig().set(a, b).setString(k, v);",
                Some(TableConfig),
            ),
            (
                "import org.apache.flink.table.api.TableConfig;\n",
                "TableConfig config = make(); config.setString(k, v);",
                Some(TableConfig),
            ),
        ];
        for (imports, body, expected) in cases {
            assert_eq!(config_object_in(imports, body), expected, "{imports}{body}");
        }
        // A parameter.
        let src = format!(
            "{FLINK}class Job {{ void m(Configuration conf) {{ conf.setString(k, v); }} }}"
        );
        let file = JavaFile::parse(&src).expect("parses");
        assert_eq!(
            flink_config_object(&file, receiver_of(&file, "setString")),
            Some(Configuration)
        );
    }

    #[test]
    fn other_configurations_are_not_flink_configurations() {
        let cases = [
            (
                HADOOP,
                "Configuration conf = new Configuration(); conf.setString(k, v);",
            ),
            (
                HADOOP,
                "var conf = new Configuration(); conf.setString(k, v);",
            ),
            (
                "import org.apache.flink.configuration.*;\nimport org.apache.hadoop.conf.Configuration;\n",
                "Configuration conf = make(); conf.setString(k, v);",
            ),
            (
                FLINK,
                "org.apache.hadoop.conf.Configuration conf = make(); conf.setString(k, v);",
            ),
            (
                FLINK,
                "var conf = HBaseConfiguration.create(); conf.setString(k, v);",
            ),
            (
                FLINK,
                "SparkConf conf = new SparkConf(); conf.setString(k, v);",
            ),
            (FLINK, "conf().setString(k, v);"),
            (FLINK, "unknown.setString(k, v);"),
            (
                "",
                "Configuration conf = new Configuration(); conf.setString(k, v);",
            ),
            (TABLE, "other.getConfig().set(k, v);"),
            (
                "",
                "TableEnvironment tEnv = make(); tEnv.getConfig().setString(k, v);",
            ),
        ];
        for (imports, body) in cases {
            assert_eq!(config_object_in(imports, body), None, "{imports}{body}");
        }
        // A class of the file shadows the on-demand import.
        let src = "import org.apache.flink.configuration.*;\nclass Job { static class Configuration {} \
                   void m(Configuration conf) { conf.setString(k, v); } }";
        let file = JavaFile::parse(src).expect("parses");
        assert_eq!(
            flink_config_object(&file, receiver_of(&file, "setString")),
            None
        );
    }

    #[test]
    fn event_time_assigners_are_recognised() {
        let imports = "import org.apache.flink.streaming.api.windowing.assigners.*;\n";
        let cases = [
            (
                "s.window(TumblingEventTimeWindows.of(d));",
                Some("TumblingEventTimeWindows"),
            ),
            (
                "s.window(EventTimeSessionWindows.withGap(d));",
                Some("EventTimeSessionWindows"),
            ),
            (
                "var a = SlidingEventTimeWindows.of(d, e); s.window(a);",
                Some("SlidingEventTimeWindows"),
            ),
            ("s.window(TumblingProcessingTimeWindows.of(d));", None),
            ("s.window(assigner());", None),
            (
                "WindowAssigner a = TumblingEventTimeWindows.of(d); a = other; s.window(a);",
                None,
            ),
        ];
        for (body, expected) in cases {
            let src = format!("{imports}class Job {{ void m() {{ {body} }} }}");
            let file = JavaFile::parse(&src).expect("parses");
            let window = file
                .nodes_of_kind("method_invocation")
                .find(|c| chain::method_name(&file, *c) == "window")
                .expect("window call");
            let assigner = arguments(window)[0];
            assert_eq!(event_time_assigner(&file, assigner), expected, "{body}");
        }
        // Without the Flink import the name is some other class.
        let file =
            JavaFile::parse("class Job { void m() { s.window(TumblingEventTimeWindows.of(d)); } }")
                .expect("parses");
        let window = file
            .nodes_of_kind("method_invocation")
            .find(|c| chain::method_name(&file, *c) == "window")
            .expect("window call");
        assert_eq!(event_time_assigner(&file, arguments(window)[0]), None);
    }
}
