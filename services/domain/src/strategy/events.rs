//! Events of a strategy stream: a permanent public format.

use super::{StrategySpan, StrategyStatus};
use crate::values::{DecisionId, Name, StrategyDocumentId, Title, VersionLabel};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Something that happened to a strategy document.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(
    clippy::large_enum_variant,
    reason = "short-lived values matched by shape; boxing would only obscure the public API"
)]
pub enum StrategyEvent {
    /// `StrategyDocumentCreated` v2 (v1 always had calendar years and no status; upcast).
    Created(StrategyDocumentCreated),
    /// `StrategyDocumentRenamed` v1.
    Renamed(StrategyDocumentRenamed),
    /// `StrategyVersionDrafted` v2 (v1 always had calendar years; upcast).
    VersionDrafted(StrategyVersionDrafted),
    /// `StrategyVersionApproved` v1.
    VersionApproved(StrategyVersionApproved),
    /// `StrategyVersionNoted` v1.
    VersionNoted(StrategyVersionNoted),
    /// `StrategyStatusChanged` v1.
    StatusChanged(StrategyStatusChanged),
}

/// Tracking of a strategy began.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StrategyDocumentCreated {
    /// The document's id.
    #[serde(rename = "document_id")]
    pub document_id: StrategyDocumentId,
    /// Its title then.
    #[serde(rename = "title")]
    pub title: Title,
    /// The span it covered, if it states one.
    #[serde(rename = "period")]
    pub period: Option<StrategySpan>,
    /// Its status, if the page gives one.
    #[serde(rename = "status")]
    pub status: Option<StrategyStatus>,
    /// The status in the council's own words.
    #[serde(rename = "status_label")]
    pub status_label: Option<Name>,
}

/// The strategy was renamed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StrategyDocumentRenamed {
    /// The new title.
    #[serde(rename = "title")]
    pub title: Title,
    /// From when.
    #[serde(rename = "on")]
    pub on: NaiveDate,
    /// The decision that noted it.
    #[serde(rename = "noted_by")]
    pub noted_by: Option<DecisionId>,
}

/// A version was drafted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StrategyVersionDrafted {
    /// Its label.
    #[serde(rename = "label")]
    pub label: VersionLabel,
    /// Its span, if it states one.
    #[serde(rename = "period")]
    pub period: Option<StrategySpan>,
    /// The review that produced it.
    #[serde(rename = "review_date")]
    pub review_date: Option<NaiveDate>,
}

/// A version was approved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StrategyVersionApproved {
    /// The version.
    #[serde(rename = "label")]
    pub label: VersionLabel,
    /// The approving decision.
    #[serde(rename = "decision_id")]
    pub decision_id: DecisionId,
    /// When.
    #[serde(rename = "on")]
    pub on: NaiveDate,
    /// The version it supersedes, if one was approved before.
    #[serde(rename = "supersedes")]
    pub supersedes: Option<VersionLabel>,
}

/// A decision noted a version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StrategyVersionNoted {
    /// The version.
    #[serde(rename = "label")]
    pub label: VersionLabel,
    /// The noting decision.
    #[serde(rename = "decision_id")]
    pub decision_id: DecisionId,
}

/// The strategy's standing changed (out for consultation, recommended for adoption, adopted,
/// paused, superseded...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StrategyStatusChanged {
    /// The new status.
    #[serde(rename = "status")]
    pub status: StrategyStatus,
    /// In the council's own words, if they differ from the usual ones.
    #[serde(rename = "label")]
    pub label: Option<Name>,
    /// From when, if stated.
    #[serde(rename = "on")]
    pub on: Option<NaiveDate>,
    /// The decision that made the change, if any.
    #[serde(rename = "decision_id")]
    pub decision_id: Option<DecisionId>,
}
