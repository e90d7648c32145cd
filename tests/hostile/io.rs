//! Reading and writing: files swapped for FIFOs, the output path, encodings (cases 4, 7 and 9 of round two).

use super::*;

// ---------------------------------------------------------------------------------------------
// Case 4: a file swapped for a FIFO, or for a link to one, between discovery and reading.

/// The message of a file found as a regular file that is a FIFO, socket or device when read.
const REPLACED_BY_SPECIAL_FILE: &str =
    "no longer a regular file: replaced by a FIFO, socket or device since it was found; not read";
/// The message of a walked file that is a symbolic link when read.
const REPLACED_BY_LINK: &str =
    "no longer a regular file: replaced by a symbolic link since it was found; not followed";

/// Java with an FLK001 finding at 3:72.
fn job(class: &str) -> String {
    format!(
        "{ENV_IMPORT}class {class} {{\n    void run(StreamExecutionEnvironment env) {{ env.enableCheckpointing(100); env.getCheckpointConfig().setMinPauseBetweenCheckpoints(30_000); }}\n}}\n"
    )
}

#[cfg(unix)]
mod swapped_during_the_run {
    use std::fs;
    use std::path::{Path, PathBuf};
    use std::sync::{Mutex, mpsc};

    use bdl_core::{Ctx, RuleMeta, declare_rule};
    use bdl_syntax::{JavaFile, Rule};
    use bigdata_lint::engine::{self, RunOptions, RunResult};
    use bigdata_lint::registry;

    declare_rule! {
        /// Swaps two files of the directory in [`SWAP`] for a FIFO and for a link to a FIFO
        /// the first time it runs.
        pub SwapOthers {
            code: "TST004",
            name: "swap-others",
            summary: "swaps files of a directory for FIFOs",
            severity: Info,
            kinds: [Java],
            triggers: [],
            options: [],
        }
    }

    /// What to swap: the linted directory and a FIFO outside it; taken by the first run of
    /// the rule, which records here which files it swapped, and how.
    static SWAP: Mutex<Option<(PathBuf, PathBuf)>> = Mutex::new(None);
    static SWAPPED: Mutex<Vec<(String, &'static str)>> = Mutex::new(Vec::new());

    impl Rule for SwapOthers {
        fn meta(&self) -> &'static RuleMeta {
            &Self::META
        }
        fn check_java(&self, _file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
            let Some((dir, pipe)) = SWAP.lock().expect("lock").take() else {
                return;
            };
            // The file being checked has been read; none of the others has (one thread).
            let current = Path::new(cx.path()).file_name().map(ToOwned::to_owned);
            let mut others: Vec<PathBuf> = fs::read_dir(&dir)
                .expect("read_dir")
                .map(|entry| entry.expect("entry").path())
                .filter(|path| path.file_name().map(ToOwned::to_owned) != current)
                .collect();
            others.sort();
            let mut swapped = SWAPPED.lock().expect("lock");
            let name = |path: &Path| {
                path.file_name()
                    .expect("name")
                    .to_string_lossy()
                    .into_owned()
            };
            fs::remove_file(&others[0]).expect("rm");
            super::super::fifo(&others[0]);
            swapped.push((name(&others[0]), "fifo"));
            fs::remove_file(&others[1]).expect("rm");
            std::os::unix::fs::symlink(&pipe, &others[1]).expect("symlink");
            swapped.push((name(&others[1]), "link"));
        }
    }

    static SWAP_OTHERS: SwapOthers = SwapOthers;

    /// Runs the engine on another thread, so that a run that hangs on a FIFO fails the test
    /// instead of hanging the suite.
    fn run_with_limit(options: RunOptions) -> RunResult {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut rules = registry::all_rules();
            rules.push(&SWAP_OTHERS);
            let _ = tx.send(engine::run(&rules, &options).expect("run"));
        });
        rx.recv_timeout(super::super::LIMIT)
            .expect("the run hung on a file swapped for a FIFO")
    }

    /// With one worker thread, files are read one after the other: the first file read runs the
    /// rule, which swaps two of the others, not yet read, for a FIFO and for a link to a FIFO.
    /// The run completes; each swapped file is a problem of its own (an error when it was
    /// named), and every other file keeps its finding.
    #[test]
    fn files_swapped_for_fifos_are_problems_and_the_others_keep_their_findings() {
        const FILES: usize = 5;
        for explicit in [false, true] {
            let outside = super::super::tempdir();
            let pipe = outside.path().join("pipe");
            super::super::fifo(&pipe);
            let dir = super::super::tempdir();
            let files: Vec<PathBuf> = (0..FILES)
                .map(|i| super::super::write(dir.path(), &format!("F{i}.java"), super::job("F")))
                .collect();
            *SWAP.lock().expect("lock") = Some((dir.path().to_path_buf(), pipe));
            SWAPPED.lock().expect("lock").clear();
            let options = RunOptions {
                paths: if explicit {
                    files.clone()
                } else {
                    vec![dir.path().to_path_buf()]
                },
                threads: Some(1),
                ..RunOptions::default()
            };
            let result = run_with_limit(options);
            let swapped = SWAPPED.lock().expect("lock").clone();
            assert_eq!(swapped.len(), 2, "explicit: {explicit}");
            assert_eq!(result.files_checked, FILES - 2, "explicit: {explicit}");
            let mut problems: Vec<(String, &str, bool)> = result
                .problems
                .iter()
                .map(|p| {
                    let name = Path::new(&p.path).file_name().expect("name");
                    (
                        name.to_string_lossy().into_owned(),
                        p.message.as_str(),
                        p.explicit,
                    )
                })
                .collect();
            problems.sort();
            let expected: Vec<(String, &str, bool)> = swapped
                .iter()
                .map(|(name, how)| {
                    // A named link is followed (to the FIFO); the walk follows none.
                    let message = if *how == "link" && !explicit {
                        super::REPLACED_BY_LINK
                    } else {
                        super::REPLACED_BY_SPECIAL_FILE
                    };
                    (name.clone(), message, explicit)
                })
                .collect();
            assert_eq!(problems, expected, "explicit: {explicit}");
            let flagged: Vec<String> = result
                .diagnostics
                .iter()
                .map(|d| {
                    let name = Path::new(&d.path).file_name().expect("name");
                    format!(
                        "{}:{}:{}: {}",
                        name.to_string_lossy(),
                        d.start.line,
                        d.start.column,
                        d.code
                    )
                })
                .collect();
            let mut kept: Vec<String> = (0..FILES)
                .map(|i| format!("F{i}.java"))
                .filter(|name| !swapped.iter().any(|(s, _)| s == name))
                .map(|name| format!("{name}:3:72: FLK001"))
                .collect();
            kept.sort();
            assert_eq!(flagged, kept, "explicit: {explicit}");
        }
    }
}

/// Through the binary, the swap is a race: files are replaced by FIFOs (renamed over them, which
/// is atomic) while a run over them is in progress. Whatever the timing, the run must end, and
/// every replaced file is either linted (read before the swap), passed over (a FIFO by the time
/// the walk listed it) or reported as replaced; the files never touched keep their findings.
/// Before reads were checked on the opened descriptor, a file listed as regular and opened after
/// its swap blocked the run until the time limit.
#[cfg(unix)]
#[test]
fn files_swapped_for_fifos_while_the_binary_runs() {
    const FILES: usize = 3_000;
    let dir = tempdir();
    let tree = dir.path().join("tree");
    let pipes = dir.path().join("pipes");
    fs::create_dir_all(&tree).expect("mkdir");
    fs::create_dir_all(&pipes).expect("mkdir");
    // Every tenth file is a victim; the others each have a finding, linked to one file (cheap).
    let first = write(&tree, "K0.java", job("K"));
    let mut victims = Vec::new();
    for i in 0..FILES {
        if i % 10 == 5 {
            let name = format!("V{i}.java");
            write(&tree, &name, "class V {}\n");
            victims.push(name);
        } else if i > 0 {
            fs::hard_link(&first, tree.join(format!("K{i}.java"))).expect("link");
        }
    }
    let status = std::process::Command::new("mkfifo")
        .args(victims.iter().map(|name| pipes.join(name)))
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
    // `run` fails the test if the run outlives its time limit.
    let linting = {
        let tree = tree.clone();
        std::thread::spawn(move || concise(&tree, &["--threads", "1", "."]))
    };
    // Let the walk list the first directory entries, then swap.
    std::thread::sleep(Duration::from_millis(40));
    for name in &victims {
        fs::rename(pipes.join(name), tree.join(name)).expect("rename");
    }
    let run = linting
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    assert_eq!(run.code, 1, "{}", tail(&run.stderr));
    let flagged = run
        .findings()
        .iter()
        .filter(|f| f.ends_with(": FLK001"))
        .count();
    assert_eq!(flagged, FILES - victims.len(), "{}", tail(&run.stderr));
    assert_eq!(run.findings().len(), flagged, "{}", tail(&run.stdout));
    for line in run.stderr.lines() {
        if let Some(rest) = line.strip_prefix("warning: ") {
            assert!(
                rest.starts_with('V') && rest.ends_with(REPLACED_BY_SPECIAL_FILE),
                "{line}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Case 7: what `--output` names decides how it is written.

/// A file with one finding, and the arguments that lint it as JSON.
fn one_finding(dir: &Path) -> [&'static str; 3] {
    write(
        dir,
        "application.properties",
        "spring.data.redis.jedis.pool.max-active=1\n",
    );
    ["--format", "json", "application.properties"]
}

/// The names in `dir`, sorted; unlike [`snapshot`], this opens no file (a FIFO would block).
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read_dir")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

/// The entry at `path` itself, links not followed.
fn lstat(path: &Path) -> fs::Metadata {
    fs::symlink_metadata(path).expect("lstat")
}

/// A FIFO named by `--output` is written into, as the shell would, and stays a FIFO: replacing
/// it would leave its reader waiting and a regular file in its place.
#[cfg(unix)]
#[test]
fn output_onto_a_fifo_writes_into_it() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempdir();
    let args = one_finding(dir.path());
    let expected = run(bin(dir.path()).args(args)).stdout;
    fifo(&dir.path().join("report.fifo"));
    let mut reader = std::process::Command::new("cat")
        .arg("report.fifo")
        .current_dir(dir.path())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("cat starts");
    let written = run(bin(dir.path()).args(["--output", "report.fifo"]).args(args));
    // If the FIFO was replaced, nobody ever writes to it: stop the reader.
    let replaced = !lstat(&dir.path().join("report.fifo")).file_type().is_fifo();
    if replaced {
        let _ = reader.kill();
    }
    let read = reader.wait_with_output().expect("cat ends");
    assert!(!replaced, "the FIFO was replaced: {written:?}");
    assert_eq!(
        (written.code, written.stdout.as_str()),
        (1, ""),
        "{written:?}"
    );
    assert_eq!(String::from_utf8_lossy(&read.stdout), expected);
    assert_eq!(names(dir.path()), ["application.properties", "report.fifo"]);
}

/// A character device is written into, never replaced. A link to `/dev/null` in the temp dir
/// stands in for it: wrong code replaces the link, not the machine's device.
#[cfg(unix)]
#[test]
fn output_onto_a_character_device_writes_into_it() {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let null = Path::new("/dev/null");
    let before = fs::metadata(null).expect("stat /dev/null");
    if !before.file_type().is_char_device() {
        return;
    }
    let dir = tempdir();
    let args = one_finding(dir.path());
    std::os::unix::fs::symlink(null, dir.path().join("null")).expect("symlink");
    let run = run(bin(dir.path()).args(["--output", "null"]).args(args));
    assert_eq!((run.code, run.stdout.as_str()), (1, ""), "{run:?}");
    assert!(
        lstat(&dir.path().join("null")).file_type().is_symlink(),
        "the link was replaced"
    );
    let after = fs::metadata(null).expect("stat /dev/null");
    assert!(after.file_type().is_char_device());
    assert_eq!(
        (after.dev(), after.ino(), after.rdev()),
        (before.dev(), before.ino(), before.rdev())
    );
    assert_eq!(names(dir.path()), ["application.properties", "null"]);
}

/// `/dev/stdout` is a link to `/proc/self/fd/1`: the report goes through the descriptor to
/// whatever it is open on (a pipe here). Tested through `/proc/self/fd/1`, where code that
/// replaced the path fails to create its temporary file instead of replacing `/dev/stdout`.
#[cfg(target_os = "linux")]
#[test]
fn output_onto_an_open_descriptor_writes_through_it() {
    let dir = tempdir();
    let args = one_finding(dir.path());
    let expected = run(bin(dir.path()).args(args)).stdout;
    let run = run(bin(dir.path())
        .args(["--output", "/proc/self/fd/1"])
        .args(args));
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(run.stdout, expected);
}

/// A link named by `--output` stays a link; its target gets the report, through a temporary
/// file beside the target.
#[cfg(unix)]
#[test]
fn output_onto_a_symlink_writes_its_target() {
    let dir = tempdir();
    let args = one_finding(dir.path());
    let expected = run(bin(dir.path()).args(args)).stdout;
    write(dir.path(), "reports/report.json", "old\n");
    std::os::unix::fs::symlink("reports/report.json", dir.path().join("report.json"))
        .expect("symlink");
    let run = run(bin(dir.path()).args(["--output", "report.json"]).args(args));
    assert_eq!((run.code, run.stdout.as_str()), (1, ""), "{run:?}");
    let link = dir.path().join("report.json");
    assert!(
        lstat(&link).file_type().is_symlink(),
        "the link was replaced"
    );
    assert_eq!(
        fs::read_link(&link).expect("readlink"),
        Path::new("reports/report.json")
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("reports/report.json")).expect("read"),
        expected
    );
    let names: Vec<PathBuf> = snapshot(dir.path()).into_keys().collect();
    assert_eq!(
        names,
        [
            PathBuf::from("application.properties"),
            PathBuf::from("report.json"),
            PathBuf::from("reports"),
            PathBuf::from("reports/report.json"),
        ]
    );
}

/// An output path that is one of the linted files would replace it with the report: refused
/// before any work, exit 2, the file untouched. Named, found by the walk, or reached through a
/// link; for `--write-baseline` too.
#[cfg(unix)]
#[test]
fn output_onto_a_linted_file_is_refused() {
    let dir = tempdir();
    let text = job("Job");
    write(dir.path(), "src/Job.java", &text);
    std::os::unix::fs::symlink("src/Job.java", dir.path().join("report.json")).expect("symlink");
    let before = snapshot(dir.path());
    let cases: [(&[&str], &str); 5] = [
        (
            &["-o", "src/Job.java", "src/Job.java"],
            "error: --output src/Job.java is one of the linted files; the report would overwrite it",
        ),
        (
            &["--output", "src/Job.java", "."],
            "error: --output src/Job.java is a file of a linted kind in the linted directory .; the report would overwrite it",
        ),
        (
            &["--output", "src/Job.java"],
            "error: --output src/Job.java is a file of a linted kind in the linted directory .; the report would overwrite it",
        ),
        (
            &["--output", "report.json", "src"],
            "error: --output report.json is a file of a linted kind in the linted directory src; the report would overwrite it",
        ),
        (
            &["--write-baseline", "src/Job.java", "src/Job.java"],
            "error: --write-baseline src/Job.java is one of the linted files; the baseline would overwrite it",
        ),
    ];
    for (args, message) in cases {
        let run = run(bin(dir.path()).args(args));
        assert_eq!(
            (run.code, run.stdout.as_str()),
            (2, ""),
            "{args:?}: {run:?}"
        );
        assert_eq!(run.stderr.trim_end(), message, "{args:?}");
        assert!(before == snapshot(dir.path()), "{args:?}: a file changed");
    }
    // A report beside the linted files, of a kind bigdata-lint does not lint, is fine.
    let fine = run(bin(dir.path()).args(["--output", "src/report.json", "src"]));
    assert_eq!(fine.code, 1, "{fine:?}");
    assert_eq!(
        fs::read_to_string(dir.path().join("src/Job.java")).expect("read"),
        text
    );
}

/// A replaced report keeps its permissions (a private report stays private), and, where the
/// system allows it (as root), its owner and group.
#[cfg(unix)]
#[test]
fn replaced_output_keeps_its_mode_and_owner() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tempdir();
    let args = one_finding(dir.path());
    let report = write(dir.path(), "report.json", "old\n");
    fs::set_permissions(&report, fs::Permissions::from_mode(0o600)).expect("chmod");
    let run_once = || {
        let run = run(bin(dir.path()).args(["--output", "report.json"]).args(args));
        assert_eq!((run.code, run.stdout.as_str()), (1, ""), "{run:?}");
        fs::metadata(&report).expect("stat")
    };
    assert_eq!(run_once().mode() & 0o7777, 0o600);
    // Only root can give a file away (CI runs as root).
    if std::os::unix::fs::chown(&report, Some(4321), Some(4322)).is_ok() {
        let meta = run_once();
        assert_eq!(
            (meta.uid(), meta.gid(), meta.mode() & 0o7777),
            (4321, 4322, 0o600)
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Case 9: files in UTF-16, UTF-32 and the encodings XML declarations name.

/// An `hdfs-site.xml` with `dfs.replication` 1 at 6:24, after characters outside ASCII (one of
/// them outside the Basic Multilingual Plane: a surrogate pair in UTF-16) on its line and
/// above, declared in `encoding`.
fn site_xml(encoding: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"{encoding}\"?>\n<!-- Réplication: 𝄞 -->\n<configuration>\n  <property>\n    <name>dfs.replication</name>\n    <!-- é 𝄞 --><value>1</value>\n  </property>\n</configuration>\n"
    )
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    text.encode_utf16()
        .flat_map(|unit| {
            if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            }
        })
        .collect()
}

fn utf32(text: &str, big_endian: bool) -> Vec<u8> {
    text.chars()
        .flat_map(|c| {
            if big_endian {
                u32::from(c).to_be_bytes()
            } else {
                u32::from(c).to_le_bytes()
            }
        })
        .collect()
}

/// Hadoop reads `*-site.xml` in UTF-16 or UTF-32 with a byte order mark, and in UTF-16 without
/// one when the prolog says so; so does bigdata-lint, at the line and column an editor shows.
#[test]
fn utf16_and_utf32_site_files_keep_their_findings_and_positions() {
    let dir = tempdir();
    let cases: [(&str, Vec<u8>); 7] = [
        ("utf8", site_xml("UTF-8").into_bytes()),
        (
            "utf16le",
            [&[0xFF, 0xFE][..], &utf16(&site_xml("UTF-16"), false)].concat(),
        ),
        (
            "utf16be",
            [&[0xFE, 0xFF][..], &utf16(&site_xml("UTF-16"), true)].concat(),
        ),
        ("utf16le-no-bom", utf16(&site_xml("UTF-16"), false)),
        ("utf16be-no-bom", utf16(&site_xml("UTF-16"), true)),
        (
            "utf32le",
            [&[0xFF, 0xFE, 0, 0][..], &utf32(&site_xml("UTF-32"), false)].concat(),
        ),
        (
            "utf32be",
            [&[0, 0, 0xFE, 0xFF][..], &utf32(&site_xml("UTF-32"), true)].concat(),
        ),
    ];
    for (sub, bytes) in &cases {
        write(dir.path(), &format!("{sub}/hdfs-site.xml"), bytes);
    }
    let run = concise(dir.path(), &["."]);
    assert_eq!(run.code, 1, "{run:?}");
    let mut expected: Vec<String> = cases
        .iter()
        .map(|(sub, _)| format!("{sub}/hdfs-site.xml:6:24: HDP001"))
        .collect();
    expected.sort();
    assert_eq!(run.findings(), expected, "{run:?}");
    assert!(!run.stderr.contains("note:"), "{run:?}");
}

/// Java in UTF-16 with a byte order mark (as some Windows editors save it) is linted like its
/// UTF-8 twin.
#[test]
fn utf16_java_source_is_linted() {
    let dir = tempdir();
    let text = job("Job");
    write(
        dir.path(),
        "le/Job.java",
        [&[0xFF, 0xFE][..], &utf16(&text, false)].concat(),
    );
    write(
        dir.path(),
        "be/Job.java",
        [&[0xFE, 0xFF][..], &utf16(&text, true)].concat(),
    );
    let run = concise(dir.path(), &["."]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(
        run.findings(),
        ["be/Job.java:3:72: FLK001", "le/Job.java:3:72: FLK001"],
        "{run:?}"
    );
    assert!(!run.stderr.contains("note:"), "{run:?}");
}

/// A site file in ISO-8859-1 or windows-1252, as its declaration says: read in that encoding,
/// so nothing is replaced, no notice is due, and the snippet shows the characters as written.
#[test]
fn latin1_and_windows_1252_site_files_are_read_as_declared() {
    let dir = tempdir();
    let latin1: Vec<u8> = site_xml("ISO-8859-1")
        .replace('𝄞', "ß")
        .chars()
        .map(|c| u8::try_from(u32::from(c)).expect("Latin-1"))
        .collect();
    // Each file in its own directory: the site files of one directory form one configuration,
    // in which only the definition that takes effect is reported.
    write(dir.path(), "latin1/hdfs-site.xml", &latin1);
    // `€` is 0x80 in windows-1252 and not in ISO-8859-1.
    let windows: Vec<u8> = site_xml("windows-1252")
        .replace('𝄞', "€")
        .chars()
        .map(|c| {
            if c == '€' {
                0x80
            } else {
                u8::try_from(u32::from(c)).expect("Latin-1")
            }
        })
        .collect();
    write(dir.path(), "windows/core-site.xml", &windows);
    let run = concise(dir.path(), &["."]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(
        run.findings(),
        [
            "latin1/hdfs-site.xml:6:24: HDP001",
            "windows/core-site.xml:6:24: HDP001"
        ],
        "{run:?}"
    );
    assert!(!run.stderr.contains("note:"), "{run:?}");
    let human = run_human(
        dir.path(),
        &["latin1/hdfs-site.xml", "windows/core-site.xml"],
    );
    for shown in [
        "<!-- é ß --><value>1</value>",
        "<!-- é € --><value>1</value>",
    ] {
        assert!(human.stdout.contains(shown), "{shown}: {human:?}");
    }
    assert!(!human.stdout.contains('\u{fffd}'), "{human:?}");
}

/// The human report, without colour.
fn run_human(cwd: &Path, args: &[&str]) -> Run {
    run(bin(cwd).args(["--color", "never"]).args(args))
}

/// What cannot be decoded is replaced and the file still linted; one notice per file says so,
/// and `--quiet` leaves it out.
#[test]
fn undecodable_sequences_are_replaced_with_a_notice() {
    let dir = tempdir();
    // An unpaired surrogate in a comment of a UTF-16 file.
    let text = site_xml("UTF-16");
    let (head, tail) = text.split_at(text.find("Réplication").expect("comment"));
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(utf16(head, false));
    bytes.extend(0xD800u16.to_le_bytes());
    bytes.extend(utf16(tail, false));
    write(dir.path(), "hdfs-site.xml", &bytes);
    // GBK, which is not UTF-8: "订单服务".
    write(
        dir.path(),
        "application.properties",
        b"spring.application.name=\xb6\xa9\xb5\xa5\xb7\xfe\xce\xf1\nspring.data.redis.jedis.pool.max-active=1\n",
    );
    let run = concise(dir.path(), &["."]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(
        run.findings(),
        [
            "application.properties:2:41: RDS001",
            "hdfs-site.xml:6:24: HDP001"
        ],
        "{run:?}"
    );
    let notes: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("note:"))
        .collect();
    assert_eq!(
        notes,
        [
            "note: application.properties: not valid UTF-8: 8 invalid sequences replaced with U+FFFD",
            "note: hdfs-site.xml: not valid UTF-16LE: 1 invalid sequence replaced with U+FFFD",
        ],
        "{run:?}"
    );
    let quiet = concise(dir.path(), &["--quiet", "."]);
    assert_eq!(
        (quiet.code, quiet.stdout.as_str()),
        (1, run.stdout.as_str())
    );
    assert!(!quiet.stderr.contains("note:"), "{quiet:?}");
}

/// A file the prefilter passes over is not read for anything, so how its bytes were decoded
/// changes no result and gets no note; the same bytes in a file that is parsed do.
#[test]
fn lossy_decoding_is_noted_only_for_files_that_are_read() {
    let dir = tempdir();
    // Latin-1 "é" in a comment: invalid UTF-8.
    write(dir.path(), "Plain.java", b"// caf\xe9\nclass Plain {}\n");
    write(
        dir.path(),
        "Job.java",
        [
            b"// caf\xe9\n".as_slice(),
            ENV_IMPORT.as_bytes(),
            b"class Job { void run(StreamExecutionEnvironment env) { env.enableCheckpointing(100); } }\n",
        ]
        .concat(),
    );
    let run = run(bin(dir.path()).args(["--format", "concise", "--select", "FLK001", "."]));
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr.contains("note: Job.java: not valid UTF-8"),
        "{run:?}"
    );
    assert!(!run.stderr.contains("Plain.java"), "{run:?}");
}
