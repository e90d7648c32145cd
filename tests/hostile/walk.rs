//! The walk: threads, ignore and settings files, overlapping path arguments, silence (cases 2, 3, 6, 8 and 12 of round two).

#[allow(unused_imports)] // the helpers of the suite, used as the cases land
use super::*;
