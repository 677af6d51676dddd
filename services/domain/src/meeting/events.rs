//! Events of a meeting stream. Names and payload fields are a permanent public format: never
//! rename, only add versions.

use super::MeetingDetails;
use crate::provenance::Provenance;
use crate::values::{MeetingId, Reason};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Something that happened to a meeting's record.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(
    clippy::large_enum_variant,
    reason = "short-lived values matched by shape; boxing would only obscure the public API"
)]
pub enum MeetingEvent {
    /// `MeetingRecorded` v1.
    Recorded(MeetingRecorded),
    /// `MeetingCorrected` v1.
    Corrected(MeetingCorrected),
    /// `MeetingCancelled` v1.
    Cancelled(MeetingCancelled),
    /// `MeetingSourceNoted` v1.
    SourceNoted(MeetingSourceNoted),
}

/// A meeting was recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingRecorded {
    /// The meeting's id (also in the stream name; repeated so the payload stands alone).
    #[serde(rename = "meeting_id")]
    pub meeting_id: MeetingId,
    /// The record's fields.
    #[serde(rename = "details")]
    pub details: MeetingDetails,
}

/// The record was corrected: a full replacement of its fields. The previous version is the one
/// before this event; history is never rewritten.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingCorrected {
    /// The corrected fields (all of them).
    #[serde(rename = "details")]
    pub details: MeetingDetails,
    /// Why.
    #[serde(rename = "reason")]
    pub reason: Reason,
    /// The day the correction was made.
    #[serde(rename = "corrected_on")]
    pub corrected_on: NaiveDate,
}

/// The meeting was cancelled: its status becomes cancelled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingCancelled {
    /// Why, if the council said.
    #[serde(rename = "reason")]
    pub reason: Option<Reason>,
    /// The day the cancellation was recorded.
    #[serde(rename = "cancelled_on")]
    pub cancelled_on: NaiveDate,
}

/// The record was read from a council's page (an import): where, the page's digest, and each
/// field's text as given. The latest one is the record's source.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MeetingSourceNoted {
    /// The page and what it said.
    #[serde(rename = "provenance")]
    pub provenance: Provenance,
}
