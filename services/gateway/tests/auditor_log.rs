#![allow(clippy::unwrap_used, missing_docs)]
//! The council's whole log over GraphQL, on both backends: clerks and auditors page through it
//! by position and by recorded time, each event with its stream, who, when and which command;
//! the public is refused. The log's signed checkpoint and its proofs over GraphQL are those the
//! REST routes serve.

mod common;

use civic_eventstore::checkpoint::LogKey;
use common::{Backend, TestApp, spawn_with};
use serde_json::{Value, json};

const MAIDSTONE: &str = "/councils/maidstone/graphql";

const LOG: &str = "query($first: Int, $after: String, $from: DateTime, $to: DateTime) {
  log(first: $first, after: $after, from: $from, to: $to) {
    logSize
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node { position eventId stream recordKind recordId recordNodeId streamVersion
      eventType schemaVersion recordedAt actor commandId causationId correlationId } }
  } }";

async fn log(app: &TestApp, token: Option<&str>, variables: Value) -> Value {
    let answer = app.post(MAIDSTONE, token, LOG, variables).await;
    assert!(answer.body["errors"].is_null(), "{}", answer.text);
    answer.body["data"]["log"].clone()
}

fn positions(page: &Value) -> Vec<u64> {
    page["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["position"].as_u64().unwrap())
        .collect()
}

async fn auditors_and_clerks_page_through_the_whole_log_and_the_public_is_refused(
    backend: Backend,
) {
    let key = LogKey::from_seed("civic-register", [7; 32]).unwrap();
    let Some(app) = spawn_with(backend, "auditor_log", move |settings| {
        settings.log_key = Some(key);
    })
    .await
    else {
        return;
    };
    let auditor = app.auditor("maidstone");
    let first = log(&app, Some(&auditor), json!({"first": 3})).await;
    let size = first["logSize"].as_u64().unwrap();
    assert!(size > 3);
    assert_eq!(positions(&first), vec![1, 2, 3]);
    assert_eq!(first["pageInfo"]["hasNextPage"], true);
    assert_eq!(first["pageInfo"]["hasPreviousPage"], false);
    let council = &first["edges"][0]["node"];
    assert_eq!(council["stream"], "council");
    assert_eq!(council["recordKind"], "COUNCIL");
    assert_eq!(council["streamVersion"], 1);
    assert!(council["actor"].is_string() && council["commandId"].is_string());
    assert!(council["correlationId"].is_string() && council["schemaVersion"].is_u64());

    // The next page starts after the cursor, which is the position.
    let cursor = first["pageInfo"]["endCursor"].clone();
    assert_eq!(cursor, "3");
    let second = log(
        &app,
        Some(&app.clerk("maidstone")),
        json!({"first": 100, "after": cursor}),
    )
    .await;
    assert_eq!(positions(&second), (4..=size).collect::<Vec<_>>());
    assert_eq!(second["pageInfo"]["hasNextPage"], false);

    // By recorded time: exactly the events recorded within the range.
    let last = second["edges"].as_array().unwrap().last().unwrap()["node"].clone();
    let at = last["recordedAt"].clone();
    let same_time: Vec<u64> = [&first, &second]
        .iter()
        .flat_map(|page| page["edges"].as_array().unwrap().clone())
        .filter(|e| e["node"]["recordedAt"] == at)
        .map(|e| e["node"]["position"].as_u64().unwrap())
        .collect();
    let ranged = log(
        &app,
        Some(&auditor),
        json!({"first": 100, "from": at, "to": at}),
    )
    .await;
    assert_eq!(positions(&ranged), same_time);
    let none = log(
        &app,
        Some(&auditor),
        json!({"from": "2000-01-01T00:00:00Z", "to": "2000-01-02T00:00:00Z"}),
    )
    .await;
    assert_eq!(positions(&none), Vec::<u64>::new());

    // The public sees per-record public history only.
    let refused = app.post(MAIDSTONE, None, LOG, json!({})).await;
    assert_eq!(refused.code(), Some("FORBIDDEN"), "{}", refused.text);
    assert!(refused.body["data"].is_null());
    let bad = app
        .post(MAIDSTONE, Some(&auditor), LOG, json!({"after": "x"}))
        .await;
    assert_eq!(bad.code(), Some("BAD_USER_INPUT"), "{}", bad.text);

    // The checkpoint and proofs over GraphQL are those of the REST routes.
    let proofs = app
        .post(
            MAIDSTONE,
            None,
            "query($size: Int!, $index: Int!, $from: Int!) {
               logCheckpoint { size rootHash note }
               logInclusionProof(index: $index, size: $size) { index size leafHash hashes }
               logConsistencyProof(from: $from, to: $size) { from to hashes } }",
            json!({"size": size, "index": 1, "from": 2}),
        )
        .await;
    assert!(proofs.body["errors"].is_null(), "{}", proofs.text);
    let data = &proofs.body["data"];
    let rest = |path: String| {
        let app = &app;
        async move {
            app.client
                .get(app.url(&path))
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap()
        }
    };
    assert_eq!(data["logCheckpoint"]["size"], size);
    assert_eq!(
        data["logCheckpoint"]["note"].as_str().unwrap(),
        rest("/councils/maidstone/log/checkpoint".into()).await
    );
    let inclusion: Value = serde_json::from_str(
        &rest(format!(
            "/councils/maidstone/log/proof/inclusion?index=1&size={size}"
        ))
        .await,
    )
    .unwrap();
    assert_eq!(data["logInclusionProof"]["hashes"], inclusion["hashes"]);
    assert_eq!(
        data["logInclusionProof"]["leafHash"],
        inclusion["leaf_hash"]
    );
    let consistency: Value = serde_json::from_str(
        &rest(format!(
            "/councils/maidstone/log/proof/consistency?from=2&to={size}"
        ))
        .await,
    )
    .unwrap();
    assert_eq!(data["logConsistencyProof"]["hashes"], consistency["hashes"]);

    // Sizes past the log are the caller's mistake.
    let past = app
        .post(
            MAIDSTONE,
            None,
            "query($to: Int!) { logConsistencyProof(from: 1, to: $to) { hashes } }",
            json!({"to": size + 1}),
        )
        .await;
    assert_eq!(past.code(), Some("BAD_USER_INPUT"), "{}", past.text);
}

both_backends!(auditors_and_clerks_page_through_the_whole_log_and_the_public_is_refused);
