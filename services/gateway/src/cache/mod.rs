//! The exact response cache of council endpoints: a public answer is a function of where the
//! council's answers stand ([`civic_projections::ReadPosition`]), the UK date and the question,
//! so an answer kept under all of them is never stale. See `docs/caching.md`.
//!
//! - [`key`]: which requests may be cached, their keys and `ETag`s.
//! - [`store`]: the bounded store (entries and bytes, least recently used out first) and its
//!   counters.

pub mod key;
pub mod store;

pub use key::{CacheKey, Question};
pub use store::{CacheStats, ResponseCache};
