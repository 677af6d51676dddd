#![allow(clippy::unwrap_used, missing_docs)]
//! The forward plan and meetings on the web: the demo council's forward plan, meetings list and
//! Cabinet meeting page, read as the public reads them (the anonymous GraphQL answers are the
//! oracle; private minutes only as their notice), the links between a council's pages, and the
//! 404 page for a meeting that does not exist. HTML is parsed, not matched as text.

mod common;

use common::html::{
    assert_links_resolve, assert_page, get, graphql, nav, select, select_in, text_of,
};
use common::{Backend, TestApp, spawn};
use reqwest::StatusCode;
use reqwest::header::IF_NONE_MATCH;
use serde_json::{Value, json};

/// Text with its whitespace collapsed, to compare with an element's.
fn collapsed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

const PLAN_QUERY: &str = "forwardPlan(from: \"2010-06-01\") { totalCount edges { node {
    title decisionMaker { name } keyDecision status statusLabel
    anticipatedRestriction { kind notice { text } } notice { kind reason } } } }";

async fn the_forward_plan_lists_the_public_entries_as_graphql_does(backend: Backend) {
    let Some(app) = spawn(backend, "web_plan").await else {
        return;
    };
    let data = graphql(&app, &format!("{{ {PLAN_QUERY} }}")).await;
    let entries = data["forwardPlan"]["edges"].as_array().unwrap();
    assert!(entries.len() >= 5, "{data}");
    // The demo has an entry taken partly in private and one under special urgency.
    let has = |path: &str, value: &str| {
        entries
            .iter()
            .any(|e| e["node"].pointer(path).and_then(Value::as_str) == Some(value))
    };
    assert!(has("/anticipatedRestriction/kind", "PART_EXEMPT"), "{data}");
    assert!(has("/notice/kind", "SPECIAL_URGENCY"), "{data}");

    let page = get(&app, "/councils/maidstone/forward-plan?from=2010-06-01").await;
    assert_page(&page);
    assert_eq!(
        text_of(&select(&page.html, "title")[0]),
        "Forward plan – Maidstone Borough Council – Civic Register"
    );
    let headers: Vec<String> = select(&page.html, "thead th[scope=col]")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(
        headers,
        [
            "Matter",
            "Decision maker",
            "Date due",
            "Key decision",
            "Status",
            "In private"
        ]
    );
    let rows = select(&page.html, "table.govuk-table tbody tr");
    assert_eq!(rows.len(), entries.len(), "{}", page.text);
    for (row, entry) in rows.iter().zip(entries) {
        let node = &entry["node"];
        let matter = text_of(&select_in(row, "th[scope=row]")[0]);
        let cells: Vec<String> = select_in(row, "td").iter().map(text_of).collect();
        let title = node["title"].as_str().unwrap();
        assert!(matter.starts_with(title), "{matter} / {title}");
        assert_eq!(cells[0], node["decisionMaker"]["name"].as_str().unwrap());
        let key = if node["keyDecision"].as_bool().unwrap() {
            "Yes"
        } else {
            "No"
        };
        assert_eq!(cells[2], key, "{title}");
        if let Some(label) = node["statusLabel"].as_str() {
            assert_eq!(cells[3], label);
        }
        // An exception to the usual notice says so, with its reason.
        if let Some(reason) = node["notice"]["reason"].as_str() {
            assert!(matter.contains(&collapsed(reason)), "{matter}");
        }
        // The basis for taking it in private, as the public is told it.
        let restriction = &node["anticipatedRestriction"];
        match restriction["kind"].as_str().unwrap() {
            "OPEN" => assert_eq!(cells[4], "No"),
            _ => {
                assert_ne!(cells[4], "No", "{title}");
                if let Some(text) = restriction["notice"]["text"].as_str() {
                    assert!(cells[4].contains(&collapsed(text)), "{}", cells[4]);
                }
            }
        }
    }
    // The demo's dates due read as the plan states them.
    let due: Vec<String> = rows
        .iter()
        .map(|row| text_of(&select_in(row, "td")[1]))
        .collect();
    assert!(due.contains(&"August 2010".to_owned()), "{due:?}");
    assert!(due.contains(&"Not yet known".to_owned()), "{due:?}");
    assert!(due.iter().any(|d| d.starts_with("Not before ")), "{due:?}");
    // Upcoming by default: from today, as `forwardPlan` without `from`.
    let today = graphql(&app, "{ forwardPlan { totalCount } }").await;
    let default = get(&app, "/councils/maidstone/forward-plan").await;
    assert_page(&default);
    assert_eq!(
        select(&default.html, "table.govuk-table tbody tr").len() as u64,
        today["forwardPlan"]["totalCount"].as_u64().unwrap().min(20)
    );
    let status = text_of(&select(&default.html, "p[role=status]")[0]);
    assert!(
        status.starts_with(&format!("{} ", today["forwardPlan"]["totalCount"])),
        "{status}"
    );
    assert_links_resolve(&app, &page).await;
}

async fn a_bad_forward_plan_day_is_a_400_page(backend: Backend) {
    let Some(app) = spawn(backend, "web_plan_bad").await else {
        return;
    };
    let page = get(&app, "/councils/maidstone/forward-plan?from=June").await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert_eq!(page.content_type, "text/html; charset=utf-8");
    assert!(page.text.contains("2026-06-30"), "{}", page.text);
    let missing = get(&app, "/councils/nowhere/forward-plan").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

async fn the_meetings_list_and_the_cabinet_page_withhold_the_private_minutes(backend: Backend) {
    let Some(app) = spawn(backend, "web_meetings").await else {
        return;
    };
    let data = graphql(
        &app,
        "{ meetings { totalCount edges { node { uuid items { number title minutes withheld { text } } } } } }",
    )
    .await;
    let meetings = data["meetings"]["edges"].as_array().unwrap();
    let list = get(&app, "/councils/maidstone/meetings").await;
    assert_page(&list);
    let rows = select(&list.html, "table.govuk-table tbody tr");
    assert_eq!(rows.len(), meetings.len(), "{}", list.text);
    let cells: Vec<String> = select_in(&rows[0], "th, td").iter().map(text_of).collect();
    assert_eq!(
        cells,
        [
            "Cabinet, 9 June 2010",
            "18:30",
            "Town Hall, High Street, Maidstone",
            "Held"
        ]
    );
    let cabinet = &meetings[0]["node"];
    let href = format!(
        "/councils/maidstone/meetings/{}",
        cabinet["uuid"].as_str().unwrap()
    );
    let link = select_in(&rows[0], "th a")[0].value().attr("href").unwrap();
    assert_eq!(link, href);

    let page = get(&app, &href).await;
    assert_page(&page);
    assert_eq!(
        text_of(&select(&page.html, "h1")[0]),
        "Maidstone Borough Council Cabinet, 9 June 2010"
    );
    // The agenda items in order, each with its minutes or, withheld, only the notice.
    let items: Vec<String> = select(&page.html, "main h3").iter().map(text_of).collect();
    let expected: Vec<String> = cabinet["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            format!(
                "{} {}",
                i["number"].as_str().unwrap(),
                i["title"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(items, expected);
    let main = text_of(&select(&page.html, "main")[0]);
    for item in cabinet["items"].as_array().unwrap() {
        if let Some(minutes) = item["minutes"].as_str() {
            assert!(main.contains(&collapsed(minutes)), "{main}");
        }
        if let Some(notice) = item["withheld"]["text"].as_str() {
            let insets: Vec<String> = select(&page.html, ".govuk-inset-text")
                .iter()
                .map(text_of)
                .collect();
            assert!(
                insets.contains(&format!("Minutes withheld. {}", collapsed(notice))),
                "{insets:?}"
            );
        }
    }
    assert!(main.contains("Taken in private"));
    let private = civic_domain::meeting::example::PRIVATE_MINUTES;
    assert!(!page.text.contains(private), "the exempt minutes are shown");
    assert!(!main.contains(&collapsed(private)));
    // An unchanged page is answered 304 by its tag.
    let etag = page.etag().unwrap();
    let again = app
        .client
        .get(app.url(&href))
        .header(IF_NONE_MATCH, &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    assert_links_resolve(&app, &list).await;
    assert_links_resolve(&app, &page).await;
}

async fn an_unknown_meeting_is_a_404_page(backend: Backend) {
    let Some(app) = spawn(backend, "web_meeting_404").await else {
        return;
    };
    for path in [
        "/councils/maidstone/meetings/00000000-0000-0000-0000-000000000000",
        "/councils/maidstone/meetings/not-a-meeting",
        "/councils/nowhere/meetings",
    ] {
        let page = get(&app, path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(page.content_type, "text/html; charset=utf-8");
        assert_eq!(text_of(&select(&page.html, "h1")[0]), "Page not found");
    }
}

async fn every_council_page_links_every_section_of_the_navigation(backend: Backend) {
    let Some(app) = spawn(backend, "web_nav").await else {
        return;
    };
    let sections = [
        "/councils/maidstone",
        "/councils/maidstone/forward-plan",
        "/councils/maidstone/meetings",
        "/councils/maidstone/strategies",
    ];
    for path in sections {
        let page = get(&app, path).await;
        assert_page(&page);
        let (links, current) = nav(&page);
        assert_eq!(links, sections, "{path}");
        assert_eq!(current, [path]);
        assert_links_resolve(&app, &page).await;
    }
}

async fn a_decision_naming_the_meeting_is_linked_under_its_item_and_a_draft_is_not(
    backend: Backend,
) {
    let Some(app) = spawn(backend, "web_meeting_links").await else {
        return;
    };
    let data = graphql(
        &app,
        "{ meetings { edges { node { uuid date body { bodyId } items { uuid number } } } } }",
    )
    .await;
    let cabinet = &data["meetings"]["edges"][0]["node"];
    let meeting = cabinet["uuid"].as_str().unwrap();
    let body = cabinet["body"]["bodyId"].as_str().unwrap();
    let item = cabinet["items"][0]["uuid"].as_str().unwrap();
    let record = |title: &str| {
        let mut input = common::details(body, title);
        input["dateOfDecision"] = cabinet["date"].clone();
        input["meetingId"] = json!(meeting);
        input["agendaItemId"] = json!(item);
        input
    };
    let mut ids = Vec::new();
    for title in [
        "Published: the strategy's action plan",
        "Draft: the strategy's budget",
    ] {
        let answer = app
            .post(
                &TestApp::council("maidstone"),
                Some(&app.clerk("maidstone")),
                "mutation($key: UUID!, $input: DecisionDetailsInput!) {
                   recordDecision(idempotencyKey: $key, input: $input) { decision { uuid } } }",
                json!({"key": uuid::Uuid::now_v7(), "input": record(title)}),
            )
            .await;
        let id = answer.body["data"]["recordDecision"]["decision"]["uuid"]
            .as_str()
            .unwrap_or_else(|| panic!("{}", answer.text))
            .parse::<uuid::Uuid>()
            .unwrap();
        ids.push(id);
    }
    common::publish(&app, "maidstone", ids[0]).await;
    let href = format!("/councils/maidstone/meetings/{meeting}");
    let page = get(&app, &href).await;
    assert_page(&page);
    // Linked under the item it names, the first.
    let items = select(&page.html, "main > div");
    assert!(text_of(&select_in(&items[0], "h3")[0]).starts_with("12."));
    let links: Vec<(String, String)> = select_in(&items[0], "ul.govuk-list a")
        .iter()
        .map(|a| (text_of(a), a.value().attr("href").unwrap().to_owned()))
        .collect();
    assert_eq!(
        links,
        [(
            "Published: the strategy's action plan".to_owned(),
            format!("/councils/maidstone/decisions/{}", ids[0])
        )],
        "{}",
        page.text
    );
    assert!(!page.text.contains("budget"), "a draft is linked");
    assert_links_resolve(&app, &page).await;
}

both_backends!(
    the_forward_plan_lists_the_public_entries_as_graphql_does,
    a_bad_forward_plan_day_is_a_400_page,
    the_meetings_list_and_the_cabinet_page_withhold_the_private_minutes,
    an_unknown_meeting_is_a_404_page,
    a_decision_naming_the_meeting_is_linked_under_its_item_and_a_draft_is_not,
    every_council_page_links_every_section_of_the_navigation,
);
