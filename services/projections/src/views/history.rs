//! A record's history and the record as it stood at a moment, folded from its stream: each
//! event with who recorded it, when, under which command, and what it changed in the record as
//! the reader may see it (the full view for clerks and auditors; the public view for the public,
//! from the moment the record became public, without who or which command).
//!
//! One fold-and-diff path serves every kind of record: a kind says how its stream folds and what
//! the public sees of it ([`Historic`], implemented in `kinds` for decisions, forward-plan
//! entries, meetings and strategy documents), and [`history`] and [`as_of`] do the rest.

mod kinds;

use chrono::{DateTime, Utc};
use civic_domain::stream::StreamKind;
use civic_domain::values::DecisionId;
use civic_domain::{Event, StreamId};
use civic_eventstore::{RecordedEvent, TenantId};
use serde::Serialize;
use serde_json::{Map, Value};
use uuid::Uuid;

use super::council::CouncilView;
use super::decision::DecisionView;
use super::meeting::MeetingView;

/// A moment of the log: a position, or an instant (every event recorded at or before it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AsOf {
    /// Events at or before this position of the council's log.
    Position(u64),
    /// Events recorded at or before this instant.
    Instant(DateTime<Utc>),
}

impl AsOf {
    /// Whether `event` had been recorded at this moment. A log read in position order is cut at
    /// the first event this refuses: the register at a moment is a prefix of its log.
    pub fn includes(self, event: &RecordedEvent) -> bool {
        match self {
            AsOf::Position(position) => event.position <= position,
            AsOf::Instant(at) => event.recorded_at <= at,
        }
    }
}

/// A kind of record with a history in the log: how its stream folds into a view, and what the
/// public sees of that view. Everything else about history and time travel is shared.
pub trait Historic: Serialize + Clone + Sized {
    /// The aggregate its stream folds into.
    type State;

    /// Applies one event of its stream; events of other kinds leave the state as it was.
    fn evolve(state: Option<Self::State>, event: &Event) -> Option<Self::State>;

    /// The full view (clerks and auditors) of the folded record.
    fn view(tenant: TenantId, state: &Self::State, last_position: u64) -> Self;

    /// The decisions this view links to: the public sees a link only to a decision it may see.
    fn linked_decisions(&self) -> Vec<DecisionId> {
        Vec::new()
    }

    /// Fills in names (bodies, wards, plans) from the council's current reference data, where
    /// the view shows names by id.
    fn resolve_names(&mut self, _council: &CouncilView) {}

    /// What the public sees of this full view, linking only to the `visible` decisions; `None`
    /// while the record is not public.
    fn for_public(&self, visible: &[DecisionId]) -> Option<Self>;
}

/// Who reads a history: clerks and auditors see everything; the public sees the public view,
/// with links only to the decisions it may see.
#[derive(Debug, Clone, Copy)]
pub enum Reader<'a> {
    /// Clerks and auditors.
    Full,
    /// The public, who may see these decisions (links to others are dropped).
    Public(&'a [DecisionId]),
}

impl Reader<'_> {
    /// `view` (a full view) as this reader sees it; `None` if it may not.
    pub(crate) fn sees<V: Historic>(self, view: V) -> Option<V> {
        match self {
            Reader::Full => Some(view),
            Reader::Public(visible) => view.for_public(visible),
        }
    }
}

/// One event of a record's history.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryEntry {
    /// Its position in the council's log.
    pub position: u64,
    /// Its version in the record's stream.
    pub stream_version: u64,
    /// Its public name, e.g. `DecisionCorrected`.
    pub event_type: String,
    /// The schema version it was stored in.
    pub schema_version: u16,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
    /// Who recorded it (clerks and auditors only).
    pub actor: Option<String>,
    /// The command that recorded it (clerks and auditors only).
    pub command_id: Option<Uuid>,
    /// What caused that command, if recorded (clerks and auditors only).
    pub causation_id: Option<Uuid>,
    /// The request or job it belonged to (clerks and auditors only).
    pub correlation_id: Option<Uuid>,
    /// The fields of the record it changed, old and new.
    pub changes: Vec<FieldChange>,
}

/// A field of a record before and after an event (`None`: absent).
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    /// The field, as the record's JSON names it (`status`, `purpose`, `effective_from`).
    pub field: String,
    /// Before.
    pub old: Option<Value>,
    /// After.
    pub new: Option<Value>,
}

/// Keys of a view that say which view it is, not what the record holds.
const NOT_RECORD: [&str; 6] = [
    "tenant",
    "id",
    "version",
    "last_position",
    "audience",
    "detail",
];

/// The key under which a view stores its record's fields, if it nests them.
const NESTED_RECORD: &str = "record";

fn record_fields<V: Serialize>(view: Option<&V>) -> Map<String, Value> {
    let Some(Value::Object(mut fields)) = view.and_then(|v| serde_json::to_value(v).ok()) else {
        return Map::new();
    };
    for key in NOT_RECORD {
        fields.remove(key);
    }
    // Decision and meeting views keep their record as an object of its own: its fields are
    // listed as the view's, so a change names the field (`purpose`), not the whole `record`.
    if let Some(Value::Object(record)) = fields.remove(NESTED_RECORD) {
        fields.extend(record);
    }
    fields
}

fn changes(before: &Map<String, Value>, after: &Map<String, Value>) -> Vec<FieldChange> {
    let mut keys: Vec<&String> = before.keys().chain(after.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|key| before.get(*key) != after.get(*key))
        .map(|key| FieldChange {
            field: key.clone(),
            old: before.get(key).cloned(),
            new: after.get(key).cloned(),
        })
        .collect()
}

/// The record's full view after each of `records` (its stream, in order).
fn views<'a, V: Historic + 'a>(
    tenant: TenantId,
    records: &'a [(RecordedEvent, Event)],
) -> impl Iterator<Item = (&'a RecordedEvent, Option<V>)> + 'a
where
    V::State: 'a,
{
    let mut state: Option<V::State> = None;
    records.iter().map(move |(recorded, event)| {
        state = V::evolve(state.take(), event);
        let view = state
            .as_ref()
            .map(|state| V::view(tenant, state, recorded.position));
        (recorded, view)
    })
}

/// Every event of a record's stream, with what it changed as `reader` sees the record. For the
/// public, only the events from the one that made the record public, each showing what changed
/// in the public view, and none of who or which command.
pub fn history<V: Historic>(
    tenant: TenantId,
    records: &[(RecordedEvent, Event)],
    reader: Reader<'_>,
) -> Vec<HistoryEntry> {
    let shown = matches!(reader, Reader::Full);
    let mut before = Map::new();
    let mut entries = Vec::new();
    for (recorded, view) in views::<V>(tenant, records) {
        let view = view.and_then(|view| reader.sees(view));
        if !shown && view.is_none() {
            continue;
        }
        let after = record_fields(view.as_ref());
        entries.push(HistoryEntry {
            position: recorded.position,
            stream_version: recorded.stream_version,
            event_type: recorded.event_type.as_str().to_owned(),
            schema_version: recorded.schema_version,
            recorded_at: recorded.recorded_at,
            actor: shown.then(|| recorded.actor.as_str().to_owned()),
            command_id: shown.then_some(recorded.command_id),
            causation_id: recorded.causation_id.filter(|_| shown),
            correlation_id: shown.then_some(recorded.correlation_id),
            changes: changes(&before, &after),
        });
        before = after;
    }
    entries
}

/// Every decision the record linked to at any point of its stream: for the public's history,
/// which of them it may see is asked once, up front.
pub fn linked_over_time<V: Historic>(
    tenant: TenantId,
    records: &[(RecordedEvent, Event)],
) -> Vec<DecisionId> {
    let mut linked: Vec<DecisionId> = views::<V>(tenant, records)
        .filter_map(|(_, view)| view)
        .flat_map(|view| view.linked_decisions())
        .collect();
    linked.sort_by_key(DecisionId::as_uuid);
    linked.dedup();
    linked
}

/// The record's full view as it stood at `as_of`: its stream (`records`, in order) folded up
/// to that moment; `None` if it did not exist yet. Folded first, then one view: a view per event
/// is only for the history.
pub fn as_of<'a, V: Historic>(
    tenant: TenantId,
    records: impl IntoIterator<Item = &'a (RecordedEvent, Event)>,
    as_of: AsOf,
) -> Option<V> {
    let mut state: Option<V::State> = None;
    let mut last_position = 0;
    for (recorded, event) in records
        .into_iter()
        .take_while(|(recorded, _)| as_of.includes(recorded))
    {
        state = V::evolve(state.take(), event);
        last_position = recorded.position;
    }
    Some(V::view(tenant, state.as_ref()?, last_position))
}

/// Whether the public reads the record of `stream` whole, so that every change to it is public:
/// the council, forward-plan entries and strategy documents. Decisions (public once published)
/// and meetings (withheld minutes) are not.
pub fn public_whole(stream: &StreamId) -> bool {
    !matches!(
        stream.kind(),
        StreamKind::Decision(_) | StreamKind::Meeting(_)
    )
}

/// Whether the event at `position` of a record's stream (`records`, in order) changed what the
/// public sees of the record: for a decision, its public view (none before publication); for a
/// meeting, its public view (withheld minutes and sources removed); a record the public reads
/// whole ([`public_whole`]): every change. Links to other decisions are left out of the
/// comparison, so linking one is not told.
pub fn changed_publicly(
    tenant: TenantId,
    records: &[(RecordedEvent, Event)],
    position: u64,
) -> bool {
    let upto = &records[..records.partition_point(|(recorded, _)| recorded.position <= position)];
    match upto.last() {
        Some((recorded, event)) if recorded.position == position => match event {
            Event::Decision(_) => public_view_changed::<DecisionView>(tenant, upto, position),
            Event::Meeting(_) => public_view_changed::<MeetingView>(tenant, upto, position),
            _ => true,
        },
        _ => false,
    }
}

/// Whether the last event of `upto`, at `position`, changed the public view of its record.
fn public_view_changed<V: Historic>(
    tenant: TenantId,
    upto: &[(RecordedEvent, Event)],
    position: u64,
) -> bool {
    history::<V>(tenant, upto, Reader::Public(&[]))
        .last()
        .is_some_and(|entry| entry.position == position && !entry.changes.is_empty())
}
