//! Golden payloads of the forward-plan and strategy events added or changed for issue 13, and
//! the upcasters that lift their stored v1 payloads: a v1 payload decodes to the v2 value that
//! means the same.

use super::*;
use crate::decision::WardList;
use crate::forward_plan::*;
use crate::strategy::*;
use crate::testing::*;
use crate::values::*;
use serde_json::json;

fn id(n: u8) -> uuid::Uuid {
    uuid::Uuid::parse_str(&format!("0190a1b2-0000-7000-8000-0000000001{n:02x}")).unwrap()
}

/// The event encodes to exactly `golden` at `version`, and `golden` decodes to the event.
fn assert_golden(event: Event, event_type: &str, version: u16, golden: serde_json::Value) {
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

/// A stored v1 payload decodes to `expected`.
fn assert_lifted(event_type: &str, v1: serde_json::Value, expected: Event) {
    let stored = EncodedEvent {
        event_type: event_type.to_owned(),
        schema_version: 1,
        payload: v1,
    };
    assert_eq!(Event::decode(&stored).unwrap(), expected);
}

fn v1_entered_payload() -> serde_json::Value {
    json!({
        "entry_id": id(1).to_string(),
        "details": {
            "title": "Information Strategy 2010 - 13",
            "description": null,
            "decision_maker": id(2).to_string(),
            "key_decision": true,
            "reason_key": ["Policies, Plans, Strategies"],
            "wards": {"kind": "listed", "ward_ids": [id(3).to_string()]},
            "consultees": null,
            "representations": {"how": "By email to the report author.", "by": "2010-05-21"},
            "anticipated_restriction": {"kind": "open"}
        },
        "date_due": "2010-06-09",
        "notice_date": "2010-05-01",
        "notice": {"kind": "general_exception", "reason": "Contract expires."}
    })
}

fn details() -> ForwardPlanDetails {
    ForwardPlanDetails {
        title: Title::parse("Information Strategy 2010 - 13").unwrap(),
        description: None,
        decision_maker: BodyId::from_uuid(id(2)),
        key_decision: true,
        reason_key: vec![name("Policies, Plans, Strategies")],
        wards: Some(Wards::Listed {
            ward_ids: WardList::parse(vec![WardId::from_uuid(id(3))]).unwrap(),
        }),
        consultees: None,
        representations: Some(Representations {
            how: text("By email to the report author."),
            by: Some(d(2010, 5, 21)),
        }),
        anticipated_restriction: AnticipatedRestriction::Open,
        reference: None,
        contacts: vec![],
        source: Default::default(),
    }
}

#[test]
fn a_stored_v1_entry_decodes_with_a_day_due_no_status_and_no_plans() {
    assert_lifted(
        "ForwardPlanEntryEntered",
        v1_entered_payload(),
        Event::ForwardPlan(ForwardPlanEvent::Entered(ForwardPlanEntryEntered {
            entry_id: ForwardPlanEntryId::from_uuid(id(1)),
            details: details(),
            date_due: Some(DateDue::Day {
                date: d(2010, 6, 9),
            }),
            notice_date: Some(d(2010, 5, 1)),
            notice: NoticeKind::GeneralException {
                reason: reason("Contract expires."),
                chair_informed: None,
            },
            status: None,
            status_label: None,
            plan_ids: vec![],
        })),
    );
}

#[test]
fn a_v1_entry_folds_to_what_it_meant_on_the_plan_due_on_its_day() {
    let event = Event::decode(&EncodedEvent {
        event_type: "ForwardPlanEntryEntered".into(),
        schema_version: 1,
        payload: v1_entered_payload(),
    })
    .unwrap();
    let entry = ForwardPlanEntry::from_history(&[event]).unwrap();
    assert_eq!(entry.status(), ForwardPlanStatus::Planned);
    assert_eq!(
        entry.date_due(),
        Some(DateDue::Day {
            date: d(2010, 6, 9)
        })
    );
    assert_eq!(entry.clear_days_notice(), Some(38));
}

#[test]
fn a_stored_v1_rescheduling_decodes_as_a_day_to_a_day() {
    assert_lifted(
        "ForwardPlanEntryRescheduled",
        json!({"from": "2010-06-09", "to": "2010-07-07", "reason": "Report not ready."}),
        Event::ForwardPlan(ForwardPlanEvent::Rescheduled(ForwardPlanEntryRescheduled {
            from: Some(DateDue::Day {
                date: d(2010, 6, 9),
            }),
            to: DateDue::Day {
                date: d(2010, 7, 7),
            },
            reason: reason("Report not ready."),
        })),
    );
}

#[test]
fn a_stored_v1_strategy_decodes_with_calendar_years_and_no_status() {
    assert_lifted(
        "StrategyDocumentCreated",
        json!({
            "document_id": id(6).to_string(),
            "title": "ICT Strategy",
            "period": {"start_year": 2010, "end_year": 2013, "rolling": true}
        }),
        Event::Strategy(StrategyEvent::Created(StrategyDocumentCreated {
            document_id: StrategyDocumentId::from_uuid(id(6)),
            title: Title::parse("ICT Strategy").unwrap(),
            period: Some(StrategySpan::Years(
                StrategyPeriod::parse(2010, 2013, true).unwrap(),
            )),
            status: None,
            status_label: None,
        })),
    );
    assert_lifted(
        "StrategyVersionDrafted",
        json!({
            "label": "2010-2013",
            "period": {"start_year": 2010, "end_year": 2013, "rolling": true},
            "review_date": null
        }),
        Event::Strategy(StrategyEvent::VersionDrafted(StrategyVersionDrafted {
            label: VersionLabel::parse("2010-2013").unwrap(),
            period: Some(StrategySpan::Years(
                StrategyPeriod::parse(2010, 2013, true).unwrap(),
            )),
            review_date: None,
        })),
    );
}

#[test]
fn forward_plan_entry_entered_v2_matches_its_golden_payload() {
    let mut details = details();
    details.wards = None;
    details.reference = Some(name("FP/2026/014"));
    details.contacts = vec![EntryContact {
        role: Some(name("Lead officer")),
        name: Some(name("Jo Bloggs")),
        email: Some(EmailAddress::parse("jo.bloggs@example.gov.uk").unwrap()),
        phone: None,
        as_given: Some(text("Jo Bloggs, Head of ICT, jo.bloggs@example.gov.uk")),
    }];
    details.source = Source {
        url: Some(
            HttpUrl::parse("https://democracy.example.gov.uk/ieIssueDetails.aspx?IId=77").unwrap(),
        ),
        system_id: Some(Reference::parse("77").unwrap()),
    };
    assert_golden(
        Event::ForwardPlan(ForwardPlanEvent::Entered(ForwardPlanEntryEntered {
            entry_id: ForwardPlanEntryId::from_uuid(id(1)),
            details,
            date_due: Some(DateDue::Month {
                month: YearMonth::new(2026, 7).unwrap(),
            }),
            notice_date: None,
            notice: NoticeKind::SpecialUrgency {
                agreed_by: name("Chair of Overview and Scrutiny Committee"),
                reason: reason("Grant deadline."),
            },
            status: Some(ForwardPlanStatus::OnHold),
            status_label: Some(name("On Hold")),
            plan_ids: vec![ForwardPlanId::from_uuid(id(7))],
        })),
        "ForwardPlanEntryEntered",
        2,
        json!({
            "entry_id": id(1).to_string(),
            "details": {
                "title": "Information Strategy 2010 - 13",
                "description": null,
                "decision_maker": id(2).to_string(),
                "key_decision": true,
                "reason_key": ["Policies, Plans, Strategies"],
                "wards": null,
                "consultees": null,
                "representations": {"how": "By email to the report author.", "by": "2010-05-21"},
                "anticipated_restriction": {"kind": "open"},
                "reference": "FP/2026/014",
                "contacts": [{
                    "role": "Lead officer",
                    "name": "Jo Bloggs",
                    "email": "jo.bloggs@example.gov.uk",
                    "phone": null,
                    "as_given": "Jo Bloggs, Head of ICT, jo.bloggs@example.gov.uk"
                }],
                "source": {
                    "url": "https://democracy.example.gov.uk/ieIssueDetails.aspx?IId=77",
                    "system_id": "77"
                }
            },
            "date_due": {"kind": "month", "month": "2026-07"},
            "notice_date": null,
            "notice": {
                "kind": "special_urgency",
                "agreed_by": "Chair of Overview and Scrutiny Committee",
                "reason": "Grant deadline."
            },
            "status": "on_hold",
            "status_label": "On Hold",
            "plan_ids": [id(7).to_string()]
        }),
    );
}

#[test]
fn forward_plan_entry_rescheduled_v2_matches_its_golden_payload() {
    assert_golden(
        Event::ForwardPlan(ForwardPlanEvent::Rescheduled(ForwardPlanEntryRescheduled {
            from: None,
            to: DateDue::NotBefore {
                date: d(2026, 9, 1),
            },
            reason: reason("Awaiting the consultation."),
        })),
        "ForwardPlanEntryRescheduled",
        2,
        json!({
            "from": null,
            "to": {"kind": "not_before", "date": "2026-09-01"},
            "reason": "Awaiting the consultation."
        }),
    );
    assert_golden(
        Event::ForwardPlan(ForwardPlanEvent::Rescheduled(ForwardPlanEntryRescheduled {
            from: Some(DateDue::Day {
                date: d(2026, 7, 1),
            }),
            to: DateDue::NotKnown,
            reason: reason("Date to be confirmed."),
        })),
        "ForwardPlanEntryRescheduled",
        2,
        json!({
            "from": {"kind": "day", "date": "2026-07-01"},
            "to": {"kind": "not_known"},
            "reason": "Date to be confirmed."
        }),
    );
}

#[test]
fn new_forward_plan_events_match_their_golden_payloads() {
    assert_golden(
        Event::ForwardPlan(ForwardPlanEvent::StatusChanged(
            ForwardPlanEntryStatusChanged {
                status: ForwardPlanStatus::Implemented,
                label: Some(name("Implemented")),
                on: Some(d(2026, 8, 3)),
                reason: None,
            },
        )),
        "ForwardPlanEntryStatusChanged",
        1,
        json!({"status": "implemented", "label": "Implemented", "on": "2026-08-03", "reason": null}),
    );
    assert_golden(
        Event::ForwardPlan(ForwardPlanEvent::ListedOnPlan(
            ForwardPlanEntryListedOnPlan {
                plan_id: ForwardPlanId::from_uuid(id(8)),
            },
        )),
        "ForwardPlanEntryListedOnPlan",
        1,
        json!({"plan_id": id(8).to_string()}),
    );
    assert_golden(
        Event::Council(crate::council::CouncilEvent::ForwardPlanPublished(
            ForwardPlanPublished {
                plan_id: ForwardPlanId::from_uuid(id(7)),
                details: PlanDetails {
                    title: Title::parse("Forward Plan: 1 June 2026 to 30 September 2026").unwrap(),
                    period_from: Some(d(2026, 6, 1)),
                    period_to: Some(d(2026, 9, 30)),
                    published_by: Some(BodyId::from_uuid(id(2))),
                    published_on: Some(d(2026, 5, 1)),
                    next_update_due: Some(d(2026, 5, 29)),
                    key_decision_criteria: Some(text(
                        "Expenditure or savings of £500,000 or more.",
                    )),
                },
            },
        )),
        "ForwardPlanPublished",
        1,
        json!({
            "plan_id": id(7).to_string(),
            "details": {
                "title": "Forward Plan: 1 June 2026 to 30 September 2026",
                "period_from": "2026-06-01",
                "period_to": "2026-09-30",
                "published_by": id(2).to_string(),
                "published_on": "2026-05-01",
                "next_update_due": "2026-05-29",
                "key_decision_criteria": "Expenditure or savings of £500,000 or more."
            }
        }),
    );
    assert_golden(
        Event::Council(crate::council::CouncilEvent::ForwardPlanRefreshed(
            ForwardPlanRefreshed {
                plan_id: ForwardPlanId::from_uuid(id(7)),
                on: d(2026, 5, 14),
                next_update_due: None,
            },
        )),
        "ForwardPlanRefreshed",
        1,
        json!({"plan_id": id(7).to_string(), "on": "2026-05-14", "next_update_due": null}),
    );
}

#[test]
fn strategy_events_v2_and_the_status_change_match_their_golden_payloads() {
    assert_golden(
        Event::Strategy(StrategyEvent::Created(StrategyDocumentCreated {
            document_id: StrategyDocumentId::from_uuid(id(6)),
            title: Title::parse("Digital Strategy").unwrap(),
            period: None,
            status: Some(StrategyStatus::ForConsultation),
            status_label: Some(name("Out to consultation")),
        })),
        "StrategyDocumentCreated",
        2,
        json!({
            "document_id": id(6).to_string(),
            "title": "Digital Strategy",
            "period": null,
            "status": "for_consultation",
            "status_label": "Out to consultation"
        }),
    );
    assert_golden(
        Event::Strategy(StrategyEvent::VersionDrafted(StrategyVersionDrafted {
            label: VersionLabel::parse("2024/25 to 2026/27").unwrap(),
            period: Some(StrategySpan::FinancialYears(
                FinancialYears::parse(2024, 2026, false).unwrap(),
            )),
            review_date: None,
        })),
        "StrategyVersionDrafted",
        2,
        json!({
            "label": "2024/25 to 2026/27",
            "period": {"kind": "financial_years", "first_starts": 2024, "last_starts": 2026, "rolling": false},
            "review_date": null
        }),
    );
    assert_golden(
        Event::Strategy(StrategyEvent::StatusChanged(StrategyStatusChanged {
            status: StrategyStatus::RecommendedForAdoption,
            label: None,
            on: Some(d(2026, 3, 4)),
            decision_id: Some(DecisionId::from_uuid(id(9))),
        })),
        "StrategyStatusChanged",
        1,
        json!({
            "status": "recommended_for_adoption",
            "label": null,
            "on": "2026-03-04",
            "decision_id": id(9).to_string()
        }),
    );
}
