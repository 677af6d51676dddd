//! Where a council's answers stand: the read models' active generation and checkpoint, and the
//! log's head. Every answer of a council's endpoint is a function of these three and the
//! question (the read models are folded from the log up to the checkpoint; history and time
//! travel read the log up to its head), which is what lets the gateway cache answers exactly.

use civic_eventstore::TenantId;

use super::{ACTIVE_GENERATION, ReadModels};
use crate::db::Param;
use crate::error::ProjectionError;

/// The state a council's answers are read from, read in one snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ReadPosition {
    /// The generation queries read (a rebuild switches it).
    pub generation: u64,
    /// The log position that generation reflects.
    pub checkpoint: u64,
    /// The log's last position: history and time travel read the log itself, which may be
    /// ahead of the read models.
    pub head: u64,
}

impl ReadModels {
    /// Where `tenant`'s answers stand now; `None` before its first projection (no generation).
    ///
    /// One statement, so the three are of one snapshot. Each only grows, and every change to
    /// what a query reads moves one of them in the same transaction (a projector batch moves the
    /// checkpoint, an append or an erasure the head, a rebuild the generation): the same
    /// position read before and after a query means the query read that state.
    #[tracing::instrument(level = "debug", skip_all, fields(tenant = %tenant))]
    pub async fn read_position(
        &self,
        tenant: TenantId,
    ) -> Result<Option<ReadPosition>, ProjectionError> {
        self.to_completion(move |session| async move {
            // The log is not visible to queries' reader role: read as the application, as the
            // projector does.
            let mut tx = session.scanner().await?;
            let sql = format!(
                "SELECT CAST({ACTIVE_GENERATION} AS TEXT), \
                 (SELECT CAST(c.position AS TEXT) FROM projection_checkpoints c \
                  WHERE c.tenant_id = ? AND c.generation = {ACTIVE_GENERATION}), \
                 (SELECT CAST(MAX(e.position) AS TEXT) FROM events e WHERE e.tenant_id = ?)"
            );
            let id = || Param::Uuid(tenant.as_uuid());
            let row = tx.row(&sql, &[id(), id(), id(), id()]).await?;
            tx.commit().await?;
            let Some(row) = row else { return Ok(None) };
            if row.opt(0).is_none() {
                return Ok(None);
            }
            let number = |i| row.opt(i).map_or(Ok(0), |_| row.u64(i));
            Ok(Some(ReadPosition {
                generation: row.u64(0)?,
                checkpoint: number(1)?,
                head: number(2)?,
            }))
        })
        .await
    }
}
