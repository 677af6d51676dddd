#![allow(clippy::unwrap_used, missing_docs)]
//! Call-in as real councils run it, through GraphQL: a policy by kind of decision maker with a
//! "5pm on the Friday of the following week" deadline; call-ins withdrawn, ruled invalid, or
//! not suspending the decision; a recommendation to full council linked to full council's
//! decision; and a record with no publication date that still takes effect.

mod common;

use common::{Backend, TestApp, details, spawn};
use serde_json::{Value, json};
use uuid::Uuid;

const KENT: &str = "/councils/kent/graphql";

const DECISION: &str = "decision { uuid status publicationDate effectiveFrom tookEffectOn
  callInDeadline callInDeadlineTime
  recommendation { fullCouncilMeetingOn fullCouncilDecisionId }
  callIn { deadline deadlineTime
    terms { kind decisionMakerKind rule { deadlineForm weekdayOfFollowingWeek deadlineTime countedFrom takesEffect } }
    calledIn { date suspendsDecision }
    resolution { outcome date }
    requests { calledIn { date suspendsDecision } ended { kind date reason ruledBy outcome } } } }";

fn key() -> Uuid {
    Uuid::now_v7()
}

/// Runs a decision mutation as kent's clerk; returns the payload, failing on any error.
async fn run(app: &TestApp, field: &str, input_type: &str, decision: &str, input: Value) -> Value {
    let query = format!(
        "mutation($key: UUID!, $decision: UUID!, $input: {input_type}!) {{
           {field}(idempotencyKey: $key, decisionId: $decision, input: $input) {{ warnings {{ code }} {DECISION} }}
         }}"
    );
    let answer = app
        .post(
            KENT,
            Some(&app.clerk("kent")),
            &query,
            json!({"key": key(), "decision": decision, "input": input}),
        )
        .await;
    assert!(answer.body["errors"].is_null(), "{field}\n{}", answer.text);
    answer.body["data"][field].clone()
}

/// The error code of a decision mutation that must be refused.
async fn refused(
    app: &TestApp,
    field: &str,
    input_type: &str,
    decision: &str,
    input: Value,
) -> Value {
    let query = format!(
        "mutation($key: UUID!, $decision: UUID!, $input: {input_type}!) {{
           {field}(idempotencyKey: $key, decisionId: $decision, input: $input) {{ version }}
         }}"
    );
    let answer = app
        .post(
            KENT,
            Some(&app.clerk("kent")),
            &query,
            json!({"key": key(), "decision": decision, "input": input}),
        )
        .await;
    answer.body["errors"][0]["extensions"].clone()
}

async fn record(app: &TestApp, input: Value) -> String {
    let decision = key();
    let answer = app
        .post(
            KENT,
            Some(&app.clerk("kent")),
            "mutation($key: UUID!, $input: DecisionDetailsInput!) {
               recordDecision(idempotencyKey: $key, input: $input) { decision { uuid } }
             }",
            json!({"key": decision, "input": input}),
        )
        .await;
    assert!(answer.body["errors"].is_null(), "{}", answer.text);
    decision.to_string()
}

async fn set_policy(app: &TestApp, input: Value) -> crate::common::Answer {
    app.post(
        KENT,
        Some(&app.clerk("kent")),
        "mutation($key: UUID!, $input: SetCallInPolicyInput!) {
           setCallInPolicy(idempotencyKey: $key, input: $input) { council { callInPolicy {
             periodWorkingDays countedFrom
             default { deadlineForm periodWorkingDays calendarDays weekdayOfFollowingWeek deadlineTime countedFrom takesEffect }
             byDecisionMaker { decisionMaker notSubjectToCallIn rule { deadlineForm periodWorkingDays countedFrom takesEffect } } } } }
         }",
        json!({"key": key(), "input": input}),
    )
    .await
}

async fn kent(backend: Backend, test: &str) -> Option<(TestApp, String)> {
    let app = spawn(backend, test).await?;
    app.register_council("kent", "Kent County Council").await;
    let cabinet = app.add_body("kent", "Cabinet", "CABINET").await;
    let policy = set_policy(
        &app,
        json!({
            "weekdayOfFollowingWeek": "FRIDAY", "deadlineTime": "17:00",
            "countedFrom": "PUBLICATION", "takesEffect": "DAY_AFTER_LAST_DAY",
            "byDecisionMaker": [
                {"decisionMaker": "OFFICER", "notSubjectToCallIn": true},
                {"decisionMaker": "ELECTED_MAYOR", "rule": {"periodWorkingDays": 10, "countedFrom": "DECISION", "takesEffect": "LAST_DAY"}}
            ]
        }),
    )
    .await;
    assert_eq!(
        policy.body["data"]["setCallInPolicy"]["council"]["callInPolicy"],
        json!({
            "periodWorkingDays": null, "countedFrom": "PUBLICATION",
            "default": {"deadlineForm": "WEEKDAY_OF_FOLLOWING_WEEK", "periodWorkingDays": null, "calendarDays": null,
                        "weekdayOfFollowingWeek": "FRIDAY", "deadlineTime": "17:00",
                        "countedFrom": "PUBLICATION", "takesEffect": "DAY_AFTER_LAST_DAY"},
            "byDecisionMaker": [
                {"decisionMaker": "OFFICER", "notSubjectToCallIn": true, "rule": null},
                {"decisionMaker": "ELECTED_MAYOR", "notSubjectToCallIn": false,
                 "rule": {"deadlineForm": "WORKING_DAYS", "periodWorkingDays": 10, "countedFrom": "DECISION", "takesEffect": "LAST_DAY"}}
            ]
        }),
        "{}",
        policy.text
    );
    Some((app, cabinet))
}

async fn a_call_in_is_withdrawn_ruled_invalid_and_made_without_suspending_the_decision(
    backend: Backend,
) {
    let Some((app, cabinet)) = kent(backend, "call_in_happens").await else {
        return;
    };
    let decision = record(&app, details(&cabinet, "Highways Plan")).await;
    // Published Wed 6 March 2024: the Friday of the following week is 15 March, by 5pm.
    let published = run(
        &app,
        "publishDecision",
        "PublishDecisionInput",
        &decision,
        json!({"publicationDate": "2024-03-06"}),
    )
    .await;
    let d = &published["decision"];
    assert_eq!(d["callInDeadline"], "2024-03-15");
    assert_eq!(d["callInDeadlineTime"], "17:00");
    assert_eq!(d["effectiveFrom"], "2024-03-16");
    assert_eq!(
        d["callIn"]["terms"],
        json!({"kind": "WINDOW", "decisionMakerKind": null, "rule": {
            "deadlineForm": "WEEKDAY_OF_FOLLOWING_WEEK", "weekdayOfFollowingWeek": "FRIDAY",
            "deadlineTime": "17:00", "countedFrom": "PUBLICATION", "takesEffect": "DAY_AFTER_LAST_DAY"}})
    );
    assert_eq!(d["callIn"]["deadlineTime"], "17:00");

    let members = json!(["Cllr Garland", "Cllr Wilson"]);
    let called = run(
        &app,
        "callInDecision",
        "CallInDecisionInput",
        &decision,
        json!({"members": members, "reason": "Consultation.", "date": "2024-03-08"}),
    )
    .await;
    assert_eq!(called["decision"]["status"], "CALLED_IN");
    assert_eq!(
        called["decision"]["callIn"]["calledIn"],
        json!({"date": "2024-03-08", "suspendsDecision": true})
    );
    let withdrawn = run(
        &app,
        "withdrawCallIn",
        "WithdrawCallInInput",
        &decision,
        json!({"date": "2024-03-11", "reason": "Questions answered."}),
    )
    .await;
    assert_eq!(withdrawn["decision"]["status"], "PUBLISHED");
    assert_eq!(withdrawn["decision"]["effectiveFrom"], "2024-03-16");
    assert_eq!(
        withdrawn["decision"]["callIn"]["requests"],
        json!([{"calledIn": {"date": "2024-03-08", "suspendsDecision": true},
                "ended": {"kind": "WITHDRAWN", "date": "2024-03-11", "reason": "Questions answered.",
                          "ruledBy": null, "outcome": null}}])
    );
    // Withdrawing again: no call-in is open.
    assert_eq!(
        refused(
            &app,
            "withdrawCallIn",
            "WithdrawCallInInput",
            &decision,
            json!({"date": "2024-03-11"})
        )
        .await["code"],
        "CONFLICT"
    );

    run(
        &app,
        "callInDecision",
        "CallInDecisionInput",
        &decision,
        json!({"members": members, "reason": "Cost.", "date": "2024-03-12"}),
    )
    .await;
    let invalid = run(
        &app,
        "ruleCallInInvalid",
        "RuleCallInInvalidInput",
        &decision,
        json!({"date": "2024-03-18", "ruledBy": "Monitoring Officer"}),
    )
    .await;
    // Suspended until the ruling, after the day it would have taken effect.
    assert_eq!(invalid["decision"]["status"], "PUBLISHED");
    assert_eq!(invalid["decision"]["effectiveFrom"], "2024-03-18");
    assert_eq!(
        invalid["decision"]["callIn"]["requests"][1]["ended"],
        json!({"kind": "RULED_INVALID", "date": "2024-03-18", "reason": null,
               "ruledBy": "Monitoring Officer", "outcome": null})
    );
    run(
        &app,
        "takeEffect",
        "TakeEffectInput",
        &decision,
        json!({"on": "2024-03-18"}),
    )
    .await;

    // Called in once in effect: only without suspending it.
    let standing = run(
        &app,
        "callInDecision",
        "CallInDecisionInput",
        &decision,
        json!({"members": members, "reason": "Post-decision scrutiny.", "date": "2024-03-15",
               "suspendsDecision": false}),
    )
    .await;
    assert_eq!(standing["decision"]["status"], "EFFECTIVE");
    let resolved = run(
        &app,
        "resolveCallIn",
        "ResolveCallInInput",
        &decision,
        json!({"outcome": "REFERRED_BACK_TO_DECISION_MAKER", "date": "2024-03-20"}),
    )
    .await;
    assert_eq!(resolved["decision"]["status"], "EFFECTIVE");
    assert_eq!(
        resolved["decision"]["callIn"]["resolution"],
        json!({"outcome": "REFERRED_BACK_TO_DECISION_MAKER", "date": "2024-03-20"})
    );
    assert_eq!(
        resolved["decision"]["callIn"]["requests"][2]["calledIn"],
        json!({"date": "2024-03-15", "suspendsDecision": false})
    );
}

async fn an_officer_decision_with_no_publication_date_takes_effect_and_is_shown(backend: Backend) {
    let Some((app, _cabinet)) = kent(backend, "unpublished_effect").await else {
        return;
    };
    let officer = app
        .add_body("kent", "Director of Highways", "OFFICER")
        .await;
    let mut input = details(&officer, "Road closure order");
    input["decisionMakerName"] = json!("Director of Highways");
    input["decidedByName"] = json!("Director of Highways");
    input["subjectToCallIn"] = Value::Null;
    let decision = record(&app, input).await;
    let effect = run(
        &app,
        "takeEffect",
        "TakeEffectInput",
        &decision,
        json!({"on": "2024-03-06"}),
    )
    .await;
    assert_eq!(
        effect["warnings"],
        json!([{"code": "publication_date_not_stated"}])
    );
    assert_eq!(effect["decision"]["status"], "EFFECTIVE");
    assert_eq!(effect["decision"]["publicationDate"], Value::Null);
    // The public sees it as the council showed it: no publication date.
    let public = app
        .post(
            KENT,
            None,
            "query($id: UUID!) { decision(id: $id) { status publicationDate tookEffectOn } }",
            json!({"id": decision}),
        )
        .await;
    assert_eq!(
        public.body["data"]["decision"],
        json!({"status": "EFFECTIVE", "publicationDate": null, "tookEffectOn": "2024-03-06"}),
        "{}",
        public.text
    );
}

async fn a_recommendation_to_full_council_is_linked_to_full_councils_decision(backend: Backend) {
    let Some((app, cabinet)) = kent(backend, "recommendation").await else {
        return;
    };
    let full_council = app.add_body("kent", "Council", "FULL_COUNCIL").await;
    let mut input = details(&cabinet, "Budget 2024/25");
    input["subjectToCallIn"] = json!(false);
    let recommendation = record(&app, input).await;
    let recommended = run(
        &app,
        "recommendToFullCouncil",
        "RecommendToFullCouncilInput",
        &recommendation,
        json!({"fullCouncilMeetingOn": "2024-03-20"}),
    )
    .await;
    assert_eq!(
        recommended["decision"]["status"],
        "RECOMMENDED_TO_FULL_COUNCIL"
    );
    assert_eq!(
        recommended["decision"]["recommendation"],
        json!({"fullCouncilMeetingOn": "2024-03-20", "fullCouncilDecisionId": null})
    );
    assert_eq!(
        refused(
            &app,
            "takeEffect",
            "TakeEffectInput",
            &recommendation,
            json!({"on": "2024-03-20"})
        )
        .await["code"],
        "CONFLICT"
    );
    let mut input = details(&full_council, "Budget 2024/25");
    input["decisionMakerName"] = json!("Council");
    input["decidedByName"] = json!("Council");
    input["subjectToCallIn"] = json!(false);
    let decided = record(&app, input).await;
    let linked = run(
        &app,
        "linkFullCouncilDecision",
        "LinkFullCouncilDecisionInput",
        &recommendation,
        json!({"fullCouncilDecisionId": decided}),
    )
    .await;
    assert_eq!(
        linked["decision"]["recommendation"]["fullCouncilDecisionId"],
        json!(decided)
    );
}

async fn full_council_refers_a_called_in_decision_back_before_it_is_confirmed(backend: Backend) {
    let Some((app, cabinet)) = kent(backend, "full_council_referral").await else {
        return;
    };
    let decision = record(&app, details(&cabinet, "Library Closures")).await;
    let steps = [
        (
            "publishDecision",
            "PublishDecisionInput",
            json!({"publicationDate": "2024-03-06"}),
        ),
        (
            "callInDecision",
            "CallInDecisionInput",
            json!({"members": ["Cllr A"], "reason": "Consultation.", "date": "2024-03-08"}),
        ),
        (
            "resolveCallIn",
            "ResolveCallInInput",
            json!({"outcome": "REFERRED_TO_FULL_COUNCIL", "date": "2024-03-13"}),
        ),
    ];
    for (field, input_type, input) in steps {
        run(&app, field, input_type, &decision, input).await;
    }
    let query = "mutation($key: UUID!, $decision: UUID!, $input: ReconsiderDecisionInput!) {
      reconsiderDecision(idempotencyKey: $key, decisionId: $decision, input: $input) {
        decision { status effectiveFrom callIn { fullCouncilReferredBackOn reconsideration { date amended } } } } }";
    let reconsider = |input: Value| {
        let app = &app;
        let decision = &decision;
        async move {
            app.post(
                KENT,
                Some(&app.clerk("kent")),
                query,
                json!({"key": key(), "decision": decision, "input": input}),
            )
            .await
        }
    };
    let referred =
        reconsider(json!({"result": "REFERRED_BACK_BY_FULL_COUNCIL", "date": "2024-03-20"})).await;
    assert_eq!(
        referred.body["data"]["reconsiderDecision"]["decision"],
        json!({"status": "AWAITING_RECONSIDERATION", "effectiveFrom": null,
               "callIn": {"fullCouncilReferredBackOn": "2024-03-20", "reconsideration": null}}),
        "{}",
        referred.text
    );
    let confirmed = reconsider(json!({"result": "CONFIRMED", "date": "2024-03-25"})).await;
    assert_eq!(
        confirmed.body["data"]["reconsiderDecision"]["decision"],
        json!({"status": "EFFECTIVE", "effectiveFrom": "2024-03-25",
               "callIn": {"fullCouncilReferredBackOn": "2024-03-20",
                          "reconsideration": {"date": "2024-03-25", "amended": false}}}),
        "{}",
        confirmed.text
    );
}

async fn a_policy_with_two_deadline_forms_is_refused_naming_the_field(backend: Backend) {
    let Some((app, _cabinet)) = kent(backend, "policy_input").await else {
        return;
    };
    let answer = set_policy(
        &app,
        json!({"periodWorkingDays": 5, "weekdayOfFollowingWeek": "FRIDAY",
               "countedFrom": "PUBLICATION", "takesEffect": "DAY_AFTER_LAST_DAY"}),
    )
    .await;
    assert_eq!(
        answer.body["errors"][0]["extensions"],
        json!({"code": "BAD_USER_INPUT", "field": "periodWorkingDays"}),
        "{}",
        answer.text
    );
    let answer = set_policy(
        &app,
        json!({"periodWorkingDays": 5, "countedFrom": "PUBLICATION", "takesEffect": "DAY_AFTER_LAST_DAY",
               "byDecisionMaker": [{"decisionMaker": "OFFICER"}]}),
    )
    .await;
    assert_eq!(
        answer.body["errors"][0]["extensions"],
        json!({"code": "BAD_USER_INPUT", "field": "byDecisionMaker[0].rule"}),
        "{}",
        answer.text
    );
}

both_backends!(
    a_call_in_is_withdrawn_ruled_invalid_and_made_without_suspending_the_decision,
    an_officer_decision_with_no_publication_date_takes_effect_and_is_shown,
    a_recommendation_to_full_council_is_linked_to_full_councils_decision,
    full_council_refers_a_called_in_decision_back_before_it_is_confirmed,
    a_policy_with_two_deadline_forms_is_refused_naming_the_field,
);
