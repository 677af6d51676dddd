//! Test support: a fresh, migrated database per test, on PostgreSQL or SQLite.
//!
//! PostgreSQL databases are cloned from a template migrated once per set of migrations, so a
//! fresh database costs one `CREATE DATABASE … TEMPLATE`. The server is found at
//! `CIVIC_TEST_DATABASE_URL` (default `postgres://postgres@127.0.0.1:5432/test`). When it cannot
//! be reached the PostgreSQL tests print that they were skipped and pass, unless
//! `CIVIC_REQUIRE_POSTGRES=1` (set by CI), which makes them fail.
//!
//! Modules: this file (the two database kinds and their clean-up), and [`withheld`]: pairs of
//! decisions that differ only in withheld values, for the noninterference tests.

pub mod cluster;
pub mod withheld;

use std::io::Write as _;
use std::path::PathBuf;
use std::time::Duration;

use sha2::{Digest, Sha256};
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{AssertSqlSafe, Connection, PgConnection};

const DEFAULT_URL: &str = "postgres://postgres@127.0.0.1:5432/test";

/// The server used by the PostgreSQL tests.
pub fn postgres_url() -> String {
    std::env::var("CIVIC_TEST_DATABASE_URL").unwrap_or_else(|_| DEFAULT_URL.to_owned())
}

/// Whether an unreachable PostgreSQL fails the tests instead of skipping them.
pub fn postgres_required() -> bool {
    std::env::var("CIVIC_REQUIRE_POSTGRES").is_ok_and(|v| v == "1" || v == "true")
}

/// A fresh PostgreSQL database, dropped when this value is dropped.
#[derive(Debug)]
pub struct TestPostgres {
    url: String,
    name: String,
    admin: PgConnectOptions,
}

impl TestPostgres {
    /// Creates a fresh database with `migrator` applied, or `None` (after saying so on stderr)
    /// when PostgreSQL is unreachable and not required.
    ///
    /// # Panics
    /// When PostgreSQL is unreachable and `CIVIC_REQUIRE_POSTGRES=1`, or when the server refuses
    /// to create the database: in a test, that is the failure to report.
    pub async fn fresh(test: &str, migrator: &Migrator) -> Option<Self> {
        let admin: PgConnectOptions = postgres_url().parse().expect("CIVIC_TEST_DATABASE_URL");
        let mut conn =
            match tokio::time::timeout(Duration::from_secs(5), PgConnection::connect_with(&admin))
                .await
            {
                Ok(Ok(conn)) => conn,
                Ok(Err(error)) => return unreachable(test, &error.to_string()),
                Err(_) => return unreachable(test, "connection timed out"),
            };
        let template = ensure_template(&mut conn, &admin, migrator).await;
        let name = format!("civic_test_{}", uuid::Uuid::now_v7().simple());
        sqlx::query(AssertSqlSafe(format!(
            "CREATE DATABASE {name} TEMPLATE {template}"
        )))
        .execute(&mut conn)
        .await
        .expect("create test database");
        let _ = conn.close().await;
        let url = with_database(&postgres_url(), &name);
        Some(Self { url, name, admin })
    }

    /// The URL of the fresh database.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// A pool on the fresh database.
    pub async fn pool(&self, max_connections: u32) -> sqlx::PgPool {
        PgPoolOptions::new()
            .max_connections(max_connections)
            .connect(&self.url)
            .await
            .expect("connect to test database")
    }
}

impl Drop for TestPostgres {
    fn drop(&mut self) {
        let admin = self.admin.clone();
        let name = self.name.clone();
        // Drop runs outside async code; a short-lived thread with its own runtime drops the
        // database so that test runs do not leave thousands behind.
        let _ = std::thread::spawn(move || {
            let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            runtime.block_on(async move {
                if let Ok(mut conn) = PgConnection::connect_with(&admin).await {
                    let _ = sqlx::query(AssertSqlSafe(format!(
                        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                    )))
                    .execute(&mut conn)
                    .await;
                    let _ = conn.close().await;
                }
            });
        })
        .join();
    }
}

/// The PostgreSQL server's clock now, as text: marks a moment for
/// [`sessions_idle_in_transaction_since`].
///
/// # Panics
/// When the database at `url` cannot be queried: in a test, that is the failure to report.
pub async fn postgres_clock(url: &str) -> String {
    let mut conn = PgConnection::connect(url)
        .await
        .expect("connect to test database");
    let now: String = sqlx::query_scalar("SELECT CAST(clock_timestamp() AS TEXT)")
        .fetch_one(&mut conn)
        .await
        .expect("read the server clock");
    let _ = conn.close().await;
    now
}

/// How many sessions of the database at `url` sit idle inside a transaction that began before
/// `moment` (from [`postgres_clock`]). A pool that handed back a connection mid-transaction
/// leaves such a session behind; a transaction that merely happens to be running when this is
/// asked began after `moment`.
///
/// # Panics
/// When the database at `url` cannot be queried: in a test, that is the failure to report.
pub async fn sessions_idle_in_transaction_since(url: &str, moment: &str) -> i64 {
    let mut conn = PgConnection::connect(url)
        .await
        .expect("connect to test database");
    let count: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() \
         AND state LIKE 'idle in transaction%' AND xact_start < CAST($1 AS timestamptz)",
    )
    .bind(moment)
    .fetch_one(&mut conn)
    .await
    .expect("count sessions idle in a transaction");
    let _ = conn.close().await;
    count
}

/// Runs `sql` on the database at `url` (either backend) as the URL's own user, the owner of the
/// schema: for tests that break a database on purpose.
///
/// # Panics
/// When the statement fails: in a test, that is the failure to report.
pub async fn execute_as_owner(url: &str, sql: &str) {
    let statement = || sqlx::raw_sql(AssertSqlSafe(sql.to_owned()));
    if url.starts_with("sqlite:") {
        let mut conn = sqlx::SqliteConnection::connect(url)
            .await
            .expect("connect to test database");
        statement().execute(&mut conn).await.expect("run statement");
        let _ = conn.close().await;
    } else {
        let mut conn = PgConnection::connect(url)
            .await
            .expect("connect to test database");
        statement().execute(&mut conn).await.expect("run statement");
        let _ = conn.close().await;
    }
}

fn unreachable(test: &str, why: &str) -> Option<TestPostgres> {
    let url = postgres_url();
    assert!(
        !postgres_required(),
        "PostgreSQL is required (CIVIC_REQUIRE_POSTGRES=1) but {url} is unreachable: {why}"
    );
    // Written to the stderr handle, not with `eprintln!`, so the test harness does not capture
    // it: a skip must be visible in the test output.
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED {test}: PostgreSQL at {url} is unreachable ({why}); set CIVIC_REQUIRE_POSTGRES=1 to fail instead"
    );
    None
}

/// `url` with its database name replaced by `database`.
fn with_database(url: &str, database: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let base = match base.rfind('/') {
        Some(slash) if base[..slash].ends_with('/') => format!("{base}/{database}"),
        Some(slash) => format!("{}/{database}", &base[..slash]),
        None => format!("{base}/{database}"),
    };
    match query {
        Some(query) => format!("{base}?{query}"),
        None => base,
    }
}

/// Creates, once per set of migrations, a migrated template database; returns its name.
/// An advisory lock makes concurrent test processes wait for the one that builds it.
async fn ensure_template(
    conn: &mut PgConnection,
    admin: &PgConnectOptions,
    migrator: &Migrator,
) -> String {
    let mut digest = Sha256::new();
    for migration in migrator.iter() {
        digest.update(migration.version.to_le_bytes());
        digest.update(&migration.checksum);
    }
    let fingerprint = hex::encode(digest.finalize());
    let name = format!("civic_template_{}", &fingerprint[..16]);
    sqlx::query("SELECT pg_advisory_lock(7468206)")
        .execute(&mut *conn)
        .await
        .expect("lock template creation");
    let ready: Option<bool> =
        sqlx::query_scalar("SELECT datistemplate FROM pg_database WHERE datname = $1")
            .bind(&name)
            .fetch_optional(&mut *conn)
            .await
            .expect("look up template");
    if ready != Some(true) {
        // A template left half-built by a killed run is rebuilt.
        sqlx::query(AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
        )))
        .execute(&mut *conn)
        .await
        .expect("drop stale template");
        sqlx::query(AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut *conn)
            .await
            .expect("create template");
        let mut template = PgConnection::connect_with(&admin.clone().database(&name))
            .await
            .expect("connect to template");
        migrator.run(&mut template).await.expect("migrate template");
        template.close().await.expect("disconnect from template");
        sqlx::query(AssertSqlSafe(format!(
            "ALTER DATABASE {name} WITH IS_TEMPLATE true"
        )))
        .execute(&mut *conn)
        .await
        .expect("mark template");
    }
    sqlx::query("SELECT pg_advisory_unlock(7468206)")
        .execute(&mut *conn)
        .await
        .expect("unlock template creation");
    name
}

/// A fresh SQLite database file in its own temporary directory, removed on drop.
#[derive(Debug)]
pub struct TestSqlite {
    dir: tempfile::TempDir,
}

impl TestSqlite {
    /// A new empty directory for the database file.
    ///
    /// # Panics
    /// When no temporary directory can be created: the test cannot run.
    pub fn fresh() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temporary directory"),
        }
    }

    /// The database file's path (created on first connect).
    pub fn path(&self) -> PathBuf {
        self.dir.path().join("civic.db")
    }

    /// The `sqlite:` URL of the database file.
    pub fn url(&self) -> String {
        format!("sqlite://{}", self.path().display())
    }
}

/// A fresh database of either kind, alive while held (dropping it removes it).
pub enum TestDatabase {
    /// An SQLite file in a temporary directory.
    Sqlite(TestSqlite),
    /// A PostgreSQL database cloned from the migrated template.
    Postgres(Box<TestPostgres>),
}

impl TestDatabase {
    /// A fresh database and its URL: PostgreSQL (migrated by `migrator`) when `postgres`, else
    /// SQLite (migrated by whoever opens it). `None` when PostgreSQL is unreachable and not
    /// required, as [`TestPostgres::fresh`].
    pub async fn fresh(
        postgres: bool,
        test: &str,
        migrator: &Migrator,
    ) -> Option<(String, TestDatabase)> {
        Some(if postgres {
            let db = TestPostgres::fresh(test, migrator).await?;
            (db.url().to_owned(), TestDatabase::Postgres(Box::new(db)))
        } else {
            let db = TestSqlite::fresh();
            (db.url(), TestDatabase::Sqlite(db))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_name_is_replaced_in_urls() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/test", "x"),
            "postgres://postgres@127.0.0.1:5432/x"
        );
        assert_eq!(
            with_database("postgres://h/test?sslmode=disable", "x"),
            "postgres://h/x?sslmode=disable"
        );
    }
}
