//! The write side: [`Projector`] folds each tenant's log into its read models.
//!
//! - `lock`: the per-tenant lock, checkpoints and generations.
//! - `events`: reading batches and streams of the log inside the projector's transaction.
//! - `fold`: folding a batch's affected streams into their views, in memory.
//! - `write`: replacing those views' rows in bulk, one statement per table.
//! - `batch`: one batch, checkpointed in the same transaction as its rows.
//! - `run`: the loop that wakes on notifications or a poll timer.
//!
//! Every batch runs in one transaction that holds the tenant's lock, reads strictly after the
//! checkpoint in position order, writes the rows and moves the checkpoint. Each catch-up, rebuild
//! and scan runs to its end on a task of its own ([`ReadModels::to_completion`]), so a caller
//! dropped half-way (a request whose client went away) never leaves a transaction open. Positions are gapless
//! and commit in order, so nothing after the checkpoint can appear later behind it: no event is
//! skipped, and none is applied twice, however many projectors run and whenever one crashes.

mod batch;
mod check;
mod events;
mod fold;
mod lock;
mod run;
mod write;

use std::sync::Arc;
use std::time::Duration;

use civic_eventstore::TenantId;

use crate::db::{Dialect, Param};
use crate::error::ProjectionError;
use crate::notifier::{Notifier, Wakeups};
use crate::read_models::ReadModels;
use batch::apply_batch;
pub use check::{ReplayCheck, RowDifference};
use lock::{activate, delete_other_generations, lock_tenant};

/// How many events one transaction projects by default: large enough to amortise the
/// transaction, small enough to hold the tenant's lock only briefly.
pub const DEFAULT_BATCH_SIZE: u32 = 500;

/// How many events one transaction of a rebuild projects by default. A rebuild writes a
/// generation nobody reads yet, so only the tenant's lock limits it: larger batches fold more of
/// each stream in one go (a stream cut by a batch is read and folded again in the next) and
/// spread each statement's cost over more rows.
pub const DEFAULT_REBUILD_BATCH_SIZE: u32 = 5_000;

/// How often the run loop looks for tenants with new events when no notification came.
pub const DEFAULT_POLL_INTERVAL: Duration = Duration::from_secs(2);

/// How many tenants one poll looks at by default (one index probe each, and two more for those with
/// events): visiting all of 10,000 councils took 268 ms of PostgreSQL per poll.
pub const POLL_SLICE: u32 = 500;

/// Projects tenants' logs into the read models of the same database. Cheap to clone; clones
/// share their wake-ups.
#[derive(Debug, Clone)]
pub struct Projector {
    models: ReadModels,
    batch_size: u32,
    rebuild_batch_size: u32,
    poll_interval: Duration,
    poll_slice: u32,
    wakeups: Arc<Wakeups>,
}

impl Projector {
    /// A projector writing the read models of `models`' database.
    pub fn new(models: ReadModels) -> Self {
        Self {
            models,
            batch_size: DEFAULT_BATCH_SIZE,
            rebuild_batch_size: DEFAULT_REBUILD_BATCH_SIZE,
            poll_interval: DEFAULT_POLL_INTERVAL,
            poll_slice: POLL_SLICE,
            wakeups: Arc::new(Wakeups::default()),
        }
    }

    /// Projects at most `size` events per transaction (at least 1), rebuilds included.
    pub fn with_batch_size(mut self, size: u32) -> Self {
        self.batch_size = size.max(1);
        self.rebuild_batch_size = self.batch_size;
        self
    }

    /// Projects at most `size` events per transaction of a rebuild or a check (at least 1).
    pub fn with_rebuild_batch_size(mut self, size: u32) -> Self {
        self.rebuild_batch_size = size.max(1);
        self
    }

    /// Polls for tenants with new events this often when no notification arrives.
    pub fn with_poll_interval(mut self, interval: Duration) -> Self {
        self.poll_interval = interval;
        self
    }

    /// Looks at `tenants` tenants (at least 1) per poll ([`POLL_SLICE`] by default).
    pub fn with_poll_slice(mut self, tenants: u32) -> Self {
        self.poll_slice = tenants.max(1);
        self
    }

    /// A notifier that wakes this projector at once (and, on PostgreSQL, projectors in other
    /// processes). Create one and clone it: each holds a background task on PostgreSQL.
    pub fn notifier(&self) -> Notifier {
        Notifier::with_local(&self.models, self.wakeups.clone())
    }

    /// Projects the tenant's new events into its active generation, batch after batch, and
    /// returns the position the read models now reflect.
    pub async fn catch_up(&self, tenant: TenantId) -> Result<u64, ProjectionError> {
        let batch_size = self.batch_size;
        self.models
            .to_completion(move |session| async move {
                loop {
                    let mut tx = session.projector_writer().await?;
                    let generation = lock_tenant(&mut tx, tenant).await?;
                    let applied = apply_batch(&mut tx, tenant, generation, batch_size).await?;
                    tx.commit().await?;
                    if applied.events < batch_size as usize {
                        return Ok(applied.position);
                    }
                }
            })
            .await
    }

    /// Catches up every tenant that has events; returns each tenant with the position reached.
    /// Stops at the first failure.
    pub async fn catch_up_all(&self) -> Result<Vec<(TenantId, u64)>, ProjectionError> {
        let mut reached = Vec::new();
        for tenant in self.tenants(false).await? {
            reached.push((tenant, self.catch_up(tenant).await?));
        }
        Ok(reached)
    }

    /// Rebuilds the tenant's read models beside the live ones, compares the two row by row at the
    /// same log position, and drops the rebuild: the live read models are left as they were.
    /// Runs under the tenant's lock, so the live projector waits for it.
    pub async fn check_rebuild(&self, tenant: TenantId) -> Result<ReplayCheck, ProjectionError> {
        let batch_size = self.rebuild_batch_size;
        self.models
            .to_completion(move |session| async move {
                let mut tx = session.projector_writer().await?;
                let found = check::check(&mut tx, tenant, batch_size).await?;
                tx.commit().await?;
                Ok(found)
            })
            .await
    }

    /// Rebuilds the tenant's read models from position 0 without downtime and returns the
    /// generation now active.
    ///
    /// Generation g+1 is built beside the live generation g, batch by batch under the tenant's
    /// lock (so it never interleaves with a catch-up, which goes on serving g meanwhile). Then,
    /// in one transaction under the lock, the last events are projected into g+1, g+1 becomes
    /// active and g's rows are deleted: queries see g until that commit and g+1 after it.
    pub async fn rebuild(&self, tenant: TenantId) -> Result<u64, ProjectionError> {
        let batch_size = self.rebuild_batch_size;
        self.models
            .to_completion(move |session| async move {
                // Start clean: whatever a crashed rebuild left beside the live generation may
                // come from other code, and a rebuild exists to fold everything again with this
                // code.
                let target = {
                    let mut tx = session.projector_writer().await?;
                    let active = lock_tenant(&mut tx, tenant).await?;
                    delete_other_generations(&mut tx, tenant, active).await?;
                    tx.commit().await?;
                    active + 1
                };
                loop {
                    let mut tx = session.projector_writer().await?;
                    let active = lock_tenant(&mut tx, tenant).await?;
                    if active >= target {
                        // Another process's rebuild of the same generation finished first.
                        tx.commit().await?;
                        return Ok(active);
                    }
                    let applied = apply_batch(&mut tx, tenant, target, batch_size).await?;
                    tx.commit().await?;
                    if applied.events < batch_size as usize {
                        break;
                    }
                }
                let mut tx = session.projector_writer().await?;
                let active = lock_tenant(&mut tx, tenant).await?;
                if active >= target {
                    tx.commit().await?;
                    return Ok(active);
                }
                while apply_batch(&mut tx, tenant, target, batch_size)
                    .await?
                    .events
                    > 0
                {}
                activate(&mut tx, tenant, target).await?;
                delete_other_generations(&mut tx, tenant, target).await?;
                tx.commit().await?;
                Ok(target)
            })
            .await
    }

    /// Every tenant with events in the log, or only those whose active generation is behind the
    /// log's head.
    async fn tenants(&self, behind_only: bool) -> Result<Vec<TenantId>, ProjectionError> {
        Ok(self.tenants_from(None, None, behind_only).await?.0)
    }

    /// The tenants with events in the log after `after` (from the first if `None`), at most
    /// `limit` of them (all if `None`), in tenant order; of those, every one or only those whose
    /// active generation is behind the log's head. Also says the last tenant looked at, or `None`
    /// if the log holds no tenant after those (the next slice starts from the first again).
    /// Tenants are found by skipping through the events' primary key, one index probe each.
    async fn tenants_from(
        &self,
        after: Option<TenantId>,
        limit: Option<u32>,
        behind_only: bool,
    ) -> Result<(Vec<TenantId>, Option<TenantId>), ProjectionError> {
        self.models.to_completion(move |session| async move {
            let mut tx = session.scanner().await?;
            // $1: the tenant to start after (the nil UUID sorts first); $2: how many to visit.
            let distinct = match tx.dialect() {
                Dialect::Postgres => {
                    "WITH RECURSIVE t(tenant_id, n) AS ( \
                       (SELECT tenant_id, 1 FROM events WHERE tenant_id > $1 \
                        ORDER BY tenant_id LIMIT 1) \
                       UNION ALL \
                       SELECT (SELECT e.tenant_id FROM events e WHERE e.tenant_id > t.tenant_id \
                               ORDER BY e.tenant_id LIMIT 1), t.n + 1 \
                       FROM t WHERE t.tenant_id IS NOT NULL AND t.n < $2) "
                }
                Dialect::Sqlite => {
                    "WITH RECURSIVE t(tenant_id, n) AS ( \
                       SELECT (SELECT min(tenant_id) FROM events WHERE tenant_id > $1), 1 \
                       UNION ALL \
                       SELECT (SELECT min(e.tenant_id) FROM events e WHERE e.tenant_id > t.tenant_id), \
                              t.n + 1 \
                       FROM t WHERE t.tenant_id IS NOT NULL AND t.n < $2) "
                }
            };
            let behind = if behind_only {
                "(SELECT e.position FROM events e WHERE e.tenant_id = t.tenant_id \
                   ORDER BY e.position DESC LIMIT 1) \
                 > COALESCE((SELECT c.position FROM projection_checkpoints c \
                             JOIN projection_generations g ON g.tenant_id = c.tenant_id \
                              AND g.active_generation = c.generation \
                             WHERE c.tenant_id = t.tenant_id), 0)"
            } else {
                "1 = 1"
            };
            let sql = format!(
                "{distinct}SELECT CAST(t.tenant_id AS TEXT), CASE WHEN {behind} THEN '1' ELSE '0' END \
                 FROM t WHERE t.tenant_id IS NOT NULL ORDER BY t.n"
            );
            let limit = limit.map_or(i64::MAX, i64::from);
            let start = after.unwrap_or(TenantId::from_uuid(uuid::Uuid::nil()));
            let params = [Param::Uuid(start.as_uuid()), Param::Int(limit)];
            let rows = tx.rows(&sql, &params).await?;
            tx.commit().await?;
            let mut tenants = Vec::new();
            let mut last = None;
            for row in &rows {
                let tenant = TenantId::from_uuid(row.uuid(0)?);
                if row.u64(1)? == 1 {
                    tenants.push(tenant);
                }
                last = Some(tenant);
            }
            // A slice that ended before its limit reached the end of the log.
            let last = if (rows.len() as i64) < limit { None } else { last };
            Ok((tenants, last))
        })
        .await
    }
}
