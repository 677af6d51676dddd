//! The forward-plan entry aggregate ("Issue" in ModernGov): stream
//! `forward-plan/{uuid}`. Gives the public notice of a decision to come,
//! with the 28-clear-day rule for key decisions and its exceptions. The plan
//! documents the entries appear on are kept in the council stream
//! ([`document`] says why).

mod commands;
mod details;
mod document;
mod due;
mod errors;
mod events;
mod notice;

pub use commands::{ForwardPlanCommand, ForwardPlanCommandKind};
pub use details::{
    AnticipatedRestriction, EntryContact, ForwardPlanDetails, Representations, Wards,
};
pub use document::{
    ForwardPlanPublished, ForwardPlanRefreshed, PlanCommand, PlanDetails, PlanError, PublishedPlan,
};
pub(crate) use document::{PlanEvent, apply_published, apply_refreshed, decide_plan};
pub use due::{DateDue, YearMonth};
pub use errors::ForwardPlanError;
pub use events::*;
pub use notice::{
    GENERAL_EXCEPTION_CLEAR_DAYS, NoticeKind, STANDARD_CLEAR_DAYS, clear_days_given,
    latest_notice_date,
};

use crate::Decided;
use crate::council::Council;
use crate::event::Event;
use crate::provenance::{Provenance, Sources};
use crate::values::{DecisionId, ForwardPlanEntryId, ForwardPlanId, Name, Reason};
use crate::warning::Warning;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where a forward-plan entry is in its life, in the words registers use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ForwardPlanStatus {
    /// On the plan, awaiting decision ("For determination"). An entry whose plan shows no
    /// status is on the plan, so it is this too.
    #[serde(rename = "planned")]
    Planned,
    /// Held, awaiting decision at some later time ("On hold").
    #[serde(rename = "on_hold")]
    OnHold,
    /// Put back to a later meeting ("Deferred").
    #[serde(rename = "deferred")]
    Deferred,
    /// The decision has been taken (and linked, once known).
    #[serde(rename = "decided")]
    Decided,
    /// The decision has been carried out ("Implemented").
    #[serde(rename = "implemented")]
    Implemented,
    /// Taken off the plan.
    #[serde(rename = "withdrawn")]
    Withdrawn,
    /// Will not be decided.
    #[serde(rename = "abandoned")]
    Abandoned,
}

impl ForwardPlanStatus {
    /// Still awaiting decision: the entry can be rescheduled, held, deferred or closed.
    pub fn is_open(self) -> bool {
        matches!(self, Self::Planned | Self::OnHold | Self::Deferred)
    }
}

/// One change of the date due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rescheduling {
    /// The previous date due (`None`: none was stated).
    pub from: Option<DateDue>,
    /// The new date due.
    pub to: DateDue,
    /// Why.
    pub reason: Reason,
}

/// One change of status after entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusChange {
    /// The new status.
    pub status: ForwardPlanStatus,
    /// In the plan's own words.
    pub label: Option<Name>,
    /// From when, if stated.
    pub on: Option<NaiveDate>,
    /// Why, if stated.
    pub reason: Option<Reason>,
}

/// The folded state of a forward-plan stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForwardPlanEntry {
    id: ForwardPlanEntryId,
    details: ForwardPlanDetails,
    date_due: Option<DateDue>,
    original_date_due: Option<DateDue>,
    notice_date: Option<NaiveDate>,
    notice: NoticeKind,
    reschedulings: Vec<Rescheduling>,
    status: ForwardPlanStatus,
    status_label: Option<Name>,
    status_changes: Vec<StatusChange>,
    plans: Vec<ForwardPlanId>,
    decision: Option<DecisionId>,
    closing_reason: Option<Reason>,
    corrections: Vec<EntryCorrection>,
    sources: Sources,
    version: u64,
}

/// A correction of what an entry says, with the version it replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntryCorrection {
    /// The details before the correction.
    pub previous: ForwardPlanDetails,
    /// Why.
    pub reason: Reason,
    /// When.
    pub corrected_on: NaiveDate,
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
                original_date_due: e.date_due,
                notice_date: e.notice_date,
                notice: e.notice.clone(),
                reschedulings: Vec::new(),
                status: e.status.unwrap_or(ForwardPlanStatus::Planned),
                status_label: e.status_label.clone(),
                status_changes: Vec::new(),
                plans: e.plan_ids.clone(),
                decision: None,
                closing_reason: None,
                corrections: Vec::new(),
                sources: Sources::default(),
                version: 1,
            }),
            (None, _) => None,
            (Some(mut entry), event) => {
                entry.version += 1;
                match event {
                    ForwardPlanEvent::Entered(_) => {}
                    ForwardPlanEvent::Rescheduled(e) => {
                        entry.date_due = Some(e.to);
                        entry.reschedulings.push(Rescheduling {
                            from: e.from,
                            to: e.to,
                            reason: e.reason.clone(),
                        });
                    }
                    ForwardPlanEvent::Withdrawn(e) => {
                        entry.status = ForwardPlanStatus::Withdrawn;
                        entry.status_label = None;
                        entry.closing_reason = Some(e.reason.clone());
                    }
                    ForwardPlanEvent::Abandoned(e) => {
                        entry.status = ForwardPlanStatus::Abandoned;
                        entry.status_label = None;
                        entry.closing_reason = Some(e.reason.clone());
                    }
                    ForwardPlanEvent::DecisionLinked(e) => {
                        if entry.status != ForwardPlanStatus::Implemented {
                            entry.status = ForwardPlanStatus::Decided;
                            entry.status_label = None;
                        }
                        entry.decision = Some(e.decision_id);
                    }
                    ForwardPlanEvent::StatusChanged(e) => {
                        entry.status = e.status;
                        entry.status_label = e.label.clone();
                        if matches!(
                            e.status,
                            ForwardPlanStatus::Withdrawn | ForwardPlanStatus::Abandoned
                        ) {
                            entry.closing_reason = e.reason.clone();
                        }
                        entry.status_changes.push(StatusChange {
                            status: e.status,
                            label: e.label.clone(),
                            on: e.on,
                            reason: e.reason.clone(),
                        });
                    }
                    ForwardPlanEvent::ListedOnPlan(e) => {
                        if !entry.plans.contains(&e.plan_id) {
                            entry.plans.push(e.plan_id);
                        }
                    }
                    ForwardPlanEvent::Corrected(e) => {
                        let previous = std::mem::replace(&mut entry.details, e.details.clone());
                        entry.corrections.push(EntryCorrection {
                            previous,
                            reason: e.reason.clone(),
                            corrected_on: e.corrected_on,
                        });
                    }
                    ForwardPlanEvent::SourceNoted(e) => entry.sources.note(e.provenance.clone()),
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
                    status,
                    status_label,
                    plans,
                },
            ) => {
                if let Some(notice_date) = notice_date
                    && *notice_date > today
                {
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
                    && let Some(due) = date_due.and_then(|d| d.latest())
                    && by > due
                {
                    warnings.push(Warning::RepresentationsDeadlineAfterDecision {
                        representations_by: by,
                        date_of_decision: due,
                    });
                }
                let mut plan_ids = Vec::with_capacity(plans.len());
                for plan in plans {
                    if council.forward_plan(*plan).is_none() {
                        return Err(ForwardPlanError::UnknownPlan(*plan));
                    }
                    if !plan_ids.contains(plan) {
                        plan_ids.push(*plan);
                    }
                }
                ForwardPlanEvent::Entered(ForwardPlanEntryEntered {
                    entry_id: id,
                    details,
                    date_due: *date_due,
                    notice_date: *notice_date,
                    notice: notice.clone(),
                    status: *status,
                    status_label: status_label.clone(),
                    plan_ids,
                })
            }
            (Some(_), ForwardPlanCommand::Enter { .. }) => {
                return Err(ForwardPlanError::AlreadyEntered);
            }
            (None, _) => return Err(ForwardPlanError::NotFound),
            (Some(entry), command) => entry.decide_change(command, council, today)?,
        };
        Ok(Decided {
            events: vec![Event::ForwardPlan(event)],
            warnings,
        })
    }

    fn decide_change(
        &self,
        command: &ForwardPlanCommand,
        council: &Council,
        today: NaiveDate,
    ) -> Result<ForwardPlanEvent, ForwardPlanError> {
        let refuse = || ForwardPlanError::InvalidTransition {
            state: self.status,
            command: command.kind(),
        };
        Ok(match command {
            ForwardPlanCommand::Enter { .. } => return Err(ForwardPlanError::AlreadyEntered),
            ForwardPlanCommand::Reschedule { date_due, reason } => {
                if !self.status.is_open() {
                    return Err(refuse());
                }
                if Some(*date_due) == self.date_due {
                    return Err(ForwardPlanError::DateUnchanged(*date_due));
                }
                let mut ignored = Vec::new();
                check_notice(
                    self.details.key_decision,
                    &self.notice,
                    self.notice_date,
                    Some(*date_due),
                    &mut ignored,
                )?;
                ForwardPlanEvent::Rescheduled(ForwardPlanEntryRescheduled {
                    from: self.date_due,
                    to: *date_due,
                    reason: reason.clone(),
                })
            }
            ForwardPlanCommand::Withdraw { reason } => {
                if !self.status.is_open() {
                    return Err(refuse());
                }
                ForwardPlanEvent::Withdrawn(ForwardPlanEntryWithdrawn {
                    reason: reason.clone(),
                })
            }
            ForwardPlanCommand::Abandon { reason } => {
                if !self.status.is_open() {
                    return Err(refuse());
                }
                ForwardPlanEvent::Abandoned(ForwardPlanEntryAbandoned {
                    reason: reason.clone(),
                })
            }
            ForwardPlanCommand::LinkDecision { decision } => {
                if let Some(linked) = self.decision {
                    return Err(ForwardPlanError::DecisionAlreadyLinked(linked));
                }
                // A plan may show "Decided" or "Implemented" before the decision is entered.
                if !(self.status.is_open()
                    || matches!(
                        self.status,
                        ForwardPlanStatus::Decided | ForwardPlanStatus::Implemented
                    ))
                {
                    return Err(refuse());
                }
                ForwardPlanEvent::DecisionLinked(ForwardPlanEntryDecisionLinked {
                    decision_id: *decision,
                })
            }
            ForwardPlanCommand::ChangeStatus {
                status,
                label,
                on,
                reason,
            } => {
                if *status == self.status && *label == self.status_label {
                    return Err(ForwardPlanError::StatusUnchanged(*status));
                }
                let allowed = self.status.is_open()
                    || (self.status == ForwardPlanStatus::Decided
                        && matches!(
                            status,
                            ForwardPlanStatus::Decided | ForwardPlanStatus::Implemented
                        ))
                    || (self.status == *status);
                if !allowed {
                    return Err(refuse());
                }
                ForwardPlanEvent::StatusChanged(ForwardPlanEntryStatusChanged {
                    status: *status,
                    label: label.clone(),
                    on: *on,
                    reason: reason.clone(),
                })
            }
            ForwardPlanCommand::ListOnPlan { plan } => {
                if council.forward_plan(*plan).is_none() {
                    return Err(ForwardPlanError::UnknownPlan(*plan));
                }
                if self.plans.contains(plan) {
                    return Err(ForwardPlanError::AlreadyOnPlan(*plan));
                }
                ForwardPlanEvent::ListedOnPlan(ForwardPlanEntryListedOnPlan { plan_id: *plan })
            }
            ForwardPlanCommand::Correct { details, reason } => {
                let details = details
                    .clone()
                    .resolve(council.nation().default_scheme())
                    .map_err(ForwardPlanError::Restriction)?;
                if details == self.details {
                    return Err(ForwardPlanError::NothingToCorrect);
                }
                check_details(&details, council)?;
                ForwardPlanEvent::Corrected(ForwardPlanEntryCorrected {
                    details,
                    reason: reason.clone(),
                    corrected_on: today,
                })
            }
            ForwardPlanCommand::NoteSource { provenance } => {
                if self.sources.of(&provenance.location) == Some(provenance) {
                    return Err(ForwardPlanError::SourceAlreadyNoted);
                }
                ForwardPlanEvent::SourceNoted(ForwardPlanEntrySourceNoted {
                    provenance: provenance.clone(),
                })
            }
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

    /// The current date due, as the plan states it (`None`: it states none).
    pub fn date_due(&self) -> Option<DateDue> {
        self.date_due
    }

    /// The pages the entry was read from (an import), each as last read.
    pub fn sources(&self) -> &[Provenance] {
        self.sources.as_slice()
    }

    /// Every correction of its details, oldest first.
    pub fn corrections(&self) -> &[EntryCorrection] {
        &self.corrections
    }

    /// The date due when first entered.
    pub fn original_date_due(&self) -> Option<DateDue> {
        self.original_date_due
    }

    /// Every change of date due, oldest first.
    pub fn reschedulings(&self) -> &[Rescheduling] {
        &self.reschedulings
    }

    /// When notice was published, if the plan says.
    pub fn notice_date(&self) -> Option<NaiveDate> {
        self.notice_date
    }

    /// How notice was given.
    pub fn notice(&self) -> &NoticeKind {
        &self.notice
    }

    /// Clear days between the notice and the current date due, when both are days.
    pub fn clear_days_notice(&self) -> Option<i64> {
        Some(clear_days_given(self.notice_date?, self.date_due?.day()?))
    }

    /// Where the entry is in its life.
    pub fn status(&self) -> ForwardPlanStatus {
        self.status
    }

    /// The current status in the plan's own words, if given.
    pub fn status_label(&self) -> Option<&Name> {
        self.status_label.as_ref()
    }

    /// Every change of status after entry, oldest first.
    pub fn status_changes(&self) -> &[StatusChange] {
        &self.status_changes
    }

    /// The plan documents it appears on, in order.
    pub fn plans(&self) -> &[ForwardPlanId] {
        &self.plans
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
    if let Some(Wards::Listed { ward_ids }) = &details.wards
        && let Some(&unknown) = ward_ids
            .as_slice()
            .iter()
            .find(|w| council.ward(**w).is_none())
    {
        return Err(ForwardPlanError::UnknownWard(unknown));
    }
    Ok(())
}

/// The notice rules (England, 2012 Regulations). A key decision with standard notice and a
/// day due needs 28 clear days, and is refused with fewer: the clerk must say which exception
/// the page gives. Where the page says why notice was short (general exception, special
/// urgency), what it shows is kept, with a warning. Where the dates do not pin the decision
/// down (a month, "not before", not known, no notice date), the rule is applied as far as they
/// go: refused only when certainly short, warned when possibly short or not checkable.
fn check_notice(
    key_decision: bool,
    notice: &NoticeKind,
    notice_date: Option<NaiveDate>,
    date_due: Option<DateDue>,
    warnings: &mut Vec<Warning>,
) -> Result<(), ForwardPlanError> {
    let latest = date_due.and_then(|d| d.latest());
    if let (Some(notice_date), Some(latest)) = (notice_date, latest)
        && latest < notice_date
    {
        return Err(ForwardPlanError::DueBeforeNotice {
            date_due: latest,
            notice_date,
        });
    }
    if !key_decision {
        return Ok(());
    }
    let (Some(notice_date), Some(earliest)) = (notice_date, date_due.and_then(|d| d.earliest()))
    else {
        warnings.push(Warning::NoticeNotCheckable);
        return Ok(());
    };
    let at_least = clear_days_given(notice_date, earliest);
    let at_most = latest.map(|l| clear_days_given(notice_date, l));
    match notice {
        NoticeKind::Standard => {
            if let Some(at_most) = at_most
                && at_most < STANDARD_CLEAR_DAYS
            {
                return Err(ForwardPlanError::InsufficientNotice {
                    given: at_most,
                    required: STANDARD_CLEAR_DAYS,
                });
            }
            if at_least < STANDARD_CLEAR_DAYS {
                warnings.push(Warning::NoticeMayBeShort {
                    clear_days: at_least,
                });
            }
        }
        NoticeKind::GeneralException { .. } => {
            if at_least < GENERAL_EXCEPTION_CLEAR_DAYS {
                warnings.push(Warning::NoticeShorterThanExceptionAllows {
                    clear_days: at_least,
                    required: GENERAL_EXCEPTION_CLEAR_DAYS,
                });
            } else if at_least < STANDARD_CLEAR_DAYS {
                warnings.push(Warning::ShortNotice {
                    clear_days: at_least,
                });
            }
        }
        NoticeKind::SpecialUrgency { .. } => {
            if at_least < STANDARD_CLEAR_DAYS {
                warnings.push(Warning::ShortNotice {
                    clear_days: at_least,
                });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
