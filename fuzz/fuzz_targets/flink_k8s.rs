//! Kubernetes `FlinkDeployment` / `FlinkSessionJob` resources: the input read as
//! `FileKind::FlinkK8s` as it is, and once more behind a resource header, so that mutations
//! reach the resource reader (document split, `spec.flinkConfiguration` flattening, Helm
//! template blanking) without first having to find the API group; then every rule for each.
//! Content detection runs on the input too. Invariants: entry and error spans are valid slices
//! of the text parsed; findings lie within it; each resource starts with its marker entry.

#![no_main]

use std::path::Path;

use bdl_core::FileKind;
use bdl_fuzz::{decode, fuzz_config};
use bdl_syntax::ConfigFile;
use bdl_syntax::config::flink_k8s::{RESOURCE_MARKER, Resource};
use libfuzzer_sys::fuzz_target;

const HEADER: &str = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\n";

fuzz_target!(|data: &[u8]| {
    let text = decode(data);
    let _ = bdl_syntax::kind::detect(Path::new("k8s/flink-deployment.yaml"), &text);
    fuzz_config(FileKind::FlinkK8s, "flink-deployment.yaml", &text);
    let wrapped = format!("{HEADER}{text}");
    fuzz_config(FileKind::FlinkK8s, "flink-deployment.yaml", &wrapped);
    let file = ConfigFile::parse(FileKind::FlinkK8s, &wrapped);
    for document in file.documents() {
        let resource = Resource::new(document).expect("every document starts with its marker");
        assert_eq!(
            resource.kind().map(|k| k.key.as_str()),
            Some(RESOURCE_MARKER)
        );
        let _ = (resource.job_manager_replicas(), resource.upgrade_mode());
    }
});
