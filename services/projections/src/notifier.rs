//! Waking projectors when a tenant's log grows, without a trigger on the events table (which
//! would serialise every commit on the notification queue).
//!
//! The gateway calls [`Notifier::notify`] after each successful append. The notifier wakes the
//! projector in this process directly and, on PostgreSQL, sends `pg_notify('civic_events',
//! tenant)` from a background task for projectors in other processes, which `LISTEN`. Bursts are
//! coalesced. Notifications are only a shortcut: projectors also poll, so a lost one delays a read
//! model by at most one poll interval.

use std::collections::{BTreeSet, HashSet};
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use std::time::Duration;

use civic_eventstore::TenantId;
use sqlx::PgPool;
use sqlx::postgres::PgListener;
use tokio::sync::Notify;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

use crate::read_models::{Db, ReadModels};

/// The PostgreSQL channel projectors listen on; the payload is a tenant id.
pub const CHANNEL: &str = "civic_events";

/// What a sleeping projector should do when it wakes.
#[derive(Debug, Default)]
pub(crate) struct Wakeups {
    tenants: Mutex<HashSet<TenantId>>,
    poll: AtomicBool,
    notify: Notify,
}

impl Wakeups {
    /// Asks for `tenant` to be caught up.
    pub(crate) fn tenant(&self, tenant: TenantId) {
        self.tenants
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(tenant);
        self.notify.notify_one();
    }

    /// Asks for every tenant that is behind to be caught up (notifications may have been lost).
    pub(crate) fn poll(&self) {
        self.poll.store(true, Ordering::SeqCst);
        self.notify.notify_one();
    }

    /// Waits until something was asked for. A request made while nobody waits is kept.
    pub(crate) async fn wait(&self) {
        self.notify.notified().await;
    }

    /// Takes what was asked for: the tenants, and whether to poll them all.
    pub(crate) fn take(&self) -> (Vec<TenantId>, bool) {
        let tenants = std::mem::take(
            &mut *self
                .tenants
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        );
        let poll = self.poll.swap(false, Ordering::SeqCst);
        (tenants.into_iter().collect(), poll)
    }
}

/// Tells projectors that a tenant's log has new events. Cheap to clone; never blocks.
#[derive(Debug, Clone)]
pub struct Notifier {
    local: Option<Arc<Wakeups>>,
    remote: Option<UnboundedSender<TenantId>>,
}

impl Notifier {
    /// A notifier for a process without its own projector: on PostgreSQL it notifies the
    /// projectors that `LISTEN`; on SQLite it does nothing (projectors there poll). Call it
    /// inside a Tokio runtime: the PostgreSQL sender is a background task of that runtime.
    pub fn new(models: &ReadModels) -> Self {
        Self {
            local: None,
            remote: remote(models),
        }
    }

    pub(crate) fn with_local(models: &ReadModels, wakeups: Arc<Wakeups>) -> Self {
        Self {
            local: Some(wakeups),
            remote: remote(models),
        }
    }

    /// Says that `tenant`'s log has grown. Call it after a successful append.
    pub fn notify(&self, tenant: TenantId) {
        if let Some(local) = &self.local {
            local.tenant(tenant);
        }
        if let Some(remote) = &self.remote {
            // Fails only when the sender task has gone with its runtime; polling covers it.
            let _ = remote.send(tenant);
        }
    }
}

/// Starts the PostgreSQL sender, if the database is PostgreSQL and a runtime is running.
fn remote(models: &ReadModels) -> Option<UnboundedSender<TenantId>> {
    let Db::Postgres(pool) = &models.db else {
        return None;
    };
    let Ok(runtime) = tokio::runtime::Handle::try_current() else {
        tracing::warn!("no Tokio runtime: other processes' projectors will rely on polling");
        return None;
    };
    let (sender, receiver) = unbounded_channel();
    runtime.spawn(send_notifications(pool.clone(), receiver));
    Some(sender)
}

/// Sends what queued up since the last send as one statement; ends when every notifier is gone.
async fn send_notifications(pool: PgPool, mut receiver: UnboundedReceiver<TenantId>) {
    while let Some(first) = receiver.recv().await {
        let mut tenants = BTreeSet::from([first]);
        while let Ok(tenant) = receiver.try_recv() {
            tenants.insert(tenant);
        }
        let payloads: Vec<String> = tenants.iter().map(ToString::to_string).collect();
        let sent = sqlx::query("SELECT pg_notify('civic_events', t) FROM unnest($1::text[]) AS t")
            .bind(payloads)
            .execute(&pool)
            .await;
        if let Err(error) = sent {
            tracing::warn!(%error, "could not notify projectors; they will catch up when they poll");
        }
    }
}

/// How long to wait before listening again after the connection failed.
const RELISTEN_DELAY: Duration = Duration::from_secs(1);

/// Aborts a background task when dropped, however its owner ends.
#[derive(Debug)]
pub(crate) struct AbortOnDrop(pub(crate) tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Calls `wake` with each tenant notified on `civic_events`, listening again whenever the
/// connection fails. Notifications sent while it was not listening are lost, so every
/// (re)connection calls `wake(None)`: look at every tenant.
pub(crate) async fn listen(pool: PgPool, wake: impl Fn(Option<TenantId>)) {
    loop {
        match PgListener::connect_with(&pool).await {
            Ok(mut listener) => match listener.listen(CHANNEL).await {
                Ok(()) => {
                    wake(None);
                    loop {
                        match listener.try_recv().await {
                            Ok(Some(notification)) => {
                                match uuid::Uuid::try_parse(notification.payload()) {
                                    Ok(id) => wake(Some(TenantId::from_uuid(id))),
                                    Err(_) => tracing::warn!(
                                        payload = notification.payload(),
                                        "ignoring a civic_events notification that is not a tenant id"
                                    ),
                                }
                            }
                            // The connection was lost and has been re-established.
                            Ok(None) => wake(None),
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
