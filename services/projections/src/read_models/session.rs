//! Read transactions: one consistent snapshot per query, and on PostgreSQL the tenant isolation
//! that row-level security enforces. They are opened through [`super::Session::reader`] only,
//! inside work that runs to completion, so a dropped request cannot abandon the `BEGIN`.

use civic_eventstore::TenantId;
use sqlx::{PgPool, SqlitePool};

use crate::db::Tx;
use crate::error::ProjectionError;

/// Opens a read-only PostgreSQL transaction as `civic_reader`, scoped to `tenant`.
///
/// The server's connections act as `civic_app`, whose policy admits every tenant's rows (the
/// projector needs them); switching role for the transaction makes the reader's policies
/// apply, and `set_config(…, true)` names the tenant for this transaction only, so a pooled
/// connection carries nothing to the next query (it is `civic_app` again). REPEATABLE READ gives the page and its total count the same snapshot, even
/// across a generation switch.
pub(super) async fn postgres(
    pool: &PgPool,
    tenant: Option<TenantId>,
) -> Result<Tx, ProjectionError> {
    // One round trip for all of it: `BEGIN` is sent as a simple query, which may hold several
    // statements, so the role and tenant go with it. `set_config('role', …, true)` is `SET
    // LOCAL ROLE`. The tenant is written into the text, not bound: a simple query has no
    // parameters, and a `TenantId` prints as a UUID (hex digits and dashes), which cannot
    // close the literal. Without a tenant the setting is made empty, which the policies read as
    // "no tenant".
    let tenant = tenant.map(|tenant| tenant.to_string()).unwrap_or_default();
    debug_assert!(tenant.chars().all(|c| c.is_ascii_hexdigit() || c == '-'));
    let tx = pool
        .begin_with(sqlx::AssertSqlSafe(format!(
            "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; \
             SELECT set_config('role', 'civic_reader', true), \
                    set_config('civic.tenant_id', '{tenant}', true)"
        )))
        .await?;
    Ok(Tx::Postgres(tx))
}

/// Opens a SQLite read transaction: in WAL mode it reads one snapshot and never blocks writers.
pub(super) async fn sqlite(pool: &SqlitePool) -> Result<Tx, ProjectionError> {
    Ok(Tx::Sqlite(pool.begin().await?))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[tokio::test]
    async fn a_postgres_read_runs_as_civic_reader_read_only_repeatable_read_for_its_tenant() {
        let Some(db) = civic_testkit::TestPostgres::fresh(
            "session",
            &civic_eventstore::migrations::postgres(),
        )
        .await
        else {
            return;
        };
        let store = civic_eventstore::PgEventStore::connect(db.url(), 1)
            .await
            .unwrap();
        let pool = store.pool().clone();
        let tenant = TenantId::new();
        let mut tx = postgres(&pool, Some(tenant)).await.unwrap();
        let row = tx
            .row(
                "SELECT CAST(current_user AS TEXT), current_setting('civic.tenant_id', true), \
                 current_setting('transaction_read_only'), \
                 current_setting('transaction_isolation')",
                &[],
            )
            .await
            .unwrap()
            .unwrap();
        assert_eq!(row.text(0).unwrap(), "civic_reader");
        assert_eq!(row.text(1).unwrap(), tenant.to_string());
        assert_eq!(row.text(2).unwrap(), "on");
        assert_eq!(row.text(3).unwrap(), "repeatable read");
        tx.commit().await.unwrap();

        // Nothing of it outlives the transaction on the pooled connection.
        let (user, setting): (String, Option<String>) = sqlx::query_as(
            "SELECT CAST(current_user AS TEXT), current_setting('civic.tenant_id', true)",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        assert_eq!(user, civic_eventstore::postgres::APPLICATION_ROLE);
        assert!(setting.unwrap_or_default().is_empty());
    }
}
