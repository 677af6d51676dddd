//! A throw-away PostgreSQL database for one benchmark run, so a run never touches real data and
//! every run starts from the same empty state.

use anyhow::Context as _;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{AssertSqlSafe, Connection, PgConnection, PgPool};

/// A database created on the server at `server_url`, dropped by [`ScratchDb::drop_now`].
pub struct ScratchDb {
    admin: PgConnectOptions,
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
        Ok(Self { admin, name })
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
