//! How a fix writes a class name in a Java file, and the edits that add or remove imports.
//!
//! Every fix that introduces a class (`Duration`, `OpenContext`, a window assigner, a
//! `Configuration`) asks [`ClassName::of`] whether the simple name means that class here, and
//! places new imports with [`ImportSite`], so that the fixes of all rules agree on both.

use bdl_core::{Edit, Span};
use tree_sitter::Node;

use super::{JavaFile, scope};

/// How the simple name of a class (given by its qualified name) can be written in a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClassName<'t> {
    /// Imported by name: the import declaration.
    ImportedByName(Node<'t>),
    /// Imported on demand from its package, and the file already writes the simple name,
    /// which therefore means that class (the compiler would reject a second class of that
    /// name from another import on demand). A class of the same package declared in another
    /// file, or a member class inherited from a superclass, would take the name first: the
    /// file cannot show either, and such a name clash is taken to be absent.
    ImportedOnDemand,
    /// Nothing in the file is called by the simple name: it means the class once imported by
    /// name (a single-type import wins over imports on demand and the file's package).
    Free,
    /// The simple name means, or may mean, something else here (another import, a class of
    /// the file, a variable, an unimported use): write the qualified name.
    Taken,
}

impl<'t> ClassName<'t> {
    /// How `fqn` (`java.time.Duration`) can be written in `file`.
    pub fn of(file: &'t JavaFile<'_>, fqn: &str) -> Self {
        let Some((package, simple)) = fqn.rsplit_once('.') else {
            return Self::Taken;
        };
        let root = file.root();
        let mut cursor = root.walk();
        let mut by_name = None;
        let mut on_demand = false;
        let mut header_end = 0;
        for child in root.named_children(&mut cursor) {
            match child.kind() {
                "package_declaration" => header_end = header_end.max(child.end_byte()),
                "import_declaration" => {
                    header_end = header_end.max(child.end_byte());
                    let (name, is_static) = imported_name(file, child);
                    if let Some(from) = name.strip_suffix(".*") {
                        on_demand |= !is_static && from == package;
                    } else if !is_static && name == fqn {
                        by_name = Some(child);
                    } else if name.rsplit('.').next() == Some(simple) {
                        // Another class (or a static member) imported by that name.
                        return Self::Taken;
                    }
                }
                _ => {}
            }
        }
        if let Some(import) = by_name {
            return Self::ImportedByName(import);
        }
        if scope::class_named(file, simple).is_some() {
            return Self::Taken;
        }
        let used = file
            .identifiers_named(simple)
            .chain(
                file.nodes_of_kind("type_identifier")
                    .filter(|n| file.text_of(*n) == simple),
            )
            .any(|n| n.start_byte() >= header_end);
        match (used, on_demand) {
            (false, _) => Self::Free,
            (true, true) => Self::ImportedOnDemand,
            (true, false) => Self::Taken,
        }
    }

    /// Whether a fix may write the simple name (adding an import when [`Self::Free`]).
    pub fn simple_name_works(self) -> bool {
        !matches!(self, Self::Taken)
    }

    /// Whether the simple name needs an import to be added.
    pub fn needs_import(self) -> bool {
        matches!(self, Self::Free)
    }
}

/// The name an import declaration imports, without blanks, and whether it is static:
/// `a.b.C`, `a.b.*`.
fn imported_name(file: &JavaFile<'_>, import: Node<'_>) -> (String, bool) {
    let body = file
        .text_of(import)
        .trim_start_matches("import")
        .trim_end_matches(';');
    let compact: String = body.chars().filter(|c| !c.is_whitespace()).collect();
    let trimmed = body.trim_start();
    match trimmed.strip_prefix("static") {
        Some(rest) if rest.starts_with(char::is_whitespace) => (
            compact
                .strip_prefix("static")
                .unwrap_or(&compact)
                .to_owned(),
            true,
        ),
        _ => (compact, false),
    }
}

/// Where a fix adds import declarations: on the line after the last import, else after the
/// package declaration (one blank line between), else before the first declaration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImportSite {
    at: usize,
    place: Place,
    eol: &'static str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    AfterImport,
    AfterPackage,
    BeforeFirst,
}

impl ImportSite {
    pub fn of(file: &JavaFile<'_>) -> Self {
        let text = file.text();
        let eol = line_ending(text);
        let root = file.root();
        let mut cursor = root.walk();
        let mut last_import = None;
        let mut package = None;
        let mut first = None;
        for child in root.named_children(&mut cursor) {
            match child.kind() {
                "import_declaration" => last_import = Some(child),
                "package_declaration" => package = Some(child),
                kind if !kind.ends_with("comment") => {
                    first.get_or_insert(child.start_byte());
                }
                _ => {}
            }
        }
        let (at, place) = match (last_import, package) {
            (Some(import), _) => (end_of_line(text, import), Place::AfterImport),
            (None, Some(package)) => (end_of_line(text, package), Place::AfterPackage),
            (None, None) => (first.unwrap_or(0), Place::BeforeFirst),
        };
        Self { at, place, eol }
    }

    /// One insertion of `import {fqn};` lines for `fqns`, in the file's line ending; `None`
    /// when `fqns` is empty.
    pub fn edit<'f>(&self, fqns: impl IntoIterator<Item = &'f str>) -> Option<Edit> {
        let eol = self.eol;
        let lines = fqns
            .into_iter()
            .map(|f| format!("import {f};"))
            .collect::<Vec<_>>();
        if lines.is_empty() {
            return None;
        }
        let lines = lines.join(eol);
        let content = match self.place {
            Place::AfterImport => format!("{eol}{lines}"),
            Place::AfterPackage => format!("{eol}{eol}{lines}"),
            Place::BeforeFirst => format!("{lines}{eol}{eol}"),
        };
        Some(Edit::insert(self.at, content))
    }
}

/// The file's line ending: its first one, `\n` when there is none.
pub fn line_ending(text: &str) -> &'static str {
    match text.find(['\n', '\r']) {
        Some(i) if text[i..].starts_with("\r\n") => "\r\n",
        Some(i) if text[i..].starts_with('\r') => "\r",
        _ => "\n",
    }
}

/// Where to insert a line after `node`: the end of its last line (before the line break), so
/// that a trailing comment stays with it, unless a block comment opens there (the new line
/// would land inside it); then right after `node`.
pub fn end_of_line(text: &str, node: Node<'_>) -> usize {
    let end = node.end_byte();
    let rest = text.get(end..).unwrap_or("");
    let line = rest.find(['\n', '\r']).unwrap_or(rest.len());
    if rest[..line].contains("/*") {
        end
    } else {
        end + line
    }
}

/// The span that deletes `node` (an import, a statement) with its line when the line holds
/// nothing else, blanks and line break included; otherwise the node and the blanks after it
/// (a comment after it stays).
pub fn line_removal(text: &str, node: Node<'_>) -> Span {
    let (start, end) = (node.start_byte(), node.end_byte());
    let line_start = text
        .get(..start)
        .and_then(|t| t.rfind(['\n', '\r']).map(|i| i + 1))
        .unwrap_or(0);
    let alone = text
        .get(line_start..start)
        .is_some_and(|t| t.trim().is_empty());
    let rest = text.get(end..).unwrap_or("");
    let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let after = &rest[spaces..];
    let line_break = if after.starts_with("\r\n") {
        2
    } else if after.starts_with(['\n', '\r']) || after.is_empty() {
        after.len().min(1)
    } else {
        return Span::new(start, end + spaces);
    };
    if alone {
        Span::new(line_start, end + spaces + line_break)
    } else {
        Span::new(start, end + spaces)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name_in(src: &str, fqn: &str) -> String {
        let file = JavaFile::parse(src).expect("parses");
        let name = ClassName::of(&file, fqn);
        match name {
            ClassName::ImportedByName(n) => format!("by name: {}", file.text_of(n)),
            ClassName::ImportedOnDemand => "on demand".to_owned(),
            ClassName::Free => "free".to_owned(),
            ClassName::Taken => "taken".to_owned(),
        }
    }

    const D: &str = "java.time.Duration";

    #[test]
    fn class_names_are_simple_only_where_the_file_lets_them_mean_the_class() {
        let cases = [
            (
                "import java.time.Duration;\nclass A {}",
                "by name: import java.time.Duration;",
            ),
            (
                "import java . time . Duration ;\nclass A {}",
                "by name: import java . time . Duration ;",
            ),
            ("class A {}", "free"),
            // Unused, imported on demand: the single-type import is added (it also beats a
            // class of the same package).
            ("import java.time.*;\nclass A {}", "free"),
            ("import java.time.*;\nclass A { Duration d; }", "on demand"),
            // Used, and from nowhere this file shows.
            ("class A { Duration d; }", "taken"),
            ("class A { void f() { int Duration = 1; } }", "taken"),
            ("import com.example.Duration;\nclass A {}", "taken"),
            (
                "import static com.example.Units.Duration;\nclass A {}",
                "taken",
            ),
            (
                "import java.time.Duration;\nimport com.example.Duration;\nclass A {}",
                "taken",
            ),
            ("class A { static class Duration {} }", "taken"),
            (
                "import java.time.*;\nclass A {}\nclass Duration {}",
                "taken",
            ),
            // A static import on demand from the class is no import of the class.
            (
                "import static java.time.*;\nclass A { Duration d; }",
                "taken",
            ),
            // The name in a static import of a member is not a use of the class.
            (
                "import static java.time.Duration.ofSeconds;\nclass A {}",
                "free",
            ),
        ];
        for (src, want) in cases {
            assert_eq!(name_in(src, D), want, "{src}");
        }
        assert_eq!(name_in("class A {}", "Duration"), "taken");
    }

    #[test]
    fn imports_go_after_the_last_import_the_package_or_before_the_first_type() {
        let insert = |src: &str| {
            let file = JavaFile::parse(src).expect("parses");
            let edit = ImportSite::of(&file).edit(["a.B", "c.D"]).expect("edit");
            let mut out = src.to_owned();
            out.replace_range(edit.span.start..edit.span.end, &edit.content);
            out
        };
        assert_eq!(
            insert("package p;\n\nimport x.Y; // why\n\nclass A {}\n"),
            "package p;\n\nimport x.Y; // why\nimport a.B;\nimport c.D;\n\nclass A {}\n"
        );
        assert_eq!(
            insert("package p;\r\n\r\nclass A {}\r\n"),
            "package p;\r\n\r\nimport a.B;\r\nimport c.D;\r\n\r\nclass A {}\r\n"
        );
        assert_eq!(
            insert("// licence\nclass A {}\n"),
            "// licence\nimport a.B;\nimport c.D;\n\nclass A {}\n"
        );
        assert_eq!(
            insert("import x.Y; /* a\n b */\nclass A {}\n"),
            "import x.Y;\nimport a.B;\nimport c.D; /* a\n b */\nclass A {}\n"
        );
        let file = JavaFile::parse("class A {}").expect("parses");
        assert_eq!(ImportSite::of(&file).edit([]), None);
    }

    #[test]
    fn line_removal_takes_the_whole_line_only_when_nothing_else_is_on_it() {
        let removed = |src: &str| {
            let file = JavaFile::parse(src).expect("parses");
            let import = file
                .nodes_of_kind("import_declaration")
                .next()
                .expect("import");
            let span = line_removal(src, import);
            let mut out = src.to_owned();
            out.replace_range(span.start..span.end, "");
            out
        };
        assert_eq!(removed("import a.B;\nimport c.D;\n"), "import c.D;\n");
        assert_eq!(removed("import a.B;  \r\nclass A {}"), "class A {}");
        assert_eq!(removed("import a.B; import c.D;\n"), "import c.D;\n");
        assert_eq!(removed("import a.B; // x\nclass A {}"), "// x\nclass A {}");
        assert_eq!(removed("import a.B;"), "");
    }
}
