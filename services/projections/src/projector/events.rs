//! Reading the tenant's log inside the projector's transaction: which streams a batch touches,
//! and those streams' events up to the batch's last position.

use std::collections::BTreeMap;

use civic_app::codec::decode_stored;
use civic_domain::{Event, StreamId};
use civic_eventstore::{Disclosures, TenantId};

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

/// One stream's events up to a batch's end, decoded, and the position of the last.
#[derive(Debug)]
pub(super) struct Stream {
    /// Its events; empty for a stream that is not one of the domain's (never projected).
    pub events: Vec<Event>,
    pub last: u64,
    domain: bool,
}

/// Every event of `streams` up to position `upto`, grouped by stream, each in stream order and
/// decoded as the domain's events.
///
/// Only what folding needs is read: type, schema version, payload and the personal values still
/// held. The payload's stored text is trusted as the store wrote it and parsed once, without
/// canonicalising it again (the store only ever writes canonical text, and `civic verify` checks
/// every payload against the hash chain): re-canonicalising was a large share of a rebuild's
/// client time.
pub(super) async fn streams_upto(
    tx: &mut Tx,
    tenant: TenantId,
    streams: &[String],
    upto: u64,
) -> Result<BTreeMap<String, Stream>, ProjectionError> {
    let (among, disclosed) = match tx.dialect() {
        Dialect::Postgres => (
            "e.stream_id = ANY(?)",
            "SELECT json_object_agg(p.commitment, p.value)::text",
        ),
        Dialect::Sqlite => (
            "e.stream_id IN (SELECT value FROM json_each(?))",
            "SELECT json_group_object(p.commitment, p.value)",
        ),
    };
    let sql = format!(
        "SELECT CAST(e.position AS TEXT), e.stream_id, e.event_type, \
         CAST(e.schema_version AS TEXT), e.payload, \
         ({disclosed} FROM personal_values p \
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
    let mut grouped: BTreeMap<String, Stream> = BTreeMap::new();
    for row in &rows {
        let position = row.u64(0)?;
        let name = row.text(1)?;
        let stream = match grouped.get_mut(name) {
            Some(stream) => stream,
            None => grouped.entry(name.to_owned()).or_insert_with(|| Stream {
                events: Vec::new(),
                last: 0,
                domain: StreamId::parse(name).is_ok(),
            }),
        };
        // Other streams are not projected, so their events are not decoded either.
        if stream.domain {
            stream.events.push(decoded(row, position)?);
        }
        stream.last = position;
    }
    Ok(grouped)
}

fn corrupt(what: &str, detail: impl std::fmt::Display) -> ProjectionError {
    ProjectionError::corrupt(what, detail)
}

/// A stored event as the domain's event of the current schema, with the personal values still
/// held put back (and null for those erased), decoded as every reader decodes it
/// ([`decode_stored`]).
fn decoded(row: &TextRow, position: u64) -> Result<Event, ProjectionError> {
    let disclosed =
        Disclosures::from_aggregate(row.opt(5)).map_err(|e| corrupt("personal values", e))?;
    let schema_version = row
        .text(3)?
        .parse()
        .map_err(|e| corrupt("schema version", e))?;
    let payload = disclosed
        .unsealed_text(row.text(4)?)
        .map_err(|e| corrupt("payload", e))?;
    decode_stored(position, row.text(2)?, schema_version, payload).map_err(ProjectionError::Decode)
}
