//! The error every command can end in, and its classification for the edge.

use crate::council::CouncilError;
use crate::decision::DecisionError;
use crate::forward_plan::ForwardPlanError;
use crate::meeting::MeetingError;
use crate::strategy::StrategyError;
use thiserror::Error;

/// How the GraphQL edge should present an error: one mapping for every
/// domain error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The input breaks a rule; the caller must change it (HTTP 422-like).
    InvalidInput,
    /// Something named does not exist (404-like).
    NotFound,
    /// It already exists or was already done (409-like); a retried request
    /// may treat this as success.
    AlreadyExists,
    /// The aggregate's state does not allow this command now (409-like);
    /// reload and show the state.
    InvalidTransition,
}

/// Why [`crate::decide`] refused a command.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DomainError {
    /// A command other than `Register` for a council that is not
    /// registered. Edge: not found.
    #[error("the council is not registered")]
    CouncilNotRegistered,
    /// A council rule was broken.
    #[error(transparent)]
    Council(#[from] CouncilError),
    /// A forward-plan rule was broken.
    #[error(transparent)]
    ForwardPlan(#[from] ForwardPlanError),
    /// A decision rule was broken.
    #[error(transparent)]
    Decision(#[from] DecisionError),
    /// A strategy rule was broken.
    #[error(transparent)]
    Strategy(#[from] StrategyError),
    /// A meeting rule was broken.
    #[error(transparent)]
    Meeting(#[from] MeetingError),
}

impl DomainError {
    /// How the edge should classify this error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            DomainError::CouncilNotRegistered => ErrorKind::NotFound,
            DomainError::Council(e) => e.kind(),
            DomainError::ForwardPlan(e) => e.kind(),
            DomainError::Decision(e) => e.kind(),
            DomainError::Strategy(e) => e.kind(),
            DomainError::Meeting(e) => e.kind(),
        }
    }

    /// The path of the command's field the error is about, when it is about one field (a
    /// restriction that does not hold for its scheme), so a form can point at it.
    pub fn field(&self) -> Option<&str> {
        match self {
            DomainError::Decision(DecisionError::Restriction(at))
            | DomainError::ForwardPlan(ForwardPlanError::Restriction(at))
            | DomainError::Meeting(MeetingError::Restriction(at)) => Some(&at.field),
            _ => None,
        }
    }
}
