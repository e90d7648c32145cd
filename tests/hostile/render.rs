//! Renderers: long lines, lone CR, control characters in names (cases 1 and 10 of round two).

use super::*;

/// Every output format, with what a finding at `path:line:col` looks like in it.
const FORMATS: &[&str] = &[
    "human",
    "concise",
    "json",
    "sarif",
    "github",
    "junit",
    "checkstyle",
];

/// Whether `out`, in `format`, has a finding of FLK001 at `path:line:col`.
fn has_finding(format: &str, out: &str, path: &str, line: usize, col: usize) -> bool {
    let json = || serde_json::from_str::<serde_json::Value>(out).expect("JSON output");
    match format {
        "human" => out.contains(&format!("╭─[{path}:{line}:{col}]")),
        "concise" | "junit" => out.contains(&format!("{path}:{line}:{col}: FLK001 [error]")),
        "github" => out.contains(&format!("::error file={path},line={line},col={col},")),
        "checkstyle" => out
            .split("<file name=")
            .filter(|file| file.starts_with(&format!("\"{path}\"")))
            .any(|file| {
                file.contains(&format!(
                    "<error line=\"{line}\" column=\"{col}\" severity=\"error\""
                ))
            }),
        "json" => json()["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .any(|d| {
                d["path"] == path && d["start"]["line"] == line && d["start"]["column"] == col
            }),
        "sarif" => json()["runs"][0]["results"]
            .as_array()
            .expect("results")
            .iter()
            .map(|r| &r["locations"][0]["physicalLocation"])
            .any(|l| {
                l["artifactLocation"]["uri"] == path
                    && l["region"]["startLine"] == line
                    && l["region"]["startColumn"] == col
            }),
        _ => unreachable!("{format}"),
    }
}

/// Control characters other than the line feed in `text`.
fn raw_controls(text: &str) -> String {
    text.chars()
        .filter(|&c| c != '\n' && bdl_report::needs_escape(c))
        .collect()
}

/// The lines of `text` that GitHub Actions would run as a workflow command.
fn commands(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|l| l.trim_start().starts_with("::"))
        .collect()
}

/// Round two, case 1: a line of 70,000 characters ending in a lone CR, then the finding. miette
/// used to panic on it ("Formatting argument out of range"), which lost every other file's
/// findings with exit code 101.
#[test]
fn line_of_65536_chars_ending_in_a_lone_cr_in_every_format() {
    let dir = tempdir();
    let call =
        "class Job { void f(StreamExecutionEnvironment env) { env.enableCheckpointing(100); } }";
    let col = call.find("100").expect("the interval") + 1;
    write(
        dir.path(),
        "Job.java",
        format!("{ENV_IMPORT}// {}\r{call}\n", "x".repeat(70_000)),
    );
    // The same line once more, without the lone CR before it: the finding is then on the long
    // line itself, at column 70,084.
    write(
        dir.path(),
        "Long.java",
        format!("{ENV_IMPORT}/* {} */{call}\n", "x".repeat(70_000)),
    );
    let long_col = 70_000 + 6 + col;
    write(dir.path(), "Other.java", format!("{ENV_IMPORT}{call}\n"));
    write(
        dir.path(),
        "flink-conf.yaml",
        "execution.checkpointing.interval: 100ms\n",
    );

    let expected = [
        format!("Job.java:3:{col}: FLK001"),
        format!("Long.java:2:{long_col}: FLK001"),
        format!("Other.java:2:{col}: FLK001"),
        "flink-conf.yaml:1:35: FLK001".to_owned(),
    ];
    // FLK001 alone: the case is about rendering, not about which rules fire.
    let listed = concise(dir.path(), &["--select", "FLK001", "."]);
    assert_eq!(listed.code, 1, "{listed:?}");
    assert_eq!(listed.findings(), expected, "{listed:?}");

    for format in FORMATS {
        let run = run(bin(dir.path()).args([
            "--format", format, "--color", "never", "--select", "FLK001", ".",
        ]));
        assert_eq!(run.code, 1, "{format}: {}", tail(&run.stderr));
        for (path, line, col) in [
            ("Job.java", 3, col),
            ("Long.java", 2, long_col),
            ("Other.java", 2, col),
            ("flink-conf.yaml", 1, 35),
        ] {
            assert!(
                has_finding(format, &run.stdout, path, line, col),
                "{format}: no finding at {path}:{line}:{col} in:\n{}",
                tail(&run.stdout)
            );
        }
        assert!(
            run.stderr.contains("4 problems (4 errors) in 4 files"),
            "{format}: {}",
            run.stderr
        );
    }

    // The human report shows the long lines as a window around the finding, not 70,000
    // characters, with and without colour.
    for color in ["never", "always"] {
        let human = run(bin(dir.path()).args(["--color", color, "."]));
        assert_eq!(human.code, 1, "{human:?}");
        let longest = human.stdout.lines().map(|l| l.chars().count()).max();
        assert!(longest < Some(300), "a line of {longest:?} characters");
        if color == "always" {
            continue;
        }
        assert!(human.stdout.contains("// xxxxxxxx"), "{}", human.stdout);
        assert!(human.stdout.contains("x…\n"), "{}", human.stdout);
        assert!(
            human
                .stdout
                .contains(&format!(" 3 │ {call}\n   ·{}───\n", " ".repeat(col))),
            "{}",
            human.stdout
        );
        // On the long line itself: 40 characters either side of the span, marked where cut.
        let window: String = call[..col - 1]
            .chars()
            .rev()
            .take(40)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        assert!(
            human.stdout.contains(&format!(
                " 2 │ …{window}100); }} }}\n   · {}───\n",
                " ".repeat(41)
            )),
            "{}",
            human.stdout
        );
    }
}

/// Lone CR counts as a line end in the snippet exactly as in the positions: the finding's line
/// is drawn with the lines around it, each on its own, numbered as `LineIndex` numbers them.
#[test]
fn lone_cr_snippets_show_the_right_lines() {
    let dir = tempdir();
    write(
        dir.path(),
        "application.properties",
        "# pool\rspring.application.name=orders\rspring.data.redis.jedis.pool.max-active=1\rserver.port=8080\r",
    );
    write(
        dir.path(),
        "Job.java",
        format!(
            "{}class Job {{\r    void f(StreamExecutionEnvironment env) {{\r\n        env.enableCheckpointing(100);\r    }}\r}}\r",
            ENV_IMPORT.trim_end()
        )
        .replace(";class", ";\rclass"),
    );
    let listed = concise(dir.path(), &["."]);
    assert_eq!(
        listed.findings(),
        [
            "Job.java:4:33: FLK001",
            "application.properties:3:41: RDS001"
        ],
        "{listed:?}"
    );
    let human = run(bin(dir.path()).args(["--color", "never", "."]));
    assert_eq!(human.code, 1, "{human:?}");
    let out = &human.stdout;
    for expected in [
        "╭─[Job.java:4:33]\n 3 │     void f(StreamExecutionEnvironment env) {\n 4 │         env.enableCheckpointing(100);\n   ·                                 ───\n 5 │     }\n",
        "╭─[application.properties:3:41]\n 2 │ spring.application.name=orders\n 3 │ spring.data.redis.jedis.pool.max-active=1\n   ·                                         ─\n 4 │ server.port=8080\n",
    ] {
        assert!(out.contains(expected), "no\n{expected}\nin\n{out}");
    }
    assert!(!out.contains('\r'), "{out:?}");
}

/// A file name made to inject a workflow command (`\n::error file=x::pwned`) and to reach the
/// terminal (ESC, BEL), in a directory with such a name too, and a suppression comment whose
/// text, quoted in the message, carries the same: the human, concise and GitHub outputs and the
/// stderr notices show them escaped, and no line but the real annotations starts with `::`.
#[test]
fn control_characters_in_names_and_messages_are_escaped() {
    let dir = tempdir();
    let evil = "Evil\n::error file=x::pwned\u{1b}[31m\u{7}.java";
    write(
        dir.path(),
        evil,
        format!(
            "{ENV_IMPORT}class Evil {{ void f(StreamExecutionEnvironment env) {{ env.enableCheckpointing(100); }} }}\n"
        ),
    );
    write(
        dir.path(),
        "conf\u{1b}]0;title\u{7}\n::warning file=y::dir/application.properties",
        "spring.data.redis.jedis.pool.max-active=1\n",
    );
    // BDL002 quotes the unknown directive, which is file content.
    write(
        dir.path(),
        "Quoted.java",
        "// bigdata-lint: ignor\u{1b}[2J\u{7}\n::error file=x::quoted FLK001\nclass Quoted {}\n",
    );
    // A file skipped for its size: its name is printed in the notice on stderr.
    write(
        dir.path(),
        "Big\n::error file=x::skipped\u{1b}[5m.java",
        "x".repeat(2048),
    );
    let summary_file = dir.path().join("summary.md");

    let escaped_evil = r"Evil\n::error file=x::pwned\x1b[31m\x07.java";
    for format in ["human", "concise", "github"] {
        let run = run(bin(dir.path())
            .args(["--format", format, "--color", "never"])
            .args(["--max-file-size", "1024", "."])
            .env("GITHUB_STEP_SUMMARY", &summary_file));
        assert_eq!(run.code, 1, "{format}: {run:?}");
        for (stream, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
            assert_eq!(raw_controls(text), "", "{format} {stream}:\n{text}");
            for line in commands(text) {
                assert!(
                    format == "github"
                        && stream == "stdout"
                        && !line.starts_with("::error file=x")
                        && !line.starts_with("::warning file=y"),
                    "{format} {stream}: {line:?}"
                );
            }
        }
        assert!(
            run.stderr
                .contains(r"note: ./Big\n::error file=x::skipped\x1b[5m.java: skipped")
                || run
                    .stderr
                    .contains(r"note: Big\n::error file=x::skipped\x1b[5m.java: skipped"),
            "{format}: {}",
            run.stderr
        );
        match format {
            "human" => {
                assert!(
                    run.stdout.contains(&format!("╭─[{escaped_evil}:2:")),
                    "{}",
                    run.stdout
                );
                assert!(
                    run.stdout
                        .contains(r"unknown suppression directive `ignor\x1b[2J\x07`"),
                    "{}",
                    run.stdout
                );
            }
            "concise" => {
                assert!(
                    run.stdout.contains(&format!("{escaped_evil}:2:")),
                    "{}",
                    run.stdout
                );
                assert!(
                    run.stdout.contains(
                        r"conf\x1b]0;title\x07\n::warning file=y::dir/application.properties:1:"
                    ),
                    "{}",
                    run.stdout
                );
            }
            _ => {
                // One annotation per finding: the file name's line break is percent-encoded, so
                // it cannot end the command, and GitHub decodes it back to the real name.
                assert_eq!(commands(&run.stdout).len(), run.stdout.lines().count());
                assert!(
                    run.stdout.contains(
                        r"::error file=Evil%0A%3A%3Aerror file=x%3A%3Apwned\x1b[31m\x07.java,line=2,"
                    ),
                    "{}",
                    run.stdout
                );
                let summary = fs::read_to_string(&summary_file).expect("the job summary");
                assert_eq!(raw_controls(&summary), "", "{summary}");
                assert_eq!(commands(&summary), Vec::<&str>::new(), "{summary}");
            }
        }
    }
}

/// The problems printed on stderr (`error: PATH: message`) escape the path as well: here a
/// link named on the command line that leads nowhere, next to a file that is linted.
#[test]
fn problems_on_stderr_escape_control_characters() {
    let dir = tempdir();
    write(
        dir.path(),
        "Quoted.java",
        "// bigdata-lint: ignor\u{1b}[2J\u{7}\n::error file=x::quoted FLK001\nclass Quoted {}\n",
    );
    let link = "Gone\n::error file=x::link\u{1b}[8m.java";
    std::os::unix::fs::symlink(dir.path().join("nowhere"), dir.path().join(link)).expect("symlink");
    let run = run(bin(dir.path()).args(["--format", "concise", link, "Quoted.java"]));
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(raw_controls(&run.stderr), "", "{}", run.stderr);
    assert_eq!(commands(&run.stderr), Vec::<&str>::new(), "{}", run.stderr);
    assert!(
        run.stderr
            .contains(r"error: Gone\n::error file=x::link\x1b[8m.java: "),
        "{}",
        run.stderr
    );
}

/// A file name that starts with `::` needs no control character to be a workflow command at
/// the start of a concise line; it is written as `./::…`, which names the same file.
#[test]
fn file_name_starting_with_a_workflow_command() {
    let dir = tempdir();
    write(
        dir.path(),
        "::error file=x::dir/application.properties",
        "spring.data.redis.jedis.pool.max-active=1\n",
    );
    for format in ["human", "concise", "github", "junit"] {
        let run = run(bin(dir.path()).args([
            "--format",
            format,
            "--color",
            "never",
            "--ignore",
            SAME_PLACE_AS_RDS001,
            ".",
        ]));
        assert_eq!(run.code, 1, "{format}: {run:?}");
        for line in commands(&run.stdout) {
            assert!(
                format == "github" && line.starts_with("::error file=%3A%3Aerror"),
                "{format}: {line:?}\n{}",
                run.stdout
            );
        }
    }
    let listed = concise(dir.path(), &["."]);
    assert_eq!(
        listed.findings(),
        ["./::error file=x::dir/application.properties:1:41: RDS001"],
        "{listed:?}"
    );
}
