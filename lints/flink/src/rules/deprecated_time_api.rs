use std::cell::OnceCell;

use bdl_core::{Ctx, Edit, Fix, Product, RuleMeta, Severity, Span, Version, declare_rule};
use bdl_syntax::java::imports::{ClassName, ImportSite, line_removal};
use bdl_syntax::java::{ancestors, chain, fold::arguments, scope};
use bdl_syntax::{JavaFile, Rule};
use tree_sitter::Node;

declare_rule! {
    /// ## What it does
    /// Flags every use of Flink's own time class, `org.apache.flink.streaming.api.windowing.time.Time`
    /// or `org.apache.flink.api.common.time.Time`:
    /// - the factories `Time.milliseconds/seconds/minutes/hours/days(n)` and
    ///   `Time.of(n, TimeUnit.X)`, and any other static call or method reference on `Time`;
    /// - `Time` as the declared type of a field, variable, parameter or return value, or as a
    ///   type argument;
    /// - the import of `Time` once nothing in the file uses it any more, static imports of its
    ///   members, and a wildcard import of `org.apache.flink.streaming.api.windowing.time`
    ///   (the package has nothing else) in a file that no longer uses `Time`.
    ///
    /// `Time` is recognised by its import (by name, or on demand when no other `Time` is
    /// imported by name) or its fully qualified name; a `java.sql.Time` or a class of your own
    /// called `Time` is not reported. A `Time` passed to the initialiser of a variable declared
    /// as `Time` is reported once, at the declared type.
    ///
    /// The severity follows the Flink version the file is built against (`target: {flink: …}`,
    /// `--target flink=…`, or the nearest `pom.xml` / Gradle build): `info` before 1.19, where
    /// `Time` is still the API; `warning` on 1.19 and 1.20, where it is deprecated; `error` on
    /// 2.0 and later, where it no longer exists. When the version is unknown the finding is
    /// `info`, as for every version-gated rule: it must hold on every release.
    ///
    /// ## Why is this bad?
    /// Flink 1.19 deprecated its `Time` classes in favour of `java.time.Duration` (FLINK-32570,
    /// FLIP-335), adding a `Duration` form of every method that took a `Time`; Flink 2.0 removed
    /// `Time` and the methods that take it. A job that still uses `Time` does not compile
    /// against Flink 2.x, and a 1.x jar run on a 2.x cluster fails with `NoClassDefFoundError`
    /// or `NoSuchMethodError`.
    ///
    /// ## Example
    /// ```java file=Job.java bad findings=2 target=flink=1.20
    /// import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
    /// import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
    /// import org.apache.flink.streaming.api.windowing.time.Time;
    ///
    /// public class Job {
    ///     public static void main(String[] args) throws Exception {
    ///         StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    ///         env.fromSequence(1, 100)
    ///                 .keyBy(n -> n % 10)
    ///                 .window(TumblingEventTimeWindows.of(Time.minutes(1)))
    ///                 .allowedLateness(Time.seconds(30))
    ///                 .sum(0)
    ///                 .print();
    ///         env.execute("job");
    ///     }
    /// }
    /// ```
    ///
    /// Use instead:
    ///
    /// ```java file=Job.java good target=flink=1.20
    /// import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
    /// import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
    /// import java.time.Duration;
    ///
    /// public class Job {
    ///     public static void main(String[] args) throws Exception {
    ///         StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    ///         env.fromSequence(1, 100)
    ///                 .keyBy(n -> n % 10)
    ///                 .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
    ///                 .allowedLateness(Duration.ofSeconds(30))
    ///                 .sum(0)
    ///                 .print();
    ///         env.execute("job");
    ///     }
    /// }
    /// ```
    ///
    /// ## How to fix
    /// Replace `Time.milliseconds/seconds/minutes/hours/days(n)` with
    /// `Duration.ofMillis/ofSeconds/ofMinutes/ofHours/ofDays(n)` and `Time.of(n, TimeUnit.X)`
    /// with `Duration.of(n, ChronoUnit.X)`; declare fields and variables as `Duration`
    /// (`toMilliseconds()` becomes `toMillis()`). Methods that had no `Duration` form
    /// (`timeWindow`, `RestartStrategies`, the timestamp extractors) are gone in 2.0 as a whole:
    /// move to `window(…)` with an assigner, the `restart-strategy.*` options and
    /// `WatermarkStrategy`.
    ///
    /// `--fix` rewrites a factory call where the rewrite keeps its meaning, adding
    /// `import java.time.Duration;` (and `java.time.temporal.ChronoUnit`) after the last import
    /// and, once no use of `Time` is left, removing its import:
    /// - **safe** when the call is the argument of a method that takes a `Duration` from Flink
    ///   1.19 on and the target version is 1.19 or later: `TumblingEventTimeWindows.of`,
    ///   `TumblingProcessingTimeWindows.of`, `SlidingEventTimeWindows.of`,
    ///   `SlidingProcessingTimeWindows.of`, `EventTimeSessionWindows.withGap`,
    ///   `ProcessingTimeSessionWindows.withGap`, `TimeEvictor.of`,
    ///   `ContinuousEventTimeTrigger.of`, `ContinuousProcessingTimeTrigger.of` and
    ///   `StateTtlConfig.newBuilder` (each proved by its import), `allowedLateness` on a
    ///   windowed stream, `between` of an `intervalJoin`, and `setTtl` of a
    ///   `StateTtlConfig.newBuilder` chain. Every `Time` argument of the call is rewritten
    ///   together, so that the call always gets the `Duration` form;
    /// - **safe** as the receiver of `toMilliseconds()`, which becomes `toMillis()` (plain
    ///   `java.time`, the same value);
    /// - **unsafe** (`--unsafe-fixes`) elsewhere, and the fix says why: the target version is
    ///   unknown or before 1.19, the method is not known to take a `Duration`
    ///   (`RestartStrategies.fixedDelayRestart`, a method of your own), or the value is
    ///   assigned where a `Time` is expected.
    ///
    /// A `Time.of` with a unit below a millisecond is safe only for a literal amount (a
    /// negative amount rounds differently). `Duration` and `ChronoUnit` are written by their
    /// simple name where the file imports them by name, imports `java.time` on demand and
    /// already writes the name, or does not use the name at all (the import is then added);
    /// elsewhere (another `Duration` imported, declared or in use) fully qualified.
    ///
    /// ## Options
    /// None.
    ///
    /// ## References
    /// - Flink 1.19 release notes, "Deprecate API that uses Flink's Time implementation"
    ///   (FLINK-32570): <https://nightlies.apache.org/flink/flink-docs-release-1.19/release-notes/flink-1.19/>
    /// - Flink 2.0 release notes (removed APIs): <https://nightlies.apache.org/flink/flink-docs-release-2.0/release-notes/flink-2.0/>
    /// - FLIP-335, Removing Flink's Time classes: <https://cwiki.apache.org/confluence/display/FLINK/FLIP-335%3A+Deprecate+Flink%27s+Time+classes+in+favor+of+Java%27s+Duration>
    pub DeprecatedTimeApi {
        code: "FLK015",
        name: "deprecated-time-api",
        summary: "uses of Flink's `Time` class, deprecated in 1.19 and removed in 2.0",
        severity: Error,
        kinds: [Java],
        triggers: ["windowing.time", "api.common.time"],
        options: [],
        fix: Sometimes,
    }
}

/// Flink's two `Time` classes.
const TIME_CLASSES: [&str; 2] = [
    "org.apache.flink.streaming.api.windowing.time.Time",
    "org.apache.flink.api.common.time.Time",
];

/// The package that held only `Time` and is gone in Flink 2.0.
const WINDOWING_TIME_PACKAGE: &str = "org.apache.flink.streaming.api.windowing.time";

/// The release that deprecated `Time` and added the `Duration` forms.
const DEPRECATED_IN: Version = Version::new(1, 19);

/// `Time` factories and the `Duration` factories with the same meaning.
const FACTORIES: &[(&str, &str)] = &[
    ("milliseconds", "ofMillis"),
    ("seconds", "ofSeconds"),
    ("minutes", "ofMinutes"),
    ("hours", "ofHours"),
    ("days", "ofDays"),
];

/// `java.util.concurrent.TimeUnit` constants and their `java.time.temporal.ChronoUnit`.
const UNITS: &[(&str, &str)] = &[
    ("NANOSECONDS", "NANOS"),
    ("MICROSECONDS", "MICROS"),
    ("MILLISECONDS", "MILLIS"),
    ("SECONDS", "SECONDS"),
    ("MINUTES", "MINUTES"),
    ("HOURS", "HOURS"),
    ("DAYS", "DAYS"),
];

/// Methods and constructors that take only a `Time`, with no `Duration` form to move to, and
/// are gone in Flink 2.0 as a whole: no fix; the help says what replaces them (`{}` stands
/// for the `Duration` value).
const TIME_ONLY: &[(&str, &str, &str)] = &[
    (
        "timeWindow",
        "the method",
        "use `window(…)` with an assigner such as `TumblingEventTimeWindows.of({})`",
    ),
    (
        "timeWindowAll",
        "the method",
        "use `windowAll(…)` with an assigner such as `TumblingEventTimeWindows.of({})`",
    ),
    (
        "setIdleStateRetentionTime",
        "the method",
        "use `TableConfig.setIdleStateRetention({})`, which takes one retention time",
    ),
    (
        "BoundedOutOfOrdernessTimestampExtractor",
        "the class",
        "assign watermarks with `WatermarkStrategy.forBoundedOutOfOrderness({})`",
    ),
];

/// A method that takes a `Duration` wherever it took a `Time`, from Flink 1.19 on (and still in
/// 2.x).
struct DurationForm {
    /// The class of a static method, proved by its import; `None` for an instance method.
    class: Option<&'static str>,
    method: &'static str,
    /// For an instance method: a call of this name (of this class, when given) in the chain
    /// before it proves the receiver.
    after: &'static [(&'static str, Option<&'static str>)],
    /// Per number of arguments, the positions of the `Time` parameters.
    positions: &'static [(usize, &'static [usize])],
}

const STATE_TTL_CONFIG: &str = "org.apache.flink.api.common.state.StateTtlConfig";

/// Window calls after which `allowedLateness` is a windowed stream's.
const WINDOWED: &[(&str, Option<&str>)] = &[
    ("window", None),
    ("windowAll", None),
    ("timeWindow", None),
    ("timeWindowAll", None),
    ("countWindow", None),
    ("countWindowAll", None),
];

const DURATION_FORMS: &[DurationForm] = &[
    DurationForm {
        class: Some("org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows"),
        method: "of",
        after: &[],
        positions: &[(1, &[0]), (2, &[0, 1]), (3, &[0, 1])],
    },
    DurationForm {
        class: Some(
            "org.apache.flink.streaming.api.windowing.assigners.TumblingProcessingTimeWindows",
        ),
        method: "of",
        after: &[],
        positions: &[(1, &[0]), (2, &[0, 1]), (3, &[0, 1])],
    },
    DurationForm {
        class: Some("org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows"),
        method: "of",
        after: &[],
        positions: &[(2, &[0, 1]), (3, &[0, 1, 2])],
    },
    DurationForm {
        class: Some(
            "org.apache.flink.streaming.api.windowing.assigners.SlidingProcessingTimeWindows",
        ),
        method: "of",
        after: &[],
        positions: &[(2, &[0, 1]), (3, &[0, 1, 2])],
    },
    DurationForm {
        class: Some("org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows"),
        method: "withGap",
        after: &[],
        positions: &[(1, &[0])],
    },
    DurationForm {
        class: Some(
            "org.apache.flink.streaming.api.windowing.assigners.ProcessingTimeSessionWindows",
        ),
        method: "withGap",
        after: &[],
        positions: &[(1, &[0])],
    },
    DurationForm {
        class: Some("org.apache.flink.streaming.api.windowing.evictors.TimeEvictor"),
        method: "of",
        after: &[],
        positions: &[(1, &[0]), (2, &[0])],
    },
    DurationForm {
        class: Some("org.apache.flink.streaming.api.windowing.triggers.ContinuousEventTimeTrigger"),
        method: "of",
        after: &[],
        positions: &[(1, &[0])],
    },
    DurationForm {
        class: Some(
            "org.apache.flink.streaming.api.windowing.triggers.ContinuousProcessingTimeTrigger",
        ),
        method: "of",
        after: &[],
        positions: &[(1, &[0])],
    },
    DurationForm {
        class: Some(STATE_TTL_CONFIG),
        method: "newBuilder",
        after: &[],
        positions: &[(1, &[0])],
    },
    DurationForm {
        class: None,
        method: "allowedLateness",
        after: WINDOWED,
        positions: &[(1, &[0])],
    },
    DurationForm {
        class: None,
        method: "between",
        after: &[("intervalJoin", None)],
        positions: &[(2, &[0, 1])],
    },
    DurationForm {
        class: None,
        method: "setTtl",
        after: &[("newBuilder", Some(STATE_TTL_CONFIG))],
        positions: &[(1, &[0])],
    },
];

impl Rule for DeprecatedTimeApi {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        let Some(time) = TimeInFile::of(file) else {
            return;
        };
        let target = OnceCell::new();
        let qualified_parts = file
            .nodes_of_kind("scoped_type_identifier")
            .filter_map(|n| n.named_child(n.named_child_count().checked_sub(1)?))
            .map(|n| n.id())
            .collect();
        let check = Check {
            file,
            time: &time,
            target: &target,
            names: OnceCell::new(),
            qualified_parts,
        };
        let mut reported = false;
        for call in file.nodes_of_kind("method_invocation") {
            reported |= check.static_call(call, cx);
        }
        for ty in file.nodes_of_kind("type_identifier") {
            reported |= check.type_use(ty, cx);
        }
        for ty in file.nodes_of_kind("scoped_type_identifier") {
            reported |= check.type_use(ty, cx);
        }
        for reference in file.nodes_of_kind("method_reference") {
            reported |= check.method_reference(reference, cx);
        }
        check.imports(reported, cx);
    }
}

/// How this file refers to Flink's `Time`.
struct TimeInFile<'t> {
    /// The class a plain `Time` names in this file, if it is Flink's.
    simple: Option<&'static str>,
    /// The single-type import of it (`import org.apache.flink….Time;`).
    import: Option<Node<'t>>,
    /// `import org.apache.flink.streaming.api.windowing.time.*;`
    wildcard: Option<Node<'t>>,
    /// Static imports of `Time` members.
    statics: Vec<Node<'t>>,
    /// Byte ranges of the package and import declarations, where names are not uses.
    headers: Vec<Span>,
}

impl<'t> TimeInFile<'t> {
    fn of(file: &'t JavaFile<'_>) -> Option<Self> {
        if !TIME_CLASSES.iter().any(|c| {
            file.text()
                .contains(c.rsplit_once('.').map_or(*c, |(p, _)| p))
        }) {
            return None;
        }
        let root = file.root();
        let mut cursor = root.walk();
        let mut found = Self {
            simple: None,
            import: None,
            wildcard: None,
            statics: Vec::new(),
            headers: Vec::new(),
        };
        let mut on_demand = None;
        let mut other_time = false;
        for node in root.named_children(&mut cursor) {
            match node.kind() {
                "package_declaration" => found.headers.push(JavaFile::span_of(node)),
                "import_declaration" => {
                    found.headers.push(JavaFile::span_of(node));
                    let text = compact(file.text_of(node));
                    let Some(name) = text
                        .strip_prefix("import")
                        .and_then(|t| t.strip_suffix(';'))
                    else {
                        continue;
                    };
                    if let Some(member) = name.strip_prefix("static") {
                        if TIME_CLASSES
                            .iter()
                            .any(|c| member.strip_prefix(c).is_some_and(|m| m.starts_with('.')))
                        {
                            found.statics.push(node);
                        }
                        continue;
                    }
                    if let Some(class) = TIME_CLASSES.iter().find(|c| **c == name) {
                        found.simple = Some(class);
                        found.import = Some(node);
                    } else if name.ends_with(".Time") {
                        other_time = true;
                    } else if let Some(package) = name.strip_suffix(".*")
                        && let Some(class) = TIME_CLASSES
                            .iter()
                            .find(|c| c.rsplit_once('.').is_some_and(|(p, _)| p == package))
                    {
                        on_demand = Some(*class);
                        if package == WINDOWING_TIME_PACKAGE {
                            found.wildcard = Some(node);
                        }
                    }
                }
                _ => {}
            }
        }
        if found.simple.is_none() && !other_time {
            found.simple = on_demand;
        }
        // A class of the file named `Time` hides any import.
        if found.simple.is_some() && scope::class_named(file, "Time").is_some() {
            found.simple = None;
        }
        Some(found)
    }

    fn in_header(&self, node: Node<'_>) -> bool {
        self.headers
            .iter()
            .any(|h| h.start <= node.start_byte() && node.end_byte() <= h.end)
    }
}

/// The text without whitespace (`org.apache . flink` is one name to Java).
fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The names a fix writes, decided once per file.
#[derive(Clone, Copy, Debug)]
struct Names<'t> {
    duration: ClassName<'t>,
    chrono_unit: ClassName<'t>,
    site: ImportSite,
}

const DURATION: &str = "java.time.Duration";
const CHRONO_UNIT: &str = "java.time.temporal.ChronoUnit";

impl<'t> Names<'t> {
    fn of(file: &'t JavaFile<'_>) -> Self {
        Self {
            duration: ClassName::of(file, DURATION),
            chrono_unit: ClassName::of(file, CHRONO_UNIT),
            site: ImportSite::of(file),
        }
    }

    fn duration(&self) -> &'static str {
        if self.duration.simple_name_works() {
            "Duration"
        } else {
            DURATION
        }
    }

    fn chrono_unit(&self) -> &'static str {
        if self.chrono_unit.simple_name_works() {
            "ChronoUnit"
        } else {
            CHRONO_UNIT
        }
    }

    /// The edit that imports what `needs` (Duration, ChronoUnit) and is not imported yet.
    fn import(&self, needs: Needs) -> Option<Edit> {
        let duration = needs.duration && self.duration.needs_import();
        let chrono_unit = needs.chrono_unit && self.chrono_unit.needs_import();
        self.site.edit(
            [(duration, DURATION), (chrono_unit, CHRONO_UNIT)]
                .into_iter()
                .filter_map(|(needed, fqn)| needed.then_some(fqn)),
        )
    }
}

/// Which imports a fix needs.
#[derive(Clone, Copy, Debug, Default)]
struct Needs {
    duration: bool,
    chrono_unit: bool,
}

/// One `Time` factory call and the `Duration` call that replaces it.
struct Factory<'t> {
    call: Node<'t>,
    /// The edits that turn the call into the `Duration` call.
    edits: Vec<Edit>,
    needs: Needs,
    /// `Duration.ofSeconds(5)`, for messages (shortened when long).
    replacement: String,
    /// Why the rewrite keeps its meaning only for some amounts, if it does.
    caveat: Option<&'static str>,
}

/// What a `Time` expression is handed to.
enum Context<'t> {
    /// An argument (at `index`) of the call or constructor `callee`.
    Argument {
        callee: Node<'t>,
        index: usize,
    },
    /// The receiver of `.toMilliseconds()` (the name node given).
    ToMilliseconds(Node<'t>),
    /// The initialiser of a variable declared with the type `ty`, or the value returned by
    /// a method (or lambda, `ty` then `None`) whose return type is `ty`.
    Initializer {
        ty: Node<'t>,
    },
    Returned {
        ty: Option<Node<'t>>,
    },
    Other,
}

/// The result of weighing a fix.
struct Proposal {
    fix: Option<Fix>,
    /// How the message ends: what takes the `Duration`, or why nothing does.
    reason: String,
    help: String,
}

struct Check<'t, 'a> {
    file: &'t JavaFile<'a>,
    time: &'t TimeInFile<'t>,
    target: &'t OnceCell<Option<Version>>,
    names: OnceCell<Names<'t>>,
    /// The `type_identifier`s that are the last part of a qualified type (`a.b.Time`): judged
    /// with the qualified name, not on their own.
    qualified_parts: std::collections::HashSet<usize>,
}

impl<'t> Check<'t, '_> {
    fn target(&self, cx: &Ctx<'_>) -> Option<Version> {
        *self
            .target
            .get_or_init(|| cx.target_version(Product::Flink))
    }

    fn names(&self) -> &Names<'t> {
        self.names.get_or_init(|| Names::of(self.file))
    }

    fn severity(&self, cx: &Ctx<'_>) -> Severity {
        match self.target(cx) {
            Some(v) if v.major >= 2 => Severity::Error,
            Some(v) if v >= DEPRECATED_IN => Severity::Warning,
            _ => Severity::Info,
        }
    }

    /// "deprecated since Flink 1.19 (the target is 1.20) and removed in 2.0".
    fn status(&self, cx: &Ctx<'_>) -> String {
        match self.target(cx) {
            None => "deprecated since Flink 1.19 and removed in 2.0".to_owned(),
            Some(v) if v.major >= 2 => format!("removed in Flink 2.0 (the target is {v})"),
            Some(v) if v >= DEPRECATED_IN => {
                format!("deprecated since Flink 1.19 (the target is {v}) and removed in 2.0")
            }
            Some(v) => {
                format!("deprecated from Flink 1.19 (the target is {v}) and removed in 2.0")
            }
        }
    }

    /// Whether `node` (an identifier or a qualified name) names Flink's `Time` here.
    fn names_time(&self, node: Node<'_>) -> bool {
        match node.kind() {
            "identifier" | "type_identifier" => {
                self.time.simple.is_some()
                    && self.file.text_of(node) == "Time"
                    && (node.kind() == "type_identifier"
                        || scope::resolve(self.file, node, "Time").is_none())
            }
            "field_access" | "scoped_identifier" | "scoped_type_identifier" => {
                TIME_CLASSES.contains(&compact(self.file.text_of(node)).as_str())
            }
            _ => false,
        }
    }

    /// A static call on `Time` (`Time.seconds(5)`): reported unless it initialises a variable
    /// declared as `Time` (reported at the type). Returns whether it was reported.
    fn static_call(&self, call: Node<'t>, cx: &mut Ctx<'_>) -> bool {
        let Some(object) = call.child_by_field_name("object") else {
            return false;
        };
        if !self.names_time(object) {
            return false;
        }
        let path = ancestors(self.file.root(), call);
        let context = context(self.file, &path, call);
        // Reported at the declared type instead.
        match context {
            Context::Initializer { ty } | Context::Returned { ty: Some(ty) }
                if self.names_time(ty) =>
            {
                return false;
            }
            _ => {}
        }
        let text = shorten(self.file.text_of(call));
        let factory = self.factory(call);
        let proposal = match &factory {
            Some(factory) => self.propose(factory, &context, cx),
            None => Proposal {
                fix: None,
                reason: "use `java.time.Duration` instead".to_owned(),
                help: "replace it with a `java.time.Duration` and the `Duration` form of the \
                       method it is passed to"
                    .to_owned(),
            },
        };
        let severity = self.severity(cx);
        let message = format!(
            "`{text}` uses Flink's `Time`, {}: {}",
            self.status(cx),
            proposal.reason
        );
        let mut reported = cx.report(severity, JavaFile::span_of(call), message);
        reported.help(proposal.help);
        if let Some(fix) = proposal.fix {
            reported.fix(fix);
        }
        true
    }

    /// The `Duration` call for a `Time` factory call, when it has one with the same meaning.
    fn factory(&self, call: Node<'t>) -> Option<Factory<'t>> {
        let object = call.child_by_field_name("object")?;
        let name = call.child_by_field_name("name")?;
        let method = self.file.text_of(name);
        let args = arguments(call);
        let names = self.names();
        let mut edits = vec![Edit::replace(JavaFile::span_of(object), names.duration())];
        let mut needs = Needs {
            duration: true,
            chrono_unit: false,
        };
        let mut caveat = None;
        match (method, args.as_slice()) {
            ("of", [amount, unit]) => {
                let chrono = self.chrono_unit(*unit)?;
                if matches!(chrono, "NANOS" | "MICROS")
                    && amount.kind() != "decimal_integer_literal"
                {
                    caveat = Some(
                        "below a millisecond a negative amount rounds differently, and the \
                         amount is not a literal",
                    );
                }
                edits.push(Edit::replace(
                    JavaFile::span_of(*unit),
                    format!("{}.{chrono}", names.chrono_unit()),
                ));
                needs.chrono_unit = true;
            }
            (_, [_]) => {
                let (_, duration) = FACTORIES.iter().find(|(time, _)| *time == method)?;
                edits.push(Edit::replace(JavaFile::span_of(name), *duration));
            }
            _ => return None,
        }
        let replacement = shorten(&apply_local(self.file.text(), call, &edits));
        Some(Factory {
            call,
            edits,
            needs,
            replacement,
            caveat,
        })
    }

    /// The `ChronoUnit` constant for a `TimeUnit` constant argument (`TimeUnit.SECONDS`, or a
    /// statically imported `SECONDS`).
    fn chrono_unit(&self, unit: Node<'_>) -> Option<&'static str> {
        let file = self.file;
        let constant = match unit.kind() {
            "field_access" => {
                let class = compact(file.text_of(unit.child_by_field_name("object")?));
                let time_unit = class == "java.util.concurrent.TimeUnit"
                    || (class == "TimeUnit" && file.refers_to("java.util.concurrent.TimeUnit"));
                if !time_unit {
                    return None;
                }
                file.text_of(unit.child_by_field_name("field")?)
            }
            "identifier" => {
                let name = file.text_of(unit);
                let imported = file.imports().iter().any(|i| {
                    i.strip_prefix("java.util.concurrent.TimeUnit.")
                        .is_some_and(|m| m == name || m == "*")
                });
                if !imported {
                    return None;
                }
                name
            }
            _ => return None,
        };
        UNITS
            .iter()
            .find(|(time_unit, _)| *time_unit == constant)
            .map(|(_, chrono)| *chrono)
    }

    /// The fix for a factory call in its context, and how to explain it.
    fn propose(&self, factory: &Factory<'t>, context: &Context<'t>, cx: &Ctx<'_>) -> Proposal {
        let replacement = &factory.replacement;
        let help = format!("replace it with `{replacement}` (`java.time.Duration`)");
        match context {
            Context::Argument { callee, index } => {
                let method = chain::method_name(self.file, *callee);
                let constructed = (callee.kind() == "object_creation_expression")
                    .then(|| callee.child_by_field_name("type"))
                    .flatten()
                    .map(|t| compact(self.file.text_of(t)));
                let simple = constructed.as_deref().map(scope::simple_type_name);
                let name = simple.unwrap_or(method);
                if let Some((_, what, instead)) =
                    TIME_ONLY.iter().find(|(known, _, _)| *known == name)
                {
                    return Proposal {
                        fix: None,
                        reason: format!(
                            "{what} `{name}` takes only a `Time` and is removed in 2.0 as well"
                        ),
                        help: instead.replace("{}", replacement),
                    };
                }
                if let Some(positions) = self.duration_form(*callee)
                    && positions.contains(index)
                {
                    return self.propose_for_method(factory, *callee, positions, cx);
                }
                let shown = match simple {
                    Some(class) => format!("the constructor of `{class}`"),
                    None if method.is_empty() => "the call".to_owned(),
                    None => format!("`{method}`"),
                };
                self.unsafe_proposal(
                    factory,
                    &format!("{shown} is not known to take a `Duration`"),
                    help,
                )
            }
            Context::ToMilliseconds(name) => {
                let mut edits = factory.edits.clone();
                edits.push(Edit::replace(JavaFile::span_of(*name), "toMillis"));
                let fix = self.fix(factory.caveat, &edits, factory.needs, || {
                    format!(
                        "replace it with `{replacement}` and `toMilliseconds()` with `toMillis()`"
                    )
                });
                Proposal {
                    fix: Some(fix),
                    reason: format!("use `{replacement}.toMillis()`"),
                    help,
                }
            }
            Context::Initializer { .. } => self.unsafe_proposal(
                factory,
                "the variable's type becomes `Duration`, and its other uses may expect a `Time`",
                help,
            ),
            Context::Returned { .. } | Context::Other => {
                self.unsafe_proposal(factory, "the surrounding code may expect a `Time`", help)
            }
        }
    }

    /// The fix for a `Time` argument of a method with a `Duration` form: every `Time` argument
    /// of the call is rewritten, safely when the target version has that form.
    fn propose_for_method(
        &self,
        factory: &Factory<'t>,
        callee: Node<'t>,
        positions: &[usize],
        cx: &Ctx<'_>,
    ) -> Proposal {
        let method = self.shown_method(callee);
        let replacement = &factory.replacement;
        let args = arguments(callee);
        let mut edits = Vec::new();
        let mut needs = Needs::default();
        let mut caveat = factory.caveat;
        for &i in positions {
            let Some(arg) = args.get(i).copied().and_then(scope::unparenthesize) else {
                continue;
            };
            let sibling = if arg.id() == factory.call.id() {
                None
            } else {
                Some(arg)
            };
            let converted = match sibling {
                None => Some((factory.edits.clone(), factory.needs, factory.caveat)),
                Some(arg) => (arg.kind() == "method_invocation")
                    .then(|| arg.child_by_field_name("object"))
                    .flatten()
                    .filter(|o| self.names_time(*o))
                    .and_then(|_| self.factory(arg))
                    .map(|f| (f.edits, f.needs, f.caveat)),
            };
            let Some((more, more_needs, more_caveat)) = converted else {
                // Another argument is a `Time` that cannot be rewritten here (a variable):
                // the call would mix `Time` and `Duration`.
                return Proposal {
                    fix: None,
                    reason: format!(
                        "`{method}` takes a `Duration` since Flink 1.19, for all of its time \
                         arguments at once"
                    ),
                    help: format!(
                        "pass `Duration` values for every time argument of `{method}`, such as \
                         `{replacement}`"
                    ),
                };
            };
            edits.extend(more);
            needs.duration |= more_needs.duration;
            needs.chrono_unit |= more_needs.chrono_unit;
            caveat = caveat.or(more_caveat);
        }
        let reason = format!("`{method}` takes `{replacement}` since Flink 1.19");
        let help = format!("replace it with `{replacement}` (`java.time.Duration`)");
        let describe = || {
            if positions.len() > 1 {
                format!("pass `Duration` values to `{method}`: `{replacement}`")
            } else {
                format!("replace it with `{replacement}`")
            }
        };
        let version_caveat = match self.target(cx) {
            None => Some(format!(
                "`{method}` takes a `Duration` only from Flink 1.19 on, and the target version \
                 is unknown"
            )),
            Some(v) if v < DEPRECATED_IN => Some(format!(
                "`{method}` takes a `Duration` only from Flink 1.19 on, and the target is {v}"
            )),
            Some(_) => None,
        };
        let why = version_caveat.as_deref().or(caveat);
        Proposal {
            fix: Some(self.fix(why, &edits, needs, describe)),
            reason,
            help,
        }
    }

    /// A method as messages show it: `TumblingEventTimeWindows.of` for a static method, the
    /// name alone for an instance method.
    fn shown_method(&self, callee: Node<'_>) -> String {
        let method = chain::method_name(self.file, callee);
        let class = callee
            .child_by_field_name("object")
            .filter(|o| {
                matches!(
                    o.kind(),
                    "identifier" | "field_access" | "scoped_identifier"
                )
            })
            .map(|o| compact(self.file.text_of(o)))
            .and_then(|o| o.rsplit('.').next().map(str::to_owned))
            .filter(|simple| simple.starts_with(|c: char| c.is_ascii_uppercase()));
        match class {
            Some(class) => format!("{class}.{method}"),
            None => method.to_owned(),
        }
    }

    /// A fix that rewrites only this call, unsafe for `why`.
    fn unsafe_proposal(&self, factory: &Factory<'t>, why: &str, help: String) -> Proposal {
        let replacement = &factory.replacement;
        let fix = Fix::unsafe_fix(
            format!("replace it with `{replacement}`: unsafe, {why}"),
            edits_with_import(self.names(), factory.edits.clone(), factory.needs),
        );
        Proposal {
            fix: Some(fix),
            reason: format!("use `{replacement}`; {why}"),
            help,
        }
    }

    /// A fix of `edits`, safe unless `caveat` says why not.
    fn fix(
        &self,
        caveat: Option<&str>,
        edits: &[Edit],
        needs: Needs,
        describe: impl Fn() -> String,
    ) -> Fix {
        let edits = edits_with_import(self.names(), edits.to_vec(), needs);
        match caveat {
            Some(why) => Fix::unsafe_fix(format!("{}: unsafe, {why}", describe()), edits),
            None => Fix::safe(describe(), edits),
        }
    }

    /// The `Time` positions of `callee` when it is a method with a `Duration` form.
    fn duration_form(&self, callee: Node<'t>) -> Option<&'static [usize]> {
        if callee.kind() != "method_invocation" {
            return None;
        }
        let method = chain::method_name(self.file, callee);
        let arity = arguments(callee).len();
        let object = callee.child_by_field_name("object");
        DURATION_FORMS
            .iter()
            .filter(|form| form.method == method)
            .find(|form| match form.class {
                Some(class) => object.is_some_and(|o| self.names_class(o, class)),
                None => self.chain_has(callee, form.after),
            })
            .and_then(|form| {
                form.positions
                    .iter()
                    .find(|(n, _)| *n == arity)
                    .map(|(_, p)| *p)
            })
    }

    /// Whether `node` names the class `fqn` (imported by name or on demand, or qualified).
    fn names_class(&self, node: Node<'_>, fqn: &str) -> bool {
        matches!(
            node.kind(),
            "identifier" | "field_access" | "scoped_identifier"
        ) && scope::names_class(self.file, self.file.text_of(node), fqn)
            && (node.kind() != "identifier"
                || scope::resolve(self.file, node, self.file.text_of(node)).is_none())
    }

    /// Whether a call before `callee` in its chain is one of `after` (of the class given).
    fn chain_has(&self, callee: Node<'t>, after: &[(&str, Option<&str>)]) -> bool {
        chain::calls(self.file, callee)
            .into_iter()
            .take_while(|c| c.id() != callee.id())
            .any(|c| {
                let name = chain::method_name(self.file, c);
                after.iter().any(|(method, class)| {
                    *method == name
                        && class.is_none_or(|class| {
                            c.child_by_field_name("object")
                                .is_some_and(|o| self.names_class(o, class))
                        })
                })
            })
    }

    /// `Time` written as a type: reported at each use, without a fix (the variable's uses
    /// need a person).
    fn type_use(&self, ty: Node<'_>, cx: &mut Ctx<'_>) -> bool {
        if self.qualified_parts.contains(&ty.id())
            || !self.names_time(ty)
            || self.time.in_header(ty)
        {
            return false;
        }
        let subject = match declared(self.file, ty) {
            Some(Declared::Variable(name)) => format!("`{name}` is declared as Flink's `Time`"),
            Some(Declared::Method(name)) => format!("`{name}` returns Flink's `Time`"),
            None => "Flink's `Time` is used as a type here".to_owned(),
        };
        let message = format!("{subject}, {}", self.status(cx));
        let severity = self.severity(cx);
        cx.report(severity, JavaFile::span_of(ty), message).help(
            "declare it as `java.time.Duration` (`toMilliseconds()` becomes `toMillis()`) and pass \
             it to the `Duration` form of the methods that take it",
        );
        true
    }

    /// `Time::seconds`.
    fn method_reference(&self, reference: Node<'_>, cx: &mut Ctx<'_>) -> bool {
        let Some(object) = reference.named_child(0) else {
            return false;
        };
        if !self.names_time(object) {
            return false;
        }
        let text = shorten(self.file.text_of(reference));
        let message = format!("`{text}` uses Flink's `Time`, {}", self.status(cx));
        let severity = self.severity(cx);
        cx.report(severity, JavaFile::span_of(reference), message)
            .help(
                "refer to the `java.time.Duration` factory instead, such as `Duration::ofSeconds`",
            );
        true
    }

    /// The imports: an import of `Time` that nothing uses any more (with a safe fix that
    /// removes it), static imports of `Time` members, and the wildcard import of the removed
    /// package in a file that no longer uses `Time`.
    fn imports(&self, reported: bool, cx: &mut Ctx<'_>) {
        let file = self.file;
        for import in &self.time.statics {
            let message = format!(
                "`{}` imports from Flink's `Time`, {}",
                compact(file.text_of(*import)),
                self.status(cx)
            );
            let severity = self.severity(cx);
            cx.report(severity, JavaFile::span_of(*import), message)
                .help("use the factories of `java.time.Duration` instead");
        }
        if reported || self.uses_simple_time() {
            return;
        }
        if let Some(import) = self.time.import {
            let name = compact(file.text_of(import));
            let class = name
                .trim_start_matches("import")
                .trim_end_matches(';')
                .to_owned();
            let message = format!(
                "`{class}` is imported but not used: the class is {}",
                self.status(cx)
            );
            let severity = self.severity(cx);
            cx.report(severity, JavaFile::span_of(import), message)
                .help("remove the import")
                .fix(Fix::safe(
                    "remove the unused import of Flink's `Time`",
                    vec![Edit::delete(line_removal(file.text(), import))],
                ));
        } else if let Some(wildcard) = self.time.wildcard {
            let message = format!(
                "`{WINDOWING_TIME_PACKAGE}.*` is imported but nothing of it is used: its only \
                 class, `Time`, is {}",
                self.status(cx)
            );
            let severity = self.severity(cx);
            cx.report(severity, JavaFile::span_of(wildcard), message)
                .help("remove the import")
                .fix(Fix::safe(
                    "remove the unused import of Flink's `Time` package",
                    vec![Edit::delete(line_removal(file.text(), wildcard))],
                ));
        }
    }

    /// Whether a plain `Time` appears anywhere but in the imports (a use the rule does not
    /// report keeps the import too).
    fn uses_simple_time(&self) -> bool {
        let file = self.file;
        file.identifiers_named("Time")
            .chain(
                file.nodes_of_kind("type_identifier")
                    .filter(|n| file.text_of(*n) == "Time"),
            )
            .any(|n| !self.time.in_header(n))
    }
}

/// `edits`, plus the import they need.
fn edits_with_import(names: &Names, mut edits: Vec<Edit>, needs: Needs) -> Vec<Edit> {
    edits.extend(names.import(needs));
    edits
}

/// The text of `node` with `edits` (all inside it) applied.
fn apply_local(text: &str, node: Node<'_>, edits: &[Edit]) -> String {
    let (start, end) = (node.start_byte(), node.end_byte());
    let mut out = String::new();
    let mut at = start;
    for edit in edits {
        if edit.span.start < at || edit.span.end > end {
            continue;
        }
        out.push_str(text.get(at..edit.span.start).unwrap_or(""));
        out.push_str(&edit.content);
        at = edit.span.end;
    }
    out.push_str(text.get(at..end).unwrap_or(""));
    out
}

/// Source text for a message: one line, at most 60 characters.
fn shorten(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= 60 {
        return one_line;
    }
    let head: String = one_line.chars().take(57).collect();
    format!("{head}…")
}

/// Where a `Time` expression (`node`, inside `path`) goes.
fn context<'t>(file: &JavaFile<'_>, path: &[Node<'t>], node: Node<'t>) -> Context<'t> {
    // Through parentheses.
    let mut expr = node;
    let mut i = path.len();
    while i > 0 && path[i - 1].kind() == "parenthesized_expression" {
        i -= 1;
        expr = path[i];
    }
    let Some(parent) = i.checked_sub(1).and_then(|p| path.get(p)).copied() else {
        return Context::Other;
    };
    let grandparent = i.checked_sub(2).and_then(|p| path.get(p)).copied();
    match parent.kind() {
        "argument_list" => {
            let Some(callee) = grandparent else {
                return Context::Other;
            };
            let mut cursor = parent.walk();
            let index = parent
                .named_children(&mut cursor)
                .filter(|n| !n.kind().ends_with("comment"))
                .position(|n| n.id() == expr.id());
            match index {
                Some(index) => Context::Argument { callee, index },
                None => Context::Other,
            }
        }
        "method_invocation"
            if parent
                .child_by_field_name("object")
                .is_some_and(|o| o.id() == expr.id()) =>
        {
            let name = parent.child_by_field_name("name");
            match name {
                Some(name)
                    if file.text_of(name) == "toMilliseconds" && arguments(parent).is_empty() =>
                {
                    Context::ToMilliseconds(name)
                }
                _ => Context::Other,
            }
        }
        "variable_declarator"
            if parent
                .child_by_field_name("value")
                .is_some_and(|v| v.id() == expr.id()) =>
        {
            match grandparent.and_then(|g| g.child_by_field_name("type")) {
                Some(ty) => Context::Initializer { ty },
                None => Context::Other,
            }
        }
        "return_statement" => {
            let method = path[..i]
                .iter()
                .rev()
                .find(|n| matches!(n.kind(), "method_declaration" | "lambda_expression"));
            Context::Returned {
                ty: method.and_then(|m| m.child_by_field_name("type")),
            }
        }
        _ => Context::Other,
    }
}

/// What a type written at `ty` declares.
enum Declared<'a> {
    /// A field, variable or parameter of that type.
    Variable(&'a str),
    /// A method returning it.
    Method(&'a str),
}

fn declared<'a>(file: &JavaFile<'a>, ty: Node<'_>) -> Option<Declared<'a>> {
    let path = ancestors(file.root(), ty);
    let parent = path.last()?;
    if parent.child_by_field_name("type").map(|t| t.id()) != Some(ty.id()) {
        return None;
    }
    let name = |node: Node<'_>| node.child_by_field_name("name").map(|n| file.text_of(n));
    match parent.kind() {
        "formal_parameter" | "spread_parameter" => name(*parent).map(Declared::Variable),
        "local_variable_declaration" | "field_declaration" => {
            name(parent.child_by_field_name("declarator")?).map(Declared::Variable)
        }
        "method_declaration" => name(*parent).map(Declared::Method),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use bdl_core::{Applicability, Diagnostic, Targets};
    use bdl_syntax::fix::fixed_point;

    use super::*;

    const RULE: DeprecatedTimeApi = DeprecatedTimeApi;
    const PATH: &str = "src/main/java/com/example/Job.java";
    const V120: Option<(u16, u16)> = Some((1, 20));

    fn targets(version: Option<(u16, u16)>) -> Targets {
        match version {
            Some((major, minor)) => Targets::NONE.with(Product::Flink, Version::new(major, minor)),
            None => Targets::NONE,
        }
    }

    fn found(text: &str, version: Option<(u16, u16)>) -> Vec<Diagnostic> {
        bdl_syntax::check_one_with_targets(&RULE, PATH, text, &targets(version))
    }

    /// The findings as (severity, flagged text, fix applicability).
    fn summary(
        text: &str,
        version: Option<(u16, u16)>,
    ) -> Vec<(Severity, String, Option<Applicability>)> {
        found(text, version)
            .into_iter()
            .map(|d| {
                (
                    d.severity,
                    d.span.slice(text).to_owned(),
                    d.fix.map(|f| f.applicability),
                )
            })
            .collect()
    }

    /// The text after `--fix` (with `unsafe_fixes`, `--fix --unsafe-fixes`), checked to be a
    /// fixed point that parses as well as the original.
    fn fixed(text: &str, version: Option<(u16, u16)>, unsafe_fixes: bool) -> String {
        fixed_point(&RULE, PATH, text, &targets(version), unsafe_fixes)
            .unwrap_or_else(|e| panic!("{e}"))
            .0
    }

    fn job(imports: &str, body: &str) -> String {
        format!(
            "package com.example;\n\n{imports}\n\npublic class Job {{\n    void run(Stream s) {{\n{body}\n    }}\n}}\n"
        )
    }

    const TIME: &str = "import org.apache.flink.streaming.api.windowing.time.Time;";
    const TUMBLING: &str =
        "import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;";

    #[test]
    fn severity_follows_the_target_version() {
        let src = job(TIME, "        s.foo(Time.seconds(5));");
        for (version, severity) in [
            (None, Severity::Info),
            (Some((1, 17)), Severity::Info),
            (Some((1, 19)), Severity::Warning),
            (V120, Severity::Warning),
            (Some((2, 0)), Severity::Error),
            (Some((2, 2)), Severity::Error),
        ] {
            let found = found(&src, version);
            assert_eq!(found.len(), 1, "{version:?}");
            assert_eq!(found[0].severity, severity, "{version:?}");
        }
        let message = &found(&src, Some((1, 17)))[0].message;
        assert_eq!(
            message,
            "`Time.seconds(5)` uses Flink's `Time`, deprecated from Flink 1.19 (the target is \
             1.17) and removed in 2.0: use `Duration.ofSeconds(5)`; `foo` is not known to take \
             a `Duration`"
        );
        assert!(
            found(&src, Some((2, 0)))[0]
                .message
                .contains("removed in Flink 2.0 (the target is 2.0)")
        );
    }

    #[test]
    fn every_factory_becomes_its_duration_factory() {
        let body = "        s.window(TumblingEventTimeWindows.of(Time.milliseconds(500)));\n\
                    \x20       s.window(TumblingEventTimeWindows.of(Time.seconds(5)));\n\
                    \x20       s.window(TumblingEventTimeWindows.of(Time.minutes(5)));\n\
                    \x20       s.window(TumblingEventTimeWindows.of(Time.hours(5)));\n\
                    \x20       s.window(TumblingEventTimeWindows.of(Time.days(5)));";
        let src = job(&format!("{TUMBLING}\n{TIME}"), body);
        let want = job(
            &format!("{TUMBLING}\nimport java.time.Duration;"),
            "        s.window(TumblingEventTimeWindows.of(Duration.ofMillis(500)));\n\
             \x20       s.window(TumblingEventTimeWindows.of(Duration.ofSeconds(5)));\n\
             \x20       s.window(TumblingEventTimeWindows.of(Duration.ofMinutes(5)));\n\
             \x20       s.window(TumblingEventTimeWindows.of(Duration.ofHours(5)));\n\
             \x20       s.window(TumblingEventTimeWindows.of(Duration.ofDays(5)));",
        );
        assert_eq!(fixed(&src, V120, false), want);
    }

    #[test]
    fn time_of_maps_every_time_unit_to_chrono_unit() {
        let imports = format!(
            "{TUMBLING}\n{TIME}\nimport java.util.concurrent.TimeUnit;\n\
             import static java.util.concurrent.TimeUnit.HOURS;"
        );
        let body = "        s.window(TumblingEventTimeWindows.of(Time.of(1, TimeUnit.NANOSECONDS)));\n\
                    \x20       s.window(TumblingEventTimeWindows.of(Time.of(2, TimeUnit.MICROSECONDS)));\n\
                    \x20       s.window(TumblingEventTimeWindows.of(Time.of(3, TimeUnit.MILLISECONDS)));\n\
                    \x20       s.window(TumblingEventTimeWindows.of(Time.of(4, TimeUnit.SECONDS)));\n\
                    \x20       s.window(TumblingEventTimeWindows.of(Time.of(5, TimeUnit.MINUTES)));\n\
                    \x20       s.window(TumblingEventTimeWindows.of(Time.of(6, HOURS)));\n\
                    \x20       s.window(TumblingEventTimeWindows.of(Time.of(7, java.util.concurrent.TimeUnit.DAYS)));";
        let want = job(
            &format!(
                "{TUMBLING}\nimport java.util.concurrent.TimeUnit;\n\
                 import static java.util.concurrent.TimeUnit.HOURS;\n\
                 import java.time.Duration;\nimport java.time.temporal.ChronoUnit;"
            ),
            "        s.window(TumblingEventTimeWindows.of(Duration.of(1, ChronoUnit.NANOS)));\n\
             \x20       s.window(TumblingEventTimeWindows.of(Duration.of(2, ChronoUnit.MICROS)));\n\
             \x20       s.window(TumblingEventTimeWindows.of(Duration.of(3, ChronoUnit.MILLIS)));\n\
             \x20       s.window(TumblingEventTimeWindows.of(Duration.of(4, ChronoUnit.SECONDS)));\n\
             \x20       s.window(TumblingEventTimeWindows.of(Duration.of(5, ChronoUnit.MINUTES)));\n\
             \x20       s.window(TumblingEventTimeWindows.of(Duration.of(6, ChronoUnit.HOURS)));\n\
             \x20       s.window(TumblingEventTimeWindows.of(Duration.of(7, ChronoUnit.DAYS)));",
        );
        assert_eq!(fixed(&job(&imports, body), V120, false), want);
        // A unit that is a variable has no fix; a sub-millisecond amount that is not a literal
        // only an unsafe one.
        let src = job(
            &format!("{TUMBLING}\n{TIME}\nimport java.util.concurrent.TimeUnit;"),
            "        s.window(TumblingEventTimeWindows.of(Time.of(1, unit)));\n\
             \x20       s.window(TumblingEventTimeWindows.of(Time.of(n, TimeUnit.MICROSECONDS)));",
        );
        assert_eq!(
            summary(&src, V120)
                .into_iter()
                .map(|(_, _, fix)| fix)
                .collect::<Vec<_>>(),
            [None, Some(Applicability::Unsafe)]
        );
    }

    #[test]
    fn all_time_arguments_of_a_call_change_together() {
        let sliding =
            "import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;";
        let src = job(
            &format!("{sliding}\n{TIME}"),
            "        s.window(SlidingEventTimeWindows.of(Time.minutes(10), /* slide */ Time.seconds(30)));",
        );
        let want = job(
            &format!("{sliding}\nimport java.time.Duration;"),
            "        s.window(SlidingEventTimeWindows.of(Duration.ofMinutes(10), /* slide */ Duration.ofSeconds(30)));",
        );
        assert_eq!(fixed(&src, V120, false), want);
        // With a `Time` variable as the other argument no fix applies: the call would mix
        // `Time` and `Duration`.
        let src = job(
            &format!("{sliding}\n{TIME}"),
            "        s.window(SlidingEventTimeWindows.of(size, Time.seconds(30)));",
        );
        assert_eq!(summary(&src, V120)[0].2, None);
        assert_eq!(fixed(&src, V120, true), src);
    }

    #[test]
    fn safe_only_where_the_target_has_the_duration_form() {
        let src = job(
            &format!("{TUMBLING}\n{TIME}"),
            "        s.window(TumblingEventTimeWindows.of(Time.seconds(5))).allowedLateness(Time.seconds(1));",
        );
        let want = job(
            &format!("{TUMBLING}\nimport java.time.Duration;"),
            "        s.window(TumblingEventTimeWindows.of(Duration.ofSeconds(5))).allowedLateness(Duration.ofSeconds(1));",
        );
        for version in [Some((1, 19)), V120, Some((2, 0))] {
            assert_eq!(fixed(&src, version, false), want, "{version:?}");
        }
        // Unknown or before 1.19: unsafe, and the fix says why.
        for version in [None, Some((1, 17))] {
            assert_eq!(fixed(&src, version, false), src, "{version:?}");
            assert_eq!(fixed(&src, version, true), want, "{version:?}");
        }
        let unknown = found(&src, None);
        let message = unknown[1].fix.as_ref().map(|f| f.message.as_str());
        assert_eq!(
            message,
            Some(
                "replace it with `Duration.ofSeconds(1)`: unsafe, `allowedLateness` takes a \
                 `Duration` only from Flink 1.19 on, and the target version is unknown"
            )
        );
        let old = found(&src, Some((1, 17)));
        assert!(
            old[0]
                .fix
                .as_ref()
                .is_some_and(|f| f.message.ends_with("and the target is 1.17")),
            "{old:#?}"
        );
    }

    #[test]
    fn receivers_are_proved() {
        // `allowedLateness` without a window before it, a `TumblingEventTimeWindows` of another
        // package, `between` without `intervalJoin`: unsafe.
        let src = job(
            &format!("{TIME}\nimport com.example.windows.TumblingEventTimeWindows;"),
            "        s.allowedLateness(Time.seconds(1));\n\
             \x20       s.window(TumblingEventTimeWindows.of(Time.seconds(5)));\n\
             \x20       s.between(Time.seconds(-1), Time.seconds(1));",
        );
        let fixes: Vec<_> = summary(&src, V120).into_iter().map(|(_, _, f)| f).collect();
        assert_eq!(fixes, [Some(Applicability::Unsafe); 4]);
        // Proved: an interval join, a TTL builder, a session gap and an evictor.
        let imports = "import org.apache.flink.api.common.state.StateTtlConfig;\n\
             import org.apache.flink.api.common.time.Time;\n\
             import org.apache.flink.streaming.api.windowing.assigners.*;\n\
             import org.apache.flink.streaming.api.windowing.evictors.TimeEvictor;";
        let src = job(
            imports,
            "        a.keyBy(k).intervalJoin(b.keyBy(k)).between(Time.seconds(-5), Time.seconds(5));\n\
             \x20       StateTtlConfig ttl = StateTtlConfig.newBuilder(Time.hours(1)).setTtl(Time.hours(2)).build();\n\
             \x20       s.window(EventTimeSessionWindows.withGap(Time.minutes(30))).evictor(TimeEvictor.of(Time.seconds(10)));",
        );
        let want = job(
            "import org.apache.flink.api.common.state.StateTtlConfig;\n\
             import org.apache.flink.streaming.api.windowing.assigners.*;\n\
             import org.apache.flink.streaming.api.windowing.evictors.TimeEvictor;\n\
             import java.time.Duration;",
            "        a.keyBy(k).intervalJoin(b.keyBy(k)).between(Duration.ofSeconds(-5), Duration.ofSeconds(5));\n\
             \x20       StateTtlConfig ttl = StateTtlConfig.newBuilder(Duration.ofHours(1)).setTtl(Duration.ofHours(2)).build();\n\
             \x20       s.window(EventTimeSessionWindows.withGap(Duration.ofMinutes(30))).evictor(TimeEvictor.of(Duration.ofSeconds(10)));",
        );
        assert_eq!(fixed(&src, V120, false), want);
    }

    #[test]
    fn to_milliseconds_becomes_to_millis() {
        let src = job(TIME, "        long ms = Time.minutes(1).toMilliseconds();");
        let want = job(
            "import java.time.Duration;",
            "        long ms = Duration.ofMinutes(1).toMillis();",
        );
        // Plain `java.time`: safe whatever the target.
        assert_eq!(fixed(&src, None, false), want);
    }

    #[test]
    fn other_places_get_an_unsafe_fix_or_none() {
        let src = job(
            &format!(
                "{TIME}\nimport org.apache.flink.api.common.restartstrategy.RestartStrategies;"
            ),
            "        env.setRestartStrategy(RestartStrategies.fixedDelayRestart(3, Time.seconds(10)));\n\
             \x20       s.keyBy(k).timeWindow(Time.minutes(1));\n\
             \x20       var gap = Time.minutes(3);\n\
             \x20       return Time.hours(1);",
        );
        let found = found(&src, V120);
        let fixes: Vec<_> = found
            .iter()
            .map(|d| d.fix.as_ref().map(|f| f.applicability))
            .collect();
        assert_eq!(
            fixes,
            [
                Some(Applicability::Unsafe),
                None,
                Some(Applicability::Unsafe),
                Some(Applicability::Unsafe)
            ]
        );
        assert!(
            found[1]
                .message
                .contains("`timeWindow` takes only a `Time`"),
            "{}",
            found[1].message
        );
        assert!(
            found[1]
                .help
                .as_deref()
                .is_some_and(|h| h.contains("TumblingEventTimeWindows.of(Duration.ofMinutes(1))"))
        );
        assert!(
            found[2]
                .fix
                .as_ref()
                .is_some_and(|f| f.message.contains("the variable's type becomes `Duration`"))
        );
        assert_eq!(fixed(&src, V120, false), src);
    }

    #[test]
    fn time_only_apis_get_guidance_instead_of_a_fix() {
        let src = job(
            &format!("{TIME}\nimport org.apache.flink.api.common.time.Time;"),
            "        s.assignTimestampsAndWatermarks(new BoundedOutOfOrdernessTimestampExtractor<Event>(Time.seconds(5)) {});\n\
             \x20       tEnv.getConfig().setIdleStateRetentionTime(Time.hours(12), Time.hours(24));",
        );
        let found = found(&src, V120);
        assert!(found.iter().all(|d| d.fix.is_none()), "{found:#?}");
        let helps: Vec<_> = found.iter().filter_map(|d| d.help.as_deref()).collect();
        assert_eq!(
            helps,
            [
                "assign watermarks with `WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofSeconds(5))`",
                "use `TableConfig.setIdleStateRetention(Duration.ofHours(12))`, which takes one retention time",
                "use `TableConfig.setIdleStateRetention(Duration.ofHours(24))`, which takes one retention time",
            ]
        );
        assert!(found[0].message.ends_with(
            "the class `BoundedOutOfOrdernessTimestampExtractor` takes only a `Time` and is removed in 2.0 as well"
        ));
    }

    #[test]
    fn declared_types_are_reported_once_without_a_fix() {
        let src = job(
            &format!("{TIME}\nimport java.util.List;"),
            "        Time gap = Time.minutes(3);\n\
             \x20       List<Time> sizes = null;\n\
             \x20       org.apache.flink.api.common.time.Time t = null;",
        );
        let spans: Vec<_> = summary(&src, V120)
            .into_iter()
            .map(|(_, s, f)| (s, f))
            .collect();
        assert_eq!(
            spans,
            [
                ("Time".to_owned(), None),
                ("Time".to_owned(), None),
                ("org.apache.flink.api.common.time.Time".to_owned(), None)
            ]
        );
        assert!(
            found(&src, V120)[0]
                .message
                .starts_with("`gap` is declared as Flink's `Time`")
        );
        let src = "package p;\nimport org.apache.flink.api.common.time.Time;\nclass A {\n    \
                   Time timeout(Time base) { return base; }\n}\n";
        let messages: Vec<_> = found(src, V120).into_iter().map(|d| d.message).collect();
        assert!(
            messages[0].starts_with("`timeout` returns Flink's `Time`"),
            "{messages:?}"
        );
        assert!(
            messages[1].starts_with("`base` is declared as Flink's `Time`"),
            "{messages:?}"
        );
    }

    #[test]
    fn the_import_goes_in_a_later_round_and_only_when_unused() {
        // One round rewrites the calls; the next removes the import nothing uses any more.
        let src = job(
            &format!("{TIME}\n{TUMBLING}"),
            "        s.window(TumblingEventTimeWindows.of(Time.seconds(5)));",
        );
        let want = job(
            &format!("{TUMBLING}\nimport java.time.Duration;"),
            "        s.window(TumblingEventTimeWindows.of(Duration.ofSeconds(5)));",
        );
        assert_eq!(fixed(&src, V120, false), want);
        // An import with nothing else: reported with a safe fix.
        let src = "package p;\n\nimport a.B;\nimport org.apache.flink.streaming.api.windowing.time.Time;\n\nclass A {}\n";
        assert_eq!(
            summary(src, V120),
            [(
                Severity::Warning,
                "import org.apache.flink.streaming.api.windowing.time.Time;".to_owned(),
                Some(Applicability::Safe)
            )]
        );
        assert_eq!(
            fixed(src, V120, false),
            "package p;\n\nimport a.B;\n\nclass A {}\n"
        );
        // A use left (an unsafe call, a declared type): the import stays.
        let src = job(
            &format!("{TIME}\n{TUMBLING}"),
            "        Time t = null;\n        s.window(TumblingEventTimeWindows.of(Time.seconds(5)));",
        );
        assert!(fixed(&src, V120, false).contains(TIME));
        // The wildcard import of the removed package, once unused.
        let src =
            "import org.apache.flink.streaming.api.windowing.time.*;\nimport a.B;\nclass A {}\n";
        assert_eq!(fixed(src, V120, false), "import a.B;\nclass A {}\n");
        // The wildcard of `org.apache.flink.api.common.time` also holds `Deadline`: kept.
        let src = "import org.apache.flink.api.common.time.*;\nclass A { Deadline d; }\n";
        assert!(found(src, V120).is_empty());
    }

    #[test]
    fn imports_are_added_after_the_last_one_keeping_the_layout() {
        // A trailing comment stays on its line; CRLF line ends are kept.
        let src = "package p;\r\n\r\nimport a.B; // b\r\nimport org.apache.flink.streaming.api.windowing.time.Time;\r\n\r\nclass A {\r\n    long x = Time.seconds(1).toMilliseconds();\r\n}\r\n";
        assert_eq!(
            fixed(src, V120, false),
            "package p;\r\n\r\nimport a.B; // b\r\nimport java.time.Duration;\r\n\r\nclass A {\r\n    long x = Duration.ofSeconds(1).toMillis();\r\n}\r\n"
        );
        // A block comment opening after the last import: the import goes right after it.
        let src = "import org.apache.flink.streaming.api.windowing.time.Time; /* the\n   old API */\nclass A { long x = Time.seconds(1).toMilliseconds(); }\n";
        assert_eq!(
            fixed(src, V120, false),
            "/* the\n   old API */\nclass A { long x = java.time.Duration.ofSeconds(1).toMillis(); }\n"
                .replace("java.time.Duration", "Duration")
                .replacen("/* the", "import java.time.Duration; /* the", 1)
        );
        // Only a fully qualified use: the import goes after the package declaration.
        let src = "package p;\n\nclass A {\n    long x = org.apache.flink.streaming.api.windowing.time.Time.seconds(1).toMilliseconds();\n}\n";
        assert_eq!(
            fixed(src, V120, false),
            "package p;\n\nimport java.time.Duration;\n\nclass A {\n    long x = Duration.ofSeconds(1).toMillis();\n}\n"
        );
        // No package either: at the top, after a leading comment.
        let src = "// Licensed\nclass A { long x = org.apache.flink.streaming.api.windowing.time.Time.seconds(1).toMilliseconds(); }\n";
        assert_eq!(
            fixed(src, V120, false),
            "// Licensed\nimport java.time.Duration;\n\nclass A { long x = Duration.ofSeconds(1).toMillis(); }\n"
        );
    }

    #[test]
    fn another_duration_in_the_file_means_the_qualified_name() {
        // Joda's `Duration` is imported: write `java.time.Duration`.
        let src = job(
            &format!("{TIME}\nimport org.joda.time.Duration;"),
            "        Duration d = null;\n        long x = Time.seconds(1).toMilliseconds();",
        );
        let want = job(
            "import org.joda.time.Duration;",
            "        Duration d = null;\n        long x = java.time.Duration.ofSeconds(1).toMillis();",
        );
        assert_eq!(fixed(&src, V120, false), want);
        // Already imported: no second import.
        let src = job(
            &format!("import java.time.Duration;\n{TIME}"),
            "        long x = Time.seconds(1).toMilliseconds();",
        );
        let want = job(
            "import java.time.Duration;",
            "        long x = Duration.ofSeconds(1).toMillis();",
        );
        assert_eq!(fixed(&src, V120, false), want);
        // `java.time.*` and `Duration` used already: the simple name, no import.
        let src = job(
            &format!("import java.time.*;\n{TIME}"),
            "        Duration d = null;\n        long x = Time.seconds(1).toMilliseconds();",
        );
        let want = job(
            "import java.time.*;",
            "        Duration d = null;\n        long x = Duration.ofSeconds(1).toMillis();",
        );
        assert_eq!(fixed(&src, V120, false), want);
    }

    #[test]
    fn other_time_classes_are_silent() {
        for src in [
            job("import java.sql.Time;", "        s.allowedLateness(Time.seconds(5));"),
            job(
                "import org.apache.flink.streaming.api.windowing.time.*;\nimport java.sql.Time;",
                "        Time t = Time.valueOf(\"10:00:00\");",
            ),
            job("import com.example.Time;", "        Time t = Time.seconds(1);"),
            // A class of the file called `Time` hides the import on demand.
            "import org.apache.flink.streaming.api.windowing.time.*;\nclass A { static class Time { static Time seconds(int n) { return null; } } Time t = Time.seconds(1); }\n".to_owned(),
            // Flink's packages are named, but not `Time`.
            job("import org.apache.flink.api.common.time.Deadline;", "        Deadline d = Deadline.fromNow(x);"),
            // A variable named `Time`.
            "import org.apache.flink.streaming.api.windowing.time.Time;\nclass A { void m(Clock Time) { Time.seconds(1); } Object o = Time.class; }\n".to_owned(),
        ] {
            let found = found(&src, V120);
            assert!(
                found.iter().all(|d| !d.span.slice(&src).contains("Time.seconds(1)")
                    && !d.span.slice(&src).contains("valueOf")),
                "{src}\n{found:#?}"
            );
        }
        assert!(
            found(
                &job("import java.sql.Time;", "        Time t = null;"),
                V120
            )
            .is_empty()
        );
    }

    #[test]
    fn method_references_and_static_imports_are_reported_without_a_fix() {
        let src = "import org.apache.flink.streaming.api.windowing.time.Time;\n\
                   import static org.apache.flink.streaming.api.windowing.time.Time.seconds;\n\
                   class A { Object f = list.stream().map(Time::seconds); }\n";
        let spans: Vec<_> = summary(src, V120)
            .into_iter()
            .map(|(_, s, f)| (s, f))
            .collect();
        assert_eq!(
            spans,
            [
                (
                    "import static org.apache.flink.streaming.api.windowing.time.Time.seconds;"
                        .to_owned(),
                    None
                ),
                ("Time::seconds".to_owned(), None)
            ]
        );
    }

    #[test]
    fn formatting_inside_and_around_the_call_survives() {
        let src = job(
            &format!("{TUMBLING}\n{TIME}"),
            "        s.window(\n                TumblingEventTimeWindows.of(\n                        Time   // size\n                                .minutes( /* one */ 1 )));",
        );
        let want = job(
            &format!("{TUMBLING}\nimport java.time.Duration;"),
            "        s.window(\n                TumblingEventTimeWindows.of(\n                        Duration   // size\n                                .ofMinutes( /* one */ 1 )));",
        );
        assert_eq!(fixed(&src, V120, false), want);
    }
}
