//! Where Java code hands a credential to a client library: the calls and constructors whose
//! argument is a password (or a user name), each proven by the class it is called on, never by
//! a variable's name.

use bdl_syntax::JavaFile;
use bdl_syntax::java::chain::{method_name, receiver};
use bdl_syntax::java::fold::{self, arguments};
use bdl_syntax::java::scope::{self, declaration_of, names_class};
use tree_sitter::Node;

use crate::secrets::{Role, key_role};

/// What an argument is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Part {
    /// The secret itself.
    Secret,
    /// A login user name or access key id: reported only when its secret is not a literal.
    Identity,
}

/// One credential argument of a client call.
#[derive(Clone, Debug)]
pub(crate) struct Sink<'t> {
    /// The call or object creation.
    pub(crate) call: Node<'t>,
    /// The argument expression.
    pub(crate) value: Node<'t>,
    pub(crate) part: Part,
    /// The API as a message names it, quoted: `` `Jedis.auth` ``, `` `new JedisPool(..)` ``.
    pub(crate) api: &'static str,
    /// For a configuration write, the key written (`password`), else `None`.
    pub(crate) key: Option<String>,
    /// For a configuration write: what the key names.
    pub(crate) noun: Option<crate::secrets::Noun>,
    /// The value is a JAAS login configuration, whose `password="…"` is the secret.
    pub(crate) jaas: bool,
}

/// Jedis connection classes whose `auth(password)` / `auth(user, password)` logs in.
const JEDIS_CLIENTS: &[&str] = &[
    "redis.clients.jedis.Jedis",
    "redis.clients.jedis.BinaryJedis",
];

/// Jedis pools whose `getResource()` hands out a [`JEDIS_CLIENTS`] connection.
const JEDIS_POOLS: &[&str] = &[
    "redis.clients.jedis.JedisPool",
    "redis.clients.jedis.JedisSentinelPool",
];

/// Jedis classes whose constructors take `(…, host, port, [timeouts,] [user,] password, …)`.
const JEDIS_ENDPOINT_CLASSES: &[(&str, &str)] = &[
    ("redis.clients.jedis.JedisPool", "`new JedisPool(..)`"),
    ("redis.clients.jedis.JedisPooled", "`new JedisPooled(..)`"),
];

/// Apache HttpClient 4 and 5 `UsernamePasswordCredentials` (the Elasticsearch REST clients'
/// basic authentication).
const HTTP_CREDENTIALS: &[&str] = &[
    "org.apache.http.auth.UsernamePasswordCredentials",
    "org.apache.hc.client5.http.auth.UsernamePasswordCredentials",
];

/// Setters of a password or user name, by the class they are called on (a nested builder is
/// written `Outer.Builder`) and the method name.
const SETTERS: &[(&str, &str, Part, &str)] = &[
    (
        "org.apache.flink.streaming.connectors.redis.common.config.FlinkJedisPoolConfig.Builder",
        "setPassword",
        Part::Secret,
        "`FlinkJedisPoolConfig.Builder.setPassword`",
    ),
    (
        "org.apache.flink.streaming.connectors.redis.common.config.FlinkJedisSentinelConfig.Builder",
        "setPassword",
        Part::Secret,
        "`FlinkJedisSentinelConfig.Builder.setPassword`",
    ),
    (
        "org.apache.flink.streaming.connectors.redis.common.config.FlinkJedisClusterConfig.Builder",
        "setPassword",
        Part::Secret,
        "`FlinkJedisClusterConfig.Builder.setPassword`",
    ),
    (
        "org.apache.flink.connector.jdbc.JdbcConnectionOptions.JdbcConnectionOptionsBuilder",
        "withPassword",
        Part::Secret,
        "`JdbcConnectionOptionsBuilder.withPassword`",
    ),
    (
        "org.apache.flink.connector.jdbc.JdbcConnectionOptions.JdbcConnectionOptionsBuilder",
        "withUsername",
        Part::Identity,
        "`JdbcConnectionOptionsBuilder.withUsername`",
    ),
    (
        "org.apache.flink.connector.elasticsearch.sink.Elasticsearch7SinkBuilder",
        "setConnectionPassword",
        Part::Secret,
        "`Elasticsearch7SinkBuilder.setConnectionPassword`",
    ),
    (
        "org.apache.flink.connector.elasticsearch.sink.Elasticsearch6SinkBuilder",
        "setConnectionPassword",
        Part::Secret,
        "`Elasticsearch6SinkBuilder.setConnectionPassword`",
    ),
    (
        "com.zaxxer.hikari.HikariConfig",
        "setPassword",
        Part::Secret,
        "`HikariConfig.setPassword`",
    ),
    (
        "com.zaxxer.hikari.HikariDataSource",
        "setPassword",
        Part::Secret,
        "`HikariDataSource.setPassword`",
    ),
    (
        "com.alibaba.druid.pool.DruidDataSource",
        "setPassword",
        Part::Secret,
        "`DruidDataSource.setPassword`",
    ),
    (
        "org.apache.commons.dbcp2.BasicDataSource",
        "setPassword",
        Part::Secret,
        "`BasicDataSource.setPassword`",
    ),
    (
        "com.mchange.v2.c3p0.ComboPooledDataSource",
        "setPassword",
        Part::Secret,
        "`ComboPooledDataSource.setPassword`",
    ),
];

/// Builders created by a static `Class.builder()` whose `password(..)` / `username(..)` take
/// the credential: the Flink CDC sources (any class of these packages) and Jedis's client
/// configuration.
const STATIC_BUILDER_PACKAGES: &[&str] = &["com.ververica.cdc.", "org.apache.flink.cdc."];
const JEDIS_CLIENT_CONFIG: &str = "redis.clients.jedis.DefaultJedisClientConfig";

/// Lettuce's `RedisURI`, built with `RedisURI.builder()` or `RedisURI.Builder.redis(..)`.
const LETTUCE_URI: &str = "io.lettuce.core.RedisURI";

/// Method names of configuration writes: Flink's and Hadoop's `Configuration`, `Properties`,
/// maps, and the Table API's `TableDescriptor.Builder.option`.
const WRITES: &[&str] = &["set", "setString", "setProperty", "put", "option"];

/// How many receivers, parentheses and local variables a walk goes through.
const MAX_HOPS: usize = 64;

/// Every credential argument in `file`, in document order of the calls.
pub(crate) fn sinks<'t>(file: &'t JavaFile<'_>) -> Vec<Sink<'t>> {
    let mut out = Vec::new();
    for call in file.nodes_of_kind("method_invocation") {
        method_sinks(file, call, &mut out);
    }
    for creation in file.nodes_of_kind("object_creation_expression") {
        creation_sinks(file, creation, &mut out);
    }
    out.sort_by_key(|s| (s.call.start_byte(), s.value.start_byte()));
    out
}

fn sink<'t>(call: Node<'t>, value: Node<'t>, part: Part, api: &'static str) -> Sink<'t> {
    Sink {
        call,
        value,
        part,
        api,
        key: None,
        noun: None,
        jaas: false,
    }
}

fn method_sinks<'t>(file: &'t JavaFile<'_>, call: Node<'t>, out: &mut Vec<Sink<'t>>) {
    let name = method_name(file, call);
    let args = arguments(call);
    match (name, args.as_slice()) {
        ("auth", [password]) if is_jedis_client(file, call) => {
            out.push(sink(call, *password, Part::Secret, "`Jedis.auth`"));
        }
        ("auth", [user, password]) if is_jedis_client(file, call) => {
            out.push(sink(call, *user, Part::Identity, "`Jedis.auth`"));
            out.push(sink(call, *password, Part::Secret, "`Jedis.auth`"));
        }
        ("getConnection", [_, user, password]) if is_driver_manager(file, call) => {
            out.push(sink(
                call,
                *user,
                Part::Identity,
                "`DriverManager.getConnection`",
            ));
            out.push(sink(
                call,
                *password,
                Part::Secret,
                "`DriverManager.getConnection`",
            ));
        }
        (_, [value]) => {
            if let Some((part, api)) = setter(file, call, name) {
                out.push(sink(call, *value, part, api));
            }
        }
        (_, [key, value]) if WRITES.contains(&name) => {
            let Some(written) = fold::string(file, *key) else {
                return;
            };
            let Some(role) = key_role(&written.value) else {
                return;
            };
            let (part, noun) = match role.role {
                Role::Secret(noun) => (Part::Secret, Some(noun)),
                Role::Jaas => (Part::Secret, None),
                Role::AccessKeyId => (Part::Identity, None),
                Role::UserName => return,
            };
            out.push(Sink {
                call,
                value: *value,
                part,
                api: "a configuration write",
                key: Some(written.value),
                noun,
                jaas: role.role == Role::Jaas,
            });
        }
        _ => {}
    }
}

fn creation_sinks<'t>(file: &'t JavaFile<'_>, creation: Node<'t>, out: &mut Vec<Sink<'t>>) {
    let Some(ty) = creation.child_by_field_name("type") else {
        return;
    };
    let written = file.text_of(ty);
    let args = arguments(creation);
    if HTTP_CREDENTIALS
        .iter()
        .any(|fqn| names_class(file, written, fqn))
    {
        const API: &str = "`new UsernamePasswordCredentials(..)`";
        match args.as_slice() {
            [user, password] => {
                out.push(sink(creation, *user, Part::Identity, API));
                out.push(sink(creation, *password, Part::Secret, API));
            }
            // HttpClient 4's `new UsernamePasswordCredentials("user:password")`.
            [both] => out.push(sink(creation, *both, Part::Secret, API)),
            _ => {}
        }
        return;
    }
    let (api, shape) = if names_class(file, written, JEDIS_CLUSTER) {
        ("`new JedisCluster(..)`", jedis_cluster(file, &args))
    } else {
        let Some((_, api)) = JEDIS_ENDPOINT_CLASSES
            .iter()
            .find(|(fqn, _)| names_class(file, written, fqn))
        else {
            return;
        };
        (*api, jedis_endpoint(file, &args))
    };
    let Some(shape) = shape else {
        return;
    };
    if let Some(user) = shape.user {
        out.push(sink(creation, user, Part::Identity, api));
    }
    if let Some(password) = shape.password {
        out.push(sink(creation, password, Part::Secret, api));
    }
}

/// The credential arguments of a Jedis pool constructor.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct JedisEndpoint<'t> {
    pub(crate) user: Option<Node<'t>>,
    pub(crate) password: Option<Node<'t>>,
}

/// Jedis's cluster client.
const JEDIS_CLUSTER: &str = "redis.clients.jedis.JedisCluster";

/// Reads the arguments of `new JedisCluster(..)`: after the nodes and the `int`s (timeouts,
/// attempts) come the password alone, the password and a client name, or the user, the
/// password and a client name, then the pool configuration. One string is the password and
/// three are user, password, client name; two are ambiguous (user and password, or password
/// and client name), and nothing is returned for them.
fn jedis_cluster<'t>(file: &JavaFile<'_>, args: &[Node<'t>]) -> Option<JedisEndpoint<'t>> {
    let types: Vec<ArgType> = args.iter().map(|a| arg_type(file, *a)).collect();
    let first_int = types.iter().position(|t| *t == ArgType::Int)?;
    let mut i = first_int;
    while types.get(i) == Some(&ArgType::Int) {
        i += 1;
    }
    let run_start = i;
    while types.get(i) == Some(&ArgType::Str) {
        i += 1;
    }
    if matches!(types.get(i), Some(ArgType::Unknown)) {
        return None;
    }
    let mut out = JedisEndpoint::default();
    match i - run_start {
        1 => out.password = args.get(run_start).copied(),
        3 => {
            out.user = args.get(run_start).copied();
            out.password = args.get(run_start + 1).copied();
        }
        _ => return None,
    }
    Some(out)
}

/// What an argument's static type is, as far as the file proves it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ArgType {
    Int,
    Str,
    Other,
    Unknown,
}

/// Reads the arguments of `new JedisPool(..)` / `new JedisPooled(..)` by their types. Every
/// overload (Jedis 2.x to 5.x) that takes a password has the host (a `String`) right before the
/// first `int` (the port), then more `int`s (timeouts), then either the password alone or the
/// user and the password, then an `int`, a `boolean` or nothing: `(cfg, host, port, timeout,
/// password[, database[, clientName]])`, `(cfg, host, port, timeout, user, password, …)`,
/// `(host, port, user, password)`. When an argument's type cannot be told before the password
/// is found, nothing is returned.
pub(crate) fn jedis_endpoint<'t>(
    file: &JavaFile<'_>,
    args: &[Node<'t>],
) -> Option<JedisEndpoint<'t>> {
    let types: Vec<ArgType> = args.iter().map(|a| arg_type(file, *a)).collect();
    let first_int = types.iter().position(|t| *t == ArgType::Int)?;
    let mut out = JedisEndpoint::default();
    let mut i = first_int;
    while types.get(i) == Some(&ArgType::Int) {
        i += 1;
    }
    let run_start = i;
    while types.get(i) == Some(&ArgType::Str) {
        i += 1;
    }
    // The run must end at the end, or at an argument of a known other type.
    if matches!(types.get(i), Some(ArgType::Unknown)) {
        return Some(out);
    }
    match i - run_start {
        1 => out.password = args.get(run_start).copied(),
        2 => {
            out.user = args.get(run_start).copied();
            out.password = args.get(run_start + 1).copied();
        }
        _ => {}
    }
    Some(out)
}

/// Primitive and boxed integer types, as declared.
const INT_TYPES: &[&str] = &["int", "Integer", "long", "Long", "short"];

fn arg_type(file: &JavaFile<'_>, arg: Node<'_>) -> ArgType {
    let Some(arg) = scope::unparenthesize(arg) else {
        return ArgType::Unknown;
    };
    match arg.kind() {
        "string_literal" | "null_literal" => return ArgType::Str,
        "decimal_integer_literal" | "hex_integer_literal" => return ArgType::Int,
        "true" | "false" | "lambda_expression" | "object_creation_expression" => {
            return ArgType::Other;
        }
        _ => {}
    }
    if fold::int(file, arg).is_some() {
        return ArgType::Int;
    }
    if fold::string(file, arg).is_some() {
        return ArgType::Str;
    }
    if let Some(decl) = declaration_of(file, arg)
        && let Some(ty) = decl.simple_type(file)
    {
        return match ty {
            t if INT_TYPES.contains(&t) => ArgType::Int,
            "String" => ArgType::Str,
            "var" => ArgType::Unknown,
            _ => ArgType::Other,
        };
    }
    if arg.kind() == "method_invocation" {
        return match method_name(file, arg) {
            "getenv" | "getProperty" | "getString" | "getRequired" | "toString" | "trim"
            | "valueOf" => ArgType::Str,
            "parseInt" | "getInt" | "intValue" => ArgType::Int,
            _ => ArgType::Unknown,
        };
    }
    ArgType::Unknown
}

/// Whether `call`'s receiver is provably a Jedis connection: declared as one, created with
/// `new Jedis(..)`, or borrowed with `getResource()` from a declared Jedis pool.
fn is_jedis_client(file: &JavaFile<'_>, call: Node<'_>) -> bool {
    let Some(recv) = receiver(call) else {
        return false;
    };
    match origin(file, recv, false) {
        Some(Origin::Type(written)) => JEDIS_CLIENTS
            .iter()
            .any(|fqn| names_class(file, written, fqn)),
        Some(Origin::Borrowed(pool)) => JEDIS_POOLS.iter().any(|fqn| names_class(file, pool, fqn)),
        _ => false,
    }
}

/// Whether `call` is a static call on `java.sql.DriverManager`.
fn is_driver_manager(file: &JavaFile<'_>, call: Node<'_>) -> bool {
    let Some(recv) = receiver(call) else {
        return false;
    };
    match recv.kind() {
        "identifier" => {
            declaration_of(file, recv).is_none()
                && names_class(file, file.text_of(recv), "java.sql.DriverManager")
        }
        "field_access" | "scoped_identifier" => {
            file.text_of(recv).split_whitespace().collect::<String>() == "java.sql.DriverManager"
        }
        _ => false,
    }
}

/// A one-argument call that sets a password or user name on a class known to take it.
fn setter(file: &JavaFile<'_>, call: Node<'_>, name: &str) -> Option<(Part, &'static str)> {
    let candidates: Vec<&(&str, &str, Part, &str)> =
        SETTERS.iter().filter(|(_, m, _, _)| *m == name).collect();
    let static_builder = matches!(name, "password" | "username" | "user" | "withPassword");
    if candidates.is_empty() && !static_builder {
        return None;
    }
    match origin(file, receiver(call)?, true)? {
        Origin::Type(written) => candidates
            .iter()
            .find(|(fqn, _, _, _)| is_type(file, written, fqn))
            .map(|(_, _, part, api)| (*part, *api)),
        Origin::Static(class) => {
            let part = match name {
                "password" | "withPassword" => Part::Secret,
                "username" | "user" => Part::Identity,
                _ => return None,
            };
            if name == "withPassword" {
                let lettuce = is_type(file, class, LETTUCE_URI)
                    || is_type(file, class, &format!("{LETTUCE_URI}.Builder"));
                return lettuce.then_some((part, "`RedisURI.Builder.withPassword`"));
            }
            if is_type(file, class, JEDIS_CLIENT_CONFIG) {
                let api = if part == Part::Secret {
                    "`DefaultJedisClientConfig.Builder.password`"
                } else {
                    "`DefaultJedisClientConfig.Builder.user`"
                };
                return Some((part, api));
            }
            let cdc = imported_from(file, class, STATIC_BUILDER_PACKAGES);
            (cdc && name != "user").then_some((part, "a Flink CDC source builder"))
        }
        Origin::Borrowed(_) => None,
    }
}

/// Whether the simple class name `class` is imported from a package starting with one of
/// `prefixes` (by name, or on demand when the file declares no class of that name).
fn imported_from(file: &JavaFile<'_>, class: &str, prefixes: &[&str]) -> bool {
    if class.contains('.') {
        return prefixes.iter().any(|p| class.starts_with(p));
    }
    file.imports().iter().any(|i| {
        prefixes.iter().any(|p| i.starts_with(p))
            && (i.rsplit('.').next() == Some(class)
                || (i.ends_with(".*") && scope::class_named(file, class).is_none()))
    })
}

/// Whether the written type names `fqn`, a class or a nested class (`Outer.Builder`): written
/// fully qualified, by its simple name imported by name or on demand, or as `Outer.Inner` with
/// `Outer` imported.
pub(crate) fn is_type(file: &JavaFile<'_>, written: &str, fqn: &str) -> bool {
    let compact: String = written
        .split('<')
        .next()
        .unwrap_or(written)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if names_class(file, &compact, fqn) {
        return true;
    }
    let Some((outer_written, inner)) = compact.rsplit_once('.') else {
        return false;
    };
    let Some(outer_fqn) = fqn.strip_suffix(inner).and_then(|o| o.strip_suffix('.')) else {
        return false;
    };
    names_class(file, outer_written, outer_fqn)
}

/// Where a receiver comes from.
#[derive(Clone, Copy, Debug)]
enum Origin<'a> {
    /// An object of the written type: a declared variable, `new T(..)`, a cast.
    Type(&'a str),
    /// The result of `pool.getResource()` on a pool of the written type.
    Borrowed(&'a str),
    /// A chain started by a static call on the written class (`MySqlSource.builder()`).
    Static(&'a str),
}

/// What `expr` is, by its declaration or creation. With `fluent`, calls are looked through to
/// their receiver (builder chains return the builder).
fn origin<'a>(file: &JavaFile<'a>, expr: Node<'_>, fluent: bool) -> Option<Origin<'a>> {
    let mut current = expr;
    for _ in 0..MAX_HOPS {
        match current.kind() {
            "parenthesized_expression" => current = current.named_child(0)?,
            "cast_expression" | "object_creation_expression" => {
                return Some(Origin::Type(
                    file.text_of(current.child_by_field_name("type")?),
                ));
            }
            "identifier" | "field_access" => {
                let decl = declaration_of(file, current)?;
                let declared = decl.ty.map(|t| file.text_of(t)).filter(|t| *t != "var");
                if let Some(written) = declared {
                    return Some(Origin::Type(written));
                }
                current = decl.value?;
            }
            "method_invocation" => {
                let inner = receiver(current)?;
                let name = method_name(file, current);
                if name == "getResource" && arguments(current).is_empty() {
                    return match origin(file, inner, false)? {
                        Origin::Type(pool) => Some(Origin::Borrowed(pool)),
                        _ => None,
                    };
                }
                // `Class.builder()` or `Outer.Builder.redis(..)`: a static call on a type.
                let is_type_name = matches!(inner.kind(), "identifier" | "field_access")
                    && declaration_of(file, inner).is_none()
                    && file
                        .text_of(inner)
                        .rsplit('.')
                        .next()
                        .and_then(|s| s.chars().next())
                        .is_some_and(char::is_uppercase);
                if is_type_name {
                    return Some(Origin::Static(file.text_of(inner)));
                }
                if !fluent {
                    return None;
                }
                current = inner;
            }
            _ => return None,
        }
    }
    None
}

/// The string literals an expression's value is written in: the literal itself, the pieces of
/// a concatenation, `"…".toCharArray()`, and through locals and `final` fields of this file the
/// literals of their initialisers. These are the bytes to redact.
pub(crate) fn literals_of<'t>(file: &'t JavaFile<'_>, expr: Node<'t>) -> Vec<Node<'t>> {
    let mut out = Vec::new();
    let mut pending = vec![expr];
    let mut steps = 0;
    while let Some(node) = pending.pop() {
        steps += 1;
        if steps > 256 {
            break;
        }
        match node.kind() {
            "string_literal" => out.push(node),
            "parenthesized_expression" => pending.extend(node.named_child(0)),
            "binary_expression" => {
                pending.extend(node.child_by_field_name("left"));
                pending.extend(node.child_by_field_name("right"));
            }
            "method_invocation" => {
                if matches!(
                    method_name(file, node),
                    "toCharArray" | "getBytes" | "trim" | "get" | "getString"
                ) {
                    // `"s".toCharArray()`, and a `ParameterTool` lookup's default.
                    pending.extend(receiver(node));
                    pending.extend(arguments(node).into_iter().skip(1));
                }
            }
            "identifier" | "field_access" => {
                if let Some(value) = declaration_of(file, node).and_then(|d| d.value) {
                    pending.push(value);
                }
            }
            _ => {}
        }
    }
    out.sort_by_key(Node::start_byte);
    out.dedup_by_key(|n| n.id());
    out
}

/// The value of the expression `value` of a sink as a string: folded, and for
/// `"…".toCharArray()` the folded receiver.
pub(crate) fn fold_secret(file: &JavaFile<'_>, value: Node<'_>) -> Option<fold::Folded<String>> {
    let value = scope::unparenthesize(value)?;
    if value.kind() == "method_invocation"
        && matches!(method_name(file, value), "toCharArray" | "getBytes")
    {
        return fold::string(file, receiver(value)?);
    }
    fold::string(file, value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(src: &str) -> Vec<(String, Part, &'static str)> {
        let file = JavaFile::parse(src).expect("parses");
        sinks(&file)
            .iter()
            .map(|s| (file.text_of(s.value).to_owned(), s.part, s.api))
            .collect()
    }

    #[test]
    fn jedis_pool_arguments_by_type() {
        let src = r#"import redis.clients.jedis.*;
class A {
  static final String HOST = "h";
  void m(String host, int port, JedisPoolConfig cfg, String pw) {
    new JedisPool(cfg, "h", 6379, 2000, "p1");
    new JedisPool(cfg, HOST, port, 2000, "u2", "p2", 0);
    new JedisPool("h", 6379, "u3", "p3");
    new JedisPool(cfg, host, port, 2000, "p4", 0, "client");
    new JedisPool(cfg, host, port, 2000, pw, true);
    new JedisPool(cfg, host, port, 2000, cfg.getPw(), 0);
    new JedisPool(cfg, host, port);
    new JedisPooled(cfg, host, port, 2000, null);
    new JedisPool(cfg, host, 6379, 1000, 2000, "p5", 0, "client");
    new JedisCluster(nodes, 500, 1000, 3, "p6", cfg);
    new JedisCluster(nodes, 500, 1000, 3, "u7", "p7", "client", cfg);
    new JedisCluster(nodes, 500, 1000, 3, "ambiguous", "client", cfg);
    new JedisCluster(nodes, 500, 3, cfg);
  }
}"#;
        let secrets: Vec<String> = found(src)
            .into_iter()
            .filter(|(_, part, _)| *part == Part::Secret)
            .map(|(text, _, _)| text)
            .collect();
        assert_eq!(
            secrets,
            [
                "\"p1\"", "\"p2\"", "\"p3\"", "\"p4\"", "pw", "null", "\"p5\"", "\"p6\"", "\"p7\""
            ]
        );
    }

    #[test]
    fn receivers_are_proven_by_types() {
        let src = r#"import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import java.sql.DriverManager;
import org.apache.http.auth.UsernamePasswordCredentials;
import com.ververica.cdc.connectors.mysql.source.MySqlSource;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
class A {
  JedisPool pool;
  void m(Jedis jedis, Other other) {
    jedis.auth("a1");
    new Jedis("h", 6379).auth("u", "a2");
    pool.getResource().auth("a3");
    other.auth("no1");
    auth("no2");
    DriverManager.getConnection("jdbc:x", "u", "a4");
    new UsernamePasswordCredentials("elastic", "a5");
    MySqlSource.<String>builder().hostname("h").username("u").password("a6").build();
    new JdbcConnectionOptions.JdbcConnectionOptionsBuilder().withUrl("x").withPassword("a7").build();
    user.setPassword("no3");
    Builder.password("no4");
  }
}"#;
        let secrets: Vec<String> = found(src)
            .into_iter()
            .filter(|(_, part, _)| *part == Part::Secret)
            .map(|(text, _, _)| text)
            .collect();
        assert_eq!(
            secrets,
            [
                "\"a1\"", "\"a2\"", "\"a3\"", "\"a4\"", "\"a5\"", "\"a6\"", "\"a7\""
            ]
        );
    }

    #[test]
    fn configuration_writes_by_key() {
        let src = r#"class A {
  static final String KEY = "fs.s3a.secret.key";
  void m(Configuration conf, Properties props) {
    conf.set(KEY, "s1");
    conf.set("fs.s3a.access.key", "AKIA");
    props.setProperty("password", "s2");
    props.setProperty("password.file", "/etc/pw");
    props.setProperty("user", "root");
    builder.option("password", "s3");
    map.put("url", "jdbc:x");
  }
}"#;
        let got: Vec<(String, Part)> = found(src)
            .into_iter()
            .map(|(text, part, _)| (text, part))
            .collect();
        assert_eq!(
            got,
            [
                ("\"s1\"".to_owned(), Part::Secret),
                ("\"AKIA\"".to_owned(), Part::Identity),
                ("\"s2\"".to_owned(), Part::Secret),
                ("\"s3\"".to_owned(), Part::Secret),
            ]
        );
    }

    #[test]
    fn literals_behind_a_value() {
        let src = r#"class A {
  static final String PW = "ab" + "cd";
  void m() { f(PW); f("x".toCharArray()); f(params.get("k", "dflt")); }
}"#;
        let file = JavaFile::parse(src).expect("parses");
        let calls: Vec<Node<'_>> = file
            .nodes_of_kind("method_invocation")
            .filter(|c| method_name(&file, *c) == "f")
            .collect();
        let texts = |n: Node<'_>| -> Vec<String> {
            literals_of(&file, n)
                .iter()
                .map(|l| file.text_of(*l).to_owned())
                .collect()
        };
        assert_eq!(texts(arguments(calls[0])[0]), ["\"ab\"", "\"cd\""]);
        assert_eq!(texts(arguments(calls[1])[0]), ["\"x\""]);
        assert_eq!(texts(arguments(calls[2])[0]), ["\"dflt\""]);
    }

    #[test]
    fn data_sources_connectors_and_redis_uris() {
        let src = r#"import com.zaxxer.hikari.HikariConfig;
import io.lettuce.core.RedisURI;
import org.apache.flink.connector.elasticsearch.sink.Elasticsearch7SinkBuilder;
import com.acme.model.User;
class A {
  void m(HikariConfig hikari) {
    hikari.setPassword("b1");
    RedisURI.builder().withHost("h").withPassword("b2").build();
    RedisURI.Builder.redis("h", 6379).withPassword("b3".toCharArray()).build();
    new Elasticsearch7SinkBuilder<String>().setConnectionUsername("u").setConnectionPassword("b4");
    User.builder().username("admin").password("no1").build();
    new User().setPassword("no2");
  }
}"#;
        let secrets: Vec<(String, &str)> = found(src)
            .into_iter()
            .filter(|(_, part, _)| *part == Part::Secret)
            .map(|(text, _, api)| (text, api))
            .collect();
        assert_eq!(
            secrets,
            [
                ("\"b1\"".to_owned(), "`HikariConfig.setPassword`"),
                ("\"b2\"".to_owned(), "`RedisURI.Builder.withPassword`"),
                (
                    "\"b3\".toCharArray()".to_owned(),
                    "`RedisURI.Builder.withPassword`"
                ),
                (
                    "\"b4\"".to_owned(),
                    "`Elasticsearch7SinkBuilder.setConnectionPassword`"
                ),
            ]
        );
    }
}
