//! Why a strategy command was refused.

use super::{StrategyStatus, VersionStatus};
use crate::error::ErrorKind;
use crate::values::{DecisionId, VersionLabel};
use chrono::NaiveDate;
use thiserror::Error;

/// A broken strategy rule. Each variant says how the edge should treat it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StrategyError {
    /// Nothing created in this stream. Edge: not found.
    #[error("the strategy document does not exist")]
    NotFound,
    /// Create on an existing document. Edge: already exists.
    #[error("the strategy document already exists")]
    AlreadyCreated,
    /// Rename to the current title. Edge: invalid input.
    #[error("the title is unchanged")]
    TitleUnchanged,
    /// A rename dated before the previous one. Edge: invalid input.
    #[error("the rename on {on} is before the previous rename on {previous}")]
    RenameOutOfOrder {
        /// The date given.
        on: NaiveDate,
        /// The previous rename's date.
        previous: NaiveDate,
    },
    /// A version with this label exists. Edge: already exists.
    #[error("version {0} already exists")]
    VersionAlreadyExists(VersionLabel),
    /// No version with this label. Edge: not found.
    #[error("version {0} not found")]
    VersionNotFound(VersionLabel),
    /// Only a draft can be approved. Edge: invalid transition.
    #[error("version {label} is {status:?}, not a draft")]
    VersionNotDraft {
        /// The version.
        label: VersionLabel,
        /// Its status.
        status: VersionStatus,
    },
    /// The decision is already linked to the version. Edge: already exists.
    #[error("decision {decision} is already linked to version {label}")]
    DecisionAlreadyLinked {
        /// The version.
        label: VersionLabel,
        /// The decision.
        decision: DecisionId,
    },
    /// The document already has that status in those words. Edge: invalid input.
    #[error("the strategy is already {0:?}")]
    StatusUnchanged(StrategyStatus),
}

impl StrategyError {
    /// How the edge should classify this error.
    pub fn kind(&self) -> ErrorKind {
        use StrategyError::*;
        match self {
            NotFound | VersionNotFound(_) => ErrorKind::NotFound,
            AlreadyCreated | VersionAlreadyExists(_) | DecisionAlreadyLinked { .. } => {
                ErrorKind::AlreadyExists
            }
            VersionNotDraft { .. } => ErrorKind::InvalidTransition,
            TitleUnchanged | RenameOutOfOrder { .. } | StatusUnchanged(_) => {
                ErrorKind::InvalidInput
            }
        }
    }
}
