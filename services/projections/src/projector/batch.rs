//! One batch: the events after a generation's checkpoint, projected and checkpointed in the
//! caller's transaction.

use civic_eventstore::TenantId;
use tracing::Instrument as _;

use super::events::{next_batch, streams_upto};
use super::fold::Folded;
use super::lock::{lock_checkpoint, set_checkpoint};
use super::write::write;
use crate::db::Tx;
use crate::error::ProjectionError;

/// What a batch did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Applied {
    /// The position the generation now reflects.
    pub position: u64,
    /// How many events the batch held (0 when the generation was already caught up).
    pub events: usize,
}

/// Projects up to `limit` events after the generation's checkpoint into `generation`. The caller
/// holds the tenant's lock and commits.
///
/// Each stream the batch touches is folded again from its first event up to the batch's last
/// position, so a view never depends on how the log was cut into batches; the folds are kept in
/// memory and each table's rows are then replaced in bulk, each aggregate's once per batch.
///
/// A batch with events runs in a span, `projector.batch` (the tenant, the generation, how many
/// events, from and up to which position), at INFO: one per batch, not per event; a catch-up
/// that finds nothing new makes none.
pub(super) async fn apply_batch(
    tx: &mut Tx,
    tenant: TenantId,
    generation: u64,
    limit: u32,
) -> Result<Applied, ProjectionError> {
    let checkpoint = lock_checkpoint(tx, tenant, generation).await?;
    let Some(batch) = next_batch(tx, tenant, checkpoint, limit).await? else {
        return Ok(Applied {
            position: checkpoint,
            events: 0,
        });
    };
    let span = tracing::info_span!(
        "projector.batch",
        tenant = %tenant,
        generation = generation,
        events = batch.len,
        after = checkpoint,
        position = batch.last,
    );
    async {
        let streams = streams_upto(tx, tenant, &batch.streams, batch.last).await?;
        let mut folded = Folded::default();
        for (stream, events) in &streams {
            folded.add_stream(tenant, stream, events)?;
        }
        write(tx, tenant, generation, &folded).await?;
        set_checkpoint(tx, tenant, generation, batch.last).await
    }
    .instrument(span)
    .await?;
    Ok(Applied {
        position: batch.last,
        events: batch.len,
    })
}
