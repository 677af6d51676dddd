//! Which records of the public register a stretch of the council's log changed: the log read
//! in position order after a position, each event naming the record of its stream (and an
//! erasure of personal data, on the council's stream, each record that held the values), up to
//! a bound the caller gives (the position the public read models reflect).
//!
//! Only the events' positions, streams, times and the records an erasure names are used: never
//! a payload's values. Whether the public may see a record is the read models' to say
//! ([`super::changes`]), not the log's.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use civic_domain::StreamId;
use civic_domain::stream::StreamKind;
use civic_domain::values::{DecisionId, ForwardPlanEntryId, MeetingId, StrategyDocumentId};
use civic_eventstore::{EventStore as _, RecordedEvent, TenantId};
use serde::Deserialize;

use crate::error::ApiError;
use civic_runtime::Runtime;

/// Events read from the log at once.
const BATCH: u32 = 500;

/// Events one answer reads at most, whatever it finds: a stretch of drafts yields no record,
/// and an answer must still end (its `next` continues).
pub(crate) const SCAN: u64 = 10_000;

/// A record of the public register, by kind and id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum RecordRef {
    /// The council's own record: its names, wards, bodies, members and policies.
    Council,
    /// A decision.
    Decision(DecisionId),
    /// An entry of the forward plan.
    ForwardPlanEntry(ForwardPlanEntryId),
    /// A strategy document.
    StrategyDocument(StrategyDocumentId),
    /// A meeting.
    Meeting(MeetingId),
}

impl RecordRef {
    /// The record a stream holds; `None` for a stream that is not the domain's.
    fn of_stream(stream: &str) -> Option<Self> {
        match StreamId::parse(stream).ok()?.kind() {
            StreamKind::Council => Some(Self::Council),
            StreamKind::Decision(id) => Some(Self::Decision(id)),
            StreamKind::ForwardPlan(id) => Some(Self::ForwardPlanEntry(id)),
            StreamKind::Strategy(id) => Some(Self::StrategyDocument(id)),
            StreamKind::Meeting(id) => Some(Self::Meeting(id)),
        }
    }
}

/// The latest change of one record within a stretch of the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Touch {
    /// The record.
    pub record: RecordRef,
    /// The position of the last event of the stretch that changed it.
    pub position: u64,
    /// When that event was recorded.
    pub recorded_at: DateTime<Utc>,
    /// Whether an erasure of personal data within the stretch changed it: copies of it as it
    /// was before hold values that were erased.
    pub erased: bool,
}

/// A stretch of the log, read: `(since, next]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stretch {
    /// The position it starts after.
    pub since: u64,
    /// Its last position: where the next stretch starts.
    pub next: u64,
    /// The records it changed, each once, by the position of its last change.
    pub touched: Vec<Touch>,
}

/// The records the events of `tenant`'s log after `since`, up to `upto`, changed: at most
/// `limit` records (the stretch ends before the event that would name one more), and at most
/// [`SCAN`] events.
pub(crate) async fn changed_after(
    runtime: &Runtime,
    tenant: TenantId,
    since: u64,
    upto: u64,
    limit: usize,
) -> Result<Stretch, ApiError> {
    let store = runtime.store();
    let mut touched: Vec<Touch> = Vec::new();
    let mut index: HashMap<RecordRef, usize> = HashMap::new();
    let mut next = since;
    'read: while next < upto && next - since < SCAN {
        let wanted = (upto - next)
            .min(SCAN - (next - since))
            .min(u64::from(BATCH));
        let batch = store
            .read_log(tenant, next, u32::try_from(wanted).unwrap_or(BATCH))
            .await?;
        if batch.is_empty() {
            break;
        }
        for event in batch {
            if event.position > upto {
                break 'read;
            }
            let records = records_of(&event)?;
            let new = records.iter().filter(|r| !index.contains_key(r)).count();
            // An event is read whole or not at all: one that would take the answer over its
            // limit starts the next stretch instead (unless nothing was found yet).
            if new > 0 && !touched.is_empty() && index.len() + new > limit {
                break 'read;
            }
            let erasure = event.event_type.as_str() == ERASURE;
            for record in records {
                let touch = Touch {
                    record,
                    position: event.position,
                    recorded_at: event.recorded_at,
                    erased: erasure,
                };
                match index.get(&record) {
                    Some(&at) => {
                        let erased = touched[at].erased || erasure;
                        touched[at] = Touch { erased, ..touch };
                    }
                    None => {
                        index.insert(record, touched.len());
                        touched.push(touch);
                    }
                }
            }
            next = event.position;
        }
    }
    touched.sort_by_key(|touch| touch.position);
    Ok(Stretch {
        since,
        next,
        touched,
    })
}

/// The event type of an erasure of personal data, recorded on the council's stream.
const ERASURE: &str = "PersonalDataErased";

/// The records `event` changed: its stream's record, or for an erasure (on the council's
/// stream, but changing no name or ward of it), the records that held the values erased (the
/// read models fold them again).
fn records_of(event: &RecordedEvent) -> Result<Vec<RecordRef>, ApiError> {
    if event.event_type.as_str() == ERASURE {
        #[derive(Deserialize)]
        struct Erased {
            records: Vec<String>,
        }
        let erased: Erased = serde_json::from_str(event.payload.as_str()).map_err(|error| {
            ApiError::Internal(
                anyhow::Error::new(error).context("reading the records an erasure names"),
            )
        })?;
        return Ok(erased
            .records
            .iter()
            .filter_map(|stream| RecordRef::of_stream(stream))
            .collect());
    }
    Ok(RecordRef::of_stream(event.stream.as_str())
        .into_iter()
        .collect())
}

/// The position a time stands for in `tenant`'s log up to `upto`: the last event recorded at or
/// before `at`, found by halving (recorded times come from the appending server's clock and
/// are taken to rise with positions, as they do on one server). 0 when none was.
pub(crate) async fn position_at(
    runtime: &Runtime,
    tenant: TenantId,
    at: DateTime<Utc>,
    upto: u64,
) -> Result<u64, ApiError> {
    let store = runtime.store();
    // The answer lies in low..=high: every position up to low was recorded at or before `at`.
    let (mut low, mut high) = (0, upto);
    while low < high {
        let middle = low + (high - low).div_ceil(2);
        let event = store.read_log(tenant, middle - 1, 1).await?;
        match event.first() {
            Some(event) if event.recorded_at <= at => low = middle,
            _ => high = middle - 1,
        }
    }
    Ok(low)
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    #[test]
    fn a_stream_names_its_record() {
        let id = Uuid::from_u128(5);
        let decision = StreamId::decision(DecisionId::from_uuid(id));
        assert_eq!(
            RecordRef::of_stream(decision.as_str()),
            Some(RecordRef::Decision(DecisionId::from_uuid(id)))
        );
        assert_eq!(RecordRef::of_stream("council"), Some(RecordRef::Council));
        assert_eq!(RecordRef::of_stream("not a stream"), None);
    }
}
