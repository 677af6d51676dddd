//! One writer per council at a time within this process.
//!
//! A council's appends are serialised by its log anyway (each takes the next position), so
//! writers of one council racing inside one process only collide in the database, retry, and
//! under enough load give up with "register is busy". Queueing them here first turns that race
//! into a wait: in this process, a council's commands are decided and appended one at a time,
//! and only writers in other processes can still collide (and retry) in the database.

use std::hash::BuildHasher;

use civic_eventstore::TenantId;
use tokio::sync::{Mutex, MutexGuard};

/// How many locks councils share. Fixed, so the lock table does not grow with the number of
/// councils (England alone has about 10,000); two councils sharing a lock only wait for each
/// other's appends, which take milliseconds.
const STRIPES: usize = 256;

/// The locks, one per stripe of councils.
#[derive(Debug)]
pub(crate) struct CouncilLocks {
    stripes: Vec<Mutex<()>>,
    hasher: std::collections::hash_map::RandomState,
}

impl CouncilLocks {
    pub(crate) fn new() -> Self {
        Self {
            stripes: (0..STRIPES).map(|_| Mutex::new(())).collect(),
            hasher: std::collections::hash_map::RandomState::new(),
        }
    }

    /// Waits until no other command of `tenant` is being decided or appended in this process.
    pub(crate) async fn lock(&self, tenant: TenantId) -> MutexGuard<'_, ()> {
        let stripe = (self.hasher.hash_one(tenant) % STRIPES as u64) as usize;
        self.stripes[stripe].lock().await
    }
}
