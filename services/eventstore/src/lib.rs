//! The per-tenant, append-only, hash-chained event store of Civic Register.
//!
//! Every council (tenant) has one log. Its events have gapless positions that commit in order,
//! belong to streams (one per aggregate) with optimistic concurrency on the stream version, are
//! appended idempotently per command id, and carry a SHA-256 hash chained to the previous event of
//! the tenant's log (see `docs/audit-chain.md`). The database refuses UPDATE and DELETE on them.
//!
//! Modules:
//! - [`store`]: the [`EventStore`] trait every backend implements.
//! - [`types`]: requests, records and validated names.
//! - [`canonical_json`]: the one byte form of a payload that is stored and hashed.
//! - [`chain`]: the hash chain and its incremental verifier.
//! - [`checkpoint`]: signed checkpoints (C2SP signed note over a tlog-checkpoint body).
//! - [`export`]: the export line of an event (its Merkle leaf data), and whole-log checks.
//! - [`personal`]: personal values beside the log, sealed in events by salted commitments.
//! - [`merkle`]: the Merkle tree over a log (RFC 9162): roots, inclusion and consistency proofs.
//! - [`completion`]: database work that runs to its end even when its caller is dropped (a
//!   client that disconnects); every operation of the store and the read models uses it.
//! - [`error`]: [`StoreError`], shared by every backend.
//! - `group_commit`: PostgreSQL appends to different tenants written in one statement and commit.
//! - `heads`: the bounded cache of tenants' log heads the PostgreSQL backend chains appends to.
//! - [`postgres`], [`sqlite`]: the two backends; [`any`]: pick one from a URL at run time.
//! - [`migrations`]: the embedded schema migrations.
//! - [`location`]: [`DataLocation`], where a database URL keeps its data (a file, a server).

pub mod any;
pub mod canonical_json;
pub mod chain;
pub mod checkpoint;
pub mod completion;
mod decode;
pub mod error;
pub mod export;
mod group_commit;
mod heads;
pub mod location;
pub mod merkle;
pub mod migrations;
pub mod personal;
pub mod postgres;
mod prepare;
pub mod sqlite;
pub mod store;
pub mod types;

pub use any::{AnyEventStore, PoolUsage};
pub use canonical_json::CanonicalJson;
pub use chain::{ChainBreak, ChainVerifier, GENESIS_HASH};
pub use completion::{run_to_completion, run_to_completion_with};
pub use error::{InvalidInput, StoreError};
pub use group_commit::AppendGroups;
pub use location::DataLocation;
pub use personal::{Commitment, Disclosures, PersonalMatch, PersonalValue};
pub use postgres::PgEventStore;
pub use sqlite::SqliteEventStore;
pub use store::EventStore;
pub use types::{
    Actor, AppendMetadata, AppendOutcome, AppendRequest, CommandFingerprint, CommandRecord,
    Committed, EventType, ExpectedVersion, LogHead, MAX_BATCH, NewEvent, RecordedEvent, StreamName,
    TenantId,
};
