use bdl_core::{Ctx, Product, RuleMeta, Severity, Target, declare_rule};
use bdl_syntax::build::Dependency;
use bdl_syntax::{BuildFile, Rule};

declare_rule! {
    /// ## What it does
    /// Checks the Flink connectors a `pom.xml`, a Gradle build script (`build.gradle`,
    /// `build.gradle.kts`) or the Gradle version catalog (`gradle/libs.versions.toml`) declares
    /// against the Flink version the project is built with.
    ///
    /// An externalised connector (`org.apache.flink:flink-connector-*` or
    /// `flink-sql-connector-*`) carries the Flink line it was built for at the end of its
    /// version: `flink-connector-kafka` `3.0.0-1.17` is connector release 3.0.0 for Flink 1.17,
    /// `4.0.0-2.0` is for Flink 2.0. The rule compares that line with the project's Flink
    /// version (`target: {flink: …}`, `--target flink=…`, or what the build file says, such as
    /// `flink.version`; see [target versions](../target-versions.md)):
    ///
    /// - another major line (a `-1.x` connector with Flink 2.x, or a `-2.x` connector with
    ///   Flink 1.x): **error**;
    /// - the same major line, built for the Flink minor just before the project's (`3.2.0-1.19`
    ///   with Flink 1.20): nothing, as externalised connectors support the last two Flink
    ///   minors and are often released for the older one only;
    /// - any other minor (`3.0.0-1.17` with Flink 1.20, `3.3.0-1.20` with Flink 1.19):
    ///   **info**, to check against the connector's list of supported Flink versions.
    ///
    /// A connector without such a suffix is a release of Flink's own train (`flink-connector-kafka`
    /// `1.17.1`, `flink-connector-files` `1.20.0`). With Flink 2.x, one from a 1.x release is an
    /// **error**: connectors still in Flink (`flink-connector-base`, `-files`, `-datagen`) must
    /// have Flink's own version, and the others moved out of Flink and exist for 2.x only as
    /// externalised releases.
    ///
    /// The version is resolved as Maven and Gradle would: `${…}` properties of the pom and its
    /// parents on disk, `dependencyManagement`, Gradle variables and `gradle.properties`,
    /// `libs.versions.*` and `version.ref` of the catalog. A dependency without a version (it
    /// takes a managed one) is checked where the managed version is written. Nothing is
    /// reported when the connector's version or the project's Flink version is unknown: a
    /// property that is not defined in the files on disk, a BOM from a repository, a version
    /// computed by the build.
    ///
    /// ## Why is this bad?
    /// A connector calls Flink's APIs as they were in the release it was built for. Flink 2.0
    /// removed the APIs 1.x connectors use (`SourceFunction`, `SinkFunction`, Sink V1, …), so a
    /// 1.x connector on a 2.x cluster fails at runtime with `NoSuchMethodError` or
    /// `NoClassDefFoundError` (apache/flink#28625, apache/paimon#5350), and a 2.x connector
    /// needs classes a 1.x cluster does not have. Within one major line, a connector is
    /// supported on the Flink versions its release lists.
    ///
    /// ## Example
    /// ```xml file=pom.xml bad
    /// <project>
    ///   <artifactId>orders-job</artifactId>
    ///   <properties>
    ///     <flink.version>2.0.0</flink.version>
    ///   </properties>
    ///   <dependencies>
    ///     <dependency>
    ///       <groupId>org.apache.flink</groupId>
    ///       <artifactId>flink-streaming-java</artifactId>
    ///       <version>${flink.version}</version>
    ///     </dependency>
    ///     <dependency>
    ///       <groupId>org.apache.flink</groupId>
    ///       <artifactId>flink-connector-kafka</artifactId>
    ///       <version>3.0.0-1.17</version>
    ///     </dependency>
    ///   </dependencies>
    /// </project>
    /// ```
    ///
    /// Use instead:
    ///
    /// ```xml file=pom.xml good
    /// <project>
    ///   <artifactId>orders-job</artifactId>
    ///   <properties>
    ///     <flink.version>2.0.0</flink.version>
    ///   </properties>
    ///   <dependencies>
    ///     <dependency>
    ///       <groupId>org.apache.flink</groupId>
    ///       <artifactId>flink-streaming-java</artifactId>
    ///       <version>${flink.version}</version>
    ///     </dependency>
    ///     <dependency>
    ///       <groupId>org.apache.flink</groupId>
    ///       <artifactId>flink-connector-kafka</artifactId>
    ///       <version>4.0.0-2.0</version>
    ///     </dependency>
    ///   </dependencies>
    /// </project>
    /// ```
    ///
    /// ## How to fix
    /// Use the connector release built for your Flink line: its version ends in that line
    /// (`-2.0` for Flink 2.0). The connector's page in the Flink documentation and Maven
    /// Central list the releases; `flink-connector-kafka` has `4.0.0-2.0` for Flink 2.0. A
    /// connector with no release for Flink 2.x cannot run on it yet: stay on Flink 1.x for that
    /// job. Connectors that are still part of Flink take `${flink.version}`.
    ///
    /// ## Options
    /// None.
    ///
    /// ## References
    /// - Externalized connector versioning: <https://cwiki.apache.org/confluence/display/FLINK/Externalized+Connector+development>
    /// - Flink 2.0 release notes: <https://nightlies.apache.org/flink/flink-docs-release-2.0/release-notes/flink-2.0/>
    /// - Connector downloads and supported Flink versions: <https://flink.apache.org/downloads/#apache-flink-connectors>
    pub ConnectorFlinkVersionMismatch {
        code: "FLK023",
        name: "connector-flink-version-mismatch",
        summary: "a Flink connector built for another Flink line than the project's",
        severity: Error,
        kinds: [MavenPom, GradleScript, GradleCatalog],
        triggers: ["flink-connector-", "flink-sql-connector-"],
        options: [],
    }
}

impl Rule for ConnectorFlinkVersionMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_build(&self, file: &BuildFile<'_>, cx: &mut Ctx<'_>) {
        for dependency in &file.dependencies {
            check(dependency, cx);
        }
    }
}

/// Connectors that are still part of Flink and released with it.
const IN_FLINK: &[&str] = &[
    "flink-connector-base",
    "flink-connector-files",
    "flink-connector-datagen",
];

/// The first release for Flink 2.x of connectors whose release could be confirmed on Maven
/// Central; the others are named by their suffix only.
const FIRST_2X_RELEASE: &[(&str, &str)] = &[("flink-connector-kafka", "4.0.0-2.0")];

/// A connector version: the Flink line it names, or a release of Flink's own train.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Built {
    /// `3.0.0-1.17`: built for Flink `(1, 17)`.
    For(u32, u32),
    /// `1.17.1`: released with Flink `(1, 17)`.
    WithFlink(u32, u32),
}

impl Built {
    fn parse(version: &str) -> Option<Self> {
        let version = version.trim();
        let version = strip_suffix_ignore_case(version, "-SNAPSHOT").unwrap_or(version);
        if let Some((release, line)) = version.rsplit_once('-')
            && let Some((major, minor)) = line_of(line, true)
            && line_of(release, false).is_some()
        {
            return Some(Self::For(major, minor));
        }
        let (major, minor) = line_of(version, false)?;
        Some(Self::WithFlink(major, minor))
    }
}

fn strip_suffix_ignore_case<'t>(text: &'t str, suffix: &str) -> Option<&'t str> {
    let cut = text.len().checked_sub(suffix.len())?;
    (text.is_char_boundary(cut) && text[cut..].eq_ignore_ascii_case(suffix)).then(|| &text[..cut])
}

/// `major.minor` at the start of `text` (`exact`: `text` is exactly `major.minor`).
fn line_of(text: &str, exact: bool) -> Option<(u32, u32)> {
    let mut parts = text.splitn(3, '.');
    let major = parts.next()?;
    let minor = parts.next()?;
    let rest = parts.next();
    let number = |s: &str| {
        (!s.is_empty() && s.len() <= 6 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    if exact && rest.is_some() {
        return None;
    }
    if !exact && let Some(rest) = rest {
        // `3.0.0`, `1.17.1`, `3.0.0.Final`: the patch must start with a digit.
        if !rest.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    Some((number(major)?, number(minor)?))
}

/// `flink-connector-kafka_2.12` → `flink-connector-kafka`.
fn without_scala_suffix(artifact: &str) -> &str {
    match artifact.rsplit_once('_') {
        Some((base, suffix)) if suffix.starts_with("2.") || suffix.starts_with("${") => base,
        _ => artifact,
    }
}

fn is_connector(artifact: &str) -> bool {
    artifact.starts_with("flink-connector-") || artifact.starts_with("flink-sql-connector-")
}

fn check(dependency: &Dependency, cx: &mut Ctx<'_>) {
    if dependency.group != "org.apache.flink" {
        return;
    }
    let artifact = without_scala_suffix(&dependency.artifact);
    // A dependency that takes a managed version is judged where that version is written.
    if !is_connector(artifact) || dependency.written.is_none() {
        return;
    }
    let Some(version) = dependency.resolved.as_deref() else {
        return;
    };
    let Some(built) = Built::parse(version) else {
        return;
    };
    // Asked only now: the first question reads the build file's parents.
    let Some(flink) = cx.target(Product::Flink).cloned() else {
        return;
    };
    let (major, minor) = (
        u32::from(flink.version.major),
        u32::from(flink.version.minor),
    );
    let shown = Shown {
        artifact,
        version,
        origin: dependency.origin.as_deref(),
        flink: &flink,
    };
    match built {
        Built::For(line_major, line_minor) if line_major != major => {
            let help = if major >= 2 {
                for_2x(artifact)
            } else {
                format!(
                    "use a release of {artifact} built for Flink {major}.x (its version ends in \
                     `-{major}.{minor}`), or move the project to Flink {line_major}"
                )
            };
            cx.report(
                Severity::Error,
                dependency.span,
                format!(
                    "{} is built for Flink {line_major}.{line_minor}, but the project is built \
                     against Flink {}",
                    shown.connector(),
                    shown.flink()
                ),
            )
            .help(help)
            .anchor(anchor(dependency));
        }
        Built::For(_, line_minor)
            if line_minor != minor && line_minor.checked_add(1) != Some(minor) =>
        {
            cx.report(
                Severity::Info,
                dependency.span,
                format!(
                    "{} is built for Flink {major}.{line_minor}, and the project is built \
                     against Flink {}",
                    shown.connector(),
                    shown.flink()
                ),
            )
            .help(format!(
                "check that this release of {artifact} supports Flink {major}.{minor}, or use \
                 its release for {major}.{minor} (its version ends in `-{major}.{minor}`)"
            ))
            .anchor(anchor(dependency));
        }
        Built::WithFlink(1, release_minor) if major >= 2 => {
            let help = if IN_FLINK.contains(&artifact) {
                format!(
                    "use the version of Flink itself for {artifact} ({}, or `${{flink.version}}`)",
                    flink.text
                )
            } else {
                for_2x(artifact)
            };
            cx.report(
                Severity::Error,
                dependency.span,
                format!(
                    "{} belongs to the Flink 1.{release_minor} release, but the project is \
                     built against Flink {}; connectors of Flink 1.x do not run on Flink 2.x",
                    shown.connector(),
                    shown.flink()
                ),
            )
            .help(help)
            .anchor(anchor(dependency));
        }
        Built::For(..) | Built::WithFlink(..) => {}
    }
}

/// What the message says about the connector and the project.
struct Shown<'a> {
    artifact: &'a str,
    version: &'a str,
    origin: Option<&'a str>,
    flink: &'a Target,
}

impl Shown<'_> {
    /// `flink-connector-kafka 3.0.0-1.17` (with `(property kafka.version (pom.xml))`).
    fn connector(&self) -> String {
        match self.origin {
            Some(origin) => format!("{} {} ({origin})", self.artifact, self.version),
            None => format!("{} {}", self.artifact, self.version),
        }
    }

    /// `2.0.0 (pom.xml: property flink.version)`.
    fn flink(&self) -> String {
        format!("{} ({})", self.flink.text, self.flink.source)
    }
}

fn for_2x(artifact: &str) -> String {
    let example = FIRST_2X_RELEASE
        .iter()
        .find(|(name, _)| *name == artifact)
        .map(|(_, version)| format!(", such as {version}"))
        .unwrap_or_default();
    format!(
        "use a release of {artifact} built for Flink 2.x (its version ends in `-2.x`{example}); \
         a connector without one cannot run on Flink 2.x yet"
    )
}

/// The fingerprint's anchor: the coordinates and the version as written, not the line.
fn anchor(dependency: &Dependency) -> String {
    format!(
        "{} {}",
        dependency.coordinates(),
        dependency.written.as_deref().unwrap_or_default()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use bdl_core::{Targets, Version};
    use bdl_syntax::check_one_with_targets;

    fn pom(version: &str) -> String {
        format!(
            "<project>\n<dependencies>\n<dependency>\n<groupId>org.apache.flink</groupId>\n\
             <artifactId>flink-connector-kafka</artifactId>\n<version>{version}</version>\n\
             </dependency>\n</dependencies>\n</project>\n"
        )
    }

    fn found(text: &str, path: &str, flink: Option<(u16, u16)>) -> Vec<(u32, Severity, String)> {
        let targets = match flink {
            Some((major, minor)) => Targets::NONE.with(Product::Flink, Version::new(major, minor)),
            None => Targets::NONE,
        };
        check_one_with_targets(&ConnectorFlinkVersionMismatch, path, text, &targets)
            .into_iter()
            .map(|d| (d.start.line, d.severity, d.message))
            .collect()
    }

    fn severities(version: &str, flink: (u16, u16)) -> Vec<Severity> {
        found(&pom(version), "pom.xml", Some(flink))
            .into_iter()
            .map(|(_, s, _)| s)
            .collect()
    }

    #[test]
    fn versions_are_read_as_connector_or_flink_releases() {
        assert_eq!(Built::parse("3.0.0-1.17"), Some(Built::For(1, 17)));
        assert_eq!(Built::parse("4.0.0-2.0"), Some(Built::For(2, 0)));
        assert_eq!(Built::parse("3.3-SNAPSHOT"), Some(Built::WithFlink(3, 3)));
        assert_eq!(Built::parse("4.0-2.0-snapshot"), Some(Built::For(2, 0)));
        assert_eq!(Built::parse("1.17.1"), Some(Built::WithFlink(1, 17)));
        assert_eq!(
            Built::parse("1.15.0-csa1.7.0.0"),
            Some(Built::WithFlink(1, 15))
        );
        for other in ["", "latest", "${x}", "1", "-1.17", "a.b-1.17", "1.x"] {
            assert_eq!(Built::parse(other), None, "{other}");
        }
    }

    #[test]
    fn major_lines_decide_the_error_and_minors_at_most_info() {
        assert_eq!(severities("3.0.0-1.17", (2, 0)), [Severity::Error]);
        assert_eq!(severities("4.0.0-2.0", (1, 20)), [Severity::Error]);
        assert_eq!(severities("1.17.1", (2, 0)), [Severity::Error]);
        assert_eq!(severities("3.0.0-1.17", (1, 20)), [Severity::Info]);
        assert_eq!(severities("3.3.0-1.20", (1, 19)), [Severity::Info]);
        // Built for the minor before: supported.
        assert!(severities("3.2.0-1.19", (1, 20)).is_empty());
        assert!(severities("4.0.0-2.0", (2, 0)).is_empty());
        assert!(severities("4.0.0-2.0", (2, 1)).is_empty());
        // A Flink 1.x release of a connector under Flink 1.x is not this rule's business.
        assert!(severities("1.14.6", (1, 17)).is_empty());
        // Flink CDC and other plain versions that are not 1.x.
        assert!(severities("3.1.0", (2, 0)).is_empty());
    }

    #[test]
    fn messages_name_the_connector_the_flink_version_and_the_way_out() {
        let found = found(&pom("3.0.0-1.17"), "pom.xml", Some((2, 0)));
        assert_eq!(
            found,
            [(
                6,
                Severity::Error,
                "flink-connector-kafka 3.0.0-1.17 is built for Flink 1.17, but the project is \
                 built against Flink 2.0 (--target)"
                    .to_owned()
            )]
        );
        let diagnostics = check_one_with_targets(
            &ConnectorFlinkVersionMismatch,
            "pom.xml",
            &pom("3.0.0-1.17"),
            &Targets::NONE.with(Product::Flink, Version::new(2, 0)),
        );
        assert_eq!(
            diagnostics[0].help.as_deref(),
            Some(
                "use a release of flink-connector-kafka built for Flink 2.x (its version ends \
                 in `-2.x`, such as 4.0.0-2.0); a connector without one cannot run on Flink 2.x \
                 yet"
            )
        );
    }

    #[test]
    fn unknown_versions_and_other_artifacts_stay_silent() {
        assert!(found(&pom("3.0.0-1.17"), "pom.xml", None).is_empty());
        assert!(found(&pom("${kafka.version}"), "pom.xml", Some((2, 0))).is_empty());
        let other = pom("1.0.0-1.17").replace("org.apache.flink", "com.acme");
        assert!(found(&other, "pom.xml", Some((2, 0))).is_empty());
        let core = pom("1.17.1").replace("flink-connector-kafka", "flink-streaming-java");
        assert!(found(&core, "pom.xml", Some((2, 0))).is_empty());
    }

    #[test]
    fn gradle_scripts_and_catalogs_are_read() {
        let groovy = "ext { kafkaVersion = '3.0.0-1.17' }\ndependencies {\n  implementation \"org.apache.flink:flink-connector-kafka:$kafkaVersion\"\n  implementation 'org.apache.flink:flink-connector-files:1.20.0'\n}\n";
        let found_groovy = found(groovy, "build.gradle", Some((2, 0)));
        assert_eq!(found_groovy.len(), 2, "{found_groovy:?}");
        assert!(found_groovy[0].2.contains("(variable kafkaVersion)"));
        assert!(
            found_groovy[1]
                .2
                .contains("flink-connector-files 1.20.0 belongs to the Flink 1.20 release")
        );
        let kotlin = "dependencies {\n    implementation(\"org.apache.flink:flink-sql-connector-kafka:3.2.0-1.19\")\n}\n";
        assert_eq!(found(kotlin, "build.gradle.kts", Some((2, 0))).len(), 1);
        let catalog = "[versions]\nkafka = \"3.0.0-1.17\"\n\n[libraries]\nkafka = { module = \"org.apache.flink:flink-connector-kafka\", version.ref = \"kafka\" }\n";
        let found_catalog = found(catalog, "gradle/libs.versions.toml", Some((2, 0)));
        assert_eq!(found_catalog.len(), 1);
        assert_eq!(found_catalog[0].0, 5);
        assert!(found_catalog[0].2.contains("3.0.0-1.17 (version kafka)"));
    }
}
