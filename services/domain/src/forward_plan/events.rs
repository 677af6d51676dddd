//! Events of a forward-plan stream: a permanent public format.

use super::{ForwardPlanDetails, NoticeKind};
use crate::values::{DecisionId, ForwardPlanEntryId, Reason};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Something that happened to a forward-plan entry.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(
    clippy::large_enum_variant,
    reason = "short-lived values matched by shape; boxing would only obscure the public API"
)]
pub enum ForwardPlanEvent {
    /// `ForwardPlanEntryEntered` v1.
    Entered(ForwardPlanEntryEntered),
    /// `ForwardPlanEntryRescheduled` v1.
    Rescheduled(ForwardPlanEntryRescheduled),
    /// `ForwardPlanEntryWithdrawn` v1.
    Withdrawn(ForwardPlanEntryWithdrawn),
    /// `ForwardPlanEntryAbandoned` v1.
    Abandoned(ForwardPlanEntryAbandoned),
    /// `ForwardPlanEntryDecisionLinked` v1.
    DecisionLinked(ForwardPlanEntryDecisionLinked),
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
    /// When it is expected to be decided.
    #[serde(rename = "date_due")]
    pub date_due: NaiveDate,
    /// When notice was published.
    #[serde(rename = "notice_date")]
    pub notice_date: NaiveDate,
    /// How notice was given.
    #[serde(rename = "notice")]
    pub notice: NoticeKind,
}

/// The date due moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForwardPlanEntryRescheduled {
    /// The previous date due.
    #[serde(rename = "from")]
    pub from: NaiveDate,
    /// The new date due.
    #[serde(rename = "to")]
    pub to: NaiveDate,
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
