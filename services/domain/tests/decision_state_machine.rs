//! Property tests of the decision state machine: random command sequences
//! never panic, rejected commands change nothing, and every accepted
//! command leaves a state whose invariants hold.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on a broken fixture"
)]

mod common;

use chrono::Days;
use civic_domain::council::CouncilCommand;
use civic_domain::decision::*;
use civic_domain::values::*;
use civic_domain::*;
use common::*;
use proptest::prelude::*;

const BASE: (i32, u32, u32) = (2010, 5, 20);

fn day(offset: u8) -> NaiveDate {
    d(BASE.0, BASE.1, BASE.2)
        .checked_add_days(Days::new(u64::from(offset)))
        .unwrap()
}

fn today() -> NaiveDate {
    day(120)
}

/// A command shape with small parameters, turned into a real command
/// against the fixture's bodies. Lifecycle dates are offsets (-3 to 11
/// days) from the date the step follows (decision, publication, call-in...),
/// so sequences hit both sides of every boundary.
#[derive(Debug, Clone)]
enum Op {
    Record {
        subject: u8,
        decided: u8,
        by_committee: bool,
        key: bool,
    },
    Publish {
        on: i8,
        deadline: Option<i8>,
        effective: Option<i8>,
        with_reason: bool,
    },
    CallIn {
        on: i8,
        suspends: bool,
    },
    WithdrawCallIn {
        on: i8,
    },
    RuleCallInInvalid {
        on: i8,
    },
    Recommend,
    LinkFullCouncilDecision,
    Resolve {
        outcome: u8,
        on: i8,
    },
    Reconsider {
        result: u8,
        on: i8,
    },
    Exempt,
    TakeEffect {
        on: i8,
    },
    Implement {
        on: i8,
    },
    Defer {
        until: Option<i8>,
    },
    Resume,
    Withdraw,
    Abandon,
    Correct {
        subject: u8,
        decided: u8,
        retitle: bool,
    },
}

fn op() -> impl Strategy<Value = Op> {
    let rel = -3i8..12;
    let explicit = proptest::option::weighted(0.2, -3i8..12);
    prop_oneof![
        (0u8..3, 0u8..140, any::<bool>(), any::<bool>()).prop_map(
            |(subject, decided, by_committee, key)| Op::Record {
                subject,
                decided,
                by_committee,
                key
            }
        ),
        (rel.clone(), explicit.clone(), explicit, any::<bool>()).prop_map(
            |(on, deadline, effective, with_reason)| Op::Publish {
                on,
                deadline,
                effective,
                with_reason
            }
        ),
        (rel.clone(), proptest::bool::weighted(0.8))
            .prop_map(|(on, suspends)| Op::CallIn { on, suspends }),
        rel.clone().prop_map(|on| Op::WithdrawCallIn { on }),
        rel.clone().prop_map(|on| Op::RuleCallInInvalid { on }),
        Just(Op::Recommend),
        Just(Op::LinkFullCouncilDecision),
        (0u8..3, rel.clone()).prop_map(|(outcome, on)| Op::Resolve { outcome, on }),
        (0u8..3, rel.clone()).prop_map(|(result, on)| Op::Reconsider { result, on }),
        Just(Op::Exempt),
        rel.clone().prop_map(|on| Op::TakeEffect { on }),
        rel.clone().prop_map(|on| Op::Implement { on }),
        proptest::option::of(rel).prop_map(|until| Op::Defer { until }),
        Just(Op::Resume),
        Just(Op::Withdraw),
        Just(Op::Abandon),
        (0u8..3, 0u8..140, any::<bool>()).prop_map(|(subject, decided, retitle)| Op::Correct {
            subject,
            decided,
            retitle
        }),
    ]
}

fn shift(anchor: NaiveDate, offset: i8) -> NaiveDate {
    anchor + chrono::Duration::days(i64::from(offset))
}

struct World {
    council: Council,
    cabinet: BodyId,
    committee: BodyId,
}

fn world() -> World {
    let mut tenant = Tenant::new(today());
    let cabinet = register_maidstone(&mut tenant);
    let committee = BodyId::new();
    tenant.ok(Command::Council(CouncilCommand::AddBody {
        body: committee,
        name: name("Policy Committee"),
        kind: civic_domain::council::BodyKind::Committee,
    }));
    // Committees' decisions are not subject to call-in unless the record says so.
    tenant.ok(Command::Council(CouncilCommand::SetCallInPolicy {
        policy: civic_domain::council::CallInPolicy::new(
            civic_domain::council::CallInRule::default(),
            vec![civic_domain::council::DecisionMakerCallIn {
                decision_maker: civic_domain::council::BodyKind::Committee,
                arrangement: civic_domain::council::CallInArrangement::NotSubjectToCallIn,
            }],
        )
        .unwrap(),
    }));
    World {
        council: tenant.council().unwrap(),
        cabinet,
        committee,
    }
}

fn subject(n: u8) -> Option<bool> {
    match n {
        0 => Some(true),
        1 => Some(false),
        _ => None,
    }
}

fn details(
    w: &World,
    subject_n: u8,
    decided: u8,
    by_committee: bool,
    key: bool,
    title: &str,
) -> DecisionDetails {
    let body = if by_committee { w.committee } else { w.cabinet };
    let body = BodyRef {
        body_id: body,
        name_as_shown: name("As shown"),
    };
    DecisionDetails {
        title: Title::parse(title).unwrap(),
        decision_maker: Some(body.clone()),
        status_label: Some(StatusLabel::parse("Approved").unwrap()),
        outcome: Some(Outcome::Approved),
        key_decision: Some(key),
        subject_to_call_in: subject(subject_n),
        purpose: None,
        resolutions: Resolutions::new(vec![Resolution {
            label: Some(ResolutionLabel::parse("1").unwrap()),
            text: LongText::parse("Approved.").unwrap(),
        }]),
        reasons: None,
        alternative_options: None,
        reason_key: vec![],
        wards_affected: WardsAffected::NotStated,
        committee_details: None,
        representations_by: None,
        other_consulted: None,
        consultees: None,
        contact: None,
        report_author: None,
        date_of_decision: day(decided),
        decided_by: Some(body),
        interests: Interests::NotStated,
        documents: vec![],
        field_restrictions: vec![],
        forward_plan_entry: None,
        references: References::default(),
        links: vec![],
        meeting: None,
        lead_member: None,
        lead_officer: None,
        department: None,
        vote: None,
    }
}

fn command(w: &World, state: Option<&Decision>, op: &Op) -> DecisionCommand {
    let fallback = day(60);
    let decided_on = state.map_or(fallback, |s| s.details().date_of_decision);
    let published_on = state
        .and_then(Decision::publication_date)
        .unwrap_or(decided_on);
    let effective_on = state
        .and_then(|s| {
            s.effective_from()
                .or(s.publication().map(|p| p.effective_from))
        })
        .unwrap_or(published_on);
    let called_in_on = state
        .and_then(|s| s.call_in().map(|c| c.date))
        .unwrap_or(published_on);
    let resolved_on = state
        .and_then(|s| s.call_in_resolution().map(|r| r.date))
        .unwrap_or(called_in_on);
    match op {
        Op::Record {
            subject,
            decided,
            by_committee,
            key,
        } => DecisionCommand::Record {
            details: details(w, *subject, *decided, *by_committee, *key, "A decision").into(),
        },
        Op::Publish {
            on,
            deadline,
            effective,
            with_reason,
        } => {
            let publication_date = shift(decided_on, *on);
            DecisionCommand::Publish {
                publication_date,
                call_in_deadline: deadline.map(|o| shift(publication_date, o)),
                call_in_deadline_time: None,
                effective_from: effective.map(|o| shift(publication_date, o)),
                override_reason: with_reason.then(|| reason("Imported register")),
            }
        }
        Op::CallIn { on, suspends } => DecisionCommand::CallIn {
            members: CallInMembers::parse(vec![name("Cllr A")]).unwrap(),
            reason: reason("Scrutiny"),
            date: shift(published_on, *on),
            suspends: *suspends,
        },
        Op::WithdrawCallIn { on } => DecisionCommand::WithdrawCallIn {
            date: shift(called_in_on, *on),
            reason: None,
        },
        Op::RuleCallInInvalid { on } => DecisionCommand::RuleCallInInvalid {
            date: shift(called_in_on, *on),
            ruled_by: Some(name("Monitoring Officer")),
            reason: None,
        },
        Op::Recommend => DecisionCommand::RecommendToFullCouncil {
            full_council_meeting_on: None,
        },
        Op::LinkFullCouncilDecision => DecisionCommand::LinkFullCouncilDecision {
            decision: DecisionId::new(),
        },
        Op::Resolve { outcome, on } => DecisionCommand::ResolveCallIn {
            outcome: match outcome {
                0 => CallInOutcome::NoFurtherAction,
                1 => CallInOutcome::ReferredBackToDecisionMaker,
                _ => CallInOutcome::ReferredToFullCouncil,
            },
            date: shift(called_in_on, *on),
        },
        Op::Reconsider { result, on } => DecisionCommand::Reconsider {
            result: match result {
                0 => Reconsideration::Amended(Resolutions::new(vec![Resolution {
                    label: Some(ResolutionLabel::parse("1").unwrap()),
                    text: LongText::parse("Amended.").unwrap(),
                }])),
                1 => Reconsideration::ReferredBackByFullCouncil,
                _ => Reconsideration::Confirmed,
            },
            date: shift(resolved_on, *on),
        },
        Op::Exempt => DecisionCommand::ExemptFromCallIn {
            agreed_by: name("Chair of Scrutiny"),
            reason: reason("Urgent"),
        },
        Op::TakeEffect { on } => DecisionCommand::TakeEffect {
            on: shift(effective_on, *on),
        },
        Op::Implement { on } => DecisionCommand::Implement {
            on: shift(effective_on, *on),
            note: None,
        },
        Op::Defer { until } => DecisionCommand::Defer {
            reason: reason("Wait"),
            until: until.map(|o| shift(decided_on, o)),
        },
        Op::Resume => DecisionCommand::Resume,
        Op::Withdraw => DecisionCommand::Withdraw {
            reason: reason("Withdrawn"),
        },
        Op::Abandon => DecisionCommand::Abandon {
            reason: reason("Abandoned"),
        },
        Op::Correct {
            subject,
            decided,
            retitle,
        } => {
            let base = state.map(|s| s.details().clone());
            let by_committee = base
                .as_ref()
                .is_some_and(|b| b.decision_maker.as_ref().map(|m| m.body_id) == Some(w.committee));
            let title = if *retitle {
                "A corrected decision"
            } else {
                "A decision"
            };
            let key = base.as_ref().and_then(|b| b.key_decision).unwrap_or(false);
            DecisionCommand::Correct {
                details: details(w, *subject, *decided, by_committee, key, title).into(),
                reason: reason("Correction"),
            }
        }
    }
}

fn check_invariants(before: Option<&Decision>, after: &Decision, accepted: &DecisionEvent) {
    let date_of_decision = after.details().date_of_decision;
    // Effective dates are never before the decision.
    if let Some(effective) = after.effective_from() {
        assert!(
            effective >= date_of_decision,
            "effective {effective} before decision {date_of_decision}"
        );
    }
    if let Some(p) = after.publication() {
        if let Some(deadline) = p.call_in_deadline {
            assert!(deadline >= p.publication_date);
            assert!(p.call_in.has_window());
        }
        if after.status() == DecisionStatus::Published {
            // Later than at publication only after a withdrawn or invalid call-in.
            assert!(after.effective_from() >= Some(p.effective_from));
        }
        if p.basis == DateBasis::Computed {
            assert_eq!(p.call_in_deadline, p.computed_call_in_deadline);
            assert_eq!(p.effective_from, p.computed_effective_from);
        }
    }
    // Lifecycle states imply the records that led to them.
    match after.status() {
        DecisionStatus::Made | DecisionStatus::Deferred => assert!(after.publication().is_none()),
        DecisionStatus::Published => assert!(after.publication().is_some()),
        DecisionStatus::CalledIn | DecisionStatus::AwaitingReconsideration => {
            let p = after.publication().unwrap();
            assert!(p.call_in.has_window(), "called in without a call-in window");
            assert!(after.exemption().is_none());
            let call_in = after.call_in().unwrap();
            assert!(Some(call_in.date) <= p.call_in_deadline);
            assert!(call_in.suspends_decision);
            assert_eq!(after.effective_from(), None);
        }
        DecisionStatus::Effective | DecisionStatus::Implemented => {
            // Without a publication the effective date may be unknown.
            assert!(after.effective_from().is_some() || after.publication().is_none())
        }
        DecisionStatus::RecommendedToFullCouncil => {
            assert!(after.recommendation().is_some());
            assert_eq!(after.effective_from(), None);
        }
        DecisionStatus::Withdrawn | DecisionStatus::Abandoned => {
            assert!(after.closing_reason().is_some());
            assert_eq!(after.effective_from(), None);
        }
    }
    let Some(before) = before else {
        assert!(matches!(accepted, DecisionEvent::Recorded(_)));
        assert_eq!(after.version(), 1);
        return;
    };
    // History only grows; corrections never lose the previous version.
    assert_eq!(after.version(), before.version() + 1);
    assert!(after.corrections().len() >= before.corrections().len());
    assert_eq!(
        &after.corrections()[..before.corrections().len()],
        before.corrections()
    );
    match accepted {
        DecisionEvent::Corrected(c) => {
            assert_eq!(
                after.corrections().last().unwrap().previous,
                *before.details()
            );
            assert!(!c.corrected_fields.is_empty());
            assert_eq!(after.details(), &c.details);
        }
        DecisionEvent::Reconsidered(_) => {}
        _ => assert_eq!(after.details(), before.details()),
    }
    // Called in only if subject to call-in and not exempted.
    if let DecisionEvent::CalledIn(c) = accepted {
        assert!(before.details().callable_in());
        assert!(before.exemption().is_none());
        if c.suspends_decision {
            assert_eq!(before.status(), DecisionStatus::Published);
        }
    }
    // Only a record with no publication takes effect or is implemented straight from Made.
    if matches!(
        accepted,
        DecisionEvent::TookEffect(_) | DecisionEvent::Implemented(_)
    ) && before.status() == DecisionStatus::Made
    {
        assert!(before.publication().is_none());
    }
    // An accepted command was allowed by the transition table.
    let kind = match accepted {
        DecisionEvent::Recorded(_) => DecisionCommandKind::Record,
        DecisionEvent::Published(_) => DecisionCommandKind::Publish,
        DecisionEvent::CalledIn(_) => DecisionCommandKind::CallIn,
        DecisionEvent::CallInResolved(_) => DecisionCommandKind::ResolveCallIn,
        DecisionEvent::CallInWithdrawn(_) => DecisionCommandKind::WithdrawCallIn,
        DecisionEvent::CallInRuledInvalid(_) => DecisionCommandKind::RuleCallInInvalid,
        DecisionEvent::RecommendedToFullCouncil(_) => DecisionCommandKind::RecommendToFullCouncil,
        DecisionEvent::FullCouncilDecisionLinked(_) => DecisionCommandKind::LinkFullCouncilDecision,
        DecisionEvent::Reconsidered(_) => DecisionCommandKind::Reconsider,
        DecisionEvent::ExemptedFromCallIn(_) => DecisionCommandKind::ExemptFromCallIn,
        DecisionEvent::TookEffect(_) => DecisionCommandKind::TakeEffect,
        DecisionEvent::Implemented(_) => DecisionCommandKind::Implement,
        DecisionEvent::Deferred(_) => DecisionCommandKind::Defer,
        DecisionEvent::Resumed(_) => DecisionCommandKind::Resume,
        DecisionEvent::Withdrawn(_) => DecisionCommandKind::Withdraw,
        DecisionEvent::Abandoned(_) => DecisionCommandKind::Abandon,
        DecisionEvent::Corrected(_) => DecisionCommandKind::Correct,
        DecisionEvent::SourceNoted(_) => DecisionCommandKind::NoteSource,
    };
    assert!(
        before.status().allows(kind),
        "{} accepted {kind}",
        before.status()
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn random_command_sequences_keep_the_decision_invariants(first in op(), ops in proptest::collection::vec(op(), 0..24)) {
        let w = world();
        let id = DecisionId::new();
        let mut history: Vec<Event> = Vec::new();
        for op in std::iter::once(&first).chain(ops.iter()) {
            let before = Decision::from_history(&history);
            let cmd = Command::Decision { decision: id, command: command(&w, before.as_ref(), op) };
            let result = decide(&cmd, Some(&w.council), &history, today());
            // Deciding is pure: the same inputs give the same answer.
            prop_assert_eq!(&result, &decide(&cmd, Some(&w.council), &history, today()));
            match result {
                Err(e) => {
                    // A rejection changes nothing and is classified for the edge.
                    let _ = e.kind();
                    prop_assert_eq!(Decision::from_history(&history), before);
                }
                Ok(decided) => {
                    prop_assert_eq!(decided.events.len(), 1);
                    for event in &decided.events {
                        prop_assert_eq!(&Event::decode(&event.encode()).unwrap(), event);
                    }
                    let accepted = match &decided.events[0] {
                        Event::Decision(e) => e.clone(),
                        other => panic!("decision command emitted {other:?}"),
                    };
                    history.extend(decided.events);
                    let after = Decision::from_history(&history).unwrap();
                    check_invariants(before.as_ref(), &after, &accepted);
                }
            }
        }
    }

    #[test]
    fn without_a_council_no_decision_command_is_accepted(op in op()) {
        let w = world();
        let cmd = Command::Decision { decision: DecisionId::new(), command: command(&w, None, &op) };
        prop_assert_eq!(decide(&cmd, None, &[], today()), Err(DomainError::CouncilNotRegistered));
    }
}

/// Guards the property test against vacuity: the generated sequences do
/// reach every lifecycle state.
#[test]
fn the_generated_sequences_reach_every_lifecycle_state() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let w = world();
    let mut runner = TestRunner::deterministic();
    let sequences = proptest::collection::vec(op(), 1..24);
    let mut seen = std::collections::HashSet::new();
    for _ in 0..6000 {
        let ops = sequences.new_tree(&mut runner).unwrap().current();
        let id = DecisionId::new();
        let mut history: Vec<Event> = Vec::new();
        for op in &ops {
            let before = Decision::from_history(&history);
            let cmd = Command::Decision {
                decision: id,
                command: command(&w, before.as_ref(), op),
            };
            if let Ok(decided) = decide(&cmd, Some(&w.council), &history, today()) {
                history.extend(decided.events);
                seen.insert(format!(
                    "{:?}",
                    Decision::from_history(&history).unwrap().status()
                ));
            }
        }
    }
    let mut seen: Vec<String> = seen.into_iter().collect();
    seen.sort();
    assert_eq!(
        seen,
        [
            "Abandoned",
            "AwaitingReconsideration",
            "CalledIn",
            "Deferred",
            "Effective",
            "Implemented",
            "Made",
            "Published",
            "RecommendedToFullCouncil",
            "Withdrawn"
        ]
    );
}
