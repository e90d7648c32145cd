//! Constant and duration folding for Java expressions.
//!
//! Folds integer literals (with `_`, `L`, hex, octal, binary), `+ - * / %`, parentheses, casts,
//! `static final` fields and effectively-final locals of the same file, and the time APIs jobs
//! use: Flink `Time.milliseconds/seconds/minutes/hours/days(n)` and `Time.of(n, TimeUnit.X)`,
//! `java.time.Duration.ofX(n)` / `Duration.of(n, ChronoUnit.X)` / `Duration.parse("PT…")`,
//! `TimeUnit.X.toMillis(n)` and friends, `.toMillis()` / `.toMilliseconds()` of a folded duration.
//!
//! What cannot be proven is `None`: rules stay silent on unknown values. A value that is only
//! the default of a `ParameterTool` lookup (`params.getLong("interval", 1000L)`) folds with
//! [`Certainty::Default`], so rules can cap their severity.

use std::time::Duration;

use bdl_core::Span;
use tree_sitter::Node;

use super::JavaFile;
use super::scope::{self, resolve};

/// How deep folding follows sub-expressions and constant references before giving up. Bounds
/// the recursion, so a 10,000-deep expression costs nothing and cannot overflow the stack.
const MAX_DEPTH: u32 = 48;

/// How sure a folded value is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Certainty {
    /// Only the default of a runtime lookup (`ParameterTool.getLong(key, default)`): the job
    /// may well run with another value.
    Default,
    /// Proven from the source.
    Certain,
}

/// A folded value, how sure it is, and where a constant it went through was declared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Folded<T> {
    pub value: T,
    pub certainty: Certainty,
    /// The declaration of the (first) named constant the value came from, for a label.
    pub defined_at: Option<Span>,
}

impl<T> Folded<T> {
    fn certain(value: T) -> Self {
        Self {
            value,
            certainty: Certainty::Certain,
            defined_at: None,
        }
    }

    fn map<U>(self, f: impl FnOnce(T) -> U) -> Folded<U> {
        Folded {
            value: f(self.value),
            certainty: self.certainty,
            defined_at: self.defined_at,
        }
    }

    fn merge<U, V>(self, other: &Folded<U>, value: V) -> Folded<V> {
        Folded {
            value,
            certainty: self.certainty.min(other.certainty),
            defined_at: self.defined_at.or(other.defined_at),
        }
    }
}

/// Folds an integer expression.
pub fn int(file: &JavaFile<'_>, expr: Node<'_>) -> Option<Folded<i64>> {
    Folder { file }.int(expr, 0)
}

/// Folds a duration expression (`Time.seconds(5)`, `Duration.ofMinutes(1)`, …). A plain
/// number is not a duration here; use [`millis`] for `long` milliseconds parameters.
pub fn duration(file: &JavaFile<'_>, expr: Node<'_>) -> Option<Folded<Duration>> {
    Folder { file }.duration(expr, 0)
}

/// Folds an expression that is a number of milliseconds (`enableCheckpointing(long)`): an
/// integer expression, `TimeUnit.SECONDS.toMillis(5)` or `Duration.ofSeconds(5).toMillis()`.
/// Negative values are `None`.
pub fn millis(file: &JavaFile<'_>, expr: Node<'_>) -> Option<Folded<Duration>> {
    let folded = int(file, expr)?;
    let ms = u64::try_from(folded.value).ok()?;
    Some(folded.map(|_| Duration::from_millis(ms)))
}

/// Folds a string expression: literals, `+` concatenation, constants.
pub fn string(file: &JavaFile<'_>, expr: Node<'_>) -> Option<Folded<String>> {
    Folder { file }.string(expr, 0)
}

/// The value of a Java string literal node, with escapes decoded; `None` for text blocks
/// and anything that is not a plain literal.
pub fn string_literal(file: &JavaFile<'_>, node: Node<'_>) -> Option<String> {
    if node.kind() != "string_literal" {
        return None;
    }
    let raw = file.text_of(node);
    let inner = raw.strip_prefix('"')?.strip_suffix('"')?;
    if raw.starts_with("\"\"\"") {
        return None;
    }
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            's' => out.push(' '),
            'u' => {
                let hex: String = chars.by_ref().take(4).collect();
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
            }
            other => out.push(other),
        }
    }
    Some(out)
}

/// Parses a Java integer literal: `1_000`, `10L`, `0x1F`, `017`, `0b101`.
pub fn parse_int_literal(text: &str) -> Option<i64> {
    let clean: String = text
        .chars()
        .filter(|c| *c != '_')
        .collect::<String>()
        .trim_end_matches(['l', 'L'])
        .to_owned();
    let (digits, radix) = if let Some(h) = clean.strip_prefix("0x").or(clean.strip_prefix("0X")) {
        (h, 16)
    } else if let Some(b) = clean.strip_prefix("0b").or(clean.strip_prefix("0B")) {
        (b, 2)
    } else if clean.len() > 1 && clean.starts_with('0') {
        (&clean[1..], 8)
    } else {
        (clean.as_str(), 10)
    };
    // Hex and binary literals may denote negative values through the sign bit.
    if radix == 10 {
        digits.parse().ok()
    } else {
        u64::from_str_radix(digits, radix)
            .ok()
            .map(u64::cast_signed)
    }
}

/// Parses the subset of ISO-8601 durations `Duration.parse` accepts that jobs write:
/// `PT5S`, `PT1M30S`, `PT2H`, `P1D`, `PT0.5S`.
pub fn parse_iso_duration(text: &str) -> Option<Duration> {
    let upper = text.trim().to_ascii_uppercase();
    let rest = upper.strip_prefix('P')?;
    let (days, time) = match rest.split_once('T') {
        Some((d, t)) => (d, t),
        None => (rest, ""),
    };
    let mut total = Duration::ZERO;
    if !days.is_empty() {
        let n: u64 = days.strip_suffix('D')?.parse().ok()?;
        total = total.checked_add(Duration::from_secs(n.checked_mul(86_400)?))?;
    }
    let mut number = String::new();
    for c in time.chars() {
        if c.is_ascii_digit() || c == '.' {
            number.push(c);
            continue;
        }
        let unit_secs: f64 = match c {
            'H' => 3600.0,
            'M' => 60.0,
            'S' => 1.0,
            _ => return None,
        };
        let n: f64 = number.parse().ok()?;
        number.clear();
        total = total.checked_add(Duration::try_from_secs_f64(n * unit_secs).ok()?)?;
    }
    (number.is_empty() && text.len() > 1).then_some(total)
}

/// Milliseconds-per-unit of a `java.util.concurrent.TimeUnit` / `ChronoUnit` constant name.
fn unit_nanos(name: &str) -> Option<u64> {
    Some(match name {
        "NANOSECONDS" | "NANOS" => 1,
        "MICROSECONDS" | "MICROS" => 1_000,
        "MILLISECONDS" | "MILLIS" => 1_000_000,
        "SECONDS" => 1_000_000_000,
        "MINUTES" => 60_000_000_000,
        "HOURS" => 3_600_000_000_000,
        "DAYS" => 86_400_000_000_000,
        _ => return None,
    })
}

struct Folder<'f, 'a> {
    file: &'f JavaFile<'a>,
}

impl Folder<'_, '_> {
    fn text(&self, node: Node<'_>) -> &str {
        self.file.text_of(node)
    }

    fn int(&self, expr: Node<'_>, depth: u32) -> Option<Folded<i64>> {
        if depth > MAX_DEPTH {
            return None;
        }
        let depth = depth + 1;
        match expr.kind() {
            "decimal_integer_literal"
            | "hex_integer_literal"
            | "octal_integer_literal"
            | "binary_integer_literal" => parse_int_literal(self.text(expr)).map(Folded::certain),
            "parenthesized_expression" => self.int(expr.named_child(0)?, depth),
            "cast_expression" => {
                let value = self.int(expr.child_by_field_name("value")?, depth)?;
                let ty = self.text(expr.child_by_field_name("type")?);
                let cast = match ty {
                    "long" | "Long" => value.value,
                    "int" | "Integer" => i64::from(value.value as i32),
                    "short" | "Short" => i64::from(value.value as i16),
                    "byte" | "Byte" => i64::from(value.value as i8),
                    _ => return None,
                };
                Some(value.map(|_| cast))
            }
            "unary_expression" => {
                let operand = self.int(expr.child_by_field_name("operand")?, depth)?;
                match self.text(expr.child_by_field_name("operator")?) {
                    "-" => Some(operand.map(i64::checked_neg).transpose_opt()?),
                    "+" => Some(operand),
                    _ => None,
                }
            }
            "binary_expression" => {
                let left = self.int(expr.child_by_field_name("left")?, depth)?;
                let right = self.int(expr.child_by_field_name("right")?, depth)?;
                let (l, r) = (left.value, right.value);
                let value = match self.text(expr.child_by_field_name("operator")?) {
                    "+" => l.checked_add(r)?,
                    "-" => l.checked_sub(r)?,
                    "*" => l.checked_mul(r)?,
                    "/" => l.checked_div(r)?,
                    "%" => l.checked_rem(r)?,
                    _ => return None,
                };
                Some(left.merge(&right, value))
            }
            "identifier" | "field_access" => self.constant(expr, depth, Self::int),
            "method_invocation" => self.int_call(expr, depth),
            _ => None,
        }
    }

    /// `TimeUnit.X.toMillis(n)`, `<duration>.toMillis()`, `params.getLong(k, default)`.
    fn int_call(&self, call: Node<'_>, depth: u32) -> Option<Folded<i64>> {
        let name = self.text(call.child_by_field_name("name")?);
        let object = call.child_by_field_name("object");
        let args = arguments(call);
        match (name, args.as_slice()) {
            ("toMillis" | "toMilliseconds", []) => {
                let d = self.duration(object?, depth)?;
                let ms = i64::try_from(d.value.as_millis()).ok()?;
                Some(d.map(|_| ms))
            }
            ("toSeconds" | "getSeconds", []) => {
                let d = self.duration(object?, depth)?;
                let s = i64::try_from(d.value.as_secs()).ok()?;
                Some(d.map(|_| s))
            }
            ("toMillis" | "toSeconds" | "toMinutes" | "toNanos" | "toMicros", [arg]) => {
                let from = unit_nanos(self.time_unit_name(object?)?)?;
                let n = self.int(*arg, depth)?;
                let nanos = i128::from(n.value) * i128::from(from);
                let to: i128 = match name {
                    "toMillis" => 1_000_000,
                    "toSeconds" => 1_000_000_000,
                    "toMinutes" => 60_000_000_000,
                    "toMicros" => 1_000,
                    _ => 1,
                };
                let value = i64::try_from(nanos / to).ok()?;
                Some(n.map(|_| value))
            }
            ("getLong" | "getInt" | "getInteger", [_, default])
                if self.is_parameter_tool(object?) =>
            {
                let mut d = self.int(*default, depth)?;
                d.certainty = Certainty::Default;
                Some(d)
            }
            _ => None,
        }
    }

    fn duration(&self, expr: Node<'_>, depth: u32) -> Option<Folded<Duration>> {
        if depth > MAX_DEPTH {
            return None;
        }
        let depth = depth + 1;
        match expr.kind() {
            "parenthesized_expression" => self.duration(expr.named_child(0)?, depth),
            "identifier" | "field_access" => {
                if let Some(zero) = self.duration_zero(expr) {
                    return Some(zero);
                }
                self.constant(expr, depth, Self::duration)
            }
            "method_invocation" => self.duration_call(expr, depth),
            _ => None,
        }
    }

    /// `Duration.ZERO`.
    fn duration_zero(&self, expr: Node<'_>) -> Option<Folded<Duration>> {
        (expr.kind() == "field_access"
            && self.text(expr.child_by_field_name("field")?) == "ZERO"
            && self.is_class(expr.child_by_field_name("object")?, "Duration"))
        .then(|| Folded::certain(Duration::ZERO))
    }

    fn duration_call(&self, call: Node<'_>, depth: u32) -> Option<Folded<Duration>> {
        let name = self.text(call.child_by_field_name("name")?);
        let object = call.child_by_field_name("object")?;
        let args = arguments(call);
        let is_flink_time = self.is_class(object, "Time") && self.flink_time_imported();
        let is_java_duration = self.is_class(object, "Duration") && self.java_duration_in_use();
        let from_nanos = |n: Folded<i64>, per: u64| -> Option<Folded<Duration>> {
            let count = u64::try_from(n.value).ok()?;
            let nanos = count.checked_mul(per)?;
            Some(n.map(|_| Duration::from_nanos(nanos)))
        };
        match (name, args.as_slice()) {
            ("milliseconds" | "ofMillis", [n]) if is_flink_time || is_java_duration => {
                from_nanos(self.int(*n, depth)?, 1_000_000)
            }
            ("seconds" | "ofSeconds", [n]) if is_flink_time || is_java_duration => {
                from_nanos(self.int(*n, depth)?, 1_000_000_000)
            }
            ("minutes" | "ofMinutes", [n]) if is_flink_time || is_java_duration => {
                from_nanos(self.int(*n, depth)?, 60_000_000_000)
            }
            ("hours" | "ofHours", [n]) if is_flink_time || is_java_duration => {
                from_nanos(self.int(*n, depth)?, 3_600_000_000_000)
            }
            ("days" | "ofDays", [n]) if is_flink_time || is_java_duration => {
                from_nanos(self.int(*n, depth)?, 86_400_000_000_000)
            }
            ("ofNanos", [n]) if is_java_duration => from_nanos(self.int(*n, depth)?, 1),
            ("of", [n, unit]) if is_flink_time || is_java_duration => {
                let per = unit_nanos(self.time_unit_name(*unit)?)?;
                from_nanos(self.int(*n, depth)?, per)
            }
            ("parse", [text]) if is_java_duration => {
                let s = self.string(*text, depth)?;
                let d = parse_iso_duration(&s.value)?;
                Some(s.map(|_| d))
            }
            _ => None,
        }
    }

    fn string(&self, expr: Node<'_>, depth: u32) -> Option<Folded<String>> {
        if depth > MAX_DEPTH {
            return None;
        }
        let depth = depth + 1;
        match expr.kind() {
            "string_literal" => string_literal(self.file, expr).map(Folded::certain),
            "parenthesized_expression" => self.string(expr.named_child(0)?, depth),
            "binary_expression" if self.text(expr.child_by_field_name("operator")?) == "+" => {
                let left = self.string(expr.child_by_field_name("left")?, depth)?;
                let right = self.string(expr.child_by_field_name("right")?, depth)?;
                let joined = format!("{}{}", left.value, right.value);
                Some(left.merge(&right, joined))
            }
            "identifier" | "field_access" => self.constant(expr, depth, Self::string),
            "method_invocation" => {
                let name = self.text(expr.child_by_field_name("name")?);
                let args = arguments(expr);
                match (name, args.as_slice()) {
                    ("get", [_, default])
                        if self.is_parameter_tool(expr.child_by_field_name("object")?) =>
                    {
                        let mut d = self.string(*default, depth)?;
                        d.certainty = Certainty::Default;
                        Some(d)
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// Follows a name to a `final` field or an effectively-final local with an initialiser,
    /// and folds that initialiser with `fold`.
    fn constant<T>(
        &self,
        expr: Node<'_>,
        depth: u32,
        fold: impl Fn(&Self, Node<'_>, u32) -> Option<Folded<T>>,
    ) -> Option<Folded<T>> {
        let decl = match expr.kind() {
            "identifier" => resolve(self.file, expr, self.text(expr))?,
            "field_access" => {
                let object = expr.child_by_field_name("object")?;
                let field = self.text(expr.child_by_field_name("field")?);
                let class = if object.kind() == "this" {
                    scope::enclosing_class(self.file, expr)?
                } else if object.kind() == "identifier" {
                    scope::class_named(self.file, self.text(object))?
                } else {
                    return None;
                };
                scope::field_named(self.file, class, field)?
            }
            _ => return None,
        };
        let value = decl.value?;
        let constant = if decl.is_field {
            decl.has_modifier(self.file, "final")
                || scope::enclosing_class(self.file, decl.node)
                    .is_some_and(|c| c.kind() == "interface_declaration")
        } else {
            let name = decl
                .node
                .child_by_field_name("name")
                .map_or("", |n| self.text(n));
            scope::enclosing_body(self.file, decl.node)
                .is_some_and(|body| scope::never_reassigned(self.file, body, name))
        };
        if !constant {
            return None;
        }
        let mut folded = fold(self, value, depth)?;
        folded.defined_at = Some(JavaFile::span_of(decl.node));
        Some(folded)
    }

    /// The `TimeUnit` / `ChronoUnit` constant an expression names: `TimeUnit.SECONDS`,
    /// `ChronoUnit.MINUTES`, or a statically imported `SECONDS`.
    fn time_unit_name<'n>(&'n self, expr: Node<'_>) -> Option<&'n str> {
        match expr.kind() {
            "field_access" => {
                let class = expr.child_by_field_name("object")?;
                if !(self.is_class(class, "TimeUnit") || self.is_class(class, "ChronoUnit")) {
                    return None;
                }
                Some(self.text(expr.child_by_field_name("field")?))
            }
            "identifier" => {
                let name = self.text(expr);
                let imported = self.file.imports().iter().any(|i| {
                    i == &format!("java.util.concurrent.TimeUnit.{name}")
                        || i == &format!("java.time.temporal.ChronoUnit.{name}")
                        || i == "java.util.concurrent.TimeUnit.*"
                        || i == "java.time.temporal.ChronoUnit.*"
                });
                imported.then_some(name)
            }
            _ => None,
        }
    }

    /// Whether `node` names the class `simple` (simple or qualified name) and not a variable.
    fn is_class(&self, node: Node<'_>, simple: &str) -> bool {
        let text = self.text(node);
        let last = text.rsplit('.').next().unwrap_or(text);
        last == simple && (node.kind() != "identifier" || resolve(self.file, node, text).is_none())
    }

    fn flink_time_imported(&self) -> bool {
        self.file
            .refers_to("org.apache.flink.streaming.api.windowing.time.Time")
            || self.file.refers_to("org.apache.flink.api.common.time.Time")
    }

    /// `Duration` is `java.time.Duration` unless another `Duration` class is imported.
    fn java_duration_in_use(&self) -> bool {
        !self
            .file
            .imports()
            .iter()
            .any(|i| i.ends_with(".Duration") && i != "java.time.Duration")
    }

    fn is_parameter_tool(&self, object: Node<'_>) -> bool {
        match object.kind() {
            "identifier" => resolve(self.file, object, self.text(object))
                .and_then(|d| d.simple_type(self.file))
                .is_some_and(|t| t == "ParameterTool"),
            "method_invocation" => object.child_by_field_name("name").is_some_and(|n| {
                self.text(n) == "fromArgs" || self.text(n) == "fromPropertiesFile"
            }),
            _ => false,
        }
    }
}

/// The argument expressions of a call or object creation.
pub fn arguments(call: Node<'_>) -> Vec<Node<'_>> {
    call.child_by_field_name("arguments")
        .map(|args| {
            let mut cursor = args.walk();
            args.named_children(&mut cursor)
                .filter(|n| !matches!(n.kind(), "line_comment" | "block_comment"))
                .collect()
        })
        .unwrap_or_default()
}

trait TransposeOpt<T> {
    fn transpose_opt(self) -> Option<Folded<T>>;
}

impl<T> TransposeOpt<T> for Folded<Option<T>> {
    fn transpose_opt(self) -> Option<Folded<T>> {
        let value = self.value?;
        Some(Folded {
            value,
            certainty: self.certainty,
            defined_at: self.defined_at,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Folds the initialiser of the local `x` in `body` (placed inside a method of a class
    /// with the given members and imports).
    fn fold_x<T>(
        imports: &str,
        members: &str,
        body: &str,
        f: impl Fn(&JavaFile<'_>, Node<'_>) -> Option<Folded<T>>,
    ) -> Option<T> {
        let src = format!(
            "{imports}\nclass Job {{ {members}\n void run(ParameterTool params) {{ {body} }} }}"
        );
        let file = JavaFile::parse(&src).expect("parses");
        let decl = file
            .nodes_of_kind("variable_declarator")
            .find(|d| {
                d.child_by_field_name("name")
                    .is_some_and(|n| file.text_of(n) == "x")
            })
            .expect("x declared");
        f(
            &file,
            decl.child_by_field_name("value").expect("initialiser"),
        )
        .map(|v| v.value)
    }

    fn ms(body: &str, members: &str) -> Option<Duration> {
        fold_x(
            "import java.util.concurrent.TimeUnit;\nimport java.time.Duration;",
            members,
            body,
            millis,
        )
    }

    #[test]
    fn integers_fold_through_operators_casts_and_constants() {
        assert_eq!(ms("long x = 1_000L * 5;", ""), Some(Duration::from_secs(5)));
        assert_eq!(
            ms("long x = (long) (2 + 3) * 1000;", ""),
            Some(Duration::from_secs(5))
        );
        assert_eq!(ms("long x = 0x10;", ""), Some(Duration::from_millis(16)));
        assert_eq!(
            ms(
                "long x = INTERVAL / 2;",
                "private static final long INTERVAL = 4_000;"
            ),
            Some(Duration::from_secs(2))
        );
        assert_eq!(
            ms("long base = 500; long x = base * 2;", ""),
            Some(Duration::from_secs(1))
        );
        assert_eq!(
            ms(
                "long x = Job.INTERVAL;",
                "static final long INTERVAL = 60_000;"
            ),
            Some(Duration::from_secs(60))
        );
    }

    #[test]
    fn unknowns_stay_unknown() {
        assert_eq!(ms("long x = interval;", "private long interval = 5;"), None);
        assert_eq!(ms("long base = 500; base = 7; long x = base;", ""), None);
        assert_eq!(ms("long x = compute();", ""), None);
        assert_eq!(ms("long x = 1 / 0;", ""), None);
        assert_eq!(ms("long x = -5;", ""), None);
        assert_eq!(ms("long x = Long.MAX_VALUE * 2;", ""), None);
    }

    #[test]
    fn time_units_and_durations_convert_to_millis() {
        assert_eq!(
            ms("long x = TimeUnit.SECONDS.toMillis(5);", ""),
            Some(Duration::from_secs(5))
        );
        assert_eq!(
            ms("long x = Duration.ofMinutes(2).toMillis();", ""),
            Some(Duration::from_secs(120))
        );
    }

    #[test]
    fn flink_time_and_java_durations_fold() {
        let flink = "import org.apache.flink.streaming.api.windowing.time.Time;\nimport java.util.concurrent.TimeUnit;";
        let d = |body: &str| fold_x(flink, "", body, duration);
        assert_eq!(
            d("Time x = Time.milliseconds(100);"),
            Some(Duration::from_millis(100))
        );
        assert_eq!(
            d("Time x = Time.of(3, TimeUnit.SECONDS);"),
            Some(Duration::from_secs(3))
        );
        assert_eq!(
            d("Duration x = Duration.ofSeconds(30);"),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            d("Duration x = Duration.parse(\"PT1M30S\");"),
            Some(Duration::from_secs(90))
        );
        assert_eq!(d("Duration x = Duration.ZERO;"), Some(Duration::ZERO));
        // Without the Flink import, `Time` is some other class.
        let other = |body: &str| fold_x("import java.sql.Time;", "", body, duration);
        assert_eq!(other("Time x = Time.seconds(3);"), None);
    }

    #[test]
    fn parameter_tool_defaults_are_only_possible_values() {
        let src = "class Job { void run(ParameterTool params) { long x = params.getLong(\"i\", 1000L); } }";
        let file = JavaFile::parse(src).expect("parses");
        let value = file
            .nodes_of_kind("variable_declarator")
            .find_map(|d| d.child_by_field_name("value"))
            .expect("init");
        let folded = int(&file, value).expect("folds");
        assert_eq!(folded.value, 1000);
        assert_eq!(folded.certainty, Certainty::Default);
    }

    #[test]
    fn strings_and_literals() {
        let s = |body: &str, members: &str| fold_x("", members, body, string);
        assert_eq!(s("String x = \"a\" + \"b\";", ""), Some("ab".to_owned()));
        assert_eq!(
            s(
                "String x = KEY;",
                "static final String KEY = \"dfs.\" + \"replication\";"
            ),
            Some("dfs.replication".to_owned())
        );
        assert_eq!(parse_int_literal("1_000L"), Some(1000));
        assert_eq!(parse_int_literal("017"), Some(15));
        assert_eq!(parse_int_literal("0b101"), Some(5));
        assert_eq!(
            parse_iso_duration("PT0.5S"),
            Some(Duration::from_millis(500))
        );
        assert_eq!(parse_iso_duration("P"), None);
    }

    #[test]
    fn deep_expressions_give_up_quietly() {
        let depth = 10_000;
        let src = format!(
            "class A {{ void m() {{ long x = {}1{}; }} }}",
            "(".repeat(depth),
            ")".repeat(depth)
        );
        let file = JavaFile::parse(&src).expect("parses");
        let value = file
            .nodes_of_kind("variable_declarator")
            .find_map(|d| d.child_by_field_name("value"))
            .expect("init");
        assert!(int(&file, value).is_none());
        let sum = format!(
            "class A {{ void m() {{ long x = {}; }} }}",
            vec!["1"; 5000].join(" + ")
        );
        let file = JavaFile::parse(&sum).expect("parses");
        let value = file
            .nodes_of_kind("variable_declarator")
            .find_map(|d| d.child_by_field_name("value"))
            .expect("init");
        assert!(int(&file, value).is_none());
    }
}
