#![allow(clippy::unwrap_used, missing_docs)]
//! A clerk enters forward plans and strategies exactly as real pages show them: a plan document
//! with its period, publisher, dates and criteria; entries due in a month, "not before" a day
//! or on a date not yet known, with no notice date or wards where the page gives none, with the
//! status words the plan uses, contacts, and urgency with who agreed and why; strategies without
//! a period or by financial years, with their statuses. Nothing invented: what the page leaves
//! out reads back as null.

mod common;

use common::{Backend, TestApp, spawn};
use serde_json::{Value, json};
use uuid::Uuid;

const KENT: &str = "/councils/kent/graphql";

const ENTRY_FIELDS: &str = "uuid title reference wards { kind } dateDue due { kind date month } \
    originalDue { kind month } noticeDate clearDaysNotice status statusLabel \
    statusChanges { status label on reason } \
    notice { kind reason agreedBy chairInformed } \
    contacts { role name email phone asGiven } plans { planId title } \
    reschedulings { from to fromDue { kind month } toDue { kind date month } reason }";

async fn ok(app: &TestApp, query: &str, variables: Value) -> Value {
    let clerk = app.clerk("kent");
    let answer = app.post(KENT, Some(&clerk), query, variables).await;
    assert!(answer.body.get("errors").is_none(), "{}", answer.text);
    answer.body["data"].clone()
}

fn enter(fields: &str) -> String {
    format!(
        "mutation($key: UUID!, $input: EnterForwardPlanEntryInput!) {{ \
         enterForwardPlanEntry(idempotencyKey: $key, input: $input) {{ \
         warnings {{ code }} entry {{ {fields} }} }} }}"
    )
}

async fn kent(backend: Backend, test: &str) -> Option<(TestApp, String)> {
    let app = spawn(backend, test).await?;
    app.register_council("kent", "Kent County Council").await;
    let cabinet = app.add_body("kent", "Cabinet", "CABINET").await;
    Some((app, cabinet))
}

async fn publish_plan(app: &TestApp, cabinet: &str) -> Uuid {
    let plan = Uuid::now_v7();
    let published = ok(
        app,
        "mutation($key: UUID!, $input: PublishForwardPlanInput!) { publishForwardPlan(idempotencyKey: $key, input: $input) { \
         council { forwardPlans { planId title periodFrom periodTo publishedBy { bodyId name } publishedOn \
         nextUpdateDue refreshedOn keyDecisionCriteria } } } }",
        json!({"key": plan, "input": {
            "title": "Forward Plan: 1 June 2026 to 30 September 2026",
            "periodFrom": "2026-06-01", "periodTo": "2026-09-30",
            "publishedBy": cabinet, "publishedOn": "2026-05-01", "nextUpdateDue": "2026-05-29",
            "keyDecisionCriteria": "Expenditure or savings of £1,000,000 or more, or significant in two or more electoral divisions."
        }}),
    )
    .await;
    let plans = published["publishForwardPlan"]["council"]["forwardPlans"]
        .as_array()
        .unwrap();
    assert_eq!(
        plans.last().unwrap(),
        &json!({
            "planId": plan, "title": "Forward Plan: 1 June 2026 to 30 September 2026",
            "periodFrom": "2026-06-01", "periodTo": "2026-09-30",
            "publishedBy": {"bodyId": cabinet, "name": "Cabinet"},
            "publishedOn": "2026-05-01", "nextUpdateDue": "2026-05-29", "refreshedOn": [],
            "keyDecisionCriteria": "Expenditure or savings of £1,000,000 or more, or significant in two or more electoral divisions."
        })
    );
    plan
}

async fn a_plan_and_its_entries_are_entered_exactly_as_the_page_shows(backend: Backend) {
    let Some((app, cabinet)) = kent(backend, "forward_plan_as_shown").await else {
        return;
    };
    let plan = publish_plan(&app, &cabinet).await;
    let refreshed = ok(
        &app,
        "mutation($key: UUID!, $input: RefreshForwardPlanInput!) { refreshForwardPlan(idempotencyKey: $key, input: $input) { \
         council { forwardPlans { refreshedOn nextUpdateDue } } } }",
        json!({"key": Uuid::now_v7(), "input": {"planId": plan, "on": "2026-05-15", "nextUpdateDue": null}}),
    )
    .await;
    assert_eq!(
        refreshed["refreshForwardPlan"]["council"]["forwardPlans"],
        json!([{"refreshedOn": ["2026-05-15"], "nextUpdateDue": null}])
    );
    // Only the title is required: a plan that states nothing else is kept as it is.
    let bare = ok(
        &app,
        "mutation($key: UUID!, $input: PublishForwardPlanInput!) { publishForwardPlan(idempotencyKey: $key, input: $input) { \
         council { forwardPlans { title periodFrom periodTo publishedBy { name } publishedOn nextUpdateDue keyDecisionCriteria } } } }",
        json!({"key": Uuid::now_v7(), "input": {"title": "Notice of Key Decisions"}}),
    )
    .await;
    assert_eq!(
        bare["publishForwardPlan"]["council"]["forwardPlans"][1],
        json!({"title": "Notice of Key Decisions", "periodFrom": null, "periodTo": null,
               "publishedBy": null, "publishedOn": null, "nextUpdateDue": null,
               "keyDecisionCriteria": null})
    );

    // "Date of decision: July 2026"; no notice date; no wards; "On Hold"; two contacts.
    let entry = Uuid::now_v7();
    let entered = ok(
        &app,
        &enter(ENTRY_FIELDS),
        json!({"key": entry, "input": {
            "details": {
                "title": "Household Waste Recycling Centre Review",
                "decisionMaker": cabinet, "keyDecision": true,
                "reference": "26/00051",
                "contacts": [
                    {"role": "Lead officer", "name": "Jo Bloggs", "email": "jo.bloggs@kent.gov.uk",
                     "phone": "03000 410000", "asGiven": "Jo Bloggs, Head of Waste Services, 03000 410000"},
                    {"role": "Cabinet Member", "name": "Cabinet Member for Environment"}
                ]
            },
            "due": {"kind": "MONTH", "month": "2026-07"},
            "notice": {"kind": "STANDARD"},
            "status": "ON_HOLD", "statusLabel": "On Hold",
            "planIds": [plan]
        }}),
    )
    .await;
    let e = &entered["enterForwardPlanEntry"];
    assert_eq!(e["warnings"], json!([{"code": "notice_not_checkable"}]));
    assert_eq!(
        e["entry"],
        json!({
            "uuid": entry, "title": "Household Waste Recycling Centre Review", "reference": "26/00051",
            "wards": null, "dateDue": null, "due": {"kind": "MONTH", "date": null, "month": "2026-07"},
            "originalDue": {"kind": "MONTH", "month": "2026-07"},
            "noticeDate": null, "clearDaysNotice": null, "status": "ON_HOLD", "statusLabel": "On Hold",
            "statusChanges": [],
            "notice": {"kind": "STANDARD", "reason": null, "agreedBy": null, "chairInformed": null},
            "contacts": [
                {"role": "Lead officer", "name": "Jo Bloggs", "email": "jo.bloggs@kent.gov.uk",
                 "phone": "03000 410000", "asGiven": "Jo Bloggs, Head of Waste Services, 03000 410000"},
                {"role": "Cabinet Member", "name": "Cabinet Member for Environment", "email": null,
                 "phone": null, "asGiven": null}
            ],
            "plans": [{"planId": plan, "title": "Forward Plan: 1 June 2026 to 30 September 2026"}],
            "reschedulings": []
        })
    );

    // Next month's plan lists it again, now "Date to be confirmed" and back "For Determination".
    let july = publish_plan(&app, &cabinet).await;
    let mutate = |field: &str, input_type: &str| {
        format!(
            "mutation($key: UUID!, $entry: UUID!, $input: {input_type}!) {{ {field}(idempotencyKey: $key, entryId: $entry, input: $input) {{ entry {{ {ENTRY_FIELDS} }} }} }}"
        )
    };
    ok(
        &app,
        &mutate(
            "listForwardPlanEntryOnPlan",
            "ListForwardPlanEntryOnPlanInput",
        ),
        json!({"key": Uuid::now_v7(), "entry": entry, "input": {"planId": july}}),
    )
    .await;
    ok(
        &app,
        &mutate(
            "rescheduleForwardPlanEntry",
            "RescheduleForwardPlanEntryInput",
        ),
        json!({"key": Uuid::now_v7(), "entry": entry, "input": {"due": {"kind": "NOT_KNOWN"}, "reason": "Awaiting the outcome of the consultation."}}),
    )
    .await;
    let changed = ok(
        &app,
        &mutate(
            "changeForwardPlanEntryStatus",
            "ChangeForwardPlanEntryStatusInput",
        ),
        json!({"key": Uuid::now_v7(), "entry": entry, "input": {"status": "PLANNED", "label": "For Determination", "on": "2026-06-01"}}),
    )
    .await;
    let e = &changed["changeForwardPlanEntryStatus"]["entry"];
    assert_eq!(
        e["due"],
        json!({"kind": "NOT_KNOWN", "date": null, "month": null})
    );
    assert_eq!(
        e["originalDue"],
        json!({"kind": "MONTH", "month": "2026-07"})
    );
    assert_eq!(
        e["reschedulings"],
        json!([{"from": null, "to": null, "fromDue": {"kind": "MONTH", "month": "2026-07"},
                "toDue": {"kind": "NOT_KNOWN", "date": null, "month": null},
                "reason": "Awaiting the outcome of the consultation."}])
    );
    assert_eq!(e["status"], "PLANNED");
    assert_eq!(
        e["statusChanges"],
        json!([{"status": "PLANNED", "label": "For Determination", "on": "2026-06-01", "reason": null}])
    );
    assert_eq!(e["plans"].as_array().unwrap().len(), 2);

    // Special urgency (reg 11): a day's notice, who agreed and why; kept with a warning.
    let urgent = ok(
        &app,
        &enter(ENTRY_FIELDS),
        json!({"key": Uuid::now_v7(), "input": {
            "details": {"title": "Emergency Highway Repairs", "decisionMaker": cabinet, "keyDecision": true,
                        "wards": {"kind": "ALL"}},
            "dateDue": "2026-03-05", "noticeDate": "2026-03-03",
            "notice": {"kind": "SPECIAL_URGENCY", "agreedBy": "Chair of the Scrutiny Committee",
                       "reason": "Storm damage makes the A28 unsafe; the decision cannot wait for the next meeting."}
        }}),
    )
    .await;
    let u = &urgent["enterForwardPlanEntry"];
    assert_eq!(u["warnings"], json!([{"code": "short_notice"}]));
    assert_eq!(u["entry"]["dateDue"], "2026-03-05");
    assert_eq!(
        u["entry"]["due"],
        json!({"kind": "DAY", "date": "2026-03-05", "month": null})
    );
    assert_eq!(u["entry"]["clearDaysNotice"], 1);
    assert_eq!(
        u["entry"]["notice"],
        json!({"kind": "SPECIAL_URGENCY", "reason": "Storm damage makes the A28 unsafe; the decision cannot wait for the next meeting.",
               "agreedBy": "Chair of the Scrutiny Committee", "chairInformed": null})
    );
    // General exception (reg 10) naming who was informed: five clear days, flagged.
    let general = ok(
        &app,
        &enter("notice { kind chairInformed } dueNotBefore: due { kind date }"),
        json!({"key": Uuid::now_v7(), "input": {
            "details": {"title": "Library Service Restructure", "decisionMaker": cabinet, "keyDecision": true},
            "due": {"kind": "NOT_BEFORE", "date": "2026-03-10"}, "noticeDate": "2026-03-04",
            "notice": {"kind": "GENERAL_EXCEPTION", "reason": "Grant conditions set by the department.",
                       "chairInformed": "Chair of the Scrutiny Committee"}
        }}),
    )
    .await;
    assert_eq!(
        general["enterForwardPlanEntry"],
        json!({"warnings": [{"code": "short_notice"}], "entry": {
            "notice": {"kind": "GENERAL_EXCEPTION", "chairInformed": "Chair of the Scrutiny Committee"},
            "dueNotBefore": {"kind": "NOT_BEFORE", "date": "2026-03-10"}}})
    );

    // The public sees the plan as published: entries awaiting decision, the undated one last.
    let public = app
        .post(
            KENT,
            None,
            "{ forwardPlan(from: \"2026-01-01\") { totalCount edges { node { title due { kind } status } } } \
             council { forwardPlans { title } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        public.body["data"]["forwardPlan"],
        json!({"totalCount": 3, "edges": [
            {"node": {"title": "Emergency Highway Repairs", "due": {"kind": "DAY"}, "status": "PLANNED"}},
            {"node": {"title": "Library Service Restructure", "due": {"kind": "NOT_BEFORE"}, "status": "PLANNED"}},
            {"node": {"title": "Household Waste Recycling Centre Review", "due": {"kind": "NOT_KNOWN"}, "status": "PLANNED"}}
        ]}),
        "{}",
        public.text
    );
    assert_eq!(
        public.body["data"]["council"]["forwardPlans"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    // Each plan lists the entries that appeared on it: the June plan the waste review; the July
    // plan the same entry again; the bare notice nothing.
    let listed = app
        .post(
            KENT,
            None,
            "{ council { forwardPlans { planId entries { uuid title } } } }",
            json!({}),
        )
        .await;
    let plans = listed.body["data"]["council"]["forwardPlans"]
        .as_array()
        .unwrap()
        .clone();
    let entries_of = |id: Uuid| {
        plans
            .iter()
            .find(|p| p["planId"] == json!(id))
            .map(|p| p["entries"].clone())
            .unwrap()
    };
    let waste = json!([{"uuid": entry, "title": "Household Waste Recycling Centre Review"}]);
    assert_eq!(entries_of(plan), waste, "{}", listed.text);
    assert_eq!(entries_of(july), waste);
    assert_eq!(plans[1]["entries"], json!([]));
}

async fn a_standard_notice_inside_28_days_is_still_refused(backend: Backend) {
    let Some((app, cabinet)) = kent(backend, "forward_plan_refused").await else {
        return;
    };
    let clerk = app.clerk("kent");
    let refused = app
        .post(
            KENT,
            Some(&clerk),
            &enter("uuid"),
            json!({"key": Uuid::now_v7(), "input": {
                "details": {"title": "Parking Charges", "decisionMaker": cabinet, "keyDecision": true},
                "dateDue": "2026-03-20", "noticeDate": "2026-03-01", "notice": {"kind": "STANDARD"}
            }}),
        )
        .await;
    assert_eq!(refused.code(), Some("BAD_USER_INPUT"), "{}", refused.text);
    assert!(refused.text.contains("18 clear days"), "{}", refused.text);
    let both = app
        .post(
            KENT,
            Some(&clerk),
            &enter("uuid"),
            json!({"key": Uuid::now_v7(), "input": {
                "details": {"title": "Parking Charges", "decisionMaker": cabinet, "keyDecision": false},
                "dateDue": "2026-03-20", "due": {"kind": "MONTH", "month": "2026-03"},
                "notice": {"kind": "STANDARD"}
            }}),
        )
        .await;
    assert_eq!(both.code(), Some("BAD_USER_INPUT"), "{}", both.text);
}

async fn strategies_without_a_period_or_by_financial_years_keep_their_statuses(backend: Backend) {
    let Some((app, _)) = kent(backend, "strategy_statuses").await else {
        return;
    };
    let fields = "title period { kind startYear endYear rolling label } status statusLabel \
                  statusHistory { status label on decisionId }";
    let create = format!(
        "mutation($key: UUID!, $input: CreateStrategyDocumentInput!) {{ createStrategyDocument(idempotencyKey: $key, input: $input) {{ document {{ {fields} }} }} }}"
    );
    let digital = Uuid::now_v7();
    let created = ok(
        &app,
        &create,
        json!({"key": digital, "input": {"title": "Digital Strategy", "status": "FOR_CONSULTATION", "statusLabel": "Out to consultation"}}),
    )
    .await;
    assert_eq!(
        created["createStrategyDocument"]["document"],
        json!({"title": "Digital Strategy", "period": null, "status": "FOR_CONSULTATION",
               "statusLabel": "Out to consultation", "statusHistory": []})
    );
    let changed = ok(
        &app,
        &format!(
            "mutation($key: UUID!, $doc: UUID!, $input: ChangeStrategyStatusInput!) {{ changeStrategyStatus(idempotencyKey: $key, documentId: $doc, input: $input) {{ document {{ {fields} }} }} }}"
        ),
        json!({"key": Uuid::now_v7(), "doc": digital, "input": {"status": "RECOMMENDED_FOR_ADOPTION", "on": "2026-02-12"}}),
    )
    .await;
    assert_eq!(
        changed["changeStrategyStatus"]["document"]["statusHistory"],
        json!([{"status": "RECOMMENDED_FOR_ADOPTION", "label": null, "on": "2026-02-12", "decisionId": null}])
    );
    let mtfs = ok(
        &app,
        &create,
        json!({"key": Uuid::now_v7(), "input": {"title": "Medium Term Financial Plan",
               "period": {"kind": "FINANCIAL_YEARS", "startYear": 2026, "endYear": 2028, "rolling": true},
               "status": "ADOPTED"}}),
    )
    .await;
    assert_eq!(
        mtfs["createStrategyDocument"]["document"]["period"],
        json!({"kind": "FINANCIAL_YEARS", "startYear": 2026, "endYear": 2028, "rolling": true,
               "label": "2026/27 to 2028/29"})
    );
}

/// Where an entry or a meeting was taken from is kept, as for decisions (issue 13, item 2).
async fn an_entrys_and_a_meetings_source_page_and_id_are_kept(backend: Backend) {
    let Some((app, cabinet)) = kent(backend, "plan_sources").await else {
        return;
    };
    let entered = ok(
        &app,
        &enter("reference sourceUrl sourceId"),
        json!({"key": Uuid::now_v7(), "input": {
            "details": {"title": "Parking Charges", "decisionMaker": cabinet, "keyDecision": false,
                        "reference": "FP/2026/031",
                        "sourceUrl": "https://democracy.kent.gov.uk/ieIssueDetails.aspx?IId=4321",
                        "sourceId": "4321"},
            "notice": {"kind": "STANDARD"}
        }}),
    )
    .await;
    assert_eq!(
        entered["enterForwardPlanEntry"]["entry"],
        json!({"reference": "FP/2026/031",
               "sourceUrl": "https://democracy.kent.gov.uk/ieIssueDetails.aspx?IId=4321",
               "sourceId": "4321"})
    );
    let met = ok(
        &app,
        "mutation($key: UUID!, $input: MeetingDetailsInput!) { recordMeeting(idempotencyKey: $key, input: $input) { meeting { sourceUrl sourceId } } }",
        json!({"key": Uuid::now_v7(), "input": {
            "bodyId": cabinet, "bodyName": "Cabinet", "date": "2026-03-04",
            "sourceUrl": "https://democracy.kent.gov.uk/ieListDocuments.aspx?MId=987"
        }}),
    )
    .await;
    assert_eq!(
        met["recordMeeting"]["meeting"],
        json!({"sourceUrl": "https://democracy.kent.gov.uk/ieListDocuments.aspx?MId=987", "sourceId": null})
    );
}

both_backends!(
    a_plan_and_its_entries_are_entered_exactly_as_the_page_shows,
    a_standard_notice_inside_28_days_is_still_refused,
    strategies_without_a_period_or_by_financial_years_keep_their_statuses,
    an_entrys_and_a_meetings_source_page_and_id_are_kept,
);
