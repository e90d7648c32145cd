//! Ordinary application Java: services, entities, controllers, repositories, utilities,
//! configuration, tests, enums, records and interfaces, with the syntax real code has
//! (generics, lambdas and method references, switch expressions, try-with-resources, text in
//! string literals with escapes, Javadoc, annotations, nested types).

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::words::{ADJECTIVES, LOWER_WORDS, NOUNS, SENTENCES, SUFFIXES, TODOS, VERBS};
use crate::rng::Rng;

/// The kind of top-level type an ordinary file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    Service,
    Entity,
    Dto,
    Controller,
    Repository,
    Util,
    Config,
    Test,
    Exception,
    Enum,
    Record,
    Interface,
}

impl Shape {
    /// A main-source shape, weighted roughly like a Spring monorepo.
    pub(crate) fn pick_main(rng: &mut Rng) -> Self {
        const WEIGHTED: &[(Shape, usize)] = &[
            (Shape::Service, 24),
            (Shape::Entity, 10),
            (Shape::Dto, 12),
            (Shape::Controller, 7),
            (Shape::Repository, 6),
            (Shape::Util, 9),
            (Shape::Config, 5),
            (Shape::Exception, 5),
            (Shape::Enum, 7),
            (Shape::Record, 7),
            (Shape::Interface, 8),
        ];
        let total: usize = WEIGHTED.iter().map(|(_, w)| w).sum();
        let mut at = rng.below(total);
        for (shape, weight) in WEIGHTED {
            if at < *weight {
                return *shape;
            }
            at -= weight;
        }
        Shape::Service
    }

    /// The file-name suffix that goes with the shape.
    pub(crate) fn suffix(self, rng: &mut Rng) -> &'static str {
        match self {
            Shape::Service => rng.word(&["Service", "Manager", "Processor", "Handler", "Facade"]),
            Shape::Entity => "",
            Shape::Dto => rng.word(&["Dto", "Request", "Response", "View", "Summary"]),
            Shape::Controller => rng.word(&["Controller", "Resource", "Endpoint"]),
            Shape::Repository => rng.word(&["Repository", "Dao", "Store"]),
            Shape::Util => rng.word(&["Utils", "Helper", "Support", "Formatter", "Converter"]),
            Shape::Config => rng.word(&["Config", "Configuration", "Properties", "Settings"]),
            Shape::Test => "Test",
            Shape::Exception => "Exception",
            Shape::Enum => rng.word(&["Status", "Type", "Kind", "Mode", "Level", "Phase"]),
            Shape::Record => rng.word(&["Key", "Event", "Snapshot", "Ref", "Command", "Stats"]),
            Shape::Interface => rng.word(&["Client", "Gateway", "Provider", "Listener", "Port"]),
        }
    }

    /// Files of these shapes are small whatever size was drawn.
    pub(crate) fn max_size(self) -> usize {
        match self {
            Shape::Exception => 2_500,
            Shape::Record | Shape::Repository => 5_000,
            Shape::Enum | Shape::Interface => 9_000,
            _ => usize::MAX,
        }
    }
}

/// A Java source file being written: the body first (collecting imports), the header last.
pub(crate) struct JavaWriter<'r> {
    pub(crate) rng: &'r mut Rng,
    body: String,
    indent: usize,
    imports: BTreeSet<String>,
    package: String,
    /// Names of fields and constants declared so far, to refer to in expressions.
    fields: Vec<String>,
    constants: Vec<String>,
}

impl<'r> JavaWriter<'r> {
    pub(crate) fn new(rng: &'r mut Rng, package: &str) -> Self {
        Self {
            rng,
            body: String::with_capacity(16 * 1024),
            indent: 0,
            imports: BTreeSet::new(),
            package: package.to_owned(),
            fields: Vec::new(),
            constants: Vec::new(),
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.body.len()
    }

    pub(crate) fn import(&mut self, fqn: &str) {
        if !self.imports.contains(fqn) {
            self.imports.insert(fqn.to_owned());
        }
    }

    pub(crate) fn imports(&mut self, fqns: &[&str]) {
        for fqn in fqns {
            self.import(fqn);
        }
    }

    pub(crate) fn line(&mut self, text: &str) {
        for _ in 0..self.indent {
            self.body.push_str("    ");
        }
        self.body.push_str(text);
        self.body.push('\n');
    }

    pub(crate) fn blank(&mut self) {
        self.body.push('\n');
    }

    /// Writes `text {` and indents.
    pub(crate) fn open(&mut self, text: &str) {
        self.line(&format!("{text} {{"));
        self.indent += 1;
    }

    /// Dedents and writes `}` followed by `suffix`.
    pub(crate) fn close_with(&mut self, suffix: &str) {
        self.indent = self.indent.saturating_sub(1);
        self.line(&format!("}}{suffix}"));
    }

    pub(crate) fn close(&mut self) {
        self.close_with("");
    }

    pub(crate) fn field_name(&mut self, name: &str) {
        self.fields.push(name.to_owned());
    }

    /// The finished file: optional licence header, package, sorted imports, body.
    pub(crate) fn finish(self, license: bool) -> String {
        let mut out = String::with_capacity(self.body.len() + 2048);
        if license {
            out.push_str(LICENSE_HEADER);
        }
        out.push_str("package ");
        out.push_str(&self.package);
        out.push_str(";\n\n");
        let (statics, plain): (Vec<_>, Vec<_>) =
            self.imports.iter().partition(|i| i.starts_with("static "));
        let (java, other): (Vec<_>, Vec<_>) = plain
            .into_iter()
            .partition(|i| i.starts_with("java.") || i.starts_with("javax."));
        for group in [&other, &java, &statics] {
            if group.is_empty() {
                continue;
            }
            for import in group {
                out.push_str("import ");
                out.push_str(import);
                out.push_str(";\n");
            }
            out.push('\n');
        }
        out.push_str(&self.body);
        out
    }

    // ---- names -------------------------------------------------------------------------

    pub(crate) fn noun(&mut self) -> &'static str {
        self.rng.word(NOUNS)
    }

    /// A class name: an optional adjective, one or two nouns, then `suffix`.
    pub(crate) fn class_name(&mut self, suffix: &str) -> String {
        let adjective = if self.rng.chance(0.3) {
            self.rng.word(ADJECTIVES)
        } else {
            ""
        };
        let noun = self.noun();
        let second = if self.rng.chance(0.4) {
            self.noun()
        } else {
            ""
        };
        format!("{adjective}{noun}{second}{suffix}")
    }

    pub(crate) fn type_name(&mut self) -> String {
        let adjective = if self.rng.chance(0.3) {
            self.rng.word(ADJECTIVES)
        } else {
            ""
        };
        let noun = self.noun();
        let suffix = if self.rng.chance(0.5) {
            self.rng.word(SUFFIXES)
        } else {
            ""
        };
        format!("{adjective}{noun}{suffix}")
    }

    pub(crate) fn var_name(&mut self) -> String {
        let noun = lower_first(self.noun());
        match self.rng.below(8) {
            0 => format!("{noun}s"),
            1 => format!("{noun}Id"),
            2 => format!("{noun}Count"),
            3 => format!("{}{}", lower_first(self.rng.word(ADJECTIVES)), self.noun()),
            4 => format!("{noun}Key"),
            _ => noun,
        }
    }

    pub(crate) fn method_name(&mut self) -> String {
        let verb = self.rng.word(VERBS);
        let noun = self.noun();
        match self.rng.below(6) {
            0 => format!("{verb}{noun}By{}", self.noun()),
            1 => format!("{verb}{noun}s"),
            2 => format!("{verb}{noun}IfAbsent"),
            _ => format!("{verb}{noun}"),
        }
    }

    pub(crate) fn constant_name(&mut self) -> String {
        let prefix = self.rng.word(&[
            "MAX", "MIN", "DEFAULT", "BATCH", "RETRY", "CACHE", "PAGE", "TIMEOUT",
        ]);
        let noun = self.noun().to_ascii_uppercase();
        let suffix = self
            .rng
            .word(&["SIZE", "COUNT", "LIMIT", "MS", "SECONDS", "ATTEMPTS"]);
        format!("{prefix}_{noun}_{suffix}")
    }

    fn string_words(&mut self, n: usize) -> String {
        let mut words = Vec::with_capacity(n);
        for _ in 0..n {
            words.push(self.rng.word(LOWER_WORDS));
        }
        words.join(" ")
    }

    // ---- types ---------------------------------------------------------------------------

    pub(crate) fn simple_type(&mut self) -> String {
        match self.rng.below(14) {
            0..=2 => "String".to_owned(),
            3 => "long".to_owned(),
            4 => "int".to_owned(),
            5 => "boolean".to_owned(),
            6 => {
                self.import("java.time.Instant");
                "Instant".to_owned()
            }
            7 => {
                self.import("java.math.BigDecimal");
                "BigDecimal".to_owned()
            }
            8 => {
                self.import("java.util.UUID");
                "UUID".to_owned()
            }
            9 => {
                self.import("java.time.Duration");
                "Duration".to_owned()
            }
            10 => "double".to_owned(),
            _ => self.noun().to_owned(),
        }
    }

    pub(crate) fn boxed_type(&mut self) -> String {
        match self.simple_type().as_str() {
            "long" => "Long".to_owned(),
            "int" => "Integer".to_owned(),
            "boolean" => "Boolean".to_owned(),
            "double" => "Double".to_owned(),
            other => other.to_owned(),
        }
    }

    pub(crate) fn any_type(&mut self) -> String {
        match self.rng.below(10) {
            0 | 1 => {
                self.import("java.util.List");
                format!("List<{}>", self.boxed_type())
            }
            2 => {
                self.import("java.util.Map");
                format!("Map<String, {}>", self.boxed_type())
            }
            3 => {
                self.import("java.util.Optional");
                format!("Optional<{}>", self.boxed_type())
            }
            4 => {
                self.import("java.util.Set");
                format!("Set<{}>", self.boxed_type())
            }
            5 => {
                self.import("java.util.Map");
                self.import("java.util.List");
                format!("Map<{}, List<{}>>", self.boxed_type(), self.boxed_type())
            }
            _ => self.simple_type(),
        }
    }

    // ---- expressions ---------------------------------------------------------------------

    pub(crate) fn string_literal(&mut self) -> String {
        let n = self.rng.range(1, 6);
        let mut text = self.string_words(n);
        match self.rng.below(12) {
            0 => text.push_str(": {}"),
            1 => text.push_str("\\n"),
            2 => text = format!("\\\"{text}\\\""),
            3 => text.push_str(" \\u00e9t\\u00e9"),
            4 => text = format!("{text}\\t{{}}"),
            5 => text = format!("/api/v{}/{}", self.rng.range(1, 3), text.replace(' ', "-")),
            _ => {}
        }
        format!("\"{text}\"")
    }

    pub(crate) fn literal(&mut self) -> String {
        match self.rng.below(12) {
            0..=2 => self.rng.range(0, 100).to_string(),
            3 => format!("{}_000L", self.rng.range(1, 900)),
            4 => format!("0.{}", self.rng.range(1, 99)),
            5 => format!("0x{:X}", self.rng.range(1, 0xFFFF)),
            6 => format!("'{}'", self.rng.word(&["a", "x", "\\n", ",", ":", "\\'"])),
            7 => self.rng.word(&["true", "false", "null"]).to_string(),
            8 => format!("{}f", self.rng.range(1, 10)),
            _ => self.string_literal(),
        }
    }

    fn atom(&mut self) -> String {
        match self.rng.below(10) {
            0..=3 => self.var_name(),
            4 | 5 => self.literal(),
            6 if !self.fields.is_empty() => {
                let f = self.rng.pick(&self.fields).clone();
                format!("this.{f}")
            }
            7 if !self.constants.is_empty() => self.rng.pick(&self.constants).clone(),
            _ => format!("{}.get{}()", self.var_name(), self.noun()),
        }
    }

    fn args(&mut self, depth: u32) -> String {
        let n = self.rng.below(4);
        (0..n)
            .map(|_| self.expr(depth))
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub(crate) fn lambda(&mut self, depth: u32) -> String {
        match self.rng.below(5) {
            0 => format!("{}::get{}", self.noun(), self.noun()),
            1 => format!("(a, b) -> a.get{0}().compareTo(b.get{0}())", self.noun()),
            2 => format!("{} -> {}", lower_first(self.noun()), self.expr(depth)),
            3 => format!("{}::{}", self.noun(), self.method_name()),
            _ => {
                let v = lower_first(self.noun());
                format!("{v} -> {v}.get{}() != null", self.noun())
            }
        }
    }

    pub(crate) fn stream_pipeline(&mut self) -> String {
        self.import("java.util.stream.Collectors");
        let mut text = format!("{}.stream()", self.var_name());
        for _ in 0..self.rng.range(1, 4) {
            let step = match self.rng.below(6) {
                0 => format!(".filter({})", self.lambda(1)),
                1 => format!(".map({})", self.lambda(1)),
                2 => ".distinct()".to_owned(),
                3 => format!(
                    ".sorted(Comparator.comparing({}::get{}))",
                    self.noun(),
                    self.noun()
                ),
                4 => format!(".limit({})", self.rng.range(1, 500)),
                _ => format!(".peek(x -> log.trace({}, x))", self.string_literal()),
            };
            if step.contains("Comparator") {
                self.import("java.util.Comparator");
            }
            text.push_str(&step);
        }
        let end = match self.rng.below(5) {
            0 => ".collect(Collectors.toList())".to_owned(),
            1 => format!(
                ".collect(Collectors.groupingBy({}::get{}))",
                self.noun(),
                self.noun()
            ),
            2 => ".count()".to_owned(),
            3 => ".findFirst()".to_owned(),
            _ => ".toList()".to_owned(),
        };
        text.push_str(&end);
        text
    }

    pub(crate) fn condition(&mut self, depth: u32) -> String {
        let base = match self.rng.below(9) {
            0 => format!("{} == null", self.var_name()),
            1 => format!("!{}.isEmpty()", self.var_name()),
            2 => format!("{} > {}", self.var_name(), self.atom()),
            3 => format!("{} instanceof {} {}", self.var_name(), self.noun(), "other"),
            4 => {
                self.import("java.util.Objects");
                format!("Objects.equals({}, {})", self.atom(), self.atom())
            }
            5 => format!("{}.is{}()", self.var_name(), self.rng.word(ADJECTIVES)),
            6 => format!("{} <= {}", self.var_name(), self.literal()),
            7 => format!("{}.contains({})", self.var_name(), self.atom()),
            _ => format!(
                "{}.get{}().equals({})",
                self.var_name(),
                self.noun(),
                self.atom()
            ),
        };
        if depth > 0 && self.rng.chance(0.25) {
            let op = self.rng.word(&["&&", "||"]);
            format!("{base} {op} {}", self.condition(depth - 1))
        } else {
            base
        }
    }

    pub(crate) fn expr(&mut self, depth: u32) -> String {
        if depth == 0 {
            return self.atom();
        }
        match self.rng.below(14) {
            0..=2 => self.atom(),
            3..=5 => {
                let mut text = format!(
                    "{}.{}({})",
                    self.var_name(),
                    self.method_name(),
                    self.args(depth - 1)
                );
                if self.rng.chance(0.3) {
                    let call = self.method_name();
                    let _ = write!(text, ".{call}()");
                }
                text
            }
            6 => {
                let op = self.rng.word(&["+", "-", "*", "/", "%"]);
                format!("{} {op} {}", self.expr(depth - 1), self.expr(depth - 1))
            }
            7 => format!(
                "{} ? {} : {}",
                self.condition(depth - 1),
                self.expr(depth - 1),
                self.expr(depth - 1)
            ),
            8 => {
                let ty = self.type_name();
                let diamond = if self.rng.chance(0.3) { "<>" } else { "" };
                format!("new {ty}{diamond}({})", self.args(depth - 1))
            }
            9 => self.stream_pipeline(),
            10 => format!(
                "({}) {}",
                self.rng.word(&["long", "int", "double", "Object"]),
                self.atom()
            ),
            11 => format!("{} + {}", self.string_literal(), self.atom()),
            12 => {
                self.import("java.util.Optional");
                format!(
                    "Optional.ofNullable({}).map({}).orElse({})",
                    self.atom(),
                    self.lambda(depth - 1),
                    self.literal()
                )
            }
            _ => {
                self.import("java.lang.String");
                format!("String.format({}, {})", self.string_literal(), self.atom())
            }
        }
    }

    // ---- statements ----------------------------------------------------------------------

    fn comment(&mut self) {
        match self.rng.below(4) {
            0 => {
                let todo = self.rng.word(TODOS);
                self.line(&format!("// {todo}"));
            }
            1 => {
                let s = self.rng.word(SENTENCES);
                self.line("/*");
                self.line(&format!(" * {s}"));
                self.line(" */");
            }
            _ => {
                let s = self.rng.word(SENTENCES);
                self.line(&format!("// {s}"));
            }
        }
    }

    fn log_call(&mut self) -> String {
        let level = self.rng.word(&["debug", "info", "warn", "trace", "error"]);
        let n = self.rng.range(2, 7);
        let words = self.string_words(n);
        let args = self.rng.below(3);
        let mut message = words;
        let mut call_args = String::new();
        for _ in 0..args {
            message.push_str(" {}");
            call_args.push_str(", ");
            call_args.push_str(&self.atom());
        }
        format!("log.{level}(\"{message}\"{call_args});")
    }

    pub(crate) fn statements(&mut self, depth: u32, count: usize) {
        for _ in 0..count {
            self.statement(depth);
        }
    }

    #[allow(clippy::too_many_lines, reason = "one arm per statement form")]
    pub(crate) fn statement(&mut self, depth: u32) {
        let choice = if depth == 0 {
            self.rng.below(8)
        } else {
            self.rng.below(22)
        };
        match choice {
            0 | 1 => {
                let ty = self.any_type();
                let name = self.var_name();
                let value = self.expr(2);
                let modifier = if self.rng.chance(0.3) { "final " } else { "" };
                self.line(&format!("{modifier}{ty} {name} = {value};"));
            }
            2 => {
                let name = self.var_name();
                let value = self.expr(2);
                self.line(&format!("var {name} = {value};"));
            }
            3 => {
                let call = format!(
                    "{}.{}({});",
                    self.var_name(),
                    self.method_name(),
                    self.args(1)
                );
                self.line(&call);
            }
            4 => {
                let call = self.log_call();
                self.line(&call);
            }
            5 => {
                let op = self.rng.word(&["=", "+=", "-=", "|="]);
                let text = format!("{} {op} {};", self.var_name(), self.expr(1));
                self.line(&text);
            }
            6 => {
                if self.rng.chance(0.5) {
                    self.comment();
                } else {
                    let call = self.log_call();
                    self.line(&call);
                }
            }
            7 => {
                let cond = self.condition(0);
                let message = self.string_literal();
                let exception = self.rng.word(&[
                    "IllegalArgumentException",
                    "IllegalStateException",
                    "NoSuchElementException",
                ]);
                self.open(&format!("if ({cond})"));
                let text = format!("throw new {exception}({message} + {});", self.atom());
                self.line(&text);
                self.close();
            }
            8 | 9 => {
                let cond = self.condition(1);
                self.open(&format!("if ({cond})"));
                let n = self.rng.range(1, 3);
                self.statements(depth - 1, n);
                if self.rng.chance(0.3) {
                    let cond = self.condition(0);
                    self.close_with(&format!(" else if ({cond}) {{"));
                    self.indent += 1;
                    self.statements(depth - 1, 1);
                }
                if self.rng.chance(0.4) {
                    self.close_with(" else {");
                    self.indent += 1;
                    let n = self.rng.range(1, 2);
                    self.statements(depth - 1, n);
                }
                self.close();
            }
            10 => {
                let ty = self.noun();
                let item = lower_first(ty);
                let list = self.var_name();
                self.open(&format!("for ({ty} {item} : {list})"));
                let n = self.rng.range(1, 3);
                self.statements(depth - 1, n);
                self.close();
            }
            11 => {
                let bound = self.atom();
                self.open(&format!("for (int i = 0; i < {bound}; i++)"));
                let n = self.rng.range(1, 3);
                self.statements(depth - 1, n);
                self.close();
            }
            12 => {
                let cond = self.condition(0);
                self.open(&format!("while ({cond})"));
                self.statements(depth - 1, 2);
                self.close();
            }
            13 => {
                self.import("java.io.IOException");
                self.open("try");
                let n = self.rng.range(1, 3);
                self.statements(depth - 1, n);
                let exception = self.rng.word(&[
                    "IOException",
                    "IOException | TimeoutException",
                    "RuntimeException",
                    "InterruptedException",
                ]);
                if exception.contains("Timeout") {
                    self.import("java.util.concurrent.TimeoutException");
                }
                self.close_with(&format!(" catch ({exception} e) {{"));
                self.indent += 1;
                if exception == "InterruptedException" {
                    self.line("Thread.currentThread().interrupt();");
                }
                let msg = self.string_literal();
                self.line(&format!("log.warn({msg}, e);"));
                if self.rng.chance(0.5) {
                    let text = format!("throw new {}Exception({msg}, e);", self.noun());
                    self.line(&text);
                }
                if self.rng.chance(0.3) {
                    self.close_with(" finally {");
                    self.indent += 1;
                    self.statements(0, 1);
                }
                self.close();
            }
            14 => {
                self.import("java.io.InputStream");
                self.import("java.nio.file.Files");
                let path = self.var_name();
                self.open(&format!(
                    "try (InputStream in = Files.newInputStream({path}))"
                ));
                let text = format!(
                    "byte[] buffer = new byte[{}];",
                    self.rng.word(&["4096", "8192", "BUFFER_SIZE"])
                );
                self.line(&text);
                self.line("int read;");
                self.open("while ((read = in.read(buffer)) != -1)");
                self.line("digest.update(buffer, 0, read);");
                self.close();
                self.close();
            }
            15 => {
                let subject = self.var_name();
                if self.rng.chance(0.5) {
                    let target = self.var_name();
                    self.line(&format!("{target} = switch ({subject}.getStatus()) {{"));
                    self.indent += 1;
                    for _ in 0..self.rng.range(2, 4) {
                        let label = self.noun().to_ascii_uppercase();
                        let value = self.expr(1);
                        self.line(&format!("case {label} -> {value};"));
                    }
                    let message = self.string_literal();
                    self.line(&format!(
                        "default -> throw new IllegalStateException({message});"
                    ));
                    self.close_with(";");
                } else {
                    self.open(&format!("switch ({subject})"));
                    for _ in 0..self.rng.range(2, 4) {
                        let label = self.noun().to_ascii_uppercase();
                        self.line(&format!("case {label}:"));
                        self.indent += 1;
                        self.statements(0, 1);
                        self.line("break;");
                        self.indent -= 1;
                    }
                    self.line("default:");
                    self.indent += 1;
                    let call = self.log_call();
                    self.line(&call);
                    self.indent -= 1;
                    self.close();
                }
            }
            16 => {
                let executor = self.rng.word(&["executor", "scheduler", "workerPool"]);
                self.open(&format!("{executor}.submit(() ->"));
                let n = self.rng.range(1, 3);
                self.statements(depth - 1, n);
                self.close_with(");");
            }
            17 => {
                self.open("synchronized (lock)");
                self.statements(depth - 1, 2);
                self.close();
            }
            18 => {
                let list = self.var_name();
                let item = lower_first(self.noun());
                self.open(&format!("{list}.forEach({item} ->"));
                self.statements(0, 2);
                self.close_with(");");
            }
            19 => {
                let pipeline = self.stream_pipeline();
                let name = self.var_name();
                self.line(&format!("var {name} = {pipeline};"));
            }
            20 => {
                let ty = self.noun();
                self.open(&format!("{ty} adapter = new {ty}()"));
                self.line("@Override");
                let text = format!("public void on{}({} value)", self.noun(), self.noun());
                self.open(&text);
                self.statements(0, 2);
                self.close();
                self.close_with(";");
            }
            _ => {
                let map = self.var_name();
                let key = self.atom();
                let text = format!(
                    "{map}.computeIfAbsent({key}, k -> new ArrayList<>()).add({});",
                    self.atom()
                );
                self.line(&text);
                self.import("java.util.ArrayList");
            }
        }
    }

    // ---- members -------------------------------------------------------------------------

    pub(crate) fn javadoc(&mut self, params: &[String], returns: bool) {
        self.line("/**");
        let first = self.rng.word(SENTENCES);
        self.line(&format!(" * {first}"));
        if self.rng.chance(0.4) {
            self.line(" *");
            let second = self.rng.word(SENTENCES);
            let link = self.noun();
            self.line(&format!(" * {second} See {{@link {link}}}."));
        }
        if !params.is_empty() || returns {
            self.line(" *");
        }
        for p in params {
            let n = self.rng.range(2, 5);
            let words = self.string_words(n);
            self.line(&format!(" * @param {p} {words}"));
        }
        if returns {
            let n = self.rng.range(2, 6);
            let words = self.string_words(n);
            self.line(&format!(" * @return {words}"));
        }
        self.line(" */");
    }

    pub(crate) fn method(&mut self, is_static: bool) {
        let returns = self.rng.chance(0.65);
        let ret = if returns {
            self.any_type()
        } else {
            "void".to_owned()
        };
        let name = self.method_name();
        let nparams = self.rng.below(4);
        let mut params = Vec::new();
        let mut names = Vec::new();
        for _ in 0..nparams {
            let ty = self.any_type();
            let pname = self.var_name();
            let annotation = if self.rng.chance(0.1) {
                "@Nullable "
            } else {
                ""
            };
            params.push(format!("{annotation}{ty} {pname}"));
            names.push(pname);
        }
        if self.rng.chance(0.45) {
            self.javadoc(&names, returns);
        }
        if self.rng.chance(0.1) {
            self.line("@Override");
        } else if self.rng.chance(0.08) {
            self.line("@Transactional(readOnly = true)");
        }
        let visibility = self
            .rng
            .word(&["public ", "public ", "private ", "protected ", ""]);
        let stat = if is_static { "static " } else { "" };
        let generic = if self.rng.chance(0.06) {
            "<T extends Comparable<? super T>> "
        } else {
            ""
        };
        let throws = if self.rng.chance(0.15) {
            self.import("java.io.IOException");
            " throws IOException"
        } else {
            ""
        };
        self.open(&format!(
            "{visibility}{stat}{generic}{ret} {name}({}){throws}",
            params.join(", ")
        ));
        let n = self.rng.range(2, 9);
        self.statements(2, n);
        if returns {
            let value = match ret.as_str() {
                "boolean" => self.condition(1),
                t if t.starts_with("Optional") => format!("Optional.ofNullable({})", self.atom()),
                _ => self.expr(2),
            };
            self.line(&format!("return {value};"));
        }
        self.close();
        self.blank();
    }

    fn logger(&mut self, class: &str) {
        self.import("org.slf4j.Logger");
        self.import("org.slf4j.LoggerFactory");
        self.line(&format!(
            "private static final Logger log = LoggerFactory.getLogger({class}.class);"
        ));
    }

    fn constants(&mut self, n: usize) {
        for _ in 0..n {
            let name = self.constant_name();
            let value = match self.rng.below(3) {
                0 => format!("int {name} = {}", self.rng.range(1, 1000)),
                1 => format!("long {name} = {}_000L", self.rng.range(1, 600)),
                _ => {
                    let s = self.string_literal();
                    format!("String {name} = {s}")
                }
            };
            self.line(&format!("private static final {value};"));
            self.constants.push(name);
        }
    }

    fn fields(&mut self, n: usize, modifiers: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for _ in 0..n {
            let ty = self.any_type();
            let name = self.var_name();
            if out.iter().any(|(_, existing)| *existing == name) {
                continue;
            }
            self.line(&format!("{modifiers}{ty} {name};"));
            self.fields.push(name.clone());
            out.push((ty, name));
        }
        out
    }

    fn accessors(&mut self, fields: &[(String, String)]) {
        for (ty, name) in fields {
            let cap = upper_first(name);
            self.open(&format!("public {ty} get{cap}()"));
            self.line(&format!("return {name};"));
            self.close();
            self.blank();
            self.open(&format!("public void set{cap}({ty} {name})"));
            self.line(&format!("this.{name} = {name};"));
            self.close();
            self.blank();
        }
    }

    fn equals_hash_to_string(&mut self, class: &str, fields: &[(String, String)]) {
        self.import("java.util.Objects");
        self.line("@Override");
        self.open("public boolean equals(Object o)");
        self.open("if (this == o)");
        self.line("return true;");
        self.close();
        self.open(&format!("if (!(o instanceof {class} that))"));
        self.line("return false;");
        self.close();
        let cmp: Vec<_> = fields
            .iter()
            .map(|(_, n)| format!("Objects.equals({n}, that.{n})"))
            .collect();
        let cmp = if cmp.is_empty() {
            "true".to_owned()
        } else {
            cmp.join("\n                && ")
        };
        self.line(&format!("return {cmp};"));
        self.close();
        self.blank();
        self.line("@Override");
        self.open("public int hashCode()");
        let names: Vec<_> = fields.iter().map(|(_, n)| n.clone()).collect();
        self.line(&format!("return Objects.hash({});", names.join(", ")));
        self.close();
        self.blank();
        self.line("@Override");
        self.open("public String toString()");
        let parts: Vec<_> = fields
            .iter()
            .map(|(_, n)| format!("\"{n}=\" + {n}"))
            .collect();
        let joined = if parts.is_empty() {
            "\"\"".to_owned()
        } else {
            parts.join(" + \", \" + ")
        };
        self.line(&format!("return \"{class}{{\" + {joined} + '}}';"));
        self.close();
        self.blank();
    }

    fn nested_type(&mut self) {
        match self.rng.below(3) {
            0 => {
                let name = format!("{}Kind", self.noun());
                self.open(&format!("enum {name}"));
                let constants: Vec<_> = (0..self.rng.range(2, 6))
                    .map(|_| self.noun().to_ascii_uppercase())
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect();
                self.line(&format!("{};", constants.join(",\n        ")));
                self.close();
            }
            1 => {
                let name = format!("{}Entry", self.noun());
                let a = self.simple_type();
                let b = self.any_type();
                self.line(&format!("record {name}({a} key, {b} value) {{}}"));
            }
            _ => {
                let name = format!("{}Holder", self.noun());
                self.open(&format!("private static final class {name}"));
                let n = self.rng.range(1, 3);
                let fields = self.fields(n, "private ");
                self.blank();
                self.accessors(&fields[..fields.len().min(1)]);
                self.close();
            }
        }
        self.blank();
    }

    /// Methods (and now and then a nested type) until the body reaches `target` bytes.
    pub(crate) fn fill(&mut self, target: usize, is_static: bool) {
        let mut guard = 0;
        while self.len() < target && guard < 400 {
            guard += 1;
            if self.rng.chance(0.05) {
                self.nested_type();
            } else {
                self.method(is_static);
            }
        }
    }
}

pub(crate) fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_ascii_lowercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

pub(crate) fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

pub(crate) const LICENSE_HEADER: &str = "/*
 * Licensed to the Apache Software Foundation (ASF) under one
 * or more contributor license agreements.  See the NOTICE file
 * distributed with this work for additional information
 * regarding copyright ownership.  The ASF licenses this file
 * to you under the Apache License, Version 2.0 (the
 * \"License\"); you may not use this file except in compliance
 * with the License.  You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an \"AS IS\" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

";

/// Writes a whole ordinary file of `shape` named `class` of about `target` bytes. With
/// `mention`, one method uses a big-data or lookalike library (classes only).
pub(crate) fn ordinary(
    w: &mut JavaWriter<'_>,
    shape: Shape,
    class: &str,
    target: usize,
    mention: bool,
) {
    let target = target.min(shape.max_size());
    match shape {
        Shape::Service | Shape::Controller | Shape::Config => {
            service_like(w, shape, class, target, mention);
        }
        Shape::Entity | Shape::Dto => data_class(w, shape, class, target),
        Shape::Repository => repository(w, class),
        Shape::Util => utility(w, class, target, mention),
        Shape::Test => test_class(w, class, target, mention),
        Shape::Exception => exception(w, class),
        Shape::Enum => enumeration(w, class, target),
        Shape::Record => record(w, class, target),
        Shape::Interface => interface(w, class, target),
    }
}

fn class_javadoc(w: &mut JavaWriter<'_>) {
    if w.rng.chance(0.7) {
        w.line("/**");
        let s = w.rng.word(SENTENCES);
        w.line(&format!(" * {s}"));
        if w.rng.chance(0.5) {
            let s2 = w.rng.word(SENTENCES);
            w.line(" *");
            w.line(&format!(" * <p>{s2}"));
        }
        if w.rng.chance(0.3) {
            w.line(" *");
            let text = format!(
                " * @author {}",
                w.rng.word(&["jdoe", "mchen", "apatel", "platform-team"])
            );
            w.line(&text);
        }
        w.line(" */");
    }
}

#[allow(clippy::too_many_lines, reason = "one class skeleton, top to bottom")]
fn service_like(w: &mut JavaWriter<'_>, shape: Shape, class: &str, target: usize, mention: bool) {
    class_javadoc(w);
    match shape {
        Shape::Controller => {
            w.import("org.springframework.web.bind.annotation.RestController");
            w.import("org.springframework.web.bind.annotation.RequestMapping");
            w.line("@RestController");
            let path = lower_first(w.noun());
            w.line(&format!("@RequestMapping(\"/api/v1/{path}s\")"));
        }
        Shape::Config => {
            w.import("org.springframework.context.annotation.Configuration");
            w.line("@Configuration");
        }
        _ => {
            w.import("org.springframework.stereotype.Service");
            w.line("@Service");
        }
    }
    let extends = if w.rng.chance(0.15) {
        format!(" extends Abstract{}", w.noun())
    } else {
        String::new()
    };
    let implements = if w.rng.chance(0.3) {
        format!(
            " implements {}{}",
            w.noun(),
            w.rng.word(&["Port", "Api", "Operations"])
        )
    } else {
        String::new()
    };
    w.open(&format!("public class {class}{extends}{implements}"));
    w.blank();
    w.logger(class);
    let nconst = w.rng.range(0, 4);
    w.constants(nconst);
    w.blank();
    let deps: Vec<(String, String)> = (0..w.rng.range(1, 4))
        .map(|_| {
            let ty = format!(
                "{}{}",
                w.noun(),
                w.rng.word(&["Repository", "Client", "Service", "Mapper"])
            );
            (ty.clone(), lower_first(&ty))
        })
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    for (ty, name) in &deps {
        w.line(&format!("private final {ty} {name};"));
        w.field_name(name);
    }
    w.line("private final Object lock = new Object();");
    w.import("java.util.concurrent.ExecutorService");
    w.import("java.util.concurrent.Executors");
    let text = format!(
        "private final ExecutorService executor = Executors.newFixedThreadPool({});",
        w.rng.range(2, 16)
    );
    w.line(&text);
    w.blank();
    let params: Vec<_> = deps.iter().map(|(t, n)| format!("{t} {n}")).collect();
    w.open(&format!("public {class}({})", params.join(", ")));
    for (_, name) in &deps {
        w.line(&format!("this.{name} = {name};"));
    }
    w.close();
    w.blank();
    if shape == Shape::Controller {
        w.import("org.springframework.web.bind.annotation.GetMapping");
        w.import("org.springframework.web.bind.annotation.PathVariable");
        w.import("org.springframework.http.ResponseEntity");
        for _ in 0..w.rng.range(1, 4) {
            let noun = w.noun();
            let path = lower_first(noun);
            w.line(&format!("@GetMapping(\"/{{id}}/{path}\")"));
            w.open(&format!(
                "public ResponseEntity<{noun}Dto> get{noun}(@PathVariable(\"id\") long id)"
            ));
            let dep = deps[0].1.clone();
            w.line(&format!("return {dep}.find{noun}(id)"));
            w.line(&format!("        .map({noun}Dto::from)"));
            w.line("        .map(ResponseEntity::ok)");
            w.line("        .orElseGet(() -> ResponseEntity.notFound().build());");
            w.close();
            w.blank();
        }
    }
    if shape == Shape::Config {
        w.import("org.springframework.context.annotation.Bean");
        for _ in 0..w.rng.range(1, 4) {
            let ty = w.type_name();
            w.line("@Bean");
            w.open(&format!("public {ty} {}()", lower_first(&ty)));
            w.statements(1, 2);
            let text = format!("return new {ty}({});", w.atom());
            w.line(&text);
            w.close();
            w.blank();
        }
    }
    if mention {
        super::jobs::mention(w);
    }
    w.fill(target, false);
    if w.rng.chance(0.1) {
        w.nested_type();
    }
    w.close();
}

fn data_class(w: &mut JavaWriter<'_>, shape: Shape, class: &str, target: usize) {
    class_javadoc(w);
    if shape == Shape::Entity {
        let jakarta = if w.rng.chance(0.5) {
            "jakarta"
        } else {
            "javax"
        };
        for name in ["Entity", "Table", "Id", "Column", "GeneratedValue"] {
            w.import(&format!("{jakarta}.persistence.{name}"));
        }
        w.line("@Entity");
        let table = lower_first(w.noun());
        let text = format!(
            "@Table(name = \"{table}s\", schema = \"{}\")",
            w.rng.word(&["public", "app", "core"])
        );
        w.line(&text);
    } else if w.rng.chance(0.4) {
        w.import("com.fasterxml.jackson.annotation.JsonInclude");
        w.line("@JsonInclude(JsonInclude.Include.NON_NULL)");
    }
    w.import("java.io.Serializable");
    w.open(&format!("public class {class} implements Serializable"));
    w.blank();
    w.line("private static final long serialVersionUID = 1L;");
    w.blank();
    if shape == Shape::Entity {
        w.line("@Id");
        w.line("@GeneratedValue");
        w.line("private Long id;");
        w.blank();
    }
    let n = w.rng.range(3, 12);
    let fields = {
        let mut all = Vec::new();
        for _ in 0..n {
            if shape == Shape::Entity {
                let column = lower_first(w.noun());
                let nullable = w.rng.word(&["true", "false"]).to_string();
                w.line(&format!(
                    "@Column(name = \"{column}\", nullable = {nullable})"
                ));
            }
            all.extend(w.fields(1, "private "));
        }
        all
    };
    w.blank();
    w.open(&format!("public {class}()"));
    w.line("// for serialization frameworks");
    w.close();
    w.blank();
    w.accessors(&fields);
    w.equals_hash_to_string(class, &fields);
    if w.len() < target && w.rng.chance(0.5) {
        w.open("public static Builder builder()");
        w.line("return new Builder();");
        w.close();
        w.blank();
        w.open("public static final class Builder");
        w.line(&format!("private final {class} target = new {class}();"));
        w.blank();
        for (ty, name) in &fields {
            w.open(&format!("public Builder {name}({ty} value)"));
            w.line(&format!("target.{name} = value;"));
            w.line("return this;");
            w.close();
            w.blank();
        }
        w.open(&format!("public {class} build()"));
        w.line("return target;");
        w.close();
        w.close();
        w.blank();
    }
    w.fill(target, false);
    w.close();
}

fn repository(w: &mut JavaWriter<'_>, class: &str) {
    let entity = w.noun();
    w.import("org.springframework.data.jpa.repository.JpaRepository");
    w.import("org.springframework.data.jpa.repository.Query");
    w.import("org.springframework.data.repository.query.Param");
    w.import("java.util.List");
    w.import("java.util.Optional");
    class_javadoc(w);
    w.open(&format!(
        "public interface {class} extends JpaRepository<{entity}, Long>"
    ));
    w.blank();
    for _ in 0..w.rng.range(2, 8) {
        let by = w.noun();
        let field = lower_first(by);
        if w.rng.chance(0.4) {
            let table = lower_first(entity);
            w.line(&format!(
                "@Query(\"SELECT e FROM {entity} e WHERE e.{field} = :{field} AND e.status <> 'DELETED' ORDER BY e.createdAt DESC\")"
            ));
            let _ = table;
            w.line(&format!(
                "List<{entity}> findActiveBy{by}(@Param(\"{field}\") String {field});"
            ));
        } else {
            let ret = if w.rng.chance(0.5) {
                format!("Optional<{entity}>")
            } else {
                format!("List<{entity}>")
            };
            w.line(&format!("{ret} findBy{by}(String {field});"));
        }
        w.blank();
    }
    w.close();
}

fn utility(w: &mut JavaWriter<'_>, class: &str, target: usize, mention: bool) {
    class_javadoc(w);
    w.open(&format!("public final class {class}"));
    w.blank();
    w.logger(class);
    let n = w.rng.range(1, 5);
    w.constants(n);
    w.blank();
    w.open(&format!("private {class}()"));
    w.line("throw new AssertionError(\"no instances\");");
    w.close();
    w.blank();
    if mention {
        super::jobs::mention(w);
    }
    w.fill(target, true);
    w.close();
}

fn test_class(w: &mut JavaWriter<'_>, class: &str, target: usize, mention: bool) {
    w.import("org.junit.jupiter.api.Test");
    w.import("org.junit.jupiter.api.BeforeEach");
    w.import("static org.assertj.core.api.Assertions.assertThat");
    w.import("static org.junit.jupiter.api.Assertions.assertThrows");
    w.import("static org.mockito.Mockito.mock");
    w.import("static org.mockito.Mockito.when");
    w.open(&format!("class {class}"));
    w.blank();
    let subject = class.trim_end_matches("Test").to_owned();
    let dep = format!("{}Repository", w.noun());
    w.line(&format!("private {dep} {};", lower_first(&dep)));
    w.line(&format!("private {subject} subject;"));
    w.blank();
    w.line("@BeforeEach");
    w.open("void setUp()");
    w.line(&format!("{} = mock({dep}.class);", lower_first(&dep)));
    w.line(&format!("subject = new {subject}({});", lower_first(&dep)));
    w.close();
    w.blank();
    if mention {
        super::jobs::mention(w);
    }
    let mut guard = 0;
    while w.len() < target && guard < 300 {
        guard += 1;
        w.line("@Test");
        let name = format!(
            "{}_{}_{}",
            w.method_name(),
            w.rng.word(&[
                "returnsEmpty",
                "throws",
                "succeeds",
                "retries",
                "skipsDuplicates"
            ]),
            w.rng.word(&[
                "whenMissing",
                "onTimeout",
                "forNewTenant",
                "afterRestart",
                "withDefaults"
            ])
        );
        w.open(&format!("void {name}()"));
        let n = w.rng.range(1, 4);
        w.statements(1, n);
        let mocked = lower_first(&dep);
        let method = w.method_name();
        let value = w.expr(1);
        w.line(&format!(
            "when({mocked}.{method}(anyLong())).thenReturn({value});"
        ));
        if w.rng.chance(0.3) {
            let call = w.method_name();
            w.line(&format!(
                "assertThrows(IllegalArgumentException.class, () -> subject.{call}(null));"
            ));
        } else {
            let call = w.method_name();
            let expected = w.literal();
            w.line(&format!(
                "assertThat(subject.{call}()).isEqualTo({expected});"
            ));
        }
        w.close();
        w.blank();
    }
    w.close();
}

fn exception(w: &mut JavaWriter<'_>, class: &str) {
    class_javadoc(w);
    let parent = w
        .rng
        .word(&["RuntimeException", "Exception", "IllegalStateException"]);
    w.open(&format!("public class {class} extends {parent}"));
    w.blank();
    w.line("private static final long serialVersionUID = 1L;");
    w.blank();
    w.open(&format!("public {class}(String message)"));
    w.line("super(message);");
    w.close();
    w.blank();
    w.open(&format!("public {class}(String message, Throwable cause)"));
    w.line("super(message, cause);");
    w.close();
    w.close();
}

fn enumeration(w: &mut JavaWriter<'_>, class: &str, target: usize) {
    class_javadoc(w);
    w.open(&format!("public enum {class}"));
    let mut names = BTreeSet::new();
    for _ in 0..w.rng.range(3, 10) {
        names.insert(w.noun().to_ascii_uppercase());
    }
    let names: Vec<_> = names.into_iter().collect();
    for (i, name) in names.iter().enumerate() {
        let sep = if i + 1 == names.len() { ";" } else { "," };
        let label = w.string_literal();
        let text = format!("{name}({label}, {}){sep}", w.rng.range(0, 100));
        w.line(&text);
    }
    w.blank();
    w.line("private final String label;");
    w.line("private final int weight;");
    w.blank();
    w.open(&format!("{class}(String label, int weight)"));
    w.line("this.label = label;");
    w.line("this.weight = weight;");
    w.close();
    w.blank();
    w.open("public String label()");
    w.line("return label;");
    w.close();
    w.blank();
    w.open(&format!("public static {class} fromLabel(String value)"));
    w.open(&format!("for ({class} candidate : values())"));
    w.open("if (candidate.label.equalsIgnoreCase(value))");
    w.line("return candidate;");
    w.close();
    w.close();
    w.line(&format!(
        "throw new IllegalArgumentException(\"unknown {class}: \" + value);"
    ));
    w.close();
    w.blank();
    w.fill(target, false);
    w.close();
}

fn record(w: &mut JavaWriter<'_>, class: &str, target: usize) {
    class_javadoc(w);
    let mut components = Vec::new();
    for _ in 0..w.rng.range(2, 6) {
        let ty = w.any_type();
        let name = w.var_name();
        if !components.iter().any(|(_, n)| *n == name) {
            components.push((ty, name));
        }
    }
    let list: Vec<_> = components.iter().map(|(t, n)| format!("{t} {n}")).collect();
    w.open(&format!("public record {class}({})", list.join(", ")));
    w.blank();
    w.import("java.util.Objects");
    w.open(&format!("public {class}"));
    for (_, name) in components.iter().take(2) {
        w.line(&format!("Objects.requireNonNull({name}, \"{name}\");"));
    }
    w.close();
    w.blank();
    w.fill(target, false);
    w.close();
}

fn interface(w: &mut JavaWriter<'_>, class: &str, target: usize) {
    class_javadoc(w);
    let generic = if w.rng.chance(0.3) { "<T>" } else { "" };
    w.open(&format!("public interface {class}{generic}"));
    w.blank();
    let mut guard = 0;
    while w.len() < target && guard < 100 {
        guard += 1;
        if w.rng.chance(0.6) {
            w.javadoc(&[], true);
            let ret = w.any_type();
            let name = w.method_name();
            let param = w.any_type();
            let pname = w.var_name();
            w.line(&format!("{ret} {name}({param} {pname});"));
            w.blank();
        } else {
            let name = w.method_name();
            w.open(&format!("default boolean {name}(String value)"));
            let cond = w.condition(1);
            w.line(&format!("return value != null && {cond};"));
            w.close();
            w.blank();
        }
    }
    w.close();
}
