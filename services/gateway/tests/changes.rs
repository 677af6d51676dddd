#![allow(clippy::unwrap_used, missing_docs)]
//! The sync API for mirrors (`/councils/{slug}/changes?since=`) on the real server, and the
//! `Accept` negotiation of the register and decision pages: from the start it lists every
//! public record (anonymous GraphQL is the oracle), then only what changed; never a draft, never
//! exempt text; a withdrawal as its marker; pages that continue; `ETag`/`Last-Modified` and 304;
//! 400 for a bad `since`, 404 for an unknown council.

mod common;

use std::collections::BTreeSet;

use common::demo::{
    DRAFT, EXAMPLE, EXEMPT, NOTICE, RESTRICTED, fetch as get, fetch_with as get_with,
};
use common::{Backend, TestApp, spawn};
use reqwest::StatusCode;
use reqwest::header::{
    ACCEPT, CONTENT_DISPOSITION, CONTENT_TYPE, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH,
    LAST_MODIFIED, VARY,
};
use serde_json::{Value, json};

const CHANGES: &str = "/councils/maidstone/changes";

/// The changes after `since`, which must answer 200.
async fn changes(app: &TestApp, query: &str) -> Value {
    let got = get(app, &format!("{CHANGES}?{query}")).await;
    assert_eq!(got.status, StatusCode::OK, "{query}: {}", got.text);
    assert_eq!(got.header(CONTENT_TYPE), "application/json; charset=utf-8");
    got.json()
}

/// The (kind, id) of each change listed.
fn listed(answer: &Value) -> Vec<(String, String)> {
    answer["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["kind"].as_str().unwrap().to_owned(),
                c["id"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn change<'a>(answer: &'a Value, id: &str) -> &'a Value {
    answer["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("{id} is not listed: {answer}"))
}

/// What anonymous GraphQL lists of each kind: (kind, uuid).
async fn public_records(app: &TestApp) -> BTreeSet<(String, String)> {
    let answer = app
        .post(
            &TestApp::council("maidstone"),
            None,
            "{ decisions(first: 100) { edges { node { uuid } } }
               forwardPlan(from: \"2000-01-01\", first: 100) { edges { node { uuid } } }
               meetings(first: 100) { edges { node { uuid } } }
               strategyDocuments { uuid } }",
            json!({}),
        )
        .await;
    let data = &answer.body["data"];
    let mut records = BTreeSet::new();
    for (kind, list) in [
        ("decision", &data["decisions"]["edges"]),
        ("forward_plan_entry", &data["forwardPlan"]["edges"]),
        ("meeting", &data["meetings"]["edges"]),
    ] {
        for edge in list.as_array().unwrap_or_else(|| panic!("{}", answer.text)) {
            records.insert((
                kind.to_owned(),
                edge["node"]["uuid"].as_str().unwrap().to_owned(),
            ));
        }
    }
    for document in data["strategyDocuments"].as_array().unwrap() {
        records.insert((
            "strategy_document".to_owned(),
            document["uuid"].as_str().unwrap().to_owned(),
        ));
    }
    records
}

/// The uuid of the public decision titled `title`.
async fn decision_titled(app: &TestApp, title: &str) -> String {
    let answer = app
        .post(
            &TestApp::council("maidstone"),
            None,
            "{ decisions(first: 100) { edges { node { uuid title } } } }",
            json!({}),
        )
        .await;
    answer.body["data"]["decisions"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|edge| edge["node"]["title"] == title)
        .unwrap_or_else(|| panic!("no {title}: {}", answer.text))["node"]["uuid"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn cabinet(app: &TestApp) -> String {
    let council = app
        .post(
            &TestApp::council("maidstone"),
            None,
            "{ council { bodies { bodyId } } }",
            json!({}),
        )
        .await;
    council.body["data"]["council"]["bodies"][0]["bodyId"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn a_mirror_from_the_start_gets_every_public_record_and_no_draft(backend: Backend) {
    let Some(app) = spawn(backend, "changes_all").await else {
        return;
    };
    let draft = common::record_draft(&app, "maidstone", &cabinet(&app).await, DRAFT).await;
    let answer = changes(&app, "since=0").await;
    assert_eq!(answer["council"], "maidstone");
    assert_eq!(answer["since"], 0);
    assert_eq!(answer["more"], false, "{answer}");
    let tenant = app.tenant("maidstone").await;
    let position = app
        .services
        .directory
        .home()
        .read_models()
        .read_position(tenant)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(answer["next"], position.checkpoint);

    let listed = listed(&answer);
    let unique: BTreeSet<_> = listed.iter().cloned().collect();
    assert_eq!(unique.len(), listed.len(), "each record once: {listed:?}");
    let public = public_records(&app).await;
    assert!(
        unique.is_superset(&public),
        "{unique:?} lacks some of {public:?}"
    );
    let kinds: BTreeSet<&str> = unique.iter().map(|(kind, _)| kind.as_str()).collect();
    assert_eq!(
        kinds,
        BTreeSet::from([
            "council",
            "decision",
            "forward_plan_entry",
            "meeting",
            "strategy_document"
        ])
    );
    // The decisions are exactly the public ones: the draft is not there.
    let decisions = |set: &BTreeSet<(String, String)>| -> BTreeSet<String> {
        set.iter()
            .filter(|(kind, _)| kind == "decision")
            .map(|(_, id)| id.clone())
            .collect()
    };
    assert_eq!(decisions(&unique), decisions(&public));
    assert!(!answer.to_string().contains(&draft.to_string()));
    assert!(!answer.to_string().contains(DRAFT));

    // In log order, none past `next`, each with its time.
    let positions: Vec<u64> = answer["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["position"].as_u64().unwrap())
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    assert!(*positions.last().unwrap() <= position.checkpoint);
    for change in answer["changes"].as_array().unwrap() {
        let at = change["recorded_at"].as_str().unwrap();
        assert!(chrono::DateTime::parse_from_rfc3339(at).is_ok(), "{at}");
        assert_eq!(change["state"], "public", "{change}");
        assert_eq!(change["personal_data_erased"], false);
        assert!(change["record"].get("tenant").is_none(), "{change}");
        assert!(change["record"].get("audience").is_none(), "{change}");
        // Every record links its page, and the page is there.
        let url = change["url"].as_str().unwrap_or_else(|| panic!("{change}"));
        assert!(url.starts_with(&app.address), "{url}");
        let page = app.client.get(url).send().await.unwrap();
        assert_eq!(page.status(), StatusCode::OK, "{url}");
    }
    // The council's own record: its names, wards and bodies, which the records' ids name.
    let council = change(&answer, &tenant.as_uuid().to_string());
    assert_eq!(council["kind"], "council");
    assert_eq!(council["url"], app.url("/councils/maidstone"));
    assert_eq!(council["record"]["name"], "Maidstone Borough Council");
    assert_eq!(council["record"]["slug"], "maidstone");
    assert!(!council["record"]["bodies"].as_array().unwrap().is_empty());
    let example = decision_titled(&app, EXAMPLE).await;
    let example = change(&answer, &example);
    assert_eq!(example["kind"], "decision");
    assert_eq!(example["record"]["record"]["title"], EXAMPLE);
    assert_eq!(example["record"]["publication_date"], "2010-06-11");
}

async fn withheld_values_appear_only_as_their_notices(backend: Backend) {
    let Some(app) = spawn(backend, "changes_withheld").await else {
        return;
    };
    let answer = changes(&app, "since=0").await;
    let text = answer.to_string();
    for exempt in EXEMPT {
        assert!(!text.contains(exempt), "the changes hold {exempt:?}");
    }
    let restricted = decision_titled(&app, RESTRICTED).await;
    let record = &change(&answer, &restricted)["record"];
    let withheld = record["record"]["withheld"].as_array().unwrap();
    assert!(!withheld.is_empty(), "{record}");
    for field in withheld {
        let notice = field["notice"]["text"].as_str().unwrap();
        assert!(notice.starts_with(NOTICE), "{notice}");
    }
    // The same notices as anonymous GraphQL gives.
    let public = app
        .post(
            &TestApp::council("maidstone"),
            None,
            "query($id: UUID!) { decision(id: $id) { withheld { notice { text } } } }",
            json!({"id": restricted}),
        )
        .await;
    let notices: BTreeSet<&str> = public.body["data"]["decision"]["withheld"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["notice"]["text"].as_str().unwrap())
        .collect();
    let given: BTreeSet<&str> = withheld
        .iter()
        .map(|w| w["notice"]["text"].as_str().unwrap())
        .collect();
    assert_eq!(given, notices);
}

async fn a_poll_after_a_write_lists_only_what_changed(backend: Backend) {
    let Some(app) = spawn(backend, "changes_after").await else {
        return;
    };
    let first = changes(&app, "since=0").await;
    let next = first["next"].as_u64().unwrap();
    let none = changes(&app, &format!("since={next}")).await;
    assert_eq!(none["changes"], json!([]));
    assert_eq!(none["next"], next);
    assert_eq!(none["more"], false);

    let example = decision_titled(&app, EXAMPLE).await;
    let corrected_at = common::correct_title(
        &app,
        "maidstone",
        &example,
        "Information Strategy 2010 - 2013",
    )
    .await;
    let after = changes(&app, &format!("since={next}")).await;
    assert_eq!(listed(&after), [("decision".to_owned(), example.clone())]);
    let only = &after["changes"][0];
    assert_eq!(only["position"], corrected_at);
    assert_eq!(
        only["record"]["record"]["title"],
        "Information Strategy 2010 - 2013"
    );
    assert_eq!(after["next"], corrected_at);

    // A draft moves the log, not the list.
    common::record_draft(&app, "maidstone", &cabinet(&app).await, DRAFT).await;
    let drafted = changes(&app, &format!("since={corrected_at}")).await;
    assert_eq!(drafted["changes"], json!([]), "{drafted}");
    assert!(drafted["next"].as_u64().unwrap() > corrected_at);

    // A time: every change recorded after it (the start of time: all of them; now: none).
    let all = changes(&app, "since=2000-01-01T00:00:00Z").await;
    assert_eq!(all["since"], 0);
    assert_eq!(listed(&all).len(), listed(&first).len());
    let later = changes(&app, "since=2999-01-01T00:00:00%2B01:00").await;
    assert_eq!(later["changes"], json!([]));
    assert_eq!(later["since"], later["next"]);
}

async fn pages_continue_from_next_until_none_is_left(backend: Backend) {
    let Some(app) = spawn(backend, "changes_pages").await else {
        return;
    };
    let whole = changes(&app, "since=0").await;
    let everything: BTreeSet<_> = listed(&whole).into_iter().collect();
    assert!(everything.len() > 3, "{everything:?}");
    let mut since = 0;
    let mut seen = BTreeSet::new();
    let mut answers = 0;
    loop {
        let page = changes(&app, &format!("since={since}&limit=2")).await;
        assert!(page["changes"].as_array().unwrap().len() <= 2, "{page}");
        seen.extend(listed(&page));
        answers += 1;
        assert!(answers < 100, "paging does not end");
        if page["more"] == false {
            assert_eq!(page["next"], whole["next"]);
            break;
        }
        let next = page["next"].as_u64().unwrap();
        assert!(next > since, "{page}");
        since = next;
    }
    assert!(answers > 1);
    assert_eq!(seen, everything);
}

async fn a_withdrawn_decision_is_listed_with_its_marker(backend: Backend) {
    let Some(app) = spawn(backend, "changes_withdrawn").await else {
        return;
    };
    let id =
        common::record_draft(&app, "maidstone", &cabinet(&app).await, "Sale of the pier").await;
    common::publish(&app, "maidstone", id).await;
    let published = changes(&app, "since=0").await;
    assert_eq!(change(&published, &id.to_string())["state"], "public");
    let next = published["next"].as_u64().unwrap();
    let withdrawn = app
        .post(
            &TestApp::council("maidstone"),
            Some(&app.clerk("maidstone")),
            "mutation($key: UUID!, $d: UUID!) { withdrawDecision(idempotencyKey: $key, \
             decisionId: $d, input: {reason: \"Superseded by a new scheme\"}) { position } }",
            json!({"key": uuid::Uuid::now_v7(), "d": id}),
        )
        .await;
    assert!(withdrawn.body["errors"].is_null(), "{}", withdrawn.text);
    let after = changes(&app, &format!("since={next}")).await;
    assert_eq!(listed(&after), [("decision".to_owned(), id.to_string())]);
    let marker = &after["changes"][0];
    assert_eq!(marker["state"], "withdrawn");
    assert_eq!(marker["record"]["status"], "withdrawn");
    assert_eq!(
        marker["record"]["closing_reason"],
        "Superseded by a new scheme"
    );
    assert_eq!(
        marker["position"],
        withdrawn.body["data"]["withdrawDecision"]["position"]
    );
}

/// An erasure of personal data changes each record that held the values: each is listed again,
/// flagged, without them.
async fn an_erasure_lists_the_records_that_held_the_values(backend: Backend) {
    let Some(app) = spawn(backend, "changes_erasure").await else {
        return;
    };
    const EMAIL: &str = "Paultaylor@maidstone.gov.uk";
    let before = changes(&app, "since=0").await;
    let example = decision_titled(&app, EXAMPLE).await;
    assert_eq!(
        change(&before, &example)["record"]["record"]["contact"]["email"],
        EMAIL
    );
    let next = before["next"].as_u64().unwrap();
    let tenant = app.tenant("maidstone").await;
    let dpo = civic_eventstore::Actor::parse("user:data-protection-officer").unwrap();
    let erasure = app
        .services
        .directory
        .home()
        .erase_personal_data(
            &civic_runtime::Envelope::new(tenant, dpo, uuid::Uuid::now_v7()),
            EMAIL,
            civic_domain::values::Reason::parse("Request DP-2026-114").unwrap(),
        )
        .await
        .unwrap();
    let after = changes(&app, &format!("since={next}")).await;
    let erased_at = erasure.executed.committed.last_position;
    assert_eq!(after["next"], erased_at);
    assert!(!listed(&after).is_empty());
    for change in after["changes"].as_array().unwrap() {
        assert_eq!(change["personal_data_erased"], true, "{change}");
        assert_eq!(change["position"], erased_at);
        assert!(
            erasure
                .records
                .iter()
                .any(|stream| stream.ends_with(change["id"].as_str().unwrap())),
            "{change} is not among {:?}",
            erasure.records
        );
    }
    assert!(
        !after
            .to_string()
            .to_lowercase()
            .contains(&EMAIL.to_lowercase())
    );
    assert!(
        change(&after, &example)["record"]["record"]["contact"]["email"].is_null(),
        "{after}"
    );
}

async fn an_unchanged_poll_is_304(backend: Backend) {
    let Some(app) = spawn(backend, "changes_304").await else {
        return;
    };
    let path = format!("{CHANGES}?since=0");
    let got = get(&app, &path).await;
    let etag = got.header(ETAG).to_owned();
    let modified = got.header(LAST_MODIFIED).to_owned();
    assert!(!etag.is_empty() && !modified.is_empty());
    assert_eq!(got.header("cache-control"), "no-cache");
    let by_tag = get_with(&app, &path, &[("if-none-match", &etag)]).await;
    assert_eq!(by_tag.status, StatusCode::NOT_MODIFIED);
    assert_eq!(by_tag.header(ETAG), etag);
    let by_time = get_with(&app, &path, &[("if-modified-since", &modified)]).await;
    assert_eq!(by_time.status, StatusCode::NOT_MODIFIED);
    let earlier = get_with(
        &app,
        &path,
        &[(IF_MODIFIED_SINCE.as_str(), "Fri, 11 Jun 2010 09:30:00 GMT")],
    )
    .await;
    assert_eq!(earlier.status, StatusCode::OK);
    // Another `since` is another answer.
    let other = get_with(
        &app,
        &format!("{CHANGES}?since=1"),
        &[("if-none-match", &etag)],
    )
    .await;
    assert_eq!(other.status, StatusCode::OK);
    // A write moves the council's position: the tag no longer matches.
    common::record_draft(&app, "maidstone", &cabinet(&app).await, DRAFT).await;
    let moved = get_with(&app, &path, &[(IF_NONE_MATCH.as_str(), &etag)]).await;
    assert_eq!(moved.status, StatusCode::OK);
    assert_ne!(moved.header(ETAG), etag);
}

async fn a_bad_since_is_400_and_an_unknown_council_404(backend: Backend) {
    let Some(app) = spawn(backend, "changes_400").await else {
        return;
    };
    for (query, field) in [
        ("since=yesterday", "since"),
        ("since=-1", "since"),
        ("since=2010-06-11", "since"),
        ("since=99999999", "since"),
        ("since=0&since=1", "since"),
        ("since=0&limit=0", "limit"),
        ("since=0&limit=501", "limit"),
    ] {
        let got = get(&app, &format!("{CHANGES}?{query}")).await;
        assert_eq!(got.status, StatusCode::BAD_REQUEST, "{query}: {}", got.text);
        assert_eq!(got.header(CONTENT_TYPE), "application/json; charset=utf-8");
        let error = &got.json()["error"];
        assert_eq!(error["code"], "BAD_USER_INPUT", "{query}");
        assert_eq!(error["field"], field, "{query}");
        assert!(
            error["message"].as_str().unwrap().contains(field),
            "{query}"
        );
    }
    for path in [
        "/councils/nowhere/changes?since=0",
        "/councils/NOT%20A%20SLUG/changes",
    ] {
        let got = get(&app, path).await;
        assert_eq!(got.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(got.json()["error"]["code"], "NOT_FOUND");
    }
}

async fn the_register_and_a_decision_answer_by_accept(backend: Backend) {
    let Some(app) = spawn(backend, "changes_accept").await else {
        return;
    };
    let register = "/councils/maidstone";
    let html = get(&app, register).await;
    assert_eq!(html.header(CONTENT_TYPE), "text/html; charset=utf-8");
    assert_eq!(html.header(VARY), "accept");
    let browser = get_with(
        &app,
        register,
        &[(
            "accept",
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
        )],
    )
    .await;
    assert_eq!(browser.header(CONTENT_TYPE), "text/html; charset=utf-8");

    let json = get_with(&app, register, &[(ACCEPT.as_str(), "application/json")]).await;
    assert_eq!(json.status, StatusCode::OK, "{}", json.text);
    assert_eq!(json.header(CONTENT_TYPE), "application/json");
    assert_eq!(json.header(VARY), "accept");
    assert_eq!(json.header(CONTENT_DISPOSITION), "");
    let download = get(&app, "/councils/maidstone/decisions.json").await;
    assert_eq!(json.json(), download.json());
    assert_ne!(json.header(ETAG), html.header(ETAG));
    let again = get_with(
        &app,
        register,
        &[
            ("accept", "application/json"),
            ("if-none-match", json.header(ETAG)),
        ],
    )
    .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert_eq!(again.header(VARY), "accept");
    // The HTML page's tag is not the JSON's.
    let html_again = get_with(&app, register, &[("if-none-match", json.header(ETAG))]).await;
    assert_eq!(html_again.status, StatusCode::OK);

    let atom = get_with(&app, register, &[("accept", "application/atom+xml")]).await;
    assert_eq!(
        atom.header(CONTENT_TYPE),
        "application/atom+xml; charset=utf-8"
    );
    assert_eq!(atom.header(VARY), "accept");
    let feed = feed_rs::parser::parse(atom.text.as_bytes()).unwrap();
    let entries = feed_rs::parser::parse(
        get(&app, "/councils/maidstone/feed.atom")
            .await
            .text
            .as_bytes(),
    )
    .unwrap()
    .entries;
    assert_eq!(
        feed.entries.iter().map(|e| &e.id).collect::<Vec<_>>(),
        entries.iter().map(|e| &e.id).collect::<Vec<_>>()
    );
    assert_ne!(atom.header(ETAG), json.header(ETAG));

    // A decision: its public record, as the changes API gives it.
    let example = decision_titled(&app, EXAMPLE).await;
    let page = format!("/councils/maidstone/decisions/{example}");
    let html = get(&app, &page).await;
    assert_eq!(html.header(CONTENT_TYPE), "text/html; charset=utf-8");
    assert_eq!(html.header(VARY), "accept");
    let json = get_with(&app, &page, &[("accept", "application/json")]).await;
    assert_eq!(json.status, StatusCode::OK, "{}", json.text);
    assert_eq!(json.header(CONTENT_TYPE), "application/json; charset=utf-8");
    assert_eq!(json.header(VARY), "accept");
    let record = json.json();
    assert_eq!(record["id"], example);
    assert_eq!(record["record"]["title"], EXAMPLE);
    let listed = changes(&app, "since=0").await;
    assert_eq!(change(&listed, &example)["record"], record);
    let again = get_with(
        &app,
        &page,
        &[
            ("accept", "application/json"),
            ("if-none-match", json.header(ETAG)),
        ],
    )
    .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    // A draft is as absent as a decision that does not exist: a JSON 404.
    let draft = common::record_draft(&app, "maidstone", &cabinet(&app).await, DRAFT).await;
    for id in [draft.to_string(), "not-a-uuid".to_owned()] {
        let got = get_with(
            &app,
            &format!("/councils/maidstone/decisions/{id}"),
            &[("accept", "application/json")],
        )
        .await;
        assert_eq!(got.status, StatusCode::NOT_FOUND, "{id}");
        assert_eq!(got.json()["error"]["code"], "NOT_FOUND");
        assert!(!got.text.contains(DRAFT));
    }
}

both_backends!(
    a_mirror_from_the_start_gets_every_public_record_and_no_draft,
    withheld_values_appear_only_as_their_notices,
    a_poll_after_a_write_lists_only_what_changed,
    pages_continue_from_next_until_none_is_left,
    a_withdrawn_decision_is_listed_with_its_marker,
    an_erasure_lists_the_records_that_held_the_values,
    an_unchanged_poll_is_304,
    a_bad_since_is_400_and_an_unknown_council_404,
    the_register_and_a_decision_answer_by_accept,
);
