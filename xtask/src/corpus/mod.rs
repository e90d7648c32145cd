//! `gen-corpus`: a deterministic tree shaped like a big-data monorepo.
//!
//! The tree is a Maven multi-module repository. Most modules are ordinary Spring services and
//! libraries; some hold Flink, Hadoop/HBase or Redis jobs, and services carry a few Redis
//! repositories and Elasticsearch indexers; a `deploy/` area holds cluster
//! configuration. Every module is generated from its own random stream (`seed`, module index),
//! so modules are built in parallel with the same bytes as a sequential run. `--size` counts the
//! files the linter can see; the `.gitignore`d build output (`target/`) comes on top.

mod config;
mod java;
mod jobs;
mod words;

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::rng::Rng;
use java::{JavaWriter, Shape, lower_first};
use jobs::Job;
use words::{DOMAINS, ORGS, SUBPACKAGES};

/// Marks a directory as a generated corpus, so that a later run may replace it.
pub(crate) const MARKER: &str = ".bdl-bench-corpus";

/// Share of ordinary files that mention a big-data or lookalike library somewhere.
const MENTION_RATE: f64 = 0.10;
/// Share of a job module's Java files that are jobs.
const JOB_RATE: f64 = 0.3;
/// Share of a service module's Java files that are Redis repositories or search indexers.
const SERVICE_JOB_RATE: f64 = 0.03;
/// Share of jobs (and job configuration) with a planted mistake.
const BAD_RATE: f64 = 0.4;
/// Share of a module's Java files that are tests.
const TEST_RATE: f64 = 0.2;

#[derive(Clone, Debug)]
pub(crate) struct GenOptions {
    pub(crate) size: u64,
    pub(crate) out: PathBuf,
    pub(crate) seed: u64,
}

/// What a generated file is, for the summary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Java,
    Config,
    /// Seen by the walker but not a kind the linter reads (pom.xml, README.md, logback.xml).
    Other,
    /// Hidden by `.gitignore`; must never be read.
    Ignored,
}

struct GenFile {
    path: PathBuf,
    data: Vec<u8>,
    class: Class,
    /// Findings planted in this file on purpose.
    planted: usize,
    job: bool,
    mention: bool,
}

impl GenFile {
    fn new(path: PathBuf, data: Vec<u8>, class: Class) -> Self {
        Self {
            path,
            data,
            class,
            planted: 0,
            job: false,
            mention: false,
        }
    }
}

#[derive(Default)]
struct Module {
    dir: String,
    files: Vec<GenFile>,
}

#[derive(Debug, Default)]
pub(crate) struct Summary {
    pub(crate) modules: usize,
    pub(crate) java_files: usize,
    pub(crate) java_bytes: u64,
    pub(crate) config_files: usize,
    pub(crate) config_bytes: u64,
    pub(crate) other_files: usize,
    pub(crate) other_bytes: u64,
    pub(crate) ignored_files: usize,
    pub(crate) ignored_bytes: u64,
    pub(crate) jobs: usize,
    pub(crate) bad_jobs: usize,
    pub(crate) planted: usize,
    pub(crate) mentions: usize,
    pub(crate) seconds: f64,
}

impl Summary {
    pub(crate) fn to_markdown(&self, options: &GenOptions) -> String {
        let mb = |b: u64| b as f64 / 1e6;
        format!(
            "corpus {} (seed {}) in {:.1} s\n\
             | files | count | MB |\n|---|---:|---:|\n\
             | Java | {} | {:.1} |\n| configuration | {} | {:.1} |\n\
             | other (pom.xml, README.md, logback.xml, .gitignore) | {} | {:.1} |\n\
             | ignored build output (target/) | {} | {:.1} |\n\
             modules: {}; jobs: {} ({} with planted mistakes); planted findings (Java and \
             configuration): {}; ordinary files mentioning a big-data or lookalike library: {}\n",
            options.out.display(),
            options.seed,
            self.seconds,
            self.java_files,
            mb(self.java_bytes),
            self.config_files,
            mb(self.config_bytes),
            self.other_files,
            mb(self.other_bytes),
            self.ignored_files,
            mb(self.ignored_bytes),
            self.modules,
            self.jobs,
            self.bad_jobs,
            self.planted,
            self.mentions,
        )
    }
}

/// Parses `200MB`, `20 MB`, `1.5GB`, `500kB`, `1048576` (bytes). Decimal units.
pub(crate) fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim().to_ascii_lowercase();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let number: f64 = number
        .parse()
        .map_err(|_| format!("invalid size `{text}`"))?;
    let factor = match unit.trim() {
        "" | "b" => 1.0,
        "k" | "kb" => 1e3,
        "m" | "mb" => 1e6,
        "g" | "gb" => 1e9,
        _ => return Err(format!("invalid size unit in `{text}` (use B, kB, MB, GB)")),
    };
    #[allow(
        clippy::cast_sign_loss,
        clippy::cast_possible_truncation,
        reason = "checked positive, rounded"
    )]
    let bytes = (number * factor).round() as u64;
    if bytes == 0 {
        return Err(format!("size `{text}` is zero"));
    }
    Ok(bytes)
}

pub(crate) fn generate(options: &GenOptions) -> io::Result<Summary> {
    let started = Instant::now();
    prepare_out_dir(&options.out)?;
    let mut summary = Summary::default();
    let mut module_dirs = Vec::new();
    let batch = (rayon::current_num_threads() * 4).max(8);
    let mut next = 0u64;
    let mut visible = 0u64;
    'batches: while visible < options.size {
        let modules: Vec<Module> = (next..next + batch as u64)
            .into_par_iter()
            .map(|i| module(options.seed, i))
            .collect();
        next += batch as u64;
        for mut module in modules {
            let mut kept = Vec::with_capacity(module.files.len());
            for file in module.files.drain(..) {
                if visible >= options.size && file.class != Class::Ignored {
                    break;
                }
                let len = file.data.len() as u64;
                match file.class {
                    Class::Java => {
                        summary.java_files += 1;
                        summary.java_bytes += len;
                    }
                    Class::Config => {
                        summary.config_files += 1;
                        summary.config_bytes += len;
                    }
                    Class::Other => {
                        summary.other_files += 1;
                        summary.other_bytes += len;
                    }
                    Class::Ignored => {
                        summary.ignored_files += 1;
                        summary.ignored_bytes += len;
                    }
                }
                if file.class != Class::Ignored {
                    visible += len;
                }
                summary.jobs += usize::from(file.job);
                summary.bad_jobs += usize::from(file.job && file.planted > 0);
                summary.planted += file.planted;
                summary.mentions += usize::from(file.mention);
                kept.push(file);
            }
            summary.modules += 1;
            module_dirs.push(module.dir.clone());
            write_files(&options.out, &kept)?;
            if visible >= options.size {
                break 'batches;
            }
        }
    }
    let mut root_rng = Rng::derive(options.seed, u64::MAX);
    let root_files = [
        (".gitignore", config::GITIGNORE.as_bytes().to_vec()),
        (
            "pom.xml",
            config::pom(&mut root_rng, "acme", "platform-parent", &module_dirs, &[]).into_bytes(),
        ),
        (
            "README.md",
            config::readme(&mut root_rng, "platform").into_bytes(),
        ),
    ];
    for (name, data) in root_files {
        summary.other_files += 1;
        summary.other_bytes += data.len() as u64;
        fs::write(options.out.join(name), data)?;
    }
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

fn prepare_out_dir(out: &Path) -> io::Result<()> {
    if out.exists() {
        let empty = fs::read_dir(out)?.next().is_none();
        if !empty && !out.join(MARKER).exists() {
            return Err(io::Error::other(format!(
                "{} exists and is not a generated corpus (no {MARKER}); refusing to replace it",
                out.display()
            )));
        }
        fs::remove_dir_all(out)?;
    }
    fs::create_dir_all(out)?;
    fs::write(out.join(MARKER), b"generated by `cargo xtask gen-corpus`\n")
}

fn write_files(root: &Path, files: &[GenFile]) -> io::Result<()> {
    let dirs: BTreeSet<&Path> = files.iter().filter_map(|f| f.path.parent()).collect();
    for dir in dirs {
        fs::create_dir_all(root.join(dir))?;
    }
    files
        .par_iter()
        .try_for_each(|f| fs::write(root.join(&f.path), &f.data))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Flavour {
    Service,
    Library,
    FlinkJobs,
    HadoopJobs,
    RedisCache,
    Deploy,
}

impl Flavour {
    fn pick(rng: &mut Rng) -> Self {
        match rng.below(100) {
            0..=54 => Flavour::Service,
            55..=72 => Flavour::Library,
            73..=84 => Flavour::FlinkJobs,
            85..=90 => Flavour::HadoopJobs,
            91..=94 => Flavour::RedisCache,
            _ => Flavour::Deploy,
        }
    }

    fn group_and_kind(self, rng: &mut Rng) -> (&'static str, &'static str) {
        match self {
            Flavour::Service => (
                "services",
                rng.word(&["service", "api", "gateway", "worker"]),
            ),
            Flavour::Library => ("libs", rng.word(&["common", "model", "client", "support"])),
            Flavour::FlinkJobs => ("jobs", rng.word(&["flink", "streaming", "pipeline"])),
            Flavour::HadoopJobs => ("jobs", rng.word(&["hbase", "hadoop", "batch"])),
            Flavour::RedisCache => ("services", rng.word(&["cache", "session"])),
            Flavour::Deploy => ("deploy", "env"),
        }
    }

    fn jobs(self) -> &'static [Job] {
        match self {
            Flavour::FlinkJobs => &[
                Job::FlinkStream,
                Job::FlinkStream,
                Job::FlinkConfigured,
                Job::FlinkLookup,
                Job::HbaseSink,
                Job::ElasticsearchSink,
            ],
            Flavour::HadoopJobs => &[
                Job::HadoopDriver,
                Job::HbaseDao,
                Job::HbaseDao,
                Job::HbaseSink,
            ],
            Flavour::RedisCache => &[Job::JedisCache, Job::JedisCache, Job::JedisRepository],
            Flavour::Service => &[Job::JedisRepository, Job::SearchIndexer],
            _ => &[],
        }
    }

    /// Share of the module's Java files that are [`Flavour::jobs`].
    fn job_rate(self) -> f64 {
        match self {
            Flavour::Service => SERVICE_JOB_RATE,
            _ => JOB_RATE,
        }
    }
}

fn java_size(rng: &mut Rng) -> usize {
    // Log-normal: median about 5.5 kB, mean about 8 kB, a long tail of big classes.
    #[allow(
        clippy::cast_sign_loss,
        clippy::cast_possible_truncation,
        reason = "positive, clamped below"
    )]
    let size = (5_500.0 * (0.85 * rng.normal()).exp()) as usize;
    size.clamp(600, 120_000)
}

#[allow(clippy::too_many_lines, reason = "one module, file by file")]
fn module(seed: u64, index: u64) -> Module {
    let mut rng = Rng::derive(seed, index);
    let flavour = Flavour::pick(&mut rng);
    let (group, kind) = flavour.group_and_kind(&mut rng);
    let domain = rng.word(DOMAINS);
    let org = rng.word(ORGS);
    let name = format!("{domain}-{kind}-{index}");
    let dir = format!("{group}/{name}");
    let mut m = Module {
        dir: dir.clone(),
        ..Module::default()
    };
    let base = PathBuf::from(&dir);
    let push = |m: &mut Module, path: PathBuf, data: Vec<u8>, class: Class| {
        m.files.push(GenFile::new(path, data, class));
    };

    if flavour == Flavour::Deploy {
        deploy_module(&mut rng, &mut m, &base, &name);
        return m;
    }

    let deps: &[&str] = match flavour {
        Flavour::FlinkJobs => &[
            "org.apache.flink:flink-streaming-java",
            "org.apache.flink:flink-connector-kafka",
        ],
        Flavour::HadoopJobs => &[
            "org.apache.hbase:hbase-client",
            "org.apache.hadoop:hadoop-client",
        ],
        Flavour::RedisCache => &["redis.clients:jedis"],
        _ => &["org.springframework.boot:spring-boot-starter-web"],
    };
    push(
        &mut m,
        base.join("pom.xml"),
        config::pom(&mut rng, org, &name, &[], deps).into_bytes(),
        Class::Other,
    );
    if rng.chance(0.5) {
        push(
            &mut m,
            base.join("README.md"),
            config::readme(&mut rng, &name).into_bytes(),
            Class::Other,
        );
    }
    resources(&mut rng, &mut m, &base, flavour, &name);

    let count = match flavour {
        Flavour::Service => rng.range(30, 250),
        Flavour::Library => rng.range(15, 150),
        Flavour::RedisCache => rng.range(10, 60),
        _ => rng.range(20, 120),
    };
    let mut used = BTreeSet::new();
    let delombok = rng.chance(0.1);
    let job_kinds = flavour.jobs();
    for _ in 0..count {
        let sub = rng.word(SUBPACKAGES);
        let package = format!("com.{org}.{}.{sub}", domain.replace('-', ""));
        let package_dir = package.replace('.', "/");
        let is_test = rng.chance(TEST_RATE);
        let target = java_size(&mut rng);
        let mut file_rng = Rng::new(rng.next_u64());
        let mut w = JavaWriter::new(&mut file_rng, &package);
        let job = (!is_test && !job_kinds.is_empty() && w.rng.chance(flavour.job_rate()))
            .then(|| Job::pick(w.rng, job_kinds));
        let mut planted = 0;
        let mut mentioned = false;
        let (class, text) = if let Some(job) = job {
            let class = format!("{}{}{}", w.noun(), w.noun(), job.class_suffix());
            let bad = w.rng.chance(BAD_RATE);
            planted = jobs::write_job(&mut w, job, &class, bad, target.min(20_000));
            (class, w.finish(false))
        } else {
            let shape = if is_test {
                Shape::Test
            } else {
                Shape::pick_main(w.rng)
            };
            let suffix = shape.suffix(w.rng);
            let class = w.class_name(suffix);
            let mention = matches!(
                shape,
                Shape::Service | Shape::Util | Shape::Config | Shape::Controller | Shape::Test
            ) && w.rng.chance(MENTION_RATE);
            mentioned = mention;
            java::ordinary(&mut w, shape, &class, target, mention);
            let license = w.rng.chance(0.3);
            (class, w.finish(license))
        };
        let tree = if is_test {
            "src/test/java"
        } else {
            "src/main/java"
        };
        let mut path = base
            .join(tree)
            .join(&package_dir)
            .join(format!("{class}.java"));
        let mut n = 2;
        while !used.insert(path.clone()) {
            path = base
                .join(tree)
                .join(&package_dir)
                .join(format!("{class}{n}.java"));
            n += 1;
        }
        // Build output: compiled classes always, a delombok copy of the source sometimes. Named
        // after the source file as written (`EventTest2`), so that no two share a path.
        let written = path
            .file_stem()
            .map_or_else(|| class.clone(), |s| s.to_string_lossy().into_owned());
        let stem = format!("{package_dir}/{written}");
        let classes = if is_test {
            "target/test-classes"
        } else {
            "target/classes"
        };
        let class_len = text.len() / 6 + 200;
        push(
            &mut m,
            base.join(classes).join(format!("{stem}.class")),
            config::class_file(&mut rng, class_len),
            Class::Ignored,
        );
        if delombok || job.is_some() && rng.chance(0.3) {
            push(
                &mut m,
                base.join("target/generated-sources/delombok")
                    .join(format!("{stem}.java")),
                text.clone().into_bytes(),
                Class::Ignored,
            );
        }
        m.files.push(GenFile {
            planted,
            job: job.is_some(),
            mention: mentioned,
            ..GenFile::new(path, text.into_bytes(), Class::Java)
        });
    }
    m
}

/// Adds a resource file; `planted` is the number of findings planted in it. Maven copies
/// Spring configuration into the build output as well.
fn add_resource(
    m: &mut Module,
    base: &Path,
    file: &str,
    text: String,
    class: Class,
    planted: usize,
) {
    if class == Class::Config && matches!(file, "application.yml" | "application.properties") {
        m.files.push(GenFile::new(
            base.join("target/classes").join(file),
            text.clone().into_bytes(),
            Class::Ignored,
        ));
    }
    m.files.push(GenFile {
        planted,
        ..GenFile::new(
            base.join("src/main/resources").join(file),
            text.into_bytes(),
            class,
        )
    });
}

fn resources(rng: &mut Rng, m: &mut Module, base: &Path, flavour: Flavour, name: &str) {
    let cfg = Class::Config;
    match flavour {
        Flavour::Service | Flavour::RedisCache => {
            let redis = flavour == Flavour::RedisCache || rng.chance(0.1);
            let search = flavour == Flavour::Service && rng.chance(0.15);
            let bad = redis && rng.chance(BAD_RATE);
            // Half the bad ones also carry the Redis password in clear (SEC001).
            let literal_password = bad && rng.chance(0.5);
            let spring = config::Spring {
                redis,
                search,
                bad_pool: bad,
                literal_password,
            };
            let text = config::application_yml(rng, name, spring);
            let planted = usize::from(bad) + usize::from(literal_password);
            add_resource(m, base, "application.yml", text, cfg, planted);
            for profile in ["prod", "staging"] {
                if rng.chance(0.4) {
                    let clean = config::Spring {
                        redis,
                        search,
                        ..config::Spring::default()
                    };
                    let text = config::application_yml(rng, name, clean);
                    let file = format!("application-{profile}.yml");
                    add_resource(m, base, &file, text, cfg, 0);
                }
            }
            if rng.chance(0.2) {
                let text = config::application_properties(rng, name, false, redis);
                add_resource(m, base, "application.properties", text, cfg, 0);
            }
            if rng.chance(0.2) {
                let text = config::other_config_yaml(rng, name);
                add_resource(m, base, "config.yaml", text, cfg, 0);
            }
            add_resource(
                m,
                base,
                "logback.xml",
                config::logback_xml(name),
                Class::Other,
                0,
            );
        }
        Flavour::FlinkJobs => {
            let bad = rng.chance(BAD_RATE / 2.0);
            if rng.chance(0.6) {
                let text = config::flink_conf(rng, bad);
                add_resource(m, base, "flink-conf.yaml", text, cfg, usize::from(bad));
            } else {
                let text = config::flink_config_yaml(rng, bad);
                add_resource(m, base, "config.yaml", text, cfg, usize::from(bad));
            }
            if rng.chance(0.3) {
                let bad = rng.chance(BAD_RATE / 2.0);
                let text = config::flink_sql(rng, bad);
                add_resource(m, base, "enrichment.sql", text, cfg, usize::from(bad));
            }
            let log4j =
                "rootLogger.level = INFO\nrootLogger.appenderRef.console.ref = ConsoleAppender\n";
            add_resource(
                m,
                base,
                "log4j2.properties",
                log4j.to_owned(),
                Class::Other,
                0,
            );
        }
        Flavour::HadoopJobs => {
            let bad = rng.chance(BAD_RATE / 2.0);
            let core = config::site_xml(rng, "core", false);
            add_resource(m, base, "core-site.xml", core, cfg, 0);
            let hdfs = config::site_xml(rng, "hdfs", bad);
            add_resource(m, base, "hdfs-site.xml", hdfs, cfg, usize::from(bad));
            let hbase = config::site_xml(rng, "hbase", false);
            add_resource(m, base, "hbase-site.xml", hbase, cfg, 0);
        }
        Flavour::Library | Flavour::Deploy => {}
    }
}

/// Writes per-environment cluster configuration.
fn deploy_module(rng: &mut Rng, m: &mut Module, base: &Path, name: &str) {
    for env in ["dev", "staging", "prod"] {
        let dir = base.join(env);
        let bad = env == "dev" && rng.chance(BAD_RATE);
        let mut add = |file: &str, text: String, planted: bool| {
            m.files.push(GenFile {
                planted: usize::from(planted),
                ..GenFile::new(dir.join(file), text.into_bytes(), Class::Config)
            });
        };
        add("flink/flink-conf.yaml", config::flink_conf(rng, bad), bad);
        add(
            "flink/config.yaml",
            config::flink_config_yaml(rng, false),
            false,
        );
        for site in ["core", "hdfs", "yarn", "mapred", "hbase"] {
            let planted = bad && site == "hdfs";
            let text = config::site_xml(rng, site, planted);
            add(&format!("hadoop/{site}-site.xml"), text, planted);
        }
        let k8s = format!("k8s/{}/config.yaml", lower_first(name));
        add(&k8s, config::other_config_yaml(rng, name), false);
        if rng.chance(0.5) {
            add("sql/session.sql", config::flink_sql(rng, false), false);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn java_files(seed: u64, modules: u64) -> Vec<(PathBuf, String)> {
        (0..modules)
            .flat_map(|i| module(seed, i).files)
            .filter(|f| f.class == Class::Java)
            .map(|f| (f.path, String::from_utf8(f.data).expect("UTF-8")))
            .collect()
    }

    #[test]
    fn generated_java_is_valid_syntax() {
        let mut parser = tree_sitter::Parser::new();
        parser
            .set_language(&tree_sitter_java::LANGUAGE.into())
            .expect("grammar");
        let files = java_files(7, 40);
        assert!(files.len() > 500, "{}", files.len());
        let broken: Vec<_> = files
            .iter()
            .filter_map(|(path, text)| {
                let tree = parser.parse(text, None).expect("tree");
                let root = tree.root_node();
                if !root.has_error() {
                    return None;
                }
                let mut cursor = root.walk();
                let mut at = None;
                for node in crate::floor::preorder(&mut cursor) {
                    if node.is_error() || node.is_missing() {
                        let line = node.start_position().row;
                        at = text.lines().nth(line).map(str::to_owned);
                        break;
                    }
                }
                Some(format!("{}: {}", path.display(), at.unwrap_or_default()))
            })
            .collect();
        assert!(
            broken.is_empty(),
            "{} of {} broken: {:?}",
            broken.len(),
            files.len(),
            &broken[..broken.len().min(40)]
        );
    }

    #[test]
    fn same_seed_same_bytes() {
        let a = module(3, 5);
        let b = module(3, 5);
        assert_eq!(a.files.len(), b.files.len());
        assert!(
            a.files
                .iter()
                .zip(&b.files)
                .all(|(x, y)| x.path == y.path && x.data == y.data)
        );
        let c = module(4, 5);
        assert!(a.files.iter().zip(&c.files).any(|(x, y)| x.data != y.data));
    }

    #[test]
    fn no_two_files_share_a_path() {
        // Files are written in parallel: two with one path would make the bytes on disk
        // depend on which write came last.
        for index in 0..40 {
            let m = module(index, 5);
            let mut paths: Vec<_> = m.files.iter().map(|f| &f.path).collect();
            let count = paths.len();
            paths.sort();
            paths.dedup();
            assert_eq!(paths.len(), count, "module {index}");
        }
    }

    #[test]
    fn sizes_parse() {
        assert_eq!(parse_size("200MB"), Ok(200_000_000));
        assert_eq!(parse_size("1.5 GB"), Ok(1_500_000_000));
        assert_eq!(parse_size("512"), Ok(512));
        assert!(parse_size("3 parsecs").is_err());
    }
}
