#![allow(clippy::unwrap_used, missing_docs)]
//! `civic replay --check` below the CLI, on both backends: the read models rebuilt beside the
//! live ones compare equal to them; a live row changed behind the projector's back is found; the
//! check leaves the live read models as they were.

use civic_runtime::Runtime;
use civic_testkit::TestDatabase;
use sqlx::Connection as _;

async fn database(postgres: bool, test: &str) -> Option<(String, TestDatabase)> {
    TestDatabase::fresh(postgres, test, &civic_eventstore::migrations::postgres()).await
}

/// Runs `sql` as the database's owner.
async fn as_owner(postgres: bool, url: &str, sql: &str) {
    if postgres {
        let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
            .execute(&mut conn)
            .await
            .unwrap();
    } else {
        let mut conn = sqlx::SqliteConnection::connect(url).await.unwrap();
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
            .execute(&mut conn)
            .await
            .unwrap();
    }
}

async fn a_check_finds_what_differs_from_the_log_and_changes_nothing(postgres: bool) {
    let Some((url, _db)) = database(postgres, "replay_check").await else {
        return;
    };
    let runtime = Runtime::connect(&url, 4).await.unwrap();
    let tenant = runtime.ensure_demo().await.unwrap().tenant();
    let clean = runtime.projector().check_rebuild(tenant).await.unwrap();
    assert!(clean.rows > 10);
    assert!(clean.differences.is_empty(), "{:?}", clean.differences);
    assert_eq!(
        clean.position,
        runtime.read_models().checkpoint(tenant).await.unwrap()
    );

    as_owner(
        postgres,
        &url,
        "UPDATE decisions SET sort_date = '1999-01-01' WHERE title = 'Information Strategy 2010 - 13'",
    )
    .await;
    let found = runtime.projector().check_rebuild(tenant).await.unwrap();
    assert!(!found.differences.is_empty());
    assert!(found.differences.iter().all(|d| d.table == "decisions"));
    // The check changed nothing: the live row is still the changed one, and found again.
    let again = runtime.projector().check_rebuild(tenant).await.unwrap();
    assert_eq!(again.differences, found.differences);
    runtime.projector().rebuild(tenant).await.unwrap();
    let mended = runtime.projector().check_rebuild(tenant).await.unwrap();
    assert!(mended.differences.is_empty());
}

mod a_check_finds_what_differs_from_the_log_and_changes_nothing {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        super::a_check_finds_what_differs_from_the_log_and_changes_nothing(false).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        super::a_check_finds_what_differs_from_the_log_and_changes_nothing(true).await;
    }
}
