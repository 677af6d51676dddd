//! The live projector's lag: how long after an append commits its events are visible in the read
//! models, while `clients` clients append as fast as they can.
//!
//! The projector runs as `civic project` does, apart from the writers: it is woken by their
//! `pg_notify` (and polls). A watcher reads every council's visible position (the active
//! generation's checkpoint) every [`WATCH_EVERY`]; an append's lag is the time from its commit
//! (as its client saw it return) to the first read that shows its last position. The figures are
//! therefore at most [`WATCH_EVERY`] late, never early.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use civic_domain::values::{BodyId, DecisionId, Name};
use civic_domain::{Command, CouncilCommand};
use civic_eventstore::{Actor, TenantId};
use civic_projections::{Projector, ReadModels};
use civic_runtime::{Envelope, Runtime};
use sqlx::PgPool;
use tokio::task::JoinSet;
use uuid::Uuid;

use super::log::{share, steps};
use crate::latency::Tally;

/// How often the watcher reads the visible positions.
const WATCH_EVERY: Duration = Duration::from_millis(5);

/// The positions of each council appended but not yet seen visible, oldest first, with the
/// instant their append returned.
type Pending = Arc<Mutex<HashMap<TenantId, VecDeque<(u64, Instant)>>>>;

/// What a lag phase measured: the appends (and their rate) and each one's lag.
pub struct Lag {
    pub appends: Tally,
    pub lag: Tally,
}

/// Appends for `length` with `clients` clients over `tenants` while a live projector on `pool`
/// follows, and measures each append's lag. Every append must become visible: the phase waits
/// (at most a minute) for the last ones after the writers stop.
pub async fn measure(
    runtime: &Arc<Runtime>,
    pool: &PgPool,
    tenants: &[TenantId],
    clients: usize,
    length: Duration,
) -> anyhow::Result<Lag> {
    let projector = Projector::new(ReadModels::postgres(pool.clone()));
    let (stop_projector, stopped) = tokio::sync::oneshot::channel::<()>();
    let live = tokio::spawn(async move {
        projector
            .run(async move {
                let _ = stopped.await;
            })
            .await;
    });

    let pending: Pending = Arc::default();
    let (stop_watching, mut watching) = tokio::sync::watch::channel(false);
    let watcher = tokio::spawn(watch(pool.clone(), pending.clone(), async move {
        let _ = watching.wait_for(|stop| *stop).await;
    }));

    let actor = Actor::parse("system:bench")?;
    let started = Instant::now();
    let deadline = started + length;
    let mut writers = JoinSet::new();
    for client in 0..clients {
        let mine = share(tenants, client, clients);
        let (runtime, actor, pending) = (runtime.clone(), actor.clone(), pending.clone());
        writers.spawn(async move { write(&runtime, &actor, &mine, deadline, &pending).await });
    }
    let mut appends = Tally::default();
    while let Some(done) = writers.join_next().await {
        appends.add(done.context("a writer panicked")??);
    }
    appends.elapsed = started.elapsed();

    // The last appends are still measured: the watcher runs until nothing is pending.
    let waited = Instant::now();
    while pending
        .lock()
        .map(|p| p.values().any(|q| !q.is_empty()))
        .unwrap_or(false)
    {
        anyhow::ensure!(
            waited.elapsed() < Duration::from_secs(60),
            "appends were still not visible a minute after the writers stopped"
        );
        tokio::time::sleep(WATCH_EVERY).await;
    }
    let _ = stop_watching.send(true);
    let lag = watcher.await.context("the watcher panicked")??;
    let _ = stop_projector.send(());
    live.await.context("the projector panicked")?;
    Ok(Lag { appends, lag })
}

/// One writer: decisions driven through their steps over `tenants` until `deadline`, each
/// append's last position put in `pending` with the instant it returned.
async fn write(
    runtime: &Runtime,
    actor: &Actor,
    tenants: &[TenantId],
    deadline: Instant,
    pending: &Pending,
) -> anyhow::Result<Tally> {
    let mut tally = Tally::default();
    if tenants.is_empty() {
        return Ok(tally);
    }
    let mut cabinets = Vec::with_capacity(tenants.len());
    for tenant in tenants {
        let cabinet = BodyId::new();
        let add = Command::Council(CouncilCommand::AddBody {
            body: cabinet,
            name: Name::parse("Lag Cabinet")?,
            kind: civic_domain::council::BodyKind::Cabinet,
        });
        runtime
            .run_without_catching_up(&Envelope::new(*tenant, actor.clone(), Uuid::now_v7()), &add)
            .await?;
        cabinets.push(cabinet);
    }
    let mut n = 0usize;
    while Instant::now() < deadline {
        let (tenant, cabinet) = (tenants[n % tenants.len()], cabinets[n % tenants.len()]);
        let decision = DecisionId::new();
        for command in steps(cabinet, 1_000_000 + n)? {
            let envelope = Envelope::new(tenant, actor.clone(), Uuid::now_v7());
            let sent = Instant::now();
            let executed = runtime
                .run_without_catching_up(&envelope, &Command::Decision { decision, command })
                .await?;
            let committed = Instant::now();
            tally.record(committed - sent);
            pending
                .lock()
                .map_err(|_| anyhow::anyhow!("a writer panicked"))?
                .entry(tenant)
                .or_default()
                .push_back((executed.committed.last_position, committed));
        }
        n += 1;
    }
    Ok(tally)
}

/// Reads the visible positions until `stop`, recording each pending append's lag when its
/// position shows.
async fn watch(
    pool: PgPool,
    pending: Pending,
    stop: impl std::future::Future<Output = ()>,
) -> anyhow::Result<Tally> {
    let mut lag = Tally::default();
    tokio::pin!(stop);
    loop {
        let visible: Vec<(Uuid, i64)> = sqlx::query_as(
            "SELECT c.tenant_id, c.position FROM projection_checkpoints c \
             JOIN projection_generations g \
               ON g.tenant_id = c.tenant_id AND g.active_generation = c.generation",
        )
        .fetch_all(&pool)
        .await?;
        let seen = Instant::now();
        {
            let mut pending = pending
                .lock()
                .map_err(|_| anyhow::anyhow!("a writer panicked"))?;
            for (tenant, position) in visible {
                let Some(queue) = pending.get_mut(&TenantId::from_uuid(tenant)) else {
                    continue;
                };
                while let Some(&(appended, committed)) = queue.front() {
                    if appended > u64::try_from(position)? {
                        break;
                    }
                    lag.record(seen.saturating_duration_since(committed));
                    queue.pop_front();
                }
            }
        }
        tokio::select! {
            () = &mut stop => return Ok(lag),
            () = tokio::time::sleep(WATCH_EVERY) => {}
        }
    }
}
