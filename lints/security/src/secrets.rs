//! What a credential looks like, shared by the SEC rules: which configuration keys hold one
//! ([`key_role`]), which values are placeholders rather than secrets ([`placeholder`]), and the
//! secrets written inside larger values (URLs with a password, JAAS configurations, SQL options,
//! PEM private keys: [`inner_secrets`]).

use std::ops::Range;

/// What a configuration key holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// A password, secret key, token or API key: a literal value is the finding.
    Secret(Noun),
    /// An access key id (`fs.s3a.access.key`): identifies an account, not a secret by itself.
    AccessKeyId,
    /// A login user name (`spring.datasource.username`).
    UserName,
    /// A JAAS configuration (`sasl.jaas.config`), whose `password="…"` is the secret.
    Jaas,
}

/// How a message names a secret.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Noun {
    Password,
    Secret,
    SecretKey,
    Token,
    ApiKey,
    AccountKey,
    PrivateKey,
}

impl Noun {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Password => "password",
            Self::Secret => "secret",
            Self::SecretKey => "secret key",
            Self::Token => "token",
            Self::ApiKey => "API key",
            Self::AccountKey => "storage account key",
            Self::PrivateKey => "private key",
        }
    }
}

/// A key's role and its group: the key without the words naming the credential
/// (`spring.datasource` for `spring.datasource.password`, `fs.s3a` for `fs.s3a.secret.key`), so
/// that a user name and the password it goes with can be told to belong together.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct KeyRole {
    pub(crate) role: Role,
    pub(crate) group: String,
}

/// The words of one key segment, lowercase: split at `-`, `_`, blanks and where a lowercase
/// letter or digit is followed by an uppercase one (`accessKeySecret` -> `access key secret`).
fn words(segment: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for c in segment.chars() {
        if matches!(c, '-' | '_' | ' ') {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            previous_lower = false;
            continue;
        }
        if c.is_uppercase() && previous_lower && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
        current.extend(c.to_lowercase());
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// A key segment without a trailing Spring index (`servers[0]` -> `servers`).
fn strip_index(segment: &str) -> &str {
    segment.split('[').next().unwrap_or(segment)
}

/// Segments too generic to name a credential by themselves: `fs.s3a.secret.key` and
/// `fs.s3a.access.key` are named by the segment before them.
const GENERIC_LAST: &[&str] = &["key", "id", "config"];

/// Words before a credential word that make the key name a reference to a secret kept
/// elsewhere (Helm's `existingSecret`), not the secret.
const REFERENCE_WORDS: &[&str] = &["existing"];

/// What a configuration key holds, or `None` for any other key. The credential must be what
/// the key's last segment names: `password-policy`, `password.min-length`,
/// `password-encoder`, `password.file` and `passwordFile` name something else. See the rule's
/// documentation for the full list.
pub(crate) fn key_role(key: &str) -> Option<KeyRole> {
    let lower = key.to_ascii_lowercase();
    if let Some(at) = lower.find("fs.azure.account.key") {
        // `fs.azure.account.key.<account>.blob.core.windows.net`: the account name follows.
        let group = key.get(..at + "fs.azure.account".len()).unwrap_or(key);
        return Some(KeyRole {
            role: Role::Secret(Noun::AccountKey),
            group: group.to_owned(),
        });
    }
    let segments: Vec<&str> = key.split('.').map(strip_index).collect();
    let (last, before) = segments.split_last()?;
    let mut tail = words(last);
    let mut used = 1;
    if tail.len() == 1
        && GENERIC_LAST.contains(&tail[0].as_str())
        && let Some(previous) = before.last()
        && let Some(word) = words(previous).pop()
    {
        tail.insert(0, word);
        used = 2;
    }
    let role = role_of_words(&tail)?;
    let group = segments[..segments.len() - used].join(".");
    Some(KeyRole { role, group })
}

/// The role the words of a key's last segment (and the one before a generic `key`/`id`) name.
fn role_of_words(tail: &[String]) -> Option<Role> {
    let w: Vec<&str> = tail.iter().map(String::as_str).collect();
    if w.iter().any(|word| REFERENCE_WORDS.contains(word)) {
        return None;
    }
    let role = match w.as_slice() {
        [.., "jaas", "config"] => Role::Jaas,
        [.., "secret", "key"]
        | [.., "secret", "access", "key"]
        | [.., "secretkey" | "secretaccesskey" | "awssecretaccesskey"] => {
            Role::Secret(Noun::SecretKey)
        }
        [.., "access", "key" | "keyid"]
        | [.., "access", "key", "id"]
        | [.., "secret", "id"]
        | [
            ..,
            "accesskey" | "accesskeyid" | "awsaccesskeyid" | "secretid",
        ] => Role::AccessKeyId,
        [.., "password" | "passwd" | "pwd" | "passphrase" | "pass"] => Role::Secret(Noun::Password),
        [.., "secret"] => Role::Secret(Noun::Secret),
        [.., "token"] => Role::Secret(Noun::Token),
        [.., "api", "key"] | [.., "apikey"] => Role::Secret(Noun::ApiKey),
        [.., "private", "key"] | [.., "privatekey"] => Role::Secret(Noun::PrivateKey),
        [.., "user" | "username"] | [.., "user", "name"] => Role::UserName,
        _ => return None,
    };
    Some(role)
}

/// Values that stand for a secret without being one, compared case-insensitively with blanks,
/// `-`, `_` and `.` removed. Documented in the rule's docs; keep both in step.
const DUMMIES: &[&str] = &[
    "changeme",
    "changeit",
    "changethis",
    "changeme123",
    "password",
    "passwd",
    "pass",
    "secret",
    "token",
    "apikey",
    "secretkey",
    "accesskey",
    "none",
    "null",
    "nil",
    "undefined",
    "empty",
    "todo",
    "tbd",
    "fixme",
    "dummy",
    "placeholder",
    "redacted",
    "masked",
    "hidden",
    "notset",
    "unset",
    "replaceme",
    "true",
    "false",
];

/// Words that make any value containing them a dummy: `your-password-here`,
/// `AKIAIOSFODNN7EXAMPLE` (the AWS documentation's example key), `<replace-me>`.
const DUMMY_PARTS: &[&str] = &[
    "changeme",
    "change_me",
    "change-me",
    "example",
    "placeholder",
    "replace_me",
    "replace-me",
    "replaceme",
    "dummy",
    "xxxx",
];

/// Prefixes of values that refer to a secret kept elsewhere: a file, a credential store, a
/// secret manager, or an encrypted value (Jasypt's `ENC(…)`, Spring Cloud Config's
/// `{cipher}…`).
const REFERENCE_PREFIXES: &[&str] = &[
    "file:",
    "classpath:",
    "jceks:",
    "localjceks:",
    "vault:",
    "secret:",
    "secrets:",
    "env:",
    "sm://",
    "aws-secretsmanager:",
    "awssm:",
    "azure-keyvault:",
    "enc(",
    "{cipher}",
];

/// Prefixes of password hashes (bcrypt, LDAP `{SSHA}`, Spring Security's `{bcrypt}`): what
/// a server compares a password with, not the password.
const HASH_PREFIXES: &[&str] = &[
    "$2a$", "$2b$", "$2y$", "{sha}", "{ssha}", "{sha256}", "{bcrypt}", "{pbkdf2}", "{scrypt}",
    "{argon2}",
];

/// Why `value` is not a literal secret, or `None` when it is one. Placeholders:
/// - empty or blank;
/// - a variable or template: `${VAR}`, `${env.X}`, `${sys:x}`, `#{…}`, `{{ .Values.x }}`,
///   `%(x)s`, `$(cmd)`, `$VAR`, `%VAR%`, `@var@` (Maven resource filtering), `<password>`,
///   `{password}`,
///   Helm templates blanked to `_` by the Kubernetes reader, and the slots of formatters
///   (`%s`, `%1$s`, `{}`, `{0}`, `?`) in SQL text a program fills in;
/// - a password hash: `$2a$…` (bcrypt), `{SSHA}…`, `{bcrypt}…` and the other
///   [`HASH_PREFIXES`];
/// - a reference: a file path, `file:`, `classpath:`, `jceks://`, `vault:`, `ENC(…)`,
///   `{cipher}…`, and the other [`REFERENCE_PREFIXES`];
/// - an obvious dummy: one of [`DUMMIES`], anything containing one of [`DUMMY_PARTS`] or an
///   ellipsis (`AKIA...`), anything starting with `your` (`YOUR_SECRET_KEY`, `your-password`),
///   or a run of one masking character (`******`, `xxxxxx`, `......`, `???`, `###`);
/// - the name of a variable written where its value belongs: an upper-case identifier with an
///   `_` naming a secret (`S3_SECRET_KEY`, `DB_PASSWORD`, `PONER_AQUI_AWS_SECRET_KEY`).
pub(crate) fn placeholder(value: &str) -> Option<&'static str> {
    let v = value.trim();
    if v.is_empty() {
        return Some("empty");
    }
    let lower = v.to_ascii_lowercase();
    if v.contains("${")
        || v.contains("#{")
        || v.contains("{{")
        || v.contains("%(")
        || v.contains("$(")
    {
        return Some("a variable");
    }
    let mut chars = v.chars();
    let first = chars.next().unwrap_or(' ');
    let second = chars.next().unwrap_or(' ');
    if first == '$' && (second.is_ascii_alphabetic() || second == '_' || second == '{') {
        return Some("a variable");
    }
    let wrapped = |open: char, close: char| {
        v.len() > 2 && v.starts_with(open) && v.ends_with(close) && !v[1..v.len() - 1].is_empty()
    };
    if wrapped('<', '>') || wrapped('%', '%') || wrapped('@', '@') || wrapped('{', '}') {
        return Some("a placeholder");
    }
    if v.chars().all(|c| c == '_' || c.is_whitespace()) {
        return Some("a template");
    }
    if is_format_slot(v) {
        return Some("a format placeholder");
    }
    if HASH_PREFIXES.iter().any(|p| lower.starts_with(p)) {
        return Some("a hash");
    }
    if REFERENCE_PREFIXES.iter().any(|p| lower.starts_with(p))
        || (v.starts_with('/') && v[1..].contains('/') && !v.contains(char::is_whitespace))
    {
        return Some("a reference");
    }
    let compact: String = lower
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_' | '.'))
        .collect();
    if DUMMIES.contains(&compact.as_str())
        || DUMMY_PARTS.iter().any(|p| lower.contains(p))
        || lower.starts_with("your")
        || v.contains("...")
        || v.contains('…')
    {
        return Some("a dummy");
    }
    if is_variable_name(v) {
        return Some("the name of a variable");
    }
    let mut distinct = v.chars();
    if let Some(c) = distinct.next()
        && matches!(c, '*' | 'x' | 'X' | '.' | '?' | '#' | '-')
        && distinct.all(|d| d == c)
    {
        return Some("a dummy");
    }
    None
}

/// Whether a placeholder stands for a secret supplied from elsewhere at runtime (a variable, a
/// reference, a template) rather than for no secret or a sample one (an empty value, a dummy,
/// a hash). A user name beside a secret of the first kind is reported alone; beside one of the
/// second kind it is part of a sample or of an account without a secret, and is not.
pub(crate) fn supplied_elsewhere(value: &str) -> bool {
    matches!(
        placeholder(value),
        Some("a variable" | "a reference" | "a template")
    )
}

/// The literal default of a placeholder that is the whole value: `root` in Spring's
/// `${DB_PASSWORD:root}` or the shell's `${DB_PASSWORD:-root}` / `${DB_PASSWORD:=root}`, as a
/// byte range of `value` (the shell's `:?` and `:+` forms have none).
/// `None` without a default, with an empty one, or with one that is itself a placeholder.
pub(crate) fn placeholder_default(value: &str) -> Option<Range<usize>> {
    let lead = value.len() - value.trim_start().len();
    let trimmed = value.trim();
    let inner = trimmed.strip_prefix("${")?.strip_suffix('}')?;
    if inner.contains("${") || inner.contains('}') {
        return None;
    }
    let colon = inner.find(':')?;
    let after = &inner[colon + 1..];
    // The shell's `${VAR:?message}` fails when unset and `${VAR:+alt}` is used only when set:
    // neither is a default. `${VAR:-x}` and `${VAR:=x}` are.
    if after.starts_with(['?', '+']) {
        return None;
    }
    let skip = usize::from(after.starts_with(['-', '=']));
    let start = lead + 2 + colon + 1 + skip;
    let end = lead + 2 + inner.len();
    let default = value.get(start..end)?;
    (!default.is_empty() && placeholder(default).is_none()).then_some(start..end)
}

/// A slot a formatter fills: `%s`, `%1$s`, `%-10s` (`String.format`), `{}` / `{0}` (SLF4J,
/// `MessageFormat`), `?` (a JDBC parameter).
fn is_format_slot(value: &str) -> bool {
    if value == "?" || value == "{}" {
        return true;
    }
    if let Some(index) = value.strip_prefix('{').and_then(|r| r.strip_suffix('}')) {
        return !index.is_empty() && index.bytes().all(|b| b.is_ascii_digit());
    }
    let Some(spec) = value.strip_prefix('%') else {
        return false;
    };
    spec.len() <= 8
        && spec.ends_with(|c: char| c.is_ascii_alphabetic())
        && spec
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'$' | b'-' | b'.' | b'+' | b'#'))
        && spec.bytes().filter(u8::is_ascii_alphabetic).count() == 1
}

/// Words that make an upper-case identifier the name of the variable that holds a secret.
const VARIABLE_WORDS: &[&str] = &["PASSWORD", "PASSWD", "PWD", "SECRET", "TOKEN", "KEY"];

/// An environment variable's name written where its value belongs (`YOUR_SECRET_KEY`,
/// `S3_SECRET_KEY`, `DB_PASSWORD`): upper-case letters, digits and at least one `_`, naming a
/// secret.
fn is_variable_name(value: &str) -> bool {
    value.contains('_')
        && value
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
        && value.split('_').any(|word| VARIABLE_WORDS.contains(&word))
}

/// A secret written inside a larger value, as a byte range of that value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Inner {
    pub(crate) range: Range<usize>,
    pub(crate) kind: InnerKind,
}

/// Where inside a value a secret was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum InnerKind {
    /// `scheme://user:password@host`.
    UrlUserInfo,
    /// `jdbc:…?user=u&password=p` or `;password=p`.
    UrlParameter,
    /// `… required username="u" password="p";`.
    Jaas,
    /// `'password' = 'p'` in SQL text held by a string.
    SqlOption,
    /// `-----BEGIN … PRIVATE KEY-----`.
    PemKey,
}

impl InnerKind {
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Self::UrlUserInfo => "in the user info of a URL",
            Self::UrlParameter => "in the password parameter of a connection URL",
            Self::Jaas => "in a JAAS login configuration",
            Self::SqlOption => "in a SQL `WITH` option",
            Self::PemKey => "as a PEM private key",
        }
    }

    pub(crate) fn noun(self) -> Noun {
        match self {
            Self::PemKey => Noun::PrivateKey,
            _ => Noun::Password,
        }
    }
}

/// The most secrets reported inside one value.
const MAX_INNER: usize = 16;

/// The literal secrets written inside `value` (placeholders left out): URL user info and
/// password parameters, JAAS `password="…"`, SQL `'password' = '…'` options, PEM private keys.
pub(crate) fn inner_secrets(value: &str) -> Vec<Inner> {
    let mut out = Vec::new();
    if value.contains("://") {
        url_user_info(value, &mut out);
    }
    let lower = value.to_ascii_lowercase();
    if lower.contains("password=") || lower.contains("pwd=") {
        url_parameters(value, &lower, &mut out);
    }
    if lower.contains("loginmodule") {
        jaas_passwords(value, &lower, &mut out);
    }
    if value.contains('\'') && value.contains('=') {
        sql_options(value, &mut out);
    }
    if let Some(begin) = value.find("-----BEGIN")
        && let Some(end) = value[begin..].find("PRIVATE KEY-----")
        && let Some(stop) = value[begin..].find("-----END").map(|e| begin + e)
        && begin + end < stop
    {
        let body = begin + end + "PRIVATE KEY-----".len();
        if body < stop {
            out.push(Inner {
                range: body..stop,
                kind: InnerKind::PemKey,
            });
        }
    }
    out.retain(|i| {
        value
            .get(i.range.clone())
            .is_some_and(|s| placeholder(s).is_none())
    });
    out.sort_by_key(|i| i.range.start);
    out.dedup_by_key(|i| i.range.start);
    out.truncate(MAX_INNER);
    out
}

/// `scheme://user:password@host` (the password runs to the last `@` of the authority).
fn url_user_info(value: &str, out: &mut Vec<Inner>) {
    let mut from = 0;
    while let Some(at) = value.get(from..).and_then(|rest| rest.find("://")) {
        let start = from + at + 3;
        from = start;
        let rest = value.get(start..).unwrap_or("");
        let authority_len = rest
            .find(|c: char| {
                matches!(c, '/' | '?' | '#') || c.is_whitespace() || c == '\'' || c == '"'
            })
            .unwrap_or(rest.len());
        let authority = &rest[..authority_len];
        let Some(at_sign) = authority.rfind('@') else {
            continue;
        };
        let user_info = &authority[..at_sign];
        let Some(colon) = user_info.find(':') else {
            continue;
        };
        let password = start + colon + 1..start + at_sign;
        if !password.is_empty() {
            out.push(Inner {
                range: password,
                kind: InnerKind::UrlUserInfo,
            });
        }
    }
}

/// `password=…` and `pwd=…` parameters after `?`, `&` or `;` (JDBC URLs), up to the next `&`,
/// `;`, quote or blank.
fn url_parameters(value: &str, lower: &str, out: &mut Vec<Inner>) {
    for name in ["password=", "pwd="] {
        let mut from = 0;
        while let Some(found) = lower.get(from..).and_then(|rest| rest.find(name)) {
            let at = from + found;
            from = at + name.len();
            let before = at.checked_sub(1).and_then(|b| lower.as_bytes().get(b));
            if !matches!(before, Some(b'?' | b'&' | b';')) {
                continue;
            }
            let start = at + name.len();
            let len = value
                .get(start..)
                .unwrap_or("")
                .find(|c: char| matches!(c, '&' | ';' | '\'' | '"') || c.is_whitespace())
                .unwrap_or(value.len() - start);
            if len > 0 {
                out.push(Inner {
                    range: start..start + len,
                    kind: InnerKind::UrlParameter,
                });
            }
        }
    }
}

/// `password="…"` (or `'…'`) options of a JAAS login module configuration.
fn jaas_passwords(value: &str, lower: &str, out: &mut Vec<Inner>) {
    let mut from = 0;
    while let Some(found) = lower.get(from..).and_then(|rest| rest.find("password")) {
        let at = from + found;
        from = at + "password".len();
        // A whole option name: not `truststore.password` or `passwordx`.
        let before = at.checked_sub(1).and_then(|b| lower.as_bytes().get(b));
        if before.is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'.' || *b == b'_') {
            continue;
        }
        let rest = value.get(from..).unwrap_or("");
        let trimmed = rest.trim_start();
        let Some(after_eq) = trimmed.strip_prefix('=') else {
            continue;
        };
        let after_eq_trimmed = after_eq.trim_start();
        let Some(quote) = after_eq_trimmed
            .chars()
            .next()
            .filter(|c| matches!(c, '"' | '\''))
        else {
            continue;
        };
        let start = from + (rest.len() - after_eq_trimmed.len()) + 1;
        let Some(len) = value.get(start..).and_then(|v| v.find(quote)) else {
            continue;
        };
        if len > 0 {
            out.push(Inner {
                range: start..start + len,
                kind: InnerKind::Jaas,
            });
        }
    }
}

/// `'key' = 'value'` pairs whose key holds a secret, in SQL text (a `WITH` clause held by a Java
/// string). `''` inside a literal is an escaped quote.
fn sql_options(value: &str, out: &mut Vec<Inner>) {
    let bytes = value.as_bytes();
    let quoted = |at: usize| -> Option<Range<usize>> {
        if bytes.get(at) != Some(&b'\'') {
            return None;
        }
        let mut i = at + 1;
        loop {
            match bytes.get(i)? {
                b'\'' if bytes.get(i + 1) == Some(&b'\'') => i += 2,
                b'\'' => return Some(at + 1..i),
                _ => i += 1,
            }
        }
    };
    let skip_blanks = |mut at: usize| {
        while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
            at += 1;
        }
        at
    };
    let mut pos = 0;
    while let Some(found) = value.get(pos..).and_then(|rest| rest.find('\'')) {
        let at = pos + found;
        let Some(key) = quoted(at) else {
            return;
        };
        pos = key.end + 1;
        let eq = skip_blanks(pos);
        if bytes.get(eq) != Some(&b'=') {
            continue;
        }
        let Some(val) = quoted(skip_blanks(eq + 1)) else {
            continue;
        };
        let is_secret = value
            .get(key.clone())
            .and_then(key_role)
            .is_some_and(|k| matches!(k.role, Role::Secret(_)));
        pos = val.end + 1;
        if is_secret && !val.is_empty() {
            out.push(Inner {
                range: val,
                kind: InnerKind::SqlOption,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(key: &str) -> Option<Role> {
        key_role(key).map(|k| k.role)
    }

    #[test]
    fn keys_that_hold_credentials() {
        for key in [
            "spring.datasource.password",
            "spring.data.redis.password",
            "javax.jdo.option.ConnectionPassword",
            "security.ssl.internal.keystore-password",
            "hadoop.security.group.mapping.ldap.bind.password",
            "password",
            "db_pass",
            "spring.datasource.druid.stat-view-servlet.login-password",
            "servers[0].password",
        ] {
            assert_eq!(role(key), Some(Role::Secret(Noun::Password)), "{key}");
        }
        for key in [
            "fs.s3a.secret.key",
            "s3.secret-key",
            "fs.s3.awsSecretAccessKey",
            "secretKey",
        ] {
            assert_eq!(role(key), Some(Role::Secret(Noun::SecretKey)), "{key}");
        }
        for key in [
            "fs.oss.accessKeySecret",
            "jwt.secret",
            "spring.security.oauth2.client.registration.x.client-secret",
            "hadoop.http.authentication.signature.secret",
        ] {
            assert_eq!(role(key), Some(Role::Secret(Noun::Secret)), "{key}");
        }
        for key in ["fs.s3a.session.token", "github.access-token", "token"] {
            assert_eq!(role(key), Some(Role::Secret(Noun::Token)), "{key}");
        }
        assert_eq!(
            role("fs.azure.account.key.acct.blob.core.windows.net"),
            Some(Role::Secret(Noun::AccountKey))
        );
        assert_eq!(role("es.api-key"), Some(Role::Secret(Noun::ApiKey)));
        for key in [
            "fs.s3a.access.key",
            "s3.access-key",
            "fs.oss.accessKeyId",
            "fs.s3n.awsAccessKeyId",
            "cos.secret-id",
        ] {
            assert_eq!(role(key), Some(Role::AccessKeyId), "{key}");
        }
        for key in [
            "spring.datasource.username",
            "javax.jdo.option.ConnectionUserName",
            "user",
            "user-name",
        ] {
            assert_eq!(role(key), Some(Role::UserName), "{key}");
        }
        assert_eq!(role("properties.sasl.jaas.config"), Some(Role::Jaas));
    }

    #[test]
    fn look_alike_keys_hold_no_credential() {
        for key in [
            "password-policy",
            "password.min-length",
            "spring.security.password-encoder",
            "password.file",
            "passwordFile",
            "ssl.keystore.password.file",
            "hadoop.security.credstore.java-keystore-provider.password-file",
            "hadoop.http.authentication.signature.secret.file",
            "fs.s3a.server-side-encryption.key",
            "fs.s3a.aws.credentials.provider",
            "dfs.block.access.token.enable",
            "yarn.resourcemanager.delegation.token.renew-interval",
            "existingSecret",
            "secretName",
            "kubernetes.secrets",
            "hadoop.user.name",
            "security.kerberos.login.keytab",
            "redis.host",
            "key",
        ] {
            assert_eq!(role(key), None, "{key}");
        }
    }

    #[test]
    fn groups_pair_user_names_with_their_secret() {
        let group = |key: &str| key_role(key).map(|k| k.group);
        assert_eq!(
            group("spring.datasource.username"),
            group("spring.datasource.password")
        );
        assert_eq!(group("fs.s3a.access.key").as_deref(), Some("fs.s3a"));
        assert_eq!(group("fs.s3a.secret.key").as_deref(), Some("fs.s3a"));
        assert_eq!(group("password").as_deref(), Some(""));
        assert_eq!(
            group("fs.azure.account.key.acct.blob.core.windows.net").as_deref(),
            Some("fs.azure.account")
        );
    }

    #[test]
    fn placeholders_are_not_secrets() {
        for value in [
            "",
            "   ",
            "${REDIS_PASSWORD}",
            "${env.X}",
            "${sys:x}",
            "${DB_PASS:}",
            "#{environment.pw}",
            "{{ .Values.redis.password }}",
            "{{password}}",
            "<password>",
            "<your-secret>",
            "%(db_password)s",
            "$(cat /run/secrets/pw)",
            "$DB_PASSWORD",
            "%DB_PASSWORD%",
            "@db.password@",
            "changeme",
            "ChangeIt",
            "change-me",
            "xxx",
            "XXXXXXXX",
            "******",
            "...",
            "password",
            "Your-Password-Here-example",
            "AKIAIOSFODNN7EXAMPLE",
            "ENC(G6N718UuyPE5bHyWKyuLQSm02auQPUtm)",
            "{cipher}AQA3a",
            "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
            "{SSHA}x",
            "file:/etc/secrets/db",
            "/run/secrets/db_password",
            "jceks://hdfs/user/creds.jceks",
            "________",
            "null",
            "true",
            "YOUR_SECRET_KEY",
            "your secret key",
            "YourAccessKeySecret",
            "PONER_AQUI_AWS_SECRET_KEY",
            "S3_SECRET_KEY",
            "AKIA...",
            "secret…",
            "%s",
            "%1$s",
            "{}",
            "{0}",
            "?",
            "{YOUR.EVENTHUBS.CONNECTION.STRING}",
        ] {
            assert!(placeholder(value).is_some(), "{value:?}");
        }
        for value in [
            "s3cr3t",
            "123456",
            "root",
            "admin",
            "P@ssw0rd!",
            "a/b",
            "$",
            "$1abc",
        ] {
            assert_eq!(placeholder(value), None, "{value:?}");
        }
    }

    fn inner(value: &str) -> Vec<(&str, InnerKind)> {
        inner_secrets(value)
            .into_iter()
            .map(|i| (&value[i.range], i.kind))
            .collect()
    }

    #[test]
    fn secrets_inside_values() {
        assert_eq!(
            inner("jdbc:mysql://root:s3cr3t@10.0.0.5:3306/db"),
            [("s3cr3t", InnerKind::UrlUserInfo)]
        );
        assert_eq!(
            inner("redis://:s3cr3t@redis:6379/0"),
            [("s3cr3t", InnerKind::UrlUserInfo)]
        );
        assert_eq!(
            inner("jdbc:mysql://h:3306/db?user=root&password=s3cr3t&useSSL=false"),
            [("s3cr3t", InnerKind::UrlParameter)]
        );
        assert_eq!(
            inner("jdbc:sqlserver://h;databaseName=d;user=sa;password=s3cr3t;"),
            [("s3cr3t", InnerKind::UrlParameter)]
        );
        assert_eq!(
            inner(
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"s3cr3t\";"
            ),
            [("s3cr3t", InnerKind::Jaas)]
        );
        assert_eq!(
            inner("CREATE TABLE t WITH ('connector' = 'jdbc', 'password' = 's3cr3t', 'url' = 'x')"),
            [("s3cr3t", InnerKind::SqlOption)]
        );
        assert_eq!(
            inner("-----BEGIN PRIVATE KEY-----\nMIIEv\n-----END PRIVATE KEY-----"),
            [("\nMIIEv\n", InnerKind::PemKey)]
        );
    }

    #[test]
    fn placeholders_and_look_alikes_inside_values_are_silent() {
        for value in [
            "jdbc:mysql://${DB_USER}:${DB_PASS}@h/db",
            "jdbc:mysql://h:3306/db?user=root&password=${DB_PASS}",
            "jdbc:mysql://user@h/db",
            "hdfs://namenode:8020/flink",
            "http://h/path?next=a@b:c",
            "PlainLoginModule required username=\"u\" password=\"${KAFKA_PASSWORD}\";",
            "ssl.truststore.password=x",
            "'password' = '${secret_values.pw}'",
            "'password-policy' = 'strict'",
            "it's = 'x'",
            "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----",
        ] {
            assert!(inner(value).is_empty(), "{value}");
        }
        // Long and hostile values stay bounded and never panic.
        let long = "a://b:c@d ".repeat(10_000);
        assert_eq!(inner_secrets(&long).len(), MAX_INNER);
        for value in [
            "'",
            "''",
            "'a' =",
            "'password' = '",
            "://",
            "password=",
            "-----BEGIN",
        ] {
            let _ = inner_secrets(value);
        }
    }

    #[test]
    fn literal_defaults_of_placeholders() {
        let default = |v: &'static str| placeholder_default(v).map(move |r| &v[r]);
        assert_eq!(default("${DB_PASSWORD:root}"), Some("root"));
        assert_eq!(default(" ${DB_PASSWORD:-s3cr3t} "), Some("s3cr3t"));
        assert_eq!(default("${DB_PASSWORD:}"), None);
        assert_eq!(default("${DB_PASSWORD}"), None);
        assert_eq!(default("${DB_PASSWORD:changeme}"), None);
        assert_eq!(default("${A:${B:x}}"), None);
        assert_eq!(default("${METASTORE_DB_PASS:?set METASTORE_DB_PASS}"), None);
        assert_eq!(default("${PASS:+x}"), None);
        assert_eq!(default("${PASS:=s3cr3t}"), Some("s3cr3t"));
        assert_eq!(default("jdbc:${HOST:h}/db"), None);
    }

    #[test]
    fn secrets_supplied_elsewhere() {
        for value in [
            "${DB_PASSWORD}",
            "file:/run/secrets/pw",
            "{{ .Values.pw }}",
            "________",
        ] {
            assert!(supplied_elsewhere(value), "{value}");
        }
        for value in [
            "",
            "changeme",
            "YOUR_SECRET_KEY",
            "<password>",
            "$2a$10$x",
            "s3cr3t",
        ] {
            assert!(!supplied_elsewhere(value), "{value}");
        }
    }
}
