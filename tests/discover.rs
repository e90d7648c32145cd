//! The two ways files reach the rules: walked and linted as they are found (one path
//! argument), or listed, sorted and deduplicated first (several). Both must see the same files
//! and report the same findings, whatever the thread count.

mod common;

use std::path::PathBuf;

use bdl_syntax::discover::{self, DiscoverOptions};
use bigdata_lint::engine::{self, RunOptions, RunResult};
use bigdata_lint::registry;

fn report(result: &RunResult) -> Vec<String> {
    result
        .diagnostics
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{} {} {}",
                d.path, d.start.line, d.start.column, d.code, d.fingerprint
            )
        })
        .collect()
}

#[test]
fn walking_and_listing_see_the_same_files() {
    let testdata = common::root().join("testdata");
    let options = DiscoverOptions {
        excludes: vec!["**/good/**".to_owned()],
        exclude_root: Some(common::root()),
        ..DiscoverOptions::default()
    };
    let listed: Vec<PathBuf> = discover::discover(std::slice::from_ref(&testdata), &options)
        .expect("discover")
        .files
        .into_iter()
        .map(|c| c.path)
        .collect();
    assert!(listed.len() > 20, "{listed:?}");
    assert!(
        listed
            .iter()
            .all(|p| !p.to_string_lossy().contains("/good/"))
    );
    for threads in [1, 2, 4] {
        let (states, problems) = discover::visit_each(
            &testdata,
            &options,
            threads,
            Vec::new,
            |seen: &mut Vec<PathBuf>, c| seen.push(c.path),
        )
        .expect("walk");
        assert!(problems.is_empty(), "{problems:?}");
        assert!(states.len() <= threads, "one state per walker thread");
        let mut walked: Vec<PathBuf> = states.into_iter().flatten().collect();
        walked.sort();
        assert_eq!(walked, listed, "{threads} threads");
    }
    // A single file argument is visited once, on the calling thread's state, by its path
    // relative to the working directory (the package root, for tests).
    let file = testdata.join("FLK001/bad/CheckpointJob.java");
    let (states, _) = discover::visit_each(
        &file,
        &options,
        4,
        Vec::new,
        |seen: &mut Vec<PathBuf>, c| {
            seen.push(c.path);
        },
    )
    .expect("walk");
    assert_eq!(
        states,
        [vec![PathBuf::from(
            "testdata/FLK001/bad/CheckpointJob.java"
        )]]
    );
}

#[test]
fn one_path_and_several_paths_report_the_same_findings() {
    let testdata = common::root().join("testdata");
    let run = |paths: Vec<PathBuf>, threads: usize| {
        let options = RunOptions {
            paths,
            threads: Some(threads),
            list_checked_files: true,
            ..RunOptions::default()
        };
        engine::run(&registry::all_rules(), &options).expect("run")
    };
    let walked = run(vec![testdata.clone()], 2);
    assert!(walked.diagnostics.len() > 50);
    let mut parts: Vec<PathBuf> = std::fs::read_dir(&testdata)
        .expect("read testdata")
        .map(|e| e.expect("entry").path())
        .collect();
    parts.sort();
    // Overlapping arguments are linted once.
    parts.push(testdata.clone());
    for threads in [1, 2] {
        let listed = run(parts.clone(), threads);
        assert_eq!(report(&listed), report(&walked), "{threads} threads");
        assert_eq!(listed.checked_files, walked.checked_files);
        assert_eq!(listed.files_checked, walked.files_checked);
        assert_eq!(listed.files_parsed, walked.files_parsed);
        assert_eq!(
            run(vec![testdata.clone()], threads).checked_files,
            walked.checked_files
        );
    }
}
