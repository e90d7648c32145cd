//! The vocabulary every other bigdata-lint crate speaks: diagnostics, spans, rule metadata,
//! rule options with human units, rule selection and fingerprints.
//!
//! This crate does no parsing and no I/O, so it stays cheap to depend on. Its one dependency,
//! `bdl-catalog`, has none itself: it gives the [`Version`] of target versions.

mod context;
mod diagnostic;
mod duration;
mod fingerprint;
pub mod fix;
mod kind;
mod options;
pub mod redact;
mod rule;
mod select;
mod span;
mod target;

pub use context::{Ctx, Reported};
pub use diagnostic::{Diagnostic, Label, Severity, Suppression};
pub use duration::{format_duration, parse_duration};
pub use fingerprint::{fingerprint, normalize_snippet};
pub use fix::{Applicability, Edit, Fix};
pub use kind::FileKind;
pub use options::{OptionKind, OptionMeta, OptionValue, RuleOptions};
pub use rule::{FixAvailability, RuleMeta, TestSources};
pub use select::{Selection, SelectionError, Selector, nearest};
pub use span::{LineCol, LineIndex, Span};
pub use target::{Product, Target, TargetLookup, TargetSource, Targets, Version};
