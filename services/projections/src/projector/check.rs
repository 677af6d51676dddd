//! `civic replay --check`: the read models rebuilt from the log beside the live ones, compared
//! row by row, and the rebuilt rows dropped. A difference means the live read models no longer
//! say what the log says (a projection bug fixed since, or rows changed behind the projector's
//! back).

use civic_eventstore::TenantId;

use super::batch::apply_batch;
use super::lock::{GENERATION_TABLES, delete_other_generations, lock_tenant};
use crate::db::{Dialect, Param, Tx, int};
use crate::error::ProjectionError;

/// What a check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplayCheck {
    /// The log position both generations were brought to.
    pub position: u64,
    /// Rows compared, over every read-model table.
    pub rows: usize,
    /// Each difference: the table, and the row as the live generation has it and as the rebuild
    /// does (`None`: the row is missing from that side), columns as text.
    pub differences: Vec<RowDifference>,
}

/// One row that differs between the live read models and the rebuild.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowDifference {
    /// The table.
    pub table: &'static str,
    /// The live row.
    pub live: Option<Vec<Option<String>>>,
    /// The rebuilt row.
    pub rebuilt: Option<Vec<Option<String>>>,
}

/// Projects the rest of the log into `generation`, under the tenant's lock held by `tx`.
async fn project_to_end(
    tx: &mut Tx,
    tenant: TenantId,
    generation: u64,
    batch_size: u32,
) -> Result<u64, ProjectionError> {
    loop {
        let applied = apply_batch(tx, tenant, generation, batch_size).await?;
        if applied.events == 0 {
            return Ok(applied.position);
        }
    }
}

/// The columns of `table` that hold what the log says, in table order.
async fn columns(tx: &mut Tx, table: &str) -> Result<Vec<String>, ProjectionError> {
    let sql = match tx.dialect() {
        Dialect::Postgres => {
            "SELECT CAST(column_name AS TEXT) FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position"
        }
        Dialect::Sqlite => "SELECT name FROM pragma_table_info(?) ORDER BY cid",
    };
    let rows = tx.rows(sql, &[Param::Text(table.to_owned())]).await?;
    let mut names = Vec::with_capacity(rows.len());
    for row in &rows {
        let name = row.text(0)?;
        // The generation tells the two sides apart; SQLite's `row_id` is a surrogate key for
        // full-text search, numbered in insertion order.
        if name != "generation" && name != "row_id" {
            names.push(name.to_owned());
        }
    }
    Ok(names)
}

/// Every row of `generation` of `table`, columns as text, sorted.
async fn rows_of(
    tx: &mut Tx,
    table: &str,
    columns: &[String],
    tenant: TenantId,
    generation: u64,
) -> Result<Vec<Vec<Option<String>>>, ProjectionError> {
    let select: Vec<String> = columns
        .iter()
        .map(|c| format!("CAST({c} AS TEXT)"))
        .collect();
    let sql = format!(
        "SELECT {} FROM {table} WHERE tenant_id = ? AND generation = ?",
        select.join(", ")
    );
    let rows = tx
        .rows(&sql, &[Param::Uuid(tenant.as_uuid()), int(generation)])
        .await?;
    let mut all: Vec<Vec<Option<String>>> = rows
        .iter()
        .map(|row| {
            (0..columns.len())
                .map(|i| row.opt(i).map(str::to_owned))
                .collect()
        })
        .collect();
    all.sort();
    Ok(all)
}

/// Rebuilds `tenant`'s read models into a new generation beside the live one, brings both to the
/// same log position under the tenant's lock, compares them row by row, and drops the rebuild.
pub(super) async fn check(
    tx: &mut Tx,
    tenant: TenantId,
    batch_size: u32,
) -> Result<ReplayCheck, ProjectionError> {
    let active = lock_tenant(tx, tenant).await?;
    delete_other_generations(tx, tenant, active).await?;
    let rebuilt = active + 1;
    let position = project_to_end(tx, tenant, rebuilt, batch_size).await?;
    let live_position = project_to_end(tx, tenant, active, batch_size).await?;
    if live_position != position {
        return Err(ProjectionError::corrupt(
            "read models",
            format!("the live generation is at {live_position}, the rebuild at {position}"),
        ));
    }
    let mut compared = 0;
    let mut differences = Vec::new();
    for table in GENERATION_TABLES {
        let columns = columns(tx, table).await?;
        let live = rows_of(tx, table, &columns, tenant, active).await?;
        let again = rows_of(tx, table, &columns, tenant, rebuilt).await?;
        compared += live.len().max(again.len());
        for row in &live {
            if again.binary_search(row).is_err() {
                differences.push(RowDifference {
                    table,
                    live: Some(row.clone()),
                    rebuilt: None,
                });
            }
        }
        for row in &again {
            if live.binary_search(row).is_err() {
                differences.push(RowDifference {
                    table,
                    live: None,
                    rebuilt: Some(row.clone()),
                });
            }
        }
    }
    delete_other_generations(tx, tenant, active).await?;
    Ok(ReplayCheck {
        position,
        rows: compared,
        differences,
    })
}
