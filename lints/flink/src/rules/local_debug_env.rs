use bdl_core::{Ctx, RuleMeta, Severity, TestSources, declare_rule};
use bdl_syntax::java::{self, chain, scope};
use bdl_syntax::{ConfigFile, JavaFile, Rule};
use tree_sitter::Node;

use crate::switches::{self, Switch};
use crate::{helpers, operators};

declare_rule! {
    /// ## What it does
    /// Flags debugging set-ups left in job code and cluster configuration:
    /// - `StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(..)`,
    ///   `StreamExecutionEnvironment.createLocalEnvironment(..)` and
    ///   `new LocalStreamEnvironment(..)` (warning). When the call sits in one branch of an
    ///   `if`/`else` or a `?:` and the same method also calls `getExecutionEnvironment()` (a
    ///   `main` that runs locally only behind a flag), it is reported as `info`;
    /// - flame graphs switched on: `rest.flamegraph.enabled: true` in `flink-conf.yaml` and
    ///   `config.yaml`, and the Java writes `conf.setBoolean("rest.flamegraph.enabled", true)`,
    ///   `conf.setString("rest.flamegraph.enabled", "true")`,
    ///   `conf.set(RestOptions.ENABLE_FLAMEGRAPH, true)` (info).
    ///
    /// Test sources (`src/test/**`, `*Test.java`, `*IT.java`, `*ITCase.java`) are the normal home
    /// of local environments and are skipped by default.
    ///
    /// Deliberately not reported: `getExecutionEnvironment()` (it runs locally from the IDE and
    /// on the cluster when submitted), `createRemoteEnvironment(..)`, calls on classes other than
    /// Flink's `StreamExecutionEnvironment`, and `rest.flamegraph.enabled: false`.
    ///
    /// ## Why is this bad?
    /// A local environment starts a MiniCluster inside the JVM that builds the job. Submitted to
    /// a real cluster with `flink run`, such a job does not run on the cluster's TaskManagers at
    /// all: it runs in the client process, with the parallelism and memory of one machine, and
    /// ignores the cluster's configuration. `createLocalEnvironmentWithWebUI` also starts a web
    /// server in that process. `getExecutionEnvironment()` already returns a local environment
    /// when the job is started from the IDE, so the local variants are only needed in tests and
    /// dev launchers.
    ///
    /// Flame graphs sample the stack traces of task threads. Flink's docs: "In order to prevent
    /// unintended impacts on production environments, Flame Graphs are currently available as
    /// an opt-in feature. … We recommend enabling it in development and pre-production
    /// environments, but you should treat it as an experimental feature in production" (Flink
    /// docs, Flame Graphs). A cluster configuration that enables them is usually a profiling
    /// session that was never undone. `rest.*` options are read when the cluster starts, so in
    /// job code the setting only takes effect in a local environment: it marks a debugging
    /// set-up.
    ///
    /// ## Example
    /// ```java file=Job.java bad
    /// import org.apache.flink.configuration.Configuration;
    /// import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
    ///
    /// public class Job {
    ///     public static void main(String[] args) throws Exception {
    ///         StreamExecutionEnvironment env =
    ///                 StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(new Configuration());
    ///         env.fromSequence(1, 100).print();
    ///         env.execute("job");
    ///     }
    /// }
    /// ```
    ///
    /// ```yaml file=flink-conf.yaml bad
    /// rest.flamegraph.enabled: true
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
    ///         env.fromSequence(1, 100).print();
    ///         env.execute("job");
    ///     }
    /// }
    /// ```
    ///
    /// ```yaml file=flink-conf.yaml good
    /// rest.flamegraph.enabled: false
    /// ```
    ///
    /// ## How to fix
    /// Use `StreamExecutionEnvironment.getExecutionEnvironment()` in job code. To get the local
    /// web UI while developing, start the job from a separate launcher class under `src/test` (or
    /// a dev profile) that builds the same pipeline on a local environment. Turn flame graphs on
    /// for a profiling session on a development or pre-production cluster, and off again
    /// afterwards.
    ///
    /// ## Options
    /// - `lint-test-sources` (boolean, default `false`): also lint test sources (`src/test/**`,
    ///   `*Test.java`, `*IT.java`, `*ITCase.java`).
    ///
    /// ## References
    /// - Flink docs, Flame Graphs:
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/ops/debugging/flame_graphs/>
    /// - Flink docs, DataStream API, Execution Environment (`getExecutionEnvironment`):
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/dev/datastream/overview/#anatomy-of-a-flink-program>
    /// - Flink configuration, `rest.flamegraph.enabled` (default `false`):
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/deployment/config/#rest-flamegraph-enabled>
    pub LocalDebugEnv {
        code: "FLK014",
        name: "local-debug-env",
        summary: "local execution environment or flame graphs left in a job or cluster configuration",
        severity: Warning,
        kinds: [Java, FlinkConf, FlinkYaml, FlinkK8s],
        triggers: [
            "createLocalEnvironment",
            "LocalStreamEnvironment",
            "rest.flamegraph.enabled",
            "ENABLE_FLAMEGRAPH",
        ],
        options: [TestSources::SKIP_BY_DEFAULT],
    }
}

/// `rest.flamegraph.enabled`.
const FLAMEGRAPH: Switch = Switch {
    keys: &["rest.flamegraph.enabled"],
    constants: &[("RestOptions.ENABLE_FLAMEGRAPH", "rest.flamegraph.enabled")],
};

/// The local-environment factories of `StreamExecutionEnvironment`.
const LOCAL_FACTORIES: &[&str] = &["createLocalEnvironment", "createLocalEnvironmentWithWebUI"];

/// What creates a local environment at `node`, if anything: the factory name, or
/// `new LocalStreamEnvironment`.
fn local_environment(file: &JavaFile<'_>, node: Node<'_>) -> Option<&'static str> {
    match node.kind() {
        "method_invocation" => {
            let name = chain::method_name(file, node);
            let factory = LOCAL_FACTORIES.iter().copied().find(|f| *f == name)?;
            let class = helpers::names_class(
                file,
                chain::receiver(node)?,
                &["StreamExecutionEnvironment"],
            )?;
            helpers::is_environment_class(file, class).then_some(factory)
        }
        "object_creation_expression" => {
            let ty = scope::simple_type_name(file.text_of(node.child_by_field_name("type")?));
            (ty == "LocalStreamEnvironment"
                && helpers::is_environment_class(file, "LocalStreamEnvironment"))
            .then_some("new LocalStreamEnvironment")
        }
        _ => None,
    }
}

/// When the local environment at `node` is one branch of an `if`/`else` or `?:` and the same
/// method calls `getExecutionEnvironment()` outside that branch: the other call.
fn cluster_alternative<'t>(file: &'t JavaFile<'_>, node: Node<'t>) -> Option<Node<'t>> {
    let path = java::ancestors(file.root(), node);
    let body_at = path
        .iter()
        .rposition(|n| scope::BODY_KINDS.contains(&n.kind()))?;
    let body = path[body_at];
    // The outermost branch below the body that holds the call.
    let branch = path.iter().enumerate().skip(body_at).find_map(|(i, n)| {
        if !matches!(n.kind(), "if_statement" | "ternary_expression") {
            return None;
        }
        let child = path.get(i + 1).copied().unwrap_or(node);
        let condition = n.child_by_field_name("condition");
        (condition.map(|c| c.id()) != Some(child.id())).then_some(child)
    })?;
    let inside = |n: Node<'_>, outer: Node<'_>| {
        n.start_byte() >= outer.start_byte() && n.end_byte() <= outer.end_byte()
    };
    file.nodes_of_kind("method_invocation").find(|c| {
        chain::method_name(file, *c) == "getExecutionEnvironment"
            && inside(*c, body)
            && !inside(*c, branch)
    })
}

impl Rule for LocalDebugEnv {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        if !helpers::uses_flink(file) {
            return;
        }
        let candidates = file
            .nodes_of_kind("method_invocation")
            .chain(file.nodes_of_kind("object_creation_expression"));
        let mut found: Vec<(Node<'_>, &'static str)> = candidates
            .filter_map(|n| local_environment(file, n).map(|what| (n, what)))
            .collect();
        found.sort_by_key(|(n, _)| n.start_byte());
        for (node, what) in found {
            let span = if node.kind() == "method_invocation" {
                operators::call_span(node)
            } else {
                JavaFile::span_of(node)
            };
            let web_ui = if what == "createLocalEnvironmentWithWebUI" {
                " with a local web UI"
            } else {
                ""
            };
            if let Some(alternative) = cluster_alternative(file, node) {
                cx.report(
                    Severity::Info,
                    span,
                    format!(
                        "`{what}` behind a flag: when this branch is taken the job runs in this JVM{web_ui}, not on the cluster"
                    ),
                )
                .help("keep the local branch out of production launches, e.g. in a dev launcher under src/test")
                .label(
                    operators::call_span(alternative),
                    "the cluster environment otherwise",
                )
                .anchor(chain::call_anchor(file, node));
            } else {
                cx.report(
                    Severity::Warning,
                    span,
                    format!("`{what}` runs the job in this JVM{web_ui}, not on the cluster it is submitted to"),
                )
                .help("use `StreamExecutionEnvironment.getExecutionEnvironment()`: it runs locally from the IDE and on the cluster when submitted")
                .anchor(chain::call_anchor(file, node));
            }
        }
        for write in switches::java_writes(file, FLAMEGRAPH, true) {
            cx.report(
                Severity::Info,
                operators::call_span(write.call),
                "`rest.flamegraph.enabled` is set to true in job code: a profiling set-up for a local environment",
            )
            .help("remove it from the job; turn flame graphs on in a development cluster's configuration when needed")
            .anchor(chain::call_anchor(file, write.call));
        }
    }

    fn check_config(&self, file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
        for entry in switches::config_entries(file, FLAMEGRAPH, true) {
            cx.report(
                Severity::Info,
                entry.value_span,
                "`rest.flamegraph.enabled` is true: flame graphs sample task thread stacks, which Flink calls experimental in production",
            )
            .help("enable flame graphs on development and pre-production clusters only")
            .anchor(format!("{}={}", entry.key, entry.value));
        }
    }
}

#[cfg(test)]
mod tests {
    use bdl_core::Diagnostic;
    use bdl_syntax::check_one;

    use super::*;

    const RULE: LocalDebugEnv = LocalDebugEnv;

    fn job(members: &str, body: &str) -> String {
        format!(
            "package com.example;\n\
             import org.apache.flink.configuration.*;\n\
             import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;\n\
             import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;\n\
             public class Job {{\n\
             {members}\n\
             public static void main(String[] args) throws Exception {{\n\
             {body}\n\
             }}\n}}\n"
        )
    }

    fn java(members: &str, body: &str) -> Vec<Diagnostic> {
        check_one(
            &RULE,
            "src/main/java/com/example/Job.java",
            &job(members, body),
        )
    }

    fn severities(found: &[Diagnostic]) -> Vec<Severity> {
        found.iter().map(|d| d.severity).collect()
    }

    #[test]
    fn local_environments_are_warnings() {
        for body in [
            "StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment();",
            "var env = StreamExecutionEnvironment.createLocalEnvironment(2, new Configuration());",
            "StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(new Configuration());",
            "StreamExecutionEnvironment env = new LocalStreamEnvironment();",
            "StreamExecutionEnvironment.createLocalEnvironment().fromSequence(1, 2).print();",
        ] {
            assert_eq!(severities(&java("", body)), [Severity::Warning], "{body}");
        }
        let found = java(
            "",
            "StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(new Configuration());",
        );
        assert_eq!(
            found[0].message,
            "`createLocalEnvironmentWithWebUI` runs the job in this JVM with a local web UI, not on the cluster it is submitted to"
        );
    }

    #[test]
    fn a_local_branch_next_to_the_cluster_environment_is_info() {
        for (members, body) in [
            (
                "",
                "StreamExecutionEnvironment env; if (args.length > 0) { env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(new Configuration()); } else { env = StreamExecutionEnvironment.getExecutionEnvironment(); }",
            ),
            (
                "",
                "boolean local = args.length > 0; StreamExecutionEnvironment env = local ? StreamExecutionEnvironment.createLocalEnvironment() : StreamExecutionEnvironment.getExecutionEnvironment();",
            ),
            (
                "static StreamExecutionEnvironment env(boolean local) { if (local) { return StreamExecutionEnvironment.createLocalEnvironment(); } return StreamExecutionEnvironment.getExecutionEnvironment(); }",
                "env(args.length > 0).fromSequence(1, 2).print();",
            ),
        ] {
            let found = java(members, body);
            assert_eq!(severities(&found), [Severity::Info], "{body}");
            assert_eq!(found[0].labels.len(), 1, "{body}");
        }
    }

    #[test]
    fn look_alikes_are_silent() {
        for body in [
            "StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();",
            "StreamExecutionEnvironment env = StreamExecutionEnvironment.createRemoteEnvironment(\"jm\", 8081);",
            "// StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment();",
            "Environments.createLocalEnvironment();",
            "Configuration conf = new Configuration(); conf.setBoolean(\"rest.flamegraph.enabled\", false);",
        ] {
            assert!(java("", body).is_empty(), "{body}");
        }
        // Not Flink's class.
        let other = "import com.example.sim.StreamExecutionEnvironment;\nclass Sim { void m() { StreamExecutionEnvironment.createLocalEnvironment(); } }";
        assert!(check_one(&RULE, "Sim.java", other).is_empty());
    }

    #[test]
    fn flame_graphs_in_java_are_info() {
        for body in [
            "Configuration conf = new Configuration(); conf.setBoolean(\"rest.flamegraph.enabled\", true);",
            "Configuration conf = new Configuration(); conf.setString(\"rest.flamegraph.enabled\", \"true\");",
            "Configuration conf = new Configuration(); conf.set(RestOptions.ENABLE_FLAMEGRAPH, true);",
            "Configuration conf = new Configuration(); conf.set(ConfigOptions.key(\"rest.flamegraph.enabled\").booleanType().noDefaultValue(), true);",
        ] {
            assert_eq!(severities(&java("", body)), [Severity::Info], "{body}");
        }
    }

    #[test]
    fn test_sources_are_skipped_by_default() {
        let src = job(
            "",
            "StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment();",
        );
        assert!(check_one(&RULE, "src/test/java/com/example/JobTest.java", &src).is_empty());
        assert!(check_one(&RULE, "src/main/java/com/example/JobIT.java", &src).is_empty());
    }

    #[test]
    fn flame_graphs_in_configuration() {
        let found = check_one(&RULE, "flink-conf.yaml", "rest.flamegraph.enabled: true\n");
        assert_eq!(severities(&found), [Severity::Info]);
        assert_eq!(
            found[0].message,
            "`rest.flamegraph.enabled` is true: flame graphs sample task thread stacks, which Flink calls experimental in production"
        );
        let found = check_one(
            &RULE,
            "config.yaml",
            "rest:\n  flamegraph:\n    enabled: TRUE\n",
        );
        assert_eq!(found.len(), 1);
        for silent in [
            "rest.flamegraph.enabled: false\n",
            "# rest.flamegraph.enabled: true\n",
            "rest.flamegraph.enabled: true\nrest.flamegraph.enabled: false\n",
            "rest.flamegraph.cleanup-interval: 10min\n",
        ] {
            assert!(
                check_one(&RULE, "flink-conf.yaml", silent).is_empty(),
                "{silent}"
            );
        }
    }
}
