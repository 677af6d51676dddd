//! The projector's loop: sleep until a notification or the poll timer, then catch up the tenants
//! that need it. Failures are logged and retried at the next wake-up, never fatal: one tenant's
//! undecodable event must not stop the others.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use civic_eventstore::TenantId;
use sqlx::PgPool;
use sqlx::postgres::PgListener;
use tokio::time::MissedTickBehavior;

use super::Projector;
use crate::notifier::{CHANNEL, Wakeups};
use crate::read_models::Db;

/// How long to wait before listening again after the connection failed.
const RELISTEN_DELAY: Duration = Duration::from_secs(1);

impl Projector {
    /// Runs until `shutdown` completes: catches up every tenant that is behind at start and at
    /// each poll, and each notified tenant as soon as it is notified (in-process through
    /// [`Projector::notifier`], and on PostgreSQL through `LISTEN civic_events`). Several
    /// projectors, in one process or many, may run at once: the per-tenant lock makes them share
    /// the work.
    pub async fn run(&self, shutdown: impl Future<Output = ()>) {
        let listener = match &self.models.db {
            Db::Postgres(pool) => Some(AbortOnDrop(tokio::spawn(listen(
                pool.clone(),
                self.wakeups.clone(),
            )))),
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

/// Aborts the listener task when the loop ends, however it ends.
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Forwards `civic_events` notifications to the loop, listening again whenever the connection
/// fails. Notifications sent while it was not listening are lost, so every (re)connection asks
/// for a poll.
async fn listen(pool: PgPool, wakeups: Arc<Wakeups>) {
    loop {
        match PgListener::connect_with(&pool).await {
            Ok(mut listener) => match listener.listen(CHANNEL).await {
                Ok(()) => {
                    wakeups.poll();
                    loop {
                        match listener.try_recv().await {
                            Ok(Some(notification)) => {
                                match uuid::Uuid::try_parse(notification.payload()) {
                                    Ok(id) => wakeups.tenant(TenantId::from_uuid(id)),
                                    Err(_) => tracing::warn!(
                                        payload = notification.payload(),
                                        "ignoring a civic_events notification that is not a tenant id"
                                    ),
                                }
                            }
                            // The connection was lost and has been re-established.
                            Ok(None) => wakeups.poll(),
                            Err(error) => {
                                tracing::warn!(%error, "lost the civic_events listener");
                                break;
                            }
                        }
                    }
                }
                Err(error) => tracing::warn!(%error, "could not LISTEN on civic_events"),
            },
            Err(error) => tracing::warn!(%error, "could not connect the civic_events listener"),
        }
        tokio::time::sleep(RELISTEN_DELAY).await;
    }
}
