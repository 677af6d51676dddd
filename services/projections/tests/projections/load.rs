//! The projector under load, and how notifications wake it.

use std::time::Duration;

use civic_domain::Command;
use civic_domain::council::CouncilCommand;
use civic_domain::values::{Name, WardId};
use civic_eventstore::TenantId;
use civic_projections::{Notifier, Projector};
use tokio::sync::watch;

use crate::support::{Fixture, assert_matches_fresh_fold, context, d};

/// Runs a projector until `stop` says so.
fn spawn_run(projector: Projector, mut stop: watch::Receiver<bool>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        projector
            .run(async move {
                let _ = stop.wait_for(|stop| *stop).await;
            })
            .await;
    })
}

pub async fn the_projector_never_skips_an_event_under_concurrent_load(f: Fixture) {
    let (tenants, writers, rounds) = if f.is_postgres() {
        (6, 4, 6)
    } else {
        (4, 3, 4)
    };
    let mut councils = Vec::new();
    for _ in 0..tenants {
        let tenant = TenantId::new();
        councils.push((tenant, f.record_example(tenant).await.cabinet));
    }
    // Two projectors, as two server processes would run them, one with small batches.
    let (stop, stopped) = watch::channel(false);
    let first = f.projector().with_poll_interval(Duration::from_millis(100));
    let second = f
        .projector()
        .with_poll_interval(Duration::from_millis(100))
        .with_batch_size(3);
    let notifier = first.notifier();
    let runs = [
        spawn_run(first, stopped.clone()),
        spawn_run(second, stopped.clone()),
    ];

    let mut handles = Vec::new();
    for &(tenant, cabinet) in &councils {
        for writer in 0..writers {
            let register = f.register.clone();
            let notifier = notifier.clone();
            handles.push(tokio::spawn(async move {
                for round in 0..rounds {
                    let id = civic_domain::values::DecisionId::new();
                    let mut details = civic_domain::example::details(cabinet, None).unwrap();
                    details.title = civic_domain::values::Title::parse(&format!(
                        "Writer {writer} round {round}"
                    ))
                    .unwrap();
                    let mut commands = vec![Command::Decision {
                        decision: id,
                        command: civic_domain::decision::DecisionCommand::Record {
                            details: details.into(),
                        },
                    }];
                    if round % 2 == 0 {
                        commands.push(Command::Decision {
                            decision: id,
                            command: civic_domain::decision::DecisionCommand::Publish {
                                publication_date: d(2010, 7, 28),
                                call_in_deadline: None,
                                call_in_deadline_time: None,
                                effective_from: None,
                                override_reason: None,
                            },
                        });
                    }
                    if round % 3 == 0 {
                        // Writers also race on the council stream.
                        commands.push(Command::Council(CouncilCommand::AddWard {
                            ward: WardId::new(),
                            name: Name::parse(&format!("Ward {writer}-{round}")).unwrap(),
                        }));
                    }
                    for command in commands {
                        register
                            .execute(tenant, &command, &context())
                            .await
                            .unwrap();
                        notifier.notify(tenant);
                    }
                }
            }));
        }
    }
    for handle in handles {
        handle.await.unwrap();
    }
    for &(tenant, _) in &councils {
        f.wait_caught_up(tenant, Duration::from_secs(60)).await;
    }
    stop.send(true).unwrap();
    for run in runs {
        run.await.unwrap();
    }
    for &(tenant, _) in &councils {
        assert_matches_fresh_fold(&f, tenant).await;
    }
}

/// Records one more decision without telling anyone.
async fn append_quietly(f: &Fixture, tenant: TenantId, cabinet: civic_domain::values::BodyId) {
    f.record_decision(tenant, cabinet, "Quiet decision", None)
        .await;
}

pub async fn a_notification_wakes_the_projector_before_its_poll(f: Fixture) {
    let tenant = TenantId::new();
    let ids = f.record_example(tenant).await;
    let projector = f.projector().with_poll_interval(Duration::from_secs(3600));
    let notifier = projector.notifier();
    let (stop, stopped) = watch::channel(false);
    let run = spawn_run(projector, stopped);
    // The loop catches up everything behind when it starts.
    f.wait_caught_up(tenant, Duration::from_secs(10)).await;
    tokio::time::sleep(Duration::from_millis(500)).await;

    append_quietly(&f, tenant, ids.cabinet).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(f.models.checkpoint(tenant).await.unwrap() < f.head(tenant).await);
    notifier.notify(tenant);
    f.wait_caught_up(tenant, Duration::from_secs(10)).await;

    stop.send(true).unwrap();
    run.await.unwrap();
    assert_matches_fresh_fold(&f, tenant).await;
}

/// Polls look at a slice of the tenants each, in turn, and come back to the first after the
/// last: appends nobody notified are all caught up, whichever slice their tenant is in.
pub async fn polls_catch_up_every_tenant_slice_by_slice(f: Fixture) {
    let mut tenants = Vec::new();
    for _ in 0..5 {
        let tenant = TenantId::new();
        let ids = f.record_example(tenant).await;
        tenants.push((tenant, ids));
    }
    let projector = f
        .projector()
        .with_poll_interval(Duration::from_millis(50))
        .with_poll_slice(2);
    let (stop, stopped) = watch::channel(false);
    let run = spawn_run(projector, stopped);
    for (tenant, _) in &tenants {
        f.wait_caught_up(*tenant, Duration::from_secs(10)).await;
    }
    // Twice round, so each slice, the wrap to the first and a slice cut at the end are used.
    for _ in 0..2 {
        for (tenant, ids) in &tenants {
            append_quietly(&f, *tenant, ids.cabinet).await;
        }
        for (tenant, _) in &tenants {
            f.wait_caught_up(*tenant, Duration::from_secs(10)).await;
        }
    }
    stop.send(true).unwrap();
    run.await.unwrap();
    for (tenant, _) in &tenants {
        assert_matches_fresh_fold(&f, *tenant).await;
    }
}

/// PostgreSQL: a notifier without a projector of its own reaches projectors through
/// `pg_notify`/`LISTEN`.
pub async fn a_notification_reaches_a_projector_in_another_process(f: Fixture) {
    let tenant = TenantId::new();
    let ids = f.record_example(tenant).await;
    let projector = f.projector().with_poll_interval(Duration::from_secs(3600));
    let (stop, stopped) = watch::channel(false);
    let run = spawn_run(projector, stopped);
    f.wait_caught_up(tenant, Duration::from_secs(10)).await;
    tokio::time::sleep(Duration::from_millis(500)).await;

    let elsewhere = Notifier::new(&f.models);
    append_quietly(&f, tenant, ids.cabinet).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(f.models.checkpoint(tenant).await.unwrap() < f.head(tenant).await);
    elsewhere.notify(tenant);
    f.wait_caught_up(tenant, Duration::from_secs(10)).await;

    stop.send(true).unwrap();
    run.await.unwrap();
}
