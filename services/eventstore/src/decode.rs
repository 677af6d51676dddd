//! Turning stored column values back into typed records, the same way for every backend.
//!
//! Anything that does not read back is reported as [`StoreError::Corrupt`]: the store wrote it
//! valid, so an invalid value means the database was changed behind its back.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::canonical_json::CanonicalJson;
use crate::error::StoreError;
use crate::personal::Disclosures;
use crate::types::{Actor, EventType, RecordedEvent, StreamName, TenantId};

/// Every tenant with at least one event, in id order, by skipping through the primary key
/// (a loose index scan) instead of reading every event. SQLite form: `min` uses the index.
pub(crate) const DISTINCT_TENANTS_SQLITE: &str = "WITH RECURSIVE t(tenant_id) AS ( \
       SELECT min(tenant_id) FROM events \
       UNION ALL \
       SELECT (SELECT min(e.tenant_id) FROM events e WHERE e.tenant_id > t.tenant_id) \
       FROM t WHERE t.tenant_id IS NOT NULL) \
     SELECT tenant_id FROM t WHERE tenant_id IS NOT NULL";

/// The same for PostgreSQL, which has no `min(uuid)`.
pub(crate) const DISTINCT_TENANTS_POSTGRES: &str = "WITH RECURSIVE t(tenant_id) AS ( \
       (SELECT tenant_id FROM events ORDER BY tenant_id LIMIT 1) \
       UNION ALL \
       SELECT (SELECT e.tenant_id FROM events e WHERE e.tenant_id > t.tenant_id \
               ORDER BY e.tenant_id LIMIT 1) \
       FROM t WHERE t.tenant_id IS NOT NULL) \
     SELECT tenant_id FROM t WHERE tenant_id IS NOT NULL";

/// An event's columns, converted to plain Rust types by the backend.
pub(crate) struct RawEvent {
    pub tenant: Uuid,
    pub position: i64,
    pub event_id: Uuid,
    pub stream: String,
    pub stream_version: i64,
    pub event_type: String,
    pub schema_version: i32,
    pub actor: String,
    pub command_id: Uuid,
    pub causation_id: Option<Uuid>,
    pub correlation_id: Uuid,
    pub recorded_at: DateTime<Utc>,
    pub payload: String,
    pub hash: String,
    /// The event's personal values held beside the log, aggregated as a JSON object.
    pub disclosed: Option<String>,
}

fn corrupt(what: &str, detail: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("{what}: {detail}"))
}

/// A stored position or version, which is never negative.
pub(crate) fn position(value: i64) -> Result<u64, StoreError> {
    u64::try_from(value).map_err(|_| corrupt("negative position or version", value))
}

/// A position or version to store: the inverse of [`position`]. Positions and versions are `u64`
/// in Rust and `bigint` in SQL; neither gets near `i64::MAX`.
pub(crate) fn to_i64(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// A stored stream name.
pub(crate) fn stream(value: String) -> Result<StreamName, StoreError> {
    StreamName::parse(&value).map_err(|e| corrupt("stream name", e))
}

/// A whole stored event.
pub(crate) fn event(raw: RawEvent) -> Result<RecordedEvent, StoreError> {
    // The stored text must already be canonical: re-canonicalising would hide a tampered row
    // from the chain verifier, so a difference is reported instead.
    let payload = CanonicalJson::parse(&raw.payload).map_err(|e| corrupt("payload", e))?;
    if payload.as_str() != raw.payload {
        return Err(corrupt(
            "payload",
            format!("at position {} is not in canonical form", raw.position),
        ));
    }
    Ok(RecordedEvent {
        tenant: TenantId::from_uuid(raw.tenant),
        position: position(raw.position)?,
        event_id: raw.event_id,
        stream: stream(raw.stream)?,
        stream_version: position(raw.stream_version)?,
        event_type: EventType::parse(&raw.event_type).map_err(|e| corrupt("event type", e))?,
        schema_version: u16::try_from(raw.schema_version)
            .map_err(|_| corrupt("schema version", raw.schema_version))?,
        actor: Actor::parse(&raw.actor).map_err(|e| corrupt("actor", e))?,
        command_id: raw.command_id,
        causation_id: raw.causation_id,
        correlation_id: raw.correlation_id,
        recorded_at: raw.recorded_at,
        payload,
        hash: raw.hash,
        disclosed: Disclosures::from_aggregate(raw.disclosed.as_deref())
            .map_err(|e| corrupt("personal values", e))?,
    })
}

/// A UUID stored as text (SQLite).
pub(crate) fn uuid_text(value: &str) -> Result<Uuid, StoreError> {
    Uuid::parse_str(value).map_err(|e| corrupt("uuid", e))
}

/// A time stored as RFC 3339 text (SQLite).
pub(crate) fn time_text(value: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(value)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| corrupt("recorded time", e))
}

/// A committed command's row as either backend reads it: its stream, first and last positions,
/// the stream's version after it, and its fingerprint.
pub(crate) struct RawCommand {
    pub stream: String,
    pub first_position: i64,
    pub last_position: i64,
    pub stream_version: i64,
    pub fingerprint: Option<String>,
}

/// A committed command from its row.
pub(crate) fn command(raw: RawCommand) -> Result<crate::CommandRecord, StoreError> {
    Ok(crate::CommandRecord {
        committed: crate::Committed {
            stream: stream(raw.stream)?,
            first_position: position(raw.first_position)?,
            last_position: position(raw.last_position)?,
            stream_version: position(raw.stream_version)?,
        },
        fingerprint: raw
            .fingerprint
            .as_deref()
            .map(crate::CommandFingerprint::parse)
            .transpose()?,
    })
}
