//! What can be asked of a forward-plan entry.

use super::{DateDue, ForwardPlanDetails, ForwardPlanStatus, NoticeKind};
use crate::provenance::Provenance;
use crate::restriction::RestrictionDraft;
use crate::values::{DecisionId, ForwardPlanId, Name, Reason};
use chrono::NaiveDate;

/// A command for one forward-plan stream. Holds validated values only.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[allow(
    clippy::large_enum_variant,
    reason = "short-lived values matched by shape; boxing would only obscure the public API"
)]
pub enum ForwardPlanCommand {
    /// Put a matter on the forward plan.
    Enter {
        /// The matter.
        details: ForwardPlanDetails<RestrictionDraft>,
        /// When it is expected to be decided, as the plan states it; `None` if it says nothing.
        date_due: Option<DateDue>,
        /// When notice was first published, if the plan says.
        notice_date: Option<NaiveDate>,
        /// How notice was given.
        notice: NoticeKind,
        /// The status the plan shows, if any.
        status: Option<ForwardPlanStatus>,
        /// The status in the plan's own words.
        status_label: Option<Name>,
        /// The plan documents it appears on.
        plans: Vec<ForwardPlanId>,
    },
    /// Move the date due; the earlier dates are kept.
    Reschedule {
        /// The new date due.
        date_due: DateDue,
        /// Why.
        reason: Reason,
    },
    /// Take the matter off the plan.
    Withdraw {
        /// Why.
        reason: Reason,
    },
    /// The matter will not be decided at all.
    Abandon {
        /// Why.
        reason: Reason,
    },
    /// Link the decision that resulted.
    LinkDecision {
        /// The decision.
        decision: DecisionId,
    },
    /// The plan shows another status (on hold, deferred, implemented...).
    ChangeStatus {
        /// The new status.
        status: ForwardPlanStatus,
        /// In the plan's own words.
        label: Option<Name>,
        /// From when, if stated.
        on: Option<NaiveDate>,
        /// Why, if stated.
        reason: Option<Reason>,
    },
    /// The entry appears on another plan document.
    ListOnPlan {
        /// The plan.
        plan: ForwardPlanId,
    },
    /// Correct what the entry says of the matter: a full replacement of its details. The
    /// previous version stays in the history.
    Correct {
        /// The corrected details (all of them).
        details: ForwardPlanDetails<RestrictionDraft>,
        /// Why the entry was wrong.
        reason: Reason,
    },
    /// Note the page the entry was read from (an import), in any state.
    NoteSource {
        /// The page and what it said.
        provenance: Provenance,
    },
}

/// The kind of a [`ForwardPlanCommand`], naming it in errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ForwardPlanCommandKind {
    /// [`ForwardPlanCommand::Enter`].
    Enter,
    /// [`ForwardPlanCommand::Reschedule`].
    Reschedule,
    /// [`ForwardPlanCommand::Withdraw`].
    Withdraw,
    /// [`ForwardPlanCommand::Abandon`].
    Abandon,
    /// [`ForwardPlanCommand::LinkDecision`].
    LinkDecision,
    /// [`ForwardPlanCommand::ChangeStatus`].
    ChangeStatus,
    /// [`ForwardPlanCommand::ListOnPlan`].
    ListOnPlan,
    /// [`ForwardPlanCommand::Correct`].
    Correct,
    /// [`ForwardPlanCommand::NoteSource`].
    NoteSource,
}

impl ForwardPlanCommand {
    /// The command's kind.
    pub fn kind(&self) -> ForwardPlanCommandKind {
        match self {
            ForwardPlanCommand::Enter { .. } => ForwardPlanCommandKind::Enter,
            ForwardPlanCommand::Reschedule { .. } => ForwardPlanCommandKind::Reschedule,
            ForwardPlanCommand::Withdraw { .. } => ForwardPlanCommandKind::Withdraw,
            ForwardPlanCommand::Abandon { .. } => ForwardPlanCommandKind::Abandon,
            ForwardPlanCommand::LinkDecision { .. } => ForwardPlanCommandKind::LinkDecision,
            ForwardPlanCommand::ChangeStatus { .. } => ForwardPlanCommandKind::ChangeStatus,
            ForwardPlanCommand::ListOnPlan { .. } => ForwardPlanCommandKind::ListOnPlan,
            ForwardPlanCommand::Correct { .. } => ForwardPlanCommandKind::Correct,
            ForwardPlanCommand::NoteSource { .. } => ForwardPlanCommandKind::NoteSource,
        }
    }
}

impl std::fmt::Display for ForwardPlanCommandKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self, f)
    }
}
