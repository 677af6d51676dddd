//! Layered configuration: defaults, then environment (`DATABASE_URL`, `CIVIC_*`), then flags.
//!
//! With no configuration at all, `civic` keeps its data in `civic.db` in the working directory
//! and signs development tokens with a secret it generates once into `civic-jwt-secret` beside
//! it, so that `civic serve` and `civic token` agree without any setup. Secrets are never logged.

use std::io::Write as _;
use std::net::SocketAddr;
use std::path::Path;

use anyhow::{Context as _, bail};
use civic_gateway::{JwksSource, JwtSettings, Secret};

/// The embedded default database, in the working directory.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://civic.db";
/// The default listen address.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8080";
/// Where the generated development secret is kept.
const SECRET_FILE: &str = "civic-jwt-secret";

/// The database URL and whether it was the embedded default (no `DATABASE_URL`).
pub fn database_url() -> (String, bool) {
    match std::env::var("DATABASE_URL") {
        Ok(url) if !url.trim().is_empty() => (url, false),
        _ => (DEFAULT_DATABASE_URL.to_owned(), true),
    }
}

/// The runtime over the configured database (migrations applied), for the operator commands
/// that work without serving.
pub async fn runtime() -> anyhow::Result<civic_runtime::Runtime> {
    let (url, _) = database_url();
    civic_runtime::Runtime::connect(&url, 4)
        .await
        .context("open the database")
}

/// The listen address: the flag, else `CIVIC_LISTEN`, else 127.0.0.1:8080.
pub fn listen(flag: Option<&str>) -> anyhow::Result<SocketAddr> {
    let env = std::env::var("CIVIC_LISTEN").ok();
    let value = flag.or(env.as_deref()).unwrap_or(DEFAULT_LISTEN);
    value
        .parse()
        .with_context(|| format!("listen address {value:?} is not HOST:PORT"))
}

/// The HS256 secret: `CIVIC_JWT_SECRET`, else the development secret file in `dir`, created
/// (readable by the owner only) when missing.
pub fn hs256_secret(dir: &Path) -> anyhow::Result<Secret> {
    if let Ok(secret) = std::env::var("CIVIC_JWT_SECRET") {
        if secret.len() < 32 {
            bail!("CIVIC_JWT_SECRET must be at least 32 characters");
        }
        return Ok(Secret::new(secret));
    }
    let path = dir.join(SECRET_FILE);
    match std::fs::read_to_string(&path) {
        Ok(secret) if !secret.trim().is_empty() => return Ok(Secret::new(secret.trim())),
        Ok(_) => bail!(
            "{} is empty; delete it to generate a new secret",
            path.display()
        ),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
        Err(error) => return Err(error).with_context(|| format!("read {}", path.display())),
    }
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
    let secret = hex::encode(bytes);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(&path)
        .with_context(|| format!("create {}", path.display()))?;
    file.write_all(secret.as_bytes())?;
    Ok(Secret::new(secret))
}

/// Token verification: the HS256 secret, plus a JWKS (`CIVIC_JWKS`: file or URL) and the
/// expected issuer and audience (`CIVIC_JWT_ISSUER`, `CIVIC_JWT_AUDIENCE`) for an OIDC provider.
pub fn jwt(dir: &Path) -> anyhow::Result<JwtSettings> {
    let non_empty = |name| {
        std::env::var(name)
            .ok()
            .filter(|v: &String| !v.trim().is_empty())
    };
    Ok(JwtSettings {
        hs256_secret: Some(hs256_secret(dir)?),
        jwks: non_empty("CIVIC_JWKS").map(|v| JwksSource::parse(&v)),
        issuer: non_empty("CIVIC_JWT_ISSUER"),
        audience: non_empty("CIVIC_JWT_AUDIENCE"),
        ..JwtSettings::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_development_secret_is_generated_once_and_then_reused() {
        let dir = tempfile::tempdir().unwrap();
        let first = hs256_secret(dir.path()).unwrap();
        let second = hs256_secret(dir.path()).unwrap();
        assert_eq!(first, second);
        assert_eq!(first.expose().len(), 64);
    }

    #[test]
    fn a_listen_flag_must_be_host_and_port() {
        assert!(listen(Some("127.0.0.1:9000")).is_ok());
        assert!(listen(Some("localhost")).is_err());
    }
}
