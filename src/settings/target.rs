//! The `target:` key: the product versions the code is built against.
//!
//! ```yaml
//! target:
//!   flink: "1.20"
//!   spring-boot: 3.2.5
//! ```

use std::path::Path;

use bdl_core::{Product, Span, Target, TargetSource, Targets, Version, nearest};

use super::SettingsError;
use super::yaml::{Node, Value};

/// Reads `target:` from `node`; `error` builds an error at a span with an optional help.
pub(super) fn parse<E>(path: &Path, node: &Node, error: &E) -> Result<Targets, SettingsError>
where
    E: Fn(Span, String, Option<String>) -> SettingsError,
{
    let Value::Map(entries) = &node.value else {
        return Err(error(
            node.span,
            format!("expected a mapping, found {}", node.describe()),
            Some("write for instance `target: {flink: \"1.20\", hadoop: \"3.4\"}`".to_owned()),
        ));
    };
    let mut targets = Targets::NONE;
    for (key, value) in entries {
        let Some(name) = key.as_str() else {
            return Err(error(
                key.span,
                format!("expected a product name, found {}", key.describe()),
                Some(known_products()),
            ));
        };
        let Some(product) = Product::from_key(name) else {
            let help = nearest(name, Product::ALL.map(Product::key))
                .map_or_else(known_products, |s| format!("did you mean `{s}`?"));
            return Err(error(
                key.span,
                format!("unknown product `{name}`"),
                Some(help),
            ));
        };
        if targets.get(product).is_some() {
            return Err(error(key.span, format!("`{name}` is set twice"), None));
        }
        let text = value.as_str().ok_or_else(|| {
            error(
                value.span,
                format!("expected a version, found {}", value.describe()),
                Some("write the version as a string, such as \"1.20\"".to_owned()),
            )
        })?;
        let Some(version) = Version::parse(text) else {
            return Err(error(
                value.span,
                format!("`{text}` is not a version of {}", product.name()),
                Some(
                    "write the release line or a full version, such as \"1.20\" or \"1.20.1\""
                        .to_owned(),
                ),
            ));
        };
        targets.set(
            product,
            Target {
                version,
                text: text.trim().to_owned(),
                source: TargetSource::Settings(path.to_path_buf()),
            },
        );
    }
    Ok(targets)
}

fn known_products() -> String {
    format!(
        "known products: {}",
        Product::ALL.map(Product::key).join(", ")
    )
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use bdl_core::{Product, TargetSource, Version};

    use crate::settings::parse;

    #[test]
    fn valid_targets_are_read_with_their_source() {
        let text = "target: {flink: \"1.20\", hadoop: \"3.4\", hbase: 2.6.1, spring-boot: \"3.2\", \
                    jedis: \"5.1\", elasticsearch: \"8.13\"}\n";
        let settings = parse(Path::new("/p/.bigdata-lint.yaml"), text).expect("valid");
        let versions: Vec<_> = settings
            .target
            .iter()
            .map(|(p, t)| (p.key(), t.version.to_string()))
            .collect();
        assert_eq!(
            versions,
            [
                ("flink", "1.20".to_owned()),
                ("hadoop", "3.4".to_owned()),
                ("hbase", "2.6".to_owned()),
                ("spring-boot", "3.2".to_owned()),
                ("jedis", "5.1".to_owned()),
                ("elasticsearch", "8.13".to_owned()),
            ]
        );
        let hbase = settings.target.get(Product::Hbase).expect("hbase");
        assert_eq!(hbase.text, "2.6.1");
        assert_eq!(
            hbase.source,
            TargetSource::Settings(Path::new("/p/.bigdata-lint.yaml").to_path_buf())
        );
        // Block style, and a product left out.
        let settings =
            parse(Path::new(".bigdata-lint.yaml"), "target:\n  flink: 2.0\n").expect("valid");
        assert_eq!(
            settings.target.get(Product::Flink).map(|t| t.version),
            Some(Version::new(2, 0))
        );
        assert!(settings.target.get(Product::Hadoop).is_none());
    }

    #[test]
    fn errors_point_at_the_product_or_the_version() {
        let check = |text: &str, at: &str, message: &str, help: Option<&str>| {
            let e = parse(Path::new(".bigdata-lint.yaml"), text).expect_err(text);
            assert_eq!(e.span.slice(text), at, "{text}");
            assert!(e.message.contains(message), "{text}: {}", e.message);
            if let Some(help) = help {
                assert_eq!(e.help.as_deref(), Some(help), "{text}");
            }
        };
        check(
            "target:\n  flnk: \"1.20\"\n",
            "flnk",
            "unknown product `flnk`",
            Some("did you mean `flink`?"),
        );
        check(
            "target:\n  springboot: \"3.2\"\n",
            "springboot",
            "unknown product",
            Some("did you mean `spring-boot`?"),
        );
        check(
            "target:\n  kafka: \"3.7\"\n",
            "kafka",
            "unknown product",
            Some("known products: flink, hadoop, hbase, spring-boot, jedis, elasticsearch"),
        );
        check(
            "target:\n  flink: latest\n",
            "latest",
            "`latest` is not a version of Flink",
            None,
        );
        check(
            "target:\n  flink: \"2.x\"\n",
            "\"2.x\"",
            "not a version",
            None,
        );
        check(
            "target:\n  flink: [1.20]\n",
            "[1.20]",
            "expected a version",
            None,
        );
        check("target: \"1.20\"\n", "\"1.20\"", "expected a mapping", None);
        check(
            "target:\n  flink: \"1.20\"\n  flink: \"2.0\"\n",
            "flink",
            "set twice",
            None,
        );
        check(
            "targte: {}\n",
            "targte",
            "unknown key",
            Some("did you mean `target`?"),
        );
    }
}
