#![allow(clippy::unwrap_used, missing_docs)]
//! The record pages' schema.org JSON-LD and each record's public history page, read as the
//! public reads them: the JSON-LD parsed out of the page's head and its fields checked, a
//! withheld value in neither, a value that tries to close the script element kept inside it;
//! the history as anonymous GraphQL's `history` answers it, with nothing of a decision's drafts.

mod common;

use common::html::{
    Page, assert_links_resolve, assert_page, get, graphql, linked_data, scripts, select, select_in,
    text_of,
};
use common::{Backend, TestApp, spawn};
use reqwest::StatusCode;
use reqwest::header::{CONTENT_SECURITY_POLICY, IF_NONE_MATCH};
use serde_json::{Value, json};

const EXAMPLE: &str = "Information Strategy 2010 - 13";
const COUNCIL: &str = "Maidstone Borough Council";

/// The demo council's first body.
async fn body(app: &TestApp) -> String {
    let data = graphql(app, "{ council { bodies { bodyId } } }").await;
    data["council"]["bodies"][0]["bodyId"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Records `input` as a draft as the clerk; its id.
async fn record(app: &TestApp, input: Value) -> uuid::Uuid {
    let answer = app
        .post(
            &TestApp::council("maidstone"),
            Some(&app.clerk("maidstone")),
            "mutation($key: UUID!, $input: DecisionDetailsInput!) {
               recordDecision(idempotencyKey: $key, input: $input) { decision { uuid } } }",
            json!({"key": uuid::Uuid::now_v7(), "input": input}),
        )
        .await;
    answer.body["data"]["recordDecision"]["decision"]["uuid"]
        .as_str()
        .unwrap_or_else(|| panic!("{}", answer.text))
        .parse()
        .unwrap()
}

/// `fields` withheld as exempt under paragraph 3.
fn withholding(input: &mut Value, fields: &[&str]) {
    let restriction = json!({"category": "EXEMPT", "paragraphs": [3],
        "reason": "The information relates to the bidders."});
    input["fieldRestrictions"] = fields
        .iter()
        .map(|field| json!({"field": field, "restriction": restriction}))
        .collect();
}

/// The one JSON-LD object of a page.
fn the_linked_data(page: &Page) -> Value {
    let all = linked_data(page);
    assert_eq!(all.len(), 1, "{}", page.text);
    all.into_iter().next().unwrap()
}

async fn the_decision_page_describes_the_decision_in_json_ld(backend: Backend) {
    let Some(app) = spawn(backend, "web_ld_decision").await else {
        return;
    };
    let data = graphql(&app, "{ decisions { edges { node { uuid title } } } }").await;
    let uuid = data["decisions"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["node"]["title"] == EXAMPLE)
        .map(|e| e["node"]["uuid"].as_str().unwrap().to_owned())
        .unwrap();
    let path = format!("/councils/maidstone/decisions/{uuid}");
    let page = get(&app, &path).await;
    assert_page(&page);
    let ld = the_linked_data(&page);
    let organisation = json!({"@type": "GovernmentOrganization", "name": COUNCIL});
    assert_eq!(
        ld,
        json!({
            "@context": "https://schema.org",
            "@type": "CreativeWork",
            "@id": path,
            "url": path,
            "identifier": uuid,
            "inLanguage": "en-GB",
            "name": EXAMPLE,
            "description": civic_domain::example::PURPOSE,
            "dateCreated": "2010-06-09",
            "datePublished": "2010-06-11",
            "creativeWorkStatus": "In effect",
            "author": organisation,
            "publisher": organisation,
        })
    );
    // Data, not script: the policy allowing no script at all stands as it was.
    let policy = page.headers[CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(policy.starts_with("default-src 'none'"), "{policy}");
    assert!(!policy.contains("script-src"), "{policy}");
}

async fn withheld_values_are_left_out_and_nothing_closes_the_script(backend: Backend) {
    let Some(app) = spawn(backend, "web_ld_withheld").await else {
        return;
    };
    let body = body(&app).await;
    let title = "Sale of the market hall </script><script>alert(1)</script> & <!-- more";
    let mut input = common::details(&body, title);
    input["purpose"] = json!("Secret purpose: the bidders' prices");
    input["dateOfDecision"] = json!("2024-03-05");
    withholding(&mut input, &["PURPOSE", "DATE_OF_DECISION"]);
    let id = record(&app, input).await;
    common::publish(&app, "maidstone", id).await;
    let page = get(&app, &format!("/councils/maidstone/decisions/{id}")).await;
    assert_page(&page);
    // One script element, the JSON-LD, whole: the title did not end it.
    assert_eq!(select(&page.html, "script").len(), 1, "{}", page.text);
    assert!(scripts(&page).is_empty());
    let ld = the_linked_data(&page);
    assert_eq!(ld["name"], title);
    assert!(ld.get("description").is_none(), "{ld}");
    assert!(ld.get("dateCreated").is_none(), "{ld}");
    assert_eq!(ld["datePublished"], "2024-03-08");
    for secret in [
        "Secret purpose",
        "bidders' prices",
        "2024-03-05",
        "5 March 2024",
    ] {
        assert!(!page.text.contains(secret), "the page holds {secret:?}");
    }
    // Not the notice in place of a value either.
    assert!(!ld.to_string().contains("Withheld"), "{ld}");
}

async fn the_meeting_page_describes_the_meeting_as_an_event(backend: Backend) {
    let Some(app) = spawn(backend, "web_ld_meeting").await else {
        return;
    };
    let data = graphql(&app, "{ meetings { edges { node { uuid } } } }").await;
    let cabinet = data["meetings"]["edges"][0]["node"]["uuid"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/councils/maidstone/meetings/{cabinet}");
    let page = get(&app, &path).await;
    assert_page(&page);
    let ld = the_linked_data(&page);
    let organisation = json!({"@type": "GovernmentOrganization", "name": COUNCIL});
    assert_eq!(ld["@type"], "Event");
    assert_eq!(ld["url"], path.as_str());
    assert_eq!(ld["identifier"], cabinet.as_str());
    assert_eq!(ld["name"], "Cabinet, 9 June 2010");
    assert_eq!(ld["startDate"], "2010-06-09T18:30:00+01:00");
    assert_eq!(
        ld["location"],
        json!({"@type": "Place", "name": "Town Hall, High Street, Maidstone"})
    );
    assert_eq!(ld["eventStatus"], "https://schema.org/EventScheduled");
    assert_eq!(ld["organizer"], organisation);
    let private = civic_domain::meeting::example::PRIVATE_MINUTES;
    assert!(!ld.to_string().contains(private));

    // A meeting with no time, then cancelled: a day, and cancelled.
    let key = uuid::Uuid::now_v7();
    let recorded = app
        .post(
            &TestApp::council("maidstone"),
            Some(&app.clerk("maidstone")),
            "mutation($key: UUID!, $input: MeetingDetailsInput!) {
               recordMeeting(idempotencyKey: $key, input: $input) { meeting { uuid } } }",
            json!({"key": key, "input": {"bodyId": body(&app).await, "bodyName": "Cabinet",
                   "date": "2030-01-15"}}),
        )
        .await;
    let added = recorded.body["data"]["recordMeeting"]["meeting"]["uuid"]
        .as_str()
        .unwrap_or_else(|| panic!("{}", recorded.text))
        .to_owned();
    let cancelled = app
        .post(
            &TestApp::council("maidstone"),
            Some(&app.clerk("maidstone")),
            "mutation($key: UUID!, $meeting: UUID!) {
               cancelMeeting(idempotencyKey: $key, meetingId: $meeting) { version } }",
            json!({"key": uuid::Uuid::now_v7(), "meeting": added}),
        )
        .await;
    assert!(cancelled.body["errors"].is_null(), "{}", cancelled.text);
    let page = get(&app, &format!("/councils/maidstone/meetings/{added}")).await;
    let ld = the_linked_data(&page);
    assert_eq!(ld["startDate"], "2030-01-15");
    assert!(ld.get("location").is_none() && ld.get("endDate").is_none());
    assert_eq!(ld["eventStatus"], "https://schema.org/EventCancelled");
}

/// The entries of a history page: (what happened, the rows of its table as (field, before,
/// after)).
type Entries = Vec<(String, Vec<(String, String, String)>)>;

fn entries(page: &Page) -> Entries {
    select(&page.html, "main ol > li")
        .iter()
        .map(|entry| {
            let heading = text_of(&select_in(entry, "h2")[0]);
            let rows = select_in(entry, "tbody tr")
                .iter()
                .map(|row| {
                    let cells: Vec<String> = select_in(row, "th, td").iter().map(text_of).collect();
                    (cells[0].clone(), cells[1].clone(), cells[2].clone())
                })
                .collect();
            (heading, rows)
        })
        .collect()
}

async fn a_decisions_history_shows_its_public_changes_and_nothing_of_its_drafts(backend: Backend) {
    let Some(app) = spawn(backend, "web_history").await else {
        return;
    };
    let body = body(&app).await;
    let mut input = common::details(&body, "Draft title of the depot sale");
    input["purpose"] = json!("Secret purpose: the bidders' prices");
    withholding(&mut input, &["PURPOSE"]);
    let id = record(&app, input).await;
    let history = format!("/councils/maidstone/decisions/{id}/history");
    // A draft has no public history: the 404 page, as for its own page.
    let draft = get(&app, &history).await;
    assert_eq!(draft.status, StatusCode::NOT_FOUND);
    assert!(!draft.text.contains("Draft title"));
    // Corrected while a draft, then published, then corrected again.
    common::correct_title(&app, "maidstone", &id.to_string(), "Sale of the depot").await;
    common::publish(&app, "maidstone", id).await;
    common::correct_title(
        &app,
        "maidstone",
        &id.to_string(),
        "Sale of the former depot",
    )
    .await;

    let page = get(&app, &history).await;
    assert_page(&page);
    assert_eq!(
        text_of(&select(&page.html, "h1")[0]),
        format!("{COUNCIL} History of Sale of the former depot")
    );
    let shown = entries(&page);
    assert_eq!(shown.len(), 2, "{}", page.text);
    // Published: the first public version, the whole record, so no table.
    assert_eq!(shown[0], ("Decision published".to_owned(), vec![]));
    let (heading, rows) = &shown[1];
    assert_eq!(heading, "Record corrected");
    assert!(
        rows.contains(&(
            "Title".to_owned(),
            "Sale of the depot".to_owned(),
            "Sale of the former depot".to_owned()
        )),
        "{rows:?}"
    );
    // What anonymous GraphQL's history answers: the same events, the same fields changed.
    let data = app
        .post(
            &TestApp::council("maidstone"),
            None,
            "query($id: UUID!) { decision(id: $id) { history { eventType actor
               changes { field } } } }",
            json!({"id": id}),
        )
        .await;
    let graphql = data.body["data"]["decision"]["history"].as_array().unwrap();
    assert_eq!(graphql.len(), shown.len(), "{}", data.text);
    assert_eq!(graphql[0]["eventType"], "DecisionPublished");
    assert!(graphql.iter().all(|e| e["actor"].is_null()));
    let fields: Vec<String> = graphql[1]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let words = c["field"].as_str().unwrap().replace('_', " ");
            let mut chars = words.chars();
            let first = chars.next().unwrap().to_uppercase();
            format!("{first}{}", chars.as_str())
        })
        .collect();
    let named: Vec<String> = rows.iter().map(|(field, _, _)| field.clone()).collect();
    assert_eq!(named, fields);
    // Nothing of the draft, nothing withheld, no one named.
    for hidden in [
        "Draft title",
        "Secret purpose",
        "bidders' prices",
        "clerk:test",
    ] {
        assert!(!page.text.contains(hidden), "the history shows {hidden:?}");
    }
    // The decision's page links its history; every link of the history resolves.
    let decision = get(&app, &format!("/councils/maidstone/decisions/{id}")).await;
    let links = select(&decision.html, &format!("main a[href=\"{history}\"]"));
    assert_eq!(links.len(), 1, "{}", decision.text);
    assert_links_resolve(&app, &page).await;
    // An unchanged history is answered 304 by its tag.
    let etag = page.etag().unwrap();
    let again = app
        .client
        .get(app.url(&history))
        .header(IF_NONE_MATCH, &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    for missing in [
        "/councils/maidstone/decisions/not-a-uuid/history".to_owned(),
        format!(
            "/councils/maidstone/decisions/{}/history",
            uuid::Uuid::now_v7()
        ),
        format!("/councils/nowhere/decisions/{id}/history"),
    ] {
        assert_eq!(
            get(&app, &missing).await.status,
            StatusCode::NOT_FOUND,
            "{missing}"
        );
    }
}

async fn a_meetings_and_a_strategys_history_are_public_and_withhold_the_minutes(backend: Backend) {
    let Some(app) = spawn(backend, "web_history_kinds").await else {
        return;
    };
    let data = graphql(
        &app,
        "{ meetings { edges { node { uuid history { eventType } } } }
           strategyDocuments { uuid title history { eventType } } }",
    )
    .await;
    let cabinet = &data["meetings"]["edges"][0]["node"];
    let meeting = format!(
        "/councils/maidstone/meetings/{}",
        cabinet["uuid"].as_str().unwrap()
    );
    let page = get(&app, &format!("{meeting}/history")).await;
    assert_page(&page);
    assert_eq!(
        entries(&page).len(),
        cabinet["history"].as_array().unwrap().len(),
        "{}",
        page.text
    );
    let private = civic_domain::meeting::example::PRIVATE_MINUTES;
    assert!(!page.text.contains(private), "the exempt minutes are shown");
    let linked = get(&app, &meeting).await;
    let history = format!("{meeting}/history");
    assert_eq!(
        select(&linked.html, &format!("main a[href=\"{history}\"]")).len(),
        1
    );
    assert_links_resolve(&app, &page).await;

    for document in data["strategyDocuments"].as_array().unwrap() {
        let path = format!(
            "/councils/maidstone/strategies/{}/history",
            document["uuid"].as_str().unwrap()
        );
        let page = get(&app, &path).await;
        assert_page(&page);
        assert_eq!(
            entries(&page).len(),
            document["history"].as_array().unwrap().len(),
            "{path}: {}",
            page.text
        );
        assert_links_resolve(&app, &page).await;
    }
}

both_backends!(
    the_decision_page_describes_the_decision_in_json_ld,
    withheld_values_are_left_out_and_nothing_closes_the_script,
    the_meeting_page_describes_the_meeting_as_an_event,
    a_decisions_history_shows_its_public_changes_and_nothing_of_its_drafts,
    a_meetings_and_a_strategys_history_are_public_and_withhold_the_minutes,
);
