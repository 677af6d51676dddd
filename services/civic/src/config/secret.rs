//! The development HS256 secret: generated once and kept beside the database file, so that
//! `civic serve` and `civic token` find the same one from any working directory, given the same
//! `DATABASE_URL`. A database server (PostgreSQL) has no directory of ours: there the secret
//! comes from `CIVIC_JWT_SECRET` (see `jwt.rs`).

use std::io::Write as _;
use std::path::{Path, PathBuf};

use civic_gateway::Secret;
use civic_runtime::DataLocation;

/// The file name of the generated secret, in the database file's directory.
pub const SECRET_FILE: &str = "civic-jwt-secret";
/// The shortest secret accepted, from the environment or a file: 32 characters, as RFC 7518
/// asks of an HS256 key (256 bits; the generated one is 32 random bytes, hex-encoded).
pub const MIN_SECRET_LEN: usize = 32;

/// Why the development secret could not be found or made.
#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    /// The database is a server: there is no directory that belongs to it.
    #[error(
        "the database is a server (PostgreSQL), which has no directory to keep a generated \
         signing secret in: set CIVIC_JWT_SECRET (at least {MIN_SECRET_LEN} characters, the same \
         for civic serve and civic token), or CIVIC_JWKS to use an identity provider instead, or \
         CIVIC_JWT_HS256=0 to accept no HS256 tokens"
    )]
    Server,
    /// The database is in memory: nothing outlives the process, and `civic token` cannot reach
    /// it.
    #[error(
        "the database is in memory, so no generated signing secret can outlive the process: set \
         CIVIC_JWT_SECRET (at least {MIN_SECRET_LEN} characters) or CIVIC_JWT_HS256=0"
    )]
    Memory,
    /// The database file's path has no directory (it is a root).
    #[error("the database path {0} has no directory to keep the signing secret in")]
    NoDirectory(PathBuf),
    /// The secret file is empty or too short; it was not written by `civic`.
    #[error(
        "{path} holds no usable secret (fewer than {MIN_SECRET_LEN} characters); delete it to \
         generate a new one, which invalidates every token signed with the old one"
    )]
    Unusable {
        /// The secret file.
        path: PathBuf,
    },
    /// The file could not be read or written.
    #[error("cannot {action} {path}: {source}")]
    Io {
        /// `read` or `create`.
        action: &'static str,
        /// The secret file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The operating system gave no random bytes.
    #[error("no randomness for a new signing secret: {0}")]
    Randomness(getrandom::Error),
}

/// Where the development secret of the database at `location` lives: beside the database file.
pub fn secret_path(location: &DataLocation) -> Result<PathBuf, SecretError> {
    match location {
        DataLocation::File(database) => database
            .parent()
            .map(|dir| dir.join(SECRET_FILE))
            .ok_or_else(|| SecretError::NoDirectory(database.clone())),
        DataLocation::Server => Err(SecretError::Server),
        DataLocation::Memory => Err(SecretError::Memory),
    }
}

/// The secret kept at `path`, generated (32 random bytes, hex, readable by the owner only) when
/// the file does not exist yet. Two processes generating it at once agree: the file appears
/// whole or not at all, and the one that loses the race reads the winner's.
pub fn development_secret(path: &Path) -> Result<Secret, SecretError> {
    if let Some(secret) = read(path)? {
        return Ok(secret);
    }
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(SecretError::Randomness)?;
    let secret = hex::encode(bytes);
    let create = |source| SecretError::Io {
        action: "create",
        path: path.to_owned(),
        source,
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    // A temporary file in the same directory (mode 0600 on Unix), written, then linked into
    // place only if no file is there: never a half-written secret, never one overwritten.
    let mut file = tempfile::NamedTempFile::new_in(dir).map_err(create)?;
    file.write_all(secret.as_bytes()).map_err(create)?;
    file.as_file().sync_all().map_err(create)?;
    match file.persist_noclobber(path) {
        Ok(_) => Ok(Secret::new(secret)),
        Err(error) if error.error.kind() == std::io::ErrorKind::AlreadyExists => read(path)?
            .ok_or_else(|| SecretError::Unusable {
                path: path.to_owned(),
            }),
        Err(error) => Err(create(error.error)),
    }
}

/// The secret in the file at `path`, or `None` when there is no file.
fn read(path: &Path) -> Result<Option<Secret>, SecretError> {
    match std::fs::read_to_string(path) {
        Ok(text) if text.trim().len() >= MIN_SECRET_LEN => {
            warn_if_others_can_read(path);
            Ok(Some(Secret::new(text.trim())))
        }
        Ok(_) => Err(SecretError::Unusable {
            path: path.to_owned(),
        }),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(SecretError::Io {
            action: "read",
            path: path.to_owned(),
            source,
        }),
    }
}

/// Anyone who can read the secret can sign tokens as any clerk; say so when others can.
fn warn_if_others_can_read(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        if let Ok(metadata) = std::fs::metadata(path)
            && metadata.permissions().mode() & 0o077 != 0
        {
            tracing::warn!(
                path = %path.display(),
                "the signing secret can be read by other users; chmod 600 it"
            );
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn the_development_secret_is_generated_once_beside_the_database_and_then_reused() {
        let dir = tempfile::tempdir().unwrap();
        let location = DataLocation::File(dir.path().join("civic.db"));
        let path = secret_path(&location).unwrap();
        assert_eq!(path, dir.path().join(SECRET_FILE));
        let first = development_secret(&path).unwrap();
        let second = development_secret(&path).unwrap();
        assert_eq!(first, second);
        assert_eq!(first.expose().len(), 64);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn a_secret_file_too_short_to_be_a_key_is_refused_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(SECRET_FILE);
        std::fs::write(&path, "short\n").unwrap();
        assert!(matches!(
            development_secret(&path),
            Err(SecretError::Unusable { .. })
        ));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "short\n");
    }

    #[test]
    fn a_server_or_memory_database_has_no_place_for_a_generated_secret() {
        assert!(matches!(
            secret_path(&DataLocation::Server),
            Err(SecretError::Server)
        ));
        assert!(matches!(
            secret_path(&DataLocation::Memory),
            Err(SecretError::Memory)
        ));
    }
}
