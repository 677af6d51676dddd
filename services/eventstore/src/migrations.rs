//! The schema migrations of both backends, embedded in the binary so `civic` runs from any
//! directory. The SQL lives in the repository's `migrations/postgres` and `migrations/sqlite`.

use sqlx::SqlSafeStr;
use sqlx::migrate::{Migration, MigrationType, Migrator};

/// (version, description, SQL) of each PostgreSQL migration, in order.
const POSTGRES: &[(i64, &str, &str)] = &[
    (
        1,
        "event store",
        include_str!("../../../migrations/postgres/0001_event_store.sql"),
    ),
    (
        2,
        "read models",
        include_str!("../../../migrations/postgres/0002_read_models.sql"),
    ),
];

/// (version, description, SQL) of each SQLite migration, in order.
const SQLITE: &[(i64, &str, &str)] = &[
    (
        1,
        "event store",
        include_str!("../../../migrations/sqlite/0001_event_store.sql"),
    ),
    (
        2,
        "read models",
        include_str!("../../../migrations/sqlite/0002_read_models.sql"),
    ),
];

fn migrator(migrations: &'static [(i64, &'static str, &'static str)]) -> Migrator {
    Migrator::with_migrations(
        migrations
            .iter()
            .map(|&(version, description, sql)| {
                Migration::new(
                    version,
                    description.into(),
                    MigrationType::Simple,
                    sql.into_sql_str(),
                    false,
                )
            })
            .collect(),
    )
}

/// The PostgreSQL migrator.
pub fn postgres() -> Migrator {
    migrator(POSTGRES)
}

/// The SQLite migrator.
pub fn sqlite() -> Migrator {
    migrator(SQLITE)
}
