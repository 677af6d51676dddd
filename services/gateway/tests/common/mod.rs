//! Test support: the real gateway on 127.0.0.1:0 over a fresh database of either backend, an
//! HTTP client, and tokens. Logs only with `TEST_LOG=1`.

#![allow(dead_code, clippy::unwrap_used, missing_docs)]

pub mod demo;
pub mod html;

use std::sync::{Arc, Once};
use std::time::Duration;

use civic_gateway::auth::token::mint_token_for_subject;
use civic_gateway::{Application, Role, Secret, Services, Settings};
use civic_testkit::{TestPostgres, TestSqlite};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs an async test body once per backend: `both_backends!(name_of_async_fn);` defines
/// `mod name_of_async_fn { sqlite, postgres }`.
#[macro_export]
macro_rules! both_backends {
    ($($test:ident),+ $(,)?) => {
        $(
            mod $test {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    super::$test($crate::common::Backend::Sqlite).await;
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    super::$test($crate::common::Backend::Postgres).await;
                }
            }
        )+
    };
}

/// A fresh database; dropping it removes it.
pub enum Database {
    Sqlite(TestSqlite),
    Postgres(Box<TestPostgres>),
}

/// A fresh database of `backend` and its URL; `None` when PostgreSQL is skipped.
pub async fn database(backend: Backend, test: &str) -> Option<(String, Database)> {
    init_logs();
    Some(match backend {
        Backend::Sqlite => {
            let db = TestSqlite::fresh();
            (db.url(), Database::Sqlite(db))
        }
        Backend::Postgres => {
            let db = TestPostgres::fresh(test, &civic_eventstore::migrations::postgres()).await?;
            (db.url().to_owned(), Database::Postgres(Box::new(db)))
        }
    })
}

/// A running gateway.
pub struct TestApp {
    pub address: String,
    pub database_url: String,
    pub client: reqwest::Client,
    pub secret: String,
    /// The running app's services: tests count its read-model reads.
    pub services: Arc<Services>,
    /// The database, dropped with the app that created it (`None` for [`TestApp::beside`]).
    _database: Option<Database>,
}

/// The answer to a request: status, content type and JSON body (`Value::Null` if not JSON).
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub content_type: String,
    pub body: Value,
    pub text: String,
}

impl Answer {
    /// The `extensions.code` of the first error.
    pub fn code(&self) -> Option<&str> {
        self.body["errors"][0]["extensions"]["code"].as_str()
    }
}

fn init_logs() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        if std::env::var("TEST_LOG").is_ok() {
            let _ = tracing_subscriber::fmt()
                .with_env_filter("info,civic_gateway=debug")
                .with_test_writer()
                .try_init();
        }
    });
}

/// The gateway with the demo council, on a fresh database; `None` when PostgreSQL is
/// unreachable and not required (the skip is printed).
pub async fn spawn(backend: Backend, test: &str) -> Option<TestApp> {
    spawn_with(backend, test, |_| {}).await
}

/// As [`spawn`], with the settings adjusted by `configure`.
pub async fn spawn_with(
    backend: Backend,
    test: &str,
    configure: impl FnOnce(&mut Settings),
) -> Option<TestApp> {
    let (url, database) = database(backend, test).await?;
    let mut app = spawn_on(url, configure).await;
    app._database = Some(database);
    Some(app)
}

/// The gateway with the demo council on the database at `url`, made by the caller.
pub async fn spawn_on(url: String, configure: impl FnOnce(&mut Settings)) -> TestApp {
    init_logs();
    let secret = format!("test-secret-{}", uuid::Uuid::now_v7());
    let mut settings = Settings::new(url.clone());
    settings.listen = "127.0.0.1:0".parse().unwrap();
    settings.database_max_connections = 5;
    settings.jwt.hs256_secret = Some(Secret::new(secret.clone()));
    settings.demo = true;
    configure(&mut settings);
    let app = Application::build(settings).await.unwrap();
    let _ = rustls::crypto::ring::default_provider().install_default();
    let address = format!("http://127.0.0.1:{}", app.port());
    let services = app.services();
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address,
        database_url: url,
        client: reqwest::Client::builder()
            .timeout(Duration::from_secs(60))
            .build()
            .unwrap(),
        secret,
        services,
        _database: None,
    }
}

impl TestApp {
    /// A second gateway process on the same database and secret (no demo: it is there already):
    /// for tests of several servers sharing one database. Drop it before this app.
    pub async fn beside(&self, configure: impl FnOnce(&mut Settings)) -> TestApp {
        let mut settings = Settings::new(self.database_url.clone());
        settings.listen = "127.0.0.1:0".parse().unwrap();
        settings.database_max_connections = 5;
        settings.jwt.hs256_secret = Some(Secret::new(self.secret.clone()));
        configure(&mut settings);
        let app = Application::build(settings).await.unwrap();
        let address = format!("http://127.0.0.1:{}", app.port());
        let services = app.services();
        tokio::spawn(app.run_until_stopped());
        TestApp {
            address,
            database_url: self.database_url.clone(),
            client: self.client.clone(),
            secret: self.secret.clone(),
            services,
            _database: None,
        }
    }

    /// The tenant of the council `slug`, which must exist.
    pub async fn tenant(&self, slug: &str) -> civic_eventstore::TenantId {
        self.services
            .directory
            .home()
            .read_models()
            .tenant_for_slug(slug)
            .await
            .unwrap()
            .unwrap()
    }

    /// An HS256 token signed with the app's secret.
    pub fn token(&self, council: Option<&str>, role: Role) -> String {
        let subject = format!("{role}@{}", council.unwrap_or("platform"));
        mint_token_for_subject(
            self.secret.as_bytes(),
            &subject,
            council,
            role,
            Duration::from_secs(600),
        )
        .unwrap()
    }

    pub fn clerk(&self, council: &str) -> String {
        self.token(Some(council), Role::Clerk)
    }

    pub fn auditor(&self, council: &str) -> String {
        self.token(Some(council), Role::Auditor)
    }

    pub fn admin(&self) -> String {
        self.token(None, Role::Admin)
    }

    /// A token that expired an hour ago, validly signed.
    pub fn expired(&self, council: &str) -> String {
        let claims = json!({
            "sub": "clerk@expired", "council": council, "role": "clerk",
            "exp": jsonwebtoken::get_current_timestamp() - 3_600,
        });
        jsonwebtoken::encode(
            &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
            &claims,
            &jsonwebtoken::EncodingKey::from_secret(self.secret.as_bytes()),
        )
        .unwrap()
    }

    /// A well-formed token signed with another secret.
    pub fn forged(&self, council: &str) -> String {
        mint_token_for_subject(
            b"not-the-secret",
            "clerk@forged",
            Some(council),
            Role::Clerk,
            Duration::from_secs(600),
        )
        .unwrap()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// The server's socket address, for tests that speak raw TCP.
    pub fn socket(&self) -> std::net::SocketAddr {
        self.address.trim_start_matches("http://").parse().unwrap()
    }

    async fn answer(response: reqwest::Response) -> Answer {
        let status = response.status();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let text = response.text().await.unwrap();
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Answer {
            status,
            content_type,
            body,
            text,
        }
    }

    /// POSTs a GraphQL request to `path` (Accept: application/graphql-response+json).
    pub async fn post(
        &self,
        path: &str,
        token: Option<&str>,
        query: &str,
        variables: Value,
    ) -> Answer {
        self.post_body(
            path,
            token,
            &json!({"query": query, "variables": variables}),
        )
        .await
    }

    /// POSTs any JSON body.
    pub async fn post_body(&self, path: &str, token: Option<&str>, body: &Value) -> Answer {
        let mut request = self
            .client
            .post(self.url(path))
            .header("accept", "application/graphql-response+json")
            .header("content-type", "application/json")
            .body(serde_json::to_vec(body).unwrap());
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        Self::answer(request.send().await.unwrap()).await
    }

    /// Sends a raw request.
    pub async fn send(&self, request: reqwest::RequestBuilder) -> Answer {
        Self::answer(request.send().await.unwrap()).await
    }

    /// A council's endpoint path.
    pub fn council(slug: &str) -> String {
        format!("/councils/{slug}/graphql")
    }

    /// Registers a council of England as a platform admin.
    pub async fn register_council(&self, slug: &str, name: &str) {
        self.register_council_in(slug, name, "ENGLAND").await;
    }

    /// Registers a council of `nation` (GraphQL's `Nation`: `ENGLAND`, `WALES`, …) as a
    /// platform admin.
    pub async fn register_council_in(&self, slug: &str, name: &str, nation: &str) {
        let answer = self
            .post(
                "/graphql",
                Some(&self.admin()),
                "mutation($key: UUID!, $input: RegisterCouncilInput!) {
                   registerCouncil(idempotencyKey: $key, input: $input) { council { slug } }
                 }",
                json!({"key": uuid::Uuid::now_v7(), "input": {
                    "slug": slug, "name": name, "kind": "COUNTY", "nation": nation
                }}),
            )
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
        assert_eq!(
            answer.body["data"]["registerCouncil"]["council"]["slug"], slug,
            "{}",
            answer.text
        );
    }

    /// Adds a body to a council as its clerk; returns the body's id.
    pub async fn add_body(&self, slug: &str, name: &str, kind: &str) -> String {
        let answer = self
            .post(
                &Self::council(slug),
                Some(&self.clerk(slug)),
                "mutation($key: UUID!, $input: AddBodyInput!) {
                   addBody(idempotencyKey: $key, input: $input) { council { bodies { bodyId name } } }
                 }",
                json!({"key": uuid::Uuid::now_v7(), "input": {"name": name, "kind": kind}}),
            )
            .await;
        let bodies = answer.body["data"]["addBody"]["council"]["bodies"]
            .as_array()
            .unwrap_or_else(|| panic!("{}", answer.text))
            .clone();
        bodies
            .iter()
            .rev()
            .find(|b| b["name"] == name)
            .and_then(|b| b["bodyId"].as_str())
            .unwrap()
            .to_owned()
    }
}

/// A decision record as `recordDecision` takes it.
pub fn details(body: &str, title: &str) -> Value {
    json!({
        "title": title,
        "decisionMakerBodyId": body,
        "decisionMakerName": "Cabinet",
        "statusLabel": "Recommendations Approved",
        "outcome": "APPROVED",
        "keyDecision": false,
        "subjectToCallIn": true,
        "purpose": "To decide.",
        "resolutions": [{"number": 1, "text": "That it be approved."}],
        "wardsAffected": {"kind": "ALL"},
        "dateOfDecision": "2024-03-06",
        "decidedByBodyId": body,
        "decidedByName": "Cabinet",
        "forwardPlanEntry": null
    })
}

/// Records a decision (a draft) as `slug`'s clerk; returns its id.
pub async fn record_draft(app: &TestApp, slug: &str, body: &str, title: &str) -> uuid::Uuid {
    let id = uuid::Uuid::now_v7();
    let answer = app
        .post(
            &TestApp::council(slug),
            Some(&app.clerk(slug)),
            "mutation($key: UUID!, $input: DecisionDetailsInput!) {
               recordDecision(idempotencyKey: $key, input: $input) { decision { uuid } } }",
            json!({"key": id, "input": details(body, title)}),
        )
        .await;
    assert!(answer.body["errors"].is_null(), "{}", answer.text);
    id
}

/// Publishes `decision` as `slug`'s clerk.
pub async fn publish(app: &TestApp, slug: &str, decision: uuid::Uuid) {
    let answer = app
        .post(
            &TestApp::council(slug),
            Some(&app.clerk(slug)),
            "mutation($key: UUID!, $d: UUID!) { publishDecision(idempotencyKey: $key, decisionId: $d, \
             input: {publicationDate: \"2024-03-08\"}) { decision { status } } }",
            json!({"key": uuid::Uuid::now_v7(), "d": decision}),
        )
        .await;
    assert!(answer.body["errors"].is_null(), "{}", answer.text);
}

/// Corrects a decision's title as a clerk would (the domain's own correction, the rest of the
/// record as it stands) and waits for the read models; returns the correction's position.
pub async fn correct_title(app: &TestApp, slug: &str, id: &str, title: &str) -> u64 {
    use civic_domain::values::{Reason, Title};
    use civic_domain::{Command, Decision, DecisionCommand, DecisionId, StreamId};

    let runtime = &app.services.directory.home();
    let tenant = app
        .services
        .directory
        .home()
        .read_models()
        .tenant_for_slug(slug)
        .await
        .unwrap()
        .unwrap();
    let decision = DecisionId::parse(id).unwrap();
    let (events, _) = runtime
        .stream(tenant, &StreamId::decision(decision))
        .await
        .unwrap();
    let mut details = Decision::from_history(&events).unwrap().details().clone();
    details.title = Title::parse(title).unwrap();
    let correct = Command::Decision {
        decision,
        command: DecisionCommand::Correct {
            details: details.into(),
            reason: Reason::parse("The title was abbreviated").unwrap(),
        },
    };
    let clerk = civic_eventstore::Actor::parse("clerk:test").unwrap();
    let envelope = civic_runtime::Envelope::new(tenant, clerk, uuid::Uuid::now_v7());
    let corrected = runtime.run(&envelope, &correct).await.unwrap();
    runtime.catch_up(tenant).await.unwrap();
    corrected.committed.last_position
}
