//! The projector's loop: sleep until a notification or the poll timer, then catch up the tenants
//! that need it. Failures are logged and retried at the next wake-up, never fatal: one tenant's
//! undecodable event must not stop the others.

use std::future::Future;
use std::sync::Arc;

use civic_eventstore::TenantId;
use tokio::time::MissedTickBehavior;

use futures_util::StreamExt as _;

use super::Projector;

/// Tenants the run loop catches up at once.
const CONCURRENT_TENANTS: usize = 4;
use crate::notifier::{AbortOnDrop, Wakeups, listen};
use crate::read_models::Db;

impl Projector {
    /// Runs until `shutdown` completes: catches up every tenant that is behind at start, those
    /// behind among the next [`super::POLL_SLICE`] tenants at each poll, and each notified
    /// tenant as soon as it is notified (in-process through
    /// [`Projector::notifier`], and on PostgreSQL through `LISTEN civic_events`). Several
    /// projectors, in one process or many, may run at once: the per-tenant lock makes them share
    /// the work.
    pub async fn run(&self, shutdown: impl Future<Output = ()>) {
        let listener = match &self.models.db {
            Db::Postgres(pool) => {
                let wakeups: Arc<Wakeups> = self.wakeups.clone();
                Some(AbortOnDrop(tokio::spawn(listen(
                    pool.clone(),
                    move |tenant| match tenant {
                        Some(tenant) => wakeups.tenant(tenant),
                        None => wakeups.poll(),
                    },
                ))))
            }
            Db::Sqlite(_) => None,
        };
        let mut poll = tokio::time::interval(self.poll_interval);
        poll.set_missed_tick_behavior(MissedTickBehavior::Delay);
        // At start every tenant is looked at; each poll after it looks at the next slice.
        poll.tick().await;
        self.catch_up_behind().await;
        let mut slice_after = None;
        tokio::pin!(shutdown);
        loop {
            tokio::select! {
                () = &mut shutdown => break,
                _ = poll.tick() => slice_after = self.catch_up_slice(slice_after).await,
                () = self.wakeups.wait() => {
                    let (tenants, poll_all) = self.wakeups.take();
                    if poll_all {
                        self.catch_up_behind().await;
                    } else {
                        self.catch_up_each(tenants).await;
                    }
                }
            }
        }
        drop(listener);
    }

    /// Catches up every tenant whose read models are behind its log.
    async fn catch_up_behind(&self) {
        match self.tenants(true).await {
            Ok(tenants) => self.catch_up_each(tenants).await,
            Err(error) => tracing::warn!(%error, "could not find the tenants to catch up"),
        }
    }

    /// Catches up the tenants of the next slice (after `after`, [`super::POLL_SLICE`] by
    /// default) that are behind, and returns where the next slice starts. A poll is the fallback
    /// for a lost notification: in slices its cost does not grow with the number of councils
    /// (10,000 parish councils), and a lost notification is still caught within
    /// `councils / slice` polls.
    async fn catch_up_slice(&self, after: Option<TenantId>) -> Option<TenantId> {
        match self.tenants_from(after, Some(self.poll_slice), true).await {
            Ok((tenants, next)) => {
                self.catch_up_each(tenants).await;
                next
            }
            Err(error) => {
                tracing::warn!(%error, "could not find the tenants to catch up");
                after
            }
        }
    }

    /// Catches up `tenants`, [`CONCURRENT_TENANTS`] at a time: one after another, a burst of
    /// appends over a hundred councils waited for a round of a hundred catch-ups (p99 lag 3 s
    /// under 8 writing clients). Each tenant's lock keeps its own batches in order.
    async fn catch_up_each(&self, tenants: Vec<TenantId>) {
        futures_util::stream::iter(tenants)
            .for_each_concurrent(CONCURRENT_TENANTS, |tenant| self.catch_up_logged(tenant))
            .await;
    }

    async fn catch_up_logged(&self, tenant: TenantId) {
        match self.catch_up(tenant).await {
            Ok(position) => tracing::debug!(%tenant, position, "caught up"),
            Err(error) => tracing::error!(%tenant, %error, "projection failed; will retry"),
        }
    }
}
