#![allow(clippy::unwrap_used, missing_docs)]
//! The meetings page's filters (a body, the first and last day): each narrows the list to what
//! it names, the JSON answer and every link of the page keep them, the form shows them, and a
//! bad value is a 400 page saying what is wrong. Over a council of three meetings of two bodies
//! on three days. HTML is parsed, not matched as text.

mod common;

use common::demo::fetch_with;
use common::html::{Page, assert_page, get, select, text_of};
use common::{Backend, TestApp, spawn_with};
use reqwest::StatusCode;
use serde_json::json;
use uuid::Uuid;

const MEETINGS: &str = "/councils/kent/meetings";

/// The council and its two bodies' ids.
struct Kent {
    app: TestApp,
    cabinet: String,
    planning: String,
}

/// Kent with a Cabinet meeting on 6 March and 15 May 2024 and a Planning Committee meeting on
/// 10 April 2024; pages of `page_size` meetings.
async fn kent(backend: Backend, test: &str, page_size: u32) -> Option<Kent> {
    let app = spawn_with(backend, test, |settings| {
        settings.limits.max_page_size = page_size;
    })
    .await?;
    app.register_council("kent", "Kent County Council").await;
    let cabinet = app.add_body("kent", "Cabinet", "CABINET").await;
    let planning = app
        .add_body("kent", "Planning Committee", "COMMITTEE")
        .await;
    for (body, name, date) in [
        (&cabinet, "Cabinet", "2024-03-06"),
        (&planning, "Planning Committee", "2024-04-10"),
        (&cabinet, "Cabinet", "2024-05-15"),
    ] {
        let answer = app
            .post(
                &TestApp::council("kent"),
                Some(&app.clerk("kent")),
                "mutation($key: UUID!, $input: MeetingDetailsInput!) {
                   recordMeeting(idempotencyKey: $key, input: $input) { meeting { uuid } } }",
                json!({"key": Uuid::now_v7(),
                       "input": {"bodyId": body, "bodyName": name, "date": date}}),
            )
            .await;
        assert!(answer.body.get("errors").is_none(), "{}", answer.text);
    }
    Some(Kent {
        app,
        cabinet,
        planning,
    })
}

/// The meetings a page lists, by their headings ("Cabinet, 6 March 2024").
fn listed(page: &Page) -> Vec<String> {
    select(&page.html, "table.govuk-table tbody th a")
        .iter()
        .map(text_of)
        .collect()
}

async fn each_filter_narrows_the_list_and_the_json_keeps_it(backend: Backend) {
    let Some(kent) = kent(backend, "web_meetings_filters", 20).await else {
        return;
    };
    let app = &kent.app;
    let all = get(app, MEETINGS).await;
    assert_page(&all);
    assert_eq!(
        listed(&all),
        [
            "Cabinet, 15 May 2024",
            "Planning Committee, 10 April 2024",
            "Cabinet, 6 March 2024"
        ]
    );
    for (query, expected) in [
        (
            format!("body={}", kent.cabinet),
            vec!["Cabinet, 15 May 2024", "Cabinet, 6 March 2024"],
        ),
        (
            format!("body={}", kent.planning),
            vec!["Planning Committee, 10 April 2024"],
        ),
        (
            "from=2024-04-01".to_owned(),
            vec!["Cabinet, 15 May 2024", "Planning Committee, 10 April 2024"],
        ),
        (
            format!("body={}&to=2024-04-30", kent.cabinet),
            vec!["Cabinet, 6 March 2024"],
        ),
        // What a form sends untouched: no condition.
        (
            "body=&from=&to=".to_owned(),
            listed(&all).iter().map(String::as_str).collect(),
        ),
    ] {
        let page = get(app, &format!("{MEETINGS}?{query}")).await;
        assert_eq!(page.status, StatusCode::OK, "{query}: {}", page.text);
        assert_eq!(listed(&page), expected, "{query}");
        let count = text_of(&select(&page.html, "p[role=status]")[0]);
        assert!(
            count.starts_with(&format!("{} ", expected.len())),
            "{count}"
        );
        let json = fetch_with(
            app,
            &format!("{MEETINGS}?{query}"),
            &[("accept", "application/json")],
        )
        .await
        .json();
        assert_eq!(json["total_count"], expected.len(), "{query}: {json}");
    }
    // The form shows what was chosen, and a way to clear it.
    let chosen = get(
        app,
        &format!("{MEETINGS}?body={}&from=2024-04-01", kent.cabinet),
    )
    .await;
    let selected = select(&chosen.html, "#body option[selected]");
    assert_eq!(text_of(&selected[0]), "Cabinet");
    let from = select(&chosen.html, "input#from");
    assert_eq!(from[0].value().attr("value"), Some("2024-04-01"));
    let count = text_of(&select(&chosen.html, "p[role=status]")[0]);
    assert_eq!(count, "1 meeting matches your filters.");
    let clear = select(&chosen.html, "#meeting-filters .govuk-button-group a");
    assert_eq!(clear[0].value().attr("href"), Some(MEETINGS));
}

async fn the_next_page_keeps_the_filters(backend: Backend) {
    let Some(kent) = kent(backend, "web_meetings_pages", 1).await else {
        return;
    };
    let app = &kent.app;
    let first = get(app, &format!("{MEETINGS}?body={}", kent.cabinet)).await;
    assert_eq!(listed(&first), ["Cabinet, 15 May 2024"]);
    let next = select(&first.html, ".govuk-pagination a[rel=next]")[0]
        .value()
        .attr("href")
        .unwrap()
        .to_owned();
    assert!(next.contains(&format!("body={}", kent.cabinet)), "{next}");
    let second = get(app, &next).await;
    assert_eq!(listed(&second), ["Cabinet, 6 March 2024"]);
    assert!(select(&second.html, ".govuk-pagination a[rel=next]").is_empty());
    // The JSON's next page keeps them too.
    let json = fetch_with(
        app,
        &format!("{MEETINGS}?body={}", kent.cabinet),
        &[("accept", "application/json")],
    )
    .await
    .json();
    let next = json["next"].as_str().unwrap();
    assert!(next.contains(&format!("body={}", kent.cabinet)), "{next}");
}

async fn a_bad_filter_is_a_400_page_saying_what_is_wrong(backend: Backend) {
    let Some(kent) = kent(backend, "web_meetings_bad", 20).await else {
        return;
    };
    let app = &kent.app;
    let unknown = Uuid::now_v7();
    for (query, says) in [
        ("body=cabinet".to_owned(), "lists no such body"),
        (format!("body={unknown}"), "lists no such body"),
        ("from=2024-02-30".to_owned(), "The day “from” is not a date"),
        ("to=May".to_owned(), "The day “to” is not a date"),
        (
            "from=2024-05-01&to=2024-04-01".to_owned(),
            "must be the same as or before the last",
        ),
    ] {
        let page = get(app, &format!("{MEETINGS}?{query}")).await;
        assert_eq!(
            page.status,
            StatusCode::BAD_REQUEST,
            "{query}: {}",
            page.text
        );
        let main = text_of(&select(&page.html, "main")[0]);
        assert!(main.contains(says), "{query}: {main}");
        let json = fetch_with(
            app,
            &format!("{MEETINGS}?{query}"),
            &[("accept", "application/json")],
        )
        .await;
        assert_eq!(json.status, StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(json.json()["error"]["code"], "BAD_USER_INPUT");
    }
}

both_backends!(
    each_filter_narrows_the_list_and_the_json_keeps_it,
    the_next_page_keeps_the_filters,
    a_bad_filter_is_a_400_page_saying_what_is_wrong,
);
