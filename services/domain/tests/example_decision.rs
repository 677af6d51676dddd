//! The example decision (fixtures/decision-information-strategy.txt):
//! Maidstone's Cabinet approving the Information Strategy 2010 - 13, through
//! its whole lifecycle, with the strategy document it approved.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on a broken fixture"
)]

mod common;

use civic_domain::council::CallInPolicy;
use civic_domain::decision::*;
use civic_domain::example::RESOLUTION_1;
use civic_domain::strategy::{
    StrategyCommand, StrategyPeriod, StrategySpan, VersionDecisionRole, VersionStatus,
};
use civic_domain::values::*;
use civic_domain::*;
use common::*;

fn example_details(
    cabinet: BodyId,
    forward_plan_entry: Option<ForwardPlanEntryId>,
) -> DecisionDetails {
    civic_domain::example::details(cabinet, forward_plan_entry).unwrap()
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

struct Example {
    tenant: Tenant,
    cabinet: BodyId,
    decision: DecisionId,
}

impl Example {
    /// The council, and the decision recorded and published on 11 June 2010.
    fn published() -> Example {
        let mut tenant = Tenant::new(d(2010, 7, 31));
        let cabinet = register_maidstone(&mut tenant);
        let council = tenant.council().unwrap();
        assert_eq!(
            council.call_in_policy(),
            &CallInPolicy::uniform(civic_domain::council::CallInRule::working_days(
                civic_domain::council::CallInPeriod::parse(5).unwrap()
            ))
        );
        let decision = DecisionId::new();
        let warnings = tenant.ok(Command::Decision {
            decision,
            command: DecisionCommand::Record {
                details: example_details(cabinet, None).into(),
            },
        });
        // The page links no forward-plan entry for this key decision.
        assert_eq!(warnings, vec![Warning::KeyDecisionWithoutForwardPlanEntry]);
        let warnings = tenant.ok(Command::Decision {
            decision,
            command: publish(d(2010, 6, 11)),
        });
        assert_eq!(warnings, vec![]);
        Example {
            tenant,
            cabinet,
            decision,
        }
    }

    fn state(&self) -> Decision {
        Decision::from_history(self.tenant.history(&StreamId::decision(self.decision))).unwrap()
    }

    fn run(&mut self, command: DecisionCommand) -> Result<Vec<Warning>, DomainError> {
        self.tenant.run(Command::Decision {
            decision: self.decision,
            command,
        })
    }
}

#[test]
fn the_example_decision_is_recorded_with_every_field_of_the_page() {
    let example = Example::published();
    let s = example.state();
    assert_eq!(s.details(), &example_details(example.cabinet, None));
    let details = s.details();
    assert_eq!(details.resolutions.as_slice().len(), 3);
    assert_eq!(
        details.resolutions.as_slice()[0].text.as_str(),
        RESOLUTION_1
    );
    let label = details.status_label.as_ref().unwrap();
    assert_eq!(label.as_str(), "Recommendations Approved");
    assert_eq!(
        example.tenant.council().unwrap().status_for_label(label),
        Some(civic_domain::council::CanonicalStatus::Approved)
    );
}

#[test]
fn publishing_on_friday_11_june_2010_gives_call_in_until_18_june_and_effect_from_19_june() {
    let example = Example::published();
    let s = example.state();
    let p = s.publication().unwrap();
    assert_eq!(p.publication_date, d(2010, 6, 11));
    assert_eq!(p.computed_call_in_deadline, Some(d(2010, 6, 18)));
    assert_eq!(p.computed_effective_from, d(2010, 6, 19));
    assert_eq!(p.basis, DateBasis::Computed);
    assert_eq!(
        s.call_in_window(),
        Some(CallInWindow {
            deadline: d(2010, 6, 18),
            deadline_time: None,
            effective_from: d(2010, 6, 19)
        })
    );
    assert_eq!(s.status(), DecisionStatus::Published);
}

#[test]
fn the_example_decision_takes_effect_on_19_june_2010() {
    let mut example = Example::published();
    assert!(matches!(
        example.run(DecisionCommand::TakeEffect { on: d(2010, 6, 18) }),
        Err(DomainError::Decision(
            DecisionError::TakeEffectBeforeEffectiveDate { .. }
        ))
    ));
    example
        .run(DecisionCommand::TakeEffect { on: d(2010, 6, 19) })
        .unwrap();
    let s = example.state();
    assert_eq!(s.status(), DecisionStatus::Effective);
    assert_eq!(s.effective_from(), Some(d(2010, 6, 19)));
    assert_eq!(s.version(), 3);
    let types: Vec<&str> = example
        .tenant
        .history(&StreamId::decision(example.decision))
        .iter()
        .map(Event::event_type)
        .collect();
    assert_eq!(
        types,
        vec![
            "DecisionRecorded",
            "DecisionPublished",
            "DecisionTookEffect"
        ]
    );
}

#[test]
fn the_ict_strategy_renamed_information_strategy_has_its_2010_2013_version_approved_by_the_decision()
 {
    let mut example = Example::published();
    example
        .run(DecisionCommand::TakeEffect { on: d(2010, 6, 19) })
        .unwrap();
    let document = StrategyDocumentId::new();
    let decision = example.decision;
    let strategy = |command| Command::Strategy { document, command };
    let tenant = &mut example.tenant;
    tenant.ok(strategy(StrategyCommand::Create {
        title: Title::parse("ICT Strategy").unwrap(),
        period: Some(StrategyPeriod::parse(2009, 2012, true).unwrap().into()),
        status: None,
        status_label: None,
    }));
    tenant.ok(strategy(StrategyCommand::Rename {
        title: Title::parse("Information Strategy").unwrap(),
        on: d(2010, 6, 9),
        noted_by: Some(decision),
    }));
    tenant.ok(strategy(StrategyCommand::DraftVersion {
        label: VersionLabel::parse("2010-2013").unwrap(),
        period: Some(StrategyPeriod::parse(2010, 2013, true).unwrap().into()),
        review_date: Some(d(2010, 6, 9)),
    }));
    tenant.ok(strategy(StrategyCommand::ApproveVersion {
        label: VersionLabel::parse("2010-2013").unwrap(),
        decision,
        on: d(2010, 6, 9),
    }));
    let doc =
        StrategyDocument::from_history(tenant.history(&StreamId::strategy(document))).unwrap();
    assert_eq!(doc.title().as_str(), "Information Strategy");
    assert_eq!(doc.title_on(d(2010, 6, 1)).as_str(), "ICT Strategy");
    assert_eq!(doc.titles()[1].noted_by, Some(decision));
    let version = doc.approved_version().unwrap();
    assert_eq!(version.label.as_str(), "2010-2013");
    assert_eq!(version.status, VersionStatus::Approved);
    assert_eq!(
        version.decisions,
        vec![(decision, VersionDecisionRole::Approved)]
    );
    let Some(StrategySpan::Years(period)) = doc.period() else {
        panic!("the strategy covers calendar years");
    };
    assert_eq!(period.to_string(), "2010-2013");
    assert!(period.rolling());
    assert_eq!(doc.decisions(), vec![decision]);
}

#[test]
fn called_in_referred_back_and_confirmed_the_decision_takes_effect_on_confirmation() {
    let mut example = Example::published();
    let members = CallInMembers::parse(vec![name("Cllr Garland"), name("Cllr Paine")]).unwrap();
    example
        .run(DecisionCommand::CallIn {
            members,
            reason: reason("Members wish to scrutinise the cost of the programme."),
            date: d(2010, 6, 17),
            suspends: true,
        })
        .unwrap();
    assert_eq!(example.state().status(), DecisionStatus::CalledIn);
    assert_eq!(example.state().effective_from(), None);
    assert!(matches!(
        example.run(DecisionCommand::TakeEffect { on: d(2010, 6, 19) }),
        Err(DomainError::Decision(DecisionError::InvalidTransition {
            state: DecisionStatus::CalledIn,
            ..
        }))
    ));
    example
        .run(DecisionCommand::ResolveCallIn {
            outcome: CallInOutcome::ReferredBackToDecisionMaker,
            date: d(2010, 6, 29),
        })
        .unwrap();
    assert_eq!(
        example.state().status(),
        DecisionStatus::AwaitingReconsideration
    );
    example
        .run(DecisionCommand::Reconsider {
            result: Reconsideration::Confirmed,
            date: d(2010, 7, 7),
        })
        .unwrap();
    let s = example.state();
    assert_eq!(s.status(), DecisionStatus::Effective);
    assert_eq!(s.effective_from(), Some(d(2010, 7, 7)));
    assert_eq!(s.details().resolutions.as_slice().len(), 3);
    assert_eq!(s.call_in().unwrap().members.as_slice().len(), 2);
    assert_eq!(
        s.call_in_resolution().unwrap().outcome,
        CallInOutcome::ReferredBackToDecisionMaker
    );
    let types: Vec<&str> = example
        .tenant
        .history(&StreamId::decision(example.decision))
        .iter()
        .map(Event::event_type)
        .collect();
    assert_eq!(
        types,
        vec![
            "DecisionRecorded",
            "DecisionPublished",
            "DecisionCalledIn",
            "DecisionCallInResolved",
            "DecisionReconsidered"
        ]
    );
}

#[test]
fn a_call_in_after_friday_18_june_is_too_late() {
    let mut example = Example::published();
    let err = example
        .run(DecisionCommand::CallIn {
            members: CallInMembers::parse(vec![name("Cllr Garland")]).unwrap(),
            reason: reason("Late."),
            date: d(2010, 6, 21),
            suspends: true,
        })
        .unwrap_err();
    assert_eq!(
        err,
        DomainError::Decision(DecisionError::CallInPeriodEnded {
            deadline: d(2010, 6, 18)
        })
    );
    assert_eq!(err.kind(), ErrorKind::InvalidTransition);
}

#[test]
fn the_shared_example_history_replays_into_an_effective_decision_and_an_approved_strategy() {
    let ids = civic_domain::example::ExampleIds::new();
    let mut tenant = Tenant::new(d(2010, 7, 31));
    for command in civic_domain::example::commands(&ids).unwrap() {
        tenant.ok(command);
    }
    let decision =
        Decision::from_history(tenant.history(&StreamId::decision(ids.decision))).unwrap();
    assert_eq!(decision.status(), DecisionStatus::Effective);
    assert_eq!(decision.effective_from(), Some(d(2010, 6, 19)));
    assert_eq!(decision.details(), &example_details(ids.cabinet, None));
    let strategy =
        StrategyDocument::from_history(tenant.history(&StreamId::strategy(ids.strategy))).unwrap();
    assert_eq!(strategy.title().as_str(), "Information Strategy");
    assert_eq!(strategy.decisions(), vec![ids.decision]);
}
