//! The optional configuration file (`--config FILE`, or `CIVIC_CONFIG`): TOML whose keys are the
//! names of the environment variables it stands in for, so one name means one setting wherever
//! it is given:
//!
//! ```toml
//! DATABASE_URL = "postgres://civic@db.internal/civic"
//! CIVIC_LISTEN = "0.0.0.0:8080"
//! CIVIC_REQUEST_TIMEOUT = 30
//! ```
//!
//! A key that names no setting is refused, so a misspelt setting stops `civic` instead of being
//! silently ignored.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::registry;

/// Why the configuration file cannot be used; `civic` does not start.
#[derive(Debug, thiserror::Error)]
pub enum ConfigFileError {
    /// The file could not be read.
    #[error("cannot read the configuration file {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not TOML.
    #[error("the configuration file {path} is not valid TOML: {message}")]
    Syntax {
        /// The file.
        path: PathBuf,
        /// The parser's account, with the line.
        message: String,
    },
    /// A key that is no setting of `civic`.
    #[error(
        "the configuration file {path} sets {key:?}, which is not a setting of civic (`civic \
         config` lists them)"
    )]
    Unknown {
        /// The file.
        path: PathBuf,
        /// The key.
        key: String,
    },
    /// A value that is a table or an array.
    #[error(
        "the configuration file {path} gives {key} a {kind}: settings are strings, numbers or booleans"
    )]
    NotAValue {
        /// The file.
        path: PathBuf,
        /// The key.
        key: String,
        /// What it is instead.
        kind: &'static str,
    },
}

/// The settings a configuration file gives, by name, as text (as the environment would).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConfigFile {
    path: Option<PathBuf>,
    values: BTreeMap<String, String>,
}

impl ConfigFile {
    /// Reads and checks the file at `path`.
    pub fn load(path: &Path) -> Result<Self, ConfigFileError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigFileError::Read {
            path: path.to_owned(),
            source,
        })?;
        Self::parse(path, &text)
    }

    /// The settings `text` (the file at `path`) gives.
    pub fn parse(path: &Path, text: &str) -> Result<Self, ConfigFileError> {
        let table: toml::Table =
            text.parse()
                .map_err(|error: toml::de::Error| ConfigFileError::Syntax {
                    path: path.to_owned(),
                    message: error.to_string().trim_end().to_owned(),
                })?;
        let mut values = BTreeMap::new();
        for (key, value) in table {
            if !registry::is_setting(&key) {
                return Err(ConfigFileError::Unknown {
                    path: path.to_owned(),
                    key,
                });
            }
            let text = match value {
                toml::Value::String(text) => text,
                toml::Value::Integer(number) => number.to_string(),
                toml::Value::Float(number) => number.to_string(),
                toml::Value::Boolean(switch) => switch.to_string(),
                toml::Value::Datetime(moment) => moment.to_string(),
                toml::Value::Array(_) | toml::Value::Table(_) => {
                    let kind = if value.is_array() { "list" } else { "table" };
                    return Err(ConfigFileError::NotAValue {
                        path: path.to_owned(),
                        key,
                        kind,
                    });
                }
            };
            values.insert(key, text);
        }
        Ok(Self {
            path: Some(path.to_owned()),
            values,
        })
    }

    /// The file's value for the setting `name`, if it gives one.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }

    /// Where the file is, if one was given.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn parse(text: &str) -> Result<ConfigFile, ConfigFileError> {
        ConfigFile::parse(Path::new("civic.toml"), text)
    }

    #[test]
    fn settings_are_named_as_in_the_environment_and_read_as_text() {
        let file = parse(
            "DATABASE_URL = \"postgres://db/civic\"\nCIVIC_REQUEST_TIMEOUT = 30\n\
             CIVIC_JWT_HS256 = false\n",
        )
        .unwrap();
        assert_eq!(file.get("DATABASE_URL"), Some("postgres://db/civic"));
        assert_eq!(file.get("CIVIC_REQUEST_TIMEOUT"), Some("30"));
        assert_eq!(file.get("CIVIC_JWT_HS256"), Some("false"));
        assert_eq!(file.get("CIVIC_LISTEN"), None);
    }

    #[test]
    fn a_misspelt_setting_a_table_or_bad_toml_is_refused_with_the_reason() {
        let unknown = parse("CIVIC_LISTEM = \"0.0.0.0:80\"").unwrap_err();
        assert!(
            unknown.to_string().contains("\"CIVIC_LISTEM\""),
            "{unknown}"
        );
        let table = parse("[CIVIC_LISTEN]\nhost = 1").unwrap_err();
        assert!(matches!(
            table,
            ConfigFileError::NotAValue { kind: "table", .. }
        ));
        let syntax = parse("CIVIC_LISTEN = ").unwrap_err();
        assert!(matches!(syntax, ConfigFileError::Syntax { .. }), "{syntax}");
    }
}
