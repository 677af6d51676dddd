//! One conformance suite, run against both backends, each test on a fresh database.
//!
//! PostgreSQL tests skip (saying so) when the server is unreachable, unless
//! `CIVIC_REQUIRE_POSTGRES=1`; see `civic-testkit`.

#![allow(clippy::unwrap_used, missing_docs)]

#[path = "conformance/suite.rs"]
mod suite;

use std::sync::Arc;

use civic_eventstore::{PgEventStore, SqliteEventStore, migrations};
use civic_testkit::{TestPostgres, TestSqlite};
use sqlx::{Connection as _, PgConnection};
use suite::Backend;

impl Backend for PgEventStore {
    const DISABLE_GUARD: &'static [&'static str] = &[
        "ALTER TABLE events DISABLE TRIGGER events_append_only",
        "ALTER TABLE events DISABLE TRIGGER events_no_truncate",
    ];

    /// As the tables' owner, on a connection of its own: the store's pool acts as `civic_app`,
    /// which lacks the privileges, so only the owner's attempt reaches the triggers
    /// (`postgres_roles.rs` tests the role).
    async fn execute_raw(&self, sql: &'static str) -> Result<u64, String> {
        let mut owner = PgConnection::connect_with(&self.pool().connect_options())
            .await
            .map_err(|e| e.to_string())?;
        sqlx::query(sql)
            .execute(&mut owner)
            .await
            .map(|r| r.rows_affected())
            .map_err(|e| e.to_string())
    }
}

impl Backend for SqliteEventStore {
    const DISABLE_GUARD: &'static [&'static str] = &[
        "DROP TRIGGER events_no_update",
        "DROP TRIGGER events_no_delete",
    ];

    async fn execute_raw(&self, sql: &'static str) -> Result<u64, String> {
        sqlx::query(sql)
            .execute(self.pool())
            .await
            .map(|r| r.rows_affected())
            .map_err(|e| e.to_string())
    }
}

/// Keeps the database alive as long as the store that uses it.
struct Fixture<S, D> {
    store: Arc<S>,
    _db: D,
}

async fn sqlite() -> Fixture<SqliteEventStore, TestSqlite> {
    let db = TestSqlite::fresh();
    let store = SqliteEventStore::open_file(&db.path()).await.unwrap();
    store.migrate().await.unwrap();
    Fixture {
        store: Arc::new(store),
        _db: db,
    }
}

async fn postgres(test: &str) -> Option<Fixture<PgEventStore, TestPostgres>> {
    let db = TestPostgres::fresh(test, &migrations::postgres()).await?;
    let store = PgEventStore::connect(db.url(), 40).await.unwrap();
    Some(Fixture {
        store: Arc::new(store),
        _db: db,
    })
}

/// Instantiates each suite test for both backends; `by_ref` tests take `&S`, `shared` ones `Arc<S>`.
macro_rules! conformance {
    (by_ref: [$($by_ref:ident),* $(,)?], shared: [$($shared:ident),* $(,)?]) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $by_ref() {
                    let fixture = super::sqlite().await;
                    super::suite::$by_ref(&*fixture.store).await;
                }
            )*
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $shared() {
                    let fixture = super::sqlite().await;
                    super::suite::$shared(fixture.store.clone()).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $by_ref() {
                    let Some(fixture) = super::postgres(stringify!($by_ref)).await else { return };
                    super::suite::$by_ref(&*fixture.store).await;
                }
            )*
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $shared() {
                    let Some(fixture) = super::postgres(stringify!($shared)).await else { return };
                    super::suite::$shared(fixture.store.clone()).await;
                }
            )*
        }
    };
}

conformance! {
    by_ref: [
        appends_a_batch_and_reads_it_back_in_order,
        an_empty_log_has_the_genesis_head,
        a_wrong_expected_version_is_a_conflict_and_writes_nothing,
        any_version_appends_after_whatever_is_there,
        positions_are_gapless_across_the_streams_of_a_tenant,
        replaying_a_command_returns_the_original_result_and_appends_nothing,
        a_command_recorded_before_the_command_key_is_still_replayed,
        a_command_id_names_one_stream_only,
        a_command_id_reused_for_another_command_on_its_stream_is_refused,
        a_command_id_is_scoped_to_its_tenant,
        tenants_have_separate_logs_and_chains,
        reading_the_log_pages_by_position,
        bad_batches_are_refused_and_write_nothing,
        every_tampering_of_the_log_is_found_and_located,
        a_full_batch_is_appended_atomically,
        the_database_refuses_to_update_or_delete_events,
        personal_values_are_kept_beside_the_log_and_erased_only_with_an_append,
    ],
    shared: [
        racing_writers_on_one_stream_get_exactly_one_winner_per_version,
        many_tenants_append_in_parallel,
        concurrent_replays_of_one_command_append_once,
        a_reader_never_sees_a_position_appear_behind_it,
    ]
}
