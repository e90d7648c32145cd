//! Inline suppression comments: `bigdata-lint: ignore CODES -- reason` in each dialect's comment
//! syntax, and the two rules that keep them honest (`BDL001`, `BDL002`).
//!
//! The scan lives here rather than in `bdl-core` because finding comments is syntax: a `//` in a
//! Java string, a `#` in a quoted YAML value or a `.properties` continuation line, a `--` in a
//! SQL string and a comment inside an XML CDATA section are not comments. Each dialect gets a
//! small lexer that knows exactly that much (strings, comments, block scalars, continuation
//! lines, `<property>` elements) and nothing more; no parser runs. The scan only happens for a
//! file that contains [`MARKER`], which the checker learns from the prefilter pass it makes
//! anyway (Java) or from one substring search (configuration files).
//!
//! | dialect | comment | scope of `ignore` |
//! |---|---|---|
//! | Java | `// …`, `/* … */` | its own line when it shares a line with code, else the next line with code |
//! | Flink SQL | `-- …`, `/* … */` | as Java |
//! | `flink-conf.yaml` | `#` anywhere | as Java |
//! | YAML (`config.yaml`, `application.yml`, Kubernetes Flink resources) | `#` at the start or after a blank, outside quotes and block scalars | as Java |
//! | `.properties`, `spark-defaults.conf` | a whole line starting with `#` or `!` (not a continuation line) | the next property, with its continuation lines |
//! | Hadoop XML | `<!-- … -->` | the `<property>` element it is in, else the one ending on its line, else the next one |
//! | `pom.xml` | `<!-- … -->` | the `<dependency>` element it is in, else the one ending on its line, else the next one |
//! | Gradle scripts (Groovy, Kotlin) | `// …`, `/* … */` | as Java |
//! | `gradle/libs.versions.toml` | `#` outside quotes | as Java |
//!
//! `ignore-file` applies to the whole file wherever it is written.

use std::borrow::Cow;

use bdl_core::{FileKind, LineIndex, RuleMeta, Span, declare_rule, nearest};

use crate::check::INTERNAL_ERROR_CODE;
use crate::rule::Rule;

/// The text that starts a suppression comment. A file without it is never scanned.
pub const MARKER: &str = "bigdata-lint:";

/// Longest rule-code-like word quoted verbatim in a message; longer ones are shortened.
const QUOTE_LIMIT: usize = 40;

declare_rule! {
    /// ## What it does
    /// Reports a code in an inline suppression comment that suppresses nothing: no finding of
    /// that rule is reported in the comment's scope (its line, its XML property, or the whole
    /// file for `ignore-file`). The finding points at the code in the comment.
    ///
    /// Only rules that ran count. A suppression of a rule that is not enabled in this run, or
    /// that skips the file as a test source, is never reported: that rule could not have
    /// reported anything. A suppression of a rule that does not check this kind of file at all
    /// is reported, since it can never suppress anything there.
    ///
    /// Findings of this rule can themselves be suppressed only for a whole file
    /// (`ignore-file BDL001`), which suits a file that keeps suppressions for rules that are
    /// enabled only in some runs.
    ///
    /// ## Why is this bad?
    /// A suppression outlives the finding it was written for. Once the code or setting is
    /// fixed, a forgotten comment stays behind, and when the problem comes back on that line
    /// (a later edit lowers the checkpoint interval again) it is silently suppressed. Stale
    /// comments also tell readers that something on the line is wrong when nothing is.
    ///
    /// ## Example
    /// With `FLK001` enabled, the interval below is no longer too short, so the suppression above
    /// it suppresses nothing and is reported:
    ///
    /// ```yaml
    /// # bigdata-lint: ignore FLK001 -- load test, raised after the test
    /// execution.checkpointing.interval: 3min
    /// ```
    ///
    /// A file-level suppression of this rule in a file without unused suppressions is reported
    /// the same way:
    ///
    /// ```yaml file=flink-conf.yaml bad
    /// # bigdata-lint: ignore-file BDL001 -- kept from the 1.17 migration
    /// execution.checkpointing.interval: 3min
    /// ```
    ///
    /// Use instead:
    ///
    /// ```yaml file=flink-conf.yaml good
    /// execution.checkpointing.interval: 3min
    /// ```
    ///
    /// ## How to fix
    /// Remove the reported code from the comment, or the whole comment when it names nothing
    /// else. To review every suppression in a project, run with `--no-inline-suppressions`:
    /// suppressed findings then show as ordinary findings.
    ///
    /// ## Options
    /// None.
    ///
    /// ## References
    /// - Inline suppressions: <https://github.com/bigdata-lint/bigdata-lint/blob/main/docs/suppressions.md>
    pub UnusedSuppression {
        code: "BDL001",
        name: "unused-suppression",
        summary: "inline suppression that suppresses no finding",
        severity: Warning,
        kinds: [Java, FlinkConf, FlinkYaml, FlinkSql, HadoopXml, SpringProperties, SpringYaml, SparkConf, FlinkK8s, MavenPom, GradleScript, GradleCatalog],
        triggers: ["bigdata-lint:"],
        options: [],
    }
}

impl Rule for UnusedSuppression {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }
    // Reported by the checker after every other rule has run on the file.
}

declare_rule! {
    /// ## What it does
    /// Reports a `bigdata-lint:` comment that is not a valid suppression:
    /// - an unknown directive (`ignroe`, `disable`): only `ignore` and `ignore-file` exist;
    /// - no rule code at all (`bigdata-lint: ignore`): suppressions always name codes;
    /// - a word that is not a rule code: a rule name, a lowercase code, a reason without the
    ///   ` -- ` separator;
    /// - a code that no rule has (`FLK010` for `FLK001`);
    /// - `BDL999`: internal errors cannot be suppressed;
    /// - `BDL000`, `BDL001` or `BDL002` in a line suppression: findings about the file itself
    ///   can be suppressed only with `ignore-file`;
    /// - `--` inside an XML comment.
    ///
    /// The valid codes of a comment still apply; a comment without a directive or without a
    /// valid code has no effect.
    ///
    /// ## Why is this bad?
    /// A malformed suppression does not do what its author meant, silently: a misspelt
    /// directive suppresses nothing, and a misspelt code suppresses nothing while the comment
    /// reads as if the finding had been reviewed.
    ///
    /// XML does not allow `--` inside a comment. Hadoop reads `*-site.xml` files with a strict
    /// XML parser, so a comment such as `<!-- bigdata-lint: ignore HDP001 -- reason -->` makes
    /// the whole file fail to load. In XML the reason follows a single `-`.
    ///
    /// ## Example
    /// ```yaml file=flink-conf.yaml bad
    /// # bigdata-lint: ignroe FLK001 -- load-test cluster
    /// execution.checkpointing.interval: 1s
    /// ```
    ///
    /// ```xml file=hdfs-site.xml bad
    /// <configuration>
    ///   <!-- bigdata-lint: ignore HDP001 -- single-node dev cluster -->
    ///   <property>
    ///     <name>dfs.replication</name>
    ///     <value>1</value>
    ///   </property>
    /// </configuration>
    /// ```
    ///
    /// Use instead:
    ///
    /// ```yaml file=flink-conf.yaml good
    /// # bigdata-lint: ignore FLK001 -- load-test cluster
    /// execution.checkpointing.interval: 1s
    /// ```
    ///
    /// ```xml file=hdfs-site.xml good
    /// <configuration>
    ///   <!-- bigdata-lint: ignore HDP001 - single-node dev cluster -->
    ///   <property>
    ///     <name>dfs.replication</name>
    ///     <value>1</value>
    ///   </property>
    /// </configuration>
    /// ```
    ///
    /// ## How to fix
    /// Write `bigdata-lint: ignore CODE[, CODE…] -- reason` (or `ignore-file`) with rule codes
    /// as `bigdata-lint rules` lists them; in XML separate the reason with ` - `.
    ///
    /// ## Options
    /// None.
    ///
    /// ## References
    /// - Inline suppressions: <https://github.com/bigdata-lint/bigdata-lint/blob/main/docs/suppressions.md>
    /// - XML 1.0, Comments ("the string `--` must not occur within comments"):
    ///   <https://www.w3.org/TR/xml/#sec-comments>
    pub InvalidSuppression {
        code: "BDL002",
        name: "invalid-suppression",
        summary: "malformed inline suppression comment",
        severity: Warning,
        kinds: [Java, FlinkConf, FlinkYaml, FlinkSql, HadoopXml, SpringProperties, SpringYaml, SparkConf, FlinkK8s, MavenPom, GradleScript, GradleCatalog],
        triggers: ["bigdata-lint:"],
        options: [],
    }
}

impl Rule for InvalidSuppression {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }
    // Reported by the checker from the suppression scan.
}

/// What a suppression comment covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// `ignore-file`: every finding in the file.
    File,
    /// `ignore`: findings that start on these 1-based lines, both included.
    Lines { first: u32, last: u32 },
    /// `ignore` with nothing to apply to: no line with content (no XML property) follows it.
    Nothing,
}

/// One code named by a suppression comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SuppressedCode {
    pub code: String,
    /// Where the code is written in the comment.
    pub span: Span,
}

/// A valid suppression comment: at least one well-formed code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    /// The whole comment, delimiters included.
    pub span: Span,
    /// The valid codes, each once, in the order written.
    pub codes: Vec<SuppressedCode>,
    /// The text after the separator, whitespace collapsed; `None` when absent or empty.
    pub reason: Option<String>,
    pub scope: Scope,
}

/// Something wrong with a suppression comment (reported as `BDL002`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub span: Span,
    pub message: String,
    pub help: String,
}

/// Every suppression comment of a file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Suppressions {
    pub directives: Vec<Directive>,
    pub problems: Vec<Problem>,
}

/// Finds the suppression comments of a file of `kind`.
///
/// `known` is every rule of this build; when given, a well-formed code that no rule has is a
/// problem, and a rule name written instead of a code gets the code as help.
pub fn scan(
    kind: FileKind,
    text: &str,
    index: &LineIndex,
    known: Option<&[&'static RuleMeta]>,
) -> Suppressions {
    let mut out = Suppressions::default();
    if !text.contains(MARKER) {
        return out;
    }
    let layout = match kind {
        // Groovy and Kotlin comment like Java; their strings are close enough for finding
        // comments.
        FileKind::Java | FileKind::GradleScript => lex_c_like(text, index, Dialect::Java),
        FileKind::FlinkSql => lex_c_like(text, index, Dialect::Sql),
        FileKind::FlinkConf => lex_flink_conf(text, index),
        // TOML comments are YAML's: `#` outside quotes.
        FileKind::FlinkYaml
        | FileKind::SpringYaml
        | FileKind::FlinkK8s
        | FileKind::GradleCatalog => lex_yaml(text, index),
        FileKind::SpringProperties | FileKind::SparkConf => lex_properties(text, index),
        FileKind::HadoopXml => lex_xml(text, index, b"property"),
        FileKind::MavenPom => lex_xml(text, index, b"dependency"),
    };
    let xml = matches!(kind, FileKind::HadoopXml | FileKind::MavenPom);
    for comment in &layout.comments {
        let Some(body) = text.get(comment.body.start..comment.body.end) else {
            continue;
        };
        if !body.contains(MARKER) {
            continue;
        }
        let cleaned = clean(body, comment.style);
        let Some(parsed) = parse(&cleaned, comment, xml, known, &mut out.problems) else {
            continue;
        };
        if xml && (body.contains("--") || body.ends_with('-')) {
            out.problems.push(Problem {
                span: comment.span,
                message: "`--` inside an XML comment is not well-formed XML".to_owned(),
                help: "separate the reason with a single `-`; Hadoop cannot load a file whose comments contain `--`".to_owned(),
            });
        }
        if parsed.codes.is_empty() {
            continue;
        }
        let scope = if parsed.file_level {
            Scope::File
        } else if xml {
            xml_scope(comment.span, &layout, index)
        } else {
            line_scope(comment.span, &layout, index)
        };
        out.directives.push(Directive {
            span: comment.span,
            codes: parsed.codes,
            reason: parsed.reason,
            scope,
        });
    }
    out
}

// --- parsing one comment ---------------------------------------------------------------------

struct Parsed {
    file_level: bool,
    codes: Vec<SuppressedCode>,
    reason: Option<String>,
}

/// Parses the cleaned body of a comment. `None` when it is not a suppression comment or is one
/// without effect (the problem is recorded).
fn parse(
    body: &str,
    comment: &RawComment,
    xml: bool,
    known: Option<&[&'static RuleMeta]>,
    problems: &mut Vec<Problem>,
) -> Option<Parsed> {
    let lead = body.len() - body.trim_start().len();
    let rest = body.get(lead..)?.strip_prefix(MARKER)?;
    let base = comment.body.start + lead + MARKER.len();
    let span_of = |pos: usize, word: &str| Span::new(base + pos, base + pos + word.len());
    let mut words = words(rest);
    let Some((at, directive)) = words.next() else {
        problems.push(Problem {
            span: comment.span,
            message: "suppression comment names no directive".to_owned(),
            help: "write `bigdata-lint: ignore CODE`, naming the rule codes to suppress".to_owned(),
        });
        return None;
    };
    let file_level = match directive {
        "ignore" => false,
        "ignore-file" => true,
        other => {
            let help = match nearest(other, ["ignore", "ignore-file"]) {
                Some(s) => format!("write `{s}`"),
                None => "write `ignore` (this line) or `ignore-file` (the whole file)".to_owned(),
            };
            problems.push(Problem {
                span: span_of(at, other),
                message: format!("unknown suppression directive `{}`", shorten(other)),
                help,
            });
            return None;
        }
    };
    let mut parsed = Parsed {
        file_level,
        codes: Vec::new(),
        reason: None,
    };
    let mut named_any = false;
    for (pos, word) in words {
        let dashes = word.bytes().take_while(|b| *b == b'-').count();
        if dashes >= 2 || (xml && dashes == 1) {
            let reason = rest
                .get(pos + dashes..)
                .unwrap_or("")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            parsed.reason = Some(reason).filter(|r| !r.is_empty());
            break;
        }
        let after_codes = named_any;
        named_any = true;
        match classify(word, file_level, known) {
            Ok(()) => {
                if !parsed.codes.iter().any(|c| c.code == word) {
                    parsed.codes.push(SuppressedCode {
                        code: word.to_owned(),
                        span: span_of(pos, word),
                    });
                }
            }
            Err((message, help)) => {
                // A word that is nothing like a code starts text, most likely a reason without
                // its separator: one problem for it, and the rest of the comment is not read.
                let code_like = is_code(&word.to_ascii_uppercase())
                    || known.is_some_and(|k| k.iter().any(|r| r.name == word));
                let help = if !code_like && after_codes {
                    format!(
                        "separate the reason from the codes with `{}`",
                        separator(xml)
                    )
                } else {
                    help
                };
                problems.push(Problem {
                    span: span_of(pos, word),
                    message,
                    help,
                });
                if !code_like {
                    break;
                }
            }
        }
    }
    if !named_any {
        problems.push(Problem {
            span: span_of(at, directive),
            message: format!("`{directive}` names no rule code"),
            help: format!("name the codes to suppress, e.g. `{directive} FLK001`"),
        });
    }
    Some(parsed)
}

/// Checks one word written where a code belongs.
fn classify(
    word: &str,
    file_level: bool,
    known: Option<&[&'static RuleMeta]>,
) -> Result<(), (String, String)> {
    if is_code(word) {
        if word == INTERNAL_ERROR_CODE {
            return Err((
                format!("internal errors ({INTERNAL_ERROR_CODE}) cannot be suppressed"),
                format!("remove `{INTERNAL_ERROR_CODE}` and report the internal error"),
            ));
        }
        if word.starts_with("BDL") && !file_level {
            return Err((
                format!("`{word}` can only be suppressed for the whole file"),
                format!("write `ignore-file {word}` to suppress it in this file"),
            ));
        }
        if let Some(known) = known
            && !known.iter().any(|r| r.code == word)
        {
            let help = match nearest(word, known.iter().map(|r| r.code)) {
                Some(code) => format!("write `{code}` if that rule is meant"),
                None => "name a code that `bigdata-lint rules` lists".to_owned(),
            };
            return Err((format!("no rule has the code `{word}`"), help));
        }
        return Ok(());
    }
    let upper = word.to_ascii_uppercase();
    let by_name = known.and_then(|k| k.iter().find(|r| r.name == word));
    let help = if is_code(&upper) {
        format!("write the code in capitals: `{upper}`")
    } else if let Some(rule) = by_name {
        format!("write the rule's code `{}` instead of its name", rule.code)
    } else {
        "name rule codes of three capitals and three digits, such as `FLK001`".to_owned()
    };
    Err((format!("`{}` is not a rule code", shorten(word)), help))
}

/// What separates the codes from the reason: ` -- `, or ` - ` in XML, where a comment cannot
/// contain `--`.
const fn separator(xml: bool) -> &'static str {
    if xml { " - " } else { " -- " }
}

/// Three ASCII capitals and three digits.
fn is_code(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() == 6
        && b[..3].iter().all(u8::is_ascii_uppercase)
        && b[3..].iter().all(u8::is_ascii_digit)
}

fn shorten(word: &str) -> Cow<'_, str> {
    if word.chars().count() <= QUOTE_LIMIT {
        return Cow::Borrowed(word);
    }
    let mut short: String = word.chars().take(QUOTE_LIMIT - 1).collect();
    short.push('…');
    Cow::Owned(short)
}

/// The words of `text` with their byte offsets; words are separated by whitespace and commas.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = None;
    let mut chars = text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')));
    std::iter::from_fn(move || {
        for (i, c) in chars.by_ref() {
            let separator = c.is_whitespace() || c == ',';
            match (start, separator) {
                (None, false) => start = Some(i),
                (Some(s), true) => {
                    start = None;
                    return text.get(s..i).map(|w| (s, w));
                }
                _ => {}
            }
        }
        None
    })
}

/// The body with comment decoration blanked out, byte for byte (so offsets stay valid): the
/// leading `*` of block comment lines, the extra `/`, `-`, `#` or `!` of a line comment.
fn clean(body: &str, style: Style) -> Cow<'_, str> {
    let decoration: &[u8] = match style {
        Style::Line(c) => &[c],
        Style::Block => b"*",
        Style::Xml => return Cow::Borrowed(body),
    };
    let mut bytes = body.as_bytes().to_vec();
    let mut at_line_start = true;
    for b in &mut bytes {
        match *b {
            b'\n' | b'\r' if style == Style::Block => at_line_start = true,
            b' ' | b'\t' => {}
            c if at_line_start && decoration.contains(&c) => *b = b' ',
            _ => at_line_start = false,
        }
    }
    // Only ASCII bytes were replaced by ASCII spaces, so the text is still UTF-8.
    String::from_utf8(bytes).map_or(Cow::Borrowed(body), Cow::Owned)
}

// --- scopes ----------------------------------------------------------------------------------

/// Java, SQL, YAML, properties: its own line when code shares it, else the next line with code.
fn line_scope(comment: Span, layout: &Layout, index: &LineIndex) -> Scope {
    let first = index.line(comment.start) as usize - 1;
    let last = index.line(comment.end.saturating_sub(1).max(comment.start)) as usize - 1;
    let target = if layout.code_before(first, comment.start) {
        Some(first)
    } else if layout.code_after(last, comment.end) {
        Some(last)
    } else {
        layout.next_code.get(last + 1).copied().flatten()
    };
    match target {
        Some(line) => Scope::Lines {
            first: line as u32 + 1,
            last: layout.extent(line) as u32 + 1,
        },
        None => Scope::Nothing,
    }
}

/// Hadoop XML: the `<property>` element the comment is in, else the one that ends on the line
/// of a trailing comment (else that line), else the next element.
fn xml_scope(comment: Span, layout: &Layout, index: &LineIndex) -> Scope {
    let lines = |(start, end): (usize, usize)| Scope::Lines {
        first: index.line(start),
        last: index.line(end.saturating_sub(1).max(start)),
    };
    let properties = &layout.properties;
    let before = properties.partition_point(|(start, _)| *start < comment.start);
    let previous = before
        .checked_sub(1)
        .and_then(|i| properties.get(i))
        .copied();
    if let Some(property) = previous.filter(|(_, end)| comment.end <= *end) {
        return lines(property);
    }
    let line = index.line(comment.start);
    if layout.code_before(line as usize - 1, comment.start) {
        return match previous {
            Some(property) if index.line(property.1.saturating_sub(1)) == line => lines(property),
            _ => Scope::Lines {
                first: line,
                last: line,
            },
        };
    }
    let after = properties.partition_point(|(start, _)| *start < comment.end);
    properties.get(after).copied().map_or(Scope::Nothing, lines)
}

// --- lexing ----------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    /// A line comment; the byte is its repeated decoration (`/`, `-`, `#`, `!`).
    Line(u8),
    /// `/* … */`.
    Block,
    /// `<!-- … -->`.
    Xml,
}

#[derive(Clone, Copy, Debug)]
struct RawComment {
    span: Span,
    /// The text between the delimiters.
    body: Span,
    style: Style,
}

/// What the lexers learn about a file: its comments, where code is, and (for XML) where the
/// `<property>` elements are.
struct Layout {
    comments: Vec<RawComment>,
    /// Per 0-based line: the first code byte and the end of the last one.
    code: Vec<Option<(usize, usize)>>,
    /// Per 0-based line: the nearest line at or after it with code.
    next_code: Vec<Option<usize>>,
    /// Per 0-based line (properties only): the last line of the logical line starting there.
    extents: Vec<usize>,
    /// XML `<property>` (Hadoop) or `<dependency>` (pom) elements as byte ranges, sorted by
    /// start.
    properties: Vec<(usize, usize)>,
}

impl Layout {
    fn code_before(&self, line: usize, offset: usize) -> bool {
        self.code
            .get(line)
            .copied()
            .flatten()
            .is_some_and(|(first, _)| first < offset)
    }

    fn code_after(&self, line: usize, offset: usize) -> bool {
        self.code
            .get(line)
            .copied()
            .flatten()
            .is_some_and(|(_, end)| end > offset)
    }

    fn extent(&self, line: usize) -> usize {
        self.extents.get(line).copied().unwrap_or(line).max(line)
    }
}

/// Collects comments and code positions while a lexer walks the file front to back.
struct Builder<'i> {
    starts: &'i [usize],
    len: usize,
    comments: Vec<RawComment>,
    code: Vec<Option<(usize, usize)>>,
    extents: Vec<usize>,
    properties: Vec<(usize, usize)>,
    /// The line of the last lookup; lookups mostly move forward.
    cursor: usize,
}

impl<'i> Builder<'i> {
    fn new(text: &str, index: &'i LineIndex) -> Self {
        let starts = index.line_starts();
        Self {
            starts,
            len: text.len(),
            comments: Vec::new(),
            code: vec![None; starts.len()],
            extents: Vec::new(),
            properties: Vec::new(),
            cursor: 0,
        }
    }

    /// The 0-based line of `offset`.
    fn line_of(&mut self, offset: usize) -> usize {
        let at = |i: usize| self.starts.get(i).copied();
        if at(self.cursor).is_some_and(|s| s <= offset) {
            while at(self.cursor + 1).is_some_and(|s| s <= offset) {
                self.cursor += 1;
            }
        } else {
            self.cursor = self
                .starts
                .partition_point(|s| *s <= offset)
                .saturating_sub(1);
        }
        self.cursor
    }

    /// Records `start..end` as code.
    fn code(&mut self, start: usize, end: usize) {
        if end <= start {
            return;
        }
        let first = self.line_of(start);
        let last = self.line_of(end - 1);
        for line in first..=last {
            let lo = if line == first {
                start
            } else {
                self.starts.get(line).copied().unwrap_or(start)
            };
            let hi = if line == last {
                end
            } else {
                self.starts.get(line + 1).copied().unwrap_or(end)
            };
            if let Some(slot) = self.code.get_mut(line) {
                *slot = Some(match *slot {
                    Some((a, b)) => (a.min(lo), b.max(hi)),
                    None => (lo, hi),
                });
            }
        }
    }

    /// Records the non-blank runs of `start..end` as code.
    fn code_words(&mut self, bytes: &[u8], start: usize, end: usize) {
        let mut i = start;
        while i < end {
            if is_space(bytes[i]) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < end && !is_space(bytes[j]) {
                j += 1;
            }
            self.code(i, j);
            i = j;
        }
    }

    fn comment(&mut self, span: Span, body: Span, style: Style) {
        self.comments.push(RawComment { span, body, style });
    }

    /// The 0-based lines with the byte range of each, without its line terminator.
    fn lines(&self, bytes: &[u8]) -> Vec<(usize, usize)> {
        (0..self.starts.len())
            .map(|i| {
                let start = self.starts[i];
                let mut end = self.starts.get(i + 1).copied().unwrap_or(self.len);
                while end > start && matches!(bytes.get(end - 1), Some(b'\n' | b'\r')) {
                    end -= 1;
                }
                (start, end)
            })
            .collect()
    }

    fn finish(mut self) -> Layout {
        let mut next_code = vec![None; self.code.len()];
        let mut next = None;
        for line in (0..self.code.len()).rev() {
            if self.code[line].is_some() {
                next = Some(line);
            }
            next_code[line] = next;
        }
        self.properties.sort_unstable();
        Layout {
            comments: self.comments,
            code: self.code,
            next_code,
            extents: self.extents,
            properties: self.properties,
        }
    }
}

const fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

/// The end of the line that `from` is on (the offset of its terminator, or the end).
fn line_end(bytes: &[u8], from: usize) -> usize {
    bytes
        .get(from..)
        .and_then(|rest| rest.iter().position(|b| matches!(b, b'\n' | b'\r')))
        .map_or(bytes.len(), |p| from + p)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Dialect {
    Java,
    Sql,
}

/// Java and Flink SQL: line and block comments, strings (Java: `"…"`, `'…'`, text blocks with
/// `\` escapes, ending at the line end when unterminated; SQL: `'…'`, `"…"` and `` `…` ``,
/// spanning lines, doubled to escape).
fn lex_c_like(text: &str, index: &LineIndex, dialect: Dialect) -> Layout {
    let bytes = text.as_bytes();
    let len = bytes.len();
    let line_comment: &[u8] = match dialect {
        Dialect::Java => b"//",
        Dialect::Sql => b"--",
    };
    let special = |i: usize| {
        let rest = &bytes[i..];
        rest.starts_with(line_comment)
            || rest.starts_with(b"/*")
            || matches!(rest[0], b'"' | b'\'')
            || (dialect == Dialect::Sql && rest[0] == b'`')
    };
    let mut b = Builder::new(text, index);
    let mut i = 0;
    while i < len {
        let rest = &bytes[i..];
        if rest.starts_with(line_comment) {
            let end = line_end(bytes, i);
            b.comment(
                Span::new(i, end),
                Span::new(i + 2, end),
                Style::Line(line_comment[0]),
            );
            i = end;
        } else if rest.starts_with(b"/*") {
            let (end, body_end) = find(bytes, i + 2, b"*/").map_or((len, len), |p| (p + 2, p));
            b.comment(Span::new(i, end), Span::new(i + 2, body_end), Style::Block);
            i = end;
        } else if dialect == Dialect::Java && rest.starts_with(b"\"\"\"") {
            let mut j = i + 3;
            while j < len {
                if bytes[j] == b'\\' {
                    j += 2;
                } else if bytes[j..].starts_with(b"\"\"\"") {
                    j += 3;
                    break;
                } else {
                    j += 1;
                }
            }
            let end = j.min(len);
            b.code(i, end);
            i = end;
        } else if matches!(rest[0], b'"' | b'\'') || (dialect == Dialect::Sql && rest[0] == b'`') {
            let quote = rest[0];
            let mut j = i + 1;
            while j < len {
                match bytes[j] {
                    b'\\' if dialect == Dialect::Java => j += 2,
                    b'\n' | b'\r' if dialect == Dialect::Java => break,
                    c if c == quote => {
                        j += 1;
                        break;
                    }
                    _ => j += 1,
                }
            }
            let end = j.min(len);
            b.code(i, end);
            i = end;
        } else if is_space(rest[0]) {
            i += 1;
        } else {
            let mut j = i + 1;
            while j < len && !is_space(bytes[j]) && !special(j) {
                j += 1;
            }
            b.code(i, j);
            i = j;
        }
    }
    b.finish()
}

/// Flink's `flink-conf.yaml`: everything from the first `#` of a line is a comment. Since a
/// value can never contain `#`, a suppression may also follow a later `#` of that comment
/// (`a: 'x#y' # bigdata-lint: ignore …`): the comment is taken from the `#` that introduces it.
fn lex_flink_conf(text: &str, index: &LineIndex) -> Layout {
    let bytes = text.as_bytes();
    let mut b = Builder::new(text, index);
    for (start, end) in b.lines(bytes) {
        let line = &bytes[start..end];
        let Some(first) = line.iter().position(|c| *c == b'#') else {
            b.code_words(bytes, start, end);
            continue;
        };
        b.code_words(bytes, start, start + first);
        let introduces = |p: &usize| {
            let after = &line[p + 1..];
            let lead = after
                .iter()
                .take_while(|c| matches!(c, b' ' | b'\t' | b'#'))
                .count();
            after[lead..].starts_with(MARKER.as_bytes())
        };
        let hash = (first..line.len())
            .filter(|p| line[*p] == b'#')
            .find(introduces)
            .unwrap_or(first);
        b.comment(
            Span::new(start + hash, end),
            Span::new(start + hash + 1, end),
            Style::Line(b'#'),
        );
    }
    b.finish()
}

/// `java.util.Properties`: a line whose first non-blank is `#` or `!` is a comment unless it
/// continues the previous line (which ended in an odd number of backslashes).
fn lex_properties(text: &str, index: &LineIndex) -> Layout {
    let bytes = text.as_bytes();
    let mut b = Builder::new(text, index);
    let lines = b.lines(bytes);
    b.extents = (0..lines.len()).collect();
    let mut logical: Option<usize> = None;
    for (line, &(start, end)) in lines.iter().enumerate() {
        let content = &bytes[start..end];
        let continues = content.iter().rev().take_while(|c| **c == b'\\').count() % 2 == 1;
        if let Some(first) = logical {
            b.code_words(bytes, start, end);
            b.extents[first] = line;
            if !continues {
                logical = None;
            }
            continue;
        }
        let lead = content
            .iter()
            .take_while(|c| matches!(c, b' ' | b'\t' | b'\x0c'))
            .count();
        match content.get(lead) {
            None => {}
            Some(&c @ (b'#' | b'!')) => {
                b.comment(
                    Span::new(start + lead, end),
                    Span::new(start + lead + 1, end),
                    Style::Line(c),
                );
            }
            Some(_) => {
                b.code_words(bytes, start, end);
                if continues {
                    logical = Some(line);
                }
            }
        }
    }
    b.finish()
}

/// YAML: `#` at the start of a line or after a blank, outside quoted scalars and block scalars.
fn lex_yaml(text: &str, index: &LineIndex) -> Layout {
    let bytes = text.as_bytes();
    let mut b = Builder::new(text, index);
    // The least indentation of a block scalar's lines, while one is open.
    let mut block: Option<usize> = None;
    // The quote of a quoted scalar that continues on the next line.
    let mut quote: Option<u8> = None;
    for (start, end) in b.lines(bytes) {
        let line = &bytes[start..end];
        let indent = line.iter().take_while(|c| **c == b' ').count();
        if let Some(least) = block {
            if line.iter().all(|c| is_space(*c)) {
                continue;
            }
            if indent >= least {
                b.code_words(bytes, start, end);
                continue;
            }
            block = None;
        }
        let mut comment_at = None;
        let mut j = 0;
        while j < line.len() {
            let c = line[j];
            match quote {
                Some(b'"') => match c {
                    b'\\' => j += 1,
                    b'"' => quote = None,
                    _ => {}
                },
                Some(q) => {
                    if c == q {
                        if line.get(j + 1) == Some(&q) {
                            j += 1;
                        } else {
                            quote = None;
                        }
                    }
                }
                None => {
                    if c == b'#' && (j == 0 || matches!(line[j - 1], b' ' | b'\t')) {
                        comment_at = Some(j);
                        break;
                    }
                    if matches!(c, b'"' | b'\'') && quote_may_start(&line[..j]) {
                        quote = Some(c);
                    }
                }
            }
            j += 1;
        }
        let code_end = comment_at.unwrap_or(line.len());
        b.code_words(bytes, start, start + code_end);
        if let Some(at) = comment_at {
            b.comment(
                Span::new(start + at, end),
                Span::new(start + at + 1, end),
                Style::Line(b'#'),
            );
        }
        if quote.is_none() {
            block = block_scalar_indent(&line[..code_end], indent);
        }
    }
    b.finish()
}

/// Whether a quote after `before` opens a quoted scalar (rather than being part of a plain
/// scalar such as `don't`).
fn quote_may_start(before: &[u8]) -> bool {
    let trimmed_len = before
        .iter()
        .rposition(|c| !matches!(c, b' ' | b'\t'))
        .map_or(0, |p| p + 1);
    let trimmed = &before[..trimmed_len];
    let Some(&last) = trimmed.last() else {
        return true;
    };
    if matches!(last, b'[' | b'{' | b',') {
        return true;
    }
    if trimmed_len == before.len() {
        return false;
    }
    let token_start = trimmed
        .iter()
        .rposition(|c| matches!(c, b' ' | b'\t'))
        .map_or(0, |p| p + 1);
    let token = &trimmed[token_start..];
    last == b':' || token == b"-" || token == b"?" || matches!(token[0], b'!' | b'&')
}

/// When `content` (a line without its comment) opens a block scalar (`key: |`, `- >-`), the
/// least indentation of its lines: more than that of the key or sequence entry it belongs to.
fn block_scalar_indent(content: &[u8], indent: usize) -> Option<usize> {
    let trimmed_len = content.iter().rposition(|c| !is_space(*c))? + 1;
    let trimmed = &content[..trimmed_len];
    let token_start = trimmed
        .iter()
        .rposition(|c| matches!(c, b' ' | b'\t'))
        .map_or(0, |p| p + 1);
    let token = &trimmed[token_start..];
    let indicator = matches!(token.first(), Some(b'|' | b'>'))
        && token.len() <= 3
        && token[1..]
            .iter()
            .all(|c| matches!(c, b'+' | b'-' | b'1'..=b'9'));
    if !indicator {
        return None;
    }
    // Skip sequence entries (`- `) to the key (or to the indicator itself).
    let mut col = indent;
    let mut last_dash = None;
    while content.get(col) == Some(&b'-') && content.get(col + 1).is_none_or(|c| is_space(*c)) {
        last_dash = Some(col);
        col += 1;
        while content.get(col).is_some_and(|c| matches!(c, b' ' | b'\t')) {
            col += 1;
        }
    }
    Some(if col >= token_start {
        // The scalar is the whole entry (`- |`) or the document (`|`).
        last_dash.map_or(indent, |d| d + 1)
    } else {
        col + 1
    })
}

/// XML: comments, markup as code, and the elements a comment applies to (`element`:
/// `<property>` in Hadoop XML, `<dependency>` in a pom). CDATA sections, processing
/// instructions and the DOCTYPE are skipped whole; quoted attribute values may contain `>`.
fn lex_xml(text: &str, index: &LineIndex, element: &[u8]) -> Layout {
    let bytes = text.as_bytes();
    let len = bytes.len();
    let mut b = Builder::new(text, index);
    let mut open: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < len {
        if bytes[i] != b'<' {
            let next = bytes[i..]
                .iter()
                .position(|c| *c == b'<')
                .map_or(len, |p| i + p);
            b.code_words(bytes, i, next);
            i = next;
            continue;
        }
        let rest = &bytes[i..];
        let end = if rest.starts_with(b"<!--") {
            let (end, body_end) = find(bytes, i + 4, b"-->").map_or((len, len), |p| (p + 3, p));
            b.comment(Span::new(i, end), Span::new(i + 4, body_end), Style::Xml);
            i = end;
            continue;
        } else if rest.starts_with(b"<![CDATA[") {
            find(bytes, i + 9, b"]]>").map_or(len, |p| p + 3)
        } else if rest.starts_with(b"<?") {
            find(bytes, i + 2, b"?>").map_or(len, |p| p + 2)
        } else {
            let end = tag_end(bytes, i);
            if !rest.starts_with(b"<!") {
                let closing = rest.get(1) == Some(&b'/');
                let name_start = i + 1 + usize::from(closing);
                let name_end = bytes[name_start..end]
                    .iter()
                    .position(|c| is_space(*c) || matches!(c, b'/' | b'>'))
                    .map_or(end, |p| name_start + p);
                let name = &bytes[name_start..name_end];
                let local = name
                    .iter()
                    .rposition(|c| *c == b':')
                    .map_or(name, |p| &name[p + 1..]);
                if local == element {
                    if closing {
                        if let Some(start) = open.pop() {
                            b.properties.push((start, end));
                        }
                    } else if end >= 2 && bytes[end - 2] == b'/' {
                        b.properties.push((i, end));
                    } else {
                        open.push(i);
                    }
                }
            }
            end
        };
        b.code(i, end);
        i = end;
    }
    for start in open {
        b.properties.push((start, len));
    }
    b.finish()
}

/// The offset after the `>` closing the markup at `start` (quotes and, for `<!DOCTYPE`,
/// brackets respected), or the end of the text.
fn tag_end(bytes: &[u8], start: usize) -> usize {
    let mut quote = None;
    let mut depth = 0usize;
    for (i, &c) in bytes.iter().enumerate().skip(start + 1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (None, b'"' | b'\'') => quote = Some(c),
            (None, b'[') => depth += 1,
            (None, b']') => depth = depth.saturating_sub(1),
            (None, b'>') if depth == 0 => return i + 1,
            _ => {}
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan_all(kind: FileKind, text: &str) -> Suppressions {
        scan(kind, text, &LineIndex::new(text), None)
    }

    /// (codes, scope, reason) of every directive.
    fn directives(kind: FileKind, text: &str) -> Vec<(Vec<String>, Scope, Option<String>)> {
        let found = scan_all(kind, text);
        assert!(found.problems.is_empty(), "{:?}", found.problems);
        found
            .directives
            .into_iter()
            .map(|d| {
                (
                    d.codes.into_iter().map(|c| c.code).collect(),
                    d.scope,
                    d.reason,
                )
            })
            .collect()
    }

    fn lines(first: u32, last: u32) -> Scope {
        Scope::Lines { first, last }
    }

    fn problems(kind: FileKind, text: &str) -> Vec<String> {
        scan_all(kind, text)
            .problems
            .into_iter()
            .map(|p| format!("{}: {}", p.span.slice(text), p.message))
            .collect()
    }

    #[test]
    fn java_line_above_same_line_and_block_comments() {
        let text = "class A {\n\
                    // bigdata-lint: ignore FLK001 -- tiny test cluster\n\
                    \n\
                    // unrelated\n\
                    void a() { x(); } // bigdata-lint: ignore HBS001, RDS001\n\
                    /* bigdata-lint: ignore FLK002 */ y();\n\
                    /**\n\
                     * bigdata-lint: ignore-file HDP001 -- generated\n\
                     *   over two lines\n\
                     */\n\
                    }\n";
        assert_eq!(
            directives(FileKind::Java, text),
            [
                (
                    vec!["FLK001".to_owned()],
                    lines(5, 5),
                    Some("tiny test cluster".to_owned())
                ),
                (
                    vec!["HBS001".to_owned(), "RDS001".to_owned()],
                    lines(5, 5),
                    None
                ),
                (vec!["FLK002".to_owned()], lines(6, 6), None),
                (
                    vec!["HDP001".to_owned()],
                    Scope::File,
                    Some("generated over two lines".to_owned())
                ),
            ]
        );
    }

    #[test]
    fn java_strings_and_text_blocks_are_not_comments() {
        let text = "String a = \"// bigdata-lint: ignroe\";\n\
                    char c = '\"'; String b = \"\"\"\n  /* bigdata-lint: ignroe */\n\"\"\";\n\
                    String u = \"unterminated // bigdata-lint: ignore FLK001\n\
                    int x; // bigdata-lint: ignore FLK001\n";
        let found = scan_all(FileKind::Java, text);
        assert!(found.problems.is_empty(), "{:?}", found.problems);
        assert_eq!(found.directives.len(), 1);
        assert_eq!(found.directives[0].scope, lines(6, 6));
    }

    #[test]
    fn a_comment_at_the_end_applies_to_nothing() {
        assert_eq!(
            directives(FileKind::Java, "int x;\n// bigdata-lint: ignore FLK001\n\n"),
            [(vec!["FLK001".to_owned()], Scope::Nothing, None)]
        );
    }

    #[test]
    fn sql_comments_and_strings() {
        let text = "-- bigdata-lint: ignore FLK001 -- batch job\n\
                    SET 'execution.checkpointing.interval' = '1s';\n\
                    SET 'a' = '-- bigdata-lint: ignroe'; -- bigdata-lint: ignore HDP001\n\
                    SET 'b' = 'multi\n-- bigdata-lint: ignroe\n';\n";
        assert_eq!(
            directives(FileKind::FlinkSql, text),
            [
                (
                    vec!["FLK001".to_owned()],
                    lines(2, 2),
                    Some("batch job".to_owned())
                ),
                (vec!["HDP001".to_owned()], lines(3, 3), None),
            ]
        );
    }

    #[test]
    fn flink_conf_hash_anywhere() {
        let text = "# bigdata-lint: ignore FLK001 -- load test\n\
                    execution.checkpointing.interval: 1s\n\
                    a: 'x#y' # bigdata-lint: ignore HDP001\n";
        assert_eq!(
            directives(FileKind::FlinkConf, text),
            [
                (
                    vec!["FLK001".to_owned()],
                    lines(2, 2),
                    Some("load test".to_owned())
                ),
                (vec!["HDP001".to_owned()], lines(3, 3), None),
            ]
        );
    }

    #[test]
    fn yaml_quotes_and_block_scalars_hide_hashes() {
        let text = "a: \"x # bigdata-lint: ignroe\"\n\
                    b: 'it''s # bigdata-lint: ignroe'\n\
                    c: don't # bigdata-lint: ignore RDS001\n\
                    d: |\n  # bigdata-lint: ignroe\n  text\n\
                    e:\n  - >-\n    # bigdata-lint: ignroe\n  - x\n\
                    f: x#bigdata-lint: ignroe\n\
                    # bigdata-lint: ignore FLK001\n\
                    g: 1\n";
        assert_eq!(
            directives(FileKind::SpringYaml, text),
            [
                (vec!["RDS001".to_owned()], lines(3, 3), None),
                (vec!["FLK001".to_owned()], lines(13, 13), None),
            ]
        );
    }

    #[test]
    fn yaml_block_scalar_ends_at_a_sibling_key() {
        let text = "- key: |\n    text\n  other: 1 # bigdata-lint: ignore RDS001\n";
        assert_eq!(
            directives(FileKind::SpringYaml, text),
            [(vec!["RDS001".to_owned()], lines(3, 3), None)]
        );
    }

    #[test]
    fn properties_whole_line_comments_and_continuations() {
        let text = "a=1 # bigdata-lint: ignroe\n\
                    ! bigdata-lint: ignore RDS001 -- sized for the batch job\n\
                    spring.redis.jedis.pool.max-active=\\\n   2\n\
                    b=x,\\\n  # bigdata-lint: ignroe\n\
                    # bigdata-lint: ignore HDP001\n\
                    c=3\n";
        assert_eq!(
            directives(FileKind::SpringProperties, text),
            [
                (
                    vec!["RDS001".to_owned()],
                    lines(3, 4),
                    Some("sized for the batch job".to_owned())
                ),
                (vec!["HDP001".to_owned()], lines(8, 8), None),
            ]
        );
    }

    #[test]
    fn xml_comments_apply_to_property_elements() {
        let text = "<configuration>\n\
                    <!-- bigdata-lint: ignore HDP001 - single node -->\n\
                    <!-- another comment -->\n\
                    <property>\n  <name>dfs.replication</name>\n  <value>1</value>\n</property>\n\
                    <property>\n  <!-- bigdata-lint: ignore HDP001 -->\n  <name>a</name>\n</property>\n\
                    <property><name>b</name><value>1</value></property> <!-- bigdata-lint: ignore HDP001 -->\n\
                    <![CDATA[ <!-- bigdata-lint: ignroe --> ]]>\n\
                    <property name=\"c>d\" value=\"1\"/>\n\
                    <!-- bigdata-lint: ignore HDP001 -->\n\
                    </configuration>\n";
        assert_eq!(
            directives(FileKind::HadoopXml, text),
            [
                (
                    vec!["HDP001".to_owned()],
                    lines(4, 7),
                    Some("single node".to_owned())
                ),
                (vec!["HDP001".to_owned()], lines(8, 11), None),
                (vec!["HDP001".to_owned()], lines(12, 12), None),
                (vec!["HDP001".to_owned()], Scope::Nothing, None),
            ]
        );
    }

    #[test]
    fn double_hyphen_in_xml_is_a_problem_but_still_applies() {
        let text = "<configuration>\n<!-- bigdata-lint: ignore HDP001 -- dev -->\n<property><name>a</name></property>\n</configuration>\n";
        let found = scan_all(FileKind::HadoopXml, text);
        assert_eq!(found.directives.len(), 1);
        assert_eq!(found.directives[0].reason.as_deref(), Some("dev"));
        assert_eq!(found.problems.len(), 1);
        assert!(found.problems[0].message.contains("`--`"));
    }

    #[test]
    fn malformed_comments() {
        let java = |c: &str| problems(FileKind::Java, &format!("{c}\nint x;\n"));
        assert_eq!(
            java("// bigdata-lint: ignroe FLK001"),
            ["ignroe: unknown suppression directive `ignroe`"]
        );
        assert_eq!(
            java("// bigdata-lint:"),
            ["// bigdata-lint:: suppression comment names no directive"]
        );
        assert_eq!(
            java("// bigdata-lint: ignore -- why"),
            ["ignore: `ignore` names no rule code"]
        );
        assert_eq!(
            java("// bigdata-lint: ignore flk001, FLK001 FLK1 because reviewed"),
            [
                "flk001: `flk001` is not a rule code",
                "FLK1: `FLK1` is not a rule code",
            ]
        );
        let text = "// bigdata-lint: ignore FLK001 because it is reviewed\nint x;\n";
        let found = scan_all(FileKind::Java, text);
        assert_eq!(found.problems.len(), 1);
        assert_eq!(found.problems[0].message, "`because` is not a rule code");
        assert_eq!(
            found.problems[0].help,
            "separate the reason from the codes with ` -- `"
        );
        assert_eq!(found.directives[0].codes.len(), 1);
        assert_eq!(
            java("// bigdata-lint: ignore BDL999 BDL000"),
            [
                "BDL999: internal errors (BDL999) cannot be suppressed",
                "BDL000: `BDL000` can only be suppressed for the whole file",
            ]
        );
        assert!(java("// bigdata-lint: ignore-file BDL000 BDL001 BDL002").is_empty());
        assert!(java("// see bigdata-lint: docs").is_empty());
        assert!(java("//bigdata-lint:ignore FLK001").is_empty());
    }

    #[test]
    fn known_codes_and_rule_names() {
        static KNOWN: RuleMeta = RuleMeta {
            code: "FLK001",
            name: "checkpoint-interval-too-short",
            summary: "",
            severity: bdl_core::Severity::Error,
            kinds: &[],
            triggers: &[],
            options: &[],
            docs: "",
            file: "",
            line: 0,
            fix: bdl_core::FixAvailability::None,
        };
        let text = "// bigdata-lint: ignore FLK010 checkpoint-interval-too-short FLK001\nint x;\n";
        let found = scan(FileKind::Java, text, &LineIndex::new(text), Some(&[&KNOWN]));
        let helps: Vec<_> = found
            .problems
            .iter()
            .map(|p| (p.message.as_str(), p.help.as_str()))
            .collect();
        assert_eq!(
            helps,
            [
                (
                    "no rule has the code `FLK010`",
                    "write `FLK001` if that rule is meant"
                ),
                (
                    "`checkpoint-interval-too-short` is not a rule code",
                    "write the rule's code `FLK001` instead of its name"
                ),
            ]
        );
        assert_eq!(found.directives[0].codes.len(), 1);
    }

    #[test]
    fn code_spans_point_into_the_comment() {
        let text = "x(); /* bigdata-lint: ignore\n * FLK001 */\n";
        let found = scan_all(FileKind::Java, text);
        let code = &found.directives[0].codes[0];
        assert_eq!(code.span.slice(text), "FLK001");
        assert_eq!(found.directives[0].scope, lines(1, 1));
    }

    #[test]
    fn build_file_comments_apply_to_dependencies_and_lines() {
        let pom = "<project><dependencies>\n<!-- bigdata-lint: ignore FLK023 - reviewed -->\n\
                   <dependency>\n<artifactId>a</artifactId>\n<version>1</version>\n</dependency>\n\
                   <dependency><version>2</version></dependency> <!-- bigdata-lint: ignore FLK023 -->\n\
                   </dependencies></project>\n";
        let found = directives(FileKind::MavenPom, pom);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].1, lines(3, 6), "the whole next <dependency>");
        assert_eq!(found[0].2.as_deref(), Some("reviewed"));
        assert_eq!(found[1].1, lines(7, 7), "the dependency ending on its line");
        let gradle = "dependencies {\n  // bigdata-lint: ignore FLK023\n  implementation 'g:a:1'\n  \
                      implementation \"g:b:2 // not a comment\" // bigdata-lint: ignore FLK023\n}\n";
        let found = directives(FileKind::GradleScript, gradle);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].1, lines(3, 3));
        assert_eq!(found[1].1, lines(4, 4));
        let toml = "[libraries]\n# bigdata-lint: ignore FLK023\nk = { module = \"g:a#b\", version = \"1\" } # bigdata-lint: ignore FLK023\n";
        let found = directives(FileKind::GradleCatalog, toml);
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|d| d.1 == lines(3, 3)));
    }

    #[test]
    fn hostile_input_does_not_panic() {
        let inputs = [
            "bigdata-lint:",
            "/* bigdata-lint: ignore FLK001",
            "<!-- bigdata-lint: ignore HDP001",
            "<property <!-- bigdata-lint: ignore HDP001 -->",
            "\"\"\"bigdata-lint:",
            "# bigdata-lint: ignore FLK001\r\r\n\u{feff}é",
            "'\\",
            "a: |\n# bigdata-lint: ignore FLK001",
            "x=\\\n\\\n# bigdata-lint: ignore FLK001",
            "-- bigdata-lint: ignore é",
            "é // bigdata-lint: ignore ééééééééééééééééééééééééééééééééééééééééééééé",
        ];
        for text in inputs {
            for kind in FileKind::ALL {
                let _ = scan_all(*kind, text);
            }
        }
    }
}
