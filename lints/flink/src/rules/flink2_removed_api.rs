use std::cell::OnceCell;
use std::collections::HashSet;

use bdl_core::{Ctx, Edit, Fix, Product, RuleMeta, Severity, Span, Version, declare_rule};
use bdl_syntax::java::fold::{self, arguments};
use bdl_syntax::java::imports::{ClassName, ImportSite, line_removal};
use bdl_syntax::java::{ancestors, chain, scope};
use bdl_syntax::{JavaFile, Rule};
use tree_sitter::Node;

use crate::helpers::{self, FlinkConfigObject};
use crate::operators::OPERATOR_SETTERS;
use crate::windows::{WINDOW_FUNCTIONS, WINDOW_SETTINGS, Windows, chain_to};

declare_rule! {
    /// ## What it does
    /// Flags the DataStream API that Flink 2.0 removed, with its replacement:
    /// - classes, by their import, their fully qualified name, or (once per class) their first
    ///   use by simple name when the file imports their package on demand
    ///   (`import org.apache.flink.streaming.api.functions.source.*;`): `SourceFunction`,
    ///   `RichSourceFunction`, `(Rich)ParallelSourceFunction`, `FromElementsFunction`,
    ///   `SocketTextStreamFunction`, `StatefulSequenceSource`, the legacy `DataGeneratorSource`;
    ///   `SinkFunction`, `RichSinkFunction`, `PrintSinkFunction`, `DiscardingSink`,
    ///   `TwoPhaseCommitSinkFunction`, `SocketClientSink`, `StreamingFileSink`; the Sink V1
    ///   interfaces and `StatefulSink`, `TwoPhaseCommittingSink`, `With*Topology`;
    ///   `RestartStrategies`, `TimeCharacteristic`, `AssignerWithPeriodicWatermarks`,
    ///   `AssignerWithPunctuatedWatermarks`, `CheckpointConfig.ExternalizedCheckpointCleanup`,
    ///   `ExecutionCheckpointingOptions`, the DataSet `ExecutionEnvironment` and `DataSet`,
    ///   `TableSchema`, and the legacy `TableSource` / `TableSink`;
    /// - methods, only on a receiver whose type the file proves: on a `StreamExecutionEnvironment`
    ///   `setRestartStrategy` / `getRestartStrategy`, `setStateBackend` /
    ///   `getStateBackend`, `setNumberOfExecutionRetries`, `set/getStreamTimeCharacteristic`,
    ///   `enableCheckpointing()` without an interval or with the `force` flag, `readTextFile`,
    ///   `readFileStream`, `registerType`, `registerTypeWithKryoSerializer`,
    ///   `addDefaultKryoSerializer`; on a `DataStream` `timeWindowAll`,
    ///   `writeAsText`, `writeAsCsv`, `iterate`, `keyBy` / `partitionCustom` by field position or
    ///   field expression (`keyBy(0)`, `keyBy("word")`, `partitionCustom(partitioner, 0)`: every
    ///   key an `int` or every key a `String` constant; a `KeySelector` is the kept form), and
    ///   `sinkTo` with a Sink V1 (a `new` of a class of the file that implements
    ///   `org.apache.flink.api.connector.sink.Sink`, a cast to that interface, or a name declared
    ///   with either); on a `KeyedStream` `timeWindow`; on a `CheckpointConfig`
    ///   the externalized-checkpoint, checkpoint-storage, fail-on-error, force and
    ///   alignment-timeout accessors; on an `ExecutionConfig` the restart, retry, Kryo / Avro /
    ///   generic-type and type-registration methods and `setExecutionMode`; on a
    ///   `RuntimeContext` `getExecutionConfig`, `getIndexOfThisSubtask`,
    ///   `getNumberOfParallelSubtasks`, `getMaxNumberOfParallelSubtasks`, `getAttemptNumber`,
    ///   `getTaskName`, `getTaskNameWithSubtasks` and `getJobId`; on Flink's `Configuration`
    ///   the typed getters and setters (`getInteger`, `setLong`, `getBoolean`, …, and
    ///   `getString` / `setString` with a `ConfigOption`); on a `StreamTableEnvironment`
    ///   `registerDataStream`, and `registerFunction` with a `TableFunction`,
    ///   `AggregateFunction` or `TableAggregateFunction` the file declares (the `ScalarFunction`
    ///   overload belongs to `TableEnvironment`, which Flink 2.x keeps); on a `TableConfig`
    ///   `get{Min,Max}IdleStateRetentionTime`;
    /// - `open(Configuration)` overridden in a class that extends a Flink function.
    ///
    /// A receiver is proven by its declared type (imported from Flink), by a factory such as
    /// `StreamExecutionEnvironment.getExecutionEnvironment()`, by a chain that starts at an
    /// environment's source (`env.fromSource(..).map(..).addSink(..)`), or by
    /// `getRuntimeContext()` inside a class that extends a Flink class. A method of the same
    /// name on anything else (`x.getIndexOfThisSubtask()` with `x` unknown, a `timeWindow` of
    /// your own) is not reported, nor is any file that does not import Flink. Nor is a
    /// `sinkTo` or `registerFunction` whose argument's class is declared in another file, since
    /// the file does not say which interface it implements.
    ///
    /// Not reported here, to avoid saying it twice: Flink's `Time` (FLK015), the legacy state
    /// backend classes (FLK011), the legacy timestamp extractors (FLK004), and the Bahir
    /// connectors (RDS010). Nor are the calls `env.addSource(..)` and `stream.addSink(..)`:
    /// Flink 2.x keeps both for the `SourceFunction` / `SinkFunction` that moved to its
    /// internal `…legacy` packages, so what breaks a job is the removed public interface its
    /// source or sink implements, reported where the job names it.
    ///
    /// The severity follows the Flink version the file is built against (`target: {flink: …}`,
    /// `--target flink=…`, or the nearest `pom.xml` / Gradle build): `error` on 2.0 and later;
    /// `info` on a 1.x release that already deprecates the API; nothing on an older 1.x release,
    /// where the API is still the current one; `info` when the version is unknown. An API is
    /// counted as deprecated from the release that deprecated it where that is known (1.11 for
    /// keys by field position or expression, FLINK-17074; 1.12 for the time characteristic and
    /// `timeWindow`; 1.19 for FLIP-357 (`iterate`), FLIP-381, FLIP-382, FLIP-391, FLINK-32978,
    /// FLINK-34079 and FLINK-34122), and otherwise from 1.20, the last 1.x line.
    ///
    /// ## Why is this bad?
    /// Flink 2.0 removed the `SourceFunction` / `SinkFunction` / Sink V1 APIs, the
    /// configuration setters that take Java objects (`RestartStrategies`, state backends,
    /// checkpoint storage), the typed `Configuration` accessors, the task information methods
    /// of `RuntimeContext`, `RichFunction.open(Configuration)`, DataStream iterations, keys by
    /// field position or expression, and the legacy table function registration. A job that
    /// still uses them does not compile against Flink 2.x, and a 1.x jar run on a 2.x cluster
    /// fails with `NoClassDefFoundError` or `NoSuchMethodError`.
    ///
    /// ## Example
    /// ```java file=Job.java bad target=flink=2.0
    /// import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
    /// import org.apache.flink.streaming.api.functions.sink.PrintSinkFunction;
    ///
    /// public class Job {
    ///     public static void main(String[] args) throws Exception {
    ///         StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    ///         env.fromSequence(1, 100).addSink(new PrintSinkFunction<>());
    ///         env.execute("job");
    ///     }
    /// }
    /// ```
    ///
    /// Use instead:
    ///
    /// ```java file=Job.java good target=flink=2.0
    /// import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
    /// import org.apache.flink.streaming.api.functions.sink.v2.PrintSink;
    ///
    /// public class Job {
    ///     public static void main(String[] args) throws Exception {
    ///         StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    ///         env.fromSequence(1, 100).sinkTo(new PrintSink<>());
    ///         env.execute("job");
    ///     }
    /// }
    /// ```
    ///
    /// ## How to fix
    /// Each finding names the replacement: a FLIP-27 `Source` read with `env.fromSource(..)`, a
    /// Sink V2 written with `sinkTo(..)`, the `restart-strategy.*`, `state.backend.type` and
    /// `execution.checkpointing.*` options on a `Configuration`, `get/set(ConfigOption)`,
    /// `getTaskInfo()` / `getJobInfo()`, `open(OpenContext)`, `window(..)` with an assigner, a
    /// `KeySelector` (`keyBy(t -> t.f0)`) and `createTemporarySystemFunction(name, function)`.
    /// DataStream iterations have no replacement in 2.x.
    ///
    /// `--fix` rewrites four of them when the target version has the replacement (1.19 or
    /// later; no fix when the version is unknown):
    /// - `getRuntimeContext().getIndexOfThisSubtask()` becomes
    ///   `getRuntimeContext().getTaskInfo().getIndexOfThisSubtask()`, and likewise
    ///   `getNumberOfParallelSubtasks`, `getMaxNumberOfParallelSubtasks`, `getAttemptNumber`,
    ///   `getTaskName` and `getTaskNameWithSubtasks`; `getJobId()` becomes
    ///   `getJobInfo().getJobId()` (**safe**: the same values);
    /// - `open(Configuration parameters)` becomes `open(OpenContext openContext)` when the body
    ///   does not use the parameter, or uses it only in `super.open(parameters)`, which becomes
    ///   `super.open(openContext)`; `OpenContext` is imported and the import of `Configuration`
    ///   removed when nothing else uses it. **Safe** in an anonymous or `final` class;
    ///   **unsafe** in a class that may be extended, since a subclass elsewhere that overrides
    ///   `open(Configuration)` would no longer be called;
    /// - `.timeWindow(size)` / `.timeWindow(size, slide)` on a keyed stream becomes
    ///   `.window(TumblingEventTimeWindows.of(size))` / `.window(SlidingEventTimeWindows.of(size,
    ///   slide))`, with the import added: **safe** when the file proves the job runs in event
    ///   time (as FLK002 decides); otherwise **unsafe**, since `timeWindow` picks its assigner
    ///   from the environment's time characteristic: the processing-time assigners when the
    ///   file sets `TimeCharacteristic.ProcessingTime`, else the event-time ones (the default
    ///   since Flink 1.12). A `Time` size is left as it is; FLK015 then rewrites it to a
    ///   `Duration`;
    /// - `env.getCheckpointConfig().setCheckpointStorage("hdfs:///flink/ck")` (or the call on a
    ///   `CheckpointConfig` local taken from `env`) becomes a `Configuration config` that sets
    ///   `CheckpointingOptions.CHECKPOINT_STORAGE` to `"filesystem"` and
    ///   `CheckpointingOptions.CHECKPOINTS_DIRECTORY` to the directory, written just before `env`
    ///   is declared; `env` is created with `getExecutionEnvironment(config)` and the call is
    ///   removed (the local is `checkpointingConfig` when `config` is taken; Flink's
    ///   `Configuration` is written in full where another one is imported). Offered only where
    ///   the move is local: `env` is a local of the same method, created by
    ///   `StreamExecutionEnvironment.getExecutionEnvironment()` and never reassigned, the call is
    ///   a statement of that method's own body after it, and the directory is a string constant.
    ///   **Safe**: the job's configuration is laid over the cluster's, so the two options win over
    ///   a cluster's `execution.checkpointing.storage` and `execution.checkpointing.dir` as the
    ///   storage object did (the storage is written for that reason, since a cluster set to
    ///   `jobmanager` would otherwise keep it). **Unsafe** when the method hands `env` or its
    ///   `CheckpointConfig` to other code, sets or reads the checkpoint storage again, calls
    ///   `configure(..)`, or builds the job before the call: storage set in code elsewhere would
    ///   now take precedence. No fix for an environment created with a `Configuration`, by
    ///   another factory or kept in a field, nor for a `CheckpointStorage`, `Path` or `URI`
    ///   argument or a directory the rule cannot fold: the finding's guidance stays.
    ///
    /// A class a fix adds (`OpenContext`, a window assigner, `Configuration`,
    /// `CheckpointingOptions`) is written by its simple name where the file imports it by name,
    /// imports its package on demand and already writes the name, or does not use the name at
    /// all (the import is then added). Where the simple name means something else, the
    /// checkpoint-storage fix writes the qualified name and the other fixes are not offered.
    ///
    /// ## Options
    /// None.
    ///
    /// ## References
    /// - Flink 2.0 release notes (removed APIs): <https://nightlies.apache.org/flink/flink-docs-release-2.0/release-notes/flink-2.0/>
    /// - Flink 1.19 release notes (deprecations for 2.0): <https://nightlies.apache.org/flink/flink-docs-release-1.19/release-notes/flink-1.19/>
    /// - Flink 1.20 release notes (`SinkFunction` deprecated, FLINK-35378): <https://nightlies.apache.org/flink/flink-docs-release-1.20/release-notes/flink-1.20/>
    /// - FLIP-357, deprecating DataStream iterations (1.19): <https://cwiki.apache.org/confluence/display/FLINK/FLIP-357%3A+Deprecate+Iteration+API+of+DataStream>
    /// - FLINK-17074, deprecating keys by field position or expression (1.11): <https://issues.apache.org/jira/browse/FLINK-17074>
    /// - FLINK-36484, removing `StreamTableEnvironment.registerFunction` (2.0): <https://issues.apache.org/jira/browse/FLINK-36484>
    pub Flink2RemovedApi {
        code: "FLK016",
        name: "flink2-removed-api",
        summary: "uses of the DataStream API that Flink 2.0 removed (`SourceFunction`, `RichSinkFunction`, `RestartStrategies`, …)",
        severity: Error,
        kinds: [Java],
        // The rule reads only files that name Flink (`check_java` returns early otherwise), so
        // the package is the exact trigger; method names such as `open` or `getClass` would
        // let nearly every Java file through.
        triggers: ["org.apache.flink."],
        options: [],
        fix: Sometimes,
    }
}

const V1_11: Version = Version::new(1, 11);
const V1_12: Version = Version::new(1, 12);
const V1_19: Version = Version::new(1, 19);
const V1_20: Version = Version::new(1, 20);

/// A removed class: its fully qualified name, the release that deprecated it, and what
/// replaces it.
struct RemovedClass {
    fqn: &'static str,
    since: Version,
    instead: &'static str,
}

const SOURCE_INSTEAD: &str = "implement a FLIP-27 `Source` and read it with `env.fromSource(..)`";
const SINK_INSTEAD: &str =
    "implement a Sink V2 (`org.apache.flink.api.connector.sink2.Sink`) and write with `sinkTo(..)`";

const fn class(fqn: &'static str, since: Version, instead: &'static str) -> RemovedClass {
    RemovedClass {
        fqn,
        since,
        instead,
    }
}

const REMOVED_CLASSES: &[RemovedClass] = &[
    class(
        "org.apache.flink.streaming.api.functions.source.SourceFunction",
        V1_20,
        SOURCE_INSTEAD,
    ),
    class(
        "org.apache.flink.streaming.api.functions.source.RichSourceFunction",
        V1_20,
        SOURCE_INSTEAD,
    ),
    class(
        "org.apache.flink.streaming.api.functions.source.ParallelSourceFunction",
        V1_20,
        SOURCE_INSTEAD,
    ),
    class(
        "org.apache.flink.streaming.api.functions.source.RichParallelSourceFunction",
        V1_20,
        SOURCE_INSTEAD,
    ),
    class(
        "org.apache.flink.streaming.api.functions.source.FromElementsFunction",
        V1_20,
        "use `env.fromData(..)`",
    ),
    class(
        "org.apache.flink.streaming.api.functions.source.SocketTextStreamFunction",
        V1_20,
        SOURCE_INSTEAD,
    ),
    class(
        "org.apache.flink.streaming.api.functions.source.StatefulSequenceSource",
        V1_20,
        "use `env.fromSequence(..)` or `NumberSequenceSource`",
    ),
    class(
        "org.apache.flink.streaming.api.functions.source.datagen.DataGeneratorSource",
        V1_20,
        "use `org.apache.flink.connector.datagen.source.DataGeneratorSource` with `env.fromSource(..)`",
    ),
    class(
        "org.apache.flink.streaming.api.functions.sink.SinkFunction",
        V1_20,
        SINK_INSTEAD,
    ),
    class(
        "org.apache.flink.streaming.api.functions.sink.RichSinkFunction",
        V1_20,
        SINK_INSTEAD,
    ),
    class(
        "org.apache.flink.streaming.api.functions.sink.PrintSinkFunction",
        V1_20,
        "use `org.apache.flink.streaming.api.functions.sink.v2.PrintSink` with `sinkTo(..)`",
    ),
    class(
        "org.apache.flink.streaming.api.functions.sink.DiscardingSink",
        V1_20,
        "use `org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink` with `sinkTo(..)`",
    ),
    class(
        "org.apache.flink.streaming.api.functions.sink.TwoPhaseCommitSinkFunction",
        V1_20,
        "implement a Sink V2 with `SupportsCommitter` and write with `sinkTo(..)`",
    ),
    class(
        "org.apache.flink.streaming.api.functions.sink.SocketClientSink",
        V1_20,
        SINK_INSTEAD,
    ),
    class(
        "org.apache.flink.streaming.api.functions.sink.filesystem.StreamingFileSink",
        V1_20,
        "use `org.apache.flink.connector.file.sink.FileSink` with `sinkTo(..)`",
    ),
    class(
        "org.apache.flink.api.connector.sink.Sink",
        V1_20,
        SINK_INSTEAD,
    ),
    class(
        "org.apache.flink.api.connector.sink.SinkWriter",
        V1_20,
        "use `org.apache.flink.api.connector.sink2.SinkWriter`",
    ),
    class(
        "org.apache.flink.api.connector.sink.Committer",
        V1_20,
        "use `org.apache.flink.api.connector.sink2.Committer`",
    ),
    class(
        "org.apache.flink.api.connector.sink.GlobalCommitter",
        V1_20,
        "use a post-commit topology (`SupportsPostCommitTopology`) of a Sink V2",
    ),
    class(
        "org.apache.flink.api.connector.sink2.StatefulSink",
        V1_19,
        "implement `SupportsWriterState` on the Sink V2",
    ),
    class(
        "org.apache.flink.api.connector.sink2.TwoPhaseCommittingSink",
        V1_19,
        "implement `SupportsCommitter` on the Sink V2",
    ),
    class(
        "org.apache.flink.streaming.api.connector.sink2.WithPreWriteTopology",
        V1_19,
        "implement `SupportsPreWriteTopology`",
    ),
    class(
        "org.apache.flink.streaming.api.connector.sink2.WithPreCommitTopology",
        V1_19,
        "implement `SupportsPreCommitTopology`",
    ),
    class(
        "org.apache.flink.streaming.api.connector.sink2.WithPostCommitTopology",
        V1_19,
        "implement `SupportsPostCommitTopology`",
    ),
    class(
        "org.apache.flink.api.common.restartstrategy.RestartStrategies",
        V1_19,
        "set the `restart-strategy.type` and `restart-strategy.*` options on a `Configuration` \
         (`RestartStrategyOptions`)",
    ),
    class(
        "org.apache.flink.streaming.api.TimeCharacteristic",
        V1_12,
        "remove it; event time is the default: assign timestamps with a `WatermarkStrategy`, and use \
         processing-time window assigners where processing time is meant",
    ),
    class(
        "org.apache.flink.streaming.api.functions.AssignerWithPeriodicWatermarks",
        V1_20,
        "use a `WatermarkStrategy` with `assignTimestampsAndWatermarks(..)`",
    ),
    class(
        "org.apache.flink.streaming.api.functions.AssignerWithPunctuatedWatermarks",
        V1_20,
        "use a `WatermarkStrategy` with `assignTimestampsAndWatermarks(..)`",
    ),
    class(
        "org.apache.flink.streaming.api.environment.CheckpointConfig.ExternalizedCheckpointCleanup",
        V1_20,
        "use `org.apache.flink.configuration.ExternalizedCheckpointRetention`",
    ),
    class(
        "org.apache.flink.streaming.api.environment.ExecutionCheckpointingOptions",
        V1_20,
        "use `org.apache.flink.configuration.CheckpointingOptions`",
    ),
    class(
        "org.apache.flink.api.java.ExecutionEnvironment",
        V1_20,
        "use a `StreamExecutionEnvironment` in batch mode, or the Table API",
    ),
    class(
        "org.apache.flink.api.java.DataSet",
        V1_20,
        "use the DataStream API in batch mode, or the Table API",
    ),
    class(
        "org.apache.flink.table.api.TableSchema",
        V1_20,
        "use `org.apache.flink.table.api.Schema`",
    ),
    class(
        "org.apache.flink.table.sources.TableSource",
        V1_20,
        "implement a `DynamicTableSource`",
    ),
    class(
        "org.apache.flink.table.sinks.TableSink",
        V1_20,
        "implement a `DynamicTableSink`",
    ),
];

/// What a method must be called on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum On {
    Environment,
    /// A `DataStream`, a keyed stream included.
    Stream,
    KeyedStream,
    CheckpointConfig,
    ExecutionConfig,
    RuntimeContext,
    Configuration,
    TableEnvironment,
    TableConfig,
}

/// Which argument counts the removed overloads have (`None`: any).
#[derive(Clone, Copy, Debug)]
enum Arity {
    Any,
    Only(&'static [usize]),
}

/// How the removed overloads are told from the kept ones by their arguments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Args {
    Any,
    /// `Configuration.getString/setString`: only the `ConfigOption` form is removed, so the
    /// first argument must be provably a `ConfigOption` (a `String` key is the kept form).
    ConfigOption,
    /// `keyBy(int...)` / `keyBy(String...)`, `partitionCustom(partitioner, int / String)`:
    /// the arguments from this index on must all be `int` constants (field positions) or all
    /// `String` constants (field expressions); a `KeySelector` is the kept form.
    FieldKeys(usize),
    /// `sinkTo(Sink)`: the first argument must be provably a Sink V1; a Sink V2 is the kept
    /// form.
    SinkV1,
    /// `StreamTableEnvironment.registerFunction(name, function)`: the function must be
    /// provably a `TableFunction`, `AggregateFunction` or `TableAggregateFunction`; the
    /// `ScalarFunction` overload, declared by `TableEnvironment`, stays in Flink 2.x.
    LegacyFunction,
}

/// A fix the rule knows for a method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum MethodFix {
    None,
    /// Insert `getTaskInfo().` / `getJobInfo().` before the method name.
    InsertBefore(&'static str),
    TimeWindow,
    /// `setCheckpointStorage("…")` → the `Configuration` the environment is created with.
    CheckpointStorage,
}

struct RemovedMethod {
    on: On,
    name: &'static str,
    arity: Arity,
    args: Args,
    since: Version,
    instead: &'static str,
    fix: MethodFix,
}

const fn method(
    on: On,
    name: &'static str,
    since: Version,
    instead: &'static str,
) -> RemovedMethod {
    RemovedMethod {
        on,
        name,
        arity: Arity::Any,
        args: Args::Any,
        since,
        instead,
        fix: MethodFix::None,
    }
}

const RESTART_INSTEAD: &str = "set `restart-strategy.type` and the `restart-strategy.*` options on the `Configuration` \
     the environment is created with";
const SERIALIZATION_INSTEAD: &str = "set `pipeline.serialization-config` (or `pipeline.force-kryo`, `pipeline.force-avro`, \
     `pipeline.generic-types`) in the configuration";
const TASK_INFO: &str = "getTaskInfo().";

// `addSource(..)` and `addSink(..)` are not here: Flink 2.x keeps both, taking the
// `SourceFunction` / `SinkFunction` that moved to the internal `...legacy` packages (Flink's
// own 2.x tests still call them). What breaks is the old public interface a job implements,
// and that is reported on its import or name.
const REMOVED_METHODS: &[RemovedMethod] = &[
    method(
        On::Environment,
        "setRestartStrategy",
        V1_19,
        RESTART_INSTEAD,
    ),
    method(
        On::Environment,
        "getRestartStrategy",
        V1_19,
        RESTART_INSTEAD,
    ),
    method(
        On::Environment,
        "setStateBackend",
        V1_19,
        "set `state.backend.type` (and `execution.checkpointing.dir`) on the `Configuration` the \
         environment is created with",
    ),
    method(
        On::Environment,
        "getStateBackend",
        V1_19,
        "read `state.backend.type` from the configuration",
    ),
    method(
        On::Environment,
        "setNumberOfExecutionRetries",
        V1_20,
        RESTART_INSTEAD,
    ),
    method(
        On::Environment,
        "getNumberOfExecutionRetries",
        V1_20,
        RESTART_INSTEAD,
    ),
    method(
        On::Environment,
        "setStreamTimeCharacteristic",
        V1_12,
        "remove the call; event time is the default: use processing-time window assigners where \
         processing time is meant",
    ),
    method(
        On::Environment,
        "getStreamTimeCharacteristic",
        V1_12,
        "remove the call; event time is the default",
    ),
    RemovedMethod {
        arity: Arity::Only(&[0, 3]),
        ..method(
            On::Environment,
            "enableCheckpointing",
            V1_20,
            "use `enableCheckpointing(interval)` or `enableCheckpointing(interval, mode)`",
        )
    },
    method(
        On::Environment,
        "readTextFile",
        V1_20,
        "use `env.fromSource(..)` with a `FileSource` and a `TextLineInputFormat`",
    ),
    method(
        On::Environment,
        "readFileStream",
        V1_20,
        "use `env.fromSource(..)` with a `FileSource`",
    ),
    method(
        On::Environment,
        "registerType",
        V1_19,
        SERIALIZATION_INSTEAD,
    ),
    method(
        On::Environment,
        "registerTypeWithKryoSerializer",
        V1_19,
        SERIALIZATION_INSTEAD,
    ),
    method(
        On::Environment,
        "addDefaultKryoSerializer",
        V1_19,
        SERIALIZATION_INSTEAD,
    ),
    method(
        On::Stream,
        "timeWindowAll",
        V1_12,
        "use `windowAll(..)` with an assigner such as `TumblingEventTimeWindows.of(size)`",
    ),
    method(
        On::Stream,
        "writeAsText",
        V1_20,
        "write with `sinkTo(..)` and a `FileSink`",
    ),
    method(
        On::Stream,
        "writeAsCsv",
        V1_20,
        "write with `sinkTo(..)` and a `FileSink`",
    ),
    RemovedMethod {
        arity: Arity::Only(&[0, 1]),
        ..method(
            On::Stream,
            "iterate",
            V1_19,
            "DataStream iterations have no replacement in Flink 2.x: compute the loop inside \
             an operator, or use an iteration library such as Flink ML's",
        )
    },
    RemovedMethod {
        args: Args::FieldKeys(0),
        ..method(
            On::Stream,
            "keyBy",
            V1_11,
            "key with a `KeySelector` that returns the key, such as `keyBy(t -> t.f0)` for a \
             tuple field or `keyBy(e -> e.getName())` for a POJO field",
        )
    },
    RemovedMethod {
        arity: Arity::Only(&[2]),
        args: Args::FieldKeys(1),
        ..method(
            On::Stream,
            "partitionCustom",
            V1_11,
            "pass a `KeySelector` that returns the key: `partitionCustom(partitioner, t -> t.f0)`",
        )
    },
    RemovedMethod {
        args: Args::SinkV1,
        ..method(On::Stream, "sinkTo", V1_20, SINK_INSTEAD)
    },
    RemovedMethod {
        arity: Arity::Only(&[1, 2]),
        fix: MethodFix::TimeWindow,
        ..method(
            On::KeyedStream,
            "timeWindow",
            V1_12,
            "use `window(..)` with an assigner such as `TumblingEventTimeWindows.of(size)`",
        )
    },
    method(
        On::CheckpointConfig,
        "enableExternalizedCheckpoints",
        V1_20,
        "use `setExternalizedCheckpointRetention(..)` or `execution.checkpointing.externalized-checkpoint-retention`",
    ),
    method(
        On::CheckpointConfig,
        "setExternalizedCheckpointCleanup",
        V1_20,
        "use `setExternalizedCheckpointRetention(..)` or `execution.checkpointing.externalized-checkpoint-retention`",
    ),
    method(
        On::CheckpointConfig,
        "getExternalizedCheckpointCleanup",
        V1_20,
        "use `getExternalizedCheckpointRetention()`",
    ),
    RemovedMethod {
        fix: MethodFix::CheckpointStorage,
        ..method(
            On::CheckpointConfig,
            "setCheckpointStorage",
            V1_19,
            "set `execution.checkpointing.storage` and `execution.checkpointing.dir` on the \
             `Configuration` the environment is created with",
        )
    },
    method(
        On::CheckpointConfig,
        "getCheckpointStorage",
        V1_19,
        "read `execution.checkpointing.dir` from the configuration",
    ),
    method(
        On::CheckpointConfig,
        "setFailOnCheckpointingErrors",
        V1_20,
        "use `setTolerableCheckpointFailureNumber(..)`",
    ),
    method(
        On::CheckpointConfig,
        "isFailOnCheckpointingErrors",
        V1_20,
        "use `getTolerableCheckpointFailureNumber()`",
    ),
    method(
        On::CheckpointConfig,
        "setForceCheckpointing",
        V1_20,
        "remove the call; iterative jobs are gone in 2.0",
    ),
    method(
        On::CheckpointConfig,
        "isForceCheckpointing",
        V1_20,
        "remove the call; iterative jobs are gone in 2.0",
    ),
    method(
        On::CheckpointConfig,
        "setAlignmentTimeout",
        V1_20,
        "use `setAlignedCheckpointTimeout(..)`",
    ),
    method(
        On::CheckpointConfig,
        "getAlignmentTimeout",
        V1_20,
        "use `getAlignedCheckpointTimeout()`",
    ),
    method(
        On::ExecutionConfig,
        "setRestartStrategy",
        V1_19,
        RESTART_INSTEAD,
    ),
    method(
        On::ExecutionConfig,
        "getRestartStrategy",
        V1_19,
        RESTART_INSTEAD,
    ),
    method(
        On::ExecutionConfig,
        "setExecutionRetryDelay",
        V1_20,
        RESTART_INSTEAD,
    ),
    method(
        On::ExecutionConfig,
        "setNumberOfExecutionRetries",
        V1_20,
        RESTART_INSTEAD,
    ),
    method(
        On::ExecutionConfig,
        "getNumberOfExecutionRetries",
        V1_20,
        RESTART_INSTEAD,
    ),
    method(
        On::ExecutionConfig,
        "enableForceKryo",
        V1_19,
        SERIALIZATION_INSTEAD,
    ),
    method(
        On::ExecutionConfig,
        "disableForceKryo",
        V1_19,
        SERIALIZATION_INSTEAD,
    ),
    method(
        On::ExecutionConfig,
        "enableForceAvro",
        V1_19,
        SERIALIZATION_INSTEAD,
    ),
    method(
        On::ExecutionConfig,
        "disableForceAvro",
        V1_19,
        SERIALIZATION_INSTEAD,
    ),
    method(
        On::ExecutionConfig,
        "enableGenericTypes",
        V1_19,
        SERIALIZATION_INSTEAD,
    ),
    method(
        On::ExecutionConfig,
        "disableGenericTypes",
        V1_19,
        SERIALIZATION_INSTEAD,
    ),
    method(
        On::ExecutionConfig,
        "registerKryoType",
        V1_19,
        SERIALIZATION_INSTEAD,
    ),
    method(
        On::ExecutionConfig,
        "registerPojoType",
        V1_19,
        SERIALIZATION_INSTEAD,
    ),
    method(
        On::ExecutionConfig,
        "registerTypeWithKryoSerializer",
        V1_19,
        SERIALIZATION_INSTEAD,
    ),
    method(
        On::ExecutionConfig,
        "addDefaultKryoSerializer",
        V1_19,
        SERIALIZATION_INSTEAD,
    ),
    method(
        On::ExecutionConfig,
        "setExecutionMode",
        V1_20,
        "remove the call; it configured the removed DataSet API",
    ),
    method(
        On::RuntimeContext,
        "getExecutionConfig",
        V1_19,
        "use the `RuntimeContext` methods `createSerializer(..)`, `getGlobalJobParameters()` and \
         `isObjectReuseEnabled()`",
    ),
    RemovedMethod {
        fix: MethodFix::InsertBefore(TASK_INFO),
        ..method(
            On::RuntimeContext,
            "getIndexOfThisSubtask",
            V1_19,
            "use `getTaskInfo().getIndexOfThisSubtask()`",
        )
    },
    RemovedMethod {
        fix: MethodFix::InsertBefore(TASK_INFO),
        ..method(
            On::RuntimeContext,
            "getNumberOfParallelSubtasks",
            V1_19,
            "use `getTaskInfo().getNumberOfParallelSubtasks()`",
        )
    },
    RemovedMethod {
        fix: MethodFix::InsertBefore(TASK_INFO),
        ..method(
            On::RuntimeContext,
            "getMaxNumberOfParallelSubtasks",
            V1_19,
            "use `getTaskInfo().getMaxNumberOfParallelSubtasks()`",
        )
    },
    RemovedMethod {
        fix: MethodFix::InsertBefore(TASK_INFO),
        ..method(
            On::RuntimeContext,
            "getAttemptNumber",
            V1_19,
            "use `getTaskInfo().getAttemptNumber()`",
        )
    },
    RemovedMethod {
        fix: MethodFix::InsertBefore(TASK_INFO),
        ..method(
            On::RuntimeContext,
            "getTaskName",
            V1_19,
            "use `getTaskInfo().getTaskName()`",
        )
    },
    RemovedMethod {
        fix: MethodFix::InsertBefore(TASK_INFO),
        ..method(
            On::RuntimeContext,
            "getTaskNameWithSubtasks",
            V1_19,
            "use `getTaskInfo().getTaskNameWithSubtasks()`",
        )
    },
    RemovedMethod {
        fix: MethodFix::InsertBefore("getJobInfo()."),
        ..method(
            On::RuntimeContext,
            "getJobId",
            V1_19,
            "use `getJobInfo().getJobId()`",
        )
    },
    config("getInteger"),
    config("setInteger"),
    config("getLong"),
    config("setLong"),
    config("getBoolean"),
    config("setBoolean"),
    config("getDouble"),
    config("setDouble"),
    config("getFloat"),
    config("setFloat"),
    config("getBytes"),
    config("setBytes"),
    config("getClass"),
    config("setClass"),
    RemovedMethod {
        args: Args::ConfigOption,
        ..config("getString")
    },
    RemovedMethod {
        args: Args::ConfigOption,
        ..config("setString")
    },
    method(
        On::TableEnvironment,
        "registerDataStream",
        V1_20,
        "use `createTemporaryView(path, stream)` or `fromDataStream(..)`",
    ),
    RemovedMethod {
        arity: Arity::Only(&[2]),
        args: Args::LegacyFunction,
        ..method(
            On::TableEnvironment,
            "registerFunction",
            V1_20,
            "register it with `createTemporarySystemFunction(name, function)`; the function \
             may need type hints (`@FunctionHint`, `@DataTypeHint`) for the new type inference",
        )
    },
    method(
        On::TableConfig,
        "getMinIdleStateRetentionTime",
        V1_20,
        "use `getIdleStateRetention()`",
    ),
    method(
        On::TableConfig,
        "getMaxIdleStateRetentionTime",
        V1_20,
        "use `getIdleStateRetention()`",
    ),
];

const fn config(name: &'static str) -> RemovedMethod {
    method(
        On::Configuration,
        name,
        V1_19,
        "use `get(ConfigOption)` / `set(ConfigOption, value)`, with an option from the \
         `*Options` classes or one built with `ConfigOptions.key(..)`",
    )
}

/// Flink's `Configuration`, the parameter type of the removed `open` overload.
const CONFIGURATION: &str = "org.apache.flink.configuration.Configuration";
const OPEN_CONTEXT: &str = "org.apache.flink.api.common.functions.OpenContext";
const RUNTIME_CONTEXT: &str = "org.apache.flink.api.common.functions.RuntimeContext";
const EXECUTION_CONFIG: &str = "org.apache.flink.api.common.ExecutionConfig";
const ASSIGNERS: &str = "org.apache.flink.streaming.api.windowing.assigners";
const DATASTREAM_PACKAGE: &str = "org.apache.flink.streaming.api.datastream";
/// The Sink V1 interface, which `sinkTo` no longer takes in Flink 2.0.
const SINK_V1: &str = "org.apache.flink.api.connector.sink.Sink";
/// The functions `StreamTableEnvironment.registerFunction` took until Flink 2.0.
const LEGACY_FUNCTIONS: &[&str] = &[
    "org.apache.flink.table.functions.TableFunction",
    "org.apache.flink.table.functions.AggregateFunction",
    "org.apache.flink.table.functions.TableAggregateFunction",
];

/// How deep the receiver proofs follow names and chains.
const MAX_DEPTH: u32 = 64;

impl Rule for Flink2RemovedApi {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        if !helpers::uses_flink(file) && !file.mentions("org.apache.flink.") {
            return;
        }
        let check = Check {
            file,
            target: OnceCell::new(),
            windows: Windows::new(file),
            imports: OnceCell::new(),
        };
        check.classes(cx);
        for call in file.nodes_of_kind("method_invocation") {
            check.method(call, cx);
        }
        for declaration in file.nodes_of_kind("method_declaration") {
            check.open(declaration, cx);
        }
    }
}

struct Check<'t, 'a> {
    file: &'t JavaFile<'a>,
    target: OnceCell<Option<Version>>,
    windows: Windows<'t, 'a>,
    imports: OnceCell<ImportSite>,
}

/// How a class a fix needs gets imported.
enum Import {
    /// Already imported (by name or on demand).
    Present,
    /// By this edit.
    Add(Edit),
}

impl<'t> Check<'t, '_> {
    fn target(&self, cx: &Ctx<'_>) -> Option<Version> {
        *self
            .target
            .get_or_init(|| cx.target_version(Product::Flink))
    }

    /// The severity for an API deprecated in `since`, or `None` when the target still has it
    /// undeprecated.
    fn severity(&self, since: Version, cx: &Ctx<'_>) -> Option<Severity> {
        match self.target(cx) {
            Some(v) if v.major >= 2 => Some(Severity::Error),
            Some(v) if v < since => None,
            _ => Some(Severity::Info),
        }
    }

    /// "removed in Flink 2.0 (the target is 2.0)", "deprecated since Flink 1.19 (the target is
    /// 1.20) and removed in 2.0".
    fn status(&self, since: Version, cx: &Ctx<'_>) -> String {
        match self.target(cx) {
            Some(v) if v.major >= 2 => format!("removed in Flink 2.0 (the target is {v})"),
            Some(v) => {
                format!("deprecated since Flink {since} (the target is {v}) and removed in 2.0")
            }
            None => format!("deprecated since Flink {since} and removed in 2.0"),
        }
    }

    /// Whether the target version is known to have `since`'s replacements.
    fn target_has(&self, since: Version, cx: &Ctx<'_>) -> bool {
        self.target(cx).is_some_and(|v| v >= since)
    }

    // ----- classes -----

    fn classes(&self, cx: &mut Ctx<'_>) {
        let file = self.file;
        let root = file.root();
        let mut cursor = root.walk();
        for node in root.named_children(&mut cursor) {
            if node.kind() != "import_declaration" {
                continue;
            }
            let text = compact(file.text_of(node));
            let Some(name) = text
                .strip_prefix("import")
                .and_then(|t| t.strip_suffix(';'))
            else {
                continue;
            };
            let name = name.strip_prefix("static").unwrap_or(name);
            if let Some(removed) = removed_class(name) {
                self.report_class(removed, JavaFile::span_of(node), cx);
            }
        }
        for ty in file.nodes_of_kind("scoped_type_identifier") {
            let text = compact(file.text_of(ty));
            let base = text.split('<').next().unwrap_or(&text);
            if let Some(removed) = REMOVED_CLASSES.iter().find(|c| c.fqn == base) {
                self.report_class(removed, JavaFile::span_of(ty), cx);
            }
        }
        for call in file.nodes_of_kind("method_invocation") {
            let Some(object) = call.child_by_field_name("object") else {
                continue;
            };
            if !matches!(object.kind(), "field_access" | "scoped_identifier") {
                continue;
            }
            let text = compact(file.text_of(object));
            if let Some(removed) = REMOVED_CLASSES.iter().find(|c| c.fqn == text) {
                self.report_class(removed, JavaFile::span_of(object), cx);
            }
        }
        for removed in REMOVED_CLASSES {
            if let Some(used) = self.simple_name_on_demand(removed) {
                self.report_class(removed, JavaFile::span_of(used), cx);
            }
        }
    }

    /// The first use of `removed` by its simple name when the file imports it on demand
    /// ([`Self::imports_on_demand`]): `SourceFunction` after
    /// `import org.apache.flink.streaming.api.functions.source.*;`. Reported once per class,
    /// as an import is.
    fn simple_name_on_demand(&self, removed: &RemovedClass) -> Option<Node<'t>> {
        let file = self.file;
        let simple = removed.fqn.rsplit('.').next()?;
        if !self.imports_on_demand(removed) {
            return None;
        }
        // A type (`implements SourceFunction<T>`, `new DiscardingSink<>()`, the
        // `SourceFunction` of `SourceFunction.SourceContext`) or the class a static member is
        // read from (`RestartStrategies.noRestart()`), not a variable of that name.
        let as_type = file.nodes_of_kind("type_identifier").find(|n| {
            file.text_of(*n) == simple
                && n.parent().is_none_or(|p| {
                    p.kind() != "scoped_type_identifier"
                        || p.named_child(0).map(|first| first.id()) == Some(n.id())
                })
        });
        let as_class = file.identifiers_named(simple).find(|n| {
            n.parent().is_some_and(|p| {
                matches!(p.kind(), "method_invocation" | "field_access")
                    && p.child_by_field_name("object").map(|o| o.id()) == Some(n.id())
            }) && scope::resolve(file, *n, simple).is_none()
        });
        match (as_type, as_class) {
            (Some(a), Some(b)) => Some(if b.start_byte() < a.start_byte() {
                b
            } else {
                a
            }),
            (a, b) => a.or(b),
        }
    }

    /// Whether the simple name of `removed` means that class here because the file imports its
    /// package (or outer class) on demand.
    ///
    /// Java gives a single-type import and a class of the file precedence over imports on
    /// demand, so either leaves the name to them (an import of this very class is reported
    /// itself). Another package imported on demand cannot hold the name as well, since the
    /// name would then be ambiguous against the Flink 1.x package that held the class, except
    /// for Flink 2.x's own `…legacy` packages, where `SourceFunction` and `SinkFunction` moved:
    /// with one of those imported on demand, the name may be the moved class.
    fn imports_on_demand(&self, removed: &RemovedClass) -> bool {
        let file = self.file;
        let Some((owner, simple)) = removed.fqn.rsplit_once('.') else {
            return false;
        };
        let imports = file.imports();
        let on_demand = |import: &'t String| import.strip_suffix(".*");
        imports.iter().any(|i| on_demand(i) == Some(owner))
            && !imports
                .iter()
                .any(|i| on_demand(i).is_none() && i.rsplit('.').next() == Some(simple))
            && !imports.iter().filter_map(on_demand).any(|package| {
                package != owner
                    && package.starts_with("org.apache.flink.")
                    && package.ends_with(".legacy")
            })
            && scope::class_named(file, simple).is_none()
    }

    fn report_class(&self, removed: &RemovedClass, span: Span, cx: &mut Ctx<'_>) {
        let Some(severity) = self.severity(removed.since, cx) else {
            return;
        };
        let simple = removed.fqn.rsplit('.').next().unwrap_or(removed.fqn);
        let message = format!(
            "`{simple}` is {}: {}",
            self.status(removed.since, cx),
            removed.instead
        );
        cx.report(severity, span, message).help(removed.instead);
    }

    // ----- methods -----

    fn method(&self, call: Node<'t>, cx: &mut Ctx<'_>) {
        let file = self.file;
        let Some(name) = call.child_by_field_name("name") else {
            return;
        };
        let name_text = file.text_of(name);
        let candidates: Vec<&RemovedMethod> = REMOVED_METHODS
            .iter()
            .filter(|m| m.name == name_text)
            .collect();
        if candidates.is_empty() {
            return;
        }
        let args = arguments(call);
        let Some(receiver) = chain::receiver(call) else {
            return;
        };
        let Some((removed, detail)) = candidates.into_iter().find_map(|m| {
            let arity = match m.arity {
                Arity::Any => true,
                Arity::Only(counts) => counts.contains(&args.len()),
            };
            if !arity {
                return None;
            }
            let detail = self.removed_form(m.args, &args)?;
            self.is_on(receiver, m.on).then_some((m, detail))
        }) else {
            return;
        };
        let Some(severity) = self.severity(removed.since, cx) else {
            return;
        };
        let shown = shown_call(file, call, name_text, args.len());
        let message = format!(
            "`{shown}`{detail} is {}: {}",
            self.status(removed.since, cx),
            removed.instead
        );
        let fix = match removed.fix {
            MethodFix::None => None,
            MethodFix::InsertBefore(prefix) => self.target_has(removed.since, cx).then(|| {
                Fix::safe(
                    format!("call `{prefix}{name_text}()` instead"),
                    vec![Edit::insert(name.start_byte(), prefix)],
                )
            }),
            MethodFix::TimeWindow => self.time_window_fix(call, &args, cx),
            MethodFix::CheckpointStorage => self
                .target_has(removed.since, cx)
                .then(|| crate::checkpoint_storage_fix::fix(file, call))
                .flatten(),
        };
        // From the method name on, so that a finding in a chain starts on its own line.
        let span = Span::new(name.start_byte(), call.end_byte());
        let mut reported = cx.report(severity, span, message);
        reported.help(removed.instead);
        if let Some(fix) = fix {
            reported.fix(fix);
        }
    }

    /// Whether `args` are those of the removed overload: `None` when they are not (or not
    /// provably), else what the message adds about them (" with the field position `0`").
    fn removed_form(&self, form: Args, args: &[Node<'_>]) -> Option<String> {
        match form {
            Args::Any => Some(String::new()),
            Args::ConfigOption => args
                .first()
                .is_some_and(|a| self.is_config_option(*a))
                .then(String::new),
            Args::FieldKeys(from) => self.field_keys(args.get(from..)?),
            Args::SinkV1 => {
                let (class, _) = self.instance_of(*args.first()?, &[SINK_V1], 0)?;
                Some(if class == "Sink" {
                    " with a Sink V1 (`Sink`)".to_owned()
                } else {
                    format!(" with the Sink V1 `{class}`")
                })
            }
            Args::LegacyFunction => {
                let (class, base) = self.instance_of(*args.get(1)?, LEGACY_FUNCTIONS, 0)?;
                let base = base.rsplit('.').next().unwrap_or(base);
                Some(if class == base {
                    format!(" with a `{base}`")
                } else {
                    format!(" with the `{base}` `{class}`")
                })
            }
        }
    }

    /// " with the field position `0`" when every argument is an `int` constant, " with the
    /// field expression `\"word\"`" when every one is a `String` constant; `None` otherwise
    /// (a `KeySelector`, a value the file does not fix, a mix).
    fn field_keys(&self, keys: &[Node<'_>]) -> Option<String> {
        let file = self.file;
        if keys.is_empty() {
            return None;
        }
        let positions: Option<Vec<String>> = keys
            .iter()
            .map(|k| {
                fold::int(file, *k)
                    .filter(|f| f.certainty == fold::Certainty::Certain)
                    .map(|f| f.value.to_string())
            })
            .collect();
        let (what, values) = if let Some(values) = positions {
            ("position", values)
        } else {
            let expressions: Vec<String> = keys
                .iter()
                .map(|k| {
                    fold::string(file, *k)
                        .filter(|f| f.certainty == fold::Certainty::Certain)
                        .map(|f| format!("{:?}", f.value))
                })
                .collect::<Option<_>>()?;
            ("expression", expressions)
        };
        let plural = if values.len() == 1 { "" } else { "s" };
        Some(format!(
            " with the field {what}{plural} `{}`",
            values.join(", ")
        ))
    }

    /// The class of `node` and which of `bases` it extends, when the file proves it: a `new`
    /// of such a class (or of an anonymous subclass), a cast to one, or a name declared with
    /// one (`var` names follow their initialiser). "Such a class" is one of `bases` itself or
    /// a class of this file that extends or implements one, directly or through other classes
    /// of this file. A class declared elsewhere is unknown.
    fn instance_of(
        &self,
        node: Node<'_>,
        bases: &[&'static str],
        depth: u32,
    ) -> Option<(String, &'static str)> {
        if depth > MAX_DEPTH {
            return None;
        }
        let file = self.file;
        let of_type = |ty: Node<'_>| {
            let written = file.text_of(ty);
            let base = self.class_extends(written, bases)?;
            Some((scope::simple_type_name(written).to_owned(), base))
        };
        match node.kind() {
            "parenthesized_expression" => self.instance_of(node.named_child(0)?, bases, depth + 1),
            "object_creation_expression" | "cast_expression" => {
                of_type(node.child_by_field_name("type")?)
            }
            "identifier" | "field_access" => {
                let decl = scope::declaration_of(file, node)?;
                let ty = decl.ty?;
                if file.text_of(ty) == "var" {
                    return self.instance_of(decl.value?, bases, depth + 1);
                }
                of_type(ty)
            }
            _ => None,
        }
    }

    /// Which of `bases` the type written as `written` is or extends: by its name (imported
    /// or qualified), or as a class or interface of this file whose supertypes lead to one.
    /// Each class of the file is looked at once, so cyclic or diamond hierarchies cost no
    /// more than the classes they name.
    fn class_extends(&self, written: &str, bases: &[&'static str]) -> Option<&'static str> {
        let file = self.file;
        let mut pending = vec![written.to_owned()];
        let mut seen = HashSet::new();
        while let Some(written) = pending.pop() {
            if let Some(base) = bases
                .iter()
                .find(|base| helpers_names_class(file, &written, base))
            {
                return Some(base);
            }
            let name = compact(written.split('<').next().unwrap_or(&written));
            if name.contains('.') {
                continue;
            }
            let Some(class) = scope::class_named(file, &name) else {
                continue;
            };
            if seen.insert(class.id()) {
                pending.extend(
                    supertypes(class)
                        .into_iter()
                        .map(|ty| file.text_of(ty).to_owned()),
                );
            }
        }
        None
    }

    fn is_on(&self, receiver: Node<'_>, on: On) -> bool {
        let file = self.file;
        match on {
            On::Environment => helpers::is_stream_environment(file, receiver),
            On::CheckpointConfig => helpers::is_checkpoint_config(file, receiver),
            On::Stream => matches!(
                self.stream_kind(receiver, 0),
                Some(StreamKind::Stream | StreamKind::Keyed)
            ),
            On::KeyedStream => self.stream_kind(receiver, 0) == Some(StreamKind::Keyed),
            On::ExecutionConfig => self.is_execution_config(receiver, 0),
            On::RuntimeContext => self.is_runtime_context(receiver, 0),
            On::Configuration => {
                helpers::flink_config_object(file, receiver)
                    == Some(FlinkConfigObject::Configuration)
            }
            On::TableConfig => {
                helpers::flink_config_object(file, receiver) == Some(FlinkConfigObject::TableConfig)
            }
            On::TableEnvironment => {
                helpers::is_table_environment(file, receiver)
                    && self.declared_or_created(receiver, "StreamTableEnvironment")
            }
        }
    }

    /// Whether `node` is provably a `ConfigOption`: a constant of a Flink `*Options` class
    /// (`PipelineOptions.NAME`), a name declared as `ConfigOption<..>`, or a
    /// `ConfigOptions.key(..)` chain.
    fn is_config_option(&self, node: Node<'_>) -> bool {
        let file = self.file;
        let declared_option = |n: Node<'_>| {
            scope::declaration_of(file, n)
                .is_some_and(|d| d.simple_type(file) == Some("ConfigOption"))
        };
        match node.kind() {
            "field_access" => {
                declared_option(node)
                    || node.child_by_field_name("object").is_some_and(|o| {
                        let class = file.text_of(o);
                        let simple = class.rsplit('.').next().unwrap_or(class);
                        simple.ends_with("Options")
                            && simple.starts_with(|c: char| c.is_ascii_uppercase())
                            && self.is_flink_type(class)
                    })
            }
            "identifier" => declared_option(node),
            "method_invocation" => chain::root(node).is_some_and(|root| {
                helpers_names_class(
                    file,
                    file.text_of(root),
                    "org.apache.flink.configuration.ConfigOptions",
                )
            }),
            _ => false,
        }
    }

    /// Whether a table environment is a `StreamTableEnvironment` (by its declared type or
    /// `StreamTableEnvironment.create(..)`), the only one with `registerDataStream`.
    fn declared_or_created(&self, node: Node<'_>, class: &str) -> bool {
        let file = self.file;
        match node.kind() {
            "identifier" | "field_access" => scope::declaration_of(file, node).is_some_and(|d| {
                d.simple_type(file) == Some(class)
                    || (d.simple_type(file) == Some("var")
                        && d.value.is_some_and(|v| self.declared_or_created(v, class)))
            }),
            "method_invocation" => chain::receiver(node)
                .is_some_and(|r| scope::simple_type_name(file.text_of(r)) == class),
            "parenthesized_expression" => node
                .named_child(0)
                .is_some_and(|inner| self.declared_or_created(inner, class)),
            _ => false,
        }
    }

    /// What kind of stream `node` provably is.
    fn stream_kind(&self, node: Node<'_>, depth: u32) -> Option<StreamKind> {
        if depth > MAX_DEPTH {
            return None;
        }
        let file = self.file;
        match node.kind() {
            "parenthesized_expression" => self.stream_kind(node.named_child(0)?, depth + 1),
            "identifier" | "field_access" => {
                let decl = scope::declaration_of(file, node)?;
                let written = file.text_of(decl.ty?);
                if written == "var" {
                    return self.stream_kind(decl.value?, depth + 1);
                }
                STREAM_TYPES
                    .iter()
                    .find(|(class, _)| {
                        scope::simple_type_name(written) == *class
                            && helpers_names_class(
                                file,
                                written,
                                &format!("{DATASTREAM_PACKAGE}.{class}"),
                            )
                    })
                    .map(|(_, kind)| *kind)
            }
            "method_invocation" => {
                let name = chain::method_name(file, node);
                let receiver = chain::receiver(node)?;
                if STREAM_SOURCES.contains(&name) {
                    return helpers::is_stream_environment(file, receiver)
                        .then_some(StreamKind::Stream);
                }
                if TABLE_TO_STREAM.contains(&name) {
                    return helpers::is_table_environment(file, receiver)
                        .then_some(StreamKind::Stream);
                }
                let inner = self.stream_kind(receiver, depth + 1)?;
                match (inner, name) {
                    (StreamKind::Stream | StreamKind::Keyed, "keyBy") => Some(StreamKind::Keyed),
                    (StreamKind::Keyed, n) if KEYED_WINDOWS.contains(&n) => {
                        Some(StreamKind::Windowed)
                    }
                    (StreamKind::Stream | StreamKind::Keyed, n) if ALL_WINDOWS.contains(&n) => {
                        Some(StreamKind::Windowed)
                    }
                    (StreamKind::Windowed, n) if WINDOW_SETTINGS.contains(&n) => {
                        Some(StreamKind::Windowed)
                    }
                    // A keyed stream's own aggregations (`reduce`, `sum`, …, `process`) are
                    // named as the window functions and return a stream as they do.
                    (StreamKind::Windowed | StreamKind::Keyed, n)
                        if WINDOW_FUNCTIONS.contains(&n) =>
                    {
                        Some(StreamKind::Stream)
                    }
                    (StreamKind::Stream | StreamKind::Keyed, n) if STREAM_OPS.contains(&n) => {
                        Some(StreamKind::Stream)
                    }
                    // The operator's setters return the operator; `getSideOutput` a stream.
                    (StreamKind::Stream, n)
                        if OPERATOR_SETTERS.contains(&n) || n == "getSideOutput" =>
                    {
                        Some(StreamKind::Stream)
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// Whether `node` is an `ExecutionConfig`: a name declared as one, `env.getConfig()` or
    /// `getRuntimeContext().getExecutionConfig()`.
    fn is_execution_config(&self, node: Node<'_>, depth: u32) -> bool {
        self.is_typed(node, depth, EXECUTION_CONFIG, &|check, call, depth| {
            let Some(receiver) = chain::receiver(call) else {
                return false;
            };
            arguments(call).is_empty()
                && match chain::method_name(check.file, call) {
                    "getConfig" => helpers::is_stream_environment(check.file, receiver),
                    "getExecutionConfig" => check.is_runtime_context(receiver, depth + 1),
                    _ => false,
                }
        })
    }

    /// Whether `node` is a `RuntimeContext`: a name declared as one, or `getRuntimeContext()`
    /// (on `this` or no receiver) inside a class that extends a Flink class.
    fn is_runtime_context(&self, node: Node<'_>, depth: u32) -> bool {
        self.is_typed(node, depth, RUNTIME_CONTEXT, &|check, call, _| {
            chain::method_name(check.file, call) == "getRuntimeContext"
                && arguments(call).is_empty()
                && chain::receiver(call).is_none_or(|r| r.kind() == "this")
                && check.in_flink_subclass(call)
        })
    }

    /// The one walk behind the receiver proofs of a Flink class `fqn`: through parentheses, a
    /// name declared with the class (or `var`-initialised with a proven value), and a call
    /// that `returns_it` accepts.
    fn is_typed(
        &self,
        node: Node<'_>,
        depth: u32,
        fqn: &str,
        returns_it: &dyn Fn(&Self, Node<'_>, u32) -> bool,
    ) -> bool {
        if depth > MAX_DEPTH {
            return false;
        }
        let file = self.file;
        match node.kind() {
            "parenthesized_expression" => node
                .named_child(0)
                .is_some_and(|inner| self.is_typed(inner, depth + 1, fqn, returns_it)),
            "identifier" | "field_access" => {
                scope::declaration_of(file, node).is_some_and(|decl| match decl.ty {
                    Some(ty) if file.text_of(ty) == "var" => decl
                        .value
                        .is_some_and(|v| self.is_typed(v, depth + 1, fqn, returns_it)),
                    Some(ty) => helpers_names_class(file, file.text_of(ty), fqn),
                    None => false,
                })
            }
            "method_invocation" => returns_it(self, node, depth),
            _ => false,
        }
    }

    /// Whether the innermost class around `node` extends a Flink class (named class or
    /// anonymous one).
    fn in_flink_subclass(&self, node: Node<'_>) -> bool {
        enclosing_class(self.file, node).is_some_and(|class| self.extends_flink(class))
    }

    /// Whether `class` (a class declaration, or an anonymous class creation) extends or
    /// implements a class imported from Flink.
    fn extends_flink(&self, class: Node<'_>) -> bool {
        let file = self.file;
        match class.kind() {
            "class_declaration" => class
                .child_by_field_name("superclass")
                .and_then(|s| s.named_child(0))
                .is_some_and(|ty| self.is_flink_type(file.text_of(ty))),
            "object_creation_expression" => {
                scope::child_of_kind(class, "class_body").is_some()
                    && class
                        .child_by_field_name("type")
                        .is_some_and(|ty| self.is_flink_type(file.text_of(ty)))
            }
            _ => false,
        }
    }

    /// Whether the type written as `written` is a Flink class: qualified with
    /// `org.apache.flink.`, imported by name from Flink, a removed class whose package the file
    /// imports on demand ([`Self::imports_on_demand`]), or imported on demand from a Flink
    /// package with no other import on demand or class of the file that could claim the name.
    fn is_flink_type(&self, written: &str) -> bool {
        let file = self.file;
        let base = compact(written.split('<').next().unwrap_or(written));
        if base.contains('.') {
            return base.starts_with("org.apache.flink.");
        }
        let imports = file.imports();
        if let Some(single) = imports
            .iter()
            .find(|i| !i.ends_with(".*") && i.rsplit('.').next() == Some(base.as_str()))
        {
            return single.starts_with("org.apache.flink.");
        }
        if REMOVED_CLASSES.iter().any(|removed| {
            removed.fqn.rsplit('.').next() == Some(base.as_str()) && self.imports_on_demand(removed)
        }) {
            return true;
        }
        scope::class_named(file, &base).is_none()
            && imports
                .iter()
                .filter(|i| i.ends_with(".*"))
                .all(|i| i.starts_with("org.apache.flink."))
            && imports
                .iter()
                .any(|i| i.ends_with(".*") && i.starts_with("org.apache.flink."))
    }

    // ----- timeWindow -----

    fn time_window_fix(&self, call: Node<'t>, args: &[Node<'_>], cx: &Ctx<'_>) -> Option<Fix> {
        let file = self.file;
        if !self.target_has(V1_12, cx) {
            return None;
        }
        let calls = chain_to(file, call);
        let at = calls.iter().position(|c| c.id() == call.id())?;
        let event_time = self.windows.event_time(&calls, at).is_some();
        let processing = !event_time && sets_processing_time(file);
        let time = if processing { "Processing" } else { "Event" };
        let class = match args.len() {
            1 => format!("Tumbling{time}TimeWindows"),
            2 => format!("Sliding{time}TimeWindows"),
            _ => return None,
        };
        let fqn = format!("{ASSIGNERS}.{class}");
        let import = self.import_edit(&fqn)?;
        let name = call.child_by_field_name("name")?;
        let list = call.child_by_field_name("arguments")?;
        let mut edits = vec![
            Edit::replace(JavaFile::span_of(name), "window"),
            Edit::insert(list.start_byte() + 1, format!("{class}.of(")),
            Edit::insert(list.end_byte().checked_sub(1)?, ")"),
        ];
        if let Import::Add(edit) = import {
            edits.push(edit);
        }
        let args_text = args
            .iter()
            .map(|a| file.text_of(*a))
            .collect::<Vec<_>>()
            .join(", ");
        let replacement = format!("window({class}.of({args_text}))");
        Some(if event_time {
            Fix::safe(format!("replace it with `{replacement}`"), edits)
        } else if processing {
            Fix::unsafe_fix(
                format!(
                    "replace it with `{replacement}`: unsafe, the file sets processing time, but \
                     not provably for this window"
                ),
                edits,
            )
        } else {
            Fix::unsafe_fix(
                format!(
                    "replace it with `{replacement}`: unsafe, `timeWindow` follows the \
                     environment's time characteristic (event time by default), which the file \
                     does not prove"
                ),
                edits,
            )
        })
    }

    /// How `fqn` gets imported, or `None` when its simple name means something else here.
    fn import_edit(&self, fqn: &str) -> Option<Import> {
        match ClassName::of(self.file, fqn) {
            ClassName::ImportedByName(_) | ClassName::ImportedOnDemand => Some(Import::Present),
            ClassName::Free => {
                let site = self.imports.get_or_init(|| ImportSite::of(self.file));
                site.edit([fqn]).map(Import::Add)
            }
            ClassName::Taken => None,
        }
    }

    // ----- open(Configuration) -----

    fn open(&self, declaration: Node<'t>, cx: &mut Ctx<'_>) {
        let file = self.file;
        if declaration
            .child_by_field_name("name")
            .is_none_or(|n| file.text_of(n) != "open")
        {
            return;
        }
        let Some(parameters) = declaration.child_by_field_name("parameters") else {
            return;
        };
        let params: Vec<Node<'_>> = {
            let mut cursor = parameters.walk();
            parameters
                .named_children(&mut cursor)
                .filter(|p| p.kind() != "line_comment" && p.kind() != "block_comment")
                .collect()
        };
        let [param] = params[..] else {
            return;
        };
        if param.kind() != "formal_parameter" {
            return;
        }
        let (Some(ty), Some(param_name)) = (
            param.child_by_field_name("type"),
            param.child_by_field_name("name"),
        ) else {
            return;
        };
        if !helpers_names_class(file, file.text_of(ty), CONFIGURATION) {
            return;
        }
        let Some(class) = enclosing_class(file, declaration) else {
            return;
        };
        if !self.extends_flink(class) {
            return;
        }
        let Some(severity) = self.severity(V1_19, cx) else {
            return;
        };
        let message = format!(
            "`open(Configuration)` is {}: override `open(OpenContext)` instead",
            self.status(V1_19, cx)
        );
        let fix = self.open_fix(declaration, class, ty, param_name, cx);
        let mut reported = cx.report(severity, JavaFile::span_of(param), message);
        reported.help(
            "override `open(OpenContext openContext)`; read job parameters with \
             `getRuntimeContext().getGlobalJobParameters()`",
        );
        if let Some(fix) = fix {
            reported.fix(fix);
        }
    }

    fn open_fix(
        &self,
        declaration: Node<'t>,
        class: Node<'t>,
        ty: Node<'t>,
        param_name: Node<'t>,
        cx: &Ctx<'_>,
    ) -> Option<Fix> {
        let file = self.file;
        if !self.target_has(V1_19, cx) {
            return None;
        }
        let body = declaration.child_by_field_name("body")?;
        let name = file.text_of(param_name);
        // Uses of the parameter, and whether the only one is `super.open(name)`.
        let uses: Vec<Node<'_>> = file
            .identifiers_named(name)
            .filter(|n| n.start_byte() >= body.start_byte() && n.end_byte() <= body.end_byte())
            .collect();
        let mut edits = Vec::new();
        match uses[..] {
            [] => {}
            [only] => {
                let call = only
                    .parent()
                    .and_then(|list| list.parent())
                    .filter(|call| call.kind() == "method_invocation")?;
                let is_super_open = chain::method_name(file, call) == "open"
                    && chain::receiver(call).is_some_and(|r| r.kind() == "super")
                    && arguments(call).len() == 1
                    && arguments(call).first().map(Node::id) == Some(only.id());
                if !is_super_open {
                    return None;
                }
                edits.push(Edit::replace(JavaFile::span_of(only), "openContext"));
            }
            _ => return None,
        }
        // `openContext` must be free in the body, and the class must not already have
        // `open(OpenContext)`.
        if file
            .identifiers_named("openContext")
            .any(|n| n.start_byte() >= body.start_byte() && n.end_byte() <= body.end_byte())
        {
            return None;
        }
        let class_body = match class.kind() {
            "class_declaration" => class.child_by_field_name("body")?,
            _ => scope::child_of_kind(class, "class_body")?,
        };
        let mut cursor = class_body.walk();
        let opens = class_body
            .named_children(&mut cursor)
            .filter(|m| {
                m.kind() == "method_declaration"
                    && m.child_by_field_name("name")
                        .is_some_and(|n| file.text_of(n) == "open")
            })
            .count();
        if opens != 1 {
            return None;
        }
        let import = self.import_edit(OPEN_CONTEXT)?;
        edits.push(Edit::replace(JavaFile::span_of(ty), "OpenContext"));
        edits.push(Edit::replace(JavaFile::span_of(param_name), "openContext"));
        match (import, self.configuration_import(ty)) {
            // The new import takes the place of the one no longer used (an insertion at the
            // end of a deleted line would overlap the deletion).
            (Import::Add(_), Some(old)) => edits.push(Edit::replace(
                JavaFile::span_of(old),
                format!("import {OPEN_CONTEXT};"),
            )),
            (Import::Present, Some(old)) => {
                edits.push(Edit::delete(line_removal(file.text(), old)));
            }
            (Import::Add(edit), None) => edits.push(edit),
            (Import::Present, None) => {}
        }
        let extendable = class.kind() == "class_declaration" && !has_modifier(file, class, "final");
        Some(if extendable {
            Fix::unsafe_fix(
                "override `open(OpenContext openContext)` instead: unsafe, a subclass elsewhere \
                 that overrides `open(Configuration)` would no longer be called",
                edits,
            )
        } else {
            Fix::safe("override `open(OpenContext openContext)` instead", edits)
        })
    }

    /// The import of `Configuration`, when `ty` is its only use in the file.
    fn configuration_import(&self, ty: Node<'_>) -> Option<Node<'t>> {
        let file = self.file;
        let root = file.root();
        let mut cursor = root.walk();
        let headers: Vec<Node<'_>> = root
            .named_children(&mut cursor)
            .filter(|n| matches!(n.kind(), "import_declaration" | "package_declaration"))
            .collect();
        let in_header = |n: Node<'_>| {
            headers
                .iter()
                .any(|h| h.start_byte() <= n.start_byte() && n.end_byte() <= h.end_byte())
        };
        let other_use = file
            .nodes_of_kind("type_identifier")
            .any(|n| file.text_of(n) == "Configuration" && n.id() != ty.id())
            || file
                .identifiers_named("Configuration")
                .any(|n| !in_header(n));
        if other_use {
            return None;
        }
        headers.into_iter().find(|n| {
            n.kind() == "import_declaration"
                && compact(file.text_of(*n)) == format!("import{CONFIGURATION};")
        })
    }
}

/// Kinds of stream the receiver proof tells apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum StreamKind {
    Stream,
    Keyed,
    Windowed,
}

const STREAM_TYPES: &[(&str, StreamKind)] = &[
    ("DataStream", StreamKind::Stream),
    ("SingleOutputStreamOperator", StreamKind::Stream),
    ("DataStreamSource", StreamKind::Stream),
    ("KeyedStream", StreamKind::Keyed),
    ("WindowedStream", StreamKind::Windowed),
    ("AllWindowedStream", StreamKind::Windowed),
];

/// Environment methods that create a stream.
const STREAM_SOURCES: &[&str] = &[
    "addSource",
    "fromSource",
    "fromElements",
    "fromCollection",
    "fromParallelCollection",
    "fromSequence",
    "fromData",
    "generateSequence",
    "socketTextStream",
    "readTextFile",
    "readFile",
    "createInput",
];

/// Table environment methods that return a `DataStream`.
const TABLE_TO_STREAM: &[&str] = &[
    "toDataStream",
    "toChangelogStream",
    "toAppendStream",
    "toRetractStream",
];

const KEYED_WINDOWS: &[&str] = &["window", "timeWindow", "countWindow"];
const ALL_WINDOWS: &[&str] = &["windowAll", "timeWindowAll", "countWindowAll"];
/// `DataStream` methods that return a `DataStream` (`SingleOutputStreamOperator`).
const STREAM_OPS: &[&str] = &[
    "map",
    "flatMap",
    "filter",
    "process",
    "union",
    "rebalance",
    "rescale",
    "shuffle",
    "forward",
    "global",
    "partitionCustom",
    "assignTimestampsAndWatermarks",
    "project",
];

/// The removed class an import names: the class itself, a nested class or a static member.
fn removed_class(name: &str) -> Option<&'static RemovedClass> {
    // The most specific entry first: `CheckpointConfig.ExternalizedCheckpointCleanup` is
    // removed, `CheckpointConfig` is not.
    REMOVED_CLASSES.iter().find(|c| {
        name == c.fqn
            || name
                .strip_prefix(c.fqn)
                .is_some_and(|rest| rest.starts_with('.'))
    })
}

/// Whether the type written as `written` is `fqn`, by its qualified name or an import.
fn helpers_names_class(file: &JavaFile<'_>, written: &str, fqn: &str) -> bool {
    if scope::names_class(file, written, fqn) {
        let simple = scope::simple_type_name(written);
        // A class of this file with the simple name wins over an import on demand.
        return written.contains('.')
            || file.imports().iter().any(|i| i == fqn)
            || scope::class_named(file, simple).is_none();
    }
    false
}

/// The innermost class around `node`: a class declaration or an anonymous class (a `new`
/// with a body); enums, records and interfaces end the search.
fn enclosing_class<'t>(file: &'t JavaFile<'_>, node: Node<'t>) -> Option<Node<'t>> {
    ancestors(file.root(), node)
        .into_iter()
        .rev()
        .find(|n| match n.kind() {
            "object_creation_expression" => scope::child_of_kind(*n, "class_body").is_some(),
            kind => scope::CLASS_KINDS.contains(&kind),
        })
        .filter(|n| matches!(n.kind(), "class_declaration" | "object_creation_expression"))
}

/// The types a class or interface declaration names after `extends` and `implements`.
fn supertypes(declaration: Node<'_>) -> Vec<Node<'_>> {
    let mut out = Vec::new();
    let mut cursor = declaration.walk();
    for child in declaration.named_children(&mut cursor) {
        match child.kind() {
            "superclass" => out.extend(child.named_child(0)),
            "super_interfaces" | "extends_interfaces" => {
                if let Some(list) = child.named_child(0) {
                    let mut inner = list.walk();
                    out.extend(list.named_children(&mut inner));
                }
            }
            _ => {}
        }
    }
    out
}

/// Whether some `setStreamTimeCharacteristic` in the file sets processing time.
fn sets_processing_time(file: &JavaFile<'_>) -> bool {
    file.nodes_of_kind("method_invocation").any(|call| {
        chain::method_name(file, call) == "setStreamTimeCharacteristic"
            && arguments(call)
                .first()
                .is_some_and(|a| file.text_of(*a).ends_with("ProcessingTime"))
    })
}

/// `env.addSource(..)`, `getRuntimeContext().getIndexOfThisSubtask()`: the call as messages
/// show it, with a short receiver.
fn shown_call(file: &JavaFile<'_>, call: Node<'_>, name: &str, args: usize) -> String {
    // A name or a call without arguments (`env`, `getRuntimeContext()`) is shown; a longer
    // receiver is left out.
    let receiver = match chain::receiver(call) {
        Some(r) if r.kind() == "identifier" => format!("{}.", file.text_of(r)),
        Some(r)
            if r.kind() == "method_invocation"
                && chain::receiver(r).is_none()
                && arguments(r).is_empty() =>
        {
            format!("{}.", compact(file.text_of(r)))
        }
        _ => ".".to_owned(),
    };
    let args = if args == 0 { "" } else { ".." };
    format!("{receiver}{name}({args})")
}

fn has_modifier(file: &JavaFile<'_>, class: Node<'_>, modifier: &str) -> bool {
    scope::child_of_kind(class, "modifiers").is_some_and(|m| {
        let mut cursor = m.walk();
        m.children(&mut cursor).any(|c| file.text_of(c) == modifier)
    })
}

/// The text without whitespace (`org.apache . flink` is one name to Java).
fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[cfg(test)]
mod tests {
    use bdl_core::{Applicability, Diagnostic, Targets};
    use bdl_syntax::fix::fixed_point;

    use super::*;

    const RULE: Flink2RemovedApi = Flink2RemovedApi;
    const PATH: &str = "src/main/java/com/example/Job.java";

    fn targets(version: Option<(u16, u16)>) -> Targets {
        match version {
            Some((major, minor)) => Targets::NONE.with(Product::Flink, Version::new(major, minor)),
            None => Targets::NONE,
        }
    }

    fn found(text: &str, version: Option<(u16, u16)>) -> Vec<Diagnostic> {
        bdl_syntax::check_one_with_targets(&RULE, PATH, text, &targets(version))
    }

    /// (severity, flagged text, fix applicability) per finding.
    fn summary(
        text: &str,
        version: Option<(u16, u16)>,
    ) -> Vec<(Severity, String, Option<Applicability>)> {
        found(text, version)
            .into_iter()
            .map(|d| {
                (
                    d.severity,
                    d.span.slice(text).to_owned(),
                    d.fix.map(|f| f.applicability),
                )
            })
            .collect()
    }

    /// The text after the fix loop, checked to be a fixed point that parses as well as before.
    fn fixed(text: &str, version: Option<(u16, u16)>, unsafe_fixes: bool) -> String {
        fixed_point(&RULE, PATH, text, &targets(version), unsafe_fixes)
            .unwrap_or_else(|e| panic!("{e}"))
            .0
    }

    const ENV: &str =
        "import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;";

    fn job(imports: &str, body: &str) -> String {
        format!(
            "package com.example;\n\n{imports}\n\npublic class Job {{\n    static void run() throws Exception {{\n        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();\n{body}\n    }}\n}}\n"
        )
    }

    fn function(imports: &str, class: &str) -> String {
        format!(
            "package com.example;\n\nimport org.apache.flink.api.common.functions.RichMapFunction;\n{imports}\n\n{class}\n"
        )
    }

    #[test]
    fn severity_follows_the_target_and_the_deprecation_release() {
        let src = job(
            &format!(
                "{ENV}\nimport org.apache.flink.streaming.api.functions.source.SourceFunction;"
            ),
            "        env.setStreamTimeCharacteristic(null);\n        env.setRestartStrategy(null);",
        );
        let severities = |v| {
            summary(&src, v)
                .into_iter()
                .map(|(s, text, _)| (s, text))
                .collect::<Vec<_>>()
        };
        let import = "import org.apache.flink.streaming.api.functions.source.SourceFunction;";
        let characteristic = "setStreamTimeCharacteristic(null)";
        let restart = "setRestartStrategy(null)";
        // 1.17: only what 1.12 deprecated.
        assert_eq!(
            severities(Some((1, 17))),
            [(Severity::Info, characteristic.to_owned())]
        );
        // 1.19: and what 1.19 deprecated; `SourceFunction` counts from 1.20.
        assert_eq!(
            severities(Some((1, 19))),
            [
                (Severity::Info, characteristic.to_owned()),
                (Severity::Info, restart.to_owned())
            ]
        );
        let all = |s: Severity| {
            vec![
                (s, import.to_owned()),
                (s, characteristic.to_owned()),
                (s, restart.to_owned()),
            ]
        };
        assert_eq!(severities(Some((1, 20))), all(Severity::Info));
        assert_eq!(severities(None), all(Severity::Info));
        assert_eq!(severities(Some((2, 0))), all(Severity::Error));
        let messages: Vec<_> = found(&src, Some((2, 0)))
            .into_iter()
            .map(|d| d.message)
            .collect();
        assert_eq!(
            messages[2],
            "`env.setRestartStrategy(..)` is removed in Flink 2.0 (the target is 2.0): set \
             `restart-strategy.type` and the `restart-strategy.*` options on the `Configuration` \
             the environment is created with"
        );
        assert!(
            found(&src, None)[0]
                .message
                .contains("deprecated since Flink 1.20 and removed in 2.0"),
        );
    }

    #[test]
    fn receivers_must_be_proven() {
        let src = job(
            &format!("{ENV}\nimport org.apache.flink.streaming.api.datastream.DataStream;"),
            "        DataStream<String> s = env.fromElements(\"a\");\n\
             \x20       s.writeAsText(x);\n\
             \x20       env.fromSequence(1, 2).map(f).keyBy(k).writeAsText(x);\n\
             \x20       env.fromSequence(1, 2).keyBy(k).window(w).sum(0).writeAsText(x);\n\
             \x20       unknown.writeAsText(x);\n\
             \x20       helper().writeAsText(x);\n\
             \x20       tracker.getIndexOfThisSubtask();\n\
             \x20       env.getConfig().registerKryoType(A.class);\n\
             \x20       other.getConfig().registerKryoType(A.class);\n\
             \x20       env.enableCheckpointing();\n\
             \x20       env.enableCheckpointing(1000);\n\
             \x20       env.getCheckpointConfig().enableExternalizedCheckpoints(c);",
        );
        let texts: Vec<_> = summary(&src, Some((2, 0)))
            .into_iter()
            .map(|(_, t, _)| t)
            .collect();
        assert_eq!(
            texts,
            [
                "writeAsText(x)",
                "writeAsText(x)",
                "writeAsText(x)",
                "registerKryoType(A.class)",
                "enableCheckpointing()",
                "enableExternalizedCheckpoints(c)"
            ]
        );
    }

    #[test]
    fn configuration_accessors_keep_the_string_forms() {
        let src = job(
            &format!("{ENV}\nimport org.apache.flink.configuration.*;"),
            "        Configuration conf = new Configuration();\n\
             \x20       conf.setString(\"a\", \"b\");\n\
             \x20       conf.getString(\"a\", \"b\");\n\
             \x20       conf.setString(SOME_KEY, \"b\");\n\
             \x20       conf.setString(PipelineOptions.NAME, \"b\");\n\
             \x20       ConfigOption<String> option = null;\n\
             \x20       conf.getString(option);\n\
             \x20       conf.getLong(\"a\", 1L);\n\
             \x20       org.apache.hadoop.conf.Configuration h = null;\n\
             \x20       h.getInt(\"a\", 1);",
        );
        let texts: Vec<_> = summary(&src, Some((2, 0)))
            .into_iter()
            .map(|(_, t, _)| t)
            .collect();
        assert_eq!(
            texts,
            [
                "setString(PipelineOptions.NAME, \"b\")",
                "getString(option)",
                "getLong(\"a\", 1L)"
            ]
        );
        // A Hadoop `Configuration` is not Flink's.
        let src = "import org.apache.flink.api.common.functions.MapFunction;\nimport org.apache.hadoop.conf.Configuration;\nclass A { void f(Configuration c) { c.getInteger(\"a\", 1); c.setLong(\"b\", 2L); } }\n";
        assert!(found(src, Some((2, 0))).is_empty());
    }

    #[test]
    fn runtime_context_methods_move_to_task_info() {
        let src = function(
            "",
            "class F extends RichMapFunction<Long, String> {\n    public String map(Long v) {\n        return getRuntimeContext().getIndexOfThisSubtask() + \"/\" + this.getRuntimeContext().getNumberOfParallelSubtasks() + getRuntimeContext().getJobId() + getRuntimeContext().getAttemptNumber();\n    }\n}",
        );
        let want = src
            .replace(
                ".getIndexOfThisSubtask",
                ".getTaskInfo().getIndexOfThisSubtask",
            )
            .replace(".getNumberOf", ".getTaskInfo().getNumberOf")
            .replace(".getAttemptNumber", ".getTaskInfo().getAttemptNumber")
            .replace(".getJobId", ".getJobInfo().getJobId");
        assert_eq!(fixed(&src, Some((1, 19)), false), want);
        assert_eq!(fixed(&src, Some((2, 0)), false), want);
        // No fix without a version that has `getTaskInfo()`; silent before 1.19.
        assert!(
            found(&src, None)
                .iter()
                .all(|d| d.fix.is_none() && d.severity == Severity::Info)
        );
        assert_eq!(found(&src, None).len(), 4);
        assert!(found(&src, Some((1, 18))).is_empty());
        // `getRuntimeContext()` of a class that is not a Flink function: unknown receiver.
        let src = "import org.apache.flink.api.common.functions.MapFunction;\nclass F extends Base { int f() { return getRuntimeContext().getIndexOfThisSubtask(); } }\n";
        assert!(found(src, Some((2, 0))).is_empty());
    }

    #[test]
    fn open_with_an_unused_parameter_becomes_open_context() {
        let src = function(
            "import org.apache.flink.configuration.Configuration;",
            "final class F extends RichMapFunction<Long, Long> {\n    @Override\n    public void open(Configuration parameters) throws Exception {\n        super.open(parameters);\n        ready = true;\n    }\n    public Long map(Long v) { return v; }\n}",
        );
        let want = function(
            "import org.apache.flink.api.common.functions.OpenContext;",
            "final class F extends RichMapFunction<Long, Long> {\n    @Override\n    public void open(OpenContext openContext) throws Exception {\n        super.open(openContext);\n        ready = true;\n    }\n    public Long map(Long v) { return v; }\n}",
        );
        assert_eq!(
            summary(&src, Some((1, 20))),
            [(
                Severity::Info,
                "Configuration parameters".to_owned(),
                Some(Applicability::Safe)
            )]
        );
        assert_eq!(fixed(&src, Some((1, 20)), false), want);
        // A class that may be extended: unsafe; the `Configuration` import stays while used.
        let src = function(
            "import org.apache.flink.configuration.Configuration;",
            "class F extends RichMapFunction<Long, Long> {\n    Configuration kept;\n    public void open(Configuration parameters) {}\n    public Long map(Long v) { return v; }\n}",
        );
        assert_eq!(fixed(&src, Some((1, 20)), false), src);
        let fixed_text = fixed(&src, Some((1, 20)), true);
        assert!(fixed_text.contains("public void open(OpenContext openContext) {}"));
        assert!(fixed_text.contains("import org.apache.flink.configuration.Configuration;"));
        // Used otherwise: a finding without a fix. An anonymous function: safe.
        let src = function(
            "import org.apache.flink.configuration.Configuration;",
            "class F extends RichMapFunction<Long, Long> {\n    public void open(Configuration parameters) { size = parameters.getString(\"k\", \"v\"); }\n    public Long map(Long v) { return v; }\n}",
        );
        assert_eq!(
            summary(&src, Some((2, 0))),
            [(Severity::Error, "Configuration parameters".to_owned(), None)]
        );
        let src = "import org.apache.flink.api.common.functions.RichMapFunction;\nimport org.apache.flink.configuration.Configuration;\nclass J { Object f = new RichMapFunction<Long, Long>() {\n    public void open(Configuration c) {}\n    public Long map(Long v) { return v; }\n}; }\n";
        assert_eq!(summary(src, Some((1, 19)))[0].2, Some(Applicability::Safe));
        // Not a Flink function, or a target without `OpenContext`.
        let src = "import org.apache.flink.configuration.Configuration;\nclass P extends com.example.Plugin { public void open(Configuration c) {} }\n";
        assert!(found(src, Some((2, 0))).is_empty());
        let src = function(
            "import org.apache.flink.configuration.Configuration;",
            "final class F extends RichMapFunction<Long, Long> { public void open(Configuration c) {} public Long map(Long v) { return v; } }",
        );
        assert!(found(&src, Some((1, 18))).is_empty());
        assert!(found(&src, None).iter().all(|d| d.fix.is_none()));
    }

    #[test]
    fn time_window_becomes_a_window_assigner() {
        let imports = format!(
            "{ENV}\nimport org.apache.flink.api.common.eventtime.WatermarkStrategy;\nimport java.time.Duration;"
        );
        let src = job(
            &imports,
            "        env.fromSequence(1, 9).assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps())\n                .keyBy(n -> n).timeWindow(size).sum(0).print();\n        env.fromSequence(1, 9).assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps())\n                .keyBy(n -> n).timeWindow(size, slide).sum(0).print();",
        );
        let want = job(
            &format!(
                "{imports}\nimport org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;\nimport org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;"
            ),
            "        env.fromSequence(1, 9).assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps())\n                .keyBy(n -> n).window(TumblingEventTimeWindows.of(size)).sum(0).print();\n        env.fromSequence(1, 9).assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps())\n                .keyBy(n -> n).window(SlidingEventTimeWindows.of(size, slide)).sum(0).print();",
        );
        assert_eq!(fixed(&src, Some((1, 20)), false), want);
        // Nothing proves event time: unsafe, with the default (event time) assigners.
        let src = job(
            ENV,
            "        env.fromSequence(1, 9).keyBy(n -> n).timeWindow(size).sum(0).print();",
        );
        assert_eq!(fixed(&src, Some((1, 20)), false), src);
        assert!(
            fixed(&src, Some((1, 20)), true).contains(".window(TumblingEventTimeWindows.of(size))")
        );
        // The file sets processing time: the processing-time assigners, still unsafe.
        let src = job(
            &format!("{ENV}\nimport org.apache.flink.streaming.api.TimeCharacteristic;"),
            "        env.setStreamTimeCharacteristic(TimeCharacteristic.ProcessingTime);\n        env.fromSequence(1, 9).keyBy(n -> n).timeWindow(size).sum(0).print();",
        );
        let out = fixed(&src, Some((1, 20)), true);
        assert!(
            out.contains(".window(TumblingProcessingTimeWindows.of(size))"),
            "{out}"
        );
        assert!(out.contains("import org.apache.flink.streaming.api.windowing.assigners.TumblingProcessingTimeWindows;"));
        // A `timeWindow` of another class, or on a stream that is not keyed.
        let src = job(
            &format!("{ENV}\nimport com.example.Windowing;"),
            "        new Windowing().timeWindow(5);\n        Windowing w = new Windowing();\n        w.timeWindow(5);\n        env.fromSequence(1, 9).timeWindow(size);",
        );
        assert!(found(&src, Some((2, 0))).is_empty());
    }

    /// (severity, flagged text, message) per finding.
    fn messages(text: &str, version: Option<(u16, u16)>) -> Vec<(Severity, String, String)> {
        found(text, version)
            .into_iter()
            .map(|d| (d.severity, d.span.slice(text).to_owned(), d.message))
            .collect()
    }

    const STREAMS: &str = "import org.apache.flink.streaming.api.datastream.DataStream;";

    #[test]
    fn iterate_is_reported_on_a_proven_stream() {
        let src = job(
            &format!("{ENV}\n{STREAMS}\nimport com.example.Loops;"),
            "        DataStream<Long> s = env.fromSequence(1, 9);\n\
             \x20       s.iterate().closeWith(s);\n\
             \x20       env.fromSequence(1, 9).map(f).iterate(5000L);\n\
             \x20       new Loops().iterate();\n\
             \x20       Loops loops = new Loops();\n\
             \x20       loops.iterate(5000L);\n\
             \x20       unknown.iterate();\n\
             \x20       s.iterate(1, 2);",
        );
        let status = "is removed in Flink 2.0 (the target is 2.0): DataStream iterations have no \
                      replacement in Flink 2.x: compute the loop inside an operator, or use an \
                      iteration library such as Flink ML's";
        assert_eq!(
            messages(&src, Some((2, 0))),
            [
                (
                    Severity::Error,
                    "iterate()".to_owned(),
                    format!("`s.iterate()` {status}")
                ),
                (
                    Severity::Error,
                    "iterate(5000L)".to_owned(),
                    format!("`.iterate(..)` {status}")
                ),
            ]
        );
        // Deprecated in 1.19 (FLIP-357): silent before, `info` from then on.
        assert!(found(&src, Some((1, 18))).is_empty());
        let on_1_19 = messages(&src, Some((1, 19)));
        assert_eq!(on_1_19.len(), 2);
        assert_eq!(on_1_19[0].0, Severity::Info);
        assert!(on_1_19[0].2.starts_with(
            "`s.iterate()` is deprecated since Flink 1.19 (the target is 1.19) and removed in 2.0: "
        ));
    }

    #[test]
    fn key_by_field_positions_and_expressions() {
        let src = format!(
            "package com.example;\n\n{ENV}\n{STREAMS}\nimport org.apache.flink.api.common.functions.Partitioner;\nimport org.apache.flink.api.java.functions.KeySelector;\nimport org.apache.flink.streaming.api.datastream.ConnectedStreams;\nimport org.apache.flink.api.java.utils.ParameterTool;\nimport com.example.Grouping;\n\n\
             public class Job {{\n\
             \x20   static final int KEY = 1;\n\
             \x20   static final String NAME = \"na\" + \"me\";\n\
             \x20   static void run(Partitioner<String> p, KeySelector<Word, String> selector, int[] fields, ParameterTool params) throws Exception {{\n\
             \x20       StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();\n\
             \x20       DataStream<Word> s = env.fromSequence(1, 9).map(Word::new);\n\
             \x20       s.keyBy(0).sum(1);\n\
             \x20       s.keyBy(0, 1);\n\
             \x20       s.keyBy(\"word\").sum(\"count\");\n\
             \x20       s.keyBy(KEY);\n\
             \x20       s.keyBy(NAME);\n\
             \x20       s.partitionCustom(p, 0);\n\
             \x20       s.partitionCustom(p, \"word\");\n\
             \x20       s.keyBy(w -> w.word).sum(\"count\");\n\
             \x20       s.keyBy(selector);\n\
             \x20       s.keyBy(fields[0]);\n\
             \x20       s.keyBy(params.getInt(\"key\", 0));\n\
             \x20       s.keyBy(0, \"word\");\n\
             \x20       s.partitionCustom(p, w -> w.word);\n\
             \x20       new Grouping().keyBy(0);\n\
             \x20       Grouping grouping = new Grouping();\n\
             \x20       grouping.keyBy(\"word\");\n\
             \x20       unknown.keyBy(0);\n\
             \x20       ConnectedStreams<Word, Word> both = s.connect(s);\n\
             \x20       both.keyBy(0, 0);\n\
             \x20   }}\n\
             }}\n"
        );
        let key_by = "is removed in Flink 2.0 (the target is 2.0): key with a `KeySelector` that \
                      returns the key, such as `keyBy(t -> t.f0)` for a tuple field or \
                      `keyBy(e -> e.getName())` for a POJO field";
        let partition = "is removed in Flink 2.0 (the target is 2.0): pass a `KeySelector` that \
                         returns the key: `partitionCustom(partitioner, t -> t.f0)`";
        let want = |text: &str, message: String| (Severity::Error, text.to_owned(), message);
        assert_eq!(
            messages(&src, Some((2, 0))),
            [
                want(
                    "keyBy(0)",
                    format!("`s.keyBy(..)` with the field position `0` {key_by}")
                ),
                want(
                    "keyBy(0, 1)",
                    format!("`s.keyBy(..)` with the field positions `0, 1` {key_by}")
                ),
                want(
                    "keyBy(\"word\")",
                    format!("`s.keyBy(..)` with the field expression `\"word\"` {key_by}")
                ),
                want(
                    "keyBy(KEY)",
                    format!("`s.keyBy(..)` with the field position `1` {key_by}")
                ),
                want(
                    "keyBy(NAME)",
                    format!("`s.keyBy(..)` with the field expression `\"name\"` {key_by}")
                ),
                want(
                    "partitionCustom(p, 0)",
                    format!("`s.partitionCustom(..)` with the field position `0` {partition}")
                ),
                want(
                    "partitionCustom(p, \"word\")",
                    format!(
                        "`s.partitionCustom(..)` with the field expression `\"word\"` {partition}"
                    )
                ),
            ]
        );
        // Deprecated in 1.11 (FLINK-17074).
        assert!(found(&src, Some((1, 10))).is_empty());
        assert!(
            found(&src, Some((1, 11)))
                .iter()
                .all(|d| d.severity == Severity::Info)
        );
        assert_eq!(found(&src, Some((1, 11))).len(), 7);
    }

    #[test]
    fn sink_to_a_proven_sink_v1() {
        let src = format!(
            "package com.example;\n\n{ENV}\n{STREAMS}\nimport org.apache.flink.api.connector.sink.Sink;\nimport com.example.kafka.KafkaSinks;\n\n\
             public class Job {{\n\
             \x20   static class V1Sink implements Sink<String, Void, Void, Void> {{}}\n\
             \x20   static class Audited extends V1Sink {{}}\n\
             \x20   static void run(Object other) throws Exception {{\n\
             \x20       StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();\n\
             \x20       DataStream<String> s = env.fromSequence(1, 9).map(String::valueOf);\n\
             \x20       s.sinkTo(new V1Sink());\n\
             \x20       s.sinkTo(new Audited());\n\
             \x20       V1Sink declared = new V1Sink();\n\
             \x20       s.sinkTo(declared);\n\
             \x20       var inferred = new Audited();\n\
             \x20       s.sinkTo(inferred);\n\
             \x20       s.map(String::trim).sinkTo((Sink<String, ?, ?, ?>) other);\n\
             \x20       s.sinkTo(KafkaSinks.create());\n\
             \x20       s.sinkTo(other);\n\
             \x20       unknown.sinkTo(new V1Sink());\n\
             \x20   }}\n\
             }}\n"
        );
        let instead = "is removed in Flink 2.0 (the target is 2.0): implement a Sink V2 \
                       (`org.apache.flink.api.connector.sink2.Sink`) and write with `sinkTo(..)`";
        let found_now = messages(&src, Some((2, 0)));
        let texts: Vec<&str> = found_now.iter().map(|(_, t, _)| t.as_str()).collect();
        assert_eq!(
            texts,
            [
                "import org.apache.flink.api.connector.sink.Sink;",
                "sinkTo(new V1Sink())",
                "sinkTo(new Audited())",
                "sinkTo(declared)",
                "sinkTo(inferred)",
                "sinkTo((Sink<String, ?, ?, ?>) other)",
            ]
        );
        assert_eq!(
            found_now[1].2,
            format!("`s.sinkTo(..)` with the Sink V1 `V1Sink` {instead}")
        );
        assert_eq!(
            found_now[2].2,
            format!("`s.sinkTo(..)` with the Sink V1 `Audited` {instead}")
        );
        assert_eq!(
            found_now[5].2,
            format!("`.sinkTo(..)` with a Sink V1 (`Sink`) {instead}")
        );
        // One finding per place: the interface where it is imported, each call where it is made.
        let starts: std::collections::BTreeSet<usize> = found(&src, Some((2, 0)))
            .iter()
            .map(|d| d.span.start)
            .collect();
        assert_eq!(starts.len(), found_now.len());
        assert_eq!(found(&src, Some((1, 20))).len(), 6);
        assert!(found(&src, Some((1, 19))).is_empty());

        // A Sink V2 of the same simple name is the kept form.
        let v2 = format!(
            "package com.example;\n\n{ENV}\n{STREAMS}\nimport org.apache.flink.api.connector.sink2.Sink;\n\n\
             public class Job {{\n\
             \x20   static class V2Sink implements Sink<String> {{}}\n\
             \x20   static void run() throws Exception {{\n\
             \x20       StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();\n\
             \x20       DataStream<String> s = env.fromSequence(1, 9).map(String::valueOf);\n\
             \x20       s.sinkTo(new V2Sink());\n\
             \x20       s.sinkTo((Sink<String>) null);\n\
             \x20   }}\n\
             }}\n"
        );
        assert!(found(&v2, Some((2, 0))).is_empty());

        // Hierarchies of the file are walked once per class: a cycle of many interfaces, each
        // naming all the others, ends at once (and proves nothing).
        let names: Vec<String> = (0..40).map(|i| format!("I{i}")).collect();
        let mut interfaces = String::new();
        for name in &names {
            let others: Vec<&str> = names
                .iter()
                .filter(|n| *n != name)
                .map(String::as_str)
                .collect();
            interfaces.push_str("    interface ");
            interfaces.push_str(name);
            interfaces.push_str(" extends ");
            interfaces.push_str(&others.join(", "));
            interfaces.push_str(" {}\n");
        }
        let cyclic = format!(
            "package com.example;\n\n{ENV}\n{STREAMS}\nimport org.apache.flink.api.connector.sink.Sink;\n\n\
             public class Job {{\n{interfaces}\
             \x20   static class Looping implements I0 {{}}\n\
             \x20   static void run(DataStream<String> s) {{ s.sinkTo(new Looping()); }}\n\
             }}\n"
        );
        let started = std::time::Instant::now();
        assert_eq!(found(&cyclic, Some((2, 0))).len(), 1, "only the import");
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }

    #[test]
    fn register_function_with_a_proven_legacy_function() {
        let src = format!(
            "package com.example;\n\n{ENV}\nimport org.apache.flink.table.api.TableEnvironment;\nimport org.apache.flink.table.api.bridge.java.StreamTableEnvironment;\nimport org.apache.flink.table.functions.*;\nimport com.example.udf.External;\n\n\
             public class Job {{\n\
             \x20   public static class Split extends TableFunction<String> {{}}\n\
             \x20   public static class Avg extends AggregateFunction<Long, long[]> {{}}\n\
             \x20   public static class Top2 extends TableAggregateFunction<Long, long[]> {{}}\n\
             \x20   public static class Hash extends ScalarFunction {{}}\n\
             \x20   public static class StreamAgg implements org.apache.flink.api.common.functions.AggregateFunction<Long, Long, Long> {{}}\n\
             \x20   static void run(TableEnvironment plain, Object other) throws Exception {{\n\
             \x20       StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();\n\
             \x20       StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);\n\
             \x20       tEnv.registerFunction(\"split\", new Split());\n\
             \x20       tEnv.registerFunction(\"avg\", new Avg());\n\
             \x20       tEnv.registerFunction(\"top2\", new Top2());\n\
             \x20       tEnv.registerFunction(\"words\", new TableFunction<String>() {{ public void eval(String s) {{}} }});\n\
             \x20       tEnv.registerFunction(\"hash\", new Hash());\n\
             \x20       tEnv.registerFunction(\"external\", new External());\n\
             \x20       tEnv.registerFunction(\"stream\", new StreamAgg());\n\
             \x20       tEnv.createTemporarySystemFunction(\"split\", new Split());\n\
             \x20       plain.registerFunction(\"split\", new Split());\n\
             \x20       other.registerFunction(\"split\", new Split());\n\
             \x20   }}\n\
             }}\n"
        );
        let instead = "is removed in Flink 2.0 (the target is 2.0): register it with \
                       `createTemporarySystemFunction(name, function)`; the function may need type \
                       hints (`@FunctionHint`, `@DataTypeHint`) for the new type inference";
        let with = |what: &str| format!("`tEnv.registerFunction(..)` with {what} {instead}");
        let found_now: Vec<(Severity, String)> = messages(&src, Some((2, 0)))
            .into_iter()
            .map(|(s, _, m)| (s, m))
            .collect();
        assert_eq!(
            found_now,
            [
                (Severity::Error, with("the `TableFunction` `Split`")),
                (Severity::Error, with("the `AggregateFunction` `Avg`")),
                (Severity::Error, with("the `TableAggregateFunction` `Top2`")),
                (Severity::Error, with("a `TableFunction`")),
            ]
        );
        assert_eq!(found(&src, Some((1, 20))).len(), 4);
        assert!(found(&src, Some((1, 19))).is_empty());
    }

    #[test]
    fn removed_classes_imported_on_demand() {
        let src = job(
            &format!(
                "{ENV}\nimport org.apache.flink.streaming.api.functions.source.*;\nimport org.apache.flink.api.common.restartstrategy.*;\nimport java.util.*;"
            ),
            "        env.setRestartStrategy(RestartStrategies.noRestart());\n\
             \x20       SourceFunction<Long> first = new Gen();\n\
             \x20       SourceFunction<Long> second = new Gen();\n\
             \x20   }\n\
             \x20   static class Gen implements SourceFunction<Long> {\n\
             \x20       public void run(SourceFunction.SourceContext<Long> ctx) {}\n\
             \x20       public void cancel() {}\n\
             \x20   }\n\
             \x20   static class Rich extends RichSourceFunction<Long> {\n\
             \x20       public void run(SourceContext<Long> ctx) {}\n\
             \x20       public void cancel() {}",
        );
        let found_now = messages(&src, Some((2, 0)));
        let texts: Vec<(&str, usize)> = found_now
            .iter()
            .zip(found(&src, Some((2, 0))))
            .map(|((_, t, _), d)| (t.as_str(), d.span.start))
            .collect();
        let at = |needle: &str| src.find(needle).unwrap_or(usize::MAX);
        assert_eq!(
            texts,
            [
                (
                    "setRestartStrategy(RestartStrategies.noRestart())",
                    at("setRestartStrategy")
                ),
                ("RestartStrategies", at("RestartStrategies.noRestart")),
                ("SourceFunction", at("SourceFunction<Long> first")),
                ("RichSourceFunction", at("RichSourceFunction<Long>")),
            ]
        );
        assert_eq!(
            found_now[2].2,
            "`SourceFunction` is removed in Flink 2.0 (the target is 2.0): implement a FLIP-27 \
             `Source` and read it with `env.fromSource(..)`"
        );
        // `SourceFunction` counts from 1.20, `RestartStrategies` from 1.19.
        let on_1_19: Vec<String> = messages(&src, Some((1, 19)))
            .into_iter()
            .map(|(_, t, _)| t)
            .collect();
        assert_eq!(
            on_1_19,
            [
                "setRestartStrategy(RestartStrategies.noRestart())",
                "RestartStrategies"
            ]
        );
    }

    #[test]
    fn open_in_a_subclass_of_a_removed_class_imported_on_demand() {
        let imports = "import org.apache.flink.configuration.*;\nimport org.apache.flink.streaming.api.functions.source.*;\nimport java.util.*;";
        let class = "public final class Ticks extends RichSourceFunction<Long> {\n    \
                     @Override\n    public void open(Configuration parameters) {}\n    \
                     public void run(SourceContext<Long> ctx) {}\n    public void cancel() {}\n}";
        let src = format!("package com.example;\n\n{imports}\n\n{class}\n");
        assert_eq!(
            summary(&src, Some((2, 0))),
            [
                (Severity::Error, "RichSourceFunction".to_owned(), None),
                (
                    Severity::Error,
                    "Configuration parameters".to_owned(),
                    Some(Applicability::Safe)
                ),
            ]
        );
        // A superclass that only some package imported on demand may hold is not proven
        // Flink's.
        let src = "package com.example;\n\nimport org.apache.flink.configuration.*;\nimport org.apache.flink.api.common.functions.*;\nimport com.example.base.*;\n\n\
             public final class Ticks extends BaseFunction {\n    public void open(Configuration parameters) {}\n}\n";
        assert!(found(src, Some((2, 0))).is_empty());
    }

    #[test]
    fn names_imported_on_demand_that_mean_something_else_are_silent() {
        let wildcard = "import org.apache.flink.streaming.api.functions.source.*;";
        let body = "        SourceFunction<Long> s = null;";
        // A single-type import of the name from elsewhere wins over the import on demand.
        let src = job(
            &format!("{wildcard}\nimport com.example.io.SourceFunction;"),
            body,
        );
        assert!(found(&src, Some((2, 0))).is_empty());
        // A name qualified with another package is that package's class.
        let src = job(
            wildcard,
            "        com.example.io.SourceFunction<Long> s = null;",
        );
        assert!(found(&src, Some((2, 0))).is_empty());
        // A class of the file wins too.
        let src = job(wildcard, body).replace(
            "public class Job {",
            "interface SourceFunction<T> {}\n\npublic class Job {",
        );
        assert!(found(&src, Some((2, 0))).is_empty());
        // Flink 2.x moved `SourceFunction` to `…source.legacy`: imported on demand too, the
        // name may be the moved class.
        let src = job(
            &format!(
                "{wildcard}\nimport org.apache.flink.streaming.api.functions.source.legacy.*;"
            ),
            body,
        );
        assert!(found(&src, Some((2, 0))).is_empty());
        // A variable named like the class is not the class.
        let src = job(
            "import org.apache.flink.api.common.restartstrategy.*;",
            "        Object RestartStrategies = null;\n        RestartStrategies.toString();",
        );
        assert!(found(&src, Some((2, 0))).is_empty());
        // Imported by name from Flink: reported on the import only.
        let src = job(
            &format!(
                "{wildcard}\nimport org.apache.flink.streaming.api.functions.source.SourceFunction;"
            ),
            body,
        );
        assert_eq!(
            summary(&src, Some((2, 0)))
                .into_iter()
                .map(|(_, t, _)| t)
                .collect::<Vec<_>>(),
            ["import org.apache.flink.streaming.api.functions.source.SourceFunction;"]
        );
    }

    // ----- setCheckpointStorage("…") → the environment's `Configuration` -----

    const CONFIG_IMPORTS: &str = "import org.apache.flink.configuration.Configuration;\nimport org.apache.flink.configuration.CheckpointingOptions;";

    /// A job whose `run` method has `body` (lines indented by eight spaces).
    fn storage_job(imports: &str, members: &str, body: &str) -> String {
        format!(
            "package com.example;\n\n{imports}\n\npublic class Job {{\n{members}    static void run(String[] args) throws Exception {{\n{body}\n    }}\n}}\n"
        )
    }

    const GET_ENV: &str = "        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();";

    /// The three lines the fix writes before the environment, and the environment made with
    /// them.
    fn configured_env(name: &str, value: &str) -> String {
        format!(
            "        Configuration {name} = new Configuration();\n        {name}.set(CheckpointingOptions.CHECKPOINT_STORAGE, \"filesystem\");\n        {name}.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, {value});\n        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment({name});"
        )
    }

    /// The `setCheckpointStorage` findings: (severity, fix applicability).
    fn storage_findings(src: &str) -> Vec<(Severity, Option<Applicability>)> {
        summary(src, Some((2, 0)))
            .into_iter()
            .filter(|(_, text, _)| text.starts_with("setCheckpointStorage"))
            .map(|(s, _, fix)| (s, fix))
            .collect()
    }

    #[test]
    fn checkpoint_storage_moves_to_the_configuration() {
        let src = storage_job(
            ENV,
            "",
            &format!(
                "{GET_ENV}\n        env.enableCheckpointing(60_000); // every minute\n\n        // Checkpoints go to HDFS.\n        env.getCheckpointConfig().setCheckpointStorage(\"hdfs:///flink/ck\");\n        env.fromSequence(1,  10)\n                .print();\n        env.execute(\"job\");"
            ),
        );
        let want = storage_job(
            &format!("{ENV}\n{CONFIG_IMPORTS}"),
            "",
            &format!(
                "{}\n        env.enableCheckpointing(60_000); // every minute\n\n        // Checkpoints go to HDFS.\n        env.fromSequence(1,  10)\n                .print();\n        env.execute(\"job\");",
                configured_env("config", "\"hdfs:///flink/ck\"")
            ),
        );
        for version in [(1, 19), (1, 20), (2, 0)] {
            assert_eq!(fixed(&src, Some(version), false), want, "{version:?}");
        }
        let finding = &found(&src, Some((2, 0)))[0];
        let fix = finding.fix.as_ref().expect("a fix");
        assert_eq!(fix.applicability, Applicability::Safe);
        assert_eq!(
            fix.message,
            "create `env` with a `Configuration` that sets `CheckpointingOptions.CHECKPOINT_STORAGE` \
             to `\"filesystem\"` and `CHECKPOINTS_DIRECTORY` to `\"hdfs:///flink/ck\"`, and remove \
             the call"
        );
        // Windows line breaks are kept.
        assert_eq!(
            fixed(&src.replace('\n', "\r\n"), Some((2, 0)), false),
            want.replace('\n', "\r\n")
        );
        // No fix without a target that has the options; silent where the call is current.
        let unknown = found(&src, None);
        assert_eq!(unknown.len(), 1);
        assert!(unknown[0].fix.is_none());
        assert!(found(&src, Some((1, 18))).is_empty());
    }

    #[test]
    fn checkpoint_storage_through_a_local_config_and_constants() {
        // A `CheckpointConfig` local, `var`, and a directory built from a field constant: the
        // expression is kept.
        let imports =
            format!("{ENV}\nimport org.apache.flink.streaming.api.environment.CheckpointConfig;");
        let members = "    private static final String ROOT = \"s3://bucket\";\n\n";
        let src = storage_job(
            &imports,
            members,
            "        final var env = StreamExecutionEnvironment.getExecutionEnvironment();\n        CheckpointConfig checkpoints = env.getCheckpointConfig();\n        checkpoints.setCheckpointTimeout(600_000);\n        checkpoints.setCheckpointStorage(ROOT + \"/ck\");",
        );
        let want = storage_job(
            &format!("{imports}\n{CONFIG_IMPORTS}"),
            members,
            "        Configuration config = new Configuration();\n        config.set(CheckpointingOptions.CHECKPOINT_STORAGE, \"filesystem\");\n        config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, ROOT + \"/ck\");\n        final var env = StreamExecutionEnvironment.getExecutionEnvironment(config);\n        CheckpointConfig checkpoints = env.getCheckpointConfig();\n        checkpoints.setCheckpointTimeout(600_000);",
        );
        assert_eq!(fixed(&src, Some((2, 0)), false), want);

        // A local declared before the environment is in scope there: kept by name. One declared
        // after it is not: its value is written instead, and the local stays.
        let src = storage_job(
            ENV,
            "",
            &format!(
                "        String dir = \"hdfs://nn/ck\";\n{GET_ENV}\n        env.getCheckpointConfig().setCheckpointStorage(dir);"
            ),
        );
        let want = storage_job(
            &format!("{ENV}\n{CONFIG_IMPORTS}"),
            "",
            &format!(
                "        String dir = \"hdfs://nn/ck\";\n{}",
                configured_env("config", "dir")
            ),
        );
        assert_eq!(fixed(&src, Some((2, 0)), false), want);
        let src = storage_job(
            ENV,
            "",
            &format!(
                "{GET_ENV}\n        String dir = \"hdfs://nn/\" + \"ck\\t\\\"x\\\"\";\n        env.getCheckpointConfig().setCheckpointStorage(dir);"
            ),
        );
        let want = storage_job(
            &format!("{ENV}\n{CONFIG_IMPORTS}"),
            "",
            &format!(
                "{}\n        String dir = \"hdfs://nn/\" + \"ck\\t\\\"x\\\"\";",
                configured_env("config", "\"hdfs://nn/ck\\t\\\"x\\\"\"")
            ),
        );
        assert_eq!(fixed(&src, Some((2, 0)), false), want);
    }

    #[test]
    fn checkpoint_storage_picks_free_names_and_qualifies_a_taken_class() {
        // `config` is taken in the method: the second name.
        let src = storage_job(
            ENV,
            "",
            &format!(
                "{GET_ENV}\n        String config = args[0];\n        env.getCheckpointConfig().setCheckpointStorage(\"hdfs:///ck\");"
            ),
        );
        let want = storage_job(
            &format!("{ENV}\n{CONFIG_IMPORTS}"),
            "",
            &format!(
                "{}\n        String config = args[0];",
                configured_env("checkpointingConfig", "\"hdfs:///ck\"")
            ),
        );
        assert_eq!(fixed(&src, Some((2, 0)), false), want);
        // Both taken: no fix.
        let src = storage_job(
            ENV,
            "",
            &format!(
                "{GET_ENV}\n        String config = args[0];\n        int checkpointingConfig = 1;\n        env.getCheckpointConfig().setCheckpointStorage(\"hdfs:///ck\");"
            ),
        );
        assert_eq!(storage_findings(&src), [(Severity::Error, None)]);
        // Hadoop's `Configuration` is imported: Flink's is written in full.
        let imports = format!("{ENV}\nimport org.apache.hadoop.conf.Configuration;");
        let src = storage_job(
            &imports,
            "",
            &format!(
                "{GET_ENV}\n        Configuration hadoop = new Configuration();\n        env.getCheckpointConfig().setCheckpointStorage(\"hdfs:///ck\");"
            ),
        );
        let want = storage_job(
            &format!("{imports}\nimport org.apache.flink.configuration.CheckpointingOptions;"),
            "",
            "        org.apache.flink.configuration.Configuration config = new org.apache.flink.configuration.Configuration();\n        config.set(CheckpointingOptions.CHECKPOINT_STORAGE, \"filesystem\");\n        config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, \"hdfs:///ck\");\n        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);\n        Configuration hadoop = new Configuration();",
        );
        assert_eq!(fixed(&src, Some((2, 0)), false), want);
        // Flink's configuration package imported on demand: `Configuration`, written in the
        // file already, is that one; `CheckpointingOptions`, unused, gets its own import.
        let imports = format!("{ENV}\nimport org.apache.flink.configuration.*;");
        let src = storage_job(
            &imports,
            "",
            &format!(
                "{GET_ENV}\n        Configuration extra = new Configuration();\n        env.getCheckpointConfig().setCheckpointStorage(\"hdfs:///ck\");"
            ),
        );
        let want = storage_job(
            &format!("{imports}\nimport org.apache.flink.configuration.CheckpointingOptions;"),
            "",
            &format!(
                "{}\n        Configuration extra = new Configuration();",
                configured_env("config", "\"hdfs:///ck\"")
            ),
        );
        assert_eq!(fixed(&src, Some((2, 0)), false), want);
    }

    #[test]
    fn checkpoint_storage_and_open_context_share_the_configuration_import() {
        // `open(Configuration)` → `open(OpenContext)` would drop the import the new
        // `Configuration` needs: the two fixes take turns and the import stays.
        let src = "package com.example;\n\nimport org.apache.flink.api.common.functions.RichMapFunction;\nimport org.apache.flink.configuration.Configuration;\nimport org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;\n\npublic class Job {\n    public static void main(String[] args) throws Exception {\n        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();\n        env.getCheckpointConfig().setCheckpointStorage(\"hdfs:///flink/ck\");\n        env.fromSequence(1, 10).map(new Tagger()).print();\n        env.execute(\"job\");\n    }\n\n    static final class Tagger extends RichMapFunction<Long, Long> {\n        @Override\n        public void open(Configuration parameters) {}\n\n        @Override\n        public Long map(Long v) {\n            return v;\n        }\n    }\n}\n";
        let want = "package com.example;\n\nimport org.apache.flink.api.common.functions.RichMapFunction;\nimport org.apache.flink.configuration.Configuration;\nimport org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;\nimport org.apache.flink.configuration.CheckpointingOptions;\nimport org.apache.flink.api.common.functions.OpenContext;\n\npublic class Job {\n    public static void main(String[] args) throws Exception {\n        Configuration config = new Configuration();\n        config.set(CheckpointingOptions.CHECKPOINT_STORAGE, \"filesystem\");\n        config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, \"hdfs:///flink/ck\");\n        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);\n        env.fromSequence(1, 10).map(new Tagger()).print();\n        env.execute(\"job\");\n    }\n\n    static final class Tagger extends RichMapFunction<Long, Long> {\n        @Override\n        public void open(OpenContext openContext) {}\n\n        @Override\n        public Long map(Long v) {\n            return v;\n        }\n    }\n}\n";
        assert_eq!(fixed(src, Some((2, 0)), false), want);
    }

    #[test]
    fn checkpoint_storage_fix_is_unsafe_where_the_method_could_reorder_it() {
        let table_env = "import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;";
        let cases = [
            (
                table_env,
                "        StreamTableEnvironment tables = StreamTableEnvironment.create(env);",
                "`env` is also passed on, stored or returned",
            ),
            (
                "",
                "        Jobs.tune(env.getCheckpointConfig());",
                "its `CheckpointConfig` is also passed on",
            ),
            (
                "",
                "        env.configure(settings);",
                "also calls `env.configure(..)`",
            ),
            (
                "",
                "        env.setParallelism(2).configure(settings);",
                "also calls `env.configure(..)`",
            ),
            (
                "",
                "        env.executeAsync(\"first\");",
                "comes after `env.executeAsync(..)`",
            ),
            (
                "",
                "        System.out.println(env.getCheckpointConfig().getCheckpointStorage());",
                "reads `getCheckpointStorage()`",
            ),
        ];
        for (import, line, why) in cases {
            let src = storage_job(
                &format!("{ENV}\n{import}"),
                "",
                &format!(
                    "{GET_ENV}\n{line}\n        env.getCheckpointConfig().setCheckpointStorage(\"hdfs:///ck\");"
                ),
            );
            let findings = found(&src, Some((2, 0)));
            let fix = findings
                .iter()
                .find_map(|d| d.fix.as_ref())
                .unwrap_or_else(|| panic!("a fix for {line}"));
            assert_eq!(fix.applicability, Applicability::Unsafe, "{line}");
            assert!(fix.message.contains(why), "{line}: {}", fix.message);
            assert_eq!(fixed(&src, Some((2, 0)), false), src, "{line}");
            let out = fixed(&src, Some((2, 0)), true);
            assert!(
                out.contains("getExecutionEnvironment(config)")
                    && !out.contains("setCheckpointStorage"),
                "{out}"
            );
            assert!(out.contains(line), "{out}");
        }
        // Set twice: the first becomes the configuration, the second stays an object set in
        // code and still wins, as before.
        let src = storage_job(
            ENV,
            "",
            &format!(
                "{GET_ENV}\n        env.getCheckpointConfig().setCheckpointStorage(\"hdfs:///a\");\n        env.getCheckpointConfig().setCheckpointStorage(\"hdfs:///b\");"
            ),
        );
        assert_eq!(
            storage_findings(&src),
            [
                (Severity::Error, Some(Applicability::Unsafe)),
                (Severity::Error, Some(Applicability::Unsafe))
            ]
        );
        let want = storage_job(
            &format!("{ENV}\n{CONFIG_IMPORTS}"),
            "",
            &format!(
                "{}\n        env.getCheckpointConfig().setCheckpointStorage(\"hdfs:///b\");",
                configured_env("config", "\"hdfs:///a\"")
            ),
        );
        assert_eq!(fixed(&src, Some((2, 0)), true), want);
        // Too many uses to check each one.
        let src = storage_job(
            ENV,
            "",
            &format!(
                "{GET_ENV}\n{}        env.getCheckpointConfig().setCheckpointStorage(\"hdfs:///ck\");",
                "        env.setParallelism(1);\n".repeat(300)
            ),
        );
        assert_eq!(
            storage_findings(&src),
            [(Severity::Error, Some(Applicability::Unsafe))]
        );
    }

    #[test]
    fn checkpoint_storage_without_a_provable_rewrite_has_no_fix() {
        let imports = format!(
            "{ENV}\nimport org.apache.flink.configuration.Configuration;\nimport org.apache.flink.core.fs.Path;\nimport org.apache.flink.runtime.state.storage.FileSystemCheckpointStorage;\nimport org.apache.flink.util.ParameterTool;\nimport java.net.URI;"
        );
        let call = "env.getCheckpointConfig().setCheckpointStorage";
        let bodies = [
            // Created with a configuration already.
            format!(
                "        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());\n        {call}(\"hdfs:///ck\");"
            ),
            // Other factories.
            format!(
                "        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment();\n        {call}(\"hdfs:///ck\");"
            ),
            // Other overloads and values the rule cannot fold.
            format!("{GET_ENV}\n        {call}(new FileSystemCheckpointStorage(\"hdfs:///ck\"));"),
            format!("{GET_ENV}\n        {call}(new Path(\"hdfs:///ck\"));"),
            format!("{GET_ENV}\n        {call}(URI.create(\"hdfs:///ck\"));"),
            format!("{GET_ENV}\n        {call}(args[0]);"),
            format!("{GET_ENV}\n        {call}(\"\");"),
            format!(
                "        ParameterTool params = ParameterTool.fromArgs(args);\n{GET_ENV}\n        {call}(params.get(\"ck\", \"hdfs:///ck\"));"
            ),
            // Not a statement of the method's own body.
            format!(
                "{GET_ENV}\n        if (args.length > 0) {{\n            {call}(\"hdfs:///ck\");\n        }}"
            ),
            format!(
                "{GET_ENV}\n        try {{\n            {call}(\"hdfs:///ck\");\n        }} finally {{\n            env.close();\n        }}"
            ),
            format!("{GET_ENV}\n        Runnable later = () -> {call}(\"hdfs:///ck\");"),
            format!("        {{\n    {GET_ENV}\n            {call}(\"hdfs:///ck\");\n        }}"),
            // Reassigned, shares its line, a comment inside the call, a receiver through a chain.
            format!(
                "{GET_ENV}\n        {call}(\"hdfs:///ck\");\n        env = StreamExecutionEnvironment.getExecutionEnvironment();"
            ),
            format!(
                "        int x = 1; StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();\n        {call}(\"hdfs:///ck\");"
            ),
            format!(
                "{GET_ENV}\n        env.getCheckpointConfig() // where checkpoints go\n                .setCheckpointStorage(\"hdfs:///ck\");"
            ),
            format!(
                "{GET_ENV}\n        env.setParallelism(2).getCheckpointConfig().setCheckpointStorage(\"hdfs:///ck\");"
            ),
        ];
        for body in &bodies {
            let src = storage_job(&imports, "", body);
            assert_eq!(storage_findings(&src), [(Severity::Error, None)], "{body}");
        }
        // An environment in a field.
        let src = storage_job(
            ENV,
            "    static final StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();\n\n",
            &format!("        {call}(\"hdfs:///ck\");"),
        );
        assert_eq!(storage_findings(&src), [(Severity::Error, None)]);
    }

    #[test]
    fn files_without_flink_and_other_libraries_classes_are_silent() {
        let src = "package p;\nimport com.example.io.SourceFunction;\nclass A implements SourceFunction<String> { void f(Env env) { env.addSource(x).addSink(y); getRuntimeContext().getIndexOfThisSubtask(); } }\n";
        assert!(found(src, Some((2, 0))).is_empty());
        // A fully qualified removed class is reported where it is written.
        let src = "class A implements org.apache.flink.streaming.api.functions.source.SourceFunction<String> {}\n";
        assert_eq!(
            summary(src, Some((2, 0)))
                .into_iter()
                .map(|(_, t, _)| t)
                .collect::<Vec<_>>(),
            ["org.apache.flink.streaming.api.functions.source.SourceFunction"]
        );
        // Classes other rules report are left to them.
        let src = job(
            &format!(
                "{ENV}\nimport org.apache.flink.streaming.api.windowing.time.Time;\nimport org.apache.flink.runtime.state.filesystem.FsStateBackend;\nimport org.apache.flink.streaming.api.functions.timestamps.BoundedOutOfOrdernessTimestampExtractor;"
            ),
            "",
        );
        assert!(found(&src, Some((2, 0))).is_empty());
    }
}
