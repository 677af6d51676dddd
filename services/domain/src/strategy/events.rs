//! Events of a strategy stream: a permanent public format.

use super::StrategyPeriod;
use crate::values::{DecisionId, StrategyDocumentId, Title, VersionLabel};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Something that happened to a strategy document.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(
    clippy::large_enum_variant,
    reason = "short-lived values matched by shape; boxing would only obscure the public API"
)]
pub enum StrategyEvent {
    /// `StrategyDocumentCreated` v1.
    Created(StrategyDocumentCreated),
    /// `StrategyDocumentRenamed` v1.
    Renamed(StrategyDocumentRenamed),
    /// `StrategyVersionDrafted` v1.
    VersionDrafted(StrategyVersionDrafted),
    /// `StrategyVersionApproved` v1.
    VersionApproved(StrategyVersionApproved),
    /// `StrategyVersionNoted` v1.
    VersionNoted(StrategyVersionNoted),
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
    /// The period it covered.
    #[serde(rename = "period")]
    pub period: StrategyPeriod,
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
    /// Its period.
    #[serde(rename = "period")]
    pub period: StrategyPeriod,
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
