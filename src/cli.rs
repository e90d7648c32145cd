//! The command line: `bigdata-lint [PATH]...`, `bigdata-lint rules`, `bigdata-lint rule CODE`.

use std::ffi::OsString;
use std::fmt::Write as _;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use bdl_core::{Selection, Selector, Severity, nearest};
use bdl_report::human::{HumanOptions, write_human};
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::engine::{self, RunOptions, RunResult};
use crate::{docs, registry};

/// Exit code: no findings.
pub const EXIT_CLEAN: i32 = 0;
/// Exit code: findings.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit code: usage, configuration or I/O error.
pub const EXIT_ERROR: i32 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "bigdata-lint",
    version,
    about = "Finds the anti-patterns that break Flink, Hadoop, HBase and Redis jobs in production",
    args_conflicts_with_subcommands = true,
    after_help = "Exit codes: 0 no findings, 1 findings, 2 usage, configuration or I/O error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub check: CheckArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every rule: code, name, severity and what it finds.
    Rules {
        #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
        format: RulesFormat,
    },
    /// Show the documentation of one rule.
    Rule {
        /// A rule code (`FLK001`) or name (`checkpoint-interval-too-short`).
        code: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Findings with code snippets, labels and help.
    Human,
    /// `path:line:col: CODE [severity] message`, one per line.
    Concise,
    /// A versioned JSON document (see docs/json-output.md).
    Json,
    /// SARIF 2.1.0 for GitHub code scanning.
    Sarif,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or directories to lint [default: .]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Write the findings to FILE instead of stdout (replaced atomically).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Only these rules: codes, prefixes or names, comma-separated (`FLK001,HDP`).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Option<Vec<String>>,

    /// Rules to enable in addition to the selection.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub extend_select: Vec<String>,

    /// Rules to disable.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,

    /// Rule option, as `CODE.option=value` (`FLK001.min-interval=30s`). Repeatable.
    #[arg(long = "rule-option", value_name = "CODE.OPTION=VALUE")]
    pub rule_options: Vec<String>,

    /// Skip paths matching this gitignore-style glob. Repeatable.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// Apply --exclude to files named on the command line too (for pre-commit).
    #[arg(long)]
    pub force_exclude: bool,

    /// Worker threads [default: one per core].
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,

    /// Skip files larger than this many bytes, with a notice.
    #[arg(long, value_name = "BYTES", default_value_t = engine::DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,

    /// Colour in human output (`NO_COLOR` is honoured by `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Print findings only: no summary line and no notices on stderr.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// Runs the command line and returns the exit code.
pub fn main(args: impl IntoIterator<Item = OsString>) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return if err.use_stderr() {
                EXIT_ERROR
            } else {
                EXIT_CLEAN
            };
        }
    };
    match cli.command {
        Some(Command::Rules { format }) => list_rules(format),
        Some(Command::Rule { code }) => show_rule(&code),
        None => check(&cli.check),
    }
}

fn error(message: impl std::fmt::Display) -> i32 {
    let _ = writeln!(io::stderr().lock(), "error: {message}");
    EXIT_ERROR
}

fn list_rules(format: RulesFormat) -> i32 {
    let rules = registry::all_rules();
    let out = match format {
        RulesFormat::Text => {
            let mut text = String::new();
            for rule in &rules {
                let m = rule.meta();
                let _ = writeln!(
                    text,
                    "{:<7} {:<32} {:<8} {}",
                    m.code,
                    m.name,
                    m.severity.as_str(),
                    m.summary
                );
            }
            text
        }
        RulesFormat::Json => {
            let list: Vec<_> = rules
                .iter()
                .map(|r| {
                    let m = r.meta();
                    serde_json::json!({
                        "code": m.code,
                        "name": m.name,
                        "severity": m.severity.as_str(),
                        "summary": m.summary,
                    })
                })
                .collect();
            serde_json::Value::Array(list).to_string() + "\n"
        }
    };
    write_stdout(out.as_bytes())
}

fn show_rule(code: &str) -> i32 {
    if let Some(rule) = registry::find(code) {
        return write_stdout(docs::rule_page(rule.meta()).as_bytes());
    }
    let all = registry::all_rules();
    let names = all.iter().flat_map(|r| [r.meta().code, r.meta().name]);
    match nearest(code, names) {
        Some(s) => error(format!("no rule `{code}`; did you mean `{s}`?")),
        None => error(format!("no rule `{code}`; `bigdata-lint rules` lists them")),
    }
}

fn write_stdout(bytes: &[u8]) -> i32 {
    let mut stdout = io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => EXIT_CLEAN,
        // A closed pipe (`| head`) is not an error worth reporting.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => EXIT_CLEAN,
        Err(e) => error(format!("cannot write to stdout: {e}")),
    }
}

fn parse_selectors(words: &[String], flag: &str) -> Result<Vec<Selector>, String> {
    let rules = registry::all_rules();
    let metas: Vec<_> = rules.iter().map(|r| r.meta()).collect();
    words
        .iter()
        .filter(|w| !w.trim().is_empty())
        .map(|w| Selector::parse(w, &metas).map_err(|e| format!("invalid {flag}: {e}")))
        .collect()
}

fn run_options(args: &CheckArgs) -> Result<RunOptions, String> {
    let selection = Selection {
        select: args
            .select
            .as_deref()
            .map(|s| parse_selectors(s, "--select"))
            .transpose()?,
        extend_select: parse_selectors(&args.extend_select, "--extend-select")?,
        ignore: parse_selectors(&args.ignore, "--ignore")?,
    };
    let mut rule_options = Vec::new();
    for spec in &args.rule_options {
        let parsed = spec.split_once('=').and_then(|(lhs, value)| {
            let (code, name) = lhs.split_once('.')?;
            Some((
                code.trim().to_owned(),
                name.trim().to_owned(),
                value.to_owned(),
            ))
        });
        let Some((code, name, value)) = parsed else {
            return Err(format!(
                "invalid --rule-option `{spec}`: expected CODE.option=value, e.g. FLK001.min-interval=30s"
            ));
        };
        if registry::find(&code).is_none() {
            return Err(format!("invalid --rule-option `{spec}`: no rule `{code}`"));
        }
        rule_options.push((code, name, value));
    }
    Ok(RunOptions {
        paths: if args.paths.is_empty() {
            vec![PathBuf::from(".")]
        } else {
            args.paths.clone()
        },
        selection,
        rule_options,
        discover: bdl_syntax::discover::DiscoverOptions {
            excludes: args.exclude.clone(),
            exclude_root: None,
            force_exclude: args.force_exclude,
        },
        threads: args.threads,
        max_file_size: args.max_file_size,
    })
}

fn check(args: &CheckArgs) -> i32 {
    let options = match run_options(args) {
        Ok(options) => options,
        Err(message) => return error(message),
    };
    let rules = registry::all_rules();
    let result = match engine::run(&rules, &options) {
        Ok(result) => result,
        Err(e) => return error(e),
    };
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            args.output.is_none()
                && io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let rendered = match render(args.format, &result, color) {
        Ok(bytes) => bytes,
        Err(e) => return error(format!("cannot render the report: {e}")),
    };
    let written = match &args.output {
        Some(path) => write_atomically(path, &rendered)
            .map_err(|e| format!("cannot write {}: {e}", path.display())),
        None => match write_stdout(&rendered) {
            EXIT_CLEAN => Ok(()),
            _ => Err(String::new()),
        },
    };
    if let Err(message) = written {
        return if message.is_empty() {
            EXIT_ERROR
        } else {
            error(message)
        };
    }
    let mut stderr = io::stderr().lock();
    for problem in &result.problems {
        let level = if problem.explicit { "error" } else { "warning" };
        let _ = writeln!(stderr, "{level}: {}: {}", problem.path, problem.message);
    }
    if !args.quiet {
        for skipped in &result.skipped {
            let _ = writeln!(stderr, "note: {}: {}", skipped.path, skipped.message);
        }
        let _ = writeln!(stderr, "{}", summary(&result));
    }
    exit_code(&result)
}

/// 2 when an explicitly named file could not be read or a rule failed (internal error),
/// else 1 when there are findings, else 0.
pub fn exit_code(result: &RunResult) -> i32 {
    let failed = result.problems.iter().any(|p| p.explicit);
    let internal_error = result
        .diagnostics
        .iter()
        .any(|d| d.code == bdl_syntax::INTERNAL_ERROR_CODE);
    if failed || internal_error {
        EXIT_ERROR
    } else if result.diagnostics.is_empty() {
        EXIT_CLEAN
    } else {
        EXIT_FINDINGS
    }
}

fn render(format: Format, result: &RunResult, color: bool) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    let report = bdl_report::Report {
        diagnostics: &result.diagnostics,
        rules: &result.enabled,
        files_checked: result.files_checked,
        checked_files: &result.checked_files,
        tool_version: env!("CARGO_PKG_VERSION"),
    };
    match format {
        Format::Human => {
            let width = std::env::var("COLUMNS")
                .ok()
                .and_then(|c| c.parse().ok())
                .unwrap_or(100);
            write_human(
                &mut out,
                &result.diagnostics,
                &result.sources,
                HumanOptions { color, width },
            )?;
        }
        Format::Concise => bdl_report::write_concise(&mut out, &report)?,
        Format::Json => bdl_report::write_json(&mut out, &report)?,
        Format::Sarif => bdl_report::write_sarif(&mut out, &report)?,
    }
    Ok(out)
}

/// Writes to a temporary file beside `path`, then renames it over `path`, so an interrupted
/// run never leaves a half-written report.
fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let name = path
        .file_name()
        .map_or_else(|| "report".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// "3 problems (1 error, 2 warnings) in 412 files".
pub fn summary(result: &RunResult) -> String {
    let count = |s: Severity| {
        result
            .diagnostics
            .iter()
            .filter(|d| d.severity == s)
            .count()
    };
    let files = plural(result.files_checked, "file", "files");
    if result.diagnostics.is_empty() {
        return format!("no problems in {files}");
    }
    let mut parts = Vec::new();
    for (severity, one, many) in [
        (Severity::Error, "error", "errors"),
        (Severity::Warning, "warning", "warnings"),
        (Severity::Info, "info", "infos"),
    ] {
        let n = count(severity);
        if n > 0 {
            parts.push(plural(n, one, many));
        }
    }
    format!(
        "{} ({}) in {files}",
        plural(result.diagnostics.len(), "problem", "problems"),
        parts.join(", ")
    )
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
