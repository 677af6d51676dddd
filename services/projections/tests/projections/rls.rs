//! PostgreSQL row-level security: the role every query runs as sees one tenant only.

use civic_eventstore::TenantId;
use civic_projections::Viewer;
use uuid::Uuid;

use crate::support::{Fixture, Raw};

/// The tenants whose rows `civic_reader` sees in `table`, scoped to `tenant` (or to none).
async fn visible(pool: &sqlx::PgPool, table: &str, tenant: Option<TenantId>) -> Vec<Uuid> {
    let mut tx = pool.begin().await.unwrap();
    sqlx::query("SET LOCAL ROLE civic_reader")
        .execute(&mut *tx)
        .await
        .unwrap();
    if let Some(tenant) = tenant {
        sqlx::query("SELECT set_config('civic.tenant_id', $1, true)")
            .bind(tenant.to_string())
            .execute(&mut *tx)
            .await
            .unwrap();
    }
    let rows: Vec<Uuid> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT tenant_id FROM {table}"
    )))
    .fetch_all(&mut *tx)
    .await
    .unwrap();
    tx.rollback().await.unwrap();
    rows
}

pub async fn civic_reader_sees_only_the_tenant_it_is_scoped_to(f: Fixture) {
    let Raw::Postgres(pool) = f.raw.clone() else {
        panic!("row-level security is PostgreSQL's");
    };
    let (a, b) = (TenantId::new(), TenantId::new());
    let a_ids = f.record_example(a).await;
    f.record_example_meeting(a, a_ids.cabinet).await;
    let b_ids = f.record_example(b).await;
    f.record_example_meeting(b, b_ids.cabinet).await;
    f.projector().catch_up_all().await.unwrap();

    for table in [
        "decisions",
        "strategy_documents",
        "meetings",
        "projection_checkpoints",
    ] {
        let seen_by_a = visible(&pool, table, Some(a)).await;
        assert!(!seen_by_a.is_empty(), "{table}: tenant A sees its own rows");
        assert!(
            seen_by_a.iter().all(|t| *t == a.as_uuid()),
            "{table}: tenant A sees another tenant's rows"
        );
        assert!(!seen_by_a.contains(&b.as_uuid()));
        assert!(
            visible(&pool, table, None).await.is_empty(),
            "{table} without a tenant"
        );
    }
    // civic_app (the projector's and the writers' role) sees both: its policy admits every
    // row, and queries switch to civic_reader.
    let mut tx = pool.begin().await.unwrap();
    sqlx::query("SET LOCAL ROLE civic_app")
        .execute(&mut *tx)
        .await
        .unwrap();
    let all: Vec<Uuid> = sqlx::query_scalar("SELECT DISTINCT tenant_id FROM decisions")
        .fetch_all(&mut *tx)
        .await
        .unwrap();
    tx.rollback().await.unwrap();
    assert_eq!(all.len(), 2);
    // Council names are public.
    assert_eq!(visible(&pool, "councils", None).await.len(), 2);
    // The events are not the reader's to see at all.
    let mut tx = pool.begin().await.unwrap();
    sqlx::query("SET LOCAL ROLE civic_reader")
        .execute(&mut *tx)
        .await
        .unwrap();
    assert!(
        sqlx::query("SELECT 1 FROM events LIMIT 1")
            .execute(&mut *tx)
            .await
            .is_err()
    );
    tx.rollback().await.unwrap();

    // Through the query API, tenant A cannot reach B's decision.
    assert_eq!(
        f.models
            .decision(a, Viewer::Clerk, b_ids.decision)
            .await
            .unwrap(),
        None
    );
    assert!(
        f.models
            .decision(b, Viewer::Clerk, b_ids.decision)
            .await
            .unwrap()
            .is_some()
    );
}
