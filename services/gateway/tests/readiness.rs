//! `/readyz` says not ready, with the reason, while a migration this binary needs is missing or a
//! council's read models are too far behind its log, and ready again once they are not.

#![allow(clippy::unwrap_used, missing_docs)]

mod common;

use std::time::Duration;

use civic_domain::Command;
use civic_domain::council::{BodyKind, CouncilCommand};
use civic_domain::values::{BodyId, Name};
use civic_eventstore::Actor;
use civic_runtime::Envelope;
use common::{Backend, TestApp, spawn_with};
use reqwest::StatusCode;

async fn readyz(app: &TestApp) -> (StatusCode, String) {
    let answer = app.send(app.client.get(app.url("/readyz"))).await;
    (answer.status, answer.text)
}

async fn a_projector_far_behind_makes_the_gateway_unready(backend: Backend) {
    let Some(app) = spawn_with(backend, "ready_lag", |settings| {
        settings.run_projector = false;
        settings.ready_max_lag = Some(Duration::from_millis(300));
    })
    .await
    else {
        return;
    };
    assert_eq!(readyz(&app).await, (StatusCode::OK, "ready".to_owned()));

    // An event no projector shows: recorded without catching up, and none runs here.
    let tenant = app.tenant("maidstone").await;
    let clerk = Actor::parse("clerk:maidstone").unwrap();
    let add = Command::Council(CouncilCommand::AddBody {
        body: BodyId::new(),
        name: Name::parse("Planning Committee").unwrap(),
        kind: BodyKind::Committee,
    });
    let runtime = &app.services.directory.home();
    runtime
        .run_without_catching_up(&Envelope::new(tenant, clerk, uuid::Uuid::now_v7()), &add)
        .await
        .unwrap();
    // Ready until the event is older than the allowance, then not: waits for that moment, it
    // does not time anything.
    let mut answer = readyz(&app).await;
    for _ in 0..100 {
        if answer.0 != StatusCode::OK {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
        answer = readyz(&app).await;
    }
    assert_eq!(answer.0, StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        answer
            .1
            .starts_with("projector behind: council maidstone shows none of the last 1 events"),
        "{}",
        answer.1
    );

    runtime.catch_up(tenant).await.unwrap();
    assert_eq!(readyz(&app).await, (StatusCode::OK, "ready".to_owned()));
}

async fn projector_lag_is_left_out_of_readiness_when_asked(backend: Backend) {
    let Some(app) = spawn_with(backend, "ready_no_lag", |settings| {
        settings.run_projector = false;
        settings.ready_max_lag = None;
    })
    .await
    else {
        return;
    };
    let tenant = app.tenant("maidstone").await;
    let clerk = Actor::parse("clerk:maidstone").unwrap();
    let add = Command::Council(CouncilCommand::AddBody {
        body: BodyId::new(),
        name: Name::parse("Licensing Committee").unwrap(),
        kind: BodyKind::Committee,
    });
    app.services
        .directory
        .home()
        .run_without_catching_up(&Envelope::new(tenant, clerk, uuid::Uuid::now_v7()), &add)
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(readyz(&app).await, (StatusCode::OK, "ready".to_owned()));
}

async fn a_missing_migration_makes_the_gateway_unready(backend: Backend) {
    let Some(app) = spawn_with(backend, "ready_migrations", |_| {}).await else {
        return;
    };
    assert_eq!(readyz(&app).await, (StatusCode::OK, "ready".to_owned()));
    // As if the database were restored from a backup taken before migration 11.
    civic_testkit::execute_as_owner(
        &app.database_url,
        "DELETE FROM _sqlx_migrations WHERE version = 11",
    )
    .await;
    assert_eq!(
        readyz(&app).await,
        (
            StatusCode::SERVICE_UNAVAILABLE,
            "database migrations missing: 11".to_owned()
        )
    );
    // The liveness probe is not affected: restarting would not help.
    let health = app.send(app.client.get(app.url("/healthz"))).await;
    assert_eq!(health.status, StatusCode::OK);
}

both_backends!(
    a_projector_far_behind_makes_the_gateway_unready,
    projector_lag_is_left_out_of_readiness_when_asked,
    a_missing_migration_makes_the_gateway_unready,
);
