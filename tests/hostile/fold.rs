//! Constant folding: exponential constants, huge strings, Java int arithmetic (cases 5 and 11 of round two).

#[allow(unused_imports)] // the helpers of the suite, used as the cases land
use super::*;
