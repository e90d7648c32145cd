//! The lint worker: lints documents off the main loop with the settings of the nearest
//! settings file, and turns findings into LSP diagnostics, fixes and suppression edits.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use bdl_core::{Applicability, Diagnostic, FileKind, LineIndex};
use bdl_syntax::Checker;
use bdl_syntax::discover::ExcludeMatcher;
use bdl_syntax::project::Projects;
use crossbeam_channel::{Receiver, Sender};
use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    TextEdit, Uri,
};

use super::convert::{Encoding, Lines};
use crate::engine::{self, RunOptions};
use crate::settings::{self, Settings, SettingsError};
use crate::{cli, registry};

/// A document to lint, as the editor has it.
pub(super) struct Job {
    pub(super) uri: Uri,
    pub(super) path: PathBuf,
    pub(super) version: i32,
    pub(super) text: Arc<str>,
}

/// What linting a document gave.
pub(super) struct Outcome {
    pub(super) uri: Uri,
    pub(super) version: i32,
    /// The text linted: a result is about this text only, whatever the version says (a
    /// document closed and opened again starts its versions over).
    pub(super) text: Arc<str>,
    pub(super) linted: Linted,
}

/// The result of linting one document.
pub(super) enum Linted {
    Findings(Vec<Finding>),
    /// Not linted: the text has `size` bytes, above the `limit` a run skips files at.
    TooLarge {
        size: usize,
        limit: u64,
    },
    /// Not linted: the settings exclude the file. Nothing is shown for it, as a run with
    /// `--force-exclude` says nothing of such a file.
    Excluded,
    /// Could not be linted, and why: a settings file in error, an internal error.
    Failed(String),
}

/// One active finding, ready for the editor.
pub(super) struct Finding {
    pub(super) diagnostic: lsp_types::Diagnostic,
    pub(super) code: &'static str,
    /// The rule's fix: description, whether it is safe, edits.
    pub(super) fix: Option<(String, bool, Vec<TextEdit>)>,
    /// The comment that suppresses this finding, when one is known to work.
    pub(super) suppress: Option<TextEdit>,
}

/// The rules and options of one settings file, built once per version of the file.
struct Prepared {
    settings: Settings,
    options: RunOptions,
    checker: Checker,
    /// The settings' `exclude` and `extend-exclude`: an open document they match is not
    /// linted, as a run with `--force-exclude` leaves such a file out.
    excludes: ExcludeMatcher,
}

/// Prepared settings, or why they could not be prepared, with the modification time and size
/// of the settings file they were read at (the size catches an edit within the clock's
/// resolution).
type Entry = (Option<(SystemTime, u64)>, Result<Arc<Prepared>, String>);

/// Prepared settings by settings file (`None`: no settings file); a file whose time changed is
/// read again.
#[derive(Default)]
pub(super) struct Cache(HashMap<Option<PathBuf>, Entry>);

/// How the worker lints a job: [`lint`]; the tests give stand-ins that fail.
pub(super) type LintFn = fn(&mut Cache, &Job, Encoding) -> Linted;

/// Runs jobs until the job channel closes. Jobs queued for the same document while one ran
/// are coalesced: only the newest is linted.
pub(super) fn worker(
    jobs: &Receiver<Job>,
    outcomes: &Sender<Outcome>,
    encoding: Encoding,
    lint: LintFn,
) {
    let mut cache = Cache::default();
    while let Ok(first) = jobs.recv() {
        let mut batch = vec![first];
        while let Ok(more) = jobs.try_recv() {
            batch.retain(|j| j.uri != more.uri);
            batch.push(more);
        }
        for job in batch {
            // The checker isolates rule panics; this keeps the worker alive whatever else fails,
            // and the document gets an error instead of a result.
            let linted = catch_unwind(AssertUnwindSafe(|| lint(&mut cache, &job, encoding)))
                .unwrap_or_else(|payload| {
                    // Whatever the panic interrupted is not trusted again.
                    cache = Cache::default();
                    let failed = Linted::Failed(format!(
                        "internal error while linting {}: {}; the server goes on, please report it",
                        job.path.display(),
                        panic_message(payload.as_ref())
                    ));
                    // A payload may panic when dropped; that must not end the worker either.
                    let _ = catch_unwind(AssertUnwindSafe(move || drop(payload)));
                    failed
                });
            let outcome = Outcome {
                uri: job.uri,
                version: job.version,
                text: job.text,
                linted,
            };
            if outcomes.send(outcome).is_err() {
                return;
            }
        }
    }
}

/// The message a panic was raised with, when it has one.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("a panic without a message")
}

/// Lints one job with the settings of its path, as a run lints that file.
pub(super) fn lint(cache: &mut Cache, job: &Job, encoding: Encoding) -> Linted {
    match lint_text(cache, job, encoding) {
        Ok(linted) => linted,
        Err(message) => Linted::Failed(message),
    }
}

fn lint_text(cache: &mut Cache, job: &Job, encoding: Encoding) -> Result<Linted, String> {
    let prepared = prepared(cache, &job.path)?;
    if prepared.excludes.excludes(&job.path) {
        return Ok(Linted::Excluded);
    }
    // As a run skips such files: generated code and data dumps are not linted as typed.
    let limit = prepared.options.max_file_size;
    if job.text.len() as u64 > limit {
        return Ok(Linted::TooLarge {
            size: job.text.len(),
            limit,
        });
    }
    let projects = Projects::new(&prepared.options.targets);
    let text: &str = &job.text;
    let Some((kind, mut diagnostics)) = engine::check_text(
        &prepared.checker,
        &projects,
        &prepared.options,
        &job.path,
        text,
    ) else {
        return Ok(Linted::Findings(Vec::new()));
    };
    diagnostics.retain(Diagnostic::is_active);
    for d in &mut diagnostics {
        if let Some((_, severity)) = prepared
            .settings
            .severity
            .iter()
            .find(|(c, _)| *c == d.code)
        {
            d.severity = *severity;
        }
    }
    let suppressions = verified_suppressions(&prepared, &projects, job, kind, &diagnostics);
    let lines = Lines::new(text, encoding);
    Ok(Linted::Findings(
        diagnostics
            .iter()
            .zip(suppressions)
            .map(|(d, suppress)| finding(d, &job.uri, &lines, suppress))
            .collect(),
    ))
}

/// The prepared settings for the file at `path`, read again when the settings file changed.
fn prepared(cache: &mut Cache, path: &Path) -> Result<Arc<Prepared>, String> {
    let file = settings::find(path);
    let stamp = file
        .as_deref()
        .and_then(|f| std::fs::metadata(f).ok())
        .and_then(|m| Some((m.modified().ok()?, m.len())));
    if let Some((time, prepared)) = cache.0.get(&file)
        && *time == stamp
    {
        return prepared.clone();
    }
    let built = prepare(path).map(Arc::new);
    cache.0.insert(file, (stamp, built.clone()));
    built
}

/// The run options for the file at `path`, as `bigdata-lint PATH` without flags has them.
fn prepare(path: &Path) -> Result<Prepared, String> {
    let settings = settings::load_nearest(path, &mut Vec::new()).map_err(|e| settings_error(&e))?;
    let selection = cli::selection(
        &settings,
        &cli::CheckSelection {
            select: None,
            extend_select: &[],
            ignore: &[],
        },
    )?;
    let options = RunOptions {
        paths: vec![path.to_path_buf()],
        selection,
        rule_options: settings
            .rules
            .iter()
            .map(|(code, name, value)| ((*code).to_owned(), name.clone(), value.clone()))
            .collect(),
        keep_sources: false,
        targets: crate::target::options(&settings, &[])?,
        fix: crate::fix::FixOptions {
            mode: None,
            unsafe_fixes: true,
            fixable: cli::fixable(&settings)?,
        },
        per_file_ignores: cli::per_file_ignores(&settings)?,
        ..RunOptions::default()
    };
    let checker = engine::checker(&registry::all_rules(), &options).map_err(|e| e.to_string())?;
    let excludes = ExcludeMatcher::new(&settings.excludes(), settings.root()).map_err(|e| {
        let file = settings
            .path
            .as_deref()
            .map_or_else(|| "settings".to_owned(), |p| p.display().to_string());
        format!("{file}: {e}")
    })?;
    Ok(Prepared {
        settings,
        options,
        checker,
        excludes,
    })
}

fn settings_error(e: &SettingsError) -> String {
    let at = LineIndex::new(&e.text).line_col(&e.text, e.span.start);
    format!(
        "{}:{}:{}: {}",
        e.path.display(),
        at.line,
        at.column,
        e.message
    )
}

fn finding(d: &Diagnostic, uri: &Uri, lines: &Lines<'_>, suppress: Option<TextEdit>) -> Finding {
    let severity = match d.severity {
        bdl_core::Severity::Error => DiagnosticSeverity::ERROR,
        bdl_core::Severity::Warning => DiagnosticSeverity::WARNING,
        bdl_core::Severity::Info => DiagnosticSeverity::INFORMATION,
    };
    let message = match &d.help {
        Some(help) => format!("{}\nhelp: {help}", d.message),
        None => d.message.clone(),
    };
    let related: Vec<DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .map(|label| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), lines.range(label.span.start, label.span.end)),
            message: label.message.clone(),
        })
        .collect();
    let diagnostic = lsp_types::Diagnostic {
        range: lines.range(d.span.start, d.span.end),
        severity: Some(severity),
        code: Some(NumberOrString::String(d.code.to_owned())),
        code_description: bdl_report::rule_url(d.code)
            .parse()
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some("bigdata-lint".to_owned()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    };
    let fix = d.fix.as_ref().map(|fix| {
        let edits = fix
            .edits
            .iter()
            .map(|e| TextEdit::new(lines.range(e.span.start, e.span.end), e.content.clone()))
            .collect();
        (
            fix.message.clone(),
            fix.applicability == Applicability::Safe,
            edits,
        )
    });
    Finding {
        diagnostic,
        code: d.code,
        fix,
        suppress,
    }
}

/// A suppression comment to insert: at `offset` (a line start), this text.
struct Insertion {
    offset: usize,
    indent: String,
    line_break: &'static str,
}

/// The comment for `codes` in a file of `kind`, in its comment syntax.
fn comment(kind: FileKind, codes: &str) -> String {
    match kind {
        FileKind::Java | FileKind::GradleScript => format!("// bigdata-lint: ignore {codes}"),
        FileKind::FlinkSql => format!("-- bigdata-lint: ignore {codes}"),
        FileKind::HadoopXml | FileKind::MavenPom => {
            format!("<!-- bigdata-lint: ignore {codes} -->")
        }
        FileKind::FlinkConf
        | FileKind::FlinkYaml
        | FileKind::SpringYaml
        | FileKind::SpringProperties
        | FileKind::SparkConf
        | FileKind::FlinkK8s
        | FileKind::GradleCatalog => format!("# bigdata-lint: ignore {codes}"),
    }
}

/// Where a comment suppressing `d` goes: a line of its own above the line the finding starts
/// on, indented as that line. In `.properties` files, above the property the line continues.
/// `None` for the `BDL` rules, which a line comment cannot suppress.
fn insertion(d: &Diagnostic, kind: FileKind, lines: &Lines<'_>) -> Option<Insertion> {
    if d.code.starts_with("BDL") {
        return None;
    }
    let mut line = lines.line_of(d.span.start);
    if matches!(kind, FileKind::SpringProperties | FileKind::SparkConf) {
        let continues = |l: &str| (l.len() - l.trim_end_matches('\\').len()) % 2 == 1;
        while line > 0 && continues(lines.line_text(line - 1)) {
            line -= 1;
        }
    }
    let text = lines.line_text(line);
    // Nothing may precede an XML declaration.
    if matches!(kind, FileKind::HadoopXml | FileKind::MavenPom)
        && text.trim_start().starts_with("<?xml")
    {
        return None;
    }
    let indent = &text[..text.len() - text.trim_start_matches([' ', '\t']).len()];
    Some(Insertion {
        offset: lines.line_start(line),
        indent: indent.to_owned(),
        line_break: lines.line_break(line),
    })
}

/// For each finding, the edit inserting a suppression comment for it, kept only when the
/// comment is proven to work: every comment is inserted, the text is linted again, and a
/// finding's comment is kept when that finding is then reported as suppressed. A comment
/// that would land in a string, a YAML block scalar or a property value suppresses nothing
/// and is not offered.
fn verified_suppressions(
    prepared: &Prepared,
    projects: &Projects,
    job: &Job,
    kind: FileKind,
    diagnostics: &[Diagnostic],
) -> Vec<Option<TextEdit>> {
    let text: &str = &job.text;
    let lines = Lines::new(text, Encoding::Utf8);
    let places: Vec<Option<Insertion>> = diagnostics
        .iter()
        .map(|d| insertion(d, kind, &lines))
        .collect();
    if !prepared.checker.inline_suppressions() || places.iter().all(Option::is_none) {
        return diagnostics.iter().map(|_| None).collect();
    }
    // One comment per place, naming every code suppressed there.
    let mut by_offset: Vec<(usize, Vec<&'static str>, &Insertion)> = Vec::new();
    for (d, place) in diagnostics.iter().zip(&places) {
        let Some(place) = place else { continue };
        match by_offset.iter_mut().find(|(o, _, _)| *o == place.offset) {
            Some((_, codes, _)) if codes.contains(&d.code) => {}
            Some((_, codes, _)) => codes.push(d.code),
            None => by_offset.push((place.offset, vec![d.code], place)),
        }
    }
    by_offset.sort_by_key(|(offset, _, _)| *offset);
    let mut trial = String::with_capacity(text.len() + by_offset.len() * 48);
    let mut shifts: Vec<(usize, usize)> = Vec::new();
    let mut copied = 0;
    for (offset, codes, place) in &by_offset {
        trial.push_str(&text[copied..*offset]);
        let before = trial.len();
        trial.push_str(&place.indent);
        trial.push_str(&comment(kind, &codes.join(", ")));
        trial.push_str(place.line_break);
        shifts.push((*offset, trial.len() - before));
        copied = *offset;
    }
    trial.push_str(&text[copied..]);
    let suppressed: Vec<(&str, usize)> = engine::check_text(
        &prepared.checker,
        projects,
        &prepared.options,
        &job.path,
        &trial,
    )
    .map(|(_, ds)| {
        ds.into_iter()
            .filter(|d| !d.is_active())
            .map(|d| (d.code, d.span.start))
            .collect()
    })
    .unwrap_or_default();
    let shifted = |at: usize| {
        at + shifts
            .iter()
            .filter(|(o, _)| *o <= at)
            .map(|(_, n)| n)
            .sum::<usize>()
    };
    diagnostics
        .iter()
        .zip(places)
        .map(|(d, place)| {
            let place = place?;
            suppressed
                .contains(&(d.code, shifted(d.span.start)))
                .then(|| {
                    // A line start: character 0 in every encoding.
                    let at = lines.position(place.offset);
                    TextEdit::new(
                        lsp_types::Range::new(at, at),
                        format!(
                            "{}{}{}",
                            place.indent,
                            comment(kind, d.code),
                            place.line_break
                        ),
                    )
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(name: &str, version: i32, text: &str) -> Job {
        Job {
            uri: format!("file:///project/{name}")
                .parse()
                .expect("a valid URI"),
            path: PathBuf::from(format!("/project/{name}")),
            version,
            text: Arc::from(text),
        }
    }

    /// A stand-in for [`lint`]: leaves a half-built cache entry and panics on a text saying
    /// `boom`; otherwise reports, as its one finding's message, whether the cache was clean.
    fn boom(cache: &mut Cache, job: &Job, _: Encoding) -> Linted {
        if job.text.contains("grenade") {
            std::panic::panic_any(Grenade);
        }
        if job.text.contains("boom") {
            cache.0.insert(None, (None, Err("half-built".to_owned())));
            panic!("boom in {}", job.path.display());
        }
        let clean = cache.0.is_empty();
        Linted::Failed(format!("v{} clean cache: {clean}", job.version))
    }

    /// A panic payload that panics again when dropped.
    struct Grenade;

    impl Drop for Grenade {
        fn drop(&mut self) {
            panic!("the payload's drop");
        }
    }

    fn run(jobs: Vec<Job>) -> Vec<(String, i32, String)> {
        let (job_tx, job_rx) = crossbeam_channel::unbounded();
        let (outcome_tx, outcome_rx) = crossbeam_channel::unbounded();
        for job in jobs {
            job_tx.send(job).expect("the channel is open");
        }
        drop(job_tx);
        // Returns once the jobs are done and the channel is closed.
        worker(&job_rx, &outcome_tx, Encoding::Utf16, boom);
        drop(outcome_tx);
        outcome_rx
            .iter()
            .map(|o| {
                let what = match o.linted {
                    Linted::Failed(message) => message,
                    Linted::Findings(f) => format!("{} findings", f.len()),
                    Linted::TooLarge { size, .. } => format!("too large: {size}"),
                    Linted::Excluded => "excluded".to_owned(),
                };
                (o.uri.as_str().to_owned(), o.version, what)
            })
            .collect()
    }

    #[test]
    fn a_panic_while_linting_is_reported_and_the_worker_goes_on() {
        let outcomes = run(vec![job("A.java", 1, "boom"), job("B.java", 3, "fine")]);
        assert_eq!(
            outcomes,
            [
                (
                    "file:///project/A.java".to_owned(),
                    1,
                    "internal error while linting /project/A.java: boom in /project/A.java; the \
                     server goes on, please report it"
                        .to_owned()
                ),
                // The next document is linted, with the cache the panic may have spoilt dropped.
                (
                    "file:///project/B.java".to_owned(),
                    3,
                    "v3 clean cache: true".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn a_payload_that_panics_when_dropped_does_not_end_the_worker() {
        let outcomes = run(vec![job("A.java", 1, "grenade"), job("B.java", 2, "fine")]);
        assert_eq!(
            outcomes,
            [
                (
                    "file:///project/A.java".to_owned(),
                    1,
                    "internal error while linting /project/A.java: a panic without a message; \
                     the server goes on, please report it"
                        .to_owned()
                ),
                (
                    "file:///project/B.java".to_owned(),
                    2,
                    "v2 clean cache: true".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn queued_jobs_of_one_document_are_coalesced_to_the_newest() {
        let outcomes = run(vec![
            job("A.java", 1, "one"),
            job("B.java", 1, "other"),
            job("A.java", 2, "two"),
        ]);
        let linted: Vec<(&str, i32)> = outcomes
            .iter()
            .map(|(uri, version, _)| (uri.as_str(), *version))
            .collect();
        assert_eq!(
            linted,
            [("file:///project/B.java", 1), ("file:///project/A.java", 2)]
        );
    }
}
