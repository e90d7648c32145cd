use crate::diagnostic::Severity;
use crate::kind::FileKind;
use crate::options::OptionMeta;

/// Whether a rule looks at test sources (`src/test/**`, `*Test.java`, `*IT.java`, `*ITCase.java`).
///
/// Rules whose findings are deliberate in tests (tiny checkpoint intervals in a MiniCluster
/// test) declare the option [`TestSources::OPTION`] with default `false`; the engine skips test
/// sources for them unless the user sets it to `true`.
#[derive(Clone, Copy, Debug)]
pub struct TestSources;

impl TestSources {
    /// The option name the engine honours for every rule that declares it.
    pub const OPTION: &'static str = "lint-test-sources";

    /// The option declaration for rules that skip tests by default.
    pub const SKIP_BY_DEFAULT: OptionMeta = OptionMeta {
        name: Self::OPTION,
        kind: crate::options::OptionKind::Bool,
        default: "false",
        doc: "Also lint test sources (`src/test/**`, `*Test.java`, `*IT.java`, `*ITCase.java`), \
              which deliberately use tiny values.",
    };
}

/// Whether a rule's findings come with a fix (`--fix`), as its documentation says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FixAvailability {
    /// Never: the finding needs a person.
    #[default]
    None,
    /// For some findings: the fix of each says whether it is safe.
    Sometimes,
    /// For every finding.
    Always,
}

impl FixAvailability {
    /// For the rule reference: `never`, `sometimes`, `always`.
    pub const fn describe(self) -> &'static str {
        match self {
            Self::None => "never",
            Self::Sometimes => "sometimes",
            Self::Always => "always",
        }
    }
}

/// Everything known about a rule without running it: identity, documentation, where it applies
/// and what words must appear in a file before it can fire.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable code: three-letter technology prefix and three digits (`FLK001`). Never reused.
    pub code: &'static str,
    /// Stable kebab-case name of the anti-pattern (`checkpoint-interval-too-short`).
    pub name: &'static str,
    /// One line, used in rule tables and SARIF `shortDescription`.
    pub summary: &'static str,
    /// The highest severity the rule reports; SARIF `defaultConfiguration.level`.
    pub severity: Severity,
    /// The file kinds the rule inspects; the engine calls it for no others.
    pub kinds: &'static [FileKind],
    /// Words of which at least one must occur in a file for the rule to possibly fire. They feed
    /// the prefilter; a file that contains none of the selected rules' words is never parsed.
    pub triggers: &'static [&'static str],
    pub options: &'static [OptionMeta],
    /// Markdown documentation: What it does / Why is this bad? / Example / How to fix /
    /// Options / References.
    pub docs: &'static str,
    /// Where the rule is defined, for "view source" links.
    pub file: &'static str,
    pub line: u32,
    /// Whether its findings carry fixes.
    pub fix: FixAvailability,
}

impl RuleMeta {
    /// The documentation with the one leading space of each doc-comment line removed.
    pub fn documentation(&self) -> String {
        let mut out = String::with_capacity(self.docs.len());
        for line in self.docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out
    }

    /// The three-letter technology prefix of the code.
    pub fn prefix(&self) -> &'static str {
        self.code.get(..3).unwrap_or(self.code)
    }

    pub fn applies_to(&self, kind: FileKind) -> bool {
        self.kinds.contains(&kind)
    }
}

/// Declares a rule: a unit struct with a `META` constant built from its doc comment and fields.
///
/// A rule whose findings carry fixes says so after its options: `fix: Sometimes` or
/// `fix: Always` (see [`FixAvailability`]); without it, `None`.
///
/// ```
/// use bdl_core::{declare_rule, FileKind};
/// declare_rule! {
///     /// ## What it does
///     /// Flags nothing; an example.
///     pub Example {
///         code: "XMP001",
///         name: "example-rule",
///         summary: "an example",
///         severity: Warning,
///         kinds: [Java],
///         triggers: ["example"],
///         options: [],
///     }
/// }
/// assert_eq!(Example::META.code, "XMP001");
/// assert!(Example::META.documentation().starts_with("## What it does"));
/// ```
#[macro_export]
macro_rules! declare_rule {
    (@fix) => {
        $crate::FixAvailability::None
    };
    (@fix $fix:ident) => {
        $crate::FixAvailability::$fix
    };
    (
        $(#[doc = $doc:literal])*
        $vis:vis $ty:ident {
            code: $code:literal,
            name: $name:literal,
            summary: $summary:literal,
            severity: $severity:ident,
            kinds: [$($kind:ident),* $(,)?],
            triggers: [$($trigger:literal),* $(,)?],
            options: [$($option:expr),* $(,)?]
            $(, fix: $fix:ident)? $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Clone, Copy, Debug, Default)]
        $vis struct $ty;

        impl $ty {
            pub const META: $crate::RuleMeta = $crate::RuleMeta {
                code: $code,
                name: $name,
                summary: $summary,
                severity: $crate::Severity::$severity,
                kinds: &[$($crate::FileKind::$kind),*],
                triggers: &[$($trigger),*],
                options: &[$($option),*],
                docs: concat!($($doc, "\n"),*),
                file: file!(),
                line: line!(),
                fix: $crate::declare_rule!(@fix $($fix)?),
            };
        }
    };
}
