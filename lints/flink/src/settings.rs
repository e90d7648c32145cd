//! The Flink configuration model: one declarative [`FlinkSetting`] per configuration key, and
//! [`Settings`], every place a file sets it, read the same way for every rule.
//!
//! A job can set one Flink setting in many places; a rule reads them all through this module
//! instead of matching each dialect itself:
//!
//! | where | example |
//! |---|---|
//! | Java setter on the environment or its `CheckpointConfig` | `env.getCheckpointConfig().setCheckpointTimeout(60_000)` |
//! | Java configuration write, by key or option constant | `conf.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, Duration.ofMinutes(1))`, `conf.setString("execution.checkpointing.timeout", "1 min")`, `tEnv.getConfig().set(..)` |
//! | a SQL `SET` statement run from Java | `tEnv.executeSql("SET 'execution.checkpointing.timeout' = '1min'")` |
//! | `flink-conf.yaml`, `config.yaml` (nested or dotted) | `execution.checkpointing.timeout: 1min` |
//! | a Flink SQL script | `SET 'execution.checkpointing.timeout' = '1min';` |
//! | a Kubernetes `FlinkDeployment` / `FlinkSessionJob` | `spec.flinkConfiguration` |
//!
//! Each [`Occurrence`] carries its typed [`Value`] (or `None` when the file sets the key to
//! something that cannot be read), the span of the value as written, its [`Certainty`] (a
//! `ParameterTool` default is only a possible value), a constant's definition for a label, its
//! [`Origin`] for messages, and the configuration [`Scope`] it belongs to. A scope is what Flink
//! reads together: one per Java file, SQL script or configuration file, one per resource of a
//! Kubernetes manifest (see [`ConfigFile::documents`]).
//!
//! What Flink does with several definitions differs by dialect, and [`Settings::in_effect`]
//! follows it: in Java and SQL every statement runs, so every occurrence takes effect somewhere;
//! in a configuration file only the last definition counts, and a key's own name wins over its
//! deprecated names. Across files, a setting made in code overrides the cluster's configuration
//! file; this module reads one file at a time, so rules that compare settings say so in their
//! documentation.

use std::collections::HashMap;
use std::ops::RangeInclusive;
use std::time::Duration;

use bdl_core::{FileKind, Span, parse_duration};
use bdl_syntax::config::flink_k8s::Resource;
use bdl_syntax::java::config::{self, OptionConstant};
use bdl_syntax::java::fold::{self, Certainty, Folded, arguments};
use bdl_syntax::java::{chain, scope};
use bdl_syntax::{ConfigFile, Entry, JavaFile};
use tree_sitter::Node;

use crate::helpers;

/// The type of a setting's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueType {
    /// A Flink duration (`10 s`, `2min`; a bare number is milliseconds).
    Duration,
    /// A whole number.
    Count,
    /// `true` or `false`.
    Bool,
    /// A string or an enumeration constant (rules compare enumeration names case-insensitively,
    /// as Flink does).
    Text,
}

/// The object a Java setter is called on, resolved from the file's types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Receiver {
    /// A `StreamExecutionEnvironment` (or `LocalStreamEnvironment` / `RemoteStreamEnvironment`).
    Environment,
    /// The environment's `CheckpointConfig`.
    CheckpointConfig,
}

/// How a setter's first argument becomes the setting's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Argument {
    /// A `long` of milliseconds, folded through constants, arithmetic,
    /// `TimeUnit.X.toMillis(n)` and `Duration.ofX(n).toMillis()`.
    Millis,
    /// A `java.time.Duration` or Flink `Time`.
    Duration,
    /// An `int` count.
    Count,
    /// A `boolean` literal.
    Bool,
    /// A `boolean` that stands for a count: the deprecated `setFailOnCheckpointingErrors(true)`
    /// means a tolerable failure count of 0.
    FlagAsCount { if_true: i64, if_false: i64 },
    /// An enumeration constant (`ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION`), read
    /// as its name.
    Enum,
    /// A string (`setCheckpointStorage("hdfs:///flink/checkpoints")`), folded through constants
    /// and concatenation; anything else (a `CheckpointStorage` object) is an unknown value.
    Text,
}

/// A Java setter that sets a setting: `CheckpointConfig.setCheckpointTimeout(long)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JavaSetter {
    pub receiver: Receiver,
    pub method: &'static str,
    /// How many arguments the call has; the value is always the first.
    pub arity: RangeInclusive<usize>,
    pub argument: Argument,
}

/// One Flink configuration option, with every name a job can set it by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlinkSetting {
    /// The key Flink documents (`execution.checkpointing.timeout`).
    pub key: &'static str,
    /// Older keys Flink still reads for it when the key itself is absent, in Flink's order of
    /// preference (`state.checkpoints.dir` for `execution.checkpointing.dir`).
    pub fallback_keys: &'static [&'static str],
    /// The `ConfigOption` constants that stand for the key, as `Class.FIELD`.
    pub constants: &'static [&'static str],
    /// Java setters that set it without naming the key.
    pub setters: &'static [JavaSetter],
    pub value: ValueType,
}

impl FlinkSetting {
    /// Whether `key` is this setting's key or one of its fallback keys.
    pub fn has_key(&self, key: &str) -> bool {
        self.key == key || self.fallback_keys.contains(&key)
    }

    /// Whether this is the same setting as `other`.
    pub fn is(&self, other: &FlinkSetting) -> bool {
        self.key == other.key
    }

    /// The words that appear in any Java file that sets this setting: its keys, the field
    /// names of its constants and its setter names. Rules list them among their triggers.
    pub fn words(&self) -> impl Iterator<Item = &'static str> + '_ {
        let fields = self
            .constants
            .iter()
            .map(|c| c.rsplit_once('.').map_or(*c, |(_, field)| field));
        std::iter::once(self.key)
            .chain(self.fallback_keys.iter().copied())
            .chain(fields)
            .chain(self.setters.iter().map(|s| s.method))
    }
}

/// `execution.checkpointing.interval`: no default, checkpointing is off unless set.
pub static CHECKPOINT_INTERVAL: FlinkSetting = FlinkSetting {
    key: "execution.checkpointing.interval",
    fallback_keys: &[],
    constants: &[
        "CheckpointingOptions.CHECKPOINTING_INTERVAL",
        "ExecutionCheckpointingOptions.CHECKPOINTING_INTERVAL",
    ],
    setters: &[
        JavaSetter {
            receiver: Receiver::Environment,
            method: "enableCheckpointing",
            // (interval), (interval, mode), and the deprecated (interval, mode, force).
            arity: 1..=3,
            argument: Argument::Millis,
        },
        JavaSetter {
            receiver: Receiver::CheckpointConfig,
            method: "setCheckpointInterval",
            arity: 1..=1,
            argument: Argument::Millis,
        },
    ],
    value: ValueType::Duration,
};

/// `execution.checkpointing.timeout`: default 10 min.
pub static CHECKPOINT_TIMEOUT: FlinkSetting = FlinkSetting {
    key: "execution.checkpointing.timeout",
    fallback_keys: &[],
    constants: &[
        "CheckpointingOptions.CHECKPOINTING_TIMEOUT",
        "ExecutionCheckpointingOptions.CHECKPOINTING_TIMEOUT",
    ],
    setters: &[JavaSetter {
        receiver: Receiver::CheckpointConfig,
        method: "setCheckpointTimeout",
        arity: 1..=1,
        argument: Argument::Millis,
    }],
    value: ValueType::Duration,
};

/// `execution.checkpointing.min-pause`: default 0.
pub static MIN_PAUSE: FlinkSetting = FlinkSetting {
    key: "execution.checkpointing.min-pause",
    fallback_keys: &[],
    constants: &[
        "CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS",
        "ExecutionCheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS",
    ],
    setters: &[JavaSetter {
        receiver: Receiver::CheckpointConfig,
        method: "setMinPauseBetweenCheckpoints",
        arity: 1..=1,
        argument: Argument::Millis,
    }],
    value: ValueType::Duration,
};

/// `execution.checkpointing.max-concurrent-checkpoints`: default 1.
pub static MAX_CONCURRENT: FlinkSetting = FlinkSetting {
    key: "execution.checkpointing.max-concurrent-checkpoints",
    fallback_keys: &[],
    constants: &[
        "CheckpointingOptions.MAX_CONCURRENT_CHECKPOINTS",
        "ExecutionCheckpointingOptions.MAX_CONCURRENT_CHECKPOINTS",
    ],
    setters: &[JavaSetter {
        receiver: Receiver::CheckpointConfig,
        method: "setMaxConcurrentCheckpoints",
        arity: 1..=1,
        argument: Argument::Count,
    }],
    value: ValueType::Count,
};

/// `execution.checkpointing.tolerable-failed-checkpoints`: default 0 (Flink 1.20+ declares
/// it; earlier versions leave it unset and fall back to `failOnCheckpointingErrors = true`,
/// which is also 0). The deprecated `setFailOnCheckpointingErrors(true)` (removed in 2.0)
/// means 0, `false` means unlimited.
pub static TOLERABLE_FAILED_CHECKPOINTS: FlinkSetting = FlinkSetting {
    key: "execution.checkpointing.tolerable-failed-checkpoints",
    fallback_keys: &[],
    constants: &[
        "CheckpointingOptions.TOLERABLE_FAILURE_NUMBER",
        "ExecutionCheckpointingOptions.TOLERABLE_FAILURE_NUMBER",
    ],
    setters: &[
        JavaSetter {
            receiver: Receiver::CheckpointConfig,
            method: "setTolerableCheckpointFailureNumber",
            arity: 1..=1,
            argument: Argument::Count,
        },
        JavaSetter {
            receiver: Receiver::CheckpointConfig,
            method: "setFailOnCheckpointingErrors",
            arity: 1..=1,
            argument: Argument::FlagAsCount {
                if_true: 0,
                // `Integer.MAX_VALUE`: unlimited.
                if_false: 2_147_483_647,
            },
        },
    ],
    value: ValueType::Count,
};

/// `execution.checkpointing.externalized-checkpoint-retention` (the same key in the 1.x
/// `ExecutionCheckpointingOptions`): default `NO_EXTERNALIZED_CHECKPOINTS`. The
/// `CheckpointConfig` setters `setExternalizedCheckpointCleanup` and `enableExternalizedCheckpoints`
/// (deprecated, removed in Flink 2.0) take the older `ExternalizedCheckpointCleanup` enumeration,
/// whose constants have the same names.
pub static EXTERNALIZED_RETENTION: FlinkSetting = FlinkSetting {
    key: "execution.checkpointing.externalized-checkpoint-retention",
    fallback_keys: &[],
    constants: &[
        "CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION",
        "ExecutionCheckpointingOptions.EXTERNALIZED_CHECKPOINT",
    ],
    setters: &[
        JavaSetter {
            receiver: Receiver::CheckpointConfig,
            method: "setExternalizedCheckpointRetention",
            arity: 1..=1,
            argument: Argument::Enum,
        },
        JavaSetter {
            receiver: Receiver::CheckpointConfig,
            method: "setExternalizedCheckpointCleanup",
            arity: 1..=1,
            argument: Argument::Enum,
        },
        JavaSetter {
            receiver: Receiver::CheckpointConfig,
            method: "enableExternalizedCheckpoints",
            arity: 1..=1,
            argument: Argument::Enum,
        },
    ],
    value: ValueType::Text,
};

/// `execution.checkpointing.dir` (1.20; before, `state.checkpoints.dir`, itself once
/// `state.backend.fs.checkpointdir`): no default. `CheckpointConfig.setCheckpointStorage(String)`
/// (deprecated, removed in Flink 2.0) sets the same directory; its `CheckpointStorage` overload
/// is an occurrence of unknown value.
pub static CHECKPOINT_DIR: FlinkSetting = FlinkSetting {
    key: "execution.checkpointing.dir",
    fallback_keys: &["state.checkpoints.dir", "state.backend.fs.checkpointdir"],
    constants: &["CheckpointingOptions.CHECKPOINTS_DIRECTORY"],
    setters: &[JavaSetter {
        receiver: Receiver::CheckpointConfig,
        method: "setCheckpointStorage",
        arity: 1..=1,
        argument: Argument::Text,
    }],
    value: ValueType::Text,
};

/// `execution.checkpointing.savepoint-dir` (1.20; before, `state.savepoints.dir`, itself once
/// `savepoints.state.backend.fs.dir`): no default. `env.setDefaultSavepointDirectory(String)`
/// sets it in code.
pub static SAVEPOINT_DIR: FlinkSetting = FlinkSetting {
    key: "execution.checkpointing.savepoint-dir",
    fallback_keys: &["state.savepoints.dir", "savepoints.state.backend.fs.dir"],
    constants: &["CheckpointingOptions.SAVEPOINT_DIRECTORY"],
    setters: &[JavaSetter {
        receiver: Receiver::Environment,
        method: "setDefaultSavepointDirectory",
        arity: 1..=1,
        argument: Argument::Text,
    }],
    value: ValueType::Text,
};

/// `execution.checkpointing.storage` (1.20; before, `state.checkpoint-storage`): `jobmanager` or
/// `filesystem` (or a factory class); unset, `filesystem` when a checkpoint directory is set and
/// `jobmanager` otherwise.
pub static CHECKPOINT_STORAGE: FlinkSetting = FlinkSetting {
    key: "execution.checkpointing.storage",
    fallback_keys: &["state.checkpoint-storage"],
    constants: &["CheckpointingOptions.CHECKPOINT_STORAGE"],
    setters: &[],
    value: ValueType::Text,
};

/// `state.backend.type` (before 1.17, `state.backend`): `hashmap` or `rocksdb` (older releases
/// also read `jobmanager` and `filesystem`); unset, `hashmap`.
pub static STATE_BACKEND: FlinkSetting = FlinkSetting {
    key: "state.backend.type",
    fallback_keys: &["state.backend"],
    constants: &[
        "StateBackendOptions.STATE_BACKEND",
        "CheckpointingOptions.STATE_BACKEND",
    ],
    setters: &[],
    value: ValueType::Text,
};

/// `execution.checkpointing.incremental` (1.20; before, `state.backend.incremental`): default
/// `false`.
pub static INCREMENTAL_CHECKPOINTS: FlinkSetting = FlinkSetting {
    key: "execution.checkpointing.incremental",
    fallback_keys: &["state.backend.incremental"],
    constants: &["CheckpointingOptions.INCREMENTAL_CHECKPOINTS"],
    setters: &[],
    value: ValueType::Bool,
};

/// `high-availability.type` (before 1.17, `high-availability`; once `recovery.mode`): `NONE`
/// (the default), `ZOOKEEPER`, `KUBERNETES` or a factory class.
pub static HA_TYPE: FlinkSetting = FlinkSetting {
    key: "high-availability.type",
    fallback_keys: &["high-availability", "recovery.mode"],
    constants: &["HighAvailabilityOptions.HA_MODE"],
    setters: &[],
    value: ValueType::Text,
};

/// What a value was read as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Duration(Duration),
    Count(i64),
    Bool(bool),
    Text(String),
}

impl Value {
    pub fn duration(&self) -> Option<Duration> {
        match self {
            Self::Duration(d) => Some(*d),
            _ => None,
        }
    }

    pub fn count(&self) -> Option<i64> {
        match self {
            Self::Count(n) => Some(*n),
            _ => None,
        }
    }

    pub fn bool(&self) -> Option<bool> {
        match self {
            Self::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn text(&self) -> Option<&str> {
        match self {
            Self::Text(t) => Some(t),
            _ => None,
        }
    }
}

/// Where and how a setting was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// An entry of a configuration file, under `key` (the setting's key or a fallback key).
    Entry { kind: FileKind, key: &'static str },
    /// A Java setter (`setCheckpointTimeout`).
    Setter { method: &'static str },
    /// A Java configuration write (`conf.set(..)`, `conf.setString(..)`), under `key`.
    ConfigWrite { key: &'static str },
    /// A `SET` statement in a SQL string run from Java (`tEnv.executeSql("SET ..")`).
    SqlInCode { key: &'static str },
}

impl Origin {
    /// Whether the setting is made in Java code (which overrides the cluster's configuration).
    pub fn in_code(self) -> bool {
        !matches!(self, Self::Entry { .. })
    }

    /// Where, for messages: "set in code", "in flink-conf.yaml".
    pub fn describe(self) -> &'static str {
        match self {
            Self::Entry { kind, .. } => match kind {
                FileKind::FlinkConf => "in flink-conf.yaml",
                FileKind::FlinkYaml => "in config.yaml",
                FileKind::FlinkSql => "in a SQL `SET` statement",
                FileKind::FlinkK8s => "in the resource's `spec.flinkConfiguration`",
                _ => "in this configuration",
            },
            Self::Setter { .. } | Self::ConfigWrite { .. } => "set in code",
            Self::SqlInCode { .. } => "set in code by a SQL `SET` statement",
        }
    }

    /// The configuration key written, if the setting was made by key.
    pub fn key(self) -> Option<&'static str> {
        match self {
            Self::Entry { key, .. } | Self::ConfigWrite { key } | Self::SqlInCode { key } => {
                Some(key)
            }
            Self::Setter { .. } => None,
        }
    }
}

/// One place a file sets a setting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Occurrence {
    pub setting: &'static FlinkSetting,
    /// The value; `None` when the file sets the setting to something that cannot be read (a
    /// method call, an unknown string): it is set, to an unknown value.
    pub value: Option<Value>,
    pub certainty: Certainty,
    /// The value as written (the argument, the YAML value, the text between the quotes).
    pub span: Span,
    /// The declaration of a constant the value came from, for a label.
    pub defined_at: Option<Span>,
    pub origin: Origin,
    /// Index into [`Settings::scopes`].
    pub scope: usize,
}

impl Occurrence {
    /// The value as a [`Folded`] duration, for rules that share the fold helpers' reporting.
    pub fn duration(&self) -> Option<Folded<Duration>> {
        Some(Folded {
            value: self.value.as_ref()?.duration()?,
            certainty: self.certainty,
            defined_at: self.defined_at,
        })
    }

    /// The value as a count, if it is one.
    pub fn count(&self) -> Option<i64> {
        self.value.as_ref()?.count()
    }
}

/// One configuration: what Flink reads together.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scope {
    /// The whole configuration is in view (`flink-conf.yaml`, `config.yaml`, a `FlinkDeployment`):
    /// a setting it does not make is at Flink's default there, unless code overrides it (or,
    /// for a `FlinkDeployment`, the operator's default configuration sets it). Java, SQL
    /// scripts and `FlinkSessionJob`s run on top of a cluster configuration that is not in view.
    pub complete: bool,
    /// Settings may come from where this module cannot see: Java that loads or merges
    /// configuration from elsewhere (`GlobalConfiguration.loadConfiguration`,
    /// `env.configure(conf)`, `Configuration.fromMap`, `addAll`), or a configuration file that
    /// could not be parsed to its end.
    pub opaque: bool,
}

/// Every occurrence of the settings asked for in one file, grouped into scopes.
#[derive(Debug)]
pub struct Settings<'a> {
    kind: FileKind,
    /// The file's text, for [`Settings::possibly_set`] in Java.
    text: &'a str,
    occurrences: Vec<Occurrence>,
    scopes: Vec<Scope>,
}

/// Java that takes configuration from outside the file.
const OPAQUE_CONFIGURATION: &[&str] = &["loadConfiguration", ".configure(", "fromMap(", ".addAll("];

impl<'a> Settings<'a> {
    /// Reads `settings` from a Java file: setters on environments and checkpoint configs,
    /// configuration writes by key or option constant, and SQL `SET` statements passed to
    /// `executeSql`. A file that does not refer to Flink sets nothing.
    pub fn java(file: &JavaFile<'a>, settings: &[&'static FlinkSetting]) -> Self {
        let text = file.text();
        let mut out = Self {
            kind: FileKind::Java,
            text,
            occurrences: Vec::new(),
            scopes: vec![Scope {
                complete: false,
                opaque: OPAQUE_CONFIGURATION.iter().any(|w| text.contains(w)),
            }],
        };
        if !helpers::uses_flink(file) {
            return out;
        }
        out.java_setters(file, settings);
        out.java_writes(file, settings);
        out.java_sql(file, settings);
        out.occurrences.sort_by_key(|o| (o.span.start, o.span.end));
        out
    }

    /// Reads `settings` from a configuration file. Entries are read as the setting's type;
    /// one that does not parse is an occurrence with an unknown value.
    pub fn config(file: &ConfigFile<'a>, settings: &[&'static FlinkSetting]) -> Self {
        let mut out = Self {
            kind: file.kind,
            text: file.text,
            occurrences: Vec::new(),
            scopes: Vec::new(),
        };
        for (scope, entries) in file.documents().into_iter().enumerate() {
            // A `FlinkSessionJob` adds to its session cluster's configuration, held elsewhere.
            let complete = match file.kind {
                FileKind::FlinkConf | FileKind::FlinkYaml => true,
                FileKind::FlinkK8s => Resource::new(entries).is_some_and(|r| r.is_deployment()),
                _ => false,
            };
            // A file that could not be read to its end may set anything after the error.
            out.scopes.push(Scope {
                complete,
                opaque: !file.errors.is_empty(),
            });
            for entry in entries {
                out.entry(file.kind, entry, scope, settings);
            }
        }
        out
    }

    /// The occurrence of `entry`, if it sets one of `settings`.
    fn entry(
        &mut self,
        kind: FileKind,
        entry: &Entry,
        scope: usize,
        settings: &[&'static FlinkSetting],
    ) {
        let Some((setting, key)) = setting_for_key(settings, &entry.key) else {
            return;
        };
        self.occurrences.push(Occurrence {
            setting,
            value: parse_value(setting.value, &entry.value),
            certainty: Certainty::Certain,
            span: entry.value_span,
            defined_at: None,
            origin: Origin::Entry { kind, key },
            scope,
        });
    }

    /// `enableCheckpointing(..)`, `getCheckpointConfig().setCheckpointTimeout(..)` and the like.
    fn java_setters(&mut self, file: &JavaFile<'_>, settings: &[&'static FlinkSetting]) {
        for call in file.nodes_of_kind("method_invocation") {
            let name = chain::method_name(file, call);
            for setting in settings {
                for setter in setting.setters.iter().filter(|s| s.method == name) {
                    let args = arguments(call);
                    let (Some(first), Some(receiver)) = (args.first(), chain::receiver(call))
                    else {
                        continue;
                    };
                    if !setter.arity.contains(&args.len()) {
                        continue;
                    }
                    let on_receiver = match setter.receiver {
                        Receiver::Environment => helpers::is_stream_environment(file, receiver),
                        Receiver::CheckpointConfig => helpers::is_checkpoint_config(file, receiver),
                    };
                    if !on_receiver {
                        continue;
                    }
                    let folded = read_argument(file, setter.argument, *first);
                    self.push_folded(
                        setting,
                        folded,
                        *first,
                        Origin::Setter {
                            method: setter.method,
                        },
                    );
                }
            }
        }
    }

    /// `conf.set(Option, v)`, `conf.setString("key", v)`, `tEnv.getConfig().set("key", v)`.
    fn java_writes(&mut self, file: &JavaFile<'_>, settings: &[&'static FlinkSetting]) {
        let keys: Vec<&'static str> = settings
            .iter()
            .flat_map(|s| std::iter::once(s.key).chain(s.fallback_keys.iter().copied()))
            .collect();
        let constants: Vec<OptionConstant> = settings
            .iter()
            .flat_map(|s| s.constants.iter().map(|c| (*c, s.key)))
            .collect();
        for write in config::writes(file, &keys, &constants) {
            if !chain::receiver(write.call)
                .is_none_or(|r| helpers::may_be_flink_configuration(file, r))
            {
                continue;
            }
            let Some((setting, key)) = setting_for_key(settings, write.key) else {
                continue;
            };
            let setter = chain::method_name(file, write.call);
            let folded = read_write(file, setting.value, setter, write.value);
            self.push_folded(setting, folded, write.value, Origin::ConfigWrite { key });
        }
    }

    /// `tEnv.executeSql("SET 'key' = 'value'")`: the statement is parsed as a Flink SQL script.
    fn java_sql(&mut self, file: &JavaFile<'_>, settings: &[&'static FlinkSetting]) {
        for call in file.nodes_of_kind("method_invocation") {
            if chain::method_name(file, call) != "executeSql" {
                continue;
            }
            let [statement] = arguments(call)[..] else {
                continue;
            };
            if !chain::receiver(call).is_some_and(|r| helpers::is_table_environment(file, r)) {
                continue;
            }
            let Some(sql) = fold::string(file, statement) else {
                continue;
            };
            let parsed = ConfigFile::parse(FileKind::FlinkSql, &sql.value);
            for entry in &parsed.entries {
                let Some((setting, key)) = setting_for_key(settings, &entry.key) else {
                    continue;
                };
                self.occurrences.push(Occurrence {
                    setting,
                    value: parse_value(setting.value, &entry.value),
                    certainty: sql.certainty,
                    span: span_in_literal(file, statement, entry.value_span),
                    defined_at: sql.defined_at,
                    origin: Origin::SqlInCode { key },
                    scope: 0,
                });
            }
        }
    }

    fn push_folded(
        &mut self,
        setting: &'static FlinkSetting,
        folded: Option<Folded<Value>>,
        node: Node<'_>,
        origin: Origin,
    ) {
        let (value, certainty, defined_at) = match folded {
            Some(f) => (Some(f.value), f.certainty, f.defined_at),
            None => (None, Certainty::Certain, None),
        };
        self.occurrences.push(Occurrence {
            setting,
            value,
            certainty,
            span: JavaFile::span_of(node),
            defined_at,
            origin,
            scope: 0,
        });
    }

    /// The configurations of the file.
    pub fn scopes(&self) -> &[Scope] {
        &self.scopes
    }

    /// Every occurrence of `setting`, in file order.
    pub fn all<'s>(
        &'s self,
        setting: &'s FlinkSetting,
    ) -> impl Iterator<Item = &'s Occurrence> + 's {
        self.occurrences.iter().filter(|o| o.setting.is(setting))
    }

    /// Every occurrence of `setting` in `scope`, in file order.
    pub fn in_scope<'s>(
        &'s self,
        setting: &'s FlinkSetting,
        scope: usize,
    ) -> impl Iterator<Item = &'s Occurrence> + 's {
        self.all(setting).filter(move |o| o.scope == scope)
    }

    /// Every occurrence of `setting` that takes effect: all of them in Java and SQL, where each
    /// statement runs; in a configuration file, the effective one of each scope
    /// ([`Settings::effective`]).
    pub fn in_effect<'s>(&'s self, setting: &'s FlinkSetting) -> Vec<&'s Occurrence> {
        if self.every_occurrence_counts() {
            return self.all(setting).collect();
        }
        (0..self.scopes.len())
            .filter_map(|scope| self.effective(setting, scope))
            .collect()
    }

    /// The definition Flink uses in a configuration file scope: the last one under the
    /// setting's own key, else the last one under the first fallback key that is present. In
    /// Java and SQL, where every statement takes effect in turn, the last occurrence.
    pub fn effective<'s>(
        &'s self,
        setting: &'s FlinkSetting,
        scope: usize,
    ) -> Option<&'s Occurrence> {
        if self.every_occurrence_counts() {
            return self.in_scope(setting, scope).last();
        }
        std::iter::once(setting.key)
            .chain(setting.fallback_keys.iter().copied())
            .find_map(|key| {
                self.in_scope(setting, scope)
                    .filter(|o| o.origin.key() == Some(key))
                    .last()
            })
    }

    /// Whether `scope` may set `setting`: it has an occurrence (even of an unknown value), it
    /// is [`Scope::opaque`], or, in Java, the file mentions one of its keys, constants or
    /// setters anywhere (a receiver that could not be resolved, a helper method, even a
    /// comment). Rules claim a setting is missing only when this is `false`.
    pub fn possibly_set(&self, setting: &FlinkSetting, scope: usize) -> bool {
        if self.in_scope(setting, scope).next().is_some()
            || self.scopes.get(scope).is_some_and(|s| s.opaque)
        {
            return true;
        }
        self.kind == FileKind::Java && setting.words().any(|word| self.text.contains(word))
    }

    /// For every whole configuration (a [`Scope::complete`] scope: a cluster configuration file
    /// or a `FlinkDeployment` read to its end) that turns periodic checkpointing on and cannot
    /// set `setting` anywhere, the occurrence of the interval that turns checkpointing on. The
    /// one place that decides "checkpointing is on and this key is left at its default", for
    /// every rule that reports a missing checkpoint setting (FLK007, FLK008, …). The settings
    /// must have been read with [`CHECKPOINT_INTERVAL`] among them.
    pub fn checkpointing_on_without<'s>(
        &'s self,
        setting: &'s FlinkSetting,
    ) -> impl Iterator<Item = &'s Occurrence> + 's {
        self.scopes
            .iter()
            .enumerate()
            .filter(move |(index, scope)| scope.complete && !self.possibly_set(setting, *index))
            .filter_map(|(index, _)| self.effective(&CHECKPOINT_INTERVAL, index))
            .filter(|interval| checkpointing_on(interval))
    }

    fn every_occurrence_counts(&self) -> bool {
        matches!(self.kind, FileKind::Java | FileKind::FlinkSql)
    }
}

/// A Flink configuration key written from Java by name, `conf.setString("state.backend",
/// "rocksdb")`, as a configuration entry, so that the key rules (FLK018, FLK020) read Java as
/// they read configuration files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JavaKey {
    /// The key as the string it folds to, spanning the key argument; the value as Flink reads
    /// it (a string's text, a number or boolean literal), empty when it cannot be read.
    pub entry: Entry,
    /// Whether `entry.value` is the value the job sets.
    pub value_known: bool,
}

/// Every key `file` writes by name into a provably Flink configuration object
/// ([`helpers::flink_config_object`]: Flink's `Configuration` or `TableConfig`, never a Hadoop
/// `Configuration` or a `Properties`) and that `wanted` accepts, grouped per object in file
/// order: one group per receiver as written in one method (`conf`, `tEnv.getConfig()`, which
/// is also `tEnv.getConfig().getConfiguration()`), one per
/// `Configuration.fromMap(Map.of(..))`. `wanted` is asked before the receiver is proven, so a
/// rule that cares about few keys pays for few proofs.
///
/// Only keys whose first dotted segment is a namespace of the Flink catalog are kept
/// ([`bdl_catalog::Catalog::has_namespace`]): a job also writes its own parameters into a
/// Flink `Configuration` (`conf.setString("input.topic", ..)` for global job parameters), and
/// those are not Flink's keys. Keys with a `${..}` placeholder are left out too.
pub fn java_keys(file: &JavaFile<'_>, wanted: impl Fn(&str) -> bool) -> Vec<Vec<JavaKey>> {
    let mut groups: Vec<Vec<JavaKey>> = Vec::new();
    let mut index: HashMap<(usize, String), usize> = HashMap::new();
    for candidate in key_candidates(file) {
        if !wanted(&candidate.key) {
            continue;
        }
        let group = match candidate.receiver {
            Some(receiver) => {
                if helpers::flink_config_object(file, receiver).is_none() {
                    continue;
                }
                receiver_group(file, candidate.call, receiver)
            }
            // `Configuration.fromMap(..)`, proven by its class.
            None => (candidate.call.start_byte(), String::new()),
        };
        let read = written_value(file, candidate.value);
        let key = JavaKey {
            entry: Entry {
                value: read.clone().unwrap_or_default(),
                key: candidate.key,
                key_span: JavaFile::span_of(candidate.key_node),
                value_span: JavaFile::span_of(candidate.value),
                is_final: false,
            },
            value_known: read.is_some(),
        };
        let at = *index.entry(group).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        if let Some(list) = groups.get_mut(at) {
            list.push(key);
        }
    }
    groups
}

/// The Flink keys `file` may write by name ([`java_keys`] before any receiver is proven), in
/// file order: for a rule that must see every key of the file to choose the ones it wants.
pub fn java_key_names(file: &JavaFile<'_>) -> Vec<String> {
    key_candidates(file).into_iter().map(|c| c.key).collect()
}

/// A key written by name, before its receiver is proven.
struct KeyCandidate<'t> {
    key: String,
    call: Node<'t>,
    /// The configuration written to; `None` for `Configuration.fromMap(Map.of(..))`, whose
    /// class is already proven.
    receiver: Option<Node<'t>>,
    key_node: Node<'t>,
    value: Node<'t>,
}

/// Configuration writes and `Configuration.fromMap(Map.of(..))` entries with a proven string
/// key in a Flink namespace, in file order; nothing in a file that does not use Flink.
fn key_candidates<'t>(file: &'t JavaFile<'_>) -> Vec<KeyCandidate<'t>> {
    let mut out = Vec::new();
    if !helpers::uses_flink(file) {
        return out;
    }
    for write in config::keyed_writes(file) {
        if !matches!(
            write.setter,
            "set"
                | "setString"
                | "setInteger"
                | "setLong"
                | "setBoolean"
                | "setFloat"
                | "setDouble"
        ) {
            continue;
        }
        let Some(receiver) = chain::receiver(write.call) else {
            continue;
        };
        if let Some(key) = flink_key(&write.key.value) {
            out.push(KeyCandidate {
                key,
                call: write.call,
                receiver: Some(receiver),
                key_node: write.key_node,
                value: write.value,
            });
        }
    }
    for call in file.nodes_of_kind("method_invocation") {
        let Some(pairs) = helpers::from_map_pairs(file, call) else {
            continue;
        };
        for (key_node, value) in pairs {
            let key = fold::string(file, key_node)
                .filter(|k| k.certainty == Certainty::Certain)
                .and_then(|k| flink_key(&k.value));
            if let Some(key) = key {
                out.push(KeyCandidate {
                    key,
                    call,
                    receiver: None,
                    key_node,
                    value,
                });
            }
        }
    }
    out.sort_by_key(|c| c.key_node.start_byte());
    out
}

/// `key`, trimmed, if it can be a Flink key: in a namespace of the catalog, without a `${..}`
/// placeholder.
fn flink_key(key: &str) -> Option<String> {
    let key = key.trim();
    let first = key.split('.').next().unwrap_or(key);
    (!key.contains("${") && bdl_catalog::flink::latest().has_namespace(first))
        .then(|| key.to_owned())
}

/// The value Flink reads from a configuration write's value argument: a string the file
/// proves, or a number or boolean literal (`setInteger(k, 3)`, `setBoolean(k, true)`).
fn written_value(file: &JavaFile<'_>, node: Node<'_>) -> Option<String> {
    if let Some(text) = fold::string(file, node) {
        return (text.certainty == Certainty::Certain).then_some(text.value);
    }
    if let Some(flag) = bool_literal(file, node) {
        return Some(flag.to_string());
    }
    fold::int(file, node)
        .filter(|n| n.certainty == Certainty::Certain)
        .map(|n| n.value.to_string())
}

/// Which configuration object a write goes to, as far as one file shows: the method it is in
/// and its receiver as written, without `this.` and without a trailing `.getConfiguration()`
/// (a `TableConfig` and its `Configuration` are one configuration).
fn receiver_group(file: &JavaFile<'_>, call: Node<'_>, receiver: Node<'_>) -> (usize, String) {
    let body = scope::enclosing_body(file, call).map_or(0, |b| b.start_byte());
    let written: String = file
        .text_of(receiver)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let written = written.strip_prefix("this.").unwrap_or(&written);
    let written = written
        .strip_suffix(".getConfiguration()")
        .unwrap_or(written);
    (body, written.to_owned())
}

/// Whether a checkpoint interval turns periodic checkpointing on: Flink takes an interval below
/// its 10 ms minimum (`0` included) for "off".
pub fn checkpointing_on(interval: &Occurrence) -> bool {
    interval
        .duration()
        .is_some_and(|d| d.value >= Duration::from_millis(10))
}

/// The setting among `settings` that `key` names, and the key as `'static`.
fn setting_for_key(
    settings: &[&'static FlinkSetting],
    key: &str,
) -> Option<(&'static FlinkSetting, &'static str)> {
    settings.iter().find_map(|s| {
        std::iter::once(s.key)
            .chain(s.fallback_keys.iter().copied())
            .find(|k| *k == key)
            .map(|k| (*s, k))
    })
}

/// Reads configuration text as a value of `ty`, as Flink parses it; `None` when it does not
/// parse.
pub fn parse_value(ty: ValueType, text: &str) -> Option<Value> {
    let text = text.trim();
    match ty {
        ValueType::Duration => parse_duration(text).map(Value::Duration),
        ValueType::Count => text.parse().ok().map(Value::Count),
        ValueType::Bool => {
            if text.eq_ignore_ascii_case("true") {
                Some(Value::Bool(true))
            } else if text.eq_ignore_ascii_case("false") {
                Some(Value::Bool(false))
            } else {
                None
            }
        }
        ValueType::Text => (!text.is_empty()).then(|| Value::Text(text.to_owned())),
    }
}

/// The value of a setter's first argument.
fn read_argument(file: &JavaFile<'_>, argument: Argument, node: Node<'_>) -> Option<Folded<Value>> {
    match argument {
        Argument::Millis => fold::millis(file, node).map(|f| f.with_value(Value::Duration)),
        Argument::Duration => fold::duration(file, node).map(|f| f.with_value(Value::Duration)),
        Argument::Count => fold::int(file, node).map(|f| f.with_value(Value::Count)),
        Argument::Bool => bool_literal(file, node).map(|b| certain(Value::Bool(b))),
        Argument::FlagAsCount { if_true, if_false } => bool_literal(file, node)
            .map(|b| certain(Value::Count(if b { if_true } else { if_false }))),
        Argument::Enum => enum_constant(file, node).map(|name| certain(Value::Text(name))),
        Argument::Text => fold::string(file, node).map(|s| s.with_value(Value::Text)),
    }
}

/// The value of a configuration write: a typed value (`Duration.ofSeconds(5)`, `3`, `true`,
/// an enumeration constant) or a string Flink parses; for the numeric setters (`setLong`,
/// `setInteger`) of a duration, a number of milliseconds.
fn read_write(
    file: &JavaFile<'_>,
    ty: ValueType,
    setter: &str,
    node: Node<'_>,
) -> Option<Folded<Value>> {
    if let Some(text) = fold::string(file, node) {
        let value = parse_value(ty, &text.value)?;
        return Some(text.with_value(|_| value));
    }
    match ty {
        ValueType::Duration => fold::duration(file, node)
            .or_else(|| {
                matches!(setter, "setLong" | "setInteger" | "setInt")
                    .then(|| fold::millis(file, node))
                    .flatten()
            })
            .map(|f| f.with_value(Value::Duration)),
        ValueType::Count => fold::int(file, node).map(|f| f.with_value(Value::Count)),
        ValueType::Bool => bool_literal(file, node).map(|b| certain(Value::Bool(b))),
        ValueType::Text => enum_constant(file, node).map(|name| certain(Value::Text(name))),
    }
}

fn certain(value: Value) -> Folded<Value> {
    Folded {
        value,
        certainty: Certainty::Certain,
        defined_at: None,
    }
}

/// `true` / `false` written as a literal.
fn bool_literal(file: &JavaFile<'_>, node: Node<'_>) -> Option<bool> {
    match file.text_of(node).trim() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// The name of an enumeration constant written as `Type.NAME` (or a statically imported
/// `NAME`): an upper-case field name.
fn enum_constant(file: &JavaFile<'_>, node: Node<'_>) -> Option<String> {
    let name = match node.kind() {
        "field_access" => file.text_of(node.child_by_field_name("field")?),
        "identifier" => file.text_of(node),
        _ => return None,
    };
    let upper = name
        .bytes()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
    (upper && !name.is_empty()).then(|| name.to_owned())
}

/// The span in the Java file of `inner`, a span of the string that `literal` evaluates to:
/// exact when `literal` is a plain string literal without escapes, otherwise the whole argument.
fn span_in_literal(file: &JavaFile<'_>, literal: Node<'_>, inner: Span) -> Span {
    let whole = JavaFile::span_of(literal);
    if literal.kind() != "string_literal" {
        return whole;
    }
    let raw = file.text_of(literal);
    let Some(body) = raw.strip_prefix('"').and_then(|r| r.strip_suffix('"')) else {
        return whole;
    };
    if raw.starts_with("\"\"\"") || body.contains('\\') || inner.end > body.len() {
        return whole;
    }
    let start = whole.start + 1;
    Span::new(start + inner.start, start + inner.end)
}

/// `Folded::map`, which `fold` keeps to itself.
trait WithValue<T> {
    fn with_value<U>(self, f: impl FnOnce(T) -> U) -> Folded<U>;
}

impl<T> WithValue<T> for Folded<T> {
    fn with_value<U>(self, f: impl FnOnce(T) -> U) -> Folded<U> {
        Folded {
            value: f(self.value),
            certainty: self.certainty,
            defined_at: self.defined_at,
        }
    }
}

/// The words of `settings` (see [`FlinkSetting::words`]) that none of `triggers` finds: a rule
/// whose triggers miss one would never run on a Java file that sets the setting that way.
#[cfg(test)]
pub(crate) fn missing_triggers(
    triggers: &[&str],
    settings: &[&'static FlinkSetting],
) -> Vec<&'static str> {
    settings
        .iter()
        .flat_map(|s| s.words())
        .filter(|word| !triggers.iter().any(|t| word.contains(t)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const IMPORTS: &str = "package com.example;\n\
        import java.time.Duration;\n\
        import org.apache.flink.configuration.CheckpointingOptions;\n\
        import org.apache.flink.configuration.Configuration;\n\
        import org.apache.flink.streaming.api.environment.ExecutionCheckpointingOptions;\n\
        import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;\n\
        import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;\n\
        import org.apache.flink.api.java.utils.ParameterTool;\n";

    fn java_source(members: &str, body: &str) -> String {
        format!(
            "{IMPORTS}public class Job {{\n{members}\n\
             public static void main(String[] args) throws Exception {{\n\
             StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();\n\
             StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);\n\
             ParameterTool params = ParameterTool.fromArgs(args);\n\
             {body}\n}}\n}}\n"
        )
    }

    /// `(value, certainty, text of the span)` of every occurrence of `setting` in `body`.
    fn in_java(
        setting: &'static FlinkSetting,
        body: &str,
    ) -> Vec<(Option<Value>, Certainty, String, Origin)> {
        let src = java_source("static final long TIMEOUT_MS = 60_000;", body);
        let file = JavaFile::parse(&src).expect("parses");
        let found = Settings::java(&file, &[setting]);
        found
            .all(setting)
            .map(|o| {
                (
                    o.value.clone(),
                    o.certainty,
                    o.span.slice(&src).to_owned(),
                    o.origin,
                )
            })
            .collect()
    }

    fn in_config(
        kind: FileKind,
        setting: &'static FlinkSetting,
        text: &str,
    ) -> Vec<(Option<Value>, String)> {
        let file = ConfigFile::parse(kind, text);
        let found = Settings::config(&file, &[setting]);
        found
            .all(setting)
            .map(|o| (o.value.clone(), o.span.slice(text).to_owned()))
            .collect()
    }

    const ONE_MINUTE: Value = Value::Duration(Duration::from_secs(60));

    #[test]
    fn every_java_source_yields_the_same_typed_value() {
        let cases = [
            (
                "env.getCheckpointConfig().setCheckpointTimeout(60_000);",
                "60_000",
            ),
            (
                "env.getCheckpointConfig().setCheckpointTimeout(TIMEOUT_MS);",
                "TIMEOUT_MS",
            ),
            (
                "Configuration conf = new Configuration(); conf.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, Duration.ofMinutes(1));",
                "Duration.ofMinutes(1)",
            ),
            (
                "Configuration conf = new Configuration(); conf.set(ExecutionCheckpointingOptions.CHECKPOINTING_TIMEOUT, Duration.ofSeconds(60));",
                "Duration.ofSeconds(60)",
            ),
            (
                "Configuration conf = new Configuration(); conf.setString(\"execution.checkpointing.timeout\", \"1 min\");",
                "\"1 min\"",
            ),
            (
                "Configuration conf = new Configuration(); conf.setLong(\"execution.checkpointing.timeout\", 60000L);",
                "60000L",
            ),
            (
                "tEnv.getConfig().set(\"execution.checkpointing.timeout\", \"60s\");",
                "\"60s\"",
            ),
            (
                "tEnv.getConfig().getConfiguration().setString(\"execution.checkpointing.timeout\", \"1min\");",
                "\"1min\"",
            ),
            (
                "tEnv.executeSql(\"SET 'execution.checkpointing.timeout' = '1min'\");",
                "1min",
            ),
            (
                "tEnv.executeSql(\"SET execution.checkpointing.timeout=60s\");",
                "60s",
            ),
        ];
        for (body, span) in cases {
            let found = in_java(&CHECKPOINT_TIMEOUT, body);
            assert_eq!(found.len(), 1, "{body}: {found:?}");
            let (value, certainty, text, origin) = &found[0];
            assert_eq!(value.as_ref(), Some(&ONE_MINUTE), "{body}");
            assert_eq!(*certainty, Certainty::Certain, "{body}");
            assert_eq!(text, span, "{body}");
            assert!(origin.in_code(), "{body}");
        }
    }

    #[test]
    fn every_configuration_dialect_yields_the_same_typed_value() {
        let cases = [
            (
                FileKind::FlinkConf,
                "execution.checkpointing.timeout: 1 min\n",
                "1 min",
            ),
            (
                FileKind::FlinkYaml,
                "execution:\n  checkpointing:\n    timeout: 60s\n",
                "60s",
            ),
            (
                FileKind::FlinkYaml,
                "execution.checkpointing.timeout: '60000'\n",
                "60000",
            ),
            (
                FileKind::FlinkSql,
                "SET 'execution.checkpointing.timeout' = '1min';\n",
                "1min",
            ),
        ];
        for (kind, text, span) in cases {
            let found = in_config(kind, &CHECKPOINT_TIMEOUT, text);
            assert_eq!(found, [(Some(ONE_MINUTE), span.to_owned())], "{text}");
        }
    }

    #[test]
    fn kubernetes_resources_yield_the_same_value_per_resource() {
        let text = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nspec:\n  \
                    flinkConfiguration:\n    execution.checkpointing.timeout: \"1min\"\n---\n\
                    apiVersion: flink.apache.org/v1beta1\nkind: FlinkSessionJob\nspec:\n  \
                    flinkConfiguration:\n    execution:\n      checkpointing:\n        \
                    timeout: 60 s\n";
        let file = ConfigFile::parse(FileKind::FlinkK8s, text);
        let found = Settings::config(&file, &[&CHECKPOINT_TIMEOUT]);
        let got: Vec<_> = found
            .all(&CHECKPOINT_TIMEOUT)
            .map(|o| (o.value.clone(), o.span.slice(text), o.scope))
            .collect();
        assert_eq!(
            got,
            [(Some(ONE_MINUTE), "1min", 0), (Some(ONE_MINUTE), "60 s", 1)]
        );
        // The deployment is a whole configuration; the session job adds to another one.
        assert_eq!(
            found
                .scopes()
                .iter()
                .map(|s| s.complete)
                .collect::<Vec<_>>(),
            [true, false]
        );
        assert_eq!(found.in_effect(&CHECKPOINT_TIMEOUT).len(), 2);
        assert_eq!(
            found
                .all(&CHECKPOINT_TIMEOUT)
                .next()
                .map(|o| o.origin.describe()),
            Some("in the resource's `spec.flinkConfiguration`")
        );
    }

    #[test]
    fn counts_flags_and_unknown_values() {
        let three = Some(Value::Count(3));
        let found = in_java(
            &MAX_CONCURRENT,
            "env.getCheckpointConfig().setMaxConcurrentCheckpoints(3);",
        );
        assert_eq!(found[0].0, three);
        let found = in_java(
            &MAX_CONCURRENT,
            "Configuration c = new Configuration(); c.setInteger(\"execution.checkpointing.max-concurrent-checkpoints\", 3);",
        );
        assert_eq!(found[0].0, three);
        assert_eq!(
            in_config(
                FileKind::FlinkConf,
                &MAX_CONCURRENT,
                "execution.checkpointing.max-concurrent-checkpoints: 3\n"
            )[0]
            .0,
            three
        );
        // The deprecated flag stands for a count.
        let found = in_java(
            &TOLERABLE_FAILED_CHECKPOINTS,
            "env.getCheckpointConfig().setFailOnCheckpointingErrors(true);",
        );
        assert_eq!(found[0].0, Some(Value::Count(0)));
        assert_eq!(
            found[0].3,
            Origin::Setter {
                method: "setFailOnCheckpointingErrors"
            }
        );
        // Set, but to something unknown: an occurrence without a value.
        let found = in_java(
            &MIN_PAUSE,
            "env.getCheckpointConfig().setMinPauseBetweenCheckpoints(params.getLong(\"pause\"));",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, None);
        let found = in_config(
            FileKind::FlinkConf,
            &MIN_PAUSE,
            "execution.checkpointing.min-pause: soon\n",
        );
        assert_eq!(found, [(None, "soon".to_owned())]);
    }

    #[test]
    fn parameter_tool_defaults_are_possible_values() {
        let found = in_java(
            &CHECKPOINT_TIMEOUT,
            "env.getCheckpointConfig().setCheckpointTimeout(params.getLong(\"timeout\", 60_000L));",
        );
        assert_eq!(found[0].0, Some(ONE_MINUTE));
        assert_eq!(found[0].1, Certainty::Default);
        let found = in_java(
            &CHECKPOINT_TIMEOUT,
            "tEnv.executeSql(\"SET 'execution.checkpointing.timeout' = '\" + params.get(\"t\", \"1min\") + \"'\");",
        );
        assert_eq!(found[0].0, Some(ONE_MINUTE));
        assert_eq!(found[0].1, Certainty::Default);
    }

    #[test]
    fn receivers_that_are_not_flink_set_nothing() {
        for body in [
            "Scheduler s = new Scheduler(); s.setCheckpointTimeout(60_000);",
            "other.getCheckpointConfig().setCheckpointTimeout(60_000);",
            "java.util.Properties p = new java.util.Properties(); p.setProperty(\"execution.checkpointing.timeout\", \"1min\");",
            "org.apache.hadoop.conf.Configuration h = new org.apache.hadoop.conf.Configuration(); h.set(\"execution.checkpointing.timeout\", \"1min\");",
            "JobSettings s = new JobSettings(); s.set(\"execution.checkpointing.timeout\", \"1min\");",
            "db.executeSql(\"SET 'execution.checkpointing.timeout' = '1min'\");",
            "tEnv.executeSql(\"SELECT 'execution.checkpointing.timeout'\");",
            "// env.getCheckpointConfig().setCheckpointTimeout(60_000);",
        ] {
            assert!(
                in_java(&CHECKPOINT_TIMEOUT, body).is_empty(),
                "{body}: {:?}",
                in_java(&CHECKPOINT_TIMEOUT, body)
            );
        }
        let plain = "class A { void m(CheckpointConfig c) { c.setCheckpointTimeout(60_000); } }";
        let file = JavaFile::parse(plain).expect("parses");
        assert!(
            Settings::java(&file, &[&CHECKPOINT_TIMEOUT])
                .all(&CHECKPOINT_TIMEOUT)
                .next()
                .is_none()
        );
    }

    /// A setting with a deprecated key, as `execution.checkpointing.dir` has.
    static WITH_FALLBACK: FlinkSetting = FlinkSetting {
        key: "execution.checkpointing.dir",
        fallback_keys: &["state.checkpoints.dir", "state.backend.fs.checkpointdir"],
        constants: &[],
        setters: &[],
        value: ValueType::Text,
    };

    #[test]
    fn the_effective_definition_prefers_the_key_over_fallbacks() {
        let effective = |kind: FileKind, text: &str| -> Option<String> {
            let file = ConfigFile::parse(kind, text);
            let found = Settings::config(&file, &[&WITH_FALLBACK]);
            found
                .effective(&WITH_FALLBACK, 0)
                .and_then(|o| o.value.as_ref()?.text().map(str::to_owned))
        };
        let text = "execution.checkpointing.dir: hdfs:///a\nstate.checkpoints.dir: hdfs:///b\n";
        assert_eq!(
            effective(FileKind::FlinkConf, text).as_deref(),
            Some("hdfs:///a")
        );
        let text = "state.backend.fs.checkpointdir: hdfs:///c\nstate.checkpoints.dir: hdfs:///b\nstate.checkpoints.dir: hdfs:///d\n";
        assert_eq!(
            effective(FileKind::FlinkConf, text).as_deref(),
            Some("hdfs:///d")
        );
        // In SQL every statement runs in turn: the last one.
        let text = "SET 'execution.checkpointing.dir' = 'hdfs:///a';\nSET 'state.checkpoints.dir' = 'hdfs:///b';\n";
        assert_eq!(
            effective(FileKind::FlinkSql, text).as_deref(),
            Some("hdfs:///b")
        );
    }

    #[test]
    fn in_effect_follows_each_dialect() {
        let text = "execution.checkpointing.timeout: 1s\nexecution.checkpointing.timeout: 2min\n";
        let file = ConfigFile::parse(FileKind::FlinkConf, text);
        let found = Settings::config(&file, &[&CHECKPOINT_TIMEOUT]);
        let spans: Vec<&str> = found
            .in_effect(&CHECKPOINT_TIMEOUT)
            .iter()
            .map(|o| o.span.slice(text))
            .collect();
        assert_eq!(spans, ["2min"]);
        let text = "SET 'execution.checkpointing.timeout' = '1s';\nSET 'execution.checkpointing.timeout' = '2min';\n";
        let file = ConfigFile::parse(FileKind::FlinkSql, text);
        let found = Settings::config(&file, &[&CHECKPOINT_TIMEOUT]);
        assert_eq!(found.in_effect(&CHECKPOINT_TIMEOUT).len(), 2);
    }

    #[test]
    fn possibly_set_is_conservative_in_java() {
        let src = java_source(
            "",
            "tune(env); // setMinPauseBetweenCheckpoints is done by the helper\n",
        );
        let file = JavaFile::parse(&src).expect("parses");
        let found = Settings::java(&file, &[&MIN_PAUSE]);
        assert!(found.all(&MIN_PAUSE).next().is_none());
        assert!(found.possibly_set(&MIN_PAUSE, 0));
        let src = java_source("", "env.enableCheckpointing(5000);");
        let file = JavaFile::parse(&src).expect("parses");
        let found = Settings::java(&file, &[&MIN_PAUSE]);
        assert!(!found.possibly_set(&MIN_PAUSE, 0));
        let src = java_source(
            "",
            "env.configure(GlobalConfiguration.loadConfiguration(dir));",
        );
        let file = JavaFile::parse(&src).expect("parses");
        let found = Settings::java(&file, &[&MIN_PAUSE]);
        assert!(found.scopes()[0].opaque);
        assert!(found.possibly_set(&MIN_PAUSE, 0));
        // Configuration files: only entries count, comments do not.
        let text =
            "# execution.checkpointing.min-pause: 1s\nexecution.checkpointing.interval: 5s\n";
        let file = ConfigFile::parse(FileKind::FlinkConf, text);
        let found = Settings::config(&file, &[&MIN_PAUSE]);
        assert!(!found.possibly_set(&MIN_PAUSE, 0));
        assert!(found.scopes()[0].complete);
        // A file read only up to a syntax error may set it after the error.
        let text = "execution:\n  checkpointing:\n    interval: 5s\n    mode: [EXACTLY_ONCE\n";
        let file = ConfigFile::parse(FileKind::FlinkYaml, text);
        let found = Settings::config(&file, &[&MIN_PAUSE]);
        assert!(found.scopes()[0].opaque);
        assert!(found.possibly_set(&MIN_PAUSE, 0));
    }

    #[test]
    fn sql_in_code_spans_map_into_the_literal() {
        let found = in_java(
            &CHECKPOINT_TIMEOUT,
            "tEnv.executeSql(\"SET 'execution.checkpointing.timeout' = '1min'\");",
        );
        assert_eq!(found[0].2, "1min");
        // Escapes make the mapping inexact: the whole argument.
        let found = in_java(
            &CHECKPOINT_TIMEOUT,
            "tEnv.executeSql(\"SET \\u0027execution.checkpointing.timeout\\u0027 = '1min'\");",
        );
        assert_eq!(
            found[0].2,
            "\"SET \\u0027execution.checkpointing.timeout\\u0027 = '1min'\""
        );
    }

    #[test]
    fn words_list_what_a_java_file_names() {
        let words: Vec<&str> = TOLERABLE_FAILED_CHECKPOINTS.words().collect();
        assert_eq!(
            words,
            [
                "execution.checkpointing.tolerable-failed-checkpoints",
                "TOLERABLE_FAILURE_NUMBER",
                "TOLERABLE_FAILURE_NUMBER",
                "setTolerableCheckpointFailureNumber",
                "setFailOnCheckpointingErrors",
            ]
        );
    }
}
