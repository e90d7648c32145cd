use bdl_core::{Ctx, Product, RuleMeta, Severity, Span, Version, declare_rule};
use bdl_syntax::{JavaFile, Rule};
use tree_sitter::Node;

use crate::helpers::{CLIENT_PACKAGE, HBASE_PACKAGE, is_type_in};

declare_rule! {
    /// ## What it does
    /// Flags HBase client classes that were deprecated and then removed, and names their
    /// replacement:
    ///
    /// | class | deprecated | removed | use instead |
    /// |---|---|---|---|
    /// | `HTablePool` | 0.94 | 0.98.1 (HBASE-6580) | one shared `Connection`, `connection.getTable(name)` per unit of work |
    /// | `HConnection` | 1.0 | 2.0 | `Connection` |
    /// | `HConnectionManager` | 1.0 | 2.0 | `ConnectionFactory.createConnection(conf)` |
    /// | `HTableInterface` | 1.0 | 2.0 | `Table` |
    /// | `new HTable(..)` | 1.0 | 2.0 (constructors) | `connection.getTable(TableName)` |
    /// | `new HBaseAdmin(..)` | 1.0 | 2.0 (constructors) | `connection.getAdmin()` |
    /// | `HTableDescriptor` | 2.0 | 3.0 | `TableDescriptorBuilder` / `TableDescriptor` |
    /// | `HColumnDescriptor` | 2.0 | 3.0 | `ColumnFamilyDescriptorBuilder` / `ColumnFamilyDescriptor` |
    ///
    /// A class is recognised only by its fully qualified name: imported by name (reported
    /// once, at the import, which every use in the file goes through), imported with its
    /// package's wildcard, or written fully qualified (reported once, at the first use). A
    /// class of the same simple name from another package, or declared in the file, is not
    /// reported. `HTable` and `HBaseAdmin` remain in HBase 2 as internal classes; only their
    /// construction (`new HTable(conf, name)`, `new HBaseAdmin(conf)`) is reported, at each
    /// `new`.
    ///
    /// The severity follows the HBase version the project builds against (`target: {hbase:
    /// …}`, `--target hbase=…`, or the `hbase-client` / `hbase-shaded-client` version in the
    /// nearest `pom.xml` / Gradle build):
    /// - at or after the release that removed the class: an error, the code does not compile;
    /// - after the deprecation but before the removal: a warning;
    /// - before the deprecation: nothing (`HTableDescriptor` is the current API of HBase 1.x);
    /// - unknown version: a warning for the classes removed in 2.0 or earlier, `info` for
    ///   `HTableDescriptor` and `HColumnDescriptor`, which HBase 2.x still has.
    ///
    /// ## Why is this bad?
    /// Code that uses a removed class does not compile against the newer client, so the
    /// upgrade that a cluster upgrade forces becomes a rewrite under time pressure. The old
    /// classes also carry the old connection model: `HTablePool`, `HConnectionManager` and
    /// `new HTable(conf, name)` each managed connections implicitly (a hidden connection per
    /// table, a pool of table objects), while since 1.0 one heavyweight, thread-safe
    /// `Connection` is created once and shared, and lightweight `Table` / `Admin` handles are
    /// taken from it and closed per unit of work.
    ///
    /// ## Example
    /// ```java file=Job.java bad findings=2 target=hbase=2.6
    /// import org.apache.hadoop.hbase.HColumnDescriptor;
    /// import org.apache.hadoop.hbase.HTableDescriptor;
    /// import org.apache.hadoop.hbase.TableName;
    /// import org.apache.hadoop.hbase.client.Admin;
    ///
    /// class Job {
    ///     void create(Admin admin) throws Exception {
    ///         HTableDescriptor table = new HTableDescriptor(TableName.valueOf("orders"));
    ///         table.addFamily(new HColumnDescriptor("d"));
    ///         admin.createTable(table);
    ///     }
    /// }
    /// ```
    ///
    /// Use instead:
    ///
    /// ```java file=Job.java good target=hbase=2.6
    /// import org.apache.hadoop.hbase.TableName;
    /// import org.apache.hadoop.hbase.client.Admin;
    /// import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
    /// import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
    ///
    /// class Job {
    ///     void create(Admin admin) throws Exception {
    ///         admin.createTable(TableDescriptorBuilder.newBuilder(TableName.valueOf("orders"))
    ///             .setColumnFamily(ColumnFamilyDescriptorBuilder.of("d"))
    ///             .build());
    ///     }
    /// }
    /// ```
    ///
    /// ## How to fix
    /// Create one `Connection` per process with `ConnectionFactory.createConnection(conf)`,
    /// share it, and close it on shutdown. Take `Table`, `Admin` and `BufferedMutator` handles
    /// from it (`getTable`, `getAdmin`, `getBufferedMutator`) and close them after each unit of
    /// work. Build table schemas with `TableDescriptorBuilder` and
    /// `ColumnFamilyDescriptorBuilder`; both exist since HBase 2.0, so the change can be made
    /// before moving to 3.0.
    ///
    /// ## Options
    /// None.
    ///
    /// ## References
    /// - Apache HBase reference guide, Client: cluster connections (`HTablePool` removed in 0.98.1 by HBASE-6580, `HConnection` deprecated in 1.0): <https://hbase.apache.org/book.html#client.connections>
    /// - Apache HBase, `HTableDescriptor` Javadoc ("As of release 2.0.0, this will be removed in HBase 3.0.0"): <https://hbase.apache.org/2.6/apidocs/org/apache/hadoop/hbase/HTableDescriptor.html>
    /// - Apache HBase, `Connection` Javadoc: <https://hbase.apache.org/apidocs/org/apache/hadoop/hbase/client/Connection.html>
    /// - HBASE-13395, Remove `HTableInterface` (2.0.0): <https://issues.apache.org/jira/browse/HBASE-13395>
    /// - Apache HBase reference guide, Upgrading from 1.x to 2.x: <https://hbase.apache.org/book.html#upgrade2.0>
    pub DeprecatedHbaseClientApi {
        code: "HBS003",
        name: "deprecated-hbase-client-api",
        summary: "deprecated HBase client classes that later releases removed",
        severity: Error,
        kinds: [Java],
        triggers: ["HTable", "HConnection", "HBaseAdmin", "HColumnDescriptor"],
        options: [],
    }
}

/// Which uses of a legacy class are reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Uses {
    /// Any use: once per file, at the import or the first use.
    Class,
    /// Only `new X(..)`, at each one: the class itself lives on as an internal one.
    Construction,
}

/// A legacy class, when it went away, and what replaces it.
struct Legacy {
    class: &'static str,
    package: &'static str,
    uses: Uses,
    deprecated: Version,
    removed: Version,
    /// The release that removed it, as the release notes name it (`0.98.1`).
    removed_in: &'static str,
    /// What replaces it, short, for the message.
    instead: &'static str,
    help: &'static str,
}

const LEGACY: &[Legacy] = &[
    Legacy {
        class: "HTablePool",
        package: CLIENT_PACKAGE,
        uses: Uses::Class,
        deprecated: Version::new(0, 94),
        removed: Version::new(0, 98),
        removed_in: "0.98.1",
        instead: "a shared `Connection` and its `getTable`",
        help: "share one `Connection` from `ConnectionFactory.createConnection(conf)` and take \
               a `Table` from `connection.getTable(name)` for each unit of work",
    },
    Legacy {
        class: "HConnection",
        package: CLIENT_PACKAGE,
        uses: Uses::Class,
        deprecated: Version::new(1, 0),
        removed: Version::new(2, 0),
        removed_in: "2.0",
        instead: "`Connection`",
        help: "use `Connection`, created once with `ConnectionFactory.createConnection(conf)`",
    },
    Legacy {
        class: "HConnectionManager",
        package: CLIENT_PACKAGE,
        uses: Uses::Class,
        deprecated: Version::new(1, 0),
        removed: Version::new(2, 0),
        removed_in: "2.0",
        instead: "`ConnectionFactory`",
        help: "use `ConnectionFactory.createConnection(conf)` once and share the `Connection`",
    },
    Legacy {
        class: "HTableInterface",
        package: CLIENT_PACKAGE,
        uses: Uses::Class,
        deprecated: Version::new(1, 0),
        removed: Version::new(2, 0),
        removed_in: "2.0",
        instead: "`Table`",
        help: "use `Table`, from `connection.getTable(TableName)`",
    },
    Legacy {
        class: "HTable",
        package: CLIENT_PACKAGE,
        uses: Uses::Construction,
        deprecated: Version::new(1, 0),
        removed: Version::new(2, 0),
        removed_in: "2.0",
        instead: "`Connection.getTable`",
        help: "use `connection.getTable(TableName.valueOf(..))` on a shared `Connection`, \
               which returns a `Table`",
    },
    Legacy {
        class: "HBaseAdmin",
        package: CLIENT_PACKAGE,
        uses: Uses::Construction,
        deprecated: Version::new(1, 0),
        removed: Version::new(2, 0),
        removed_in: "2.0",
        instead: "`Connection.getAdmin`",
        help: "use `connection.getAdmin()` on a shared `Connection`, which returns an `Admin`",
    },
    Legacy {
        class: "HTableDescriptor",
        package: HBASE_PACKAGE,
        uses: Uses::Class,
        deprecated: Version::new(2, 0),
        removed: Version::new(3, 0),
        removed_in: "3.0",
        instead: "`TableDescriptorBuilder`",
        help: "use `TableDescriptorBuilder.newBuilder(TableName)…build()`, which returns a \
               `TableDescriptor`",
    },
    Legacy {
        class: "HColumnDescriptor",
        package: HBASE_PACKAGE,
        uses: Uses::Class,
        deprecated: Version::new(2, 0),
        removed: Version::new(3, 0),
        removed_in: "3.0",
        instead: "`ColumnFamilyDescriptorBuilder`",
        help: "use `ColumnFamilyDescriptorBuilder.newBuilder(family)…build()` (or \
               `ColumnFamilyDescriptorBuilder.of(name)`), which returns a \
               `ColumnFamilyDescriptor`",
    },
];

/// Without a known target, classes removed in this release or earlier are a warning.
const LONG_GONE: Version = Version::new(2, 0);

impl Rule for DeprecatedHbaseClientApi {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        if !file.imports_from(HBASE_PACKAGE) {
            return;
        }
        let mut target = None;
        for legacy in LEGACY {
            let spans = match legacy.uses {
                Uses::Class => first_use(file, legacy).into_iter().collect(),
                Uses::Construction => constructions(file, legacy),
            };
            if spans.is_empty() {
                continue;
            }
            let version = *target.get_or_insert_with(|| cx.target_version(Product::Hbase));
            let Some(severity) = severity(legacy, version) else {
                continue;
            };
            for (span, how) in spans {
                report(cx, legacy, severity, version, span, how);
            }
        }
    }
}

/// How a legacy class shows up at a reported place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum How {
    Imported,
    Used,
    Created,
}

/// The severity for `legacy` when the project builds against `version` (unknown: `None`);
/// `None` when the class is not deprecated there yet.
fn severity(legacy: &Legacy, version: Option<Version>) -> Option<Severity> {
    match version {
        Some(v) if v >= legacy.removed => Some(Severity::Error),
        Some(v) if v >= legacy.deprecated => Some(Severity::Warning),
        Some(_) => None,
        None if legacy.removed <= LONG_GONE => Some(Severity::Warning),
        None => Some(Severity::Info),
    }
}

fn report(
    cx: &mut Ctx<'_>,
    legacy: &Legacy,
    severity: Severity,
    version: Option<Version>,
    span: Span,
    how: How,
) {
    let Legacy {
        class,
        deprecated,
        removed_in,
        instead,
        ..
    } = legacy;
    let subject = match how {
        How::Imported => format!("`{class}` is imported here: it was"),
        How::Used => format!("`{class}` is used here: it was"),
        How::Created => format!("`new {class}(..)`: the public `{class}` constructors were"),
    };
    let consequence = match version {
        Some(v) if severity == Severity::Error => {
            format!("; this does not compile against the targeted HBase {v}")
        }
        _ => String::new(),
    };
    cx.report(
        severity,
        span,
        format!(
            "{subject} deprecated in HBase {deprecated} and removed in {removed_in} in favour of \
             {instead}{consequence}"
        ),
    )
    .help(legacy.help);
}

/// The place to report a class used anywhere in the file: its import by name, or else the
/// first type, receiver or qualified name that refers to it.
fn first_use(file: &JavaFile<'_>, legacy: &Legacy) -> Option<(Span, How)> {
    let fqn = format!("{}.{}", legacy.package, legacy.class);
    for import in file.nodes_of_kind("import_declaration") {
        let Some(name) = imported_name(file, import) else {
            continue;
        };
        let text = compact(file.text_of(name));
        if text == fqn
            || text
                .strip_prefix(fqn.as_str())
                .is_some_and(|m| m.starts_with('.'))
        {
            return Some((JavaFile::span_of(name), How::Imported));
        }
    }
    let refers =
        |node: Node<'_>| is_type_in(file, file.text_of(node), legacy.package, legacy.class);
    let types = file
        .nodes_of_kind("type_identifier")
        .filter(|n| file.text_of(*n) == legacy.class);
    // `HConnectionManager.createConnection(conf)`: a class name as a receiver.
    let receivers = file
        .identifiers_named(legacy.class)
        .filter(|n| is_receiver(file, *n));
    // Qualified: `org.apache.hadoop.hbase.HTableDescriptor` as a type or a receiver.
    let qualified = ["scoped_type_identifier", "field_access"]
        .into_iter()
        .flat_map(|kind| file.nodes_of_kind(kind))
        .filter(|n| file.text_of(*n).ends_with(legacy.class) && compact(file.text_of(*n)) == fqn);
    types
        .chain(receivers)
        .chain(qualified)
        .filter(|n| refers(*n))
        .min_by_key(Node::start_byte)
        .map(|n| (JavaFile::span_of(n), How::Used))
}

/// Every `new X(..)` of the class.
fn constructions(file: &JavaFile<'_>, legacy: &Legacy) -> Vec<(Span, How)> {
    file.nodes_of_kind("object_creation_expression")
        .filter(|creation| {
            creation
                .child_by_field_name("type")
                .is_some_and(|t| is_type_in(file, file.text_of(t), legacy.package, legacy.class))
        })
        .map(|creation| (JavaFile::span_of(creation), How::Created))
        .collect()
}

/// The name an import declaration imports (`a.b.C`, `a.b.C.member` for a static import,
/// `a.b` for `a.b.*`).
fn imported_name<'t>(file: &JavaFile<'_>, import: Node<'t>) -> Option<Node<'t>> {
    let mut cursor = import.walk();
    let name = import
        .named_children(&mut cursor)
        .find(|c| matches!(c.kind(), "scoped_identifier" | "identifier"));
    name.filter(|n| !file.text_of(*n).is_empty())
}

/// Whether an identifier is the receiver of a call or field access (`X.m()`, `X.F`) and no
/// local, parameter or field of that name is in scope.
fn is_receiver(file: &JavaFile<'_>, ident: Node<'_>) -> bool {
    let Some(parent) = ident.parent() else {
        return false;
    };
    let is_object = matches!(parent.kind(), "method_invocation" | "field_access")
        && parent
            .child_by_field_name("object")
            .is_some_and(|o| o.id() == ident.id());
    is_object && bdl_syntax::java::scope::resolve(file, ident, file.text_of(ident)).is_none()
}

fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[cfg(test)]
mod tests {
    use bdl_core::{Diagnostic, Targets};
    use bdl_syntax::{check_one, check_one_with_targets};

    use super::*;

    const RULE: DeprecatedHbaseClientApi = DeprecatedHbaseClientApi;

    fn found(src: &str) -> Vec<(u32, Severity, String)> {
        summary(&check_one(&RULE, "Job.java", src), src)
    }

    fn on(version: (u16, u16), src: &str) -> Vec<(u32, Severity, String)> {
        let targets = Targets::NONE.with(Product::Hbase, Version::new(version.0, version.1));
        summary(
            &check_one_with_targets(&RULE, "Job.java", src, &targets),
            src,
        )
    }

    fn summary(diagnostics: &[Diagnostic], src: &str) -> Vec<(u32, Severity, String)> {
        diagnostics
            .iter()
            .map(|d| (d.start.line, d.severity, d.span.slice(src).to_owned()))
            .collect()
    }

    const DESCRIPTORS: &str = "import org.apache.hadoop.hbase.HColumnDescriptor;
import org.apache.hadoop.hbase.HTableDescriptor;
class Job {
    void m(Admin admin) throws Exception {
        HTableDescriptor t = new HTableDescriptor(TableName.valueOf(\"t\"));
        t.addFamily(new HColumnDescriptor(\"d\"));
        admin.createTable(t);
    }
}
";

    #[test]
    fn descriptors_follow_the_target_version() {
        let at_imports = |severity| {
            vec![
                (
                    1,
                    severity,
                    "org.apache.hadoop.hbase.HColumnDescriptor".to_owned(),
                ),
                (
                    2,
                    severity,
                    "org.apache.hadoop.hbase.HTableDescriptor".to_owned(),
                ),
            ]
        };
        assert_eq!(found(DESCRIPTORS), at_imports(Severity::Info));
        assert_eq!(on((2, 6), DESCRIPTORS), at_imports(Severity::Warning));
        assert_eq!(on((3, 0), DESCRIPTORS), at_imports(Severity::Error));
        // The current API of HBase 1.x.
        assert!(on((1, 4), DESCRIPTORS).is_empty());
    }

    #[test]
    fn messages_name_the_versions_and_the_replacement() {
        let d = check_one_with_targets(
            &RULE,
            "Job.java",
            DESCRIPTORS,
            &Targets::NONE.with(Product::Hbase, Version::new(3, 0)),
        );
        assert_eq!(
            d[1].message,
            "`HTableDescriptor` is imported here: it was deprecated in HBase 2.0 and removed in \
             3.0 in favour of `TableDescriptorBuilder`; this does not compile against the \
             targeted HBase 3.0"
        );
        assert_eq!(
            d[1].help.as_deref(),
            Some(
                "use `TableDescriptorBuilder.newBuilder(TableName)…build()`, which returns a \
                 `TableDescriptor`"
            )
        );
    }

    #[test]
    fn connections_removed_in_2_0() {
        let src = "import org.apache.hadoop.hbase.client.*;
import org.apache.hadoop.hbase.HBaseConfiguration;
class Job {
    private HTablePool pool;
    void m() throws Exception {
        HConnection conn = HConnectionManager.createConnection(HBaseConfiguration.create());
        HTableInterface t = conn.getTable(\"t\");
        HTable legacy = new HTable(HBaseConfiguration.create(), \"t\");
        HBaseAdmin admin = new HBaseAdmin(HBaseConfiguration.create());
        HTableInterface again = conn.getTable(\"u\");
        HTable other = new HTable(conf, \"u\");
    }
}
";
        assert_eq!(
            found(src),
            [
                (4, Severity::Warning, "HTablePool".to_owned()),
                (6, Severity::Warning, "HConnection".to_owned()),
                (6, Severity::Warning, "HConnectionManager".to_owned()),
                (7, Severity::Warning, "HTableInterface".to_owned()),
                (
                    8,
                    Severity::Warning,
                    "new HTable(HBaseConfiguration.create(), \"t\")".to_owned()
                ),
                (
                    9,
                    Severity::Warning,
                    "new HBaseAdmin(HBaseConfiguration.create())".to_owned()
                ),
                (11, Severity::Warning, "new HTable(conf, \"u\")".to_owned()),
            ]
        );
        assert!(
            on((2, 4), src)
                .iter()
                .all(|(_, severity, _)| *severity == Severity::Error)
        );
        // On 1.x all of them but the pool are only deprecated.
        let one = on((1, 2), src);
        assert_eq!(one[0], (4, Severity::Error, "HTablePool".to_owned()));
        assert!(one[1..].iter().all(|(_, s, _)| *s == Severity::Warning));
        assert_eq!(on((0, 96), src).len(), 1);
    }

    #[test]
    fn qualified_names_and_static_imports() {
        let src = "import org.apache.hadoop.hbase.HConstants;
import static org.apache.hadoop.hbase.HColumnDescriptor.DEFAULT_VERSIONS;
class Job {
    org.apache.hadoop.hbase.client.HConnection conn() throws Exception {
        return org.apache.hadoop.hbase.client.HConnectionManager.createConnection(conf);
    }
}
";
        assert_eq!(
            found(src),
            [
                (
                    2,
                    Severity::Info,
                    "org.apache.hadoop.hbase.HColumnDescriptor.DEFAULT_VERSIONS".to_owned()
                ),
                (
                    4,
                    Severity::Warning,
                    "org.apache.hadoop.hbase.client.HConnection".to_owned()
                ),
                (
                    5,
                    Severity::Warning,
                    "org.apache.hadoop.hbase.client.HConnectionManager".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn look_alikes_stay_silent() {
        // The modern API, an own class of the same name, another package's class, and HTable
        // as a type only.
        let src = "import org.apache.hadoop.hbase.client.*;
import org.apache.hadoop.hbase.TableName;
import com.example.legacy.HTablePool;
class HConnection {}
class Job {
    void m(Connection conn, HTablePool pool, HTable table) throws Exception {
        Table t = conn.getTable(TableName.valueOf(\"t\"));
        HConnection mine = new HConnection();
        Admin admin = conn.getAdmin();
        TableDescriptor d = TableDescriptorBuilder.newBuilder(TableName.valueOf(\"t\")).build();
        String HTableDescriptor = \"not a class\";
        HTableDescriptor.length();
    }
}
";
        assert!(found(src).is_empty(), "{:?}", found(src));
        // No HBase import at all.
        assert!(found("class Job { HTableDescriptor d = new HTableDescriptor(); }").is_empty());
    }
}
