//! The checked-in tables are exactly what `cargo xtask gen-catalogs` makes of `data/`:
//! regenerate in memory and compare, so that tables and data cannot drift apart.

#![allow(unreachable_pub, dead_code)]

#[path = "../../../xtask/src/catalogs.rs"]
mod catalogs;

use std::path::Path;

#[test]
fn generated_tables_match_the_data() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = catalogs::generate(&root.join("data")).expect("the data generates");
    assert_eq!(files.len(), 4);
    for (name, content) in files {
        let path = root.join("src").join("generated").join(name);
        let current = std::fs::read_to_string(&path).expect("generated file exists");
        assert!(
            current == content,
            "{} is stale: run `cargo xtask gen-catalogs`",
            path.display()
        );
    }
}
