//! The runtime on both backends: one command from an envelope, read back at once; council
//! registration under a race; idempotent replays; readiness.

#![allow(clippy::unwrap_used, missing_docs)]

use civic_app::AppError;
use civic_domain::council::{CouncilCommand, CouncilKind};
use civic_domain::values::{Name, Slug, WardId};
use civic_domain::{Command, Nation};
use civic_eventstore::Actor;
use civic_projections::ProjectionError;
use civic_runtime::{Envelope, Runtime, RuntimeError};
use civic_testkit::TestDatabase;
use std::sync::Arc;

use uuid::Uuid;

/// A runtime over a fresh database of the backend; `None` when PostgreSQL is skipped.
async fn runtime(postgres: bool, test: &str) -> Option<(Runtime, TestDatabase)> {
    let (url, db) = database(postgres, test).await?;
    Some((Runtime::connect(&url, 8).await.unwrap(), db))
}

/// A fresh database of the backend and its URL; `None` when PostgreSQL is skipped.
async fn database(postgres: bool, test: &str) -> Option<(String, TestDatabase)> {
    TestDatabase::fresh(postgres, test, &civic_eventstore::migrations::postgres()).await
}

fn registration(slug: &str) -> CouncilCommand {
    CouncilCommand::Register {
        slug: Slug::parse(slug).unwrap(),
        name: Name::parse("Ashford Borough Council").unwrap(),
        kind: CouncilKind::District,
        nation: Nation::England,
    }
}

fn admin() -> Actor {
    Actor::parse("admin:root").unwrap()
}

macro_rules! both_backends {
    ($($test:ident),+ $(,)?) => {
        $(
            mod $test {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    super::$test(false).await;
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    super::$test(true).await;
                }
            }
        )+
    };
}

both_backends!(
    a_command_run_from_an_envelope_is_read_back_at_once,
    of_two_registrations_of_one_slug_racing_only_one_council_is_made,
    a_retried_registration_replays_the_first,
    readiness_answers_while_the_database_does,
    two_processes_loading_the_demo_at_once_both_come_up,
    forty_eight_writers_to_one_council_all_succeed,
);

async fn a_command_run_from_an_envelope_is_read_back_at_once(postgres: bool) {
    let Some((runtime, _db)) = runtime(postgres, "runtime_read_back").await else {
        return;
    };
    let (tenant, _) = runtime
        .register_council(admin(), Uuid::now_v7(), registration("ashford"))
        .await
        .unwrap();
    let clerk = Actor::parse("clerk:alice").unwrap();
    let ward = WardId::new();
    let command = Command::Council(CouncilCommand::AddWard {
        ward,
        name: Name::parse("Beaver").unwrap(),
    });
    let envelope = Envelope::new(tenant, clerk, Uuid::now_v7()).expecting(Some(1));
    let executed = runtime.run(&envelope, &command).await.unwrap();
    assert!(!executed.replayed);
    assert_eq!(executed.committed.stream_version, 2);

    // No projector runs in the background here: the run itself caught the read model up.
    let council = runtime
        .read_models()
        .council(tenant)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(council.wards.len(), 1);
    assert_eq!(council.wards[0].id, ward);

    // The same envelope again appends nothing and answers as the first time did.
    let again = runtime.run(&envelope, &command).await.unwrap();
    assert!(again.replayed);
    assert_eq!(again.committed, executed.committed);

    // A stale expected version is refused.
    let stale = Envelope::new(tenant, Actor::parse("clerk:bob").unwrap(), Uuid::now_v7())
        .expecting(Some(1));
    let refused = runtime.run(&stale, &command).await.unwrap_err();
    assert!(
        matches!(
            refused,
            RuntimeError::Command(AppError::Conflict {
                expected: 1,
                actual: 2,
                ..
            })
        ),
        "{refused:?}"
    );
}

async fn of_two_registrations_of_one_slug_racing_only_one_council_is_made(postgres: bool) {
    let Some((runtime, _db)) = runtime(postgres, "runtime_slug_race").await else {
        return;
    };
    let (first, second) = tokio::join!(
        runtime.register_council(admin(), Uuid::now_v7(), registration("swale")),
        runtime.register_council(admin(), Uuid::now_v7(), registration("swale")),
    );
    let outcomes = [first, second];
    let made = outcomes.iter().filter(|o| o.is_ok()).count();
    assert_eq!(made, 1, "{outcomes:?}");
    let refused = outcomes.iter().find_map(|o| o.as_ref().err()).unwrap();
    assert!(
        matches!(
            refused,
            RuntimeError::Command(AppError::Domain(_) | AppError::Conflict { .. })
                | RuntimeError::ReadModel(ProjectionError::SlugTaken)
        ),
        "{refused:?}"
    );
    let councils = runtime.read_models().councils().await.unwrap();
    assert_eq!(councils.len(), 1);
}

async fn a_retried_registration_replays_the_first(postgres: bool) {
    let Some((runtime, _db)) = runtime(postgres, "runtime_registration_retry").await else {
        return;
    };
    let key = Uuid::now_v7();
    let (tenant, first) = runtime
        .register_council(admin(), key, registration("dover"))
        .await
        .unwrap();
    let (again, replayed) = runtime
        .register_council(admin(), key, registration("dover"))
        .await
        .unwrap();
    assert_eq!(again, tenant);
    assert!(replayed.replayed);
    assert_eq!(replayed.committed, first.committed);

    // Only a registration registers.
    let not_one = CouncilCommand::AddWard {
        ward: WardId::new(),
        name: Name::parse("Castle").unwrap(),
    };
    assert!(matches!(
        runtime
            .register_council(admin(), Uuid::now_v7(), not_one)
            .await,
        Err(RuntimeError::NotARegistration)
    ));
}

async fn readiness_answers_while_the_database_does(postgres: bool) {
    let Some((runtime, _db)) = runtime(postgres, "runtime_ready").await else {
        return;
    };
    runtime.readiness(None).await.unwrap();
    // Nothing recorded, so no council is behind however small the allowance.
    runtime
        .readiness(Some(std::time::Duration::ZERO))
        .await
        .unwrap();
}

async fn two_processes_loading_the_demo_at_once_both_come_up(postgres: bool) {
    let Some((url, _db)) = database(postgres, "runtime_demo_race").await else {
        return;
    };
    for _ in 0..4 {
        // Two runtimes with their own pools and caches, as two `civic serve --demo` would have,
        // racing from an empty database (and then from a loaded one).
        let (a, b) = tokio::join!(Runtime::connect(&url, 4), Runtime::connect(&url, 4));
        let (a, b) = (a.unwrap(), b.unwrap());
        let (loaded_a, loaded_b) = tokio::join!(a.ensure_demo(), b.ensure_demo());
        let (loaded_a, loaded_b) = (loaded_a.unwrap(), loaded_b.unwrap());
        assert_eq!(loaded_a.tenant(), loaded_b.tenant());
    }
    let runtime = Runtime::connect(&url, 4).await.unwrap();
    assert_eq!(runtime.read_models().councils().await.unwrap().len(), 1);
}

async fn forty_eight_writers_to_one_council_all_succeed(postgres: bool) {
    let Some((runtime, _db)) = runtime(postgres, "runtime_48_writers").await else {
        return;
    };
    let runtime = Arc::new(runtime);
    let tenant = runtime.ensure_demo().await.unwrap().tenant();
    let clerk = Actor::parse("clerk:alice").unwrap();
    let mut writers = tokio::task::JoinSet::new();
    for n in 0..48 {
        let (runtime, clerk) = (runtime.clone(), clerk.clone());
        writers.spawn(async move {
            // Each writer adds wards to the council stream: every command collides with every
            // other on the same stream and the same log.
            for round in 0..3 {
                let command = Command::Council(CouncilCommand::AddWard {
                    ward: WardId::new(),
                    name: Name::parse(&format!("Ward {n}-{round}")).unwrap(),
                });
                let envelope = Envelope::new(tenant, clerk.clone(), Uuid::now_v7());
                runtime.run(&envelope, &command).await?;
            }
            Ok::<_, RuntimeError>(())
        });
    }
    let mut failures = Vec::new();
    while let Some(joined) = writers.join_next().await {
        if let Err(error) = joined.unwrap() {
            failures.push(error);
        }
    }
    assert!(
        failures.is_empty(),
        "{} writers failed: {failures:?}",
        failures.len()
    );
    let council = runtime
        .read_models()
        .council(tenant)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(council.wards.len(), 48 * 3);
}
