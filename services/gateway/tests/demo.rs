#![allow(clippy::unwrap_used, missing_docs)]
//! The demo council loads at start and shows the example decision exactly as the council's page
//! did, the Cabinet meeting that took it, and its forward plan and strategies.

mod common;

use civic_gateway::{Application, Settings};
use common::{Backend, TestApp, spawn};
use reqwest::StatusCode;
use serde_json::json;

/// The example decision alone: the demo's illustrative records were decided before it.
const DECISION_PAGE: &str = "{
  decisions(first: 5, filter: {decidedFrom: \"2010-06-01\"}) {
    totalCount
    edges { node {
      title
      decisionMaker { name }
      status statusLabel keyDecision subjectToCallIn
      purpose
      resolutions { number text }
      reasonKey
      wardsAffected { kind }
      committeeDetails otherConsulted consultees
      representationsBy dateOfDecision publicationDate effectiveFrom callInDeadline
      decided { date body { name } }
      contact { email phone asGiven }
      reportAuthor
      callIn { terms { kind periodWorkingDays countedFrom takesEffect } deadline basis { kind } }
      withheld { field }
    } }
  }
}";

async fn the_demo_council_shows_the_example_decision_exactly(backend: Backend) {
    let Some(app) = spawn(backend, "demo_decision").await else {
        return;
    };
    let answer = app
        .post(
            &TestApp::council("maidstone"),
            None,
            DECISION_PAGE,
            json!({}),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    assert_eq!(
        answer.body["data"]["decisions"]["totalCount"], 1,
        "{}",
        answer.text
    );
    let decision = &answer.body["data"]["decisions"]["edges"][0]["node"];
    assert_eq!(
        decision,
        &json!({
            "title": "Information Strategy 2010 - 13",
            "decisionMaker": {"name": "Cabinet"},
            "status": "EFFECTIVE",
            "statusLabel": "Recommendations Approved",
            "keyDecision": true,
            "subjectToCallIn": true,
            "purpose": civic_domain::example::PURPOSE,
            "resolutions": [
                {"number": 1, "text": civic_domain::example::RESOLUTION_1},
                {"number": 2, "text": civic_domain::example::RESOLUTION_2},
                {"number": 3, "text": civic_domain::example::RESOLUTION_3},
            ],
            "reasonKey": ["Policies, Plans, Strategies"],
            "wardsAffected": {"kind": "ALL"},
            "committeeDetails": "None",
            "otherConsulted": "Email",
            "consultees": "Finance, Assistant Directors.",
            "representationsBy": "2010-05-21",
            "dateOfDecision": "2010-06-09",
            "publicationDate": "2010-06-11",
            "effectiveFrom": "2010-06-19",
            "callInDeadline": "2010-06-18",
            "decided": {"date": "2010-06-09", "body": {"name": "Cabinet"}},
            "contact": {
                "email": "Paultaylor@maidstone.gov.uk",
                "phone": "01622 602068",
                "asGiven": "Email: Paultaylor@maidstone.gov.uk Tel: 01622 602068."
            },
            "reportAuthor": "Paul Taylor",
            "callIn": {
                "terms": {
                    "kind": "WINDOW", "periodWorkingDays": 5,
                    "countedFrom": "PUBLICATION", "takesEffect": "DAY_AFTER_LAST_DAY"
                },
                "deadline": "2010-06-18",
                "basis": {"kind": "COMPUTED"}
            },
            "withheld": []
        })
    );
}

async fn the_demo_council_is_listed_with_its_strategy_renamed_over_time(backend: Backend) {
    let Some(app) = spawn(backend, "demo_council").await else {
        return;
    };
    let councils = app
        .post(
            "/graphql",
            None,
            "{ councils { slug name kind nation endpoint } }",
            json!({}),
        )
        .await;
    assert_eq!(
        councils.body,
        json!({"data": {"councils": [{
            "slug": "maidstone", "name": "Maidstone Borough Council",
            "kind": "DISTRICT", "nation": "ENGLAND", "endpoint": "/councils/maidstone/graphql"
        }]}})
    );
    let strategy = app
        .post(
            &TestApp::council("maidstone"),
            None,
            "{ council { name bodies { name kind } callInPolicy { periodWorkingDays } }
               strategyDocuments { title titles { title from noted: notedBy { title } }
                 versions { label status approvedOn period { label rolling }
                   decisions { role decision { title } } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        strategy.body,
        json!({"data": {
            "council": {
                "name": "Maidstone Borough Council",
                "bodies": [
                    {"name": "Cabinet", "kind": "CABINET"},
                    {"name": "Director of Regeneration", "kind": "OFFICER"}
                ],
                "callInPolicy": {"periodWorkingDays": 5}
            },
            "strategyDocuments": [{
                "title": "Information Strategy",
                "titles": [
                    {"title": "ICT Strategy", "from": null, "noted": null},
                    {"title": "Information Strategy", "from": "2010-06-09",
                     "noted": {"title": "Information Strategy 2010 - 13"}}
                ],
                "versions": [{
                    "label": "2010-2013", "status": "APPROVED", "approvedOn": "2010-06-09",
                    "period": {"label": "2010-2013", "rolling": true},
                    "decisions": [{"role": "APPROVED",
                                   "decision": {"title": "Information Strategy 2010 - 13"}}]
                }]
            }, {
                // The demo's second strategy, by financial years and out to consultation.
                "title": "Medium Term Financial Strategy",
                "titles": [{"title": "Medium Term Financial Strategy", "from": null, "noted": null}],
                "versions": []
            }]
        }}),
        "{}",
        strategy.text
    );
}

async fn the_demo_council_shows_the_cabinet_meeting_with_its_private_minutes_withheld(
    backend: Backend,
) {
    let Some(app) = spawn(backend, "demo_meeting").await else {
        return;
    };
    let answer = app
        .post(
            &TestApp::council("maidstone"),
            None,
            "{ meetings { totalCount edges { node {
                 body { name } date startTime endTime location status minutes
                 items { number title inPrivate minutes withheld { paragraphs text } }
                 exclusions { items { number } }
               } } } }",
            json!({}),
        )
        .await;
    let resolutions = format!(
        "RESOLVED:\n1. {}\n2. {}\n3. {}",
        civic_domain::example::RESOLUTION_1,
        civic_domain::example::RESOLUTION_2,
        civic_domain::example::RESOLUTION_3
    );
    assert_eq!(
        answer.body,
        json!({"data": {"meetings": {"totalCount": 1, "edges": [{"node": {
            "body": {"name": "Cabinet"},
            "date": "2010-06-09",
            "startTime": "18:30",
            "endTime": null,
            "location": "Town Hall, High Street, Maidstone",
            "status": "HELD",
            "minutes": null,
            "items": [
                {"number": "12.", "title": "Information Strategy 2010 - 13", "inPrivate": false,
                 "minutes": resolutions, "withheld": null},
                {"number": "14.", "title": "Disposal of Council Land", "inPrivate": true,
                 "minutes": null, "withheld": {"paragraphs": [3], "text":
                    "Withheld as exempt information under Local Government Act 1972, \
                     Schedule 12A, Part 1 paragraph 3: Information relating to the financial \
                     or business affairs of any particular person"}}
            ],
            "exclusions": [{"items": [{"number": "14."}]}]
        }}]}}}),
        "{}",
        answer.text
    );
}

async fn the_demo_council_shows_its_forward_plan_with_every_kind_of_entry(backend: Backend) {
    let Some(app) = spawn(backend, "demo_forward_plan").await else {
        return;
    };
    let answer = app
        .post(
            &TestApp::council("maidstone"),
            None,
            "{ council { forwardPlans { title periodFrom periodTo publishedBy { name } publishedOn
                 nextUpdateDue keyDecisionCriteria } }
               forwardPlan(from: \"2010-06-01\") { totalCount edges { node {
                 title reference keyDecision due { kind date month } noticeDate status statusLabel
                 wards { kind } contacts { role name } plans { title }
                 notice { kind agreedBy reason } } } }
               strategyDocuments { title period { kind label } status statusLabel } }",
            json!({}),
        )
        .await;
    let data = &answer.body["data"];
    assert_eq!(
        data["council"]["forwardPlans"],
        json!([{
            "title": "Forward Plan: 1 July 2010 to 31 October 2010",
            "periodFrom": "2010-07-01", "periodTo": "2010-10-31",
            "publishedBy": {"name": "Cabinet"}, "publishedOn": "2010-06-01",
            "nextUpdateDue": "2010-07-01",
            "keyDecisionCriteria": "A key decision is one likely to result in the Council incurring expenditure or making savings of £250,000 or more, or to be significant in its effects on communities living or working in two or more wards."
        }]),
        "{}",
        answer.text
    );
    let entries = data["forwardPlan"]["edges"].as_array().unwrap();
    let kinds: Vec<_> = entries
        .iter()
        .map(|e| {
            (
                e["node"]["title"].as_str().unwrap(),
                e["node"]["due"]["kind"].as_str().unwrap(),
                e["node"]["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        vec![
            (
                "Emergency Repairs to the River Len Flood Defences",
                "DAY",
                "PLANNED"
            ),
            ("Town Centre Public Realm Improvements", "DAY", "ON_HOLD"),
            ("Customer Access Strategy", "MONTH", "PLANNED"),
            ("Disposal of land at Springfield", "NOT_BEFORE", "PLANNED"),
            (
                "Waste and Recycling Collection Contract",
                "NOT_KNOWN",
                "PLANNED"
            ),
        ],
        "{}",
        answer.text
    );
    assert_eq!(
        entries[0]["node"]["notice"],
        json!({"kind": "SPECIAL_URGENCY", "agreedBy": "Chair of the Overview and Scrutiny Committee",
               "reason": "The defences must be repaired before the autumn rains; the decision could not reasonably be deferred to the next meeting."})
    );
    assert_eq!(entries[1]["node"]["statusLabel"], "On Hold");
    assert_eq!(entries[2]["node"]["due"]["month"], "2010-08");
    assert_eq!(entries[2]["node"]["reference"], "FP/2010/031");
    assert_eq!(entries[2]["node"]["contacts"][0]["role"], "Lead officer");
    assert_eq!(
        entries[2]["node"]["plans"],
        json!([{"title": "Forward Plan: 1 July 2010 to 31 October 2010"}])
    );
    assert_eq!(entries[3]["node"]["wards"], json!(null));
    assert_eq!(
        data["strategyDocuments"][1],
        json!({"title": "Medium Term Financial Strategy",
               "period": {"kind": "FINANCIAL_YEARS", "label": "2010/11 to 2012/13"},
               "status": "FOR_CONSULTATION", "statusLabel": "Out to consultation"})
    );
}

async fn the_demo_council_shows_an_officer_decision_and_a_restricted_notice_as_registers_do(
    backend: Backend,
) {
    let Some(app) = spawn(backend, "demo_records").await else {
        return;
    };
    let answer = app
        .post(
            &TestApp::council("maidstone"),
            None,
            "{ decisions(filter: {decidedTo: \"2010-05-31\"}) { edges { node {
                 title decisionMaker { name } statusLabel outcome notStated interestsStatement
                 references { reference minuteNumber } leadOfficer department
                 resolutions { number label text }
                 leadMember { nameAsShown }
                 vote { proposer { nameAsShown } seconder { nameAsShown } votesFor votesAgainst abstained asGiven }
                 withheld { field notice { paragraphs paragraphCodes publicInterestTestApplied asGiven text } }
                 documents { title withheld { paragraphCodes paragraphReasons { paragraph reason } } }
               } } } }",
            json!({}),
        )
        .await;
    let edges = answer.body["data"]["decisions"]["edges"]
        .as_array()
        .unwrap();
    let by_title = |title: &str| {
        edges
            .iter()
            .map(|e| &e["node"])
            .find(|n| n["title"] == title)
            .unwrap_or_else(|| panic!("{title} not in {}", answer.text))
    };
    let officer = by_title("Purchase of grounds maintenance equipment");
    assert_eq!(
        officer["decisionMaker"],
        json!({"name": "Director of Regeneration"})
    );
    assert_eq!(officer["statusLabel"], json!(null));
    assert_eq!(officer["outcome"], json!(null));
    assert_eq!(officer["notStated"], json!(["STATUS_LABEL", "OUTCOME"]));
    assert_eq!(officer["interestsStatement"], json!("NONE_DECLARED"));
    assert_eq!(
        officer["references"],
        json!({"reference": "ODN/2010/014", "minuteNumber": null})
    );
    assert_eq!(
        officer["leadOfficer"],
        json!("Head of Parks and Open Spaces")
    );
    assert_eq!(officer["department"], json!("Regeneration"));
    assert_eq!(officer["resolutions"][0]["label"], json!(null));
    assert_eq!(officer["resolutions"][0]["number"], json!(1));

    let restricted = by_title("Disposal of land at the former depot");
    // The public sees that the resolutions and reasons are withheld and why, never what.
    assert_eq!(restricted["resolutions"], json!([]));
    assert_eq!(
        restricted["withheld"][0]["notice"],
        json!({
            "paragraphs": [3], "paragraphCodes": ["3"], "publicInterestTestApplied": true,
            "asGiven": "Exempt under paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972",
            "text": "Withheld as exempt information under Local Government Act 1972, Schedule 12A, Part 1 paragraph 3: The information relates to the financial affairs of the Council and the bidders."
        })
    );
    assert_eq!(
        restricted["documents"],
        json!([{"title": null, "withheld": {
            "paragraphCodes": ["3", "6a"],
            "paragraphReasons": [
                {"paragraph": "3", "reason": "The valuation of the land."},
                {"paragraph": "6a", "reason": "A notice the Council proposes to give to the tenant."}
            ]
        }}])
    );
    assert_eq!(
        restricted["leadMember"],
        json!({"nameAsShown": "Cllr A. Example"})
    );
    assert_eq!(
        restricted["vote"],
        json!({
            "proposer": {"nameAsShown": "Cllr A. Example"},
            "seconder": {"nameAsShown": "Cllr B. Sample"},
            "votesFor": 5, "votesAgainst": 1, "abstained": 0,
            "asGiven": "Carried: 5 for, 1 against"
        })
    );
    assert_eq!(restricted["references"]["minuteNumber"], json!("38."));
}

async fn a_restart_with_the_demo_does_not_load_it_twice(backend: Backend) {
    let Some(app) = spawn(backend, "demo_twice").await else {
        return;
    };
    let mut settings = Settings::new(app.database_url.clone());
    settings.listen = "127.0.0.1:0".parse().unwrap();
    settings.demo = true;
    settings.run_projector = false;
    let again = Application::build(settings).await.unwrap();
    let tenant = again
        .services()
        .directory
        .home()
        .read_models()
        .tenant_for_slug("maidstone")
        .await
        .unwrap()
        .unwrap();
    let answer = app
        .post(
            &TestApp::council("maidstone"),
            None,
            "{ decisions { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(
        answer.body,
        json!({"data": {"decisions": {"totalCount": 3}}})
    );
    let councils = again
        .services()
        .directory
        .home()
        .read_models()
        .councils()
        .await
        .unwrap();
    assert_eq!(councils.len(), 1);
    assert_eq!(councils[0].tenant, tenant);
}

async fn health_and_readiness_answer(backend: Backend) {
    let Some(app) = spawn(backend, "health").await else {
        return;
    };
    let health = app.send(app.client.get(app.url("/healthz"))).await;
    assert_eq!(
        (health.status, health.text.as_str()),
        (StatusCode::OK, "ok")
    );
    let ready = app.send(app.client.get(app.url("/readyz"))).await;
    assert_eq!(
        (ready.status, ready.text.as_str()),
        (StatusCode::OK, "ready")
    );
}

both_backends!(
    the_demo_council_shows_the_example_decision_exactly,
    the_demo_council_is_listed_with_its_strategy_renamed_over_time,
    the_demo_council_shows_the_cabinet_meeting_with_its_private_minutes_withheld,
    the_demo_council_shows_its_forward_plan_with_every_kind_of_entry,
    the_demo_council_shows_an_officer_decision_and_a_restricted_notice_as_registers_do,
    a_restart_with_the_demo_does_not_load_it_twice,
    health_and_readiness_answer,
);
