//! Where a database URL keeps its data, for what must live beside the database (the development
//! signing secret of `civic`), found the way the backends themselves read the URL.

use std::path::PathBuf;
use std::str::FromStr as _;

use sqlx::sqlite::SqliteConnectOptions;

use crate::error::{InvalidInput, StoreError};

/// Where a database's data lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataLocation {
    /// One database file (SQLite), by absolute path: a relative path in the URL is taken from
    /// the working directory, as the backend opening it does.
    File(PathBuf),
    /// A database server (PostgreSQL): nothing on this machine's disk belongs to it.
    Server,
    /// In memory (`sqlite::memory:`, `mode=memory`, or no file name): gone with the process.
    Memory,
}

impl DataLocation {
    /// The location of the database at `url` (`postgres://…`, `postgresql://…`, `sqlite:…`).
    pub fn of(url: &str) -> Result<Self, StoreError> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(Self::Server);
        }
        if !url.starts_with("sqlite:") {
            return Err(InvalidInput::new(
                "database URL",
                "must start with postgres://, postgresql:// or sqlite:",
            )
            .into());
        }
        // The same reading as `SqliteConnectOptions::from_str`, which also validates the
        // parameters and decodes the file name.
        let options = SqliteConnectOptions::from_str(url)?;
        let rest = url
            .trim_start_matches("sqlite://")
            .trim_start_matches("sqlite:");
        let (database, params) = rest.split_once('?').unwrap_or((rest, ""));
        let in_memory = database == ":memory:"
            || options.get_filename().as_os_str().is_empty()
            || params.split('&').any(|param| param == "mode=memory");
        if in_memory {
            return Ok(Self::Memory);
        }
        let path = std::path::absolute(options.get_filename()).map_err(|error| {
            InvalidInput::new(
                "database URL",
                format!("names a file whose absolute path cannot be found: {error}"),
            )
        })?;
        Ok(Self::File(path))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn a_sqlite_file_is_located_by_absolute_path_from_the_working_directory() {
        let here = std::env::current_dir().unwrap();
        assert_eq!(
            DataLocation::of("sqlite://civic.db").unwrap(),
            DataLocation::File(here.join("civic.db"))
        );
        assert_eq!(
            DataLocation::of("sqlite:data/civic.db?mode=rwc").unwrap(),
            DataLocation::File(here.join("data/civic.db"))
        );
        assert_eq!(
            DataLocation::of("sqlite:///srv/civic/civic.db").unwrap(),
            DataLocation::File(PathBuf::from("/srv/civic/civic.db"))
        );
    }

    #[test]
    fn servers_and_memory_have_no_file() {
        assert_eq!(
            DataLocation::of("postgres://civic@db/civic").unwrap(),
            DataLocation::Server
        );
        for url in [
            "sqlite::memory:",
            "sqlite://:memory:",
            "sqlite://?mode=memory",
            "sqlite://",
        ] {
            assert_eq!(
                DataLocation::of(url).unwrap(),
                DataLocation::Memory,
                "{url}"
            );
        }
        assert!(DataLocation::of("mysql://db/civic").is_err());
        assert!(DataLocation::of("sqlite://civic.db?mode=sideways").is_err());
    }
}
