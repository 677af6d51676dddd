//! Following a council's log as it grows: the source of every GraphQL subscription.
//!
//! A follower reads the events after the last position it delivered, in position order, a
//! bounded batch at a time, and when there are none waits for a wake-up
//! ([`civic_projections::LogWatch`]: appends in this process, and on PostgreSQL the
//! `civic_events` notifications of every process) or the poll interval. Positions are gapless
//! and commit in order, so no event can later appear behind one already read: each is delivered
//! exactly once and in order, whichever process appended it, however many processes serve
//! subscribers, and a lost or repeated wake-up changes only when the next read happens. A client
//! that reconnects passes the last position it saw as `after` and resumes there.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Duration;

use async_graphql::futures_util::stream::{self, Stream};
use civic_eventstore::{EventStore as _, RecordedEvent, TenantId};
use civic_projections::log_watch::Wake;
use tokio::sync::broadcast::Receiver;
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::error::ApiError;
use civic_runtime::Runtime;

/// Events read at once: bounds the memory a follower holds and the length of each read.
pub const BATCH: u32 = 100;

/// How long a follower waits without a wake-up before reading the log anyway (a notification
/// can be lost while the listener reconnects), unless configured otherwise
/// ([`crate::Settings::subscription_poll`]).
pub const POLL_INTERVAL: Duration = Duration::from_secs(2);

/// Subscriptions one connection may hold at once.
pub const MAX_SUBSCRIPTIONS: usize = 8;

/// The subscriptions a connection holds: each takes a slot for as long as it runs.
#[derive(Debug, Clone)]
pub struct SubscriptionSlots(Arc<Semaphore>);

impl Default for SubscriptionSlots {
    fn default() -> Self {
        Self(Arc::new(Semaphore::new(MAX_SUBSCRIPTIONS)))
    }
}

impl SubscriptionSlots {
    /// A slot, or a refusal when the connection holds [`MAX_SUBSCRIPTIONS`] already.
    pub fn take(&self) -> Result<OwnedSemaphorePermit, ApiError> {
        self.0.clone().try_acquire_owned().map_err(|_| {
            ApiError::invalid(
                "subscription",
                format!(
                    "a connection may hold at most {MAX_SUBSCRIPTIONS} subscriptions at once; \
                     complete one first"
                ),
            )
        })
    }

    /// Whether no subscription is running.
    pub fn idle(&self) -> bool {
        self.0.available_permits() == MAX_SUBSCRIPTIONS
    }
}

/// A follower's state between two events.
struct Follower {
    runtime: Arc<Runtime>,
    poll: Duration,
    tenant: TenantId,
    after: u64,
    ready: VecDeque<RecordedEvent>,
    wakes: Receiver<Wake>,
    _slot: OwnedSemaphorePermit,
}

impl Follower {
    /// The next event after `after`, waiting for one as long as it takes.
    async fn next(&mut self) -> Result<RecordedEvent, ApiError> {
        loop {
            if let Some(event) = self.ready.pop_front() {
                return Ok(event);
            }
            let batch = self
                .runtime
                .store()
                .read_log(self.tenant, self.after, BATCH)
                .await?;
            match batch.last() {
                Some(last) => self.after = last.position,
                None => self.wait().await,
            }
            self.ready.extend(batch);
        }
    }

    /// Until this tenant's log may have grown, or the poll interval has passed.
    async fn wait(&mut self) {
        let poll = tokio::time::sleep(self.poll);
        tokio::pin!(poll);
        loop {
            tokio::select! {
                () = &mut poll => return,
                wake = self.wakes.recv() => match wake {
                    Ok(wake) if wake.concerns(self.tenant) => return,
                    Ok(_) => {}
                    // Wake-ups were dropped: one of them may have been ours.
                    Err(RecvError::Lagged(_)) => return,
                    Err(RecvError::Closed) => {
                        (&mut poll).await;
                        return;
                    }
                },
            }
        }
    }
}

/// The events of `tenant`'s log (in `runtime`'s database) after position `after`, in order,
/// without end, reading it at least every `poll`; ends after the first error (the client
/// resubscribes from the last position it saw). Holds `slot` while it runs.
pub fn follow(
    runtime: Arc<Runtime>,
    poll: Duration,
    tenant: TenantId,
    after: u64,
    slot: OwnedSemaphorePermit,
) -> impl Stream<Item = Result<RecordedEvent, ApiError>> + Send + 'static {
    // Subscribed before the first read, so an append between a read and the wait still wakes.
    let wakes = runtime.log_watch().subscribe();
    let follower = Follower {
        runtime,
        poll,
        tenant,
        after,
        ready: VecDeque::new(),
        wakes,
        _slot: slot,
    };
    stream::unfold(Some(follower), |follower| async move {
        let mut follower = follower?;
        match follower.next().await {
            Ok(event) => Some((Ok(event), Some(follower))),
            Err(error) => Some((Err(error), None)),
        }
    })
}
