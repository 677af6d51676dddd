//! The forward plan as a document: what a council publishes each month (the "Notice of Key
//! Decisions" or "Forward Plan"), with its period, the body whose plan it is, its publication
//! and refresh dates, and the key-decision criteria it states.
//!
//! Plans live in the council's own stream, not a stream each. A plan is a small, council-wide
//! publication that changes only when refreshed; the entries are what have a life (rescheduled,
//! put on hold, decided), and one entry appears on many monthly plans. Entry commands must check
//! that the plans they name exist, and the council is the one aggregate every command is decided
//! against, so the check stays inside the pure domain with no extra load. Twelve plans a year add
//! little to a stream that is read whole anyway.

use crate::values::{BodyId, ForwardPlanId, LongText, Title};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// What a plan document states about itself. Only the title is required: every plan has a
/// heading; everything else is as the page shows it, `None` where it says nothing.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PlanDetails {
    /// The heading, e.g. "Forward Plan: 1 June 2026 to 30 September 2026".
    #[serde(rename = "title")]
    pub title: Title,
    /// The first day the plan covers.
    #[serde(rename = "period_from")]
    pub period_from: Option<NaiveDate>,
    /// The last day the plan covers.
    #[serde(rename = "period_to")]
    pub period_to: Option<NaiveDate>,
    /// The body whose plan it is (e.g. the Cabinet, or the Leader).
    #[serde(rename = "published_by")]
    pub published_by: Option<BodyId>,
    /// When it was published.
    #[serde(rename = "published_on")]
    pub published_on: Option<NaiveDate>,
    /// When the plan says it will next be updated.
    #[serde(rename = "next_update_due")]
    pub next_update_due: Option<NaiveDate>,
    /// The key-decision criteria the plan states, in its own words (e.g. "expenditure or
    /// savings of £500,000 or more, or significant in two or more wards").
    #[serde(rename = "key_decision_criteria")]
    pub key_decision_criteria: Option<LongText>,
}

/// What can be done with the council's plan documents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum PlanCommand {
    /// A plan was published.
    Publish {
        /// Id to give the plan.
        plan: ForwardPlanId,
        /// What it states.
        details: PlanDetails,
    },
    /// A published plan was updated ("refreshed") in place.
    Refresh {
        /// The plan.
        plan: ForwardPlanId,
        /// When.
        on: NaiveDate,
        /// When it now says it will next be updated.
        next_update_due: Option<NaiveDate>,
    },
}

/// `ForwardPlanPublished` v1 (council stream).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForwardPlanPublished {
    /// The plan's id.
    #[serde(rename = "plan_id")]
    pub plan_id: ForwardPlanId,
    /// What it states.
    #[serde(rename = "details")]
    pub details: PlanDetails,
}

/// `ForwardPlanRefreshed` v1 (council stream).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForwardPlanRefreshed {
    /// The plan.
    #[serde(rename = "plan_id")]
    pub plan_id: ForwardPlanId,
    /// When it was updated.
    #[serde(rename = "on")]
    pub on: NaiveDate,
    /// When it now says it will next be updated.
    #[serde(rename = "next_update_due")]
    pub next_update_due: Option<NaiveDate>,
}

/// A plan as the council's state holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublishedPlan {
    /// The plan's id.
    pub id: ForwardPlanId,
    /// What it states (the next update date as last refreshed).
    pub details: PlanDetails,
    /// Every refresh, oldest first.
    pub refreshed_on: Vec<NaiveDate>,
}

/// A refused plan command. Each variant says how the edge should treat it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PlanError {
    /// A plan with this id exists. Edge: already exists.
    #[error("forward plan {0} already exists")]
    AlreadyPublished(ForwardPlanId),
    /// No plan with this id. Edge: not found.
    #[error("forward plan {0} not found")]
    NotFound(ForwardPlanId),
    /// The period ends before it starts. Edge: invalid input.
    #[error("the plan's period ends on {to}, before it starts on {from}")]
    PeriodBackwards {
        /// Start.
        from: NaiveDate,
        /// End.
        to: NaiveDate,
    },
    /// The publishing body is not one of the council's. Edge: not found.
    #[error("body {0} is not one of the council's bodies")]
    UnknownBody(BodyId),
    /// A refresh dated before the plan's publication or its last refresh. Edge: invalid input.
    #[error("a refresh on {on} is before {previous}")]
    RefreshOutOfOrder {
        /// The refresh date given.
        on: NaiveDate,
        /// Publication or the last refresh.
        previous: NaiveDate,
    },
}

impl PlanError {
    /// How the edge should classify this error.
    pub fn kind(&self) -> crate::error::ErrorKind {
        use crate::error::ErrorKind;
        match self {
            PlanError::AlreadyPublished(_) => ErrorKind::AlreadyExists,
            PlanError::NotFound(_) | PlanError::UnknownBody(_) => ErrorKind::NotFound,
            PlanError::PeriodBackwards { .. } | PlanError::RefreshOutOfOrder { .. } => {
                ErrorKind::InvalidInput
            }
        }
    }
}

/// The event a plan command gives, judged against the council's plans; `body_exists` answers
/// whether a body id is the council's.
pub(crate) fn decide_plan(
    plans: &[PublishedPlan],
    body_exists: impl Fn(BodyId) -> bool,
    command: &PlanCommand,
) -> Result<PlanEvent, PlanError> {
    match command {
        PlanCommand::Publish { plan, details } => {
            if plans.iter().any(|p| p.id == *plan) {
                return Err(PlanError::AlreadyPublished(*plan));
            }
            if let (Some(from), Some(to)) = (details.period_from, details.period_to)
                && to < from
            {
                return Err(PlanError::PeriodBackwards { from, to });
            }
            if let Some(body) = details.published_by
                && !body_exists(body)
            {
                return Err(PlanError::UnknownBody(body));
            }
            Ok(PlanEvent::Published(ForwardPlanPublished {
                plan_id: *plan,
                details: details.clone(),
            }))
        }
        PlanCommand::Refresh {
            plan,
            on,
            next_update_due,
        } => {
            let existing = plans
                .iter()
                .find(|p| p.id == *plan)
                .ok_or(PlanError::NotFound(*plan))?;
            let previous = existing
                .refreshed_on
                .last()
                .copied()
                .or(existing.details.published_on);
            if let Some(previous) = previous
                && *on < previous
            {
                return Err(PlanError::RefreshOutOfOrder { on: *on, previous });
            }
            Ok(PlanEvent::Refreshed(ForwardPlanRefreshed {
                plan_id: *plan,
                on: *on,
                next_update_due: *next_update_due,
            }))
        }
    }
}

/// A plan event, before it is wrapped as a council event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PlanEvent {
    Published(ForwardPlanPublished),
    Refreshed(ForwardPlanRefreshed),
}

/// Folds a plan event into the council's plans.
pub(crate) fn apply_published(plans: &mut Vec<PublishedPlan>, e: &ForwardPlanPublished) {
    plans.push(PublishedPlan {
        id: e.plan_id,
        details: e.details.clone(),
        refreshed_on: Vec::new(),
    });
}

/// Folds a refresh into the council's plans.
pub(crate) fn apply_refreshed(plans: &mut [PublishedPlan], e: &ForwardPlanRefreshed) {
    if let Some(plan) = plans.iter_mut().find(|p| p.id == e.plan_id) {
        plan.refreshed_on.push(e.on);
        plan.details.next_update_due = e.next_update_due;
    }
}
