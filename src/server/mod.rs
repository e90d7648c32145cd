//! `bigdata-lint server`: a language server over standard input and output.
//!
//! The main loop only keeps documents and answers requests; linting happens on one worker
//! thread ([`lint::worker`]) a short quiet period after the last change, and a result is
//! published only if the document still has the version that was linted. Documents are
//! synchronised whole (no incremental edits to apply), which keeps every position conversion
//! in one place ([`convert`]).

mod convert;
mod lint;

use std::collections::HashMap;
use std::io::Write as _;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, Sender, select};
use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{CodeActionRequest, RegisterCapability, Request as _};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOptions, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, DidChangeTextDocumentParams,
    DidChangeWatchedFilesRegistrationOptions, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, FileSystemWatcher, GlobPattern,
    InitializeParams, InitializeResult, MessageType, PositionEncodingKind,
    PublishDiagnosticsParams, Registration, RegistrationParams, SaveOptions, ServerCapabilities,
    ServerInfo, ShowMessageParams, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Uri, WorkspaceEdit,
};

use convert::{Encoding, Lines, overlaps, uri_to_path};
use lint::{Finding, Job, Linted, Outcome};

/// The quiet period after a change before the document is linted.
const DEBOUNCE: Duration = Duration::from_millis(150);

/// Runs the server until the client says `exit`; returns the process exit code (0 after
/// `shutdown`, 1 for an `exit` without it, as the protocol asks).
pub fn main() -> i32 {
    let (connection, io_threads) = Connection::stdio();
    let code = match serve(&connection, lint::lint) {
        Ok(code) => code,
        Err(message) => {
            let _ = writeln!(
                std::io::stderr().lock(),
                "error: language server: {message}"
            );
            // Not waiting for the reader thread: it blocks until the editor closes the pipe,
            // and the editor learns of the failure from the process ending.
            return crate::cli::EXIT_ERROR;
        }
    };
    drop(connection);
    match io_threads.join() {
        Ok(()) => code,
        Err(e) => {
            let _ = writeln!(std::io::stderr().lock(), "error: language server: {e}");
            crate::cli::EXIT_ERROR
        }
    }
}

/// An open document.
struct Document {
    uri: Uri,
    path: std::path::PathBuf,
    version: i32,
    text: Arc<str>,
    /// When to lint it next, if a change is waiting.
    due: Option<Instant>,
    /// The findings of the latest lint, with the version and text they are about.
    linted: Option<(i32, Arc<str>, Vec<Finding>)>,
    /// The latest lint found it too large, and the client was told.
    too_large: bool,
}

struct Server<'c> {
    connection: &'c Connection,
    encoding: Encoding,
    documents: HashMap<String, Document>,
    jobs: Sender<Job>,
    /// Settings errors already shown, so that each is shown once.
    shown: Vec<String>,
}

/// Serves `connection`, linting with `lint` ([`lint::lint`]; the tests inject failures).
fn serve(connection: &Connection, lint: lint::LintFn) -> Result<i32, String> {
    let (id, params) = connection.initialize_start().map_err(|e| e.to_string())?;
    let params: InitializeParams = serde_json::from_value(params).map_err(|e| e.to_string())?;
    let offered = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_deref())
        .unwrap_or_default();
    let encoding = if offered.contains(&PositionEncodingKind::UTF8) {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    };
    let result = InitializeResult {
        capabilities: capabilities(encoding),
        server_info: Some(ServerInfo {
            name: "bigdata-lint".to_owned(),
            version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        }),
    };
    let result = serde_json::to_value(result).map_err(|e| e.to_string())?;
    connection
        .initialize_finish(id, result)
        .map_err(|e| e.to_string())?;
    let watches = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false);
    if watches {
        register_settings_watch(connection)?;
    }
    let (jobs, job_rx) = crossbeam_channel::unbounded::<Job>();
    let (outcome_tx, outcomes) = crossbeam_channel::unbounded::<Outcome>();
    let worker = std::thread::Builder::new()
        .name("bigdata-lint-worker".to_owned())
        .spawn(move || lint::worker(&job_rx, &outcome_tx, encoding, lint))
        .map_err(|e| format!("cannot start the lint worker: {e}"))?;
    let mut server = Server {
        connection,
        encoding,
        documents: HashMap::new(),
        jobs,
        shown: Vec::new(),
    };
    let code = server.run(&outcomes);
    drop(server);
    let _ = worker.join();
    code
}

fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(match encoding {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..TextDocumentSyncOptions::default()
            },
        )),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..CodeActionOptions::default()
        })),
        ..ServerCapabilities::default()
    }
}

/// Asks the client to report changes to settings files anywhere in the workspace.
fn register_settings_watch(connection: &Connection) -> Result<(), String> {
    let watchers = crate::settings::FILE_NAMES
        .iter()
        .map(|name| FileSystemWatcher {
            glob_pattern: GlobPattern::String(format!("**/{name}")),
            kind: None,
        })
        .collect();
    let options = DidChangeWatchedFilesRegistrationOptions { watchers };
    let params = RegistrationParams {
        registrations: vec![Registration {
            id: "bigdata-lint-settings".to_owned(),
            method: DidChangeWatchedFiles::METHOD.to_owned(),
            register_options: serde_json::to_value(options).ok(),
        }],
    };
    let request = Request::new(
        RequestId::from("bigdata-lint-register".to_owned()),
        RegisterCapability::METHOD.to_owned(),
        params,
    );
    connection
        .sender
        .send(request.into())
        .map_err(|e| e.to_string())
}

impl Server<'_> {
    fn run(&mut self, outcomes: &Receiver<Outcome>) -> Result<i32, String> {
        loop {
            let now = Instant::now();
            let wait = self
                .documents
                .values()
                .filter_map(|d| d.due)
                .min()
                .map_or(Duration::from_secs(3600), |due| {
                    due.saturating_duration_since(now)
                });
            select! {
                recv(self.connection.receiver) -> message => {
                    let Ok(message) = message else { return Ok(1) };
                    match message {
                        Message::Request(request) => {
                            if self.connection.handle_shutdown(&request).map_err(|e| e.to_string())? {
                                return Ok(0);
                            }
                            self.request(request)?;
                        }
                        Message::Notification(notification) => {
                            if notification.method == "exit" {
                                return Ok(1);
                            }
                            self.notification(notification);
                        }
                        Message::Response(_) => {}
                    }
                }
                recv(outcomes) -> outcome => {
                    // The worker only ends once the server drops its job channel. Should it
                    // end earlier, nothing would be linted again and a closed channel would
                    // wake this loop forever: exit instead, so the editor starts a new server.
                    let Ok(outcome) = outcome else {
                        return Err("the lint worker stopped; restart the server".to_owned());
                    };
                    self.publish(outcome)?;
                }
                default(wait) => {}
            }
            self.dispatch_due();
        }
    }

    /// Sends the documents whose quiet period is over to the worker.
    fn dispatch_due(&mut self) {
        let now = Instant::now();
        for doc in self.documents.values_mut() {
            if doc.due.is_some_and(|due| due <= now) {
                doc.due = None;
                let _ = self.jobs.send(Job {
                    uri: doc.uri.clone(),
                    path: doc.path.clone(),
                    version: doc.version,
                    text: doc.text.clone(),
                });
            }
        }
    }

    fn notification(&mut self, notification: Notification) {
        match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Ok(p) =
                    serde_json::from_value::<DidOpenTextDocumentParams>(notification.params)
                {
                    let doc = p.text_document;
                    // Only files on disk have settings, a project and a kind from their name.
                    let Some(path) = uri_to_path(doc.uri.as_str()) else {
                        return;
                    };
                    self.documents.insert(
                        doc.uri.as_str().to_owned(),
                        Document {
                            uri: doc.uri,
                            path,
                            version: doc.version,
                            text: Arc::from(doc.text),
                            due: Some(Instant::now()),
                            linted: None,
                            too_large: false,
                        },
                    );
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(p) =
                    serde_json::from_value::<DidChangeTextDocumentParams>(notification.params)
                    && let Some(doc) = self.documents.get_mut(p.text_document.uri.as_str())
                    // Whole-document sync: the last change is the text.
                    && let Some(change) = p.content_changes.into_iter().next_back()
                {
                    doc.version = p.text_document.version;
                    doc.text = Arc::from(change.text);
                    doc.due = Some(Instant::now() + DEBOUNCE);
                }
            }
            DidSaveTextDocument::METHOD => {
                // Linting depends on other files (build files, neighbours): lint again now.
                if let Ok(p) =
                    serde_json::from_value::<DidSaveTextDocumentParams>(notification.params)
                    && let Some(doc) = self.documents.get_mut(p.text_document.uri.as_str())
                {
                    doc.due = Some(Instant::now());
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(p) =
                    serde_json::from_value::<DidCloseTextDocumentParams>(notification.params)
                    && let Some(doc) = self.documents.remove(p.text_document.uri.as_str())
                {
                    let _ = self.send_diagnostics(doc.uri, Vec::new(), None);
                }
            }
            DidChangeWatchedFiles::METHOD => {
                // A settings file changed: every open document may lint differently. The
                // worker reads a settings file again when its modification time or size changed.
                let now = Instant::now();
                for doc in self.documents.values_mut() {
                    doc.due = Some(now);
                }
            }
            _ => {}
        }
    }

    fn request(&mut self, request: Request) -> Result<(), String> {
        let response = match request.method.as_str() {
            CodeActionRequest::METHOD => {
                match serde_json::from_value::<CodeActionParams>(request.params) {
                    Ok(params) => Response::new_ok(request.id, self.code_actions(&params)),
                    Err(e) => Response::new_err(
                        request.id,
                        lsp_server::ErrorCode::InvalidParams as i32,
                        e.to_string(),
                    ),
                }
            }
            _ => Response::new_err(
                request.id,
                lsp_server::ErrorCode::MethodNotFound as i32,
                format!("not handled: {}", request.method),
            ),
        };
        self.connection
            .sender
            .send(response.into())
            .map_err(|e| e.to_string())
    }

    /// Stores and publishes a lint result, unless the document changed or closed since (or
    /// was closed and opened again: the text linted must be the document's).
    fn publish(&mut self, outcome: Outcome) -> Result<(), String> {
        let Some(doc) = self.documents.get_mut(outcome.uri.as_str()) else {
            return Ok(());
        };
        if doc.version != outcome.version || !Arc::ptr_eq(&doc.text, &outcome.text) {
            return Ok(());
        }
        let uri = doc.uri.clone();
        let findings = match outcome.linted {
            Linted::Findings(findings) => findings,
            Linted::Excluded => Vec::new(),
            Linted::TooLarge { size, limit } => {
                doc.linted = None;
                // Told once each time it grows past the limit, not on every keystroke.
                let tell = !doc.too_large;
                doc.too_large = true;
                if tell {
                    let message = format!(
                        "bigdata-lint: {} is not linted: {size} bytes is above the {limit}-byte \
                         limit, as a run skips such files; it is linted again once it is smaller",
                        doc.path.display()
                    );
                    self.show(MessageType::WARNING, message)?;
                }
                return self.send_diagnostics(uri, Vec::new(), Some(outcome.version));
            }
            Linted::Failed(message) => {
                doc.linted = None;
                doc.too_large = false;
                if !self.shown.contains(&message) {
                    self.shown.push(message.clone());
                    self.show(MessageType::ERROR, format!("bigdata-lint: {message}"))?;
                }
                return self.send_diagnostics(uri, Vec::new(), Some(outcome.version));
            }
        };
        doc.too_large = false;
        let diagnostics = findings.iter().map(|f| f.diagnostic.clone()).collect();
        doc.linted = Some((outcome.version, doc.text.clone(), findings));
        self.send_diagnostics(uri, diagnostics, Some(outcome.version))
    }

    fn send_diagnostics(
        &self,
        uri: Uri,
        diagnostics: Vec<lsp_types::Diagnostic>,
        version: Option<i32>,
    ) -> Result<(), String> {
        let params = PublishDiagnosticsParams::new(uri, diagnostics, version);
        let notification = Notification::new(PublishDiagnostics::METHOD.to_owned(), params);
        self.connection
            .sender
            .send(notification.into())
            .map_err(|e| e.to_string())
    }

    fn show(&self, typ: MessageType, message: String) -> Result<(), String> {
        let params = ShowMessageParams { typ, message };
        let notification = Notification::new(ShowMessage::METHOD.to_owned(), params);
        self.connection
            .sender
            .send(notification.into())
            .map_err(|e| e.to_string())
    }

    /// The fixes and suppressions of the findings in the requested range, for the version of
    /// the document they were found in (none while a newer version waits to be linted).
    fn code_actions(&self, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
        let Some(doc) = self.documents.get(params.text_document.uri.as_str()) else {
            return Vec::new();
        };
        let Some((version, text, findings)) = &doc.linted else {
            return Vec::new();
        };
        if *version != doc.version {
            return Vec::new();
        }
        // The range is clamped to the text as an editor may send one past the end.
        let lines = Lines::new(text, self.encoding);
        let range = lsp_types::Range::new(
            lines.position(lines.offset(params.range.start)),
            lines.position(lines.offset(params.range.end)),
        );
        let mut actions = Vec::new();
        let edit = |edits: Vec<lsp_types::TextEdit>| WorkspaceEdit {
            changes: Some(HashMap::from([(doc.uri.clone(), edits)])),
            ..WorkspaceEdit::default()
        };
        for finding in findings
            .iter()
            .filter(|f| overlaps(&f.diagnostic.range, &range))
        {
            if let Some((message, safe, edits)) = &finding.fix {
                let title = if *safe {
                    format!("Fix {}: {message}", finding.code)
                } else {
                    format!("Fix {} (unsafe, review it): {message}", finding.code)
                };
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title,
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![finding.diagnostic.clone()]),
                    edit: Some(edit(edits.clone())),
                    is_preferred: Some(*safe),
                    ..CodeAction::default()
                }));
            }
            if let Some(suppress) = &finding.suppress {
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: format!("Suppress {} with a comment", finding.code),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![finding.diagnostic.clone()]),
                    edit: Some(edit(vec![suppress.clone()])),
                    is_preferred: Some(false),
                    ..CodeAction::default()
                }));
            }
        }
        actions
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    const WAIT: Duration = Duration::from_secs(30);

    /// Lints as the server does, but panics on a text that says `BOOM`, as a bug would.
    fn boom_or_lint(cache: &mut lint::Cache, job: &Job, encoding: Encoding) -> Linted {
        assert!(!job.text.contains("BOOM"), "injected failure");
        lint::lint(cache, job, encoding)
    }

    /// The client's end of an in-memory connection, with the messages read while waiting.
    struct Client {
        connection: Connection,
        pending: Vec<Message>,
    }

    impl Client {
        fn notify(&self, method: &str, params: Value) {
            let message = Notification::new(method.to_owned(), params);
            self.connection
                .sender
                .send(message.into())
                .expect("the server is running");
        }

        /// Sends a request and returns its result; an error response fails the test.
        fn request(&mut self, id: i32, method: &str, params: Value) -> Value {
            let message = Request::new(RequestId::from(id), method.to_owned(), params);
            self.connection
                .sender
                .send(message.into())
                .expect("the server is running");
            match self.wait_for(
                method,
                |m| matches!(m, Message::Response(r) if r.id == RequestId::from(id)),
            ) {
                Message::Response(Response {
                    response_result: Ok(result),
                    ..
                }) => result,
                other => panic!("not a result: {other:?}"),
            }
        }

        fn wait_for(&mut self, what: &str, wanted: impl Fn(&Message) -> bool) -> Message {
            if let Some(i) = self.pending.iter().position(&wanted) {
                return self.pending.remove(i);
            }
            let deadline = Instant::now() + WAIT;
            loop {
                let left = deadline.saturating_duration_since(Instant::now());
                match self.connection.receiver.recv_timeout(left) {
                    Ok(message) if wanted(&message) => return message,
                    Ok(message) => self.pending.push(message),
                    Err(e) => panic!("no {what} ({e}); received {:#?}", self.pending),
                }
            }
        }

        /// The diagnostics published for `version`, and the messages received before them.
        fn diagnostics(&mut self, version: i32) -> (Vec<Value>, Vec<Message>) {
            let published = self.wait_for("diagnostics", |m| {
                matches!(m, Message::Notification(n)
                    if n.method == PublishDiagnostics::METHOD && n.params["version"] == version)
            });
            let before = std::mem::take(&mut self.pending);
            let Message::Notification(n) = published else {
                unreachable!("a notification was asked for")
            };
            let diagnostics = n.params["diagnostics"].as_array().cloned();
            (diagnostics.expect("a list of diagnostics"), before)
        }
    }

    fn shown(messages: &[Message]) -> Vec<(Value, String)> {
        messages
            .iter()
            .filter_map(|m| match m {
                Message::Notification(n) if n.method == ShowMessage::METHOD => Some((
                    n.params["type"].clone(),
                    n.params["message"].as_str().unwrap_or_default().to_owned(),
                )),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_worker_that_stopped_ends_the_server_instead_of_spinning() {
        let (server, _client) = Connection::memory();
        let (jobs, _) = crossbeam_channel::unbounded::<Job>();
        let (outcome_tx, outcomes) = crossbeam_channel::unbounded::<Outcome>();
        drop(outcome_tx);
        let mut server = Server {
            connection: &server,
            encoding: Encoding::Utf16,
            documents: HashMap::new(),
            jobs,
            shown: Vec::new(),
        };
        assert_eq!(
            server.run(&outcomes),
            Err("the lint worker stopped; restart the server".to_owned())
        );
    }

    #[test]
    fn a_panic_while_linting_is_reported_and_the_server_keeps_serving() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().canonicalize().expect("temp dir path");
        std::fs::write(root.join(".bigdata-lint.yaml"), "select: [FLK001]\n").expect("write");
        let path = root.join("Job.java");
        let uri = format!("file://{}", path.display());
        let job = "import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;\n\
                   class Job {\n\
                   \x20   void run() {\n\
                   \x20       StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();\n\
                   \x20       env.enableCheckpointing(500);\n\
                   \x20   }\n\
                   }\n";
        let broken = format!("// BOOM\n{job}");

        let (server, connection) = Connection::memory();
        let serving = std::thread::spawn(move || serve(&server, boom_or_lint));
        let mut client = Client {
            connection,
            pending: Vec::new(),
        };
        client.request(1, "initialize", json!({"capabilities": {}}));
        client.notify("initialized", json!({}));

        // The worker panics: the client is told, with the file and the panic's message, and the
        // document gets an empty list.
        client.notify(
            DidOpenTextDocument::METHOD,
            json!({"textDocument": {"uri": uri, "languageId": "java", "version": 1, "text": broken}}),
        );
        let (diagnostics, before) = client.diagnostics(1);
        assert_eq!(diagnostics, Vec::<Value>::new());
        assert_eq!(
            shown(&before),
            [(
                json!(1),
                format!(
                    "bigdata-lint: internal error while linting {}: injected failure; the \
                     server goes on, please report it",
                    path.display()
                )
            )]
        );

        // The next request is answered.
        let actions = client.request(
            2,
            CodeActionRequest::METHOD,
            json!({
                "textDocument": {"uri": uri},
                "range": {"start": {"line": 0, "character": 0}, "end": {"line": 9, "character": 0}},
                "context": {"diagnostics": []},
            }),
        );
        assert_eq!(actions, json!([]));

        // The next change is linted.
        let change = |version: i32, text: &str| json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]});
        client.notify(DidChangeTextDocument::METHOD, change(2, job));
        let (diagnostics, _) = client.diagnostics(2);
        let codes: Vec<&Value> = diagnostics.iter().map(|d| &d["code"]).collect();
        assert_eq!(codes, [&json!("FLK001")], "{diagnostics:#?}");

        // The same failure again: reported once, the document still cleared, still serving.
        client.notify(DidChangeTextDocument::METHOD, change(3, &broken));
        let (diagnostics, before) = client.diagnostics(3);
        assert!(diagnostics.is_empty(), "{diagnostics:#?}");
        assert!(shown(&before).is_empty(), "{before:#?}");
        client.notify(DidChangeTextDocument::METHOD, change(4, job));
        assert_eq!(client.diagnostics(4).0.len(), 1);

        assert_eq!(client.request(3, "shutdown", Value::Null), Value::Null);
        client.notify("exit", Value::Null);
        let code = serving.join().expect("the server thread ends normally");
        assert_eq!(code, Ok(0));
    }
}
