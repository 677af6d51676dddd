#![allow(clippy::unwrap_used, missing_docs)]
//! GraphQL subscriptions over the graphql-ws protocol (`graphql-transport-ws`), with a real
//! client (graphql-ws-client over tokio-tungstenite), on both backends: the token is checked in
//! `connection_init` (a bad one, or another council's, closes with 4403); the auditors' event
//! feed is the log in order and resumes after a position; the public is told only of public
//! changes; a subscriber of one council never hears of another's; and with two server processes
//! on one PostgreSQL database, each subscriber receives each event exactly once, in order.

mod common;

use std::future::IntoFuture;
use std::time::Duration;

use common::{Backend, TestApp, publish, record_draft, spawn, spawn_with};
use futures_util::StreamExt;
use graphql_ws_client::graphql::GraphqlOperation;
use graphql_ws_client::{Client, Subscription};
use serde::Serialize;
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use uuid::Uuid;

const MAIDSTONE: &str = "/councils/maidstone/graphql";

/// A subscription document and its variables; responses are kept as JSON.
#[derive(Serialize)]
struct Operation {
    query: &'static str,
    variables: Value,
}

impl GraphqlOperation for Operation {
    type Response = Value;
    type Error = serde_json::Error;

    fn decode(&self, data: Value) -> Result<Value, serde_json::Error> {
        Ok(data)
    }
}

const EVENTS: &str = "subscription($after: Int) { events(after: $after) { position stream \
                      recordKind recordId eventType actor commandId correlationId } }";

const CHANGES: &str = "subscription($after: Int) { recordChanged(after: $after) { position \
                       eventType recordKind recordId recordNodeId } }";

/// A graphql-ws connection to `slug`'s endpoint, `connection_init` carrying `payload`.
async fn connect(
    app: &TestApp,
    slug: &str,
    payload: Option<Value>,
) -> Result<Client, graphql_ws_client::Error> {
    let url = format!("ws://{}/councils/{slug}/graphql", app.socket());
    let mut request = url.into_client_request().unwrap();
    request.headers_mut().insert(
        "sec-websocket-protocol",
        "graphql-transport-ws".parse().unwrap(),
    );
    let (socket, response) = tokio_tungstenite::connect_async(request).await.unwrap();
    assert_eq!(
        response.headers()["sec-websocket-protocol"],
        "graphql-transport-ws"
    );
    let mut builder = Client::build(socket);
    if let Some(payload) = payload {
        builder = builder.payload(payload).unwrap();
    }
    let (client, actor) = builder.build().await?;
    tokio::spawn(actor.into_future());
    Ok(client)
}

fn bearer(token: &str) -> Option<Value> {
    Some(json!({"authorization": format!("Bearer {token}")}))
}

async fn subscribe(client: &Client, query: &'static str, after: u64) -> Subscription<Operation> {
    client
        .subscribe(Operation {
            query,
            variables: json!({"after": after}),
        })
        .await
        .unwrap()
}

/// The next `n` items of `field`, failing if one takes longer than 20 s or is an error.
async fn next(subscription: &mut Subscription<Operation>, field: &str, n: usize) -> Vec<Value> {
    let mut items = Vec::new();
    while items.len() < n {
        let response = tokio::time::timeout(Duration::from_secs(20), subscription.next())
            .await
            .unwrap_or_else(|_| panic!("waited 20 s for item {} of {n}: {items:?}", items.len()))
            .expect("the subscription ended")
            .unwrap();
        assert!(response["errors"].is_null(), "{response}");
        items.push(response["data"][field].clone());
    }
    items
}

/// Nothing more arrives within `wait`.
async fn quiet(subscription: &mut Subscription<Operation>, wait: Duration) {
    if let Ok(Some(extra)) = tokio::time::timeout(wait, subscription.next()).await {
        panic!("nothing more was expected, got {:?}", extra.unwrap());
    }
}

/// The last position of `slug`'s log.
async fn head(app: &TestApp, slug: &str) -> u64 {
    let tenant = app.tenant(slug).await;
    use civic_eventstore::EventStore as _;
    app.services
        .directory
        .home()
        .store()
        .head(tenant)
        .await
        .unwrap()
        .position
}

fn positions(items: &[Value]) -> Vec<u64> {
    items
        .iter()
        .map(|item| item["position"].as_u64().unwrap())
        .collect()
}

/// Records a held meeting of `body` with one item withheld (paragraph 3); returns its id.
async fn record_meeting(app: &TestApp, body: &str) -> Uuid {
    let (id, public, private) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
    let answer = app
        .post(
            MAIDSTONE,
            Some(&app.clerk("maidstone")),
            "mutation($key: UUID!, $input: MeetingDetailsInput!) {
               recordMeeting(idempotencyKey: $key, input: $input) { meeting { uuid } } }",
            json!({"key": id, "input": {
                "bodyId": body, "bodyName": "Licensing Panel", "date": "2024-03-06",
                "status": "HELD",
                "items": [
                    {"id": public, "number": "1.", "title": "Licences", "minutes": "Granted."},
                    {"id": private, "number": "2.", "title": "Disposal of land",
                     "minutes": "Sold to X Ltd for £1.2m.", "inPrivate": true,
                     "restriction": {"category": "EXEMPT", "paragraphs": [3],
                                     "publicInterestTestApplied": true}}
                ],
                "exclusions": [{"text": "That the public be excluded.", "itemIds": [private]}]
            }}),
        )
        .await;
    assert!(answer.body["errors"].is_null(), "{}", answer.text);
    id
}

/// Notes the page a meeting was read from, as the importer does (through the runtime).
async fn note_meeting_source(app: &TestApp, meeting: Uuid) {
    use civic_domain::meeting::MeetingCommand;
    use civic_domain::provenance::{Provenance, SourceField};
    use civic_domain::values::{LongText, MeetingId, Name, Sha256Digest, SourceLocation};
    let tenant = app.tenant("maidstone").await;
    let provenance = Provenance {
        location: SourceLocation::parse("https://example.gov.uk/ieListDocuments.aspx?MId=1")
            .unwrap(),
        sha256: Sha256Digest::parse(&"ab".repeat(32)).unwrap(),
        fields: vec![SourceField {
            field: Name::parse("date").unwrap(),
            label: Name::parse("Date:").unwrap(),
            text: Some(LongText::parse("6 March 2024").unwrap()),
        }],
    };
    let command = civic_domain::Command::Meeting {
        meeting: MeetingId::from_uuid(meeting),
        command: MeetingCommand::NoteSource { provenance },
    };
    let envelope = civic_runtime::Envelope::new(
        tenant,
        civic_eventstore::Actor::parse("import:test").unwrap(),
        Uuid::now_v7(),
    );
    app.services
        .directory
        .home()
        .run(&envelope, &command)
        .await
        .unwrap();
}

async fn a_bad_token_or_another_councils_token_is_refused_with_4403(backend: Backend) {
    let Some(app) = spawn(backend, "subs_refused").await else {
        return;
    };
    app.register_council("kent", "Kent County Council").await;
    for (payload, why) in [
        (bearer(&app.forged("maidstone")), "a forged token"),
        (bearer(&app.expired("maidstone")), "an expired token"),
        (bearer(&app.clerk("kent")), "another council's clerk"),
        (
            Some(json!({"token": app.auditor("kent")})),
            "another council's auditor",
        ),
    ] {
        match connect(&app, "maidstone", payload).await {
            Err(graphql_ws_client::Error::Close(code, _)) => assert_eq!(code, 4403, "{why}"),
            Err(other) => panic!("{why}: {other}"),
            Ok(_) => panic!("{why} was accepted"),
        }
    }
    // The same tokens are good at their own council; `token` is accepted as well as
    // `authorization`.
    connect(&app, "kent", Some(json!({"token": app.auditor("kent")})))
        .await
        .unwrap();
    // The public may connect, but not read the whole log.
    let public = connect(&app, "maidstone", None).await.unwrap();
    let mut events = subscribe(&public, EVENTS, 0).await;
    let refused = tokio::time::timeout(Duration::from_secs(20), events.next())
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    assert_eq!(
        refused["errors"][0]["extensions"]["code"], "FORBIDDEN",
        "{refused}"
    );
}

async fn the_auditors_event_feed_is_the_log_in_order_and_resumes_after_a_position(
    backend: Backend,
) {
    let Some(app) = spawn(backend, "subs_feed").await else {
        return;
    };
    let start = head(&app, "maidstone").await;
    assert!(start > 3, "the demo council has a log");
    let auditor = connect(&app, "maidstone", bearer(&app.auditor("maidstone")))
        .await
        .unwrap();
    let mut feed = subscribe(&auditor, EVENTS, 0).await;
    // The whole log so far, from position 1, in order, with who and which command.
    let so_far = next(&mut feed, "events", start as usize).await;
    assert_eq!(positions(&so_far), (1..=start).collect::<Vec<_>>());
    assert_eq!(so_far[0]["stream"], "council");
    assert_eq!(so_far[0]["recordKind"], "COUNCIL");
    assert!(so_far.iter().all(|e| e["actor"].is_string()));

    // New events as they are appended.
    let cabinet = app
        .add_body("maidstone", "Scrutiny Panel", "COMMITTEE")
        .await;
    let decision = record_draft(&app, "maidstone", &cabinet, "Feed test").await;
    let new = next(&mut feed, "events", 2).await;
    assert_eq!(positions(&new), vec![start + 1, start + 2]);
    assert_eq!(new[0]["eventType"], "BodyAdded");
    assert_eq!(new[1]["recordKind"], "DECISION");
    assert_eq!(new[1]["recordId"], json!(decision));
    assert!(new[1]["actor"].as_str().unwrap().contains("clerk"));
    quiet(&mut feed, Duration::from_millis(500)).await;

    // A client that reconnects resumes after the last position it saw.
    drop(feed);
    drop(auditor);
    publish(&app, "maidstone", decision).await;
    let again = connect(&app, "maidstone", bearer(&app.clerk("maidstone")))
        .await
        .unwrap();
    let mut resumed = subscribe(&again, EVENTS, start + 1).await;
    let missed = next(&mut resumed, "events", 2).await;
    assert_eq!(positions(&missed), vec![start + 2, start + 3]);
    assert_eq!(missed[1]["eventType"], "DecisionPublished");
    quiet(&mut resumed, Duration::from_millis(500)).await;
}

async fn the_public_is_told_only_of_public_changes(backend: Backend) {
    let Some(app) = spawn(backend, "subs_public").await else {
        return;
    };
    let start = head(&app, "maidstone").await;
    let public = connect(&app, "maidstone", None).await.unwrap();
    let mut public_changes = subscribe(&public, CHANGES, start).await;
    let clerk = connect(&app, "maidstone", bearer(&app.clerk("maidstone")))
        .await
        .unwrap();
    let mut clerk_changes = subscribe(&clerk, CHANGES, start).await;

    let body = app
        .add_body("maidstone", "Licensing Panel", "COMMITTEE")
        .await;
    let draft = record_draft(&app, "maidstone", &body, "Never published").await;
    let published = record_draft(&app, "maidstone", &body, "Published later").await;
    publish(&app, "maidstone", published).await;

    // The clerk hears of every change: the body, both drafts, the publication.
    let seen = next(&mut clerk_changes, "recordChanged", 4).await;
    assert_eq!(
        positions(&seen),
        (start + 1..=start + 4).collect::<Vec<_>>()
    );
    assert_eq!(seen[1]["recordId"], json!(draft));

    // The public: the council's new body (public), then only the publication; never a draft.
    let told = next(&mut public_changes, "recordChanged", 2).await;
    assert_eq!(told[0]["recordKind"], "COUNCIL");
    assert_eq!(told[0]["position"], start + 1);
    assert_eq!(told[1]["eventType"], "DecisionPublished");
    assert_eq!(told[1]["recordId"], json!(published));
    assert_eq!(told[1]["position"], start + 4);
    quiet(&mut public_changes, Duration::from_millis(500)).await;

    // A meeting is public once recorded; noting the page it came from changes nothing the
    // public sees (sources are not public), so the public is not told of it.
    let meeting = record_meeting(&app, &body).await;
    note_meeting_source(&app, meeting).await;
    let clerk_told = next(&mut clerk_changes, "recordChanged", 2).await;
    assert_eq!(clerk_told[0]["eventType"], "MeetingRecorded");
    assert_eq!(clerk_told[1]["eventType"], "MeetingSourceNoted");
    let public_told = next(&mut public_changes, "recordChanged", 1).await;
    assert_eq!(public_told[0]["eventType"], "MeetingRecorded");
    assert_eq!(public_told[0]["recordId"], json!(meeting));
    quiet(&mut public_changes, Duration::from_millis(500)).await;

    // What the public is told of, it may read: the node id finds the published decision.
    let node = app
        .post(
            MAIDSTONE,
            None,
            "query($id: ID!) { node(id: $id) { ... on Decision { title status } } }",
            json!({"id": told[1]["recordNodeId"]}),
        )
        .await;
    assert_eq!(
        node.body["data"]["node"]["status"], "PUBLISHED",
        "{}",
        node.text
    );
}

async fn a_subscriber_of_one_council_never_hears_of_anothers_events(backend: Backend) {
    let Some(app) = spawn(backend, "subs_tenants").await else {
        return;
    };
    app.register_council("kent", "Kent County Council").await;
    let start = head(&app, "maidstone").await;
    let auditor = connect(&app, "maidstone", bearer(&app.auditor("maidstone")))
        .await
        .unwrap();
    let mut feed = subscribe(&auditor, EVENTS, start).await;
    let public = connect(&app, "maidstone", None).await.unwrap();
    let mut changes = subscribe(&public, CHANGES, start).await;

    let kent_body = app.add_body("kent", "Kent Cabinet", "CABINET").await;
    let kent_decision = record_draft(&app, "kent", &kent_body, "Kent only").await;
    publish(&app, "kent", kent_decision).await;
    app.add_body("maidstone", "Audit Committee", "COMMITTEE")
        .await;

    let only = next(&mut feed, "events", 1).await;
    assert_eq!(only[0]["position"], start + 1);
    assert_eq!(only[0]["eventType"], "BodyAdded");
    quiet(&mut feed, Duration::from_millis(800)).await;
    let told = next(&mut changes, "recordChanged", 1).await;
    assert_eq!(told[0]["position"], start + 1);
    quiet(&mut changes, Duration::from_millis(500)).await;
}

/// The value budget of an answer holds for each event of a subscription, not for all of them:
/// a feed that lasts delivers event after event.
async fn each_event_of_a_subscription_has_the_whole_value_budget(backend: Backend) {
    let Some(app) = spawn_with(backend, "subs_budget", |settings| {
        settings.limits.cost.max_values = 40;
    })
    .await
    else {
        return;
    };
    let start = head(&app, "maidstone").await;
    let auditor = connect(&app, "maidstone", bearer(&app.auditor("maidstone")))
        .await
        .unwrap();
    // About ten values an event: the whole log is many budgets.
    let mut feed = subscribe(&auditor, EVENTS, 0).await;
    let all = next(&mut feed, "events", start as usize).await;
    assert!(all.len() * 9 > 40 * 3, "the log is several budgets long");
    assert_eq!(positions(&all), (1..=start).collect::<Vec<_>>());
}

/// The legacy subprotocol `graphql-ws` (subscriptions-transport-ws) is spoken too, spoken here
/// by hand: `connection_init`, `connection_ack`, `start`, `data`.
async fn the_legacy_subprotocol_is_spoken_too(backend: Backend) {
    use futures_util::SinkExt;
    use tokio_tungstenite::tungstenite::Message;
    let Some(app) = spawn(backend, "subs_legacy").await else {
        return;
    };
    let url = format!("ws://{}/councils/maidstone/graphql", app.socket());
    let mut request = url.into_client_request().unwrap();
    request
        .headers_mut()
        .insert("sec-websocket-protocol", "graphql-ws".parse().unwrap());
    let (mut socket, response) = tokio_tungstenite::connect_async(request).await.unwrap();
    assert_eq!(response.headers()["sec-websocket-protocol"], "graphql-ws");
    let mut send = async |message: Value| {
        socket
            .send(Message::Text(message.to_string().into()))
            .await
            .unwrap();
    };
    send(json!({"type": "connection_init", "payload": {"token": app.auditor("maidstone")}})).await;
    send(json!({"type": "start", "id": "1", "payload": {"query": EVENTS, "variables": {"after": 0}}}))
        .await;
    let mut received = Vec::new();
    while received.len() < 2 {
        let message = tokio::time::timeout(Duration::from_secs(20), socket.next())
            .await
            .unwrap()
            .unwrap()
            .unwrap();
        if let Message::Text(text) = message {
            received.push(serde_json::from_str::<Value>(&text).unwrap());
        }
    }
    assert_eq!(received[0]["type"], "connection_ack");
    assert_eq!(received[1]["type"], "data", "{}", received[1]);
    assert_eq!(received[1]["payload"]["data"]["events"]["position"], 1);
}

/// One connection holds at most eight subscriptions at once; the ninth is refused, and a slot
/// frees when one completes.
async fn a_connection_holds_a_bounded_number_of_subscriptions(backend: Backend) {
    let Some(app) = spawn(backend, "subs_cap").await else {
        return;
    };
    let start = head(&app, "maidstone").await;
    let client = connect(&app, "maidstone", None).await.unwrap();
    let mut held = Vec::new();
    for _ in 0..=civic_gateway::feed::MAX_SUBSCRIPTIONS {
        held.push(subscribe(&client, CHANGES, start).await);
    }
    // Slots are taken as the server starts each one, in no set order: one of the nine is refused.
    let (answer, refused, _) = tokio::time::timeout(
        Duration::from_secs(20),
        futures_util::future::select_all(held.iter_mut().map(|s| Box::pin(s.next()))),
    )
    .await
    .unwrap();
    let answer = answer.unwrap().unwrap();
    assert_eq!(
        answer["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
        "{answer}"
    );
    drop(held.remove(refused));
    // Completing one frees its slot.
    let first = held.remove(0);
    client.stop(first.id()).await.unwrap();
    drop(first);
    let mut again = None;
    for _ in 0..50 {
        let mut next_one = subscribe(&client, CHANGES, start).await;
        match tokio::time::timeout(Duration::from_millis(200), next_one.next()).await {
            // Nothing yet: it is waiting for changes, so it was admitted.
            Err(_) => {
                again = Some(next_one);
                break;
            }
            Ok(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
    let mut again = again.expect("a slot freed");
    app.add_body("maidstone", "Cap Panel", "COMMITTEE").await;
    assert_eq!(
        next(&mut again, "recordChanged", 1).await[0]["position"],
        start + 1
    );
}

/// Adds `n` committees to maidstone through `app`, one after another.
async fn add_bodies(app: &TestApp, tag: &str, n: usize) {
    for i in 0..n {
        app.add_body("maidstone", &format!("{tag} panel {i}"), "COMMITTEE")
            .await;
    }
}

/// Two gateways on one database, writes through both at once: each subscriber, on either,
/// receives every event exactly once and in position order. On PostgreSQL subscriptions never
/// poll here, so the other process's appends must arrive by `LISTEN civic_events`; on SQLite
/// (no notifications between processes) they arrive by polling, shortened here.
async fn two_processes_deliver_each_event_exactly_once_in_order(backend: Backend) {
    let poll = match backend {
        Backend::Postgres => Duration::from_secs(3_600),
        Backend::Sqlite => Duration::from_millis(100),
    };
    let Some(first) = spawn_with(backend, "subs_two", |settings| {
        settings.subscription_poll = poll;
    })
    .await
    else {
        return;
    };
    let second = first
        .beside(|settings| settings.subscription_poll = poll)
        .await;
    let start = head(&first, "maidstone").await;
    let mut feeds = Vec::new();
    for app in [&first, &second, &first, &second] {
        let client = connect(app, "maidstone", bearer(&app.auditor("maidstone")))
            .await
            .unwrap();
        let feed = subscribe(&client, EVENTS, start).await;
        feeds.push((client, feed));
    }
    const EACH: usize = 6;
    tokio::join!(
        add_bodies(&first, "First", EACH),
        add_bodies(&second, "Second", EACH)
    );
    let total = 2 * EACH as u64;
    assert_eq!(head(&first, "maidstone").await, start + total);
    for (_client, feed) in &mut feeds {
        let events = next(feed, "events", total as usize).await;
        assert_eq!(
            positions(&events),
            (start + 1..=start + total).collect::<Vec<_>>()
        );
        quiet(feed, Duration::from_millis(500)).await;
    }
    drop(feeds);
    drop(second);
}

both_backends!(
    a_bad_token_or_another_councils_token_is_refused_with_4403,
    the_auditors_event_feed_is_the_log_in_order_and_resumes_after_a_position,
    the_public_is_told_only_of_public_changes,
    a_subscriber_of_one_council_never_hears_of_anothers_events,
    two_processes_deliver_each_event_exactly_once_in_order,
    each_event_of_a_subscription_has_the_whole_value_budget,
    the_legacy_subprotocol_is_spoken_too,
    a_connection_holds_a_bounded_number_of_subscriptions,
);
