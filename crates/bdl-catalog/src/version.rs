//! Release lines (`1.20`, `3.4`) and their parsing from version strings.

use std::fmt;

/// A release line: major and minor version. Patch levels and qualifiers are not part of it,
/// because configuration keys only change between lines.
///
/// Ordering is numeric (`1.9 < 1.10 < 1.20 < 2.0`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    pub major: u16,
    pub minor: u16,
}

impl Version {
    pub const fn new(major: u16, minor: u16) -> Self {
        Self { major, minor }
    }

    /// The line of a version string as build files spell it: `1.20`, `1.20.1`, `2.0.0`,
    /// `2.0-SNAPSHOT`, `v3.5.16`, `2.1.0.RELEASE`, `3.0.0-M1`, `4.0.0-2.0` (a connector
    /// version is not a Flink version: the first two numbers are taken, as for any string).
    /// `None` unless the string starts with `major.minor` (after an optional `v`).
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let text = text.strip_prefix(['v', 'V']).unwrap_or(text);
        let (major, rest) = split_number(text)?;
        let rest = rest.strip_prefix('.')?;
        let (minor, rest) = split_number(rest)?;
        // After the minor: end, another dotted part, or a qualifier.
        match rest.chars().next() {
            None | Some('.' | '-' | '_' | '+') => Some(Self::new(major, minor)),
            Some(_) => None,
        }
    }
}

/// A leading decimal number (at most 5 digits) and the rest of the string.
fn split_number(text: &str) -> Option<(u16, &str)> {
    let end = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    if end == 0 || end > 5 {
        return None;
    }
    let number = text[..end].parse().ok()?;
    Some((number, &text[end..]))
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

impl std::str::FromStr for Version {
    type Err = InvalidVersion;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text).ok_or(InvalidVersion)
    }
}

/// A string that does not start with `major.minor`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidVersion;

impl fmt::Display for InvalidVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("expected a version such as 1.20 or 1.20.1")
    }
}

impl std::error::Error for InvalidVersion {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_lines_from_build_file_spellings() {
        let line_1_20 = Some(Version::new(1, 20));
        assert_eq!(Version::parse("1.20"), line_1_20);
        assert_eq!(Version::parse("1.20.1"), line_1_20);
        assert_eq!(Version::parse(" 1.20.0 "), line_1_20);
        assert_eq!(Version::parse("v1.20.3"), line_1_20);
        let line_2_0 = Some(Version::new(2, 0));
        assert_eq!(Version::parse("2.0-SNAPSHOT"), line_2_0);
        assert_eq!(Version::parse("2.0.0"), line_2_0);
        assert_eq!(Version::parse("2.0.0-rc1"), line_2_0);
        assert_eq!(Version::parse("2.7.18.RELEASE"), Some(Version::new(2, 7)));
        assert_eq!(Version::parse("3.0.0-M1"), Some(Version::new(3, 0)));
    }

    #[test]
    fn rejects_what_is_not_a_version() {
        for text in [
            "",
            "2",
            "2.x",
            "x.1",
            "1.",
            ".1",
            "1.2a",
            "${flink.version}",
            "1.999999",
        ] {
            assert_eq!(Version::parse(text), None, "{text}");
        }
        assert!("latest".parse::<Version>().is_err());
    }

    #[test]
    fn orders_numerically() {
        let mut lines =
            ["2.0", "1.9", "1.20", "1.10", "2.2"].map(|t| Version::parse(t).expect("a version"));
        lines.sort();
        let shown: Vec<String> = lines.iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["1.9", "1.10", "1.20", "2.0", "2.2"]);
    }
}
