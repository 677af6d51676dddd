//! What can be asked of a forward-plan entry.

use super::{ForwardPlanDetails, NoticeKind};
use crate::restriction::RestrictionDraft;
use crate::values::{DecisionId, Reason};
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
        /// When it is expected to be decided.
        date_due: NaiveDate,
        /// When notice was published.
        notice_date: NaiveDate,
        /// How notice was given.
        notice: NoticeKind,
    },
    /// Move the date due; the earlier dates are kept.
    Reschedule {
        /// The new date due.
        date_due: NaiveDate,
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
        }
    }
}

impl std::fmt::Display for ForwardPlanCommandKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self, f)
    }
}
