//! Which Maven coordinates and property names tell a product's version.

use bdl_core::Product;

/// How strongly an artifact's version stands for its product's: `0` is the core artifact
/// (`flink-streaming-java`), larger numbers are artifacts released with it.
pub(super) type Rank = u8;

/// The product whose version `group:artifact` carries, and its rank. Only artifacts released
/// with the product under the same version: connectors (`flink-connector-kafka`
/// `3.2.0-1.19`) and shaded third-party libraries are not.
pub(super) fn product_of(group: &str, artifact: &str) -> Option<(Product, Rank)> {
    let found = match group {
        "org.apache.flink" => {
            // Artifacts before Flink 1.15 carry a Scala suffix: `flink-streaming-java_2.12`.
            let artifact = strip_scala_suffix(artifact);
            let rank = match artifact {
                "flink-streaming-java" => 0,
                "flink-core" => 1,
                "flink-clients" | "flink-java" | "flink-runtime" | "flink-streaming-scala" => 2,
                "flink-runtime-web" | "flink-statebackend-rocksdb" | "flink-test-utils" => 3,
                _ if artifact.starts_with("flink-table-")
                    && !artifact.starts_with("flink-table-store") =>
                {
                    3
                }
                _ => return None,
            };
            (Product::Flink, rank)
        }
        "org.apache.hadoop" => {
            let rank = match artifact {
                "hadoop-client" | "hadoop-common" => 0,
                "hadoop-client-api"
                | "hadoop-client-runtime"
                | "hadoop-hdfs"
                | "hadoop-hdfs-client" => 1,
                "hadoop-mapreduce-client-core"
                | "hadoop-yarn-api"
                | "hadoop-yarn-client"
                | "hadoop-yarn-common"
                | "hadoop-aws"
                | "hadoop-auth"
                | "hadoop-minicluster" => 2,
                _ => return None,
            };
            (Product::Hadoop, rank)
        }
        "org.apache.hbase" => {
            let rank = match artifact {
                "hbase-client" | "hbase-shaded-client" => 0,
                "hbase-common" | "hbase-server" | "hbase-mapreduce" | "hbase-shaded-mapreduce" => 1,
                "hbase-testing-util" | "hbase-shaded-testing-util" => 2,
                _ => return None,
            };
            (Product::Hbase, rank)
        }
        "redis.clients" if artifact == "jedis" => (Product::Jedis, 0),
        "co.elastic.clients" if artifact == "elasticsearch-java" => (Product::Elasticsearch, 0),
        "org.elasticsearch.client" => {
            let rank = match artifact {
                "elasticsearch-rest-high-level-client" => 0,
                "elasticsearch-rest-client" | "transport" => 1,
                _ => return None,
            };
            (Product::Elasticsearch, rank)
        }
        "org.elasticsearch" if artifact == "elasticsearch" => (Product::Elasticsearch, 1),
        "org.springframework.boot" => {
            let rank = match artifact {
                "spring-boot-starter-parent"
                | "spring-boot-dependencies"
                | "spring-boot-gradle-plugin" => 0,
                "spring-boot" | "spring-boot-autoconfigure" | "spring-boot-starter" => 1,
                _ if artifact.starts_with("spring-boot-starter-") => 1,
                _ => return None,
            };
            (Product::SpringBoot, rank)
        }
        _ => return None,
    };
    Some(found)
}

/// `flink-streaming-java_2.12` and `flink-streaming-java_${scala.binary.version}` →
/// `flink-streaming-java`.
fn strip_scala_suffix(artifact: &str) -> &str {
    match artifact.rsplit_once('_') {
        Some((base, suffix)) if suffix.starts_with("2.") || suffix.starts_with("${") => base,
        _ => artifact,
    }
}

/// The Gradle plugin id whose version is the product's.
pub(super) fn product_of_plugin(id: &str) -> Option<Product> {
    (id == "org.springframework.boot").then_some(Product::SpringBoot)
}

/// The product whose version a property or variable of this name holds: `flink.version`,
/// `flinkVersion`, `flink_version`, `spring-boot.version`, and in a version catalog `flink`.
/// Case, dots, dashes and underscores do not count.
pub(super) fn product_of_name(name: &str) -> Option<Product> {
    let mut normal = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            '.' | '-' | '_' => {}
            c => normal.push(c.to_ascii_lowercase()),
        }
    }
    let base = normal.strip_suffix("version").unwrap_or(&normal);
    Some(match base {
        "flink" => Product::Flink,
        "hadoop" => Product::Hadoop,
        "hbase" => Product::Hbase,
        "springboot" => Product::SpringBoot,
        "jedis" => Product::Jedis,
        // Spring Boot 2 manages `elasticsearch.version`, Boot 3 `elasticsearch-client.version`.
        "elasticsearch" | "elasticsearchclient" | "elasticsearchjava" => Product::Elasticsearch,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_artifacts_and_names_are_known_and_connectors_are_not() {
        assert_eq!(
            product_of("org.apache.flink", "flink-streaming-java_2.12"),
            Some((Product::Flink, 0))
        );
        assert_eq!(
            product_of("org.apache.flink", "flink-table-api-java-bridge"),
            Some((Product::Flink, 3))
        );
        assert_eq!(
            product_of("org.apache.flink", "flink-connector-kafka"),
            None
        );
        assert_eq!(
            product_of("org.apache.flink", "flink-table-store-flink"),
            None
        );
        assert_eq!(product_of("org.apache.flink", "flink-shaded-guava"), None);
        assert_eq!(
            product_of("org.springframework.boot", "spring-boot-starter-data-redis"),
            Some((Product::SpringBoot, 1))
        );
        assert_eq!(product_of("com.example", "flink-core"), None);
        for (name, product) in [
            ("flink.version", Some(Product::Flink)),
            ("flinkVersion", Some(Product::Flink)),
            ("FLINK_VERSION", Some(Product::Flink)),
            ("flink", Some(Product::Flink)),
            ("spring-boot.version", Some(Product::SpringBoot)),
            ("springBoot", Some(Product::SpringBoot)),
            ("elasticsearch-client.version", Some(Product::Elasticsearch)),
            ("flink.connector.version", None),
            ("version", None),
            ("", None),
        ] {
            assert_eq!(product_of_name(name), product, "{name}");
        }
    }
}
