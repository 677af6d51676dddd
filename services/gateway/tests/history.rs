#![allow(clippy::unwrap_used, missing_docs)]
//! A decision's history and the decision as it stood at a moment, over GraphQL on both backends:
//! every event with who recorded it (clerks and auditors) and what it changed; the public sees
//! the public record's history from its publication, without who; `asOf` answers with the
//! record before a later correction.

mod common;

use civic_domain::values::{Reason, Title};
use civic_domain::{Command, Decision, DecisionCommand, StreamId};
use civic_eventstore::Actor;
use civic_runtime::Envelope;
use common::{Backend, TestApp, spawn};
use serde_json::{Value, json};

const EXAMPLE: &str = "Information Strategy 2010 - 13";

async fn example_id(app: &TestApp, token: &str) -> String {
    let answer = app
        .post(
            &TestApp::council("maidstone"),
            Some(token),
            "{ decisions(first: 10, filter: { text: \"Information Strategy\" }) { edges { node { uuid title } } } }",
            json!({}),
        )
        .await;
    let edges = answer.body["data"]["decisions"]["edges"]
        .as_array()
        .unwrap()
        .clone();
    let node = edges
        .iter()
        .find(|e| e["node"]["title"] == EXAMPLE)
        .unwrap_or_else(|| panic!("{}", answer.text));
    node["node"]["uuid"].as_str().unwrap().to_owned()
}

const HISTORY: &str = "query($id: UUID!) { decision(id: $id) { history { position eventType \
                       actor commandId recordedAt changes { field old new } } } }";

async fn history(app: &TestApp, token: Option<&str>, id: &str) -> Vec<Value> {
    let answer = app
        .post(
            &TestApp::council("maidstone"),
            token,
            HISTORY,
            json!({"id": id}),
        )
        .await;
    answer.body["data"]["decision"]["history"]
        .as_array()
        .unwrap_or_else(|| panic!("{}", answer.text))
        .clone()
}

async fn a_decision_has_its_history_and_stands_as_it_was_at_any_moment(backend: Backend) {
    let Some(app) = spawn(backend, "decision_history").await else {
        return;
    };
    let clerk = app.clerk("maidstone");
    let id = example_id(&app, &clerk).await;

    let full = history(&app, Some(&clerk), &id).await;
    assert_eq!(full[0]["eventType"], "DecisionRecorded");
    assert!(full[0]["actor"].is_string());
    assert!(full[0]["commandId"].is_string());
    let titled = full[0]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["field"] == "title")
        .unwrap();
    assert_eq!(titled["old"], Value::Null);
    assert_eq!(titled["new"], json!(format!("\"{EXAMPLE}\"")));
    let published = full
        .iter()
        .find(|e| e["eventType"] == "DecisionPublished")
        .unwrap();
    assert!(
        published["changes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["field"] == "publication_date"),
        "{published}"
    );

    // The public: from the publication, and not who.
    let public = history(&app, None, &id).await;
    assert_eq!(public[0]["eventType"], "DecisionPublished");
    assert!(
        public
            .iter()
            .all(|e| e["actor"].is_null() && e["commandId"].is_null())
    );

    // A correction later; asOf the position before it, the record reads as it did.
    let before = full.last().unwrap()["position"].as_u64().unwrap();
    let tenant = app.tenant("maidstone").await;
    let decision = civic_domain::DecisionId::parse(&id).unwrap();
    let (events, _) = app
        .services
        .runtime
        .stream(tenant, &StreamId::decision(decision))
        .await
        .unwrap();
    let mut details = Decision::from_history(&events).unwrap().details().clone();
    details.title = Title::parse("Information Strategy 2010 - 2013").unwrap();
    let correct = Command::Decision {
        decision,
        command: DecisionCommand::Correct {
            details: details.into(),
            reason: Reason::parse("The title was abbreviated").unwrap(),
        },
    };
    let envelope = Envelope::new(
        tenant,
        Actor::parse("clerk:test").unwrap(),
        uuid::Uuid::now_v7(),
    );
    let corrected = app.services.runtime.run(&envelope, &correct).await.unwrap();
    let corrected_at = corrected.committed.last_position;
    assert!(corrected_at > before);

    let at = |moment: Value| {
        let app = &app;
        let clerk = clerk.clone();
        let id = id.clone();
        async move {
            app.post(
                &TestApp::council("maidstone"),
                Some(&clerk),
                "query($id: UUID!, $at: AsOf) { decision(id: $id, asOf: $at) { title } }",
                json!({"id": id, "at": moment}),
            )
            .await
        }
    };
    let then = at(json!({"position": corrected_at - 1})).await;
    assert_eq!(
        then.body["data"]["decision"]["title"], EXAMPLE,
        "{}",
        then.text
    );
    let now = at(json!({"position": corrected_at})).await;
    assert_eq!(
        now.body["data"]["decision"]["title"],
        "Information Strategy 2010 - 2013"
    );
    let long_ago = at(json!({"at": "2000-01-01T00:00:00Z"})).await;
    assert_eq!(
        long_ago.body["data"]["decision"],
        Value::Null,
        "{}",
        long_ago.text
    );
    let both = at(json!({"position": 1, "at": "2000-01-01T00:00:00Z"})).await;
    assert!(both.body["errors"].is_array(), "{}", both.text);
    assert!(both.text.contains("asOf"), "{}", both.text);
    let latest = history(&app, Some(&clerk), &id).await;
    assert_eq!(latest.last().unwrap()["eventType"], "DecisionCorrected");
}

both_backends!(a_decision_has_its_history_and_stands_as_it_was_at_any_moment);
