//! Layered configuration: defaults, then environment (`DATABASE_URL`, `CIVIC_*`), then flags.
//!
//! With no configuration at all, `civic` keeps its data in `civic.db` in the working directory
//! and signs development tokens with a secret it generates once into `civic-jwt-secret` beside
//! that file, so that `civic serve` and `civic token` agree without any setup. Secrets are never
//! logged.
//!
//! Submodules: [`jwt`] (which tokens are accepted: [`TokenRules`]), [`secret`] (the
//! development secret beside the database file), [`log_key`] (the key checkpoints are signed
//! with) and [`http`] (the HTTP edge's limits and CORS: [`HttpArgs`]).

use std::net::SocketAddr;

use anyhow::Context as _;

/// The embedded default database, in the working directory.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://civic.db";
/// The default listen address.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8080";

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

/// The tenant of the council whose slug is `slug`, or an error naming the slug.
pub async fn council(
    runtime: &civic_runtime::Runtime,
    slug: &str,
) -> anyhow::Result<civic_eventstore::TenantId> {
    runtime
        .read_models()
        .tenant_for_slug(slug)
        .await?
        .with_context(|| format!("no council with slug {slug:?}"))
}

/// The listen address: the flag, else `CIVIC_LISTEN`, else 127.0.0.1:8080.
pub fn listen(flag: Option<&str>) -> anyhow::Result<SocketAddr> {
    let env = std::env::var("CIVIC_LISTEN").ok();
    let value = flag.or(env.as_deref()).unwrap_or(DEFAULT_LISTEN);
    value
        .parse()
        .with_context(|| format!("listen address {value:?} is not HOST:PORT"))
}

// Token verification: its rules and the development secret live in their own files.
pub mod http;
pub mod jwt;
pub mod log_key;
pub mod secret;
pub use http::HttpArgs;
pub use jwt::TokenRules;

/// Where the configured database keeps its data (for the development secret beside it).
pub fn data_location(database_url: &str) -> anyhow::Result<civic_runtime::DataLocation> {
    civic_runtime::DataLocation::of(database_url).context("DATABASE_URL")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listen_flag_must_be_host_and_port() {
        assert!(listen(Some("127.0.0.1:9000")).is_ok());
        assert!(listen(Some("localhost")).is_err());
    }
}
