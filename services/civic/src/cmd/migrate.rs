//! `civic migrate`: apply the schema migrations to the configured database and exit, so that a
//! deployment migrates once, before its servers start (a Kubernetes Job, a compose one-shot
//! service), and a failed migration stops the rollout where an operator sees it. `civic serve`
//! and `civic project` would apply missing migrations too; after this they find none.

use anyhow::Context as _;
use civic_eventstore::AnyEventStore;
use civic_eventstore::migrations::MigrationName;

use crate::config;

/// Options of `civic migrate`.
#[derive(Debug, clap::Args)]
pub struct Args {}

pub async fn run(_args: Args) -> anyhow::Result<()> {
    let (url, _) = config::database_url();
    let migrated = AnyEventStore::apply_migrations(&url)
        .await
        .context("apply the migrations to the database DATABASE_URL names")?;
    let name =
        |migration: &MigrationName| format!("{:04} {}", migration.version, migration.description);
    if migrated.applied.is_empty() {
        say!("no migration to apply");
    }
    for migration in &migrated.applied {
        say!("applied {}", name(migration));
    }
    match migrated.current.last() {
        Some(newest) => say!(
            "the database is current: {} migrations, the newest {}",
            migrated.current.len(),
            name(newest)
        ),
        None => say!("the database has no migrations"),
    }
    Ok(())
}
