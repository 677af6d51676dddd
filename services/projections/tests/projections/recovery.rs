//! Failures mid-batch and rebuilds: the read models never lose or double an event.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use civic_domain::Command;
use civic_domain::council::CouncilCommand;
use civic_domain::values::{Name, WardId};
use civic_eventstore::TenantId;
use civic_projections::{DecisionFilter, Detail, PageRequest, Viewer};
use tokio::sync::watch;

use crate::support::{Fixture, assert_matches_fresh_fold, d, fresh_fold, read_models};

pub async fn a_failed_batch_changes_nothing_and_the_next_catch_up_applies_every_event_once(
    f: Fixture,
) {
    let tenant = TenantId::new();
    let ids = f.record_example(tenant).await;
    let projector = f.projector();
    projector.catch_up(tenant).await.unwrap();
    let checkpoint = f.models.checkpoint(tenant).await.unwrap();
    let before = read_models(&f, tenant, &[]).await;

    // The database refuses one row of the next batch, after others were written in it.
    f.raw
        .execute_either(
            "CREATE FUNCTION poison() RETURNS trigger LANGUAGE plpgsql AS $$ \
             BEGIN IF NEW.title = 'Poison' THEN RAISE EXCEPTION 'poisoned batch'; END IF; \
             RETURN NEW; END $$; \
             CREATE TRIGGER poison BEFORE INSERT ON decisions \
             FOR EACH ROW EXECUTE FUNCTION poison();",
            "CREATE TRIGGER poison BEFORE INSERT ON decisions WHEN NEW.title = 'Poison' \
             BEGIN SELECT RAISE(ABORT, 'poisoned batch'); END;",
        )
        .await;
    f.execute(
        tenant,
        &Command::Council(CouncilCommand::AddWard {
            ward: WardId::new(),
            name: Name::parse("Bearsted").unwrap(),
        }),
    )
    .await;
    f.record_decision(tenant, ids.cabinet, "Before", Some(d(2010, 7, 28)))
        .await;
    f.record_decision(tenant, ids.cabinet, "Poison", None).await;
    f.record_decision(tenant, ids.cabinet, "After", None).await;

    assert!(projector.catch_up(tenant).await.is_err());
    assert_eq!(f.models.checkpoint(tenant).await.unwrap(), checkpoint);
    assert_eq!(read_models(&f, tenant, &[]).await, before);
    assert!(
        f.models
            .council(tenant)
            .await
            .unwrap()
            .unwrap()
            .wards
            .is_empty()
    );

    f.raw
        .execute_either(
            "DROP TRIGGER poison ON decisions; DROP FUNCTION poison();",
            "DROP TRIGGER poison;",
        )
        .await;
    assert_eq!(
        projector.catch_up(tenant).await.unwrap(),
        f.head(tenant).await
    );
    assert_eq!(
        f.models.council(tenant).await.unwrap().unwrap().wards.len(),
        1
    );
    assert_matches_fresh_fold(&f, tenant).await;
}

/// Keeps querying the tenant until told to stop; counts the answers.
fn spawn_reader(
    f: &Fixture,
    tenant: TenantId,
    decision: civic_domain::values::DecisionId,
    at_least: u64,
    stop: Arc<AtomicBool>,
) -> tokio::task::JoinHandle<usize> {
    let models = f.models.clone();
    let answered = Arc::new(AtomicUsize::new(0));
    tokio::spawn(async move {
        while !stop.load(Ordering::SeqCst) {
            let view = models
                .decision(tenant, Viewer::Public, decision)
                .await
                .unwrap();
            assert!(view.is_some(), "the example vanished during a rebuild");
            let page = models
                .decisions(
                    tenant,
                    Viewer::Clerk,
                    &DecisionFilter::default(),
                    &PageRequest {
                        first: 100,
                        after: None,
                    },
                    Detail::Full,
                )
                .await
                .unwrap();
            assert!(
                page.total_count >= at_least,
                "decisions vanished during a rebuild"
            );
            assert_eq!(page.items.len() as u64, page.total_count);
            assert!(models.council(tenant).await.unwrap().is_some());
            answered.fetch_add(1, Ordering::SeqCst);
        }
        answered.load(Ordering::SeqCst)
    })
}

async fn active_generation(f: &Fixture, tenant: TenantId) -> i64 {
    f.raw
        .count(
            "SELECT active_generation FROM projection_generations WHERE tenant_id = $1",
            "SELECT active_generation FROM projection_generations WHERE tenant_id = ?",
            tenant,
        )
        .await
}

async fn rows_of_other_generations(f: &Fixture, tenant: TenantId) -> i64 {
    f.raw
        .count(
            "SELECT (SELECT count(*) FROM decisions d WHERE d.tenant_id = $1 \
               AND d.generation <> g.active_generation) \
             + (SELECT count(*) FROM councils c WHERE c.tenant_id = $1 \
               AND c.generation <> g.active_generation) \
             + (SELECT count(*) FROM strategy_documents s WHERE s.tenant_id = $1 \
               AND s.generation <> g.active_generation) \
             + (SELECT count(*) FROM projection_checkpoints p WHERE p.tenant_id = $1 \
               AND p.generation <> g.active_generation) \
             FROM projection_generations g WHERE g.tenant_id = $1",
            "SELECT (SELECT count(*) FROM decisions d WHERE d.tenant_id = ?1 \
               AND d.generation <> g.active_generation) \
             + (SELECT count(*) FROM councils c WHERE c.tenant_id = ?1 \
               AND c.generation <> g.active_generation) \
             + (SELECT count(*) FROM strategy_documents s WHERE s.tenant_id = ?1 \
               AND s.generation <> g.active_generation) \
             + (SELECT count(*) FROM projection_checkpoints p WHERE p.tenant_id = ?1 \
               AND p.generation <> g.active_generation) \
             FROM projection_generations g WHERE g.tenant_id = ?1",
            tenant,
        )
        .await
}

pub async fn a_rebuild_gives_identical_read_models_and_switches_generation_while_queries_answer(
    f: Fixture,
) {
    let tenant = TenantId::new();
    let ids = f.record_example(tenant).await;
    for (i, published) in [true, false, true, false, true].into_iter().enumerate() {
        f.record_decision(
            tenant,
            ids.cabinet,
            &format!("Decision {i}"),
            published.then(|| d(2010, 7, 28)),
        )
        .await;
    }
    let projector = f.projector().with_batch_size(2);
    projector.catch_up(tenant).await.unwrap();
    let expected = fresh_fold(&f, tenant).await;
    let before = read_models(&f, tenant, &expected.forward_plan).await;
    assert_eq!(before, expected);
    assert_eq!(active_generation(&f, tenant).await, 1);

    // A quiet rebuild, while queries keep answering from generation 1 until the switch.
    let stop = Arc::new(AtomicBool::new(false));
    let reader = spawn_reader(&f, tenant, ids.decision, 6, stop.clone());
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(projector.rebuild(tenant).await.unwrap(), 2);
    tokio::time::sleep(Duration::from_millis(50)).await;
    stop.store(true, Ordering::SeqCst);
    assert!(reader.await.unwrap() > 0);
    assert_eq!(
        read_models(&f, tenant, &expected.forward_plan).await,
        before
    );
    assert_eq!(active_generation(&f, tenant).await, 2);
    assert_eq!(rows_of_other_generations(&f, tenant).await, 0);

    // A rebuild while the projector runs and writers append: they take turns on the tenant's
    // lock, and what comes out is still the fold of the whole log.
    let (stop_run, stopped) = watch::channel(false);
    let live = f.projector().with_poll_interval(Duration::from_millis(50));
    let notifier = live.notifier();
    let run = tokio::spawn(async move {
        live.run(async move {
            let mut stopped = stopped;
            let _ = stopped.wait_for(|stop| *stop).await;
        })
        .await;
    });
    let stop = Arc::new(AtomicBool::new(false));
    let reader = spawn_reader(&f, tenant, ids.decision, 6, stop.clone());
    let writer = {
        let register = f.register.clone();
        let cabinet = ids.cabinet;
        tokio::spawn(async move {
            for i in 0..6 {
                let mut details = civic_domain::example::details(cabinet, None).unwrap();
                details.title =
                    civic_domain::values::Title::parse(&format!("During rebuild {i}")).unwrap();
                register
                    .execute(
                        tenant,
                        &Command::Decision {
                            decision: civic_domain::values::DecisionId::new(),
                            command: civic_domain::decision::DecisionCommand::Record {
                                details: details.into(),
                            },
                        },
                        &crate::support::context(),
                    )
                    .await
                    .unwrap();
                notifier.notify(tenant);
            }
        })
    };
    assert_eq!(projector.rebuild(tenant).await.unwrap(), 3);
    writer.await.unwrap();
    f.wait_caught_up(tenant, Duration::from_secs(30)).await;
    stop.store(true, Ordering::SeqCst);
    assert!(reader.await.unwrap() > 0);
    stop_run.send(true).unwrap();
    run.await.unwrap();
    assert_eq!(active_generation(&f, tenant).await, 3);
    assert_eq!(rows_of_other_generations(&f, tenant).await, 0);
    assert_matches_fresh_fold(&f, tenant).await;
}
