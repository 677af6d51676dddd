//! The `civic` binary end to end, as the README runs it: `serve` with no configuration in an
//! empty directory (embedded SQLite, demo council), `token`, `replay`.

#![allow(clippy::unwrap_used, missing_docs)]

use std::io::{Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn civic(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_civic"));
    command
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .env_remove("CIVIC_LISTEN")
        .env_remove("CIVIC_JWT_SECRET")
        .env("RUST_LOG", "warn");
    command
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A minimal HTTP/1.1 POST of a GraphQL query; returns the response body.
fn post_graphql(port: u16, path: &str, query: &str) -> String {
    let body = serde_json::json!({ "query": query }).to_string();
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
         Accept: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_owned())
        .unwrap_or_default()
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn serve(dir: &Path, port: u16) -> Server {
    let child = civic(dir)
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let server = Server(child);
    let deadline = Instant::now() + Duration::from_secs(60);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "civic serve did not start listening"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    server
}

#[test]
fn serve_with_no_configuration_loads_the_demo_council_once_and_replay_rebuilds_it() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    {
        let _server = serve(dir.path(), port);
        let councils = post_graphql(port, "/graphql", "{ councils { slug name } }");
        assert!(councils.contains(r#""slug":"maidstone""#), "{councils}");
        let page = post_graphql(
            port,
            "/councils/maidstone/graphql",
            "{ decisions(first: 5) { totalCount edges { node { title statusLabel keyDecision \
             subjectToCallIn dateOfDecision publicationDate effectiveFrom reportAuthor } } } }",
        );
        for expected in [
            r#""title":"Information Strategy 2010 - 13""#,
            r#""statusLabel":"Recommendations Approved""#,
            r#""keyDecision":true"#,
            r#""subjectToCallIn":true"#,
            r#""dateOfDecision":"2010-06-09""#,
            r#""publicationDate":"2010-06-11""#,
            r#""effectiveFrom":"2010-06-19""#,
            r#""reportAuthor":"Paul Taylor""#,
            r#""totalCount":1"#,
        ] {
            assert!(page.contains(expected), "{expected} not in {page}");
        }
    }
    assert!(dir.path().join("civic.db").exists());

    let replay = civic(dir.path())
        .args(["replay", "--council", "maidstone"])
        .output()
        .unwrap();
    assert!(replay.status.success(), "{replay:?}");
    assert!(String::from_utf8_lossy(&replay.stdout).contains("rebuilt"));
    let unknown = civic(dir.path())
        .args(["replay", "--council", "nowhere"])
        .output()
        .unwrap();
    assert!(!unknown.status.success());

    // A second start finds the demo council and does not load it again.
    let _server = serve(dir.path(), port);
    let page = post_graphql(
        port,
        "/councils/maidstone/graphql",
        "{ decisions(first: 5) { totalCount } }",
    );
    assert!(page.contains(r#""totalCount":1"#), "{page}");
}

#[test]
fn token_signs_with_a_secret_generated_once_in_the_working_directory() {
    let dir = tempfile::tempdir().unwrap();
    let mint = |args: &[&str]| civic(dir.path()).arg("token").args(args).output().unwrap();
    let clerk = mint(&["--council", "maidstone", "--role", "clerk"]);
    assert!(clerk.status.success(), "{clerk:?}");
    let token = String::from_utf8(clerk.stdout).unwrap();
    assert_eq!(token.trim().split('.').count(), 3, "{token}");
    let secret = std::fs::read_to_string(dir.path().join("civic-jwt-secret")).unwrap();
    assert_eq!(secret.len(), 64);

    assert!(mint(&["--role", "admin"]).status.success());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("civic-jwt-secret")).unwrap(),
        secret
    );
    let no_council = mint(&["--role", "auditor"]);
    assert!(!no_council.status.success());
    let bad_role = mint(&["--council", "maidstone", "--role", "mayor"]);
    assert!(!bad_role.status.success());
}
