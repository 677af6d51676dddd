//! The decision aggregate: stream `decision/{uuid}`.
//!
//! - `details`: the typed record (every field of a decision page), with `resolutions`, `people`
//!   (members, interests, the vote) and `links` (references, the meeting, other decisions);
//! - `lifecycle`: states, the transition table and what transitions record;
//! - `call_in`: the call-in window from the council's policy and calendar;
//! - `commands`, `events`, `errors`: the aggregate's language;
//! - `rules`: checks on a record (errors for the impossible, warnings for
//!   the unusual).

mod call_in;
mod commands;
mod details;
mod errors;
mod events;
mod lifecycle;
mod links;
mod people;
mod resolutions;
mod rules;

pub use call_in::{CallInWindow, compute_window};
pub use commands::{DecisionCommand, DecisionCommandKind};
pub use details::*;
pub use errors::DecisionError;
pub use events::*;
pub use lifecycle::{
    CallInMembers, CallInOutcome, CallInTerms, DateBasis, DecisionStatus, Reconsideration,
    ReconsiderationResult, lift_call_in_terms_v1,
};
pub use links::{DecisionLink, DecisionRelation, MeetingItemRef, References};
pub use people::{DeclaredInterest, Interests, MemberRef, NamedVote, Vote, VoteCast};
pub use resolutions::{Resolution, Resolutions};

use crate::Decided;
use crate::council::{BodyKind, CallInArrangement, Council};
use crate::event::Event;
use crate::provenance::{Provenance, Sources};
use crate::restriction::RestrictionDraft;
use crate::values::{DecisionId, LongText, Name, Reason};
use crate::warning::Warning;
use chrono::NaiveDate;
use serde::Serialize;

/// A call-in exemption for urgency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CallInExemption {
    /// Who agreed it.
    pub agreed_by: Name,
    /// Why.
    pub reason: Reason,
}

/// One call-in request and how it ended, if it has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CallInRequest {
    /// The request.
    pub called_in: DecisionCalledIn,
    /// How it ended; `None` while open.
    pub end: Option<CallInEnd>,
}

/// How a call-in request ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum CallInEnd {
    /// The members withdrew it.
    Withdrawn(DecisionCallInWithdrawn),
    /// It was ruled invalid.
    RuledInvalid(DecisionCallInRuledInvalid),
    /// Scrutiny reached a result.
    Resolved(DecisionCallInResolved),
}

/// A recommendation to full council, and full council's decision once linked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recommendation {
    /// The day of the full council meeting, if the record says.
    pub full_council_meeting_on: Option<NaiveDate>,
    /// Full council's decision on it, once linked.
    pub full_council_decision: Option<DecisionId>,
}

/// A correction of the record, with the version it replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Correction {
    /// The record before the correction.
    pub previous: DecisionDetails,
    /// Which fields changed.
    pub corrected_fields: Vec<DecisionField>,
    /// Why.
    pub reason: Reason,
    /// When.
    pub corrected_on: NaiveDate,
}

/// A deferral and what ended it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deferral {
    /// Why it was deferred.
    pub reason: Reason,
    /// Until when, if said.
    pub until: Option<NaiveDate>,
    /// Whether it has been resumed since.
    pub resumed: bool,
}

/// The folded state of a decision stream: what projections read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    id: DecisionId,
    details: DecisionDetails,
    status: DecisionStatus,
    publication: Option<DecisionPublished>,
    exemption: Option<CallInExemption>,
    call_ins: Vec<CallInRequest>,
    recommendation: Option<Recommendation>,
    reconsideration: Option<DecisionReconsidered>,
    full_council_referral: Option<NaiveDate>,
    effective_from: Option<NaiveDate>,
    took_effect_on: Option<NaiveDate>,
    implementation: Option<DecisionImplemented>,
    deferrals: Vec<Deferral>,
    closing_reason: Option<Reason>,
    corrections: Vec<Correction>,
    sources: Sources,
    version: u64,
}

impl Decision {
    /// Folds a decision stream; `None` if nothing was recorded. Events of
    /// other aggregates are ignored.
    pub fn from_history(events: &[Event]) -> Option<Decision> {
        events.iter().fold(None, |state, event| match event {
            Event::Decision(e) => Decision::evolve(state, e),
            _ => state,
        })
    }

    /// Applies one event. Never fails: the log is trusted; an event before
    /// the decision was recorded is ignored.
    pub fn evolve(state: Option<Decision>, event: &DecisionEvent) -> Option<Decision> {
        match (state, event) {
            (None, DecisionEvent::Recorded(e)) => Some(Decision {
                id: e.decision_id,
                details: e.details.clone(),
                status: DecisionStatus::Made,
                publication: None,
                exemption: None,
                call_ins: Vec::new(),
                recommendation: None,
                reconsideration: None,
                full_council_referral: None,
                effective_from: None,
                took_effect_on: None,
                implementation: None,
                deferrals: Vec::new(),
                closing_reason: None,
                corrections: Vec::new(),
                sources: Sources::default(),
                version: 1,
            }),
            (None, _) => None,
            (Some(mut decision), event) => {
                decision.apply(event);
                Some(decision)
            }
        }
    }

    fn apply(&mut self, event: &DecisionEvent) {
        self.version += 1;
        match event {
            DecisionEvent::Recorded(_) => {}
            DecisionEvent::Published(e) => {
                self.status = DecisionStatus::Published;
                self.effective_from = Some(e.effective_from);
                self.publication = Some(e.clone());
            }
            DecisionEvent::CalledIn(e) => {
                if e.suspends_decision {
                    self.status = DecisionStatus::CalledIn;
                    self.effective_from = None;
                }
                self.call_ins.push(CallInRequest {
                    called_in: e.clone(),
                    end: None,
                });
            }
            DecisionEvent::CallInResolved(e) => {
                if self.open_call_in_suspends() {
                    match e.outcome {
                        CallInOutcome::NoFurtherAction => {
                            self.status = DecisionStatus::Effective;
                            self.effective_from = Some(e.date);
                        }
                        CallInOutcome::ReferredBackToDecisionMaker
                        | CallInOutcome::ReferredToFullCouncil => {
                            self.status = DecisionStatus::AwaitingReconsideration;
                        }
                    }
                }
                self.end_call_in(CallInEnd::Resolved(e.clone()));
            }
            DecisionEvent::CallInWithdrawn(e) => {
                self.resume_after_call_in(e.effective_from);
                self.end_call_in(CallInEnd::Withdrawn(e.clone()));
            }
            DecisionEvent::CallInRuledInvalid(e) => {
                self.resume_after_call_in(e.effective_from);
                self.end_call_in(CallInEnd::RuledInvalid(e.clone()));
            }
            DecisionEvent::RecommendedToFullCouncil(e) => {
                self.status = DecisionStatus::RecommendedToFullCouncil;
                // A recommendation never takes effect on its own.
                self.effective_from = None;
                self.recommendation = Some(Recommendation {
                    full_council_meeting_on: e.full_council_meeting_on,
                    full_council_decision: None,
                });
            }
            DecisionEvent::FullCouncilDecisionLinked(e) => {
                if let Some(recommendation) = &mut self.recommendation {
                    recommendation.full_council_decision = Some(e.full_council_decision);
                }
            }
            DecisionEvent::Reconsidered(e) => match &e.result {
                ReconsiderationResult::ReferredBackByFullCouncil => {
                    self.full_council_referral = Some(e.date);
                }
                result => {
                    if let ReconsiderationResult::Amended {
                        resolutions,
                        outcome,
                    } = result
                    {
                        self.details.resolutions = resolutions.clone();
                        self.details.outcome = *outcome;
                    }
                    self.status = DecisionStatus::Effective;
                    self.effective_from = Some(e.date);
                    self.reconsideration = Some(e.clone());
                }
            },
            DecisionEvent::ExemptedFromCallIn(e) => {
                self.exemption = Some(CallInExemption {
                    agreed_by: e.agreed_by.clone(),
                    reason: e.reason.clone(),
                });
            }
            DecisionEvent::TookEffect(e) => {
                self.status = DecisionStatus::Effective;
                self.took_effect_on = Some(e.on);
            }
            DecisionEvent::Implemented(e) => {
                self.status = DecisionStatus::Implemented;
                self.implementation = Some(e.clone());
            }
            DecisionEvent::Deferred(e) => {
                self.status = DecisionStatus::Deferred;
                self.deferrals.push(Deferral {
                    reason: e.reason.clone(),
                    until: e.until,
                    resumed: false,
                });
            }
            DecisionEvent::Resumed(_) => {
                self.status = DecisionStatus::Made;
                if let Some(last) = self.deferrals.last_mut() {
                    last.resumed = true;
                }
            }
            DecisionEvent::Withdrawn(e) => {
                self.status = DecisionStatus::Withdrawn;
                self.effective_from = None;
                self.closing_reason = Some(e.reason.clone());
            }
            DecisionEvent::Abandoned(e) => {
                self.status = DecisionStatus::Abandoned;
                self.effective_from = None;
                self.closing_reason = Some(e.reason.clone());
            }
            DecisionEvent::Corrected(e) => {
                let previous = std::mem::replace(&mut self.details, e.details.clone());
                self.corrections.push(Correction {
                    previous,
                    corrected_fields: e.corrected_fields.clone(),
                    reason: e.reason.clone(),
                    corrected_on: e.corrected_on,
                });
            }
            DecisionEvent::SourceNoted(e) => {
                self.sources.note(e.provenance.clone());
            }
        }
    }

    /// The open call-in request, if one is open.
    fn open_call_in(&self) -> Option<&DecisionCalledIn> {
        self.call_ins
            .last()
            .filter(|r| r.end.is_none())
            .map(|r| &r.called_in)
    }

    fn open_call_in_suspends(&self) -> bool {
        self.open_call_in().is_some_and(|c| c.suspends_decision)
    }

    fn end_call_in(&mut self, end: CallInEnd) {
        if let Some(request) = self.call_ins.last_mut().filter(|r| r.end.is_none()) {
            request.end = Some(end);
        }
    }

    /// After a withdrawn or invalid call-in: a suspended decision is published again,
    /// effective from the day the event says.
    fn resume_after_call_in(&mut self, effective_from: Option<NaiveDate>) {
        if let Some(from) = effective_from {
            self.status = DecisionStatus::Published;
            self.effective_from = Some(from);
        }
    }

    /// Decides a decision command. `state` is the folded stream (`None` if
    /// empty), `council` the folded council, `today` the UK date now.
    /// All business rules live here; `apply` only records their results.
    pub fn handle(
        state: Option<&Decision>,
        id: DecisionId,
        command: &DecisionCommand,
        council: &Council,
        today: NaiveDate,
    ) -> Result<Decided, DecisionError> {
        let (events, warnings) = match (state, command) {
            (None, DecisionCommand::Record { details }) => {
                let details = resolve(details, council)?;
                let warnings = rules::check_details(id, &details, council, today)?;
                let event = DecisionEvent::Recorded(DecisionRecorded {
                    decision_id: id,
                    details,
                });
                (vec![event], warnings)
            }
            (Some(_), DecisionCommand::Record { .. }) => {
                return Err(DecisionError::AlreadyRecorded);
            }
            (None, _) => return Err(DecisionError::NotFound),
            (Some(decision), command) => {
                if !decision.status.allows(command.kind()) {
                    return Err(DecisionError::InvalidTransition {
                        state: decision.status,
                        command: command.kind(),
                    });
                }
                decision.decide_transition(command, council, today)?
            }
        };
        Ok(Decided {
            events: events.into_iter().map(Event::Decision).collect(),
            warnings,
        })
    }

    fn decide_transition(
        &self,
        command: &DecisionCommand,
        council: &Council,
        today: NaiveDate,
    ) -> Result<(Vec<DecisionEvent>, Vec<Warning>), DecisionError> {
        let not_future = |date: NaiveDate| {
            if date > today {
                Err(DecisionError::DateInFuture { date, today })
            } else {
                Ok(())
            }
        };
        let not_before = |date: NaiveDate, earliest: NaiveDate| {
            if date < earliest {
                Err(DecisionError::DateTooEarly { date, earliest })
            } else {
                Ok(())
            }
        };
        let date_of_decision = self.details.date_of_decision;
        let not_before_decision = |effective_from: NaiveDate| {
            if effective_from < date_of_decision {
                Err(DecisionError::EffectiveBeforeDecision {
                    effective_from,
                    date_of_decision,
                })
            } else {
                Ok(())
            }
        };
        let mut warnings = Vec::new();
        let event = match command {
            DecisionCommand::Record { .. } => return Err(DecisionError::AlreadyRecorded),
            DecisionCommand::Publish {
                publication_date,
                call_in_deadline,
                call_in_deadline_time,
                effective_from,
                override_reason,
            } => {
                not_future(*publication_date)?;
                let published = self.decide_publication(
                    council,
                    *publication_date,
                    ExplicitDates {
                        deadline: *call_in_deadline,
                        deadline_time: *call_in_deadline_time,
                        effective_from: *effective_from,
                    },
                    override_reason.as_ref(),
                    &mut warnings,
                )?;
                DecisionEvent::Published(published)
            }
            DecisionCommand::CallIn {
                members,
                reason,
                date,
                suspends,
            } => {
                let publication =
                    self.publication
                        .as_ref()
                        .ok_or(DecisionError::InvalidTransition {
                            state: self.status,
                            command: command.kind(),
                        })?;
                match (&publication.call_in, &self.exemption) {
                    (CallInTerms::ExemptedForUrgency, Some(exemption)) => {
                        return Err(DecisionError::ExemptedFromCallIn {
                            agreed_by: exemption.agreed_by.clone(),
                        });
                    }
                    (CallInTerms::Window { .. }, _) if self.details.callable_in() => {}
                    // Not subject at publication, or corrected since to say so.
                    _ => return Err(DecisionError::NotSubjectToCallIn),
                }
                if self.open_call_in().is_some() {
                    return Err(DecisionError::CallInAlreadyOpen);
                }
                if *suspends && self.status != DecisionStatus::Published {
                    return Err(DecisionError::CallInCannotSuspend { state: self.status });
                }
                not_future(*date)?;
                not_before(*date, publication.publication_date)?;
                if let Some(deadline) = publication.call_in_deadline
                    && *date > deadline
                {
                    return Err(DecisionError::CallInPeriodEnded { deadline });
                }
                DecisionEvent::CalledIn(DecisionCalledIn {
                    members: members.clone(),
                    reason: reason.clone(),
                    date: *date,
                    suspends_decision: *suspends,
                })
            }
            DecisionCommand::ResolveCallIn { outcome, date } => {
                let call_in = self.require_open_call_in(command.kind())?;
                not_future(*date)?;
                not_before(*date, call_in.date)?;
                if *outcome == CallInOutcome::NoFurtherAction && call_in.suspends_decision {
                    not_before_decision(*date)?;
                }
                DecisionEvent::CallInResolved(DecisionCallInResolved {
                    outcome: *outcome,
                    date: *date,
                })
            }
            DecisionCommand::WithdrawCallIn { date, reason } => {
                let effective_from = self.decide_call_in_end(command.kind(), *date, today)?;
                DecisionEvent::CallInWithdrawn(DecisionCallInWithdrawn {
                    date: *date,
                    reason: reason.clone(),
                    effective_from,
                })
            }
            DecisionCommand::RuleCallInInvalid {
                date,
                ruled_by,
                reason,
            } => {
                let effective_from = self.decide_call_in_end(command.kind(), *date, today)?;
                DecisionEvent::CallInRuledInvalid(DecisionCallInRuledInvalid {
                    date: *date,
                    ruled_by: ruled_by.clone(),
                    reason: reason.clone(),
                    effective_from,
                })
            }
            DecisionCommand::RecommendToFullCouncil {
                full_council_meeting_on,
            } => {
                let kind = call_in::decision_maker_kind(&self.details, council);
                if kind == Some(BodyKind::FullCouncil) {
                    return Err(DecisionError::RecommendationByFullCouncil);
                }
                if let Some(meeting) = full_council_meeting_on {
                    not_before(*meeting, date_of_decision)?;
                }
                DecisionEvent::RecommendedToFullCouncil(DecisionRecommendedToFullCouncil {
                    full_council_meeting_on: *full_council_meeting_on,
                })
            }
            DecisionCommand::LinkFullCouncilDecision { decision } => {
                if *decision == self.id {
                    return Err(DecisionError::LinkedToItself);
                }
                if self
                    .recommendation
                    .as_ref()
                    .is_some_and(|r| r.full_council_decision.is_some())
                {
                    return Err(DecisionError::AlreadyLinked);
                }
                DecisionEvent::FullCouncilDecisionLinked(DecisionFullCouncilDecisionLinked {
                    full_council_decision: *decision,
                })
            }
            DecisionCommand::Reconsider { result, date } => {
                not_future(*date)?;
                if let Some(resolution) = self.call_in_resolution() {
                    not_before(*date, resolution.date)?;
                }
                if let Some(referral) = self.full_council_referral {
                    not_before(*date, referral)?;
                }
                not_before_decision(*date)?;
                let result = match result {
                    Reconsideration::ReferredBackByFullCouncil => {
                        let referred_to_full_council = self
                            .call_in_resolution()
                            .is_some_and(|r| r.outcome == CallInOutcome::ReferredToFullCouncil);
                        if !referred_to_full_council || self.full_council_referral.is_some() {
                            return Err(DecisionError::NotBeforeFullCouncil);
                        }
                        ReconsiderationResult::ReferredBackByFullCouncil
                    }
                    Reconsideration::Confirmed => ReconsiderationResult::Confirmed,
                    Reconsideration::Amended(resolutions) => ReconsiderationResult::Amended {
                        resolutions: resolutions.clone(),
                        outcome: self.details.outcome.map(|outcome| match outcome {
                            Outcome::Approved => Outcome::ApprovedWithAmendments,
                            other => other,
                        }),
                    },
                };
                DecisionEvent::Reconsidered(DecisionReconsidered {
                    result,
                    date: *date,
                })
            }
            DecisionCommand::ExemptFromCallIn { agreed_by, reason } => {
                if self.exemption.is_some() {
                    return Err(DecisionError::AlreadyExempted);
                }
                if !self.details.callable_in() {
                    return Err(DecisionError::NotSubjectToCallIn);
                }
                DecisionEvent::ExemptedFromCallIn(DecisionExemptedFromCallIn {
                    agreed_by: agreed_by.clone(),
                    reason: reason.clone(),
                })
            }
            DecisionCommand::TakeEffect { on } => {
                not_future(*on)?;
                // While published this is the publication's date, or a later one after a
                // call-in that suspended the decision was withdrawn or ruled invalid.
                if let Some(effective_from) = self.effective_from
                    && *on < effective_from
                {
                    return Err(DecisionError::TakeEffectBeforeEffectiveDate {
                        on: *on,
                        effective_from,
                    });
                }
                not_before_decision(*on)?;
                if self.status == DecisionStatus::Made {
                    self.warn_unpublished(council, &mut warnings);
                }
                DecisionEvent::TookEffect(DecisionTookEffect { on: *on })
            }
            DecisionCommand::Implement { on, note } => {
                not_future(*on)?;
                if let Some(effective_from) = self.effective_from {
                    not_before(*on, effective_from)?;
                }
                if self.status == DecisionStatus::Made {
                    not_before(*on, date_of_decision)?;
                    self.warn_unpublished(council, &mut warnings);
                    warnings.push(Warning::EffectiveDateNotStated);
                }
                DecisionEvent::Implemented(DecisionImplemented {
                    on: *on,
                    note: note.clone(),
                })
            }
            DecisionCommand::Defer { reason, until } => DecisionEvent::Deferred(DecisionDeferred {
                reason: reason.clone(),
                until: *until,
            }),
            DecisionCommand::Resume => DecisionEvent::Resumed(DecisionResumed {}),
            DecisionCommand::Withdraw { reason } => DecisionEvent::Withdrawn(DecisionWithdrawn {
                reason: reason.clone(),
            }),
            DecisionCommand::Abandon { reason } => DecisionEvent::Abandoned(DecisionAbandoned {
                reason: reason.clone(),
            }),
            DecisionCommand::Correct { details, reason } => {
                let details = resolve(details, council)?;
                let corrected_fields = self.details.changed_fields(&details);
                if corrected_fields.is_empty() {
                    return Err(DecisionError::NothingToCorrect);
                }
                warnings = rules::check_details(self.id, &details, council, today)?;
                if let Some(effective_from) = self.effective_from.or(self.took_effect_on)
                    && effective_from < details.date_of_decision
                {
                    return Err(DecisionError::EffectiveBeforeDecision {
                        effective_from,
                        date_of_decision: details.date_of_decision,
                    });
                }
                DecisionEvent::Corrected(DecisionCorrected {
                    details,
                    reason: reason.clone(),
                    corrected_fields,
                    corrected_on: today,
                })
            }
            DecisionCommand::NoteSource { provenance } => {
                if self.sources.of(&provenance.location) == Some(provenance) {
                    return Err(DecisionError::SourceAlreadyNoted);
                }
                DecisionEvent::SourceNoted(DecisionSourceNoted {
                    provenance: provenance.clone(),
                })
            }
        };
        Ok((vec![event], warnings))
    }

    /// The open call-in a result, withdrawal or ruling is about; for a suspended decision
    /// (CalledIn) there always is one.
    fn require_open_call_in(
        &self,
        command: DecisionCommandKind,
    ) -> Result<&DecisionCalledIn, DecisionError> {
        self.open_call_in().ok_or(match self.status {
            DecisionStatus::CalledIn => DecisionError::NoOpenCallIn,
            state => DecisionError::InvalidTransition { state, command },
        })
    }

    /// Checks the date of a withdrawal or invalid ruling and returns the day the decision is
    /// effective from again (if the call-in had suspended it): its effective date at
    /// publication, or this day if that has passed.
    fn decide_call_in_end(
        &self,
        command: DecisionCommandKind,
        date: NaiveDate,
        today: NaiveDate,
    ) -> Result<Option<NaiveDate>, DecisionError> {
        let call_in = self.require_open_call_in(command)?;
        if date > today {
            return Err(DecisionError::DateInFuture { date, today });
        }
        if date < call_in.date {
            return Err(DecisionError::DateTooEarly {
                date,
                earliest: call_in.date,
            });
        }
        if !call_in.suspends_decision {
            return Ok(None);
        }
        let published_effective = self.publication.as_ref().map(|p| p.effective_from);
        Ok(Some(
            published_effective.map_or(date, |from| from.max(date)),
        ))
    }

    /// Warnings for a record taking effect or implemented with no publication stated: say
    /// plainly what was not stated, and whether a call-in period could have applied.
    fn warn_unpublished(&self, council: &Council, warnings: &mut Vec<Warning>) {
        warnings.push(Warning::PublicationDateNotStated);
        let not_subject = self.exemption.is_some()
            || !self.details.callable_in()
            || call_in::not_subject_under_policy(&self.details, council).is_some();
        if !not_subject {
            warnings.push(Warning::CallInPeriodNotChecked {
                call_in_status_stated: self.details.subject_to_call_in.is_some(),
            });
        }
    }

    fn decide_publication(
        &self,
        council: &Council,
        publication_date: NaiveDate,
        explicit: ExplicitDates,
        override_reason: Option<&Reason>,
        warnings: &mut Vec<Warning>,
    ) -> Result<DecisionPublished, DecisionError> {
        let date_of_decision = self.details.date_of_decision;
        let ExplicitDates {
            deadline: explicit_deadline,
            deadline_time: explicit_time,
            effective_from: explicit_effective,
        } = explicit;
        if override_reason.is_some()
            && explicit_deadline.is_none()
            && explicit_time.is_none()
            && explicit_effective.is_none()
        {
            return Err(DecisionError::OverrideReasonWithoutDates);
        }
        let not_subject_under_policy = (self.details.subject_to_call_in.is_none())
            .then(|| call_in::not_subject_under_policy(&self.details, council))
            .flatten();
        let (terms, computed_window, computed_effective) = if self.exemption.is_some() {
            (CallInTerms::ExemptedForUrgency, None, date_of_decision)
        } else if !self.details.callable_in() {
            (CallInTerms::NotSubjectToCallIn, None, date_of_decision)
        } else if let Some(kind) = not_subject_under_policy {
            warnings.push(Warning::CallInStatusTakenFromPolicy {
                decision_maker_kind: kind,
            });
            (
                CallInTerms::NotSubjectUnderPolicy {
                    decision_maker_kind: kind,
                },
                None,
                date_of_decision,
            )
        } else {
            if self.details.subject_to_call_in.is_none() {
                warnings.push(Warning::CallInStatusNotStated);
            }
            let applied = call_in::arrangement_for(&self.details, council);
            // A record saying it is subject to call-in, from a kind the policy exempts,
            // falls back to the council-wide rule: the record is the fact.
            let (rule, for_kind) = match applied.arrangement {
                CallInArrangement::Window { rule } => (rule, applied.for_kind),
                CallInArrangement::NotSubjectToCallIn => {
                    (*council.call_in_policy().default_rule(), None)
                }
            };
            let window = compute_window(
                &rule,
                &council.calendar(),
                publication_date,
                date_of_decision,
            )?;
            (
                call_in::window_terms(&rule, for_kind),
                Some(window),
                window.effective_from,
            )
        };
        let computed_deadline = computed_window.map(|w| w.deadline);
        let computed_time = computed_window.and_then(|w| w.deadline_time);
        if !terms.has_window() && (explicit_deadline.is_some() || explicit_time.is_some()) {
            return Err(DecisionError::CallInDeadlineWithoutCallIn);
        }
        let deadline = explicit_deadline.or(computed_deadline);
        // A deadline given by hand states its own time, or none; one from the rule has the
        // rule's time.
        let deadline_time = match explicit_time {
            Some(time) => Some(time),
            None if deadline == computed_deadline => computed_time,
            None => None,
        };
        let effective_from = explicit_effective.unwrap_or(computed_effective);
        if let Some(deadline) = deadline
            && deadline < publication_date
        {
            return Err(DecisionError::CallInDeadlineBeforePublication {
                deadline,
                publication_date,
            });
        }
        if effective_from < date_of_decision {
            return Err(DecisionError::EffectiveBeforeDecision {
                effective_from,
                date_of_decision,
            });
        }
        if publication_date < date_of_decision {
            warnings.push(Warning::PublishedBeforeDecision {
                publication_date,
                date_of_decision,
            });
        }
        let deadline_differs = deadline != computed_deadline;
        let time_differs = deadline_time != computed_time;
        let effective_differs = effective_from != computed_effective;
        let basis = match override_reason {
            _ if !deadline_differs && !time_differs && !effective_differs => DateBasis::Computed,
            Some(reason) => DateBasis::Override {
                reason: reason.clone(),
            },
            None => {
                if deadline_differs {
                    warnings.push(Warning::CallInDeadlineDiffersFromRule {
                        computed: computed_deadline,
                        recorded: deadline,
                    });
                }
                if time_differs && !deadline_differs {
                    warnings.push(Warning::CallInDeadlineTimeDiffersFromRule {
                        computed: computed_time,
                        recorded: deadline_time,
                    });
                }
                if effective_differs {
                    warnings.push(Warning::EffectiveDateDiffersFromRule {
                        computed: computed_effective,
                        recorded: effective_from,
                    });
                }
                DateBasis::AsPublished
            }
        };
        Ok(DecisionPublished {
            publication_date,
            call_in: terms,
            computed_call_in_deadline: computed_deadline,
            computed_effective_from: computed_effective,
            call_in_deadline: deadline,
            call_in_deadline_time: deadline_time,
            effective_from,
            basis,
        })
    }

    /// The decision's id.
    pub fn id(&self) -> DecisionId {
        self.id
    }

    /// The record as it stands now (after corrections and amendments).
    pub fn details(&self) -> &DecisionDetails {
        &self.details
    }

    /// Where the decision is in its life.
    pub fn status(&self) -> DecisionStatus {
        self.status
    }

    /// The publication, with computed and applied call-in dates.
    pub fn publication(&self) -> Option<&DecisionPublished> {
        self.publication.as_ref()
    }

    /// The day the notice was published.
    pub fn publication_date(&self) -> Option<NaiveDate> {
        self.publication.as_ref().map(|p| p.publication_date)
    }

    /// The call-in window that applies, if the decision had one.
    pub fn call_in_window(&self) -> Option<CallInWindow> {
        let p = self.publication.as_ref()?;
        p.call_in_deadline.map(|deadline| CallInWindow {
            deadline,
            deadline_time: p.call_in_deadline_time,
            effective_from: p.effective_from,
        })
    }

    /// The day the decision is (or, while published, will be) effective
    /// from. `None` before publication, while called in or awaiting
    /// reconsideration, and once withdrawn or abandoned.
    pub fn effective_from(&self) -> Option<NaiveDate> {
        self.effective_from
    }

    /// The day an explicit take-effect was recorded, if one was.
    pub fn took_effect_on(&self) -> Option<NaiveDate> {
        self.took_effect_on
    }

    /// The urgency exemption from call-in, if any.
    pub fn exemption(&self) -> Option<&CallInExemption> {
        self.exemption.as_ref()
    }

    /// The latest call-in request, if the decision was ever called in.
    pub fn call_in(&self) -> Option<&DecisionCalledIn> {
        self.call_ins.last().map(|r| &r.called_in)
    }

    /// The result of the latest call-in request, if scrutiny reached one.
    pub fn call_in_resolution(&self) -> Option<&DecisionCallInResolved> {
        match self.call_ins.last().and_then(|r| r.end.as_ref()) {
            Some(CallInEnd::Resolved(resolved)) => Some(resolved),
            _ => None,
        }
    }

    /// Every call-in request, oldest first, with how each ended.
    pub fn call_in_requests(&self) -> &[CallInRequest] {
        &self.call_ins
    }

    /// The recommendation to full council, if the record is one.
    pub fn recommendation(&self) -> Option<&Recommendation> {
        self.recommendation.as_ref()
    }

    /// The day full council referred the decision back to the decision maker, if it did.
    pub fn full_council_referral(&self) -> Option<NaiveDate> {
        self.full_council_referral
    }

    /// The reconsideration that ended the referral (confirmed or amended), if there was one.
    pub fn reconsideration(&self) -> Option<&DecisionReconsidered> {
        self.reconsideration.as_ref()
    }

    /// The implementation, if recorded.
    pub fn implementation(&self) -> Option<&DecisionImplemented> {
        self.implementation.as_ref()
    }

    /// Every deferral, oldest first.
    pub fn deferrals(&self) -> &[Deferral] {
        &self.deferrals
    }

    /// Why it was withdrawn or abandoned.
    pub fn closing_reason(&self) -> Option<&Reason> {
        self.closing_reason.as_ref()
    }

    /// The pages the record was read from (an import), each as last read.
    pub fn sources(&self) -> &[Provenance] {
        self.sources.as_slice()
    }

    /// Every correction, oldest first, each with the version it replaced.
    pub fn corrections(&self) -> &[Correction] {
        &self.corrections
    }

    /// The record as first recorded, before any correction (an amendment on
    /// reconsideration is not a correction: see [`Decision::reconsideration`]).
    pub fn original_details(&self) -> &DecisionDetails {
        self.corrections
            .first()
            .map_or(&self.details, |c| &c.previous)
    }

    /// Whether the decision is in effect on `date` (for read models that
    /// have the date; the domain never reads the clock).
    pub fn is_effective_on(&self, date: NaiveDate) -> bool {
        match self.status {
            DecisionStatus::Published => self.effective_from.is_some_and(|from| from <= date),
            // A record with no publication may only say the day it took effect.
            DecisionStatus::Effective | DecisionStatus::Implemented => self
                .effective_from
                .or(self.took_effect_on)
                .is_some_and(|from| from <= date),
            _ => false,
        }
    }

    /// A note on implementation, if given.
    pub fn implementation_note(&self) -> Option<&LongText> {
        self.implementation.as_ref().and_then(|i| i.note.as_ref())
    }

    /// How many events have been applied: the stream version.
    pub fn version(&self) -> u64 {
        self.version
    }
}

#[cfg(test)]
mod tests;

/// Dates given with a Publish command instead of (or confirming) the rule's.
#[derive(Debug, Clone, Copy)]
struct ExplicitDates {
    deadline: Option<NaiveDate>,
    deadline_time: Option<chrono::NaiveTime>,
    effective_from: Option<NaiveDate>,
}

/// A command's record with its restrictions resolved against the council's nation: a
/// restriction naming no scheme cites the nation's current one.
fn resolve(
    details: &DecisionDetails<RestrictionDraft>,
    council: &Council,
) -> Result<DecisionDetails, DecisionError> {
    details
        .clone()
        .resolve(council.nation().default_scheme())
        .map_err(DecisionError::Restriction)
}
