//! Every setting of `civic` by name: those its commands' flags take (clap knows their variables
//! and defaults) and those read from the environment or the configuration file only. Secrets and
//! the database URL, which may hold a password, are never flags: a command line is visible to
//! every user of the machine (`ps`).

use clap::CommandFactory as _;

use super::DEFAULT_DATABASE_URL;
use super::file::ConfigFile;

/// How `civic config` may show a setting's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Secrecy {
    /// As it is.
    Plain,
    /// Never: only whether it is set.
    Secret,
    /// A URL shown with its password hidden.
    Url,
    /// `name=url` pairs, each URL shown with its password hidden.
    NamedUrls,
}

/// One setting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting {
    /// Its environment variable's name, also its key in the configuration file.
    pub name: String,
    /// Its value when nothing sets it, if it has one.
    pub default: Option<String>,
    /// How it may be shown.
    pub secrecy: Secrecy,
}

/// The settings no flag takes: (name, secrecy, default).
const WITHOUT_FLAGS: &[(&str, Secrecy, Option<&str>)] = &[
    ("DATABASE_URL", Secrecy::Url, Some(DEFAULT_DATABASE_URL)),
    ("CIVIC_READ_REPLICA_URL", Secrecy::Url, None),
    ("CIVIC_COUNCIL_DATABASES", Secrecy::NamedUrls, None),
    ("CIVIC_JWT_SECRET", Secrecy::Secret, None),
    ("CIVIC_JWKS", Secrecy::Plain, None),
    ("CIVIC_JWT_ISSUER", Secrecy::Plain, None),
    ("CIVIC_JWT_AUDIENCE", Secrecy::Plain, None),
    ("CIVIC_JWT_HS256", Secrecy::Plain, None),
    ("CIVIC_LOG_KEY", Secrecy::Secret, None),
    ("CIVIC_LOG_FORMAT", Secrecy::Plain, Some("text")),
    ("RUST_LOG", Secrecy::Plain, Some(super::DEFAULT_LOG_FILTER)),
];

/// The variable naming the configuration file itself, which a configuration file cannot set.
pub const CONFIG_VARIABLE: &str = "CIVIC_CONFIG";

/// Every setting, those without flags first, then each flag's in the order `civic --help` lists
/// the commands; a variable several commands take is listed once.
pub fn all() -> Vec<Setting> {
    let mut settings: Vec<Setting> = WITHOUT_FLAGS
        .iter()
        .map(|&(name, secrecy, default)| Setting {
            name: name.to_owned(),
            default: default.map(str::to_owned),
            secrecy,
        })
        .collect();
    collect_flags(&crate::cmd::Cli::command(), &mut settings);
    settings
}

fn collect_flags(command: &clap::Command, settings: &mut Vec<Setting>) {
    for arg in command.get_arguments() {
        let Some(name) = arg.get_env().and_then(|name| name.to_str()) else {
            continue;
        };
        if name == CONFIG_VARIABLE || settings.iter().any(|setting| setting.name == name) {
            continue;
        }
        let default = arg
            .get_default_values()
            .first()
            .map(|value| value.to_string_lossy().into_owned());
        settings.push(Setting {
            name: name.to_owned(),
            default,
            secrecy: Secrecy::Plain,
        });
    }
    for subcommand in command.get_subcommands() {
        collect_flags(subcommand, settings);
    }
}

/// Whether `name` is a setting a configuration file may give.
pub fn is_setting(name: &str) -> bool {
    all().iter().any(|setting| setting.name == name)
}

/// `command` with the file's values as the defaults of the flags whose variables it sets: a flag
/// still wins, then its variable, then the file, then the built-in default.
pub fn with_file_defaults(command: clap::Command, file: &ConfigFile) -> clap::Command {
    command
        .mut_args(|arg| {
            let value = arg
                .get_env()
                .and_then(|name| name.to_str())
                .and_then(|name| file.get(name))
                .map(str::to_owned);
            match value {
                Some(value) => arg.default_value(value),
                None => arg,
            }
        })
        .mut_subcommands(|subcommand| with_file_defaults(subcommand, file))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_setting_is_listed_once_with_flags_defaults_from_the_commands() {
        let settings = all();
        let names: Vec<&str> = settings.iter().map(|s| s.name.as_str()).collect();
        let mut unique = names.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), names.len(), "{names:?}");
        let listen = settings.iter().find(|s| s.name == "CIVIC_LISTEN");
        assert_eq!(
            listen.and_then(|s| s.default.as_deref()),
            Some(super::super::DEFAULT_LISTEN)
        );
        assert!(is_setting("CIVIC_REQUEST_TIMEOUT"));
        assert!(is_setting("DATABASE_URL"));
        assert!(!is_setting(CONFIG_VARIABLE));
        assert!(!is_setting("CIVIC_LISTEM"));
    }
}
