//! Receiver evidence and pool-configuration tracking shared by the RDS rules.
//!
//! Two questions come back in most Redis rules:
//! - *Is this expression a Jedis pool, a Jedis client, a Lettuce or Spring Data Redis command
//!   interface?* [`is_type`] answers from declared types, imports, constructors, methods of the
//!   same class and (through [`facts::external_type`]) classes of other files. Never from a
//!   variable's name.
//! - *Which pool configuration object does this setter configure, and does that object reach a
//!   pool?* [`pool_configs`] collects every Jedis / commons-pool2 / Bahir pool configuration of
//!   a file with its setter calls, the client it feeds and whether it provably reaches a pool
//!   constructor, never does, or cannot be told.

use std::collections::HashMap;

use bdl_syntax::JavaFile;
use bdl_syntax::java::chain::{method_name, receiver};
use bdl_syntax::java::facts;
use bdl_syntax::java::fold::{self, arguments};
use bdl_syntax::java::lifetime::{self, Fate};
use bdl_syntax::java::scope::{self, declaration_of, names_class, unparenthesize};
use tree_sitter::Node;

/// The Jedis package.
pub(crate) const JEDIS_PACKAGE: &str = "redis.clients.jedis";

/// The package of the Apache Bahir Flink Redis connector.
pub(crate) const BAHIR_PACKAGE: &str = "org.apache.flink.streaming.connectors.redis";

/// The package of the Bahir configuration classes.
pub(crate) const BAHIR_CONFIG_PACKAGE: &str =
    "org.apache.flink.streaming.connectors.redis.common.config";

/// How many receivers, parentheses and casts a walk looks through before giving up.
pub(crate) const MAX_HOPS: usize = 64;

/// Jedis pool configuration classes: always a Jedis pool's configuration.
const JEDIS_CONFIGS: &[&str] = &[
    "redis.clients.jedis.JedisPoolConfig",
    "redis.clients.jedis.ConnectionPoolConfig",
];

/// commons-pool2's configuration class, which configures any pool.
const GENERIC_CONFIG: &str = "org.apache.commons.pool2.impl.GenericObjectPoolConfig";

/// Pooled types that make a `GenericObjectPoolConfig<T>` a Jedis pool's configuration.
const JEDIS_POOLED_TYPES: &[&str] = &[
    "redis.clients.jedis.Jedis",
    "redis.clients.jedis.Connection",
];

/// Pooled types that make a `GenericObjectPoolConfig<T>` a Lettuce pool's configuration.
const LETTUCE_POOLED_TYPES: &[&str] = &[
    "io.lettuce.core.api.StatefulRedisConnection",
    "io.lettuce.core.api.StatefulConnection",
    "io.lettuce.core.cluster.api.StatefulRedisClusterConnection",
];

/// Jedis classes whose constructors take a pool configuration.
pub(crate) const JEDIS_POOLS: &[&str] = &[
    "redis.clients.jedis.JedisPool",
    "redis.clients.jedis.JedisPooled",
    "redis.clients.jedis.JedisSentinelPool",
    "redis.clients.jedis.JedisSentineled",
    "redis.clients.jedis.JedisCluster",
    "redis.clients.jedis.ShardedJedisPool",
];

/// Spring Data Redis's Jedis connection factory, whose constructor takes a `JedisPoolConfig`.
const JEDIS_CONNECTION_FACTORY: &str =
    "org.springframework.data.redis.connection.jedis.JedisConnectionFactory";

/// Spring Data Redis client configuration builders with a `poolConfig(..)` method.
const SPRING_JEDIS_CLIENT_CONFIGURATION: &str =
    "org.springframework.data.redis.connection.jedis.JedisClientConfiguration";
const SPRING_LETTUCE_POOLING_CONFIGURATION: &str =
    "org.springframework.data.redis.connection.lettuce.LettucePoolingClientConfiguration";

/// Lettuce's pool factory: `ConnectionPoolSupport.createGenericObjectPool(supplier, config)`.
const LETTUCE_POOL_SUPPORT: &str = "io.lettuce.core.support.ConnectionPoolSupport";

/// Bahir configuration classes with a nested `Builder`.
const BAHIR_CONFIGS: &[&str] = &[
    "FlinkJedisPoolConfig",
    "FlinkJedisSentinelConfig",
    "FlinkJedisClusterConfig",
];

/// Jedis pool classes: what `getResource()` is called on.
pub(crate) const JEDIS_POOL_TYPES: &[&str] = &[
    "redis.clients.jedis.JedisPool",
    "redis.clients.jedis.JedisSentinelPool",
    "redis.clients.jedis.ShardedJedisPool",
    "redis.clients.jedis.JedisPoolAbstract",
    "redis.clients.jedis.util.Pool",
    "redis.clients.util.Pool",
    "redis.clients.jedis.util.JedisSentinelPool",
];

/// Jedis clients that open their own connection or pool when constructed.
pub(crate) const JEDIS_CLIENT_CLASSES: &[&str] = &[
    "redis.clients.jedis.Jedis",
    "redis.clients.jedis.BinaryJedis",
    "redis.clients.jedis.JedisPool",
    "redis.clients.jedis.JedisPooled",
    "redis.clients.jedis.JedisSentinelPool",
    "redis.clients.jedis.JedisSentineled",
    "redis.clients.jedis.JedisCluster",
    "redis.clients.jedis.ShardedJedis",
    "redis.clients.jedis.ShardedJedisPool",
    "redis.clients.jedis.UnifiedJedis",
];

/// Which client library a pool configuration feeds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Client {
    Jedis,
    Lettuce,
    /// The Bahir Flink connector's `FlinkJedis…Config.Builder` (Jedis underneath).
    Bahir,
}

/// Whether a pool configuration reaches a pool.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reach {
    /// Passed to a pool constructor or a pool-configuration builder in this file (or a Bahir
    /// builder, which only ever configures a Redis sink).
    Pool,
    /// Created here and only ever used as the receiver of calls: no pool ever sees it.
    Never,
    /// Anything else (a parameter, returned, handed to another method).
    Unknown,
}

/// One pool configuration object of a file.
#[derive(Clone, Debug)]
pub(crate) struct PoolConfig<'t> {
    pub(crate) client: Client,
    /// Whether the class is commons-pool2's plain `GenericObjectPoolConfig` (as opposed to
    /// `JedisPoolConfig` / `ConnectionPoolConfig` with their idle-validation defaults, or a
    /// Bahir builder).
    pub(crate) generic: bool,
    /// Where a finding about a setting that is missing goes: the `new …()` that creates it,
    /// or the name it is declared with.
    pub(crate) anchor: Node<'t>,
    /// The one-argument setter calls made on it, in document order.
    pub(crate) setters: Vec<Node<'t>>,
    pub(crate) reach: Reach,
    /// Whether every setting of the object is in view: created here and handed only to the
    /// pool, so that a setter that is absent means the library default.
    pub(crate) complete: bool,
}

impl<'t> PoolConfig<'t> {
    /// The last call to one of `names` (the one that wins), with its argument.
    pub(crate) fn last(&self, file: &JavaFile<'_>, names: &[&str]) -> Option<(Node<'t>, Node<'t>)> {
        self.setters
            .iter()
            .rev()
            .find(|c| names.contains(&method_name(file, **c)))
            .and_then(|c| Some((*c, arguments(*c).first().copied()?)))
    }

    /// The folded integer the last call to one of `names` sets, with the call.
    pub(crate) fn int(&self, file: &JavaFile<'_>, names: &[&str]) -> Option<(Node<'t>, i64)> {
        let (call, argument) = self.last(file, names)?;
        let folded = fold::int(file, argument)?;
        (folded.certainty == fold::Certainty::Certain).then_some((call, folded.value))
    }

    /// The boolean literal the last call to `name` sets, with the call.
    pub(crate) fn flag(&self, file: &JavaFile<'_>, name: &str) -> Option<(Node<'t>, bool)> {
        let (call, argument) = self.last(file, &[name])?;
        match file.text_of(unparenthesize(argument)?) {
            "true" | "Boolean.TRUE" => Some((call, true)),
            "false" | "Boolean.FALSE" => Some((call, false)),
            _ => None,
        }
    }

    /// The library name for messages.
    pub(crate) const fn library(&self) -> &'static str {
        match self.client {
            Client::Jedis => "Jedis",
            Client::Lettuce => "Lettuce",
            Client::Bahir => "Bahir `FlinkJedisPoolConfig`",
        }
    }

    /// Whether findings about this configuration can be proven: it is not provably unused.
    pub(crate) fn in_use(&self) -> bool {
        self.reach != Reach::Never
    }
}

/// How a written configuration class ties a configuration to a client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ConfigClass {
    /// `JedisPoolConfig`, `ConnectionPoolConfig` or `GenericObjectPoolConfig<Jedis>`.
    Jedis,
    /// `GenericObjectPoolConfig<StatefulRedisConnection<..>>`.
    Lettuce,
    /// A raw commons-pool2 configuration: Redis only if handed to a Redis pool.
    Generic,
}

/// Classifies a written type (`JedisPoolConfig`, `GenericObjectPoolConfig<Jedis>`), with
/// whether it is the plain commons-pool2 class.
fn classify(file: &JavaFile<'_>, written: &str) -> Option<(ConfigClass, bool)> {
    if JEDIS_CONFIGS
        .iter()
        .any(|fqn| names_class(file, written, fqn))
    {
        return Some((ConfigClass::Jedis, false));
    }
    if !names_class(file, written, GENERIC_CONFIG) {
        return None;
    }
    let argument = written
        .split_once('<')
        .and_then(|(_, rest)| rest.rsplit_once('>'))
        .map_or("", |(inside, _)| inside.trim());
    let of = |types: &[&str]| types.iter().any(|fqn| names_class(file, argument, fqn));
    let class = if of(JEDIS_POOLED_TYPES) {
        ConfigClass::Jedis
    } else if of(LETTUCE_POOLED_TYPES) {
        ConfigClass::Lettuce
    } else {
        ConfigClass::Generic
    };
    Some((class, true))
}

/// A place a pool configuration is handed to that makes it a pool's: the call or creation
/// and the client of that pool.
fn pool_sink(file: &JavaFile<'_>, call: Node<'_>) -> Option<Client> {
    match call.kind() {
        "object_creation_expression" => {
            let written = file.text_of(call.child_by_field_name("type")?);
            if JEDIS_POOLS
                .iter()
                .any(|fqn| names_class(file, written, fqn))
                || names_class(file, written, JEDIS_CONNECTION_FACTORY)
            {
                Some(Client::Jedis)
            } else {
                None
            }
        }
        "method_invocation" => match method_name(file, call) {
            "poolConfig" => {
                let root = chain_root(call)?;
                let written = file.text_of(root);
                if names_class(file, written, SPRING_LETTUCE_POOLING_CONFIGURATION) {
                    Some(Client::Lettuce)
                } else if names_class(file, written, SPRING_JEDIS_CLIENT_CONFIGURATION) {
                    Some(Client::Jedis)
                } else {
                    None
                }
            }
            "createGenericObjectPool" | "createSoftReferenceObjectPool" => {
                let written = file.text_of(receiver(call)?);
                names_class(file, written, LETTUCE_POOL_SUPPORT).then_some(Client::Lettuce)
            }
            _ => None,
        },
        _ => None,
    }
}

/// The innermost receiver of a call chain (`Builder` in `Builder.builder().a().b()`).
fn chain_root(call: Node<'_>) -> Option<Node<'_>> {
    let mut current = receiver(call)?;
    for _ in 0..MAX_HOPS {
        match current.kind() {
            "method_invocation" => current = receiver(current)?,
            "parenthesized_expression" => current = current.named_child(0)?,
            _ => return Some(current),
        }
    }
    None
}

/// What the pool sinks of a file receive: per declaration or inline creation id, the client.
fn sink_arguments(file: &JavaFile<'_>) -> HashMap<usize, Client> {
    let mut out = HashMap::new();
    for kind in ["object_creation_expression", "method_invocation"] {
        for call in file.nodes_of_kind(kind) {
            let Some(client) = pool_sink(file, call) else {
                continue;
            };
            for argument in arguments(call) {
                let Some(argument) = unparenthesize(argument) else {
                    continue;
                };
                if argument.kind() == "object_creation_expression" {
                    out.insert(argument.id(), client);
                } else if let Some(decl) = declaration_of(file, argument) {
                    out.insert(decl.node.id(), client);
                }
            }
        }
    }
    out
}

/// Every pool configuration of the file, in document order of first appearance.
pub(crate) fn pool_configs<'t>(file: &'t JavaFile<'_>) -> Vec<PoolConfig<'t>> {
    let jedis = file.imports_from(JEDIS_PACKAGE);
    let bahir = file.imports_from(BAHIR_CONFIG_PACKAGE);
    let generic = file.imports_from("org.apache.commons.pool2");
    if !jedis && !bahir && !generic {
        return Vec::new();
    }
    let sinks = sink_arguments(file);
    let mut found: Vec<Found<'t>> = Vec::new();
    let mut index: HashMap<usize, usize> = HashMap::new();
    let add = |found: &mut Vec<Found<'t>>, index: &mut HashMap<usize, usize>, f: Found<'t>| {
        *index.entry(f.id).or_insert_with(|| {
            found.push(f);
            found.len() - 1
        })
    };
    // The objects: creations of configuration classes and Bahir builders.
    for creation in file.nodes_of_kind("object_creation_expression") {
        let Some(ty) = creation.child_by_field_name("type") else {
            continue;
        };
        let written = file.text_of(ty);
        if bahir && is_bahir_builder(file, written) {
            let id = holder_of(creation).map_or(creation.id(), |d| d.id());
            add(&mut found, &mut index, Found::bahir(id, creation));
            continue;
        }
        let Some((class, plain)) = classify(file, written) else {
            continue;
        };
        let holder = holder_of(creation);
        let declared = holder.and_then(|d| declared_class(file, d));
        let id = holder.map_or(creation.id(), |d| d.id());
        add(
            &mut found,
            &mut index,
            Found {
                id,
                class: combine(declared.map(|(c, _)| c), class),
                generic: plain,
                anchor: creation,
                creation: Some(creation),
                setters: Vec::new(),
                bahir: false,
            },
        );
    }
    // The setters, and objects known only by a declaration (parameters, fields set elsewhere).
    for call in file.nodes_of_kind("method_invocation") {
        if arguments(call).len() != 1 || !method_name(file, call).starts_with("set") {
            continue;
        }
        let target = bahir
            .then(|| bahir_builder(file, call))
            .flatten()
            .map(|id| (id, None))
            .or_else(|| config_of_setter(file, call));
        let Some((id, declared)) = target else {
            continue;
        };
        let slot = if let Some(slot) = index.get(&id) {
            *slot
        } else {
            let Some(found_declared) = declared else {
                continue;
            };
            add(&mut found, &mut index, found_declared)
        };
        if let Some(f) = found.get_mut(slot) {
            f.setters.push(call);
        }
    }
    found
        .into_iter()
        .filter_map(|f| f.finish(file, &sinks))
        .collect()
}

/// A configuration object while it is being collected.
struct Found<'t> {
    id: usize,
    class: ConfigClass,
    generic: bool,
    anchor: Node<'t>,
    creation: Option<Node<'t>>,
    setters: Vec<Node<'t>>,
    bahir: bool,
}

impl<'t> Found<'t> {
    const fn bahir(id: usize, creation: Node<'t>) -> Self {
        Self {
            id,
            class: ConfigClass::Jedis,
            generic: false,
            anchor: creation,
            creation: Some(creation),
            setters: Vec::new(),
            bahir: true,
        }
    }

    fn finish(self, file: &JavaFile<'_>, sinks: &HashMap<usize, Client>) -> Option<PoolConfig<'t>> {
        if self.bahir {
            return Some(PoolConfig {
                client: Client::Bahir,
                generic: false,
                anchor: self.anchor,
                setters: self.setters,
                reach: Reach::Pool,
                complete: self.creation.is_some(),
            });
        }
        let sink = sinks.get(&self.id).copied();
        let client = match (self.class, sink) {
            (_, Some(client)) => client,
            (ConfigClass::Jedis, None) => Client::Jedis,
            (ConfigClass::Lettuce, None) => Client::Lettuce,
            (ConfigClass::Generic, None) => return None,
        };
        let trace = self.creation.map(|c| lifetime::trace(file, c));
        let reach = match (sink, trace.map(|t| t.fate)) {
            (Some(_), _) => Reach::Pool,
            (None, Some(Fate::Leaked | Fate::FieldNeverClosed)) => Reach::Never,
            _ => Reach::Unknown,
        };
        // Complete: created here, and the first (or only) hand-over is the pool itself.
        let complete = sink.is_some()
            && trace.is_some_and(|t| match t.fate {
                Fate::HandedOver => t.evidence.is_some_and(|e| is_sink_use(file, e)),
                _ => false,
            });
        Some(PoolConfig {
            client,
            generic: self.generic,
            anchor: self.anchor,
            setters: self.setters,
            reach,
            complete,
        })
    }
}

/// Whether a hand-over recorded by the lifetime engine is a pool sink (or the argument list
/// of one).
fn is_sink_use(file: &JavaFile<'_>, evidence: Node<'_>) -> bool {
    let mut node = evidence;
    for _ in 0..4 {
        if pool_sink(file, node).is_some() {
            return true;
        }
        match node.parent() {
            Some(p) => node = p,
            None => return false,
        }
    }
    false
}

/// The class a declared and a created class make together: Jedis or Lettuce evidence in
/// either wins over a raw commons-pool2 class.
fn combine(declared: Option<ConfigClass>, created: ConfigClass) -> ConfigClass {
    match (declared, created) {
        (Some(ConfigClass::Jedis), _) | (_, ConfigClass::Jedis) => ConfigClass::Jedis,
        (Some(ConfigClass::Lettuce), _) | (_, ConfigClass::Lettuce) => ConfigClass::Lettuce,
        _ => ConfigClass::Generic,
    }
}

/// The `variable_declarator` a creation initialises, if it is a declaration's value.
fn holder_of(creation: Node<'_>) -> Option<Node<'_>> {
    let mut node = creation;
    for _ in 0..MAX_HOPS {
        let parent = node.parent()?;
        match parent.kind() {
            "parenthesized_expression" | "cast_expression" => node = parent,
            "variable_declarator" if parent.child_by_field_name("value") == Some(node) => {
                return Some(parent);
            }
            _ => return None,
        }
    }
    None
}

/// The configuration class a declarator's declared type names (`var` and other types: none).
fn declared_class(file: &JavaFile<'_>, declarator: Node<'_>) -> Option<(ConfigClass, bool)> {
    let declaration = declarator.parent()?;
    let ty = declaration.child_by_field_name("type")?;
    let written = file.text_of(ty);
    if written == "var" {
        return None;
    }
    classify(file, written)
}

/// The configuration object a setter call is made on: the declaration of its receiver, or the
/// class when the call is made on the object itself from a subclass or double-brace
/// initialiser. For a declaration not met before, the object to add.
fn config_of_setter<'t>(
    file: &'t JavaFile<'_>,
    call: Node<'t>,
) -> Option<(usize, Option<Found<'t>>)> {
    let Some(recv) = receiver(call) else {
        return self_config(file, call);
    };
    if matches!(recv.kind(), "this" | "super") {
        return self_config(file, call);
    }
    let decl = declaration_of(file, recv)?;
    let declared = decl
        .ty
        .map(|t| file.text_of(t))
        .filter(|t| *t != "var")
        .and_then(|t| classify(file, t));
    let created = decl
        .value
        .and_then(unparenthesize)
        .filter(|v| v.kind() == "object_creation_expression");
    let created_class = created
        .and_then(|v| v.child_by_field_name("type"))
        .and_then(|t| classify(file, file.text_of(t)));
    let (class, generic) = match (declared, created_class) {
        (Some((d, _)), Some((c, plain))) => (combine(Some(d), c), plain),
        (Some(d), None) => d,
        (None, Some(c)) => c,
        (None, None) => return None,
    };
    let id = decl.node.id();
    let name = decl.node.child_by_field_name("name").unwrap_or(decl.node);
    Some((
        id,
        Some(Found {
            id,
            class,
            generic,
            anchor: name,
            creation: None,
            setters: Vec::new(),
            bahir: false,
        }),
    ))
}

/// A `setX(n)` / `this.setX(n)` / `super.setX(n)` inside a subclass of a Jedis pool
/// configuration, or inside the double-brace initialiser of one (whose id is its creation's,
/// so the setters join the object created there).
fn self_config<'t>(file: &'t JavaFile<'_>, call: Node<'t>) -> Option<(usize, Option<Found<'t>>)> {
    let class = scope::enclosing_class(file, call)?;
    let (written, anchor) = match class.kind() {
        "class_declaration" => (
            file.text_of(class.child_by_field_name("superclass")?.named_child(0)?),
            class.child_by_field_name("name")?,
        ),
        "object_creation_expression" => {
            let body = scope::child_of_kind(class, "class_body")?;
            if !(body.start_byte() <= call.start_byte() && call.end_byte() <= body.end_byte()) {
                return None;
            }
            (file.text_of(class.child_by_field_name("type")?), class)
        }
        _ => return None,
    };
    let (config_class, generic) = classify(file, written)?;
    if config_class != ConfigClass::Jedis {
        return None;
    }
    let id = holder_of(class)
        .filter(|_| class.kind() == "object_creation_expression")
        .map_or(class.id(), |d| d.id());
    Some((
        id,
        Some(Found {
            id,
            class: config_class,
            generic,
            anchor,
            creation: None,
            setters: Vec::new(),
            bahir: false,
        }),
    ))
}

/// The Bahir builder a setter call configures: the `new …Config.Builder()` at the root of its
/// chain (or the declaration it initialises), or the variable the builder is held in.
fn bahir_builder(file: &JavaFile<'_>, call: Node<'_>) -> Option<usize> {
    let mut current = receiver(call)?;
    for _ in 0..MAX_HOPS {
        match current.kind() {
            "method_invocation" => current = receiver(current)?,
            "parenthesized_expression" => current = current.named_child(0)?,
            "object_creation_expression" => {
                let ty = current.child_by_field_name("type")?;
                return is_bahir_builder(file, file.text_of(ty))
                    .then(|| holder_of(current).map_or(current.id(), |d| d.id()));
            }
            "identifier" | "field_access" => {
                let decl = declaration_of(file, current)?;
                let declared = decl.ty.map(|t| file.text_of(t)).filter(|t| *t != "var");
                if let Some(written) = declared {
                    return is_bahir_builder(file, written).then_some(decl.node.id());
                }
                current = decl.value?;
            }
            _ => return None,
        }
    }
    None
}

/// Whether a written type is a Bahir `FlinkJedis…Config.Builder`.
pub(crate) fn is_bahir_builder(file: &JavaFile<'_>, written: &str) -> bool {
    let text: String = written.chars().filter(|c| !c.is_whitespace()).collect();
    BAHIR_CONFIGS.iter().any(|outer| {
        let nested = format!("{outer}.Builder");
        let qualified = format!("{BAHIR_CONFIG_PACKAGE}.{nested}");
        text == qualified
            || (text == nested
                && names_class(file, outer, &format!("{BAHIR_CONFIG_PACKAGE}.{outer}")))
            || (text == "Builder" && file.imports().contains(&qualified))
    })
}

/// Spring Boot's relaxed binding: each dotted segment lowercased, with `-` and `_` dropped,
/// so `maxActive`, `max-active` and `max_active` compare equal.
pub(crate) fn canonical_key(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for (i, segment) in key.split('.').enumerate() {
        if i > 0 {
            out.push('.');
        }
        out.extend(
            segment
                .chars()
                .filter(|c| *c != '-' && *c != '_')
                .flat_map(char::to_lowercase),
        );
    }
    out
}

/// The Spring Boot Redis key prefixes of Boot 2 and Boot 3, canonical.
pub(crate) const SPRING_PREFIXES: &[&str] = &["spring.redis.", "spring.data.redis."];

/// The pool key prefixes of both clients below a Spring prefix, canonical.
pub(crate) const SPRING_POOLS: &[(&str, &str)] =
    &[("jedis.pool.", "Jedis"), ("lettuce.pool.", "Lettuce")];

/// A Spring Boot `Duration` value in milliseconds: `500ms`, `2s`, `-1ms`, `1m`, a bare number
/// (milliseconds for the Redis pool and timeout keys) or ISO-8601 (`PT2S`). Placeholders and
/// anything else: `None`.
pub(crate) fn spring_millis(value: &str) -> Option<i128> {
    let value = value.trim();
    if let Some(iso) = value
        .strip_prefix("PT")
        .or_else(|| value.strip_prefix("pt"))
    {
        let seconds = iso.strip_suffix(['S', 's'])?;
        let seconds: f64 = seconds.parse().ok()?;
        #[allow(clippy::cast_possible_truncation)]
        return Some((seconds * 1000.0).round() as i128);
    }
    let (negative, digits) = match value.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, value.strip_prefix('+').unwrap_or(value)),
    };
    let end = digits
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(digits.len());
    let (number, unit) = digits.split_at(end);
    if number.is_empty() || number.len() > 18 {
        return None;
    }
    let number: i128 = number.parse().ok()?;
    let factor_ns: i128 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "ms" => 1_000_000,
        "ns" => 1,
        "us" => 1_000,
        "s" => 1_000_000_000,
        "m" => 60_000_000_000,
        "h" => 3_600_000_000_000,
        "d" => 86_400_000_000_000,
        _ => return None,
    };
    let millis = number * factor_ns / 1_000_000;
    Some(if negative { -millis } else { millis })
}

/// A Java expression for a time in milliseconds, signed: an integer expression (`-1L`,
/// `2000`, constants), `Duration.ofMillis/ofSeconds/ofMinutes(n)` with a negative `n` allowed,
/// `Duration.ZERO`, commons-pool2's `DEFAULT_MAX_WAIT` / `DEFAULT_MAX_WAIT_MILLIS` (-1), or
/// any duration [`fold::duration`] folds. With `duration` the plain integers are refused (a
/// `Duration` parameter).
pub(crate) fn signed_millis(file: &JavaFile<'_>, expr: Node<'_>, duration: bool) -> Option<i128> {
    let expr = unparenthesize(expr)?;
    let text = file.text_of(expr);
    if text.ends_with("DEFAULT_MAX_WAIT") || text.ends_with("DEFAULT_MAX_WAIT_MILLIS") {
        return Some(-1);
    }
    if text == "Duration.ZERO" || text == "java.time.Duration.ZERO" {
        return Some(0);
    }
    if expr.kind() == "method_invocation"
        && receiver(expr)
            .is_some_and(|r| matches!(file.text_of(r), "Duration" | "java.time.Duration"))
    {
        let factor: i128 = match method_name(file, expr) {
            "ofMillis" => 1,
            "ofSeconds" => 1_000,
            "ofMinutes" => 60_000,
            "ofHours" => 3_600_000,
            "ofDays" => 86_400_000,
            _ => {
                return fold::duration(file, expr)
                    .map(|d| d.value.as_millis().try_into().unwrap_or(i128::MAX));
            }
        };
        let [argument] = arguments(expr)[..] else {
            return None;
        };
        let folded = fold::int(file, argument)?;
        return (folded.certainty == fold::Certainty::Certain)
            .then(|| i128::from(folded.value) * factor);
    }
    if duration {
        let folded = fold::duration(file, expr)?;
        return (folded.certainty == fold::Certainty::Certain)
            .then(|| folded.value.as_millis().try_into().unwrap_or(i128::MAX));
    }
    let folded = fold::int(file, expr)?;
    (folded.certainty == fold::Certainty::Certain).then(|| i128::from(folded.value))
}

/// A duration in milliseconds as people write it: `2 s`, `500 ms`, `forever` for a negative.
pub(crate) fn describe_millis(millis: i128) -> String {
    match millis {
        ..0 => format!("{millis} (wait forever)"),
        0 => "0".to_owned(),
        m if m % 60_000 == 0 => format!("{} min", m / 60_000),
        m if m % 1_000 == 0 => format!("{} s", m / 1_000),
        m => format!("{m} ms"),
    }
}

/// Whether `expr` is provably of one of the classes `fqns`: a local, parameter or field
/// declared with one (or `var` initialised by `new` of one, or by a call `produced` accepts),
/// a `new` of one, a cast to one, a call `produced` accepts, a call to a method of the same
/// class declared to return one, or a member of a class of another file declared with one.
pub(crate) fn is_type(
    file: &JavaFile<'_>,
    expr: Node<'_>,
    fqns: &[&str],
    produced: &dyn Fn(&JavaFile<'_>, Node<'_>) -> bool,
) -> bool {
    let names = |written: &str| fqns.iter().any(|fqn| names_class(file, written, fqn));
    let mut expr = expr;
    for _ in 0..MAX_HOPS {
        match expr.kind() {
            "parenthesized_expression" => {
                let Some(inner) = expr.named_child(0) else {
                    return false;
                };
                expr = inner;
            }
            "cast_expression" => {
                return expr
                    .child_by_field_name("type")
                    .is_some_and(|t| names(file.text_of(t)));
            }
            "object_creation_expression" => {
                return expr
                    .child_by_field_name("type")
                    .is_some_and(|t| names(file.text_of(t)));
            }
            "identifier" | "field_access" => {
                if let Some(declaration) = declaration_of(file, expr) {
                    let ty = declaration.ty.map(|t| file.text_of(t));
                    if ty.is_some_and(names) {
                        return true;
                    }
                    let Some(value) = declaration.value.filter(|_| ty.is_none_or(|t| t == "var"))
                    else {
                        return false;
                    };
                    expr = value;
                    continue;
                }
                return expr.kind() == "field_access" && external_is(file, expr, fqns);
            }
            "method_invocation" => {
                return produced(file, expr)
                    || scope::own_method_returns(file, expr, names)
                    || external_is(file, expr, fqns);
            }
            _ => return false,
        }
    }
    false
}

fn external_is(file: &JavaFile<'_>, expr: Node<'_>, fqns: &[&str]) -> bool {
    facts::external_type(file, expr).is_some_and(|t| fqns.iter().any(|fqn| t.is(fqn)))
}

/// Nothing else produces this type.
pub(crate) fn no_producer(_: &JavaFile<'_>, _: Node<'_>) -> bool {
    false
}

/// Whether `expr` is provably a Jedis pool (`JedisPool`, `JedisSentinelPool`, `Pool<Jedis>`, …).
pub(crate) fn is_jedis_pool(file: &JavaFile<'_>, expr: Node<'_>) -> bool {
    is_type(file, expr, JEDIS_POOL_TYPES, &no_producer)
}

/// `pool.getResource()` on a provable Jedis pool.
pub(crate) fn is_get_resource(file: &JavaFile<'_>, call: Node<'_>) -> bool {
    call.kind() == "method_invocation"
        && method_name(file, call) == "getResource"
        && arguments(call).is_empty()
        && receiver(call).is_some_and(|r| is_jedis_pool(file, r))
}

/// The simple class name a `new` expression writes (`JedisPool` for `new JedisPool<>(..)`).
pub(crate) fn created_class<'a>(file: &JavaFile<'a>, creation: Node<'_>) -> &'a str {
    creation
        .child_by_field_name("type")
        .map_or("", |t| scope::simple_type_name(file.text_of(t)))
}

/// The first class of `fqns` a `new` expression creates.
pub(crate) fn creates<'f>(
    file: &JavaFile<'_>,
    creation: Node<'_>,
    fqns: &[&'f str],
) -> Option<&'f str> {
    let written = file.text_of(creation.child_by_field_name("type")?);
    fqns.iter()
        .copied()
        .find(|fqn| names_class(file, written, fqn))
}

/// Short text of a node for a message: the node itself when it is one short line.
pub(crate) fn short(file: &JavaFile<'_>, node: Node<'_>, max: usize) -> Option<String> {
    let text = file.text_of(node);
    (text.len() <= max && !text.contains('\n')).then(|| text.to_owned())
}

pub(crate) use bdl_syntax::java::per_record::{PerRecord, per_record};

/// Whether `inner` lies within the byte range of `outer` (or is it).
pub(crate) fn contains(outer: Node<'_>, inner: Node<'_>) -> bool {
    outer.start_byte() <= inner.start_byte() && inner.end_byte() <= outer.end_byte()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn configs(src: &str) -> Vec<(Client, Reach, bool, usize)> {
        let file = JavaFile::parse(src).expect("parses");
        pool_configs(&file)
            .iter()
            .map(|c| (c.client, c.reach, c.complete, c.setters.len()))
            .collect()
    }

    const IMPORTS: &str = "import redis.clients.jedis.*;\nimport org.apache.commons.pool2.impl.GenericObjectPoolConfig;\n";

    #[test]
    fn reach_and_completeness() {
        let src = format!(
            "{IMPORTS}class A {{\n  JedisPool a(String h) {{\n    JedisPoolConfig c = new JedisPoolConfig();\n    c.setMaxTotal(2);\n    return new JedisPool(c, h, 6379);\n  }}\n  JedisPool b(String h) {{\n    JedisPoolConfig c = new JedisPoolConfig();\n    c.setMaxTotal(2);\n    return new JedisPool(h, 6379);\n  }}\n  JedisPoolConfig c() {{\n    JedisPoolConfig c = new JedisPoolConfig();\n    c.setMaxTotal(2);\n    return c;\n  }}\n  void d(JedisPoolConfig p) {{ p.setMaxTotal(2); }}\n  JedisPool e(String h) {{ return new JedisPool(new JedisPoolConfig(), h, 1); }}\n}}\n"
        );
        assert_eq!(
            configs(&src),
            [
                (Client::Jedis, Reach::Pool, true, 1),
                (Client::Jedis, Reach::Never, false, 1),
                (Client::Jedis, Reach::Unknown, false, 1),
                (Client::Jedis, Reach::Pool, true, 0),
                (Client::Jedis, Reach::Unknown, false, 1),
            ]
        );
    }

    #[test]
    fn generic_configs_need_a_redis_pool() {
        let src = "import org.apache.commons.pool2.impl.GenericObjectPoolConfig;\n\
            import org.springframework.data.redis.connection.lettuce.LettucePoolingClientConfiguration;\n\
            class A {\n  void a() {\n    GenericObjectPoolConfig http = new GenericObjectPoolConfig();\n    http.setMaxTotal(1);\n\
            GenericObjectPoolConfig<?> lettuce = new GenericObjectPoolConfig<>();\n    lettuce.setMaxWaitMillis(-1);\n\
            LettucePoolingClientConfiguration.builder().poolConfig(lettuce).build();\n  }\n}\n";
        assert_eq!(configs(src), [(Client::Lettuce, Reach::Pool, true, 1)]);
    }

    #[test]
    fn bahir_builders_are_pools() {
        let src = "import org.apache.flink.streaming.connectors.redis.common.config.FlinkJedisPoolConfig;\n\
            class A {\n  void a() {\n    FlinkJedisPoolConfig c = new FlinkJedisPoolConfig.Builder().setHost(\"h\").setTimeout(0).build();\n\
            FlinkJedisPoolConfig.Builder b = new FlinkJedisPoolConfig.Builder();\n    b.setMaxTotal(1);\n  }\n}\n";
        assert_eq!(
            configs(src),
            [
                (Client::Bahir, Reach::Pool, true, 2),
                (Client::Bahir, Reach::Pool, true, 1)
            ]
        );
    }

    #[test]
    fn spring_durations() {
        assert_eq!(spring_millis("500ms"), Some(500));
        assert_eq!(spring_millis("-1ms"), Some(-1));
        assert_eq!(spring_millis("-1"), Some(-1));
        assert_eq!(spring_millis("2s"), Some(2000));
        assert_eq!(spring_millis("1m"), Some(60_000));
        assert_eq!(spring_millis("PT0.5S"), Some(500));
        assert_eq!(spring_millis("0"), Some(0));
        assert_eq!(spring_millis("${REDIS_WAIT:1s}"), None);
        assert_eq!(spring_millis("2 weeks"), None);
        assert_eq!(spring_millis("99999999999999999999999"), None);
    }
}
