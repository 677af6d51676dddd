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
        decision_maker: cabinet.clone(),
        status_label: StatusLabel::parse("Recommendations Approved").unwrap(),
        outcome: Outcome::Approved,
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
        decided_by: cabinet,
        interests: vec![DeclaredInterest {
            member: name("Cllr Example"),
            interest: text("Employed by a supplier."),
            dispensation: None,
        }],
        documents: vec![Document {
            title: Title::parse("Information Strategy 2010-2013").unwrap(),
            url: Some(HttpUrl::parse("https://example.gov.uk/strategy.pdf").unwrap()),
            sha256: Some(Sha256Digest::parse(&"ab".repeat(32)).unwrap()),
            restriction: Some(
                crate::restriction::Restriction::parse(
                    crate::restriction::RestrictionCategory::Exempt,
                    crate::restriction::ExemptionScheme::Schedule12APart1,
                    vec![3],
                    true,
                    Some(reason("Supplier prices.")),
                )
                .unwrap(),
            ),
        }],
        field_restrictions: vec![],
        forward_plan_entry: Some(ForwardPlanEntryId::from_uuid(uuid(3))),
    }
}

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
    assert_golden(golden_recorded_event(), "DecisionRecorded", GOLDEN_RECORDED);
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
    ];
    let plan_details = ForwardPlanDetails {
        title: Title::parse("Information Strategy").unwrap(),
        description: None,
        decision_maker: f.cabinet,
        key_decision: true,
        reason_key: vec![],
        wards: Wards::Listed {
            ward_ids: WardList::parse(vec![ward]).unwrap(),
        },
        consultees: None,
        representations: Some(Representations {
            how: text("In writing"),
            by: None,
        }),
        anticipated_restriction: AnticipatedRestriction::FullyExempt { restriction: None },
    };
    let forward_plan = vec![
        ForwardPlanEvent::Entered(ForwardPlanEntryEntered {
            entry_id: ForwardPlanEntryId::from_uuid(uuid(3)),
            details: plan_details,
            date_due: d(2010, 6, 9),
            notice_date: d(2010, 5, 1),
            notice: NoticeKind::SpecialUrgency {
                agreed_by: name("Chair"),
                reason: reason("Urgent"),
            },
        }),
        ForwardPlanEvent::Rescheduled(ForwardPlanEntryRescheduled {
            from: d(2010, 6, 9),
            to: d(2010, 7, 7),
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
    ];
    let decision_events = vec![
        DecisionEvent::CallInResolved(DecisionCallInResolved {
            outcome: CallInOutcome::ReferredToFullCouncil,
            date: d(2010, 6, 24),
        }),
        DecisionEvent::Reconsidered(DecisionReconsidered {
            result: ReconsiderationResult::Amended {
                resolutions: resolutions(&["Amended."]),
                outcome: Outcome::ApprovedWithAmendments,
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
    ];
    let strategy = vec![
        StrategyEvent::Created(StrategyDocumentCreated {
            document_id: StrategyDocumentId::from_uuid(uuid(6)),
            title: Title::parse("ICT Strategy").unwrap(),
            period,
        }),
        StrategyEvent::Renamed(StrategyDocumentRenamed {
            title: Title::parse("Information Strategy").unwrap(),
            on: d(2010, 6, 9),
            noted_by: Some(decision),
        }),
        StrategyEvent::VersionDrafted(StrategyVersionDrafted {
            label: version.clone(),
            period,
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
fn event_type_names_are_unique_and_every_version_above_one_has_its_upcasters() {
    let mut names: Vec<&str> = EVENT_TYPES.iter().map(|(name, _)| *name).collect();
    names.sort_unstable();
    let before = names.len();
    names.dedup();
    assert_eq!(names.len(), before);
    for (name, version) in EVENT_TYPES {
        for from in 1..*version {
            assert!(
                UPCASTERS
                    .iter()
                    .any(|u| u.event_type == *name && u.from_version == from),
                "{name} has no upcaster from v{from}"
            );
        }
    }
    assert_eq!(EVENT_TYPES.len(), 41);
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
fn every_built_in_upcaster_lifts_a_version_below_its_types_current_one() {
    for u in UPCASTERS {
        let current = EVENT_TYPES
            .iter()
            .find(|(name, _)| *name == u.event_type)
            .map(|(_, v)| *v);
        assert!(
            current.is_some_and(|c| u.from_version < c),
            "{} v{}",
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
