use bdl_catalog::{Catalog, Lookup, spring};
use bdl_core::{Ctx, Product, RuleMeta, Severity, Version, declare_rule};
use bdl_syntax::config::Entry;
use bdl_syntax::{ConfigFile, Rule};

declare_rule! {
    /// ## What it does
    /// Flags Spring Boot Redis keys that the project's Spring Boot version no longer reads,
    /// in `application*.properties` and `application*.yml` (nested YAML and profile documents
    /// included):
    /// - `spring.redis.*` on Spring Boot 3.0 and later, where the keys moved to
    ///   `spring.data.redis.*`; the message names the new key;
    /// - `spring.redis.pool.*` (Spring Boot 1.x) on Spring Boot 2.0 and later, where the pool
    ///   settings belong to the client: `…lettuce.pool.*` (the default client) or
    ///   `…jedis.pool.*` when the file selects Jedis.
    ///
    /// The Spring Boot version comes from the target (`target: {spring-boot: …}`,
    /// `--target`, or the `pom.xml` / Gradle build: see the target-versions documentation):
    /// - on Spring Boot 3.0 and later, a warning for every `spring.redis.*` key;
    /// - on Spring Boot 2.x, a warning for `spring.redis.pool.*` only: the other
    ///   `spring.redis.*` keys are the right ones there;
    /// - on Spring Boot 1.x, nothing;
    /// - when the version is unknown, `info`: `spring.redis.*` is ignored from Spring Boot 3.0
    ///   and the rule cannot tell which line the project is on. One note per file, at its
    ///   first such key, counting the others; a `spring.redis.pool.*` key (ignored from 2.0)
    ///   gets a note of its own naming its Spring Boot 3 and 2 replacements. Set the target so
    ///   that the notes become warnings or go away.
    ///
    /// A legacy key whose replacement is also set in the same file is `info` on a known
    /// version (the old one is dead, but the setting is made) and silent when the version is
    /// unknown (a file shared by Spring Boot 2 and 3 applications sets both on purpose). Only
    /// keys the Spring Boot catalog knows are reported; application keys, other `spring.*`
    /// keys and misspelt Redis keys are not this rule's business.
    ///
    /// Not covered: an application that reads the old keys itself
    /// (`@Value("${spring.redis.pool.max-active}")` feeding its own `JedisPool`) still uses
    /// them; the Java sources are not consulted, so suppress the finding there with a reason.
    ///
    /// ## Why is this bad?
    /// Spring Boot binds configuration keys by name and ignores the ones nothing binds. After
    /// an upgrade to Spring Boot 3, `spring.redis.host` and `spring.redis.lettuce.pool.max-active`
    /// are silently dropped: the application connects to `localhost:6379` and the pool falls
    /// back to its defaults (8 connections, no minimum idle, waiting forever for a free
    /// connection), which is exactly what the file tried to change. The same happened to the
    /// Spring Boot 1.x `spring.redis.pool.*` keys in Spring Boot 2.0.
    ///
    /// ## Example
    /// ```yaml file=application.yml bad findings=2 target=spring-boot=3.2
    /// spring:
    ///   redis:
    ///     host: redis.prod
    ///     lettuce:
    ///       pool:
    ///         max-active: 64
    /// ```
    ///
    /// ```properties file=application.properties bad target=spring-boot=2.7
    /// spring.redis.host=redis.prod
    /// spring.redis.pool.max-active=64
    /// ```
    ///
    /// Without a known Spring Boot version (no build file read, no `target:`), info:
    ///
    /// ```properties file=application.properties bad
    /// spring.redis.host=redis.prod
    /// ```
    ///
    /// Use instead:
    ///
    /// ```yaml file=application.yml good target=spring-boot=3.2
    /// spring:
    ///   data:
    ///     redis:
    ///       host: redis.prod
    ///       lettuce:
    ///         pool:
    ///           max-active: 64
    /// ```
    ///
    /// ```properties file=application.properties good target=spring-boot=2.7
    /// spring.redis.host=redis.prod
    /// spring.redis.lettuce.pool.max-active=64
    /// ```
    ///
    /// ```properties file=application.properties good
    /// spring.data.redis.host=redis.prod
    /// ```
    ///
    /// ## How to fix
    /// Rename each key to the one the message names. A library shared between Spring Boot 2
    /// and 3 applications may set both spellings. When the version is unknown, set it
    /// (`target: {spring-boot: "3.5"}` in `.bigdata-lint.yaml`, or `--target spring-boot=3.5`)
    /// so that the rule can tell whether `spring.redis.*` is still read.
    ///
    /// ## Options
    /// None.
    ///
    /// ## References
    /// - Spring Boot 3.0 migration guide, Redis properties: <https://github.com/spring-projects/spring-boot/wiki/Spring-Boot-3.0-Migration-Guide#redis-properties>
    /// - Spring Boot 2.0 migration guide (Redis pool properties moved under the client): <https://github.com/spring-projects/spring-boot/wiki/Spring-Boot-2.0-Migration-Guide>
    /// - Spring Boot, common application properties (data): <https://docs.spring.io/spring-boot/appendix/application-properties/index.html#appendix.application-properties.data>
    pub SpringRedisLegacyKeys {
        code: "RDS011",
        name: "spring-redis-legacy-keys",
        summary: "legacy Spring Redis key that the project's Spring Boot version ignores",
        severity: Warning,
        kinds: [SpringProperties, SpringYaml],
        triggers: ["redis"],
        options: [],
    }
}

const OLD_PREFIX: &str = "spring.redis.";
const NEW_PREFIX: &str = "spring.data.redis.";

impl Rule for SpringRedisLegacyKeys {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_config(&self, file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
        let legacy: Vec<&Entry> = file
            .entries
            .iter()
            .filter(|e| relaxed(&e.key).starts_with("spring.redis."))
            .collect();
        if legacy.is_empty() {
            return;
        }
        let client = if file.entries.iter().any(|e| {
            let key = relaxed(&e.key);
            key.contains(".jedis.") || (key.ends_with(".clienttype") && e.value.trim() == "jedis")
        }) {
            "jedis"
        } else {
            "lettuce"
        };
        let present: Vec<String> = file.entries.iter().map(|e| relaxed(&e.key)).collect();
        let Some(target) = cx.target(Product::SpringBoot).map(|t| t.version) else {
            unknown_version(&legacy, client, &present, cx);
            return;
        };
        if target < Version::new(2, 0) {
            return;
        }
        for entry in legacy {
            let Some(found) = judge(&entry.key, target, client) else {
                continue;
            };
            let both = present.contains(&relaxed(found.replacement));
            let severity = if both {
                Severity::Info
            } else {
                Severity::Warning
            };
            let key = entry.key.as_str();
            let new = found.replacement;
            let (message, help) = if both {
                (
                    format!(
                        "`{key}` is ignored since Spring Boot {}, and `{new}` is already set",
                        found.since
                    ),
                    format!("remove `{key}`"),
                )
            } else {
                (
                    format!(
                        "`{key}` is ignored since Spring Boot {}, so the setting falls back to its default: use `{new}`",
                        found.since
                    ),
                    format!("rename `{key}` to `{new}`"),
                )
            };
            cx.report(severity, entry.key_span, message)
                .help(help)
                .anchor(key);
        }
    }
}

/// The Spring Boot line whose view an unknown version is judged by: the newest modelled one,
/// where every `spring.redis.*` key is ignored.
const NEWEST: Version = Version::new(4, 1);

/// Without a known Spring Boot version, `info`: one note per file for the `spring.redis.*`
/// keys the newest line ignores (at the first, counting the others: the advice is the same for
/// all of them), and one per Spring Boot 1.x `spring.redis.pool.*` key, which is ignored on
/// every later line and has its own replacement. A key whose replacement the file also sets
/// is left out: a file shared by Spring Boot 2 and 3 applications sets both on purpose.
fn unknown_version(legacy: &[&Entry], client: &'static str, present: &[String], cx: &mut Ctx<'_>) {
    const HELP: &str = "set `target: {spring-boot: \"3.x\"}` to your Spring Boot version, or \
                        move to `spring.data.redis.*`";
    let mut moved: Vec<(&Entry, Legacy)> = Vec::new();
    for entry in legacy {
        let Some(found) = judge(&entry.key, NEWEST, client) else {
            continue;
        };
        if present.contains(&relaxed(found.replacement)) {
            continue;
        }
        if found.since == "3.0" {
            moved.push((entry, found));
            continue;
        }
        let key = entry.key.as_str();
        let new = found.replacement;
        let boot2 = new.replacen(NEW_PREFIX, OLD_PREFIX, 1);
        cx.report(
            Severity::Info,
            entry.key_span,
            format!(
                "`{key}` is ignored from Spring Boot 2.0, and the Spring Boot version is unknown: \
                 use `{new}` on Spring Boot 3, `{boot2}` on Spring Boot 2"
            ),
        )
        .help(HELP)
        .anchor(key);
    }
    let Some((first, found)) = moved.first() else {
        return;
    };
    let key = first.key.as_str();
    // Distinct keys: a file may set one key in several profile documents.
    let mut distinct: Vec<String> = moved.iter().map(|(e, _)| relaxed(&e.key)).collect();
    distinct.sort_unstable();
    distinct.dedup();
    let message = match distinct.len() {
        1 => format!(
            "`{key}` is ignored from Spring Boot 3.0, where the key is `{}`, and the Spring Boot \
             version is unknown",
            found.replacement
        ),
        2 => format!(
            "`{key}` and 1 more `spring.redis.*` key of this file are ignored from Spring Boot \
             3.0, which reads `spring.data.redis.*`, and the Spring Boot version is unknown"
        ),
        n => format!(
            "`{key}` and {} more `spring.redis.*` keys of this file are ignored from Spring Boot \
             3.0, which reads `spring.data.redis.*`, and the Spring Boot version is unknown",
            n - 1
        ),
    };
    cx.report(Severity::Info, first.key_span, message)
        .help(HELP)
        .anchor(key);
}

/// A legacy key and what replaces it.
#[derive(Debug, PartialEq, Eq)]
struct Legacy {
    replacement: &'static str,
    /// The Spring Boot line that stopped reading the key: `2.0` or `3.0`.
    since: &'static str,
}

/// The replacement of a `spring.redis.*` key for the target line. `None` for keys the target
/// still reads and for keys no catalog knows.
fn judge(key: &str, target: Version, client: &'static str) -> Option<Legacy> {
    let boot3 = target >= Version::new(3, 0);
    let catalog: &Catalog = spring::nearest(target);
    if !relaxed(key).starts_with(OLD_PREFIX) {
        return None;
    }
    // `spring.redis.pool.<setting>` in any relaxed spelling: the setting as written.
    let segments: Vec<&str> = key.trim().split('.').collect();
    let is_pool = segments.len() > 3 && relaxed(segments[2]) == "pool";
    if is_pool {
        let setting = segments[3..].join(".");
        // Spring Boot 1.x: the pool belongs to the client from 2.0 on.
        let prefix = if boot3 { NEW_PREFIX } else { OLD_PREFIX };
        let wanted = format!("{prefix}{client}.pool.{setting}");
        let Lookup::Known(info) = catalog.lookup(&wanted) else {
            return None;
        };
        return Some(Legacy {
            replacement: info.key,
            since: "2.0",
        });
    }
    if !boot3 {
        return None;
    }
    match catalog.lookup(key) {
        Lookup::Removed {
            hint: Some(new), ..
        } if new.starts_with(NEW_PREFIX) => Some(Legacy {
            replacement: new,
            since: "3.0",
        }),
        _ => None,
    }
}

/// A key as Spring's relaxed binding compares it: lower case, without `-`, `_` and list
/// indices, then with the dashes of the catalog's spelling where they matter for prefixes.
fn relaxed(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut in_index = false;
    for c in key.trim().chars() {
        match c {
            '[' => in_index = true,
            ']' => in_index = false,
            _ if in_index => {}
            '-' | '_' => {}
            c => out.push(c.to_ascii_lowercase()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use bdl_core::{Diagnostic, Targets};
    use bdl_syntax::{check_one, check_one_with_targets};

    use super::*;

    fn boot(major: u16, minor: u16, path: &str, text: &str) -> Vec<Diagnostic> {
        let targets = Targets::NONE.with(Product::SpringBoot, Version::new(major, minor));
        check_one_with_targets(&SpringRedisLegacyKeys, path, text, &targets)
    }

    #[test]
    fn boot_3_ignores_spring_redis() {
        let text = "spring:\n  redis:\n    host: redis.prod\n    lettuce:\n      pool:\n        max-active: 64\napp:\n  redis:\n    host: x\n";
        let d = boot(3, 2, "application.yml", text);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].severity, Severity::Warning);
        assert_eq!(
            d[0].message,
            "`spring.redis.host` is ignored since Spring Boot 3.0, so the setting falls back to its default: use `spring.data.redis.host`"
        );
        assert_eq!(
            d[1].help.as_deref(),
            Some(
                "rename `spring.redis.lettuce.pool.max-active` to `spring.data.redis.lettuce.pool.max-active`"
            )
        );
        assert!(boot(2, 7, "application.yml", text).is_empty());
    }

    #[test]
    fn boot_1_pool_keys() {
        let text = "spring.redis.pool.max-active=64\nspring.redis.pool.maxIdle=8\n";
        let d = boot(2, 7, "application.properties", text);
        assert_eq!(d.len(), 2);
        assert!(
            d[0].message
                .contains("use `spring.redis.lettuce.pool.max-active`")
        );
        assert!(
            d[1].message
                .contains("use `spring.redis.lettuce.pool.max-idle`")
        );
        let d = boot(
            3,
            1,
            "application.properties",
            "spring.redis.client-type=jedis\nspring.redis.pool.max-active=64\n",
        );
        assert!(
            d[1].message
                .contains("use `spring.data.redis.jedis.pool.max-active`")
        );
        assert!(boot(1, 5, "application.properties", text).is_empty());
    }

    #[test]
    fn unknown_version_is_info() {
        let text = "spring.redis.port=6380\nspring.redis.pool.max-active=8\n";
        let d = check_one(&SpringRedisLegacyKeys, "application.properties", text);
        assert_eq!(d.len(), 2);
        assert!(d.iter().all(|d| d.severity == Severity::Info));
        assert_eq!(
            d[0].message,
            "`spring.redis.port` is ignored from Spring Boot 3.0, where the key is \
             `spring.data.redis.port`, and the Spring Boot version is unknown"
        );
        assert_eq!(
            d[1].message,
            "`spring.redis.pool.max-active` is ignored from Spring Boot 2.0, and the Spring Boot \
             version is unknown: use `spring.data.redis.lettuce.pool.max-active` on Spring Boot \
             3, `spring.redis.lettuce.pool.max-active` on Spring Boot 2"
        );
        assert_eq!(
            d[0].help.as_deref(),
            Some(
                "set `target: {spring-boot: \"3.x\"}` to your Spring Boot version, or move to `spring.data.redis.*`"
            )
        );
        // One note for all the moved keys of a file, at the first; pool keys on their own.
        let yaml = "spring:\n  redis:\n    client-type: jedis\n    host: a\n    pool:\n      maxIdle: 4\n    hots: x\n";
        let d = check_one(&SpringRedisLegacyKeys, "application.yml", yaml);
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(d.iter().all(|d| d.severity == Severity::Info));
        assert!(d[0].message.starts_with(
            "`spring.redis.client-type` and 1 more `spring.redis.*` key of this file are ignored"
        ));
        assert!(
            d[1].message
                .contains("use `spring.data.redis.jedis.pool.max-idle`")
        );
    }

    #[test]
    fn both_spellings() {
        let text = "spring.redis.host=a\nspring.data.redis.host=a\n";
        assert!(check_one(&SpringRedisLegacyKeys, "application.properties", text).is_empty());
        let d = boot(3, 3, "application.properties", text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Severity::Info);
        assert_eq!(d[0].help.as_deref(), Some("remove `spring.redis.host`"));
    }

    #[test]
    fn silent_on_other_keys() {
        let text = "spring.data.redis.host=a\nspring.redis.hots=a\nmy.redis.host=a\nspring.session.redis.namespace=x\n";
        assert!(boot(3, 2, "application.properties", text).is_empty());
    }
}
