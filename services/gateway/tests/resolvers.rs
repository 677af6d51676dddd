#![allow(clippy::unwrap_used, missing_docs)]
//! Resolver tests through `schema.execute`, comparing the whole response, extensions included.

mod common;

use std::sync::Arc;

use async_graphql::{Request, Response, Variables};
use chrono::{TimeZone, Utc};
use civic_eventstore::TenantId;
use civic_gateway::auth::Access;
use civic_gateway::auth::verify::{Identity, Principal};
use civic_gateway::error::INTERNAL_MESSAGE;
use civic_gateway::graphql::global_id::{GlobalId, NodeKind};
use civic_gateway::graphql::{CouncilSchema, CouncilScope, council_schema};
use civic_gateway::{Clock, Role, Services, Settings};
use civic_runtime::Runtime;
use common::{Backend, Database, database, details};
use serde_json::{Value, json};
use uuid::Uuid;

struct Fixture {
    schema: CouncilSchema,
    scope: CouncilScope,
    services: Arc<Services>,
    _database: Database,
}

/// The demo council, with the clock on Monday 11 March 2024.
async fn fixture(backend: Backend, test: &str) -> Option<Fixture> {
    let (url, database) = database(backend, test).await?;
    let runtime = Runtime::connect(&url, 8)
        .await
        .unwrap()
        .with_clock(Clock::Fixed(
            Utc.with_ymd_and_hms(2024, 3, 11, 12, 0, 0).unwrap(),
        ));
    let services = Arc::new(Services::new(runtime, Settings::new(url).limits));
    let tenant = services
        .directory
        .home()
        .ensure_demo()
        .await
        .unwrap()
        .tenant();
    Some(Fixture {
        schema: council_schema(services.clone()),
        scope: CouncilScope {
            tenant,
            slug: "maidstone".into(),
            runtime: services.directory.home().clone(),
        },
        services,
        _database: database,
    })
}

fn as_(role: Option<Role>) -> Access {
    let principal = match role {
        None => Principal::Anonymous,
        Some(role) => Principal::Authenticated(Identity {
            subject: format!("{role}@maidstone"),
            council: (role != Role::Admin).then(|| "maidstone".to_owned()),
            role,
        }),
    };
    Access::for_council(&principal, "maidstone").unwrap()
}

impl Fixture {
    async fn run(&self, role: Option<Role>, query: &str, variables: Value) -> Value {
        let request = Request::new(query)
            .variables(Variables::from_json(variables))
            .data(self.scope.clone())
            .data(as_(role));
        json_of(self.schema.execute(request).await)
    }
}

fn json_of(response: Response) -> Value {
    serde_json::to_value(&response).unwrap()
}

async fn anonymous_and_auditor_mutations_are_refused_with_their_codes(backend: Backend) {
    let Some(f) = fixture(backend, "resolvers_mutation_auth").await else {
        return;
    };
    let query = "mutation { renameCouncil(idempotencyKey: \"0190a1b2-0000-7000-8000-000000000001\", input: {name: \"X\"}) { version } }";
    assert_eq!(
        f.run(None, query, json!({})).await,
        json!({"data": null, "errors": [{
            "message": "changing the register needs a clerk's token for this council",
            "locations": [{"line": 1, "column": 12}],
            "path": ["renameCouncil"],
            "extensions": {"code": "UNAUTHENTICATED"}
        }]})
    );
    for role in [Role::Auditor, Role::Admin] {
        assert_eq!(
            f.run(Some(role), query, json!({})).await,
            json!({"data": null, "errors": [{
                "message": "only a clerk of this council may change its register",
                "locations": [{"line": 1, "column": 12}],
                "path": ["renameCouncil"],
                "extensions": {"code": "FORBIDDEN"}
            }]})
        );
    }
}

async fn bad_arguments_are_bad_user_input_naming_the_field(backend: Backend) {
    let Some(f) = fixture(backend, "resolvers_bad_arguments").await else {
        return;
    };
    assert_eq!(
        f.run(None, "{ decisions(first: 0) { totalCount } }", json!({}))
            .await,
        json!({"data": null, "errors": [{
            "message": "first must be between 1 and 100, not 0",
            "locations": [{"line": 1, "column": 3}],
            "path": ["decisions"],
            "extensions": {"code": "BAD_USER_INPUT", "field": "first"}
        }]})
    );
    assert_eq!(
        f.run(
            None,
            "{ decisions(filter: {callInOpen: false}) { totalCount } }",
            json!({})
        )
        .await,
        json!({"data": null, "errors": [{
            "message": "only callInOpen: true is a condition; omit it to list every decision",
            "locations": [{"line": 1, "column": 3}],
            "path": ["decisions"],
            "extensions": {"code": "BAD_USER_INPUT", "field": "filter.callInOpen"}
        }]})
    );
    assert_eq!(
        f.run(None, "{ node(id: \"garbage\") { id } }", json!({}))
            .await,
        json!({"data": null, "errors": [{
            "message": "not an id issued by this register",
            "locations": [{"line": 1, "column": 3}],
            "path": ["node"],
            "extensions": {"code": "BAD_USER_INPUT", "field": "id"}
        }]})
    );
    // async-graphql's own coercion errors get the code too.
    let coerced = f
        .run(
            None,
            "{ decision(id: \"not-a-uuid\") { title } }",
            json!({}),
        )
        .await;
    assert_eq!(
        coerced["errors"][0]["extensions"],
        json!({"code": "BAD_USER_INPUT"}),
        "{coerced}"
    );
}

async fn nodes_of_another_council_never_resolve(backend: Backend) {
    let Some(f) = fixture(backend, "resolvers_nodes").await else {
        return;
    };
    let listed = f
        .run(
            None,
            "{ decisions { edges { node { id uuid } } } }",
            json!({}),
        )
        .await;
    let node = &listed["data"]["decisions"]["edges"][0]["node"];
    let own = node["id"].as_str().unwrap();
    let decision: Uuid = node["uuid"].as_str().unwrap().parse().unwrap();
    let query = "query($id: ID!) { node(id: $id) { id ... on Decision { title } } }";
    assert_eq!(
        f.run(None, query, json!({"id": own})).await,
        json!({"data": {"node": {"id": own, "title": "Information Strategy 2010 - 13"}}})
    );
    let foreign = GlobalId::new(NodeKind::Decision, TenantId::new(), decision).encode();
    assert_eq!(
        f.run(Some(Role::Auditor), query, json!({"id": foreign}))
            .await,
        json!({"data": {"node": null}})
    );
}

async fn a_missing_request_context_is_internal_and_says_nothing_more(backend: Backend) {
    let Some(f) = fixture(backend, "resolvers_internal").await else {
        return;
    };
    // No access attached: a gateway bug, reported without detail.
    let response = f
        .schema
        .execute(Request::new("{ council { name } }").data(f.scope.clone()))
        .await;
    assert_eq!(
        json_of(response),
        json!({"data": null, "errors": [{
            "message": INTERNAL_MESSAGE,
            "locations": [{"line": 1, "column": 3}],
            "path": ["council"],
            "extensions": {"code": "INTERNAL"}
        }]})
    );
}

async fn call_in_open_lists_decisions_whose_window_is_open_today(backend: Backend) {
    let Some(f) = fixture(backend, "resolvers_call_in_open").await else {
        return;
    };
    let cabinet = f
        .services
        .directory
        .home()
        .read_models()
        .council(f.scope.tenant)
        .await
        .unwrap()
        .unwrap()
        .bodies[0]
        .id
        .to_string();
    let decision = Uuid::now_v7();
    let recorded = f
        .run(
            Some(Role::Clerk),
            "mutation($key: UUID!, $input: DecisionDetailsInput!) { recordDecision(idempotencyKey: $key, input: $input) { version } }",
            json!({"key": decision, "input": details(&cabinet, "Car Parks")}),
        )
        .await;
    assert_eq!(
        recorded,
        json!({"data": {"recordDecision": {"version": 1}}})
    );
    let mut key_decision = details(&cabinet, "Depot Sale");
    key_decision["keyDecision"] = json!(true);
    assert_eq!(
        f.run(
            Some(Role::Clerk),
            "mutation($key: UUID!, $input: DecisionDetailsInput!) { recordDecision(idempotencyKey: $key, input: $input) { replayed warnings { code message } } }",
            json!({"key": Uuid::now_v7(), "input": key_decision}),
        )
        .await,
        json!({"data": {"recordDecision": {"replayed": false, "warnings": [{
            "code": "key_decision_without_forward_plan_entry",
            "message": "a key decision with no forward-plan entry linked"
        }]}}})
    );
    let published = f
        .run(
            Some(Role::Clerk),
            "mutation($key: UUID!, $d: UUID!) { publishDecision(idempotencyKey: $key, decisionId: $d, input: {publicationDate: \"2024-03-08\"}) { decision { callInDeadline } warnings { code message } } }",
            json!({"key": Uuid::now_v7(), "d": decision}),
        )
        .await;
    assert_eq!(
        published,
        json!({"data": {"publishDecision": {"decision": {"callInDeadline": "2024-03-15"}, "warnings": []}}})
    );
    assert_eq!(
        f.run(
            None,
            "{ decisions(filter: {callInOpen: true}) { totalCount edges { node { title } } } }",
            json!({})
        )
        .await,
        json!({"data": {"decisions": {"totalCount": 1, "edges": [{"node": {"title": "Car Parks"}}]}}})
    );
    assert_eq!(
        f.run(None, "{ decisions(filter: {decidedTo: \"2011-01-01\", keyDecision: true}) { edges { node { title } } } }", json!({})).await,
        json!({"data": {"decisions": {"edges": [
            {"node": {"title": "Information Strategy 2010 - 13"}},
            {"node": {"title": "Disposal of land at the former depot"}}
        ]}}})
    );
}

async fn a_record_reports_every_bad_field_at_once(backend: Backend) {
    let Some(f) = fixture(backend, "resolvers_every_bad_field").await else {
        return;
    };
    let cabinet = Uuid::now_v7().to_string();
    let mut input = details(&cabinet, "  ");
    input["contact"] = json!({"email": "not an email"});
    input["documents"] = json!([{"title": "Report", "url": "ftp://example.org/report.pdf"}]);
    let answer = f
        .run(
            Some(Role::Clerk),
            "mutation($key: UUID!, $input: DecisionDetailsInput!) { recordDecision(idempotencyKey: $key, input: $input) { version } }",
            json!({"key": Uuid::now_v7(), "input": input}),
        )
        .await;
    assert_eq!(answer["data"], Value::Null, "{answer}");
    let fields: Vec<&str> = answer["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|error| {
            assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT", "{error}");
            assert_eq!(error["path"], json!(["recordDecision"]), "{error}");
            error["extensions"]["field"].as_str().unwrap()
        })
        .collect();
    assert_eq!(
        fields,
        ["title", "contact.email", "documents[0].url"],
        "{answer}"
    );
}

both_backends!(
    a_record_reports_every_bad_field_at_once,
    anonymous_and_auditor_mutations_are_refused_with_their_codes,
    bad_arguments_are_bad_user_input_naming_the_field,
    nodes_of_another_council_never_resolve,
    a_missing_request_context_is_internal_and_says_nothing_more,
    call_in_open_lists_decisions_whose_window_is_open_today,
);
