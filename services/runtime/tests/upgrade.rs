#![allow(clippy::unwrap_used, missing_docs)]
//! An upgrade whose views changed shape (issue 13): migration 0007 clears the read models, and
//! the projector rebuilds every council from its log, to the same views as before.

use civic_eventstore::TenantId;
use civic_projections::{DecisionFilter, DecisionView, Detail, PageRequest, Viewer};
use civic_runtime::Runtime;
use civic_testkit::TestDatabase;
use sqlx::Connection as _;

async fn database(postgres: bool, test: &str) -> Option<(String, TestDatabase)> {
    TestDatabase::fresh(postgres, test, &civic_eventstore::migrations::postgres()).await
}

/// Runs migration 0007's SQL again, as on a database upgraded from before it, as its owner.
async fn clear_read_models(postgres: bool, url: &str) {
    if postgres {
        let sql = include_str!("../../../migrations/postgres/0007_rebuild_read_models.sql");
        let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
        sqlx::raw_sql(sql).execute(&mut conn).await.unwrap();
    } else {
        let sql = include_str!("../../../migrations/sqlite/0007_rebuild_read_models.sql");
        let mut conn = sqlx::SqliteConnection::connect(url).await.unwrap();
        sqlx::raw_sql(sql).execute(&mut conn).await.unwrap();
    }
}

async fn register(runtime: &Runtime, tenant: TenantId) -> Vec<DecisionView> {
    runtime
        .read_models()
        .decisions(
            tenant,
            Viewer::Auditor,
            &DecisionFilter::default(),
            &PageRequest {
                first: 50,
                after: None,
            },
            Detail::Full,
        )
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|(_, view)| view)
        .collect()
}

async fn cleared_read_models_are_rebuilt_from_the_log_as_they_were(postgres: bool) {
    let Some((url, _db)) = database(postgres, "upgrade_rebuild").await else {
        return;
    };
    let runtime = Runtime::connect(&url, 4).await.unwrap();
    let tenant = runtime.ensure_demo().await.unwrap().tenant();
    let before = register(&runtime, tenant).await;
    assert_eq!(before.len(), 3);
    drop(runtime);

    clear_read_models(postgres, &url).await;
    let upgraded = Runtime::connect(&url, 4).await.unwrap();
    assert!(register(&upgraded, tenant).await.is_empty());
    upgraded.projector().catch_up_all().await.unwrap();
    assert_eq!(register(&upgraded, tenant).await, before);
    assert_eq!(
        upgraded
            .read_models()
            .tenant_for_slug("maidstone")
            .await
            .unwrap(),
        Some(tenant)
    );
}

mod cleared_read_models_are_rebuilt_from_the_log_as_they_were {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        super::cleared_read_models_are_rebuilt_from_the_log_as_they_were(false).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        super::cleared_read_models_are_rebuilt_from_the_log_as_they_were(true).await;
    }
}
