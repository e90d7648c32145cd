use bdl_core::{Ctx, RuleMeta, Severity, TestSources, declare_rule};
use bdl_syntax::java::chain;
use bdl_syntax::java::fold::arguments;
use bdl_syntax::{ConfigFile, JavaFile, Rule};

use crate::switches::{self, Switch};
use crate::{helpers, operators};

declare_rule! {
    /// ## What it does
    /// Flags operator chaining switched off:
    /// - for the whole job: `env.disableOperatorChaining()` on a provable
    ///   `StreamExecutionEnvironment` (warning);
    /// - in configuration: `pipeline.operator-chaining.enabled: false` (or its older name
    ///   `pipeline.operator-chaining`, still read as a deprecated key) in `flink-conf.yaml`, in
    ///   `config.yaml` (nested or dotted) and in Flink SQL `SET` statements, and the Java writes
    ///   `conf.setBoolean("pipeline.operator-chaining.enabled", false)`,
    ///   `conf.set(PipelineOptions.OPERATOR_CHAINING, false)` (warning);
    /// - for one operator: `.disableChaining()` on a DataStream operator (a
    ///   `SingleOutputStreamOperator`, `DataStreamSource` or `DataStreamSink`) (info).
    ///
    /// Deliberately not reported:
    /// - `startNewChain()`: it starts a new chain at one operator and keeps chaining the rest;
    /// - `disableChaining()` on anything not provably a DataStream operator, and files that do
    ///   not use the DataStream API;
    /// - test sources, where isolating operators is a common testing technique (see Options).
    ///
    /// ## Why is this bad?
    /// Flink chains subsequent operators that need no shuffle into one task: "Chaining two
    /// subsequent transformations means co-locating them within the same thread for better
    /// performance" (Flink docs, Task Chaining and Resource Groups), and the
    /// `pipeline.operator-chaining.enabled` option is documented as "fully avoiding
    /// serialization and de-serialization". With chaining off, every record is serialized,
    /// copied through network buffers and handed to another thread between every pair of
    /// operators, which costs throughput, CPU and memory for buffers.
    ///
    /// Disabling chaining job-wide is a common backpressure-debugging step: it makes every
    /// operator a separate vertex, so the web UI shows which one is busy. Left in production, it
    /// is a pure cost. Taking one heavy operator out of its chain can be deliberate (it then gets
    /// its own thread), which is why the per-operator form is only `info`.
    ///
    /// ## Example
    /// ```java file=Job.java bad
    /// import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
    ///
    /// public class Job {
    ///     public static void main(String[] args) throws Exception {
    ///         StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    ///         env.disableOperatorChaining();
    ///         env.fromSequence(1, 100).map(n -> n * 2).print();
    ///         env.execute("job");
    ///     }
    /// }
    /// ```
    ///
    /// ```yaml file=flink-conf.yaml bad
    /// pipeline.operator-chaining.enabled: false
    /// ```
    ///
    /// Use instead:
    ///
    /// ```java file=Job.java good
    /// import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
    ///
    /// public class Job {
    ///     public static void main(String[] args) throws Exception {
    ///         StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    ///         env.fromSequence(1, 100).map(n -> n * 2).print();
    ///         env.execute("job");
    ///     }
    /// }
    /// ```
    ///
    /// ```yaml file=flink-conf.yaml good
    /// pipeline.operator-chaining.enabled: true
    /// ```
    ///
    /// ## How to fix
    /// Remove `disableOperatorChaining()` and the `pipeline.operator-chaining.enabled: false`
    /// setting once the bottleneck is found; the default (`true`) chains what can be chained.
    /// To find a bottleneck without changing the job, use the web UI's backpressure and
    /// busy-time metrics or flame graphs. If one operator really must run in its own thread,
    /// keep `.disableChaining()` (or `.startNewChain()`) on that operator only, and say why with a
    /// suppression comment.
    ///
    /// ## Options
    /// - `lint-test-sources` (boolean, default `false`): also lint test sources (`src/test/**`,
    ///   `*Test.java`, `*IT.java`, `*ITCase.java`).
    ///
    /// ## References
    /// - Flink docs, Task Chaining and Resource Groups:
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/dev/datastream/operators/overview/#task-chaining-and-resource-groups>
    /// - Flink configuration, `pipeline.operator-chaining.enabled`:
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/deployment/config/#pipeline-operator-chaining-enabled>
    /// - Flink docs, Monitoring Back Pressure:
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/ops/monitoring/back_pressure/>
    pub OperatorChainingDisabled {
        code: "FLK013",
        name: "operator-chaining-disabled",
        summary: "operator chaining disabled: records are serialized between every operator",
        severity: Warning,
        kinds: [Java, FlinkConf, FlinkYaml, FlinkSql, FlinkK8s],
        triggers: [
            "disableOperatorChaining",
            "disableChaining",
            "operator-chaining",
            "OPERATOR_CHAINING",
        ],
        options: [TestSources::SKIP_BY_DEFAULT],
    }
}

/// `pipeline.operator-chaining.enabled` and the name it had before.
const CHAINING: Switch = Switch {
    keys: &[
        "pipeline.operator-chaining.enabled",
        "pipeline.operator-chaining",
    ],
    constants: &[(
        "PipelineOptions.OPERATOR_CHAINING",
        "pipeline.operator-chaining.enabled",
    )],
};

const CONFIG_HELP: &str = "remove the setting: operator chaining is on by default";

impl Rule for OperatorChainingDisabled {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        if !helpers::uses_flink(file) {
            return;
        }
        let datastream = operators::uses_datastream(file);
        for call in file.nodes_of_kind("method_invocation") {
            let name = chain::method_name(file, call);
            if !matches!(name, "disableOperatorChaining" | "disableChaining")
                || !arguments(call).is_empty()
            {
                continue;
            }
            let Some(receiver) = chain::receiver(call) else {
                continue;
            };
            let span = operators::call_span(call);
            if name == "disableOperatorChaining" {
                if helpers::is_stream_environment(file, receiver) {
                    cx.report(
                        Severity::Warning,
                        span,
                        "operator chaining is disabled for the whole job: every record is serialized between operators",
                    )
                    .help("remove `disableOperatorChaining()`; to isolate one heavy operator, call `.disableChaining()` on it")
                    .anchor(chain::call_anchor(file, call));
                }
            } else if datastream && operators::is_operator(file, receiver) {
                // The operator the call applies to, for the message.
                let operator = operators::operator_name(file, receiver);
                let message = match operator {
                    Some(op) => format!(
                        "chaining is disabled for the `{op}` operator: its records are serialized and handed to another thread"
                    ),
                    None => "chaining is disabled for this operator: its records are serialized and handed to another thread".to_owned(),
                };
                cx.report(Severity::Info, span, message)
                    .help("remove `.disableChaining()` unless this operator must run in its own thread")
                    .anchor(chain::call_anchor(file, call));
            }
        }
        for write in switches::java_writes(file, CHAINING, false) {
            cx.report(
                Severity::Warning,
                operators::call_span(write.call),
                format!(
                    "`{}` is set to false: operator chaining is disabled for the whole job",
                    write.key
                ),
            )
            .help(CONFIG_HELP)
            .anchor(chain::call_anchor(file, write.call));
        }
    }

    fn check_config(&self, file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
        for entry in switches::config_entries(file, CHAINING, false) {
            cx.report(
                Severity::Warning,
                entry.value_span,
                format!(
                    "`{}` is false: operator chaining is disabled for every job",
                    entry.key
                ),
            )
            .help(CONFIG_HELP)
            .anchor(format!("{}={}", entry.key, entry.value));
        }
    }
}

#[cfg(test)]
mod tests {
    use bdl_core::Diagnostic;
    use bdl_syntax::check_one;

    use super::*;

    const RULE: OperatorChainingDisabled = OperatorChainingDisabled;

    fn job(body: &str) -> String {
        format!(
            "package com.example;\n\
             import org.apache.flink.configuration.*;\n\
             import org.apache.flink.streaming.api.datastream.*;\n\
             import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;\n\
             public class Job {{\n\
             public static void main(String[] args) throws Exception {{\n\
             StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();\n\
             DataStream<String> lines = env.fromSequence(1, 10).map(String::valueOf);\n\
             {body}\n\
             env.execute(\"job\");\n\
             }}\n}}\n"
        )
    }

    fn java(body: &str) -> Vec<Diagnostic> {
        check_one(&RULE, "src/main/java/com/example/Job.java", &job(body))
    }

    fn severities(found: &[Diagnostic]) -> Vec<Severity> {
        found.iter().map(|d| d.severity).collect()
    }

    #[test]
    fn job_wide_chaining_off_is_a_warning() {
        for body in [
            "env.disableOperatorChaining();",
            "StreamExecutionEnvironment.getExecutionEnvironment().setParallelism(2).disableOperatorChaining();",
            "Configuration conf = new Configuration(); conf.setBoolean(\"pipeline.operator-chaining.enabled\", false);",
            "Configuration conf = new Configuration(); conf.set(PipelineOptions.OPERATOR_CHAINING, false);",
            "Configuration conf = new Configuration(); conf.setString(\"pipeline.operator-chaining\", \"false\");",
        ] {
            assert_eq!(severities(&java(body)), [Severity::Warning], "{body}");
        }
        let found = java("env.disableOperatorChaining();");
        assert_eq!(
            found[0].message,
            "operator chaining is disabled for the whole job: every record is serialized between operators"
        );
        assert_eq!(found[0].fingerprint, "env.disableOperatorChaining()");
    }

    #[test]
    fn one_operator_is_info_and_named() {
        let found =
            java("lines.filter(s -> !s.isEmpty()).name(\"non-empty\").disableChaining().print();");
        assert_eq!(severities(&found), [Severity::Info]);
        assert_eq!(
            found[0].message,
            "chaining is disabled for the `filter` operator: its records are serialized and handed to another thread"
        );
        let found = java(
            "SingleOutputStreamOperator<String> upper = lines.map(String::toUpperCase); upper.disableChaining();",
        );
        assert_eq!(severities(&found), [Severity::Info]);
        let found = java("lines.print().disableChaining();");
        assert_eq!(severities(&found), [Severity::Info]);
    }

    #[test]
    fn look_alikes_are_silent() {
        for body in [
            "lines.map(String::trim).startNewChain().print();",
            "Pipeline pipeline = Pipeline.create(); pipeline.disableChaining();",
            "builder.disableOperatorChaining();",
            "Configuration conf = new Configuration(); conf.setBoolean(\"pipeline.operator-chaining.enabled\", true);",
            "Configuration conf = new Configuration(); conf.setBoolean(\"pipeline.object-reuse\", false);",
            "// env.disableOperatorChaining();",
        ] {
            assert!(java(body).is_empty(), "{body}");
        }
        // Not a Flink file at all.
        let plain = "class Scheduler { void m(Runner r) { r.disableChaining(); r.disableOperatorChaining(); } }";
        assert!(check_one(&RULE, "Scheduler.java", plain).is_empty());
    }

    #[test]
    fn test_sources_are_skipped_by_default() {
        let src = job("env.disableOperatorChaining();");
        assert!(check_one(&RULE, "src/test/java/com/example/JobTest.java", &src).is_empty());
    }

    #[test]
    fn configuration_files() {
        let found = check_one(
            &RULE,
            "conf/flink-conf.yaml",
            "pipeline.operator-chaining.enabled: false\n",
        );
        assert_eq!(severities(&found), [Severity::Warning]);
        assert_eq!(
            found[0].message,
            "`pipeline.operator-chaining.enabled` is false: operator chaining is disabled for every job"
        );
        let nested = "pipeline:\n  operator-chaining:\n    enabled: False\n";
        let found = check_one(&RULE, "conf/config.yaml", nested);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].start.line, 3);
        let found = check_one(
            &RULE,
            "job.sql",
            "SET 'pipeline.operator-chaining' = 'false';\nINSERT INTO a SELECT * FROM b;\n",
        );
        assert_eq!(found.len(), 1);
        for silent in [
            "pipeline.operator-chaining.enabled: true\n",
            "# pipeline.operator-chaining.enabled: false\n",
            "pipeline.operator-chaining.enabled: false\npipeline.operator-chaining.enabled: true\n",
            "pipeline.object-reuse: false\n",
        ] {
            assert!(
                check_one(&RULE, "flink-conf.yaml", silent).is_empty(),
                "{silent}"
            );
        }
    }
}
