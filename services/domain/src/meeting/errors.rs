//! Why a meeting command was refused.

use super::MeetingStatus;
use crate::error::ErrorKind;
use crate::values::{AgendaItemId, BodyId};
use chrono::NaiveDate;
use thiserror::Error;

/// A broken meeting rule. Each variant says how the edge should treat it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MeetingError {
    /// An item's restriction does not hold for its scheme. Edge: invalid input, pointing at
    /// `field`.
    #[error(transparent)]
    Restriction(crate::restriction::RestrictionAt),
    /// Nothing recorded in this stream. Edge: not found.
    #[error("the meeting does not exist")]
    NotFound,
    /// Record on an existing meeting. Edge: already exists.
    #[error("the meeting is already recorded")]
    AlreadyRecorded,
    /// The body is not one of the council's. Edge: not found.
    #[error("body {0} is not one of the council's bodies")]
    UnknownBody(BodyId),
    /// Two agenda items share an id. Edge: invalid input.
    #[error("agenda item {0} appears more than once")]
    DuplicateAgendaItem(AgendaItemId),
    /// An item taken in private without the exempt or confidential information that allowed
    /// the public to be excluded. Edge: invalid input (ask for the basis).
    #[error("agenda item {0} was taken in private but gives no basis for excluding the public")]
    PrivateItemWithoutBasis(AgendaItemId),
    /// A resolution excluding the public names an item not on the agenda. Edge: invalid input.
    #[error("a resolution excluding the public names agenda item {0}, which is not on the agenda")]
    UnknownExcludedItem(AgendaItemId),
    /// A meeting recorded as held on a day still to come. Edge: invalid input.
    #[error("a meeting on {date} cannot have been held yet (today is {today})")]
    HeldInFuture {
        /// The meeting's date.
        date: NaiveDate,
        /// Today.
        today: NaiveDate,
    },
    /// A correction identical to the record. Edge: invalid input.
    #[error("the correction changes nothing")]
    NothingToCorrect,
    /// The source noted is the record's source already. Edge: already exists.
    #[error("the record's source is already that page as read")]
    SourceAlreadyNoted,
    /// Cancel a meeting that was held or is already cancelled. Edge: invalid transition.
    #[error("cannot cancel a meeting that is {0:?}")]
    CannotCancel(MeetingStatus),
}

impl MeetingError {
    /// How the edge should classify this error.
    pub fn kind(&self) -> ErrorKind {
        use MeetingError::*;
        match self {
            NotFound | UnknownBody(_) => ErrorKind::NotFound,
            AlreadyRecorded | SourceAlreadyNoted => ErrorKind::AlreadyExists,
            CannotCancel(_) => ErrorKind::InvalidTransition,
            Restriction(_)
            | DuplicateAgendaItem(_)
            | PrivateItemWithoutBasis(_)
            | UnknownExcludedItem(_)
            | HeldInFuture { .. }
            | NothingToCorrect => ErrorKind::InvalidInput,
        }
    }
}
