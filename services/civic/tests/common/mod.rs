//! What the `civic` binary's end-to-end tests share: the binary with a clean environment in a
//! directory of its own, a server on a free port, and bounded waits.

#![allow(clippy::unwrap_used, missing_docs, dead_code)]

use std::io::{Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// `civic` in `dir` with none of the test's own environment but `PATH` (for `pg_dump`): no
/// setting of the machine running the tests can leak in.
pub fn civic(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_civic"));
    command
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("RUST_LOG", "warn");
    command
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A minimal HTTP/1.1 POST of a GraphQL query, with a bearer token if given; returns the
/// response body.
pub fn post_graphql(port: u16, path: &str, token: Option<&str>, query: &str) -> String {
    let authorization = token.map(|token| format!("Bearer {token}"));
    let headers: Vec<(&str, &str)> = authorization
        .iter()
        .map(|value| ("Authorization", value.as_str()))
        .collect();
    post_graphql_with(port, path, &headers, query)
}

/// As [`post_graphql`], with the request headers given.
pub fn post_graphql_with(port: u16, path: &str, headers: &[(&str, &str)], query: &str) -> String {
    let body = serde_json::json!({ "query": query }).to_string();
    let headers: String = headers
        .iter()
        .map(|(name, value)| format!("{name}: {value}\r\n"))
        .collect();
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
         Accept: application/json\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
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

pub struct Server(pub Child);

impl Server {
    /// Stops the server as an orchestrator does (SIGTERM) and waits, bounded, for it to exit;
    /// returns how it exited.
    pub fn terminate(mut self) -> std::process::ExitStatus {
        let sent = Command::new("kill")
            .args(["-TERM", &self.0.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some(status) = self.0.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "civic did not stop on SIGTERM");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn serve(dir: &Path, port: u16) -> Server {
    serve_with(dir, port, &[])
}

/// `civic serve` in `dir` with `env` set, once it listens. Its stderr goes to `serve.log` in
/// `dir`, shown if it exits instead.
pub fn serve_with(dir: &Path, port: u16, env: &[(&str, &str)]) -> Server {
    let mut command = civic(dir);
    command
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .envs(env.iter().copied());
    listening(dir, &mut command, port)
}

/// `command` (a `civic serve`) started with its stderr in `serve.log` in `dir`, once something
/// listens on `port`; the log is shown if it exits instead.
pub fn listening(dir: &Path, command: &mut Command, port: u16) -> Server {
    let log = dir.join("serve.log");
    let child = command
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let mut server = Server(child);
    let deadline = Instant::now() + Duration::from_secs(60);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if let Some(status) = server.0.try_wait().unwrap() {
            panic!(
                "civic serve exited ({status}): {}",
                std::fs::read_to_string(&log).unwrap_or_default()
            );
        }
        assert!(
            Instant::now() < deadline,
            "civic serve did not start listening"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    server
}

/// The checkpoint body `civic verify` printed, kept for a later `verify --checkpoint`.
pub fn kept_checkpoint(verified: &Output) -> String {
    String::from_utf8_lossy(&verified.stdout)
        .split_once("checkpoint to keep:\n")
        .map(|(_, body)| body.to_owned())
        .expect("civic verify prints a checkpoint to keep")
}

/// Runs `command` to its end; a guard, not a measurement: a command that should have stopped
/// at once but serves instead fails the test rather than hanging it.
pub fn run_to_exit(command: &mut Command) -> Output {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("{command:?} did not exit");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn token(output: Output) -> String {
    assert!(output.status.success(), "{}", stderr(&output));
    let token = String::from_utf8(output.stdout).unwrap().trim().to_owned();
    assert_eq!(token.split('.').count(), 3, "{token}");
    token
}

/// Runs `sql` on the SQLite database in `dir` as its owner would: with the append-only guard
/// dropped, so the log can be changed behind the store's back.
pub fn tamper(dir: &Path, sql: &str) {
    use sqlx::Connection as _;
    let url = format!("sqlite://{}", dir.join("civic.db").display());
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
            .execute(&mut conn)
            .await
            .unwrap();
        conn.close().await.unwrap();
    });
}

/// A database holding the demo council, made by `civic import` (which loads it), with the
/// example text page imported.
pub fn demo_log(dir: &Path) {
    let page = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../import/tests/fixtures/text/maidstone--decision-details--1.txt");
    let imported = run_to_exit(
        civic(dir)
            .args(["import", "--council", "maidstone"])
            .arg(page),
    );
    assert!(imported.status.success(), "{}", stderr(&imported));
}

/// A database of the test server, empty, dropped with the value.
pub struct EmptyPostgres {
    name: String,
    admin: String,
}

impl EmptyPostgres {
    /// A new empty database named after `test` (and this process, so that concurrent runs of
    /// the suite never share one); `None` when PostgreSQL is unreachable and not required.
    pub fn create(test: &str) -> Option<Self> {
        let admin = civic_testkit::postgres_url();
        let name = format!("{test}_{}", std::process::id());
        let made = tokio::runtime::Runtime::new().unwrap().block_on(async {
            use sqlx::Connection as _;
            let mut conn = sqlx::PgConnection::connect(&admin).await?;
            // CREATE DATABASE runs outside a transaction: one statement at a time.
            for sql in [
                format!("DROP DATABASE IF EXISTS {name}"),
                format!("CREATE DATABASE {name}"),
            ] {
                sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
                    .execute(&mut conn)
                    .await?;
            }
            conn.close().await
        });
        if let Err(error) = made {
            assert!(
                !civic_testkit::postgres_required(),
                "PostgreSQL is required (CIVIC_REQUIRE_POSTGRES=1) but a database cannot be \
                 made at {admin}: {error}"
            );
            eprintln!("skipped: PostgreSQL at {admin}: {error}");
            return None;
        }
        Some(Self { name, admin })
    }

    pub fn url(&self) -> String {
        let mut url = url::Url::parse(&self.admin).unwrap();
        url.set_path(&self.name);
        url.to_string()
    }
}

impl Drop for EmptyPostgres {
    fn drop(&mut self) {
        let (admin, name) = (self.admin.clone(), self.name.clone());
        let _ = tokio::runtime::Runtime::new()
            .unwrap()
            .block_on(async move {
                use sqlx::Connection as _;
                let mut conn = sqlx::PgConnection::connect(&admin).await?;
                let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
                    .execute(&mut conn)
                    .await?;
                conn.close().await
            });
    }
}
