//! The council's log as GraphQL shows it to its clerks and auditors: each event with its
//! stream, who, when and under which command; and the changes of records a subscriber is told
//! of. The log's signed checkpoint and proofs are [`crate::proofs`]' own objects, shared with
//! REST.

use async_graphql::connection::{
    Connection, DefaultConnectionName, DefaultEdgeName, DisableNodesField, EmptyFields,
};
use async_graphql::{Enum, ID, Object, SimpleObject};
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

/// One event of the council's log, for its clerks and auditors.
pub struct LogEntry(pub RecordedEvent);

#[Object]
impl LogEntry {
    /// Its position in the council's log (from 1, gapless): pass the last one seen as `after`.
    async fn position(&self) -> u64 {
        self.0.position
    }

    /// The event's own id.
    async fn event_id(&self) -> Uuid {
        self.0.event_id
    }

    /// Its stream, as the log names it (`decision/{id}`, `council`, ...).
    async fn stream(&self) -> &str {
        self.0.stream.as_str()
    }

    /// The kind of record its stream holds.
    async fn record_kind(&self) -> RecordKind {
        RecordRef::of(self.0.tenant, &self.0.stream).kind
    }

    /// The id of the record its stream holds (the council's own id for the council stream).
    async fn record_id(&self) -> Uuid {
        RecordRef::of(self.0.tenant, &self.0.stream).id
    }

    /// The record's global id, for `node(id:)`.
    async fn record_node_id(&self) -> ID {
        RecordRef::of(self.0.tenant, &self.0.stream).node_id()
    }

    /// Its version in the record's stream, from 1.
    async fn stream_version(&self) -> u64 {
        self.0.stream_version
    }

    /// Its public name, e.g. `DecisionCorrected`.
    async fn event_type(&self) -> &str {
        self.0.event_type.as_str()
    }

    /// The schema version it was stored in.
    async fn schema_version(&self) -> u16 {
        self.0.schema_version
    }

    /// When it was recorded.
    async fn recorded_at(&self) -> DateTime<Utc> {
        self.0.recorded_at
    }

    /// Who recorded it.
    async fn actor(&self) -> &str {
        self.0.actor.as_str()
    }

    /// The command that recorded it.
    async fn command_id(&self) -> Uuid {
        self.0.command_id
    }

    /// What caused that command, if recorded.
    async fn causation_id(&self) -> Option<Uuid> {
        self.0.causation_id
    }

    /// The request or job it belonged to.
    async fn correlation_id(&self) -> Uuid {
        self.0.correlation_id
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
