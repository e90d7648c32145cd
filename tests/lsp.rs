//! The language server as an editor sees it: the real binary over standard input and output.
#![allow(clippy::unwrap_used, clippy::needless_pass_by_value)]

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
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
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
