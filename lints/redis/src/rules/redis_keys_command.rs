use bdl_core::{Ctx, RuleMeta, Severity, TestSources, declare_rule};
use bdl_syntax::java::chain::{call_anchor, method_name, receiver};
use bdl_syntax::java::fold::{self, arguments};
use bdl_syntax::{JavaFile, Rule};
use tree_sitter::Node;

use crate::helpers::{self, JEDIS_PACKAGE};

declare_rule! {
    /// ## What it does
    /// Flags the Redis `KEYS` command in Java code:
    /// - `keys(pattern)` on a Jedis client (`Jedis`, `JedisPooled`, `JedisCluster`,
    ///   `UnifiedJedis`, `ShardedJedis`, a `Pipeline` or `Transaction`, the `JedisCommands` /
    ///   `KeyCommands` interfaces, or `pool.getResource()`), on a Lettuce command interface
    ///   (`RedisCommands`, `RedisAsyncCommands`, `RedisReactiveCommands`, their key and cluster
    ///   variants, or `connection.sync()` / `.async()` / `.reactive()`), or on Spring Data
    ///   Redis (`RedisTemplate`, `StringRedisTemplate`, `RedisOperations`, `RedisConnection`,
    ///   `RedisKeyCommands`, `connection.keyCommands()`);
    /// - `sendCommand(Protocol.Command.KEYS, …)` (Jedis) and `dispatch(CommandType.KEYS, …)`
    ///   (Lettuce);
    /// - a Lua script in a string literal that calls `redis.call('KEYS', …)` or
    ///   `redis.pcall('KEYS', …)`, in a file that uses a Redis client.
    ///
    /// The receiver must be provably one of these types (declared type, import, constructor,
    /// a method declared to return one, or a member of a class of another file), so `keys()`
    /// of a `Map`, a `JSONObject`, a `Properties` or any other class is never reported.
    /// Test sources are skipped by default (tests often clear a throw-away Redis with
    /// `KEYS *`); see `lint-test-sources`.
    ///
    /// ## Why is this bad?
    /// Redis runs commands on one thread. `KEYS pattern` walks the entire keyspace, O(N) in
    /// the number of keys in the database whatever the pattern matches, and answers only
    /// when it is done: on a database of millions of keys it blocks every other client for
    /// hundreds of milliseconds or seconds, long enough to trip client timeouts and, in a
    /// cluster, failure detection. The Redis documentation warns: "consider KEYS as a command
    /// that should only be used in production environments with extreme care", and
    /// recommends `SCAN` (or sets) instead. Managed Redis services commonly let operators disable
    /// or rename `KEYS` for this reason, so the call can also simply fail there. Spring Data Redis's
    /// `RedisTemplate.keys(pattern)` is a plain `KEYS` too.
    ///
    /// ## Example
    /// ```java file=SessionCleaner.java bad
    /// import java.util.Set;
    ///
    /// import redis.clients.jedis.Jedis;
    /// import redis.clients.jedis.JedisPool;
    ///
    /// class SessionCleaner {
    ///     void clean(JedisPool pool) {
    ///         try (Jedis jedis = pool.getResource()) {
    ///             Set<String> keys = jedis.keys("session:*");
    ///             keys.forEach(jedis::del);
    ///         }
    ///     }
    /// }
    /// ```
    ///
    /// Use instead:
    ///
    /// ```java file=SessionCleaner.java good
    /// import redis.clients.jedis.Jedis;
    /// import redis.clients.jedis.JedisPool;
    /// import redis.clients.jedis.params.ScanParams;
    /// import redis.clients.jedis.resps.ScanResult;
    ///
    /// class SessionCleaner {
    ///     void clean(JedisPool pool) {
    ///         try (Jedis jedis = pool.getResource()) {
    ///             ScanParams params = new ScanParams().match("session:*").count(500);
    ///             String cursor = ScanParams.SCAN_POINTER_START;
    ///             do {
    ///                 ScanResult<String> page = jedis.scan(cursor, params);
    ///                 page.getResult().forEach(jedis::del);
    ///                 cursor = page.getCursor();
    ///             } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    ///         }
    ///     }
    /// }
    /// ```
    ///
    /// ## How to fix
    /// Iterate with `SCAN` and a `MATCH` pattern (`jedis.scan(cursor, new
    /// ScanParams().match(pattern).count(n))`, Lettuce's `ScanIterator.scan(commands,
    /// ScanArgs.Builder.matches(pattern))`, Spring's `RedisTemplate.scan(ScanOptions)` or
    /// `connection.keyCommands().scan(options)`): it returns a page at a time and lets other
    /// clients run in between. Better still, keep the keys you need to find in a set or a
    /// hash and read that.
    ///
    /// ## Options
    /// - `lint-test-sources` (boolean, default `false`): also lint test sources
    ///   (`src/test/**`, `*Test.java`, `*IT.java`, `*ITCase.java`).
    ///
    /// ## References
    /// - Redis docs, `KEYS` (the production warning): <https://redis.io/docs/latest/commands/keys/>
    /// - Redis docs, `SCAN`: <https://redis.io/docs/latest/commands/scan/>
    /// - Jedis `ScanParams`: <https://github.com/redis/jedis/blob/master/src/main/java/redis/clients/jedis/params/ScanParams.java>
    /// - Spring Data Redis, `RedisTemplate`: <https://docs.spring.io/spring-data/redis/reference/redis/template.html>
    pub RedisKeysCommand {
        code: "RDS008",
        name: "redis-keys-command",
        summary: "the Redis `KEYS` command, which blocks the server while it scans every key",
        severity: Warning,
        kinds: [Java],
        triggers: ["keys(", "KEYS", "redis.call", "redis.pcall"],
        options: [TestSources::SKIP_BY_DEFAULT],
    }
}

/// Classes and interfaces whose `keys(pattern)` is the `KEYS` command.
const KEYS_RECEIVERS: &[&str] = &[
    "redis.clients.jedis.Jedis",
    "redis.clients.jedis.BinaryJedis",
    "redis.clients.jedis.JedisCluster",
    "redis.clients.jedis.BinaryJedisCluster",
    "redis.clients.jedis.JedisPooled",
    "redis.clients.jedis.UnifiedJedis",
    "redis.clients.jedis.ShardedJedis",
    "redis.clients.jedis.Pipeline",
    "redis.clients.jedis.Transaction",
    "redis.clients.jedis.PipelineBase",
    "redis.clients.jedis.JedisCommands",
    "redis.clients.jedis.MultiKeyCommands",
    "redis.clients.jedis.commands.JedisCommands",
    "redis.clients.jedis.commands.MultiKeyCommands",
    "redis.clients.jedis.commands.KeyCommands",
    "redis.clients.jedis.commands.KeyBinaryCommands",
    "io.lettuce.core.api.sync.RedisCommands",
    "io.lettuce.core.api.sync.RedisKeyCommands",
    "io.lettuce.core.api.async.RedisAsyncCommands",
    "io.lettuce.core.api.async.RedisKeyAsyncCommands",
    "io.lettuce.core.api.reactive.RedisReactiveCommands",
    "io.lettuce.core.api.reactive.RedisKeyReactiveCommands",
    "io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands",
    "io.lettuce.core.cluster.api.sync.RedisClusterCommands",
    "io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands",
    "io.lettuce.core.cluster.api.reactive.RedisAdvancedClusterReactiveCommands",
    "org.springframework.data.redis.core.RedisTemplate",
    "org.springframework.data.redis.core.StringRedisTemplate",
    "org.springframework.data.redis.core.RedisOperations",
    "org.springframework.data.redis.core.ReactiveRedisTemplate",
    "org.springframework.data.redis.core.ReactiveRedisOperations",
    "org.springframework.data.redis.connection.RedisConnection",
    "org.springframework.data.redis.connection.StringRedisConnection",
    "org.springframework.data.redis.connection.RedisKeyCommands",
    "org.springframework.data.redis.connection.ReactiveKeyCommands",
];

/// Lettuce connections whose `sync()` / `async()` / `reactive()` are command interfaces.
const LETTUCE_CONNECTIONS: &[&str] = &[
    "io.lettuce.core.api.StatefulRedisConnection",
    "io.lettuce.core.cluster.api.StatefulRedisClusterConnection",
];

/// Lettuce clients whose `connect()` is a connection.
const LETTUCE_CLIENTS: &[&str] = &[
    "io.lettuce.core.RedisClient",
    "io.lettuce.core.cluster.RedisClusterClient",
];

/// Spring connections whose `keyCommands()` is `RedisKeyCommands`.
const SPRING_CONNECTIONS: &[&str] = &[
    "org.springframework.data.redis.connection.RedisConnection",
    "org.springframework.data.redis.connection.ReactiveRedisConnection",
];

/// Packages of the Redis clients whose presence makes a Lua literal a Redis script.
const REDIS_PACKAGES: &[&str] = &[
    JEDIS_PACKAGE,
    "io.lettuce.core",
    "org.springframework.data.redis",
    "org.redisson",
];

impl Rule for RedisKeysCommand {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        if !REDIS_PACKAGES.iter().any(|p| file.imports_from(p)) {
            return;
        }
        for call in file.nodes_of_kind("method_invocation") {
            let name = method_name(file, call);
            let args = arguments(call);
            match name {
                "keys"
                    if args.len() == 1
                        && receiver(call).is_some_and(|r| is_keys_receiver(file, r)) =>
                {
                    let pattern = args
                        .first()
                        .and_then(|a| fold::string(file, *a))
                        .map(|f| f.value)
                        .filter(|p| p.len() <= 40);
                    report(file, cx, call, pattern.as_deref());
                }
                "sendCommand" | "dispatch"
                    if args
                        .first()
                        .is_some_and(|a| is_keys_command_constant(file, *a)) =>
                {
                    report(file, cx, call, None);
                }
                _ => {}
            }
        }
        for kind in ["string_literal", "text_block"] {
            for literal in file.nodes_of_kind(kind) {
                if calls_keys_in_lua(file.text_of(literal)) {
                    cx.report(
                        Severity::Warning,
                        JavaFile::span_of(literal),
                        "this Lua script calls `KEYS`, which blocks the Redis server while it \
                         scans every key, for the whole run of the script",
                    )
                    .help("pass the keys to the script in `KEYS[]`, or iterate with `SCAN` outside it");
                }
            }
        }
    }
}

fn report(file: &JavaFile<'_>, cx: &mut Ctx<'_>, call: Node<'_>, pattern: Option<&str>) {
    let what = pattern.map_or_else(|| "`KEYS`".to_owned(), |p| format!("`KEYS {p}`"));
    cx.report(
        Severity::Warning,
        JavaFile::span_of(call),
        format!(
            "{what} scans every key of the database in one blocking command: other clients wait \
             until it is done"
        ),
    )
    .help("iterate with `SCAN` and a `MATCH` pattern instead, or keep the keys in a set")
    .anchor(call_anchor(file, call));
}

/// Whether `expr` is a Jedis, Lettuce or Spring Data Redis object whose `keys(pattern)` sends
/// `KEYS`.
fn is_keys_receiver(file: &JavaFile<'_>, expr: Node<'_>) -> bool {
    helpers::is_type(file, expr, KEYS_RECEIVERS, &produces_commands)
}

/// Calls that produce a command interface: `pool.getResource()`, Lettuce `connection.sync()`
/// (and `async()`, `reactive()`), Spring `connection.keyCommands()`.
fn produces_commands(file: &JavaFile<'_>, call: Node<'_>) -> bool {
    match method_name(file, call) {
        "getResource" => helpers::is_get_resource(file, call),
        "sync" | "async" | "reactive" => receiver(call).is_some_and(|r| {
            helpers::is_type(file, r, LETTUCE_CONNECTIONS, &|file, c| {
                method_name(file, c) == "connect"
                    && receiver(c).is_some_and(|client| {
                        helpers::is_type(file, client, LETTUCE_CLIENTS, &helpers::no_producer)
                    })
            })
        }),
        "keyCommands" => receiver(call)
            .is_some_and(|r| helpers::is_type(file, r, SPRING_CONNECTIONS, &helpers::no_producer)),
        _ => false,
    }
}

/// `Protocol.Command.KEYS`, `Command.KEYS` (Jedis) or `CommandType.KEYS` (Lettuce).
fn is_keys_command_constant(file: &JavaFile<'_>, argument: Node<'_>) -> bool {
    let text: String = file
        .text_of(argument)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    text.ends_with("Command.KEYS") || text.ends_with("CommandType.KEYS")
}

/// Whether a Java string literal holds a Lua `redis.call('KEYS', …)` / `redis.pcall("keys", …)`.
fn calls_keys_in_lua(literal: &str) -> bool {
    let compact: String = literal
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    ["redis.call(", "redis.pcall("].iter().any(|call| {
        compact.match_indices(call).any(|(at, _)| {
            let rest = compact.get(at + call.len()..).unwrap_or("");
            let rest = rest.trim_start_matches('\\');
            let rest = rest.strip_prefix(['\'', '"']).unwrap_or("");
            rest.starts_with("keys\\\"") || rest.starts_with("keys'") || rest.starts_with("keys\"")
        })
    })
}

#[cfg(test)]
mod tests {
    use bdl_core::Diagnostic;
    use bdl_syntax::check_one;

    use super::*;

    fn check(imports: &str, class: &str) -> Vec<Diagnostic> {
        check_one(&RedisKeysCommand, "Keys.java", &format!("{imports}{class}"))
    }

    fn lines(imports: &str, class: &str) -> Vec<u32> {
        let offset = u32::try_from(imports.lines().count()).unwrap_or(0);
        check(imports, class)
            .iter()
            .map(|d| d.start.line - offset)
            .collect()
    }

    #[test]
    fn jedis_receivers() {
        let imports = "import redis.clients.jedis.*;\n";
        let class = "class Keys {\n\
            JedisPool pool;\n\
            void a(Jedis jedis, JedisCluster cluster, UnifiedJedis unified) {\n\
              jedis.keys(\"session:*\");\n\
              cluster.keys(\"*\");\n\
              unified.keys(\"user:*\".getBytes());\n\
              pool.getResource().keys(\"*\");\n\
              try (Jedis j = pool.getResource()) { j.keys(\"a*\"); }\n\
              jedis.sendCommand(Protocol.Command.KEYS, \"*\");\n\
            }\n\
        }\n";
        assert_eq!(lines(imports, class), [4, 5, 6, 7, 8, 9]);
        let d = check(imports, class);
        assert_eq!(
            d[0].message,
            "`KEYS session:*` scans every key of the database in one blocking command: other \
             clients wait until it is done"
        );
    }

    #[test]
    fn lettuce_and_spring_receivers() {
        let imports = "import io.lettuce.core.RedisClient;\n\
            import io.lettuce.core.api.StatefulRedisConnection;\n\
            import io.lettuce.core.api.sync.RedisCommands;\n\
            import org.springframework.data.redis.core.StringRedisTemplate;\n\
            import org.springframework.data.redis.connection.RedisConnection;\n";
        let class = "class Keys {\n\
            private final StringRedisTemplate template;\n\
            void a(RedisCommands<String, String> sync, StatefulRedisConnection<String, String> conn, RedisClient client, RedisConnection rc) {\n\
              sync.keys(\"*\");\n\
              conn.sync().keys(\"*\");\n\
              client.connect().sync().keys(\"*\");\n\
              template.keys(\"order:*\");\n\
              rc.keyCommands().keys(\"*\".getBytes());\n\
            }\n\
        }\n";
        assert_eq!(lines(imports, class), [4, 5, 6, 7, 8]);
    }

    #[test]
    fn look_alikes_are_silent() {
        let imports = "import java.util.Map;\nimport org.json.JSONObject;\nimport redis.clients.jedis.Jedis;\n";
        let class = "class Keys {\n\
            void a(Map<String, String> map, JSONObject json, java.util.Properties props, Object o, Jedis jedis) {\n\
              json.keys();\n\
              props.keys();\n\
              map.keySet();\n\
              o.keys(\"*\");\n\
              keys(\"*\");\n\
              jedis.scan(\"0\");\n\
              jedis.hkeys(\"h\");\n\
              String doc = \"never use redis KEYS in production\";\n\
            }\n\
            java.util.Set<String> keys(String p) { return null; }\n\
        }\n";
        assert!(
            lines(imports, class).is_empty(),
            "{:?}",
            check(imports, class)
        );
    }

    #[test]
    fn lua_scripts() {
        let imports = "import redis.clients.jedis.Jedis;\n";
        let class = "class Keys {\n\
            static final String PURGE = \"local ks = redis.call('KEYS', ARGV[1]) for _, k in ipairs(ks) do redis.call('DEL', k) end\";\n\
            static final String OK = \"return redis.call('GET', KEYS[1])\";\n\
            void a(Jedis jedis) { jedis.eval(\"return redis.pcall(\\\"keys\\\", '*')\"); }\n\
        }\n";
        assert_eq!(lines(imports, class), [2, 4]);
        // Without a Redis client in the file, a string is just a string.
        let plain = "class Doc { String s = \"redis.call('KEYS', '*')\"; }\n";
        assert!(check_one(&RedisKeysCommand, "Doc.java", plain).is_empty());
    }

    #[test]
    fn test_sources_are_skipped_by_default() {
        let src = "import redis.clients.jedis.Jedis;\nclass CacheTest { void a(Jedis j) { j.keys(\"*\"); } }\n";
        assert!(check_one(&RedisKeysCommand, "src/test/java/CacheTest.java", src).is_empty());
    }
}
