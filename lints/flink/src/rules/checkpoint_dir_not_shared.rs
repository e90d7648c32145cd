use bdl_core::{Ctx, FileKind, RuleMeta, Severity, Span, TestSources, declare_rule};
use bdl_syntax::java::fold::{self, arguments};
use bdl_syntax::java::scope;
use bdl_syntax::{ConfigFile, Entry, JavaFile, Rule};

use crate::helpers;
use crate::settings::{CHECKPOINT_DIR, FlinkSetting, Occurrence, SAVEPOINT_DIR, Settings};

declare_rule! {
    /// ## What it does
    /// Flags a checkpoint or savepoint directory that not every JobManager and TaskManager can
    /// reach:
    /// - `file://` URIs, relative paths and Windows drive paths (error);
    /// - absolute paths without a scheme in a whole cluster configuration (`flink-conf.yaml`,
    ///   `config.yaml`, a `FlinkDeployment`) that does not set `fs.default-scheme`, so they
    ///   resolve on the local file system (error); in a Java job, a SQL script or a
    ///   `FlinkSessionJob`, whose cluster may set a default scheme, only paths under `/tmp`
    ///   (warning);
    /// - `hdfs://localhost`, `127.0.0.1`, `0.0.0.0` and `[::1]` authorities (warning): a file
    ///   system that only the local machine reaches under that name.
    ///
    /// It reads `execution.checkpointing.dir` (and the older `state.checkpoints.dir` and
    /// `state.backend.fs.checkpointdir`), `execution.checkpointing.savepoint-dir` (and
    /// `state.savepoints.dir`, `savepoints.state.backend.fs.dir`) wherever a job sets them,
    /// `setCheckpointStorage("…")`, `env.setDefaultSavepointDirectory("…")`, and the path given
    /// to `new FsStateBackend("…")`, `new FileSystemCheckpointStorage("…")` and the legacy
    /// `new RocksDBStateBackend("…")`. Shared file systems (`hdfs://nameservice`, `s3://`,
    /// `gs://`, `abfs://`, `oss://`, …) and values with `${…}` placeholders are not reported.
    ///
    /// A Java file that runs a local environment or a `MiniCluster`
    /// (`createLocalEnvironment`, `LocalStreamEnvironment`, `MiniCluster`) is not checked: one
    /// process, one file system. Test sources are skipped by default. In a `FlinkDeployment`,
    /// a path under a `volumeMounts` `mountPath` of the resource is not reported: the volume
    /// may be shared (a `ReadWriteMany` claim), which this rule cannot see.
    ///
    /// ## Why is this bad?
    /// The checkpoint directory "must be accessible from all participating processes/nodes
    /// (i.e. all TaskManagers and JobManagers)" (Flink configuration reference). On a local
    /// path every TaskManager writes its state files to its own disk, while the JobManager
    /// writes the checkpoint metadata to its own: after a TaskManager or JobManager is lost,
    /// or after a redeploy, the files to restore from are on a machine that is gone or not
    /// reachable, and the job cannot restore its state. `/tmp` is also cleaned on reboot. A
    /// `localhost` HDFS works only while every process runs on the NameNode's machine.
    ///
    /// ## Example
    /// ```yaml file=flink-conf.yaml bad findings=2
    /// execution.checkpointing.interval: 1min
    /// execution.checkpointing.dir: file:///tmp/flink/checkpoints
    /// execution.checkpointing.savepoint-dir: hdfs://localhost:9000/flink/savepoints
    /// ```
    ///
    /// ```java file=Job.java bad
    /// import org.apache.flink.runtime.state.storage.FileSystemCheckpointStorage;
    /// import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
    ///
    /// public class Job {
    ///     public static void main(String[] args) throws Exception {
    ///         StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    ///         env.enableCheckpointing(60_000);
    ///         env.getCheckpointConfig().setCheckpointStorage(
    ///                 new FileSystemCheckpointStorage("file:///data/checkpoints"));
    ///         env.fromSequence(1, 100).print();
    ///         env.execute("job");
    ///     }
    /// }
    /// ```
    ///
    /// Use instead:
    ///
    /// ```yaml file=flink-conf.yaml good
    /// execution.checkpointing.interval: 1min
    /// execution.checkpointing.dir: hdfs://nameservice1/flink/checkpoints
    /// execution.checkpointing.savepoint-dir: s3://flink-state/savepoints
    /// ```
    ///
    /// ```java file=Job.java good
    /// import org.apache.flink.runtime.state.storage.FileSystemCheckpointStorage;
    /// import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
    ///
    /// public class Job {
    ///     public static void main(String[] args) throws Exception {
    ///         StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    ///         env.enableCheckpointing(60_000);
    ///         env.getCheckpointConfig().setCheckpointStorage(
    ///                 new FileSystemCheckpointStorage("s3://flink-state/checkpoints"));
    ///         env.fromSequence(1, 100).print();
    ///         env.execute("job");
    ///     }
    /// }
    /// ```
    ///
    /// ## How to fix
    /// Point the directories at a file system every process reaches: HDFS through its
    /// nameservice or NameNode host, or an object store (`s3://`, `gs://`, `abfs://`,
    /// `oss://`). On Kubernetes use an object store or a `ReadWriteMany` volume mounted at the
    /// same path in every pod. Keep local paths for local runs, in test sources or under a
    /// suppression with a reason.
    ///
    /// ## Options
    /// - `lint-test-sources` (boolean, default `false`): also lint test sources (`src/test/**`,
    ///   `*Test.java`, `*IT.java`, `*ITCase.java`), which run on one machine.
    ///
    /// ## References
    /// - Flink configuration, Checkpoints and State Backends (`execution.checkpointing.dir`):
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/deployment/config/#checkpoints-and-state-backends>
    /// - Flink docs, Checkpoint storage:
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/ops/state/checkpoints/#checkpoint-storage>
    /// - Flink docs, File systems (`fs.default-scheme`):
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/deployment/filesystems/overview/>
    pub CheckpointDirNotShared {
        code: "FLK009",
        name: "checkpoint-dir-not-shared",
        summary: "checkpoint or savepoint directory on a local file system",
        severity: Error,
        kinds: [Java, FlinkConf, FlinkYaml, FlinkSql, FlinkK8s],
        triggers: [
            "execution.checkpointing.dir",
            "state.checkpoints.dir",
            "state.backend.fs.checkpointdir",
            "savepoint-dir",
            "state.savepoints.dir",
            "savepoints.state.backend.fs.dir",
            "CHECKPOINTS_DIRECTORY",
            "SAVEPOINT_DIRECTORY",
            "setCheckpointStorage",
            "setDefaultSavepointDirectory",
            "FsStateBackend",
            "FileSystemCheckpointStorage",
            "RocksDBStateBackend",
        ],
        options: [TestSources::SKIP_BY_DEFAULT],
    }
}

/// Classes whose first constructor argument is a checkpoint directory.
const STORAGE_CLASSES: &[(&str, &str)] = &[
    (
        "FsStateBackend",
        "org.apache.flink.runtime.state.filesystem.FsStateBackend",
    ),
    (
        "FileSystemCheckpointStorage",
        "org.apache.flink.runtime.state.storage.FileSystemCheckpointStorage",
    ),
    (
        "RocksDBStateBackend",
        "org.apache.flink.contrib.streaming.state.RocksDBStateBackend",
    ),
];

/// Java that runs the job in one local process.
const LOCAL_RUNS: &[&str] = &[
    "createLocalEnvironment",
    "LocalStreamEnvironment",
    "MiniCluster",
];

const SETTINGS: &[&FlinkSetting] = &[&CHECKPOINT_DIR, &SAVEPOINT_DIR];

impl Rule for CheckpointDirNotShared {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        if !helpers::uses_flink(file) || LOCAL_RUNS.iter().any(|w| file.text().contains(w)) {
            return;
        }
        let found = Settings::java(file, SETTINGS);
        for setting in SETTINGS {
            for occurrence in found.in_effect(setting) {
                report_occurrence(occurrence, false, &[], cx);
            }
        }
        for creation in file.nodes_of_kind("object_creation_expression") {
            let Some(ty) = creation.child_by_field_name("type") else {
                continue;
            };
            let simple = scope::simple_type_name(file.text_of(ty));
            let Some((class, _)) = STORAGE_CLASSES
                .iter()
                .find(|(name, fqn)| *name == simple && file.refers_to(fqn))
            else {
                continue;
            };
            let Some(first) = arguments(creation).first().copied() else {
                continue;
            };
            let Some(path) = fold::string(file, first) else {
                continue;
            };
            if let Some(problem) = classify(&path.value, false) {
                report(
                    cx,
                    JavaFile::span_of(first),
                    &path.value,
                    &format!("the directory of `new {class}(..)`"),
                    problem,
                );
            }
        }
    }

    fn check_config(&self, file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
        let found = Settings::config(file, SETTINGS);
        let documents = file.documents();
        for setting in SETTINGS {
            for occurrence in found.in_effect(setting) {
                let entries: &[Entry] = documents.get(occurrence.scope).copied().unwrap_or(&[]);
                let complete = found
                    .scopes()
                    .get(occurrence.scope)
                    .is_some_and(|s| s.complete);
                let default_scheme = entries.iter().any(|e| e.key == "fs.default-scheme");
                let mounts: Vec<&str> = if file.kind == FileKind::FlinkK8s {
                    entries
                        .iter()
                        .filter(|e| e.key.starts_with("k8s:") && e.key.ends_with(".mountPath"))
                        .map(|e| e.value.as_str())
                        .collect()
                } else {
                    Vec::new()
                };
                report_occurrence(occurrence, complete && !default_scheme, &mounts, cx);
            }
        }
    }
}

/// What is wrong with a directory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Problem {
    /// `file://` or a Windows drive.
    LocalUri,
    /// A path relative to each process's working directory.
    Relative,
    /// A scheme-less absolute path resolved on the local file system.
    LocalDefault,
    /// A scheme-less `/tmp` path whose default scheme is not in view.
    Tmp,
    /// A file system addressed as the local machine.
    Loopback,
}

/// The problem with `path`, if any. `local_default`: a scheme-less path resolves on the local
/// file system (the whole configuration is in view and sets no `fs.default-scheme`).
fn classify(path: &str, local_default: bool) -> Option<Problem> {
    let path = path.trim().trim_matches(|c| c == '"' || c == '\'');
    if path.is_empty() || path.contains("${") || path.contains("{{") || path.contains("$(") {
        return None;
    }
    match scheme(path) {
        Some((scheme, _)) if scheme.len() == 1 => Some(Problem::LocalUri),
        Some((scheme, _)) if scheme.eq_ignore_ascii_case("file") => Some(Problem::LocalUri),
        Some((_, rest)) => {
            let authority = rest.strip_prefix("//")?.split('/').next()?;
            let host = authority.rsplit('@').next()?;
            let host = if host.starts_with('[') {
                host.split(']').next().map(|h| format!("{h}]"))?
            } else {
                host.split(':').next()?.to_owned()
            };
            let loopback = host.eq_ignore_ascii_case("localhost")
                || host.starts_with("127.")
                || host == "0.0.0.0"
                || host == "[::1]";
            loopback.then_some(Problem::Loopback)
        }
        None if !path.starts_with('/') => Some(Problem::Relative),
        None if local_default => Some(Problem::LocalDefault),
        None if path == "/tmp" || path.starts_with("/tmp/") => Some(Problem::Tmp),
        None => None,
    }
}

/// The URI scheme of `path` and what follows its colon.
fn scheme(path: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = path.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some((scheme, rest))
}

fn report_occurrence(
    occurrence: &Occurrence,
    local_default: bool,
    mounts: &[&str],
    cx: &mut Ctx<'_>,
) {
    let Some(path) = occurrence.value.as_ref().and_then(|v| v.text()) else {
        return;
    };
    let Some(problem) = classify(path, local_default) else {
        return;
    };
    let local = path.trim_start_matches("file:").trim_start_matches("//");
    let local = if local.starts_with('/') { local } else { path };
    if mounts
        .iter()
        .any(|m| !m.is_empty() && m.starts_with('/') && local.starts_with(m.trim_end_matches('/')))
    {
        return;
    }
    let what = match occurrence.origin.key() {
        Some(key) => format!("`{key}`"),
        None if occurrence.setting.is(&SAVEPOINT_DIR) => "the savepoint directory".to_owned(),
        None => "the checkpoint directory".to_owned(),
    };
    report(cx, occurrence.span, path, &what, problem);
}

fn report(cx: &mut Ctx<'_>, span: Span, path: &str, what: &str, problem: Problem) {
    let path = path.trim();
    let (severity, message, help) = match problem {
        Problem::LocalUri => (
            Severity::Error,
            format!(
                "{what} is `{path}`, a local path: the other JobManagers and TaskManagers cannot read it, and a restore finds nothing"
            ),
            "use a file system every process reaches, e.g. `hdfs://<nameservice>/…` or `s3://<bucket>/…`",
        ),
        Problem::Relative => (
            Severity::Error,
            format!(
                "{what} is `{path}`, a relative path: each process resolves it in its own working directory"
            ),
            "use an absolute URI on a shared file system, e.g. `s3://<bucket>/…`",
        ),
        Problem::LocalDefault => (
            Severity::Error,
            format!(
                "{what} is `{path}`, without a scheme and no `fs.default-scheme` is set: it is on each machine's local disk"
            ),
            "give the path a shared file system's scheme, e.g. `hdfs://<nameservice>/…`, or set `fs.default-scheme`",
        ),
        Problem::Tmp => (
            Severity::Warning,
            format!(
                "{what} is `{path}`, under `/tmp`: unless the cluster's default file system is shared, it is each machine's local disk"
            ),
            "give the path a shared file system's scheme, e.g. `hdfs://<nameservice>/…`",
        ),
        Problem::Loopback => (
            Severity::Warning,
            format!(
                "{what} is `{path}`: a file system addressed as the local machine is reached only from there"
            ),
            "address the file system by a name every machine resolves, e.g. its nameservice",
        ),
    };
    cx.report(severity, span, message).help(help);
}

#[cfg(test)]
mod tests {
    use bdl_syntax::check_one;

    use super::*;

    const RULE: CheckpointDirNotShared = CheckpointDirNotShared;

    #[test]
    fn triggers_cover_every_way_to_set_the_directories() {
        let missing =
            crate::settings::missing_triggers(CheckpointDirNotShared::META.triggers, SETTINGS);
        assert!(missing.is_empty(), "{missing:?}");
    }

    #[test]
    fn classifies_paths() {
        use Problem::*;
        for (path, local_default, problem) in [
            ("file:///tmp/ck", false, Some(LocalUri)),
            ("FILE:/data/ck", false, Some(LocalUri)),
            ("C:\\flink\\ck", false, Some(LocalUri)),
            ("checkpoints", false, Some(Relative)),
            ("./ck", false, Some(Relative)),
            ("/flink/ck", true, Some(LocalDefault)),
            ("/flink/ck", false, None),
            ("/tmp/ck", false, Some(Tmp)),
            ("hdfs://localhost:9000/ck", false, Some(Loopback)),
            ("hdfs://127.0.0.1/ck", false, Some(Loopback)),
            ("hdfs://[::1]:8020/ck", false, Some(Loopback)),
            ("hdfs://nameservice1/ck", false, None),
            ("hdfs:///ck", false, None),
            ("s3://bucket/ck", false, None),
            ("s3a://bucket/ck", false, None),
            ("gs://bucket/ck", false, None),
            ("abfs://c@acct.dfs.core.windows.net/ck", false, None),
            ("oss://bucket/ck", false, None),
            ("${CHECKPOINT_DIR}", true, None),
            ("file://${HOME}/ck", true, None),
            ("", true, None),
        ] {
            assert_eq!(classify(path, local_default), problem, "{path}");
        }
    }

    fn spans(name: &str, text: &str) -> Vec<(String, Severity)> {
        check_one(&RULE, name, text)
            .iter()
            .map(|d| (d.span.slice(text).to_owned(), d.severity))
            .collect()
    }

    #[test]
    fn configuration_files() {
        assert_eq!(
            spans(
                "flink-conf.yaml",
                "state.checkpoints.dir: file:///tmp/ck\nstate.savepoints.dir: hdfs://localhost:9000/sp\n"
            ),
            [
                ("file:///tmp/ck".to_owned(), Severity::Error),
                ("hdfs://localhost:9000/sp".to_owned(), Severity::Warning)
            ]
        );
        // The key wins over its deprecated name.
        assert!(
            spans(
                "flink-conf.yaml",
                "execution.checkpointing.dir: s3://b/ck\nstate.checkpoints.dir: file:///tmp/ck\n"
            )
            .is_empty()
        );
        assert_eq!(
            spans(
                "config.yaml",
                "execution:\n  checkpointing:\n    dir: /data/ck\n"
            ),
            [("/data/ck".to_owned(), Severity::Error)]
        );
        assert!(
            spans(
                "config.yaml",
                "fs:\n  default-scheme: hdfs://nn1\nexecution:\n  checkpointing:\n    dir: /data/ck\n"
            )
            .is_empty()
        );
        // A SQL script runs on a cluster whose default scheme is not in view.
        assert!(
            spans(
                "job.sql",
                "SET 'execution.checkpointing.dir' = '/data/ck';\n"
            )
            .is_empty()
        );
        assert_eq!(
            spans("job.sql", "SET 'state.checkpoints.dir' = '/tmp/ck';\n"),
            [("/tmp/ck".to_owned(), Severity::Warning)]
        );
    }

    #[test]
    fn kubernetes_mounted_volumes_are_not_reported() {
        let manifest = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nspec:\n  \
                        flinkConfiguration:\n    state.checkpoints.dir: file:///flink-data/ck\n  \
                        podTemplate:\n    spec:\n      containers:\n        - name: flink-main-container\n          \
                        volumeMounts:\n            - mountPath: /flink-data\n              name: data\n---\n\
                        apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nspec:\n  \
                        flinkConfiguration:\n    state.checkpoints.dir: file:///flink-data/ck\n";
        let found = check_one(&RULE, "k8s/jobs.yaml", manifest);
        let lines: Vec<u32> = found.iter().map(|d| d.start.line).collect();
        assert_eq!(lines, [18]);
    }

    fn job(body: &str) -> String {
        format!(
            "package com.example;\n\
             import org.apache.flink.runtime.state.filesystem.FsStateBackend;\n\
             import org.apache.flink.runtime.state.storage.FileSystemCheckpointStorage;\n\
             import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;\n\
             public class Job {{\n\
             public static void main(String[] args) throws Exception {{\n\
             StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();\n\
             {body}\n\
             }}\n}}\n"
        )
    }

    #[test]
    fn java_storage_and_setters() {
        let java = |body: &str| spans("src/main/java/com/example/Job.java", &job(body));
        assert_eq!(
            java("env.setStateBackend(new FsStateBackend(\"file:///data/ck\"));"),
            [("\"file:///data/ck\"".to_owned(), Severity::Error)]
        );
        assert_eq!(
            java(
                "env.getCheckpointConfig().setCheckpointStorage(new FileSystemCheckpointStorage(\"hdfs://localhost:8020/ck\"));"
            ),
            [("\"hdfs://localhost:8020/ck\"".to_owned(), Severity::Warning)]
        );
        assert_eq!(
            java("env.getCheckpointConfig().setCheckpointStorage(\"file:///ck\");").len(),
            1
        );
        for body in [
            "env.getCheckpointConfig().setCheckpointStorage(\"hdfs://nn/ck\");",
            "env.getCheckpointConfig().setCheckpointStorage(\"/flink/ck\");",
            "env.getCheckpointConfig().setCheckpointStorage(args[0]);",
            "Backup b = new Backup(\"file:///tmp/x\");",
        ] {
            assert!(java(body).is_empty(), "{body}");
        }
        // A local run: one process, one file system.
        let src = job(
            "env.setStateBackend(new FsStateBackend(\"file:///data/ck\")); MiniClusterWithClientResource m = null;",
        );
        assert!(check_one(&RULE, "src/main/java/com/example/Job.java", &src).is_empty());
        let src = job("env.setStateBackend(new FsStateBackend(\"file:///data/ck\"));");
        assert!(check_one(&RULE, "src/test/java/com/example/JobTest.java", &src).is_empty());
    }
}
