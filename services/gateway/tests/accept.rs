#![allow(clippy::unwrap_used, missing_docs)]
//! Every list and record page answers in JSON when `Accept` asks for it (the register and a
//! decision are in changes.rs, an entry of the forward plan in web_plan_entry.rs): the home
//! page's councils; a council's forward plan, meetings, a meeting, its strategy documents and one
//! of them, each record exactly as the changes API gives it; `Vary: Accept` on every form;
//! validators and 304 on a council's JSON; JSON errors for what does not exist.

mod common;

use common::demo::{fetch as get, fetch_with as get_with};
use common::{Backend, TestApp, spawn};
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, ETAG, LAST_MODIFIED, VARY};
use serde_json::Value;

const JSON: &str = "application/json; charset=utf-8";

/// `path` asked for as JSON: must answer 200 JSON, marked as negotiated.
async fn json_of(app: &TestApp, path: &str) -> (Value, String) {
    let got = get_with(app, path, &[("accept", "application/json")]).await;
    assert_eq!(got.status, StatusCode::OK, "{path}: {}", got.text);
    assert_eq!(got.header(CONTENT_TYPE), JSON, "{path}");
    assert_eq!(got.header(VARY), "accept", "{path}");
    // The HTML of the same path says it is negotiated too, so a cache keeps the two apart.
    let html = get(app, path).await;
    assert_eq!(
        html.header(CONTENT_TYPE),
        "text/html; charset=utf-8",
        "{path}"
    );
    assert_eq!(html.header(VARY), "accept", "{path}");
    (got.json(), got.header(ETAG).to_owned())
}

/// The public record of each record the changes API lists of `kind`, by id.
async fn changed_records(app: &TestApp, kind: &str) -> Vec<(String, Value)> {
    let got = get(app, "/councils/maidstone/changes?since=0").await;
    let mut records: Vec<(String, Value)> = got.json()["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|change| change["kind"] == kind)
        .map(|change| {
            (
                change["id"].as_str().unwrap().to_owned(),
                change["record"].clone(),
            )
        })
        .collect();
    records.sort_by(|a, b| a.0.cmp(&b.0));
    records
}

/// The records of a JSON list under `key`, by id.
fn listed(list: &Value, key: &str) -> Vec<(String, Value)> {
    let mut records: Vec<(String, Value)> = list[key]
        .as_array()
        .unwrap_or_else(|| panic!("no {key}: {list}"))
        .iter()
        .map(|record| (record["id"].as_str().unwrap().to_owned(), record.clone()))
        .collect();
    records.sort_by(|a, b| a.0.cmp(&b.0));
    records
}

async fn the_home_page_lists_the_councils_as_json(backend: Backend) {
    let Some(app) = spawn(backend, "accept_home").await else {
        return;
    };
    let (list, _) = json_of(&app, "/").await;
    let councils = list["councils"].as_array().unwrap();
    let maidstone = councils
        .iter()
        .find(|council| council["slug"] == "maidstone")
        .unwrap_or_else(|| panic!("no maidstone: {list}"));
    assert_eq!(maidstone["name"], "Maidstone Borough Council");
    let register = maidstone["register"].as_str().unwrap();
    assert_eq!(register, app.url("/councils/maidstone"));
    assert_eq!(maidstone["feed"], format!("{register}/feed.atom"));
    assert_eq!(maidstone["changes"], format!("{register}/changes"));
    assert_eq!(maidstone["graphql"], format!("{register}/graphql"));
    // The addresses it gives are the site's own: following one answers.
    let feed = get(&app, "/councils/maidstone/feed.atom").await;
    assert_eq!(feed.status, StatusCode::OK);
}

async fn meetings_and_strategies_answer_as_json(backend: Backend) {
    let Some(app) = spawn(backend, "accept_lists").await else {
        return;
    };
    // The meetings: the page's records, each as the changes API gives it, and no next page.
    let (meetings, etag) = json_of(&app, "/councils/maidstone/meetings").await;
    let expected = changed_records(&app, "meeting").await;
    assert!(!expected.is_empty());
    assert_eq!(listed(&meetings, "meetings"), expected);
    assert_eq!(meetings["total_count"], expected.len());
    assert_eq!(meetings["next"], Value::Null);
    let again = get_with(
        &app,
        "/councils/maidstone/meetings",
        &[("accept", "application/json"), ("if-none-match", &etag)],
    )
    .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert_eq!(again.header(VARY), "accept");

    // One meeting: its record.
    let (id, record) = &expected[0];
    let (meeting, _) = json_of(&app, &format!("/councils/maidstone/meetings/{id}")).await;
    assert_eq!(&meeting, record);

    // The strategy documents: every one, each as the changes API gives it.
    let (strategies, _) = json_of(&app, "/councils/maidstone/strategies").await;
    let expected = changed_records(&app, "strategy_document").await;
    assert!(!expected.is_empty());
    assert_eq!(listed(&strategies, "strategies"), expected);
    assert_eq!(strategies["total_count"], expected.len());
    // One document: its record.
    let (id, record) = &expected[0];
    let (document, _) = json_of(&app, &format!("/councils/maidstone/strategies/{id}")).await;
    assert_eq!(&document, record);
    let answer = get_with(
        &app,
        "/councils/maidstone/strategies",
        &[("accept", "application/json")],
    )
    .await;
    assert!(!answer.header(LAST_MODIFIED).is_empty());
}

async fn the_forward_plan_answers_as_json(backend: Backend) {
    let Some(app) = spawn(backend, "accept_plan").await else {
        return;
    };
    let (plan, etag) = json_of(&app, "/councils/maidstone/forward-plan?from=2000-01-01").await;
    assert_eq!(plan["from"], "2000-01-01");
    assert_eq!(plan["next"], Value::Null);
    let entries = listed(&plan, "entries");
    assert!(!entries.is_empty(), "{plan}");
    assert_eq!(plan["total_count"], entries.len());
    // Each entry as the changes API gives it.
    let records = changed_records(&app, "forward_plan_entry").await;
    for (id, entry) in &entries {
        let (_, record) = records
            .iter()
            .find(|(listed, _)| listed == id)
            .unwrap_or_else(|| panic!("{id} is not in the changes"));
        assert_eq!(entry, record);
    }
    let again = get_with(
        &app,
        "/councils/maidstone/forward-plan?from=2000-01-01",
        &[("accept", "application/json"), ("if-none-match", &etag)],
    )
    .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    // From a day after every entry is due: none (undated entries aside), and today by default.
    let later = get_with(
        &app,
        "/councils/maidstone/forward-plan?from=2999-01-01",
        &[("accept", "application/json")],
    )
    .await
    .json();
    assert!(later["entries"].as_array().unwrap().len() < entries.len());
    let today = get_with(
        &app,
        "/councils/maidstone/forward-plan",
        &[("accept", "application/json")],
    )
    .await
    .json();
    assert!(today["from"].as_str().unwrap() > "2026-01-01", "{today}");
    // A day that is not one: a JSON 400 naming it.
    let bad = get_with(
        &app,
        "/councils/maidstone/forward-plan?from=June",
        &[("accept", "application/json")],
    )
    .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{}", bad.text);
    assert_eq!(bad.json()["error"]["field"], "from");
}

async fn what_does_not_exist_is_a_json_404_and_a_bad_page_link_a_json_400(backend: Backend) {
    let Some(app) = spawn(backend, "accept_errors").await else {
        return;
    };
    for path in [
        "/councils/maidstone/meetings/00000000-0000-4000-8000-000000000000",
        "/councils/maidstone/meetings/not-a-uuid",
        "/councils/maidstone/strategies/00000000-0000-4000-8000-000000000000",
        "/councils/maidstone/strategies/not-a-uuid",
        "/councils/nowhere/meetings",
        "/councils/nowhere/strategies",
    ] {
        let got = get_with(&app, path, &[("accept", "application/json")]).await;
        assert_eq!(got.status, StatusCode::NOT_FOUND, "{path}: {}", got.text);
        assert_eq!(got.header(CONTENT_TYPE), JSON, "{path}");
        assert_eq!(got.json()["error"]["code"], "NOT_FOUND", "{path}");
    }
    let got = get_with(
        &app,
        "/councils/maidstone/meetings?after=not-a-cursor",
        &[("accept", "application/json")],
    )
    .await;
    assert_eq!(got.status, StatusCode::BAD_REQUEST, "{}", got.text);
    assert_eq!(got.header(CONTENT_TYPE), JSON);
    let got = get_with(
        &app,
        "/councils/maidstone/meetings?after=a&after=b",
        &[("accept", "application/json")],
    )
    .await;
    assert_eq!(got.status, StatusCode::BAD_REQUEST, "{}", got.text);
    assert_eq!(got.json()["error"]["code"], "BAD_USER_INPUT");
}

both_backends!(
    the_home_page_lists_the_councils_as_json,
    meetings_and_strategies_answer_as_json,
    the_forward_plan_answers_as_json,
    what_does_not_exist_is_a_json_404_and_a_bad_page_link_a_json_400,
);
