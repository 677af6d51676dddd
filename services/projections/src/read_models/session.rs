//! Read transactions: one consistent snapshot per query, and on PostgreSQL the tenant isolation
//! that row-level security enforces.

use civic_eventstore::TenantId;
use sqlx::{PgPool, SqlitePool};

use crate::db::Tx;
use crate::error::ProjectionError;

/// Opens a read-only PostgreSQL transaction as `civic_reader`, scoped to `tenant`.
///
/// The server connects as a superuser or the tables' owner, both of whom bypass row-level
/// security; switching role for the transaction makes the policies apply, and `set_config(…,
/// true)` names the tenant for this transaction only, so a pooled connection carries nothing to
/// the next query. REPEATABLE READ gives the page and its total count the same snapshot, even
/// across a generation switch.
pub(super) async fn postgres(
    pool: &PgPool,
    tenant: Option<TenantId>,
) -> Result<Tx, ProjectionError> {
    let mut tx = pool
        .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        .await?;
    // One round trip for both: `set_config('role', …, true)` is `SET LOCAL ROLE`. Without a
    // tenant the setting is made empty, which the policies read as "no tenant".
    sqlx::query(
        "SELECT set_config('role', 'civic_reader', true), \
                set_config('civic.tenant_id', $1, true)",
    )
    .bind(tenant.map(|tenant| tenant.to_string()).unwrap_or_default())
    .execute(&mut *tx)
    .await?;
    Ok(Tx::Postgres(tx))
}

/// Opens a SQLite read transaction: in WAL mode it reads one snapshot and never blocks writers.
pub(super) async fn sqlite(pool: &SqlitePool) -> Result<Tx, ProjectionError> {
    Ok(Tx::Sqlite(pool.begin().await?))
}
