//! Events of a forward-plan stream: a permanent public format.

use super::{DateDue, ForwardPlanDetails, ForwardPlanStatus, NoticeKind};
use crate::provenance::Provenance;
use crate::values::{DecisionId, ForwardPlanEntryId, ForwardPlanId, Name, Reason};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Something that happened to a forward-plan entry.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(
    clippy::large_enum_variant,
    reason = "short-lived values matched by shape; boxing would only obscure the public API"
)]
pub enum ForwardPlanEvent {
    /// `ForwardPlanEntryEntered` v2 (v1 had a day due, a notice date and wards always, no
    /// status, contacts, reference or plans; upcast).
    Entered(ForwardPlanEntryEntered),
    /// `ForwardPlanEntryRescheduled` v2 (v1 moved a day to a day; upcast).
    Rescheduled(ForwardPlanEntryRescheduled),
    /// `ForwardPlanEntryWithdrawn` v1.
    Withdrawn(ForwardPlanEntryWithdrawn),
    /// `ForwardPlanEntryAbandoned` v1.
    Abandoned(ForwardPlanEntryAbandoned),
    /// `ForwardPlanEntryDecisionLinked` v1.
    DecisionLinked(ForwardPlanEntryDecisionLinked),
    /// `ForwardPlanEntryStatusChanged` v1.
    StatusChanged(ForwardPlanEntryStatusChanged),
    /// `ForwardPlanEntryListedOnPlan` v1.
    ListedOnPlan(ForwardPlanEntryListedOnPlan),
    /// `ForwardPlanEntryCorrected` v1.
    Corrected(ForwardPlanEntryCorrected),
    /// `ForwardPlanEntrySourceNoted` v1.
    SourceNoted(ForwardPlanEntrySourceNoted),
}

/// A matter was put on the forward plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForwardPlanEntryEntered {
    /// The entry's id.
    #[serde(rename = "entry_id")]
    pub entry_id: ForwardPlanEntryId,
    /// The matter.
    #[serde(rename = "details")]
    pub details: ForwardPlanDetails,
    /// When it is expected to be decided, as the plan states it; `None` if it says nothing.
    #[serde(rename = "date_due")]
    pub date_due: Option<DateDue>,
    /// When notice was first published, if the plan says.
    #[serde(rename = "notice_date")]
    pub notice_date: Option<NaiveDate>,
    /// How notice was given.
    #[serde(rename = "notice")]
    pub notice: NoticeKind,
    /// The status the plan shows, if any (v1: none).
    #[serde(rename = "status")]
    pub status: Option<ForwardPlanStatus>,
    /// The status in the plan's own words, e.g. "For Determination".
    #[serde(rename = "status_label")]
    pub status_label: Option<Name>,
    /// The plan documents it was entered from.
    #[serde(rename = "plan_ids")]
    pub plan_ids: Vec<ForwardPlanId>,
}

/// The date due moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForwardPlanEntryRescheduled {
    /// The previous date due (`None`: none was stated).
    #[serde(rename = "from")]
    pub from: Option<DateDue>,
    /// The new date due.
    #[serde(rename = "to")]
    pub to: DateDue,
    /// Why.
    #[serde(rename = "reason")]
    pub reason: Reason,
}

/// The entry was taken off the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForwardPlanEntryWithdrawn {
    /// Why.
    #[serde(rename = "reason")]
    pub reason: Reason,
}

/// The matter will not be decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForwardPlanEntryAbandoned {
    /// Why.
    #[serde(rename = "reason")]
    pub reason: Reason,
}

/// The decision that resulted was linked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForwardPlanEntryDecisionLinked {
    /// The decision.
    #[serde(rename = "decision_id")]
    pub decision_id: DecisionId,
}

/// The plan shows the entry with another status (e.g. "On hold", "Deferred", "Implemented").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForwardPlanEntryStatusChanged {
    /// The new status.
    #[serde(rename = "status")]
    pub status: ForwardPlanStatus,
    /// The status in the plan's own words, if they differ from the usual ones.
    #[serde(rename = "label")]
    pub label: Option<Name>,
    /// From when, if the plan says.
    #[serde(rename = "on")]
    pub on: Option<NaiveDate>,
    /// Why, if the plan says.
    #[serde(rename = "reason")]
    pub reason: Option<Reason>,
}

/// The entry appears on another plan document (the next month's, say).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForwardPlanEntryListedOnPlan {
    /// The plan.
    #[serde(rename = "plan_id")]
    pub plan_id: ForwardPlanId,
}

/// What the entry says of the matter was corrected (a full replacement of its details).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForwardPlanEntryCorrected {
    /// The corrected details (all of them).
    #[serde(rename = "details")]
    pub details: ForwardPlanDetails,
    /// Why the entry was wrong.
    #[serde(rename = "reason")]
    pub reason: Reason,
    /// The day of the correction.
    #[serde(rename = "corrected_on")]
    pub corrected_on: NaiveDate,
}

/// The entry was read from a council's page (an import): where, the page's digest, and each
/// field's text as given.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ForwardPlanEntrySourceNoted {
    /// The page and what it said.
    #[serde(rename = "provenance")]
    pub provenance: Provenance,
}
