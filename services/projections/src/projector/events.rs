//! Reading the tenant's log inside the projector's transaction: which streams a batch touches,
//! and those streams' events up to the batch's last position.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use civic_eventstore::{
    Actor, CanonicalJson, Disclosures, EventType, RecordedEvent, StreamName, TenantId,
};
use uuid::Uuid;

use crate::db::{Dialect, Param, TextRow, Tx, int};
use crate::error::ProjectionError;

/// The events after a checkpoint: each one's position and stream, in log order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Batch {
    /// The last position of the batch.
    pub last: u64,
    /// How many events it holds.
    pub len: usize,
    /// The streams its events belong to, each once.
    pub streams: Vec<String>,
}

/// The next events after `after`, at most `limit`, or `None` if there are none. Only a gapless
/// run starting at `after + 1` is taken: positions commit in order, so a gap can only mean the
/// log was changed behind the store's back, and projecting past it would skip events.
pub(super) async fn next_batch(
    tx: &mut Tx,
    tenant: TenantId,
    after: u64,
    limit: u32,
) -> Result<Option<Batch>, ProjectionError> {
    let rows = tx
        .rows(
            // Columns are qualified: PostgreSQL would resolve a bare `position` in ORDER BY to
            // the text output column and sort 10 before 2.
            "SELECT e.stream_id, CAST(e.position AS TEXT), \
             CASE WHEN e.event_type = 'PersonalDataErased' THEN e.payload END FROM events e \
             WHERE e.tenant_id = ? AND e.position > ? ORDER BY e.position LIMIT ?",
            &[
                Param::Uuid(tenant.as_uuid()),
                int(after),
                int(u64::from(limit)),
            ],
        )
        .await?;
    let mut batch = Batch {
        last: after,
        len: 0,
        streams: Vec::new(),
    };
    for row in &rows {
        let position = row.u64(1)?;
        if position != batch.last + 1 {
            break;
        }
        batch.last = position;
        batch.len += 1;
        let mut touched = vec![row.text(0)?.to_owned()];
        // An erasure changes the records that held the values, not only the council's stream.
        if let Some(erasure) = row.opt(2) {
            touched.extend(erased_records(erasure)?);
        }
        for stream in touched {
            if !batch.streams.contains(&stream) {
                batch.streams.push(stream);
            }
        }
    }
    match (rows.is_empty(), batch.len) {
        (true, _) => Ok(None),
        (false, 0) => Err(ProjectionError::corrupt(
            "event log",
            format!("tenant {tenant} has no event at position {}", after + 1),
        )),
        _ => Ok(Some(batch)),
    }
}

/// The records a `PersonalDataErased` payload names.
fn erased_records(payload: &str) -> Result<Vec<String>, ProjectionError> {
    #[derive(serde::Deserialize)]
    struct Erased {
        records: Vec<String>,
    }
    serde_json::from_str::<Erased>(payload)
        .map(|erased| erased.records)
        .map_err(|e| corrupt("PersonalDataErased payload", e))
}

/// Every event of `streams` up to position `upto`, grouped by stream, each in stream order.
pub(super) async fn streams_upto(
    tx: &mut Tx,
    tenant: TenantId,
    streams: &[String],
    upto: u64,
) -> Result<BTreeMap<String, Vec<RecordedEvent>>, ProjectionError> {
    let (recorded_at, among, disclosed) = match tx.dialect() {
        Dialect::Postgres => (
            "to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')",
            "e.stream_id = ANY(?)",
            "SELECT json_object_agg(p.commitment, p.value)::text",
        ),
        Dialect::Sqlite => (
            "e.recorded_at",
            "e.stream_id IN (SELECT value FROM json_each(?))",
            "SELECT json_group_object(p.commitment, p.value)",
        ),
    };
    let sql = format!(
        "SELECT CAST(e.tenant_id AS TEXT), CAST(e.position AS TEXT), CAST(e.event_id AS TEXT), \
         e.stream_id, CAST(e.stream_version AS TEXT), e.event_type, \
         CAST(e.schema_version AS TEXT), e.actor, CAST(e.command_id AS TEXT), \
         CAST(e.causation_id AS TEXT), CAST(e.correlation_id AS TEXT), {recorded_at}, e.payload, \
         e.hash, ({disclosed} FROM personal_values p \
                  WHERE p.tenant_id = e.tenant_id AND p.position = e.position \
                  HAVING count(*) > 0) \
         FROM events e WHERE e.tenant_id = ? AND {among} AND e.position <= ? \
         ORDER BY e.stream_id, e.stream_version"
    );
    let rows = tx
        .rows(
            &sql,
            &[
                Param::Uuid(tenant.as_uuid()),
                Param::TextList(streams.to_vec()),
                int(upto),
            ],
        )
        .await?;
    let mut grouped: BTreeMap<String, Vec<RecordedEvent>> = BTreeMap::new();
    for row in &rows {
        let event = recorded(row)?;
        grouped
            .entry(event.stream.as_str().to_owned())
            .or_default()
            .push(event);
    }
    Ok(grouped)
}

fn corrupt(what: &str, detail: impl std::fmt::Display) -> ProjectionError {
    ProjectionError::corrupt(what, detail)
}

/// A stored event, exactly as the store would return it.
fn recorded(row: &TextRow) -> Result<RecordedEvent, ProjectionError> {
    let recorded_at = row.text(11)?;
    Ok(RecordedEvent {
        tenant: TenantId::from_uuid(row.uuid(0)?),
        position: row.u64(1)?,
        event_id: row.uuid(2)?,
        stream: StreamName::parse(row.text(3)?).map_err(|e| corrupt("stream name", e))?,
        stream_version: row.u64(4)?,
        event_type: EventType::parse(row.text(5)?).map_err(|e| corrupt("event type", e))?,
        schema_version: row
            .text(6)?
            .parse()
            .map_err(|e| corrupt("schema version", e))?,
        actor: Actor::parse(row.text(7)?).map_err(|e| corrupt("actor", e))?,
        command_id: row.uuid(8)?,
        causation_id: row
            .opt(9)
            .map(Uuid::try_parse)
            .transpose()
            .map_err(|e| corrupt("causation id", e))?,
        correlation_id: row.uuid(10)?,
        recorded_at: DateTime::parse_from_rfc3339(recorded_at)
            .map(|at| at.with_timezone(&Utc))
            .map_err(|e| corrupt("recorded at", e))?,
        payload: CanonicalJson::parse(row.text(12)?).map_err(|e| corrupt("payload", e))?,
        hash: row.text(13)?.to_owned(),
        disclosed: Disclosures::from_aggregate(row.opt(14))
            .map_err(|e| corrupt("personal values", e))?,
    })
}
