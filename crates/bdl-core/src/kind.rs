use std::fmt;

/// What a file is, decided from its name (and, for ambiguous YAML, its content).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileKind {
    /// A Java source file.
    Java,
    /// Flink's legacy `flink-conf.yaml`: flat `key: value` lines read by Flink's own parser.
    FlinkConf,
    /// Flink 1.19+ `config.yaml`: standard YAML, nested maps flatten to dotted keys.
    FlinkYaml,
    /// A Flink SQL script with `SET 'key' = 'value';` statements.
    FlinkSql,
    /// A Hadoop-style `*-site.xml` (`hdfs-site.xml`, `core-site.xml`, `hbase-site.xml`, …).
    HadoopXml,
    /// Spring `application*.properties`.
    SpringProperties,
    /// Spring `application*.yml` / `application*.yaml`.
    SpringYaml,
    /// Spark's `spark-defaults.conf` (whitespace-separated properties).
    SparkConf,
    /// Kubernetes `FlinkDeployment` / `FlinkSessionJob` resources of the Flink Kubernetes
    /// operator: Flink configuration under `spec.flinkConfiguration`, recognised by content.
    FlinkK8s,
    /// A Maven `pom.xml`: its dependencies are checked (FLK023), and it is read for target
    /// versions.
    MavenPom,
    /// A Gradle build script, `build.gradle` or `build.gradle.kts`.
    GradleScript,
    /// Gradle's version catalog, `gradle/libs.versions.toml`.
    GradleCatalog,
}

impl FileKind {
    pub const ALL: &'static [Self] = &[
        Self::Java,
        Self::FlinkConf,
        Self::FlinkYaml,
        Self::FlinkSql,
        Self::HadoopXml,
        Self::SpringProperties,
        Self::SpringYaml,
        Self::SparkConf,
        Self::FlinkK8s,
        Self::MavenPom,
        Self::GradleScript,
        Self::GradleCatalog,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Java => "java",
            Self::FlinkConf => "flink-conf",
            Self::FlinkYaml => "flink-yaml",
            Self::FlinkSql => "flink-sql",
            Self::HadoopXml => "hadoop-xml",
            Self::SpringProperties => "spring-properties",
            Self::SpringYaml => "spring-yaml",
            Self::SparkConf => "spark-conf",
            Self::FlinkK8s => "flink-k8s",
            Self::MavenPom => "maven-pom",
            Self::GradleScript => "gradle-script",
            Self::GradleCatalog => "gradle-catalog",
        }
    }

    /// A human description used in generated docs.
    pub const fn describe(self) -> &'static str {
        match self {
            Self::Java => "Java sources (`*.java`)",
            Self::FlinkConf => "`flink-conf.yaml`",
            Self::FlinkYaml => "Flink `config.yaml`",
            Self::FlinkSql => "Flink SQL scripts (`*.sql`)",
            Self::HadoopXml => "Hadoop / HBase `*-site.xml`",
            Self::SpringProperties => "Spring `application*.properties`",
            Self::SpringYaml => "Spring `application*.yml`",
            Self::SparkConf => "`spark-defaults.conf`",
            Self::FlinkK8s => "Kubernetes `FlinkDeployment` / `FlinkSessionJob` resources",
            Self::MavenPom => "Maven `pom.xml`",
            Self::GradleScript => "Gradle build scripts (`build.gradle`, `build.gradle.kts`)",
            Self::GradleCatalog => "the Gradle version catalog `gradle/libs.versions.toml`",
        }
    }

    /// A configuration file: parsed into key/value entries (`ConfigFile`).
    pub const fn is_config(self) -> bool {
        !matches!(self, Self::Java) && !self.is_build()
    }

    /// A build file: parsed into its declared dependencies (`BuildFile`).
    pub const fn is_build(self) -> bool {
        matches!(
            self,
            Self::MavenPom | Self::GradleScript | Self::GradleCatalog
        )
    }
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
