//! The language server as an editor sees it: the real binary over standard input and output.
#![allow(clippy::unwrap_used, clippy::needless_pass_by_value)]

use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const WAIT: Duration = Duration::from_secs(30);

/// A job with a 500 ms checkpoint interval after a string with characters outside the BMP,
/// so that UTF-16 and UTF-8 columns differ, and a deprecated `Time` call that has a safe fix.
const JOB: &str = r#"import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.time.Time;

public class Job {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        String tag = "é𝄞"; env.enableCheckpointing(500);
        env.fromSequence(1, 100).keyBy(n -> n % 10).window(TumblingEventTimeWindows.of(Time.minutes(1))).sum(0).print();
        env.execute(tag);
    }
}
"#;

struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    /// Messages read while waiting for another one.
    pending: Vec<Value>,
    next_id: i64,
}

impl Client {
    fn start(dir: &Path) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_bigdata-lint"))
            .arg("server")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.unwrap()];
                reader.read_exact(&mut body).unwrap();
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        Self {
            child,
            stdin,
            incoming,
            pending: Vec::new(),
            next_id: 1,
        }
    }

    fn send(&mut self, message: &Value) {
        self.send_all(std::slice::from_ref(message));
    }

    /// Sends `messages` in one write, so that the server finds them all waiting.
    fn send_all(&mut self, messages: &[Value]) {
        let mut out = Vec::new();
        for message in messages {
            let body = message.to_string();
            write!(out, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        }
        self.stdin.write_all(&out).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&notification(method, params));
    }

    /// Every message up to and including the first that `wanted` accepts, in the order they
    /// arrived.
    fn messages_until(&mut self, what: &str, wanted: impl Fn(&Value) -> bool) -> Vec<Value> {
        let mut seen = Vec::new();
        for message in std::mem::take(&mut self.pending) {
            if seen.last().is_some_and(&wanted) {
                self.pending.push(message);
            } else {
                seen.push(message);
            }
        }
        if seen.last().is_some_and(&wanted) {
            return seen;
        }
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(message) => {
                    let done = wanted(&message);
                    seen.push(message);
                    if done {
                        return seen;
                    }
                }
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {
                    panic!("no {what}; received {seen:#?}")
                }
            }
        }
    }

    /// The first message (kept or new) that `wanted` accepts.
    fn wait_for(&mut self, what: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.pending.iter().position(&wanted) {
            return self.pending.remove(i);
        }
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(message) if wanted(&message) => return message,
                Ok(message) => self.pending.push(message),
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {
                    panic!("no {what}; received {:#?}", self.pending)
                }
            }
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let response = self.wait_for(method, |m| m["id"] == id && m.get("method").is_none());
        assert!(response.get("error").is_none(), "{response:#}");
        response["result"].clone()
    }

    /// The diagnostics published for `version` of `uri`.
    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let message = self.wait_for("diagnostics", |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        message["params"]["diagnostics"].as_array().unwrap().clone()
    }

    fn initialize(&mut self, dir: &Path, encodings: &[&str]) -> Value {
        let result = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri(dir),
                "capabilities": {"general": {"positionEncodings": encodings}},
            }),
        );
        self.notify("initialized", json!({}));
        result
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "java", "version": 1, "text": text}}),
        );
    }

    fn code_actions(&mut self, uri: &str, diagnostic: &Value) -> Vec<Value> {
        let result = self.request(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": uri},
                "range": diagnostic["range"],
                "context": {"diagnostics": [diagnostic]},
            }),
        );
        result.as_array().unwrap().clone()
    }

    /// `shutdown`, then `exit`: the server answers and ends with status 0.
    fn shut_down(mut self) {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert!(status.success(), "{status}");
                return;
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn notification(method: &str, params: Value) -> Value {
    json!({"jsonrpc": "2.0", "method": method, "params": params})
}

/// The whole-text change to `version` of `uri`.
fn change(uri: &str, version: i64, text: &str) -> Value {
    notification(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
    )
}

/// A `textDocument/codeAction` request with this id: the server answers requests in the order
/// it reads messages, so its response shows that everything sent before it was read.
fn barrier(uri: &str, id: i64) -> Value {
    json!({
        "jsonrpc": "2.0",
        "id": id,
        "method": "textDocument/codeAction",
        "params": {
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
            "context": {"diagnostics": []},
        },
    })
}

fn is_publish(message: &Value, uri: &str) -> bool {
    message["method"] == "textDocument/publishDiagnostics" && message["params"]["uri"] == uri
}

/// [`JOB`] with a checkpoint interval of `millis`.
fn job_with_interval(millis: i64) -> String {
    JOB.replace("(500)", &format!("({millis})"))
}

/// Methods added to a job to make it take a while to lint (about a second, twice: the server
/// lints the text again with suppression comments).
const PADDING: usize = 10_000;

/// [`job_with_interval`] with `methods` more small methods, so that linting it takes a while.
fn padded_job(millis: i64, methods: usize) -> String {
    let job = job_with_interval(millis);
    let end = job.trim_end().len() - 1;
    let mut text = job[..end].to_owned();
    for i in 0..methods {
        writeln!(
            text,
            "    static long pad{i}(long x) {{ return x * {i} + {i}L; }}"
        )
        .unwrap();
    }
    text.push_str("}\n");
    text
}

/// The interval FLK001 reports in `diagnostics`, in milliseconds, if it reports one.
fn flk001_interval(diagnostics: &Value) -> Option<i64> {
    let flk001: Vec<&Value> = diagnostics
        .as_array()?
        .iter()
        .filter(|d| d["code"] == "FLK001")
        .collect();
    assert!(flk001.len() <= 1, "{diagnostics:#}");
    let message = flk001.first()?["message"].as_str()?;
    message
        .strip_prefix("checkpoint interval is ")?
        .split_once("ms,")?
        .0
        .parse()
        .ok()
}

/// A project whose settings target Flink 1.20 (so `Time` is deprecated there, with a fix).
fn project() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::write(
        root.join(".bigdata-lint.yaml"),
        "target:\n  flink: \"1.20\"\n",
    )
    .unwrap();
    std::fs::create_dir_all(root.join("src")).unwrap();
    (dir, root)
}

fn with_code<'a>(diagnostics: &'a [Value], code: &str) -> Vec<&'a Value> {
    diagnostics.iter().filter(|d| d["code"] == code).collect()
}

#[test]
fn diagnostics_code_actions_and_changes_over_utf16() {
    let (_dir, root) = project();
    let doc = uri(&root.join("src/Job.java"));
    let mut client = Client::start(&root);
    let init = client.initialize(&root, &[]);
    // Without an offer, positions are in UTF-16 code units, the protocol's default.
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");

    client.open(&doc, JOB);
    let diagnostics = client.diagnostics(&doc, 1);
    let flk001 = with_code(&diagnostics, "FLK001");
    assert_eq!(flk001.len(), 1, "{diagnostics:#?}");
    let flk001 = flk001[0].clone();
    // `500` on line 8 (index 7): `é` is one UTF-16 unit, `𝄞` two.
    let line = JOB.lines().nth(7).unwrap();
    let byte_column = line.find("500").unwrap();
    let column = line[..byte_column].encode_utf16().count();
    assert_eq!(
        column,
        byte_column - 3,
        "the line has non-ASCII text before the finding"
    );
    assert_eq!(
        flk001["range"],
        json!({"start": {"line": 7, "character": column}, "end": {"line": 7, "character": column + 3}})
    );
    assert_eq!(flk001["severity"], 1);
    assert_eq!(flk001["source"], "bigdata-lint");
    assert_eq!(
        flk001["codeDescription"]["href"],
        bdl_report::rule_url("FLK001")
    );
    assert!(
        flk001["message"]
            .as_str()
            .unwrap()
            .starts_with("checkpoint interval is 500ms, below 1s"),
        "{flk001:#}"
    );

    // FLK001 has no fix: one action, the suppression comment above the line, indented as it.
    let actions = client.code_actions(&doc, &flk001);
    let flk001_actions: Vec<&Value> = actions
        .iter()
        .filter(|a| a["diagnostics"][0]["code"] == "FLK001")
        .collect();
    assert_eq!(flk001_actions.len(), 1, "{actions:#?}");
    let suppress = flk001_actions[0];
    assert_eq!(suppress["title"], "Suppress FLK001 with a comment");
    assert_eq!(suppress["kind"], "quickfix");
    assert_eq!(suppress["isPreferred"], false);
    assert_eq!(
        suppress["edit"]["changes"][&doc],
        json!([{
            "range": {"start": {"line": 7, "character": 0}, "end": {"line": 7, "character": 0}},
            "newText": "        // bigdata-lint: ignore FLK001\n",
        }])
    );

    // FLK015 has a safe fix: offered first, as the preferred quick fix, with all its edits.
    let flk015 = with_code(&diagnostics, "FLK015")[0].clone();
    let actions = client.code_actions(&doc, &flk015);
    let fix = actions
        .iter()
        .find(|a| a["diagnostics"][0]["code"] == "FLK015")
        .unwrap();
    assert!(
        fix["title"].as_str().unwrap().starts_with("Fix FLK015: "),
        "{fix:#}"
    );
    assert_eq!(fix["isPreferred"], true);
    let time = JOB.lines().nth(8).unwrap().find("Time.minutes(1)").unwrap();
    let at = |line: usize, character: usize| json!({"line": line, "character": character});
    assert_eq!(
        fix["edit"]["changes"][&doc],
        json!([
            {
                "range": {"start": at(2, 58), "end": at(2, 58)},
                "newText": "\nimport java.time.Duration;",
            },
            {
                "range": {"start": at(8, time), "end": at(8, time + 4)},
                "newText": "Duration",
            },
            {
                "range": {"start": at(8, time + 5), "end": at(8, time + 12)},
                "newText": "ofMinutes",
            },
        ])
    );

    // The interval raised: FLK001 goes away.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": doc, "version": 2},
            "contentChanges": [{"text": JOB.replace("(500)", "(60_000)")}],
        }),
    );
    let diagnostics = client.diagnostics(&doc, 2);
    assert!(
        with_code(&diagnostics, "FLK001").is_empty(),
        "{diagnostics:#?}"
    );
    assert!(
        !with_code(&diagnostics, "FLK015").is_empty(),
        "{diagnostics:#?}"
    );

    client.shut_down();
}

#[test]
fn utf8_positions_settings_reload_and_suppressed_findings() {
    let (_dir, root) = project();
    let doc = uri(&root.join("src/Job.java"));
    let mut client = Client::start(&root);
    // UTF-8 is preferred when offered.
    let init = client.initialize(&root, &["utf-16", "utf-8"]);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");

    client.open(&doc, JOB);
    let diagnostics = client.diagnostics(&doc, 1);
    let line = JOB.lines().nth(7).unwrap();
    let column = line.find("500").unwrap();
    assert_eq!(
        with_code(&diagnostics, "FLK001")[0]["range"]["start"],
        json!({"line": 7, "character": column})
    );

    // The settings file changes: FLK001 is ignored from now on.
    std::fs::write(
        root.join(".bigdata-lint.yaml"),
        "target:\n  flink: \"1.20\"\nignore: [FLK001]\n",
    )
    .unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&root.join(".bigdata-lint.yaml")), "type": 2}]}),
    );
    let diagnostics = client.diagnostics(&doc, 1);
    assert!(
        with_code(&diagnostics, "FLK001").is_empty(),
        "{diagnostics:#?}"
    );
    assert!(
        !with_code(&diagnostics, "FLK005").is_empty(),
        "{diagnostics:#?}"
    );

    // A finding suppressed in the text is not shown.
    let suppressed = JOB.replace(
        "        String tag",
        "        // bigdata-lint: ignore FLK005 -- measured\n        String tag",
    );
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": doc, "version": 2}, "contentChanges": [{"text": suppressed}]}),
    );
    let diagnostics = client.diagnostics(&doc, 2);
    assert!(
        with_code(&diagnostics, "FLK005").is_empty(),
        "{diagnostics:#?}"
    );

    // An unknown request is an error, not a crash; the server still answers afterwards.
    client.send(&json!({"jsonrpc": "2.0", "id": 99, "method": "bigdata/unknown", "params": {}}));
    let response = client.wait_for("error", |m| m["id"] == 99);
    assert_eq!(response["error"]["code"], -32601);

    client.shut_down();
}

/// The quiet period of the server after a change (`DEBOUNCE` in src/server/mod.rs).
const DEBOUNCE: Duration = Duration::from_millis(150);

#[test]
fn quick_changes_are_linted_once_after_the_quiet_period() {
    let (_dir, root) = project();
    let doc = uri(&root.join("src/Job.java"));
    let mut client = Client::start(&root);
    client.initialize(&root, &[]);
    client.open(&doc, &job_with_interval(100));
    assert_eq!(
        flk001_interval(&json!(client.diagnostics(&doc, 1))),
        Some(100)
    );

    // Five changes in one burst, each with its own interval.
    let changes: Vec<Value> = (2..=6)
        .map(|v| change(&doc, v, &job_with_interval(100 * v)))
        .collect();
    let sent = Instant::now();
    client.send_all(&changes);
    let messages = client.messages_until("diagnostics for version 6", |m| {
        is_publish(m, &doc) && m["params"]["version"] == 6
    });
    let elapsed = sent.elapsed();
    // Only the last version is linted, and only once the changes have stopped for the quiet
    // period.
    let published: Vec<&Value> = messages
        .iter()
        .filter(|m| is_publish(m, &doc))
        .map(|m| &m["params"]["version"])
        .collect();
    assert_eq!(published, [&json!(6)], "{messages:#?}");
    assert!(elapsed >= DEBOUNCE, "published after {elapsed:?}");
    let last = messages.last().unwrap();
    assert_eq!(flk001_interval(&last["params"]["diagnostics"]), Some(600));

    // A single change is published too, once quiet.
    let sent = Instant::now();
    client.send(&change(&doc, 7, &job_with_interval(700)));
    let diagnostics = client.diagnostics(&doc, 7);
    assert!(sent.elapsed() >= DEBOUNCE);
    assert_eq!(flk001_interval(&json!(diagnostics)), Some(700));

    client.shut_down();
}

#[test]
fn results_for_an_older_version_are_never_published() {
    let (_dir, root) = project();
    let doc = uri(&root.join("src/Job.java"));
    let mut client = Client::start(&root);
    client.initialize(&root, &[]);

    // Version 1 is large enough that its lint is still running when the next versions arrive;
    // saving lints a version at once, without the quiet period. After each version, a request:
    // its response shows the server has read that version.
    client.open(&doc, &padded_job(100, PADDING));
    let mut burst = Vec::new();
    for v in 2..=5_i64 {
        burst.push(change(&doc, v, &padded_job(100 * v, PADDING)));
        burst.push(notification(
            "textDocument/didSave",
            json!({"textDocument": {"uri": doc}}),
        ));
        burst.push(barrier(&doc, 100 + v));
    }
    client.send_all(&burst);
    let messages = client.messages_until("diagnostics for version 5", |m| {
        is_publish(m, &doc) && m["params"]["version"] == 5
    });
    // Every publish is for the version the server had when it was sent: at least the version
    // whose request was answered before it, never going back, and about that version's text.
    let mut read = 1;
    let mut last = 0;
    for message in &messages {
        if let Some(id) = message["id"]
            .as_i64()
            .filter(|_| message.get("method").is_none())
        {
            read = id - 100;
            continue;
        }
        if !is_publish(message, &doc) {
            continue;
        }
        let version = message["params"]["version"].as_i64().unwrap();
        assert!(
            version >= read,
            "version {version} published after version {read} was read"
        );
        assert!(version >= last, "version {version} published after {last}");
        last = version;
        assert_eq!(
            flk001_interval(&message["params"]["diagnostics"]),
            Some(100 * version),
            "version {version}"
        );
    }
    // The last result is about the last text.
    let final_diagnostics = &messages.last().unwrap()["params"]["diagnostics"];
    assert_eq!(flk001_interval(final_diagnostics), Some(500));
    // Every request is answered (the last one possibly after the publish).
    if read < 5 {
        client.wait_for("the last response", |m| m["id"] == 105);
    }

    client.shut_down();
}

#[test]
fn a_document_over_the_size_limit_is_not_linted_and_the_user_is_told() {
    const LIMIT: usize = 10 * 1024 * 1024;
    let (_dir, root) = project();
    let path = root.join("src/Job.java");
    let doc = uri(&path);
    let mut client = Client::start(&root);
    client.initialize(&root, &[]);
    client.open(&doc, JOB);
    assert_eq!(
        flk001_interval(&json!(client.diagnostics(&doc, 1))),
        Some(500)
    );

    // One byte over the limit: the findings are cleared, with a warning naming the size and
    // the limit.
    let mut large = JOB.to_owned();
    large.push_str("// ");
    large.push_str(&"x".repeat(LIMIT + 1 - large.len() - 1));
    large.push('\n');
    assert_eq!(large.len(), LIMIT + 1);
    client.send(&change(&doc, 2, &large));
    let messages = client.messages_until("diagnostics for version 2", |m| {
        is_publish(m, &doc) && m["params"]["version"] == 2
    });
    assert_eq!(messages.last().unwrap()["params"]["diagnostics"], json!([]));
    let shown: Vec<&Value> = messages
        .iter()
        .filter(|m| m["method"] == "window/showMessage")
        .collect();
    assert_eq!(shown.len(), 1, "{messages:#?}");
    assert_eq!(shown[0]["params"]["type"], 2, "a warning");
    assert_eq!(
        shown[0]["params"]["message"],
        format!(
            "bigdata-lint: {} is not linted: {} bytes is above the {LIMIT}-byte limit, as a run \
             skips such files; it is linted again once it is smaller",
            path.display(),
            LIMIT + 1
        )
    );
    // The server still answers, and has no quick fix for the text it did not lint.
    assert_eq!(
        client.request(
            "textDocument/codeAction",
            barrier(&doc, 0)["params"].clone()
        ),
        json!([])
    );

    // Still too large: cleared again, without telling the user a second time.
    large.push_str("//\n");
    client.send(&change(&doc, 3, &large));
    let messages = client.messages_until("diagnostics for version 3", |m| {
        is_publish(m, &doc) && m["params"]["version"] == 3
    });
    assert_eq!(messages.last().unwrap()["params"]["diagnostics"], json!([]));
    assert!(
        messages.iter().all(|m| m["method"] != "window/showMessage"),
        "{messages:#?}"
    );

    // Exactly at the limit, it is linted again.
    let mut at_limit = job_with_interval(400);
    at_limit.push_str("// ");
    at_limit.push_str(&"x".repeat(LIMIT - at_limit.len() - 1));
    at_limit.push('\n');
    assert_eq!(at_limit.len(), LIMIT);
    client.send(&change(&doc, 4, &at_limit));
    assert_eq!(
        flk001_interval(&json!(client.diagnostics(&doc, 4))),
        Some(400)
    );

    client.shut_down();
}

#[test]
fn closing_a_document_clears_its_diagnostics_and_drops_its_pending_results() {
    let (_dir, root) = project();
    let doc = uri(&root.join("src/Job.java"));
    let other = uri(&root.join("src/Other.java"));
    let mut client = Client::start(&root);
    client.initialize(&root, &[]);
    client.open(&doc, JOB);
    assert!(!client.diagnostics(&doc, 1).is_empty());

    // Closed while a change waits for its quiet period: an empty list, without a version,
    // and the change is never linted.
    client.send_all(&[
        change(&doc, 2, &job_with_interval(200)),
        notification(
            "textDocument/didClose",
            json!({"textDocument": {"uri": doc}}),
        ),
    ]);
    let cleared = client.wait_for("cleared diagnostics", |m| is_publish(m, &doc));
    assert_eq!(cleared["params"]["diagnostics"], json!([]));
    assert_eq!(cleared["params"]["version"], Value::Null);
    // Another document's change is linted after the closed one's would have been: nothing for
    // the closed document came before it.
    client.open(&other, JOB);
    client.diagnostics(&other, 1);
    client.send(&change(&other, 2, JOB));
    let messages = client.messages_until("diagnostics for the other document", |m| {
        is_publish(m, &other) && m["params"]["version"] == 2
    });
    assert!(
        messages.iter().all(|m| !is_publish(m, &doc)),
        "{messages:#?}"
    );

    // Closed while a long lint runs, and opened again with other text at the same version:
    // the old text's result is not published for the new text.
    client.open(&doc, &padded_job(100, PADDING));
    client.send_all(&[
        notification(
            "textDocument/didClose",
            json!({"textDocument": {"uri": doc}}),
        ),
        notification(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": doc, "languageId": "java", "version": 1, "text": job_with_interval(300)}}),
        ),
    ]);
    let messages = client.messages_until("diagnostics for the reopened document", |m| {
        is_publish(m, &doc) && m["params"]["version"] == 1
    });
    let publishes: Vec<&Value> = messages.iter().filter(|m| is_publish(m, &doc)).collect();
    // The first open may have been published before the close; then the close's empty list.
    let reopened = publishes.last().unwrap();
    assert_eq!(
        flk001_interval(&reopened["params"]["diagnostics"]),
        Some(300)
    );
    assert_eq!(
        publishes[publishes.len() - 2]["params"]["diagnostics"],
        json!([])
    );

    client.shut_down();
}

#[test]
fn documents_the_settings_exclude_show_nothing_until_no_longer_excluded() {
    let (_dir, root) = project();
    let settings = root.join(".bigdata-lint.yaml");
    std::fs::write(
        &settings,
        "target:\n  flink: \"1.20\"\nextend-exclude: [\"generated/\"]\n",
    )
    .unwrap();
    let generated = uri(&root.join("src/generated/Job.java"));
    let doc = uri(&root.join("src/Job.java"));
    let mut client = Client::start(&root);
    client.initialize(&root, &[]);

    // Excluded, as `bigdata-lint --force-exclude src/generated/Job.java` leaves it out.
    client.open(&generated, JOB);
    assert_eq!(client.diagnostics(&generated, 1), Vec::<Value>::new());
    // The same text elsewhere is linted.
    client.open(&doc, JOB);
    assert!(!with_code(&client.diagnostics(&doc, 1), "FLK001").is_empty());

    // The settings stop excluding the folder: the open document is linted.
    std::fs::write(&settings, "target:\n  flink: \"1.20\"\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&settings), "type": 2}]}),
    );
    let diagnostics = client.diagnostics(&generated, 1);
    assert!(
        !with_code(&diagnostics, "FLK001").is_empty(),
        "{diagnostics:#?}"
    );

    client.shut_down();
}
