use std::collections::HashSet;

use bdl_core::redact::masked_value;
use bdl_core::{Ctx, FileKind, RuleMeta, Severity, Span, TestSources, declare_rule};
use bdl_syntax::config::flink_k8s::K8S_PREFIX;
use bdl_syntax::config::sql::with_options;
use bdl_syntax::java::chain::{self, call_anchor, receiver};
use bdl_syntax::java::fold::{Certainty, string_literal};
use bdl_syntax::{ConfigFile, Entry, JavaFile, Rule};
use tree_sitter::Node;

use crate::java::{Part, Sink, fold_secret, literals_of, sinks};
use crate::secrets::{
    Inner, Noun, Role, inner_secrets, key_role, placeholder, placeholder_default,
    supplied_elsewhere,
};

declare_rule! {
    /// ## What it does
    /// Flags a password, secret key, token or API key written as a literal where a job, a
    /// cluster or a client reads it:
    ///
    /// - **configuration files** of every kind bigdata-lint reads (`flink-conf.yaml`,
    ///   `config.yaml`, `*-site.xml`, `application*.yml` / `.properties`,
    ///   `spark-defaults.conf`, Kubernetes `FlinkDeployment` `spec.flinkConfiguration`, and
    ///   Flink SQL scripts: `SET`, the options of `WITH (…)` clauses and `OPTIONS(…)` hints):
    ///   a key whose last segment names a credential: `password`, `passwd`, `pwd`, `pass`,
    ///   `passphrase`, `secret`, `secret.key` / `secret-key` / `secretKey`, `token`,
    ///   `api-key`, `private-key`, `fs.azure.account.key.*` — so `s3.secret-key`,
    ///   `fs.s3a.secret.key`, `fs.s3a.session.token`, `fs.oss.accessKeySecret`,
    ///   `javax.jdo.option.ConnectionPassword`, `spring.datasource.password`,
    ///   `spring.(data.)redis.password`, `security.ssl.*.keystore-password`;
    /// - **inside any value or Java string**: the password of a URL's user info
    ///   (`jdbc:mysql://root:…@host/db`, `redis://:…@host:6379`), a `password=` / `pwd=`
    ///   parameter of a connection URL, the `password="…"` of a JAAS configuration
    ///   (`sasl.jaas.config`), a `'password' = '…'` SQL option held by a Java string, and a PEM
    ///   private key;
    /// - **Java calls** that take a password, each recognised by the class it is called on:
    ///   `jedis.auth(..)` on a `Jedis` (declared, created, or borrowed with `getResource()`),
    ///   the password argument of `new JedisPool(..)` / `new JedisPooled(..)` (read by the
    ///   argument types of the Jedis 2.x–5.x constructors), the Bahir
    ///   `FlinkJedis{Pool,Sentinel,Cluster}Config.Builder().setPassword(..)`,
    ///   the password of `new JedisCluster(..)` where the overload is unambiguous,
    ///   `new UsernamePasswordCredentials(u, p)` (Apache HttpClient 4 and 5, as used with
    ///   Elasticsearch's `HttpHost` and `CredentialsProvider`), `DriverManager.getConnection(url,
    ///   user, password)`, Flink's `JdbcConnectionOptionsBuilder.withPassword(..)`,
    ///   `Elasticsearch7SinkBuilder.setConnectionPassword(..)`, Flink CDC source builders'
    ///   `.password(..)`, Jedis's `DefaultJedisClientConfig.builder().password(..)`, Lettuce's
    ///   `RedisURI` builder `withPassword(..)`, HikariCP / Druid / DBCP2 / c3p0
    ///   `setPassword(..)`, and configuration writes (`set`, `setString`, `setProperty`,
    ///   `put`, `option`) whose key names a secret (`conf.set("fs.s3a.secret.key", "…")`).
    ///   The value is folded (literals, concatenation, constants of this and other files,
    ///   `"…".toCharArray()`).
    ///
    /// A literal access key id (`fs.s3a.access.key`, `s3.access-key`, `fs.oss.accessKeyId`) and
    /// a literal user name next to a password supplied from elsewhere (`${DB_PASSWORD}`,
    /// `System.getenv(..)`) are reported as `info`: they identify an account but do not open
    /// it. When the secret beside them is written in the file, as a literal (reported) or as a
    /// sample (`changeme`, empty), they are not reported. A password that is only the default of a `ParameterTool`
    /// lookup (`params.get("redis.password", "…")`) or of a placeholder (Spring's
    /// `${DB_PASSWORD:root}`, the shell's `${DB_PASSWORD:-root}`) is `info` too: it is used
    /// whenever the variable is missing.
    ///
    /// The finding never shows the secret: the message gives the key and at most the first
    /// two characters of a value of eight or more (`'s3****'`, shorter ones `'****'`), the
    /// excerpt of every output format masks the value with `*` (also in the excerpts of other
    /// findings of the same file), and the fingerprint is computed without it.
    ///
    /// Deliberately not reported:
    /// - **placeholders**: empty values, `${VAR}`, `${env.X}`, `${sys:x}`, `#{…}`,
    ///   `{{ .Values.x }}` (Helm), `%(x)s`, `$(cmd)`, `$VAR`, `%VAR%`, `@var@` (Maven resource
    ///   filtering), `<password>`, `{password}`, formatter slots (`%s`, `{}`, `{0}`, `?`) in SQL built with
    ///   `String.format`, and references: file paths, `file:`, `classpath:`,
    ///   `jceks://`, `vault:`, `env:`, `ENC(…)` (Jasypt), `{cipher}…` (Spring Cloud Config);
    /// - **password hashes**: `$2a$…` (bcrypt), `{bcrypt}…`, `{SSHA}…` and the like;
    /// - **obvious dummies**, compared without case, blanks, `-`, `_` and `.`: `changeme`,
    ///   `changeit` (the JDK trust store's well-known default), `changethis`, `password`,
    ///   `passwd`, `pass`, `secret`, `token`, `apikey`, `secretkey`, `accesskey`, `none`,
    ///   `null`, `nil`, `undefined`, `empty`, `todo`, `tbd`, `fixme`, `dummy`, `placeholder`,
    ///   `redacted`, `masked`, `hidden`, `notset`, `unset`, `replaceme`, `true`, `false`; any
    ///   value containing `changeme`, `example` (the AWS documentation's `…EXAMPLE` keys),
    ///   `placeholder`, `replace-me`, `dummy`, `xxxx` or an ellipsis (`AKIA...`); any value
    ///   starting with `your` (`YOUR_SECRET_KEY`, `your-password`); a run of one masking
    ///   character (`******`, `xxxxxx`, `......`, `???`); the name of a variable written where
    ///   its value belongs (an upper-case identifier with an `_` naming a secret:
    ///   `S3_SECRET_KEY`, `DB_PASSWORD`);
    /// - **values read at runtime**: `System.getenv(..)`, `System.getProperty(..)`, program
    ///   arguments, `ParameterTool` lookups without a literal default, properties files: the
    ///   fold cannot prove them, so they are unknown;
    /// - **look-alike keys**, whose last segment names something else: `password-policy`,
    ///   `password.min-length`, `password-encoder`, `password.file` / `passwordFile` /
    ///   `password-file` (a file reference is the right practice), `…secret.file`,
    ///   `existingSecret`, `secretName`, `kubernetes.secrets`, `delegation.token.*`,
    ///   `fs.s3a.server-side-encryption.key`;
    /// - **Java look-alikes**: a `password` field of a DTO (`private String password;`), a
    ///   setter called with a variable (`setPassword(password)`), a `setPassword("…")` on a
    ///   class the file does not prove to be a client (an entity's `user.setPassword(..)`),
    ///   and a `static final String PASSWORD = "…"` that no client call uses in the file: names
    ///   prove nothing;
    /// - **test sources** (`src/test/**`, `*Test.java`, …), which use throwaway credentials
    ///   against local containers: see `lint-test-sources`;
    /// - resource facts of a Kubernetes manifest outside `spec.flinkConfiguration` (an `env`
    ///   list, a `Secret`), which are not Flink configuration.
    ///
    /// ## Why is this bad?
    /// A secret in the repository is readable by everyone who can read the repository, its
    /// forks, its CI logs and every build artefact that packs the file, for as long as the
    /// history exists: deleting the line later does not take it back, and rotating the secret
    /// is the only fix. It also ties the job to one environment, because a different cluster
    /// needs a code change rather than a different secret.
    ///
    /// The products provide the alternatives: Hadoop's `CredentialProvider` API
    /// (`hadoop.security.credential.provider.path`, a JCEKS store) for `fs.s3a.secret.key`,
    /// the LDAP bind password and similar keys; Spring Boot resolves `${…}` placeholders from
    /// the environment; Flink reads `FLINK_PROPERTIES` in its Docker image and the Kubernetes
    /// operator mounts Secrets as environment variables; the S3 connectors use the AWS
    /// credential provider chain (instance profiles, IRSA) when no key is configured.
    ///
    /// ## Example
    /// ```java file=RedisSink.java bad
    /// import redis.clients.jedis.JedisPool;
    /// import redis.clients.jedis.JedisPoolConfig;
    ///
    /// class RedisSink {
    ///     JedisPool open() {
    ///         return new JedisPool(new JedisPoolConfig(), "redis.internal", 6379, 2000, "r3d1s-Pa55");
    ///     }
    /// }
    /// ```
    ///
    /// ```yaml file=application.yml bad
    /// spring:
    ///   datasource:
    ///     url: jdbc:mysql://db.internal:3306/orders
    ///     username: orders
    ///     password: Sh0pDb-Pa55
    /// ```
    ///
    /// Use instead:
    ///
    /// ```java file=RedisSink.java good
    /// import redis.clients.jedis.JedisPool;
    /// import redis.clients.jedis.JedisPoolConfig;
    ///
    /// class RedisSink {
    ///     JedisPool open() {
    ///         String password = System.getenv("REDIS_PASSWORD");
    ///         return new JedisPool(new JedisPoolConfig(), "redis.internal", 6379, 2000, password);
    ///     }
    /// }
    /// ```
    ///
    /// ```yaml file=application.yml good
    /// spring:
    ///   datasource:
    ///     url: jdbc:mysql://db.internal:3306/orders
    ///     username: ${DB_USER}
    ///     password: ${DB_PASSWORD}
    /// ```
    ///
    /// ## How to fix
    /// Remove the secret from the file and supply it at runtime: an environment variable or
    /// a placeholder resolved from one (`${DB_PASSWORD}`), a Hadoop credential provider, a
    /// Kubernetes Secret, or your platform's secret store. Then rotate it: it is in the
    /// history already. Where the value is a deliberate, harmless default (a local
    /// development container), suppress the finding with a reason:
    /// `# bigdata-lint: ignore SEC001 -- local docker-compose only`.
    ///
    /// ## Options
    /// - `lint-test-sources` (boolean, default `false`): also lint test sources
    ///   (`src/test/**`, `*Test.java`, `*IT.java`, `*ITCase.java`), whose credentials are
    ///   usually throwaway values for local containers.
    ///
    /// ## References
    /// - CWE-798, Use of Hard-coded Credentials: <https://cwe.mitre.org/data/definitions/798.html>
    /// - OWASP Secrets Management Cheat Sheet: <https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html>
    /// - Hadoop, CredentialProvider API: <https://hadoop.apache.org/docs/stable/hadoop-project-dist/hadoop-common/CredentialProviderAPI.html>
    /// - Hadoop-AWS, protecting the AWS credentials: <https://hadoop.apache.org/docs/stable/hadoop-aws/tools/hadoop-aws/index.html#Protecting_the_AWS_Credentials>
    /// - Flink, Amazon S3 (configure access credentials): <https://nightlies.apache.org/flink/flink-docs-stable/docs/deployment/filesystems/s3/>
    /// - Spring Boot, externalized configuration: <https://docs.spring.io/spring-boot/reference/features/external-config.html>
    /// - Flink JDBC SQL connector options (`username`, `password`): <https://nightlies.apache.org/flink/flink-docs-stable/docs/connectors/table/jdbc/>
    pub HardcodedCredential {
        code: "SEC001",
        name: "hardcoded-credential",
        summary: "password, secret key or token written as a literal into a job or its configuration",
        severity: Error,
        kinds: [Java, FlinkConf, FlinkYaml, FlinkSql, HadoopXml, SpringProperties, SpringYaml, SparkConf, FlinkK8s],
        triggers: [
            "assword", "ASSWORD", "asswd", "ecret", "ECRET", "oken\"", "OKEN\"", "ccess.key",
            "ccess-key", "ccessKey", "ccess_key", "piKey", "pi-key", "pi.key", "account.key",
            "jdbc:", "redis://", "rediss://", "mongodb://", "mongodb+srv://", "amqp://",
            "amqps://", "LoginModule", "PRIVATE KEY", ".auth(", "Credentials(", "JedisPool", "DriverManager", "apikey", "pwd\"",
        ],
        options: [TestSources::SKIP_BY_DEFAULT],
    }
}

impl Rule for HardcodedCredential {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_config(&self, file: &ConfigFile<'_>, cx: &mut Ctx<'_>) {
        for document in file.documents() {
            let entries: Vec<&Entry> = document
                .iter()
                .filter(|e| !e.key.starts_with(K8S_PREFIX))
                .collect();
            check_entries(file, &entries, Place::Key, cx);
        }
        if file.kind == FileKind::FlinkSql {
            for clause in with_options(file.text) {
                let entries: Vec<&Entry> = clause.iter().collect();
                check_entries(file, &entries, Place::SqlOption, cx);
            }
        }
    }

    fn check_java(&self, file: &JavaFile<'_>, cx: &mut Ctx<'_>) {
        let covered = check_sinks(file, cx);
        check_literals(file, cx, &covered);
    }
}

/// What to do, by where the secret is written.
fn help(kind: FileKind) -> &'static str {
    match kind {
        FileKind::SpringProperties | FileKind::SpringYaml => {
            "replace the value with a placeholder such as `${DB_PASSWORD}` set from the environment or a secret store"
        }
        FileKind::HadoopXml => {
            "move the value to a Hadoop credential provider (`hadoop.security.credential.provider.path`)"
        }
        FileKind::FlinkSql => {
            "remove the value from the script and have your SQL platform fill it from a secret store"
        }
        FileKind::Java => {
            "read the value at runtime from the environment, the job parameters or a secret store"
        }
        FileKind::FlinkConf
        | FileKind::FlinkYaml
        | FileKind::FlinkK8s
        | FileKind::SparkConf
        | FileKind::MavenPom
        | FileKind::GradleScript
        | FileKind::GradleCatalog => {
            "supply the value at deployment from a secret store (e.g. a Kubernetes Secret), not in the checked-in file"
        }
    }
}

/// What to do with a user name or access key id.
const IDENTITY_HELP: &str =
    "supply it the way its secret is supplied: from the environment or a secret store";

/// A value as written: its text in the file, to tell a Helm template blanked by the reader
/// from a literal.
fn written<'t>(file: &ConfigFile<'t>, entry: &Entry) -> &'t str {
    entry.value_span.slice(file.text)
}

fn is_literal(file: &ConfigFile<'_>, entry: &Entry) -> bool {
    placeholder(&entry.value).is_none() && placeholder(written(file, entry)).is_none()
}

/// What an entry is, for messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    /// A configuration key: "in `spring.datasource.password`".
    Key,
    /// An option of a SQL `WITH` clause or `OPTIONS` hint: "in the `password` option".
    SqlOption,
}

impl Place {
    fn name(self, key: &str) -> String {
        match self {
            Self::Key => format!("`{key}`"),
            Self::SqlOption => format!("the `{key}` option"),
        }
    }
}

/// The entries of one configuration (a file, a Kubernetes resource, a SQL `WITH` clause).
fn check_entries(file: &ConfigFile<'_>, entries: &[&Entry], place: Place, cx: &mut Ctx<'_>) {
    let roles: Vec<_> = entries.iter().map(|e| key_role(&e.key)).collect();
    // Groups whose secret is supplied from elsewhere (a user name there is reported alone), and
    // groups whose secret is written in the file, as a literal or a sample (it is not).
    let mut secret_groups: HashSet<&str> = HashSet::new();
    let mut literal_secret_groups: HashSet<&str> = HashSet::new();
    for (entry, role) in entries.iter().zip(&roles) {
        if let Some(role) = role
            && matches!(role.role, Role::Secret(_))
        {
            if supplied_elsewhere(&entry.value) || supplied_elsewhere(written(file, entry)) {
                secret_groups.insert(&role.group);
            } else {
                literal_secret_groups.insert(&role.group);
            }
        }
    }
    let help = help(file.kind);
    for (entry, role) in entries.iter().zip(&roles) {
        let group = role.as_ref().map_or("", |r| r.group.as_str());
        match role.as_ref().map(|r| r.role) {
            Some(Role::Secret(noun)) => {
                if is_literal(file, entry) {
                    let message = format!(
                        "literal {} {} in {}",
                        noun.as_str(),
                        masked_value(&entry.value),
                        place.name(&entry.key)
                    );
                    report_entry(cx, entry, Severity::Error, message, help);
                } else if let Some(range) = placeholder_default(&entry.value) {
                    report_default(file, cx, entry, noun, range, place);
                }
            }
            Some(Role::AccessKeyId) => {
                if is_literal(file, entry) && !literal_secret_groups.contains(group) {
                    let message = format!(
                        "literal access key id {} in {}",
                        masked_value(&entry.value),
                        place.name(&entry.key)
                    );
                    report_entry(cx, entry, Severity::Info, message, IDENTITY_HELP);
                }
            }
            Some(Role::UserName) => {
                if is_literal(file, entry)
                    && secret_groups.contains(group)
                    && !literal_secret_groups.contains(group)
                {
                    let message = format!(
                        "literal user name {} in {}, beside a password that is supplied from elsewhere",
                        masked_value(&entry.value),
                        place.name(&entry.key)
                    );
                    report_entry(cx, entry, Severity::Info, message, IDENTITY_HELP);
                }
            }
            Some(Role::Jaas) | None => {
                for inner in inner_secrets(&entry.value) {
                    report_inner(file, cx, entry, &inner, place, help);
                }
            }
        }
    }
}

fn report_entry(cx: &mut Ctx<'_>, entry: &Entry, severity: Severity, message: String, help: &str) {
    cx.report(severity, entry.value_span, message)
        .help(help)
        .redact(entry.value_span)
        .anchor(format!("{}=****", entry.key));
}

/// The literal default of a placeholder (`${DB_PASSWORD:root}`): used whenever the variable is
/// not set, so the repository holds a working password. `info`, as a `ParameterTool` default.
fn report_default(
    file: &ConfigFile<'_>,
    cx: &mut Ctx<'_>,
    entry: &Entry,
    noun: Noun,
    range: std::ops::Range<usize>,
    place: Place,
) {
    let secret = entry.value.get(range.clone()).unwrap_or("");
    let span = if written(file, entry) == entry.value {
        Span::new(
            entry.value_span.start + range.start,
            entry.value_span.start + range.end,
        )
    } else {
        entry.value_span
    };
    let message = format!(
        "literal {} {} as the default of a placeholder in {}",
        noun.as_str(),
        masked_value(secret),
        place.name(&entry.key)
    );
    cx.report(Severity::Info, span, message)
        .help("drop the default, so that a missing variable fails at startup instead of falling back to a password from the repository")
        .redact(span)
        .anchor(format!("{}=${{…:****}}", entry.key));
}

/// A secret inside a value: at its own bytes when the value is written as read (no quotes
/// undone, no escapes), else at the whole value.
fn report_inner(
    file: &ConfigFile<'_>,
    cx: &mut Ctx<'_>,
    entry: &Entry,
    inner: &Inner,
    place: Place,
    help: &str,
) {
    let secret = entry.value.get(inner.range.clone()).unwrap_or("");
    let span = if written(file, entry) == entry.value {
        Span::new(
            entry.value_span.start + inner.range.start,
            entry.value_span.start + inner.range.end,
        )
    } else {
        entry.value_span
    };
    let message = format!(
        "literal {} {} {} in {}",
        inner.kind.noun().as_str(),
        masked_value(secret),
        inner.kind.describe(),
        place.name(&entry.key)
    );
    cx.report(Severity::Error, span, message)
        .help(help)
        .redact(span)
        .anchor(format!("{}:{:?}=****", entry.key, inner.kind));
}

/// Credentials handed to client calls. Returns the string literals whose secrets are reported,
/// so that the scan of all strings does not report them again.
fn check_sinks(file: &JavaFile<'_>, cx: &mut Ctx<'_>) -> HashSet<usize> {
    let mut covered = HashSet::new();
    let (jaas, found): (Vec<Sink<'_>>, Vec<Sink<'_>>) =
        sinks(file).into_iter().partition(|s| s.jaas);
    for sink in &jaas {
        check_jaas_write(file, cx, sink, &mut covered);
    }
    // The calls (or builder chains, or configuration objects and key groups) whose secret is
    // written in the file, as a literal or a sample (`changeme`): their user name or access
    // key id is not reported on its own.
    let mut literal_secret_of: HashSet<String> = HashSet::new();
    let written: Vec<_> = found.iter().map(|s| fold_secret(file, s.value)).collect();
    for (sink, value) in found.iter().zip(&written) {
        if sink.part == Part::Secret
            && value
                .as_ref()
                .is_some_and(|v| !supplied_elsewhere(&v.value))
        {
            literal_secret_of.insert(pairing(file, sink));
        }
    }
    let folded: Vec<_> = written
        .into_iter()
        .map(|v| v.filter(|f| placeholder(&f.value).is_none()))
        .collect();
    for (sink, value) in found.iter().zip(&folded) {
        let Some(value) = value else {
            continue;
        };
        if sink.part == Part::Identity && literal_secret_of.contains(&pairing(file, sink)) {
            continue;
        }
        let default = value.certainty == Certainty::Default;
        let (severity, what) = match (sink.part, &sink.key, sink.noun) {
            (Part::Secret, Some(_), Some(noun)) => (Severity::Error, noun.as_str()),
            (Part::Secret, _, _) => (Severity::Error, Noun::Password.as_str()),
            (Part::Identity, Some(_), _) => (Severity::Info, "access key id"),
            (Part::Identity, None, _) => (Severity::Info, "user name"),
        };
        let severity = if default { Severity::Info } else { severity };
        let place = match &sink.key {
            Some(key) => format!("written to `{key}`"),
            None => format!("passed to {}", sink.api),
        };
        let origin = if default {
            " as the default of a `ParameterTool` lookup"
        } else {
            ""
        };
        let message = format!(
            "literal {what} {} {place}{origin}",
            masked_value(&value.value)
        );
        let redactions: Vec<Span> = literals_of(file, sink.value)
            .into_iter()
            .map(|l| inner_span(file, l))
            .collect();
        let anchor = masked_anchor(file, sink.call, &redactions);
        let mut reported = cx.report(severity, JavaFile::span_of(sink.value), message);
        reported.help(if sink.part == Part::Identity {
            IDENTITY_HELP
        } else {
            help(FileKind::Java)
        });
        for span in &redactions {
            reported.redact(*span);
        }
        reported.anchor(anchor);
        if let Some(at) = value.defined_at {
            reported.label(at, "the value is written here");
        }
    }
    covered
}

/// A JAAS configuration written to `sasl.jaas.config`, possibly concatenated from several
/// strings: its `password="…"`.
fn check_jaas_write(
    file: &JavaFile<'_>,
    cx: &mut Ctx<'_>,
    sink: &Sink<'_>,
    covered: &mut HashSet<usize>,
) {
    let Some(value) = fold_secret(file, sink.value) else {
        return;
    };
    let key = sink.key.as_deref().unwrap_or("");
    let literals = literals_of(file, sink.value);
    for found in inner_secrets(&value.value) {
        let secret = value.value.get(found.range.clone()).unwrap_or("");
        // The secret's own bytes when one string holds them as written, else every string.
        let precise: Vec<Span> = literals
            .iter()
            .filter_map(|l| {
                let inner = inner_span(file, *l);
                locate(inner.slice(file.text()), secret)
                    .map(|at| Span::new(inner.start + at, inner.start + at + secret.len()))
            })
            .collect();
        let (span, redactions) = match precise.as_slice() {
            [one] => (*one, vec![*one]),
            _ => (
                JavaFile::span_of(sink.value),
                literals.iter().map(|l| inner_span(file, *l)).collect(),
            ),
        };
        covered.extend(literals.iter().map(Node::id));
        let message = format!(
            "literal password {} {} written to `{key}`",
            masked_value(secret),
            found.kind.describe()
        );
        let mut reported = cx.report(Severity::Error, span, message);
        reported.help(help(FileKind::Java));
        for r in &redactions {
            reported.redact(*r);
        }
        reported.anchor(format!("{key}:{:?}=****", found.kind));
    }
}

/// Where `secret` occurs in `text`, when it occurs exactly once.
fn locate(text: &str, secret: &str) -> Option<usize> {
    if secret.is_empty() {
        return None;
    }
    let first = text.find(secret)?;
    text[first + 1..].find(secret).is_none().then_some(first)
}

/// What a user name or access key id belongs with: its call, its builder chain, or for a
/// configuration write the object and the key's group.
fn pairing(file: &JavaFile<'_>, sink: &Sink<'_>) -> String {
    if let Some(key) = &sink.key {
        let group = key_role(key).map(|r| r.group).unwrap_or_default();
        let object = receiver(sink.call).map_or("", |r| file.text_of(r));
        return format!("{object}|{group}");
    }
    let root = chain::root(sink.call).unwrap_or(sink.call);
    format!("{}", root.id())
}

/// The text between a string literal's quotes (a text block's between its `"""`).
fn inner_span(file: &JavaFile<'_>, literal: Node<'_>) -> Span {
    let span = JavaFile::span_of(literal);
    let quotes = if file.text_of(literal).starts_with("\"\"\"") {
        3
    } else {
        1
    };
    if span.len() >= 2 * quotes {
        Span::new(span.start + quotes, span.end - quotes)
    } else {
        span
    }
}

/// The fingerprint text of a call with its secrets replaced by `****`, so that a rotated
/// secret keeps the finding's fingerprint and no secret goes into the hash.
fn masked_anchor(file: &JavaFile<'_>, call: Node<'_>, redactions: &[Span]) -> String {
    let anchor = call_anchor(file, call);
    let call_start = call.end_byte().saturating_sub(anchor.len());
    let mut out = String::with_capacity(anchor.len());
    let mut at = 0;
    let mut spans: Vec<Span> = redactions
        .iter()
        .filter(|s| s.start >= call_start && s.end <= call.end_byte())
        .map(|s| Span::new(s.start - call_start, s.end - call_start))
        .collect();
    spans.sort_unstable();
    for span in spans {
        if span.start < at {
            continue;
        }
        out.push_str(anchor.get(at..span.start).unwrap_or(""));
        out.push_str("****");
        at = span.end;
    }
    out.push_str(anchor.get(at..).unwrap_or(""));
    out
}

/// Strings that hold a secret inside: URLs with a password, JAAS configurations, SQL options,
/// PEM keys.
fn check_literals(file: &JavaFile<'_>, cx: &mut Ctx<'_>, covered: &HashSet<usize>) {
    for literal in file.nodes_of_kind("string_literal") {
        if covered.contains(&literal.id()) {
            continue;
        }
        let raw = file.text_of(literal);
        let inner = inner_span(file, literal);
        let written = inner.slice(file.text());
        if !(written.contains("://")
            || written.contains('=')
            || written.contains("LoginModule")
            || written.contains("-----BEGIN"))
        {
            continue;
        }
        let (value, exact) = if raw.starts_with("\"\"\"") {
            (written.to_owned(), true)
        } else {
            let Some(decoded) = string_literal(file, literal) else {
                continue;
            };
            let exact = decoded == written;
            (decoded, exact)
        };
        for found in inner_secrets(&value) {
            let secret = value.get(found.range.clone()).unwrap_or("");
            let span = if exact {
                Span::new(
                    inner.start + found.range.start,
                    inner.start + found.range.end,
                )
            } else {
                // Escapes moved the offsets: the secret as written, when it is found once.
                locate(written, secret).map_or(inner, |at| {
                    Span::new(inner.start + at, inner.start + at + secret.len())
                })
            };
            let message = format!(
                "literal {} {} {}",
                found.kind.noun().as_str(),
                masked_value(secret),
                found.kind.describe()
            );
            let anchor = format!("{}{:?}", mask_range(&value, &found.range), found.kind);
            cx.report(Severity::Error, span, message)
                .help(help(FileKind::Java))
                .redact(span)
                .anchor(anchor);
        }
    }
}

/// `value` with `range` replaced by `****`.
fn mask_range(value: &str, range: &std::ops::Range<usize>) -> String {
    format!(
        "{}****{}",
        value.get(..range.start).unwrap_or(""),
        value.get(range.end..).unwrap_or("")
    )
}

#[cfg(test)]
mod tests {
    use bdl_core::Diagnostic;
    use bdl_syntax::check_one;

    use super::*;

    fn lint(path: &str, text: &str) -> Vec<Diagnostic> {
        check_one(&HardcodedCredential, path, text)
    }

    fn found(diagnostics: &[Diagnostic]) -> Vec<(u32, Severity)> {
        diagnostics
            .iter()
            .map(|d| (d.start.line, d.severity))
            .collect()
    }

    fn assert_no_secret(diagnostics: &[Diagnostic], secret: &str) {
        for d in diagnostics {
            assert!(!d.message.contains(secret), "{}", d.message);
            assert!(!d.fingerprint.contains(secret), "{}", d.fingerprint);
            assert!(
                d.help.as_deref().is_none_or(|h| !h.contains(secret)),
                "{:?}",
                d.help
            );
        }
    }

    #[test]
    fn spring_keys_placeholders_and_user_names() {
        let text = "spring:\n  datasource:\n    username: root\n    password: s3cr3tValue\n  data:\n    redis:\n      password: ${REDIS_PASSWORD}\n      username: app\n  redis:\n    password: ''\n";
        let d = lint("application.yml", text);
        assert_eq!(found(&d), [(4, Severity::Error), (8, Severity::Info)]);
        assert_eq!(
            d[0].message,
            "literal password 's3****' in `spring.datasource.password`"
        );
        // Every finding of the file carries the redactions of all of them.
        let masked: Vec<&str> = d[0].redactions.iter().map(|s| s.slice(text)).collect();
        assert_eq!(masked, ["s3cr3tValue", "app"]);
        assert_eq!(d[0].fingerprint, "spring.datasource.password=****");
        assert_eq!(
            d[1].message,
            "literal user name '****' in `spring.data.redis.username`, beside a password that is supplied from elsewhere"
        );
        assert_no_secret(&d, "s3cr3t");
    }

    #[test]
    fn hadoop_and_flink_keys() {
        let xml = "<configuration>\n<property><name>fs.s3a.access.key</name><value>AKIAABCDEFGHIJKLMNOP</value></property>\n<property><name>fs.s3a.secret.key</name><value>s3cr3t/abc</value></property>\n<property><name>fs.oss.accessKeyId</name><value>LTAI5tAbc</value></property>\n<property><name>hadoop.security.group.mapping.ldap.bind.password.file</name><value>/etc/pw</value></property>\n</configuration>\n";
        let d = lint("core-site.xml", xml);
        assert_eq!(found(&d), [(3, Severity::Error), (4, Severity::Info)]);
        assert_eq!(
            d[0].message,
            "literal secret key 's3****' in `fs.s3a.secret.key`"
        );
        assert_eq!(
            d[1].message,
            "literal access key id 'LT****' in `fs.oss.accessKeyId`"
        );
        let conf = "s3.access-key: AKIAABCDEFGHIJKLMNOP\ns3.secret-key: ${S3_SECRET}\nsecurity.ssl.internal.keystore-password: s3cr3t\n";
        let d = lint("flink-conf.yaml", conf);
        assert_eq!(found(&d), [(1, Severity::Info), (3, Severity::Error)]);
    }

    #[test]
    fn flink_sql_options_and_urls() {
        let sql = "CREATE TABLE orders (id INT) WITH (\n  'connector' = 'jdbc',\n  'url' = 'jdbc:mysql://db:3306/shop?user=root&password=s3cr3t',\n  'username' = 'root',\n  'password' = 's3cr3t'\n);\nCREATE TABLE clicks (id INT) WITH (\n  'connector' = 'kafka',\n  'properties.sasl.jaas.config' = 'org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"s3cr3t\";',\n  'password' = '${secret_values.pw}'\n);\n";
        let d = lint("job.sql", sql);
        assert_eq!(
            found(&d),
            [
                (3, Severity::Error),
                (5, Severity::Error),
                (9, Severity::Error)
            ]
        );
        assert_eq!(
            d[0].message,
            "literal password '****' in the password parameter of a connection URL in the `url` option"
        );
        assert!(
            d[0].redactions
                .iter()
                .all(|s| s.slice(sql).contains("s3cr3t"))
        );
        assert_eq!(d[0].redactions.len(), 3);
        assert_no_secret(&d, "s3cr3t");
    }

    #[test]
    fn look_alike_keys_and_placeholders_stay_silent() {
        let props = "spring.security.password-policy=strict\npassword.min-length=12\nspring.datasource.password=${DB_PASSWORD}\napp.passwordFile=/etc/secret/pw\nssl.truststore.password=changeit\njwt.secret=ENC(abc)\nspring.redis.password=\nadmin.password=<password>\ntoken={{ .Values.token }}\n";
        assert!(lint("application.properties", props).is_empty());
    }

    #[test]
    fn kubernetes_flink_configuration_only() {
        let k8s = "apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata:\n  name: job\nspec:\n  flinkConfiguration:\n    s3.secret-key: s3cr3tValue\n    s3.access-key: {{ .Values.s3.accessKey }}\n  podTemplate:\n    spec:\n      containers:\n        - name: flink-main-container\n          env:\n            - name: PASSWORD\n              value: other\n";
        let d = lint("deploy/flink.yaml", k8s);
        assert_eq!(found(&d), [(7, Severity::Error)]);
    }

    const JEDIS: &str = "import redis.clients.jedis.*;\n";

    #[test]
    fn jedis_calls() {
        let src = format!(
            "{JEDIS}class Sink {{\n  private static final String PW = \"s3cr3tValue\";\n  void open(Jedis jedis, String host, int port) {{\n    JedisPool a = new JedisPool(new JedisPoolConfig(), \"10.0.0.5\", 6379, 2000, \"s3cr3t\");\n    jedis.auth(PW);\n    jedis.auth(System.getenv(\"REDIS_PASSWORD\"));\n    new JedisPool(new JedisPoolConfig(), host, port, 2000, \"changeme\");\n  }}\n}}\n"
        );
        let d = lint("Sink.java", &src);
        assert_eq!(found(&d), [(5, Severity::Error), (6, Severity::Error)]);
        assert_eq!(
            d[0].message,
            "literal password '****' passed to `new JedisPool(..)`"
        );
        let masked: Vec<&str> = d[0].redactions.iter().map(|s| s.slice(&src)).collect();
        assert_eq!(masked, ["s3cr3tValue", "s3cr3t"]);
        assert_eq!(
            d[0].fingerprint,
            "new JedisPool(new JedisPoolConfig(), \"10.0.0.5\", 6379, 2000, \"****\")"
        );
        // The constant's literal is masked where it is written, and labelled.
        assert_eq!(d[1].fingerprint, "jedis.auth(PW)");
        assert_eq!(d[1].labels.len(), 1);
        assert_eq!(d[1].labels[0].start.line, 3);
        assert_no_secret(&d, "s3cr3t");
    }

    #[test]
    fn credentials_objects_user_names_and_defaults() {
        let src = "import org.apache.http.auth.UsernamePasswordCredentials;\nimport java.sql.DriverManager;\nclass Es {\n  void m(ParameterTool params) {\n    new UsernamePasswordCredentials(\"elastic\", \"s3cr3tValue\");\n    new UsernamePasswordCredentials(\"elastic\", System.getenv(\"ES_PASSWORD\"));\n    DriverManager.getConnection(url, \"root\", params.get(\"db.password\", \"s3cr3t\"));\n  }\n}\n";
        let d = lint("Es.java", src);
        assert_eq!(
            found(&d),
            [
                (5, Severity::Error),
                (6, Severity::Info),
                (7, Severity::Info)
            ]
        );
        assert_eq!(
            d[1].message,
            "literal user name '****' passed to `new UsernamePasswordCredentials(..)`"
        );
        assert_eq!(
            d[2].message,
            "literal password '****' passed to `DriverManager.getConnection` as the default of a `ParameterTool` lookup"
        );
        assert_no_secret(&d, "s3cr3t");
    }

    #[test]
    fn java_look_alikes_stay_silent() {
        let src = "class User {\n  private String password;\n  private static final String PASSWORD = \"s3cr3t\";\n  void setPassword(String password) { this.password = password; }\n  void m(User u, String pw) {\n    u.setPassword(pw);\n    u.setPassword(\"s3cr3t\");\n    conf.set(\"password.file\", \"/etc/pw\");\n    log.info(\"password reset for {}\", name);\n    String sql = \"UPDATE users SET password = ? WHERE id = ?\";\n  }\n}\n";
        assert!(lint("User.java", src).is_empty());
    }

    #[test]
    fn strings_with_secrets_inside() {
        let src = "class Job {\n  static final String URL = \"jdbc:mysql://root:s3cr3t@10.0.0.5:3306/db\";\n  void m(TableEnvironment t) {\n    t.executeSql(\"CREATE TABLE o (id INT) WITH ('connector' = 'jdbc', \" +\n        \"'password' = 's3cr3t')\");\n    props.put(\"sasl.jaas.config\", \"org.apache.kafka.common.security.plain.PlainLoginModule required username=\\\"u\\\" password=\\\"s3cr3t\\\";\");\n    String ok = \"jdbc:mysql://db:3306/shop?user=${DB_USER}&password=${DB_PASSWORD}\";\n  }\n}\n";
        let d = lint("Job.java", src);
        assert_eq!(
            found(&d),
            [
                (2, Severity::Error),
                (5, Severity::Error),
                (6, Severity::Error)
            ]
        );
        let masked: Vec<&str> = d[0].redactions.iter().map(|s| s.slice(src)).collect();
        // The JAAS string has escaped quotes: the secret is still found as written.
        assert_eq!(masked, ["s3cr3t", "s3cr3t", "s3cr3t"]);
        assert_no_secret(&d, "s3cr3t");
    }

    #[test]
    fn tests_are_skipped_by_default() {
        let src = format!(
            "{JEDIS}class SinkTest {{\n  void t(Jedis jedis) {{ jedis.auth(\"s3cr3t\"); }}\n}}\n"
        );
        assert!(lint("src/test/java/SinkTest.java", &src).is_empty());
        assert_eq!(lint("src/main/java/Sink.java", &src).len(), 1);
    }
}
