//! The per-tenant lock and the checkpoints, taken inside the transaction that writes the read
//! models, so a batch's rows and its checkpoint commit together or not at all.

use civic_eventstore::TenantId;

use crate::db::{Dialect, Param, Tx, int};
use crate::error::ProjectionError;

/// Locks the tenant (creating its generation row at generation 1 if missing) and returns its
/// active generation. On PostgreSQL the row is taken FOR UPDATE, so catch-ups and rebuilds of
/// one tenant, in any process, run one after another; on SQLite the transaction already holds
/// the database's write lock (BEGIN IMMEDIATE).
pub(super) async fn lock_tenant(tx: &mut Tx, tenant: TenantId) -> Result<u64, ProjectionError> {
    tx.execute(
        "INSERT INTO projection_generations (tenant_id, active_generation) VALUES (?, 1) \
         ON CONFLICT (tenant_id) DO NOTHING",
        &[Param::Uuid(tenant.as_uuid())],
    )
    .await?;
    let sql = match tx.dialect() {
        Dialect::Postgres => {
            "SELECT CAST(active_generation AS TEXT) FROM projection_generations \
             WHERE tenant_id = ? FOR UPDATE"
        }
        Dialect::Sqlite => {
            "SELECT CAST(active_generation AS TEXT) FROM projection_generations WHERE tenant_id = ?"
        }
    };
    match tx.row(sql, &[Param::Uuid(tenant.as_uuid())]).await? {
        Some(row) => row.u64(0),
        None => Err(ProjectionError::corrupt(
            "projection generation",
            format!("tenant {tenant} has none after inserting it"),
        )),
    }
}

/// Locks a generation's checkpoint row (inserting it at position 0 if missing) and returns the
/// position it records.
pub(super) async fn lock_checkpoint(
    tx: &mut Tx,
    tenant: TenantId,
    generation: u64,
) -> Result<u64, ProjectionError> {
    let key = [Param::Uuid(tenant.as_uuid()), int(generation)];
    tx.execute(
        "INSERT INTO projection_checkpoints (tenant_id, generation, position) VALUES (?, ?, 0) \
         ON CONFLICT (tenant_id, generation) DO NOTHING",
        &key,
    )
    .await?;
    let sql = match tx.dialect() {
        Dialect::Postgres => {
            "SELECT CAST(position AS TEXT) FROM projection_checkpoints \
             WHERE tenant_id = ? AND generation = ? FOR UPDATE"
        }
        Dialect::Sqlite => {
            "SELECT CAST(position AS TEXT) FROM projection_checkpoints \
             WHERE tenant_id = ? AND generation = ?"
        }
    };
    match tx.row(sql, &key).await? {
        Some(row) => row.u64(0),
        None => Err(ProjectionError::corrupt(
            "checkpoint",
            format!("tenant {tenant} generation {generation} has none after inserting it"),
        )),
    }
}

/// Records that a generation reflects the log up to `position`.
pub(super) async fn set_checkpoint(
    tx: &mut Tx,
    tenant: TenantId,
    generation: u64,
    position: u64,
) -> Result<(), ProjectionError> {
    tx.execute(
        "UPDATE projection_checkpoints SET position = ? WHERE tenant_id = ? AND generation = ?",
        &[
            int(position),
            Param::Uuid(tenant.as_uuid()),
            int(generation),
        ],
    )
    .await?;
    Ok(())
}

/// The tables that hold a generation's rows.
pub(super) const GENERATION_TABLES: [&str; 7] = [
    "councils",
    "decisions",
    "forward_plan_entries",
    "forward_plan_listings",
    "strategy_documents",
    "meetings",
    "projection_checkpoints",
];

/// Deletes every generation of the tenant except `keep`: the old one after a switch, or what a
/// crashed rebuild left behind before a new one starts.
pub(super) async fn delete_other_generations(
    tx: &mut Tx,
    tenant: TenantId,
    keep: u64,
) -> Result<(), ProjectionError> {
    for table in GENERATION_TABLES {
        tx.execute(
            &format!("DELETE FROM {table} WHERE tenant_id = ? AND generation <> ?"),
            &[Param::Uuid(tenant.as_uuid()), int(keep)],
        )
        .await?;
    }
    Ok(())
}

/// Makes `generation` the one the tenant's queries read.
pub(super) async fn activate(
    tx: &mut Tx,
    tenant: TenantId,
    generation: u64,
) -> Result<(), ProjectionError> {
    tx.execute(
        "UPDATE projection_generations SET active_generation = ? WHERE tenant_id = ?",
        &[int(generation), Param::Uuid(tenant.as_uuid())],
    )
    .await?;
    Ok(())
}
