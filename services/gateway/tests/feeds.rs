#![allow(clippy::unwrap_used, missing_docs)]
//! The demo council's Atom feed and its CSV and JSON downloads, read as a feed reader and a
//! spreadsheet would read them (`feed-rs`, the `csv` crate, `serde_json`): they hold exactly the
//! public decisions (anonymous GraphQL is the oracle), newest first, with links that resolve
//! (and the feed, after them, the forward plan's entries, each marked by its category);
//! never a draft, never exempt text; `ETag`/304; an unknown council is the 404 page. The
//! meetings calendar, read as a calendar app would read it (the `ical` crate's parser): every
//! meeting, stable UIDs, UK times as UTC, cancellations, folded and escaped text.

mod common;

use std::collections::{BTreeSet, HashMap};

use common::demo::{DRAFT, EXAMPLE, EXEMPT, NOTICE, RESTRICTED, fetch as get};
use common::{Backend, TestApp, spawn};
use reqwest::StatusCode;
use reqwest::header::{
    CONTENT_DISPOSITION, CONTENT_TYPE, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED,
};
use serde_json::{Value, json};

/// A public decision as anonymous GraphQL answers it.
struct Public {
    uuid: String,
    title: String,
    purpose: Option<String>,
}

/// The public decisions, in the register's order (newest first).
async fn public_decisions(app: &TestApp) -> Vec<Public> {
    let answer = app
        .post(
            &TestApp::council("maidstone"),
            None,
            "{ decisions(first: 100) { edges { node { uuid title purpose } } } }",
            json!({}),
        )
        .await;
    answer.body["data"]["decisions"]["edges"]
        .as_array()
        .unwrap_or_else(|| panic!("{}", answer.text))
        .iter()
        .map(|edge| Public {
            uuid: edge["node"]["uuid"].as_str().unwrap().to_owned(),
            title: edge["node"]["title"].as_str().unwrap().to_owned(),
            purpose: edge["node"]["purpose"].as_str().map(str::to_owned),
        })
        .collect()
}

/// Records a draft as the clerk and checks the clerk sees it (so its absence below is not a
/// projector that has not caught up).
async fn record_a_draft(app: &TestApp) {
    let council = app
        .post(
            &TestApp::council("maidstone"),
            None,
            "{ council { bodies { bodyId name } } }",
            json!({}),
        )
        .await;
    let body = council.body["data"]["council"]["bodies"][0]["bodyId"]
        .as_str()
        .unwrap()
        .to_owned();
    common::record_draft(app, "maidstone", &body, DRAFT).await;
    let clerk = app
        .post(
            &TestApp::council("maidstone"),
            Some(&app.clerk("maidstone")),
            "{ decisions(first: 100) { edges { node { title } } } }",
            json!({}),
        )
        .await;
    assert!(clerk.text.contains(DRAFT), "{}", clerk.text);
}

fn assert_nothing_private(what: &str, text: &str) {
    assert!(!text.contains(DRAFT), "{what} holds the draft");
    for exempt in EXEMPT {
        assert!(
            !text.contains(exempt),
            "{what} holds exempt text {exempt:?}"
        );
    }
}

async fn the_feed_holds_the_public_decisions_newest_first(backend: Backend) {
    let Some(app) = spawn(backend, "feeds_atom").await else {
        return;
    };
    record_a_draft(&app).await;
    let got = get(&app, "/councils/maidstone/feed.atom").await;
    assert_eq!(got.status, StatusCode::OK, "{}", got.text);
    assert_eq!(
        got.headers[CONTENT_TYPE],
        "application/atom+xml; charset=utf-8"
    );
    assert_nothing_private("the feed", &got.text);

    let feed = feed_rs::parser::parse(got.text.as_bytes()).unwrap();
    assert_eq!(feed.feed_type, feed_rs::model::FeedType::Atom);
    assert!(feed.id.starts_with("urn:uuid:"), "{}", feed.id);
    assert_eq!(
        feed.title.unwrap().content,
        "Decisions – Maidstone Borough Council"
    );
    assert!(feed.updated.is_some());
    let own = feed
        .links
        .iter()
        .find(|link| link.rel.as_deref() == Some("self"))
        .unwrap();
    assert_eq!(own.href, app.url("/councils/maidstone/feed.atom"));

    let public = public_decisions(&app).await;
    assert!(public.len() >= 3, "the demo's public decisions");
    // Each entry says which kind of record it is: the decisions first, then the plan's entries.
    let kind = |entry: &feed_rs::model::Entry| {
        assert_eq!(entry.categories.len(), 1, "{}", entry.id);
        entry.categories[0].term.clone()
    };
    let (decisions, plan): (Vec<_>, Vec<_>) = feed
        .entries
        .iter()
        .partition(|entry| kind(entry) == "decision");
    assert!(plan.iter().all(|entry| kind(entry) == "forward-plan-entry"));
    assert_eq!(
        feed.entries.iter().position(|e| kind(e) != "decision"),
        Some(decisions.len()),
        "the decisions come first"
    );
    assert_eq!(decisions.len(), public.len(), "{}", got.text);
    for (entry, decision) in decisions.iter().zip(&public) {
        assert_eq!(entry.id, format!("urn:uuid:{}", decision.uuid));
        assert_eq!(entry.title.as_ref().unwrap().content, decision.title);
        assert!(entry.updated.is_some(), "{}", decision.title);
        assert_eq!(
            entry.summary.as_ref().map(|s| s.content.as_str()),
            decision.purpose.as_deref(),
            "{}",
            decision.title
        );
        let link = &entry.links[0];
        assert_eq!(link.rel.as_deref(), Some("alternate"));
        assert_eq!(
            link.href,
            app.url(&format!("/councils/maidstone/decisions/{}", decision.uuid))
        );
        let page = app.client.get(&link.href).send().await.unwrap();
        assert_eq!(page.status(), StatusCode::OK, "{}", link.href);
    }
    // Every entry of the demo's forward plan, each linking its own page, its description the
    // summary, published on its notice's day (the demo's, 1 June 2010, or the urgent one's).
    let answer = app
        .post(
            &TestApp::council("maidstone"),
            None,
            "{ forwardPlan(from: \"2000-01-01\", first: 100) { edges { node { uuid title \
             description noticeDate } } } }",
            json!({}),
        )
        .await;
    let entries = answer.body["data"]["forwardPlan"]["edges"]
        .as_array()
        .unwrap_or_else(|| panic!("{}", answer.text));
    assert_eq!(plan.len(), entries.len(), "{}", got.text);
    for edge in entries {
        let node = &edge["node"];
        let uuid = node["uuid"].as_str().unwrap();
        let entry = plan
            .iter()
            .find(|e| e.id == format!("urn:uuid:{uuid}"))
            .unwrap_or_else(|| panic!("{uuid} in {}", got.text));
        assert_eq!(entry.title.as_ref().unwrap().content, node["title"]);
        assert_eq!(
            entry.summary.as_ref().map(|s| s.content.as_str()),
            node["description"].as_str()
        );
        assert_eq!(
            entry.published.unwrap().date_naive().to_string(),
            node["noticeDate"].as_str().unwrap()
        );
        let link = &entry.links[0];
        assert_eq!(
            link.href,
            app.url(&format!("/councils/maidstone/forward-plan/{uuid}"))
        );
        let page = app.client.get(&link.href).send().await.unwrap();
        assert_eq!(page.status(), StatusCode::OK, "{}", link.href);
    }
    // The example was published on 11 June 2010: no time is recorded, so midnight UTC.
    let example = feed
        .entries
        .iter()
        .find(|e| e.title.as_ref().unwrap().content == EXAMPLE)
        .unwrap();
    assert_eq!(
        example.published.unwrap().to_rfc3339(),
        "2010-06-11T00:00:00+00:00"
    );
    assert_eq!(example.updated, example.published);
}

async fn the_downloads_hold_every_public_decision_and_no_exempt_text(backend: Backend) {
    let Some(app) = spawn(backend, "feeds_downloads").await else {
        return;
    };
    record_a_draft(&app).await;
    let public = public_decisions(&app).await;
    let ids: Vec<&str> = public.iter().map(|d| d.uuid.as_str()).collect();

    let csv = get(&app, "/councils/maidstone/decisions.csv").await;
    assert_eq!(csv.status, StatusCode::OK, "{}", csv.text);
    assert!(
        csv.headers[CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/csv; charset=utf-8")
    );
    assert_eq!(
        csv.headers[CONTENT_DISPOSITION],
        "attachment; filename=\"maidstone-decisions.csv\""
    );
    assert_nothing_private("the CSV", &csv.text);
    let mut reader = csv::Reader::from_reader(csv.text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows: Vec<HashMap<String, String>> = reader
        .records()
        .map(|record| {
            header
                .iter()
                .cloned()
                .zip(record.unwrap().iter().map(str::to_owned))
                .collect()
        })
        .collect();
    let csv_ids: Vec<&str> = rows.iter().map(|row| row["id"].as_str()).collect();
    assert_eq!(csv_ids, ids, "{}", csv.text);
    for row in &rows {
        assert_eq!(
            row["url"],
            app.url(&format!("/councils/maidstone/decisions/{}", row["id"]))
        );
    }
    let example = rows.iter().find(|row| row["title"] == EXAMPLE).unwrap();
    for (column, value) in [
        ("decision_maker", "Cabinet"),
        ("date_of_decision", "2010-06-09"),
        ("publication_date", "2010-06-11"),
        ("status", "Recommendations Approved"),
        ("stage", "In effect"),
        ("key_decision", "true"),
        ("subject_to_call_in", "true"),
        ("call_in_deadline", "2010-06-18"),
        ("effective_from", "2010-06-19"),
        ("withheld", ""),
    ] {
        assert_eq!(example[column], value, "{column}");
    }

    let json = get(&app, "/councils/maidstone/decisions.json").await;
    assert_eq!(json.status, StatusCode::OK, "{}", json.text);
    assert_eq!(json.headers[CONTENT_TYPE], "application/json");
    assert_eq!(
        json.headers[CONTENT_DISPOSITION],
        "attachment; filename=\"maidstone-decisions.json\""
    );
    assert_nothing_private("the JSON", &json.text);
    let objects: Vec<Value> = serde_json::from_str(&json.text).unwrap();
    let json_ids: Vec<&str> = objects.iter().map(|o| o["id"].as_str().unwrap()).collect();
    assert_eq!(json_ids, ids);
    // The same fields as the CSV's columns, the values typed.
    let keys: BTreeSet<&str> = objects[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, header.iter().map(String::as_str).collect());
    let example = objects.iter().find(|o| o["title"] == EXAMPLE).unwrap();
    assert_eq!(example["key_decision"], true);
    assert_eq!(example["date_of_decision"], "2010-06-09");
    let restricted = objects.iter().find(|o| o["title"] == RESTRICTED).unwrap();
    assert!(
        restricted["url"]
            .as_str()
            .unwrap()
            .ends_with(restricted["id"].as_str().unwrap())
    );
}

async fn the_register_page_links_the_feed_and_the_downloads(backend: Backend) {
    let Some(app) = spawn(backend, "feeds_links").await else {
        return;
    };
    let page = get(&app, "/councils/maidstone").await;
    let html = scraper::Html::parse_document(&page.text);
    let select = |selector: &str| -> Vec<String> {
        html.select(&scraper::Selector::parse(selector).unwrap())
            .filter_map(|e| e.value().attr("href").map(str::to_owned))
            .collect()
    };
    assert_eq!(
        select("head link[rel=alternate][type='application/atom+xml']"),
        ["/councils/maidstone/feed.atom"]
    );
    let links = select("main a");
    for href in [
        "/councils/maidstone/feed.atom",
        "/councils/maidstone/decisions.csv",
        "/councils/maidstone/decisions.json",
    ] {
        assert!(links.iter().any(|l| l == href), "{href}: {links:?}");
        assert_eq!(get(&app, href).await.status, StatusCode::OK, "{href}");
    }
}

async fn an_unchanged_answer_is_304_and_a_change_moves_its_tag(backend: Backend) {
    let Some(app) = spawn(backend, "feeds_etag").await else {
        return;
    };
    let paths = [
        "/councils/maidstone/feed.atom",
        "/councils/maidstone/decisions.csv",
        "/councils/maidstone/decisions.json",
    ];
    let mut tags = Vec::new();
    for path in paths {
        let got = get(&app, path).await;
        let etag = got.headers[ETAG].to_str().unwrap().to_owned();
        let again = app
            .client
            .get(app.url(path))
            .header(IF_NONE_MATCH, &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{path}");
        assert_eq!(again.headers()[ETAG], etag.as_str());
        // Last-Modified: when the latest event was recorded (the demo's, just now), and
        // If-Modified-Since with it is a 304 too.
        let modified = got.headers[LAST_MODIFIED].to_str().unwrap().to_owned();
        let at = chrono::DateTime::parse_from_rfc2822(&modified).unwrap();
        let age = chrono::Utc::now().signed_duration_since(at);
        assert!(
            age.num_seconds() >= 0 && age.num_minutes() < 10,
            "{modified}"
        );
        let since = app
            .client
            .get(app.url(path))
            .header(IF_MODIFIED_SINCE, &modified)
            .send()
            .await
            .unwrap();
        assert_eq!(since.status(), StatusCode::NOT_MODIFIED, "{path}");
        assert_eq!(since.headers()[LAST_MODIFIED], modified.as_str());
        let earlier = app
            .client
            .get(app.url(path))
            .header(IF_MODIFIED_SINCE, "Fri, 11 Jun 2010 09:30:00 GMT")
            .send()
            .await
            .unwrap();
        assert_eq!(earlier.status(), StatusCode::OK, "{path}");
        tags.push(etag);
    }
    assert_eq!(
        tags.iter().collect::<BTreeSet<_>>().len(),
        3,
        "each answer its own tag"
    );
    // Another address for the site: other links, another tag.
    let other = app
        .client
        .get(app.url(paths[0]))
        .header("host", "register.example")
        .header(IF_NONE_MATCH, &tags[0])
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), StatusCode::OK);
    assert!(
        other
            .text()
            .await
            .unwrap()
            .contains("http://register.example/councils/maidstone/feed.atom")
    );
    // Any event of the council (here a clerk's draft, which the feed does not show) moves the
    // position, so the tag.
    record_a_draft(&app).await;
    let after = get(&app, paths[0]).await;
    assert_ne!(after.headers[ETAG].to_str().unwrap(), tags[0]);
}

async fn an_unknown_council_is_the_404_page(backend: Backend) {
    let Some(app) = spawn(backend, "feeds_404").await else {
        return;
    };
    for path in [
        "/councils/nowhere/feed.atom",
        "/councils/nowhere/decisions.csv",
        "/councils/nowhere/decisions.json",
        "/councils/NOT%20A%20SLUG/feed.atom",
    ] {
        let got = get(&app, path).await;
        assert_eq!(got.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(got.headers[CONTENT_TYPE], "text/html; charset=utf-8");
        assert!(got.text.contains("Page not found"), "{path}");
    }
}

/// A published decision whose decision maker, key decision and purpose are withheld: the feed
/// and the downloads carry the notices GraphQL gives the public, and never the values.
async fn withheld_fields_appear_only_as_their_notices(backend: Backend) {
    let Some(app) = spawn(backend, "feeds_withheld").await else {
        return;
    };
    let council = app
        .post(
            &TestApp::council("maidstone"),
            None,
            "{ council { bodies { bodyId } } }",
            json!({}),
        )
        .await;
    let body = council.body["data"]["council"]["bodies"][0]["bodyId"]
        .as_str()
        .unwrap()
        .to_owned();
    let title = "Sale of the market hall";
    let mut input = common::details(&body, title);
    input["decisionMakerName"] = json!("Secret bidders panel");
    input["purpose"] = json!("Secret purpose: the bidders' prices");
    input["keyDecision"] = json!(true);
    let restriction = json!({"category": "EXEMPT", "paragraphs": [3],
        "reason": "The information relates to the bidders."});
    input["fieldRestrictions"] = json!(
        ["DECISION_MAKER", "PURPOSE", "KEY_DECISION"]
            .iter()
            .map(|field| json!({"field": field, "restriction": restriction}))
            .collect::<Vec<_>>()
    );
    let recorded = app
        .post(
            &TestApp::council("maidstone"),
            Some(&app.clerk("maidstone")),
            "mutation($key: UUID!, $input: DecisionDetailsInput!) {
               recordDecision(idempotencyKey: $key, input: $input) { decision { uuid } } }",
            json!({"key": uuid::Uuid::now_v7(), "input": input}),
        )
        .await;
    let id: uuid::Uuid = recorded.body["data"]["recordDecision"]["decision"]["uuid"]
        .as_str()
        .unwrap_or_else(|| panic!("{}", recorded.text))
        .parse()
        .unwrap();
    common::publish(&app, "maidstone", id).await;
    let public = app
        .post(
            &TestApp::council("maidstone"),
            None,
            "query($id: UUID!) { decision(id: $id) { withheld { field notice { text } } } }",
            json!({"id": id}),
        )
        .await;
    let notices: HashMap<String, String> = public.body["data"]["decision"]["withheld"]
        .as_array()
        .unwrap_or_else(|| panic!("{}", public.text))
        .iter()
        .map(|w| {
            (
                w["field"].as_str().unwrap().to_owned(),
                w["notice"]["text"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(notices.len(), 3, "{}", public.text);
    assert!(notices["PURPOSE"].starts_with(NOTICE), "{notices:?}");
    let secrets = ["Secret bidders panel", "Secret purpose", "bidders' prices"];

    let feed = get(&app, "/councils/maidstone/feed.atom").await.text;
    let csv = get(&app, "/councils/maidstone/decisions.csv").await.text;
    let json = get(&app, "/councils/maidstone/decisions.json").await.text;
    for (what, text) in [("the feed", &feed), ("the CSV", &csv), ("the JSON", &json)] {
        assert!(text.contains(title), "{what}");
        for secret in secrets {
            assert!(!text.contains(secret), "{what} holds {secret:?}");
        }
        assert_nothing_private(what, text);
    }
    let feed = feed_rs::parser::parse(feed.as_bytes()).unwrap();
    let entry = feed
        .entries
        .iter()
        .find(|e| e.id == format!("urn:uuid:{id}"))
        .unwrap();
    assert_eq!(entry.summary.as_ref().unwrap().content, notices["PURPOSE"]);
    // The restricted demo decision's purpose is public, its decision and reasons not.
    let restricted = feed
        .entries
        .iter()
        .find(|e| e.title.as_ref().unwrap().content == RESTRICTED)
        .unwrap();
    assert_eq!(
        restricted.summary.as_ref().unwrap().content,
        "To consider the disposal of surplus land at the former depot."
    );

    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let row = reader
        .records()
        .map(Result::unwrap)
        .find(|record| record.get(0) == Some(id.to_string().as_str()))
        .unwrap();
    let cell = |name: &str| {
        row.get(header.iter().position(|h| h == name).unwrap())
            .unwrap()
    };
    assert_eq!(cell("decision_maker"), notices["DECISION_MAKER"]);
    assert_eq!(cell("key_decision"), notices["KEY_DECISION"]);
    assert_eq!(cell("withheld"), "decision_maker key_decision");
    assert_eq!(cell("title"), title);

    let objects: Vec<Value> = serde_json::from_str(&json).unwrap();
    let object = objects.iter().find(|o| o["id"] == id.to_string()).unwrap();
    assert_eq!(object["decision_maker"], notices["DECISION_MAKER"].as_str());
    assert_eq!(object["key_decision"], notices["KEY_DECISION"].as_str());
    assert_eq!(object["withheld"], "decision_maker key_decision");
}

/// The meetings as anonymous GraphQL answers them: (uuid, startTime, endTime, location).
async fn public_meetings(app: &TestApp) -> Vec<Value> {
    let answer = app
        .post(
            &TestApp::council("maidstone"),
            None,
            "{ meetings(first: 100) { totalCount edges { node { uuid date startTime endTime \
             location status body { name } } } } }",
            json!({}),
        )
        .await;
    answer.body["data"]["meetings"]["edges"]
        .as_array()
        .unwrap_or_else(|| panic!("{}", answer.text))
        .iter()
        .map(|edge| edge["node"].clone())
        .collect()
}

/// RFC 5545 3.3.11: a TEXT value as written, unescaped (the `ical` parser unfolds lines and
/// splits properties, but leaves values as written).
fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => panic!("a lone backslash ends {text:?}"),
        }
    }
    out
}

/// A parsed event's properties: name -> (parameters, value).
type Properties = HashMap<String, (Vec<(String, Vec<String>)>, String)>;

fn properties(event: &ical::parser::ical::component::IcalEvent) -> Properties {
    event
        .properties
        .iter()
        .map(|p| {
            (
                p.name.clone(),
                (
                    p.params.clone().unwrap_or_default(),
                    p.value.clone().unwrap_or_default(),
                ),
            )
        })
        .collect()
}

/// Parses a calendar as a calendar app does: exactly one `VCALENDAR`.
fn parse_calendar(text: &str) -> ical::parser::ical::component::IcalCalendar {
    let mut calendars = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let calendar = calendars.next().unwrap().unwrap();
    assert!(calendars.next().is_none(), "one calendar");
    calendar
}

async fn the_meetings_calendar_holds_every_meeting_as_a_calendar_app_reads_it(backend: Backend) {
    let Some(app) = spawn(backend, "feeds_calendar").await else {
        return;
    };
    // A meeting with no time, a place that needs escaping and folding, then cancelled.
    let council = app
        .post(
            &TestApp::council("maidstone"),
            None,
            "{ council { bodies { bodyId name } } }",
            json!({}),
        )
        .await;
    let body = &council.body["data"]["council"]["bodies"][0];
    let place = "Committee Room 1; Town Hall, High Street, Maidstone \\ Kent ME15 6JQ – \
                 entrance by the side door, accessible by the ramp";
    let key = uuid::Uuid::now_v7();
    let recorded = app
        .post(
            &TestApp::council("maidstone"),
            Some(&app.clerk("maidstone")),
            "mutation($key: UUID!, $input: MeetingDetailsInput!) {
               recordMeeting(idempotencyKey: $key, input: $input) { meeting { uuid } } }",
            json!({"key": key, "input": {"bodyId": body["bodyId"], "bodyName": body["name"],
                   "date": "2030-01-15", "location": place}}),
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
               cancelMeeting(idempotencyKey: $key, meetingId: $meeting,
                 input: {reason: \"No business.\"}) { version } }",
            json!({"key": uuid::Uuid::now_v7(), "meeting": added}),
        )
        .await;
    assert!(cancelled.body["errors"].is_null(), "{}", cancelled.text);

    let got = get(&app, "/councils/maidstone/meetings.ics").await;
    assert_eq!(got.status, StatusCode::OK, "{}", got.text);
    assert_eq!(got.headers[CONTENT_TYPE], "text/calendar; charset=utf-8");
    // Every content line ends CRLF and is at most 75 octets (RFC 5545 3.1).
    assert!(got.text.ends_with("\r\n"));
    for line in got.text.trim_end_matches("\r\n").split("\r\n") {
        assert!(!line.contains('\n'), "a bare line feed in {line:?}");
        assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
    }
    let calendar = parse_calendar(&got.text);
    let top: HashMap<String, String> = calendar
        .properties
        .iter()
        .map(|p| (p.name.clone(), p.value.clone().unwrap_or_default()))
        .collect();
    assert_eq!(top["VERSION"], "2.0");
    assert!(top.contains_key("PRODID"));

    let meetings = public_meetings(&app).await;
    assert_eq!(calendar.events.len(), meetings.len(), "{}", got.text);
    let events: HashMap<String, Properties> = calendar
        .events
        .iter()
        .map(properties)
        .map(|p| (p["UID"].1.clone(), p))
        .collect();
    for meeting in &meetings {
        let uuid = meeting["uuid"].as_str().unwrap();
        let event = &events[uuid];
        assert_eq!(
            unescape(&event["SUMMARY"].1),
            meeting["body"]["name"].as_str().unwrap()
        );
        assert_eq!(
            event["URL"].1,
            app.url(&format!("/councils/maidstone/meetings/{uuid}"))
        );
        assert!(event.contains_key("DTSTAMP"));
        if let Some(location) = meeting["location"].as_str() {
            assert_eq!(unescape(&event["LOCATION"].1), location);
        }
    }
    // The demo's Cabinet, 18:30 on 9 June 2010 in London: 17:30 UTC (BST).
    let cabinet = meetings.iter().find(|m| m["date"] == "2010-06-09").unwrap();
    let event = &events[cabinet["uuid"].as_str().unwrap()];
    assert_eq!(event["DTSTART"].1, "20100609T173000Z");
    assert_eq!(event["STATUS"].1, "CONFIRMED");
    assert_eq!(event["LOCATION"].1, "Town Hall\\, High Street\\, Maidstone");
    // The added meeting: no time, so the day; cancelled; its place escaped and folded.
    let event = &events[&added];
    assert_eq!(
        event["DTSTART"],
        (
            vec![("VALUE".to_owned(), vec!["DATE".to_owned()])],
            "20300115".to_owned()
        )
    );
    assert!(!event.contains_key("DTEND"));
    assert_eq!(event["STATUS"].1, "CANCELLED");
    assert_eq!(unescape(&event["LOCATION"].1), place);
    assert!(
        event["LOCATION"]
            .1
            .starts_with("Committee Room 1\\; Town Hall\\,")
    );
    assert!(unescape(&event["DESCRIPTION"].1).contains("No business."));
    // Never the exempt minutes of the Cabinet's private item.
    let private = civic_domain::meeting::example::PRIVATE_MINUTES;
    assert!(!unescape(&got.text.replace("\r\n ", "")).contains(private));

    // The same calendar again: the same bytes, the same tag; 304 for a client that holds it.
    let again = get(&app, "/councils/maidstone/meetings.ics").await;
    assert_eq!(again.text, got.text);
    let etag = got.headers[ETAG].to_str().unwrap();
    assert!(got.headers.contains_key(LAST_MODIFIED));
    let held = app
        .client
        .get(app.url("/councils/maidstone/meetings.ics"))
        .header(IF_NONE_MATCH, etag)
        .send()
        .await
        .unwrap();
    assert_eq!(held.status(), StatusCode::NOT_MODIFIED);

    // The meetings page links it, in its head and in its text.
    let page = common::html::get(&app, "/councils/maidstone/meetings").await;
    let head = common::html::select(
        &page.html,
        "head link[rel=alternate][type=\"text/calendar\"]",
    );
    assert_eq!(
        head[0].value().attr("href"),
        Some("/councils/maidstone/meetings.ics")
    );
    assert_eq!(
        common::html::select(
            &page.html,
            "main a[href=\"/councils/maidstone/meetings.ics\"]"
        )
        .len(),
        1
    );
    let missing = get(&app, "/councils/nowhere/meetings.ics").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

both_backends!(
    the_meetings_calendar_holds_every_meeting_as_a_calendar_app_reads_it,
    the_feed_holds_the_public_decisions_newest_first,
    the_downloads_hold_every_public_decision_and_no_exempt_text,
    the_register_page_links_the_feed_and_the_downloads,
    an_unchanged_answer_is_304_and_a_change_moves_its_tag,
    an_unknown_council_is_the_404_page,
    withheld_fields_appear_only_as_their_notices,
);
