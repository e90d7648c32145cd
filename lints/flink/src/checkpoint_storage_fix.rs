//! FLK016's fix for `CheckpointConfig.setCheckpointStorage("…")`, which Flink 2.0 removed: the
//! directory moves to the `Configuration` the environment is created with.
//!
//! ```java
//! StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
//! env.getCheckpointConfig().setCheckpointStorage("hdfs:///flink/ck");
//! ```
//!
//! becomes
//!
//! ```java
//! Configuration config = new Configuration();
//! config.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
//! config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, "hdfs:///flink/ck");
//! StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
//! ```
//!
//! The string overload stood for a `FileSystemCheckpointStorage` on that directory, set by the
//! job. The job's configuration is laid over the cluster's when the environment is created, so
//! the two options written here win over the cluster's `execution.checkpointing.storage` and
//! `execution.checkpointing.dir` just as the object did; the storage is written explicitly
//! because a cluster that sets `jobmanager` would otherwise keep it. Both constants keep these
//! names through 1.18, 1.19, 1.20 and 2.x (the keys behind them were renamed in 1.20, the
//! constants were not), and `getExecutionEnvironment(Configuration)` exists in all of them;
//! 1.19's deprecation of `setCheckpointStorage` points to exactly this rewrite.
//!
//! The rewrite moves code, so it is offered only where the file proves the move is local: the
//! environment is a local of the same method, created by `getExecutionEnvironment()` without
//! arguments and never reassigned; the call is a statement of that method's body (not inside a
//! block, lambda or other method) after the declaration, on `env.getCheckpointConfig()` or on
//! a local taken from it; the directory is a string the rule can fold. The fix is unsafe when
//! the method does something the rewrite could reorder: hands the environment (or its
//! `CheckpointConfig`) to other code, sets or reads the checkpoint storage again, reconfigures
//! the environment, or builds the job before the call. Anything else keeps the finding without
//! a fix.

use std::fmt::Write as _;

use bdl_core::{Edit, Fix, Span};
use bdl_syntax::JavaFile;
use bdl_syntax::java::fold::{self, Certainty, arguments};
use bdl_syntax::java::imports::{ClassName, ImportSite, line_ending};
use bdl_syntax::java::scope::{self, Declaration};
use bdl_syntax::java::{Preorder, ancestors, chain};
use tree_sitter::Node;

const ENVIRONMENT: &str = "org.apache.flink.streaming.api.environment.StreamExecutionEnvironment";
const CHECKPOINT_CONFIG: &str = "org.apache.flink.streaming.api.environment.CheckpointConfig";
const CONFIGURATION: &str = "org.apache.flink.configuration.Configuration";
const CHECKPOINTING_OPTIONS: &str = "org.apache.flink.configuration.CheckpointingOptions";

/// The names the new configuration local may take, in order of preference.
const CONFIG_NAMES: &[&str] = &["config", "checkpointingConfig"];

/// How many uses of one name the checks follow; past it the rewrite is not proven. Each use
/// costs a walk from the root, so this bounds the work on generated code.
const MAX_USES: usize = 256;

/// `StreamExecutionEnvironment` methods that build the job from what was set so far.
const ENV_BUILDS: &[&str] = &[
    "execute",
    "executeAsync",
    "getStreamGraph",
    "getExecutionPlan",
];

/// The fix for `call`, a `setCheckpointStorage(..)` on a proven `CheckpointConfig`, or `None`
/// when the file does not prove the rewrite local. The caller checks the target version.
pub(crate) fn fix(file: &JavaFile<'_>, call: Node<'_>) -> Option<Fix> {
    let [arg] = arguments(call)[..] else {
        return None;
    };
    let folded = fold::string(file, arg)?;
    if folded.certainty != Certainty::Certain || folded.value.trim().is_empty() {
        return None;
    }
    let path = ancestors(file.root(), call);
    let [.., method, body, statement] = path[..] else {
        return None;
    };
    if statement.kind() != "expression_statement" || !is_body(method, body) {
        return None;
    }
    // Deleting the statement would delete a comment inside it.
    if Preorder::new(statement).any(|n| n.kind().ends_with("comment")) {
        return None;
    }
    let env = Environment::of(file, call, method, body)?;
    if env.statement.end_byte() > statement.start_byte() {
        return None;
    }
    let text = file.text();
    let at = env.statement.start_byte();
    let indent = indentation(text, at)?;
    let name = CONFIG_NAMES.iter().copied().find(|n| {
        file.identifiers_named_in(n, method.byte_range())
            .next()
            .is_none()
    })?;
    let configuration = ClassRef::of(file, CONFIGURATION);
    let options = ClassRef::of(file, CHECKPOINTING_OPTIONS);
    let literal = java_string(&folded.value);
    let value = if movable(file, arg, method, body, at) {
        file.text_of(arg).to_owned()
    } else {
        literal.clone()
    };

    let eol = line_ending(text);
    let mut edits: Vec<Edit> = ImportSite::of(file)
        .edit(
            [&configuration, &options]
                .into_iter()
                .filter_map(|c| c.import),
        )
        .into_iter()
        .collect();
    if let Some(import) = configuration.present {
        // Rewritten as it is: another fix that would drop this import in the same round
        // (`open(Configuration)` → `open(OpenContext)`) now overlaps this one and waits for
        // the next round, where it sees the new use.
        edits.push(Edit::replace(
            JavaFile::span_of(import),
            file.text_of(import),
        ));
    }
    let ty = configuration.written;
    let opts = options.written;
    edits.push(Edit::insert(
        at,
        format!(
            "{ty} {name} = new {ty}();{eol}{indent}\
             {name}.set({opts}.CHECKPOINT_STORAGE, \"filesystem\");{eol}{indent}\
             {name}.set({opts}.CHECKPOINTS_DIRECTORY, {value});{eol}{indent}"
        ),
    ));
    edits.push(Edit::insert(env.arguments.start_byte() + 1, name));
    edits.push(Edit::delete(statement_span(text, statement)));

    let what = format!(
        "create `{}` with a `Configuration` that sets `CheckpointingOptions.CHECKPOINT_STORAGE` \
         to `\"filesystem\"` and `CHECKPOINTS_DIRECTORY` to `{literal}`, and remove the call",
        env.name
    );
    Some(match interference(file, &env, call, method) {
        None => Fix::safe(what, edits),
        Some(why) => Fix::unsafe_fix(format!("{what}: unsafe, {why}"), edits),
    })
}

/// The environment local a `setCheckpointStorage` call is made on.
struct Environment<'t> {
    name: &'t str,
    /// Its `variable_declarator`.
    declarator: Node<'t>,
    /// The `local_variable_declaration` that declares it.
    statement: Node<'t>,
    /// The argument list of its `getExecutionEnvironment()`.
    arguments: Node<'t>,
}

impl<'t> Environment<'t> {
    /// The environment behind `call`'s receiver: `env.getCheckpointConfig()`, or a
    /// `CheckpointConfig` local initialised with it; `env` declared in `body` by
    /// `StreamExecutionEnvironment.getExecutionEnvironment()`, and neither name reassigned.
    fn of(
        file: &'t JavaFile<'_>,
        call: Node<'t>,
        method: Node<'t>,
        body: Node<'t>,
    ) -> Option<Self> {
        let receiver = chain::receiver(call)?;
        let env_name = match receiver.kind() {
            "method_invocation" => environment_of_config(file, receiver)?,
            "identifier" => {
                let decl = local_in(file, receiver, method)?;
                if !declared_as(file, &decl, CHECKPOINT_CONFIG) {
                    return None;
                }
                environment_of_config(file, scope::unparenthesize(decl.value?)?)?
            }
            _ => return None,
        };
        let decl = local_in(file, env_name, method)?;
        if !declared_as(file, &decl, ENVIRONMENT) {
            return None;
        }
        let factory = scope::unparenthesize(decl.value?)?;
        if factory.kind() != "method_invocation"
            || chain::method_name(file, factory) != "getExecutionEnvironment"
            || !arguments(factory).is_empty()
            || !chain::receiver(factory).is_some_and(|class| names_environment_class(file, class))
        {
            return None;
        }
        let statement = decl.node.parent()?;
        if statement.kind() != "local_variable_declaration"
            || statement.parent().map(|p| p.id()) != Some(body.id())
        {
            return None;
        }
        Some(Self {
            name: file.text_of(env_name),
            declarator: decl.node,
            statement,
            arguments: factory.child_by_field_name("arguments")?,
        })
    }
}

/// `env` in `env.getCheckpointConfig()`, when it is a plain name.
fn environment_of_config<'t>(file: &JavaFile<'_>, node: Node<'t>) -> Option<Node<'t>> {
    if node.kind() != "method_invocation"
        || chain::method_name(file, node) != "getCheckpointConfig"
        || !arguments(node).is_empty()
    {
        return None;
    }
    chain::receiver(node).filter(|r| r.kind() == "identifier")
}

/// The local `ident` names, declared with a type (or `var`) in `method`'s own body and never
/// assigned again.
fn local_in<'t>(
    file: &'t JavaFile<'_>,
    ident: Node<'t>,
    method: Node<'t>,
) -> Option<Declaration<'t>> {
    let name = file.text_of(ident);
    let decl = scope::resolve(file, ident, name)?;
    if decl.is_field || decl.ty.is_none() || decl.node.kind() != "variable_declarator" {
        return None;
    }
    if scope::enclosing_body(file, decl.node)?.id() != method.id() {
        return None;
    }
    scope::never_reassigned(file, method, name).then_some(decl)
}

/// Whether `decl` is declared as the Flink class `fqn`, or with `var`.
fn declared_as(file: &JavaFile<'_>, decl: &Declaration<'_>, fqn: &str) -> bool {
    let Some(ty) = decl.ty else {
        return false;
    };
    let written = file.text_of(ty);
    if written == "var" {
        return true;
    }
    let simple = fqn.rsplit('.').next().unwrap_or(fqn);
    scope::names_class(file, written, fqn)
        && (written.contains('.') || scope::class_named(file, simple).is_none())
}

/// Whether `class` (the receiver of a static call) names Flink's `StreamExecutionEnvironment`.
fn names_environment_class(file: &JavaFile<'_>, class: Node<'_>) -> bool {
    let written: String = file
        .text_of(class)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    match class.kind() {
        "identifier" => {
            written == "StreamExecutionEnvironment"
                && scope::resolve(file, class, &written).is_none()
                && scope::class_named(file, &written).is_none()
                && scope::names_class(file, &written, ENVIRONMENT)
        }
        "field_access" | "scoped_identifier" => written == ENVIRONMENT,
        _ => false,
    }
}

fn is_body(method: Node<'_>, body: Node<'_>) -> bool {
    matches!(
        method.kind(),
        "method_declaration" | "constructor_declaration"
    ) && method
        .child_by_field_name("body")
        .is_some_and(|b| b.id() == body.id())
}

// ----- what the rewrite could reorder -----

/// Why moving the storage into the configuration may change what the job does, when the
/// method gives a reason; `None` when every use of the environment is in view and harmless.
fn interference(
    file: &JavaFile<'_>,
    env: &Environment<'_>,
    call: Node<'_>,
    method: Node<'_>,
) -> Option<String> {
    let Some(uses) = uses_of(file, env.declarator, env.name, method) else {
        return Some(format!(
            "`{}` is used more than {MAX_USES} times, too often to check every use",
            env.name
        ));
    };
    uses.into_iter()
        .find_map(|u| environment_use(file, u, env.name, call, method))
}

/// The identifiers in `within` that name the local declared by `declarator`, the declaration
/// itself left out; `None` past [`MAX_USES`] identifiers of that spelling.
fn uses_of<'t>(
    file: &'t JavaFile<'_>,
    declarator: Node<'t>,
    name: &str,
    within: Node<'t>,
) -> Option<Vec<Node<'t>>> {
    let own = declarator.child_by_field_name("name").map(|n| n.id());
    let spelled: Vec<Node<'t>> = file
        .identifiers_named_in(name, within.byte_range())
        .take(MAX_USES + 1)
        .collect();
    if spelled.len() > MAX_USES {
        return None;
    }
    Some(
        spelled
            .into_iter()
            .filter(|n| Some(n.id()) != own && !is_member_name(*n))
            .filter(|n| {
                scope::resolve(file, *n, name).is_some_and(|d| d.node.id() == declarator.id())
            })
            .collect(),
    )
}

/// Whether `ident` is the member part of `a.name` or `a.name(..)`, not a variable.
fn is_member_name(ident: Node<'_>) -> bool {
    ident.parent().is_some_and(|p| {
        let field = match p.kind() {
            "field_access" => "field",
            "method_invocation" => "name",
            _ => return false,
        };
        p.child_by_field_name(field).map(|f| f.id()) == Some(ident.id())
    })
}

/// The call made on `expr` (`expr.name(..)`), when `expr` is the receiver of one.
fn called_on(expr: Node<'_>) -> Option<Node<'_>> {
    expr.parent().filter(|p| {
        p.kind() == "method_invocation" && chain::receiver(*p).map(|r| r.id()) == Some(expr.id())
    })
}

const ESCAPES: &str = "and checkpoint storage set there would now take precedence over the \
     configuration";

/// What one use of the environment could change, following calls that return the
/// environment itself.
fn environment_use(
    file: &JavaFile<'_>,
    use_: Node<'_>,
    env: &str,
    call: Node<'_>,
    method: Node<'_>,
) -> Option<String> {
    let mut expr = use_;
    loop {
        let Some(invocation) = called_on(expr) else {
            if expr.id() != use_.id()
                && expr
                    .parent()
                    .is_some_and(|p| p.kind() == "expression_statement")
            {
                return None;
            }
            return Some(format!(
                "`{env}` is also passed on, stored or returned, {ESCAPES}"
            ));
        };
        match chain::method_name(file, invocation) {
            name @ ("configure" | "getConfiguration") => {
                return Some(format!(
                    "the method also calls `{env}.{name}(..)`, which may read or change the \
                     checkpoint options the environment is now created with"
                ));
            }
            name if ENV_BUILDS.contains(&name) && invocation.start_byte() < call.start_byte() => {
                return Some(format!(
                    "the call comes after `{env}.{name}(..)`, so the job built there did not \
                     get the storage, and it would get it from the configuration"
                ));
            }
            "getCheckpointConfig" => return checkpoint_config_use(file, invocation, call, method),
            name if crate::helpers::ENVIRONMENT_FLUENT.contains(&name) => expr = invocation,
            _ => return None,
        }
    }
}

/// What one `env.getCheckpointConfig()` could change: the calls made on it, directly or
/// through a local.
fn checkpoint_config_use(
    file: &JavaFile<'_>,
    config: Node<'_>,
    call: Node<'_>,
    method: Node<'_>,
) -> Option<String> {
    if let Some(invocation) = called_on(config) {
        return checkpoint_config_call(file, invocation, call);
    }
    let escapes = || {
        Some(format!(
            "its `CheckpointConfig` is also passed on, stored or returned, {ESCAPES}"
        ))
    };
    let Some(parent) = config.parent() else {
        return escapes();
    };
    match parent.kind() {
        "expression_statement" => None,
        "variable_declarator"
            if parent.child_by_field_name("value").map(|v| v.id()) == Some(config.id()) =>
        {
            let Some(name) = parent.child_by_field_name("name") else {
                return escapes();
            };
            let Some(uses) = uses_of(file, parent, file.text_of(name), method) else {
                return escapes();
            };
            for use_ in uses {
                let Some(invocation) = called_on(use_) else {
                    return escapes();
                };
                if let Some(why) = checkpoint_config_call(file, invocation, call) {
                    return Some(why);
                }
            }
            None
        }
        _ => escapes(),
    }
}

fn checkpoint_config_call(
    file: &JavaFile<'_>,
    invocation: Node<'_>,
    call: Node<'_>,
) -> Option<String> {
    if invocation.id() == call.id() {
        return None;
    }
    match chain::method_name(file, invocation) {
        "setCheckpointStorage" => Some(
            "the method sets the checkpoint storage a second time, and storage set in code takes \
             precedence over the configuration whichever call comes first"
                .to_owned(),
        ),
        "getCheckpointStorage" => Some(
            "the method reads `getCheckpointStorage()`, which returns `null` once the storage \
             comes from the configuration"
                .to_owned(),
        ),
        "configure" => Some(
            "the method also calls `configure(..)` on the `CheckpointConfig`, which may set the \
             checkpoint directory differently"
                .to_owned(),
        ),
        _ => None,
    }
}

// ----- the directory's expression -----

/// Whether `arg` means the same where the configuration is built (`at`, the start of the
/// environment's declaration in `body`): every name in it is a field no local hides, a
/// parameter of `method`, a local declared in `body` before `at`, or a class name.
fn movable(
    file: &JavaFile<'_>,
    arg: Node<'_>,
    method: Node<'_>,
    body: Node<'_>,
    at: usize,
) -> bool {
    Preorder::new(arg)
        .filter(|n| n.kind() == "identifier" && !is_member_name(*n))
        .all(|ident| {
            let name = file.text_of(ident);
            match scope::resolve(file, ident, name) {
                Some(decl) if decl.is_field => true,
                Some(decl) => match decl.node.kind() {
                    "formal_parameter" => scope::enclosing_body(file, decl.node)
                        .is_some_and(|b| b.id() == method.id()),
                    "variable_declarator" => decl.node.parent().is_some_and(|s| {
                        s.end_byte() <= at && s.parent().map(|p| p.id()) == Some(body.id())
                    }),
                    _ => false,
                },
                None => !declared_in(file, name, method),
            }
        })
}

/// Whether any local, parameter or lambda parameter of `method` is called `name` (or the name
/// is used too often to tell).
fn declared_in(file: &JavaFile<'_>, name: &str, method: Node<'_>) -> bool {
    let spelled: Vec<Node<'_>> = file
        .identifiers_named_in(name, method.byte_range())
        .take(MAX_USES + 1)
        .collect();
    spelled.len() > MAX_USES
        || spelled.iter().any(|n| {
            n.parent().is_some_and(|p| {
                matches!(
                    p.kind(),
                    "variable_declarator"
                        | "formal_parameter"
                        | "catch_formal_parameter"
                        | "spread_parameter"
                        | "resource"
                        | "enhanced_for_statement"
                        | "inferred_parameters"
                        | "lambda_expression"
                )
            })
        })
}

/// `value` as a Java string literal. Control characters become octal escapes: a `\u` escape
/// of a line break would end the literal, since Java reads those before the literal.
fn java_string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\{:03o}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

// ----- classes and imports -----

/// How the fix writes a class, and the import that makes the simple name work.
struct ClassRef<'t> {
    /// The simple name, or the qualified one where the simple name means something else.
    written: &'static str,
    /// The class to import.
    import: Option<&'static str>,
    /// The single-type import of the class already in the file.
    present: Option<Node<'t>>,
}

impl<'t> ClassRef<'t> {
    fn of(file: &'t JavaFile<'_>, fqn: &'static str) -> Self {
        let name = ClassName::of(file, fqn);
        let simple = fqn.rsplit('.').next().unwrap_or(fqn);
        Self {
            written: if name.simple_name_works() {
                simple
            } else {
                fqn
            },
            import: name.needs_import().then_some(fqn),
            present: match name {
                ClassName::ImportedByName(import) => Some(import),
                _ => None,
            },
        }
    }
}

// ----- text -----

/// The blanks before `at` on its line, when nothing else precedes it there.
fn indentation(text: &str, at: usize) -> Option<&str> {
    let before = text.get(..at)?;
    let start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let indent = &before[start..];
    indent
        .chars()
        .all(|c| c == ' ' || c == '\t')
        .then_some(indent)
}

/// What to delete for `statement`: its whole line when it stands alone there; up to a comment
/// that follows it, which stays; otherwise the statement with the blanks before it.
fn statement_span(text: &str, statement: Node<'_>) -> Span {
    let (start, end) = (statement.start_byte(), statement.end_byte());
    let before = text.get(..start).unwrap_or("");
    let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let leading = &before[line_start..];
    let alone = leading.chars().all(|c| c == ' ' || c == '\t');
    let rest = text.get(end..).unwrap_or("");
    let line = rest.find(['\n', '\r']).unwrap_or(rest.len());
    let trailing = &rest[..line];
    let blanks = trailing.len() - trailing.trim_start().len();
    if alone && trailing.trim().is_empty() {
        let brk = if rest[line..].starts_with("\r\n") {
            2
        } else {
            usize::from(line < rest.len())
        };
        Span::new(line_start, end + line + brk)
    } else if alone {
        Span::new(start, end + blanks)
    } else {
        let spaces = leading.len() - leading.trim_end().len();
        Span::new(start - spaces, end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn java_strings_escape_what_would_end_or_change_the_literal() {
        assert_eq!(java_string("hdfs:///ck"), "\"hdfs:///ck\"");
        assert_eq!(
            java_string("a\"b\\c\nd\te\u{1}7é"),
            "\"a\\\"b\\\\c\\nd\\te\\0017é\""
        );
    }
}
