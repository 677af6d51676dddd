#![allow(clippy::unwrap_used, missing_docs)]
//! GraphQL over HTTP: methods, media types, status codes and limits.

mod common;

use common::{Backend, TestApp, spawn, spawn_with};
use reqwest::StatusCode;
use serde_json::json;

const MAIDSTONE: &str = "/councils/maidstone/graphql";
const GRAPHQL_RESPONSE: &str = "application/graphql-response+json; charset=utf-8";

fn with_params(app: &TestApp, params: &[(&str, &str)]) -> reqwest::Url {
    reqwest::Url::parse_with_params(&app.url(MAIDSTONE), params).unwrap()
}

async fn queries_work_over_get_and_post_in_both_media_types(backend: Backend) {
    let Some(app) = spawn(backend, "http_get_post").await else {
        return;
    };
    let expected = json!({"data": {"council": {"slug": "maidstone"}}});
    let get = app
        .send(
            app.client
                .get(with_params(&app, &[("query", "{ council { slug } }")])),
        )
        .await;
    assert_eq!(
        (get.status, get.content_type.as_str()),
        (StatusCode::OK, "application/json; charset=utf-8")
    );
    assert_eq!(get.body, expected);
    let get = app
        .send(
            app.client
                .get(with_params(
                    &app,
                    &[
                        (
                            "query",
                            "query Q($s: Boolean!) { council @include(if: $s) { slug } }",
                        ),
                        ("variables", "{\"s\": true}"),
                        ("operationName", "Q"),
                    ],
                ))
                .header("accept", "application/graphql-response+json"),
        )
        .await;
    assert_eq!(
        (get.status, get.content_type.as_str()),
        (StatusCode::OK, GRAPHQL_RESPONSE)
    );
    assert_eq!(get.body, expected);
    let post = app
        .post(MAIDSTONE, None, "{ council { slug } }", json!(null))
        .await;
    assert_eq!(
        (post.status, post.content_type.as_str()),
        (StatusCode::OK, GRAPHQL_RESPONSE)
    );
    assert_eq!(post.body, expected);
}

async fn mutations_over_get_are_refused(backend: Backend) {
    let Some(app) = spawn(backend, "http_get_mutation").await else {
        return;
    };
    let response = app
        .client
        .get(with_params(&app, &[("query", "mutation { renameCouncil(idempotencyKey: \"0190a1b2-0000-7000-8000-000000000001\", input: {name: \"Renamed\"}) { version } }")]))
        .header("accept", "application/graphql-response+json")
        .bearer_auth(app.clerk("maidstone"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(response.headers()["allow"], "POST");
    let council = app
        .post(MAIDSTONE, None, "{ council { name } }", json!({}))
        .await;
    assert_eq!(
        council.body["data"]["council"]["name"],
        "Maidstone Borough Council"
    );
}

async fn malformed_requests_get_their_status_codes(backend: Backend) {
    let Some(app) = spawn(backend, "http_malformed").await else {
        return;
    };
    let post = |content_type: &str, accept: &str, body: &str| {
        app.client
            .post(app.url(MAIDSTONE))
            .header("content-type", content_type)
            .header("accept", accept)
            .body(body.to_owned())
    };
    let json = "application/json";
    let grj = "application/graphql-response+json";
    let cases = [
        (
            post("text/plain", grj, "{ council { slug } }"),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
        (post(json, grj, "{not json"), StatusCode::BAD_REQUEST),
        (
            post(json, grj, "{\"variables\": {}}"),
            StatusCode::BAD_REQUEST,
        ),
        (
            post(json, "text/plain", "{\"query\": \"{ council { slug } }\"}"),
            StatusCode::NOT_ACCEPTABLE,
        ),
        // A query that does not validate: 400 with the GraphQL response type, 200 with JSON.
        (
            post(json, grj, "{\"query\": \"{ nope }\"}"),
            StatusCode::BAD_REQUEST,
        ),
        (
            post(json, json, "{\"query\": \"{ nope }\"}"),
            StatusCode::OK,
        ),
        (
            post(json, grj, "{\"query\": \"{ council { \"}"),
            StatusCode::BAD_REQUEST,
        ),
    ];
    for (request, status) in cases {
        let answer = app.send(request).await;
        assert_eq!(answer.status, status, "{}", answer.text);
        if status != StatusCode::NOT_ACCEPTABLE {
            assert_eq!(answer.code(), Some("BAD_USER_INPUT"), "{}", answer.text);
            assert!(
                answer.body.get("data").is_none(),
                "a request error has no data: {}",
                answer.text
            );
        }
    }
    let put = app.send(app.client.put(app.url(MAIDSTONE))).await;
    assert_eq!(put.status, StatusCode::METHOD_NOT_ALLOWED);
}

async fn unknown_councils_are_not_found(backend: Backend) {
    let Some(app) = spawn(backend, "http_not_found").await else {
        return;
    };
    for slug in ["atlantis", "Not A Slug", "%3Cscript%3E"] {
        let answer = app
            .post(
                &format!("/councils/{slug}/graphql"),
                None,
                "{ council { slug } }",
                json!({}),
            )
            .await;
        assert_eq!(
            answer.status,
            StatusCode::NOT_FOUND,
            "{slug}: {}",
            answer.text
        );
        assert_eq!(answer.code(), Some("NOT_FOUND"));
        let page = app
            .send(
                app.client
                    .get(app.url(&format!("/councils/{slug}/graphql")))
                    .header("accept", "text/html"),
            )
            .await;
        assert_eq!(page.status, StatusCode::NOT_FOUND);
    }
}

async fn browsers_get_graphiql(backend: Backend) {
    let Some(app) = spawn(backend, "http_graphiql").await else {
        return;
    };
    for path in ["/graphql", MAIDSTONE] {
        let page = app
            .send(
                app.client
                    .get(app.url(path))
                    .header("accept", "text/html,application/xhtml+xml,*/*;q=0.8"),
            )
            .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.content_type.starts_with("text/html"),
            "{}",
            page.content_type
        );
        assert!(page.text.contains(path), "the page points at {path}");
        assert!(page.text.to_lowercase().contains("graphiql"));
    }
}

async fn oversized_bodies_deep_queries_and_big_pages_are_refused(backend: Backend) {
    let Some(app) = spawn_with(backend, "http_limits", |settings| {
        settings.limits.max_body_bytes = 4 * 1024;
        settings.limits.max_depth = 6;
        settings.limits.max_complexity = 500;
    })
    .await
    else {
        return;
    };
    let padding = "x".repeat(8 * 1024);
    let big = app
        .post_body(
            MAIDSTONE,
            None,
            &json!({"query": "{ council { slug } }", "operationName": null, "padding": padding}),
        )
        .await;
    assert_eq!(big.status, StatusCode::PAYLOAD_TOO_LARGE);

    let deep = "{ decisions { edges { node { forwardPlanEntry { decision { forwardPlanEntry { decision { title } } } } } } } }";
    let answer = app.post(MAIDSTONE, None, deep, json!({})).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.text);
    assert_eq!(answer.code(), Some("BAD_USER_INPUT"));
    assert!(
        answer.text.contains("too deep") || answer.text.contains("depth"),
        "{}",
        answer.text
    );

    let complex =
        "{ decisions(first: 100) { edges { node { title status statusLabel purpose reasons } } } }";
    let answer = app.post(MAIDSTONE, None, complex, json!({})).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.text);
    assert!(answer.text.contains("complex"), "{}", answer.text);

    let too_many = app
        .post(
            MAIDSTONE,
            None,
            "{ decisions(first: 101) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(too_many.status, StatusCode::OK);
    assert_eq!(
        too_many.body["errors"][0]["extensions"],
        json!({"code": "BAD_USER_INPUT", "field": "first"})
    );
    let ok = app
        .post(
            MAIDSTONE,
            None,
            "{ decisions(first: 2) { totalCount } }",
            json!({}),
        )
        .await;
    // The demo's example decision and its two illustrative records.
    assert_eq!(ok.body, json!({"data": {"decisions": {"totalCount": 3}}}));
}

async fn pages_follow_their_cursors(backend: Backend) {
    let Some(app) = spawn(backend, "http_pages").await else {
        return;
    };
    let first = app
        .post(MAIDSTONE, None, "{ decisions(first: 1, filter: {decidedFrom: \"2010-06-01\"}) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { title } } } }", json!({}))
        .await;
    let page = &first.body["data"]["decisions"];
    assert_eq!(page["totalCount"], 1);
    assert_eq!(page["pageInfo"]["hasNextPage"], false);
    assert_eq!(page["pageInfo"]["endCursor"], page["edges"][0]["cursor"]);
    let after = page["pageInfo"]["endCursor"].as_str().unwrap();
    let next = app
        .post(MAIDSTONE, None, "query($after: String) { decisions(first: 1, after: $after, filter: {decidedFrom: \"2010-06-01\"}) { pageInfo { hasPreviousPage } edges { node { title } } } }", json!({"after": after}))
        .await;
    assert_eq!(
        next.body,
        json!({"data": {"decisions": {"pageInfo": {"hasPreviousPage": true}, "edges": []}}})
    );
    let forged = app
        .post(
            MAIDSTONE,
            None,
            "{ decisions(after: \"not-a-cursor\") { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(
        forged.body["errors"][0]["extensions"],
        json!({"code": "BAD_USER_INPUT", "field": "after"}),
        "{}",
        forged.text
    );
}

/// A list reads the whole decisions only when its selection asks for a field a summary empties
/// (directly, through a fragment or under an alias); a list of short fields reads summaries.
async fn lists_return_long_fields_in_full_when_asked_and_short_fields_alone(backend: Backend) {
    let Some(app) = spawn(backend, "http_list_detail").await else {
        return;
    };
    let short = app
        .post(
            MAIDSTONE,
            None,
            "{ decisions(first: 20) { totalCount edges { node { uuid title } } } }",
            json!({}),
        )
        .await;
    assert!(short.body["errors"].is_null(), "{}", short.text);
    let page = &short.body["data"]["decisions"];
    // The example first (the latest), then the demo's two illustrative records.
    assert_eq!(page["totalCount"], 3);
    let node = &page["edges"][0]["node"];
    assert_eq!(node["title"], "Information Strategy 2010 - 13");
    let id = node["uuid"].as_str().unwrap();

    const LONG: &str = "reasons resolutions { number text } purpose contact { asGiven } \
                        callIn { computedDeadline }";
    let one = app
        .post(
            MAIDSTONE,
            None,
            &format!("query($id: UUID!) {{ decision(id: $id) {{ {LONG} }} }}"),
            json!({"id": id}),
        )
        .await;
    assert!(one.body["errors"].is_null(), "{}", one.text);
    let whole = &one.body["data"]["decision"];
    assert!(
        whole["reasons"].as_str().unwrap().len() > 100,
        "{}",
        one.text
    );
    assert_eq!(whole["resolutions"].as_array().unwrap().len(), 3);
    assert!(whole["contact"]["asGiven"].is_string());
    assert!(whole["callIn"]["computedDeadline"].is_string());

    let listed = app
        .post(
            MAIDSTONE,
            None,
            &format!("{{ decisions(first: 20) {{ edges {{ node {{ title {LONG} }} }} }} }}"),
            json!({}),
        )
        .await;
    assert!(listed.body["errors"].is_null(), "{}", listed.text);
    let node = &listed.body["data"]["decisions"]["edges"][0]["node"];
    assert_eq!(node["title"], "Information Strategy 2010 - 13");
    for field in ["reasons", "resolutions", "purpose", "contact", "callIn"] {
        assert_eq!(node[field], whole[field], "{field}");
    }

    // One long field alone, through a fragment, under an alias.
    let fragment = app
        .post(
            MAIDSTONE,
            None,
            "{ decisions { edges { node { ...Long } } } } \
             fragment Long on Decision { why: reasons }",
            json!({}),
        )
        .await;
    assert!(fragment.body["errors"].is_null(), "{}", fragment.text);
    assert_eq!(
        fragment.body["data"]["decisions"]["edges"][0]["node"]["why"],
        whole["reasons"]
    );
    let alone = app
        .post(
            MAIDSTONE,
            None,
            "{ decisions { edges { node { resolutions { text } } } } }",
            json!({}),
        )
        .await;
    assert!(alone.body["errors"].is_null(), "{}", alone.text);
    assert_eq!(
        alone.body["data"]["decisions"]["edges"][0]["node"]["resolutions"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
}

/// GraphiQL's introspection query (graphql-js 16), which nests `ofType` nine deep.
const INTROSPECTION: &str = "query IntrospectionQuery {
  __schema {
    queryType { name } mutationType { name } subscriptionType { name }
    types { ...FullType }
    directives { name description isRepeatable locations args(includeDeprecated: true) { ...InputValue } }
  }
}
fragment FullType on __Type {
  kind name description specifiedByURL
  fields(includeDeprecated: true) {
    name description args(includeDeprecated: true) { ...InputValue } type { ...TypeRef }
    isDeprecated deprecationReason
  }
  inputFields(includeDeprecated: true) { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
}
fragment InputValue on __InputValue {
  name description type { ...TypeRef } defaultValue isDeprecated deprecationReason
}
fragment TypeRef on __Type {
  kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name
  ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name
  } } } } } } } } }
}";

async fn graphiqls_introspection_passes_the_default_limits(backend: Backend) {
    let Some(app) = spawn(backend, "http_introspection").await else {
        return;
    };
    for path in ["/graphql", MAIDSTONE] {
        let answer = app.post(path, None, INTROSPECTION, json!({})).await;
        assert_eq!(
            answer.status,
            StatusCode::OK,
            "{path}: {}",
            &answer.text[..answer.text.len().min(500)]
        );
        assert!(
            answer.body["errors"].is_null(),
            "{path}: {}",
            &answer.text[..answer.text.len().min(500)]
        );
        assert_eq!(
            answer.body["data"]["__schema"]["queryType"]["name"],
            "Query"
        );
    }
}

async fn malformed_custom_scalar_variables_are_request_errors_without_data(backend: Backend) {
    let Some(app) = spawn(backend, "http_scalar_variables").await else {
        return;
    };
    let clerk = app.clerk("maidstone");
    let cases = [
        (
            "query($d: Date!) { decisions(filter: {decidedFrom: $d}) { totalCount } }",
            json!({"d": "2026-02-30"}),
            "February 2026 has 28 days, not 30",
        ),
        (
            "query($id: UUID!) { decision(id: $id) { title } }",
            json!({"id": "not-a-uuid"}),
            "not-a-uuid",
        ),
        (
            "mutation($key: UUID!) { renameCouncil(idempotencyKey: $key, input: {name: \"X\"}) { version } }",
            json!({"key": 12}),
            "UUID",
        ),
    ];
    for (query, variables, says) in cases {
        let answer = app
            .post(
                "/councils/maidstone/graphql",
                Some(&clerk),
                query,
                variables.clone(),
            )
            .await;
        assert_eq!(
            answer.status,
            StatusCode::BAD_REQUEST,
            "{variables}: {}",
            answer.text
        );
        assert!(
            answer.body.get("data").is_none(),
            "{variables}: {}",
            answer.text
        );
        assert!(answer.text.contains(says), "{variables}: {}", answer.text);
    }
}

both_backends!(
    malformed_custom_scalar_variables_are_request_errors_without_data,
    graphiqls_introspection_passes_the_default_limits,
    queries_work_over_get_and_post_in_both_media_types,
    mutations_over_get_are_refused,
    malformed_requests_get_their_status_codes,
    unknown_councils_are_not_found,
    browsers_get_graphiql,
    oversized_bodies_deep_queries_and_big_pages_are_refused,
    pages_follow_their_cursors,
    lists_return_long_fields_in_full_when_asked_and_short_fields_alone,
);
