#![allow(clippy::unwrap_used, missing_docs)]
//! History and `asOf` for every kind of record and for the register's lists, over GraphQL on
//! both backends, on the demo council: clerks and auditors see who recorded each event, the
//! public sees the public record's history without who and never a withheld value or a link to
//! a decision it may not see; a record and a list read exactly as they stood at a position or an
//! instant (a later correction unseen, a later withdrawal not yet made, a later record absent).

mod common;

use common::{Backend, TestApp, correct_title, details, spawn};
use serde_json::{Value, json};
use uuid::Uuid;

const MAIDSTONE: &str = "/councils/maidstone/graphql";
const ON_HOLD_ENTRY: &str = "Town Centre Public Realm Improvements";
const STRATEGY: &str = "Information Strategy";
const EXAMPLE: &str = "Information Strategy 2010 - 13";
const RESTRICTED: &str = "Disposal of land at the former depot";
const WITHHELD_REASONS: &str = "The offer is the best consideration reasonably obtainable.";
const PRIVATE_MINUTES: &str =
    "RESOLVED: That the disposal be approved on the terms set out in the exempt report.";

/// The data of a request that must succeed.
async fn data(app: &TestApp, token: Option<&str>, query: &str, variables: Value) -> Value {
    let answer = app.post(MAIDSTONE, token, query, variables).await;
    assert!(answer.body.get("errors").is_none(), "{}", answer.text);
    answer.body["data"].clone()
}

/// The uuid of the node of `list`'s edges whose `title` is `title`.
fn uuid_titled(list: &Value, title: &str) -> String {
    let nodes: Vec<&Value> = match list.get("edges") {
        Some(edges) => edges
            .as_array()
            .unwrap()
            .iter()
            .map(|e| &e["node"])
            .collect(),
        None => list.as_array().unwrap().iter().collect(),
    };
    nodes
        .iter()
        .find(|n| n["title"] == title)
        .unwrap_or_else(|| panic!("no {title} in {list}"))["uuid"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The demo's records this suite reads, by the field that reads one of them.
struct Demo {
    entry: String,
    meeting: String,
    strategy: String,
    example: String,
    restricted: String,
    cabinet: String,
}

async fn demo(app: &TestApp) -> Demo {
    let clerk = app.clerk("maidstone");
    let lists = data(
        app,
        Some(&clerk),
        "{ forwardPlan(from: \"2000-01-01\", first: 50) { edges { node { uuid title } } }
           meetings(first: 50) { edges { node { uuid } } }
           strategyDocuments { uuid title }
           decisions(first: 50) { edges { node { uuid title } } }
           council { bodies { bodyId name } } }",
        json!({}),
    )
    .await;
    let cabinet = lists["council"]["bodies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["name"] == "Cabinet")
        .unwrap()["bodyId"]
        .as_str()
        .unwrap()
        .to_owned();
    Demo {
        entry: uuid_titled(&lists["forwardPlan"], ON_HOLD_ENTRY),
        meeting: lists["meetings"]["edges"][0]["node"]["uuid"]
            .as_str()
            .unwrap()
            .to_owned(),
        strategy: uuid_titled(&lists["strategyDocuments"], STRATEGY),
        example: uuid_titled(&lists["decisions"], EXAMPLE),
        restricted: uuid_titled(&lists["decisions"], RESTRICTED),
        cabinet,
    }
}

async fn history(app: &TestApp, token: Option<&str>, field: &str, id: &str) -> Vec<Value> {
    let query = format!(
        "query($id: UUID!) {{ {field}(id: $id) {{ history {{ position eventType actor commandId \
         correlationId recordedAt changes {{ field old new }} }} }} }}"
    );
    let data = data(app, token, &query, json!({"id": id})).await;
    data[field]["history"]
        .as_array()
        .unwrap_or_else(|| panic!("{field}: {data}"))
        .clone()
}

/// Runs a mutation as the clerk; returns its payload.
async fn mutate(app: &TestApp, mutation: &str, field: &str, variables: Value) -> Value {
    let mut variables = variables;
    variables["key"] = json!(Uuid::now_v7());
    let clerk = app.clerk("maidstone");
    data(app, Some(&clerk), mutation, variables).await[field].clone()
}

async fn every_kind_of_record_has_its_history_with_who_only_for_clerks_and_auditors(
    backend: Backend,
) {
    let Some(app) = spawn(backend, "history_every_kind").await else {
        return;
    };
    let demo = demo(&app).await;
    let clerk = app.clerk("maidstone");
    let auditor = app.auditor("maidstone");
    let kinds = [
        ("forwardPlanEntry", &demo.entry, "ForwardPlanEntryEntered"),
        ("meeting", &demo.meeting, "MeetingRecorded"),
        (
            "strategyDocument",
            &demo.strategy,
            "StrategyDocumentCreated",
        ),
        ("decision", &demo.example, "DecisionRecorded"),
    ];
    for (field, id, first) in kinds {
        let full = history(&app, Some(&clerk), field, id).await;
        assert_eq!(full[0]["eventType"], first, "{field}: {full:?}");
        assert!(
            full.iter()
                .all(|e| e["actor"] == "system:demo" && e["commandId"].is_string()),
            "{field}: {full:?}"
        );
        assert!(!full[0]["changes"].as_array().unwrap().is_empty());
        assert_eq!(history(&app, Some(&auditor), field, id).await, full);

        let public = history(&app, None, field, id).await;
        assert!(
            public.iter().all(|e| e["actor"].is_null()
                && e["commandId"].is_null()
                && e["correlationId"].is_null()),
            "{field}: {public:?}"
        );
        if field == "decision" {
            // Public from its publication only.
            assert_eq!(public[0]["eventType"], "DecisionPublished", "{public:?}");
            assert!(public.len() < full.len());
        } else {
            // Forward plans, meetings and strategies are public from the start.
            assert_eq!(public.len(), full.len(), "{field}: {public:?}");
        }
    }

    // Withheld values: in the clerk's history, never in the public's.
    let text = |entries: &[Value]| serde_json::to_string(entries).unwrap();
    let minutes = PRIVATE_MINUTES.replace('"', "\\\"");
    assert!(text(&history(&app, Some(&clerk), "meeting", &demo.meeting).await).contains(&minutes));
    assert!(!text(&history(&app, None, "meeting", &demo.meeting).await).contains(&minutes));
    let full = history(&app, Some(&clerk), "decision", &demo.restricted).await;
    assert!(text(&full).contains(WITHHELD_REASONS));
    let public = history(&app, None, "decision", &demo.restricted).await;
    assert!(!public.is_empty());
    assert!(!text(&public).contains(WITHHELD_REASONS), "{public:?}");

    // An unpublished decision has no public history, and a forward-plan entry linked to it
    // shows the public no trace of the link.
    let recorded = mutate(
        &app,
        "mutation($key: UUID!, $input: DecisionDetailsInput!) {
           recordDecision(idempotencyKey: $key, input: $input) { decision { uuid } } }",
        "recordDecision",
        json!({"input": details(&demo.cabinet, "Public realm: works contract")}),
    )
    .await;
    let unpublished = recorded["decision"]["uuid"].as_str().unwrap().to_owned();
    mutate(
        &app,
        "mutation($key: UUID!, $entry: UUID!, $input: LinkForwardPlanDecisionInput!) {
           linkForwardPlanDecision(idempotencyKey: $key, entryId: $entry, input: $input) { position } }",
        "linkForwardPlanDecision",
        json!({"entry": demo.entry, "input": {"decisionId": unpublished}}),
    )
    .await;
    let nothing = data(
        &app,
        None,
        "query($id: UUID!) { decision(id: $id) { history { position } } }",
        json!({"id": unpublished}),
    )
    .await;
    assert_eq!(nothing["decision"], Value::Null);
    let full = history(&app, Some(&clerk), "forwardPlanEntry", &demo.entry).await;
    assert_eq!(
        full.last().unwrap()["eventType"],
        "ForwardPlanEntryDecisionLinked"
    );
    assert!(text(&full).contains(&unpublished));
    let public = history(&app, None, "forwardPlanEntry", &demo.entry).await;
    assert_eq!(public.len(), full.len());
    assert!(!text(&public).contains(&unpublished), "{public:?}");
    let changed = public.last().unwrap()["changes"]
        .as_array()
        .unwrap()
        .clone();
    assert!(
        changed.iter().all(|c| c["field"] != "decision"),
        "{changed:?}"
    );
}

/// One record read as it stood at `moment`.
async fn record_at(
    app: &TestApp,
    token: Option<&str>,
    field: &str,
    selection: &str,
    id: &str,
    moment: Value,
) -> Value {
    let query =
        format!("query($id: UUID!, $at: AsOf) {{ {field}(id: $id, asOf: $at) {{ {selection} }} }}");
    data(app, token, &query, json!({"id": id, "at": moment})).await[field].clone()
}

async fn each_kind_of_record_reads_as_it_stood_at_a_position_or_an_instant(backend: Backend) {
    let Some(app) = spawn(backend, "as_of_every_kind").await else {
        return;
    };
    let demo = demo(&app).await;
    let clerk = app.clerk("maidstone");

    // A forward-plan entry rescheduled later.
    let was = record_at(
        &app,
        None,
        "forwardPlanEntry",
        "dateDue title",
        &demo.entry,
        json!({"position": 1_000_000}),
    )
    .await;
    let rescheduled = mutate(
        &app,
        "mutation($key: UUID!, $entry: UUID!, $input: RescheduleForwardPlanEntryInput!) {
           rescheduleForwardPlanEntry(idempotencyKey: $key, entryId: $entry, input: $input) {
             position entry { dateDue } } }",
        "rescheduleForwardPlanEntry",
        json!({"entry": demo.entry, "input": {"dateDue": "2011-03-01", "reason": "Awaiting funding"}}),
    )
    .await;
    let at = rescheduled["position"].as_u64().unwrap();
    assert_eq!(rescheduled["entry"]["dateDue"], "2011-03-01");
    assert_ne!(was["dateDue"], "2011-03-01");
    for token in [Some(clerk.as_str()), None] {
        let before = json!({"position": at - 1});
        let entry = |moment| {
            record_at(
                &app,
                token,
                "forwardPlanEntry",
                "dateDue",
                &demo.entry,
                moment,
            )
        };
        assert_eq!(entry(before).await["dateDue"], was["dateDue"]);
        assert_eq!(
            entry(json!({"position": at})).await["dateDue"],
            "2011-03-01"
        );
    }

    // A strategy document renamed later, asked by instant.
    let full = history(&app, Some(&clerk), "strategyDocument", &demo.strategy).await;
    let last_recorded = full.last().unwrap()["recordedAt"].clone();
    let renamed = mutate(
        &app,
        "mutation($key: UUID!, $doc: UUID!, $input: RenameStrategyDocumentInput!) {
           renameStrategyDocument(idempotencyKey: $key, documentId: $doc, input: $input) {
             position document { title } } }",
        "renameStrategyDocument",
        json!({"doc": demo.strategy, "input": {"title": "Digital Strategy", "on": "2011-01-01"}}),
    )
    .await;
    assert_eq!(renamed["document"]["title"], "Digital Strategy");
    let renamed_at = history(&app, Some(&clerk), "strategyDocument", &demo.strategy)
        .await
        .last()
        .unwrap()["recordedAt"]
        .clone();
    let title = |moment| {
        record_at(
            &app,
            None,
            "strategyDocument",
            "title",
            &demo.strategy,
            moment,
        )
    };
    assert_eq!(title(json!({"at": last_recorded})).await["title"], STRATEGY);
    assert_eq!(
        title(json!({"at": renamed_at})).await["title"],
        "Digital Strategy"
    );
    assert_eq!(
        title(json!({"at": "2000-01-01T00:00:00Z"})).await,
        Value::Null
    );

    // A meeting recorded later, then cancelled: absent before it was recorded, not cancelled
    // before it was cancelled.
    let recorded = mutate(
        &app,
        "mutation($key: UUID!, $input: MeetingDetailsInput!) {
           recordMeeting(idempotencyKey: $key, input: $input) { position meeting { uuid } } }",
        "recordMeeting",
        json!({"input": {"bodyId": demo.cabinet, "bodyName": "Cabinet", "date": "2010-07-14",
                         "status": "SCHEDULED"}}),
    )
    .await;
    let meeting = recorded["meeting"]["uuid"].as_str().unwrap().to_owned();
    let recorded_at = recorded["position"].as_u64().unwrap();
    let cancelled = mutate(
        &app,
        "mutation($key: UUID!, $meeting: UUID!) {
           cancelMeeting(idempotencyKey: $key, meetingId: $meeting, input: {reason: \"No business\"}) {
             position } }",
        "cancelMeeting",
        json!({"meeting": meeting}),
    )
    .await;
    let cancelled_at = cancelled["position"].as_u64().unwrap();
    let state = |position: u64| {
        record_at(
            &app,
            None,
            "meeting",
            "status cancellation { reason }",
            &meeting,
            json!({"position": position}),
        )
    };
    assert_eq!(state(recorded_at - 1).await, Value::Null);
    assert_eq!(
        state(recorded_at).await,
        json!({"status": "SCHEDULED", "cancellation": null})
    );
    assert_eq!(
        state(cancelled_at).await["cancellation"],
        json!({"reason": "No business"})
    );

    // The withheld minutes stay withheld in the past too.
    let minutes = |token| {
        record_at(
            &app,
            token,
            "meeting",
            "items { minutes }",
            &demo.meeting,
            json!({"position": cancelled_at}),
        )
    };
    let text = |v: Value| v.to_string();
    let minutes_text = PRIVATE_MINUTES.replace('"', "\\\"");
    assert!(text(minutes(Some(clerk.as_str())).await).contains(&minutes_text));
    assert!(!text(minutes(None).await).contains(&minutes_text));

    // Both a position and an instant: refused.
    let both = app
        .post(
            MAIDSTONE,
            None,
            "query($id: UUID!) { meeting(id: $id, asOf: {position: 1, at: \"2010-01-01T00:00:00Z\"}) { uuid } }",
            json!({"id": meeting}),
        )
        .await;
    assert_eq!(both.code(), Some("BAD_USER_INPUT"), "{}", both.text);
}

const DECISIONS_AT: &str =
    "query($at: AsOf, $filter: DecisionFilterInput, $first: Int, $after: String) {
  decisions(asOf: $at, filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { uuid title status } } } }";

async fn decisions_at(app: &TestApp, token: Option<&str>, moment: Value, filter: Value) -> Value {
    data(
        app,
        token,
        DECISIONS_AT,
        json!({"at": moment, "filter": filter, "first": 100}),
    )
    .await["decisions"]
        .clone()
}

fn titled<'a>(list: &'a Value, id: &str) -> Option<&'a Value> {
    list["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["node"])
        .find(|n| n["uuid"] == id)
}

async fn the_registers_lists_read_as_they_stood_at_a_position_or_an_instant(backend: Backend) {
    let Some(app) = spawn(backend, "as_of_lists").await else {
        return;
    };
    let demo = demo(&app).await;
    let clerk = app.clerk("maidstone");
    let tokens = [Some(clerk.as_str()), None];

    // At the log's head, every list reads as the live list, for clerks and the public.
    let now = json!({"at": "2100-01-01T00:00:00Z"});
    let lists = [
        "decisions(first: 100, asOf: $at) { totalCount edges { cursor node { uuid title status } } }",
        "forwardPlan(from: \"2000-01-01\", first: 100, asOf: $at) { totalCount edges { cursor node { uuid title decisionId } } }",
        "meetings(first: 100, asOf: $at) { totalCount edges { cursor node { uuid date items { minutes } } } }",
        "strategyDocuments(asOf: $at) { uuid title versions { decisions { decisionId } } }",
    ];
    for list in lists {
        let then = format!("query($at: AsOf) {{ {list} }}");
        let live = format!(
            "{{ {} }}",
            list.replace(", asOf: $at", "").replace("(asOf: $at)", "")
        );
        for token in tokens {
            assert_eq!(
                data(&app, token, &then, json!({"at": now})).await,
                data(&app, token, &live, json!({})).await
            );
        }
    }

    // A decision recorded and published later; then the example corrected and the new one
    // withdrawn.
    let recorded = mutate(
        &app,
        "mutation($key: UUID!, $input: DecisionDetailsInput!) {
           recordDecision(idempotencyKey: $key, input: $input) { position decision { uuid } } }",
        "recordDecision",
        json!({"input": details(&demo.cabinet, "Parking Charges Review")}),
    )
    .await;
    let created_at = recorded["position"].as_u64().unwrap();
    let new = recorded["decision"]["uuid"].as_str().unwrap().to_owned();
    let linked = mutate(
        &app,
        "mutation($key: UUID!, $entry: UUID!, $input: LinkForwardPlanDecisionInput!) {
           linkForwardPlanDecision(idempotencyKey: $key, entryId: $entry, input: $input) { position } }",
        "linkForwardPlanDecision",
        json!({"entry": demo.entry, "input": {"decisionId": new}}),
    )
    .await;
    let linked_at = linked["position"].as_u64().unwrap();
    let published = mutate(
        &app,
        "mutation($key: UUID!, $decision: UUID!, $input: PublishDecisionInput!) {
           publishDecision(idempotencyKey: $key, decisionId: $decision, input: $input) { position } }",
        "publishDecision",
        json!({"decision": new, "input": {"publicationDate": "2024-03-08"}}),
    )
    .await;
    let published_at = published["position"].as_u64().unwrap();
    let corrected_at = correct_title(
        &app,
        "maidstone",
        &demo.example,
        "Information Strategy 2010 - 2013",
    )
    .await;
    let withdrawn = mutate(
        &app,
        "mutation($key: UUID!, $decision: UUID!, $input: WithdrawDecisionInput!) {
           withdrawDecision(idempotencyKey: $key, decisionId: $decision, input: $input) { position } }",
        "withdrawDecision",
        json!({"decision": new, "input": {"reason": "Superseded"}}),
    )
    .await;
    let withdrawn_at = withdrawn["position"].as_u64().unwrap();
    assert!(
        created_at < published_at && published_at < corrected_at && corrected_at < withdrawn_at
    );

    // A link to a decision: the public sees it only once the decision was public.
    let link = |token, position| {
        record_at(
            &app,
            token,
            "forwardPlanEntry",
            "decisionId",
            &demo.entry,
            json!({"position": position}),
        )
    };
    assert_eq!(link(None, linked_at).await["decisionId"], Value::Null);
    assert_eq!(link(None, published_at).await["decisionId"], new.as_str());
    assert_eq!(
        link(Some(clerk.as_str()), linked_at).await["decisionId"],
        new.as_str()
    );

    let at = |position: u64| json!({"position": position});
    for token in tokens {
        // Created later: absent before.
        let before = decisions_at(&app, token, at(created_at - 1), json!({})).await;
        assert!(titled(&before, &new).is_none(), "{before}");
        let count_before = before["totalCount"].as_u64().unwrap();
        // Published: listed (for the public only from then).
        let listed = decisions_at(&app, token, at(published_at), json!({})).await;
        assert_eq!(listed["totalCount"].as_u64().unwrap(), count_before + 1);
        assert_eq!(titled(&listed, &new).unwrap()["status"], "PUBLISHED");
        // A correction later is not visible before it.
        let example = titled(&listed, &demo.example).unwrap();
        assert_eq!(example["title"], EXAMPLE);
        let corrected = decisions_at(&app, token, at(corrected_at), json!({})).await;
        assert_eq!(
            titled(&corrected, &demo.example).unwrap()["title"],
            "Information Strategy 2010 - 2013"
        );
        // Withdrawn later: still listed (and published) before it, with a filter on status.
        let published_filter = json!({"status": ["PUBLISHED"]});
        let then = decisions_at(&app, token, at(withdrawn_at - 1), published_filter.clone()).await;
        assert_eq!(
            titled(&then, &new).unwrap()["status"],
            "PUBLISHED",
            "{then}"
        );
        let after = decisions_at(&app, token, at(withdrawn_at), published_filter).await;
        assert!(titled(&after, &new).is_none(), "{after}");
        let all = decisions_at(&app, token, at(withdrawn_at), json!({})).await;
        assert_eq!(titled(&all, &new).unwrap()["status"], "WITHDRAWN");
    }
    // For the public, recorded but unpublished: not listed.
    let unpublished = decisions_at(&app, None, at(published_at - 1), json!({})).await;
    assert!(titled(&unpublished, &new).is_none());
    let clerks = decisions_at(&app, Some(&clerk), at(published_at - 1), json!({})).await;
    assert_eq!(titled(&clerks, &new).unwrap()["status"], "MADE");

    // The instant form: as the list stood when the publication was recorded.
    let history = history(&app, Some(&clerk), "decision", &new).await;
    let published_instant = history[1]["recordedAt"].clone();
    assert_eq!(history[1]["eventType"], "DecisionPublished");
    let by_instant = decisions_at(&app, None, json!({"at": published_instant}), json!({})).await;
    assert_eq!(
        by_instant,
        decisions_at(&app, None, at(published_at), json!({})).await
    );

    // Pages: the live list's cursors page the past list too.
    let first = data(
        &app,
        Some(&clerk),
        DECISIONS_AT,
        json!({"at": at(withdrawn_at), "first": 1}),
    )
    .await["decisions"]
        .clone();
    assert_eq!(first["pageInfo"]["hasNextPage"], true);
    let second = data(
        &app,
        Some(&clerk),
        DECISIONS_AT,
        json!({"at": at(withdrawn_at), "first": 1, "after": first["pageInfo"]["endCursor"]}),
    )
    .await["decisions"]
        .clone();
    let all = decisions_at(&app, Some(&clerk), at(withdrawn_at), json!({})).await;
    assert_eq!(
        [&first["edges"][0], &second["edges"][0]],
        [&all["edges"][0], &all["edges"][1]]
    );

    // The other lists: a record created later is absent before it.
    let strategies_at = |position: u64| {
        data(
            &app,
            None,
            "query($at: AsOf) { strategyDocuments(asOf: $at) { title } }",
            json!({"at": at(position)}),
        )
    };
    assert_eq!(strategies_at(1).await, json!({"strategyDocuments": []}));
    let meetings = |position: u64| {
        data(
            &app,
            None,
            "query($at: AsOf) { meetings(asOf: $at) { totalCount } forwardPlan(from: \"2000-01-01\", asOf: $at) { totalCount } }",
            json!({"at": at(position)}),
        )
    };
    assert_eq!(
        meetings(1).await,
        json!({"meetings": {"totalCount": 0}, "forwardPlan": {"totalCount": 0}})
    );
    let live_counts = data(
        &app,
        None,
        "{ meetings { totalCount } forwardPlan(from: \"2000-01-01\") { totalCount } }",
        json!({}),
    )
    .await;
    assert_eq!(meetings(withdrawn_at).await, live_counts);

    // A text search cannot be asked of the past: refused, not ignored.
    let refused = app
        .post(
            MAIDSTONE,
            None,
            DECISIONS_AT,
            json!({"at": at(withdrawn_at), "filter": {"text": "strategy"}}),
        )
        .await;
    assert_eq!(refused.code(), Some("BAD_USER_INPUT"), "{}", refused.text);
    assert_eq!(
        refused.body["errors"][0]["extensions"]["field"], "filter.text",
        "{}",
        refused.text
    );
}

both_backends!(
    every_kind_of_record_has_its_history_with_who_only_for_clerks_and_auditors,
    each_kind_of_record_reads_as_it_stood_at_a_position_or_an_instant,
    the_registers_lists_read_as_they_stood_at_a_position_or_an_instant,
);
