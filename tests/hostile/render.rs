//! Renderers: long lines, lone CR, control characters in names (cases 1 and 10 of round two).

#[allow(unused_imports)] // the helpers of the suite, used as the cases land
use super::*;
