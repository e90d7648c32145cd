//! Flink Table API environments in Java, the SQL text their calls run
//! (`tEnv.executeSql("…")`, `sqlQuery`, `StatementSet.addInsertSql`), and where each character
//! of that text is written in the Java file, so that a finding in the SQL points at its source.

use bdl_core::Span;
use bdl_syntax::JavaFile;
use bdl_syntax::java::fold::{self, arguments};
use bdl_syntax::java::{chain, scope};
use tree_sitter::Node;

use crate::helpers;

/// How many names, wrappers and `+` operands the checks follow before giving up.
const MAX_DEPTH: u32 = 16;

/// Types that run SQL text.
const TABLE_TYPES: &[&str] = &[
    "TableEnvironment",
    "StreamTableEnvironment",
    "TableEnvironmentImpl",
    "StreamTableEnvironmentImpl",
    "StatementSet",
    "StreamStatementSet",
];

/// Methods that run (or register for running) a SQL statement.
const SQL_METHODS: &[&str] = &["executeSql", "sqlQuery", "sqlUpdate", "addInsertSql"];

/// Whether the file uses the Table API.
pub(crate) fn uses_table_api(file: &JavaFile<'_>) -> bool {
    file.imports_from("org.apache.flink.table")
}

/// Whether `node` is a Flink table environment or statement set: a name declared with such a
/// type (or initialised with one), `TableEnvironment.create(..)` /
/// `StreamTableEnvironment.create(..)`, or `createStatementSet()` on one. The caller checks
/// [`uses_table_api`] first.
pub(crate) fn is_table_environment(file: &JavaFile<'_>, node: Node<'_>) -> bool {
    table_environment_at(file, node, 0)
}

fn table_environment_at(file: &JavaFile<'_>, node: Node<'_>, depth: u32) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    match node.kind() {
        "parenthesized_expression" => node
            .named_child(0)
            .is_some_and(|inner| table_environment_at(file, inner, depth + 1)),
        "identifier" | "field_access" => {
            let Some(decl) = scope::declaration_of(file, node) else {
                return false;
            };
            match decl.simple_type(file).filter(|ty| *ty != "var") {
                Some(ty) => TABLE_TYPES.contains(&ty),
                None => decl
                    .value
                    .is_some_and(|v| table_environment_at(file, v, depth + 1)),
            }
        }
        "method_invocation" => {
            let Some(receiver) = chain::receiver(node) else {
                return false;
            };
            match chain::method_name(file, node) {
                "create" => helpers::names_class(
                    file,
                    receiver,
                    &["TableEnvironment", "StreamTableEnvironment"],
                )
                .is_some(),
                "createStatementSet" => table_environment_at(file, receiver, depth + 1),
                _ => false,
            }
        }
        _ => false,
    }
}

/// SQL text assembled from Java string literals, with where each piece is written.
#[derive(Debug, Default)]
pub(crate) struct SqlSource {
    pub(crate) text: String,
    pieces: Vec<Piece>,
}

/// A stretch of [`SqlSource::text`] and where it comes from: character for character (a
/// literal), or as a whole (a constant folded from elsewhere).
#[derive(Clone, Copy, Debug)]
struct Piece {
    at: usize,
    len: usize,
    source: Span,
    exact: bool,
}

impl SqlSource {
    /// Where a stretch of the SQL text is written in the Java file.
    pub(crate) fn file_span(&self, span: Span) -> Span {
        let Some(piece) = self
            .pieces
            .iter()
            .find(|p| span.start >= p.at && span.start < p.at + p.len.max(1))
        else {
            return self.pieces.first().map_or(span, |p| p.source);
        };
        if !piece.exact {
            return piece.source;
        }
        let start = piece.source.start + (span.start - piece.at);
        let end = piece.source.start + (span.end.min(piece.at + piece.len) - piece.at);
        Span::new(start, end.max(start))
    }

    fn push(&mut self, text: &str, source: Span, exact: bool) {
        self.pieces.push(Piece {
            at: self.text.len(),
            len: text.len(),
            source,
            exact,
        });
        self.text.push_str(text);
    }
}

/// The SQL text of every call on a provable table environment or statement set whose SQL text
/// is known, in file order.
pub(crate) fn sql_calls(file: &JavaFile<'_>) -> Vec<SqlSource> {
    let mut out = Vec::new();
    for call in file.nodes_of_kind("method_invocation") {
        if !SQL_METHODS.contains(&chain::method_name(file, call)) {
            continue;
        }
        let [argument] = arguments(call)[..] else {
            continue;
        };
        if !chain::receiver(call).is_some_and(|r| is_table_environment(file, r)) {
            continue;
        }
        let mut sql = SqlSource::default();
        if collect(file, argument, 0, &mut sql).is_some() {
            out.push(sql);
        }
    }
    out
}

/// Appends the text of a string expression: literals (also text blocks), `+` concatenations,
/// and names of effectively-final locals or final fields holding such an expression; other
/// constants through [`fold::string`]. `None` when any part is unknown.
fn collect(file: &JavaFile<'_>, node: Node<'_>, depth: u32, out: &mut SqlSource) -> Option<()> {
    if depth > MAX_DEPTH {
        return None;
    }
    match node.kind() {
        "string_literal" => {
            let (inner, text) = literal_text(file, node)?;
            out.push(&text, inner, true);
            Some(())
        }
        "parenthesized_expression" => collect(file, node.named_child(0)?, depth + 1, out),
        "binary_expression" => {
            let operator = node.child_by_field_name("operator")?;
            if file.text_of(operator) != "+" {
                return None;
            }
            collect(file, node.child_by_field_name("left")?, depth + 1, out)?;
            collect(file, node.child_by_field_name("right")?, depth + 1, out)
        }
        "identifier" => {
            let name = file.text_of(node);
            if let Some(decl) = scope::resolve(file, node, name)
                && decl.value.is_some()
            {
                let value = scope::constant_value(file, &decl, name)?;
                return collect(file, value, depth + 1, out);
            }
            let folded = fold::string(file, node)?;
            out.push(&folded.value, JavaFile::span_of(node), false);
            Some(())
        }
        "field_access" => {
            let folded = fold::string(file, node)?;
            out.push(&folded.value, JavaFile::span_of(node), false);
            Some(())
        }
        _ => None,
    }
}

/// The content of a string literal or text block as SQL sees it, with the span of that content
/// in the file. Escapes are replaced by text of the same length (`\n` by two spaces, `\'` by a
/// space and the quote), so offsets in the result are offsets in the file.
fn literal_text(file: &JavaFile<'_>, node: Node<'_>) -> Option<(Span, String)> {
    let raw = file.text_of(node);
    let start = node.start_byte();
    let (from, to) = if let Some(rest) = raw.strip_prefix("\"\"\"") {
        // A text block starts after the line break that follows its opening quotes.
        let line_end = rest.find('\n')? + 1;
        (3 + line_end, raw.len().checked_sub(3)?)
    } else {
        (1, raw.len().checked_sub(1)?)
    };
    let inner = raw.get(from..to.max(from))?;
    let mut text = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            text.push(c);
            continue;
        }
        text.push(' ');
        match chars.next() {
            Some(q @ ('\'' | '"')) => text.push(q),
            Some(other) if other.is_ascii() && other != 'u' => text.push(' '),
            Some(other) => text.push(other),
            None => {}
        }
    }
    Some((Span::new(start + from, start + from + inner.len()), text))
}

/// Whether the file sets a state TTL for its SQL anywhere: a string mentioning
/// `table.exec.state.ttl` (a configuration write, a `SET` statement, a map of options),
/// `ExecutionConfigOptions.IDLE_STATE_RETENTION`, or `setIdleStateRetention(..)` /
/// `setIdleStateRetentionTime(..)` on a table config.
pub(crate) fn sets_state_ttl(file: &JavaFile<'_>) -> bool {
    file.nodes_of_kind("string_literal")
        .any(|s| file.text_of(s).contains("table.exec.state.ttl"))
        || file
            .identifiers_named("IDLE_STATE_RETENTION")
            .next()
            .is_some()
        || file.nodes_of_kind("method_invocation").any(|c| {
            matches!(
                chain::method_name(file, c),
                "setIdleStateRetention" | "setIdleStateRetentionTime"
            )
        })
}

/// Whether the file runs its table environment in batch mode: `EnvironmentSettings.inBatchMode()`
/// (or `.newInstance().inBatchMode()`), `RuntimeExecutionMode.BATCH`, or
/// `execution.runtime-mode` written as `batch`.
pub(crate) fn runs_in_batch_mode(file: &JavaFile<'_>) -> bool {
    file.nodes_of_kind("method_invocation")
        .any(|c| chain::method_name(file, c) == "inBatchMode")
        || file.identifiers_named("BATCH").any(|b| {
            b.parent().is_some_and(|p| {
                p.kind() == "field_access"
                    && p.child_by_field_name("object")
                        .is_some_and(|o| file.text_of(o).ends_with("RuntimeExecutionMode"))
            }) || file
                .imports()
                .iter()
                .any(|i| i.contains("RuntimeExecutionMode"))
        })
        || bdl_syntax::java::config::writes(file, &["execution.runtime-mode"], &[])
            .iter()
            .any(|w| {
                fold::string(file, w.value).is_some_and(|v| v.value.eq_ignore_ascii_case("batch"))
            })
}

#[cfg(test)]
mod tests {
    use super::*;

    const IMPORTS: &str = "import org.apache.flink.table.api.*;\n\
        import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;\n";

    fn calls(body: &str) -> Vec<String> {
        let src = format!(
            "{IMPORTS}class Job {{ static final String SINK = \"INSERT INTO out \"; TableEnvironment field;\n void m(StreamExecutionEnvironment env) {{ {body} }} }}"
        );
        let file = JavaFile::parse(&src).expect("parses");
        sql_calls(&file).into_iter().map(|c| c.text).collect()
    }

    #[test]
    fn sql_of_table_environment_calls() {
        let found = calls(
            "StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);\n\
             tEnv.executeSql(\"SELECT 1\");\n\
             tEnv.executeSql(SINK + \"SELECT \" + \"k FROM t\");\n\
             String q = \"SELECT it\\'s\\nFROM t\"; tEnv.sqlQuery(q);\n\
             var t2 = TableEnvironment.create(settings); t2.createStatementSet().addInsertSql(\"INSERT INTO a SELECT 2\");\n\
             field.executeSql(\"SELECT 3\");\n\
             tEnv.executeSql(\"\"\"\n  SELECT 4\n  \"\"\");",
        );
        assert_eq!(
            found,
            [
                "SELECT 1",
                "INSERT INTO out SELECT k FROM t",
                "SELECT it 's  FROM t",
                "INSERT INTO a SELECT 2",
                "SELECT 3",
                "  SELECT 4\n  ",
            ]
        );
    }

    #[test]
    fn unknown_receivers_and_texts_are_skipped() {
        let found = calls(
            "StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);\n\
             tEnv.executeSql(read(\"job.sql\"));\n\
             String q = \"SELECT 1\"; q = other(); tEnv.executeSql(q);\n\
             tEnv.executeSql(\"SELECT \" + column + \" FROM t\");\n\
             jdbc.executeSql(\"SELECT 5\");\n\
             getEnv().executeSql(\"SELECT 6\");",
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn sql_offsets_map_back_to_the_literals() {
        let src = format!(
            "{IMPORTS}class Job {{ void m(TableEnvironment tEnv) {{ tEnv.executeSql(\"SELECT k \" +\n \"FROM t GROUP BY k\"); }} }}"
        );
        let file = JavaFile::parse(&src).expect("parses");
        let sql = sql_calls(&file).pop().expect("one call");
        let at = sql.text.find("GROUP BY").expect("in the text");
        let span = sql.file_span(Span::new(at, at + "GROUP BY".len()));
        assert_eq!(span.slice(&src), "GROUP BY");
    }

    #[test]
    fn ttl_and_batch_mode_are_seen() {
        for (body, ttl, batch) in [
            (
                "tEnv.getConfig().set(\"table.exec.state.ttl\", \"1 h\");",
                true,
                false,
            ),
            (
                "tEnv.getConfig().setIdleStateRetention(Duration.ofHours(1));",
                true,
                false,
            ),
            (
                "tEnv.getConfig().set(ExecutionConfigOptions.IDLE_STATE_RETENTION, Duration.ofHours(1));",
                true,
                false,
            ),
            (
                "TableEnvironment t = TableEnvironment.create(EnvironmentSettings.inBatchMode());",
                false,
                true,
            ),
            (
                "env.setRuntimeMode(RuntimeExecutionMode.BATCH);",
                false,
                true,
            ),
            (
                "conf.setString(\"execution.runtime-mode\", \"BATCH\");",
                false,
                true,
            ),
            (
                "// tEnv.getConfig().set(\"table.exec.state.ttl\", \"1 h\");",
                false,
                false,
            ),
            (
                "conf.setString(\"execution.runtime-mode\", \"streaming\");",
                false,
                false,
            ),
        ] {
            let src =
                format!("{IMPORTS}class Job {{ void m(TableEnvironment tEnv) {{ {body} }} }}");
            let file = JavaFile::parse(&src).expect("parses");
            assert_eq!(sets_state_ttl(&file), ttl, "{body}");
            assert_eq!(runs_in_batch_mode(&file), batch, "{body}");
        }
    }
}
