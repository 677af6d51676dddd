//! Where a record comes from and what it is connected to: the council's own references, the
//! source it was taken from, the meeting and agenda item where it was taken, and other decisions.

use crate::values::{AgendaItemId, DecisionId, HttpUrl, MeetingId, Reference};
use serde::{Deserialize, Serialize};

/// The identifiers the council and its publishing system gave the record.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct References {
    /// The council's own decision number, e.g. "CAB/2010/045" or "ODN 12/2023".
    #[serde(rename = "reference")]
    pub reference: Option<Reference>,
    /// The minute number where the decision is minuted, e.g. "45." or "CAB 12/24".
    #[serde(rename = "minute_number")]
    pub minute_number: Option<Reference>,
    /// The page the record was taken from.
    #[serde(rename = "source_url")]
    pub source_url: Option<HttpUrl>,
    /// The record's id in the system that published it, e.g. a ModernGov decision id.
    #[serde(rename = "source_id")]
    pub source_id: Option<Reference>,
}

/// The meeting where a decision was taken and, if known, the agenda item.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MeetingItemRef {
    /// The meeting.
    #[serde(rename = "meeting_id")]
    pub meeting_id: MeetingId,
    /// The item on its agenda, if known.
    #[serde(rename = "agenda_item_id")]
    pub agenda_item_id: Option<AgendaItemId>,
}

/// How this record relates to another decision of the council.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum DecisionRelation {
    /// This decision reconsiders the other (e.g. after a call-in referred it back).
    #[serde(rename = "reconsiders")]
    Reconsiders,
    /// This decision replaces (supersedes or rescinds) the other.
    #[serde(rename = "replaces")]
    Replaces,
    /// This decision amends the other.
    #[serde(rename = "amends")]
    Amends,
    /// This record is the scrutiny hearing of the other's call-in.
    #[serde(rename = "call_in_hearing_of")]
    CallInHearingOf,
    /// This decision (of full council) decides on the other's recommendation.
    #[serde(rename = "decides_recommendation_of")]
    DecidesRecommendationOf,
}

/// A link from this record to another decision.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DecisionLink {
    /// How they relate.
    #[serde(rename = "relation")]
    pub relation: DecisionRelation,
    /// The other decision (of the same council).
    #[serde(rename = "decision_id")]
    pub decision_id: DecisionId,
}
