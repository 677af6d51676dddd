//! Why a forward-plan command was refused.

use super::DateDue;
use super::{ForwardPlanCommandKind, ForwardPlanStatus};
use crate::error::ErrorKind;
use crate::values::{BodyId, DecisionId, ForwardPlanId, WardId};
use chrono::NaiveDate;
use thiserror::Error;

/// A broken forward-plan rule. Each variant says how the edge should treat
/// it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ForwardPlanError {
    /// The anticipated restriction does not hold for its scheme. Edge: invalid input,
    /// pointing at `field`.
    #[error(transparent)]
    Restriction(crate::restriction::RestrictionAt),
    /// Nothing entered in this stream. Edge: not found.
    #[error("the forward-plan entry does not exist")]
    NotFound,
    /// Enter on an existing entry. Edge: already exists.
    #[error("the forward-plan entry already exists")]
    AlreadyEntered,
    /// The command is not allowed in the entry's state. Edge: invalid
    /// transition.
    #[error("cannot {command} a forward-plan entry that is {state:?}")]
    InvalidTransition {
        /// The entry's state.
        state: ForwardPlanStatus,
        /// The command refused.
        command: ForwardPlanCommandKind,
    },
    /// Fewer clear days' notice than the notice kind needs (28 standard, 5
    /// under the general exception): the edge should suggest an exception.
    /// Invalid input.
    #[error("{given} clear days' notice given, {required} needed")]
    InsufficientNotice {
        /// Clear days given.
        given: i64,
        /// Clear days needed.
        required: i64,
    },
    /// The date due is before the notice. Edge: invalid input.
    #[error("the date due {date_due} is before the notice date {notice_date}")]
    DueBeforeNotice {
        /// Date due.
        date_due: NaiveDate,
        /// Notice date.
        notice_date: NaiveDate,
    },
    /// The notice date is after today. Edge: invalid input.
    #[error("the notice date {notice_date} is after today ({today})")]
    NoticeDateInFuture {
        /// Notice date.
        notice_date: NaiveDate,
        /// Today.
        today: NaiveDate,
    },
    /// Reschedule to the same date. Edge: invalid input.
    #[error("the date due is already {0}")]
    DateUnchanged(DateDue),
    /// The plan document is not one the council published. Edge: not found.
    #[error("forward plan {0} is not one of the council's plans")]
    UnknownPlan(ForwardPlanId),
    /// The entry is already listed on that plan. Edge: already exists.
    #[error("the entry is already on forward plan {0}")]
    AlreadyOnPlan(ForwardPlanId),
    /// The entry already has that status. Edge: invalid input.
    #[error("the entry is already {0:?}")]
    StatusUnchanged(ForwardPlanStatus),
    /// The body is not one of the council's. Edge: not found.
    #[error("body {0} is not one of the council's bodies")]
    UnknownBody(BodyId),
    /// The ward is not one of the council's. Edge: not found.
    #[error("ward {0} is not one of the council's wards")]
    UnknownWard(WardId),
    /// A decision is already linked. Edge: already exists.
    #[error("decision {0} is already linked")]
    DecisionAlreadyLinked(DecisionId),
    /// A correction that changes nothing. Edge: invalid input.
    #[error("the correction changes nothing")]
    NothingToCorrect,
    /// The source noted is the entry's source already. Edge: already exists.
    #[error("the entry's source is already that page as read")]
    SourceAlreadyNoted,
}

impl ForwardPlanError {
    /// How the edge should classify this error.
    pub fn kind(&self) -> ErrorKind {
        use ForwardPlanError::*;
        match self {
            NotFound | UnknownBody(_) | UnknownWard(_) | UnknownPlan(_) => ErrorKind::NotFound,
            AlreadyEntered | DecisionAlreadyLinked(_) | AlreadyOnPlan(_) | SourceAlreadyNoted => {
                ErrorKind::AlreadyExists
            }
            InvalidTransition { .. } => ErrorKind::InvalidTransition,
            InsufficientNotice { .. }
            | DueBeforeNotice { .. }
            | NoticeDateInFuture { .. }
            | DateUnchanged(_)
            | StatusUnchanged(_)
            | NothingToCorrect
            | Restriction(_) => ErrorKind::InvalidInput,
        }
    }
}
