//! A throw-away PostgreSQL database for one benchmark run, so a run never touches real data and
//! every run starts from the same empty state.

use anyhow::Context as _;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{AssertSqlSafe, Connection, PgConnection, PgPool};

/// Where a benchmark runs: the PostgreSQL server that gets the scratch database.
#[derive(Debug, clap::Args)]
pub struct Server {
    /// PostgreSQL server to run on; a scratch database is created there and dropped afterwards.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "postgres://postgres@127.0.0.1:5432/test"
    )]
    pub database_url: String,
}

/// A database created on the server at `server_url`, dropped by [`ScratchDb::drop_now`].
pub struct ScratchDb {
    admin: PgConnectOptions,
    server_url: String,
    name: String,
}

impl ScratchDb {
    /// Creates `civic_bench_<uuid>` on the server `server_url` points at.
    pub async fn create(server_url: &str) -> anyhow::Result<Self> {
        let admin: PgConnectOptions = server_url.parse().context("parse the database URL")?;
        let mut conn = PgConnection::connect_with(&admin)
            .await
            .with_context(|| format!("connect to {}", admin.get_host()))?;
        let name = format!("civic_bench_{}", uuid::Uuid::now_v7().simple());
        sqlx::query(AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut conn)
            .await
            .context("create the scratch database")?;
        conn.close().await?;
        Ok(Self {
            admin,
            server_url: server_url.to_owned(),
            name,
        })
    }

    /// The scratch database's URL: the server URL with its database replaced (it may carry the
    /// server's password: never log it).
    pub fn url(&self) -> String {
        let (base, query) = match self.server_url.split_once('?') {
            Some((base, query)) => (base, Some(query)),
            None => (self.server_url.as_str(), None),
        };
        let authority_end = base.find("://").map_or(0, |scheme| scheme + 3);
        let base = match base[authority_end..].find('/') {
            Some(slash) => &base[..authority_end + slash],
            None => base,
        };
        match query {
            Some(query) => format!("{base}/{}?{query}", self.name),
            None => format!("{base}/{}", self.name),
        }
    }

    /// The scratch database's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// A pool on the scratch database.
    pub async fn pool(&self, connections: u32) -> anyhow::Result<PgPool> {
        PgPoolOptions::new()
            .max_connections(connections)
            .min_connections(connections)
            .connect_with(self.admin.clone().database(&self.name))
            .await
            .context("connect to the scratch database")
    }

    /// Drops the database (and any connection still on it).
    pub async fn drop_now(self) -> anyhow::Result<()> {
        let mut conn = PgConnection::connect_with(&self.admin).await?;
        sqlx::query(AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            self.name
        )))
        .execute(&mut conn)
        .await
        .context("drop the scratch database")?;
        conn.close().await?;
        Ok(())
    }
}
