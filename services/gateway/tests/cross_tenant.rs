#![allow(clippy::unwrap_used, missing_docs)]
//! The cross-tenant probe suite: every query and every mutation of a council's schema, tried
//! with another council's tokens, with no token, with an expired token and with a forged one.
//! All are refused, or (anonymous reads) answered with public data only; nothing of the other
//! council leaks.

mod common;

use common::{Answer, Backend, TestApp, details, spawn};
use reqwest::StatusCode;
use serde_json::{Map, Value, json};
use uuid::Uuid;

const MAIDSTONE: &str = "/councils/maidstone/graphql";
const KENT: &str = "/councils/kent/graphql";

/// Kent's records, as its clerk made them.
struct Kent {
    secret_decision: Uuid,
    published_decision: Uuid,
    entry: Uuid,
    document: Uuid,
    tenant: String,
}

async fn kent(app: &TestApp) -> Kent {
    app.register_council("kent", "Kent County Council").await;
    let cabinet = app.add_body("kent", "Cabinet", "CABINET").await;
    let clerk = app.clerk("kent");
    let record = "mutation($key: UUID!, $input: DecisionDetailsInput!) {
        recordDecision(idempotencyKey: $key, input: $input) { decision { uuid } } }";
    let secret_decision = Uuid::now_v7();
    let mut secret = details(&cabinet, "Kent Secret Plan");
    secret["purpose"] = json!("Kent confidential purpose");
    app.post(
        KENT,
        Some(&clerk),
        record,
        json!({"key": secret_decision, "input": secret}),
    )
    .await;
    let published_decision = Uuid::now_v7();
    let mut published = details(&cabinet, "Kent Published Decision");
    published["reasons"] = json!("Kent exempt reasons: tender prices");
    published["fieldRestrictions"] = json!([{"field": "REASONS", "restriction": {
        "category": "EXEMPT", "paragraphs": [3], "publicInterestTestApplied": true,
        "reason": "Commercially sensitive"}}]);
    app.post(
        KENT,
        Some(&clerk),
        record,
        json!({"key": published_decision, "input": published}),
    )
    .await;
    let publish = app
        .post(KENT, Some(&clerk),
              "mutation($key: UUID!, $d: UUID!) { publishDecision(idempotencyKey: $key, decisionId: $d, input: {publicationDate: \"2024-03-08\"}) { decision { status } } }",
              json!({"key": Uuid::now_v7(), "d": published_decision}))
        .await;
    assert_eq!(
        publish.body["data"]["publishDecision"]["decision"]["status"], "PUBLISHED",
        "{}",
        publish.text
    );
    let entry = Uuid::now_v7();
    let entered = app
        .post(KENT, Some(&clerk),
              "mutation($key: UUID!, $input: EnterForwardPlanEntryInput!) { enterForwardPlanEntry(idempotencyKey: $key, input: $input) { entry { uuid } } }",
              json!({"key": entry, "input": {"details": {"title": "Kent Plan Entry", "decisionMaker": cabinet, "keyDecision": false, "wards": {"kind": "ALL"}},
                     "dateDue": "2099-01-07", "noticeDate": "2024-01-02", "notice": {"kind": "STANDARD"}}}))
        .await;
    assert!(entered.body["errors"].is_null(), "{}", entered.text);
    let document = Uuid::now_v7();
    let created = app
        .post(KENT, Some(&clerk),
              "mutation($key: UUID!) { createStrategyDocument(idempotencyKey: $key, input: {title: \"Kent Strategy\", period: {startYear: 2024, endYear: 2027, rolling: false}}) { document { uuid } } }",
              json!({"key": document}))
        .await;
    assert!(created.body["errors"].is_null(), "{}", created.text);
    let tenant = app
        .post(KENT, None, "{ council { id } }", json!({}))
        .await
        .body["data"]["council"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    Kent {
        secret_decision,
        published_decision,
        entry,
        document,
        tenant,
    }
}

/// What must never appear in an answer about another council: its records, its ids and its
/// council id.
fn leaks(kent: &Kent, answer: &Answer) -> Option<String> {
    leaks_records(answer).or_else(|| leaks_ids(kent, answer))
}

/// Kent's ids or council id in an answer.
fn leaks_ids(kent: &Kent, answer: &Answer) -> Option<String> {
    let text = &answer.text;
    let ids = [
        kent.secret_decision,
        kent.published_decision,
        kent.entry,
        kent.document,
    ];
    ids.iter()
        .find(|id| text.contains(&id.to_string()))
        .map(|id| format!("Kent's id {id}"))
        .or_else(|| {
            text.contains(&kent.tenant)
                .then(|| "Kent's council id".into())
        })
}

/// Kent's records in an answer.
fn leaks_records(answer: &Answer) -> Option<String> {
    let text = &answer.text;
    // Maidstone's own page mentions "Mid Kent", so look for Kent's records, not the word.
    for marker in [
        "Kent County Council",
        "Kent Secret Plan",
        "Kent confidential purpose",
        "Kent Published Decision",
        "tender prices",
        "Kent Plan Entry",
        "Kent Strategy",
    ] {
        if text.contains(marker) {
            return Some(format!("{marker:?}"));
        }
    }
    None
}

/// Every query of the council schema, aimed at `kent`'s ids where it takes one.
fn queries(kent: &Kent) -> Vec<(&'static str, Value)> {
    let node = |kind: &str, id: Uuid, tenant: &str| {
        // A global id of Kent's, made as the gateway makes them.
        use base64::Engine as _;
        let tenant_uuid = String::from_utf8(
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(tenant)
                .unwrap(),
        )
        .unwrap();
        let tenant_uuid = tenant_uuid.rsplit(':').next().unwrap().to_owned();
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(format!("{kind}:{tenant_uuid}:{id}"))
    };
    vec![
        (
            "{ council { name slug wards { name } bodies { name } } }",
            json!({}),
        ),
        (
            "{ decisions(first: 100) { totalCount edges { cursor node { title purpose reasons withheld { field } } } } }",
            json!({}),
        ),
        (
            "query($id: UUID!) { decision(id: $id) { title purpose } }",
            json!({"id": kent.secret_decision}),
        ),
        (
            "query($id: UUID!) { decision(id: $id) { title reasons } }",
            json!({"id": kent.published_decision}),
        ),
        (
            "query($id: ID!) { node(id: $id) { id ... on Decision { title } } }",
            json!({"id": node("Decision", kent.secret_decision, &kent.tenant)}),
        ),
        (
            "query($id: ID!) { node(id: $id) { id ... on Council { name } } }",
            json!({"id": kent.tenant}),
        ),
        (
            "{ forwardPlan(from: \"2000-01-01\") { totalCount edges { node { title } } } }",
            json!({}),
        ),
        (
            "query($id: UUID!) { forwardPlanEntry(id: $id) { title } }",
            json!({"id": kent.entry}),
        ),
        ("{ strategyDocuments { title } }", json!({})),
        (
            "query($id: UUID!) { strategyDocument(id: $id) { title } }",
            json!({"id": kent.document}),
        ),
    ]
}

const INTROSPECTION: &str = "{
  __schema {
    mutationType { fields { name args { name type { ...T } } } }
    types { name kind enumValues { name } inputFields { name type { ...T } } }
  }
}
fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }";

fn type_text(t: &Value) -> String {
    match t["kind"].as_str().unwrap() {
        "NON_NULL" => format!("{}!", type_text(&t["ofType"])),
        "LIST" => format!("[{}]", type_text(&t["ofType"])),
        _ => t["name"].as_str().unwrap().to_owned(),
    }
}

/// A value of type `t` that passes validation, with every UUID set to `target`.
fn sample(t: &Value, types: &[Value], target: Uuid) -> Value {
    match t["kind"].as_str().unwrap() {
        "NON_NULL" => sample(&t["ofType"], types, target),
        "LIST" => json!([]),
        "SCALAR" => match t["name"].as_str().unwrap() {
            "UUID" => json!(target),
            "String" | "ID" => json!("x"),
            "Int" => json!(1),
            "Boolean" => json!(false),
            "Date" => json!("2024-01-02"),
            other => panic!("no sample for scalar {other}"),
        },
        "ENUM" | "INPUT_OBJECT" => {
            let name = t["name"].as_str().unwrap();
            let def = types.iter().find(|d| d["name"] == name).unwrap();
            if def["kind"] == "ENUM" {
                return def["enumValues"][0]["name"].clone();
            }
            let mut object = Map::new();
            for field in def["inputFields"].as_array().unwrap() {
                if field["type"]["kind"] == "NON_NULL" {
                    object.insert(
                        field["name"].as_str().unwrap().to_owned(),
                        sample(&field["type"], types, target),
                    );
                }
            }
            Value::Object(object)
        }
        other => panic!("no sample for {other}"),
    }
}

/// Every mutation of the council schema with valid arguments aimed at `target`, found by
/// introspection so that a new mutation is probed without editing this suite.
async fn mutations(app: &TestApp, target: Uuid) -> Vec<(String, String, Value)> {
    let schema = app
        .post(MAIDSTONE, None, INTROSPECTION, json!({}))
        .await
        .body;
    let types = schema["data"]["__schema"]["types"]
        .as_array()
        .unwrap()
        .clone();
    let fields = schema["data"]["__schema"]["mutationType"]["fields"]
        .as_array()
        .unwrap()
        .clone();
    assert!(fields.len() >= 36, "{} mutations", fields.len());
    fields
        .iter()
        .map(|field| {
            let name = field["name"].as_str().unwrap().to_owned();
            let args = field["args"].as_array().unwrap();
            let decls: Vec<String> = args
                .iter()
                .map(|a| {
                    format!(
                        "${}: {}",
                        a["name"].as_str().unwrap(),
                        type_text(&a["type"])
                    )
                })
                .collect();
            let uses: Vec<String> = args
                .iter()
                .map(|a| format!("{0}: ${0}", a["name"].as_str().unwrap()))
                .collect();
            let mut variables = Map::new();
            for arg in args {
                let arg_name = arg["name"].as_str().unwrap();
                let value = if arg_name == "idempotencyKey" {
                    json!(Uuid::now_v7())
                } else if arg["type"]["kind"] == "NON_NULL" || arg_name.ends_with("Id") {
                    sample(&arg["type"], &types, target)
                } else {
                    Value::Null
                };
                variables.insert(arg_name.to_owned(), value);
            }
            let query = format!(
                "mutation({}) {{ {name}({}) {{ __typename }} }}",
                decls.join(", "),
                uses.join(", ")
            );
            (name, query, Value::Object(variables))
        })
        .collect()
}

/// Kent's decisions as its clerk sees them: what no probe may change.
async fn kent_state(app: &TestApp) -> Value {
    app.post(KENT, Some(&app.clerk("kent")),
             "{ council { version name } decisions(first: 100) { totalCount edges { node { uuid version status } } }
                forwardPlan(from: \"2000-01-01\") { edges { node { version } } } strategyDocuments { version } }",
             json!({}))
        .await
        .body
}

async fn another_councils_tokens_are_refused_outright(backend: Backend) {
    let Some(app) = spawn(backend, "cross_tokens").await else {
        return;
    };
    let kent = kent(&app).await;
    let before = kent_state(&app).await;
    let maidstone_decision = Uuid::now_v7();
    for token in [app.clerk("kent"), app.auditor("kent")] {
        for (query, variables) in queries(&kent) {
            let answer = app.post(MAIDSTONE, Some(&token), query, variables).await;
            assert_eq!(
                answer.status,
                StatusCode::FORBIDDEN,
                "{query}: {}",
                answer.text
            );
            assert_eq!(answer.code(), Some("FORBIDDEN"), "{query}: {}", answer.text);
            assert!(answer.body.get("data").is_none(), "{}", answer.text);
        }
        for (name, query, variables) in mutations(&app, maidstone_decision).await {
            let answer = app.post(MAIDSTONE, Some(&token), &query, variables).await;
            assert_eq!(
                answer.status,
                StatusCode::FORBIDDEN,
                "{name}: {}",
                answer.text
            );
            assert_eq!(answer.code(), Some("FORBIDDEN"), "{name}: {}", answer.text);
        }
    }
    // And the other way round: Maidstone's clerk at Kent, with Kent's ids.
    let maidstone_clerk = app.clerk("maidstone");
    for (name, query, variables) in mutations(&app, kent.published_decision).await {
        let answer = app
            .post(KENT, Some(&maidstone_clerk), &query, variables)
            .await;
        assert_eq!(answer.code(), Some("FORBIDDEN"), "{name}: {}", answer.text);
        assert!(leaks(&kent, &answer).is_none(), "{name}: {}", answer.text);
    }
    assert_eq!(kent_state(&app).await, before);
}

async fn another_councils_ids_resolve_to_nothing(backend: Backend) {
    let Some(app) = spawn(backend, "cross_ids").await else {
        return;
    };
    let kent = kent(&app).await;
    let before = kent_state(&app).await;
    for token in [
        None,
        Some(app.clerk("maidstone")),
        Some(app.auditor("maidstone")),
        Some(app.admin()),
    ] {
        for (query, variables) in queries(&kent) {
            let answer = app
                .post(MAIDSTONE, token.as_deref(), query, variables)
                .await;
            assert_eq!(answer.status, StatusCode::OK, "{query}: {}", answer.text);
            assert!(answer.body["errors"].is_null(), "{query}: {}", answer.text);
            if let Some(leak) = leaks(&kent, &answer) {
                panic!("{query} leaked {leak}: {}", answer.text);
            }
        }
    }
    // Maidstone's clerk aiming every mutation at Kent's ids through Maidstone's endpoint
    // reaches Maidstone's register only: Kent is untouched.
    let maidstone_clerk = app.clerk("maidstone");
    for target in [kent.secret_decision, kent.entry, kent.document] {
        for (name, query, variables) in mutations(&app, target).await {
            let answer = app
                .post(MAIDSTONE, Some(&maidstone_clerk), &query, variables)
                .await;
            // The caller's own input (Kent's id) may be echoed in a "not found"; Kent's records
            // may not appear.
            assert!(leaks_records(&answer).is_none(), "{name}: {}", answer.text);
        }
    }
    assert_eq!(kent_state(&app).await, before);
}

async fn anonymous_callers_read_public_data_only_and_change_nothing(backend: Backend) {
    let Some(app) = spawn(backend, "cross_anonymous").await else {
        return;
    };
    let kent = kent(&app).await;
    let before = kent_state(&app).await;
    let list = app
        .post(KENT, None,
              "{ decisions { totalCount edges { node { title reasons restricted withheld { field notice { text } } } } } }",
              json!({}))
        .await;
    assert_eq!(
        list.body,
        json!({"data": {"decisions": {"totalCount": 1, "edges": [{"node": {
            "title": "Kent Published Decision", "reasons": null, "restricted": true,
            "withheld": [{"field": "REASONS", "notice": {"text":
                "Withheld as exempt information under Local Government Act 1972, Schedule 12A, Part 1 paragraph 3: Commercially sensitive"}}]
        }}]}}}),
        "{}",
        list.text
    );
    for (query, variables) in queries(&kent) {
        let answer = app.post(KENT, None, query, variables).await;
        assert_eq!(answer.status, StatusCode::OK, "{query}: {}", answer.text);
        assert!(
            !answer.text.contains("Kent Secret Plan"),
            "{query}: {}",
            answer.text
        );
        assert!(
            !answer.text.contains("confidential purpose"),
            "{query}: {}",
            answer.text
        );
        assert!(
            !answer.text.contains("tender prices"),
            "{query}: {}",
            answer.text
        );
    }
    for (name, query, variables) in mutations(&app, kent.published_decision).await {
        let answer = app.post(KENT, None, &query, variables).await;
        assert_eq!(
            answer.code(),
            Some("UNAUTHENTICATED"),
            "{name}: {}",
            answer.text
        );
        assert_eq!(answer.body["data"], json!(null), "{name}: {}", answer.text);
    }
    // An auditor of Kent reads what the public may not.
    let audited = app
        .post(
            KENT,
            Some(&app.auditor("kent")),
            "query($id: UUID!) { decision(id: $id) { title purpose } decisions { totalCount } }",
            json!({"id": kent.secret_decision}),
        )
        .await;
    assert_eq!(
        audited.body,
        json!({"data": {"decision": {"title": "Kent Secret Plan", "purpose": "Kent confidential purpose"},
                        "decisions": {"totalCount": 2}}})
    );
    for (name, query, variables) in mutations(&app, kent.published_decision).await {
        let answer = app
            .post(KENT, Some(&app.auditor("kent")), &query, variables)
            .await;
        assert_eq!(
            answer.code(),
            Some("FORBIDDEN"),
            "auditor {name}: {}",
            answer.text
        );
    }
    assert_eq!(kent_state(&app).await, before);
}

async fn expired_forged_and_malformed_tokens_are_unauthenticated(backend: Backend) {
    let Some(app) = spawn(backend, "cross_bad_tokens").await else {
        return;
    };
    let kent = kent(&app).await;
    let before = kent_state(&app).await;
    let bad = [
        app.expired("kent"),
        app.forged("kent"),
        "not-a-token".to_owned(),
        format!("{}x", app.clerk("kent")),
    ];
    for token in &bad {
        for path in [KENT, MAIDSTONE] {
            for (query, variables) in queries(&kent) {
                let answer = app.post(path, Some(token), query, variables).await;
                assert_eq!(
                    answer.status,
                    StatusCode::UNAUTHORIZED,
                    "{query}: {}",
                    answer.text
                );
                assert_eq!(answer.code(), Some("UNAUTHENTICATED"), "{}", answer.text);
                assert!(leaks(&kent, &answer).is_none(), "{}", answer.text);
            }
            for (name, query, variables) in mutations(&app, kent.published_decision).await {
                let answer = app.post(path, Some(token), &query, variables).await;
                assert_eq!(
                    answer.status,
                    StatusCode::UNAUTHORIZED,
                    "{name}: {}",
                    answer.text
                );
                assert_eq!(
                    answer.code(),
                    Some("UNAUTHENTICATED"),
                    "{name}: {}",
                    answer.text
                );
            }
        }
        let register = app
            .post("/graphql", Some(token),
                  "mutation { registerCouncil(idempotencyKey: \"0190a1b2-0000-7000-8000-000000000001\", input: {slug: \"evil\", name: \"Evil\", kind: COUNTY, nation: ENGLAND}) { replayed } }",
                  json!({}))
            .await;
        assert_eq!(
            register.status,
            StatusCode::UNAUTHORIZED,
            "{}",
            register.text
        );
    }
    assert_eq!(kent_state(&app).await, before);
}

async fn only_platform_administrators_register_councils(backend: Backend) {
    let Some(app) = spawn(backend, "cross_platform").await else {
        return;
    };
    let register = "mutation($key: UUID!) { registerCouncil(idempotencyKey: $key, input: {slug: \"evil\", name: \"Evil\", kind: COUNTY, nation: ENGLAND}) { replayed } }";
    for (token, code) in [
        (None, "UNAUTHENTICATED"),
        (Some(app.clerk("maidstone")), "FORBIDDEN"),
        (Some(app.auditor("maidstone")), "FORBIDDEN"),
    ] {
        let answer = app
            .post(
                "/graphql",
                token.as_deref(),
                register,
                json!({"key": Uuid::now_v7()}),
            )
            .await;
        assert_eq!(answer.code(), Some(code), "{}", answer.text);
    }
    let councils = app
        .post("/graphql", None, "{ councils { slug } }", json!({}))
        .await;
    assert_eq!(
        councils.body,
        json!({"data": {"councils": [{"slug": "maidstone"}]}})
    );
}

both_backends!(
    another_councils_tokens_are_refused_outright,
    another_councils_ids_resolve_to_nothing,
    anonymous_callers_read_public_data_only_and_change_nothing,
    expired_forged_and_malformed_tokens_are_unauthenticated,
    only_platform_administrators_register_councils,
);
