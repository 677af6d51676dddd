//! Why a council command was refused.

use crate::error::ErrorKind;
use crate::values::{BodyId, MemberId, StatusLabel, WardId};
use chrono::NaiveDate;
use thiserror::Error;

/// A broken council rule. Each variant says how the edge should treat it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CouncilError {
    /// The council stream is empty: register first. Edge: not found.
    #[error("the council is not registered")]
    NotRegistered,
    /// Register on an existing council. Edge: already exists (a retried
    /// registration can treat it as success if the slug matches).
    #[error("the council is already registered")]
    AlreadyRegistered,
    /// The new name equals the current one; nothing would be recorded.
    /// Edge: invalid input.
    #[error("the name is unchanged")]
    NameUnchanged,
    /// A ward with this id already exists. Edge: already exists.
    #[error("ward {0} already exists")]
    WardAlreadyExists(WardId),
    /// An active ward already has this name. Edge: already exists.
    #[error("an active ward is already named {0:?}")]
    WardNameTaken(String),
    /// No ward with this id. Edge: not found.
    #[error("ward {0} not found")]
    WardNotFound(WardId),
    /// The ward is already retired. Edge: invalid transition.
    #[error("ward {0} is already retired")]
    WardAlreadyRetired(WardId),
    /// A member with this id already exists. Edge: already exists.
    #[error("member {0} already exists")]
    MemberAlreadyExists(MemberId),
    /// No member with this id. Edge: not found.
    #[error("member {0} not found")]
    MemberNotFound(MemberId),
    /// The member has already left office. Edge: invalid transition.
    #[error("member {0} has already left office")]
    MemberAlreadyLeft(MemberId),
    /// A body with this id already exists. Edge: already exists.
    #[error("body {0} already exists")]
    BodyAlreadyExists(BodyId),
    /// An active body already has this name. Edge: already exists.
    #[error("an active body is already named {0:?}")]
    BodyNameTaken(String),
    /// No body with this id. Edge: not found.
    #[error("body {0} not found")]
    BodyNotFound(BodyId),
    /// The body is already retired. Edge: invalid transition.
    #[error("body {0} is already retired")]
    BodyAlreadyRetired(BodyId),
    /// The closure day is already recorded. Edge: already exists.
    #[error("{0} is already a closure day")]
    ClosureDayAlreadyAdded(NaiveDate),
    /// The day is not a closure day. Edge: not found.
    #[error("{0} is not a closure day")]
    ClosureDayNotFound(NaiveDate),
    /// The label already maps to that status. Edge: already exists.
    #[error("status label {0:?} already maps to that status")]
    StatusLabelAlreadyMapped(StatusLabel),
    /// The label is not mapped. Edge: not found.
    #[error("status label {0:?} is not mapped")]
    StatusLabelNotFound(StatusLabel),
    /// The policy or thresholds are already exactly these. Edge: invalid input.
    #[error("the setting is unchanged")]
    SettingUnchanged,
    /// An erasure that names no value. Edge: not found.
    #[error("no personal value matches")]
    NothingToErase,
    /// A forward plan document rule. Edge: as the inner error says.
    #[error(transparent)]
    ForwardPlan(crate::forward_plan::PlanError),
}

impl CouncilError {
    /// How the edge should classify this error.
    pub fn kind(&self) -> ErrorKind {
        use CouncilError::*;
        match self {
            NotRegistered
            | WardNotFound(_)
            | MemberNotFound(_)
            | BodyNotFound(_)
            | ClosureDayNotFound(_)
            | StatusLabelNotFound(_)
            | NothingToErase => ErrorKind::NotFound,
            AlreadyRegistered
            | WardAlreadyExists(_)
            | MemberAlreadyExists(_)
            | WardNameTaken(_)
            | BodyAlreadyExists(_)
            | BodyNameTaken(_)
            | ClosureDayAlreadyAdded(_)
            | StatusLabelAlreadyMapped(_) => ErrorKind::AlreadyExists,
            WardAlreadyRetired(_) | BodyAlreadyRetired(_) | MemberAlreadyLeft(_) => {
                ErrorKind::InvalidTransition
            }
            NameUnchanged | SettingUnchanged => ErrorKind::InvalidInput,
            ForwardPlan(e) => e.kind(),
        }
    }
}
