//! `civic backup --output FILE`: a consistent copy of the configured database, taken while it
//! serves.
//!
//! - SQLite: `VACUUM INTO` writes a complete, compacted database file from one read transaction;
//!   writers carry on. Restore: stop `civic`, put the file in place of the database file.
//! - PostgreSQL: `pg_dump --format=custom`, which reads every table in one snapshot. It must be
//!   on `PATH` (Debian's `postgresql-client`), of the server's major version or newer. Restore:
//!   `pg_restore` into a new database (docs/operations.md).
//!
//! Writing our own dump for PostgreSQL would repeat what `pg_dump` does correctly (snapshots,
//! dependencies, large tables) and what operators already run and trust.

use std::path::{Path, PathBuf};
use std::process::Stdio;

use anyhow::{Context as _, bail};
use civic_runtime::DataLocation;
use sqlx::{AssertSqlSafe, Connection as _};

use crate::config;

/// Options of `civic backup`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The file to write; it must not exist yet (a backup never overwrites anything).
    #[arg(long, value_name = "FILE")]
    output: PathBuf,
}

pub async fn run(args: Args) -> anyhow::Result<()> {
    if args.output.exists() {
        bail!(
            "{} already exists: a backup never overwrites a file",
            args.output.display()
        );
    }
    let (url, _) = config::database_url();
    match config::data_location(&url)? {
        DataLocation::File(database) => sqlite(&url, &database, &args.output).await,
        DataLocation::Server => postgres(&url, &args.output).await,
        DataLocation::Memory => bail!("the database is in memory: there is nothing to back up"),
    }
}

async fn sqlite(url: &str, database: &Path, output: &Path) -> anyhow::Result<()> {
    if !database.exists() {
        bail!("there is no database at {}", database.display());
    }
    let mut conn = sqlx::SqliteConnection::connect(url)
        .await
        .with_context(|| format!("open {}", database.display()))?;
    let target = output
        .to_str()
        .with_context(|| format!("{} is not a UTF-8 path", output.display()))?;
    // The file name is an expression bound as a parameter, never spliced into the SQL.
    let copied = sqlx::query(AssertSqlSafe("VACUUM INTO ?"))
        .bind(target)
        .execute(&mut conn)
        .await;
    let _ = conn.close().await;
    copied.with_context(|| format!("copy the database into {}", output.display()))?;
    say!("backed up {} to {}", database.display(), output.display());
    if let Some(dir) = database.parent() {
        for kept in [config::secret::SECRET_FILE, config::log_key::LOG_KEY_FILE] {
            if dir.join(kept).exists() {
                say!(
                    "keep {} with it: the generated secret beside the database file, which \
                     the backup does not hold",
                    dir.join(kept).display()
                );
            }
        }
    }
    Ok(())
}

async fn postgres(url: &str, output: &Path) -> anyhow::Result<()> {
    let mut target = url::Url::parse(url).context("DATABASE_URL is not a URL")?;
    // The password goes to pg_dump by its environment, not its command line, which every user
    // of the machine can read.
    let password = target.password().map(str::to_owned);
    let _ = target.set_password(None);
    let mut command = tokio::process::Command::new("pg_dump");
    command
        .arg("--format=custom")
        .arg("--file")
        .arg(output)
        .arg("--dbname")
        .arg(target.as_str())
        .stdin(Stdio::null());
    if let Some(password) = password {
        command.env("PGPASSWORD", password);
    }
    let status = command.status().await.map_err(|error| {
        if error.kind() == std::io::ErrorKind::NotFound {
            anyhow::anyhow!(
                "pg_dump is not on PATH: install PostgreSQL's client tools (Debian: \
                 postgresql-client) of the server's major version or newer"
            )
        } else {
            anyhow::Error::new(error).context("run pg_dump")
        }
    })?;
    if !status.success() {
        // pg_dump may have left a partial file; it is not a backup.
        let _ = std::fs::remove_file(output);
        bail!("pg_dump failed ({status}); its account is above");
    }
    say!("backed up the database to {}", output.display());
    Ok(())
}
