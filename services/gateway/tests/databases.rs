#![allow(clippy::unwrap_used, missing_docs)]
//! Councils across two PostgreSQL databases behind one gateway (docs/scaling.md): the directory's
//! database (`DATABASE_URL`) and a council database named `east`. Each new council goes to the
//! database with the fewest councils; its log and read models are there and nowhere else; slugs
//! stay unique across both; the councils list shows every council; and a projector per database
//! keeps each database's read models current. A gateway not given a database some council lives
//! in refuses to start.

mod common;

use std::time::{Duration, Instant};

use civic_domain::values::{Name, WardId};
use civic_domain::{Command, CouncilCommand};
use civic_eventstore::{Actor, TenantId};
use civic_gateway::{Application, Settings};
use civic_runtime::Envelope;
use common::{Backend, TestApp, database, publish, record_draft, spawn_on};
use reqwest::StatusCode;
use serde_json::json;
use sqlx::Row as _;

/// How many events of `tenant` the database at `url` holds.
async fn events_in(url: &str, tenant: TenantId) -> i64 {
    let pool = sqlx::PgPool::connect(url).await.unwrap();
    let count = sqlx::query("SELECT COUNT(*) FROM events WHERE tenant_id = CAST($1 AS uuid)")
        .bind(tenant.as_uuid().to_string())
        .fetch_one(&pool)
        .await
        .unwrap()
        .get::<i64, _>(0);
    pool.close().await;
    count
}

/// The placement the directory's database at `url` holds for `tenant`, if any.
async fn placement_in(url: &str, tenant: TenantId) -> Option<String> {
    let pool = sqlx::PgPool::connect(url).await.unwrap();
    let database =
        sqlx::query("SELECT database FROM council_placements WHERE tenant_id = CAST($1 AS uuid)")
            .bind(tenant.as_uuid().to_string())
            .fetch_optional(&pool)
            .await
            .unwrap()
            .map(|row| row.get::<String, _>(0));
    pool.close().await;
    database
}

/// The public's count of a council's decisions, through the gateway.
async fn public_decisions(app: &TestApp, slug: &str) -> serde_json::Value {
    let answer = app
        .post(
            &TestApp::council(slug),
            None,
            "{ decisions { totalCount } }",
            json!({}),
        )
        .await;
    assert!(answer.body["errors"].is_null(), "{}", answer.text);
    answer.body["data"]["decisions"]["totalCount"].clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn councils_live_in_one_of_two_databases_behind_one_gateway() {
    let Some((home_url, _home)) = database(Backend::Postgres, "databases_home").await else {
        return;
    };
    let Some((east_url, _east)) = database(Backend::Postgres, "databases_east").await else {
        return;
    };
    let east = east_url.clone();
    let app = spawn_on(home_url.clone(), |settings| {
        settings.council_databases = vec![("east".to_owned(), east.into())];
    })
    .await;

    // The demo council (in the directory's database) holds one: the next goes east, then
    // home (a tie goes to the directory's), then east again.
    app.register_council("kent", "Kent County Council").await;
    app.register_council("surrey", "Surrey County Council")
        .await;
    app.register_council("essex", "Essex County Council").await;
    let [maidstone, kent, surrey, essex] = [
        app.tenant("maidstone").await,
        app.tenant("kent").await,
        app.tenant("surrey").await,
        app.tenant("essex").await,
    ];
    assert_eq!(placement_in(&home_url, kent).await.as_deref(), Some("east"));
    assert_eq!(
        placement_in(&home_url, essex).await.as_deref(),
        Some("east")
    );
    assert_eq!(placement_in(&home_url, surrey).await, None);
    assert_eq!(placement_in(&home_url, maidstone).await, None);

    // Each council's log is in its database only.
    for (tenant, home_events, east_events) in [
        (kent, false, true),
        (essex, false, true),
        (surrey, true, false),
        (maidstone, true, false),
    ] {
        assert_eq!(events_in(&home_url, tenant).await > 0, home_events);
        assert_eq!(events_in(&east_url, tenant).await > 0, east_events);
    }

    // Written and read through the one gateway, in its own database.
    let body = app.add_body("kent", "Kent Cabinet", "CABINET").await;
    let decision = record_draft(&app, "kent", &body, "Kent highways plan").await;
    publish(&app, "kent", decision).await;
    assert_eq!(public_decisions(&app, "kent").await, json!(1));
    assert_eq!(public_decisions(&app, "essex").await, json!(0));
    assert_eq!(public_decisions(&app, "maidstone").await, json!(3));
    let page = app
        .client
        .get(app.url(&format!("/councils/kent/decisions/{decision}")))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text().await.unwrap().contains("Kent highways plan"));
    let pool = sqlx::PgPool::connect(&home_url).await.unwrap();
    let in_home: i64 =
        sqlx::query("SELECT COUNT(*) FROM decisions WHERE tenant_id = CAST($1 AS uuid)")
            .bind(kent.as_uuid().to_string())
            .fetch_one(&pool)
            .await
            .unwrap()
            .get(0);
    pool.close().await;
    assert_eq!(
        in_home, 0,
        "no read-model row of kent in the directory's database"
    );

    // A slug is unique across both databases: kent again (a new request) is refused, and
    // registers nothing anywhere.
    let kent_events = events_in(&east_url, kent).await;
    let again = app
        .post(
            "/graphql",
            Some(&app.admin()),
            "mutation($key: UUID!, $input: RegisterCouncilInput!) {
               registerCouncil(idempotencyKey: $key, input: $input) { council { slug } }
             }",
            json!({"key": uuid::Uuid::now_v7(), "input": {
                "slug": "kent", "name": "Another Kent", "kind": "COUNTY", "nation": "ENGLAND"
            }}),
        )
        .await;
    assert_eq!(again.code(), Some("CONFLICT"), "{}", again.text);
    assert_eq!(events_in(&east_url, kent).await, kent_events);
    assert_eq!(events_in(&home_url, kent).await, 0);

    // The councils list, and the home page, show every council of both databases.
    let listed = app
        .post("/graphql", None, "{ councils { slug } }", json!({}))
        .await;
    let mut slugs: Vec<&str> = listed.body["data"]["councils"]
        .as_array()
        .unwrap()
        .iter()
        .map(|council| council["slug"].as_str().unwrap())
        .collect();
    slugs.sort_unstable();
    assert_eq!(slugs, ["essex", "kent", "maidstone", "surrey"]);
    let home = app
        .client
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for name in [
        "Essex County Council",
        "Kent County Council",
        "Surrey County Council",
    ] {
        assert!(home.contains(name), "{name} is not on the home page");
    }

    // Each database's projector keeps its councils current: appended without catching up, the
    // ward shows once the background projector of that database has run.
    for slug in ["essex", "surrey"] {
        let tenant = app.tenant(slug).await;
        let runtime = app.services.runtime_of(tenant).await.unwrap().clone();
        let envelope = Envelope::new(
            tenant,
            Actor::parse("clerk:test").unwrap(),
            uuid::Uuid::now_v7(),
        );
        let command = Command::Council(CouncilCommand::AddWard {
            ward: WardId::new(),
            name: Name::parse("Riverside").unwrap(),
        });
        let executed = runtime
            .run_without_catching_up(&envelope, &command)
            .await
            .unwrap();
        let position = executed.committed.last_position;
        let deadline = Instant::now() + Duration::from_secs(60);
        while runtime.read_models().checkpoint(tenant).await.unwrap() < position {
            assert!(Instant::now() < deadline, "{slug} was never projected");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    // Operators see both: each council's lag once in /metrics, and ready.
    let metrics = app
        .client
        .get(app.url("/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for slug in ["essex", "kent", "maidstone", "surrey"] {
        let lines = metrics
            .lines()
            .filter(|line| {
                line.starts_with("civic_projector_lag_events{")
                    && line.contains(&format!("council=\"{slug}\""))
            })
            .count();
        assert_eq!(lines, 1, "{slug}'s lag in:\n{metrics}");
    }
    let ready = app.client.get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(ready.status(), StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_gateway_not_given_a_database_some_council_lives_in_refuses_to_start() {
    let Some((home_url, _home)) = database(Backend::Postgres, "databases_missing_home").await
    else {
        return;
    };
    let Some((east_url, _east)) = database(Backend::Postgres, "databases_missing_east").await
    else {
        return;
    };
    let app = spawn_on(home_url, |settings| {
        settings.council_databases = vec![("east".to_owned(), east_url.into())];
    })
    .await;
    app.register_council("kent", "Kent County Council").await;
    assert_eq!(public_decisions(&app, "kent").await, json!(0));

    // A gateway on the directory's database alone would find no kent there: it refuses to
    // start, saying which database is missing, rather than answer from the wrong one.
    let mut settings = Settings::new(app.database_url.clone());
    settings.listen = "127.0.0.1:0".parse().unwrap();
    let refused = Application::build(settings).await.unwrap_err();
    let why = format!("{refused:#}");
    assert!(
        why.contains("east") && why.contains("CIVIC_COUNCIL_DATABASES"),
        "{why}"
    );
    // The directory's own councils are still there, through the gateway that has both.
    assert_eq!(public_decisions(&app, "maidstone").await, json!(3));
}
