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
    let others = config::council_databases()?;
    // DATABASE_URL's first, then each council database (`CIVIC_COUNCIL_DATABASES`), its lines
    // prefixed with its name.
    let databases = std::iter::once((String::new(), "DATABASE_URL".to_owned(), url)).chain(
        others.into_iter().map(|(name, url)| {
            (
                format!("council database {name}: "),
                format!("the council database {name}"),
                url,
            )
        }),
    );
    for (prefix, which, url) in databases {
        let migrated = AnyEventStore::apply_migrations(&url)
            .await
            .with_context(|| format!("apply the migrations to the database of {which}"))?;
        report(&prefix, &migrated.applied, &migrated.current);
    }
    Ok(())
}

/// What was applied to one database, each line after `prefix`.
fn report(prefix: &str, applied: &[MigrationName], current: &[MigrationName]) {
    let name =
        |migration: &MigrationName| format!("{:04} {}", migration.version, migration.description);
    if applied.is_empty() {
        say!("{prefix}no migration to apply");
    }
    for migration in applied {
        say!("{prefix}applied {}", name(migration));
    }
    match current.last() {
        Some(newest) => say!(
            "{prefix}the database is current: {} migrations, the newest {}",
            current.len(),
            name(newest)
        ),
        None => say!("{prefix}the database has no migrations"),
    }
}
