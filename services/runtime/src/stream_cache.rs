//! Decoded streams kept between requests. History and time travel fold a record's whole stream
//! on every request, and reading and decoding its events (parsing each payload, upcasting,
//! deserialising) costs far more than the fold: a stream read once is kept, and each later
//! request reads only the events appended since.
//!
//! An entry is only ever extended by events read from the store after it, so it is never ahead
//! of or different from the log, with one exception the log itself announces: an erasure of
//! personal data changes what earlier events decode to, and it is recorded on the council's
//! stream. So each entry remembers the council stream's version it was read at, and is read
//! again whole when the council's stream has moved since. Checking both costs two short index
//! reads per request, which every process does for itself: entries are correct across processes.
//! An entry whose values were erased elsewhere stays in this process's memory, never served,
//! until it is next asked for or evicted.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use civic_domain::Event;
use civic_eventstore::{RecordedEvent, TenantId};

/// A stream's events, as stored and decoded, in stream order.
pub type Records = Arc<Vec<(RecordedEvent, Event)>>;

/// How many streams are kept. An entry holds a record's events, a few kilobytes each.
const CAPACITY: usize = 4096;

/// A stream as read, and the council stream's version when it was read.
#[derive(Debug, Clone)]
pub(crate) struct Cached {
    /// The council stream's version the entry is valid for.
    pub council_version: u64,
    /// The stream's events.
    pub records: Records,
}

impl Cached {
    /// The stream's version: its last event's.
    pub fn version(&self) -> u64 {
        self.records.last().map_or(0, |(e, _)| e.stream_version)
    }
}

/// The kept streams of every council, bounded.
#[derive(Debug, Default)]
pub(crate) struct StreamCache {
    entries: Mutex<HashMap<(TenantId, String), Cached>>,
}

impl StreamCache {
    /// The entry for `stream` of `tenant`, if one is kept.
    pub fn get(&self, tenant: TenantId, stream: &str) -> Option<Cached> {
        self.lock().get(&(tenant, stream.to_owned())).cloned()
    }

    /// Keeps `entry` for `stream` of `tenant`. When full, an arbitrary entry makes room: the
    /// cache only saves work, so which one goes affects speed, never answers.
    pub fn put(&self, tenant: TenantId, stream: &str, entry: Cached) {
        let mut entries = self.lock();
        if entries.len() >= CAPACITY
            && let Some(victim) = entries.keys().next().cloned()
        {
            entries.remove(&victim);
        }
        entries.insert((tenant, stream.to_owned()), entry);
    }

    /// Forgets every entry of `tenant` (after this process erased some of its values).
    pub fn forget(&self, tenant: TenantId) {
        self.lock().retain(|(t, _), _| *t != tenant);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<(TenantId, String), Cached>> {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
