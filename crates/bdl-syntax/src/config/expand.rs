//! `${name}` references in configuration values, expanded the way Hadoop's `Configuration`
//! does: each reference is looked up, the substituted text is scanned again, and the work is
//! bounded. One implementation for every reader: a single file ([`super::ConfigFile::expand`]),
//! a configuration set ([`super::set::SiteSet::expand`]) and the rules that add a product's
//! defaults through their own lookup.

/// Substitutions one value may make, as in Hadoop (which gives up after 20). Past it, the
/// references left are unresolved.
pub const MAX_SUBSTITUTIONS: usize = 20;

/// How long an expanded value may grow: references to long values, repeated, could otherwise
/// build a string 20 times the input's length over and over. Past it, expansion stops and the
/// value is incomplete.
pub const MAX_EXPANDED_LEN: usize = 64 * 1024;

/// What a lookup answers for a reference.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fallback<'d> {
    /// Substitute this text (expanded in turn).
    Value(&'d str),
    /// Leave `${name}` as written: the product resolves it at run time (a system property such
    /// as `${user.name}`). The value still counts as complete.
    Keep,
}

/// A value after expansion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expanded {
    /// The text, with references that could not be resolved (and kept ones) left as written.
    pub text: String,
    /// Whether every reference was resolved or deliberately kept.
    pub complete: bool,
}

impl Expanded {
    /// The text when the value is complete.
    pub fn known(self) -> Option<String> {
        self.complete.then_some(self.text)
    }
}

/// Expands the references of `value` with `lookup`, which answers `None` for a reference it
/// cannot resolve (left as written; the value is then incomplete).
pub fn expand<'d>(value: &str, mut lookup: impl FnMut(&str) -> Option<Fallback<'d>>) -> Expanded {
    let mut text = String::with_capacity(value.len());
    let mut rest = value.to_owned();
    let mut complete = true;
    let mut budget = MAX_SUBSTITUTIONS;
    while let Some(start) = rest.find("${") {
        let Some(len) = rest.get(start..).and_then(|r| r.find('}')) else {
            break;
        };
        let end = start + len;
        let name = rest.get(start + 2..end).unwrap_or_default();
        let answer = if budget == 0 { None } else { lookup(name) };
        match answer {
            Some(Fallback::Value(replacement)) => {
                budget -= 1;
                if text.len() + rest.len() + replacement.len() > MAX_EXPANDED_LEN {
                    complete = false;
                    break;
                }
                // The substituted text is scanned again, as Hadoop does.
                rest.replace_range(start..=end, replacement);
            }
            answer => {
                complete &= answer == Some(Fallback::Keep);
                text.push_str(rest.get(..=end).unwrap_or_default());
                rest = rest.get(end + 1..).unwrap_or_default().to_owned();
            }
        }
    }
    text.push_str(&rest);
    Expanded { text, complete }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from<'d>(pairs: &'d [(&str, &str)]) -> impl FnMut(&str) -> Option<Fallback<'d>> {
        move |name| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| Fallback::Value(v))
        }
    }

    #[test]
    fn references_resolve_recursively_and_unknown_ones_stay() {
        let pairs = [("base", "/data"), ("dir", "${base}/x")];
        assert_eq!(
            expand("${dir}/y", from(&pairs)).known().as_deref(),
            Some("/data/x/y")
        );
        let partial = expand("/tmp/${user.name}/${dir}", from(&pairs));
        assert_eq!(partial.text, "/tmp/${user.name}//data/x");
        assert!(!partial.complete);
        let keep = |name: &str| (name == "user.name").then_some(Fallback::Keep);
        assert_eq!(
            expand("/tmp/${user.name}", keep).known().as_deref(),
            Some("/tmp/${user.name}")
        );
        assert_eq!(
            expand("${open", from(&pairs)).known().as_deref(),
            Some("${open")
        );
    }

    #[test]
    fn cycles_and_growth_are_bounded() {
        let cycle = [("a", "${b}"), ("b", "${a}")];
        assert!(!expand("${a}", from(&cycle)).complete);
        let long = "x".repeat(10_000);
        let growth = [
            ("a", long.as_str()),
            ("b", "${a}${a}${a}${a}"),
            ("c", "${b}${b}${b}${b}"),
        ];
        let e = expand("${c}${c}", from(&growth));
        assert!(!e.complete);
        assert!(e.text.len() <= MAX_EXPANDED_LEN);
        let doubling = [("a", "${a}${a}")];
        assert!(!expand("${a}", from(&doubling)).complete);
    }
}
