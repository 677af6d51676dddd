#![allow(clippy::unwrap_used, missing_docs)]
//! A clerk runs the register through mutations and reads their own writes back at once;
//! idempotency keys and expected versions behave.

mod common;

use common::{Backend, TestApp, details, spawn};
use reqwest::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

const KENT: &str = "/councils/kent/graphql";

const RECORD: &str = "mutation($key: UUID!, $input: DecisionDetailsInput!) {
  recordDecision(idempotencyKey: $key, input: $input) {
    replayed version position warnings { code }
    decision { uuid title status version publicationDate }
  }
}";

const PUBLISH: &str = "mutation($key: UUID!, $version: Int, $decision: UUID!, $input: PublishDecisionInput!) {
  publishDecision(idempotencyKey: $key, expectedVersion: $version, decisionId: $decision, input: $input) {
    replayed version
    decision { status version publicationDate callInDeadline effectiveFrom }
  }
}";

async fn kent(backend: Backend, test: &str) -> Option<(TestApp, String)> {
    let app = spawn(backend, test).await?;
    app.register_council("kent", "Kent County Council").await;
    let cabinet = app.add_body("kent", "Cabinet", "CABINET").await;
    Some((app, cabinet))
}

async fn a_clerk_records_and_publishes_a_decision_and_reads_it_back_at_once(backend: Backend) {
    let Some((app, cabinet)) = kent(backend, "record_publish").await else {
        return;
    };
    let clerk = app.clerk("kent");
    let key = Uuid::now_v7();
    let recorded = app
        .post(
            KENT,
            Some(&clerk),
            RECORD,
            json!({"key": key, "input": details(&cabinet, "Highways Plan")}),
        )
        .await;
    assert_eq!(
        recorded.body["data"]["recordDecision"],
        json!({
            "replayed": false, "version": 1, "position": recorded.body["data"]["recordDecision"]["position"],
            "warnings": [],
            "decision": {"uuid": key, "title": "Highways Plan", "status": "MADE", "version": 1,
                         "publicationDate": null}
        }),
        "{}",
        recorded.text
    );
    // Not yet published: the public does not see it.
    let query = "query($id: UUID!) { decision(id: $id) { title status } decisions { totalCount } }";
    let anonymous = app.post(KENT, None, query, json!({"id": key})).await;
    assert_eq!(
        anonymous.body,
        json!({"data": {"decision": null, "decisions": {"totalCount": 0}}})
    );
    let published = app
        .post(
            KENT,
            Some(&clerk),
            PUBLISH,
            json!({"key": Uuid::now_v7(), "version": 1, "decision": key,
                   "input": {"publicationDate": "2024-03-08"}}),
        )
        .await;
    assert_eq!(
        published.body,
        json!({"data": {"publishDecision": {
            "replayed": false, "version": 2,
            "decision": {"status": "PUBLISHED", "version": 2, "publicationDate": "2024-03-08",
                         "callInDeadline": "2024-03-15", "effectiveFrom": "2024-03-16"}
        }}}),
        "{}",
        published.text
    );
    let anonymous = app.post(KENT, None, query, json!({"id": key})).await;
    assert_eq!(
        anonymous.body,
        json!({"data": {"decision": {"title": "Highways Plan", "status": "PUBLISHED"},
                        "decisions": {"totalCount": 1}}})
    );
}

async fn replaying_a_mutation_returns_the_same_result(backend: Backend) {
    let Some((app, cabinet)) = kent(backend, "replay").await else {
        return;
    };
    let clerk = app.clerk("kent");
    let variables = json!({"key": Uuid::now_v7(), "input": details(&cabinet, "Libraries Review")});
    let first = app
        .post(KENT, Some(&clerk), RECORD, variables.clone())
        .await;
    let again = app.post(KENT, Some(&clerk), RECORD, variables).await;
    assert_eq!(first.status, StatusCode::OK);
    let mut expected = first.body["data"]["recordDecision"].clone();
    expected["replayed"] = json!(true);
    assert_eq!(
        again.body["data"]["recordDecision"], expected,
        "{}",
        again.text
    );
    let count = app
        .post(
            KENT,
            Some(&clerk),
            "{ decisions { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(count.body["data"]["decisions"]["totalCount"], 1);
}

async fn a_stale_expected_version_is_a_conflict(backend: Backend) {
    let Some((app, cabinet)) = kent(backend, "stale_version").await else {
        return;
    };
    let clerk = app.clerk("kent");
    let key = Uuid::now_v7();
    app.post(
        KENT,
        Some(&clerk),
        RECORD,
        json!({"key": key, "input": details(&cabinet, "Parks")}),
    )
    .await;
    let stale = app
        .post(
            KENT,
            Some(&clerk),
            PUBLISH,
            json!({"key": Uuid::now_v7(), "version": 0, "decision": key,
                   "input": {"publicationDate": "2024-03-08"}}),
        )
        .await;
    assert_eq!(stale.status, StatusCode::OK);
    assert_eq!(
        stale.body,
        json!({
            "data": null,
            "errors": [{
                "message": "the record is at version 1, not the expected 0: re-read it and decide again",
                "locations": [{"line": 2, "column": 3}],
                "path": ["publishDecision"],
                "extensions": {"code": "CONFLICT", "expectedVersion": 0, "actualVersion": 1}
            }]
        })
    );
}

async fn refusals_by_the_domain_and_the_input_carry_their_codes(backend: Backend) {
    let Some((app, cabinet)) = kent(backend, "refusals").await else {
        return;
    };
    let clerk = app.clerk("kent");
    let mut blank = details(&cabinet, "  ");
    blank["purpose"] = json!("");
    let invalid = app
        .post(
            KENT,
            Some(&clerk),
            RECORD,
            json!({"key": Uuid::now_v7(), "input": blank}),
        )
        .await;
    assert_eq!(
        invalid.body["errors"][0]["extensions"],
        json!({"code": "BAD_USER_INPUT", "field": "title"})
    );

    let key = Uuid::now_v7();
    app.post(
        KENT,
        Some(&clerk),
        RECORD,
        json!({"key": key, "input": details(&cabinet, "Parks")}),
    )
    .await;
    let publish =
        |k: Uuid| json!({"key": k, "decision": key, "input": {"publicationDate": "2024-03-08"}});
    assert!(
        app.post(KENT, Some(&clerk), PUBLISH, publish(Uuid::now_v7()))
            .await
            .body["errors"]
            .is_null()
    );
    let twice = app
        .post(KENT, Some(&clerk), PUBLISH, publish(Uuid::now_v7()))
        .await;
    assert_eq!(twice.code(), Some("CONFLICT"), "{}", twice.text);

    let unknown = app
        .post(
            KENT,
            Some(&clerk),
            PUBLISH,
            json!({"key": Uuid::now_v7(), "decision": Uuid::now_v7(),
              "input": {"publicationDate": "2024-03-08"}}),
        )
        .await;
    assert_eq!(unknown.code(), Some("NOT_FOUND"), "{}", unknown.text);

    // The record's key again with the same input: a retry, answered with the original result.
    let reused = app
        .post(
            KENT,
            Some(&clerk),
            RECORD,
            json!({"key": key, "input": details(&cabinet, "Parks")}),
        )
        .await;
    assert_eq!(
        reused.body["data"]["recordDecision"]["replayed"], true,
        "{}",
        reused.text
    );
    let other = app
        .post(
            KENT,
            Some(&clerk),
            PUBLISH,
            json!({"key": key, "decision": Uuid::now_v7(),
              "input": {"publicationDate": "2024-03-08"}}),
        )
        .await;
    assert_eq!(
        other.body["errors"][0]["extensions"],
        json!({"code": "IDEMPOTENCY_KEY_REUSED", "field": "idempotencyKey"}),
        "{}",
        other.text
    );
    // The same key, the same mutation and decision, different input: refused, never answered
    // with the first result.
    let changed = app
        .post(
            KENT,
            Some(&clerk),
            RECORD,
            json!({"key": key, "input": details(&cabinet, "Playgrounds")}),
        )
        .await;
    assert_eq!(
        changed.body["errors"][0]["extensions"],
        json!({"code": "IDEMPOTENCY_KEY_REUSED", "field": "idempotencyKey"}),
        "{}",
        changed.text
    );
    assert!(changed.body["data"].is_null(), "{}", changed.text);

    let again = app
        .post("/graphql", Some(&app.admin()),
              "mutation($key: UUID!) { registerCouncil(idempotencyKey: $key, input: {slug: \"kent\", name: \"Kent\", kind: COUNTY, nation: ENGLAND}) { replayed } }",
              json!({"key": Uuid::now_v7()}))
        .await;
    assert_eq!(again.code(), Some("CONFLICT"), "{}", again.text);
}

/// Runs a mutation as kent's clerk and returns its field's data, failing on any error.
async fn ok(app: &TestApp, query: &str, variables: Value) -> Value {
    let answer = app
        .post(KENT, Some(&app.clerk("kent")), query, variables)
        .await;
    assert!(answer.body["errors"].is_null(), "{query}\n{}", answer.text);
    let data = answer.body["data"].as_object().unwrap();
    data.values().next().unwrap().clone()
}

fn key() -> Uuid {
    Uuid::now_v7()
}

async fn every_kind_of_command_runs_through_its_mutation(backend: Backend) {
    let Some((app, cabinet)) = kent(backend, "every_command").await else {
        return;
    };
    let council = "council { name wards { wardId name retiredOn } bodies { name retiredOn } callInPolicy { periodWorkingDays } keyDecisionThresholds { spendingPence } closureDays { date } statusLabels { label status } }";
    let m = |field: &str, input_type: &str| {
        format!(
            "mutation($key: UUID!, $input: {input_type}!) {{ {field}(idempotencyKey: $key, input: $input) {{ {council} }} }}"
        )
    };
    ok(
        &app,
        &m("renameCouncil", "RenameCouncilInput"),
        json!({"key": key(), "input": {"name": "Kent County Council (renamed)"}}),
    )
    .await;
    let ward = key();
    let c = ok(
        &app,
        &m("addWard", "AddWardInput"),
        json!({"key": ward, "input": {"name": "Maidstone Central"}}),
    )
    .await;
    assert_eq!(c["council"]["wards"][0]["wardId"], json!(ward));
    ok(
        &app,
        &m("renameWard", "RenameWardInput"),
        json!({"key": key(), "input": {"wardId": ward, "name": "Maidstone Centre"}}),
    )
    .await;
    ok(&app, &m("setKeyDecisionThresholds", "SetKeyDecisionThresholdsInput"), json!({"key": key(), "input": {"spendingPence": 25_000_000, "savingsPence": 10_000_000, "significantInTwoOrMoreWards": true}})).await;
    ok(&app, &m("setCallInPolicy", "SetCallInPolicyInput"), json!({"key": key(), "input": {"periodWorkingDays": 3, "countedFrom": "PUBLICATION", "takesEffect": "DAY_AFTER_LAST_DAY"}})).await;
    ok(
        &app,
        &m("addClosureDay", "AddClosureDayInput"),
        json!({"key": key(), "input": {"date": "2024-12-27", "reason": "Christmas"}}),
    )
    .await;
    ok(
        &app,
        &m("removeClosureDay", "RemoveClosureDayInput"),
        json!({"key": key(), "input": {"date": "2024-12-27"}}),
    )
    .await;
    ok(
        &app,
        &m("mapStatusLabel", "MapStatusLabelInput"),
        json!({"key": key(), "input": {"label": "Resolved", "status": "APPROVED"}}),
    )
    .await;
    ok(
        &app,
        &m("unmapStatusLabel", "UnmapStatusLabelInput"),
        json!({"key": key(), "input": {"label": "Resolved"}}),
    )
    .await;
    let committee = key();
    ok(
        &app,
        &m("addBody", "AddBodyInput"),
        json!({"key": committee, "input": {"name": "Planning Committee", "kind": "COMMITTEE"}}),
    )
    .await;
    ok(
        &app,
        &m("renameBody", "RenameBodyInput"),
        json!({"key": key(), "input": {"bodyId": committee, "name": "Planning Board"}}),
    )
    .await;
    let c = ok(
        &app,
        &m("retireBody", "RetireBodyInput"),
        json!({"key": key(), "input": {"bodyId": committee, "on": "2024-05-01"}}),
    )
    .await;
    assert_eq!(
        c["council"]["bodies"][1],
        json!({"name": "Planning Board", "retiredOn": "2024-05-01"})
    );
    assert_eq!(c["council"]["callInPolicy"]["periodWorkingDays"], 3);
    assert_eq!(
        c["council"]["keyDecisionThresholds"]["spendingPence"],
        25_000_000
    );

    // Forward plan.
    let entry = key();
    let fp = |field: &str, input_type: &str| {
        format!(
            "mutation($key: UUID!, $entry: UUID!, $input: {input_type}!) {{ {field}(idempotencyKey: $key, entryId: $entry, input: $input) {{ entry {{ uuid status dateDue originalDateDue decisionId notice {{ kind }} wards {{ kind wards {{ name }} }} decisionMaker {{ name }} }} }} }}"
        )
    };
    let e = ok(
        &app,
        &fp("enterForwardPlanEntry", "EnterForwardPlanEntryInput"),
        json!({"key": entry, "entry": entry, "input": {
        "details": {"title": "Library Strategy", "decisionMaker": cabinet, "keyDecision": true,
                    "wards": {"kind": "LISTED", "wardIds": [ward]}},
        "dateDue": "2024-06-05", "noticeDate": "2024-04-01", "notice": {"kind": "STANDARD"}}}),
    )
    .await;
    assert_eq!(
        e["entry"]["wards"],
        json!({"kind": "LISTED", "wards": [{"name": "Maidstone Centre"}]})
    );
    assert_eq!(e["entry"]["decisionMaker"]["name"], "Cabinet");
    ok(&app, &fp("rescheduleForwardPlanEntry", "RescheduleForwardPlanEntryInput"), json!({"key": key(), "entry": entry, "input": {"dateDue": "2024-06-12", "reason": "Report delayed"}})).await;

    // A decision through call-in, referral and reconsideration.
    let decision = key();
    let mut record = details(&cabinet, "Library Strategy");
    record["forwardPlanEntry"] = json!(entry);
    record["keyDecision"] = json!(true);
    record["dateOfDecision"] = json!("2024-06-12");
    let dm = |field: &str, input: Option<&str>| {
        let (decl, arg) = input.map_or((String::new(), String::new()), |t| {
            (format!(", $input: {t}!"), ", input: $input".to_owned())
        });
        format!(
            "mutation($key: UUID!, $decision: UUID!{decl}) {{ {field}(idempotencyKey: $key, decisionId: $decision{arg}) {{ warnings {{ code }} decision {{ status resolutions {{ number }} callIn {{ calledIn {{ members }} resolution {{ outcome }} reconsideration {{ amended }} }} deferrals {{ resumed }} implementation {{ on }} corrections {{ correctedFields previous {{ title }} }} }} }} }}"
        )
    };
    ok(&app, RECORD, json!({"key": decision, "input": record})).await;
    ok(&app, &dm("deferDecision", Some("DeferDecisionInput")), json!({"key": key(), "decision": decision, "input": {"reason": "Awaiting advice", "until": "2024-06-20"}})).await;
    ok(
        &app,
        &dm("resumeDecision", None),
        json!({"key": key(), "decision": decision}),
    )
    .await;
    ok(
        &app,
        &dm("publishDecision", Some("PublishDecisionInput")),
        json!({"key": key(), "decision": decision, "input": {"publicationDate": "2024-06-14"}}),
    )
    .await;
    ok(&app, &dm("callInDecision", Some("CallInDecisionInput")), json!({"key": key(), "decision": decision, "input": {"members": ["Cllr A", "Cllr B"], "reason": "Consultation", "date": "2024-06-17"}})).await;
    ok(&app, &dm("resolveCallIn", Some("ResolveCallInInput")), json!({"key": key(), "decision": decision, "input": {"outcome": "REFERRED_BACK_TO_DECISION_MAKER", "date": "2024-06-24"}})).await;
    ok(&app, &dm("reconsiderDecision", Some("ReconsiderDecisionInput")), json!({"key": key(), "decision": decision, "input": {"result": "AMENDED", "resolutions": [{"number": 1, "text": "Approved with a review in a year."}], "date": "2024-07-01"}})).await;
    ok(
        &app,
        &dm("implementDecision", Some("ImplementDecisionInput")),
        json!({"key": key(), "decision": decision, "input": {"on": "2024-08-01", "note": "Done"}}),
    )
    .await;
    let mut corrected = record.clone();
    corrected["title"] = json!("Library Strategy 2024");
    let d = ok(&app, &dm("correctDecision", Some("CorrectDecisionInput")), json!({"key": key(), "decision": decision, "input": {"details": corrected, "reason": "Title misspelt"}})).await;
    assert_eq!(
        d["decision"],
        json!({"status": "IMPLEMENTED", "resolutions": [{"number": 1}],
               "callIn": {"calledIn": {"members": ["Cllr A", "Cllr B"]},
                          "resolution": {"outcome": "REFERRED_BACK_TO_DECISION_MAKER"},
                          "reconsideration": {"amended": true}},
               "deferrals": [{"resumed": true}], "implementation": {"on": "2024-08-01"},
               // The correction restates the record as first recorded, so it also undoes the
               // amendment made on reconsideration: the domain lists every field it changes.
               "corrections": [{"correctedFields": ["TITLE", "OUTCOME", "RESOLUTIONS"],
                                "previous": {"title": "Library Strategy"}}]})
    );
    let e = ok(
        &app,
        &fp("linkForwardPlanDecision", "LinkForwardPlanDecisionInput"),
        json!({"key": key(), "entry": entry, "input": {"decisionId": decision}}),
    )
    .await;
    assert_eq!(e["entry"]["status"], "DECIDED");
    assert_eq!(e["entry"]["decisionId"], json!(decision));

    // Decisions that go no further, and one exempted from call-in and put into effect.
    for (field, input) in [
        ("withdrawDecision", "WithdrawDecisionInput"),
        ("abandonDecision", "AbandonDecisionInput"),
    ] {
        let other = key();
        ok(
            &app,
            RECORD,
            json!({"key": other, "input": details(&cabinet, field)}),
        )
        .await;
        let d = ok(
            &app,
            &dm(field, Some(input)),
            json!({"key": key(), "decision": other, "input": {"reason": "No longer needed"}}),
        )
        .await;
        assert!(matches!(
            d["decision"]["status"].as_str(),
            Some("WITHDRAWN" | "ABANDONED")
        ));
    }
    let urgent = key();
    ok(
        &app,
        RECORD,
        json!({"key": urgent, "input": details(&cabinet, "Urgent repairs")}),
    )
    .await;
    ok(&app, &dm("exemptDecisionFromCallIn", Some("ExemptDecisionFromCallInInput")), json!({"key": key(), "decision": urgent, "input": {"agreedBy": "Chair of Scrutiny", "reason": "Safety"}})).await;
    let d = ok(
        &app,
        &dm("publishDecision", Some("PublishDecisionInput")),
        json!({"key": key(), "decision": urgent, "input": {"publicationDate": "2024-03-08"}}),
    )
    .await;
    assert_eq!(d["decision"]["status"], "PUBLISHED", "{d}");
    let plain = key();
    ok(
        &app,
        RECORD,
        json!({"key": plain, "input": details(&cabinet, "Plain")}),
    )
    .await;
    ok(
        &app,
        &dm("publishDecision", Some("PublishDecisionInput")),
        json!({"key": key(), "decision": plain, "input": {"publicationDate": "2024-03-08"}}),
    )
    .await;
    let d = ok(
        &app,
        &dm("takeEffect", Some("TakeEffectInput")),
        json!({"key": key(), "decision": plain, "input": {"on": "2024-03-14"}}),
    )
    .await;
    assert_eq!(d["decision"]["status"], "EFFECTIVE");

    // Forward-plan entries taken off the plan.
    for (field, input) in [
        ("withdrawForwardPlanEntry", "WithdrawForwardPlanEntryInput"),
        ("abandonForwardPlanEntry", "AbandonForwardPlanEntryInput"),
    ] {
        let other = key();
        ok(&app, &fp("enterForwardPlanEntry", "EnterForwardPlanEntryInput"), json!({"key": other, "entry": other, "input": {
            "details": {"title": field, "decisionMaker": cabinet, "keyDecision": false, "wards": {"kind": "ALL"}},
            "dateDue": "2024-09-04", "noticeDate": "2024-07-01", "notice": {"kind": "STANDARD"}}})).await;
        let e = ok(
            &app,
            &fp(field, input),
            json!({"key": key(), "entry": other, "input": {"reason": "Dropped"}}),
        )
        .await;
        assert!(matches!(
            e["entry"]["status"].as_str(),
            Some("WITHDRAWN" | "ABANDONED")
        ));
    }

    // A strategy document renamed, drafted, approved and noted.
    let document = key();
    let sm = |field: &str, input_type: &str| {
        format!(
            "mutation($key: UUID!, $doc: UUID!, $input: {input_type}!) {{ {field}(idempotencyKey: $key, documentId: $doc, input: $input) {{ document {{ title titles {{ title from }} versions {{ label status decisions {{ role }} }} }} }} }}"
        )
    };
    ok(&app, &sm("createStrategyDocument", "CreateStrategyDocumentInput"), json!({"key": document, "doc": document, "input": {"title": "ICT Strategy", "period": {"startYear": 2023, "endYear": 2026, "rolling": true}}})).await;
    ok(&app, &sm("renameStrategyDocument", "RenameStrategyDocumentInput"), json!({"key": key(), "doc": document, "input": {"title": "Digital Strategy", "on": "2024-06-12", "notedBy": decision}})).await;
    ok(&app, &sm("draftStrategyVersion", "DraftStrategyVersionInput"), json!({"key": key(), "doc": document, "input": {"label": "2024-2027", "period": {"startYear": 2024, "endYear": 2027, "rolling": true}, "reviewDate": "2024-06-12"}})).await;
    ok(&app, &sm("approveStrategyVersion", "ApproveStrategyVersionInput"), json!({"key": key(), "doc": document, "input": {"label": "2024-2027", "decisionId": decision, "on": "2024-06-12"}})).await;
    let s = ok(&app, &sm("noteStrategyVersion", "NoteStrategyVersionInput"), json!({"key": key(), "doc": document, "input": {"label": "2024-2027", "decisionId": plain}})).await;
    assert_eq!(
        s["document"],
        json!({"title": "Digital Strategy",
               "titles": [{"title": "ICT Strategy", "from": null}, {"title": "Digital Strategy", "from": "2024-06-12"}],
               "versions": [{"label": "2024-2027", "status": "APPROVED", "decisions": [{"role": "APPROVED"}, {"role": "NOTED"}]}]})
    );
    let c = ok(
        &app,
        &m("retireWard", "RetireWardInput"),
        json!({"key": key(), "input": {"wardId": ward, "on": "2025-05-01"}}),
    )
    .await;
    assert_eq!(c["council"]["wards"][0]["retiredOn"], "2025-05-01");
}

both_backends!(
    a_clerk_records_and_publishes_a_decision_and_reads_it_back_at_once,
    replaying_a_mutation_returns_the_same_result,
    a_stale_expected_version_is_a_conflict,
    refusals_by_the_domain_and_the_input_carry_their_codes,
    every_kind_of_command_runs_through_its_mutation,
);
