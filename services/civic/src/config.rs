//! Layered configuration: defaults, then environment (`DATABASE_URL`, `CIVIC_*`), then flags.
//!
//! With no configuration at all, `civic` keeps its data in `civic.db` in the working directory
//! and signs development tokens with a secret it generates once into `civic-jwt-secret` beside
//! it, so that `civic serve` and `civic token` agree without any setup. Secrets are never logged.

use std::io::Write as _;
use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use anyhow::{Context as _, bail};
use civic_gateway::{CorsOrigins, HttpSettings, JwksSource, JwtSettings, Secret};

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

// ---- The HTTP edge: timeouts, connection cap, shutdown, CORS ----------------------------------

/// The HTTP edge's options of `civic serve`: each flag, else its `CIVIC_*` variable, else the
/// default (clap reads the variables, so a flag always wins).
#[derive(Debug, clap::Args)]
pub struct HttpArgs {
    /// Seconds a client may take to send a request's headers; also how long an idle
    /// keep-alive connection is kept.
    #[arg(
        long, env = "CIVIC_HEADER_READ_TIMEOUT", value_name = "SECONDS",
        default_value_t = HttpSettings::DEFAULT_HEADER_READ_TIMEOUT.as_secs(),
        value_parser = clap::value_parser!(u64).range(1..)
    )]
    header_read_timeout: u64,
    /// Seconds a client may take to send a whole request body (408 past it).
    #[arg(
        long, env = "CIVIC_BODY_READ_TIMEOUT", value_name = "SECONDS",
        default_value_t = HttpSettings::DEFAULT_BODY_READ_TIMEOUT.as_secs(),
        value_parser = clap::value_parser!(u64).range(1..)
    )]
    body_read_timeout: u64,
    /// Seconds one request may take, body included (503 past it).
    #[arg(
        long, env = "CIVIC_REQUEST_TIMEOUT", value_name = "SECONDS",
        default_value_t = HttpSettings::DEFAULT_REQUEST_TIMEOUT.as_secs(),
        value_parser = clap::value_parser!(u64).range(1..)
    )]
    request_timeout: u64,
    /// The most connections served at once; more wait to be accepted.
    #[arg(
        long, env = "CIVIC_MAX_CONNECTIONS", value_name = "N",
        default_value_t = HttpSettings::DEFAULT_MAX_CONNECTIONS as u64,
        value_parser = clap::value_parser!(u64).range(1..=1_000_000)
    )]
    max_connections: u64,
    /// Seconds the requests in flight get to finish after SIGTERM or Ctrl-C.
    #[arg(
        long, env = "CIVIC_SHUTDOWN_TIMEOUT", value_name = "SECONDS",
        default_value_t = HttpSettings::DEFAULT_SHUTDOWN_TIMEOUT.as_secs(),
        value_parser = clap::value_parser!(u64).range(0..=3_600)
    )]
    shutdown_timeout: u64,
    /// Browser origins allowed to call the gateway from scripts, comma-separated
    /// (`https://register.example.gov.uk`, with `Authorization`); `*` lets any other origin read
    /// anonymously. Unset: no CORS headers.
    #[arg(long, env = "CIVIC_CORS_ORIGINS", value_name = "ORIGINS")]
    cors_origins: Option<String>,
}

impl HttpArgs {
    /// The gateway's HTTP settings.
    pub fn settings(&self) -> anyhow::Result<HttpSettings> {
        let cors = match &self.cors_origins {
            Some(origins) => CorsOrigins::parse(origins).context("CIVIC_CORS_ORIGINS")?,
            None => CorsOrigins::none(),
        };
        Ok(HttpSettings {
            header_read_timeout: Duration::from_secs(self.header_read_timeout),
            body_read_timeout: Duration::from_secs(self.body_read_timeout),
            request_timeout: Duration::from_secs(self.request_timeout),
            max_connections: usize::try_from(self.max_connections)
                .context("CIVIC_MAX_CONNECTIONS is too large")?,
            shutdown_timeout: Duration::from_secs(self.shutdown_timeout),
            cors,
        })
    }
}

// ---- end of the HTTP edge ----------------------------------------------------------------------

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

    #[derive(Debug, clap::Parser)]
    struct ServeFlags {
        #[command(flatten)]
        http: HttpArgs,
    }

    fn http(flags: &[&str]) -> anyhow::Result<HttpSettings> {
        use clap::Parser as _;
        let flags =
            ServeFlags::try_parse_from(std::iter::once("serve").chain(flags.iter().copied()))?;
        flags.http.settings()
    }

    #[test]
    fn the_http_edge_flags_set_the_gateway_settings() {
        let settings = http(&[
            "--header-read-timeout",
            "3",
            "--body-read-timeout",
            "4",
            "--request-timeout",
            "5",
            "--max-connections",
            "6",
            "--shutdown-timeout",
            "0",
            "--cors-origins",
            "https://register.example.gov.uk,*",
        ])
        .unwrap();
        assert_eq!(settings.header_read_timeout, Duration::from_secs(3));
        assert_eq!(settings.body_read_timeout, Duration::from_secs(4));
        assert_eq!(settings.request_timeout, Duration::from_secs(5));
        assert_eq!(settings.max_connections, 6);
        assert_eq!(settings.shutdown_timeout, Duration::ZERO);
        assert!(settings.cors.anonymous_from_anywhere());
        assert_eq!(settings.cors.trusted().len(), 1);
    }

    #[test]
    fn bad_http_edge_values_are_refused_before_serving() {
        assert!(http(&["--request-timeout", "0"]).is_err());
        assert!(http(&["--max-connections", "0"]).is_err());
        assert!(http(&["--cors-origins", "register.example.gov.uk"]).is_err());
    }

    #[test]
    fn a_listen_flag_must_be_host_and_port() {
        assert!(listen(Some("127.0.0.1:9000")).is_ok());
        assert!(listen(Some("localhost")).is_err());
    }
}
