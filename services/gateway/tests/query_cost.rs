#![allow(clippy::unwrap_used, missing_docs)]
//! No document may stall the server: documents over the cost limits are refused before anything
//! is read, and lookups by id within the limits are read in batches. Reads are counted with
//! `ReadModels::reads_begun`, not timed.

mod common;

use common::{Answer, Backend, TestApp, details, spawn, spawn_with};
use reqwest::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

const MAIDSTONE: &str = "/councils/maidstone/graphql";

impl TestApp {
    fn reads(&self) -> u64 {
        self.services.directory.home().read_models().reads_begun()
    }
}

/// `n` aliased `decision(id: $id)` lookups.
fn lookups(n: usize) -> String {
    let aliases: String = (0..n)
        .map(|i| format!("d{i}: decision(id: $id) {{ id title }}\n"))
        .collect();
    format!("query($id: UUID!) {{\n{aliases}}}")
}

/// The demo decision's id, read once (which also caches the council's slug).
async fn demo_decision(app: &TestApp) -> Value {
    let answer = app
        .post(
            MAIDSTONE,
            None,
            "{ decisions(first: 1) { edges { node { uuid } } } }",
            json!({}),
        )
        .await;
    answer.body["data"]["decisions"]["edges"][0]["node"]["uuid"].clone()
}

fn assert_refused_for_cost(answer: &Answer) {
    assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.text);
    assert_eq!(
        answer.code(),
        Some("QUERY_TOO_EXPENSIVE"),
        "{}",
        answer.text
    );
    assert!(
        answer.body.get("data").is_none(),
        "a request error: {}",
        answer.text
    );
}

async fn a_document_of_2400_aliased_lookups_is_refused_before_anything_is_read(backend: Backend) {
    // Room for its 90 kB and 28,810 tokens, so that it is parsed and priced (by default it is
    // refused earlier, for its length: see the next test).
    let Some(app) = spawn_with(backend, "cost_2400_lookups", |settings| {
        settings.limits.cost.max_bytes = 1 << 20;
        settings.limits.cost.max_tokens = 1 << 20;
    })
    .await
    else {
        return;
    };
    let id = demo_decision(&app).await;
    let before = app.reads();
    let answer = app
        .post(MAIDSTONE, None, &lookups(2_400), json!({"id": id}))
        .await;
    assert_refused_for_cost(&answer);
    let (cost, limit) = (2_400 * 102, civic_gateway::CostLimits::default().max_cost);
    let error = &answer.body["errors"][0];
    assert_eq!(error["extensions"]["cost"], cost, "{}", answer.text);
    assert_eq!(error["extensions"]["limit"], limit, "{}", answer.text);
    let message = error["message"].as_str().unwrap();
    assert!(
        message.contains(&format!("costs {cost}"))
            && message.contains(&format!("limit of {limit}")),
        "{message}"
    );
    assert_eq!(app.reads(), before, "not one read for a refused document");
}

async fn documents_over_the_length_or_token_limits_are_refused_before_they_are_parsed(
    backend: Backend,
) {
    let Some(app) = spawn(backend, "cost_length_tokens").await else {
        return;
    };
    let id = demo_decision(&app).await;
    let before = app.reads();
    for (aliases, figure, limit) in [(2_400, "bytes", 65_536), (700, "tokens", 8_192)] {
        let answer = app
            .post(MAIDSTONE, None, &lookups(aliases), json!({"id": id}))
            .await;
        assert_refused_for_cost(&answer);
        let extensions = &answer.body["errors"][0]["extensions"];
        assert_eq!(extensions["limit"], limit, "{}", answer.text);
        assert!(
            extensions[figure].as_u64().unwrap() > limit,
            "{}",
            answer.text
        );
    }
    assert_eq!(app.reads(), before);
}

async fn fifty_lookups_and_their_nested_links_are_read_in_one_batch_per_kind(backend: Backend) {
    let Some(app) = spawn(backend, "cost_fifty_lookups").await else {
        return;
    };
    let clerk = app.clerk("maidstone");
    let cabinet = app
        .add_body("maidstone", "Planning Committee", "COMMITTEE")
        .await;
    let entry = Uuid::now_v7();
    let entered = app
        .post(MAIDSTONE, Some(&clerk),
              "mutation($key: UUID!, $input: EnterForwardPlanEntryInput!) { enterForwardPlanEntry(idempotencyKey: $key, input: $input) { entry { uuid } } }",
              json!({"key": entry, "input": {"details": {"title": "Parks Plan", "decisionMaker": cabinet, "keyDecision": false, "wards": {"kind": "ALL"}},
                     "dateDue": "2099-01-07", "noticeDate": "2024-01-02", "notice": {"kind": "STANDARD"}}}))
        .await;
    assert!(entered.body["errors"].is_null(), "{}", entered.text);
    let decision = Uuid::now_v7();
    let mut input = details(&cabinet, "Parks Decision");
    input["forwardPlanEntry"] = json!(entry);
    let recorded = app
        .post(
            MAIDSTONE,
            Some(&clerk),
            "mutation($key: UUID!, $input: DecisionDetailsInput!) {
               recordDecision(idempotencyKey: $key, input: $input) { decision { id } } }",
            json!({"key": decision, "input": input}),
        )
        .await;
    let global = recorded.body["data"]["recordDecision"]["decision"]["id"].clone();
    assert!(global.is_string(), "{}", recorded.text);

    // 25 by uuid with the nested entry, 25 by global id, 10 of them for ids of nothing.
    let mut aliases = String::new();
    for i in 0..25 {
        let id = if i % 5 == 0 { "$nothing" } else { "$id" };
        aliases.push_str(&format!(
            "d{i}: decision(id: {id}) {{ title forwardPlanEntry {{ title }} }}\n"
        ));
        aliases.push_str(&format!(
            "n{i}: node(id: $global) {{ ... on Decision {{ title }} }}\n"
        ));
    }
    let document = format!("query($id: UUID!, $nothing: UUID!, $global: ID!) {{\n{aliases}}}");
    let before = app.reads();
    let answer = app
        .post(
            MAIDSTONE,
            Some(&clerk),
            &document,
            json!({"id": decision, "nothing": Uuid::now_v7(), "global": global}),
        )
        .await;
    let reads = app.reads() - before;
    assert!(answer.body["errors"].is_null(), "{}", answer.text);
    let data = &answer.body["data"];
    assert_eq!(data["d1"]["title"], "Parks Decision");
    assert_eq!(data["d1"]["forwardPlanEntry"]["title"], "Parks Plan");
    assert_eq!(data["d0"], Value::Null, "an id of nothing");
    assert_eq!(data["n24"]["title"], "Parks Decision");
    // One read of the decisions (by uuid and by global id alike), one of their entries. The
    // batch collects the lookups that start within a millisecond; allow one straggler.
    assert!((2..=3).contains(&reads), "{reads} reads");
}

async fn fragments_that_would_expand_exponentially_are_refused_before_anything_is_read(
    backend: Backend,
) {
    let Some(app) = spawn(backend, "cost_fragment_bomb").await else {
        return;
    };
    demo_decision(&app).await;
    let mut document =
        String::from("query { ...F40 }\nfragment F0 on Query { council { slug } }\n");
    for level in 1..=40 {
        let below = level - 1;
        document.push_str(&format!(
            "fragment F{level} on Query {{ ...F{below} ...F{below} }}\n"
        ));
    }
    let before = app.reads();
    let answer = app.post(MAIDSTONE, None, &document, json!({})).await;
    assert_refused_for_cost(&answer);
    assert!(
        answer.body["errors"][0]["extensions"]["cost"]
            .as_u64()
            .unwrap()
            > 1 << 40,
        "{}",
        answer.text
    );
    assert_eq!(app.reads(), before);
}

async fn a_document_nested_thousands_deep_is_refused_and_the_server_carries_on(backend: Backend) {
    let Some(app) = spawn(backend, "cost_deep_nesting").await else {
        return;
    };
    // Parsed, this document would overflow a worker's stack and abort the process.
    let deep = format!(
        "{{ council(x: {}1{}) {{ slug }} }}",
        "[".repeat(5_000),
        "]".repeat(5_000)
    );
    let answer = app.post(MAIDSTONE, None, &deep, json!({})).await;
    assert_refused_for_cost(&answer);
    assert!(
        answer.text.contains("nests more than 64"),
        "{}",
        answer.text
    );
    let over_get = app
        .send(
            app.client
                .get(
                    reqwest::Url::parse_with_params(&app.url(MAIDSTONE), [("query", &deep)])
                        .unwrap(),
                )
                .header("accept", "application/graphql-response+json"),
        )
        .await;
    assert_refused_for_cost(&over_get);
    let after = app
        .post(MAIDSTONE, None, "{ council { slug } }", json!({}))
        .await;
    assert_eq!(
        after.body,
        json!({"data": {"council": {"slug": "maidstone"}}})
    );
}

async fn a_malformed_document_is_a_request_error(backend: Backend) {
    let Some(app) = spawn(backend, "cost_malformed").await else {
        return;
    };
    let answer = app.post(MAIDSTONE, None, "{ council { ", json!({})).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.text);
    assert_eq!(answer.code(), Some("BAD_USER_INPUT"));
    assert!(answer.body.get("data").is_none(), "{}", answer.text);
    assert!(
        answer.body["errors"][0]["locations"].is_array(),
        "{}",
        answer.text
    );
}

/// A document that has passed the full validation once skips the walk afterwards; what that walk
/// checks of each request (the variables' values) is still checked every time, and a document
/// that fails it is never taken as validated.
async fn a_document_validated_once_still_has_each_request_s_variables_checked(backend: Backend) {
    let Some(app) = spawn(backend, "cost_validated").await else {
        return;
    };
    let page = "query Page($first: Int!) { decisions(first: $first) { edges { node { title } } } }";
    let documents = &app.services.documents;
    assert!(!documents.validated(page));
    // Different variables each time, so that the response cache answers none of them.
    for first in [1, 2, 3] {
        let answer = app
            .post(MAIDSTONE, None, page, json!({"first": first}))
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
        assert!(
            answer.body["data"]["decisions"]["edges"].is_array(),
            "{}",
            answer.text
        );
        assert!(documents.validated(page));
    }
    for variables in [json!({"first": "two"}), json!({}), json!({"first": null})] {
        let answer = app.post(MAIDSTONE, None, page, variables).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.text);
        assert_eq!(answer.code(), Some("BAD_USER_INPUT"), "{}", answer.text);
        assert!(answer.body.get("data").is_none(), "{}", answer.text);
    }
    let invalid = "query Page($first: Int!) { decisions(first: $first) { nothing } }";
    for first in [1, 2] {
        let answer = app
            .post(MAIDSTONE, None, invalid, json!({"first": first}))
            .await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.text);
        assert_eq!(answer.code(), Some("BAD_USER_INPUT"), "{}", answer.text);
        assert!(!documents.validated(invalid));
    }
}

async fn concurrent_lookups_of_a_clerk_and_the_public_never_share_a_read(backend: Backend) {
    let Some(app) = spawn(backend, "cost_loader_audience").await else {
        return;
    };
    let clerk = app.clerk("maidstone");
    let cabinet = app.add_body("maidstone", "Licensing", "COMMITTEE").await;
    let unpublished = Uuid::now_v7();
    let recorded = app
        .post(
            MAIDSTONE,
            Some(&clerk),
            "mutation($key: UUID!, $input: DecisionDetailsInput!) {
               recordDecision(idempotencyKey: $key, input: $input) { decision { uuid } } }",
            json!({"key": unpublished, "input": details(&cabinet, "Not Yet Published")}),
        )
        .await;
    assert!(recorded.body["errors"].is_null(), "{}", recorded.text);
    let query =
        "query($id: UUID!) { a: decision(id: $id) { title } b: decision(id: $id) { title } }";
    let vars = json!({"id": unpublished});
    for _ in 0..10 {
        let (public, clerks) = tokio::join!(
            app.post(MAIDSTONE, None, query, vars.clone()),
            app.post(MAIDSTONE, Some(&clerk), query, vars.clone()),
        );
        assert_eq!(
            public.body,
            json!({"data": {"a": null, "b": null}}),
            "{}",
            public.text
        );
        assert_eq!(
            clerks.body["data"]["b"]["title"], "Not Yet Published",
            "{}",
            clerks.text
        );
    }
}

both_backends!(
    a_document_of_2400_aliased_lookups_is_refused_before_anything_is_read,
    documents_over_the_length_or_token_limits_are_refused_before_they_are_parsed,
    fifty_lookups_and_their_nested_links_are_read_in_one_batch_per_kind,
    fragments_that_would_expand_exponentially_are_refused_before_anything_is_read,
    a_document_nested_thousands_deep_is_refused_and_the_server_carries_on,
    a_malformed_document_is_a_request_error,
    concurrent_lookups_of_a_clerk_and_the_public_never_share_a_read,
    a_document_validated_once_still_has_each_request_s_variables_checked,
);
