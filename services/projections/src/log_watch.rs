//! Waking the readers that follow a tenant's log as it grows (GraphQL subscriptions), in this
//! process and, on PostgreSQL, in every process that shares the database.
//!
//! A [`LogWatch`] is a broadcast of tenant ids: the runtime sends one after each append it makes,
//! and on PostgreSQL a background task forwards every `civic_events` notification (sent by the
//! [`crate::Notifier`] of any process after its appends), so a reader here hears of an append made
//! there. A wake-up carries no events: readers read the log after the position they last saw, so
//! a lost or duplicated wake-up changes only when they read, never what. They also poll, because
//! a notification can be lost (the listener reconnecting).

use std::sync::OnceLock;

use civic_eventstore::TenantId;
use tokio::sync::broadcast;

use crate::notifier::{AbortOnDrop, listen};
use crate::read_models::{Db, ReadModels};

/// How many wake-ups a slow reader may fall behind before it is told it lagged (and then simply
/// reads the log again): wake-ups are hints, so losing some costs nothing.
const CAPACITY: usize = 256;

/// Tells readers of tenants' logs that a log has grown. One per process, shared.
#[derive(Debug)]
pub struct LogWatch {
    sender: broadcast::Sender<Wake>,
    db: Db,
    listener: OnceLock<Option<AbortOnDrop>>,
}

/// What a reader is woken for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wake {
    /// This tenant's log has grown.
    Tenant(TenantId),
    /// Notifications may have been lost: every reader should read its log again.
    All,
}

impl Wake {
    /// Whether a reader of `tenant` should read its log again.
    pub fn concerns(self, tenant: TenantId) -> bool {
        match self {
            Wake::Tenant(grown) => grown == tenant,
            Wake::All => true,
        }
    }
}

impl LogWatch {
    /// A watch over the database of `models`. It listens on PostgreSQL only once somebody
    /// subscribes, so processes without readers hold no listening connection.
    pub fn new(models: &ReadModels) -> Self {
        Self {
            sender: broadcast::channel(CAPACITY).0,
            db: models.db.clone(),
            listener: OnceLock::new(),
        }
    }

    /// Says that `tenant`'s log has grown (in this process). Never blocks.
    pub fn appended(&self, tenant: TenantId) {
        // An error means nobody is subscribed: nobody to wake.
        let _ = self.sender.send(Wake::Tenant(tenant));
    }

    /// Wake-ups from now on. Call it before reading the log, so that an append made between the
    /// read and the wait still wakes the reader. On PostgreSQL the first call starts listening
    /// (inside a Tokio runtime).
    pub fn subscribe(&self) -> broadcast::Receiver<Wake> {
        let receiver = self.sender.subscribe();
        self.listener.get_or_init(|| self.listen());
        receiver
    }

    fn listen(&self) -> Option<AbortOnDrop> {
        let Db::Postgres(pool) = &self.db else {
            return None;
        };
        let runtime = tokio::runtime::Handle::try_current().ok()?;
        let sender = self.sender.clone();
        Some(AbortOnDrop(runtime.spawn(listen(
            pool.clone(),
            move |tenant| {
                let _ = sender.send(tenant.map_or(Wake::All, Wake::Tenant));
            },
        ))))
    }
}
