//! Given events, when a command, then events or an error.

use super::*;
use crate::decision::WardList;
use crate::restriction::{ExemptionScheme, Restriction};
use crate::testing::*;
use crate::values::{Title, WardId};

fn today() -> NaiveDate {
    d(2010, 12, 31)
}

fn entry_details(f: &Fixture, key: bool) -> ForwardPlanDetails {
    ForwardPlanDetails {
        title: Title::parse("Information Strategy 2010 - 13").unwrap(),
        description: Some(text("Annual review of the rolling three-year strategy.")),
        decision_maker: f.cabinet,
        key_decision: key,
        reason_key: vec![name("Policies, Plans, Strategies")],
        wards: Wards::All,
        consultees: Some(text("Finance, Assistant Directors.")),
        representations: Some(Representations {
            how: text("By email to the report author."),
            by: Some(d(2010, 5, 21)),
        }),
        anticipated_restriction: AnticipatedRestriction::Open,
    }
}

fn enter(
    f: &Fixture,
    key: bool,
    notice_date: NaiveDate,
    date_due: NaiveDate,
    notice: NoticeKind,
) -> ForwardPlanCommand {
    ForwardPlanCommand::Enter {
        details: entry_details(f, key).into(),
        date_due,
        notice_date,
        notice,
    }
}

struct Given {
    f: Fixture,
    id: ForwardPlanEntryId,
    history: Vec<Event>,
}

impl Given {
    fn nothing() -> Self {
        Given {
            f: fixture(),
            id: ForwardPlanEntryId::new(),
            history: Vec::new(),
        }
    }

    fn entered() -> Self {
        let mut g = Self::nothing();
        let cmd = enter(
            &g.f,
            true,
            d(2010, 5, 1),
            d(2010, 6, 9),
            NoticeKind::Standard,
        );
        g.ok(cmd);
        g
    }

    fn when(&self, command: ForwardPlanCommand) -> Result<Decided, ForwardPlanError> {
        let state = ForwardPlanEntry::from_history(&self.history);
        ForwardPlanEntry::handle(state.as_ref(), self.id, &command, &self.f.council, today())
    }

    fn ok(&mut self, command: ForwardPlanCommand) -> Vec<Warning> {
        let decided = self.when(command).unwrap();
        self.history.extend(decided.events);
        decided.warnings
    }

    fn state(&self) -> ForwardPlanEntry {
        ForwardPlanEntry::from_history(&self.history).unwrap()
    }
}

#[test]
fn a_key_decision_with_28_clear_days_notice_is_entered() {
    let g = Given::nothing();
    let decided = g
        .when(enter(
            &g.f,
            true,
            d(2010, 6, 1),
            d(2010, 6, 30),
            NoticeKind::Standard,
        ))
        .unwrap();
    assert_eq!(decided.warnings, vec![]);
    assert_eq!(
        decided.events,
        vec![Event::ForwardPlan(ForwardPlanEvent::Entered(
            ForwardPlanEntryEntered {
                entry_id: g.id,
                details: entry_details(&g.f, true),
                date_due: d(2010, 6, 30),
                notice_date: d(2010, 6, 1),
                notice: NoticeKind::Standard,
            }
        ))]
    );
}

#[test]
fn a_key_decision_with_less_than_28_clear_days_and_no_exception_is_refused() {
    let g = Given::nothing();
    assert_eq!(
        g.when(enter(
            &g.f,
            true,
            d(2010, 6, 2),
            d(2010, 6, 30),
            NoticeKind::Standard
        )),
        Err(ForwardPlanError::InsufficientNotice {
            given: 27,
            required: 28
        })
    );
}

#[test]
fn a_general_exception_needs_five_clear_days_and_is_flagged_as_short_notice() {
    let g = Given::nothing();
    let exception = NoticeKind::GeneralException {
        reason: reason("Grant deadline set by government."),
    };
    let decided = g
        .when(enter(
            &g.f,
            true,
            d(2010, 6, 1),
            d(2010, 6, 7),
            exception.clone(),
        ))
        .unwrap();
    assert_eq!(
        decided.warnings,
        vec![Warning::ShortNotice { clear_days: 5 }]
    );
    assert_eq!(
        g.when(enter(&g.f, true, d(2010, 6, 1), d(2010, 6, 6), exception)),
        Err(ForwardPlanError::InsufficientNotice {
            given: 4,
            required: 5
        })
    );
}

#[test]
fn special_urgency_agreed_by_the_scrutiny_chair_needs_no_minimum_notice() {
    let g = Given::nothing();
    let urgency = NoticeKind::SpecialUrgency {
        agreed_by: name("Chair of Overview and Scrutiny"),
        reason: reason("Emergency repairs to the river wall."),
    };
    let decided = g
        .when(enter(&g.f, true, d(2010, 6, 1), d(2010, 6, 2), urgency))
        .unwrap();
    assert_eq!(
        decided.warnings,
        vec![Warning::ShortNotice { clear_days: 0 }]
    );
}

#[test]
fn a_non_key_entry_needs_no_minimum_notice() {
    let g = Given::nothing();
    let decided = g
        .when(enter(
            &g.f,
            false,
            d(2010, 6, 1),
            d(2010, 6, 2),
            NoticeKind::Standard,
        ))
        .unwrap();
    assert_eq!(decided.warnings, vec![]);
}

#[test]
fn a_date_due_before_the_notice_or_a_notice_after_today_is_refused() {
    let g = Given::nothing();
    assert_eq!(
        g.when(enter(
            &g.f,
            false,
            d(2010, 6, 2),
            d(2010, 6, 1),
            NoticeKind::Standard
        )),
        Err(ForwardPlanError::DueBeforeNotice {
            date_due: d(2010, 6, 1),
            notice_date: d(2010, 6, 2)
        })
    );
    assert_eq!(
        g.when(enter(
            &g.f,
            false,
            d(2011, 1, 2),
            d(2011, 3, 1),
            NoticeKind::Standard
        )),
        Err(ForwardPlanError::NoticeDateInFuture {
            notice_date: d(2011, 1, 2),
            today: today()
        })
    );
}

#[test]
fn unknown_bodies_and_wards_are_refused() {
    let g = Given::nothing();
    let mut details = entry_details(&g.f, false);
    let stranger = WardId::new();
    details.wards = Wards::Listed {
        ward_ids: WardList::parse(vec![g.f.ward_a, stranger]).unwrap(),
    };
    let cmd = ForwardPlanCommand::Enter {
        details: details.clone().into(),
        date_due: d(2010, 7, 1),
        notice_date: d(2010, 6, 1),
        notice: NoticeKind::Standard,
    };
    assert_eq!(g.when(cmd), Err(ForwardPlanError::UnknownWard(stranger)));
    details.wards = Wards::All;
    let body = crate::values::BodyId::new();
    details.decision_maker = body;
    let cmd = ForwardPlanCommand::Enter {
        details: details.into(),
        date_due: d(2010, 7, 1),
        notice_date: d(2010, 6, 1),
        notice: NoticeKind::Standard,
    };
    assert_eq!(g.when(cmd), Err(ForwardPlanError::UnknownBody(body)));
}

#[test]
fn representations_invited_after_the_date_due_are_flagged() {
    let g = Given::nothing();
    let mut details = entry_details(&g.f, false);
    details.representations = Some(Representations {
        how: text("In writing"),
        by: Some(d(2010, 7, 10)),
    });
    let cmd = ForwardPlanCommand::Enter {
        details: details.into(),
        date_due: d(2010, 7, 1),
        notice_date: d(2010, 6, 1),
        notice: NoticeKind::Standard,
    };
    assert_eq!(
        g.when(cmd).unwrap().warnings,
        vec![Warning::RepresentationsDeadlineAfterDecision {
            representations_by: d(2010, 7, 10),
            date_of_decision: d(2010, 7, 1)
        }]
    );
}

#[test]
fn an_anticipated_restriction_carries_its_basis_when_known() {
    let r = Restriction::parse(crate::restriction::RestrictionDraft::exempt(
        Some(ExemptionScheme::Schedule12APart1),
        &[3],
    ))
    .unwrap();
    let part = AnticipatedRestriction::PartExempt {
        restriction: Some(r.clone()),
    };
    assert_eq!(part.restriction(), Some(&r));
    assert_eq!(
        AnticipatedRestriction::FullyExempt { restriction: None }.restriction(),
        None
    );
    assert_eq!(AnticipatedRestriction::Open.restriction(), None);
}

#[test]
fn entering_twice_is_refused_and_other_commands_need_an_entry() {
    let g = Given::entered();
    let cmd = enter(
        &g.f,
        false,
        d(2010, 6, 1),
        d(2010, 6, 2),
        NoticeKind::Standard,
    );
    assert_eq!(g.when(cmd), Err(ForwardPlanError::AlreadyEntered));
    let empty = Given::nothing();
    assert_eq!(
        empty.when(ForwardPlanCommand::Withdraw {
            reason: reason("x")
        }),
        Err(ForwardPlanError::NotFound)
    );
}

#[test]
fn rescheduling_keeps_the_history_of_dates_and_reasons() {
    let mut g = Given::entered();
    g.ok(ForwardPlanCommand::Reschedule {
        date_due: d(2010, 7, 7),
        reason: reason("Awaiting budget outturn."),
    });
    g.ok(ForwardPlanCommand::Reschedule {
        date_due: d(2010, 6, 9),
        reason: reason("Outturn arrived early."),
    });
    let s = g.state();
    assert_eq!(s.date_due(), d(2010, 6, 9));
    assert_eq!(s.original_date_due(), d(2010, 6, 9));
    assert_eq!(
        s.reschedulings(),
        &[
            Rescheduling {
                from: d(2010, 6, 9),
                to: d(2010, 7, 7),
                reason: reason("Awaiting budget outturn.")
            },
            Rescheduling {
                from: d(2010, 7, 7),
                to: d(2010, 6, 9),
                reason: reason("Outturn arrived early.")
            },
        ]
    );
    assert_eq!(s.clear_days_notice(), 38);
}

#[test]
fn rescheduling_to_the_same_date_or_inside_the_notice_period_is_refused() {
    let g = Given::entered();
    assert_eq!(
        g.when(ForwardPlanCommand::Reschedule {
            date_due: d(2010, 6, 9),
            reason: reason("x")
        }),
        Err(ForwardPlanError::DateUnchanged(d(2010, 6, 9)))
    );
    assert_eq!(
        g.when(ForwardPlanCommand::Reschedule {
            date_due: d(2010, 5, 20),
            reason: reason("sooner")
        }),
        Err(ForwardPlanError::InsufficientNotice {
            given: 18,
            required: 28
        })
    );
}

#[test]
fn linking_the_resulting_decision_closes_the_entry() {
    let mut g = Given::entered();
    let decision = DecisionId::new();
    g.ok(ForwardPlanCommand::LinkDecision { decision });
    assert_eq!(g.state().status(), ForwardPlanStatus::Decided);
    assert_eq!(g.state().decision(), Some(decision));
    assert_eq!(
        g.when(ForwardPlanCommand::Reschedule {
            date_due: d(2010, 8, 1),
            reason: reason("x")
        }),
        Err(ForwardPlanError::InvalidTransition {
            state: ForwardPlanStatus::Decided,
            command: ForwardPlanCommandKind::Reschedule
        })
    );
}

#[test]
fn withdrawn_and_abandoned_entries_keep_their_reasons_and_accept_nothing_more() {
    let mut g = Given::entered();
    g.ok(ForwardPlanCommand::Withdraw {
        reason: reason("Will return in the autumn."),
    });
    assert_eq!(g.state().status(), ForwardPlanStatus::Withdrawn);
    assert_eq!(
        g.state().closing_reason(),
        Some(&reason("Will return in the autumn."))
    );
    assert_eq!(
        g.when(ForwardPlanCommand::Abandon {
            reason: reason("x")
        }),
        Err(ForwardPlanError::InvalidTransition {
            state: ForwardPlanStatus::Withdrawn,
            command: ForwardPlanCommandKind::Abandon
        })
    );
    let mut g = Given::entered();
    g.ok(ForwardPlanCommand::Abandon {
        reason: reason("Project cancelled."),
    });
    assert_eq!(g.state().status(), ForwardPlanStatus::Abandoned);
    assert!(
        g.when(ForwardPlanCommand::LinkDecision {
            decision: DecisionId::new()
        })
        .is_err()
    );
}

#[test]
fn every_forward_plan_error_has_an_edge_kind() {
    use crate::error::ErrorKind;
    assert_eq!(ForwardPlanError::NotFound.kind(), ErrorKind::NotFound);
    assert_eq!(
        ForwardPlanError::AlreadyEntered.kind(),
        ErrorKind::AlreadyExists
    );
    assert_eq!(
        ForwardPlanError::InsufficientNotice {
            given: 1,
            required: 28
        }
        .kind(),
        ErrorKind::InvalidInput
    );
}
