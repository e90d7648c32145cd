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
