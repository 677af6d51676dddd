//! How each kind of record folds and what the public sees of it: the only code of history and
//! time travel that knows one kind from another.

use civic_domain::values::DecisionId;
use civic_domain::{Decision, Event, ForwardPlanEntry, Meeting, StrategyDocument};
use civic_eventstore::TenantId;

use super::Historic;
use crate::views::{CouncilView, DecisionView, ForwardPlanView, MeetingView, StrategyDocumentView};

/// The part of [`Historic`] that reads the same for every kind: its aggregate, the event variant
/// its stream holds, and the constructor of its full view.
macro_rules! folds_into {
    ($aggregate:ident, $variant:ident, $view:ident :: $constructor:ident) => {
        type State = $aggregate;

        fn evolve(state: Option<$aggregate>, event: &Event) -> Option<$aggregate> {
            match event {
                Event::$variant(event) => $aggregate::evolve(state, event),
                _ => state,
            }
        }

        fn view(tenant: TenantId, state: &$aggregate, last_position: u64) -> Self {
            $view::$constructor(tenant, state, last_position)
        }
    };
}

impl Historic for DecisionView {
    folds_into!(Decision, Decision, DecisionView::from_decision);

    fn resolve_names(&mut self, council: &CouncilView) {
        DecisionView::resolve_names(self, council);
    }

    /// Public from its publication (or exemption), with withheld values replaced by notices.
    fn for_public(&self, _visible: &[DecisionId]) -> Option<Self> {
        self.public()
    }
}

impl Historic for ForwardPlanView {
    folds_into!(ForwardPlanEntry, ForwardPlan, ForwardPlanView::from_entry);

    fn resolve_names(&mut self, council: &CouncilView) {
        ForwardPlanView::resolve_names(self, council);
    }

    fn linked_decisions(&self) -> Vec<DecisionId> {
        self.decision.into_iter().collect()
    }

    /// Notices are public by law from the moment they are entered.
    fn for_public(&self, visible: &[DecisionId]) -> Option<Self> {
        let mut view = self.clone();
        view.keep_decisions(visible);
        Some(view)
    }
}

impl Historic for MeetingView {
    folds_into!(Meeting, Meeting, MeetingView::from_meeting);

    /// Public once recorded, with withheld minutes removed.
    fn for_public(&self, _visible: &[DecisionId]) -> Option<Self> {
        Some(self.public())
    }
}

impl Historic for StrategyDocumentView {
    folds_into!(
        StrategyDocument,
        Strategy,
        StrategyDocumentView::from_document
    );

    fn linked_decisions(&self) -> Vec<DecisionId> {
        self.decision_ids()
    }

    /// Public once created.
    fn for_public(&self, visible: &[DecisionId]) -> Option<Self> {
        let mut view = self.clone();
        view.keep_decisions(visible);
        Some(view)
    }
}
