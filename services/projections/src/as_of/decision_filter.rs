//! A [`DecisionFilter`] applied in memory to views, for the decisions list as it stood at a
//! moment: the same conditions as its SQL (`query::filter`), over the same view the viewer sees,
//! so a withheld value matches no public filter here either.

use crate::error::ProjectionError;
use crate::query::DecisionFilter;
use crate::views::{DecisionView, WardsAffectedView};
use civic_domain::decision::DecisionStatus;

impl DecisionFilter {
    /// Refuses what cannot be asked of the register as it stood: a text search, which is the
    /// database's full-text index (stemming, ranking, dialect), not something a fold can match
    /// the same way. The list as of a moment checks it too; the edge checks it first, so a
    /// refusal reads nothing.
    pub fn check_as_of(&self) -> Result<(), ProjectionError> {
        match self.text {
            Some(_) => Err(ProjectionError::NotAsOf {
                field: "filter.text",
                why: "a text search reads the current search index; list as of a moment \
                      without it",
            }),
            None => Ok(()),
        }
    }

    /// Whether `view` matches every condition but the text (see [`Self::check_as_of`]).
    pub(crate) fn matches(&self, view: &DecisionView) -> bool {
        let record = &view.record;
        let on_or_after = |day: Option<_>, from: Option<_>| from.is_none_or(|f| day >= Some(f));
        let on_or_before =
            |day: Option<_>, to: Option<_>| to.is_none_or(|t| day.is_some_and(|d| d <= t));
        (self.statuses.is_empty() || self.statuses.contains(&view.status))
            && self
                .decision_maker
                .is_none_or(|body| record.decision_maker.as_ref().map(|b| b.body_id) == Some(body))
            && self.ward.is_none_or(|ward| {
                matches!(record.wards_affected, Some(WardsAffectedView::All))
                    || view.ward_ids().contains(&ward.as_uuid())
            })
            && self
                .key_decision
                .is_none_or(|key| record.key_decision == Some(key))
            && self
                .subject_to_call_in
                .is_none_or(|subject| record.subject_to_call_in == Some(subject))
            && self.call_in_open_on.is_none_or(|day| {
                view.status == DecisionStatus::Published
                    && on_or_before(view.publication_date, Some(day))
                    && on_or_after(view.call_in_deadline, Some(day))
            })
            && on_or_after(record.date_of_decision, self.decided_from)
            && on_or_before(record.date_of_decision, self.decided_to)
            && on_or_after(view.publication_date, self.published_from)
            && on_or_before(view.publication_date, self.published_to)
    }
}
