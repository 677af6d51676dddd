//! `civic migrate`, the binary as a deployment's migration job runs it: against a new SQLite file
//! and a new PostgreSQL database it applies every migration and says so, a second run finds
//! nothing to do, and a database it cannot migrate makes it fail with the reason.

#![allow(clippy::unwrap_used, missing_docs)]

use std::path::Path;
use std::process::{Command, Output};

use civic_eventstore::migrations;
use civic_testkit::TestPostgres;
use sqlx::migrate::Migrator;

/// `civic migrate` in `dir` against `database_url`, to its end.
fn migrate(dir: &Path, database_url: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_civic"))
        .arg("migrate")
        .current_dir(dir)
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "warn")
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "civic migrate failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// What a first run prints: every migration of `migrator`, then that the database is current.
fn first_run_report(migrator: &Migrator) -> String {
    let mut report: String = migrator
        .iter()
        .map(|m| format!("applied {:04} {}\n", m.version, m.description))
        .collect();
    report.push_str(&current_line(migrator));
    report
}

fn current_line(migrator: &Migrator) -> String {
    let newest = migrator.iter().last().unwrap();
    format!(
        "the database is current: {} migrations, the newest {:04} {}\n",
        migrator.iter().count(),
        newest.version,
        newest.description
    )
}

#[test]
fn migrate_applies_every_migration_to_a_new_sqlite_file_once() {
    let dir = tempfile::tempdir().unwrap();
    let url = "sqlite://civic.db";
    let migrator = migrations::sqlite();

    let first = stdout(&migrate(dir.path(), url));
    assert_eq!(first, first_run_report(&migrator));
    assert!(dir.path().join("civic.db").exists());

    let again = stdout(&migrate(dir.path(), url));
    assert_eq!(
        again,
        format!("no migration to apply\n{}", current_line(&migrator))
    );
}

#[test]
fn migrate_refuses_a_database_url_of_another_kind() {
    let dir = tempfile::tempdir().unwrap();
    let output = migrate(dir.path(), "mysql://localhost/civic");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("must start with postgres://, postgresql:// or sqlite:"),
        "{stderr}"
    );
}

#[tokio::test]
async fn migrate_applies_every_migration_to_a_new_postgres_database_once() {
    // A fresh database with no migrations at all: cloned from a template "migrated" by none.
    let none = Migrator::with_migrations(Vec::new());
    let Some(db) = TestPostgres::fresh("migrate_postgres", &none).await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let migrator = migrations::postgres();

    let first = stdout(&migrate(dir.path(), db.url()));
    assert_eq!(first, first_run_report(&migrator));

    let again = stdout(&migrate(dir.path(), db.url()));
    assert_eq!(
        again,
        format!("no migration to apply\n{}", current_line(&migrator))
    );

    // A database a newer release migrated further is refused, not served by an older binary.
    let pool = db.pool(1).await;
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         VALUES (9999, 'from a newer release', true, '\\x00', 0)",
    )
    .execute(&pool)
    .await
    .unwrap();
    pool.close().await;
    let newer = migrate(dir.path(), db.url());
    assert!(!newer.status.success());
    let stderr = String::from_utf8_lossy(&newer.stderr);
    assert!(stderr.contains("9999"), "{stderr}");
}

#[tokio::test]
async fn two_migrations_started_together_on_postgres_apply_each_migration_once_between_them() {
    let none = Migrator::with_migrations(Vec::new());
    let Some(db) = TestPostgres::fresh("migrate_postgres_together", &none).await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let start = || {
        Command::new(env!("CARGO_BIN_EXE_civic"))
            .arg("migrate")
            .current_dir(dir.path())
            .env("DATABASE_URL", db.url())
            .env("RUST_LOG", "warn")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (first, second) = (start(), start());
    let reports = [
        stdout(&first.wait_with_output().unwrap()),
        stdout(&second.wait_with_output().unwrap()),
    ];

    // Each reports only what it applied itself: together, every migration exactly once.
    let mut applied: Vec<&str> = reports
        .iter()
        .flat_map(|report| report.lines())
        .filter(|line| line.starts_with("applied "))
        .collect();
    applied.sort_unstable();
    let expected = first_run_report(&migrations::postgres());
    let mut every: Vec<&str> = expected
        .lines()
        .filter(|line| line.starts_with("applied "))
        .collect();
    every.sort_unstable();
    assert_eq!(applied, every, "{reports:?}");
    for report in &reports {
        assert!(
            report.ends_with(&current_line(&migrations::postgres())),
            "{report}"
        );
    }
}
