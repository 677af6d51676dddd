#![allow(clippy::unwrap_used, missing_docs)]
//! The demo council loads at start and shows the example decision exactly as the council's page
//! did, and the Cabinet meeting that took it.

mod common;

use civic_gateway::{Application, Settings};
use common::{Backend, TestApp, spawn};
use reqwest::StatusCode;
use serde_json::json;

const DECISION_PAGE: &str = "{
  decisions(first: 5) {
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
                "bodies": [{"name": "Cabinet", "kind": "CABINET"}],
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
        json!({"data": {"decisions": {"totalCount": 1}}})
    );
    let councils = again.services().read_models().councils().await.unwrap();
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
    a_restart_with_the_demo_does_not_load_it_twice,
    health_and_readiness_answer,
);
