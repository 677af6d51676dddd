#![allow(clippy::unwrap_used, missing_docs)]
//! The HTTP edge under slow, stalled and too many clients: header and body read timeouts, the
//! request deadline, the connection cap, and a stop that returns whatever clients do. Each test
//! speaks raw TCP to the real server, with short limits in its settings; the tokio timeouts
//! below only guard against a hang.

mod common;

use std::net::SocketAddr;
use std::time::Duration;

use civic_gateway::{Application, Secret, Settings};
use common::{Backend, spawn_with};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;
use tokio::sync::oneshot;

/// Generous: only a server that never answers or never closes reaches it.
const GUARD: Duration = Duration::from_secs(60);

const HEALTHZ: &[u8] = b"GET /healthz HTTP/1.1\r\nHost: civic\r\n\r\n";

/// A POST of a 100-byte body that the test sends (or not) itself.
fn post_head(expect_continue: bool) -> Vec<u8> {
    format!(
        "POST /councils/maidstone/graphql HTTP/1.1\r\nHost: civic\r\n\
         Content-Type: application/json\r\nContent-Length: 100\r\n{}\r\n",
        if expect_continue {
            "Expect: 100-continue\r\n"
        } else {
            ""
        }
    )
    .into_bytes()
}

/// A 100-byte GraphQL request body.
fn full_body() -> Vec<u8> {
    let mut body = br#"{"query": "{ council { slug } }"}"#.to_vec();
    body.resize(100, b' ');
    body
}

/// Reads until the connection closes (or is reset); what arrived before.
async fn read_until_closed(stream: &mut TcpStream) -> String {
    let mut received = Vec::new();
    let _ = tokio::time::timeout(GUARD, stream.read_to_end(&mut received))
        .await
        .expect("the server neither answered nor closed the connection");
    String::from_utf8_lossy(&received).into_owned()
}

/// Reads until `needle` has arrived; everything read.
async fn read_until(stream: &mut TcpStream, needle: &str) -> String {
    let mut received = Vec::new();
    let mut chunk = [0u8; 4096];
    tokio::time::timeout(GUARD, async {
        while !String::from_utf8_lossy(&received).contains(needle) {
            let n = stream.read(&mut chunk).await.unwrap();
            assert!(
                n > 0,
                "closed before {needle:?}: {}",
                String::from_utf8_lossy(&received)
            );
            received.extend_from_slice(&chunk[..n]);
        }
    })
    .await
    .unwrap_or_else(|_| panic!("{needle:?} never arrived"));
    String::from_utf8_lossy(&received).into_owned()
}

/// Opens a connection and has one request served on it, so it is surely accepted (and holds
/// one of the server's connection slots) when this returns.
async fn served_connection(address: SocketAddr) -> TcpStream {
    let mut stream = TcpStream::connect(address).await.unwrap();
    stream.write_all(HEALTHZ).await.unwrap();
    read_until(&mut stream, "\r\n\r\nok").await;
    stream
}

async fn a_client_sending_half_a_header_line_is_disconnected(backend: Backend) {
    let Some(app) = spawn_with(backend, "edge_slow_headers", |settings| {
        settings.http.header_read_timeout = Duration::from_millis(500);
    })
    .await
    else {
        return;
    };
    let mut slow = TcpStream::connect(app.socket()).await.unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: civ")
        .await
        .unwrap();
    let received = read_until_closed(&mut slow).await;
    assert_eq!(
        received, "",
        "a client that never finished its headers got an answer"
    );

    let healthz = app.send(app.client.get(app.url("/healthz"))).await;
    assert_eq!(healthz.text, "ok", "the server still serves others");
}

async fn a_client_dribbling_its_body_is_answered_408_and_cut_off(backend: Backend) {
    let Some(app) = spawn_with(backend, "edge_slow_body", |settings| {
        settings.http.body_read_timeout = Duration::from_secs(1);
    })
    .await
    else {
        return;
    };
    let stream = TcpStream::connect(app.socket()).await.unwrap();
    let (mut reader, mut writer) = stream.into_split();
    // One byte every 100 ms: each gap is short, but the 100 bytes would take 10 s.
    let dribble = tokio::spawn(async move {
        writer.write_all(&post_head(false)).await?;
        for byte in full_body() {
            writer.write_all(&[byte]).await?;
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Ok::<_, std::io::Error>(())
    });
    let mut received = Vec::new();
    let _ = tokio::time::timeout(GUARD, reader.read_to_end(&mut received))
        .await
        .expect("the server kept reading a dribbled body");
    dribble.abort();
    let received = String::from_utf8_lossy(&received);
    assert!(
        received.starts_with("HTTP/1.1 408 Request Timeout\r\n"),
        "{received}"
    );
    assert!(received.contains("did not arrive within 1 s"), "{received}");
}

async fn a_request_past_its_deadline_is_answered_503_with_the_reason(backend: Backend) {
    let Some(app) = spawn_with(backend, "edge_deadline", |settings| {
        settings.http.request_timeout = Duration::from_secs(1);
        settings.http.body_read_timeout = Duration::from_secs(3_600);
    })
    .await
    else {
        return;
    };
    // The request stalls inside the server (its body never comes), past the deadline.
    let mut stalled = TcpStream::connect(app.socket()).await.unwrap();
    stalled.write_all(&post_head(false)).await.unwrap();
    stalled.write_all(b"{").await.unwrap();
    let received = read_until(&mut stalled, "idempotencyKey is safe").await;
    assert!(
        received.starts_with("HTTP/1.1 503 Service Unavailable\r\n"),
        "{received}"
    );
    assert!(received.contains("did not finish within 1 s"), "{received}");
    assert!(
        received.to_lowercase().contains("retry-after: 1"),
        "{received}"
    );
}

/// The gateway on a fresh database, served by a task that a returned sender stops.
async fn start(
    backend: Backend,
    test: &str,
    configure: impl FnOnce(&mut Settings),
) -> Option<(
    SocketAddr,
    oneshot::Sender<()>,
    tokio::task::JoinHandle<anyhow::Result<()>>,
    common::Database,
)> {
    let (url, database) = common::database(backend, test).await?;
    let mut settings = Settings::new(url);
    settings.listen = "127.0.0.1:0".parse().unwrap();
    settings.database_max_connections = 5;
    settings.jwt.hs256_secret = Some(Secret::new(format!("secret-{}", uuid::Uuid::now_v7())));
    settings.demo = true;
    configure(&mut settings);
    let app = Application::build(settings).await.unwrap();
    let address = app.address();
    let (stop, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(app.run_until(async move {
        let _ = stopped.await;
    }));
    Some((address, stop, server, database))
}

/// Sends the head of a POST and waits for `100 Continue`: the server is then reading its body,
/// so the request is surely in flight.
async fn request_in_flight(address: SocketAddr) -> TcpStream {
    let mut stream = TcpStream::connect(address).await.unwrap();
    stream.write_all(&post_head(true)).await.unwrap();
    read_until(&mut stream, "HTTP/1.1 100 Continue\r\n\r\n").await;
    stream
}

async fn a_stop_lets_the_request_in_flight_finish(backend: Backend) {
    let Some((address, stop, server, _database)) = start(backend, "edge_drain", |settings| {
        settings.http.shutdown_timeout = Duration::from_secs(30);
    })
    .await
    else {
        return;
    };
    let mut in_flight = request_in_flight(address).await;
    stop.send(()).unwrap();
    in_flight.write_all(&full_body()).await.unwrap();
    let answer = read_until_closed(&mut in_flight).await;
    assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
    assert!(
        answer.contains(r#"{"data":{"council":{"slug":"maidstone"}}}"#),
        "{answer}"
    );
    tokio::time::timeout(GUARD, server)
        .await
        .expect("the server did not stop once its last request was answered")
        .unwrap()
        .unwrap();
}

async fn a_stalled_client_does_not_keep_a_stopped_server_alive(backend: Backend) {
    let Some((address, stop, server, _database)) =
        start(backend, "edge_stalled_stop", |settings| {
            settings.http.shutdown_timeout = Duration::from_secs(1);
            settings.http.body_read_timeout = Duration::from_secs(3_600);
            settings.http.request_timeout = Duration::from_secs(3_600);
        })
        .await
    else {
        return;
    };
    // Its body never comes; only the shutdown deadline can end this request.
    let mut stalled = request_in_flight(address).await;
    stop.send(()).unwrap();
    tokio::time::timeout(GUARD, server)
        .await
        .expect("a stalled client kept the stopped server alive")
        .unwrap()
        .unwrap();
    let received = read_until_closed(&mut stalled).await;
    assert!(!received.contains("200 OK"), "{received}");
}

async fn connections_over_the_cap_wait_until_one_closes(backend: Backend) {
    let Some(app) = spawn_with(backend, "edge_cap_wait", |settings| {
        settings.http.max_connections = 2;
        settings.http.header_read_timeout = Duration::from_secs(3_600);
    })
    .await
    else {
        return;
    };
    let first = served_connection(app.socket()).await;
    let _second = served_connection(app.socket()).await;
    let mut third = TcpStream::connect(app.socket()).await.unwrap();
    third.write_all(HEALTHZ).await.unwrap();
    let mut chunk = [0u8; 64];
    // While two connections hold both slots the third is not even accepted, so nothing can
    // arrive; this short wait can only pass spuriously, never fail spuriously.
    let early = tokio::time::timeout(Duration::from_millis(300), third.read(&mut chunk)).await;
    assert!(
        early.is_err(),
        "a third connection was served over a cap of 2"
    );
    drop(first);
    let answer = read_until(&mut third, "\r\n\r\nok").await;
    assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
}

async fn idle_connections_over_the_cap_do_not_starve_a_request(backend: Backend) {
    let Some(app) = spawn_with(backend, "edge_cap_idle", |settings| {
        settings.http.max_connections = 2;
        settings.http.header_read_timeout = Duration::from_millis(500);
    })
    .await
    else {
        return;
    };
    let mut idle = Vec::new();
    for _ in 0..4 {
        idle.push(TcpStream::connect(app.socket()).await.unwrap());
    }
    // The idle connections are disconnected one slot at a time; the request is then served.
    let healthz = app.send(app.client.get(app.url("/healthz"))).await;
    assert_eq!(healthz.text, "ok");
    for mut connection in idle {
        assert_eq!(read_until_closed(&mut connection).await, "");
    }
}

both_backends!(
    a_client_sending_half_a_header_line_is_disconnected,
    a_client_dribbling_its_body_is_answered_408_and_cut_off,
    a_request_past_its_deadline_is_answered_503_with_the_reason,
    a_stop_lets_the_request_in_flight_finish,
    a_stalled_client_does_not_keep_a_stopped_server_alive,
    connections_over_the_cap_wait_until_one_closes,
    idle_connections_over_the_cap_do_not_starve_a_request,
);
