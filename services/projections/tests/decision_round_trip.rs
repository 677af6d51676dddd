#![allow(clippy::unwrap_used, missing_docs)]
//! Any combination of stated and not-stated parts of a decision record survives the whole path:
//! the domain decides the record, its event is encoded as stored and decoded again, the decision
//! is folded, its view is built, stored as JSON and read back, and every part is as the clerk
//! entered it: nothing invented, nothing lost; what was left out is listed as not stated.

use chrono::NaiveDate;
use civic_domain::council::{BodyKind, CouncilCommand, CouncilKind};
use civic_domain::decision::{
    BodyRef, DecisionCommand, DecisionDetails, DecisionField, DecisionLink, DecisionRelation,
    DeclaredInterest, Document, Interests, MeetingItemRef, MemberRef, NamedVote, Outcome,
    References, Resolution, Resolutions, Vote, VoteCast, WardsAffected,
};
use civic_domain::nation::Nation;
use civic_domain::restriction::{
    ExemptionScheme, Paragraph, ParagraphReason, RestrictionCategory, RestrictionDraft,
};
use civic_domain::values::{
    AgendaItemId, BodyId, DecisionId, HttpUrl, LongText, MeetingId, MemberId, Name, Reason,
    Reference, ResolutionLabel, Slug, StatusLabel, Title,
};
use civic_domain::{Command, Council, Decision, Event, decide};
use civic_projections::views::RecordView;
use proptest::prelude::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn name(s: &str) -> Name {
    Name::parse(s).unwrap()
}

fn text(s: &str) -> LongText {
    LongText::parse(s).unwrap()
}

struct Registered {
    council: Council,
    cabinet: BodyId,
    member: MemberId,
}

fn council(nation: Nation) -> Registered {
    let cabinet = BodyId::new();
    let member = MemberId::new();
    let mut history: Vec<Event> = Vec::new();
    for command in [
        CouncilCommand::Register {
            slug: Slug::parse("anywhere").unwrap(),
            name: name("Anywhere Council"),
            kind: CouncilKind::Unitary,
            nation,
        },
        CouncilCommand::AddBody {
            body: cabinet,
            name: name("Cabinet"),
            kind: BodyKind::Cabinet,
        },
        CouncilCommand::AddMember {
            member,
            name: name("Cllr Jane Smith"),
            party: None,
        },
    ] {
        let decided = decide(&Command::Council(command), None, &history, day(2024, 1, 1)).unwrap();
        history.extend(decided.events);
    }
    Registered {
        council: Council::from_history(&history).unwrap(),
        cabinet,
        member,
    }
}

/// Which parts of the record are stated, and how.
#[derive(Debug, Clone)]
struct Shape {
    maker: bool,
    decided_by: bool,
    status: bool,
    outcome: Option<Outcome>,
    key: Option<bool>,
    callable: Option<bool>,
    resolutions: u8,
    interests: u8,
    references: [bool; 4],
    link: Option<DecisionRelation>,
    meeting: u8,
    lead_member: u8,
    lead_officer: bool,
    department: bool,
    vote: u8,
    restriction: u8,
}

fn shapes() -> impl Strategy<Value = Shape> {
    let outcome = prop_oneof![
        Just(None),
        Just(Some(Outcome::Approved)),
        Just(Some(Outcome::Noted)),
        Just(Some(Outcome::Rejected)),
    ];
    let relation = prop_oneof![
        Just(None),
        Just(Some(DecisionRelation::Reconsiders)),
        Just(Some(DecisionRelation::Replaces)),
        Just(Some(DecisionRelation::CallInHearingOf)),
    ];
    (
        (any::<bool>(), any::<bool>(), any::<bool>(), outcome),
        (
            proptest::option::of(any::<bool>()),
            proptest::option::of(any::<bool>()),
            0u8..3,
            0u8..3,
        ),
        (any::<[bool; 4]>(), relation, 0u8..3, 0u8..3),
        (any::<bool>(), any::<bool>(), 0u8..3, 0u8..6),
    )
        .prop_map(
            |(
                (maker, decided_by, status, outcome),
                (key, callable, resolutions, interests),
                (references, link, meeting, lead_member),
                (lead_officer, department, vote, restriction),
            )| Shape {
                maker,
                decided_by,
                status,
                outcome,
                key,
                callable,
                resolutions,
                interests,
                references,
                link,
                meeting,
                lead_member,
                lead_officer,
                department,
                vote,
                restriction,
            },
        )
}

/// The restriction of shape `n`: as notices write them.
fn restriction(n: u8) -> Option<RestrictionDraft> {
    let para = |s: &str| Paragraph::parse(s).unwrap();
    let england = Some(ExemptionScheme::Schedule12APart1);
    match n {
        0 => None,
        1 => Some(RestrictionDraft::exempt(england, &[3])),
        2 => Some(RestrictionDraft {
            paragraphs: vec![para("6a"), para("3")],
            paragraph_reasons: vec![ParagraphReason {
                paragraph: para("6a"),
                reason: Reason::parse("A notice to be served").unwrap(),
            }],
            public_interest_test_applied: Some(true),
            ..RestrictionDraft::exempt(england, &[])
        }),
        3 => Some(RestrictionDraft::exempt(None, &[])),
        4 => Some(RestrictionDraft {
            category: RestrictionCategory::Confidential,
            as_given: Some(text("Confidential: paragraph 1")),
            ..RestrictionDraft::exempt(england, &[1])
        }),
        _ => Some(RestrictionDraft {
            as_given: Some(text("Part 1 paragraph 14")),
            public_interest_test_applied: Some(false),
            ..RestrictionDraft::exempt(Some(ExemptionScheme::Schedule12APart4), &[14])
        }),
    }
}

fn record(shape: &Shape, r: &Registered) -> DecisionDetails<RestrictionDraft> {
    let cabinet = BodyRef {
        body_id: r.cabinet,
        name_as_shown: name("The Cabinet"),
    };
    let member = |n: u8, shown: &str| match n {
        0 => None,
        1 => Some(MemberRef {
            member_id: None,
            name_as_shown: name(shown),
        }),
        _ => Some(MemberRef {
            member_id: Some(r.member),
            name_as_shown: name(shown),
        }),
    };
    let resolutions = match shape.resolutions {
        0 => Resolutions::default(),
        1 => Resolutions::new(vec![Resolution {
            label: None,
            text: text("RESOLVED: That the report be noted."),
        }]),
        _ => Resolutions::new(vec![
            Resolution {
                label: Some(ResolutionLabel::parse("(i)").unwrap()),
                text: text("That the scheme be approved."),
            },
            Resolution {
                label: Some(ResolutionLabel::parse("(i)").unwrap()),
                text: text("A second item labelled the same way."),
            },
        ]),
    };
    let interests = match shape.interests {
        0 => Interests::NotStated,
        1 => Interests::NoneDeclared,
        _ => Interests::Declared {
            interests: vec![DeclaredInterest {
                member: member(2, "Cllr J Smith").unwrap(),
                interest: text("Lives in the ward"),
                dispensation: None,
            }],
        },
    };
    let [reference, minute, url, source] = shape.references;
    let details: DecisionDetails = DecisionDetails {
        title: Title::parse("A decision as the register shows it").unwrap(),
        decision_maker: shape.maker.then(|| cabinet.clone()),
        status_label: shape
            .status
            .then(|| StatusLabel::parse("Decision made").unwrap()),
        outcome: shape.outcome,
        key_decision: shape.key,
        subject_to_call_in: shape.callable,
        purpose: None,
        resolutions,
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
        date_of_decision: day(2023, 11, 2),
        decided_by: shape.decided_by.then_some(cabinet),
        interests,
        documents: vec![],
        field_restrictions: vec![],
        forward_plan_entry: None,
        references: References {
            reference: reference.then(|| Reference::parse("CAB/23/045").unwrap()),
            minute_number: minute.then(|| Reference::parse("45.").unwrap()),
            source_url: url.then(|| HttpUrl::parse("https://example.gov.uk/d/45").unwrap()),
            source_id: source.then(|| Reference::parse("1234").unwrap()),
        },
        links: shape
            .link
            .map(|relation| DecisionLink {
                relation,
                decision_id: DecisionId::new(),
            })
            .into_iter()
            .collect(),
        meeting: match shape.meeting {
            0 => None,
            1 => Some(MeetingItemRef {
                meeting_id: MeetingId::new(),
                agenda_item_id: None,
            }),
            _ => Some(MeetingItemRef {
                meeting_id: MeetingId::new(),
                agenda_item_id: Some(AgendaItemId::new()),
            }),
        },
        lead_member: member(shape.lead_member, "Cllr Jane Smith"),
        lead_officer: shape.lead_officer.then(|| name("Head of Housing")),
        department: shape.department.then(|| name("Housing")),
        vote: match shape.vote {
            0 => None,
            1 => Some(Vote {
                as_given: Some(text("Carried unanimously")),
                ..Vote::default()
            }),
            _ => Some(Vote {
                proposer: member(2, "Cllr Smith"),
                seconder: member(1, "Cllr Jones"),
                votes_for: Some(1),
                votes_against: Some(0),
                abstained: None,
                named: vec![NamedVote {
                    member: member(1, "Cllr Jones").unwrap(),
                    cast: VoteCast::For,
                }],
                as_given: None,
            }),
        },
    };
    let mut draft: DecisionDetails<RestrictionDraft> = details.into();
    draft.documents = restriction(shape.restriction)
        .map(|restriction| Document {
            title: Title::parse("Appendix A").unwrap(),
            url: None,
            sha256: None,
            restriction: Some(restriction),
        })
        .into_iter()
        .collect();
    draft
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn every_combination_of_stated_parts_round_trips_through_events_and_views(shape in shapes()) {
        let nation = if shape.restriction == 5 { Nation::Wales } else { Nation::England };
        let r = council(nation);
        let id = DecisionId::new();
        let command = Command::Decision {
            decision: id,
            command: DecisionCommand::Record { details: record(&shape, &r) },
        };
        let decided = decide(&command, Some(&r.council), &[], day(2024, 1, 1)).unwrap();

        // Stored and read back through the codec.
        let stored: Vec<Event> = decided
            .events
            .iter()
            .map(|e| Event::decode(&e.encode()).unwrap())
            .collect();
        prop_assert_eq!(&stored, &decided.events);
        let decision = Decision::from_history(&stored).unwrap();
        let details = decision.details();

        // Nothing invented: every part the record leaves out is still out, and flagged.
        prop_assert_eq!(details.decision_maker.is_some(), shape.maker);
        prop_assert_eq!(details.status_label.is_some(), shape.status);
        prop_assert_eq!(details.outcome, shape.outcome);
        prop_assert_eq!(details.key_decision, shape.key);
        let flagged: Vec<DecisionField> = [
            (!shape.maker, DecisionField::DecisionMaker),
            (!shape.status, DecisionField::StatusLabel),
            (shape.outcome.is_none(), DecisionField::Outcome),
            (shape.key.is_none(), DecisionField::KeyDecision),
        ]
        .into_iter()
        .filter_map(|(missing, field)| missing.then_some(field))
        .collect();

        // The view holds exactly the record, and reads back from its stored JSON unchanged.
        let view = RecordView::full(details);
        prop_assert_eq!(&view.not_stated, &flagged);
        prop_assert_eq!(&view.decision_maker, &details.decision_maker);
        prop_assert_eq!(&view.decided_by, &details.decided_by);
        prop_assert_eq!(&view.status_label, &details.status_label);
        prop_assert_eq!(view.outcome, details.outcome);
        prop_assert_eq!(view.resolutions.as_slice(), details.resolutions.as_slice());
        prop_assert_eq!(view.interests.as_ref(), Some(&details.interests));
        prop_assert_eq!(view.references.as_ref(), Some(&details.references));
        prop_assert_eq!(&view.links, &details.links);
        prop_assert_eq!(&view.meeting, &details.meeting);
        prop_assert_eq!(&view.lead_member, &details.lead_member);
        prop_assert_eq!(&view.lead_officer, &details.lead_officer);
        prop_assert_eq!(&view.department, &details.department);
        prop_assert_eq!(&view.vote, &details.vote);
        prop_assert_eq!(view.documents.len(), details.documents.len());
        if let (Some(document), Some(restriction)) = (
            view.documents.first(),
            details.documents.first().and_then(|d| d.restriction.as_ref()),
        ) {
            let notice = document.withheld.as_ref().unwrap();
            prop_assert_eq!(notice.paragraphs.as_slice(), restriction.paragraphs());
            prop_assert_eq!(notice.paragraph_reasons.as_slice(), restriction.paragraph_reasons());
            prop_assert_eq!(notice.as_given.as_ref(), restriction.as_given());
            prop_assert_eq!(
                notice.public_interest_test_applied,
                restriction.public_interest_test_applied()
            );
        }
        let json = serde_json::to_string(&view).unwrap();
        let read: RecordView = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(read, view);
    }
}
