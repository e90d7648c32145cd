//! The command line: `bigdata-lint [PATH]...` and the subcommands `rules`, `rule`, `config`,
//! `migrate-config`, `init`, `completions`, `man` and `server`.

use std::collections::HashMap;
use std::ffi::OsString;
use std::fmt::Write as _;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use bdl_core::{Selection, Selector, Severity, nearest};
use bdl_report::human::{HumanOptions, SourceError, write_human, write_source_error};
use bdl_report::plural;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::baseline::{self, Baseline};
use crate::engine::{self, RunOptions, RunResult};
use crate::settings::{self, Settings, SettingsError};
use crate::{docs, output, registry};

/// Exit code: no findings at or above the fail level.
pub const EXIT_CLEAN: i32 = 0;
/// Exit code: findings at or above the fail level.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit code: usage, configuration or I/O error, or an internal error.
pub const EXIT_ERROR: i32 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "bigdata-lint",
    version = env!("BIGDATA_LINT_VERSION"),
    about = "Finds the anti-patterns that break Flink, Hadoop, HBase and Redis jobs in production",
    args_conflicts_with_subcommands = true,
    after_help = "Exit codes: 0 no findings, 1 findings, 2 usage, configuration, I/O or internal error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub check: CheckArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint files and directories (the default: `bigdata-lint check .` = `bigdata-lint .`).
    Check(Box<CheckArgs>),
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
    /// Show the settings that apply to a path.
    Config {
        /// Print the effective settings: the settings file found and every value in force.
        #[arg(long)]
        show: bool,
        /// The path whose settings to show [default: .]
        path: Option<PathBuf>,
        /// Use this settings file instead of looking for one.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// A target version, as `PRODUCT=VERSION` (`flink=2.0`). Repeatable.
        #[arg(long = "target", value_delimiter = ',', value_name = "PRODUCT=VERSION")]
        targets: Vec<String>,
        /// Ignore all settings files.
        #[arg(long, conflicts_with = "config")]
        isolated: bool,
        /// Only these rules, as in a check: the rules listed are those a run would enable.
        #[arg(long, value_delimiter = ',', value_name = "RULES")]
        select: Option<Vec<String>>,
        /// Rules to enable in addition to the selection.
        #[arg(long, value_delimiter = ',', value_name = "RULES")]
        extend_select: Vec<String>,
        /// Rules to disable.
        #[arg(long, value_delimiter = ',', value_name = "RULES")]
        ignore: Vec<String>,
    },
    /// Convert a legacy flink-conf.yaml into a config.yaml for Flink 1.19+ / 2.x (stdout).
    MigrateConfig {
        /// The flink-conf.yaml to convert.
        path: PathBuf,
        /// Write config.yaml next to the file instead of printing it.
        #[arg(long)]
        write: bool,
        /// With --write: replace an existing config.yaml.
        #[arg(long, requires = "write")]
        force: bool,
        /// Use this settings file instead of looking for one (for its `target:`).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// The Flink version to convert for, as `flink=VERSION` [default: settings, else 2.0].
        #[arg(long = "target", value_delimiter = ',', value_name = "PRODUCT=VERSION")]
        targets: Vec<String>,
    },
    /// Write a commented starter `.bigdata-lint.yaml` in the current directory.
    Init {
        /// Replace an existing settings file.
        #[arg(long)]
        force: bool,
    },
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    Man,
    /// Run the language server (LSP over stdin and stdout) for editors.
    Server,
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
    /// GitHub Actions annotations; also appends a summary to `$GITHUB_STEP_SUMMARY`.
    Github,
    /// JUnit XML, one test case per file.
    Junit,
    /// Checkstyle XML, for Jenkins warnings-ng and reviewdog.
    Checkstyle,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Level {
    Error,
    Warning,
    Info,
}

impl From<Level> for Severity {
    fn from(level: Level) -> Self {
        match level {
            Level::Error => Self::Error,
            Level::Warning => Self::Warning,
            Level::Info => Self::Info,
        }
    }
}

#[derive(Debug, Args)]
#[allow(clippy::struct_excessive_bools)] // independent command-line switches
pub struct CheckArgs {
    /// Files or directories to lint [default: .]; `-` reads standard input (with
    /// --stdin-filename).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Lint standard input as the file PATH: its kind, settings, suppressions and the path
    /// shown come from PATH, which need not exist. Nothing is written; --fix prints the fixed
    /// text on stdout. With --force-exclude, an excluded PATH is not linted (--fix prints the
    /// text unchanged).
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,

    /// Print the files that would be linted, one per line, and exit.
    #[arg(long, conflicts_with_all = ["show_settings", "stdin_filename"])]
    pub show_files: bool,

    /// Print the settings in force for PATH (and the file they come from), and exit.
    #[arg(long, value_name = "PATH", conflicts_with = "stdin_filename")]
    pub show_settings: Option<PathBuf>,

    /// Output format.
    #[arg(long, alias = "output-format", value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Write the findings to FILE instead of stdout (a regular file is replaced atomically; a
    /// device or FIFO is written into; never one of the linted files).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Use this settings file instead of the nearest `.bigdata-lint.yaml`.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,

    /// Ignore all settings files.
    #[arg(long)]
    pub isolated: bool,

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

    /// The version a product is built against, as `PRODUCT=VERSION` (`flink=2.0`); products:
    /// flink, hadoop, hbase, spring-boot, jedis, elasticsearch. Overrides the settings and build
    /// files. Repeatable.
    #[arg(long = "target", value_delimiter = ',', value_name = "PRODUCT=VERSION")]
    pub targets: Vec<String>,

    /// Skip paths matching this gitignore-style glob. Repeatable.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// Apply excludes to files named on the command line, and to the --stdin-filename PATH,
    /// too (for pre-commit and editors).
    #[arg(long)]
    pub force_exclude: bool,

    /// Report only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,

    /// Record the current findings in FILE as the baseline, and exit 0.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,

    /// The lowest severity that makes the run exit with code 1 [default: info].
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub fail_level: Option<Level>,

    /// Exit 0 even with findings (errors still exit 2).
    #[arg(long)]
    pub exit_zero: bool,

    /// Print the number of findings per rule instead of the findings.
    #[arg(long)]
    pub statistics: bool,

    /// Ignore `bigdata-lint: ignore` comments, to audit what they hide.
    #[arg(long)]
    pub no_inline_suppressions: bool,

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

    /// Apply the safe fixes of the findings to the files, then report what remains.
    #[arg(long, conflicts_with = "write_baseline")]
    pub fix: bool,

    /// Apply unsafe fixes too (with --fix, --fix-only or --diff); alone, show them as available.
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// Print a unified diff of what --fix would change, and write nothing. Exit 1 when there is
    /// a change, 0 otherwise.
    #[arg(long, conflicts_with = "write_baseline")]
    pub diff: bool,

    /// Apply fixes like --fix, but report nothing of what remains; exit 0 unless an error.
    #[arg(long, conflicts_with = "write_baseline")]
    pub fix_only: bool,

    /// List the fixes applied (or, with --diff, that would be), per file and rule, on stderr.
    #[arg(long)]
    pub show_fixes: bool,

    /// Standard input, once read (`--stdin-filename`).
    #[arg(skip)]
    pub stdin_text: Option<Vec<u8>>,
}

impl CheckArgs {
    /// Whether fixes are applied or diffed: `--fix`, `--fix-only` or `--diff`.
    fn fixing(&self) -> Option<crate::fix::FixMode> {
        // Standard input is never written back: its fixed text is printed (see `emit`).
        if self.diff || self.stdin_fixing() {
            Some(crate::fix::FixMode::Diff)
        } else if self.fix || self.fix_only {
            Some(crate::fix::FixMode::Write)
        } else {
            None
        }
    }
}

impl CheckArgs {
    /// `--fix` or `--fix-only` on standard input: the fixed text goes to stdout.
    fn stdin_fixing(&self) -> bool {
        self.stdin_text.is_some() && (self.fix || self.fix_only) && !self.diff
    }
}

/// A first argument that is both a subcommand and an existing file or directory (`config` in a
/// project with a `config/` folder) is linted when it stands alone or when the arguments after
/// it do not make a valid use of the subcommand; a note on stderr names the other reading.
/// `check WORD` is never ambiguous.
fn disambiguate(mut args: Vec<OsString>) -> Vec<OsString> {
    let Some(word) = args.get(1).and_then(|w| w.to_str()).map(str::to_owned) else {
        return args;
    };
    // `server` is never a path here: an editor starts it in the project's root, which may well
    // hold a folder of that name (`bigdata-lint ./server` lints one).
    let is_subcommand = word != "check"
        && word != "server"
        && Cli::command()
            .get_subcommands()
            .any(|c| c.get_name() == word);
    if !is_subcommand || !Path::new(&word).exists() {
        return args;
    }
    if args.len() > 2 && Cli::try_parse_from(&args).is_ok() {
        return args;
    }
    let _ = writeln!(
        io::stderr().lock(),
        "note: `{word}` is a file or directory here and is linted; for the `{word}` subcommand \
         add its options (`bigdata-lint {word} --help`), or run from another directory"
    );
    args.insert(1, OsString::from("check"));
    args
}

/// Runs the command line and returns the exit code.
pub fn main(args: impl IntoIterator<Item = OsString>) -> i32 {
    let args = disambiguate(args.into_iter().collect());
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
        Some(Command::Check(mut args)) => check(&mut args),
        Some(Command::Rules { format }) => list_rules(format),
        Some(Command::Rule { code }) => show_rule(&code),
        Some(Command::Config {
            show,
            path,
            config,
            targets,
            isolated,
            select,
            extend_select,
            ignore,
        }) => {
            if !show {
                return error("`config` needs --show");
            }
            let flags = CheckSelection {
                select: select.as_deref(),
                extend_select: &extend_select,
                ignore: &ignore,
            };
            let path = path.unwrap_or_else(|| PathBuf::from("."));
            show_config(&path, config.as_deref(), isolated, &targets, &flags)
        }
        Some(Command::MigrateConfig {
            path,
            write,
            force,
            config,
            targets,
        }) => migrate_config(&path, write, force, config.as_deref(), &targets),
        Some(Command::Init { force }) => init(force),
        Some(Command::Completions { shell }) => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "bigdata-lint", &mut out);
            write_stdout(&out)
        }
        Some(Command::Man) => {
            let mut out = Vec::new();
            match clap_mangen::Man::new(Cli::command()).render(&mut out) {
                Ok(()) => write_stdout(&out),
                Err(e) => error(format!("cannot render the man page: {e}")),
            }
        }
        Some(Command::Server) => crate::server::main(),
        None => {
            let mut args = cli.check;
            check(&mut args)
        }
    }
}

/// Prints `error: MESSAGE`. Messages name paths and values from the repository, so control
/// characters are escaped as in every other line bigdata-lint prints.
fn error(message: impl std::fmt::Display) -> i32 {
    let message = message.to_string();
    let _ = writeln!(
        io::stderr().lock(),
        "error: {}",
        bdl_report::Escaped(&message)
    );
    EXIT_ERROR
}

fn stderr_color() -> bool {
    io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Prints a settings error with the file's line and a caret, and returns exit code 2.
fn settings_error(e: &SettingsError) -> i32 {
    let path = e.path.display().to_string();
    let source = SourceError {
        path: &path,
        text: &e.text,
        span: (e.span.start, e.span.len()),
        message: &e.message,
        help: e.help.as_deref(),
    };
    let mut stderr = io::stderr().lock();
    let options = HumanOptions {
        color: stderr_color(),
        width: terminal_width(),
        ..HumanOptions::default()
    };
    if write_source_error(&mut stderr, &source, options).is_err() {
        let _ = writeln!(
            stderr,
            "error: {}: {}",
            bdl_report::Escaped(&path),
            bdl_report::Escaped(&e.message)
        );
    }
    EXIT_ERROR
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
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

fn init(force: bool) -> i32 {
    let path = Path::new(settings::FILE_NAMES[0]);
    if path.exists() && !force {
        return error(format!(
            "{} already exists; use --force to replace it",
            path.display()
        ));
    }
    match output::write(path, settings::starter().as_bytes()) {
        Ok(()) => {
            let _ = writeln!(io::stderr().lock(), "wrote {}", path.display());
            EXIT_CLEAN
        }
        Err(e) => error(format!("cannot write {}: {e}", path.display())),
    }
}

/// `migrate-config`: converts `path`, prints or writes the result, and says what it did on
/// stderr.
fn migrate_config(
    path: &Path,
    write: bool,
    force: bool,
    config: Option<&Path>,
    targets: &[String],
) -> i32 {
    use crate::migrate;
    let mut warnings = Vec::new();
    let settings = settings_for(path, config, false, &mut warnings);
    print_notices(&warnings, &[], false);
    let settings = match settings {
        Ok(s) => s,
        Err(e) => return settings_error(&e),
    };
    let mut fixed = match crate::target::parse_cli(targets) {
        Ok(t) => t,
        Err(e) => return error(e),
    };
    fixed.or(&settings.target);
    let (version, source) = match fixed.get(bdl_core::Product::Flink) {
        Some(t) => (t.version, "as targeted"),
        None => (bdl_core::Version::new(2, 0), "the default"),
    };
    if version < migrate::FIRST_CONFIG_YAML {
        return error(format!(
            "config.yaml is read from Flink {} on, the target is Flink {version}; use --target \
             flink=2.0 (or 1.19, 1.20)",
            migrate::FIRST_CONFIG_YAML
        ));
    }
    let shown = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return error(format!("cannot read {shown}: {e}")),
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return error(format!("{shown}: not UTF-8 text"));
    };
    let destination = path
        .parent()
        .unwrap_or_else(|| Path::new(""))
        .join("config.yaml");
    if write && destination.exists() && !force {
        return error(format!(
            "{} already exists; use --force to replace it",
            destination.display()
        ));
    }
    let migration = match migrate::migrate(&text, version) {
        Ok(m) => m,
        Err(lines) => {
            for line in &lines {
                let _ = error(format!("{shown}:{}: {}", line.line, line.message));
            }
            return error(format!(
                "{shown}: not converted; fix or remove the {} line(s) above",
                lines.len()
            ));
        }
    };
    let code = if write {
        match output::write(&destination, migration.text.as_bytes()) {
            Ok(()) => EXIT_CLEAN,
            Err(e) => return error(format!("cannot write {}: {e}", destination.display())),
        }
    } else {
        write_stdout(migration.text.as_bytes())
    };
    let mut summary = String::new();
    for (line, old, new) in &migration.renamed {
        let _ = writeln!(summary, "{shown}:{line}: renamed `{old}` to `{new}`");
    }
    for (line, key) in &migration.removed {
        let _ = writeln!(
            summary,
            "{shown}:{line}: left out `{key}`, removed in Flink {version} (kept as a comment)"
        );
    }
    for note in &migration.notes {
        let _ = writeln!(summary, "{shown}: {note}");
    }
    let renamed_keys: std::collections::BTreeSet<_> =
        migration.renamed.iter().map(|(line, ..)| line).collect();
    let _ = write!(
        summary,
        "Converted for Flink {version} ({source}): renamed {}, removed {}",
        renamed_keys.len(),
        migration.removed.len()
    );
    if write {
        let _ = write!(summary, "; wrote {}", destination.display());
    }
    let mut stderr = io::stderr().lock();
    for line in summary.lines() {
        let _ = writeln!(stderr, "{}", bdl_report::Escaped(line));
    }
    code
}

/// The settings for a path: `--isolated` none, `--config` that file, else the nearest.
/// Settings files passed over on the way (not regular files, too large) are added to
/// `warnings`.
fn settings_for(
    path: &Path,
    config: Option<&Path>,
    isolated: bool,
    warnings: &mut Vec<String>,
) -> Result<Settings, SettingsError> {
    if isolated {
        return Ok(Settings::default());
    }
    match config {
        Some(file) => settings::load(file),
        None => settings::load_nearest(path, warnings),
    }
}

/// Prints warnings (always) and notes (unless `quiet`) on stderr.
fn print_notices(warnings: &[String], notes: &[String], quiet: bool) {
    let mut stderr = io::stderr().lock();
    for warning in warnings {
        let _ = writeln!(stderr, "warning: {}", bdl_report::Escaped(warning));
    }
    if !quiet {
        for note in notes {
            let _ = writeln!(stderr, "note: {}", bdl_report::Escaped(note));
        }
    }
}

/// `config --show` and `--show-settings`: the settings in force for `path`, the file they come
/// from, and the rules the selection flags leave enabled.
fn show_config(
    path: &Path,
    config: Option<&Path>,
    isolated: bool,
    targets: &[String],
    flags: &CheckSelection<'_>,
) -> i32 {
    let mut warnings = Vec::new();
    let resolved =
        bdl_syntax::discover::resolve(path, bdl_syntax::discover::working_dir().as_deref());
    let settings = settings_for(&resolved.path, config, isolated, &mut warnings);
    print_notices(&warnings, &[], false);
    let settings = match settings {
        Ok(s) => s,
        Err(e) => return settings_error(&e),
    };
    let mut out = String::new();
    let list = |items: &[String]| format!("[{}]", items.join(", "));
    let _ = writeln!(out, "# settings for: {}", resolved.path.display());
    let _ = match &settings.path {
        Some(file) => writeln!(out, "# settings file: {}", file.display()),
        None if isolated => writeln!(out, "# no settings file (--isolated): defaults"),
        None => writeln!(out, "# no settings file: defaults"),
    };
    let shown_flags = [
        flags.select.map(|s| format!("--select {}", s.join(","))),
        (!flags.extend_select.is_empty())
            .then(|| format!("--extend-select {}", flags.extend_select.join(","))),
        (!flags.ignore.is_empty()).then(|| format!("--ignore {}", flags.ignore.join(","))),
    ];
    let shown_flags: Vec<String> = shown_flags.into_iter().flatten().collect();
    if !shown_flags.is_empty() {
        let _ = writeln!(out, "# command line: {}", shown_flags.join(" "));
    }
    let _ = writeln!(
        out,
        "select: {}",
        settings
            .select
            .as_deref()
            .map_or_else(|| "[ALL]".to_owned(), list)
    );
    let _ = writeln!(out, "extend-select: {}", list(&settings.extend_select));
    let _ = writeln!(out, "ignore: {}", list(&settings.ignore));
    let _ = writeln!(out, "exclude: {}", list(&settings.exclude));
    let _ = writeln!(out, "extend-exclude: {}", list(&settings.extend_exclude));
    let _ = writeln!(out, "per-file-ignores:");
    for (glob, selectors) in &settings.per_file_ignores {
        let _ = writeln!(out, "  \"{glob}\": {}", list(selectors));
    }
    let _ = writeln!(out, "severity:");
    for (code, level) in &settings.severity {
        let _ = writeln!(out, "  {code}: {level}");
    }
    let _ = writeln!(
        out,
        "fail-level: {}",
        settings.fail_level.unwrap_or(Severity::Info)
    );
    let _ = writeln!(
        out,
        "fixable: {}",
        settings
            .fixable
            .as_deref()
            .map_or_else(|| "[ALL]".to_owned(), list)
    );
    let _ = writeln!(out, "unfixable: {}", list(&settings.unfixable));
    let selection = match selection(&settings, flags) {
        Ok(s) => s,
        Err(e) => return error(e),
    };
    let _ = writeln!(out, "# enabled rules and their options in force");
    let _ = writeln!(out, "rules:");
    for rule in registry::all_rules() {
        let meta = rule.meta();
        if !selection.is_enabled(meta) {
            continue;
        }
        let _ = writeln!(out, "  {}:  # {}", meta.code, meta.name);
        let mut options = bdl_core::RuleOptions::defaults(meta.options);
        for (code, name, value) in &settings.rules {
            if *code == meta.code {
                let _ = options.set(meta.options, name, value);
            }
        }
        for option in meta.options {
            if let Some(value) = options.get(option.name) {
                let _ = writeln!(out, "    {}: {}", option.name, value.render());
            }
        }
    }
    match crate::target::options(&settings, targets) {
        Ok(options) => out.push_str(&crate::target::show(path, &options)),
        Err(e) => return error(e),
    }
    write_stdout(out.as_bytes())
}

/// The selection flags of the command line.
#[derive(Debug, Default)]
pub(crate) struct CheckSelection<'a> {
    pub(crate) select: Option<&'a [String]>,
    pub(crate) extend_select: &'a [String],
    pub(crate) ignore: &'a [String],
}

/// Settings first, the command line on top: `--select` replaces the settings' `select`;
/// `--extend-select` and `--ignore` add to theirs.
pub(crate) fn selection(
    settings: &Settings,
    cli: &CheckSelection<'_>,
) -> Result<Selection, String> {
    let rules = registry::all_rules();
    let metas: Vec<_> = rules.iter().map(|r| r.meta()).collect();
    let parse = |words: &[String], flag: &str| -> Result<Vec<Selector>, String> {
        words
            .iter()
            .filter(|w| !w.trim().is_empty())
            .map(|w| Selector::parse(w, &metas).map_err(|e| format!("invalid {flag}: {e}")))
            .collect()
    };
    let select = match cli.select {
        Some(words) => Some(parse(words, "--select")?),
        None => settings
            .select
            .as_deref()
            .map(|w| parse(w, "select"))
            .transpose()?,
    };
    let mut extend_select = parse(&settings.extend_select, "extend-select")?;
    extend_select.extend(parse(cli.extend_select, "--extend-select")?);
    let mut ignore = parse(&settings.ignore, "ignore")?;
    ignore.extend(parse(cli.ignore, "--ignore")?);
    Ok(Selection {
        select,
        extend_select,
        ignore,
    })
}

fn parse_rule_options(specs: &[String]) -> Result<Vec<(String, String, String)>, String> {
    let mut out = Vec::new();
    for spec in specs {
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
        out.push((code, name, value));
    }
    Ok(out)
}

/// Path arguments linted with the same settings.
struct Group {
    settings: Settings,
    /// As named, each spelling of a path once.
    paths: Vec<PathBuf>,
    resolved: Vec<bdl_syntax::discover::Resolved>,
    /// What the other groups lint, inside this group's paths (see
    /// [`bdl_syntax::discover::DiscoverOptions::yield_to`]).
    yield_to: Vec<PathBuf>,
}

/// Paths grouped by the settings that apply to them, in the order first named. Settings files
/// passed over are added to `warnings`.
///
/// Groups can overlap (`src src/sub`, where `src/sub` has its own settings file): a file is
/// linted by the group of the most specific path argument that contains it, so that it is
/// linted once, with the settings nearest to it; on a tie (two spellings of one directory
/// that find different settings, through a link) the group named first lints it.
fn groups(args: &CheckArgs, warnings: &mut Vec<String>) -> Result<Vec<Group>, SettingsError> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let cwd = bdl_syntax::discover::working_dir();
    let mut out: Vec<Group> = Vec::new();
    for path in paths {
        let resolved = bdl_syntax::discover::resolve(&path, cwd.as_deref());
        // Found from the resolved path, so that `a/../src` does not pick up `a`'s settings.
        let settings = settings_for(
            &resolved.path,
            args.config.as_deref(),
            args.isolated,
            warnings,
        )?;
        match out.iter_mut().find(|g| g.settings.path == settings.path) {
            Some(group) if group.resolved.contains(&resolved) => {}
            Some(group) => {
                group.paths.push(path);
                group.resolved.push(resolved);
            }
            None => out.push(Group {
                settings,
                paths: vec![path],
                resolved: vec![resolved],
                yield_to: Vec::new(),
            }),
        }
    }
    // Standard input is one file: its settings are those of its name alone.
    if !args.isolated && args.config.is_none() && args.stdin_text.is_none() {
        add_nested_settings(&mut out, args, warnings)?;
    }
    let roots: Vec<(usize, PathBuf)> = out
        .iter()
        .enumerate()
        .flat_map(|(g, group)| group.resolved.iter().map(move |r| (g, r.identity.clone())))
        .collect();
    for (g, group) in out.iter_mut().enumerate() {
        for (h, other) in &roots {
            let inside = |mine: &bdl_syntax::discover::Resolved| {
                other.starts_with(&mine.identity) && (*other != mine.identity || *h < g)
            };
            if *h != g && group.resolved.iter().any(inside) {
                group.yield_to.push(other.clone());
            }
        }
    }
    Ok(out)
}

/// Settings files below the directories named: each file is linted with the nearest settings
/// file above it, as `bigdata-lint .` and `bigdata-lint FILE...` (pre-commit) must agree. The
/// directories are walked once, as their group would walk them (its excludes, `.gitignore`);
/// the nearest settings file of each directory that holds a file to lint is looked up once,
/// memoised per directory. A nested settings file makes its directory a path argument of its
/// own, so that the group of the parent yields it (see [`groups`]).
fn add_nested_settings(
    out: &mut Vec<Group>,
    args: &CheckArgs,
    warnings: &mut Vec<String>,
) -> Result<(), SettingsError> {
    let cwd = bdl_syntax::discover::working_dir();
    let mut nearest_of: HashMap<PathBuf, Option<PathBuf>> = HashMap::new();
    let mut nested: Vec<PathBuf> = Vec::new();
    for group in out.iter() {
        let dirs: Vec<PathBuf> = group
            .resolved
            .iter()
            .filter(|r| r.identity.is_dir())
            .map(|r| r.path.clone())
            .collect();
        if dirs.is_empty() {
            continue;
        }
        let options = discover_options(args, &group.settings, Vec::new());
        // A bad glob is reported by the run itself.
        let Ok(walk) = bdl_syntax::discover::walk_paths(
            &dirs,
            &options,
            engine::worker_threads(args.threads).0,
            Vec::new,
            |parents: &mut Vec<PathBuf>, candidate| {
                if let Some(parent) = candidate.path.parent() {
                    parents.push(parent.to_path_buf());
                }
            },
        ) else {
            continue;
        };
        let mut parents: Vec<PathBuf> = walk.states.into_iter().flatten().collect();
        parents.sort();
        parents.dedup();
        for parent in parents {
            let absolute = match &cwd {
                Some(cwd) => cwd.join(&parent),
                None => parent,
            };
            let Some(found) = nearest_settings(&absolute, &mut nearest_of) else {
                continue;
            };
            let same = group
                .settings
                .path
                .as_deref()
                .is_some_and(|p| p.canonicalize().ok() == found.canonicalize().ok());
            if !same
                && let Some(dir) = found.parent()
                && !nested.iter().any(|d| d == dir)
            {
                nested.push(dir.to_path_buf());
            }
        }
    }
    nested.sort();
    for dir in nested {
        let resolved = bdl_syntax::discover::resolve(&dir, cwd.as_deref());
        let settings = settings::load_nearest(&resolved.path, warnings)?;
        match out.iter_mut().find(|g| g.settings.path == settings.path) {
            Some(group) if group.resolved.contains(&resolved) => {}
            Some(group) => {
                group.paths.push(resolved.path.clone());
                group.resolved.push(resolved);
            }
            None => out.push(Group {
                settings,
                paths: vec![resolved.path.clone()],
                resolved: vec![resolved],
                yield_to: Vec::new(),
            }),
        }
    }
    Ok(())
}

/// The settings file nearest to the directory `dir` (absolute), memoised per directory.
fn nearest_settings(dir: &Path, cache: &mut HashMap<PathBuf, Option<PathBuf>>) -> Option<PathBuf> {
    if let Some(known) = cache.get(dir) {
        return known.clone();
    }
    let here = settings::FILE_NAMES
        .iter()
        .map(|name| dir.join(name))
        .find(|p| p.is_file());
    let found = match here {
        Some(path) => Some(path),
        None => dir
            .parent()
            .and_then(|parent| nearest_settings(parent, cache)),
    };
    cache.insert(dir.to_path_buf(), found.clone());
    found
}

/// Runs the engine for one group of paths with its settings.
fn run_group(args: &CheckArgs, group: Group) -> Result<RunResult, String> {
    let Group {
        settings,
        paths,
        yield_to,
        ..
    } = group;
    let settings = &settings;
    let cli_selection = CheckSelection {
        select: args.select.as_deref(),
        extend_select: &args.extend_select,
        ignore: &args.ignore,
    };
    let mut rule_options: Vec<(String, String, String)> = settings
        .rules
        .iter()
        .map(|(code, name, value)| ((*code).to_owned(), name.clone(), value.clone()))
        .collect();
    rule_options.extend(parse_rule_options(&args.rule_options)?);
    let options = RunOptions {
        discover: discover_options(args, settings, yield_to),
        stdin: args
            .stdin_text
            .as_ref()
            .zip(paths.first())
            .map(|(bytes, path)| engine::StdinFile {
                path: path.clone(),
                bytes: bytes.clone(),
            }),
        paths,
        selection: selection(settings, &cli_selection)?,
        rule_options,
        threads: args.threads,
        max_file_size: args.max_file_size,
        inline_suppressions: !args.no_inline_suppressions,
        keep_sources: args.format == Format::Human && !args.statistics,
        list_checked_files: args.format == Format::Junit,
        targets: crate::target::options(settings, &args.targets)?,
        fix: crate::fix::FixOptions {
            mode: args.fixing(),
            unsafe_fixes: args.unsafe_fixes,
            fixable: fixable(settings)?,
        },
        per_file_ignores: per_file_ignores(settings)?,
    };
    let mut result = engine::run(&registry::all_rules(), &options).map_err(|e| e.to_string())?;
    apply_settings(settings, &mut result);
    Ok(result)
}

/// The rules whose fixes count: `fixable` (default all) minus `unfixable`.
pub(crate) fn fixable(settings: &Settings) -> Result<Selection, String> {
    let rules = registry::all_rules();
    let metas: Vec<_> = rules.iter().map(|r| r.meta()).collect();
    let parse = |words: &[String], key: &str| -> Result<Vec<Selector>, String> {
        words
            .iter()
            .map(|w| Selector::parse(w, &metas).map_err(|e| format!("invalid {key}: {e}")))
            .collect()
    };
    Ok(Selection {
        select: settings
            .fixable
            .as_deref()
            .map(|w| parse(w, "fixable"))
            .transpose()?,
        extend_select: Vec::new(),
        ignore: parse(&settings.unfixable, "unfixable")?,
    })
}

/// `per-file-ignores`, compiled: the engine drops the findings they turn off in each file
/// before it fixes anything, so that an ignored finding is never fixed.
pub(crate) fn per_file_ignores(settings: &Settings) -> Result<engine::PerFileIgnores, String> {
    let rules = registry::all_rules();
    let metas: Vec<_> = rules.iter().map(|r| r.meta()).collect();
    let mut out = engine::PerFileIgnores {
        root: settings.root().map(Path::to_path_buf),
        rules: Vec::new(),
    };
    for (glob, selectors) in &settings.per_file_ignores {
        let matcher = globset::Glob::new(glob)
            .map_err(|e| format!("per-file-ignores: invalid glob `{glob}`: {e}"))?
            .compile_matcher();
        let selection = Selection {
            select: Some(
                selectors
                    .iter()
                    .map(|s| Selector::parse(s, &metas).map_err(|e| e.to_string()))
                    .collect::<Result<_, _>>()?,
            ),
            ..Selection::default()
        };
        out.rules.push((matcher, selection));
    }
    Ok(out)
}

/// `severity` overrides change the severity of findings.
fn apply_settings(settings: &Settings, result: &mut RunResult) {
    for d in &mut result.diagnostics {
        if let Some((_, severity)) = settings.severity.iter().find(|(c, _)| *c == d.code) {
            d.severity = *severity;
        }
    }
}

/// Folds the result of another group into `into`.
fn merge(into: &mut RunResult, other: RunResult) {
    into.diagnostics.extend(other.diagnostics);
    into.sources.extend(other.sources);
    for meta in other.enabled {
        if !into.enabled.iter().any(|m| m.code == meta.code) {
            into.enabled.push(meta);
        }
    }
    into.enabled.sort_by_key(|m| m.code);
    into.checked_files.extend(other.checked_files);
    into.checked_files.sort();
    into.checked_files.dedup();
    into.files_checked += other.files_checked;
    into.files_parsed += other.files_parsed;
    into.files_found += other.files_found;
    into.files_not_checked += other.files_not_checked;
    into.problems.extend(other.problems);
    into.skipped.extend(other.skipped);
    into.file_notes.extend(other.file_notes);
    for warning in other.warnings {
        if !into.warnings.contains(&warning) {
            into.warnings.push(warning);
        }
    }
    for note in other.notes {
        if !into.notes.contains(&note) {
            into.notes.push(note);
        }
    }
    into.diagnostics
        .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    into.fixes.extend(other.fixes);
    into.fixes.sort_by(|a, b| a.path.cmp(&b.path));
}

fn check(args: &mut CheckArgs) -> i32 {
    if let Some(path) = &args.show_settings {
        let flags = CheckSelection {
            select: args.select.as_deref(),
            extend_select: &args.extend_select,
            ignore: &args.ignore,
        };
        return show_config(
            path,
            args.config.as_deref(),
            args.isolated,
            &args.targets,
            &flags,
        );
    }
    if args.statistics && !matches!(args.format, Format::Human | Format::Concise | Format::Json) {
        return error(format!(
            "--statistics prints a table (human, concise) or JSON; it cannot be given as --format \
             {}: drop one of the two",
            args.format
                .to_possible_value()
                .map_or_else(String::new, |v| v.get_name().to_owned())
        ));
    }
    if let Err(message) = read_stdin(args) {
        return error(message);
    }
    if args.show_files {
        return show_files(args);
    }
    let args = &*args;
    if let Err(message) = refuse_inputs_as_outputs(args) {
        return error(message);
    }
    let (mut result, fail_levels) = match lint(args) {
        Ok(linted) => linted,
        Err(code) => return code,
    };
    if let Some(path) = &args.write_baseline {
        return write_baseline(path, &result, args.quiet);
    }
    // `--baseline`, else the `baseline:` of the settings for the first path.
    let from_settings = if args.baseline.is_none() && args.stdin_text.is_none() {
        let first = args
            .paths
            .first()
            .cloned()
            .unwrap_or_else(|| PathBuf::from("."));
        let mut ignored = Vec::new();
        settings_for(&first, args.config.as_deref(), args.isolated, &mut ignored)
            .ok()
            .and_then(|s| s.baseline)
    } else {
        None
    };
    let baseline_note = match args.baseline.as_ref().or(from_settings.as_ref()) {
        Some(path) => match Baseline::load(path) {
            Ok(baseline) => Some(baseline_note(&baseline.apply(&mut result.diagnostics))),
            Err(message) => return error(message),
        },
        None => None,
    };
    emit(args, &result, &fail_levels, baseline_note)
}

/// With `--stdin-filename` (or `-` as the path), reads standard input, at most
/// `--max-file-size` bytes plus one (a larger input is reported as too large, as a file is).
fn read_stdin(args: &mut CheckArgs) -> Result<(), String> {
    let dash = Path::new("-");
    let named_dash = args.paths.iter().any(|p| p == dash);
    let Some(name) = args.stdin_filename.clone() else {
        if named_dash {
            return Err(
                "`-` reads standard input and needs --stdin-filename PATH to know what kind of \
                 file it is (`--stdin-filename src/Job.java -`)"
                    .to_owned(),
            );
        }
        return Ok(());
    };
    if args.paths.iter().any(|p| p != dash) {
        return Err(format!(
            "--stdin-filename {} lints standard input only: give `-` or no path, not {}",
            name.display(),
            args.paths
                .iter()
                .filter(|p| *p != dash)
                .map(|p| format!("`{}`", p.display()))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if args.write_baseline.is_some() {
        return Err("--write-baseline records a whole run, not standard input".to_owned());
    }
    let mut bytes = Vec::new();
    let limit = args.max_file_size.saturating_add(1);
    io::Read::read_to_end(&mut io::Read::take(io::stdin().lock(), limit), &mut bytes)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    args.paths = vec![name];
    args.stdin_text = Some(bytes);
    Ok(())
}

/// `--show-files`: the files each group would lint, as shown in findings, sorted.
fn show_files(args: &CheckArgs) -> i32 {
    let mut warnings = Vec::new();
    let groups = match groups(args, &mut warnings) {
        Ok(groups) => groups,
        Err(e) => {
            print_notices(&warnings, &[], args.quiet);
            return settings_error(&e);
        }
    };
    print_notices(&warnings, &[], args.quiet);
    let cwd = bdl_syntax::discover::working_dir();
    let mut files = Vec::new();
    for group in groups {
        let options = discover_options(args, &group.settings, group.yield_to);
        match bdl_syntax::discover::discover(&group.paths, &options) {
            Ok(found) => files.extend(
                found
                    .files
                    .iter()
                    .filter(|c| !matches!(c.guess, bdl_syntax::kind::NameGuess::Other))
                    .map(|c| engine::display_path(&c.path, cwd.as_deref())),
            ),
            Err(e) => return error(e),
        }
    }
    files.sort();
    files.dedup();
    let mut out = String::new();
    for file in files {
        let _ = writeln!(out, "{}", bdl_report::Escaped(&file));
    }
    write_stdout(out.as_bytes())
}

/// How a group's paths are walked: its settings' excludes and the command line's.
fn discover_options(
    args: &CheckArgs,
    settings: &Settings,
    yield_to: Vec<PathBuf>,
) -> bdl_syntax::discover::DiscoverOptions {
    let mut excludes = settings.excludes();
    excludes.extend(args.exclude.iter().cloned());
    bdl_syntax::discover::DiscoverOptions {
        excludes,
        exclude_root: settings.root().map(Path::to_path_buf),
        force_exclude: args.force_exclude,
        yield_to,
    }
}

/// Refuses, before any work, an `--output` or `--write-baseline` file that the run reads: the
/// file written would replace one it was made from.
fn refuse_inputs_as_outputs(args: &CheckArgs) -> Result<(), String> {
    let default = [PathBuf::from(".")];
    let paths = if args.paths.is_empty() {
        &default[..]
    } else {
        &args.paths[..]
    };
    let mut others: Vec<(&str, &Path)> = Vec::new();
    if let Some(config) = &args.config {
        others.push(("--config", config));
    }
    if let Some(baseline) = &args.baseline {
        others.push(("--baseline", baseline));
    }
    if let Some(path) = &args.output {
        output::check_not_an_input("--output", "report", path, paths, &others)?;
    }
    if let Some(path) = &args.write_baseline {
        output::check_not_an_input("--write-baseline", "baseline", path, paths, &others)?;
    }
    Ok(())
}

/// Lints every group of paths with its settings; also returns the fail level of each file.
/// Prints the warnings and notes of the run (see [`RunResult::warnings`]), adding one when
/// files were found but none was linted.
fn lint(args: &CheckArgs) -> Result<(RunResult, HashMap<String, Severity>), i32> {
    let mut result = RunResult::default();
    let groups = groups(args, &mut result.warnings);
    let groups = groups.map_err(|e| {
        print_notices(&result.warnings, &[], args.quiet);
        settings_error(&e)
    })?;
    let mut fail_levels: HashMap<String, Severity> = HashMap::new();
    for group in groups {
        let fail_level = group.settings.fail_level;
        let group = run_group(args, group).map_err(|e| {
            print_notices(&result.warnings, &result.notes, args.quiet);
            error(e)
        })?;
        let level = args
            .fail_level
            .map(Severity::from)
            .or(fail_level)
            .unwrap_or(Severity::Info);
        // Only files with findings need a fail level.
        for d in &group.diagnostics {
            fail_levels.insert(d.path.clone(), level);
        }
        merge(&mut result, group);
    }
    if let Some(warning) = nothing_linted(&result) {
        result.warnings.push(warning);
    }
    print_notices(&result.warnings, &result.notes, args.quiet);
    Ok((result, fail_levels))
}

/// A warning when files were found but none was linted, with what became of them. (When no
/// file was found, each path argument has its own warning; when no rule is enabled, that has
/// one.)
fn nothing_linted(result: &RunResult) -> Option<String> {
    if result.files_checked > 0
        || result.files_found == 0
        || !engine::inspects_files(&result.enabled)
    {
        return None;
    }
    let too_large = result.skipped.len();
    let not_checked = result.files_not_checked;
    let failed = result
        .files_found
        .saturating_sub(too_large)
        .saturating_sub(not_checked);
    let mut parts = Vec::new();
    if too_large > 0 {
        parts.push(format!("{too_large} above the --max-file-size limit"));
    }
    if failed > 0 {
        parts.push(format!("{failed} could not be read"));
    }
    if not_checked > 0 {
        parts.push(format!(
            "{not_checked} of a kind no enabled rule checks (or a config.yaml that is not Flink \
             configuration)"
        ));
    }
    Some(format!(
        "no file was linted: {} found, {}",
        plural(result.files_found, "file", "files"),
        parts.join(", ")
    ))
}

fn baseline_note(applied: &baseline::Applied) -> String {
    let mut note = format!(
        "baseline: {} hidden",
        plural(applied.absorbed, "known finding", "known findings")
    );
    if applied.stale > 0 {
        let _ = write!(
            note,
            "; {} no longer {} (rewrite it with --write-baseline to prune)",
            plural(applied.stale, "baseline entry", "baseline entries"),
            if applied.stale == 1 {
                "matches"
            } else {
                "match"
            }
        );
    }
    note
}

/// Writes the report and the stderr notes, and decides the exit code.
///
/// With `--diff` the report is the unified diff of the fixes; with `--fix-only` there is none;
/// with `--fix` it is the findings that remain. The summary of the fixes goes to stderr.
#[allow(
    clippy::too_many_lines,
    reason = "one sequence: report, notices, summaries, exit code"
)]
fn emit(
    args: &CheckArgs,
    result: &RunResult,
    fail_levels: &HashMap<String, Severity>,
    baseline_note: Option<String>,
) -> i32 {
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            args.output.is_none()
                && io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let mode = args.fixing();
    let stdin_fix = args.stdin_fixing();
    let diff = mode == Some(crate::fix::FixMode::Diff) && !stdin_fix;
    let rendered = if stdin_fix {
        // The fixed text, or the input unchanged, as `ruff --fix -` prints it.
        let fixed = result
            .fixes
            .iter()
            .find_map(|f| f.diff.as_ref().map(|(_, new)| new.as_bytes().to_vec()));
        fixed.or_else(|| args.stdin_text.clone())
    } else if diff {
        Some(diffs(result).into_bytes())
    } else if args.fix_only {
        None
    } else if args.statistics {
        Some(statistics(result, args.format == Format::Json).into_bytes())
    } else {
        match render(args.format, result, color, args.unsafe_fixes) {
            Ok(bytes) => Some(bytes),
            Err(e) => return error(format!("cannot render the report: {e}")),
        }
    };
    let written = match (&args.output, rendered) {
        (_, None) => Ok(()),
        (Some(path), Some(rendered)) => output::write(path, &rendered)
            .map_err(|e| format!("cannot write {}: {e}", path.display())),
        (None, Some(rendered)) => match write_stdout(&rendered) {
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
    if args.format == Format::Github
        && !args.statistics
        && !diff
        && !args.fix_only
        && let Err(e) = append_step_summary(result)
    {
        let _ = writeln!(
            stderr,
            "warning: cannot append to $GITHUB_STEP_SUMMARY: {e}"
        );
    }
    // Paths and messages come from the file system: control characters in them are escaped.
    for problem in &result.problems {
        let level = if problem.explicit { "error" } else { "warning" };
        let _ = writeln!(
            stderr,
            "{level}: {}: {}",
            bdl_report::Escaped(&problem.path),
            bdl_report::Escaped(&problem.message)
        );
    }
    if stdin_fix && !args.fix_only {
        // stdout holds the fixed text: what remains is listed here.
        let mut remaining = Vec::new();
        if bdl_report::write_concise(&mut remaining, &report(result, args.unsafe_fixes)).is_ok() {
            let _ = stderr.write_all(&remaining);
        }
    }
    if args.show_fixes && mode.is_some() {
        let _ = write!(stderr, "{}", crate::fix::listing(&result.fixes, diff));
    }
    let (available, hidden) = fixable_counts(result, args.unsafe_fixes);
    if !args.quiet {
        for skipped in &result.skipped {
            let _ = writeln!(
                stderr,
                "note: {}: {}",
                bdl_report::Escaped(&skipped.path),
                bdl_report::Escaped(&skipped.message)
            );
        }
        for note in &result.file_notes {
            let _ = writeln!(
                stderr,
                "note: {}: {}",
                bdl_report::Escaped(&note.path),
                bdl_report::Escaped(&note.message)
            );
        }
        if let Some(note) = baseline_note {
            let _ = writeln!(stderr, "{note}");
        }
        // With --fix the findings' summary follows; a run that fixed nothing and hides
        // nothing needs no line about fixes.
        let fixed_any = crate::fix::counts(&result.fixes).0 > 0;
        let plain_fix = args.fix && !args.fix_only && !args.diff;
        if mode.is_some() && (!plain_fix || fixed_any || hidden > 0) {
            let _ = writeln!(
                stderr,
                "{}",
                crate::fix::summary(&result.fixes, diff, hidden)
            );
        }
        if mode.is_none() || plain_fix {
            let _ = writeln!(stderr, "{}", summary(result));
        }
        if mode.is_none()
            && let Some(line) = fixable_line(available, hidden, args.unsafe_fixes)
        {
            let _ = writeln!(stderr, "{line}");
        }
    }
    let failed = exit_code(result, 0) == EXIT_ERROR;
    if diff || args.fix_only {
        return if failed {
            EXIT_ERROR
        } else if diff && result.fixes.iter().any(|f| !f.applied.is_empty()) && !args.exit_zero {
            EXIT_FINDINGS
        } else {
            EXIT_CLEAN
        };
    }
    let failing = result
        .diagnostics
        .iter()
        .filter(|d| d.is_active())
        .filter(|d| d.severity >= fail_levels.get(&d.path).copied().unwrap_or(Severity::Info))
        .count();
    let code = exit_code(result, failing);
    if code == EXIT_FINDINGS && args.exit_zero {
        EXIT_CLEAN
    } else {
        code
    }
}

/// The unified diffs of every file `--diff` would change, in path order.
fn diffs(result: &RunResult) -> String {
    result
        .fixes
        .iter()
        .filter_map(|f| {
            let (old, new) = f.diff.as_ref()?;
            Some(crate::fix::unified_diff(&f.path, old, new))
        })
        .collect()
}

/// How many active findings have a fix that `--fix` would apply (with `unsafe_fixes`, unsafe
/// ones included), and how many more have only an unsafe fix `--unsafe-fixes` would add.
fn fixable_counts(result: &RunResult, unsafe_fixes: bool) -> (usize, usize) {
    let fixes = || result.active().filter_map(|d| d.fix.as_ref());
    let available = fixes().filter(|f| f.is_applicable(unsafe_fixes)).count();
    let hidden = fixes().filter(|f| !f.is_applicable(unsafe_fixes)).count();
    (available, hidden)
}

/// `[*] 3 fixable with --fix (1 more with --fix --unsafe-fixes)`, when a finding has a fix.
fn fixable_line(available: usize, hidden: usize, unsafe_fixes: bool) -> Option<String> {
    let flags = if unsafe_fixes {
        "--fix --unsafe-fixes"
    } else {
        "--fix"
    };
    match (available, hidden) {
        (0, 0) => None,
        (0, hidden) => Some(format!("{hidden} fixable with --fix --unsafe-fixes")),
        (available, 0) => Some(format!("[*] {available} fixable with {flags}")),
        (available, hidden) => Some(format!(
            "[*] {available} fixable with {flags} ({hidden} more with --fix --unsafe-fixes)"
        )),
    }
}

fn write_baseline(path: &Path, result: &RunResult, quiet: bool) -> i32 {
    let text = baseline::render(&result.diagnostics, Some(path));
    if let Err(e) = output::write(path, text.as_bytes()) {
        return error(format!("cannot write {}: {e}", path.display()));
    }
    let mut stderr = io::stderr().lock();
    for problem in &result.problems {
        let _ = writeln!(
            stderr,
            "warning: {}: {}",
            bdl_report::Escaped(&problem.path),
            bdl_report::Escaped(&problem.message)
        );
    }
    if !quiet {
        let _ = writeln!(
            stderr,
            "wrote {} finding(s) to baseline {}",
            result.diagnostics.iter().filter(|d| d.is_active()).count(),
            path.display()
        );
    }
    if result.problems.iter().any(|p| p.explicit) {
        EXIT_ERROR
    } else {
        EXIT_CLEAN
    }
}

/// 2 when an explicitly named file could not be read or a rule failed (internal error), else
/// 1 when `failing` findings are at or above the fail level, else 0.
pub fn exit_code(result: &RunResult, failing: usize) -> i32 {
    let failed = result.problems.iter().any(|p| p.explicit);
    let internal_error = result
        .diagnostics
        .iter()
        .any(|d| d.code == bdl_syntax::INTERNAL_ERROR_CODE);
    if failed || internal_error {
        EXIT_ERROR
    } else if failing > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

fn report(result: &RunResult, unsafe_fixes: bool) -> bdl_report::Report<'_> {
    bdl_report::Report {
        diagnostics: &result.diagnostics,
        rules: &result.enabled,
        files_checked: result.files_checked,
        checked_files: &result.checked_files,
        tool_version: env!("CARGO_PKG_VERSION"),
        unsafe_fixes,
    }
}

fn render(
    format: Format,
    result: &RunResult,
    color: bool,
    unsafe_fixes: bool,
) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    let report = report(result, unsafe_fixes);
    match format {
        Format::Human => write_human(
            &mut out,
            &result.diagnostics,
            &result.sources,
            HumanOptions {
                color,
                width: terminal_width(),
                unsafe_fixes,
            },
        )?,
        Format::Concise => bdl_report::write_concise(&mut out, &report)?,
        Format::Json => bdl_report::write_json(&mut out, &report)?,
        Format::Sarif => bdl_report::write_sarif(&mut out, &report)?,
        Format::Github => bdl_report::write_github(&mut out, &report)?,
        Format::Junit => bdl_report::write_junit(&mut out, &report)?,
        Format::Checkstyle => bdl_report::write_checkstyle(&mut out, &report)?,
    }
    Ok(out)
}

/// GitHub shows only a few annotations per step; the job summary lists them all by rule.
fn append_step_summary(result: &RunResult) -> io::Result<()> {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return Ok(());
    };
    let mut text = Vec::new();
    bdl_report::write_github_summary(&mut text, &report(result, false))?;
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(path)?;
    file.write_all(&text)
}

/// "  12  FLK001  checkpoint-interval-too-short", most frequent first; with `json`, an array
/// of `{"code", "name", "count"}` in the same order.
fn statistics(result: &RunResult, json: bool) -> String {
    let mut counts: Vec<(usize, &'static str, &'static str)> = Vec::new();
    for d in result.diagnostics.iter().filter(|d| d.is_active()) {
        match counts.iter_mut().find(|(_, code, _)| *code == d.code) {
            Some(entry) => entry.0 += 1,
            None => counts.push((1, d.code, d.name)),
        }
    }
    counts.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    if json {
        let list: Vec<_> = counts
            .iter()
            .map(|(count, code, name)| {
                serde_json::json!({ "code": code, "name": name, "count": count })
            })
            .collect();
        return serde_json::Value::Array(list).to_string() + "\n";
    }
    let mut out = String::new();
    for (count, code, name) in counts {
        let _ = writeln!(out, "{count:>6}  {code}  {name}");
    }
    out
}

/// "3 problems (1 error, 2 warnings) in 412 files"; suppressed findings are counted apart.
pub fn summary(result: &RunResult) -> String {
    let active: Vec<_> = result
        .diagnostics
        .iter()
        .filter(|d| d.is_active())
        .collect();
    let count = |s: Severity| active.iter().filter(|d| d.severity == s).count();
    let files = plural(result.files_checked, "file", "files");
    let suppressed = result.diagnostics.len() - active.len();
    let suppressed = if suppressed > 0 {
        format!(", {suppressed} suppressed")
    } else {
        String::new()
    };
    if active.is_empty() {
        return format!("no problems in {files}{suppressed}");
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
        "{} ({}) in {files}{suppressed}",
        plural(active.len(), "problem", "problems"),
        parts.join(", ")
    )
}
