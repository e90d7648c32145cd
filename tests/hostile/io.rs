//! Reading and writing: files swapped for FIFOs, the output path, encodings (cases 4, 7 and 9 of round two).

#[allow(unused_imports)] // the helpers of the suite, used as the cases land
use super::*;
