//! Events of a decision stream. Names and payload fields are a permanent
//! public format: never rename, only add versions.

use super::{
    CallInMembers, CallInOutcome, CallInTerms, DateBasis, DecisionDetails, DecisionField,
    ReconsiderationResult,
};
use crate::provenance::Provenance;
use crate::values::{DecisionId, LongText, Name, Reason};
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// Something that happened to a decision.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(
    clippy::large_enum_variant,
    reason = "short-lived values matched by shape; boxing would only obscure the public API"
)]
pub enum DecisionEvent {
    /// `DecisionRecorded` v2 (v1: numbered resolutions, required maker/status/outcome).
    Recorded(DecisionRecorded),
    /// `DecisionPublished` v2 (v1 had no deadline time, and a window as a number of working
    /// days).
    Published(DecisionPublished),
    /// `DecisionCalledIn` v2 (v1 had no `suspends_decision`: every call-in suspended).
    CalledIn(DecisionCalledIn),
    /// `DecisionCallInWithdrawn` v1.
    CallInWithdrawn(DecisionCallInWithdrawn),
    /// `DecisionCallInRuledInvalid` v1.
    CallInRuledInvalid(DecisionCallInRuledInvalid),
    /// `DecisionRecommendedToFullCouncil` v1.
    RecommendedToFullCouncil(DecisionRecommendedToFullCouncil),
    /// `DecisionFullCouncilDecisionLinked` v1.
    FullCouncilDecisionLinked(DecisionFullCouncilDecisionLinked),
    /// `DecisionCallInResolved` v1.
    CallInResolved(DecisionCallInResolved),
    /// `DecisionReconsidered` v2 (v1: numbered resolutions).
    Reconsidered(DecisionReconsidered),
    /// `DecisionExemptedFromCallIn` v1.
    ExemptedFromCallIn(DecisionExemptedFromCallIn),
    /// `DecisionTookEffect` v1.
    TookEffect(DecisionTookEffect),
    /// `DecisionImplemented` v1.
    Implemented(DecisionImplemented),
    /// `DecisionDeferred` v1.
    Deferred(DecisionDeferred),
    /// `DecisionResumed` v1.
    Resumed(DecisionResumed),
    /// `DecisionWithdrawn` v1.
    Withdrawn(DecisionWithdrawn),
    /// `DecisionAbandoned` v1.
    Abandoned(DecisionAbandoned),
    /// `DecisionCorrected` v2 (details as `DecisionRecorded` v2).
    Corrected(DecisionCorrected),
    /// `DecisionSourceNoted` v1.
    SourceNoted(DecisionSourceNoted),
}

/// A decision was made and recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionRecorded {
    /// The decision's id (also in the stream name; repeated so the payload
    /// stands alone).
    #[serde(rename = "decision_id")]
    pub decision_id: DecisionId,
    /// The record's fields.
    #[serde(rename = "details")]
    pub details: DecisionDetails,
}

/// The decision notice was published. Records both what the rule computed
/// and what applies, and why they differ if they do.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DecisionPublished {
    /// The day the notice was published.
    #[serde(rename = "publication_date")]
    pub publication_date: NaiveDate,
    /// The call-in terms it was published under.
    #[serde(rename = "call_in")]
    pub call_in: CallInTerms,
    /// The last day for call-in by the rule (`None` without a window).
    #[serde(rename = "computed_call_in_deadline")]
    pub computed_call_in_deadline: Option<NaiveDate>,
    /// The effective date by the rule.
    #[serde(rename = "computed_effective_from")]
    pub computed_effective_from: NaiveDate,
    /// The last day for call-in that applies.
    #[serde(rename = "call_in_deadline")]
    pub call_in_deadline: Option<NaiveDate>,
    /// The time on that day by which a call-in must be made, if stated (by the rule or as
    /// published); `None` when not stated.
    #[serde(rename = "call_in_deadline_time")]
    pub call_in_deadline_time: Option<NaiveTime>,
    /// The effective date that applies (unless called in).
    #[serde(rename = "effective_from")]
    pub effective_from: NaiveDate,
    /// Where the applied dates came from.
    #[serde(rename = "basis")]
    pub basis: DateBasis,
}

/// Members called the decision in.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DecisionCalledIn {
    /// Who.
    #[serde(rename = "members")]
    pub members: CallInMembers,
    /// Why.
    #[serde(rename = "reason")]
    pub reason: Reason,
    /// When.
    #[serde(rename = "date")]
    pub date: NaiveDate,
    /// Whether the call-in suspends the decision until it is resolved (usually it does; some
    /// constitutions let a decision stand while scrutiny looks at it).
    #[serde(rename = "suspends_decision")]
    pub suspends_decision: bool,
}

/// The members withdrew their call-in request.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DecisionCallInWithdrawn {
    /// When.
    #[serde(rename = "date")]
    pub date: NaiveDate,
    /// Why, if the record says.
    #[serde(rename = "reason")]
    pub reason: Option<Reason>,
    /// The day the decision is effective from again, if the call-in had suspended it (the
    /// later of its effective date at publication and this day); `None` if it had not.
    #[serde(rename = "effective_from")]
    pub effective_from: Option<NaiveDate>,
}

/// The call-in request was ruled invalid (e.g. by the monitoring officer: too few members,
/// out of time, no reasons given).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DecisionCallInRuledInvalid {
    /// When.
    #[serde(rename = "date")]
    pub date: NaiveDate,
    /// Who ruled, if the record says.
    #[serde(rename = "ruled_by")]
    pub ruled_by: Option<Name>,
    /// Why, if the record says.
    #[serde(rename = "reason")]
    pub reason: Option<Reason>,
    /// As for [`DecisionCallInWithdrawn::effective_from`].
    #[serde(rename = "effective_from")]
    pub effective_from: Option<NaiveDate>,
}

/// The record is a recommendation to full council rather than a decision: it does not take
/// effect on its own.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DecisionRecommendedToFullCouncil {
    /// The day of the full council meeting it goes to, if the record says.
    #[serde(rename = "full_council_meeting_on")]
    pub full_council_meeting_on: Option<NaiveDate>,
}

/// A recommendation was linked to full council's decision on it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DecisionFullCouncilDecisionLinked {
    /// Full council's decision, recorded in its own stream.
    #[serde(rename = "full_council_decision")]
    pub full_council_decision: DecisionId,
}

/// Scrutiny reached a result on the call-in.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DecisionCallInResolved {
    /// The result.
    #[serde(rename = "outcome")]
    pub outcome: CallInOutcome,
    /// When.
    #[serde(rename = "date")]
    pub date: NaiveDate,
}

/// A referred decision was reconsidered and took effect.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DecisionReconsidered {
    /// What was decided.
    #[serde(rename = "reconsideration")]
    pub result: ReconsiderationResult,
    /// When; the decision is effective from this day.
    #[serde(rename = "date")]
    pub date: NaiveDate,
}

/// The decision was exempted from call-in as urgent.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DecisionExemptedFromCallIn {
    /// Who agreed.
    #[serde(rename = "agreed_by")]
    pub agreed_by: Name,
    /// Why.
    #[serde(rename = "reason")]
    pub reason: Reason,
}

/// The decision took effect.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DecisionTookEffect {
    /// The day.
    #[serde(rename = "on")]
    pub on: NaiveDate,
}

/// The decision was implemented.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DecisionImplemented {
    /// The day.
    #[serde(rename = "on")]
    pub on: NaiveDate,
    /// What was done.
    #[serde(rename = "note")]
    pub note: Option<LongText>,
}

/// The decision was deferred.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DecisionDeferred {
    /// Why.
    #[serde(rename = "reason")]
    pub reason: Reason,
    /// Until when, if said.
    #[serde(rename = "until")]
    pub until: Option<NaiveDate>,
}

/// A deferred decision was resumed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DecisionResumed {}

/// The decision was withdrawn.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DecisionWithdrawn {
    /// Why.
    #[serde(rename = "reason")]
    pub reason: Reason,
}

/// The decision was abandoned.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DecisionAbandoned {
    /// Why.
    #[serde(rename = "reason")]
    pub reason: Reason,
}

/// The record was corrected: a full replacement of its fields. The previous
/// version is the one before this event; history is never rewritten.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionCorrected {
    /// The corrected fields (all of them).
    #[serde(rename = "details")]
    pub details: DecisionDetails,
    /// Why.
    #[serde(rename = "reason")]
    pub reason: Reason,
    /// Which fields changed.
    #[serde(rename = "corrected_fields")]
    pub corrected_fields: Vec<DecisionField>,
    /// The day the correction was made.
    #[serde(rename = "corrected_on")]
    pub corrected_on: NaiveDate,
}

/// The record was read from a council's page (an import): where, the page's digest, and each
/// field's text as given. The latest one is the record's source.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DecisionSourceNoted {
    /// The page and what it said.
    #[serde(rename = "provenance")]
    pub provenance: Provenance,
}
