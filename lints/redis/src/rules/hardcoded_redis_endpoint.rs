use bdl_core::{Ctx, RuleMeta, Severity, Span, TestSources, declare_rule};
use bdl_syntax::java::chain::{self, method_name, receiver};
use bdl_syntax::java::fold::{self, Certainty, arguments};
use bdl_syntax::java::scope::{declaration_of, names_class, unparenthesize};
use bdl_syntax::{JavaFile, Rule};
use tree_sitter::Node;

declare_rule! {
    /// ## What it does
    /// Reports a Redis host written as a literal in Java where a Jedis client or the Bahir
    /// Flink Redis connector connects to it:
    ///
    /// - the host (and port) arguments of `new JedisPool(..)`, `new JedisPooled(..)` and
    ///   `new Jedis(..)`: the `String` right before the first `int` argument (the port), or a
    ///   lone `String` argument (a host or a `redis://` URI);
    /// - `new HostAndPort("host", port)`;
    /// - `new FlinkJedisPoolConfig.Builder().setHost("host")`, with the `setPort(n)` of the
    ///   same chain named in the message.
    ///
    /// The host is folded (literals, concatenation, constants of this and other files); a host
    /// read at runtime (`ParameterTool`, `System.getenv`, a properties file, a `ParameterTool`
    /// default) is the intended practice and is not reported. The classes are recognised by
    /// their imports (`redis.clients.jedis`, the Bahir configuration package), never by a
    /// variable's name.
    ///
    /// This rule reports `info` only: it is the host/port half of a hardcoded connection. A
    /// literal Redis password in the same call is `SEC001`'s (hardcoded-credential), at
    /// `error`; this rule masks such a password in its own excerpt too.
    ///
    /// Deliberately not reported:
    /// - a literal port with a host read at runtime (`new JedisPool(cfg, host, 6379)`): the
    ///   default port is not environment coupling worth a finding;
    /// - test sources, where `localhost` and a container's port are the point: see
    ///   `lint-test-sources`;
    /// - Spring's `spring.(data.)redis.host`: a configuration file is where an endpoint
    ///   belongs.
    ///
    /// ## Why is this bad?
    /// A host written into the job ties the build to one environment: moving from staging to
    /// production, failing over to a replica or migrating the cluster needs a code change, a
    /// rebuild and a redeploy instead of a configuration change. On Flink the code runs on
    /// every TaskManager, so a `localhost` that worked in the IDE connects to nothing (or to
    /// the wrong Redis) on the cluster.
    ///
    /// ## Example
    /// ```java file=RedisSink.java bad
    /// import redis.clients.jedis.JedisPool;
    /// import redis.clients.jedis.JedisPoolConfig;
    ///
    /// class RedisSink {
    ///     JedisPool open() {
    ///         return new JedisPool(new JedisPoolConfig(), "10.0.0.5", 6379);
    ///     }
    /// }
    /// ```
    ///
    /// Use instead:
    ///
    /// ```java file=RedisSink.java good
    /// import org.apache.flink.api.java.utils.ParameterTool;
    /// import redis.clients.jedis.JedisPool;
    /// import redis.clients.jedis.JedisPoolConfig;
    ///
    /// class RedisSink {
    ///     JedisPool open(ParameterTool params) {
    ///         return new JedisPool(new JedisPoolConfig(), params.getRequired("redis.host"),
    ///                 params.getInt("redis.port", 6379));
    ///     }
    /// }
    /// ```
    ///
    /// ## How to fix
    /// Read the host and port from the job's configuration: `ParameterTool` arguments, the
    /// environment, or a properties file packaged per environment.
    ///
    /// ## Options
    /// - `lint-test-sources` (boolean, default `false`): also lint test sources
    ///   (`src/test/**`, `*Test.java`, `*IT.java`, `*ITCase.java`), which connect to local
    ///   containers on purpose.
    ///
    /// ## References
    /// - Jedis `JedisPool` constructors: <https://github.com/redis/jedis/blob/master/src/main/java/redis/clients/jedis/JedisPool.java>
    /// - Apache Bahir Flink Redis connector, `FlinkJedisPoolConfig`: <https://github.com/apache/bahir-flink/blob/master/flink-connector-redis/src/main/java/org/apache/flink/streaming/connectors/redis/common/config/FlinkJedisPoolConfig.java>
    /// - Flink, handling application parameters (`ParameterTool`): <https://nightlies.apache.org/flink/flink-docs-stable/docs/dev/datastream/application_parameters/>
    /// - The Twelve-Factor App, config: <https://12factor.net/config>
    pub HardcodedRedisEndpoint {
        code: "RDS007",
        name: "hardcoded-redis-endpoint",
        summary: "host of a Redis server written as a literal where a Jedis client connects",
        severity: Info,
        kinds: [Java],
        triggers: ["JedisPool", "JedisPooled", "new Jedis", "HostAndPort", "setHost"],
        options: [TestSources::SKIP_BY_DEFAULT],
    }
}

/// Jedis classes whose constructors take `(…, host, port, …)` or a lone host or URI.
const JEDIS_CLIENTS: &[(&str, &str)] = &[
    ("redis.clients.jedis.JedisPool", "new JedisPool(..)"),
    ("redis.clients.jedis.JedisPooled", "new JedisPooled(..)"),
    ("redis.clients.jedis.Jedis", "new Jedis(..)"),
];

const HOST_AND_PORT: &str = "redis.clients.jedis.HostAndPort";

/// The Bahir pool configuration and its builder.
const BAHIR_POOL_CONFIG: &str =
    "org.apache.flink.streaming.connectors.redis.common.config.FlinkJedisPoolConfig";

/// Declared integer types of a port argument.
const INT_TYPES: &[&str] = &["int", "Integer", "long", "Long", "short"];

/// How many receivers and parentheses a walk goes through.
const MAX_HOPS: usize = 64;

impl Rule for HardcodedRedisEndpoint {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        if !file.imports_from("redis.clients.jedis")
            && !file.imports_from("org.apache.flink.streaming.connectors.redis")
        {
            return;
        }
        for creation in file.nodes_of_kind("object_creation_expression") {
            check_creation(file, creation, cx);
        }
        for call in file.nodes_of_kind("method_invocation") {
            if method_name(file, call) == "setHost" && arguments(call).len() == 1 {
                check_bahir_host(file, call, cx);
            }
        }
    }
}

fn check_creation(file: &JavaFile<'_>, creation: Node<'_>, cx: &mut Ctx<'_>) {
    let Some(ty) = creation.child_by_field_name("type") else {
        return;
    };
    let written = file.text_of(ty);
    let args = arguments(creation);
    if names_class(file, written, HOST_AND_PORT) {
        if let [host, port] = args.as_slice() {
            report(file, cx, "new HostAndPort(..)", *host, Some(*port), &[]);
        }
        return;
    }
    let Some((_, api)) = JEDIS_CLIENTS
        .iter()
        .find(|(fqn, _)| names_class(file, written, fqn))
    else {
        return;
    };
    let first_int = args.iter().position(|a| is_int(file, *a));
    let (host, port) = match first_int {
        Some(0) => return,
        Some(at) => (args.get(at - 1).copied(), args.get(at).copied()),
        None => {
            // `new JedisPool("redis://…")`, `new JedisPool(cfg, "host")`: the one string.
            let strings: Vec<Node<'_>> = args
                .iter()
                .copied()
                .filter(|a| fold::string(file, *a).is_some())
                .collect();
            match strings.as_slice() {
                [one] => (Some(*one), None),
                _ => return,
            }
        }
    };
    let Some(host) = host else {
        return;
    };
    // Every other string argument may be a user, a password or a client name: masked.
    let others: Vec<Node<'_>> = args
        .iter()
        .copied()
        .filter(|a| a.id() != host.id())
        .collect();
    report(file, cx, api, host, port, &others);
}

/// `new FlinkJedisPoolConfig.Builder()…setHost("h")`, with the chain's `setPort(n)`.
fn check_bahir_host(file: &JavaFile<'_>, call: Node<'_>, cx: &mut Ctx<'_>) {
    if !is_bahir_pool_builder(file, call) {
        return;
    }
    let Some(host) = arguments(call).first().copied() else {
        return;
    };
    let calls = chain::calls(file, call);
    let port = calls
        .iter()
        .filter(|c| method_name(file, **c) == "setPort")
        .find_map(|c| arguments(*c).first().copied());
    // The chain's `setPassword` arguments are masked in this finding's excerpt.
    let secrets: Vec<Node<'_>> = calls
        .iter()
        .filter(|c| method_name(file, **c) == "setPassword")
        .flat_map(|c| arguments(*c))
        .collect();
    report(
        file,
        cx,
        "FlinkJedisPoolConfig.Builder.setHost",
        host,
        port,
        &secrets,
    );
}

/// Whether `call`'s receiver chain starts at a Bahir `FlinkJedisPoolConfig.Builder`: created
/// with `new`, or held in a variable declared as one.
fn is_bahir_pool_builder(file: &JavaFile<'_>, call: Node<'_>) -> bool {
    let Some(mut current) = receiver(call) else {
        return false;
    };
    for _ in 0..MAX_HOPS {
        match current.kind() {
            "method_invocation" => match receiver(current) {
                Some(r) => current = r,
                None => return false,
            },
            "parenthesized_expression" => match current.named_child(0) {
                Some(inner) => current = inner,
                None => return false,
            },
            "object_creation_expression" => {
                return current
                    .child_by_field_name("type")
                    .is_some_and(|t| is_bahir_builder_type(file, file.text_of(t)));
            }
            "identifier" | "field_access" => {
                let Some(decl) = declaration_of(file, current) else {
                    return false;
                };
                match decl.ty.map(|t| file.text_of(t)).filter(|t| *t != "var") {
                    Some(written) => return is_bahir_builder_type(file, written),
                    None => match decl.value {
                        Some(value) => current = value,
                        None => return false,
                    },
                }
            }
            _ => return false,
        }
    }
    false
}

/// `FlinkJedisPoolConfig.Builder` written qualified, through its imported outer class, or
/// imported itself.
fn is_bahir_builder_type(file: &JavaFile<'_>, written: &str) -> bool {
    let text: String = written.chars().filter(|c| !c.is_whitespace()).collect();
    let nested = format!("{BAHIR_POOL_CONFIG}.Builder");
    text == nested
        || (text == "FlinkJedisPoolConfig.Builder"
            && names_class(file, "FlinkJedisPoolConfig", BAHIR_POOL_CONFIG))
        || (text == "Builder" && file.imports().contains(&nested))
}

/// Whether an argument is an `int`: a folded integer, a local, parameter or field declared
/// with an integer type, or a call that returns one (`Integer.parseInt(..)`,
/// `Integer.valueOf(..)`, `params.getInt(..)`).
fn is_int(file: &JavaFile<'_>, arg: Node<'_>) -> bool {
    if fold::int(file, arg).is_some() {
        return true;
    }
    let Some(arg) = unparenthesize(arg) else {
        return false;
    };
    if arg.kind() == "method_invocation" {
        let on = receiver(arg).map(|r| file.text_of(r));
        return match method_name(file, arg) {
            "parseInt" | "parseLong" | "intValue" | "getInt" | "getInteger" | "getLong" => true,
            "valueOf" => matches!(on, Some("Integer" | "Long" | "java.lang.Integer")),
            _ => false,
        };
    }
    declaration_of(file, arg)
        .and_then(|d| d.simple_type(file))
        .is_some_and(|t| INT_TYPES.contains(&t))
}

/// Reports `host` when it is a literal (not a `ParameterTool` default, not a placeholder),
/// naming the literal port when there is one, and masks the string literals of `secrets`.
fn report(
    file: &JavaFile<'_>,
    cx: &mut Ctx<'_>,
    api: &str,
    host: Node<'_>,
    port: Option<Node<'_>>,
    secrets: &[Node<'_>],
) {
    let Some(folded) = fold::string(file, host) else {
        return;
    };
    let value = folded.value.trim();
    if folded.certainty == Certainty::Default
        || value.is_empty()
        || value.contains("${")
        || value.starts_with('$')
    {
        return;
    }
    let port = port
        .and_then(|p| fold::int(file, p))
        .filter(|p| p.certainty == Certainty::Certain)
        .map(|p| p.value);
    let endpoint = match port {
        Some(port) => format!("{}:{port}", shown(value)),
        None => shown(value),
    };
    let message = format!("hardcoded Redis endpoint `{endpoint}` in `{api}`");
    let mut reported = cx.report(Severity::Info, JavaFile::span_of(host), message);
    reported
        .help("read the Redis host and port from the job's configuration (`ParameterTool`, the environment)")
        .anchor(format!("{api} {endpoint}"));
    if let Some(at) = folded.defined_at {
        reported.label(at, "the host is written here");
    }
    for secret in secrets {
        for literal in string_literals(*secret) {
            reported.redact(between_quotes(file, literal));
        }
    }
    // A URI's user info may hold a password: masked where it is written.
    if shown(&folded.value) != folded.value.chars().take(60).collect::<String>() {
        for literal in string_literals(host) {
            let span = JavaFile::span_of(literal);
            let text = span.slice(file.text());
            match (text.find("://"), text.rfind('@')) {
                (Some(scheme), Some(at)) if scheme + 3 <= at => {
                    reported.redact(Span::new(span.start + scheme + 3, span.start + at));
                }
                _ => {
                    reported.redact(span);
                }
            }
        }
    }
}

/// The text of a string literal between its quotes (a text block's between its `"""`).
fn between_quotes(file: &JavaFile<'_>, literal: Node<'_>) -> Span {
    let span = JavaFile::span_of(literal);
    let quotes = if file.text_of(literal).starts_with("\"\"\"") {
        3
    } else {
        1
    };
    if span.len() >= 2 * quotes {
        Span::new(span.start + quotes, span.end - quotes)
    } else {
        span
    }
}

/// A host as a message shows it: a `redis://` URI without its user info (which may hold a
/// password), on one line, at most 60 characters.
fn shown(host: &str) -> String {
    let mut text = host.to_owned();
    if let Some(scheme_end) = text.find("://") {
        let start = scheme_end + 3;
        let rest = &text[start..];
        let authority = rest.find(['/', '?', '#']).map_or(rest, |end| &rest[..end]);
        if let Some(at) = authority.rfind('@') {
            text.replace_range(start..=start + at, "");
        }
    }
    let one_line: String = text
        .chars()
        .map(|c| if c.is_control() || c == '`' { ' ' } else { c })
        .take(60)
        .collect();
    one_line
}

/// The string literals an argument's value is written in: the literal, the pieces of a
/// concatenation, the receiver of `"p".toCharArray()`. Not the arguments of calls
/// (`System.getenv("REDIS_PASSWORD")` names a variable, not a secret). An explicit stack.
fn string_literals(expr: Node<'_>) -> Vec<Node<'_>> {
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
            "method_invocation" => pending.extend(receiver(node)),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use bdl_core::Diagnostic;
    use bdl_syntax::check_one;

    use super::*;

    fn lint(src: &str) -> Vec<Diagnostic> {
        check_one(&HardcodedRedisEndpoint, "RedisJob.java", src)
    }

    fn messages(d: &[Diagnostic]) -> Vec<(u32, &str)> {
        d.iter()
            .map(|d| (d.start.line, d.message.as_str()))
            .collect()
    }

    #[test]
    fn jedis_constructors() {
        let src = "import redis.clients.jedis.*;\nclass RedisJob {\n  static final String HOST = \"redis.prod\";\n  void m(JedisPoolConfig cfg, int port, String host) {\n    new JedisPool(cfg, \"10.0.0.5\", 6379, 2000, \"s3cr3t\");\n    new JedisPool(cfg, HOST, port);\n    new Jedis(\"localhost\");\n    new JedisPool(\"redis://:s3cr3t@10.0.0.6:6379/0\");\n    new HostAndPort(\"10.0.0.7\", 7000);\n    new JedisPool(cfg, host, 6379, 2000, \"s3cr3t\");\n    new JedisPool(cfg, System.getenv(\"REDIS_HOST\"), 6379);\n  }\n}\n";
        let d = lint(src);
        assert_eq!(
            messages(&d),
            [
                (
                    5,
                    "hardcoded Redis endpoint `10.0.0.5:6379` in `new JedisPool(..)`"
                ),
                (
                    6,
                    "hardcoded Redis endpoint `redis.prod` in `new JedisPool(..)`"
                ),
                (7, "hardcoded Redis endpoint `localhost` in `new Jedis(..)`"),
                (
                    8,
                    "hardcoded Redis endpoint `redis://10.0.0.6:6379/0` in `new JedisPool(..)`"
                ),
                (
                    9,
                    "hardcoded Redis endpoint `10.0.0.7:7000` in `new HostAndPort(..)`"
                ),
            ]
        );
        // The password is masked in the excerpt and kept out of the fingerprint.
        assert_eq!(d[0].fingerprint, "new JedisPool(..) 10.0.0.5:6379");
        // The password argument and the URI's user info; every finding of the file carries both.
        let masked: Vec<&str> = d[0].redactions.iter().map(|s| s.slice(src)).collect();
        assert_eq!(masked, ["s3cr3t", ":s3cr3t"]);
        assert_eq!(d[1].labels.len(), 1, "the constant is labelled");
        for d in &d {
            assert!(!d.message.contains("s3cr3t") && !d.fingerprint.contains("s3cr3t"));
        }
    }

    #[test]
    fn bahir_builder_host() {
        let src = "import org.apache.flink.streaming.connectors.redis.common.config.FlinkJedisPoolConfig;\nclass RedisJob {\n  void m(ParameterTool params) {\n    new FlinkJedisPoolConfig.Builder()\n        .setHost(\"redis.internal\")\n        .setPort(6380)\n        .setPassword(\"s3cr3t\")\n        .build();\n    FlinkJedisPoolConfig.Builder b = new FlinkJedisPoolConfig.Builder();\n    b.setHost(\"127.0.0.1\");\n    new FlinkJedisPoolConfig.Builder().setHost(params.get(\"redis.host\", \"localhost\")).build();\n    other.setHost(\"10.0.0.9\");\n  }\n}\n";
        let d = lint(src);
        assert_eq!(
            messages(&d),
            [
                (
                    5,
                    "hardcoded Redis endpoint `redis.internal:6380` in `FlinkJedisPoolConfig.Builder.setHost`"
                ),
                (
                    10,
                    "hardcoded Redis endpoint `127.0.0.1` in `FlinkJedisPoolConfig.Builder.setHost`"
                ),
            ]
        );
        let masked: Vec<&str> = d[0].redactions.iter().map(|s| s.slice(src)).collect();
        assert_eq!(masked, ["s3cr3t"]);
    }

    #[test]
    fn unproven_classes_and_runtime_hosts_are_silent() {
        let src = "import com.acme.JedisPool;\nclass RedisJob {\n  void m(Config c) {\n    new JedisPool(\"10.0.0.5\", 6379);\n  }\n}\n";
        assert!(lint(src).is_empty());
        let src = "import redis.clients.jedis.*;\nclass RedisJob {\n  void m(Config c, String[] args) {\n    new JedisPool(c.getPoolConfig(), args[0], Integer.parseInt(args[1]));\n    new JedisPool(\"${redis.host}\", 6379);\n    new HostAndPort(host, 6379);\n    new JedisPool(c.getPoolConfig(), c.host(), 6379);\n  }\n}\n";
        assert!(lint(src).is_empty());
    }

    #[test]
    fn ports_parsed_at_runtime_still_mark_the_host() {
        let src = "import redis.clients.jedis.*;\nclass RedisJob {\n  void m(String[] args) {\n    new JedisPool(new JedisPoolConfig(), \"127.0.0.1\", Integer.valueOf(args[1]), 20000);\n    new JedisPool(\"10.0.0.5\", Integer.parseInt(args[0]));\n  }\n}\n";
        assert_eq!(
            messages(&lint(src)),
            [
                (
                    4,
                    "hardcoded Redis endpoint `127.0.0.1` in `new JedisPool(..)`"
                ),
                (
                    5,
                    "hardcoded Redis endpoint `10.0.0.5` in `new JedisPool(..)`"
                ),
            ]
        );
    }

    #[test]
    fn shown_hosts() {
        assert_eq!(shown("redis://user:s3cr3t@h:6379"), "redis://h:6379");
        assert_eq!(
            shown("redis://h:6379/0?client=a@b"),
            "redis://h:6379/0?client=a@b"
        );
        assert_eq!(shown("a`b\nc"), "a b c");
        assert_eq!(shown(&"h".repeat(100)).len(), 60);
    }
}
