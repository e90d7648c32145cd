//! SEC rules: credentials written into job sources and configuration, whatever the technology.

mod java;
mod rules;
mod secrets;

use bdl_syntax::Rule;

/// Every SEC rule, sorted by code.
pub static RULES: &[&dyn Rule] = &[&rules::hardcoded_credential::HardcodedCredential];

/// The rules whose findings mark secrets to mask in every excerpt of their file.
pub static REDACTORS: &[&dyn Rule] = &[&rules::hardcoded_credential::HardcodedCredential];
