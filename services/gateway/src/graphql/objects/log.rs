//! The council's log as GraphQL shows it to its clerks and auditors: each event with its
//! stream, who, when and under which command; and the changes of records a subscriber is told
//! of. The log's signed checkpoint and proofs are [`crate::proofs`]' own objects, shared with
//! REST.

use async_graphql::connection::{
    Connection, DefaultConnectionName, DefaultEdgeName, DisableNodesField, EmptyFields,
};
use async_graphql::{Enum, ID, SimpleObject};
use chrono::{DateTime, Utc};
use civic_domain::StreamId;
use civic_domain::stream::StreamKind;
use civic_eventstore::{RecordedEvent, StreamName, TenantId};
use uuid::Uuid;

use crate::graphql::global_id::{NodeKind, id};

/// The kind of record a stream of the log holds.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    /// The council itself (its names, wards, bodies, policy).
    Council,
    /// A decision.
    Decision,
    /// A forward-plan entry.
    ForwardPlanEntry,
    /// A strategy document.
    StrategyDocument,
    /// A meeting.
    Meeting,
}

/// The record a stream holds: its kind and id (the council's id is its tenant's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordRef {
    /// What kind of record.
    pub kind: RecordKind,
    /// The record's id.
    pub id: Uuid,
    tenant: TenantId,
}

impl RecordRef {
    /// The record of `stream` in `tenant`'s log. Streams are written by the domain's own
    /// names, so an unknown one is not expected; it is shown as the council's.
    pub fn of(tenant: TenantId, stream: &StreamName) -> Self {
        let kind = StreamId::parse(stream.as_str()).map_or(StreamKind::Council, |s| s.kind());
        let (kind, id) = match kind {
            StreamKind::Council => (RecordKind::Council, tenant.as_uuid()),
            StreamKind::Decision(id) => (RecordKind::Decision, id.as_uuid()),
            StreamKind::ForwardPlan(id) => (RecordKind::ForwardPlanEntry, id.as_uuid()),
            StreamKind::Strategy(id) => (RecordKind::StrategyDocument, id.as_uuid()),
            StreamKind::Meeting(id) => (RecordKind::Meeting, id.as_uuid()),
        };
        Self { kind, id, tenant }
    }

    /// The record's global id, for `node(id:)`.
    fn node_id(&self) -> ID {
        let kind = match self.kind {
            RecordKind::Council => NodeKind::Council,
            RecordKind::Decision => NodeKind::Decision,
            RecordKind::ForwardPlanEntry => NodeKind::ForwardPlanEntry,
            RecordKind::StrategyDocument => NodeKind::StrategyDocument,
            RecordKind::Meeting => NodeKind::Meeting,
        };
        id(kind, self.tenant, self.id)
    }
}

/// One event of the council's log, for its clerks and auditors (its payload is `civic export`'s).
#[derive(SimpleObject)]
pub struct LogEntry {
    /// Its position in the council's log (from 1, gapless): pass the last one seen as `after`.
    pub position: u64,
    /// The event's own id.
    pub event_id: Uuid,
    /// Its stream, as the log names it (`decision/{id}`, `council`, ...).
    pub stream: String,
    /// The kind of record its stream holds.
    pub record_kind: RecordKind,
    /// The id of the record its stream holds (the council's own id for the council stream).
    pub record_id: Uuid,
    /// The record's global id, for `node(id:)`.
    pub record_node_id: ID,
    /// Its version in the record's stream, from 1.
    pub stream_version: u64,
    /// Its public name, e.g. `DecisionCorrected`.
    pub event_type: String,
    /// The schema version it was stored in.
    pub schema_version: u16,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
    /// Who recorded it.
    pub actor: String,
    /// The command that recorded it.
    pub command_id: Uuid,
    /// What caused that command, if recorded.
    pub causation_id: Option<Uuid>,
    /// The request or job it belonged to.
    pub correlation_id: Uuid,
}

impl LogEntry {
    /// `event` as the log's clerks and auditors see it.
    pub fn of(event: RecordedEvent) -> Self {
        let record = RecordRef::of(event.tenant, &event.stream);
        Self {
            position: event.position,
            event_id: event.event_id,
            stream: event.stream.into(),
            record_kind: record.kind,
            record_id: record.id,
            record_node_id: record.node_id(),
            stream_version: event.stream_version,
            event_type: event.event_type.as_str().to_owned(),
            schema_version: event.schema_version,
            recorded_at: event.recorded_at,
            actor: event.actor.as_str().to_owned(),
            command_id: event.command_id,
            causation_id: event.causation_id,
            correlation_id: event.correlation_id,
        }
    }
}

/// What a page of the log says about the whole log.
#[derive(SimpleObject, Debug, Clone, Copy)]
pub struct LogTotals {
    /// Events in the whole log (its last position), whatever the page and time range.
    pub log_size: u64,
}

/// A page of the log: `LogEntryConnection`, with `LogEntryEdge`s whose cursors are positions.
pub type LogConnection = Connection<
    String,
    LogEntry,
    LogTotals,
    EmptyFields,
    DefaultConnectionName,
    DefaultEdgeName,
    DisableNodesField,
>;

/// A record changed: which, and at which position of the log. The record itself is read with
/// `node(id: recordNodeId)` (or its own lookup), as the subscriber may see it.
#[derive(SimpleObject)]
pub struct RecordChange {
    /// The position of the event that changed it: pass the last one seen as `after`.
    pub position: u64,
    /// The event's public name, e.g. `DecisionPublished`.
    pub event_type: String,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
    /// The kind of record.
    pub record_kind: RecordKind,
    /// The record's id.
    pub record_id: Uuid,
    /// The record's global id, for `node(id:)`.
    pub record_node_id: ID,
}

impl RecordChange {
    /// The change `event` made: its position, name and time, and its record (no values).
    pub fn of(event: &RecordedEvent) -> Self {
        let record = RecordRef::of(event.tenant, &event.stream);
        Self {
            position: event.position,
            event_type: event.event_type.as_str().to_owned(),
            recorded_at: event.recorded_at,
            record_kind: record.kind,
            record_id: record.id,
            record_node_id: record.node_id(),
        }
    }
}
