//! `path:line:col: CODE [severity] message`, one finding per line, for grep and editors.

use std::io::{self, Write};

use crate::escape::{Escaped, line_start_path};
use crate::{Report, active, fixable, positions};

/// Writes one line per active diagnostic and nothing else (no summary, no colour); suppressed
/// findings are left out. A finding that `--fix` can fix has `[*]` after its severity
/// (`CODE [warning] [*] message`), so the prefix up to the severity keeps its shape.
///
/// Control characters in a path or message, line breaks included, are written as visible escapes
/// (`\n`, `\x1b`: see [`crate::escape`]), so that every finding stays on exactly one line and
/// nothing reaches the terminal raw; a path that would start the line with `::` (a GitHub
/// Actions workflow command) gets `./` in front.
pub fn write_concise(w: &mut dyn Write, r: &Report<'_>) -> io::Result<()> {
    for d in active(r.diagnostics) {
        let (start, _) = positions(d);
        writeln!(
            w,
            "{}:{}:{}: {} [{}] {}{}",
            line_start_path(&d.path),
            start.line,
            start.column,
            d.code,
            d.severity,
            if fixable(d, r.unsafe_fixes) {
                "[*] "
            } else {
                ""
            },
            Escaped(&d.message),
        )?;
    }
    Ok(())
}
