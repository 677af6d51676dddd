#![allow(clippy::unwrap_used, missing_docs)]
//! Clients that disconnect mid-request, against the real server: hundreds of queries and
//! mutations whose connections are closed at random moments after the request is sent (or cut
//! by an HTTP client's tiny timeout), on a pool of three connections. Axum drops the handler of a
//! request whose client went away, wherever it was; afterwards every write must succeed and
//! every read must see the latest committed write. See `docs/reliability/cancellation.md`.

mod common;

use std::io::Write as _;
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use common::{Backend, TestApp, details, spawn_with};
use reqwest::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

/// The council the storm's requests are for.
const KENT: &str = "/councils/kent/graphql";
/// The council the checking client writes to and reads, so that the newest decision of its list
/// is always the checker's latest write, whatever the storm commits meanwhile.
const DOVER: &str = "/councils/dover/graphql";
/// The PostgreSQL pool's size (SQLite's pool keeps its own eight connections).
const POOL: u32 = 3;
/// Clients sending at once.
const CLIENTS: u64 = 6;
/// Requests each client sends and (mostly) abandons.
const REQUESTS_PER_CLIENT: u64 = 100;
/// Write-then-read rounds after the storm (besides those during it): more than either pool has
/// connections.
const ROUNDS: usize = 12;
/// Reads of each round's write.
const READS_PER_ROUND: usize = 3;
/// Only against hangs: nothing here is timed.
const HANG_GUARD: Duration = Duration::from_secs(180);

const RECORD: &str = "mutation($key: UUID!, $input: DecisionDetailsInput!) {
  recordDecision(idempotencyKey: $key, input: $input) { decision { uuid } }
}";

const ADD_WARD: &str = "mutation($key: UUID!, $name: String!) {
  addWard(idempotencyKey: $key, input: {name: $name}) { council { name } }
}";

/// The decision by id, and the newest decision of the list (the latest write, since every
/// decision here has the same date and ids are UUIDv7, increasing).
const READ_BACK: &str = "query($id: UUID!) {
  decision(id: $id) { uuid }
  decisions(first: 1) { totalCount edges { node { uuid } } }
}";

const LIST: &str = "{ decisions(first: 5) { totalCount edges { node { uuid title status } } } }";

both_backends!(clients_that_disconnect_mid_request_leave_no_read_stale_and_no_write_failing);

async fn clients_that_disconnect_mid_request_leave_no_read_stale_and_no_write_failing(
    backend: Backend,
) {
    let Some(app) = spawn_with(backend, "disconnects", |settings| {
        settings.database_max_connections = POOL;
    })
    .await
    else {
        return;
    };
    app.register_council("kent", "Kent County Council").await;
    let cabinet = app.add_body("kent", "Cabinet", "CABINET").await;
    app.register_council("dover", "Dover District Council")
        .await;
    let dover_cabinet = app.add_body("dover", "Cabinet", "CABINET").await;
    let seed = std::env::var("CIVIC_CANCEL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| Uuid::now_v7().as_u128() as u64 | 1);

    // A checking client writes and reads back all through the storm, then for a few rounds
    // after it.
    let storming = AtomicBool::new(true);
    let mut checks = Checks::default();
    let (storm, ()) = tokio::time::timeout(HANG_GUARD, async {
        tokio::join!(
            async {
                let storm = storm(&app, &cabinet, seed).await;
                storming.store(false, Ordering::SeqCst);
                storm
            },
            async {
                while storming.load(Ordering::SeqCst) {
                    check_round(&app, &dover_cabinet, &mut checks).await;
                }
            }
        )
    })
    .await
    .unwrap_or_else(|_| panic!("the storm hung (seed {seed})"));
    let during = checks.rounds;
    let storm_ended = match backend {
        Backend::Postgres => Some(civic_testkit::postgres_clock(&app.database_url).await),
        Backend::Sqlite => None,
    };
    tokio::time::timeout(HANG_GUARD, async {
        for _ in 0..ROUNDS {
            check_round(&app, &dover_cabinet, &mut checks).await;
        }
    })
    .await
    .unwrap_or_else(|_| panic!("the checks hung (seed {seed})"));
    let idle_in_transaction = match &storm_ended {
        Some(moment) => {
            civic_testkit::sessions_idle_in_transaction_since(&app.database_url, moment).await
        }
        None => 0,
    };
    let report = format!(
        "{backend:?}, seed {seed}: {} requests, {} cut before their answer, {} answered; \
         {} check rounds ({during} during the storm): {} writes, {} failed; {} reads, {} \
         stale; {idle_in_transaction} sessions idle in a transaction begun before the last \
         checks",
        storm.sent,
        storm.cut,
        storm.sent - storm.cut,
        checks.rounds,
        checks.writes,
        checks.failed_writes,
        checks.reads,
        checks.stale_reads,
    );
    println!("{report}");
    assert!(storm.cut > 0, "no request was cut: {report}");
    assert_eq!(checks.failed_writes, 0, "{report}");
    assert_eq!(checks.stale_reads, 0, "{report}");
    assert_eq!(idle_in_transaction, 0, "{report}");
}

/// What the storm did.
#[derive(Debug, Default)]
struct Storm {
    sent: u64,
    /// Requests whose connection was gone before any byte of the answer arrived.
    cut: u64,
}

/// A small xorshift generator: the storm is random but reproducible from its seed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// One request of the storm, as a GraphQL body, with the clerk's token or none.
fn pick_request(rng: &mut Rng, cabinet: &str) -> Value {
    match rng.below(4) {
        0 => json!({"query": LIST}),
        1 => json!({"query": READ_BACK, "variables": {"id": Uuid::now_v7()}}),
        2 => json!({"query": RECORD, "variables": {
            "key": Uuid::now_v7(), "input": details(cabinet, "Abandoned Plan")
        }}),
        _ => json!({"query": ADD_WARD, "variables": {
            "key": Uuid::now_v7(), "name": format!("Ward {}", Uuid::now_v7().simple())
        }}),
    }
}

/// `CLIENTS × REQUESTS_PER_CLIENT` requests, each cut at a random moment: half by closing a
/// raw TCP connection 0-15 ms after the request was written, half by reqwest with a 1-15 ms
/// timeout.
async fn storm(app: &TestApp, cabinet: &str, seed: u64) -> Storm {
    let token = app.clerk("kent");
    let address = app.address.trim_start_matches("http://").to_owned();
    let mut clients = Vec::new();
    for client in 0..CLIENTS {
        let (token, address, cabinet) = (token.clone(), address.clone(), cabinet.to_owned());
        let url = app.url(KENT);
        clients.push(tokio::spawn(async move {
            let mut rng = Rng(seed.wrapping_mul(client + 1) | 1);
            let mut storm = Storm::default();
            for _ in 0..REQUESTS_PER_CLIENT {
                let body = serde_json::to_vec(&pick_request(&mut rng, &cabinet)).unwrap();
                let anonymous = rng.below(4) == 0;
                let bearer = (!anonymous).then(|| token.clone());
                let within = Duration::from_micros(rng.below(15_000));
                storm.sent += 1;
                let answered = if rng.below(2) == 0 {
                    let address = address.clone();
                    tokio::task::spawn_blocking(move || {
                        send_and_hang_up(&address, bearer.as_deref(), &body, within)
                    })
                    .await
                    .unwrap()
                } else {
                    send_with_timeout(&url, bearer.as_deref(), body, within).await
                };
                if !answered {
                    storm.cut += 1;
                }
            }
            storm
        }));
    }
    let mut total = Storm::default();
    for client in clients {
        let storm = client.await.unwrap();
        total.sent += storm.sent;
        total.cut += storm.cut;
    }
    total
}

/// Writes a whole request on a fresh connection, waits `within`, and closes the connection;
/// whether any of the answer had arrived by then.
fn send_and_hang_up(address: &str, token: Option<&str>, body: &[u8], within: Duration) -> bool {
    let mut stream = TcpStream::connect(address).unwrap();
    stream.set_nodelay(true).unwrap();
    let authorization = token
        .map(|token| format!("Authorization: Bearer {token}\r\n"))
        .unwrap_or_default();
    let head = format!(
        "POST {KENT} HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\n\
         Accept: application/graphql-response+json\r\n{authorization}Content-Length: {}\r\n\
         Connection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    std::thread::sleep(within);
    stream.set_nonblocking(true).unwrap();
    let answered = matches!(stream.peek(&mut [0u8; 1]), Ok(n) if n > 0);
    drop(stream);
    answered
}

/// Sends a request with a client that gives up after `within` (at least 1 ms); whether it was
/// answered in time.
async fn send_with_timeout(
    url: &str,
    token: Option<&str>,
    body: Vec<u8>,
    within: Duration,
) -> bool {
    let client = reqwest::Client::builder()
        .timeout(within.max(Duration::from_millis(1)))
        .build()
        .unwrap();
    let mut request = client
        .post(url)
        .header("accept", "application/graphql-response+json")
        .header("content-type", "application/json")
        .body(body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    match request.send().await {
        Ok(response) => response.bytes().await.is_ok(),
        Err(_) => false,
    }
}

/// What the checking client found.
#[derive(Debug, Default)]
struct Checks {
    rounds: u64,
    writes: u64,
    failed_writes: u64,
    reads: u64,
    stale_reads: u64,
}

/// One round of the checking client, in Dover: a decision recorded, then read back by id and as
/// the newest of the list; a ward added. Every answer must be whole.
async fn check_round(app: &TestApp, cabinet: &str, checks: &mut Checks) {
    let clerk = app.clerk("dover");
    checks.rounds += 1;
    let key = Uuid::now_v7();
    checks.writes += 1;
    let recorded = app
        .post(
            DOVER,
            Some(&clerk),
            RECORD,
            json!({"key": key, "input": details(cabinet, &format!("Check {}", checks.rounds))}),
        )
        .await;
    if recorded.status != StatusCode::OK
        || recorded.body["data"]["recordDecision"]["decision"]["uuid"] != json!(key)
    {
        println!("a write failed: {}", recorded.text);
        checks.failed_writes += 1;
    } else {
        for _ in 0..READS_PER_ROUND {
            checks.reads += 1;
            let read = app
                .post(DOVER, Some(&clerk), READ_BACK, json!({"id": key}))
                .await;
            let newest = &read.body["data"]["decisions"]["edges"][0]["node"]["uuid"];
            if read.body["data"]["decision"]["uuid"] != json!(key) || *newest != json!(key) {
                println!("a read missed the latest write {key}: {}", read.text);
                checks.stale_reads += 1;
            }
        }
    }
    checks.writes += 1;
    let ward = app
        .post(
            DOVER,
            Some(&clerk),
            ADD_WARD,
            json!({"key": Uuid::now_v7(), "name": format!("Check ward {}", checks.rounds)}),
        )
        .await;
    if ward.status != StatusCode::OK || ward.body["data"]["addWard"]["council"].is_null() {
        println!("a write failed: {}", ward.text);
        checks.failed_writes += 1;
    }
}
