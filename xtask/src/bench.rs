//! `bench`: the floors and the linter on one corpus, each in its own process, measured the same
//! way, rounds interleaved so that background noise spreads over all of them.

use std::ffi::OsString;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::corpus::MARKER;
use crate::floor::{Floor, Stats};

#[derive(Clone, Debug)]
pub(crate) struct BenchOptions {
    pub(crate) corpus: PathBuf,
    pub(crate) runs: usize,
    pub(crate) single_runs: usize,
    pub(crate) threads: usize,
    /// The linter binary; `None` builds and uses `target/release/bigdata-lint`.
    pub(crate) bin: Option<PathBuf>,
    pub(crate) json: Option<PathBuf>,
}

/// One measured process.
#[derive(Clone, Debug)]
struct Sample {
    wall: f64,
    /// user + sys seconds.
    cpu: Option<f64>,
    rss_kib: Option<u64>,
    stdout: Vec<u8>,
    code: Option<i32>,
}

struct Variant {
    label: String,
    program: PathBuf,
    args: Vec<OsString>,
    floor: Option<Floor>,
    samples: Vec<Sample>,
}

/// How child processes are measured: GNU time (`/usr/bin/time`, which reports the child's own
/// `getrusage`: CPU time and peak RSS) when present, else this process's `cutime`/`cstime`
/// from `/proc/self/stat` (CPU only).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Meter {
    GnuTime,
    ProcStat { ticks: f64 },
}

impl Meter {
    fn detect() -> Self {
        let gnu = Command::new("/usr/bin/time")
            .args(["-f", "%M", "true"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if gnu {
            return Self::GnuTime;
        }
        Self::ProcStat {
            ticks: clock_ticks(),
        }
    }

    fn run(self, program: &Path, args: &[OsString], cwd: &Path) -> Result<Sample, String> {
        let usage = std::env::temp_dir().join(format!("bdl-bench-{}.usage", std::process::id()));
        let mut command = match self {
            Meter::GnuTime => {
                let mut c = Command::new("/usr/bin/time");
                c.arg("-f")
                    .arg("%U %S %M")
                    .arg("-o")
                    .arg(&usage)
                    .arg(program);
                c
            }
            Meter::ProcStat { .. } => Command::new(program),
        };
        command.args(args).current_dir(cwd).stdin(Stdio::null());
        let before = children_cpu_ticks();
        let started = Instant::now();
        let output = command
            .output()
            .map_err(|e| format!("cannot run {}: {e}", program.display()))?;
        let wall = started.elapsed().as_secs_f64();
        let (cpu, rss_kib) = match self {
            Meter::GnuTime => {
                let text = std::fs::read_to_string(&usage).unwrap_or_default();
                let _ = std::fs::remove_file(&usage);
                // The last line: a failing child makes GNU time print a status line first.
                let fields: Vec<&str> = text
                    .lines()
                    .last()
                    .unwrap_or("")
                    .split_whitespace()
                    .collect();
                match fields.as_slice() {
                    [user, sys, rss] => (
                        user.parse::<f64>()
                            .ok()
                            .zip(sys.parse::<f64>().ok())
                            .map(|(u, s)| u + s),
                        rss.parse().ok(),
                    ),
                    _ => (None, None),
                }
            }
            Meter::ProcStat { ticks } => (
                before
                    .zip(children_cpu_ticks())
                    .map(|(b, a)| (a - b) as f64 / ticks),
                None,
            ),
        };
        if output.status.code().is_none_or(|c| c > 1) {
            return Err(format!(
                "{} {:?} failed ({}): {}",
                program.display(),
                args,
                output.status,
                String::from_utf8_lossy(&output.stderr).trim()
            ));
        }
        Ok(Sample {
            wall,
            cpu,
            rss_kib,
            stdout: output.stdout,
            code: output.status.code(),
        })
    }
}

/// Clock ticks per second, the unit of `/proc/self/stat` times.
fn clock_ticks() -> f64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100.0)
}

/// `cutime + cstime` of this process (waited-for children), in clock ticks.
fn children_cpu_ticks() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    // Fields 16 and 17 of proc(5); `after` starts at field 3.
    let user: u64 = fields.get(13)?.parse().ok()?;
    let system: u64 = fields.get(14)?.parse().ok()?;
    Some(user + system)
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n == 0 {
        return f64::NAN;
    }
    if n % 2 == 1 {
        values[n / 2]
    } else {
        f64::midpoint(values[n / 2 - 1], values[n / 2])
    }
}

struct Summary {
    label: String,
    wall: f64,
    wall_min: f64,
    wall_max: f64,
    cpu: Option<f64>,
    rss_mib: Option<f64>,
}

fn summarize(label: &str, samples: &[Sample]) -> Summary {
    let mut walls: Vec<f64> = samples.iter().map(|s| s.wall).collect();
    let mut cpus: Vec<f64> = samples.iter().filter_map(|s| s.cpu).collect();
    let wall = median(&mut walls);
    Summary {
        label: label.to_owned(),
        wall,
        wall_min: walls.first().copied().unwrap_or(f64::NAN),
        wall_max: walls.last().copied().unwrap_or(f64::NAN),
        cpu: (!cpus.is_empty()).then(|| median(&mut cpus)),
        rss_mib: samples
            .iter()
            .filter_map(|s| s.rss_kib)
            .max()
            .map(|k| k as f64 / 1024.0),
    }
}

/// How many cores this machine gives right now: the speed-up of two CPU-bound threads over
/// one (2.0 on two idle cores). On a shared machine it can be well below 2, and then no program
/// can show a 2-thread speed-up near 2 either.
fn available_parallelism() -> f64 {
    fn spin() {
        let mut x = 0x9E37_79B9_7F4A_7C15_u64;
        for _ in 0..60_000_000 {
            x = std::hint::black_box(x.rotate_left(7) ^ x.wrapping_mul(0xBF58_476D_1CE4_E5B9));
        }
    }
    let mut ratios = Vec::new();
    for _ in 0..3 {
        let started = Instant::now();
        spin();
        let one = started.elapsed().as_secs_f64();
        let started = Instant::now();
        std::thread::scope(|s| {
            s.spawn(spin);
            s.spawn(spin);
        });
        let two = started.elapsed().as_secs_f64();
        ratios.push(2.0 * one / two);
    }
    median(&mut ratios)
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "n/a".to_owned())
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

fn build_linter() -> Result<PathBuf, String> {
    let root = workspace_root();
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args([
            "build",
            "--release",
            "--quiet",
            "--package",
            "bigdata-lint",
            "--bin",
            "bigdata-lint",
        ])
        .current_dir(&root)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err("building the release binary failed".to_owned());
    }
    Ok(root.join("target/release/bigdata-lint"))
}

/// The pre-commit case: the smallest Java file that the gate lets through and a rule inspects
/// (a Flink job), so the run includes a parse and every Java rule.
fn pick_single_file(corpus: &Path) -> Option<PathBuf> {
    let found = bdl_syntax::discover::discover(
        &[corpus.to_path_buf()],
        &bdl_syntax::discover::DiscoverOptions::default(),
    )
    .ok()?;
    found
        .files
        .iter()
        .filter(|c| c.path.extension().is_some_and(|e| e == "java"))
        .filter_map(|c| {
            let text = std::fs::read_to_string(&c.path).ok()?;
            text.contains("enableCheckpointing(CHECKPOINT_INTERVAL_MS")
                .then_some((text.len(), c.path.clone()))
        })
        .min()
        .map(|(_, p)| p)
}

#[allow(
    clippy::too_many_lines,
    reason = "one straight sequence: set up, measure, check, report"
)]
pub(crate) fn run(options: &BenchOptions) -> Result<String, String> {
    let corpus = options
        .corpus
        .canonicalize()
        .map_err(|e| format!("{}: {e}", options.corpus.display()))?;
    let bin = match &options.bin {
        Some(bin) => bin
            .canonicalize()
            .map_err(|e| format!("{}: {e}", bin.display()))?,
        None => build_linter()?,
    };
    let xtask = std::env::current_exe().map_err(|e| e.to_string())?;
    let meter = Meter::detect();
    let threads = options.threads.to_string();
    let mut variants = Vec::new();
    for floor in [Floor::Read, Floor::Parse, Floor::Gate] {
        variants.push(Variant {
            label: format!("{} floor ({threads} threads)", floor.name()),
            program: xtask.clone(),
            args: [
                "floor",
                floor.name(),
                "--threads",
                &threads,
                "--corpus",
                ".",
            ]
            .map(OsString::from)
            .to_vec(),
            floor: Some(floor),
            samples: Vec::new(),
        });
    }
    for t in [threads.as_str(), "1"] {
        variants.push(Variant {
            label: format!("bigdata-lint --threads {t}"),
            program: bin.clone(),
            args: ["--quiet", "--format", "concise", "--threads", t, "."]
                .map(OsString::from)
                .to_vec(),
            floor: None,
            samples: Vec::new(),
        });
    }

    let load_before = load_average();
    let cores_before = available_parallelism();
    // One warm-up round (fills the page cache), then `runs` measured rounds.
    for round in 0..=options.runs {
        for v in &mut variants {
            let sample = meter.run(&v.program, &v.args, &corpus)?;
            if round > 0 {
                v.samples.push(sample);
            }
        }
    }

    // The pre-commit case.
    let single = pick_single_file(&corpus);
    let mut single_samples = Vec::new();
    let mut single_rss = None;
    let mut single_cpu_ms = None;
    if let Some(file) = &single {
        let rel = file
            .strip_prefix(&corpus)
            .unwrap_or(file)
            .as_os_str()
            .to_owned();
        let args = vec![OsString::from("--quiet"), rel];
        // Without a wrapper process: its start would count. CPU time is the mean over all
        // runs (the kernel counts children's time in clock ticks, too coarse for one run).
        let ticks = clock_ticks();
        let direct = Meter::ProcStat { ticks };
        let mut before = None;
        for i in 0..options.single_runs + 3 {
            if i == 3 {
                before = children_cpu_ticks();
            }
            let sample = direct.run(&bin, &args, &corpus)?;
            if i >= 3 {
                single_samples.push(sample);
            }
        }
        single_cpu_ms = before
            .zip(children_cpu_ticks())
            .filter(|_| !single_samples.is_empty())
            .map(|(b, a)| (a - b) as f64 / ticks * 1e3 / single_samples.len() as f64);
        if meter == Meter::GnuTime {
            single_rss = meter.run(&bin, &args, &corpus)?.rss_kib;
        }
    }

    let cores_after = available_parallelism();
    let load_after = load_average();
    let cores = cores_before.min(cores_after);

    // Correctness: identical findings in every run at every thread count, some findings, and
    // none in ignored build output.
    let reference = variants
        .iter()
        .find(|v| v.floor.is_none())
        .and_then(|v| v.samples.first())
        .map(|s| s.stdout.clone())
        .unwrap_or_default();
    let deterministic = variants
        .iter()
        .filter(|v| v.floor.is_none())
        .flat_map(|v| &v.samples)
        .all(|s| s.stdout == reference);
    let findings = reference
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .count();
    let in_ignored = String::from_utf8_lossy(&reference)
        .lines()
        .filter(|l| l.contains("/target/") || l.starts_with("target/"))
        .count();
    let exit_codes: Vec<i32> = variants
        .iter()
        .filter(|v| v.floor.is_none())
        .flat_map(|v| &v.samples)
        .filter_map(|s| s.code)
        .collect();

    let floor_stats = |floor: Floor| {
        variants
            .iter()
            .find(|v| v.floor == Some(floor))
            .and_then(|v| v.samples.first())
            .and_then(|s| Stats::from_line(String::from_utf8_lossy(&s.stdout).trim()))
            .unwrap_or_default()
    };
    let read = floor_stats(Floor::Read);
    let gate = floor_stats(Floor::Gate);
    let parse = floor_stats(Floor::Parse);
    let summaries: Vec<Summary> = variants
        .iter()
        .map(|v| summarize(&v.label, &v.samples))
        .collect();
    let by_label = |prefix: &str| summaries.iter().find(|s| s.label.starts_with(prefix));
    let (Some(gate_s), Some(parse_s), Some(lint2), Some(lint1)) = (
        by_label("gate floor"),
        by_label("parse floor"),
        by_label(&format!("bigdata-lint --threads {threads}")),
        by_label("bigdata-lint --threads 1"),
    ) else {
        return Err("missing measurements".to_owned());
    };
    let single_summary = summarize("single", &single_samples);

    let mb = read.bytes as f64 / 1e6;
    let mut out = String::new();
    let _ = writeln!(out, "## bigdata-lint benchmark\n");
    let _ = writeln!(
        out,
        "corpus: `{}`: {} files the linter reads ({:.1} MB), {} Java; the gate lets {} Java files \
         through ({:.1}%); {} configuration files parsed; {} Java syntax nodes in all.\n",
        corpus.display(),
        read.files,
        mb,
        parse.java_files,
        gate.java_parsed,
        100.0 * gate.java_parsed as f64 / parse.java_files.max(1) as f64,
        gate.config_parsed,
        parse.nodes.saturating_sub(parse.config_parsed),
    );
    let _ = writeln!(
        out,
        "runs: {} measured (median) after 1 warm-up, rounds interleaved; CPU and peak RSS from {}.\n",
        options.runs,
        match meter {
            Meter::GnuTime => "GNU time (getrusage of each child)",
            Meter::ProcStat { .. } => "/proc/self/stat (no RSS: GNU time not installed)",
        }
    );
    let _ = writeln!(
        out,
        "machine: {} CPUs; two CPU-bound threads ran {cores_before:.2}x (before) and \
         {cores_after:.2}x (after) as fast as one (2.00 = two idle cores); load average \
         {load_before} before, {load_after} after.\n",
        std::thread::available_parallelism().map_or(0, std::num::NonZero::get),
    );
    let _ = writeln!(
        out,
        "| command | wall median (s) | wall min–max (s) | CPU user+sys (s) | peak RSS (MiB) | MB/s | files/s |"
    );
    let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|---:|");
    let opt = |v: Option<f64>, digits: usize| {
        v.map_or_else(|| "n/a".to_owned(), |x| format!("{x:.digits$}"))
    };
    for s in &summaries {
        let _ = writeln!(
            out,
            "| {} | {:.3} | {:.3}–{:.3} | {} | {} | {:.0} | {:.0} |",
            s.label,
            s.wall,
            s.wall_min,
            s.wall_max,
            opt(s.cpu, 2),
            opt(s.rss_mib, 1),
            mb / s.wall,
            read.files as f64 / s.wall,
        );
    }
    if let Some(file) = &single {
        let _ = writeln!(
            out,
            "| bigdata-lint `{}` (one file, {} runs) | {:.4} | {:.4}–{:.4} | {} (mean) | {} | | |",
            file.strip_prefix(&corpus).unwrap_or(file).display(),
            single_samples.len(),
            single_summary.wall,
            single_summary.wall_min,
            single_summary.wall_max,
            opt(single_cpu_ms.map(|ms| ms / 1e3), 4),
            opt(single_rss.map(|k| k as f64 / 1024.0), 1),
        );
    }
    let ratio = |a: f64, b: f64| a / b;
    let cpu_ratio = |a: &Summary, b: &Summary| a.cpu.zip(b.cpu).map(|(x, y)| x / y);
    let lint_gate = ratio(lint2.wall, gate_s.wall);
    let lint_parse = ratio(lint2.wall, parse_s.wall);
    let speedup = ratio(lint1.wall, lint2.wall);
    let verdict = |ok: bool| if ok { "met" } else { "**missed**" };
    let _ = writeln!(out, "\n| ratio (wall) | value | CPU ratio | target | |");
    let _ = writeln!(out, "|---|---:|---:|---|---|");
    let _ = writeln!(
        out,
        "| lint / gate floor | {lint_gate:.2} | {} | <= 1.3 | {} |",
        opt(cpu_ratio(lint2, gate_s), 2),
        verdict(lint_gate <= 1.3)
    );
    let _ = writeln!(
        out,
        "| lint / parse floor | {lint_parse:.3} | {} | <= 0.2 | {} |",
        opt(cpu_ratio(lint2, parse_s), 3),
        verdict(lint_parse <= 0.2)
    );
    let scaling = if speedup >= 1.8 {
        "met".to_owned()
    } else if cores < 1.9 {
        format!("not measurable: the machine gave {cores:.2} cores")
    } else {
        "**missed**".to_owned()
    };
    let _ = writeln!(
        out,
        "| 1 thread / {threads} threads | {speedup:.2} | | >= 1.8 | {scaling} |"
    );
    if let Some(rss) = lint2.rss_mib.zip(lint1.rss_mib).map(|(a, b)| a.max(b)) {
        let _ = writeln!(
            out,
            "| lint peak RSS (MiB) | {rss:.1} | | <= 50 | {} |",
            verdict(rss <= 50.0)
        );
    }
    if single.is_some() {
        let ms = single_summary.wall * 1e3;
        let cpu = single_cpu_ms.unwrap_or(f64::NAN);
        let single_verdict = if ms < 5.0 {
            "met".to_owned()
        } else if cpu < 5.0 && cores < 1.9 {
            format!("**missed** in wall time on a loaded machine ({cpu:.2} ms of CPU)")
        } else {
            "**missed**".to_owned()
        };
        let _ = writeln!(
            out,
            "| one small Java file: wall, CPU (ms) | {ms:.2} | {cpu:.2} | < 5 | {single_verdict} |"
        );
    }
    let _ = writeln!(
        out,
        "\nfindings: {findings}; identical in all {} lint runs (both thread counts): {}; \
         in ignored build output: {in_ignored}.",
        exit_codes.len(),
        if deterministic { "yes" } else { "**NO**" }
    );

    if let Some(path) = &options.json {
        let mut json = String::from("{\n");
        let _ = writeln!(
            json,
            "  \"corpus_files\": {},\n  \"corpus_bytes\": {},",
            read.files, read.bytes
        );
        let _ = writeln!(
            json,
            "  \"java_files\": {},\n  \"java_gated\": {},",
            parse.java_files, gate.java_parsed
        );
        let _ = writeln!(
            json,
            "  \"runs\": {},\n  \"findings\": {findings},\n  \"deterministic\": {deterministic},",
            options.runs
        );
        let _ = writeln!(json, "  \"available_cores\": {cores:.2},");
        json.push_str("  \"commands\": [\n");
        for (i, s) in summaries.iter().enumerate() {
            let sep = if i + 1 == summaries.len() { "" } else { "," };
            let _ = writeln!(
                json,
                "    {{\"label\": \"{}\", \"wall_s\": {:.4}, \"cpu_s\": {}, \"peak_rss_mib\": {}}}{sep}",
                s.label,
                s.wall,
                s.cpu
                    .map_or_else(|| "null".to_owned(), |c| format!("{c:.3}")),
                s.rss_mib
                    .map_or_else(|| "null".to_owned(), |r| format!("{r:.1}")),
            );
        }
        json.push_str("  ],\n");
        let _ = writeln!(
            json,
            "  \"single_file_ms\": {},\n  \"lint_over_gate\": {lint_gate:.3},\n  \"lint_over_parse\": {lint_parse:.4},\n  \"one_over_two_threads\": {speedup:.3}\n}}",
            if single.is_some() {
                format!("{:.3}", single_summary.wall * 1e3)
            } else {
                "null".to_owned()
            },
        );
        std::fs::write(path, json).map_err(|e| format!("{}: {e}", path.display()))?;
    }

    if !deterministic {
        return Err(format!(
            "{out}\nthe linter's output differs between runs or thread counts"
        ));
    }
    if in_ignored > 0 {
        return Err(format!(
            "{out}\nthe linter reported findings in .gitignored build output"
        ));
    }
    if findings == 0 && corpus.join(MARKER).exists() {
        return Err(format!(
            "{out}\nno findings on a generated corpus, which plants some"
        ));
    }
    Ok(out)
}
