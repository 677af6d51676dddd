//! The response cache at a council's endpoint: repeated public queries are answered from it,
//! with an `ETag` and `304 Not Modified`; writes, other questions and other audiences never get
//! an answer that is not theirs (an erasure included); errors are never kept.

#![allow(clippy::unwrap_used, missing_docs)]

mod common;

use common::{Backend, TestApp, correct_title, publish, record_draft, spawn};
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde_json::{Value, json};

const LEEDS: &str = "/councils/leeds/graphql";

const TITLES: &str = "query Titles($first: Int) {
  decisions(first: $first) { totalCount edges { node { uuid title } } }
}";

/// A council with a cabinet and no decisions.
async fn app(backend: Backend, test: &str) -> Option<(TestApp, String)> {
    let app = spawn(backend, test).await?;
    app.register_council("leeds", "Leeds City Council").await;
    let cabinet = app.add_body("leeds", "Cabinet", "CABINET").await;
    Some((app, cabinet))
}

/// POSTs `query` with `variables` as the public (or with `token`) and `If-None-Match` if given:
/// the status, headers and body.
async fn ask(
    app: &TestApp,
    token: Option<&str>,
    query: &str,
    variables: Value,
    if_none_match: Option<&str>,
) -> (StatusCode, HeaderMap, String) {
    let mut request = app
        .client
        .post(app.url(LEEDS))
        .header("accept", "application/graphql-response+json")
        .header("content-type", "application/json")
        .body(json!({"query": query, "variables": variables}).to_string());
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(tag) = if_none_match {
        request = request.header("if-none-match", tag);
    }
    let response = request.send().await.unwrap();
    let (status, headers) = (response.status(), response.headers().clone());
    (status, headers, response.text().await.unwrap())
}

fn etag(headers: &HeaderMap) -> Option<String> {
    headers
        .get("etag")
        .map(|tag| tag.to_str().unwrap().to_owned())
}

fn titles(body: &str) -> Vec<String> {
    let body: Value = serde_json::from_str(body).unwrap();
    body["data"]["decisions"]["edges"]
        .as_array()
        .unwrap_or_else(|| panic!("{body}"))
        .iter()
        .map(|edge| edge["node"]["title"].as_str().unwrap().to_owned())
        .collect()
}

async fn a_repeated_public_query_is_answered_from_the_cache_and_revalidated(backend: Backend) {
    let Some((app, cabinet)) = app(backend, "cache_repeat").await else {
        return;
    };
    let id = record_draft(&app, "leeds", &cabinet, "Bus lanes").await;
    publish(&app, "leeds", id).await;
    let cache = &app.services.responses;

    let before = cache.stats();
    let (status, first_headers, first) = ask(&app, None, TITLES, json!({"first": 5}), None).await;
    assert_eq!(status, StatusCode::OK, "{first}");
    assert_eq!(titles(&first), ["Bus lanes"]);
    let tag = etag(&first_headers).expect("a public answer has a tag");
    assert_eq!(first_headers["cache-control"], "no-cache");
    // The same question, written differently: the same entry.
    let respaced = TITLES.replace('\n', " ").replace("  ", " ");
    let (_, headers, again) = ask(&app, None, &respaced, json!({"first": 5}), None).await;
    assert_eq!(again, first);
    assert_eq!(etag(&headers).as_deref(), Some(tag.as_str()));
    let after = cache.stats();
    assert_eq!(
        (after.misses - before.misses, after.hits - before.hits),
        (1, 1)
    );

    // Revalidation, by POST and by GET: 304 and no body, nothing executed.
    let (status, headers, body) = ask(&app, None, TITLES, json!({"first": 5}), Some(&tag)).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    assert!(body.is_empty(), "{body}");
    assert_eq!(etag(&headers).as_deref(), Some(tag.as_str()));
    let get_url = url::Url::parse_with_params(
        &app.url(LEEDS),
        [
            ("query", TITLES),
            ("operationName", "Titles"),
            ("variables", r#"{"first":5}"#),
        ],
    )
    .unwrap();
    let get = app
        .client
        .get(get_url.clone())
        .header("accept", "application/graphql-response+json")
        .send()
        .await
        .unwrap();
    assert_eq!(get.status(), StatusCode::OK);
    let get_tag = etag(get.headers()).unwrap();
    let revalidated = app
        .client
        .get(get_url)
        .header("accept", "application/graphql-response+json")
        .header("if-none-match", format!("\"other\", {get_tag}"))
        .send()
        .await
        .unwrap();
    assert_eq!(revalidated.status(), StatusCode::NOT_MODIFIED);
    assert!(revalidated.bytes().await.unwrap().is_empty());
    assert_eq!(cache.stats().not_modified - before.not_modified, 2);
    // A tag that is not the current one gets the answer.
    let (status, _, body) = ask(&app, None, TITLES, json!({"first": 5}), Some("\"old\"")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, first);
}

async fn after_a_write_the_next_read_is_the_new_answer(backend: Backend) {
    let Some((app, cabinet)) = app(backend, "cache_write").await else {
        return;
    };
    let (_, headers, empty) = ask(&app, None, TITLES, json!({}), None).await;
    assert!(titles(&empty).is_empty());
    let old_tag = etag(&headers).unwrap();
    ask(&app, None, TITLES, json!({}), None).await;

    // A mutation through the gateway: the next read is a miss at the new position.
    let id = record_draft(&app, "leeds", &cabinet, "Bus lanes").await;
    publish(&app, "leeds", id).await;
    let (_, headers, published) = ask(&app, None, TITLES, json!({}), None).await;
    assert_eq!(titles(&published), ["Bus lanes"]);
    assert_ne!(etag(&headers).unwrap(), old_tag);
    // The old tag no longer revalidates.
    let (status, _, body) = ask(&app, None, TITLES, json!({}), Some(&old_tag)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, published);

    // A command through the runtime, caught up: the same.
    correct_title(&app, "leeds", &id.to_string(), "Bus lanes on the A65").await;
    let (_, _, corrected) = ask(&app, None, TITLES, json!({}), None).await;
    assert_eq!(titles(&corrected), ["Bus lanes on the A65"]);
}

async fn other_questions_and_audiences_do_not_share_answers(backend: Backend) {
    let Some((app, cabinet)) = app(backend, "cache_separate").await else {
        return;
    };
    for title in ["Bus lanes", "Libraries"] {
        let id = record_draft(&app, "leeds", &cabinet, title).await;
        publish(&app, "leeds", id).await;
    }
    record_draft(&app, "leeds", &cabinet, "Secret draft").await;
    let cache = &app.services.responses;

    // A clerk's answer holds the draft; it is neither kept nor tagged.
    let clerk = app.clerk("leeds");
    let before = cache.stats();
    let (_, headers, clerks) = ask(&app, Some(&clerk), TITLES, json!({}), None).await;
    assert!(
        titles(&clerks).contains(&"Secret draft".to_owned()),
        "{clerks}"
    );
    assert!(etag(&headers).is_none());
    let (_, _, again) = ask(&app, Some(&clerk), TITLES, json!({}), None).await;
    assert_eq!(again, clerks);
    let after = cache.stats();
    assert_eq!(after.bypassed - before.bypassed, 2);
    assert_eq!((after.hits, after.entries), (before.hits, before.entries));

    // The public, asking the same, gets the published decisions only.
    let (_, _, public) = ask(&app, None, TITLES, json!({}), None).await;
    assert_eq!(titles(&public).len(), 2, "{public}");
    assert!(!public.contains("Secret draft"));

    // Other variables, another query: entries of their own.
    let (_, one_headers, one) = ask(&app, None, TITLES, json!({"first": 1}), None).await;
    assert_eq!(titles(&one).len(), 1);
    let (_, count_headers, count) =
        ask(&app, None, "{ decisions { totalCount } }", json!({}), None).await;
    assert!(count.contains("totalCount"), "{count}");
    assert_ne!(etag(&one_headers), etag(&count_headers));
    let stats = cache.stats();
    assert_eq!(stats.misses - after.misses, 3);
    assert_eq!(stats.hits, after.hits);
    // The clerk still sees the draft after the public's answer was kept.
    let (_, _, clerks_again) = ask(&app, Some(&clerk), TITLES, json!({}), None).await;
    assert!(clerks_again.contains("Secret draft"));
}

async fn answers_with_errors_are_never_kept(backend: Backend) {
    let Some((app, _)) = app(backend, "cache_errors").await else {
        return;
    };
    let cache = &app.services.responses;
    let before = cache.stats();
    // The whole log is for clerks and auditors: a field error for the public.
    let forbidden = "{ council { slug } log(first: 1) { edges { cursor } } }";
    for _ in 0..2 {
        let (status, headers, body) = ask(&app, None, forbidden, json!({}), None).await;
        assert_eq!(status, StatusCode::OK);
        assert!(body.contains("FORBIDDEN"), "{body}");
        assert!(etag(&headers).is_none());
        assert_eq!(headers["cache-control"], "no-store");
    }
    // A document that does not validate.
    for _ in 0..2 {
        let (status, headers, _) = ask(&app, None, "{ nothing }", json!({}), None).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(etag(&headers).is_none());
    }
    let after = cache.stats();
    assert_eq!(after.hits, before.hits);
    assert_eq!(after.entries, before.entries);
}

async fn an_erasure_is_seen_by_the_next_read(backend: Backend) {
    let Some(app) = spawn(backend, "cache_erasure").await else {
        return;
    };
    let maidstone = TestApp::council("maidstone");
    let contacts = "{ decisions { edges { node { contact { email asGiven } } } } }";
    let cache = &app.services.responses;
    let before = cache.stats();
    for _ in 0..2 {
        let answer = app.post(&maidstone, None, contacts, json!({})).await;
        assert!(
            answer
                .text
                .to_lowercase()
                .contains("paultaylor@maidstone.gov.uk"),
            "{}",
            answer.text
        );
    }
    assert_eq!(cache.stats().hits - before.hits, 1);

    let tenant = app.tenant("maidstone").await;
    let dpo = civic_eventstore::Actor::parse("user:data-protection-officer").unwrap();
    let reason = civic_domain::values::Reason::parse("Erasure request (UK GDPR art. 17)").unwrap();
    let envelope = civic_runtime::Envelope::new(tenant, dpo, uuid::Uuid::now_v7());
    app.services
        .directory
        .home()
        .erase_personal_data(&envelope, "PaulTaylor@Maidstone.gov.uk", reason)
        .await
        .unwrap();
    let answer = app.post(&maidstone, None, contacts, json!({})).await;
    assert!(answer.body["errors"].is_null(), "{}", answer.text);
    assert!(
        !answer.text.to_lowercase().contains("paultaylor@"),
        "{}",
        answer.text
    );
}

both_backends!(
    a_repeated_public_query_is_answered_from_the_cache_and_revalidated,
    after_a_write_the_next_read_is_the_new_answer,
    other_questions_and_audiences_do_not_share_answers,
    answers_with_errors_are_never_kept,
    an_erasure_is_seen_by_the_next_read,
);
