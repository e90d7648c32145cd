//! `path:line:col: CODE [severity] message`, one finding per line, for grep and editors.

use std::io::{self, Write};

use crate::{Report, active, positions};

/// Writes one line per active diagnostic and nothing else (no summary, no colour); suppressed
/// findings are left out.
///
/// Line breaks inside a path or message are written as spaces, so that every finding stays on
/// exactly one line.
pub fn write_concise(w: &mut dyn Write, r: &Report<'_>) -> io::Result<()> {
    for d in active(r.diagnostics) {
        let (start, _) = positions(d);
        writeln!(
            w,
            "{}:{}:{}: {} [{}] {}",
            OneLine(&d.path),
            start.line,
            start.column,
            d.code,
            d.severity,
            OneLine(&d.message),
        )?;
    }
    Ok(())
}

/// Displays text with every line break replaced by a space.
struct OneLine<'a>(&'a str);

impl std::fmt::Display for OneLine<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut rest = self.0;
        while let Some(at) = rest.find(['\n', '\r']) {
            f.write_str(&rest[..at])?;
            f.write_str(" ")?;
            let skip = if rest[at..].starts_with("\r\n") { 2 } else { 1 };
            rest = &rest[at + skip..];
        }
        f.write_str(rest)
    }
}

#[cfg(test)]
mod tests {
    use super::OneLine;

    #[test]
    fn line_breaks_become_spaces() {
        assert_eq!(OneLine("a\r\nb\nc\rd").to_string(), "a b c d");
        assert_eq!(OneLine("plain").to_string(), "plain");
        assert_eq!(OneLine("end\n").to_string(), "end ");
    }
}
