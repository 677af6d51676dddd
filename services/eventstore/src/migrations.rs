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
    (
        3,
        "command fingerprints",
        include_str!("../../../migrations/postgres/0003_command_fingerprints.sql"),
    ),
    (
        4,
        "application role",
        include_str!("../../../migrations/postgres/0004_application_role.sql"),
    ),
    (
        5,
        "meetings",
        include_str!("../../../migrations/postgres/0005_meetings.sql"),
    ),
    (
        6,
        "forward plan listings",
        include_str!("../../../migrations/postgres/0006_forward_plan_listings.sql"),
    ),
    (
        7,
        "rebuild read models",
        include_str!("../../../migrations/postgres/0007_rebuild_read_models.sql"),
    ),
    (
        8,
        "personal values",
        include_str!("../../../migrations/postgres/0008_personal_values.sql"),
    ),
    (
        9,
        "append command key",
        include_str!("../../../migrations/postgres/0009_append_command_key.sql"),
    ),
    (
        10,
        "nested records",
        include_str!("../../../migrations/postgres/0010_nested_records.sql"),
    ),
    (
        11,
        "readiness",
        include_str!("../../../migrations/postgres/0011_readiness.sql"),
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
    (
        3,
        "command fingerprints",
        include_str!("../../../migrations/sqlite/0003_command_fingerprints.sql"),
    ),
    (
        4,
        "application role",
        include_str!("../../../migrations/sqlite/0004_application_role.sql"),
    ),
    (
        5,
        "meetings",
        include_str!("../../../migrations/sqlite/0005_meetings.sql"),
    ),
    (
        6,
        "forward plan listings",
        include_str!("../../../migrations/sqlite/0006_forward_plan_listings.sql"),
    ),
    (
        7,
        "rebuild read models",
        include_str!("../../../migrations/sqlite/0007_rebuild_read_models.sql"),
    ),
    (
        8,
        "personal values",
        include_str!("../../../migrations/sqlite/0008_personal_values.sql"),
    ),
    (
        9,
        "append command key",
        include_str!("../../../migrations/sqlite/0009_append_command_key.sql"),
    ),
    (
        10,
        "nested records",
        include_str!("../../../migrations/sqlite/0010_nested_records.sql"),
    ),
    (
        11,
        "readiness",
        include_str!("../../../migrations/sqlite/0011_readiness.sql"),
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

/// The versions of the PostgreSQL migrations this binary applies, in order.
pub fn postgres_versions() -> impl Iterator<Item = i64> {
    POSTGRES.iter().map(|&(version, _, _)| version)
}

/// The versions of the SQLite migrations this binary applies, in order.
pub fn sqlite_versions() -> impl Iterator<Item = i64> {
    SQLITE.iter().map(|&(version, _, _)| version)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `NNNN_name.sql` file of a migrations folder, as (version, file text), in order.
    fn files(folder: &str) -> Vec<(i64, String)> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../migrations")
            .join(folder);
        let mut found: Vec<(i64, String)> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|e| e == "sql"))
            .map(|path| {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                let version = name.split('_').next().unwrap().parse().unwrap();
                (version, std::fs::read_to_string(&path).unwrap())
            })
            .collect();
        found.sort();
        found
    }

    #[test]
    fn every_migration_file_is_embedded_in_order_on_both_backends() {
        for (folder, embedded) in [("postgres", POSTGRES), ("sqlite", SQLITE)] {
            let embedded: Vec<(i64, String)> = embedded
                .iter()
                .map(|&(version, _, sql)| (version, sql.to_owned()))
                .collect();
            assert_eq!(
                files(folder),
                embedded,
                "migrations/{folder} and the list in migrations.rs differ"
            );
        }
        assert_eq!(postgres().iter().count(), sqlite().iter().count());
    }
}
