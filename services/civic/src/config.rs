//! Layered configuration: defaults, then the configuration file (`--config`/`CIVIC_CONFIG`), then
//! the environment (`DATABASE_URL`, `CIVIC_*`), then flags. `civic config` prints the result.
//!
//! With no configuration at all, `civic` keeps its data in `civic.db` in the working directory
//! and signs development tokens with a secret it generates once into `civic-jwt-secret` beside
//! that file, so that `civic serve` and `civic token` agree without any setup. Secrets are never
//! logged.
//!
//! Submodules: [`file`] (the configuration file), [`registry`] (every setting by name), [`jwt`]
//! (which tokens are accepted: [`TokenRules`]), [`secret`] (the development secret beside the
//! database file), [`log_key`] (the key checkpoints are signed with) and [`http`] (the HTTP
//! edge's limits and CORS: [`HttpArgs`]).

use std::sync::OnceLock;

use anyhow::Context as _;

use file::ConfigFile;

/// The embedded default database, in the working directory.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://civic.db";
/// The default listen address.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8080";
/// Which logs are written when `RUST_LOG` is not set: Civic Register's at info, others' warnings.
pub const DEFAULT_LOG_FILTER: &str = "warn,civic=info,civic_gateway=info,civic_runtime=info,civic_projections=info,\
     civic_eventstore=info";

/// The configuration file of this process, once read.
static FILE: OnceLock<ConfigFile> = OnceLock::new();

/// Makes `file` the configuration file that [`var`] falls back to (once, at start).
pub fn use_file(file: ConfigFile) {
    let _ = FILE.set(file);
}

/// The configuration file in use, if any.
pub fn config_file() -> Option<&'static ConfigFile> {
    FILE.get()
}

/// The setting `name`: its environment variable, else the configuration file's value.
pub fn var(name: &str) -> Option<String> {
    std::env::var(name)
        .ok()
        .or_else(|| config_file()?.get(name).map(str::to_owned))
}

/// The database URL and whether it was the embedded default (no `DATABASE_URL`).
pub fn database_url() -> (String, bool) {
    match var("DATABASE_URL") {
        Some(url) if !url.trim().is_empty() => (url, false),
        _ => (DEFAULT_DATABASE_URL.to_owned(), true),
    }
}

/// `CIVIC_READ_REPLICA_URL`: a PostgreSQL streaming standby of the `database_url` primary that
/// public reads are answered from, if set. Refused beside an SQLite database, which has none.
pub fn read_replica_url(database_url: &str) -> anyhow::Result<Option<String>> {
    let Some(url) = var("CIVIC_READ_REPLICA_URL").filter(|url| !url.trim().is_empty()) else {
        return Ok(None);
    };
    if !matches!(
        data_location(database_url)?,
        civic_runtime::DataLocation::Server
    ) || !matches!(data_location(&url)?, civic_runtime::DataLocation::Server)
    {
        anyhow::bail!(
            "CIVIC_READ_REPLICA_URL is a PostgreSQL standby of a PostgreSQL DATABASE_URL; both \
             must be postgres:// URLs"
        );
    }
    Ok(Some(url))
}

/// `CIVIC_COUNCIL_DATABASES`: further council databases beside `DATABASE_URL` (the
/// directory's), as `name=url` pairs separated by commas (docs/scaling.md). Each new council
/// goes to the database with the fewest; a council stays where it was placed.
pub fn council_databases() -> anyhow::Result<Vec<(String, String)>> {
    let Some(list) = var(COUNCIL_DATABASES).filter(|list| !list.trim().is_empty()) else {
        return Ok(Vec::new());
    };
    parse_council_databases(&list)
}

/// The variable naming the further council databases.
pub const COUNCIL_DATABASES: &str = "CIVIC_COUNCIL_DATABASES";

fn parse_council_databases(list: &str) -> anyhow::Result<Vec<(String, String)>> {
    list.split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(|item| match item.split_once('=') {
            Some((name, url)) if !name.trim().is_empty() && !url.trim().is_empty() => {
                Ok((name.trim().to_owned(), url.trim().to_owned()))
            }
            // Never the item itself: its URL may hold a password.
            _ => Err(anyhow::anyhow!(
                "{COUNCIL_DATABASES}: each database is `name=url`, separated by commas"
            )),
        })
        .collect()
}

/// Every council database of the configuration (migrations applied), for the operator commands
/// that work without serving.
pub async fn directory() -> anyhow::Result<civic_runtime::Directory> {
    let (url, _) = database_url();
    civic_runtime::Directory::connect(&url, &council_databases()?, 4)
        .await
        .context("open the council databases")
}

/// The tenant of the council whose slug is `slug` and the runtime of its database, or an error
/// naming the slug.
pub async fn council<'a>(
    directory: &'a civic_runtime::Directory,
    slug: &str,
) -> anyhow::Result<(civic_eventstore::TenantId, &'a civic_runtime::Runtime)> {
    let tenant = directory
        .tenant_for_slug(slug)
        .await?
        .with_context(|| format!("no council with slug {slug:?}"))?;
    Ok((tenant, directory.runtime_of(tenant).await?))
}

// The file and the list of settings, token verification, its rules and the development secret
// live in their own files.
pub mod file;
pub mod http;
pub mod jwt;
pub mod log_key;
pub mod registry;
pub mod secret;
pub use http::HttpArgs;
pub use jwt::TokenRules;

/// Where the configured database keeps its data (for the development secret beside it).
pub fn data_location(database_url: &str) -> anyhow::Result<civic_runtime::DataLocation> {
    civic_runtime::DataLocation::of(database_url).context("DATABASE_URL")
}
