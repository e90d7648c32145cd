/// Removes all whitespace so that reformatting does not change a fingerprint.
pub fn normalize_snippet(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A stable 64-bit FNV-1a hash of the rule code, the path and the normalised flagged text,
/// plus an ordinal that tells identical constructs in one file apart. Independent of line
/// numbers, so unrelated edits above a finding leave it unchanged. Rendered as 16 hex digits.
pub fn fingerprint(code: &str, path: &str, snippet: &str, ordinal: usize) -> String {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    let ordinal = ordinal.to_string();
    for part in [code, path, &normalize_snippet(snippet), &ordinal] {
        for byte in part.bytes().chain(std::iter::once(0)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(PRIME);
        }
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_does_not_change_the_fingerprint() {
        let a = fingerprint("FLK001", "Job.java", "env.enableCheckpointing(1000)", 0);
        let b = fingerprint("FLK001", "Job.java", "env.enableCheckpointing( 1000 )", 0);
        assert_eq!(a, b);
        assert_eq!(a.len(), 16);
    }

    #[test]
    fn code_path_text_and_ordinal_all_matter() {
        let base = fingerprint("FLK001", "Job.java", "x", 0);
        assert_ne!(base, fingerprint("FLK002", "Job.java", "x", 0));
        assert_ne!(base, fingerprint("FLK001", "Job2.java", "x", 0));
        assert_ne!(base, fingerprint("FLK001", "Job.java", "y", 0));
        assert_ne!(base, fingerprint("FLK001", "Job.java", "x", 1));
    }
}
