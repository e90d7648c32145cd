//! Spring Boot's Redis keys, `spring.redis.*` (Boot 2.x) and `spring.data.redis.*` (Boot 3.0
//! and later), and its datasource keys, `spring.datasource.*`; lines 2.7, 3.5 and 4.1 (from
//! 2.7.18, 3.5.16 and 4.1.1).
//!
//! The connection pools' own settings (`spring.datasource.hikari.*`, `…tomcat.*`, `…dbcp2.*`,
//! `…oracleucp.*`) are bound to the pool's setters, which Spring Boot documents as a prefix
//! only: they are [`Lookup::Pattern`]s of kind [`PatternKind::Open`](crate::PatternKind::Open),
//! never unknown. Other `spring.*` keys are [`Lookup::OutOfScope`]. Keys are matched the way
//! Spring's relaxed binding matches them: `spring.data.redis.clientType`, `client_type` and
//! `client-type` are one key, and list indices (`nodes[0]`) are ignored.
//!
//! Spring's error-level deprecations (`spring.redis.*` from 3.0, the `spring.datasource`
//! initialisation keys that moved to `spring.sql.init.*`, also from 3.0) mean the key no
//! longer binds: they are reported as [`Lookup::Removed`] with the new key as hint. Bound but
//! deprecated keys (the same initialisation keys on 2.7) are [`Lookup::Deprecated`].

use std::borrow::Cow;

use crate::{Catalog, Lookup, Product, Version};

include!("generated/spring.rs");

/// The catalog of a Spring Boot line (`2.7`, `3.5`, `4.1`), if modelled.
pub fn catalog(version: Version) -> Option<&'static Catalog> {
    Catalog::for_version(Product::SpringBoot, version)
}

/// The modelled Spring Boot line closest to `version` (see [`Catalog::nearest`]): `3.2`
/// gets the 3.5 catalog, `2.5` the 2.7 one.
pub fn nearest(version: Version) -> &'static Catalog {
    Catalog::nearest(Product::SpringBoot, version)
}

/// The newest modelled Spring Boot line.
pub fn latest() -> &'static Catalog {
    Catalog::latest(Product::SpringBoot)
}

/// The key families the catalog covers.
const SCOPES: [&str; 3] = ["spring.redis.", "spring.data.redis.", "spring.datasource."];

pub(crate) fn lookup(catalog: &Catalog, key: &str) -> Lookup {
    let key = kebab(key);
    if !SCOPES.iter().any(|s| key.starts_with(s)) {
        return Lookup::OutOfScope;
    }
    catalog.lookup_normalised(&key)
}

/// Spring's canonical form: lower-case kebab case, without list indices.
/// `spring.data.redis.clientType` → `spring.data.redis.client-type`.
pub(crate) fn kebab(key: &str) -> Cow<'_, str> {
    let plain = key
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-');
    if plain {
        return Cow::Borrowed(key);
    }
    let mut out = String::with_capacity(key.len() + 4);
    let mut in_index = false;
    for c in key.chars() {
        match c {
            '[' => in_index = true,
            ']' => in_index = false,
            _ if in_index => {}
            '_' => out.push('-'),
            c if c.is_ascii_uppercase() => {
                if !out.is_empty() && !out.ends_with(['.', '-']) {
                    out.push('-');
                }
                out.push(c.to_ascii_lowercase());
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::kebab;

    #[test]
    fn relaxed_spellings_become_kebab_case() {
        assert_eq!(kebab("spring.data.redis.host"), "spring.data.redis.host");
        assert_eq!(
            kebab("spring.data.redis.clientType"),
            "spring.data.redis.client-type"
        );
        assert_eq!(
            kebab("spring.data.redis.client_type"),
            "spring.data.redis.client-type"
        );
        assert_eq!(
            kebab("spring.data.redis.cluster.nodes[2]"),
            "spring.data.redis.cluster.nodes"
        );
        assert_eq!(
            kebab("spring.data.redis.lettuce.pool.maxActive"),
            "spring.data.redis.lettuce.pool.max-active"
        );
    }
}
