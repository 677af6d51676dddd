//! Given events, when a command, then events or an error.

use super::*;
use crate::council::{
    BodyKind, CallInArrangement, CallInPolicy, CallInRule, CanonicalStatus, CouncilCommand,
    CountedFrom, DecisionMakerCallIn, TakesEffect,
};
use crate::restriction::{ExemptionScheme, Restriction, RestrictionDraft};
use crate::testing::*;
use crate::values::{BodyId, MemberId, Reference, SourceLocation, StatusLabel, Title, WardId};

const TODAY: (i32, u32, u32) = (2010, 12, 31);

fn today() -> NaiveDate {
    d(TODAY.0, TODAY.1, TODAY.2)
}

/// A decision stream under test.
struct Given {
    f: Fixture,
    id: DecisionId,
    history: Vec<Event>,
}

impl Given {
    fn nothing() -> Self {
        Self {
            f: fixture(),
            id: DecisionId::new(),
            history: Vec::new(),
        }
    }

    fn recorded() -> Self {
        let mut g = Self::nothing();
        let details = details(&g.f);
        g.ok(DecisionCommand::Record {
            details: details.into(),
        });
        g
    }

    fn recorded_with(change: impl FnOnce(&mut DecisionDetails)) -> Self {
        let mut g = Self::nothing();
        let mut details = details(&g.f);
        change(&mut details);
        g.ok(DecisionCommand::Record {
            details: details.into(),
        });
        g
    }

    fn published() -> Self {
        let mut g = Self::recorded();
        g.ok(publish(d(2010, 6, 11)));
        g
    }

    fn called_in() -> Self {
        let mut g = Self::published();
        g.ok(call_in(d(2010, 6, 15)));
        g
    }

    fn awaiting_reconsideration() -> Self {
        let mut g = Self::called_in();
        g.ok(DecisionCommand::ResolveCallIn {
            outcome: CallInOutcome::ReferredBackToDecisionMaker,
            date: d(2010, 6, 24),
        });
        g
    }

    fn effective() -> Self {
        let mut g = Self::published();
        g.ok(DecisionCommand::TakeEffect { on: d(2010, 6, 19) });
        g
    }

    fn council_does(mut self, command: CouncilCommand) -> Self {
        run_council(&mut self.f.history, command);
        self.f.council = Council::from_history(&self.f.history).unwrap();
        self
    }

    fn when(&self, command: DecisionCommand) -> Result<Decided, DecisionError> {
        let state = Decision::from_history(&self.history);
        Decision::handle(state.as_ref(), self.id, &command, &self.f.council, today())
    }

    /// Runs a command that must be accepted, appending its events.
    fn ok(&mut self, command: DecisionCommand) -> Vec<Warning> {
        let decided = self.when(command).unwrap();
        self.history.extend(decided.events);
        decided.warnings
    }

    fn state(&self) -> Decision {
        Decision::from_history(&self.history).unwrap()
    }

    fn then_event(&self, command: DecisionCommand) -> DecisionEvent {
        let decided = self.when(command).unwrap();
        assert_eq!(decided.events.len(), 1);
        match decided.events.into_iter().next() {
            Some(Event::Decision(e)) => e,
            other => panic!("expected a decision event, got {other:?}"),
        }
    }
}

fn publish(on: NaiveDate) -> DecisionCommand {
    DecisionCommand::Publish {
        publication_date: on,
        call_in_deadline: None,
        call_in_deadline_time: None,
        effective_from: None,
        override_reason: None,
    }
}

fn call_in(on: NaiveDate) -> DecisionCommand {
    DecisionCommand::CallIn {
        members: CallInMembers::parse(vec![name("Cllr Garland"), name("Cllr Wilson")]).unwrap(),
        reason: reason("The consultation was inadequate."),
        date: on,
        suspends: true,
    }
}

fn invalid(state: DecisionStatus, command: DecisionCommandKind) -> DecisionError {
    DecisionError::InvalidTransition { state, command }
}

// --- Record -------------------------------------------------------------

#[test]
fn recording_a_decision_emits_decision_recorded_with_its_details_and_no_warnings() {
    let g = Given::nothing();
    let details = details(&g.f);
    let decided = g
        .when(DecisionCommand::Record {
            details: details.clone().into(),
        })
        .unwrap();
    assert_eq!(
        decided.events,
        vec![Event::Decision(DecisionEvent::Recorded(DecisionRecorded {
            decision_id: g.id,
            details
        }))]
    );
    assert_eq!(decided.warnings, vec![]);
}

#[test]
fn a_recorded_decision_is_made_and_unpublished() {
    let g = Given::recorded();
    let s = g.state();
    assert_eq!(s.status(), DecisionStatus::Made);
    assert_eq!(s.id(), g.id);
    assert_eq!(s.publication(), None);
    assert_eq!(s.effective_from(), None);
    assert_eq!(s.version(), 1);
}

#[test]
fn recording_twice_is_refused_as_already_recorded() {
    let g = Given::recorded();
    let details = details(&g.f);
    assert_eq!(
        g.when(DecisionCommand::Record {
            details: details.into()
        }),
        Err(DecisionError::AlreadyRecorded)
    );
}

#[test]
fn any_other_command_on_an_empty_stream_is_refused_as_not_found() {
    let g = Given::nothing();
    assert_eq!(
        g.when(publish(d(2010, 6, 11))),
        Err(DecisionError::NotFound)
    );
    assert_eq!(
        g.when(DecisionCommand::Resume),
        Err(DecisionError::NotFound)
    );
}

#[test]
fn a_decision_dated_after_today_is_refused() {
    let g = Given::nothing();
    let mut details = details(&g.f);
    details.date_of_decision = d(2011, 1, 1);
    assert_eq!(
        g.when(DecisionCommand::Record {
            details: details.into()
        }),
        Err(DecisionError::DecisionDateInFuture {
            date_of_decision: d(2011, 1, 1),
            today: today()
        })
    );
}

#[test]
fn a_decision_maker_that_is_not_one_of_the_councils_bodies_is_refused() {
    let g = Given::nothing();
    let stranger = BodyId::new();
    let mut details = details(&g.f);
    for body in [&mut details.decision_maker, &mut details.decided_by] {
        body.as_mut().unwrap().body_id = stranger;
    }
    assert_eq!(
        g.when(DecisionCommand::Record {
            details: details.into()
        }),
        Err(DecisionError::UnknownBody(stranger))
    );
}

#[test]
fn a_ward_that_is_not_one_of_the_councils_wards_is_refused() {
    let g = Given::nothing();
    let stranger = WardId::new();
    let mut details = details(&g.f);
    details.wards_affected = WardsAffected::Listed {
        ward_ids: WardList::parse(vec![g.f.ward_a, stranger]).unwrap(),
    };
    assert_eq!(
        g.when(DecisionCommand::Record {
            details: details.into()
        }),
        Err(DecisionError::UnknownWard(stranger))
    );
}

#[test]
fn representations_invited_after_the_decision_are_recorded_with_a_warning() {
    let g = Given::nothing();
    let mut details = details(&g.f);
    details.representations_by = Some(d(2010, 6, 10));
    let decided = g
        .when(DecisionCommand::Record {
            details: details.into(),
        })
        .unwrap();
    assert_eq!(
        decided.warnings,
        vec![Warning::RepresentationsDeadlineAfterDecision {
            representations_by: d(2010, 6, 10),
            date_of_decision: d(2010, 6, 9)
        }]
    );
}

#[test]
fn a_key_decision_without_a_forward_plan_entry_is_recorded_with_a_warning() {
    let g = Given::nothing();
    let mut details = details(&g.f);
    details.forward_plan_entry = None;
    let decided = g
        .when(DecisionCommand::Record {
            details: details.into(),
        })
        .unwrap();
    assert_eq!(
        decided.warnings,
        vec![Warning::KeyDecisionWithoutForwardPlanEntry]
    );
}

#[test]
fn a_decision_taken_by_another_body_than_the_decision_maker_is_recorded_with_a_warning() {
    let g = Given::nothing();
    let mut details = details(&g.f);
    details.decided_by = Some(BodyRef {
        body_id: g.f.committee,
        name_as_shown: name("Planning Committee"),
    });
    let decided = g
        .when(DecisionCommand::Record {
            details: details.into(),
        })
        .unwrap();
    assert_eq!(
        decided.warnings,
        vec![Warning::DecidedByDiffersFromDecisionMaker {
            decision_maker: g.f.cabinet,
            decided_by: g.f.committee
        }]
    );
}

#[test]
fn an_approval_with_no_resolutions_is_recorded_with_a_warning_but_a_noting_is_not() {
    let g = Given::nothing();
    let mut details = details(&g.f);
    details.resolutions = Resolutions::default();
    let decided = g
        .when(DecisionCommand::Record {
            details: details.clone().into(),
        })
        .unwrap();
    assert_eq!(
        decided.warnings,
        vec![Warning::NoResolutions {
            outcome: Outcome::Approved
        }]
    );

    details.outcome = Some(Outcome::Noted);
    details.status_label = Some(StatusLabel::parse("Noted").unwrap());
    assert_eq!(
        g.when(DecisionCommand::Record {
            details: details.into()
        })
        .unwrap()
        .warnings,
        vec![]
    );
}

#[test]
fn a_status_label_the_council_does_not_know_is_recorded_with_a_warning() {
    let g = Given::nothing();
    let mut details = details(&g.f);
    details.status_label = Some(StatusLabel::parse("Resolved").unwrap());
    let decided = g
        .when(DecisionCommand::Record {
            details: details.into(),
        })
        .unwrap();
    assert_eq!(
        decided.warnings,
        vec![Warning::StatusLabelNotMapped {
            label: StatusLabel::parse("Resolved").unwrap()
        }]
    );
}

#[test]
fn a_status_label_mapped_to_another_outcome_is_recorded_with_a_warning() {
    let g = Given::nothing();
    let mut details = details(&g.f);
    details.status_label = Some(StatusLabel::parse("refused").unwrap());
    let decided = g
        .when(DecisionCommand::Record {
            details: details.into(),
        })
        .unwrap();
    assert_eq!(
        decided.warnings,
        vec![Warning::StatusLabelDisagreesWithOutcome {
            label: StatusLabel::parse("refused").unwrap(),
            mapped_to: CanonicalStatus::Rejected,
            outcome: Outcome::Approved,
        }]
    );
}

#[test]
fn a_body_retired_before_the_decision_is_recorded_with_a_warning() {
    let g = Given::nothing();
    let cabinet = g.f.cabinet;
    let g = g.council_does(CouncilCommand::RetireBody {
        body: cabinet,
        on: d(2010, 5, 1),
    });
    let decided = g
        .when(DecisionCommand::Record {
            details: details(&g.f).into(),
        })
        .unwrap();
    assert_eq!(
        decided.warnings,
        vec![Warning::BodyRetired {
            body: cabinet,
            retired_on: d(2010, 5, 1)
        }]
    );
}

#[test]
fn a_restriction_under_another_nations_scheme_is_recorded_with_a_warning() {
    let g = Given::nothing();
    let mut details = details(&g.f);
    details.field_restrictions.push(FieldRestriction {
        field: DecisionField::Reasons,
        restriction: Restriction::parse(RestrictionDraft::exempt(
            Some(ExemptionScheme::Schedule7A),
            &[9],
        ))
        .unwrap(),
    });
    let decided = g
        .when(DecisionCommand::Record {
            details: details.into(),
        })
        .unwrap();
    assert_eq!(
        decided.warnings,
        vec![Warning::RestrictionSchemeNotForNation {
            scheme: ExemptionScheme::Schedule7A,
            nation: crate::nation::Nation::England
        }]
    );
}

#[test]
fn a_restriction_naming_no_scheme_cites_the_councils_nation_when_decided() {
    use crate::restriction::{RestrictionAt, RestrictionError};
    let g = Given::nothing();
    let draft = |paragraphs: Vec<u8>| RestrictionDraft::exempt(None, &paragraphs);
    let mut details: DecisionDetails<RestrictionDraft> = details(&g.f).into();
    details.field_restrictions.push(FieldRestriction {
        field: DecisionField::Reasons,
        restriction: draft(vec![3]),
    });
    let decided = g
        .when(DecisionCommand::Record {
            details: details.clone(),
        })
        .unwrap();
    let Some(Event::Decision(DecisionEvent::Recorded(recorded))) = decided.events.first() else {
        panic!(
            "expected the decision to be recorded, got {:?}",
            decided.events
        );
    };
    assert_eq!(
        recorded.details.field_restrictions[0].restriction.scheme(),
        ExemptionScheme::Schedule12APart1
    );

    // Paragraph 14 is not in England's scheme: refused, naming the restriction's field.
    details.field_restrictions[0].restriction = draft(vec![14]);
    assert_eq!(
        g.when(DecisionCommand::Record { details }),
        Err(DecisionError::Restriction(RestrictionAt {
            field: "fieldRestrictions[0].restriction".into(),
            error: RestrictionError::ParagraphOutOfRange {
                scheme: ExemptionScheme::Schedule12APart1,
                paragraph: crate::restriction::Paragraph::number(14),
                min: 1,
                max: 7,
            },
        }))
    );
}

#[test]
fn changed_fields_names_the_fields_that_differ_in_field_order() {
    let g = Given::nothing();
    let before = details(&g.f);
    let mut after = before.clone();
    after.title = Title::parse("Another title").unwrap();
    after.key_decision = Some(false);
    after.purpose = None;
    assert_eq!(
        before.changed_fields(&after),
        vec![
            DecisionField::Title,
            DecisionField::KeyDecision,
            DecisionField::Purpose
        ]
    );
    assert_eq!(before.changed_fields(&before), Vec::new());
}

// --- Publish ------------------------------------------------------------

#[test]
fn publishing_computes_the_call_in_window_from_the_councils_policy() {
    let g = Given::recorded();
    assert_eq!(
        g.then_event(publish(d(2010, 6, 11))),
        DecisionEvent::Published(DecisionPublished {
            publication_date: d(2010, 6, 11),
            call_in: CallInTerms::Window {
                rule: CallInRule::default(),
                decision_maker_kind: None,
            },
            computed_call_in_deadline: Some(d(2010, 6, 18)),
            computed_effective_from: d(2010, 6, 19),
            call_in_deadline: Some(d(2010, 6, 18)),
            call_in_deadline_time: None,
            effective_from: d(2010, 6, 19),
            basis: DateBasis::Computed,
        })
    );
}

#[test]
fn a_published_decision_exposes_its_window_and_effective_date() {
    let g = Given::published();
    let s = g.state();
    assert_eq!(s.status(), DecisionStatus::Published);
    assert_eq!(s.publication_date(), Some(d(2010, 6, 11)));
    assert_eq!(
        s.call_in_window(),
        Some(CallInWindow {
            deadline: d(2010, 6, 18),
            deadline_time: None,
            effective_from: d(2010, 6, 19)
        })
    );
    assert_eq!(s.effective_from(), Some(d(2010, 6, 19)));
    assert!(!s.is_effective_on(d(2010, 6, 18)));
    assert!(s.is_effective_on(d(2010, 6, 19)));
}

#[test]
fn explicit_dates_equal_to_the_rule_are_recorded_as_computed() {
    let g = Given::recorded();
    let decided = g
        .when(DecisionCommand::Publish {
            publication_date: d(2010, 6, 11),
            call_in_deadline: Some(d(2010, 6, 18)),
            call_in_deadline_time: None,
            effective_from: Some(d(2010, 6, 19)),
            override_reason: None,
        })
        .unwrap();
    assert_eq!(decided.warnings, vec![]);
    let mut g = g;
    g.history.extend(decided.events);
    assert_eq!(g.state().publication().unwrap().basis, DateBasis::Computed);
}

#[test]
fn explicit_dates_that_differ_from_the_rule_without_a_reason_are_kept_with_a_warning() {
    let mut g = Given::recorded();
    let warnings = g.ok(DecisionCommand::Publish {
        publication_date: d(2010, 6, 11),
        call_in_deadline: None,
        call_in_deadline_time: None,
        effective_from: Some(d(2010, 6, 21)),
        override_reason: None,
    });
    assert_eq!(
        warnings,
        vec![Warning::EffectiveDateDiffersFromRule {
            computed: d(2010, 6, 19),
            recorded: d(2010, 6, 21)
        }]
    );
    let p = g.state().publication().cloned().unwrap();
    assert_eq!(p.basis, DateBasis::AsPublished);
    assert_eq!(p.computed_effective_from, d(2010, 6, 19));
    assert_eq!(p.effective_from, d(2010, 6, 21));
    assert_eq!(g.state().effective_from(), Some(d(2010, 6, 21)));
}

#[test]
fn a_differing_call_in_deadline_without_a_reason_is_kept_with_a_warning() {
    let g = Given::recorded();
    let decided = g
        .when(DecisionCommand::Publish {
            publication_date: d(2010, 6, 11),
            call_in_deadline: Some(d(2010, 6, 17)),
            call_in_deadline_time: None,
            effective_from: Some(d(2010, 6, 19)),
            override_reason: None,
        })
        .unwrap();
    assert_eq!(
        decided.warnings,
        vec![Warning::CallInDeadlineDiffersFromRule {
            computed: Some(d(2010, 6, 18)),
            recorded: Some(d(2010, 6, 17))
        }]
    );
}

#[test]
fn explicit_dates_with_an_override_reason_are_an_override_without_warning() {
    let g = Given::recorded();
    let why = reason("Council offices closed for the election count.");
    let decided = g
        .when(DecisionCommand::Publish {
            publication_date: d(2010, 6, 11),
            call_in_deadline: Some(d(2010, 6, 21)),
            call_in_deadline_time: None,
            effective_from: Some(d(2010, 6, 22)),
            override_reason: Some(why.clone()),
        })
        .unwrap();
    assert_eq!(decided.warnings, vec![]);
    match &decided.events[..] {
        [Event::Decision(DecisionEvent::Published(p))] => {
            assert_eq!(p.basis, DateBasis::Override { reason: why });
            assert_eq!(p.computed_call_in_deadline, Some(d(2010, 6, 18)));
            assert_eq!(p.call_in_deadline, Some(d(2010, 6, 21)));
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn an_override_reason_without_explicit_dates_is_refused() {
    let g = Given::recorded();
    assert_eq!(
        g.when(DecisionCommand::Publish {
            publication_date: d(2010, 6, 11),
            call_in_deadline: None,
            call_in_deadline_time: None,
            effective_from: None,
            override_reason: Some(reason("because")),
        }),
        Err(DecisionError::OverrideReasonWithoutDates)
    );
}

#[test]
fn a_call_in_deadline_before_publication_is_refused() {
    let g = Given::recorded();
    assert_eq!(
        g.when(DecisionCommand::Publish {
            publication_date: d(2010, 6, 11),
            call_in_deadline: Some(d(2010, 6, 10)),
            call_in_deadline_time: None,
            effective_from: None,
            override_reason: Some(reason("imported")),
        }),
        Err(DecisionError::CallInDeadlineBeforePublication {
            deadline: d(2010, 6, 10),
            publication_date: d(2010, 6, 11)
        })
    );
}

#[test]
fn an_effective_date_before_the_decision_is_refused() {
    let g = Given::recorded();
    assert_eq!(
        g.when(DecisionCommand::Publish {
            publication_date: d(2010, 6, 11),
            call_in_deadline: None,
            call_in_deadline_time: None,
            effective_from: Some(d(2010, 6, 8)),
            override_reason: Some(reason("imported")),
        }),
        Err(DecisionError::EffectiveBeforeDecision {
            effective_from: d(2010, 6, 8),
            date_of_decision: d(2010, 6, 9)
        })
    );
}

#[test]
fn a_publication_date_after_today_is_refused() {
    let g = Given::recorded();
    assert_eq!(
        g.when(publish(d(2011, 1, 3))),
        Err(DecisionError::DateInFuture {
            date: d(2011, 1, 3),
            today: today()
        })
    );
}

#[test]
fn publishing_before_the_date_of_decision_is_accepted_with_a_warning() {
    let g = Given::recorded();
    let decided = g.when(publish(d(2010, 6, 8))).unwrap();
    assert_eq!(
        decided.warnings,
        vec![Warning::PublishedBeforeDecision {
            publication_date: d(2010, 6, 8),
            date_of_decision: d(2010, 6, 9)
        }]
    );
}

#[test]
fn a_decision_not_subject_to_call_in_takes_effect_from_the_date_of_decision() {
    let mut g = Given::recorded_with(|d| d.subject_to_call_in = Some(false));
    g.ok(publish(d(2010, 6, 11)));
    let p = g.state().publication().cloned().unwrap();
    assert_eq!(p.call_in, CallInTerms::NotSubjectToCallIn);
    assert_eq!(p.call_in_deadline, None);
    assert_eq!(p.effective_from, d(2010, 6, 9));
    assert_eq!(g.state().call_in_window(), None);
}

#[test]
fn a_call_in_deadline_for_a_decision_not_subject_to_call_in_is_refused() {
    let g = Given::recorded_with(|d| d.subject_to_call_in = Some(false));
    assert_eq!(
        g.when(DecisionCommand::Publish {
            publication_date: d(2010, 6, 11),
            call_in_deadline: Some(d(2010, 6, 18)),
            call_in_deadline_time: None,
            effective_from: None,
            override_reason: None,
        }),
        Err(DecisionError::CallInDeadlineWithoutCallIn)
    );
}

#[test]
fn a_record_silent_on_call_in_is_treated_as_subject_to_call_in_with_a_warning() {
    let g = Given::recorded_with(|d| d.subject_to_call_in = None);
    let decided = g.when(publish(d(2010, 6, 11))).unwrap();
    assert_eq!(decided.warnings, vec![Warning::CallInStatusNotStated]);
    match &decided.events[..] {
        [Event::Decision(DecisionEvent::Published(p))] => {
            assert_eq!(p.call_in_deadline, Some(d(2010, 6, 18)))
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn the_call_in_period_can_be_counted_from_the_decision_and_end_on_the_last_day() {
    let policy = CallInPolicy::uniform(CallInRule {
        counted_from: CountedFrom::Decision,
        takes_effect: TakesEffect::LastDay,
        ..Default::default()
    });
    let mut g = Given::recorded().council_does(CouncilCommand::SetCallInPolicy { policy });
    g.ok(publish(d(2010, 6, 11)));
    assert_eq!(
        g.state().call_in_window(),
        Some(CallInWindow {
            deadline: d(2010, 6, 16),
            deadline_time: None,
            effective_from: d(2010, 6, 16)
        })
    );
}

#[test]
fn a_council_closure_day_extends_the_call_in_period() {
    let mut g = Given::recorded().council_does(CouncilCommand::AddClosureDay {
        date: d(2010, 6, 14),
        reason: None,
    });
    g.ok(publish(d(2010, 6, 11)));
    assert_eq!(
        g.state().call_in_window(),
        Some(CallInWindow {
            deadline: d(2010, 6, 21),
            deadline_time: None,
            effective_from: d(2010, 6, 22)
        })
    );
}

#[test]
fn publishing_outside_the_calendars_years_is_refused_not_panicked() {
    let mut g = Given::nothing();
    let mut details = details(&g.f);
    details.date_of_decision = d(1800, 6, 9);
    details.representations_by = None;
    g.ok(DecisionCommand::Record {
        details: details.into(),
    });
    assert!(matches!(
        g.when(publish(d(1800, 6, 11))),
        Err(DecisionError::Calendar(_))
    ));
}

#[test]
fn publishing_twice_is_an_invalid_transition() {
    let g = Given::published();
    assert_eq!(
        g.when(publish(d(2010, 6, 12))),
        Err(invalid(
            DecisionStatus::Published,
            DecisionCommandKind::Publish
        ))
    );
}

// --- Exemption from call-in --------------------------------------------

#[test]
fn an_exempted_decision_takes_effect_at_once_on_publication() {
    let mut g = Given::recorded();
    g.ok(DecisionCommand::ExemptFromCallIn {
        agreed_by: name("Chair of Overview and Scrutiny"),
        reason: reason("Contract must be signed by 12 June."),
    });
    assert!(g.state().exemption().is_some());
    g.ok(publish(d(2010, 6, 11)));
    let p = g.state().publication().cloned().unwrap();
    assert_eq!(p.call_in, CallInTerms::ExemptedForUrgency);
    assert_eq!(p.effective_from, d(2010, 6, 9));
    assert_eq!(
        g.when(call_in(d(2010, 6, 14))),
        Err(DecisionError::ExemptedFromCallIn {
            agreed_by: name("Chair of Overview and Scrutiny")
        })
    );
}

#[test]
fn exemption_after_publication_is_an_invalid_transition() {
    let g = Given::published();
    assert_eq!(
        g.when(DecisionCommand::ExemptFromCallIn {
            agreed_by: name("Chair"),
            reason: reason("urgent")
        }),
        Err(invalid(
            DecisionStatus::Published,
            DecisionCommandKind::ExemptFromCallIn
        ))
    );
}

#[test]
fn exempting_twice_is_refused_as_already_exempted() {
    let mut g = Given::recorded();
    let exempt = DecisionCommand::ExemptFromCallIn {
        agreed_by: name("Chair"),
        reason: reason("urgent"),
    };
    g.ok(exempt.clone());
    assert_eq!(g.when(exempt), Err(DecisionError::AlreadyExempted));
}

#[test]
fn a_decision_not_subject_to_call_in_cannot_be_exempted_from_it() {
    let g = Given::recorded_with(|d| d.subject_to_call_in = Some(false));
    assert_eq!(
        g.when(DecisionCommand::ExemptFromCallIn {
            agreed_by: name("Chair"),
            reason: reason("urgent")
        }),
        Err(DecisionError::NotSubjectToCallIn)
    );
}

// --- Call-in ------------------------------------------------------------

#[test]
fn a_call_in_within_the_period_suspends_the_decision() {
    let g = Given::called_in();
    let s = g.state();
    assert_eq!(s.status(), DecisionStatus::CalledIn);
    assert_eq!(s.effective_from(), None);
    assert_eq!(s.call_in().unwrap().date, d(2010, 6, 15));
    assert_eq!(s.call_in().unwrap().members.as_slice().len(), 2);
}

#[test]
fn a_call_in_on_the_last_day_is_accepted() {
    let g = Given::published();
    assert!(g.when(call_in(d(2010, 6, 18))).is_ok());
}

#[test]
fn a_call_in_after_the_last_day_is_refused_naming_the_deadline() {
    let g = Given::published();
    assert_eq!(
        g.when(call_in(d(2010, 6, 19))),
        Err(DecisionError::CallInPeriodEnded {
            deadline: d(2010, 6, 18)
        })
    );
}

#[test]
fn a_call_in_before_publication_is_refused() {
    let g = Given::published();
    assert_eq!(
        g.when(call_in(d(2010, 6, 10))),
        Err(DecisionError::DateTooEarly {
            date: d(2010, 6, 10),
            earliest: d(2010, 6, 11)
        })
    );
}

#[test]
fn a_decision_not_subject_to_call_in_cannot_be_called_in() {
    let mut g = Given::recorded_with(|d| d.subject_to_call_in = Some(false));
    g.ok(publish(d(2010, 6, 11)));
    assert_eq!(
        g.when(call_in(d(2010, 6, 14))),
        Err(DecisionError::NotSubjectToCallIn)
    );
}

#[test]
fn a_decision_corrected_to_say_it_is_not_subject_to_call_in_cannot_be_called_in() {
    let mut g = Given::published();
    let mut corrected = g.state().details().clone();
    corrected.subject_to_call_in = Some(false);
    g.ok(DecisionCommand::Correct {
        details: corrected.into(),
        reason: reason("The notice was wrong."),
    });
    assert_eq!(
        g.when(call_in(d(2010, 6, 14))),
        Err(DecisionError::NotSubjectToCallIn)
    );
}

#[test]
fn an_unpublished_decision_cannot_be_called_in() {
    let g = Given::recorded();
    assert_eq!(
        g.when(call_in(d(2010, 6, 14))),
        Err(invalid(DecisionStatus::Made, DecisionCommandKind::CallIn))
    );
}

#[test]
fn no_further_action_on_a_call_in_makes_the_decision_effective_that_day() {
    let mut g = Given::called_in();
    g.ok(DecisionCommand::ResolveCallIn {
        outcome: CallInOutcome::NoFurtherAction,
        date: d(2010, 6, 24),
    });
    let s = g.state();
    assert_eq!(s.status(), DecisionStatus::Effective);
    assert_eq!(s.effective_from(), Some(d(2010, 6, 24)));
}

#[test]
fn a_referral_to_full_council_awaits_reconsideration() {
    let mut g = Given::called_in();
    g.ok(DecisionCommand::ResolveCallIn {
        outcome: CallInOutcome::ReferredToFullCouncil,
        date: d(2010, 6, 24),
    });
    assert_eq!(g.state().status(), DecisionStatus::AwaitingReconsideration);
    assert_eq!(g.state().effective_from(), None);
}

#[test]
fn a_call_in_result_before_the_call_in_is_refused() {
    let g = Given::called_in();
    assert_eq!(
        g.when(DecisionCommand::ResolveCallIn {
            outcome: CallInOutcome::NoFurtherAction,
            date: d(2010, 6, 14)
        }),
        Err(DecisionError::DateTooEarly {
            date: d(2010, 6, 14),
            earliest: d(2010, 6, 15)
        })
    );
}

#[test]
fn resolving_a_call_in_that_never_happened_is_an_invalid_transition() {
    let g = Given::published();
    assert_eq!(
        g.when(DecisionCommand::ResolveCallIn {
            outcome: CallInOutcome::NoFurtherAction,
            date: d(2010, 6, 24)
        }),
        Err(invalid(
            DecisionStatus::Published,
            DecisionCommandKind::ResolveCallIn
        ))
    );
}

// --- Reconsideration ----------------------------------------------------

#[test]
fn a_confirmed_reconsideration_makes_the_decision_effective_that_day() {
    let mut g = Given::awaiting_reconsideration();
    g.ok(DecisionCommand::Reconsider {
        result: Reconsideration::Confirmed,
        date: d(2010, 7, 7),
    });
    let s = g.state();
    assert_eq!(s.status(), DecisionStatus::Effective);
    assert_eq!(s.effective_from(), Some(d(2010, 7, 7)));
    assert_eq!(s.details(), &details_of(&g));
}

fn details_of(g: &Given) -> DecisionDetails {
    match &g.history[0] {
        Event::Decision(DecisionEvent::Recorded(r)) => r.details.clone(),
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn an_amended_reconsideration_replaces_the_resolutions_and_marks_the_amendment() {
    let mut g = Given::awaiting_reconsideration();
    let amended =
        resolutions(&["That the Strategy be approved subject to a review in six months."]);
    g.ok(DecisionCommand::Reconsider {
        result: Reconsideration::Amended(amended.clone()),
        date: d(2010, 7, 7),
    });
    let s = g.state();
    assert_eq!(s.details().resolutions, amended);
    assert_eq!(s.details().outcome, Some(Outcome::ApprovedWithAmendments));
    assert_ne!(s.details().resolutions, details_of(&g).resolutions);
}

#[test]
fn a_reconsideration_before_the_referral_is_refused() {
    let g = Given::awaiting_reconsideration();
    assert_eq!(
        g.when(DecisionCommand::Reconsider {
            result: Reconsideration::Confirmed,
            date: d(2010, 6, 23)
        }),
        Err(DecisionError::DateTooEarly {
            date: d(2010, 6, 23),
            earliest: d(2010, 6, 24)
        })
    );
}

#[test]
fn reconsidering_a_decision_that_was_not_referred_is_an_invalid_transition() {
    let g = Given::called_in();
    assert_eq!(
        g.when(DecisionCommand::Reconsider {
            result: Reconsideration::Confirmed,
            date: d(2010, 7, 7)
        }),
        Err(invalid(
            DecisionStatus::CalledIn,
            DecisionCommandKind::Reconsider
        ))
    );
}

// --- Taking effect and implementation ----------------------------------

#[test]
fn a_published_decision_takes_effect_on_or_after_its_effective_date() {
    let g = Given::published();
    assert_eq!(
        g.then_event(DecisionCommand::TakeEffect { on: d(2010, 6, 19) }),
        DecisionEvent::TookEffect(DecisionTookEffect { on: d(2010, 6, 19) })
    );
    let g = Given::effective();
    assert_eq!(g.state().status(), DecisionStatus::Effective);
    assert_eq!(g.state().effective_from(), Some(d(2010, 6, 19)));
    assert_eq!(g.state().took_effect_on(), Some(d(2010, 6, 19)));
}

#[test]
fn taking_effect_before_the_effective_date_is_refused() {
    let g = Given::published();
    assert_eq!(
        g.when(DecisionCommand::TakeEffect { on: d(2010, 6, 18) }),
        Err(DecisionError::TakeEffectBeforeEffectiveDate {
            on: d(2010, 6, 18),
            effective_from: d(2010, 6, 19)
        })
    );
}

#[test]
fn a_called_in_decision_cannot_take_effect() {
    let g = Given::called_in();
    assert_eq!(
        g.when(DecisionCommand::TakeEffect { on: d(2010, 6, 19) }),
        Err(invalid(
            DecisionStatus::CalledIn,
            DecisionCommandKind::TakeEffect
        ))
    );
}

#[test]
fn an_effective_decision_can_be_implemented_but_not_before_it_took_effect() {
    let mut g = Given::effective();
    assert_eq!(
        g.when(DecisionCommand::Implement {
            on: d(2010, 6, 18),
            note: None
        }),
        Err(DecisionError::DateTooEarly {
            date: d(2010, 6, 18),
            earliest: d(2010, 6, 19)
        })
    );
    g.ok(DecisionCommand::Implement {
        on: d(2010, 9, 1),
        note: Some(text("Strategy published on the intranet.")),
    });
    assert_eq!(g.state().status(), DecisionStatus::Implemented);
    assert_eq!(
        g.state().implementation_note().map(LongText::as_str),
        Some("Strategy published on the intranet.")
    );
}

#[test]
fn a_published_decision_cannot_be_implemented_before_taking_effect() {
    let g = Given::published();
    assert_eq!(
        g.when(DecisionCommand::Implement {
            on: d(2010, 9, 1),
            note: None
        }),
        Err(invalid(
            DecisionStatus::Published,
            DecisionCommandKind::Implement
        ))
    );
}

// --- Deferral, withdrawal, abandonment ---------------------------------

#[test]
fn a_made_decision_can_be_deferred_and_resumed() {
    let mut g = Given::recorded();
    g.ok(DecisionCommand::Defer {
        reason: reason("Awaiting legal advice."),
        until: Some(d(2010, 7, 1)),
    });
    assert_eq!(g.state().status(), DecisionStatus::Deferred);
    assert_eq!(
        g.when(publish(d(2010, 6, 11))),
        Err(invalid(
            DecisionStatus::Deferred,
            DecisionCommandKind::Publish
        ))
    );
    g.ok(DecisionCommand::Resume);
    assert_eq!(g.state().status(), DecisionStatus::Made);
    assert_eq!(g.state().deferrals().len(), 1);
    assert!(g.state().deferrals()[0].resumed);
}

#[test]
fn only_a_deferred_decision_can_be_resumed_and_only_a_made_one_deferred() {
    let g = Given::recorded();
    assert_eq!(
        g.when(DecisionCommand::Resume),
        Err(invalid(DecisionStatus::Made, DecisionCommandKind::Resume))
    );
    let g = Given::published();
    assert_eq!(
        g.when(DecisionCommand::Defer {
            reason: reason("x"),
            until: None
        }),
        Err(invalid(
            DecisionStatus::Published,
            DecisionCommandKind::Defer
        ))
    );
}

#[test]
fn a_decision_can_be_withdrawn_until_it_takes_effect() {
    for mut g in [
        Given::recorded(),
        Given::published(),
        Given::called_in(),
        Given::awaiting_reconsideration(),
    ] {
        g.ok(DecisionCommand::Withdraw {
            reason: reason("Superseded by the budget."),
        });
        assert_eq!(g.state().status(), DecisionStatus::Withdrawn);
        assert_eq!(g.state().effective_from(), None);
        assert_eq!(
            g.state().closing_reason(),
            Some(&reason("Superseded by the budget."))
        );
    }
    let g = Given::effective();
    assert_eq!(
        g.when(DecisionCommand::Withdraw {
            reason: reason("too late")
        }),
        Err(invalid(
            DecisionStatus::Effective,
            DecisionCommandKind::Withdraw
        ))
    );
}

#[test]
fn a_decision_can_be_abandoned_only_when_made_deferred_or_awaiting_reconsideration() {
    let mut deferred = Given::recorded();
    deferred.ok(DecisionCommand::Defer {
        reason: reason("wait"),
        until: None,
    });
    for mut g in [
        Given::recorded(),
        deferred,
        Given::awaiting_reconsideration(),
    ] {
        g.ok(DecisionCommand::Abandon {
            reason: reason("No longer needed."),
        });
        assert_eq!(g.state().status(), DecisionStatus::Abandoned);
    }
    let g = Given::published();
    assert_eq!(
        g.when(DecisionCommand::Abandon {
            reason: reason("x")
        }),
        Err(invalid(
            DecisionStatus::Published,
            DecisionCommandKind::Abandon
        ))
    );
}

#[test]
fn a_withdrawn_decision_accepts_no_lifecycle_command() {
    let mut g = Given::recorded();
    g.ok(DecisionCommand::Withdraw {
        reason: reason("x"),
    });
    for cmd in [
        publish(d(2010, 6, 11)),
        DecisionCommand::Resume,
        DecisionCommand::TakeEffect { on: d(2010, 6, 19) },
    ] {
        let kind = cmd.kind();
        assert_eq!(g.when(cmd), Err(invalid(DecisionStatus::Withdrawn, kind)));
    }
}

// --- Corrections --------------------------------------------------------

#[test]
fn a_correction_lists_the_changed_fields_and_keeps_the_previous_version() {
    let mut g = Given::effective();
    let before = g.state().details().clone();
    let mut corrected = before.clone();
    corrected.title = Title::parse("Information Strategy 2010 - 2013").unwrap();
    corrected.report_author = Some(name("P. Taylor"));
    let event = g.then_event(DecisionCommand::Correct {
        details: corrected.clone().into(),
        reason: reason("Typo in title."),
    });
    assert_eq!(
        event,
        DecisionEvent::Corrected(DecisionCorrected {
            details: corrected.clone(),
            reason: reason("Typo in title."),
            corrected_fields: vec![DecisionField::Title, DecisionField::ReportAuthor],
            corrected_on: today(),
        })
    );
    g.ok(DecisionCommand::Correct {
        details: corrected.clone().into(),
        reason: reason("Typo in title."),
    });
    let s = g.state();
    assert_eq!(s.details(), &corrected);
    assert_eq!(s.corrections().len(), 1);
    assert_eq!(s.corrections()[0].previous, before);
    assert_eq!(s.original_details(), &before);
    assert_eq!(s.status(), DecisionStatus::Effective);
}

#[test]
fn a_correction_that_changes_nothing_is_refused() {
    let g = Given::recorded();
    let same = g.state().details().clone();
    assert_eq!(
        g.when(DecisionCommand::Correct {
            details: same.into(),
            reason: reason("no-op")
        }),
        Err(DecisionError::NothingToCorrect)
    );
}

#[test]
fn a_correction_is_allowed_even_after_withdrawal() {
    let mut g = Given::recorded();
    g.ok(DecisionCommand::Withdraw {
        reason: reason("x"),
    });
    let mut corrected = g.state().details().clone();
    corrected.consultees = None;
    assert!(
        g.when(DecisionCommand::Correct {
            details: corrected.into(),
            reason: reason("fix")
        })
        .is_ok()
    );
}

#[test]
fn a_correction_moving_the_decision_after_its_effective_date_is_refused() {
    let g = Given::effective();
    let mut corrected = g.state().details().clone();
    corrected.date_of_decision = d(2010, 6, 20);
    assert_eq!(
        g.when(DecisionCommand::Correct {
            details: corrected.into(),
            reason: reason("wrong date")
        }),
        Err(DecisionError::EffectiveBeforeDecision {
            effective_from: d(2010, 6, 19),
            date_of_decision: d(2010, 6, 20)
        })
    );
}

#[test]
fn a_correction_is_checked_like_a_record() {
    let g = Given::recorded();
    let mut corrected = g.state().details().clone();
    corrected.date_of_decision = d(2011, 6, 9);
    assert!(matches!(
        g.when(DecisionCommand::Correct {
            details: corrected.into(),
            reason: reason("x")
        }),
        Err(DecisionError::DecisionDateInFuture { .. })
    ));
}

#[test]
fn every_error_has_an_edge_kind() {
    use crate::error::ErrorKind;
    assert_eq!(DecisionError::NotFound.kind(), ErrorKind::NotFound);
    assert_eq!(
        DecisionError::AlreadyRecorded.kind(),
        ErrorKind::AlreadyExists
    );
    assert_eq!(
        invalid(DecisionStatus::Made, DecisionCommandKind::CallIn).kind(),
        ErrorKind::InvalidTransition
    );
    assert_eq!(
        DecisionError::CallInPeriodEnded {
            deadline: d(2010, 6, 18)
        }
        .kind(),
        ErrorKind::InvalidTransition
    );
    assert_eq!(
        DecisionError::NothingToCorrect.kind(),
        ErrorKind::InvalidInput
    );
}

#[test]
fn invalid_transition_errors_name_the_state_and_the_command() {
    assert_eq!(
        invalid(DecisionStatus::Effective, DecisionCommandKind::Withdraw).to_string(),
        "cannot Withdraw a decision that is Effective"
    );
}

mod real_records {
    //! What real registers hold: values not stated, people, votes, links (issue 13).
    use super::*;

    fn member(id: Option<MemberId>, shown: &str) -> MemberRef {
        MemberRef {
            member_id: id,
            name_as_shown: name(shown),
        }
    }

    #[test]
    fn an_officer_decision_with_no_maker_status_or_outcome_is_kept_and_flagged() {
        let g = Given::nothing();
        let mut details = details(&g.f);
        details.decision_maker = None;
        details.decided_by = None;
        details.status_label = None;
        details.outcome = None;
        let decided = g
            .when(DecisionCommand::Record {
                details: details.clone().into(),
            })
            .unwrap();
        assert_eq!(
            decided.warnings,
            vec![Warning::NotStated {
                fields: vec![
                    DecisionField::DecisionMaker,
                    DecisionField::StatusLabel,
                    DecisionField::Outcome
                ]
            }]
        );
        assert_eq!(
            decided.events,
            vec![Event::Decision(DecisionEvent::Recorded(DecisionRecorded {
                decision_id: g.id,
                details,
            }))]
        );
    }

    #[test]
    fn members_named_by_id_must_be_the_councils_and_one_who_left_is_a_warning() {
        let stranger = MemberId::new();
        let g = Given::nothing();
        let mut details = details(&g.f);
        details.lead_member = Some(member(Some(stranger), "Cllr Nobody"));
        assert_eq!(
            g.when(DecisionCommand::Record {
                details: details.clone().into()
            }),
            Err(DecisionError::UnknownMember(stranger))
        );
        let g = Given::nothing()
            .council_does(CouncilCommand::AddMember {
                member: stranger,
                name: name("Cllr Somebody"),
                party: None,
            })
            .council_does(CouncilCommand::RecordMemberLeft {
                member: stranger,
                on: d(2010, 5, 6),
            });
        let mut details = super::details(&g.f);
        details.lead_member = Some(member(Some(stranger), "Cllr Somebody"));
        let decided = g
            .when(DecisionCommand::Record {
                details: details.into(),
            })
            .unwrap();
        assert_eq!(
            decided.warnings,
            vec![Warning::MemberLeftOffice {
                member: stranger,
                left_on: d(2010, 5, 6)
            }]
        );
    }

    #[test]
    fn none_declared_is_a_value_but_an_empty_declaration_is_refused() {
        let g = Given::nothing();
        let mut details = details(&g.f);
        details.interests = Interests::NoneDeclared;
        assert!(
            g.when(DecisionCommand::Record {
                details: details.clone().into()
            })
            .is_ok()
        );
        details.interests = Interests::Declared { interests: vec![] };
        assert_eq!(
            g.when(DecisionCommand::Record {
                details: details.into()
            }),
            Err(DecisionError::EmptyDeclaredInterests)
        );
    }

    #[test]
    fn a_vote_whose_names_do_not_add_up_is_kept_with_a_warning() {
        let g = Given::nothing();
        let mut details = details(&g.f);
        details.vote = Some(Vote {
            votes_for: Some(5),
            named: vec![NamedVote {
                member: member(None, "Cllr A"),
                cast: VoteCast::For,
            }],
            ..Vote::default()
        });
        let decided = g
            .when(DecisionCommand::Record {
                details: details.into(),
            })
            .unwrap();
        assert_eq!(
            decided.warnings,
            vec![Warning::VoteCountDisagreesWithNames {
                cast: VoteCast::For,
                stated: 5,
                named: 1
            }]
        );
    }

    #[test]
    fn a_record_cannot_link_to_itself_but_links_to_others_are_kept() {
        let g = Given::nothing();
        let mut details = details(&g.f);
        let other = DecisionId::new();
        details.links = vec![DecisionLink {
            relation: DecisionRelation::Reconsiders,
            decision_id: other,
        }];
        assert!(
            g.when(DecisionCommand::Record {
                details: details.clone().into()
            })
            .is_ok()
        );
        details.links.push(DecisionLink {
            relation: DecisionRelation::Replaces,
            decision_id: g.id,
        });
        assert_eq!(
            g.when(DecisionCommand::Record {
                details: details.into()
            }),
            Err(DecisionError::LinksToItself(g.id))
        );
    }

    #[test]
    fn an_exempt_notice_with_no_paragraph_is_kept_with_a_warning() {
        let g = Given::nothing();
        let mut details: DecisionDetails<RestrictionDraft> = details(&g.f).into();
        details.field_restrictions.push(FieldRestriction {
            field: DecisionField::Reasons,
            restriction: RestrictionDraft::exempt(None, &[]),
        });
        let decided = g.when(DecisionCommand::Record { details }).unwrap();
        assert_eq!(
            decided.warnings,
            vec![Warning::UnusualRestriction {
                what: crate::restriction::UnusualRestriction::ExemptWithoutParagraph
            }]
        );
    }

    #[test]
    fn a_correction_names_the_new_fields_it_changed() {
        let g = Given::recorded();
        let mut corrected = details_of(&g);
        corrected.references.reference = Some(Reference::parse("CAB/2010/045").unwrap());
        corrected.department = Some(name("Business Improvement"));
        let event = g.then_event(DecisionCommand::Correct {
            details: corrected.into(),
            reason: reason("Reference added from the minutes."),
        });
        let DecisionEvent::Corrected(corrected) = event else {
            panic!("expected a correction, got {event:?}");
        };
        assert_eq!(
            corrected.corrected_fields,
            vec![DecisionField::References, DecisionField::Department]
        );
    }
}

// --- Call-in policy by kind of decision maker --------------------------------

fn five_pm() -> Option<chrono::NaiveTime> {
    chrono::NaiveTime::from_hms_opt(17, 0, 0)
}

/// 5pm on the Friday of the following week, for cabinet members; officers not subject.
fn policy_by_kind() -> CallInPolicy {
    CallInPolicy::new(
        CallInRule::default(),
        vec![
            DecisionMakerCallIn {
                decision_maker: BodyKind::Officer,
                arrangement: CallInArrangement::NotSubjectToCallIn,
            },
            DecisionMakerCallIn {
                decision_maker: BodyKind::CabinetMember,
                arrangement: CallInArrangement::Window {
                    rule: CallInRule {
                        deadline: crate::council::CallInDeadline::WeekdayOfFollowingWeek {
                            weekday: crate::council::DeadlineWeekday::Friday,
                        },
                        deadline_time: five_pm(),
                        ..CallInRule::default()
                    },
                },
            },
        ],
    )
    .unwrap()
}

/// A decision recorded with a body of `kind` as decision maker, under [`policy_by_kind`].
fn recorded_by(kind: BodyKind, subject_to_call_in: Option<bool>) -> Given {
    let body = BodyId::new();
    let mut g = Given::nothing()
        .council_does(CouncilCommand::AddBody {
            body,
            name: name("The body"),
            kind,
        })
        .council_does(CouncilCommand::SetCallInPolicy {
            policy: policy_by_kind(),
        });
    let mut details = details(&g.f);
    let body_ref = BodyRef {
        body_id: body,
        name_as_shown: name("The body"),
    };
    details.decision_maker = Some(body_ref.clone());
    details.decided_by = Some(body_ref);
    details.subject_to_call_in = subject_to_call_in;
    g.ok(DecisionCommand::Record {
        details: details.into(),
    });
    g
}

#[test]
fn an_officer_decision_not_stated_as_subject_is_not_subject_under_the_policy() {
    let mut g = recorded_by(BodyKind::Officer, None);
    let warnings = g.ok(publish(d(2010, 6, 11)));
    assert_eq!(
        warnings,
        vec![Warning::CallInStatusTakenFromPolicy {
            decision_maker_kind: BodyKind::Officer
        }]
    );
    let p = g.state().publication().unwrap().clone();
    assert_eq!(
        p.call_in,
        CallInTerms::NotSubjectUnderPolicy {
            decision_maker_kind: BodyKind::Officer
        }
    );
    assert_eq!(p.call_in_deadline, None);
    assert_eq!(p.effective_from, d(2010, 6, 9));
    assert_eq!(
        g.when(call_in(d(2010, 6, 14))),
        Err(DecisionError::NotSubjectToCallIn)
    );
}

#[test]
fn an_officer_decision_the_record_says_is_subject_gets_the_council_wide_rule() {
    let mut g = recorded_by(BodyKind::Officer, Some(true));
    assert_eq!(g.ok(publish(d(2010, 6, 11))), vec![]);
    let p = g.state().publication().unwrap().clone();
    assert_eq!(
        p.call_in,
        CallInTerms::Window {
            rule: CallInRule::default(),
            decision_maker_kind: None
        }
    );
    assert_eq!(p.call_in_deadline, Some(d(2010, 6, 18)));
}

#[test]
fn a_cabinet_members_decision_gets_5pm_on_the_friday_of_the_following_week() {
    // Published Wed 9 June 2010: the following week's Friday is 18 June.
    let mut g = recorded_by(BodyKind::CabinetMember, Some(true));
    g.ok(publish(d(2010, 6, 9)));
    let s = g.state();
    let p = s.publication().unwrap();
    assert!(matches!(
        p.call_in,
        CallInTerms::Window {
            decision_maker_kind: Some(BodyKind::CabinetMember),
            ..
        }
    ));
    assert_eq!(
        s.call_in_window(),
        Some(CallInWindow {
            deadline: d(2010, 6, 18),
            deadline_time: five_pm(),
            effective_from: d(2010, 6, 19),
        })
    );
    assert_eq!(p.basis, DateBasis::Computed);
}

#[test]
fn a_cabinet_decision_without_its_own_arrangement_gets_the_council_wide_rule() {
    let mut g = Given::recorded().council_does(CouncilCommand::SetCallInPolicy {
        policy: policy_by_kind(),
    });
    g.ok(publish(d(2010, 6, 11)));
    assert_eq!(
        g.state().call_in_window(),
        Some(CallInWindow {
            deadline: d(2010, 6, 18),
            deadline_time: None,
            effective_from: d(2010, 6, 19),
        })
    );
}

#[test]
fn a_published_deadline_time_differing_from_the_rule_is_kept_with_a_warning() {
    let mut g = recorded_by(BodyKind::CabinetMember, Some(true));
    let noon = chrono::NaiveTime::from_hms_opt(12, 0, 0);
    let warnings = g.ok(DecisionCommand::Publish {
        publication_date: d(2010, 6, 9),
        call_in_deadline: None,
        call_in_deadline_time: noon,
        effective_from: None,
        override_reason: None,
    });
    assert_eq!(
        warnings,
        vec![Warning::CallInDeadlineTimeDiffersFromRule {
            computed: five_pm(),
            recorded: noon
        }]
    );
    let s = g.state();
    let p = s.publication().unwrap();
    assert_eq!(p.call_in_deadline_time, noon);
    assert_eq!(p.basis, DateBasis::AsPublished);
}

#[test]
fn a_published_deadline_date_without_a_time_states_no_time() {
    let mut g = recorded_by(BodyKind::CabinetMember, Some(true));
    g.ok(DecisionCommand::Publish {
        publication_date: d(2010, 6, 9),
        call_in_deadline: Some(d(2010, 6, 21)),
        call_in_deadline_time: None,
        effective_from: None,
        override_reason: Some(reason("Extended by the Monitoring Officer.")),
    });
    let s = g.state();
    let p = s.publication().unwrap();
    assert_eq!(p.call_in_deadline, Some(d(2010, 6, 21)));
    assert_eq!(p.call_in_deadline_time, None);
}

#[test]
fn a_deadline_time_for_a_decision_without_call_in_is_refused() {
    let g = recorded_by(BodyKind::Officer, None);
    assert_eq!(
        g.when(DecisionCommand::Publish {
            publication_date: d(2010, 6, 11),
            call_in_deadline: None,
            call_in_deadline_time: five_pm(),
            effective_from: None,
            override_reason: None,
        }),
        Err(DecisionError::CallInDeadlineWithoutCallIn)
    );
}

// --- Call-in as it happens --------------------------------------------------

#[test]
fn a_withdrawn_call_in_publishes_the_decision_again_effective_as_before() {
    let mut g = Given::called_in();
    let event = g.then_event(DecisionCommand::WithdrawCallIn {
        date: d(2010, 6, 16),
        reason: Some(reason("Questions answered.")),
    });
    assert_eq!(
        event,
        DecisionEvent::CallInWithdrawn(DecisionCallInWithdrawn {
            date: d(2010, 6, 16),
            reason: Some(reason("Questions answered.")),
            effective_from: Some(d(2010, 6, 19)),
        })
    );
    g.ok(DecisionCommand::WithdrawCallIn {
        date: d(2010, 6, 16),
        reason: Some(reason("Questions answered.")),
    });
    let s = g.state();
    assert_eq!(s.status(), DecisionStatus::Published);
    assert_eq!(s.effective_from(), Some(d(2010, 6, 19)));
    assert_eq!(s.call_in_resolution(), None);
    assert!(matches!(
        s.call_in_requests()[0].end,
        Some(CallInEnd::Withdrawn(_))
    ));
    // It can now take effect as usual.
    g.ok(DecisionCommand::TakeEffect { on: d(2010, 6, 19) });
    assert_eq!(g.state().status(), DecisionStatus::Effective);
}

#[test]
fn a_call_in_ruled_invalid_after_the_effective_date_makes_it_effective_from_the_ruling() {
    let mut g = Given::called_in();
    g.ok(DecisionCommand::RuleCallInInvalid {
        date: d(2010, 6, 22),
        ruled_by: Some(name("Monitoring Officer")),
        reason: Some(reason(
            "Signed by two members; the constitution requires three.",
        )),
    });
    let s = g.state();
    assert_eq!(s.status(), DecisionStatus::Published);
    assert_eq!(s.effective_from(), Some(d(2010, 6, 22)));
    match &s.call_in_requests()[0].end {
        Some(CallInEnd::RuledInvalid(e)) => {
            assert_eq!(e.ruled_by, Some(name("Monitoring Officer")))
        }
        other => panic!("unexpected {other:?}"),
    }
    // It was suspended until the ruling: it cannot have taken effect before.
    assert_eq!(
        g.when(DecisionCommand::TakeEffect { on: d(2010, 6, 19) }),
        Err(DecisionError::TakeEffectBeforeEffectiveDate {
            on: d(2010, 6, 19),
            effective_from: d(2010, 6, 22)
        })
    );
    g.ok(DecisionCommand::TakeEffect { on: d(2010, 6, 22) });
}

#[test]
fn withdrawing_or_ruling_on_a_call_in_needs_an_open_one() {
    let g = Given::published();
    assert_eq!(
        g.when(DecisionCommand::WithdrawCallIn {
            date: d(2010, 6, 16),
            reason: None
        }),
        Err(invalid(
            DecisionStatus::Published,
            DecisionCommandKind::WithdrawCallIn
        ))
    );
    assert_eq!(
        g.when(DecisionCommand::RuleCallInInvalid {
            date: d(2010, 6, 16),
            ruled_by: None,
            reason: None
        }),
        Err(invalid(
            DecisionStatus::Published,
            DecisionCommandKind::RuleCallInInvalid
        ))
    );
    let g = Given::recorded();
    assert_eq!(
        g.when(DecisionCommand::WithdrawCallIn {
            date: d(2010, 6, 16),
            reason: None
        }),
        Err(invalid(
            DecisionStatus::Made,
            DecisionCommandKind::WithdrawCallIn
        ))
    );
}

#[test]
fn a_withdrawal_before_the_call_in_or_after_today_is_refused() {
    let g = Given::called_in();
    assert_eq!(
        g.when(DecisionCommand::WithdrawCallIn {
            date: d(2010, 6, 14),
            reason: None
        }),
        Err(DecisionError::DateTooEarly {
            date: d(2010, 6, 14),
            earliest: d(2010, 6, 15)
        })
    );
    assert_eq!(
        g.when(DecisionCommand::RuleCallInInvalid {
            date: d(2011, 1, 1),
            ruled_by: None,
            reason: None
        }),
        Err(DecisionError::DateInFuture {
            date: d(2011, 1, 1),
            today: today()
        })
    );
}

fn call_in_not_suspending(on: NaiveDate) -> DecisionCommand {
    match call_in(on) {
        DecisionCommand::CallIn {
            members,
            reason,
            date,
            ..
        } => DecisionCommand::CallIn {
            members,
            reason,
            date,
            suspends: false,
        },
        other => other,
    }
}

#[test]
fn a_call_in_that_does_not_suspend_leaves_the_decision_to_take_effect() {
    let mut g = Given::published();
    g.ok(call_in_not_suspending(d(2010, 6, 15)));
    let s = g.state();
    assert_eq!(s.status(), DecisionStatus::Published);
    assert_eq!(s.effective_from(), Some(d(2010, 6, 19)));
    assert!(!s.call_in().unwrap().suspends_decision);
    // A second request while it is open is refused.
    assert_eq!(
        g.when(call_in(d(2010, 6, 16))),
        Err(DecisionError::CallInAlreadyOpen)
    );
    g.ok(DecisionCommand::TakeEffect { on: d(2010, 6, 19) });
    // Scrutiny's referral is recorded; the decision stays in effect.
    g.ok(DecisionCommand::ResolveCallIn {
        outcome: CallInOutcome::ReferredBackToDecisionMaker,
        date: d(2010, 6, 24),
    });
    let s = g.state();
    assert_eq!(s.status(), DecisionStatus::Effective);
    assert_eq!(
        s.call_in_resolution().map(|r| r.outcome),
        Some(CallInOutcome::ReferredBackToDecisionMaker)
    );
}

#[test]
fn a_decision_in_effect_can_be_called_in_only_without_suspending_it() {
    let mut g = Given::effective();
    assert_eq!(
        g.when(call_in(d(2010, 6, 18))),
        Err(DecisionError::CallInCannotSuspend {
            state: DecisionStatus::Effective
        })
    );
    g.ok(call_in_not_suspending(d(2010, 6, 18)));
    g.ok(DecisionCommand::WithdrawCallIn {
        date: d(2010, 6, 20),
        reason: None,
    });
    let s = g.state();
    assert_eq!(s.status(), DecisionStatus::Effective);
    assert_eq!(s.call_in_requests().len(), 1);
}

#[test]
fn a_withdrawn_request_can_be_followed_by_another_within_the_period() {
    let mut g = Given::called_in();
    g.ok(DecisionCommand::WithdrawCallIn {
        date: d(2010, 6, 16),
        reason: None,
    });
    g.ok(call_in(d(2010, 6, 17)));
    let s = g.state();
    assert_eq!(s.status(), DecisionStatus::CalledIn);
    assert_eq!(s.call_in_requests().len(), 2);
    assert_eq!(s.call_in().unwrap().date, d(2010, 6, 17));
}

// --- Recommendations to full council ------------------------------------------

#[test]
fn a_recommendation_to_full_council_does_not_take_effect_or_get_called_in() {
    let mut g = Given::recorded();
    g.ok(DecisionCommand::RecommendToFullCouncil {
        full_council_meeting_on: Some(d(2010, 7, 14)),
    });
    let s = g.state();
    assert_eq!(s.status(), DecisionStatus::RecommendedToFullCouncil);
    assert_eq!(
        s.recommendation(),
        Some(&Recommendation {
            full_council_meeting_on: Some(d(2010, 7, 14)),
            full_council_decision: None
        })
    );
    for (command, kind) in [
        (
            DecisionCommand::TakeEffect { on: d(2010, 7, 14) },
            DecisionCommandKind::TakeEffect,
        ),
        (
            DecisionCommand::Implement {
                on: d(2010, 7, 14),
                note: None,
            },
            DecisionCommandKind::Implement,
        ),
        (call_in(d(2010, 6, 15)), DecisionCommandKind::CallIn),
        (publish(d(2010, 6, 11)), DecisionCommandKind::Publish),
    ] {
        assert_eq!(
            g.when(command),
            Err(invalid(DecisionStatus::RecommendedToFullCouncil, kind))
        );
    }
}

#[test]
fn a_published_recommendation_loses_its_effective_date() {
    let mut g = Given::published();
    g.ok(DecisionCommand::RecommendToFullCouncil {
        full_council_meeting_on: None,
    });
    let s = g.state();
    assert_eq!(s.status(), DecisionStatus::RecommendedToFullCouncil);
    assert_eq!(s.effective_from(), None);
    assert!(!s.is_effective_on(d(2010, 12, 31)));
}

#[test]
fn a_recommendation_is_linked_once_to_full_councils_decision_and_never_to_itself() {
    let mut g = Given::recorded();
    g.ok(DecisionCommand::RecommendToFullCouncil {
        full_council_meeting_on: None,
    });
    assert_eq!(
        g.when(DecisionCommand::LinkFullCouncilDecision { decision: g.id }),
        Err(DecisionError::LinkedToItself)
    );
    let council_decision = DecisionId::new();
    g.ok(DecisionCommand::LinkFullCouncilDecision {
        decision: council_decision,
    });
    assert_eq!(
        g.state()
            .recommendation()
            .and_then(|r| r.full_council_decision),
        Some(council_decision)
    );
    assert_eq!(
        g.when(DecisionCommand::LinkFullCouncilDecision {
            decision: DecisionId::new()
        }),
        Err(DecisionError::AlreadyLinked)
    );
    let unlinked = Given::recorded();
    assert_eq!(
        unlinked.when(DecisionCommand::LinkFullCouncilDecision {
            decision: council_decision
        }),
        Err(invalid(
            DecisionStatus::Made,
            DecisionCommandKind::LinkFullCouncilDecision
        ))
    );
}

#[test]
fn full_council_cannot_recommend_to_itself() {
    let g = recorded_by(BodyKind::FullCouncil, Some(false));
    assert_eq!(
        g.when(DecisionCommand::RecommendToFullCouncil {
            full_council_meeting_on: None
        }),
        Err(DecisionError::RecommendationByFullCouncil)
    );
}

// --- Records with no publication date ----------------------------------------

#[test]
fn a_record_not_subject_to_call_in_takes_effect_without_publication_with_a_warning() {
    let mut g = Given::recorded_with(|d| d.subject_to_call_in = Some(false));
    let warnings = g.ok(DecisionCommand::TakeEffect { on: d(2010, 6, 9) });
    assert_eq!(warnings, vec![Warning::PublicationDateNotStated]);
    let s = g.state();
    assert_eq!(s.status(), DecisionStatus::Effective);
    assert_eq!(s.publication_date(), None);
    assert_eq!(s.took_effect_on(), Some(d(2010, 6, 9)));
    assert!(s.is_effective_on(d(2010, 6, 9)));
    assert!(!s.is_effective_on(d(2010, 6, 8)));
    g.ok(DecisionCommand::Implement {
        on: d(2010, 7, 1),
        note: None,
    });
    assert_eq!(g.state().status(), DecisionStatus::Implemented);
}

#[test]
fn an_officer_decision_the_policy_exempts_takes_effect_without_publication() {
    let mut g = recorded_by(BodyKind::Officer, None);
    assert_eq!(
        g.ok(DecisionCommand::TakeEffect { on: d(2010, 6, 9) }),
        vec![Warning::PublicationDateNotStated]
    );
}

#[test]
fn a_record_that_may_be_subject_to_call_in_says_the_period_could_not_be_checked() {
    let mut g = Given::recorded_with(|d| d.subject_to_call_in = None);
    assert_eq!(
        g.ok(DecisionCommand::TakeEffect { on: d(2010, 6, 19) }),
        vec![
            Warning::PublicationDateNotStated,
            Warning::CallInPeriodNotChecked {
                call_in_status_stated: false
            }
        ]
    );
    let mut g = Given::recorded();
    assert_eq!(
        g.ok(DecisionCommand::TakeEffect { on: d(2010, 6, 19) }),
        vec![
            Warning::PublicationDateNotStated,
            Warning::CallInPeriodNotChecked {
                call_in_status_stated: true
            }
        ]
    );
}

#[test]
fn a_record_implemented_with_nothing_else_stated_says_what_was_not_stated() {
    let mut g = Given::recorded_with(|d| d.subject_to_call_in = Some(false));
    assert_eq!(
        g.ok(DecisionCommand::Implement {
            on: d(2010, 7, 1),
            note: Some(text("Contract signed."))
        }),
        vec![
            Warning::PublicationDateNotStated,
            Warning::EffectiveDateNotStated
        ]
    );
    let s = g.state();
    assert_eq!(s.status(), DecisionStatus::Implemented);
    assert_eq!(s.effective_from(), None);
}

#[test]
fn an_unpublished_record_cannot_take_effect_or_be_implemented_before_its_decision() {
    let g = Given::recorded();
    assert_eq!(
        g.when(DecisionCommand::TakeEffect { on: d(2010, 6, 8) }),
        Err(DecisionError::EffectiveBeforeDecision {
            effective_from: d(2010, 6, 8),
            date_of_decision: d(2010, 6, 9)
        })
    );
    assert_eq!(
        g.when(DecisionCommand::Implement {
            on: d(2010, 6, 8),
            note: None
        }),
        Err(DecisionError::DateTooEarly {
            date: d(2010, 6, 8),
            earliest: d(2010, 6, 9)
        })
    );
}

#[test]
fn a_deferred_record_must_be_resumed_before_it_takes_effect() {
    let mut g = Given::recorded();
    g.ok(DecisionCommand::Defer {
        reason: reason("Awaiting legal advice."),
        until: None,
    });
    assert_eq!(
        g.when(DecisionCommand::TakeEffect { on: d(2010, 6, 19) }),
        Err(invalid(
            DecisionStatus::Deferred,
            DecisionCommandKind::TakeEffect
        ))
    );
}

// --- Full council's referral back ---------------------------------------------

fn referred_to_full_council() -> Given {
    let mut g = Given::called_in();
    g.ok(DecisionCommand::ResolveCallIn {
        outcome: CallInOutcome::ReferredToFullCouncil,
        date: d(2010, 6, 24),
    });
    g
}

#[test]
fn full_council_refers_a_decision_back_and_the_decision_maker_then_confirms_it() {
    let mut g = referred_to_full_council();
    g.ok(DecisionCommand::Reconsider {
        result: Reconsideration::ReferredBackByFullCouncil,
        date: d(2010, 7, 14),
    });
    let s = g.state();
    assert_eq!(s.status(), DecisionStatus::AwaitingReconsideration);
    assert_eq!(s.full_council_referral(), Some(d(2010, 7, 14)));
    assert_eq!(s.effective_from(), None);
    // Once only.
    assert_eq!(
        g.when(DecisionCommand::Reconsider {
            result: Reconsideration::ReferredBackByFullCouncil,
            date: d(2010, 7, 15),
        }),
        Err(DecisionError::NotBeforeFullCouncil)
    );
    // The decision maker cannot have reconsidered before full council referred it back.
    assert_eq!(
        g.when(DecisionCommand::Reconsider {
            result: Reconsideration::Confirmed,
            date: d(2010, 7, 13),
        }),
        Err(DecisionError::DateTooEarly {
            date: d(2010, 7, 13),
            earliest: d(2010, 7, 14)
        })
    );
    g.ok(DecisionCommand::Reconsider {
        result: Reconsideration::Confirmed,
        date: d(2010, 7, 21),
    });
    let s = g.state();
    assert_eq!(s.status(), DecisionStatus::Effective);
    assert_eq!(s.effective_from(), Some(d(2010, 7, 21)));
}

#[test]
fn only_a_decision_referred_to_full_council_can_be_referred_back_by_it() {
    let g = Given::awaiting_reconsideration();
    assert_eq!(
        g.when(DecisionCommand::Reconsider {
            result: Reconsideration::ReferredBackByFullCouncil,
            date: d(2010, 7, 14),
        }),
        Err(DecisionError::NotBeforeFullCouncil)
    );
}

#[test]
fn the_pages_a_record_was_read_from_are_noted_in_any_state_each_as_last_read() {
    let mut g = Given::effective();
    let first = crate::provenance::sample();
    g.ok(DecisionCommand::NoteSource {
        provenance: first.clone(),
    });
    assert_eq!(g.state().sources(), std::slice::from_ref(&first));
    assert_eq!(g.state().status(), DecisionStatus::Effective);
    // The same reading again is not news.
    assert_eq!(
        g.when(DecisionCommand::NoteSource {
            provenance: first.clone()
        }),
        Err(DecisionError::SourceAlreadyNoted)
    );
    // A later reading of the same page replaces it; another page is kept beside it.
    let mut second = first.clone();
    second.fields.pop();
    g.ok(DecisionCommand::NoteSource {
        provenance: second.clone(),
    });
    assert_eq!(g.state().sources(), [second.clone()]);
    let mut list = first;
    list.location = SourceLocation::parse("saved/list.html").unwrap();
    g.ok(DecisionCommand::NoteSource {
        provenance: list.clone(),
    });
    assert_eq!(g.state().sources(), [second, list]);
}
