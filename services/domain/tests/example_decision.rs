//! The example decision (fixtures/decision-information-strategy.txt):
//! Maidstone's Cabinet approving the Information Strategy 2010 - 13, through
//! its whole lifecycle, with the strategy document it approved.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on a broken fixture"
)]

mod common;

use civic_domain::council::{CallInPolicy, CountedFrom, TakesEffect};
use civic_domain::decision::*;
use civic_domain::strategy::{StrategyCommand, StrategyPeriod, VersionDecisionRole, VersionStatus};
use civic_domain::values::*;
use civic_domain::*;
use common::*;

fn text(s: &str) -> LongText {
    LongText::parse(s).unwrap()
}

const RESOLUTION_1: &str = "That the Information Strategy 2010-2013 be approved.";
const RESOLUTION_2: &str = "That it be noted that the Information Strategy 2010-2013 will be updated on an on-going basis as the strategy is more firmly embedded within the service planning process and the Council’s information management needs become more apparent.";
const RESOLUTION_3: &str = "That the change in title of this annual review from the ‘ICT Strategy’ to the ‘Information Strategy’, which reflects the shift in focus for the strategy from hardware and infrastructure to that of information management and business improvement, be noted.";

const PURPOSE: &str = "The review of the Council's Information Strategy (formally the ICT Strategy), an annual review of the rolling 3 year program.";

const REASONS: &str = "Citizens want to see better value, more choice and improved response from the Council. The Government wants to see efficient, streamlined services which are designed around the Customer. The Council wants all of this at a lower cost. Technology has a major contribution to make in enabling us to meet these increasing expectations and rise to the challenges, now and in the future. The Information Strategy is therefore a key document that ensures that technology underpins the Council’s priorities and core themes, supports and enables the Council’s efficiency and transformation agenda, and provides a framework for the corporate control and management of its resources.

The Council’s Information Strategy is a rolling three year document, reviewed annually to ensure it remains relevant. In presenting the Strategy for 2010 – 2013 it is important to recognise that the Council’s investment in technology has continued to transform the way in which the Council provides services to citizens, partners, businesses and communities.

This year’s review of the Strategy is set against the national context of a continued drive for greater efficiency and more customer focused services. Using technology to deliver better public services is therefore the key focus of this strategy term, and to achieve this we will:

·  continue to promote and encourage the take-up of our e-services by customers;
·  encourage customers to use communications channels which have a lower transaction cost;
·  engage with managers and service providers to exploit the efficiencies available from existing and new systems;
·  improve business processes through the introduction of technology, and encourage  staff to make modern and efficient ways of working part of “the day job”;
·  enable Members and partners to access the Council’s information and services electronically and encourage their constituents to do the same;
·  exploit the full potential of partnership working and pursue opportunities for ICT to support shared services in Mid Kent, and across Kent.

This will provide real benefits in terms of efficiency and effectiveness. Over the next 12 months the Council will further exploit the opportunities provided by modern technology to improve services through business improvement initiatives.

This Information Strategy represents a major departure from the ‘traditional’ ICT Strategy as it attempts to describe the Council’s use of Information as a strategic tool, rather than just describe how we use technology. As such, the strategy will be further informed and amended as the Council’s understanding of its own information needs mature.";

const ALTERNATIVES: &str = "It is inconceivable that the Council should not use technology as a strategic tool with which to develop its role within the community, and meet the aspirations of its stakeholders.";

fn example_details(
    cabinet: BodyId,
    forward_plan_entry: Option<ForwardPlanEntryId>,
) -> DecisionDetails {
    let cabinet = BodyRef {
        body_id: cabinet,
        name_as_shown: name("Cabinet"),
    };
    DecisionDetails {
        title: Title::parse("Information Strategy 2010 - 13").unwrap(),
        decision_maker: cabinet.clone(),
        status_label: StatusLabel::parse("Recommendations Approved").unwrap(),
        outcome: Outcome::Approved,
        key_decision: Some(true),
        subject_to_call_in: Some(true),
        purpose: Some(text(PURPOSE)),
        resolutions: Resolutions::parse(vec![
            Resolution {
                number: 1,
                text: text(RESOLUTION_1),
            },
            Resolution {
                number: 2,
                text: text(RESOLUTION_2),
            },
            Resolution {
                number: 3,
                text: text(RESOLUTION_3),
            },
        ])
        .unwrap(),
        reasons: Some(text(REASONS)),
        alternative_options: Some(text(ALTERNATIVES)),
        reason_key: vec![name("Policies, Plans, Strategies")],
        wards_affected: WardsAffected::All,
        committee_details: Some(text("None")),
        representations_by: Some(d(2010, 5, 21)),
        other_consulted: Some(text("Email")),
        consultees: Some(text("Finance, Assistant Directors.")),
        contact: Some(Contact {
            name: None,
            email: Some(EmailAddress::parse("Paultaylor@maidstone.gov.uk").unwrap()),
            phone: Some(PhoneNumber::parse("01622 602068").unwrap()),
            as_given: Some(text(
                "Email: Paultaylor@maidstone.gov.uk Tel: 01622 602068.",
            )),
        }),
        report_author: Some(name("Paul Taylor")),
        date_of_decision: d(2010, 6, 9),
        decided_by: cabinet,
        interests: vec![],
        documents: vec![],
        field_restrictions: vec![],
        forward_plan_entry,
    }
}

fn publish(on: NaiveDate) -> DecisionCommand {
    DecisionCommand::Publish {
        publication_date: on,
        call_in_deadline: None,
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
            &CallInPolicy {
                period: civic_domain::council::CallInPeriod::parse(5).unwrap(),
                counted_from: CountedFrom::Publication,
                takes_effect: TakesEffect::DayAfterLastDay,
            }
        );
        let decision = DecisionId::new();
        let warnings = tenant.ok(Command::Decision {
            decision,
            command: DecisionCommand::Record {
                details: example_details(cabinet, None),
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
    assert_eq!(details.status_label.as_str(), "Recommendations Approved");
    assert_eq!(
        example
            .tenant
            .council()
            .unwrap()
            .status_for_label(&details.status_label),
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
        period: StrategyPeriod::parse(2009, 2012, true).unwrap(),
    }));
    tenant.ok(strategy(StrategyCommand::Rename {
        title: Title::parse("Information Strategy").unwrap(),
        on: d(2010, 6, 9),
        noted_by: Some(decision),
    }));
    tenant.ok(strategy(StrategyCommand::DraftVersion {
        label: VersionLabel::parse("2010-2013").unwrap(),
        period: StrategyPeriod::parse(2010, 2013, true).unwrap(),
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
    assert_eq!(doc.period().to_string(), "2010-2013");
    assert!(doc.period().rolling());
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
