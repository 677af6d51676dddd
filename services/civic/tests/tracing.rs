//! Traces end to end: `civic serve` exporting to an OTLP/HTTP receiver run by the test, the
//! caller's `traceparent` continued, the event recorded correlated with that trace, and nothing
//! exported without an endpoint.

#![allow(clippy::unwrap_used, missing_docs)]

mod common;

use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::IntoResponse;
use common::{Server, listening, post_graphql_with, run_to_exit, token};
use opentelemetry_proto::tonic::collector::trace::v1::ExportTraceServiceRequest;
use opentelemetry_proto::tonic::common::v1::KeyValue;
use opentelemetry_proto::tonic::common::v1::any_value::Value;
use prost::Message as _;

/// The caller's trace and span, as a `traceparent` carries them (the W3C specification's
/// example).
const TRACE: &str = "4bf92f3577b34da6a3ce929d0e0e4736";
const CALLER_SPAN: &str = "00f067aa0ba902b7";
/// Another caller's trace, for a retry.
const OTHER_TRACE: &str = "0af7651916cd43dd8448eb211c80319c";

/// A trace id as the UUID the register shows as `correlationId`.
fn as_uuid(trace: &str) -> String {
    format!(
        "{}-{}-{}-{}-{}",
        &trace[..8],
        &trace[8..12],
        &trace[12..16],
        &trace[16..20],
        &trace[20..]
    )
}

fn traceparent(trace: &str) -> String {
    format!("00-{trace}-{CALLER_SPAN}-01")
}

/// `civic` in `dir` with the default log filter, which decides which spans exist.
fn civic(dir: &Path) -> Command {
    let mut command = common::civic(dir);
    command.env_remove("RUST_LOG");
    command
}

/// `civic serve` in `dir` with `env` set, once it listens (its stderr in `serve.log`).
fn serve(dir: &Path, port: u16, env: &[(&str, &str)]) -> Server {
    let mut command = civic(dir);
    command
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .envs(env.iter().copied());
    listening(dir, &mut command, port)
}

/// Stops `server` with SIGTERM, checks it exited cleanly, and returns what it logged in `dir`.
fn stop(server: Server, dir: &Path) -> String {
    let status = server.terminate();
    let log = std::fs::read_to_string(dir.join("serve.log")).unwrap_or_default();
    assert!(status.success(), "{status}: {log}");
    log
}

/// A clerk's token for the demo council, minted beside the database in `dir`.
fn clerk_token(dir: &Path) -> String {
    token(run_to_exit(civic(dir).args([
        "token",
        "--council",
        "maidstone",
        "--role",
        "clerk",
    ])))
}

/// A GraphQL POST to the demo council as its clerk, with a `traceparent` if given.
fn post(port: u16, token: &str, traceparent: Option<&str>, query: &str) -> String {
    let authorization = format!("Bearer {token}");
    let mut headers = vec![("Authorization", authorization.as_str())];
    if let Some(traceparent) = traceparent {
        headers.push(("traceparent", traceparent));
    }
    post_graphql_with(port, "/councils/maidstone/graphql", &headers, query)
}

/// Renames the council under idempotency key `key` (the operation is named `Rename`).
fn rename(key: &str) -> String {
    format!(
        "mutation Rename {{ renameCouncil(idempotencyKey: \"{key}\", \
         input: {{name: \"Maidstone Borough Council (renamed)\"}}) {{ replayed position }} }}"
    )
}

/// Adds a ward named `name` under idempotency key `key` (an anonymous operation).
fn add_ward(key: &str, name: &str) -> String {
    format!(
        "mutation {{ addWard(idempotencyKey: \"{key}\", input: {{name: \"{name}\"}}) \
         {{ replayed position }} }}"
    )
}

/// The `correlationId` of the event at `position` of the council's log.
fn correlation_id(port: u16, token: &str, position: u64) -> String {
    let page = post(
        port,
        token,
        None,
        &format!(
            "{{ log(first: 1, after: \"{}\") {{ edges {{ node {{ position correlationId }} }} }} }}",
            position - 1
        ),
    );
    let page: serde_json::Value = serde_json::from_str(&page).unwrap();
    let node = &page["data"]["log"]["edges"][0]["node"];
    assert_eq!(node["position"], position, "{page}");
    node["correlationId"].as_str().unwrap().to_owned()
}

/// What a mutation's answer says it did (`replayed`, `position`); fails on any error.
fn answer(body: &str) -> serde_json::Value {
    let answer: serde_json::Value = serde_json::from_str(body).unwrap();
    assert!(answer.get("errors").is_none(), "{answer}");
    let fields = answer["data"].as_object().unwrap();
    assert_eq!(fields.len(), 1, "{answer}");
    fields.values().next().unwrap().clone()
}

/// An OTLP/HTTP receiver (`POST /v1/traces`, protobuf), keeping every export it is sent.
struct Receiver {
    port: u16,
    received: Arc<Mutex<Vec<ExportTraceServiceRequest>>>,
    _runtime: tokio::runtime::Runtime,
}

type Received = Arc<Mutex<Vec<ExportTraceServiceRequest>>>;

async fn receive(State(received): State<Received>, body: Bytes) -> axum::response::Response {
    match ExportTraceServiceRequest::decode(body) {
        Ok(request) => {
            received.lock().unwrap().push(request);
            // An empty `ExportTraceServiceResponse`: everything accepted.
            (
                StatusCode::OK,
                [(CONTENT_TYPE, "application/x-protobuf")],
                Vec::new(),
            )
                .into_response()
        }
        Err(error) => (StatusCode::BAD_REQUEST, error.to_string()).into_response(),
    }
}

/// One exported span, flattened.
#[derive(Debug, Clone)]
struct Exported {
    trace_id: String,
    span_id: String,
    parent_span_id: String,
    name: String,
    attributes: Vec<(String, String)>,
    resource: Vec<(String, String)>,
}

impl Exported {
    fn attribute(&self, key: &str) -> Option<&str> {
        find(&self.attributes, key)
    }
}

fn find<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(found, _)| found == key)
        .map(|(_, value)| value.as_str())
}

fn flat(attributes: &[KeyValue]) -> Vec<(String, String)> {
    attributes
        .iter()
        .map(|pair| {
            let value = match pair.value.as_ref().and_then(|value| value.value.as_ref()) {
                Some(Value::StringValue(text)) => text.clone(),
                Some(Value::IntValue(number)) => number.to_string(),
                Some(Value::BoolValue(flag)) => flag.to_string(),
                Some(other) => format!("{other:?}"),
                None => String::new(),
            };
            (pair.key.clone(), value)
        })
        .collect()
}

impl Receiver {
    fn start() -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let received = Received::default();
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let port = listener.local_addr().unwrap().port();
        let app = axum::Router::new()
            .route("/v1/traces", axum::routing::post(receive))
            .with_state(received.clone());
        runtime.spawn(async move { axum::serve(listener, app).await });
        Self {
            port,
            received,
            _runtime: runtime,
        }
    }

    fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn spans(&self) -> Vec<Exported> {
        let received = self.received.lock().unwrap();
        let mut spans = Vec::new();
        for request in received.iter() {
            for resource_spans in &request.resource_spans {
                let resource = resource_spans
                    .resource
                    .as_ref()
                    .map(|resource| flat(&resource.attributes))
                    .unwrap_or_default();
                for scope in &resource_spans.scope_spans {
                    for span in &scope.spans {
                        spans.push(Exported {
                            trace_id: hex(&span.trace_id),
                            span_id: hex(&span.span_id),
                            parent_span_id: hex(&span.parent_span_id),
                            name: span.name.clone(),
                            attributes: flat(&span.attributes),
                            resource: resource.clone(),
                        });
                    }
                }
            }
        }
        spans
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

#[test]
fn a_callers_trace_reaches_the_collector_and_is_the_correlation_id_of_the_event() {
    let receiver = Receiver::start();
    let dir = tempfile::tempdir().unwrap();
    let port = common::free_port();
    let endpoint = receiver.endpoint();
    let server = serve(
        dir.path(),
        port,
        &[
            ("OTEL_EXPORTER_OTLP_ENDPOINT", &endpoint),
            ("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=test"),
            // Ten minutes between batches: the spans can only arrive by the flush at exit.
            ("OTEL_BSP_SCHEDULE_DELAY", "600000"),
        ],
    );
    let clerk = clerk_token(dir.path());
    let key = "0190a1b2-0000-7000-8000-00000000a001";

    let first = answer(&post(port, &clerk, Some(&traceparent(TRACE)), &rename(key)));
    assert_eq!(first["replayed"], false, "{first}");
    let position = first["position"].as_u64().unwrap();
    assert_eq!(correlation_id(port, &clerk, position), as_uuid(TRACE));

    // A retry with the same key in another trace replays the command: nothing new is recorded,
    // and the event keeps the first trace as its correlation.
    let retry = answer(&post(
        port,
        &clerk,
        Some(&traceparent(OTHER_TRACE)),
        &rename(key),
    ));
    assert_eq!(retry["replayed"], true, "{retry}");
    assert_eq!(retry["position"], position, "{retry}");
    assert_eq!(correlation_id(port, &clerk, position), as_uuid(TRACE));

    // Without a `traceparent` the server starts the trace, and the command is correlated with it.
    let key = "0190a1b2-0000-7000-8000-00000000a002";
    let own = answer(&post(port, &clerk, None, &add_ward(key, "Shepway North")));
    let started = correlation_id(port, &clerk, own["position"].as_u64().unwrap());
    assert_ne!(started, key);

    let log = stop(server, dir.path());
    assert!(!receiver.received.lock().unwrap().is_empty(), "{log}");
    let spans = receiver.spans();
    let in_trace: Vec<&Exported> = spans.iter().filter(|span| span.trace_id == TRACE).collect();
    let named = |name: &str| {
        in_trace
            .iter()
            .find(|span| span.name == name)
            .copied()
            .unwrap_or_else(|| panic!("no span {name:?} in the caller's trace: {spans:#?}"))
    };
    let request = named("POST /councils/{slug}/graphql");
    assert_eq!(request.parent_span_id, CALLER_SPAN);
    assert_eq!(request.attribute("http.request.method"), Some("POST"));
    assert_eq!(
        request.attribute("http.route"),
        Some("/councils/{slug}/graphql")
    );
    assert_eq!(request.attribute("http.response.status_code"), Some("200"));
    let operation = named("mutation Rename");
    assert_eq!(
        operation.attribute("graphql.operation.type"),
        Some("mutation")
    );
    assert_eq!(
        operation.attribute("graphql.operation.name"),
        Some("Rename")
    );
    assert_eq!(operation.parent_span_id, request.span_id);
    let command = named("command");
    assert_eq!(command.attribute("record"), Some("council"));
    assert_eq!(command.attribute("outcome"), Some("appended"));
    assert_eq!(command.parent_span_id, operation.span_id);
    let append = named("append");
    assert_eq!(append.attribute("events"), Some("1"));
    assert_eq!(append.attribute("db.system.name"), Some("sqlite"));
    assert_eq!(append.parent_span_id, command.span_id);
    // No span carries the document, its variables or the new name.
    for span in &spans {
        for (key, value) in &span.attributes {
            assert!(!value.contains("renamed"), "{key}={value} in {span:?}");
        }
    }
    // The retry continued the other caller's trace, and replayed.
    let retried = spans
        .iter()
        .find(|span| span.trace_id == OTHER_TRACE && span.name == "command")
        .unwrap_or_else(|| panic!("no command span in the retry's trace: {spans:#?}"));
    assert_eq!(retried.attribute("outcome"), Some("replayed"));
    let started = started.replace('-', "");
    assert!(
        spans
            .iter()
            .any(|span| span.trace_id == started && span.name == "append"),
        "no append in the trace {started} the server started: {spans:#?}"
    );
    // The service is `civic`, with the resource attributes the environment adds.
    assert_eq!(find(&request.resource, "service.name"), Some("civic"));
    assert_eq!(
        find(&request.resource, "deployment.environment"),
        Some("test")
    );
}

#[test]
fn without_an_endpoint_nothing_is_exported_and_a_callers_trace_still_correlates() {
    let receiver = Receiver::start();
    let dir = tempfile::tempdir().unwrap();
    let port = common::free_port();

    // No endpoint: no exporter at all (one would report failing to reach the default
    // localhost:4318), and the register serves as before.
    let server = serve(dir.path(), port, &[("OTEL_SERVICE_NAME", "civic-test")]);
    let clerk = clerk_token(dir.path());
    let first = answer(&post(
        port,
        &clerk,
        Some(&traceparent(TRACE)),
        &rename("0190a1b2-0000-7000-8000-00000000b001"),
    ));
    let position = first["position"].as_u64().unwrap();
    // The caller's trace is the correlation even though this process exports nothing.
    assert_eq!(correlation_id(port, &clerk, position), as_uuid(TRACE));
    // Without a `traceparent`, a command correlates with itself (its idempotency key).
    let key = "0190a1b2-0000-7000-8000-00000000b002";
    let second = answer(&post(port, &clerk, None, &add_ward(key, "Shepway North")));
    let position = second["position"].as_u64().unwrap();
    assert_eq!(correlation_id(port, &clerk, position), key);
    let log = stop(server, dir.path());
    assert!(!log.contains("opentelemetry"), "{log}");
    assert!(!log.to_lowercase().contains("export"), "{log}");

    // An endpoint with the standard off switch: still nothing sent.
    let endpoint = receiver.endpoint();
    let server = serve(
        dir.path(),
        port,
        &[
            ("OTEL_EXPORTER_OTLP_ENDPOINT", &endpoint),
            ("OTEL_TRACES_EXPORTER", "none"),
        ],
    );
    answer(&post(
        port,
        &clerk,
        Some(&traceparent(OTHER_TRACE)),
        &add_ward("0190a1b2-0000-7000-8000-00000000b003", "Shepway South"),
    ));
    stop(server, dir.path());
    assert!(receiver.received.lock().unwrap().is_empty());
}
