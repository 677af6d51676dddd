//! The public view of a decision: what the full view becomes once every withheld field and
//! document is replaced by its notice. Pure, so the rule is tested without a database.

use civic_domain::decision::DecisionField;

use super::decision::{Audience, DecisionView};

impl DecisionView {
    /// The public view of this (full) view, or `None` if the public may not see the decision at
    /// all: it was never published (still made, deferred, or withdrawn or abandoned before
    /// publication) and never recorded as having taken effect or been implemented. (A record
    /// the council showed with no publication date, e.g. on a delegated-decisions list, is
    /// public once it took effect.)
    ///
    /// Each withheld field is removed (its notice stays in the record's `withheld` list); a
    /// withheld title is replaced by the notice's text; withheld documents keep only their
    /// notice; prior versions of corrected records are dropped because they may hold withheld
    /// values.
    ///
    /// What the lifecycle derives from a withheld field goes with it, so that two decisions
    /// that differ only in withheld values look the same to the public (see
    /// `tests/noninterference.rs`): the call-in window and the effective date when the date of
    /// decision or "subject to call-in" is withheld, and a correction's mention of a withheld
    /// field.
    pub fn public(&self) -> Option<DecisionView> {
        let shown = self.publication_date.is_some()
            || self.took_effect_on.is_some()
            || self.implementation.is_some();
        if !shown {
            return None;
        }
        let mut view = self.clone();
        view.audience = Audience::Public;
        view.record = self.record.public();
        // The page's text and digest would tell withheld values apart.
        view.sources = Vec::new();
        for withheld in &self.record.withheld {
            withhold_derived(&mut view, withheld.field);
        }
        let withheld: Vec<DecisionField> = self.record.withheld.iter().map(|w| w.field).collect();
        for correction in &mut view.corrections {
            correction.previous = None;
            // That a withheld value changed is itself information about it.
            correction
                .corrected_fields
                .retain(|field| !withheld.contains(field));
        }
        Some(view)
    }
}

/// Removes what the lifecycle derives from a withheld field of the record.
fn withhold_derived(view: &mut DecisionView, field: DecisionField) {
    match field {
        DecisionField::SubjectToCallIn => {
            // The call-in terms and window say whether it is subject to call-in, and so does an
            // effective date later than the decision's.
            view.call_in_deadline = None;
            view.call_in_deadline_time = None;
            view.call_in = None;
            view.effective_from = None;
        }
        DecisionField::DateOfDecision => {
            // A decision not subject to call-in takes effect on its date; a window may be counted
            // from it; and whether explicit dates differ from the rule depends on it.
            view.call_in_deadline = None;
            view.call_in_deadline_time = None;
            view.effective_from = None;
            if let Some(call_in) = &mut view.call_in {
                call_in.deadline = None;
                call_in.deadline_time = None;
                call_in.computed_deadline = None;
                call_in.computed_effective_from = None;
                call_in.basis = None;
            }
        }
        _ => {}
    }
}
