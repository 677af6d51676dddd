//! The forward-plan entry aggregate ("Issue" in ModernGov): stream
//! `forward-plan/{uuid}`. Gives the public notice of a decision to come,
//! with the 28-clear-day rule for key decisions and its exceptions.

mod commands;
mod details;
mod errors;
mod events;
mod notice;

pub use commands::{ForwardPlanCommand, ForwardPlanCommandKind};
pub use details::{AnticipatedRestriction, ForwardPlanDetails, Representations, Wards};
pub use errors::ForwardPlanError;
pub use events::*;
pub use notice::{
    GENERAL_EXCEPTION_CLEAR_DAYS, NoticeKind, STANDARD_CLEAR_DAYS, clear_days_given,
    latest_notice_date,
};

use crate::Decided;
use crate::council::Council;
use crate::event::Event;
use crate::values::{DecisionId, ForwardPlanEntryId, Reason};
use crate::warning::Warning;
use chrono::NaiveDate;
use serde::Serialize;

/// Where a forward-plan entry is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum ForwardPlanStatus {
    /// On the plan, awaiting decision.
    Planned,
    /// The decision has been taken and linked.
    Decided,
    /// Taken off the plan.
    Withdrawn,
    /// Will not be decided.
    Abandoned,
}

/// One change of the date due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rescheduling {
    /// The previous date due.
    pub from: NaiveDate,
    /// The new date due.
    pub to: NaiveDate,
    /// Why.
    pub reason: Reason,
}

/// The folded state of a forward-plan stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForwardPlanEntry {
    id: ForwardPlanEntryId,
    details: ForwardPlanDetails,
    date_due: NaiveDate,
    notice_date: NaiveDate,
    notice: NoticeKind,
    reschedulings: Vec<Rescheduling>,
    status: ForwardPlanStatus,
    decision: Option<DecisionId>,
    closing_reason: Option<Reason>,
    version: u64,
}

impl ForwardPlanEntry {
    /// Folds a forward-plan stream; `None` if nothing was entered.
    pub fn from_history(events: &[Event]) -> Option<ForwardPlanEntry> {
        events.iter().fold(None, |state, event| match event {
            Event::ForwardPlan(e) => ForwardPlanEntry::evolve(state, e),
            _ => state,
        })
    }

    /// Applies one event. Never fails; an event before the entry exists is
    /// ignored.
    pub fn evolve(
        state: Option<ForwardPlanEntry>,
        event: &ForwardPlanEvent,
    ) -> Option<ForwardPlanEntry> {
        match (state, event) {
            (None, ForwardPlanEvent::Entered(e)) => Some(ForwardPlanEntry {
                id: e.entry_id,
                details: e.details.clone(),
                date_due: e.date_due,
                notice_date: e.notice_date,
                notice: e.notice.clone(),
                reschedulings: Vec::new(),
                status: ForwardPlanStatus::Planned,
                decision: None,
                closing_reason: None,
                version: 1,
            }),
            (None, _) => None,
            (Some(mut entry), event) => {
                entry.version += 1;
                match event {
                    ForwardPlanEvent::Entered(_) => {}
                    ForwardPlanEvent::Rescheduled(e) => {
                        entry.date_due = e.to;
                        entry.reschedulings.push(Rescheduling {
                            from: e.from,
                            to: e.to,
                            reason: e.reason.clone(),
                        });
                    }
                    ForwardPlanEvent::Withdrawn(e) => {
                        entry.status = ForwardPlanStatus::Withdrawn;
                        entry.closing_reason = Some(e.reason.clone());
                    }
                    ForwardPlanEvent::Abandoned(e) => {
                        entry.status = ForwardPlanStatus::Abandoned;
                        entry.closing_reason = Some(e.reason.clone());
                    }
                    ForwardPlanEvent::DecisionLinked(e) => {
                        entry.status = ForwardPlanStatus::Decided;
                        entry.decision = Some(e.decision_id);
                    }
                }
                Some(entry)
            }
        }
    }

    /// Decides a forward-plan command. All rules live here.
    pub fn handle(
        state: Option<&ForwardPlanEntry>,
        id: ForwardPlanEntryId,
        command: &ForwardPlanCommand,
        council: &Council,
        today: NaiveDate,
    ) -> Result<Decided, ForwardPlanError> {
        let mut warnings = Vec::new();
        let event = match (state, command) {
            (
                None,
                ForwardPlanCommand::Enter {
                    details,
                    date_due,
                    notice_date,
                    notice,
                },
            ) => {
                if *notice_date > today {
                    return Err(ForwardPlanError::NoticeDateInFuture {
                        notice_date: *notice_date,
                        today,
                    });
                }
                let details = details
                    .clone()
                    .resolve(council.nation().default_scheme())
                    .map_err(ForwardPlanError::Restriction)?;
                check_details(&details, council)?;
                check_notice(
                    details.key_decision,
                    notice,
                    *notice_date,
                    *date_due,
                    &mut warnings,
                )?;
                if let Some(by) = details.representations.as_ref().and_then(|r| r.by)
                    && by > *date_due
                {
                    warnings.push(Warning::RepresentationsDeadlineAfterDecision {
                        representations_by: by,
                        date_of_decision: *date_due,
                    });
                }
                ForwardPlanEvent::Entered(ForwardPlanEntryEntered {
                    entry_id: id,
                    details,
                    date_due: *date_due,
                    notice_date: *notice_date,
                    notice: notice.clone(),
                })
            }
            (Some(_), ForwardPlanCommand::Enter { .. }) => {
                return Err(ForwardPlanError::AlreadyEntered);
            }
            (None, _) => return Err(ForwardPlanError::NotFound),
            (Some(entry), command) => {
                if entry.status != ForwardPlanStatus::Planned {
                    return Err(ForwardPlanError::InvalidTransition {
                        state: entry.status,
                        command: command.kind(),
                    });
                }
                match command {
                    ForwardPlanCommand::Enter { .. } => {
                        return Err(ForwardPlanError::AlreadyEntered);
                    }
                    ForwardPlanCommand::Reschedule { date_due, reason } => {
                        if *date_due == entry.date_due {
                            return Err(ForwardPlanError::DateUnchanged(*date_due));
                        }
                        let mut ignored = Vec::new();
                        check_notice(
                            entry.details.key_decision,
                            &entry.notice,
                            entry.notice_date,
                            *date_due,
                            &mut ignored,
                        )?;
                        ForwardPlanEvent::Rescheduled(ForwardPlanEntryRescheduled {
                            from: entry.date_due,
                            to: *date_due,
                            reason: reason.clone(),
                        })
                    }
                    ForwardPlanCommand::Withdraw { reason } => {
                        ForwardPlanEvent::Withdrawn(ForwardPlanEntryWithdrawn {
                            reason: reason.clone(),
                        })
                    }
                    ForwardPlanCommand::Abandon { reason } => {
                        ForwardPlanEvent::Abandoned(ForwardPlanEntryAbandoned {
                            reason: reason.clone(),
                        })
                    }
                    ForwardPlanCommand::LinkDecision { decision } => {
                        ForwardPlanEvent::DecisionLinked(ForwardPlanEntryDecisionLinked {
                            decision_id: *decision,
                        })
                    }
                }
            }
        };
        Ok(Decided {
            events: vec![Event::ForwardPlan(event)],
            warnings,
        })
    }

    /// The entry's id.
    pub fn id(&self) -> ForwardPlanEntryId {
        self.id
    }

    /// The matter.
    pub fn details(&self) -> &ForwardPlanDetails {
        &self.details
    }

    /// The current date due.
    pub fn date_due(&self) -> NaiveDate {
        self.date_due
    }

    /// The date due when first entered.
    pub fn original_date_due(&self) -> NaiveDate {
        self.reschedulings.first().map_or(self.date_due, |r| r.from)
    }

    /// Every change of date due, oldest first.
    pub fn reschedulings(&self) -> &[Rescheduling] {
        &self.reschedulings
    }

    /// When notice was published.
    pub fn notice_date(&self) -> NaiveDate {
        self.notice_date
    }

    /// How notice was given.
    pub fn notice(&self) -> &NoticeKind {
        &self.notice
    }

    /// Clear days between the notice and the current date due.
    pub fn clear_days_notice(&self) -> i64 {
        clear_days_given(self.notice_date, self.date_due)
    }

    /// Where the entry is in its life.
    pub fn status(&self) -> ForwardPlanStatus {
        self.status
    }

    /// The decision that resulted, once linked.
    pub fn decision(&self) -> Option<DecisionId> {
        self.decision
    }

    /// Why it was withdrawn or abandoned.
    pub fn closing_reason(&self) -> Option<&Reason> {
        self.closing_reason.as_ref()
    }

    /// How many events have been applied.
    pub fn version(&self) -> u64 {
        self.version
    }
}

fn check_details(details: &ForwardPlanDetails, council: &Council) -> Result<(), ForwardPlanError> {
    if council.body(details.decision_maker).is_none() {
        return Err(ForwardPlanError::UnknownBody(details.decision_maker));
    }
    if let Wards::Listed { ward_ids } = &details.wards
        && let Some(&unknown) = ward_ids
            .as_slice()
            .iter()
            .find(|w| council.ward(**w).is_none())
    {
        return Err(ForwardPlanError::UnknownWard(unknown));
    }
    Ok(())
}

fn check_notice(
    key_decision: bool,
    notice: &NoticeKind,
    notice_date: NaiveDate,
    date_due: NaiveDate,
    warnings: &mut Vec<Warning>,
) -> Result<(), ForwardPlanError> {
    if date_due < notice_date {
        return Err(ForwardPlanError::DueBeforeNotice {
            date_due,
            notice_date,
        });
    }
    let given = clear_days_given(notice_date, date_due);
    let required = notice.required_clear_days(key_decision);
    if given < required {
        return Err(ForwardPlanError::InsufficientNotice { given, required });
    }
    if key_decision && given < STANDARD_CLEAR_DAYS {
        warnings.push(Warning::ShortNotice { clear_days: given });
    }
    Ok(())
}

#[cfg(test)]
mod tests;
