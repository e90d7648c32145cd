//! Edit distance for "did you mean" suggestions.

/// The optimal-string-alignment (restricted Damerau-Levenshtein) distance between `a` and
/// `b`, or `None` when it exceeds `limit`: insertions, deletions, substitutions and swaps of
/// two adjacent bytes each cost 1. Keys are ASCII; other input only costs more.
pub(crate) fn distance(a: &[u8], b: &[u8], limit: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    // Three rows of the dynamic-programming matrix: two back, one back, current.
    let width = b.len() + 1;
    let mut before: Vec<usize> = vec![0; width];
    let mut previous: Vec<usize> = (0..width).collect();
    let mut current: Vec<usize> = vec![0; width];
    for i in 1..=a.len() {
        current[0] = i;
        let mut row_min = current[0];
        for j in 1..width {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            current[j] = d;
            row_min = row_min.min(d);
        }
        if row_min > limit {
            return None;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    let d = previous[b.len()];
    (d <= limit).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::distance;

    fn d(a: &str, b: &str) -> Option<usize> {
        distance(a.as_bytes(), b.as_bytes(), 3)
    }

    #[test]
    fn counts_edits_and_adjacent_swaps() {
        assert_eq!(d("interval", "interval"), Some(0));
        assert_eq!(d("intervall", "interval"), Some(1));
        assert_eq!(d("inetrval", "interval"), Some(1));
        assert_eq!(d("intreval", "interval"), Some(1));
        assert_eq!(d("ca", "abc"), Some(3));
        assert_eq!(d("", "abc"), Some(3));
        assert_eq!(d("kitten", "sitting"), Some(3));
    }

    #[test]
    fn gives_up_past_the_limit() {
        assert_eq!(distance(b"abcdef", b"uvwxyz", 2), None);
        assert_eq!(distance(b"a", b"abcd", 2), None);
        assert_eq!(distance(b"abcd", b"abdc", 1), Some(1));
    }
}
