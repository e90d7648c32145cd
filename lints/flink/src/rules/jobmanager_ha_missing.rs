use bdl_core::{Ctx, FileKind, RuleMeta, Severity, Span, declare_rule};
use bdl_syntax::config::flink_k8s::{Resource, is_template};
use bdl_syntax::{ConfigFile, Entry, Rule};

use crate::settings::{HA_TYPE, Occurrence, Settings, Value};

declare_rule! {
    /// ## What it does
    /// Flags a whole Flink cluster configuration without JobManager high availability (info):
    /// - a `flink-conf.yaml` or `config.yaml` that configures a cluster (it sets
    ///   `jobmanager.rpc.address`, `jobmanager.memory.*`, `taskmanager.memory.*`,
    ///   `taskmanager.numberOfTaskSlots` or another JobManager / TaskManager process key) and
    ///   sets no `high-availability.type` (older: `high-availability`, `recovery.mode`), or sets
    ///   it to `NONE`;
    /// - a Kubernetes `FlinkDeployment` whose `spec.flinkConfiguration` does the same; a
    ///   warning when its `spec.jobManager.replicas` is above 1, which the operator only accepts
    ///   with high availability.
    ///
    /// A `FlinkSessionJob`, a SQL script and Java code are not reported: they run on a cluster
    /// configured elsewhere. A configuration whose `jobmanager.rpc.address` is `localhost` (a
    /// one-machine setup, Flink's distribution default) is not reported, nor is a file that
    /// could not be read to its end, nor a Helm template, which may add any key. The Kubernetes operator's default configuration may set
    /// high availability for every deployment; suppress the finding then, with a reason.
    ///
    /// ## Why is this bad?
    /// Without high availability the JobManager is a single point of failure. When its process
    /// or pod is lost, the running jobs are lost with it: nothing records which jobs ran and
    /// which checkpoint they had reached, so they are not recovered and have to be resubmitted
    /// by hand. Flink's production readiness checklist calls JobManager high availability
    /// "highly recommended". The Kubernetes operator needs it for more than one JobManager
    /// replica and for the `last-state` upgrade mode.
    ///
    /// ## Example
    /// ```yaml file=flink-conf.yaml bad
    /// jobmanager.rpc.address: flink-jobmanager
    /// taskmanager.numberOfTaskSlots: 4
    /// execution.checkpointing.dir: s3://flink-state/checkpoints
    /// ```
    ///
    /// Use instead:
    ///
    /// ```yaml file=flink-conf.yaml good
    /// jobmanager.rpc.address: flink-jobmanager
    /// taskmanager.numberOfTaskSlots: 4
    /// execution.checkpointing.dir: s3://flink-state/checkpoints
    /// high-availability.type: kubernetes
    /// high-availability.storageDir: s3://flink-state/ha
    /// ```
    ///
    /// ## How to fix
    /// Set `high-availability.type` to `kubernetes` (on Kubernetes) or `zookeeper` (with
    /// `high-availability.zookeeper.quorum`), and `high-availability.storageDir` to a shared
    /// file system. Development clusters can suppress the finding.
    ///
    /// ## Options
    /// None.
    ///
    /// ## References
    /// - Flink docs, High Availability:
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/deployment/ha/overview/>
    /// - Flink docs, Production readiness checklist:
    ///   <https://nightlies.apache.org/flink/flink-docs-stable/docs/ops/production_ready/>
    /// - Flink Kubernetes operator, job management (upgrade modes, JobManager replicas):
    ///   <https://nightlies.apache.org/flink/flink-kubernetes-operator-docs-stable/docs/custom-resource/job-management/>
    pub JobmanagerHaMissing {
        code: "FLK022",
        name: "jobmanager-ha-missing",
        summary: "cluster configuration without JobManager high availability",
        severity: Info,
        kinds: [FlinkConf, FlinkYaml, FlinkK8s],
        triggers: [
            "jobmanager",
            "taskmanager",
            "FlinkDeployment",
            "high-availability",
            "recovery.mode",
        ],
        options: [],
    }
}

/// Keys that configure the JobManager or TaskManager processes of a cluster, exactly or as a
/// prefix ending in `.`; Helm values (`jobmanager.replicas`) do not match.
const CLUSTER_KEYS: &[&str] = &[
    "jobmanager.rpc.address",
    "jobmanager.rpc.port",
    "jobmanager.bind-host",
    "jobmanager.memory.",
    "jobmanager.execution.failover-strategy",
    "taskmanager.numberOfTaskSlots",
    "taskmanager.bind-host",
    "taskmanager.host",
    "taskmanager.memory.",
];

impl Rule for JobmanagerHaMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_config(&self, file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
        let found = Settings::config(file, &[&HA_TYPE]);
        let documents = file.documents();
        for (index, scope) in found.scopes().iter().enumerate() {
            let Some(entries) = documents.get(index).copied() else {
                continue;
            };
            if !scope.complete {
                continue;
            }
            let (anchor, replicas) = if file.kind == FileKind::FlinkK8s {
                let Some(resource) = Resource::new(entries).filter(Resource::is_deployment) else {
                    continue;
                };
                let Some(kind) = resource.kind() else {
                    continue;
                };
                let replicas = resource
                    .job_manager_replicas()
                    .filter(|r| r.value.trim().parse::<u32>().is_ok_and(|n| n > 1));
                (kind.value_span, replicas)
            } else {
                let Some(anchor) = cluster_key(entries) else {
                    continue;
                };
                (anchor, None)
            };
            if let Some(ha) = found.effective(&HA_TYPE, index) {
                if is_none(ha) {
                    report_none(ha, replicas, cx);
                }
                continue;
            }
            // A Helm template may add any key (`{{ toYaml .Values.extraFlinkConfiguration }}`).
            let templated = file.kind == FileKind::FlinkK8s && is_template(file.text);
            if templated || found.possibly_set(&HA_TYPE, index) {
                continue;
            }
            report_unset(anchor, replicas, cx);
        }
    }
}

/// The span of the key that makes `entries` a cluster configuration, unless it is a local one.
fn cluster_key(entries: &[Entry]) -> Option<Span> {
    let local = entries
        .iter()
        .rev()
        .find(|e| e.key == "jobmanager.rpc.address")
        .is_some_and(|e| {
            let host = e.value.trim();
            host.eq_ignore_ascii_case("localhost") || host.starts_with("127.")
        });
    if local {
        return None;
    }
    let key = entries.iter().find(|e| {
        CLUSTER_KEYS.iter().any(|k| {
            if k.ends_with('.') {
                e.key.starts_with(k)
            } else {
                e.key == *k
            }
        })
    })?;
    Some(key.key_span)
}

/// `NONE`, or `standalone` under the old `recovery.mode`.
fn is_none(ha: &Occurrence) -> bool {
    ha.value.as_ref().and_then(Value::text).is_some_and(|t| {
        t.eq_ignore_ascii_case("none")
            || (ha.origin.key() == Some("recovery.mode") && t.eq_ignore_ascii_case("standalone"))
    })
}

const HELP: &str = "set `high-availability.type: kubernetes` (or `zookeeper`) and \
                    `high-availability.storageDir` on a shared file system";

fn report_none(ha: &Occurrence, replicas: Option<&Entry>, cx: &mut Ctx<'_>) {
    let key = ha.origin.key().unwrap_or(HA_TYPE.key);
    let value = ha.value.as_ref().and_then(Value::text).unwrap_or("NONE");
    let (severity, message) = match replicas {
        Some(r) => (
            Severity::Warning,
            format!(
                "`{key}: {value}` with `spec.jobManager.replicas: {}`: the operator only runs \
                 more than one JobManager with high availability",
                r.value.trim()
            ),
        ),
        None => (
            Severity::Info,
            format!(
                "`{key}: {value}` turns JobManager high availability off: a lost JobManager \
                 takes the running jobs with it"
            ),
        ),
    };
    cx.report(severity, ha.span, message).help(HELP);
}

fn report_unset(anchor: Span, replicas: Option<&Entry>, cx: &mut Ctx<'_>) {
    match replicas {
        Some(r) => {
            cx.report(
                Severity::Warning,
                r.value_span,
                format!(
                    "{} JobManager replicas and no `high-availability.type`: the operator only \
                     runs more than one JobManager with high availability",
                    r.value.trim()
                ),
            )
            .help(HELP);
        }
        None => {
            cx.report(
                Severity::Info,
                anchor,
                "this cluster configuration sets no `high-availability.type`: the JobManager is \
                 a single point of failure, and a lost JobManager takes the running jobs with it",
            )
            .help(HELP);
        }
    }
}

#[cfg(test)]
mod tests {
    use bdl_syntax::check_one;

    use super::*;

    const RULE: JobmanagerHaMissing = JobmanagerHaMissing;

    fn found(name: &str, text: &str) -> Vec<(Severity, String)> {
        check_one(&RULE, name, text)
            .iter()
            .map(|d| (d.severity, d.span.slice(text).to_owned()))
            .collect()
    }

    fn info(span: &str) -> Vec<(Severity, String)> {
        vec![(Severity::Info, span.to_owned())]
    }

    #[test]
    fn cluster_files() {
        assert_eq!(
            found(
                "flink-conf.yaml",
                "jobmanager.rpc.address: flink-jm\ntaskmanager.numberOfTaskSlots: 2\n"
            ),
            info("jobmanager.rpc.address")
        );
        assert_eq!(
            found(
                "config.yaml",
                "taskmanager:\n  memory:\n    process:\n      size: 4g\n"
            ),
            info("size")
        );
        assert_eq!(
            found(
                "flink-conf.yaml",
                "jobmanager.rpc.address: flink-jm\nhigh-availability: NONE\n"
            ),
            info("NONE")
        );
        assert_eq!(
            found(
                "flink-conf.yaml",
                "taskmanager.numberOfTaskSlots: 2\nrecovery.mode: standalone\n"
            ),
            info("standalone")
        );
        for text in [
            "jobmanager.rpc.address: flink-jm\nhigh-availability.type: kubernetes\n",
            "jobmanager.rpc.address: flink-jm\nhigh-availability: zookeeper\n",
            "jobmanager.rpc.address: flink-jm\nhigh-availability.type: ${HA_TYPE}\n",
            // Flink's distribution default: one machine.
            "jobmanager.rpc.address: localhost\ntaskmanager.numberOfTaskSlots: 1\n",
            // Not a cluster configuration.
            "execution.checkpointing.interval: 1min\n",
            "# high-availability.type: kubernetes\nexecution.checkpointing.interval: 1min\n",
        ] {
            assert!(found("flink-conf.yaml", text).is_empty(), "{text}");
        }
        // Helm values that merely mention the components.
        assert!(
            found(
                "flink-values.yaml",
                "jobmanager:\n  replicas: 1\ntaskmanager:\n  replicas: 2\n"
            )
            .is_empty()
        );
        // A SQL script adds to a cluster configured elsewhere.
        assert!(found("job.sql", "SET 'taskmanager.numberOfTaskSlots' = '2';\n").is_empty());
    }

    fn deployment(kind: &str, replicas: &str, conf: &str) -> String {
        format!(
            "apiVersion: flink.apache.org/v1beta1\nkind: {kind}\nmetadata:\n  name: jobs\nspec:\n  \
             flinkConfiguration:\n    taskmanager.numberOfTaskSlots: \"2\"\n{conf}  jobManager:\n    \
             replicas: {replicas}\n"
        )
    }

    #[test]
    fn kubernetes_resources() {
        assert_eq!(
            found("k8s/d.yaml", &deployment("FlinkDeployment", "1", "")),
            info("FlinkDeployment")
        );
        assert_eq!(
            found("k8s/d.yaml", &deployment("FlinkDeployment", "2", "")),
            [(Severity::Warning, "2".to_owned())]
        );
        assert_eq!(
            found(
                "k8s/d.yaml",
                &deployment("FlinkDeployment", "3", "    high-availability.type: none\n")
            ),
            [(Severity::Warning, "none".to_owned())]
        );
        for text in [
            deployment(
                "FlinkDeployment",
                "2",
                "    high-availability.type: kubernetes\n",
            ),
            deployment(
                "FlinkDeployment",
                "2",
                "    high-availability: org.apache.flink.kubernetes.highavailability.KubernetesHaServicesFactory\n",
            ),
            deployment("FlinkSessionJob", "2", ""),
            deployment(
                "FlinkDeployment",
                "2",
                "    {{- toYaml .Values.extraFlinkConfiguration | nindent 4 }}\n",
            ),
        ] {
            assert!(found("k8s/d.yaml", &text).is_empty(), "{text}");
        }
    }
}
