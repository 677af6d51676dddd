//! Golden payloads and upcasters of the call-in events: policies by kind of decision maker
//! and deadline forms, call-ins withdrawn or ruled invalid, recommendations to full council.

use super::tests::{assert_golden_at, assert_lifted};
use super::*;
use crate::council::*;
use crate::decision::*;
use crate::testing::*;
use crate::values::*;
use chrono::NaiveTime;

fn uuid(n: u8) -> uuid::Uuid {
    uuid::Uuid::parse_str(&format!("0190a1b2-0000-7000-8000-0000000000{n:02x}")).unwrap()
}

fn five_pm() -> Option<NaiveTime> {
    NaiveTime::from_hms_opt(17, 0, 0)
}

/// 5pm on the Friday of the following week, effective the next working day; officers not
/// subject to call-in; an elected mayor's decisions with ten working days from the decision.
fn policy() -> CallInPolicy {
    CallInPolicy::new(
        CallInRule {
            deadline: CallInDeadline::WeekdayOfFollowingWeek {
                weekday: DeadlineWeekday::Friday,
            },
            deadline_time: five_pm(),
            counted_from: CountedFrom::Publication,
            takes_effect: TakesEffect::NextWorkingDayAfterLastDay,
        },
        vec![
            DecisionMakerCallIn {
                decision_maker: BodyKind::Officer,
                arrangement: CallInArrangement::NotSubjectToCallIn,
            },
            DecisionMakerCallIn {
                decision_maker: BodyKind::ElectedMayor,
                arrangement: CallInArrangement::Window {
                    rule: CallInRule {
                        deadline: CallInDeadline::CalendarDays {
                            days: CalendarDays::parse(10).unwrap(),
                        },
                        deadline_time: None,
                        counted_from: CountedFrom::Decision,
                        takes_effect: TakesEffect::LastDay,
                    },
                },
            },
        ],
    )
    .unwrap()
}

const POLICY_JSON: &str = r#"{
  "default": {
    "deadline": {"form": "weekday_of_following_week", "weekday": "friday"},
    "deadline_time": "17:00:00",
    "counted_from": "publication",
    "takes_effect": "next_working_day_after_last_day"
  },
  "by_decision_maker": [
    {"decision_maker": "officer", "arrangement": {"kind": "not_subject_to_call_in"}},
    {"decision_maker": "elected_mayor", "arrangement": {"kind": "window", "rule": {
      "deadline": {"form": "calendar_days", "calendar_days": 10},
      "deadline_time": null,
      "counted_from": "decision",
      "takes_effect": "last_day"
    }}}
  ]
}"#;

#[test]
fn call_in_policy_set_v2_matches_its_golden_payload() {
    let event = Event::Council(CouncilEvent::CallInPolicySet(CallInPolicySet {
        policy: policy(),
    }));
    assert_golden_at(
        event,
        "CallInPolicySet",
        2,
        &format!(r#"{{"policy": {POLICY_JSON}}}"#),
    );
}

#[test]
fn a_stored_call_in_policy_set_v1_is_lifted_to_the_same_rule_council_wide() {
    let event = Event::Council(CouncilEvent::CallInPolicySet(CallInPolicySet {
        policy: CallInPolicy::uniform(CallInRule {
            deadline: CallInDeadline::WorkingDays {
                period: CallInPeriod::parse(3).unwrap(),
            },
            deadline_time: None,
            counted_from: CountedFrom::Decision,
            takes_effect: TakesEffect::LastDay,
        }),
    }));
    assert_lifted(
        &event,
        "CallInPolicySet",
        1,
        r#"{"policy": {"period_working_days": 3, "counted_from": "decision", "takes_effect": "last_day"}}"#,
    );
}

#[test]
fn a_v1_payload_missing_its_policy_is_malformed_not_guessed() {
    let stored = EncodedEvent {
        event_type: "CallInPolicySet".into(),
        schema_version: 1,
        payload: serde_json::json!({"policy": {"counted_from": "decision"}}),
    };
    assert!(matches!(
        Event::decode(&stored),
        Err(DecodeError::Malformed { version: 1, .. })
    ));
}

#[test]
fn decision_published_v2_with_a_deadline_time_and_a_kinds_rule_matches_its_golden_payload() {
    let rule = CallInRule {
        deadline: CallInDeadline::WeekdayOfFollowingWeek {
            weekday: DeadlineWeekday::Friday,
        },
        deadline_time: five_pm(),
        counted_from: CountedFrom::Publication,
        takes_effect: TakesEffect::DayAfterLastDay,
    };
    let event = Event::Decision(DecisionEvent::Published(DecisionPublished {
        publication_date: d(2010, 6, 9),
        call_in: CallInTerms::Window {
            rule,
            decision_maker_kind: Some(BodyKind::CabinetMember),
        },
        computed_call_in_deadline: Some(d(2010, 6, 18)),
        computed_effective_from: d(2010, 6, 19),
        call_in_deadline: Some(d(2010, 6, 18)),
        call_in_deadline_time: five_pm(),
        effective_from: d(2010, 6, 19),
        basis: DateBasis::Computed,
    }));
    assert_golden_at(
        event,
        "DecisionPublished",
        2,
        r#"{
          "publication_date": "2010-06-09",
          "call_in": {
            "kind": "window",
            "rule": {
              "deadline": {"form": "weekday_of_following_week", "weekday": "friday"},
              "deadline_time": "17:00:00",
              "counted_from": "publication",
              "takes_effect": "day_after_last_day"
            },
            "decision_maker_kind": "cabinet_member"
          },
          "computed_call_in_deadline": "2010-06-18",
          "computed_effective_from": "2010-06-19",
          "call_in_deadline": "2010-06-18",
          "call_in_deadline_time": "17:00:00",
          "effective_from": "2010-06-19",
          "basis": {"kind": "computed"}
        }"#,
    );
    let not_subject = Event::Decision(DecisionEvent::Published(DecisionPublished {
        publication_date: d(2010, 6, 9),
        call_in: CallInTerms::NotSubjectUnderPolicy {
            decision_maker_kind: BodyKind::Officer,
        },
        computed_call_in_deadline: None,
        computed_effective_from: d(2010, 6, 8),
        call_in_deadline: None,
        call_in_deadline_time: None,
        effective_from: d(2010, 6, 8),
        basis: DateBasis::Computed,
    }));
    assert_golden_at(
        not_subject,
        "DecisionPublished",
        2,
        r#"{
          "publication_date": "2010-06-09",
          "call_in": {"kind": "not_subject_under_policy", "decision_maker_kind": "officer"},
          "computed_call_in_deadline": null,
          "computed_effective_from": "2010-06-08",
          "call_in_deadline": null,
          "call_in_deadline_time": null,
          "effective_from": "2010-06-08",
          "basis": {"kind": "computed"}
        }"#,
    );
}

#[test]
fn a_stored_decision_published_v1_without_a_window_only_gains_a_deadline_time() {
    let event = Event::Decision(DecisionEvent::Published(DecisionPublished {
        publication_date: d(2010, 6, 9),
        call_in: CallInTerms::NotSubjectToCallIn,
        computed_call_in_deadline: None,
        computed_effective_from: d(2010, 6, 8),
        call_in_deadline: None,
        call_in_deadline_time: None,
        effective_from: d(2010, 6, 8),
        basis: DateBasis::Computed,
    }));
    assert_lifted(
        &event,
        "DecisionPublished",
        1,
        r#"{
          "publication_date": "2010-06-09",
          "call_in": {"kind": "not_subject_to_call_in"},
          "computed_call_in_deadline": null,
          "computed_effective_from": "2010-06-08",
          "call_in_deadline": null,
          "effective_from": "2010-06-08",
          "basis": {"kind": "computed"}
        }"#,
    );
}

#[test]
fn decision_call_in_withdrawn_matches_its_golden_payload() {
    let event = Event::Decision(DecisionEvent::CallInWithdrawn(DecisionCallInWithdrawn {
        date: d(2010, 6, 16),
        reason: Some(reason("Questions answered by the portfolio holder.")),
        effective_from: Some(d(2010, 6, 19)),
    }));
    assert_golden_at(
        event,
        "DecisionCallInWithdrawn",
        1,
        r#"{"date": "2010-06-16", "reason": "Questions answered by the portfolio holder.", "effective_from": "2010-06-19"}"#,
    );
}

#[test]
fn decision_call_in_ruled_invalid_matches_its_golden_payload() {
    let event = Event::Decision(DecisionEvent::CallInRuledInvalid(
        DecisionCallInRuledInvalid {
            date: d(2010, 6, 16),
            ruled_by: Some(name("Monitoring Officer")),
            reason: None,
            effective_from: None,
        },
    ));
    assert_golden_at(
        event,
        "DecisionCallInRuledInvalid",
        1,
        r#"{"date": "2010-06-16", "ruled_by": "Monitoring Officer", "reason": null, "effective_from": null}"#,
    );
}

#[test]
fn decision_recommended_to_full_council_matches_its_golden_payload() {
    let event = Event::Decision(DecisionEvent::RecommendedToFullCouncil(
        DecisionRecommendedToFullCouncil {
            full_council_meeting_on: Some(d(2011, 2, 23)),
        },
    ));
    assert_golden_at(
        event,
        "DecisionRecommendedToFullCouncil",
        1,
        r#"{"full_council_meeting_on": "2011-02-23"}"#,
    );
}

#[test]
fn decision_full_council_decision_linked_matches_its_golden_payload() {
    let event = Event::Decision(DecisionEvent::FullCouncilDecisionLinked(
        DecisionFullCouncilDecisionLinked {
            full_council_decision: DecisionId::from_uuid(uuid(9)),
        },
    ));
    assert_golden_at(
        event,
        "DecisionFullCouncilDecisionLinked",
        1,
        r#"{"full_council_decision": "0190a1b2-0000-7000-8000-000000000009"}"#,
    );
}

#[test]
fn decision_reconsidered_by_full_council_referring_it_back_matches_its_golden_payload() {
    let event = Event::Decision(DecisionEvent::Reconsidered(DecisionReconsidered {
        result: ReconsiderationResult::ReferredBackByFullCouncil,
        date: d(2010, 7, 14),
    }));
    assert_golden_at(
        event,
        "DecisionReconsidered",
        2,
        r#"{"reconsideration": {"result": "referred_back_by_full_council"}, "date": "2010-07-14"}"#,
    );
}

/// One event of each type this module adds, for the round-trip test.
pub(super) fn samples() -> Vec<Event> {
    vec![
        Event::Council(CouncilEvent::CallInPolicySet(CallInPolicySet {
            policy: policy(),
        })),
        Event::Decision(DecisionEvent::CallInWithdrawn(DecisionCallInWithdrawn {
            date: d(2010, 6, 16),
            reason: None,
            effective_from: None,
        })),
        Event::Decision(DecisionEvent::CallInRuledInvalid(
            DecisionCallInRuledInvalid {
                date: d(2010, 6, 16),
                ruled_by: None,
                reason: Some(reason("Too few members.")),
                effective_from: Some(d(2010, 6, 19)),
            },
        )),
        Event::Decision(DecisionEvent::RecommendedToFullCouncil(
            DecisionRecommendedToFullCouncil {
                full_council_meeting_on: None,
            },
        )),
        Event::Decision(DecisionEvent::FullCouncilDecisionLinked(
            DecisionFullCouncilDecisionLinked {
                full_council_decision: DecisionId::from_uuid(uuid(9)),
            },
        )),
    ]
}
