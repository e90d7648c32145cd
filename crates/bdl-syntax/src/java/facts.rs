//! Facts about Java sources in other files: the project index.
//!
//! A rule that meets `HBaseUtils.getConnection().getTable(n)` or `Constants.CHECKPOINT_MS`
//! needs to know what `getConnection()` returns and what `CHECKPOINT_MS` holds, though both are
//! declared in another file. [`JavaFacts`] is the summary of one file that answers such
//! questions: its package, imports, and per class its `static final` constants (folded), its
//! fields and methods with their declared types. The engine builds it for a file the first time
//! a rule asks about a class declared there (found by Java's naming convention, see
//! [`crate::ProjectView::java_sources`]) and keeps it for the rest of the run; no tree is kept.
//!
//! [`resolve_class`] finds the class a name refers to as `javac` would: an import by name, then
//! the file's own package, then the imports on demand. A name that two candidates answer is
//! unknown, and so is a name declared in the checked file itself (its own helpers cover that).
//!
//! Bounded: a summary keeps at most [`MAX_TYPES`] classes and [`MAX_MEMBERS`] members per
//! class; files above [`MAX_SOURCE_SIZE`] are not summarised. A summary is built from its own
//! file alone (its constants may use other constants of that file, not of a third), so one
//! lookup never leads to another and cycles between files cannot occur.

use std::sync::Arc;
use std::time::Duration;

use tree_sitter::Node;

use super::{JavaFile, fold, scope};

/// Source files above this size are not summarised: their classes are unknown.
pub const MAX_SOURCE_SIZE: u64 = 1024 * 1024;

/// Classes kept per summarised file.
pub const MAX_TYPES: usize = 256;

/// Constants, fields and methods kept per class.
pub const MAX_MEMBERS: usize = 4096;

/// Kinds of the declarations that open a class body.
const TYPE_KINDS: &[&str] = &[
    "class_declaration",
    "interface_declaration",
    "enum_declaration",
    "record_declaration",
];

/// The summary of one Java source file.
#[derive(Debug, Default)]
pub struct JavaFacts {
    /// The declared package, empty for the default package.
    pub package: String,
    /// The imports as written, without `import`, `static` and `;` (`com.acme.Util`, `a.b.*`).
    pub imports: Vec<String>,
    pub types: Vec<TypeFacts>,
}

/// What one class (or interface, enum, record) of a summarised file declares.
#[derive(Debug, Default)]
pub struct TypeFacts {
    /// The name within the file: `Outer`, or `Outer.Inner` for a nested class.
    pub name: String,
    /// Whether no subclass can override its methods: a `final` class, an enum or a record.
    pub is_final: bool,
    /// `static final` fields (and interface fields) whose value folds.
    pub constants: Vec<(String, Constant)>,
    pub fields: Vec<Member>,
    pub methods: Vec<Member>,
}

/// A field or method: its name, declared type (or return type) and how it can be called.
#[derive(Clone, Debug)]
pub struct Member {
    pub name: String,
    /// The type as written, type arguments and whitespace removed (`Connection`,
    /// `org.apache.hadoop.hbase.client.Table`, `Map`).
    pub ty: String,
    pub is_static: bool,
    pub is_private: bool,
    /// Methods: the number of parameters (`usize::MAX` for varargs). Fields: 0.
    pub arity: usize,
}

/// A constant's folded value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Constant {
    /// An integer of Java type `int` (`long: false`) or `long`.
    Int {
        value: i64,
        long: bool,
    },
    Str(String),
    Duration(Duration),
}

impl JavaFacts {
    /// The summary of `text`, a Java source file.
    pub fn summarize(text: &str) -> Self {
        let Some(file) = JavaFile::parse(text) else {
            return Self::default();
        };
        let mut facts = Self {
            package: file.package_name().to_owned(),
            imports: file.imports().to_vec(),
            types: Vec::new(),
        };
        let mut types: Vec<Node<'_>> = TYPE_KINDS
            .iter()
            .flat_map(|kind| file.nodes_of_kind(kind))
            .collect();
        types.sort_by_key(Node::start_byte);
        for node in types.into_iter().take(MAX_TYPES) {
            if let Some(summary) = summarize_type(&file, node) {
                facts.types.push(summary);
            }
        }
        facts
    }

    /// The class named `name` within the file (`Outer` or `Outer.Inner`).
    pub fn class(&self, name: &str) -> Option<&TypeFacts> {
        self.types.iter().find(|t| t.name == name)
    }

    /// Whether the type written as `written` in this file is the class `fqn`: written fully
    /// qualified, imported by name, declared in the same package (and not imported by name from
    /// elsewhere), or imported on demand while no class of that simple name is imported by name
    /// or declared in the file.
    pub fn names_class(&self, written: &str, fqn: &str) -> bool {
        let base = written.split('<').next().unwrap_or(written);
        if base.contains('.') {
            return base == fqn;
        }
        let Some((package, simple)) = fqn.rsplit_once('.') else {
            return false;
        };
        if base != simple {
            return false;
        }
        if self.imports.iter().any(|i| i == fqn) {
            return true;
        }
        let by_name_elsewhere = self
            .imports
            .iter()
            .any(|i| !i.ends_with(".*") && i.rsplit('.').next() == Some(simple));
        let declared_here = self
            .types
            .iter()
            .any(|t| t.name.rsplit('.').next() == Some(simple));
        if by_name_elsewhere || declared_here {
            return false;
        }
        self.package == package
            || self
                .imports
                .iter()
                .any(|i| i.strip_suffix(".*") == Some(package))
    }
}

impl TypeFacts {
    /// The value of the constant `name`.
    pub fn constant(&self, name: &str) -> Option<&Constant> {
        self.constants
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, c)| c)
    }

    /// The field `name`.
    pub fn field(&self, name: &str) -> Option<&Member> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// The return type of a call of method `name` with `arity` arguments, when every overload
    /// that accepts that many arguments declares the same one.
    pub fn returns(&self, name: &str, arity: usize, want_static: bool) -> Option<&str> {
        let mut found: Option<&str> = None;
        for m in self.methods.iter().filter(|m| m.name == name) {
            if m.arity != arity && m.arity != usize::MAX {
                continue;
            }
            if want_static && !m.is_static {
                return None;
            }
            match found {
                Some(ty) if ty != m.ty => return None,
                _ => found = Some(&m.ty),
            }
        }
        found
    }
}

static NO_TYPE: TypeFacts = TypeFacts {
    name: String::new(),
    is_final: false,
    constants: Vec::new(),
    fields: Vec::new(),
    methods: Vec::new(),
};

/// A class found through the project: the file's facts and which of its classes.
#[derive(Clone, Debug)]
pub struct ClassRef {
    pub facts: Arc<JavaFacts>,
    index: usize,
}

impl ClassRef {
    pub fn class(&self) -> &TypeFacts {
        // `index` was taken from `facts.types` when the reference was made.
        self.facts.types.get(self.index).unwrap_or(&NO_TYPE)
    }
}

/// The class in another file that `written` (`Util`, `Util.Inner`, `com.acme.Util`) refers to
/// from `file`; `None` when it is declared in `file`, not found, or ambiguous.
pub fn resolve_class(file: &JavaFile<'_>, written: &str) -> Option<ClassRef> {
    let written: String = written.chars().filter(|c| !c.is_whitespace()).collect();
    let base = written.split('<').next().unwrap_or(&written);
    let (head, rest) = match base.split_once('.') {
        Some((head, rest)) => (head, Some(rest)),
        None => (base, None),
    };
    if head.is_empty() || scope::class_named(file, head).is_some() {
        return None;
    }
    let project = file.project();
    let package = file.package_name();
    let lookup = |top_fqn: &str| -> Vec<ClassRef> {
        let (pkg, top) = top_fqn.rsplit_once('.').unwrap_or(("", top_fqn));
        let relative = if pkg.is_empty() {
            format!("{top}.java")
        } else {
            format!("{}/{top}.java", pkg.replace('.', "/"))
        };
        let name = match rest {
            Some(rest) => format!("{top}.{rest}"),
            None => top.to_owned(),
        };
        project
            .java_sources(package, &relative)
            .into_iter()
            .filter(|f| f.package == pkg)
            .filter_map(|facts| {
                let index = facts.types.iter().position(|t| t.name == name)?;
                Some(ClassRef { facts, index })
            })
            .collect()
    };
    let unique = |mut found: Vec<ClassRef>| (found.len() == 1).then(|| found.pop()).flatten();
    // An import by name decides alone.
    if let Some(import) = file
        .imports()
        .iter()
        .find(|i| i.rsplit('.').next() == Some(head) && !i.ends_with(".*"))
    {
        return unique(lookup(import));
    }
    // A name starting in lower case is a qualified name: `com.acme.Util`.
    if head.starts_with(|c: char| c.is_ascii_lowercase()) {
        let segments: Vec<&str> = base.split('.').collect();
        let top = segments
            .iter()
            .position(|s| s.starts_with(|c: char| c.is_ascii_uppercase()))?;
        let top_fqn = segments.get(..=top)?.join(".");
        let nested = segments.get(top + 1..).unwrap_or_default();
        let (pkg, name) = top_fqn.rsplit_once('.')?;
        let relative = format!("{}/{name}.java", pkg.replace('.', "/"));
        let mut full = name.to_owned();
        for n in nested {
            full.push('.');
            full.push_str(n);
        }
        let found: Vec<ClassRef> = project
            .java_sources(package, &relative)
            .into_iter()
            .filter(|f| f.package == pkg)
            .filter_map(|facts| {
                let index = facts.types.iter().position(|t| t.name == full)?;
                Some(ClassRef { facts, index })
            })
            .collect();
        return unique(found);
    }
    // The file's own package.
    let same = if package.is_empty() {
        head.to_owned()
    } else {
        format!("{package}.{head}")
    };
    let found = lookup(&same);
    if !found.is_empty() {
        return unique(found);
    }
    // Imports on demand: exactly one of them may answer.
    let mut found = Vec::new();
    for import in file.imports().iter().filter_map(|i| i.strip_suffix(".*")) {
        found.extend(lookup(&format!("{import}.{head}")));
    }
    unique(found)
}

/// The value of `expr` when it names a constant of another file: `Constants.CHECKPOINT_MS`,
/// `com.acme.Constants.X`, or `X` imported with `import static com.acme.Constants.X` (or `.*`).
pub fn constant(file: &JavaFile<'_>, expr: Node<'_>) -> Option<Constant> {
    match expr.kind() {
        "field_access" => {
            let object = expr.child_by_field_name("object")?;
            let field = file.text_of(expr.child_by_field_name("field")?);
            if !matches!(object.kind(), "identifier" | "field_access") {
                return None;
            }
            // A variable of that name is not a class.
            if object.kind() == "identifier"
                && scope::resolve(file, object, file.text_of(object)).is_some()
            {
                return None;
            }
            let class = resolve_class(file, file.text_of(object))?;
            class.class().constant(field).cloned()
        }
        "identifier" => {
            let name = file.text_of(expr);
            let mut found = Vec::new();
            for import in file.imports() {
                let class = if let Some(class) = import.strip_suffix(".*") {
                    class
                } else if import.rsplit_once('.').is_some_and(|(_, n)| n == name) {
                    import.rsplit_once('.').map_or("", |(c, _)| c)
                } else {
                    continue;
                };
                // Only a class name (it starts in upper case) can be statically imported from.
                let simple = class.rsplit('.').next().unwrap_or(class);
                if !simple.starts_with(|c: char| c.is_ascii_uppercase()) {
                    continue;
                }
                if let Some(c) =
                    resolve_class(file, class).and_then(|c| c.class().constant(name).cloned())
                {
                    found.push(c);
                }
            }
            (found.len() == 1).then(|| found.pop()).flatten()
        }
        _ => None,
    }
}

/// A type declared in another file, as written there.
#[derive(Clone, Debug)]
pub struct External {
    /// The summary of the file that declares it, whose imports give `ty` its meaning.
    pub facts: Arc<JavaFacts>,
    /// The declared type as written there (see [`Member::ty`]).
    pub ty: String,
}

impl External {
    /// Whether the type is the class `fqn` (see [`JavaFacts::names_class`]).
    pub fn is(&self, fqn: &str) -> bool {
        self.facts.names_class(&self.ty, fqn)
    }
}

/// The declared type of `expr` when a class of another file declares it: the return type of
/// `Util.getConnection()` (a static method) or of `helper.connection()` (`helper` declared
/// with a class of another file), or the type of the field `Util.CONNECTION`. `None` when it
/// is not such an expression, or the class, member or overload cannot be told.
pub fn external_type(file: &JavaFile<'_>, expr: Node<'_>) -> Option<External> {
    let expr = scope::unparenthesize(expr)?;
    let (object, member) = match expr.kind() {
        "method_invocation" => (
            expr.child_by_field_name("object")?,
            expr.child_by_field_name("name")?,
        ),
        "field_access" => (
            expr.child_by_field_name("object")?,
            expr.child_by_field_name("field")?,
        ),
        _ => return None,
    };
    let member = file.text_of(member);
    // The object is a class (`Util.m()`) or a variable declared with one (`helper.m()`).
    let (class, on_class) = match object.kind() {
        "identifier" => match scope::resolve(file, object, file.text_of(object)) {
            Some(decl) => {
                let ty = decl.ty.map(|t| file.text_of(t)).filter(|t| *t != "var")?;
                (resolve_class(file, ty)?, false)
            }
            None => (resolve_class(file, file.text_of(object))?, true),
        },
        "field_access" | "scoped_identifier" => (resolve_class(file, file.text_of(object))?, true),
        _ => return None,
    };
    let ty = if expr.kind() == "method_invocation" {
        let arity = fold::arguments(expr).len();
        class.class().returns(member, arity, on_class)?.to_owned()
    } else {
        let field = class.class().field(member)?;
        if on_class && !field.is_static {
            return None;
        }
        field.ty.clone()
    };
    Some(External {
        facts: Arc::clone(&class.facts),
        ty,
    })
}

fn summarize_type(file: &JavaFile<'_>, node: Node<'_>) -> Option<TypeFacts> {
    let name = file.text_of(node.child_by_field_name("name")?);
    // The enclosing classes, outermost first. A class inside a method or an anonymous class is
    // local: no other file can name it.
    let mut path = Vec::new();
    for a in super::ancestors(file.root(), node) {
        match a.kind() {
            k if TYPE_KINDS.contains(&k) => {
                path.push(file.text_of(a.child_by_field_name("name")?));
            }
            "block" | "object_creation_expression" | "lambda_expression" => return None,
            _ => {}
        }
    }
    path.push(name);
    let is_interface = node.kind() == "interface_declaration";
    let is_final = matches!(node.kind(), "enum_declaration" | "record_declaration")
        || modifiers(file, node).contains(&"final");
    let mut facts = TypeFacts {
        name: path.join("."),
        is_final,
        ..TypeFacts::default()
    };
    let Some(body) = node.child_by_field_name("body") else {
        return Some(facts);
    };
    let mut members: Vec<Node<'_>> = Vec::new();
    let mut cursor = body.walk();
    for child in body.named_children(&mut cursor) {
        if child.kind() == "enum_body_declarations" {
            let mut inner = child.walk();
            members.extend(child.named_children(&mut inner));
        } else {
            members.push(child);
        }
    }
    for member in members.into_iter().take(MAX_MEMBERS) {
        match member.kind() {
            "field_declaration" | "constant_declaration" => {
                field(file, member, is_interface, &mut facts);
            }
            "method_declaration" => {
                if let Some(m) = method(file, member, is_interface) {
                    facts.methods.push(m);
                }
            }
            _ => {}
        }
    }
    Some(facts)
}

fn modifiers<'a>(file: &JavaFile<'a>, node: Node<'_>) -> Vec<&'a str> {
    let Some(m) = scope::child_of_kind(node, "modifiers") else {
        return Vec::new();
    };
    let mut cursor = m.walk();
    m.children(&mut cursor).map(|c| file.text_of(c)).collect()
}

fn type_text(file: &JavaFile<'_>, node: Option<Node<'_>>) -> String {
    let text = node.map_or("", |t| file.text_of(t));
    let base = text.split('<').next().unwrap_or(text);
    base.chars().filter(|c| !c.is_whitespace()).collect()
}

fn field(file: &JavaFile<'_>, decl: Node<'_>, in_interface: bool, facts: &mut TypeFacts) {
    let mods = modifiers(file, decl);
    let is_static = in_interface || mods.contains(&"static");
    let is_final = in_interface || mods.contains(&"final");
    let ty = type_text(file, decl.child_by_field_name("type"));
    let mut cursor = decl.walk();
    for declarator in decl.children_by_field_name("declarator", &mut cursor) {
        let Some(name) = declarator.child_by_field_name("name") else {
            continue;
        };
        let name = file.text_of(name).to_owned();
        if is_static
            && is_final
            && let Some(value) = declarator.child_by_field_name("value")
            && let Some(c) = fold_constant(file, &ty, value)
        {
            facts.constants.push((name.clone(), c));
        }
        facts.fields.push(Member {
            name,
            ty: ty.clone(),
            is_static,
            is_private: mods.contains(&"private"),
            arity: 0,
        });
    }
}

fn fold_constant(file: &JavaFile<'_>, ty: &str, value: Node<'_>) -> Option<Constant> {
    match ty {
        "int" | "long" | "short" | "byte" | "Integer" | "Long" => {
            let folded = fold::int(file, value)?;
            let long = matches!(ty, "long" | "Long");
            let value = if long {
                folded.value
            } else {
                // The declared type holds the value.
                i64::from(i32::try_from(folded.value).ok()?)
            };
            Some(Constant::Int { value, long })
        }
        "String" | "java.lang.String" => Some(Constant::Str(fold::string(file, value)?.value)),
        _ => fold::duration(file, value).map(|d| Constant::Duration(d.value)),
    }
}

fn method(file: &JavaFile<'_>, decl: Node<'_>, in_interface: bool) -> Option<Member> {
    let name = file.text_of(decl.child_by_field_name("name")?).to_owned();
    let mods = modifiers(file, decl);
    let params = decl.child_by_field_name("parameters")?;
    let mut cursor = params.walk();
    let mut arity: usize = 0;
    for p in params.named_children(&mut cursor) {
        match p.kind() {
            "formal_parameter" => arity = arity.saturating_add(1),
            "spread_parameter" => arity = usize::MAX,
            _ => {}
        }
    }
    Some(Member {
        name,
        ty: type_text(file, decl.child_by_field_name("type")),
        is_static: mods.contains(&"static"),
        is_private: mods.contains(&"private") && !in_interface,
        arity,
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::project::testing::tree;
    use crate::project::{Projects, TargetOptions};

    /// Runs `check` on the file `file` of a fresh tree holding `files`.
    fn with_file(
        name: &str,
        files: &[(&str, &str)],
        file: &str,
        check: impl FnOnce(&JavaFile<'_>),
    ) {
        let root = tree(&format!("facts-{name}"), files);
        let projects = Projects::new(&TargetOptions::default());
        let path = root.join(file);
        let text = std::fs::read_to_string(&path).expect("fixture");
        let view = projects.for_file(&path);
        let parsed = JavaFile::parse(&text).expect("parses").in_project(&view);
        check(&parsed);
        std::fs::remove_dir_all(&root).expect("clean up");
    }

    const UTILS: &str = "package com.acme.util;\n\
        import org.apache.hadoop.hbase.client.*;\n\
        public class HBaseUtils {\n\
          private static Connection conn;\n\
          public static final long CHECKPOINT_MS = 5 * 60 * 1000L;\n\
          public static final String KEY = \"execution.\" + \"checkpointing.interval\";\n\
          public static Connection getConnection() { return conn; }\n\
          public static Table table(String n) { return null; }\n\
          public static Table table(String n, int x) { return null; }\n\
          public static class Inner { public static final int SLOTS = 4; }\n\
        }\n";

    fn first_call<'t>(file: &'t JavaFile<'_>, name: &str) -> Node<'t> {
        file.nodes_of_kind("method_invocation")
            .find(|n| {
                n.child_by_field_name("name")
                    .is_some_and(|m| file.text_of(m) == name)
            })
            .expect("the call")
    }

    #[test]
    fn classes_resolve_through_imports_and_answer_for_their_members() {
        let job = "package com.acme.jobs;\nimport com.acme.util.HBaseUtils;\n\
                   class Job { void m() { run(HBaseUtils.CHECKPOINT_MS, HBaseUtils.KEY, HBaseUtils.Inner.SLOTS); } }\n";
        with_file(
            "imports",
            &[
                ("src/main/java/com/acme/util/HBaseUtils.java", UTILS),
                ("src/main/java/com/acme/jobs/Job.java", job),
            ],
            "src/main/java/com/acme/jobs/Job.java",
            |file| {
                let class = resolve_class(file, "HBaseUtils").expect("resolved");
                let facts = &class.facts;
                let ty = class
                    .class()
                    .returns("getConnection", 0, true)
                    .expect("typed");
                assert!(facts.names_class(ty, "org.apache.hadoop.hbase.client.Connection"));
                assert!(!facts.names_class(ty, "java.sql.Connection"));
                // Overloads are told apart by their number of arguments.
                assert_eq!(class.class().returns("table", 1, true), Some("Table"));
                assert_eq!(class.class().returns("table", 3, true), None);
                let args = fold::arguments(first_call(file, "run"));
                assert_eq!(fold::int(file, args[0]).map(|f| f.value), Some(300_000));
                assert_eq!(
                    fold::string(file, args[1]).map(|f| f.value).as_deref(),
                    Some("execution.checkpointing.interval")
                );
                assert_eq!(fold::int(file, args[2]).map(|f| f.value), Some(4));
            },
        );
    }

    #[test]
    fn same_package_static_imports_and_other_modules() {
        let same =
            "package com.acme.util;\nclass Job { long m() { return HBaseUtils.CHECKPOINT_MS; } }\n";
        let statics = "package com.acme.jobs;\nimport static com.acme.util.HBaseUtils.CHECKPOINT_MS;\n\
                       class Job2 { long m() { return CHECKPOINT_MS; } }\n";
        with_file(
            "modules",
            &[
                (
                    "pom.xml",
                    "<project><modules><module>common</module></modules></project>",
                ),
                ("common/src/main/java/com/acme/util/HBaseUtils.java", UTILS),
                ("common/src/main/java/com/acme/util/Job.java", same),
                ("job/src/main/java/com/acme/jobs/Job2.java", statics),
                ("job/src/test/java/com/acme/jobs/Job3.java", statics),
            ],
            "common/src/main/java/com/acme/util/Job.java",
            |file| {
                assert!(resolve_class(file, "HBaseUtils").is_some());
                let ret = file
                    .nodes_of_kind("return_statement")
                    .next()
                    .expect("return");
                let value = ret.named_child(0).expect("value");
                assert_eq!(fold::int(file, value).map(|f| f.value), Some(300_000));
            },
        );
        for checked in [
            "job/src/main/java/com/acme/jobs/Job2.java",
            "job/src/test/java/com/acme/jobs/Job3.java",
        ] {
            with_file(
                "modules2",
                &[
                    ("settings.gradle", "include 'common', 'job'\n"),
                    ("common/src/main/java/com/acme/util/HBaseUtils.java", UTILS),
                    ("job/src/main/java/com/acme/jobs/Job2.java", statics),
                    ("job/src/test/java/com/acme/jobs/Job3.java", statics),
                ],
                checked,
                |file| {
                    let ret = file
                        .nodes_of_kind("return_statement")
                        .next()
                        .expect("return");
                    let value = ret.named_child(0).expect("value");
                    assert_eq!(
                        fold::int(file, value).map(|f| f.value),
                        Some(300_000),
                        "{checked}"
                    );
                },
            );
        }
    }

    #[test]
    fn clashes_own_classes_and_variables_are_unknown() {
        let other = UTILS.replace("package com.acme.util;", "package com.other;");
        let clash = "package com.acme.jobs;\nimport com.acme.util.*;\nimport com.other.*;\n\
                     class Job { long m() { return HBaseUtils.CHECKPOINT_MS; } }\n";
        let own = "package com.acme.jobs;\nimport com.acme.util.*;\n\
                   class Job { static class HBaseUtils { } long m(Foo HBaseUtils2) { return HBaseUtils2.CHECKPOINT_MS; } }\n";
        let files = [
            ("src/main/java/com/acme/util/HBaseUtils.java", UTILS),
            ("src/main/java/com/other/HBaseUtils.java", other.as_str()),
            ("src/main/java/com/acme/jobs/Job.java", clash),
            ("src/main/java/com/acme/jobs/Own.java", own),
        ];
        with_file(
            "clash",
            &files,
            "src/main/java/com/acme/jobs/Job.java",
            |file| {
                assert!(resolve_class(file, "HBaseUtils").is_none());
                // Either import alone would do.
                assert!(resolve_class(file, "com.acme.util.HBaseUtils").is_some());
                let ret = file
                    .nodes_of_kind("return_statement")
                    .next()
                    .expect("return");
                assert_eq!(fold::int(file, ret.named_child(0).expect("value")), None);
            },
        );
        with_file(
            "own",
            &files,
            "src/main/java/com/acme/jobs/Own.java",
            |file| {
                assert!(resolve_class(file, "HBaseUtils").is_none());
                let ret = file
                    .nodes_of_kind("return_statement")
                    .next()
                    .expect("return");
                assert_eq!(fold::int(file, ret.named_child(0).expect("value")), None);
            },
        );
    }

    #[test]
    fn types_of_calls_and_fields_of_other_files() {
        let job = "package com.acme.jobs;\nimport com.acme.util.HBaseUtils;\n\
                   class Job {\n\
                     void m(HBaseUtils helper, String n) {\n\
                       HBaseUtils.getConnection().getTable(n);\n\
                       helper.getConnection().getTable(n);\n\
                       HBaseUtils.table(n).put(p);\n\
                       HBaseUtils.conn.getTable(n);\n\
                       HBaseUtils.missing().getTable(n);\n\
                     }\n\
                   }\n";
        with_file(
            "types",
            &[
                ("src/main/java/com/acme/util/HBaseUtils.java", UTILS),
                ("src/main/java/com/acme/jobs/Job.java", job),
            ],
            "src/main/java/com/acme/jobs/Job.java",
            |file| {
                let receivers: Vec<Option<String>> = file
                    .nodes_of_kind("method_invocation")
                    .filter(|n| {
                        n.child_by_field_name("name")
                            .is_some_and(|m| matches!(file.text_of(m), "getTable" | "put"))
                    })
                    .map(|call| {
                        let object = call.child_by_field_name("object").expect("object");
                        external_type(file, object).map(|t| {
                            assert!(t.is(&format!("org.apache.hadoop.hbase.client.{}", t.ty)));
                            t.ty
                        })
                    })
                    .collect();
                assert_eq!(
                    receivers,
                    [
                        Some("Connection".to_owned()),
                        Some("Connection".to_owned()),
                        Some("Table".to_owned()),
                        // A private field is still a field; its type is known.
                        Some("Connection".to_owned()),
                        None,
                    ]
                );
            },
        );
    }

    #[test]
    fn summaries_are_bounded_and_survive_any_text() {
        let facts = JavaFacts::summarize(
            "class { static final int = ; } enum E { A; static final int X = 1; }",
        );
        assert_eq!(
            facts.class("E").and_then(|e| e.constant("X")),
            Some(&Constant::Int {
                value: 1,
                long: false
            })
        );
        let many: String = (0..MAX_TYPES + 10)
            .map(|i| format!("class C{i} {{}}"))
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(JavaFacts::summarize(&many).types.len(), MAX_TYPES);
        // Local and anonymous classes cannot be named from elsewhere.
        let local = JavaFacts::summarize("class A { void m() { class L {} } }");
        assert!(local.class("A.L").is_none() && local.class("L").is_none());
        assert!(Path::new("x").is_relative());
    }
}
