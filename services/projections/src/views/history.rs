//! A record's history and the record as it stood at a moment, folded from its stream: each
//! event with who recorded it, when, under which command, and what it changed in the record as
//! the viewer may see it (the full view for clerks and auditors; the public view for the public,
//! from the moment the record became public, without who or which command).

use chrono::{DateTime, Utc};
use civic_domain::stream::StreamKind;
use civic_domain::{Decision, Event, Meeting, StreamId};
use civic_eventstore::{RecordedEvent, TenantId};
use serde::Serialize;
use serde_json::{Map, Value};
use uuid::Uuid;

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
    fn includes(self, event: &RecordedEvent) -> bool {
        match self {
            AsOf::Position(position) => event.position <= position,
            AsOf::Instant(at) => event.recorded_at <= at,
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

fn record_fields<View: Serialize>(view: Option<&View>) -> Map<String, Value> {
    let Some(Value::Object(mut fields)) = view.and_then(|v| serde_json::to_value(v).ok()) else {
        return Map::new();
    };
    for key in NOT_RECORD {
        fields.remove(key);
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

/// The decision's view after each of `records` (its stream, in order), as `public` or not.
fn views<'a>(
    tenant: TenantId,
    records: &'a [(RecordedEvent, Event)],
    public: bool,
) -> impl Iterator<Item = (&'a RecordedEvent, Option<DecisionView>)> + 'a {
    let mut state: Option<Decision> = None;
    records.iter().map(move |(recorded, event)| {
        if let Event::Decision(event) = event {
            state = Decision::evolve(state.take(), event);
        }
        let view = state
            .as_ref()
            .map(|decision| DecisionView::from_decision(tenant, decision, recorded.position));
        let view = if public {
            view.and_then(|v| v.public())
        } else {
            view
        };
        (recorded, view)
    })
}

/// Every event of a decision's stream, with what it changed. For the public, only the events
/// from the one that made the record public, each showing what changed in the public view, and
/// none of who or which command.
pub fn decision_history(
    tenant: TenantId,
    records: &[(RecordedEvent, Event)],
    public: bool,
) -> Vec<HistoryEntry> {
    let mut before = Map::new();
    let mut entries = Vec::new();
    for (recorded, view) in views(tenant, records, public) {
        if public && view.is_none() {
            continue;
        }
        let after = record_fields(view.as_ref());
        let shown = !public;
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

/// The decision as it stood at `as_of`: its stream folded up to that moment, as `public` or not;
/// `None` if it did not exist yet (or, for the public, was not public yet).
pub fn decision_as_of(
    tenant: TenantId,
    records: &[(RecordedEvent, Event)],
    as_of: AsOf,
    public: bool,
) -> Option<DecisionView> {
    // Folded to the moment, then one view: a view per event is only for the history.
    let mut state: Option<Decision> = None;
    let mut last_position = 0;
    for (recorded, event) in records
        .iter()
        .take_while(|(recorded, _)| as_of.includes(recorded))
    {
        if let Event::Decision(event) = event {
            state = Decision::evolve(state.take(), event);
        }
        last_position = recorded.position;
    }
    let view = DecisionView::from_decision(tenant, state.as_ref()?, last_position);
    if public { view.public() } else { Some(view) }
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
/// whole ([`public_whole`]): every change.
pub fn changed_publicly(
    tenant: TenantId,
    records: &[(RecordedEvent, Event)],
    position: u64,
) -> bool {
    let upto = &records[..records.partition_point(|(recorded, _)| recorded.position <= position)];
    match upto.last() {
        Some((recorded, Event::Decision(_))) if recorded.position == position => {
            decision_history(tenant, upto, true)
                .last()
                .is_some_and(|entry| entry.position == position && !entry.changes.is_empty())
        }
        Some((recorded, Event::Meeting(_))) if recorded.position == position => {
            let before = &upto[..upto.len() - 1];
            let public = |records: &[(RecordedEvent, Event)]| {
                let mut state: Option<Meeting> = None;
                for (_, event) in records {
                    if let Event::Meeting(event) = event {
                        state = Meeting::evolve(state.take(), event);
                    }
                }
                let view = state.map(|m| MeetingView::from_meeting(tenant, &m, 0).public());
                record_fields(view.as_ref())
            };
            public(before) != public(upto)
        }
        Some((recorded, _)) => recorded.position == position,
        None => false,
    }
}
