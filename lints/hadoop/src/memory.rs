//! Memory sizes as YARN and the JVM read them: megabyte settings (`yarn.*-mb`,
//! `mapreduce.*.memory.mb`) and `-Xmx` in Java options.

/// A megabyte setting: a plain integer (YARN and MapReduce read these with `getInt` /
/// `getLong`; a unit suffix is not accepted).
pub(crate) fn megabytes(value: &str) -> Option<i64> {
    crate::site::integer(value)
}

/// The maximum heap a JVM started with `opts` gets, in megabytes (rounded down): the last
/// `-Xmx` wins, as in the JVM. `-Xmx2g`, `-Xmx2048m`, `-Xmx2097152k`, `-Xmx2147483648`
/// (bytes). `None` when there is no `-Xmx` or the last one cannot be read (`-Xmx${heap}`).
pub(crate) fn xmx_megabytes(opts: &str) -> Option<i64> {
    let last = opts
        .split_whitespace()
        .rev()
        .find_map(|token| token.strip_prefix("-Xmx"))?;
    let (digits, unit) = match last.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((at, _)) => (last.get(..at)?, last.get(at..)?),
        None => (last, ""),
    };
    let number: i64 = digits.parse().ok()?;
    let bytes_per_unit: i64 = match unit {
        "" => 1,
        "k" | "K" => 1 << 10,
        "m" | "M" => 1 << 20,
        "g" | "G" => 1 << 30,
        "t" | "T" => 1 << 40,
        _ => return None,
    };
    number.checked_mul(bytes_per_unit).map(|b| b >> 20)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heap_sizes_with_units() {
        assert_eq!(xmx_megabytes("-Xmx2g"), Some(2048));
        assert_eq!(xmx_megabytes("-server -Xmx2048m -XX:+UseG1GC"), Some(2048));
        assert_eq!(xmx_megabytes("-Xmx1024M -Xmx3G"), Some(3072));
        assert_eq!(xmx_megabytes("-Xmx2097152k"), Some(2048));
        assert_eq!(xmx_megabytes("-Xmx1073741824"), Some(1024));
        assert_eq!(xmx_megabytes("-Xmx1t"), Some(1 << 20));
        assert_eq!(xmx_megabytes("-Xms1g"), None);
        assert_eq!(xmx_megabytes("-Xmx${heap}"), None);
        assert_eq!(xmx_megabytes("-Xmx"), None);
        assert_eq!(xmx_megabytes("-Xmx2gb"), None);
        assert_eq!(xmx_megabytes("-Xmx99999999999999999999g"), None);
        assert_eq!(megabytes(" 4096 "), Some(4096));
        assert_eq!(megabytes("4g"), None);
    }
}
