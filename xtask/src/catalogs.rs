//! `cargo xtask gen-catalogs [--check]`: turns the raw upstream key lists in
//! `crates/bdl-catalog/data/` into the static lookup tables in
//! `crates/bdl-catalog/src/generated/`.
//!
//! This module depends on nothing but std and `quick-xml`, because the drift test of
//! `bdl-catalog` includes it to regenerate the tables in memory and compare them with the
//! checked-in ones. Every derivation rule for a line that has no key list of its own is
//! written here, next to the release-note reference it comes from (see also
//! `crates/bdl-catalog/data/README.md`).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use quick_xml::Reader;
use quick_xml::events::Event;

/// The generated files, by name, as `(file name, content)`.
pub(crate) fn generate(data: &Path) -> Result<Vec<(&'static str, String)>, String> {
    Ok(vec![
        ("flink.rs", emit(&flink(data)?)?),
        ("hadoop.rs", emit(&hadoop(data)?)?),
        ("hbase.rs", emit(&hbase(data)?)?),
        ("spring.rs", emit(&spring(data)?)?),
    ])
}

/// Writes the generated files under `crate_dir/src/generated/`, or with `check` only
/// compares them. Returns a summary.
pub(crate) fn run(crate_dir: &Path, check: bool) -> Result<String, String> {
    let files = generate(&crate_dir.join("data"))?;
    let out = crate_dir.join("src").join("generated");
    let mut summary = String::new();
    let mut stale = Vec::new();
    for (name, content) in &files {
        let path = out.join(name);
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        if current == *content {
            let _ = writeln!(summary, "{name}: up to date");
        } else if check {
            stale.push(*name);
        } else {
            std::fs::write(&path, content).map_err(|e| format!("{}: {e}", path.display()))?;
            let _ = writeln!(summary, "{name}: written ({} bytes)", content.len());
        }
    }
    if stale.is_empty() {
        Ok(summary)
    } else {
        Err(format!(
            "stale generated tables: {}; run `cargo xtask gen-catalogs`",
            stale.join(", ")
        ))
    }
}

// ---------------------------------------------------------------------------------------
// The product model the emitter writes out.

type Ver = (u16, u16);

#[derive(Clone, Default)]
struct Row {
    ty: Option<String>,
    default: Option<String>,
    lines: u8,
    deprecated: u8,
    deprecated_since: Option<Ver>,
    replacement: Option<String>,
    removed_in: Option<Ver>,
    old_default: Option<(u8, String)>,
    files: u8,
}

#[derive(Clone)]
struct Alias {
    lines: u8,
    deprecated: bool,
    since: Option<Ver>,
}

struct Pat {
    template: String,
    /// The `PatternKind` variant.
    kind: &'static str,
    lines: u8,
}

struct Product {
    /// The `Product` variant.
    variant: &'static str,
    /// Where the tables came from, for the file header.
    sources: &'static str,
    /// Lines, oldest first, with "Exact" or "Derived".
    lines: Vec<(Ver, &'static str)>,
    keys: BTreeMap<String, Row>,
    /// (old, new) → alias.
    aliases: BTreeMap<(String, String), Alias>,
    patterns: Vec<Pat>,
}

impl Product {
    fn new(variant: &'static str, sources: &'static str, lines: Vec<(Ver, &'static str)>) -> Self {
        Self {
            variant,
            sources,
            lines,
            keys: BTreeMap::new(),
            aliases: BTreeMap::new(),
            patterns: Vec::new(),
        }
    }

    fn count(&self, bit: u8) -> usize {
        self.keys.values().filter(|r| r.lines & bit != 0).count()
    }
}

// ---------------------------------------------------------------------------------------
// Input helpers.

fn read(data: &Path, rel: &str) -> Result<String, String> {
    std::fs::read_to_string(data.join(rel)).map_err(|e| format!("{rel}: {e}"))
}

/// The data rows of a TSV file as maps from header name to field. Lines starting with `#`
/// before the header are the file's notes (source, licence).
fn tsv(data: &Path, rel: &str) -> Result<Vec<BTreeMap<String, String>>, String> {
    let text = read(data, rel)?;
    let mut lines = text.lines().skip_while(|l| l.starts_with('#'));
    let header: Vec<&str> = lines
        .next()
        .ok_or_else(|| format!("{rel}: empty"))?
        .split('\t')
        .collect();
    let mut rows = Vec::new();
    for (n, line) in lines.enumerate() {
        if line.is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() != header.len() {
            return Err(format!(
                "{rel}:{}: {} fields, header has {}",
                n + 2,
                fields.len(),
                header.len()
            ));
        }
        rows.push(
            header
                .iter()
                .zip(fields)
                .map(|(h, f)| ((*h).to_owned(), f.to_owned()))
                .collect(),
        );
    }
    Ok(rows)
}

fn field<'a>(row: &'a BTreeMap<String, String>, name: &str) -> &'a str {
    row.get(name).map_or("", String::as_str)
}

/// `(name, value)` of every `<property>` of a Hadoop-style defaults file, in file order.
/// Names and values are trimmed, as Hadoop's `Configuration` trims them.
fn properties(data: &Path, rel: &str) -> Result<Vec<(String, String)>, String> {
    let text = read(data, rel)?;
    let mut reader = Reader::from_str(&text);
    let mut out = Vec::new();
    let mut path: Vec<String> = Vec::new();
    let mut name = String::new();
    let mut value = String::new();
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("{rel}: {e} at {}", reader.buffer_position()))?;
        let text_piece = match &event {
            Event::Start(start) => {
                let tag = String::from_utf8_lossy(start.name().as_ref()).into_owned();
                if tag == "property" {
                    name.clear();
                    value.clear();
                }
                path.push(tag);
                None
            }
            Event::End(_) => {
                if path.pop().as_deref() == Some("property") {
                    out.push((name.trim().to_owned(), value.trim().to_owned()));
                }
                None
            }
            Event::Text(raw) => Some(String::from_utf8_lossy(raw).into_owned()),
            Event::CData(raw) => Some(String::from_utf8_lossy(raw).into_owned()),
            Event::GeneralRef(r) => Some(entity(&String::from_utf8_lossy(r))?),
            Event::Eof => break,
            _ => None,
        };
        if let Some(piece) = text_piece {
            match path.last().map(String::as_str) {
                Some("name") if path.len() >= 2 => name.push_str(&piece),
                Some("value") if path.len() >= 2 => value.push_str(&piece),
                _ => {}
            }
        }
    }
    Ok(out)
}

fn entity(name: &str) -> Result<String, String> {
    let c = match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let code = if let Some(hex) = name.strip_prefix("#x") {
                u32::from_str_radix(hex, 16).ok()
            } else {
                name.strip_prefix('#').and_then(|d| d.parse().ok())
            };
            code.and_then(char::from_u32)
                .ok_or_else(|| format!("unknown entity &{name};"))?
        }
    };
    Ok(c.to_string())
}

fn parse_ver(text: &str) -> Result<Ver, String> {
    let mut parts = text.trim().split('.');
    let major = parts.next().and_then(|p| p.parse().ok());
    let minor = parts.next().and_then(|p| p.parse().ok());
    major
        .zip(minor)
        .ok_or_else(|| format!("not a version: `{text}`"))
}

// ---------------------------------------------------------------------------------------
// Flink.

const F118: u8 = 1 << 0;
const F119: u8 = 1 << 1;
const F120: u8 = 1 << 2;
const F20: u8 = 1 << 3;
const F21: u8 = 1 << 4;
const F22: u8 = 1 << 5;
/// 1.18 to 1.20: the 1.x lines.
const F1X: u8 = F118 | F119 | F120;
/// 2.0 to 2.2.
const F2X: u8 = F20 | F21 | F22;

/// Keys added in 1.20 by features the 1.20 release notes name (FLINK-32070 file merging,
/// FLINK-33376 Curator options, FLINK-20217 interruptible timers, FLINK-35473
/// `table.display.max-column-width`). The keys of the FLINK-34255 renames are added from
/// `renamed-keys-1.20.tsv`.
const ADDED_IN_1_20: &[&str] = &[
    "execution.checkpointing.file-merging.across-checkpoint-boundary",
    "execution.checkpointing.file-merging.enabled",
    "execution.checkpointing.file-merging.max-file-size",
    "execution.checkpointing.file-merging.max-space-amplification",
    "execution.checkpointing.file-merging.pool-blocking",
    "high-availability.zookeeper.client.authorization",
    "high-availability.zookeeper.client.max-close-wait",
    "high-availability.zookeeper.client.simulated-session-expiration-percent",
    "execution.checkpointing.unaligned.interruptible-timers.enabled",
    "table.display.max-column-width",
];

/// Options the 1.20 release notes deprecate without an alias (FLINK-35461, FLINK-35473).
const DEPRECATED_IN_1_20: &[&str] = &[
    "taskmanager.network.sort-shuffle.min-parallelism",
    "taskmanager.network.blocking-shuffle.type",
    "taskmanager.network.hybrid-shuffle.spill-index-region-group-size",
    "taskmanager.network.hybrid-shuffle.num-retained-in-memory-regions-max",
    "taskmanager.network.hybrid-shuffle.enable-new-mode",
    "taskmanager.network.memory.buffers-per-channel",
    "taskmanager.network.memory.floating-buffers-per-gate",
    "taskmanager.network.memory.max-buffers-per-channel",
    "taskmanager.network.memory.max-overdraft-buffers-per-gate",
    "taskmanager.network.batch-shuffle.compression.enabled",
    "taskmanager.network.netty.num-arenas",
    "taskmanager.network.netty.server.numThreads",
    "taskmanager.network.netty.client.numThreads",
    "taskmanager.network.netty.server.backlog",
    "taskmanager.network.netty.sendReceiveBufferSize",
    "taskmanager.network.netty.transport",
    "taskmanager.network.max-num-tcp-connections",
    "fine-grained.shuffle-mode.all-blocking",
    "table.exec.range-sort.enabled",
    "table.optimizer.rows-per-local-agg",
    "table.optimizer.join.null-filter-threshold",
    "table.optimizer.semi-anti-join.build-distinct.ndv-ratio",
    "table.optimizer.shuffle-by-partial-key-enabled",
    "table.optimizer.smj.remove-sort-enabled",
    "table.optimizer.cnf-nodes-limit",
    "table.optimizer.source.aggregate-pushdown-enabled",
    "table.optimizer.source.predicate-pushdown-enabled",
    "sql-client.display.max-column-width",
];

/// Keys added in 1.19 by features the 1.19 release notes name: FLINK-33090 (cleaner
/// parallel mode), FLINK-33221 (administrator JVM options), FLINK-33203 (SQL Gateway JVM
/// options), FLINK-33625 / FLIP-390 (System.out redirection), FLINK-15959 (minimum slots
/// and resources), FLINK-34122 / FLIP-398 (serialization config), FLINK-32514 (interval
/// during backlog), FLINK-33325 / FLIP-375 (profiler). The `pekko.*` keys (FLINK-32684) are
/// handled separately.
const ADDED_IN_1_19: &[&str] = &[
    "state.checkpoint.cleaner.parallel-mode",
    "env.java.default-opts.all",
    "env.java.default-opts.jobmanager",
    "env.java.default-opts.taskmanager",
    "env.java.opts.sql-gateway",
    "taskmanager.system-out.mode",
    "taskmanager.system-out.log.cache-upper-size",
    "taskmanager.system-out.log.thread-name.enabled",
    "slotmanager.min-total-resource.cpu",
    "slotmanager.min-total-resource.memory",
    "slotmanager.number-of-slots.min",
    "pipeline.serialization-config",
    "execution.checkpointing.interval-during-backlog",
    "rest.profiling.enabled",
    "rest.profiling.dir",
    "rest.profiling.duration-max",
    "rest.profiling.history-size",
];

/// Keys the 2.1 and 2.2 release notes add (FLINK-37859; FLINK-38229), with the type the
/// notes imply. They remove none.
const ADDED_IN_2_X: &[(&str, u8, Option<&str>)] = &[
    (
        "table.optimizer.multi-join.enabled",
        F21 | F22,
        Some("Boolean"),
    ),
    ("historyserver.archive.retained-ttl", F22, None),
];

/// Source trees of format and connector options, whose aliases are left out.
const CONNECTOR_SOURCES: &[&str] = &["flink-formats/", "flink-connectors/"];

/// The table of the SQL Gateway REST endpoint lists its options without their prefix.
const GATEWAY_REST_TABLE: &str = "sql_gateway_rest_configuration.html";
const GATEWAY_REST_PREFIX: &str = "sql-gateway.endpoint.rest.";

/// Takes `bits` away from `key`: as an option of its own and as an alias of another key.
fn drop_lines(p: &mut Product, key: &str, bits: u8) {
    if let Some(r) = p.keys.get_mut(key) {
        r.lines &= !bits;
    }
    for ((old, _), a) in &mut p.aliases {
        if old == key {
            a.lines &= !bits;
        }
    }
}

fn flink_mask(versions: &str) -> Result<u8, String> {
    versions.split(',').try_fold(0, |m, v| match v.trim() {
        "1.20" => Ok(m | F1X),
        "2.0" => Ok(m | F2X),
        other => Err(format!("unknown Flink version column `{other}`")),
    })
}

fn none_if_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_owned())
}

#[allow(clippy::too_many_lines)] // one derivation, step by step, each with its reason
fn flink(data: &Path) -> Result<Product, String> {
    let mut p = Product::new(
        "Flink",
        "flink/flink-options.tsv, flink-deprecated-keys.tsv, renamed-keys-1.20.tsv, removed-keys-2.0.tsv; release notes 1.19, 1.20, 2.1, 2.2",
        vec![
            ((1, 18), "Derived"),
            ((1, 19), "Derived"),
            ((1, 20), "Exact"),
            ((2, 0), "Exact"),
            ((2, 1), "Derived"),
            ((2, 2), "Derived"),
        ],
    );

    // 1. The documented options of 1.20 and 2.0. A 1.20 option is taken to exist in 1.18
    //    and 1.19 unless a step below says otherwise; a 2.0 option in 2.1 and 2.2.
    for row in tsv(data, "flink/flink-options.tsv")? {
        let mut key = field(&row, "key").to_owned();
        let lines = flink_mask(field(&row, "versions"))?;
        if key.contains('<') || key.contains('#') {
            p.patterns.push(Pat {
                template: flink_template(&key),
                kind: "Template",
                lines,
            });
            continue;
        }
        if field(&row, "source_file").ends_with(GATEWAY_REST_TABLE) {
            key = format!("{GATEWAY_REST_PREFIX}{key}");
        }
        let default = field(&row, "default");
        let old_default = field(&row, "default_1.20_if_different");
        let previous = p.keys.insert(
            key.clone(),
            Row {
                ty: none_if_empty(field(&row, "type")),
                default: (default != "(none)").then(|| default.to_owned()),
                lines,
                old_default: none_if_empty(old_default)
                    .map(|d| (F1X, if d == "(none)" { String::new() } else { d })),
                ..Row::default()
            },
        );
        if previous.is_some() {
            return Err(format!("flink-options.tsv: `{key}` twice"));
        }
    }

    // 2. Every alias in the 1.20 and 2.0 sources. Targets the docs do not list (e.g.
    //    `web.address` before 2.0) are options all the same: add them without a type.
    let mut undocumented = Vec::new();
    let mut connector_keys = Vec::new();
    for row in tsv(data, "flink/flink-deprecated-keys.tsv")? {
        // Format and connector options (`WITH (...)`) are not configuration keys.
        let source = field(&row, "java_source");
        if CONNECTOR_SOURCES.iter().any(|s| source.starts_with(s)) {
            connector_keys.push(field(&row, "old_key").to_owned());
            connector_keys.push(field(&row, "current_key").to_owned());
            continue;
        }
        let versions = field(&row, "versions");
        let lines = flink_mask(versions)?;
        let old = field(&row, "old_key").to_owned();
        let new = field(&row, "current_key").to_owned();
        let alias = Alias {
            lines,
            deprecated: field(&row, "kind") == "deprecated-key",
            since: (versions == "2.0").then_some((2, 0)),
        };
        if field(&row, "current_key_documented") == "no" {
            undocumented.push((new.clone(), lines));
        }
        p.aliases.insert((old, new), alias);
    }

    // 3. FLINK-34255 and the other 1.20 renames: the new keys did not exist in 1.19; the old
    //    keys marked `yes` were options of their own; the older aliases carried over were
    //    aliases of those.
    let renamed = tsv(data, "flink/renamed-keys-1.20.tsv")?;
    let new_keys: Vec<&str> = renamed.iter().map(|r| field(r, "new_key")).collect();
    for row in &renamed {
        let (old, new) = (field(row, "old_key"), field(row, "new_key"));
        drop_lines(&mut p, new, F118 | F119);
        for ((o, n), a) in &mut p.aliases {
            if o == old && n == new {
                a.lines &= !(F118 | F119);
                a.since = Some((1, 20));
            }
        }
        if field(row, "old_key_was_own_option_in_1.19") == "yes" {
            let template = p.keys.get(new).cloned().unwrap_or_default();
            let r = p.keys.entry(old.to_owned()).or_insert_with(|| Row {
                ty: template.ty,
                default: template.default,
                ..Row::default()
            });
            r.lines |= F118 | F119;
        } else if !new_keys.contains(&old) {
            let own = renamed.iter().find(|r| {
                field(r, "new_key") == new && field(r, "old_key_was_own_option_in_1.19") == "yes"
            });
            if let Some(own) = own {
                let target = (old.to_owned(), field(own, "old_key").to_owned());
                let alias = p.aliases.entry(target).or_insert(Alias {
                    lines: 0,
                    deprecated: true,
                    since: None,
                });
                alias.lines |= F118 | F119;
            }
        }
    }
    for key in ADDED_IN_1_20 {
        drop_lines(&mut p, key, F118 | F119);
    }

    // 4. 1.19 additions; `akka.*` became `pekko.*` in 1.19 (FLINK-32684).
    for key in ADDED_IN_1_19 {
        drop_lines(&mut p, key, F118);
    }
    let akka: Vec<(String, String)> = p
        .aliases
        .keys()
        .filter(|(o, n)| o.starts_with("akka.") && n.starts_with("pekko."))
        .cloned()
        .collect();
    for (old, new) in akka {
        drop_lines(&mut p, &new, F118);
        let template = p.keys.get(&new).cloned().unwrap_or_default();
        if let Some(a) = p.aliases.get_mut(&(old.clone(), new)) {
            a.lines &= !F118;
            a.since = Some((1, 19));
        }
        let r = p.keys.entry(old).or_insert_with(|| Row {
            ty: template.ty,
            default: template.default,
            ..Row::default()
        });
        r.lines |= F118;
    }

    // 5. Undocumented alias targets, in the lines where they are not aliases themselves.
    for (key, lines) in undocumented {
        let alias_lines = p
            .aliases
            .iter()
            .filter(|((o, _), _)| *o == key)
            .fold(0, |m, (_, a)| m | a.lines);
        let lines = lines & !alias_lines;
        if lines != 0 && !p.keys.contains_key(&key) {
            p.keys.insert(
                key,
                Row {
                    lines,
                    ..Row::default()
                },
            );
        }
    }

    // 6. Removed in 2.0 (release notes' list, status from the 2.0 sources): options until
    //    1.20, deprecated in 1.20, gone from 2.0.
    for row in tsv(data, "flink/removed-keys-2.0.tsv")? {
        if field(&row, "status_in_2.0_source") != "removed" {
            continue;
        }
        let key = field(&row, "removed_key");
        if connector_keys.iter().any(|k| k == key) {
            continue;
        }
        let hint = field(&row, "replacement_hint");
        let hint = hint.split('|').next().filter(|h| !h.is_empty());
        let is_alias = p.aliases.keys().any(|(o, _)| o == key);
        if is_alias && !p.keys.contains_key(key) {
            continue;
        }
        let r = p.keys.entry(key.to_owned()).or_insert_with(|| Row {
            lines: F1X,
            ..Row::default()
        });
        if r.lines & F2X != 0 {
            return Err(format!("removed-keys-2.0.tsv: `{key}` is a 2.0 option"));
        }
        r.removed_in = Some((2, 0));
        r.deprecated |= F120;
        if r.replacement.is_none() {
            r.replacement = hint.map(str::to_owned);
        }
    }
    for key in DEPRECATED_IN_1_20 {
        if let Some(r) = p.keys.get_mut(*key) {
            r.deprecated |= r.lines & F120;
            r.deprecated_since = Some((1, 20));
        }
    }

    // 7. 2.1 and 2.2 additions.
    for (key, lines, ty) in ADDED_IN_2_X {
        let r = p.keys.entry((*key).to_owned()).or_default();
        r.lines |= lines;
        if r.ty.is_none() {
            r.ty = ty.map(str::to_owned);
        }
    }

    p.keys.retain(|_, r| r.lines != 0);
    p.aliases.retain(|_, a| a.lines != 0);
    Ok(p)
}

/// `metrics.reporter.<name>.<parameter>` → `metrics.reporter.<name>.*`: a last placeholder
/// that stands for a nested key takes any rest. `#` is a placeholder too.
fn flink_template(key: &str) -> String {
    let mut parts: Vec<String> = key
        .split('.')
        .map(|s| {
            if s == "#" {
                "<field>".to_owned()
            } else {
                s.to_owned()
            }
        })
        .collect();
    if let Some(last) = parts.last_mut()
        && ["<parameter>", "<param>", "<key>"].contains(&last.as_str())
    {
        "*".clone_into(last);
    }
    parts.join(".")
}

// ---------------------------------------------------------------------------------------
// Hadoop.

const HADOOP_FILES: [(&str, u8); 4] = [
    ("hadoop/core-default.xml", 1 << 0),
    ("hadoop/hdfs-default.xml", 1 << 1),
    ("hadoop/yarn-default.xml", 1 << 2),
    ("hadoop/mapred-default.xml", 1 << 3),
];

fn hadoop(data: &Path) -> Result<Product, String> {
    let mut p = Product::new(
        "Hadoop",
        "hadoop/{core,hdfs,yarn,mapred}-default.xml, deprecated-properties.tsv, deprecated-properties-code.tsv (Hadoop 3.4.1)",
        vec![((3, 4), "Exact")],
    );
    for (file, bit) in HADOOP_FILES {
        for (name, value) in properties(data, file)? {
            if let Some(template) = hadoop_template(&name) {
                if !p.patterns.iter().any(|t| t.template == template) {
                    p.patterns.push(Pat {
                        template,
                        kind: "Template",
                        lines: 1,
                    });
                }
                continue;
            }
            let r = p.keys.entry(name).or_insert_with(|| Row {
                default: Some(value),
                lines: 1,
                ..Row::default()
            });
            r.files |= bit;
        }
    }
    // The union of the documented table and the deprecations registered in code.
    for row in tsv(data, "hadoop/deprecated-properties.tsv")? {
        let old = field(&row, "deprecated_key");
        match field(&row, "replacement_key") {
            "" => deprecate_own(&mut p, old, None),
            new => add_deprecation(&mut p, old, new),
        }
    }
    for row in tsv(data, "hadoop/deprecated-properties-code.tsv")? {
        let old = field(&row, "deprecated_key");
        for new in field(&row, "replacement_keys")
            .split('|')
            .filter(|n| !n.is_empty())
        {
            add_deprecation(&mut p, old, new);
        }
    }
    prefer_documented(&mut p);
    Ok(p)
}

/// `ipc.[port_number].backoff.enable` → `ipc.<port_number>.backoff.enable`: the defaults
/// files document a few keys with a placeholder segment (`[x]`, `EXAMPLENAMESERVICE`,
/// `${NAME}`).
fn hadoop_template(name: &str) -> Option<String> {
    let mut templated = false;
    let parts: Vec<String> = name
        .split('.')
        .map(|s| {
            let inner = s
                .strip_prefix('[')
                .and_then(|r| r.strip_suffix(']'))
                .or_else(|| s.strip_prefix("${").and_then(|r| r.strip_suffix('}')))
                .or_else(|| s.strip_prefix("EXAMPLE"));
            match inner {
                Some(inner) => {
                    templated = true;
                    format!("<{}>", inner.to_ascii_lowercase())
                }
                None => s.to_owned(),
            }
        })
        .collect();
    templated.then(|| parts.join("."))
}

/// A deprecated key of a single-line product (or of all lines): an alias, and if the key is
/// also documented as its own property, that row is marked deprecated.
fn add_deprecation(p: &mut Product, old: &str, new: &str) {
    let all = u8::MAX >> (8 - p.lines.len());
    p.aliases.insert(
        (old.to_owned(), new.to_owned()),
        Alias {
            lines: all,
            deprecated: true,
            since: None,
        },
    );
    if let Some(r) = p.keys.get_mut(old) {
        r.deprecated = r.lines;
        r.replacement.get_or_insert_with(|| new.to_owned());
    }
}

/// A deprecated row documented in the defaults files names, among its replacements, one
/// that is itself documented when there is one.
fn prefer_documented(p: &mut Product) {
    let documented: Vec<(String, String)> = p
        .aliases
        .keys()
        .filter(|(_, new)| p.keys.contains_key(new))
        .cloned()
        .collect();
    for (old, new) in documented {
        let keys = &p.keys;
        let stale = keys
            .get(&old)
            .and_then(|r| r.replacement.as_ref())
            .is_some_and(|rep| !keys.contains_key(rep));
        if stale && let Some(r) = p.keys.get_mut(&old) {
            r.replacement = Some(new);
        }
    }
}

/// A deprecated key without replacement: a deprecated row of its own.
fn deprecate_own(p: &mut Product, key: &str, replacement: Option<&str>) {
    let all = u8::MAX >> (8 - p.lines.len());
    let r = p.keys.entry(key.to_owned()).or_insert_with(|| Row {
        lines: all,
        ..Row::default()
    });
    r.deprecated = r.lines;
    r.replacement = replacement.map(str::to_owned);
}

// ---------------------------------------------------------------------------------------
// HBase.

const HBASE_FILE: u8 = 1 << 4;

fn hbase(data: &Path) -> Result<Product, String> {
    let mut p = Product::new(
        "Hbase",
        "hbase/hbase-default.xml (2.6.7), hbase-default-3.0.0.xml, deprecated-keys-code.tsv",
        vec![((2, 6), "Exact"), ((3, 0), "Exact")],
    );
    for (file, bit) in [
        ("hbase/hbase-default.xml", 1),
        ("hbase/hbase-default-3.0.0.xml", 2),
    ] {
        for (name, value) in properties(data, file)? {
            let r = p.keys.entry(name).or_insert_with(|| Row {
                default: Some(value.clone()),
                files: HBASE_FILE,
                ..Row::default()
            });
            r.lines |= bit;
            // The newer default is the main one; an older different one is kept per line.
            if bit == 2 && r.default.as_deref() != Some(value.as_str()) {
                if r.lines & 1 != 0 {
                    r.old_default = r.default.take().map(|d| (1, d));
                }
                r.default = Some(value);
            }
        }
    }
    for row in tsv(data, "hbase/deprecated-keys-code.tsv")? {
        let lines = u8::from(field(&row, "in_2.6.7") == "yes")
            | (u8::from(field(&row, "in_3.0.0") == "yes") << 1);
        let old = field(&row, "deprecated_key");
        for new in field(&row, "replacement_keys").split('|') {
            p.aliases.insert(
                (old.to_owned(), new.to_owned()),
                Alias {
                    lines,
                    deprecated: true,
                    since: None,
                },
            );
            if let Some(r) = p.keys.get_mut(old) {
                r.deprecated |= r.lines & lines;
                r.replacement.get_or_insert_with(|| new.to_owned());
            }
        }
    }
    Ok(p)
}

// ---------------------------------------------------------------------------------------
// Spring Boot: the Redis and the datasource keys.

/// The modelled Spring Boot releases and their line bits.
const SPRING_RELEASES: [(&str, u8); 3] = [("2.7.18", 1), ("3.5.16", 2), ("4.1.1", 4)];

/// The line mask of a comma-separated list of Spring Boot releases.
fn spring_mask(file: &str, list: &str) -> Result<u8, String> {
    list.split(',')
        .filter(|v| !v.is_empty())
        .try_fold(0, |m, v| {
            SPRING_RELEASES
                .iter()
                .find(|(r, _)| *r == v)
                .map(|(_, b)| m | b)
                .ok_or_else(|| format!("{file}: unknown release `{v}`"))
        })
}

fn spring(data: &Path) -> Result<Product, String> {
    let mut p = Product::new(
        "SpringBoot",
        "spring/redis-keys.tsv, spring/datasource-keys.tsv (Spring Boot 2.7.18, 3.5.16, 4.1.1)",
        vec![((2, 7), "Exact"), ((3, 5), "Exact"), ((4, 1), "Exact")],
    );
    spring_redis(data, &mut p)?;
    spring_datasource(data, &mut p)?;
    Ok(p)
}

fn spring_redis(data: &Path, p: &mut Product) -> Result<(), String> {
    let mask = |list: &str| spring_mask("redis-keys.tsv", list);
    for row in tsv(data, "spring/redis-keys.tsv")? {
        let key = field(&row, "key").to_owned();
        let current = mask(field(&row, "current_in"))?;
        let deprecated = field(&row, "deprecated");
        // `yes (level=error, since 3.0.0)`: Spring no longer binds the key from that release.
        let removed_in = match deprecated.split_once("since ") {
            Some((_, rest)) => Some(parse_ver(rest.trim_end_matches(')'))?),
            None if deprecated == "no" => None,
            None => {
                return Err(format!(
                    "redis-keys.tsv: `{key}`: deprecated `{deprecated}`"
                ));
            }
        };
        if removed_in.is_some() && !deprecated.contains("level=error") {
            return Err(format!(
                "redis-keys.tsv: `{key}`: only error-level deprecations are modelled"
            ));
        }
        let replacement = match field(&row, "replacement") {
            r if r.is_empty() || r.starts_with("(none") => {
                none_if_empty(field(&row, "counterpart_key_derived"))
            }
            r => Some(r.to_owned()),
        };
        let default = field(&row, "default");
        p.keys.insert(
            key,
            Row {
                ty: none_if_empty(field(&row, "type")),
                default: none_if_empty(default),
                lines: current,
                removed_in,
                replacement,
                ..Row::default()
            },
        );
    }
    Ok(())
}

/// `spring.datasource.*`: keys (with the 2.5 deprecations that 3.0 stopped binding), the
/// connection pools' prefixes (open: the pool's own setters) and the XA properties map.
fn spring_datasource(data: &Path, p: &mut Product) -> Result<(), String> {
    const FILE: &str = "datasource-keys.tsv";
    for row in tsv(data, "spring/datasource-keys.tsv")? {
        let key = field(&row, "key").to_owned();
        let lines = spring_mask(FILE, field(&row, "current_in"))?;
        let kind = match field(&row, "kind") {
            "key" => None,
            "prefix" => Some("Open"),
            "map" => Some("Template"),
            other => return Err(format!("{FILE}: `{key}`: kind `{other}`")),
        };
        if let Some(kind) = kind {
            p.patterns.push(Pat {
                template: format!("{key}.*"),
                kind,
                lines,
            });
            continue;
        }
        let deprecated = spring_mask(FILE, field(&row, "warning_in"))?;
        if deprecated & !lines != 0 {
            return Err(format!("{FILE}: `{key}`: deprecated where it is not bound"));
        }
        let version = |name: &str| match field(&row, name) {
            "" => Ok(None),
            text => parse_ver(text).map(Some),
        };
        let previous = p.keys.insert(
            key.clone(),
            Row {
                ty: none_if_empty(field(&row, "type")),
                default: none_if_empty(field(&row, "default")),
                lines,
                deprecated,
                deprecated_since: version("deprecated_since")?,
                replacement: none_if_empty(field(&row, "replacement")),
                removed_in: version("removed_in")?,
                ..Row::default()
            },
        );
        if previous.is_some() {
            return Err(format!("{FILE}: `{key}` twice"));
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Emitting Rust.

/// The product's strings, each once, and their packed spans (start << 12 | length).
#[derive(Default)]
struct Blob {
    pieces: Vec<String>,
    len: usize,
    index: BTreeMap<String, u32>,
}

impl Blob {
    const MAX_START: usize = 1 << 20;
    const MAX_LEN: usize = (1 << 12) - 1;

    fn id(&mut self, s: &str) -> Result<u32, String> {
        if let Some(id) = self.index.get(s) {
            return Ok(*id);
        }
        if self.len >= Self::MAX_START || s.len() > Self::MAX_LEN {
            return Err(format!("string table overflow at `{s}`"));
        }
        let packed = u32::try_from(self.len << 12 | s.len()).map_err(|e| e.to_string())?;
        self.len += s.len();
        self.pieces.push(s.to_owned());
        self.index.insert(s.to_owned(), packed);
        Ok(packed)
    }

    /// The packed span as a literal, with `_` separators.
    fn lit(&mut self, s: &str) -> Result<String, String> {
        let digits = self.id(s)?.to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push('_');
            }
            out.push(c);
        }
        Ok(out)
    }

    fn opt(&mut self, s: Option<&str>) -> Result<String, String> {
        s.map_or_else(|| Ok("N".to_owned()), |s| self.lit(s))
    }
}

fn emit(p: &Product) -> Result<String, String> {
    let mut blob = Blob::default();
    let keys = emit_keys(p, &mut blob)?;
    let aliases = emit_aliases(p, &mut blob)?;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "// @generated by `cargo xtask gen-catalogs` from crates/bdl-catalog/data/. Do not edit.\n\
         // Sources: {}.",
        p.sources
    );
    for (i, (v, prov)) in p.lines.iter().enumerate() {
        let _ = writeln!(out, "// {}.{} ({prov}): {} keys", v.0, v.1, p.count(1 << i));
    }
    let _ = writeln!(
        out,
        "// {} keys in all lines, {} aliases, {} patterns, {} bytes of text.\n",
        p.keys.len(),
        p.aliases.len(),
        p.patterns.len(),
        blob.len
    );
    let _ = writeln!(
        out,
        "pub(crate) static LINES: [crate::Catalog; {}] = [",
        p.lines.len()
    );
    for (i, (_, prov)) in p.lines.iter().enumerate() {
        let _ = writeln!(
            out,
            "    crate::Catalog {{ tables: &TABLES, index: {i}, provenance: crate::Provenance::{prov} }},"
        );
    }
    out.push_str("];\n\n");
    let _ = writeln!(
        out,
        "static TABLES: crate::model::Tables = crate::model::Tables {{\n    product: crate::Product::{},\n    versions: &[{}],\n    text: TEXT,\n    keys: KEYS,\n    aliases: ALIASES,\n    patterns: DATA_PATTERNS,\n}};\n",
        p.variant,
        p.lines
            .iter()
            .map(|(v, _)| ver(*v))
            .collect::<Vec<_>>()
            .join(", ")
    );
    out.push_str(&keys);
    out.push_str(&aliases);
    out.push_str("static DATA_PATTERNS: &[crate::Pattern] = &[\n");
    for pat in &p.patterns {
        let _ = writeln!(
            out,
            "    crate::Pattern {{ template: {}, kind: crate::PatternKind::{}, lines: {} }},",
            lit(&pat.template),
            pat.kind,
            pat.lines
        );
    }
    out.push_str("];\n\n// Keys, types, defaults and replacements, each once.\nstatic TEXT: &str = concat!(\n");
    for piece in &blob.pieces {
        let _ = writeln!(out, "    {},", lit(piece));
    }
    out.push_str(");\n\nconst N: u32 = u32::MAX;\n\n");
    out.push_str(if p.aliases.is_empty() {
        "use crate::model::key as k;\n"
    } else {
        "use crate::model::{alias as a, key as k};\n"
    });
    Ok(out)
}

fn emit_keys(p: &Product, blob: &mut Blob) -> Result<String, String> {
    let mut out = String::from("static KEYS: &[crate::model::KeyRow] = &[\n");
    for (key, r) in &p.keys {
        let _ = write!(
            out,
            "    k({}, {}, {}, {}, {})",
            blob.lit(key)?,
            blob.opt(r.ty.as_deref())?,
            blob.opt(r.default.as_deref())?,
            r.lines,
            r.files
        );
        if r.deprecated != 0 {
            let _ = write!(
                out,
                ".deprecated({}, {})",
                r.deprecated,
                opt_ver(r.deprecated_since)
            );
        }
        if let Some(rep) = &r.replacement {
            let _ = write!(out, ".replacement({})", blob.lit(rep)?);
        }
        if let Some(v) = r.removed_in {
            let _ = write!(out, ".removed_in({})", ver(v));
        }
        if let Some((lines, d)) = &r.old_default {
            let _ = write!(out, ".old_default({lines}, {})", blob.lit(d)?);
        }
        let _ = writeln!(out, ", // {key}");
    }
    out.push_str("];\n\n");
    Ok(out)
}

fn emit_aliases(p: &Product, blob: &mut Blob) -> Result<String, String> {
    let mut out = String::from("static ALIASES: &[crate::model::AliasRow] = &[\n");
    for ((old, new), a) in &p.aliases {
        let _ = writeln!(
            out,
            "    a({}, {}, {}, {}, {}), // {old} -> {new}",
            blob.lit(old)?,
            blob.lit(new)?,
            a.lines,
            a.deprecated,
            opt_ver(a.since)
        );
    }
    out.push_str("];\n\n");
    Ok(out)
}

fn lit(s: &str) -> String {
    format!("{s:?}")
}

fn ver(v: Ver) -> String {
    format!("crate::Version::new({}, {})", v.0, v.1)
}

fn opt_ver(v: Option<Ver>) -> String {
    v.map_or_else(|| "None".to_owned(), |v| format!("Some({})", ver(v)))
}
