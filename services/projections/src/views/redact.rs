//! The public view of a decision: what the full view becomes once every withheld field and
//! document is replaced by its notice. Pure, so the rule is tested without a database.

use civic_domain::decision::DecisionField;

use super::decision::{Audience, DecisionView};

impl DecisionView {
    /// The public view of this (full) view, or `None` if the public may not see the decision at
    /// all: it was never published (still made, deferred, or withdrawn or abandoned before
    /// publication).
    ///
    /// Each withheld field is removed (its notice stays in [`DecisionView::withheld`]); a
    /// withheld title is replaced by the notice's text; withheld documents keep only their
    /// notice; prior versions of corrected records are dropped because they may hold withheld
    /// values.
    pub fn public(&self) -> Option<DecisionView> {
        self.publication_date?;
        let mut view = self.clone();
        view.audience = Audience::Public;
        view.record = self.record.public();
        for withheld in &self.record.withheld {
            withhold_derived(&mut view, withheld.field);
        }
        for correction in &mut view.corrections {
            correction.previous = None;
        }
        Some(view)
    }
}

/// Removes what the lifecycle derives from a withheld field of the record.
fn withhold_derived(view: &mut DecisionView, field: DecisionField) {
    if field == DecisionField::SubjectToCallIn {
        // The call-in window would reveal whether it is subject to call-in.
        view.call_in_deadline = None;
        view.call_in = None;
    }
}
