//! A forward plan document as the council published it: period, publishing body, publication
//! and refresh dates, and the key-decision criteria it states. Held in the council's view, as
//! plans are held in the council's stream; public for every viewer.

use chrono::NaiveDate;
use civic_domain::forward_plan::PublishedPlan;
use civic_domain::values::{ForwardPlanId, LongText, Title};
use serde::{Deserialize, Serialize};

use super::withheld::BodyNameRef;

/// One published forward plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForwardPlanDocumentView {
    /// The plan's id.
    pub id: ForwardPlanId,
    /// Its heading.
    pub title: Title,
    /// The first day it covers, if stated.
    pub period_from: Option<NaiveDate>,
    /// The last day it covers, if stated.
    pub period_to: Option<NaiveDate>,
    /// The body whose plan it is, if stated (name resolved from the council's bodies).
    pub published_by: Option<BodyNameRef>,
    /// When it was published, if stated.
    pub published_on: Option<NaiveDate>,
    /// When it says it will next be updated, if stated.
    pub next_update_due: Option<NaiveDate>,
    /// Every refresh, oldest first.
    pub refreshed_on: Vec<NaiveDate>,
    /// The key-decision criteria it states, in its own words.
    pub key_decision_criteria: Option<LongText>,
}

impl ForwardPlanDocumentView {
    /// The view of a published plan; the body's name is left unresolved.
    pub fn of(plan: &PublishedPlan) -> Self {
        let d = &plan.details;
        Self {
            id: plan.id,
            title: d.title.clone(),
            period_from: d.period_from,
            period_to: d.period_to,
            published_by: d.published_by.map(BodyNameRef::unresolved),
            published_on: d.published_on,
            next_update_due: d.next_update_due,
            refreshed_on: plan.refreshed_on.clone(),
            key_decision_criteria: d.key_decision_criteria.clone(),
        }
    }
}

/// A plan an entry appears on: its id, and its title once resolved from the council.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanRef {
    /// The plan.
    pub id: ForwardPlanId,
    /// Its heading, or `None` until resolved.
    pub title: Option<Title>,
}
