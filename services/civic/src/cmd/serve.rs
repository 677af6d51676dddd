//! `civic serve`: the GraphQL gateway, with the projector in-process.

use anyhow::Context as _;
use std::net::SocketAddr;
use std::time::Duration;

use civic_gateway::{
    Application, CacheSettings, DEFAULT_DATABASE_MAX_CONNECTIONS, DEFAULT_READY_MAX_LAG, Settings,
};

use crate::config;

/// Options of `civic serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Address to listen on, HOST:PORT.
    #[arg(long, env = "CIVIC_LISTEN", value_name = "ADDR", default_value = config::DEFAULT_LISTEN)]
    listen: SocketAddr,
    /// Load the demo council (Maidstone, with the example decision) if it is not there yet. On by
    /// default with the embedded SQLite database.
    #[arg(long)]
    demo: bool,
    /// Do not run the projector in this process (run `civic project` beside it instead).
    #[arg(long)]
    no_projector: bool,
    /// Public answers the response cache keeps at most (0 turns it off).
    #[arg(
        long, env = "CIVIC_RESPONSE_CACHE_ENTRIES", value_name = "N",
        default_value_t = CacheSettings::default().max_entries
    )]
    response_cache_entries: usize,
    /// Bytes the response cache keeps at most (keys and answers).
    #[arg(
        long, env = "CIVIC_RESPONSE_CACHE_BYTES", value_name = "BYTES",
        default_value_t = CacheSettings::default().max_bytes
    )]
    response_cache_bytes: usize,
    /// Connections to the database this process opens at most (and as many more to the read
    /// replica, if one is set); PostgreSQL's `max_connections` must cover every process's.
    #[arg(
        long, env = "CIVIC_DATABASE_MAX_CONNECTIONS", value_name = "N",
        default_value_t = DEFAULT_DATABASE_MAX_CONNECTIONS,
        value_parser = clap::value_parser!(u32).range(1..=10_000)
    )]
    database_max_connections: u32,
    /// `/readyz` answers 503 while a council's oldest event not yet in its read models was
    /// recorded more than this many seconds ago (0: projector lag does not affect readiness).
    #[arg(
        long, env = "CIVIC_READY_MAX_LAG", value_name = "SECONDS",
        default_value_t = DEFAULT_READY_MAX_LAG.as_secs()
    )]
    ready_max_lag: u64,
    /// Timeouts, connection cap, shutdown deadline and CORS of the HTTP edge.
    #[command(flatten)]
    http: config::HttpArgs,
}

pub async fn run(args: Args) -> anyhow::Result<()> {
    let (database_url, embedded) = config::database_url();
    // Token rules first: a misconfiguration stops the server before it touches the database.
    let location = config::data_location(&database_url)?;
    let jwt = config::TokenRules::from_env()?
        .settings(&location)
        .context("token verification")?;
    let log_key = config::log_key::log_key(&database_url)?;
    let read_replica_url = config::read_replica_url(&database_url)?;
    let mut settings = Settings::new(database_url);
    settings.read_replica_url = read_replica_url.map(Into::into);
    settings.council_databases = config::council_databases()?
        .into_iter()
        .map(|(name, url)| (name, url.into()))
        .collect();
    settings.listen = args.listen;
    settings.database_max_connections = args.database_max_connections;
    settings.jwt = jwt;
    settings.demo = args.demo || embedded;
    settings.run_projector = !args.no_projector;
    settings.http = args.http.settings()?;
    settings.log_key = log_key;
    settings.response_cache = CacheSettings {
        max_entries: args.response_cache_entries,
        max_bytes: args.response_cache_bytes,
    };
    settings.ready_max_lag =
        (args.ready_max_lag > 0).then(|| Duration::from_secs(args.ready_max_lag));
    let application = Application::build(settings).await?;
    application.run_until_stopped().await
}
