//! Target versions on the command line (`--target flink=2.0`) and in `config --show`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use bdl_core::{Product, Target, TargetSource, Targets, Version, nearest};
use bdl_syntax::project::{Projects, TargetOptions};

use crate::settings::Settings;

/// Parses `--target` values: `PRODUCT=VERSION`, such as `flink=2.0` or `spring-boot=3.2.5`.
/// A later value for the same product wins.
pub fn parse_cli(specs: &[String]) -> Result<Targets, String> {
    let mut targets = Targets::NONE;
    for spec in specs {
        let invalid = |why: String| format!("invalid --target `{spec}`: {why}");
        let Some((name, text)) = spec.split_once('=') else {
            return Err(invalid(
                "expected PRODUCT=VERSION, such as flink=1.20".to_owned(),
            ));
        };
        let name = name.trim();
        let Some(product) = Product::from_key(name) else {
            let help = nearest(name, Product::ALL.map(Product::key)).map_or_else(
                || {
                    format!(
                        "known products: {}",
                        Product::ALL.map(Product::key).join(", ")
                    )
                },
                |s| format!("did you mean `{s}`?"),
            );
            return Err(invalid(format!("unknown product `{name}`; {help}")));
        };
        let Some(version) = Version::parse(text) else {
            return Err(invalid(format!(
                "`{text}` is not a version such as 1.20 or 1.20.1"
            )));
        };
        targets.set(
            product,
            Target {
                version,
                text: text.trim().to_owned(),
                source: TargetSource::CommandLine,
            },
        );
    }
    Ok(targets)
}

/// The target options of a run: `--target` over the settings' `target:`, and the settings
/// file's directory as the place where the search for build files stops.
pub fn options(settings: &Settings, cli: &[String]) -> Result<TargetOptions, String> {
    let mut fixed = parse_cli(cli)?;
    fixed.or(&settings.target);
    Ok(TargetOptions {
        fixed,
        stop_at: settings.root().map(Path::to_path_buf),
    })
}

/// The `config --show` lines for `path`: every product's version and where it came from.
///
/// ```text
/// target.flink: 1.20  # pom.xml: property flink.version = 1.20.0
/// target.hadoop: unknown  # not in pom.xml
/// ```
pub fn show(path: &Path, options: &TargetOptions) -> String {
    let projects = Projects::new(options);
    let targets = projects.targets(path);
    let cwd = std::env::current_dir().ok();
    let build_file = projects.build_file(path).map(|p| shown(&p, cwd.as_deref()));
    let mut out = String::from(
        "# target versions: settings and --target first, then the nearest build file \
         (docs/target-versions.md)\n",
    );
    for product in Product::ALL {
        let key = product.key();
        let _ = match targets.get(product) {
            Some(target) => {
                let source = match &target.source {
                    TargetSource::Settings(file) => format!(
                        "{}: target.{key} = {}",
                        shown(file, cwd.as_deref()).display(),
                        target.text
                    ),
                    TargetSource::CommandLine => format!("--target {key}={}", target.text),
                    TargetSource::BuildFile { path, what } => {
                        format!("{}: {what} = {}", path.display(), target.text)
                    }
                };
                writeln!(out, "target.{key}: {}  # {source}", target.version)
            }
            None => match &build_file {
                Some(file) => writeln!(out, "target.{key}: unknown  # not in {}", file.display()),
                None => writeln!(
                    out,
                    "target.{key}: unknown  # no pom.xml or build.gradle(.kts) found"
                ),
            },
        };
    }
    out
}

fn shown(path: &Path, cwd: Option<&Path>) -> PathBuf {
    cwd.and_then(|cwd| path.strip_prefix(cwd).ok())
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| path.to_path_buf(), Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_line_targets_are_checked() {
        let targets =
            parse_cli(&["flink=2.0".to_owned(), "spring-boot=3.2.5".to_owned()]).expect("valid");
        assert_eq!(
            targets.get(Product::Flink).map(|t| t.version),
            Some(Version::new(2, 0))
        );
        assert_eq!(
            targets.get(Product::SpringBoot).map(|t| t.text.as_str()),
            Some("3.2.5")
        );
        let e = parse_cli(&["flnk=2.0".to_owned()]).expect_err("typo");
        assert!(e.contains("did you mean `flink`?"), "{e}");
        let e = parse_cli(&["flink=two".to_owned()]).expect_err("bad version");
        assert!(e.contains("`two` is not a version"), "{e}");
        let e = parse_cli(&["flink".to_owned()]).expect_err("no value");
        assert!(e.contains("PRODUCT=VERSION"), "{e}");
    }
}
