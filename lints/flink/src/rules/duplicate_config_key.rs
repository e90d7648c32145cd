use std::collections::{HashMap, HashSet};
use std::time::Duration;

use bdl_core::{Ctx, FileKind, LineIndex, RuleMeta, Severity, declare_rule, format_duration};
use bdl_syntax::config::{properties, sql, yaml};
use bdl_syntax::java::fold::{self, Certainty, arguments};
use bdl_syntax::java::{chain, scope};
use bdl_syntax::{ConfigFile, Entry, JavaFile, Rule};
use tree_sitter::Node;

use crate::helpers;

declare_rule! {
    /// ## What it does
    /// Flags a configuration key that is set twice in one file, where one of the two
    /// definitions is silently ignored (or, in a standard YAML file, where the product refuses
    /// the file):
    ///
    /// - Flink's `flink-conf.yaml`, Spring `application.properties`, `spark-defaults.conf` and
    ///   Hadoop / HBase `*-site.xml`: the same key on two lines;
    /// - Flink's `config.yaml` and Spring `application.yml`: the same key twice in one mapping
    ///   (an error: both refuse to load such a file), and the same flattened key written in two
    ///   ways, such as `execution.checkpointing.interval: 1s` and
    ///   `execution: {checkpointing: {interval: 2min}}`;
    /// - a `*-site.xml` key redefined after a definition marked `<final>true</final>` with
    ///   another value (an error: Hadoop ignores the redefinition);
    /// - a SQL script that `SET`s the same key twice with no other statement in between: each
    ///   `SET` applies to the statements after it, so the first one applies to nothing. Two
    ///   `SET`s with a statement between them are how a script changes a setting for its next
    ///   statement, and are not reported;
    /// - a Flink job that calls `enableCheckpointing(…)` or `setRestartStrategy(…)` more than
    ///   once on the same `StreamExecutionEnvironment` variable, as statements of one block, where
    ///   an earlier call provably sets another value than the last (folded intervals and modes;
    ///   restart strategies by factory and folded arguments). Calls in different branches or
    ///   methods, on a reassigned variable, with an `execute` in between (each job is built with
    ///   the value set before it), or with values that cannot be folded are not reported.
    ///
    /// Keys count per document: the documents of a multi-document YAML file (`---`, Spring
    /// profiles) and of a Spring `.properties` file (`#---`) are separate configurations. A key
    /// gets one finding however often it is repeated, at the definition that wins, against the
    /// nearest earlier definition with another value (a `*-site.xml` key after a `<final>` one:
    /// at the first ignored definition). A key always set to the same value is reported as
    /// `info`: nothing is wrong yet, but an edit of the first line would have no effect.
    ///
    /// ## Why is this bad?
    /// The product keeps one of the definitions without a word, so one of the two lines lies to
    /// whoever reads it: a reviewer checks the first `dfs.replication`, the cluster runs with the
    /// second.
    ///
    /// - `java.util.Properties` (Spring `.properties`, `spark-defaults.conf`) and Flink's
    ///   `flink-conf.yaml` reader (`GlobalConfiguration`, one `setString` per line) keep the
    ///   last definition.
    /// - Flink 1.19+ reads `config.yaml` with SnakeYAML configured to reject duplicate keys
    ///   (`YamlParserUtils`: `loaderOptions.setAllowDuplicateKeys(false)`, "the standard YAML do
    ///   not allow duplicate keys"), so a key written twice in one mapping fails with
    ///   `found duplicate key` and the cluster does not start. Spring Boot's
    ///   `OriginTrackedYamlLoader` sets the same option, so the application does not start. A
    ///   flattened key written in two spellings passes the loader; Flink and Spring then flatten
    ///   the maps in file order and the later definition wins.
    /// - Hadoop's `Configuration` keeps the last definition, unless an earlier one is marked
    ///   `<final>`: then every later value is ignored, with only a log line ("an attempt to
    ///   override final parameter … Ignoring").
    /// - The Flink SQL client applies a `SET` to the statements that follow it.
    /// - In a job, the later `enableCheckpointing` or `setRestartStrategy` call replaces the
    ///   earlier one before the job is built.
    ///
    /// ## Example
    /// ```xml file=hdfs-site.xml bad
    /// <configuration>
    ///   <property>
    ///     <name>dfs.replication</name>
    ///     <value>3</value>
    ///   </property>
    ///   <property>
    ///     <name>dfs.replication</name>
    ///     <value>2</value>
    ///   </property>
    /// </configuration>
    /// ```
    ///
    /// ```yaml file=config.yaml bad
    /// execution:
    ///   checkpointing:
    ///     interval: 3min
    /// execution.checkpointing.interval: 30s
    /// ```
    ///
    /// ```sql file=session.sql bad
    /// SET 'parallelism.default' = '4';
    /// SET 'parallelism.default' = '8';
    /// INSERT INTO sink SELECT * FROM source;
    /// ```
    ///
    /// Use instead:
    ///
    /// ```xml file=hdfs-site.xml good
    /// <configuration>
    ///   <property>
    ///     <name>dfs.replication</name>
    ///     <value>3</value>
    ///   </property>
    /// </configuration>
    /// ```
    ///
    /// ```yaml file=config.yaml good
    /// execution:
    ///   checkpointing:
    ///     interval: 3min
    /// ```
    ///
    /// ```sql file=session.sql good
    /// SET 'parallelism.default' = '4';
    /// INSERT INTO small_sink SELECT * FROM source;
    /// SET 'parallelism.default' = '8';
    /// INSERT INTO large_sink SELECT * FROM source;
    /// ```
    ///
    /// ## How to fix
    /// Keep one definition: delete the line that does not apply, or merge the two YAML sections
    /// into one. If a `<final>` definition is in the way of a value you need, drop the
    /// `<final>` rather than adding a second definition. In a SQL script, delete the first
    /// `SET`, or move the statement that needs its value between the two.
    ///
    /// ## Options
    /// None.
    ///
    /// ## References
    /// - Flink `YamlParserUtils` (duplicate keys rejected):
    ///   <https://github.com/apache/flink/blob/master/flink-core/src/main/java/org/apache/flink/configuration/YamlParserUtils.java>
    /// - Flink configuration file, `config.yaml` and the legacy `flink-conf.yaml`:
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/deployment/config/#flink-configuration-file>
    /// - Hadoop `Configuration`, final parameters:
    ///   <https://hadoop.apache.org/docs/stable/api/org/apache/hadoop/conf/Configuration.html>
    /// - Spring Boot, multi-document files:
    ///   <https://docs.spring.io/spring-boot/reference/features/external-config.html#features.external-config.files.multi-document>
    /// - Flink SQL `SET`: <https://nightlies.apache.org/flink/flink-docs-stable/docs/dev/table/sql/set/>
    pub DuplicateConfigKey {
        code: "FLK024",
        name: "duplicate-config-key",
        summary: "configuration key set twice, so one definition is ignored",
        severity: Error,
        kinds: [
            Java,
            FlinkConf,
            FlinkYaml,
            FlinkSql,
            HadoopXml,
            SpringProperties,
            SpringYaml,
            SparkConf,
        ],
        triggers: ["enableCheckpointing", "setRestartStrategy"],
        options: [],
    }
}

impl Rule for DuplicateConfigKey {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_config(&self, file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
        match file.kind {
            FileKind::FlinkYaml | FileKind::SpringYaml => check_yaml(file, cx),
            FileKind::FlinkSql => check_sql(file, cx),
            FileKind::SpringProperties => {
                if let Some(groups) = groups(
                    file,
                    |_| true,
                    || {
                        let starts = properties::document_starts(file.text);
                        move |e: &Entry| starts.partition_point(|&s| s <= e.key_span.start)
                    },
                ) {
                    report_groups(file, cx, &groups);
                }
            }
            FileKind::FlinkConf => {
                // An indented line is nested YAML, which Flink's line reader misreads as a
                // flat key (`size` for `memory: {process: {size: …}}`): another problem.
                let flat = |e: &Entry| !indented(file.text, e.key_span.start);
                if let Some(groups) = groups(file, flat, || |_: &Entry| 0) {
                    report_groups(file, cx, &groups);
                }
            }
            _ => {
                if let Some(groups) = groups(file, |_| true, || |_: &Entry| 0) {
                    report_groups(file, cx, &groups);
                }
            }
        }
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        if helpers::uses_flink(file) {
            check_java(file, cx);
        }
    }
}

/// Standard YAML: keys written twice in one mapping (the loader rejects the file), then
/// flattened keys set twice in one document. Entries inside a repeated key's value are left
/// out: the repeated key is the finding.
fn check_yaml(file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
    let layout = yaml::layout(file.text);
    let product = if file.kind == FileKind::FlinkYaml {
        "Flink refuses to load a `config.yaml` with a duplicate key"
    } else {
        "Spring Boot refuses to load a YAML file with a duplicate key"
    };
    let mut lines = Lines::new(file.text);
    for repeated in &layout.repeated {
        let first = lines.of(repeated.first.start);
        cx.report(
            Severity::Error,
            repeated.second,
            format!(
                "`{}` appears again in the same mapping (first on line {first}): {product}",
                repeated.path
            ),
        )
        .help(format!("merge the two `{}` entries into one", repeated.key))
        .label(repeated.first, "first occurrence")
        .anchor(format!("{} again", repeated.path));
    }
    let outside_repeated = |e: &Entry| {
        !layout.repeated.iter().any(|r| {
            r.second_node.start <= e.key_span.start && e.key_span.start < r.second_node.end
        })
    };
    let document = || |e: &Entry| layout.document_of(e.key_span.start);
    if let Some(groups) = groups(file, outside_repeated, document) {
        report_groups(file, cx, &groups);
    }
}

/// A SQL script: a key `SET` again before any other statement ran. The statements that are
/// not `SET`s cut the script into runs, and only definitions within one run are compared.
fn check_sql(file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
    let runs = || {
        let statements = sql::statements(file.text);
        // The number of statements that run, up to each statement.
        let mut ran = 0;
        let before: Vec<(usize, usize)> = statements
            .iter()
            .map(|s| {
                let here = (s.span.start, ran);
                ran += usize::from(!s.is_set);
                here
            })
            .collect();
        move |e: &Entry| {
            let at = before
                .partition_point(|(start, _)| *start <= e.key_span.start)
                .saturating_sub(1);
            before.get(at).map_or(0, |(_, ran)| *ran)
        }
    };
    if let Some(groups) = groups(file, |_| true, runs) {
        report_groups(file, cx, &groups);
    }
}

/// The definitions of every key defined more than once within one scope (document, or run of
/// `SET`s), in file order, or `None` when no key is defined twice at all. `scope` is made only
/// when some key repeats.
fn groups<'f, F>(
    file: &'f ConfigFile<'_>,
    include: impl Fn(&Entry) -> bool,
    scope: impl FnOnce() -> F,
) -> Option<Vec<Vec<&'f Entry>>>
where
    F: Fn(&Entry) -> usize,
{
    let mut keys = HashSet::new();
    if file.entries.iter().all(|e| keys.insert(e.key.as_str())) {
        return None;
    }
    let scope = scope();
    let mut by_key: HashMap<(usize, &str), Vec<&Entry>> = HashMap::new();
    for entry in file.entries.iter().filter(|e| include(e)) {
        by_key
            .entry((scope(entry), entry.key.as_str()))
            .or_default()
            .push(entry);
    }
    let mut groups: Vec<Vec<&Entry>> = by_key.into_values().filter(|g| g.len() > 1).collect();
    groups.sort_by_key(|g| g.first().map(|e| e.key_span.start));
    Some(groups)
}

fn report_groups(file: &ConfigFile<'_>, cx: &mut Ctx<'_>, groups: &[Vec<&Entry>]) {
    let mut lines = Lines::new(file.text);
    for group in groups {
        let final_at = (file.kind == FileKind::HadoopXml)
            .then(|| group.iter().position(|e| e.is_final))
            .flatten();
        match final_at {
            Some(at) => {
                let (up_to_final, after) = group.split_at(at + 1);
                if up_to_final.len() > 1 {
                    report_overrides(cx, &mut lines, file.kind, up_to_final);
                }
                if let Some(kept) = up_to_final.last() {
                    report_ignored(cx, &mut lines, kept, after);
                }
            }
            None => report_overrides(cx, &mut lines, file.kind, group),
        }
    }
}

/// Several definitions of one key where the last one wins (in SQL: where the earlier ones
/// applied to nothing): one finding at the last, against the nearest earlier definition with
/// another value.
fn report_overrides(cx: &mut Ctx<'_>, lines: &mut Lines<'_>, kind: FileKind, defs: &[&Entry]) {
    let (Some(first), Some((last, earlier))) = (defs.first(), defs.split_last()) else {
        return;
    };
    let key = &last.key;
    let now = shown(key, &last.value);
    let count = if defs.len() > 2 {
        format!(" ({} definitions)", defs.len())
    } else {
        String::new()
    };
    let differing = earlier.iter().rev().find(|d| d.value != last.value);
    let two = defs.len() == 2;
    let (severity, message, help, labelled) = if let Some(prev) = differing {
        let line = lines.of(prev.key_span.start);
        let was = shown(key, &prev.value);
        let message = if kind == FileKind::FlinkSql {
            format!(
                "`{key}` is set again here to {now} before any statement uses {was} from line {line}{count}"
            )
        } else {
            format!(
                "`{key}` is set again here to {now}; line {line} sets it to {was} and this value wins{count}"
            )
        };
        let help = match (kind, two) {
            (FileKind::FlinkSql, _) => {
                "delete the first `SET`, or move the statement that needs its value between the two"
            }
            (_, true) => "keep one of the two definitions and delete the other",
            (_, false) => "keep one definition and delete the others",
        };
        (Severity::Warning, message, help, *prev)
    } else {
        let line = lines.of(first.key_span.start);
        let between = if kind == FileKind::FlinkSql {
            ", with no statement in between"
        } else {
            ""
        };
        let message = format!(
            "`{key}` is set again here to the same value {now} as on line {line}{between}{count}"
        );
        let help = if two {
            "delete the repeated definition"
        } else {
            "delete the repeated definitions"
        };
        (Severity::Info, message, help, *first)
    };
    let mut reported = cx.report(severity, last.key_span, message);
    reported
        .help(help)
        .label(labelled.key_span, "previously set here")
        .anchor(format!("{key}={}", anchored(key, &last.value)));
    if !std::ptr::eq(*first, labelled) {
        reported.label(first.key_span, "first set here");
    }
}

/// `*-site.xml` definitions after a `<final>` one, which Hadoop ignores: one finding at the
/// first that differs (an error), else at the first (the same value: info).
fn report_ignored(cx: &mut Ctx<'_>, lines: &mut Lines<'_>, kept: &Entry, after: &[&Entry]) {
    let Some(first_after) = after.first() else {
        return;
    };
    let key = &kept.key;
    let line = lines.of(kept.key_span.start);
    let kept_value = shown(key, &kept.value);
    let more = match after.len() {
        1 => String::new(),
        n => format!(" ({n} definitions after the final one)"),
    };
    let (severity, at, message) = match after.iter().find(|d| d.value != kept.value) {
        Some(ignored) => (
            Severity::Error,
            *ignored,
            format!(
                "`{key}` is set again here to {}, but line {line} marks it final with {kept_value}: Hadoop ignores this value{more}",
                shown(key, &ignored.value)
            ),
        ),
        None => (
            Severity::Info,
            *first_after,
            format!(
                "`{key}` is set again here to the same value {kept_value} as the final definition on line {line}{more}"
            ),
        ),
    };
    cx.report(severity, at.key_span, message)
        .help(if after.len() == 1 {
            format!(
                "delete the definition after line {line}, or drop the `<final>` of line {line} if another value is meant"
            )
        } else {
            format!(
                "delete the definitions after line {line}, or drop the `<final>` of line {line} if another value is meant"
            )
        })
        .label(kept.key_span, "marked final here")
        .anchor(format!("{key}={}", anchored(key, &at.value)));
}

/// Whether blanks precede `offset` on its line.
fn indented(text: &str, offset: usize) -> bool {
    let line_start = text
        .get(..offset)
        .and_then(|before| before.rfind(['\n', '\r']))
        .map_or(0, |i| i + 1);
    offset > line_start
}

/// Key words of settings whose values must not appear in a report (the way Flink hides them
/// in its logs).
const SENSITIVE: &[&str] = &[
    "password",
    "passwd",
    "secret",
    "token",
    "credential",
    "apikey",
    "api-key",
    "access.key",
    "access-key",
    "private.key",
    "private-key",
    "account.key",
    "auth-params",
    "basic-auth",
    "jaas.config",
];

/// How long a value may be in a message before it is cut.
const SHOWN_CHARS: usize = 40;

/// A value as the fingerprint sees it: masked for secrets, like [`shown`], since a short
/// secret could be found again from the hash of its key and value.
fn anchored<'v>(key: &str, value: &'v str) -> &'v str {
    let lower = key.to_ascii_lowercase();
    if SENSITIVE.iter().any(|word| lower.contains(word)) {
        "****"
    } else {
        value
    }
}

/// A value as a message shows it: quoted, on one line, cut when long, masked for secrets.
fn shown(key: &str, value: &str) -> String {
    let lower = key.to_ascii_lowercase();
    if SENSITIVE.iter().any(|word| lower.contains(word)) {
        return "`****`".to_owned();
    }
    if value.is_empty() {
        return "an empty value".to_owned();
    }
    let one_line: String = value
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let one_line = one_line.replace('`', "'");
    if one_line.chars().count() > SHOWN_CHARS {
        let cut: String = one_line.chars().take(SHOWN_CHARS - 1).collect();
        format!("`{}…`", cut.trim_end())
    } else {
        format!("`{one_line}`")
    }
}

/// Line numbers of offsets, with the index built on first use.
struct Lines<'t> {
    text: &'t str,
    index: Option<LineIndex>,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Self {
        Self { text, index: None }
    }

    fn of(&mut self, offset: usize) -> u32 {
        let text = self.text;
        self.index
            .get_or_insert_with(|| LineIndex::new(text))
            .line(offset)
    }
}

/// The job settings compared in Java, by method name.
const JOB_SETTINGS: &[&str] = &["enableCheckpointing", "setRestartStrategy"];

/// A job setting call: `env.enableCheckpointing(…)` or `env.setRestartStrategy(…)` as a
/// statement of its own.
struct SettingCall<'t> {
    call: Node<'t>,
    method: &'static str,
    /// The environment variable's name.
    receiver: String,
}

/// Calls of one job setting on one environment variable, as statements of one block (no
/// branch can skip any of them) with the variable not reassigned in between: one finding at
/// the last call, when an earlier one provably sets another value.
fn check_java(file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
    let mut lines = Lines::new(file.text());
    for block in file.nodes_of_kind("block") {
        let mut calls: Vec<SettingCall<'_>> = Vec::new();
        let mut cursor = block.walk();
        for statement in block.named_children(&mut cursor) {
            if let Some(call) = setting_call(file, statement) {
                calls.push(call);
            }
        }
        if calls.len() < 2 {
            continue;
        }
        let (assignments, executions) = assignments_and_executions(file, block);
        // A reassigned variable is another environment; a job executed in between was built
        // with the earlier value.
        let separated = |from: &SettingCall<'_>, to: &SettingCall<'_>| {
            let (start, end) = (from.call.end_byte(), to.call.start_byte());
            let first = assignments.partition_point(|(at, _)| *at < start);
            let reassigned = assignments
                .get(first..)
                .unwrap_or_default()
                .iter()
                .take_while(|(at, _)| *at < end)
                .any(|(_, name)| *name == to.receiver.as_str());
            let first = executions.partition_point(|at| *at < start);
            reassigned || executions.get(first).is_some_and(|at| *at < end)
        };
        // Runs of calls of one method on one variable.
        let mut runs: Vec<Vec<&SettingCall<'_>>> = Vec::new();
        for call in &calls {
            let run = runs.iter_mut().rev().find(|run| {
                run.last().is_some_and(|last| {
                    last.method == call.method && last.receiver == call.receiver
                })
            });
            match run {
                Some(run) if run.last().is_some_and(|last| !separated(last, call)) => {
                    run.push(call);
                }
                _ => runs.push(vec![call]),
            }
        }
        for run in runs.iter().filter(|run| run.len() > 1) {
            report_java(file, cx, &mut lines, run);
        }
    }
}

/// The job setting call that `statement` is, if it is one on a proven environment variable.
fn setting_call<'t>(file: &JavaFile<'_>, statement: Node<'t>) -> Option<SettingCall<'t>> {
    if statement.kind() != "expression_statement" {
        return None;
    }
    let call = statement.named_child(0)?;
    if call.kind() != "method_invocation" {
        return None;
    }
    let name = chain::method_name(file, call);
    let method = *JOB_SETTINGS.iter().find(|m| **m == name)?;
    let receiver = chain::receiver(call)?;
    if receiver.kind() != "identifier" || !helpers::is_stream_environment(file, receiver) {
        return None;
    }
    Some(SettingCall {
        call,
        method,
        receiver: file.text_of(receiver).to_owned(),
    })
}

/// Where, in `block` (outside nested lambdas and classes), a name is assigned (with the name)
/// and a job is executed (`execute`, `executeAsync`, on any receiver), in order.
fn assignments_and_executions<'a>(
    file: &JavaFile<'a>,
    block: Node<'_>,
) -> (Vec<(usize, &'a str)>, Vec<usize>) {
    let mut assignments = Vec::new();
    let mut executions = Vec::new();
    for node in scope::own_nodes(block) {
        match node.kind() {
            "assignment_expression" => {
                if let Some(left) = node.child_by_field_name("left") {
                    assignments.push((node.start_byte(), file.text_of(left)));
                }
            }
            "method_invocation"
                if matches!(chain::method_name(file, node), "execute" | "executeAsync") =>
            {
                executions.push(node.start_byte());
            }
            _ => {}
        }
    }
    (assignments, executions)
}

/// What a job setting call sets, as far as it can be proven.
#[derive(Debug, PartialEq, Eq)]
enum Setting {
    /// `enableCheckpointing(interval[, mode])`; the mode is `None` when not a known constant.
    Checkpointing {
        interval: Duration,
        mode: Option<&'static str>,
    },
    /// `setRestartStrategy(RestartStrategies.<factory>(args))`, with the folded arguments
    /// (`None` where an argument does not fold).
    Restart {
        factory: String,
        args: Vec<Option<i128>>,
    },
}

impl Setting {
    fn of(file: &JavaFile<'_>, call: &SettingCall<'_>) -> Option<Self> {
        let args = arguments(call.call);
        if call.method == "enableCheckpointing" {
            Self::checkpointing(file, &args)
        } else {
            Self::restart(file, &args)
        }
    }

    /// `enableCheckpointing(interval[, mode])`.
    fn checkpointing(file: &JavaFile<'_>, args: &[Node<'_>]) -> Option<Self> {
        let interval = fold::millis(file, *args.first()?)
            .filter(|f| f.certainty == Certainty::Certain)?
            .value;
        let mode = match args.get(1) {
            None => Some("EXACTLY_ONCE"),
            Some(mode) => ["EXACTLY_ONCE", "AT_LEAST_ONCE"]
                .into_iter()
                .find(|m| file.text_of(*mode).rsplit('.').next() == Some(*m)),
        };
        (args.len() <= 2).then_some(Self::Checkpointing { interval, mode })
    }

    /// `setRestartStrategy(RestartStrategies.<factory>(…))`.
    fn restart(file: &JavaFile<'_>, args: &[Node<'_>]) -> Option<Self> {
        let [strategy] = args else {
            return None;
        };
        if strategy.kind() != "method_invocation" {
            return None;
        }
        let owner = chain::receiver(*strategy)?;
        if scope::simple_type_name(file.text_of(owner)) != "RestartStrategies" {
            return None;
        }
        let args = arguments(*strategy)
            .into_iter()
            .map(|arg| folded_number(file, arg))
            .collect();
        Some(Self::Restart {
            factory: chain::method_name(file, *strategy).to_owned(),
            args,
        })
    }

    /// Whether the two settings provably differ.
    fn differs(&self, other: &Self) -> bool {
        match (self, other) {
            (
                Self::Checkpointing { interval, mode },
                Self::Checkpointing {
                    interval: other_interval,
                    mode: other_mode,
                },
            ) => {
                interval != other_interval
                    || matches!((mode, other_mode), (Some(a), Some(b)) if a != b)
            }
            (
                Self::Restart { factory, args },
                Self::Restart {
                    factory: other_factory,
                    args: other_args,
                },
            ) => {
                factory != other_factory
                    || (args.len() == other_args.len()
                        && args.iter().all(Option::is_some)
                        && other_args.iter().all(Option::is_some)
                        && args != other_args)
            }
            _ => false,
        }
    }

    fn describe(&self) -> String {
        match self {
            Self::Checkpointing { interval, mode } => {
                let mode = match mode {
                    Some(m) if *m != "EXACTLY_ONCE" => format!(" ({m})"),
                    _ => String::new(),
                };
                format!("`{}`{mode}", format_duration(*interval))
            }
            Self::Restart { factory, args } => {
                let known: Option<Vec<String>> =
                    args.iter().map(|a| a.map(|n| n.to_string())).collect();
                match known {
                    Some(args) => format!("`{factory}({})`", args.join(", ")),
                    None => format!("`{factory}(…)`"),
                }
            }
        }
    }
}

/// A restart-strategy argument as a number: an integer, or a duration in milliseconds.
fn folded_number(file: &JavaFile<'_>, arg: Node<'_>) -> Option<i128> {
    if let Some(n) = fold::int(file, arg).filter(|f| f.certainty == Certainty::Certain) {
        return Some(i128::from(n.value));
    }
    fold::duration(file, arg)
        .filter(|f| f.certainty == Certainty::Certain)
        .map(|d| i128::try_from(d.value.as_millis()).unwrap_or(i128::MAX))
}

/// A run of calls of one job setting: one finding at the last call, against the nearest
/// earlier call that provably sets another value.
fn report_java(
    file: &JavaFile<'_>,
    cx: &mut Ctx<'_>,
    lines: &mut Lines<'_>,
    run: &[&SettingCall<'_>],
) {
    let Some((last, earlier)) = run.split_last() else {
        return;
    };
    let Some(now) = Setting::of(file, last) else {
        return;
    };
    let Some((prev, was)) = earlier.iter().rev().find_map(|call| {
        let was = Setting::of(file, call)?;
        was.differs(&now).then_some((call, was))
    }) else {
        return;
    };
    let line = lines.of(prev.call.start_byte());
    let count = if run.len() > 2 {
        format!(" ({} calls)", run.len())
    } else {
        String::new()
    };
    let (what, verb) = match last.method {
        "enableCheckpointing" => ("checkpointing is enabled", "enables it"),
        _ => ("the restart strategy is set", "sets it"),
    };
    let message = format!(
        "{what} again here with {}; line {line} {verb} with {} and this call wins{count}",
        now.describe(),
        was.describe()
    );
    let help = if run.len() > 2 {
        format!("keep one `{}` call and delete the others", last.method)
    } else {
        format!(
            "keep one of the two `{}` calls and delete the other",
            last.method
        )
    };
    cx.report(Severity::Warning, JavaFile::span_of(last.call), message)
        .help(help)
        .label(JavaFile::span_of(prev.call), "previous call")
        .anchor(format!(
            "{}.{}",
            last.receiver,
            chain::call_anchor(file, last.call)
        ));
}

#[cfg(test)]
mod tests {
    use bdl_core::Diagnostic;
    use bdl_syntax::check_one;

    use super::*;

    const RULE: DuplicateConfigKey = DuplicateConfigKey;

    /// `(line, severity, message)` of every finding in `text` linted as `path`.
    fn found(path: &str, text: &str) -> Vec<(u32, Severity, String)> {
        check_one(&RULE, path, text)
            .into_iter()
            .map(|d: Diagnostic| (d.start.line, d.severity, d.message))
            .collect()
    }

    fn lines(path: &str, text: &str) -> Vec<(u32, Severity)> {
        found(path, text)
            .into_iter()
            .map(|(l, s, _)| (l, s))
            .collect()
    }

    #[test]
    fn flat_files_keep_the_last_definition() {
        let conf = "taskmanager.numberOfTaskSlots: 4\nparallelism.default: 2\ntaskmanager.numberOfTaskSlots: 8\n";
        assert_eq!(
            found("flink-conf.yaml", conf),
            [(
                3,
                Severity::Warning,
                "`taskmanager.numberOfTaskSlots` is set again here to `8`; line 1 sets it to `4` and this value wins".to_owned()
            )]
        );
        let props = "a=1\nb=2\na=1\na=3\n";
        assert_eq!(
            found("application.properties", props),
            [(
                4,
                Severity::Warning,
                "`a` is set again here to `3`; line 3 sets it to `1` and this value wins (3 definitions)"
                    .to_owned()
            )]
        );
        let same = "a=1\nb=2\na=1\n";
        assert_eq!(
            found("application.properties", same),
            [(
                3,
                Severity::Info,
                "`a` is set again here to the same value `1` as on line 1".to_owned()
            )]
        );
        let three =
            "spark.executor.memory 2g\nspark.executor.memory 4g\nspark.executor.memory 8g\n";
        assert_eq!(
            found("spark-defaults.conf", three),
            [(
                3,
                Severity::Warning,
                "`spark.executor.memory` is set again here to `8g`; line 2 sets it to `4g` and this value wins (3 definitions)".to_owned()
            )]
        );
        assert!(found("spark-defaults.conf", "a 1\nb 1\n# a 2\n").is_empty());
    }

    #[test]
    fn nested_yaml_in_a_legacy_flink_conf_is_not_a_duplicate() {
        let text = "taskmanager:\n  memory:\n    process:\n      size: 1728m\njobmanager:\n  \
                    memory:\n    process:\n      size: 1600m\n";
        assert!(found("flink-conf.yaml", text).is_empty());
    }

    #[test]
    fn spring_properties_documents_are_separate() {
        let text = "server.port=80\n#---\nspring.config.activate.on-profile=prod\nserver.port=443\n\
                    !---\nspring.config.activate.on-profile=dev\nserver.port=8080\nserver.port=8081\n";
        assert_eq!(
            lines("application.properties", text),
            [(8, Severity::Warning)]
        );
        // spark-defaults.conf has no documents.
        assert_eq!(
            lines("spark-defaults.conf", "a 1\n#---\na 2\n"),
            [(3, Severity::Warning)]
        );
    }

    #[test]
    fn hadoop_final_definitions_win() {
        let xml = |props: &str| format!("<configuration>\n{props}</configuration>\n");
        let prop = |name: &str, value: &str, fin: bool| {
            let fin = if fin { "<final>true</final>" } else { "" };
            format!("<property><name>{name}</name><value>{value}</value>{fin}</property>\n")
        };
        let text = xml(&[
            prop("dfs.replication", "3", true),
            prop("dfs.replication", "1", false),
            prop("dfs.replication", "3", false),
        ]
        .concat());
        assert_eq!(
            found("hdfs-site.xml", &text),
            [(
                3,
                Severity::Error,
                "`dfs.replication` is set again here to `1`, but line 2 marks it final with `3`: Hadoop ignores this value (2 definitions after the final one)".to_owned()
            )]
        );
        let text = xml(&[prop("a", "1", true), prop("a", "1", false)].concat());
        assert_eq!(
            found("core-site.xml", &text),
            [(
                3,
                Severity::Info,
                "`a` is set again here to the same value `1` as the final definition on line 2"
                    .to_owned()
            )]
        );
        // Definitions before the final one are overridden by it.
        let text = xml(&[
            prop("a", "1", false),
            prop("a", "2", true),
            prop("a", "3", false),
        ]
        .concat());
        assert_eq!(
            lines("core-site.xml", &text),
            [(3, Severity::Warning), (4, Severity::Error)]
        );
        // A later final definition simply wins.
        let text = xml(&[prop("a", "1", false), prop("a", "2", true)].concat());
        assert_eq!(lines("core-site.xml", &text), [(3, Severity::Warning)]);
    }

    #[test]
    fn yaml_repeated_keys_are_errors_and_nested_spellings_warnings() {
        let text = "execution:\n  checkpointing:\n    interval: 3min\nstate.backend.type: rocksdb\n\
                    execution:\n  checkpointing:\n    interval: 1min\n";
        assert_eq!(
            found("config.yaml", text),
            [(
                5,
                Severity::Error,
                "`execution` appears again in the same mapping (first on line 1): Flink refuses to load a `config.yaml` with a duplicate key".to_owned()
            )]
        );
        let text = "execution:\n  checkpointing:\n    interval: 3min\nexecution.checkpointing.interval: 30s\n";
        assert_eq!(
            found("config.yaml", text),
            [(
                4,
                Severity::Warning,
                "`execution.checkpointing.interval` is set again here to `30s`; line 3 sets it to `3min` and this value wins".to_owned()
            )]
        );
        let spring = "spring:\n  redis:\n    host: a\n    host: b\n";
        assert_eq!(
            found("application.yml", spring)[0].2,
            "`spring.redis.host` appears again in the same mapping (first on line 3): Spring Boot refuses to load a YAML file with a duplicate key"
        );
    }

    #[test]
    fn yaml_documents_are_separate() {
        let text = "server.port: 80\n---\nspring.config.activate.on-profile: prod\nserver.port: 443\n\
                    ---\nspring:\n  config.activate.on-profile: dev\nserver:\n  port: 8080\n";
        assert!(found("application.yml", text).is_empty());
        let text = "a: 1\n---\na: 2\nb: {c: 1}\nb.c: 1\n";
        assert_eq!(lines("application.yml", text), [(5, Severity::Info)]);
    }

    #[test]
    fn sql_sets_count_only_back_to_back() {
        let text = "SET 'parallelism.default' = '4';\nSET 'pipeline.name' = 'x';\n\
                    SET 'parallelism.default' = '8';\nINSERT INTO a SELECT 1;\n\
                    SET 'parallelism.default' = '2';\nINSERT INTO b SELECT 1;\n\
                    SET 'pipeline.name' = 'y';\nSET 'pipeline.name' = 'y';\n";
        assert_eq!(
            found("jobs.sql", text),
            [
                (
                    3,
                    Severity::Warning,
                    "`parallelism.default` is set again here to `8` before any statement uses `4` from line 1".to_owned()
                ),
                (
                    8,
                    Severity::Info,
                    "`pipeline.name` is set again here to the same value `y` as on line 7, with no statement in between".to_owned()
                ),
            ]
        );
        // RESET and other statements in between use the setting.
        let text = "SET 'parallelism.default' = '1';\nRESET 'parallelism.default';\n\
                    SET 'parallelism.default' = '2';\nSELECT 1;\n";
        assert!(found("jobs.sql", text).is_empty());
        let text = "SET 'parallelism.default' = '1';\nSET;\nSET 'parallelism.default' = '2';\n";
        assert_eq!(lines("jobs.sql", text), [(3, Severity::Warning)]);
        // Scripts in other dialects: only Flink keys are read, with their own lexing.
        let mysql = "SET execution.checkpointing.interval = 1s;\nINSERT INTO t VALUES ('it\\'s');\n\
                     SET execution.checkpointing.interval = 2s;\nSET execution.checkpointing.interval = 3s;\n\
                     set hive.x=1;\nset hive.x=2;\n";
        assert_eq!(lines("dump.sql", mysql), [(4, Severity::Warning)]);
    }

    #[test]
    fn secrets_and_long_values_are_not_shown() {
        let text = "spring.datasource.password=hunter2\nspring.datasource.password=swordfish\n";
        let message = &found("application.properties", text)[0].2;
        assert!(
            !message.contains("hunter2") && !message.contains("swordfish"),
            "{message}"
        );
        assert!(message.contains("`****`"), "{message}");
        // Nor hashed into the fingerprint, where a short one could be found by trying.
        let d = check_one(&RULE, "application.properties", text);
        assert_eq!(d[0].fingerprint, "spring.datasource.password=****");
        let long = "x".repeat(100);
        let text = format!("a={long}\na=b\n");
        let message = &found("application.properties", &text)[0].2;
        assert!(
            message.contains(&format!("`{}…`", "x".repeat(39))),
            "{message}"
        );
        assert!(
            found("application.properties", "a=\na=\n")[0]
                .2
                .contains("an empty value")
        );
    }

    /// A job whose `main` body is `body`.
    fn job(body: &str) -> String {
        format!(
            "import org.apache.flink.api.common.restartstrategy.RestartStrategies;\n\
             import org.apache.flink.streaming.api.CheckpointingMode;\n\
             import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;\n\
             public class Job {{\n\
             public static void main(String[] args) throws Exception {{\n\
             StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();\n\
             {body}\n\
             }}\n}}\n"
        )
    }

    #[test]
    fn java_job_settings_made_twice() {
        let body = "env.enableCheckpointing(60_000);\nenv.setParallelism(2);\nenv.enableCheckpointing(1000);";
        assert_eq!(
            found("Job.java", &job(body)),
            [(
                9,
                Severity::Warning,
                "checkpointing is enabled again here with `1s`; line 7 enables it with `1min` and this call wins".to_owned()
            )]
        );
        let body = "env.setRestartStrategy(RestartStrategies.noRestart());\n\
                    env.setRestartStrategy(RestartStrategies.fixedDelayRestart(3, 10_000));\n\
                    env.setRestartStrategy(RestartStrategies.fixedDelayRestart(5, 10_000));";
        assert_eq!(
            found("Job.java", &job(body)),
            [(
                9,
                Severity::Warning,
                "the restart strategy is set again here with `fixedDelayRestart(5, 10000)`; line 8 sets it with `fixedDelayRestart(3, 10000)` and this call wins (3 calls)".to_owned()
            )]
        );
        let body = "env.setRestartStrategy(RestartStrategies.fixedDelayRestart(3, 10_000));\n\
                    env.setRestartStrategy(RestartStrategies.noRestart());";
        assert_eq!(
            found("Job.java", &job(body))[0].2,
            "the restart strategy is set again here with `noRestart()`; line 7 sets it with `fixedDelayRestart(3, 10000)` and this call wins"
        );
        let body = "env.enableCheckpointing(5000);\nenv.enableCheckpointing(5000, CheckpointingMode.AT_LEAST_ONCE);";
        assert_eq!(
            found("Job.java", &job(body))[0].2,
            "checkpointing is enabled again here with `5s` (AT_LEAST_ONCE); line 7 enables it with `5s` and this call wins"
        );
    }

    #[test]
    fn java_calls_that_may_not_both_run_or_may_agree_are_silent() {
        for body in [
            // Branches, and separate blocks.
            "if (args.length > 0) { env.enableCheckpointing(1000); } else { env.enableCheckpointing(60_000); }",
            "env.enableCheckpointing(1000);\nif (args.length > 0) { env.enableCheckpointing(60_000); }",
            // Same value, unknown values, parameter defaults.
            "env.enableCheckpointing(1000);\nenv.enableCheckpointing(1000L);",
            "env.enableCheckpointing(1000);\nenv.enableCheckpointing(Long.parseLong(args[0]));",
            "env.setRestartStrategy(RestartStrategies.fixedDelayRestart(3, 1000));\n\
             env.setRestartStrategy(RestartStrategies.fixedDelayRestart(3, Long.parseLong(args[0])));",
            // Another environment, or the variable reassigned in between.
            "StreamExecutionEnvironment other = StreamExecutionEnvironment.getExecutionEnvironment();\n\
             env.enableCheckpointing(1000);\nother.enableCheckpointing(60_000);",
            "env.enableCheckpointing(1000);\nenv = StreamExecutionEnvironment.getExecutionEnvironment();\n\
             env.enableCheckpointing(60_000);",
            // A job executed in between was built with the first value.
            "env.enableCheckpointing(60_000);\nenv.fromSequence(1, 2).print();\nenv.execute(\"a\");\n\
             env.enableCheckpointing(300_000);\nenv.fromSequence(1, 2).print();\nenv.execute(\"b\");",
        ] {
            assert!(found("Job.java", &job(body)).is_empty(), "{body}");
        }
        // Not a proven Flink environment.
        let text = "class Job { void run(Env env) { env.enableCheckpointing(1000); env.enableCheckpointing(2000); } }";
        assert!(found("Job.java", text).is_empty());
    }
}
