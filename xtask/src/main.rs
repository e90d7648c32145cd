//! Development tasks for bigdata-lint, run as `cargo xtask <task>`:
//!
//! - `gen-corpus --size 200MB --out DIR [--seed N]`: a deterministic benchmark corpus shaped
//!   like a big-data monorepo.
//! - `bench --corpus DIR [--runs N] [--single-runs N] [--threads N] [--bin PATH] [--json FILE]`:
//!   the floors and the linter on that corpus; a Markdown table on stdout.
//! - `floor read|parse|gate --corpus DIR [--threads N]`: one floor program (the benchmark runs
//!   these as separate processes).
//! - `gen-catalogs [--check]`: regenerate the configuration-key tables of `bdl-catalog` from
//!   its `data/` directory (`--check`: fail if the checked-in tables differ).

// A command-line tool: its results go to stdout and its errors to stderr.
#![allow(clippy::print_stdout, clippy::print_stderr)]
// Statistics over byte and file counts: f64 precision is ample.
#![allow(clippy::cast_precision_loss)]

mod bench;
mod catalogs;
mod corpus;
mod floor;
mod rng;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage:
  cargo xtask gen-corpus --size 200MB --out DIR [--seed N]
  cargo xtask bench --corpus DIR [--runs N] [--single-runs N] [--threads N] [--bin PATH] [--json FILE]
  cargo xtask floor read|parse|gate --corpus DIR [--threads N]
  cargo xtask gen-catalogs [--check]";

/// `--name value` pairs after the task name; positional words are returned separately.
struct Args {
    flags: Vec<(String, String)>,
    positional: Vec<String>,
}

impl Args {
    fn parse(words: impl Iterator<Item = String>) -> Result<Self, String> {
        let mut flags = Vec::new();
        let mut positional = Vec::new();
        let mut words = words.peekable();
        while let Some(word) = words.next() {
            if let Some(name) = word.strip_prefix("--") {
                if let Some((name, value)) = name.split_once('=') {
                    flags.push((name.to_owned(), value.to_owned()));
                } else {
                    let value = words
                        .next()
                        .ok_or_else(|| format!("--{name} needs a value"))?;
                    flags.push((name.to_owned(), value));
                }
            } else {
                positional.push(word);
            }
        }
        Ok(Self { flags, positional })
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.flags
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn number(&self, name: &str, default: usize) -> Result<usize, String> {
        self.get(name).map_or(Ok(default), |v| {
            v.parse()
                .map_err(|_| format!("--{name}: `{v}` is not a number"))
        })
    }

    fn check_known(&self, known: &[&str]) -> Result<(), String> {
        match self
            .flags
            .iter()
            .find(|(n, _)| !known.contains(&n.as_str()))
        {
            Some((n, _)) => Err(format!("unknown option --{n}")),
            None => Ok(()),
        }
    }
}

fn main() -> ExitCode {
    let mut words = std::env::args().skip(1);
    let Some(task) = words.next() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    if task == "gen-catalogs" {
        // `--check` is a switch, which the `--name value` parser does not know.
        return finish(gen_catalogs(&words.collect::<Vec<_>>()));
    }
    let result = Args::parse(words).and_then(|args| match task.as_str() {
        "gen-corpus" => gen_corpus(&args),
        "bench" => bench(&args),
        "floor" => floor(&args),
        "-h" | "--help" | "help" => Ok(format!("{USAGE}\n")),
        other => Err(format!("unknown task `{other}`\n{USAGE}")),
    });
    finish(result)
}

fn finish(result: Result<String, String>) -> ExitCode {
    match result {
        Ok(out) => {
            print!("{out}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn gen_corpus(args: &Args) -> Result<String, String> {
    args.check_known(&["size", "out", "seed"])?;
    let options = corpus::GenOptions {
        size: corpus::parse_size(args.get("size").unwrap_or("200MB"))?,
        out: PathBuf::from(args.get("out").ok_or("--out DIR is required")?),
        seed: args
            .get("seed")
            .map_or(Ok(42), str::parse)
            .map_err(|_| "--seed must be a number".to_owned())?,
    };
    let summary = corpus::generate(&options).map_err(|e| e.to_string())?;
    Ok(summary.to_markdown(&options))
}

fn bench(args: &Args) -> Result<String, String> {
    args.check_known(&["corpus", "runs", "single-runs", "threads", "bin", "json"])?;
    let options = bench::BenchOptions {
        corpus: PathBuf::from(args.get("corpus").ok_or("--corpus DIR is required")?),
        runs: args.number("runs", 5)?.max(1),
        single_runs: args.number("single-runs", 50)?,
        threads: args.number("threads", 2)?.max(1),
        bin: args.get("bin").map(PathBuf::from),
        json: args.get("json").map(PathBuf::from),
    };
    bench::run(&options)
}

fn floor(args: &Args) -> Result<String, String> {
    args.check_known(&["corpus", "threads"])?;
    let [name] = args.positional.as_slice() else {
        return Err(format!("floor needs one of read, parse, gate\n{USAGE}"));
    };
    let floor = floor::Floor::parse(name).ok_or_else(|| format!("unknown floor `{name}`"))?;
    let root = PathBuf::from(args.get("corpus").ok_or("--corpus DIR is required")?);
    let stats = floor::run(floor, &root, args.number("threads", 2)?)?;
    Ok(format!("{}\n", stats.to_line()))
}

fn gen_catalogs(words: &[String]) -> Result<String, String> {
    let check = match words {
        [] => false,
        [flag] if flag == "--check" => true,
        _ => return Err(format!("gen-catalogs takes only --check\n{USAGE}")),
    };
    let crate_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("crates")
        .join("bdl-catalog");
    catalogs::run(&crate_dir, check)
}
