//! `civic config`: the effective settings, as a configuration file would give them, each with
//! where it comes from. Secrets are never printed, only whether they are set; a database URL is
//! printed with its password hidden.

use crate::config::{self, registry::Secrecy};

/// Options of `civic config`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Where a setting's effective value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Environment,
    File,
    Default,
}

pub fn run(_args: Args) -> anyhow::Result<()> {
    let file = config::config_file();
    match file.and_then(|file| file.path()) {
        Some(path) => say!(
            "# civic's settings: each from the environment, else {}, else its default.",
            path.display()
        ),
        None => say!("# civic's settings: each from the environment, else its default."),
    }
    say!("# A flag given to a command overrides the setting for that run.");
    for setting in config::registry::all() {
        let name = setting.name.as_str();
        let (value, source) = match std::env::var(name) {
            Ok(value) => (Some(value), Source::Environment),
            Err(_) => match file.and_then(|file| file.get(name)) {
                Some(value) => (Some(value.to_owned()), Source::File),
                None => (setting.default.clone(), Source::Default),
            },
        };
        say!("{}", line(name, value.as_deref(), setting.secrecy, source));
    }
    Ok(())
}

/// One setting's line: `NAME = "value"  # source`, or a comment when it is unset or secret.
fn line(name: &str, value: Option<&str>, secrecy: Secrecy, source: Source) -> String {
    let source = match source {
        Source::Environment => "environment",
        Source::File => "configuration file",
        Source::Default => "default",
    };
    match (value, secrecy) {
        (None, _) => format!("# {name} is not set"),
        (Some(_), Secrecy::Secret) => format!("# {name} is set ({source}), not shown"),
        (Some(value), Secrecy::Url) => {
            format!("{name} = {}  # {source}", quoted(&without_password(value)))
        }
        (Some(value), Secrecy::NamedUrls) => {
            format!(
                "{name} = {}  # {source}",
                quoted(&named_without_passwords(value))
            )
        }
        (Some(value), Secrecy::Plain) => format!("{name} = {}  # {source}", quoted(value)),
    }
}

/// `value` as a TOML string.
fn quoted(value: &str) -> String {
    toml::Value::String(value.to_owned()).to_string()
}

/// `name=url` pairs separated by commas, each URL [`without_password`]; an item that is not a
/// pair is hidden whole.
fn named_without_passwords(value: &str) -> String {
    let items: Vec<String> = value
        .split(',')
        .map(|item| match item.split_once('=') {
            Some((name, url)) => format!("{}={}", name.trim(), without_password(url.trim())),
            None => "***".to_owned(),
        })
        .collect();
    items.join(",")
}

/// A URL with its password (in the user part or a `password` parameter) replaced by `***`; a
/// value that is not a URL is hidden whole, since it cannot be told what part is secret.
fn without_password(value: &str) -> String {
    const HIDDEN: &str = "***";
    let Ok(mut url) = url::Url::parse(value) else {
        return HIDDEN.to_owned();
    };
    if url.password().is_some() {
        let _ = url.set_password(Some(HIDDEN));
    }
    let hidden_query = url.query_pairs().any(|(key, _)| key == "password");
    if hidden_query {
        let pairs: Vec<(String, String)> = url
            .query_pairs()
            .map(|(key, value)| {
                let value = if key == "password" {
                    HIDDEN.into()
                } else {
                    value
                };
                (key.into_owned(), value.into_owned())
            })
            .collect();
        url.query_pairs_mut().clear().extend_pairs(pairs);
    }
    url.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_never_printed_and_passwords_are_hidden_in_urls() {
        let secret = line(
            "CIVIC_JWT_SECRET",
            Some("s3cr3t-s3cr3t"),
            Secrecy::Secret,
            Source::File,
        );
        assert_eq!(
            secret,
            "# CIVIC_JWT_SECRET is set (configuration file), not shown"
        );
        let url = line(
            "DATABASE_URL",
            Some("postgres://civic:hunter2@db/civic?sslmode=require&password=hunter3"),
            Secrecy::Url,
            Source::Environment,
        );
        assert!(!url.contains("hunter"), "{url}");
        assert!(
            url.starts_with("DATABASE_URL = \"postgres://civic:***@db/civic?sslmode=require"),
            "{url}"
        );
        assert_eq!(
            line(
                "CIVIC_LISTEN",
                Some("0.0.0.0:8080"),
                Secrecy::Plain,
                Source::Default
            ),
            "CIVIC_LISTEN = \"0.0.0.0:8080\"  # default"
        );
        assert_eq!(
            line("CIVIC_JWKS", None, Secrecy::Plain, Source::Default),
            "# CIVIC_JWKS is not set"
        );
        assert_eq!(without_password("not a url: hunter2"), "***");
        assert_eq!(
            named_without_passwords(
                "east=postgres://civic:hunter2@db1/east, west=postgres://db2/west,hunter4"
            ),
            "east=postgres://civic:***@db1/east,west=postgres://db2/west,***"
        );
        assert_eq!(without_password("sqlite://civic.db"), "sqlite://civic.db");
    }
}
