//! What can be asked of a strategy document.

use super::{StrategySpan, StrategyStatus};
use crate::values::{DecisionId, Name, Title, VersionLabel};
use chrono::NaiveDate;

/// A command for one strategy stream. Holds validated values only.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[allow(
    clippy::large_enum_variant,
    reason = "short-lived values matched by shape; boxing would only obscure the public API"
)]
pub enum StrategyCommand {
    /// Start tracking a strategy document.
    Create {
        /// Its title at the time.
        title: Title,
        /// The span it covers, if it states one.
        period: Option<StrategySpan>,
        /// Its status, if the page gives one.
        status: Option<StrategyStatus>,
        /// The status in the council's own words.
        status_label: Option<Name>,
    },
    /// The strategy was renamed (e.g. "ICT Strategy" to "Information
    /// Strategy").
    Rename {
        /// The new title.
        title: Title,
        /// When the new title took over.
        on: NaiveDate,
        /// The decision that noted the rename, if any.
        noted_by: Option<DecisionId>,
    },
    /// A new version was drafted (an annual review).
    DraftVersion {
        /// Its label, e.g. "2010-2013".
        label: VersionLabel,
        /// The span it covers, if it states one.
        period: Option<StrategySpan>,
        /// The date of the review that produced it, if known.
        review_date: Option<NaiveDate>,
    },
    /// A decision approved a draft version; the previously approved version
    /// is superseded.
    ApproveVersion {
        /// The version.
        label: VersionLabel,
        /// The approving decision.
        decision: DecisionId,
        /// When.
        on: NaiveDate,
    },
    /// A decision noted a version (without approving it).
    NoteVersion {
        /// The version.
        label: VersionLabel,
        /// The noting decision.
        decision: DecisionId,
    },
    /// The strategy's standing changed.
    ChangeStatus {
        /// The new status.
        status: StrategyStatus,
        /// In the council's own words.
        label: Option<Name>,
        /// From when, if stated.
        on: Option<NaiveDate>,
        /// The decision that made the change, if any.
        decision: Option<DecisionId>,
    },
}

impl StrategyCommand {
    /// The command's name, for errors.
    pub fn name(&self) -> &'static str {
        match self {
            StrategyCommand::Create { .. } => "Create",
            StrategyCommand::Rename { .. } => "Rename",
            StrategyCommand::DraftVersion { .. } => "DraftVersion",
            StrategyCommand::ApproveVersion { .. } => "ApproveVersion",
            StrategyCommand::NoteVersion { .. } => "NoteVersion",
            StrategyCommand::ChangeStatus { .. } => "ChangeStatus",
        }
    }
}
