//! The stored format: every event round-trips, golden payloads pin the
//! format of the main events, and decoding goes through the upcaster table.

use super::*;
use crate::council::*;
use crate::decision::*;
use crate::forward_plan::*;
use crate::nation::Nation;
use crate::strategy::*;
use crate::testing::*;
use crate::values::*;
use serde_json::json;

fn uuid(n: u8) -> uuid::Uuid {
    uuid::Uuid::parse_str(&format!("0190a1b2-0000-7000-8000-0000000000{n:02x}")).unwrap()
}

fn golden_details() -> DecisionDetails {
    let cabinet = BodyRef {
        body_id: BodyId::from_uuid(uuid(2)),
        name_as_shown: name("Cabinet"),
    };
    DecisionDetails {
        title: Title::parse("Information Strategy 2010 - 13").unwrap(),
        decision_maker: Some(cabinet.clone()),
        status_label: Some(StatusLabel::parse("Recommendations Approved").unwrap()),
        outcome: Some(Outcome::Approved),
        key_decision: Some(true),
        subject_to_call_in: Some(true),
        purpose: Some(text("Annual review.")),
        resolutions: resolutions(&["That the Information Strategy 2010-2013 be approved."]),
        reasons: Some(text("Technology underpins the Council's priorities.")),
        alternative_options: None,
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
        decided_by: Some(cabinet),
        interests: Interests::Declared {
            interests: vec![DeclaredInterest {
                member: MemberRef {
                    member_id: None,
                    name_as_shown: name("Cllr Example"),
                },
                interest: text("Employed by a supplier."),
                dispensation: None,
            }],
        },
        documents: vec![Document {
            title: Title::parse("Information Strategy 2010-2013").unwrap(),
            url: Some(HttpUrl::parse("https://example.gov.uk/strategy.pdf").unwrap()),
            sha256: Some(Sha256Digest::parse(&"ab".repeat(32)).unwrap()),
            restriction: Some(
                crate::restriction::Restriction::parse(crate::restriction::RestrictionDraft {
                    public_interest_test_applied: Some(true),
                    reason: Some(reason("Supplier prices.")),
                    ..crate::restriction::RestrictionDraft::exempt(
                        Some(crate::restriction::ExemptionScheme::Schedule12APart1),
                        &[3],
                    )
                })
                .unwrap(),
            ),
        }],
        field_restrictions: vec![],
        forward_plan_entry: Some(ForwardPlanEntryId::from_uuid(uuid(3))),
        references: References::default(),
        links: Vec::new(),
        meeting: None,
        lead_member: None,
        lead_officer: None,
        department: None,
        vote: None,
    }
}

/// `DecisionRecorded` as v1 stored it: read through the upcaster.
const GOLDEN_RECORDED_V1: &str = r#"{
  "decision_id": "0190a1b2-0000-7000-8000-000000000001",
  "details": {
    "title": "Information Strategy 2010 - 13",
    "decision_maker": {"body_id": "0190a1b2-0000-7000-8000-000000000002", "name_as_shown": "Cabinet"},
    "status_label": "Recommendations Approved",
    "outcome": "approved",
    "key_decision": true,
    "subject_to_call_in": true,
    "purpose": "Annual review.",
    "resolutions": [{"number": 1, "text": "That the Information Strategy 2010-2013 be approved."}],
    "reasons": "Technology underpins the Council's priorities.",
    "alternative_options": null,
    "reason_key": ["Policies, Plans, Strategies"],
    "wards_affected": {"kind": "all"},
    "committee_details": "None",
    "representations_by": "2010-05-21",
    "other_consulted": "Email",
    "consultees": "Finance, Assistant Directors.",
    "contact": {
      "name": null,
      "email": "Paultaylor@maidstone.gov.uk",
      "phone": "01622 602068",
      "as_given": "Email: Paultaylor@maidstone.gov.uk Tel: 01622 602068."
    },
    "report_author": "Paul Taylor",
    "date_of_decision": "2010-06-09",
    "decided_by": {"body_id": "0190a1b2-0000-7000-8000-000000000002", "name_as_shown": "Cabinet"},
    "interests": [{"member": "Cllr Example", "interest": "Employed by a supplier.", "dispensation": null}],
    "documents": [{
      "title": "Information Strategy 2010-2013",
      "url": "https://example.gov.uk/strategy.pdf",
      "sha256": "abababababababababababababababababababababababababababababababab",
      "restriction": {
        "category": "exempt",
        "scheme": "schedule_12a_part_1",
        "paragraphs": [3],
        "public_interest_test_applied": true,
        "reason": "Supplier prices."
      }
    }],
    "field_restrictions": [],
    "forward_plan_entry": "0190a1b2-0000-7000-8000-000000000003"
  }
}"#;

/// The same record as v2 writes it.
const GOLDEN_RECORDED: &str = r#"{
  "decision_id": "0190a1b2-0000-7000-8000-000000000001",
  "details": {
    "title": "Information Strategy 2010 - 13",
    "decision_maker": {"body_id": "0190a1b2-0000-7000-8000-000000000002", "name_as_shown": "Cabinet"},
    "status_label": "Recommendations Approved",
    "outcome": "approved",
    "key_decision": true,
    "subject_to_call_in": true,
    "purpose": "Annual review.",
    "resolutions": [{"label": "1", "text": "That the Information Strategy 2010-2013 be approved."}],
    "reasons": "Technology underpins the Council's priorities.",
    "alternative_options": null,
    "reason_key": ["Policies, Plans, Strategies"],
    "wards_affected": {"kind": "all"},
    "committee_details": "None",
    "representations_by": "2010-05-21",
    "other_consulted": "Email",
    "consultees": "Finance, Assistant Directors.",
    "contact": {
      "name": null,
      "email": "Paultaylor@maidstone.gov.uk",
      "phone": "01622 602068",
      "as_given": "Email: Paultaylor@maidstone.gov.uk Tel: 01622 602068."
    },
    "report_author": "Paul Taylor",
    "date_of_decision": "2010-06-09",
    "decided_by": {"body_id": "0190a1b2-0000-7000-8000-000000000002", "name_as_shown": "Cabinet"},
    "interests": {"kind": "declared", "interests": [{"member": {"member_id": null, "name_as_shown": "Cllr Example"}, "interest": "Employed by a supplier.", "dispensation": null}]},
    "documents": [{
      "title": "Information Strategy 2010-2013",
      "url": "https://example.gov.uk/strategy.pdf",
      "sha256": "abababababababababababababababababababababababababababababababab",
      "restriction": {
        "category": "exempt",
        "scheme": "schedule_12a_part_1",
        "paragraphs": [3],
        "public_interest_test_applied": true,
        "reason": "Supplier prices."
      }
    }],
    "field_restrictions": [],
    "forward_plan_entry": "0190a1b2-0000-7000-8000-000000000003",
    "references": {"reference": null, "minute_number": null, "source_url": null, "source_id": null},
    "links": [],
    "meeting": null,
    "lead_member": null,
    "lead_officer": null,
    "department": null,
    "vote": null
  }
}"#;

/// `DecisionPublished` v1, as stored before deadline forms: lifted by its upcaster to
/// [`golden_published_event`].
const GOLDEN_PUBLISHED_V1: &str = r#"{
  "publication_date": "2010-06-11",
  "call_in": {"kind": "window", "period_working_days": 5, "counted_from": "publication", "takes_effect": "day_after_last_day"},
  "computed_call_in_deadline": "2010-06-18",
  "computed_effective_from": "2010-06-19",
  "call_in_deadline": "2010-06-18",
  "effective_from": "2010-06-21",
  "basis": {"kind": "override", "reason": "Offices closed."}
}"#;

const GOLDEN_PUBLISHED: &str = r#"{
  "publication_date": "2010-06-11",
  "call_in": {
    "kind": "window",
    "rule": {
      "deadline": {"form": "working_days", "working_days": 5},
      "deadline_time": null,
      "counted_from": "publication",
      "takes_effect": "day_after_last_day"
    },
    "decision_maker_kind": null
  },
  "computed_call_in_deadline": "2010-06-18",
  "computed_effective_from": "2010-06-19",
  "call_in_deadline": "2010-06-18",
  "call_in_deadline_time": null,
  "effective_from": "2010-06-21",
  "basis": {"kind": "override", "reason": "Offices closed."}
}"#;

fn golden_recorded_event() -> Event {
    Event::Decision(DecisionEvent::Recorded(DecisionRecorded {
        decision_id: DecisionId::from_uuid(uuid(1)),
        details: golden_details(),
    }))
}

fn golden_published_event() -> Event {
    Event::Decision(DecisionEvent::Published(DecisionPublished {
        publication_date: d(2010, 6, 11),
        call_in: CallInTerms::Window {
            rule: CallInRule::default(),
            decision_maker_kind: None,
        },
        computed_call_in_deadline: Some(d(2010, 6, 18)),
        computed_effective_from: d(2010, 6, 19),
        call_in_deadline: Some(d(2010, 6, 18)),
        call_in_deadline_time: None,
        effective_from: d(2010, 6, 21),
        basis: DateBasis::Override {
            reason: reason("Offices closed."),
        },
    }))
}

/// The event encodes to exactly `golden` at its current version, and `golden` decodes back to
/// it.
fn assert_golden(event: Event, event_type: &str, golden: &str) {
    let version = EVENT_TYPES
        .iter()
        .find(|(name, _)| *name == event_type)
        .map(|(_, v)| *v)
        .unwrap();
    assert_golden_at(event, event_type, version, golden);
}

/// As [`assert_golden`], pinning the version.
pub(super) fn assert_golden_at(event: Event, event_type: &str, version: u16, golden: &str) {
    let golden: serde_json::Value = serde_json::from_str(golden).unwrap();
    let encoded = event.encode();
    assert_eq!(encoded.event_type, event_type);
    assert_eq!(encoded.schema_version, version);
    assert_eq!(
        encoded.payload, golden,
        "the stored format of {event_type} changed"
    );
    let stored = EncodedEvent {
        event_type: event_type.to_owned(),
        schema_version: version,
        payload: golden,
    };
    assert_eq!(Event::decode(&stored).unwrap(), event);
}

/// A stored payload at `version` decodes (through the upcasters) to `event`.
pub(super) fn assert_lifted(event: &Event, event_type: &str, version: u16, stored: &str) {
    let stored = EncodedEvent {
        event_type: event_type.to_owned(),
        schema_version: version,
        payload: serde_json::from_str(stored).unwrap(),
    };
    assert_eq!(&Event::decode(&stored).unwrap(), event);
}

#[test]
fn decision_recorded_matches_its_golden_payload() {
    assert_golden_at(
        golden_recorded_event(),
        "DecisionRecorded",
        2,
        GOLDEN_RECORDED,
    );
}

#[test]
fn a_stored_v1_decision_record_keeps_its_meaning_as_v2() {
    assert_lifted(
        &golden_recorded_event(),
        "DecisionRecorded",
        1,
        GOLDEN_RECORDED_V1,
    );
    let v1: serde_json::Value = serde_json::from_str(GOLDEN_RECORDED_V1).unwrap();
    let corrected = json!({
        "details": v1["details"], "reason": "Typo.", "corrected_fields": ["title"],
        "corrected_on": "2010-06-10"
    });
    assert_lifted(
        &Event::Decision(DecisionEvent::Corrected(DecisionCorrected {
            details: golden_details(),
            reason: reason("Typo."),
            corrected_fields: vec![DecisionField::Title],
            corrected_on: d(2010, 6, 10),
        })),
        "DecisionCorrected",
        1,
        &corrected.to_string(),
    );
}

#[test]
fn a_stored_v1_record_with_no_interests_reads_as_not_stated() {
    let mut v1: serde_json::Value = serde_json::from_str(GOLDEN_RECORDED_V1).unwrap();
    v1["details"]["interests"] = json!([]);
    let mut expected = golden_details();
    expected.interests = Interests::NotStated;
    assert_lifted(
        &Event::Decision(DecisionEvent::Recorded(DecisionRecorded {
            decision_id: DecisionId::from_uuid(uuid(1)),
            details: expected,
        })),
        "DecisionRecorded",
        1,
        &v1.to_string(),
    );
}

#[test]
fn a_stored_v1_reconsideration_keeps_its_resolutions_numbered_as_labels() {
    let v1 = json!({
        "reconsideration": {"result": "amended", "outcome": "approved_with_amendments",
            "resolutions": [{"number": 2, "text": "Amended."}]},
        "date": "2010-07-07"
    });
    assert_lifted(
        &Event::Decision(DecisionEvent::Reconsidered(DecisionReconsidered {
            result: ReconsiderationResult::Amended {
                resolutions: Resolutions::new(vec![Resolution {
                    label: Some(ResolutionLabel::parse("2").unwrap()),
                    text: text("Amended."),
                }]),
                outcome: Some(Outcome::ApprovedWithAmendments),
            },
            date: d(2010, 7, 7),
        })),
        "DecisionReconsidered",
        1,
        &v1.to_string(),
    );
}

/// A v2 record stating what v1 could not: references, links, the meeting, people, the vote,
/// "None" declared, unnumbered resolutions, a lettered paragraph and the council's own wording.
const GOLDEN_RECORDED_V2_FULL: &str = r#"{
  "decision_id": "0190a1b2-0000-7000-8000-000000000011",
  "details": {
    "title": "Disposal of land at Mote Road",
    "decision_maker": null,
    "status_label": null,
    "outcome": null,
    "key_decision": null,
    "subject_to_call_in": false,
    "purpose": null,
    "resolutions": [{"label": null, "text": "To dispose of the land to the highest bidder."}],
    "reasons": null,
    "alternative_options": null,
    "reason_key": [],
    "wards_affected": {"kind": "not_stated"},
    "committee_details": null,
    "representations_by": null,
    "other_consulted": null,
    "consultees": null,
    "contact": null,
    "report_author": null,
    "date_of_decision": "2023-03-01",
    "decided_by": null,
    "interests": {"kind": "none_declared"},
    "documents": [{
      "title": "Valuation report",
      "url": null,
      "sha256": null,
      "restriction": {
        "category": "exempt",
        "scheme": "schedule_12a_part_4",
        "paragraphs": [14, "16a"],
        "public_interest_test_applied": null,
        "reason": null,
        "paragraph_reasons": [{"paragraph": 14, "reason": "Financial affairs of the bidder."}],
        "as_given": "Part 1 paragraph 14"
      }
    }],
    "field_restrictions": [],
    "forward_plan_entry": null,
    "references": {"reference": "ODN 12/2023", "minute_number": "45.", "source_url": "https://democracy.example.gov.uk/ieDecisionDetails.aspx?ID=123", "source_id": "123"},
    "links": [{"relation": "replaces", "decision_id": "0190a1b2-0000-7000-8000-000000000012"}],
    "meeting": {"meeting_id": "0190a1b2-0000-7000-8000-000000000013", "agenda_item_id": null},
    "lead_member": {"member_id": "0190a1b2-0000-7000-8000-000000000014", "name_as_shown": "Cllr Mrs J Smith"},
    "lead_officer": "Mark Green, Director of Finance",
    "department": "Finance",
    "vote": {
      "proposer": {"member_id": null, "name_as_shown": "Cllr A"},
      "seconder": null,
      "for": 6,
      "against": 3,
      "abstained": null,
      "named": [{"member": {"member_id": null, "name_as_shown": "Cllr A"}, "cast": "for"}],
      "as_given": "For 6, Against 3"
    }
  }
}"#;

fn golden_full_v2_event() -> Event {
    let member = |id: Option<u8>, shown| MemberRef {
        member_id: id.map(|n| MemberId::from_uuid(uuid(n))),
        name_as_shown: name(shown),
    };
    let restriction =
        crate::restriction::Restriction::parse(crate::restriction::RestrictionDraft {
            paragraphs: vec![
                crate::restriction::Paragraph::number(14),
                crate::restriction::Paragraph::parse("16a").unwrap(),
            ],
            paragraph_reasons: vec![crate::restriction::ParagraphReason {
                paragraph: crate::restriction::Paragraph::number(14),
                reason: reason("Financial affairs of the bidder."),
            }],
            as_given: Some(text("Part 1 paragraph 14")),
            ..crate::restriction::RestrictionDraft::exempt(
                Some(crate::restriction::ExemptionScheme::Schedule12APart4),
                &[],
            )
        })
        .unwrap();
    Event::Decision(DecisionEvent::Recorded(DecisionRecorded {
        decision_id: DecisionId::from_uuid(uuid(0x11)),
        details: DecisionDetails {
            title: Title::parse("Disposal of land at Mote Road").unwrap(),
            decision_maker: None,
            status_label: None,
            outcome: None,
            key_decision: None,
            subject_to_call_in: Some(false),
            purpose: None,
            resolutions: Resolutions::new(vec![Resolution {
                label: None,
                text: text("To dispose of the land to the highest bidder."),
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
            date_of_decision: d(2023, 3, 1),
            decided_by: None,
            interests: Interests::NoneDeclared,
            documents: vec![Document {
                title: Title::parse("Valuation report").unwrap(),
                url: None,
                sha256: None,
                restriction: Some(restriction),
            }],
            field_restrictions: vec![],
            forward_plan_entry: None,
            references: References {
                reference: Some(Reference::parse("ODN 12/2023").unwrap()),
                minute_number: Some(Reference::parse("45.").unwrap()),
                source_url: Some(
                    HttpUrl::parse(
                        "https://democracy.example.gov.uk/ieDecisionDetails.aspx?ID=123",
                    )
                    .unwrap(),
                ),
                source_id: Some(Reference::parse("123").unwrap()),
            },
            links: vec![DecisionLink {
                relation: DecisionRelation::Replaces,
                decision_id: DecisionId::from_uuid(uuid(0x12)),
            }],
            meeting: Some(MeetingItemRef {
                meeting_id: MeetingId::from_uuid(uuid(0x13)),
                agenda_item_id: None,
            }),
            lead_member: Some(member(Some(0x14), "Cllr Mrs J Smith")),
            lead_officer: Some(name("Mark Green, Director of Finance")),
            department: Some(name("Finance")),
            vote: Some(Vote {
                proposer: Some(member(None, "Cllr A")),
                seconder: None,
                votes_for: Some(6),
                votes_against: Some(3),
                abstained: None,
                named: vec![NamedVote {
                    member: member(None, "Cllr A"),
                    cast: VoteCast::For,
                }],
                as_given: Some(text("For 6, Against 3")),
            }),
        },
    }))
}

#[test]
fn a_v2_record_stating_what_v1_could_not_matches_its_golden_payload() {
    assert_golden_at(
        golden_full_v2_event(),
        "DecisionRecorded",
        2,
        GOLDEN_RECORDED_V2_FULL,
    );
}

#[test]
fn member_added_and_left_match_their_golden_payloads() {
    assert_golden(
        Event::Council(CouncilEvent::MemberAdded(MemberAdded {
            member_id: MemberId::from_uuid(uuid(0x14)),
            name: name("Cllr Mrs J Smith"),
            party: Some(name("Liberal Democrat")),
        })),
        "MemberAdded",
        r#"{"member_id": "0190a1b2-0000-7000-8000-000000000014", "name": "Cllr Mrs J Smith", "party": "Liberal Democrat"}"#,
    );
    assert_golden(
        Event::Council(CouncilEvent::MemberLeft(MemberLeft {
            member_id: MemberId::from_uuid(uuid(0x14)),
            on: d(2024, 5, 3),
        })),
        "MemberLeft",
        r#"{"member_id": "0190a1b2-0000-7000-8000-000000000014", "on": "2024-05-03"}"#,
    );
}

#[test]
fn body_added_v2_adds_kinds_and_reads_v1_unchanged() {
    let golden = r#"{"body_id": "0190a1b2-0000-7000-8000-000000000002", "name": "Mayor of Bedford", "kind": "elected_mayor"}"#;
    let event = |kind| {
        Event::Council(CouncilEvent::BodyAdded(BodyAdded {
            body_id: BodyId::from_uuid(uuid(2)),
            name: name("Mayor of Bedford"),
            kind,
        }))
    };
    assert_golden_at(event(BodyKind::ElectedMayor), "BodyAdded", 2, golden);
    assert_lifted(
        &event(BodyKind::Cabinet),
        "BodyAdded",
        1,
        &golden.replace("elected_mayor", "cabinet"),
    );
}

#[test]
fn decision_published_v2_matches_its_golden_payload() {
    assert_golden_at(
        golden_published_event(),
        "DecisionPublished",
        2,
        GOLDEN_PUBLISHED,
    );
}

#[test]
fn a_stored_decision_published_v1_is_lifted_to_the_same_working_day_rule() {
    assert_lifted(
        &golden_published_event(),
        "DecisionPublished",
        1,
        GOLDEN_PUBLISHED_V1,
    );
}

#[test]
fn council_registered_matches_its_golden_payload() {
    let event = Event::Council(CouncilEvent::Registered(CouncilRegistered {
        slug: Slug::parse("maidstone").unwrap(),
        name: name("Maidstone Borough Council"),
        kind: CouncilKind::District,
        nation: Nation::England,
        call_in_policy: CallInPolicy::default(),
        status_labels: vec![StatusLabelMapping {
            label: StatusLabel::parse("Recommendations Approved").unwrap(),
            status: CanonicalStatus::Approved,
        }],
    }));
    assert_lifted(
        &event,
        "CouncilRegistered",
        1,
        r#"{
            "slug": "maidstone", "name": "Maidstone Borough Council", "kind": "district", "nation": "england",
            "call_in_policy": {"period_working_days": 5, "counted_from": "publication", "takes_effect": "day_after_last_day"},
            "status_labels": [{"label": "Recommendations Approved", "status": "approved"}]
        }"#,
    );
    assert_golden_at(
        event,
        "CouncilRegistered",
        2,
        r#"{
            "slug": "maidstone", "name": "Maidstone Borough Council", "kind": "district", "nation": "england",
            "call_in_policy": {
                "default": {
                    "deadline": {"form": "working_days", "working_days": 5},
                    "deadline_time": null,
                    "counted_from": "publication",
                    "takes_effect": "day_after_last_day"
                },
                "by_decision_maker": []
            },
            "status_labels": [{"label": "Recommendations Approved", "status": "approved"}]
        }"#,
    );
}

#[test]
fn decision_called_in_matches_its_golden_payload() {
    let event = Event::Decision(DecisionEvent::CalledIn(DecisionCalledIn {
        members: CallInMembers::parse(vec![name("Cllr A"), name("Cllr B")]).unwrap(),
        reason: reason("Inadequate consultation."),
        date: d(2010, 6, 15),
        suspends_decision: true,
    }));
    assert_lifted(
        &event,
        "DecisionCalledIn",
        1,
        r#"{"members": ["Cllr A", "Cllr B"], "reason": "Inadequate consultation.", "date": "2010-06-15"}"#,
    );
    assert_golden_at(
        event,
        "DecisionCalledIn",
        2,
        r#"{"members": ["Cllr A", "Cllr B"], "reason": "Inadequate consultation.", "date": "2010-06-15", "suspends_decision": true}"#,
    );
}

/// One event of every type.
fn samples() -> Vec<Event> {
    let f = fixture();
    let ward = WardId::from_uuid(uuid(4));
    let body = BodyId::from_uuid(uuid(5));
    let decision = DecisionId::from_uuid(uuid(1));
    let label = StatusLabel::parse("Agreed").unwrap();
    let period = StrategyPeriod::parse(2010, 2013, true).unwrap();
    let version = VersionLabel::parse("2010-2013").unwrap();
    let council = vec![
        CouncilEvent::Renamed(CouncilRenamed {
            name: name("Maidstone Council"),
        }),
        CouncilEvent::MemberAdded(MemberAdded {
            member_id: MemberId::new(),
            name: name("Cllr Paul Taylor"),
            party: None,
        }),
        CouncilEvent::MemberLeft(MemberLeft {
            member_id: MemberId::new(),
            on: d(2014, 5, 22),
        }),
        CouncilEvent::WardAdded(WardAdded {
            ward_id: ward,
            name: name("Bridge"),
        }),
        CouncilEvent::WardRenamed(WardRenamed {
            ward_id: ward,
            name: name("Bridge North"),
        }),
        CouncilEvent::WardRetired(WardRetired {
            ward_id: ward,
            on: d(2015, 5, 7),
        }),
        CouncilEvent::BodyAdded(BodyAdded {
            body_id: body,
            name: name("Cabinet"),
            kind: BodyKind::Cabinet,
        }),
        CouncilEvent::BodyRenamed(BodyRenamed {
            body_id: body,
            name: name("Executive"),
        }),
        CouncilEvent::BodyRetired(BodyRetired {
            body_id: body,
            on: d(2015, 5, 7),
        }),
        CouncilEvent::KeyDecisionThresholdsSet(KeyDecisionThresholdsSet {
            thresholds: KeyDecisionThresholds {
                spending: Pence::parse(50_000_000).unwrap(),
                savings: Pence::parse(50_000_000).unwrap(),
                significant_in_two_or_more_wards: true,
            },
        }),
        CouncilEvent::CallInPolicySet(CallInPolicySet {
            policy: CallInPolicy::default(),
        }),
        CouncilEvent::ClosureDayAdded(ClosureDayAdded {
            date: d(2010, 12, 29),
            reason: Some(reason("Christmas")),
        }),
        CouncilEvent::ClosureDayRemoved(ClosureDayRemoved {
            date: d(2010, 12, 29),
        }),
        CouncilEvent::StatusLabelMapped(StatusLabelMapped {
            label: label.clone(),
            status: CanonicalStatus::Approved,
        }),
        CouncilEvent::StatusLabelUnmapped(StatusLabelUnmapped { label }),
        CouncilEvent::ForwardPlanPublished(ForwardPlanPublished {
            plan_id: ForwardPlanId::from_uuid(uuid(7)),
            details: PlanDetails {
                title: Title::parse("Forward Plan June 2010").unwrap(),
                period_from: Some(d(2010, 6, 1)),
                period_to: None,
                published_by: Some(body),
                published_on: Some(d(2010, 5, 1)),
                next_update_due: None,
                key_decision_criteria: Some(text("Over £500,000.")),
            },
        }),
        CouncilEvent::ForwardPlanRefreshed(ForwardPlanRefreshed {
            plan_id: ForwardPlanId::from_uuid(uuid(7)),
            on: d(2010, 5, 14),
            next_update_due: Some(d(2010, 6, 1)),
        }),
        CouncilEvent::PersonalDataErased(crate::personal::PersonalDataErased {
            commitments: vec!["ab".repeat(32)],
            records: vec![format!("decision/{}", uuid(8))],
            reason: Reason::parse("Erasure request DP-2026-114").unwrap(),
        }),
    ];
    let plan_details = ForwardPlanDetails {
        title: Title::parse("Information Strategy").unwrap(),
        description: None,
        decision_maker: f.cabinet,
        key_decision: true,
        reason_key: vec![],
        wards: Some(Wards::Listed {
            ward_ids: WardList::parse(vec![ward]).unwrap(),
        }),
        consultees: None,
        representations: Some(Representations {
            how: text("In writing"),
            by: None,
        }),
        anticipated_restriction: AnticipatedRestriction::FullyExempt { restriction: None },
        reference: Some(name("FP/2010/1")),
        contacts: vec![EntryContact {
            role: Some(name("Lead officer")),
            name: Some(name("Paul Taylor")),
            email: None,
            phone: None,
            as_given: None,
        }],
        source: Default::default(),
    };
    let forward_plan = vec![
        ForwardPlanEvent::Entered(ForwardPlanEntryEntered {
            entry_id: ForwardPlanEntryId::from_uuid(uuid(3)),
            details: plan_details.clone(),
            date_due: Some(DateDue::Day {
                date: d(2010, 6, 9),
            }),
            notice_date: Some(d(2010, 5, 1)),
            notice: NoticeKind::SpecialUrgency {
                agreed_by: name("Chair"),
                reason: reason("Urgent"),
            },
            status: Some(ForwardPlanStatus::OnHold),
            status_label: Some(name("On hold")),
            plan_ids: vec![ForwardPlanId::from_uuid(uuid(7))],
        }),
        ForwardPlanEvent::Rescheduled(ForwardPlanEntryRescheduled {
            from: Some(DateDue::Day {
                date: d(2010, 6, 9),
            }),
            to: DateDue::Month {
                month: YearMonth::new(2010, 7).unwrap(),
            },
            reason: reason("Later"),
        }),
        ForwardPlanEvent::Withdrawn(ForwardPlanEntryWithdrawn {
            reason: reason("x"),
        }),
        ForwardPlanEvent::Abandoned(ForwardPlanEntryAbandoned {
            reason: reason("x"),
        }),
        ForwardPlanEvent::DecisionLinked(ForwardPlanEntryDecisionLinked {
            decision_id: decision,
        }),
        ForwardPlanEvent::StatusChanged(ForwardPlanEntryStatusChanged {
            status: ForwardPlanStatus::Deferred,
            label: None,
            on: Some(d(2010, 6, 1)),
            reason: Some(reason("Awaiting consultation")),
        }),
        ForwardPlanEvent::ListedOnPlan(ForwardPlanEntryListedOnPlan {
            plan_id: ForwardPlanId::from_uuid(uuid(7)),
        }),
        ForwardPlanEvent::Corrected(ForwardPlanEntryCorrected {
            details: plan_details,
            reason: reason("The decision maker was misprinted"),
            corrected_on: d(2010, 5, 1),
        }),
        ForwardPlanEvent::SourceNoted(ForwardPlanEntrySourceNoted {
            provenance: crate::provenance::sample(),
        }),
    ];
    let decision_events = vec![
        DecisionEvent::CallInResolved(DecisionCallInResolved {
            outcome: CallInOutcome::ReferredToFullCouncil,
            date: d(2010, 6, 24),
        }),
        DecisionEvent::Reconsidered(DecisionReconsidered {
            result: ReconsiderationResult::Amended {
                resolutions: resolutions(&["Amended."]),
                outcome: Some(Outcome::ApprovedWithAmendments),
            },
            date: d(2010, 7, 7),
        }),
        DecisionEvent::Reconsidered(DecisionReconsidered {
            result: ReconsiderationResult::Confirmed,
            date: d(2010, 7, 7),
        }),
        DecisionEvent::ExemptedFromCallIn(DecisionExemptedFromCallIn {
            agreed_by: name("Chair"),
            reason: reason("Urgent"),
        }),
        DecisionEvent::TookEffect(DecisionTookEffect { on: d(2010, 6, 19) }),
        DecisionEvent::Implemented(DecisionImplemented {
            on: d(2010, 9, 1),
            note: Some(text("Done")),
        }),
        DecisionEvent::Deferred(DecisionDeferred {
            reason: reason("Wait"),
            until: Some(d(2010, 7, 1)),
        }),
        DecisionEvent::Resumed(DecisionResumed {}),
        DecisionEvent::Withdrawn(DecisionWithdrawn {
            reason: reason("x"),
        }),
        DecisionEvent::Abandoned(DecisionAbandoned {
            reason: reason("x"),
        }),
        DecisionEvent::Corrected(DecisionCorrected {
            details: golden_details(),
            reason: reason("Typo"),
            corrected_fields: vec![DecisionField::Title],
            corrected_on: d(2010, 7, 1),
        }),
        DecisionEvent::SourceNoted(DecisionSourceNoted {
            provenance: crate::provenance::sample(),
        }),
    ];
    let strategy = vec![
        StrategyEvent::Created(StrategyDocumentCreated {
            document_id: StrategyDocumentId::from_uuid(uuid(6)),
            title: Title::parse("ICT Strategy").unwrap(),
            period: Some(period.into()),
            status: Some(StrategyStatus::Adopted),
            status_label: None,
        }),
        StrategyEvent::Renamed(StrategyDocumentRenamed {
            title: Title::parse("Information Strategy").unwrap(),
            on: d(2010, 6, 9),
            noted_by: Some(decision),
        }),
        StrategyEvent::VersionDrafted(StrategyVersionDrafted {
            label: version.clone(),
            period: Some(StrategySpan::FinancialYears(
                FinancialYears::parse(2010, 2012, true).unwrap(),
            )),
            review_date: None,
        }),
        StrategyEvent::VersionApproved(StrategyVersionApproved {
            label: version.clone(),
            decision_id: decision,
            on: d(2010, 6, 9),
            supersedes: None,
        }),
        StrategyEvent::VersionNoted(StrategyVersionNoted {
            label: version,
            decision_id: decision,
        }),
        StrategyEvent::StatusChanged(StrategyStatusChanged {
            status: StrategyStatus::Superseded,
            label: Some(name("Replaced by the Digital Strategy")),
            on: Some(d(2014, 4, 1)),
            decision_id: None,
        }),
    ];
    let mut all: Vec<Event> = f.history;
    all.push(golden_recorded_event());
    all.push(golden_published_event());
    all.push(Event::Decision(DecisionEvent::CalledIn(DecisionCalledIn {
        members: CallInMembers::parse(vec![name("Cllr A")]).unwrap(),
        reason: reason("x"),
        date: d(2010, 6, 15),
        suspends_decision: false,
    })));
    all.extend(super::call_in_tests::samples());
    all.extend(council.into_iter().map(Event::Council));
    all.extend(forward_plan.into_iter().map(Event::ForwardPlan));
    all.extend(decision_events.into_iter().map(Event::Decision));
    all.extend(strategy.into_iter().map(Event::Strategy));
    all.extend(crate::meeting::golden::samples());
    all
}

fn assert_no_floats(value: &serde_json::Value, event_type: &str) {
    match value {
        serde_json::Value::Number(n) => {
            assert!(n.is_i64() || n.is_u64(), "{event_type} has a float: {n}")
        }
        serde_json::Value::Array(items) => {
            items.iter().for_each(|v| assert_no_floats(v, event_type))
        }
        serde_json::Value::Object(map) => {
            map.values().for_each(|v| assert_no_floats(v, event_type))
        }
        _ => {}
    }
}

#[test]
fn every_event_type_round_trips_through_the_codec_without_floats() {
    let samples = samples();
    for event in &samples {
        let encoded = event.encode();
        assert!(
            encoded.payload.get("encoding_error").is_none(),
            "{} failed to encode",
            encoded.event_type
        );
        assert_no_floats(&encoded.payload, &encoded.event_type);
        assert_eq!(
            &Event::decode(&encoded).unwrap(),
            event,
            "{} did not round-trip",
            encoded.event_type
        );
        // The envelope itself survives storage as JSON.
        let stored = serde_json::to_string(&encoded).unwrap();
        let back: EncodedEvent = serde_json::from_str(&stored).unwrap();
        assert_eq!(back, encoded);
    }
    let covered: std::collections::BTreeSet<&str> = samples.iter().map(Event::event_type).collect();
    let registered: std::collections::BTreeSet<&str> =
        EVENT_TYPES.iter().map(|(name, _)| *name).collect();
    assert_eq!(
        covered, registered,
        "every registered event type needs a sample"
    );
}

#[test]
fn event_type_names_are_unique() {
    let mut names: Vec<&str> = EVENT_TYPES.iter().map(|(name, _)| *name).collect();
    names.sort_unstable();
    let before = names.len();
    names.dedup();
    assert_eq!(names.len(), before);
}

#[test]
fn an_unknown_event_type_is_refused() {
    let e = EncodedEvent {
        event_type: "DecisionTeleported".into(),
        schema_version: 1,
        payload: json!({}),
    };
    assert_eq!(
        Event::decode(&e),
        Err(DecodeError::UnknownEventType {
            event_type: "DecisionTeleported".into()
        })
    );
}

#[test]
fn a_version_newer_than_this_build_is_refused() {
    let mut e = golden_published_event().encode();
    e.schema_version = 3;
    assert_eq!(
        Event::decode(&e),
        Err(DecodeError::UnsupportedVersion {
            event_type: "DecisionPublished".into(),
            version: 3,
            current: 2
        })
    );
}

#[test]
fn an_older_version_with_no_upcaster_is_refused() {
    let mut e = golden_published_event().encode();
    e.schema_version = 0;
    assert_eq!(
        Event::decode(&e),
        Err(DecodeError::UnsupportedVersion {
            event_type: "DecisionPublished".into(),
            version: 0,
            current: 2
        })
    );
}

#[test]
fn a_payload_that_does_not_match_the_schema_is_malformed() {
    let e = EncodedEvent {
        event_type: "DecisionWithdrawn".into(),
        schema_version: 1,
        payload: json!({"why": "x"}),
    };
    assert!(matches!(
        Event::decode(&e),
        Err(DecodeError::Malformed { .. })
    ));
}

#[test]
fn a_payload_that_breaks_a_value_rule_is_malformed() {
    let e = EncodedEvent {
        event_type: "DecisionWithdrawn".into(),
        schema_version: 1,
        payload: json!({"reason": "   "}),
    };
    assert!(matches!(
        Event::decode(&e),
        Err(DecodeError::Malformed { .. })
    ));
    let e = EncodedEvent {
        event_type: "WardRetired".into(),
        schema_version: 1,
        payload: json!({"ward_id": "x", "on": "2010-01-01"}),
    };
    assert!(matches!(
        Event::decode(&e),
        Err(DecodeError::Malformed { .. })
    ));
}

#[test]
fn every_version_below_the_current_one_has_exactly_one_upcaster() {
    for (name, current) in EVENT_TYPES {
        for version in 1..*current {
            let steps = UPCASTERS
                .iter()
                .filter(|u| u.event_type == *name && u.from_version == version)
                .count();
            assert_eq!(steps, 1, "{name} v{version}");
        }
    }
    for u in UPCASTERS {
        let current = EVENT_TYPES.iter().find(|(name, _)| *name == u.event_type);
        assert!(
            current.is_some_and(|(_, v)| u.from_version < *v),
            "{} v{} lifts to nothing",
            u.event_type,
            u.from_version
        );
    }
}

fn rename_why_to_reason(mut payload: serde_json::Value) -> Result<serde_json::Value, String> {
    let obj = payload.as_object_mut().ok_or("not an object")?;
    let why = obj.remove("why").ok_or("no `why` field")?;
    obj.insert("reason".into(), why);
    Ok(payload)
}

fn add_nothing(payload: serde_json::Value) -> Result<serde_json::Value, String> {
    Ok(payload)
}

/// A registry where `DecisionWithdrawn` is at version 3, with steps from
/// version 1 (`why`) through version 2 to the current shape (`reason`).
const TEST_REGISTRY: &[(&str, u16)] = &[("DecisionWithdrawn", 3)];
const TEST_UPCASTERS: &[Upcaster] = &[
    Upcaster {
        event_type: "DecisionWithdrawn",
        from_version: 1,
        upcast: rename_why_to_reason,
    },
    Upcaster {
        event_type: "DecisionWithdrawn",
        from_version: 2,
        upcast: add_nothing,
    },
];

#[test]
fn older_versions_are_lifted_step_by_step_to_the_current_one_before_deserialising() {
    let codec = Codec {
        registry: TEST_REGISTRY,
        upcasters: TEST_UPCASTERS,
    };
    let v1 = EncodedEvent {
        event_type: "DecisionWithdrawn".into(),
        schema_version: 1,
        payload: json!({"why": "Superseded"}),
    };
    assert_eq!(
        codec.decode(&v1).unwrap(),
        Event::Decision(DecisionEvent::Withdrawn(DecisionWithdrawn {
            reason: reason("Superseded")
        }))
    );
    let v3 = EncodedEvent {
        event_type: "DecisionWithdrawn".into(),
        schema_version: 3,
        payload: json!({"reason": "Superseded"}),
    };
    assert!(codec.decode(&v3).is_ok());
}

#[test]
fn an_upcaster_failure_is_reported_as_malformed() {
    let codec = Codec {
        registry: TEST_REGISTRY,
        upcasters: TEST_UPCASTERS,
    };
    let bad = EncodedEvent {
        event_type: "DecisionWithdrawn".into(),
        schema_version: 1,
        payload: json!({"reason": "x"}),
    };
    assert_eq!(
        codec.decode(&bad),
        Err(DecodeError::Malformed {
            event_type: "DecisionWithdrawn".into(),
            version: 1,
            message: "no `why` field".into()
        })
    );
}

#[test]
fn a_gap_in_the_upcaster_chain_is_an_unsupported_version() {
    let codec = Codec {
        registry: TEST_REGISTRY,
        upcasters: &TEST_UPCASTERS[1..],
    };
    let v1 = EncodedEvent {
        event_type: "DecisionWithdrawn".into(),
        schema_version: 1,
        payload: json!({"why": "x"}),
    };
    assert_eq!(
        codec.decode(&v1),
        Err(DecodeError::UnsupportedVersion {
            event_type: "DecisionWithdrawn".into(),
            version: 1,
            current: 3
        })
    );
}

#[test]
fn personal_data_erased_v1_golden() {
    assert_golden(
        Event::Council(CouncilEvent::PersonalDataErased(
            crate::personal::PersonalDataErased {
                commitments: vec!["ab".repeat(32)],
                records: vec![format!("decision/{}", uuid(8))],
                reason: Reason::parse("Erasure request DP-2026-114").unwrap(),
            },
        )),
        "PersonalDataErased",
        r#"{
            "commitments": ["abababababababababababababababababababababababababababababababab"],
            "records": ["decision/0190a1b2-0000-7000-8000-000000000008"],
            "reason": "Erasure request DP-2026-114"
        }"#,
    );
}
