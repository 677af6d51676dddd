//! The cost model on documents: what counts, how much, and what is refused before anything else
//! looks at a document.

#![allow(clippy::unwrap_used)]

use async_graphql::{Request, Variables};
use serde_json::json;

use super::model::{AS_OF_LIST, FIELD, LIST_LENGTH, READ, WRITE};
use super::{Admitted, Refusal, admit, admitted};
use crate::error::Code;
use crate::settings::Limits;

/// GraphiQL's introspection query (graphql-js 16), as `tests/http.rs` sends it.
pub const INTROSPECTION: &str = "query IntrospectionQuery {
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

const ID: &str = "0190f2c4-7d3e-7000-8000-000000000000";

fn cost_with(document: &str, variables: serde_json::Value) -> Result<u64, Refusal> {
    cost_within(document, variables, &Limits::default())
}

fn cost_within(
    document: &str,
    variables: serde_json::Value,
    limits: &Limits,
) -> Result<u64, Refusal> {
    let mut request = Request::new(document).variables(Variables::from_json(variables));
    admit(&mut request, limits)
}

/// The default limits with room for documents of any length: to reach the cost check with long
/// documents.
fn size_unlimited() -> Limits {
    let mut limits = Limits::default();
    limits.cost.max_bytes = usize::MAX;
    limits.cost.max_tokens = usize::MAX;
    limits
}

fn cost(document: &str) -> u64 {
    cost_with(document, json!({})).unwrap_or_else(|refusal| panic!("{refusal}"))
}

/// `n` aliased `decision(id:)` lookups of `{ id }`.
fn lookups(n: usize) -> String {
    let aliases: String = (0..n)
        .map(|i| format!("d{i}: decision(id: $id) {{ id }}\n"))
        .collect();
    format!("query($id: UUID!) {{\n{aliases}}}")
}

#[test]
fn a_field_costs_one_and_a_read_a_hundred_plus_what_it_selects() {
    assert_eq!(cost("{ __typename }"), FIELD);
    assert_eq!(
        cost(&format!("{{ decision(id: \"{ID}\") {{ title uuid }} }}")),
        READ + 2 * FIELD
    );
    assert_eq!(
        cost(&format!(
            "{{ decision(id: \"{ID}\") {{ forwardPlanEntry {{ title }} }} }}"
        )),
        READ + READ + FIELD
    );
}

#[test]
fn every_alias_counts() {
    assert_eq!(cost(&lookups(50)), 50 * (READ + FIELD));
    let limits = size_unlimited();
    assert_eq!(
        cost_within(&lookups(2_400), json!({"id": ID}), &limits)
            .unwrap_err()
            .to_string(),
        format!(
            "the query costs {}, over the limit of {}: ask for fewer records or fields at once \
             (a field costs 1, a read 100, a list each of its items)",
            2_400 * (READ + FIELD),
            limits.cost.max_cost
        )
    );
    assert!(
        matches!(
            cost_with(&lookups(2_400), json!({"id": ID})),
            Err(Refusal::TooLong { limit: 65_536, .. })
        ),
        "with the default limits, it is refused before it is parsed"
    );
}

#[test]
fn the_most_lookups_a_document_may_make_is_the_limit_over_their_price() {
    let most = usize::try_from(Limits::default().cost.max_cost / (READ + FIELD)).unwrap();
    assert!(cost_with(&lookups(most), json!({"id": ID})).is_ok());
    assert!(matches!(
        cost_with(&lookups(most + 1), json!({"id": ID})),
        Err(Refusal::TooExpensive { .. })
    ));
}

#[test]
fn a_connection_counts_its_selection_once_per_item_asked_for() {
    let page = |first: &str| format!("{{ decisions{first} {{ edges {{ node {{ title }} }} }} }}");
    let per_item = 3 * FIELD;
    assert_eq!(cost(&page("")), READ + 20 * per_item, "the default page");
    assert_eq!(cost(&page("(first: 5)")), READ + 5 * per_item);
    assert_eq!(
        cost(&page("(first: 1000)")),
        READ + 100 * per_item,
        "at most the largest page"
    );
    assert_eq!(cost(&page("(first: -3)")), READ + per_item, "at least one");
    assert_eq!(cost(&page("(first: \"ten\")")), READ + 100 * per_item);

    let by_variable = "query($n: Int) { decisions(first: $n) { edges { node { title } } } }";
    assert_eq!(
        cost_with(by_variable, json!({"n": 7})).unwrap(),
        READ + 7 * per_item
    );
    assert_eq!(
        cost_with(by_variable, json!({})).unwrap(),
        READ + 20 * per_item
    );
    let with_default = "query($n: Int = 9) { decisions(first: $n) { edges { node { title } } } }";
    assert_eq!(
        cost_with(with_default, json!({})).unwrap(),
        READ + 9 * per_item
    );
    assert_eq!(
        cost_with(with_default, json!({"n": null})).unwrap(),
        READ + 9 * per_item
    );
}

#[test]
fn a_list_without_paging_counts_its_selection_list_length_times() {
    assert_eq!(
        cost(&format!(
            "{{ decision(id: \"{ID}\") {{ resolutions {{ number text }} }} }}"
        )),
        READ + FIELD + LIST_LENGTH * 2 * FIELD
    );
    assert_eq!(
        cost("{ strategyDocuments { titles { title } } }"),
        READ + LIST_LENGTH * (FIELD + LIST_LENGTH * FIELD)
    );
    assert_eq!(
        cost("{ strategyDocuments { versions { decisions { role } } } }"),
        READ + LIST_LENGTH * (FIELD + LIST_LENGTH * (FIELD + LIST_LENGTH * FIELD)),
        "a version's decisions are a list, not the root connection"
    );
}

#[test]
fn fragments_count_at_every_spread_and_once_more_for_their_definition() {
    let document = format!(
        "{{ a: decision(id: \"{ID}\") {{ ...D }} b: decision(id: \"{ID}\") {{ ...D }} }}
         fragment D on Decision {{ title uuid }}"
    );
    let fragment = 2 * FIELD;
    assert_eq!(cost(&document), 2 * (READ + fragment) + fragment);
    let inline = "{ node(id: \"x\") { ... on Decision { title } ... on Council { slug } } }";
    assert_eq!(
        cost(inline),
        READ + 2 * FIELD,
        "every inline fragment counts"
    );
}

#[test]
fn skipped_and_included_fields_count_whatever_the_condition() {
    let plain = cost(&format!("{{ decision(id: \"{ID}\") {{ title }} }}"));
    for condition in [
        "@skip(if: true)",
        "@include(if: false)",
        "@include(if: $no)",
    ] {
        let document = format!(
            "query($no: Boolean = false) {{ decision(id: \"{ID}\") {condition} {{ title }} }}"
        );
        assert_eq!(cost(&document), plain, "{condition}");
    }
}

#[test]
fn every_operation_of_a_document_counts() {
    let one = cost(&format!("query A {{ decision(id: \"{ID}\") {{ title }} }}"));
    let two = cost(&format!(
        "query A {{ decision(id: \"{ID}\") {{ title }} }} query B {{ decision(id: \"{ID}\") {{ title }} }}"
    ));
    assert_eq!(two, 2 * one);
}

#[test]
fn a_mutations_root_fields_weigh_a_write_each_even_through_a_fragment() {
    let mutation = "mutation { a: withdrawDecision(idempotencyKey: \"k\") { __typename } }";
    assert_eq!(cost(mutation), WRITE + FIELD);
    let through = "mutation { ...M } fragment M on Mutation { a: x { __typename } b: y }";
    assert_eq!(cost(through), 2 * (2 * WRITE + FIELD));
}

#[test]
fn spreads_that_would_expand_exponentially_are_priced_once_each_and_refused() {
    let mut document = String::from("query { ...F0 }\nfragment F0 on Query { __typename }\n");
    for level in 1..=60 {
        let below = level - 1;
        document.push_str(&format!(
            "fragment F{level} on Query {{ ...F{below} ...F{below} }}\n"
        ));
    }
    document = document.replace("query { ...F0 }", "query { ...F60 }");
    match cost_with(&document, json!({})) {
        Err(Refusal::TooExpensive { cost, .. }) => assert!(cost > 1 << 60, "{cost}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn fragment_cycles_and_unknown_fragments_are_refused_before_validation() {
    let cycle = "{ ...A } fragment A on Query { ...B } fragment B on Query { a ...A }";
    assert!(matches!(
        cost_with(cycle, json!({})),
        Err(Refusal::FragmentCycle(_))
    ));
    let unknown = "{ ...A } fragment A on Query { ...Nowhere ...Nowhere }";
    assert!(matches!(
        cost_with(unknown, json!({})),
        Err(Refusal::UnknownFragment(name)) if name == "Nowhere"
    ));
}

#[test]
fn fragment_chains_deeper_than_the_nesting_limit_are_refused() {
    let mut document = String::from("{ ...F0 }\n");
    for level in 0..100 {
        document.push_str(&format!(
            "fragment F{level} on Query {{ a ...F{} }}\n",
            level + 1
        ));
    }
    document.push_str("fragment F100 on Query { a }\n");
    assert!(matches!(
        cost_with(&document, json!({})),
        Err(Refusal::TooDeep { limit: 64 })
    ));
}

#[test]
fn documents_too_long_too_many_tokens_or_too_deep_are_refused_before_they_are_parsed() {
    let long = format!("{{ a }}{}", " ".repeat(64 * 1024));
    assert!(matches!(
        cost_with(&long, json!({})),
        Err(Refusal::TooLong { limit: 65_536, .. })
    ));
    let many = format!("{{ {} }}", "a ".repeat(10_000));
    assert!(matches!(
        cost_with(&many, json!({})),
        Err(Refusal::TooManyTokens {
            tokens: 10_002,
            limit: 8_192
        })
    ));
    // Nested far past what the parser's stack survives on a worker thread.
    let deep = format!("{{ a(b: {}1{}) }}", "[".repeat(5_000), "]".repeat(5_000));
    let refusal = cost_with(&deep, json!({})).unwrap_err();
    assert!(
        matches!(refusal, Refusal::TooDeep { limit: 64 }),
        "{refusal}"
    );
    assert_eq!(refusal.code(), Code::QueryTooExpensive);
}

#[test]
fn a_document_that_does_not_parse_is_a_bad_user_input_with_its_position() {
    let refusal = cost_with("{ council { ", json!({})).unwrap_err();
    assert_eq!(refusal.code(), Code::BadUserInput);
    let error = refusal.to_server_error();
    assert!(!error.locations.is_empty(), "{error:?}");
    assert_eq!(
        error.extensions.unwrap().get("code"),
        Some(&async_graphql::Value::from("BAD_USER_INPUT"))
    );
}

#[test]
fn a_refusal_for_cost_carries_its_code_the_cost_and_the_limit() {
    let refusal = Refusal::TooExpensive {
        cost: 242_400,
        limit: 50_000,
    };
    let error = serde_json::to_value(refusal.to_server_error()).unwrap();
    assert_eq!(
        error["extensions"],
        json!({"code": "QUERY_TOO_EXPENSIVE", "cost": 242_400, "limit": 50_000})
    );
    assert!(error["message"].as_str().unwrap().contains("242400"));
}

#[test]
fn graphiqls_introspection_query_is_admitted_and_its_document_kept_parsed() {
    let mut request = Request::new(INTROSPECTION);
    let cost = admit(&mut request, &Limits::default()).unwrap();
    println!(
        "introspection has {} tokens",
        super::lexer::shape(INTROSPECTION).tokens
    );
    assert!(cost <= Limits::default().cost.max_cost, "{cost}");
    assert!(admitted(&request));
    assert_eq!(
        request
            .data
            .get(&std::any::TypeId::of::<Admitted>())
            .and_then(|d| d.downcast_ref::<Admitted>()),
        Some(&Admitted { cost })
    );
    println!("introspection costs {cost}");
}

/// Every field of a decision, with a selection for each object field.
pub const EVERY_DECISION_FIELD: &str = "id uuid title keyDecision subjectToCallIn purpose
  resolutions { number text } reasons alternativeOptions reasonKey committeeDetails
  representationsBy otherConsulted consultees contact { name email phone asGiven } reportAuthor
  forwardPlanEntryId version decisionMaker { bodyId name } status statusLabel outcome
  wardsAffected { kind wards { wardId name } } publicationDate dateOfDecision
  decided { date body { name } } effectiveFrom tookEffectOn callInDeadline
  interests { member interest dispensation } documents { title url sha256 }
  callIn { deadline computedDeadline computedEffectiveFrom } deferrals { reason until resumed }
  implementation { on note } closingReason corrections { reason correctedOn }
  withheld { field } restricted";

/// A register page of `first` decisions with every field, each with its forward-plan entry (50
/// is the most async-graphql's complexity limit admits).
pub fn register_page_of_every_field(first: u32) -> String {
    format!(
        "{{ decisions(first: {first}) {{ totalCount pageInfo {{ hasNextPage endCursor }}
           edges {{ cursor node {{ {EVERY_DECISION_FIELD} forwardPlanEntry {{ title dateDue }} }} }} }} }}"
    )
}

/// The demo's strategy query (`tests/demo.rs`): three lists deep, with links to decisions.
const DEMO_STRATEGY: &str =
    "{ council { name bodies { name kind } callInPolicy { periodWorkingDays } }
  strategyDocuments { title titles { title from noted: notedBy { title } }
    versions { label status approvedOn period { label rolling }
      decisions { role decision { title } } } } }";

#[test]
fn the_documents_of_real_clients_are_admitted() {
    let limit = Limits::default().cost.max_cost;
    let figures = [
        ("GraphiQL's introspection query", cost(INTROSPECTION)),
        ("the demo's strategy documents", cost(DEMO_STRATEGY)),
        (
            "a register page of 20, title and status",
            cost(
                "{ decisions { edges { node { title statusLabel dateOfDecision publicationDate effectiveFrom } } } }",
            ),
        ),
        (
            "a register page of 50, every field",
            cost(&register_page_of_every_field(50)),
        ),
        (
            "50 aliased lookups",
            cost_with(&lookups(50), json!({"id": ID})).unwrap(),
        ),
    ];
    for (what, cost) in figures {
        println!("{what}: {cost}");
        assert!(cost <= limit, "{what} costs {cost}, over the limit {limit}");
    }
}

/// How many values a JSON answer holds: every object, list and scalar.
fn values(json: &serde_json::Value) -> usize {
    1 + match json {
        serde_json::Value::Object(map) => map.values().map(values).sum(),
        serde_json::Value::Array(items) => items.iter().map(values).sum(),
        _ => 0,
    }
}

async fn introspect(document: &str, limits: &Limits) -> serde_json::Value {
    let schema = crate::graphql::council_schema_builder(limits).finish();
    serde_json::to_value(schema.execute(document).await).unwrap()
}

#[tokio::test]
async fn graphiqls_introspection_answer_fits_the_values_budget_with_a_third_to_spare() {
    let limits = Limits::default();
    let schema = crate::graphql::council_schema_builder(&limits).finish();
    // Twice on one schema: each request has its own budget.
    for _ in 0..2 {
        let answer = serde_json::to_value(schema.execute(INTROSPECTION).await).unwrap();
        assert!(answer.get("errors").is_none(), "{answer}");
    }
    let answer = introspect(INTROSPECTION, &limits).await;
    let held = values(&answer["data"]);
    println!("GraphiQL's introspection answer holds {held} values");
    assert!(held * 4 / 3 <= limits.cost.max_values, "{held}");
}

#[tokio::test]
async fn an_answer_stops_at_its_values_budget_however_little_it_was_priced() {
    let limits = Limits::default();
    let aliases: String = (0..200)
        .map(|i| format!("a{i}: types {{ fields {{ type {{ name }} }} }} "))
        .collect();
    let document = format!("{{ __schema {{ {aliases} }} }}");
    assert!(
        cost(&document) <= limits.cost.max_cost,
        "admitted by the model"
    );
    let answer = introspect(&document, &limits).await;
    let error = &answer["errors"][0];
    assert_eq!(
        error["extensions"],
        json!({"code": "QUERY_TOO_EXPENSIVE", "limit": limits.cost.max_values}),
        "{error}"
    );
    assert_eq!(error["path"][0], "__schema", "{error}");
    assert_eq!(
        answer["errors"].as_array().unwrap().len(),
        1,
        "one error, not one per value"
    );
    assert!(
        answer.get("data").is_some_and(serde_json::Value::is_null),
        "{answer}"
    );
    assert_eq!(answer["data"], serde_json::Value::Null);
}

#[test]
fn a_root_list_asked_as_of_a_moment_weighs_the_fold_of_the_log_and_a_record_does_not() {
    let live = cost("{ meetings(first: 1) { totalCount } }");
    let then = cost("{ meetings(first: 1, asOf: { position: 5 }) { totalCount } }");
    assert_eq!(then, live + AS_OF_LIST);
    let documents = cost("{ strategyDocuments(asOf: { position: 5 }) { title } }");
    assert_eq!(documents, READ + AS_OF_LIST + LIST_LENGTH * FIELD);
    let one = format!("{{ meeting(id: \"{ID}\", asOf: {{ position: 5 }}) {{ uuid }} }}");
    assert_eq!(cost(&one), READ + FIELD);
}
