//! The projector's loop: sleep until a notification or the poll timer, then catch up the tenants
//! that need it. Failures are logged and retried at the next wake-up, never fatal: one tenant's
//! undecodable event must not stop the others.

use std::future::Future;
use std::sync::Arc;

use civic_eventstore::TenantId;
use tokio::time::MissedTickBehavior;

use super::Projector;
use crate::notifier::{AbortOnDrop, Wakeups, listen};
use crate::read_models::Db;

impl Projector {
    /// Runs until `shutdown` completes: catches up every tenant that is behind at start and at
    /// each poll, and each notified tenant as soon as it is notified (in-process through
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
        tokio::pin!(shutdown);
        loop {
            tokio::select! {
                () = &mut shutdown => break,
                _ = poll.tick() => self.catch_up_behind().await,
                () = self.wakeups.wait() => {
                    let (tenants, poll_all) = self.wakeups.take();
                    if poll_all {
                        self.catch_up_behind().await;
                    } else {
                        for tenant in tenants {
                            self.catch_up_logged(tenant).await;
                        }
                    }
                }
            }
        }
        drop(listener);
    }

    /// Catches up every tenant whose read models are behind its log.
    async fn catch_up_behind(&self) {
        match self.tenants(true).await {
            Ok(tenants) => {
                for tenant in tenants {
                    self.catch_up_logged(tenant).await;
                }
            }
            Err(error) => tracing::warn!(%error, "could not find the tenants to catch up"),
        }
    }

    async fn catch_up_logged(&self, tenant: TenantId) {
        match self.catch_up(tenant).await {
            Ok(position) => tracing::debug!(%tenant, position, "caught up"),
            Err(error) => tracing::error!(%tenant, %error, "projection failed; will retry"),
        }
    }
}
