//! The platform's key for signing the councils' log checkpoints (Ed25519, C2SP signed notes):
//! `CIVIC_LOG_KEY` (its 32-byte seed, in hex or base64), else generated once into
//! `civic-log-key` beside the SQLite database file, the way the development token secret is, so
//! that `civic serve` and `civic verify` agree. With a database server and no `CIVIC_LOG_KEY`
//! there is no key: checkpoints are not signed, and the routes that serve them say so.

use anyhow::{Context as _, bail};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use civic_eventstore::checkpoint::LogKey;
use civic_runtime::DataLocation;

use super::secret;

/// The generated key's file, in the database file's directory.
pub const LOG_KEY_FILE: &str = "civic-log-key";
/// The key's name in signature lines and the verifier key.
pub const KEY_NAME: &str = "civic-register";

/// The signing key for the database at `database_url`, if there is one.
pub fn log_key(database_url: &str) -> anyhow::Result<Option<LogKey>> {
    if let Some(value) = super::var("CIVIC_LOG_KEY")
        && !value.trim().is_empty()
    {
        return Ok(Some(from_text(value.trim()).context("CIVIC_LOG_KEY")?));
    }
    let DataLocation::File(database) = super::data_location(database_url)? else {
        return Ok(None);
    };
    let Some(dir) = database.parent() else {
        return Ok(None);
    };
    let seed = secret::development_secret(&dir.join(LOG_KEY_FILE))?;
    Ok(Some(
        from_text(seed.expose()).context("the generated checkpoint key")?,
    ))
}

/// A key from its seed written as 64 hex digits or as base64.
fn from_text(text: &str) -> anyhow::Result<LogKey> {
    let bytes = hex::decode(text)
        .ok()
        .or_else(|| STANDARD.decode(text).ok())
        .context("not hex or base64")?;
    let Ok(seed) = <[u8; 32]>::try_from(bytes.as_slice()) else {
        bail!("an Ed25519 seed is 32 bytes, not {}", bytes.len());
    };
    Ok(LogKey::from_seed(KEY_NAME, seed)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seed_is_read_as_hex_or_base64_and_must_be_32_bytes() {
        let hex_key = from_text(&"07".repeat(32)).unwrap();
        let b64_key = from_text(&STANDARD.encode([7u8; 32])).unwrap();
        assert_eq!(hex_key.verifier_key(), b64_key.verifier_key());
        assert!(from_text("0707").is_err());
        assert!(from_text("not a key!").is_err());
    }
}
