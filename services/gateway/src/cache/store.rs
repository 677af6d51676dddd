//! The bounded store of cached answers. One lock over a map and a recency order: an entry is a
//! few kilobytes of JSON, and the lock is held for a lookup or an insert only, never across an
//! await.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use axum::body::Bytes;

use super::CacheKey;

/// Entries kept at most, by default.
pub const DEFAULT_MAX_ENTRIES: usize = 10_000;
/// Bytes kept at most (keys and bodies), by default.
pub const DEFAULT_MAX_BYTES: usize = 64 * 1024 * 1024;

/// Cached answers of council endpoints, shared by every request of a process.
#[derive(Debug)]
pub struct ResponseCache {
    max_entries: usize,
    max_bytes: usize,
    entries: Mutex<Entries>,
    counters: Counters,
}

#[derive(Debug, Default)]
struct Entries {
    /// Key bytes to (body, last use).
    map: HashMap<Arc<[u8]>, (Bytes, u64)>,
    /// Last use to key: the first is the least recently used.
    recency: BTreeMap<u64, Arc<[u8]>>,
    /// Key and body bytes held.
    bytes: usize,
    /// Uses so far: each lookup or insert takes the next.
    clock: u64,
}

#[derive(Debug, Default)]
struct Counters {
    hits: AtomicU64,
    misses: AtomicU64,
    not_modified: AtomicU64,
    bypassed: AtomicU64,
    evicted: AtomicU64,
}

/// The cache's counters since the process started, and what it holds now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CacheStats {
    /// Answers served from the cache.
    pub hits: u64,
    /// Cacheable requests that were executed (nothing kept, or kept under another position).
    pub misses: u64,
    /// `304 Not Modified` answers to `If-None-Match`: neither executed nor sent.
    pub not_modified: u64,
    /// Requests the cache does not take (a clerk's, a mutation, ...).
    pub bypassed: u64,
    /// Entries dropped to stay within the bounds.
    pub evicted: u64,
    /// Entries held.
    pub entries: usize,
    /// Key and body bytes held.
    pub bytes: usize,
}

impl Default for ResponseCache {
    fn default() -> Self {
        Self::new(DEFAULT_MAX_ENTRIES, DEFAULT_MAX_BYTES)
    }
}

impl ResponseCache {
    /// A cache of at most `max_entries` entries and `max_bytes` bytes; 0 entries turns it off.
    pub fn new(max_entries: usize, max_bytes: usize) -> Self {
        Self {
            max_entries,
            max_bytes,
            entries: Mutex::default(),
            counters: Counters::default(),
        }
    }

    /// Whether it keeps anything: with 0 entries the gateway does not even read positions.
    pub fn is_enabled(&self) -> bool {
        self.max_entries > 0
    }

    /// The body kept under `key`, counted as a hit or a miss.
    pub fn get(&self, key: &CacheKey) -> Option<Bytes> {
        let found = {
            let mut entries = self.lock();
            entries.clock += 1;
            let now = entries.clock;
            let Entries { map, recency, .. } = &mut *entries;
            map.get_mut(key.bytes()).map(|(body, used)| {
                if let Some(key) = recency.remove(used) {
                    recency.insert(now, key);
                }
                *used = now;
                body.clone()
            })
        };
        let counter = match found {
            Some(_) => &self.counters.hits,
            None => &self.counters.misses,
        };
        self.count(counter);
        found
    }

    /// Keeps `body` under `key`, dropping the least recently used entries beyond the bounds. A
    /// body larger than a tenth of the byte bound is not kept: it would push out many others.
    pub fn put(&self, key: &CacheKey, body: Bytes) {
        let size = key.bytes().len() + body.len();
        if !self.is_enabled() || size > self.max_bytes / 10 {
            return;
        }
        let mut evicted = 0;
        {
            let mut entries = self.lock();
            entries.clock += 1;
            let now = entries.clock;
            let shared: Arc<[u8]> = key.bytes().into();
            if let Some((old, used)) = entries.map.insert(shared.clone(), (body, now)) {
                entries.recency.remove(&used);
                entries.bytes -= shared.len() + old.len();
            }
            entries.recency.insert(now, shared);
            entries.bytes += size;
            while entries.map.len() > self.max_entries || entries.bytes > self.max_bytes {
                let Some((_, oldest)) = entries.recency.pop_first() else {
                    break;
                };
                if let Some((body, _)) = entries.map.remove(&oldest) {
                    entries.bytes -= oldest.len() + body.len();
                }
                evicted += 1;
            }
        }
        self.counters.evicted.fetch_add(evicted, Ordering::Relaxed);
    }

    /// Counts a `304 Not Modified`.
    pub fn not_modified(&self) {
        self.count(&self.counters.not_modified);
    }

    /// Counts a request the cache does not take.
    pub fn bypassed(&self) {
        self.counters.bypassed.fetch_add(1, Ordering::Relaxed);
    }

    /// The counters, and what is held.
    pub fn stats(&self) -> CacheStats {
        let (entries, bytes) = {
            let entries = self.lock();
            (entries.map.len(), entries.bytes)
        };
        let read = |counter: &AtomicU64| counter.load(Ordering::Relaxed);
        CacheStats {
            hits: read(&self.counters.hits),
            misses: read(&self.counters.misses),
            not_modified: read(&self.counters.not_modified),
            bypassed: read(&self.counters.bypassed),
            evicted: read(&self.counters.evicted),
            entries,
            bytes,
        }
    }

    /// Counts one answer of a cacheable request (`/metrics` reports the counters).
    fn count(&self, counter: &AtomicU64) {
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// The entries; a panic while the lock was held cannot leave them inconsistent in a way that
    /// serves a wrong answer (a key maps to the body it was put with), so poisoning is ignored.
    fn lock(&self) -> std::sync::MutexGuard<'_, Entries> {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(name: &str) -> CacheKey {
        CacheKey::of_bytes(name.as_bytes())
    }

    #[test]
    fn the_least_recently_used_entry_goes_first_when_the_count_is_reached() {
        let cache = ResponseCache::new(2, 1 << 20);
        cache.put(&key("a"), Bytes::from_static(b"1"));
        cache.put(&key("b"), Bytes::from_static(b"2"));
        assert_eq!(cache.get(&key("a")), Some(Bytes::from_static(b"1")));
        cache.put(&key("c"), Bytes::from_static(b"3"));
        assert_eq!(cache.get(&key("b")), None);
        assert!(cache.get(&key("a")).is_some() && cache.get(&key("c")).is_some());
        let stats = cache.stats();
        assert_eq!((stats.entries, stats.evicted), (2, 1));
        assert_eq!((stats.hits, stats.misses), (3, 1));
        assert_eq!(stats.bytes, 4);
    }

    #[test]
    fn bytes_are_bounded_and_an_oversized_answer_is_not_kept() {
        let cache = ResponseCache::new(100, 100);
        for name in ["a", "b", "c", "d"] {
            cache.put(&key(name), Bytes::from(vec![0; 9]));
        }
        // Each entry is 10 bytes; a replaced entry is counted once.
        cache.put(&key("d"), Bytes::from(vec![0; 9]));
        assert_eq!(cache.stats().bytes, 40);
        cache.put(&key("big"), Bytes::from(vec![0; 20]));
        assert_eq!(cache.get(&key("big")), None);
        let full = ResponseCache::new(100, 30 * 10);
        for n in 0..40 {
            full.put(&key(&format!("{n:02}")), Bytes::from(vec![0; 8]));
        }
        let stats = full.stats();
        assert!(stats.bytes <= 300, "{stats:?}");
        assert_eq!((stats.entries, stats.evicted), (30, 10));
    }

    #[test]
    fn no_entries_turns_it_off() {
        let cache = ResponseCache::new(0, 1 << 20);
        assert!(!cache.is_enabled());
        cache.put(&key("a"), Bytes::from_static(b"1"));
        assert_eq!(cache.stats().entries, 0);
    }
}
