//! Why a decision command was refused.

use super::{DecisionCommandKind, DecisionStatus};
use crate::error::ErrorKind;
use crate::values::{BodyId, DecisionId, MemberId, Name, WardId};
use chrono::NaiveDate;
use civic_calendar::CalendarError;
use thiserror::Error;

/// A broken decision rule. Each variant says how the edge should treat it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DecisionError {
    /// A restriction in the record does not hold for its scheme (paragraphs out of range,
    /// missing or on confidential information). Edge: invalid input, pointing at `field`.
    #[error(transparent)]
    Restriction(crate::restriction::RestrictionAt),
    /// No decision has been recorded in this stream. Edge: not found.
    #[error("the decision has not been recorded")]
    NotFound,
    /// Record on a stream that already has a decision. Edge: already exists
    /// (a retried import can treat it as success).
    #[error("the decision is already recorded")]
    AlreadyRecorded,
    /// The command is not allowed in the decision's current state. Edge:
    /// invalid transition; show the state so the user can see why.
    #[error("cannot {command} a decision that is {state}")]
    InvalidTransition {
        /// The state the decision is in.
        state: DecisionStatus,
        /// The command refused.
        command: DecisionCommandKind,
    },
    /// The date of decision is after today: a decision cannot be recorded
    /// before it is made. Edge: invalid input.
    #[error("the date of decision {date_of_decision} is after today ({today})")]
    DecisionDateInFuture {
        /// The date given.
        date_of_decision: NaiveDate,
        /// Today.
        today: NaiveDate,
    },
    /// A lifecycle date (publication, call-in, effect...) is after today;
    /// the register records facts, not plans. Edge: invalid input.
    #[error("{date} is after today ({today})")]
    DateInFuture {
        /// The date given.
        date: NaiveDate,
        /// Today.
        today: NaiveDate,
    },
    /// A lifecycle date is before the step it follows (e.g. a call-in result
    /// before the call-in). Edge: invalid input.
    #[error("{date} is before {earliest}, the earliest possible date for this step")]
    DateTooEarly {
        /// The date given.
        date: NaiveDate,
        /// The earliest date allowed.
        earliest: NaiveDate,
    },
    /// The decision maker or decided-by body is not one of the council's
    /// bodies. Edge: not found (add the body first).
    #[error("body {0} is not one of the council's bodies")]
    UnknownBody(BodyId),
    /// A ward listed is not one of the council's wards. Edge: not found.
    #[error("ward {0} is not one of the council's wards")]
    UnknownWard(WardId),
    /// A member named by id is not in the council's list. Edge: not found.
    #[error("member {0} is not in the council's list of members")]
    UnknownMember(MemberId),
    /// Interests stated as declared must list at least one; a record saying "None" states
    /// that none were declared. Edge: invalid input.
    #[error(
        "declared interests must list at least one declaration; say none were declared instead"
    )]
    EmptyDeclaredInterests,
    /// A record cannot be linked to itself. Edge: invalid input.
    #[error("the record links to itself ({0})")]
    LinksToItself(DecisionId),
    /// A call-in deadline before the notice was published. Edge: invalid
    /// input.
    #[error("the call-in deadline {deadline} is before publication on {publication_date}")]
    CallInDeadlineBeforePublication {
        /// The deadline given.
        deadline: NaiveDate,
        /// The publication date.
        publication_date: NaiveDate,
    },
    /// An effective date before the decision was made. Edge: invalid input.
    #[error("effective from {effective_from} is before the date of decision {date_of_decision}")]
    EffectiveBeforeDecision {
        /// The effective date.
        effective_from: NaiveDate,
        /// The date of decision.
        date_of_decision: NaiveDate,
    },
    /// A call-in deadline was given for a decision with no call-in window
    /// (not subject to call-in, or exempted). Edge: invalid input.
    #[error("a call-in deadline was given but the decision has no call-in period")]
    CallInDeadlineWithoutCallIn,
    /// An override reason was given without explicit dates to override.
    /// Edge: invalid input.
    #[error("an override reason needs an explicit call-in deadline or effective date")]
    OverrideReasonWithoutDates,
    /// Working days could not be counted (a year outside the calendar).
    /// Edge: invalid input.
    #[error("working days cannot be counted: {0}")]
    Calendar(#[from] CalendarError),
    /// Call-in of a decision the record says is not subject to call-in.
    /// Edge: invalid transition.
    #[error("the decision is not subject to call-in")]
    NotSubjectToCallIn,
    /// Call-in of a decision exempted from call-in for urgency. Edge:
    /// invalid transition.
    #[error("the decision was exempted from call-in (agreed by {agreed_by})")]
    ExemptedFromCallIn {
        /// Who agreed the exemption.
        agreed_by: Name,
    },
    /// The decision is already exempted. Edge: already exists.
    #[error("the decision is already exempted from call-in")]
    AlreadyExempted,
    /// Call-in after the last day. Edge: invalid transition; show the
    /// deadline.
    #[error("the call-in period ended on {deadline}")]
    CallInPeriodEnded {
        /// The last day for call-in.
        deadline: NaiveDate,
    },
    /// Take-effect recorded before the effective date. Edge: invalid input.
    #[error("the decision cannot take effect on {on}, before its effective date {effective_from}")]
    TakeEffectBeforeEffectiveDate {
        /// The day given.
        on: NaiveDate,
        /// The effective date.
        effective_from: NaiveDate,
    },
    /// A command about a call-in (result, withdrawal, ruling) when no call-in request is
    /// open. Edge: invalid transition.
    #[error("there is no open call-in request")]
    NoOpenCallIn,
    /// A call-in while another is still open. Edge: invalid transition.
    #[error("a call-in request is already open")]
    CallInAlreadyOpen,
    /// A call-in that suspends the decision once it is already in effect. Edge: invalid
    /// transition (record it as not suspending the decision).
    #[error("the decision is {state}: a call-in can no longer suspend it")]
    CallInCannotSuspend {
        /// The state the decision is in.
        state: DecisionStatus,
    },
    /// Full council referring a decision back when the call-in did not refer it to full
    /// council, or full council already did. Edge: invalid transition.
    #[error(
        "the decision is not before full council: only a call-in referral to full council lets it refer the decision back, once"
    )]
    NotBeforeFullCouncil,
    /// A recommendation to full council made by full council itself. Edge: invalid input.
    #[error("full council cannot make a recommendation to itself")]
    RecommendationByFullCouncil,
    /// A recommendation linked to itself as full council's decision. Edge: invalid input.
    #[error("a recommendation cannot be full council's decision on itself")]
    LinkedToItself,
    /// The recommendation is already linked to full council's decision. Edge: already
    /// exists.
    #[error("the recommendation is already linked to full council's decision")]
    AlreadyLinked,
    /// A correction that changes nothing. Edge: invalid input.
    #[error("the correction changes nothing")]
    NothingToCorrect,
    /// The source noted is the record's source already. Edge: already exists.
    #[error("the record's source is already that page as read")]
    SourceAlreadyNoted,
}

impl DecisionError {
    /// How the edge should classify this error.
    pub fn kind(&self) -> ErrorKind {
        use DecisionError::*;
        match self {
            NotFound | UnknownBody(_) | UnknownWard(_) | UnknownMember(_) => ErrorKind::NotFound,
            AlreadyRecorded | AlreadyExempted | AlreadyLinked | SourceAlreadyNoted => {
                ErrorKind::AlreadyExists
            }
            InvalidTransition { .. }
            | NoOpenCallIn
            | CallInAlreadyOpen
            | CallInCannotSuspend { .. }
            | NotBeforeFullCouncil
            | NotSubjectToCallIn
            | ExemptedFromCallIn { .. }
            | CallInPeriodEnded { .. } => ErrorKind::InvalidTransition,
            DecisionDateInFuture { .. }
            | DateInFuture { .. }
            | DateTooEarly { .. }
            | CallInDeadlineBeforePublication { .. }
            | EffectiveBeforeDecision { .. }
            | CallInDeadlineWithoutCallIn
            | OverrideReasonWithoutDates
            | Calendar(_)
            | TakeEffectBeforeEffectiveDate { .. }
            | NothingToCorrect
            | EmptyDeclaredInterests
            | LinksToItself(_)
            | RecommendationByFullCouncil
            | LinkedToItself
            | Restriction(_) => ErrorKind::InvalidInput,
        }
    }
}
