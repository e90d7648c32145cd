//! The settings file, `.bigdata-lint.yaml` (or `.bigdata-lint.yml`): found by walking up from
//! each linted path, validated against the rule registry, every error pointing at its line.

mod target;
mod yaml;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use bdl_core::{RuleMeta, RuleOptions, Selector, Severity, Span, Targets, nearest};
use bdl_syntax::read::{NOT_A_REGULAR_FILE, ReadOutcome, read_regular};

use self::yaml::{Node, Value};
use crate::registry;

/// File names looked for, in this order, in each directory.
pub const FILE_NAMES: &[&str] = &[".bigdata-lint.yaml", ".bigdata-lint.yml"];

/// Every top-level key, with what it means. `docs/configuration.md` documents each one and a
/// test keeps the two in step.
pub const KEYS: &[(&str, &str)] = &[
    (
        "select",
        "Rules to enable, replacing the default (all rules): codes, prefixes or names.",
    ),
    (
        "extend-select",
        "Rules to enable in addition to `select` or the default.",
    ),
    ("ignore", "Rules to disable: codes, prefixes or names."),
    (
        "exclude",
        "gitignore-style globs of paths not to lint, relative to the settings file's directory.",
    ),
    ("extend-exclude", "More globs, added to `exclude`."),
    (
        "per-file-ignores",
        "A mapping from a glob (relative to the settings file's directory) to rules to disable in matching files.",
    ),
    (
        "severity",
        "A mapping from a rule code or name to the severity (`error`, `warning`, `info`) its findings get.",
    ),
    (
        "rules",
        "Per-rule options: a mapping from a rule code or name to a mapping of option names to values.",
    ),
    (
        "fail-level",
        "The lowest severity that makes the run exit with code 1: `error`, `warning` or `info` (default).",
    ),
    (
        "target",
        "The versions the code is built against, per product (`flink`, `hadoop`, `hbase`, `spring-boot`, `jedis`, `elasticsearch`); otherwise read from the nearest build file.",
    ),
    (
        "fixable",
        "Rules whose fixes `--fix` may apply (default: all): codes, prefixes or names.",
    ),
    (
        "unfixable",
        "Rules whose fixes are never applied nor offered, even when `fixable` selects them.",
    ),
    (
        "baseline",
        "A baseline file (relative to the settings file's directory) whose findings are not reported, as `--baseline` does; `--baseline` replaces it.",
    ),
];

/// Validated settings. `Settings::default()` is "no settings file".
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// The file the settings came from.
    pub path: Option<PathBuf>,
    pub select: Option<Vec<String>>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
    pub exclude: Vec<String>,
    pub extend_exclude: Vec<String>,
    /// (glob, selectors)
    pub per_file_ignores: Vec<(String, Vec<String>)>,
    /// (rule code, severity)
    pub severity: Vec<(&'static str, Severity)>,
    /// (rule code, option, value as written)
    pub rules: Vec<(&'static str, String, String)>,
    pub fail_level: Option<Severity>,
    /// `target:` versions; the products left out are inferred from build files.
    pub target: Targets,
    /// `fixable:` selectors; `None` means every rule.
    pub fixable: Option<Vec<String>>,
    /// `unfixable:` selectors.
    pub unfixable: Vec<String>,
    /// `baseline:`, resolved against the settings file's directory.
    pub baseline: Option<PathBuf>,
}

impl Settings {
    /// The directory relative globs are resolved against.
    pub fn root(&self) -> Option<&Path> {
        self.path.as_deref().and_then(Path::parent)
    }

    /// The exclude globs: `exclude`, then `extend-exclude`.
    pub fn excludes(&self) -> Vec<String> {
        self.exclude
            .iter()
            .chain(&self.extend_exclude)
            .cloned()
            .collect()
    }
}

/// A settings file that cannot be used, with the place and a suggestion.
#[derive(Clone, Debug)]
pub struct SettingsError {
    pub path: PathBuf,
    pub text: String,
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
}

/// The largest settings file read, in bytes. Real ones are well under a kilobyte; a larger
/// file is not read (see [`load`] and [`load_nearest`]), so a settings file can cost at most
/// this much to parse.
pub const MAX_SIZE: u64 = 1024 * 1024;

/// The directories a settings file for `start` (a file or a directory) is looked for in,
/// nearest first.
fn search_dirs(start: &Path) -> Vec<PathBuf> {
    let Ok(absolute) = std::path::absolute(start) else {
        return Vec::new();
    };
    let dir = if absolute.is_dir() {
        absolute.as_path()
    } else {
        match absolute.parent() {
            Some(parent) => parent,
            None => return Vec::new(),
        }
    };
    dir.ancestors().map(Path::to_path_buf).collect()
}

/// The nearest settings file at or above `start` (a file's directory, or a directory).
pub fn find(start: &Path) -> Option<PathBuf> {
    search_dirs(start).into_iter().find_map(|d| {
        FILE_NAMES
            .iter()
            .map(|name| d.join(name))
            .find(|p| p.is_file())
    })
}

/// What reading a settings file gave.
enum Read {
    Text(String),
    /// Nothing by that name (the I/O error says so).
    Absent(std::io::Error),
    /// Not a regular file, or larger than [`MAX_SIZE`]: not read, for this reason.
    Unusable(String),
}

/// Reads a settings file: a regular file of at most [`MAX_SIZE`] bytes, never blocking on a
/// FIFO or reading a device.
fn read(path: &Path) -> Result<Read, SettingsError> {
    Ok(match read_regular(path, MAX_SIZE) {
        Ok(ReadOutcome::Bytes(bytes)) => Read::Text(
            String::from_utf8(bytes)
                .map_err(|_| cannot_read(path, "stream did not contain valid UTF-8"))?,
        ),
        Ok(ReadOutcome::TooLarge { size: Some(size) }) => Read::Unusable(format!(
            "skipped: {size} bytes is above the {MAX_SIZE}-byte limit for settings files"
        )),
        Ok(ReadOutcome::TooLarge { size: None }) => Read::Unusable(format!(
            "skipped: more than {MAX_SIZE} bytes, above the limit for settings files"
        )),
        // `read_regular` follows links, so `Link` does not occur; were it to, it is not read.
        Ok(ReadOutcome::NotRegular | ReadOutcome::Link) => {
            Read::Unusable(NOT_A_REGULAR_FILE.to_owned())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Read::Absent(e),
        Err(e) => return Err(cannot_read(path, &e.to_string())),
    })
}

fn cannot_read(path: &Path, why: &str) -> SettingsError {
    SettingsError {
        path: path.to_path_buf(),
        text: String::new(),
        span: Span::default(),
        message: format!("cannot read the settings file: {why}"),
        help: None,
    }
}

/// Reads and validates a settings file named explicitly (`--config`): one that cannot be
/// read, is not a regular file or is above [`MAX_SIZE`] is an error.
pub fn load(path: &Path) -> Result<Settings, SettingsError> {
    match read(path)? {
        Read::Text(text) => parse(path, &text),
        Read::Absent(e) => Err(cannot_read(path, &e.to_string())),
        Read::Unusable(why) => Err(cannot_read(path, why.trim_start_matches("skipped: "))),
    }
}

/// The settings of the nearest settings file at or above `start`, or the defaults when there
/// is none. A settings file that is not a regular file (a FIFO, a link to a device) or is
/// larger than [`MAX_SIZE`] is passed over, as if it were not there, with a warning added to
/// `warnings`; one that cannot be read or does not parse is an error.
pub fn load_nearest(start: &Path, warnings: &mut Vec<String>) -> Result<Settings, SettingsError> {
    let cwd = std::env::current_dir().ok();
    for dir in search_dirs(start) {
        for name in FILE_NAMES {
            let path = dir.join(name);
            // Nothing there (or a dangling link): look on. A directory is not a settings file.
            match std::fs::metadata(&path) {
                Ok(meta) if !meta.is_dir() => {}
                _ => continue,
            }
            match read(&path)? {
                Read::Text(text) => return parse(&path, &text),
                Read::Absent(_) => {}
                Read::Unusable(why) => {
                    let shown = cwd
                        .as_deref()
                        .and_then(|cwd| path.strip_prefix(cwd).ok())
                        .unwrap_or(&path);
                    let warning = format!(
                        "{}: {why}; settings are looked for further up",
                        shown.display()
                    );
                    if !warnings.contains(&warning) {
                        warnings.push(warning);
                    }
                }
            }
        }
    }
    Ok(Settings::default())
}

/// Validates settings text as if read from `path`.
pub fn parse(path: &Path, text: &str) -> Result<Settings, SettingsError> {
    let error = |span: Span, message: String, help: Option<String>| SettingsError {
        path: path.to_path_buf(),
        text: text.to_owned(),
        span,
        message,
        help,
    };
    let root = yaml::parse(text).map_err(|e| error(e.span, e.message, None))?;
    let mut settings = Settings {
        path: Some(path.to_path_buf()),
        ..Settings::default()
    };
    let Some(root) = root else {
        return Ok(settings);
    };
    let Value::Map(entries) = &root.value else {
        return Err(error(
            root.span,
            format!(
                "the settings file must be a mapping of keys, found {}",
                root.describe()
            ),
            Some("start with a key such as `select: [FLK, HDP]`".to_owned()),
        ));
    };
    let rules = registry::all_rules();
    let metas: Vec<&'static RuleMeta> = rules.iter().map(|r| r.meta()).collect();
    let mut seen: Vec<&str> = Vec::new();
    for (key, value) in entries {
        let name = key.as_str().unwrap_or("");
        if seen.contains(&name) {
            return Err(error(key.span, format!("`{name}` is set twice"), None));
        }
        seen.push(name);
        let checked = Checker {
            metas: &metas,
            error: &error,
        };
        match name {
            "select" => settings.select = Some(checked.selectors(value)?),
            "extend-select" => settings.extend_select = checked.selectors(value)?,
            "ignore" => settings.ignore = checked.selectors(value)?,
            "exclude" => settings.exclude = checked.strings(value)?,
            "extend-exclude" => settings.extend_exclude = checked.strings(value)?,
            "per-file-ignores" => {
                for (glob, selectors) in checked.map(value)? {
                    let glob_text = checked.scalar(glob)?;
                    if let Err(e) = globset::Glob::new(&glob_text) {
                        return Err(error(
                            glob.span,
                            format!("invalid glob `{glob_text}`: {e}"),
                            None,
                        ));
                    }
                    settings
                        .per_file_ignores
                        .push((glob_text, checked.selectors(selectors)?));
                }
            }
            "severity" => settings.severity = checked.severities(value)?,
            "rules" => settings.rules = checked.rule_options(value)?,
            "fail-level" => {
                let text = checked.scalar(value)?;
                let Some(level) = Severity::parse(&text) else {
                    return Err(error(
                        value.span,
                        format!("unknown fail level `{text}`"),
                        Some(suggest(&text, &["error", "warning", "info"])),
                    ));
                };
                settings.fail_level = Some(level);
            }
            "target" => settings.target = target::parse(path, value, &error)?,
            "fixable" => settings.fixable = Some(checked.selectors(value)?),
            "unfixable" => settings.unfixable = checked.selectors(value)?,
            "baseline" => {
                let file = PathBuf::from(checked.scalar(value)?);
                let dir = path.parent().unwrap_or_else(|| Path::new(""));
                settings.baseline = Some(dir.join(file));
            }
            _ => {
                let names: Vec<&str> = KEYS.iter().map(|(k, _)| *k).collect();
                let help = nearest(name, names.iter().copied()).map_or_else(
                    || format!("known keys: {}", names.join(", ")),
                    |s| format!("did you mean `{s}`?"),
                );
                return Err(error(key.span, format!("unknown key `{name}`"), Some(help)));
            }
        }
    }
    Ok(settings)
}

fn suggest(word: &str, choices: &[&str]) -> String {
    match nearest(word, choices.iter().copied()) {
        Some(s) => format!("did you mean `{s}`?"),
        None => format!("use one of: {}", choices.join(", ")),
    }
}

/// Shape checks with errors pointing at the node.
struct Checker<'a, E> {
    metas: &'a [&'static RuleMeta],
    error: &'a E,
}

impl<E> Checker<'_, E>
where
    E: Fn(Span, String, Option<String>) -> SettingsError,
{
    fn scalar(&self, node: &Node) -> Result<String, SettingsError> {
        node.as_str().map(str::to_owned).ok_or_else(|| {
            (self.error)(
                node.span,
                format!("expected a single value, found {}", node.describe()),
                None,
            )
        })
    }

    /// A list of strings; a single string counts as a list of one.
    fn strings(&self, node: &Node) -> Result<Vec<String>, SettingsError> {
        match &node.value {
            Value::Scalar(s) => Ok(vec![s.clone()]),
            Value::Seq(items) => items.iter().map(|i| self.scalar(i)).collect(),
            Value::Map(_) => Err((self.error)(
                node.span,
                "expected a list, found a mapping".to_owned(),
                Some("write a list such as `[FLK001, HDP]`".to_owned()),
            )),
        }
    }

    fn selectors(&self, node: &Node) -> Result<Vec<String>, SettingsError> {
        let items: Vec<&Node> = match &node.value {
            Value::Seq(items) => items.iter().collect(),
            _ => vec![node],
        };
        let mut out = Vec::new();
        for item in items {
            let text = self.scalar(item)?;
            if let Err(e) = Selector::parse(&text, self.metas) {
                return Err((self.error)(
                    item.span,
                    format!("`{text}` matches no rule code, prefix or name"),
                    e.suggestion.map(|s| format!("did you mean `{s}`?")),
                ));
            }
            out.push(text);
        }
        Ok(out)
    }

    fn map<'n>(&self, node: &'n Node) -> Result<&'n [(Node, Node)], SettingsError> {
        match &node.value {
            Value::Map(entries) => Ok(entries),
            _ => Err((self.error)(
                node.span,
                format!("expected a mapping, found {}", node.describe()),
                None,
            )),
        }
    }

    /// `severity:` — rule to severity.
    fn severities(&self, node: &Node) -> Result<Vec<(&'static str, Severity)>, SettingsError> {
        let mut out = Vec::new();
        for (code, level) in self.map(node)? {
            let meta = self.rule(code)?;
            let text = self.scalar(level)?;
            let Some(severity) = Severity::parse(&text) else {
                return Err((self.error)(
                    level.span,
                    format!("unknown severity `{text}`"),
                    Some(suggest(&text, &["error", "warning", "info"])),
                ));
            };
            out.push((meta.code, severity));
        }
        Ok(out)
    }

    /// `rules:` — rule to option to value, each checked against the rule's declaration.
    fn rule_options(
        &self,
        node: &Node,
    ) -> Result<Vec<(&'static str, String, String)>, SettingsError> {
        let mut out = Vec::new();
        for (code, options) in self.map(node)? {
            let meta = self.rule(code)?;
            let mut probe = RuleOptions::defaults(meta.options);
            for (option, raw) in self.map(options)? {
                let option_name = self.scalar(option)?;
                let raw_text = self.scalar(raw)?;
                if let Err(message) = probe.set(meta.options, &option_name, &raw_text) {
                    let on_name = !meta.options.iter().any(|o| o.name == option_name);
                    let names = meta.options.iter().map(|o| o.name);
                    let help = on_name
                        .then(|| nearest(&option_name, names))
                        .flatten()
                        .map(|s| format!("did you mean `{s}`?"));
                    let span = if on_name { option.span } else { raw.span };
                    return Err((self.error)(
                        span,
                        format!("{}: {message}", meta.code),
                        help,
                    ));
                }
                out.push((meta.code, option_name, raw_text));
            }
        }
        Ok(out)
    }

    /// A rule named by its code or name.
    fn rule(&self, node: &Node) -> Result<&'static RuleMeta, SettingsError> {
        let text = self.scalar(node)?;
        self.metas
            .iter()
            .find(|m| m.code.eq_ignore_ascii_case(&text) || m.name == text)
            .copied()
            .ok_or_else(|| {
                let names = self.metas.iter().flat_map(|m| [m.code, m.name]);
                (self.error)(
                    node.span,
                    format!("no rule `{text}`"),
                    nearest(&text, names).map(|s| format!("did you mean `{s}`?")),
                )
            })
    }
}

/// The commented starter file `bigdata-lint init` writes.
pub fn starter() -> String {
    let mut out = String::from(
        "# bigdata-lint settings. Every key is optional; see docs/configuration.md.\n\
         # Paths and globs are relative to this file's directory.\n\n\
         # Rules to run: codes (FLK001), prefixes (FLK, HDP) or names. Default: all rules.\n\
         # select: [FLK, HBS, HDP, RDS, ELS, SEC]\n\
         # extend-select: []\n\
         # ignore: [allowed-lateness-tiny]\n\n\
         # Paths not to lint (gitignore syntax; .gitignore is honoured as well).\n\
         exclude:\n  - target/\n  - build/\n\n\
         # Rules to disable in some files.\n\
         # per-file-ignores:\n#   \"src/it/**\": [FLK001]\n\n\
         # Severity overrides: error, warning or info.\n\
         # severity:\n#   HDP001: error\n\n\
         # The lowest severity that fails the run (exit code 1): error, warning or info.\n\
         # fail-level: warning\n\n\
         # Versions the code is built against (default: read from the nearest pom.xml or\n\
         # Gradle build); see docs/target-versions.md.\n\
         # target: {flink: \"1.20\", hadoop: \"3.4\", spring-boot: \"3.2\"}\n\n\
         # Rules whose fixes --fix may apply (default: all), and rules never to fix.\n\
         # fixable: [ALL]\n\
         # unfixable: []\n\n\
         # Rule options, with their defaults:\n\
         # rules:\n",
    );
    for rule in registry::all_rules() {
        let meta = rule.meta();
        if meta.options.is_empty() {
            continue;
        }
        let _ = writeln!(out, "#   {}:  # {}", meta.code, meta.name);
        for option in meta.options {
            let _ = writeln!(out, "#     {}: {}", option.name, option.default);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Result<Settings, SettingsError> {
        parse(Path::new(".bigdata-lint.yaml"), text)
    }

    #[test]
    fn a_full_file_is_read() {
        let text = "select: [FLK, HDP001]\nextend-select: RDS\nignore: [allowed-lateness-tiny]\n\
                    exclude: [target/]\nper-file-ignores:\n  \"src/it/**\": [FLK001]\n\
                    severity:\n  HDP001: error\nrules:\n  FLK001:\n    min-interval: 30s\n\
                    fail-level: warning\n";
        let s = parse_text(text).expect("valid");
        assert_eq!(
            s.select.as_deref(),
            Some(&["FLK".to_owned(), "HDP001".to_owned()][..])
        );
        assert_eq!(s.extend_select, ["RDS"]);
        assert_eq!(s.severity, [("HDP001", Severity::Error)]);
        assert_eq!(
            s.rules,
            [("FLK001", "min-interval".to_owned(), "30s".to_owned())]
        );
        assert_eq!(s.fail_level, Some(Severity::Warning));
        assert_eq!(s.per_file_ignores[0].0, "src/it/**");
        assert!(s.fixable.is_none() && s.unfixable.is_empty());
    }

    #[test]
    fn fixable_and_unfixable_take_selectors() {
        let s = parse_text("fixable: [FLK]\nunfixable: deprecated-time-api\n").expect("valid");
        assert_eq!(s.fixable.as_deref(), Some(&["FLK".to_owned()][..]));
        assert_eq!(s.unfixable, ["deprecated-time-api"]);
        let text = "unfixable:\n  - FLK0155\n";
        let e = parse_text(text).expect_err("unknown code");
        assert_eq!(e.span.slice(text), "FLK0155");
        assert_eq!(e.help.as_deref(), Some("did you mean `FLK015`?"));
        let text = "fixabel: [FLK]\n";
        let e = parse_text(text).expect_err("typo");
        assert_eq!(e.help.as_deref(), Some("did you mean `fixable`?"));
    }

    #[test]
    fn errors_point_at_the_place_and_suggest() {
        let text = "selct: [FLK]\n";
        let e = parse_text(text).expect_err("typo");
        assert_eq!(e.span.slice(text), "selct");
        assert_eq!(e.help.as_deref(), Some("did you mean `select`?"));

        let text = "select:\n  - FLK999\n";
        let e = parse_text(text).expect_err("unknown code");
        assert_eq!(e.span.slice(text), "FLK999");
        assert!(e.message.contains("FLK999"), "{}", e.message);

        let text = "rules:\n  FLK001:\n    min-intervall: 30s\n";
        let e = parse_text(text).expect_err("option typo");
        assert_eq!(e.span.slice(text), "min-intervall");
        assert_eq!(e.help.as_deref(), Some("did you mean `min-interval`?"));

        let text = "rules:\n  FLK001:\n    min-interval: soon\n";
        let e = parse_text(text).expect_err("bad value");
        assert_eq!(e.span.slice(text), "soon");

        let text = "severity:\n  HDP001: critical\n";
        let e = parse_text(text).expect_err("bad severity");
        assert_eq!(e.span.slice(text), "critical");

        let text = "fail-level: [error]\n";
        let e = parse_text(text).expect_err("wrong shape");
        assert!(e.message.contains("a list"), "{}", e.message);
    }

    #[test]
    fn empty_files_are_no_settings() {
        let s = parse_text("# nothing yet\n").expect("valid");
        assert!(s.select.is_none() && s.ignore.is_empty());
    }

    #[test]
    fn the_starter_file_is_valid_settings() {
        let s = parse_text(&starter()).expect("starter parses");
        assert_eq!(s.exclude, ["target/", "build/"]);
    }
}
