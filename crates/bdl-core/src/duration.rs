use std::time::Duration;

/// Parses a duration the way Flink's `TimeUtils.parseDuration` does: a number with an optional
/// unit; a bare number is milliseconds. Units: `d`/`day(s)`, `h`/`hour(s)`, `min`/`m`/`minute(s)`,
/// `s`/`sec(s)`/`second(s)`, `ms`/`milli(s)`/`millisecond(s)`, `us`/`µs`/`micro(s)`, `ns`/`nano(s)`.
/// Whitespace between number and unit is allowed; units are case-insensitive.
/// Returns `None` for anything else (negative numbers, fractions, overflow, unknown units).
pub fn parse_duration(text: &str) -> Option<Duration> {
    let text = text.trim();
    let digits_end = text
        .char_indices()
        .find(|(_, c)| !c.is_ascii_digit())
        .map_or(text.len(), |(i, _)| i);
    if digits_end == 0 {
        return None;
    }
    let amount: u64 = text[..digits_end].parse().ok()?;
    let unit = text[digits_end..].trim().to_ascii_lowercase();
    let nanos_per: u64 = match unit.as_str() {
        "" | "ms" | "milli" | "millis" | "millisecond" | "milliseconds" => 1_000_000,
        "d" | "day" | "days" => 86_400_000_000_000,
        "h" | "hour" | "hours" => 3_600_000_000_000,
        "min" | "m" | "minute" | "minutes" | "mins" => 60_000_000_000,
        "s" | "sec" | "secs" | "second" | "seconds" => 1_000_000_000,
        "us" | "µs" | "micro" | "micros" | "microsecond" | "microseconds" => 1_000,
        "ns" | "nano" | "nanos" | "nanosecond" | "nanoseconds" => 1,
        _ => return None,
    };
    let nanos = amount.checked_mul(nanos_per)?;
    Some(Duration::from_nanos(nanos))
}

/// Formats a duration in the largest unit that keeps it exact: `500ms`, `1s`, `90s`, `2min`, `1h`.
pub fn format_duration(d: Duration) -> String {
    let nanos = d.as_nanos();
    let units: [(u128, &str); 6] = [
        (86_400_000_000_000, "d"),
        (3_600_000_000_000, "h"),
        (60_000_000_000, "min"),
        (1_000_000_000, "s"),
        (1_000_000, "ms"),
        (1_000, "us"),
    ];
    if nanos == 0 {
        return "0ms".to_owned();
    }
    for (per, name) in units {
        if nanos.is_multiple_of(per) {
            return format!("{}{name}", nanos / per);
        }
    }
    format!("{nanos}ns")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_flink_duration_forms() {
        assert_eq!(parse_duration("1000"), Some(Duration::from_secs(1)));
        assert_eq!(parse_duration("10 s"), Some(Duration::from_secs(10)));
        assert_eq!(parse_duration("1 min"), Some(Duration::from_secs(60)));
        assert_eq!(parse_duration("3min"), Some(Duration::from_secs(180)));
        assert_eq!(parse_duration("2 H"), Some(Duration::from_secs(7200)));
        assert_eq!(parse_duration("500 ms"), Some(Duration::from_millis(500)));
        assert_eq!(parse_duration("1d"), Some(Duration::from_secs(86_400)));
        assert_eq!(parse_duration("5 seconds"), Some(Duration::from_secs(5)));
    }

    #[test]
    fn rejects_what_flink_rejects() {
        for bad in [
            "",
            "s",
            "-1s",
            "1.5s",
            "10 parsecs",
            "99999999999999999999",
            "1s 2s",
        ] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
    }

    #[test]
    fn formats_in_the_largest_exact_unit() {
        assert_eq!(format_duration(Duration::from_millis(500)), "500ms");
        assert_eq!(format_duration(Duration::from_secs(1)), "1s");
        assert_eq!(format_duration(Duration::from_secs(90)), "90s");
        assert_eq!(format_duration(Duration::from_secs(120)), "2min");
        assert_eq!(format_duration(Duration::ZERO), "0ms");
    }
}
