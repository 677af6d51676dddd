#![allow(clippy::unwrap_used, missing_docs)]
//! A forward-plan entry's own page, its public history, its JSON and its JSON-LD, read as the
//! public reads them (anonymous GraphQL's `forwardPlanEntry` is the oracle): every public field
//! of an entry a clerk entered, rescheduled, put on hold and linked to its decision; an entry
//! expected to be decided in private shows the basis only as its notice, and a link to a draft
//! decision never; an unknown entry is the 404 page, an address that holds no id the 400 page.
//! HTML is parsed, not matched as text.

mod common;

use std::collections::HashMap;

use common::html::{
    Page, assert_links_resolve, assert_page, get, linked_data, select, select_in, text_of,
};
use common::{Backend, TestApp, spawn};
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, IF_NONE_MATCH, VARY};
use serde_json::{Value, json};
use uuid::Uuid;

const TITLE: &str = "Review of Parking Charges";
const PRIVATE: &str = "Sale of the Market Hall";
const REASON: &str = "The information relates to the financial affairs of the bidders.";

/// A clerk's mutation on the demo council; its `data`.
async fn clerk(app: &TestApp, query: &str, variables: Value) -> Value {
    let answer = app
        .post(
            &TestApp::council("maidstone"),
            Some(&app.clerk("maidstone")),
            query,
            variables,
        )
        .await;
    assert!(answer.body["errors"].is_null(), "{}", answer.text);
    answer.body["data"].clone()
}

/// The demo's Cabinet and its forward plan document.
async fn cabinet_and_plan(app: &TestApp) -> (String, String) {
    let data = common::html::graphql(
        app,
        "{ council { bodies { bodyId name } forwardPlans { planId } } }",
    )
    .await;
    let council = &data["council"];
    let cabinet = council["bodies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["name"] == "Cabinet")
        .unwrap()["bodyId"]
        .as_str()
        .unwrap()
        .to_owned();
    let plan = council["forwardPlans"][0]["planId"]
        .as_str()
        .unwrap()
        .to_owned();
    (cabinet, plan)
}

async fn enter(app: &TestApp, input: Value) -> Uuid {
    let key = Uuid::now_v7();
    clerk(
        app,
        "mutation($key: UUID!, $input: EnterForwardPlanEntryInput!) { \
         enterForwardPlanEntry(idempotencyKey: $key, input: $input) { entry { uuid } } }",
        json!({"key": key, "input": input}),
    )
    .await;
    key
}

async fn on_entry(app: &TestApp, field: &str, input_type: &str, entry: Uuid, input: Value) {
    clerk(
        app,
        &format!(
            "mutation($key: UUID!, $entry: UUID!, $input: {input_type}!) {{ \
             {field}(idempotencyKey: $key, entryId: $entry, input: $input) {{ entry {{ uuid }} }} }}"
        ),
        json!({"key": Uuid::now_v7(), "entry": entry, "input": input}),
    )
    .await;
}

/// An entry with every field a plan can state: due on a day, then moved to a month, put on hold,
/// and linked to its published decision. Returns the entry and the decision.
async fn full_entry(app: &TestApp) -> (Uuid, Uuid) {
    let (cabinet, plan) = cabinet_and_plan(app).await;
    let entry = enter(
        app,
        json!({
            "details": {
                "title": TITLE,
                "description": "To review the charges for the Council's car parks.\nTo set charges from April 2031.",
                "decisionMaker": cabinet, "keyDecision": true,
                "reasonKey": ["Expenditure over £250,000"],
                "wards": {"kind": "ALL"},
                "consultees": "Town centre businesses; the Parking Board.",
                "representations": {"how": "In writing to the lead officer.", "by": "2026-06-01"},
                "reference": "FP/2030/007",
                "contacts": [
                    {"role": "Lead officer", "name": "Head of Parking", "email": "parking@maidstone.gov.uk",
                     "phone": "01622 602000"},
                    {"role": "Portfolio holder", "asGiven": "Cabinet Member for Transport"}
                ],
                "sourceUrl": "https://meetings.maidstone.gov.uk/ieIssueDetails.aspx?IId=7"
            },
            "due": {"kind": "DAY", "date": "2026-06-14"},
            "noticeDate": "2026-06-08",
            "notice": {"kind": "GENERAL_EXCEPTION", "reason": "Grant conditions set by the department.",
                       "chairInformed": "Chair of the Overview and Scrutiny Committee"},
            "status": "PLANNED", "statusLabel": "For Determination",
            "planIds": [plan]
        }),
    )
    .await;
    on_entry(
        app,
        "rescheduleForwardPlanEntry",
        "RescheduleForwardPlanEntryInput",
        entry,
        json!({"due": {"kind": "MONTH", "month": "2030-09"}, "reason": "Awaiting the parking survey."}),
    )
    .await;
    on_entry(
        app,
        "changeForwardPlanEntryStatus",
        "ChangeForwardPlanEntryStatusInput",
        entry,
        json!({"status": "ON_HOLD", "label": "On Hold", "on": "2026-07-20", "reason": "Survey delayed."}),
    )
    .await;
    let decision = common::record_draft(app, "maidstone", &cabinet, "Parking charges 2031").await;
    common::publish(app, "maidstone", decision).await;
    on_entry(
        app,
        "linkForwardPlanDecision",
        "LinkForwardPlanDecisionInput",
        entry,
        json!({"decisionId": decision}),
    )
    .await;
    (entry, decision)
}

/// The summary list's rows: key -> value, the text collapsed.
fn rows(page: &Page) -> HashMap<String, String> {
    select(&page.html, ".govuk-summary-list__row")
        .iter()
        .map(|row| {
            (
                text_of(&select_in(row, "dt")[0]),
                text_of(&select_in(row, "dd")[0]),
            )
        })
        .collect()
}

fn path(entry: Uuid) -> String {
    format!("/councils/maidstone/forward-plan/{entry}")
}

async fn the_entry_page_shows_every_public_field_as_graphql_does(backend: Backend) {
    let Some(app) = spawn(backend, "web_plan_entry_fields").await else {
        return;
    };
    let (entry, decision) = full_entry(&app).await;
    let data = common::html::graphql(
        &app,
        &format!(
            "{{ forwardPlanEntry(id: \"{entry}\") {{ title description decisionMaker {{ name }} \
             keyDecision decisionId plans {{ title }} }} }}"
        ),
    )
    .await;
    let oracle = &data["forwardPlanEntry"];
    assert_eq!(oracle["decisionId"], json!(decision), "{data}");

    let page = get(&app, &path(entry)).await;
    assert_page(&page);
    assert_eq!(
        text_of(&select(&page.html, "title")[0]),
        format!("{TITLE} – Maidstone Borough Council – Civic Register")
    );
    assert_eq!(
        text_of(&select(&page.html, "h1")[0]),
        format!("Maidstone Borough Council {TITLE}")
    );
    let rows = rows(&page);
    let plan_title = oracle["plans"][0]["title"].as_str().unwrap();
    for (key, value) in [
        ("Reference", "FP/2030/007"),
        (
            "What is to be decided",
            "To review the charges for the Council's car parks. To set charges from April 2031.",
        ),
        (
            "Decision maker",
            oracle["decisionMaker"]["name"].as_str().unwrap(),
        ),
        ("Date due", "September 2030"),
        ("Originally due", "14 June 2026"),
        (
            "Changes of date due",
            "From 14 June 2026 to September 2030: Awaiting the parking survey.",
        ),
        ("Key decision", "Yes"),
        ("Reason key", "Expenditure over £250,000"),
        (
            "Notice given",
            "General exception Why: Grant conditions set by the department. \
             Informed: Chair of the Overview and Scrutiny Committee",
        ),
        ("Notice published", "8 June 2026"),
        ("Expected to be decided in private", "No"),
        ("Wards affected", "All wards"),
        ("Consultees", "Town centre businesses; the Parking Board."),
        (
            "How to make representations",
            "In writing to the lead officer. By 1 June 2026",
        ),
        (
            "Contacts",
            "Lead officer: Head of Parking, parking@maidstone.gov.uk, 01622 602000 \
             Portfolio holder: Cabinet Member for Transport",
        ),
        ("Listed on", plan_title),
        // Linking its decision decided it: the plan's own words were for the status before.
        ("Status", "Decided"),
        (
            "Changes of status",
            "On Hold, from 20 July 2026: Survey delayed.",
        ),
        ("Decision made", "View the decision"),
        ("Source", "The council's page for this entry"),
    ] {
        assert_eq!(
            rows.get(key).map(String::as_str),
            Some(value),
            "{key}: {rows:?}"
        );
    }
    // The decision it led to, linked; its history; the whole plan.
    let href = |text: &str| -> Vec<String> {
        select(&page.html, "main a")
            .iter()
            .filter(|a| text_of(a) == text)
            .map(|a| a.value().attr("href").unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        href("View the decision"),
        [format!("/councils/maidstone/decisions/{decision}")]
    );
    assert_eq!(
        href("History of this entry"),
        [format!("{}/history", path(entry))]
    );
    assert_eq!(
        href("The forward plan of Maidstone Borough Council"),
        ["/councils/maidstone/forward-plan"]
    );
    let crumbs: Vec<String> = select(&page.html, ".govuk-breadcrumbs__link")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_owned())
        .collect();
    assert_eq!(
        crumbs,
        [
            "/",
            "/councils/maidstone",
            "/councils/maidstone/forward-plan"
        ]
    );
    assert_links_resolve(&app, &page).await;

    // Its JSON-LD: a PlanAction scheduled for the month, its decision the result.
    let data = linked_data(&page);
    assert_eq!(data.len(), 1);
    let data = &data[0];
    assert_eq!(data["@context"], "https://schema.org");
    assert_eq!(data["@type"], "PlanAction");
    assert_eq!(data["@id"], path(entry));
    assert_eq!(data["name"], TITLE);
    assert_eq!(data["description"], oracle["description"]);
    assert_eq!(data["scheduledTime"], "2030-09");
    assert_eq!(
        data["actionStatus"],
        "https://schema.org/CompletedActionStatus"
    );
    assert_eq!(data["agent"]["name"], "Maidstone Borough Council");
    assert_eq!(data["participant"]["name"], oracle["decisionMaker"]["name"]);
    assert_eq!(
        data["result"]["@id"],
        format!("/councils/maidstone/decisions/{decision}")
    );

    // In Welsh on request: the fixed words, not the plan's own.
    let welsh = get(&app, &format!("{}?lang=cy", path(entry))).await;
    assert_page(&welsh);
    let cy = self::rows(&welsh);
    assert_eq!(
        cy.get("Beth sydd i'w benderfynu").map(String::as_str),
        rows.get("What is to be decided").map(String::as_str)
    );
    assert_eq!(
        cy.get("Statws").map(String::as_str),
        Some("Wedi'i benderfynu")
    );

    // An unchanged page is answered 304 by its tag.
    let etag = page.etag().unwrap();
    let again = app
        .client
        .get(app.url(&path(entry)))
        .header(IF_NONE_MATCH, &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);

    // The feed carries it, as a forward-plan entry linking its page.
    let feed = app
        .client
        .get(app.url("/councils/maidstone/feed.atom"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let feed = feed_rs::parser::parse(feed.as_bytes()).unwrap();
    let item = feed
        .entries
        .iter()
        .find(|e| e.id == format!("urn:uuid:{entry}"))
        .unwrap();
    assert_eq!(item.title.as_ref().unwrap().content, TITLE);
    assert_eq!(item.categories[0].term, "forward-plan-entry");
    assert_eq!(item.links[0].href, app.url(&path(entry)));
    // Updated: its latest stated day, the change of status.
    assert_eq!(
        item.updated.unwrap().to_rfc3339(),
        "2026-07-20T00:00:00+00:00"
    );
}

async fn an_entry_expected_in_private_shows_only_its_notice_and_no_draft(backend: Backend) {
    let Some(app) = spawn(backend, "web_plan_entry_private").await else {
        return;
    };
    let (cabinet, _) = cabinet_and_plan(&app).await;
    let entry = enter(
        &app,
        json!({
            "details": {
                "title": PRIVATE, "decisionMaker": cabinet, "keyDecision": true,
                "description": "To agree the sale of the Market Hall.",
                "anticipatedRestriction": "FULLY_EXEMPT",
                "restriction": {"category": "EXEMPT", "paragraphs": [3], "reason": REASON}
            },
            "due": {"kind": "NOT_BEFORE", "date": "2030-10-01"},
            "notice": {"kind": "STANDARD"}
        }),
    )
    .await;
    // Awaiting decision, the forward plan lists it, its title linking its page.
    let plan = get(&app, "/councils/maidstone/forward-plan?from=2030-01-01").await;
    assert_page(&plan);
    let titles: Vec<(String, String)> = select(&plan.html, "tbody th[scope=row] > a")
        .iter()
        .map(|a| (text_of(a), a.value().attr("href").unwrap().to_owned()))
        .collect();
    assert!(
        titles.contains(&(PRIVATE.to_owned(), path(entry))),
        "{titles:?}"
    );
    let draft =
        common::record_draft(&app, "maidstone", &cabinet, "Draft: the Market Hall sale").await;
    on_entry(
        &app,
        "linkForwardPlanDecision",
        "LinkForwardPlanDecisionInput",
        entry,
        json!({"decisionId": draft}),
    )
    .await;
    let data = common::html::graphql(
        &app,
        &format!(
            "{{ forwardPlanEntry(id: \"{entry}\") {{ anticipatedRestriction {{ kind notice {{ text }} }} \
             decisionId }} }}"
        ),
    )
    .await;
    let oracle = &data["forwardPlanEntry"];
    assert_eq!(oracle["decisionId"], Value::Null, "{data}");
    let notice = oracle["anticipatedRestriction"]["notice"]["text"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(notice.contains(REASON), "{notice}");

    let page = get(&app, &path(entry)).await;
    assert_page(&page);
    let rows = rows(&page);
    assert_eq!(
        rows["Expected to be decided in private"],
        format!(
            "Yes {}",
            notice.split_whitespace().collect::<Vec<_>>().join(" ")
        )
    );
    assert_eq!(rows["Decision made"], "None published yet");
    assert_eq!(rows["Date due"], "Not before 1 October 2030");
    assert_eq!(rows["Notice given"], "Standard notice");
    for hidden in [draft.to_string().as_str(), "Draft: the Market Hall sale"] {
        assert!(!page.text.contains(hidden), "the page shows {hidden:?}");
    }
    // Its JSON-LD: no result, no basis, nothing of the draft; a date "not before" schedules
    // nothing.
    let data = linked_data(&page);
    let ld = data[0].to_string();
    assert_eq!(data[0]["@type"], "PlanAction");
    assert!(data[0].get("result").is_none(), "{ld}");
    assert!(data[0].get("scheduledTime").is_none(), "{ld}");
    assert!(
        !ld.contains(&draft.to_string()) && !ld.contains(REASON),
        "{ld}"
    );

    // As JSON by `Accept`: the public record, the notice and no link to the draft.
    let json = app
        .client
        .get(app.url(&path(entry)))
        .header("accept", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(json.status(), StatusCode::OK);
    assert_eq!(
        json.headers()[CONTENT_TYPE],
        "application/json; charset=utf-8"
    );
    assert!(
        json.headers()
            .get_all(VARY)
            .iter()
            .any(|v| v.to_str().unwrap().contains("accept"))
    );
    let text = json.text().await.unwrap();
    assert!(!text.contains(&draft.to_string()), "{text}");
    let record: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(record["id"], json!(entry));
    assert_eq!(record["title"], PRIVATE);
    assert_eq!(record["decision"], Value::Null);
    assert_eq!(record["anticipated_restriction"]["kind"], "fully_exempt");
    assert_eq!(record["anticipated_restriction"]["notice"]["text"], notice);
    assert!(record.get("tenant").is_none(), "{record}");
    // The same object as the changes API's record of it, which links its page.
    let changes = app
        .client
        .get(app.url("/councils/maidstone/changes?since=0"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let changes: Value = serde_json::from_str(&changes).unwrap();
    let change = changes["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == json!(entry))
        .unwrap_or_else(|| panic!("{changes}"));
    assert_eq!(change["kind"], "forward_plan_entry");
    assert_eq!(change["record"], record);
    assert_eq!(change["url"], app.url(&path(entry)));
}

async fn the_history_lists_the_entrys_public_changes(backend: Backend) {
    let Some(app) = spawn(backend, "web_plan_entry_history").await else {
        return;
    };
    let (entry, decision) = full_entry(&app).await;
    let history = format!("{}/history", path(entry));
    let page = get(&app, &history).await;
    assert_page(&page);
    assert_eq!(
        text_of(&select(&page.html, "h1")[0]),
        format!("Maidstone Borough Council History of {TITLE}")
    );
    let happened: Vec<String> = select(&page.html, "main ol h2")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(
        happened,
        [
            "Entered on the forward plan",
            "Date due changed",
            "Status changed",
            "Decision linked"
        ]
    );
    // The rescheduling, before and after, as the plan states the dates.
    let changes = select(&page.html, "main ol > li");
    let rescheduled: Vec<Vec<String>> = select_in(&changes[1], "tbody tr")
        .iter()
        .map(|row| select_in(row, "th, td").iter().map(text_of).collect())
        .collect();
    assert!(
        rescheduled.contains(&vec![
            "Date due".to_owned(),
            "14 June 2026".to_owned(),
            "September 2030".to_owned()
        ]),
        "{rescheduled:?}"
    );
    let linked: Vec<String> = select_in(&changes[3], "a")
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_owned))
        .collect();
    assert!(
        linked.contains(&format!("/councils/maidstone/decisions/{decision}")),
        "{linked:?}"
    );
    // Breadcrumbs lead back through the plan to the entry; every link resolves.
    let crumbs: Vec<String> = select(&page.html, ".govuk-breadcrumbs__link")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_owned())
        .collect();
    assert_eq!(
        crumbs,
        [
            "/".to_owned(),
            "/councils/maidstone".to_owned(),
            "/councils/maidstone/forward-plan".to_owned(),
            path(entry)
        ]
    );
    let back: Vec<String> = select(&page.html, "main a")
        .iter()
        .filter(|a| text_of(a) == "Back to the entry")
        .map(|a| a.value().attr("href").unwrap().to_owned())
        .collect();
    assert_eq!(back, [path(entry)]);
    assert!(
        !page.text.contains("clerk:"),
        "the history names who recorded it"
    );
    assert_links_resolve(&app, &page).await;
    for missing in [
        format!(
            "/councils/maidstone/forward-plan/{}/history",
            Uuid::now_v7()
        ),
        format!("/councils/nowhere/forward-plan/{entry}/history"),
    ] {
        assert_eq!(
            get(&app, &missing).await.status,
            StatusCode::NOT_FOUND,
            "{missing}"
        );
    }
}

async fn an_unknown_entry_is_404_and_an_address_without_an_id_400(backend: Backend) {
    let Some(app) = spawn(backend, "web_plan_entry_errors").await else {
        return;
    };
    for (path, status) in [
        (
            format!("/councils/maidstone/forward-plan/{}", Uuid::now_v7()),
            StatusCode::NOT_FOUND,
        ),
        (
            "/councils/nowhere/forward-plan/00000000-0000-4000-8000-000000000000".to_owned(),
            StatusCode::NOT_FOUND,
        ),
        (
            "/councils/maidstone/forward-plan/not-an-entry".to_owned(),
            StatusCode::BAD_REQUEST,
        ),
    ] {
        let page = get(&app, &path).await;
        assert_eq!(page.status, status, "{path}");
        assert_eq!(page.content_type, "text/html; charset=utf-8");
        let heading = text_of(&select(&page.html, "h1")[0]);
        if status == StatusCode::NOT_FOUND {
            assert_eq!(heading, "Page not found", "{path}");
        } else {
            assert_eq!(heading, "There is a problem with the page address");
        }
        let json = app
            .client
            .get(app.url(&path))
            .header("accept", "application/json")
            .send()
            .await
            .unwrap();
        assert_eq!(json.status(), status, "{path} as JSON");
        if path.contains("maidstone") {
            let body: Value = serde_json::from_str(&json.text().await.unwrap()).unwrap();
            assert!(body["error"]["code"].is_string(), "{body}");
        }
    }
}

both_backends!(
    the_entry_page_shows_every_public_field_as_graphql_does,
    an_entry_expected_in_private_shows_only_its_notice_and_no_draft,
    the_history_lists_the_entrys_public_changes,
    an_unknown_entry_is_404_and_an_address_without_an_id_400,
);
