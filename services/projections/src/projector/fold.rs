//! Folding a batch's affected streams in memory: each aggregate the batch touched becomes its
//! views once, however many of the batch's events were its, so `write` can replace its rows with
//! one statement per table.

use civic_domain::stream::StreamKind;
use civic_domain::{Council, Decision, ForwardPlanEntry, Meeting, StrategyDocument, StreamId};
use civic_eventstore::TenantId;
use uuid::Uuid;

use super::events::Stream;

use crate::error::ProjectionError;
use crate::views::{CouncilView, DecisionView, ForwardPlanView, MeetingView, StrategyDocumentView};

/// The aggregates of one kind whose rows a batch replaces: every id's rows are deleted, then the
/// views (fewer, when an aggregate folds to nothing) are inserted.
#[derive(Debug)]
pub(super) struct Replaced<V> {
    pub ids: Vec<Uuid>,
    pub views: Vec<V>,
}

impl<V> Default for Replaced<V> {
    fn default() -> Self {
        Self {
            ids: Vec::new(),
            views: Vec::new(),
        }
    }
}

/// What a batch's events make of the read models: the fresh views of the aggregates it touched.
#[derive(Debug, Default)]
pub(super) struct Folded {
    /// `Some` when the council's stream was touched: its view, or `None` if it folds to nothing.
    pub council: Option<Option<CouncilView>>,
    /// Decisions' views: the full view, and the public one after it once published.
    pub decisions: Replaced<DecisionView>,
    pub forward_plan: Replaced<ForwardPlanView>,
    pub strategies: Replaced<StrategyDocumentView>,
    pub meetings: Replaced<MeetingView>,
}

impl Folded {
    /// Folds one stream from its events (its whole history up to the batch's end). Streams that
    /// are not one of the domain's are not projected.
    pub(super) fn add_stream(
        &mut self,
        tenant: TenantId,
        stream: &str,
        read: &Stream,
    ) -> Result<(), ProjectionError> {
        let Ok(stream_id) = StreamId::parse(stream) else {
            tracing::debug!(%tenant, stream, "not a domain stream; nothing to project");
            return Ok(());
        };
        let (events, last) = (read.events.as_slice(), read.last);
        match stream_id.kind() {
            StreamKind::Council => {
                self.council = Some(
                    Council::from_history(events)
                        .map(|c| CouncilView::from_council(tenant, &c, last)),
                );
            }
            StreamKind::Decision(id) => {
                self.decisions.ids.push(id.as_uuid());
                if let Some(decision) = Decision::from_history(events) {
                    let full = DecisionView::from_decision(tenant, &decision, last);
                    let public = full.public();
                    self.decisions.views.push(full);
                    self.decisions.views.extend(public);
                }
            }
            StreamKind::ForwardPlan(id) => {
                self.forward_plan.ids.push(id.as_uuid());
                self.forward_plan.views.extend(
                    ForwardPlanEntry::from_history(events)
                        .map(|entry| ForwardPlanView::from_entry(tenant, &entry, last)),
                );
            }
            StreamKind::Strategy(id) => {
                self.strategies.ids.push(id.as_uuid());
                self.strategies.views.extend(
                    StrategyDocument::from_history(events)
                        .map(|doc| StrategyDocumentView::from_document(tenant, &doc, last)),
                );
            }
            StreamKind::Meeting(id) => {
                self.meetings.ids.push(id.as_uuid());
                self.meetings.views.extend(
                    Meeting::from_history(events)
                        .map(|meeting| MeetingView::from_meeting(tenant, &meeting, last)),
                );
            }
        }
        Ok(())
    }
}
