//! The last known head of each tenant's log, kept so that an append chains to it without reading
//! it first. A head is only a hint: an append based on a stale or missing one finds out in its
//! checked insert and reads the head again, so forgetting one costs a read, never correctness.

use std::num::NonZeroUsize;
use std::sync::{Mutex, PoisonError};

use lru::LruCache;

use crate::types::{LogHead, TenantId};

/// Heads kept: every English parish council (about 10,000) stays warm at ~100 bytes a head; the
/// least recently used goes first beyond it.
const CAPACITY: NonZeroUsize = NonZeroUsize::new(16_384).expect("not zero");

/// Recently used tenants' heads, bounded by a capacity.
#[derive(Debug)]
pub(crate) struct Heads {
    heads: Mutex<LruCache<TenantId, LogHead>>,
}

impl Default for Heads {
    fn default() -> Self {
        Self::with_capacity(CAPACITY)
    }
}

impl Heads {
    pub(crate) fn with_capacity(capacity: NonZeroUsize) -> Self {
        Self {
            heads: Mutex::new(LruCache::new(capacity)),
        }
    }

    /// The tenant's head, if known.
    pub(crate) fn get(&self, tenant: TenantId) -> Option<LogHead> {
        self.lock().get(&tenant).cloned()
    }

    /// Remembers `head` unless a later one is already known (appends finish out of order).
    pub(crate) fn remember(&self, tenant: TenantId, head: LogHead) {
        let mut heads = self.lock();
        match heads.get_mut(&tenant) {
            Some(known) if known.position > head.position => {}
            Some(known) => *known = head,
            None => {
                heads.put(tenant, head);
            }
        }
    }

    /// Forgets the tenant's head (it proved stale).
    pub(crate) fn forget(&self, tenant: TenantId) {
        self.lock().pop(&tenant);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, LruCache<TenantId, LogHead>> {
        self.heads.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(position: u64) -> LogHead {
        LogHead {
            position,
            hash: format!("{position:064x}"),
        }
    }

    #[test]
    fn heads_beyond_the_capacity_evict_the_least_recently_used_tenant() {
        let heads = Heads::with_capacity(NonZeroUsize::new(2).unwrap());
        let (a, b, c) = (TenantId::new(), TenantId::new(), TenantId::new());
        heads.remember(a, head(1));
        heads.remember(b, head(1));
        // `a` was used since `b` was stored: `b` is the one to go.
        assert_eq!(heads.get(a), Some(head(1)));
        heads.remember(c, head(1));
        assert_eq!(heads.get(b), None);
        assert_eq!(heads.get(a), Some(head(1)));
        assert_eq!(heads.get(c), Some(head(1)));
    }

    #[test]
    fn an_earlier_head_never_replaces_a_later_one() {
        let heads = Heads::default();
        let tenant = TenantId::new();
        heads.remember(tenant, head(5));
        heads.remember(tenant, head(3));
        assert_eq!(heads.get(tenant), Some(head(5)));
        heads.remember(tenant, head(6));
        assert_eq!(heads.get(tenant), Some(head(6)));
        heads.forget(tenant);
        assert_eq!(heads.get(tenant), None);
    }
}
