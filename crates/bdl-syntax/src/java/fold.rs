//! Constant and duration folding for Java expressions.
//!
//! Folds integer literals (with `_`, `L`, hex, octal, binary), `+ - * / % << >> >>> & | ^`,
//! unary `- + ~`, parentheses, casts, `Integer.MAX_VALUE` and its kin, `static final` fields
//! and effectively-final locals of the same file, and the time APIs jobs use: Flink
//! `Time.milliseconds/seconds/minutes/hours/days(n)` and `Time.of(n, TimeUnit.X)`,
//! `java.time.Duration.ofX(n)` / `Duration.of(n, ChronoUnit.X)` / `Duration.parse("PT…")`,
//! `TimeUnit.X.toMillis(n)` and friends, `.toMillis()` / `.toMilliseconds()` of a folded duration.
//!
//! Integers fold with Java's types, because that is the value the job runs with: a literal
//! without `L` is an `int`, `int` arithmetic is 32-bit and wraps (`65536 * 65536 + 500` is
//! 500), a `long` operand makes the operation 64-bit, casts truncate, and a constant or local
//! holds the value of its declared type. The public functions widen the result to `i64`.
//!
//! What cannot be proven is `None`: rules stay silent on unknown values. A value that is only
//! the default of a `ParameterTool` lookup (`params.getLong("interval", 1000L)`) folds with
//! [`Certainty::Default`], so rules can cap their severity.
//!
//! Folding is bounded on any input: 48 levels of expression (constants included), the value of
//! each constant kept once folded (a per-file [`Cache`] in the [`JavaFile`], which also
//! ends cycles such as `A = B; B = A;`), strings of at most [`MAX_STRING`] bytes, and a budget
//! per file of expressions visited and string bytes built. Past a bound the value is unknown.

use std::cell::{Cell, OnceCell, RefCell};
use std::collections::HashMap;
use std::time::Duration;

use bdl_core::Span;
use tree_sitter::Node;

use super::JavaFile;
use super::facts::{self, Constant};
use super::scope::{self, Declaration, resolve};

/// How deep folding follows sub-expressions and constant references before giving up. Bounds
/// the recursion, so a 10,000-deep expression costs nothing and cannot overflow the stack.
const MAX_DEPTH: u32 = 48;

/// The longest string folding builds, in bytes; a longer one is unknown. Folded strings are
/// configuration keys (`execution.checkpointing.interval` is 32 bytes, and no Flink, Hadoop or
/// HBase key reaches 100) and values (`10 s`, `PT1M30S`, an `hdfs://` URI). 4 KiB holds any of
/// them with a wide margin, and stops a constant that doubles itself at a few kilobytes
/// instead of gigabytes.
pub const MAX_STRING: usize = 4096;

/// The expressions folding may visit in one file: a floor for small files plus a share per
/// byte of source. Every constant is folded once, so real code needs far less: under 0.01
/// visits per byte in every file of `testdata/` and of a generated 30 MB corpus. The budget
/// only ends inputs built to make folding work; past it, everything is unknown.
const STEPS_FLOOR: u64 = 1 << 20;
const STEPS_PER_BYTE: u64 = 4;

/// The bytes of strings folding may build in one file (each within [`MAX_STRING`]), which
/// bounds the memory of the cached constant strings by the size of the file: without it, 1 MB
/// of `static final String Sn = S0 + S0;` would cache gigabytes. Real code builds under 0.05
/// bytes per byte of source.
const STRING_BYTES_FLOOR: u64 = 1 << 20;
const STRING_BYTES_PER_BYTE: u64 = 4;

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

/// Folds an integer expression to the value Java computes, widened to `i64`.
pub fn int(file: &JavaFile<'_>, expr: Node<'_>) -> Option<Folded<i64>> {
    Folder::new(file).int(expr, 0).map(|f| f.map(Num::widen))
}

/// Folds a duration expression (`Time.seconds(5)`, `Duration.ofMinutes(1)`, …). A plain
/// number is not a duration here; use [`millis`] for `long` milliseconds parameters.
pub fn duration(file: &JavaFile<'_>, expr: Node<'_>) -> Option<Folded<Duration>> {
    Folder::new(file).duration(expr, 0)
}

/// Folds an expression that is a number of milliseconds (`enableCheckpointing(long)`): an
/// integer expression, `TimeUnit.SECONDS.toMillis(5)` or `Duration.ofSeconds(5).toMillis()`.
/// Negative values are `None`.
pub fn millis(file: &JavaFile<'_>, expr: Node<'_>) -> Option<Folded<Duration>> {
    let folded = int(file, expr)?;
    let ms = u64::try_from(folded.value).ok()?;
    Some(folded.map(|_| Duration::from_millis(ms)))
}

/// Folds a string expression: literals, `+` concatenation, constants. Strings longer than
/// [`MAX_STRING`] bytes are `None`.
pub fn string(file: &JavaFile<'_>, expr: Node<'_>) -> Option<Folded<String>> {
    Folder::new(file).string(expr, 0)
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

/// Parses a Java integer literal (`1_000`, `10L`, `0x1F`, `017`, `0b101`) to the value Java
/// gives it, widened to `i64`: without `L` it is an `int`, so `0xFFFFFFFF` is -1 and
/// `2147483648` does not compile (`None`).
pub fn parse_int_literal(text: &str) -> Option<i64> {
    int_literal(text).map(Num::widen)
}

/// A Java integer literal's value and type. A decimal `int` literal is at most 2^31 - 1 and a
/// `long` one at most 2^63 - 1 (the one larger magnitude, after a minus sign, is
/// [`negated_literal`]); hex, octal and binary literals may fill all 32 or 64 bits, the top bit
/// being the sign.
fn int_literal(text: &str) -> Option<Num> {
    let clean: String = text.chars().filter(|c| *c != '_').collect();
    let (body, long) = match clean.strip_suffix(['l', 'L']) {
        Some(body) => (body, true),
        None => (clean.as_str(), false),
    };
    let (digits, radix) = if let Some(h) = body.strip_prefix("0x").or(body.strip_prefix("0X")) {
        (h, 16)
    } else if let Some(b) = body.strip_prefix("0b").or(body.strip_prefix("0B")) {
        (b, 2)
    } else if body.len() > 1 && body.starts_with('0') {
        (&body[1..], 8)
    } else {
        (body, 10)
    };
    // `from_str_radix` would also take a sign.
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let bits = u64::from_str_radix(digits, radix).ok()?;
    match (radix, long) {
        (10, false) => i32::try_from(bits).ok().map(Num::Int),
        (10, true) => i64::try_from(bits).ok().map(Num::Long),
        (_, false) => u32::try_from(bits).ok().map(|v| Num::Int(v.cast_signed())),
        (_, true) => Some(Num::Long(bits.cast_signed())),
    }
}

/// `-2147483648` and `-9223372036854775808L`: the decimal literals that are valid only after a
/// minus sign, as the minimum of their type.
fn negated_literal(text: &str) -> Option<Num> {
    let clean: String = text.chars().filter(|c| *c != '_').collect();
    match clean.as_str() {
        "2147483648" => Some(Num::Int(i32::MIN)),
        "9223372036854775808L" | "9223372036854775808l" => Some(Num::Long(i64::MIN)),
        _ => None,
    }
}

/// A Java integral value after unary numeric promotion: an `int` (which `byte`, `short` and
/// `char` values become in any arithmetic) or a `long`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Num {
    Int(i32),
    Long(i64),
}

/// `a op b` for `+ - * / % & | ^` in one integer type, as the JVM computes it: wrapping on
/// overflow (`MIN / -1` is `MIN`), dividing toward zero, the remainder taking the sign of the
/// dividend; `None` for division by zero, which throws.
macro_rules! java_arithmetic {
    ($op:expr, $a:expr, $b:expr) => {
        match $op {
            "+" => Some($a.wrapping_add($b)),
            "-" => Some($a.wrapping_sub($b)),
            "*" => Some($a.wrapping_mul($b)),
            "/" => ($b != 0).then(|| $a.wrapping_div($b)),
            "%" => ($b != 0).then(|| $a.wrapping_rem($b)),
            "&" => Some($a & $b),
            "|" => Some($a | $b),
            "^" => Some($a ^ $b),
            _ => None,
        }
    };
}

impl Num {
    /// The value as a `long`, as Java widens it.
    fn widen(self) -> i64 {
        match self {
            Num::Int(v) => i64::from(v),
            Num::Long(v) => v,
        }
    }

    /// `self op other` with binary numeric promotion: `long` if either operand is, else `int`.
    /// A shift is typed by its left operand alone.
    fn binary(self, op: &str, other: Num) -> Option<Num> {
        if matches!(op, "<<" | ">>" | ">>>") {
            return self.shift(op, other);
        }
        match (self, other) {
            (Num::Int(a), Num::Int(b)) => java_arithmetic!(op, a, b).map(Num::Int),
            _ => java_arithmetic!(op, self.widen(), other.widen()).map(Num::Long),
        }
    }

    /// A shift by the low 5 (`int`) or 6 (`long`) bits of the distance, as Java masks it;
    /// `wrapping_sh*` mask the same way.
    fn shift(self, op: &str, distance: Num) -> Option<Num> {
        let by = distance.widen().cast_unsigned() as u32;
        Some(match self {
            Num::Int(v) => Num::Int(match op {
                "<<" => v.wrapping_shl(by),
                ">>" => v.wrapping_shr(by),
                ">>>" => v.cast_unsigned().wrapping_shr(by).cast_signed(),
                _ => return None,
            }),
            Num::Long(v) => Num::Long(match op {
                "<<" => v.wrapping_shl(by),
                ">>" => v.wrapping_shr(by),
                ">>>" => v.cast_unsigned().wrapping_shr(by).cast_signed(),
                _ => return None,
            }),
        })
    }

    /// Unary `-` (wrapping: `-MIN` is `MIN`), `+` and `~`.
    fn unary(self, op: &str) -> Option<Num> {
        Some(match (op, self) {
            ("-", Num::Int(v)) => Num::Int(v.wrapping_neg()),
            ("-", Num::Long(v)) => Num::Long(v.wrapping_neg()),
            ("+", _) => self,
            ("~", Num::Int(v)) => Num::Int(!v),
            ("~", Num::Long(v)) => Num::Long(!v),
            _ => return None,
        })
    }

    /// A cast to the primitive `ty`: keeps the low bits, then promotes a `short`, `byte`
    /// (sign-extended) or `char` (zero-extended) back to `int`. A boxed type only takes its
    /// own primitive (`(Long) 5` does not compile); other types are not integers here.
    fn cast(self, ty: &str) -> Option<Num> {
        let v = self.widen();
        Some(match ty {
            "long" => Num::Long(v),
            "int" => Num::Int(v as i32),
            "short" => Num::Int(i32::from(v as i16)),
            "byte" => Num::Int(i32::from(v as i8)),
            "char" => Num::Int(i32::from(v.cast_unsigned() as u16)),
            "Long" | "java.lang.Long" if matches!(self, Num::Long(_)) => self,
            "Integer" | "java.lang.Integer" if matches!(self, Num::Int(_)) => self,
            _ => return None,
        })
    }

    /// The value a variable declared as `ty` holds when initialised with `self`: widened to a
    /// `long`; kept by an `int` or `var`; kept by a `short`, `byte` or `char` if it fits, as
    /// for a constant (`short s = 7;`). Any other initialiser does not compile, and a `float`
    /// or `double` variable makes later arithmetic floating-point: `None`.
    fn assign_to(self, ty: &str) -> Option<Num> {
        let primitive = match scope::simple_type_name(ty) {
            "var" => return Some(self),
            "long" | "Long" => return Some(Num::Long(self.widen())),
            "int" | "Integer" => "int",
            "short" | "Short" => "short",
            "byte" | "Byte" => "byte",
            "char" | "Character" => "char",
            _ => return None,
        };
        (matches!(self, Num::Int(_)) && self.cast(primitive) == Some(self)).then_some(self)
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

/// Nanoseconds per unit of a `java.util.concurrent.TimeUnit` / `ChronoUnit` constant name.
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

/// Per-file folding state, kept in the [`JavaFile`]: the value of every constant folded so
/// far, by declaration and kind of value, and what is left of the file's budget.
#[derive(Debug)]
pub(crate) struct Cache {
    ints: RefCell<HashMap<usize, Entry<Num>>>,
    durations: RefCell<HashMap<usize, Entry<Duration>>>,
    strings: RefCell<HashMap<usize, Entry<String>>>,
    /// Expressions that may still be visited.
    steps: Cell<u64>,
    /// Bytes of strings that may still be built.
    string_bytes: Cell<u64>,
    /// Whether Flink's `Time` is the `Time` of this file (asked for every `Time.x(n)`, and it
    /// may search the whole text).
    flink_time: OnceCell<bool>,
}

impl Cache {
    /// The state for a file of `len` bytes: nothing folded, the whole budget left.
    pub(crate) fn new(len: usize) -> Self {
        let len = u64::try_from(len).unwrap_or(u64::MAX);
        Self {
            ints: RefCell::default(),
            durations: RefCell::default(),
            strings: RefCell::default(),
            steps: Cell::new(STEPS_FLOOR.saturating_add(len.saturating_mul(STEPS_PER_BYTE))),
            string_bytes: Cell::new(
                STRING_BYTES_FLOOR.saturating_add(len.saturating_mul(STRING_BYTES_PER_BYTE)),
            ),
            flink_time: OnceCell::new(),
        }
    }
}

/// Takes `amount` from a budget; once it does not suffice, the budget is spent for good, so
/// that what folds does not depend on the size of what is asked next.
fn spend(budget: &Cell<u64>, amount: u64) -> bool {
    let left = budget.get().checked_sub(amount);
    budget.set(left.unwrap_or(0));
    left.is_some()
}

/// What is known about one constant for one kind of value.
#[derive(Clone, Debug)]
enum Entry<T> {
    /// Being folded: meeting it again means that it depends on itself (`A = B; B = A;`),
    /// which no folding can resolve.
    InProgress,
    /// Folded, to a value or to unknown, going `reach` levels deep from where its initialiser
    /// starts: reached where those levels do not fit under the depth bound, it gives up as a
    /// fold without the cache would, so that what folds does not depend on what was folded
    /// before.
    Done {
        folded: Option<Folded<T>>,
        reach: u32,
    },
    /// Given up on when reached at this depth (out of depth or budget): reached as deep or
    /// deeper it is given up on again at once; from less deep it is folded again.
    GaveUp(u32),
}

/// A kind of value that constants fold to, with its place in the [`Cache`].
trait Value: Clone + Sized {
    fn slot(cache: &Cache) -> &RefCell<HashMap<usize, Entry<Self>>>;

    /// Folds `value`, the initialiser of `decl`.
    fn initializer(
        folder: &Folder<'_, '_>,
        decl: &Declaration<'_>,
        value: Node<'_>,
        depth: u32,
    ) -> Option<Folded<Self>>;

    /// The value of a constant declared in another file, if it has this type.
    fn external(constant: &Constant) -> Option<Self>;
}

impl Value for Num {
    fn slot(cache: &Cache) -> &RefCell<HashMap<usize, Entry<Self>>> {
        &cache.ints
    }

    /// The initialiser converted to the declared type: `long y = 65536 * 65536;` is 0, the
    /// `int` product widened.
    fn initializer(
        folder: &Folder<'_, '_>,
        decl: &Declaration<'_>,
        value: Node<'_>,
        depth: u32,
    ) -> Option<Folded<Self>> {
        let initial = folder.int(value, depth)?;
        let held = match decl.ty {
            Some(ty) => initial.value.assign_to(folder.text(ty))?,
            None => initial.value,
        };
        Some(initial.map(|_| held))
    }

    fn external(constant: &Constant) -> Option<Self> {
        match constant {
            Constant::Int { value, long: true } => Some(Self::Long(*value)),
            Constant::Int { value, long: false } => i32::try_from(*value).ok().map(Self::Int),
            _ => None,
        }
    }
}

impl Value for Duration {
    fn slot(cache: &Cache) -> &RefCell<HashMap<usize, Entry<Self>>> {
        &cache.durations
    }

    fn initializer(
        folder: &Folder<'_, '_>,
        _: &Declaration<'_>,
        value: Node<'_>,
        depth: u32,
    ) -> Option<Folded<Self>> {
        folder.duration(value, depth)
    }

    fn external(constant: &Constant) -> Option<Self> {
        match constant {
            Constant::Duration(d) => Some(*d),
            _ => None,
        }
    }
}

impl Value for String {
    fn slot(cache: &Cache) -> &RefCell<HashMap<usize, Entry<Self>>> {
        &cache.strings
    }

    fn initializer(
        folder: &Folder<'_, '_>,
        _: &Declaration<'_>,
        value: Node<'_>,
        depth: u32,
    ) -> Option<Folded<Self>> {
        folder.string(value, depth)
    }

    fn external(constant: &Constant) -> Option<Self> {
        match constant {
            Constant::Str(s) => Some(s.clone()),
            _ => None,
        }
    }
}

/// One folding request (one call of [`int`], [`duration`], [`millis`] or [`string`]).
struct Folder<'f, 'a> {
    file: &'f JavaFile<'a>,
    /// Set when a fold below gave up on the depth or the budget: its result then depends on
    /// where the fold started, so the constants it went through are not cached as unknown.
    gave_up: Cell<bool>,
    /// One more than the deepest depth entered so far (0: none), for [`Entry::Done`]'s reach.
    levels: Cell<u32>,
}

impl<'f, 'a> Folder<'f, 'a> {
    fn new(file: &'f JavaFile<'a>) -> Self {
        Self {
            file,
            gave_up: Cell::new(false),
            levels: Cell::new(0),
        }
    }
}

impl Folder<'_, '_> {
    fn text(&self, node: Node<'_>) -> &str {
        self.file.text_of(node)
    }

    fn cache(&self) -> &Cache {
        &self.file.fold
    }

    /// Enters an expression at `depth`: the depth of its sub-expressions, or `None` (and the
    /// fold gives up) past the depth bound or the file's budget.
    fn enter(&self, depth: u32) -> Option<u32> {
        if depth > MAX_DEPTH || !spend(&self.cache().steps, 1) {
            self.gave_up.set(true);
            return None;
        }
        self.levels.set(self.levels.get().max(depth + 1));
        Some(depth + 1)
    }

    /// `value` as a folded string: `None` if it is longer than [`MAX_STRING`], or (giving up)
    /// if the file's budget of string bytes is spent.
    fn bounded(&self, value: String) -> Option<String> {
        if value.len() > MAX_STRING {
            return None;
        }
        if !spend(&self.cache().string_bytes, value.len() as u64) {
            self.gave_up.set(true);
            return None;
        }
        Some(value)
    }

    fn int(&self, expr: Node<'_>, depth: u32) -> Option<Folded<Num>> {
        let depth = self.enter(depth)?;
        match expr.kind() {
            "decimal_integer_literal"
            | "hex_integer_literal"
            | "octal_integer_literal"
            | "binary_integer_literal" => int_literal(self.text(expr)).map(Folded::certain),
            "parenthesized_expression" => self.int(expr.named_child(0)?, depth),
            "cast_expression" => {
                let ty = self.text(expr.child_by_field_name("type")?);
                let value = self.int(expr.child_by_field_name("value")?, depth)?;
                let cast = value.value.cast(ty)?;
                Some(value.map(|_| cast))
            }
            "unary_expression" => {
                let operand = expr.child_by_field_name("operand")?;
                let op = self.text(expr.child_by_field_name("operator")?);
                if op == "-"
                    && operand.kind() == "decimal_integer_literal"
                    && let Some(min) = negated_literal(self.text(operand))
                {
                    return Some(Folded::certain(min));
                }
                let folded = self.int(operand, depth)?;
                let value = folded.value.unary(op)?;
                Some(folded.map(|_| value))
            }
            "binary_expression" => {
                let op = self.text(expr.child_by_field_name("operator")?);
                let left = self.int(expr.child_by_field_name("left")?, depth)?;
                let right = self.int(expr.child_by_field_name("right")?, depth)?;
                let value = left.value.binary(op, right.value)?;
                Some(left.merge(&right, value))
            }
            "identifier" => self.constant(expr, depth),
            "field_access" => self
                .boxed_constant(expr)
                .or_else(|| self.constant(expr, depth)),
            "method_invocation" => self.int_call(expr, depth),
            _ => None,
        }
    }

    /// `Integer.MAX_VALUE`, `Long.MIN_VALUE` and the like (`java.lang` needs no import), unless
    /// the file declares or imports another class of that name.
    fn boxed_constant(&self, expr: Node<'_>) -> Option<Folded<Num>> {
        let object = expr.child_by_field_name("object")?;
        let class = self.text(object);
        let class = class.strip_prefix("java.lang.").unwrap_or(class);
        let field = self.text(expr.child_by_field_name("field")?);
        let value = match (class, field) {
            ("Integer", "MAX_VALUE") => Num::Int(i32::MAX),
            ("Integer", "MIN_VALUE") => Num::Int(i32::MIN),
            ("Long", "MAX_VALUE") => Num::Long(i64::MAX),
            ("Long", "MIN_VALUE") => Num::Long(i64::MIN),
            ("Short", "MAX_VALUE") => Num::Int(i16::MAX.into()),
            ("Short", "MIN_VALUE") => Num::Int(i16::MIN.into()),
            ("Byte", "MAX_VALUE") => Num::Int(i8::MAX.into()),
            ("Byte", "MIN_VALUE") => Num::Int(i8::MIN.into()),
            ("Character", "MAX_VALUE") => Num::Int(u16::MAX.into()),
            ("Character", "MIN_VALUE") => Num::Int(0),
            _ => return None,
        };
        let shadowed = (object.kind() == "identifier"
            && resolve(self.file, object, class).is_some())
            || scope::class_named(self.file, class).is_some()
            || self.file.imports().iter().any(|i| {
                i.rsplit('.').next() == Some(class) && i.strip_prefix("java.lang.") != Some(class)
            });
        (!shadowed).then(|| Folded::certain(value))
    }

    /// `TimeUnit.X.toMillis(n)`, `<duration>.toMillis()`, `params.getLong(k, default)`.
    fn int_call(&self, call: Node<'_>, depth: u32) -> Option<Folded<Num>> {
        let name = self.text(call.child_by_field_name("name")?);
        let object = call.child_by_field_name("object");
        let args = arguments(call);
        match (name, args.as_slice()) {
            ("toMillis" | "toMilliseconds", []) => {
                let d = self.duration(object?, depth)?;
                let ms = i64::try_from(d.value.as_millis()).ok()?;
                Some(d.map(|_| Num::Long(ms)))
            }
            ("toSeconds" | "getSeconds", []) => {
                let d = self.duration(object?, depth)?;
                let s = i64::try_from(d.value.as_secs()).ok()?;
                Some(d.map(|_| Num::Long(s)))
            }
            ("toMillis" | "toSeconds" | "toMinutes" | "toNanos" | "toMicros", [arg]) => {
                let from = unit_nanos(self.time_unit_name(object?)?)?;
                // The argument is a `long`: `int` arithmetic in it is done first, then widened.
                let n = self.int(*arg, depth)?;
                let nanos = i128::from(n.value.widen()) * i128::from(from);
                let to: i128 = match name {
                    "toMillis" => 1_000_000,
                    "toSeconds" => 1_000_000_000,
                    "toMinutes" => 60_000_000_000,
                    "toMicros" => 1_000,
                    _ => 1,
                };
                // `TimeUnit` conversions saturate instead of overflowing.
                let value = i64::try_from(nanos / to).unwrap_or(if nanos < 0 {
                    i64::MIN
                } else {
                    i64::MAX
                });
                Some(n.map(|_| Num::Long(value)))
            }
            ("getLong" | "getInt" | "getInteger", [_, default])
                if self.is_parameter_tool(object?) =>
            {
                let mut d = self.int(*default, depth)?;
                // `getLong(String, long)` widens its default; `getInt(String, int)` takes an
                // `int` only.
                d.value = if name == "getLong" {
                    Num::Long(d.value.widen())
                } else {
                    d.value.assign_to("int")?
                };
                d.certainty = Certainty::Default;
                Some(d)
            }
            _ => None,
        }
    }

    fn duration(&self, expr: Node<'_>, depth: u32) -> Option<Folded<Duration>> {
        let depth = self.enter(depth)?;
        match expr.kind() {
            "parenthesized_expression" => self.duration(expr.named_child(0)?, depth),
            "identifier" | "field_access" => {
                if let Some(zero) = self.duration_zero(expr) {
                    return Some(zero);
                }
                self.constant(expr, depth)
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
        // The count is a `long` parameter: `Duration.ofSeconds(65536 * 65536)` is the `int`
        // product, 0, widened.
        let from_nanos = |n: Folded<Num>, per: u64| -> Option<Folded<Duration>> {
            let count = u64::try_from(n.value.widen()).ok()?;
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
        let depth = self.enter(depth)?;
        match expr.kind() {
            "string_literal" => {
                // A literal's value is at least a sixth of its source (`\u0041` is one
                // character): a longer one is known to be too long without decoding it.
                if self.text(expr).len() > 6 * MAX_STRING + 2 {
                    return None;
                }
                let value = self.bounded(string_literal(self.file, expr)?)?;
                Some(Folded::certain(value))
            }
            "parenthesized_expression" => self.string(expr.named_child(0)?, depth),
            "binary_expression" if self.text(expr.child_by_field_name("operator")?) == "+" => {
                let left = self.string(expr.child_by_field_name("left")?, depth)?;
                let right = self.string(expr.child_by_field_name("right")?, depth)?;
                if left.value.len() + right.value.len() > MAX_STRING {
                    return None;
                }
                let joined = self.bounded(format!("{}{}", left.value, right.value))?;
                Some(left.merge(&right, joined))
            }
            "identifier" | "field_access" => self.constant(expr, depth),
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
    /// and folds that initialiser, once per file: the value is cached by declaration, so a
    /// constant used many times (`X1 = X0 + X0; X2 = X1 + X1; …`) costs one fold.
    fn constant<T: Value>(&self, expr: Node<'_>, depth: u32) -> Option<Folded<T>> {
        let Some(decl) = self.declaration(expr) else {
            // A constant of another file, through the project (`Constants.CHECKPOINT_MS`).
            let constant = facts::constant(self.file, expr)?;
            return T::external(&constant).map(Folded::certain);
        };
        let key = decl.node.id();
        let slot = T::slot(self.cache());
        let known = slot.borrow().get(&key).cloned();
        match known {
            Some(Entry::Done { folded, reach }) if depth + reach <= MAX_DEPTH + 1 => {
                self.levels.set(self.levels.get().max(depth + reach));
                return folded;
            }
            Some(Entry::Done { .. }) => {
                self.gave_up.set(true);
                return None;
            }
            Some(Entry::InProgress) => return None,
            Some(Entry::GaveUp(at)) if depth >= at => {
                self.gave_up.set(true);
                return None;
            }
            Some(Entry::GaveUp(_)) | None => {}
        }
        slot.borrow_mut().insert(key, Entry::InProgress);
        let outer_gave_up = self.gave_up.replace(false);
        let outer_levels = self.levels.replace(depth);
        let folded = self.constant_value(&decl, depth);
        let gave_up = self.gave_up.replace(outer_gave_up || self.gave_up.get());
        let levels = self.levels.replace(outer_levels.max(self.levels.get()));
        let entry = if gave_up {
            Entry::GaveUp(depth)
        } else {
            Entry::Done {
                folded: folded.clone(),
                reach: levels.saturating_sub(depth),
            }
        };
        slot.borrow_mut().insert(key, entry);
        folded
    }

    /// The declaration a name or `this.x` / `Class.x` refers to.
    fn declaration<'t>(&'t self, expr: Node<'t>) -> Option<Declaration<'t>> {
        match expr.kind() {
            "identifier" => resolve(self.file, expr, self.text(expr)),
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
                scope::field_named(self.file, class, field)
            }
            _ => None,
        }
    }

    /// The folded initialiser of `decl` if it is a constant: a `final` field (or any field of an
    /// interface), or a local never assigned again.
    fn constant_value<T: Value>(&self, decl: &Declaration<'_>, depth: u32) -> Option<Folded<T>> {
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
        let mut folded = T::initializer(self, decl, value, depth)?;
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
        *self.cache().flink_time.get_or_init(|| {
            self.file
                .refers_to("org.apache.flink.streaming.api.windowing.time.Time")
                || self.file.refers_to("org.apache.flink.api.common.time.Time")
        })
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

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

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

    /// The value Java gives `expr`, as the initialiser of a `long` local.
    fn value(expr: &str) -> Option<i64> {
        value_in("", &format!("long x = {expr};"))
    }

    /// The value of the initialiser of `x` in `body`, with the class members `members`.
    fn value_in(members: &str, body: &str) -> Option<i64> {
        fold_x(
            "import java.util.concurrent.TimeUnit;\nimport java.time.Duration;",
            members,
            body,
            int,
        )
    }

    /// Parses `src` and folds, in this order, the initialisers of the variables `names` with
    /// `f`; also returns the folding steps the file spent.
    fn fold_named<T>(
        src: &str,
        names: &[&str],
        f: impl Fn(&JavaFile<'_>, Node<'_>) -> Option<Folded<T>>,
    ) -> (Vec<Option<T>>, u64) {
        let file = JavaFile::parse(src).expect("parses");
        let budget = file.fold.steps.get();
        let values = names
            .iter()
            .map(|name| {
                let decl = file
                    .nodes_of_kind("variable_declarator")
                    .find(|d| {
                        d.child_by_field_name("name")
                            .is_some_and(|n| file.text_of(n) == *name)
                    })
                    .expect("declared");
                f(
                    &file,
                    decl.child_by_field_name("value").expect("initialiser"),
                )
                .map(|v| v.value)
            })
            .collect();
        (values, budget - file.fold.steps.get())
    }

    /// `static final TYPE P0 = first; … Pn = P(n-1) + P(n-1);` in a class whose method declares
    /// `x = use`.
    fn doubling(ty: &str, prefix: &str, first: &str, levels: usize, use_: &str) -> String {
        let mut src = format!("class Job {{\n static final {ty} {prefix}0 = {first};\n");
        for i in 1..=levels {
            let p = i - 1;
            let _ = writeln!(
                src,
                " static final {ty} {prefix}{i} = {prefix}{p} + {prefix}{p};"
            );
        }
        let _ = write!(src, " void run() {{ {ty} x = {use_}; }} }}");
        src
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
    fn int_arithmetic_wraps_in_32_bits() {
        assert_eq!(value("65536 * 65536 + 500"), Some(500));
        assert_eq!(
            ms("long x = 65536 * 65536 + 500;", ""),
            Some(Duration::from_millis(500))
        );
        // Thirty days in milliseconds, the classic overflow.
        assert_eq!(value("1000 * 60 * 60 * 24 * 30"), Some(-1_702_967_296));
        assert_eq!(value("2147483647 + 1"), Some(i64::from(i32::MIN)));
        assert_eq!(value("Integer.MAX_VALUE + 1"), Some(i64::from(i32::MIN)));
        assert_eq!(value("-Integer.MIN_VALUE"), Some(i64::from(i32::MIN)));
        assert_eq!(value("Integer.MIN_VALUE - 1"), Some(i64::from(i32::MAX)));
        assert_eq!(value("Long.MAX_VALUE + 1"), Some(i64::MIN));
        assert_eq!(value("Long.MAX_VALUE * 2"), Some(-2));
    }

    #[test]
    fn a_long_operand_makes_the_operation_long() {
        assert_eq!(value("65536L * 65536 + 500"), Some(4_294_967_796));
        assert_eq!(value("65536 * 65536L"), Some(1 << 32));
        assert_eq!(value("65536l * 65536 * 65536"), Some(1 << 48));
        assert_eq!(value("1000L * 60 * 60 * 24 * 30"), Some(2_592_000_000));
        // Left to right: the `int` product has wrapped before the `long` operand comes.
        assert_eq!(value("65536 * 65536 * 65536L"), Some(0));
        assert_eq!(value("(65536 * 65536) + 1L"), Some(1));
        assert_eq!(value("65536 * (65536 * 2L)"), Some(1 << 33));
        assert_eq!(value("Integer.MAX_VALUE + 1L"), Some(1 << 31));
    }

    #[test]
    fn casts_truncate_as_in_java() {
        assert_eq!(value("(int) 4294967796L"), Some(500));
        assert_eq!(value("(int) 0x1_0000_0001L"), Some(1));
        assert_eq!(value("(short) 65537"), Some(1));
        assert_eq!(value("(short) 32768"), Some(-32768));
        assert_eq!(value("(byte) 200"), Some(-56));
        assert_eq!(value("(byte) -129"), Some(127));
        assert_eq!(value("(char) -1"), Some(65535));
        assert_eq!(value("(char) 65536"), Some(0));
        // A cast binds tighter than `*`.
        assert_eq!(value("(long) 65536 * 65536"), Some(1 << 32));
        assert_eq!(value("(long) (65536 * 65536)"), Some(0));
        // A cast result is an `int` again: `(short) 1 * 65536 * 65536` wraps.
        assert_eq!(value("(short) 1 * 65536 * 65536"), Some(0));
        assert_eq!(value("(Integer) 5"), Some(5));
        assert_eq!(value("(Long) 5L"), Some(5));
        // Do not compile, or are not integers.
        assert_eq!(value("(Long) 5"), None);
        assert_eq!(value("(Integer) 5L"), None);
        assert_eq!(value("(double) 5"), None);
        assert_eq!(value("(float) 5"), None);
    }

    #[test]
    fn shifts_mask_their_distance_and_bit_operations_promote() {
        assert_eq!(value("1 << 33"), Some(2));
        assert_eq!(value("1L << 33"), Some(1 << 33));
        assert_eq!(value("1 << 31"), Some(i64::from(i32::MIN)));
        assert_eq!(value("1 << -1"), Some(i64::from(i32::MIN)));
        assert_eq!(value("1L << 64"), Some(1));
        // The type is the left operand's: a `long` distance does not make it `long`.
        assert_eq!(value("1 << 31L"), Some(i64::from(i32::MIN)));
        assert_eq!(value("-1 >>> 28"), Some(15));
        assert_eq!(value("-1 >>> 32"), Some(-1));
        assert_eq!(value("-1L >>> 60"), Some(15));
        assert_eq!(value("-16 >> 2"), Some(-4));
        assert_eq!(value("-1 >> 40"), Some(-1));
        assert_eq!(value("0xFF & 0x0F"), Some(15));
        assert_eq!(value("1 | 6"), Some(7));
        assert_eq!(value("5 ^ 1"), Some(4));
        assert_eq!(value("~0"), Some(-1));
        assert_eq!(value("~0L"), Some(-1));
        assert_eq!(value("~Integer.MAX_VALUE"), Some(i64::from(i32::MIN)));
        // The `int` -1 widens with its sign before the `long` mask.
        assert_eq!(value("0xFFFFFFFF & 0xFFFFL"), Some(0xFFFF));
        assert_eq!(value("!0"), None);
    }

    #[test]
    fn division_truncates_toward_zero_and_the_remainder_follows_the_dividend() {
        assert_eq!(value("-7 / 2"), Some(-3));
        assert_eq!(value("7 / -2"), Some(-3));
        assert_eq!(value("-7 % 2"), Some(-1));
        assert_eq!(value("7 % -2"), Some(1));
        assert_eq!(value("-7L % 2"), Some(-1));
        assert_eq!(value("Integer.MIN_VALUE / -1"), Some(i64::from(i32::MIN)));
        assert_eq!(value("Integer.MIN_VALUE % -1"), Some(0));
        assert_eq!(value("Long.MIN_VALUE / -1"), Some(i64::MIN));
        // Division by zero throws.
        assert_eq!(value("1 / 0"), None);
        assert_eq!(value("1 % 0"), None);
        assert_eq!(value("1L / 0L"), None);
        assert_eq!(value("5 / (2 - 2)"), None);
    }

    #[test]
    fn literals_at_the_edges_of_their_type() {
        let cases: &[(&str, Option<i64>)] = &[
            ("2147483647", Some(2_147_483_647)),
            ("2147483648", None),
            ("2147483648L", Some(2_147_483_648)),
            ("9223372036854775807L", Some(i64::MAX)),
            ("9223372036854775808L", None),
            ("0xFFFFFFFF", Some(-1)),
            ("0x80000000", Some(i64::from(i32::MIN))),
            ("0x7fff_ffff", Some(i64::from(i32::MAX))),
            ("0x100000000", None),
            ("0xFFFFFFFFL", Some(0xFFFF_FFFF)),
            ("0xFFFFFFFFFFFFFFFFL", Some(-1)),
            ("0x8000000000000000L", Some(i64::MIN)),
            ("0x1_0000_0000_0000_0000L", None),
            ("037777777777", Some(-1)),
            ("040000000000", None),
            ("0b11111111111111111111111111111111", Some(-1)),
            ("0b100000000000000000000000000000000", None),
            ("0", Some(0)),
            ("00", Some(0)),
            ("0L", Some(0)),
            ("1_000l", Some(1000)),
        ];
        for (literal, expected) in cases {
            assert_eq!(parse_int_literal(literal), *expected, "{literal}");
            assert_eq!(value(literal), *expected, "{literal}");
        }
        for malformed in ["08", "0x", "0b", "0x+1", "-1", ""] {
            assert_eq!(parse_int_literal(malformed), None, "{malformed}");
        }
        // The two magnitudes that are valid only after a minus sign.
        assert_eq!(value("-2147483648"), Some(i64::from(i32::MIN)));
        assert_eq!(value("-2147483648 - 1"), Some(i64::from(i32::MAX)));
        assert_eq!(value("-9223372036854775808L"), Some(i64::MIN));
        assert_eq!(value("-(2147483648)"), None);
        assert_eq!(value("-0x80000000"), Some(i64::from(i32::MIN)));
    }

    #[test]
    fn declared_types_convert_the_value() {
        let fields = "static final int A = 65536; static final long B = 65536;";
        assert_eq!(value_in(fields, "long x = A * A;"), Some(0));
        assert_eq!(value_in(fields, "long x = B * A;"), Some(1 << 32));
        assert_eq!(value_in(fields, "long x = A * (long) A;"), Some(1 << 32));
        // An `int` local keeps the wrapped `int`; a `long` one widens what the `int`
        // arithmetic gave; a `long` initialised with an `int` literal is a `long`.
        assert_eq!(
            value_in("", "int i = 65536 * 65536 + 500; long x = i;"),
            Some(500)
        );
        assert_eq!(value_in("", "long y = 65536 * 65536; long x = y;"), Some(0));
        assert_eq!(
            value_in("", "long y = 65536; long x = y * y;"),
            Some(1 << 32)
        );
        assert_eq!(value_in("", "var v = 65536; long x = v * v;"), Some(0));
        assert_eq!(
            value_in("", "var v = 65536L; long x = v * v;"),
            Some(1 << 32)
        );
        assert_eq!(value_in("", "Integer i = 65536; long x = i * i;"), Some(0));
        assert_eq!(
            value_in("", "final Long l = 65536L; long x = l * l;"),
            Some(1 << 32)
        );
        // `short`, `byte` and `char` variables take constants that fit, and promote to `int`.
        assert_eq!(
            value_in("", "short s = 7; long x = s * 10000;"),
            Some(70_000)
        );
        assert_eq!(value_in("", "char c = 65; long x = c;"), Some(65));
        assert_eq!(value_in("", "byte b = (byte) 200; long x = b;"), Some(-56));
        // These do not compile, or are not integer arithmetic any more.
        assert_eq!(value_in("", "int i = 5L; long x = i;"), None);
        assert_eq!(value_in("", "short s = 70000; long x = s;"), None);
        assert_eq!(value_in("", "double d = 1000; long x = (long) d;"), None);
        assert_eq!(value_in("", "String s = 1000; long x = s;"), None);
    }

    #[test]
    fn time_helpers_take_the_int_result_widened() {
        let d = |body: &str| fold_x("import java.time.Duration;", "", body, duration);
        assert_eq!(
            d("Duration x = Duration.ofSeconds(65536 * 65536);"),
            Some(Duration::ZERO)
        );
        assert_eq!(
            d("Duration x = Duration.ofSeconds(65536L * 65536);"),
            Some(Duration::from_secs(1 << 32))
        );
        assert_eq!(
            ms("long x = TimeUnit.SECONDS.toMillis(65536 * 65536 + 1);", ""),
            Some(Duration::from_secs(1))
        );
        // `TimeUnit` saturates where the arithmetic would overflow.
        assert_eq!(
            value("TimeUnit.DAYS.toMillis(Long.MAX_VALUE)"),
            Some(i64::MAX)
        );
        assert_eq!(
            value("TimeUnit.DAYS.toMillis(Long.MIN_VALUE)"),
            Some(i64::MIN)
        );
        assert_eq!(value("params.getInt(\"k\", 65536 * 65536 + 7)"), Some(7));
        assert_eq!(value("params.getLong(\"k\", 65536 * 65536 + 7)"), Some(7));
        assert_eq!(value("params.getInt(\"k\", 7L)"), None);
    }

    #[test]
    fn boxed_constants_unless_shadowed() {
        assert_eq!(value("Integer.MAX_VALUE"), Some(i64::from(i32::MAX)));
        assert_eq!(value("java.lang.Long.MIN_VALUE"), Some(i64::MIN));
        assert_eq!(value("Short.MIN_VALUE"), Some(-32768));
        assert_eq!(value("Byte.MAX_VALUE"), Some(127));
        assert_eq!(value("Character.MAX_VALUE"), Some(65535));
        assert_eq!(value("Integer.SIZE"), None);
        let other = |imports: &str, members: &str| {
            fold_x(imports, members, "long x = Integer.MAX_VALUE;", int)
        };
        assert_eq!(other("import com.acme.Integer;", ""), None);
        // A class of the file named `Integer` is that class.
        assert_eq!(
            other(
                "",
                "static class Integer { static final int MAX_VALUE = 3; }"
            ),
            Some(3)
        );
        assert_eq!(other("", ""), Some(i64::from(i32::MAX)));
    }

    #[test]
    fn each_constant_folds_once_per_file() {
        // 2^23 folds without the cache; two steps per level with it.
        let src = doubling("long", "X", "1", 23, "X23");
        let (values, steps) = fold_named(&src, &["x"], int);
        assert_eq!(values, [Some(1 << 23)]);
        assert!(steps < 100, "{steps} steps");
        // The same for effectively-final locals, strings and durations.
        let mut locals = String::from("class Job { void run() { long a0 = 1;");
        for i in 1..=23 {
            let _ = write!(locals, " long a{i} = a{} + a{};", i - 1, i - 1);
        }
        locals.push_str(" long x = a23; } }");
        let (values, steps) = fold_named(&locals, &["x"], int);
        assert_eq!(values, [Some(1 << 23)]);
        assert!(steps < 100, "{steps} steps");
        let src = doubling("String", "S", "\"ab\"", 11, "S11");
        let (values, steps) = fold_named(&src, &["x"], string);
        assert_eq!(values, [Some("ab".repeat(2048))]);
        assert!(steps < 100, "{steps} steps");
        let mut durations = String::from(
            "import java.time.Duration;\nclass Job {\n static final Duration D0 = Duration.ofMillis(1);\n",
        );
        for i in 1..=10 {
            let p = i - 1;
            let _ = writeln!(
                durations,
                " static final Duration D{i} = Duration.ofMillis(D{p}.toMillis() + D{p}.toMillis());"
            );
        }
        durations.push_str(" void run() { Duration x = D10; } }");
        let (values, steps) = fold_named(&durations, &["x"], duration);
        assert_eq!(values, [Some(Duration::from_millis(1 << 10))]);
        assert!(steps < 200, "{steps} steps");
    }

    #[test]
    fn strings_longer_than_the_bound_are_unknown() {
        // 4,096 bytes fold; 8,192 do not, and neither does a constant built on them.
        let src = doubling("String", "S", "\"ab\"", 12, "S12");
        let (values, _) = fold_named(&src, &["S11", "x"], string);
        assert_eq!(values, [Some("ab".repeat(2048)), None]);
        // A 64 KiB literal doubled 15 times would be 2 GiB.
        let big = format!("\"{}\"", "dfs.replication.".repeat(4096));
        let src = doubling("String", "S", &big, 15, "S15");
        let (values, steps) = fold_named(&src, &["S0", "x"], string);
        assert_eq!(values, [None, None]);
        assert!(steps < 100, "{steps} steps");
    }

    #[test]
    fn constants_that_depend_on_themselves_are_unknown() {
        let src = "class Job {\n static final long A = B + 1;\n static final long B = Job.A * 2;\n\
            static final long E = E;\n static final long F = A + 1;\n static final long G = 5;\n\
            void run() { long a = A; long b = B; long e = E; long f = F; long g = G;\n\
            long p = q; long q = p; long r = q + G; } }";
        let (values, steps) = fold_named(src, &["a", "b", "e", "f", "g", "p", "q", "r"], int);
        assert_eq!(values, [None, None, None, None, Some(5), None, None, None]);
        assert!(steps < 100, "{steps} steps");
    }

    #[test]
    fn giving_up_on_depth_is_not_remembered_as_unknown() {
        // `X30` is beyond the depth bound, so its fold gives up on `X20` deep down; `X20`
        // used directly still folds.
        let src = doubling("long", "X", "1", 30, "X30");
        let (values, _) = fold_named(&src, &["x", "X20", "x"], int);
        assert_eq!(values, [None, Some(1 << 20), None]);
        // Nor does a cached value reach deeper than a fold without the cache would: what folds
        // does not depend on what was folded before (on which rules run).
        let (values, _) = fold_named(&src, &["X20", "x", "X29", "X10"], int);
        assert_eq!(values, [Some(1 << 20), None, None, Some(1 << 10)]);
        // Giving up is remembered with its depth: 60 levels of doubling cost no more than
        // the levels the depth bound lets through, not 2^24.
        let src = doubling("long", "X", "1", 60, "X60");
        let (values, steps) = fold_named(&src, &["x"], int);
        assert_eq!(values, [None]);
        assert!(steps < 100, "{steps} steps");
    }

    #[test]
    fn a_spent_budget_leaves_everything_unknown() {
        let src = "class Job { void run() { long a = 1 + 2 + 3 + 4 + 5 + 6; long b = 1;\n\
            String s = \"abcd\"; String t = \"ab\"; } }";
        let file = JavaFile::parse(src).expect("parses");
        let init = |name: &str| {
            file.nodes_of_kind("variable_declarator")
                .find(|d| {
                    d.child_by_field_name("name")
                        .is_some_and(|n| file.text_of(n) == name)
                })
                .and_then(|d| d.child_by_field_name("value"))
                .expect("initialiser")
        };
        file.fold.string_bytes.set(3);
        assert_eq!(string(&file, init("s")), None);
        // Once spent, spent for good, even for what would fit.
        assert_eq!(string(&file, init("t")), None);
        file.fold.steps.set(5);
        assert_eq!(int(&file, init("a")), None);
        assert_eq!(int(&file, init("b")), None);
        assert_eq!(file.fold.steps.get(), 0);
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
