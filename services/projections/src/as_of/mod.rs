//! The register as it stood at a moment of the log, for the list queries' `asOf`: every record
//! of the council folded in memory from its log up to that moment, then listed with the live
//! lists' filters, order and pages (`lists`; the decisions filter in `decision_filter`).
//!
//! It is computed from the log, not the read models, so it costs a read of the council's log up
//! to the moment and a fold of every record in it: meant for audit, not for serving the register.
//! Names (bodies, wards, plans) are resolved from the council's current reference data, as the
//! live lists and `decision(id, asOf)` resolve them.

mod decision_filter;
mod lists;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use civic_domain::stream::StreamKind;
use civic_domain::values::DecisionId;
use civic_domain::{Event, StreamId};
use civic_eventstore::{RecordedEvent, TenantId};

use crate::views::history::{AsOf, Historic, as_of};
use crate::views::{CouncilView, DecisionView, ForwardPlanView, MeetingView, StrategyDocumentView};

/// Every record of a council as it stood at a moment, in full (clerks' and auditors') views.
#[derive(Debug, Clone)]
pub struct RegisterAt {
    /// The day of the moment in the UK: the instant asked for, or when the event at the position
    /// asked for was recorded. What "today" meant then, for the forward plan's default start and
    /// the call-in filter.
    day: NaiveDate,
    decisions: Vec<DecisionView>,
    entries: Vec<ForwardPlanView>,
    meetings: Vec<MeetingView>,
    strategies: Vec<StrategyDocumentView>,
    /// The decisions the public could see then.
    public_decisions: Vec<DecisionId>,
}

impl RegisterAt {
    /// Folds `records` (the council's log in position order, decoded; events after the moment
    /// are ignored) into every record as it stood at `moment`, with names resolved from
    /// `council`.
    pub fn fold(
        tenant: TenantId,
        records: &[(RecordedEvent, Event)],
        moment: AsOf,
        council: Option<&CouncilView>,
    ) -> Self {
        let mut streams: BTreeMap<&str, Vec<&(RecordedEvent, Event)>> = BTreeMap::new();
        let mut last_recorded = None;
        for record in records
            .iter()
            .take_while(|(recorded, _)| moment.includes(recorded))
        {
            streams
                .entry(record.0.stream.as_str())
                .or_default()
                .push(record);
            last_recorded = Some(record.0.recorded_at);
        }
        let day = match moment {
            AsOf::Instant(at) => civic_calendar::uk_date(at),
            AsOf::Position(_) => last_recorded
                .map(civic_calendar::uk_date)
                .unwrap_or_default(),
        };
        let mut register = RegisterAt {
            day,
            decisions: Vec::new(),
            entries: Vec::new(),
            meetings: Vec::new(),
            strategies: Vec::new(),
            public_decisions: Vec::new(),
        };
        for (stream, records) in streams {
            let Ok(stream) = StreamId::parse(stream) else {
                continue;
            };
            let records = records.into_iter();
            match stream.kind() {
                StreamKind::Council => {}
                StreamKind::Decision(_) => push(&mut register.decisions, tenant, records, moment),
                StreamKind::ForwardPlan(_) => push(&mut register.entries, tenant, records, moment),
                StreamKind::Meeting(_) => push(&mut register.meetings, tenant, records, moment),
                StreamKind::Strategy(_) => {
                    push(&mut register.strategies, tenant, records, moment);
                }
            }
        }
        if let Some(council) = council {
            register.resolve_names(council);
        }
        register.public_decisions = register
            .decisions
            .iter()
            .filter(|d| d.public().is_some())
            .map(|d| d.id)
            .collect();
        register
    }

    /// The day of the moment in the UK (see the field).
    pub fn day(&self) -> NaiveDate {
        self.day
    }

    fn resolve_names(&mut self, council: &CouncilView) {
        resolve(&mut self.decisions, council);
        resolve(&mut self.entries, council);
        resolve(&mut self.meetings, council);
        resolve(&mut self.strategies, council);
    }
}

/// Folds one stream to the moment and keeps its view, if the record existed by then.
fn push<'a, V: Historic>(
    views: &mut Vec<V>,
    tenant: TenantId,
    records: impl Iterator<Item = &'a (RecordedEvent, Event)>,
    moment: AsOf,
) {
    views.extend(as_of::<V>(tenant, records, moment));
}

fn resolve<V: Historic>(views: &mut [V], council: &CouncilView) {
    for view in views {
        view.resolve_names(council);
    }
}
